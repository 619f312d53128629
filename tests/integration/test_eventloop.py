"""The client-side event loop API (virEventRegisterDefaultImpl,
virEventRunDefaultImpl, virEventAdd/Update/Remove Handle/Timeout,
virEventRegisterImpl), through one C application built twice
(tests/unit/eventloop/eventloop_client.c): against libvireo and against
Debian's libvirt. The two builds must print the same lines: timeouts and
handles firing, removal from inside callbacks, a timeout added from another
thread waking the loop, and lifecycle events caused by another client
(virsh) delivered on the thread running virEventRunDefaultImpl."""

import os
import subprocess
import tempfile

import pytest

import helpers as h

DIR = os.path.join(h.BUILD, "tests", "unit", "eventloop")
VIREO_PROGRAM = os.path.join(DIR, "vireo-eventloop")
LIBVIRT_PROGRAM = os.path.join(DIR, "libvirt-eventloop")
ENV = dict(os.environ, LD_LIBRARY_PATH=os.path.join(h.BUILD, "src", "client"))

DOMAIN_XML = """<domain type='test'><name>evloop</name><memory>1048576</memory>
<vcpu>1</vcpu><os><type>hvm</type></os></domain>"""

EXPECTED_EVENTS = [
    "ready", "domain evloop 0 0", "domain evloop 2 0", "domain evloop 3 0",
    "domain evloop 4 0", "domain evloop 5 1", "domain evloop 1 0",
    "deregister from callback 0", "on loop thread yes"]


def programs():
    progs = [VIREO_PROGRAM]
    if not os.path.exists(LIBVIRT_PROGRAM):
        pytest.fail("libvirt-eventloop was not built (libvirt-dev missing?)")
    progs.append(LIBVIRT_PROGRAM)
    return progs


@pytest.mark.parametrize("mode", ["loop", "custom"])
def test_same_output_as_libvirt(mode):
    outs = []
    for prog in programs():
        res = subprocess.run([prog, mode], capture_output=True, text=True, env=ENV, timeout=30)
        assert res.returncode == 0, (prog, res.stdout, res.stderr)
        outs.append(res.stdout.splitlines())
    assert outs[0] == outs[1]
    if mode == "loop":
        assert outs[0][1:] == [
            "before update: disabled fired 0", "after update: disabled fired 2 read 2",
            "timer fired 3", "watch1 fired 1 events 1 read 2", "watch2 fired 0",
            "freed 1 1 1", "cross-thread timeout fired 1 on loop thread yes"]


def test_lifecycle_events_on_the_loop_thread(vireod):
    procs = []
    for prog in programs():
        proc = subprocess.Popen([prog, "events", vireod.tcp_uri, "6"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=ENV)
        line = proc.stdout.readline().strip()
        assert line == "ready", (prog, line, proc.stderr.read())
        procs.append(proc)
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(DOMAIN_XML)
    try:
        rc, out, err = h.virsh(vireod.tcp_uri, "define %s; start evloop; suspend evloop; "
                               "resume evloop; destroy evloop; undefine evloop" % f.name)
        assert rc == 0, err
        results = [p.communicate(timeout=30) for p in procs]
    finally:
        os.unlink(f.name)
        for p in procs:
            if p.poll() is None:
                p.kill()
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err
        assert ["ready"] + out.splitlines() == EXPECTED_EVENTS, (p.args, out, err)
