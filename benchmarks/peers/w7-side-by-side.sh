#!/bin/sh
# W7 "population pairs" side by side on this machine (benchmarks/peers/python/WORKLOADS.md, W7; issue 19): all pairs
# of linear CKA and of SVCCA among 1,000 networks' activations (2,000 samples x 128 units, float64) and of angular
# DSA among 500 linear systems (50 trials x 100 steps x 128 units, 10 delays, rank 30), one thread.
# Cohort: W7Run (the whole CKA and SVCCA matrices; for DSA every DMD fit and a random sample of pairs, extrapolated);
# peers: NumPy/OpenBLAS and the DSA reference through benchmarks/peers/python/w7_population.py (per-network work for
# every network, the per-pair work on a random sample, extrapolated to all pairs). Also the one-thread dgemm rate of
# this machine in the same run (NumPy, 2048^2), the ceiling of the Gram products.
#
# The DSA reference is NOT part of this repository: put it in /tmp/peers-src with benchmarks/peers/python/setup_peers.sh
# first (see w5-side-by-side.sh). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for both sides, so both OpenBLAS
# builds pick their own kernel; the peer's BLAS, version and kernel are in its JSON (threadpoolctl).
#
# Usage (after `mvn -B -ntp -pl benchmarks -am package -DskipTests`):
#   sh benchmarks/peers/w7-side-by-side.sh [output directory, default benchmarks/results/w7-<date>]
# Environment: NETS (default 1000), DSA_NETS (500), DSA_PAIRS (Cohort's sample of DSA pairs, 200), PEER_PAIRS (2000),
# PEER_DSA_PAIRS (3), PEER_DSA_FITS (6), JAR, PEERS, DSA_SRC, SHIMS, XMX (Cohort's heap, default 10g).
set -eu
. "$(dirname "$0")/analysis-common.sh"
OUT=${1:-$ROOT/benchmarks/results/w7-$(date -u +%Y%m%dT%H%M%SZ)}
NETS=${NETS:-1000}
DSA_NETS=${DSA_NETS:-500}
DSA_PAIRS=${DSA_PAIRS:-200}
PEER_PAIRS=${PEER_PAIRS:-2000}
PEER_DSA_PAIRS=${PEER_DSA_PAIRS:-3}
PEER_DSA_FITS=${PEER_DSA_FITS:-6}
XMX=${XMX:-10g}
DSA_SRC=${DSA_SRC:-/tmp/peers-src/mitchellostrow+DSA}
SHIMS=${SHIMS:-/tmp/peers-shims}
need_jar
if ! PYTHONPATH="$SHIMS:$DSA_SRC" "$PY" -c "import DSA, threadpoolctl" 2>/dev/null; then
  echo "the DSA reference does not import from $DSA_SRC (with shims $SHIMS): run benchmarks/peers/python/setup_peers.sh" >&2
  exit 1
fi
mkdir -p "$OUT"
copy_peers common.py w3_similarity.py w5_dsa.py w7_population.py
echo "== CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $(free -g | awk '/Mem/ {print $2}') GB"
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OPENBLAS_NUM_THREADS=1

wait_idle
echo "== dgemm ceiling $(load)"
"$PY" - > "$OUT/dgemm.json" <<'PYEOF'
import json, time
from threadpoolctl import threadpool_limits, threadpool_info
import numpy as np
threadpool_limits(1)
a = np.random.default_rng(0).standard_normal((2048, 2048)); c = np.empty_like(a)
np.matmul(a, a, out=c)
ts = []
for _ in range(5):
    t0 = time.perf_counter(); np.matmul(a, a, out=c); ts.append(time.perf_counter() - t0)
print(json.dumps({"dgemm_2048_gflops_one_thread": 2 * 2048 ** 3 / min(ts) / 1e9,
                  "blas": [(d["internal_api"], d["version"], d.get("architecture")) for d in threadpool_info()]}))
PYEOF
cat "$OUT/dgemm.json"

for m in cka svcca; do
  echo "== Cohort $m, $NETS networks, 1 thread $(load)"
  monitor_start
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/cohort_$m.time" java -Xmx"$XMX" -cp "$JAR" cohort.benchmarks.analysis.W7Run \
    "$m" "$NETS" 1 > "$OUT/cohort_$m.log" 2>&1 || { tail -20 "$OUT/cohort_$m.log" >&2; exit 1; }
  monitor_stop "Cohort $m"
  grep '\[W7Run\]' "$OUT/cohort_$m.log"
  echo "== peer $m (NumPy), $NETS networks, $PEER_PAIRS sampled pairs $(load)"
  monitor_start
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/peer_$m.time" "$PY" "$OUT/peer-scripts/w7_population.py" "$m" \
    --nets "$NETS" --pairs "$PEER_PAIRS" --threads 1 > "$OUT/peer_$m.log" 2>&1 || { tail -20 "$OUT/peer_$m.log" >&2; exit 1; }
  monitor_stop "peer $m"
  cat "$OUT/peer_$m.log"
done

echo "== Cohort dsa, $DSA_NETS systems, $DSA_PAIRS sampled pairs, 1 thread $(load)"
monitor_start
/usr/bin/time -f "%e %U %S %M" -o "$OUT/cohort_dsa.time" java -Xmx"$XMX" -Dw7.distances="$OUT/cohort_dsa_distances.txt" \
  -cp "$JAR" cohort.benchmarks.analysis.W7Run dsa "$DSA_NETS" 1 "$DSA_PAIRS" > "$OUT/cohort_dsa.log" 2>&1 \
  || { tail -20 "$OUT/cohort_dsa.log" >&2; exit 1; }
monitor_stop "Cohort dsa"
grep '\[W7Run\]' "$OUT/cohort_dsa.log"
echo "== peer dsa (DSA reference), $PEER_DSA_FITS fits, $PEER_DSA_PAIRS pairs $(load)"
monitor_start
PYTHONPATH="$SHIMS:$DSA_SRC" /usr/bin/time -f "%e %U %S %M" -o "$OUT/peer_dsa.time" "$PY" \
  "$OUT/peer-scripts/w7_population.py" dsa --nets "$DSA_NETS" --fits "$PEER_DSA_FITS" --pairs "$PEER_DSA_PAIRS" \
  --threads 1 > "$OUT/peer_dsa.log" 2>&1 || { tail -20 "$OUT/peer_dsa.log" >&2; exit 1; }
monitor_stop "peer dsa"
cat "$OUT/peer_dsa.log"
echo "== done $(load)"

"$PY" - "$OUT" > "$OUT/summary.md" <<'PYEOF'
import json, os, re, sys
out = sys.argv[1]
def cohort(m):
    line = [l for l in open(os.path.join(out, f"cohort_{m}.log")) if l.startswith("[W7Run]")][0]
    return json.loads(line[len("[W7Run] "):])
def peer(m):
    return json.load(open([os.path.join(out, "peer-scripts/results", f) for f in
                           os.listdir(os.path.join(out, "peer-scripts/results")) if f.startswith(f"w7_{m}_")][0]))
g = json.load(open(os.path.join(out, "dgemm.json")))
print(f"W7 on one thread; dgemm ceiling (NumPy 2048², same run): {g['dgemm_2048_gflops_one_thread']:.1f} GFLOP/s; "
      f"peer BLAS {g['blas']}")
print()
print("| metric | networks | pairs | peer (per pair; all pairs, extrapolated) | Cohort (per pair, CPU; all pairs) | ratio | Cohort vs definition |")
print("|---|---|---|---|---|---|---|")
rows = []
for m, name in [("cka", "linear CKA"), ("svcca", "SVCCA 99 %")]:
    c, p = cohort(m), peer(m)
    peer_all = p["all_pairs_extrapolated_s"]
    print(f"| {name} | {c['networks']} | {c['pairs']:,} | NumPy {p['per_pair_s'] * 1e6:.0f} µs; {peer_all:,.0f} s "
          f"({peer_all / 3600:.2f} h) | {c['us_per_pair_cpu']:.0f} µs; {c['cpu_s']:,.0f} CPU-s ({c['wall_s']:,.0f} s wall) "
          f"| {peer_all / c['cpu_s']:.1f}× | max abs diff {c['max_abs_diff_vs_definition']:.1e} on {c['checked_pairs']} pairs |")
    rows.append({"metric": m, "peer_all_s": peer_all, "cohort_cpu_s": c["cpu_s"], "ratio": peer_all / c["cpu_s"]})
c, p = cohort("dsa"), peer("dsa")
cohort_pair = c["sample_cpu_s"] / c["sampled_pairs"]
cohort_all = c["fits_cpu_s"] + cohort_pair * c["all_pairs"]
peer_all = p["all_pairs_extrapolated_s"]
print(f"| DSA angular (10 delays, rank 30) | {c['networks']} | {c['all_pairs']:,} | reference {p['per_pair_s']:.2f} s "
      f"(fit {p['per_network_fit_s']:.2f} s once per network); {peer_all / 3600:,.1f} h | {cohort_pair:.3f} s "
      f"(fits {c['fits_cpu_s']:.0f} CPU-s for all); {cohort_all / 3600:.2f} h | {peer_all / cohort_all:.1f}× | "
      f"sampled {c['sampled_pairs']} pairs |")
rows.append({"metric": "dsa", "peer_all_s": peer_all, "cohort_cpu_s": cohort_all, "ratio": peer_all / cohort_all})
json.dump(rows, open(os.path.join(out, "side-by-side.json"), "w"), indent=1)
PYEOF
cat "$OUT/summary.md"
echo "Raw results: $OUT"
