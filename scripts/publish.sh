#!/usr/bin/env bash
# Builds the deployment package of the isolated-worker Functions app: the `dotnet publish` output of
# functions/Reporting.Functions, framework-dependent (Flex Consumption's dotnet-isolated 10.0 runtime provides .NET),
# zipped with the files at the root, as the Functions host reads them:
#
#   host.json                  the host configuration (the repository's, linked into the project)
#   functions.metadata         the functions and their bindings, written by the Worker SDK at build time
#   worker.config.json         how the host starts the worker: dotnet Reporting.Functions.dll
#   extensions.json            the host-side binding extensions, under .azurefunctions/
#   Reporting.Functions.dll    the worker, with its dependencies beside it
#   .azurefunctions/           the extension assemblies the host loads
#
# Usage: scripts/publish.sh [output.zip]     (default: artifacts/functionapp.zip)
# Deploy it with: az functionapp deployment source config-zip -g <rg> -n <app> --src artifacts/functionapp.zip
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

out=${1:-artifacts/functionapp.zip}
case "$out" in /*) ;; *) out="$repo/$out" ;; esac
project=functions/Reporting.Functions

# Info-ZIP's zip reads the entry list from stdin, so the order is ours, and -X leaves out extra fields (uid/gid,
# extended timestamps) that would make the zip depend on the machine.
if ! command -v zip >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "Installing zip (apt-get)"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq zip >/dev/null
fi

staging=$(mktemp -d "${TMPDIR:-/tmp}/reporting-publish.XXXXXX")
trap 'rm -rf "$staging"' EXIT
mkdir -p "$(dirname "$out")"

# The symbol files stay in: they put line numbers into the stack traces the host logs.
dotnet publish "$project" -c Release -o "$staging" --nologo -v quiet

for required in host.json functions.metadata worker.config.json extensions.json Reporting.Functions.dll .azurefunctions; do
  if [ ! -e "$staging/$required" ]; then
    echo "publish.sh: $required is missing from the publish output of $project" >&2
    exit 1
  fi
done

# Readable by the host's user whoever it is.
chmod -R u+rwX,go+rX,go-w "$staging"
# Fixed timestamps and sorted entries make the zip depend on its content only. Zip entries hold local wall-clock
# times, so the zip is written in UTC: every entry reads 2000-01-01 00:00 wherever it was built.
find "$staging" -exec touch -h -d '2000-01-01 00:00:00 UTC' {} +
rm -f "$out"
(cd "$staging" && find . -mindepth 1 -print | LC_ALL=C sort | sed 's|^\./||' | TZ=UTC zip -q -X -@ "$out")

bytes=$(stat -c %s "$out")
entries=$(cd "$staging" && find . -mindepth 1 -type f | wc -l)
echo "Wrote $out: $bytes bytes ($(( (bytes + 524288) / 1048576 )) MB), $entries files"
