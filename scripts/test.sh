#!/usr/bin/env bash
# The project's test command (README, .ci/run): Node and dependencies (bootstrap), Debian's Chromium
# for the browser test, a local Docker engine for the container target, then typecheck, lint and the
# whole vitest suite.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$TRANCHE_ROOT"
bash scripts/ensure-chromium.sh
bash scripts/docker-up.sh
echo "[tranche] node $(node -v), npm $(npm -v)"
npm run --silent typecheck
npm run --silent lint
npm test
