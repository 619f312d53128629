"""The read-side calls stock virsh and virt-manager make on a QEMU domain,
against vireod's QEMU driver, compared with what libvirtd 9.0's QEMU driver
answers (its sources at /tmp/libvirt-9.0.0/src/qemu/qemu_driver.c):

- dommemstat (virDomainMemoryStats: the balloon's "actual", the guest's own
  figures from qom-get guest-stats, rss from /proc) and --period
  (virDomainSetMemoryStatsPeriod, procedure 308: qom-set of
  guest-stats-polling-interval, kept as <memballoon><stats period/>);
- setmem through the balloon;
- domblkinfo, domblkerror, vcpuinfo, vcpupin, emulatorpin, domcontrol;
- domtime / domhostname without a guest agent (libvirtd's errors);
- schedinfo / memtune / blkiotune (no cgroups: libvirtd's errors for a
  running domain, the definition's defaults for the config);
- desc / metadata on a running domain, live and config, with the
  metadata-change event.

The guest is the busybox initramfs of test_qemu_virsh.py; its kernel has
the virtio balloon driver, so the guest reports statistics.
"""

import os
import re
import time
import xml.etree.ElementTree as ET

import libvirt
import pytest

import helpers
from test_qemu_virsh import EventWatcher, QemuDaemon, guest  # noqa: F401 (guest is a fixture)


@pytest.fixture
def qd(guest):
    d = QemuDaemon(guest)
    yield d
    d.cleanup()


def running_vm(qd, name="vm1", extra=""):
    disk = "%s/%s.raw" % (qd.root, name)
    with open(disk, "wb") as f:
        f.truncate(16 << 20)
    qd.virsh("define", qd.xml(name, disk=disk, extra=extra))
    qd.virsh("start", name)
    qd.wait_marker(name)
    return disk


def memstats(qd, name):
    out = qd.virsh("dommemstat", name)
    return dict((k, int(v)) for k, v in (l.split() for l in out.splitlines() if l.strip()))


def wait_for(pred, timeout=30, what="condition"):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = pred()
        if got:
            return got
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def test_dommemstat_period_and_setmem(qd):
    running_vm(qd)
    st = memstats(qd, "vm1")
    # libvirtd's order: actual first (query-balloon), guest figures, rss last
    assert st["actual"] == 262144, st
    assert st["rss"] > 10000, st
    keys = list(st)
    assert keys[0] == "actual" and keys[-1] == "rss", keys
    # the guest's balloon driver reported once at probe time
    for k in ("unused", "available", "usable", "last_update"):
        assert k in st, st
    assert 0 < st["available"] <= 262144, st

    # --period on the running domain: qom-set, and the live XML keeps it
    qd.virsh("dommemstat", "vm1", "--period", "1", "--live")
    live = ET.fromstring(qd.virsh("dumpxml", "vm1"))
    assert live.find("./devices/memballoon/stats").get("period") == "1"
    inactive = ET.fromstring(qd.virsh("dumpxml", "vm1", "--inactive"))
    assert inactive.find("./devices/memballoon/stats") is None
    # with a 1 s period the guest's report keeps coming
    first = st["last_update"]
    wait_for(lambda: memstats(qd, "vm1")["last_update"] > first, what="a newer last_update")

    # --config: the persistent definition only, and it survives a restart
    qd.virsh("dommemstat", "vm1", "--period", "7", "--config")
    assert ET.fromstring(qd.virsh("dumpxml", "vm1", "--inactive")).find(
        "./devices/memballoon/stats").get("period") == "7"
    assert ET.fromstring(qd.virsh("dumpxml", "vm1")).find(
        "./devices/memballoon/stats").get("period") == "1"
    assert "<stats period='7'/>" in open("%s/etc/qemu/vm1.xml" % qd.root).read()
    qd.restart()
    assert ET.fromstring(qd.virsh("dumpxml", "vm1", "--inactive")).find(
        "./devices/memballoon/stats").get("period") == "7"
    assert ET.fromstring(qd.virsh("dumpxml", "vm1")).find(
        "./devices/memballoon/stats").get("period") == "1"

    # period 0 turns polling off and leaves no <stats> element (as libvirt)
    qd.virsh("dommemstat", "vm1", "--period", "0", "--live")
    assert ET.fromstring(qd.virsh("dumpxml", "vm1")).find("./devices/memballoon/stats") is None

    rc, _, err = qd.virsh("dommemstat", "vm1", "--period", "-1", ok=False)
    assert rc != 0 and "Invalid collection period value '-1'" in err, err

    # setmem through the balloon: dominfo at once, the balloon once the guest gave it back
    qd.virsh("setmem", "vm1", "200M", "--live")
    wait_for(lambda: re.search(r"^Used memory:\s+204800 KiB$", qd.virsh("dominfo", "vm1"), re.M),
             what="Used memory 204800 KiB")
    wait_for(lambda: memstats(qd, "vm1")["actual"] == 204800, what="actual 204800")
    rc, _, err = qd.virsh("setmem", "vm1", "300M", "--live", ok=False)
    assert rc != 0 and "cannot set memory higher than max memory" in err, err

    # python3-libvirt: the same figures as a dict, and libvirt's argument check
    conn = libvirt.open(qd.unix)
    try:
        dom = conn.lookupByName("vm1")
        d = dom.memoryStats()
        assert d["actual"] == 204800 and d["rss"] > 0, d
        with pytest.raises(libvirt.libvirtError) as e:
            dom.setMemoryStatsPeriod(-5, 0)
        assert "must be zero or greater" in str(e.value)
        dom.setMemoryStatsPeriod(4, libvirt.VIR_DOMAIN_AFFECT_LIVE)
        assert "<stats period='4'/>" in dom.XMLDesc(0)
    finally:
        conn.close()

    # read-only connections may read, never set
    rc, out, _ = helpers.virsh(qd.unix, "dommemstat", "vm1", readonly=True)
    assert rc == 0 and "actual 204800" in out, out
    rc, _, err = helpers.virsh(qd.unix, "dommemstat", "vm1", "--period", "3", readonly=True)
    assert rc != 0 and "read only access prevents virDomainSetMemoryStatsPeriod" in err, err

    qd.virsh("destroy", "vm1")
    rc, _, err = qd.virsh("dommemstat", "vm1", ok=False)
    assert rc != 0 and "Failed to get memory statistics for domain vm1" in err, err
    assert "domain is not running" in err, err
    rc, _, err = qd.virsh("dommemstat", "vm1", "--period", "3", "--live", ok=False)
    assert rc != 0 and "domain is not running" in err, err


def test_period_without_balloon_and_transient(qd):
    path = qd.xml("nob", extra="<memballoon model='none'/>")
    qd.virsh("define", path)
    rc, _, err = qd.virsh("dommemstat", "nob", "--period", "5", "--config", ok=False)
    assert rc != 0, err
    assert ("internal error: No memory balloon device configured, can not set the collection "
            "period") in err, err
    # a define with <stats period> keeps it, and a bad one is refused as libvirt refuses it
    ok = open(qd.xml("per")).read().replace("<console type='pty'/>",
                                             "<console type='pty'/>"
                                             "<memballoon model='virtio'><stats period='9'/>"
                                             "</memballoon>")
    with open(qd.root + "/per.xml", "w") as f:
        f.write(ok)
    qd.virsh("define", qd.root + "/per.xml")
    assert "<stats period='9'/>" in qd.virsh("dumpxml", "per")
    with open(qd.root + "/bad.xml", "w") as f:
        f.write(ok.replace("<name>per</name>", "<name>bad</name>").replace("'9'", "'nine'"))
    rc, _, err = qd.virsh("define", qd.root + "/bad.xml", ok=False)
    assert rc != 0 and "Invalid value for attribute 'period'" in err, err


def test_virsh_queries_on_running_domain(qd):
    disk = running_vm(qd)

    # disks
    info = qd.virsh("domblkinfo", "vm1", "vda")
    assert re.search(r"^Capacity:\s+16777216$", info, re.M), info
    assert re.search(r"^Physical:\s+16777216$", info, re.M), info
    assert re.search(r"^Allocation:\s+\d+$", info, re.M), info
    by_path = qd.virsh("domblkinfo", "vm1", disk)
    assert by_path == info
    table = qd.virsh("domblkinfo", "vm1", "--all")
    assert re.search(r"^ vda\s+16777216\s+\d+\s+16777216$", table, re.M), table
    rc, _, err = qd.virsh("domblkinfo", "vm1", "vdz", ok=False)
    assert rc != 0 and "invalid path vdz not assigned to domain" in err, err
    assert qd.virsh("domblkerror", "vm1").strip() == "No errors found"
    details = qd.virsh("domblklist", "vm1", "--details")
    assert re.search(r"^ file\s+disk\s+vda\s+%s$" % re.escape(disk), details, re.M), details

    # vCPUs and pinning
    vi = qd.virsh("vcpuinfo", "vm1")
    assert re.search(r"^VCPU:\s+0$", vi, re.M) and re.search(r"^State:\s+running$", vi, re.M), vi
    assert re.search(r"^CPU time:\s+\d+\.\ds$", vi, re.M), vi
    assert re.search(r"^CPU Affinity:\s+y+$", vi, re.M), vi
    assert re.search(r"^\s+\*: 0(-\d+)?$", qd.virsh("emulatorpin", "vm1"), re.M)
    assert re.search(r"^ 0\s+0(-\d+)?$", qd.virsh("vcpupin", "vm1"), re.M)
    assert qd.virsh("domcontrol", "vm1").strip() == "ok"
    # python's vcpus() asks for the host's CPU map first, as virt-manager does
    conn = libvirt.open(qd.unix)
    try:
        present, cpumap, online = conn.getCPUMap()
        assert present == os.cpu_count() and online == sum(cpumap) and online >= 1
        info, maps = conn.lookupByName("vm1").vcpus()
        assert len(info) == 1 and info[0][0] == 0 and info[0][1] == libvirt.VIR_VCPU_RUNNING
        assert info[0][2] > 0 and len(maps[0]) == present and any(maps[0]), (info, maps)
    finally:
        conn.close()
    nm = qd.virsh("nodecpumap")
    assert re.search(r"^CPUs present:\s+%d$" % os.cpu_count(), nm, re.M), nm
    # no background job ever runs here: libvirtd's answer for an idle domain
    assert qd.virsh("domjobinfo", "vm1").strip() == "Job type:         None"
    assert qd.virsh("domjobinfo", "vm1", "--completed").strip() == "Job type:         None"

    # no guest agent: libvirtd's answers
    rc, _, err = qd.virsh("domtime", "vm1", ok=False)
    assert rc != 0 and "argument unsupported: QEMU guest agent is not configured" in err, err
    rc, _, err = qd.virsh("domhostname", "vm1", ok=False)
    assert rc != 0 and "QEMU guest agent is not configured" in err, err
    rc, _, err = qd.virsh("domhostname", "vm1", "--source", "lease", ok=False)
    assert rc != 0 and "no hostname found for domain vm1" in err, err
    qd.virsh("suspend", "vm1")
    rc, _, err = qd.virsh("domtime", "vm1", ok=False)
    assert rc != 0 and "Requested operation is not valid: domain is not running" in err, err
    qd.virsh("resume", "vm1")

    # tuning: qemu runs in no cgroup, so the live figures fail as on a host
    # without the controllers; the config answers libvirt's defaults
    rc, out, err = qd.virsh("schedinfo", "vm1", ok=False)
    assert rc != 0 and "Scheduler      : Unknown" in out, out
    assert "cgroup CPU controller is not mounted" in err, err
    rc, _, err = qd.virsh("memtune", "vm1", ok=False)
    assert rc != 0 and "cgroup memory controller is not mounted" in err, err
    rc, _, err = qd.virsh("blkiotune", "vm1", ok=False)
    assert rc != 0 and "blkio cgroup isn't mounted" in err, err
    assert re.search(r"^hard_limit\s+: unlimited$", qd.virsh("memtune", "vm1", "--config"), re.M)
    assert re.search(r"^weight\s+: 0$", qd.virsh("blkiotune", "vm1", "--config"), re.M)

    # ids and display
    assert qd.virsh("domid", "vm1").strip() == "1"
    assert qd.virsh("domname", "1").strip() == "vm1"
    rc, _, err = qd.virsh("domdisplay", "vm1", ok=False)
    assert rc != 0 and "No graphical display found" in err, err

    # metadata, live and config, each with its event
    ev = EventWatcher(qd.unix)
    qd.virsh("desc", "vm1", "--live", "--title", "live title")
    qd.virsh("desc", "vm1", "--config", "config words")
    qd.virsh("metadata", "vm1", "http://example.org/q", "--key", "q", "--set", "<q a='1'/>",
             "--live", "--config")
    assert qd.virsh("desc", "vm1", "--title").strip() == "live title"
    assert qd.virsh("desc", "vm1", "--config").strip() == "config words"
    assert "No description for domain: vm1" in qd.virsh("desc", "vm1")
    assert qd.virsh("metadata", "vm1", "http://example.org/q").strip() == '<q a="1"/>'
    assert qd.virsh("metadata", "vm1", "http://example.org/q", "--config").strip() == '<q a="1"/>'
    live = ET.fromstring(qd.virsh("dumpxml", "vm1"))
    assert live.findtext("title") == "live title" and live.find("description") is None
    conf = open("%s/etc/qemu/vm1.xml" % qd.root).read()
    assert "config words" in conf and "live title" not in conf and "http://example.org/q" in conf
    rc, _, err = qd.virsh("metadata", "vm1", "http://example.org/none", ok=False)
    assert rc != 0 and "Requested metadata element is not present" in err, err
    time.sleep(0.5)
    lines = [l for l in ev.lines() if "metadata-change" in l]
    assert len(lines) == 3, lines
    assert "type title" in lines[0] and "type description" in lines[1], lines
    assert "type element" in lines[2] and "http://example.org/q" in lines[2], lines

    # the shut-off domain: libvirtd's errors and the file's own sizes
    qd.virsh("destroy", "vm1")
    # virsh falls back to the pin info for a shut-off domain
    assert re.search(r"^State:\s+N/A$", qd.virsh("vcpuinfo", "vm1"), re.M)
    assert re.search(r"^Capacity:\s+16777216$", qd.virsh("domblkinfo", "vm1", "vda"), re.M)
    rc, _, err = qd.virsh("domcontrol", "vm1", ok=False)
    assert rc != 0 and "domain is not running" in err, err
    rc, _, err = qd.virsh("domblkerror", "vm1", ok=False)
    assert rc != 0 and "domain is not running" in err, err
    rc, _, err = qd.virsh("domjobinfo", "vm1", ok=False)
    assert rc != 0 and "domain is not running" in err, err
    assert qd.virsh("domjobinfo", "vm1", "--completed").strip() == "Job type:         None"
    assert "Scheduler      : posix" in qd.virsh("schedinfo", "vm1")
    assert qd.virsh("desc", "vm1").strip() == "config words"


# ---- the new procedures' bounds on the wire, against libvirtd and vireod ----

PROC_MEMORY_STATS = 159
PROC_GET_DISK_ERRORS = 263
PROC_GET_EMULATOR_PIN_INFO = 280
TEST_UUID = bytes.fromhex("6695eb01f6a4830479aa97f2502e193f")


def wire_domain():
    return helpers.xdr_string("test") + TEST_UUID + helpers.xdr_int(1)


def wire_error(msg, proc, serial):
    assert msg is not None, "connection closed instead of an error reply"
    hdr, payload = msg
    assert hdr == (helpers.REMOTE_PROGRAM, 1, proc, helpers.REPLY, serial, helpers.STATUS_ERROR)
    e = helpers.decode_error(payload)
    return (e["code"], e["domain"], e["message"])


@pytest.mark.parametrize("proc,payload,message", [
    (PROC_MEMORY_STATS, helpers.xdr_uint(1025) + helpers.xdr_uint(0),
     "internal error: maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX"),
    (PROC_MEMORY_STATS, helpers.xdr_uint(0xFFFFFFFF) + helpers.xdr_uint(0),
     "internal error: maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX"),
    (PROC_GET_DISK_ERRORS, helpers.xdr_uint(257) + helpers.xdr_uint(0),
     "internal error: maxerrors too large"),
    (PROC_GET_EMULATOR_PIN_INFO, helpers.xdr_int(-1) + helpers.xdr_uint(0),
     "internal error: maplen must be non-negative"),
])
def test_wire_bounds_as_libvirtd(daemon, proc, payload, message):
    c = helpers.RawClient(daemon)
    try:
        hdr, _ = c.open(1)
        assert hdr[-1] == helpers.STATUS_OK
        code, domain, text = wire_error(c.call(proc, 2, wire_domain() + payload), proc, 2)
        assert (code, domain, text) == (libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_FROM_RPC,
                                        message)
        # a request within bounds still gets a reply on the same connection
        msg = c.call(PROC_MEMORY_STATS, 3, wire_domain() + helpers.xdr_uint(0) + helpers.xdr_uint(0))
        assert msg is not None and msg[0][4] == 3
    finally:
        c.close()
    assert daemon.alive()


def test_wire_huge_cpumap_refused(vireod):
    # libvirtd would allocate whatever maplen says; vireod refuses beyond
    # the protocol's bound before allocating anything
    c = helpers.RawClient(vireod)
    try:
        c.open(1)
        code, _, text = wire_error(
            c.call(PROC_GET_EMULATOR_PIN_INFO, 2,
                   wire_domain() + helpers.xdr_int(0x7FFFFFFF) + helpers.xdr_uint(0)),
            PROC_GET_EMULATOR_PIN_INFO, 2)
        assert code == libvirt.VIR_ERR_INTERNAL_ERROR and "maplen" in text, text
    finally:
        c.close()
    assert vireod.alive()


def test_definition_stats_period_applies_at_start(qd):
    """A <stats period> in the persistent definition is set on the balloon
    when the VM starts (libvirtd does it right after the balloon target), so
    the guest's report keeps coming without any --period call."""
    disk = "%s/p1.raw" % qd.root
    with open(disk, "wb") as f:
        f.truncate(16 << 20)
    qd.virsh("define", qd.xml("p1", disk=disk))
    qd.virsh("dommemstat", "p1", "--period", "1", "--config")
    qd.virsh("start", "p1")
    qd.wait_marker("p1")
    assert ET.fromstring(qd.virsh("dumpxml", "p1")).find(
        "./devices/memballoon/stats").get("period") == "1"
    first = wait_for(lambda: memstats(qd, "p1").get("last_update"), what="a first report")
    wait_for(lambda: memstats(qd, "p1")["last_update"] > first, what="a newer last_update")
