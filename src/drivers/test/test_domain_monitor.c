/*
 * test_domain_monitor.c: the test driver's half of the read-side domain
 * queries (memory statistics and their period, block info, control info,
 * emulator pinning, disk errors), behaving as libvirt 9.0's test driver:
 * fixed figures derived from the configuration, and the control state
 * derived from the guest clock (virDomainSetTime), as libvirt's does.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <stdlib.h>
#include <string.h>

#include "drivers/test/test_guest_host.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

/* The test guest's clock until virDomainSetTime (test_domain_extra.c). */
#define TEST_GUEST_SECONDS 627319920LL

static bool
test_monitor_has_balloon(const DomainDef *def)
{
    return def->memballoon_model && STRNEQ(def->memballoon_model, "none");
}

int
test_domain_memory_stats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                         unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    unsigned long long cur;
    unsigned int n = 0;

    TEST_CHECK_FLAGS(flags, 0, "testDomainMemoryStats", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    cur = obj->def->cur_memory_kib;
    if (test_monitor_has_balloon(obj->def)) {
        /* libvirt's order; the caller's array bounds the count */
        const struct {
            int tag;
            unsigned long long val;
        } table[] = {
            { VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, cur },
            { VIR_DOMAIN_MEMORY_STAT_SWAP_IN, 0 },
            { VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, 0 },
            { VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 0 },
            { VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 0 },
            { VIR_DOMAIN_MEMORY_STAT_UNUSED, cur / 2 },
            { VIR_DOMAIN_MEMORY_STAT_AVAILABLE, cur },
            { VIR_DOMAIN_MEMORY_STAT_USABLE, cur / 2 },
            { VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, TEST_GUEST_SECONDS },
            { VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, cur / 8 },
            { VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 0 },
            { VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 0 },
            { VIR_DOMAIN_MEMORY_STAT_RSS, cur / 2 },
        };

        for (; n < nr_stats && n < ARRAY_SIZE(table); n++) {
            stats[n].tag = table[n].tag;
            stats[n].val = table[n].val;
        }
    }
    pthread_mutex_unlock(&st->lock);
    return (int)n;
}

int
test_domain_set_memory_stats_period(virDomainPtr dom, int period, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainSetMemoryStatsPeriod", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if ((def = test_domain_one_def(obj, flags, NULL))) {
        if (!test_monitor_has_balloon(def)) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                             "No memory balloon device configured, can not set the "
                             "collection period");
        } else {
            def->memballoon_period = period;
            ret = 0;
        }
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* libvirt's virDomainDiskByName: by target name, else by source path. */
static const DomainDisk *
test_monitor_disk_by_name(const DomainDef *def, const char *name)
{
    for (size_t i = 0; i < def->ndisks; i++)
        if (def->disks[i]->dst && STREQ(def->disks[i]->dst, name))
            return def->disks[i];
    for (size_t i = 0; i < def->ndisks; i++)
        if (def->disks[i]->source && STREQ(def->disks[i]->source, name))
            return def->disks[i];
    return NULL;
}

int
test_domain_get_block_info(virDomainPtr dom, const char *disk, virDomainBlockInfoPtr info,
                           unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    const DomainDisk *d;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testDomainGetBlockInfo", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(d = test_monitor_disk_by_name(obj->def, disk))) {
        vir_report_error(VIR_ERR_INVALID_ARG, "invalid path %s not assigned to domain", disk);
    } else if (!d->source && !d->source_raw) {
        vir_report_error(VIR_ERR_INVALID_ARG,
                         "disk '%s' does not currently have a source assigned", disk);
    } else {
        /* libvirt's fixed figures (capacity below allocation, as it has them) */
        info->capacity = 1099506450432ULL;
        info->allocation = 1099511627776ULL;
        info->physical = 1099511627776ULL;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_control_info(virDomainPtr dom, virDomainControlInfoPtr info, unsigned int flags)
{
    static const unsigned int error_reasons[4] = {
        VIR_DOMAIN_CONTROL_ERROR_REASON_NONE, VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN,
        VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR, VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL,
    };
    TestState *st;
    TestDomain *obj;
    long long s;

    TEST_CHECK_FLAGS(flags, 0, "testDomainGetControlInfo", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    /* the guest clock picks the state: (0,10000) a job, [10000,30000)
     * occupied, [30000,60000) an error, anything else fine */
    s = obj->time_set ? obj->guest_seconds : TEST_GUEST_SECONDS;
    memset(info, 0, sizeof(*info));
    if (s > 0 && s < 10000) {
        info->state = VIR_DOMAIN_CONTROL_JOB;
        info->stateTime = (unsigned long long)s;
    } else if (s >= 10000 && s < 30000) {
        info->state = VIR_DOMAIN_CONTROL_OCCUPIED;
        info->stateTime = (unsigned long long)(s - 10000);
    } else if (s >= 30000 && s < 60000) {
        info->state = VIR_DOMAIN_CONTROL_ERROR;
        info->details = error_reasons[s % 4];
        info->stateTime = (unsigned long long)(s - 30000);
    } else {
        info->state = VIR_DOMAIN_CONTROL_OK;
    }
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int
test_domain_get_emulator_pin_info(virDomainPtr dom, unsigned char *cpumaps, int maplen,
                                  unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    const DomainDef *def;
    const virNodeInfo *ni;
    unsigned long host;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainGetEmulatorPinInfo", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL))) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    /* the <emulatorpin>, else the <vcpu cpuset>, else every host CPU */
    memset(cpumaps, 0, (size_t)maplen);
    if (domain_cputune_emulatorpin(def)) {
        test_vcpu_cpuset_to_map(domain_cputune_emulatorpin(def), cpumaps, maplen);
    } else if (def->vcpu_cpuset && *def->vcpu_cpuset) {
        test_vcpu_cpuset_to_map(def->vcpu_cpuset, cpumaps, maplen);
    } else {
        ni = &st->node_info;
        host = (unsigned long)ni->nodes * ni->sockets * ni->cores * ni->threads;
        for (unsigned long c = 0; c < host && c < (unsigned long)maplen * 8; c++)
            cpumaps[c / 8] |= (unsigned char)(1 << (c % 8));
    }
    pthread_mutex_unlock(&st->lock);
    return 1;
}

int
test_domain_get_disk_errors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                            unsigned int maxerrors, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret;

    TEST_CHECK_FLAGS(flags, 0, "testDomainGetDiskErrors", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    if (!errors) {
        ret = (int)obj->def->ndisks;
    } else {
        /* every disk reports an error, alternating libvirt's two codes */
        size_t n = obj->def->ndisks < maxerrors ? obj->def->ndisks : maxerrors;

        for (size_t i = 0; i < n; i++) {
            errors[i].disk = xstrdup(obj->def->disks[i]->dst);
            errors[i].error = (int)(i % 2) + 1;
        }
        ret = (int)n;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_pin_emulator(virDomainPtr dom, unsigned char *cpumap, int maplen, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    char *set;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainPinEmulator", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if ((def = test_domain_one_def(obj, flags, NULL))) {
        set = test_vcpu_format_map(cpumap, maplen);
        if (!*set) {
            vir_report_error(VIR_ERR_INVALID_ARG, "%s", "Empty cpu list for pinning");
        } else {
            domain_cputune_set_emulatorpin(def, set);
            ret = 0;
        }
        free(set);
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}
