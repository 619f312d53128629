/*
 * remote_server_obj_unsupported.c: the one handler behind every procedure
 * whose API libvirt's test driver lacks.
 *
 * libvirtd decodes such a call, runs the public API, finds no driver
 * method and answers VIR_ERR_NO_SUPPORT naming the API, in the API's error
 * domain. Serving the numbers (rather than answering "unknown procedure")
 * gives stock clients that exact error; the arguments are never needed, so
 * the table entries declare none and the body is not decoded.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "remote/remote_server.h"
#include "remote/remote_server_priv.h"
#include "util/error.h"

int
remote_dispatch_obj_unsupported(RpcServerClient *client, const RpcCallInfo *call, void *args,
                                void *ret)
{
    const RpcProgram *prog = remote_server_program();
    virConnectPtr conn = remote_server_conn_get(client);
    const RpcProcedure *proc;

    (void)args;
    (void)ret;
    if (!conn)
        return -1;
    handle_connect_unref(conn);
    if (call->proc <= 0 || (size_t)call->proc >= prog->nprocs) {
        vir_report_error(VIR_ERR_RPC, "unknown procedure: %d", call->proc);
        return -1;
    }
    proc = &prog->procs[call->proc];
    vir_error_report(proc->error_domain, VIR_ERR_NO_SUPPORT, "%s", proc->api_name);
    return -1;
}
