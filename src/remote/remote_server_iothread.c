/*
 * remote_server_iothread.c: REMOTE procedures for a domain's IOThreads,
 * forwarded to the public API on the client's hypervisor connection.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <stdlib.h>
#include <string.h>

#include "remote/remote_server_priv.h"
#include "remote/remote_typed_params.h"
#include "util/alloc.h"
#include "util/error.h"

REMOTE_DISPATCH(remote_dispatch_domain_get_iothread_info,
                remote_iothread_domain_get_iothread_info_args,
                remote_iothread_domain_get_iothread_info_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virDomainIOThreadInfoPtr *info = NULL;
    int n = virDomainGetIOThreadInfo(dom, &info, args->flags);
    int rc = 0;

    handle_domain_unref(dom);
    if (n < 0)
        return -1;
    if (n > REMOTE_IOTHREAD_INFO_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Too many IOThreads in info: %d for limit %d", n,
                         REMOTE_IOTHREAD_INFO_MAX);
        rc = -1;
    } else if (n > 0) {
        ret->info.info_val = xcalloc((size_t)n, sizeof(*ret->info.info_val));
        ret->info.info_len = (u_int)n;
        for (int i = 0; i < n; i++) {
            remote_iothread_info *w = &ret->info.info_val[i];
            int len = info[i]->cpumaplen;

            if (len < 0)
                len = 0;
            if (len > REMOTE_IOTHREAD_CPUMAP_MAX)
                len = REMOTE_IOTHREAD_CPUMAP_MAX;
            w->iothread_id = info[i]->iothread_id;
            w->cpumap.cpumap_val = xcalloc(len ? (size_t)len : 1, 1);
            if (len)
                memcpy(w->cpumap.cpumap_val, info[i]->cpumap, (size_t)len);
            w->cpumap.cpumap_len = (u_int)len;
        }
    }
    ret->ret = n > 0 && rc == 0 ? (unsigned int)n : 0;
    for (int i = 0; i < n; i++)
        virDomainIOThreadInfoFree(info[i]);
    free(info);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_pin_iothread, remote_iothread_domain_pin_iothread_args,
                void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainPinIOThread(dom, args->iothreads_id,
                                  (unsigned char *)args->cpumap.cpumap_val,
                                  (int)args->cpumap.cpumap_len, args->flags);

    (void)ret;
    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_add_iothread, remote_iothread_domain_iothread_id_args,
                void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainAddIOThread(dom, args->iothread_id, args->flags);

    (void)ret;
    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_del_iothread, remote_iothread_domain_iothread_id_args,
                void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainDelIOThread(dom, args->iothread_id, args->flags);

    (void)ret;
    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_set_iothread_params,
                remote_iothread_domain_set_iothread_params_args, void)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    virDomainPtr dom;
    int rc;

    (void)ret;
    if (remote_typed_params_decode(args->params.params_val, args->params.params_len,
                                   REMOTE_IOTHREAD_PARAMS_MAX, &params, &nparams) < 0)
        return -1;
    dom = remote_wire_domain_handle(conn, &args->dom);
    rc = virDomainSetIOThreadParams(dom, args->iothread_id, params, nparams, args->flags);
    handle_domain_unref(dom);
    virTypedParamsFree(params, nparams);
    return rc < 0 ? -1 : 0;
}
