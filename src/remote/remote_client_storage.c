/*
 * remote_client_storage.c: storage pool and volume methods of the remote
 * driver.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>
#include "remote/remote_client_priv.h"
#include "util/alloc.h"
#include "util/error.h"

/* ---- shapes ------------------------------------------------------------ */

static virStoragePoolPtr
remote_client_pool_get(virConnectPtr conn, int proc, xdrproc_t args_filter, void *args)
{
    remote_storage_pool_ret ret;
    virStoragePoolPtr pool;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, args_filter, args,
                           REMOTE_ARG(remote_storage_pool_ret, &ret)) < 0)
        return NULL;
    pool = remote_wire_pool_handle(conn, &ret.pool);
    xdr_free((xdrproc_t)xdr_remote_storage_pool_ret, (char *)&ret);
    return pool;
}

static virStorageVolPtr
remote_client_vol_get(virConnectPtr conn, int proc, xdrproc_t args_filter, void *args)
{
    remote_storage_vol_ret ret;
    virStorageVolPtr vol;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, args_filter, args,
                           REMOTE_ARG(remote_storage_vol_ret, &ret)) < 0)
        return NULL;
    vol = remote_wire_vol_handle(conn, &ret.vol);
    xdr_free((xdrproc_t)xdr_remote_storage_vol_ret, (char *)&ret);
    return vol;
}

static int
remote_client_pool_int(virStoragePoolPtr pool, int proc)
{
    remote_storage_pool_args args;
    remote_int_ret ret = { 0 };

    remote_wire_pool_to_wire(pool, &args.pool);
    if (remote_client_call(pool->conn, proc, REMOTE_ARG(remote_storage_pool_args, &args),
                           REMOTE_ARG(remote_int_ret, &ret)) < 0)
        return -1;
    return ret.value;
}

static int
remote_client_pool_num(virConnectPtr conn, int proc)
{
    remote_connect_num_ret ret = { 0 };

    if (remote_client_call(conn, proc, REMOTE_VOID, REMOTE_ARG(remote_connect_num_ret, &ret)) < 0)
        return -1;
    return ret.num;
}

static int
remote_client_pool_names(virConnectPtr conn, int proc, char **const names, int maxnames)
{
    remote_connect_list_args args = { .maxnames = maxnames };
    remote_connect_list_storage_pools_ret ret;
    int n;

    if (remote_client_check_max(maxnames, REMOTE_STORAGE_POOL_LIST_MAX, "storage pools") < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, REMOTE_ARG(remote_connect_list_args, &args),
                           REMOTE_ARG(remote_connect_list_storage_pools_ret, &ret)) < 0)
        return -1;
    n = remote_client_copy_names(ret.names.names_val, ret.names.names_len, names, maxnames);
    xdr_free((xdrproc_t)xdr_remote_connect_list_storage_pools_ret, (char *)&ret);
    return n;
}

/* ---- pools ------------------------------------------------------------- */

int
remote_client_connect_num_of_storage_pools(virConnectPtr conn)
{
    return remote_client_pool_num(conn, REMOTE_PROC_CONNECT_NUM_OF_STORAGE_POOLS);
}

int
remote_client_connect_num_of_defined_storage_pools(virConnectPtr conn)
{
    return remote_client_pool_num(conn, REMOTE_PROC_CONNECT_NUM_OF_DEFINED_STORAGE_POOLS);
}

int
remote_client_connect_list_storage_pools(virConnectPtr conn, char **const names, int maxnames)
{
    return remote_client_pool_names(conn, REMOTE_PROC_CONNECT_LIST_STORAGE_POOLS, names,
                                    maxnames);
}

int
remote_client_connect_list_defined_storage_pools(virConnectPtr conn, char **const names,
                                                 int maxnames)
{
    return remote_client_pool_names(conn, REMOTE_PROC_CONNECT_LIST_DEFINED_STORAGE_POOLS,
                                    names, maxnames);
}

int
remote_client_connect_list_all_storage_pools(virConnectPtr conn, virStoragePoolPtr **pools,
                                             unsigned int flags)
{
    remote_connect_list_all_args args = { .need_results = pools != NULL, .flags = flags };
    remote_connect_list_all_storage_pools_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_LIST_ALL_STORAGE_POOLS,
                           REMOTE_ARG(remote_connect_list_all_args, &args),
                           REMOTE_ARG(remote_connect_list_all_storage_pools_ret, &ret)) < 0)
        return -1;
    if (pools) {
        virStoragePoolPtr *list = XNEW_ARRAY(virStoragePoolPtr, ret.pools.pools_len + 1);

        for (u_int i = 0; i < ret.pools.pools_len; i++)
            list[i] = remote_wire_pool_handle(conn, &ret.pools.pools_val[i]);
        *pools = list;
        n = ret.pools.pools_len;
    } else {
        n = ret.ret;
    }
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_storage_pools_ret, (char *)&ret);
    return n;
}

virStoragePoolPtr
remote_client_storage_pool_lookup_by_name(virConnectPtr conn, const char *name)
{
    remote_lookup_by_name_args args = { .name = (char *)name };

    return remote_client_pool_get(conn, REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_NAME,
                                  REMOTE_ARG(remote_lookup_by_name_args, &args));
}

virStoragePoolPtr
remote_client_storage_pool_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    remote_lookup_by_uuid_args args;

    memcpy(args.uuid, uuid, VIR_UUID_BUFLEN);
    return remote_client_pool_get(conn, REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_UUID,
                                  REMOTE_ARG(remote_lookup_by_uuid_args, &args));
}

virStoragePoolPtr
remote_client_storage_pool_lookup_by_volume(virStorageVolPtr vol)
{
    remote_storage_vol_args args;

    remote_wire_vol_to_wire(vol, &args.vol);
    return remote_client_pool_get(vol->conn, REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_VOLUME,
                                  REMOTE_ARG(remote_storage_vol_args, &args));
}

int
remote_client_storage_pool_get_info(virStoragePoolPtr pool, virStoragePoolInfoPtr info)
{
    remote_storage_pool_args args;
    remote_storage_pool_get_info_ret ret;

    remote_wire_pool_to_wire(pool, &args.pool);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(pool->conn, REMOTE_PROC_STORAGE_POOL_GET_INFO,
                           REMOTE_ARG(remote_storage_pool_args, &args),
                           REMOTE_ARG(remote_storage_pool_get_info_ret, &ret)) < 0)
        return -1;
    info->state = ret.state;
    info->capacity = ret.capacity;
    info->allocation = ret.allocation;
    info->available = ret.available;
    return 0;
}

char *
remote_client_storage_pool_get_xml_desc(virStoragePoolPtr pool, unsigned int flags)
{
    remote_storage_pool_flags_args args = { .flags = flags };
    remote_string_ret ret = { 0 };

    remote_wire_pool_to_wire(pool, &args.pool);
    if (remote_client_call(pool->conn, REMOTE_PROC_STORAGE_POOL_GET_XML_DESC,
                           REMOTE_ARG(remote_storage_pool_flags_args, &args),
                           REMOTE_ARG(remote_string_ret, &ret)) < 0)
        return NULL;
    return ret.str;
}

char *
remote_client_connect_get_storage_pool_capabilities(virConnectPtr conn, unsigned int flags)
{
    remote_connect_get_storage_pool_capabilities_args args = { .flags = flags };
    remote_connect_get_storage_pool_capabilities_ret ret = { 0 };

    if (remote_client_call(conn, REMOTE_PROC_CONNECT_GET_STORAGE_POOL_CAPABILITIES,
                           REMOTE_ARG(remote_connect_get_storage_pool_capabilities_args, &args),
                           REMOTE_ARG(remote_connect_get_storage_pool_capabilities_ret, &ret)) < 0)
        return NULL;
    return ret.capabilities; /* the caller's now */
}

int
remote_client_storage_pool_is_active(virStoragePoolPtr pool)
{
    return remote_client_pool_int(pool, REMOTE_PROC_STORAGE_POOL_IS_ACTIVE);
}

int
remote_client_storage_pool_is_persistent(virStoragePoolPtr pool)
{
    return remote_client_pool_int(pool, REMOTE_PROC_STORAGE_POOL_IS_PERSISTENT);
}

int
remote_client_storage_pool_get_autostart(virStoragePoolPtr pool, int *autostart)
{
    int v = remote_client_pool_int(pool, REMOTE_PROC_STORAGE_POOL_GET_AUTOSTART);

    if (v < 0)
        return -1;
    *autostart = v;
    return 0;
}

int
remote_client_storage_pool_num_of_volumes(virStoragePoolPtr pool)
{
    return remote_client_pool_int(pool, REMOTE_PROC_STORAGE_POOL_NUM_OF_VOLUMES);
}

int
remote_client_storage_pool_list_volumes(virStoragePoolPtr pool, char **const names,
                                        int maxnames)
{
    remote_storage_pool_list_volumes_args args = { .maxnames = maxnames };
    remote_storage_pool_list_volumes_ret ret;
    int n;

    if (remote_client_check_max(maxnames, REMOTE_STORAGE_VOL_LIST_MAX, "storage volumes") < 0)
        return -1;
    remote_wire_pool_to_wire(pool, &args.pool);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(pool->conn, REMOTE_PROC_STORAGE_POOL_LIST_VOLUMES,
                           REMOTE_ARG(remote_storage_pool_list_volumes_args, &args),
                           REMOTE_ARG(remote_storage_pool_list_volumes_ret, &ret)) < 0)
        return -1;
    n = remote_client_copy_names(ret.names.names_val, ret.names.names_len, names, maxnames);
    xdr_free((xdrproc_t)xdr_remote_storage_pool_list_volumes_ret, (char *)&ret);
    return n;
}

int
remote_client_storage_pool_list_all_volumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
                                            unsigned int flags)
{
    remote_storage_pool_list_all_volumes_args args = { .need_results = vols != NULL,
                                                       .flags = flags };
    remote_storage_pool_list_all_volumes_ret ret;
    int n;

    remote_wire_pool_to_wire(pool, &args.pool);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(pool->conn, REMOTE_PROC_STORAGE_POOL_LIST_ALL_VOLUMES,
                           REMOTE_ARG(remote_storage_pool_list_all_volumes_args, &args),
                           REMOTE_ARG(remote_storage_pool_list_all_volumes_ret, &ret)) < 0)
        return -1;
    if (vols) {
        virStorageVolPtr *list = XNEW_ARRAY(virStorageVolPtr, ret.vols.vols_len + 1);

        for (u_int i = 0; i < ret.vols.vols_len; i++)
            list[i] = remote_wire_vol_handle(pool->conn, &ret.vols.vols_val[i]);
        *vols = list;
        n = ret.vols.vols_len;
    } else {
        n = ret.ret;
    }
    xdr_free((xdrproc_t)xdr_remote_storage_pool_list_all_volumes_ret, (char *)&ret);
    return n;
}

/* ---- volumes ----------------------------------------------------------- */

virStorageVolPtr
remote_client_storage_vol_lookup_by_name(virStoragePoolPtr pool, const char *name)
{
    remote_storage_vol_lookup_by_name_args args = { .name = (char *)name };

    remote_wire_pool_to_wire(pool, &args.pool);
    return remote_client_vol_get(pool->conn, REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_NAME,
                                 REMOTE_ARG(remote_storage_vol_lookup_by_name_args, &args));
}

virStorageVolPtr
remote_client_storage_vol_lookup_by_key(virConnectPtr conn, const char *key)
{
    remote_storage_vol_lookup_by_key_args args = { .key = (char *)key };

    return remote_client_vol_get(conn, REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_KEY,
                                 REMOTE_ARG(remote_storage_vol_lookup_by_key_args, &args));
}

virStorageVolPtr
remote_client_storage_vol_lookup_by_path(virConnectPtr conn, const char *path)
{
    remote_storage_vol_lookup_by_path_args args = { .path = (char *)path };

    return remote_client_vol_get(conn, REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_PATH,
                                 REMOTE_ARG(remote_storage_vol_lookup_by_path_args, &args));
}

int
remote_client_storage_vol_get_info(virStorageVolPtr vol, virStorageVolInfoPtr info)
{
    remote_storage_vol_args args;
    remote_storage_vol_get_info_ret ret;

    remote_wire_vol_to_wire(vol, &args.vol);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(vol->conn, REMOTE_PROC_STORAGE_VOL_GET_INFO,
                           REMOTE_ARG(remote_storage_vol_args, &args),
                           REMOTE_ARG(remote_storage_vol_get_info_ret, &ret)) < 0)
        return -1;
    info->type = ret.type;
    info->capacity = ret.capacity;
    info->allocation = ret.allocation;
    return 0;
}

static char *
remote_client_vol_string(virStorageVolPtr vol, int proc, bool with_flags, unsigned int flags)
{
    remote_storage_vol_flags_args fargs = { .flags = flags };
    remote_storage_vol_args args;
    remote_string_ret ret = { 0 };
    int rc;

    remote_wire_vol_to_wire(vol, &args.vol);
    fargs.vol = args.vol;
    if (with_flags)
        rc = remote_client_call(vol->conn, proc, REMOTE_ARG(remote_storage_vol_flags_args, &fargs),
                                REMOTE_ARG(remote_string_ret, &ret));
    else
        rc = remote_client_call(vol->conn, proc, REMOTE_ARG(remote_storage_vol_args, &args),
                                REMOTE_ARG(remote_string_ret, &ret));
    return rc < 0 ? NULL : ret.str;
}

char *
remote_client_storage_vol_get_xml_desc(virStorageVolPtr vol, unsigned int flags)
{
    return remote_client_vol_string(vol, REMOTE_PROC_STORAGE_VOL_GET_XML_DESC, true, flags);
}

char *
remote_client_storage_vol_get_path(virStorageVolPtr vol)
{
    return remote_client_vol_string(vol, REMOTE_PROC_STORAGE_VOL_GET_PATH, false, 0);
}
