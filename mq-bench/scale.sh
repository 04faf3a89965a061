#!/usr/bin/env bash
# Many topics and groups (issue 21, the metadata half): creates N topics of Q queues and G
# subscription groups through the admin requests against a fresh server, then times route queries
# (mq-bench.jar scale), and reads the server's resident memory before and after. Runs our server
# (the launcher with its default JVM settings, a temporary data directory) and, unless --only ours,
# Apache RocketMQ 5.5.0 (name server and broker from the Maven Central jars, as compare.sh starts
# them), each alone inside a private network namespace that has only `lo`.
#
# Needs root (ip netns), a JDK 17+, and for Apache the jars of mq-bench/apache-rocketmq/pom.xml.
#
#   mq-bench/scale.sh                                  # 5,000 topics of 4 queues, 2,000 groups
#   mq-bench/scale.sh --topics 50000 --groups 10000
#   mq-bench/scale.sh --only ours --concurrency 1      # one create at a time, as a loop in a script would
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVER_JAR=$ROOT/mq-server/target/mq-server.jar
LAUNCHER=$ROOT/mq-server/bin/mq-server
BENCH_JAR=$ROOT/mq-bench/target/mq-bench.jar
APACHE_POM=$ROOT/mq-bench/apache-rocketmq/pom.xml
APACHE_LIB=$ROOT/mq-bench/apache-rocketmq/target/lib

TOPICS=5000
QUEUES=4
NGROUPS=2000
CONCURRENCY=16
SAMPLES=2000
SETTLE=10
FIRST=1000
FIRST_RATE=1000
FIRST_WARMUP=1000
ONLY=""
APACHE_HEAP=""
APACHE_NAMESRV_HEAP=""
OURS_OPTS=""
OUT=""

usage() {
  cat <<EOF
usage: mq-bench/scale.sh [options]

  --topics N             topics to create [$TOPICS]
  --queues Q             queues per topic [$QUEUES]
  --groups G             subscription groups to create [$NGROUPS]
  --concurrency C        creates in flight at once [$CONCURRENCY]
  --route-samples S      route queries timed [$SAMPLES]
  --settle S             seconds after start before the first memory reading, and after the creates
                         before the second [$SETTLE]
  --first-messages M     topics that then get one message each, timed until a waiting pull
                         returns it [$FIRST]
  --first-message-rate R first messages sent per second, one at a time [$FIRST_RATE]
  --first-message-warmup W  untimed first messages before, into the next W topics [$FIRST_WARMUP]
  --only ours|apache     one side only
  --ours-opts OPTS       JAVA_OPTS of our launcher [none: its defaults]
  --apache-heap SIZE     -Xms/-Xmx of Apache's broker [none: the JVM's default, as ours]
  --apache-namesrv-heap SIZE  -Xms/-Xmx of Apache's name server [none: the JVM's default]
  --out DIR              where results and logs go [mq-bench/target/scale-<time>]
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --topics) TOPICS=$2; shift ;;
    --queues) QUEUES=$2; shift ;;
    --groups) NGROUPS=$2; shift ;;
    --concurrency) CONCURRENCY=$2; shift ;;
    --route-samples) SAMPLES=$2; shift ;;
    --settle) SETTLE=$2; shift ;;
    --first-messages) FIRST=$2; shift ;;
    --first-message-rate) FIRST_RATE=$2; shift ;;
    --first-message-warmup) FIRST_WARMUP=$2; shift ;;
    --only) ONLY=$2; shift ;;
    --ours-opts) OURS_OPTS=$2; shift ;;
    --apache-heap) APACHE_HEAP=$2; shift ;;
    --apache-namesrv-heap) APACHE_NAMESRV_HEAP=$2; shift ;;
    --out) OUT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "scale.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

die() { echo "scale.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

case "$ONLY" in ""|ours|apache) ;; *) die "--only must be ours or apache, got '$ONLY'" ;; esac
[[ $(id -u) -eq 0 ]] || die "needs root for the private network namespace (ip netns)"
[[ -f $SERVER_JAR && -f $BENCH_JAR ]] || die "build first: ./mvnw -q -DskipTests -pl mq-server,mq-bench -am package"
if [[ $ONLY != ours ]] && ! ls "$APACHE_LIB"/rocketmq-broker-5.5.0.jar >/dev/null 2>&1; then
  log "fetching Apache RocketMQ 5.5.0 (name server, broker)"
  (cd "$ROOT" && ./mvnw -q -B -f "$APACHE_POM" dependency:copy-dependencies)
fi

OUT=${OUT:-$ROOT/mq-bench/target/scale-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mqbench-scale.XXXXXX")
SERVER_PIDS=()

# shellcheck source=netns-servers.sh
source "$ROOT/mq-bench/netns-servers.sh"
netns_open "mqscale-$$"

start_ours() {
  local dir=$WORK/ours
  mkdir -p "$dir"
  in_ns env JAVA_OPTS="$OURS_OPTS" MQ_SERVER_JAR="$SERVER_JAR" MQ_SERVER_LAUNCH_DIR="$WORK/launch" \
      bash "$LAUNCHER" --prepare > "$OUT/ours-prepare.log" 2>&1 || die "launcher preparation failed; see $OUT/ours-prepare.log"
  # ip netns exec in the foreground of this line, not in_ns: in the background a function runs in a
  # subshell, and $! would not be the java process
  ip netns exec "$NS" env JAVA_OPTS="$OURS_OPTS" MQ_SERVER_JAR="$SERVER_JAR" MQ_SERVER_LAUNCH_DIR="$WORK/launch" \
      bash "$LAUNCHER" --mq.server.data-dir="$dir/data" --mq.broker.advertised-address=127.0.0.1 --server.port=0 \
      > "$OUT/ours-server.log" 2>&1 &
  SERVER_PIDS=($!)
  await_port 10911 "${SERVER_PIDS[0]}" 180 # the scale command then waits for the broker's registration
}

start_apache() {
  local dir=$WORK/apache
  mkdir -p "$dir/home" "$dir/store"
  write_apache_broker_conf "$dir"
  local props=(-Duser.home="$dir/home" -Drocketmq.home.dir="$dir" -cp "$APACHE_LIB/*")
  local nheap=() bheap=()
  [[ -n $APACHE_NAMESRV_HEAP ]] && nheap=(-Xms"$APACHE_NAMESRV_HEAP" -Xmx"$APACHE_NAMESRV_HEAP")
  [[ -n $APACHE_HEAP ]] && bheap=(-Xms"$APACHE_HEAP" -Xmx"$APACHE_HEAP")
  ip netns exec "$NS" java "${nheap[@]}" "${props[@]}" org.apache.rocketmq.namesrv.NamesrvStartup > "$OUT/apache-namesrv.log" 2>&1 &
  SERVER_PIDS=($!)
  await_port 9876 "${SERVER_PIDS[0]}" 180
  ip netns exec "$NS" java "${bheap[@]}" "${props[@]}" org.apache.rocketmq.broker.BrokerStartup -c "$dir/broker.conf" \
      > "$OUT/apache-broker.log" 2>&1 &
  SERVER_PIDS+=($!)
  await_port 10911 "${SERVER_PIDS[1]}" 180
}

measure() {
  local side=$1 pids
  log "$side: starting"
  "start_$side"
  sleep "$SETTLE"
  pids=$(IFS=,; echo "${SERVER_PIDS[*]}")
  log "$side: creating $TOPICS topics of $QUEUES queues and $NGROUPS groups, $CONCURRENCY in flight"
  in_ns java -Xmx1g -jar "$BENCH_JAR" scale --namesrv 127.0.0.1:9876 --topics "$TOPICS" --queues "$QUEUES" \
      --groups "$NGROUPS" --concurrency "$CONCURRENCY" --route-samples "$SAMPLES" --settle "$SETTLE" \
      --first-messages "$FIRST" --first-message-rate "$FIRST_RATE" \
      --first-message-warmup "$FIRST_WARMUP" --server-pids "$pids" > "$OUT/$side.json" 2> "$OUT/$side.log" || die "$side: scale failed; see $OUT/$side.log"
  grep '^scale:' "$OUT/$side.log" | sed "s/^/  $side: /" >&2
  stop_servers 30
}

[[ $ONLY == apache ]] || measure ours
[[ $ONLY == ours ]] || measure apache
log "results in $OUT"
for f in "$OUT"/ours.json "$OUT"/apache.json; do
  [[ -f $f ]] && echo "$(basename "$f" .json) $(cat "$f")"
done
exit 0
