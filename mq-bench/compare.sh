#!/usr/bin/env bash
# Side-by-side comparison of our server with Apache RocketMQ 5.5.0 under the same loads, driven by
# the same client (mq-bench.jar produce|consume|e2e: the official client by default, ours with
# --client ours, both side by side with --client both), each figure the median of several rounds. Both brokers run, one at a time, inside a private network namespace that has only `lo`
# (Apache's broker opens its HA port on all interfaces), and so does the load tool.
#
# Needs root (ip netns), a JDK 17+, and the first time network access to Maven Central for
# Apache's jars (mq-bench/apache-rocketmq/pom.xml, not part of the normal build).
#
#   mq-bench/compare.sh            # full: 3 rounds, 30 s loads, 1,000,000-message backlog
#   mq-bench/compare.sh --quick    # 3 rounds, 5 s loads, 100,000-message backlog
#   mq-bench/compare.sh --client both   # every load with the official client and with ours
#   mq-bench/compare.sh --help
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVER_JAR=$ROOT/mq-server/target/mq-server.jar
LAUNCHER=$ROOT/mq-server/bin/mq-server
BENCH_JAR=$ROOT/mq-bench/target/mq-bench.jar
APACHE_POM=$ROOT/mq-bench/apache-rocketmq/pom.xml
APACHE_LIB=$ROOT/mq-bench/apache-rocketmq/target/lib

RUNS=3
DURATION=30
WARMUP=10
BACKLOG=1000000
E2E_RATE=2000
E2E_THREADS=8
HEAP=2g
NAMESRV_HEAP=512m
SETTLE=10
ONLY=""
BUILD=auto
JFR=no
KEEP=no
HOW=launcher
CEILING=yes
OUT=""
TABLE_FROM=""
CLIENT=official

usage() {
  cat <<EOF
usage: mq-bench/compare.sh [options]

  --quick              short loads: --duration 5 --warmup 3 --backlog 100000 --e2e-rate 1000
  --runs N             rounds; each figure is the median over them [$RUNS]
  --duration S         seconds of each measured load [$DURATION]
  --warmup S           seconds of warm-up before each measured load [$WARMUP]
  --backlog N          messages in the backlog the push consumer drains [$BACKLOG]
  --e2e-rate R         messages per second of the end-to-end load [$E2E_RATE]
  --heap SIZE          -Xms/-Xmx of our server and of Apache's broker [$HEAP]
  --namesrv-heap SIZE  -Xms/-Xmx of Apache's name server [$NAMESRV_HEAP]
  --settle S           seconds after accepting connections before the idle memory is read; both
                       servers go on starting (web server, JIT, native-heap trim) for a few [$SETTLE]
  --only ours|apache   run one side only (no ratios)
  --client official|ours|both  the client library of the load tool: the official Apache RocketMQ
                       client 5.5.0, ours (mq-client), or both, each load once with each client
                       against the same server in every round (which goes first alternates), and
                       a second table with the two side by side [$CLIENT]
  --no-ceiling         skip the loads against mq-bench's null broker (answers each send at once,
                       stores nothing, and serves every queue a virtual backlog that costs it
                       nothing): the sync loads and the drain at the load generator's own ceiling
  --ours-via launcher|jar  start our server with mq-server/bin/mq-server (extracted jar and class
                       archive, prepared once before the rounds) or with plain java -jar [$HOW]
  --build              rebuild mq-server and mq-bench first (default: only if a jar is missing)
  --jfr                record a JFR profile of our server in each round (into the output directory)
  --keep               keep the data directories and logs of every server run
  --out DIR            where results and logs go [mq-bench/target/compare-<time>]
  --table DIR          print the table of an earlier run again from DIR/results.tsv (runs nothing)
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) DURATION=5; WARMUP=3; BACKLOG=100000; E2E_RATE=1000 ;;
    --runs) RUNS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --backlog) BACKLOG=$2; shift ;;
    --e2e-rate) E2E_RATE=$2; shift ;;
    --heap) HEAP=$2; shift ;;
    --namesrv-heap) NAMESRV_HEAP=$2; shift ;;
    --settle) SETTLE=$2; shift ;;
    --only) ONLY=$2; shift ;;
    --client) CLIENT=$2; shift ;;
    --ours-via) HOW=$2; shift ;;
    --no-ceiling) CEILING=no ;;
    --build) BUILD=yes ;;
    --jfr) JFR=yes ;;
    --keep) KEEP=yes ;;
    --out) OUT=$2; shift ;;
    --table) TABLE_FROM=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

# ---- table --------------------------------------------------------------------------------------
# print_table: the medians of $RESULTS side by side, into $OUT/table.md too
print_table() {
  {
    echo "mq-bench/compare.sh on $(hostname), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
    if [[ -n $TABLE_FROM ]]; then
      echo "medians of the rounds in $RESULTS (printed again with --table)"
    else
      echo "median of $RUNS rounds; loads ${DURATION}s after ${WARMUP}s warm-up, 1 KiB messages, backlog $BACKLOG, e2e $E2E_RATE msg/s, heap $HEAP"
    fi
    awk -F'\t' -v clients="${CLIENTS[*]}" '
      function median(side, client, metric,   n, i, j, t, v) {
        n = 0
        for (i = 1; i <= count; i++) if (S[i] == side && (C[i] == client || C[i] == "-") && M[i] == metric) v[++n] = V[i] + 0
        if (n == 0) return ""
        for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
        return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      }
      function fmt(x, unit) {
        if (x == "") return "-"
        if (unit == "ms") return sprintf("%.2f", x)
        if (unit == "us") return sprintf("%.1f", x)
        return sprintf("%.0f", x)
      }
      function ratio(x, y) { return (x != "" && y != "" && y > 0) ? sprintf("%.2f", x / y) : "-" }
      function define(key, label, u, t) { name[key] = label; unit[key] = u; target[key] = t }
      { ++count; S[count] = $1; M[count] = $3; V[count] = $4; C[count] = ($5 == "" ? "-" : $5) }
      END {
        define("sync8_tput", "sync send, 8 threads (msg/s)", "n", "/null >= 0.80")
        define("sync8_p50_ms", "  p50 send latency (ms)", "ms", "")
        define("sync8_p99_ms", "  p99 send latency (ms)", "ms", "<= 1")
        define("sync8_p999_ms", "  p99.9 send latency (ms)", "ms", "<= 1")
        define("sync8_cpu_us", "  load tool CPU per message (us)", "us", "")
        define("sync8_srv_cpu_us", "  server CPU per message (us)", "us", "<= 0.5")
        define("sync32_tput", "sync send, 32 threads (msg/s)", "n", "/null >= 0.80")
        define("sync32_p50_ms", "  p50 send latency (ms)", "ms", "")
        define("sync32_p99_ms", "  p99 send latency (ms)", "ms", "<= 1")
        define("sync32_p999_ms", "  p99.9 send latency (ms)", "ms", "<= 1")
        define("sync32_cpu_us", "  load tool CPU per message (us)", "us", "")
        define("sync32_srv_cpu_us", "  server CPU per message (us)", "us", "<= 0.5")
        define("drain_rate", "push-consumer drain (msg/s)", "n", "/null >= 0.90")
        define("drain_cpu_us", "  load tool CPU per message (us)", "us", "")
        define("drain_srv_cpu_us", "  server CPU per message (us)", "us", "<= 0.5")
        define("e2e_p50_ms", "end-to-end p50 (ms)", "ms", "")
        define("e2e_p99_ms", "end-to-end p99 (ms)", "ms", "<= 1")
        define("e2e_p999_ms", "end-to-end p99.9 (ms)", "ms", "<= 1")
        define("e2e_cpu_us", "  load tool CPU per message (us)", "us", "")
        define("e2e_srv_cpu_us", "  server CPU per message (us)", "us", "")
        define("start_ms", "start to ready (ms)", "n", "<= 0.2")
        define("rss_idle_mib", "resident memory idle (MiB)", "n", "ours <= 200 MiB")
        define("rss_loaded_mib", "resident memory after load (MiB)", "n", "")
        describe["official"] = "the official Apache RocketMQ client 5.5.0"; describe["ours"] = "our client (mq-client)"

        # one table per client: the servers side by side, as before
        nk = split("sync8_tput sync8_p99_ms sync8_p999_ms sync8_cpu_us sync8_srv_cpu_us sync32_tput sync32_p99_ms sync32_p999_ms sync32_cpu_us sync32_srv_cpu_us drain_rate drain_cpu_us drain_srv_cpu_us e2e_p99_ms e2e_p999_ms start_ms rss_idle_mib rss_loaded_mib", keys, " ")
        nc = split(clients, client, " ")
        for (ci = 1; ci <= nc; ci++) {
          cl = client[ci]
          printf "\nload generated with %s\n\n", describe[cl]
          printf "| %-34s | %10s | %21s | %11s | %-15s | %11s | %9s |\n", "figure", "ours", "Apache RocketMQ 5.5.0", "ours/theirs", "target", "null broker", "ours/null"
          printf "|%s|%s|%s|%s|%s|%s|%s|\n", "------------------------------------", "------------", "-----------------------", "-------------", "-----------------", "-------------", "-----------"
          for (k = 1; k <= nk; k++) {
            key = keys[k]; o = median("ours", cl, key); a = median("apache", cl, key); c = median("null", cl, key)
            printf "| %-34s | %10s | %21s | %11s | %-15s | %11s | %9s |\n", name[key], fmt(o, unit[key]), fmt(a, unit[key]), ratio(o, a), target[key], fmt(c, unit[key]), (key ~ /_tput$|_rate$/ ? ratio(o, c) : "")
          }
        }
        if (nc < 2) exit
        # both clients: the two side by side against each server, in the same rounds
        nk = split("sync8_tput sync8_p50_ms sync8_p99_ms sync8_p999_ms sync8_cpu_us sync8_srv_cpu_us sync32_tput sync32_p50_ms sync32_p99_ms sync32_p999_ms sync32_cpu_us sync32_srv_cpu_us drain_rate drain_cpu_us drain_srv_cpu_us e2e_p50_ms e2e_p99_ms e2e_p999_ms e2e_cpu_us e2e_srv_cpu_us", keys, " ")
        ctarget["sync8_cpu_us"] = "<= 0.5"; ctarget["sync32_cpu_us"] = "<= 0.5"; ctarget["drain_cpu_us"] = "<= 0.33"
        split("ours apache null", sides, " ")
        side_name["ours"] = "our server"; side_name["apache"] = "Apache RocketMQ 5.5.0"; side_name["null"] = "null broker"
        printf "\nthe clients side by side (each load with both in every round)\n\n"
        printf "| %-21s | %-34s | %15s | %10s | %13s | %-15s |\n", "server", "figure", "official client", "our client", "ours/official", "target"
        printf "|%s|%s|%s|%s|%s|%s|\n", "-----------------------", "------------------------------------", "-----------------", "------------", "---------------", "-----------------"
        for (si = 1; si <= 3; si++) {
          sd = sides[si]
          if (median(sd, "official", "sync8_tput") == "" && median(sd, "ours", "sync8_tput") == "") continue
          for (k = 1; k <= nk; k++) {
            key = keys[k]; o = median(sd, "official", key); u = median(sd, "ours", key)
            if (o == "" && u == "") continue
            printf "| %-21s | %-34s | %15s | %10s | %13s | %-15s |\n", side_name[sd], name[key], fmt(o, unit[key]), fmt(u, unit[key]), ratio(u, o), (sd == "null" ? ctarget[key] : "")
          }
        }
      }' "$RESULTS"
    echo
    echo "resident memory: ours = one process (name server + broker); Apache = name server + broker processes."
    echo "drain: from the first delivered message to the last of the backlog, after a warm-up drain of another group"
    echo "for the warm-up's seconds (not counted; the server's pull path is compiled first). start: launch until the broker port"
    echo "accepts connections and the name server returns a route of TBW102 (Apache: name server launched first,"
    echo "broker as soon as the name server port opens). null broker: mq-bench.jar null-broker answers each send at"
    echo "once and stores nothing, and serves every queue a virtual backlog (records encoded once, patched per pull)"
    echo "that the push consumer drains; its sync and drain figures are what the load generator itself reaches on"
    echo "this machine, a ceiling for any broker's (skip it with --no-ceiling)."
    echo "CPU per message: whole-process CPU time (/proc, user + system, every thread) over each load's measured"
    echo "window (after start-up and warm-up; drain: from the first message), divided by the messages counted in it;"
    echo "load tool = the mq-bench process, server = every server process (Apache: name server + broker)."
    echo "targets (issue 20): server CPU per message at most half of Apache's; sync rates at least 0.80 and the"
    echo "drain 0.90 of the null broker's (ours/null); latencies at or below Apache's; start within 0.2 of Apache's."
    if (( ${#CLIENTS[@]} > 1 )); then
      echo "clients side by side: both run against the same server in every round, one after the other (which one"
      echo "goes first alternates); each drains the same backlog with a group of its own. Targets (the issue's, for"
      echo "the client's own CPU against the null broker): sync producer <= 1/2, push consumer <= 1/3 of the official."
    fi
  } | tee "$OUT/table.md"
}

die() { echo "compare.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }
is_whole() { [[ $1 =~ ^[0-9]+$ ]]; }

for pair in "runs:$RUNS" "duration:$DURATION" "warmup:$WARMUP" "backlog:$BACKLOG" "e2e-rate:$E2E_RATE" "settle:$SETTLE"; do
  is_whole "${pair#*:}" || die "--${pair%%:*} must be a whole number, got '${pair#*:}'"
done
[[ $RUNS -ge 1 && $DURATION -ge 1 && $BACKLOG -ge 1 && $E2E_RATE -ge 1 ]] || die "--runs, --duration, --backlog and --e2e-rate must be at least 1"
[[ $HEAP =~ ^[0-9]+[kmgKMG]$ && $NAMESRV_HEAP =~ ^[0-9]+[kmgKMG]$ ]] || die "heap sizes look like 512m or 2g"
case "$ONLY" in ""|ours|apache) ;; *) die "--only must be ours or apache, got '$ONLY'" ;; esac
case "$HOW" in launcher|jar) ;; *) die "--ours-via must be launcher or jar, got '$HOW'" ;; esac
case "$CLIENT" in
  official|ours) CLIENTS=("$CLIENT") ;;
  both) CLIENTS=(official ours) ;;
  *) die "--client must be official, ours or both, got '$CLIENT'" ;;
esac
if [[ -n $TABLE_FROM ]]; then
  OUT=$TABLE_FROM
  RESULTS=$OUT/results.tsv
  [[ -s $RESULTS ]] || die "--table: no results in $RESULTS"
  read -r -a CLIENTS <<< "$(awk -F'\t' '$5 == "official" || $5 == "ours" { print $5 }' "$RESULTS" | sort -u | tr '\n' ' ')"
  [[ ${#CLIENTS[@]} -ge 1 ]] || CLIENTS=(official) # results of a run from before --client
  print_table
  exit 0
fi
[[ $(id -u) -eq 0 ]] || die "needs root for the private network namespace (ip netns)"
command -v ip >/dev/null || die "needs the ip command (iproute2)"
command -v java >/dev/null || die "needs java (17 or newer) on the PATH"

# ---- build and fetch ----------------------------------------------------------------------------
if [[ $BUILD == yes || ! -f $SERVER_JAR || ! -f $BENCH_JAR ]]; then
  log "building mq-server and mq-bench"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl mq-server,mq-bench -am package)
fi
if [[ $ONLY != ours ]] && ! ls "$APACHE_LIB"/rocketmq-broker-5.5.0.jar >/dev/null 2>&1; then
  log "fetching Apache RocketMQ 5.5.0 (name server, broker) from Maven Central"
  (cd "$ROOT" && ./mvnw -q -B -f "$APACHE_POM" dependency:copy-dependencies)
fi

STAMP=$(date +%Y%m%d-%H%M%S)
OUT=${OUT:-$ROOT/mq-bench/target/compare-$STAMP}
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mqbench-compare.XXXXXX")
SERVER_PIDS=()
RESULTS=$OUT/results.tsv
: > "$RESULTS"

# shellcheck source=netns-servers.sh
source "$ROOT/mq-bench/netns-servers.sh"
netns_open "mqbench-$$"

# ---- helpers ------------------------------------------------------------------------------------
now_ms() { date +%s%3N; }

# json_num FILE KEY: the number of a (unique) key in one-line JSON
json_num() {
  local v
  v=$(sed -n "s/.*\"$2\":\(-\{0,1\}[0-9][0-9.]*\).*/\1/p" "$1" | head -n 1)
  [[ -n $v ]] || die "no \"$2\" in $1: $(cat "$1" 2>/dev/null)"
  echo "$v"
}

# record SIDE ROUND METRIC VALUE [CLIENT]: one line of results.tsv; the client is "-" for figures
# of the server alone (start time, memory)
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:--}" >> "$RESULTS"; }

# record_json SIDE ROUND METRIC LABEL KEY CLIENT: records a number of $OUT/LABEL.json
# (assigned first, so that a failure of json_num stops the script under set -e)
record_json() {
  local v
  v=$(json_num "$OUT/$4.json" "$5")
  record "$1" "$2" "$3" "$v" "$6"
}

# record_cpu SIDE ROUND PREFIX LABEL CLIENT: the CPU per message of the load tool and of the server
# over the load's measured window, when the result has them (null when nothing was measured)
record_cpu() {
  local key metric v
  for key in cpuMicrosPerMessage serverCpuMicrosPerMessage; do
    metric=$3_cpu_us
    [[ $key == server* ]] && metric=$3_srv_cpu_us
    v=$(sed -n "s/.*\"$key\":\(-\{0,1\}[0-9][0-9.]*\).*/\1/p" "$OUT/$4.json" | head -n 1)
    [[ -n $v ]] && record "$1" "$2" "$metric" "$v" "$5"
  done
  return 0
}

record_rss() {
  local v
  v=$(rss_mib "${SERVER_PIDS[@]}")
  record "$1" "$2" "$3" "$v"
}

# clients_of ROUND: the clients in the order they run in this round (alternating with --client both)
clients_of() {
  if (( $1 % 2 == 1 )); then echo "${CLIENTS[*]}"; else printf '%s\n' "${CLIENTS[@]}" | tac | tr '\n' ' '; fi
}

# label PREFIX LOAD CLIENT: the name of a load's files; the official client's keep their old names
label() {
  if [[ $3 == official ]]; then echo "$1-$2"; else echo "$1-$2-$3client"; fi
}

rss_mib() {
  local total=0 pid kb
  for pid in "$@"; do
    kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [[ -n $kb ]] || die "server process $pid is gone"
    total=$((total + kb))
  done
  echo $((total / 1024))
}

# bench LABEL CLIENT ARGS...: runs the load tool with that client in the namespace, measuring the
# CPU of the server processes too; the JSON result goes to $OUT/LABEL.json
bench() {
  local label=$1 client=$2; shift 2
  local pids
  pids=$(IFS=,; echo "${SERVER_PIDS[*]}")
  if ! in_ns java -Xms1g -Xmx2g -jar "$BENCH_JAR" "$@" --client "$client" --server-pids "$pids" \
      --namesrv 127.0.0.1:9876 --json > "$OUT/$label.json" 2> "$OUT/$label.log"; then
    die "load '$label' failed; see $OUT/$label.log"
  fi
  local errors
  errors=$(json_num "$OUT/$label.json" errors)
  [[ $errors == 0 ]] || log "  $label: $errors errors (see $OUT/$label.json)"
}

# start_probe LABEL: starts `ready` in the background and waits until it polls
start_probe() {
  ip netns exec "$NS" java -jar "$BENCH_JAR" ready --namesrv 127.0.0.1:9876 --broker 127.0.0.1:10911 --timeout 180s --json \
      > "$OUT/$1.json" 2> "$OUT/$1.log" &
  PROBE_PID=$!
  local i
  for i in $(seq 1 600); do
    grep -q "ready: waiting" "$OUT/$1.log" 2>/dev/null && return 0
    kill -0 "$PROBE_PID" 2>/dev/null || die "the readiness probe exited: $(cat "$OUT/$1.log")"
    sleep 0.05
  done
  die "the readiness probe did not start"
}

await_probe() {
  wait "$PROBE_PID" || die "the server was not ready within 180 s; see $OUT/$1.log and the server log"
}

start_ours() {
  local round=$1 dir=$WORK/ours-$round jfr=()
  mkdir -p "$dir"
  [[ $JFR == yes ]] && jfr=("-XX:StartFlightRecording=filename=$OUT/ours-r$round.jfr,settings=profile,dumponexit=true")
  local args=(--mq.server.data-dir="$dir/data" --mq.store.flush=async --mq.broker.advertised-address=127.0.0.1
      --server.port=0)
  start_probe "ours-r$round-ready"
  local launch
  launch=$(now_ms)
  if [[ $HOW == launcher ]]; then
    # JAVA_OPTS as prepared (the archive fits those options); a JFR recording only for this run
    ip netns exec "$NS" env JAVA_OPTS="$(ours_java_opts)" MQ_SERVER_JAR="$SERVER_JAR" MQ_SERVER_LAUNCH_DIR="$WORK/launch" \
        MQ_SERVER_RUN_OPTS="${jfr[*]}" bash "$LAUNCHER" "${args[@]}" > "$dir/server.log" 2>&1 &
  else
    ip netns exec "$NS" java $(ours_java_opts) "${jfr[@]}" -jar "$SERVER_JAR" "${args[@]}" > "$dir/server.log" 2>&1 &
  fi
  SERVER_PIDS=($!)
  await_probe "ours-r$round-ready"
  local ready
  ready=$(json_num "$OUT/ours-r$round-ready.json" readyEpochMillis)
  START_MS=$((ready - launch))
}

ours_java_opts() { echo "-Xms$HEAP -Xmx$HEAP"; }

start_apache() {
  local round=$1 dir=$WORK/apache-$round
  mkdir -p "$dir/home" "$dir/store"
  write_apache_broker_conf "$dir"
  local props=(-Duser.home="$dir/home" -Drocketmq.home.dir="$dir" -cp "$APACHE_LIB/*")
  start_probe "apache-r$round-ready"
  local launch
  launch=$(now_ms)
  ip netns exec "$NS" java -Xms"$NAMESRV_HEAP" -Xmx"$NAMESRV_HEAP" "${props[@]}" org.apache.rocketmq.namesrv.NamesrvStartup \
      > "$dir/namesrv.log" 2>&1 &
  SERVER_PIDS=($!)
  # the broker registers once at start: it must find the name server listening
  await_port 9876 "${SERVER_PIDS[0]}" 60
  ip netns exec "$NS" java -Xms"$HEAP" -Xmx"$HEAP" "${props[@]}" org.apache.rocketmq.broker.BrokerStartup -c "$dir/broker.conf" \
      > "$dir/broker.log" 2>&1 &
  SERVER_PIDS+=($!)
  await_probe "apache-r$round-ready"
  local ready
  ready=$(json_num "$OUT/apache-r$round-ready.json" readyEpochMillis)
  START_MS=$((ready - launch))
}

# the null broker: name server and broker in one process that answer each send at once and serve
# every queue a virtual backlog of 1 KiB messages (100,000,000 per queue: the drain never runs dry)
start_null() {
  local round=$1
  start_probe "null-r$round-ready"
  ip netns exec "$NS" java -Xms"$HEAP" -Xmx"$HEAP" -jar "$BENCH_JAR" null-broker --size 1024 > "$OUT/null-r$round.log" 2>&1 &
  SERVER_PIDS=($!)
  await_probe "null-r$round-ready"
}

# the sync loads and the drain against the null broker: what the client alone reaches here
measure_ceiling() {
  local round=$1 p="null-r$1" c
  log "round $round: null broker (the load generator's ceiling): sync sends, 8 and 32 threads; drain ($(clients_of "$round"))"
  start_null "$round"
  for c in $(clients_of "$round"); do
    sync_loads null "$round" "$c"
  done
  for c in $(clients_of "$round"); do
    # no fill: the null broker's queues hold a virtual backlog from the start
    drain_load null "$round" "$c"
  done
  stop_servers 10
}

# sync_loads SIDE ROUND CLIENT: sync sends of 1 KiB with 8 and with 32 threads
sync_loads() {
  local side=$1 round=$2 c=$3 n l
  for n in 8 32; do
    l=$(label "$side-r$round" "sync$n" "$c")
    bench "$l" "$c" produce --topic "Sync$n" --threads "$n" --size 1024 --warmup "${WARMUP}s" --duration "${DURATION}s"
    record_json "$side" "$round" "sync${n}_tput" "$l" throughput "$c"
    record_json "$side" "$round" "sync${n}_p50_ms" "$l" p50 "$c"
    record_json "$side" "$round" "sync${n}_p99_ms" "$l" p99 "$c"
    record_json "$side" "$round" "sync${n}_p999_ms" "$l" p999 "$c"
    record_cpu "$side" "$round" "sync$n" "$l" "$c"
  done
}

# drain_load SIDE ROUND CLIENT: a push consumer of a new group drains the backlog of topic Drain, after
# another one of a group of its own has pulled from it for the warm-up's seconds (not counted): the
# server's pull path is compiled before the counted drain starts, as its send path is before a sync
# load's measured window
drain_load() {
  local side=$1 round=$2 c=$3 l
  l=$(label "$side-r$round" drain "$c")
  bench "$l-warmup" "$c" consume --topic "Drain" --warmup 0s --duration "${WARMUP}s"
  bench "$l" "$c" consume --topic "Drain" --count "$BACKLOG" --idle-timeout 30s
  record_json "$side" "$round" drain_rate "$l" drainRate "$c"
  record_cpu "$side" "$round" drain "$l" "$c"
}

# one round against one broker: start, idle memory, loads, loaded memory, stop
measure() {
  local side=$1 round=$2 p="$1-r$2"
  if [[ $side == null ]]; then
    measure_ceiling "$round"
    return
  fi
  log "round $round: $side: starting"
  "start_$side" "$round"
  record "$side" "$round" start_ms "$START_MS"
  sleep "$SETTLE"
  record_rss "$side" "$round" rss_idle_mib
  log "round $round: $side: ready in $START_MS ms; sync sends, 8 and 32 threads ($(clients_of "$round"))"
  local c l
  for c in $(clients_of "$round"); do
    sync_loads "$side" "$round" "$c"
  done
  log "round $round: $side: filling a backlog of $BACKLOG messages"
  bench "$p-fill" "${CLIENTS[0]}" produce --topic "Drain" --threads 4 --mode batch --batch-size 32 --size 1024 --count "$BACKLOG"
  local filled
  filled=$(json_num "$OUT/$p-fill.json" messages)
  [[ $filled == "$BACKLOG" ]] || die "the backlog is incomplete ($filled of $BACKLOG): $OUT/$p-fill.json"
  log "round $round: $side: draining it with a push consumer (each client with a group of its own)"
  for c in $(clients_of "$round"); do
    drain_load "$side" "$round" "$c"
  done
  log "round $round: $side: end to end at $E2E_RATE msg/s"
  for c in $(clients_of "$round"); do
    l=$(label "$p" e2e "$c")
    # a topic of each client's own: a new group may start at a young queue's first message
    bench "$l" "$c" e2e --topic "E2e$([[ $c == official ]] || echo "_$c")" --threads "$E2E_THREADS" \
        --rate "$E2E_RATE" --size 1024 --warmup "${WARMUP}s" --duration "${DURATION}s"
    record_json "$side" "$round" e2e_p50_ms "$l" p50 "$c"
    record_json "$side" "$round" e2e_p99_ms "$l" p99 "$c"
    record_json "$side" "$round" e2e_p999_ms "$l" p999 "$c"
    record_json "$side" "$round" e2e_lost "$l" lost "$c"
    record_cpu "$side" "$round" e2e "$l" "$c"
  done
  record_rss "$side" "$round" rss_loaded_mib
  stop_servers 10
  [[ $KEEP == yes ]] || rm -rf "$WORK/$side-$round"
}

# ---- run ----------------------------------------------------------------------------------------
sides=(ours apache)
[[ -n $ONLY ]] && sides=("$ONLY")
[[ $CEILING == yes ]] && sides+=(null)
log "results and logs in $OUT"
log "$RUNS rounds; loads of ${DURATION}s after ${WARMUP}s warm-up; backlog $BACKLOG; e2e $E2E_RATE msg/s; heap $HEAP"
if [[ $ONLY != apache && $HOW == launcher ]]; then
  log "preparing the launcher (extracted jar and class archive, once; not part of any start time)"
  ip netns exec "$NS" env JAVA_OPTS="$(ours_java_opts)" MQ_SERVER_JAR="$SERVER_JAR" MQ_SERVER_LAUNCH_DIR="$WORK/launch" \
      bash "$LAUNCHER" --prepare > "$OUT/launcher-prepare.log" 2>&1 || die "launcher preparation failed; see $OUT/launcher-prepare.log"
fi

for round in $(seq 1 "$RUNS"); do
  # alternate who goes first, so that neither always runs on a warmer (or more tired) machine
  if (( round % 2 == 1 )); then order=("${sides[@]}"); else order=(); for ((i=${#sides[@]}-1; i>=0; i--)); do order+=("${sides[i]}"); done; fi
  for side in "${order[@]}"; do
    measure "$side" "$round"
  done
done

print_table
lost=$(awk -F'\t' '$3 == "e2e_lost" && $4 + 0 > 0' "$RESULTS")
[[ -z $lost ]] || log "warning: messages lost in e2e runs: $lost"
log "per-run figures: $RESULTS"
