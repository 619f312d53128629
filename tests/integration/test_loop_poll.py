"""The loop's brief poll before it sleeps (loop_poll_us, rpc/server_loop.c).

Calls are answered alike with polling off, at the default and at the
maximum, including calls that go to the worker threads while other clients'
calls stay on the loop; a daemon whose clients have gone quiet uses no CPU,
and one whose client leaves long gaps between calls stops polling for it;
a stop that arrives while a busy client keeps the loop polling is prompt."""

import glob
import threading
import time

import libvirt
import pytest

import helpers as h

libvirt.registerErrorHandler(lambda ctx, err: None, None)

DOMAIN_XML = """<domain type='test'>
  <name>%s</name>
  <memory>65536</memory>
  <os><type>hvm</type></os>
</domain>"""


def cpu_ns(pid):
    """CPU time every thread of pid has used so far, in nanoseconds."""
    total = 0
    for path in glob.glob("/proc/%d/task/*/schedstat" % pid):
        try:
            with open(path) as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a worker thread that just ended
    return total


@pytest.mark.parametrize("poll", [0, 50, 1000])
def test_calls_answered_with_any_window(daemon_factory, poll):
    d = daemon_factory("vireod", "loop_poll_us = %d\n" % poll)
    writer = libvirt.open(d.unix_uri)
    reader = libvirt.open(d.tcp_uri)
    errors = []

    # One client defines and lists (worker calls) while another makes cheap
    # calls answered on the loop, so the loop polls between worker replies.
    def cheap_calls():
        try:
            for _ in range(300):
                assert reader.getVersion() > 0
                assert reader.lookupByName("test").info()[0] == libvirt.VIR_DOMAIN_RUNNING
        except Exception as e:  # reported below, in the test's thread
            errors.append(e)

    t = threading.Thread(target=cheap_calls)
    t.start()
    names = ["poll%d-%d" % (poll, i) for i in range(20)]
    for name in names:
        writer.defineXML(DOMAIN_XML % name)
        listed = {dom.name() for dom in writer.listAllDomains(0)}
        assert name in listed
    t.join(60)
    assert not t.is_alive()
    assert errors == []
    listed = {dom.name() for dom in reader.listAllDomains(libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE)}
    assert set(names) <= listed
    writer.close()
    reader.close()


def test_quiet_daemon_uses_no_cpu(daemon_factory):
    """After a burst of calls, with the connection still open, the loop
    sleeps: a second of silence costs it (almost) no CPU even with the
    longest window. A loop that kept polling would use about a second."""
    d = daemon_factory("vireod", "loop_poll_us = 1000\n")
    conn = libvirt.open(d.unix_uri)
    for _ in range(500):
        conn.getVersion()
    time.sleep(0.1)  # far past the 1 ms window
    before = cpu_ns(d.proc.pid)
    time.sleep(1.0)
    used_ms = (cpu_ns(d.proc.pid) - before) / 1e6
    assert used_ms < 50, "the daemon used %.1f ms of CPU in a quiet second" % used_ms
    assert conn.getVersion() > 0
    conn.close()


def test_slow_caller_stops_the_polling(daemon_factory):
    """A client that leaves 3 ms between calls never gets one inside the
    1 ms window: from the second such gap in a row each one halves the
    window until polling stops, so 200 such calls cost the daemon a few ms
    of CPU. A fixed window would spend a whole millisecond after every call
    (200 ms)."""
    d = daemon_factory("vireod", "loop_poll_us = 1000\n")
    conn = libvirt.open(d.unix_uri)
    conn.getVersion()
    before = cpu_ns(d.proc.pid)
    for _ in range(200):
        time.sleep(0.003)
        assert conn.getVersion() > 0
    used_ms = (cpu_ns(d.proc.pid) - before) / 1e6
    assert used_ms < 80, "200 spaced calls cost the daemon %.1f ms of CPU" % used_ms
    conn.close()


def test_stop_while_polling():
    """SIGTERM while a client keeps calling (so the loop is polling, not
    sleeping): the daemon still stops within the usual time, cleanly."""
    d = h.make_daemon("vireod", "loop_poll_us = 1000\n")
    d.start()
    stop = threading.Event()
    calls = [0]

    def hammer():
        conn = libvirt.open(d.unix_uri)
        try:
            while not stop.is_set():
                conn.getVersion()
                calls[0] += 1
        except libvirt.libvirtError:
            pass  # the daemon went away under us: expected

    t = threading.Thread(target=hammer)
    t.start()
    try:
        deadline = time.monotonic() + 10
        while calls[0] < 200 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert calls[0] >= 200
        problem = d.stop()
        assert problem is None, problem
    finally:
        stop.set()
        t.join(30)
        d.cleanup()
    assert not t.is_alive()
