/*
 * qemu_query_tune.c: vCPU information and the tuning queries (scheduler,
 * memory, block I/O) of a QEMU domain, as libvirtd 9.0's QEMU driver
 * answers them.
 *
 * vCPUs: the threads come from query-cpus-fast, their CPU time, last CPU
 * and affinity from /proc and sched_getaffinity, as libvirtd reads them.
 * Tuning: vireod runs qemu outside any cgroup, so a running domain gets
 * the errors libvirtd gives on a host without the cgroup controllers;
 * the persistent definition (which may carry no tuning elements in this
 * driver) answers with libvirt's defaults.
 */
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "drivers/qemu/qemu_query.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

#define QEMU_SCHED_NPARAMS 9
#define QEMU_MEM_NPARAMS 3
#define QEMU_BLKIO_NPARAMS 6

/* ---- vCPUs ---- */

/* CPU time (ns) and last CPU of thread tid of pid, from its stat file. */
static int
tune_thread_stat(pid_t pid, long long tid, unsigned long long *ret_ns, int *ret_cpu)
{
    char path[96], buf[1024];
    FILE *f;
    size_t n;
    const char *p;
    unsigned long long utime = 0, stime = 0;
    long cpu = 0, hz = sysconf(_SC_CLK_TCK);

    snprintf(path, sizeof(path), "/proc/%d/task/%lld/stat", (int)pid, tid);
    if (!(f = fopen(path, "re")))
        return -1;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    if (!(p = strrchr(buf, ')')))
        return -1;
    p++;
    for (int field = 3; field <= 39 && *p; field++) {
        while (*p == ' ')
            p++;
        if (field == 14)
            utime = strtoull(p, NULL, 10);
        else if (field == 15)
            stime = strtoull(p, NULL, 10);
        else if (field == 39)
            cpu = strtol(p, NULL, 10);
        while (*p && *p != ' ')
            p++;
    }
    *ret_ns = hz > 0 ? (utime + stime) * (1000000000ULL / (unsigned long long)hz) : 0;
    *ret_cpu = (int)cpu;
    return 0;
}

static void
tune_thread_affinity(long long tid, unsigned char *map, int maplen)
{
    cpu_set_t set;
    int ncpus = qemu_query_host_cpus();

    memset(map, 0, (size_t)maplen);
    if (sched_getaffinity((pid_t)tid, sizeof(set), &set) < 0) {
        for (int c = 0; c < ncpus && c / 8 < maplen; c++)
            map[c / 8] |= (unsigned char)(1u << (c % 8));
        return;
    }
    for (int c = 0; c < CPU_SETSIZE && c / 8 < maplen; c++)
        if (CPU_ISSET(c, &set))
            map[c / 8] |= (unsigned char)(1u << (c % 8));
}

int
qemu_domain_get_vcpus(virDomainPtr handle, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen)
{
    QemuDriver *drv;
    QemuDomain *dom;
    _cleanup_(qemu_json_freep) QemuJson *cpus = NULL;
    bool active;
    pid_t pid;
    int n = 0;

    if (!(dom = qemu_query_begin(handle, false, &drv)))
        return -1;
    pthread_mutex_lock(&drv->lock);
    active = dom->id >= 0;
    pid = dom->pid;
    pthread_mutex_unlock(&drv->lock);
    if (!active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "cannot list vcpus for an inactive domain");
        qemu_query_end(dom);
        return -1;
    }
    if (qemu_monitor_command(dom->mon, "query-cpus-fast", NULL, 0, &cpus) < 0) {
        qemu_query_end(dom);
        return -1;
    }
    qemu_query_end(dom);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * (size_t)maplen);
    for (size_t i = 0; cpus && cpus->type == QEMU_JSON_ARRAY && i < cpus->n && n < maxinfo; i++) {
        long long index, tid;
        unsigned long long ns = 0;
        int cpu = 0;

        if (!qemu_json_get_int(cpus->items[i], "cpu-index", &index) ||
            !qemu_json_get_int(cpus->items[i], "thread-id", &tid) || index < 0 || tid <= 0)
            continue;
        if (tune_thread_stat(pid, tid, &ns, &cpu) < 0)
            ns = 0, cpu = 0;
        info[n].number = (unsigned int)index;
        info[n].state = VIR_VCPU_RUNNING;
        info[n].cpuTime = ns;
        info[n].cpu = cpu;
        if (cpumaps)
            tune_thread_affinity(tid, cpumaps + (size_t)n * (size_t)maplen, maplen);
        n++;
    }
    return n;
}

int
qemu_domain_get_vcpu_pin_info(virDomainPtr handle, int ncpumaps, unsigned char *cpumaps,
                              int maplen, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    bool live, config;
    int nvcpus;

    vir_check_flags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(dom = qemu_query_begin(handle, false, &drv)))
        return -1;
    if (qemu_query_affect(drv, dom, flags, &live, &config) < 0) {
        qemu_query_end(dom);
        return -1;
    }
    pthread_mutex_lock(&drv->lock);
    const QemuDef *def = config && dom->id >= 0 && dom->new_def ? dom->new_def : dom->def;
    nvcpus = (int)def->def->vcpus_max;
    pthread_mutex_unlock(&drv->lock);
    qemu_query_end(dom);
    if (nvcpus > ncpumaps)
        nvcpus = ncpumaps;
    /* no <vcpupin> or <vcpu cpuset> in this driver's definitions: every
     * vCPU may run on every host CPU */
    for (int v = 0; v < nvcpus; v++) {
        unsigned char *map = cpumaps + (size_t)v * (size_t)maplen;
        int ncpus = qemu_query_host_cpus();
        memset(map, 0, (size_t)maplen);
        for (int c = 0; c < ncpus && c / 8 < maplen; c++)
            map[c / 8] |= (unsigned char)(1u << (c % 8));
    }
    return nvcpus;
}

/* The host's CPUs as libvirtd's virHostCPUGetMap reads them: the map and
 * count of the online ones (/sys/devices/system/cpu/online), and how many
 * are present (the map's size in CPUs). */
int
qemu_node_get_cpu_map(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                      unsigned int flags)
{
    int ncpus = qemu_query_host_cpus();
    int maplen = VIR_CPU_MAPLEN(ncpus);
    unsigned char *map;
    char text[4096] = "";
    FILE *f;
    unsigned int count = 0;

    (void)conn;
    vir_check_flags(flags, 0, -1);
    if (!cpumap && !online)
        return ncpus;
    map = XNEW_ARRAY(unsigned char, (size_t)maplen);
    if ((f = fopen("/sys/devices/system/cpu/online", "re"))) {
        if (!fgets(text, sizeof(text), f))
            text[0] = '\0';
        fclose(f);
    }
    text[strcspn(text, "\n")] = '\0';
    if (!text[0] || qemu_query_cpuset_parse(text, map, maplen, ncpus) < 0) {
        memset(map, 0, (size_t)maplen);
        for (int c = 0; c < ncpus; c++)
            map[c / 8] |= (unsigned char)(1u << (c % 8));
    }
    for (int c = 0; c < ncpus; c++)
        count += (map[c / 8] >> (c % 8)) & 1;
    if (online)
        *online = count;
    if (cpumap)
        *cpumap = map;
    else
        free(map);
    return ncpus;
}

/* ---- typed parameters ---- */

static void
tune_param_ull(virTypedParameterPtr p, const char *field, unsigned long long v)
{
    memset(p, 0, sizeof(*p));
    snprintf(p->field, sizeof(p->field), "%s", field);
    p->type = VIR_TYPED_PARAM_ULLONG;
    p->value.ul = v;
}

static void
tune_param_ll(virTypedParameterPtr p, const char *field, long long v)
{
    memset(p, 0, sizeof(*p));
    snprintf(p->field, sizeof(p->field), "%s", field);
    p->type = VIR_TYPED_PARAM_LLONG;
    p->value.l = v;
}

/* Which definition a tuning getter reads: the config (answered from it)
 * or the live one (needs the cgroup we do not have). Reports. */
static int
tune_target(virDomainPtr handle, unsigned int flags, bool *ret_live)
{
    QemuDriver *drv;
    QemuDomain *dom;
    bool live, config;
    int rc;

    if (!(dom = qemu_query_begin(handle, false, &drv)))
        return -1;
    rc = qemu_query_affect(drv, dom, flags, &live, &config);
    qemu_query_end(dom);
    *ret_live = live && !config;
    return rc;
}

char *
qemu_domain_get_scheduler_type(virDomainPtr handle, int *nparams)
{
    QemuDriver *drv;
    QemuDomain *dom;
    bool active;

    if (!(dom = qemu_query_begin(handle, false, &drv)))
        return NULL;
    pthread_mutex_lock(&drv->lock);
    active = dom->id >= 0;
    pthread_mutex_unlock(&drv->lock);
    qemu_query_end(dom);
    if (active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "cgroup CPU controller is not mounted");
        return NULL;
    }
    if (nparams)
        *nparams = QEMU_SCHED_NPARAMS;
    return xstrdup("posix");
}

int
qemu_domain_get_scheduler_parameters_flags(virDomainPtr handle, virTypedParameterPtr params,
                                           int *nparams, unsigned int flags)
{
    static const char *const names[QEMU_SCHED_NPARAMS] = {
        "cpu_shares", "vcpu_period", "vcpu_quota", "emulator_period", "emulator_quota",
        "global_period", "global_quota", "iothread_period", "iothread_quota",
    };
    bool live;
    int max = *nparams;

    vir_check_flags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                               VIR_TYPED_PARAM_STRING_OKAY, -1);
    *nparams = 0;
    if (tune_target(handle, flags & ~VIR_TYPED_PARAM_STRING_OKAY, &live) < 0)
        return -1;
    if (live) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "cgroup CPU controller is not mounted");
        return -1;
    }
    /* no <cputune> here: every figure is libvirt's unset 0; periods are
     * unsigned, quotas signed */
    for (int i = 0; i < QEMU_SCHED_NPARAMS && i < max; i++) {
        if (i > 0 && i % 2 == 0)
            tune_param_ll(&params[i], names[i], 0);
        else
            tune_param_ull(&params[i], names[i], 0);
        (*nparams)++;
    }
    return 0;
}

int
qemu_domain_get_scheduler_parameters(virDomainPtr handle, virTypedParameterPtr params,
                                     int *nparams)
{
    return qemu_domain_get_scheduler_parameters_flags(handle, params, nparams, 0);
}

int
qemu_domain_get_memory_parameters(virDomainPtr handle, virTypedParameterPtr params, int *nparams,
                                  unsigned int flags)
{
    static const char *const names[QEMU_MEM_NPARAMS] = {
        VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_DOMAIN_MEMORY_SOFT_LIMIT,
        VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT,
    };
    bool live;

    vir_check_flags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                               VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (tune_target(handle, flags & ~VIR_TYPED_PARAM_STRING_OKAY, &live) < 0)
        return -1;
    if (*nparams == 0) {
        *nparams = QEMU_MEM_NPARAMS;
        return 0;
    }
    if (live) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "cgroup memory controller is not mounted");
        return -1;
    }
    /* no <memtune> here: every limit is unlimited */
    for (int i = 0; i < QEMU_MEM_NPARAMS && i < *nparams; i++)
        tune_param_ull(&params[i], names[i], VIR_DOMAIN_MEMORY_PARAM_UNLIMITED);
    if (*nparams > QEMU_MEM_NPARAMS)
        *nparams = QEMU_MEM_NPARAMS;
    return 0;
}

int
qemu_domain_get_blkio_parameters(virDomainPtr handle, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags)
{
    static const char *const devices[QEMU_BLKIO_NPARAMS - 1] = {
        VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS,
        VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_DOMAIN_BLKIO_DEVICE_READ_BPS,
        VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS,
    };
    int max = *nparams;
    bool live;

    vir_check_flags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                               VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (*nparams == 0) {
        *nparams = QEMU_BLKIO_NPARAMS;
        return 0;
    }
    *nparams = 0;
    if (tune_target(handle, flags & ~VIR_TYPED_PARAM_STRING_OKAY, &live) < 0)
        return -1;
    if (live) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "blkio cgroup isn't mounted");
        return -1;
    }
    /* no <blkiotune> here: weight 0 and empty per-device lists */
    memset(&params[0], 0, sizeof(params[0]));
    snprintf(params[0].field, sizeof(params[0].field), "%s", VIR_DOMAIN_BLKIO_WEIGHT);
    params[0].type = VIR_TYPED_PARAM_UINT;
    *nparams = 1;
    for (int i = 0; i < QEMU_BLKIO_NPARAMS - 1 && *nparams < max; i++) {
        virTypedParameterPtr p = &params[(*nparams)++];
        memset(p, 0, sizeof(*p));
        snprintf(p->field, sizeof(p->field), "%s", devices[i]);
        p->type = VIR_TYPED_PARAM_STRING;
        p->value.s = xstrdup("");
    }
    return 0;
}
