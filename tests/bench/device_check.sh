#!/usr/bin/env bash
# The many-core check of the issue "Speed", as one call on a borrowed machine: what the machine is, thread
# scaling at 1-16 threads (scaling.sh, with anchor1's bit hash per thread count), and bit-identical
# `marrow run` output at 2 and 16 threads (same_output.py; ctest checks 1, 2 and 4 threads).
#   tests/bench/device_check.sh OUT_DIR [THREAD COUNTS...]        (default: 1 2 4 8 16)
# Needs the programs in build/ (scripts/setup). Where the Debian libraries are missing, put their copies
# on LD_LIBRARY_PATH and point UDUNITS2_XML_PATH at udunits2.xml (docs/benchmarks.md says how).
# PYTHON (default python3) must have h5py and numpy. Writes OUT_DIR/machine.txt, scaling.md, determinism.txt and logs.tar.gz (every benchmark's output).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(realpath "$1"); shift
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2 4 8 16)
top=${counts[-1]}
mkdir -p "$out"
logs=$(mktemp -d)
{ echo "nproc $(nproc)"; lscpu | grep -E 'Model name|^CPU\(s\)|Socket|Core|Thread|NUMA node|L2|L3' || true
  free -g | sed -n 1,2p || true; ldd --version 2>&1 | sed -n 1p || true; } > "$out/machine.txt"
cat "$out/machine.txt"
LOG_DIR=$logs tests/bench/scaling.sh "${counts[@]}" | tee "$out/scaling.md"
for t in 2 "$top"; do
  build/marrow run configs/ovx_vs_sham.yaml --set duration=28d --set replicates=1 --threads "$t" \
    -o "$logs/run_$t" > "$logs/run_$t.log" 2>&1
done
"${PYTHON:-python3}" tests/bench/same_output.py "$logs/run_2" "$logs/run_$top" | tee "$out/determinism.txt"
tar -czf "$out/logs.tar.gz" -C "$logs" --exclude='*.h5' --exclude='*.xmf' .
