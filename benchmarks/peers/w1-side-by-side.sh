#!/bin/sh
# W1 "flipflop-train" side by side on this machine, one thread each (shared/peers/WORKLOADS.md, issue 3):
# one training iteration (forward over T=100 steps + masked MSE + full BPTT + Adam, batch 64) for
# vanilla/GRU/LSTM at N = 64, 128, 256, Cohort (JMH, TrainingIterationBench) then PyTorch
# (shared/peers/w1_flipflop.py bench --threads 1, which pins torch's pool AND its OpenBLAS pool to one thread),
# run one after the other, then one table: it/s of both, their ratio, Cohort's GFLOP/s and its % of the
# 120 GFLOP/s one-core limit.
#
# Usage (from the repository root, after `mvn -B -o -pl benchmarks -am package -DskipTests`):
#   sh benchmarks/peers/w1-side-by-side.sh [output directory, default benchmarks/results/w1-<date>]
# Environment: JMH_ARGS (default "-f 1 -wi 3 -i 5 -w 2s -r 2s"), ARCHS (default vanilla,gru,lstm), SIZES (default
# 64,128,256), PEERS (default ../shared/peers beside the repository, the folder holding w1_flipflop.py and common.py; this script
# neither contains nor fetches any third-party code).
#
# The machine may be shared: the load average is printed before and after each half, and both sides report the
# share of a core they actually got (Cohort: JMH's `cpu` counter; PyTorch: user+sys / elapsed of its process,
# start-up included), so the table also gives the ratio per CPU-second.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
PEERS=${PEERS:-$ROOT/../shared/peers}
PY=/usr/bin/python3
OUT=${1:-$ROOT/benchmarks/results/w1-$(date -u +%Y%m%dT%H%M%SZ)}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 3 -i 5 -w 2s -r 2s"}
ARCHS=${ARCHS:-vanilla,gru,lstm}
SIZES=${SIZES:-64,128,256}
TORCH_ARCHS=$(echo "$ARCHS" | sed 's/vanilla/rnn/g')

if [ ! -f "$JAR" ]; then
  echo "missing $JAR; build it first: mvn -B -o -pl benchmarks -am package -DskipTests" >&2
  exit 1
fi
if [ ! -f "$PEERS/w1_flipflop.py" ]; then
  echo "missing $PEERS/w1_flipflop.py (set PEERS to the folder with the peer scripts)" >&2
  exit 1
fi
if ! "$PY" -c "import torch, threadpoolctl" 2>/dev/null; then
  echo "PyTorch or threadpoolctl is missing for $PY; install Debian's packages:" >&2
  echo "  apt-get install python3-torch python3-threadpoolctl" >&2
  exit 1
fi
mkdir -p "$OUT"

echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo "== Cohort: java -jar benchmarks.jar TrainingIterationBench -t 1 -p arch=$ARCHS -p hidden=$SIZES $JMH_ARGS"
# shellcheck disable=SC2086
java -jar "$JAR" TrainingIterationBench -t 1 -p arch="$ARCHS" -p hidden="$SIZES" $JMH_ARGS -rf json -rff "$OUT/cohort.json" > "$OUT/cohort.log" 2>&1 \
  || { tail -40 "$OUT/cohort.log" >&2; exit 1; }
grep -E "^TrainingIterationBench|^Benchmark " "$OUT/cohort.log" || true
echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== PyTorch: $PY $PEERS/w1_flipflop.py bench --threads 1 --archs $TORCH_ARCHS --sizes $SIZES"
"$PY" - "$PEERS" "$OUT" "$TORCH_ARCHS" "$SIZES" <<'PYEOF'
import os, resource, subprocess, sys, time
peers, out, archs, sizes = sys.argv[1:5]
t0 = time.perf_counter()
p = subprocess.run(["/usr/bin/python3", os.path.join(peers, "w1_flipflop.py"), "bench", "--threads", "1",
                    "--archs", archs, "--sizes", sizes, "--out", os.path.join(out, "torch.json")], stdout=open(os.path.join(out, "torch.log"), "w"),
                   stderr=subprocess.STDOUT)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(os.path.join(out, "torch.cpu"), "w") as f:
    f.write(f"{wall} {ru.ru_utime + ru.ru_stime}\n")
sys.exit(p.returncode)
PYEOF
cat "$OUT/torch.log"
echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PY" - "$OUT" <<'PYEOF'
import json, os, sys
out = sys.argv[1]
LIMIT = 120.0  # GFLOP/s, the one-core limit of shared/research/aesthetics.md (JMH section)
jmh = json.load(open(os.path.join(out, "cohort.json")))
torch = json.load(open(os.path.join(out, "torch.json")))
wall, cpu = (float(v) for v in open(os.path.join(out, "torch.cpu")).read().split())
torch_share = cpu / wall
cohort = {}
for r in jmh:
    p = r["params"]
    sec = r.get("secondaryMetrics", {})
    cohort[(p["arch"], int(p["hidden"]))] = (float(r["primaryMetric"]["score"]),
                                             float(r["primaryMetric"]["scoreError"]),
                                             float(sec.get("gflop", {}).get("score", "nan")),
                                             float(sec.get("cpu", {}).get("score", "nan")))
name = {"rnn": "vanilla", "gru": "gru", "lstm": "lstm"}
rows = []
print()
print(f"W1 one training iteration, one thread (PyTorch process CPU share {torch_share:.2f} of a core, start-up included)")
print("| arch | N | PyTorch it/s | Cohort it/s | ratio | Cohort GFLOP/s | % of 120 | Cohort CPU share | ratio per CPU-s |")
print("|---|---|---|---|---|---|---|---|---|")
for c in torch["configs"]:
    key = (name[c["arch"]], c["N"])
    if key not in cohort:
        continue
    its, err, gf, share = cohort[key]
    pt = c["it_per_s_median"]
    ratio = its / pt
    per_cpu = (its / share) / (pt / torch_share) if share > 0 else float("nan")
    print(f"| {key[0]} | {key[1]} | {pt:.2f} [{c['it_per_s_min']:.2f}–{c['it_per_s_max']:.2f}] | {its:.2f} ± {err:.2f} "
          f"| {ratio:.2f}× | {gf:.1f} | {100 * gf / LIMIT:.0f} % | {share:.2f} | {per_cpu:.2f}× |")
    rows.append({"arch": key[0], "N": key[1], "torch_it_s": pt, "cohort_it_s": its, "cohort_err": err,
                 "ratio": ratio, "cohort_gflops": gf, "cohort_cpu_share": share, "torch_cpu_share": torch_share,
                 "ratio_per_cpu_second": per_cpu})
json.dump(rows, open(os.path.join(out, "side-by-side.json"), "w"), indent=1)
print()
print("Raw results:", out)
PYEOF
