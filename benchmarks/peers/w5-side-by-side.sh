#!/bin/sh
# W5 "dsa-pair" side by side on this machine (benchmarks/peers/python/WORKLOADS.md): DSA (Ostrow et al. 2023) on linear
# systems of 128 units, 50 trials x 100 steps, n_delays 10, rank 30, ridge 1e-8, angular score, one thread.
# Cohort: JMH DsaPairBench (one comparison, one DMD fit, one distance, the 10 x 10 self-pairwise matrix);
# reference: mitchellostrow/DSA v2.0.0 through benchmarks/peers/python/w5_dsa.py bench --threads 1. Run one after the other,
# never at the same time as another benchmark (the script waits), then one table.
#
# The reference implementation is NOT part of this repository and this script neither contains nor downloads it:
# put it in /tmp/peers-src first with benchmarks/peers/python/setup_peers.sh (from a folder of bare git snapshots,
# PEER_GIT_DIR=<dir holding mitchellostrow+DSA/repo>, or by git clone), which also writes the import shims to
# /tmp/peers-shims; Debian packages: python3-torch python3-numpy python3-scipy python3-sklearn python3-tqdm
# python3-omegaconf python3-prettytable python3-pot python3-joblib python3-matplotlib python3-threadpoolctl.
#
# Usage: sh benchmarks/peers/w5-side-by-side.sh [output directory, default benchmarks/results/w5-<date>]
# Environment: JMH_ARGS (default "-f 1 -wi 1 -i 3 -w 5s -r 5s"), THREADS (Cohort, default 1; the peer runs at 1),
# JAR, PEERS (default benchmarks/peers/python), DSA_SRC (default /tmp/peers-src/mitchellostrow+DSA),
# SHIMS (default /tmp/peers-shims).
set -eu
. "$(dirname "$0")/analysis-common.sh"
OUT=${1:-$ROOT/benchmarks/results/w5-$(date -u +%Y%m%dT%H%M%SZ)}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 1 -i 3 -w 5s -r 5s"}
THREADS=${THREADS:-1}
DSA_SRC=${DSA_SRC:-/tmp/peers-src/mitchellostrow+DSA}
SHIMS=${SHIMS:-/tmp/peers-shims}
need_jar
if ! PYTHONPATH="$SHIMS:$DSA_SRC" "$PY" -c "import DSA, threadpoolctl" 2>/dev/null; then
  echo "the DSA reference does not import from $DSA_SRC (with shims $SHIMS): run benchmarks/peers/python/setup_peers.sh" >&2
  echo "(PEER_GIT_DIR=<folder with mitchellostrow+DSA/repo>) and install the Debian packages listed above" >&2
  exit 1
fi
mkdir -p "$OUT"
copy_peers common.py w5_dsa.py
echo "== DSA reference: $DSA_SRC ($(PYTHONPATH="$SHIMS:$DSA_SRC" "$PY" -c 'import DSA; print("version", DSA.__version__)'))"
echo "== CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"

wait_idle
echo "== Cohort $(load): java -jar $JAR DsaPairBench -p threads=$THREADS $JMH_ARGS"
cohort_jmh 'DsaPairBench\.' 'analysis\.DsaPairBench' -p threads="$THREADS"
wait_idle
echo "== reference $(load): PYTHONPATH=$SHIMS:$DSA_SRC $PY w5_dsa.py bench --threads 1"
monitor_start
PYTHONPATH="$SHIMS:$DSA_SRC" /usr/bin/time -f "%e %U %S" -o "$OUT/dsa_t1.time" \
  "$PY" "$OUT/peer-scripts/w5_dsa.py" bench --threads 1 > "$OUT/dsa_t1.log" 2>&1 \
  || { tail -20 "$OUT/dsa_t1.log" >&2; exit 1; }
monitor_stop "DSA reference"
cat "$OUT/dsa_t1.log"
echo "== $(load)"

"$PY" - "$OUT" <<'PYEOF'
import json, os, sys
out = sys.argv[1]
cohort = {}
for r in json.load(open(os.path.join(out, "cohort.json"))):
    sec = r.get("secondaryMetrics", {})
    calls = sec.get("calls", {}).get("score", 0) or float("nan")
    cohort[(r["benchmark"].rsplit(".", 1)[-1], int(r["params"]["threads"]))] = (
        r["primaryMetric"]["score"], float(r["primaryMetric"]["scoreError"]),
        sec.get("cpuSeconds", {}).get("score", float("nan")) / calls)
e, u, s = (float(v) for v in open(os.path.join(out, "dsa_t1.time")).read().split()[-3:])
share = (u + s) / e
src = os.path.join(out, "peer-scripts/results/w5_dsa_t1.json")
peer = json.load(open(src))
print()
print("W5, 50 trials x 100 steps x 128 units, n_delays 10, rank 30, angular. Peer figures read from", src, "(this run)")
print("Reference: Adam, 2 starts x 1,000 steps; Cohort: Riemannian L-BFGS to convergence from 3 + 8 starts.")
print(f"Cores actually used: reference process {share:.2f} (user+sys / elapsed, start-up included); Cohort: CPU-s per call "
      "/ s per call. 'per CPU-s' = reference s x its cores / Cohort CPU-s per call.")
print("| what | reference s (1 thread) | Cohort s (JMH mean ± 99.9 % error) | Cohort CPU-s/call (cores) | Cohort threads "
      "| reference / Cohort | per CPU-s |")
print("|---|---|---|---|---|---|---|")
rows = []
p10 = peer["pairwise_10x10_angular"]["seconds"]
for label, bench, ps in [("one DSA comparison (2 DMD fits + 1 distance)", "pair", peer["pair_angular"]["seconds_median"]),
                         ("one DMD fit", "dmdFit", peer["stages"]["dmd_fit_s_median"]),
                         ("one angular distance", "distance", peer["stages"]["simdist_angular_s_median"]),
                         ("10 x 10 self-pairwise (10 fits + 45 distances)", "pairwise10", p10)]:
    for (b, t), (cs, ce, ccpu) in sorted(cohort.items()):
        if b != bench:
            continue
        print(f"| {label} | {ps:.3f} | {cs:.3f} ± {ce:.3f} | {ccpu:.3f} ({ccpu / cs:.2f}) | {t} | {ps / cs:.1f}x "
              f"| {ps * share / ccpu:.1f}x |")
        rows.append({"what": bench, "reference_s": ps, "cohort_s": cs, "cohort_err": ce, "cohort_threads": t,
                     "ratio": ps / cs, "cohort_cpu_s": ccpu, "reference_cores": share,
                     "ratio_per_cpu_s": ps * share / ccpu})
print(f"| (reference only) one comparison, wasserstein | {peer['pair_wasserstein']['seconds_median']:.3f} | – | – | – | – | – |")
print("Reference pair scores:", peer["pair_angular"]["scores"])
json.dump(rows, open(os.path.join(out, "side-by-side.json"), "w"), indent=1)
print()
print("Raw results:", out)
PYEOF
