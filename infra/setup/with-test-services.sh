#!/usr/bin/env bash
# Runs a command with the project's environment and the test suite's servers (PostgreSQL,
# coturn) started, and stops them afterwards, e.g. one browser test file:
#   bash infra/setup/with-test-services.sh npx vitest run --project e2e tests/e2e/turn-relay.test.ts
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"
# shellcheck source=test-services.sh
source "$(dirname "${BASH_SOURCE[0]}")/test-services.sh"
trap stop_test_services EXIT
start_test_services
cd "$REPO_ROOT"
"$@"
