"""What clients see of qemu's credentials: the capabilities' <secmodel>s,
virNodeGetSecurityModel, the domain's security labels (dominfo, python's
securityLabel/securityLabelList) and the <seclabel> of the live and the
inactive XML, as libvirtd's QEMU driver shows them on a host with neither
SELinux nor AppArmor (a "none" model first, then "dac"). A static <seclabel>
runs qemu as its own label instead of qemu.conf's user; bad ones get
libvirt's errors, and the define-time ones are compared word for word with
libvirtd's own domain parser (its test driver).

The daemons and the guest are test_qemu_user.py's: a private qemu root
whose qemu.conf names the unprivileged user vireo-qemu.
"""

import os
import re
import subprocess

import libvirt
import pytest

import helpers
from test_qemu_user import (USER_CONF, UserDaemon, owner, proc_status,  # noqa: F401
                            qemu_user, ud, xattrs)
from test_qemu_virsh import guest, pid_of  # noqa: F401

libvirt.registerErrorHandler(lambda ctx, err: None, None)

NOBODY = 65534  # Debian's nobody:nogroup


def secmodels(uid, gid):
    return ("    <secmodel>\n      <model>none</model>\n      <doi>0</doi>\n    </secmodel>\n"
            "    <secmodel>\n      <model>dac</model>\n      <doi>0</doi>\n"
            "      <baselabel type='kvm'>+%d:+%d</baselabel>\n"
            "      <baselabel type='qemu'>+%d:+%d</baselabel>\n"
            "    </secmodel>\n  </host>\n" % (uid, gid, uid, gid))


def live_dac(label):
    return ("  </devices>\n  <seclabel type='dynamic' model='dac' relabel='yes'>\n"
            "    <label>%s</label>\n    <imagelabel>%s</imagelabel>\n  </seclabel>\n"
            % (label, label))


def define_with(ud, name, seclabel, disk=None):
    """Defines ud's usual guest with seclabel lines before </domain>."""
    path = os.path.join(ud.root, name + "-def.xml")
    ud.define(name, disk or ud.disk(name + ".raw"))  # writes path, as it was
    uuid = ud.virsh("domuuid", name).strip()
    with open(path) as f:
        xml = f.read()
    with open(path, "w") as f:
        f.write(xml.replace("</name>", "</name>\n  <uuid>%s</uuid>" % uuid, 1)
                .replace("</domain>", seclabel + "\n</domain>"))
    return ud.virsh("define", path, ok=False)


def test_capabilities_and_node_model(ud, qemu_user):
    caps = ud.virsh("capabilities")
    assert secmodels(qemu_user["uid"], qemu_user["gid"]) in caps, caps
    c = libvirt.open(ud.unix)
    try:
        # the stack's first model, as libvirtd answers
        assert c.getSecurityModel() == ["none", "0"]
    finally:
        c.close()


def test_capabilities_without_a_user_name_the_daemon(guest):
    d = UserDaemon(guest, "")
    try:
        d.daemon.start()
        caps = d.virsh("capabilities")
        assert secmodels(os.geteuid(), os.getegid()) in caps, caps
    finally:
        d.cleanup()


def test_running_domain_labels_and_xml(ud, qemu_user):
    label = "+%d:+%d" % (qemu_user["uid"], qemu_user["gid"])
    ud.define("s1", ud.disk("s1.raw"))
    assert "<seclabel" not in ud.virsh("dumpxml", "s1")
    c = libvirt.open(ud.unix)
    try:
        dom = c.lookupByName("s1")
        assert dom.securityLabelList() == []
        assert dom.securityLabel() == ["", 0]
        ud.virsh("start", "s1")

        live = ud.virsh("dumpxml", "s1")
        assert live_dac(label) in live, live
        assert live.count("<seclabel") == 1
        assert "<seclabel" not in ud.virsh("dumpxml", "--inactive", "s1")
        info = ud.virsh("dominfo", "s1")
        assert re.search(r"^Security model: none$", info, re.M), info
        assert re.search(r"^Security DOI:   0$", info, re.M), info
        assert "Security label" not in info  # "none" reports no label
        assert dom.securityLabel() == ["", 0]
        assert dom.securityLabelList() == [["", 0], [label, 0]]
        ro = libvirt.openReadOnly(ud.ro_unix)
        try:
            assert ro.lookupByName("s1").securityLabelList() == [["", 0], [label, 0]]
        finally:
            ro.close()
    finally:
        c.close()

    # the label lives in the status file: a SIGKILLed daemon shows it again
    ud.restart()
    assert live_dac(label) in ud.virsh("dumpxml", "s1")
    c = libvirt.open(ud.unix)
    try:
        dom = c.lookupByName("s1")
        assert dom.securityLabelList() == [["", 0], [label, 0]]
        dom.destroy()
        assert dom.securityLabelList() == []
        assert "<seclabel" not in dom.XMLDesc(0)
    finally:
        c.close()


def test_static_label_runs_qemu_as_that_label(ud, qemu_user):
    disk = ud.disk("st.raw")
    rc, _, err = define_with(ud, "st", "<seclabel type='static' model='dac' relabel='yes'>"
                             "<label>+%d:+%d</label></seclabel>" % (NOBODY, NOBODY), disk)
    assert rc == 0, err
    inactive = ud.virsh("dumpxml", "--inactive", "st")
    assert ("  </devices>\n  <seclabel type='static' model='dac' relabel='yes'>\n"
            "    <label>+%d:+%d</label>\n  </seclabel>\n</domain>" % (NOBODY, NOBODY)) in inactive
    ud.virsh("start", "st")
    pid = pid_of(ud.root, "st")
    out = subprocess.run(["ps", "-o", "uid=,gid=", "-p", str(pid)], check=True,
                         capture_output=True, text=True).stdout.split()
    assert out == [str(NOBODY), str(NOBODY)], out  # not qemu.conf's vireo-qemu
    st = proc_status(pid)
    assert st["Uid"] == [str(NOBODY)] * 4 and st["Gid"] == [str(NOBODY)] * 4
    assert {int(g) for g in st["Groups"]} == {NOBODY}
    # relabel='yes': its files were given to the label for the run
    assert owner(disk) == (NOBODY, NOBODY) and owner(ud.initrd) == (NOBODY, NOBODY)
    ud.wait_marker("st")
    live = ud.virsh("dumpxml", "st")
    assert ("  <seclabel type='static' model='dac' relabel='yes'>\n"
            "    <label>+%d:+%d</label>\n    <imagelabel>+%d:+%d</imagelabel>\n"
            "  </seclabel>\n" % ((NOBODY,) * 4)) in live, live
    c = libvirt.open(ud.unix)
    try:
        dom = c.lookupByName("st")
        assert dom.securityLabelList() == [["", 0], ["+%d:+%d" % (NOBODY, NOBODY), 0]]
    finally:
        c.close()
    ud.virsh("destroy", "st")
    assert owner(disk) == (0, 0) and owner(ud.initrd) == (0, 0)
    assert xattrs(disk) == []


def test_static_label_without_relabel_leaves_files_alone(ud, qemu_user):
    uid, gid = qemu_user["uid"], qemu_user["gid"]
    disk = ud.disk("nr.raw", mode=0o666)
    os.chmod(ud.initrd, 0o644)
    with open(ud.serial_log("nr"), "w"):
        pass
    os.chmod(ud.serial_log("nr"), 0o666)
    # names resolve as libvirt resolves them
    rc, _, err = define_with(ud, "nr", "<seclabel type='static' model='dac'>"
                             "<label>nobody:nogroup</label></seclabel>", disk)
    assert rc == 0, err
    assert ("<seclabel type='static' model='dac' relabel='no'>\n"
            "    <label>nobody:nogroup</label>\n  </seclabel>\n"
            in ud.virsh("dumpxml", "--inactive", "nr"))
    ud.virsh("start", "nr")
    pid = pid_of(ud.root, "nr")
    assert proc_status(pid)["Uid"] == [str(NOBODY)] * 4
    assert owner(disk) == (0, 0) and owner(ud.initrd) == (0, 0)
    assert owner(ud.serial_log("nr")) == (0, 0) and xattrs(disk) == []
    ud.wait_marker("nr")
    ud.virsh("destroy", "nr")
    assert (uid, gid) != owner(disk)


def test_type_none_runs_as_qemu_conf_user_without_relabelling(ud, qemu_user):
    disk = ud.disk("tn.raw", mode=0o666)
    os.chmod(ud.initrd, 0o644)
    with open(ud.serial_log("tn"), "w"):
        pass
    os.chmod(ud.serial_log("tn"), 0o666)
    rc, _, err = define_with(ud, "tn", "<seclabel type='none' model='dac'/>", disk)
    assert rc == 0, err
    ud.virsh("start", "tn")
    assert proc_status(pid_of(ud.root, "tn"))["Uid"] == [str(qemu_user["uid"])] * 4
    assert owner(disk) == (0, 0)
    live = ud.virsh("dumpxml", "tn")
    assert "  </devices>\n  <seclabel type='none' model='dac'/>\n</domain>" in live, live
    c = libvirt.open(ud.unix)
    try:
        assert c.lookupByName("tn").securityLabelList() == [["", 0], ["", 0]]
    finally:
        c.close()
    ud.virsh("destroy", "tn")


# Define-time refusals: libvirt's domain parser gives the same ones in its
# test driver, so each is checked against libvirtd as well.
BAD_AT_DEFINE = [
    ("<seclabel type='bogus' model='dac'/>",
     "XML error: Invalid value for attribute 'type' in element 'seclabel': 'bogus'."),
    ("<seclabel type='default' model='dac'/>",
     "XML error: Invalid value for attribute 'type' in element 'seclabel': 'default'."),
    ("<seclabel type='dynamic' model='dac' relabel='maybe'/>",
     "XML error: Invalid value for attribute 'relabel' in element 'seclabel': 'maybe'."),
    ("<seclabel type='dynamic' model='dac' relabel='no'/>",
     "unsupported configuration: dynamic label type must use resource relabeling"),
    ("<seclabel type='none' model='dac' relabel='yes'/>",
     "unsupported configuration: resource relabeling is not compatible with 'none' label type"),
    ("<seclabel type='static' model='dac'/>", "XML error: security label is missing"),
    ("<seclabel type='static' model='dac'><label></label></seclabel>",
     "XML error: security label is missing"),
    ("<seclabel type='none' model='dac'/><seclabel type='dynamic' model='dac'/>",
     "seclabel for model dac is already provided"),
    ("<seclabel type='none' model='dac'/><seclabel type='none'/>",
     "XML error: missing security model when using multiple labels"),
]

# Accepted at define, in libvirt's normal form.
GOOD_AT_DEFINE = [
    ("<seclabel type='dynamic' model='dac'/>",
     "<seclabel type='dynamic' model='dac' relabel='yes'/>"),
    ("<seclabel type='dynamic' model='dac'><label>+5:+5</label></seclabel>",
     "<seclabel type='dynamic' model='dac' relabel='yes'/>"),
    ("<seclabel type='dynamic' model='dac'><baselabel>+7:+7</baselabel></seclabel>",
     "<seclabel type='dynamic' model='dac' relabel='yes'>\n"
     "    <baselabel>+7:+7</baselabel>\n  </seclabel>"),
    ("<seclabel type='static' model='dac' relabel='yes'><label>a:b</label>"
     "<imagelabel>c:d</imagelabel></seclabel>",
     "<seclabel type='static' model='dac' relabel='yes'>\n    <label>a:b</label>\n"
     "  </seclabel>"),
    ("<seclabel type='none' model='dac' relabel='no'/>", "<seclabel type='none' model='dac'/>"),
    ("<seclabel type='static' model='none'><label>x</label></seclabel>",
     "<seclabel type='none' model='none'/>"),
    ("<seclabel type='none' model='none'/><seclabel type='static' model='dac'>"
     "<label>+1:+1</label></seclabel>",
     "<seclabel type='none' model='none'/>\n  <seclabel type='static' model='dac' "
     "relabel='no'>\n    <label>+1:+1</label>\n  </seclabel>"),
]

# No type is libvirt's "default": kept out of the XML.
NOT_PRINTED = ["<seclabel model='dac'/>", "<seclabel model='dac' relabel='no'/>"]

TEST_DOMAIN = """<domain type='test'>
  <name>sl</name>
  <memory>131072</memory>
  <os><type>hvm</type></os>
  %s
</domain>
"""


def _libvirtd_define(libvirtd, seclabel):
    """(0, inactive XML, "") or (1, "", message) from libvirtd's parser (one
    connection: the test driver's default state lives as long as it)."""
    c = libvirt.open(libvirtd.unix_uri)
    try:
        dom = c.defineXML(TEST_DOMAIN % seclabel)
        return 0, dom.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE), ""
    except libvirt.libvirtError as e:
        return 1, "", "error: " + e.get_error_message()
    finally:
        c.close()


@pytest.mark.parametrize("seclabel,message", BAD_AT_DEFINE,
                         ids=["bad%d" % i for i in range(len(BAD_AT_DEFINE))])
def test_bad_seclabel_refused_at_define_as_libvirt(ud, libvirtd, seclabel, message):
    rc, _, err = define_with(ud, "bad", seclabel)
    assert rc != 0 and "error: " + message in err, err
    lrc, _, lerr = _libvirtd_define(libvirtd, seclabel)
    assert lrc != 0 and "error: " + message in lerr, lerr


@pytest.mark.parametrize("seclabel,normal", GOOD_AT_DEFINE,
                         ids=["good%d" % i for i in range(len(GOOD_AT_DEFINE))])
def test_seclabel_normal_form_as_libvirt(ud, libvirtd, seclabel, normal):
    rc, _, err = define_with(ud, "good", seclabel)
    assert rc == 0, err
    want = "  </devices>\n  %s\n</domain>" % normal
    assert want in ud.virsh("dumpxml", "--inactive", "good")
    lrc, lout, lerr = _libvirtd_define(libvirtd, seclabel)
    assert lrc == 0, lerr
    assert "  </devices>\n  %s\n</domain>" % normal in lout, lout


@pytest.mark.parametrize("seclabel,message", [
    ("<seclabel type='dynamic' model='selinux'/>",
     "unsupported configuration: Security driver model 'selinux' is not available"),
    ("<seclabel type='static' model='dac'><label>nolabel</label></seclabel>",
     "invalid argument: Failed to parse uid and gid from 'nolabel'"),
    ("<seclabel type='static' model='dac'><label>vireo-no-such-user:root</label></seclabel>",
     "invalid argument: Failed to parse user 'vireo-no-such-user'"),
    ("<seclabel type='static' model='dac'><label>+0:+x1</label></seclabel>",
     "invalid argument: Failed to parse group 'x1'"),
], ids=["model", "nocolon", "user", "group"])
def test_bad_seclabel_refused_at_start(ud, seclabel, message):
    disk = ud.disk("bs.raw")
    rc, _, err = define_with(ud, "bs", seclabel, disk)
    assert rc == 0, err
    rc, _, err = ud.virsh("start", "bs", ok=False)
    assert rc != 0 and "error: " + message in err, err
    assert ud.state("bs") == "shut off"
    assert owner(disk) == (0, 0) and owner(ud.initrd) == (0, 0) and xattrs(disk) == []
    # nothing of the failed run stays in the definition
    xml = ud.virsh("dumpxml", "bs")
    assert xml.count("<seclabel") == 1 and "imagelabel" not in xml, xml


@pytest.mark.parametrize("seclabel", NOT_PRINTED, ids=["default", "default-norelabel"])
def test_seclabel_of_default_type_is_not_printed_as_libvirt(ud, libvirtd, seclabel):
    rc, _, err = define_with(ud, "dflt", seclabel)
    assert rc == 0, err
    assert "<seclabel" not in ud.virsh("dumpxml", "--inactive", "dflt")
    lrc, lout, lerr = _libvirtd_define(libvirtd, seclabel)
    assert lrc == 0 and "<devices>" in lout and "<seclabel" not in lout, (lout, lerr)


def test_single_seclabel_without_model_or_type(ud):
    # the host's first model ("none") completes an old-style label, but
    # only a dynamic or none one (libvirtd's QEMU driver; its test driver
    # has no default model to fill in)
    rc, _, err = define_with(ud, "nm", "<seclabel type='dynamic'/>")
    assert rc == 0, err
    assert ("  </devices>\n  <seclabel type='none' model='none'/>\n</domain>"
            in ud.virsh("dumpxml", "--inactive", "nm"))
    rc, _, err = define_with(ud, "nm2", "<seclabel/>")
    assert rc != 0 and "error: XML error: missing security model in domain seclabel" in err


# ---- the capability probe and the KVM self-test ---------------------------

WRAPPER = """#!/bin/sh
echo "$(id -u):$(id -g):$(id -G | tr ' ' ,) $*" >> %s
exec /usr/bin/qemu-system-x86_64 "$@"
"""


def _probes(log):
    with open(log) as f:
        return [line.split(" ", 1) for line in f.read().splitlines()
                if "none,accel=tcg" in line]


def _cache_identity(root):
    import glob
    files = glob.glob(os.path.join(root, "cache", "qemu", "capabilities", "*.caps"))
    assert len(files) == 1, files
    with open(files[0]) as f:
        return f.readline().strip()


def test_probe_and_kvm_selftest_run_as_the_user_and_the_cache_knows_it(guest, qemu_user):
    import time
    ids = "%d:%d:%s" % (qemu_user["uid"], qemu_user["gid"],
                        ",".join(str(g) for g in sorted(qemu_user["groups"])))
    d = UserDaemon(guest, USER_CONF)
    try:
        log = os.path.join(d.root, "wrap.log")
        wrap = os.path.join(d.root, "qemu-wrap")
        with open(log, "w"):
            pass
        os.chmod(log, 0o666)
        with open(wrap, "w") as f:
            f.write(WRAPPER % log)
        os.chmod(wrap, 0o755)
        d.daemon.env["VIREO_QEMU_EMULATOR"] = wrap
        d.daemon.start()
        caps = d.virsh("capabilities")
        assert "<emulator>%s</emulator>" % wrap in caps
        probes = _probes(log)
        assert len(probes) == 1, probes
        # id -G lists the primary group first, then the others
        got = probes[0][0].split(":")
        assert got[:2] == ids.split(":")[:2], probes
        assert sorted(int(g) for g in got[2].split(",")) == sorted(qemu_user["groups"])
        assert _cache_identity(d.root).endswith(" +%d:+%d" % (qemu_user["uid"], qemu_user["gid"]))
        if os.path.exists("/dev/kvm"):
            # the self-test boots the host kernel under KVM: as the user too
            end = time.monotonic() + 30
            while time.monotonic() < end:
                with open(log) as f:
                    kvm = [line for line in f if "-accel kvm" in line]
                if kvm:
                    break
                time.sleep(0.1)
            assert kvm and all(line.startswith("%d:%d:" % (qemu_user["uid"], qemu_user["gid"]))
                               for line in kvm), kvm
        time.sleep(5)  # let the self-test finish and record its verdict

        # the same user: the cache answers, nothing is probed
        d.daemon.stop()
        d.daemon.start()
        d.virsh("capabilities")
        assert len(_probes(log)) == 1

        # another user (none: the daemon's own): probed again, as root
        with open(os.path.join(d.root, "etc", "qemu.conf"), "w") as f:
            f.write("")
        d.daemon.stop()
        d.daemon.start()
        caps = d.virsh("capabilities")
        assert secmodels(0, 0) in caps, caps
        probes = _probes(log)
        assert len(probes) == 2 and probes[1][0].startswith("0:0:"), probes
        assert _cache_identity(d.root).endswith(" +0:+0")
    finally:
        d.cleanup()


def _open_files_to_all(ud, name):
    """Files qemu's user can use without being given them."""
    disk = ud.disk(name + ".raw", mode=0o666)
    os.chmod(ud.initrd, 0o644)
    with open(ud.serial_log(name), "w"):
        pass
    os.chmod(ud.serial_log(name), 0o666)
    return disk


def test_default_type_label_becomes_dynamic_at_start(ud, qemu_user):
    # libvirtd (QEMU driver, this host): not in the inactive XML, and at
    # start a dynamic label that keeps relabel='no': no image label, and
    # nothing is given to qemu's user
    label = "+%d:+%d" % (qemu_user["uid"], qemu_user["gid"])
    disk = _open_files_to_all(ud, "dn")
    rc, _, err = define_with(ud, "dn", "<seclabel model='dac' relabel='no'/>", disk)
    assert rc == 0, err
    assert "<seclabel" not in ud.virsh("dumpxml", "--inactive", "dn")
    ud.virsh("start", "dn")
    live = ud.virsh("dumpxml", "dn")
    assert ("  </devices>\n  <seclabel type='dynamic' model='dac' relabel='no'>\n"
            "    <label>%s</label>\n  </seclabel>\n</domain>" % label) in live, live
    assert owner(disk) == (0, 0) and xattrs(disk) == []
    assert proc_status(pid_of(ud.root, "dn"))["Uid"] == [str(qemu_user["uid"])] * 4
    ud.restart()  # the status file keeps it
    c = libvirt.open(ud.unix)
    try:
        assert c.lookupByName("dn").securityLabelList() == [["", 0], [label, 0]]
    finally:
        c.close()
    ud.virsh("destroy", "dn")
    assert "<seclabel" not in ud.virsh("dumpxml", "dn")


def test_two_labels_at_start(ud, qemu_user):
    # a "none" model label and a static dac one: both stay in the live XML
    # (the live copy of the definition keeps every label)
    disk = ud.disk("two.raw")
    rc, _, err = define_with(ud, "two", "<seclabel type='none' model='none'/>"
                             "<seclabel type='static' model='dac' relabel='yes'>"
                             "<label>+%d:+%d</label></seclabel>" % (NOBODY, NOBODY), disk)
    assert rc == 0, err
    ud.virsh("start", "two")
    live = ud.virsh("dumpxml", "two")
    assert ("  </devices>\n  <seclabel type='none' model='none'/>\n"
            "  <seclabel type='static' model='dac' relabel='yes'>\n"
            "    <label>+%d:+%d</label>\n    <imagelabel>+%d:+%d</imagelabel>\n"
            "  </seclabel>\n</domain>" % ((NOBODY,) * 4)) in live, live
    assert proc_status(pid_of(ud.root, "two"))["Uid"] == [str(NOBODY)] * 4
    assert owner(disk) == (NOBODY, NOBODY)
    ud.virsh("destroy", "two")
    assert owner(disk) == (0, 0)


def test_old_style_label_gets_none_then_the_implicit_dac_one(ud, qemu_user):
    label = "+%d:+%d" % (qemu_user["uid"], qemu_user["gid"])
    rc, _, err = define_with(ud, "old", "<seclabel type='dynamic'/>")
    assert rc == 0, err
    ud.virsh("start", "old")
    live = ud.virsh("dumpxml", "old")
    dac = live_dac(label).replace("  </devices>\n", "")
    assert ("  </devices>\n  <seclabel type='none' model='none'/>\n" + dac
            + "</domain>") in live, live
    ud.virsh("destroy", "old")


def test_hostile_number_of_seclabels_is_refused(ud):
    many = "".join("<seclabel type='none' model='m%d'/>" % i for i in range(20000))
    rc, _, err = define_with(ud, "many", many)
    assert rc != 0 and "error: XML error: too many <seclabel> elements (more than 64)" in err
    assert "many" in ud.virsh("list", "--all", "--name")  # the daemon still answers
    rc, _, err = define_with(ud, "some", "".join(
        "<seclabel type='none' model='m%d'/>" % i for i in range(64)))
    assert rc == 0, err
