# Shared by start.sh and test.sh: find the repository, set up Yarn and the
# environment an install needs on a machine that only has Node.js.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31mError:\033[0m %s\n' "$*" >&2; exit 1; }

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
case "$node_major" in
  20|22|24) ;;
  *) fail "Node.js 20, 22 or 24 is required (found: $(node --version 2>/dev/null || echo none))." ;;
esac

YARN_RELEASE="$(ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs | head -n1)"
# A yarn shim on PATH: backstage-cli and Playwright's webServer call `yarn`.
mkdir -p "$REPO_ROOT/.data/bin"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_RELEASE" > "$REPO_ROOT/.data/bin/yarn"
chmod +x "$REPO_ROOT/.data/bin/yarn"
export PATH="$REPO_ROOT/.data/bin:$PATH"

# Yarn 4 ignores .npmrc: hand it the registry npm is configured with.
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
  registry="$(npm config get registry --workspaces=false 2>/dev/null || true)"
  export YARN_NPM_REGISTRY_SERVER="${registry%/}"
fi
# Build native modules (better-sqlite3) against the local Node headers
# instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
export YARN_ENABLE_TELEMETRY=0
export BACKSTAGE_CLI_TELEMETRY_DISABLED=1 2>/dev/null || true

ensure_dependencies() {
  local stamp="$REPO_ROOT/node_modules/.yarn-state.yml"
  local stale=0
  [ -f "$stamp" ] || stale=1
  if [ "$stale" = 0 ]; then
    for f in yarn.lock package.json packages/*/package.json plugins/*/package.json; do
      [ "$f" -nt "$stamp" ] && stale=1 && break
    done
  fi
  if [ "$stale" = 1 ]; then
    log "Installing dependencies (first run takes about 3 minutes)"
    yarn install --immutable
  fi
}

# Debian packages, installed only when missing (needs root, as in CI).
ensure_debian_packages() {
  local missing=()
  for pair in "$@"; do
    local cmd="${pair%%:*}" pkg="${pair##*:}"
    command -v "$cmd" >/dev/null 2>&1 || [ -e "$cmd" ] || missing+=("$pkg")
  done
  [ "${#missing[@]}" = 0 ] && return 0
  [ "$(id -u)" = 0 ] || fail "missing Debian packages: ${missing[*]} (run: sudo apt-get install -y ${missing[*]})"
  log "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}
