#!/bin/sh
# W4 on ONE thread, before/after and the peer in the same run, interleaved: per round, Cohort jar A (e.g. the build
# before a change), Cohort jar B (after), then FixedPointFinderTorch (w4_fixed_points.py fff --threads 1), each
# timed by /usr/bin/time (wall, user, sys) and, for Cohort, by W4Run's own thread/process CPU clocks per phase.
# On a shared 2-core machine wall times drift with the other jobs; CPU seconds are the comparable figure, and the
# interleaving puts every side under the same drift. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for both
# sides (issue 19: both OpenBLAS builds then pick their own kernel); the peer's BLAS, version and kernel are in its
# JSON (threadpoolctl).
#
# Usage: sh benchmarks/peers/w4-one-thread.sh JAR_A JAR_B WEIGHTS.npz [output directory] 
# Environment: ROUNDS (default 2), PEERS (default benchmarks/peers/python), FFF_SRC (default
# /tmp/peers-src/mattgolub+fixed-point-finder; benchmarks/peers/python/setup_peers.sh puts it there), SKIP_PEER (1: Cohort only).
set -eu
. "$(dirname "$0")/analysis-common.sh"
A=$1; B=$2; NPZ=$3
OUT=${4:-$ROOT/benchmarks/results/w4-1t-$(date -u +%Y%m%dT%H%M%SZ)}
ROUNDS=${ROUNDS:-2}
SKIP_PEER=${SKIP_PEER:-0}
FFF_SRC=${FFF_SRC:-/tmp/peers-src/mattgolub+fixed-point-finder}
mkdir -p "$OUT"
copy_peers common.py w1_flipflop.py w4_fixed_points.py
echo "== CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; weights $NPZ"
sha256sum "$A" "$B" "$NPZ" | sed 's/^/   /'
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OPENBLAS_NUM_THREADS=1
r=1
while [ "$r" -le "$ROUNDS" ]; do
  for side in A B; do
    jar=$A; [ "$side" = B ] && jar=$B
    echo "== round $r Cohort $side $(load)"
    /usr/bin/time -f "%e %U %S" -o "$OUT/cohort_${side}_r$r.time" \
      java -cp "$jar" cohort.benchmarks.analysis.W4Run "$NPZ" 5000 1 1 > "$OUT/cohort_${side}_r$r.log" 2>&1
    grep '\[W4Run\]' "$OUT/cohort_${side}_r$r.log"
    echo "   process (JVM start and setup included) wall/user/sys: $(cat "$OUT/cohort_${side}_r$r.time")"
  done
  if [ "$SKIP_PEER" != 1 ]; then
    echo "== round $r peer fff $(load)"
    /usr/bin/time -f "%e %U %S" -o "$OUT/peer_fff_r$r.time" \
      "$PY" "$OUT/peer-scripts/w4_fixed_points.py" fff --threads 1 --weights "$NPZ" --fff "$FFF_SRC" \
      > "$OUT/peer_fff_r$r.log" 2>&1 || { tail -20 "$OUT/peer_fff_r$r.log" >&2; exit 1; }
    cp "$OUT/peer-scripts/results/w4_fff_t1.json" "$OUT/peer_fff_r$r.json"
    echo "   $(grep -E 'find_fixed_points_total_s|"n_unique"' "$OUT/peer_fff_r$r.log" | tr -s ' \n' ' ')"
    echo "   process wall/user/sys: $(cat "$OUT/peer_fff_r$r.time")"
  fi
  r=$((r + 1))
done
echo "== done $(load); raw results in $OUT"
