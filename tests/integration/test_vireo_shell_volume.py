"""vireo's "Storage Volume" commands print exactly what virsh prints.

Each case runs BUILD/tools/vireo and Debian's virsh with the same
arguments and compares exit status, stdout and stderr:

* against test:///default (each process its own in-process test driver,
  whose default-pool starts empty, so cases create their volumes first);
* against a custom test:///node.xml with three pools, for what needs more
  than one pool (a volume found in the wrong pool, --inputpool, sorting);
* against both daemons (Debian's libvirtd, our vireod), over tcp and unix.

Sequences that change state run as one command string and end by deleting
what they created. vol-upload / vol-download need a driver that serves
volume bytes: libvirt's test driver refuses them (virsh and vireo must
print the same refusal), vireo's test driver serves them (locally and in
vireod), where the bytes that come back are checked.
"""

import os

import pytest

import helpers
from shell_harness import compare, env, expand, run_both

LOCAL_URI = "test:///default"
POOL_UUID = "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566"

COMMANDS = ["vol-clone", "vol-create-as", "vol-create", "vol-create-from", "vol-delete",
            "vol-download", "vol-dumpxml", "vol-info", "vol-key", "vol-list", "vol-name",
            "vol-path", "vol-pool", "vol-upload"]

SETUP = ("vol-create-as default-pool alpha 10M --allocation 1M --format raw; "
         "vol-create-as default-pool beta 2G --allocation 0; ")
CLEANUP = "; vol-delete alpha --pool default-pool; vol-delete /default-pool/beta"

NODE_XML = """<node>
  <pool type='dir'>
    <name>first</name>
    <uuid>35bb2ad9-388a-cdfe-461a-b8907f6e53fe</uuid>
    <target><path>/first</path></target>
    <volume type='file'>
      <name>one.img</name>
      <capacity unit='MiB'>64</capacity>
      <allocation unit='MiB'>16</allocation>
    </volume>
    <volume type='file'>
      <name>Two.qcow2</name>
      <capacity unit='GiB'>3</capacity>
      <allocation unit='KiB'>200</allocation>
      <target><format type='qcow2'/></target>
    </volume>
    <volume type='file'>
      <name>zz.raw</name>
      <capacity unit='bytes'>123456789</capacity>
    </volume>
  </pool>
  <pool type='dir'>
    <name>second</name>
    <uuid>35bb2ad9-388a-cdfe-461a-b8907f6e53ff</uuid>
    <target><path>/second</path></target>
    <volume type='file'>
      <name>one.img</name>
      <capacity unit='bytes'>1000</capacity>
    </volume>
  </pool>
  <pool type='dir'>
    <name>empty</name>
    <uuid>35bb2ad9-388a-cdfe-461a-b8907f6e5300</uuid>
    <target><path>/empty</path></target>
  </pool>
</node>
"""

FILES = {
    "volxml": "<volume><name>fromxml</name><capacity unit='M'>5</capacity>"
              "<allocation>4096</allocation><target><format type='raw'/></target></volume>\n",
    "volcopy": "<volume><name>copy</name><capacity>5000</capacity></volume>\n",
    "volalpha": "<volume><name>alpha</name><capacity>1</capacity></volume>\n",
    "badxml": "<volume><name>broken</name>",
    "noname": "<volume><capacity>1</capacity></volume>\n",
    "wrongroot": "<pool><name>x</name></pool>\n",
    "empty": "",
    "node": NODE_XML,
}

# (case id, arguments, virsh's exit status). {name} stands for the path of
# FILES[name] (and {missing} for a file that does not exist); a single
# argument is a command string.
COMMON_CASES = [
    # vol-list
    ("list-empty", ["vol-list", "default-pool"], 0),
    ("list", [SETUP + "vol-list default-pool; vol-list --pool default-pool --details; "
              "vol-list " + POOL_UUID + " --details" + CLEANUP], 0),
    ("list-nosuch-pool", ["vol-list", "nosuch"], 1),
    ("list-empty-pool-word", ["vol-list", ""], 1),
    ("list-missing-pool", ["vol-list", "--details"], 1),
    # vol-info
    ("info", [SETUP + "vol-info alpha --pool default-pool; vol-info /default-pool/alpha; "
              "vol-info --vol /default-pool/beta --bytes; vol-info beta default-pool --bytes; "
              "vol-info beta --pool " + POOL_UUID + CLEANUP], 0),
    # libvireo has no virStorageVolGetInfoFlags yet: vireo answers as libvirt's test driver
    ("info-physical", [SETUP + "vol-info alpha --pool default-pool --physical" + CLEANUP], 0),
    ("info-nosuch", ["vol-info", "nosuch"], 1),
    ("info-nosuch-in-pool", ["vol-info", "nosuch", "--pool", "default-pool"], 1),
    ("info-nosuch-pool", ["vol-info", "alpha", "--pool", "nosuch"], 1),
    ("info-empty-vol", ["vol-info", ""], 1),
    ("info-empty-pool", ["vol-info", "alpha", "--pool", ""], 1),
    ("info-name-without-pool", [SETUP + "vol-info alpha" + CLEANUP], 0),
    # vol-dumpxml
    ("dumpxml", [SETUP + "vol-dumpxml alpha --pool default-pool; vol-dumpxml /default-pool/beta "
                 "--xpath /volume/capacity; vol-dumpxml /default-pool/beta --xpath //path "
                 "--wrap; vol-dumpxml /default-pool/beta --xpath /nothing --wrap" + CLEANUP], 0),
    ("dumpxml-empty-xpath", [SETUP + "vol-dumpxml alpha --pool default-pool --xpath ''; "
                             "vol-dumpxml alpha --pool default-pool --xpath 'count(/)'"
                             + CLEANUP], 0),
    ("dumpxml-nosuch", ["vol-dumpxml", "/default-pool/nosuch"], 1),
    # vol-key, vol-path, vol-name, vol-pool
    ("key-path-name-pool", [SETUP + "vol-key alpha --pool default-pool; vol-key /default-pool/beta; "
                            "vol-path alpha --pool default-pool; vol-path /default-pool/beta; "
                            "vol-name /default-pool/alpha; vol-pool /default-pool/alpha; "
                            "vol-pool --uuid /default-pool/beta; vol-pool --vol /default-pool/beta"
                            + CLEANUP], 0),
    ("name-by-name", [SETUP + "vol-name alpha" + CLEANUP], 0),
    ("name-nosuch", ["vol-name", "nosuch"], 1),
    ("pool-nosuch", ["vol-pool", "--uuid", "nosuch"], 1),
    ("key-nosuch", ["vol-key", "nosuch", "--pool", "default-pool"], 1),
    ("path-nosuch", ["vol-path", "nosuch"], 1),
    # vol-create
    ("create", ["vol-create default-pool {volxml}; vol-info fromxml --pool default-pool; "
                "vol-dumpxml /default-pool/fromxml; vol-delete fromxml --pool default-pool"], 0),
    ("create-prealloc", ["vol-create default-pool {volxml} --prealloc-metadata"], 1),
    ("create-duplicate", [SETUP + "vol-create default-pool {volalpha}" + CLEANUP], 0),
    ("create-bad-xml", ["vol-create", "default-pool", "{badxml}"], 1),
    ("create-no-name", ["vol-create", "default-pool", "{noname}"], 1),
    ("create-wrong-root", ["vol-create", "default-pool", "{wrongroot}"], 1),
    ("create-empty-file", ["vol-create", "default-pool", "{empty}"], 1),
    ("create-missing-file", ["vol-create", "default-pool", "{missing}"], 1),
    ("create-directory", ["vol-create", "default-pool", "/"], 1),
    ("create-nosuch-pool", ["vol-create", "nosuch", "{volxml}"], 1),
    ("create-missing-file-arg", ["vol-create", "default-pool"], 1),
    # vol-create-as
    ("create-as", ["vol-create-as default-pool v1 1KB; vol-create-as default-pool v2 2MiB "
                   "--allocation 1k; vol-create-as --pool default-pool --name v3 --capacity 5bytes "
                   "--format qcow2; vol-list default-pool --details; vol-dumpxml v3 --pool "
                   "default-pool; vol-delete v1 --pool default-pool; vol-delete v2 --pool "
                   "default-pool; vol-delete v3 --pool default-pool"], 0),
    ("create-as-print-xml", ["vol-create-as default-pool v 3G --allocation 1G --format qcow2 "
                             "--print-xml; vol-list default-pool"], 0),
    ("create-as-backing", [SETUP + "vol-create-as default-pool snap 1M --backing-vol alpha "
                           "--backing-vol-format raw --print-xml; vol-create-as default-pool snap "
                           "1M --backing-vol /default-pool/beta --print-xml; vol-create-as "
                           "default-pool snap 1M --backing-vol /default-pool/alpha; vol-delete "
                           "snap --pool default-pool" + CLEANUP], 0),
    ("create-as-backing-nosuch", ["vol-create-as", "default-pool", "snap", "1M",
                                  "--backing-vol", "nosuch"], 1),
    ("create-as-duplicate", [SETUP + "vol-create-as default-pool alpha 1M" + CLEANUP], 0),
    ("create-as-prealloc", ["vol-create-as", "default-pool", "v", "1M", "--prealloc-metadata"], 1),
    ("create-as-bad-suffix", ["vol-create-as", "default-pool", "v", "10x"], 1),
    ("create-as-negative", ["vol-create-as", "default-pool", "v", "-5"], 1),
    ("create-as-overflow", ["vol-create-as", "default-pool", "v", "99999999999E"], 1),
    ("create-as-too-long", ["vol-create-as", "default-pool", "v", "99999999999999999999"], 1),
    ("create-as-bad-allocation", ["vol-create-as", "default-pool", "v", "1M",
                                  "--allocation", "1q"], 1),
    ("create-as-empty-allocation", ["vol-create-as default-pool v 1k --allocation ''; "
                                    "vol-dumpxml v --pool default-pool; "
                                    "vol-delete v --pool default-pool"], 0),
    ("create-as-empty-capacity", ["vol-create-as", "default-pool", "v", ""], 1),
    ("create-as-empty-name", ["vol-create-as", "default-pool", "", "5"], 1),
    ("create-as-empty-format", ["vol-create-as", "default-pool", "v", "5", "--format", ""], 1),
    ("create-as-nosuch-pool", ["vol-create-as", "nosuch", "v", "5"], 1),
    ("create-as-missing-capacity", ["vol-create-as", "default-pool", "v"], 1),
    # vol-create-from and vol-clone
    ("create-from", [SETUP + "vol-create-from default-pool {volcopy} alpha --inputpool "
                     "default-pool; vol-create-from " + POOL_UUID + " {volxml} /default-pool/beta; "
                     "vol-list default-pool --details; vol-delete copy --pool default-pool; "
                     "vol-delete fromxml --pool default-pool" + CLEANUP], 0),
    ("create-from-nosuch-input", ["vol-create-from", "default-pool", "{volcopy}", "alpha"], 1),
    ("create-from-nosuch-inputpool", ["vol-create-from", "default-pool", "{volcopy}", "alpha",
                                      "--inputpool", "nosuch"], 1),
    ("create-from-missing-file", [SETUP + "vol-create-from default-pool {missing} alpha "
                                  "--inputpool default-pool" + CLEANUP], 0),
    ("create-from-duplicate", [SETUP + "vol-create-from default-pool {volalpha} beta "
                               "--inputpool default-pool" + CLEANUP], 0),
    ("create-from-reflink", [SETUP + "vol-create-from default-pool {volcopy} beta --inputpool "
                             "default-pool --reflink" + CLEANUP], 0),
    ("clone", [SETUP + "vol-clone alpha gamma --pool default-pool --print-xml; "
               "vol-clone /default-pool/alpha gamma; vol-info gamma --pool default-pool; "
               "vol-list default-pool; vol-delete gamma --pool default-pool" + CLEANUP], 0),
    ("clone-special-name", [SETUP + "vol-clone alpha 'a&amp;b <c>' --pool default-pool "
                            "--print-xml" + CLEANUP], 0),
    ("clone-duplicate", [SETUP + "vol-clone alpha beta --pool default-pool" + CLEANUP], 0),
    ("clone-prealloc", [SETUP + "vol-clone alpha gamma --pool default-pool --prealloc-metadata"
                        + CLEANUP], 0),
    ("clone-nosuch", ["vol-clone", "nosuch", "x"], 1),
    ("clone-empty-newname", [SETUP + "vol-clone alpha '' --pool default-pool" + CLEANUP], 0),
    ("clone-missing-newname", ["vol-clone", "alpha"], 1),
    # vol-delete
    ("delete", [SETUP + "vol-delete /default-pool/alpha; vol-delete --vol beta --pool "
                "default-pool; vol-list default-pool"], 0),
    ("delete-snapshots", [SETUP + "vol-delete alpha --pool default-pool --delete-snapshots"
                          + CLEANUP], 0),
    ("delete-nosuch", ["vol-delete", "nosuch"], 1),
    ("delete-twice", [SETUP + "vol-delete alpha --pool default-pool; vol-delete alpha --pool "
                      "default-pool; vol-delete beta --pool default-pool"], 0),
    # streams: what fails before any data moves, identically everywhere
    ("upload-nosuch-vol", ["vol-upload", "nosuch", "{volxml}"], 1),
    ("upload-missing-file", [SETUP + "vol-upload alpha {missing} --pool default-pool"
                             + CLEANUP], 0),
    ("upload-bad-offset", ["vol-upload", "alpha", "{volxml}", "--offset", "-1"], 1),
    ("upload-bad-length", ["vol-upload", "alpha", "{volxml}", "--length", "1k"], 1),
    ("upload-empty-offset", ["vol-upload", "alpha", "{volxml}", "--offset", ""], 1),
    ("download-nosuch-vol", ["vol-download", "nosuch", "{missing}"], 1),
    ("download-bad-offset", ["vol-download", "alpha", "{missing}", "--offset", "x"], 1),
    ("download-cannot-create", [SETUP + "vol-download alpha /nonexistent-dir/out --pool "
                                "default-pool" + CLEANUP], 0),
]

# Never reach a hypervisor: help pages and option parsing.
PARSE_CASES = [("help-" + c, ["help", c], 0) for c in COMMANDS] + [
    ("help-option", ["vol-info", "--help"], 0),
    ("unknown-option", ["vol-list", "default-pool", "--bogus"], 1),
    ("missing-vol", ["vol-info"], 1),
    ("extra-argument", ["vol-key", "a", "b", "c"], 1),
    ("xpath-positional", ["vol-dumpxml", "a", "b", "c"], 1),
]

# Against a state file with three pools (in-process drivers only).
NODE_CASES = [
    ("node-list", ["vol-list first; vol-list first --details; vol-list second --details; "
                   "vol-list empty --details; vol-list 35bb2ad9-388a-cdfe-461a-b8907f6e53ff"], 0),
    ("node-wrong-pool", ["vol-info", "/second/one.img", "--pool", "first"], 1),
    ("node-same-name", ["vol-info one.img --pool second; vol-info one.img --pool first --bytes; "
                        "vol-key one.img --pool second"], 0),
    ("node-name-needs-pool", ["vol-info", "one.img"], 1),
    ("node-create-from", ["vol-create-from second {volcopy} one.img --inputpool first; "
                          "vol-list second --details; vol-create-from second {volcopy} one.img"],
     1),
    ("node-clone", ["vol-clone Two.qcow2 three --pool first; vol-dumpxml three --pool first; "
                    "vol-pool /first/three"], 0),
    ("node-delete-wrong-pool", ["vol-delete /first/zz.raw --pool second; vol-list first"], 0),
    ("node-info-sizes", ["vol-info zz.raw --pool first; vol-info /first/Two.qcow2 --bytes"], 0),
]

READONLY_CASES = [
    ("ro-list", ["vol-list", "default-pool"], 0),
    ("ro-create-as", ["vol-create-as", "default-pool", "v", "1M"], 1),
    ("ro-create", ["vol-create", "default-pool", "{volxml}"], 1),
    ("ro-create-as-print-xml", ["vol-create-as", "default-pool", "v", "1M", "--print-xml"], 0),
    ("ro-delete-nosuch", ["vol-delete", "nosuch", "--pool", "default-pool"], 1),
]

NODE_READONLY_CASES = [
    ("ro-node-info", ["vol-info", "one.img", "--pool", "first"], 0),
    ("ro-node-delete", ["vol-delete", "one.img", "--pool", "first"], 1),
    ("ro-node-clone", ["vol-clone", "one.img", "x", "--pool", "first"], 1),
    ("ro-node-create-from", ["vol-create-from", "first", "{volcopy}", "/second/one.img"], 1),
    # refused by the public API before any driver sees them, as in libvirt
    ("ro-node-upload", ["vol-upload", "one.img", "{volxml}", "--pool", "first"], 1),
    ("ro-node-download", ["vol-download", "one.img", "{missing}", "--pool", "first"], 1),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("shellvol")
    out = {"missing": str(d / "does-not-exist.xml")}
    for key, text in FILES.items():
        p = d / (key + ".xml")
        p.write_text(text)
        out[key] = str(p)
    return out


def _check_all(vireo, uri, cases, files, tmp_path, options=()):
    failures = []
    for case, args, rc in cases:
        mine, theirs = run_both(vireo, uri, expand(args, files), tmp_path, options=options)
        problems = compare(mine, theirs, rc)
        if problems:
            failures.append("[%s]\n%s" % (case, "\n".join(problems)))
    return failures


@pytest.mark.parametrize("case,args,rc", COMMON_CASES + PARSE_CASES,
                         ids=[c[0] for c in COMMON_CASES + PARSE_CASES])
def test_local(vireo, files, tmp_path, case, args, rc):
    mine, theirs = run_both(vireo, LOCAL_URI, expand(args, files), tmp_path)
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case,args,rc", NODE_CASES, ids=[c[0] for c in NODE_CASES])
def test_local_node(vireo, files, tmp_path, case, args, rc):
    uri = "test://" + files["node"]
    mine, theirs = run_both(vireo, uri, expand(args, files), tmp_path)
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


def test_local_quiet(vireo, files, tmp_path):
    """-q drops the confirmations and the table headers, as in virsh."""
    args = [SETUP + "vol-list default-pool --details; vol-clone alpha gamma --pool default-pool; "
            "vol-create default-pool {volxml}; vol-delete gamma --pool default-pool" + CLEANUP]
    mine, theirs = run_both(vireo, LOCAL_URI, expand(args, files), tmp_path, options=["-q"])
    problems = compare(mine, theirs, 0)
    assert not problems, "\n".join(problems)
    assert "created" not in mine[1] and "alpha" in mine[1]


@pytest.mark.parametrize("case,args,rc", READONLY_CASES, ids=[c[0] for c in READONLY_CASES])
def test_local_readonly(vireo, files, tmp_path, case, args, rc):
    mine, theirs = run_both(vireo, LOCAL_URI, expand(args, files), tmp_path, options=["-r"])
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case,args,rc", NODE_READONLY_CASES,
                         ids=[c[0] for c in NODE_READONLY_CASES])
def test_local_node_readonly(vireo, files, tmp_path, case, args, rc):
    uri = "test://" + files["node"]
    mine, theirs = run_both(vireo, uri, expand(args, files), tmp_path, options=["-r"])
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("transport", ["tcp", "unix"])
@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote(vireo, files, tmp_path, request, which, transport):
    """Every common case against the same daemon (all mismatches reported)."""
    d = request.getfixturevalue(which)
    uri = d.tcp_uri if transport == "tcp" else d.unix_uri
    failures = _check_all(vireo, uri, COMMON_CASES, files, tmp_path)
    assert not failures, "\n\n".join(failures)


# Run on the read-only socket while a read-write connection keeps a volume
# "held" alive in the daemon's shared test driver state.
HELD_READONLY_CASES = [
    ("ro-held-info", ["vol-info held --pool default-pool; vol-list default-pool --details"], 0),
    ("ro-held-delete", ["vol-delete", "/default-pool/held"], 1),
    ("ro-held-clone", ["vol-clone", "held", "copy", "--pool", "default-pool"], 1),
    ("ro-held-clone-print-xml", ["vol-clone", "held", "copy", "--pool", "default-pool",
                                 "--print-xml"], 0),
    ("ro-held-create-from", ["vol-create-from", "default-pool", "{volcopy}", "held",
                             "--inputpool", "default-pool"], 1),
    ("ro-held-upload", ["vol-upload", "held", "{volxml}", "--pool", "default-pool"], 1),
    ("ro-held-download", ["vol-download", "held", "{missing}", "--pool", "default-pool"], 1),
]


@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote_readonly_socket(vireo, files, tmp_path, request, which):
    import libvirt
    d = request.getfixturevalue(which)
    failures = _check_all(vireo, d.ro_unix_uri, READONLY_CASES, files, tmp_path)
    conn = libvirt.open(d.unix_uri)
    try:
        pool = conn.storagePoolLookupByName("default-pool")
        vol = pool.createXML("<volume><name>held</name><capacity>65536</capacity></volume>", 0)
        failures += _check_all(vireo, d.ro_unix_uri, HELD_READONLY_CASES, files, tmp_path)
        vol.delete(0)
    finally:
        conn.close()
    assert not os.path.exists(files["missing"])
    assert not failures, "\n\n".join(failures)


# ---- vol-upload / vol-download moving real bytes ---------------------------

def _payload(path):
    """A 1 MiB + 4 byte file: 300000 random bytes, a hole, then "tail"."""
    with open(path, "wb") as f:
        f.write(os.urandom(300000))
        f.truncate(1024 * 1024)
        f.seek(0, os.SEEK_END)
        f.write(b"tail")
    with open(path, "rb") as f:
        return f.read()


def _transfer_script(src, outs):
    """Upload src into a new 2 MiB volume, download it four ways into
    outs[0..3], then delete the volume."""
    return ("vol-create-as default-pool data 2M; "
            "vol-upload data %s --pool default-pool; "
            "vol-download data %s --pool default-pool; "
            "vol-download /default-pool/data %s --sparse; "
            "vol-download data %s --pool default-pool --offset 1048576 --length 4; "
            "vol-upload data %s --pool default-pool --sparse --offset 4096; "
            "vol-download data %s --pool default-pool --sparse --length 1052676; "
            "vol-delete data --pool default-pool" % (src, outs[0], outs[1], outs[2], src,
                                                     outs[3]))


def _check_transfer(data, outs):
    with open(outs[0], "rb") as f:
        whole = f.read()
    assert len(whole) == 2 * 1024 * 1024
    assert whole[:len(data)] == data and whole[len(data):] == bytes(len(whole) - len(data))
    with open(outs[1], "rb") as f:
        assert f.read() == whole
    # the sparse download left the volume's unwritten second MiB a hole
    assert os.stat(outs[1]).st_blocks * 512 <= len(data) + 64 * 1024
    with open(outs[2], "rb") as f:
        assert f.read() == b"tail"
    with open(outs[3], "rb") as f:
        assert f.read() == data[:4096] + data  # the first upload's bytes stay before 4096


def test_local_transfer_roundtrip(vireo, tmp_path):
    """vireo against its in-process test driver (which serves volume bytes,
    libvirt's does not): what goes up comes back, plain and sparse, with
    offsets and lengths."""
    src = str(tmp_path / "in.bin")
    data = _payload(src)
    outs = [str(tmp_path / ("out%d.bin" % i)) for i in range(4)]
    rc, out, err = helpers.run([vireo, "-c", LOCAL_URI, _transfer_script(src, outs)],
                               env=env(tmp_path))
    assert (rc, err) == (0, ""), err
    assert out.startswith("Vol data created\n") and out.endswith("Vol data deleted\n\n")
    _check_transfer(data, outs)


@pytest.mark.parametrize("transport", ["tcp", "unix"])
def test_vireod_transfer(vireo, vireod, tmp_path, transport):
    """Through vireod, vireo and virsh upload and download the same bytes
    and print the same."""
    uri = vireod.tcp_uri if transport == "tcp" else vireod.unix_uri
    src = str(tmp_path / "in.bin")
    data = _payload(src)
    results = []
    for tool in (vireo, helpers.VIRSH):
        name = os.path.basename(tool)
        outs = [str(tmp_path / ("%s-out%d.bin" % (name, i))) for i in range(4)]
        results.append(helpers.run([tool, "-c", uri, _transfer_script(src, outs)],
                                   env=env(tmp_path)))
        _check_transfer(data, outs)
    problems = compare(results[0], results[1], 0)
    assert not problems, "\n".join(problems)


TRANSFER_ERROR_CASES = [
    ("upload-beyond-capacity", "vol-create-as default-pool small 1k; vol-upload small {src} "
     "--pool default-pool --offset 4096; vol-delete small --pool default-pool"),
    ("download-beyond-capacity", "vol-create-as default-pool small 1k; vol-download small "
     "{out} --pool default-pool --offset 1024 --length 1; vol-delete small --pool default-pool"),
    ("download-length-wraps", "vol-create-as default-pool small 1k; vol-download small {out} "
     "--pool default-pool --length -1; vol-delete small --pool default-pool"),
    ("download-into-existing-file", "vol-create-as default-pool small 1k; vol-download small "
     "{src} --pool default-pool --offset 1024; vol-delete small --pool default-pool"),
]


@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote_transfer_errors(vireo, files, tmp_path, request, which):
    """Transfers that fail (libvirt's test driver refuses them all; vireod
    refuses ranges beyond the capacity) fail the same way, and a download
    that fails removes the file it created, never one that was there."""
    d = request.getfixturevalue(which)
    failures = []
    for case, script in TRANSFER_ERROR_CASES:
        src = tmp_path / "src.bin"
        src.write_bytes(b"x" * 2000)
        out = tmp_path / "out.bin"
        line = script.format(src=src, out=out)
        mine, theirs = run_both(vireo, d.unix_uri, [line], tmp_path)
        problems = compare(mine, theirs)
        if problems:
            failures.append("[%s]\n%s" % (case, "\n".join(problems)))
        if which == "libvirtd" or "beyond" in case:
            assert not out.exists(), case
            assert "error: " in mine[2], case
        assert src.exists(), case  # a download never removes a file it did not create
    assert not failures, "\n\n".join(failures)
