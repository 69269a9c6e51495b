#!/usr/bin/env bash
# podman with settings that work on the CI machine (root, no registry, no systemd): runc,
# cgroupfs, no default ulimits (the sandbox refuses to raise them), and overlay storage where the
# kernel lets root mount it, else vfs (which copies every layer whole: several times slower).
# Used by the image scripts and the front-door suite; an operator runs plain podman or docker.
# The storage is kept under the cache (per driver, so the two never meet), so layers built once
# are reused by later runs. CODER_AUTH_UI_STORAGE_DRIVER=vfs|overlay forces a driver.
set -euo pipefail
cache="${CODER_AUTH_UI_CACHE:-}"
if [ -z "$cache" ]; then
  if [ "$(id -u)" = 0 ]; then cache=/var/cache/coder-auth-ui; else cache="${XDG_CACHE_HOME:-$HOME/.cache}/coder-auth-ui"; fi
fi
mkdir -p "$cache"
conf="$cache/containers.conf"
if [ ! -s "$conf" ]; then
  printf '[containers]\ndefault_ulimits = []\n' >"$conf.$$" && mv "$conf.$$" "$conf"
fi
export CONTAINERS_CONF="$conf"

driver="${CODER_AUTH_UI_STORAGE_DRIVER:-}"
if [ -z "$driver" ] && [ -s "$cache/storage-driver" ]; then driver="$(cat "$cache/storage-driver")"; fi
if [ -z "$driver" ]; then
  # Can root mount an overlay here? Asked once, the answer kept.
  driver=vfs
  probe="$(mktemp -d "$cache/overlay-probe.XXXXXX")"
  mkdir -p "$probe/lower" "$probe/upper" "$probe/work" "$probe/merged"
  if [ "$(id -u)" = 0 ] && mount -t overlay overlay \
    -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" "$probe/merged" 2>/dev/null; then
    umount "$probe/merged"
    driver=overlay
  fi
  rm -rf "$probe"
  echo "$driver" >"$cache/storage-driver"
fi

if [ "$driver" = overlay ]; then
  exec podman --root "$cache/storage-overlay" --runroot /run/coder-auth-ui/containers \
    --storage-driver overlay --runtime runc --cgroup-manager cgroupfs "$@"
fi
exec podman --storage-driver vfs --runtime runc --cgroup-manager cgroupfs "$@"
