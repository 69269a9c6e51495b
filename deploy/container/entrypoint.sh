#!/bin/sh
# Renders the front door's template with exactly its variables and runs nginx in the foreground.
#   LISTEN_PORT     port to listen on (default 8080)
#   CODER_UPSTREAM  Coder's address, scheme://host[:port], e.g. http://coder.coder.svc.cluster.local:80
#   CODER_HOST      the access URL's host name, e.g. coder.example.com
#   TLS_CERT_FILE, TLS_KEY_FILE   both set: serve HTTPS with these files (mounted into the container)
#   DIST_DIR        the build (default: the one in the image)
set -eu

fail() {
  echo "coder-auth-ui: $*" >&2
  exit 64
}

LISTEN_PORT="${LISTEN_PORT:-8080}"
DIST_DIR="${DIST_DIR:-/usr/share/coder-auth-ui/dist}"
CODER_UPSTREAM="${CODER_UPSTREAM:-}"
CODER_HOST="${CODER_HOST:-}"
TLS_CERT_FILE="${TLS_CERT_FILE:-}"
TLS_KEY_FILE="${TLS_KEY_FILE:-}"
export LISTEN_PORT DIST_DIR CODER_UPSTREAM CODER_HOST TLS_CERT_FILE TLS_KEY_FILE

# The values go into nginx's configuration as they are: refuse anything that could end a
# directive or start another.
case "$LISTEN_PORT" in
  '' | *[!0-9]*) fail "LISTEN_PORT must be a port number, not '$LISTEN_PORT'" ;;
esac
[ "$LISTEN_PORT" -ge 1 ] && [ "$LISTEN_PORT" -le 65535 ] || fail "LISTEN_PORT must be 1-65535"
[ -n "$CODER_UPSTREAM" ] || fail "set CODER_UPSTREAM to Coder's address, e.g. http://coder:80"
printf '%s' "$CODER_UPSTREAM" | grep -Eq '^https?://[A-Za-z0-9.-]+(:[0-9]+)?$|^https?://\[[0-9A-Fa-f:.]+\](:[0-9]+)?$' ||
  fail "CODER_UPSTREAM must be scheme://host[:port] without a path, not '$CODER_UPSTREAM'"
[ -n "$CODER_HOST" ] || fail "set CODER_HOST to the access URL's host name, e.g. coder.example.com"
printf '%s' "$CODER_HOST" | grep -Eq '^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$' ||
  fail "CODER_HOST must be a host name (no scheme, port or path), not '$CODER_HOST'"
case "$DIST_DIR" in
  /*) ;;
  *) fail "DIST_DIR must be an absolute path" ;;
esac
case "$DIST_DIR" in
  *[!A-Za-z0-9/._@+-]*) fail "DIST_DIR may hold only letters, digits and /._@+-: '$DIST_DIR'" ;;
esac

templates=/etc/coder-auth-ui
variables='${LISTEN_PORT} ${DIST_DIR} ${CODER_UPSTREAM} ${CODER_HOST}'
if [ -n "$TLS_CERT_FILE" ] || [ -n "$TLS_KEY_FILE" ]; then
  [ -n "$TLS_CERT_FILE" ] && [ -n "$TLS_KEY_FILE" ] ||
    fail "set both TLS_CERT_FILE and TLS_KEY_FILE for HTTPS, or neither"
  for file in "$TLS_CERT_FILE" "$TLS_KEY_FILE"; do
    case "$file" in
      /*) ;;
      *) fail "TLS files need absolute paths, not '$file'" ;;
    esac
    case "$file" in
      *[!A-Za-z0-9/._@+-]*) fail "TLS file paths may hold only letters, digits and /._@+-: '$file'" ;;
    esac
    [ -r "$file" ] || fail "cannot read $file (mount it, readable by uid $(id -u))"
  done
  template="$templates/coder-auth-ui.tls.brotli.conf.template"
  variables="$variables \${TLS_CERT_FILE} \${TLS_KEY_FILE}"
  scheme=https
else
  template="$templates/coder-auth-ui.brotli.conf.template"
  scheme=http
fi
[ -r "$template" ] || fail "this image has no $(basename "$template")"

mkdir -p /tmp/coder-auth-ui/conf.d /tmp/nginx
envsubst "$variables" <"$template" >/tmp/coder-auth-ui/conf.d/coder-auth-ui.conf
echo "coder-auth-ui: $scheme on :$LISTEN_PORT for $CODER_HOST -> $CODER_UPSTREAM" >&2
exec nginx -e stderr -c /etc/coder-auth-ui/nginx.conf -g 'daemon off;'
