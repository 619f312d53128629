/*
 * qemu_memstats.c: virDomainMemoryStats and virDomainSetMemoryStatsPeriod
 * as libvirtd 9.0's QEMU driver answers them.
 *
 * The balloon device is created with id "balloon0", so its QOM object is
 * /machine/peripheral/balloon0: "guest-stats" there holds what the
 * guest's balloon driver last reported (every "guest-stats-polling-
 * interval" seconds, 0: never), values qemu never received being -1.
 * The period is kept in the definitions as <memballoon><stats period>.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "drivers/qemu/qemu_query.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

#define QEMU_BALLOON_QOM_PATH "/machine/peripheral/balloon0"

/* qemu's guest-stats members, libvirt's tags and the divisor to KiB (or
 * 1 for counts), in the order libvirt reports them. */
static const struct {
    const char *member;
    bool in_stats; /* under "stats" (else at the top of guest-stats) */
    int tag;
    unsigned long long divisor;
} memstats_guest_fields[] = {
    { "stat-swap-in", true, VIR_DOMAIN_MEMORY_STAT_SWAP_IN, 1024 },
    { "stat-swap-out", true, VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, 1024 },
    { "stat-major-faults", true, VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 1 },
    { "stat-minor-faults", true, VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 1 },
    { "stat-free-memory", true, VIR_DOMAIN_MEMORY_STAT_UNUSED, 1024 },
    { "stat-total-memory", true, VIR_DOMAIN_MEMORY_STAT_AVAILABLE, 1024 },
    { "stat-available-memory", true, VIR_DOMAIN_MEMORY_STAT_USABLE, 1024 },
    { "last-update", false, VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, 1 },
    { "stat-disk-caches", true, VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, 1024 },
    { "stat-htlb-pgalloc", true, VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 1 },
    { "stat-htlb-pgfail", true, VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 1 },
};

/* Resident set size of pid in KiB, from /proc/PID/stat; -1 when unknown. */
static long long
memstats_rss_kib(pid_t pid)
{
    char path[64], buf[1024];
    FILE *f;
    size_t n;
    const char *p;
    long long rss = -1;
    long page = sysconf(_SC_PAGESIZE);

    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    if (!(f = fopen(path, "re")))
        return -1;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* fields after the command name (which may hold spaces): state is
     * field 3, rss field 24 */
    if (!(p = strrchr(buf, ')')))
        return -1;
    p++;
    for (int field = 3; field <= 24 && *p; field++) {
        while (*p == ' ')
            p++;
        if (field == 24) {
            rss = strtoll(p, NULL, 10);
            break;
        }
        while (*p && *p != ' ')
            p++;
    }
    return rss >= 0 && page > 0 ? rss * (page / 1024) : -1;
}

static bool
memstats_has_balloon(const QemuDef *def)
{
    return def->def->memballoon_model && STREQ(def->def->memballoon_model, "virtio");
}

/* Appends what the balloon says: "actual" from query-balloon, then the
 * guest's figures. Like libvirtd, a failing query only shortens the list.
 * Caller holds the job. */
static unsigned int
memstats_balloon(QemuDomain *dom, virDomainMemoryStatPtr stats, unsigned int nr_stats)
{
    _cleanup_(qemu_json_freep) QemuJson *bal = NULL;
    _cleanup_(qemu_json_freep) QemuJson *guest = NULL;
    unsigned int got = 0;
    long long v;

    if (qemu_monitor_command(dom->mon, "query-balloon", NULL, 0, &bal) == 0 &&
        qemu_json_get_int(bal, "actual", &v) && v >= 0 && got < nr_stats) {
        stats[got].tag = VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON;
        stats[got].val = (unsigned long long)v / 1024;
        got++;
    }
    qemu_error_drop(__func__);
    if (qemu_monitor_command(dom->mon, "qom-get",
                             "{\"path\":\"" QEMU_BALLOON_QOM_PATH "\","
                             "\"property\":\"guest-stats\"}",
                             0, &guest) < 0) {
        qemu_error_drop(__func__);
        return got;
    }
    const QemuJson *inner = qemu_json_get(guest, "stats");
    if (!inner)
        return got;
    for (size_t i = 0; i < ARRAY_SIZE(memstats_guest_fields) && got < nr_stats; i++) {
        const QemuJson *obj = memstats_guest_fields[i].in_stats ? inner : guest;
        const QemuJson *val = qemu_json_get(obj, memstats_guest_fields[i].member);
        /* -1 (2^64-1 on the wire: beyond a long long) is "not collected" */
        if (!val || val->type != QEMU_JSON_NUMBER || !val->is_int || val->integer < 0)
            continue;
        stats[got].tag = memstats_guest_fields[i].tag;
        stats[got].val = (unsigned long long)val->integer / memstats_guest_fields[i].divisor;
        got++;
    }
    return got;
}

int
qemu_domain_memory_stats(virDomainPtr handle, virDomainMemoryStatPtr stats,
                         unsigned int nr_stats, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    unsigned int got = 0;
    bool balloon;
    long long rss;
    pid_t pid;

    vir_check_flags(flags, 0, -1);
    if (!(dom = qemu_query_begin(handle, true, &drv)))
        return -1;
    pthread_mutex_lock(&drv->lock);
    balloon = memstats_has_balloon(dom->def);
    pid = dom->pid;
    pthread_mutex_unlock(&drv->lock);
    if (balloon && dom->mon)
        got = memstats_balloon(dom, stats, nr_stats);
    if (got < nr_stats) {
        if ((rss = memstats_rss_kib(pid)) < 0) {
            vir_report_error(VIR_ERR_OPERATION_FAILED, "%s", "cannot get RSS for domain");
        } else {
            stats[got].tag = VIR_DOMAIN_MEMORY_STAT_RSS;
            stats[got].val = (unsigned long long)rss;
            got++;
        }
    }
    qemu_query_end(dom);
    return (int)got;
}

static int
memstats_set_period_edit(QemuDef *def, void *opaque)
{
    if (!memstats_has_balloon(def)) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                         "No memory balloon device configured, can not set the collection "
                         "period");
        return -1;
    }
    def->def->memballoon_period = *(const int *)opaque;
    return 0;
}

int
qemu_domain_set_memory_stats_period(virDomainPtr handle, int period, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    bool live, config, balloon;
    int rc = -1;

    vir_check_flags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(dom = qemu_query_begin(handle, false, &drv)))
        return -1;
    if (qemu_query_affect(drv, dom, flags, &live, &config) < 0)
        goto out;
    if (live) {
        _cleanup_free_ char *args = NULL;

        pthread_mutex_lock(&drv->lock);
        balloon = memstats_has_balloon(dom->def);
        pthread_mutex_unlock(&drv->lock);
        if (!balloon) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                             "No memory balloon device configured, can not set the "
                             "collection period");
            goto out;
        }
        args = xasprintf("{\"path\":\"" QEMU_BALLOON_QOM_PATH "\","
                         "\"property\":\"guest-stats-polling-interval\",\"value\":%d}",
                         period);
        if (period < 0 || !dom->mon ||
            qemu_monitor_command(dom->mon, "qom-set", args, 0, NULL) < 0) {
            qemu_error_drop(__func__);
            vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                             "unable to set balloon driver collection period");
            goto out;
        }
        pthread_mutex_lock(&drv->lock);
        dom->def->def->memballoon_period = period;
        pthread_mutex_unlock(&drv->lock);
        if (qemu_files_save_status(drv, dom) < 0)
            qemu_error_drop(__func__);
    }
    if (config && qemu_query_update_config(drv, dom, memstats_set_period_edit, &period) < 0)
        goto out;
    rc = 0;
out:
    qemu_query_end(dom);
    return rc;
}

void
qemu_memstats_start_period(QemuDriver *drv, QemuDomain *dom)
{
    _cleanup_free_ char *args = NULL;
    int period;

    pthread_mutex_lock(&drv->lock);
    period = memstats_has_balloon(dom->def) ? dom->def->def->memballoon_period : 0;
    pthread_mutex_unlock(&drv->lock);
    if (period <= 0 || !dom->mon)
        return;
    args = xasprintf("{\"path\":\"" QEMU_BALLOON_QOM_PATH "\","
                     "\"property\":\"guest-stats-polling-interval\",\"value\":%d}",
                     period);
    /* as in libvirtd, a balloon that refuses only costs the statistics */
    if (qemu_monitor_command(dom->mon, "qom-set", args, 0, NULL) < 0)
        qemu_error_drop(__func__);
}
