"""libvireo's client side of streams against vireod (tests/unit/streams/
stream_client.c): the screenshot arrives byte for byte; a 1 GiB volume
goes up and comes back identical with both the client and vireod under
64 MiB peak RSS; an abort mid-download leaves the connection usable."""

import hashlib
import os
import shutil
import tempfile

import pytest

import helpers as h
from test_streams import RSS_LIMIT_KIB, peak_rss_kib, run_measured

PROGRAM = os.path.join(h.BUILD, "tests", "unit", "streams", "vireo-stream-client")
ENV = {"LD_LIBRARY_PATH": os.path.join(h.BUILD, "src", "client")}


@pytest.fixture
def vireod_vol():
    voldir = tempfile.mkdtemp(prefix="vt-vol-", dir="/tmp")
    d = h.make_daemon("vireod")
    d.env = {"VIREO_TEST_VOLUME_DIR": voldir}
    d.start()
    try:
        yield d
    finally:
        problem = d.stop()
        d.cleanup()
        shutil.rmtree(voldir, ignore_errors=True)
        assert not problem, problem


def digest(path):
    m = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(8 << 20), b""):
            m.update(chunk)
    return m.hexdigest()


def test_screenshot(vireod_vol, tmp_path):
    out = tmp_path / "shot.png"
    rc, stdout, err = h.run([PROGRAM, "screenshot", vireod_vol.tcp_uri, str(out)], env=ENV)
    assert rc == 0, err
    assert stdout.strip() == "image/png"
    with open("/usr/share/libvirt/test-screenshot.png", "rb") as f:
        assert out.read_bytes() == f.read()


def test_one_gib_roundtrip_bounded(vireod_vol, tmp_path):
    src, back = tmp_path / "src.bin", tmp_path / "back.bin"
    with open(src, "wb") as f:
        block = os.urandom(4 << 20)
        for i in range(256):
            f.write(block[i:] + block[:i])
    os.environ.update(ENV)
    try:
        rc, out, err, peak = run_measured([PROGRAM, "roundtrip", vireod_vol.tcp_uri, str(src),
                                           str(back), str(1 << 30)])
    finally:
        os.environ.pop("LD_LIBRARY_PATH", None)
    assert rc == 0, err
    assert out.strip() == "ok %d" % (1 << 30)
    assert digest(src) == digest(back)
    assert peak < RSS_LIMIT_KIB, peak
    assert peak_rss_kib(vireod_vol.proc.pid) < RSS_LIMIT_KIB


def test_abort_mid_download(vireod_vol):
    rc, out, err = h.run([PROGRAM, "abort", vireod_vol.tcp_uri], env=ENV)
    assert rc == 0, err
    assert out.startswith("aborted after ")
