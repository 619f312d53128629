"""python3-libvirt walks the objects helper's part of the API against
libvirtd (test driver) and vireod; every step's result, or its error's
code, domain, message and level, must be the same.

Each scenario is a function of an open connection returning a list of
plain results; it runs on a fresh daemon of each kind.
"""

import libvirt
import pytest

import helpers

libvirt.registerErrorHandler(lambda ctx, err: None, None)

NET_XML = ("<network><name>pnet</name><uuid>0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d</uuid>"
           "<bridge name='pbr0'/><forward mode='nat'/>"
           "<ip address='10.9.8.1' netmask='255.255.255.0'/></network>")
POOL_XML = ("<pool type='dir'><name>ppool</name>"
            "<uuid>1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e</uuid>"
            "<target><path>/ppool</path></target></pool>")
VOL_XML = ("<volume><name>pv.img</name><capacity unit='MiB'>8</capacity>"
           "<allocation unit='MiB'>2</allocation></volume>")
IFACE_XML = ("<interface type='ethernet' name='peth'><start mode='onboot'/>"
             "<mac address='52:54:00:01:02:03'/></interface>")


def res(fn, *args):
    try:
        return ("ok", fn(*args))
    except libvirt.libvirtError as e:
        return ("error", e.get_error_code(), e.get_error_domain(),
                e.get_error_message(), e.get_error_level())


def walk_networks(c):
    out = [res(c.networkDefineXML, NET_XML) and "defined"]
    net = c.networkLookupByName("pnet")
    out += [net.isActive(), net.isPersistent(), res(net.bridgeName), res(net.XMLDesc, 0)]
    out += [res(net.create), net.isActive(), res(net.create), res(net.setAutostart, 1),
            net.autostart(), res(net.undefine), res(net.destroy), res(net.undefine),
            res(c.networkLookupByName, "pnet")]
    out.append(sorted(n.name() for n in c.listAllNetworks(0)))
    tn = c.networkCreateXML(NET_XML)
    out += [tn.isPersistent(), res(tn.destroy), res(c.networkLookupByName, "pnet")]
    out.append(res(c.networkDefineXML, "<network>"))
    return out


def walk_pools(c):
    pool = c.storagePoolDefineXML(POOL_XML, 0)
    out = [pool.info(), pool.isActive(), res(pool.build, 0), res(pool.create, 0),
           pool.info(), res(pool.refresh, 0), res(pool.setAutostart, 1), pool.autostart()]
    vol = pool.createXML(VOL_XML, 0)
    out += [vol.name(), vol.key(), vol.path(), vol.info(), pool.info(), pool.listVolumes()]
    out.append(res(pool.createXML, VOL_XML, 0))
    clone = pool.createXMLFrom(VOL_XML.replace("pv.img", "pc.img"), vol, 0)
    out += [clone.path(), sorted(pool.listVolumes())]
    out += [c.storageVolLookupByKey("/ppool/pc.img").name(),
            c.storageVolLookupByPath("/ppool/pv.img").name(),
            res(c.storageVolLookupByPath, "/nope")]
    out += [res(vol.delete, 0), res(clone.delete, 0), pool.listVolumes(), pool.info()]
    out += [res(pool.undefine), res(pool.destroy), res(pool.delete, 0), res(pool.undefine),
            res(c.storagePoolLookupByName, "ppool")]
    tp = c.storagePoolCreateXML(POOL_XML, 0)
    out += [tp.isPersistent(), res(tp.setAutostart, 1), res(tp.destroy),
            res(c.storagePoolLookupByName, "ppool")]
    return out


def walk_domain(c, path):
    d = c.lookupByName("test")
    out = [res(d.managedSave, 0), d.state(), d.hasManagedSaveImage(0),
           res(d.create), d.state(), d.hasManagedSaveImage(0)]
    out += [res(d.getTime, 0), res(d.hostname, 0), res(d.injectNMI, 0), res(d.reset, 0),
            res(d.sendKey, 0, 0, [30, 31], 2, 0)]
    out += [res(d.metadata, libvirt.VIR_DOMAIN_METADATA_DESCRIPTION, None, 0),
            res(d.setMetadata, libvirt.VIR_DOMAIN_METADATA_TITLE, "T", None, None, 0),
            res(d.metadata, libvirt.VIR_DOMAIN_METADATA_TITLE, None, 0),
            res(d.setMetadata, libvirt.VIR_DOMAIN_METADATA_TITLE, "a\nb", None, None, 0)]
    out += [res(d.save, path), d.state() if res(c.lookupByName, "test")[0] == "ok" else None,
            res(c.restore, path), d.state()]
    out += [res(d.rename, "test2", 0), res(d.destroy), res(d.rename, "test2", 0),
            res(c.lookupByName, "test2") and "renamed", res(c.lookupByName, "test")]
    return out


def walk_hostdevs(c):
    out = [c.numOfInterfaces(), c.listInterfaces(), c.numOfDefinedInterfaces(),
           [i.name() for i in c.listAllInterfaces(0)]]
    i = c.interfaceLookupByName("eth1")
    out += [i.MACString(), i.isActive(), i.XMLDesc(0), res(i.create, 0), res(i.destroy, 0),
            i.isActive(), res(c.interfaceLookupByMACString, "aa:bb:cc:dd:ee:ff") and "found",
            res(c.interfaceLookupByMACString, "00:00:00:00:00:01")]
    n = c.interfaceDefineXML(IFACE_XML, 0)
    out += [n.name(), n.XMLDesc(0), sorted(c.listDefinedInterfaces()), res(n.undefine)]
    out += [c.numOfDevices(None, 0), sorted(c.listDevices(None, 0)),
            sorted(c.listDevices("scsi_host", 0)), res(c.listAllDevices, 0) and "all"]
    dev = c.nodeDeviceLookupByName("scsi_host11")
    out += [dev.name(), dev.parent(), dev.numOfCaps(), dev.listCaps(), dev.XMLDesc(0),
            c.nodeDeviceLookupByName("computer").listCaps(),
            res(c.nodeDeviceLookupByName, "nosuch")]
    return out


def walk_unsupported(c):
    d = c.lookupByName("test")
    return [res(d.attachDevice, "<disk/>"), res(d.jobInfo), res(c.listAllSecrets, 0),
            res(c.listAllNWFilters, 0), res(d.blockResize, "vda", 1, 0),
            res(c.getMemoryStats, -1, 0)]


SCENARIOS = {
    "networks": walk_networks,
    "pools": walk_pools,
    "hostdevs": walk_hostdevs,
    "unsupported": walk_unsupported,
}


def _run(d, fn, *args):
    c = libvirt.open(d.tcp_uri)
    try:
        return fn(c, *args)
    finally:
        c.close()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_python_objects_same(libvirtd, vireod, name):
    want = _run(libvirtd, SCENARIOS[name])
    got = _run(vireod, SCENARIOS[name])
    assert got == want


def test_python_domain_extras_same(libvirtd, vireod, tmp_path):
    want = _run(libvirtd, walk_domain, str(tmp_path / "lv.save"))
    got = _run(vireod, walk_domain, str(tmp_path / "lv.save"))
    assert got == want
