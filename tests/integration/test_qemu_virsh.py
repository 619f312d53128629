"""Stock virsh, python3-libvirt and vireo against vireod's QEMU driver.

Each test starts its own vireod whose qemu:///system state lives under a
private root (the qemu_root key of vireod.conf), so tests never share VMs
with each other or touch /etc/libvirt/qemu. The guest is Debian's cloud
kernel with the busybox initramfs tests/guest/build-initrd.sh builds (the
same guest as test_qemu_lifecycle.py): it prints VIREO-GUEST-UP on its
serial console and powers off on the ACPI power button. Every wait is
bounded, and every qemu a test started is killed by pid at the end.
"""

import glob
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import pytest

import helpers

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT_DIR = os.path.dirname(os.path.dirname(HERE))
BOOT_TIMEOUT = 120  # a boot is 2-3 s idle, far more on a loaded host
MARKER = "VIREO-GUEST-UP"


def kernel_path():
    kernels = sorted(glob.glob("/boot/vmlinuz-*"))
    assert kernels, "no kernel in /boot: run scripts/install-deps.sh (linux-image-cloud-amd64)"
    return kernels[-1]


@pytest.fixture(scope="module")
def guest():
    d = tempfile.mkdtemp(prefix="vireo-guest-")
    initrd = os.path.join(d, "initrd.gz")
    kernel = kernel_path()
    kver = os.path.basename(kernel)[len("vmlinuz-"):]
    subprocess.run(["sh", os.path.join(ROOT_DIR, "tests", "guest", "build-initrd.sh"), initrd,
                    kver], check=True, timeout=120, stdout=subprocess.DEVNULL)
    yield {"kernel": kernel, "initrd": initrd}
    shutil.rmtree(d, ignore_errors=True)


def qemu_pids(root):
    """Every domain's qemu-system process whose command line names root (the
    KVM self-test's qemu, which names no guest, runs on its own clock)."""
    pids = []
    for d in glob.glob("/proc/[0-9]*"):
        try:
            cmd = open(os.path.join(d, "cmdline"), "rb").read()
        except OSError:
            continue
        if b"qemu-system" in cmd and root.encode() in cmd and b"guest=" in cmd:
            pids.append(int(os.path.basename(d)))
    return pids


def pid_of(root, name):
    for f in glob.glob(os.path.join(root, "run", "qemu", name + ".xml")):
        m = re.search(r"pid='(\d+)'", open(f).read())
        if m:
            return int(m.group(1))
    return None


class QemuDaemon:
    """A vireod serving qemu:///system from a private root, and the VMs in it."""

    def __init__(self, guest):
        # short: monitor socket paths must fit in sun_path
        self.root = tempfile.mkdtemp(prefix="vq", dir="/tmp")
        self.guest = guest
        self.daemon = helpers.make_daemon("vireod", 'qemu_root = "%s"\n' % self.root,
                                          conf_first="qemu_driver = 1\n")
        self.daemon.start()

    # URIs
    @property
    def unix(self):
        return "qemu+unix:///system?socket=%s" % self.daemon.sock

    @property
    def tcp(self):
        return "qemu+tcp://127.0.0.1:%d/system" % self.daemon.port

    def virsh(self, *args, uri=None, ok=True, timeout=60):
        rc, out, err = helpers.virsh(uri or self.unix, *args, timeout=timeout)
        if ok:
            assert rc == 0, "virsh %s: rc=%s\n%s\n%s" % (args, rc, out, err)
        return out if ok else (rc, out, err)

    def restart(self, kill=False):
        if kill:
            self.daemon.proc.send_signal(signal.SIGKILL)
            self.daemon.proc.wait(timeout=10)
        else:
            assert self.daemon.stop() is None
        self.daemon.start()

    def xml(self, name, disk=None, extra=""):
        log = self.log_path(name)
        disk_xml = extra
        if disk:
            disk_xml += ("<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                        "<source file='%s'/><target dev='vda' bus='virtio'/></disk>" % disk)
        path = os.path.join(self.root, name + "-def.xml")
        with open(path, "w") as f:
            f.write("""<domain type='qemu'>
  <name>%s</name>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>%s</kernel>
    <initrd>%s</initrd>
    <cmdline>console=ttyS0 quiet</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    %s
    <serial type='pty'><log file='%s' append='on'/></serial>
    <console type='pty'/>
  </devices>
</domain>
""" % (name, self.guest["kernel"], self.guest["initrd"], disk_xml, log))
        return path

    def log_path(self, name):
        return os.path.join(self.root, name + "-serial.log")

    def serial(self, name):
        try:
            with open(self.log_path(name), "rb") as f:
                return f.read().decode(errors="replace")
        except FileNotFoundError:
            return ""

    def wait_marker(self, name, count=1, timeout=BOOT_TIMEOUT):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.serial(name).count(MARKER) >= count:
                return
            time.sleep(0.2)
        raise AssertionError("%s x%d not seen on %s's console:\n%s"
                             % (MARKER, count, name, self.serial(name)[-2000:]))

    def state(self, name, uri=None):
        return self.virsh("domstate", "--reason", name, uri=uri).strip()

    def wait_state(self, name, want, timeout=30):
        end = time.monotonic() + timeout
        got = None
        while time.monotonic() < end:
            got = self.state(name)
            if got == want:
                return
            time.sleep(0.2)
        raise AssertionError("%s: state %r, wanted %r" % (name, got, want))

    def cleanup(self):
        self.daemon.stop()
        for pid in qemu_pids(self.root):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.daemon.cleanup()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def qd(guest):
    d = QemuDaemon(guest)
    yield d
    d.cleanup()


class EventWatcher:
    """virsh event --all --loop in the background; lines read at the end."""

    def __init__(self, uri):
        self.out = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([helpers.VIRSH, "-c", uri, "event", "--all", "--loop"],
                                     stdout=self.out, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        time.sleep(0.5)  # let it register before anything happens

    def lines(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.out.seek(0)
        return [l for l in self.out.read().decode().splitlines() if l.startswith("event ")]


def test_virsh_lifecycle_over_unix_and_tcp(qd):
    disk = os.path.join(qd.root, "disk.raw")
    with open(disk, "wb") as f:
        f.truncate(16 << 20)
    xml = qd.xml("vm1", disk=disk)
    ev = EventWatcher(qd.tcp)

    assert "defined from" in qd.virsh("define", xml)
    assert qd.virsh("domstate", "--reason", "vm1").strip() == "shut off (unknown)"
    t0 = time.monotonic()
    qd.virsh("start", "vm1", uri=qd.tcp)
    assert time.monotonic() - t0 < 30
    assert qd.state("vm1", uri=qd.tcp) == "running (booted)"
    qd.wait_marker("vm1")

    info = qd.virsh("dominfo", "vm1", uri=qd.tcp)
    assert re.search(r"^State:\s+running$", info, re.M), info
    assert re.search(r"^Id:\s+1$", info, re.M), info
    live = ET.fromstring(qd.virsh("dumpxml", "vm1"))
    assert live.get("id") == "1"
    tty = live.find("./devices/serial/source").get("path")
    assert tty.startswith("/dev/pts/")

    stats = qd.virsh("domblkstat", "vm1", "vda", uri=qd.tcp)
    assert re.search(r"^vda rd_req \d+$", stats, re.M), stats
    assert int(re.search(r"rd_bytes (\d+)", stats).group(1)) >= 0
    total = qd.virsh("domblkstat", "vm1")  # no device: the sum over every disk
    assert re.search(r"^ rd_req \d+$", total, re.M), total
    rc, _, err = qd.virsh("domblkstat", "vm1", "vdz", ok=False)
    assert rc != 0 and "vdz" in err, err

    caps = qd.virsh("domcapabilities", uri=qd.tcp)
    assert "<domainCapabilities>" in caps and "<domain>qemu</domain>" in caps

    qd.virsh("suspend", "vm1")
    assert qd.state("vm1") == "paused (user)"
    qd.virsh("resume", "vm1", uri=qd.tcp)
    assert qd.state("vm1") == "running (unpaused)"

    qd.virsh("reset", "vm1")
    qd.wait_marker("vm1", count=2)
    qd.virsh("reboot", "vm1", uri=qd.tcp)
    qd.wait_marker("vm1", count=3)
    assert qd.state("vm1").startswith("running")

    qd.virsh("shutdown", "vm1")
    qd.wait_state("vm1", "shut off (shutdown)")

    qd.virsh("start", "vm1")
    t0 = time.monotonic()
    qd.virsh("destroy", "vm1", uri=qd.tcp)
    assert time.monotonic() - t0 < 5
    assert qd.state("vm1") == "shut off (destroyed)"
    assert qemu_pids(qd.root) == []
    qd.virsh("undefine", "vm1", uri=qd.tcp)
    assert "vm1" not in qd.virsh("list", "--all", "--name")

    lines = [re.sub(r"^event '(\w+)' for domain '?vm1'?:?\s*", r"\1 ", l).strip()
             for l in ev.lines()]
    lifecycle = [l for l in lines if l.startswith("lifecycle")]
    assert lifecycle == [
        "lifecycle Defined Added",
        "lifecycle Resumed Unpaused", "lifecycle Started Booted",
        "lifecycle Suspended Paused", "lifecycle Resumed Unpaused",
        "lifecycle Shutdown Finished after guest request", "lifecycle Stopped Shutdown",
        "lifecycle Resumed Unpaused", "lifecycle Started Booted",
        "lifecycle Shutdown Finished after host request", "lifecycle Stopped Destroyed",
        "lifecycle Undefined Removed",
    ], lines
    assert lines.count("reboot") >= 2, lines


def test_virsh_screenshot(qd):
    xml = qd.xml("shot", extra="<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>")
    qd.virsh("define", xml)
    qd.virsh("start", "shot")
    qd.wait_marker("shot")
    out = os.path.join(qd.root, "shot.ppm")
    msg = qd.virsh("screenshot", "shot", out, uri=qd.tcp)
    assert "image/x-portable-pixmap" in msg, msg
    with open(out, "rb") as f:
        head = f.read(64)
    assert head.startswith(b"P6\n"), head
    w, h = (int(x) for x in head.split(b"\n")[1].split())
    assert w > 0 and h > 0 and os.path.getsize(out) >= w * h * 3
    # nothing is left behind in the domain's private directory
    assert not glob.glob(os.path.join(qd.root, "lib", "qemu", "*", "*.ppm"))
    qd.virsh("destroy", "shot")


def test_restart_keeps_vms_and_crashes_are_reported(qd):
    for n in ("a1", "a2", "a3"):
        qd.virsh("define", qd.xml(n))
        qd.virsh("start", n)
    qd.wait_marker("a1")
    qd.virsh("suspend", "a2")
    before = qd.virsh("list", "--all")
    ids = {n: qd.virsh("domid", n).strip() for n in ("a1", "a2", "a3")}
    a3_pid = pid_of(qd.root, "a3")
    assert a3_pid

    # vireod down: a3's qemu dies meanwhile
    assert qd.daemon.stop() is None
    os.kill(a3_pid, signal.SIGKILL)
    qd.daemon.start()

    assert qd.state("a1") == "running (booted)"
    assert qd.state("a2") == "paused (user)"
    assert qd.state("a3") == "shut off (crashed)"
    for n in ("a1", "a2"):
        assert qd.virsh("domid", n).strip() == ids[n]
    assert before  # the listing worked before the restart
    qd.virsh("resume", "a2")
    qd.wait_marker("a2")

    # killed while vireod is up: Stopped Failed
    ev = EventWatcher(qd.unix)
    os.kill(pid_of(qd.root, "a1"), signal.SIGKILL)
    qd.wait_state("a1", "shut off (crashed)")
    time.sleep(0.5)
    assert any("Stopped Failed" in l for l in ev.lines())

    qd.virsh("shutdown", "a2")
    qd.wait_state("a2", "shut off (shutdown)")


DEFINE_LOOP = r"""
import sys, libvirt
uri, ack, xml_tmpl = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
c = libvirt.open(uri)
i = 0
with open(ack, "a", buffering=1) as out:
    while True:
        name = "d%d" % (i % 6)
        try:
            d = c.lookupByName(name)
            d.undefine()
            out.write("undefined %s\n" % name)
        except libvirt.libvirtError as e:
            if e.get_error_code() != libvirt.VIR_ERR_NO_DOMAIN:
                raise
            c.defineXML(xml_tmpl.replace("@NAME@", name))
            out.write("defined %s\n" % name)
        i += 1
"""


def test_sigkill_during_define_undefine_loses_nothing(qd):
    tmpl = open(qd.xml("@NAME@")).read()
    tpath = os.path.join(qd.root, "tmpl.xml")
    with open(tpath, "w") as f:
        f.write(tmpl)
    script = os.path.join(qd.root, "loop.py")
    with open(script, "w") as f:
        f.write(DEFINE_LOOP)
    rnd = random.Random(7)
    total_acked = 0
    for round_ in range(20):
        ack = os.path.join(qd.root, "ack%d" % round_)
        p = subprocess.Popen([sys.executable, script, qd.unix, ack, tpath],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        # kill mid-loop: once the loop is running (bounded), after a random delay
        end = time.monotonic() + 20
        while time.monotonic() < end and p.poll() is None:
            if os.path.exists(ack) and os.path.getsize(ack) > 0:
                break
            time.sleep(0.02)
        time.sleep(rnd.uniform(0.02, 0.3))
        qd.restart(kill=True)
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        expect = {}
        assert os.path.exists(ack), "the define/undefine loop never ran"
        for line in open(ack).read().splitlines():
            what, name = line.split()
            expect[name] = what == "defined"
        listed = set(qd.virsh("list", "--all", "--name").split())
        # the one call in flight at the kill may have gone either way; the
        # loop's lookup of the next round settles it, so check only acked
        # names other than the last one touched
        last = None
        lines = open(ack).read().splitlines()
        total_acked += len(lines)
        if lines:
            last = lines[-1].split()[1]
        nxt = "d%d" % (len(lines) % 6)
        for name, defined in expect.items():
            if name == nxt:
                continue
            assert (name in listed) == defined, (round_, name, defined, listed, last)
        for f in glob.glob(os.path.join(qd.root, "etc", "qemu", "*.xml")):
            ET.parse(f)  # not torn
        assert not glob.glob(os.path.join(qd.root, "etc", "qemu", "*.tmp*"))
    assert total_acked >= 40, total_acked  # the kills did land mid-loop


PY_LIFECYCLE = r"""
import sys, libvirt
c = libvirt.open(sys.argv[1])
d = c.defineXML(open(sys.argv[2]).read())
d.create()
assert d.state()[0] == libvirt.VIR_DOMAIN_RUNNING
d.suspend(); assert d.state()[0] == libvirt.VIR_DOMAIN_PAUSED
d.resume(); assert d.state()[0] == libvirt.VIR_DOMAIN_RUNNING
d.reset(0)
st = d.blockStats("vda")
assert len(st) == 5 and st[0] >= 0, st
assert "<domainCapabilities>" in c.getDomainCapabilities()
assert d.info()[0] == libvirt.VIR_DOMAIN_RUNNING
d.destroy(); assert d.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF
d.undefine()
assert "py1" not in [x.name() for x in c.listAllDomains()]
print("OK")
"""


def test_python_libvirt_lifecycle(qd):
    disk = os.path.join(qd.root, "d.raw")
    with open(disk, "wb") as f:
        f.truncate(1 << 20)
    xml = qd.xml("py1", disk=disk)
    rc, out, err = helpers.run([sys.executable, "-c", PY_LIFECYCLE, qd.tcp, xml], timeout=120)
    assert rc == 0 and "OK" in out, out + err


PY_PAUSE_RACE = r"""
import sys, libvirt
c = libvirt.open(sys.argv[1])
d = c.defineXML(open(sys.argv[2]).read())
for i in range(6):
    # qemu's RESUME for start's "cont" may still be queued when suspend returns
    d.create()
    d.suspend()
    for _ in range(20):
        assert d.state()[0] == libvirt.VIR_DOMAIN_PAUSED, (i, d.state())
    d.suspend()  # already paused: succeeds and changes nothing
    assert d.state() == [libvirt.VIR_DOMAIN_PAUSED, libvirt.VIR_DOMAIN_PAUSED_USER]
    d.resume()
    try:
        d.resume()
        raise SystemExit("resuming a running domain succeeded")
    except libvirt.libvirtError as e:
        assert e.get_error_code() == libvirt.VIR_ERR_OPERATION_INVALID, e
        assert "already running" in str(e), e
    for _ in range(20):
        assert d.state()[0] == libvirt.VIR_DOMAIN_RUNNING, (i, d.state())
    d.destroy()
d.undefine()
print("OK")
"""


def test_own_stop_and_cont_events_do_not_undo_later_calls(qd):
    xml = qd.xml("race1")
    rc, out, err = helpers.run([sys.executable, "-c", PY_PAUSE_RACE, qd.unix, xml], timeout=180)
    assert rc == 0 and "OK" in out, out + err


def test_vireo_shell_lifecycle(qd):
    if not os.access(helpers.VIREO, os.X_OK):
        pytest.fail("vireo is not built at %s" % helpers.VIREO)
    xml = qd.xml("sh1")

    def vireo(*args):
        rc, out, err = helpers.run([helpers.VIREO, "-c", qd.unix] + list(args), timeout=60)
        assert rc == 0, (args, out, err)
        return out

    vireo("define", xml)
    vireo("start", "sh1")
    assert vireo("domstate", "sh1").strip() == "running"
    vireo("suspend", "sh1")
    assert vireo("domstate", "sh1").strip() == "paused"
    vireo("resume", "sh1")
    vireo("destroy", "sh1")
    assert vireo("domstate", "sh1").strip() == "shut off"
    vireo("undefine", "sh1")


def test_two_daemons_never_share_a_root(qd):
    other = helpers.make_daemon("vireod", 'qemu_root = "%s"\n' % qd.root,
                                conf_first="qemu_driver = 1\n")
    try:
        with pytest.raises(helpers.DaemonError) as e:
            other.start()
        assert "is in use by another process" in str(e.value), str(e.value)
    finally:
        other.stop()
        other.cleanup()
    assert qd.virsh("uri").strip().startswith("qemu+unix:///system")
