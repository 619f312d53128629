/*
 * remote_client_params.c: libvireo's remote-driver calls for the procedures that
 * carry typed parameters, as libvirt's remote driver sends them.
 *
 * Setters encode with the family's bound (strings allowed: the public
 * layer already refused them when the daemon cannot take them). Getters
 * send how many the caller has room for; 0 asks only for the count, which
 * comes back in the reply's nparams. Replies are decoded into the caller's
 * array with both the family's bound and the caller's size checked, so a
 * daemon that sends more than asked gets an error, not an overflow.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <stdlib.h>
#include <string.h>

#include "remote/remote_client_params.h"
#include "remote/remote_client_priv.h"
#include "remote/remote_typed_params.h"
#include "util/alloc.h"
#include "util/error.h"

char *
remote_client_domain_get_scheduler_type(virDomainPtr dom, int *nparams)
{
    remote_params_domain_get_scheduler_type_args args = { 0 };
    remote_params_domain_get_scheduler_type_ret ret = { 0 };
    char *type;

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_SCHEDULER_TYPE,
                           REMOTE_ARG(remote_params_domain_get_scheduler_type_args, &args),
                           REMOTE_ARG(remote_params_domain_get_scheduler_type_ret, &ret)) < 0)
        return NULL;
    if (nparams)
        *nparams = ret.nparams;
    type = ret.type; /* the caller frees it */
    return type;
}

/* Frees the strings of n parameters (virTypedParamsClear, kept local so
 * this file needs nothing from the public API layer). */
static void
params_clear(virTypedParameterPtr params, size_t n)
{
    for (size_t i = 0; params && i < n; i++)
        if (params[i].type == VIR_TYPED_PARAM_STRING) {
            free(params[i].value.s);
            params[i].value.s = NULL;
        }
}

/* Frees a partly built record list (NULL-terminated). */
static void
params_records_free(virDomainStatsRecordPtr *list)
{
    for (size_t i = 0; list && list[i]; i++) {
        params_clear(list[i]->params, (size_t)list[i]->nparams);
        free(list[i]->params);
        handle_domain_unref(list[i]->dom);
        free(list[i]);
    }
    free(list);
}

/* Decodes a getter's reply into the caller's array of *nparams. */
static int
params_decode_reply(const remote_typed_param *val, unsigned int len, int max,
                    virTypedParameterPtr params, int *nparams)
{
    return remote_typed_params_decode(val, len, max, &params, nparams);
}

/* Every "count, then fill" getter: sends args, then, when the reply
 * carries a count (reply_n; the scheduler's does not) and the caller asked
 * only for the count, takes it; otherwise decodes the parameters (val,
 * len: fields of the reply ret) into the caller's array. Frees the reply. */
static int
params_call_get(virConnectPtr conn, int proc, xdrproc_t args_filter, void *args,
                xdrproc_t ret_filter, void *ret, remote_typed_param *const *val,
                const unsigned int *len, const int *reply_n, int max,
                virTypedParameterPtr params, int *nparams)
{
    int rc;

    if (remote_client_call(conn, proc, args_filter, args, ret_filter, ret) < 0)
        return -1;
    if (reply_n && *nparams == 0) {
        *nparams = *reply_n;
        rc = 0;
    } else {
        rc = params_decode_reply(*val, *len, max, params, nparams);
    }
    xdr_free(ret_filter, ret);
    return rc;
}

/* The getters that return a new list (launch security, perf events): as
 * params_call_get, into a list the caller frees. */
static int
params_call_get_alloc(virConnectPtr conn, int proc, xdrproc_t args_filter, void *args,
                      xdrproc_t ret_filter, void *ret, remote_typed_param *const *val,
                      const unsigned int *len, int max, virTypedParameterPtr *params,
                      int *nparams)
{
    int rc;

    if (remote_client_call(conn, proc, args_filter, args, ret_filter, ret) < 0)
        return -1;
    *params = NULL;
    *nparams = 0;
    rc = remote_typed_params_decode(*val, *len, max, params, nparams);
    xdr_free(ret_filter, ret);
    return rc;
}

int
remote_client_domain_get_scheduler_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                              int *nparams)
{
    remote_params_domain_get_scheduler_parameters_args args = { .nparams = *nparams };
    remote_params_domain_get_scheduler_parameters_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    return params_call_get(dom->conn, REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS,
                           REMOTE_ARG(remote_params_domain_get_scheduler_parameters_args, &args),
                           REMOTE_ARG(remote_params_domain_get_scheduler_parameters_ret, &ret),
                           &ret.params.params_val, &ret.params.params_len, NULL,
                           REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, params, nparams);
}

int
remote_client_domain_get_scheduler_parameters_flags(virDomainPtr dom, virTypedParameterPtr params,
                                                    int *nparams, unsigned int flags)
{
    remote_params_domain_get_scheduler_parameters_flags_args args = { .nparams = *nparams,
                                                                      .flags = flags };
    remote_params_domain_get_scheduler_parameters_flags_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    return params_call_get(
        dom->conn, REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS,
        REMOTE_ARG(remote_params_domain_get_scheduler_parameters_flags_args, &args),
        REMOTE_ARG(remote_params_domain_get_scheduler_parameters_flags_ret, &ret),
        &ret.params.params_val, &ret.params.params_len, NULL,
        REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX, params, nparams);
}

/* Setters: the argument structs differ but all hold dom, params (and
 * flags); each call fills its own and sends it through here. */
static int
params_send_set(virConnectPtr conn, int proc, xdrproc_t filter, void *args,
                remote_typed_param **val, unsigned int *len, virTypedParameterPtr params,
                int nparams, int max)
{
    int rc;

    if (remote_typed_params_encode(params, nparams, max, VIR_TYPED_PARAM_STRING_OKAY, val, len) <
        0)
        return -1;
    rc = remote_client_call(conn, proc, filter, args, REMOTE_VOID);
    remote_typed_params_wire_free(*val, *len);
    return rc;
}

int
remote_client_domain_set_scheduler_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                              int nparams)
{
    remote_params_domain_set_scheduler_parameters_args args = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    return params_send_set(dom->conn, REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS,
                           (xdrproc_t)xdr_remote_params_domain_set_scheduler_parameters_args,
                           &args, &args.params.params_val, &args.params.params_len, params,
                           nparams, REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX);
}

#define PARAMS_CLIENT_SET(fname, argt, proc, max) \
    int fname(virDomainPtr dom, virTypedParameterPtr params, int nparams, unsigned int flags) \
    { \
        argt args = { .flags = flags }; \
        remote_wire_domain_to_wire(dom, &args.dom); \
        return params_send_set(dom->conn, proc, (xdrproc_t)xdr_##argt, &args, \
                               &args.params.params_val, &args.params.params_len, params, \
                               nparams, max); \
    }

PARAMS_CLIENT_SET(remote_client_domain_set_scheduler_parameters_flags,
                  remote_params_domain_set_scheduler_parameters_flags_args,
                  REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS,
                  REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX)
PARAMS_CLIENT_SET(remote_client_domain_set_memory_parameters,
                  remote_params_domain_set_memory_parameters_args,
                  REMOTE_PROC_DOMAIN_SET_MEMORY_PARAMETERS, REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX)
PARAMS_CLIENT_SET(remote_client_domain_set_blkio_parameters,
                  remote_params_domain_set_blkio_parameters_args,
                  REMOTE_PROC_DOMAIN_SET_BLKIO_PARAMETERS, REMOTE_DOMAIN_BLKIO_PARAMETERS_MAX)
PARAMS_CLIENT_SET(remote_client_domain_set_numa_parameters,
                  remote_params_domain_set_numa_parameters_args,
                  REMOTE_PROC_DOMAIN_SET_NUMA_PARAMETERS, REMOTE_DOMAIN_NUMA_PARAMETERS_MAX)

int
remote_client_domain_set_interface_parameters(virDomainPtr dom, const char *device,
                                              virTypedParameterPtr params, int nparams,
                                              unsigned int flags)
{
    remote_params_domain_set_interface_parameters_args args = { .device = (char *)device,
                                                                .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return params_send_set(dom->conn, REMOTE_PROC_DOMAIN_SET_INTERFACE_PARAMETERS,
                           (xdrproc_t)xdr_remote_params_domain_set_interface_parameters_args,
                           &args, &args.params.params_val, &args.params.params_len, params,
                           nparams, REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX);
}

#define PARAMS_CLIENT_GET(fname, name, proc, max) \
    int fname(virDomainPtr dom, virTypedParameterPtr params, int *nparams, unsigned int flags) \
    { \
        remote_params_domain_get_##name##_parameters_args args = { .nparams = *nparams, \
                                                                   .flags = flags }; \
        remote_params_domain_get_##name##_parameters_ret ret = { 0 }; \
        remote_wire_domain_to_wire(dom, &args.dom); \
        return params_call_get(dom->conn, proc, \
                               REMOTE_ARG(remote_params_domain_get_##name##_parameters_args, \
                                          &args), \
                               REMOTE_ARG(remote_params_domain_get_##name##_parameters_ret, \
                                          &ret), \
                               &ret.params.params_val, &ret.params.params_len, &ret.nparams, \
                               max, params, nparams); \
    }

PARAMS_CLIENT_GET(remote_client_domain_get_memory_parameters, memory,
                  REMOTE_PROC_DOMAIN_GET_MEMORY_PARAMETERS, REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX)
PARAMS_CLIENT_GET(remote_client_domain_get_blkio_parameters, blkio,
                  REMOTE_PROC_DOMAIN_GET_BLKIO_PARAMETERS, REMOTE_DOMAIN_BLKIO_PARAMETERS_MAX)
PARAMS_CLIENT_GET(remote_client_domain_get_numa_parameters, numa,
                  REMOTE_PROC_DOMAIN_GET_NUMA_PARAMETERS, REMOTE_DOMAIN_NUMA_PARAMETERS_MAX)

int
remote_client_domain_get_interface_parameters(virDomainPtr dom, const char *device,
                                              virTypedParameterPtr params, int *nparams,
                                              unsigned int flags)
{
    remote_params_domain_get_interface_parameters_args args = {
        .device = (char *)device, .nparams = *nparams, .flags = flags
    };
    remote_params_domain_get_interface_parameters_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    return params_call_get(dom->conn, REMOTE_PROC_DOMAIN_GET_INTERFACE_PARAMETERS,
                           REMOTE_ARG(remote_params_domain_get_interface_parameters_args, &args),
                           REMOTE_ARG(remote_params_domain_get_interface_parameters_ret, &ret),
                           &ret.params.params_val, &ret.params.params_len, &ret.nparams,
                           REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX, params, nparams);
}

int
remote_client_node_get_cpu_stats(virConnectPtr conn, int cpu_num, virNodeCPUStatsPtr params,
                                 int *nparams, unsigned int flags)
{
    remote_params_node_get_cpu_stats_args args = { .cpuNum = cpu_num, .nparams = *nparams,
                                                   .flags = flags };
    remote_params_node_get_cpu_stats_ret ret = { 0 };
    int rc = -1;

    if (remote_client_call(conn, REMOTE_PROC_NODE_GET_CPU_STATS,
                           REMOTE_ARG(remote_params_node_get_cpu_stats_args, &args),
                           REMOTE_ARG(remote_params_node_get_cpu_stats_ret, &ret)) < 0)
        return -1;
    if (ret.params.params_len > REMOTE_NODE_CPU_STATS_MAX ||
        ret.params.params_len > (unsigned int)*nparams) {
        vir_report_error(VIR_ERR_RPC, "%s",
                         "remoteNodeGetCPUStats: returned number of stats exceeds limit");
        goto out;
    }
    if (*nparams == 0) {
        *nparams = ret.nparams;
        rc = 0;
        goto out;
    }
    for (unsigned int i = 0; i < ret.params.params_len; i++) {
        const char *field = ret.params.params_val[i].field;

        if (strlen(field) >= VIR_NODE_CPU_STATS_FIELD_LENGTH) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "Stats %s too big for destination", field);
            goto out;
        }
        memset(&params[i], 0, sizeof(params[i]));
        strcpy(params[i].field, field);
        params[i].value = ret.params.params_val[i].value;
    }
    *nparams = (int)ret.params.params_len;
    rc = 0;
out:
    xdr_free((xdrproc_t)xdr_remote_params_node_get_cpu_stats_ret, (char *)&ret);
    return rc;
}

int
remote_client_domain_get_cpu_stats(virDomainPtr dom, virTypedParameterPtr params,
                                   unsigned int nparams, int start_cpu, unsigned int ncpus,
                                   unsigned int flags)
{
    remote_params_domain_get_cpu_stats_args args = {
        .nparams = nparams, .start_cpu = start_cpu, .ncpus = ncpus, .flags = flags
    };
    remote_params_domain_get_cpu_stats_ret ret = { 0 };
    size_t total = (size_t)nparams * ncpus;
    int rc = -1;

    if (nparams > REMOTE_NODE_CPU_STATS_MAX) {
        vir_report_error(VIR_ERR_RPC, "nparams count exceeds maximum: %u > %u", nparams,
                         REMOTE_NODE_CPU_STATS_MAX);
        return -1;
    }
    if (ncpus > REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX) {
        vir_report_error(VIR_ERR_RPC, "ncpus count exceeds maximum: %u > %u", ncpus,
                         REMOTE_DOMAIN_GET_CPU_STATS_NCPUS_MAX);
        return -1;
    }
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_CPU_STATS,
                           REMOTE_ARG(remote_params_domain_get_cpu_stats_args, &args),
                           REMOTE_ARG(remote_params_domain_get_cpu_stats_ret, &ret)) < 0)
        return -1;
    if (ret.params.params_len > total ||
        (ret.params.params_len &&
         (ret.nparams <= 0 || ret.params.params_len % (unsigned int)ret.nparams ||
          (unsigned int)ret.nparams > nparams))) {
        vir_report_error(VIR_ERR_RPC, "%s",
                         "remoteDomainGetCPUStats: returned number of stats exceeds limit");
        if (params)
            memset(params, 0, sizeof(*params) * total);
        goto out;
    }
    if (nparams == 0) {
        rc = ret.nparams;
        goto out;
    }
    /* the daemon leaves out empty slots: spread each CPU's group back */
    memset(params, 0, sizeof(*params) * total);
    for (unsigned int cpu = 0; ret.params.params_len && cpu < ret.params.params_len /
                                                                 (unsigned int)ret.nparams;
         cpu++) {
        virTypedParameterPtr group = &params[(size_t)cpu * nparams];
        int room = (int)nparams;

        if (remote_typed_params_decode(&ret.params.params_val[(size_t)cpu * ret.nparams],
                                       (unsigned int)ret.nparams, REMOTE_NODE_CPU_STATS_MAX,
                                       &group, &room) < 0) {
            params_clear(params, total);
            goto out;
        }
    }
    rc = ret.nparams;
out:
    xdr_free((xdrproc_t)xdr_remote_params_domain_get_cpu_stats_ret, (char *)&ret);
    return rc;
}

int
remote_client_domain_get_launch_security_info(virDomainPtr dom, virTypedParameterPtr *params,
                                              int *nparams, unsigned int flags)
{
    remote_params_domain_get_launch_security_info_args args = { .flags = flags };
    remote_params_domain_get_launch_security_info_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    return params_call_get_alloc(
        dom->conn, REMOTE_PROC_DOMAIN_GET_LAUNCH_SECURITY_INFO,
        REMOTE_ARG(remote_params_domain_get_launch_security_info_args, &args),
        REMOTE_ARG(remote_params_domain_get_launch_security_info_ret, &ret),
        &ret.params.params_val, &ret.params.params_len,
        REMOTE_DOMAIN_LAUNCH_SECURITY_INFO_PARAMS_MAX, params, nparams);
}

int
remote_client_connect_get_all_domain_stats(virConnectPtr conn, virDomainPtr *doms,
                                           unsigned int ndoms, unsigned int stats,
                                           virDomainStatsRecordPtr **ret_stats,
                                           unsigned int flags)
{
    remote_params_connect_get_all_domain_stats_args args = { .stats = stats, .flags = flags };
    remote_params_connect_get_all_domain_stats_ret ret = { 0 };
    virDomainStatsRecordPtr *list = NULL;
    unsigned int n;
    int rc = -1;

    if (ndoms > REMOTE_DOMAIN_LIST_MAX) {
        vir_report_error(VIR_ERR_RPC, "too many domains '%u' for limit '%d'", ndoms,
                         REMOTE_DOMAIN_LIST_MAX);
        return -1;
    }
    if (ndoms) {
        args.doms.doms_val = xcalloc(ndoms, sizeof(*args.doms.doms_val));
        for (unsigned int i = 0; i < ndoms; i++)
            remote_wire_domain_to_wire(doms[i], &args.doms.doms_val[i]);
    }
    args.doms.doms_len = ndoms;
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS,
                           REMOTE_ARG(remote_params_connect_get_all_domain_stats_args, &args),
                           REMOTE_ARG(remote_params_connect_get_all_domain_stats_ret, &ret)) < 0) {
        free(args.doms.doms_val);
        return -1;
    }
    free(args.doms.doms_val);
    n = ret.retStats.retStats_len;
    list = xcalloc((size_t)n + 1, sizeof(*list));
    for (unsigned int i = 0; i < n; i++) {
        const remote_params_domain_stats_record *rec = &ret.retStats.retStats_val[i];
        virDomainStatsRecordPtr elem = XNEW(virDomainStatsRecord);

        elem->dom = remote_wire_domain_handle(conn, &rec->dom);
        list[i] = elem;
        if (remote_typed_params_decode(rec->params.params_val, rec->params.params_len,
                                       REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX, &elem->params,
                                       &elem->nparams) < 0) {
            params_records_free(list);
            goto out;
        }
    }
    *ret_stats = list;
    rc = (int)n;
out:
    xdr_free((xdrproc_t)xdr_remote_params_connect_get_all_domain_stats_ret, (char *)&ret);
    return rc;
}

int
remote_client_domain_set_block_io_tune(virDomainPtr dom, const char *disk,
                                       virTypedParameterPtr params, int nparams,
                                       unsigned int flags)
{
    remote_params_domain_set_block_io_tune_args args = { .disk = (char *)disk, .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return params_send_set(dom->conn, REMOTE_PROC_DOMAIN_SET_BLOCK_IO_TUNE,
                           (xdrproc_t)xdr_remote_params_domain_set_block_io_tune_args, &args,
                           &args.params.params_val, &args.params.params_len, params, nparams,
                           REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX);
}

int
remote_client_domain_get_block_io_tune(virDomainPtr dom, const char *disk,
                                       virTypedParameterPtr params, int *nparams,
                                       unsigned int flags)
{
    char *d = (char *)disk;
    remote_params_domain_get_block_io_tune_args args = {
        .disk = disk ? &d : NULL, .nparams = *nparams, .flags = flags
    };
    remote_params_domain_get_block_io_tune_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    return params_call_get(dom->conn, REMOTE_PROC_DOMAIN_GET_BLOCK_IO_TUNE,
                           REMOTE_ARG(remote_params_domain_get_block_io_tune_args, &args),
                           REMOTE_ARG(remote_params_domain_get_block_io_tune_ret, &ret),
                           &ret.params.params_val, &ret.params.params_len, &ret.nparams,
                           REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX, params, nparams);
}

int
remote_client_domain_get_perf_events(virDomainPtr dom, virTypedParameterPtr *params,
                                     int *nparams, unsigned int flags)
{
    remote_params_domain_get_perf_events_args args = { .flags = flags };
    remote_params_domain_get_perf_events_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    return params_call_get_alloc(dom->conn, REMOTE_PROC_DOMAIN_GET_PERF_EVENTS,
                                 REMOTE_ARG(remote_params_domain_get_perf_events_args, &args),
                                 REMOTE_ARG(remote_params_domain_get_perf_events_ret, &ret),
                                 &ret.params.params_val, &ret.params.params_len,
                                 REMOTE_DOMAIN_PERF_EVENTS_MAX, params, nparams);
}

PARAMS_CLIENT_SET(remote_client_domain_set_perf_events, remote_params_domain_set_perf_events_args,
                  REMOTE_PROC_DOMAIN_SET_PERF_EVENTS, REMOTE_DOMAIN_PERF_EVENTS_MAX)
