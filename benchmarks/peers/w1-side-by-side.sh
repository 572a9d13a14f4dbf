#!/bin/sh
# W1 "flipflop-train" side by side on this machine, one thread each (benchmarks/peers/python/WORKLOADS.md, issue 3):
# one training iteration (forward over T=100 steps + masked MSE + full BPTT + Adam, batch 64) for
# vanilla/GRU/LSTM at N = 64, 128, 256, Cohort (JMH, TrainingIterationBench) and PyTorch
# (benchmarks/peers/python/w1_flipflop.py bench --threads 1, which pins torch's pool AND its OpenBLAS pool to one thread),
# then one table: it/s of both, their ratio, Cohort's GFLOP/s and its % of the 120 GFLOP/s one-core limit.
#
# The two sides are interleaved configuration by configuration (Cohort then PyTorch for GRU-64, then for GRU-128,
# ...; the order flips every round), because these machines drift by 25-40 % within minutes: running all of one
# side and then all of the other let the ratio of one configuration move from 0.99x to 1.66x between two runs.
# With ROUNDS > 1 every configuration is measured that many times and the table gives the median of the per-round
# ratios (each round's ratio is in side-by-side.json).
#
# Usage (from the repository root, after `mvn -B -o -pl benchmarks -am package -DskipTests`):
#   sh benchmarks/peers/w1-side-by-side.sh [output directory, default benchmarks/results/w1-<date>]
# With CEILING=1 every Cohort measurement is followed by ProductCeilingBench on the same configuration: the matrix
# products of one iteration alone (the training path's sgemm calls, nothing else), whose it/s over PyTorch's is the
# most any element-wise work could give on this CPU and OpenBLAS ("ceiling" columns).
# Environment: JMH_ARGS (default "-f 1 -wi 3 -i 5 -w 2s -r 2s"), ARCHS (default vanilla,gru,lstm), SIZES (default
# 64,128,256), ROUNDS (default 2), CEILING (default 0), PEERS (default benchmarks/peers/python, copies of the shared peer scripts; the folder holding
# w1_flipflop.py and common.py; this script neither contains nor fetches any third-party code).
#
# The machine may be shared: the load average is printed with every measurement, and both sides report the
# share of a core they actually got (Cohort: JMH's `cpu` counter; PyTorch: user+sys / elapsed of its process,
# start-up included), so the table also gives the ratio per CPU-second.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/benchmarks/target/benchmarks.jar"
PEERS=${PEERS:-$ROOT/benchmarks/peers/python}
PY=/usr/bin/python3
OUT=${1:-$ROOT/benchmarks/results/w1-$(date -u +%Y%m%dT%H%M%SZ)}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 3 -i 5 -w 2s -r 2s"}
ARCHS=${ARCHS:-vanilla,gru,lstm}
SIZES=${SIZES:-64,128,256}
ROUNDS=${ROUNDS:-2}
CEILING=${CEILING:-0}

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

echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $ROUNDS round(s)"

# Cohort for one configuration: cohort-R-ARCH-N.json (JMH) and .log.
cohort() {
  # shellcheck disable=SC2086
  java -jar "$JAR" TrainingIterationBench -t 1 -p arch="$2" -p hidden="$3" $JMH_ARGS -rf json \
    -rff "$OUT/cohort-$1-$2-$3.json" > "$OUT/cohort-$1-$2-$3.log" 2>&1 || { tail -40 "$OUT/cohort-$1-$2-$3.log" >&2; exit 1; }
  echo "   $(date -u +%T) Cohort  $2-$3: $(grep -E '^TrainingIterationBench.iteration ' "$OUT/cohort-$1-$2-$3.log" | awk '{print $(NF-3), "±", $(NF-1), "it/s"}')  load $(cut -d' ' -f1 /proc/loadavg)"
}

# The products-only ceiling for one configuration: ceiling-R-ARCH-N.json (JMH) and .log.
ceiling() {
  [ "$CEILING" = 1 ] || return 0
  # shellcheck disable=SC2086
  java -jar "$JAR" ProductCeilingBench -t 1 -p arch="$2" -p hidden="$3" $JMH_ARGS -rf json \
    -rff "$OUT/ceiling-$1-$2-$3.json" > "$OUT/ceiling-$1-$2-$3.log" 2>&1 || { tail -40 "$OUT/ceiling-$1-$2-$3.log" >&2; exit 1; }
  echo "   $(date -u +%T) ceiling $2-$3: $(grep -E '^ProductCeilingBench.products ' "$OUT/ceiling-$1-$2-$3.log" | awk '{print $(NF-3), "±", $(NF-1), "it/s"}')  load $(cut -d' ' -f1 /proc/loadavg)"
}

# PyTorch for one configuration: torch-R-ARCH-N.json, .log and .cpu (wall and user+sys seconds of its process).
torch() {
  "$PY" - "$PEERS" "$OUT" "$1" "$2" "$3" <<'PYEOF'
import os, resource, subprocess, sys, time
peers, out, rnd, arch, n = sys.argv[1:6]
stem = os.path.join(out, f"torch-{rnd}-{arch}-{n}")
t0 = time.perf_counter()
p = subprocess.run(["/usr/bin/python3", os.path.join(peers, "w1_flipflop.py"), "bench", "--threads", "1",
                    "--archs", "rnn" if arch == "vanilla" else arch, "--sizes", n, "--out", stem + ".json"],
                   stdout=open(stem + ".log", "w"), stderr=subprocess.STDOUT)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(stem + ".cpu", "w") as f:
    f.write(f"{wall} {ru.ru_utime + ru.ru_stime}\n")
sys.exit(p.returncode)
PYEOF
  echo "   $(date -u +%T) PyTorch $2-$3: $("$PY" -c "import json,sys; print(round(json.load(open(sys.argv[1]))['configs'][0]['it_per_s_median'], 2))" "$OUT/torch-$1-$2-$3.json") it/s  load $(cut -d' ' -f1 /proc/loadavg)"
}

r=1
while [ "$r" -le "$ROUNDS" ]; do
  echo "== round $r"
  for a in $(echo "$ARCHS" | tr ',' ' '); do
    for n in $(echo "$SIZES" | tr ',' ' '); do
      if [ $((r % 2)) -eq 1 ]; then cohort "$r" "$a" "$n"; ceiling "$r" "$a" "$n"; torch "$r" "$a" "$n"
      else torch "$r" "$a" "$n"; cohort "$r" "$a" "$n"; ceiling "$r" "$a" "$n"; fi
    done
  done
  r=$((r + 1))
done
echo "== $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PY" - "$OUT" "$ROUNDS" "$ARCHS" "$SIZES" <<'PYEOF'
import json, os, statistics, sys
out, rounds, archs, sizes = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), [int(v) for v in sys.argv[4].split(",")]
LIMIT = 120.0  # GFLOP/s, the one-core float32 limit stated for this project (70-120 GFLOP/s)
rows = []
print()
print(f"W1 one training iteration, one thread, interleaved by configuration, {rounds} round(s); ratio = median of the rounds' ratios")
ceiling = os.path.exists(os.path.join(out, f"ceiling-1-{archs[0]}-{sizes[0]}.json"))
print("| arch | N | PyTorch it/s | Cohort it/s | ratio | rounds' ratios | Cohort GFLOP/s | % of 120 | ratio per CPU-s |"
      + (" products-only it/s | ceiling ratio |" if ceiling else ""))
print("|---|---|---|---|---|---|---|---|---|" + ("---|---|" if ceiling else ""))
for a in archs:
    for n in sizes:
        ratios, per_cpu, pts, coh, gfs, ceil, ceil_ratios = [], [], [], [], [], [], []
        for r in range(1, rounds + 1):
            jmh = json.load(open(os.path.join(out, f"cohort-{r}-{a}-{n}.json")))[0]
            its = float(jmh["primaryMetric"]["score"])
            sec = jmh.get("secondaryMetrics", {})
            gf = float(sec.get("gflop", {}).get("score", "nan"))
            share = float(sec.get("cpu", {}).get("score", "nan"))
            stem = os.path.join(out, f"torch-{r}-{a}-{n}")
            pt = json.load(open(stem + ".json"))["configs"][0]["it_per_s_median"]
            wall, cpu = (float(v) for v in open(stem + ".cpu").read().split())
            ratios.append(its / pt)
            per_cpu.append((its / share) / (pt / (cpu / wall)) if share > 0 else float("nan"))
            pts.append(pt)
            coh.append(its)
            gfs.append(gf)
            if ceiling:
                c = float(json.load(open(os.path.join(out, f"ceiling-{r}-{a}-{n}.json")))[0]["primaryMetric"]["score"])
                ceil.append(c)
                ceil_ratios.append(c / pt)
        ratio = statistics.median(ratios)
        gf = statistics.median(gfs)
        print(f"| {a} | {n} | {statistics.median(pts):.2f} | {statistics.median(coh):.2f} | {ratio:.2f}× | "
              f"{', '.join(f'{v:.2f}' for v in ratios)} | {gf:.1f} | {100 * gf / LIMIT:.0f} % | {statistics.median(per_cpu):.2f}× |"
              + (f" {statistics.median(ceil):.2f} | {statistics.median(ceil_ratios):.2f}× |" if ceiling else ""))
        rows.append({"arch": a, "N": n, "torch_it_s": pts, "cohort_it_s": coh, "ratios": ratios, "ratio": ratio,
                     "cohort_gflops": gfs, "ratio_per_cpu_second": per_cpu,
                     "ceiling_it_s": ceil, "ceiling_ratios": ceil_ratios})
json.dump(rows, open(os.path.join(out, "side-by-side.json"), "w"), indent=1)
print()
print("Raw results:", out)
PYEOF
