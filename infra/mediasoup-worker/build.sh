#!/usr/bin/env bash
# Builds the mediasoup worker offline, from the C++ source inside mediasoup's npm
# tarball, against Debian 12's libraries (see README.md in this folder).
#
#   bash infra/mediasoup-worker/build.sh
#
# The last (and only) line on stdout is the absolute path of the worker binary;
# everything else goes to stderr. Idempotent: the binary is cached under
#   $MADOGUCHI_CACHE/mediasoup-worker/<version>-<key>/mediasoup-worker
# where <key> is the first 12 hex digits of a SHA-256 over this script, the
# patches and the compat headers, so a second run returns at once and any change
# to them builds anew. It does not run check.mjs (that needs node_modules).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../setup/node.sh
source "$HERE/../setup/node.sh"

# The build talks to stderr only; stdout carries the resulting path.
exec 3>&1 1>&2

VERSION="$(tr -d '[:space:]' < "$HERE/VERSION")"
[[ "$VERSION" =~ ^3\.[0-9]+\.[0-9]+$ ]] || { log "bad mediasoup version in $HERE/VERSION: '$VERSION'"; exit 1; }

# Debian 12 packages that provide every library, header and tool the worker needs
# (and, through them, the shared libraries a cached worker runs with). Only
# dpkg-query runs when they are all installed.
ensure_apt_packages meson ninja-build pkg-config g++ patch \
  libssl-dev libuv1-dev libsrtp2-dev libabsl-dev libflatbuffers-dev flatbuffers-compiler

cache_key() {
  # Paths relative to this folder, sorted, so the key does not depend on the clone's location.
  (
    cd "$HERE"
    { echo build.sh; find patches compat -type f; } | LC_ALL=C sort | while read -r f; do
      printf '%s  %s\n' "$(sha256sum < "$f" | cut -d' ' -f1)" "$f"
    done
  ) | sha256sum | cut -c1-12
}

CACHE_ROOT="$MADOGUCHI_CACHE/mediasoup-worker"
OUT_DIR="$CACHE_ROOT/$VERSION-$(cache_key)"
WORKER="$OUT_DIR/mediasoup-worker"

report() {
  if [ ! -f "$OUT_DIR/.verified" ]; then
    log "mediasoup worker $VERSION not verified yet: run node infra/mediasoup-worker/check.mjs $WORKER"
  fi
  echo "$WORKER" >&3
}

if [ -x "$WORKER" ]; then
  report
  exit 0
fi

mkdir -p "$OUT_DIR"
# One build at a time per version/key; a concurrent caller waits and then reuses the result.
exec 9>"$OUT_DIR/.lock"
flock 9
if [ -x "$WORKER" ]; then
  report
  exit 0
fi

BUILD_LOG="$OUT_DIR/build.log"
: > "$BUILD_LOG"
TMP="$(mktemp -d "$CACHE_ROOT/.build-$VERSION.XXXXXX")"
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT

run() {
  # Runs a build step with its output in the build log; on failure shows the log's tail.
  printf '+ %s\n' "$*" >> "$BUILD_LOG"
  if ! "$@" >> "$BUILD_LOG" 2>&1; then
    log "failed: $* (last lines of $BUILD_LOG follow)"
    tail -n 40 "$BUILD_LOG" >&2
    exit 1
  fi
}

started=$SECONDS
log "building mediasoup worker $VERSION (log: $BUILD_LOG)"

# npm pack checks the tarball against the registry's integrity hash.
log "fetching mediasoup@$VERSION from the npm registry"
(cd "$TMP" && run npm pack --silent "mediasoup@$VERSION")
mkdir -p "$TMP/src"
tar -xzf "$TMP/mediasoup-$VERSION.tgz" -C "$TMP/src"
SRC="$TMP/src/package"

log "applying our changes"
mkdir -p "$SRC/worker/compat"
cp -R "$HERE/compat/." "$SRC/worker/compat/"
for p in "$HERE"/patches/*.patch; do
  run patch -p1 --forward --batch --no-backup-if-mismatch -d "$SRC" -i "$p"
done

log "configuring (meson, no downloads)"
run meson setup --wrap-mode=nodownload --buildtype release -Db_ndebug=true \
  "$TMP/build" "$SRC/worker"

log "compiling (ninja; a few minutes on 2 cores)"
run meson compile -C "$TMP/build" flatbuffers-generator
run meson compile -C "$TMP/build" mediasoup-worker

# Atomic install: copy next to the final name, then rename.
cp "$TMP/build/mediasoup-worker" "$WORKER.tmp.$$"
chmod 0755 "$WORKER.tmp.$$"
mv -f "$WORKER.tmp.$$" "$WORKER"
rm -f "$OUT_DIR/.verified"

log "built $WORKER in $((SECONDS - started)) s"
report
