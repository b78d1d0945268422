#!/usr/bin/env bash
# Starts the product with embedded defaults (one process, self-signed TLS, demo data), after
# doing whatever set-up this machine still lacks.
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"
cd "$REPO_ROOT"
# The demo answers at any hour; set SERVICE_HOURS=catalog to follow the booths' opening hours.
export SERVICE_HOURS="${SERVICE_HOURS:-always}"
# Demo accounts and kiosk enrollment codes are printed at start.
export DEMO="${DEMO:-true}"
exec node server/src/main.ts
