"""libvireo in-process, no daemon: a C program compiled against Vireo's
public headers and linked with libvireo.so opens test:///default (the
in-process test driver) and walks the snapshot and checkpoint API, checking
results, handle accessors, error codes and domains, and the lifecycle
events a revert raises (the test driver delivers them from its own thread,
so the program waits for them without running an event loop)."""

import os

import helpers as h

PROGRAM = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static int failures;
#define CHECK(cond) do { if (!(cond)) { failures++; \
    fprintf(stderr, "line %d: %s\n", __LINE__, #cond); } } while (0)

static volatile int nevents;
static int events[16][2];

static int
on_lifecycle(virConnectPtr c, virDomainPtr d, int event, int detail, void *opaque)
{
    (void)c; (void)d; (void)opaque;
    if (nevents < 16) {
        events[nevents][0] = event;
        events[nevents][1] = detail;
    }
    nevents++;
    return 0;
}

static int
last_error_is(int code, int domain)
{
    virErrorPtr e = virGetLastError();
    return e && e->code == code && e->domain == domain;
}

static virDomainSnapshotPtr
snap(virDomainPtr dom, const char *name)
{
    char xml[256];
    snprintf(xml, sizeof(xml), "<domainsnapshot><name>%s</name></domainsnapshot>", name);
    return virDomainSnapshotCreateXML(dom, xml, 0);
}

int
main(void)
{
    virSetErrorFunc(NULL, NULL);
    virConnectPtr conn = virConnectOpen("test:///default");
    if (!conn)
        return 2;
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    int cb = virConnectDomainEventRegisterAny(conn, dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                              VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle),
                                              NULL, NULL);
    CHECK(cb >= 0);

    CHECK(virDomainSnapshotNum(dom, 0) == 0);
    CHECK(virDomainHasCurrentSnapshot(dom, 0) == 0);
    CHECK(virDomainSnapshotCurrent(dom, 0) == NULL);
    CHECK(last_error_is(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST));

    virDomainSnapshotPtr a = snap(dom, "a"), b = snap(dom, "b");
    CHECK(a && b);
    CHECK(strcmp(virDomainSnapshotGetName(a), "a") == 0);
    CHECK(virDomainSnapshotGetDomain(a) == dom);
    CHECK(virDomainSnapshotGetConnect(a) == conn);
    CHECK(snap(dom, "a") == NULL);
    CHECK(last_error_is(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN));

    virDomainSnapshotPtr cur = virDomainSnapshotCurrent(dom, 0);
    CHECK(cur && strcmp(virDomainSnapshotGetName(cur), "b") == 0);
    virDomainSnapshotPtr parent = virDomainSnapshotGetParent(b, 0);
    CHECK(parent && strcmp(virDomainSnapshotGetName(parent), "a") == 0);
    CHECK(virDomainSnapshotGetParent(a, 0) == NULL);
    CHECK(last_error_is(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST));
    CHECK(virDomainSnapshotNumChildren(a, 0) == 1);
    CHECK(virDomainSnapshotIsCurrent(b, 0) == 1 && virDomainSnapshotIsCurrent(a, 0) == 0);
    CHECK(virDomainSnapshotHasMetadata(a, 0) == 1);

    char *names[4] = { 0 };
    CHECK(virDomainSnapshotListNames(dom, names, 4, VIR_DOMAIN_SNAPSHOT_LIST_LEAVES) == 1);
    CHECK(names[0] && strcmp(names[0], "b") == 0);
    free(names[0]);
    virDomainSnapshotPtr *list = NULL;
    CHECK(virDomainListAllSnapshots(dom, &list, VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL) == 2);
    CHECK(list && strcmp(virDomainSnapshotGetName(list[0]), "a") == 0 && list[2] == NULL);
    for (int i = 0; list && list[i]; i++)
        virDomainSnapshotFree(list[i]);
    free(list);

    char *xml = virDomainSnapshotGetXMLDesc(b, 0);
    CHECK(xml && strstr(xml, "<parent>\n    <name>a</name>\n  </parent>") &&
          strstr(xml, "<state>running</state>") && strstr(xml, "<domain type='test'>"));
    free(xml);

    /* flag rules checked by the library itself */
    CHECK(virDomainRevertToSnapshot(a, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING |
                                       VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED) < 0);
    CHECK(last_error_is(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT));
    CHECK(virDomainSnapshotCreateXML(dom, "<domainsnapshot/>",
                                     VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT) == NULL);
    CHECK(last_error_is(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN_SNAPSHOT));
    CHECK(virDomainSnapshotGetName(NULL) == NULL);
    CHECK(last_error_is(VIR_ERR_INVALID_DOMAIN_SNAPSHOT, VIR_FROM_DOMAIN_SNAPSHOT));

    /* revert: stopped, started, suspended (from snapshot) */
    nevents = 0;
    CHECK(virDomainRevertToSnapshot(a, VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED) == 0);
    for (int i = 0; i < 1000 && nevents < 3; i++)
        usleep(10000);
    CHECK(nevents == 3);
    CHECK(events[0][0] == VIR_DOMAIN_EVENT_STOPPED &&
          events[0][1] == VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    CHECK(events[1][0] == VIR_DOMAIN_EVENT_STARTED &&
          events[1][1] == VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
    CHECK(events[2][0] == VIR_DOMAIN_EVENT_SUSPENDED &&
          events[2][1] == VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    int state = 0, reason = 0;
    CHECK(virDomainGetState(dom, &state, &reason, 0) == 0);
    CHECK(state == VIR_DOMAIN_PAUSED && reason == VIR_DOMAIN_PAUSED_FROM_SNAPSHOT);

    /* undefine refused while an inactive domain has snapshots */
    CHECK(virDomainDestroy(dom) == 0);
    CHECK(virDomainUndefine(dom) < 0);
    CHECK(last_error_is(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST));
    CHECK(virDomainSnapshotDelete(a, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN) == 0);
    CHECK(virDomainSnapshotNum(dom, 0) == 0);
    CHECK(virDomainSnapshotGetXMLDesc(b, 0) == NULL);
    CHECK(last_error_is(VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_FROM_TEST));

    /* checkpoints need a running domain without snapshots */
    CHECK(virDomainCheckpointCreateXML(dom, "<domaincheckpoint/>", 0) == NULL);
    CHECK(last_error_is(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST));
    CHECK(virDomainCreate(dom) == 0);
    virDomainCheckpointPtr c1 = virDomainCheckpointCreateXML(
        dom, "<domaincheckpoint><name>c1</name></domaincheckpoint>", 0);
    virDomainCheckpointPtr c2 = virDomainCheckpointCreateXML(
        dom, "<domaincheckpoint><name>c2</name></domaincheckpoint>", 0);
    CHECK(c1 && c2);
    virDomainCheckpointPtr cp = virDomainCheckpointGetParent(c2, 0);
    CHECK(cp && strcmp(virDomainCheckpointGetName(cp), "c1") == 0);
    CHECK(virDomainCheckpointGetDomain(c2) == dom && virDomainCheckpointGetConnect(c2) == conn);
    virDomainCheckpointPtr *chks = NULL;
    CHECK(virDomainListAllCheckpoints(dom, &chks, VIR_DOMAIN_CHECKPOINT_LIST_LEAVES) == 1);
    CHECK(chks && strcmp(virDomainCheckpointGetName(chks[0]), "c2") == 0);
    virDomainCheckpointFree(chks[0]);
    free(chks);
    xml = virDomainCheckpointGetXMLDesc(c2, VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN);
    CHECK(xml && strstr(xml, "<disk name='vda' checkpoint='bitmap' bitmap='c2'/>") &&
          !strstr(xml, "<domain type"));
    free(xml);
    CHECK(snap(dom, "x") == NULL);
    CHECK(last_error_is(VIR_ERR_OPERATION_UNSUPPORTED, VIR_FROM_TEST));
    CHECK(virDomainCheckpointLookupByName(dom, "nosuch", 0) == NULL);
    CHECK(last_error_is(VIR_ERR_NO_DOMAIN_CHECKPOINT, VIR_FROM_TEST));
    CHECK(virDomainCheckpointDelete(c1, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN) == 0);
    CHECK(virDomainListAllCheckpoints(dom, NULL, 0) == 0);

    virDomainCheckpointFree(cp);
    virDomainCheckpointFree(c1);
    virDomainCheckpointFree(c2);
    virDomainSnapshotFree(cur);
    virDomainSnapshotFree(parent);
    virDomainSnapshotFree(a);
    virDomainSnapshotFree(b);
    virConnectDomainEventDeregisterAny(conn, cb);
    virDomainFree(dom);
    virConnectClose(conn);
    printf("failures %d\n", failures);
    return failures ? 1 : 0;
}
"""


def test_libvireo_in_process_snapshots(tmp_path):
    src = tmp_path / "snapwalk.c"
    exe = tmp_path / "snapwalk"
    src.write_text(PROGRAM)
    libdir = os.path.join(h.BUILD, "src", "client")
    rc, out, err = h.run(["cc", "-Wall", "-Werror", "-I", os.path.join(h.ROOT, "include", "vireo"),
                          str(src), "-o", str(exe), "-L", libdir, "-lvireo",
                          "-Wl,-rpath," + libdir])
    assert rc == 0, err
    rc, out, err = h.run([str(exe)], env=dict(os.environ, LD_LIBRARY_PATH=libdir))
    assert rc == 0, out + err
    assert out.strip() == "failures 0"
