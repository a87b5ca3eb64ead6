#!/usr/bin/env bash
# The reliability tests, short and full variants (docs/reliability.md): storage faults injected by a proxy (100 or more
# over 36 uploads in the full variant), a worker killed mid-ingest twice (the full variant waits out the queue's
# ten-minute lease, so it takes about 12 minutes), and 50 trials uploading at once. Ends with what each test measured
# (also in TestResults/reliability-summary.txt). scripts/test.sh runs only the short variants.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh || exit 1
dotnet build tests/Reporting.Functions.Tests -c Release --no-restore --nologo -v quiet || exit 1
mkdir -p TestResults
summary="$PWD/TestResults/reliability-summary.txt"
rm -f "$summary"
RELIABILITY_FULL=1 RELIABILITY_SUMMARY="$summary" dotnet test tests/Reporting.Functions.Tests --no-build -c Release --nologo \
  --filter "FullyQualifiedName~Reporting.Functions.Tests.Reliability" --logger "console;verbosity=minimal"
status=$?
echo
echo "What the reliability tests measured:"
[ -f "$summary" ] && cat "$summary"
exit "$status"
