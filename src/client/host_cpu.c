/*
 * host_cpu.c: the public host CPU calls (the baseline of a set of host
 * CPUs), with libvirt's argument checks in libvirt's order: the handle,
 * then the list pointer; the count and the descriptions themselves are the
 * driver's to judge.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include <stdlib.h>

#include "client/client.h"
#include "util/alloc.h"
#include "util/error.h"

char *
virConnectBaselineCPU(virConnectPtr conn, const char **xmlCPUs, unsigned int ncpus,
                      unsigned int flags)
{
    char *cpu;

    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xmlCPUs, NULL);
    if (!conn->driver->connect_baseline_cpu) {
        client_report_unsupported(conn, VIR_FROM_THIS, __func__);
        return NULL;
    }
    if (!(cpu = conn->driver->connect_baseline_cpu(conn, xmlCPUs, ncpus, flags)))
        vir_error_dispatch(conn, __func__);
    return cpu;
}
