"""vireo's host and node device commands print exactly what virsh prints.

Covers the "Host and Hypervisor" commands about the node and its CPUs
(nodecpustats, nodecpumap, freecell, freepages, maxvcpus, domcapabilities,
cpu-baseline, cpu-models) and the "Node Device" commands (nodedev-list,
nodedev-dumpxml, nodedev-create, nodedev-destroy). Each case runs vireo and
Debian's virsh with the same arguments and compares exit status, stdout and
stderr: against test:///default (one fresh in-process test driver per
process), and against libvirtd and vireod over tcp and unix. A case that
changes state is one command string that ends by undoing its change.
"""

import pytest

import helpers
from shell_harness import compare, env, expand, run_both

LOCAL_URI = "test:///default"

CPU_XML = """<cpu>
  <arch>x86_64</arch>
  <model>Penryn</model>
  <vendor>Intel</vendor>
  <feature name='vmx'/>
</cpu>
"""

# two CPUs, the second inside a domain definition, after an XML declaration
CPU_SET_XML = """<?xml version="1.0"?>
<cpu>
  <arch>x86_64</arch>
  <model>Penryn</model>
  <vendor>Intel</vendor>
</cpu>
<domain type='test'>
  <name>x</name>
  <cpu>
    <arch>x86_64</arch>
    <model>Penryn</model>
    <vendor>Intel</vendor>
    <feature name='vmx'/>
  </cpu>
</domain>
"""

DOMCAPS_XML = """<domainCapabilities>
  <cpu>
    <mode name='host-passthrough' supported='yes'/>
    <mode name='host-model' supported='yes'>
      <arch>x86_64</arch>
      <model fallback='forbid'>Penryn</model>
      <vendor>Intel</vendor>
    </mode>
  </cpu>
</domainCapabilities>
"""

VHBA_XML = """<device>
  <parent>scsi_host1</parent>
  <capability type='scsi_host'>
    <capability type='fc_host'>
      <wwnn>2001001b32a9da5e</wwnn>
      <wwpn>2101001b32a9da5e</wwpn>
    </capability>
  </capability>
</device>
"""

# scsi_host11 has no vport_ops: the test driver refuses it as a parent
BAD_PARENT_XML = VHBA_XML.replace("scsi_host1<", "scsi_host11<")

FILES = {
    "cpu": CPU_XML,
    "cpuset": CPU_SET_XML,
    "domcaps": DOMCAPS_XML,
    "nocpu": "<domain type='test'><name>x</name></domain>",
    "badxml": "<cpu><model>x\n  <vendor>y</cpu>",
    "empty": "",
    "vhba": VHBA_XML,
    "badparent": BAD_PARENT_XML,
}

HOST_CASES = [
    ("nodecpustats", ["nodecpustats"], 0),
    ("nodecpustats-cpu", ["nodecpustats", "--cpu", "1"], 0),
    ("nodecpustats-cpu-positional", ["nodecpustats", "2"], 0),
    ("nodecpustats-cpu-negative", ["nodecpustats", "--cpu", "-1"], 0),
    ("nodecpustats-cpu-bad", ["nodecpustats", "--cpu", "x"], 1),
    ("nodecpustats-cpu-overflow", ["nodecpustats", "--cpu", "4294967296"], 1),
    ("nodecpustats-percent", ["nodecpustats", "--percent"], 0),
    ("nodecpumap", ["nodecpumap"], 0),
    ("nodecpumap-pretty", ["nodecpumap", "--pretty"], 0),
    ("freecell", ["freecell"], 0),
    ("freecell-all", ["freecell", "--all"], 0),
    ("freecell-cellno", ["freecell", "--cellno", "0"], 0),
    ("freecell-positional", ["freecell", "1"], 0),
    ("freecell-cellno-unknown", ["freecell", "--cellno", "5"], 1),
    ("freecell-cellno-negative", ["freecell", "--cellno", "-1"], 1),
    ("freecell-exclusive", ["freecell", "--all", "--cellno", "0"], 1),
    ("freecell-cellno-bad", ["freecell", "--cellno", "x"], 1),
    ("freecell-cellno-empty", ["freecell", "--cellno", ""], 1),
    ("freepages-all", ["freepages", "--all"], 0),
    ("freepages-all-size", ["freepages", "--all", "--pagesize", "2M"], 0),
    ("freepages-cell", ["freepages", "--cellno", "0", "--pagesize", "4"], 0),
    ("freepages-positional", ["freepages", "1", "2M"], 0),
    ("freepages-any-cell", ["freepages", "--cellno", "-1", "--pagesize", "4"], 0),
    ("freepages-bytes", ["freepages", "--cellno", "0", "--pagesize", "4097b"], 0),
    ("freepages-missing-cell", ["freepages"], 1),
    ("freepages-missing-size", ["freepages", "--cellno", "0"], 1),
    ("freepages-cell-negative", ["freepages", "--cellno", "-2", "--pagesize", "4"], 1),
    ("freepages-size-bad", ["freepages", "--cellno", "0", "--pagesize", "1x"], 1),
    ("freepages-size-huge", ["freepages", "--cellno", "0", "--pagesize", "5T"], 1),
    ("freepages-cell-unknown", ["freepages", "--cellno", "7", "--pagesize", "4"], 0),
    ("freepages-exclusive", ["freepages", "--all", "--cellno", "0"], 1),
    ("maxvcpus", ["maxvcpus"], 0),
    ("maxvcpus-type", ["maxvcpus", "--type", "kvm"], 0),
    ("maxvcpus-type-empty", ["maxvcpus", "--type", ""], 1),
    ("domcapabilities", ["domcapabilities"], 1),
    ("domcapabilities-args", ["domcapabilities", "--virttype", "kvm", "--arch", "x86_64",
                              "--machine", "pc", "--emulatorbin", "/usr/bin/qemu"], 1),
    ("domcapabilities-empty", ["domcapabilities", "--arch", ""], 1),
    ("cpu-baseline", ["cpu-baseline", "{cpu}"], 0),
    ("cpu-baseline-features", ["cpu-baseline", "--features", "{cpu}"], 0),
    ("cpu-baseline-migratable", ["cpu-baseline", "{cpu}", "--migratable"], 1),
    ("cpu-baseline-set", ["cpu-baseline", "--file", "{cpuset}"], 0),
    ("cpu-baseline-domcaps", ["cpu-baseline", "{domcaps}"], 0),
    ("cpu-baseline-caps", ["capabilities"], 1),
    ("cpu-baseline-nocpu", ["cpu-baseline", "{nocpu}"], 1),
    ("cpu-baseline-badxml", ["cpu-baseline", "{badxml}"], 1),
    ("cpu-baseline-empty", ["cpu-baseline", "{empty}"], 1),
    ("cpu-baseline-missing", ["cpu-baseline", "{missing}"], 1),
    ("cpu-baseline-noarg", ["cpu-baseline"], 1),
    ("cpu-models", ["cpu-models", "x86_64"], 0),
    ("cpu-models-arch", ["cpu-models", "--arch", "ppc64"], 0),
    ("cpu-models-unknown", ["cpu-models", "foo"], 1),
    ("cpu-models-noarg", ["cpu-models"], 1),
]

NODEDEV_CASES = [
    ("nodedev-list", ["nodedev-list"], None),
    ("nodedev-list-tree", ["nodedev-list", "--tree"], None),
    ("nodedev-list-cap", ["nodedev-list", "--cap", "pci"], None),
    ("nodedev-list-caps", ["nodedev-list", "--cap", "scsi_host,fc_host"], None),
    ("nodedev-list-inactive", ["nodedev-list", "--inactive"], None),
    ("nodedev-list-all", ["nodedev-list", "--all"], None),
    ("nodedev-list-cap-empty", ["nodedev-list", "--cap", ""], None),
    ("nodedev-list-all-inactive", ["nodedev-list", "--all", "--inactive"], 1),
    ("nodedev-list-tree-cap", ["nodedev-list", "--tree", "--cap", "pci"], 1),
    ("nodedev-list-tree-inactive", ["nodedev-list", "--tree", "--inactive"], 1),
    ("nodedev-list-cap-bogus", ["nodedev-list", "--cap", "bogus"], 1),
    ("nodedev-list-cap-escaped", ["nodedev-list", "--cap", "pci,,x"], 1),
    ("nodedev-list-cap-trailing", ["nodedev-list", "--cap", "pci,"], 1),
    ("nodedev-dumpxml", ["nodedev-dumpxml", "scsi_host11"], 0),
    ("nodedev-dumpxml-computer", ["nodedev-dumpxml", "--device", "computer"], 0),
    ("nodedev-dumpxml-xpath", ["nodedev-dumpxml", "scsi_host1", "--xpath", "//wwnn"], 0),
    ("nodedev-dumpxml-wrap", ["nodedev-dumpxml", "scsi_host1", "--xpath", "//capability/@type",
                              "--wrap"], 0),
    ("nodedev-dumpxml-xpath-none", ["nodedev-dumpxml", "scsi_host1", "--xpath", "//nosuch"], 0),
    ("nodedev-dumpxml-unknown", ["nodedev-dumpxml", "nosuch"], 1),
    ("nodedev-dumpxml-wwn", ["nodedev-dumpxml", "2000000012341234,1000000012341234"], 1),
    ("nodedev-dumpxml-wwn-0x", ["nodedev-dumpxml", "0x2000000012341234,0x1000000012341234"], 1),
    ("nodedev-dumpxml-wwn-bad", ["nodedev-dumpxml", "a,b"], 1),
    ("nodedev-dumpxml-wwn-bad2", ["nodedev-dumpxml", "2000000012341234,zz"], 1),
    ("nodedev-dumpxml-wwn-three", ["nodedev-dumpxml", "a,b,c"], 1),
    ("nodedev-dumpxml-wwn-escaped", ["nodedev-dumpxml", "a,,b"], 1),
    ("nodedev-dumpxml-noarg", ["nodedev-dumpxml"], 1),
    ("nodedev-dumpxml-empty", ["nodedev-dumpxml", ""], 1),
    ("nodedev-create-destroy", ["nodedev-create {vhba}; nodedev-dumpxml scsi_host12; "
                                "nodedev-destroy scsi_host12; nodedev-destroy scsi_host12"], 1),
    ("nodedev-create-validate", ["nodedev-create --validate {vhba}; "
                                 "nodedev-destroy --name scsi_host12"], 1),
    ("nodedev-create-bad-parent", ["nodedev-create", "{badparent}"], 1),
    ("nodedev-create-not-device", ["nodedev-create", "{cpu}"], 1),
    ("nodedev-create-badxml", ["nodedev-create", "{badxml}"], 1),
    ("nodedev-create-missing", ["nodedev-create", "{missing}"], 1),
    ("nodedev-destroy-unknown", ["nodedev-destroy", "nosuch"], 1),
    ("nodedev-destroy-wwn-bad", ["nodedev-destroy", "1,2"], 1),
]

COMMON_CASES = HOST_CASES + NODEDEV_CASES

# The test driver destroys any device it is asked to: only in a process of
# its own, never against a daemon other cases share.
LOCAL_ONLY_CASES = [
    ("nodedev-destroy-any", ["nodedev-destroy computer; nodedev-destroy scsi_host11; "
                             "nodedev-dumpxml scsi_host11"], 1),
]

COMMANDS = ["nodecpustats", "nodecpumap", "freecell", "freepages", "maxvcpus",
            "domcapabilities", "cpu-baseline", "cpu-models", "nodedev-list", "nodedev-dumpxml",
            "nodedev-create", "nodedev-destroy"]

HELP_CASES = [("help-" + c, ["help", c], 0) for c in COMMANDS]

READONLY_CASES = [
    ("ro-nodedev-create", ["nodedev-create", "{vhba}"], 1),
    ("ro-nodedev-destroy", ["nodedev-destroy", "scsi_host11"], 1),
    ("ro-nodedev-dumpxml", ["nodedev-dumpxml", "scsi_host11"], 0),
    ("ro-freecell", ["freecell", "--all"], 0),
    ("ro-cpu-baseline", ["cpu-baseline", "{cpu}"], 0),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("shellhost")
    out = {"missing": str(d / "does-not-exist.xml")}
    for key, text in FILES.items():
        p = d / (key + ".xml")
        p.write_text(text)
        out[key] = str(p)
    return out


@pytest.fixture(scope="module")
def capsfile(tmp_path_factory):
    """The test driver's host capabilities, as a file cpu-baseline reads."""
    d = tmp_path_factory.mktemp("shellcaps")
    rc, out, err = helpers.virsh(LOCAL_URI, "capabilities")
    assert rc == 0, err
    p = d / "caps.xml"
    p.write_text(out)
    return str(p)


def _expand(args, files, capsfile):
    if args == ["capabilities"]:
        return ["cpu-baseline", capsfile]
    return expand(args, files)


LOCAL_CASES = COMMON_CASES + LOCAL_ONLY_CASES + HELP_CASES


@pytest.mark.parametrize("case,args,rc", LOCAL_CASES, ids=[c[0] for c in LOCAL_CASES])
def test_local(vireo, files, capsfile, tmp_path, case, args, rc):
    mine, theirs = run_both(vireo, LOCAL_URI, _expand(args, files, capsfile), tmp_path)
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case,args,rc", READONLY_CASES, ids=[c[0] for c in READONLY_CASES])
def test_local_readonly(vireo, files, tmp_path, case, args, rc):
    mine, theirs = run_both(vireo, LOCAL_URI, expand(args, files), tmp_path, options=["-r"])
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


def test_local_quiet(vireo, files, tmp_path):
    """-q drops freecell's total lines and nodedev-create's confirmation, as in virsh."""
    line = expand(["freecell --all; nodedev-create {vhba}; nodedev-destroy scsi_host12; "
                   "cpu-models x86_64"], files)
    mine, theirs = run_both(vireo, LOCAL_URI, line, tmp_path, options=["-q"])
    problems = compare(mine, theirs, 0)
    assert not problems, "\n".join(problems)
    assert "Total" not in mine[1] and "Node device" not in mine[1]


# Over a daemon a successful freepages fails: the test driver answers
# virNodeGetFreePages with 0, which libvirtd's dispatcher takes for a failure
# without an error ("Library function returned error but did not set
# virError"); vireod answers the same on purpose. vireo prints what virsh
# prints.
REMOTE_RC = {c[0]: 1 for c in HOST_CASES if c[0].startswith("freepages") and c[2] == 0}


@pytest.mark.parametrize("transport", ["tcp", "unix"])
@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote(vireo, files, capsfile, tmp_path, request, which, transport):
    """vireo and virsh against the same daemon print the same for every
    case (all cases in one daemon run; all mismatches reported)."""
    d = request.getfixturevalue(which)
    uri = d.tcp_uri if transport == "tcp" else d.unix_uri
    failures = []
    for case, args, rc in COMMON_CASES:
        mine, theirs = run_both(vireo, uri, _expand(args, files, capsfile), tmp_path)
        problems = compare(mine, theirs, REMOTE_RC.get(case, rc))
        if problems:
            failures.append("[%s]\n%s" % (case, "\n".join(problems)))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote_readonly_socket(vireo, files, tmp_path, request, which):
    d = request.getfixturevalue(which)
    failures = []
    for case, args, rc in READONLY_CASES:
        mine, theirs = run_both(vireo, d.ro_unix_uri, expand(args, files), tmp_path)
        problems = compare(mine, theirs, rc)
        if problems:
            failures.append("[%s]\n%s" % (case, "\n".join(problems)))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("keyword", ["host", "nodedev"])
def test_help_group_lines(vireo, tmp_path, keyword):
    """The group listings name these commands with virsh's own lines."""
    rc, out, err = helpers.run([vireo, "help", keyword], env=env(tmp_path))
    assert rc == 0 and err == ""
    rc2, theirs, _ = helpers.run([helpers.VIRSH, "help", keyword], env=env(tmp_path))
    assert rc2 == 0
    lines = out.splitlines()
    assert lines[0] == theirs.splitlines()[0]
    for c in COMMANDS:
        mine = [line for line in lines if line.startswith("    %s " % c)]
        if keyword == "nodedev" and not c.startswith("nodedev-"):
            assert not mine
        elif keyword == "host" and c.startswith("nodedev-"):
            assert not mine
        else:
            assert len(mine) == 1 and mine[0] in theirs.splitlines(), (c, mine)


FUZZ_COMMANDS = ["nodecpustats", "nodecpumap", "freecell", "freepages", "maxvcpus",
                 "domcapabilities", "cpu-baseline", "cpu-models", "nodedev-list",
                 "nodedev-dumpxml", "nodedev-create", "nodedev-destroy"]
FUZZ_WORDS = FUZZ_COMMANDS + [
    "0", "1", "-1", "-2", "7", "x", "2M", "4", "1x", "''", "--cpu", "--cellno", "--all",
    "--pagesize", "--type", "kvm", "--arch", "x86_64", "--virttype", "--pretty", "--tree",
    "--cap", "pci", "scsi_host,fc_host", "pci,,x", "--inactive", "--device", "--name",
    "scsi_host1", "scsi_host11", "computer", "a,b", "2000000012341234,1000000012341234",
    "--xpath", "//wwnn", "--wrap", "--features", "--migratable", "--file", "{cpu}", "{vhba}",
    "{badxml}", "{missing}", "--validate", ";", "--", "=", "--cellno=0"]


def test_random_command_strings(vireo, files, tmp_path):
    """Seeded random command strings made of these commands, their options
    and odd values give the same result from vireo and virsh."""
    import random
    rnd = random.Random(20261121)
    failures = []
    for _ in range(150):
        words = [rnd.choice(FUZZ_COMMANDS)] + [rnd.choice(FUZZ_WORDS)
                                              for _ in range(rnd.randint(0, 6))]
        line = " ".join(expand(words, files))
        mine, theirs = run_both(vireo, LOCAL_URI, [line], tmp_path)
        problems = compare(mine, theirs)
        if problems:
            failures.append("[%r]\n%s" % (line, "\n".join(problems)))
    assert not failures, "\n\n".join(failures[:5])
