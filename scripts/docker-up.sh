#!/usr/bin/env bash
# Makes a Docker engine answer on /var/run/docker.sock, for the container target's tests.
# Idempotent: when `docker info` already answers, it does nothing.
# Why this shape: CI machines are fresh Debian without a running engine and without a reachable
# image registry, so we install Debian's docker.io and start dockerd with the vfs storage driver
# (works inside a container without overlay support) and without iptables (no network setup needed
# for loopback-published ports in a sandbox). Images are built locally (docker/build-image.sh).
set -euo pipefail

log_file="${TRANCHE_DOCKERD_LOG:-/tmp/tranche-dockerd.log}"
socket="/var/run/docker.sock"

answers() { docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && answers; then
  echo "[tranche] docker already answers on ${socket}" >&2
  exit 0
fi

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd="sudo"; else
    echo "[tranche] docker-up needs root (to install docker.io and start dockerd) → run it as root or with sudo." >&2
    exit 2
  fi
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "[tranche] dockerd not found → installing Debian's docker.io" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq >&2
  $sudo_cmd apt-get install -y -qq docker.io >&2
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "[tranche] starting dockerd (vfs storage, no iptables), log in ${log_file}" >&2
  # setsid + nohup: the engine outlives this script and the shell that sourced it.
  $sudo_cmd setsid nohup dockerd --storage-driver=vfs --iptables=false >"${log_file}" 2>&1 < /dev/null &
fi

for _ in $(seq 1 120); do
  if [ -S "${socket}" ] && answers; then
    echo "[tranche] docker answers on ${socket}" >&2
    exit 0
  fi
  sleep 0.5
done
echo "[tranche] dockerd did not answer on ${socket} within 60 s → see ${log_file}." >&2
tail -n 20 "${log_file}" >&2 || true
exit 1
