/*
 * domain_monitor.c: the public read-side domain queries (memory
 * statistics and their polling period, block device sizes, control state,
 * emulator pinning, disk errors), with libvirt's argument checks.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include <string.h>

#include "client/client_objects.h"

int
virDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                     unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    /* libvirt asks the driver nothing when there is nowhere to put it */
    if (!stats || nr_stats == 0)
        return 0;
    if (nr_stats > VIR_DOMAIN_MEMORY_STAT_NR)
        nr_stats = VIR_DOMAIN_MEMORY_STAT_NR;
    CLIENT_FORWARD(dom->conn, domain_memory_stats, CLIENT_FAILED_NEG, -1, dom, stats, nr_stats,
                   flags);
}

int
virDomainSetMemoryStatsPeriod(virDomainPtr domain, int period, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    /* not in readonly.c's table: this family's own check, same words */
    if (domain->conn->flags & VIR_CONNECT_RO) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_DENIED,
                         "read only access prevents %s", __func__);
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    CLIENT_CHECK_NONNEGATIVE(domain->conn, period, -1);
    CLIENT_FORWARD(domain->conn, domain_set_memory_stats_period, CLIENT_FAILED_NEG, -1, domain,
                   period, flags);
}

int
virDomainGetBlockInfo(virDomainPtr dom, const char *disk, virDomainBlockInfoPtr info,
                      unsigned int flags)
{
    if (info)
        memset(info, 0, sizeof(*info));
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_CHECK_NONNULL(dom->conn, disk, -1);
    if (!*disk) {
        vir_report_invalid_arg(disk, "%s in %s must not be empty", "disk", __func__);
        vir_error_dispatch(dom->conn, __func__);
        return -1;
    }
    CLIENT_CHECK_NONNULL(dom->conn, info, -1);
    CLIENT_FORWARD(dom->conn, domain_get_block_info, CLIENT_FAILED_NEG, -1, dom, disk, info,
                   flags);
}

int
virDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, info, -1);
    CLIENT_FORWARD(domain->conn, domain_get_control_info, CLIENT_FAILED_NEG, -1, domain, info,
                   flags);
}

int
virDomainGetEmulatorPinInfo(virDomainPtr domain, unsigned char *cpumaps, int maplen,
                            unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, cpumaps, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, maplen, -1);
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        vir_report_invalid_arg(flags, "Flags '%s' and '%s' are mutually exclusive",
                               "VIR_DOMAIN_AFFECT_LIVE", "VIR_DOMAIN_AFFECT_CONFIG");
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    CLIENT_FORWARD(domain->conn, domain_get_emulator_pin_info, CLIENT_FAILED_NEG, -1, domain,
                   cpumaps, maplen, flags);
}

int
virDomainGetDiskErrors(virDomainPtr dom, virDomainDiskErrorPtr errors, unsigned int maxerrors,
                       unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_CHECK_ARRAY(dom->conn, errors, maxerrors, -1);
    CLIENT_FORWARD(dom->conn, domain_get_disk_errors, CLIENT_FAILED_NEG, -1, dom, errors,
                   maxerrors, flags);
}

int
virDomainGetJobInfo(virDomainPtr domain, virDomainJobInfoPtr info)
{
    if (info)
        memset(info, 0, sizeof(*info));
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, info, -1);
    CLIENT_FORWARD(domain->conn, domain_get_job_info, CLIENT_FAILED_NEG, -1, domain, info);
}

int
virDomainGetJobStats(virDomainPtr domain, int *type, virTypedParameterPtr *params, int *nparams,
                     unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, type, -1);
    CLIENT_CHECK_NONNULL(domain->conn, params, -1);
    CLIENT_CHECK_NONNULL(domain->conn, nparams, -1);
    if ((flags & VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED) && !(flags & VIR_DOMAIN_JOB_STATS_COMPLETED)) {
        vir_report_invalid_arg(flags, "Flag '%s' is required by flag '%s'",
                               "VIR_DOMAIN_JOB_STATS_COMPLETED",
                               "VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED");
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    CLIENT_FORWARD(domain->conn, domain_get_job_stats, CLIENT_FAILED_NEG, -1, domain, type,
                   params, nparams, flags);
}
