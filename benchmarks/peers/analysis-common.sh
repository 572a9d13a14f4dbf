# Shared by w3-, w4-, w5-, w6- and w7-side-by-side.sh (sourced, not run): paths, the idle guard, the peer-script copy
# and the monitored Cohort JMH run.
# This file and the scripts that source it contain no third-party code and download nothing.

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$ROOT/benchmarks/target/benchmarks.jar}
PEERS=${PEERS:-$ROOT/benchmarks/peers/python}
PY=/usr/bin/python3
BUSY_PATTERN='w1-side-by-side\.sh|java -jar |java -cp [^ ]*bench|bench[^ /]*\.jar|jmh\.runner\.ForkedMain|W1Train|surefire|w1_flipflop\.py|w3_similarity\.py|w4_fixed_points\.py|w5_dsa\.py|w6_study\.py|w7_population\.py|W7Run'

need_jar() {
  if [ ! -f "$JAR" ]; then
    echo "missing $JAR; build it first: mvn -B -o -pl benchmarks -am package -DskipTests" >&2
    exit 1
  fi
}

load() {
  echo "$(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Waits until no other JMH or peer benchmark runs (the machine has 2 cores: never measure two at once).
wait_idle() {
  said=0
  while pgrep -f "$BUSY_PATTERN" > /dev/null 2>&1; do
    if [ "$said" = 0 ]; then
      echo "== waiting: another benchmark is running:"; pgrep -af "$BUSY_PATTERN" | cut -c1-160
      said=1
    fi
    sleep 10
  done
}

# Copies the peer scripts (unchanged) to $OUT/peer-scripts, whose results/ and data/ are writable: the scripts write
# results/*.json next to themselves, and $PEERS may be read-only.
copy_peers() {
  mkdir -p "$OUT/peer-scripts/results" "$OUT/peer-scripts/data"
  for f in "$@"; do
    if [ ! -f "$PEERS/$f" ]; then
      echo "missing $PEERS/$f (set PEERS to the folder with the peer scripts)" >&2
      exit 1
    fi
    cp "$PEERS/$f" "$OUT/peer-scripts/$f"
  done
  echo "== peer scripts copied unchanged from $PEERS to $OUT/peer-scripts:"
  (cd "$OUT/peer-scripts" && sha256sum "$@" | sed 's/^/   /')
}

# Runs Cohort's JMH benchmarks matching the regex $2, with the further JMH options $3... and $JMH_ARGS, as one
# monitored phase: the JSON results in $OUT/cohort.json, the log in $OUT/cohort.log (its tail shown on failure), then
# the log's header and the lines matching the regex $1 (the score lines).
cohort_jmh() {
  jmh_scores=$1
  jmh_pattern=$2
  shift 2
  monitor_start
  # shellcheck disable=SC2086
  java -jar "$JAR" "$jmh_pattern" "$@" $JMH_ARGS \
    -rf json -rff "$OUT/cohort.json" > "$OUT/cohort.log" 2>&1 || { tail -40 "$OUT/cohort.log" >&2; exit 1; }
  monitor_stop "Cohort JMH"
  grep -E "^Benchmark |$jmh_scores" "$OUT/cohort.log" || true
}

# Records, every 5 s while a measurement runs, any other benchmark process (not ours: lines naming $JAR or $OUT are
# ours) and the load average into $OUT/concurrent.log; `monitor_stop <phase>` ends it and says whether the phase
# shared the machine. Start with `monitor_start`.
monitor_start() {
  : > "$OUT/concurrent.phase"
  (
    while :; do
      others=$(pgrep -af "$BUSY_PATTERN" | grep -v -F -e "$JAR" -e "$OUT" || true)
      if [ -n "$others" ]; then
        echo "$others" | sed "s/^/$(date -u +%T) /" | cut -c1-200 >> "$OUT/concurrent.phase"
      fi
      sleep 5
    done
  ) &
  MONITOR=$!
}

monitor_stop() {
  kill "$MONITOR" 2>/dev/null || true
  wait "$MONITOR" 2>/dev/null || true
  if [ -s "$OUT/concurrent.phase" ]; then
    echo "!! $1: other benchmark processes ran at the same time (figures suspect), see $OUT/concurrent.log:"
    sort -u -k2 "$OUT/concurrent.phase" | head -5
  else
    echo "== $1: no other benchmark process seen during the measurement ($(load))"
  fi
  { echo "# $1"; cat "$OUT/concurrent.phase"; } >> "$OUT/concurrent.log"
}
