"""Differential suite, part two: the rest of the test driver's object model
(domain <metadata> elements; vCPU information: vcpuinfo and the vcpupin query; domifaddr), run with stock virsh against Debian's
libvirtd and against vireod; exit status, stdout and stderr must match.
Fixtures and normalisation are shared with test_virsh_diff_objects.py.
"""

import libvirt
import pytest

import difflib
import re

from test_virsh_diff_objects import assert_same, outcome
from test_virsh_parity import SMALL_XML

CPUSET_XML = SMALL_XML.replace("<name>vt1</name>", "<name>vcpus</name>").replace(
    "<vcpu>1</vcpu>", "<vcpu cpuset='1-5,^3,9' current='2'>4</vcpu>")
PINNED_XML = CPUSET_XML.replace("<name>vcpus</name>", "<name>vpin</name>").replace(
    "0b7e1f3c-5a2d-4c1e-9f00-0123456789ab", "0b7e1f3c-5a2d-4c1e-9f00-0123456789ac").replace(
    "<os>", "<cputune><vcpupin vcpu='1' cpuset='0,6-7'/><vcpupin vcpu='3' cpuset='2'/></cputune><os>")
META_EMPTY_XML = SMALL_XML.replace("<name>vt1</name>", "<name>vmeta</name><metadata>\n</metadata>")
META_FULL_XML = SMALL_XML.replace(
    "<name>vt1</name>",
    "<name>vmeta</name><metadata><a:x xmlns:a='http://example.org/app1' k='v'>t</a:x>"
    "<b:y xmlns:b='http://example.org/app2'><b:z/></b:y></metadata>")


@pytest.fixture(scope="module")
def xml_files(tmp_path_factory):
    from test_virsh_diff_objects import FILES
    d = tmp_path_factory.mktemp("obj2xml")
    files = {}
    for key, text in dict(FILES, metaempty=META_EMPTY_XML, metafull=META_FULL_XML, cpuset=CPUSET_XML, pinned=PINNED_XML).items():
        p = d / (key + ".xml")
        p.write_text(text)
        files[key] = str(p)
    files["savefile"] = str(d / "guest.save")
    return files

NS = "http://example.org/app1"
NS2 = "http://example.org/app2"

METADATA_CASES = [
    ("meta-set-get", "metadata test %s --key app1 --set '<foo a=\"1\"><bar>x &amp; y</bar><baz/></foo>'; "
                     "metadata test %s; dumpxml test" % (NS, NS)),
    ("meta-two-apps", "metadata test %s --key app1 --set '<foo/>'; "
                      "metadata test %s --key app2 --set '<other><x>1</x></other>'; "
                      "metadata test %s; metadata test %s; dumpxml test" % (NS, NS2, NS2, NS)),
    ("meta-replace", "metadata test %s --key app1 --set '<foo/>'; "
                     "metadata test %s --key app1 --set '<repl>new</repl>'; "
                     "metadata test %s; dumpxml test" % (NS, NS, NS)),
    ("meta-remove", "metadata test %s --key app1 --set '<foo/>'; metadata test %s --remove; "
                    "metadata test %s; dumpxml test" % (NS, NS, NS)),
    ("meta-remove-absent", "metadata test %s --remove; dumpxml test" % NS),
    ("meta-own-ns", "metadata test %s --key app1 --set '<foo xmlns:o=\"urn:o\"><o:in/><plain/></foo>'; "
                    "metadata test %s; dumpxml test" % (NS, NS)),
    ("meta-bad-xml", "metadata test %s --key app1 --set '<foo>'" % NS),
    ("meta-bad-key", "metadata test %s --key '1bad' --set '<foo/>'" % NS),
    ("meta-no-key", "metadata test %s --set '<foo/>'" % NS),
    ("meta-config", "metadata test %s --key app1 --config --set '<cfg/>'; metadata test %s; "
                    "metadata test %s --config; dumpxml --inactive test" % (NS, NS, NS)),
    ("meta-live-shutoff", "destroy test; metadata test %s --live --key a --set '<x/>'" % NS),
    ("meta-shutoff", "destroy test; metadata test %s --key a --set '<x/>'; metadata test %s; "
                     "metadata test %s --config" % (NS, NS, NS)),
    ("meta-define-empty", "define {metaempty}; dumpxml vmeta; metadata vmeta %s" % NS),
    ("meta-define", "define {metafull}; dumpxml vmeta; metadata vmeta %s; metadata vmeta %s"
                    % (NS, NS2)),
    ("meta-nosuch", "metadata nosuch %s" % NS),
]

VCPU_CASES = [
    ("vcpuinfo", "vcpuinfo test; vcpuinfo --pretty test"),
    ("vcpuinfo-shutoff", "destroy test; vcpuinfo test; vcpuinfo --pretty test"),
    ("vcpupin-query", "vcpupin test; vcpupin test --config; vcpupin test 1; vcpupin test 7"),
    ("vcpupin-query-shutoff", "destroy test; vcpupin test; vcpupin test --live"),
    ("vcpu-cpuset", "define {cpuset}; vcpupin vcpus; vcpuinfo vcpus; start vcpus; "
                    "vcpuinfo vcpus; vcpupin vcpus; vcpupin --live vcpus"),
    ("vcpu-pinned", "define {pinned}; vcpupin vpin; vcpuinfo vpin; start vpin; vcpuinfo vpin; "
                    "vcpuinfo --pretty vpin; vcpupin vpin"),
    ("vcpupin-set", "vcpupin test 1 2-4,7; vcpupin test; vcpuinfo test; dumpxml test; "
                    "vcpupin test 0 0; vcpupin test 1 5; dumpxml test; dumpxml --inactive test"),
    ("vcpupin-set-errors", "vcpupin test 5 1; vcpupin test 0 1 --config; vcpupin test 0 99; "
                           "destroy test; vcpupin test 0 1"),
    ("vcpupin-set-existing", "define {pinned}; start vpin; vcpupin vpin 3 1; vcpupin vpin 0 1; "
                             "vcpupin vpin 1 3; dumpxml vpin; vcpupin vpin"),
    ("vcpu-transient", "create {transient}; vcpuinfo vtt; vcpupin vtt; vcpupin --config vtt"),
    ("vcpuinfo-nosuch", "vcpuinfo nosuch; vcpupin nosuch"),
]

IFADDR_CASES = [
    ("domifaddr", "domifaddr test; domifaddr --full test; domifaddr test --source lease; "
                  "domifaddr test --source arp; domifaddr test --interface testnet0"),
    ("domifaddr-agent", "domifaddr test --source agent"),
    ("domifaddr-shutoff", "destroy test; domifaddr test"),
    ("domifaddr-rich", "define {rich}; start vt2; domiflist vt2; domifaddr vt2; domifaddr --full vt2"),
    ("domifaddr-nosuch", "domifaddr nosuch"),
]


@pytest.mark.parametrize("case", IFADDR_CASES, ids=[c[0] for c in IFADDR_CASES])
def test_objects2_ifaddr_same_output(libvirtd, vireod, xml_files, case):
    assert_same(libvirtd, vireod, "tcp_uri", case[1].format(**xml_files))


@pytest.mark.parametrize("case", [("domifaddr-ro", "domifaddr test; domifaddr test --source agent")],
                         ids=["domifaddr-ro"])
def test_objects2_ifaddr_readonly(libvirtd, vireod, xml_files, case):
    assert_same(libvirtd, vireod, "unix_uri", case[1], readonly=True)


IFSTAT_CASES = [
    ("domifstat", "domifstat test testnet0; domifstat test aa:bb:cc:dd:ee:ff; "
                  "domifstat test AA:BB:CC:DD:EE:FF"),
    ("domifstat-unknown", "domifstat test eth7; domifstat test 00:11:22:33:44:55"),
    ("domifstat-shutoff", "destroy test; domifstat test testnet0"),
    ("domifstat-nosuch", "domifstat nosuch testnet0"),
]

# The counters grow with the clock on both daemons: only their presence,
# order and names are compared.
_COUNTER_RE = re.compile(r"^(\S+ [rt]x_\w+) \d+$", re.M)


@pytest.mark.parametrize("case", IFSTAT_CASES, ids=[c[0] for c in IFSTAT_CASES])
def test_objects2_ifstat_same_output(libvirtd, vireod, case):
    want = _COUNTER_RE.sub(r"\1 <n>", outcome(libvirtd, libvirtd.tcp_uri, case[1]))
    got = _COUNTER_RE.sub(r"\1 <n>", outcome(vireod, vireod.tcp_uri, case[1]))
    if want != got:
        diff = "".join(difflib.unified_diff(
            want.splitlines(True), got.splitlines(True), "libvirtd", "vireod"))
        pytest.fail("virsh '%s' differs:\n%s" % (case[1], diff), pytrace=False)


def _ifaddr_walk(uri):
    conn = libvirt.open(uri)
    try:
        dom = conn.lookupByName("test")
        out = [dom.interfaceAddresses(0), len(dom.interfaceStats("testnet0"))]
        for src in (7,):
            try:
                dom.interfaceAddresses(src)
            except libvirt.libvirtError as e:
                out.append((e.get_error_code(), e.get_error_domain(), e.get_error_message()))
        return out
    finally:
        conn.close()


def test_objects2_python_ifaddr(libvirtd, vireod):
    assert _ifaddr_walk(vireod.tcp_uri) == _ifaddr_walk(libvirtd.tcp_uri)


@pytest.mark.parametrize("case", METADATA_CASES, ids=[c[0] for c in METADATA_CASES])
def test_objects2_same_output(libvirtd, vireod, xml_files, case):
    assert_same(libvirtd, vireod, "tcp_uri", case[1].format(**xml_files))


@pytest.mark.parametrize("case", VCPU_CASES, ids=[c[0] for c in VCPU_CASES])
def test_objects2_vcpu_same_output(libvirtd, vireod, xml_files, case):
    assert_same(libvirtd, vireod, "tcp_uri", case[1].format(**xml_files))


def _vcpu_walk(uri):
    conn = libvirt.open(uri)
    try:
        dom = conn.lookupByName("test")
        info, maps = dom.vcpus()
        out = [[(n, st, cpu) for (n, st, _t, cpu) in info], maps, dom.vcpuPinInfo(0),
               dom.vcpuPinInfo(libvirt.VIR_DOMAIN_AFFECT_CONFIG)]
        dom.destroy()
        try:
            dom.vcpus()
        except libvirt.libvirtError as e:
            out.append((e.get_error_code(), e.get_error_domain(), e.get_error_message()))
        out.append(dom.vcpuPinInfo(0))
        return out
    finally:
        conn.close()


def test_objects2_python_vcpus(libvirtd, vireod):
    assert _vcpu_walk(vireod.tcp_uri) == _vcpu_walk(libvirtd.tcp_uri)


def _metadata_walk(uri):
    conn = libvirt.open(uri)
    try:
        dom = conn.lookupByName("test")
        out = []
        dom.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, "<a><b c='d'/></a>", "k", NS,
                        libvirt.VIR_DOMAIN_AFFECT_LIVE)
        out.append(dom.metadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, NS))
        for args in ((libvirt.VIR_DOMAIN_METADATA_ELEMENT, NS2),
                     (7, None)):
            try:
                dom.metadata(*args)
            except libvirt.libvirtError as e:
                out.append((e.get_error_code(), e.get_error_domain(), e.get_error_message()))
        dom.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, None, None, NS)
        try:
            dom.metadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, NS)
        except libvirt.libvirtError as e:
            out.append((e.get_error_code(), e.get_error_domain(), e.get_error_message()))
        return out
    finally:
        conn.close()


def test_objects2_python_metadata(libvirtd, vireod):
    assert _metadata_walk(vireod.tcp_uri) == _metadata_walk(libvirtd.tcp_uri)


# ---- hostile or odd arguments on the wire, error for error with libvirtd ----

import uuid as _uuid  # noqa: E402

import helpers as h  # noqa: E402

_TEST_DOM = (h.xdr_string("test") + _uuid.UUID("6695eb01-f6a4-8304-79aa-97f2502e193f").bytes
             + h.xdr_int(1))


def _opaque(b):
    return h.xdr_uint(len(b)) + b + b"\0" * (-len(b) % 4)


WIRE_CASES = [
    ("vcpus-neg-maxinfo", 20, h.xdr_int(-1) + h.xdr_int(1)),
    ("vcpus-neg-maplen", 20, h.xdr_int(1) + h.xdr_int(-1)),
    ("vcpus-zero", 20, h.xdr_int(0) + h.xdr_int(0)),
    ("vcpus-many", 20, h.xdr_int(20000) + h.xdr_int(1)),
    ("vcpus-huge-maps", 20, h.xdr_int(16384) + h.xdr_int(1000)),
    ("vcpus-overflow", 20, h.xdr_int(16384) + h.xdr_int(0x7fffffff)),
    ("pininfo-neg", 230, h.xdr_int(-1) + h.xdr_int(1) + h.xdr_uint(0)),
    ("pininfo-neg-maplen", 230, h.xdr_int(1) + h.xdr_int(-1) + h.xdr_uint(0)),
    ("pininfo-many", 230, h.xdr_int(20000) + h.xdr_int(1) + h.xdr_uint(0)),
    ("pininfo-flags", 230, h.xdr_int(1) + h.xdr_int(1) + h.xdr_uint(3)),
    ("pin-vcpu-big", 26, h.xdr_uint(4000000000) + _opaque(b"\x01")),
    ("pin-empty-map", 225, h.xdr_uint(0) + _opaque(b"") + h.xdr_uint(0)),
    ("pin-flags", 225, h.xdr_uint(0) + _opaque(b"\x01") + h.xdr_uint(4)),
    ("ifstats-empty", 65, h.xdr_string("")),
    ("ifaddr-source", 353, h.xdr_uint(99) + h.xdr_uint(0)),
    ("ifaddr-flags", 353, h.xdr_uint(0) + h.xdr_uint(1)),
    ("cpumap-flags", 293, h.xdr_int(1) + h.xdr_int(1) + h.xdr_uint(1)),
]


@pytest.mark.parametrize("case", WIRE_CASES, ids=[c[0] for c in WIRE_CASES])
def test_objects2_wire_errors_match(libvirtd, vireod, case):
    _name, proc, args = case
    payload = args if proc == 293 else _TEST_DOM + args
    got = []
    for d in (libvirtd, vireod):
        c = h.RawClient(d)
        assert c.open()[0][5] == h.STATUS_OK
        hdr, body = c.call(proc, 2, payload)
        got.append((hdr[5], h.decode_error(body) if hdr[5] == h.STATUS_ERROR else body))
        c.close()
    assert got[0] == got[1]
    assert libvirtd.alive() and vireod.alive()
