"""test:///PATH.xml through the daemon: a custom state file, private to the
connection that opened it. virsh and python3-libvirt must see the same thing
through vireod as through libvirtd, including the errors for bad files."""

import difflib

import libvirt
import pytest

import helpers

libvirt.registerErrorHandler(lambda ctx, err: None, None)

STATE = """<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
  <cpu>
    <mhz>2400</mhz>
    <model>x86_64</model>
    <nodes>1</nodes>
    <sockets>1</sockets>
    <cores>4</cores>
    <threads>2</threads>
  </cpu>
  <memory>4194304</memory>
  <domain type='test'>
    <name>web</name>
    <uuid>11111111-2222-4333-8444-555555555555</uuid>
    <memory unit='KiB'>2097152</memory>
    <currentMemory unit='KiB'>1048576</currentMemory>
    <vcpu>2</vcpu>
    <os><type arch='x86_64'>hvm</type></os>
  </domain>
  <domain type='test'>
    <name>db</name>
    <uuid>11111111-2222-4333-8444-666666666666</uuid>
    <memory unit='KiB'>4194304</memory>
    <vcpu>4</vcpu>
    <os><type arch='x86_64'>hvm</type></os>
    <test:runstate>5</test:runstate>
  </domain>
  <network>
    <name>lan</name>
    <uuid>22222222-3333-4444-8555-666666666666</uuid>
    <bridge name='br-lan'/>
    <ip address='10.9.8.1' netmask='255.255.255.0'/>
  </network>
  <pool type='dir'>
    <name>images</name>
    <uuid>33333333-4444-4555-8666-777777777777</uuid>
    <capacity unit='bytes'>10737418240</capacity>
    <allocation unit='bytes'>1073741824</allocation>
    <available unit='bytes'>9663676416</available>
    <target><path>/var/images</path></target>
  </pool>
</node>
"""

COMMANDS = [
    ["nodeinfo"],
    ["list", "--all"],
    ["dominfo", "web"],
    ["dominfo", "db"],
    ["domstate", "--reason", "db"],
    ["dumpxml", "web"],
    ["dumpxml", "db"],
    ["net-list", "--all"],
    ["net-info", "lan"],
    ["net-dumpxml", "lan"],
    ["pool-list", "--all"],
    ["pool-info", "images"],
    ["pool-dumpxml", "images"],
    ["start db; list --all; destroy web; list --all"],
    ["dominfo", "test"],
]


@pytest.fixture
def state_file(tmp_path):
    p = tmp_path / "state.xml"
    p.write_text(STATE)
    return str(p)


def uri_for(daemon, path, transport="tcp"):
    if transport == "tcp":
        return "test+tcp://127.0.0.1:%d%s" % (daemon.port, path)
    return "test+unix://%s?socket=%s" % (path, daemon.sock)


def outcome(daemon, uri, args):
    rc, out, err = helpers.virsh(uri, *args)
    text = "exit status: %s\n--- stdout ---\n%s--- stderr ---\n%s" % (rc, out, err)
    return helpers.normalise(helpers.normalise_uri(text, daemon))


@pytest.mark.parametrize("transport", ["tcp", "unix"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a)[:40])
def test_virsh_state_file(libvirtd, vireod, state_file, args, transport):
    want = outcome(libvirtd, uri_for(libvirtd, state_file, transport), args)
    got = outcome(vireod, uri_for(vireod, state_file, transport), args)
    if want != got:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                            "libvirtd", "vireod"))
        pytest.fail("virsh %s differs:\n%s" % (" ".join(args), diff), pytrace=False)


def private_state(uri):
    """Two connections to the same file each get their own copy."""
    c1 = libvirt.open(uri)
    c2 = libvirt.open(uri)
    try:
        c1.lookupByName("web").destroy()
        c1.defineXML("<domain type='test'><name>extra</name>"
                     "<uuid>44444444-5555-4666-8777-888888888888</uuid>"
                     "<memory>65536</memory><os><type>hvm</type></os></domain>")
        return {
            "c1": sorted((d.name(), d.isActive()) for d in c1.listAllDomains(0)),
            "c2": sorted((d.name(), d.isActive()) for d in c2.listAllDomains(0)),
            "nodeinfo": c2.getInfo(),
            "pool": c2.storagePoolLookupByName("images").info(),
            "net": c2.networkLookupByName("lan").bridgeName(),
        }
    finally:
        c1.close()
        c2.close()


def test_state_file_is_private(libvirtd, vireod, state_file):
    want = private_state(uri_for(libvirtd, state_file))
    got = private_state(uri_for(vireod, state_file))
    assert got == want
    assert got["c2"] == [("db", 0), ("web", 1)]
    assert got["c1"] == [("db", 0), ("extra", 0), ("web", 0)]


def open_error(uri):
    try:
        libvirt.open(uri).close()
    except libvirt.libvirtError as e:
        return (e.get_error_code(), e.get_error_domain(), e.get_error_message())
    return None


@pytest.mark.parametrize("content", [
    None, "", "<node>", "<notnode/>",
    "<node><cpu><mhz>fast</mhz></cpu></node>",
    "<node><domain type='test'><name>x</name></domain></node>",
], ids=["missing", "empty", "unclosed", "wrong-root", "bad-mhz", "bad-domain"])
def test_bad_state_file(libvirtd, vireod, tmp_path, content):
    p = tmp_path / "bad.xml"
    if content is not None:
        p.write_text(content)
    want = open_error(uri_for(libvirtd, str(p)))
    got = open_error(uri_for(vireod, str(p)))
    assert got == want
    assert libvirtd.alive() and vireod.alive()
