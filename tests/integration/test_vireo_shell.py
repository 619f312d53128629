"""vireo prints exactly what virsh prints.

Every case runs BUILD/tools/vireo and Debian's virsh with the same arguments
and compares exit status, stdout and stderr. Two groups:

* local: both against test:///default, the in-process test driver (no
  daemon), one fresh driver state per process;
* remote: both against the same daemon (Debian's libvirtd, then our vireod),
  over tcp and over unix, through the conftest fixtures.

Only the CPU time line and the host name are normalised. Multi-step
scenarios run inside one invocation ("cmd1; cmd2; ...") because the test
driver's state lives as long as the connection.
"""

import time

import pytest

import helpers
from shell_harness import compare, env, expand, pty_session, run_both

LOCAL_URI = "test:///default"
TEST_UUID = "6695eb01-f6a4-8304-79aa-97f2502e193f"

GUEST_XML = """<domain type='test'>
  <name>shelltest</name>
  <uuid>5d3c2b1a-0f9e-4d8c-b7a6-112233445566</uuid>
  <title>vireo shell guest</title>
  <memory unit='KiB'>1048576</memory>
  <currentMemory unit='KiB'>524288</currentMemory>
  <vcpu>2</vcpu>
  <os>
    <type arch='i686'>hvm</type>
  </os>
</domain>
"""

TRANSIENT_XML = (GUEST_XML.replace("shelltest", "shelltmp")
                 .replace("5d3c2b1a-0f9e-4d8c-b7a6-112233445566",
                          "7e5d4c3b-2a1f-4e0d-9c8b-665544332211"))

FILES = {
    "guest": GUEST_XML,
    "transient": TRANSIENT_XML,
    "badxml": "<domain type='test'><name>broken</name>",
    "wrongroot": "<network><name>x</name></network>",
    "empty": "",
}

# (case id, arguments, expected exit status). Arguments may name files as
# {guest}, {transient}, {badxml}, {wrongroot}, {empty} and {missing}. A
# single argument is a command string (may hold several commands).
COMMON_CASES = [
    # host and hypervisor
    ("uri", ["uri"], 0),
    ("version", ["version"], 0),
    ("version-daemon", ["version", "--daemon"], 0),
    ("hostname", ["hostname"], 0),
    ("nodeinfo", ["nodeinfo"], 0),
    ("capabilities", ["capabilities"], 0),
    ("sysinfo", ["sysinfo"], 0),
    # listing
    ("list", ["list"], 0),
    ("list-all", ["list", "--all"], 0),
    ("list-inactive", ["list", "--inactive"], 0),
    ("list-name", ["list", "--name"], 0),
    ("list-uuid", ["list", "--uuid"], 0),
    ("list-uuid-name", ["list", "--all", "--uuid", "--name"], 0),
    ("list-id", ["list", "--all", "--id"], 0),
    ("list-table", ["list", "--table"], 0),
    ("list-table-name", ["list", "--table", "--name"], 1),
    ("list-title", ["define {guest}; list --all --title"], 0),
    ("list-filters", ["define {guest}; create {transient}; list --all --persistent; "
                      "list --all --transient; list --state-running; list --state-shutoff; "
                      "list --all --autostart; list --all --no-autostart; "
                      "list --all --with-snapshot; list --all --without-snapshot; "
                      "list --all --managed-save; list --all --without-managed-save; "
                      "suspend shelltmp; list --state-paused --name; list --state-other"], 0),
    ("list-mixed", ["define {guest}; list --all; list --inactive --name; start shelltest; "
                    "list; list --all --uuid; destroy shelltest; undefine shelltest"], 0),
    # domain information
    ("dominfo-name", ["dominfo", "test"], 0),
    ("dominfo-id", ["dominfo", "1"], 0),
    ("dominfo-uuid", ["dominfo", TEST_UUID], 0),
    ("dominfo-option", ["dominfo", "--domain", "test"], 0),
    ("dominfo-equals", ["dominfo", "--domain=test"], 0),
    ("domstate", ["domstate", "test"], 0),
    ("domstate-reason", ["domstate", "test", "--reason"], 0),
    ("domid", ["domid", "test"], 0),
    ("domid-uuid", ["domid", TEST_UUID], 0),
    ("domname", ["domname", "1"], 0),
    ("domname-uuid", ["domname", TEST_UUID], 0),
    ("domuuid", ["domuuid", "test"], 0),
    ("domuuid-id", ["domuuid", "1"], 0),
    ("dumpxml", ["dumpxml", "test"], 0),
    ("dumpxml-inactive", ["dumpxml", "test", "--inactive"], 0),
    ("dumpxml-secure", ["dumpxml", "--security-info", "test"], 0),
    ("dumpxml-xpath", ["dumpxml", "test", "--xpath", "/domain/name"], 0),
    ("dumpxml-xpath-wrap", ["dumpxml", "test", "--xpath", "//vcpu", "--wrap"], 0),
    # lifecycle
    ("lifecycle", ["define {guest}; list --all; dominfo shelltest; domstate --reason shelltest; "
                   "start shelltest; domid shelltest; domstate --reason shelltest; "
                   "suspend shelltest; domstate --reason shelltest; resume shelltest; "
                   "domstate --reason shelltest; reboot shelltest; shutdown shelltest; "
                   "domstate --reason shelltest; start shelltest; destroy shelltest; "
                   "domstate --reason shelltest; undefine shelltest; list --all"], 0),
    ("start-paused", ["define {guest}; start shelltest --paused; domstate --reason shelltest; "
                      "destroy shelltest; undefine shelltest"], 0),
    ("create", ["create {transient}; list --all; dominfo shelltmp; destroy shelltmp; "
                "list --all"], 0),
    # the test driver refuses --paused for create: both print the same error
    ("create-paused", ["create {transient} --paused; domstate --reason shelltmp"], 1),
    ("shutdown-test", ["shutdown test; domstate --reason test; start test; list"], 0),
    ("destroy-by-id", ["destroy 1; list --all"], 0),
    ("destroy-by-uuid", ["destroy " + TEST_UUID + "; domid test"], 0),
    # settings
    ("setmem", ["setmem test 1048576; dominfo test"], 0),
    ("setmem-scaled", ["setmem test 1G; dominfo test; setmem test 524288k; dominfo test; "
                       "setmem test 1024M --live; dominfo test"], 0),
    ("setmem-config", ["setmem test 2G --config; dumpxml --inactive test"], 0),
    ("setmem-current", ["setmem --domain test --size 1024M --current; dominfo test"], 0),
    ("setmem-kilobytes-alias", ["setmem test --kilobytes 1048576; dominfo test"], 0),
    ("setmaxmem", ["destroy test; setmaxmem test 4G --config; dominfo test"], 0),
    ("size-suffixes", ["destroy test; setmaxmem test 1KB --config; dominfo test; "
                       "setmaxmem test 2mib --config; dominfo test; "
                       "setmaxmem test 3000000b --config; dominfo test; "
                       "setmaxmem test 5bytes --config; setmaxmem test 1T --config; "
                       "setmaxmem test 1kx --config; setmaxmem test 1e --config; "
                       "dominfo test"], 0),
    ("setvcpus", ["setvcpus test 1; dominfo test"], 0),
    ("setvcpus-config", ["destroy test; setvcpus test 1 --config; dominfo test"], 0),
    ("setvcpus-maximum", ["destroy test; setvcpus test 1 --config --maximum; "
                          "dumpxml --inactive test"], 0),
    ("autostart", ["autostart test; dominfo test; autostart test --disable; dominfo test"], 0),
    # networks and pools
    ("net-list", ["net-list"], 0),
    ("net-list-all", ["net-list", "--all"], 0),
    ("net-list-inactive", ["net-list", "--inactive"], 0),
    ("net-list-name", ["net-list", "--name"], 0),
    ("net-list-uuid", ["net-list", "--uuid"], 0),
    ("net-info", ["net-info", "default"], 0),
    ("net-info-uuid", ["net-info", "dd8fe884-6c02-601e-7551-cca97df1c5df"], 0),
    ("net-dumpxml", ["net-dumpxml", "default"], 0),
    ("net-dumpxml-inactive", ["net-dumpxml", "default", "--inactive"], 1),  # flag refused
    ("pool-list", ["pool-list"], 0),
    ("pool-list-all", ["pool-list", "--all"], 0),
    ("pool-list-inactive", ["pool-list", "--inactive"], 0),
    ("pool-list-details", ["pool-list", "--all", "--details"], 0),
    ("pool-list-name-uuid", ["pool-list", "--name", "--uuid"], 0),
    ("pool-list-type", ["pool-list", "--type", "dir"], 0),
    ("pool-info", ["pool-info", "default-pool"], 0),
    ("pool-info-bytes", ["pool-info", "default-pool", "--bytes"], 0),
    ("pool-dumpxml", ["pool-dumpxml", "default-pool"], 0),
    # errors
    ("dominfo-nosuch", ["dominfo", "nosuch"], 1),
    ("dominfo-nosuch-id", ["dominfo", "42"], 1),
    ("dominfo-nosuch-uuid", ["dominfo", "00000000-0000-0000-0000-000000000000"], 1),
    ("domstate-nosuch", ["domstate", "nosuch"], 1),
    ("domname-by-name", ["domname", "test"], 1),
    ("domid-by-id", ["domid", "1"], 1),
    ("start-running", ["start", "test"], 1),
    ("start-by-id", ["start", "1"], 1),
    ("suspend-shutoff", ["destroy test; suspend test"], 1),
    ("resume-running", ["resume", "test"], 1),
    ("shutdown-shutoff", ["destroy test; shutdown test"], 1),
    ("destroy-twice", ["destroy test; destroy test"], 1),
    ("undefine-nosuch", ["undefine", "nosuch"], 1),
    ("define-bad-xml", ["define", "{badxml}"], 1),
    ("define-wrong-root", ["define", "{wrongroot}"], 1),
    ("define-empty", ["define", "{empty}"], 1),
    ("define-missing-file", ["define", "{missing}"], 1),
    ("define-directory", ["define", "/"], 1),
    ("create-missing-file", ["create", "{missing}"], 1),
    ("create-bad-xml", ["create", "{badxml}"], 1),
    ("setmem-bad-suffix", ["setmem", "test", "1x"], 1),
    ("setmem-negative", ["setmem", "test", "-5"], 1),
    ("setmem-overflow", ["setmem", "test", "99999999999999999999"], 1),
    ("setmem-huge-suffix", ["setmem", "test", "99999999E"], 1),
    ("setmem-exclusive", ["setmem", "test", "1G", "--current", "--live"], 1),
    ("setmem-nosuch", ["setmem", "nosuch", "1024"], 1),
    ("setvcpus-zero", ["setvcpus", "test", "0"], 1),
    ("setvcpus-bad", ["setvcpus", "test", "two"], 1),
    ("setvcpus-maximum-alone", ["setvcpus", "test", "2", "--maximum"], 1),
    ("setvcpus-too-many", ["setvcpus test 64; dominfo test"], 0),
    ("shutdown-bad-mode", ["shutdown", "test", "--mode", "bogus"], 1),
    ("net-info-nosuch", ["net-info", "nosuch"], 1),
    ("net-dumpxml-nosuch", ["net-dumpxml", "nosuch"], 1),
    ("pool-info-nosuch", ["pool-info", "nosuch"], 1),
    ("pool-dumpxml-nosuch", ["pool-dumpxml", "nosuch"], 1),
    ("pool-list-bad-type", ["pool-list", "--type", "bogus"], 1),
    ("pool-list-exclusive", ["pool-list", "--all", "--inactive"], 1),
    ("net-list-exclusive", ["net-list", "--name", "--uuid"], 1),
    # several commands: each runs, the last one decides the status
    ("chain-last-fails", ["uri; dominfo nosuch"], 1),
    ("chain-last-ok", ["dominfo nosuch; uri"], 0),
]

# Cases that never reach a hypervisor: parsing, help, program options.
PARSE_CASES = [
    ("unknown-command", ["frobnicate"], 1),
    ("missing-argument", ["dominfo"], 1),
    ("missing-two-arguments", ["setmem"], 1),
    ("unexpected-data", ["dominfo", "test", "extra"], 1),
    ("unknown-option", ["dominfo", "test", "--bogus"], 1),
    ("option-twice", ["dominfo", "test", "--domain", "test"], 1),
    ("option-without-value", ["dominfo", "--domain"], 1),
    ("bool-with-value", ["list", "--all=yes"], 1),
    ("quoted", ["dominfo 'test'; domstate \"test\""], 0),
    ("escaped", ["domstate te\\st"], 0),
    ("dangling-escape", ["domstate test\\"], 1),
    ("missing-quote", ["domstate \"test"], 1),
    ("comment", ["uri # a comment; list"], 0),
    ("comment-argv", ["#", "uri"], 0),
    ("double-dash", ["domstate", "--", "test"], 0),
    ("empty-commands", [";;uri;;"], 0),
    ("blank-string", ["   "], 0),
    ("empty-string", [""], 1),
    ("help-command", ["help", "dominfo"], 0),
    ("help-option", ["dominfo", "--help"], 0),
    ("help-unknown", ["help", "frobnicate"], 1),
    ("help-stray-option", ["help", "uri", "--bogus"], 0),
] + [("help-" + c, ["help", c], 0) for c in [
    "uri", "version", "hostname", "nodeinfo", "capabilities", "sysinfo", "list", "dominfo",
    "domstate", "domid", "domname", "domuuid", "dumpxml", "define", "undefine", "create",
    "start", "shutdown", "reboot", "destroy", "suspend", "resume", "setmem", "setmaxmem",
    "setvcpus", "autostart", "net-list", "net-info", "net-dumpxml", "pool-list",
    "pool-info", "pool-dumpxml", "help", "connect"]]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("shellxml")
    out = {"missing": str(d / "does-not-exist.xml")}
    for key, text in FILES.items():
        p = d / (key + ".xml")
        p.write_text(text)
        out[key] = str(p)
    return out


@pytest.mark.parametrize("case,args,rc", COMMON_CASES + PARSE_CASES,
                         ids=[c[0] for c in COMMON_CASES + PARSE_CASES])
def test_local(vireo, files, tmp_path, case, args, rc):
    mine, theirs = run_both(vireo, LOCAL_URI, expand(args, files), tmp_path)
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


QUIET_CASES = [
    ("quiet-list", ["list", "--all"]),
    ("quiet-lifecycle", ["define {guest}; start shelltest; suspend shelltest; "
                         "resume shelltest; destroy shelltest; undefine shelltest"]),
    ("quiet-pool-list", ["pool-list", "--details"]),
    ("quiet-error", ["dominfo nosuch; uri"]),
]


@pytest.mark.parametrize("case,args", QUIET_CASES, ids=[c[0] for c in QUIET_CASES])
def test_local_quiet(vireo, files, tmp_path, case, args):
    mine, theirs = run_both(vireo, LOCAL_URI, expand(args, files), tmp_path, options=["-q"])
    problems = compare(mine, theirs)
    assert not problems, "\n".join(problems)


READONLY_CASES = [
    ("ro-define", ["define", "{guest}"], 1),
    ("ro-destroy", ["destroy", "test"], 1),
    ("ro-setmem", ["setmem", "test", "1024"], 1),
    ("ro-list", ["list", "--all"], 0),
    ("ro-dominfo", ["dominfo", "test"], 0),
]


@pytest.mark.parametrize("case,args,rc", READONLY_CASES, ids=[c[0] for c in READONLY_CASES])
def test_local_readonly(vireo, files, tmp_path, case, args, rc):
    mine, theirs = run_both(vireo, LOCAL_URI, expand(args, files), tmp_path, options=["-r"])
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


OPTION_CASES = [
    ("version-short", ["-v"], 0),
    ("version-long-equals", ["--version=short"], 0),
    ("missing-connect-arg", ["-c"], 1),
    ("unsupported-option", ["-Z", "uri"], 1),
    ("unsupported-long-option", ["--frobnicate", "uri"], 1),
    ("bad-uri", ["-c", "bogus:///nowhere", "uri"], 1),
]


@pytest.mark.parametrize("case,args,rc", OPTION_CASES, ids=[c[0] for c in OPTION_CASES])
def test_program_options(vireo, tmp_path, case, args, rc):
    mine, theirs = run_both(vireo, None, args, tmp_path)
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


def test_timing(vireo, tmp_path):
    """-t adds virsh's "(Time: N ms)" block after each command."""
    import re
    mine, theirs = run_both(vireo, LOCAL_URI, ["uri; list --name"], tmp_path, options=["-t"])
    clean = [(rc, re.sub(r"Time: \d+\.\d{3} ms", "Time: N ms", out), err)
             for rc, out, err in (mine, theirs)]
    assert "(Time: N ms)" in clean[0][1]
    problems = compare(clean[0], clean[1], 0)
    assert not problems, "\n".join(problems)


def test_long_command_string(vireo, tmp_path):
    """A command string of 10000 commands (near the 128 KiB limit of one argument) runs them all, quickly: words cost
    memory by their own length, not the rest of the line."""
    line = "domid test;" * 10000
    start = time.time()
    rc, out, err = helpers.run([vireo, "-q", "-c", LOCAL_URI, line], env=env(tmp_path))
    assert rc == 0, err
    assert out.split() == ["1"] * 10000
    assert time.time() - start < 20


FUZZ_COMMANDS = ["list", "dominfo", "domstate", "domid", "domname", "domuuid", "setmem",
                 "setvcpus", "dumpxml", "shutdown", "start", "destroy", "pool-list", "net-info",
                 "version", "uri"]
FUZZ_WORDS = FUZZ_COMMANDS + [
    "test", "1", "nosuch", "default", "--all", "--name", "--reason", "--domain", "--domain=test",
    "--", "'te st'", '"test"', "te\\st", ";", "#c", "1G", "--size", "--config", "--live",
    "--current", "--help", "--type", "dir,,fs", "'", '"', "\\", "--kilobytes", "=", "--=", "-",
    "--x=y", "--daemon", "2", "--maximum", "--xpath", "//name", "--wrap", "--mode", "acpi,"]


def test_random_command_strings(vireo, tmp_path):
    """Seeded random command strings (quotes, escapes, separators, options in
    odd places) give the same result from vireo and virsh."""
    import random
    rnd = random.Random(20261121)
    failures = []
    for _ in range(150):
        words = [rnd.choice(FUZZ_COMMANDS)] + [rnd.choice(FUZZ_WORDS)
                                              for _ in range(rnd.randint(0, 7))]
        line = " ".join(words)
        mine, theirs = run_both(vireo, LOCAL_URI, [line], tmp_path)
        problems = compare(mine, theirs)
        if problems:
            failures.append("[%r]\n%s" % (line, "\n".join(problems)))
    assert not failures, "\n\n".join(failures[:5])


def test_usage_lists_options(vireo, tmp_path):
    rc, out, err = helpers.run([vireo, "-h"], env=env(tmp_path))
    assert rc == 0 and err == ""
    assert out.startswith("\nvireo [options]... [<command_string>]\n")
    for word in ["-c | --connect=URI", "-r | --readonly", "-q | --quiet"]:
        assert word in out
    # every command vireo has appears in the listing
    for c in ["dominfo", "net-list", "pool-info", "setvcpus", "help"]:
        assert "    %-30s " % c in out


def test_help_lists_groups(vireo, tmp_path):
    rc, out, err = helpers.run([vireo, "help"], env=env(tmp_path))
    assert rc == 0 and err == ""
    assert out.startswith("Grouped commands:\n\n Domain Management (help keyword 'domain'):\n")
    # the domain group lines are virsh's own, for the commands vireo has
    rc2, theirs, _ = helpers.run([helpers.VIRSH, "help", "domain"], env=env(tmp_path))
    assert rc2 == 0
    for line in out.splitlines():
        if line.startswith("    start ") or line.startswith("    dumpxml "):
            assert line in theirs.splitlines()


INTERACTIVE_SCRIPTS = [
    ("session", "uri\nlist --all\ndominfo nosuch\nquit\n"),
    ("eof", "domstate test\n"),
    ("parse-error", "dominfo\nfrobnicate\nuri\n"),
    ("exit-stops", "exit\nuri\n"),
]


@pytest.mark.parametrize("case,script", INTERACTIVE_SCRIPTS,
                         ids=[c[0] for c in INTERACTIVE_SCRIPTS])
def test_interactive(vireo, tmp_path, case, script):
    """Commands read from stdin; virsh's prompt and banner name the
    program, so "virsh" reads "vireo" in its output before comparing."""
    mine, theirs = run_both(vireo, LOCAL_URI, [], tmp_path, input=script)
    problems = compare(mine, theirs, rename=True)
    assert not problems, "\n".join(problems)
    assert "vireo # " in mine[1]


def test_interactive_readonly_prompt(vireo, tmp_path):
    rc, out, err = helpers.run([vireo, "-r", "-c", LOCAL_URI], input="uri\n", env=env(tmp_path))
    assert rc == 0, err
    assert "vireo > uri\ntest:///default\n" in out


def test_interactive_tab_completion(vireo, tmp_path):
    """On a terminal, Tab completes command names, options and domain
    names (readline), and the completed line runs."""
    shown = pty_session([vireo, "-c", LOCAL_URI], env(tmp_path),
                        [b"dumpx\t--ina\tte\t\nquit\n"], when=b"# ")
    assert "vireo # dumpxml --inactive test" in shown, shown
    assert "<domain type='test'>" in shown, shown


# ---- the same comparisons through a daemon --------------------------------

REMOTE_CASES = COMMON_CASES


@pytest.mark.parametrize("transport", ["tcp", "unix"])
@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote(vireo, files, tmp_path, request, which, transport):
    """vireo and virsh against the same daemon print the same for every
    common case (all cases in one daemon run; all mismatches reported)."""
    d = request.getfixturevalue(which)
    uri = d.tcp_uri if transport == "tcp" else d.unix_uri
    failures = []
    for case, args, rc in REMOTE_CASES:
        mine, theirs = run_both(vireo, uri, expand(args, files), tmp_path)
        problems = compare(mine, theirs, rc)
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
