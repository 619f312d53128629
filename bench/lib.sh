# bench/lib.sh: what the side scripts of `make bench` (tls.sh, ssh.sh,
# sparse.sh, poll.sh) share, sourced by each: the BUILD [--quick] arguments, a work
# directory with the processes started into it, both removed on exit, and
# the loopback port helpers. POSIX sh; it runs nothing by itself.

# bench_args NAME "$@": checks the arguments of bench/NAME.sh and sets
# BUILD (absolute), QUICK (1 with --quick, else 0), SRC (the source tree)
# and BENCH_RESULTS (unless the caller set it).
bench_args() {
    _bench_name=$1
    shift
    [ $# -ge 1 ] || { echo "usage: sh bench/$_bench_name.sh BUILD [--quick]" >&2; exit 2; }
    BUILD=$1
    QUICK=0
    [ "${2:-}" = "--quick" ] && QUICK=1
    SRC=$(cd "$(dirname "$0")/.." && pwd)
    case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
    : "${BENCH_RESULTS:=$SRC/bench/results}"
}

# Runs at exit after the started processes are gone and before WORK is
# removed; a script redefines it when it leaves something else behind.
bench_on_cleanup() {
    :
}

bench_cleanup() {
    trap - EXIT INT TERM
    for pid in $PIDS; do kill "$pid" 2>/dev/null; done
    for pid in $PIDS; do wait "$pid" 2>/dev/null; done
    bench_on_cleanup
    rm -rf "$WORK"
}

# bench_workdir NAME: a fresh WORK directory; PIDS (append the processes
# you start) are killed and WORK removed on exit or interruption. Sets
# STATUS=0 for the script's result.
bench_workdir() {
    WORK=$(mktemp -d "/tmp/vireo-bench-$1.XXXXXX") || exit 1
    PIDS=""
    STATUS=0
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

# A free TCP port on 127.0.0.1.
free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to 10 s for something to listen on 127.0.0.1:PORT.
wait_port() {
    i=0
    while [ $i -lt 100 ]; do
        /usr/bin/python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' \
            "$1" 2>/dev/null && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
