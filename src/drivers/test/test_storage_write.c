/*
 * test_storage_write.c: storage methods of the test driver that change
 * state: pools (define, create, build, start, destroy, delete, refresh,
 * undefine, autostart) and volumes (create, clone, delete). As in libvirt's
 * test driver, nothing touches the disk: build, delete and refresh only
 * check the pool's state, and a new volume takes its allocation from the
 * pool's 100 GiB.
 */
#include <string.h>

#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST
#include "util/error.h"

#define TEST_POOL_DEFAULT_CAPACITY (100ULL * 1024 * 1024 * 1024)

static TestPool *
test_spool_find(TestState *st, const char *name)
{
    for (size_t i = 0; i < st->npools; i++)
        if (STREQ(st->pools[i]->def->name, name))
            return st->pools[i];
    vir_report_error(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'", name);
    return NULL;
}

/* The pool called name, which must be active (want_active) or inactive. */
static TestPool *
test_spool_find_state(TestState *st, const char *name, bool want_active)
{
    TestPool *pool = test_spool_find(st, name);

    if (pool && pool->active != want_active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         want_active ? "storage pool '%s' is not active"
                                     : "storage pool '%s' is active", name);
        return NULL;
    }
    return pool;
}

static void
test_spool_remove(TestState *st, TestPool *pool)
{
    for (size_t i = 0; i < st->npools; i++) {
        if (st->pools[i] != pool)
            continue;
        memmove(&st->pools[i], &st->pools[i + 1], (st->npools - i - 1) * sizeof(*st->pools));
        st->npools--;
        break;
    }
    test_pool_free(pool);
}

static bool
test_spool_is_dir_like(const char *type)
{
    return STREQ(type, "dir") || STREQ(type, "fs") || STREQ(type, "netfs");
}

/* libvirt's duplicate rules for a new pool definition. Returns the pool it
 * replaces (NULL for a new one) through ret_pool; -1 after reporting. */
static int
test_spool_check_dup(TestState *st, const StoragePoolDef *def, bool live, TestPool **ret_pool)
{
    char uuid[VIR_UUID_STRING_BUFLEN];

    *ret_pool = NULL;
    for (size_t i = 0; i < st->npools; i++) {
        const StoragePoolDef *other = st->pools[i]->def;

        if (STREQ(other->name, def->name))
            continue;
        if (STREQ(other->type, def->type) && test_spool_is_dir_like(def->type) &&
            other->target_path && def->target_path &&
            STREQ(other->target_path, def->target_path)) {
            vir_report_error(VIR_ERR_OPERATION_FAILED, "Storage source conflict with pool: '%s'",
                             other->name);
            return -1;
        }
    }
    for (size_t i = 0; i < st->npools; i++) {
        TestPool *pool = st->pools[i];

        if (memcmp(pool->def->uuid, def->uuid, VIR_UUID_BUFLEN) == 0) {
            if (STRNEQ(pool->def->name, def->name)) {
                vir_error_report(VIR_FROM_STORAGE, VIR_ERR_OPERATION_FAILED,
                                 "pool '%s' is already defined with uuid %s", pool->def->name,
                                 vireo_uuid_format(pool->def->uuid, uuid));
                return -1;
            }
            if (live && pool->active) {
                vir_error_report(VIR_FROM_STORAGE, VIR_ERR_OPERATION_INVALID,
                                 "pool is already active as '%s'",
                                 pool->def->name);
                return -1;
            }
            *ret_pool = pool;
            return 0;
        }
        if (STREQ(pool->def->name, def->name)) {
            vir_error_report(VIR_FROM_STORAGE, VIR_ERR_OPERATION_FAILED,
                             "pool '%s' already exists with uuid %s",
                             def->name, vireo_uuid_format(pool->def->uuid, uuid));
            return -1;
        }
    }
    return 0;
}

static virStoragePoolPtr
test_spool_add_xml(virConnectPtr conn, const char *xml, bool live)
{
    TestState *st = test_state_of(conn);
    StoragePoolDef *def = storage_pool_def_parse_string(xml);
    virStoragePoolPtr ret = NULL;
    TestPool *pool;

    if (!def)
        return NULL;
    def->capacity = TEST_POOL_DEFAULT_CAPACITY;
    def->allocation = 0;
    def->available = TEST_POOL_DEFAULT_CAPACITY;
    pthread_mutex_lock(&st->lock);
    if (test_spool_check_dup(st, def, live, &pool) < 0)
        goto out;
    if (pool) {
        /* A running pool keeps its live definition. */
        if (!pool->active) {
            storage_pool_def_free(pool->def);
            pool->def = def;
            def = NULL;
        }
    } else {
        pool = XNEW(TestPool);
        pool->def = def;
        def = NULL;
        st->pools = xreallocarray(st->pools, st->npools + 1, sizeof(*st->pools));
        st->pools[st->npools++] = pool;
    }
    if (live) {
        pool->active = true;
    } else {
        pool->persistent = true;
    }
    ret = handle_pool_new(conn, pool->def->name, pool->def->uuid);
    test_event_object(st, VIREO_EVENT_POOL, VIREO_POOL_EVENT_LIFECYCLE, pool->def->name,
                      pool->def->uuid, live ? VIR_STORAGE_POOL_EVENT_STARTED
                                            : VIR_STORAGE_POOL_EVENT_DEFINED, 0); /* streams/events */
out:
    pthread_mutex_unlock(&st->lock);
    storage_pool_def_free(def);
    return ret;
}

virStoragePoolPtr
test_storage_pool_create_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testStoragePoolCreateXML", NULL);
    return test_spool_add_xml(conn, xml, true);
}

virStoragePoolPtr
test_storage_pool_define_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, VIR_STORAGE_POOL_DEFINE_VALIDATE, "testStoragePoolDefineXML", NULL);
    return test_spool_add_xml(conn, xml, false);
}

/* What a state-checking pool operation does once the pool is found. */
typedef enum {
    TEST_SPOOL_NOTHING,  /* build, delete, refresh: only the state check */
    TEST_SPOOL_START,
    TEST_SPOOL_STOP,
    TEST_SPOOL_UNDEFINE,
} TestSpoolAction;

static int
test_spool_op(virStoragePoolPtr pool, bool want_active, TestSpoolAction action)
{
    TestState *st = test_state_of(pool->conn);
    TestPool *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_spool_find_state(st, pool->name, want_active))) {
        switch (action) {
        case TEST_SPOOL_START:
            obj->active = true;
            break;
        case TEST_SPOOL_STOP:
            obj->active = false;
            if (!obj->persistent)
                test_spool_remove(st, obj);
            break;
        case TEST_SPOOL_UNDEFINE:
            test_spool_remove(st, obj);
            break;
        case TEST_SPOOL_NOTHING:
            break;
        }
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_storage_pool_create(virStoragePoolPtr pool, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testStoragePoolCreate", -1);
    return test_event_pool_after(pool, test_spool_op(pool, false, TEST_SPOOL_START), VIREO_POOL_EVENT_LIFECYCLE, VIR_STORAGE_POOL_EVENT_STARTED); /* streams/events */
}

int
test_storage_pool_build(virStoragePoolPtr pool, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testStoragePoolBuild", -1);
    return test_event_pool_after(pool, test_spool_op(pool, false, TEST_SPOOL_NOTHING), VIREO_POOL_EVENT_LIFECYCLE, VIR_STORAGE_POOL_EVENT_CREATED); /* streams/events */
}

int
test_storage_pool_destroy(virStoragePoolPtr pool)
{
    return test_event_pool_after(pool, test_spool_op(pool, true, TEST_SPOOL_STOP), VIREO_POOL_EVENT_LIFECYCLE, VIR_STORAGE_POOL_EVENT_STOPPED); /* streams/events */
}

int
test_storage_pool_delete(virStoragePoolPtr pool, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testStoragePoolDelete", -1);
    return test_event_pool_after(pool, test_spool_op(pool, false, TEST_SPOOL_NOTHING), VIREO_POOL_EVENT_LIFECYCLE, VIR_STORAGE_POOL_EVENT_DELETED); /* streams/events */
}

int
test_storage_pool_refresh(virStoragePoolPtr pool, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testStoragePoolRefresh", -1);
    return test_event_pool_after(pool, test_spool_op(pool, true, TEST_SPOOL_NOTHING), VIREO_POOL_EVENT_REFRESH, 0); /* streams/events */
}

int
test_storage_pool_undefine(virStoragePoolPtr pool)
{
    return test_event_pool_after(pool, test_spool_op(pool, false, TEST_SPOOL_UNDEFINE), VIREO_POOL_EVENT_LIFECYCLE, VIR_STORAGE_POOL_EVENT_UNDEFINED); /* streams/events */
}

int
test_storage_pool_set_autostart(virStoragePoolPtr pool, int autostart)
{
    TestState *st = test_state_of(pool->conn);
    TestPool *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_spool_find(st, pool->name))) {
        if (!obj->persistent) {
            vir_report_error(VIR_ERR_INVALID_ARG, "%s", "pool has no config file");
        } else {
            obj->autostart = autostart != 0;
            ret = 0;
        }
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static StorageVolDef *
test_svol_find(TestPool *pool, const char *name)
{
    for (size_t i = 0; i < pool->nvols; i++)
        if (STREQ(pool->vols[i]->name, name))
            return pool->vols[i];
    return NULL;
}

/* Creates a volume from xml in pool; clone_name names the volume copied
 * (which must exist) or is NULL. */
static virStorageVolPtr
test_svol_create(virStoragePoolPtr pool, const char *xml, const char *clone_name)
{
    TestState *st = test_state_of(pool->conn);
    virStorageVolPtr ret = NULL;
    StorageVolDef *vol = NULL;
    TestPool *obj;

    pthread_mutex_lock(&st->lock);
    if (!(obj = test_spool_find_state(st, pool->name, true)))
        goto out;
    if (!(vol = storage_vol_def_parse_string(obj->def, xml)))
        goto out;
    if (test_svol_find(obj, vol->name)) {
        vir_report_error(VIR_ERR_OPERATION_FAILED, "%s", "storage vol already exists");
        goto out;
    }
    if (clone_name && !test_svol_find(obj, clone_name)) {
        vir_report_error(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                         clone_name);
        goto out;
    }
    if (obj->def->allocation + vol->allocation > obj->def->capacity) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR,
                         "Not enough free space in pool for volume '%s'", vol->name);
        goto out;
    }
    free(vol->target_path);
    free(vol->key);
    vol->target_path = xasprintf("%s/%s", obj->def->target_path ? obj->def->target_path : "(null)",
                                 vol->name);
    vol->key = xstrdup(vol->target_path);
    obj->vols = xreallocarray(obj->vols, obj->nvols + 1, sizeof(*obj->vols));
    obj->vols[obj->nvols++] = vol;
    test_stream_vol_deleted(st, obj->def->name, vol->name); /* streams/events: no stale bytes */
    obj->def->allocation += vol->allocation;
    obj->def->available = obj->def->capacity - obj->def->allocation;
    ret = handle_vol_new(pool->conn, obj->def->name, vol->name, vol->key);
    vol = NULL;
out:
    pthread_mutex_unlock(&st->lock);
    storage_vol_def_free(vol);
    return ret;
}

virStorageVolPtr
test_storage_vol_create_xml(virStoragePoolPtr pool, const char *xml, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, VIR_STORAGE_VOL_CREATE_VALIDATE, "testStorageVolCreateXML", NULL);
    return test_svol_create(pool, xml, NULL);
}

virStorageVolPtr
test_storage_vol_create_xml_from(virStoragePoolPtr pool, const char *xml,
                                 virStorageVolPtr clonevol, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, VIR_STORAGE_VOL_CREATE_VALIDATE, "testStorageVolCreateXMLFrom",
                     NULL);
    return test_svol_create(pool, xml, clonevol->name);
}

int
test_storage_vol_delete(virStorageVolPtr vol, unsigned int flags)
{
    TestState *st = test_state_of(vol->conn);
    TestPool *obj;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testStorageVolDelete", -1);
    pthread_mutex_lock(&st->lock);
    if (!(obj = test_spool_find_state(st, vol->pool, true)))
        goto out;
    for (size_t i = 0; i < obj->nvols; i++) {
        StorageVolDef *def = obj->vols[i];

        if (STRNEQ(def->name, vol->name))
            continue;
        obj->def->allocation -= def->allocation;
        obj->def->available = obj->def->capacity - obj->def->allocation;
        test_stream_vol_deleted(st, obj->def->name, def->name); /* streams/events */
        memmove(&obj->vols[i], &obj->vols[i + 1], (obj->nvols - i - 1) * sizeof(*obj->vols));
        obj->nvols--;
        storage_vol_def_free(def);
        ret = 0;
        goto out;
    }
    vir_report_error(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", vol->name);
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}
