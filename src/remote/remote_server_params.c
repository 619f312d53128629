/*
 * remote_server_params.c: the daemon's handlers for the procedures that
 * carry typed parameters (remote_procs_params.def).
 *
 * As libvirtd: a getter's requested count is checked against the family's
 * bound before anything is allocated ("nparams too large"); a count of 0
 * asks only for the number of parameters; replies leave out string values
 * unless the client's flags carried VIR_TYPED_PARAM_STRING_OKAY; setters
 * decode with the bound and call the public API, which applies the same
 * checks as for a local caller.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <stdlib.h>
#include <string.h>

#include "remote/remote_server.h"
#include "remote/remote_server_priv.h"
#include "remote/remote_typed_params.h"
#include "util/alloc.h"
#include "util/error.h"

/* libvirtd's check of a getter's requested count; reports. */
static int
params_check_count(int nparams, int max)
{
    if (nparams < 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "nparams must be non-negative");
        return -1;
    }
    if (nparams > max) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "nparams too large");
        return -1;
    }
    return 0;
}

/* Decodes a setter's parameters into a new array (NULL for none, as
 * libvirtd passes an empty list on); reports. */
static int
params_decode_args(const remote_typed_param *val, unsigned int len, int max,
                   virTypedParameterPtr *ret_params, int *ret_n)
{
    *ret_params = NULL;
    *ret_n = 0;
    if (remote_typed_params_decode(val, len, max, ret_params, ret_n) < 0)
        return -1;
    if (len == 0) {
        free(*ret_params);
        *ret_params = NULL;
    }
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_scheduler_type,
                remote_params_domain_get_scheduler_type_args,
                remote_params_domain_get_scheduler_type_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int nparams = 0;
    char *type = virDomainGetSchedulerType(dom, &nparams);

    handle_domain_unref(dom);
    if (!type)
        return -1;
    ret->type = type;
    ret->nparams = nparams;
    return 0;
}

/* Every setter: decode with the bound, call the public API, free. The
 * API is fn, or dev_fn with device for the families that name a device
 * (interface, block I/O tuning). */
typedef int (*ParamsSetFn)(virDomainPtr, virTypedParameterPtr, int, unsigned int);
typedef int (*ParamsSetDevFn)(virDomainPtr, const char *, virTypedParameterPtr, int,
                              unsigned int);

static int
params_set(virConnectPtr conn, const remote_nonnull_domain *wdom, const remote_typed_param *val,
           unsigned int len, int max, unsigned int flags, ParamsSetFn fn, ParamsSetDevFn dev_fn,
           const char *device)
{
    int nparams;
    virTypedParameterPtr params;
    virDomainPtr dom;
    int rc;

    if (params_decode_args(val, len, max, &params, &nparams) < 0)
        return -1;
    dom = remote_wire_domain_handle(conn, wdom);
    rc = dev_fn ? dev_fn(dom, device, params, nparams, flags) : fn(dom, params, nparams, flags);
    handle_domain_unref(dom);
    virTypedParamsFree(params, nparams);
    return rc < 0 ? -1 : 0;
}

static int
params_sched_set_noflags(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                         unsigned int flags)
{
    (void)flags;
    return virDomainSetSchedulerParameters(dom, params, nparams);
}

REMOTE_DISPATCH(remote_dispatch_domain_set_scheduler_parameters,
                remote_params_domain_set_scheduler_parameters_args, void)
{
    (void)ret;
    return params_set(conn, &args->dom, args->params.params_val, args->params.params_len,
                      REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, 0, params_sched_set_noflags, NULL,
                      NULL);
}

REMOTE_DISPATCH(remote_dispatch_domain_set_scheduler_parameters_flags,
                remote_params_domain_set_scheduler_parameters_flags_args, void)
{
    (void)ret;
    return params_set(conn, &args->dom, args->params.params_val, args->params.params_len,
                      REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, args->flags,
                      virDomainSetSchedulerParametersFlags, NULL, NULL);
}

#define PARAMS_SET_HANDLER(name, family, max, api) \
    REMOTE_DISPATCH(remote_dispatch_domain_set_##name##_parameters, \
                    remote_params_domain_set_##name##_parameters_args, void) \
    { \
        (void)ret; \
        return params_set(conn, &args->dom, args->params.params_val, args->params.params_len, \
                          max, args->flags, api, NULL, NULL); \
    }

PARAMS_SET_HANDLER(memory, memory, REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX,
                   virDomainSetMemoryParameters)
PARAMS_SET_HANDLER(blkio, blkio, REMOTE_DOMAIN_BLKIO_PARAMETERS_MAX, virDomainSetBlkioParameters)
PARAMS_SET_HANDLER(numa, numa, REMOTE_DOMAIN_NUMA_PARAMETERS_MAX, virDomainSetNumaParameters)

/* Every "count, then fill" getter: the public call is fn, or dev_fn with
 * device (as for params_set). A request for 0 parameters gets the count in
 * ret_nparams, or, where the reply has no count (ret_nparams NULL: the
 * scheduler), an empty list. */
typedef int (*ParamsGetFn)(virDomainPtr, virTypedParameterPtr, int *, unsigned int);
typedef int (*ParamsGetDevFn)(virDomainPtr, const char *, virTypedParameterPtr, int *,
                              unsigned int);

static int
params_get(virConnectPtr conn, const remote_nonnull_domain *wdom, int want, unsigned int flags,
           int max, ParamsGetFn fn, ParamsGetDevFn dev_fn, const char *device,
           remote_typed_param **ret_val, unsigned int *ret_len, int *ret_nparams)
{
    virTypedParameterPtr params = NULL;
    virDomainPtr dom;
    int nparams = want;
    int rc;

    if (params_check_count(want, max) < 0)
        return -1;
    if (want)
        params = xcalloc((size_t)want, sizeof(*params));
    dom = remote_wire_domain_handle(conn, wdom);
    rc = dev_fn ? dev_fn(dom, device, params, &nparams, flags) : fn(dom, params, &nparams, flags);
    handle_domain_unref(dom);
    if (rc >= 0) {
        if (want == 0 && ret_nparams)
            *ret_nparams = nparams;
        else
            rc = remote_typed_params_encode(params, nparams, max, flags, ret_val, ret_len);
    }
    virTypedParamsFree(params, want);
    return rc < 0 ? -1 : 0;
}

#define PARAMS_GET_HANDLER(name, max, api) \
    REMOTE_DISPATCH(remote_dispatch_domain_get_##name##_parameters, \
                    remote_params_domain_get_##name##_parameters_args, \
                    remote_params_domain_get_##name##_parameters_ret) \
    { \
        return params_get(conn, &args->dom, args->nparams, args->flags, max, api, NULL, NULL, \
                          &ret->params.params_val, &ret->params.params_len, &ret->nparams); \
    }

static int
params_sched_get_noflags(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                         unsigned int flags)
{
    (void)flags;
    return virDomainGetSchedulerParameters(dom, params, nparams);
}

REMOTE_DISPATCH(remote_dispatch_domain_get_scheduler_parameters,
                remote_params_domain_get_scheduler_parameters_args,
                remote_params_domain_get_scheduler_parameters_ret)
{
    return params_get(conn, &args->dom, args->nparams, 0, REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX,
                      params_sched_get_noflags, NULL, NULL, &ret->params.params_val,
                      &ret->params.params_len, NULL);
}

REMOTE_DISPATCH(remote_dispatch_domain_get_scheduler_parameters_flags,
                remote_params_domain_get_scheduler_parameters_flags_args,
                remote_params_domain_get_scheduler_parameters_flags_ret)
{
    return params_get(conn, &args->dom, args->nparams, args->flags,
                      REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX,
                      virDomainGetSchedulerParametersFlags, NULL, NULL, &ret->params.params_val,
                      &ret->params.params_len, NULL);
}

PARAMS_GET_HANDLER(memory, REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX, virDomainGetMemoryParameters)
PARAMS_GET_HANDLER(blkio, REMOTE_DOMAIN_BLKIO_PARAMETERS_MAX, virDomainGetBlkioParameters)
PARAMS_GET_HANDLER(numa, REMOTE_DOMAIN_NUMA_PARAMETERS_MAX, virDomainGetNumaParameters)

REMOTE_DISPATCH(remote_dispatch_domain_get_interface_parameters,
                remote_params_domain_get_interface_parameters_args,
                remote_params_domain_get_interface_parameters_ret)
{
    return params_get(conn, &args->dom, args->nparams, args->flags,
                      REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX, NULL,
                      virDomainGetInterfaceParameters, args->device, &ret->params.params_val,
                      &ret->params.params_len, &ret->nparams);
}

REMOTE_DISPATCH(remote_dispatch_domain_set_interface_parameters,
                remote_params_domain_set_interface_parameters_args, void)
{
    (void)ret;
    return params_set(conn, &args->dom, args->params.params_val, args->params.params_len,
                      REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX, args->flags, NULL,
                      virDomainSetInterfaceParameters, args->device);
}

REMOTE_DISPATCH(remote_dispatch_node_get_cpu_stats, remote_params_node_get_cpu_stats_args,
                remote_params_node_get_cpu_stats_ret)
{
    virNodeCPUStatsPtr params = NULL;
    int nparams = args->nparams;

    if (params_check_count(args->nparams, REMOTE_NODE_CPU_STATS_MAX) < 0)
        return -1;
    if (nparams)
        params = xcalloc((size_t)nparams, sizeof(*params));
    if (virNodeGetCPUStats(conn, args->cpuNum, params, &nparams, args->flags) < 0) {
        free(params);
        return -1;
    }
    if (args->nparams == 0) {
        ret->nparams = nparams;
    } else if (nparams > 0) {
        ret->params.params_val = xcalloc((size_t)nparams, sizeof(*ret->params.params_val));
        ret->params.params_len = (unsigned int)nparams;
        for (int i = 0; i < nparams; i++) {
            ret->params.params_val[i].field =
                xstrndup(params[i].field, VIR_NODE_CPU_STATS_FIELD_LENGTH - 1);
            ret->params.params_val[i].value = params[i].value;
        }
    }
    free(params);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_cpu_stats, remote_params_domain_get_cpu_stats_args,
                remote_params_domain_get_cpu_stats_ret)
{
    virTypedParameterPtr params = NULL;
    size_t total = (size_t)args->ncpus * args->nparams;
    virDomainPtr dom;
    int len;
    int rc = 0;

    /* libvirtd bounds nparams with the node statistics limit */
    if (args->nparams > REMOTE_NODE_CPU_STATS_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "nparams too large");
        return -1;
    }
    if (args->ncpus > REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "ncpus too large");
        return -1;
    }
    if (args->nparams > 0 && total)
        params = xcalloc(total, sizeof(*params));
    dom = remote_wire_domain_handle(conn, &args->dom);
    len = virDomainGetCPUStats(dom, params, args->nparams, args->start_cpu, args->ncpus,
                               args->flags);
    handle_domain_unref(dom);
    if (len < 0) {
        virTypedParamsFree(params, (int)total);
        return -1;
    }
    if (args->nparams)
        rc = remote_typed_params_encode(params, (int)total, REMOTE_DOMAIN_GET_CPU_STATS_MAX,
                                        args->flags, &ret->params.params_val,
                                        &ret->params.params_len);
    ret->nparams = len;
    if (args->nparams && !(args->flags & VIR_TYPED_PARAM_STRING_OKAY))
        for (int i = 0; i < len && (size_t)i < total; i++)
            if (params[i].type == VIR_TYPED_PARAM_STRING)
                ret->nparams--;
    virTypedParamsFree(params, (int)total);
    return rc < 0 ? -1 : 0;
}

/* The getters whose public call allocates the list (launch security,
 * perf events): fn, then encode with the bound max. */
typedef int (*ParamsGetAllocFn)(virDomainPtr, virTypedParameterPtr *, int *, unsigned int);

static int
params_get_alloc(virConnectPtr conn, const remote_nonnull_domain *wdom, unsigned int flags,
                 int max, ParamsGetAllocFn fn, remote_typed_param **ret_val,
                 unsigned int *ret_len)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, wdom);
    virTypedParameterPtr params = NULL;
    int nparams = 0;
    int rc = fn(dom, &params, &nparams, flags);

    handle_domain_unref(dom);
    if (rc >= 0)
        rc = remote_typed_params_encode(params, nparams, max, flags, ret_val, ret_len);
    virTypedParamsFree(params, nparams);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_launch_security_info,
                remote_params_domain_get_launch_security_info_args,
                remote_params_domain_get_launch_security_info_ret)
{
    return params_get_alloc(conn, &args->dom, args->flags,
                            REMOTE_DOMAIN_LAUNCH_SECURITY_INFO_PARAMS_MAX,
                            virDomainGetLaunchSecurityInfo, &ret->params.params_val,
                            &ret->params.params_len);
}

REMOTE_DISPATCH(remote_dispatch_connect_get_all_domain_stats,
                remote_params_connect_get_all_domain_stats_args,
                remote_params_connect_get_all_domain_stats_ret)
{
    virDomainStatsRecordPtr *stats = NULL;
    virDomainPtr *doms = NULL;
    unsigned int ndoms = args->doms.doms_len;
    int n;
    int rc = 0;

    if (ndoms) {
        doms = xcalloc((size_t)ndoms + 1, sizeof(*doms));
        for (unsigned int i = 0; i < ndoms; i++)
            doms[i] = remote_wire_domain_handle(conn, &args->doms.doms_val[i]);
        n = virDomainListGetStats(doms, args->stats, &stats, args->flags);
        for (unsigned int i = 0; i < ndoms; i++)
            handle_domain_unref(doms[i]);
        free(doms);
    } else {
        n = virConnectGetAllDomainStats(conn, args->stats, &stats, args->flags);
    }
    if (n < 0)
        return -1;
    if (n > REMOTE_DOMAIN_LIST_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR,
                         "Number of domain stats records is %d, which exceeds max limit: %d", n,
                         REMOTE_DOMAIN_LIST_MAX);
        virDomainStatsRecordListFree(stats);
        return -1;
    }
    if (n > 0) {
        ret->retStats.retStats_val = xcalloc((size_t)n, sizeof(*ret->retStats.retStats_val));
        ret->retStats.retStats_len = (unsigned int)n;
    }
    for (int i = 0; i < n && rc == 0; i++) {
        remote_params_domain_stats_record *dst = &ret->retStats.retStats_val[i];

        remote_wire_domain_to_wire_dup(stats[i]->dom, &dst->dom);
        rc = remote_typed_params_encode(stats[i]->params, stats[i]->nparams,
                                        REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX,
                                        VIR_TYPED_PARAM_STRING_OKAY, &dst->params.params_val,
                                        &dst->params.params_len);
    }
    virDomainStatsRecordListFree(stats);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_set_block_io_tune,
                remote_params_domain_set_block_io_tune_args, void)
{
    (void)ret;
    return params_set(conn, &args->dom, args->params.params_val, args->params.params_len,
                      REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX, args->flags, NULL,
                      virDomainSetBlockIoTune, args->disk);
}

REMOTE_DISPATCH(remote_dispatch_domain_get_block_io_tune,
                remote_params_domain_get_block_io_tune_args,
                remote_params_domain_get_block_io_tune_ret)
{
    return params_get(conn, &args->dom, args->nparams, args->flags,
                      REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX, NULL, virDomainGetBlockIoTune,
                      args->disk ? *args->disk : NULL, &ret->params.params_val,
                      &ret->params.params_len, &ret->nparams);
}

REMOTE_DISPATCH(remote_dispatch_domain_get_perf_events, remote_params_domain_get_perf_events_args,
                remote_params_domain_get_perf_events_ret)
{
    return params_get_alloc(conn, &args->dom, args->flags, REMOTE_DOMAIN_PERF_EVENTS_MAX,
                            virDomainGetPerfEvents, &ret->params.params_val,
                            &ret->params.params_len);
}

REMOTE_DISPATCH(remote_dispatch_domain_set_perf_events, remote_params_domain_set_perf_events_args,
                void)
{
    (void)ret;
    return params_set(conn, &args->dom, args->params.params_val, args->params.params_len,
                      REMOTE_DOMAIN_PERF_EVENTS_MAX, args->flags, virDomainSetPerfEvents, NULL,
                      NULL);
}
