#!/bin/sh
# The QEMU rows of `make bench`: start-to-running, start-to-boot-marker,
# destroy, first capabilities (cold cache) and the daemon's RSS with 0 and
# 4 VMs, for vireod's QEMU driver and, side by side, Debian's libvirtd with
# its QEMU driver when it can be run here (QEMU.md §1.1: a private mount
# namespace hides /etc/libvirt, /run/libvirt, /var/lib/libvirt, /var/log,
# /var/cache, /etc/passwd and /etc/group behind private copies, and
# LIBVIRT_DRIVER_DIR holds only the QEMU driver). Guests are TCG with the
# busybox initramfs of tests/guest/build-initrd.sh.
#
#   sh bench/qemu.sh BUILD [--quick]
#
# Prints a table (and writes it to bench/results/qemu.md) with the issue's
# targets. Exits non-zero if vireod's cells could not be measured; a
# libvirtd that cannot run is reported with the reason and QEMU.md's
# reference numbers instead.
set -u
[ -n "${BENCH_QEMU_TRACE:-}" ] && set -x

[ $# -ge 1 ] || { echo "usage: sh bench/qemu.sh BUILD [--quick]" >&2; exit 2; }
BUILD=$1
shift
RUNS=5
[ "${1:-}" = "--quick" ] && RUNS=2
SRC=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
: "${BENCH_RESULTS:=$SRC/bench/results}"
VIREOD=$BUILD/src/daemon/vireod
LIBVIRTD=/usr/sbin/libvirtd
QEMU_SO=/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so

# short: qemu monitor sockets live under it
W=$(mktemp -d /tmp/vqb.XXXXXX) || exit 1
PIDS=""
cleanup() {
    trap - EXIT INT TERM
    for pid in $PIDS; do kill "$pid" 2>/dev/null; done
    sleep 0.5
    for pid in $PIDS; do kill -9 "$pid" 2>/dev/null; done
    # every qemu this run started names $W on its command line
    for d in /proc/[0-9]*; do
        if tr '\0' ' ' 2>/dev/null <"$d/cmdline" | grep -q "qemu-system.*$W"; then
            kill -9 "${d#/proc/}" 2>/dev/null
        fi
    done
    rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "$*" >&2; }

KERNEL=$(ls /boot/vmlinuz-* 2>/dev/null | sort | tail -n 1)
[ -n "$KERNEL" ] || { say "qemu bench: no kernel in /boot"; exit 1; }
KVER=${KERNEL#/boot/vmlinuz-}
timeout 120 sh "$SRC/tests/guest/build-initrd.sh" "$W/initrd.gz" "$KVER" >/dev/null 2>&1 ||
    { say "qemu bench: cannot build the guest initramfs"; exit 1; }

# The measurements, for one daemon: URI, daemon pid, label, directory for
# the guests' serial logs. Prints "label<TAB>metric<TAB>seconds-or-KiB".
cat >"$W/measure.py" <<'EOF'
import os, statistics, subprocess, sys, time
uri, pid, label, wdir, kernel, initrd, runs = sys.argv[1:8]
runs = int(runs)
MARK = "VIREO-GUEST-UP"

def virsh(*args, timeout=120):
    t0 = time.monotonic()
    p = subprocess.run(["virsh", "-c", uri] + list(args), capture_output=True, text=True,
                       timeout=timeout)
    if p.returncode != 0:
        raise SystemExit("%s: virsh %s: %s" % (label, " ".join(args), p.stderr.strip()))
    return time.monotonic() - t0

def rss():
    for line in open("/proc/%s/status" % pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return -1

def define(name):
    log = os.path.join(wdir, name + ".log")
    xml = os.path.join(wdir, name + ".xml")
    with open(xml, "w") as f:
        f.write("""<domain type='qemu'><name>%s</name><memory unit='MiB'>256</memory>
<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel>
<initrd>%s</initrd><cmdline>console=ttyS0 quiet</cmdline></os><features><acpi/></features>
<devices><serial type='pty'><log file='%s' append='on'/></serial><console type='pty'/>
</devices></domain>""" % (name, kernel, initrd, log))
    virsh("define", xml)
    return log

def markers(log):
    try:
        return open(log, "rb").read().count(MARK.encode())
    except FileNotFoundError:
        return 0

def row(metric, value):
    print("%s\t%s\t%s" % (label, metric, value), flush=True)

row("first_caps", "%.3f" % virsh("capabilities"))
time.sleep(0.5)
row("rss0", rss())
log = define("b0")
starts, boots, destroys = [], [], []
for i in range(runs):
    n0 = markers(log)
    t0 = time.monotonic()
    starts.append(virsh("start", "b0"))
    end = t0 + 120
    while markers(log) <= n0 and time.monotonic() < end:
        time.sleep(0.01)
    if markers(log) <= n0:
        raise SystemExit("%s: no boot marker within 120 s" % label)
    boots.append(time.monotonic() - t0)
    destroys.append(virsh("destroy", "b0"))
row("start", "%.3f" % statistics.median(starts))
row("boot", "%.3f" % statistics.median(boots))
row("destroy", "%.3f" % statistics.median(destroys))
logs = [define("v%d" % i) for i in range(4)]
for i in range(4):
    virsh("start", "v%d" % i)
end = time.monotonic() + 180
while min(markers(l) for l in logs) < 1 and time.monotonic() < end:
    time.sleep(0.1)
time.sleep(0.5)
row("rss4", rss())
for i in range(4):
    virsh("destroy", "v%d" % i)
    virsh("undefine", "v%d" % i)
virsh("undefine", "b0")
EOF

wait_sock() {  # path pid: up to 30 s
    i=0
    while [ $i -lt 300 ]; do
        [ -S "$1" ] && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

: >"$W/rows.tsv"
STATUS=0

# --- vireod ----------------------------------------------------------------
mkdir -p "$W/v/s" "$W/v/g"
cat >"$W/v/vireod.conf" <<EOF
listen_tls = 0
listen_tcp = 0
unix_sock_dir = "$W/v/s"
auth_unix_rw = "none"
auth_unix_ro = "none"
qemu_root = "$W/v/r"
EOF
"$VIREOD" -f "$W/v/vireod.conf" -p "$W/v/vireod.pid" >"$W/v/log" 2>&1 &
VPID=$!
PIDS="$PIDS $VPID"
if wait_sock "$W/v/s/libvirt-sock" "$VPID" &&
        timeout 900 python3 "$W/measure.py" "qemu+unix:///system?socket=$W/v/s/libvirt-sock" \
            "$VPID" vireod "$W/v/g" "$KERNEL" "$W/initrd.gz" "$RUNS" >>"$W/rows.tsv"; then
    :
else
    say "qemu bench: vireod rows incomplete"; tail -n 5 "$W/v/log" >&2
    STATUS=1
fi
kill "$VPID" 2>/dev/null

# --- libvirtd with its QEMU driver (QEMU.md §1.1) --------------------------
LV_WHY=""
if [ ! -x "$LIBVIRTD" ]; then LV_WHY="$LIBVIRTD is not installed"
elif [ ! -f "$QEMU_SO" ]; then LV_WHY="libvirt's QEMU driver module is not installed"
elif [ "$(id -u)" != 0 ]; then LV_WHY="the namespace recipe needs root"
elif ! command -v unshare >/dev/null; then LV_WHY="unshare is not available"
fi
if [ -z "$LV_WHY" ]; then
    L=$W/l
    mkdir -p "$L/etc" "$L/run" "$L/lib" "$L/varlog/libvirt" "$L/varcache/libvirt" "$L/sock" \
        "$L/drivers" "$L/g"
    ln -s "$QEMU_SO" "$L/drivers/"
    cp /etc/passwd "$L/passwd"
    cp /etc/group "$L/group"
    grep -q '^libvirt-qemu:' "$L/passwd" ||
        echo 'libvirt-qemu:x:64055:64055:Libvirt Qemu:/var/lib/libvirt:/usr/sbin/nologin' >>"$L/passwd"
    grep -q '^libvirt-qemu:' "$L/group" || echo 'libvirt-qemu:x:64055:' >>"$L/group"
    printf 'user = "root"\ngroup = "root"\nstdio_handler = "file"\nsecurity_driver = "none"\n' \
        >"$L/etc/qemu.conf"
    printf 'unix_sock_dir = "%s"\nauth_unix_rw = "none"\nauth_unix_ro = "none"\nlisten_tcp = 0\nlisten_tls = 0\n' \
        "$L/sock" >"$L/libvirtd.conf"
    # /var/log and /var/cache are covered whole (their libvirt dirs may not
    # exist on the host, and nothing on the host is created for this run);
    # so is /var/lib when it has no libvirt dir.
    VARLIB="mount --bind '$L/lib' /var/lib/libvirt"
    if [ ! -d /var/lib/libvirt ]; then
        mkdir -p "$L/varlib/libvirt"
        VARLIB="mount --bind '$L/varlib' /var/lib"
    fi
    unshare -m --propagation private sh -c "
        mount --bind '$L/etc' /etc/libvirt && mount --bind '$L/run' /run/libvirt &&
        $VARLIB && mount --bind '$L/varlog' /var/log &&
        mount --bind '$L/varcache' /var/cache && mount --bind '$L/passwd' /etc/passwd &&
        mount --bind '$L/group' /etc/group &&
        LIBVIRT_DRIVER_DIR='$L/drivers' exec '$LIBVIRTD' -f '$L/libvirtd.conf' -p '$L/libvirtd.pid'
    " >"$L/log" 2>&1 &
    LPID=$!
    PIDS="$PIDS $LPID"
    if ! wait_sock "$L/sock/libvirt-sock" "$LPID"; then
        LV_WHY="libvirtd did not come up: $(tail -n 2 "$L/log" | tr '\n' ' ')"
    elif ! timeout 900 python3 "$W/measure.py" "qemu+unix:///system?socket=$L/sock/libvirt-sock" \
            "$LPID" libvirtd "$L/g" "$KERNEL" "$W/initrd.gz" "$RUNS" >>"$W/rows.tsv" 2>"$L/err"; then
        LV_WHY="measuring libvirtd failed: $(tail -n 2 "$L/err" | tr '\n' ' ')"
    fi
    kill "$LPID" 2>/dev/null
fi

# --- the table --------------------------------------------------------------
mkdir -p "$BENCH_RESULTS"
awk -F '\t' -v why="$LV_WHY" -v runs="$RUNS" '
    { v[$1 "," $2] = $3 }
    function cell(d, m) { return ((d "," m) in v) ? v[d "," m] : "n/a" }
    function ratio(m,   a, b) {
        a = cell("vireod", m); b = cell("libvirtd", m)
        if (a == "n/a" || b == "n/a" || b + 0 == 0) return "n/a"
        return sprintf("%.2fx", a / b)
    }
    END {
        print "## QEMU driver (TCG guest, median of " runs " runs)"
        print ""
        print "| quantity | vireod | libvirtd | vireod/libvirtd | target | libvirtd per QEMU.md |"
        print "|---|---|---|---|---|---|"
        printf "| start to running (s) | %s | %s | %s | <= 0.5x | 0.28-0.35 |\n", cell("vireod","start"), cell("libvirtd","start"), ratio("start")
        printf "| start to boot marker (s) | %s | %s | %s | | 2.1-2.5 |\n", cell("vireod","boot"), cell("libvirtd","boot"), ratio("boot")
        printf "| destroy (s) | %s | %s | %s | <= 0.1x | 1.42-1.83 |\n", cell("vireod","destroy"), cell("libvirtd","destroy"), ratio("destroy")
        printf "| first capabilities, cold cache (s) | %s | %s | %s | <= 1 s | 7.5-7.8 |\n", cell("vireod","first_caps"), cell("libvirtd","first_caps"), ratio("first_caps")
        printf "| daemon RSS, 0 VMs (KiB) | %s | %s | %s | <= 0.5x | 22000 fresh, 27000-30000 probed |\n", cell("vireod","rss0"), cell("libvirtd","rss0"), ratio("rss0")
        printf "| daemon RSS, 4 VMs (KiB) | %s | %s | %s | <= 0.5x | 29000-37000 |\n", cell("vireod","rss4"), cell("libvirtd","rss4"), ratio("rss4")
        if (why != "") { print ""; print "libvirtd not measured: " why " (QEMU.md reference numbers shown instead)." }
    }' "$W/rows.tsv" >"$W/qemu.md"
cp "$W/qemu.md" "$BENCH_RESULTS/qemu.md"
cat "$W/qemu.md"
exit "$STATUS"
