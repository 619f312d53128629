/*
 * domain_cputune.c: changes to a domain's <cputune>, which is otherwise
 * kept verbatim. libvirt prints the scalar tunables first, then one
 * <vcpupin> per pinned vCPU in vCPU order, then the other pins; a new pin
 * goes where libvirt would print it.
 */
#include <stdlib.h>
#include <string.h>

#include "conf/domain_conf.h"
#include "conf/xml.h"
#include "util/alloc.h"

static const char *const domain_cputune_scalars[] = {
    "shares", "period", "quota", "global_period", "global_quota", "emulator_period",
    "emulator_quota", "iothread_period", "iothread_quota", NULL,
};

static bool
domain_cputune_is_scalar(const char *name)
{
    for (size_t i = 0; domain_cputune_scalars[i]; i++)
        if (strcmp(domain_cputune_scalars[i], name) == 0)
            return true;
    return false;
}

/* The vcpu attribute of a <vcpupin>, or -1 for anything else. */
static long
domain_cputune_pin_vcpu(const ConfXmlRaw *kid)
{
    const char *id;
    char *end;
    long n;

    if (strcmp(conf_xml_raw_name(kid), "vcpupin") != 0 || !(id = conf_xml_raw_attr(kid, "vcpu")))
        return -1;
    n = strtol(id, &end, 10);
    return end != id && !*end && n >= 0 ? n : -1;
}

static ConfXmlRaw *
domain_cputune_get(DomainDef *def)
{
    ConfXmlRaw *tune;

    for (size_t i = 0; i < def->nraw_top; i++)
        if (strcmp(conf_xml_raw_name(def->raw_top[i]), "cputune") == 0)
            return def->raw_top[i];
    tune = conf_xml_raw_new_empty("cputune");
    def->raw_top = xreallocarray(def->raw_top, def->nraw_top + 1, sizeof(*def->raw_top));
    def->raw_top[def->nraw_top++] = tune;
    return tune;
}

void
domain_cputune_set_vcpupin(DomainDef *def, unsigned int vcpu, const char *cpuset)
{
    ConfXmlRaw *tune = domain_cputune_get(def);
    ConfXmlRaw *pin = conf_xml_raw_new_empty("vcpupin");
    _cleanup_free_ char *id = xasprintf("%u", vcpu);
    size_t at = 0;

    for (size_t i = 0; i < conf_xml_raw_kid_count(tune);) {
        long n = domain_cputune_pin_vcpu(conf_xml_raw_kid(tune, i));

        if (n == (long)vcpu) {
            conf_xml_raw_drop_kid(tune, i);
            continue;
        }
        if (domain_cputune_is_scalar(conf_xml_raw_name(conf_xml_raw_kid(tune, i))) ||
            (n >= 0 && n < (long)vcpu))
            at = i + 1;
        i++;
    }
    conf_xml_raw_append_attr(pin, "vcpu", id);
    conf_xml_raw_append_attr(pin, "cpuset", cpuset);
    conf_xml_raw_insert_kid(tune, at, pin);
}

/* The <emulatorpin> child of <cputune>, and its index, or NULL. */
static const ConfXmlRaw *
domain_cputune_find_emulatorpin(const DomainDef *def, size_t *ret_i)
{
    for (size_t t = 0; t < def->nraw_top; t++) {
        const ConfXmlRaw *tune = def->raw_top[t];

        if (strcmp(conf_xml_raw_name(tune), "cputune") != 0)
            continue;
        for (size_t i = 0; i < conf_xml_raw_kid_count(tune); i++) {
            if (strcmp(conf_xml_raw_name(conf_xml_raw_kid(tune, i)), "emulatorpin") == 0) {
                if (ret_i)
                    *ret_i = i;
                return conf_xml_raw_kid(tune, i);
            }
        }
    }
    return NULL;
}

const char *
domain_cputune_emulatorpin(const DomainDef *def)
{
    const ConfXmlRaw *pin = domain_cputune_find_emulatorpin(def, NULL);

    return pin ? conf_xml_raw_attr(pin, "cpuset") : NULL;
}

void
domain_cputune_set_emulatorpin(DomainDef *def, const char *cpuset)
{
    ConfXmlRaw *tune = domain_cputune_get(def);
    ConfXmlRaw *pin = conf_xml_raw_new_empty("emulatorpin");
    size_t at = 0, old;

    if (domain_cputune_find_emulatorpin(def, &old))
        conf_xml_raw_drop_kid(tune, old);
    for (size_t i = 0; i < conf_xml_raw_kid_count(tune); i++) {
        const ConfXmlRaw *kid = conf_xml_raw_kid(tune, i);

        if (domain_cputune_is_scalar(conf_xml_raw_name(kid)) || domain_cputune_pin_vcpu(kid) >= 0)
            at = i + 1;
    }
    conf_xml_raw_append_attr(pin, "cpuset", cpuset);
    conf_xml_raw_insert_kid(tune, at, pin);
}
