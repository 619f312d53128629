/*
 * test_cpu_models.c: virConnectGetCPUModelNames for the test driver, as
 * libvirt 9.0 answers it: the architecture name must be one libvirt knows;
 * x86 and ppc64 list the models of libvirt's CPU map, in the map's order;
 * ARM and s390 have none; any other architecture has no CPU driver.
 *
 * The CPU map is libvirt's data, read where Debian installs it
 * (/usr/share/libvirt/cpu_map): an index naming one file per model.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <stdlib.h>
#include <string.h>

#include "conf/xml.h"
#include "drivers/test/test_guest_host.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

#define TEST_CPU_MAP_DIR "/usr/share/libvirt/cpu_map"
/* bounded as the protocol bounds the answer */
#define TEST_CPU_MODELS_MAX 8192

/* libvirt's architecture names, and the CPU driver (map section) of each:
 * NULL for none, "" for a driver without models. */
static const struct {
    const char *arch;
    const char *map;
} test_cpu_arches[] = {
    { "alpha", NULL },     { "armv6l", "" },       { "armv7l", "" },      { "armv7b", "" },
    { "aarch64", "" },     { "cris", NULL },       { "i686", "x86" },     { "ia64", NULL },
    { "lm32", NULL },      { "m68k", NULL },       { "microblaze", NULL },
    { "microblazeel", NULL }, { "mips", NULL },    { "mipsel", NULL },    { "mips64", NULL },
    { "mips64el", NULL },  { "openrisc", NULL },   { "parisc", NULL },    { "parisc64", NULL },
    { "ppc", NULL },       { "ppcle", NULL },      { "ppc64", "ppc64" },  { "ppc64le", "ppc64" },
    { "ppcemb", NULL },    { "riscv32", NULL },    { "riscv64", NULL },   { "s390", "" },
    { "s390x", "" },       { "sh4", NULL },        { "sh4eb", NULL },     { "sparc", NULL },
    { "sparc64", NULL },   { "unicore32", NULL },  { "x86_64", "x86" },   { "xtensa", NULL },
    { "xtensaeb", NULL },
};

/* Appends the <model name> of one map file to *names. */
static int
test_cpu_models_of_file(const char *file, char ***names, int *n)
{
    _cleanup_free_ char *path = NULL;
    xmlDocPtr doc;
    xmlNodePtr m;

    /* file names come from libvirt's own index; no path components */
    if (strchr(file, '/')) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "bad CPU map include '%s'", file);
        return -1;
    }
    path = xasprintf("%s/%s", TEST_CPU_MAP_DIR, file);
    if (!(doc = conf_xml_parse_file(path, "cpus", VIR_FROM_CPU)))
        return -1;
    for (m = conf_xml_child(xmlDocGetRootElement(doc), "model"); m; m = conf_xml_next(m, "model")) {
        char *name = conf_xml_prop(m, "name");

        if (!name)
            continue;
        if (*n >= TEST_CPU_MODELS_MAX) {
            free(name);
            break;
        }
        *names = xreallocarray(*names, (size_t)*n + 2, sizeof(**names));
        (*names)[(*n)++] = name;
        (*names)[*n] = NULL;
    }
    xmlFreeDoc(doc);
    return 0;
}

/* The models of map section `map`, in the index's order. */
static int
test_cpu_models_of_map(const char *map, char ***names)
{
    xmlDocPtr doc;
    xmlNodePtr sec, inc;
    int n = 0;

    *names = NULL;
    if (!(doc = conf_xml_parse_file(TEST_CPU_MAP_DIR "/index.xml", "cpus", VIR_FROM_CPU)))
        return -1;
    for (sec = conf_xml_child(xmlDocGetRootElement(doc), "arch"); sec;
         sec = conf_xml_next(sec, "arch")) {
        _cleanup_free_ char *name = conf_xml_prop(sec, "name");

        if (!name || STRNEQ(name, map))
            continue;
        for (inc = conf_xml_child(sec, "include"); inc; inc = conf_xml_next(inc, "include")) {
            _cleanup_free_ char *file = conf_xml_prop(inc, "filename");

            if (file && test_cpu_models_of_file(file, names, &n) < 0) {
                for (int i = 0; i < n; i++)
                    free((*names)[i]);
                free(*names);
                *names = NULL;
                xmlFreeDoc(doc);
                return -1;
            }
        }
    }
    xmlFreeDoc(doc);
    return n;
}

int
test_connect_get_cpu_model_names(virConnectPtr conn, const char *arch, char ***models,
                                 unsigned int flags)
{
    const char *map = NULL;
    bool known = false;
    char **names = NULL;
    int n;

    (void)conn;
    TEST_CHECK_FLAGS(flags, 0, "testConnectGetCPUModelNames", -1);
    for (size_t i = 0; i < ARRAY_SIZE(test_cpu_arches) && !known; i++) {
        if (STREQ(arch, test_cpu_arches[i].arch)) {
            known = true;
            map = test_cpu_arches[i].map;
        }
    }
    if (!known) {
        vir_report_error(VIR_ERR_INVALID_ARG, "cannot find architecture %s", arch);
        return -1;
    }
    if (!map) {
        vir_error_report(VIR_FROM_CPU, VIR_ERR_NO_SUPPORT,
                         "'%s' architecture is not supported by CPU driver", arch);
        return -1;
    }
    n = *map ? test_cpu_models_of_map(map, &names) : 0;
    if (n < 0)
        return -1;
    if (models) {
        /* no models: no list at all, as libvirt's CPU drivers leave it */
        *models = names;
    } else {
        for (int i = 0; i < n; i++)
            free(names[i]);
        free(names);
    }
    return n;
}
