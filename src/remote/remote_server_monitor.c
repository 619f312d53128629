/*
 * remote_server_monitor.c: the read-side domain queries (memory
 * statistics and their period, block info, control info, emulator pinning,
 * disk errors), forwarded to the public API on the client's hypervisor
 * connection. Every size a client sends is checked against the protocol's
 * bound before anything is allocated for it.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "remote/remote_server_priv.h"
#include "remote/remote_typed_params.h"
#include "util/alloc.h"
#include "util/error.h"

REMOTE_DISPATCH(remote_dispatch_domain_memory_stats, remote_monitor_domain_memory_stats_args,
                remote_monitor_domain_memory_stats_ret)
{
    virDomainPtr dom;
    virDomainMemoryStatStruct *stats;
    int n;

    if (args->maxStats > REMOTE_MONITOR_MEMORY_STATS_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                         "maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX");
        return -1;
    }
    dom = remote_wire_domain_handle(conn, &args->dom);
    stats = XNEW_ARRAY(virDomainMemoryStatStruct, args->maxStats + 1);
    n = virDomainMemoryStats(dom, stats, args->maxStats, args->flags);
    handle_domain_unref(dom);
    if (n < 0) {
        free(stats);
        return -1;
    }
    ret->stats.stats_val = XNEW_ARRAY(remote_monitor_domain_memory_stat, (size_t)n + 1);
    for (int i = 0; i < n; i++) {
        ret->stats.stats_val[i].tag = stats[i].tag;
        ret->stats.stats_val[i].val = stats[i].val;
    }
    ret->stats.stats_len = (unsigned int)n;
    free(stats);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_set_memory_stats_period,
                remote_monitor_domain_set_memory_stats_period_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSetMemoryStatsPeriod(dom, args->period, args->flags);

    (void)ret;
    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_block_info, remote_monitor_domain_get_block_info_args,
                remote_monitor_domain_get_block_info_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virDomainBlockInfo info;
    int rc = virDomainGetBlockInfo(dom, args->path, &info, args->flags);

    handle_domain_unref(dom);
    if (rc < 0)
        return -1;
    ret->allocation = info.allocation;
    ret->capacity = info.capacity;
    ret->physical = info.physical;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_control_info,
                remote_monitor_domain_get_control_info_args,
                remote_monitor_domain_get_control_info_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virDomainControlInfo info;
    int rc = virDomainGetControlInfo(dom, &info, args->flags);

    handle_domain_unref(dom);
    if (rc < 0)
        return -1;
    ret->state = info.state;
    ret->details = info.details;
    ret->stateTime = info.stateTime;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_emulator_pin_info,
                remote_monitor_domain_get_emulator_pin_info_args,
                remote_monitor_domain_get_emulator_pin_info_ret)
{
    virDomainPtr dom;
    unsigned char *map;
    int rc;

    if (args->maplen < 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "maplen must be non-negative");
        return -1;
    }
    if (args->maplen > REMOTE_MONITOR_CPUMAPS_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "maplen > REMOTE_CPUMAPS_MAX");
        return -1;
    }
    dom = remote_wire_domain_handle(conn, &args->dom);
    map = XNEW_ARRAY(unsigned char, (size_t)args->maplen + 1);
    rc = virDomainGetEmulatorPinInfo(dom, args->maplen ? map : NULL, args->maplen, args->flags);
    handle_domain_unref(dom);
    if (rc < 0) {
        free(map);
        return -1;
    }
    ret->ret = rc;
    ret->cpumaps.cpumaps_val = (char *)map;
    ret->cpumaps.cpumaps_len = (unsigned int)args->maplen;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_disk_errors, remote_monitor_domain_get_disk_errors_args,
                remote_monitor_domain_get_disk_errors_ret)
{
    virDomainPtr dom;
    virDomainDiskError *errors = NULL;
    int n;

    if (args->maxerrors > REMOTE_MONITOR_DISK_ERRORS_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "maxerrors too large");
        return -1;
    }
    dom = remote_wire_domain_handle(conn, &args->dom);
    if (args->maxerrors)
        errors = XNEW_ARRAY(virDomainDiskError, args->maxerrors);
    n = virDomainGetDiskErrors(dom, errors, args->maxerrors, args->flags);
    handle_domain_unref(dom);
    if (n < 0) {
        free(errors);
        return -1;
    }
    ret->nerrors = n;
    if (errors) {
        ret->errors.errors_val = XNEW_ARRAY(remote_monitor_domain_disk_error, (size_t)n + 1);
        for (int i = 0; i < n; i++) {
            ret->errors.errors_val[i].disk = errors[i].disk; /* the reply owns it now */
            ret->errors.errors_val[i].error = errors[i].error;
        }
        ret->errors.errors_len = (unsigned int)n;
    }
    free(errors);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_job_info, remote_monitor_domain_get_job_info_args,
                remote_monitor_domain_get_job_info_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virDomainJobInfo info;
    int rc = virDomainGetJobInfo(dom, &info);

    handle_domain_unref(dom);
    if (rc < 0)
        return -1;
    ret->type = info.type;
    ret->timeElapsed = info.timeElapsed;
    ret->timeRemaining = info.timeRemaining;
    ret->dataTotal = info.dataTotal;
    ret->dataProcessed = info.dataProcessed;
    ret->dataRemaining = info.dataRemaining;
    ret->memTotal = info.memTotal;
    ret->memProcessed = info.memProcessed;
    ret->memRemaining = info.memRemaining;
    ret->fileTotal = info.fileTotal;
    ret->fileProcessed = info.fileProcessed;
    ret->fileRemaining = info.fileRemaining;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_job_stats, remote_monitor_domain_get_job_stats_args,
                remote_monitor_domain_get_job_stats_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virTypedParameterPtr params = NULL;
    int nparams = 0, type = 0;
    int rc = virDomainGetJobStats(dom, &type, &params, &nparams, args->flags);

    handle_domain_unref(dom);
    if (rc < 0)
        return -1;
    ret->type = type;
    rc = remote_typed_params_encode(params, nparams, REMOTE_MONITOR_JOB_STATS_MAX,
                                    VIR_TYPED_PARAM_STRING_OKAY, &ret->params.params_val,
                                    &ret->params.params_len);
    virTypedParamsFree(params, nparams);
    return rc < 0 ? -1 : 0;
}
