# Shared set-up helpers, sourced by the other scripts in this folder.
# Everything the product needs outside the clone lives in one cache folder, keyed by version,
# so a second run (or a second clone) reuses it.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MADOGUCHI_CACHE="${MADOGUCHI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/madoguchi}"
NODE_VERSION="$(tr -d '[:space:]' < "$REPO_ROOT/.node-version")"
mkdir -p "$MADOGUCHI_CACHE"

log() { printf '[setup] %s\n' "$*" >&2; }

# Runs apt-get only when a package is missing, so warm runs never touch the network.
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Keep runtime libraries even if the -dev packages are removed later.
  $sudo apt-mark manual "${missing[@]}" >/dev/null
}
