/*
 * domain_qemu.c: the public calls the QEMU driver brought in: block
 * statistics and domain capabilities (the console is in
 * domain_console.c, with the streams).
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include <string.h>

#include "client/client_objects.h"

int
virDomainBlockStats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats,
                    size_t size)
{
    /* Drivers fill the whole struct; a caller built against an older,
     * shorter one gets only the fields it knows. */
    virDomainBlockStatsStruct full = { -1, -1, -1, -1, -1 };

    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_CHECK_NONNULL(dom->conn, disk, -1);
    CLIENT_CHECK_NONNULL(dom->conn, stats, -1);
    if (size > sizeof(full)) {
        vir_report_invalid_arg(size, "size in %s must not exceed %zu", __func__, sizeof(full));
        vir_error_dispatch(dom->conn, __func__);
        return -1;
    }
    if (!dom->conn->driver->domain_block_stats) {
        client_report_unsupported(dom->conn, VIR_FROM_THIS, __func__);
        return -1;
    }
    if (dom->conn->driver->domain_block_stats(dom, disk, &full) < 0) {
        vir_error_dispatch(dom->conn, __func__);
        return -1;
    }
    memcpy(stats, &full, size);
    return 0;
}

char *
virConnectGetDomainCapabilities(virConnectPtr conn, const char *emulatorbin, const char *arch,
                                const char *machine, const char *virttype, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_OBJ_WRITABLE(conn, NULL);
    CLIENT_FORWARD(conn, connect_get_domain_capabilities, CLIENT_FAILED_NULL, NULL, conn,
                   emulatorbin, arch, machine, virttype, flags);
}
