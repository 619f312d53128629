/*
 * remote_client_host.c: connection and host queries forwarded to the daemon.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>
#include "remote/remote_client_priv.h"
#include "util/alloc.h"
#include "util/error.h"

/* Calls a void-argument procedure whose reply is one string. */
static char *
remote_client_get_string(virConnectPtr conn, int proc, xdrproc_t ret_filter, void *ret,
                         char **field)
{
    if (remote_client_call(conn, proc, REMOTE_VOID, ret_filter, ret) < 0)
        return NULL;
    return *field;  /* the reply's string becomes the caller's */
}

int
remote_client_connect_get_version(virConnectPtr conn, unsigned long *hv_ver)
{
    remote_connect_get_version_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_GET_VERSION, REMOTE_VOID,
                           REMOTE_ARG(remote_connect_get_version_ret, &ret)) < 0)
        return -1;
    *hv_ver = ret.hv_ver;
    return 0;
}

int
remote_client_connect_get_lib_version(virConnectPtr conn, unsigned long *lib_ver)
{
    remote_connect_get_lib_version_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_GET_LIB_VERSION, REMOTE_VOID,
                           REMOTE_ARG(remote_connect_get_lib_version_ret, &ret)) < 0)
        return -1;
    *lib_ver = ret.lib_ver;
    return 0;
}

char *
remote_client_connect_get_hostname(virConnectPtr conn)
{
    remote_connect_get_hostname_ret ret;

    memset(&ret, 0, sizeof(ret));
    return remote_client_get_string(conn, REMOTE_PROC_CONNECT_GET_HOSTNAME,
                                    REMOTE_ARG(remote_connect_get_hostname_ret, &ret),
                                    &ret.hostname);
}

char *
remote_client_connect_get_capabilities(virConnectPtr conn)
{
    remote_connect_get_capabilities_ret ret;

    memset(&ret, 0, sizeof(ret));
    return remote_client_get_string(conn, REMOTE_PROC_CONNECT_GET_CAPABILITIES,
                                    REMOTE_ARG(remote_connect_get_capabilities_ret, &ret),
                                    &ret.capabilities);
}

char *
remote_client_connect_get_sysinfo(virConnectPtr conn, unsigned int flags)
{
    remote_connect_get_sysinfo_args args = { .flags = flags };
    remote_connect_get_sysinfo_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_GET_SYSINFO,
                           REMOTE_ARG(remote_connect_get_sysinfo_args, &args),
                           REMOTE_ARG(remote_connect_get_sysinfo_ret, &ret)) < 0)
        return NULL;
    return ret.sysinfo;
}

int
remote_client_connect_get_max_vcpus(virConnectPtr conn, const char *type)
{
    remote_nonnull_string t = (char *)type;
    remote_connect_get_max_vcpus_args args = { .type = type ? &t : NULL };
    remote_connect_get_max_vcpus_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_GET_MAX_VCPUS,
                           REMOTE_ARG(remote_connect_get_max_vcpus_args, &args),
                           REMOTE_ARG(remote_connect_get_max_vcpus_ret, &ret)) < 0)
        return -1;
    return ret.max_vcpus;
}

int
remote_client_node_get_info(virConnectPtr conn, virNodeInfoPtr info)
{
    remote_node_get_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_NODE_GET_INFO, REMOTE_VOID,
                           REMOTE_ARG(remote_node_get_info_ret, &ret)) < 0)
        return -1;
    memset(info, 0, sizeof(*info));
    memcpy(info->model, ret.model, sizeof(info->model) - 1);
    info->memory = ret.memory;
    info->cpus = ret.cpus;
    info->mhz = ret.mhz;
    info->nodes = ret.nodes;
    info->sockets = ret.sockets;
    info->cores = ret.cores;
    info->threads = ret.threads;
    return 0;
}

unsigned long long
remote_client_node_get_free_memory(virConnectPtr conn)
{
    remote_node_get_free_memory_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_NODE_GET_FREE_MEMORY, REMOTE_VOID,
                           REMOTE_ARG(remote_node_get_free_memory_ret, &ret)) < 0)
        return 0;
    return ret.free_mem;
}

int
remote_client_node_get_cells_free_memory(virConnectPtr conn, unsigned long long *free_mems,
                                         int start_cell, int max_cells)
{
    remote_node_get_cells_free_memory_args args = { .start_cell = start_cell,
                                                    .max_cells = max_cells };
    remote_node_get_cells_free_memory_ret ret;
    int n;

    if (max_cells > REMOTE_NODE_MAX_CELLS) {
        vir_report_error(VIR_ERR_RPC, "too many NUMA cells: %d > %d", max_cells,
                         REMOTE_NODE_MAX_CELLS);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_NODE_GET_CELLS_FREE_MEMORY,
                           REMOTE_ARG(remote_node_get_cells_free_memory_args, &args),
                           REMOTE_ARG(remote_node_get_cells_free_memory_ret, &ret)) < 0)
        return -1;
    n = ret.cells.cells_len;
    if (n > max_cells) {
        vir_report_error(VIR_ERR_RPC, "too many NUMA cells: %d > %d", n, max_cells);
        n = -1;
    }
    for (int i = 0; i < n; i++)
        free_mems[i] = ret.cells.cells_val[i];
    xdr_free((xdrproc_t)xdr_remote_node_get_cells_free_memory_ret, (char *)&ret);
    return n;
}

int
remote_client_node_get_security_model(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    remote_node_get_security_model_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_NODE_GET_SECURITY_MODEL, REMOTE_VOID,
                           REMOTE_ARG(remote_node_get_security_model_ret, &ret)) < 0)
        return -1;
    memset(secmodel, 0, sizeof(*secmodel));
    remote_client_copy_chars(ret.model.model_val, ret.model.model_len, secmodel->model,
                             sizeof(secmodel->model));
    remote_client_copy_chars(ret.doi.doi_val, ret.doi.doi_len, secmodel->doi,
                             sizeof(secmodel->doi));
    xdr_free((xdrproc_t)xdr_remote_node_get_security_model_ret, (char *)&ret);
    return 0;
}
