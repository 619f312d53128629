"""python3-libvirt (Debian's client) walks the snapshot and checkpoint API
against vireod over the unix socket: every virDomainSnapshot* and
virDomainCheckpoint* call, their results and their error codes/domains.
The same walk runs against libvirtd and the two transcripts must match,
so the values asserted here are libvirt's, not ours."""

import libvirt
import pytest

SNAP_XML = "<domainsnapshot><name>%s</name><description>%s</description></domainsnapshot>"
CHK_XML = "<domaincheckpoint><name>%s</name></domaincheckpoint>"


def err(fn, *args):
    """(code, domain, message) of the libvirtError fn raises."""
    with pytest.raises(libvirt.libvirtError) as e:
        fn(*args)
    return (e.value.get_error_code(), e.value.get_error_domain(), e.value.get_error_message())


def names(objs):
    return sorted(o.getName() for o in objs)


def snapshot_walk(conn):
    out = []
    dom = conn.lookupByName("test")
    out.append(("num0", dom.snapshotNum(), dom.hasCurrentSnapshot()))
    out.append(("no-current", err(dom.snapshotCurrent)))
    a = dom.snapshotCreateXML(SNAP_XML % ("a", "first"))
    b = dom.snapshotCreateXML(SNAP_XML % ("b", "second"))
    dom.revertToSnapshot(a)
    c = dom.snapshotCreateXML(SNAP_XML % ("c", "third"))
    out.append(("handles", a.getName(), b.getName(), c.getDomain().name(),
                c.getConnect() is not None))
    out.append(("num", dom.snapshotNum(), dom.snapshotNum(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS),
                dom.snapshotNum(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES)))
    out.append(("names", sorted(dom.snapshotListNames()),
                sorted(dom.snapshotListNames(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_LEAVES))))
    out.append(("all", names(dom.listAllSnapshots()),
                names(dom.listAllSnapshots(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_ROOTS))))
    topo = [s.getName() for s in dom.listAllSnapshots(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL)]
    out.append(("topological", topo))
    out.append(("children", a.numChildren(), sorted(a.listChildrenNames()),
                names(a.listAllChildren()),
                a.numChildren(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)))
    out.append(("current", dom.snapshotCurrent().getName(), c.isCurrent(), a.isCurrent(),
                a.hasMetadata()))
    out.append(("parent", c.getParent().getName(), err(a.getParent)))
    out.append(("lookup", dom.snapshotLookupByName("b").getName(),
                err(dom.snapshotLookupByName, "nosuch")))
    xml = b.getXMLDesc()
    out.append(("xml", "<name>b</name>" in xml, "<parent>" in xml, "<domain type='test'>" in xml))
    out.append(("bad-flags", err(dom.snapshotCreateXML, SNAP_XML % ("x", "x"),
                                 libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY)))
    out.append(("current-needs-redefine",
                err(dom.snapshotCreateXML, SNAP_XML % ("x", "x"),
                    libvirt.VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT)))
    out.append(("revert-exclusive", err(dom.revertToSnapshot, a,
                                        libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                                        libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)))
    dom.revertToSnapshot(b, libvirt.VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
    out.append(("after-revert", dom.state(), dom.snapshotCurrent().getName()))
    a.delete(libvirt.VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY)
    out.append(("after-children-only", sorted(dom.snapshotListNames()),
                dom.snapshotCurrent().getName()))
    out.append(("deleted-handle", err(b.getXMLDesc), err(b.delete)))
    a.delete()
    out.append(("empty", dom.snapshotNum(), dom.hasCurrentSnapshot()))
    return out


def checkpoint_walk(conn):
    out = []
    dom = conn.lookupByName("test")
    c1 = dom.checkpointCreateXML(CHK_XML % "c1")
    c2 = dom.checkpointCreateXML(CHK_XML % "c2")
    c3 = dom.checkpointCreateXML(CHK_XML % "c3")
    out.append(("handles", c1.getName(), c2.getDomain().name(), c3.getConnect() is not None))
    out.append(("all", names(dom.listAllCheckpoints()),
                names(dom.listAllCheckpoints(libvirt.VIR_DOMAIN_CHECKPOINT_LIST_ROOTS)),
                names(dom.listAllCheckpoints(libvirt.VIR_DOMAIN_CHECKPOINT_LIST_LEAVES)),
                [c.getName() for c in
                 dom.listAllCheckpoints(libvirt.VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL)]))
    out.append(("children", names(c1.listAllChildren()),
                names(c1.listAllChildren(libvirt.VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS))))
    out.append(("parent", c3.getParent().getName(), err(c1.getParent)))
    out.append(("lookup", dom.checkpointLookupByName("c2").getName(),
                err(dom.checkpointLookupByName, "nosuch")))
    xml = c2.getXMLDesc(libvirt.VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN)
    out.append(("xml", "bitmap='c2'" in xml, "<domain" in xml, "<name>c1</name>" in xml))
    out.append(("snapshot-refused", err(dom.snapshotCreateXML, SNAP_XML % ("s", "s"))))
    out.append(("delete-exclusive", err(c1.delete, libvirt.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN |
                                        libvirt.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY)))
    c2.delete()
    out.append(("after-delete", names(dom.listAllCheckpoints()), c3.getParent().getName()))
    c1.delete(libvirt.VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN)
    out.append(("empty", names(dom.listAllCheckpoints())))
    dom.destroy()
    out.append(("inactive", err(dom.checkpointCreateXML, CHK_XML % "x")))
    return out


@pytest.mark.parametrize("walk", [snapshot_walk, checkpoint_walk],
                         ids=["snapshots", "checkpoints"])
def test_python_walk_matches_libvirtd(libvirtd, vireod, walk):
    c = libvirt.open(libvirtd.unix_uri)
    try:
        want = walk(c)
    finally:
        c.close()
    c = libvirt.open(vireod.unix_uri)
    try:
        got = walk(c)
    finally:
        c.close()
    assert got == want
    # a few of libvirt's values, spelled out so the walk cannot pass empty
    flat = dict((row[0], row[1:]) for row in got)
    if walk is snapshot_walk:
        assert flat["num"] == (3, 1, 2)
        assert flat["no-current"][0][:2] == (libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT,
                                             libvirt.VIR_FROM_TEST)
        assert flat["lookup"][1][0] == libvirt.VIR_ERR_NO_DOMAIN_SNAPSHOT
        assert flat["after-revert"][0] == [libvirt.VIR_DOMAIN_PAUSED,
                                           libvirt.VIR_DOMAIN_PAUSED_FROM_SNAPSHOT]
    else:
        assert flat["parent"][1][:2] == (libvirt.VIR_ERR_NO_DOMAIN_CHECKPOINT,
                                         libvirt.VIR_FROM_TEST)
        assert flat["all"][0] == ["c1", "c2", "c3"]


def test_python_snapshot_handles_over_unix(vireod):
    """The handles python gets back carry their domain, and a deleted
    snapshot is gone from every list."""
    c = libvirt.open(vireod.unix_uri)
    try:
        dom = c.lookupByName("test")
        snap = dom.snapshotCreateXML(SNAP_XML % ("only", "x"))
        assert snap.getDomain().UUIDString() == dom.UUIDString()
        assert [s.getName() for s in dom.listAllSnapshots()] == ["only"]
        assert dom.snapshotListNames(0) == ["only"]
        snap.delete()
        assert dom.listAllSnapshots() == []
    finally:
        c.close()


STATE_XML = """<node>
  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
    <name>fs</name>
    <memory>1048576</memory>
    <vcpu>1</vcpu>
    <os><type>hvm</type></os>
    <test:domainsnapshot>
      <name>base</name>
      <state>shutoff</state>
      <creationTime>1500000000</creationTime>
      <active>1</active>
    </test:domainsnapshot>
    <test:domainsnapshot file='side.xml'/>
  </domain>
</node>
"""
SIDE_XML = """<domainsnapshot>
  <name>side</name>
  <state>running</state>
  <parent><name>base</name></parent>
  <creationTime>1500000200</creationTime>
  <active>0</active>
</domainsnapshot>
"""


def test_state_file_snapshot_by_reference(vireod, tmp_path):
    """A state file's snapshot given as file='...' is read relative to the
    state file (vireod only: libvirtd 9.0 crashes on these)."""
    (tmp_path / "state.xml").write_text(STATE_XML)
    (tmp_path / "side.xml").write_text(SIDE_XML)
    uri = vireod.unix_uri.replace("/default", str(tmp_path / "state.xml"))
    c = libvirt.open(uri)
    try:
        dom = c.lookupByName("fs")
        assert names(dom.listAllSnapshots()) == ["base", "side"]
        assert dom.snapshotCurrent().getName() == "base"
        side = dom.snapshotLookupByName("side")
        assert side.getParent().getName() == "base"
        assert "<creationTime>1500000200</creationTime>" in side.getXMLDesc()
    finally:
        c.close()
    (tmp_path / "side.xml").write_text(SIDE_XML.replace("<active>0</active>", ""))
    with pytest.raises(libvirt.libvirtError) as e:
        libvirt.open(uri)
    assert "Could not find 'active' element" in str(e.value)
