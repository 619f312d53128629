/*
 * test_params_disk.c: block device throttling (<disk><iotune>) and perf
 * event switches (<perf>) in the test driver, as libvirt 9.0's test driver
 * keeps them: in the one definition the flags select, printed by dumpxml,
 * with libvirt's checks of the throttling values.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf/xml.h"
#include "drivers/test/test_params.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/macros.h"

/* libvirt's test driver's ceiling for any throttling value. */
#define TEST_IOTUNE_MAX 1000000000000000ULL

/* The numeric settings in libvirt's print order (group_name sits between
 * size_iops_sec and the *_max_length ones); query lists them in the order
 * virDomainGetBlockIoTune reports them. */
enum { TEST_IOTUNE_NUMBERS = 19 };
static const char *const test_iotune_names[TEST_IOTUNE_NUMBERS] = {
    "total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "total_iops_sec", "read_iops_sec",
    "write_iops_sec", "total_bytes_sec_max", "read_bytes_sec_max", "write_bytes_sec_max",
    "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max", "size_iops_sec",
    "total_bytes_sec_max_length", "read_bytes_sec_max_length", "write_bytes_sec_max_length",
    "total_iops_sec_max_length", "read_iops_sec_max_length", "write_iops_sec_max_length",
};
#define TEST_IOTUNE_GROUP_AFTER 12 /* group_name prints after size_iops_sec */

typedef struct {
    unsigned long long v[TEST_IOTUNE_NUMBERS];
    char *group;
} TestIotune;

static void
test_iotune_load(const DomainDisk *disk, TestIotune *ret)
{
    memset(ret, 0, sizeof(*ret));
    if (!disk->iotune)
        return;
    for (size_t i = 0; i < TEST_IOTUNE_NUMBERS; i++) {
        const ConfXmlRaw *kid = conf_xml_raw_child(disk->iotune, test_iotune_names[i]);
        const char *text = kid ? conf_xml_raw_text(kid) : NULL;

        ret->v[i] = text ? strtoull(text, NULL, 10) : 0;
    }
    {
        const ConfXmlRaw *g = conf_xml_raw_child(disk->iotune, "group_name");

        if (g && conf_xml_raw_text(g))
            ret->group = xstrdup(conf_xml_raw_text(g));
    }
}

static int
test_iotune_store(DomainDisk *disk, const TestIotune *t)
{
    VireoBuf buf = VIREO_BUF_INIT;
    _cleanup_free_ char *xml = NULL;
    bool any = false;
    ConfXmlRaw *raw = NULL;

    buf_add(&buf, "<iotune>");
    for (size_t i = 0; i < TEST_IOTUNE_NUMBERS; i++) {
        if (t->v[i]) {
            buf_addf(&buf, "<%s>%llu</%s>", test_iotune_names[i], t->v[i], test_iotune_names[i]);
            any = true;
        }
        if (i == TEST_IOTUNE_GROUP_AFTER && t->group) {
            buf_add(&buf, "<group_name>");
            conf_xml_escape(&buf, t->group);
            buf_add(&buf, "</group_name>");
            any = true;
        }
    }
    buf_add(&buf, "</iotune>");
    xml = buf_steal(&buf);
    if (any && !(raw = test_params_raw_parse(xml, "iotune")))
        return -1;
    conf_xml_raw_free(disk->iotune);
    disk->iotune = raw;
    return 0;
}

/* libvirt's virDomainDiskByName: the target name, else an unambiguous
 * source path. */
static DomainDisk *
test_iotune_disk(DomainDef *def, const char *name)
{
    DomainDisk *by_path = NULL;
    size_t npath = 0;

    for (size_t i = 0; i < def->ndisks; i++) {
        DomainDisk *d = def->disks[i];

        if (STREQ(d->dst, name))
            return d;
        if (d->source && STREQ(d->source, name)) {
            by_path = d;
            npath++;
        }
    }
    return npath == 1 ? by_path : NULL;
}

int
test_domain_set_block_io_tune(virDomainPtr dom, const char *disk, virTypedParameterPtr params,
                              int nparams, unsigned int flags)
{
    TestParamSpec spec[TEST_IOTUNE_NUMBERS + 1];
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    DomainDisk *d;
    TestIotune t = { 0 };
    int ret = -1;

    for (size_t i = 0; i < TEST_IOTUNE_NUMBERS; i++)
        spec[i] = (TestParamSpec){ test_iotune_names[i], VIR_TYPED_PARAM_ULLONG };
    spec[TEST_IOTUNE_NUMBERS] = (TestParamSpec){ "group_name", VIR_TYPED_PARAM_STRING };
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainSetBlockIoTune", -1);
    if (test_params_validate(params, nparams, spec, ARRAY_SIZE(spec)) < 0)
        return -1;
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)))
        goto out;
    if (!(d = test_iotune_disk(def, disk))) {
        vir_report_error(VIR_ERR_INVALID_ARG, "missing persistent configuration for disk '%s'",
                         disk);
        goto out;
    }
    test_iotune_load(d, &t);
    for (int i = 0; i < nparams; i++) {
        if (STREQ(params[i].field, "group_name")) {
            free(t.group);
            t.group = xstrdup(params[i].value.s);
            continue;
        }
        if (params[i].value.ul > TEST_IOTUNE_MAX) {
            vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED,
                             "block I/O throttle limit value must be no more than %llu",
                             TEST_IOTUNE_MAX);
            goto out;
        }
        for (size_t k = 0; k < TEST_IOTUNE_NUMBERS; k++)
            if (STREQ(params[i].field, test_iotune_names[k]))
                t.v[k] = params[i].value.ul;
    }
    /* total and read/write exclude each other; a rate may not pass its max */
    for (size_t base = 0; base < 12; base += 3) {
        static const char *const what[] = { "bytes_sec", "iops_sec", "bytes_sec_max",
                                            "iops_sec_max" };

        if (t.v[base] && (t.v[base + 1] || t.v[base + 2])) {
            vir_report_error(VIR_ERR_INVALID_ARG,
                             "total and read/write of %s cannot be set at the same time",
                             what[base / 3]);
            goto out;
        }
    }
    for (size_t k = 0; k < 6; k++) {
        if (t.v[k] > t.v[k + 6]) {
            vir_report_error(VIR_ERR_INVALID_ARG, "%s cannot be set higher than %s ",
                             test_iotune_names[k], test_iotune_names[k + 6]);
            goto out;
        }
    }
    ret = test_iotune_store(d, &t);
out:
    free(t.group);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_block_io_tune(virDomainPtr dom, const char *disk, virTypedParameterPtr params,
                              int *nparams, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    DomainDisk *d;
    TestIotune t;
    int slot = 0;
    int ret = -1;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                         VIR_TYPED_PARAM_STRING_OKAY,
                     "testDomainGetBlockIoTune", -1);
    flags &= ~VIR_TYPED_PARAM_STRING_OKAY;
    if (*nparams == 0) {
        *nparams = TEST_IOTUNE_NUMBERS + 1;
        return 0;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)))
        goto out;
    if (!(d = test_iotune_disk(def, disk))) {
        vir_report_error(VIR_ERR_INVALID_ARG, "disk '%s' was not found in the domain config",
                         disk);
        goto out;
    }
    test_iotune_load(d, &t);
    for (size_t k = 0; k < TEST_IOTUNE_NUMBERS; k++) {
        test_params_put(params, *nparams, slot++, test_iotune_names[k], VIR_TYPED_PARAM_ULLONG,
                        t.v[k], NULL);
        if (k == TEST_IOTUNE_GROUP_AFTER)
            test_params_put(params, *nparams, slot++, "group_name", VIR_TYPED_PARAM_STRING, 0,
                            t.group ? t.group : "");
    }
    free(t.group);
    if (*nparams > TEST_IOTUNE_NUMBERS + 1)
        *nparams = TEST_IOTUNE_NUMBERS + 1;
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* ---- perf events ---- */

static const char *const test_perf_events[] = {
    "cmt", "mbmt", "mbml", "cpu_cycles", "instructions", "cache_references", "cache_misses",
    "branch_instructions", "branch_misses", "bus_cycles", "stalled_cycles_frontend",
    "stalled_cycles_backend", "ref_cpu_cycles", "cpu_clock", "task_clock", "page_faults",
    "context_switches", "cpu_migrations", "page_faults_min", "page_faults_maj",
    "alignment_faults", "emulation_faults",
};
#define TEST_PERF_N ARRAY_SIZE(test_perf_events)

/* Each event's state: 0 unset, 1 enabled, -1 disabled. */
static void
test_perf_load(const DomainDef *def, int *state)
{
    const ConfXmlRaw *perf = test_params_raw(def, "perf");

    memset(state, 0, sizeof(int) * TEST_PERF_N);
    for (ConfXmlRaw *ev = perf ? conf_xml_raw_child(perf, "event") : NULL; ev;
         ev = conf_xml_raw_next(perf, ev, "event")) {
        const char *name = conf_xml_raw_attr(ev, "name");
        const char *on = conf_xml_raw_attr(ev, "enabled");

        for (size_t i = 0; name && i < TEST_PERF_N; i++)
            if (STREQ(name, test_perf_events[i]))
                state[i] = on && STREQ(on, "yes") ? 1 : -1;
    }
}

int
test_domain_set_perf_events(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                            unsigned int flags)
{
    TestParamSpec spec[TEST_PERF_N];
    int state[TEST_PERF_N];
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    VireoBuf buf = VIREO_BUF_INIT;
    _cleanup_free_ char *xml = NULL;
    bool any = false;
    int ret = -1;

    for (size_t i = 0; i < TEST_PERF_N; i++)
        spec[i] = (TestParamSpec){ test_perf_events[i], VIR_TYPED_PARAM_BOOLEAN };
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainSetPerfEvents", -1);
    if (test_params_validate(params, nparams, spec, TEST_PERF_N) < 0)
        return -1;
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)))
        goto out;
    test_perf_load(def, state);
    for (int p = 0; p < nparams; p++)
        for (size_t i = 0; i < TEST_PERF_N; i++)
            if (STREQ(params[p].field, test_perf_events[i]))
                state[i] = params[p].value.b ? 1 : -1;
    buf_add(&buf, "<perf>");
    for (size_t i = 0; i < TEST_PERF_N; i++) {
        if (!state[i])
            continue;
        buf_addf(&buf, "<event name='%s' enabled='%s'/>", test_perf_events[i],
                 state[i] > 0 ? "yes" : "no");
        any = true;
    }
    buf_add(&buf, "</perf>");
    xml = buf_steal(&buf);
    ret = test_params_raw_store(def, "perf", any ? xml : NULL);
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_perf_events(virDomainPtr dom, virTypedParameterPtr *params, int *nparams,
                            unsigned int flags)
{
    int state[TEST_PERF_N];
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    virTypedParameterPtr out;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                         VIR_TYPED_PARAM_STRING_OKAY,
                     "testDomainGetPerfEvents", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL))) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    test_perf_load(def, state);
    pthread_mutex_unlock(&st->lock);
    out = xcalloc(TEST_PERF_N, sizeof(*out));
    for (size_t i = 0; i < TEST_PERF_N; i++) {
        strcpy(out[i].field, test_perf_events[i]);
        out[i].type = VIR_TYPED_PARAM_BOOLEAN;
        out[i].value.b = state[i] > 0;
    }
    *params = out;
    *nparams = (int)TEST_PERF_N;
    return 0;
}
