"""Differential suite for typed parameters: schedinfo, memtune, blkiotune,
numatune, domiftune, domstats, nodecpustats, cpu-stats and the dumpxml that
shows what was set, run with stock virsh against Debian's libvirtd (test
driver) and against vireod; exit status, stdout and stderr must match.
Fixtures and normalisation are shared with test_virsh_diff_objects.py.
"""

import pytest

from test_virsh_diff_objects import assert_same
from test_virsh_parity import SMALL_XML

# A guest with tuning elements of its own, to see them parsed, reported and
# rewritten.
TUNED_XML = SMALL_XML.replace("<name>vt1</name>", "<name>vtune</name>").replace(
    "<vcpu>1</vcpu>",
    "<memtune><hard_limit unit='MiB'>512</hard_limit><min_guarantee unit='KiB'>1024"
    "</min_guarantee></memtune>"
    "<blkiotune><weight>300</weight><device><weight>20</weight><path>/dev/sda</path>"
    "</device></blkiotune>"
    "<vcpu>1</vcpu><numatune><memory mode='preferred' nodeset='0-1'/></numatune>").replace(
    "</os>", "</os><devices><interface type='network'><mac address='52:54:00:11:22:33'/>"
             "<source network='default'/><bandwidth><inbound average='100' peak='200'/>"
             "</bandwidth></interface></devices>")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("paramsxml")
    out = {}
    for key, text in {"small": SMALL_XML, "tuned": TUNED_XML}.items():
        p = d / (key + ".xml")
        p.write_text(text)
        out[key] = str(p)
    return out


SCHED_CASES = [
    ("schedinfo", "schedinfo test"),
    ("schedinfo-current", "schedinfo test --current"),
    ("schedinfo-live", "schedinfo test --live"),
    ("schedinfo-config", "schedinfo test --config"),
    ("schedinfo-set-weight", "schedinfo test --set weight=10; schedinfo test"),
    ("schedinfo-set-weight-live", "schedinfo test --live --set weight=10"),
    ("schedinfo-set-weight-config", "schedinfo test --config weight=20"),
    ("schedinfo-set-bad-name", "schedinfo test --set cap=5"),
    ("schedinfo-set-bad-value", "schedinfo test --set weight=abc"),
    ("schedinfo-set-negative", "schedinfo test --set weight=-1"),
    ("schedinfo-shutoff", "destroy test; schedinfo test; schedinfo test --set weight=3"),
    ("schedinfo-nosuch", "schedinfo nosuch"),
]

MEMTUNE_CASES = [
    ("memtune", "memtune test"),
    ("memtune-set", "memtune test --hard-limit 2048000 --soft-limit 1024000 "
                    "--swap-hard-limit 4096000; memtune test; dumpxml test"),
    ("memtune-set-units", "memtune test --hard-limit 2G --soft-limit 1000M; memtune test"),
    ("memtune-unlimited", "memtune test --hard-limit 2048; memtune test --hard-limit -1; "
                          "memtune test; dumpxml test"),
    ("memtune-hard-over-swap", "memtune test --swap-hard-limit 1000; "
                               "memtune test --hard-limit 2000"),
    ("memtune-config", "memtune test --config --soft-limit 4096; memtune test --config; "
                       "memtune test --live; dumpxml --inactive test; dumpxml test"),
    ("memtune-live-and-config", "memtune test --live --config"),
    ("memtune-min-guarantee", "memtune test --min-guarantee 100"),
    ("memtune-shutoff-live", "destroy test; memtune test --live; memtune test --live "
                             "--hard-limit 10"),
    ("memtune-shutoff", "destroy test; memtune test --soft-limit 77; memtune test; "
                        "dumpxml test"),
    ("memtune-nosuch", "memtune nosuch"),
    ("memtune-huge", "memtune test --hard-limit 9007199254740991; memtune test; "
                     "memtune test --soft-limit 99999999999999999999"),
]

BLKIO_CASES = [
    ("blkiotune", "blkiotune test"),
    ("blkiotune-weight", "blkiotune test --weight 500; blkiotune test; dumpxml test"),
    ("blkiotune-device-weights", "blkiotune test --device-weights /dev/sda,100,/dev/sdb,200; "
                                 "blkiotune test; dumpxml test"),
    ("blkiotune-device-merge", "blkiotune test --device-weights /dev/sda,100; "
                               "blkiotune test --device-read-iops-sec /dev/sda,50,/dev/sdc,7; "
                               "blkiotune test --device-write-bytes-sec /dev/sdc,1048576; "
                               "blkiotune test --device-weights /dev/sda,0; "
                               "blkiotune test; dumpxml test"),
    ("blkiotune-device-bad", "blkiotune test --device-weights /dev/sda; "
                             "blkiotune test --device-weights /dev/sda,abc; "
                             "blkiotune test --device-read-bytes-sec /dev/sda,-5"),
    ("blkiotune-config", "blkiotune test --config --weight 321; blkiotune test --config; "
                         "blkiotune test; dumpxml --inactive test"),
    ("blkiotune-shutoff-live", "destroy test; blkiotune test --live --weight 5"),
    ("blkiotune-nosuch", "blkiotune nosuch"),
]

NUMA_CASES = [
    ("numatune", "numatune test"),
    ("numatune-set", "numatune test --mode interleave --nodeset 0; numatune test; dumpxml test"),
    ("numatune-nodeset-only", "numatune test --nodeset 0-1,^1; numatune test; dumpxml test"),
    ("numatune-mode-only", "numatune test --mode preferred"),
    ("numatune-change-mode-live", "numatune test --mode strict --nodeset 0; "
                                  "numatune test --mode interleave"),
    ("numatune-bad-nodeset", "numatune test --nodeset abc; numatune test --nodeset 0-; "
                             "numatune test --nodeset 99999"),
    ("numatune-bad-mode", "numatune test --mode fast"),
    ("numatune-config", "numatune test --config --mode interleave --nodeset 0; "
                        "numatune test --config; dumpxml --inactive test"),
    ("numatune-nosuch", "numatune nosuch"),
]

IFTUNE_CASES = [
    ("domiftune", "domiftune test testnet0"),
    ("domiftune-set", "domiftune test testnet0 --inbound 100,200,300 --outbound 50; "
                      "domiftune test testnet0; dumpxml test"),
    ("domiftune-clear", "domiftune test testnet0 --inbound 100 --outbound 50; "
                        "domiftune test testnet0 --inbound 0; domiftune test testnet0; "
                        "dumpxml test"),
    ("domiftune-by-mac", "domiftune test aa:bb:cc:dd:ee:ff --outbound 10,20,30; "
                         "domiftune test aa:bb:cc:dd:ee:ff"),
    ("domiftune-unknown", "domiftune test eth9; domiftune test eth9 --inbound 5"),
    ("domiftune-config", "domiftune test testnet0 --config --inbound 7; "
                         "domiftune test testnet0 --config; dumpxml --inactive test"),
    ("domiftune-nosuch", "domiftune nosuch testnet0"),
]

STATS_CASES = [
    ("domstats", "domstats"),
    ("domstats-state", "domstats --state"),
    ("domstats-named", "domstats test"),
    ("domstats-iothread", "domstats --iothread test"),
    ("domstats-cpu-total", "domstats --cpu-total"),
    ("domstats-enforce", "domstats --cpu-total --enforce"),
    # one domain per listing: libvirt lists several in its hash table's order
    ("domstats-filters", "define {small}; domstats --list-active; domstats --list-inactive; "
                         "domstats --list-running; domstats --list-shutoff --state; "
                         "domstats --list-transient; domstats --list-other"),
    ("domstats-paused", "suspend test; domstats --list-paused; domstats test"),
    ("domstats-nosuch", "domstats nosuch"),
    ("domstats-flags", "domstats --nowait; domstats --backing --state; domstats --raw test"),
    ("domstats-unsupported-groups", "domstats --balloon --vcpu --interface --block --perf "
                                    "--memory --dirtyrate test; domstats --vcpu --enforce"),
    ("nodecpustats", "nodecpustats; nodecpustats --cpu 0; nodecpustats --percent"),
    ("cpu-stats", "cpu-stats test; cpu-stats test --total; cpu-stats test --start 1 --count 2"),
    ("cpu-stats-bad-start", "cpu-stats test --start 40"),
    ("cpu-stats-shutoff", "destroy test; cpu-stats test"),
    # typed-parameter calls the test driver lacks: VIR_ERR_NO_SUPPORT as libvirtd
    ("lacking-nodememstats", "nodememstats; nodememstats --cell 0"),
    ("lacking-guestinfo", "guestinfo test"),
    ("lacking-memory-params-node", "node-memory-tune"),
    ("lacking-domjobinfo", "domjobinfo test"),
]

IOTUNE_CASES = [
    ("blkdeviotune", "blkdeviotune test vda; blkdeviotune test /guest/diskimage1"),
    ("blkdeviotune-set", "blkdeviotune test vda --total-bytes-sec 1000 --read-iops-sec 50 "
                         "--write-iops-sec 60 --read-iops-sec-max 100 --group-name grp; "
                         "blkdeviotune test vda; dumpxml test"),
    ("blkdeviotune-clear", "blkdeviotune test vda --total-iops-sec 5; "
                           "blkdeviotune test vda --total-iops-sec 0; dumpxml test"),
    ("blkdeviotune-conflicts", "blkdeviotune test vda --total-bytes-sec 5 --read-bytes-sec 4; "
                               "blkdeviotune test vda --total-iops-sec 50 "
                               "--total-iops-sec-max 10; "
                               "blkdeviotune test vda --total-bytes-sec 2000000000000000"),
    ("blkdeviotune-unknown-disk", "blkdeviotune test vdz; blkdeviotune test vdz "
                                  "--total-bytes-sec 5"),
    ("blkdeviotune-config", "blkdeviotune test vda --config --read-bytes-sec 7; "
                            "blkdeviotune test vda --config; dumpxml --inactive test"),
    ("blkdeviotune-shutoff-live", "destroy test; blkdeviotune test vda --live"),
]

PERF_CASES = [
    ("perf", "perf test"),
    ("perf-enable", "perf test --enable cmt,cpu_cycles; perf test --disable mbml; perf test; "
                    "dumpxml test"),
    ("perf-disable-all", "perf test --enable cmt; perf test --disable cmt; dumpxml test"),
    ("perf-bad-event", "perf test --enable nosuch"),
    ("perf-config", "perf test --config --enable instructions; perf test --config; "
                    "dumpxml --inactive test"),
]

DEFINED_CASES = [
    ("tuned-define", "define {tuned}; dumpxml vtune; memtune vtune; blkiotune vtune; "
                     "numatune vtune"),
    ("tuned-rewrite", "define {tuned}; memtune vtune --soft-limit 100; "
                      "blkiotune vtune --device-weights /dev/sdb,3; numatune vtune --nodeset 1; "
                      "dumpxml vtune"),
    ("tuned-start", "define {tuned}; start vtune; numatune vtune --mode strict; "
                    "numatune vtune --nodeset 0; memtune vtune --live; dumpxml vtune; "
                    "dumpxml --inactive vtune"),
    ("tuned-iftune", "define {tuned}; domiftune vtune 52:54:00:11:22:33; "
                     "domiftune vtune 52:54:00:11:22:33 --outbound 9; dumpxml vtune"),
]

CASES = (SCHED_CASES + MEMTUNE_CASES + BLKIO_CASES + NUMA_CASES + IFTUNE_CASES + STATS_CASES +
         IOTUNE_CASES + PERF_CASES + DEFINED_CASES)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_params_same_output(libvirtd, vireod, files, case):
    assert_same(libvirtd, vireod, "tcp_uri", case[1].format(**files))


RO_CASES = [
    ("ro-reads", "schedinfo test; memtune test; blkiotune test; numatune test; "
                 "domiftune test testnet0; domstats; nodecpustats"),
    ("ro-sets", "schedinfo test --set weight=5; memtune test --hard-limit 10; "
                "blkiotune test --weight 100; numatune test --nodeset 0; "
                "domiftune test testnet0 --inbound 5"),
]


@pytest.mark.parametrize("case", RO_CASES, ids=[c[0] for c in RO_CASES])
def test_params_readonly_same_output(libvirtd, vireod, case):
    assert_same(libvirtd, vireod, "unix_uri", case[1], readonly=True)


# ---- hostile or odd arguments on the wire, error for error with libvirtd ----

import struct  # noqa: E402
import uuid as _uuid  # noqa: E402

import helpers as h  # noqa: E402

_TEST_DOM = (h.xdr_string("test") + _uuid.UUID("6695eb01-f6a4-8304-79aa-97f2502e193f").bytes
             + h.xdr_int(1))
_GHOST_DOM = (h.xdr_string("ghost") + _uuid.UUID("00000000-0000-4000-8000-000000000001").bytes
              + h.xdr_int(-1))


def _param(name, ptype, value):
    """One remote_typed_param: name, type code, value."""
    body = h.xdr_string(name) + h.xdr_int(ptype)
    if ptype in (1, 2, 6):
        return body + struct.pack(">I", value & 0xffffffff)
    if ptype in (3, 4):
        return body + struct.pack(">Q", value & 0xffffffffffffffff)
    if ptype == 5:
        return body + struct.pack(">d", value)
    if ptype == 7:
        return body + h.xdr_string(value)
    return body + struct.pack(">I", 0)


def _params(*items):
    return h.xdr_uint(len(items)) + b"".join(items)


WIRE_CASES = [
    ("mem-get-huge", 198, True, h.xdr_int(0x7fffffff) + h.xdr_uint(0)),
    ("mem-get-neg", 198, True, h.xdr_int(-1) + h.xdr_uint(0)),
    ("mem-get-count", 198, True, h.xdr_int(0) + h.xdr_uint(0)),
    ("mem-get-bad-flags", 198, True, h.xdr_int(3) + h.xdr_uint(0x100)),
    ("sched-get-zero", 223, True, h.xdr_int(0) + h.xdr_uint(0)),
    ("sched-get-17", 57, True, h.xdr_int(17)),
    ("sched-type", 56, True, b""),
    ("mem-set-17", 197, True, _params(*[_param("hard_limit", 4, 1)] * 17) + h.xdr_uint(0)),
    ("mem-set-bad-type", 197, True, _params(_param("hard_limit", 99, 1)) + h.xdr_uint(0)),
    ("mem-set-long-name", 197, True, _params(_param("h" * 100, 4, 1)) + h.xdr_uint(0)),
    ("mem-set-string", 197, True, _params(_param("hard_limit", 7, "1")) + h.xdr_uint(0)),
    ("mem-set-twice", 197, True, _params(_param("hard_limit", 4, 1), _param("hard_limit", 4, 2))
     + h.xdr_uint(0)),
    ("mem-set-empty", 197, True, _params() + h.xdr_uint(0)),
    ("blkio-set-garbage", 205, True, _params(_param("device_weight", 7, ",,,")) + h.xdr_uint(0)),
    ("numa-set-bad-mode", 254, True, _params(_param("numa_mode", 1, -5)) + h.xdr_uint(0)),
    ("iface-get-17", 257, True, h.xdr_string("testnet0") + h.xdr_int(17) + h.xdr_uint(0)),
    ("iotune-get-null-disk", 253, True, h.xdr_uint(0) + h.xdr_int(0) + h.xdr_uint(0)),
    ("iotune-get-33", 253, True, h.xdr_uint(1) + h.xdr_string("vda") + h.xdr_int(33)
     + h.xdr_uint(0)),
    ("cpu-stats-nparams", 262, True, h.xdr_uint(17) + h.xdr_int(0) + h.xdr_uint(1)
     + h.xdr_uint(0)),
    ("cpu-stats-ncpus", 262, True, h.xdr_uint(1) + h.xdr_int(0) + h.xdr_uint(129)
     + h.xdr_uint(0)),
    ("cpu-stats-sparse", 262, True, h.xdr_uint(3) + h.xdr_int(0) + h.xdr_uint(2)
     + h.xdr_uint(4)),
    ("node-cpu-stats-17", 227, False, h.xdr_int(-1) + h.xdr_int(17) + h.xdr_uint(0)),
    ("node-cpu-stats-neg", 227, False, h.xdr_int(-1) + h.xdr_int(-1) + h.xdr_uint(0)),
    ("node-cpu-stats-cpu", 227, False, h.xdr_int(-7) + h.xdr_int(2) + h.xdr_uint(0)),
    ("all-stats-ghost", 344, False, h.xdr_uint(2) + _GHOST_DOM + _TEST_DOM + h.xdr_uint(1)
     + h.xdr_uint(0)),
    ("all-stats-enforce", 344, False, h.xdr_uint(0) + h.xdr_uint(0xffff) + h.xdr_uint(1 << 31)),
    ("perf-set-bad", 366, True, _params(_param("cmt", 4, 1)) + h.xdr_uint(0)),
    ("launch-security", 396, True, h.xdr_uint(0)),
]


@pytest.mark.parametrize("case", WIRE_CASES, ids=[c[0] for c in WIRE_CASES])
def test_params_wire_same(libvirtd, vireod, case):
    _name, proc, with_dom, args = case
    payload = (_TEST_DOM if with_dom else b"") + args
    got = []
    for d in (libvirtd, vireod):
        c = h.RawClient(d)
        assert c.open()[0][5] == h.STATUS_OK
        hdr, body = c.call(proc, 2, payload)
        got.append((hdr[5], h.decode_error(body) if hdr[5] == h.STATUS_ERROR else body))
        c.close()
    assert got[0] == got[1]
    assert libvirtd.alive() and vireod.alive()
