#!/usr/bin/env bash
# Builds the Tranche destination image FROM scratch, without any registry: stages a root file
# system with the Node binary in use (Node 24 from .tools/), the shared libraries ldd lists for it
# (dynamic loader included), the repository's runtime files and the production node_modules.
#
#   docker/build-image.sh [TAG]            default TAG: tranche-destination:local
#   TRANCHE_IMAGE_CMD='["docker/stand-in-destination.mjs"]' docker/build-image.sh   other default command
#
# The image's default command is `node bin/tranche.js destination serve --host 0.0.0.0 --port 8080`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tag="${1:-tranche-destination:local}"
TRANCHE_BOOTSTRAP_DEPS=0 . "$root/scripts/bootstrap.sh" >&2
node_bin="$(readlink -f "$(command -v node)")"
stage="$(mktemp -d "${TMPDIR:-/tmp}/tranche-image-XXXXXX")"
trap 'rm -rf "$stage"' EXIT
rootfs="$stage/rootfs"
mkdir -p "$rootfs/usr/local/bin" "$rootfs/app" "$rootfs/tmp"
chmod 1777 "$rootfs/tmp"

cp "$node_bin" "$rootfs/usr/local/bin/node"
# Shared libraries and the dynamic loader, at the paths the binary asks for.
for lib in $(ldd "$node_bin" | awk '/=> \//{print $3} /^[[:space:]]*\/.*ld-linux/{print $1}'); do
  cp -L --parents "$lib" "$rootfs/"
done

cd "$root"
cp package.json "$rootfs/app/"
for dir in bin cli domain oracle generators mocks destination harness scenarios reports planner docker; do
  [ -d "$dir" ] || continue
  # Runtime files only: tests and benches stay out of the image.
  tar -cf - --exclude='*.test.ts' "$dir" | tar -xf - -C "$rootfs/app"
done
# Production dependencies (transitive), at their node_modules paths.
# (npm ls exits non-zero on mere warnings such as an unmet optional peer: the list is still right.)
{ npm ls --omit=dev --all --parseable 2>/dev/null || true; } | tail -n +2 | while read -r path; do
  rel="${path#"$root"/}"
  [ -d "$rel" ] && cp -a --parents "$rel" "$rootfs/app/"
done

cp docker/Dockerfile "$stage/Dockerfile"
if [ -n "${TRANCHE_IMAGE_CMD:-}" ]; then
  sed -i "s|^CMD .*|CMD ${TRANCHE_IMAGE_CMD}|" "$stage/Dockerfile"
fi
echo "[tranche] building $tag FROM scratch (node $("$node_bin" -v), $(du -sh "$rootfs" | cut -f1))" >&2
previous="$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)"
DOCKER_BUILDKIT=0 docker build -q -t "$tag" "$stage" >&2
current="$(docker image inspect -f '{{.Id}}' "$tag")"
# vfs stores every image in full: drop the build this one replaces (if nothing still uses it).
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then docker rmi "$previous" >/dev/null 2>&1 || true; fi
echo "$tag"
