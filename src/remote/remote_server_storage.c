/*
 * remote_server_storage.c: REMOTE procedures on storage pools and volumes,
 * forwarded to the public API on the client's hypervisor connection.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <string.h>
#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

typedef int (*RemotePoolIntFn)(virStoragePoolPtr pool);
typedef int (*RemoteNameListFn)(virConnectPtr conn, char **const names, int maxnames);

static int
remote_server_pool_int(virConnectPtr conn, const remote_nonnull_storage_pool *w,
                       RemotePoolIntFn fn, int *ret_value)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, w);
    int rc = fn(pool);

    handle_pool_unref(pool);
    return remote_server_take_int(rc, ret_value);
}

static int
remote_server_pool_take(virStoragePoolPtr pool, remote_storage_pool_ret *ret)
{
    if (!pool)
        return -1;
    remote_wire_pool_to_wire_dup(pool, &ret->pool);
    handle_pool_unref(pool);
    return 0;
}

static int
remote_server_vol_take(virStorageVolPtr vol, remote_storage_vol_ret *ret)
{
    if (!vol)
        return -1;
    remote_wire_vol_to_wire_dup(vol, &ret->vol);
    handle_vol_unref(vol);
    return 0;
}

static int
remote_server_pool_names(virConnectPtr conn, RemoteNameListFn fn, int maxnames,
                         remote_connect_list_storage_pools_ret *ret)
{
    int n;

    if (REMOTE_SERVER_CHECK_MAX(maxnames, REMOTE_STORAGE_POOL_LIST_MAX, "maxnames") < 0)
        return -1;
    ret->names.names_val = XNEW_ARRAY(char *, maxnames ? maxnames : 1);
    if ((n = fn(conn, ret->names.names_val, maxnames)) < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}

/* ---- pools ------------------------------------------------------------- */

REMOTE_DISPATCH(remote_dispatch_connect_num_of_storage_pools, void, remote_connect_num_ret)
{
    return remote_server_take_int(virConnectNumOfStoragePools(conn), &ret->num);
}

REMOTE_DISPATCH(remote_dispatch_connect_num_of_defined_storage_pools, void,
                remote_connect_num_ret)
{
    return remote_server_take_int(virConnectNumOfDefinedStoragePools(conn), &ret->num);
}

REMOTE_DISPATCH(remote_dispatch_connect_list_storage_pools, remote_connect_list_args,
                remote_connect_list_storage_pools_ret)
{
    return remote_server_pool_names(conn, virConnectListStoragePools, args->maxnames, ret);
}

REMOTE_DISPATCH(remote_dispatch_connect_list_defined_storage_pools, remote_connect_list_args,
                remote_connect_list_storage_pools_ret)
{
    return remote_server_pool_names(conn, virConnectListDefinedStoragePools, args->maxnames,
                                    ret);
}

REMOTE_DISPATCH(remote_dispatch_connect_list_all_storage_pools, remote_connect_list_all_args,
                remote_connect_list_all_storage_pools_ret)
{
    virStoragePoolPtr *pools = NULL;
    int n = virConnectListAllStoragePools(conn, args->need_results ? &pools : NULL,
                                          args->flags);
    int rc = 0;

    if (n < 0)
        return -1;
    if (n > REMOTE_STORAGE_POOL_LIST_MAX) {
        vir_report_error(VIR_ERR_RPC, "too many storage pools '%d' for limit '%d'", n,
                         REMOTE_STORAGE_POOL_LIST_MAX);
        rc = -1;
    } else if (pools) {
        ret->pools.pools_val = XNEW_ARRAY(remote_nonnull_storage_pool, n ? n : 1);
        ret->pools.pools_len = n;
        for (int i = 0; i < n; i++)
            remote_wire_pool_to_wire_dup(pools[i], &ret->pools.pools_val[i]);
    }
    for (int i = 0; pools && i < n; i++)
        handle_pool_unref(pools[i]);
    free(pools);
    ret->ret = n;
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_lookup_by_name, remote_lookup_by_name_args,
                remote_storage_pool_ret)
{
    return remote_server_pool_take(virStoragePoolLookupByName(conn, args->name), ret);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_lookup_by_uuid, remote_lookup_by_uuid_args,
                remote_storage_pool_ret)
{
    return remote_server_pool_take(
        virStoragePoolLookupByUUID(conn, (const unsigned char *)args->uuid), ret);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_lookup_by_volume, remote_storage_vol_args,
                remote_storage_pool_ret)
{
    virStorageVolPtr vol = remote_wire_vol_handle(conn, &args->vol);
    virStoragePoolPtr pool = virStoragePoolLookupByVolume(vol);

    handle_vol_unref(vol);
    return remote_server_pool_take(pool, ret);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_get_info, remote_storage_pool_args,
                remote_storage_pool_get_info_ret)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, &args->pool);
    virStoragePoolInfo info;
    int rc;

    memset(&info, 0, sizeof(info));
    rc = virStoragePoolGetInfo(pool, &info);
    handle_pool_unref(pool);
    if (rc < 0)
        return -1;
    ret->state = info.state;
    ret->capacity = info.capacity;
    ret->allocation = info.allocation;
    ret->available = info.available;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_get_xml_desc, remote_storage_pool_flags_args,
                remote_string_ret)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, &args->pool);
    char *s = virStoragePoolGetXMLDesc(pool, args->flags);

    handle_pool_unref(pool);
    return remote_server_take_str(s, &ret->str);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_get_autostart, remote_storage_pool_args,
                remote_int_ret)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, &args->pool);
    int rc = virStoragePoolGetAutostart(pool, &ret->value);

    handle_pool_unref(pool);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_is_active, remote_storage_pool_args,
                remote_int_ret)
{
    return remote_server_pool_int(conn, &args->pool, virStoragePoolIsActive, &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_is_persistent, remote_storage_pool_args,
                remote_int_ret)
{
    return remote_server_pool_int(conn, &args->pool, virStoragePoolIsPersistent, &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_num_of_volumes, remote_storage_pool_args,
                remote_int_ret)
{
    return remote_server_pool_int(conn, &args->pool, virStoragePoolNumOfVolumes, &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_list_volumes,
                remote_storage_pool_list_volumes_args, remote_storage_pool_list_volumes_ret)
{
    virStoragePoolPtr pool;
    int n;

    if (REMOTE_SERVER_CHECK_MAX(args->maxnames, REMOTE_STORAGE_VOL_LIST_MAX, "maxnames") < 0)
        return -1;
    ret->names.names_val = XNEW_ARRAY(char *, args->maxnames ? args->maxnames : 1);
    pool = remote_wire_pool_handle(conn, &args->pool);
    n = virStoragePoolListVolumes(pool, ret->names.names_val, args->maxnames);
    handle_pool_unref(pool);
    if (n < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_list_all_volumes,
                remote_storage_pool_list_all_volumes_args,
                remote_storage_pool_list_all_volumes_ret)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, &args->pool);
    virStorageVolPtr *vols = NULL;
    int n = virStoragePoolListAllVolumes(pool, args->need_results ? &vols : NULL, args->flags);
    int rc = 0;

    handle_pool_unref(pool);
    if (n < 0)
        return -1;
    if (n > REMOTE_STORAGE_VOL_LIST_MAX) {
        vir_report_error(VIR_ERR_RPC, "too many storage volumes '%d' for limit '%d'", n,
                         REMOTE_STORAGE_VOL_LIST_MAX);
        rc = -1;
    } else if (vols) {
        ret->vols.vols_val = XNEW_ARRAY(remote_nonnull_storage_vol, n ? n : 1);
        ret->vols.vols_len = n;
        for (int i = 0; i < n; i++)
            remote_wire_vol_to_wire_dup(vols[i], &ret->vols.vols_val[i]);
    }
    for (int i = 0; vols && i < n; i++)
        handle_vol_unref(vols[i]);
    free(vols);
    ret->ret = n;
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_set_autostart,
                remote_storage_pool_set_autostart_args, void)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, &args->pool);
    int rc = virStoragePoolSetAutostart(pool, args->autostart);

    handle_pool_unref(pool);
    return rc < 0 ? -1 : 0;
}

/* ---- volumes ----------------------------------------------------------- */

REMOTE_DISPATCH(remote_dispatch_storage_vol_lookup_by_name,
                remote_storage_vol_lookup_by_name_args, remote_storage_vol_ret)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, &args->pool);
    virStorageVolPtr vol = virStorageVolLookupByName(pool, args->name);

    handle_pool_unref(pool);
    return remote_server_vol_take(vol, ret);
}

REMOTE_DISPATCH(remote_dispatch_storage_vol_lookup_by_key,
                remote_storage_vol_lookup_by_key_args, remote_storage_vol_ret)
{
    return remote_server_vol_take(virStorageVolLookupByKey(conn, args->key), ret);
}

REMOTE_DISPATCH(remote_dispatch_storage_vol_lookup_by_path,
                remote_storage_vol_lookup_by_path_args, remote_storage_vol_ret)
{
    return remote_server_vol_take(virStorageVolLookupByPath(conn, args->path), ret);
}

REMOTE_DISPATCH(remote_dispatch_storage_vol_get_info, remote_storage_vol_args,
                remote_storage_vol_get_info_ret)
{
    virStorageVolPtr vol = remote_wire_vol_handle(conn, &args->vol);
    virStorageVolInfo info;
    int rc;

    memset(&info, 0, sizeof(info));
    rc = virStorageVolGetInfo(vol, &info);
    handle_vol_unref(vol);
    if (rc < 0)
        return -1;
    ret->type = info.type;
    ret->capacity = info.capacity;
    ret->allocation = info.allocation;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_storage_vol_get_xml_desc, remote_storage_vol_flags_args,
                remote_string_ret)
{
    virStorageVolPtr vol = remote_wire_vol_handle(conn, &args->vol);
    char *s = virStorageVolGetXMLDesc(vol, args->flags);

    handle_vol_unref(vol);
    return remote_server_take_str(s, &ret->str);
}

REMOTE_DISPATCH(remote_dispatch_storage_vol_get_path, remote_storage_vol_args,
                remote_string_ret)
{
    virStorageVolPtr vol = remote_wire_vol_handle(conn, &args->vol);
    char *s = virStorageVolGetPath(vol);

    handle_vol_unref(vol);
    return remote_server_take_str(s, &ret->str);
}
