/*
 * test_storage.c: storage pool and volume methods of the test driver
 * (read side: list, lookup, info, XML, paths).
 */
#include <string.h>

#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST
#include "util/error.h"

static TestPool *
test_pool_find_name(TestState *st, const char *name)
{
    for (size_t i = 0; i < st->npools; i++)
        if (STREQ(st->pools[i]->def->name, name))
            return st->pools[i];
    vir_report_error(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching name '%s'", name);
    return NULL;
}

static TestPool *
test_pool_find_active(TestState *st, const char *name)
{
    TestPool *pool = test_pool_find_name(st, name);

    if (pool && !pool->active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "storage pool '%s' is not active", name);
        return NULL;
    }
    return pool;
}

static TestPool *
test_pool_find_uuid(TestState *st, const unsigned char *uuid)
{
    char str[VIR_UUID_STRING_BUFLEN];

    for (size_t i = 0; i < st->npools; i++)
        if (memcmp(st->pools[i]->def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return st->pools[i];
    vir_report_error(VIR_ERR_NO_STORAGE_POOL, "no storage pool with matching uuid '%s'",
                     vireo_uuid_format(uuid, str));
    return NULL;
}

static StorageVolDef *
test_vol_find_name(TestPool *pool, const char *name)
{
    for (size_t i = 0; i < pool->nvols; i++)
        if (STREQ(pool->vols[i]->name, name))
            return pool->vols[i];
    vir_report_error(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
    return NULL;
}

static int
test_pool_count(virConnectPtr conn, bool active)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->npools; i++)
        n += st->pools[i]->active == active;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int
test_pool_names(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    if (maxnames > 0)
        memset(names, 0, sizeof(*names) * (size_t)maxnames);
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->npools && n < maxnames; i++)
        if (st->pools[i]->active == active)
            names[n++] = xstrdup(st->pools[i]->def->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_connect_num_of_storage_pools(virConnectPtr conn)
{
    return test_pool_count(conn, true);
}

int
test_connect_list_storage_pools(virConnectPtr conn, char **const names, int maxnames)
{
    return test_pool_names(conn, true, names, maxnames);
}

int
test_connect_num_of_defined_storage_pools(virConnectPtr conn)
{
    return test_pool_count(conn, false);
}

int
test_connect_list_defined_storage_pools(virConnectPtr conn, char **const names, int maxnames)
{
    return test_pool_names(conn, false, names, maxnames);
}

/* Pool type -> its VIR_CONNECT_LIST_STORAGE_POOLS_* bit. */
static const struct {
    const char *type;
    unsigned int flag;
} test_pool_type_flags[] = {
    { "dir", VIR_CONNECT_LIST_STORAGE_POOLS_DIR },
    { "fs", VIR_CONNECT_LIST_STORAGE_POOLS_FS },
    { "netfs", VIR_CONNECT_LIST_STORAGE_POOLS_NETFS },
    { "logical", VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL },
    { "disk", VIR_CONNECT_LIST_STORAGE_POOLS_DISK },
    { "iscsi", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI },
    { "scsi", VIR_CONNECT_LIST_STORAGE_POOLS_SCSI },
    { "mpath", VIR_CONNECT_LIST_STORAGE_POOLS_MPATH },
    { "rbd", VIR_CONNECT_LIST_STORAGE_POOLS_RBD },
    { "sheepdog", VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG },
    { "gluster", VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER },
    { "zfs", VIR_CONNECT_LIST_STORAGE_POOLS_ZFS },
    { "vstorage", VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE },
    { "iscsi-direct", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT },
};

#define TEST_POOL_TYPE_BITS 0xfffc0u /* DIR .. ISCSI_DIRECT */

static bool
test_pool_filter_out(unsigned int flags, unsigned int a, unsigned int b, bool is_a)
{
    if (!(flags & (a | b)) || (flags & (a | b)) == (a | b))
        return false;
    return (flags & a) ? !is_a : is_a;
}

static bool
test_pool_matches(const TestPool *pool, unsigned int flags)
{
    unsigned int type_flag = 0;

    if (test_pool_filter_out(flags, VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE,
                             VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE, pool->active) ||
        test_pool_filter_out(flags, VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT,
                             VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT, pool->persistent) ||
        test_pool_filter_out(flags, VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART,
                             VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART, pool->autostart))
        return false;
    if (!(flags & TEST_POOL_TYPE_BITS))
        return true;
    for (size_t i = 0; i < ARRAY_SIZE(test_pool_type_flags); i++)
        if (STREQ(test_pool_type_flags[i].type, pool->def->type))
            type_flag = test_pool_type_flags[i].flag;
    return (flags & type_flag) != 0;
}

int
test_connect_list_all_storage_pools(virConnectPtr conn, virStoragePoolPtr **pools,
                                    unsigned int flags)
{
    TestState *st = test_state_of(conn);
    virStoragePoolPtr *list = NULL;
    int n = 0;

    TEST_CHECK_FLAGS(flags, 0xfffffu, "testConnectListAllStoragePools", -1);
    pthread_mutex_lock(&st->lock);
    if (pools)
        list = XNEW_ARRAY(virStoragePoolPtr, st->npools + 1);
    for (size_t i = 0; i < st->npools; i++) {
        if (!test_pool_matches(st->pools[i], flags))
            continue;
        if (list)
            list[n] = handle_pool_new(conn, st->pools[i]->def->name, st->pools[i]->def->uuid);
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (pools)
        *pools = list;
    return n;
}

virStoragePoolPtr
test_storage_pool_lookup_by_name(virConnectPtr conn, const char *name)
{
    TestState *st = test_state_of(conn);
    virStoragePoolPtr ret = NULL;
    TestPool *pool;

    pthread_mutex_lock(&st->lock);
    if ((pool = test_pool_find_name(st, name)))
        ret = handle_pool_new(conn, pool->def->name, pool->def->uuid);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virStoragePoolPtr
test_storage_pool_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    TestState *st = test_state_of(conn);
    virStoragePoolPtr ret = NULL;
    TestPool *pool;

    pthread_mutex_lock(&st->lock);
    if ((pool = test_pool_find_uuid(st, uuid)))
        ret = handle_pool_new(conn, pool->def->name, pool->def->uuid);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virStoragePoolPtr
test_storage_pool_lookup_by_volume(virStorageVolPtr vol)
{
    return test_storage_pool_lookup_by_name(vol->conn, vol->pool);
}

int
test_storage_pool_get_info(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
{
    TestState *st = test_state_of(pool->conn);
    TestPool *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_pool_find_name(st, pool->name))) {
        memset(info, 0, sizeof(*info));
        info->state = obj->active ? VIR_STORAGE_POOL_RUNNING : VIR_STORAGE_POOL_INACTIVE;
        info->capacity = obj->def->capacity;
        info->allocation = obj->def->allocation;
        info->available = obj->def->available;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

char *
test_storage_pool_get_xml_desc(virStoragePoolPtr pool, unsigned int flags)
{
    TestState *st = test_state_of(pool->conn);
    TestPool *obj;
    char *ret = NULL;

    TEST_CHECK_FLAGS(flags, 0, "testStoragePoolGetXMLDesc", NULL);
    pthread_mutex_lock(&st->lock);
    if ((obj = test_pool_find_name(st, pool->name)))
        ret = storage_pool_def_format(obj->def);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int
test_pool_bool(virStoragePoolPtr pool, int which)
{
    TestState *st = test_state_of(pool->conn);
    TestPool *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_pool_find_uuid(st, pool->uuid)))
        ret = which ? obj->persistent : obj->active;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_storage_pool_is_active(virStoragePoolPtr pool)
{
    return test_pool_bool(pool, 0);
}

int
test_storage_pool_is_persistent(virStoragePoolPtr pool)
{
    return test_pool_bool(pool, 1);
}

int
test_storage_pool_get_autostart(virStoragePoolPtr pool, int *autostart)
{
    TestState *st = test_state_of(pool->conn);
    TestPool *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_pool_find_name(st, pool->name))) {
        *autostart = obj->autostart;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_storage_pool_num_of_volumes(virStoragePoolPtr pool)
{
    TestState *st = test_state_of(pool->conn);
    TestPool *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_pool_find_active(st, pool->name)))
        ret = (int)obj->nvols;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_storage_pool_list_volumes(virStoragePoolPtr pool, char **const names, int maxnames)
{
    TestState *st = test_state_of(pool->conn);
    TestPool *obj;
    int n = -1;

    if (maxnames > 0)
        memset(names, 0, sizeof(*names) * (size_t)maxnames);
    pthread_mutex_lock(&st->lock);
    if ((obj = test_pool_find_active(st, pool->name)))
        for (n = 0; (size_t)n < obj->nvols && n < maxnames; n++)
            names[n] = xstrdup(obj->vols[n]->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_storage_pool_list_all_volumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
                                   unsigned int flags)
{
    TestState *st = test_state_of(pool->conn);
    TestPool *obj;
    int n = -1;

    TEST_CHECK_FLAGS(flags, 0, "testStoragePoolListAllVolumes", -1);
    pthread_mutex_lock(&st->lock);
    if (!(obj = test_pool_find_uuid(st, pool->uuid)))
        goto out;
    if (!obj->active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "storage pool is not active");
        goto out;
    }
    if (vols) {
        *vols = XNEW_ARRAY(virStorageVolPtr, obj->nvols + 1);
        for (size_t i = 0; i < obj->nvols; i++)
            (*vols)[i] = handle_vol_new(pool->conn, obj->def->name, obj->vols[i]->name,
                                        obj->vols[i]->key);
    }
    n = (int)obj->nvols;
out:
    pthread_mutex_unlock(&st->lock);
    return n;
}

virStorageVolPtr
test_storage_vol_lookup_by_name(virStoragePoolPtr pool, const char *name)
{
    TestState *st = test_state_of(pool->conn);
    virStorageVolPtr ret = NULL;
    TestPool *obj;
    StorageVolDef *vol;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_pool_find_active(st, pool->name)) && (vol = test_vol_find_name(obj, name)))
        ret = handle_vol_new(pool->conn, obj->def->name, vol->name, vol->key);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* Searches the active pools for a volume whose key (by_key) or path
 * matches. Reports NO_STORAGE_VOL naming what was searched. */
static virStorageVolPtr
test_vol_search(virConnectPtr conn, const char *what, bool by_key)
{
    TestState *st = test_state_of(conn);
    virStorageVolPtr ret = NULL;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->npools && !ret; i++) {
        TestPool *pool = st->pools[i];

        for (size_t j = 0; pool->active && j < pool->nvols && !ret; j++) {
            StorageVolDef *vol = pool->vols[j];
            if (STREQ_NULLABLE(by_key ? vol->key : vol->target_path, what))
                ret = handle_vol_new(conn, pool->def->name, vol->name, vol->key);
        }
    }
    pthread_mutex_unlock(&st->lock);
    if (!ret)
        vir_report_error(VIR_ERR_NO_STORAGE_VOL, "no storage vol with matching %s '%s'",
                         by_key ? "key" : "path", what);
    return ret;
}

virStorageVolPtr
test_storage_vol_lookup_by_key(virConnectPtr conn, const char *key)
{
    return test_vol_search(conn, key, true);
}

virStorageVolPtr
test_storage_vol_lookup_by_path(virConnectPtr conn, const char *path)
{
    return test_vol_search(conn, path, false);
}

/* Locks the state, finds vol's pool (active) and the volume. On failure
 * reports, unlocks and returns NULL. */
static StorageVolDef *
test_vol_get(virStorageVolPtr vol, TestState **ret_st, TestPool **ret_pool)
{
    TestState *st = test_state_of(vol->conn);
    TestPool *pool;
    StorageVolDef *def = NULL;

    pthread_mutex_lock(&st->lock);
    if ((pool = test_pool_find_active(st, vol->pool)))
        def = test_vol_find_name(pool, vol->name);
    if (!def) {
        pthread_mutex_unlock(&st->lock);
        return NULL;
    }
    *ret_st = st;
    if (ret_pool)
        *ret_pool = pool;
    return def;
}

int
test_storage_vol_get_info(virStorageVolPtr vol, virStorageVolInfoPtr info)
{
    TestState *st;
    TestPool *pool;
    StorageVolDef *def = test_vol_get(vol, &st, &pool);

    if (!def)
        return -1;
    memset(info, 0, sizeof(*info));
    info->type = storage_vol_type_for_pool(pool->def->type);
    info->capacity = def->capacity;
    info->allocation = def->allocation;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

char *
test_storage_vol_get_xml_desc(virStorageVolPtr vol, unsigned int flags)
{
    TestState *st;
    StorageVolDef *def;
    char *ret;

    TEST_CHECK_FLAGS(flags, 0, "testStorageVolGetXMLDesc", NULL);
    if (!(def = test_vol_get(vol, &st, NULL)))
        return NULL;
    ret = storage_vol_def_format(def);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

char *
test_storage_vol_get_path(virStorageVolPtr vol)
{
    TestState *st;
    StorageVolDef *def;
    char *ret;

    if (!(def = test_vol_get(vol, &st, NULL)))
        return NULL;
    ret = xstrdup(def->target_path);
    pthread_mutex_unlock(&st->lock);
    return ret;
}
