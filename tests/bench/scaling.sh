#!/usr/bin/env bash
# Thread scaling (issue "Speed"): the bandwidth probe, the field solver, anchor1 and medium at each thread
# count, and each one's speed-up against the probe's own (target at 16 threads: at least 75% of the
# probe's 16-thread scaling). One table at the end. Meant for a many-core machine, after scripts/setup:
#   tests/bench/scaling.sh [THREAD COUNTS...]        (default: 1 2 4 8 16)
# MEDIUM_DAYS (default 1.25: one warm-up day, 6 counted ticks) sets medium's length; LOG_DIR, if set,
# keeps each benchmark's whole output there. The anchor1 hash column must be one value in every row
# (bit-identical fields and positions at every thread count).
set -euo pipefail
cd "$(dirname "$0")/../.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2 4 8 16)
days=${MEDIUM_DAYS:-1.25}
value() { grep -F "| $1 |" | head -1 | awk -F'|' '{gsub(/ /, "", $3); print $3}'; }
declare -A probe solver anchor hash medium
log() { if [ -n "${LOG_DIR:-}" ]; then mkdir -p "$LOG_DIR"; tee "$LOG_DIR/$1"; else cat; fi; }
for t in "${counts[@]}"; do
  echo "threads $t ..." >&2
  probe[$t]=$(build/bandwidth_probe --threads "$t" | log "probe_$t.txt" | value "triad, 3 GiB arrays (GB/s)")
  solver[$t]=$(build/solver_bench --threads "$t" --rounds 3 | log "solver_$t.txt" |
               value "warm solve: iterations / ms (best of rounds)" | cut -d/ -f2)
  a=$(build/anchor1 --threads "$t" | log "anchor1_$t.txt")
  anchor[$t]=$(value "whole loop (s)" <<<"$a")
  hash[$t]=$(value "hash of the fields' and positions' bits" <<<"$a")
  medium[$t]=$(build/model_bench configs/bench/medium.yaml --threads "$t" --days "$days" | log "medium_$t.txt" |
               value "ms per tick: whole loop")
done
b=${counts[0]}
echo
echo "| threads | triad GB/s | probe speed-up | solver warm ms | speed-up (% of probe's) | anchor1 s | speed-up (%) | anchor1 hash | medium ms/tick | speed-up (%) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for t in "${counts[@]}"; do
  awk -v t="$t" -v p="${probe[$t]}" -v p0="${probe[$b]}" -v s="${solver[$t]}" -v s0="${solver[$b]}" \
      -v a="${anchor[$t]}" -v a0="${anchor[$b]}" -v h="${hash[$t]}" -v m="${medium[$t]}" -v m0="${medium[$b]}" 'BEGIN {
    ps = p / p0
    printf "| %d | %.1f | %.2f | %.1f | %.2f (%.0f%%) | %.3f | %.2f (%.0f%%) | %s | %.1f | %.2f (%.0f%%) |\n",
      t, p, ps, s, s0 / s, 100 * s0 / s / ps, a, a0 / a, 100 * a0 / a / ps, h, m, m0 / m, 100 * m0 / m / ps }'
done
