#!/usr/bin/env bash
# Starts the services the tests use, installing them first when they are missing: for the
# starter's idempotency-store tests, a PostgreSQL cluster (Debian's cluster tools, run as the postgres user, never
# as root) with user "mq", password "mq" and database "mq_test" on 127.0.0.1:5432, and a
# redis-server on 127.0.0.1:6379; for the console's browser tests, Chromium and chromedriver
# (Debian packages chromium, chromium-driver). Safe to run again: whatever is there and running is left as it is.
#
# Run it as root on Debian 12 (CI does, from .ci/run), or with sudo on a developer machine:
#   sudo scripts/test-services.sh
# Tests read other addresses from MQ_TEST_POSTGRES_URL / _USER / _PASSWORD and
# MQ_TEST_REDIS_HOST / _PORT (or the system properties mq.test.postgres.url, ... ).
set -euo pipefail

PG_USER=mq
PG_PASSWORD=mq
PG_DATABASE=mq_test
PG_PORT=5432
REDIS_PORT=6379

if [[ $(id -u) -ne 0 ]]; then
    echo "scripts/test-services.sh installs and starts system services: run it as root (sudo)" >&2
    exit 1
fi

apt_updated=no
install_packages() {
    export DEBIAN_FRONTEND=noninteractive
    if [[ $apt_updated == no ]]; then
        apt-get update
        apt_updated=yes
    fi
    apt-get install -y --no-install-recommends "$@"
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND once a second, fails after SECONDS.
wait_until() {
    local seconds=$1 what=$2
    shift 2
    for ((i = 0; i < seconds; i++)); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 1
    done
    echo "scripts/test-services.sh: $what did not come up within ${seconds}s" >&2
    return 1
}

# --- PostgreSQL ---------------------------------------------------------------------------
if ! command -v pg_lsclusters >/dev/null 2>&1 || [[ -z $(ls /usr/lib/postgresql 2>/dev/null) ]]; then
    install_packages postgresql
fi

# The cluster listening on our port; Debian's package normally creates "main" on 5432.
cluster=$(pg_lsclusters -h | awk -v port="$PG_PORT" '$3 == port { print $1 " " $2; exit }')
if [[ -z $cluster ]]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    pg_createcluster "$version" main --port "$PG_PORT"
    cluster="$version main"
fi
read -r pg_version pg_name <<<"$cluster"
if ! pg_lsclusters -h | awk -v v="$pg_version" -v n="$pg_name" '$1 == v && $2 == n && $4 == "online" { found = 1 } END { exit !found }'; then
    # pg_ctlcluster switches to the cluster's owner (postgres) itself.
    pg_ctlcluster "$pg_version" "$pg_name" start
fi
wait_until 30 "PostgreSQL on 127.0.0.1:$PG_PORT" pg_isready -h 127.0.0.1 -p "$PG_PORT"

as_postgres() {
    runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtA "$@"
}
if [[ -z $(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'") ]]; then
    as_postgres -c "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'"
else
    as_postgres -c "ALTER ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'"
fi
if [[ -z $(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'") ]]; then
    as_postgres -c "CREATE DATABASE $PG_DATABASE OWNER $PG_USER"
fi
echo "PostgreSQL $pg_version ready: jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DATABASE (user $PG_USER)"

# --- Redis --------------------------------------------------------------------------------
if ! command -v redis-server >/dev/null 2>&1; then
    install_packages redis-server
fi
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    if [[ $REDIS_PORT -eq 6379 ]] && service redis-server start; then
        :
    else
        # No init system to ask (a bare container): run it ourselves, in memory only.
        redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
            --save '' --appendonly no --logfile /tmp/mq-test-redis.log
    fi
fi
wait_until 30 "redis-server on 127.0.0.1:$REDIS_PORT" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping
echo "redis-server ready: 127.0.0.1:$REDIS_PORT"

# --- Chromium -----------------------------------------------------------------------------
# The console's browser tests drive a real headless Chromium through the system's chromedriver.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    install_packages chromium chromium-driver
fi
echo "Chromium ready: $(chromium --version 2>/dev/null || echo chromium), $(command -v chromedriver)"
