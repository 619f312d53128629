"""vireo's snapshot and checkpoint commands print exactly what virsh prints.

Every case runs BUILD/tools/vireo and Debian's virsh with the same arguments
and compares exit status, stdout and stderr: against test:///default (the
in-process test driver, fresh per process) and against both daemons
(libvirtd and vireod, over tcp and unix), whose state lasts across
connections. So every case is one command string that ends by undoing what
it did: its snapshots and checkpoints deleted and the 'test' domain running
again, so that vireo and virsh each start from the same state.

Creation times differ between the two runs by design; they are the only
thing normalised (beside what shell_harness normalises).
"""

import os
import re

import pytest

import helpers
from shell_harness import compare, diff, env, expand, pty_session, run_both

LOCAL_URI = "test:///default"

SNAP_XML = """<domainsnapshot>
  <name>fromfile</name>
  <description>made from a file</description>
</domainsnapshot>
"""

CHECKPOINT_XML = """<domaincheckpoint>
  <name>cfile</name>
  <description>checkpoint from a file</description>
</domaincheckpoint>
"""

FILES = {
    "snapxml": SNAP_XML,
    "chkxml": CHECKPOINT_XML,
    "badxml": "<domainsnapshot><name>broken</name>",
    "wrongroot": "<domain><name>x</name></domain>",
}

# A small tree: s1 -> s2 -> s3 and s1 -> s4 (current), then undone.
TREE = ("snapshot-create-as test s1 --description 'first <one> & \"only\"'; "
        "snapshot-create-as test s2; snapshot-create-as test s3; "
        "snapshot-current test s1; snapshot-create-as test s4; ")
UNDO_TREE = "; snapshot-delete test s1 --children"

CTREE = ("checkpoint-create-as test c1; checkpoint-create-as test c2 --description two; "
         "checkpoint-create-as test c3 --diskspec vda,checkpoint=bitmap,bitmap=b3; ")
UNDO_CTREE = "; checkpoint-delete test c1 --children"

# (case id, arguments, exit status virsh gives). A single argument is a
# command string. Files are named {snapxml}, {chkxml}, {badxml},
# {wrongroot}, {missing}.
CASES = [
    # snapshot-create-as and what the others show of it
    ("create-as-tree", [TREE + "snapshot-list test; snapshot-list test --tree; "
                        "snapshot-list test --parent; snapshot-list test --name; "
                        "snapshot-list test --topological --name" + UNDO_TREE], 0),
    ("info", [TREE + "snapshot-info test s2; snapshot-info --current test; "
              "snapshot-info test --snapshotname s1" + UNDO_TREE], 0),
    ("parent", [TREE + "snapshot-parent test s3; snapshot-parent --current test; "
                "snapshot-parent test s1" + UNDO_TREE + "; snapshot-parent test s1"], 1),
    ("current", [TREE + "snapshot-current test --name; snapshot-current test; "
                 "snapshot-current test --security-info; snapshot-current test s2; "
                 "snapshot-current --name test" + UNDO_TREE + "; snapshot-current test"], 1),
    ("current-exclusive", ["snapshot-current test --name s1"], 1),
    ("current-nosuch", ["snapshot-current test nosuch"], 1),
    ("dumpxml", [TREE + "snapshot-dumpxml test s1; snapshot-dumpxml test s2 --security-info; "
                 "snapshot-dumpxml test s1 --xpath //description; "
                 "snapshot-dumpxml test s3 --xpath //parent/name --wrap; "
                 "snapshot-dumpxml test s3 --xpath 'count(//name)'" + UNDO_TREE], 0),
    ("dumpxml-nosuch", ["snapshot-dumpxml test nosuch"], 1),
    ("dumpxml-missing-name", ["snapshot-dumpxml test"], 1),
    ("list-from", [TREE + "snapshot-list test --from s1; snapshot-list test --from s1 --name; "
                   "snapshot-list test --from s1 --descendants; "
                   "snapshot-list test --from s1 --tree; "
                   "snapshot-list test --from s1 --descendants --tree; "
                   "snapshot-list test --current; snapshot-list test --current --descendants "
                   "--parent" + UNDO_TREE], 0),
    ("list-filters", [TREE + "snapshot-list test --roots; snapshot-list test --leaves; "
                      "snapshot-list test --no-leaves --name; snapshot-list test --metadata; "
                      "snapshot-list test --no-metadata; snapshot-list test --inactive; "
                      "snapshot-list test --active --name; snapshot-list test --disk-only; "
                      "snapshot-list test --internal --parent; snapshot-list test --external; "
                      "snapshot-list test --leaves --no-leaves; "
                      "snapshot-list test --roots --topological" + UNDO_TREE], 0),
    ("list-empty", ["snapshot-list test; snapshot-list test --tree; snapshot-list test --name"], 0),
    ("list-tree-name", ["snapshot-list test --tree --name"], 1),
    ("list-parent-roots", ["snapshot-list test --parent --roots"], 1),
    ("list-parent-tree", ["snapshot-list test --parent --tree"], 1),
    ("list-roots-tree", ["snapshot-list test --roots --tree"], 1),
    ("list-roots-from", ["snapshot-list test --roots --from x"], 1),
    ("list-roots-current", ["snapshot-list test --roots --current"], 1),
    ("list-leaves-tree", ["snapshot-list test --tree --leaves"], 1),
    ("list-external-tree", ["snapshot-list test --external --tree"], 1),
    ("list-descendants", ["snapshot-list test --descendants"], 1),
    ("list-from-current", ["snapshot-list test --from x --current"], 1),
    ("list-from-nosuch", ["snapshot-list test --from nosuch"], 1),
    ("list-no-current", ["snapshot-list test --current"], 1),
    ("list-nosuch-domain", ["snapshot-list nosuch"], 1),
    ("list-by-id-uuid", ["snapshot-create-as test u; snapshot-list 1 --name; "
                         "snapshot-list 6695eb01-f6a4-8304-79aa-97f2502e193f --name; "
                         "snapshot-delete test u"], 0),
    # snapshot-create from a file
    ("create-file", ["snapshot-create test {snapxml}; snapshot-info test fromfile; "
                     "snapshot-dumpxml test fromfile --xpath //description; "
                     "snapshot-delete test fromfile"], 0),
    ("create-file-validate", ["snapshot-create test {snapxml} --validate; "
                              "snapshot-delete test --current"], 0),
    ("create-file-missing", ["snapshot-create test {missing}"], 1),
    ("create-file-bad", ["snapshot-create test {badxml}"], 1),
    ("create-file-wrongroot", ["snapshot-create test {wrongroot}"], 1),
    # the test driver wants the creation time of the snapshot being redefined
    ("create-redefine-incomplete", ["snapshot-create-as test r1; snapshot-create-as test r2; "
                                    "snapshot-create test --xmlfile {snapxml} --redefine "
                                    "--current; snapshot-current test --name; "
                                    "snapshot-delete test r1 --children"], 0),
    # {redef}: an older shut-off snapshot (fixed creation time) to bring back
    ("create-redefine", ["snapshot-create test {redef} --redefine; snapshot-create-as test x; "
                         "snapshot-create test {redef} --redefine --current; "
                         "snapshot-current test --name; snapshot-list test --parent; "
                         "snapshot-info test redef; snapshot-list test --inactive; "
                         "snapshot-list test --tree; snapshot-revert test redef; "
                         "domstate test; start test; snapshot-delete test redef; "
                         "snapshot-delete test x"], 0),
    ("create-flags", ["snapshot-create-as test d --disk-only; "
                      "snapshot-create-as test q --quiesce; snapshot-create-as test a --atomic; "
                      "snapshot-create-as test l --live; "
                      "snapshot-create-as test e --reuse-external; "
                      "snapshot-create-as test n --no-metadata; snapshot-list test --name"], 0),
    ("create-file-flags", ["snapshot-create test {snapxml} --disk-only; "
                           "snapshot-create test {snapxml} --no-metadata"], 1),
    ("create-halt", ["snapshot-create-as test h --halt; domstate test; start test; "
                     "snapshot-info test h; snapshot-delete test h"], 0),
    ("create-as-validate", ["snapshot-create-as test v --validate; snapshot-delete test v"], 0),
    # snapshot-create-as --print-xml: what it builds
    ("print-xml", ["snapshot-create-as test --print-xml"], 0),
    ("print-xml-full", ["snapshot-create-as test n1 'a <b> & \"c\" \\'d\\'' --print-xml "
                        "--memspec file=/tmp/m.img,snapshot=external "
                        "--diskspec vda,snapshot=external,driver=qcow2,file=/tmp/a,,b.qcow2 "
                        "--diskspec vdb,snapshot=no "
                        "--diskspec sdc,stype=block,file=/dev/x "
                        "--diskspec hda,stype=file"], 0),
    ("print-xml-memspec-path", ["snapshot-create-as test --print-xml --memspec /tmp/m"], 0),
    ("print-xml-memspec-snapshot", ["snapshot-create-as test --print-xml "
                                    "--memspec snapshot=internal"], 0),
    ("print-xml-positional-diskspec", ["snapshot-create-as test n d --print-xml vda vdb"], 0),
    ("memspec-bad", ["snapshot-create-as test --print-xml --memspec bogus"], 1),
    ("memspec-twice", ["snapshot-create-as test --print-xml --memspec /a,/b"], 1),
    ("memspec-empty", ["snapshot-create-as test --print-xml --memspec ''"], 1),
    ("diskspec-bad-key", ["snapshot-create-as test --print-xml --diskspec vda,color=red"], 1),
    ("diskspec-bad-stype", ["snapshot-create-as test --print-xml --diskspec vda,stype=net"], 1),
    ("create-as-empty-name", ["snapshot-create-as test ''"], 1),
    ("create-as-nosuch-domain", ["snapshot-create-as nosuch s"], 1),
    ("create-as-duplicate", ["snapshot-create-as test dup; snapshot-create-as test dup; "
                             "snapshot-delete test dup; snapshot-list test --name"], 0),
    # revert and delete
    ("revert", ["snapshot-create-as test a; snapshot-revert test a --paused; domstate test; "
                "snapshot-revert test --current --running --force; domstate test; "
                "snapshot-revert test a; snapshot-delete test a"], 0),
    ("revert-reset-nvram", ["snapshot-create-as test a; snapshot-revert test a --reset-nvram; "
                            "snapshot-delete --current test"], 0),
    ("revert-missing-name", ["snapshot-revert test"], 1),
    ("revert-both", ["snapshot-revert test a --current"], 1),
    ("revert-nosuch", ["snapshot-revert test nosuch"], 1),
    ("revert-shutoff", ["snapshot-create-as test a; destroy test; "
                        "snapshot-revert test a --running; domstate test; "
                        "snapshot-delete test a"], 0),
    ("delete-variants", [TREE + "snapshot-delete test s2 --children-only; "
                         "snapshot-list test --tree; snapshot-delete test s4 --metadata; "
                         "snapshot-delete --current test; snapshot-delete test s2; "
                         "snapshot-list test --name; snapshot-delete test s1 --children; "
                         "snapshot-list test --name"], 0),
    ("delete-nosuch", ["snapshot-delete test nosuch"], 1),
    ("delete-no-current", ["snapshot-delete test --current"], 1),
    ("delete-missing-name", ["snapshot-delete test"], 1),
    ("info-missing-name", ["snapshot-info test"], 1),
    ("info-both", ["snapshot-info test s --current"], 1),
    ("info-nosuch", ["snapshot-info test nosuch"], 1),
    ("parent-nosuch", ["snapshot-parent test nosuch"], 1),
    ("parent-nosuch-domain", ["snapshot-parent nosuch s"], 1),
    # checkpoints
    ("checkpoint-tree", [CTREE + "checkpoint-list test; checkpoint-list test --tree; "
                         "checkpoint-list test --parent; checkpoint-list test --name; "
                         "checkpoint-list test --topological --name; "
                         "checkpoint-list test --roots; checkpoint-list test --leaves; "
                         "checkpoint-list test --no-leaves --parent; "
                         "checkpoint-list test --from c1; "
                         "checkpoint-list test --from c1 --descendants --name; "
                         "checkpoint-list test --from c2 --tree" + UNDO_CTREE], 0),
    ("checkpoint-info", [CTREE + "checkpoint-info test c2; checkpoint-info test c1; "
                         "checkpoint-info test --checkpointname c3" + UNDO_CTREE], 0),
    ("checkpoint-parent", [CTREE + "checkpoint-parent test c3; checkpoint-parent test c1"
                           + UNDO_CTREE], 0),
    ("checkpoint-parent-root", ["checkpoint-create-as test c1; checkpoint-parent test c1; "
                                "checkpoint-delete test c1; checkpoint-parent test c1"], 1),
    ("checkpoint-dumpxml", [CTREE + "checkpoint-dumpxml test c2; "
                            "checkpoint-dumpxml test c2 --no-domain; "
                            "checkpoint-dumpxml test c3 --no-domain --size; "
                            "checkpoint-dumpxml test c2 --security-info --no-domain; "
                            "checkpoint-dumpxml test c3 --xpath //disk --wrap; "
                            "checkpoint-dumpxml test c2 --xpath //parent/name"
                            + UNDO_CTREE], 0),
    ("checkpoint-delete", [CTREE + "checkpoint-delete test c2 --children-only; "
                           "checkpoint-list test --tree; checkpoint-delete test c2 --metadata; "
                           "checkpoint-delete test c1; checkpoint-list test --name"], 0),
    ("checkpoint-create-file", ["checkpoint-create test {chkxml}; checkpoint-info test cfile; "
                                "checkpoint-create test --xmlfile {chkxml} --redefine; "
                                "checkpoint-delete test cfile"], 0),
    ("checkpoint-create-quiesce", ["checkpoint-create test {chkxml} --quiesce; "
                                   "checkpoint-list test --name"], 0),
    ("checkpoint-create-missing", ["checkpoint-create test {missing}"], 1),
    ("checkpoint-create-bad", ["checkpoint-create test {badxml}"], 1),
    ("checkpoint-redefine-validate", ["checkpoint-create test {chkxml} --redefine-validate"], 1),
    ("checkpoint-print-xml", ["checkpoint-create-as test cp 'x & <y>' --print-xml "
                              "--diskspec vda,checkpoint=bitmap,bitmap=b,,1 "
                              "--diskspec vdb,checkpoint=no vdc"], 0),
    ("checkpoint-print-xml-bare", ["checkpoint-create-as test --print-xml"], 0),
    ("checkpoint-diskspec-bad", ["checkpoint-create-as test --print-xml --diskspec vda,x=y"], 1),
    ("checkpoint-create-as-quiesce", ["checkpoint-create-as test q --quiesce; "
                                      "checkpoint-list test --name"], 0),
    ("checkpoint-duplicate", ["checkpoint-create-as test dup; checkpoint-create-as test dup; "
                              "checkpoint-delete test dup"], 0),
    ("checkpoint-list-empty", ["checkpoint-list test; checkpoint-list test --tree"], 0),
    ("checkpoint-list-exclusive", ["checkpoint-list test --tree --name; "
                                   "checkpoint-list test --roots --parent; "
                                   "checkpoint-list test --parent --tree; "
                                   "checkpoint-list test --roots --tree; "
                                   "checkpoint-list test --roots --from x; "
                                   "checkpoint-list test --tree --no-leaves; "
                                   "checkpoint-list test --descendants"], 1),
    ("checkpoint-list-from-nosuch", ["checkpoint-list test --from nosuch"], 1),
    ("checkpoint-info-missing", ["checkpoint-info test"], 1),
    ("checkpoint-info-nosuch", ["checkpoint-info test nosuch"], 1),
    ("checkpoint-dumpxml-missing", ["checkpoint-dumpxml test"], 1),
    ("checkpoint-delete-nosuch", ["checkpoint-delete test nosuch"], 1),
    ("checkpoint-delete-missing", ["checkpoint-delete test"], 1),
    ("checkpoint-nosuch-domain", ["checkpoint-list nosuch"], 1),
    ("checkpoint-empty-name", ["checkpoint-create-as test ''"], 1),
]

# Cases run with $EDITOR set: (case id, arguments, exit status, editor).
# An editor named {key} is one of EDITORS below (a script the test writes);
# others are used as they are.
EDITORS = {
    "ed_desc": "sed -i -e 's|<description>.*</description>|<description>edited</description>|'"
               " -e 's|<name>c9</name>|<name>c8</name>|' \"$1\"",
    "ed_rename": "sed -i -e 's|<name>s1</name>|<name>s9</name>|' \"$1\"",
}
EDIT_BASE = "snapshot-create-as test s1 --description x; snapshot-create-as test s2; "
EDIT_UNDO = "; snapshot-delete test s1 --children"
EDIT_CASES = [
    ("snapshot-edit", [EDIT_BASE + "snapshot-edit test s1; "
                       "snapshot-dumpxml test s1 --xpath //description; snapshot-edit test s1; "
                       "snapshot-edit test --current; snapshot-edit test s2 --current; "
                       "snapshot-current test --name; snapshot-edit test s1 --current; "
                       "snapshot-current test --name" + EDIT_UNDO], 0, "{ed_desc}"),
    ("snapshot-edit-rename", [EDIT_BASE + "snapshot-edit test s1; snapshot-list test --name; "
                              "snapshot-edit test s1 --rename; snapshot-list test --name"
                              + EDIT_UNDO + "; snapshot-delete test s9"], 0, "{ed_rename}"),
    ("snapshot-edit-clone", [EDIT_BASE + "snapshot-edit test s1 --clone; "
                             "snapshot-list test --parent" + EDIT_UNDO
                             + "; snapshot-delete test s9"], 0, "{ed_rename}"),
    ("snapshot-edit-exclusive", ["snapshot-edit test s1 --clone --rename"], 1, "{ed_rename}"),
    ("snapshot-edit-missing", ["snapshot-edit test"], 1, "{ed_desc}"),
    ("snapshot-edit-nosuch", ["snapshot-edit test nosuch"], 1, "{ed_desc}"),
    ("editor-with-options", [EDIT_BASE + "snapshot-edit test s1; "
                             "snapshot-dumpxml test s1 --xpath //description" + EDIT_UNDO], 0,
     "sed -i -e s,\\>x\\<,\\>y\\<,"),
    ("editor-fails", [EDIT_BASE + "snapshot-edit test s1" + EDIT_UNDO
                      + "; snapshot-edit test s2"], 1, "false"),
    # (one editor run per process: a second one makes virsh log a warning)
    ("editor-missing", ["snapshot-create-as test s1; snapshot-edit test s1; "
                        "snapshot-delete test s1"], 0, "no-such-editor-for-vireo"),
    ("checkpoint-editor-missing", ["checkpoint-create-as test c1; checkpoint-edit test c1; "
                                   "checkpoint-delete test c1"], 0, "no-such-editor-for-vireo"),
    ("checkpoint-edit", ["checkpoint-create-as test c1 --description d; "
                         "checkpoint-create-as test c9; checkpoint-edit test c1; "
                         "checkpoint-dumpxml test c1 --xpath //description; "
                         "checkpoint-edit test c1; checkpoint-edit test c9; "
                         "checkpoint-list test --name; checkpoint-delete test c1 --children; "
                         "checkpoint-edit test; checkpoint-edit test nosuch"], 1, "{ed_desc}"),
]

SNAPSHOT_COMMANDS = ["snapshot-create", "snapshot-create-as", "snapshot-current",
                     "snapshot-delete", "snapshot-dumpxml", "snapshot-edit", "snapshot-info",
                     "snapshot-list",
                     "snapshot-parent", "snapshot-revert"]
CHECKPOINT_COMMANDS = ["checkpoint-create", "checkpoint-create-as", "checkpoint-delete",
                       "checkpoint-dumpxml", "checkpoint-edit", "checkpoint-info", "checkpoint-list",
                       "checkpoint-parent"]

PARSE_CASES = [("help-" + c, ["help", c], 0) for c in SNAPSHOT_COMMANDS + CHECKPOINT_COMMANDS] + [
    ("help-snapshot-group", ["help", "snapshot"], 0),
    ("help-checkpoint-group", ["help", "checkpoint"], 0),
    ("option-help", ["snapshot-list", "--help"], 0),
    ("missing-domain", ["snapshot-list"], 1),
    ("unknown-option", ["snapshot-info", "test", "--bogus"], 1),
    ("too-many", ["snapshot-parent", "test", "a", "b"], 1),
    ("memspec-positional", ["snapshot-create-as test n d --print-xml"], 0),
]

READONLY_CASES = [
    ("ro-create-as", ["snapshot-create-as test s"], 1),
    ("ro-create", ["snapshot-create test {snapxml}"], 1),
    ("ro-list", ["snapshot-list test; snapshot-current test"], 1),
    ("ro-print-xml", ["snapshot-create-as test s --print-xml"], 0),
    ("ro-checkpoint-create-as", ["checkpoint-create-as test c"], 1),
    ("ro-checkpoint-list", ["checkpoint-list test"], 0),
    ("ro-delete", ["snapshot-delete test s"], 1),
]

_TIME_RE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}")
_CTIME_RE = re.compile(r"<creationTime>\d+</creationTime>")


# the editor's temporary file is named after the program
_TMPFILE_RE = re.compile(r"/vi(?:reo|rsh)\w{6}\.xml")


def _normalise(result):
    rc, out, err = result
    fix = lambda s: _TMPFILE_RE.sub("/TMPFILE.xml", _CTIME_RE.sub(
        "<creationTime>N</creationTime>", _TIME_RE.sub("YYYY-MM-DD hh:mm:ss +zzzz", s)))
    return rc, fix(out), fix(err)


def _check(vireo, uri, args, files, tmp_path, rc=None, options=(), editor=None):
    if editor is None:
        mine, theirs = run_both(vireo, uri, expand(args, files), tmp_path, options=options)
    else:
        env_ = dict(env(tmp_path), EDITOR=editor.format(**files), TMPDIR=str(tmp_path))
        env_.pop("VISUAL", None)
        pre = ["-c", uri] + list(options)
        mine = helpers.run([vireo] + pre + expand(args, files), env=env_)
        theirs = helpers.run([helpers.VIRSH] + pre + expand(args, files), env=env_)
    return compare(_normalise(mine), _normalise(theirs), rc)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("snapxml")
    out = {"missing": str(d / "does-not-exist.xml")}
    rc, domain, err = helpers.run([helpers.VIRSH, "-c", LOCAL_URI, "dumpxml", "test"])
    assert rc == 0, err
    redef = ("<domainsnapshot><name>redef</name><state>shutoff</state>"
             "<creationTime>1700000000</creationTime>%s</domainsnapshot>" % domain)
    for key, text in list(FILES.items()) + [("redef", redef)]:
        p = d / (key + ".xml")
        p.write_text(text)
        out[key] = str(p)
    for key, script in EDITORS.items():
        p = d / (key + ".sh")
        p.write_text("#!/bin/sh\n" + script + "\n")
        p.chmod(0o755)
        out[key] = str(p)
    return out


@pytest.mark.parametrize("case,args,rc", CASES + PARSE_CASES,
                         ids=[c[0] for c in CASES + PARSE_CASES])
def test_local(vireo, files, tmp_path, case, args, rc):
    problems = _check(vireo, LOCAL_URI, args, files, tmp_path, rc)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case,args,rc,editor", EDIT_CASES, ids=[c[0] for c in EDIT_CASES])
def test_local_edit(vireo, files, tmp_path, case, args, rc, editor):
    """snapshot-edit and checkpoint-edit run $EDITOR (here a sed script, or
    an editor that fails or does not exist) on a temporary copy."""
    problems = _check(vireo, LOCAL_URI, args, files, tmp_path, rc, editor=editor)
    assert not problems, "\n".join(problems)
    assert not list(tmp_path.glob("vireo*.xml")), "temporary file left behind"


@pytest.mark.parametrize("case,args,rc", READONLY_CASES, ids=[c[0] for c in READONLY_CASES])
def test_local_readonly(vireo, files, tmp_path, case, args, rc):
    problems = _check(vireo, LOCAL_URI, args, files, tmp_path, rc, options=["-r"])
    assert not problems, "\n".join(problems)


def test_local_quiet(vireo, files, tmp_path):
    """-q drops the confirmations and table headers, as virsh does."""
    problems = _check(vireo, LOCAL_URI, [TREE + "snapshot-list test; snapshot-revert test s2; "
                                         "checkpoint-create-as test c; checkpoint-list test"
                                         + UNDO_TREE], files, tmp_path, 0, options=["-q"])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("transport", ["tcp", "unix"])
@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote(vireo, files, tmp_path, request, which, transport):
    """The same cases through each daemon (one daemon run; every case undoes
    its changes, and the last case checks nothing was left behind)."""
    d = request.getfixturevalue(which)
    uri = d.tcp_uri if transport == "tcp" else d.unix_uri
    failures = []
    for case, args, rc, editor in [c + (None,) for c in CASES] + EDIT_CASES:
        problems = _check(vireo, uri, args, files, tmp_path, rc, editor=editor)
        if problems:
            failures.append("[%s]\n%s" % (case, "\n".join(problems)))
    assert not failures, "\n\n".join(failures)
    rc, out, err = helpers.run([vireo, "-q", "-c", uri,
                                "snapshot-list test --name; checkpoint-list test --name; "
                                "domstate test"], env=env(tmp_path))
    assert (rc, out.split(), err) == (0, ["running"], "")


@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote_readonly_socket(vireo, files, tmp_path, request, which):
    d = request.getfixturevalue(which)
    failures = []
    for case, args, rc in READONLY_CASES:
        problems = _check(vireo, d.ro_unix_uri, args, files, tmp_path, rc)
        if problems:
            failures.append("[%s]\n%s" % (case, "\n".join(problems)))
    assert not failures, "\n\n".join(failures)


def test_tree_shape(vireo, tmp_path):
    """A deeper tree with several branches is drawn with virsh's guides."""
    line = ("snapshot-create-as test a; snapshot-create-as test b; snapshot-create-as test c; "
            "snapshot-current test a; snapshot-create-as test d; snapshot-create-as test e; "
            "snapshot-current test b; snapshot-create-as test f; snapshot-list test --tree")
    rc, out, err = helpers.run([vireo, "-c", LOCAL_URI, line], env=env(tmp_path))
    assert rc == 0, err
    tree = out.split("Domain snapshot f created\n", 1)[1]
    assert tree.startswith("a\n  |\n  +- b\n  |   |\n  |   +- c\n  |   +- f\n"), tree
    mine, theirs = run_both(vireo, LOCAL_URI, [line], tmp_path)
    problems = compare(_normalise(mine), _normalise(theirs), 0)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("answers", [[b"?", b"y"], [b"n"], [b"f", b"n"]],
                         ids=["help-then-again", "give-up", "force-then-give-up"])
def test_edit_reedit_prompt(vireo, tmp_path, answers):
    """At a terminal, a failed definition asks "Try again?" (virsh's raw
    one-key prompt): y edits again, n gives up, f redefines the same text,
    ? lists the choices. The editor breaks the XML the first time and
    repairs it the second."""
    script = tmp_path / "ed.sh"
    once = tmp_path / "once"
    script.write_text("#!/bin/sh\n"
                      "if [ -e %s ]; then\n"
                      "  sed -i -e 's|<name>s1</nam>|<name>s1</name>|'"
                      " -e 's|<description>.*</description>|<description>fixed</description>|'"
                      " \"$1\"\n"
                      "else\n"
                      "  touch %s; sed -i -e 's|<name>s1</name>|<name>s1</nam>|' \"$1\"\n"
                      "fi\n" % (once, once))
    script.chmod(0o755)
    line = ("snapshot-create-as test s1 --description x; snapshot-edit test s1; "
            "snapshot-dumpxml test s1 --xpath //description")
    shown = []
    for prog in (vireo, helpers.VIRSH):
        if once.exists():
            once.unlink()
        shown.append(pty_session([prog, "-c", LOCAL_URI, line],
                                 dict(env(tmp_path), EDITOR=str(script), TMPDIR=str(tmp_path)),
                                 answers, timeout=15.0))
    assert "Failed. Try again? [y,n,f,?]: " in shown[0], shown[0]
    expect = "fixed" if b"y" in answers else "<description>x</description>"
    assert expect in shown[0], shown[0]
    assert shown[0] == shown[1], diff("pty", shown[0], shown[1])
    assert not list(tmp_path.glob("vireo*.xml")), "temporary file left behind"


# the edit commands would start an editor
FUZZ_COMMANDS = [c for c in SNAPSHOT_COMMANDS + CHECKPOINT_COMMANDS if not c.endswith("-edit")]
FUZZ_WORDS = FUZZ_COMMANDS + [
    "test", "1", "nosuch", "s1", "s2", "c1", "--current", "--name", "--tree", "--parent",
    "--roots", "--leaves", "--no-leaves", "--from", "s1", "--descendants", "--topological",
    "--metadata", "--no-metadata", "--children", "--children-only", "--running", "--paused",
    "--force", "--print-xml", "--diskspec", "vda,snapshot=external", "--memspec", "/m,,x",
    "--description", "'a <b>'", "--xpath", "//name", "--wrap", "--security-info",
    "--no-domain", "--size", "--halt", "--inactive", "--active", "--internal", "--external",
    "--disk-only", "--snapshotname", "--checkpointname", ";", "''", "--", "--help"]


def test_random_command_strings(vireo, tmp_path):
    """Seeded random command strings over these commands (after a small
    snapshot tree or a checkpoint exists) give the same result from vireo
    and virsh."""
    import random
    rnd = random.Random(int(os.environ.get("VIREO_FUZZ_SEED", "20261121")))
    failures = []
    for _ in range(120):
        words = [rnd.choice(FUZZ_COMMANDS)] + [rnd.choice(FUZZ_WORDS)
                                              for _ in range(rnd.randint(0, 6))]
        prefix = TREE if rnd.random() < 0.6 else CTREE
        line = prefix + " ".join(words)
        mine, theirs = run_both(vireo, LOCAL_URI, [line], tmp_path)
        problems = compare(_normalise(mine), _normalise(theirs))
        if problems:
            failures.append("[%r]\n%s" % (line, "\n".join(problems)))
    assert not failures, "\n\n".join(failures[:5])
