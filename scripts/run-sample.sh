#!/usr/bin/env bash
# The main job, locally: starts Azurite and the app's functions in the local host (development only; no Functions
# host needed), uploads the synthetic sample trial into exports/, waits for validation, analysis and reports, copies
# the PDFs, run.json and the validation reports to out/, checks a signed download link for one site, and stops.
# To keep the app running (so printed links keep working), use scripts/local-host.sh instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
dotnet build tools/Reporting.LocalHost -c Release --no-restore --nologo -v quiet
exec dotnet tools/Reporting.LocalHost/bin/Release/net10.0/reporting-local.dll \
  --upload samples/peer-support-synthetic --out out --exit-when-done --port 0 "$@"
