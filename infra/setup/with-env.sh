#!/usr/bin/env bash
# Runs a command with the project's environment (pinned Node.js, built worker, dependencies).
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"
cd "$REPO_ROOT"
exec "$@"
