/*
 * test_params.c: typed-parameter tuning in the test driver (scheduler,
 * memory, blkio, NUMA and interface bandwidth), answering as libvirt 9.0's
 * test driver does.
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

/* ---- interface bandwidth (<interface><bandwidth>) ---- */

typedef struct {
    bool set;                  /* the direction exists (average or floor given) */
    unsigned long long average, peak, floor, burst;
} TestRate;

static void
test_rate_load(const ConfXmlRaw *bw, const char *dir, TestRate *ret)
{
    const ConfXmlRaw *r = bw ? conf_xml_raw_child(bw, dir) : NULL;
    const char *names[] = { "average", "peak", "floor", "burst" };
    unsigned long long *vals[] = { &ret->average, &ret->peak, &ret->floor, &ret->burst };

    memset(ret, 0, sizeof(*ret));
    if (!r)
        return;
    ret->set = true;
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        const char *v = conf_xml_raw_attr(r, names[i]);

        *vals[i] = v ? strtoull(v, NULL, 10) : 0;
    }
}

static void
test_rate_format(VireoBuf *buf, const char *dir, const TestRate *r)
{
    if (!r->set || (!r->average && !r->floor))
        return;
    buf_addf(buf, "<%s", dir);
    if (r->average)
        buf_addf(buf, " average='%llu'", r->average);
    if (r->peak)
        buf_addf(buf, " peak='%llu'", r->peak);
    if (r->floor)
        buf_addf(buf, " floor='%llu'", r->floor);
    if (r->burst)
        buf_addf(buf, " burst='%llu'", r->burst);
    buf_add(buf, "/>");
}

/* The interface device names: its MAC address or its target device. */
static DomainNet *
test_params_net_find(DomainDef *def, const char *device)
{
    unsigned int m[6];
    unsigned char mac[6];
    char tail;
    bool is_mac = sscanf(device, "%2x:%2x:%2x:%2x:%2x:%2x%c", &m[0], &m[1], &m[2], &m[3], &m[4],
                         &m[5], &tail) == 6;

    for (int i = 0; i < 6; i++)
        mac[i] = (unsigned char)m[i];
    for (size_t i = 0; i < def->nnets; i++) {
        DomainNet *n = def->nets[i];

        if (is_mac ? memcmp(n->mac, mac, 6) == 0 : (n->ifname && STREQ(n->ifname, device)))
            return n;
    }
    vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "'%s' is not a known interface",
                     device);
    return NULL;
}

int
test_domain_set_interface_parameters(virDomainPtr dom, const char *device,
                                     virTypedParameterPtr params, int nparams,
                                     unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_IN_PEAK, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_IN_BURST, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_IN_FLOOR, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_OUT_PEAK, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_BANDWIDTH_OUT_BURST, VIR_TYPED_PARAM_UINT },
    };
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    DomainNet *net;
    TestRate in = { .set = true }, out = { .set = true }, old_in, old_out;
    bool in_given = false, out_given = false;
    VireoBuf buf = VIREO_BUF_INIT;
    _cleanup_free_ char *xml = NULL;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainSetInterfaceParameters", -1);
    if (test_params_validate(params, nparams, spec, ARRAY_SIZE(spec)) < 0)
        return -1;
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)) || !(net = test_params_net_find(def, device)))
        goto done;
    for (int i = 0; i < nparams; i++) {
        const char *f = params[i].field;
        unsigned int v = params[i].value.ui;

        if (STREQ(f, VIR_DOMAIN_BANDWIDTH_IN_AVERAGE))
            in.average = v, in_given = true;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_IN_PEAK))
            in.peak = v;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_IN_BURST))
            in.burst = v;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_IN_FLOOR))
            in.floor = v, in_given = true;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE))
            out.average = v, out_given = true;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_OUT_PEAK))
            out.peak = v;
        else if (STREQ(f, VIR_DOMAIN_BANDWIDTH_OUT_BURST))
            out.burst = v;
    }
    /* a direction needs its average (or, inbound, its floor) */
    in.set = in.average || in.floor;
    out.set = out.average != 0;
    if (net->bandwidth) {
        /* an existing direction stays unless replaced or explicitly zeroed */
        test_rate_load(net->bandwidth, "inbound", &old_in);
        test_rate_load(net->bandwidth, "outbound", &old_out);
        if (!in.set && !in_given)
            in = old_in;
        if (!out.set && !out_given)
            out = old_out;
    }
    buf_add(&buf, "<bandwidth>");
    test_rate_format(&buf, "inbound", &in);
    test_rate_format(&buf, "outbound", &out);
    buf_add(&buf, "</bandwidth>");
    xml = buf_steal(&buf);
    {
        ConfXmlRaw *raw = test_params_raw_parse(xml, "bandwidth");

        if (!raw)
            goto done;
        conf_xml_raw_free(net->bandwidth);
        net->bandwidth = raw;
    }
    ret = 0;
done:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_interface_parameters(virDomainPtr dom, const char *device,
                                     virTypedParameterPtr params, int *nparams,
                                     unsigned int flags)
{
    static const char *const names[] = {
        VIR_DOMAIN_BANDWIDTH_IN_AVERAGE, VIR_DOMAIN_BANDWIDTH_IN_PEAK,
        VIR_DOMAIN_BANDWIDTH_IN_BURST, VIR_DOMAIN_BANDWIDTH_IN_FLOOR,
        VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE, VIR_DOMAIN_BANDWIDTH_OUT_PEAK,
        VIR_DOMAIN_BANDWIDTH_OUT_BURST,
    };
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    DomainNet *net;
    TestRate in, out;
    int ret = -1;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                         VIR_TYPED_PARAM_STRING_OKAY,
                     "testDomainGetInterfaceParameters", -1);
    if (*nparams == 0) {
        *nparams = 7;
        return 0;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if ((def = test_domain_one_def(obj, flags, NULL)) && (net = test_params_net_find(def, device))) {
        unsigned long long vals[7];

        test_rate_load(net->bandwidth, "inbound", &in);
        test_rate_load(net->bandwidth, "outbound", &out);
        vals[0] = in.average, vals[1] = in.peak, vals[2] = in.burst, vals[3] = in.floor;
        vals[4] = out.average, vals[5] = out.peak, vals[6] = out.burst;
        for (int i = 0; i < 7; i++)
            test_params_put(params, *nparams, i, names[i], VIR_TYPED_PARAM_UINT, vals[i], NULL);
        if (*nparams > 7)
            *nparams = 7;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}
