"""Differential suite for domain snapshots and checkpoints: stock virsh runs
the same command line against Debian's libvirtd (test driver) and against
vireod; exit status, stdout and stderr must be identical.

Covered: snapshot-create(-as) and its flags (redefine, current, halt, live,
the flags the test driver refuses), snapshot-list with every filter and the
tree, snapshot-current/info/dumpxml/parent, snapshot-revert (running,
paused, to shut-off snapshots, transient domains), snapshot-delete
(children, children-only, metadata), the checkpoint commands, read-only
refusals, and the errors (missing snapshot, no current snapshot, undefine
with snapshots, snapshots and checkpoints excluding each other). Output is
normalised as the other differential suites do, plus creation times (the
<creationTime> element, the list's date column and the epoch names of
unnamed snapshots). A scenario runs in ONE virsh invocation, because the
default state resets when the last client leaves.
"""

import re

import pytest

import helpers
from test_virsh_diff_objects import normalise_generated
from test_events import run_event_loop

TEST_UUID = "6695eb01-f6a4-8304-79aa-97f2502e193f"

REDEFINE_XML = """<domainsnapshot>
  <name>r1</name>
  <description>redefined</description>
  <state>shutoff</state>
  <creationTime>1234567890</creationTime>
  <domain type='test'>
    <name>test</name>
    <uuid>%s</uuid>
    <memory unit='KiB'>8388608</memory>
    <vcpu placement='static'>2</vcpu>
    <os>
      <type arch='i686'>hvm</type>
    </os>
    <devices>
      <disk type='file' device='disk'>
        <source file='/guest/other'/>
        <target dev='vda' bus='virtio'/>
      </disk>
    </devices>
  </domain>
</domainsnapshot>
""" % TEST_UUID
REDEFINE2_XML = REDEFINE_XML.replace("r1", "r2").replace(
    "<state>shutoff", "<state>running").replace(
    "</creationTime>", "</creationTime><parent><name>r1</name></parent>")
REDEFINE_UUID_XML = REDEFINE_XML.replace("6695eb01", "7795eb01")
REDEFINE_CYCLE_XML = REDEFINE_XML.replace(
    "</creationTime>", "</creationTime><parent><name>r2</name></parent>")
REDEFINE_INACTIVE_XML = REDEFINE2_XML.replace(
    "<parent><name>r1</name></parent>", "").replace(
    "</domainsnapshot>", REDEFINE_XML[REDEFINE_XML.index("<domain type"):
                                      REDEFINE_XML.index("</domain>") + 9].replace(
        "<domain type", "<inactiveDomain type").replace("</domain>", "</inactiveDomain>").replace(
        "/guest/other", "/guest/inactive") + "\n</domainsnapshot>")
REDEFINE_NODOM_XML = """<domainsnapshot>
  <name>r3</name>
  <state>running</state>
  <creationTime>1234567891</creationTime>
</domainsnapshot>
"""
UNNAMED_XML = """<domainsnapshot>
  <description>no name</description>
</domainsnapshot>
"""
DISK_NO_XML = """<domainsnapshot>
  <name>dn</name>
  <disks><disk name='vda' snapshot='no'/></disks>
</domainsnapshot>
"""
EXTERNAL_XML = """<domainsnapshot>
  <name>e1</name>
  <memory snapshot='external' file='/tmp/vireo-snap-mem.img'/>
  <disks><disk name='vda' snapshot='external'><source file='/tmp/vireo-vda.ext'/>
    <driver type='qcow2'/></disk></disks>
</domainsnapshot>
"""
NO_DISK_XML = """<domainsnapshot>
  <name>nd</name>
  <disks><disk name='vdz'/></disks>
</domainsnapshot>
"""
MEMFILE_XML = """<domainsnapshot>
  <name>mf</name>
  <memory snapshot='internal' file='/tmp/x.mem'/>
</domainsnapshot>
"""
TRANSIENT_XML = """<domain type='test'>
  <name>tr</name>
  <uuid>0b7e1f3c-5a2d-4c1e-9f00-0123456789aa</uuid>
  <memory>1024</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><source file='/g/a.img'/><target dev='vda'/></disk>
    <disk type='file' device='cdrom'><target dev='hdc'/><readonly/></disk>
  </devices>
</domain>
"""
CHECKPOINT_REDEFINE_XML = """<domaincheckpoint>
  <name>cr</name>
  <creationTime>1234567890</creationTime>
  <parent><name>c1</name></parent>
  <disks><disk name='vda' checkpoint='bitmap'/></disks>
</domaincheckpoint>
"""
CHECKPOINT_NO_DISK_XML = """<domaincheckpoint>
  <name>cb</name>
  <disks><disk name='vdz'/></disks>
</domaincheckpoint>
"""
CHECKPOINT_READONLY_XML = """<domaincheckpoint>
  <name>cro</name>
  <disks><disk name='hdc' checkpoint='bitmap'/></disks>
</domaincheckpoint>
"""

GFX_XML = """<domain type='test'>
  <name>gfx</name>
  <uuid>0b7e1f3c-5a2d-4c1e-9f00-0123456789bb</uuid>
  <memory>1048576</memory>
  <vcpu>2</vcpu>
  <os><type>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><source file='/g/a.img'/><target dev='vda' bus='virtio'/></disk>
    <disk type='block' device='disk'><source dev='/dev/sdz'/><target dev='vdb' bus='virtio'/></disk>
    <disk type='file' device='cdrom'><target dev='hdc'/><readonly/></disk>
    <graphics type='vnc' port='5901' passwd='secret'/>
    <interface type='network'><source network='default'/><mac address='52:54:00:11:22:33'/></interface>
  </devices>
</domain>
"""
GFX_SNAP_XML = """<domainsnapshot>
  <name>g1</name>
  <memory snapshot='external' file='/tmp/g1.mem'/>
  <disks>
    <disk name='/g/a.img' snapshot='external'><source file='/tmp/a.g1'/></disk>
    <disk name='vdb' snapshot='external' type='block'><source dev='/dev/sdy'/></disk>
    <disk name='hdc'/>
  </disks>
</domainsnapshot>
"""
GFX_TWICE_XML = """<domainsnapshot>
  <name>g2</name>
  <memory snapshot='external' file='/tmp/g2.mem'/>
  <disks><disk name='vda' snapshot='external'/><disk name='vda'/></disks>
</domainsnapshot>
"""
GFX_NONAME_XML = """<domainsnapshot>
  <name>g3</name>
  <memory snapshot='external' file='/tmp/g3.mem'/>
  <disks><disk name='vda' snapshot='external'/></disks>
</domainsnapshot>
"""
CHECKPOINT_REDEFINE_UUID_XML = """<domaincheckpoint>
  <name>cu</name>
  <creationTime>1234567890</creationTime>
  <domain type='test'>
    <name>test</name>
    <uuid>7795eb01-f6a4-8304-79aa-97f2502e193f</uuid>
    <memory>1024</memory>
    <os><type>hvm</type></os>
  </domain>
</domaincheckpoint>
"""

FILES = {
    "red": REDEFINE_XML, "red2": REDEFINE2_XML, "reduuid": REDEFINE_UUID_XML,
    "redcycle": REDEFINE_CYCLE_XML, "rednodom": REDEFINE_NODOM_XML,
    "redinact": REDEFINE_INACTIVE_XML,
    "unnamed": UNNAMED_XML, "diskno": DISK_NO_XML, "external": EXTERNAL_XML,
    "nodisk": NO_DISK_XML, "memfile": MEMFILE_XML, "transient": TRANSIENT_XML,
    "chkred": CHECKPOINT_REDEFINE_XML, "chknodisk": CHECKPOINT_NO_DISK_XML,
    "chkro": CHECKPOINT_READONLY_XML,
    "gfx": GFX_XML, "gfxsnap": GFX_SNAP_XML, "gfxtwice": GFX_TWICE_XML,
    "gfxnoname": GFX_NONAME_XML, "chkreduuid": CHECKPOINT_REDEFINE_UUID_XML,
    "bad": "<domainsnapshot><name>bad", "wrongroot": "<foo/>",
    "chkbad": "<domaincheckpoint><name>x",
    "snapfoo": "<domainsnapshot><name>s9</name><foo/></domainsnapshot>",
    "chkfoo": "<domaincheckpoint><name>c9</name><foo/></domaincheckpoint>",
    "chkweird": "<domaincheckpoint><name>c8</name><disks><disk name='vda' checkpoint='weird'/>"
                "</disks></domaincheckpoint>",
    "chknoname": "<domaincheckpoint><name>c7</name><disks><disk checkpoint='bitmap'/></disks>"
                 "</domaincheckpoint>",
}

# A branching tree: a-b-c, a-d-e, b-f (current: f).
TREE = ("snapshot-create-as test a; snapshot-create-as test b; snapshot-create-as test c; "
        "snapshot-revert test a; snapshot-create-as test d; snapshot-create-as test e; "
        "snapshot-revert test b; snapshot-create-as test f; ")
CHK_CHAIN = ("checkpoint-create-as test c1; checkpoint-create-as test c2; "
             "checkpoint-create-as test c3; ")

CASES = [
    # creation
    ("create-as", "snapshot-create-as test s1 --description 'first one'; snapshot-list test; "
                  "snapshot-info test s1; snapshot-dumpxml test s1"),
    ("create-as-print-xml", "snapshot-create-as test s1 --description d --print-xml; "
                            "snapshot-list test"),
    ("create-chain", "snapshot-create-as test s1; snapshot-create-as test s2; "
                     "snapshot-list test --parent; snapshot-dumpxml test s2; snapshot-info test s2"),
    ("create-duplicate", "snapshot-create-as test s1; snapshot-create-as test s1"),
    ("create-unnamed", "snapshot-create test {unnamed}; snapshot-list test; "
                       "snapshot-current test"),
    ("create-halt", "snapshot-create-as test h1 --halt; domstate test --reason; "
                    "snapshot-info test h1; list --all"),
    ("create-live-quiesce-atomic", "snapshot-create-as test l1 --live; "
                                   "snapshot-create-as test q1 --quiesce --atomic; "
                                   "snapshot-create-as test v1 --validate; snapshot-list test"),
    ("create-refused-flags", "snapshot-create-as test d1 --disk-only; "
                             "snapshot-create-as test n1 --no-metadata; "
                             "snapshot-create-as test re --reuse-external; snapshot-list test"),
    ("create-current-needs-redefine", "snapshot-create test {red} --current"),
    ("create-shutoff", "destroy test; snapshot-create-as test off; snapshot-dumpxml test off; "
                       "snapshot-info test off"),
    ("create-paused", "suspend test; snapshot-create-as test p; snapshot-info test p; "
                      "snapshot-list test --active"),
    ("create-disk-no", "snapshot-create test {diskno}"),
    ("create-external", "snapshot-create test {external}; snapshot-dumpxml test e1; "
                        "snapshot-list test --external; snapshot-list test --internal; "
                        "snapshot-info test e1"),
    ("create-external-disks", "define {gfx}; start gfx; snapshot-create-as gfx s; "
                              "snapshot-dumpxml gfx s; snapshot-dumpxml gfx s --security-info; "
                              "snapshot-create gfx {gfxsnap}; snapshot-dumpxml gfx g1; "
                              "snapshot-create gfx {gfxtwice}; snapshot-create gfx {gfxnoname}; "
                              "snapshot-create-as gfx g4 --memspec file=/tmp/x.mem,snapshot=external "
                              "--diskspec vda,snapshot=external,file=/tmp/vda.g4 "
                              "--diskspec vdb,snapshot=no; snapshot-dumpxml gfx g4; "
                              "snapshot-list gfx --external; snapshot-info gfx g4; "
                              "snapshot-create-as gfx n1 --diskspec hdc,snapshot=no; "
                              "snapshot-create-as gfx n2 --diskspec vdb,snapshot=no"),
    ("create-no-such-disk", "snapshot-create test {nodisk}"),
    ("create-memfile-internal", "snapshot-create test {memfile}"),
    ("create-bad-xml", "snapshot-create test {bad}; snapshot-create test {wrongroot}"),
    ("create-nosuch-domain", "snapshot-create-as nosuch s1; snapshot-list nosuch"),
    # redefinition
    ("redefine", "snapshot-create test {red} --redefine; snapshot-list test --parent; "
                 "snapshot-current test; snapshot-create test {red2} --redefine --current; "
                 "snapshot-current test --name; snapshot-list test --tree; "
                 "snapshot-dumpxml test r2; snapshot-info test r1"),
    ("redefine-errors", "snapshot-create test {reduuid} --redefine; "
                        "snapshot-create test {rednodom} --redefine; "
                        "snapshot-create test {red} --redefine; "
                        "snapshot-create test {red2} --redefine; "
                        "snapshot-create test {redcycle} --redefine; "
                        "snapshot-create test {red} --redefine; snapshot-list test --tree"),
    ("redefine-inactive-domain", "snapshot-create test {redinact} --redefine; "
                                 "snapshot-dumpxml test r2; snapshot-revert test r2; "
                                 "dumpxml test --inactive; domstate test --reason"),
    # listing
    ("list-tree", TREE + "snapshot-list test --tree; snapshot-list test --current --tree"),
    ("list-topological", TREE + "snapshot-list test --topological; "
                                "snapshot-list test --topological --name"),
    ("list-roots-leaves", TREE + "snapshot-list test --roots; snapshot-list test --leaves; "
                                 "snapshot-list test --no-leaves; snapshot-list test --leaves --name"),
    ("list-from", TREE + "snapshot-list test --from a; snapshot-list test --from a --descendants; "
                         "snapshot-list test --from a --descendants --topological --name; "
                         "snapshot-list test --from a --tree; snapshot-list test --current "
                         "--descendants"),
    ("list-filters", TREE + "destroy test; snapshot-create-as test off; "
                            "snapshot-list test --inactive; snapshot-list test --active --name; "
                            "snapshot-list test --disk-only; snapshot-list test --metadata --name; "
                            "snapshot-list test --no-metadata; snapshot-list test --internal --name"),
    ("list-empty", "snapshot-list test; snapshot-list test --tree; snapshot-list test --roots"),
    ("list-from-nosuch", "snapshot-list test --from nosuch"),
    # queries
    ("current", TREE + "snapshot-current test --name; snapshot-current test; "
                       "snapshot-info test --current"),
    ("no-current", "snapshot-current test; snapshot-current test --name; "
                   "snapshot-info test --current"),
    ("set-current", TREE + "snapshot-current test c; snapshot-current test --name; "
                           "snapshot-info test c"),
    ("info", TREE + "snapshot-info test a; snapshot-info test b; snapshot-info test e"),
    ("parent", TREE + "snapshot-parent test f; snapshot-parent test e; snapshot-parent test a; "
                      "snapshot-parent test --current"),
    ("missing-snapshot", "snapshot-info test nosuch; snapshot-dumpxml test nosuch; "
                         "snapshot-parent test nosuch; snapshot-revert test nosuch; "
                         "snapshot-delete test nosuch"),
    ("dumpxml-secure", "snapshot-create-as test s1; snapshot-dumpxml test s1 --security-info"),
    # revert
    ("revert-running", "snapshot-create-as test s1; suspend test; snapshot-revert test s1; "
                       "domstate test --reason; list --all; snapshot-current test --name"),
    ("revert-paused", "snapshot-create-as test s1; snapshot-revert test s1 --paused; "
                      "domstate test --reason; snapshot-revert test s1 --running; "
                      "domstate test --reason"),
    ("revert-paused-snapshot", "suspend test; snapshot-create-as test p1; resume test; "
                               "snapshot-revert test p1; domstate test --reason; "
                               "snapshot-revert test p1 --running; domstate test --reason"),
    ("revert-to-shutoff", "snapshot-create-as test s1; destroy test; snapshot-create-as test off; "
                          "start test; snapshot-revert test off; domstate test --reason; "
                          "snapshot-revert test off --running; domstate test --reason; list --all"),
    ("revert-config", "snapshot-create test {red} --redefine; snapshot-revert test r1; "
                      "domstate test --reason; dumpxml test"),
    ("revert-flags", "snapshot-create-as test s1; snapshot-revert test s1 --force; "
                     "snapshot-revert test s1 --running --paused"),
    ("revert-transient", "create {transient}; snapshot-create-as tr t1; destroy tr; "
                         "create {transient}; snapshot-create-as tr t2; snapshot-dumpxml tr t2; "
                         "snapshot-revert tr t2; snapshot-create-as tr t3 --halt"),
    # delete
    ("delete", TREE + "snapshot-delete test b; snapshot-list test --tree; "
                      "snapshot-current test --name; snapshot-info test c"),
    ("delete-children", TREE + "snapshot-delete test a --children; snapshot-list test; "
                               "snapshot-current test"),
    ("delete-children-only", TREE + "snapshot-delete test a --children-only; "
                                    "snapshot-list test --tree; snapshot-current test --name"),
    ("delete-current", "snapshot-create-as test x; snapshot-create-as test y; "
                       "snapshot-delete test y; snapshot-current test --name; "
                       "snapshot-delete test x; snapshot-current test"),
    ("delete-metadata", "snapshot-create-as test s1; snapshot-delete test s1 --metadata; "
                        "snapshot-list test --name"),
    ("delete-current-flag", TREE + "snapshot-delete test --current; snapshot-list test --tree"),
    # domain interplay
    ("undefine-with-snapshots", "snapshot-create-as test s1; destroy test; undefine test; "
                                "undefine test --snapshots-metadata; list --all"),
    ("undefine-running-with-snapshots", "snapshot-create-as test s1; undefine test; "
                                        "list --all; snapshot-list test --name"),
    ("list-domains-with-snapshot", "snapshot-create-as test s1; list --all --with-snapshot; "
                                   "list --all --without-snapshot"),
    # checkpoints
    ("checkpoint-create", CHK_CHAIN + "checkpoint-list test; checkpoint-list test --parent; "
                                      "checkpoint-dumpxml test c2; checkpoint-info test c1"),
    ("checkpoint-tree", CHK_CHAIN + "checkpoint-create test {chkred} --redefine; "
                                    "checkpoint-list test --tree; checkpoint-list test --roots; "
                                    "checkpoint-list test --leaves; checkpoint-list test --no-leaves; "
                                    "checkpoint-list test --topological --name; "
                                    "checkpoint-list test --from c1 --descendants --name; "
                                    "checkpoint-list test --from c2 --tree; "
                                    "checkpoint-dumpxml test cr --no-domain"),
    ("checkpoint-redefine-uuid", CHK_CHAIN + "checkpoint-create test {chkreduuid} --redefine; "
                                             "checkpoint-list test --name"),
    ("checkpoint-schema", "checkpoint-create test {chkfoo}; checkpoint-create test {chkweird}; "
                          "checkpoint-create test {chknoname}; checkpoint-list test"),
    ("snapshot-validate", "snapshot-create test {snapfoo} --validate; snapshot-create test {snapfoo}; "
                          "snapshot-create test {red} --redefine --validate; "
                          "snapshot-create test {external} --validate; snapshot-list test"),
    ("checkpoint-parent", CHK_CHAIN + "checkpoint-parent test c3; checkpoint-parent test c1; "
                                      "checkpoint-parent test nosuch"),
    ("checkpoint-dumpxml-flags", "checkpoint-create-as test c1 --description d; "
                                 "checkpoint-dumpxml test c1 --no-domain --size; "
                                 "checkpoint-dumpxml test c1 --security-info --no-domain; "
                                 "destroy test; checkpoint-dumpxml test c1 --size"),
    ("checkpoint-diskspec", "checkpoint-create-as test c1 --diskspec vda,checkpoint=no; "
                            "checkpoint-dumpxml test c1 --no-domain; "
                            "checkpoint-create test {chknodisk}; checkpoint-create test {chkbad}"),
    ("checkpoint-delete", CHK_CHAIN + "checkpoint-delete test c2; checkpoint-list test --tree; "
                                      "checkpoint-info test c3; checkpoint-delete test c1 "
                                      "--children-only; checkpoint-list test --tree; "
                                      "checkpoint-delete test c1 --children; checkpoint-list test; "
                                      "checkpoint-delete test nosuch"),
    ("checkpoint-delete-metadata", CHK_CHAIN + "checkpoint-delete test c3 --metadata; "
                                               "checkpoint-list test --name"),
    ("checkpoint-inactive", "destroy test; checkpoint-create-as test c1; checkpoint-list test"),
    ("checkpoint-transient-readonly-disk", "create {transient}; checkpoint-create tr {chkro}; "
                                           "checkpoint-create-as tr ok; "
                                           "checkpoint-dumpxml tr ok --no-domain; destroy tr"),
    ("checkpoint-missing", "checkpoint-info test nosuch; checkpoint-dumpxml test nosuch"),
    ("snapshot-vs-checkpoint", "snapshot-create-as test s1; checkpoint-create-as test c1; "
                               "snapshot-delete test s1; checkpoint-create-as test c1; "
                               "snapshot-create-as test s2"),
]

RO_CASES = [
    ("readonly-writes", "snapshot-create-as test a; checkpoint-create-as test c; "
                        "snapshot-revert test a; snapshot-delete test a; checkpoint-delete test c"),
    ("readonly-queries", "snapshot-list test; snapshot-current test; checkpoint-list test; "
                         "snapshot-info test a; checkpoint-info test c"),
]

_TIME_RES = [
    (re.compile(r"<creationTime>\d+</creationTime>"), "<creationTime>T</creationTime>"),
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}"), "<date>"),
    (re.compile(r"\b1\d{9}\b"), "<epoch>"),
]


def normalise_times(text):
    for rx, sub in _TIME_RES:
        text = rx.sub(sub, text)
    return text


@pytest.fixture(scope="module")
def xml_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("snapxml")
    files = {}
    for key, text in FILES.items():
        p = d / (key + ".xml")
        p.write_text(text)
        files[key] = str(p)
    return files


def outcome(d, uri, script, readonly=False):
    rc, out, err = helpers.virsh(uri, script, readonly=readonly)
    text = "exit status: %s\n--- stdout ---\n%s--- stderr ---\n%s" % (rc, out, err)
    return normalise_times(normalise_generated(helpers.normalise(helpers.normalise_uri(text, d))))


def assert_same(libvirtd, vireod, uri_attr, script, readonly=False):
    want = outcome(libvirtd, getattr(libvirtd, uri_attr), script, readonly)
    got = outcome(vireod, getattr(vireod, uri_attr), script, readonly)
    if want != got:
        import difflib
        diff = "".join(difflib.unified_diff(
            want.splitlines(True), got.splitlines(True), "libvirtd", "vireod"))
        pytest.fail("virsh '%s' differs:\n%s" % (script, diff), pytrace=False)
    assert libvirtd.alive() and vireod.alive()
    return got


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_snapshots_same_output(libvirtd, vireod, xml_files, case):
    assert_same(libvirtd, vireod, "tcp_uri", case[1].format(**xml_files))


@pytest.mark.parametrize("case", RO_CASES, ids=[c[0] for c in RO_CASES])
def test_snapshots_readonly_same_output(libvirtd, vireod, xml_files, case):
    assert_same(libvirtd, vireod, "ro_unix_uri", case[1].format(**xml_files), readonly=True)


def test_tree_scenario_has_content(libvirtd, vireod, xml_files):
    """Guards the suite itself: a scenario really builds the tree (an
    equal pair of failures would also compare equal)."""
    got = assert_same(libvirtd, vireod, "tcp_uri", TREE + "snapshot-list test --tree")
    assert "exit status: 0" in got
    assert "+- f" in got and "+- e" in got


def test_revert_events_match(libvirtd, vireod):
    """The lifecycle events a revert raises (stopped/started/suspended
    'from snapshot', and the start announced for a shut-off snapshot) are
    the same lines virsh event prints against libvirtd."""
    actions = [["snapshot-create-as", "test", "s1"], ["snapshot-revert", "test", "s1"],
               ["snapshot-revert", "test", "s1", "--paused"],
               ["destroy", "test"], ["snapshot-create-as", "test", "off"],
               ["start", "test"], ["snapshot-revert", "test", "off"],
               ["snapshot-revert", "test", "off", "--paused"],
               ["snapshot-revert", "test", "s1"],
               ["snapshot-create-as", "test", "h", "--halt"]]
    want = run_event_loop(libvirtd, "event", actions)
    got = run_event_loop(vireod, "event", actions)
    assert "Snapshot" in want
    assert got == want


STATE_XML = """<node>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>fs</name>
    <uuid>0b7e1f3c-5a2d-4c1e-9f00-0123456789cc</uuid>
    <memory>1048576</memory>
    <vcpu>1</vcpu>
    <os><type>hvm</type></os>
    <devices>
      <disk type='file' device='disk'><source file='/g/fs.img'/><target dev='vda'/></disk>
    </devices>
    <test:domainsnapshot>
      <name>base</name>
      <state>shutoff</state>
      <creationTime>1500000000</creationTime>
      <active>0</active>
    </test:domainsnapshot>
    <test:domainsnapshot>
      <name>top</name>
      <state>running</state>
      <parent><name>base</name></parent>
      <creationTime>1500000100</creationTime>
      <active>1</active>
    </test:domainsnapshot>
  </domain>
</node>
"""
# (file= references to snapshot files are not compared: libvirtd 9.0
# crashes on them.)
STATES = {
    "good": STATE_XML,
    "two-current": STATE_XML.replace("<active>0</active>", "<active>1</active>"),
    "lost-parent": STATE_XML.replace("<name>base</name></parent>", "<name>gone</name></parent>"),
    "no-active": STATE_XML.replace("<active>1</active>", ""),
}


@pytest.mark.parametrize("state", sorted(STATES))
def test_state_file_snapshots(libvirtd, vireod, tmp_path, state):
    """Snapshots a custom state file gives a domain (<test:domainsnapshot>),
    and the errors a broken set of them makes opening fail with."""
    path = tmp_path / ("%s.xml" % state)
    path.write_text(STATES[state])
    script = ("snapshot-list fs --tree; snapshot-list fs --parent; snapshot-current fs --name; "
              "snapshot-info fs top; snapshot-dumpxml fs top; snapshot-revert fs base; "
              "domstate fs --reason")
    outs = []
    for d in (libvirtd, vireod):
        uri = d.tcp_uri.replace("/default", str(path))
        outs.append(outcome(d, uri, script))
    assert outs[0] == outs[1]
    assert ("exit status: 0" in outs[1]) == (state == "good")


# ---- hostile or odd arguments on the wire, error for error with libvirtd ----

import uuid as _uuid  # noqa: E402

import helpers as h  # noqa: E402

_TEST_DOM = (h.xdr_string("test") + _uuid.UUID(TEST_UUID).bytes + h.xdr_int(1))
_NO_DOM = (h.xdr_string("ghost") + _uuid.UUID("0b7e1f3c-5a2d-4c1e-9f00-0123456789ff").bytes
           + h.xdr_int(-1))
_SNAP_X = h.xdr_string("x") + _TEST_DOM
_SNAP_GHOST = h.xdr_string("x") + _NO_DOM
_GOOD = h.xdr_string("<domainsnapshot><name>w</name></domainsnapshot>")
_GOOD_CHK = h.xdr_string("<domaincheckpoint><name>w</name></domaincheckpoint>")

WIRE_CASES = [
    ("names-neg", 188, _TEST_DOM + h.xdr_int(-1) + h.xdr_uint(0)),
    ("names-big", 188, _TEST_DOM + h.xdr_int(16385) + h.xdr_uint(0)),
    ("names-zero", 188, _TEST_DOM + h.xdr_int(0) + h.xdr_uint(0)),
    ("names-flags", 188, _TEST_DOM + h.xdr_int(10) + h.xdr_uint(0x800)),
    ("names-ghost", 188, _NO_DOM + h.xdr_int(10) + h.xdr_uint(0)),
    ("num-flags", 187, _TEST_DOM + h.xdr_uint(0xffffffff)),
    ("children-neg", 247, _SNAP_X + h.xdr_int(-1) + h.xdr_uint(0)),
    ("children-big", 247, _SNAP_X + h.xdr_int(1 << 30) + h.xdr_uint(0)),
    ("children-missing", 247, _SNAP_X + h.xdr_int(5) + h.xdr_uint(0)),
    ("list-all", 274, _TEST_DOM + h.xdr_int(1) + h.xdr_uint(0)),
    ("list-all-count", 274, _TEST_DOM + h.xdr_int(0) + h.xdr_uint(0)),
    ("list-all-flags", 274, _TEST_DOM + h.xdr_int(1) + h.xdr_uint(0xffffffff)),
    ("list-all-ghost", 274, _NO_DOM + h.xdr_int(1) + h.xdr_uint(0)),
    ("all-children-missing", 275, _SNAP_X + h.xdr_int(1) + h.xdr_uint(0)),
    ("lookup-missing", 189, _TEST_DOM + h.xdr_string("nosuch") + h.xdr_uint(0)),
    ("lookup-flags", 189, _TEST_DOM + h.xdr_string("x") + h.xdr_uint(1)),
    ("lookup-ghost", 189, _NO_DOM + h.xdr_string("x") + h.xdr_uint(0)),
    ("has-current", 190, _TEST_DOM + h.xdr_uint(0)),
    ("current-none", 191, _TEST_DOM + h.xdr_uint(0)),
    ("xml-missing", 186, _SNAP_X + h.xdr_uint(0)),
    ("xml-flags", 186, _SNAP_X + h.xdr_uint(2)),
    ("xml-ghost", 186, _SNAP_GHOST + h.xdr_uint(0)),
    ("parent-missing", 244, _SNAP_X + h.xdr_uint(0)),
    ("num-children-missing", 246, _SNAP_X + h.xdr_uint(0)),
    ("is-current-missing", 271, _SNAP_X + h.xdr_uint(0)),
    ("has-metadata-flags", 272, _SNAP_X + h.xdr_uint(1)),
    ("revert-missing", 192, _SNAP_X + h.xdr_uint(0)),
    ("revert-flags", 192, _SNAP_X + h.xdr_uint(0x10)),
    ("delete-flags", 193, _SNAP_X + h.xdr_uint(8)),
    ("create", 185, _TEST_DOM + _GOOD + h.xdr_uint(0)),
    ("create-bad-xml", 185, _TEST_DOM + h.xdr_string("<domainsnapshot>") + h.xdr_uint(0)),
    ("create-flags", 185, _TEST_DOM + _GOOD + h.xdr_uint(0x400)),
    ("create-exclusive", 185, _TEST_DOM + _GOOD + h.xdr_uint(0x9)),
    ("create-ghost", 185, _NO_DOM + _GOOD + h.xdr_uint(0)),
    ("chk-create", 411, _TEST_DOM + _GOOD_CHK + h.xdr_uint(0)),
    ("chk-create-flags", 411, _TEST_DOM + _GOOD_CHK + h.xdr_uint(4)),
    ("chk-create-bad-xml", 411, _TEST_DOM + h.xdr_string("<domaincheckpoint") + h.xdr_uint(0)),
    ("chk-xml-missing", 412, _SNAP_X + h.xdr_uint(0)),
    ("chk-xml-flags", 412, _SNAP_X + h.xdr_uint(8)),
    ("chk-list", 413, _TEST_DOM + h.xdr_int(1) + h.xdr_uint(0)),
    ("chk-list-flags", 413, _TEST_DOM + h.xdr_int(1) + h.xdr_uint(0x10)),
    ("chk-children-missing", 414, _SNAP_X + h.xdr_int(1) + h.xdr_uint(0)),
    ("chk-lookup-missing", 415, _TEST_DOM + h.xdr_string("nosuch") + h.xdr_uint(0)),
    ("chk-parent-missing", 416, _SNAP_X + h.xdr_uint(0)),
    ("chk-delete-flags", 417, _SNAP_X + h.xdr_uint(8)),
    ("chk-delete-ghost", 417, _SNAP_GHOST + h.xdr_uint(0)),
]


@pytest.mark.parametrize("case", WIRE_CASES, ids=[c[0] for c in WIRE_CASES])
def test_snapshots_wire_errors_match(libvirtd, vireod, case):
    _name, proc, payload = case
    got = []
    for d in (libvirtd, vireod):
        c = h.RawClient(d)
        assert c.open()[0][5] == h.STATUS_OK
        hdr, body = c.call(proc, 2, payload)
        got.append((hdr[5], h.decode_error(body) if hdr[5] == h.STATUS_ERROR else body))
        c.close()
    assert got[0] == got[1]
    assert libvirtd.alive() and vireod.alive()
