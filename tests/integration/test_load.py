"""Concurrency and size: many clients at once on the shared default state,
pipelined calls from threads on one connection, and messages near the
protocol's limits. Each runs against libvirtd too, which shows the
expectations are libvirt's."""

import threading

import libvirt
import pytest

import helpers

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def dom_xml(name, uuid, description=""):
    desc = "<description>%s</description>" % description if description else ""
    return ("<domain type='test'><name>%s</name><uuid>%s</uuid>%s"
            "<memory unit='KiB'>65536</memory><vcpu>1</vcpu>"
            "<os><type arch='i686'>hvm</type></os></domain>" % (name, uuid, desc))


def run_threads(n, target):
    errors = []

    def wrap(i):
        try:
            target(i)
        except Exception as e:  # collected and reported below
            errors.append("thread %d: %r" % (i, e))

    threads = [threading.Thread(target=wrap, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads), "threads hung"
    assert not errors, "\n".join(errors)


def test_many_clients_at_once(daemon):
    """40 clients, tcp and unix mixed, each defining, starting, checking,
    destroying and undefining its own domain while holding a shared anchor
    connection (so the default state is not reset under them)."""
    anchor = libvirt.open(daemon.tcp_uri)
    try:
        def client(i):
            uri = daemon.tcp_uri if i % 2 else daemon.unix_uri
            conn = libvirt.open(uri)
            try:
                name = "load%02d" % i
                dom = conn.defineXML(dom_xml(name, "5a5a5a5a-0000-4000-8000-%012d" % i))
                dom.create()
                assert dom.isActive() == 1
                assert conn.lookupByName(name).UUIDString() == dom.UUIDString()
                assert dom.info()[0] == libvirt.VIR_DOMAIN_RUNNING
                dom.suspend()
                dom.resume()
                dom.destroy()
                dom.undefine()
                with pytest.raises(libvirt.libvirtError):
                    conn.lookupByName(name)
            finally:
                conn.close()

        run_threads(40, client)
        assert [d.name() for d in anchor.listAllDomains(0)] == ["test"]
        # Every start took a fresh id, so the next one is 42.
        d = anchor.defineXML(dom_xml("after", "5a5a5a5a-0000-4000-8000-999999999999"))
        d.create()
        assert d.ID() == 42
    finally:
        anchor.close()
    assert daemon.alive()


def test_threads_share_one_connection(daemon):
    """python-libvirt pipelines calls from several threads on one socket;
    replies must reach the right caller."""
    conn = libvirt.open(daemon.tcp_uri)
    try:
        def worker(i):
            for _ in range(30):
                if i % 3 == 0:
                    assert conn.lookupByName("test").ID() == 1
                elif i % 3 == 1:
                    assert conn.getType() == "TEST"
                else:
                    with pytest.raises(libvirt.libvirtError) as ei:
                        conn.lookupByName("nosuch%d" % i)
                    assert ei.value.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN

        run_threads(12, worker)
    finally:
        conn.close()


@pytest.mark.parametrize("size", [100000, 1000000, 4000000])
def test_large_xml_round_trip(libvirtd, vireod, size):
    """A domain XML with a big description crosses many reads and writes."""
    text = ("0123456789abcdef" * (size // 16 + 1))[:size]
    xml = dom_xml("big", "6b6b6b6b-0000-4000-8000-000000000001", text)

    def run(d):
        conn = libvirt.open(d.unix_uri)
        try:
            try:
                dom = conn.defineXML(xml)
            except libvirt.libvirtError as e:
                return ("error", e.get_error_code(), e.get_error_domain(), e.get_error_message())
            out = dom.XMLDesc(0)
            return ("ok", len(out), text in out, dom.name())
        finally:
            conn.close()

    want = run(libvirtd)
    got = run(vireod)
    assert got == want
    assert vireod.alive()


def test_string_over_limit_is_refused(libvirtd, vireod):
    """An XML document over the 4 MiB string limit is refused (by the
    client library while encoding), and the connection stays usable."""
    xml = dom_xml("huge", "6b6b6b6b-0000-4000-8000-000000000002", "x" * (4 * 1024 * 1024 + 16))

    def run(d):
        conn = libvirt.open(d.tcp_uri)
        try:
            try:
                conn.defineXML(xml)
                first = "ok"
            except libvirt.libvirtError as e:
                first = (e.get_error_code(), e.get_error_domain(), e.get_error_message())
            return first, conn.getType()
        finally:
            conn.close()

    assert run(vireod) == run(libvirtd)


def test_many_sequential_virsh_runs(daemon):
    """Connections open and close cleanly again and again."""
    for i in range(25):
        uri = daemon.tcp_uri if i % 2 else daemon.unix_uri
        rc, out, err = helpers.virsh(uri, "domstate", "test")
        assert (rc, out, err) == (0, "running\n\n", "")
    assert daemon.alive()
