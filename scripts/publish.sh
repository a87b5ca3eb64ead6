#!/usr/bin/env bash
# Builds the deployment zip the Azure Functions host expects from a custom handler app:
#
#   host.json                      the host configuration (repo root)
#   <Function>/function.json       one folder per function, copied from functions/Reporting.Functions/<Function>/
#   handler/Reporting.Functions    the handler, published self-contained for linux-x64 (executable bit kept)
#   handler/...                    the rest of the self-contained publish output
#
# Usage: scripts/publish.sh [output.zip]     (default: artifacts/functionapp.zip)
# Deploy it with: az functionapp deployment source config-zip -g <rg> -n <app> --src artifacts/functionapp.zip
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

out=${1:-artifacts/functionapp.zip}
case "$out" in /*) ;; *) out="$repo/$out" ;; esac
project=functions/Reporting.Functions
handler_name=Reporting.Functions
staging="$repo/artifacts/publish-staging"

# zip keeps unix mode bits in the entries' external attributes, which the Linux host needs to exec the handler.
if ! command -v zip >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "Installing zip (apt-get)"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq zip >/dev/null
fi

rm -rf "$staging"
mkdir -p "$staging/handler" "$(dirname "$out")"

# Self-contained: the Functions Linux image promises no .NET 10 runtime.
dotnet publish "$project" -c Release -r linux-x64 --self-contained true \
  -p:PublishSingleFile=false -p:DebugType=None -p:GenerateDocumentationFile=false \
  -o "$staging/handler" --nologo -v quiet

if [ ! -f "$staging/handler/$handler_name" ]; then
  echo "publish.sh: expected the apphost handler/$handler_name in the publish output" >&2
  exit 1
fi
chmod 755 "$staging/handler/$handler_name"

cp host.json "$staging/host.json"
functions=()
for fj in "$project"/*/function.json; do
  name=$(basename "$(dirname "$fj")")
  mkdir -p "$staging/$name"
  cp "$fj" "$staging/$name/function.json"
  # The Web SDK also copies function.json files into the publish output as content; the host only reads
  # the root folders, so drop the copies to keep one source of truth in the package.
  rm -rf "${staging:?}/handler/$name"
  functions+=("$name")
done
if [ ${#functions[@]} -eq 0 ]; then
  echo "publish.sh: no functions/Reporting.Functions/<Function>/function.json found" >&2
  exit 1
fi

# Readable by the host's user whoever it is; executables (apphost, native libraries) stay executable.
chmod -R u+rwX,go+rX,go-w "$staging"
# Fixed timestamps and sorted entries make the zip depend on its content only.
find "$staging" -exec touch -h -d '2000-01-01 00:00:00 UTC' {} +
rm -f "$out"
(cd "$staging" && find . -mindepth 1 -print | LC_ALL=C sort | sed 's|^\./||' | zip -q -X -@ "$out")

echo "Wrote $out (functions: ${functions[*]})"
