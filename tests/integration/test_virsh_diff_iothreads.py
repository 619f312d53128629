"""Differential suite for IOThreads: iothreadinfo, iothreadadd, iothreaddel,
iothreadpin and iothreadset, with the dumpxml that shows each change, run
with stock virsh against Debian's libvirtd (test driver) and against vireod;
exit status, stdout and stderr must match. Fixtures and normalisation are
shared with test_virsh_diff_objects.py.
"""

import pytest

import helpers

from test_virsh_diff_objects import assert_same
from test_virsh_parity import SMALL_XML

# A guest declaring IOThreads: a count beyond its listed ids (the rest are
# numbered by the parser), a pool size, a pin, and a <vcpu cpuset> that the
# unpinned IOThreads follow.
IOT_XML = SMALL_XML.replace("<name>vt1</name>", "<name>vio</name>").replace(
    "0b7e1f3c-5a2d-4c1e-9f00-0123456789ab", "3c8e2f4d-6b1a-4d2e-8f11-0123456789ac").replace(
    "<vcpu>1</vcpu>",
    "<vcpu cpuset='0-3,^1'>2</vcpu><iothreads>4</iothreads>"
    "<iothreadids><iothread id='3'/><iothread id='8' thread_pool_min='1' "
    "thread_pool_max='4'/></iothreadids>"
    "<cputune><shares>100</shares><iothreadpin iothread='8' cpuset='1,2,3'/></cputune>")
# Only a count: every IOThread numbered by the parser, no <iothreadids>.
COUNT_XML = SMALL_XML.replace("<name>vt1</name>", "<name>vcount</name>").replace(
    "0b7e1f3c-5a2d-4c1e-9f00-0123456789ab", "4d9f3a5e-7c2b-4e3f-9a22-0123456789ad").replace(
    "<vcpu>1</vcpu>", "<vcpu>3</vcpu><iothreads>3</iothreads>")


def bad(name, inner):
    return SMALL_XML.replace("<name>vt1</name>", "<name>%s</name>" % name).replace(
        "<vcpu>1</vcpu>", "<vcpu>1</vcpu>" + inner)


BAD_XML = {
    "dupid": bad("vdup", "<iothreadids><iothread id='2'/><iothread id='2'/></iothreadids>"),
    "zeroid": bad("vzero", "<iothreadids><iothread id='0'/></iothreadids>"),
    "noid": bad("vnoid", "<iothreadids><iothread/></iothreadids>"),
    "badcount": bad("vbadc", "<iothreads>two</iothreads>"),
    "negcount": bad("vnegc", "<iothreads>-1</iothreads>"),
    "badpool": bad("vbadp", "<iothreadids><iothread id='1' thread_pool_min='-2'/>"
                            "</iothreadids>"),
    "pinmissing": bad("vpinm", "<iothreads>1</iothreads><cputune>"
                               "<iothreadpin iothread='5' cpuset='0'/></cputune>"),
    "pinnocpuset": bad("vpinn", "<iothreads>1</iothreads><cputune>"
                                "<iothreadpin iothread='1'/></cputune>"),
    "pinempty": bad("vpine", "<iothreads>1</iothreads><cputune>"
                             "<iothreadpin iothread='1' cpuset='0,^0'/></cputune>"),
    "pindup": bad("vpind", "<iothreads>1</iothreads><cputune>"
                           "<iothreadpin iothread='1' cpuset='0'/>"
                           "<iothreadpin iothread='1' cpuset='1'/></cputune>"),
    "pinzero": bad("vpinz", "<iothreads>1</iothreads><cputune>"
                            "<iothreadpin iothread='0' cpuset='0'/></cputune>"),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("iothreadxml")
    out = {}
    texts = {"small": SMALL_XML, "iot": IOT_XML, "count": COUNT_XML}
    texts.update(BAD_XML)
    for key, text in texts.items():
        p = d / (key + ".xml")
        p.write_text(text)
        out[key] = str(p)
    return out


INFO_CASES = [
    ("info-none", "iothreadinfo test; iothreadinfo test --live; iothreadinfo test --config"),
    ("info-current", "iothreadinfo test --current"),
    ("info-live-config", "iothreadinfo test --live --config"),
    ("info-nosuch", "iothreadinfo nosuch"),
    ("info-defined", "define {iot}; iothreadinfo vio; dumpxml vio"),
    ("info-defined-live", "define {iot}; iothreadinfo vio --live"),
    ("info-defined-running", "define {iot}; start vio; iothreadinfo vio; "
                             "iothreadinfo vio --live; iothreadinfo vio --config; dumpxml vio"),
    ("info-count", "define {count}; iothreadinfo vcount; dumpxml vcount"),
]

ADD_CASES = [
    ("add", "iothreadadd test 3; iothreadinfo test; dumpxml test"),
    ("add-several", "iothreadadd test 5; iothreadadd test 2; iothreadadd test 9 --live; "
                    "iothreadinfo test; dumpxml test"),
    ("add-config", "iothreadadd test 4 --config; iothreadinfo test --config; "
                   "iothreadinfo test; dumpxml --inactive test; dumpxml test"),
    ("add-live-config", "iothreadadd test 4 --live --config"),
    ("add-duplicate", "iothreadadd test 3; iothreadadd test 3"),
    ("add-duplicate-defined", "define {iot}; iothreadadd vio 8; iothreadadd vio 1"),
    ("add-zero", "iothreadadd test 0"),
    ("add-negative", "iothreadadd test -1; iothreadadd test abc"),
    ("add-inactive-live", "define {small}; iothreadadd vt1 1 --live"),
    ("add-inactive", "define {small}; iothreadadd vt1 6; iothreadinfo vt1; dumpxml vt1"),
    ("add-count", "define {count}; iothreadadd vcount 7; dumpxml vcount"),
    ("add-nosuch", "iothreadadd nosuch 1"),
]

DEL_CASES = [
    ("del", "iothreadadd test 3; iothreaddel test 3; iothreadinfo test; dumpxml test"),
    ("del-missing", "iothreaddel test 3"),
    ("del-zero", "iothreaddel test 0"),
    ("del-twice", "iothreadadd test 3; iothreaddel test 3; iothreaddel test 3"),
    ("del-config", "iothreadadd test 3 --config; iothreaddel test 3; "
                   "iothreaddel test 3 --config; dumpxml --inactive test"),
    ("del-inactive-live", "define {small}; iothreaddel vt1 1 --live"),
    ("del-defined", "define {iot}; iothreaddel vio 1; dumpxml vio; iothreaddel vio 8; "
                    "dumpxml vio; iothreadinfo vio"),
    ("del-count-first", "define {count}; iothreaddel vcount 1; dumpxml vcount"),
    ("del-count-last", "define {count}; iothreaddel vcount 3; dumpxml vcount; "
                       "iothreadinfo vcount"),
    ("del-pinned", "iothreadadd test 2; iothreadpin test 2 0; iothreaddel test 2; "
                   "dumpxml test"),
]

PIN_CASES = [
    ("pin", "iothreadadd test 2; iothreadpin test 2 0-1; iothreadinfo test; dumpxml test"),
    ("pin-query", "iothreadadd test 2; iothreadpin test 2"),
    ("pin-repin", "iothreadadd test 2; iothreadpin test 2 1; iothreadpin test 2 0,1,^0; "
                  "iothreadinfo test; dumpxml test"),
    ("pin-order", "iothreadadd test 4; iothreadadd test 2; iothreadpin test 2 1; "
                  "iothreadpin test 4 0; dumpxml test; iothreadinfo test"),
    ("pin-missing", "iothreadpin test 9 0"),
    ("pin-zero", "iothreadpin test 0 0"),
    ("pin-bad-cpulist", "iothreadadd test 2; iothreadpin test 2 abc; "
                        "iothreadpin test 2 99999"),
    ("pin-config", "iothreadadd test 3 --config; iothreadpin test 3 1 --config; "
                   "iothreadinfo test --config; dumpxml --inactive test"),
    ("pin-config-missing", "iothreadadd test 3; iothreadpin test 3 1 --config"),
    ("pin-inactive-live", "define {small}; iothreadpin vt1 1 0 --live"),
    ("pin-defined", "define {iot}; iothreadpin vio 3 0; iothreadpin vio 8 0-1; "
                    "iothreadinfo vio; dumpxml vio"),
    ("pin-vcpupin-emulatorpin", "iothreadadd test 2; iothreadpin test 2 1; "
                                "vcpupin test 0 1; emulatorpin test 0; dumpxml test"),
]

SET_CASES = [
    ("set", "iothreadadd test 2; iothreadset test 2 --poll-max-ns 100 --poll-grow 2 "
            "--poll-shrink 3; iothreadinfo test; dumpxml test"),
    ("set-missing", "iothreadset test 9 --poll-max-ns 1"),
    ("set-zero", "iothreadset test 0 --poll-max-ns 1"),
    ("set-nothing", "iothreadadd test 2; iothreadset test 2"),
    ("set-config", "iothreadadd test 2; iothreadset test 2 --poll-grow 1 --config"),
    ("set-live", "iothreadadd test 2; iothreadset test 2 --poll-grow 1 --live"),
    ("set-bad-value", "iothreadadd test 2; iothreadset test 2 --poll-grow -1; "
                      "iothreadset test 2 --poll-max-ns abc"),
    ("set-after-del", "iothreadadd test 2; iothreaddel test 2; iothreadset test 2 "
                      "--poll-grow 1"),
    # declared in the XML only: the test driver keeps no polling state for it
    ("set-declared", "define {iot}; start vio; iothreadset vio 3 --poll-grow 1"),
    ("set-inactive", "define {small}; iothreadadd vt1 2; iothreadset vt1 2 --poll-grow 1"),
    ("set-thread-pool", "iothreadadd test 2; iothreadset test 2 --thread-pool-min 1"),
]

STATS_CASES = [
    ("domstats", "iothreadadd test 2; iothreadadd test 5 --config; domstats --iothread test; "
                 "iothreadset test 2 --poll-max-ns 7 --poll-grow 1 --poll-shrink 9; "
                 "domstats --iothread test; domstats test"),
    ("domstats-after-del", "iothreadadd test 2; iothreadadd test 3; iothreaddel test 2; "
                           "domstats --iothread test"),
    ("domstats-shutoff", "iothreadadd test 2; destroy test; domstats --iothread test"),
    ("domstats-declared", "define {iot}; start vio; domstats --iothread vio"),
]

XML_CASES = [("xml-" + k, "define {%s}" % k) for k in sorted(BAD_XML)]

LIFECYCLE_CASES = [
    ("destroy-keeps", "iothreadadd test 2; iothreadpin test 2 0; destroy test; "
                      "iothreadinfo test; dumpxml test; start test; iothreadinfo test"),
    ("add-config-del-current", "iothreadadd test 2 --config; iothreaddel test 2"),
]

CASES = (INFO_CASES + ADD_CASES + DEL_CASES + PIN_CASES + SET_CASES + STATS_CASES + XML_CASES +
         LIFECYCLE_CASES)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_iothreads_same_output(libvirtd, vireod, files, case):
    assert_same(libvirtd, vireod, "tcp_uri", case[1].format(**files))


RO_CASES = [
    ("ro-info", "iothreadinfo test"),
    ("ro-add", "iothreadadd test 2"),
    ("ro-del", "iothreaddel test 1"),
    ("ro-pin", "iothreadpin test 1 0"),
    ("ro-set", "iothreadset test 1 --poll-grow 1"),
]


@pytest.mark.parametrize("case", RO_CASES, ids=[c[0] for c in RO_CASES])
def test_iothreads_readonly_same_output(libvirtd, vireod, case):
    assert_same(libvirtd, vireod, "unix_uri", case[1], readonly=True)


# A state file: libvirt's test driver gives the IOThreads of the domains it
# loads from one their polling state (a defined domain's get none).
STATE_XML = """<node>
  <domain type='test'>
    <name>fio</name>
    <uuid>5e0a4b6f-8d3c-4f40-8b33-0123456789ae</uuid>
    <memory>1048576</memory>
    <vcpu>2</vcpu>
    <iothreads>2</iothreads>
    <iothreadids><iothread id='4'/></iothreadids>
    <os><type>hvm</type></os>
  </domain>
</node>
"""


def test_state_file_iothreads(libvirtd, vireod, tmp_path):
    path = tmp_path / "iothreads.xml"
    path.write_text(STATE_XML)
    script = ("domstats --iothread fio; iothreadset fio 4 --poll-grow 3; "
              "iothreadset fio 1 --poll-shrink 2; domstats --iothread fio; iothreadinfo fio; "
              "iothreaddel fio 4; domstats --iothread fio; dumpxml fio")
    outs = []
    for d in (libvirtd, vireod):
        uri = d.tcp_uri.replace("/default", str(path))
        rc, out, err = helpers.virsh(uri, script)
        outs.append("exit status: %s\n--- stdout ---\n%s--- stderr ---\n%s" % (rc, out, err))
    assert outs[0] == outs[1]
    assert "iothread.4.poll-grow=3" in outs[1] and "exit status: 0" in outs[1]
