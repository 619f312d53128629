/*
 * test_checkpoint.c: domain checkpoints in the test driver, as libvirt
 * 9.0's test driver keeps them: metadata only, only for running domains
 * without snapshots, a tree per domain whose newest checkpoint is current.
 * Every method holds the state lock for the whole call.
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

/* ROOTS/DESCENDANTS, TOPOLOGICAL, LEAVES and NO_LEAVES: the public bits
 * equal the moment list's. */
#define TEST_CHK_LIST_FLAGS 0xfu

int
test_domain_checkpoint_count(const TestDomain *dom)
{
    return dom->checkpoints ? (int)dom->checkpoints->nitems : 0;
}

static TestMoment *
test_checkpoint_find(TestDomain *obj, const char *name)
{
    TestMoment *chk = test_moment_find(obj->checkpoints, name);

    if (!chk)
        vir_report_error(VIR_ERR_NO_DOMAIN_CHECKPOINT,
                         "no domain checkpoint with matching name '%s'", name);
    return chk;
}

/* The domain and checkpoint behind a handle, state locked; NULL unlocked
 * after reporting. */
static TestMoment *
test_checkpoint_get(virDomainCheckpointPtr handle, TestDomain **ret_obj, TestState **ret_st)
{
    TestState *st;
    TestDomain *obj = test_domain_get(handle->domain, &st);
    TestMoment *chk;

    if (!obj)
        return NULL;
    if (!(chk = test_checkpoint_find(obj, handle->name))) {
        pthread_mutex_unlock(&st->lock);
        return NULL;
    }
    *ret_obj = obj;
    *ret_st = st;
    return chk;
}

/* libvirt's virDomainCheckpointRedefinePrep and Commit: returns the
 * checkpoint now in the list (a namesake keeps its place and children),
 * or NULL (reported; chk freed). */
static TestMoment *
test_checkpoint_redefine(TestDomain *obj, TestMoment *chk, bool *update_current)
{
    TestMomentList *list = obj->checkpoints;
    TestMoment *parent, *other;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (test_moment_check_cycles(list, chk->name, chk->parent_name) < 0)
        goto error;
    if (chk->dom) {
        if (memcmp(chk->dom->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0) {
            vir_error_report(VIR_FROM_DOMAIN_CHECKPOINT, VIR_ERR_INVALID_ARG,
                             "definition for checkpoint %s must use uuid %s", chk->name,
                             vireo_uuid_format(obj->def->uuid, uuid));
            goto error;
        }
        if (test_checkpoint_align_disks(chk) < 0)
            goto error;
    } else {
        test_checkpoint_bitmap_names(chk);
    }
    if ((parent = test_moment_find(list, chk->parent_name)) && parent == list->current)
        *update_current = true;
    if (!list->current)
        *update_current = true;
    if (!(other = test_moment_find(list, chk->name))) {
        test_moment_add(list, chk);
        return chk;
    }
    test_moment_drop_parent(other);
    TestMoment *keep = other->first_child;
    int nchildren = other->nchildren;
    TestMoment tmp = *other;

    *other = *chk;
    other->first_child = keep;
    other->nchildren = nchildren;
    other->parent = NULL;
    other->sibling = NULL;
    *chk = tmp;
    chk->first_child = NULL;
    chk->nchildren = 0;
    test_moment_free(chk);
    return other;

error:
    test_moment_free(chk);
    return NULL;
}

virDomainCheckpointPtr
test_domain_checkpoint_create_xml(virDomainPtr dom, const char *xml, unsigned int flags)
{
    bool redefine = flags & VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE;
    bool update_current = !redefine;
    TestState *st;
    TestDomain *obj;
    TestMoment *chk;
    TestMomentList *list;
    virDomainCheckpointPtr ret = NULL;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE | VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE,
                     "testDomainCheckpointCreateXML", NULL);
    if (!(obj = test_domain_get(dom, &st)))
        return NULL;
    if (test_domain_snapshot_count(obj) > 0) {
        vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                         "cannot create checkpoint while snapshot exists");
        goto out;
    }
    if (!test_domain_active(obj)) {
        vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                         "cannot create checkpoint for inactive domain");
        goto out;
    }
    if (!(chk = test_checkpoint_parse(xml, redefine)))
        goto out;
    if (!obj->checkpoints)
        obj->checkpoints = test_moment_list_new();
    list = obj->checkpoints;
    if (redefine) {
        if (!(chk = test_checkpoint_redefine(obj, chk, &update_current)))
            goto out;
    } else if (!(chk->dom = domain_def_copy(obj->def)) || test_checkpoint_align_disks(chk) < 0 ||
               test_moment_add(list, chk) < 0) {
        test_moment_free(chk);
        goto out;
    }
    if (list->current) {
        if (!redefine) {
            free(chk->parent_name);
            chk->parent_name = xstrdup(list->current->name);
        }
        if (update_current)
            list->current = NULL;
    }
    ret = handle_checkpoint_new(dom, chk->name);
    if (update_current)
        list->current = chk;
    test_moment_link_parent(list, chk);
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* The matching checkpoints below from (NULL: all) as handles on dom. */
static int
test_checkpoint_handles(TestDomain *obj, TestMoment *from, virDomainPtr dom,
                        virDomainCheckpointPtr **ret_chks, unsigned int flags)
{
    TestMomentList *list;
    int n;
    char **names;
    virDomainCheckpointPtr *chks;

    if (!obj->checkpoints)
        obj->checkpoints = test_moment_list_new();
    list = obj->checkpoints;
    n = test_moment_list_names(list, from, NULL, 0, flags, NULL, 0);
    if (!ret_chks)
        return n;
    names = XNEW_ARRAY(char *, n + 1);
    chks = XNEW_ARRAY(virDomainCheckpointPtr, n + 1);
    test_moment_list_names(list, from, names, n, flags, NULL, 0);
    for (int i = 0; i < n; i++) {
        chks[i] = handle_checkpoint_new(dom, names[i]);
        free(names[i]);
    }
    free(names);
    *ret_chks = chks;
    return n;
}

int
test_domain_list_all_checkpoints(virDomainPtr dom, virDomainCheckpointPtr **chks,
                                 unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int n;

    TEST_CHECK_FLAGS(flags, TEST_CHK_LIST_FLAGS, "testDomainListAllCheckpoints", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    n = test_checkpoint_handles(obj, NULL, dom, chks, flags);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_domain_checkpoint_list_all_children(virDomainCheckpointPtr handle,
                                         virDomainCheckpointPtr **chks, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *chk;
    int n;

    TEST_CHECK_FLAGS(flags, TEST_CHK_LIST_FLAGS, "testDomainCheckpointListAllChildren", -1);
    if (!(chk = test_checkpoint_get(handle, &obj, &st)))
        return -1;
    n = test_checkpoint_handles(obj, chk, handle->domain, chks, flags);
    pthread_mutex_unlock(&st->lock);
    return n;
}

virDomainCheckpointPtr
test_domain_checkpoint_lookup_by_name(virDomainPtr dom, const char *name, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    virDomainCheckpointPtr ret = NULL;

    TEST_CHECK_FLAGS(flags, 0, "testDomainCheckpointLookupByName", NULL);
    if (!(obj = test_domain_get(dom, &st)))
        return NULL;
    if (test_checkpoint_find(obj, name))
        ret = handle_checkpoint_new(dom, name);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virDomainCheckpointPtr
test_domain_checkpoint_get_parent(virDomainCheckpointPtr handle, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *chk;
    virDomainCheckpointPtr ret = NULL;

    TEST_CHECK_FLAGS(flags, 0, "testDomainCheckpointGetParent", NULL);
    if (!(chk = test_checkpoint_get(handle, &obj, &st)))
        return NULL;
    if (chk->parent_name)
        ret = handle_checkpoint_new(handle->domain, chk->parent_name);
    else
        vir_report_error(VIR_ERR_NO_DOMAIN_CHECKPOINT, "checkpoint '%s' does not have a parent",
                         chk->name);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

char *
test_domain_checkpoint_get_xml_desc(virDomainCheckpointPtr handle, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *chk;
    char *xml = NULL;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_CHECKPOINT_XML_SECURE | VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN |
                         VIR_DOMAIN_CHECKPOINT_XML_SIZE,
                     "testDomainCheckpointGetXMLDesc", NULL);
    if (!(chk = test_checkpoint_get(handle, &obj, &st)))
        return NULL;
    /* sizes need a running guest; the test driver never marks them valid */
    if (!(flags & VIR_DOMAIN_CHECKPOINT_XML_SIZE) || test_domain_check_active(obj) == 0)
        xml = test_checkpoint_format(chk, flags & VIR_DOMAIN_CHECKPOINT_XML_SECURE,
                                     flags & VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN,
                                     flags & VIR_DOMAIN_CHECKPOINT_XML_SIZE);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

int
test_domain_checkpoint_delete(virDomainCheckpointPtr handle, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    TestMoment *chk;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN |
                         VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY |
                         VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY,
                     "testDomainCheckpointDelete", -1);
    if (!(chk = test_checkpoint_get(handle, &obj, &st)))
        return -1;
    test_moment_delete(obj->checkpoints, chk, flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN,
                       flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY);
    pthread_mutex_unlock(&st->lock);
    return 0;
}
