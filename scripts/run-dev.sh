#!/bin/sh
# `make run`: serve the test driver from the build in $1, with sockets,
# config and pid file under $2 (created), on tcp 127.0.0.1:16509 or the
# next free port. Prints how to connect, then runs vireod in the
# foreground (Ctrl-C stops it and removes its sockets and pid file).
set -eu
BUILD=${1:-build}
RUN_DIR=${2:-run}
PY=/usr/bin/python3

mkdir -p "$RUN_DIR"
BUILD=$(cd "$BUILD" && pwd)
RUN_DIR=$(cd "$RUN_DIR" && pwd)
VIREOD="$BUILD/src/daemon/vireod"
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

# The first port from 16509 up that nothing listens on (bind test).
PORT=$("$PY" - <<'PY'
import socket, sys
for port in range(16509, 16609):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    sys.exit(0)
sys.exit("run-dev: no free tcp port in 16509-16608")
PY
)

cat >"$CONF" <<CONF
# Written by scripts/run-dev.sh for \`make run\`; rewritten on every run.
listen_tls = 0
listen_tcp = 1
listen_addr = "127.0.0.1"
tcp_port = "$PORT"
unix_sock_dir = "$RUN_DIR"
auth_unix_rw = "none"
auth_unix_ro = "none"
auth_tcp = "none"
CONF

[ "$PORT" = 16509 ] || echo "run-dev: port 16509 is busy, using $PORT"
cat <<MSG
vireod is serving the test driver. Connect with:
  test+unix:///default?socket=$RUN_DIR/libvirt-sock
  test+unix:///default?socket=$RUN_DIR/libvirt-sock-ro   (read-only)
  test+tcp://127.0.0.1:$PORT/default
For example:
  $BUILD/tools/vireo -c test+tcp://127.0.0.1:$PORT/default list --all
  virsh -c test+tcp://127.0.0.1:$PORT/default list --all
  virsh -c 'test+unix:///default?socket=$RUN_DIR/libvirt-sock' list --all
Config: $CONF. Press Ctrl-C to stop.
MSG
exec "$VIREOD" --verbose --listen -f "$CONF"
