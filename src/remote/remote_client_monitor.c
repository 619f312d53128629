/*
 * remote_client_monitor.c: read-side domain queries over the REMOTE
 * program (structs in remote_monitor.x). Replies are checked against
 * what was asked for: a daemon sending more entries than requested is a
 * protocol error, never a write past the caller's array.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>

#include "remote/remote_client_monitor.h"
#include "remote/remote_client_priv.h"
#include "remote/remote_typed_params.h"
#include "util/alloc.h"
#include "util/error.h"

int
remote_client_domain_memory_stats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                                  unsigned int nr_stats, unsigned int flags)
{
    remote_monitor_domain_memory_stats_args args = { .maxStats = nr_stats, .flags = flags };
    remote_monitor_domain_memory_stats_ret ret;
    int n = -1;

    if (nr_stats > REMOTE_MONITOR_MEMORY_STATS_MAX) {
        vir_report_error(VIR_ERR_RPC, "too many memory stats requested: %u > %u", nr_stats,
                         REMOTE_MONITOR_MEMORY_STATS_MAX);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_MEMORY_STATS,
                           REMOTE_ARG(remote_monitor_domain_memory_stats_args, &args),
                           REMOTE_ARG(remote_monitor_domain_memory_stats_ret, &ret)) < 0)
        return -1;
    if (ret.stats.stats_len > nr_stats) {
        vir_report_error(VIR_ERR_RPC, "%s", "the daemon sent more memory stats than asked for");
    } else {
        for (unsigned int i = 0; i < ret.stats.stats_len; i++) {
            stats[i].tag = ret.stats.stats_val[i].tag;
            stats[i].val = ret.stats.stats_val[i].val;
        }
        n = (int)ret.stats.stats_len;
    }
    xdr_free((xdrproc_t)xdr_remote_monitor_domain_memory_stats_ret, (char *)&ret);
    return n;
}

int
remote_client_domain_set_memory_stats_period(virDomainPtr dom, int period, unsigned int flags)
{
    remote_monitor_domain_set_memory_stats_period_args args = { .period = period, .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SET_MEMORY_STATS_PERIOD,
                              REMOTE_ARG(remote_monitor_domain_set_memory_stats_period_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_get_block_info(virDomainPtr dom, const char *disk,
                                    virDomainBlockInfoPtr info, unsigned int flags)
{
    remote_monitor_domain_get_block_info_args args = { .path = (char *)disk, .flags = flags };
    remote_monitor_domain_get_block_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_BLOCK_INFO,
                           REMOTE_ARG(remote_monitor_domain_get_block_info_args, &args),
                           REMOTE_ARG(remote_monitor_domain_get_block_info_ret, &ret)) < 0)
        return -1;
    info->allocation = ret.allocation;
    info->capacity = ret.capacity;
    info->physical = ret.physical;
    return 0;
}

int
remote_client_domain_get_control_info(virDomainPtr dom, virDomainControlInfoPtr info,
                                      unsigned int flags)
{
    remote_monitor_domain_get_control_info_args args = { .flags = flags };
    remote_monitor_domain_get_control_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_CONTROL_INFO,
                           REMOTE_ARG(remote_monitor_domain_get_control_info_args, &args),
                           REMOTE_ARG(remote_monitor_domain_get_control_info_ret, &ret)) < 0)
        return -1;
    info->state = ret.state;
    info->details = ret.details;
    info->stateTime = ret.stateTime;
    return 0;
}

int
remote_client_domain_get_emulator_pin_info(virDomainPtr dom, unsigned char *cpumaps, int maplen,
                                           unsigned int flags)
{
    remote_monitor_domain_get_emulator_pin_info_args args = { .maplen = maplen, .flags = flags };
    remote_monitor_domain_get_emulator_pin_info_ret ret;
    int rc = -1;

    if (maplen > REMOTE_MONITOR_CPUMAPS_MAX) {
        vir_report_error(VIR_ERR_RPC, "vCPU map buffer length exceeds maximum: %d > %d", maplen,
                         REMOTE_MONITOR_CPUMAPS_MAX);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_EMULATOR_PIN_INFO,
                           REMOTE_ARG(remote_monitor_domain_get_emulator_pin_info_args, &args),
                           REMOTE_ARG(remote_monitor_domain_get_emulator_pin_info_ret, &ret)) < 0)
        return -1;
    if (ret.cpumaps.cpumaps_len > (unsigned int)maplen) {
        vir_report_error(VIR_ERR_RPC, "%s", "the daemon sent a longer CPU map than asked for");
    } else {
        memcpy(cpumaps, ret.cpumaps.cpumaps_val, ret.cpumaps.cpumaps_len);
        rc = ret.ret;
    }
    xdr_free((xdrproc_t)xdr_remote_monitor_domain_get_emulator_pin_info_ret, (char *)&ret);
    return rc;
}

int
remote_client_domain_get_disk_errors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                                     unsigned int maxerrors, unsigned int flags)
{
    remote_monitor_domain_get_disk_errors_args args = { .maxerrors = maxerrors, .flags = flags };
    remote_monitor_domain_get_disk_errors_ret ret;
    int rc = -1;

    if (maxerrors > REMOTE_MONITOR_DISK_ERRORS_MAX) {
        vir_report_error(VIR_ERR_RPC, "too many disk errors requested: %u > %u", maxerrors,
                         REMOTE_MONITOR_DISK_ERRORS_MAX);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_DISK_ERRORS,
                           REMOTE_ARG(remote_monitor_domain_get_disk_errors_args, &args),
                           REMOTE_ARG(remote_monitor_domain_get_disk_errors_ret, &ret)) < 0)
        return -1;
    if (ret.errors.errors_len > maxerrors || ret.nerrors < 0) {
        vir_report_error(VIR_ERR_RPC, "%s", "the daemon sent more disk errors than asked for");
    } else {
        for (unsigned int i = 0; i < ret.errors.errors_len; i++) {
            errors[i].disk = xstrdup(ret.errors.errors_val[i].disk);
            errors[i].error = ret.errors.errors_val[i].error;
        }
        rc = ret.nerrors;
    }
    xdr_free((xdrproc_t)xdr_remote_monitor_domain_get_disk_errors_ret, (char *)&ret);
    return rc;
}

int
remote_client_domain_get_job_info(virDomainPtr dom, virDomainJobInfoPtr info)
{
    remote_monitor_domain_get_job_info_args args;
    remote_monitor_domain_get_job_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_JOB_INFO,
                           REMOTE_ARG(remote_monitor_domain_get_job_info_args, &args),
                           REMOTE_ARG(remote_monitor_domain_get_job_info_ret, &ret)) < 0)
        return -1;
    info->type = ret.type;
    info->timeElapsed = ret.timeElapsed;
    info->timeRemaining = ret.timeRemaining;
    info->dataTotal = ret.dataTotal;
    info->dataProcessed = ret.dataProcessed;
    info->dataRemaining = ret.dataRemaining;
    info->memTotal = ret.memTotal;
    info->memProcessed = ret.memProcessed;
    info->memRemaining = ret.memRemaining;
    info->fileTotal = ret.fileTotal;
    info->fileProcessed = ret.fileProcessed;
    info->fileRemaining = ret.fileRemaining;
    return 0;
}

int
remote_client_domain_get_job_stats(virDomainPtr dom, int *type, virTypedParameterPtr *params,
                                   int *nparams, unsigned int flags)
{
    remote_monitor_domain_get_job_stats_args args = { .flags = flags };
    remote_monitor_domain_get_job_stats_ret ret;
    int rc;

    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_JOB_STATS,
                           REMOTE_ARG(remote_monitor_domain_get_job_stats_args, &args),
                           REMOTE_ARG(remote_monitor_domain_get_job_stats_ret, &ret)) < 0)
        return -1;
    *params = NULL;
    *nparams = 0;
    rc = remote_typed_params_decode(ret.params.params_val, ret.params.params_len,
                                    REMOTE_MONITOR_JOB_STATS_MAX, params, nparams);
    if (rc >= 0)
        *type = ret.type;
    xdr_free((xdrproc_t)xdr_remote_monitor_domain_get_job_stats_ret, (char *)&ret);
    return rc < 0 ? -1 : 0;
}
