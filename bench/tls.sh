#!/bin/sh
# The TLS rows of `make bench`: opens per second, calls per second and the
# daemon's CPU time per open over the tls transport, with Debian's libvirt
# client and with libvireo, against vireod and Debian's libvirtd (test
# driver), using certificates made for the run by `vireo pki`. The client
# program is bench/ssh_bench.c (any URI; public API only).
#
#   sh bench/tls.sh BUILD [--quick]
#
# Prints a table (and writes it to bench/results/tls.md) followed by the
# issue's targets and whether they are met. Exits non-zero if a cell could
# not be measured.
set -u
[ -n "${BENCH_TLS_TRACE:-}" ] && set -x

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_args tls "$@"
SECONDS_PER_CELL=3
[ "$QUICK" = 1 ] && SECONDS_PER_CELL=0.5
VIREOD=$BUILD/src/daemon/vireod
VIREO=$BUILD/tools/vireo
LIBVIREO_DIR=$BUILD/src/client
CLK_TCK=$(getconf CLK_TCK)

bench_workdir tls

# CPU time (user + system) of a process so far, in clock ticks.
cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# ---- programs and certificates -------------------------------------------
CFLAGS="-O2 -g -Wall -Wextra"
# shellcheck disable=SC2046
gcc $CFLAGS -o "$WORK/bench-debian" "$SRC/bench/ssh_bench.c" $(pkg-config --cflags --libs libvirt) || exit 1
gcc $CFLAGS -I"$SRC/include/vireo" -o "$WORK/bench-libvireo" "$SRC/bench/ssh_bench.c" \
    -L"$LIBVIREO_DIR" -Wl,-rpath,"$LIBVIREO_DIR" -lvireo || exit 1

PKI=$WORK/pki
{
    "$VIREO" pki init-ca --dir "$PKI/ca" &&
    "$VIREO" pki issue-server --dir "$PKI/ca" --out "$PKI/s" --host localhost --ip 127.0.0.1 &&
    "$VIREO" pki issue-client --dir "$PKI/ca" --out "$PKI/c" --dn "C=XX,O=Bench,CN=bench" &&
    "$VIREO" pki install --dir "$PKI/ca" --from "$PKI/s" --pkipath "$PKI/server" &&
    "$VIREO" pki install --dir "$PKI/ca" --from "$PKI/c" --pkipath "$PKI/client"
} >/dev/null || { echo "bench/tls.sh: vireo pki failed" >&2; exit 1; }

# ---- daemons ----------------------------------------------------------------
start_daemon() { # NAME BINARY -> sets PORT_<NAME> and PID_<NAME>
    name=$1
    port=$(free_port)
    dir=$WORK/$name
    mkdir -p "$dir/s" "$dir/drivers"
    cat >"$dir/conf" <<CONF
listen_tls = 1
listen_tcp = 0
tls_port = "$port"
listen_addr = "127.0.0.1"
unix_sock_dir = "$dir/s"
auth_unix_rw = "none"
auth_unix_ro = "none"
key_file = "$PKI/server/serverkey.pem"
cert_file = "$PKI/server/servercert.pem"
ca_file = "$PKI/server/cacert.pem"
max_clients = 5000
max_anonymous_clients = 1000
CONF
    LIBVIRT_DRIVER_DIR=$dir/drivers "$2" --listen -f "$dir/conf" -p "$dir/pid" \
        >"$dir/log" 2>&1 &
    pid=$!
    PIDS="$PIDS $pid"
    wait_port "$port" || { echo "bench/tls.sh: $name did not start:" >&2; cat "$dir/log" >&2; exit 1; }
    eval "PORT_$name=$port PID_$name=$pid"
}
start_daemon vireod "$VIREOD"
start_daemon libvirtd /usr/sbin/libvirtd

# ---- measurements -------------------------------------------------------------
# cell CLIENT DAEMON MODE -> "OPS_PER_S CPU_MS_PER_OPEN" (or "- -")
cell() {
    eval "port=\$PORT_$2 pid=\$PID_$2"
    uri="test://127.0.0.1:$port/default?pkipath=$PKI/client"
    before=$(cpu_ticks "$pid")
    out=$("$WORK/bench-$1" "$uri" "$SECONDS_PER_CELL" "$3" 2>"$WORK/err") || {
        echo "bench/tls.sh: $1 -> $2 $3: $(cat "$WORK/err")" >&2
        echo "- -"
        return 1
    }
    after=$(cpu_ticks "$pid")
    echo "$out" | awk -v b="$before" -v a="$after" -v hz="$CLK_TCK" \
        '{ printf "%s %.3f\n", $1, ($2 > 0) ? (a - b) * 1000 / hz / $2 : 0 }'
}

mkdir -p "$BENCH_RESULTS"
OUT=$BENCH_RESULTS/tls.md
{
    echo "| client | daemon | opens/s | daemon CPU ms/open | calls/s |"
    echo "|---|---|---:|---:|---:|"
} >"$OUT"
for client in debian libvireo; do
    for daemon in libvirtd vireod; do
        set -- $(cell "$client" "$daemon" open) || STATUS=1
        opens=$1 cpu=$2
        set -- $(cell "$client" "$daemon" call) || STATUS=1
        calls=$1
        eval "OPENS_${client}_$daemon=$opens CPU_${client}_$daemon=$cpu"
        echo "| $client | $daemon | $opens | $cpu | $calls |" >>"$OUT"
    done
done

target() { # DESCRIPTION AWK-CONDITION
    if awk "BEGIN { exit !($2) }" 2>/dev/null; then
        echo "- met: $1" >>"$OUT"
    else
        echo "- NOT met: $1" >>"$OUT"
    fi
}
{
    echo
    echo "Targets (issue 5):"
} >>"$OUT"
if [ "$STATUS" = 0 ]; then
    target "vireod CPU per open <= 1/2 of libvirtd's (Debian's client): $CPU_debian_vireod vs $CPU_debian_libvirtd ms" \
        "$CPU_debian_vireod <= 0.5 * $CPU_debian_libvirtd"
    target "Debian's client opens/s against vireod >= 1.3x libvirtd: $OPENS_debian_vireod vs $OPENS_debian_libvirtd" \
        "$OPENS_debian_vireod >= 1.3 * $OPENS_debian_libvirtd"
    target "libvireo -> vireod opens/s >= 3x Debian -> libvirtd: $OPENS_libvireo_vireod vs $OPENS_debian_libvirtd" \
        "$OPENS_libvireo_vireod >= 3 * $OPENS_debian_libvirtd"
fi
cat "$OUT"
exit $STATUS
