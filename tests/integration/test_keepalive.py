"""Keepalive as libvirtd does it (PROTOCOL.md §2.1, §8.4): PONG for every
PING, server PINGs only for clients that asked for feature 10, and a client
that stops answering is dropped after keepalive_count misses. Checked against
libvirtd too, with a 1-second interval to keep the test short."""

import time

import pytest

import helpers as h

FAST = "keepalive_interval = 1\nkeepalive_count = 2\n"
PING = h.frame(h.KEEPALIVE_PROGRAM, 1, 1, h.MESSAGE, 0, h.STATUS_OK)
PONG_HEADER = (h.KEEPALIVE_PROGRAM, 1, 2, h.MESSAGE, 0, h.STATUS_OK)
PING_HEADER = (h.KEEPALIVE_PROGRAM, 1, 1, h.MESSAGE, 0, h.STATUS_OK)
FEATURE = 60
FEATURE_KEEPALIVE = 10


@pytest.fixture(params=["libvirtd", "vireod"])
def fast(request, daemon_factory):
    return daemon_factory(request.param, FAST)


def ask_keepalive(c, serial=1):
    hdr, payload = c.call(FEATURE, serial, h.xdr_int(FEATURE_KEEPALIVE))
    assert hdr[5] == h.STATUS_OK
    assert h.XdrReader(payload).int() == 1


@pytest.mark.parametrize("after_open", [False, True])
def test_ping_gets_pong(daemon, after_open):
    c = h.RawClient(daemon)
    if after_open:
        assert c.open(1)[0][5] == h.STATUS_OK
    for _ in range(3):
        c.send(PING)
        hdr, payload = c.recv_message(timeout=5)
        assert hdr == PONG_HEADER and payload == b""
    c.close()


def test_no_pings_without_feature_10(fast):
    """python3-libvirt never asks for feature 10 and cannot handle a PING."""
    c = h.RawClient(fast)
    assert c.open(1)[0][5] == h.STATUS_OK
    assert c.expect_silence(3.5)
    hdr, payload = c.call(h.PROC_CONNECT_GET_TYPE, 2)
    assert hdr[4] == 2 and h.XdrReader(payload).string() == "TEST"
    c.close()


def test_server_pings_after_feature_10(fast):
    c = h.RawClient(fast)
    ask_keepalive(c)
    assert c.open(2)[0][5] == h.STATUS_OK
    for _ in range(3):
        hdr, payload = c.recv_message(timeout=5)
        assert hdr == PING_HEADER and payload == b""
        c.send(h.frame(h.KEEPALIVE_PROGRAM, 1, 2, h.MESSAGE, 0, h.STATUS_OK))  # PONG
    # Answering kept it alive; a normal call still works.
    hdr, payload = c.call(h.PROC_CONNECT_GET_TYPE, 3)
    while hdr[0] == h.KEEPALIVE_PROGRAM:  # a PING may come first
        hdr, payload = c.recv_message(timeout=5)
    assert hdr[4] == 3 and h.XdrReader(payload).string() == "TEST"
    c.close()


def test_silent_client_is_dropped(fast):
    """interval 1 s, count 2: a client that never answers is closed after a
    few seconds, and nobody else is disturbed."""
    c = h.RawClient(fast)
    ask_keepalive(c)
    start = time.monotonic()
    pings = 0
    while True:
        msg = c.recv_message(timeout=10)
        if msg is None:
            break
        assert msg[0] == PING_HEADER
        pings += 1
    elapsed = time.monotonic() - start
    assert pings == 2 and 2 <= elapsed <= 6, (pings, elapsed)
    rc, out, err = h.virsh(fast.tcp_uri, "domstate", "test")
    assert (rc, out) == (0, "running\n\n"), err


def test_any_traffic_counts_as_alive(fast):
    """Calls instead of PONGs also keep the connection open."""
    c = h.RawClient(fast)
    ask_keepalive(c)
    assert c.open(2)[0][5] == h.STATUS_OK
    deadline = time.monotonic() + 5
    serial = 10
    while time.monotonic() < deadline:
        c.send(h.call(h.PROC_CONNECT_GET_TYPE, serial))
        while True:
            msg = c.recv_message(timeout=5)
            assert msg is not None, "dropped although the client kept talking"
            if msg[0][0] != h.KEEPALIVE_PROGRAM:
                assert msg[0][4] == serial
                break
        serial += 1
        time.sleep(0.3)
    c.close()
