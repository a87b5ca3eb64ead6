#!/usr/bin/env bash
# Installs what the run and the tests need on a fresh Debian machine with the .NET SDK and Node:
# Debian's PDF tools (the tests read the PDFs back, and validate them as PDF/A-1b), the pinned Azurite (npm ci from the lockfile)
# and the NuGet packages. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need_apt+=(qpdf)
# Apache PDFBox Preflight checks the reports are PDF/A-1b; it needs a Java runtime and two Java EE APIs Debian packages apart.
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
[ -f /usr/share/java/preflight.jar ] || need_apt+=(libpdfbox2-java)
[ -f /usr/share/java/javax.activation.jar ] || need_apt+=(libactivation-java)
[ -f /usr/share/java/jaxb-api.jar ] || need_apt+=(libjaxb-api-java)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "Installing Debian packages: ${need_apt[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing Azurite (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

dotnet restore Reporting.sln --verbosity quiet
