"""Sparse streams (PROTOCOL.md §1.6, STREAM_HOLE): stock `virsh vol-upload
--sparse` / `vol-download --sparse` and libvireo's virStreamSparseSendAll /
SparseRecvAll move a 1 GiB file with a few data islands through vireod
byte for byte, the copy and vireod's own volume file stay sparse, and no
process grows past 64 MiB; on the wire a hole is one 12-byte STREAM_HOLE
packet; libvirt's rules (holes only on sparse streams, positive lengths,
no flags, holes cut at the end of the range) hold with libvirt's errors."""

import hashlib
import os
import shutil
import struct
import tempfile

import libvirt
import pytest

import helpers as h
from test_streams import RSS_LIMIT_KIB, peak_rss_kib, run_measured, vol_args

PROGRAM = os.path.join(h.BUILD, "tests", "unit", "streams", "vireo-stream-sparse")
ENV = {"LD_LIBRARY_PATH": os.path.join(h.BUILD, "src", "client")}
MIB = 1 << 20
GIB = 1 << 30
PROC_VOL_UPLOAD = 208
PROC_VOL_DOWNLOAD = 209
PROC_POOL_LOOKUP_BY_NAME = 84
PROC_VOL_CREATE_XML = 93

# (offset, length) of the data islands of the test image; the rest is hole.
ISLANDS = [(0, MIB + 77), (100 * MIB, 3 * MIB), (512 * MIB + 4096, 12345),
           (GIB - 2 * MIB - 17, 2 * MIB + 17)]


@pytest.fixture
def sparse_vireod():
    """vireod with its volume files in a private directory, plus a
    python3-libvirt connection that keeps the test driver's state (and so
    the volumes) alive between the commands of a test."""
    voldir = tempfile.mkdtemp(prefix="vt-sparse-", dir="/tmp")
    d = h.make_daemon("vireod")
    d.env = {"VIREO_TEST_VOLUME_DIR": voldir}
    d.start()
    conn = libvirt.open(d.tcp_uri)
    try:
        yield d, conn, voldir
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


def write_islands(path, size, islands, seed=1):
    """A sparse file of size bytes holding pseudo-random data at islands."""
    with open(path, "wb") as f:
        f.truncate(size)
        for i, (off, length) in enumerate(islands):
            f.seek(off)
            block = hashlib.sha256(b"%d-%d" % (seed, i)).digest() * (length // 32 + 1)
            f.write(block[:length])


def data_bytes(path):
    """Bytes in the data sections of path, as SEEK_DATA/SEEK_HOLE see it
    (islands rounded out to whole file-system blocks)."""
    total, pos = 0, 0
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        while pos < size:
            try:
                data = os.lseek(f.fileno(), pos, os.SEEK_DATA)
            except OSError:
                break
            hole = os.lseek(f.fileno(), data, os.SEEK_HOLE)
            total += hole - data
            pos = hole
    return total


def digest(path):
    m = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(8 * MIB), b""):
            m.update(chunk)
    return m.hexdigest()


def allocated(path):
    return os.stat(path).st_blocks * 512


def run_libvireo(cmd):
    """run_measured for a program linked with libvireo from the build."""
    os.environ.update(ENV)
    try:
        return run_measured(cmd)
    finally:
        os.environ.pop("LD_LIBRARY_PATH", None)


def vol_file(voldir, name):
    found = [os.path.join(r, f) for r, _, fs in os.walk(voldir) for f in fs
             if f.endswith("+" + name)]
    assert len(found) == 1, found
    return found[0]


def test_virsh_sparse_roundtrip_one_gib(sparse_vireod, tmp_path):
    d, conn, voldir = sparse_vireod
    src, back = tmp_path / "src.img", tmp_path / "back.img"
    write_islands(src, GIB, ISLANDS)
    make_volume(conn, "big", GIB)
    rc, out, err, up_peak = run_measured(
        [h.VIRSH, "-c", d.tcp_uri, "vol-upload big %s --pool default-pool --sparse" % src])
    assert rc == 0, err
    # vireod stored the holes as holes.
    assert allocated(vol_file(voldir, "big")) < 32 * MIB
    rc, out, err, down_peak = run_measured(
        [h.VIRSH, "-c", d.tcp_uri, "vol-download big %s --pool default-pool --sparse" % back])
    assert rc == 0, err
    assert os.path.getsize(back) == GIB
    assert digest(back) == digest(src)
    # The copy stays sparse: a few MiB of islands, not a GiB.
    assert allocated(back) < 32 * MIB, allocated(back)
    assert up_peak < RSS_LIMIT_KIB and down_peak < RSS_LIMIT_KIB, (up_peak, down_peak)
    assert peak_rss_kib(d.proc.pid) < RSS_LIMIT_KIB


def test_libvireo_sparse_roundtrip_one_gib(sparse_vireod, tmp_path):
    d, conn, voldir = sparse_vireod
    src, back = tmp_path / "src.img", tmp_path / "back.img"
    write_islands(src, GIB, ISLANDS, seed=2)
    make_volume(conn, "big", GIB)
    data = data_bytes(src)
    rc, out, err, up_peak = run_libvireo([PROGRAM, "upload", d.tcp_uri, "big", str(src)])
    assert rc == 0, err
    assert out.split() == ["ok", "data=%d" % data, "holes=%d" % (GIB - data), "nholes=3"]
    rc, out, err, down_peak = run_libvireo([PROGRAM, "download", d.tcp_uri, "big",
                                              str(back)])
    assert rc == 0, err
    assert out.split() == ["ok", "data=%d" % data, "holes=%d" % (GIB - data), "nholes=3"]
    assert digest(back) == digest(src)
    assert allocated(back) < 32 * MIB
    assert up_peak < RSS_LIMIT_KIB and down_peak < RSS_LIMIT_KIB, (up_peak, down_peak)
    assert peak_rss_kib(d.proc.pid) < RSS_LIMIT_KIB


def test_sparse_upload_punches_old_data(sparse_vireod, tmp_path):
    """A hole written over earlier data reads back as zeros."""
    d, conn, voldir = sparse_vireod
    full, holey, back = tmp_path / "full.bin", tmp_path / "holey.bin", tmp_path / "back.bin"
    full.write_bytes(os.urandom(8 * MIB))
    write_islands(holey, 8 * MIB, [(3 * MIB, 4096)], seed=3)
    make_volume(conn, "v", 8 * MIB)
    for args in ("vol-upload v %s --pool default-pool" % full,
                 "vol-upload v %s --pool default-pool --sparse" % holey,
                 "vol-download v %s --pool default-pool" % back):
        rc, out, err = h.virsh(d.tcp_uri, args)
        assert rc == 0, err
    assert back.read_bytes() == holey.read_bytes()
    assert allocated(vol_file(voldir, "v")) < 2 * MIB


def test_rules_with_libvirts_errors(sparse_vireod, tmp_path):
    d, conn, _ = sparse_vireod
    src = tmp_path / "src.bin"
    write_islands(src, 4 * MIB, [(MIB, 5000)], seed=4)
    make_volume(conn, "r", 4 * MIB)
    rc, out, err = h.virsh(d.tcp_uri, "vol-upload r %s --pool default-pool --sparse" % src)
    assert rc == 0, err
    rc, out, err = h.run([PROGRAM, "rules", d.tcp_uri, "r"], env=ENV)
    assert rc == 0, err
    lines = dict(line.split(" ", 1) for line in out.splitlines())
    op_invalid, invalid_arg = libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_ERR_INVALID_ARG
    expect = {
        "plain_send_hole": "-1 %d Requested operation is not valid: "
                           "Skipping is not supported with this stream" % op_invalid,
        "plain_recv_hole": "-1 %d Requested operation is not valid: "
                           "Holes are not supported with this stream" % op_invalid,
        "plain_in_data": "-1 %d Requested operation is not valid: "
                         "Holes are not supported with this stream" % op_invalid,
        "bad_recv_flags": "-1 %d unsupported flags (0x2) in function remoteStreamRecvFlags"
                          % invalid_arg,
        # a plain stream reads holes as zeros, even when asked to stop at them
        "plain_recv_stop": "4096 0 -",
        # the volume starts with a 1 MiB hole
        "sparse_recv_stop": "-3 0 -",
        "bad_recv_hole_flags": "-1 %d unsupported flags (0x1) in function remoteStreamRecvHole"
                               % invalid_arg,
        "sparse_recv_hole": "0 0 -",
        "hole_len": str(MIB),
        "sparse_in_data": "0 0 -",
        "in_data": "1 8192",  # the island, to the end of its file-system block
        # the daemon refuses bad holes (reported when the client finishes)
        "zero_hole": "0 0 -",
        "zero_hole_finish": "-1 %d length in virFDStreamSendHole must be greater than zero"
                            % invalid_arg,
        "negative_hole_finish": "-1 %d length in virFDStreamSendHole must be greater than "
                                "zero" % invalid_arg,
        "flagged_hole_finish": "-1 %d unsupported flags (0x1) in function virFDStreamSendHole"
                               % invalid_arg,
        # a hole past the end stops at the end of the volume
        "huge_hole": "0 0 -",
        "huge_hole_finish": "0 0 -",
    }
    for key, want in expect.items():
        assert lines.get(key) == want, (key, lines.get(key))
    # After the huge hole the volume is all zeros, and still 4 MiB.
    vol = conn.storagePoolLookupByName("default-pool").storageVolLookupByName("r")
    assert vol.info()[1] == 4 * MIB
    back = tmp_path / "back.bin"
    rc, out, err = h.virsh(d.tcp_uri, "vol-download r %s --pool default-pool" % back)
    assert rc == 0, err
    assert back.read_bytes() == bytes(4 * MIB)


def raw_volume(c, name, capacity):
    hdr, body = c.call(PROC_POOL_LOOKUP_BY_NAME, 2, h.xdr_string("default-pool"))
    assert hdr[5] == h.STATUS_OK
    xml = "<volume><name>%s</name><capacity>%d</capacity></volume>" % (name, capacity)
    hdr, body = c.call(PROC_VOL_CREATE_XML, 3, body + h.xdr_string(xml) + h.xdr_uint(0))
    assert hdr[5] == h.STATUS_OK, h.decode_error(body)
    r = h.XdrReader(body)
    return r.string(), r.string(), r.string()


def hole_frame(proc, serial, length, flags=0):
    return h.frame(h.REMOTE_PROGRAM, 1, proc, h.STREAM_HOLE, serial, h.STATUS_CONTINUE,
                   struct.pack(">qI", length, flags))


def test_wire_holes_both_ways(sparse_vireod):
    """Upload: data, a 12-byte hole, data, a trailing hole; download with
    the sparse flag: the same sections come back, each hole as one
    STREAM_HOLE packet, data no longer than its section, then the empty
    CONTINUE that ends the data."""
    d, _, _ = sparse_vireod
    c = h.RawClient(d, timeout=10)
    assert c.open()[0][5] == h.STATUS_OK
    pool, name, key = raw_volume(c, "wire", 2 * MIB)
    hdr, body = c.call(PROC_VOL_UPLOAD, 4, vol_args(pool, name, key, flags=1))
    assert hdr[5] == h.STATUS_OK, h.decode_error(body)
    first, second = os.urandom(8192), os.urandom(100)
    c.send(h.frame(h.REMOTE_PROGRAM, 1, PROC_VOL_UPLOAD, h.STREAM, 4, h.STATUS_CONTINUE, first))
    c.send(hole_frame(PROC_VOL_UPLOAD, 4, MIB))
    c.send(h.frame(h.REMOTE_PROGRAM, 1, PROC_VOL_UPLOAD, h.STREAM, 4, h.STATUS_CONTINUE,
                   second))
    c.send(hole_frame(PROC_VOL_UPLOAD, 4, MIB - 8192 - 100))
    c.send(h.frame(h.REMOTE_PROGRAM, 1, PROC_VOL_UPLOAD, h.STREAM, 4, h.STATUS_OK))
    hdr, body = c.recv_message()
    assert (hdr[3], hdr[4], hdr[5], body) == (h.STREAM, 4, h.STATUS_OK, b"")

    hdr, body = c.call(PROC_VOL_DOWNLOAD, 5, vol_args(pool, name, key, flags=1))
    assert hdr[5] == h.STATUS_OK
    got = []
    while True:
        hdr, body = c.recv_message()
        assert hdr[2] == PROC_VOL_DOWNLOAD and hdr[4] == 5 and hdr[5] == h.STATUS_CONTINUE
        if hdr[3] == h.STREAM_HOLE:
            assert len(body) == 12
            length, flags = struct.unpack(">qI", body)
            assert flags == 0
            got.append(("hole", length))
        else:
            assert hdr[3] == h.STREAM
            if not body:
                break
            if got and got[-1][0] == "data":
                got[-1] = ("data", got[-1][1] + body)
            else:
                got.append(("data", body))
    # File systems allocate whole blocks: the first island may round up.
    assert got[0][0] == "data" and got[0][1][:8192] == first
    assert set(got[0][1][8192:]) <= {0}
    assert got[1][0] == "hole"
    assert got[2][0] == "data" and second in got[2][1]
    assert got[3][0] == "hole" and len(got) == 4
    total = sum(len(x) if kind == "data" else x for kind, x in got)
    assert total == 2 * MIB
    c.send(h.frame(h.REMOTE_PROGRAM, 1, PROC_VOL_DOWNLOAD, h.STREAM, 5, h.STATUS_OK))
    hdr, body = c.recv_message()
    assert (hdr[3], hdr[5], body) == (h.STREAM, h.STATUS_OK, b"")
    c.close()


def test_wire_hole_refused_on_plain_stream(sparse_vireod):
    """A hole on a stream opened without the sparse flag fails it with
    libvirt's "Unexpected stream hole" (VIR_ERR_RPC); bad hole payloads
    fail the stream too, and the connection carries on."""
    d, _, _ = sparse_vireod
    c = h.RawClient(d, timeout=10)
    assert c.open()[0][5] == h.STATUS_OK
    pool, name, key = raw_volume(c, "plain", MIB)
    hdr, body = c.call(PROC_VOL_UPLOAD, 4, vol_args(pool, name, key))
    assert hdr[5] == h.STATUS_OK
    c.send(hole_frame(PROC_VOL_UPLOAD, 4, 4096))
    hdr, body = c.recv_message()
    assert (hdr[3], hdr[4], hdr[5]) == (h.STREAM, 4, h.STATUS_ERROR)
    e = h.decode_error(body)
    assert (e["code"], e["domain"], e["message"]) == (h.VIR_ERR_RPC, h.VIR_FROM_RPC,
                                                      "Unexpected stream hole")
    # A truncated hole payload on a sparse stream.
    hdr, body = c.call(PROC_VOL_UPLOAD, 5, vol_args(pool, name, key, flags=1))
    assert hdr[5] == h.STATUS_OK
    c.send(h.frame(h.REMOTE_PROGRAM, 1, PROC_VOL_UPLOAD, h.STREAM_HOLE, 5, h.STATUS_CONTINUE,
                   b"\0\0\0\0"))
    hdr, body = c.recv_message()
    assert (hdr[3], hdr[4], hdr[5]) == (h.STREAM, 5, h.STATUS_ERROR)
    assert h.decode_error(body)["code"] == h.VIR_ERR_RPC
    hdr, _ = c.call(PROC_POOL_LOOKUP_BY_NAME, 6, h.xdr_string("default-pool"))
    assert hdr[5] == h.STATUS_OK
    c.close()


def test_sparse_flags_accepted_only_for_volumes(sparse_vireod):
    """Our test driver takes the SPARSE_STREAM flag and nothing else."""
    d, conn, _ = sparse_vireod
    vol = make_volume(conn, "f", MIB)
    st = conn.newStream(0)
    with pytest.raises(libvirt.libvirtError) as exc:
        vol.download(st, 0, 0, 2)
    assert exc.value.get_error_code() == libvirt.VIR_ERR_INVALID_ARG
    assert "unsupported flags (0x2) in function testStorageVolDownload" in str(exc.value)


def test_libvireo_in_process_sparse(tmp_path):
    """libvireo's own test driver (test:///default, no daemon) streams
    holes too: its file backend finds them with SEEK_DATA/SEEK_HOLE and
    punches them back."""
    src, back = tmp_path / "src.img", tmp_path / "back.img"
    write_islands(src, 256 * MIB, [(MIB, 3 * MIB), (200 * MIB, 12345)], seed=5)
    voldir = tmp_path / "vols"
    env = dict(ENV, VIREO_TEST_VOLUME_DIR=str(voldir))
    rc, out, err = h.run([PROGRAM, "local", str(src), str(back)], env=env, timeout=120)
    assert rc == 0, err
    lines = out.splitlines()
    data = data_bytes(src)
    assert lines == ["ok data=%d holes=%d nholes=3" % (data, 256 * MIB - data)] * 2
    assert digest(back) == digest(src)
    assert allocated(back) < 16 * MIB
