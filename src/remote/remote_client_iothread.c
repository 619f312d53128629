/*
 * remote_client_iothread.c: a domain's IOThread calls over the REMOTE
 * program (structs in remote_iothread.x). Sizes are checked against the
 * protocol's bounds before sending.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>

#include "remote/remote_client_iothread.h"
#include "remote/remote_client_priv.h"
#include "remote/remote_typed_params.h"
#include "util/alloc.h"
#include "util/error.h"

int
remote_client_domain_get_iothread_info(virDomainPtr dom, virDomainIOThreadInfoPtr **info,
                                       unsigned int flags)
{
    remote_iothread_domain_get_iothread_info_args args = { .flags = flags };
    remote_iothread_domain_get_iothread_info_ret ret;
    u_int n;
    int rc;

    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_IOTHREAD_INFO,
                           REMOTE_ARG(remote_iothread_domain_get_iothread_info_args, &args),
                           REMOTE_ARG(remote_iothread_domain_get_iothread_info_ret, &ret)) < 0)
        return -1;
    /* the list's length was bounded by the decoder */
    n = ret.info.info_len;
    if (n) {
        virDomainIOThreadInfoPtr *list = xcalloc(n, sizeof(*list));

        for (u_int i = 0; i < n; i++) {
            const remote_iothread_info *w = &ret.info.info_val[i];
            virDomainIOThreadInfoPtr one = XNEW(virDomainIOThreadInfo);

            one->iothread_id = w->iothread_id;
            one->cpumaplen = (int)w->cpumap.cpumap_len;
            one->cpumap = xcalloc(w->cpumap.cpumap_len ? w->cpumap.cpumap_len : 1, 1);
            memcpy(one->cpumap, w->cpumap.cpumap_val, w->cpumap.cpumap_len);
            list[i] = one;
        }
        *info = list;
    }
    rc = (int)ret.ret;
    xdr_free((xdrproc_t)xdr_remote_iothread_domain_get_iothread_info_ret, (char *)&ret);
    return rc;
}

int
remote_client_domain_pin_iothread(virDomainPtr dom, unsigned int iothread_id,
                                  unsigned char *cpumap, int maplen, unsigned int flags)
{
    remote_iothread_domain_pin_iothread_args args = { .iothreads_id = iothread_id,
                                                      .flags = flags };

    if (maplen > REMOTE_IOTHREAD_CPUMAP_MAX) {
        vir_report_error(VIR_ERR_RPC, "cpumap length greater than maximum: %d > %d", maplen,
                         REMOTE_IOTHREAD_CPUMAP_MAX);
        return -1;
    }
    remote_wire_domain_to_wire(dom, &args.dom);
    args.cpumap.cpumap_len = (u_int)maplen;
    args.cpumap.cpumap_val = (char *)cpumap;
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_PIN_IOTHREAD,
                              REMOTE_ARG(remote_iothread_domain_pin_iothread_args, &args),
                              REMOTE_VOID);
}

static int
remote_client_iothread_id_call(virDomainPtr dom, int proc, unsigned int iothread_id,
                               unsigned int flags)
{
    remote_iothread_domain_iothread_id_args args = { .iothread_id = iothread_id,
                                                     .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, proc,
                              REMOTE_ARG(remote_iothread_domain_iothread_id_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_add_iothread(virDomainPtr dom, unsigned int iothread_id, unsigned int flags)
{
    return remote_client_iothread_id_call(dom, REMOTE_PROC_DOMAIN_ADD_IOTHREAD, iothread_id,
                                          flags);
}

int
remote_client_domain_del_iothread(virDomainPtr dom, unsigned int iothread_id, unsigned int flags)
{
    return remote_client_iothread_id_call(dom, REMOTE_PROC_DOMAIN_DEL_IOTHREAD, iothread_id,
                                          flags);
}

int
remote_client_domain_set_iothread_params(virDomainPtr dom, unsigned int iothread_id,
                                         virTypedParameterPtr params, int nparams,
                                         unsigned int flags)
{
    remote_iothread_domain_set_iothread_params_args args = { .iothread_id = iothread_id,
                                                             .flags = flags };
    int rc;

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_typed_params_encode(params, nparams, REMOTE_IOTHREAD_PARAMS_MAX,
                                   VIR_TYPED_PARAM_STRING_OKAY, &args.params.params_val,
                                   &args.params.params_len) < 0)
        return -1;
    rc = remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SET_IOTHREAD_PARAMS,
                            REMOTE_ARG(remote_iothread_domain_set_iothread_params_args, &args),
                            REMOTE_VOID);
    remote_typed_params_wire_free(args.params.params_val, args.params.params_len);
    return rc;
}
