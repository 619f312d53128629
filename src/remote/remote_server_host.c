/*
 * remote_server_host.c: REMOTE procedures about the connection and the host,
 * forwarded to the public API on the client's hypervisor connection.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <string.h>
#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

REMOTE_DISPATCH(remote_dispatch_connect_get_type, void, remote_connect_get_type_ret)
{
    const char *type = virConnectGetType(conn);

    if (!type)
        return -1;
    ret->type = xstrdup(type);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_connect_get_version, void, remote_connect_get_version_ret)
{
    unsigned long v;

    if (virConnectGetVersion(conn, &v) < 0)
        return -1;
    ret->hv_ver = v;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_connect_get_lib_version, void,
                remote_connect_get_lib_version_ret)
{
    unsigned long v;

    if (virConnectGetLibVersion(conn, &v) < 0)
        return -1;
    ret->lib_ver = v;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_connect_get_max_vcpus, remote_connect_get_max_vcpus_args,
                remote_connect_get_max_vcpus_ret)
{
    return remote_server_take_int(
        virConnectGetMaxVcpus(conn, args->type ? *args->type : NULL), &ret->max_vcpus);
}

REMOTE_DISPATCH(remote_dispatch_connect_get_hostname, void, remote_connect_get_hostname_ret)
{
    return remote_server_take_str(virConnectGetHostname(conn), &ret->hostname);
}

REMOTE_DISPATCH(remote_dispatch_connect_get_uri, void, remote_connect_get_uri_ret)
{
    return remote_server_take_str(virConnectGetURI(conn), &ret->uri);
}

REMOTE_DISPATCH(remote_dispatch_connect_get_capabilities, void,
                remote_connect_get_capabilities_ret)
{
    return remote_server_take_str(virConnectGetCapabilities(conn), &ret->capabilities);
}

REMOTE_DISPATCH(remote_dispatch_connect_get_sysinfo, remote_connect_get_sysinfo_args,
                remote_connect_get_sysinfo_ret)
{
    return remote_server_take_str(virConnectGetSysinfo(conn, args->flags), &ret->sysinfo);
}

REMOTE_DISPATCH(remote_dispatch_connect_is_secure, void, remote_connect_is_secure_ret)
{
    return remote_server_take_int(virConnectIsSecure(conn), &ret->secure);
}

REMOTE_DISPATCH(remote_dispatch_node_get_info, void, remote_node_get_info_ret)
{
    virNodeInfo info;

    memset(&info, 0, sizeof(info));
    if (virNodeGetInfo(conn, &info) < 0)
        return -1;
    memcpy(ret->model, info.model, sizeof(ret->model));
    ret->memory = info.memory;
    ret->cpus = info.cpus;
    ret->mhz = info.mhz;
    ret->nodes = info.nodes;
    ret->sockets = info.sockets;
    ret->cores = info.cores;
    ret->threads = info.threads;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_node_get_free_memory, void, remote_node_get_free_memory_ret)
{
    unsigned long long mem = virNodeGetFreeMemory(conn);

    /* 0 is the API's failure value; only a recorded error makes it one. */
    if (mem == 0 && vir_error_is_set())
        return -1;
    ret->free_mem = mem;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_node_get_cells_free_memory,
                remote_node_get_cells_free_memory_args, remote_node_get_cells_free_memory_ret)
{
    int n;

    if (REMOTE_SERVER_CHECK_MAX(args->max_cells, REMOTE_NODE_MAX_CELLS, "maxcells") < 0)
        return -1;
    ret->cells.cells_val = XNEW_ARRAY(u_quad_t, args->max_cells ? args->max_cells : 1);
    n = virNodeGetCellsFreeMemory(conn, (unsigned long long *)ret->cells.cells_val,
                                  args->start_cell, args->max_cells);
    if (n < 0)
        return -1;
    ret->cells.cells_len = n;
    return 0;
}

/* Security strings travel with their terminating NUL, as libvirt sends
 * them (a model "x" is a 2-element char array). */
static void
remote_server_put_chars(const char *s, size_t bufsize, u_int *ret_len, char **ret_val)
{
    size_t len = strnlen(s, bufsize - 1) + 1;

    *ret_val = xstrndup(s, len - 1);
    *ret_len = len;
}

REMOTE_DISPATCH(remote_dispatch_node_get_security_model, void,
                remote_node_get_security_model_ret)
{
    virSecurityModel model;

    memset(&model, 0, sizeof(model));
    if (virNodeGetSecurityModel(conn, &model) < 0)
        return -1;
    remote_server_put_chars(model.model, sizeof(model.model), &ret->model.model_len,
                            &ret->model.model_val);
    remote_server_put_chars(model.doi, sizeof(model.doi), &ret->doi.doi_len,
                            &ret->doi.doi_val);
    return 0;
}
