"""The QEMU driver against real qemu-system-x86_64 under TCG.

Each test drives the driver in-process through the public API with
qemu-apitest (tests/unit/qemu/qemu_apitest.c) on its own state root
(qemu:///embed?root=DIR). One qemu-apitest process is one "daemon run": VMs
it leaves running are reconnected by the next one. The guest is Debian's
cloud kernel with the busybox initramfs tests/guest/build-initrd.sh builds;
it prints VIREO-GUEST-UP on its serial console (logged with <log file>) and
powers off on the ACPI power button. Every qemu a test started is killed
by pid at the end, whatever happened.
"""

import glob
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT_DIR = os.path.dirname(os.path.dirname(HERE))
BUILD = os.environ.get("VIREO_BUILD", os.path.join(ROOT_DIR, "build"))
APITEST = os.path.join(BUILD, "tests", "unit", "qemu", "qemu-apitest")
BOOT_TIMEOUT = 120  # seconds; a boot is 2-3 s idle, far more on a loaded host


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
                    kver], check=True, timeout=120)
    yield {"kernel": kernel, "initrd": initrd, "dir": d}
    shutil.rmtree(d, ignore_errors=True)


def status_pids(root):
    pids = {}
    for f in glob.glob(os.path.join(root, "run", "qemu", "*.xml")):
        m = re.search(r"pid='(\d+)'", open(f).read())
        if m:
            pids[os.path.basename(f)[:-4]] = int(m.group(1))
    return pids


class Root:
    """A state root plus the bookkeeping to clean up every qemu in it."""

    def __init__(self, guest):
        # short: the monitor socket path must fit in sun_path
        self.path = tempfile.mkdtemp(prefix="vq", dir="/tmp")
        self.guest = guest
        self.seen_pids = set()

    def run(self, *cmds, timeout=120, ok=True):
        args = [APITEST, self.path]
        for i, c in enumerate(cmds):
            if i:
                args.append("--")
            args.extend(str(x) for x in c)
        p = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
        self.seen_pids.update(status_pids(self.path).values())
        if ok:
            assert p.returncode == 0, f"{args}\n{p.stdout}\n{p.stderr}"
        return p.stdout

    def xml(self, name, *, persistent_log=True, extra_devices="", cmdline="console=ttyS0 quiet",
            memory_mib=256, dtype="qemu", on_poweroff="destroy"):
        log = os.path.join(self.path, f"{name}-serial.log")
        path = os.path.join(self.path, f"{name}.xml")
        with open(path, "w") as f:
            f.write(f"""<domain type='{dtype}'>
  <name>{name}</name>
  <memory unit='MiB'>{memory_mib}</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>{self.guest['kernel']}</kernel>
    <initrd>{self.guest['initrd']}</initrd>
    <cmdline>{cmdline}</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>{on_poweroff}</on_poweroff>
  <devices>
    {extra_devices}
    <serial type='pty'><log file='{log}' append='on'/></serial>
    <console type='pty'/>
  </devices>
</domain>
""")
        return path

    def serial(self, name):
        try:
            with open(os.path.join(self.path, f"{name}-serial.log"), "rb") as f:
                return f.read().decode(errors="replace")
        except FileNotFoundError:
            return ""

    def wait_serial(self, name, text, count=1, timeout=BOOT_TIMEOUT):
        end = time.time() + timeout
        while time.time() < end:
            if self.serial(name).count(text) >= count:
                return
            time.sleep(0.2)
        raise AssertionError(f"{text!r} x{count} not seen on {name}'s console:\n"
                             f"{self.serial(name)[-2000:]}")

    def cleanup(self):
        self.seen_pids.update(status_pids(self.path).values())
        for pid in self.seen_pids:
            try:
                cmdline = open(f"/proc/{pid}/cmdline", "rb").read()
            except OSError:
                continue
            if b"qemu-system" in cmdline and self.path.encode() in cmdline:
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.path, ignore_errors=True)


@pytest.fixture
def root(guest):
    assert os.access(APITEST, os.X_OK), f"{APITEST} not built"
    r = Root(guest)
    yield r
    r.cleanup()


def state_of(out):
    """The last 'state reason' line of an apitest run."""
    lines = [l for l in out.splitlines() if re.match(r"^(running|paused|shutoff|shutdown) ", l)]
    return lines[-1].split()[:2]


def events(out):
    """The (event, detail) pairs an apitest 'events' command printed, in order
    (lifecycle types/details as libvirt numbers them; reboot as ('reboot',))."""
    evs = []
    for line in out.splitlines():
        m = re.match(r"^event \S+ id=-?\d+ (lifecycle|reboot) (\d+) (\d+)$", line)
        if m:
            evs.append((int(m.group(2)), int(m.group(3))) if m.group(1) == "lifecycle"
                       else ("reboot",))
    return evs


def test_qemu_boot_suspend_resume_destroy(root):
    xml = root.xml("vm1")
    out = root.run(["define", xml], ["start", "vm1"], ["state", "vm1"], ["dumpxml", "vm1"],
                   ["events"])
    # Defined Added; Resumed Unpaused before Started Booted, as libvirtd sends them
    assert events(out) == [(0, 0), (4, 0), (2, 0)], out
    assert state_of(out) == ["running", "1"]  # booted
    assert re.search(r"<source path='/dev/pts/\d+'/>", out)
    assert "<domain type='qemu' id='1'>" in out
    root.wait_serial("vm1", "VIREO-GUEST-UP")
    out = root.run(["suspend", "vm1"], ["state", "vm1"], ["events"])
    assert state_of(out) == ["paused", "1"]  # user
    assert events(out) == [(3, 0)], out
    out = root.run(["resume", "vm1"], ["state", "vm1"], ["info", "vm1"], ["events"])
    assert state_of(out) == ["running", "5"]  # unpaused
    assert events(out) == [(4, 0)], out
    assert "max=262144 mem=262144 vcpus=1" in out
    pid = status_pids(root.path)["vm1"]
    out = root.run(["destroy", "vm1"], ["state", "vm1"], ["events"])
    # Shutdown Finished after host request, then Stopped Destroyed
    assert events(out) == [(6, 2), (5, 1)], out
    ms = float(re.search(r"destroy ok ([\d.]+) ms", out).group(1))
    assert ms < 1000, out  # tens of ms when the host is idle
    assert state_of(out) == ["shutoff", "2"]  # destroyed
    assert not os.path.exists(f"/proc/{pid}/cmdline") or \
        open(f"/proc/{pid}/stat").read().split(") ")[1][0] == "Z"
    assert status_pids(root.path) == {}
    assert os.path.exists(os.path.join(root.path, "etc", "qemu", "vm1.xml"))


def shutdown_until_off(root, name, tries=4):
    """ACPI shutdown is a request: a guest still starting acpid can miss it."""
    for _ in range(tries):
        out = root.run(["shutdown", name], ["wait-state", name, "shutoff", 20000], ["sleep", 300],
                       ["events"],
                       ok=False)
        if "shutoff" in out and "error: timeout" not in out:
            return out
    raise AssertionError(f"{name} ignored {tries} ACPI shutdowns:\n{root.serial(name)[-1000:]}")


def test_qemu_reboot_reset_and_acpi_shutdown(root):
    xml = root.xml("vm2")
    root.run(["define", xml], ["start", "vm2"])
    root.wait_serial("vm2", "VIREO-GUEST-UP")
    # the fake reboot: the guest powers off on ACPI, the driver resets and resumes it
    for _ in range(4):
        root.run(["reboot", "vm2"], ["sleep", 3000])
        if "VIREO-GUEST-ACPI-POWERBUTTON" in root.serial("vm2"):
            break
    root.wait_serial("vm2", "VIREO-GUEST-UP", count=2)
    out = root.run(["state", "vm2"])
    assert state_of(out) == ["running", "1"]
    out = root.run(["reset", "vm2"], ["state", "vm2"], ["sleep", 3000], ["events"])
    assert state_of(out) == ["running", "1"]
    # one reboot event per QMP RESET: the host's, then the guest's own (firmware
    # may add more); no lifecycle event, as with libvirtd
    evs = events(out)
    assert len(evs) >= 2 and set(evs) == {("reboot",)}, out
    root.wait_serial("vm2", "VIREO-GUEST-UP", count=3)
    out = shutdown_until_off(root, "vm2")
    assert state_of(out) == ["shutoff", "1"]  # shutdown
    # Shutdown Finished after guest request, then Stopped Shutdown
    assert events(out) == [(6, 1), (5, 0)], out
    assert "VIREO-GUEST-ACPI-POWERBUTTON" in root.serial("vm2")
    assert status_pids(root.path) == {}
    # a restarted driver knows only that it is off, as libvirtd does
    assert state_of(root.run(["state", "vm2"])) == ["shutoff", "0"]


def test_qemu_reconnect_crash_and_autostart(root):
    a, b = root.xml("vma"), root.xml("vmb")
    root.run(["define", a], ["start", "vma"], ["create", b], ["suspend", "vmb"])
    pids = status_pids(root.path)
    # a new "daemon": both still there, same ids and states
    out = root.run(["list"], ["state", "vma"], ["state", "vmb"])
    assert "1 vma running" in out and "2 vmb paused" in out, out
    # qemu killed while no driver runs: shut off (crashed); the other survives
    os.kill(pids["vma"], signal.SIGKILL)
    time.sleep(0.3)
    out = root.run(["state", "vma"], ["state", "vmb"], ["resume", "vmb"], ["state", "vmb"])
    assert "shutoff 3 id=-1" in out and "paused 1 id=2" in out and "running 5 id=2" in out, out
    # ids continue above the highest one seen
    out = root.run(["start", "vma"], ["state", "vma"])
    assert "running 1 id=3" in out, out
    # qemu killed while the driver runs: Stopped Failed, seen at once
    p = subprocess.Popen([APITEST, root.path, "wait-state", "vma", "shutoff", "20000", "--",
                          "state", "vma", "--", "sleep", "300", "--", "events"],
                         stdout=subprocess.PIPE, text=True)  # events trail the state a little
    time.sleep(1.0)
    os.kill(status_pids(root.path)["vma"], signal.SIGKILL)
    out, _ = p.communicate(timeout=60)
    assert "shutoff 3 id=-1" in out, out
    assert events(out) == [(5, 5)], out  # Stopped Failed
    # autostart: runs once per host boot (the marker in the state dir)
    root.run(["autostart", "vma"], ["destroy", "vmb"], ["list"])
    os.unlink(os.path.join(root.path, "run", "qemu", "autostarted"))
    out = root.run(["state", "vma"], ["destroy", "vma"])
    assert "running 1 id=" in out, out


def test_qemu_qcow2_disk_and_user_nic(root):
    qcow = os.path.join(root.path, "d1.qcow2")
    raw = os.path.join(root.path, "d2.raw")
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", qcow, "64M"], check=True)
    subprocess.run(["qemu-img", "create", "-q", "-f", "raw", raw, "16M"], check=True)
    devs = f"""<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
      <source file='{qcow}'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><source file='{raw}'/><target dev='vdb' bus='virtio'/></disk>
    <interface type='user'><model type='virtio'/></interface>
    <graphics type='vnc' autoport='yes'/>"""
    xml = root.xml("vmd", extra_devices=devs, cmdline="console=ttyS0 quiet vireo.dhcp",
                   on_poweroff="restart")
    out = root.run(["create", xml], ["dumpxml", "vmd"])
    assert re.search(r"<graphics type='vnc' port='59\d\d' autoport='yes' listen='127.0.0.1'>", out)
    assert "<memballoon model='virtio'>" in out
    root.wait_serial("vmd", "VIREO-GUEST-DHCP-OK")
    serial = root.serial("vmd")
    assert "VIREO-GUEST-DISK vda" in serial and "VIREO-GUEST-DISK vdb" in serial
    # what the daemon's domblkstat, screenshot and console procedures will use
    out = root.run(["blockstats", "vmd", "vda"], ["blockstats", "vmd", "vdz"], ok=False)
    m = re.search(r"blockstats rd_req=(\d+) rd_bytes=(\d+)", out)
    assert m and int(m.group(1)) > 0 and int(m.group(2)) > 0, out  # the guest probed vda
    assert "invalid path: vdz" in out, out
    out = root.run(["screenshot", "vmd"], ["console-path", "vmd"], ["console-path", "vmd", "serial0"])
    shot = re.search(r"screenshot (\S+)", out).group(1)
    with open(shot, "rb") as f:
        assert f.read(2) == b"P6"  # a PPM image
    os.unlink(shot)
    ptys = re.findall(r"console (/dev/pts/\d+)", out)
    assert len(ptys) == 2 and ptys[0] == ptys[1], out
    # on_poweroff=restart: an ACPI power-off brings the guest straight back
    for _ in range(4):
        root.run(["shutdown", "vmd"], ["sleep", 3000])
        if "VIREO-GUEST-ACPI-POWERBUTTON" in root.serial("vmd"):
            break
    root.wait_serial("vmd", "VIREO-GUEST-UP", count=2)
    assert state_of(root.run(["state", "vmd"])) == ["running", "1"]
    out = root.run(["setmem", "vmd", 200000], ["info", "vmd"], ["destroy", "vmd"], ["list"])
    assert "mem=200000" in out and "total 0" in out, out  # a transient domain goes away


def test_qemu_capabilities_and_refusals(root):
    out = root.run(["caps"])
    ms = float(re.search(r"caps ok ([\d.]+) ms", out).group(1))
    assert ms < 1000, out  # the first call probes qemu
    assert "<domain type='qemu'/>" in out
    assert "<machine canonical='pc-i440fx-7.2' maxCpus='255'>pc</machine>" in out
    kvm = "<domain type='kvm'/>" in out
    out = root.run(["domcaps", "pc", "qemu"])
    assert "<machine>pc-i440fx-7.2</machine>" in out and "<domain>qemu</domain>" in out, out
    assert "<model usable='yes'>qemu64</model>" in out, out
    out = root.run(["domcaps", "q35"], ok=False)
    assert "the machine 'q35' is not supported" in out, out
    if not kvm:
        out = root.run(["domcaps", "pc", "kvm"], ok=False)
        assert "KVM does not work on this host" in out, out
    out = root.run(["define", root.xml("vmk", dtype="kvm")], ok=False)
    if not kvm:
        assert "KVM acceleration does not work on this host" in out, out
    bad = root.xml("vmh", extra_devices="<hostdev mode='subsystem' type='pci'/>")
    out = root.run(["define", bad], ok=False)
    assert "element <hostdev> in <devices> is not supported" in out, out
    # createXML of a defined, inactive domain runs the new XML and keeps the config
    uuid = "5f0d6c4e-8a3b-4e51-9d0c-7b2a1e3f4c5d"
    conf = root.xml("vmc")
    with open(conf) as f:
        text = f.read().replace("<name>vmc</name>", f"<name>vmc</name><uuid>{uuid}</uuid>")
    with open(conf, "w") as f:
        f.write(text)
    live = conf[:-4] + "-live.xml"
    with open(live, "w") as f:
        f.write(text.replace("<memory unit='MiB'>256</memory>", "<memory unit='MiB'>128</memory>"))
    out = root.run(["define", conf], ["create", live], ["info", "vmc"], ["dumpxml-inactive", "vmc"],
                   ["destroy", "vmc"], ["info", "vmc"])
    infos = re.findall(r"state=\d+ max=(\d+)", out)
    assert infos == ["131072", "262144"], out
    assert "<memory unit='KiB'>262144</memory>" in out
    # a second process answers from the on-disk cache
    out = root.run(["caps"])
    assert float(re.search(r"caps ok ([\d.]+) ms", out).group(1)) < 200, out
