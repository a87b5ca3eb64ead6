#!/usr/bin/env bash
# Runs the app's functions on this machine until Ctrl-C or SIGTERM (development only; never deployed): Azurite, the
# queue and timer triggers, the HTTP functions on http://127.0.0.1:7071/api/... . Options (see --help):
#   --port N       HTTP port (default 7071; 0 picks a free one)
#   --data DIR     keep storage in DIR, so runs, reports and links survive a restart
#   --watch DIR    a drop folder: files placed in DIR/<trialId>/ are uploaded and their results copied back
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh >&2
dotnet build tools/Reporting.LocalHost -c Release --no-restore --nologo -v quiet >&2
exec dotnet tools/Reporting.LocalHost/bin/Release/net10.0/reporting-local.dll "$@"
