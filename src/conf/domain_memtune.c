/*
 * domain_memtune.c: a parsed <memtune> in libvirt's form. libvirt stores
 * each limit in KiB (rounding a byte count up) and prints them back as
 * unit='KiB' in a fixed order, whatever units and order the user wrote;
 * the element is otherwise kept verbatim, so it is rewritten once here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf/domain_conf.h"
#include "conf/xml.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/macros.h"

static const char *const domain_memtune_limits[] = {
    "hard_limit", "soft_limit", "min_guarantee", "swap_hard_limit",
};

/* The limit in KiB, or false when absent or not a number (then kept as
 * written: libvirt's parser would have refused the document anyway). */
static bool
domain_memtune_kib(const ConfXmlRaw *kid, unsigned long long *ret)
{
    static const struct {
        const char *unit;
        unsigned long long bytes;
    } units[] = {
        { "b", 1ULL }, { "bytes", 1ULL }, { "k", 1ULL << 10 }, { "kib", 1ULL << 10 },
        { "kb", 1000ULL }, { "m", 1ULL << 20 }, { "mib", 1ULL << 20 }, { "mb", 1000000ULL },
        { "g", 1ULL << 30 }, { "gib", 1ULL << 30 }, { "gb", 1000000000ULL },
        { "t", 1ULL << 40 }, { "tib", 1ULL << 40 }, { "tb", 1000000000000ULL },
    };
    const char *text = conf_xml_raw_text(kid);
    const char *unit = conf_xml_raw_attr(kid, "unit");
    unsigned long long v, mult = 1024;
    char *end;

    if (!text)
        return false;
    errno = 0;
    v = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-')
        return false;
    if (unit) {
        mult = 0;
        for (size_t i = 0; i < ARRAY_SIZE(units); i++)
            if (strcasecmp(units[i].unit, unit) == 0)
                mult = units[i].bytes;
        if (!mult || (v && v > ~0ULL / mult))
            return false;
    }
    v *= mult;
    *ret = v / 1024 + (v % 1024 != 0);
    if (*ret > (unsigned long long)VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
        *ret = (unsigned long long)VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
    return true;
}

ConfXmlRaw *
domain_memtune_canon(ConfXmlRaw *memtune)
{
    VireoBuf buf = VIREO_BUF_INIT;
    _cleanup_free_ char *xml = NULL;
    xmlDocPtr doc;
    ConfXmlRaw *out;

    buf_add(&buf, "<memtune>");
    for (size_t i = 0; i < ARRAY_SIZE(domain_memtune_limits); i++) {
        const ConfXmlRaw *kid = conf_xml_raw_child(memtune, domain_memtune_limits[i]);
        unsigned long long kib;

        if (!kid)
            continue;
        if (!domain_memtune_kib(kid, &kib))
            return memtune;
        /* an unlimited value is not printed; a zero guarantee neither */
        if (kib >= (unsigned long long)VIR_DOMAIN_MEMORY_PARAM_UNLIMITED ||
            (kib == 0 && i == 2))
            continue;
        buf_addf(&buf, "<%s unit='KiB'>%llu</%s>", domain_memtune_limits[i], kib,
                 domain_memtune_limits[i]);
    }
    buf_add(&buf, "</memtune>");
    xml = buf_steal(&buf);
    if (!(doc = conf_xml_parse_string(xml, "(memtune)", "memtune", VIR_FROM_DOMAIN)))
        return memtune;
    out = conf_xml_raw_new(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    conf_xml_raw_free(memtune);
    return out;
}
