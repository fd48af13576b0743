#!/usr/bin/env bash
# Benchmark (not a test): one simulated year of the baseline config, one replicate, at the given thread
# count; prints wall time, peak memory and the per-phase milliseconds per tick that marrow logs.
#   tests/bench/baseline_year.sh [THREADS]      (after scripts/setup)
set -euo pipefail
cd "$(dirname "$0")/../.."
threads=${1:-2}
out=$(mktemp -d)
/usr/bin/time -f "wall %e s, peak RSS %M KiB" build/marrow run configs/baseline.yaml -o "$out" \
  --set replicates=1 --threads "$threads" 2>&1 | grep -E "ms per tick|wall|wrote"
rm -rf "$out"
