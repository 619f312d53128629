/*
 * storage.c: the public storage pool and volume API.
 */
#define VIR_FROM_THIS VIR_FROM_STORAGE

#include <string.h>

#include "client/client.h"
#include "util/uuid.h"

/* ---- pools --------------------------------------------------------------- */

int
virConnectNumOfStoragePools(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_num_of_storage_pools, CLIENT_FAILED_NEG, -1, conn);
}

int
virConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_ARRAY(conn, names, maxnames, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, maxnames, -1);
    CLIENT_FORWARD(conn, connect_list_storage_pools, CLIENT_FAILED_NEG, -1, conn, names,
                   maxnames);
}

int
virConnectNumOfDefinedStoragePools(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_num_of_defined_storage_pools, CLIENT_FAILED_NEG, -1, conn);
}

int
virConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_ARRAY(conn, names, maxnames, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, maxnames, -1);
    CLIENT_FORWARD(conn, connect_list_defined_storage_pools, CLIENT_FAILED_NEG, -1, conn, names,
                   maxnames);
}

int
virConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    if (pools)
        *pools = NULL;
    CLIENT_FORWARD(conn, connect_list_all_storage_pools, CLIENT_FAILED_NEG, -1, conn, pools,
                   flags);
}

/* Allowed on read-only connections, as in libvirt. */
char *
virConnectGetStoragePoolCapabilities(virConnectPtr conn, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_FORWARD(conn, connect_get_storage_pool_capabilities, CLIENT_FAILED_NULL, NULL, conn,
                   flags);
}

virStoragePoolPtr
virStoragePoolLookupByName(virConnectPtr conn, const char *name)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, name, NULL);
    CLIENT_FORWARD(conn, storage_pool_lookup_by_name, CLIENT_FAILED_NULL, NULL, conn, name);
}

virStoragePoolPtr
virStoragePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, uuid, NULL);
    CLIENT_FORWARD(conn, storage_pool_lookup_by_uuid, CLIENT_FAILED_NULL, NULL, conn, uuid);
}

virStoragePoolPtr
virStoragePoolLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, uuidstr, NULL);
    if (vireo_uuid_parse(uuidstr, uuid) < 0) {
        vir_report_invalid_arg(uuidstr, "uuidstr in %s must be a valid UUID", __func__);
        vir_error_dispatch(conn, __func__);
        return NULL;
    }
    return virStoragePoolLookupByUUID(conn, uuid);
}

virStoragePoolPtr
virStoragePoolLookupByVolume(virStorageVolPtr vol)
{
    CLIENT_ENTER_VOL(vol, NULL);
    CLIENT_FORWARD(vol->conn, storage_pool_lookup_by_volume, CLIENT_FAILED_NULL, NULL, vol);
}

int
virStoragePoolRef(virStoragePoolPtr pool)
{
    CLIENT_ENTER_POOL(pool, -1);
    atomic_fetch_add(&pool->refs, 1);
    return 0;
}

int
virStoragePoolFree(virStoragePoolPtr pool)
{
    CLIENT_ENTER_POOL(pool, -1);
    handle_pool_unref(pool);
    return 0;
}

virConnectPtr
virStoragePoolGetConnect(virStoragePoolPtr pool)
{
    CLIENT_ENTER_POOL(pool, NULL);
    return pool->conn;
}

const char *
virStoragePoolGetName(virStoragePoolPtr pool)
{
    CLIENT_ENTER_POOL(pool, NULL);
    return pool->name;
}

int
virStoragePoolGetUUID(virStoragePoolPtr pool, unsigned char *uuid)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_CHECK_NONNULL(pool->conn, uuid, -1);
    memcpy(uuid, pool->uuid, VIR_UUID_BUFLEN);
    return 0;
}

int
virStoragePoolGetUUIDString(virStoragePoolPtr pool, char *buf)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_CHECK_NONNULL(pool->conn, buf, -1);
    vireo_uuid_format(pool->uuid, buf);
    return 0;
}

int
virStoragePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_CHECK_NONNULL(pool->conn, info, -1);
    memset(info, 0, sizeof(*info));
    CLIENT_FORWARD(pool->conn, storage_pool_get_info, CLIENT_FAILED_NEG, -1, pool, info);
}

char *
virStoragePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags)
{
    CLIENT_ENTER_POOL(pool, NULL);
    CLIENT_FORWARD(pool->conn, storage_pool_get_xml_desc, CLIENT_FAILED_NULL, NULL, pool, flags);
}

int
virStoragePoolIsActive(virStoragePoolPtr pool)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_FORWARD(pool->conn, storage_pool_is_active, CLIENT_FAILED_NEG, -1, pool);
}

int
virStoragePoolIsPersistent(virStoragePoolPtr pool)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_FORWARD(pool->conn, storage_pool_is_persistent, CLIENT_FAILED_NEG, -1, pool);
}

int
virStoragePoolGetAutostart(virStoragePoolPtr pool, int *autostart)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_CHECK_NONNULL(pool->conn, autostart, -1);
    CLIENT_FORWARD(pool->conn, storage_pool_get_autostart, CLIENT_FAILED_NEG, -1, pool,
                   autostart);
}

int
virStoragePoolNumOfVolumes(virStoragePoolPtr pool)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_FORWARD(pool->conn, storage_pool_num_of_volumes, CLIENT_FAILED_NEG, -1, pool);
}

int
virStoragePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_CHECK_ARRAY(pool->conn, names, maxnames, -1);
    CLIENT_CHECK_NONNEGATIVE(pool->conn, maxnames, -1);
    CLIENT_FORWARD(pool->conn, storage_pool_list_volumes, CLIENT_FAILED_NEG, -1, pool, names,
                   maxnames);
}

int
virStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols, unsigned int flags)
{
    CLIENT_ENTER_POOL(pool, -1);
    if (vols)
        *vols = NULL;
    CLIENT_FORWARD(pool->conn, storage_pool_list_all_volumes, CLIENT_FAILED_NEG, -1, pool, vols,
                   flags);
}

/* ---- volumes ------------------------------------------------------------- */

virStorageVolPtr
virStorageVolLookupByName(virStoragePoolPtr pool, const char *name)
{
    CLIENT_ENTER_POOL(pool, NULL);
    CLIENT_CHECK_NONNULL(pool->conn, name, NULL);
    CLIENT_FORWARD(pool->conn, storage_vol_lookup_by_name, CLIENT_FAILED_NULL, NULL, pool, name);
}

virStorageVolPtr
virStorageVolLookupByKey(virConnectPtr conn, const char *key)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, key, NULL);
    CLIENT_FORWARD(conn, storage_vol_lookup_by_key, CLIENT_FAILED_NULL, NULL, conn, key);
}

virStorageVolPtr
virStorageVolLookupByPath(virConnectPtr conn, const char *path)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, path, NULL);
    CLIENT_FORWARD(conn, storage_vol_lookup_by_path, CLIENT_FAILED_NULL, NULL, conn, path);
}

int
virStorageVolRef(virStorageVolPtr vol)
{
    CLIENT_ENTER_VOL(vol, -1);
    atomic_fetch_add(&vol->refs, 1);
    return 0;
}

int
virStorageVolFree(virStorageVolPtr vol)
{
    CLIENT_ENTER_VOL(vol, -1);
    handle_vol_unref(vol);
    return 0;
}

virConnectPtr
virStorageVolGetConnect(virStorageVolPtr vol)
{
    CLIENT_ENTER_VOL(vol, NULL);
    return vol->conn;
}

const char *
virStorageVolGetName(virStorageVolPtr vol)
{
    CLIENT_ENTER_VOL(vol, NULL);
    return vol->name;
}

const char *
virStorageVolGetKey(virStorageVolPtr vol)
{
    CLIENT_ENTER_VOL(vol, NULL);
    return vol->key;
}

int
virStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info)
{
    CLIENT_ENTER_VOL(vol, -1);
    CLIENT_CHECK_NONNULL(vol->conn, info, -1);
    memset(info, 0, sizeof(*info));
    CLIENT_FORWARD(vol->conn, storage_vol_get_info, CLIENT_FAILED_NEG, -1, vol, info);
}

char *
virStorageVolGetXMLDesc(virStorageVolPtr pool, unsigned int flags)
{
    CLIENT_ENTER_VOL(pool, NULL);
    CLIENT_FORWARD(pool->conn, storage_vol_get_xml_desc, CLIENT_FAILED_NULL, NULL, pool, flags);
}

char *
virStorageVolGetPath(virStorageVolPtr vol)
{
    CLIENT_ENTER_VOL(vol, NULL);
    CLIENT_FORWARD(vol->conn, storage_vol_get_path, CLIENT_FAILED_NULL, NULL, vol);
}
