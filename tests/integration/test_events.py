"""Events (PROTOCOL.md §4.3): stock virsh `event --loop` prints the same
lines against vireod as against libvirtd while another client changes
objects; python3-libvirt with the default event loop receives them; the
legacy registration path (167/168) pushes legacy messages; errors match
libvirtd's; a client that registers and then stops reading is dropped
instead of making the daemon buffer without limit."""

import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

import pytest

import helpers as h

DOMAIN_XML = """<domain type='test'>
  <name>evtest</name>
  <memory>1048576</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>
"""

PROC_REGISTER_ANY = 167
PROC_DEREGISTER_ANY = 168
PROC_LEGACY_LIFECYCLE = 107
PROC_CB_REGISTER_ANY = 316
PROC_CB_DEREGISTER_ANY = 317
PROC_CB_LIFECYCLE = 318
PROC_DOMAIN_SUSPEND = 34
PROC_DOMAIN_RESUME = 28
PROC_DOMAIN_LOOKUP_BY_NAME = 23


def run_event_loop(daemon, command, actions, timeout=5, which=("--all",)):
    """Starts `virsh <command> --loop`, waits until it has registered, runs
    actions (lists of virsh args) as another client, returns its output."""
    proc = subprocess.Popen([h.VIRSH, "-c", daemon.tcp_uri, command, *which, "--loop",
                             "--timeout", str(timeout)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    for args in actions:
        rc, out, err = h.virsh(daemon.tcp_uri, *args)
        assert rc == 0, (args, out, err)
    out, err = proc.communicate(timeout=timeout + 20)
    assert proc.returncode == 0, err
    return out


def domain_actions(xml_path):
    return [["define", xml_path], ["start", "evtest"], ["suspend", "evtest"],
            ["resume", "evtest"], ["destroy", "evtest"], ["undefine", "evtest"],
            ["create", xml_path], ["shutdown", "evtest"], ["suspend", "test"],
            ["resume", "test"]]


def test_virsh_event_loop_matches_libvirtd(libvirtd, vireod):
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(DOMAIN_XML)
    try:
        outs = [run_event_loop(d, "event", domain_actions(f.name)) for d in (libvirtd, vireod)]
    finally:
        os.unlink(f.name)
    assert "event 'lifecycle' for domain 'evtest': Defined Added" in outs[0]
    assert outs[0] == outs[1]


def test_python_default_event_loop(vireod):
    """python3-libvirt (Debian's client) with virEventRegisterDefaultImpl
    receives the lifecycle events in order, with its own callback ids."""
    script = r"""
import sys, threading, time, libvirt
libvirt.virEventRegisterDefaultImpl()
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()
c = libvirt.open(sys.argv[1])
seen = []
def cb(conn, dom, event, detail, opaque):
    seen.append((dom.name(), event, detail))
cid = c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, cb, None)
other = libvirt.open(sys.argv[1])
d = other.lookupByName("test")
for _ in range(20):
    d.suspend(); d.resume()
deadline = time.time() + 10
while len(seen) < 40 and time.time() < deadline:
    time.sleep(0.05)
c.domainEventDeregisterAny(cid)
print(len(seen))
assert seen == [("test", 3, 0), ("test", 4, 0)] * 20, seen
"""
    rc, out, err = h.run(["/usr/bin/python3", "-c", script, vireod.tcp_uri], timeout=60)
    assert rc == 0, err
    assert out.strip() == "40"


def lookup_test(c, serial):
    hdr, payload = c.call(PROC_DOMAIN_LOOKUP_BY_NAME, serial, h.xdr_string("test"))
    assert hdr[5] == h.STATUS_OK
    return payload


def test_legacy_registration_pushes_legacy_messages(daemon):
    c = h.RawClient(daemon)
    assert c.open()[0][5] == h.STATUS_OK
    hdr, _ = c.call(PROC_REGISTER_ANY, 2, h.xdr_int(0))
    assert hdr[5] == h.STATUS_OK
    dom = lookup_test(c, 3)
    # The event and the reply may come in either order.
    first = c.call(PROC_DOMAIN_SUSPEND, 4, dom)
    got = {m[0][3]: m for m in (first, c.recv_message(timeout=5))}
    assert got[h.REPLY][0][5] == h.STATUS_OK
    ev_hdr, ev = got[h.MESSAGE]
    assert ev_hdr[2] == PROC_LEGACY_LIFECYCLE and ev_hdr[4] == 1
    assert ev == dom + h.xdr_int(3) + h.xdr_int(0)
    c.call(PROC_DOMAIN_RESUME, 5, dom)
    c.recv_message(timeout=5)  # the reply or the event, whichever is second
    hdr, _ = c.call(PROC_DEREGISTER_ANY, 6, h.xdr_int(0))
    assert hdr[5] == h.STATUS_OK
    # Deregistered: nothing more arrives.
    hdr, _ = c.call(PROC_DOMAIN_SUSPEND, 7, dom)
    assert hdr[3] == h.REPLY
    assert c.expect_silence(0.5)
    c.call(PROC_DOMAIN_RESUME, 8, dom)
    c.close()


@pytest.mark.parametrize("proc,payload,message", [
    (PROC_CB_REGISTER_ANY, h.xdr_int(27) + h.xdr_int(0), "internal error: unsupported event ID 27"),
    (PROC_CB_DEREGISTER_ANY, h.xdr_int(12345),
     "internal error: domain event callback 12345 not registered"),
    (PROC_REGISTER_ANY, h.xdr_int(16), "internal error: unsupported event ID 16"),
    (PROC_DEREGISTER_ANY, h.xdr_int(3), "internal error: domain event 3 not registered"),
    (313, h.xdr_int(1) + h.xdr_int(0), "internal error: unsupported network event ID 1"),
    (369, h.xdr_int(77), "internal error: storage pool event callback 77 not registered"),
])
def test_registration_errors_match(libvirtd, vireod, proc, payload, message):
    errs = []
    for d in (libvirtd, vireod):
        c = h.RawClient(d)
        assert c.open()[0][5] == h.STATUS_OK
        hdr, body = c.call(proc, 2, payload)
        assert hdr[5] == h.STATUS_ERROR
        errs.append(h.decode_error(body))
        c.close()
    assert errs[0] == errs[1]
    assert message in str(errs[1])


def test_duplicate_registration_refused(daemon):
    c = h.RawClient(daemon)
    assert c.open()[0][5] == h.STATUS_OK
    hdr, body = c.call(PROC_CB_REGISTER_ANY, 2, h.xdr_int(0) + h.xdr_int(0))
    assert hdr[5] == h.STATUS_OK
    hdr, body = c.call(PROC_CB_REGISTER_ANY, 3, h.xdr_int(0) + h.xdr_int(0))
    assert hdr[5] == h.STATUS_ERROR
    assert "event callback already tracked" in str(h.decode_error(body))
    c.close()


def test_callback_ids_carried_and_private_to_registrants(vireod):
    """Two clients register; each event carries the id its own
    registration returned; a third client that did not register gets
    nothing."""
    clients, ids = [], []
    for serial in range(2):
        c = h.RawClient(vireod)
        assert c.open()[0][5] == h.STATUS_OK
        hdr, body = c.call(PROC_CB_REGISTER_ANY, 2, h.xdr_int(0) + h.xdr_int(0))
        assert hdr[5] == h.STATUS_OK
        ids.append(struct.unpack(">i", body[:4])[0])
        clients.append(c)
    assert ids[0] != ids[1]
    quiet = h.RawClient(vireod)
    assert quiet.open()[0][5] == h.STATUS_OK
    actor = h.RawClient(vireod)
    assert actor.open()[0][5] == h.STATUS_OK
    dom = lookup_test(actor, 2)
    for i in range(50):
        assert actor.call(PROC_DOMAIN_SUSPEND, 3 + 2 * i, dom)[0][5] == h.STATUS_OK
        assert actor.call(PROC_DOMAIN_RESUME, 4 + 2 * i, dom)[0][5] == h.STATUS_OK
    for c, cid in zip(clients, ids):
        events = []
        for _ in range(100):
            hdr, body = c.recv_message(timeout=5)
            assert hdr[2] == PROC_CB_LIFECYCLE and hdr[3] == h.MESSAGE
            assert struct.unpack(">i", body[:4])[0] == cid
            events.append(body[-8:])
        assert events == [h.xdr_int(3) + h.xdr_int(0), h.xdr_int(4) + h.xdr_int(0)] * 50
        c.close()
    assert quiet.expect_silence(0.5)
    quiet.close()
    actor.close()


def test_client_that_stops_reading_is_dropped(vireod):
    """A registered client that never reads is disconnected once its unsent
    events pass the daemon's bound; the daemon stays healthy."""
    lazy = h.RawClient(vireod)
    assert lazy.open()[0][5] == h.STATUS_OK
    hdr, _ = lazy.call(PROC_CB_REGISTER_ANY, 2, h.xdr_int(0) + h.xdr_int(0))
    assert hdr[5] == h.STATUS_OK
    actor = h.RawClient(vireod)
    assert actor.open()[0][5] == h.STATUS_OK
    # Big events (a long name) reach the bound after a few thousand.
    xml = DOMAIN_XML.replace("evtest", "e" * 2000).replace(
        "<memory>", "<uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid><memory>")
    for serial in range(2, 8002):
        hdr, body = actor.call(11, serial, h.xdr_string(xml))
        assert hdr[5] == h.STATUS_OK, h.decode_error(body)
    received, eof = 0, False
    lazy.sock.settimeout(5)
    try:
        while True:
            msg = lazy.recv_message()
            if msg is None:
                eof = True
                break
            received += 1
    except (socket.timeout, ConnectionResetError):
        eof = isinstance(sys.exc_info()[1], ConnectionResetError)
    except ValueError as e:
        # dropped while a message was half written: the rest never comes
        eof = "EOF inside" in str(e)
    assert eof and received < 8000, received
    # The daemon still serves the actor.
    hdr, _ = actor.call(PROC_DOMAIN_LOOKUP_BY_NAME, 9000, h.xdr_string("test"))
    assert hdr[5] == h.STATUS_OK
    actor.close()
    lazy.close()


NETWORK_XML = """<network>
  <name>evnet</name>
  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>
  <bridge name='virbr9'/>
  <ip address='192.168.199.1' netmask='255.255.255.0'/>
</network>
"""

POOL_XML = """<pool type='dir'>
  <name>evpool</name>
  <uuid>35bb2ad9-388a-cdfe-461a-b8907f6e53fe</uuid>
  <target><path>/tmp/evpool</path></target>
</pool>
"""


def write_tmp(text):
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(text)
    return f.name


def test_virsh_net_event_loop_matches_libvirtd(libvirtd, vireod):
    path = write_tmp(NETWORK_XML)
    actions = [["net-define", path], ["net-start", "evnet"], ["net-destroy", "evnet"],
               ["net-undefine", "evnet"], ["net-create", path], ["net-destroy", "evnet"]]
    try:
        outs = [run_event_loop(d, "net-event", actions, which=("--event", "lifecycle"))
                for d in (libvirtd, vireod)]
    finally:
        os.unlink(path)
    assert "event 'lifecycle' for network evnet: Defined" in outs[0]
    assert outs[0] == outs[1]


@pytest.mark.parametrize("which", ["lifecycle", "refresh"])
def test_virsh_pool_event_loop_matches_libvirtd(libvirtd, vireod, which):
    path = write_tmp(POOL_XML)
    actions = [["pool-define", path], ["pool-build", "evpool"], ["pool-start", "evpool"],
               ["pool-refresh", "evpool"], ["pool-destroy", "evpool"],
               ["pool-delete", "evpool"], ["pool-undefine", "evpool"],
               ["pool-create", path], ["pool-destroy", "evpool"]]
    try:
        outs = [run_event_loop(d, "pool-event", actions, which=("--event", which))
                for d in (libvirtd, vireod)]
    finally:
        os.unlink(path)
    assert "for storage pool evpool" in outs[0]
    assert outs[0] == outs[1]
