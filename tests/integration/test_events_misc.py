"""Events raised by metadata, save/restore, dump and node-device calls,
compared with libvirtd's test driver:
the domain metadata-change event (VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
callback message 379) from virDomainSetMetadata, the lifecycle events of
save, restore, managed save, rename and crash dumps, and node device lifecycle events
from virNodeDeviceCreateXML / virNodeDeviceDestroy.

Stock virsh's event loops print the same lines against vireod as against
libvirtd; python3-libvirt with the default event loop receives them; a
libvireo program that runs no event loop at all receives metadata-change
events on the library's own I/O thread."""

import os
import subprocess
import tempfile
import time

import pytest

import helpers as h

VHBA_XML = """<device>
  <parent>scsi_host1</parent>
  <capability type='scsi_host'>
    <capability type='fc_host'>
      <wwnn>2001001b32a9da4e</wwnn>
      <wwpn>2101001b32a9da4e</wwpn>
    </capability>
  </capability>
</device>
"""


def run_event_loop(daemon, command, which, actions, timeout=5):
    """Starts `virsh <command> <which> --loop`, waits until it has
    registered, runs actions (lists of virsh args) as another client and
    returns what the loop printed."""
    proc = subprocess.Popen([h.VIRSH, "-c", daemon.tcp_uri, command, *which, "--loop",
                             "--timeout", str(timeout)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    for args in actions:
        rc, out, err = h.virsh(daemon.tcp_uri, *args)
        assert rc == 0, (args, out, err)
    out, err = proc.communicate(timeout=timeout + 20)
    assert proc.returncode == 0, err
    return out


@pytest.fixture
def xml_file():
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(VHBA_XML)
    yield f.name
    os.unlink(f.name)


METADATA_ACTIONS = [
    ["desc", "test", "hello"],
    ["desc", "test", "--title", "T"],
    ["desc", "test", "--config", "c"],
    ["metadata", "test", "--uri", "http://example.org/a", "--key", "k", "--set", "<a/>"],
    ["metadata", "test", "--uri", "http://example.org/a", "--remove"],
]


def test_virsh_metadata_change_matches_libvirtd(libvirtd, vireod):
    outs = [run_event_loop(d, "event", ["--event", "metadata-change"], METADATA_ACTIONS)
            for d in (libvirtd, vireod)]
    assert ("event 'metadata-change' for domain 'test': type element, uri "
            "http://example.org/a") in outs[0]
    assert outs[0].count("metadata-change") == 5
    assert outs[0] == outs[1]


def test_virsh_all_events_save_restore_rename_dump(libvirtd, vireod, tmp_path):
    save = str(tmp_path / "t.save")
    actions = [["save", "test", save], ["restore", save], ["managedsave", "test"],
               ["start", "test"], ["destroy", "test"], ["domrename", "test", "tt"],
               ["domrename", "tt", "test"], ["desc", "test", "x"], ["start", "test"],
               ["dump", "test", str(tmp_path / "t.core"), "--crash"]]
    outs = [run_event_loop(d, "event", ["--all"], actions) for d in (libvirtd, vireod)]
    assert "event 'lifecycle' for domain 'test': Started Restored" in outs[0]
    assert "event 'lifecycle' for domain 'tt': Defined Renamed" in outs[0]
    assert "event 'lifecycle' for domain 'test': Stopped Crashed" in outs[0]
    assert outs[0] == outs[1]


def test_virsh_nodedev_event_matches_libvirtd(libvirtd, vireod, xml_file):
    actions = [["nodedev-create", xml_file], ["nodedev-destroy", "scsi_host12"]]
    outs = [run_event_loop(d, "nodedev-event", ["--event", "lifecycle"], actions)
            for d in (libvirtd, vireod)]
    assert outs[0].splitlines()[:2] == [
        "event 'lifecycle' for node device scsi_host12: Created",
        "event 'lifecycle' for node device scsi_host12: Deleted"]
    assert outs[0] == outs[1]


PYTHON_SCRIPT = r"""
import sys, threading, time, libvirt
libvirt.virEventRegisterDefaultImpl()
def loop():
    while True:
        libvirt.virEventRunDefaultImpl()
threading.Thread(target=loop, daemon=True).start()
c = libvirt.open(sys.argv[1])
seen = []
def meta(conn, dom, mtype, nsuri, opaque):
    seen.append(("meta", dom.name(), mtype, nsuri))
def nodedev(conn, dev, event, detail, opaque):
    seen.append(("nodedev", dev.name(), event, detail))
c1 = c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, meta, None)
c2 = c.nodeDeviceEventRegisterAny(None, libvirt.VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE, nodedev, None)
other = libvirt.open(sys.argv[1])
d = other.lookupByName("test")
d.setMetadata(libvirt.VIR_DOMAIN_METADATA_DESCRIPTION, "hello", None, None, 0)
d.setMetadata(libvirt.VIR_DOMAIN_METADATA_ELEMENT, "<a/>", "k", "http://example.org/b", 0)
dev = other.nodeDeviceCreateXML(open(sys.argv[2]).read(), 0)
dev.destroy()
want = [("meta", "test", 0, None), ("meta", "test", 2, "http://example.org/b"),
        ("nodedev", "scsi_host12", 0, 0), ("nodedev", "scsi_host12", 1, 0)]
deadline = time.time() + 10
while len(seen) < len(want) and time.time() < deadline:
    time.sleep(0.05)
c.domainEventDeregisterAny(c1)
c.nodeDeviceEventDeregisterAny(c2)
assert seen == want, seen
print("ok")
"""


def test_python_receives_metadata_and_nodedev_events(daemon, xml_file):
    rc, out, err = h.run(["/usr/bin/python3", "-c", PYTHON_SCRIPT, daemon.tcp_uri, xml_file],
                         timeout=60)
    assert rc == 0, err
    assert out.strip() == "ok"


# A libvireo program with no event loop: registers for metadata-change and
# node device lifecycle events, prints "ready", then one line per event
# until it has seen argv[2] of them or argv[3] seconds passed.
NOLOOP_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <libvirt/libvirt.h>

static volatile int seen;

static void
on_meta(virConnectPtr conn, virDomainPtr dom, int type, const char *nsuri, void *opaque)
{
    (void)conn;
    (void)opaque;
    printf("metadata %s %d %s\n", virDomainGetName(dom), type, nsuri ? nsuri : "-");
    fflush(stdout);
    seen++;
}

static void
on_nodedev(virConnectPtr conn, virNodeDevicePtr dev, int event, int detail, void *opaque)
{
    (void)conn;
    (void)opaque;
    printf("nodedev %s %d %d\n", virNodeDeviceGetName(dev), event, detail);
    fflush(stdout);
    seen++;
}

int
main(int argc, char **argv)
{
    virConnectPtr conn;
    int want, id, nid;
    time_t end;

    if (argc != 4)
        return 2;
    want = atoi(argv[2]);
    end = time(NULL) + atoi(argv[3]);
    if (!(conn = virConnectOpen(argv[1])))
        return 1;
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                          VIR_DOMAIN_EVENT_CALLBACK(on_meta), NULL, NULL);
    nid = virConnectNodeDeviceEventRegisterAny(conn, NULL, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                               VIR_NODE_DEVICE_EVENT_CALLBACK(on_nodedev), NULL,
                                               NULL);
    if (id < 0 || nid < 0)
        return 1;
    printf("ready\n");
    fflush(stdout);
    while (seen < want && time(NULL) < end)
        usleep(20000);
    if (virConnectDomainEventDeregisterAny(conn, id) < 0 ||
        virConnectNodeDeviceEventDeregisterAny(conn, nid) < 0)
        return 4;
    virConnectClose(conn);
    return seen == want ? 0 : 3;
}
"""


LIBDIR = os.path.join(h.BUILD, "src", "client")


def compile_program(directory, name, text):
    """Builds a C program against the build's headers and libvireo."""
    return h.compile_c(directory, name, text, "libvireo")


@pytest.fixture(scope="module")
def noloop_program(tmp_path_factory):
    return compile_program(tmp_path_factory.mktemp("noloop"), "metadata_noloop", NOLOOP_C)


def test_libvireo_without_event_loop(vireod, noloop_program, xml_file):
    env = dict(os.environ, LD_LIBRARY_PATH=LIBDIR)
    proc = subprocess.Popen([noloop_program, vireod.tcp_uri, "5", "20"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    rc, out, err = h.virsh(vireod.tcp_uri, "desc test hello; desc test --title T; "
                           "metadata test --uri http://example.org/c --key k --set '<z/>'; "
                           "nodedev-create %s; nodedev-destroy scsi_host12" % xml_file)
    assert rc == 0, err
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert out.splitlines() == ["metadata test 0 -", "metadata test 1 -",
                                "metadata test 2 http://example.org/c",
                                "nodedev scsi_host12 0 0", "nodedev scsi_host12 1 0"]


# The same API on libvireo's in-process test driver (test:///default, no
# daemon): virNetworkUpdate, node device create/destroy and the events
# they and virDomainSetMetadata raise, delivered with no event loop.
INPROCESS_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static volatile int seen;

static void
on_meta(virConnectPtr c, virDomainPtr dom, int type, const char *nsuri, void *opaque)
{
    (void)c;
    (void)opaque;
    printf("event metadata %s %d %s\n", virDomainGetName(dom), type, nsuri ? nsuri : "-");
    fflush(stdout);
    seen++;
}

static void
on_nodedev(virConnectPtr c, virNodeDevicePtr dev, int event, int detail, void *opaque)
{
    (void)c;
    (void)opaque;
    printf("event nodedev %s %d %d\n", virNodeDeviceGetName(dev), event, detail);
    fflush(stdout);
    seen++;
}

int
main(int argc, char **argv)
{
    const char *txt = "<txt name='a' value='b'/>";
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom;
    virNetworkPtr net;
    virNodeDevicePtr dev;
    char *xml;
    time_t end = time(NULL) + 20;
    int rc;

    if (argc != 2 || !conn)
        return 1;
    if (virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                         VIR_DOMAIN_EVENT_CALLBACK(on_meta), NULL, NULL) < 0 ||
        virConnectNodeDeviceEventRegisterAny(conn, NULL, VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE,
                                             VIR_NODE_DEVICE_EVENT_CALLBACK(on_nodedev), NULL,
                                             NULL) < 0)
        return 1;
    if (!(dom = virDomainLookupByName(conn, "test")) ||
        virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_DESCRIPTION, "d", NULL, NULL, 0) < 0)
        return 1;
    virDomainFree(dom);
    net = virNetworkLookupByName(conn, "default");
    printf("update %d\n", virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
                                           VIR_NETWORK_SECTION_DNS_TXT, -1, txt, 0));
    xml = virNetworkGetXMLDesc(net, 0);
    printf("has txt %d\n", xml && strstr(xml, txt) != NULL);
    free(xml);
    rc = virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, VIR_NETWORK_SECTION_DNS_TXT,
                          -1, txt, 0);
    printf("again %d %s\n", rc, virGetLastErrorMessage());
    virNetworkFree(net);
    fflush(stdout);
    if (!(dev = virNodeDeviceCreateXML(conn, argv[1], 0)))
        return 1;
    printf("created %s %s\n", virNodeDeviceGetName(dev), virNodeDeviceGetParent(dev));
    fflush(stdout);
    if (virNodeDeviceDestroy(dev) < 0)
        return 1;
    virNodeDeviceFree(dev);
    while (seen < 3 && time(NULL) < end)
        usleep(20000);
    virConnectClose(conn);
    return seen == 3 ? 0 : 3;
}
"""


def test_inprocess_test_driver(tmp_path):
    exe = compile_program(tmp_path, "inprocess", INPROCESS_C)
    env = dict(os.environ, LD_LIBRARY_PATH=LIBDIR)
    rc, out, err = h.run([exe, VHBA_XML], timeout=60, env=env)
    assert rc == 0, (out, err)
    lines = out.splitlines()
    # The program's own lines are in call order; the events come from the
    # driver's delivery thread, in emission order among themselves.
    assert [l for l in lines if not l.startswith("event")] == [
        "update 0", "has txt 1",
        "again -1 Requested operation is not valid: there is already a DNS TXT record with "
        "name 'a' in network default",
        "created scsi_host12 scsi_host1"]
    assert [l for l in lines if l.startswith("event")] == [
        "event metadata test 0 -", "event nodedev scsi_host12 0 0",
        "event nodedev scsi_host12 1 0"]
