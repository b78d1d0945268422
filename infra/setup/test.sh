#!/usr/bin/env bash
# Runs the whole test suite: static checks, unit, integration (real server and mediasoup
# worker; on SQLite, then again on PostgreSQL) and end-to-end tests (real Chromium; one call's
# media through coturn), after doing whatever set-up is missing.
# Ends with one line "N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"
# Chromium, a private PostgreSQL and a private coturn, stopped when the run ends however it ends.
# shellcheck source=test-services.sh
source "$(dirname "${BASH_SOURCE[0]}")/test-services.sh"
trap stop_test_services EXIT
start_test_services
cd "$REPO_ROOT"

passed=0
failed=0
check() {
  local name="$1"
  shift
  log "check: $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); log "check failed: $name"; fi
}
check typecheck npx tsc -b
check lint npx eslint .
check format npx prettier --check . --log-level warn

results="$(mktemp)"
set +e
npx vitest run --reporter=default --reporter=json --outputFile.json="$results"
vitest_status=$?
set -e
read -r vitest_passed vitest_failed < <(node -e '
  const fs = require("node:fs");
  let r = {};
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch {}
  const failed = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  console.log(r.numPassedTests ?? 0, failed);
' "$results")
rm -f "$results"
passed=$((passed + vitest_passed))
failed=$((failed + vitest_failed))
if [ "$vitest_status" -ne 0 ] && [ "$vitest_failed" -eq 0 ]; then failed=$((failed + 1)); fi
if [ "$vitest_passed" -eq 0 ]; then log "no test ran"; failed=$((failed + 1)); fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
