#!/bin/sh
# `make bench`: Debian's libvirtd (test driver) and our vireod, side by side,
# driven by the same client programs; see docs/internals/performance.md.
#
#   sh bench/run.sh BUILD [--quick]
#
# Prints one table and writes it to bench/results/latest.md (raw rows in
# bench/results/latest.tsv). Exits non-zero if any part could not be measured
# (vireod or libvireo missing or failing), after measuring everything else.
# Every parameter can be overridden from the environment (BENCH_*, below).
set -u

usage() {
    echo "usage: sh bench/run.sh BUILD [--quick]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
BUILD=$1
shift
QUICK=0
for arg in "$@"; do
    case $arg in
        --quick) QUICK=1 ;;
        *) usage ;;
    esac
done

SRC=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD in
    /*) ;;
    *) BUILD=$(pwd)/$BUILD ;;
esac

# Measurement parameters: full mode, or quick mode (under two minutes).
if [ "$QUICK" = 1 ]; then
    : "${BENCH_ROUNDS:=3}" "${BENCH_DURATION:=0.1}" "${BENCH_WARMUP:=0.03}"
    : "${BENCH_CONN_TIMEOUT:=1}" "${BENCH_MIN_CALLS:=8}"
else
    : "${BENCH_ROUNDS:=3}" "${BENCH_DURATION:=1}" "${BENCH_WARMUP:=0.25}"
    : "${BENCH_CONN_TIMEOUT:=5}" "${BENCH_MIN_CALLS:=20}"
fi
: "${BENCH_THREADS:=1,4,16,64}"        # concurrent connections per call workload
: "${BENCH_OPEN_THREADS:=1,4}"         # concurrent open+close loops
: "${BENCH_DOMAINS:=1000}"             # domains defined for the main matrix
: "${BENCH_SCALE:=100,1000,10000}"     # domain counts for the scaling rows
: "${BENCH_CONN_TARGET:=10000}"        # idle connections to open
: "${BENCH_CONN_MARKS:=1000,10000}"    # where daemon RSS is sampled
: "${BENCH_IDLE_CONNS:=4000}"          # idle connections held open beside calls
: "${BENCH_LIBVIRTD_MAX_CLIENTS:=5000}"  # libvirtd's own default
: "${BENCH_VIREOD_MAX_CLIENTS:=10000}"
: "${BENCH_VIREOD:=$BUILD/src/daemon/vireod}"
: "${BENCH_LIBVIREO_DIR:=$BUILD/src/client}"
: "${BENCH_RESULTS:=$SRC/bench/results}"
: "${BENCH_CLIENTS=debian libvireo}"   # client libraries, in this order (empty: none)
: "${BENCH_EXTRAS=poll tls ssh qemu sparse}"   # the other scripts' tables appended (empty: none)

START=$(date +%s)
WORK=$(mktemp -d /tmp/vireo-bench.XXXXXX) || exit 1
DAEMON_PIDS=""
TOOL_PID=""
HOLD_PIDS=""
STATUS=0

# Stops what this script started, by pid: the tool running now, then the
# daemons (TERM, then KILL after 5 s).
cleanup() {
    trap - EXIT INT TERM
    if [ -n "$TOOL_PID" ]; then
        kill "$TOOL_PID" 2>/dev/null
        wait "$TOOL_PID" 2>/dev/null
    fi
    stop_holders
    stop_daemons
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() {
    printf '[%4ss] %s\n' "$(($(date +%s) - START))" "$*" >&2
}

# Runs a tool with a time limit, in the background so that a signal to this
# script is handled at once (cleanup then stops the tool).
run_tool() {
    limit=$1
    out=$2
    shift 2
    timeout -k 5 "$limit" "$@" >"$out" &
    TOOL_PID=$!
    wait "$TOOL_PID"
    rc=$?
    TOOL_PID=""
    return $rc
}

free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---- build the client programs ----------------------------------------------

CFLAGS="-O2 -g -pthread -Wall -Wextra -I$SRC/bench"
mkdir -p "$WORK/bin"
say "== building the benchmark programs"
gcc $CFLAGS -o "$WORK/bin/floor" "$SRC/bench/floor.c" || exit 1
gcc $CFLAGS -o "$WORK/bin/conns" "$SRC/bench/conns.c" || exit 1
# shellcheck disable=SC2046
gcc $CFLAGS -o "$WORK/bin/loadgen-debian" "$SRC/bench/loadgen.c" \
    $(pkg-config --cflags --libs libvirt) || exit 1
LIBVIREO_MISSING=""
if [ -f "$BENCH_LIBVIREO_DIR/libvireo.so" ]; then
    if ! gcc $CFLAGS -I"$SRC/include/vireo" -o "$WORK/bin/loadgen-libvireo" "$SRC/bench/loadgen.c" \
        -L"$BENCH_LIBVIREO_DIR" -Wl,-rpath,"$BENCH_LIBVIREO_DIR" -lvireo 2>"$WORK/libvireo-build.log"; then
        LIBVIREO_MISSING="libvireo: linking the load generator failed"
        cat "$WORK/libvireo-build.log" >&2
    fi
else
    LIBVIREO_MISSING="libvireo not built"
fi

# ---- daemons ----------------------------------------------------------------

# Thousands of idle connections need thousands of fds, in the daemons too.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null

VIREOD_DOWN=""

# write_conf NAME MAX_CLIENTS: the same libvirtd.conf grammar for both.
write_conf() {
    dir=$WORK/$1
    mkdir -p "$dir/sock" "$dir/drivers"
    port=$(free_port)
    echo "$port" >"$dir/port"
    cat >"$dir/daemon.conf" <<EOF
listen_tcp = 1
listen_tls = 0
listen_addr = "127.0.0.1"
tcp_port = "$port"
unix_sock_dir = "$dir/sock"
auth_tcp = "none"
auth_unix_rw = "none"
auth_unix_ro = "none"
max_clients = $2
EOF
}

# wait_ready NAME PID: until both listeners answer, the process dies, or 15 s.
wait_ready() {
    dir=$WORK/$1
    i=0
    while [ $i -lt 150 ]; do
        kill -0 "$2" 2>/dev/null || return 1
        if [ -S "$dir/sock/libvirt-sock" ] &&
            /usr/bin/python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' \
                "$(cat "$dir/port")" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

start_daemons() {
    write_conf libvirtd "$BENCH_LIBVIRTD_MAX_CLIENTS"
    LIBVIRT_DRIVER_DIR=$WORK/libvirtd/drivers libvirtd --listen -f "$WORK/libvirtd/daemon.conf" \
        -p "$WORK/libvirtd/pid" >>"$WORK/libvirtd/log" 2>&1 &
    LIBVIRTD_PID=$!
    DAEMON_PIDS="$DAEMON_PIDS $LIBVIRTD_PID"
    if ! wait_ready libvirtd "$LIBVIRTD_PID"; then
        say "libvirtd failed to start:"
        tail -n 20 "$WORK/libvirtd/log" >&2
        exit 1
    fi

    VIREOD_PID=""
    [ -n "$VIREOD_DOWN" ] && return 0
    if [ ! -x "$BENCH_VIREOD" ]; then
        VIREOD_DOWN="vireod not built: $BENCH_VIREOD is missing"
        return 0
    fi
    write_conf vireod "$BENCH_VIREOD_MAX_CLIENTS"
    "$BENCH_VIREOD" --listen -f "$WORK/vireod/daemon.conf" -p "$WORK/vireod/pid" \
        >>"$WORK/vireod/log" 2>&1 &
    VIREOD_PID=$!
    DAEMON_PIDS="$DAEMON_PIDS $VIREOD_PID"
    if ! wait_ready vireod "$VIREOD_PID"; then
        VIREOD_DOWN="vireod failed to start: $(tail -n 1 "$WORK/vireod/log" 2>/dev/null)"
        say "$VIREOD_DOWN"
        tail -n 20 "$WORK/vireod/log" >&2
        kill "$VIREOD_PID" 2>/dev/null
        wait "$VIREOD_PID" 2>/dev/null
        DAEMON_PIDS=$LIBVIRTD_PID   # reaped: its pid must not be signalled again
        VIREOD_PID=""
    fi
}

stop_daemons() {
    for pid in $DAEMON_PIDS; do
        kill "$pid" 2>/dev/null
    done
    for pid in $DAEMON_PIDS; do
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
            sleep 0.1
            i=$((i + 1))
        done
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    DAEMON_PIDS=""
}

uri_unix() {
    echo "test+unix:///default?socket=$WORK/$1/sock/libvirt-sock"
}

uri_tcp() {
    echo "test+tcp://127.0.0.1:$(cat "$WORK/$1/port")/default"
}

# ---- measurements -------------------------------------------------------------

RAW=$WORK/raw.tsv
: >"$RAW"

# Memory and connection limits first, on fresh daemons.
say "== idle connections (memory per connection, most connections served)"
start_daemons
for name in libvirtd vireod; do
    if [ "$name" = libvirtd ]; then pid=$LIBVIRTD_PID; else pid=$VIREOD_PID; fi
    [ -n "$pid" ] || continue
    if run_tool 600 "$WORK/conns-$name.tsv" "$WORK/bin/conns" --socket "$WORK/$name/sock/libvirt-sock" \
        --pid "$pid" --target "$BENCH_CONN_TARGET" --marks "$BENCH_CONN_MARKS" \
        --timeout "$BENCH_CONN_TIMEOUT"; then
        sed "s/^/mem	$name	/" "$WORK/conns-$name.tsv" >>"$RAW"
        say "  $name: $(tr '\t\n' ' ;' <"$WORK/conns-$name.tsv")"
    else
        printf 'mem\t%s\tfailed\tthe connection test failed\n' "$name" >>"$RAW"
        [ "$name" = vireod ] && STATUS=1
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        printf 'mem\t%s\tfailed\tthe daemon died during the connection test\n' "$name" >>"$RAW"
        [ "$name" = vireod ] && VIREOD_DOWN="vireod died during the connection test"
    fi
done
stop_daemons

stop_holders() {
    for pid in $HOLD_PIDS; do
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    HOLD_PIDS=""
}

# Per-call cost with many idle connections open (the daemon's event loop
# now watches thousands of sockets): conns holds BENCH_IDLE_CONNS handshaken
# connections on each daemon while Debian's client measures a trivial call
# and connection set-up. Kept below libvirtd's max_clients so that it still
# accepts the measuring connections.
say "== calls beside $BENCH_IDLE_CONNS idle connections"
start_daemons
for name in libvirtd vireod; do
    if [ "$name" = libvirtd ]; then pid=$LIBVIRTD_PID; else pid=$VIREOD_PID; fi
    [ -n "$pid" ] || continue
    timeout -k 5 900 "$WORK/bin/conns" --socket "$WORK/$name/sock/libvirt-sock" --pid "$pid" \
        --target "$BENCH_IDLE_CONNS" --marks "" --timeout "$BENCH_CONN_TIMEOUT" --hold 1 \
        >"$WORK/hold-$name.tsv" &
    HOLD_PIDS="$HOLD_PIDS $!"
    echo $! >"$WORK/hold-$name.pid"
done
# Until every holder holds its connections (or has given up), at most 120 s.
i=0
while [ $i -lt 1200 ]; do
    ready=1
    for name in libvirtd vireod; do
        [ -f "$WORK/hold-$name.pid" ] || continue
        grep -q '^holding' "$WORK/hold-$name.tsv" && continue
        kill -0 "$(cat "$WORK/hold-$name.pid")" 2>/dev/null && ready=0
    done
    [ $ready = 1 ] && break
    sleep 0.1
    i=$((i + 1))
done
set -- "libvirtd=$(uri_unix libvirtd),$(uri_tcp libvirtd)"
[ -n "$VIREOD_PID" ] && set -- "$@" "vireod=$(uri_unix vireod),$(uri_tcp vireod)"
if run_tool 600 "$WORK/idle.tsv" "$WORK/bin/loadgen-debian" --rounds "$BENCH_ROUNDS" \
    --duration "$BENCH_DURATION" --warmup "$BENCH_WARMUP" --threads 1 --open-threads 1 \
    --scale "" --domains 1 --only "version/,open/" --min-calls "$BENCH_MIN_CALLS" \
    --floor "$WORK/bin/floor" "$@"; then
    sed 's/^/idle	/' "$WORK/idle.tsv" >>"$RAW"
else
    say "the load generator failed beside idle connections"
    STATUS=1
fi
for name in libvirtd vireod; do
    [ -f "$WORK/hold-$name.tsv" ] || continue
    say "  $name held: $(grep '^served' "$WORK/hold-$name.tsv" | cut -f2) connections"
    grep '^served' "$WORK/hold-$name.tsv" | sed "s/^/idleheld	$name	/" >>"$RAW"
done
stop_holders
stop_daemons

# run_client NAME: the load generator built against one client library,
# against both daemons (fresh ones), alternating between them.
run_client() {
    client=$1
    start_daemons
    set -- "libvirtd=$(uri_unix libvirtd),$(uri_tcp libvirtd)"
    if [ -z "$VIREOD_DOWN" ] && [ -n "$VIREOD_PID" ]; then
        set -- "$@" "vireod=$(uri_unix vireod),$(uri_tcp vireod)"
    fi
    if ! run_tool 3600 "$WORK/$client.tsv" "$WORK/bin/loadgen-$client" --rounds "$BENCH_ROUNDS" \
        --duration "$BENCH_DURATION" --warmup "$BENCH_WARMUP" --threads "$BENCH_THREADS" \
        --open-threads "$BENCH_OPEN_THREADS" --domains "$BENCH_DOMAINS" --scale "$BENCH_SCALE" \
        --min-calls "$BENCH_MIN_CALLS" --floor "$WORK/bin/floor" "$@"; then
        say "the load generator ($client) failed"
        STATUS=1
    fi
    sed "s/^/$client	/" "$WORK/$client.tsv" >>"$RAW"
    if [ -n "$VIREOD_PID" ] && ! kill -0 "$VIREOD_PID" 2>/dev/null; then
        VIREOD_DOWN="vireod died while serving $client's client"
    fi
    stop_daemons
}

for client in $BENCH_CLIENTS; do
    case $client in
        debian)
            say "== Debian's libvirt client library against both daemons"
            run_client debian
            ;;
        libvireo)
            if [ -z "$LIBVIREO_MISSING" ]; then
                say "== libvireo as the client against both daemons"
                run_client libvireo
            else
                say "== $LIBVIREO_MISSING: skipping libvireo's client"
            fi
            ;;
    esac
done

# ---- report -------------------------------------------------------------------

[ -n "$VIREOD_DOWN" ] && STATUS=1
[ -n "$LIBVIREO_MISSING" ] && STATUS=1
grep -q '^[a-z]*	target	vireod	down' "$RAW" && STATUS=1

COMMIT=$(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git -C "$SRC" diff --quiet HEAD -- src include 2>/dev/null; then
    COMMIT="$COMMIT (with uncommitted changes)"
fi
ELAPSED=$(($(date +%s) - START))
if [ "$QUICK" = 1 ]; then MODE="quick"; else MODE="full"; fi
LIBVIRT_VERSION=$(pkg-config --modversion libvirt 2>/dev/null || echo unknown)

{
    printf 'meta\tdate\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'meta\tcommit\t%s\n' "$COMMIT"
    printf 'meta\tnproc\t%s\n' "$(nproc)"
    printf 'meta\tcpu\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    printf 'meta\tkernel\t%s\n' "$(uname -r)"
    printf 'meta\tmode\t%s: %s rounds, %s s measured after %s s warm-up per measurement, %s s in all\n' \
        "$MODE" "$BENCH_ROUNDS" "$BENCH_DURATION" "$BENCH_WARMUP" "$ELAPSED"
    printf 'meta\tlibvirt\t%s\n' "$LIBVIRT_VERSION"
    printf 'meta\tmaxclients\tlibvirtd\t%s\n' "$BENCH_LIBVIRTD_MAX_CLIENTS"
    printf 'meta\tmaxclients\tvireod\t%s\n' "$BENCH_VIREOD_MAX_CLIENTS"
    printf 'meta\tconntarget\t%s\n' "$BENCH_CONN_TARGET"
    printf 'meta\tconntimeout\t%s\n' "$BENCH_CONN_TIMEOUT"
    printf 'meta\tidleconns\t%s\n' "$BENCH_IDLE_CONNS"
    [ -n "$VIREOD_DOWN" ] && printf 'meta\tdown\tvireod\t%s\n' "$VIREOD_DOWN"
    [ -n "$LIBVIREO_MISSING" ] && printf 'meta\tmissing\tlibvireo\t%s\n' "$LIBVIREO_MISSING"
    cat "$RAW"
} >"$WORK/all.tsv"

mkdir -p "$BENCH_RESULTS"
awk -f "$SRC/bench/report.awk" "$WORK/all.tsv" >"$WORK/latest.md"
cp "$WORK/latest.md" "$BENCH_RESULTS/latest.md"
cp "$WORK/all.tsv" "$BENCH_RESULTS/latest.tsv"
# The transport rows (TLS, ssh) and the QEMU rows have their own scripts, each writing
# bench/results/NAME.md; they run after the daemons above are stopped and
# their tables are appended, so latest.md stays the one report.
for extra in $BENCH_EXTRAS; do
    [ -f "$SRC/bench/$extra.sh" ] || continue
    if ! sh "$SRC/bench/$extra.sh" "$BUILD" $( [ "$QUICK" = 1 ] && echo --quick ) \
            >"$WORK/$extra.out" 2>&1; then
        STATUS=1
        say "bench: $extra rows incomplete (see below)"
    fi
    if [ -f "$BENCH_RESULTS/$extra.md" ]; then
        { echo; cat "$BENCH_RESULTS/$extra.md"; } >>"$BENCH_RESULTS/latest.md"
    else
        { echo; echo "## $extra"; echo; echo '```'; tail -n 20 "$WORK/$extra.out"; echo '```'; } \
            >>"$BENCH_RESULTS/latest.md"
    fi
done
cat "$BENCH_RESULTS/latest.md"
say "written to $BENCH_RESULTS/latest.md (raw rows: latest.tsv) in ${ELAPSED}s"
if [ "$STATUS" != 0 ]; then
    say "bench: incomplete: ${VIREOD_DOWN:+$VIREOD_DOWN; }${LIBVIREO_MISSING:+$LIBVIREO_MISSING}"
fi
exit "$STATUS"
