#!/bin/sh
# W3 "cka-pairs" side by side on this machine (benchmarks/peers/python/WORKLOADS.md): the 100 × 100 linear CKA matrix and the
# 100 × 100 SVCCA matrix (per-network SVD cached) of 100 activation matrices of 2,000 × 128, at 1 and 2 threads.
# Cohort: JMH LinearCkaPairsBench and SvccaPairsBench; NumPy/OpenBLAS: benchmarks/peers/python/w3_similarity.py bench
# --threads 1 and --threads 2 (both BLAS and torch pools pinned). Run one after the other, never at the same time
# as another benchmark (the script waits), then one table: NumPy seconds, Cohort seconds, ratio, GFLOP/s.
#
# Usage (from anywhere, after `mvn -B -o -pl benchmarks -am package -DskipTests`):
#   sh benchmarks/peers/w3-side-by-side.sh [output directory, default benchmarks/results/w3-<date>]
# Environment: JMH_ARGS (default "-f 1 -wi 1 -i 3 -w 5s -r 5s"), THREADS (default 1,2), DGEMM_1T (this machine's
# one-thread dgemm GFLOP/s for the % column, default 46 from RESULTS.md W2), JAR (default
# benchmarks/target/benchmarks.jar), PEERS (default benchmarks/peers/python: the folder with w3_similarity.py and
# common.py, copied unchanged into the output directory and run from there).
set -eu
. "$(dirname "$0")/analysis-common.sh"
OUT=${1:-$ROOT/benchmarks/results/w3-$(date -u +%Y%m%dT%H%M%SZ)}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 1 -i 3 -w 5s -r 5s"}
THREADS=${THREADS:-1,2}
need_jar
if ! "$PY" -c "import numpy, threadpoolctl" 2>/dev/null; then
  echo "NumPy or threadpoolctl is missing for $PY: apt-get install python3-numpy python3-threadpoolctl" >&2
  exit 1
fi
mkdir -p "$OUT"
copy_peers common.py w3_similarity.py
echo "== CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"

wait_idle
echo "== Cohort $(load): java -jar $JAR 'LinearCkaPairsBench|SvccaPairsBench' -p threads=$THREADS $JMH_ARGS"
cohort_jmh 'PairsBench\.' 'analysis\.(LinearCkaPairsBench|SvccaPairsBench)' -p threads="$THREADS"
echo "== $(load)"
for t in $(echo "$THREADS" | tr , ' '); do
  wait_idle
  echo "== NumPy $(load): $PY w3_similarity.py bench --threads $t"
  monitor_start
  /usr/bin/time -f "%e %U %S" -o "$OUT/numpy_t$t.time" \
    "$PY" "$OUT/peer-scripts/w3_similarity.py" bench --threads "$t" > "$OUT/numpy_t$t.log" 2>&1 \
    || { tail -20 "$OUT/numpy_t$t.log" >&2; exit 1; }
  monitor_stop "NumPy, $t thread(s)"
  cat "$OUT/numpy_t$t.log"
done
echo "== $(load)"

"$PY" - "$OUT" "$THREADS" <<'PYEOF'
import json, os, sys
out, threads = sys.argv[1], [int(t) for t in sys.argv[2].split(",")]
FEATURE_GFLOP = 4950 * 2 * 2000 * 128 ** 2 / 1e9   # the 4,950 pair products of the feature-space form (WORKLOADS.md)
EXECUTED_GFLOP = 73.46                               # Cohort's Gram route for this shape: 52.8 dgemm + 20.6 dsyrk
DGEMM_1T = float(os.environ.get("DGEMM_1T", "46"))   # one-thread dgemm GFLOP/s: 46 = W2 on the Xeon of RESULTS.md
cohort = {}
for r in json.load(open(os.path.join(out, "cohort.json"))):
    name = r["benchmark"].rsplit(".", 2)[-2]
    sec = r.get("secondaryMetrics", {})
    calls = sec.get("calls", {}).get("score", 0) or float("nan")
    cohort[(name, int(r["params"]["threads"]))] = (r["primaryMetric"]["score"], float(r["primaryMetric"]["scoreError"]),
                                                   sec.get("cpuSeconds", {}).get("score", float("nan")) / calls)
print()
print("W3, 100 networks x 2,000 samples x 128 units, 4,950 pairs, float64. Peer figures read from",
      os.path.join(out, "peer-scripts/results/w3_similarity_t{1,2}.json"), "(this run)")
print("Cores actually used: NumPy = user+sys / elapsed of its whole process (start-up and data included); Cohort = "
      "process CPU-s per call / s per call. 'per CPU-s' = NumPy s x its cores / Cohort CPU-s per call.")
print("| metric | threads | NumPy s (median [min-max] of 3) | NumPy cores | Cohort s (JMH mean ± 99.9 % error) "
      "| Cohort CPU-s/call (cores) | NumPy / Cohort | per CPU-s "
      "| Cohort GFLOP/s executed (% of dgemm) | feature-space-equivalent GFLOP/s: NumPy, Cohort |")
print("|---|---|---|---|---|---|---|---|---|---|")
rows = []
for t in threads:
    peer = json.load(open(os.path.join(out, f"peer-scripts/results/w3_similarity_t{t}.json")))
    e, u, s = (float(v) for v in open(os.path.join(out, f"numpy_t{t}.time")).read().split()[-3:])
    share = (u + s) / e
    for metric, bench, key in [("linear CKA", "LinearCkaPairsBench", "cka"),
                               ("SVCCA 99 %, cached SVD", "SvccaPairsBench", "svcca_cached")]:
        p = peer[key]
        ps = p["seconds_median"]
        if (bench, t) not in cohort:
            continue
        cs, ce, ccpu = cohort[(bench, t)]
        extra = ""
        row = {"metric": metric, "threads": t, "numpy_s": ps, "numpy_s_all": p["seconds"], "cohort_s": cs,
               "cohort_err": ce, "ratio": ps / cs, "numpy_cores": share, "cohort_cpu_s": ccpu,
               "ratio_per_cpu_s": ps * share / ccpu}
        if key == "cka":
            ex = EXECUTED_GFLOP / cs
            extra = (f"| {ex:.1f} ({100 * ex / (DGEMM_1T * t):.0f} % of {DGEMM_1T * t:.0f}) "
                     f"| {FEATURE_GFLOP / ps:.1f}, {FEATURE_GFLOP / cs:.1f} |")
            row.update(cohort_gflops_executed=ex, cohort_gflops_equivalent=FEATURE_GFLOP / cs,
                       numpy_gflops=FEATURE_GFLOP / ps)
        else:
            extra = f"| – | – (kept dims {p['kept_dims_min_max']}) |"
        print(f"| {metric} | {t} | {ps:.3f} [{min(p['seconds']):.3f}-{max(p['seconds']):.3f}] | {share:.2f} "
              f"| {cs:.3f} ± {ce:.3f} | {ccpu:.2f} ({ccpu / cs:.2f}) | {ps / cs:.2f}x | {ps * share / ccpu:.2f}x {extra}")
        rows.append(row)
    u = peer["svcca_per_pair_uncached"]
    print(f"| (NumPy only) SVCCA from scratch per pair | {t} | {u['ms_per_pair_median']:.1f} ms/pair, "
          f"{u['extrapolated_4950_s']:.0f} s extrapolated | – | – | – | – | – | – | – |")
json.dump(rows, open(os.path.join(out, "side-by-side.json"), "w"), indent=1)
print()
print("Raw results:", out)
PYEOF
