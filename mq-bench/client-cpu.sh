#!/usr/bin/env bash
# Our client's CPU per message against the official client's, both driven by the load tool against
# the null broker (mq-bench.jar null-broker: answers every send at once, stores nothing, serves every
# queue a virtual backlog), so that nearly all the CPU the load tool uses is its client's. The null
# broker runs in one process for the whole run, the load tool in another for each load; each round
# runs sync sends and a push-consumer drain with both clients, one after the other (which one goes
# first alternates between rounds), and the sync-send ceilings (mq-bench.jar sync-ceiling: the frame
# encoded once, over a socket per thread or one shared connection; what a synchronous send costs
# with no client work). Each figure is the median over the rounds.
#
# The figure is the load tool's whole-process CPU time (/proc, user + system, every thread: JIT and
# GC included) over the measured window (after start-up and --warmup), divided by the messages
# counted in that window: cpuMicrosPerMessage of `produce` and `consume --json`.
#
# Only figures taken on an otherwise idle machine mean anything: other processes take cores from
# the load tool and the null broker, and CPU per message rises with contention.
#
#   mq-bench/client-cpu.sh                 # 3 rounds, 30 s loads after 10 s warm-up
#   mq-bench/client-cpu.sh --rounds 1 --duration 5 --warmup 2   # plumbing check only
#   mq-bench/client-cpu.sh --help
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_JAR=$ROOT/mq-bench/target/mq-bench.jar

ROUNDS=3
DURATION=30
WARMUP=10
PRODUCERS=32
CONSUMERS=20
NAMESRV_PORT=19876
BROKER_PORT=20911
BUILD=auto
OUT=""

usage() {
  cat <<EOF
usage: mq-bench/client-cpu.sh [options]

Measures the CPU per message of our client (mq-client) and of the official Apache RocketMQ client
5.5.0 against the null broker, side by side, for sync sends and a push-consumer drain of 1 KiB
messages, and compares the ratios with the issue's targets (sync producer <= 1/2, push consumer
<= 1/3 of the official client's CPU per message). Needs no root; listens on 127.0.0.1 only.

  --rounds N           rounds; each figure is the median over them [$ROUNDS]
  --duration S         seconds of each measured load [$DURATION]
  --warmup S           seconds of warm-up before each measured load (not counted) [$WARMUP]
  --producers N        sync sender threads [$PRODUCERS]
  --consumers N        push-consumer listener threads [$CONSUMERS]
  --namesrv-port P     the null broker's name-server port [$NAMESRV_PORT]
  --broker-port P      the null broker's broker port [$BROKER_PORT]
  --build              rebuild mq-bench first (default: only if the jar is missing)
  --out DIR            where results and logs go [mq-bench/target/client-cpu-<time>]
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --producers) PRODUCERS=$2; shift ;;
    --consumers) CONSUMERS=$2; shift ;;
    --namesrv-port) NAMESRV_PORT=$2; shift ;;
    --broker-port) BROKER_PORT=$2; shift ;;
    --build) BUILD=yes ;;
    --out) OUT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "client-cpu.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

die() { echo "client-cpu.sh: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

for pair in "rounds:$ROUNDS" "duration:$DURATION" "warmup:$WARMUP" "producers:$PRODUCERS" "consumers:$CONSUMERS" \
    "namesrv-port:$NAMESRV_PORT" "broker-port:$BROKER_PORT"; do
  [[ ${pair#*:} =~ ^[0-9]+$ ]] || die "--${pair%%:*} must be a whole number, got '${pair#*:}'"
done
[[ $ROUNDS -ge 1 && $DURATION -ge 1 && $PRODUCERS -ge 1 && $CONSUMERS -ge 1 ]] \
  || die "--rounds, --duration, --producers and --consumers must be at least 1"
[[ -r /proc/self/stat ]] || die "needs /proc (Linux): the CPU figures are read from it"
# shellcheck source=null-broker-run.sh
source "$ROOT/mq-bench/null-broker-run.sh"
prepare_run client-cpu

# bench LABEL CLIENT ARGS...: one load-tool process; the JSON result goes to $OUT/LABEL.json
bench() {
  local label=$1 client=$2; shift 2
  if ! java -Xms1g -Xmx2g -jar "$BENCH_JAR" "$@" --client "$client" --namesrv "127.0.0.1:$NAMESRV_PORT" \
      --server-pids "$NULL_PID" --warmup "${WARMUP}s" --duration "${DURATION}s" --size 1024 --json \
      > "$OUT/$label.json" 2> "$OUT/$label.log"; then
    die "load '$label' failed; see $OUT/$label.log"
  fi
  local errors
  errors=$(json_num "$OUT/$label.json" errors)
  [[ $errors == 0 ]] || log "  $label: $errors errors (see $OUT/$label.json)"
}

# record ROUND CLIENT LOAD LABEL: the load's figures into results.tsv
record() {
  local key
  for key in cpuMicrosPerMessage throughput cpuCores serverCpuMicrosPerMessage; do
    printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$key" "$(json_num "$OUT/$4.json" "$key")" >> "$RESULTS"
  done
}

log "results and logs in $OUT"
start_null_broker

log "$ROUNDS rounds; loads of ${DURATION}s after ${WARMUP}s warm-up; $PRODUCERS sync senders, $CONSUMERS consumer threads"
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 == 1 )); then order=(official ours); else order=(ours official); fi
  for client in "${order[@]}"; do
    log "round $round: sync sends, $PRODUCERS threads (client: $client)"
    bench "r$round-sync-$client" "$client" produce --topic ClientCpuSync --threads "$PRODUCERS"
    record "$round" "$client" sync "r$round-sync-$client"
  done
  # the least a synchronous send can cost a client here: the frame encoded once, over a socket per
  # thread (own) or one shared connection with a reader thread (shared)
  for connection in own shared; do
    log "round $round: sync-send ceiling, $PRODUCERS threads, connection: $connection"
    if ! java -Xms1g -Xmx2g -jar "$BENCH_JAR" sync-ceiling --broker "127.0.0.1:$BROKER_PORT" --connection "$connection" \
        --threads "$PRODUCERS" --size 1024 --warmup "$WARMUP" --duration "$DURATION" \
        > "$OUT/r$round-sync-ceiling-$connection.json" 2> "$OUT/r$round-sync-ceiling-$connection.log"; then
      die "sync-ceiling failed; see $OUT/r$round-sync-ceiling-$connection.log"
    fi
    for key in cpuMicrosPerMessage throughput; do
      printf '%s\t%s\t%s\t%s\t%s\n' "$round" "ceiling-$connection" sync "$key" \
          "$(json_num "$OUT/r$round-sync-ceiling-$connection.json" "$key")" >> "$RESULTS"
    done
  done
  for client in "${order[@]}"; do
    # a new group each time; the virtual backlog (100,000,000 per queue) never runs dry
    log "round $round: push-consumer drain, $CONSUMERS threads (client: $client)"
    bench "r$round-drain-$client" "$client" consume --topic ClientCpuDrain --threads "$CONSUMERS"
    record "$round" "$client" drain "r$round-drain-$client"
  done
done

{
  echo "mq-bench/client-cpu.sh on $(hostname), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "median of $ROUNDS rounds; null broker; loads ${DURATION}s after ${WARMUP}s warm-up, 1 KiB messages;"
  echo "sync sends with $PRODUCERS threads, push-consumer drain with $CONSUMERS listener threads"
  echo
  awk -F'\t' '
    function median(client, load, metric,   n, i, j, t, v) {
      n = 0
      for (i = 1; i <= count; i++) if (C[i] == client && L[i] == load && M[i] == metric) v[++n] = V[i] + 0
      if (n == 0) return ""
      for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
      return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    function row(label, load, metric, fmt, goal,   o, u, r, verdict) {
      o = median("official", load, metric); u = median("ours", load, metric)
      r = (o > 0) ? u / o : ""
      verdict = ""
      if (goal != "" && r != "") verdict = (r <= goal + 0) ? "met" : "not met"
      printf "| %-40s | %15s | %10s | %13s | %-15s |\n", label, (o == "" ? "-" : sprintf(fmt, o)), (u == "" ? "-" : sprintf(fmt, u)),
          (r == "" ? "-" : sprintf("%.2f", r)), (goal == "" ? "" : "<= " goal " " verdict)
    }
    function ceiling(connection, label,   c, o) {
      c = median("ceiling-" connection, "sync", "cpuMicrosPerMessage"); o = median("official", "sync", "cpuMicrosPerMessage")
      if (c != "") printf "| %-40s | %15s | %10s | %13s | %-15s |\n", label, "", sprintf("%.1f", c),
          (o > 0 ? sprintf("%.2f", c / o) : "-"), ""
    }
    { ++count; C[count] = $2; L[count] = $3; M[count] = $4; V[count] = $5 }
    END {
      printf "| %-40s | %15s | %10s | %13s | %-15s |\n", "figure", "official client", "our client", "ours/official", "target"
      printf "|%s|%s|%s|%s|%s|\n", "------------------------------------------", "-----------------", "------------", "---------------", "-----------------"
      row("sync send: client CPU per message (us)", "sync", "cpuMicrosPerMessage", "%.1f", "0.50")
      row("  throughput (msg/s)", "sync", "throughput", "%.0f", "")
      row("  client CPU (cores)", "sync", "cpuCores", "%.2f", "")
      row("  null broker CPU per message (us)", "sync", "serverCpuMicrosPerMessage", "%.1f", "")
      ceiling("own", "  ceiling, socket per thread (us)")
      ceiling("shared", "  ceiling, one shared connection (us)")
      row("push drain: client CPU per message (us)", "drain", "cpuMicrosPerMessage", "%.1f", "0.33")
      row("  throughput (msg/s)", "drain", "throughput", "%.0f", "")
      row("  client CPU (cores)", "drain", "cpuCores", "%.2f", "")
      row("  null broker CPU per message (us)", "drain", "serverCpuMicrosPerMessage", "%.1f", "")
    }' "$RESULTS"
  echo
  echo "client CPU: the load tool's whole process (/proc, user + system, every thread) over the measured window,"
  echo "per message counted in it. Valid only on an otherwise idle machine."
  echo "ceilings: mq-bench.jar sync-ceiling, each thread sending a frame encoded once and waiting for the whole"
  echo "answer (no encoding, decoding or futures), over a blocking socket of its own or over one connection whose"
  echo "reader thread wakes it; their ours/official column is their share of the official client's CPU."
} | tee "$OUT/table.md"
log "per-run figures: $RESULTS"
