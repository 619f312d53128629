/*
 * qemu_stats.c: virConnectGetAllDomainStats for the QEMU driver, the bulk
 * statistics virt-manager polls for its graphs, group by group as
 * libvirtd's QEMU driver reports them: state, cpu-total, balloon, vcpu,
 * interface and block.
 *
 * CPU figures come from /proc (qemu is not in a cgroup of ours, so
 * libvirt's /proc fallback is the one that applies); vCPU threads are
 * found by the names qemu gives them ("CPU 0/TCG", debug-threads=on is on
 * every command line we build); block figures from query-blockstats and
 * query-named-block-nodes under the domain's job. Groups this driver has
 * nothing for (perf, iothread, memory bandwidth, dirty rate, vm) are
 * dropped from the request, or refused with ENFORCE_STATS, as libvirtd
 * does for groups its qemu lacks.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drivers/qemu/qemu_private.h"
#include "drivers/qemu/qemu_conf.h"
#include "drivers/qemu/qemu_stats.h"
#include "util/alloc.h"
#include "util/macros.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

#define STATS_SUPPORTED                                                                  \
    (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON |   \
     VIR_DOMAIN_STATS_VCPU | VIR_DOMAIN_STATS_INTERFACE | VIR_DOMAIN_STATS_BLOCK)
#define STATS_LIST_FLAGS                                                                 \
    (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE |               \
     VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT |          \
     VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |                \
     VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)
/* groups that need qemu's monitor (and so the domain's job) */
#define STATS_NEED_JOB (VIR_DOMAIN_STATS_BLOCK)
#define STATS_MAX_VCPU_THREADS 4096

/* One record's parameters as they are added. */
typedef struct {
    virTypedParameterPtr par;
    size_t n, cap;
} StatsList;

static virTypedParameterPtr
stats_slot(StatsList *l, int type, const char *fmt, va_list ap)
{
    virTypedParameterPtr p;

    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->par = xreallocarray(l->par, l->cap, sizeof(*l->par));
    }
    p = &l->par[l->n++];
    memset(p, 0, sizeof(*p));
    vsnprintf(p->field, sizeof(p->field), fmt, ap);
    p->type = type;
    return p;
}

static void __attribute__((format(printf, 3, 4)))
stats_add_ull(StatsList *l, unsigned long long v, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    stats_slot(l, VIR_TYPED_PARAM_ULLONG, fmt, ap)->value.ul = v;
    va_end(ap);
}

static void __attribute__((format(printf, 3, 4)))
stats_add_uint(StatsList *l, unsigned int v, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    stats_slot(l, VIR_TYPED_PARAM_UINT, fmt, ap)->value.ui = v;
    va_end(ap);
}

static void __attribute__((format(printf, 3, 4)))
stats_add_int(StatsList *l, int v, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    stats_slot(l, VIR_TYPED_PARAM_INT, fmt, ap)->value.i = v;
    va_end(ap);
}

static void __attribute__((format(printf, 3, 4)))
stats_add_string(StatsList *l, const char *v, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    stats_slot(l, VIR_TYPED_PARAM_STRING, fmt, ap)->value.s = xstrdup(v);
    va_end(ap);
}

/* ---- /proc ---- */

/* utime and stime (ns) and rss (KiB) of a process or one of its threads
 * (tid 0: the process). False when it is gone. */
static bool
stats_proc_times(pid_t pid, pid_t tid, unsigned long long *ret_user,
                 unsigned long long *ret_sys, unsigned long long *ret_rss_kib)
{
    _cleanup_free_ char *path = tid ? xasprintf("/proc/%d/task/%d/stat", (int)pid, (int)tid)
                                    : xasprintf("/proc/%d/stat", (int)pid);
    unsigned long long tick_ns = 1000000000ULL / (unsigned long long)sysconf(_SC_CLK_TCK);
    unsigned long long ut, st, rss;
    char buf[1024];
    FILE *f = fopen(path, "re");
    char *p;
    size_t n;

    if (!f)
        return false;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* the fields after the command name: state is field 3, utime 14,
     * stime 15, rss 24 */
    if (!(p = strrchr(buf, ')')) ||
        sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %*d %*d %*d %*d "
                      "%*d %*d %*u %*u %llu", &ut, &st, &rss) != 3)
        return false;
    *ret_user = ut * tick_ns;
    *ret_sys = st * tick_ns;
    if (ret_rss_kib)
        *ret_rss_kib = rss * ((unsigned long long)sysconf(_SC_PAGESIZE) / 1024);
    return true;
}

/* The thread of vCPU n: qemu names it "CPU n/TCG" (or "/KVM"). 0 if none. */
static pid_t
stats_vcpu_thread(pid_t pid, unsigned int n)
{
    _cleanup_free_ char *dir = xasprintf("/proc/%d/task", (int)pid);
    char want[32];
    DIR *d = opendir(dir);
    struct dirent *e;
    pid_t found = 0;
    int seen = 0;

    if (!d)
        return 0;
    snprintf(want, sizeof(want), "CPU %u/", n);
    while (!found && seen++ < STATS_MAX_VCPU_THREADS && (e = readdir(d))) {
        _cleanup_free_ char *comm = NULL;
        char name[64];
        FILE *f;

        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        comm = xasprintf("%s/%s/comm", dir, e->d_name);
        if (!(f = fopen(comm, "re")))
            continue;
        if (fgets(name, sizeof(name), f) && strncmp(name, want, strlen(want)) == 0)
            found = (pid_t)atoi(e->d_name);
        fclose(f);
    }
    closedir(d);
    return found;
}

/* Time a thread spent runnable but waiting (ns): schedstat's second field. */
static unsigned long long
stats_thread_delay(pid_t pid, pid_t tid)
{
    _cleanup_free_ char *path = xasprintf("/proc/%d/task/%d/schedstat", (int)pid, (int)tid);
    unsigned long long v = 0;
    FILE *f = fopen(path, "re");

    if (f) {
        if (fscanf(f, "%*u %llu", &v) != 1)
            v = 0;
        fclose(f);
    }
    return v;
}

/* se.wait_sum of /proc/PID/task/TID/sched (ms with a fraction), in ns; 0
 * when the kernel keeps no scheduler statistics. */
static unsigned long long
stats_thread_wait(pid_t pid, pid_t tid)
{
    _cleanup_free_ char *path = xasprintf("/proc/%d/task/%d/sched", (int)pid, (int)tid);
    char line[256];
    double ms = 0;
    FILE *f = fopen(path, "re");

    if (!f)
        return 0;
    while (fgets(line, sizeof(line), f)) {
        char *colon = strchr(line, ':');
        if (colon && (strncmp(line, "se.statistics.wait_sum", 22) == 0 ||
                      strncmp(line, "se.wait_sum", 11) == 0)) {
            ms = strtod(colon + 1, NULL);
            break;
        }
    }
    fclose(f);
    return ms > 0 ? (unsigned long long)(ms * 1000000.0) : 0;
}

/* ---- the groups ---- */

/* What the groups read from the domain, copied under drv->lock so the
 * slow parts run without it. */
typedef struct {
    int state, reason;
    bool active;
    pid_t pid;
    unsigned int vcpus_cur, vcpus_max;
    unsigned long long memory_kib, cur_memory_kib;
    bool balloon;
    size_t nnets;
    size_t ndisks;
    char **disk_dst, **disk_path, **disk_id; /* ndisks each */
} StatsSnap;

static void
stats_snap_take(const QemuDomain *dom, StatsSnap *s)
{
    const DomainDef *def = dom->def->def;

    memset(s, 0, sizeof(*s));
    s->state = dom->state;
    s->reason = dom->reason;
    s->active = dom->id >= 0;
    s->pid = dom->pid;
    s->vcpus_cur = def->vcpus_cur;
    s->vcpus_max = def->vcpus_max;
    s->memory_kib = def->memory_kib;
    s->cur_memory_kib = def->cur_memory_kib;
    s->balloon = def->memballoon_model && STRNEQ(def->memballoon_model, "none");
    s->nnets = def->nnets;
    s->ndisks = def->ndisks;
    s->disk_dst = XNEW_ARRAY(char *, def->ndisks + 1);
    s->disk_path = XNEW_ARRAY(char *, def->ndisks + 1);
    s->disk_id = XNEW_ARRAY(char *, def->ndisks + 1);
    for (size_t i = 0; i < def->ndisks; i++) {
        const DomainDisk *d = def->disks[i];
        s->disk_dst[i] = xstrdup(d->dst);
        s->disk_path[i] = d->source && (!d->type || STREQ(d->type, "file") ||
                                        STREQ(d->type, "block"))
                              ? xstrdup(d->source)
                              : NULL;
        s->disk_id[i] = qemu_disk_device_id(d);
    }
}

static void
stats_snap_clear(StatsSnap *s)
{
    for (size_t i = 0; i < s->ndisks; i++) {
        free(s->disk_dst[i]);
        free(s->disk_path[i]);
        free(s->disk_id[i]);
    }
    free(s->disk_dst);
    free(s->disk_path);
    free(s->disk_id);
}

static void
stats_state(StatsList *l, const StatsSnap *s)
{
    stats_add_int(l, s->state, "state.state");
    stats_add_int(l, s->reason, "state.reason");
}

static void
stats_cpu(StatsList *l, const StatsSnap *s)
{
    unsigned long long ut, st;

    if (!s->active || !stats_proc_times(s->pid, 0, &ut, &st, NULL))
        return;
    stats_add_ull(l, ut + st, "cpu.time");
    stats_add_ull(l, ut, "cpu.user");
    stats_add_ull(l, st, "cpu.system");
}

static void
stats_balloon(StatsList *l, const StatsSnap *s)
{
    unsigned long long ut, st, rss;

    stats_add_ull(l, s->balloon ? s->cur_memory_kib : s->memory_kib, "balloon.current");
    stats_add_ull(l, s->memory_kib, "balloon.maximum");
    if (s->active && stats_proc_times(s->pid, 0, &ut, &st, &rss))
        stats_add_ull(l, rss, "balloon.rss");
}

static void
stats_vcpu(StatsList *l, const StatsSnap *s)
{
    stats_add_uint(l, s->vcpus_cur, "vcpu.current");
    stats_add_uint(l, s->vcpus_max, "vcpu.maximum");
    if (!s->active)
        return;
    for (unsigned int i = 0; i < s->vcpus_cur; i++) {
        pid_t tid = stats_vcpu_thread(s->pid, i);
        unsigned long long ut = 0, st = 0;

        if (!tid || !stats_proc_times(s->pid, tid, &ut, &st, NULL))
            return; /* as libvirtd: no thread ids, no per-vCPU figures */
        stats_add_int(l, VIR_VCPU_RUNNING, "vcpu.%u.state", i);
        stats_add_ull(l, ut + st, "vcpu.%u.time", i);
        stats_add_ull(l, stats_thread_wait(s->pid, tid), "vcpu.%u.wait", i);
        stats_add_ull(l, stats_thread_delay(s->pid, tid), "vcpu.%u.delay", i);
    }
}

/* Only host-side interfaces have counters; user-mode networking has none,
 * so as in libvirtd the count is all a running domain reports here. */
static void
stats_interface(StatsList *l, const StatsSnap *s)
{
    if (s->active)
        stats_add_uint(l, (unsigned int)s->nnets, "net.count");
}

static long long
stats_json_num(const QemuJson *obj, const char *key)
{
    long long v;

    return qemu_json_get_int(obj, key, &v) && v >= 0 ? v : -1;
}

/* The query-blockstats entry of the device with qdev id. */
static const QemuJson *
stats_block_entry(const QemuJson *all, const char *id)
{
    _cleanup_free_ char *prefix = xasprintf("/machine/peripheral/%s/", id);

    for (size_t i = 0; all && all->type == QEMU_JSON_ARRAY && i < all->n; i++) {
        const char *qdev = qemu_json_get_string(all->items[i], "qdev");
        if (qdev && (STREQ(qdev, id) || strncmp(qdev, prefix, strlen(prefix)) == 0))
            return all->items[i];
    }
    return NULL;
}

/* The "image" of the named node in query-named-block-nodes. */
static const QemuJson *
stats_node_image(const QemuJson *nodes, const char *node)
{
    for (size_t i = 0; node && nodes && nodes->type == QEMU_JSON_ARRAY && i < nodes->n; i++) {
        const char *name = qemu_json_get_string(nodes->items[i], "node-name");
        if (name && STREQ(name, node))
            return qemu_json_get(nodes->items[i], "image");
    }
    return NULL;
}

static void
stats_block(StatsList *l, const StatsSnap *s, const QemuJson *all, const QemuJson *nodes)
{
    static const struct {
        const char *qemu, *name;
    } counters[] = {
        { "rd_operations", "rd.reqs" },  { "rd_bytes", "rd.bytes" },
        { "rd_total_time_ns", "rd.times" }, { "wr_operations", "wr.reqs" },
        { "wr_bytes", "wr.bytes" },       { "wr_total_time_ns", "wr.times" },
        { "flush_operations", "fl.reqs" }, { "flush_total_time_ns", "fl.times" },
    };

    stats_add_uint(l, (unsigned int)s->ndisks, "block.count");
    for (size_t i = 0; i < s->ndisks; i++) {
        const QemuJson *entry = s->active ? stats_block_entry(all, s->disk_id[i]) : NULL;
        const QemuJson *st = qemu_json_get(entry, "stats");
        const QemuJson *image = stats_node_image(nodes, qemu_json_get_string(entry, "node-name"));
        long long v, capacity;

        stats_add_string(l, s->disk_dst[i], "block.%zu.name", i);
        if (s->disk_path[i])
            stats_add_string(l, s->disk_path[i], "block.%zu.path", i);
        if (!st)
            continue; /* inactive, or qemu gave nothing: libvirtd stops here too */
        for (size_t c = 0; c < ARRAY_SIZE(counters); c++)
            stats_add_ull(l, (unsigned long long)((v = stats_json_num(st, counters[c].qemu)) < 0
                                                      ? 0 : v),
                          "block.%zu.%s", i, counters[c].name);
        if ((v = stats_json_num(st, "wr_highest_offset")) >= 0)
            stats_add_ull(l, (unsigned long long)v, "block.%zu.allocation", i);
        if ((capacity = stats_json_num(image, "virtual-size")) > 0) {
            stats_add_ull(l, (unsigned long long)capacity, "block.%zu.capacity", i);
            v = stats_json_num(image, "actual-size");
            stats_add_ull(l, (unsigned long long)(v >= 0 ? v : capacity), "block.%zu.physical",
                          i);
        }
    }
}

/* query-blockstats and query-named-block-nodes of a running domain whose
 * job the caller holds. Failures leave NULLs: the figures are skipped,
 * not the record, as libvirtd does. */
static void
stats_block_query(QemuDomain *dom, QemuJson **ret_all, QemuJson **ret_nodes)
{
    *ret_all = *ret_nodes = NULL;
    if (!dom->mon)
        return;
    if (qemu_monitor_command(dom->mon, "query-blockstats", NULL, 0, ret_all) < 0)
        qemu_error_drop(__func__);
    if (qemu_monitor_command(dom->mon, "query-named-block-nodes", "{\"flat\":true}", 0,
                             ret_nodes) < 0)
        qemu_error_drop(__func__);
}

/* The record of one domain. With NOWAIT a domain whose job is busy gets
 * the groups that need no monitor only. */
static virDomainStatsRecordPtr
stats_record(virConnectPtr conn, QemuDriver *drv, QemuDomain *dom, unsigned int stats,
             bool nowait)
{
    virDomainStatsRecordPtr rec = XNEW(virDomainStatsRecord);
    StatsList l = { 0 };
    StatsSnap s;
    QemuJson *all = NULL, *nodes = NULL;
    bool job = false;

    if (stats & STATS_NEED_JOB)
        job = nowait ? pthread_mutex_trylock(&dom->job) == 0
                     : pthread_mutex_lock(&dom->job) == 0;
    pthread_mutex_lock(&drv->lock);
    stats_snap_take(dom, &s);
    rec->dom = handle_domain_new(conn, dom->def->def->name, dom->uuid, dom->id);
    pthread_mutex_unlock(&drv->lock);
    if (job && s.active && (stats & VIR_DOMAIN_STATS_BLOCK))
        stats_block_query(dom, &all, &nodes);
    if (job)
        pthread_mutex_unlock(&dom->job);

    if (stats & VIR_DOMAIN_STATS_STATE)
        stats_state(&l, &s);
    if (stats & VIR_DOMAIN_STATS_CPU_TOTAL)
        stats_cpu(&l, &s);
    if (stats & VIR_DOMAIN_STATS_BALLOON)
        stats_balloon(&l, &s);
    if (stats & VIR_DOMAIN_STATS_VCPU)
        stats_vcpu(&l, &s);
    if (stats & VIR_DOMAIN_STATS_INTERFACE)
        stats_interface(&l, &s);
    if (stats & VIR_DOMAIN_STATS_BLOCK)
        stats_block(&l, &s, all, nodes);
    qemu_json_free(all);
    qemu_json_free(nodes);
    stats_snap_clear(&s);
    rec->params = l.par;
    rec->nparams = (int)l.n;
    return rec;
}

int
qemu_connect_get_all_domain_stats(virConnectPtr conn, virDomainPtr *doms, unsigned int ndoms,
                                  unsigned int stats, virDomainStatsRecordPtr **ret_stats,
                                  unsigned int flags)
{
    QemuDriver *drv = qemu_driver_of(conn);
    QemuDomain **picked;
    virDomainStatsRecordPtr *list;
    size_t n = 0;

    vir_check_flags(flags, STATS_LIST_FLAGS | VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT |
                               VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING |
                               VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS,
                    -1);
    if (!stats) {
        stats = STATS_SUPPORTED;
    } else if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) &&
               (stats & ~STATS_SUPPORTED)) {
        vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED,
                         "Stats types bits 0x%x are not supported by this daemon or QEMU",
                         stats & ~STATS_SUPPORTED);
        return -1;
    }
    stats &= STATS_SUPPORTED;

    /* pick the domains (referenced) under the lock; gather without it */
    pthread_mutex_lock(&drv->lock);
    picked = XNEW_ARRAY(QemuDomain *, (ndoms ? ndoms : drv->ndomains) + 1);
    if (ndoms) {
        /* domains that are gone are skipped, as libvirtd */
        for (unsigned int i = 0; i < ndoms; i++) {
            QemuDomain *dom = qemu_domain_find_uuid(drv, doms[i]->uuid);
            if (dom && qemu_domain_list_matches(dom, flags & STATS_LIST_FLAGS))
                picked[n++] = dom;
            else
                qemu_domain_unref(dom);
        }
    } else {
        for (size_t i = 0; i < drv->ndomains; i++)
            if (qemu_domain_list_matches(drv->domains[i], flags & STATS_LIST_FLAGS))
                picked[n++] = qemu_domain_ref(drv->domains[i]);
    }
    pthread_mutex_unlock(&drv->lock);

    list = XNEW_ARRAY(virDomainStatsRecordPtr, n + 1);
    for (size_t i = 0; i < n; i++) {
        list[i] = stats_record(conn, drv, picked[i], stats,
                               flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT);
        qemu_domain_unref(picked[i]);
    }
    free(picked);
    *ret_stats = list;
    return (int)n;
}
