"""vireo's domain tuning commands print exactly what virsh prints.

schedinfo, memtune, blkiotune, numatune, blkdeviotune, domiftune, perf,
vcpucount, vcpuinfo, vcpupin, emulatorpin, iothreadinfo, iothreadpin,
iothreadadd, iothreaddel, iothreadset and cpu-stats: each case runs
BUILD/tools/vireo and Debian's virsh with the same arguments and compares
exit status, stdout and stderr, against test:///default (one fresh test
driver per process) and against both daemons (libvirtd and vireod) over tcp
and unix. A case that changes the domain runs as one command string that
ends by undoing the change, so the second tool starts where the first did.
"""

import random

import pytest

from shell_harness import compare, expand, run_both

LOCAL_URI = "test:///default"
NIC = "aa:bb:cc:dd:ee:ff"  # the test domain's interface

# A guest with 2 of 4 vCPUs enabled (0 and 2) and two IOThreads: vcpuinfo of
# the shut-off guest reads the enabled set from its XML.
GUEST_XML = """<domain type='test'>
  <name>tuneguest</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static' current='2'>4</vcpu>
  <vcpus>
    <vcpu id='0' enabled='yes' hotpluggable='no'/>
    <vcpu id='1' enabled='no' hotpluggable='yes'/>
    <vcpu id='2' enabled='yes' hotpluggable='yes'/>
    <vcpu id='3' enabled='no' hotpluggable='yes'/>
  </vcpus>
  <iothreads>2</iothreads>
  <os><type arch='i686'>hvm</type></os>
</domain>
"""

# (case id, arguments, expected exit status). A single argument is a whole
# command string.
CASES = [
    # schedinfo
    ("schedinfo", ["schedinfo", "test"], 0),
    ("schedinfo-set", ["schedinfo test --set weight=77; schedinfo test --weight 50"], 0),
    ("schedinfo-weight-live", ["schedinfo test --weight 100 --live; schedinfo test --live; "
                               "schedinfo test --set weight=50 --live"], 1),
    ("schedinfo-positional-set", ["schedinfo test weight=60; schedinfo test weight=50"], 0),
    ("schedinfo-config", ["schedinfo", "test", "--config"], 1),  # test driver: no flags
    ("schedinfo-current", ["schedinfo", "test", "--current"], 1),
    ("schedinfo-cap", ["schedinfo", "test", "--cap", "5"], 1),
    ("schedinfo-unknown-field", ["schedinfo", "test", "--set", "bogus=1"], 1),
    ("schedinfo-no-equals", ["schedinfo", "test", "--set", "weight"], 1),
    ("schedinfo-bad-value", ["schedinfo", "test", "--set", "weight=abc"], 1),
    ("schedinfo-live-config", ["schedinfo", "test", "--live", "--config"], 1),
    ("schedinfo-current-live", ["schedinfo", "test", "--current", "--live"], 1),
    ("schedinfo-nosuch", ["schedinfo", "nosuch"], 1),
    # memtune
    ("memtune", ["memtune", "test"], 0),
    ("memtune-set", ["memtune test --hard-limit 1G --soft-limit 524288 --swap-hard-limit 2G; "
                     "memtune test; memtune test --hard-limit -1 --soft-limit -1 "
                     "--swap-hard-limit -1; memtune test"], 0),
    ("memtune-scaled", ["memtune test --soft-limit 1000KB; memtune test; "
                        "memtune test --soft-limit 3m; memtune test --soft-limit 1025b; "
                        "memtune test; memtune test --soft-limit -1"], 0),
    ("memtune-min-guarantee", ["memtune", "test", "--min-guarantee", "100"], 1),
    ("memtune-config", ["memtune", "test", "--config"], 0),
    ("memtune-bad-suffix", ["memtune", "test", "--hard-limit", "1x"], 1),
    ("memtune-not-number", ["memtune", "test", "--hard-limit", "abc"], 1),
    ("memtune-overflow", ["memtune", "test", "--hard-limit", "99999999999E"], 1),
    ("memtune-exclusive", ["memtune", "test", "--current", "--config"], 1),
    ("memtune-nosuch", ["memtune", "nosuch"], 1),
    # blkiotune
    ("blkiotune", ["blkiotune", "test"], 0),
    ("blkiotune-set", ["blkiotune test --weight 500; blkiotune test; "
                       "blkiotune test --device-weights /dev/sda,100 "
                       "--device-read-iops-sec /dev/sda,5 --device-write-bytes-sec /dev/sda,1024; "
                       "blkiotune test"], 0),
    ("blkiotune-zero", ["blkiotune", "test", "--weight", "0"], 1),
    ("blkiotune-negative", ["blkiotune", "test", "--weight", "-3"], 1),
    ("blkiotune-bad", ["blkiotune", "test", "--weight", "x"], 1),
    ("blkiotune-config", ["blkiotune", "test", "--config"], 0),
    ("blkiotune-nosuch", ["blkiotune", "nosuch"], 1),
    # numatune
    ("numatune", ["numatune", "test"], 0),
    ("numatune-set", ["numatune test --mode interleave --nodeset 0 --config; "
                      "numatune test --config; numatune test --mode strict --config; "
                      "numatune test --config"], 0),
    ("numatune-number", ["numatune test --mode 0x1 --nodeset 0 --config; numatune test --config; "
                         "numatune test --mode 0 --nodeset 0 --config; numatune test --config"], 0),
    ("numatune-bad-mode", ["numatune", "test", "--mode", "bogus"], 1),
    ("numatune-nosuch", ["numatune", "nosuch"], 1),
    # blkdeviotune
    ("blkdeviotune", ["blkdeviotune", "test", "vda"], 0),
    ("blkdeviotune-set", ["blkdeviotune test vda --total-bytes-sec 1M --read_iops_sec 5 "
                          "--group-name grp --size-iops-sec 4096; blkdeviotune test vda; "
                          "blkdeviotune test vda --total-bytes-sec 0 --read-iops-sec 0 "
                          "--size-iops-sec 0; blkdeviotune test vda"], 0),
    ("blkdeviotune-config", ["blkdeviotune", "test", "vda", "--config"], 0),
    ("blkdeviotune-bad-scaled", ["blkdeviotune", "test", "vda", "--total-bytes-sec", "1x"], 1),
    ("blkdeviotune-negative", ["blkdeviotune", "test", "vda", "--read-iops-sec", "-1"], 1),
    ("blkdeviotune-nodisk", ["blkdeviotune", "test", "nosuch"], 1),
    ("blkdeviotune-nodisk-set", ["blkdeviotune", "test", "nosuch", "--total-iops-sec", "3"], 1),
    ("blkdeviotune-nosuch", ["blkdeviotune", "nosuch", "vda"], 1),
    # domiftune
    ("domiftune", ["domiftune", "test", NIC], 0),
    ("domiftune-set", ["domiftune test %s --inbound 100,200,300 --outbound 50; "
                       "domiftune test %s; domiftune test %s --inbound 0 --outbound 0; "
                       "domiftune test %s" % (NIC, NIC, NIC, NIC)], 0),
    ("domiftune-too-many", ["domiftune", "test", NIC, "--inbound", "1,2,3,4,5"], 1),
    ("domiftune-malformed", ["domiftune", "test", NIC, "--inbound", "x"], 1),
    ("domiftune-no-average", ["domiftune", "test", NIC, "--outbound", "0,5"], 1),
    ("domiftune-in-no-average", ["domiftune", "test", NIC, "--inbound", ",5"], 1),
    ("domiftune-out-floor", ["domiftune", "test", NIC, "--outbound", "1,,,5"], 1),
    ("domiftune-too-large", ["domiftune", "test", NIC, "--inbound", "99999999999"], 1),
    ("domiftune-nosuch-nic", ["domiftune", "test", "52:54:00:00:00:01"], 1),
    # perf
    ("perf", ["perf", "test"], 0),
    ("perf-set", ["perf test --enable cmt,,mbmt --disable cpu_cycles; perf test; "
                  "perf test --disable cmt,mbmt"], 0),
    ("perf-bogus", ["perf", "test", "--enable", "bogus"], 1),
    ("perf-nosuch", ["perf", "nosuch"], 1),
    # vcpucount
    ("vcpucount", ["vcpucount", "test"], 0),
    ("vcpucount-maximum", ["vcpucount", "test", "--maximum"], 0),
    ("vcpucount-active-live", ["vcpucount", "test", "--active", "--live"], 0),
    ("vcpucount-current", ["vcpucount", "test", "--current"], 0),
    ("vcpucount-maximum-config", ["vcpucount", "test", "--maximum", "--config"], 0),
    ("vcpucount-live-config", ["vcpucount", "test", "--live", "--config"], 1),
    ("vcpucount-active-maximum", ["vcpucount", "test", "--active", "--maximum"], 1),
    ("vcpucount-guest", ["vcpucount", "test", "--guest"], 1),
    ("vcpucount-shutoff", ["destroy test; vcpucount test; vcpucount test --live; start test"],
     0),
    # vcpuinfo
    ("vcpuinfo", ["vcpuinfo", "test"], 0),
    ("vcpuinfo-pretty", ["vcpuinfo", "test", "--pretty"], 0),
    ("vcpuinfo-shutoff", ["destroy test; vcpuinfo test; vcpuinfo test --pretty; start test"],
     0),
    ("vcpuinfo-nosuch", ["vcpuinfo", "nosuch"], 1),
    # vcpupin
    ("vcpupin", ["vcpupin", "test"], 0),
    ("vcpupin-one", ["vcpupin", "test", "1"], 0),
    ("vcpupin-config", ["vcpupin", "test", "--config"], 0),
    ("vcpupin-set", ["vcpupin test --vcpu 0 --cpulist 1-3,^2; vcpupin test; "
                     "vcpupin test 0 r; vcpupin test"], 0),
    ("vcpupin-set-config", ["vcpupin test 1 ' 2 - 3 , 5' --config; vcpupin test --config; "
                            "vcpupin test 1 r --config"], 1),
    ("vcpupin-spaces", ["vcpupin test 1 ' 2 - 3 , 5'; vcpupin test; vcpupin test 1 r"], 0),
    ("vcpupin-out-of-range", ["vcpupin", "test", "5"], 1),
    ("vcpupin-cpu-too-big", ["vcpupin", "test", "0", "99"], 1),
    ("vcpupin-bad-list", ["vcpupin", "test", "0", "x"], 1),
    ("vcpupin-empty-list", ["vcpupin", "test", "0", "0,^0"], 1),
    ("vcpupin-empty-string", ["vcpupin test 0 ''"], 1),
    ("vcpupin-no-vcpu", ["vcpupin", "test", "--cpulist", "1"], 1),
    ("vcpupin-live-config", ["vcpupin", "test", "--live", "--config"], 1),
    ("vcpupin-bad-vcpu", ["vcpupin", "test", "-1", "1"], 1),
    # emulatorpin
    ("emulatorpin", ["emulatorpin", "test"], 0),
    ("emulatorpin-set", ["emulatorpin test 1-2; emulatorpin test; emulatorpin test r; "
                         "emulatorpin test"], 0),
    ("emulatorpin-config", ["emulatorpin test 3 --config; emulatorpin test --config; "
                            "emulatorpin test r --config"], 0),
    ("emulatorpin-too-big", ["emulatorpin", "test", "100"], 1),
    ("emulatorpin-nosuch", ["emulatorpin", "nosuch"], 1),
    # IOThreads
    ("iothreadinfo", ["iothreadinfo", "test"], 0),
    ("iothread-cycle", ["iothreadadd test 5; iothreadadd test 2 --live; iothreadinfo test; "
                        "iothreadpin test 5 1-2; iothreadinfo test; "
                        "iothreadset test 5 --poll-max-ns 100 --poll-grow 2 --poll-shrink 3; "
                        "iothreaddel test 5; iothreaddel test 2; iothreadinfo test"], 0),
    ("iothread-config", ["iothreadadd test 4 --config; iothreadinfo test --config; "
                         "iothreaddel test 4 --config; iothreadinfo test --config"], 0),
    ("iothreadadd-zero", ["iothreadadd", "test", "0"], 1),
    ("iothreadadd-bad", ["iothreadadd", "test", "x"], 1),
    ("iothreaddel-missing", ["iothreaddel", "test", "7"], 1),
    ("iothreadset-nothing", ["iothreadset", "test", "1"], 1),
    ("iothreadset-negative", ["iothreadset", "test", "1", "--poll-grow", "-1"], 1),
    ("iothreadset-missing", ["iothreadset", "test", "9", "--thread-pool-max", "4"], 1),
    ("iothreadpin-missing", ["iothreadpin", "test", "1", "1"], 1),
    ("iothreadpin-bad-list", ["iothreadadd test 3; iothreadpin test 3 1-; iothreaddel test 3"],
     0),
    # cpu-stats
    ("cpu-stats", ["cpu-stats", "test"], 0),
    ("cpu-stats-total", ["cpu-stats", "test", "--total"], 0),
    ("cpu-stats-start", ["cpu-stats", "test", "--start", "1"], 0),
    ("cpu-stats-count", ["cpu-stats", "test", "--count", "1"], 0),
    ("cpu-stats-count-large", ["cpu-stats", "test", "--count", "9", "--total"], 0),
    ("cpu-stats-start-range", ["cpu-stats", "test", "--start", "5"], 1),
    ("cpu-stats-start-negative", ["cpu-stats", "test", "--start", "-1"], 1),
    ("cpu-stats-count-negative", ["cpu-stats", "test", "--count", "-1"], 1),
    ("cpu-stats-shutoff", ["destroy test; cpu-stats test; start test"], 0),
    ("cpu-stats-nosuch", ["cpu-stats", "nosuch"], 1),
    # a defined guest with sparse vCPUs and IOThreads
    ("guest-shutoff", ["define {guest}; vcpuinfo tuneguest; vcpuinfo tuneguest --pretty; "
                       "vcpucount tuneguest; vcpucount tuneguest --live; "
                       "vcpucount tuneguest --maximum --config; iothreadinfo tuneguest; "
                       "vcpupin tuneguest --live; cpu-stats tuneguest; undefine tuneguest"], 0),
    ("guest-iothreads", ["define {guest}; iothreadinfo tuneguest; iothreadpin tuneguest 2 1; "
                         "iothreadinfo tuneguest --config; iothreaddel tuneguest 2; "
                         "iothreadinfo tuneguest; undefine tuneguest"], 0),
    # odd values: each tool must accept or refuse them alike
    ("edge-cpulist-huge", ["vcpupin", "test", "0", "99999999999"], 1),
    ("edge-cpulist-wide-range", ["vcpupin", "test", "0", "0-2147483647"], 1),
    ("edge-cpulist-reversed", ["vcpupin", "test", "0", "2-1"], 1),
    ("edge-cpulist-negated-range", ["vcpupin", "test", "0", "^1-3"], 1),
    ("edge-cpulist-double-comma", ["vcpupin", "test", "0", "1,,2"], 1),
    ("edge-cpulist-trailing-comma", ["vcpupin test 0 1,; vcpupin test; vcpupin test 0 r"], 0),
    ("edge-vcpu-huge", ["vcpupin", "test", "4294967296"], 1),
    ("edge-memtune-max", ["memtune", "test", "--hard-limit", "9223372036854775807"], 1),
    ("edge-memtune-sign", ["memtune test --hard-limit +5; memtune test --hard-limit ' 7'; "
                           "memtune test; memtune test --hard-limit -0; memtune test; "
                           "memtune test --hard-limit -1"], 0),
    ("edge-memtune-empty", ["memtune test --hard-limit ''"], 1),
    ("edge-iotune-max", ["blkdeviotune test vda --total-bytes-sec 18446744073709551615; "
                         "blkdeviotune test vda; blkdeviotune test vda --total-bytes-sec 0"], 0),
    ("edge-iotune-overflow", ["blkdeviotune", "test", "vda", "--total-bytes-sec",
                              "18446744073709551616"], 1),
    ("edge-iotune-empty-group", ["blkdeviotune test vda --group-name ''"], 1),
    ("edge-blkio-weight-overflow", ["blkiotune", "test", "--weight", "2147483648"], 1),
    ("edge-cpu-stats-start-huge", ["cpu-stats", "test", "--start", "2147483647"], 1),
    ("edge-cpu-stats-count-zero", ["cpu-stats", "test", "--start", "1", "--count", "0"], 0),
    ("edge-domiftune-empty-fields", ["domiftune test %s --inbound ,,,; domiftune test %s"
                                     % (NIC, NIC)], 0),
    ("edge-perf-empty-names", ["perf", "test", "--enable", ",,"], 0),
    ("edge-schedinfo-empty-field", ["schedinfo", "test", "--set", "=5"], 1),
    ("edge-schedinfo-twice", ["schedinfo", "test", "--set", "weight=5", "--set", "weight=6"], 1),
    ("edge-numatune-unknown-mode", ["numatune", "test", "--mode", "99", "--nodeset", "0"], 1),
    ("edge-numatune-bad-hex", ["numatune", "test", "--mode", "0x"], 1),
]

COMMANDS = ["schedinfo", "memtune", "blkiotune", "numatune", "blkdeviotune", "domiftune",
            "perf", "vcpucount", "vcpuinfo", "vcpupin", "emulatorpin", "iothreadinfo",
            "iothreadpin", "iothreadadd", "iothreaddel", "iothreadset", "cpu-stats"]

# Cases that never reach a hypervisor: help pages and option parsing.
PARSE_CASES = [("help-" + c, ["help", c], 0) for c in COMMANDS] + [
    ("help-option", ["memtune", "--help"], 0),
    ("missing-domain", ["memtune"], 1),
    ("missing-device", ["blkdeviotune", "test"], 1),
    ("missing-interface", ["domiftune", "test"], 1),
    ("missing-id", ["iothreadadd", "test"], 1),
    ("missing-cpulist", ["iothreadpin", "test", "1"], 1),
    ("alias-value", ["blkdeviotune", "test", "vda", "--total_bytes_sec=1", "--total-bytes-sec",
                     "2"], 1),
    ("unknown-option", ["schedinfo", "test", "--bogus"], 1),
    ("weight-needs-name", ["schedinfo", "test", "5"], 1),
    ("extra-argument", ["vcpuinfo", "test", "extra"], 1),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    path = tmp_path_factory.mktemp("tunexml") / "guest.xml"
    path.write_text(GUEST_XML)
    return {"guest": str(path)}


@pytest.mark.parametrize("case,args,rc", CASES + PARSE_CASES,
                         ids=[c[0] for c in CASES + PARSE_CASES])
def test_local(vireo, files, tmp_path, case, args, rc):
    mine, theirs = run_both(vireo, LOCAL_URI, expand(args, files), tmp_path)
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


QUIET_CASES = [
    ("quiet-perf", ["perf test --enable cmt; perf test --disable cmt"]),
    ("quiet-emulatorpin", ["emulatorpin", "test"]),
    ("quiet-iothreadinfo", ["iothreadinfo", "test"]),
    ("quiet-cpu-stats", ["cpu-stats", "test"]),
]


@pytest.mark.parametrize("case,args", QUIET_CASES, ids=[c[0] for c in QUIET_CASES])
def test_local_quiet(vireo, tmp_path, case, args):
    mine, theirs = run_both(vireo, LOCAL_URI, args, tmp_path, options=["-q"])
    problems = compare(mine, theirs)
    assert not problems, "\n".join(problems)


# Writes are refused on a read-only connection; reads still work.
READONLY_CASES = [
    ("ro-schedinfo-set", ["schedinfo", "test", "--weight", "10"], 1),
    ("ro-memtune-set", ["memtune", "test", "--hard-limit", "1G"], 1),
    ("ro-blkiotune-set", ["blkiotune", "test", "--weight", "100"], 1),
    ("ro-numatune-set", ["numatune", "test", "--nodeset", "0"], 1),
    ("ro-blkdeviotune-set", ["blkdeviotune", "test", "vda", "--total-iops-sec", "5"], 1),
    ("ro-domiftune-set", ["domiftune", "test", NIC, "--inbound", "10"], 1),
    ("ro-perf-set", ["perf", "test", "--enable", "cmt"], 1),
    ("ro-vcpupin-set", ["vcpupin", "test", "0", "1"], 1),
    ("ro-emulatorpin-set", ["emulatorpin", "test", "1"], 1),
    ("ro-iothreadadd", ["iothreadadd", "test", "3"], 1),
    ("ro-iothreaddel", ["iothreaddel", "test", "3"], 1),
    ("ro-iothreadset", ["iothreadset", "test", "3", "--poll-grow", "1"], 1),
    ("ro-iothreadpin", ["iothreadpin", "test", "3", "1"], 1),
    ("ro-schedinfo", ["schedinfo", "test"], 0),
    ("ro-memtune", ["memtune", "test"], 0),
    ("ro-vcpupin", ["vcpupin", "test"], 0),
    ("ro-vcpucount", ["vcpucount", "test"], 0),
    ("ro-cpu-stats", ["cpu-stats", "test", "--total"], 0),
]


@pytest.mark.parametrize("case,args,rc", READONLY_CASES, ids=[c[0] for c in READONLY_CASES])
def test_local_readonly(vireo, tmp_path, case, args, rc):
    mine, theirs = run_both(vireo, LOCAL_URI, args, tmp_path, options=["-r"])
    problems = compare(mine, theirs, rc)
    assert not problems, "\n".join(problems)


# ---- the same comparisons through a daemon --------------------------------

def _run_all(vireo, uri, cases, tmp_path, files=None):
    failures = []
    for case, args, _rc in cases:
        mine, theirs = run_both(vireo, uri, expand(args, files or {}), tmp_path)
        # the exit status virsh gets from a daemon may differ from the
        # in-process driver's; vireo must match virsh against that daemon
        problems = compare(mine, theirs)
        if problems:
            failures.append("[%s]\n%s" % (case, "\n".join(problems)))
    return failures


@pytest.mark.parametrize("transport", ["tcp", "unix"])
@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote(vireo, files, tmp_path, request, which, transport):
    """vireo and virsh against the same daemon print the same for every case
    (all cases in one daemon run; all mismatches reported)."""
    d = request.getfixturevalue(which)
    uri = d.tcp_uri if transport == "tcp" else d.unix_uri
    failures = _run_all(vireo, uri, CASES, tmp_path, files)
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("which", ["libvirtd", "vireod"])
def test_remote_readonly_socket(vireo, tmp_path, request, which):
    d = request.getfixturevalue(which)
    failures = _run_all(vireo, d.ro_unix_uri, READONLY_CASES, tmp_path)
    assert not failures, "\n\n".join(failures)


def test_remote_cases_ran_something(vireo, tmp_path, request):
    """The remote comparison is not vacuous: through vireod, the tuning
    reads print values and a write is visible to the next command."""
    d = request.getfixturevalue("vireod")
    mine, _ = run_both(vireo, d.unix_uri, ["memtune test --soft-limit 2G; memtune test; "
                                           "memtune test --soft-limit -1"], tmp_path)
    rc, out, err = mine
    assert rc == 0, err
    assert "soft_limit     : 2097152\n" in out
    mine, _ = run_both(vireo, d.unix_uri, ["vcpupin", "test"], tmp_path)
    assert mine[0] == 0 and " VCPU   CPU Affinity" in mine[1]


FUZZ_COMMANDS = COMMANDS
FUZZ_WORDS = COMMANDS + [
    "test", "1", "0", "nosuch", "vda", NIC, "--config", "--live", "--current", "--weight",
    "--set", "weight=5", "cap=1", "--hard-limit", "1G", "-1", "--mode", "strict", "--nodeset",
    "0-1", "--inbound", "1,2,3", "--outbound", ",", "--enable", "cmt", "--disable", "r",
    "1-3,^2", "^", "--pretty", "--maximum", "--active", "--guest", "--poll-grow", "--start",
    "--count", "--total", "--total-bytes-sec", "1x", "--group-name", "''", "x", ";", "--",
    "--id", "5", "99999999999", "--cpulist", "--vcpu", "--device-weights", "/dev/sda,1"]


def test_random_command_strings(vireo, tmp_path):
    """Seeded random command strings over the tuning commands give the same
    result from vireo and virsh."""
    rnd = random.Random(20261121)
    failures = []
    for _ in range(120):
        words = [rnd.choice(FUZZ_COMMANDS)] + [rnd.choice(FUZZ_WORDS)
                                              for _ in range(rnd.randint(0, 6))]
        line = " ".join(words)
        mine, theirs = run_both(vireo, LOCAL_URI, [line], tmp_path)
        problems = compare(mine, theirs)
        if problems:
            failures.append("[%r]\n%s" % (line, "\n".join(problems)))
    assert not failures, "\n\n".join(failures[:5])
