/*
 * test_params_numa.c: NUMA memory tuning (virDomainGet/SetNumaParameters,
 * <numatune><memory>) in the test driver, with libvirt's nodeset parsing,
 * placement rules and errors; <memnode>s are kept as they were.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf/xml.h"
#include "drivers/test/test_params.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/macros.h"

/* ---- NUMA (<numatune>) ---- */

/* libvirt's VIR_DOMAIN_CPUMASK_LEN: the most NUMA nodes a nodeset names. */
#define TEST_NODESET_BITS 16384

static const char *const test_numa_modes[] = { "strict", "preferred", "interleave",
                                               "restrictive" };

typedef struct {
    bool specified;
    int mode;
    bool placement_auto;
    char *nodeset; /* formatted, "" when none */
} TestNuma;

static void
test_numa_load(const DomainDef *def, TestNuma *ret)
{
    const ConfXmlRaw *raw = test_params_raw(def, "numatune");
    const ConfXmlRaw *mem = raw ? conf_xml_raw_child(raw, "memory") : NULL;
    const char *mode = mem ? conf_xml_raw_attr(mem, "mode") : NULL;
    const char *set = mem ? conf_xml_raw_attr(mem, "nodeset") : NULL;
    const char *placement = mem ? conf_xml_raw_attr(mem, "placement") : NULL;

    memset(ret, 0, sizeof(*ret));
    ret->specified = mem != NULL;
    for (size_t i = 0; mode && i < ARRAY_SIZE(test_numa_modes); i++)
        if (STREQ(mode, test_numa_modes[i]))
            ret->mode = (int)i;
    ret->placement_auto = !set && placement && STREQ(placement, "auto");
    ret->nodeset = xstrdup(set && !ret->placement_auto ? set : "");
}

/* Parses a nodeset as libvirt's bitmap parser (ranges, ^exclusions, at most
 * TEST_NODESET_BITS nodes) and formats it back in its canonical form;
 * NULL after reporting. *ret_empty tells an all-clear set. */
static char *
test_numa_nodeset_canon(const char *str, bool *ret_empty)
{
    _cleanup_free_ unsigned char *bits = xcalloc(TEST_NODESET_BITS / 8, 1);
    VireoBuf out = VIREO_BUF_INIT;
    const char *cur = str;
    bool any = false;

    while (*cur == ' ' || *cur == '\t' || *cur == '\n')
        cur++;
    if (!*cur)
        goto error;
    while (*cur) {
        bool neg = false;
        long start, last;
        char *end;

        if (*cur == '^') {
            cur++;
            neg = true;
        }
        if (*cur < '0' || *cur > '9')
            goto error;
        errno = 0;
        start = strtol(cur, &end, 10);
        if (errno || start > INT_MAX)
            goto error;
        cur = end;
        while (*cur == ' ')
            cur++;
        last = start;
        if (*cur == '-') {
            if (neg)
                goto error;
            cur++;
            while (*cur == ' ')
                cur++;
            errno = 0;
            last = strtol(cur, &end, 10);
            if (end == cur || errno || last < start || last > INT_MAX)
                goto error;
            cur = end;
            while (*cur == ' ')
                cur++;
        }
        if (last >= TEST_NODESET_BITS)
            goto error;
        for (long b = start; b <= last; b++) {
            if (neg)
                bits[b / 8] &= (unsigned char)~(1u << (b % 8));
            else
                bits[b / 8] |= (unsigned char)(1u << (b % 8));
        }
        if (*cur == ',') {
            cur++;
            while (*cur == ' ')
                cur++;
        } else if (*cur) {
            goto error;
        }
    }
    for (long b = 0; b < TEST_NODESET_BITS; b++) {
        long e = b;

        if (!(bits[b / 8] & (1u << (b % 8))))
            continue;
        while (e + 1 < TEST_NODESET_BITS && (bits[(e + 1) / 8] & (1u << ((e + 1) % 8))))
            e++;
        if (e == b)
            buf_addf(&out, "%s%ld", any ? "," : "", b);
        else
            buf_addf(&out, "%s%ld-%ld", any ? "," : "", b, e);
        any = true;
        b = e;
    }
    *ret_empty = !any;
    return buf_steal(&out);

error:
    vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "Failed to parse bitmap '%s'", str);
    return NULL;
}

/* Writes the <memory> of numatune back, keeping any <memnode>s. */
static int
test_numa_store(DomainDef *def, const TestNuma *numa)
{
    const ConfXmlRaw *old = test_params_raw(def, "numatune");
    VireoBuf buf = VIREO_BUF_INIT;
    _cleanup_free_ char *xml = NULL;

    buf_addf(&buf, "<numatune><memory mode='%s'", test_numa_modes[numa->mode]);
    if (numa->placement_auto) {
        buf_add(&buf, " placement='auto'");
    } else {
        buf_add(&buf, " nodeset='");
        conf_xml_escape(&buf, numa->nodeset);
        buf_add(&buf, "'");
    }
    buf_add(&buf, "/>");
    for (ConfXmlRaw *n = old ? conf_xml_raw_child(old, "memnode") : NULL; n;
         n = conf_xml_raw_next(old, n, "memnode")) {
        _cleanup_free_ char *s = conf_xml_raw_to_string(n);

        buf_add(&buf, s);
    }
    buf_add(&buf, "</numatune>");
    xml = buf_steal(&buf);
    return test_params_raw_store(def, "numatune", xml);
}

int
test_domain_set_numa_parameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_NUMA_MODE, VIR_TYPED_PARAM_INT },
        { VIR_DOMAIN_NUMA_NODESET, VIR_TYPED_PARAM_STRING },
    };
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    TestNuma numa = { 0 };
    _cleanup_free_ char *nodeset = NULL;
    bool live, empty = true;
    int mode = -1;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainSetNumaParameters", -1);
    if (test_params_validate(params, nparams, spec, ARRAY_SIZE(spec)) < 0)
        return -1;
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, &live)))
        goto out;
    for (int i = 0; i < nparams; i++) {
        if (STREQ(params[i].field, VIR_DOMAIN_NUMA_MODE)) {
            mode = params[i].value.i;
            if (mode < 0 || mode >= (int)ARRAY_SIZE(test_numa_modes)) {
                vir_report_error(VIR_ERR_INVALID_ARG, "unsupported numatune mode: '%d'", mode);
                goto out;
            }
        } else if (STREQ(params[i].field, VIR_DOMAIN_NUMA_NODESET)) {
            free(nodeset);
            if (!(nodeset = test_numa_nodeset_canon(params[i].value.s, &empty)))
                goto out;
            if (empty) {
                vir_report_error(VIR_ERR_OPERATION_INVALID, "Invalid nodeset of 'numatune': %s",
                                 params[i].value.s);
                goto out;
            }
        }
    }
    test_numa_load(def, &numa);
    if (live && mode != -1 && numa.specified && numa.mode != mode) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "can't change numatune mode for running domain");
        goto out;
    }
    if (mode == -1 && !nodeset) {
        ret = 0;
        goto out;
    }
    /* libvirt's virDomainNumatuneSet with no placement asked for */
    if (mode != -1)
        numa.mode = mode;
    if (nodeset) {
        free(numa.nodeset);
        numa.nodeset = TAKE_PTR(nodeset);
        numa.placement_auto = false;
    } else if (!numa.specified) {
        bool vcpu_static = !def->vcpu_placement || STREQ(def->vcpu_placement, "static");

        if (vcpu_static) {
            vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                             "nodeset for NUMA memory tuning must be set if 'placement' is "
                             "'static'");
            goto out;
        }
        numa.placement_auto = true;
    }
    numa.specified = true;
    ret = test_numa_store(def, &numa);
out:
    free(numa.nodeset);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_numa_parameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    TestNuma numa;
    int ret = -1;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                         VIR_TYPED_PARAM_STRING_OKAY,
                     "testDomainGetNumaParameters", -1);
    if (*nparams == 0) {
        *nparams = 2;
        return 0;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if ((def = test_domain_one_def(obj, flags, NULL))) {
        test_numa_load(def, &numa);
        test_params_put(params, *nparams, 0, VIR_DOMAIN_NUMA_MODE, VIR_TYPED_PARAM_INT,
                        (unsigned long long)numa.mode, NULL);
        test_params_put(params, *nparams, 1, VIR_DOMAIN_NUMA_NODESET, VIR_TYPED_PARAM_STRING, 0,
                        numa.nodeset);
        free(numa.nodeset);
        if (*nparams > 2)
            *nparams = 2;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}
