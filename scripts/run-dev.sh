#!/bin/sh
# `make run`: serve the test driver from the build in $1, with sockets,
# config and pid file under $2 (created), on tcp 127.0.0.1:16509 or the
# next free port, and on TLS 127.0.0.1:16514 (or the next free port) with a
# development CA made under $2/pki on first use. Prints how to connect, then
# runs vireod in the foreground (Ctrl-C stops it and removes its sockets and
# pid file).
set -eu
BUILD=${1:-build}
RUN_DIR=${2:-run}
PY=/usr/bin/python3

mkdir -p "$RUN_DIR"
BUILD=$(cd "$BUILD" && pwd)
RUN_DIR=$(cd "$RUN_DIR" && pwd)
VIREOD="$BUILD/src/daemon/vireod"
VIREO="$BUILD/tools/vireo"
PKI="$RUN_DIR/pki"
CONF="$RUN_DIR/vireod.conf"

if [ ! -x "$VIREOD" ]; then
    echo "run-dev: $VIREOD is missing; build first (make build)" >&2
    exit 1
fi
# sun_path holds 108 bytes: the longest socket name must fit.
if [ $(printf '%s' "$RUN_DIR/libvirt-sock-ro" | wc -c) -ge 108 ]; then
    echo "run-dev: '$RUN_DIR' is too long for a unix socket path; use a shorter checkout path" >&2
    exit 1
fi

# The first port from $1 up that nothing listens on (bind test).
free_port() {
"$PY" - "$1" <<'PY'
import socket, sys
first = int(sys.argv[1])
for port in range(first, first + 100):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    sys.exit(0)
sys.exit("run-dev: no free tcp port in %d-%d" % (first, first + 99))
PY
}
PORT=$(free_port 16509)
TLS_PORT=$(free_port 16514)
[ "$TLS_PORT" != "$PORT" ] || TLS_PORT=$(free_port $((PORT + 1)))

# The development PKI: a CA, a server certificate for localhost and
# 127.0.0.1/::1, a client certificate, installed as two pkipath
# directories. Made once; delete $RUN_DIR/pki to start over.
if [ ! -f "$PKI/client/clientcert.pem" ]; then
    mkdir -p "$PKI"
    "$VIREO" pki init-ca --dir "$PKI/ca" --cn "Vireo development CA" >/dev/null
    "$VIREO" pki issue-server --dir "$PKI/ca" --out "$PKI/issued-server" \
        --host localhost --ip 127.0.0.1 --ip ::1 >/dev/null
    "$VIREO" pki issue-client --dir "$PKI/ca" --out "$PKI/issued-client" \
        --dn "C=XX,O=Vireo development,CN=$(id -un)" >/dev/null
    "$VIREO" pki install --dir "$PKI/ca" --from "$PKI/issued-server" --pkipath "$PKI/server" \
        >/dev/null
    "$VIREO" pki install --dir "$PKI/ca" --from "$PKI/issued-client" --pkipath "$PKI/client" \
        >/dev/null
    echo "run-dev: made a development CA and certificates in $PKI"
fi

cat >"$CONF" <<CONF
# Written by scripts/run-dev.sh for \`make run\`; rewritten on every run.
listen_tls = 1
tls_port = "$TLS_PORT"
key_file = "$PKI/server/serverkey.pem"
cert_file = "$PKI/server/servercert.pem"
ca_file = "$PKI/server/cacert.pem"
listen_tcp = 1
listen_addr = "127.0.0.1"
tcp_port = "$PORT"
unix_sock_dir = "$RUN_DIR"
auth_unix_rw = "none"
auth_unix_ro = "none"
auth_tcp = "none"
CONF

[ "$PORT" = 16509 ] || echo "run-dev: port 16509 is busy, using $PORT"
[ "$TLS_PORT" = 16514 ] || echo "run-dev: port 16514 is busy, using $TLS_PORT for TLS"
cat <<MSG
vireod is serving the test driver. Connect with:
  test+unix:///default?socket=$RUN_DIR/libvirt-sock
  test+unix:///default?socket=$RUN_DIR/libvirt-sock-ro   (read-only)
  test+tcp://127.0.0.1:$PORT/default
  test://127.0.0.1:$TLS_PORT/default?pkipath=$PKI/client   (TLS)
For example:
  $BUILD/tools/vireo -c test+tcp://127.0.0.1:$PORT/default list --all
  virsh -c test+tcp://127.0.0.1:$PORT/default list --all
  virsh -c 'test+unix:///default?socket=$RUN_DIR/libvirt-sock' list --all
  virsh -c 'test://127.0.0.1:$TLS_PORT/default?pkipath=$PKI/client' list --all
  $BUILD/tools/vireo doctor 'test://127.0.0.1:$TLS_PORT/default?pkipath=$PKI/client'
Config: $CONF. Press Ctrl-C to stop.
MSG
exec "$VIREOD" --verbose --listen -f "$CONF"
