"""Non-blocking streams driven by stream event callbacks on the
application's event loop (virStreamEventAddCallback / Update / Remove),
as virt-manager's and python's console paths use them: libvireo moves a
volume up and down through callbacks (tests/unit/streams/
stream_callbacks.c), a non-blocking read with nothing queued answers -2,
a 1 GiB callback-driven download stays under 64 MiB, a QEMU guest's
serial console is typed into and read through callbacks (WRITABLE asked
for only while input waits, as virsh console does), an error the daemon
sends mid-stream reaches the callback, the API refuses what libvirt's
refuses with the same errors; and libvirt's own client (python3-libvirt)
gets the same screenshot bytes through callbacks from vireod as from
libvirtd, and a volume through callbacks from vireod."""

import hashlib
import os
import shutil
import tempfile
import threading

import libvirt
import pytest

import helpers as h
from test_qemu_virsh import QemuDaemon, guest  # noqa: F401 (guest is a fixture)
from test_streams import RSS_LIMIT_KIB, peak_rss_kib, run_measured

PROGRAM = os.path.join(h.BUILD, "tests", "unit", "streams", "vireo-stream-callbacks")
ENV = {"LD_LIBRARY_PATH": os.path.join(h.BUILD, "src", "client")}
MIB = 1 << 20

_loop_lock = threading.Lock()


@pytest.fixture
def cb_vireod():
    """vireod with private volume files, plus a python3-libvirt connection
    keeping the test driver's state alive between commands."""
    voldir = tempfile.mkdtemp(prefix="vt-cb-", dir="/tmp")
    d = h.make_daemon("vireod")
    d.env = {"VIREO_TEST_VOLUME_DIR": voldir}
    d.start()
    conn = libvirt.open(d.tcp_uri)
    try:
        yield d, conn
    finally:
        conn.close()
        problem = d.stop()
        d.cleanup()
        shutil.rmtree(voldir, ignore_errors=True)
        assert not problem, problem


def make_volume(conn, name, capacity):
    pool = conn.storagePoolLookupByName("default-pool")
    return pool.createXML("<volume><name>%s</name><capacity>%d</capacity></volume>"
                          % (name, capacity), 0)


def parse_ok(out):
    words = out.split()
    assert words[0] == "ok", out
    fields = dict(w.split("=") for w in words[2:])
    return int(words[1]), {k: int(v) for k, v in fields.items()}


def test_upload_and_download_through_callbacks(cb_vireod, tmp_path):
    d, conn = cb_vireod
    make_volume(conn, "cbvol", 64 * MIB)
    src, back = tmp_path / "src.bin", tmp_path / "back.bin"
    src.write_bytes(os.urandom(40 * MIB + 4321))
    rc, out, err = h.run([PROGRAM, "upload", d.tcp_uri, "cbvol", str(src)], env=ENV,
                         timeout=120)
    assert rc == 0, err
    nbytes, f = parse_ok(out)
    assert nbytes == 40 * MIB + 4321
    # the callback ran once per chunk it sent (and once more for the end),
    # got only what it asked for, and its free callback ran exactly once
    assert f["calls"] >= 2 and f["bad_events"] == 0 and f["frees"] == 1
    rc, out, err = h.run([PROGRAM, "download", d.tcp_uri, "cbvol", str(back),
                          str(40 * MIB + 4321)], env=ENV, timeout=120)
    assert rc == 0, err
    nbytes, f = parse_ok(out)
    assert nbytes == 40 * MIB + 4321
    assert f["calls"] >= 2 and f["bad_events"] == 0 and f["frees"] == 1
    # READABLE fires only with something queued: the callback's single
    # read per call never came back empty-handed
    assert f["eagain"] == 0
    assert back.read_bytes() == src.read_bytes()


@pytest.mark.parametrize("events", [False, True], ids=["loop-only", "with-io-thread"])
def test_one_gib_callback_download_bounded(cb_vireod, events):
    """1 GiB through READABLE callbacks under 64 MiB, also when libvireo's
    event I/O thread (running for a domain event) reads the socket as
    well and the stream's queue bound is what holds memory down."""
    d, conn = cb_vireod
    make_volume(conn, "zeros", 1 << 30)
    os.environ.update(ENV)
    if events:
        os.environ["WITH_DOMAIN_EVENTS"] = "1"
    try:
        rc, out, err, peak = run_measured([PROGRAM, "download", d.tcp_uri, "zeros",
                                           "/dev/null", str(1 << 30)])
    finally:
        os.environ.pop("LD_LIBRARY_PATH", None)
        os.environ.pop("WITH_DOMAIN_EVENTS", None)
    assert rc == 0, err
    assert parse_ok(out)[0] == 1 << 30
    assert peak < RSS_LIMIT_KIB, peak
    assert peak_rss_kib(d.proc.pid) < RSS_LIMIT_KIB


def test_error_mid_stream_reaches_the_callback(cb_vireod, tmp_path):
    d, conn = cb_vireod
    make_volume(conn, "tiny", MIB)
    src = tmp_path / "big.bin"
    src.write_bytes(os.urandom(4 * MIB))
    rc, out, err = h.run([PROGRAM, "upload", d.tcp_uri, "tiny", str(src)], env=ENV,
                         timeout=60)
    assert rc != 0
    assert "stream sent more data than the requested length" in err
    # the connection carries on
    assert conn.storagePoolLookupByName("default-pool").storageVolLookupByName("tiny")


def rules(d, mode):
    rc, out, err = h.run([PROGRAM, mode, d.tcp_uri, "r"], env=ENV)
    assert rc == 0, err
    return dict(line.split(" ", 1) for line in out.splitlines())


def test_rules_with_event_loop(cb_vireod):
    d, conn = cb_vireod
    make_volume(conn, "r", MIB)
    got = rules(d, "rules")
    internal, op_invalid = libvirt.VIR_ERR_INTERNAL_ERROR, libvirt.VIR_ERR_OPERATION_INVALID
    assert got == {
        "recv_nonblock": "-2 0 -",
        "update_none": "-1 %d internal error: no stream callback registered" % internal,
        "remove_none": "-1 %d internal error: no stream callback registered" % internal,
        "add": "0 0 -",
        "add_twice": "-1 %d internal error: multiple stream callbacks not supported" % internal,
        "update": "0 0 -",
        "remove": "0 0 -",
        "frees": "1",
        "finish": "0 0 -",
        "sendall_nonblock": "-1 %d Requested operation is not valid: data sources cannot be "
                            "used for non-blocking streams" % op_invalid,
    }


def test_rules_without_event_loop(cb_vireod):
    """No event loop registered: adding a callback fails as libvirt's does
    (its generic "cause unknown" error), a non-blocking read still says
    -2, and the stream works on."""
    d, conn = cb_vireod
    make_volume(conn, "r", MIB)
    got = rules(d, "noloop")
    internal = libvirt.VIR_ERR_INTERNAL_ERROR
    assert got["recv_nonblock"] == "-2 0 -"
    assert got["add"] == "-1 %d An error occurred, but the cause is unknown" % internal
    assert got["frees"] == "0"
    assert got["finish"] == "0 0 -"


# ---- libvirt's own client (python3-libvirt) against our daemon ----------

def _python_event_loop_once():
    """Registers libvirt's default event loop once per process."""
    with _loop_lock:
        if not getattr(_python_event_loop_once, "done", False):
            libvirt.virEventRegisterDefaultImpl()
            _python_event_loop_once.done = True


def python_nonblocking_recv(conn, start):
    """Opens a NONBLOCK stream with start(stream), reads it to the end in
    a READABLE callback, returns (bytes, callbacks, -2 answers)."""
    _python_event_loop_once()
    st = conn.newStream(libvirt.VIR_STREAM_NONBLOCK)
    start(st)
    state = {"data": [], "calls": 0, "again": 0, "done": False}

    def on_event(stream, events, opaque):
        opaque["calls"] += 1
        got = stream.recv(256 * 1024)
        if got == -2:
            opaque["again"] += 1
            return
        if not got:
            stream.eventRemoveCallback()
            stream.finish()
            opaque["done"] = True
            return
        opaque["data"].append(got)

    st.eventAddCallback(libvirt.VIR_STREAM_EVENT_READABLE, on_event, state)
    for _ in range(100000):
        if state["done"]:
            break
        libvirt.virEventRunDefaultImpl()
    assert state["done"]
    return b"".join(state["data"]), state["calls"], state["again"]


def test_python_callback_screenshot_same_as_libvirtd(libvirtd, cb_vireod):
    d, _ = cb_vireod
    shots = []
    for uri in (libvirtd.tcp_uri, d.tcp_uri):
        _python_event_loop_once()
        conn = libvirt.open(uri)
        dom = conn.lookupByName("test")
        data, calls, _ = python_nonblocking_recv(conn, lambda st: dom.screenshot(st, 0, 0))
        shots.append(data)
        assert calls >= 1
        conn.close()
    assert shots[0] == shots[1]
    assert shots[1][:8] == b"\x89PNG\r\n\x1a\n"


def test_python_callback_volume_download(cb_vireod, tmp_path):
    d, conn = cb_vireod
    src = tmp_path / "src.bin"
    src.write_bytes(os.urandom(6 * MIB + 99))
    make_volume(conn, "py", 8 * MIB)
    rc, out, err = h.virsh(d.tcp_uri, "vol-upload py %s --pool default-pool" % src)
    assert rc == 0, err
    _python_event_loop_once()
    pconn = libvirt.open(d.tcp_uri)
    vol = pconn.storagePoolLookupByName("default-pool").storageVolLookupByName("py")
    data, calls, _ = python_nonblocking_recv(pconn, lambda st: vol.download(st, 0,
                                                                          6 * MIB + 99, 0))
    pconn.close()
    assert hashlib.sha256(data).digest() == hashlib.sha256(src.read_bytes()).digest()
    assert calls >= 2


@pytest.fixture
def qd(guest):  # noqa: F811
    d = QemuDaemon(guest)
    yield d
    d.cleanup()


def test_console_two_way_through_callbacks(qd):
    """libvireo's console: the guest's shell computes an answer to what the
    program typed through WRITABLE callbacks, read back through READABLE
    ones, over tcp to vireod's QEMU driver."""
    qd.virsh("define", qd.xml("cbvm"))
    qd.virsh("start", "cbvm")
    qd.wait_marker("cbvm")
    try:
        # twice: finishing the first session frees the console for the next
        for _ in range(2):
            rc, out, err = h.run([PROGRAM, "console", qd.tcp, "cbvm"], env=ENV, timeout=120)
            assert rc == 0, err
            words = out.split()
            assert words[0] == "ok" and words[1].startswith("hello-")
            # WRITABLE was switched on for each input and off once it was sent
            assert int(words[2].split("=")[1]) >= 2
        assert qd.state("cbvm", uri=qd.tcp).startswith("running")
    finally:
        qd.virsh("destroy", "cbvm")
        qd.virsh("undefine", "cbvm")
