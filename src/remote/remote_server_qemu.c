/*
 * remote_server_qemu.c: REMOTE procedures the QEMU driver brought in
 * (block statistics, domain capabilities), forwarded to the public API on
 * the client's hypervisor connection.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

REMOTE_DISPATCH(remote_dispatch_domain_block_stats, remote_domain_block_stats_args,
                remote_domain_block_stats_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virDomainBlockStatsStruct st;
    int rc = virDomainBlockStats(dom, args->path, &st, sizeof(st));

    handle_domain_unref(dom);
    if (rc < 0)
        return -1;
    ret->rd_req = st.rd_req;
    ret->rd_bytes = st.rd_bytes;
    ret->wr_req = st.wr_req;
    ret->wr_bytes = st.wr_bytes;
    ret->errs = st.errs;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_connect_get_domain_capabilities,
                remote_connect_get_domain_capabilities_args,
                remote_connect_get_domain_capabilities_ret)
{
    char *caps = virConnectGetDomainCapabilities(
        conn, args->emulatorbin ? *args->emulatorbin : NULL, args->arch ? *args->arch : NULL,
        args->machine ? *args->machine : NULL, args->virttype ? *args->virttype : NULL,
        args->flags);

    return remote_server_take_str(caps, &ret->capabilities);
}
