#!/usr/bin/env bash
# The main job, locally: starts Azurite and the Functions handler behind the local trigger host, uploads the
# synthetic sample trial into exports/, waits for validation, analysis and reports, copies the PDFs to out/,
# prints a signed download link for one site, and stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
dotnet build functions/Reporting.Cli -c Release --no-restore --nologo -v quiet
exec dotnet functions/Reporting.Cli/bin/Release/net10.0/reporting.dll dev \
  --upload samples/peer-support-synthetic --out out --exit-when-done "$@"
