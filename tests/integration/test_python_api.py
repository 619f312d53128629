"""python3-libvirt against vireod gives what it gives against libvirtd.

Each case is a function of an open connection returning plain data (values,
or for a failure the error's code, domain, message and level). It runs once
against libvirtd with its test driver and once against vireod, and the two
results must be equal. Where the value is fixed by libvirt's documented
default state the case also pins it (EXPECT), which is checked against both
daemons, so the reference itself is verified.
"""

import re
import socket

import libvirt
import pytest

import helpers

# Keep libvirt from printing every expected error on stderr.
libvirt.registerErrorHandler(lambda ctx, err: None, None)

TEST_UUID = "6695eb01-f6a4-8304-79aa-97f2502e193f"
NET_UUID = "dd8fe884-6c02-601e-7551-cca97df1c5df"
POOL_UUID = "dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566"
ZERO_UUID = "00000000-0000-0000-0000-000000000000"


def dom_xml(name, uuid, mem=1048576, cur=524288, vcpus=1):
    return ("<domain type='test'><name>%s</name><uuid>%s</uuid>"
            "<memory unit='KiB'>%d</memory><currentMemory unit='KiB'>%d</currentMemory>"
            "<vcpu>%d</vcpu><os><type arch='i686'>hvm</type></os></domain>"
            % (name, uuid, mem, cur, vcpus))


XML_A = dom_xml("pa", "3e1f0c2a-1111-4a2b-8c3d-000000000001")
XML_B = dom_xml("pb", "3e1f0c2a-1111-4a2b-8c3d-000000000002", vcpus=2)
XML_T = dom_xml("pt", "3e1f0c2a-1111-4a2b-8c3d-000000000003")
XML_A_OTHER_UUID = dom_xml("pa", "3e1f0c2a-1111-4a2b-8c3d-0000000000ff")


def result(fn, *args):
    """Call fn; return ("ok", value) or ("error", code, domain, message, level)."""
    try:
        return ("ok", fn(*args))
    except libvirt.libvirtError as e:
        return ("error", e.get_error_code(), e.get_error_domain(),
                e.get_error_message(), e.get_error_level())


def dom_summary(dom):
    info = dom.info()
    return {
        "name": dom.name(), "id": dom.ID(), "uuid": dom.UUIDString(),
        "raw_uuid": dom.UUID(),
        # info[4] is CPU time: the test driver reports wall-clock time.
        "info": info[:4], "state": dom.state(), "os": dom.OSType(),
        "active": dom.isActive(), "persistent": dom.isPersistent(),
        "autostart": result(dom.autostart), "maxmem": dom.maxMemory(),
        "managedsave": result(dom.hasManagedSaveImage, 0),
        "snapshots": result(dom.snapshotNum, 0),
        "seclabel": result(dom.securityLabel),
        "xml": dom.XMLDesc(0), "xml_inactive": dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE),
    }


def names(doms):
    return sorted(d.name() for d in doms)


def scenario_state(conn):
    """A varied state: pa defined (off, autostart), pb defined and paused,
    pt transient running, test running."""
    a = conn.defineXML(XML_A)
    a.setAutostart(1)
    b = conn.defineXML(XML_B)
    b.create()
    b.suspend()
    conn.createXML(XML_T, 0)
    return conn


# --- cases: name -> fn(conn) ------------------------------------------------

def case_connection(conn):
    return {
        "type": conn.getType(), "version": conn.getVersion(),
        "libversion": conn.getLibVersion(),
        "hostname": conn.getHostname() == socket.gethostname(),
        "alive": conn.isAlive(), "secure": conn.isSecure(),
        "encrypted": conn.isEncrypted(),
        "maxvcpus": result(conn.getMaxVcpus, None),
        "nodeinfo": conn.getInfo(), "caps": conn.getCapabilities(),
        "sysinfo": conn.getSysinfo(0), "freemem": result(conn.getFreeMemory),
        "cells": result(conn.getCellsFreeMemory, 0, 2),
        "security": result(conn.getSecurityModel),
    }


LIST_FLAGS = [
    0,
    libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE,
    libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE,
    libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE | libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE,
    libvirt.VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
    libvirt.VIR_CONNECT_LIST_DOMAINS_TRANSIENT,
    libvirt.VIR_CONNECT_LIST_DOMAINS_RUNNING,
    libvirt.VIR_CONNECT_LIST_DOMAINS_PAUSED,
    libvirt.VIR_CONNECT_LIST_DOMAINS_SHUTOFF,
    libvirt.VIR_CONNECT_LIST_DOMAINS_OTHER,
    libvirt.VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE,
    libvirt.VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE,
    libvirt.VIR_CONNECT_LIST_DOMAINS_AUTOSTART,
    libvirt.VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART,
    libvirt.VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT,
    libvirt.VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT,
    libvirt.VIR_CONNECT_LIST_DOMAINS_ACTIVE | libvirt.VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
    libvirt.VIR_CONNECT_LIST_DOMAINS_INACTIVE | libvirt.VIR_CONNECT_LIST_DOMAINS_AUTOSTART,
    libvirt.VIR_CONNECT_LIST_DOMAINS_RUNNING | libvirt.VIR_CONNECT_LIST_DOMAINS_PAUSED,
    libvirt.VIR_CONNECT_LIST_DOMAINS_TRANSIENT | libvirt.VIR_CONNECT_LIST_DOMAINS_SHUTOFF,
]


def case_list_default(conn):
    return {
        "all": [(d.name(), d.ID(), d.UUIDString()) for d in conn.listAllDomains(0)],
        "ids": conn.listDomainsID(), "defined": conn.listDefinedDomains(),
        "num": conn.numOfDomains(), "numdefined": conn.numOfDefinedDomains(),
    }


def case_list_filters(conn):
    scenario_state(conn)
    out = {f: names(conn.listAllDomains(f)) for f in LIST_FLAGS}
    out["ids"] = sorted(conn.listDomainsID())
    out["defined"] = sorted(conn.listDefinedDomains())
    out["num"] = conn.numOfDomains()
    out["numdefined"] = conn.numOfDefinedDomains()
    return out


def case_list_bad_flags(conn):
    return result(conn.listAllDomains, 0xffffffff)


def case_lookup_name(conn):
    return dom_summary(conn.lookupByName("test"))


def case_lookup_id(conn):
    return dom_summary(conn.lookupByID(1))


def case_lookup_uuid(conn):
    d1 = conn.lookupByUUIDString(TEST_UUID)
    d2 = conn.lookupByUUID(d1.UUID())
    return dom_summary(d1), d2.name()


def case_lookup_missing(conn):
    return {
        "name": result(conn.lookupByName, "nosuch"),
        "id": result(conn.lookupByID, 99),
        "uuid": result(conn.lookupByUUIDString, ZERO_UUID),
        "net": result(conn.networkLookupByName, "nosuch"),
        "net_uuid": result(conn.networkLookupByUUIDString, ZERO_UUID),
        "pool": result(conn.storagePoolLookupByName, "nosuch"),
        "pool_uuid": result(conn.storagePoolLookupByUUIDString, ZERO_UUID),
    }


def case_lifecycle(conn):
    steps = []
    dom = conn.defineXML(XML_A)
    steps.append(("defined", dom_summary(dom)))
    for op in ("create", "suspend", "resume", "shutdown", "create", "reboot", "destroy"):
        r = result(getattr(dom, op))
        steps.append((op, r, dom.ID(), dom.state(), dom.isActive()))
    steps.append(("after", dom_summary(conn.lookupByName("pa"))))
    steps.append(("undefine", result(dom.undefine)))
    steps.append(("gone", result(conn.lookupByName, "pa")))
    steps.append(("stale_info", result(dom.info)))
    steps.append(("stale_state", result(dom.state)))
    steps.append(("list", names(conn.listAllDomains(0))))
    return steps


def case_create_transient(conn):
    dom = conn.createXML(XML_T, 0)
    out = [dom_summary(dom), names(conn.listAllDomains(0))]
    out.append(result(dom.suspend))
    out.append(dom.state())
    out.append(result(dom.resume))
    out.append(result(dom.destroy))
    out.append(result(conn.lookupByName, "pt"))
    out.append(names(conn.listAllDomains(0)))
    return out


def case_invalid_operations(conn):
    test = conn.lookupByName("test")
    out = {
        "create_running": result(test.create),
        "resume_running": result(test.resume),
        "define_dup_uuid": result(conn.defineXML, XML_A_OTHER_UUID.replace("pa", "test")),
        "createxml_existing": result(conn.createXML, dom_xml("test", TEST_UUID), 0),
        "setmem_too_big": result(test.setMemory, 99999999),
        "setvcpus_too_many": result(test.setVcpus, 64),
        "setmaxmem_running": result(test.setMaxMemory, 4194304),
    }
    out["destroy"] = result(test.destroy)
    out["destroy_again"] = result(test.destroy)
    out["suspend_off"] = result(test.suspend)
    out["resume_off"] = result(test.resume)
    out["shutdown_off"] = result(test.shutdown)
    out["reboot_off"] = result(test.reboot, 0)
    t = conn.createXML(XML_T, 0)
    out["undefine_transient"] = result(t.undefine)
    out["autostart_transient"] = result(t.setAutostart, 1)
    conn.defineXML(XML_A)
    out["define_same_name_other_uuid"] = result(conn.defineXML, XML_A_OTHER_UUID)
    out["list"] = names(conn.listAllDomains(0))
    return out


BAD_XML = [
    "<domain type='test'><name>x</name>",
    "<domain type='test'><memory>1024</memory><os><type>hvm</type></os></domain>",
    "<network><name>x</name></network>",
    "<domain type='test'><name>bm</name><memory>lots</memory><os><type>hvm</type></os></domain>",
    "",
    "not xml at all",
    "<domain type='nosuchtype'><name>q</name><memory>1024</memory>"
    "<os><type>hvm</type></os></domain>",
    "<domain type='test'><name>u</name><uuid>not-a-uuid</uuid><memory>1024</memory>"
    "<os><type>hvm</type></os></domain>",
]


def case_bad_xml(conn):
    return [(result(conn.defineXML, x), result(conn.createXML, x, 0)) for x in BAD_XML] + \
        [names(conn.listAllDomains(0))]


def case_set_tunables(conn):
    test = conn.lookupByName("test")
    out = [result(test.setMemory, 1048576), test.info()[:4],
           result(test.setVcpus, 1), test.info()[:4],
           result(test.setAutostart, 1), test.autostart(),
           result(test.setAutostart, 0), test.autostart(),
           result(test.destroy),
           result(test.setMaxMemory, 4194304), test.info()[:4],
           result(test.setMemoryFlags, 3145728, libvirt.VIR_DOMAIN_AFFECT_CONFIG),
           test.info()[:4], test.XMLDesc(0)]
    return out


def case_networks(conn):
    net = conn.networkLookupByName("default")
    by_uuid = conn.networkLookupByUUIDString(NET_UUID)
    return {
        "all": [(n.name(), n.UUIDString()) for n in conn.listAllNetworks(0)],
        "active": names(conn.listAllNetworks(libvirt.VIR_CONNECT_LIST_NETWORKS_ACTIVE)),
        "inactive": names(conn.listAllNetworks(libvirt.VIR_CONNECT_LIST_NETWORKS_INACTIVE)),
        "persistent": names(conn.listAllNetworks(libvirt.VIR_CONNECT_LIST_NETWORKS_PERSISTENT)),
        "autostart": names(conn.listAllNetworks(libvirt.VIR_CONNECT_LIST_NETWORKS_AUTOSTART)),
        "names": conn.listNetworks(), "defined": conn.listDefinedNetworks(),
        "num": conn.numOfNetworks(), "numdefined": conn.numOfDefinedNetworks(),
        "name": net.name(), "uuid": net.UUIDString(), "raw_uuid": net.UUID(),
        "by_uuid": by_uuid.name(), "bridge": net.bridgeName(),
        "is_active": net.isActive(), "is_persistent": net.isPersistent(),
        "autostart_flag": net.autostart(), "xml": net.XMLDesc(0),
    }


def case_pools(conn):
    pool = conn.storagePoolLookupByName("default-pool")
    by_uuid = conn.storagePoolLookupByUUIDString(POOL_UUID)
    return {
        "all": [(p.name(), p.UUIDString()) for p in conn.listAllStoragePools(0)],
        "active": names(conn.listAllStoragePools(libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE)),
        "inactive": names(conn.listAllStoragePools(
            libvirt.VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE)),
        "names": conn.listStoragePools(), "defined": conn.listDefinedStoragePools(),
        "num": conn.numOfStoragePools(), "numdefined": conn.numOfDefinedStoragePools(),
        "name": pool.name(), "uuid": pool.UUIDString(), "raw_uuid": pool.UUID(),
        "by_uuid": by_uuid.name(), "info": pool.info(),
        "is_active": pool.isActive(), "is_persistent": pool.isPersistent(),
        "autostart_flag": pool.autostart(), "xml": pool.XMLDesc(0),
        "volumes": result(pool.listAllVolumes, 0),
        "numvolumes": result(pool.numOfVolumes),
    }


CASES = {
    "connection": case_connection,
    "list_default": case_list_default,
    "list_filters": case_list_filters,
    "list_bad_flags": case_list_bad_flags,
    "lookup_name": case_lookup_name,
    "lookup_id": case_lookup_id,
    "lookup_uuid": case_lookup_uuid,
    "lookup_missing": case_lookup_missing,
    "lifecycle": case_lifecycle,
    "create_transient": case_create_transient,
    "invalid_operations": case_invalid_operations,
    "bad_xml": case_bad_xml,
    "set_tunables": case_set_tunables,
    "networks": case_networks,
    "pools": case_pools,
}


def _comparable(value):
    """Turn handles into something comparable (they are not equal across
    connections)."""
    if isinstance(value, (list, tuple)):
        return type(value)(_comparable(v) for v in value)
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    if isinstance(value, libvirt.virDomain):
        return ("domain", value.name(), value.UUIDString(), value.ID())
    if isinstance(value, libvirt.virStorageVol):
        return ("volume", value.name(), value.key())
    return value


def run_case(uri, fn, readonly=False):
    conn = libvirt.openReadOnly(uri) if readonly else libvirt.open(uri)
    try:
        return _comparable(fn(conn))
    finally:
        conn.close()


@pytest.mark.parametrize("transport", ["tcp_uri", "unix_uri"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_same_as_libvirtd(libvirtd, vireod, name, transport):
    want = run_case(getattr(libvirtd, transport), CASES[name])
    got = run_case(getattr(vireod, transport), CASES[name])
    assert got == want
    assert vireod.alive()


# --- pinned values: what libvirt's default state gives ----------------------

def test_pinned_values(daemon):
    conn = libvirt.open(daemon.tcp_uri)
    try:
        assert conn.getURI() == daemon.tcp_uri
        dom = conn.lookupByName("test")
        assert (dom.ID(), dom.UUIDString()) == (1, TEST_UUID)
        assert dom.info()[:4] == [libvirt.VIR_DOMAIN_RUNNING, 8388608, 2097152, 2]
        assert dom.OSType() == "linux"
        assert conn.getType() == "TEST" and conn.getVersion() == 2
        assert conn.getLibVersion() == 9000000
        assert conn.getInfo() == ["i686", 3072, 16, 1400, 2, 2, 2, 2]
        assert conn.networkLookupByName("default").UUIDString() == NET_UUID
        assert conn.storagePoolLookupByName("default-pool").info() == \
            [2, 107374182400, 0, 107374182400]
        with pytest.raises(libvirt.libvirtError) as ei:
            conn.lookupByName("nosuch")
        e = ei.value
        assert (e.get_error_code(), e.get_error_domain()) == \
            (libvirt.VIR_ERR_NO_DOMAIN, libvirt.VIR_FROM_TEST)
        assert e.get_error_message() == "Domain not found"
        with pytest.raises(libvirt.libvirtError) as ei:
            dom.create()
        assert ei.value.get_error_code() == libvirt.VIR_ERR_INTERNAL_ERROR
        assert ei.value.get_error_message() == "internal error: Domain 'test' is already running"
        dom.destroy()
        with pytest.raises(libvirt.libvirtError) as ei:
            dom.destroy()
        assert (ei.value.get_error_code(), ei.value.get_error_domain()) == \
            (libvirt.VIR_ERR_OPERATION_INVALID, libvirt.VIR_FROM_DOMAIN)
        assert ei.value.get_error_message() == \
            "Requested operation is not valid: domain is not running"
    finally:
        conn.close()


# --- read-only --------------------------------------------------------------

def case_readonly(conn):
    test = conn.lookupByName("test")
    net = conn.networkLookupByName("default")
    pool = conn.storagePoolLookupByName("default-pool")
    return {
        "queries": (conn.getType(), names(conn.listAllDomains(0)), test.info()[:4],
                    test.XMLDesc(0), net.XMLDesc(0), pool.info()),
        "define": result(conn.defineXML, XML_A),
        "createxml": result(conn.createXML, XML_T, 0),
        "create": result(test.create),
        "destroy": result(test.destroy),
        "suspend": result(test.suspend),
        "resume": result(test.resume),
        "shutdown": result(test.shutdown),
        "reboot": result(test.reboot, 0),
        "undefine": result(test.undefine),
        "setmem": result(test.setMemory, 1024),
        "setmaxmem": result(test.setMaxMemory, 1024),
        "setvcpus": result(test.setVcpus, 1),
        "autostart": result(test.setAutostart, 1),
        "net_autostart": result(net.setAutostart, 1),
        "pool_autostart": result(pool.setAutostart, 1),
        "still_running": test.state(),
    }


@pytest.mark.parametrize("how", ["tcp-openReadOnly", "unix-openReadOnly", "ro-socket"])
def test_readonly_denied(libvirtd, vireod, how):
    def run_on(d):
        if how == "tcp-openReadOnly":
            return run_case(d.tcp_uri, case_readonly, readonly=True)
        if how == "unix-openReadOnly":
            return run_case(d.unix_uri, case_readonly, readonly=True)
        return run_case(d.ro_unix_uri, case_readonly)

    want = run_on(libvirtd)
    got = run_on(vireod)
    assert got == want
    # And it is really a denial, with libvirt's code.
    assert got["define"][:3] == ("error", libvirt.VIR_ERR_OPERATION_DENIED,
                                 libvirt.VIR_FROM_DOMAIN)
    assert got["define"][3] == \
        "operation forbidden: read only access prevents virDomainDefineXML"
    assert got["destroy"][1] == libvirt.VIR_ERR_OPERATION_DENIED
    assert got["still_running"] == [libvirt.VIR_DOMAIN_RUNNING, 0]


def test_state_shared_between_connections(daemon):
    """test:///default is shared while a connection is open, reset after."""
    c1 = libvirt.open(daemon.tcp_uri)
    c2 = libvirt.open(daemon.unix_uri)
    try:
        c1.defineXML(XML_A)
        assert "pa" in names(c2.listAllDomains(0))
    finally:
        c1.close()
        c2.close()
    c3 = libvirt.open(daemon.tcp_uri)
    try:
        assert names(c3.listAllDomains(0)) == ["test"]
    finally:
        c3.close()


# --- hostile domain XML: the same answer as libvirtd, and never a crash -----

_BASE = ("<domain type='test'><name>%s</name><memory>65536</memory>"
         "<os><type>hvm</type></os>%s</domain>")
_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
           + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10)
                     for i in range(9))
           + "]>" + _BASE % ("laughs", "<description>&j;</description>"))
HOSTILE_XML = {
    "billion-laughs": _LAUGHS,
    "external-entity": ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM '
                        '"file:///etc/passwd">]>'
                        + _BASE % ("xxe", "<description>&x;</description>")),
    "deep-nesting": _BASE % ("deep", "<description>" + "<a>" * 50000 + "</a>" * 50000
                             + "</description>"),
    "latin1-bytes": _BASE % ("bad\u00ff", ""),
    "long-name": _BASE % ("n" * 100000, ""),
    "control-char": _BASE % ("a\x01b", ""),
    "memory-overflow": (_BASE % ("bm", "")).replace("65536", "99999999999999999999"),
    "memory-negative": (_BASE % ("nm", "")).replace("65536", "-5"),
    "vcpu-zero": _BASE % ("v0", "<vcpu>0</vcpu>"),
    "vcpu-huge": _BASE % ("vh", "<vcpu>100000</vcpu>"),
    "uuid-garbage": _BASE % ("ub", "<uuid>zzz</uuid>"),
    "name-with-slash": _BASE % ("a/b", ""),
    "name-empty": _BASE % ("", ""),
    "external-dtd": '<!DOCTYPE domain SYSTEM "http://example.com/x.dtd">' + _BASE % ("dtd", ""),
    "processing-instruction": '<?xml-stylesheet href="x"?>' + _BASE % ("pi", ""),
    "foreign-namespace": _BASE % ("ns", "<metadata><x:y xmlns:x='urn:x'>1</x:y></metadata>"),
}


def hostile_define(xml):
    def fn(conn):
        r = result(conn.defineXML, xml)
        if r[0] != "ok":
            return r
        dom = r[1]
        # These documents carry no UUID, so the driver made up a random one.
        xml_out = re.sub(r"<uuid>[0-9a-f-]{36}</uuid>", "<uuid>random</uuid>", dom.XMLDesc(0))
        return ("ok", dom.name(), xml_out, names(conn.listAllDomains(0)))
    return fn


@pytest.mark.parametrize("name", sorted(HOSTILE_XML))
def test_hostile_domain_xml(libvirtd, vireod, name):
    fn = hostile_define(HOSTILE_XML[name])
    want = run_case(libvirtd.unix_uri, fn)
    got = run_case(vireod.unix_uri, fn)
    assert got == want
    assert "root:x:0:0" not in repr(got)
    assert vireod.alive()
