/*
 * test_snapshot.c: domain snapshots in the test driver, as libvirt 9.0's
 * test driver keeps them: metadata only (nothing is copied), a tree per
 * domain with a current snapshot, redefinition, revert with its lifecycle
 * events, and deletion of a snapshot, its children or both. Every method
 * holds the state lock for the whole call.
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

/* ROOTS/DESCENDANTS, TOPOLOGICAL and every filter (bits 0-10): what the
 * test driver's list calls accept. */
#define TEST_SNAP_LIST_FLAGS 0x7ffu

#define TEST_SNAP_STATUS_FLAGS \
    (VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE | VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE | \
     VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY)
#define TEST_SNAP_LOCATION_FLAGS \
    (VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL | VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL)

void
test_domain_moments_free(TestDomain *dom)
{
    test_moment_list_free(dom->snapshots);
    test_moment_list_free(dom->checkpoints);
    dom->snapshots = dom->checkpoints = NULL;
}

int
test_domain_snapshot_count(const TestDomain *dom)
{
    return dom->snapshots ? (int)dom->snapshots->nitems : 0;
}

static TestMomentList *
test_snapshots_of(TestDomain *obj)
{
    if (!obj->snapshots)
        obj->snapshots = test_moment_list_new();
    return obj->snapshots;
}

/* The snapshot called name, or NO_DOMAIN_SNAPSHOT reported. */
static TestMoment *
test_snapshot_find(TestDomain *obj, const char *name)
{
    TestMoment *snap = test_moment_find(obj->snapshots, name);

    if (!snap)
        vir_report_error(VIR_ERR_NO_DOMAIN_SNAPSHOT,
                         "no domain snapshot with matching name '%s'", name);
    return snap;
}

/* The domain and snapshot behind a handle, state locked; NULL unlocked
 * after reporting. */
static TestMoment *
test_snapshot_get(virDomainSnapshotPtr handle, TestDomain **ret_obj, TestState **ret_st)
{
    TestState *st;
    TestDomain *obj = test_domain_get(handle->domain, &st);
    TestMoment *snap;

    if (!obj)
        return NULL;
    if (!(snap = test_snapshot_find(obj, handle->name))) {
        pthread_mutex_unlock(&st->lock);
        return NULL;
    }
    *ret_obj = obj;
    *ret_st = st;
    return snap;
}

static bool
test_snapshot_filter(const TestMoment *snap, unsigned int flags)
{
    if (flags & TEST_SNAP_STATUS_FLAGS) {
        if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE) && snap->state == VIR_DOMAIN_SHUTOFF)
            return false;
        if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY) &&
            snap->state == TEST_SNAP_STATE_DISK_SNAPSHOT)
            return false;
        if (!(flags & VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE) && snap->state != VIR_DOMAIN_SHUTOFF &&
            snap->state != TEST_SNAP_STATE_DISK_SNAPSHOT)
            return false;
    }
    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL) && test_snapshot_is_external(snap))
        return false;
    if ((flags & VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL) && !test_snapshot_is_external(snap))
        return false;
    return true;
}

/* Public list flags to the moment list's, as libvirt maps them. */
static const struct {
    unsigned int public_flag, moment_flag;
} test_snap_flag_map[] = {
    { VIR_DOMAIN_SNAPSHOT_LIST_ROOTS, TEST_MOMENT_LIST_ROOTS },
    { VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL, TEST_MOMENT_LIST_TOPOLOGICAL },
    { VIR_DOMAIN_SNAPSHOT_LIST_LEAVES, TEST_MOMENT_LIST_LEAVES },
    { VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES, TEST_MOMENT_LIST_NO_LEAVES },
    { VIR_DOMAIN_SNAPSHOT_LIST_METADATA, TEST_MOMENT_LIST_METADATA },
    { VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA, TEST_MOMENT_LIST_NO_METADATA },
};

static int
test_snapshot_names(TestDomain *obj, TestMoment *from, char **names, int max,
                    unsigned int flags)
{
    unsigned int moment_flags = 0;

    for (size_t i = 0; i < sizeof(test_snap_flag_map) / sizeof(test_snap_flag_map[0]); i++) {
        if (flags & test_snap_flag_map[i].public_flag) {
            flags &= ~test_snap_flag_map[i].public_flag;
            moment_flags |= test_snap_flag_map[i].moment_flag;
        }
    }
    /* a group with every bit set filters nothing */
    if ((flags & TEST_SNAP_STATUS_FLAGS) == TEST_SNAP_STATUS_FLAGS)
        flags &= ~TEST_SNAP_STATUS_FLAGS;
    if ((flags & TEST_SNAP_LOCATION_FLAGS) == TEST_SNAP_LOCATION_FLAGS)
        flags &= ~TEST_SNAP_LOCATION_FLAGS;
    return test_moment_list_names(test_snapshots_of(obj), from, names, max, moment_flags,
                                  test_snapshot_filter, flags);
}

/* The matching snapshots as new handles on dom (NULL-terminated array). */
static int
test_snapshot_handles(TestDomain *obj, TestMoment *from, virDomainPtr dom,
                      virDomainSnapshotPtr **ret_snaps, unsigned int flags)
{
    int n = test_snapshot_names(obj, from, NULL, 0, flags);
    char **names;
    virDomainSnapshotPtr *list;

    if (!ret_snaps)
        return n;
    names = XNEW_ARRAY(char *, n + 1);
    list = XNEW_ARRAY(virDomainSnapshotPtr, n + 1);
    test_snapshot_names(obj, from, names, n, flags);
    for (int i = 0; i < n; i++) {
        list[i] = handle_snapshot_new(dom, names[i]);
        free(names[i]);
    }
    free(names);
    *ret_snaps = list;
    return n;
}

int
test_domain_snapshot_num(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int n;

    TEST_CHECK_FLAGS(flags, TEST_SNAP_LIST_FLAGS, "testDomainSnapshotNum", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    n = test_snapshot_names(obj, NULL, NULL, 0, flags);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_domain_snapshot_list_names(virDomainPtr dom, char **names, int nameslen,
                                unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int n;

    TEST_CHECK_FLAGS(flags, TEST_SNAP_LIST_FLAGS, "testDomainSnapshotListNames", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    n = test_snapshot_names(obj, NULL, names, nameslen, flags);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_domain_list_all_snapshots(virDomainPtr dom, virDomainSnapshotPtr **snaps,
                               unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int n;

    TEST_CHECK_FLAGS(flags, TEST_SNAP_LIST_FLAGS, "testDomainListAllSnapshots", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    n = test_snapshot_handles(obj, NULL, dom, snaps, flags);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_domain_snapshot_num_children(virDomainSnapshotPtr handle, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *snap;
    int n;

    TEST_CHECK_FLAGS(flags, TEST_SNAP_LIST_FLAGS, "testDomainSnapshotNumChildren", -1);
    if (!(snap = test_snapshot_get(handle, &obj, &st)))
        return -1;
    n = test_snapshot_names(obj, snap, NULL, 0, flags);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_domain_snapshot_list_children_names(virDomainSnapshotPtr handle, char **names,
                                         int nameslen, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *snap;
    int n;

    TEST_CHECK_FLAGS(flags, TEST_SNAP_LIST_FLAGS, "testDomainSnapshotListChildrenNames", -1);
    if (!(snap = test_snapshot_get(handle, &obj, &st)))
        return -1;
    n = test_snapshot_names(obj, snap, names, nameslen, flags);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_domain_snapshot_list_all_children(virDomainSnapshotPtr handle,
                                       virDomainSnapshotPtr **snaps, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *snap;
    int n;

    TEST_CHECK_FLAGS(flags, TEST_SNAP_LIST_FLAGS, "testDomainSnapshotListAllChildren", -1);
    if (!(snap = test_snapshot_get(handle, &obj, &st)))
        return -1;
    n = test_snapshot_handles(obj, snap, handle->domain, snaps, flags);
    pthread_mutex_unlock(&st->lock);
    return n;
}

virDomainSnapshotPtr
test_domain_snapshot_lookup_by_name(virDomainPtr dom, const char *name, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    virDomainSnapshotPtr ret = NULL;

    TEST_CHECK_FLAGS(flags, 0, "testDomainSnapshotLookupByName", NULL);
    if (!(obj = test_domain_get(dom, &st)))
        return NULL;
    if (test_snapshot_find(obj, name))
        ret = handle_snapshot_new(dom, name);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_has_current_snapshot(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret;

    TEST_CHECK_FLAGS(flags, 0, "testDomainHasCurrentSnapshot", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    ret = obj->snapshots && obj->snapshots->current;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virDomainSnapshotPtr
test_domain_snapshot_current(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    virDomainSnapshotPtr ret = NULL;

    TEST_CHECK_FLAGS(flags, 0, "testDomainSnapshotCurrent", NULL);
    if (!(obj = test_domain_get(dom, &st)))
        return NULL;
    if (obj->snapshots && obj->snapshots->current)
        ret = handle_snapshot_new(dom, obj->snapshots->current->name);
    else
        vir_report_error(VIR_ERR_NO_DOMAIN_SNAPSHOT, "%s",
                         "the domain does not have a current snapshot");
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virDomainSnapshotPtr
test_domain_snapshot_get_parent(virDomainSnapshotPtr handle, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *snap;
    virDomainSnapshotPtr ret = NULL;

    TEST_CHECK_FLAGS(flags, 0, "testDomainSnapshotGetParent", NULL);
    if (!(snap = test_snapshot_get(handle, &obj, &st)))
        return NULL;
    if (snap->parent_name)
        ret = handle_snapshot_new(handle->domain, snap->parent_name);
    else
        vir_report_error(VIR_ERR_NO_DOMAIN_SNAPSHOT, "snapshot '%s' does not have a parent",
                         snap->name);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

char *
test_domain_snapshot_get_xml_desc(virDomainSnapshotPtr handle, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *snap;
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *xml;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_SNAPSHOT_XML_SECURE, "testDomainSnapshotGetXMLDesc", NULL);
    if (!(snap = test_snapshot_get(handle, &obj, &st)))
        return NULL;
    xml = test_snapshot_format(snap, vireo_uuid_format(handle->domain->uuid, uuid),
                               flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

int
test_domain_snapshot_is_current(virDomainSnapshotPtr handle, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *snap;
    int ret;

    TEST_CHECK_FLAGS(flags, 0, "testDomainSnapshotIsCurrent", -1);
    if (!(snap = test_snapshot_get(handle, &obj, &st)))
        return -1;
    ret = snap == obj->snapshots->current;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_snapshot_has_metadata(virDomainSnapshotPtr handle, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags, 0, "testDomainSnapshotHasMetadata", -1);
    if (!test_snapshot_get(handle, &obj, &st))
        return -1;
    pthread_mutex_unlock(&st->lock);
    return 1;
}

int
test_domain_snapshot_delete(virDomainSnapshotPtr handle, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *snap;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN | VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY,
                     "testDomainSnapshotDelete", -1);
    if (!(snap = test_snapshot_get(handle, &obj, &st)))
        return -1;
    test_moment_delete(obj->snapshots, snap, flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN,
                       flags & VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY);
    pthread_mutex_unlock(&st->lock);
    return 0;
}
