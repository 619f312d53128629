"""vireo's Domain Monitoring statistics commands print exactly what virsh prints.

domstats, dommemstat, domblklist, domiflist, domblkinfo, domblkstat,
domifstat, domif-getlink, domifaddr, domblkerror, domcontrol and domtime
(tools/shell/cmd_domain_stats.c). Each case runs BUILD/tools/vireo and
Debian's virsh with the same arguments and compares exit status, stdout and
stderr: against test:///default (the in-process test driver, fresh state per
process) and through both daemons (libvirtd and vireod, tcp and unix). A
case that changes state runs as one command string, so each tool starts
from the same state.

The test driver derives the block and interface counters from the clock,
so cases marked VOLATILE compare those outputs with every number blanked
(the layout, labels, order and errors still have to match).
"""

import re

import pytest

import helpers
from shell_harness import compare, expand, run_both

LOCAL_URI = "test:///default"
TEST_UUID = "6695eb01-f6a4-8304-79aa-97f2502e193f"

# A guest with one disk of each kind domblklist and domblkinfo treat
# differently (file, block, network, no source, NVMe) and interfaces with
# and without a source, a model and a link state.
DEVICES_XML = """<domain type='test'>
  <name>devguest</name>
  <uuid>3a1f2b4c-5d6e-4f70-8192-a3b4c5d6e7f8</uuid>
  <memory unit='KiB'>1048576</memory>
  <vcpu>1</vcpu>
  <os><type arch='i686'>hvm</type></os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/images/a.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='block' device='disk'>
      <source dev='/dev/sdz'/>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <disk type='network' device='disk'>
      <source protocol='nbd' name='export1'>
        <host name='example.org' port='10809'/>
      </source>
      <target dev='vdc' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <target dev='hdc' bus='ide'/>
      <readonly/>
    </disk>
    <disk type='nvme' device='disk'>
      <source type='pci' managed='yes' namespace='1'>
        <address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
      </source>
      <target dev='vdd' bus='virtio'/>
    </disk>
    <interface type='bridge'>
      <mac address='52:54:00:0a:0b:0c'/>
      <source bridge='br0'/>
      <model type='virtio'/>
      <link state='down'/>
    </interface>
    <interface type='user'>
      <mac address='52:54:00:01:02:03'/>
    </interface>
    <interface type='network'>
      <mac address='52:54:00:aa:bb:cc'/>
      <source network='default'/>
    </interface>
  </devices>
</domain>
"""

TRANSIENT_XML = """<domain type='test'>
  <name>monitortmp</name>
  <uuid>0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5</uuid>
  <memory unit='KiB'>524288</memory>
  <vcpu>1</vcpu>
  <os><type arch='i686'>hvm</type></os>
</domain>
"""

# Two interfaces with one MAC address: domif-getlink cannot choose.
DUPMAC_XML = DEVICES_XML.replace("52:54:00:01:02:03", "52:54:00:0a:0b:0c")

FILES = {"devices": DEVICES_XML, "transient": TRANSIENT_XML, "dupmac": DUPMAC_XML}

COMMANDS = ["domstats", "dommemstat", "domblklist", "domiflist", "domblkinfo", "domblkstat",
            "domifstat", "domif-getlink", "domifaddr", "domblkerror", "domcontrol", "domtime"]

# Cases whose stdout carries the test driver's clock-derived counters.
VOLATILE = {"domblkstat-vda", "domblkstat-human", "domblkstat-option", "domblkstat-devguest",
            "domifstat-name", "domifstat-mac", "domifstat-option", "ro-domblkstat"}

# (case id, arguments, expected exit status). A single argument is a
# command string; {devices} and {transient} name the files above.
COMMON_CASES = [
    # domstats: every group, every filter, domains as arguments
    ("domstats", ["domstats"], 0),
    ("domstats-raw", ["domstats", "--raw"], 0),
    ("domstats-state", ["domstats", "--state"], 0),
    ("domstats-all-groups", ["domstats", "--state", "--cpu-total", "--balloon", "--vcpu",
                             "--interface", "--block", "--perf", "--iothread", "--memory",
                             "--dirtyrate", "--vm"], 0),
    ("domstats-cpu-total", ["domstats", "--cpu-total"], 0),
    ("domstats-balloon", ["domstats", "--balloon"], 0),
    ("domstats-vcpu", ["domstats", "--vcpu"], 0),
    ("domstats-interface", ["domstats", "--interface"], 0),
    ("domstats-block", ["domstats", "--block", "--backing"], 0),
    ("domstats-perf", ["domstats", "--perf"], 0),
    ("domstats-iothread", ["domstats", "--iothread"], 0),
    ("domstats-memory", ["domstats", "--memory"], 0),
    ("domstats-dirtyrate", ["domstats", "--dirtyrate"], 0),
    ("domstats-vm", ["domstats", "--vm"], 0),
    ("domstats-nowait", ["domstats", "--nowait"], 0),
    ("domstats-enforce-ok", ["domstats", "--enforce", "--state"], 0),
    ("domstats-enforce-perf", ["domstats", "--enforce", "--perf"], 1),
    ("domstats-enforce-vm", ["domstats", "--enforce", "--vm", "--state"], 1),
    ("domstats-list-active", ["domstats", "--list-active"], 0),
    ("domstats-list-inactive", ["domstats", "--list-inactive"], 0),
    ("domstats-list-persistent", ["domstats", "--list-persistent"], 0),
    ("domstats-list-transient", ["domstats", "--list-transient"], 0),
    ("domstats-list-running", ["domstats", "--list-running"], 0),
    ("domstats-list-paused", ["domstats", "--list-paused"], 0),
    ("domstats-list-shutoff", ["domstats", "--list-shutoff"], 0),
    ("domstats-list-other", ["domstats", "--list-other"], 0),
    ("domstats-by-name", ["domstats", "test"], 0),
    ("domstats-by-id-uuid", ["domstats", "--state", "1", TEST_UUID, "test"], 0),
    ("domstats-domain-option", ["domstats", "--domain", "test", "--raw"], 0),
    # one domain per filter here: with several, the order is the driver's
    # own (see DAEMON_ONLY_CASES)
    ("domstats-filters-sequence", ["define {devices}; create {transient}; "
                                   "domstats --list-inactive; domstats --list-shutoff --state; "
                                   "domstats --list-transient; domstats --list-other; "
                                   "suspend monitortmp; domstats --list-paused; "
                                   "domstats devguest monitortmp test; "
                                   "domstats --vm --raw monitortmp devguest; "
                                   "destroy monitortmp; undefine devguest; domstats"], 0),
    ("domstats-nosuch", ["domstats", "nosuch"], 1),
    ("domstats-nosuch-later", ["domstats", "test", "nosuch"], 1),
    ("domstats-empty-name", ["domstats", ""], 1),
    ("domstats-inactive-domain", ["destroy test; domstats test; domstats --list-active"], 0),
    # dommemstat
    ("dommemstat", ["dommemstat", "test"], 0),
    ("dommemstat-option", ["dommemstat", "--domain", "test"], 0),
    ("dommemstat-id", ["dommemstat", "1"], 0),
    ("dommemstat-period", ["dommemstat", "test", "--period", "5"], 0),
    ("dommemstat-period-config", ["dommemstat", "test", "--period", "5", "--config"], 0),
    ("dommemstat-period-live", ["dommemstat", "test", "--period=10", "--live"], 0),
    ("dommemstat-period-current", ["dommemstat", "test", "--period", "0", "--current"], 0),
    ("dommemstat-period-negative", ["dommemstat", "test", "--period", "-1"], 1),
    ("dommemstat-period-bad", ["dommemstat", "test", "--period", "abc"], 1),
    ("dommemstat-period-empty", ["dommemstat", "test", "--period", ""], 1),
    ("dommemstat-period-overflow", ["dommemstat", "test", "--period", "4294967296"], 1),
    ("dommemstat-period-positional", ["dommemstat", "test", "5"], 1),
    ("dommemstat-current-live", ["dommemstat", "test", "--current", "--live"], 1),
    ("dommemstat-current-config", ["dommemstat", "test", "--current", "--config"], 1),
    ("dommemstat-nosuch", ["dommemstat", "nosuch"], 1),
    ("dommemstat-missing", ["dommemstat"], 1),
    ("dommemstat-inactive", ["destroy test; dommemstat test"], 1),
    ("dommemstat-inactive-period", ["destroy test; dommemstat test --period 3 --config; "
                                    "dommemstat test --period 3"], 0),
    # domblklist
    ("domblklist", ["domblklist", "test"], 0),
    ("domblklist-details", ["domblklist", "test", "--details"], 0),
    ("domblklist-inactive", ["domblklist", "--inactive", "--domain", "test"], 0),
    ("domblklist-devguest", ["define {devices}; domblklist devguest; domblklist devguest "
                             "--details; start devguest; domblklist devguest --inactive "
                             "--details; destroy devguest; undefine devguest"], 0),
    ("domblklist-nosuch", ["domblklist", "nosuch"], 1),
    # domiflist
    ("domiflist", ["domiflist", "test"], 0),
    ("domiflist-inactive", ["domiflist", "test", "--inactive"], 0),
    ("domiflist-uuid", ["domiflist", TEST_UUID], 0),
    ("domiflist-devguest", ["define {devices}; domiflist devguest; start devguest; "
                            "domiflist devguest; domiflist devguest --inactive; "
                            "destroy devguest; undefine devguest"], 0),
    ("domiflist-nosuch", ["domiflist", "nosuch"], 1),
    # domblkinfo
    ("domblkinfo", ["domblkinfo", "test", "vda"], 0),
    ("domblkinfo-human", ["domblkinfo", "test", "vda", "--human"], 0),
    ("domblkinfo-path", ["domblkinfo", "test", "/guest/diskimage1"], 0),
    ("domblkinfo-all", ["domblkinfo", "test", "--all"], 0),
    ("domblkinfo-all-human", ["domblkinfo", "--all", "--human", "test"], 0),
    ("domblkinfo-devguest", ["define {devices}; domblkinfo devguest --all; "
                             "domblkinfo devguest hdc; start devguest; "
                             "domblkinfo devguest --all --human; domblkinfo devguest vdc; "
                             "destroy devguest; undefine devguest"], 0),
    ("domblkinfo-missing-device", ["domblkinfo", "test"], 1),
    ("domblkinfo-empty-device", ["domblkinfo", "test", "--device", ""], 1),
    ("domblkinfo-all-and-device", ["domblkinfo", "test", "vda", "--all"], 1),
    ("domblkinfo-unknown-device", ["domblkinfo", "test", "vdz"], 1),
    ("domblkinfo-nosuch", ["domblkinfo", "nosuch", "vda"], 1),
    ("domblkinfo-nosuch-no-device", ["domblkinfo", "nosuch"], 1),
    # domblkstat
    ("domblkstat-vda", ["domblkstat", "test", "vda"], 0),
    ("domblkstat-human", ["domblkstat", "test", "vda", "--human"], 0),
    ("domblkstat-option", ["domblkstat", "--domain", "test", "--device", "vda"], 0),
    ("domblkstat-devguest", ["define {devices}; start devguest; domblkstat devguest vdc; "
                             "domblkstat devguest /dev/sdz --human; destroy devguest; "
                             "undefine devguest"], 0),
    ("domblkstat-summary", ["domblkstat", "test"], 1),
    ("domblkstat-empty-device", ["domblkstat", "test", ""], 1),
    ("domblkstat-summary-human", ["domblkstat", "test", "--human"], 1),
    ("domblkstat-unknown-device", ["domblkstat", "test", "vdz"], 1),
    ("domblkstat-nosuch", ["domblkstat", "nosuch", "vda"], 1),
    ("domblkstat-inactive", ["destroy test; domblkstat test vda"], 1),
    # domifstat
    ("domifstat-name", ["domifstat", "test", "testnet0"], 0),
    ("domifstat-mac", ["domifstat", "test", "aa:bb:cc:dd:ee:ff"], 0),
    ("domifstat-option", ["domifstat", "--interface", "testnet0", "--domain", "test"], 0),
    ("domifstat-unknown", ["domifstat", "test", "vnet0"], 1),
    ("domifstat-empty", ["domifstat", "test", ""], 1),
    ("domifstat-missing", ["domifstat", "test"], 1),
    ("domifstat-nosuch", ["domifstat", "nosuch", "testnet0"], 1),
    ("domifstat-inactive", ["destroy test; domifstat test testnet0"], 1),
    # domif-getlink
    ("getlink-name", ["domif-getlink", "test", "testnet0"], 0),
    ("getlink-mac", ["domif-getlink", "test", "aa:bb:cc:dd:ee:ff"], 0),
    ("getlink-mac-upper-config", ["domif-getlink", "test", "AA:BB:CC:DD:EE:FF", "--config"], 0),
    ("getlink-mac-short-groups", ["domif-getlink", "test", "aa:bb:cc:dd:ee:ff ",
                                  "--persistent"], 0),
    ("getlink-devguest", ["define {devices}; domif-getlink devguest 52:54:00:01:02:03 --config; "
                          "start devguest; domif-getlink devguest testnet2; "
                          "domif-getlink devguest 52:54:0:aa:bb:CC; "
                          "destroy devguest; undefine devguest"], 0),
    ("getlink-down", ["define {devices}; domif-getlink devguest 52:54:0:a:b:c; start devguest; "
                      "domif-getlink devguest testnet0 --config; domif-getlink devguest testnet0; "
                      "destroy devguest; undefine devguest"], 0),
    ("getlink-multiple", ["define {dupmac}; domif-getlink devguest testnet1; "
                          "domif-getlink devguest 52:54:00:0a:0b:0c"], 1),
    ("getlink-unknown-dev", ["domif-getlink", "test", "vnet0"], 1),
    ("getlink-unknown-mac", ["domif-getlink", "test", "00:11:22:33:44:55"], 1),
    ("getlink-bad-mac", ["domif-getlink", "test", "aa:bb:cc:dd:ee:fff"], 1),
    ("getlink-quote", ["domif-getlink", "test", "a'b"], 1),
    ("getlink-xpath-word", ["domif-getlink", "test", "x' or '1'='1"], 0),
    ("getlink-empty", ["domif-getlink", "test", ""], 1),
    ("getlink-missing", ["domif-getlink", "test"], 1),
    ("getlink-nosuch", ["domif-getlink", "nosuch", "testnet0"], 1),
    # domifaddr
    ("domifaddr", ["domifaddr", "test"], 0),
    ("domifaddr-full", ["domifaddr", "test", "--full"], 0),
    ("domifaddr-lease", ["domifaddr", "test", "--source", "lease"], 0),
    ("domifaddr-agent", ["domifaddr", "test", "--source", "agent"], 0),
    ("domifaddr-arp", ["domifaddr", "test", "--source=arp"], 0),
    ("domifaddr-interface", ["domifaddr", "test", "--interface", "testnet0"], 0),
    ("domifaddr-interface-other", ["domifaddr", "test", "--interface", "vnet9"], 0),
    ("domifaddr-positional", ["domifaddr", "test", "testnet0", "agent"], 0),
    ("domifaddr-devguest", ["define {devices}; start devguest; domifaddr devguest; "
                            "domifaddr devguest --full --interface testnet1; "
                            "destroy devguest; undefine devguest"], 0),
    ("domifaddr-bad-source", ["domifaddr", "test", "--source", "dhcp"], 1),
    ("domifaddr-empty-source", ["domifaddr", "test", "--source", ""], 1),
    ("domifaddr-bad-source-nosuch", ["domifaddr", "nosuch", "--source", "dhcp"], 1),
    ("domifaddr-nosuch", ["domifaddr", "nosuch"], 1),
    ("domifaddr-inactive", ["destroy test; domifaddr test"], 1),
    # domblkerror
    ("domblkerror", ["domblkerror", "test"], 0),
    ("domblkerror-devguest", ["define {devices}; start devguest; domblkerror devguest; "
                              "destroy devguest; undefine devguest"], 0),
    ("domblkerror-nosuch", ["domblkerror", "nosuch"], 1),
    ("domblkerror-inactive", ["destroy test; domblkerror test"], 1),
    # domcontrol
    ("domcontrol", ["domcontrol", "test"], 0),
    ("domcontrol-uuid", ["domcontrol", TEST_UUID], 0),
    ("domcontrol-nosuch", ["domcontrol", "nosuch"], 1),
    ("domcontrol-inactive", ["destroy test; domcontrol test"], 1),
    # domtime
    ("domtime", ["domtime", "test"], 0),
    ("domtime-pretty", ["domtime", "test", "--pretty"], 0),
    ("domtime-now", ["domtime", "test", "--now"], 0),
    ("domtime-sync", ["domtime", "test", "--sync"], 0),
    ("domtime-time", ["domtime", "test", "--time", "12"], 0),
    ("domtime-time-negative", ["domtime", "test", "--time", "-5"], 0),
    ("domtime-time-positional", ["domtime", "test", "1234567890"], 0),
    ("domtime-set-then-get", ["domtime test --time 100; domtime test; domtime test --pretty"], 0),
    ("domtime-time-now", ["domtime", "test", "--time", "1", "--now"], 1),
    ("domtime-time-sync", ["domtime", "test", "--time", "1", "--sync"], 1),
    ("domtime-now-sync", ["domtime", "test", "--now", "--sync"], 1),
    ("domtime-time-bad", ["domtime", "test", "--time", "1x"], 1),
    ("domtime-time-empty", ["domtime", "test", "--time", ""], 1),
    ("domtime-time-overflow", ["domtime", "test", "--time", "99999999999999999999"], 1),
    ("domtime-nosuch", ["domtime", "nosuch"], 1),
    ("domtime-inactive", ["destroy test; domtime test; domtime test --now"], 1),
]

# Compared only through a daemon, where both tools see the same driver:
# listings of several domains without naming them come in the order the
# driver keeps them (libvirt's test driver: its hash table's), and vireo's
# in-process driver and libvirt's differ in what a domain's XML keeps.
DAEMON_ONLY_CASES = [
    ("domstats-filters-several", ["define {devices}; create {transient}; domstats; "
                                  "domstats --list-persistent; domstats --list-active; "
                                  "suspend monitortmp; domstats --list-running --list-paused; "
                                  "domstats --list-transient --list-persistent --state; "
                                  "destroy monitortmp; undefine devguest"], 0),
]

# Never reach a hypervisor: help pages and parse errors.
PARSE_CASES = [("help-" + c, ["help", c], 0) for c in COMMANDS] + [
    ("domstats-help-option", ["domstats", "--help"], 0),
    ("domtime-bool-value", ["domtime", "test", "--now=yes"], 1),
    ("getlink-unknown-option", ["domif-getlink", "test", "testnet0", "--live"], 1),
    ("dommemstat-period-no-value", ["dommemstat", "test", "--period"], 1),
    ("domblkinfo-extra", ["domblkinfo", "test", "vda", "extra"], 1),
]


def _normalise(case, result):
    rc, out, err = result
    if case in VOLATILE:
        out = re.sub(r"\d+", "N", out)
    return rc, out, err


def _check(vireo, uri, case, args, rc, files, tmp_path, options=()):
    mine, theirs = run_both(vireo, uri, expand(args, files), tmp_path, options=options)
    return compare(_normalise(case, mine), _normalise(case, theirs), rc)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("monitorxml")
    out = {}
    for key, text in FILES.items():
        p = d / (key + ".xml")
        p.write_text(text)
        out[key] = str(p)
    return out


@pytest.mark.parametrize("case,args,rc", COMMON_CASES + PARSE_CASES,
                         ids=[c[0] for c in COMMON_CASES + PARSE_CASES])
def test_local(vireo, files, tmp_path, case, args, rc):
    problems = _check(vireo, LOCAL_URI, case, args, rc, files, tmp_path)
    assert not problems, "\n".join(problems)


def test_volatile_counters_are_numbers(vireo, tmp_path):
    """The blanked cases still print real counters: vireo's own numbers
    for vda grow between two calls in one process, as the driver's do."""
    rc, out, err = helpers.run([vireo, "-c", LOCAL_URI, "domblkstat test vda; "
                                "domblkstat test vda"], env={"LC_ALL": "C"})
    assert rc == 0, err
    reqs = [int(line.split()[2]) for line in out.splitlines() if " rd_req " in line]
    assert len(reqs) == 2 and 0 < reqs[0] <= reqs[1]


FUZZ_COMMANDS = COMMANDS
FUZZ_WORDS = COMMANDS + [
    "test", "1", "nosuch", TEST_UUID, "vda", "hdc", "testnet0", "aa:bb:cc:dd:ee:ff", "vnet0",
    "--domain", "--device", "--interface", "--all", "--human", "--details", "--inactive",
    "--config", "--live", "--current", "--period", "5", "-1", "--full", "--source", "agent",
    "arp", "lease", "--now", "--sync", "--pretty", "--time", "--state", "--vm", "--enforce",
    "--list-active", "--list-shutoff", "--raw", "--persistent", "''", "'a b'", "--", ";",
    "--help", "--x=y", "=", "\\", "'", "12x"]


def test_random_command_strings(vireo, tmp_path):
    """Seeded random command strings built from these commands' words
    (options in odd places, missing or doubled values, separators) give
    the same result from vireo and virsh."""
    import random
    rnd = random.Random(20261121)
    failures = []
    for _ in range(120):
        words = [rnd.choice(FUZZ_COMMANDS)] + [rnd.choice(FUZZ_WORDS)
                                              for _ in range(rnd.randint(0, 6))]
        if rnd.random() < 0.6:  # mostly a real domain, so calls get made
            words.insert(1, "test")
        line = " ".join(words)
        mine, theirs = run_both(vireo, LOCAL_URI, [line], tmp_path)
        # any of these commands may print clock-derived counters
        problems = compare(_normalise("domblkstat-vda", mine),
                           _normalise("domblkstat-vda", theirs))
        if problems:
            failures.append("[%r]\n%s" % (line, "\n".join(problems)))
    assert not failures, "\n\n".join(failures[:5])


QUIET_CASES = [
    ("quiet-domifaddr", ["domifaddr", "test"], 0),
    ("quiet-domblklist", ["domblklist", "test", "--details"], 0),
    ("quiet-domiflist", ["domiflist", "test"], 0),
    ("quiet-domblkinfo-all", ["domblkinfo", "test", "--all"], 0),
    ("quiet-domstats", ["domstats test test"], 0),
]


@pytest.mark.parametrize("case,args,rc", QUIET_CASES, ids=[c[0] for c in QUIET_CASES])
def test_local_quiet(vireo, files, tmp_path, case, args, rc):
    problems = _check(vireo, LOCAL_URI, case, args, rc, files, tmp_path, options=["-q"])
    assert not problems, "\n".join(problems)


# Read-only connections: the calls that write (or talk to a guest agent)
# are refused by the library with its own message; the rest work.
READONLY_CASES = [
    ("ro-domtime-now", ["domtime", "test", "--now"], 1),
    ("ro-domtime-get", ["domtime", "test"], 1),
    ("ro-dommemstat-period", ["dommemstat", "test", "--period", "5"], 1),
    ("ro-domifaddr-agent", ["domifaddr", "test", "--source", "agent"], 1),
    ("ro-domifaddr-lease", ["domifaddr", "test"], 0),
    ("ro-domstats", ["domstats", "--state"], 0),
    ("ro-dommemstat", ["dommemstat", "test"], 0),
    ("ro-domblklist", ["domblklist", "test"], 0),
    ("ro-domblkinfo", ["domblkinfo", "test", "--all"], 0),
    ("ro-domblkstat", ["domblkstat", "test", "vda"], 0),
    ("ro-domblkerror", ["domblkerror", "test"], 0),
    ("ro-domcontrol", ["domcontrol", "test"], 0),
    ("ro-getlink", ["domif-getlink", "test", "testnet0"], 0),
]


@pytest.mark.parametrize("case,args,rc", READONLY_CASES, ids=[c[0] for c in READONLY_CASES])
def test_local_readonly(vireo, files, tmp_path, case, args, rc):
    problems = _check(vireo, LOCAL_URI, case, args, rc, files, tmp_path, options=["-r"])
    assert not problems, "\n".join(problems)


def test_help_lists_monitoring_commands(vireo, tmp_path):
    """"help monitor" is virsh's page exactly: these commands merged in
    name order with dominfo/domstate/list, each with virsh's one-line help."""
    rc, out, err = helpers.run([vireo, "help", "monitor"], env={"LC_ALL": "C"})
    assert rc == 0 and err == ""
    rc2, theirs, _ = helpers.run([helpers.VIRSH, "help", "monitor"], env={"LC_ALL": "C"})
    assert rc2 == 0
    assert out == theirs
    names = [line.split()[0] for line in out.splitlines() if line.startswith("    ")]
    assert set(COMMANDS) <= set(names)


# ---- the same comparisons through a daemon --------------------------------


@pytest.mark.parametrize("transport", ["tcp", "unix"])
@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote(vireo, files, tmp_path, request, which, transport):
    """vireo and virsh against the same daemon print the same for every
    common case (all cases in one daemon run; all mismatches reported)."""
    d = request.getfixturevalue(which)
    uri = d.tcp_uri if transport == "tcp" else d.unix_uri
    failures = []
    for case, args, rc in COMMON_CASES + DAEMON_ONLY_CASES:
        problems = _check(vireo, uri, case, args, rc, files, tmp_path)
        if problems:
            failures.append("[%s]\n%s" % (case, "\n".join(problems)))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote_readonly_socket(vireo, files, tmp_path, request, which):
    d = request.getfixturevalue(which)
    failures = []
    for case, args, rc in READONLY_CASES:
        problems = _check(vireo, d.ro_unix_uri, case, args, rc, files, tmp_path)
        if problems:
            failures.append("[%s]\n%s" % (case, "\n".join(problems)))
    assert not failures, "\n\n".join(failures)
