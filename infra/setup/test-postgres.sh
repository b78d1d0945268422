# A private PostgreSQL server for the test suite, from Debian's package: its own cluster in a
# temporary folder, on loopback port $TEST_POSTGRES_PORT, trusting local connections. Started if
# not running (idempotent), stopped by stop_test_postgres. Exports TEST_POSTGRES_URL, on whose
# server each test creates (and drops) a database of its own. Source after common.sh.

ensure_apt_packages postgresql

TEST_POSTGRES_PORT="${TEST_POSTGRES_PORT:-55432}"
TEST_POSTGRES_DIR="${TMPDIR:-/tmp}/madoguchi-test-postgres-$(id -u)"
TEST_POSTGRES_BIN="$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -1)"

# PostgreSQL refuses to run as root: as root, the cluster belongs to the package's postgres user.
as_cluster_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_postgres() {
  local data="$TEST_POSTGRES_DIR/data"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "creating the test PostgreSQL cluster in $TEST_POSTGRES_DIR"
    rm -rf "$TEST_POSTGRES_DIR"
    mkdir -p "$TEST_POSTGRES_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$TEST_POSTGRES_DIR"
    as_cluster_owner "$TEST_POSTGRES_BIN/initdb" -D "$data" --username=postgres --auth=trust \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_cluster_owner "$TEST_POSTGRES_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "starting the test PostgreSQL on 127.0.0.1:$TEST_POSTGRES_PORT"
    as_cluster_owner "$TEST_POSTGRES_BIN/pg_ctl" -D "$data" -l "$TEST_POSTGRES_DIR/server.log" -w -t 60 \
      -o "-p $TEST_POSTGRES_PORT -k $TEST_POSTGRES_DIR -c listen_addresses=127.0.0.1 -c max_connections=200" \
      start >/dev/null
  fi
  export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$TEST_POSTGRES_PORT/postgres"
  # From here on a store test that cannot reach PostgreSQL fails instead of running on SQLite only.
  export TEST_REQUIRE_POSTGRES=1
}

stop_test_postgres() {
  as_cluster_owner "$TEST_POSTGRES_BIN/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}
