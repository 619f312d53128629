"""Stock virsh against vireod prints exactly what it prints against libvirtd.

Every case starts both daemons, runs the same virsh command line against
each (over tcp and over unix), and compares exit status, stdout and stderr.
Only the CPU time, the host name and (for `uri`) the port / socket path are
normalised. The test driver's default state is reset when the last
connection closes, so multi-step scenarios run inside ONE virsh invocation
(`virsh -c URI 'cmd1; cmd2; ...'`).
"""

import difflib

import pytest

import helpers

TEST_UUID = "6695eb01-f6a4-8304-79aa-97f2502e193f"

SMALL_XML = """<domain type='test'>
  <name>vt1</name>
  <uuid>0b7e1f3c-5a2d-4c1e-9f00-0123456789ab</uuid>
  <memory unit='KiB'>1048576</memory>
  <currentMemory unit='KiB'>524288</currentMemory>
  <vcpu>1</vcpu>
  <os>
    <type arch='i686'>hvm</type>
  </os>
</domain>
"""

RICH_XML = """<domain type='test'>
  <name>vt2</name>
  <uuid>1c8f2a4d-6b3e-4d2f-8a11-123456789abc</uuid>
  <title>a test guest</title>
  <description>defined by the parity suite</description>
  <memory unit='MiB'>512</memory>
  <currentMemory unit='KiB'>262144</currentMemory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='i686'>hvm</type>
    <boot dev='hd'/>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <source file='/guest/vt2.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:12:34:56'/>
      <source network='default'/>
    </interface>
  </devices>
</domain>
"""

TRANSIENT_XML = SMALL_XML.replace("vt1", "vtt").replace(
    "0b7e1f3c-5a2d-4c1e-9f00-0123456789ab", "2d9a3b5e-7c4f-4e30-9b22-23456789abcd")

BAD_XML = {
    "notwellformed": "<domain type='test'><name>x</name>",
    "noname": "<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain>",
    "wrongroot": "<network><name>x</name></network>",
    "badmemory": ("<domain type='test'><name>bm</name><memory>lots</memory>"
                  "<os><type>hvm</type></os></domain>"),
    "empty": "",
}

# (case id, virsh arguments). Arguments may contain {small}, {rich},
# {transient} and {bad_<name>} which are replaced by file paths.
CASES = [
    # host
    ("uri", ["uri"]),
    ("version", ["version"]),
    ("version-daemon", ["version", "--daemon"]),
    ("hostname", ["hostname"]),
    ("nodeinfo", ["nodeinfo"]),
    ("capabilities", ["capabilities"]),
    ("sysinfo", ["sysinfo"]),
    # domain queries
    ("list", ["list"]),
    ("list-all", ["list", "--all"]),
    ("list-inactive", ["list", "--inactive"]),
    ("list-name", ["list", "--name"]),
    ("list-uuid", ["list", "--uuid"]),
    ("list-all-name", ["list", "--all", "--name"]),
    ("dominfo-name", ["dominfo", "test"]),
    ("dominfo-id", ["dominfo", "1"]),
    ("dominfo-uuid", ["dominfo", TEST_UUID]),
    ("domstate", ["domstate", "test"]),
    ("domstate-reason", ["domstate", "--reason", "test"]),
    ("domstate-uuid", ["domstate", TEST_UUID]),
    ("domid", ["domid", "test"]),
    ("domname", ["domname", "1"]),
    ("domname-uuid", ["domname", TEST_UUID]),
    ("domuuid", ["domuuid", "test"]),
    ("domuuid-id", ["domuuid", "1"]),
    ("dumpxml", ["dumpxml", "test"]),
    ("dumpxml-inactive", ["dumpxml", "--inactive", "test"]),
    # lifecycle, each scenario in one virsh run
    ("lifecycle", ["define {small}; list --all; dominfo vt1; domstate --reason vt1; "
                   "start vt1; list; domid vt1; domstate --reason vt1; "
                   "suspend vt1; domstate --reason vt1; dominfo vt1; "
                   "resume vt1; domstate --reason vt1; shutdown vt1; "
                   "domstate --reason vt1; start vt1; domid vt1; destroy vt1; "
                   "domstate --reason vt1; dominfo vt1; undefine vt1; list --all"]),
    ("define-rich", ["define {rich}; dumpxml vt2; dumpxml --inactive vt2; dominfo vt2; "
                     "start vt2; dumpxml vt2; list --all --name; list --inactive; "
                     "destroy vt2; undefine vt2"]),
    ("define-twice", ["define {small}; define {small}; list --all"]),
    ("create", ["create {transient}; list --all; dominfo vtt; dumpxml vtt; "
                "destroy vtt; list --all"]),
    ("create-then-lookup-gone", ["create {transient}; destroy vtt; dominfo vtt"]),
    ("list-filters", ["define {small}; list --inactive; list --all --uuid; "
                      "list --name; start vt1; suspend vt1; list; list --all --name; "
                      "destroy vt1; undefine vt1"]),
    ("reboot", ["reboot test; domstate --reason test; dominfo test"]),
    ("shutdown-test", ["shutdown test; domstate --reason test; list --all; "
                       "start test; domid test; list"]),
    ("destroy-test", ["destroy test; domstate --reason test; dumpxml test; list --inactive"]),
    ("setmem", ["setmem test 1048576; dominfo test; dumpxml test"]),
    ("setmem-kib", ["setmem test 1024M; dominfo test"]),
    ("setmaxmem-running", ["setmaxmem test 4194304; dominfo test"]),
    ("setmaxmem-config", ["destroy test; setmaxmem test 4194304 --config; dominfo test; "
                          "dumpxml --inactive test"]),
    ("setmem-too-big", ["setmem test 99999999; dominfo test"]),
    ("setvcpus", ["setvcpus test 1; dominfo test"]),
    ("setvcpus-config", ["destroy test; setvcpus test 1 --config; dominfo test"]),
    ("setvcpus-too-many", ["setvcpus test 64; dominfo test"]),
    ("autostart", ["autostart test; dominfo test; autostart --disable test; dominfo test"]),
    ("undefine-running", ["undefine test; list --all; dominfo test; destroy test; "
                          "list --all; dominfo test"]),
    ("domid-shutoff", ["destroy test; domid test; domname 1"]),
    ("autostart-transient", ["create {transient}; autostart vtt"]),
    # networks and pools
    ("net-list", ["net-list"]),
    ("net-list-all", ["net-list", "--all"]),
    ("net-info", ["net-info", "default"]),
    ("net-dumpxml", ["net-dumpxml", "default"]),
    ("pool-list", ["pool-list"]),
    ("pool-list-all", ["pool-list", "--all"]),
    ("pool-info", ["pool-info", "default-pool"]),
    ("pool-dumpxml", ["pool-dumpxml", "default-pool"]),
    # errors
    ("dominfo-nosuch", ["dominfo", "nosuch"]),
    ("dominfo-nosuch-id", ["dominfo", "42"]),
    ("dominfo-nosuch-uuid", ["dominfo", "00000000-0000-0000-0000-000000000000"]),
    ("domstate-nosuch", ["domstate", "nosuch"]),
    ("dumpxml-nosuch", ["dumpxml", "nosuch"]),
    ("start-running", ["start", "test"]),
    ("suspend-shutoff", ["destroy test; suspend test"]),
    ("resume-running", ["resume", "test"]),
    ("shutdown-shutoff", ["destroy test; shutdown test"]),
    ("destroy-shutoff", ["destroy test; destroy test"]),
    ("undefine-nosuch", ["undefine", "nosuch"]),
    ("define-missing-file", ["define", "/nonexistent/vireo.xml"]),
    ("net-info-nosuch", ["net-info", "nosuch"]),
    ("net-dumpxml-nosuch", ["net-dumpxml", "nosuch"]),
    ("pool-info-nosuch", ["pool-info", "nosuch"]),
    ("pool-dumpxml-nosuch", ["pool-dumpxml", "nosuch"]),
    ("setmem-nosuch", ["setmem", "nosuch", "1024"]),
    ("unknown-command", ["frobnicate"]),
] + [("define-bad-%s" % k, ["define", "{bad_%s}" % k]) for k in sorted(BAD_XML)] + [
    ("create-bad-notwellformed", ["create", "{bad_notwellformed}"]),
]

# Cases run read-only: with `virsh -r` on the read-write socket / tcp, and
# with a plain virsh on the read-only socket.
RO_CASES = [
    ("ro-define", ["define", "{small}"]),
    ("ro-create", ["create", "{transient}"]),
    ("ro-destroy", ["destroy", "test"]),
    ("ro-suspend", ["suspend", "test"]),
    ("ro-setmem", ["setmem", "test", "1024"]),
    ("ro-autostart", ["autostart", "test"]),
    ("ro-autostart-disable", ["autostart", "--disable", "test"]),
    ("ro-start", ["start", "test"]),
    ("ro-shutdown", ["shutdown", "test"]),
    ("ro-reboot", ["reboot", "test"]),
    ("ro-resume", ["resume", "test"]),
    ("ro-undefine", ["undefine", "test"]),
    ("ro-setmaxmem", ["setmaxmem", "test", "4194304", "--config"]),
    ("ro-setvcpus", ["setvcpus", "test", "1"]),
    ("ro-domstate", ["domstate", "--reason", "test"]),
    ("ro-version", ["version", "--daemon"]),
    ("ro-capabilities", ["capabilities"]),
    ("ro-list", ["list", "--all"]),
    ("ro-dominfo", ["dominfo", "test"]),
    ("ro-dumpxml", ["dumpxml", "test"]),
    ("ro-net-info", ["net-info", "default"]),
    ("ro-pool-info", ["pool-info", "default-pool"]),
]


@pytest.fixture(scope="module")
def xml_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("xml")
    files = {}
    for key, text in [("small", SMALL_XML), ("rich", RICH_XML), ("transient", TRANSIENT_XML)] + \
            [("bad_" + k, v) for k, v in BAD_XML.items()]:
        p = d / (key + ".xml")
        p.write_text(text)
        files[key] = str(p)
    return files


def _expand(args, files):
    return [a.format(**files) for a in args]


def _outcome(d, uri, args, readonly=False):
    rc, out, err = helpers.virsh(uri, *args, readonly=readonly)
    text = "exit status: %s\n--- stdout ---\n%s--- stderr ---\n%s" % (rc, out, err)
    return helpers.normalise(helpers.normalise_uri(text, d))


def _assert_same(libvirtd, vireod, uri_attr, args, readonly=False):
    want = _outcome(libvirtd, getattr(libvirtd, uri_attr), args, readonly)
    got = _outcome(vireod, getattr(vireod, uri_attr), args, readonly)
    if want != got:
        diff = "".join(difflib.unified_diff(
            want.splitlines(True), got.splitlines(True), "libvirtd", "vireod"))
        pytest.fail("virsh %s (%s) differs:\n%s" % (" ".join(args), uri_attr, diff),
                    pytrace=False)
    # Both daemons must still be up after every command.
    assert libvirtd.alive() and vireod.alive()


@pytest.mark.parametrize("transport", ["tcp_uri", "unix_uri"])
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_virsh_same_output(libvirtd, vireod, xml_files, case, transport):
    _assert_same(libvirtd, vireod, transport, _expand(case[1], xml_files))


@pytest.mark.parametrize("how", ["tcp-r", "unix-r", "ro-socket"])
@pytest.mark.parametrize("case", RO_CASES, ids=[c[0] for c in RO_CASES])
def test_virsh_readonly_same_output(libvirtd, vireod, xml_files, case, how):
    args = _expand(case[1], xml_files)
    if how == "tcp-r":
        _assert_same(libvirtd, vireod, "tcp_uri", args, readonly=True)
    elif how == "unix-r":
        _assert_same(libvirtd, vireod, "unix_uri", args, readonly=True)
    else:
        _assert_same(libvirtd, vireod, "ro_unix_uri", args)


def test_reference_default_state_matches_libvirtd(libvirtd):
    """The reference daemon really is in the documented default state, so a
    parity pass means what it says."""
    rc, out, err = helpers.virsh(libvirtd.tcp_uri, "list", "--all")
    assert (rc, err) == (0, "")
    assert out == (" Id   Name   State\n"
                   "----------------------\n"
                   " 1    test   running\n\n")
