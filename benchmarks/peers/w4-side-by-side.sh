#!/bin/sh
# W4 "fixed-points" side by side on this machine (benchmarks/peers/python/WORKLOADS.md): Sussillo-Barak fixed-point search
# from 1,024 initial states on a GRU N=128 trained on the 3-bit flip-flop, input 0, at most 5,000 iterations.
# Cohort: JMH FixedPointsBench (the whole FixedPointFinder.find at THREADS threads); peers, one thread each:
# benchmarks/peers/python/w4_fixed_points.py scratch (PyTorch float64, Adam lr 0.01) and fff (mattgolub/fixed-point-finder's
# FixedPointFinderTorch, float32, its defaults). Run one after the other, never at the same time as another
# benchmark (the script waits), then one table.
#
# Weights: both sides load the same PyTorch-trained GRU (w1_flipflop.py train --save …) when one is available:
# $W4_WEIGHTS, else $PEERS/data/w1_gru128_trained.npz, else, with TRAIN_PEER=1, the script trains it first
# (w1_flipflop.py train --arch gru --n 128 --iters 2000 --threads 1, ≈ 200 s). Without any, Cohort trains its own
# GRU in the benchmark setup (Cohort's Trainer, 300 iterations) and the peer side is NOT rerun: the table then
# shows RESULTS.md's published peer figures, labelled as such (different network, different run).
#
# FixedPointFinder is NOT part of this repository and this script neither contains nor downloads it: put it in
# /tmp/peers-src first with benchmarks/peers/python/setup_peers.sh (PEER_GIT_DIR=<folder with
# mattgolub+fixed-point-finder/repo>, or git clone). Debian packages: python3-torch python3-numpy
# python3-threadpoolctl.
#
# Usage: sh benchmarks/peers/w4-side-by-side.sh [output directory, default benchmarks/results/w4-<date>]
# Environment: JMH_ARGS (default "-f 1 -wi 0 -i 2": single shots, one search is long), THREADS (default 1,2),
# MAX_ITERATIONS (Cohort only, default 5000; e.g. 200 for a quick per-state-iteration cost), W4_WEIGHTS,
# TRAIN_PEER (default 0), SKIP_COHORT (1: peers only), JAR, PEERS (default benchmarks/peers/python),
# FFF_SRC (default /tmp/peers-src/mattgolub+fixed-point-finder).
set -eu
. "$(dirname "$0")/analysis-common.sh"
OUT=${1:-$ROOT/benchmarks/results/w4-$(date -u +%Y%m%dT%H%M%SZ)}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 0 -i 2"}
THREADS=${THREADS:-1,2}
TRAIN_PEER=${TRAIN_PEER:-0}
SKIP_COHORT=${SKIP_COHORT:-0}
MAX_ITERATIONS=${MAX_ITERATIONS:-5000}
FFF_SRC=${FFF_SRC:-/tmp/peers-src/mattgolub+fixed-point-finder}
need_jar
mkdir -p "$OUT"
copy_peers common.py w1_flipflop.py w4_fixed_points.py
echo "== CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"

NPZ=${W4_WEIGHTS:-}
if [ -z "$NPZ" ] && [ -f "$PEERS/data/w1_gru128_trained.npz" ]; then
  NPZ="$PEERS/data/w1_gru128_trained.npz"
fi
if [ -z "$NPZ" ] && [ "$TRAIN_PEER" = 1 ]; then
  wait_idle
  NPZ="$OUT/peer-scripts/data/w1_gru128_trained.npz"
  echo "== training the peer GRU $(load): $PY w1_flipflop.py train --arch gru --n 128 --iters 2000 --threads 1"
  monitor_start
  "$PY" "$OUT/peer-scripts/w1_flipflop.py" train --arch gru --n 128 --iters 2000 --threads 1 --save "$NPZ" \
    > "$OUT/peer_train.log" 2>&1 || { tail -20 "$OUT/peer_train.log" >&2; exit 1; }
  monitor_stop "peer training (not timed for the table)"
  tail -3 "$OUT/peer_train.log"
fi
PEER_RUN=0
if [ -n "$NPZ" ]; then
  if ! "$PY" -c "import torch, threadpoolctl" 2>/dev/null; then
    echo "PyTorch or threadpoolctl is missing for $PY: apt-get install python3-torch python3-threadpoolctl" >&2
    exit 1
  fi
  if [ ! -f "$FFF_SRC/FixedPointFinderTorch.py" ]; then
    echo "FixedPointFinder is not in $FFF_SRC: run benchmarks/peers/python/setup_peers.sh first" >&2
    exit 1
  fi
  PEER_RUN=1
  WEIGHTS_PARAM="$NPZ"
  echo "== weights (both sides): $NPZ"
else
  WEIGHTS_PARAM=trainer
  echo "== no PyTorch-trained GRU (W4_WEIGHTS, $PEERS/data/w1_gru128_trained.npz, TRAIN_PEER=1): Cohort trains its"
  echo "   own GRU (Trainer, 300 iterations); the peer side is not rerun, RESULTS.md's figures are shown instead"
fi

if [ "$SKIP_COHORT" != 1 ]; then
wait_idle
echo "== Cohort $(load): java -jar $JAR FixedPointsBench -p threads=$THREADS -p weights=$WEIGHTS_PARAM -p maxIterations=$MAX_ITERATIONS $JMH_ARGS"
cohort_jmh 'FixedPointsBench\.|\[W4 ' 'analysis\.FixedPointsBench' -p threads="$THREADS" -p weights="$WEIGHTS_PARAM" \
  -p maxIterations="$MAX_ITERATIONS"
echo "== $(load)"
else
  echo "[]" > "$OUT/cohort.json"; : > "$OUT/cohort.log"; echo "== Cohort side skipped (SKIP_COHORT=1)"
fi
if [ "$PEER_RUN" = 1 ]; then
  for mode in scratch fff; do
    wait_idle
    echo "== peer $mode $(load): $PY w4_fixed_points.py $mode --threads 1 --weights $NPZ"
    monitor_start
    /usr/bin/time -f "%e %U %S" -o "$OUT/peer_$mode.time" \
      "$PY" "$OUT/peer-scripts/w4_fixed_points.py" "$mode" --threads 1 --weights "$NPZ" --fff "$FFF_SRC" \
      > "$OUT/peer_$mode.log" 2>&1 || { tail -20 "$OUT/peer_$mode.log" >&2; exit 1; }
    monitor_stop "peer $mode"
    echo "   $(grep -E '"total_s"|find_fixed_points_total_s|"optimise_s"|"n_unique"' "$OUT/peer_$mode.log" | tr -s ' \n' ' ')"
  done
  echo "== $(load)"
fi

"$PY" - "$OUT" "$PEER_RUN" <<'PYEOF'
import json, os, re, sys
out, peer_run = sys.argv[1], sys.argv[2] == "1"
cohort = {}
for r in json.load(open(os.path.join(out, "cohort.json"))):
    sec = r.get("secondaryMetrics", {})
    calls = sec.get("calls", {}).get("score", 0) or float("nan")
    if int(r["params"].get("maxIterations", 5000)) != 5000:
        print(f"NOTE: Cohort ran with maxIterations={r['params']['maxIterations']}, not W4's 5,000 (see the summary lines)")
    cohort[int(r["params"]["threads"])] = (r["primaryMetric"]["score"], float(r["primaryMetric"]["scoreError"]),
                                           r["primaryMetric"]["rawData"][0],
                                           sec.get("cpuSeconds", {}).get("score", float("nan")) / calls)
summary = {}
for line in open(os.path.join(out, "cohort.log")):
    m = re.search(r"\[W4 summary\].*threads=(\d+): (.*)", line)
    if m:
        summary[int(m.group(1))] = m.group(2).strip()
print()
if peer_run:
    s = json.load(open(os.path.join(out, "peer-scripts/results/w4_scratch_t1.json")))
    f = json.load(open(os.path.join(out, "peer-scripts/results/w4_fff_t1.json")))
    src = os.path.join(out, "peer-scripts/results/w4_{scratch,fff}_t1.json") + " (this run, same weights)"
    scratch_total, scratch_opt, scratch_iters = s["total_s"], s["times_s"]["optimise_s"], s["iters_run"]
    fff_total, fff_iters = f["times_s"]["find_fixed_points_total_s"], f["iters_run"]
    peer_q = (s["q_quantiles"], f["q_quantiles"])
    shares = []
    for mode in ("scratch", "fff"):
        e, u, sy = (float(v) for v in open(os.path.join(out, f"peer_{mode}.time")).read().split()[-3:])
        shares.append((u + sy) / e)
    print(f"Peer processes' cores (user+sys / elapsed, start-up included): scratch {shares[0]:.2f}, fff {shares[1]:.2f}")
else:
    src = "shared/peers/RESULTS.md (published 2026-11-22, PyTorch-trained GRU: NOT this run and NOT the same network)"
    scratch_total, scratch_opt, scratch_iters = 115.9, 100.1, 5000
    fff_total, fff_iters = 72.6, 5000
    peer_q = None
print("W4, 1,024 initial states, GRU N=128, <= 5,000 iterations. Peer figures read from", src)
print("| side | threads | seconds, whole search | iterations | peer / Cohort |")
print("|---|---|---|---|---|")
print(f"| PyTorch from scratch (float64, Adam lr 0.01, joint) | 1 | {scratch_total:.1f} (optimise {scratch_opt:.1f}) "
      f"| {scratch_iters} | – |")
print(f"| FixedPointFinderTorch (float32, defaults) | 1 | {fff_total:.1f} | {fff_iters} | – |")
rows = []
for t, (cs, ce, raw, ccpu) in sorted(cohort.items()):
    print(f"| Cohort FixedPointFinder (per-state Adam + ALR, float32 sigmoid/tanh; float64 products, polish and results) | {t} | {cs:.1f} ± {ce:.1f} "
          f"[{ccpu:.1f} CPU-s, {ccpu / cs:.2f} cores] "
          f"(shots {', '.join(f'{v:.1f}' for v in raw)}) | see below | scratch {scratch_total / cs:.2f}x, "
          f"FFF {fff_total / cs:.2f}x |")
    rows.append({"threads": t, "cohort_s": cs, "cohort_err": ce, "cohort_shots": raw, "cohort_cpu_s": ccpu,
                 "scratch_s": scratch_total,
                 "fff_s": fff_total, "peer_source": src})
for t, line in sorted(summary.items()):
    print(f"Cohort, {t} thread(s): {line}")
if peer_q:
    print("peer q quantiles (scratch, fff):", json.dumps(peer_q[0]), json.dumps(peer_q[1]))
json.dump(rows, open(os.path.join(out, "side-by-side.json"), "w"), indent=1)
print()
print("Raw results:", out)
PYEOF
