#!/usr/bin/env bash
# Builds the front door's image from the repository root, as an operator does after
# `npm run build` (`podman build -f Containerfile .`), with the settings this machine needs
# (scripts/podman.sh) and a locally made base (scripts/container-base.sh): no registry is used.
#   npm run image:build            → localhost/coder-auth-ui:latest (IMAGE to name it otherwise)
# Without podman it says so and does nothing, except in CI (CI=true), where the image must be
# built and tested.
set -euo pipefail
cd "$(dirname "$0")/.."
image="${IMAGE:-localhost/coder-auth-ui:latest}"

if ! command -v podman >/dev/null 2>&1; then
  if [ "${CI:-}" = true ]; then
    echo "image-build: podman is missing; CI must build the image (.ci/run installs it)" >&2
    exit 1
  fi
  echo "image-build: podman is not installed: the image is not built and the front-door suite skips it" >&2
  exit 0
fi
if [ ! -f dist/index.html ]; then
  echo "image-build: no dist/: run npm run build first" >&2
  exit 1
fi

bash scripts/container-base.sh
source_url="$(git config --get remote.origin.url 2>/dev/null || true)"
started=$(date +%s)
# --format docker keeps the HEALTHCHECK (the OCI format has no field for it).
bash scripts/podman.sh build --pull=never --network host --format docker --quiet \
  --build-arg "SOURCE=$source_url" -t "$image" -f Containerfile . >/dev/null
# Earlier builds' layers, now untagged, would pile up in the vfs storage.
bash scripts/podman.sh image prune --force >/dev/null
echo "image-build: $image built in $(($(date +%s) - started)) s"
