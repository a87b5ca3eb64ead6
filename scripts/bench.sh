#!/usr/bin/env bash
# Benchmarks the pipeline on the sample trial and on a generated 1,000,000-contact trial (200 sites,
# 100,000 participants) against an R/data.table peer, and prints the tables (also written to
# artifacts/bench/results.md). Extra arguments go to reporting-bench (for example --runs 3, or --app for the
# local app under 50 concurrent uploads). See docs/benchmark.md for what each column means.
set -euo pipefail
cd "$(dirname "$0")/.."

# R and data.table for the peer: Debian's packages, installed only when missing.
if ! Rscript -e 'library(data.table)' >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "Installing R and data.table (r-base-core, r-cran-data.table)"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq r-base-core r-cran-data.table >/dev/null
fi

# --app needs the pinned Azurite.
if [[ " $* " == *" --app "* ]] && { [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  echo "Installing Azurite (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Native AOT links with the system's C toolchain (clang, or gcc when there is no clang): installed only when missing.
if ! command -v clang >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "Installing a C toolchain for the native CLI and phases runner (gcc)"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq gcc libc6-dev >/dev/null
fi

# The CLI as users run it from a publish for their platform: compiled ahead of time to one native executable
# (PublishAot in the CLI project), so a short command does not wait for a JIT. The benchmark times whole processes of it.
cli_dir=artifacts/bench/cli
rm -rf "$cli_dir"
dotnet publish functions/Reporting.Cli -c Release -r linux-x64 -o "$cli_dir" --nologo -v quiet
# The phases runner the same way, so the phase table times the same native code (reporting-bench --phases).
phases_dir=artifacts/bench/phases
rm -rf "$phases_dir"
dotnet publish tools/Reporting.Bench.Phases -c Release -r linux-x64 -o "$phases_dir" --nologo -v quiet
dotnet build tools/Reporting.Bench -c Release --nologo -v quiet
bench=(dotnet tools/Reporting.Bench/bin/Release/net10.0/reporting-bench.dll)

# The large trial is generated once; the same seed always gives the same files.
large=artifacts/bench/large
large_args=(--sites 200 --participants 100000 --contacts-per-participant 20 --seed 1)
stamp="$large/.generated-with"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "${large_args[*]}" ]; then
  rm -rf "$large"
  "$cli_dir/reporting" sample --out "$large" "${large_args[@]}"
  echo "${large_args[*]}" > "$stamp"
fi

echo "nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"${bench[@]}" sample=samples/peer-support-synthetic large-1m="$large" --cli "$cli_dir/reporting" \
  --phases "$phases_dir/reporting-bench-phases" --out artifacts/bench/results.md "$@"
