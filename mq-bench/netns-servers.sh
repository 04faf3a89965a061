# Shared by compare.sh and scale.sh (sourced, not run): servers started in a private network
# namespace, so that their fixed ports (9876, 10911) cannot clash with anything on the machine.
# The sourcing script defines die and log and sets WORK (a temporary directory it owns) and
# SERVER_PIDS=() first; KEEP=yes keeps WORK at the end.

# netns_open NAME: creates the namespace NAME with its loopback up, and cleans up whenever the
# script ends (servers killed, namespace deleted, WORK removed unless KEEP=yes)
netns_open() {
  NS=$1
  trap netns_cleanup EXIT
  trap 'exit 130' INT TERM
  ip netns add "$NS"
  ip netns exec "$NS" ip link set lo up
}

netns_cleanup() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  if ip netns list 2>/dev/null | grep -qw "$NS"; then
    # every process in this namespace was started by this script
    for pid in $(ip netns pids "$NS" 2>/dev/null); do
      kill -KILL "$pid" 2>/dev/null || true
    done
    ip netns delete "$NS" 2>/dev/null || true
  fi
  if [[ ${KEEP:-no} == yes ]]; then
    log "kept server data and logs in $WORK"
  else
    rm -rf "$WORK"
  fi
}

# in_ns COMMAND...: runs COMMAND in the namespace. Foreground only: in the background a function
# runs in a subshell, and $! would not be the command's process.
in_ns() { ip netns exec "$NS" "$@"; }

# await_port PORT PID SECONDS: waits until PORT accepts connections in the namespace, failing when
# process PID exits first or SECONDS pass
await_port() {
  local port=$1 pid=$2 seconds=$3 i
  for i in $(seq 1 $((seconds * 10))); do
    in_ns bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || die "process $pid exited before port $port opened"
    sleep 0.1
  done
  die "port $port did not open within $seconds s"
}

# stop_servers SECONDS: asks every process of SERVER_PIDS to stop, kills what still runs after
# SECONDS each, and empties SERVER_PIDS
stop_servers() {
  local seconds=$1 pid i
  for pid in "${SERVER_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${SERVER_PIDS[@]}"; do
    for i in $(seq 1 $((seconds * 10))); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  SERVER_PIDS=()
}

# write_apache_broker_conf DIR: DIR/broker.conf with the settings of Apache RocketMQ's own
# conf/broker.conf, plus a store under DIR/store and loopback addresses only
write_apache_broker_conf() {
  local dir=$1
  cat > "$dir/broker.conf" <<EOF
brokerClusterName=DefaultCluster
brokerName=broker-a
brokerId=0
deleteWhen=04
fileReservedTime=48
brokerRole=ASYNC_MASTER
flushDiskType=ASYNC_FLUSH
namesrvAddr=127.0.0.1:9876
brokerIP1=127.0.0.1
listenPort=10911
autoCreateTopicEnable=true
storePathRootDir=$dir/store
storePathCommitLog=$dir/store/commitlog
EOF
}
