/*
 * remote_server_cpu.c: the daemon's handlers for the host CPU calls
 * (remote_cpu.x): decode, call the public API, encode.
 */
#include <stdlib.h>
#include <string.h>

#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

REMOTE_DISPATCH(remote_dispatch_connect_baseline_cpu, remote_cpu_connect_baseline_cpu_args,
                remote_cpu_connect_baseline_cpu_ret)
{
    /* the XDR decoder bounded the list by REMOTE_CPU_BASELINE_LIST_MAX */
    char *cpu = virConnectBaselineCPU(conn, (const char **)args->xmlCPUs.xmlCPUs_val,
                                      args->xmlCPUs.xmlCPUs_len, args->flags);

    if (!cpu)
        return -1;
    ret->cpu = cpu; /* the engine frees it */
    return 0;
}
