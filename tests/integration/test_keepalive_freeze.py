"""Keepalive with frozen peers (PROTOCOL.md §2.1), using SIGSTOP:
- stock `virsh -k 1 -K 2` notices a frozen vireod within 3 seconds, as it
  does with libvirtd;
- vireod drops a frozen virsh after keepalive_interval × (count + 1);
- a busy client with max_client_requests calls in flight is not dropped;
- a plain python3-libvirt client (no event loop) is never pinged and
  never dropped."""

import os
import signal
import subprocess
import time

import pytest

import helpers as h

FAST = "keepalive_interval = 1\nkeepalive_count = 2\n"


@pytest.mark.parametrize("name", ["libvirtd", "vireod"])
def test_virsh_detects_frozen_daemon(daemon_factory, name):
    d = daemon_factory(name)
    proc = subprocess.Popen([h.VIRSH, "-k", "1", "-K", "2", "-c", d.tcp_uri, "event", "--all",
                             "--loop"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    time.sleep(1.5)
    assert proc.poll() is None
    os.kill(d.proc.pid, signal.SIGSTOP)
    start = time.time()
    try:
        out, err = proc.communicate(timeout=10)
        elapsed = time.time() - start
    finally:
        os.kill(d.proc.pid, signal.SIGCONT)
        if proc.poll() is None:
            proc.kill()
    assert "keepalive timeout" in err
    assert elapsed <= 3.5, elapsed


def test_daemon_drops_frozen_virsh(daemon_factory):
    d = daemon_factory("vireod", FAST)
    proc = subprocess.Popen([h.VIRSH, "-c", d.tcp_uri, "event", "--all", "--loop"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    os.kill(proc.pid, signal.SIGSTOP)
    # interval x (count + 1) = 3 s, plus slack for the timer phase.
    time.sleep(4.5)
    os.kill(proc.pid, signal.SIGCONT)
    try:
        out, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode != 0
    assert "End of file" in err or "Disconnected" in err or "closed" in err, err


def test_plain_python_client_never_pinged_or_dropped(daemon_factory):
    d = daemon_factory("vireod", FAST)
    script = r"""
import sys, time, libvirt
c = libvirt.open(sys.argv[1])
time.sleep(5)
print(c.lookupByName("test").name(), c.isAlive())
"""
    rc, out, err = h.run(["/usr/bin/python3", "-c", script, d.tcp_uri], timeout=30)
    assert rc == 0, err
    assert out.split() == ["test", "1"]


def test_busy_client_not_dropped(daemon_factory):
    """A client whose every request slot is taken by slow work keeps its
    connection: its PONGs are answered outside the request accounting."""
    d = daemon_factory("vireod", FAST + "max_client_requests = 2\n")
    script = r"""
import sys, threading, time, libvirt
libvirt.virEventRegisterDefaultImpl()
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()
c = libvirt.open(sys.argv[1])
c.setKeepAlive(1, 2)
end = time.time() + 5
n = 0
def worker():
    global n
    while time.time() < end:
        c.getCapabilities(); n += 1
ts = [threading.Thread(target=worker) for _ in range(4)]
[t.start() for t in ts]
[t.join() for t in ts]
print(c.isAlive(), n > 0)
"""
    rc, out, err = h.run(["/usr/bin/python3", "-c", script, d.tcp_uri], timeout=30)
    assert rc == 0, err
    assert out.split() == ["1", "True"]
