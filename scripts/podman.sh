#!/usr/bin/env bash
# podman with the settings that work on the CI machine (and any machine without a registry or
# overlayfs): vfs storage, runc, cgroupfs, and no default ulimits (the sandbox refuses to raise
# them). Used by the image scripts and the front-door suite; an operator runs plain podman or
# docker. Storage stays in podman's usual place, so built layers are reused between runs.
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
exec podman --storage-driver vfs --runtime runc --cgroup-manager cgroupfs "$@"
