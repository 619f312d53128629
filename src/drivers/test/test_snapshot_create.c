/*
 * test_snapshot_create.c: taking, redefining and reverting to snapshots in
 * the test driver, with libvirt 9.0's test driver rules: a snapshot records
 * the domain's state and a copy of its definition; HALT stops the guest;
 * a revert restores the recorded definition and state and raises the
 * lifecycle events libvirt's test driver raises (including its quirk: a
 * revert to an inactive snapshot with RUNNING/PAUSED announces a start
 * but leaves the domain shut off).
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <stdlib.h>
#include <string.h>

#include "drivers/test/test_moment.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"
#include "util/uuid.h"

#define TEST_SNAP_CREATE_FLAGS \
    (VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT | \
     VIR_DOMAIN_SNAPSHOT_CREATE_HALT | VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE | \
     VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC | VIR_DOMAIN_SNAPSHOT_CREATE_LIVE | \
     VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE)

static bool
test_snapshot_online(int state)
{
    return state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_PAUSED;
}

/* libvirt's checks on a redefinition against the domain and the snapshot
 * it replaces (other, or NULL). Reports. */
static int
test_snapshot_redefine_validate(const TestMoment *snap, const TestDomain *obj,
                                const TestMoment *other)
{
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (snap->dom && memcmp(snap->dom->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0) {
        vir_error_report(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG,
                         "definition for snapshot %s must use uuid %s", snap->name,
                         vireo_uuid_format(obj->def->uuid, uuid));
        return -1;
    }
    if (!other)
        return 0;
    if (test_snapshot_online(other->state) != test_snapshot_online(snap->state)) {
        vir_error_report(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG,
                         "cannot change between online and offline snapshot state in snapshot %s",
                         snap->name);
        return -1;
    }
    if ((other->state == TEST_SNAP_STATE_DISK_SNAPSHOT) !=
        (snap->state == TEST_SNAP_STATE_DISK_SNAPSHOT)) {
        vir_error_report(VIR_FROM_DOMAIN_SNAPSHOT, VIR_ERR_INVALID_ARG,
                         "cannot change between disk only and full system in snapshot %s",
                         snap->name);
        return -1;
    }
    return 0;
}

/* Moves what snap defines into other, keeping other's place in the tree
 * (its children stay); frees snap. */
static void
test_snapshot_replace(TestMoment *other, TestMoment *snap)
{
    test_moment_drop_parent(other);
    free(other->description);
    other->description = TAKE_PTR(snap->description);
    free(other->parent_name);
    other->parent_name = TAKE_PTR(snap->parent_name);
    other->creation_time = snap->creation_time;
    if (snap->dom) {
        domain_def_free(other->dom);
        other->dom = TAKE_PTR(snap->dom);
    }
    domain_def_free(other->inactive_dom);
    other->inactive_dom = TAKE_PTR(snap->inactive_dom);
    other->state = snap->state;
    other->memory = snap->memory;
    free(other->memory_file);
    other->memory_file = TAKE_PTR(snap->memory_file);
    test_moment_disks_free(other->disks, other->ndisks);
    other->disks = TAKE_PTR(snap->disks);
    other->ndisks = snap->ndisks;
    snap->ndisks = 0;
    test_moment_free(snap);
}

/* REDEFINE: puts snap (taken) into the list, replacing a namesake.
 * Returns the snapshot now in the list, or NULL (reported). */
static TestMoment *
test_snapshot_redefine(TestDomain *obj, TestMoment *snap)
{
    TestMomentList *list = obj->snapshots;
    TestMoment *other;
    int loc;

    if (test_moment_check_cycles(list, snap->name, snap->parent_name) < 0)
        goto error;
    other = test_moment_find(list, snap->name);
    if (test_snapshot_redefine_validate(snap, obj, other) < 0)
        goto error;
    loc = snap->state == TEST_SNAP_STATE_DISK_SNAPSHOT || test_snapshot_is_external(snap)
              ? TEST_SNAP_LOC_EXTERNAL
              : TEST_SNAP_LOC_INTERNAL;
    if (test_snapshot_align_disks(snap, other ? other->dom : NULL, loc) < 0)
        goto error;
    if (other) {
        test_snapshot_replace(other, snap);
        return other;
    }
    if (test_moment_add(list, snap) < 0)
        goto error;
    return snap;

error:
    test_moment_free(snap);
    return NULL;
}

/* A new snapshot of what obj is now: state, memory and disks as the test
 * driver aligns them. Takes snap; NULL when it fails (reported). */
static TestMoment *
test_snapshot_take(TestDomain *obj, TestMoment *snap)
{
    int loc = TEST_SNAP_LOC_INTERNAL;

    if (!(snap->dom = domain_def_copy(obj->def)))
        goto error;
    for (size_t i = 0; i < snap->ndisks; i++) {
        if (snap->disks[i].kind == TEST_SNAP_LOC_MANUAL) {
            vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                             "'manual' snapshot mode is not supported by the test driver");
            goto error;
        }
    }
    snap->state = obj->state;
    if (snap->memory == TEST_SNAP_LOC_EXTERNAL)
        loc = TEST_SNAP_LOC_EXTERNAL;
    else
        snap->memory = snap->state == VIR_DOMAIN_SHUTOFF ? TEST_SNAP_LOC_NO
                                                         : TEST_SNAP_LOC_INTERNAL;
    if (test_snapshot_align_disks(snap, NULL, loc) < 0 ||
        test_moment_add(obj->snapshots, snap) < 0)
        goto error;
    return snap;

error:
    test_moment_free(snap);
    return NULL;
}

virDomainSnapshotPtr
test_domain_snapshot_create_xml(virDomainPtr dom, const char *xml, unsigned int flags)
{
    bool redefine = flags & VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
    bool update_current = !redefine || (flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT);
    TestState *st;
    TestDomain *obj;
    TestMoment *snap;
    TestMomentList *list;
    virDomainSnapshotPtr ret = NULL;

    TEST_CHECK_FLAGS(flags, TEST_SNAP_CREATE_FLAGS, "testDomainSnapshotCreateXML", NULL);
    if (!(obj = test_domain_get(dom, &st)))
        return NULL;
    if (test_domain_checkpoint_count(obj) > 0) {
        vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                         "cannot create snapshot while checkpoint exists");
        goto out;
    }
    if (!obj->persistent && (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "cannot halt after transient domain snapshot");
        goto out;
    }
    if (!(snap = test_snapshot_parse(xml, redefine, flags & VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE)))
        goto out;
    if (!obj->snapshots)
        obj->snapshots = test_moment_list_new();
    list = obj->snapshots;
    if (redefine) {
        snap = test_snapshot_redefine(obj, snap);
    } else if ((snap = test_snapshot_take(obj, snap))) {
        free(snap->parent_name);
        snap->parent_name = list->current ? xstrdup(list->current->name) : NULL;
        if ((flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT) && test_domain_active(obj)) {
            test_domain_stop(obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
            test_event_domain(st, obj, VIR_DOMAIN_EVENT_STOPPED,
                              VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
        }
    }
    if (snap) {
        ret = handle_snapshot_new(dom, snap->name);
        if (update_current)
            list->current = snap;
        test_moment_link_parent(list, snap);
    }
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* Reverting to a snapshot of a running or paused guest: (re)start it
 * with the recorded definition, paused if the snapshot or flags say so. */
static void
test_snapshot_revert_online(TestState *st, TestDomain *obj, const TestMoment *snap,
                            DomainDef *config, unsigned int flags)
{
    if (test_domain_active(obj)) {
        test_domain_stop(obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        test_event_domain(st, obj, VIR_DOMAIN_EVENT_STOPPED,
                          VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    }
    domain_def_free(obj->def);
    obj->def = config;
    test_domain_start(st, obj, VIR_DOMAIN_RUNNING_FROM_SNAPSHOT);
    test_event_domain(st, obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
    if (!(flags & VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING) &&
        (snap->state == VIR_DOMAIN_PAUSED || (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED))) {
        obj->state = VIR_DOMAIN_PAUSED;
        obj->reason = VIR_DOMAIN_PAUSED_FROM_SNAPSHOT;
        test_event_domain(st, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                          VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    }
}

/* Reverting to a snapshot of a shut-off guest: the definition becomes the
 * config and a running guest stops. As in libvirt's test driver, RUNNING
 * or PAUSED only announce a start: the guest stays shut off. */
static void
test_snapshot_revert_offline(TestState *st, TestDomain *obj, DomainDef *config,
                             unsigned int flags)
{
    if (test_domain_active(obj)) {
        domain_def_free(obj->new_def);
        obj->new_def = config;
        test_domain_stop(obj, VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT);
        test_event_domain(st, obj, VIR_DOMAIN_EVENT_STOPPED,
                          VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT);
    } else {
        domain_def_free(obj->def);
        obj->def = config;
    }
    if (flags & (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)) {
        test_event_domain(st, obj, VIR_DOMAIN_EVENT_STARTED,
                          VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT);
        if (flags & VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED)
            test_event_domain(st, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                              VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT);
    }
}

int
test_domain_revert_to_snapshot(virDomainSnapshotPtr handle, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *snap;
    DomainDef *config;
    int ret = -1;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED |
                         VIR_DOMAIN_SNAPSHOT_REVERT_FORCE,
                     "testDomainRevertToSnapshot", -1);
    if (!(obj = test_domain_get(handle->domain, &st)))
        return -1;
    if (!(snap = test_moment_find(obj->snapshots, handle->name))) {
        vir_report_error(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                         "no domain snapshot with matching name '%s'", handle->name);
        goto out;
    }
    if (!obj->persistent && !test_snapshot_online(snap->state) &&
        !(flags & (VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING | VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED))) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "transient domain needs to request run or pause to revert to inactive snapshot");
        goto out;
    }
    if (!snap->dom) {
        vir_report_error(VIR_ERR_SNAPSHOT_REVERT_RISKY, "snapshot '%s' lacks domain '%s' rollback info",
                         snap->name, obj->def->name);
        goto out;
    }
    obj->snapshots->current = NULL;
    if (!(config = domain_def_copy(snap->dom)))
        goto out;
    if (test_snapshot_online(snap->state))
        test_snapshot_revert_online(st, obj, snap, config, flags);
    else
        test_snapshot_revert_offline(st, obj, config, flags);
    /* perf: the recorded definition may carry a name from before a rename */
    test_domain_index_sync(st, obj);
    obj->snapshots->current = snap;
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}
