"""qemu.conf's user and group: qemu runs unprivileged, and its files are
given to that user for the run and given back afterwards.

Each test runs its own vireod with a private qemu root (the qemu_root key),
whose qemu.conf is ROOT/etc/qemu.conf. The unprivileged user is created
here (useradd, idempotent), with one extra group so the test can tell the
user's own supplementary groups from the daemon's. The guest is the one
test_qemu_virsh.py boots (Debian's cloud kernel, the busybox initramfs of
tests/guest/build-initrd.sh). The root directory is made searchable (0755),
as /var/lib/libvirt is, so the per-domain directory is reachable.
"""

import errno
import glob
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import time

import pytest

import helpers
from test_qemu_virsh import (BOOT_TIMEOUT, MARKER, guest, kernel_path,  # noqa: F401
                             pid_of, qemu_pids)

QEMU_USER = "vireo-qemu"
EXTRA_GROUP = "vireo-qemu-extra"
XATTR_LABEL = "trusted.libvirt.security.dac"
XATTR_REF = "trusted.libvirt.security.ref_dac"


def _run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   timeout=60)


@pytest.fixture(scope="module")
def qemu_user():
    """The unprivileged system user (created once, kept for later runs)."""
    assert os.geteuid() == 0, "these tests create a system user: run them as root"
    if subprocess.run(["getent", "group", EXTRA_GROUP], stdout=subprocess.DEVNULL).returncode:
        _run(["groupadd", "--system", EXTRA_GROUP])
    if subprocess.run(["getent", "passwd", QEMU_USER], stdout=subprocess.DEVNULL).returncode:
        _run(["useradd", "--system", "--user-group", "--no-create-home",
              "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", QEMU_USER])
    _run(["usermod", "-a", "-G", EXTRA_GROUP, QEMU_USER])
    import grp
    import pwd
    pw = pwd.getpwnam(QEMU_USER)
    extra = grp.getgrnam(EXTRA_GROUP).gr_gid
    return {"name": QEMU_USER, "uid": pw.pw_uid, "gid": pw.pw_gid,
            "groups": {pw.pw_gid, extra}}


def owner(path):
    st = os.stat(path)
    return st.st_uid, st.st_gid


def xattrs(path):
    return [a for a in os.listxattr(path) if a.startswith("trusted.libvirt.security.")]


class UserDaemon:
    """vireod with a private qemu root whose qemu.conf names the qemu user."""

    def __init__(self, guest, conf):
        self.root = tempfile.mkdtemp(prefix="vu", dir="/tmp")
        os.chmod(self.root, 0o755)
        os.makedirs(os.path.join(self.root, "etc"))
        with open(os.path.join(self.root, "etc", "qemu.conf"), "w") as f:
            f.write(conf)
        # the initrd: root's own, unreadable to others, so the driver must
        # give it to qemu's user for the run (and give it back)
        self.initrd = os.path.join(self.root, "initrd.gz")
        shutil.copy(guest["initrd"], self.initrd)
        os.chmod(self.initrd, 0o600)
        self.kernel = guest["kernel"]
        self.daemon = helpers.make_daemon("vireod", 'qemu_root = "%s"\n' % self.root,
                                          conf_first="qemu_driver = 1\n")

    @property
    def unix(self):
        return "qemu+unix:///system?socket=%s" % self.daemon.sock

    @property
    def ro_unix(self):
        return "qemu+unix:///system?socket=%s" % self.daemon.ro_sock

    def virsh(self, *args, ok=True, readonly=False, timeout=60):
        rc, out, err = helpers.virsh(self.ro_unix if readonly else self.unix, *args,
                                     timeout=timeout)
        if ok:
            assert rc == 0, "virsh %s: rc=%s\n%s\n%s" % (args, rc, out, err)
            return out
        return rc, out, err

    def disk(self, name, subdir=None, mode=0o644):
        d = os.path.join(self.root, subdir) if subdir else self.root
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, name)
        _run(["qemu-img", "create", "-q", "-f", "raw", path, "16M"])
        os.chmod(path, mode)
        return path

    def serial_log(self, name):
        return os.path.join(self.root, name + "-serial.log")

    def define(self, name, disk):
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
    <disk type='file' device='disk'><driver name='qemu' type='raw'/>
      <source file='%s'/><target dev='vda' bus='virtio'/></disk>
    <serial type='pty'><log file='%s' append='on'/></serial>
    <console type='pty'/>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
  </devices>
</domain>
""" % (name, self.kernel, self.initrd, disk, self.serial_log(name)))
        self.virsh("define", path)

    def wait_marker(self, name, timeout=BOOT_TIMEOUT):
        end = time.monotonic() + timeout
        text = ""
        while time.monotonic() < end:
            try:
                with open(self.serial_log(name), "rb") as f:
                    text = f.read().decode(errors="replace")
            except FileNotFoundError:
                text = ""
            if MARKER in text:
                return
            time.sleep(0.2)
        raise AssertionError("%s not seen on %s's console:\n%s" % (MARKER, name, text[-2000:]))

    def state(self, name):
        return self.virsh("domstate", name).strip()

    def restart(self):
        self.daemon.proc.send_signal(signal.SIGKILL)
        self.daemon.proc.wait(timeout=10)
        self.daemon.start()

    def cleanup(self):
        self.daemon.stop()
        for pid in qemu_pids(self.root):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.daemon.cleanup()
        shutil.rmtree(self.root, ignore_errors=True)


USER_CONF = 'user = "%s"\ngroup = "%s"\n' % (QEMU_USER, QEMU_USER)


@pytest.fixture
def ud(guest, qemu_user):
    d = UserDaemon(guest, USER_CONF)
    d.daemon.start()
    yield d
    d.cleanup()


def vm_pids(root, name):
    """The qemu processes of domain name (not the driver's KVM self-test)."""
    found = []
    for pid in qemu_pids(root):
        try:
            cmd = open("/proc/%d/cmdline" % pid, "rb").read().split(b"\0")
        except OSError:
            continue
        if ("guest=%s" % name).encode() in [c.split(b",")[0] for c in cmd]:
            found.append(pid)
    return found


def proc_status(pid):
    fields = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()
    return fields


def test_qemu_runs_as_the_user_with_its_groups_and_boots(ud, qemu_user):
    uid, gid = qemu_user["uid"], qemu_user["gid"]
    disk = ud.disk("disk.raw")
    ud.define("u1", disk)
    assert owner(disk) == (0, 0)
    ud.virsh("start", "u1")
    pid = pid_of(ud.root, "u1")
    assert pid, "no pid in the status file"

    # ps and /proc agree: real, effective, saved and fs ids are the user's
    out = subprocess.run(["ps", "-o", "uid=,gid=,user=", "-p", str(pid)], check=True,
                         capture_output=True, text=True).stdout.split()
    assert out == [str(uid), str(gid), QEMU_USER], out
    st = proc_status(pid)
    assert st["Uid"] == [str(uid)] * 4, st["Uid"]
    assert st["Gid"] == [str(gid)] * 4, st["Gid"]
    groups = {int(g) for g in st["Groups"]}
    assert groups == qemu_user["groups"], (groups, qemu_user["groups"])
    assert 0 not in groups

    # the guest boots from files it could only read because they were given
    # to it: the 0600 initrd, the disk, the serial log qemu writes
    ud.wait_marker("u1")
    assert ud.state("u1") == "running"
    assert owner(disk) == (uid, gid)
    assert owner(ud.initrd) == (uid, gid)
    assert owner(ud.serial_log("u1")) == (uid, gid)
    assert owner(ud.kernel) == (0, 0)  # world-readable: left alone
    assert os.getxattr(disk, XATTR_LABEL) == b"+0:+0"
    assert os.getxattr(disk, XATTR_REF) == b"1"
    lib_dirs = glob.glob(os.path.join(ud.root, "lib", "qemu", "domain-*-u1"))
    assert len(lib_dirs) == 1 and owner(lib_dirs[0]) == (uid, gid)
    # qemu, as its user, writes the screen dump into its own directory
    shot = os.path.join(ud.root, "shot.ppm")
    ud.virsh("screenshot", "u1", shot)
    with open(shot, "rb") as f:
        assert f.read(2) == b"P6"
    assert not glob.glob(os.path.join(lib_dirs[0], "screendump*"))

    ud.virsh("destroy", "u1")
    assert ud.state("u1") == "shut off"
    for path in (disk, ud.initrd, ud.serial_log("u1")):
        assert owner(path) == (0, 0), path
        assert xattrs(path) == [], (path, xattrs(path))
    assert stat.S_IMODE(os.stat(ud.initrd).st_mode) == 0o600


def test_restart_with_vm_running_then_destroy_restores_owners(ud, qemu_user):
    uid, gid = qemu_user["uid"], qemu_user["gid"]
    d1, d2 = ud.disk("r1.raw"), ud.disk("r2.raw")
    ud.define("r1", d1)
    ud.define("r2", d2)
    ud.virsh("start", "r1")
    ud.virsh("start", "r2")
    # both runs hold the shared initrd: it is counted, not relabelled twice
    assert os.getxattr(ud.initrd, XATTR_REF) == b"2"
    assert owner(ud.initrd) == (uid, gid)
    pid = pid_of(ud.root, "r1")

    ud.restart()  # SIGKILL: nothing could be tidied on the way out
    assert ud.state("r1") == "running" and ud.state("r2") == "running"
    assert pid_of(ud.root, "r1") == pid and os.path.exists("/proc/%d" % pid)
    assert owner(d1) == (uid, gid)

    ud.virsh("destroy", "r1")
    assert owner(d1) == (0, 0) and xattrs(d1) == []
    assert owner(d2) == (uid, gid)
    # r2 still runs from the initrd: it stays with qemu's user
    assert owner(ud.initrd) == (uid, gid)
    assert os.getxattr(ud.initrd, XATTR_REF) == b"1"
    ud.virsh("destroy", "r2")
    assert owner(d2) == (0, 0) and owner(ud.initrd) == (0, 0)
    assert xattrs(ud.initrd) == [] and xattrs(d2) == []


def test_unreachable_disk_fails_the_start_with_a_clear_error(ud, qemu_user):
    private = os.path.join(ud.root, "private")
    os.makedirs(private)
    os.chmod(private, 0o700)  # qemu's user may not search it
    disk = ud.disk("hidden.raw", subdir="private")
    ud.define("h1", disk)
    rc, out, err = ud.virsh("start", "h1", ok=False)
    assert rc != 0
    assert ("qemu's user '%s' (uid %d, gid %d) cannot open '%s': Permission denied"
            % (QEMU_USER, qemu_user["uid"], qemu_user["gid"], disk)) in err, err
    assert ud.state("h1") == "shut off"
    assert not vm_pids(ud.root, "h1")
    # the failed start gave everything back
    for path in (disk, ud.initrd):
        assert owner(path) == (0, 0), path
        assert xattrs(path) == [], path


def test_missing_disk_is_named(ud):
    ud.define("m1", os.path.join(ud.root, "nope.raw"))
    rc, _, err = ud.virsh("start", "m1", ok=False)
    assert rc != 0
    assert "Cannot access storage file '%s'" % os.path.join(ud.root, "nope.raw") in err, err
    assert owner(ud.initrd) == (0, 0) and xattrs(ud.initrd) == []


BAD_CONFS = [
    ('# qemu user\nuser = 107\n', 2, "user", "expected a user name or +UID, got 107"),
    ('user = "%s"\ndynamic_ownership = 2\n' % QEMU_USER, 2, "dynamic_ownership",
     "expected 0 or 1, got 2"),
    ('group = "+12x"\n', 1, "group", "'+12x' is not a valid group id"),
    ('user = ""\n', 1, "user", "must not be empty"),
    ('remember_owner = "yes"\n', 1, "remember_owner", "expected 0 or 1, got a string"),
    ('\n\nuser = "vireo-no-such-user"\n', 3, "user",
     "no user named 'vireo-no-such-user' on this host"),
    ('group = "vireo-no-such-group"\n', 1, "group",
     "no group named 'vireo-no-such-group' on this host"),
]


@pytest.mark.parametrize("text,line,key,why", BAD_CONFS,
                         ids=[b[2] + "-" + str(i) for i, b in enumerate(BAD_CONFS)])
def test_bad_qemu_conf_is_refused_with_file_line_key(guest, qemu_user, text, line, key, why):
    d = UserDaemon(guest, text)
    try:
        with pytest.raises(helpers.DaemonError):
            d.daemon.start()
        conf = os.path.join(d.root, "etc", "qemu.conf")
        want = "%s:%d: %s: %s" % (conf, line, key, why)
        assert want in d.daemon.read_log(), (want, d.daemon.read_log())
    finally:
        d.cleanup()


def test_qemu_conf_syntax_error_names_file_and_line(guest, qemu_user):
    d = UserDaemon(guest, 'user = "%s"\ngroup = \n' % QEMU_USER)
    try:
        with pytest.raises(helpers.DaemonError):
            d.daemon.start()
        log = d.daemon.read_log()
        assert re.search(re.escape(os.path.join(d.root, "etc", "qemu.conf")) + r":2: ", log), log
    finally:
        d.cleanup()


def test_read_only_clients_never_make_the_driver_open_their_paths(ud):
    ud.define("ro1", ud.disk("ro1.raw"))
    ud.virsh("start", "ro1")
    # a FIFO: opening it for reading would block until a writer came, so a
    # call that opened it would hang instead of answering
    fifo = os.path.join(ud.root, "probe.fifo")
    os.mkfifo(fifo)
    rc, _, err = ud.virsh("domblkstat", "ro1", fifo, readonly=True, ok=False, timeout=20)
    assert rc == 1 and "invalid path: %s" % fifo in err, (rc, err)
    with pytest.raises(OSError) as e:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert e.value.errno == errno.ENXIO  # nobody has it open for reading
    # the same call works on the disk's own name (the check is not a blanket refusal)
    assert "rd_req" in ud.virsh("domblkstat", "ro1", "vda", readonly=True)

    # an embedded root is a path too: a read-only client cannot make the
    # daemon create, lock or read a tree of its choosing
    target = tempfile.mktemp(prefix="vro", dir="/tmp")
    cli = helpers.RawClient(ud.daemon, transport="ro")
    try:
        hdr, payload = cli.open(name="qemu:///embed?root=%s" % target, flags=1)
        assert hdr[5] == helpers.STATUS_ERROR
        msg = helpers.decode_error(payload)
        assert "read-only connection cannot open the QEMU root '%s'" % target in str(msg), msg
    finally:
        cli.close()
    assert not os.path.exists(target)
    # while the system root it was started with stays open to it
    assert "ro1" in ud.virsh("list", "--name", readonly=True)
    ud.virsh("destroy", "ro1")


# ---- config writes outside drv->lock (docs/internals/threads.md) ----------

CONCURRENT = r"""
import random, sys, threading, libvirt
uri, tmpl = sys.argv[1], open(sys.argv[2]).read()
UUIDS = ["6a1e6c2c-56f4-4a39-9f5a-3c1f0c00000%d" % i for i in range(4)]
errors = []
done = [0] * 5

def worker(seed):
    rnd = random.Random(seed)
    c = libvirt.open(uri)
    for _ in range(60):
        i = rnd.randrange(4)
        name = "c%d" % i
        op = rnd.randrange(5)
        try:
            if op == 0:
                c.defineXML(tmpl.replace("@NAME@", name).replace("@UUID@", UUIDS[i])
                            .replace("@MEM@", str(rnd.choice([128, 192, 256]))))
            else:
                d = c.lookupByName(name)
                if op == 1:
                    d.undefine()
                elif op == 2:
                    d.setAutostart(rnd.randrange(2))
                elif op == 3:
                    d.setMemoryFlags(rnd.choice([64, 96]) * 1024, libvirt.VIR_DOMAIN_AFFECT_CONFIG)
                else:
                    d.setMaxMemory(rnd.choice([128, 160]) * 1024)
            done[op] += 1
        except libvirt.libvirtError as e:
            if e.get_error_code() not in (libvirt.VIR_ERR_NO_DOMAIN,):
                errors.append(str(e))
    c.close()

threads = [threading.Thread(target=worker, args=(s,)) for s in range(6)]
for t in threads: t.start()
for t in threads: t.join()
if errors:
    print("\n".join(errors)); sys.exit(1)
print("OK", *done)
"""

CONCURRENT_XML = """<domain type='qemu'>
  <name>@NAME@</name><uuid>@UUID@</uuid>
  <memory unit='MiB'>@MEM@</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel></os>
</domain>
"""


def _config_view(ud):
    """name -> (max KiB, current KiB, autostart) as the files on disk say."""
    import xml.etree.ElementTree as ET
    view = {}
    for f in glob.glob(os.path.join(ud.root, "etc", "qemu", "*.xml")):
        dom = ET.parse(f).getroot()
        name = dom.findtext("name")
        assert os.path.basename(f) == name + ".xml"
        link = os.path.join(ud.root, "etc", "qemu", "autostart", name + ".xml")
        view[name] = (int(dom.findtext("memory")), int(dom.findtext("currentMemory")),
                      os.path.lexists(link))
    return view


def _daemon_view(ud):
    import libvirt
    c = libvirt.open(ud.unix)
    try:
        view = {}
        for d in c.listAllDomains():
            xml = d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)
            mem = int(re.search(r"<memory unit='KiB'>(\d+)<", xml).group(1))
            cur = int(re.search(r"<currentMemory unit='KiB'>(\d+)<", xml).group(1))
            view[d.name()] = (mem, cur, bool(d.autostart()))
        return view
    finally:
        c.close()


def test_concurrent_config_changes_match_the_files(ud):
    tmpl = os.path.join(ud.root, "conc.xml")
    with open(tmpl, "w") as f:
        f.write(CONCURRENT_XML % ud.kernel)
    script = os.path.join(ud.root, "conc.py")
    with open(script, "w") as f:
        f.write(CONCURRENT)
    rc, out, err = helpers.run(["/usr/bin/python3", script, ud.unix, tmpl], timeout=300)
    assert rc == 0 and "OK" in out, (rc, out, err)
    assert all(int(n) > 0 for n in out.split()[1:6]), out  # every kind of change ran
    # what the daemon answers is what is on disk, and survives a SIGKILL
    files = _config_view(ud)
    assert _daemon_view(ud) == files
    ud.restart()
    assert _daemon_view(ud) == files
    assert not glob.glob(os.path.join(ud.root, "etc", "qemu", "*.new-*"))


# ---- opening a root no longer holds qemu_states_lock ------------------------

STATUS_XML = """<domstatus state='running' reason='booted' pid='%d' starttime='%s'>
  <monitor path='%s' type='unix'/>
  <libDir path='%s'/>
<domain type='qemu' id='%d'>
  <name>%s</name>
  <uuid>7b0c4e4a-1111-4a39-9f5a-3c1f0c0000%02d</uuid>
  <memory unit='KiB'>131072</memory>
  <currentMemory unit='KiB'>131072</currentMemory>
  <vcpu placement='static'>1</vcpu>
  <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>
</domstatus>
"""


def test_opening_a_root_does_not_wait_for_another_roots_reconnects(ud):
    import socket
    # root A: status files of "running" VMs whose pid is alive (a sleep of
    # ours, so the start time matches) and whose monitor accepts but never
    # greets: each reconnect waits for its monitor's bound before giving
    # the VM up as crashed, so opening A takes a while
    root_a = tempfile.mkdtemp(prefix="va", dir="/tmp")
    root_b = tempfile.mkdtemp(prefix="vb", dir="/tmp")
    run_dir = os.path.join(root_a, "run", "qemu")
    os.makedirs(run_dir)
    sleeper = subprocess.Popen(["sleep", "300"])
    socks, n = [], 4
    try:
        start = open("/proc/%d/stat" % sleeper.pid).read().rsplit(")", 1)[1].split()[19]
        for i in range(n):
            path = os.path.join(root_a, "m%d.sock" % i)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(path)
            s.listen(8)
            socks.append(s)
            with open(os.path.join(run_dir, "s%d.xml" % i), "w") as f:
                f.write(STATUS_XML % (sleeper.pid, start, path, root_a, i + 1, "s%d" % i, i))
        def statuses():
            return [f for f in os.listdir(run_dir) if f.endswith(".xml")]
        cli_a = helpers.RawClient(ud.daemon, transport="unix", timeout=120)
        cli_b = helpers.RawClient(ud.daemon, transport="unix", timeout=120)
        try:
            cli_a.send(helpers.call(helpers.PROC_CONNECT_OPEN, 1,
                                    helpers.xdr_opt_string("qemu:///embed?root=%s" % root_a)
                                    + helpers.xdr_uint(0)))
            # A's opening is under way once its first reconnect gave up
            end = time.monotonic() + 60
            while time.monotonic() < end and len(statuses()) == n:
                time.sleep(0.02)
            assert len(statuses()) < n, "A's reconnects never started"
            hdr_b, _ = cli_b.open(name="qemu:///embed?root=%s" % root_b)
            assert hdr_b[5] == helpers.STATUS_OK
            # B was answered while A was still reconnecting
            assert statuses(), "A finished before B was answered: the opens were serialised"
            assert cli_a.expect_silence(timeout=0.01)
            hdr_a, _ = cli_a.recv_message(timeout=120)
            assert hdr_a[5] == helpers.STATUS_OK
            assert not statuses()
            assert sleeper.poll() is None  # not ours to kill: argv[0] is not qemu
        finally:
            cli_a.close()
            cli_b.close()
    finally:
        for s in socks:
            s.close()
        sleeper.kill()
        sleeper.wait()
        shutil.rmtree(root_a, ignore_errors=True)
        shutil.rmtree(root_b, ignore_errors=True)


def test_without_dynamic_ownership_nothing_is_chowned(guest, qemu_user):
    d = UserDaemon(guest, USER_CONF + "dynamic_ownership = 0\n")
    try:
        d.daemon.start()
        os.chmod(d.initrd, 0o644)  # nobody will give it to qemu's user now
        disk = d.disk("ro.raw", mode=0o644)
        d.define("n1", disk)
        rc, _, err = d.virsh("start", "n1", ok=False)
        assert rc != 0 and "cannot open '%s': Permission denied" % disk in err, err
        assert owner(disk) == (0, 0) and xattrs(disk) == []
        os.chmod(disk, 0o666)
        # qemu opens the serial log itself: in a directory it may not
        # write, that is refused by name as well, until the file is there
        rc, _, err = d.virsh("start", "n1", ok=False)
        assert rc != 0 and ("cannot open '%s': Permission denied" % d.serial_log("n1")) in err
        with open(d.serial_log("n1"), "w"):
            pass
        os.chmod(d.serial_log("n1"), 0o666)
        d.virsh("start", "n1")
        pid = pid_of(d.root, "n1")
        assert proc_status(pid)["Uid"] == [str(qemu_user["uid"])] * 4
        assert owner(disk) == (0, 0) and owner(d.initrd) == (0, 0)
        assert owner(d.serial_log("n1")) == (0, 0)
        d.virsh("destroy", "n1")
        assert owner(disk) == (0, 0)
    finally:
        d.cleanup()
