/*
 * test_params_stats.c: the statistics the test driver reports as typed
 * parameters: domain and node CPU statistics (fixed figures, libvirt's
 * test driver's), bulk domain statistics (the state group; the iothread
 * group has nothing to report for domains without IOThread state) and the
 * empty launch-security answer.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <stdlib.h>
#include <string.h>

#include "drivers/test/test_iothread.h"
#include "drivers/test/test_params.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

/* libvirt's test driver's figures. */
#define TEST_TOTAL_CPUTIME 48772617035ULL
#define TEST_USER_TIME 5540000000ULL
#define TEST_SYSTEM_TIME 6460000000ULL

static void
test_stats_put(virTypedParameterPtr p, const char *name, int type, unsigned long long v)
{
    memset(p, 0, sizeof(*p));
    strcpy(p->field, name);
    p->type = type;
    if (type == VIR_TYPED_PARAM_INT)
        p->value.i = (int)v;
    else
        p->value.ul = v;
}

static int
test_stats_total_cpu(virTypedParameterPtr params, unsigned int nparams)
{
    if (nparams == 0)
        return 3;
    test_stats_put(&params[0], VIR_DOMAIN_CPU_STATS_CPUTIME, VIR_TYPED_PARAM_ULLONG,
                   TEST_TOTAL_CPUTIME);
    if (nparams > 1)
        test_stats_put(&params[1], VIR_DOMAIN_CPU_STATS_USERTIME, VIR_TYPED_PARAM_ULLONG,
                       TEST_USER_TIME);
    if (nparams > 2)
        test_stats_put(&params[2], VIR_DOMAIN_CPU_STATS_SYSTEMTIME, VIR_TYPED_PARAM_ULLONG,
                       TEST_SYSTEM_TIME);
    return nparams > 3 ? 3 : (int)nparams;
}

/* Per-CPU figures: cpu_time in slot 0 and vcpu_time in slot 1 of each
 * CPU's group of nparams slots. */
static int
test_stats_percpu(virTypedParameterPtr params, unsigned int nparams, int start_cpu,
                  unsigned int ncpus, int total)
{
    unsigned long long each;
    int upto;

    if (nparams == 0 && ncpus != 0)
        return 2;
    if (ncpus == 0)
        return total;
    if (start_cpu >= total) {
        vir_report_error(VIR_ERR_INVALID_ARG, "start_cpu %d larger than maximum of %d",
                         start_cpu, total - 1);
        return -1;
    }
    each = TEST_TOTAL_CPUTIME / (unsigned long long)total;
    upto = (long long)start_cpu + ncpus < total ? start_cpu + (int)ncpus : total;
    for (int i = start_cpu; i < upto; i++)
        test_stats_put(&params[(size_t)(i - start_cpu) * nparams], VIR_DOMAIN_CPU_STATS_CPUTIME,
                       VIR_TYPED_PARAM_ULLONG, each + (unsigned long long)i);
    if (nparams < 2)
        return 1;
    for (int i = start_cpu; i < upto; i++)
        test_stats_put(&params[(size_t)(i - start_cpu) * nparams + 1],
                       VIR_DOMAIN_CPU_STATS_VCPUTIME, VIR_TYPED_PARAM_ULLONG,
                       each + (unsigned long long)i - 1234567890ULL);
    return 2;
}

int
test_domain_get_cpu_stats(virDomainPtr dom, virTypedParameterPtr params, unsigned int nparams,
                          int start_cpu, unsigned int ncpus, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_TYPED_PARAM_STRING_OKAY, "testDomainGetCPUStats", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!test_domain_active(obj))
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "%s",
                         "domain is not running");
    else if (start_cpu == -1)
        ret = test_stats_total_cpu(params, nparams);
    else
        ret = test_stats_percpu(params, nparams, start_cpu, ncpus, (int)st->node_info.cores);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_launch_security_info(virDomainPtr dom, virTypedParameterPtr *params,
                                     int *nparams, unsigned int flags)
{
    (void)dom;
    (void)params;
    TEST_CHECK_FLAGS(flags, 0, "testDomainGetLaunchSecurityInfo", -1);
    *nparams = 0;
    return 0;
}

int
test_node_get_cpu_stats(virConnectPtr conn, int cpu_num, virNodeCPUStatsPtr params, int *nparams,
                        unsigned int flags)
{
    static const struct {
        const char *field;
        unsigned long long value;
    } figures[] = {
        { VIR_NODE_CPU_STATS_USER, 9797400000ULL },
        { VIR_NODE_CPU_STATS_KERNEL, 34678723400000ULL },
        { VIR_NODE_CPU_STATS_IDLE, 87264900000ULL },
        { VIR_NODE_CPU_STATS_IOWAIT, 763600000ULL },
    };
    int i;

    (void)conn;
    (void)cpu_num;
    TEST_CHECK_FLAGS(flags, 0, "testNodeGetCPUStats", -1);
    if (!params) {
        *nparams = (int)ARRAY_SIZE(figures);
        return 0;
    }
    for (i = 0; i < *nparams && i < (int)ARRAY_SIZE(figures); i++) {
        memset(&params[i], 0, sizeof(params[i]));
        strcpy(params[i].field, figures[i].field);
        params[i].value = figures[i].value;
    }
    *nparams = i;
    return 0;
}

/* ---- bulk domain statistics ---- */

#define TEST_STATS_LIST_FLAGS \
    (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE | \
     VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT | \
     VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED | \
     VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)
#define TEST_STATS_SUPPORTED (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_IOTHREAD)

/* The record of one domain (caller holds the lock). */
static virDomainStatsRecordPtr
test_stats_record(virConnectPtr conn, const TestDomain *obj, unsigned int stats)
{
    virDomainStatsRecordPtr rec = XNEW(virDomainStatsRecord);

    rec->dom = test_domain_handle(conn, obj);
    if (stats & VIR_DOMAIN_STATS_STATE) {
        rec->params = xcalloc(2, sizeof(*rec->params));
        test_stats_put(&rec->params[0], "state.state", VIR_TYPED_PARAM_INT,
                       (unsigned long long)obj->state);
        test_stats_put(&rec->params[1], "state.reason", VIR_TYPED_PARAM_INT,
                       (unsigned long long)obj->reason);
        rec->nparams = 2;
    }
    if (stats & VIR_DOMAIN_STATS_IOTHREAD) /* IOThreads */
        test_iothread_stats(obj, &rec->params, &rec->nparams);
    return rec;
}

/* Whether obj passes the list filter flags (libvirt's groups: each group
 * given must match one of its bits). */
static bool
test_stats_matches(const TestDomain *obj, unsigned int flags)
{
    bool active = test_domain_active(obj);
    unsigned int state_bits = VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                              VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER;

    if ((flags & (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE)) &&
        !((active && (flags & VIR_CONNECT_LIST_DOMAINS_ACTIVE)) ||
          (!active && (flags & VIR_CONNECT_LIST_DOMAINS_INACTIVE))))
        return false;
    if ((flags & (VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT)) &&
        !((obj->persistent && (flags & VIR_CONNECT_LIST_DOMAINS_PERSISTENT)) ||
          (!obj->persistent && (flags & VIR_CONNECT_LIST_DOMAINS_TRANSIENT))))
        return false;
    if (flags & state_bits) {
        unsigned int bit;

        switch (obj->state) {
        case VIR_DOMAIN_RUNNING: bit = VIR_CONNECT_LIST_DOMAINS_RUNNING; break;
        case VIR_DOMAIN_PAUSED: bit = VIR_CONNECT_LIST_DOMAINS_PAUSED; break;
        case VIR_DOMAIN_SHUTOFF: bit = VIR_CONNECT_LIST_DOMAINS_SHUTOFF; break;
        default: bit = VIR_CONNECT_LIST_DOMAINS_OTHER; break;
        }
        if (!(flags & bit))
            return false;
    }
    return true;
}

int
test_connect_get_all_domain_stats(virConnectPtr conn, virDomainPtr *doms, unsigned int ndoms,
                                  unsigned int stats, virDomainStatsRecordPtr **ret_stats,
                                  unsigned int flags)
{
    TestState *st = test_state_of(conn);
    unsigned int lflags = flags & TEST_STATS_LIST_FLAGS;
    virDomainStatsRecordPtr *list;
    size_t n = 0, cap;

    TEST_CHECK_FLAGS(flags,
                     TEST_STATS_LIST_FLAGS | VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT |
                         VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING |
                         VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS,
                     "testConnectGetAllDomainStats", -1);
    if (!stats) {
        stats = TEST_STATS_SUPPORTED;
    } else if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) &&
               (stats & ~TEST_STATS_SUPPORTED)) {
        vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED,
                         "Stats types bits 0x%x are not supported by this daemon",
                         stats & ~TEST_STATS_SUPPORTED);
        return -1;
    }
    pthread_mutex_lock(&st->lock);
    cap = (ndoms ? ndoms : st->ndomains) + 1;
    list = xcalloc(cap, sizeof(*list));
    if (ndoms) {
        /* domains that vanished are skipped, as libvirt */
        for (unsigned int i = 0; i < ndoms; i++) {
            const TestDomain *obj = test_domain_find_uuid(st, doms[i]->uuid);

            if (obj && test_stats_matches(obj, lflags))
                list[n++] = test_stats_record(conn, obj, stats);
        }
    } else {
        for (size_t i = 0; i < st->ndomains; i++)
            if (test_stats_matches(st->domains[i], lflags))
                list[n++] = test_stats_record(conn, st->domains[i], stats);
    }
    pthread_mutex_unlock(&st->lock);
    *ret_stats = list;
    return (int)n;
}
