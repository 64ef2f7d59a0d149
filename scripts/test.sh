#!/usr/bin/env bash
# The project's test command (README, .ci/run): typecheck, lint, then the whole vitest suite.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$TRANCHE_ROOT"
echo "[tranche] node $(node -v), npm $(npm -v)"
npm run --silent typecheck
npm run --silent lint
npm test
