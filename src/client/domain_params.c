/*
 * domain_params.c: the public calls that carry typed parameters (scheduler,
 * memory, blkio, NUMA and interface tuning, CPU statistics, bulk domain
 * statistics, launch security), with libvirt's argument checks and texts.
 *
 * Getters ask the driver whether string parameters may come back
 * (VIR_DRV_FEATURE_TYPED_PARAM_STRING) and add VIR_TYPED_PARAM_STRING_OKAY
 * to the flags when it says yes, as libvirt's library does; setters refuse
 * string parameters the driver could not take, and names that fill the
 * whole field (no terminator).
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "client/client.h"
#include "client/client_objects.h"

/* 1 when conn's driver takes and returns string parameters, 0 when not,
 * -1 after reporting. */
static int
params_string_okay(virConnectPtr conn)
{
    if (!conn->driver->connect_supports_feature)
        return 0;
    return conn->driver->connect_supports_feature(conn, VIREO_DRV_FEATURE_TYPED_PARAM_STRING);
}

/* libvirt's checks of parameters to be set (its virTypedParameterValidateSet,
 * whose errors carry no error domain); reports and dispatches. */
int
client_typed_params_validate_set(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                                 const char *api)
{
    static const char validator[] = "virTypedParameterValidateSet";
    int okay = params_string_okay(conn);

    if (okay < 0)
        goto error;
    for (int i = 0; i < nparams; i++) {
        if (strnlen(params[i].field, VIR_TYPED_PARAM_FIELD_LENGTH) ==
            VIR_TYPED_PARAM_FIELD_LENGTH) {
            vir_error_report_raw(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, validator, "params",
                                 "string parameter name '%.*s' too long",
                                 VIR_TYPED_PARAM_FIELD_LENGTH, params[i].field);
            goto error;
        }
        if (params[i].type != VIR_TYPED_PARAM_STRING)
            continue;
        if (!okay) {
            vir_error_report_raw(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, validator, "params",
                                 "string parameter '%s' unsupported", params[i].field);
            goto error;
        }
        if (!params[i].value.s) {
            vir_error_report_raw(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, validator, "params",
                                 "NULL string parameter '%s'", params[i].field);
            goto error;
        }
    }
    return 0;

 error:
    vir_error_dispatch(conn, api);
    return -1;
}

/* Adds STRING_OKAY to *flags when the driver takes strings; reports. */
static int
params_get_flags(virConnectPtr conn, unsigned int *flags, const char *api)
{
    int okay = params_string_okay(conn);

    if (okay < 0) {
        vir_error_dispatch(conn, api);
        return -1;
    }
    if (okay)
        *flags |= VIR_TYPED_PARAM_STRING_OKAY;
    return 0;
}

/* LIVE and CONFIG together make no sense for a read. */
static int
params_check_affect(virConnectPtr conn, unsigned int flags, const char *api)
{
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        vir_error_report_raw(VIR_FROM_THIS, VIR_ERR_INVALID_ARG, api, "flags",
                             "Flags '%s' and '%s' are mutually exclusive",
                             "VIR_DOMAIN_AFFECT_LIVE", "VIR_DOMAIN_AFFECT_CONFIG");
        vir_error_dispatch(conn, api);
        return -1;
    }
    return 0;
}

/* The argument checks every "how many, then fill" getter shares. */
#define PARAMS_CHECK_GET(conn, params, nparams) \
    do { \
        CLIENT_CHECK_NONNULL(conn, nparams, -1); \
        CLIENT_CHECK_NONNEGATIVE(conn, *nparams, -1); \
        if (*nparams != 0) \
            CLIENT_CHECK_NONNULL(conn, params, -1); \
    } while (0)

/* The checks every setter shares, in libvirt's order: a writable
 * connection, a list, its count (check_count: CLIENT_CHECK_POSITIVE, or
 * CLIENT_CHECK_NONNEGATIVE for the scheduler) and the parameters. */
#define PARAMS_CHECK_SET(conn, params, nparams, check_count) \
    do { \
        CLIENT_OBJ_WRITABLE(conn, -1); \
        CLIENT_CHECK_NONNULL(conn, params, -1); \
        check_count(conn, nparams, -1); \
        if (client_typed_params_validate_set(conn, params, nparams, __func__) < 0) \
            return -1; \
    } while (0)

char *
virDomainGetSchedulerType(virDomainPtr domain, int *nparams)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    CLIENT_FORWARD(domain->conn, domain_get_scheduler_type, CLIENT_FAILED_NULL, NULL, domain,
                   nparams);
}

int
virDomainGetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params, int *nparams)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, params, -1);
    CLIENT_CHECK_NONNULL(domain->conn, nparams, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, *nparams, -1);
    CLIENT_FORWARD(domain->conn, domain_get_scheduler_parameters, CLIENT_FAILED_NEG, -1, domain,
                   params, nparams);
}

int
virDomainGetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params,
                                     int *nparams, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, params, -1);
    CLIENT_CHECK_NONNULL(domain->conn, nparams, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, *nparams, -1);
    if (params_get_flags(domain->conn, &flags, __func__) < 0 ||
        params_check_affect(domain->conn, flags, __func__) < 0)
        return -1;
    CLIENT_FORWARD(domain->conn, domain_get_scheduler_parameters_flags, CLIENT_FAILED_NEG, -1,
                   domain, params, nparams, flags);
}

int
virDomainSetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params, int nparams)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    PARAMS_CHECK_SET(domain->conn, params, nparams, CLIENT_CHECK_NONNEGATIVE);
    CLIENT_FORWARD(domain->conn, domain_set_scheduler_parameters, CLIENT_FAILED_NEG, -1, domain,
                   params, nparams);
}

int
virDomainSetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params,
                                     int nparams, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    PARAMS_CHECK_SET(domain->conn, params, nparams, CLIENT_CHECK_NONNEGATIVE);
    CLIENT_FORWARD(domain->conn, domain_set_scheduler_parameters_flags, CLIENT_FAILED_NEG, -1,
                   domain, params, nparams, flags);
}

/* The memory, blkio and NUMA pairs differ only in their driver method. */
#define PARAMS_SETTER(api, method) \
    int api(virDomainPtr domain, virTypedParameterPtr params, int nparams, unsigned int flags) \
    { \
        CLIENT_ENTER_DOMAIN(domain, -1); \
        PARAMS_CHECK_SET(domain->conn, params, nparams, CLIENT_CHECK_POSITIVE); \
        CLIENT_FORWARD(domain->conn, method, CLIENT_FAILED_NEG, -1, domain, params, nparams, \
                       flags); \
    }

/* exclusive: libvirt refuses LIVE|CONFIG up front (memory, blkio; not NUMA) */
#define PARAMS_GETTER(api, method, exclusive) \
    int api(virDomainPtr domain, virTypedParameterPtr params, int *nparams, unsigned int flags) \
    { \
        CLIENT_ENTER_DOMAIN(domain, -1); \
        PARAMS_CHECK_GET(domain->conn, params, nparams); \
        if (params_get_flags(domain->conn, &flags, __func__) < 0 || \
            (exclusive && params_check_affect(domain->conn, flags, __func__) < 0)) \
            return -1; \
        CLIENT_FORWARD(domain->conn, method, CLIENT_FAILED_NEG, -1, domain, params, nparams, \
                       flags); \
    }

PARAMS_SETTER(virDomainSetMemoryParameters, domain_set_memory_parameters)
PARAMS_GETTER(virDomainGetMemoryParameters, domain_get_memory_parameters, true)
PARAMS_SETTER(virDomainSetBlkioParameters, domain_set_blkio_parameters)
PARAMS_GETTER(virDomainGetBlkioParameters, domain_get_blkio_parameters, true)
PARAMS_SETTER(virDomainSetNumaParameters, domain_set_numa_parameters)
PARAMS_GETTER(virDomainGetNumaParameters, domain_get_numa_parameters, false)

int
virDomainSetInterfaceParameters(virDomainPtr domain, const char *device,
                                virTypedParameterPtr params, int nparams, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    PARAMS_CHECK_SET(domain->conn, params, nparams, CLIENT_CHECK_POSITIVE);
    CLIENT_FORWARD(domain->conn, domain_set_interface_parameters, CLIENT_FAILED_NEG, -1, domain,
                   device, params, nparams, flags);
}

int
virDomainGetInterfaceParameters(virDomainPtr domain, const char *device,
                                virTypedParameterPtr params, int *nparams, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    PARAMS_CHECK_GET(domain->conn, params, nparams);
    if (params_get_flags(domain->conn, &flags, __func__) < 0)
        return -1;
    CLIENT_FORWARD(domain->conn, domain_get_interface_parameters, CLIENT_FAILED_NEG, -1, domain,
                   device, params, nparams, flags);
}

int
virDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params, unsigned int nparams,
                     int start_cpu, unsigned int ncpus, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    if (start_cpu == -1) {
        if (ncpus != 1) {
            vir_report_invalid_arg(start_cpu, "%s", "ncpus must be 1 when start_cpu is -1");
            vir_error_dispatch(domain->conn, __func__);
            return -1;
        }
    } else {
        CLIENT_CHECK_NONNEGATIVE(domain->conn, start_cpu, -1);
    }
    if (nparams) {
        CLIENT_CHECK_NONNULL(domain->conn, params, -1);
    } else if (params) {
        vir_report_invalid_arg(params, "%s in %s must be NULL", "params", __func__);
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    if (ncpus == 0 && params) {
        vir_report_invalid_arg(params, "%s in %s must be NULL", "params", __func__);
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    if (nparams && ncpus > UINT_MAX / nparams) {
        vir_report_error(VIR_ERR_OVERFLOW, "input too large: %u * %u", nparams, ncpus);
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    if (params_get_flags(domain->conn, &flags, __func__) < 0)
        return -1;
    CLIENT_FORWARD(domain->conn, domain_get_cpu_stats, CLIENT_FAILED_NEG, -1, domain, params,
                   nparams, start_cpu, ncpus, flags);
}

int
virDomainGetLaunchSecurityInfo(virDomainPtr domain, virTypedParameterPtr *params, int *nparams,
                               unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, params, -1);
    CLIENT_CHECK_NONNULL(domain->conn, nparams, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    if (params_get_flags(domain->conn, &flags, __func__) < 0)
        return -1;
    CLIENT_FORWARD(domain->conn, domain_get_launch_security_info, CLIENT_FAILED_NEG, -1, domain,
                   params, nparams, flags);
}

int
virNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params, int *nparams,
                   unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, nparams, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, *nparams, -1);
    if (cpuNum < 0 && cpuNum != VIR_NODE_CPU_STATS_ALL_CPUS) {
        vir_error_report_raw(VIR_FROM_THIS, VIR_ERR_INVALID_ARG, __func__, "cpuNum",
                             "cpuNum in %s only accepts %d as a negative value", __func__,
                             VIR_NODE_CPU_STATS_ALL_CPUS);
        vir_error_dispatch(conn, __func__);
        return -1;
    }
    CLIENT_FORWARD(conn, node_get_cpu_stats, CLIENT_FAILED_NEG, -1, conn, cpuNum, params,
                   nparams, flags);
}

int
virConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                            virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, retStats, -1);
    CLIENT_FORWARD(conn, connect_get_all_domain_stats, CLIENT_FAILED_NEG, -1, conn, NULL, 0,
                   stats, retStats, flags);
}

int
virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                      virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    virConnectPtr conn;
    unsigned int ndoms = 0;

    virResetLastError();
    CLIENT_CHECK_NONNULL(NULL, doms, -1);
    CLIENT_CHECK_NONNULL(NULL, retStats, -1);
    if (!*doms) {
        vir_report_error(VIR_ERR_INVALID_ARG, "doms array in %s must contain at least one domain",
                         __func__);
        vir_error_dispatch(NULL, __func__);
        return -1;
    }
    conn = doms[0]->conn;
    CLIENT_ENTER_CONN(conn, -1);
    if (!conn->driver->connect_get_all_domain_stats) {
        client_report_unsupported(conn, VIR_FROM_THIS, __func__);
        return -1;
    }
    for (virDomainPtr *next = doms; *next; next++) {
        if (!client_domain_ok(*next, __func__))
            return -1;
        if ((*next)->conn != conn) {
            vir_report_error(VIR_ERR_INVALID_ARG, "%s",
                             "domains in 'doms' array must belong to a single connection");
            vir_error_dispatch(conn, __func__);
            return -1;
        }
        ndoms++;
    }
    CLIENT_FORWARD(conn, connect_get_all_domain_stats, CLIENT_FAILED_NEG, -1, conn, doms, ndoms,
                   stats, retStats, flags);
}

void
virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats)
{
    if (!stats)
        return;
    for (virDomainStatsRecordPtr *next = stats; *next; next++) {
        virTypedParamsFree((*next)->params, (*next)->nparams);
        virDomainFree((*next)->dom);
        free(*next);
    }
    free(stats);
}

int
virDomainSetBlockIoTune(virDomainPtr dom, const char *disk, virTypedParameterPtr params,
                        int nparams, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_OBJ_WRITABLE(dom->conn, -1);
    CLIENT_CHECK_NONNULL(dom->conn, disk, -1);
    CLIENT_CHECK_POSITIVE(dom->conn, nparams, -1);
    CLIENT_CHECK_NONNULL(dom->conn, params, -1);
    if (client_typed_params_validate_set(dom->conn, params, nparams, __func__) < 0)
        return -1;
    CLIENT_FORWARD(dom->conn, domain_set_block_io_tune, CLIENT_FAILED_NEG, -1, dom, disk, params,
                   nparams, flags);
}

int
virDomainGetBlockIoTune(virDomainPtr dom, const char *disk, virTypedParameterPtr params,
                        int *nparams, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_CHECK_NONNULL(dom->conn, nparams, -1);
    CLIENT_CHECK_NONNEGATIVE(dom->conn, *nparams, -1);
    if (*nparams != 0) {
        CLIENT_CHECK_NONNULL(dom->conn, params, -1);
        CLIENT_CHECK_NONNULL(dom->conn, disk, -1);
    }
    if (params_get_flags(dom->conn, &flags, __func__) < 0 ||
        params_check_affect(dom->conn, flags, __func__) < 0)
        return -1;
    CLIENT_FORWARD(dom->conn, domain_get_block_io_tune, CLIENT_FAILED_NEG, -1, dom, disk, params,
                   nparams, flags);
}

int
virDomainGetPerfEvents(virDomainPtr dom, virTypedParameterPtr *params, int *nparams,
                       unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_CHECK_NONNULL(dom->conn, params, -1);
    CLIENT_CHECK_NONNULL(dom->conn, nparams, -1);
    CLIENT_FORWARD(dom->conn, domain_get_perf_events, CLIENT_FAILED_NEG, -1, dom, params, nparams,
                   flags);
}

int
virDomainSetPerfEvents(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                       unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    PARAMS_CHECK_SET(dom->conn, params, nparams, CLIENT_CHECK_POSITIVE);
    CLIENT_FORWARD(dom->conn, domain_set_perf_events, CLIENT_FAILED_NEG, -1, dom, params, nparams,
                   flags);
}
