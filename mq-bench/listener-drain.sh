#!/usr/bin/env bash
# The Spring Boot starter's @MqListener against the bare mq-client push consumer: how fast each
# drains a backlog (issue 17, "Performance"). One null broker (mq-bench.jar null-broker: stores
# nothing, serves every queue a virtual backlog that never runs dry and gives every message a
# unique id) serves the whole run; each round runs five consume loads, one load-tool process each,
# every one with a new group of its own and the same consume threads:
#
#   ours     the bare push consumer (consume --client ours)
#   spring   a no-op @MqListener(idempotent = false) in a minimal Spring Boot application
#   memory   the same listener idempotent, in-memory store
#   jdbc     idempotent, JDBC store on PostgreSQL (HikariCP)
#   redis    idempotent, Redis store (Lettuce)
#   floor    idempotent through the floor store of mq-bench (FloorIdempotencyStore): no store, only
#            the memory work any in-memory store must do for a new key; the ceiling of memory
#
# The order of the loads reverses from one round to the next. Each figure is the median over the
# rounds of drainRate (messages per second after the warm-up, from the first message on). The
# targets: spring >= 0.90 and memory >= 0.80 of the bare client's rate; jdbc and redis are reported
# beside them, and floor (when run) is the most memory could reach on the same machine. jdbc and redis need PostgreSQL and redis-server (scripts/test-services.sh starts them).
#
# Only figures taken on an otherwise idle machine mean anything.
#
#   mq-bench/listener-drain.sh                                       # 3 rounds, 30 s loads after 10 s warm-up
#   mq-bench/listener-drain.sh --rounds 1 --duration 15 --warmup 5   # a quick look
#   mq-bench/listener-drain.sh --help
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_JAR=$ROOT/mq-bench/target/mq-bench.jar

ROUNDS=3
DURATION=30
WARMUP=10
THREADS=20
NAMESRV_PORT=19877
BROKER_PORT=20912
JDBC_URL=jdbc:postgresql://127.0.0.1:5432/mq_test
JDBC_USER=mq
JDBC_PASSWORD=mq
REDIS_HOST=127.0.0.1
REDIS_PORT=6379
KINDS="ours spring memory jdbc redis"
BUILD=auto
OUT=""

usage() {
  cat <<EOF
usage: mq-bench/listener-drain.sh [options]

Measures how fast a no-op @MqListener of mq-spring-boot-starter drains the null broker's backlog,
without idempotency and with each idempotency store, beside the bare mq-client push consumer in the
same run, and compares the ratios with the issue's targets (listener >= 0.90, listener with the
in-memory store >= 0.80 of the bare client's rate). Listens on 127.0.0.1 only.

  --rounds N           rounds; each figure is the median over them [$ROUNDS]
  --duration S         seconds of each measured load (a trailing s is allowed) [$DURATION]
  --warmup S           seconds of warm-up before each measured load (not counted) [$WARMUP]
  --threads N          consume threads of every load [$THREADS]
  --kinds "K ..."      which loads, of: ours spring memory jdbc redis floor [$KINDS]
  --jdbc-url URL       PostgreSQL of the jdbc load [$JDBC_URL]
  --jdbc-user NAME     its user [$JDBC_USER]
  --jdbc-password PW   its password [$JDBC_PASSWORD]
  --redis-host HOST    redis-server of the redis load [$REDIS_HOST]
  --redis-port PORT    its port [$REDIS_PORT]
  --namesrv-port P     the null broker's name-server port [$NAMESRV_PORT]
  --broker-port P      the null broker's broker port [$BROKER_PORT]
  --build              rebuild mq-bench first (default: only if the jar is missing)
  --out DIR            where results and logs go [mq-bench/target/listener-drain-<time>]
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=${2%s}; shift ;;
    --warmup) WARMUP=${2%s}; shift ;;
    --threads) THREADS=$2; shift ;;
    --kinds) KINDS=$2; shift ;;
    --jdbc-url) JDBC_URL=$2; shift ;;
    --jdbc-user) JDBC_USER=$2; shift ;;
    --jdbc-password) JDBC_PASSWORD=$2; shift ;;
    --redis-host) REDIS_HOST=$2; shift ;;
    --redis-port) REDIS_PORT=$2; shift ;;
    --namesrv-port) NAMESRV_PORT=$2; shift ;;
    --broker-port) BROKER_PORT=$2; shift ;;
    --build) BUILD=yes ;;
    --out) OUT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "listener-drain.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

die() { echo "listener-drain.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

for pair in "rounds:$ROUNDS" "duration:$DURATION" "warmup:$WARMUP" "threads:$THREADS" \
    "namesrv-port:$NAMESRV_PORT" "broker-port:$BROKER_PORT" "redis-port:$REDIS_PORT"; do
  [[ ${pair#*:} =~ ^[0-9]+$ ]] || die "--${pair%%:*} must be a whole number, got '${pair#*:}'"
done
[[ $ROUNDS -ge 1 && $DURATION -ge 1 && $THREADS -ge 1 ]] || die "--rounds, --duration and --threads must be at least 1"
read -r -a KIND_LIST <<< "$KINDS"
[[ ${#KIND_LIST[@]} -ge 1 ]] || die "--kinds must name at least one load"
for kind in "${KIND_LIST[@]}"; do
  [[ $kind =~ ^(ours|spring|memory|jdbc|redis|floor)$ ]] || die "--kinds: unknown load '$kind' (ours spring memory jdbc redis floor)"
done
# shellcheck source=null-broker-run.sh
source "$ROOT/mq-bench/null-broker-run.sh"
prepare_run listener-drain

# client_args KIND: the load tool's options for one kind of load
client_args() {
  case "$1" in
    ours) echo "--client ours" ;;
    spring) echo "--client spring --idempotency none" ;;
    memory) echo "--client spring --idempotency memory" ;;
    jdbc) echo "--client spring --idempotency jdbc" ;;
    redis) echo "--client spring --idempotency redis" ;;
    floor) echo "--client spring --idempotency floor" ;;
  esac
}

# drain ROUND KIND: one consume load of a new group; the JSON result goes to $OUT/rROUND-KIND.json
drain() {
  local label="r$1-$2" group="listener_drain_$2_r$1_$(date +%s%N)"
  # shellcheck disable=SC2046 # client_args is words on purpose
  if ! java -Xms1g -Xmx2g -jar "$BENCH_JAR" consume $(client_args "$2") \
      --jdbc-url "$JDBC_URL" --jdbc-user "$JDBC_USER" --jdbc-password "$JDBC_PASSWORD" \
      --redis-host "$REDIS_HOST" --redis-port "$REDIS_PORT" \
      --namesrv "127.0.0.1:$NAMESRV_PORT" --topic ListenerDrain --group "$group" --threads "$THREADS" \
      --server-pids "$NULL_PID" --warmup "${WARMUP}s" --duration "${DURATION}s" --json \
      > "$OUT/$label.json" 2> "$OUT/$label.log"; then
    die "load '$label' failed; see $OUT/$label.log"
  fi
  local errors key
  errors=$(json_num "$OUT/$label.json" errors)
  [[ $errors == 0 ]] || log "  $label: $errors errors (see $OUT/$label.json)"
  for key in drainRate cpuMicrosPerMessage cpuCores firstMessageSeconds; do
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$key" "$(json_num "$OUT/$label.json" "$key")" >> "$RESULTS"
  done
  log "  $label: $(json_num "$OUT/$label.json" drainRate) msg/s"
}

log "results and logs in $OUT"
start_null_broker

log "$ROUNDS rounds of: ${KIND_LIST[*]}; loads of ${DURATION}s after ${WARMUP}s warm-up; $THREADS consume threads"
for round in $(seq 1 "$ROUNDS"); do
  order=("${KIND_LIST[@]}")
  if (( round % 2 == 0 )); then
    order=()
    for (( i = ${#KIND_LIST[@]} - 1; i >= 0; i-- )); do order+=("${KIND_LIST[i]}"); done
  fi
  log "round $round: ${order[*]}"
  for kind in "${order[@]}"; do
    drain "$round" "$kind"
  done
done

{
  echo "mq-bench/listener-drain.sh on $(hostname), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "median of $ROUNDS rounds; null broker; consume loads ${DURATION}s after ${WARMUP}s warm-up, 1 KiB messages,"
  echo "$THREADS consume threads, a new group each"
  echo
  awk -F'\t' '
    function median(kind, metric,   n, i, j, t, v) {
      n = 0
      for (i = 1; i <= count; i++) if (K[i] == kind && M[i] == metric) v[++n] = V[i] + 0
      if (n == 0) return ""
      for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    function row(kind, label, goal,   rate, base, r, verdict, cpu) {
      rate = median(kind, "drainRate")
      if (rate == "") return
      base = median("ours", "drainRate")
      r = (base > 0) ? sprintf("%.2f", rate / base) : "-"
      verdict = ""
      if (goal != "" && r != "-") verdict = ">= " goal ((rate / base >= goal + 0) ? " met" : " not met")
      cpu = median(kind, "cpuMicrosPerMessage")
      printf "| %-44s | %12.0f | %8s | %13.1f | %-14s |\n", label, rate, r, cpu, verdict
    }
    { ++count; K[count] = $2; M[count] = $3; V[count] = $4 }
    END {
      printf "| %-44s | %12s | %8s | %13s | %-14s |\n", "consumer", "drain msg/s", "vs bare", "CPU us/msg", "target"
      printf "|%s|%s|%s|%s|%s|\n", "----------------------------------------------", "--------------", "----------", "---------------", "----------------"
      row("ours", "bare mq-client push consumer", "")
      row("spring", "@MqListener, not idempotent", "0.90")
      row("memory", "@MqListener, idempotent, in-memory store", "0.80")
      row("jdbc", "@MqListener, idempotent, JDBC (PostgreSQL)", "")
      row("redis", "@MqListener, idempotent, Redis", "")
      row("floor", "ceiling: idempotent through the floor store", "")
    }' "$RESULTS"
  echo
  echo "drain msg/s: drainRate, messages counted after the warm-up per second, from the first message on."
  echo "CPU us/msg: the load tool's whole process (listener, client, Spring, JDBC/Redis driver) per message."
  awk -F'\t' '$3 == "drainRate" { rate[$1 " " $2] = $4; if ($1 + 0 > last) last = $1 + 0 }
    END {
      line = ""
      for (r = 1; r <= last; r++) if ((r " ours") in rate && (r " memory") in rate) {
        line = line sprintf(" r%s %.2f", r, rate[r " memory"] / rate[r " ours"])
        if ((r " floor") in rate) line = line sprintf(" (floor %.2f)", rate[r " floor"] / rate[r " ours"])
      }
      if (line != "") print "memory / ours per round (floor / ours):" line
    }' "$RESULTS"
} | tee "$OUT/table.md"
log "per-run figures: $RESULTS"
