#!/usr/bin/env bash
# Benchmarks the pipeline on the sample trial and on a generated 1,000,000-contact trial (200 sites,
# 100,000 participants) against an R/data.table peer, and prints the table (also written to
# artifacts/bench/results.md). Extra arguments go to `reporting bench` (for example --runs 3).
# See docs/benchmark.md for what each column means.
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

dotnet build functions/Reporting.Cli -c Release --nologo -v quiet
cli=(dotnet functions/Reporting.Cli/bin/Release/net10.0/reporting.dll)

# The large trial is generated once; the same seed always gives the same files.
large=artifacts/bench/large
large_args=(--sites 200 --participants 100000 --contacts-per-participant 20 --seed 1)
stamp="$large/.generated-with"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "${large_args[*]}" ]; then
  rm -rf "$large"
  "${cli[@]}" sample --out "$large" "${large_args[@]}"
  echo "${large_args[*]}" > "$stamp"
fi

echo "nproc: $(nproc)"
"${cli[@]}" bench sample=samples/peer-support-synthetic large-1m="$large" --out artifacts/bench/results.md "$@"
