# Brings a machine (fresh or not) to the point where the product can run: Debian packages,
# the pinned Node.js, the mediasoup worker (built offline and cached), npm dependencies and the
# built front ends. Each step checks first and is skipped when already done. Source this file.
# shellcheck source=node.sh
source "$(dirname "${BASH_SOURCE[0]}")/node.sh"

# Runtime libraries of the worker plus what building it needs.
ensure_apt_packages meson ninja-build pkg-config g++ libssl-dev libuv1-dev libabsl-dev \
  libflatbuffers-dev flatbuffers-compiler libusrsctp-dev libsrtp2-dev

MEDIASOUP_WORKER_BIN="$(bash "$REPO_ROOT/infra/mediasoup-worker/build.sh")"
export MEDIASOUP_WORKER_BIN

ensure_npm_dependencies() {
  local stamp="$REPO_ROOT/node_modules/.madoguchi-lock-hash"
  local want
  want="$(sha256sum "$REPO_ROOT/package-lock.json" | cut -c1-64) node-$NODE_VERSION"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  log "installing npm dependencies (npm ci)"
  # MEDIASOUP_WORKER_BIN is set, so mediasoup's install step does not try to download a worker.
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}
ensure_npm_dependencies

# A worker build is trusted only after a real ICE + DTLS + SRTP session went through it.
ensure_worker_verified() {
  local marker
  marker="$(dirname "$MEDIASOUP_WORKER_BIN")/.verified"
  [ -f "$marker" ] && return 0
  log "verifying the mediasoup worker (WebRTC session with DTLS)"
  # check.mjs writes the marker itself on success and exits non-zero otherwise.
  (cd "$REPO_ROOT" && node infra/mediasoup-worker/check.mjs "$MEDIASOUP_WORKER_BIN" >&2)
  [ -f "$marker" ] || { log "the worker check did not confirm the build"; exit 1; }
}
ensure_worker_verified

ensure_client_builds() {
  local app
  for app in kiosk-client staff-console; do
    local stamp="$REPO_ROOT/$app/dist/.source-hash"
    local want
    want="$(cd "$REPO_ROOT" && find "$app/src" "$app/index.html" "$app/vite.config.ts" shared/src package-lock.json \
      -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-64)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then continue; fi
    log "building $app"
    (cd "$REPO_ROOT" && npm run --silent build --workspace="$app" >/dev/null)
    echo "$want" > "$stamp"
  done
}
ensure_client_builds
