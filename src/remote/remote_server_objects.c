/*
 * remote_server_objects.c: REMOTE procedures that change networks, storage
 * pools and volumes, forwarded to the public API on the client's
 * hypervisor connection.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

/* ---- networks ---------------------------------------------------------- */

typedef int (*RemoteObjNetFn)(virNetworkPtr net);

static int
remote_server_obj_net_call(virConnectPtr conn, const remote_nonnull_network *w,
                           RemoteObjNetFn fn)
{
    virNetworkPtr net = remote_wire_network_handle(conn, w);
    int rc = fn(net);

    handle_network_unref(net);
    return rc < 0 ? -1 : 0;
}

static int
remote_server_obj_net_take(virNetworkPtr net, remote_network_ret *ret)
{
    if (!net)
        return -1;
    remote_wire_network_to_wire_dup(net, &ret->net);
    handle_network_unref(net);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_network_create, remote_network_args, void)
{
    return remote_server_obj_net_call(conn, &args->net, virNetworkCreate);
}

REMOTE_DISPATCH(remote_dispatch_network_destroy, remote_network_args, void)
{
    return remote_server_obj_net_call(conn, &args->net, virNetworkDestroy);
}

REMOTE_DISPATCH(remote_dispatch_network_undefine, remote_network_args, void)
{
    return remote_server_obj_net_call(conn, &args->net, virNetworkUndefine);
}

REMOTE_DISPATCH(remote_dispatch_network_create_xml, remote_obj_xml_args, remote_network_ret)
{
    return remote_server_obj_net_take(virNetworkCreateXML(conn, args->xml), ret);
}

REMOTE_DISPATCH(remote_dispatch_network_define_xml, remote_obj_xml_args, remote_network_ret)
{
    return remote_server_obj_net_take(virNetworkDefineXML(conn, args->xml), ret);
}

/* ---- storage pools ----------------------------------------------------- */

typedef int (*RemoteObjPoolFlagsFn)(virStoragePoolPtr pool, unsigned int flags);
typedef int (*RemoteObjPoolFn)(virStoragePoolPtr pool);

static int
remote_server_obj_pool_flags(virConnectPtr conn, const remote_storage_pool_flags_args *args,
                             RemoteObjPoolFlagsFn fn)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, &args->pool);
    int rc = fn(pool, args->flags);

    handle_pool_unref(pool);
    return rc < 0 ? -1 : 0;
}

static int
remote_server_obj_pool(virConnectPtr conn, const remote_nonnull_storage_pool *w,
                       RemoteObjPoolFn fn)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, w);
    int rc = fn(pool);

    handle_pool_unref(pool);
    return rc < 0 ? -1 : 0;
}

static int
remote_server_obj_pool_take(virStoragePoolPtr pool, remote_storage_pool_ret *ret)
{
    if (!pool)
        return -1;
    remote_wire_pool_to_wire_dup(pool, &ret->pool);
    handle_pool_unref(pool);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_create_xml, remote_domain_xml_flags_args,
                remote_storage_pool_ret)
{
    return remote_server_obj_pool_take(virStoragePoolCreateXML(conn, args->xml, args->flags),
                                       ret);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_define_xml, remote_domain_xml_flags_args,
                remote_storage_pool_ret)
{
    return remote_server_obj_pool_take(virStoragePoolDefineXML(conn, args->xml, args->flags),
                                       ret);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_create, remote_storage_pool_flags_args, void)
{
    return remote_server_obj_pool_flags(conn, args, virStoragePoolCreate);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_build, remote_storage_pool_flags_args, void)
{
    return remote_server_obj_pool_flags(conn, args, virStoragePoolBuild);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_delete, remote_storage_pool_flags_args, void)
{
    return remote_server_obj_pool_flags(conn, args, virStoragePoolDelete);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_refresh, remote_storage_pool_flags_args, void)
{
    return remote_server_obj_pool_flags(conn, args, virStoragePoolRefresh);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_destroy, remote_storage_pool_args, void)
{
    return remote_server_obj_pool(conn, &args->pool, virStoragePoolDestroy);
}

REMOTE_DISPATCH(remote_dispatch_storage_pool_undefine, remote_storage_pool_args, void)
{
    return remote_server_obj_pool(conn, &args->pool, virStoragePoolUndefine);
}

/* ---- volumes ----------------------------------------------------------- */

static int
remote_server_obj_vol_take(virStorageVolPtr vol, remote_storage_vol_ret *ret)
{
    if (!vol)
        return -1;
    remote_wire_vol_to_wire_dup(vol, &ret->vol);
    handle_vol_unref(vol);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_storage_vol_create_xml, remote_storage_vol_create_xml_args,
                remote_storage_vol_ret)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, &args->pool);
    virStorageVolPtr vol = virStorageVolCreateXML(pool, args->xml, args->flags);

    handle_pool_unref(pool);
    return remote_server_obj_vol_take(vol, ret);
}

REMOTE_DISPATCH(remote_dispatch_storage_vol_create_xml_from,
                remote_storage_vol_create_xml_from_args, remote_storage_vol_ret)
{
    virStoragePoolPtr pool = remote_wire_pool_handle(conn, &args->pool);
    virStorageVolPtr clone = remote_wire_vol_handle(conn, &args->clonevol);
    virStorageVolPtr vol = virStorageVolCreateXMLFrom(pool, args->xml, clone, args->flags);

    handle_vol_unref(clone);
    handle_pool_unref(pool);
    return remote_server_obj_vol_take(vol, ret);
}

REMOTE_DISPATCH(remote_dispatch_storage_vol_delete, remote_storage_vol_flags_args, void)
{
    virStorageVolPtr vol = remote_wire_vol_handle(conn, &args->vol);
    int rc = virStorageVolDelete(vol, args->flags);

    handle_vol_unref(vol);
    return rc < 0 ? -1 : 0;
}
