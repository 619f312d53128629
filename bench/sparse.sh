#!/bin/sh
# The sparse-stream rows of `make bench`: a 1 GiB volume holding 16 data
# islands of 4 MiB (64 MiB of data, the rest holes) moved through vireod
# (test driver) by stock virsh (vol-upload/vol-download --sparse, and a
# plain download for comparison) and by libvireo (virStreamSparseSendAll /
# SparseRecvAll, tests/unit/streams/stream_sparse.c). Each row gives the
# wall time, the logical rate (volume size / time), the client's peak RSS
# and the blocks the received copy allocates.
#
#   sh bench/sparse.sh BUILD [--quick]
#
# Writes bench/results/sparse.md (appended to latest.md by bench/run.sh,
# like the TLS rows) and prints it. Exits non-zero if a row failed.
set -u
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

bench_args sparse "$@"
ROUNDS=3
[ "$QUICK" = 1 ] && ROUNDS=1
VIREOD=$BUILD/src/daemon/vireod
SPARSE=$BUILD/tests/unit/streams/vireo-stream-sparse
LIBVIREO_DIR=$BUILD/src/client
PY=/usr/bin/python3

bench_workdir sparse
PORT=$(free_port)
mkdir -p "$WORK/s" "$WORK/vols"
cat >"$WORK/conf" <<CONF
listen_tls = 0
listen_tcp = 1
tcp_port = "$PORT"
listen_addr = "127.0.0.1"
unix_sock_dir = "$WORK/s"
auth_tcp = "none"
auth_unix_rw = "none"
auth_unix_ro = "none"
CONF
VIREO_TEST_VOLUME_DIR=$WORK/vols "$VIREOD" --listen -f "$WORK/conf" -p "$WORK/pid" \
    >"$WORK/log" 2>&1 &
VIREOD_PID=$!
PIDS="$PIDS $VIREOD_PID"
URI="test+tcp://127.0.0.1:$PORT/default"

# The image: 16 islands of 4 MiB spread over 1 GiB.
$PY - "$WORK/src.img" <<'PYEOF' || exit 1
import os, sys
with open(sys.argv[1], "wb") as f:
    f.truncate(1 << 30)
    for i in range(16):
        f.seek(i * (64 << 20) + (i * 4096))
        f.write(os.urandom(4 << 20))
PYEOF

# A connection that keeps the test driver's state (and the volume) alive.
$PY - "$URI" <<'PYEOF' >"$WORK/keeper.log" 2>&1 &
import sys, time, libvirt
for _ in range(100):
    try:
        c = libvirt.open(sys.argv[1])
        break
    except libvirt.libvirtError:
        time.sleep(0.1)
c.storagePoolLookupByName("default-pool").createXML(
    "<volume><name>sparse</name><capacity>1073741824</capacity></volume>", 0)
print("ready", flush=True)
time.sleep(3600)
PYEOF
PIDS="$PIDS $!"
i=0
until grep -q ready "$WORK/keeper.log" 2>/dev/null; do
    i=$((i + 1))
    [ $i -lt 100 ] || { echo "bench/sparse.sh: vireod did not start" >&2; cat "$WORK/log" "$WORK/keeper.log" >&2; exit 1; }
    sleep 0.1
done

# measure LABEL CMD... -> "SECONDS PEAK_KIB" (best of ROUNDS)
measure() {
    $PY - "$ROUNDS" "$@" <<'PYEOF'
import resource, subprocess, sys, time
rounds, cmd = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(rounds):
    t = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    dt = time.monotonic() - t
    if p.returncode:
        sys.stderr.write(p.stderr.decode())
        sys.exit(1)
    best = dt if best is None else min(best, dt)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("%.3f %d" % (best, peak))
PYEOF
}

row() { # LABEL OUTFILE CMD...
    label=$1 out=$2
    shift 2
    set -- $(measure "$@") || { echo "| $label | — | — | — | — |" >>"$OUT"; STATUS=1; return; }
    blocks=—
    [ -n "$out" ] && [ -f "$out" ] && blocks=$(( $(stat -c %b "$out") * 512 / 1048576 ))
    rate=$(awk -v s="$1" 'BEGIN { printf "%.0f", 1024 / s }')
    echo "| $label | $1 | $rate | $(( $2 / 1024 )) | $blocks |" >>"$OUT"
}

mkdir -p "$BENCH_RESULTS"
OUT=$BENCH_RESULTS/sparse.md
{
    echo "## Sparse streams (1 GiB volume, 64 MiB of data in 16 islands; best of $ROUNDS)"
    echo
    echo "| transfer | seconds | logical MiB/s | client peak RSS (MiB) | copy allocates (MiB) |"
    echo "|---|---:|---:|---:|---:|"
} >"$OUT"
row "virsh vol-upload --sparse" "" \
    virsh -c "$URI" vol-upload sparse "$WORK/src.img" --pool default-pool --sparse
row "virsh vol-download --sparse" "$WORK/v.img" \
    virsh -c "$URI" vol-download sparse "$WORK/v.img" --pool default-pool --sparse
row "virsh vol-download (plain)" "$WORK/p.img" \
    virsh -c "$URI" vol-download sparse "$WORK/p.img" --pool default-pool
row "libvireo SparseSendAll" "" \
    env LD_LIBRARY_PATH="$LIBVIREO_DIR" "$SPARSE" upload "$URI" sparse "$WORK/src.img"
row "libvireo SparseRecvAll" "$WORK/l.img" \
    env LD_LIBRARY_PATH="$LIBVIREO_DIR" "$SPARSE" download "$URI" sparse "$WORK/l.img"
for copy in v p l; do
    cmp -s "$WORK/src.img" "$WORK/$copy.img" || { echo "bench/sparse.sh: $copy.img differs" >&2; STATUS=1; }
done
echo >>"$OUT"
echo "vireod peak RSS: $(( $(awk '/VmHWM/ { print $2 }' "/proc/$VIREOD_PID/status" 2>/dev/null || echo 0) / 1024 )) MiB" >>"$OUT"
cat "$OUT"
exit $STATUS
