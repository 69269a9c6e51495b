#!/usr/bin/env bash
# Makes the Containerfile's base, docker.io/library/debian:bookworm-slim, from Debian's own
# packages when podman does not have it: no container registry is reachable in CI. An operator
# with a registry never needs this (podman pulls the real image).
#   mmdebstrap --variant=minbase bookworm base.tar && podman import base.tar <that name>
# The tarball is kept in a cache outside the clone and reused; podman's storage persists too, so
# a warm run does nothing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
image=docker.io/library/debian:bookworm-slim
cache="${CODER_AUTH_UI_CACHE:-}"
if [ -z "$cache" ]; then
  if [ "$(id -u)" = 0 ]; then cache=/var/cache/coder-auth-ui; else cache="${XDG_CACHE_HOME:-$HOME/.cache}/coder-auth-ui"; fi
fi
export CODER_AUTH_UI_CACHE="$cache"
mkdir -p "$cache"

if "$here/podman.sh" image exists "$image"; then
  echo "container-base: $image present"
  exit 0
fi

started=$(date +%s)
tar="$cache/debian-bookworm-slim.tar"
if [ ! -s "$tar" ]; then
  echo "container-base: making $tar with mmdebstrap (once; reused afterwards)"
  # Slim like Debian's official image: no manuals, documentation or translations (smaller, so
  # every vfs layer copy is faster), apt's lists dropped.
  # unsafe-io: no fsync for every unpacked file (the result is a tarball, made again if lost);
  # on a busy machine this is most of the time.
  mmdebstrap --variant=minbase --quiet \
    --dpkgopt='force-unsafe-io' \
    --aptopt='Acquire::Languages "none"' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/lintian/*' \
    --format=tar \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    bookworm "$tar.partial"
  mv "$tar.partial" "$tar"
fi
echo "container-base: importing $tar as $image"
"$here/podman.sh" import --quiet --change 'CMD ["bash"]' "$tar" "$image" >/dev/null
echo "container-base: $image ready in $(($(date +%s) - started)) s"
