#!/bin/sh
# The container's health: our own health endpoint, asked as the access URL's host (the front door
# serves our paths for that host only), over HTTPS when the container serves it.
set -eu
port="${LISTEN_PORT:-8080}"
host="${CODER_HOST:-localhost}"
scheme=http
if [ -n "${TLS_CERT_FILE:-}" ] && [ -n "${TLS_KEY_FILE:-}" ]; then scheme=https; fi
exec curl --fail --silent --show-error --max-time 3 --insecure --output /dev/null \
  --resolve "$host:$port:127.0.0.1" "$scheme://$host:$port/auth-ui/health"
