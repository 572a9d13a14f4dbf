#!/bin/sh
# W6, a whole study side by side: the study of a Cohort spec (default presets/smoke.yaml: 24 networks trained,
# analysed trained and untrained, compared by CKA, SVCCA, Procrustes and DSA, MDS, separability) run by Cohort
# (`cohort run SPEC --workers W`) and by the Python peer that assembles the same study from PyTorch,
# FixedPointFinderTorch, NumPy, the DSA reference and scikit-learn (python/w6_study.py SPEC --threads W), for
# W = 1 and 2, interleaved per round (Cohort W=1, peer 1 thread, Cohort W=2, peer 2 threads), each timed by
# /usr/bin/time (wall, user, sys) and by its own per-phase clocks (Cohort: the 'timing:' lines of `cohort run`;
# the peer: its JSON). On a shared 2-core machine wall times drift with the other jobs; CPU seconds (user + system,
# every thread) are the comparable figure. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for both sides (issue
# 19: both OpenBLAS builds pick their own kernel); the peer refuses to run on the reference BLAS and records its
# BLAS, version and kernel in its JSON.
#
# Usage: sh benchmarks/peers/w6-side-by-side.sh [output directory]
#   default output: benchmarks/results/w6-<UTC timestamp>/ (logs, timings, JSON, summary.txt, networks.tsv)
# Environment: SPEC (default presets/smoke.yaml), ROUNDS (default 1), WORKERS (default "1 2"), STUDIES (where the
#   study directories go, default /tmp/w6-studies-<timestamp>: 20 MB of HDF5 per round and worker count, not kept
#   in the results), FFF_SRC (default /tmp/peers-src/mattgolub+fixed-point-finder), DSA_SRC (default
#   /tmp/peers-src/mitchellostrow+DSA), SHIMS (default /tmp/peers-shims); python/setup_peers.sh puts all three there.
# Build Cohort first: mvn -B -ntp -q package -DskipTests -pl study -am
set -eu
. "$(dirname "$0")/analysis-common.sh"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${1:-$ROOT/benchmarks/results/w6-$STAMP}
SPEC=${SPEC:-$ROOT/presets/smoke.yaml}
ROUNDS=${ROUNDS:-1}
WORKERS=${WORKERS:-"1 2"}
STUDIES=${STUDIES:-/tmp/w6-studies-$STAMP}
FFF_SRC=${FFF_SRC:-/tmp/peers-src/mattgolub+fixed-point-finder}
DSA_SRC=${DSA_SRC:-/tmp/peers-src/mitchellostrow+DSA}
SHIMS=${SHIMS:-/tmp/peers-shims}
CP="$ROOT/study/target/cohort-study-0.1.0-SNAPSHOT.jar:$ROOT/study/target/lib/*"
if [ ! -f "$ROOT/study/target/cohort-study-0.1.0-SNAPSHOT.jar" ]; then
  echo "missing the Cohort build; build it first: mvn -B -ntp -q package -DskipTests -pl study -am" >&2
  exit 1
fi
for d in "$FFF_SRC" "$DSA_SRC" "$SHIMS"; do
  if [ ! -d "$d" ]; then
    echo "missing $d: run sh benchmarks/peers/python/setup_peers.sh (PEER_GIT_DIR=... without network)" >&2
    exit 1
  fi
done
mkdir -p "$OUT" "$STUDIES"
copy_peers common.py w6_study.py w6_summary.py
cp "$SPEC" "$OUT/spec.yaml"
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
{
  echo "== CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
  echo "== Cohort $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), spec $SPEC, rounds $ROUNDS, workers $WORKERS"
  echo "== $(java -version 2>&1 | head -1); $("$PY" -c 'import torch, numpy, sklearn; print("torch", torch.__version__, "numpy", numpy.__version__, "sklearn", sklearn.__version__)')"
  echo "== studies in $STUDIES"
} | tee "$OUT/run.log"
monitor_start
r=1
while [ "$r" -le "$ROUNDS" ]; do
  for w in $WORKERS; do
    echo "== round $r Cohort --workers $w $(load)" | tee -a "$OUT/run.log"
    rm -rf "$STUDIES/cohort_w${w}_r$r"
    /usr/bin/time -f "%e %U %S" -o "$OUT/cohort_w${w}_r$r.time" \
      java -cp "$CP" cohort.study.cli.CohortCommand run "$SPEC" --out "$STUDIES/cohort_w${w}_r$r" --workers "$w" \
      > "$OUT/cohort_w${w}_r$r.log" 2> "$OUT/cohort_w${w}_r$r.err" || { tail -20 "$OUT/cohort_w${w}_r$r.err" >&2; exit 1; }
    grep '^timing:' "$OUT/cohort_w${w}_r$r.log" | sed 's/^/   /' | tee -a "$OUT/run.log"
    echo "   process wall/user/sys: $(cat "$OUT/cohort_w${w}_r$r.time")" | tee -a "$OUT/run.log"
    echo "== round $r Python --threads $w $(load)" | tee -a "$OUT/run.log"
    rm -rf "$STUDIES/peer_t${w}_r$r"
    /usr/bin/time -f "%e %U %S" -o "$OUT/peer_t${w}_r$r.time" \
      env PYTHONPATH="$SHIMS:$DSA_SRC" "$PY" "$OUT/peer-scripts/w6_study.py" "$SPEC" --threads "$w" \
      --out "$STUDIES/peer_t${w}_r$r" --json "$OUT/peer_t${w}_r$r.json" --fff "$FFF_SRC" \
      > "$OUT/peer_t${w}_r$r.log" 2>&1 || { tail -20 "$OUT/peer_t${w}_r$r.log" >&2; exit 1; }
    echo "   process wall/user/sys: $(cat "$OUT/peer_t${w}_r$r.time")" | tee -a "$OUT/run.log"
  done
  r=$((r + 1))
done
monitor_stop "W6" | tee -a "$OUT/run.log"
"$PY" "$OUT/peer-scripts/w6_summary.py" "$OUT" "$STUDIES"
echo "== done $(load); results in $OUT" | tee -a "$OUT/run.log"
