/*
 * test_vcpu.c: vCPU information in the test driver (virDomainGetVcpus,
 * virDomainGetVcpuPinInfo), as libvirt 9.0's test driver answers.
 *
 * A vCPU runs on the CPUs of its <cputune><vcpupin>, else of <vcpu
 * cpuset=...>, else on every host CPU; the first "current" vCPUs are the
 * online ones. virDomainPinVcpu(Flags) writes live <vcpupin>s, as
 * libvirt's test driver (which has no config-side pinning).
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "drivers/test/test_methods.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

/* Sets the bits of a libvirt cpuset ("0-3,^2,8") in map, ignoring CPUs
 * beyond maplen bytes; a malformed set (parsing refuses those) sets none. */
void
test_vcpu_cpuset_to_map(const char *set, unsigned char *map, int maplen)
{
    for (int pass = 0; pass < 2; pass++) {
        const char *p = set;

        while (*p) {
            bool neg = *p == '^';
            char *end;
            unsigned long lo, hi;

            if (neg)
                p++;
            errno = 0;
            lo = strtoul(p, &end, 10);
            if (end == p || errno)
                return;
            hi = lo;
            p = end;
            if (*p == '-') {
                hi = strtoul(p + 1, &end, 10);
                if (end == p + 1 || errno || hi < lo)
                    return;
                p = end;
            }
            /* the first pass sets, the second clears the exclusions */
            for (unsigned long c = lo; c <= hi && c < (unsigned long)maplen * 8; c++) {
                if (!neg && pass == 0)
                    map[c / 8] |= (unsigned char)(1 << (c % 8));
                else if (neg && pass == 1)
                    map[c / 8] &= (unsigned char)~(1 << (c % 8));
            }
            if (*p == ',')
                p++;
            else if (*p)
                return;
        }
    }
}

/* The cpuset of <cputune><vcpupin vcpu='n'>, or NULL. */
static const char *
test_vcpu_pin_of(const DomainDef *def, int vcpu)
{
    for (size_t i = 0; i < def->nraw_top; i++) {
        const ConfXmlRaw *tune = def->raw_top[i];

        if (strcmp(conf_xml_raw_name(tune), "cputune") != 0)
            continue;
        for (const ConfXmlRaw *pin = conf_xml_raw_child(tune, "vcpupin"); pin;
             pin = conf_xml_raw_next(tune, pin, "vcpupin")) {
            const char *id = conf_xml_raw_attr(pin, "vcpu");
            const char *set = conf_xml_raw_attr(pin, "cpuset");
            char *end;
            long n;

            if (!id || !set)
                continue;
            n = strtol(id, &end, 10);
            if (end != id && !*end && n == vcpu)
                return set;
        }
    }
    return NULL;
}

/* The CPUs vCPU number vcpu of def may run on, as a map of maplen bytes:
 * its <vcpupin>, else <vcpu cpuset>, else every host CPU. */
static void
test_vcpu_map(const TestState *st, const DomainDef *def, int vcpu, unsigned char *map, int maplen)
{
    const virNodeInfo *ni = &st->node_info;
    unsigned long host = (unsigned long)ni->nodes * ni->sockets * ni->cores * ni->threads;
    const char *pin = test_vcpu_pin_of(def, vcpu);

    memset(map, 0, (size_t)maplen);
    if (pin) {
        test_vcpu_cpuset_to_map(pin, map, maplen);
        return;
    }
    if (def->vcpu_cpuset && *def->vcpu_cpuset) {
        test_vcpu_cpuset_to_map(def->vcpu_cpuset, map, maplen);
        return;
    }
    for (unsigned long c = 0; c < host && c < (unsigned long)maplen * 8; c++)
        map[c / 8] |= (unsigned char)(1 << (c % 8));
}

/* The highest CPU in the vCPU's set, as libvirt reports the CPU it runs on. */
static int
test_vcpu_last_cpu(const TestState *st, const DomainDef *def, int vcpu)
{
    const virNodeInfo *ni = &st->node_info;
    int host = (int)(ni->nodes * ni->sockets * ni->cores * ni->threads);
    int bytes = host / 8 + 1;
    unsigned char *map;
    int last = -1;

    if ((def->vcpu_cpuset && *def->vcpu_cpuset) || test_vcpu_pin_of(def, vcpu))
        bytes = 8192; /* cpusets name CPUs up to libvirt's 65535 */
    map = calloc(1, (size_t)bytes);
    if (!map)
        return -1;
    test_vcpu_map(st, def, vcpu, map, bytes);
    for (int c = bytes * 8 - 1; c >= 0; c--) {
        if (map[c / 8] & (1 << (c % 8))) {
            last = c;
            break;
        }
    }
    free(map);
    return last;
}

int
test_domain_get_vcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps,
                      int maplen)
{
    TestState *st;
    TestDomain *obj;
    struct timeval now;
    int ret = -1;

    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!test_domain_active(obj)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "cannot list vcpus for an inactive domain");
        goto out;
    }
    gettimeofday(&now, NULL);
    if (maxinfo > (int)obj->def->vcpus_cur)
        maxinfo = (int)obj->def->vcpus_cur;
    memset(info, 0, sizeof(*info) * (size_t)maxinfo);
    for (int i = 0; i < maxinfo; i++) {
        if (cpumaps)
            test_vcpu_map(st, obj->def, i, cpumaps + (size_t)i * (size_t)maplen, maplen);
        info[i].number = (unsigned int)i;
        info[i].state = VIR_VCPU_RUNNING;
        info[i].cpu = test_vcpu_last_cpu(st, obj->def, i);
        /* a CPU time that grows with the clock, as libvirt's test driver */
        info[i].cpuTime = ((unsigned long long)now.tv_sec * 1000000ULL + (unsigned long long)now.tv_usec) / 10;
    }
    ret = maxinfo;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_vcpu_pin_info(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps, int maplen,
                              unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    int ret = -1;

    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if ((def = test_domain_one_def(obj, flags, NULL))) {
        int i;

        for (i = 0; i < (int)def->vcpus_max && i < ncpumaps; i++)
            test_vcpu_map(st, def, i, cpumaps + (size_t)i * (size_t)maplen, maplen);
        ret = i;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* libvirt's test driver answers a fixed host: 8 CPUs, 0, 2 and 4 online. */
int
test_node_get_cpu_map(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                      unsigned int flags)
{
    (void)conn;
    TEST_CHECK_FLAGS(flags, 0, "testNodeGetCPUMap", -1);
    if (cpumap) {
        *cpumap = calloc(1, 1);
        if (!*cpumap) {
            vir_report_error(VIR_ERR_NO_MEMORY, "%s", "out of memory");
            return -1;
        }
        (*cpumap)[0] = 0x15;
    }
    if (online)
        *online = 3;
    return 8;
}

/* A cpumap as libvirt prints a CPU set: "0-2,5", "" when empty. */
char *
test_vcpu_format_map(const unsigned char *map, int maplen)
{
    VireoBuf buf = VIREO_BUF_INIT;
    int bits = maplen * 8;

    for (int c = 0; c < bits; c++) {
        int end = c;

        if (!(map[c / 8] & (1 << (c % 8))))
            continue;
        while (end + 1 < bits && (map[(end + 1) / 8] & (1 << ((end + 1) % 8))))
            end++;
        if (buf.len)
            buf_add_char(&buf, ',');
        if (end > c)
            buf_addf(&buf, "%d-%d", c, end);
        else
            buf_addf(&buf, "%d", c);
        c = end;
    }
    return buf.len ? buf_steal(&buf) : xstrdup("");
}

int
test_domain_pin_vcpu_flags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap, int maplen,
                           unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    char *set;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testDomainPinVcpuFlags", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!test_domain_active(obj)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "cannot pin vcpus on an inactive domain");
    } else if (vcpu >= obj->def->vcpus_cur) {
        vir_report_error(VIR_ERR_INVALID_ARG, "requested vcpu '%d' is not present in the domain",
                         (int)vcpu);
    } else {
        set = test_vcpu_format_map(cpumap, maplen);
        domain_cputune_set_vcpupin(obj->def, vcpu, set);
        free(set);
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_pin_vcpu(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap, int maplen)
{
    return test_domain_pin_vcpu_flags(dom, vcpu, cpumap, maplen, 0);
}
