#!/usr/bin/env bash
# Runs docs/cluster/engines-48.yaml four ways on this machine and prints wall time and peak memory of each:
# the local runner with 2 workers, Spark local[2], a 2-worker Spark standalone cluster (master and workers
# started here on 127.0.0.1, one core each), and 2 shards as 2 concurrent processes followed by 'cohort merge'.
# Usage: bash docs/cluster/measure-engines.sh [OUTDIR]   (needs /usr/bin/time; builds what it needs first)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$(mktemp -d)}"
spec="$here/docs/cluster/engines-48.yaml"
mkdir -p "$out"
cd "$here"
./cohort run "$spec" --dry-run --engine spark >/dev/null   # builds the study and Spark modules, runs nothing
cp="$here/study-spark/target/cohort-study-spark-0.1.0-SNAPSHOT.jar:$here/study-spark/target/lib/*:$here/study-spark/target/spark-lib/*"

measure() { # NAME COMMAND...: wall seconds and peak resident memory of the command (its largest process)
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" >"$out/$name.log" 2>&1
  read -r secs kb <"$out/$name.time"
  printf '%-22s %8.1f s  %6d MB peak\n' "$name" "$secs" "$((kb / 1024))"
}

measure local ./cohort run "$spec" --out "$out/local" --workers 2
measure spark-local2 ./cohort run "$spec" --out "$out/spark-local2" --engine spark --master 'local[2]'

# A standalone cluster: what sbin/start-master.sh and sbin/start-worker.sh start, from the jars Maven fetched.
port=$(( 20000 + RANDOM % 20000 ))
home="$out/spark-home"; mkdir -p "$home/jars"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
java -Xmx256m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
  >"$out/master.log" 2>&1 & pids+=($!)
sleep 5
for w in 1 2; do
  SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 java -Xmx256m -cp "$cp" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 1g --webui-port 0 --work-dir "$out/work$w" "spark://127.0.0.1:$port" \
    >"$out/worker$w.log" 2>&1 & pids+=($!)
done
sleep 5
COHORT_JAVA_OPTS="-Xmx2g -Dspark.driver.host=127.0.0.1 -Dspark.executor.memory=1g -Dspark.executor.extraClassPath=$cp" \
  measure spark-standalone2 ./cohort run "$spec" --out "$out/spark-standalone2" --engine spark \
  --master "spark://127.0.0.1:$port"
kill "${pids[@]}" 2>/dev/null || true

measure shards2 sh -c "./cohort run '$spec' --out '$out/shards2' --shard 0/2 --workers 1 >'$out/shard0.log' 2>&1 &
  ./cohort run '$spec' --out '$out/shards2' --shard 1/2 --workers 1 >'$out/shard1.log' 2>&1; wait;
  ./cohort merge '$out/shards2'"
echo "study directories and logs in $out"
