# What the test suite needs beyond the product: Debian's Chromium and CJK fonts for the browser
# tests, a private PostgreSQL (test-postgres.sh) and a private coturn (test-turn.sh), each started
# if not running and stopped by stop_test_services. Source after prepare.sh.

# Browser tests: Debian's Chromium (test tools cannot download browsers here) and CJK fonts so
# Japanese screens render as residents see them.
ensure_apt_packages chromium fonts-noto-cjk
# Fault tests give the kiosk's browser a line of its own (a network namespace with a veth pair)
# that they cut, and firewall it (UDP blocked, only HTTPS and TURN/TLS let out).
ensure_apt_packages iproute2 iptables
# Every store test, and the integration suite a second time, also run against real PostgreSQL.
# shellcheck source=test-postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/test-postgres.sh"
# The TURN browser test relays every call's media through coturn over TLS.
# shellcheck source=test-turn.sh
source "$(dirname "${BASH_SOURCE[0]}")/test-turn.sh"

start_test_services() {
  start_test_postgres
  start_test_turn
}

# Stops both, whichever of them started (each stop is harmless when its server is not running).
stop_test_services() {
  stop_test_turn
  stop_test_postgres
}
