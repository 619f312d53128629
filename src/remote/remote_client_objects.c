/*
 * remote_client_objects.c: the remote driver's state-changing network,
 * storage pool and volume methods.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>
#include "remote/remote_client_objects.h"
#include "remote/remote_client_priv.h"
#include "util/alloc.h"
#include "util/error.h"

/* ---- networks ---------------------------------------------------------- */

static int
remote_client_obj_net(virNetworkPtr net, int proc)
{
    remote_network_args args;

    remote_wire_network_to_wire(net, &args.net);
    return remote_client_call(net->conn, proc, REMOTE_ARG(remote_network_args, &args),
                              REMOTE_VOID);
}

static virNetworkPtr
remote_client_obj_net_xml(virConnectPtr conn, int proc, const char *xml)
{
    remote_obj_xml_args args = { .xml = (char *)xml };
    remote_network_ret ret;
    virNetworkPtr net;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, REMOTE_ARG(remote_obj_xml_args, &args),
                           REMOTE_ARG(remote_network_ret, &ret)) < 0)
        return NULL;
    net = remote_wire_network_handle(conn, &ret.net);
    xdr_free((xdrproc_t)xdr_remote_network_ret, (char *)&ret);
    return net;
}

virNetworkPtr
remote_client_network_create_xml(virConnectPtr conn, const char *xml)
{
    return remote_client_obj_net_xml(conn, REMOTE_PROC_NETWORK_CREATE_XML, xml);
}

virNetworkPtr
remote_client_network_define_xml(virConnectPtr conn, const char *xml)
{
    return remote_client_obj_net_xml(conn, REMOTE_PROC_NETWORK_DEFINE_XML, xml);
}

int
remote_client_network_undefine(virNetworkPtr net)
{
    return remote_client_obj_net(net, REMOTE_PROC_NETWORK_UNDEFINE);
}

int
remote_client_network_create(virNetworkPtr net)
{
    return remote_client_obj_net(net, REMOTE_PROC_NETWORK_CREATE);
}

int
remote_client_network_destroy(virNetworkPtr net)
{
    return remote_client_obj_net(net, REMOTE_PROC_NETWORK_DESTROY);
}

int
remote_client_network_set_autostart(virNetworkPtr net, int autostart)
{
    remote_network_set_autostart_args args = { .autostart = autostart };

    remote_wire_network_to_wire(net, &args.net);
    return remote_client_call(net->conn, REMOTE_PROC_NETWORK_SET_AUTOSTART,
                              REMOTE_ARG(remote_network_set_autostart_args, &args),
                              REMOTE_VOID);
}

/* ---- storage pools ----------------------------------------------------- */

static virStoragePoolPtr
remote_client_obj_pool_xml(virConnectPtr conn, int proc, const char *xml, unsigned int flags)
{
    remote_domain_xml_flags_args args = { .xml = (char *)xml, .flags = flags };
    remote_storage_pool_ret ret;
    virStoragePoolPtr pool;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, REMOTE_ARG(remote_domain_xml_flags_args, &args),
                           REMOTE_ARG(remote_storage_pool_ret, &ret)) < 0)
        return NULL;
    pool = remote_wire_pool_handle(conn, &ret.pool);
    xdr_free((xdrproc_t)xdr_remote_storage_pool_ret, (char *)&ret);
    return pool;
}

static int
remote_client_obj_pool_flags(virStoragePoolPtr pool, int proc, unsigned int flags)
{
    remote_storage_pool_flags_args args = { .flags = flags };

    remote_wire_pool_to_wire(pool, &args.pool);
    return remote_client_call(pool->conn, proc,
                              REMOTE_ARG(remote_storage_pool_flags_args, &args), REMOTE_VOID);
}

static int
remote_client_obj_pool(virStoragePoolPtr pool, int proc)
{
    remote_storage_pool_args args;

    remote_wire_pool_to_wire(pool, &args.pool);
    return remote_client_call(pool->conn, proc, REMOTE_ARG(remote_storage_pool_args, &args),
                              REMOTE_VOID);
}

virStoragePoolPtr
remote_client_storage_pool_create_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    return remote_client_obj_pool_xml(conn, REMOTE_PROC_STORAGE_POOL_CREATE_XML, xml, flags);
}

virStoragePoolPtr
remote_client_storage_pool_define_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    return remote_client_obj_pool_xml(conn, REMOTE_PROC_STORAGE_POOL_DEFINE_XML, xml, flags);
}

int
remote_client_storage_pool_build(virStoragePoolPtr pool, unsigned int flags)
{
    return remote_client_obj_pool_flags(pool, REMOTE_PROC_STORAGE_POOL_BUILD, flags);
}

int
remote_client_storage_pool_create(virStoragePoolPtr pool, unsigned int flags)
{
    return remote_client_obj_pool_flags(pool, REMOTE_PROC_STORAGE_POOL_CREATE, flags);
}

int
remote_client_storage_pool_delete(virStoragePoolPtr pool, unsigned int flags)
{
    return remote_client_obj_pool_flags(pool, REMOTE_PROC_STORAGE_POOL_DELETE, flags);
}

int
remote_client_storage_pool_refresh(virStoragePoolPtr pool, unsigned int flags)
{
    return remote_client_obj_pool_flags(pool, REMOTE_PROC_STORAGE_POOL_REFRESH, flags);
}

int
remote_client_storage_pool_undefine(virStoragePoolPtr pool)
{
    return remote_client_obj_pool(pool, REMOTE_PROC_STORAGE_POOL_UNDEFINE);
}

int
remote_client_storage_pool_destroy(virStoragePoolPtr pool)
{
    return remote_client_obj_pool(pool, REMOTE_PROC_STORAGE_POOL_DESTROY);
}

int
remote_client_storage_pool_set_autostart(virStoragePoolPtr pool, int autostart)
{
    remote_storage_pool_set_autostart_args args = { .autostart = autostart };

    remote_wire_pool_to_wire(pool, &args.pool);
    return remote_client_call(pool->conn, REMOTE_PROC_STORAGE_POOL_SET_AUTOSTART,
                              REMOTE_ARG(remote_storage_pool_set_autostart_args, &args),
                              REMOTE_VOID);
}

/* ---- volumes ----------------------------------------------------------- */

static virStorageVolPtr
remote_client_obj_vol_ret(virConnectPtr conn, remote_storage_vol_ret *ret)
{
    virStorageVolPtr vol = remote_wire_vol_handle(conn, &ret->vol);

    xdr_free((xdrproc_t)xdr_remote_storage_vol_ret, (char *)ret);
    return vol;
}

virStorageVolPtr
remote_client_storage_vol_create_xml(virStoragePoolPtr pool, const char *xml,
                                     unsigned int flags)
{
    remote_storage_vol_create_xml_args args = { .xml = (char *)xml, .flags = flags };
    remote_storage_vol_ret ret;

    remote_wire_pool_to_wire(pool, &args.pool);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(pool->conn, REMOTE_PROC_STORAGE_VOL_CREATE_XML,
                           REMOTE_ARG(remote_storage_vol_create_xml_args, &args),
                           REMOTE_ARG(remote_storage_vol_ret, &ret)) < 0)
        return NULL;
    return remote_client_obj_vol_ret(pool->conn, &ret);
}

virStorageVolPtr
remote_client_storage_vol_create_xml_from(virStoragePoolPtr pool, const char *xml,
                                          virStorageVolPtr clonevol, unsigned int flags)
{
    remote_storage_vol_create_xml_from_args args = { .xml = (char *)xml, .flags = flags };
    remote_storage_vol_ret ret;

    remote_wire_pool_to_wire(pool, &args.pool);
    remote_wire_vol_to_wire(clonevol, &args.clonevol);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(pool->conn, REMOTE_PROC_STORAGE_VOL_CREATE_XML_FROM,
                           REMOTE_ARG(remote_storage_vol_create_xml_from_args, &args),
                           REMOTE_ARG(remote_storage_vol_ret, &ret)) < 0)
        return NULL;
    return remote_client_obj_vol_ret(pool->conn, &ret);
}

int
remote_client_storage_vol_delete(virStorageVolPtr vol, unsigned int flags)
{
    remote_storage_vol_flags_args args = { .flags = flags };

    remote_wire_vol_to_wire(vol, &args.vol);
    return remote_client_call(vol->conn, REMOTE_PROC_STORAGE_VOL_DELETE,
                              REMOTE_ARG(remote_storage_vol_flags_args, &args), REMOTE_VOID);
}
