#!/usr/bin/env bash
# Puts Debian's Chromium at /usr/bin/chromium for the browser test of the HTML report.
# Never downloads a browser build of its own: only the distribution package.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[tranche] /usr/bin/chromium is missing and apt-get is not available: install Chromium, then rerun." >&2
  exit 2
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "[tranche] installing Debian's chromium for the HTML report browser test" >&2
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
