# Source this file (". scripts/bootstrap.sh") to get a Node >= 22.22 on PATH and the project's
# dependencies installed. It changes nothing when the machine already has both.
# Why: the machines here ship Node 20; the npm registry's `node` package carries real Node binaries,
# so we install one into .tools/ instead of asking anyone to install Node by hand.

TRANCHE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRANCHE_NODE_VERSION="24.21.0"   # pinned: the Node the project is tested with when the system one is too old
TRANCHE_NODE_MIN="22.22.0"

_tranche_version_ok() {
  # true when $1 (x.y.z) >= $2 (x.y.z)
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

_tranche_ensure_node() {
  local have=""
  if command -v node >/dev/null 2>&1; then have="$(node -p 'process.versions.node' 2>/dev/null)"; fi
  if [ -n "$have" ] && _tranche_version_ok "$have" "$TRANCHE_NODE_MIN"; then return 0; fi
  local tools="$TRANCHE_ROOT/.tools/node"
  if [ ! -x "$tools/node_modules/.bin/node" ] || ! _tranche_version_ok "$("$tools/node_modules/.bin/node" -p 'process.versions.node')" "$TRANCHE_NODE_MIN"; then
    echo "[tranche] system Node is ${have:-missing} (< $TRANCHE_NODE_MIN): installing node@$TRANCHE_NODE_VERSION from the npm registry into .tools/node" >&2
    mkdir -p "$tools"
    (cd "$tools" && [ -f package.json ] || echo '{"private":true}' > package.json)
    npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "node@$TRANCHE_NODE_VERSION" >&2 || {
      echo "[tranche] could not install node@$TRANCHE_NODE_VERSION from the npm registry. Install Node >= $TRANCHE_NODE_MIN and retry." >&2
      return 2
    }
  fi
  export PATH="$tools/node_modules/.bin:$PATH"
}

_tranche_ensure_deps() {
  # Reinstall only when package-lock.json changed since the last install.
  local stamp="$TRANCHE_ROOT/node_modules/.tranche-lock.sha"
  local want
  want="$(sha256sum "$TRANCHE_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "[tranche] installing dependencies (npm ci)" >&2
  (cd "$TRANCHE_ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2) || return 2
  echo "$want" > "$stamp"
}

# TRANCHE_BOOTSTRAP_DEPS=0: Node only (a script that runs during the tests must never reinstall the
# dependencies the running tests are using).
if [ "${TRANCHE_BOOTSTRAP_DEPS:-1}" = "0" ]; then _tranche_ensure_node; else _tranche_ensure_node && _tranche_ensure_deps; fi
