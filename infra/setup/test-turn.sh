# A private coturn for the test suite, from Debian's package, with the project's TURN set-up
# (infra/turn/turnserver.test.conf: TLS, shared-secret credentials) on loopback only: TURN over
# TLS on 127.0.0.1:$TEST_TURN_TLS_PORT with a self-signed certificate generated for the run, plain
# TURN (UDP and TCP, for trying things by hand) on 127.0.0.1:$TEST_TURN_PORT, relaying to loopback
# peers only. Started if not running (idempotent), stopped by stop_test_turn. Exports
# TEST_TURN_URL (TURN over TLS) and TEST_TURN_SECRET, what a test server's TURN_URLS and
# TURN_SHARED_SECRET are set to, and TEST_TURN_CERT, the certificate a browser is to trust.
# Source after common.sh.

# Installing coturn starts Debian's own service where systemd runs, listening on every interface
# with the package's empty configuration; the tests use only their private instance, so a service
# that this set-up installed is switched off again. A coturn installed before is left alone.
ensure_test_turn_package() {
  if dpkg-query -W -f='${Status}' coturn 2>/dev/null | grep -q 'install ok installed'; then
    ensure_apt_packages openssl
    return 0
  fi
  ensure_apt_packages coturn openssl
  if [ -d /run/systemd/system ]; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    log "disabling Debian's coturn service (the tests start their own)"
    $sudo systemctl disable --now coturn >/dev/null 2>&1 || true
  fi
}
ensure_test_turn_package

TEST_TURN_PORT="${TEST_TURN_PORT:-53478}"
TEST_TURN_TLS_PORT="${TEST_TURN_TLS_PORT:-55349}"
# coturn's own relay ports, apart from the range the test servers' mediasoup workers use.
TEST_TURN_RELAY_PORTS="${TEST_TURN_RELAY_PORTS:-50000-50999}"
TEST_TURN_DIR="${TMPDIR:-/tmp}/madoguchi-test-turn-$(id -u)"

# True when the coturn whose pid is in the run folder is alive.
test_turn_running() {
  local pid
  pid="$(cat "$TEST_TURN_DIR/turnserver.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "turnserver" ]
}

start_test_turn() {
  if ! test_turn_running; then
    log "starting the test coturn on 127.0.0.1:$TEST_TURN_TLS_PORT (TLS) and :$TEST_TURN_PORT"
    rm -rf "$TEST_TURN_DIR"
    mkdir -p "$TEST_TURN_DIR"
    chmod 700 "$TEST_TURN_DIR"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
      -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout "$TEST_TURN_DIR/key.pem" -out "$TEST_TURN_DIR/cert.pem" 2>/dev/null
    openssl rand -hex 32 > "$TEST_TURN_DIR/secret"
    {
      cat "$REPO_ROOT/infra/turn/turnserver.test.conf"
      echo "listening-port=$TEST_TURN_PORT"
      echo "tls-listening-port=$TEST_TURN_TLS_PORT"
      echo "min-port=${TEST_TURN_RELAY_PORTS%-*}"
      echo "max-port=${TEST_TURN_RELAY_PORTS#*-}"
      echo "static-auth-secret=$(cat "$TEST_TURN_DIR/secret")"
      echo "cert=$TEST_TURN_DIR/cert.pem"
      echo "pkey=$TEST_TURN_DIR/key.pem"
      echo "pidfile=$TEST_TURN_DIR/turnserver.pid"
      echo "log-file=$TEST_TURN_DIR/turnserver.log"
      echo "userdb=$TEST_TURN_DIR/turndb"
    } > "$TEST_TURN_DIR/turnserver.conf"
    turnserver -c "$TEST_TURN_DIR/turnserver.conf" --daemon >/dev/null 2>&1 ||
      { log "coturn did not start; see $TEST_TURN_DIR/turnserver.log"; exit 1; }
    # Ready once it accepts TLS connections (it writes its pid file before it listens).
    local tries=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$TEST_TURN_TLS_PORT") 2>/dev/null; do
      tries=$((tries + 1))
      if [ "$tries" -gt 100 ]; then
        log "coturn does not listen on 127.0.0.1:$TEST_TURN_TLS_PORT; see $TEST_TURN_DIR/turnserver.log"
        exit 1
      fi
      sleep 0.1
    done
  fi
  export TEST_TURN_URL="turns:127.0.0.1:$TEST_TURN_TLS_PORT?transport=tcp"
  TEST_TURN_SECRET="$(cat "$TEST_TURN_DIR/secret")"
  export TEST_TURN_SECRET
  export TEST_TURN_CERT="$TEST_TURN_DIR/cert.pem"
}

stop_test_turn() {
  local pid
  pid="$(cat "$TEST_TURN_DIR/turnserver.pid" 2>/dev/null)" || return 0
  if test_turn_running; then
    kill "$pid" 2>/dev/null || true
    local tries=0
    while [ -e "/proc/$pid" ] && [ "$tries" -lt 50 ]; do
      sleep 0.1
      tries=$((tries + 1))
    done
    [ -e "/proc/$pid" ] && kill -9 "$pid" 2>/dev/null
  fi
  # The secret and the private key lived only for this run.
  rm -rf "$TEST_TURN_DIR"
}
