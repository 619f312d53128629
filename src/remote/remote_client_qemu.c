/*
 * remote_client_qemu.c: block statistics and domain capabilities over the
 * wire (the calls the QEMU driver brought in).
 */
#include <string.h>

#include "remote/remote_client_priv.h"
#include "remote/remote_client_qemu.h"
#include "remote/remote_wire.h"

int
remote_client_domain_block_stats(virDomainPtr dom, const char *disk,
                                 virDomainBlockStatsPtr stats)
{
    remote_domain_block_stats_args args = { .path = (char *)disk };
    remote_domain_block_stats_ret ret;

    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_BLOCK_STATS,
                           REMOTE_ARG(remote_domain_block_stats_args, &args),
                           REMOTE_ARG(remote_domain_block_stats_ret, &ret)) < 0)
        return -1;
    stats->rd_req = ret.rd_req;
    stats->rd_bytes = ret.rd_bytes;
    stats->wr_req = ret.wr_req;
    stats->wr_bytes = ret.wr_bytes;
    stats->errs = ret.errs;
    return 0;
}

char *
remote_client_connect_get_domain_capabilities(virConnectPtr conn, const char *emulatorbin,
                                              const char *arch, const char *machine,
                                              const char *virttype, unsigned int flags)
{
    remote_connect_get_domain_capabilities_args args = {
        .emulatorbin = (char **)(emulatorbin ? &emulatorbin : NULL),
        .arch = (char **)(arch ? &arch : NULL),
        .machine = (char **)(machine ? &machine : NULL),
        .virttype = (char **)(virttype ? &virttype : NULL),
        .flags = flags,
    };
    remote_connect_get_domain_capabilities_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_GET_DOMAIN_CAPABILITIES,
                           REMOTE_ARG(remote_connect_get_domain_capabilities_args, &args),
                           REMOTE_ARG(remote_connect_get_domain_capabilities_ret, &ret)) < 0)
        return NULL;
    return ret.capabilities;
}
