# Shared by client-cpu.sh and listener-drain.sh (sourced, not run): a run against one null broker.
# The sourcing script defines die and log and sets ROOT, BENCH_JAR, BUILD, NAMESRV_PORT and
# BROKER_PORT first.

# prepare_run NAME: builds mq-bench if asked or missing, makes $OUT (mq-bench/target/NAME-<time>
# unless OUT is set) with an empty $RESULTS, and stops the null broker whenever the script ends.
prepare_run() {
  command -v java >/dev/null || die "needs java (17 or newer) on the PATH"
  if [[ $BUILD == yes || ! -f $BENCH_JAR ]]; then
    log "building mq-bench"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl mq-bench -am package)
  fi
  OUT=${OUT:-$ROOT/mq-bench/target/$1-$(date +%Y%m%d-%H%M%S)}
  mkdir -p "$OUT"
  RESULTS=$OUT/results.tsv
  : > "$RESULTS"
  NULL_PID=""
  trap stop_null_broker EXIT
  trap 'exit 130' INT TERM
}

stop_null_broker() {
  if [[ -n $NULL_PID ]]; then
    kill -TERM "$NULL_PID" 2>/dev/null || true
    wait "$NULL_PID" 2>/dev/null || true
  fi
}

# start_null_broker: starts the null broker (1 KiB messages) and waits until its name server answers
start_null_broker() {
  log "null broker on 127.0.0.1:$NAMESRV_PORT (name server) and :$BROKER_PORT (broker)"
  java -Xms1g -Xmx1g -jar "$BENCH_JAR" null-broker --namesrv-port "$NAMESRV_PORT" --broker-port "$BROKER_PORT" \
      --size 1024 > "$OUT/null-broker.log" 2>&1 &
  NULL_PID=$!
  for _ in $(seq 1 600); do
    grep -q "null-broker: name server" "$OUT/null-broker.log" 2>/dev/null && return 0
    kill -0 "$NULL_PID" 2>/dev/null || die "the null broker exited: $(cat "$OUT/null-broker.log")"
    sleep 0.05
  done
  die "the null broker did not start within 30 s"
}

# json_num FILE KEY: the number of a (unique) key in one-line JSON
json_num() {
  local v
  v=$(sed -n "s/.*\"$2\":\(-\{0,1\}[0-9][0-9.]*\).*/\1/p" "$1" | head -n 1)
  [[ -n $v ]] || die "no \"$2\" in $1: $(cat "$1" 2>/dev/null)"
  echo "$v"
}
