/*
 * domain_iothread.c: a domain's IOThreads (<iothreads>, <iothreadids>) and
 * their pins (<cputune><iothreadpin>).
 *
 * The IOThreads are modelled (the IOThread calls add, remove and look them
 * up); their pins stay in the verbatim <cputune>, as the vCPU and emulator
 * pins do, checked and rewritten in libvirt's canonical cpuset form when
 * parsed. libvirt numbers IOThreads a count asks for with the lowest free
 * ids and prints <iothreadids> only when some id was chosen by the user (or
 * an IOThread was added or removed since), which `autofill` records.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conf/domain_conf.h"
#include "conf/xml.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

DomainIOThread *
domain_iothread_find(const DomainDef *def, unsigned int id)
{
    for (size_t i = 0; i < def->niothreads; i++)
        if (def->iothreads[i].id == id)
            return &def->iothreads[i];
    return NULL;
}

static DomainIOThread *
domain_iothread_append(DomainDef *def, unsigned int id, bool autofill)
{
    DomainIOThread *thr;

    def->iothreads = xreallocarray(def->iothreads, def->niothreads + 1, sizeof(*def->iothreads));
    thr = &def->iothreads[def->niothreads++];
    thr->id = id;
    thr->pool_min = thr->pool_max = -1;
    thr->autofill = autofill;
    return thr;
}

/* An optional non-negative int attribute (-1 when absent), as libvirt's
 * VIR_XML_PROP_NONNEGATIVE reads it. Reports. */
static int
domain_iothread_prop_nonneg(xmlNodePtr node, const char *name, int *ret)
{
    int rc = conf_xml_prop_int(node, name, false, ret);

    if (rc < 0)
        return -1;
    if (rc == 0) {
        *ret = -1;
        return 0;
    }
    if (*ret < 0) {
        _cleanup_free_ char *val = conf_xml_prop(node, name);

        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "Invalid value for attribute '%s' in element '%s': '%s'. Expected non-negative value",
                         name, (const char *)node->name, val);
        return -1;
    }
    return 0;
}

static int
domain_iothread_parse_id(DomainDef *def, xmlNodePtr node)
{
    unsigned int id;
    DomainIOThread *thr;
    int pool_min, pool_max;

    if (conf_xml_prop_uint(node, "id", true, &id) < 0)
        return -1;
    if (id == 0) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "Invalid value for attribute '%s' in element '%s': Zero is not permitted",
                         "id", (const char *)node->name);
        return -1;
    }
    if (domain_iothread_prop_nonneg(node, "thread_pool_min", &pool_min) < 0 ||
        domain_iothread_prop_nonneg(node, "thread_pool_max", &pool_max) < 0)
        return -1;
    if (domain_iothread_find(def, id)) {
        vir_report_error(VIR_ERR_XML_ERROR, "duplicate iothread id '%u' found", id);
        return -1;
    }
    thr = domain_iothread_append(def, id, false);
    thr->pool_min = pool_min;
    thr->pool_max = pool_max;
    return 0;
}

int
domain_iothreads_parse(DomainDef *def, xmlNodePtr root)
{
    _cleanup_free_ char *count = conf_xml_child_text(root, "iothreads");
    xmlNodePtr ids = conf_xml_child(root, "iothreadids");
    unsigned long want = 0;
    unsigned int next = 1;
    bool *taken;

    if (count && *count) {
        char *end;

        errno = 0;
        want = strtoul(count, &end, 10);
        if (end == count || *end || errno || strchr(count, '-') || want > 0xffffffffUL) {
            vir_report_error(VIR_ERR_XML_ERROR, "invalid iothreads count '%s'", count);
            return -1;
        }
    }
    for (xmlNodePtr n = conf_xml_child(ids, "iothread"); n; n = conf_xml_next(n, "iothread")) {
        if (def->niothreads >= DOMAIN_IOTHREADS_MAX) {
            vir_report_error(VIR_ERR_XML_ERROR, "too many iothreads (at most %d)",
                             DOMAIN_IOTHREADS_MAX);
            return -1;
        }
        if (domain_iothread_parse_id(def, n) < 0)
            return -1;
    }
    if (want <= def->niothreads)
        return 0;
    /* libvirt would allocate a bitmap of that size: bound it first */
    if (want > DOMAIN_IOTHREADS_MAX) {
        vir_report_error(VIR_ERR_XML_ERROR, "invalid iothreads count '%s'", count);
        return -1;
    }
    /* the lowest ids not listed: only ids up to the count can be among them */
    taken = xcalloc(want + 1, sizeof(*taken));
    for (size_t i = 0; i < def->niothreads; i++)
        if (def->iothreads[i].id <= want)
            taken[def->iothreads[i].id] = true;
    while (def->niothreads < want) {
        while (taken[next])
            next++;
        domain_iothread_append(def, next++, true);
    }
    free(taken);
    return 0;
}

/* Index of the IOThread with this id in def->iothreads, or -1. */
static long
domain_iothread_index(const DomainDef *def, const char *id)
{
    char *end;
    unsigned long n;

    if (!id)
        return -1;
    errno = 0;
    n = strtoul(id, &end, 10);
    if (end == id || *end || errno)
        return -1;
    for (size_t i = 0; i < def->niothreads; i++)
        if (def->iothreads[i].id == n)
            return (long)i;
    return -1;
}

static ConfXmlRaw *
domain_iothread_cputune(const DomainDef *def)
{
    for (size_t i = 0; i < def->nraw_top; i++)
        if (STREQ(conf_xml_raw_name(def->raw_top[i]), "cputune"))
            return def->raw_top[i];
    return NULL;
}

int
domain_iothreads_parse_pins(DomainDef *def, xmlNodePtr root)
{
    xmlNodePtr tune = conf_xml_child(root, "cputune");
    ConfXmlRaw *raw = domain_iothread_cputune(def);
    ConfXmlRaw *pin = NULL;
    bool *pinned;
    int ret = -1;

    if (!tune || !raw)
        return 0;
    pinned = xcalloc(def->niothreads + 1, sizeof(*pinned));
    for (xmlNodePtr n = conf_xml_child(tune, "iothreadpin"); n;
         n = conf_xml_next(n, "iothreadpin")) {
        _cleanup_free_ char *cpuset = NULL;
        _cleanup_free_ char *canon = NULL;
        unsigned int id;
        DomainIOThread *thr;

        pin = pin ? conf_xml_raw_next(raw, pin, "iothreadpin")
                  : conf_xml_raw_child(raw, "iothreadpin");
        if (conf_xml_prop_uint(n, "iothread", true, &id) < 0)
            goto out;
        if (id == 0) {
            vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                             "Invalid value for attribute '%s' in element '%s': Zero is not permitted",
                             "iothread", (const char *)n->name);
            goto out;
        }
        if (!(thr = domain_iothread_find(def, id))) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "Cannot find 'iothread' : %u", id);
            goto out;
        }
        if (!(cpuset = conf_xml_prop(n, "cpuset"))) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "missing cpuset for iothreadpin");
            goto out;
        }
        if (!(canon = domain_cpuset_canonical(cpuset)))
            goto out;
        if (pinned[thr - def->iothreads]) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR,
                             "duplicate iothreadpin for same iothread '%u'", id);
            goto out;
        }
        pinned[thr - def->iothreads] = true;
        if (pin) {
            char num[16];

            snprintf(num, sizeof(num), "%u", id);
            conf_xml_raw_set_attr_at(pin, "iothread", num, 0);
            conf_xml_raw_set_attr_at(pin, "cpuset", canon, 1);
        }
    }
    ret = 0;
out:
    free(pinned);
    return ret;
}

void
domain_iothreads_format(VireoBuf *buf, const DomainDef *def)
{
    bool ids = false;

    if (def->niothreads == 0)
        return;
    buf_addf(buf, "  <iothreads>%zu</iothreads>\n", def->niothreads);
    for (size_t i = 0; i < def->niothreads; i++)
        if (!def->iothreads[i].autofill || def->iothreads[i].pool_min >= 0 ||
            def->iothreads[i].pool_max >= 0)
            ids = true;
    if (!ids)
        return;
    buf_add(buf, "  <iothreadids>\n");
    for (size_t i = 0; i < def->niothreads; i++) {
        const DomainIOThread *thr = &def->iothreads[i];

        buf_addf(buf, "    <iothread id='%u'", thr->id);
        if (thr->pool_min >= 0)
            buf_addf(buf, " thread_pool_min='%d'", thr->pool_min);
        if (thr->pool_max >= 0)
            buf_addf(buf, " thread_pool_max='%d'", thr->pool_max);
        buf_add(buf, "/>\n");
    }
    buf_add(buf, "  </iothreadids>\n");
}

void
domain_iothread_add(DomainDef *def, unsigned int id)
{
    domain_iothread_append(def, id, false);
}

/* The <iothreadpin> of IOThread id in tune, and its index, or NULL. */
static const ConfXmlRaw *
domain_iothread_find_pin(const ConfXmlRaw *tune, unsigned int id, size_t *ret_i)
{
    char num[16];

    snprintf(num, sizeof(num), "%u", id);
    for (size_t i = 0; tune && i < conf_xml_raw_kid_count(tune); i++) {
        const ConfXmlRaw *kid = conf_xml_raw_kid(tune, i);

        if (STREQ(conf_xml_raw_name(kid), "iothreadpin") &&
            conf_xml_raw_attr(kid, "iothread") && STREQ(conf_xml_raw_attr(kid, "iothread"), num)) {
            if (ret_i)
                *ret_i = i;
            return kid;
        }
    }
    return NULL;
}

/* Drops IOThread id's pin, and the <cputune> when nothing is left in it
 * (libvirt prints no empty one). */
static void
domain_iothread_drop_pin(DomainDef *def, unsigned int id)
{
    ConfXmlRaw *tune = domain_iothread_cputune(def);
    size_t at;

    if (!domain_iothread_find_pin(tune, id, &at))
        return;
    conf_xml_raw_drop_kid(tune, at);
    if (conf_xml_raw_kid_count(tune) || conf_xml_raw_attr_count(tune))
        return;
    for (size_t i = 0; i < def->nraw_top; i++) {
        if (def->raw_top[i] == tune) {
            conf_xml_raw_free(tune);
            memmove(&def->raw_top[i], &def->raw_top[i + 1],
                    (def->nraw_top - i - 1) * sizeof(*def->raw_top));
            def->nraw_top--;
            break;
        }
    }
}

void
domain_iothread_del(DomainDef *def, unsigned int id)
{
    for (size_t i = 0; i < def->niothreads; i++) {
        if (def->iothreads[i].id != id)
            continue;
        /* the later ones no longer follow the count's numbering */
        for (size_t j = i + 1; j < def->niothreads; j++)
            def->iothreads[j].autofill = false;
        domain_iothread_drop_pin(def, id);
        memmove(&def->iothreads[i], &def->iothreads[i + 1],
                (def->niothreads - i - 1) * sizeof(*def->iothreads));
        def->niothreads--;
        return;
    }
}

const char *
domain_iothread_pin(const DomainDef *def, unsigned int id)
{
    const ConfXmlRaw *pin = domain_iothread_find_pin(domain_iothread_cputune(def), id, NULL);

    return pin ? conf_xml_raw_attr(pin, "cpuset") : NULL;
}

/* The <cputune> children libvirt prints before the IOThread pins. */
static bool
domain_iothread_pin_precedes(const char *name)
{
    static const char *const before[] = {
        "shares", "period", "quota", "global_period", "global_quota", "emulator_period",
        "emulator_quota", "iothread_period", "iothread_quota", "vcpupin", "emulatorpin",
    };

    for (size_t i = 0; i < ARRAY_SIZE(before); i++)
        if (STREQ(before[i], name))
            return true;
    return false;
}

void
domain_iothread_set_pin(DomainDef *def, unsigned int id, const char *cpuset)
{
    ConfXmlRaw *tune;
    ConfXmlRaw *pin = conf_xml_raw_new_empty("iothreadpin");
    DomainIOThread *thr = domain_iothread_find(def, id);
    long mine = thr ? (long)(thr - def->iothreads) : (long)def->niothreads;
    char num[16];
    size_t at = 0, old;

    if (!domain_iothread_cputune(def)) {
        def->raw_top = xreallocarray(def->raw_top, def->nraw_top + 1, sizeof(*def->raw_top));
        def->raw_top[def->nraw_top++] = conf_xml_raw_new_empty("cputune");
    }
    tune = domain_iothread_cputune(def);
    if (domain_iothread_find_pin(tune, id, &old))
        conf_xml_raw_drop_kid(tune, old);
    /* libvirt prints the vCPU and emulator pins first, then the IOThread
     * pins in the IOThreads' order */
    for (size_t i = 0; i < conf_xml_raw_kid_count(tune); i++) {
        const ConfXmlRaw *kid = conf_xml_raw_kid(tune, i);
        const char *name = conf_xml_raw_name(kid);

        if (STREQ(name, "iothreadpin")) {
            long idx = domain_iothread_index(def, conf_xml_raw_attr(kid, "iothread"));

            if (idx >= 0 && idx < mine)
                at = i + 1;
        } else if (domain_iothread_pin_precedes(name)) {
            at = i + 1;
        }
    }
    snprintf(num, sizeof(num), "%u", id);
    conf_xml_raw_append_attr(pin, "iothread", num);
    conf_xml_raw_append_attr(pin, "cpuset", cpuset);
    conf_xml_raw_insert_kid(tune, at, pin);
}
