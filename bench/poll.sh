#!/bin/sh
# The polling rows of `make bench`: what vireod's loop_poll_us (the loop
# polls briefly before it sleeps, src/rpc/server_loop.c) buys and what it
# costs. Debian's libvirt client drives libvirtd and vireod with polling off
# and at its default, one after the other in each round: GetVersion calls on
# one unix connection and open+close cycles over tcp, with the daemon's CPU
# time per call or cycle (all its threads, from /proc/PID/task/*/schedstat).
# Beside them, the ping-pong floor with a blocking echo server and with one
# that polls the same way, for the same message sizes.
#
#   sh bench/poll.sh BUILD [--quick]
#
# Prints a table and writes it to bench/results/poll.md. Exits non-zero if a
# cell could not be measured.
set -u

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_args poll "$@"
SECONDS_PER_CELL=2
ROUNDS=3
if [ "$QUICK" = 1 ]; then SECONDS_PER_CELL=0.3; ROUNDS=1; fi
VIREOD=$BUILD/src/daemon/vireod
DEFAULT_POLL=50

bench_workdir poll

# CPU time every thread of PID has used so far, in nanoseconds.
cpu_ns() {
    cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ t += $1 } END { printf "%.0f\n", t }'
}

# ---- programs -----------------------------------------------------------------
CFLAGS="-O2 -g -pthread -Wall -Wextra -I$SRC/bench"
# shellcheck disable=SC2046
gcc $CFLAGS -o "$WORK/client" "$SRC/bench/ssh_bench.c" $(pkg-config --cflags --libs libvirt) || exit 1
gcc $CFLAGS -o "$WORK/floor" "$SRC/bench/floor.c" || exit 1

# ---- daemons ----------------------------------------------------------------
# start_daemon NAME BINARY EXTRA_CONF -> PORT_<NAME>, PID_<NAME>; a holder
# connection keeps the test driver's state between open+close cycles, as the
# main load generator's does.
start_daemon() {
    name=$1
    port=$(free_port)
    dir=$WORK/$name
    mkdir -p "$dir/s" "$dir/drivers"
    cat >"$dir/conf" <<CONF
listen_tls = 0
listen_tcp = 1
tcp_port = "$port"
listen_addr = "127.0.0.1"
unix_sock_dir = "$dir/s"
auth_tcp = "none"
auth_unix_rw = "none"
auth_unix_ro = "none"
$3
CONF
    LIBVIRT_DRIVER_DIR=$dir/drivers "$2" --listen -f "$dir/conf" -p "$dir/pid" \
        >"$dir/log" 2>&1 &
    pid=$!
    PIDS="$PIDS $pid"
    wait_port "$port" || { echo "bench/poll.sh: $name did not start:" >&2; cat "$dir/log" >&2; exit 1; }
    /usr/bin/python3 -c 'import libvirt, sys, time; c = libvirt.open(sys.argv[1]); time.sleep(3600)' \
        "test+tcp://127.0.0.1:$port/default" 2>/dev/null &
    PIDS="$PIDS $!"
    eval "PORT_$name=$port PID_$name=$pid"
}
start_daemon libvirtd /usr/sbin/libvirtd ""
start_daemon nopoll "$VIREOD" "loop_poll_us = 0"
start_daemon poll "$VIREOD" ""
sleep 0.5   # the holders are connected

# cell DAEMON WORK -> appends "DAEMON WORK OPS_PER_S CPU_US_PER_OP" to $WORK/raw
cell() {
    eval "port=\$PORT_$1 pid=\$PID_$1"
    if [ "$2" = open ]; then
        uri="test+tcp://127.0.0.1:$port/default"
    else
        uri="test+unix:///default?socket=$WORK/$1/s/libvirt-sock"
    fi
    before=$(cpu_ns "$pid")
    if ! out=$("$WORK/client" "$uri" "$SECONDS_PER_CELL" "$2" 2>"$WORK/err"); then
        echo "bench/poll.sh: $1 $2: $(cat "$WORK/err")" >&2
        STATUS=1
        return
    fi
    after=$(cpu_ns "$pid")
    # An open cycle of the client program also makes one GetVersion call.
    echo "$out" | awk -v d="$1" -v w="$2" -v b="$before" -v a="$after" \
        '{ printf "%s %s %s %.1f\n", d, w, $1, ($2 > 0) ? (a - b) / 1000 / $2 : 0 }' >>"$WORK/raw"
}

: >"$WORK/raw"
r=0
while [ $r -lt $ROUNDS ]; do
    for work in call open; do
        for daemon in libvirtd nopoll poll; do
            cell "$daemon" "$work"
        done
    done
    for transport in unix tcp; do
        for p in 0 $DEFAULT_POLL; do
            "$WORK/floor" --transport "$transport" --poll-us "$p" --rounds 1 \
                --duration "$SECONDS_PER_CELL" --warmup 0.1 |
                awk -v p="$p" '{ printf "floor%s %s %s %s\n", p, $2, $4, $5 }' >>"$WORK/raw"
        done
    done
    r=$((r + 1))
done

# ---- report -------------------------------------------------------------------
# med DAEMON WORK FIELD: the median of FIELD (3 = ops/s, 4 = CPU) over rounds
med() {
    awk -v d="$1" -v w="$2" -v f="$3" '$1 == d && $2 == w { v[n++] = $f }
        END {
            if (n == 0) { print "-"; exit }
            for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
            x = (n % 2) ? v[int(n / 2)] : (v[n / 2 - 1] + v[n / 2]) / 2
            printf (f == 3 ? "%.0f" : "%.1f"), x
        }' "$WORK/raw"
}

mkdir -p "$BENCH_RESULTS"
OUT=$BENCH_RESULTS/poll.md
{
    echo "### Polling before sleeping (vireod's loop_poll_us), Debian's client, $ROUNDS round(s), medians"
    echo
    echo "| figure | libvirtd | vireod, loop_poll_us = 0 | vireod, loop_poll_us = $DEFAULT_POLL (default) |"
    echo "|---|---:|---:|---:|"
    echo "| GetVersion, unix, 1 conn: calls/s | $(med libvirtd call 3) | $(med nopoll call 3) | $(med poll call 3) |"
    echo "| daemon CPU µs per GetVersion | $(med libvirtd call 4) | $(med nopoll call 4) | $(med poll call 4) |"
    echo "| Open+GetVersion+Close, tcp, 1 thread: cycles/s | $(med libvirtd open 3) | $(med nopoll open 3) | $(med poll open 3) |"
    echo "| daemon CPU µs per cycle | $(med libvirtd open 4) | $(med nopoll open 4) | $(med poll open 4) |"
    echo
    echo "| ping-pong floor (28-byte call, 36-byte reply), p50 | blocking echo | echo polling $DEFAULT_POLL µs first |"
    echo "|---|---:|---:|"
    for transport in unix tcp; do
        echo "| $transport | $(med floor0 "$transport" 4) µs ($(med floor0 "$transport" 3)/s) | $(med floor$DEFAULT_POLL "$transport" 4) µs ($(med floor$DEFAULT_POLL "$transport" 3)/s) |"
    done
    echo
    echo "The floor in the main tables is the blocking one (what plain read() and write() allow);"
    echo "a daemon that polls can go below it, down to the polling floor here."
} >"$OUT"
cat "$OUT"
exit $STATUS
