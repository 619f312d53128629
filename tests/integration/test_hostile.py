"""Hostile and malformed input on raw sockets.

Every case runs against libvirtd too (the `daemon` fixture), which proves
the expectation is libvirt's real behaviour and not something we made up.
After each case the daemon must be alive and must still serve a normal
client (python3-libvirt over tcp and unix, and a raw CONNECT_OPEN).
"""

import random
import socket
import time

import libvirt
import pytest

import helpers as h

libvirt.registerErrorHandler(lambda ctx, err: None, None)

GET_TYPE = h.PROC_CONNECT_GET_TYPE
LOOKUP_BY_NAME = 23
DEFINE_XML = 11
LIST_DOMAINS = 37
LIST_DEFINED_DOMAINS = 21
LIST_NETWORKS = 38


def assert_still_serves(daemon):
    assert daemon.alive(), "%s died; log:\n%s" % (daemon.name, daemon.read_log())
    for uri in (daemon.tcp_uri, daemon.unix_uri):
        conn = libvirt.open(uri)
        try:
            assert [d.name() for d in conn.listAllDomains(0)] == ["test"]
        finally:
            conn.close()
    c = h.RawClient(daemon)
    try:
        hdr, _ = c.open(7)
        assert hdr == (h.REMOTE_PROGRAM, 1, h.PROC_CONNECT_OPEN, h.REPLY, 7, h.STATUS_OK)
        assert_get_type(c, 8)
    finally:
        c.close()
    assert daemon.alive()


def assert_get_type(c, serial):
    msg = c.call(GET_TYPE, serial)
    assert msg is not None, "connection closed instead of answering"
    hdr, payload = msg
    assert hdr == (h.REMOTE_PROGRAM, 1, GET_TYPE, h.REPLY, serial, h.STATUS_OK)
    assert h.XdrReader(payload).string() == "TEST"


def expect_error(msg, proc, serial, prog=h.REMOTE_PROGRAM, vers=1):
    """Check an error REPLY echoing the call; return the decoded error."""
    assert msg is not None, "connection closed instead of an error reply"
    hdr, payload = msg
    assert hdr == (prog, vers, proc, h.REPLY, serial, h.STATUS_ERROR)
    err = h.decode_error(payload)
    assert err["level"] == 2
    return err


def signed(v):
    """libvirt prints program and version numbers with %d."""
    return v - (1 << 32) if v >= 1 << 31 else v


def rpc_error(err):
    return (err["code"], err["domain"], err["message"])


@pytest.fixture
def opened(daemon):
    """A raw tcp client that already did CONNECT_OPEN."""
    c = h.RawClient(daemon)
    hdr, _ = c.open(1)
    assert hdr[5] == h.STATUS_OK
    yield c
    c.close()


# --- framing ----------------------------------------------------------------

@pytest.mark.parametrize("length", [0, 3, 8, 27, 33554437, 0x7FFFFFFF, 0xFFFFFFFF])
@pytest.mark.parametrize("transport", ["tcp", "unix"])
def test_bad_length_word_drops_connection(daemon, length, transport):
    c = h.RawClient(daemon, transport)
    # For short lengths send the rest of the (too short) frame, so the daemon
    # has a complete frame to reject.
    filler = b"\0" * (length - 4) if 4 <= length <= 28 else b""
    c.send(h.xdr_uint(length) + filler)
    assert c.expect_eof(5.0), "connection not dropped after length word %d" % length
    c.close()
    assert_still_serves(daemon)


def test_largest_length_word_is_accepted(daemon):
    """33554436 is legal: the daemon waits for the body instead of closing."""
    c = h.RawClient(daemon)
    c.send(h.xdr_uint(33554436) + b"\0" * 24)
    assert c.expect_silence(1.0)
    c.close()
    assert_still_serves(daemon)


@pytest.mark.parametrize("cut", [1, 3, 4, 10, 27, 40, 55])
def test_truncated_frame_then_close(daemon, cut):
    msg = h.call(h.PROC_CONNECT_OPEN, 1, h.xdr_opt_string("test:///default") + h.xdr_uint(0))
    assert len(msg) == 56
    c = h.RawClient(daemon)
    c.send(msg[:cut])
    time.sleep(0.1)
    c.close()
    assert_still_serves(daemon)


def test_truncated_frame_then_half_close(daemon):
    """Half-close (shutdown write) mid-frame: the daemon must not spin or hang."""
    c = h.RawClient(daemon)
    c.send(h.call(GET_TYPE, 1)[:20])
    c.sock.shutdown(socket.SHUT_WR)
    assert c.expect_eof(5.0)
    c.close()
    assert_still_serves(daemon)


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes(daemon, seed):
    rnd = random.Random(seed)
    data = bytes(rnd.getrandbits(8) for _ in range(8192))
    if seed % 2:
        # A plausible length word so the garbage reaches the header decoder.
        data = h.xdr_uint(28 + 4 * rnd.randrange(0, 200)) + data
    c = h.RawClient(daemon, "tcp" if seed < 3 else "unix")
    try:
        c.send(data)
    except OSError:
        pass  # the daemon may already have hung up on us
    # Whatever comes back must be well-formed frames, then EOF or silence.
    deadline = time.monotonic() + 2.0
    try:
        while time.monotonic() < deadline:
            if c.recv_message(timeout=0.5) is None:
                break
    except (socket.timeout, ConnectionResetError):
        pass
    c.close()
    assert_still_serves(daemon)


def test_random_bytes_after_open(daemon, opened):
    rnd = random.Random(99)
    try:
        opened.send(bytes(rnd.getrandbits(8) for _ in range(4096)))
    except OSError:
        pass
    time.sleep(0.2)
    assert_still_serves(daemon)


# --- programs and procedures -----------------------------------------------

@pytest.mark.parametrize("proc", [0, -1, 999999, 0x7FFFFFFF, -0x80000000])
@pytest.mark.parametrize("after_open", [False, True], ids=["before-open", "after-open"])
def test_unknown_procedure(daemon, proc, after_open):
    c = h.RawClient(daemon)
    if after_open:
        assert c.open(1)[0][5] == h.STATUS_OK
    err = expect_error(c.call(proc, 77), proc, 77)
    assert rpc_error(err) == (h.VIR_ERR_RPC, h.VIR_FROM_RPC, "unknown procedure: %d" % proc)
    assert err["message"].startswith("unknown procedure")
    # The connection stays usable.
    if not after_open:
        assert c.open(78)[0][5] == h.STATUS_OK
    assert_get_type(c, 79)
    c.close()
    assert_still_serves(daemon)


def test_unknown_procedure_is_no_support_for_clients(daemon):
    """What stock clients make of it: python-libvirt's virConnectGetURI etc.
    are real procedures, so use a raw call then check that a python client
    on the same daemon is fine; the rewrite to NO_SUPPORT is client-side and
    keys on the exact 'unknown procedure' prefix checked above."""
    c = h.RawClient(daemon)
    err = expect_error(c.call(999999, 5), 999999, 5)
    assert err["message"].startswith("unknown procedure")
    assert err["domain"] in (h.VIR_FROM_RPC, 13) and err["code"] == h.VIR_ERR_RPC
    c.close()
    assert_still_serves(daemon)


@pytest.mark.parametrize("prog,vers", [
    (0x12345678, 1), (0, 0), (0xFFFFFFFF, 1), (h.REMOTE_PROGRAM, 2), (h.REMOTE_PROGRAM, 0),
    (h.REMOTE_PROGRAM, 0xFFFFFFFF)])
def test_unknown_program_or_version(daemon, prog, vers):
    c = h.RawClient(daemon)
    err = expect_error(c.call(1, 31, prog=prog, vers=vers), 1, 31, prog=prog, vers=vers)
    assert rpc_error(err) == (h.VIR_ERR_RPC, h.VIR_FROM_RPC,
                              "Cannot find program %d version %d" % (signed(prog), signed(vers)))
    assert c.open(32)[0][5] == h.STATUS_OK
    assert_get_type(c, 33)
    c.close()
    assert_still_serves(daemon)


@pytest.mark.parametrize("mtype", [h.REPLY, h.MESSAGE, h.STREAM, h.REPLY_WITH_FDS,
                                   h.STREAM_HOLE, 7, 99, -1])
@pytest.mark.parametrize("status", [h.STATUS_OK, h.STATUS_ERROR, h.STATUS_CONTINUE])
def test_non_call_types_get_no_reply(daemon, opened, mtype, status):
    payload = b"" if status != h.STATUS_ERROR else b"\0" * 44
    opened.send(h.call(GET_TYPE, 40, payload, mtype=mtype, status=status))
    assert opened.expect_silence(0.5), "connection closed after message type %d" % mtype
    assert_get_type(opened, 41)
    assert_still_serves(daemon)


@pytest.mark.parametrize("mtype", [h.REPLY, h.MESSAGE, 7])
def test_non_call_types_for_unknown_program_get_no_reply(daemon, opened, mtype):
    opened.send(h.call(1, 42, mtype=mtype, prog=0x12345678))
    assert opened.expect_silence(0.5)
    assert_get_type(opened, 43)


@pytest.mark.parametrize("status", [1, 2, 99, -1])
def test_call_with_non_ok_status(daemon, opened, status):
    err = expect_error(opened.call(GET_TYPE, 50, status=status), GET_TYPE, 50)
    assert rpc_error(err) == (h.VIR_ERR_RPC, h.VIR_FROM_RPC,
                              "Unexpected message status %d" % (status & 0xFFFFFFFF))
    assert_get_type(opened, 51)
    assert_still_serves(daemon)


def test_serial_is_echoed(daemon, opened):
    for serial in (0, 0xDEADBEEF, 0xFFFFFFFF, 12345, 12345):
        assert_get_type(opened, serial)


def test_second_connect_open_is_refused(daemon, opened):
    err = expect_error(opened.open(60), h.PROC_CONNECT_OPEN, 60)
    assert rpc_error(err) == (1, h.VIR_FROM_RPC, "internal error: connection already open")
    assert_still_serves(daemon)


def test_calls_before_open_are_refused(daemon):
    c = h.RawClient(daemon)
    err = expect_error(c.call(GET_TYPE, 3), GET_TYPE, 3)
    assert rpc_error(err) == (1, h.VIR_FROM_RPC, "internal error: hypervisor connection not open")
    c.close()
    assert_still_serves(daemon)


# --- slow, stalled and pipelining clients ------------------------------------

def test_byte_at_a_time_client(daemon):
    c = h.RawClient(daemon)
    c.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    data = (h.call(h.PROC_CONNECT_OPEN, 1, h.xdr_opt_string("test:///default") + h.xdr_uint(0))
            + h.call(GET_TYPE, 2)
            + h.call(h.PROC_CONNECT_LIST_ALL_DOMAINS, 3, h.xdr_int(1) + h.xdr_uint(3)))
    for i in range(len(data)):
        c.send(data[i:i + 1])
        time.sleep(0.002)
    hdr, _ = c.recv_message()
    assert hdr == (h.REMOTE_PROGRAM, 1, h.PROC_CONNECT_OPEN, h.REPLY, 1, h.STATUS_OK)
    hdr, payload = c.recv_message()
    assert hdr[4] == 2 and h.XdrReader(payload).string() == "TEST"
    hdr, payload = c.recv_message()
    assert hdr == (h.REMOTE_PROGRAM, 1, h.PROC_CONNECT_LIST_ALL_DOMAINS, h.REPLY, 3, h.STATUS_OK)
    r = h.XdrReader(payload)
    assert r.uint() == 1 and r.string() == "test"
    c.close()
    assert_still_serves(daemon)


def test_byte_at_a_time_unix(daemon):
    c = h.RawClient(daemon, "unix")
    data = h.call(h.PROC_CONNECT_OPEN, 1, h.xdr_opt_string("test:///default") + h.xdr_uint(0))
    for i in range(len(data)):
        c.send(data[i:i + 1])
        time.sleep(0.005)
    assert c.recv_message()[0][5] == h.STATUS_OK
    assert_get_type(c, 2)
    c.close()


@pytest.mark.parametrize("transport", ["tcp", "unix"])
def test_stalled_connections_do_not_block_others(daemon, transport):
    stalled = []
    try:
        for i in range(200):
            c = h.RawClient(daemon, transport if i % 2 else "tcp")
            # Announce a 56-byte frame, send part of its header, then stall.
            c.send(h.call(h.PROC_CONNECT_OPEN, 1,
                          h.xdr_opt_string("test:///default") + h.xdr_uint(0))[:4 + (i % 20)])
            stalled.append(c)
        start = time.monotonic()
        assert_still_serves(daemon)
        rc, out, err = h.virsh(daemon.tcp_uri if transport == "tcp" else daemon.unix_uri,
                               "list", "--all", timeout=20)
        assert rc == 0, err
        assert " 1    test   running" in out
        assert time.monotonic() - start < 15
        # The stalled clients are still connected and can finish their frame.
        last = stalled[-1]
        msg = h.call(h.PROC_CONNECT_OPEN, 1, h.xdr_opt_string("test:///default") + h.xdr_uint(0))
        last.send(msg[4 + (199 % 20):])
        assert last.recv_message()[0][5] == h.STATUS_OK
    finally:
        for c in stalled:
            c.close()
    assert_still_serves(daemon)


def test_pipelined_calls_all_answered(daemon, opened):
    opened.send(b"".join(h.call(GET_TYPE, 100 + i) for i in range(50)))
    serials = []
    for _ in range(50):
        hdr, payload = opened.recv_message()
        assert hdr[5] == h.STATUS_OK and h.XdrReader(payload).string() == "TEST"
        serials.append(hdr[4])
    assert sorted(serials) == list(range(100, 150))


def test_client_vanishes_with_calls_in_flight(daemon, opened):
    opened.send(b"".join(h.call(h.PROC_CONNECT_LIST_ALL_DOMAINS, i, h.xdr_int(1) + h.xdr_uint(3))
                         for i in range(30)))
    opened.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
    opened.close()  # RST with replies pending
    time.sleep(0.2)
    assert_still_serves(daemon)


# --- malformed payloads -----------------------------------------------------

DECODE_FAILURES = [
    ("name-count-ffffffff", LOOKUP_BY_NAME, h.xdr_uint(0xFFFFFFFF)),
    ("name-count-negative", LOOKUP_BY_NAME, h.xdr_uint(0x80000000)),
    ("name-over-string-max", LOOKUP_BY_NAME, h.xdr_uint(4194305) + b"a" * 64),
    ("name-truncated", LOOKUP_BY_NAME, h.xdr_uint(10) + b"ab"),
    ("name-missing", LOOKUP_BY_NAME, b""),
    ("define-xml-count-ffffffff", DEFINE_XML, h.xdr_uint(0xFFFFFFFF)),
    ("define-xml-over-string-max", DEFINE_XML, h.xdr_uint(4194305)),
    ("list-all-no-args", h.PROC_CONNECT_LIST_ALL_DOMAINS, b""),
    ("list-all-half-args", h.PROC_CONNECT_LIST_ALL_DOMAINS, h.xdr_int(1)),
]


@pytest.mark.parametrize("case", DECODE_FAILURES, ids=[c[0] for c in DECODE_FAILURES])
def test_undecodable_payload(daemon, opened, case):
    _, proc, payload = case
    err = expect_error(opened.call(proc, 90, payload), proc, 90)
    assert rpc_error(err) == (h.VIR_ERR_RPC, h.VIR_FROM_RPC, "Unable to decode message payload")
    assert_get_type(opened, 91)
    assert_still_serves(daemon)


@pytest.mark.parametrize("payload", [
    b"", h.xdr_uint(0xFFFFFFFF), h.xdr_uint(1) + h.xdr_uint(0xFFFFFFFF),
    h.xdr_uint(1) + h.xdr_uint(0x7FFFFFF0) + b"x" * 8, h.xdr_uint(2) + h.xdr_uint(0)],
    ids=["empty", "discriminant-ffffffff", "name-count-ffffffff", "name-count-huge", "bad-bool"])
def test_undecodable_connect_open(daemon, payload):
    c = h.RawClient(daemon)
    err = expect_error(c.call(h.PROC_CONNECT_OPEN, 5, payload), h.PROC_CONNECT_OPEN, 5)
    assert rpc_error(err) == (h.VIR_ERR_RPC, h.VIR_FROM_RPC, "Unable to decode message payload")
    assert c.open(6)[0][5] == h.STATUS_OK
    c.close()
    assert_still_serves(daemon)


POOL_ARG = h.xdr_string("default-pool") + bytes.fromhex("dfe224cb28fb8dd0c4b264eb3f0f4566")
LIST_LIMITS = [
    # (procedure, argument prefix, count name, limit name)
    (LIST_DOMAINS, b"", "maxids", "REMOTE_DOMAIN_LIST_MAX"),
    (LIST_DEFINED_DOMAINS, b"", "maxnames", "REMOTE_DOMAIN_LIST_MAX"),
    (LIST_NETWORKS, b"", "maxnames", "REMOTE_NETWORK_LIST_MAX"),
    (36, b"", "maxnames", "REMOTE_NETWORK_LIST_MAX"),           # defined networks
    (72, b"", "maxnames", "REMOTE_STORAGE_POOL_LIST_MAX"),      # storage pools
    (74, b"", "maxnames", "REMOTE_STORAGE_POOL_LIST_MAX"),      # defined pools
    (92, POOL_ARG, "maxnames", "REMOTE_STORAGE_VOL_LIST_MAX"),  # pool volumes
]


@pytest.mark.parametrize("limit", LIST_LIMITS, ids=lambda l: "proc%d" % l[0])
@pytest.mark.parametrize("count", [-1, -0x80000000, 16385, 0x7FFFFFFF])
def test_bad_list_counts_refused(daemon, opened, limit, count):
    proc, prefix, what, limit_name = limit
    err = expect_error(opened.call(proc, 95, prefix + h.xdr_int(count)), proc, 95)
    if count < 0:
        want = "%s must be non-negative" % what
    else:
        want = "%s > %s" % (what, limit_name)
    assert rpc_error(err) == (h.VIR_ERR_RPC, h.VIR_FROM_RPC, want)
    assert_get_type(opened, 96)
    assert_still_serves(daemon)


@pytest.mark.parametrize("start,count,want", [
    (0, -1, (h.VIR_ERR_RPC, h.VIR_FROM_RPC, "maxcells must be non-negative")),
    (0, 1025, (h.VIR_ERR_RPC, h.VIR_FROM_RPC, "maxcells > REMOTE_NODE_MAX_CELLS")),
    (0, 0x7FFFFFFF, (h.VIR_ERR_RPC, h.VIR_FROM_RPC, "maxcells > REMOTE_NODE_MAX_CELLS")),
    (-1, 2, (8, 20, "startCell in virNodeGetCellsFreeMemory must be zero or greater")),
    (5, 2, (8, 12, "invalid argument: Range exceeds available cells")),
])
def test_bad_cell_counts_refused(daemon, opened, start, count, want):
    err = expect_error(opened.call(101, 98, h.xdr_int(start) + h.xdr_int(count)), 101, 98)
    assert rpc_error(err) == want
    hdr, payload = opened.call(101, 99, h.xdr_int(0) + h.xdr_int(1024))
    assert hdr[5] == h.STATUS_OK
    r = h.XdrReader(payload)
    assert [r.uint(), r.hyper(), r.hyper()] == [2, 2097152, 4194304]
    assert_still_serves(daemon)


@pytest.mark.parametrize("proc", [LIST_DOMAINS, LIST_DEFINED_DOMAINS, LIST_NETWORKS])
@pytest.mark.parametrize("count", [0, 1, 16384])
def test_good_list_counts_answered(daemon, opened, proc, count):
    hdr, payload = opened.call(proc, 97, h.xdr_int(count))
    assert hdr[5] == h.STATUS_OK
    r = h.XdrReader(payload)
    n = r.uint()
    assert n == (0 if count == 0 or proc == LIST_DEFINED_DOMAINS else 1)


# --- connection names (URIs) sent in CONNECT_OPEN ----------------------------

def open_result(daemon, name, flags):
    c = h.RawClient(daemon)
    try:
        hdr, payload = c.open(1, name, flags)
        if hdr[5] == h.STATUS_OK:
            hdr2, payload2 = c.call(GET_TYPE, 2)
            return ("ok", hdr2[5], h.XdrReader(payload2).string() if hdr2[5] == 0 else None)
        err = h.decode_error(payload)
        # The connection stays usable for a second attempt.
        assert c.open(3)[0][5] == h.STATUS_OK
        return (err["code"], err["domain"], err["message"])
    finally:
        c.close()


OPEN_NAMES = [
    "", "test:///default", "test:///default?foo=bar", "test:///default#frag",
    "test:///default?name=x", "qemu:///system", "remote:///default", "test:///", "test:",
    "test", "TEST:///default", "test:///nonexistent.xml", "test:///relative",
    "test:///%2Fdefault", "test:///etc/passwd", "test:///tmp", "\x01\x02", "%%%",
    "test:///default\x00junk",
]


@pytest.mark.parametrize("flags", [0, 1])
@pytest.mark.parametrize("name", OPEN_NAMES, ids=[repr(n) for n in OPEN_NAMES])
def test_connect_open_names_like_libvirtd(libvirtd, vireod, name, flags):
    assert open_result(vireod, name, flags) == open_result(libvirtd, name, flags)
    assert vireod.alive()


# Names where libvirtd does something we deliberately do not copy (its own
# remote driver probing the host's system socket for a NULL name, or dialling
# out to another host, reading a device node, accepting a 100 kB URI): any
# clean error reply is fine.
ERROR_NAMES = [None, "test://host/default", "test+tcp://127.0.0.1:1/default",
               "test:///dev/zero", "test:///" + "a" * 100000]


@pytest.mark.parametrize("name", ERROR_NAMES, ids=lambda n: repr(n)[:30])
def test_connect_open_hostile_names_get_an_error(vireod, name):
    r = open_result(vireod, name, 0)
    assert r[0] != "ok" and isinstance(r[2], str), r
    assert_still_serves(vireod)
