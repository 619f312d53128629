/*
 * test_params.c: typed-parameter tuning in the test driver (scheduler,
 * memory and blkio here; NUMA in test_params_numa.c, interface bandwidth in
 * test_params_iface.c), answering as libvirt 9.0's test driver does.
 *
 * The tunables live where dumpxml shows them: <memtune>, <blkiotune> and
 * <numatune> in the definition's verbatim top-level elements, <bandwidth>
 * in the interface. A set reads the element into a small struct, changes
 * it and writes it back in libvirt's format (the element disappears when
 * nothing is left in it). Like libvirt's test driver, each call changes one
 * definition (the live one, or the config with --config), and the
 * scheduler keeps nothing: its only parameter always reads weight=50.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf/xml.h"
#include "drivers/test/test_params.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/macros.h"

/* ---- parameter validation (libvirt's virTypedParamsValidate) ---- */

static const char *const test_params_type_names[] = {
    "unknown", "int", "uint", "llong", "ullong", "double", "boolean", "string",
};

static int
test_params_cmp_field(const void *a, const void *b)
{
    return strcmp(((const virTypedParameter *)a)->field, ((const virTypedParameter *)b)->field);
}

static int
test_params_cmp_spec(const void *a, const void *b)
{
    return strcmp(((const TestParamSpec *)a)->name, ((const TestParamSpec *)b)->name);
}

/* Walks the parameters and the accepted names both sorted, as libvirt
 * does, so the first problem reported is the one libvirt reports. */
int
test_params_validate(const virTypedParameter *params, int nparams, const TestParamSpec *spec,
                     size_t nspec)
{
    virTypedParameter *sorted = xcalloc((size_t)nparams + 1, sizeof(*sorted));
    TestParamSpec *keys = xcalloc(nspec, sizeof(*keys));
    const char *last = NULL;
    int i = 0;
    size_t j = 0;
    int ret = -1;

    memcpy(sorted, params, sizeof(*sorted) * (size_t)nparams);
    memcpy(keys, spec, sizeof(*keys) * nspec);
    qsort(sorted, (size_t)nparams, sizeof(*sorted), test_params_cmp_field);
    qsort(keys, nspec, sizeof(*keys), test_params_cmp_spec);
    while (i < nparams && j < nspec) {
        if (strcmp(sorted[i].field, keys[j].name) != 0) {
            j++;
            continue;
        }
        if (last && strcmp(last, sorted[i].field) == 0) {
            vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                             "parameter '%s' occurs multiple times", sorted[i].field);
            goto out;
        }
        if (sorted[i].type != keys[j].type) {
            int t = sorted[i].type;

            vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                             "invalid type '%s' for parameter '%s', expected '%s'",
                             test_params_type_names[t >= 1 && t <= 7 ? t : 0], sorted[i].field,
                             test_params_type_names[keys[j].type]);
            goto out;
        }
        last = sorted[i].field;
        i++;
    }
    if (j == nspec && i != nparams) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_ARGUMENT_UNSUPPORTED,
                         "parameter '%s' not supported", sorted[i].field);
        goto out;
    }
    ret = 0;
out:
    free(sorted);
    free(keys);
    return ret;
}

/* The parameter called name, or NULL. */
static virTypedParameterPtr
test_params_find(virTypedParameterPtr params, int nparams, const char *name)
{
    for (int i = 0; i < nparams; i++)
        if (STREQ(params[i].field, name))
            return &params[i];
    return NULL;
}

/* Fills slot i of a caller's array when it has room (libvirt's
 * TEST_SET_PARAM: entries beyond *nparams are skipped silently). */
void
test_params_put(virTypedParameterPtr params, int nparams, int i, const char *name, int type,
                unsigned long long v, const char *s)
{
    virTypedParameterPtr p;

    if (i >= nparams)
        return;
    p = &params[i];
    memset(p, 0, sizeof(*p));
    strcpy(p->field, name);
    p->type = type;
    switch (type) {
    case VIR_TYPED_PARAM_INT: p->value.i = (int)v; break;
    case VIR_TYPED_PARAM_UINT: p->value.ui = (unsigned int)v; break;
    case VIR_TYPED_PARAM_ULLONG: p->value.ul = v; break;
    case VIR_TYPED_PARAM_STRING: p->value.s = xstrdup(s); break;
    default: break;
    }
}

/* ---- the verbatim top-level elements ---- */

static ssize_t
test_params_raw_index(const DomainDef *def, const char *name)
{
    for (size_t i = 0; i < def->nraw_top; i++)
        if (STREQ(conf_xml_raw_name(def->raw_top[i]), name))
            return (ssize_t)i;
    return -1;
}

const ConfXmlRaw *
test_params_raw(const DomainDef *def, const char *name)
{
    ssize_t i = test_params_raw_index(def, name);

    return i < 0 ? NULL : def->raw_top[i];
}

/* An element from our own well-formed text; NULL (reported) only if the
 * text does not parse, which would be a bug here. */
ConfXmlRaw *
test_params_raw_parse(const char *xml, const char *name)
{
    xmlDocPtr doc = conf_xml_parse_string(xml, "(tuning)", name, VIR_FROM_TEST);
    ConfXmlRaw *raw;

    if (!doc)
        return NULL;
    raw = conf_xml_raw_new(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return raw;
}

/* Replaces the element called name with xml (a whole element), or removes
 * it when xml is NULL. */
int
test_params_raw_store(DomainDef *def, const char *name, const char *xml)
{
    ssize_t i = test_params_raw_index(def, name);
    ConfXmlRaw *raw = NULL;

    if (xml && !(raw = test_params_raw_parse(xml, name)))
        return -1;
    if (i >= 0) {
        conf_xml_raw_free(def->raw_top[i]);
        if (raw) {
            def->raw_top[i] = raw;
            return 0;
        }
        memmove(&def->raw_top[i], &def->raw_top[i + 1],
                (def->nraw_top - (size_t)i - 1) * sizeof(*def->raw_top));
        def->nraw_top--;
        return 0;
    }
    if (!raw)
        return 0;
    def->raw_top = xreallocarray(def->raw_top, def->nraw_top + 1, sizeof(*def->raw_top));
    def->raw_top[def->nraw_top++] = raw;
    return 0;
}

/* The text of child name of raw as an unsigned number, scaled to units of
 * `unit` bytes when the element carries a unit attribute; dflt if absent. */
static unsigned long long
test_params_raw_number(const ConfXmlRaw *raw, const char *name, unsigned long long unit,
                       unsigned long long dflt)
{
    static const struct {
        const char *suffix;
        unsigned long long bytes;
    } units[] = {
        { "b", 1ULL }, { "bytes", 1ULL }, { "k", 1ULL << 10 }, { "KiB", 1ULL << 10 },
        { "KB", 1000ULL }, { "M", 1ULL << 20 }, { "MiB", 1ULL << 20 }, { "MB", 1000000ULL },
        { "G", 1ULL << 30 }, { "GiB", 1ULL << 30 }, { "GB", 1000000000ULL },
        { "T", 1ULL << 40 }, { "TiB", 1ULL << 40 }, { "TB", 1000000000000ULL },
    };
    const ConfXmlRaw *kid = raw ? conf_xml_raw_child(raw, name) : NULL;
    const char *text = kid ? conf_xml_raw_text(kid) : NULL;
    const char *u = kid ? conf_xml_raw_attr(kid, "unit") : NULL;
    unsigned long long v;
    char *end;

    if (!text)
        return dflt;
    errno = 0;
    v = strtoull(text, &end, 10);
    if (errno || end == text)
        return dflt;
    if (!u || !unit)
        return v;
    for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
        if (strcasecmp(units[i].suffix, u) == 0 && (u[0] != 'b' || units[i].bytes == 1)) {
            unsigned long long bytes = v * units[i].bytes;

            return (bytes + unit - 1) / unit;
        }
    }
    return v;
}

/* ---- scheduler ---- */

char *
test_domain_get_scheduler_type(virDomainPtr dom, int *nparams)
{
    (void)dom;
    if (nparams)
        *nparams = 1;
    return xstrdup("fair");
}

int
test_domain_get_scheduler_parameters_flags(virDomainPtr dom, virTypedParameterPtr params,
                                           int *nparams, unsigned int flags)
{
    TestState *st;

    TEST_CHECK_FLAGS(flags, 0, "testDomainGetSchedulerParametersFlags", -1);
    if (!test_domain_get(dom, &st))
        return -1;
    pthread_mutex_unlock(&st->lock);
    test_params_put(params, 1, 0, VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT, 50, NULL);
    *nparams = 1;
    return 0;
}

int
test_domain_get_scheduler_parameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams)
{
    return test_domain_get_scheduler_parameters_flags(dom, params, nparams, 0);
}

int
test_domain_set_scheduler_parameters_flags(virDomainPtr dom, virTypedParameterPtr params,
                                           int nparams, unsigned int flags)
{
    static const TestParamSpec spec[] = { { VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT } };
    TestState *st;

    TEST_CHECK_FLAGS(flags, 0, "testDomainSetSchedulerParametersFlags", -1);
    if (test_params_validate(params, nparams, spec, ARRAY_SIZE(spec)) < 0)
        return -1;
    if (!test_domain_get(dom, &st))
        return -1;
    /* libvirt's test driver accepts the weight and keeps nothing */
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int
test_domain_set_scheduler_parameters(virDomainPtr dom, virTypedParameterPtr params, int nparams)
{
    return test_domain_set_scheduler_parameters_flags(dom, params, nparams, 0);
}

/* ---- memory (<memtune>, KiB) ---- */

typedef struct {
    unsigned long long hard, soft, min_guarantee, swap;
} TestMemtune;

static void
test_memtune_load(const DomainDef *def, TestMemtune *ret)
{
    const ConfXmlRaw *raw = test_params_raw(def, "memtune");
    const unsigned long long unlimited = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;

    ret->hard = test_params_raw_number(raw, "hard_limit", 1024, unlimited);
    ret->soft = test_params_raw_number(raw, "soft_limit", 1024, unlimited);
    ret->min_guarantee = test_params_raw_number(raw, "min_guarantee", 1024, 0);
    ret->swap = test_params_raw_number(raw, "swap_hard_limit", 1024, unlimited);
}

static int
test_memtune_store(DomainDef *def, const TestMemtune *mt)
{
    const unsigned long long unlimited = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
    VireoBuf buf = VIREO_BUF_INIT;
    int rc;

    if (mt->hard < unlimited)
        buf_addf(&buf, "<hard_limit unit='KiB'>%llu</hard_limit>", mt->hard);
    if (mt->soft < unlimited)
        buf_addf(&buf, "<soft_limit unit='KiB'>%llu</soft_limit>", mt->soft);
    if (mt->min_guarantee)
        buf_addf(&buf, "<min_guarantee unit='KiB'>%llu</min_guarantee>", mt->min_guarantee);
    if (mt->swap < unlimited)
        buf_addf(&buf, "<swap_hard_limit unit='KiB'>%llu</swap_hard_limit>", mt->swap);
    if (buf.len) {
        _cleanup_free_ char *kids = buf_steal(&buf);
        _cleanup_free_ char *xml = xasprintf("<memtune>%s</memtune>", kids);

        rc = test_params_raw_store(def, "memtune", xml);
    } else {
        rc = test_params_raw_store(def, "memtune", NULL);
    }
    return rc;
}

int
test_domain_set_memory_parameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                  unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG },
    };
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    TestMemtune mt, live;
    virTypedParameterPtr hard, soft, swap;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainSetMemoryParameters", -1);
    if (test_params_validate(params, nparams, spec, ARRAY_SIZE(spec)) < 0)
        return -1;
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)))
        goto out;
    hard = test_params_find(params, nparams, VIR_DOMAIN_MEMORY_HARD_LIMIT);
    soft = test_params_find(params, nparams, VIR_DOMAIN_MEMORY_SOFT_LIMIT);
    swap = test_params_find(params, nparams, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT);
    test_memtune_load(def, &mt);
    /* the limits are compared with the running definition's, as libvirt */
    test_memtune_load(obj->def, &live);
    if ((hard || swap) &&
        (hard ? hard->value.ul : live.hard) > (swap ? swap->value.ul : live.swap)) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s",
                         "memory hard_limit tunable value must be lower than or equal to "
                         "swap_hard_limit");
        goto out;
    }
    if (soft)
        mt.soft = soft->value.ul;
    if (hard)
        mt.hard = hard->value.ul;
    if (swap)
        mt.swap = swap->value.ul;
    ret = test_memtune_store(def, &mt);
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_memory_parameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                  unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    TestMemtune mt;
    int ret = -1;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                         VIR_TYPED_PARAM_STRING_OKAY,
                     "testDomainGetMemoryParameters", -1);
    if (*nparams == 0) {
        *nparams = 3;
        return 0;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if ((def = test_domain_one_def(obj, flags, NULL))) {
        test_memtune_load(def, &mt);
        test_params_put(params, *nparams, 0, VIR_DOMAIN_MEMORY_HARD_LIMIT,
                        VIR_TYPED_PARAM_ULLONG, mt.hard, NULL);
        test_params_put(params, *nparams, 1, VIR_DOMAIN_MEMORY_SOFT_LIMIT,
                        VIR_TYPED_PARAM_ULLONG, mt.soft, NULL);
        test_params_put(params, *nparams, 2, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT,
                        VIR_TYPED_PARAM_ULLONG, mt.swap, NULL);
        if (*nparams > 3)
            *nparams = 3;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* ---- blkio (<blkiotune>) ---- */

typedef struct {
    char *path;
    unsigned long long v[5]; /* weight, read/write iops, read/write bytes per second */
} TestBlkioDev;

typedef struct {
    unsigned int weight;
    TestBlkioDev *devs;
    size_t ndevs;
} TestBlkio;

/* The five per-device settings: parameter, element, and whether the value
 * is 32-bit (iops, weight) or 64-bit (bytes). */
static const struct {
    const char *param;
    const char *elem;
    bool wide;
} test_blkio_kinds[] = {
    { VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, "weight", false },
    { VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS, "read_iops_sec", false },
    { VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, "write_iops_sec", false },
    { VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, "read_bytes_sec", true },
    { VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS, "write_bytes_sec", true },
};

static void
test_blkio_clear(TestBlkio *b)
{
    for (size_t i = 0; i < b->ndevs; i++)
        free(b->devs[i].path);
    free(b->devs);
    memset(b, 0, sizeof(*b));
}

static void
test_blkio_load(const DomainDef *def, TestBlkio *ret)
{
    const ConfXmlRaw *raw = test_params_raw(def, "blkiotune");

    memset(ret, 0, sizeof(*ret));
    if (!raw)
        return;
    ret->weight = (unsigned int)test_params_raw_number(raw, "weight", 0, 0);
    for (ConfXmlRaw *dev = conf_xml_raw_child(raw, "device"); dev;
         dev = conf_xml_raw_next(raw, dev, "device")) {
        const ConfXmlRaw *path = conf_xml_raw_child(dev, "path");
        TestBlkioDev *d;

        if (!path || !conf_xml_raw_text(path))
            continue;
        ret->devs = xreallocarray(ret->devs, ret->ndevs + 1, sizeof(*ret->devs));
        d = &ret->devs[ret->ndevs++];
        memset(d, 0, sizeof(*d));
        d->path = xstrdup(conf_xml_raw_text(path));
        for (size_t k = 0; k < ARRAY_SIZE(test_blkio_kinds); k++)
            d->v[k] = test_params_raw_number(dev, test_blkio_kinds[k].elem, 0, 0);
    }
}

static int
test_blkio_store(DomainDef *def, const TestBlkio *b)
{
    VireoBuf buf = VIREO_BUF_INIT;
    int rc;

    if (b->weight)
        buf_addf(&buf, "<weight>%u</weight>", b->weight);
    for (size_t i = 0; i < b->ndevs; i++) {
        const TestBlkioDev *d = &b->devs[i];
        bool any = false;

        for (size_t k = 0; k < ARRAY_SIZE(test_blkio_kinds); k++)
            any |= d->v[k] != 0;
        if (!any)
            continue;
        buf_add(&buf, "<device><path>");
        conf_xml_escape(&buf, d->path);
        buf_add(&buf, "</path>");
        for (size_t k = 0; k < ARRAY_SIZE(test_blkio_kinds); k++)
            if (d->v[k])
                buf_addf(&buf, "<%s>%llu</%s>", test_blkio_kinds[k].elem, d->v[k],
                         test_blkio_kinds[k].elem);
        buf_add(&buf, "</device>");
    }
    if (buf.len) {
        _cleanup_free_ char *kids = buf_steal(&buf);
        _cleanup_free_ char *xml = xasprintf("<blkiotune>%s</blkiotune>", kids);

        rc = test_params_raw_store(def, "blkiotune", xml);
    } else {
        rc = test_params_raw_store(def, "blkiotune", NULL);
    }
    return rc;
}

/* Parses "path,value[,path,value...]" for setting kind into *ret (libvirt's
 * virDomainDriverParseBlkioDeviceStr, texts included). Reports. */
static int
test_blkio_parse(const char *str, size_t kind, TestBlkioDev **ret, size_t *ret_n)
{
    const char *type = test_blkio_kinds[kind].param;
    TestBlkioDev *out = NULL;
    size_t n = 0, commas = 0;
    const char *p, *val;

    *ret = NULL;
    *ret_n = 0;
    if (!*str)
        return 0;
    for (p = str; (p = strchr(p, ',')); p++)
        commas++;
    if (!(commas & 1))
        goto parse_error;
    out = xcalloc(commas / 2 + 1, sizeof(*out));
    p = str;
    for (;;) {
        const char *comma = strchr(p, ',');
        unsigned long long v;
        char *end;

        if (!comma)
            goto parse_error;
        out[n].path = xstrndup(p, (size_t)(comma - p));
        val = comma + 1;
        /* positive decimal only, as libvirt's virStrToLong_uip/ullp */
        errno = 0;
        v = strtoull(val, &end, 10);
        if (errno || end == val || strchr(" \t-+", *val) ||
            (!test_blkio_kinds[kind].wide && v > UINT_MAX))
            goto number_error;
        out[n++].v[kind] = v;
        if (!*end)
            break;
        if (*end != ',')
            goto parse_error;
        p = end + 1;
    }
    *ret = out;
    *ret_n = n;
    return 0;

parse_error:
    /* the parser is libvirt's hypervisor code: its errors are VIR_FROM_DOMAIN */
    vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "unable to parse blkio device '%s' '%s'",
                     type, str);
    goto fail;
number_error:
    vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                     "invalid value '%s' for parameter '%s' of device '%s'", val, type,
                     out[n].path);
    n++;
fail:
    for (size_t i = 0; i < n; i++)
        free(out[i].path);
    free(out);
    return -1;
}

/* libvirt's merge: known paths take the new value (0 included), new paths
 * are added unless the value is 0. */
static void
test_blkio_merge(TestBlkio *b, TestBlkioDev *src, size_t nsrc, size_t kind)
{
    for (size_t i = 0; i < nsrc; i++) {
        size_t j;

        for (j = 0; j < b->ndevs; j++)
            if (STREQ(b->devs[j].path, src[i].path))
                break;
        if (j < b->ndevs) {
            b->devs[j].v[kind] = src[i].v[kind];
            continue;
        }
        if (!src[i].v[kind])
            continue;
        b->devs = xreallocarray(b->devs, b->ndevs + 1, sizeof(*b->devs));
        memset(&b->devs[b->ndevs], 0, sizeof(*b->devs));
        b->devs[b->ndevs].path = xstrdup(src[i].path);
        b->devs[b->ndevs++].v[kind] = src[i].v[kind];
    }
}

int
test_domain_set_blkio_parameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                 unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BLKIO_DEVICE_WEIGHT, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_READ_BPS, VIR_TYPED_PARAM_STRING },
        { VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS, VIR_TYPED_PARAM_STRING },
    };
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    TestBlkio b;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainSetBlkioParameters", -1);
    if (test_params_validate(params, nparams, spec, ARRAY_SIZE(spec)) < 0)
        return -1;
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)))
        goto out;
    test_blkio_load(def, &b);
    ret = 0;
    /* as libvirt: a bad entry fails the call but the others still apply */
    for (int i = 0; i < nparams; i++) {
        if (STREQ(params[i].field, VIR_DOMAIN_BLKIO_WEIGHT)) {
            b.weight = params[i].value.ui;
            continue;
        }
        for (size_t k = 0; k < ARRAY_SIZE(test_blkio_kinds); k++) {
            TestBlkioDev *devs;
            size_t ndevs;

            if (STRNEQ(params[i].field, test_blkio_kinds[k].param))
                continue;
            if (test_blkio_parse(params[i].value.s, k, &devs, &ndevs) < 0) {
                ret = -1;
                break;
            }
            test_blkio_merge(&b, devs, ndevs, k);
            for (size_t d = 0; d < ndevs; d++)
                free(devs[d].path);
            free(devs);
        }
    }
    if (test_blkio_store(def, &b) < 0)
        ret = -1;
    test_blkio_clear(&b);
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_blkio_parameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    TestBlkio b;
    int max = 6;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                         VIR_TYPED_PARAM_STRING_OKAY,
                     "testDomainGetBlkioParameters", -1);
    if (*nparams == 0) {
        *nparams = 6;
        return 0;
    }
    if (*nparams < max)
        max = *nparams;
    *nparams = 0;
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL))) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    test_blkio_load(def, &b);
    pthread_mutex_unlock(&st->lock);
    test_params_put(params, max, (*nparams)++, VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT,
                    b.weight, NULL);
    for (size_t k = 0; k < ARRAY_SIZE(test_blkio_kinds) && *nparams < max; k++) {
        VireoBuf list = VIREO_BUF_INIT;
        _cleanup_free_ char *text = NULL;

        for (size_t i = 0; i < b.ndevs; i++)
            if (b.devs[i].v[k])
                buf_addf(&list, "%s%s,%llu", list.len ? "," : "", b.devs[i].path,
                         b.devs[i].v[k]);
        text = buf_steal(&list);
        test_params_put(params, max, (*nparams)++, test_blkio_kinds[k].param,
                        VIR_TYPED_PARAM_STRING, 0, text);
    }
    test_blkio_clear(&b);
    return 0;
}
