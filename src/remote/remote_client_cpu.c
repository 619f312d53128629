/*
 * remote_client_cpu.c: host CPU calls over the REMOTE program. The list is
 * checked against the protocol's bound here, with libvirt's client-side
 * message, before anything is sent.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>

#include "remote/remote_client_cpu.h"
#include "remote/remote_client_priv.h"
#include "util/alloc.h"
#include "util/error.h"

char *
remote_client_connect_baseline_cpu(virConnectPtr conn, const char **xml_cpus, unsigned int ncpus,
                                   unsigned int flags)
{
    remote_cpu_connect_baseline_cpu_args args;
    remote_cpu_connect_baseline_cpu_ret ret;
    char *cpu;

    if (ncpus > REMOTE_CPU_BASELINE_LIST_MAX) {
        vir_report_error(VIR_ERR_RPC, "%s length greater than maximum: %d > %d", "xmlCPUs",
                         (int)ncpus, REMOTE_CPU_BASELINE_LIST_MAX);
        return NULL;
    }
    args.xmlCPUs.xmlCPUs_val = (char **)xml_cpus;
    args.xmlCPUs.xmlCPUs_len = ncpus;
    args.flags = flags;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_BASELINE_CPU,
                           REMOTE_ARG(remote_cpu_connect_baseline_cpu_args, &args),
                           REMOTE_ARG(remote_cpu_connect_baseline_cpu_ret, &ret)) < 0)
        return NULL;
    cpu = ret.cpu; /* ours now: not xdr_free'd */
    return cpu;
}
