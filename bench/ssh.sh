#!/bin/sh
# The ssh rows of `make bench`: opens per second and calls per second over
# the ssh and libssh2 transports, libvireo's client against Debian's libvirt
# client, through the same private sshd, to the same daemons (vireod and
# Debian's libvirtd, test driver). See bench/ssh_bench.c.
#
#   sh bench/ssh.sh BUILD [--quick]
#
# Prints a table (and writes it to bench/results/ssh.md). Needs root (sshd)
# and openssh-server. Exits non-zero if a cell could not be measured.
set -u

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_args ssh "$@"
SECONDS_PER_CELL=2
[ "$QUICK" = 1 ] && SECONDS_PER_CELL=0.5
VIREOD=$BUILD/src/daemon/vireod
LIBVIREO_DIR=$BUILD/src/client
HELPER=$BUILD/src/helper/vireo-ssh-helper

bench_workdir ssh
chmod 755 "$WORK"
bench_on_cleanup() {
    [ -n "${SSH_PORT:-}" ] && ssh-keygen -R "[127.0.0.1]:$SSH_PORT" >/dev/null 2>&1
}

# ---- programs -------------------------------------------------------------
CFLAGS="-O2 -g -Wall -Wextra"
# shellcheck disable=SC2046
gcc $CFLAGS -o "$WORK/bench-libvirt" "$SRC/bench/ssh_bench.c" $(pkg-config --cflags --libs libvirt) || exit 1
gcc $CFLAGS -I"$SRC/include/vireo" -o "$WORK/bench-libvireo" "$SRC/bench/ssh_bench.c" \
    -L"$LIBVIREO_DIR" -Wl,-rpath,"$LIBVIREO_DIR" -lvireo || exit 1

# ---- daemons ----------------------------------------------------------------
start_daemon() { # NAME BINARY [ENV...]
    dir=$WORK/$1
    mkdir -p "$dir/sock" "$dir/drivers"
    port=$(free_port)
    cat >"$dir/daemon.conf" <<EOC
listen_tcp = 1
listen_tls = 0
listen_addr = "127.0.0.1"
tcp_port = "$port"
unix_sock_dir = "$dir/sock"
auth_tcp = "none"
auth_unix_rw = "none"
auth_unix_ro = "none"
EOC
    LIBVIRT_DRIVER_DIR=$dir/drivers "$2" --listen -f "$dir/daemon.conf" -p "$dir/pid" \
        >"$dir/log" 2>&1 &
    PIDS="$PIDS $!"
    wait_port "$port" || { echo "$1 did not start" >&2; tail "$dir/log" >&2; exit 1; }
}
start_daemon libvirtd /usr/sbin/libvirtd
start_daemon vireod "$VIREOD"

# ---- sshd ---------------------------------------------------------------------
mkdir -p /run/sshd "$WORK/bin"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key" </dev/null || exit 1
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_key" </dev/null || exit 1
ln -s "$HELPER" "$WORK/bin/vireo-ssh-helper"
SSH_PORT=$(free_port)
cat >"$WORK/sshd_config" <<EOC
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $WORK/host_key
PidFile $WORK/sshd.pid
AuthorizedKeysFile $WORK/id_key.pub
PermitRootLogin yes
StrictModes no
UsePAM no
SetEnv PATH=$WORK/bin:/usr/bin:/bin
EOC
/usr/sbin/sshd -D -e -f "$WORK/sshd_config" >"$WORK/sshd.log" 2>&1 &
PIDS="$PIDS $!"
wait_port "$SSH_PORT" || { echo "sshd did not start" >&2; cat "$WORK/sshd.log" >&2; exit 1; }
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 "$WORK/host_key.pub")" >"$WORK/known_hosts"

# ---- measure ------------------------------------------------------------------
OUT=$WORK/table.md
{
    echo "## ssh and libssh2 transports"
    echo
    echo "$SECONDS_PER_CELL s per cell, one client thread, GetVersion calls;"
    echo "the far end runs vireo-ssh-helper for libvireo and nc for libvirt (socket= given)."
    echo "Opens are bound by sshd's session setup (key exchange, the login shell's rc files),"
    echo "which both clients pay alike."
    echo
    echo "| daemon | transport | workload | libvirt client | libvireo client | libvireo/libvirt |"
    echo "|---|---|---|---:|---:|---:|"
} >"$OUT"
for daemon in vireod libvirtd; do
    sock=$WORK/$daemon/sock/libvirt-sock
    for transport in ssh libssh2; do
        uri="test+$transport://root@127.0.0.1:$SSH_PORT/default?keyfile=$WORK/id_key&no_tty=1"
        uri="$uri&known_hosts=$WORK/known_hosts&sshauth=privkey&socket=$sock"
        [ "$transport" = ssh ] && uri="$uri&no_verify=1"
        for work in open call; do
            a=$("$WORK/bench-libvirt" "$uri" "$SECONDS_PER_CELL" "$work" 2>"$WORK/err") ||
                { echo "libvirt $daemon $transport $work: $(cat "$WORK/err")" >&2; STATUS=1; a="- 0 0"; }
            b=$("$WORK/bench-libvireo" "$uri" "$SECONDS_PER_CELL" "$work" 2>"$WORK/err") ||
                { echo "libvireo $daemon $transport $work: $(cat "$WORK/err")" >&2; STATUS=1; b="- 0 0"; }
            a=${a%% *}; b=${b%% *}
            ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a == "-" || b == "-" || a == 0) print "-"; else printf "%.2f", b / a }')
            label=$([ "$work" = open ] && echo "opens/s" || echo "calls/s")
            echo "| $daemon | $transport | $label | $a | $b | $ratio |" >>"$OUT"
        done
    done
done
cat "$OUT"
mkdir -p "$BENCH_RESULTS" && cp "$OUT" "$BENCH_RESULTS/ssh.md"
exit $STATUS
