"""libvireo's own client side of events, keepalive and close callbacks,
with a program that runs no event loop at all (tests/unit/streams/
events_noloop.c): events arrive on the library's I/O thread in order;
a daemon frozen with SIGSTOP is noticed by keepalive within
interval × (count + 1) and reported to the close callback as
VIR_CONNECT_CLOSE_REASON_KEEPALIVE; a daemon that goes away is reported
as VIR_CONNECT_CLOSE_REASON_EOF."""

import os
import signal
import subprocess
import tempfile
import time

import helpers as h

PROGRAM = os.path.join(h.BUILD, "tests", "unit", "streams", "vireo-events-noloop")
ENV = dict(os.environ, LD_LIBRARY_PATH=os.path.join(h.BUILD, "src", "client"))

DOMAIN_XML = """<domain type='test'><name>evlib</name><memory>1048576</memory>
<vcpu>1</vcpu><os><type>hvm</type></os></domain>"""


def start(*args):
    proc = subprocess.Popen([PROGRAM] + list(args), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def test_events_without_event_loop(vireod):
    proc = start("events", vireod.tcp_uri, "8", "20")
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(DOMAIN_XML)
    try:
        rc, out, err = h.virsh(vireod.tcp_uri, "define %s; start evlib; suspend evlib; "
                               "resume evlib; destroy evlib; undefine evlib; "
                               "net-destroy default; net-start default" % f.name)
        assert rc == 0, err
        out, err = proc.communicate(timeout=30)
    finally:
        os.unlink(f.name)
    assert proc.returncode == 0, err
    assert out.splitlines() == [
        "domain evlib 0 0", "domain evlib 2 0", "domain evlib 3 0", "domain evlib 4 0",
        "domain evlib 5 1", "domain evlib 1 0", "network default 3 0", "network default 2 0"]


def test_keepalive_detects_frozen_daemon(vireod):
    proc = start("keepalive", vireod.tcp_uri, "1", "2", "20")
    os.kill(vireod.proc.pid, signal.SIGSTOP)
    t0 = time.time()
    try:
        line = proc.stdout.readline().strip()
        elapsed = time.time() - t0
    finally:
        os.kill(vireod.proc.pid, signal.SIGCONT)
    proc.wait(timeout=10)
    assert line == "closed 2"  # VIR_CONNECT_CLOSE_REASON_KEEPALIVE
    assert elapsed <= 3.5, elapsed


def test_close_callback_on_daemon_exit():
    d = h.make_daemon("vireod")
    d.start()
    try:
        proc = start("keepalive", d.tcp_uri, "5", "5", "20")
        assert d.stop() is None
        line = proc.stdout.readline().strip()
        proc.wait(timeout=10)
    finally:
        d.cleanup()
    assert line == "closed 1"  # VIR_CONNECT_CLOSE_REASON_EOF
