/*
 * test_cpu_baseline.c: virConnectBaselineCPU for the test driver, computed
 * as libvirt 9.0 computes it for x86 hosts, so that stock virsh prints the
 * same CPU as against libvirtd:
 *
 *  - each host CPU becomes a bit set: its model's features plus its listed
 *    features; the sets are intersected;
 *  - the result is decoded against every model of the map, newest first:
 *    a model is described by the features it lacks (disabled) and the ones
 *    added to it (required); the candidate needing the shortest description
 *    wins, with disabled features weighing more; a single model name shared
 *    by all inputs wins outright (and is then marked fallback='forbid');
 *  - the vendor is kept only when every input names one.
 *
 * Parsing follows libvirt's host CPU rules (architecture and model required,
 * features named once). Architectures other than x86 answer as libvirt's
 * CPU drivers do where they have no baseline; ppc64 and ARM, which libvirt
 * can baseline, are not written here and answer VIR_ERR_NO_SUPPORT.
 */
#define VIR_FROM_THIS VIR_FROM_CPU

#include <stdlib.h>
#include <string.h>

#include "conf/xml.h"
#include "drivers/test/test_cpu_x86_map.h"
#include "drivers/test/test_cpu_baseline.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/macros.h"

/* the protocol's bound on the list (REMOTE_CPU_BASELINE_MAX) */
#define TEST_CPU_BASELINE_MAX 256
/* a host CPU lists at most a few hundred features; bound what we keep */
#define TEST_CPU_FEATURES_MAX 1024

typedef enum {
    TEST_CPU_POLICY_REQUIRE,
    TEST_CPU_POLICY_DISABLE,
} TestCpuPolicy;

static const char *const test_cpu_policy_names[] = { "require", "disable" };

typedef struct {
    char *name;
    TestCpuPolicy policy;
} TestCpuFeature;

/* A host CPU as given (arch, model, vendor, features) or a computed guest
 * CPU (model, vendor, features with policies, fallback). */
typedef struct {
    char *arch;
    char *model;
    char *vendor;
    TestCpuFeature *features;
    size_t nfeatures;
    bool forbid_fallback;
} TestCpuDef;

/* What libvirt's CPU drivers do with an architecture: x86 is computed here;
 * s390 has a driver without a baseline; ppc64 and ARM have one we lack. */
typedef enum {
    TEST_CPU_ARCH_X86,
    TEST_CPU_ARCH_NO_BASELINE,
    TEST_CPU_ARCH_NOT_WRITTEN,
    TEST_CPU_ARCH_NO_DRIVER,
} TestCpuArchKind;

static const struct {
    const char *arch;
    TestCpuArchKind kind;
} test_cpu_baseline_arches[] = {
    { "alpha", TEST_CPU_ARCH_NO_DRIVER },      { "armv6l", TEST_CPU_ARCH_NOT_WRITTEN },
    { "armv7l", TEST_CPU_ARCH_NOT_WRITTEN },   { "armv7b", TEST_CPU_ARCH_NOT_WRITTEN },
    { "aarch64", TEST_CPU_ARCH_NOT_WRITTEN },  { "cris", TEST_CPU_ARCH_NO_DRIVER },
    { "i686", TEST_CPU_ARCH_X86 },             { "ia64", TEST_CPU_ARCH_NO_DRIVER },
    { "lm32", TEST_CPU_ARCH_NO_DRIVER },       { "m68k", TEST_CPU_ARCH_NO_DRIVER },
    { "microblaze", TEST_CPU_ARCH_NO_DRIVER }, { "microblazeel", TEST_CPU_ARCH_NO_DRIVER },
    { "mips", TEST_CPU_ARCH_NO_DRIVER },       { "mipsel", TEST_CPU_ARCH_NO_DRIVER },
    { "mips64", TEST_CPU_ARCH_NO_DRIVER },     { "mips64el", TEST_CPU_ARCH_NO_DRIVER },
    { "openrisc", TEST_CPU_ARCH_NO_DRIVER },   { "parisc", TEST_CPU_ARCH_NO_DRIVER },
    { "parisc64", TEST_CPU_ARCH_NO_DRIVER },   { "ppc", TEST_CPU_ARCH_NO_DRIVER },
    { "ppcle", TEST_CPU_ARCH_NO_DRIVER },      { "ppc64", TEST_CPU_ARCH_NOT_WRITTEN },
    { "ppc64le", TEST_CPU_ARCH_NOT_WRITTEN },  { "ppcemb", TEST_CPU_ARCH_NO_DRIVER },
    { "riscv32", TEST_CPU_ARCH_NO_DRIVER },    { "riscv64", TEST_CPU_ARCH_NO_DRIVER },
    { "s390", TEST_CPU_ARCH_NO_BASELINE },     { "s390x", TEST_CPU_ARCH_NO_BASELINE },
    { "sh4", TEST_CPU_ARCH_NO_DRIVER },        { "sh4eb", TEST_CPU_ARCH_NO_DRIVER },
    { "sparc", TEST_CPU_ARCH_NO_DRIVER },      { "sparc64", TEST_CPU_ARCH_NO_DRIVER },
    { "unicore32", TEST_CPU_ARCH_NO_DRIVER },  { "x86_64", TEST_CPU_ARCH_X86 },
    { "xtensa", TEST_CPU_ARCH_NO_DRIVER },     { "xtensaeb", TEST_CPU_ARCH_NO_DRIVER },
};

static int
test_cpu_arch_kind(const char *arch)
{
    for (size_t i = 0; i < ARRAY_SIZE(test_cpu_baseline_arches); i++) {
        if (STREQ(arch, test_cpu_baseline_arches[i].arch))
            return (int)test_cpu_baseline_arches[i].kind;
    }
    return -1;
}

static void
test_cpu_def_clear(TestCpuDef *def)
{
    free(def->arch);
    free(def->model);
    free(def->vendor);
    for (size_t i = 0; i < def->nfeatures; i++)
        free(def->features[i].name);
    free(def->features);
    memset(def, 0, sizeof(*def));
}

static TestCpuFeature *
test_cpu_def_feature(TestCpuDef *def, const char *name)
{
    for (size_t i = 0; i < def->nfeatures; i++) {
        if (STREQ(def->features[i].name, name))
            return &def->features[i];
    }
    return NULL;
}

static void
test_cpu_def_add_feature(TestCpuDef *def, const char *name, TestCpuPolicy policy)
{
    def->features = xreallocarray(def->features, def->nfeatures + 1, sizeof(*def->features));
    def->features[def->nfeatures].name = xstrdup(name);
    def->features[def->nfeatures++].policy = policy;
}

/* The text of the first child element `name`; NULL when absent or empty
 * (libvirt treats an empty element as missing). */
static char *
test_cpu_child_text(xmlNodePtr node, const char *name)
{
    char *s = conf_xml_child_text(node, name);

    if (s && !*s) {
        free(s);
        return NULL;
    }
    return s;
}

/* One host CPU description, with libvirt's errors in libvirt's order. */
static int
test_cpu_parse_host(const char *xml, TestCpuDef *def)
{
    xmlDocPtr doc;
    xmlNodePtr root;
    int rc = -1;

    memset(def, 0, sizeof(*def));
    if (!(doc = conf_xml_parse_string(xml, "(CPU_definition)", NULL, VIR_FROM_CPU)))
        return -1;
    root = xmlDocGetRootElement(doc);
    if (!conf_xml_is(root, "cpu")) {
        vir_report_error(VIR_ERR_XML_ERROR, "XML does not contain expected 'cpu' element");
        goto out;
    }
    if (xmlHasProp(root, (const xmlChar *)"mode")) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED,
                         "Attribute mode is only allowed for guest CPU");
        goto out;
    }
    if (!(def->arch = test_cpu_child_text(root, "arch"))) {
        vir_report_error(VIR_ERR_XML_ERROR, "Missing CPU architecture");
        goto out;
    }
    if (test_cpu_arch_kind(def->arch) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "Unknown architecture %s", def->arch);
        goto out;
    }
    if (!(def->model = test_cpu_child_text(root, "model"))) {
        vir_report_error(VIR_ERR_XML_ERROR, "Missing CPU model name");
        goto out;
    }
    def->vendor = test_cpu_child_text(root, "vendor");
    for (xmlNodePtr f = conf_xml_child(root, "feature"); f; f = conf_xml_next(f, "feature")) {
        _cleanup_free_ char *name = conf_xml_prop(f, "name");

        if (!name || !*name) {
            vir_report_error(VIR_ERR_XML_ERROR, "Invalid CPU feature name");
            goto out;
        }
        if (test_cpu_def_feature(def, name)) {
            vir_report_error(VIR_ERR_XML_ERROR, "CPU feature '%s' specified more than once",
                             name);
            goto out;
        }
        if (def->nfeatures >= TEST_CPU_FEATURES_MAX) {
            vir_report_error(VIR_ERR_XML_ERROR, "too many CPU features");
            goto out;
        }
        test_cpu_def_add_feature(def, name, TEST_CPU_POLICY_REQUIRE);
    }
    rc = 0;

out:
    xmlFreeDoc(doc);
    return rc;
}

/* A host CPU's bit set: its model's features and its own. */
static int
test_cpu_x86_data_of(const TestCpuX86Map *map, const TestCpuDef *cpu, TestCpuX86Data *ret,
                     int *ret_vendor)
{
    int m = test_cpu_x86_map_model_find(map, cpu->model);

    memset(ret, 0, sizeof(*ret));
    if (m < 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Unknown CPU model %s", cpu->model);
        return -1;
    }
    test_cpu_x86_data_copy(ret, &map->models[m].data);
    *ret_vendor = map->models[m].vendor;
    for (size_t i = 0; i < cpu->nfeatures; i++) {
        const TestCpuX86Feature *f = test_cpu_x86_map_feature_find(map, cpu->features[i].name);

        if (!f) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "Unknown CPU feature %s",
                             cpu->features[i].name);
            test_cpu_x86_data_free(ret);
            return -1;
        }
        test_cpu_x86_data_add(ret, &f->data);
    }
    return 0;
}

/* Names every map feature wholly inside data (taking its bits out, in the
 * map's order, so overlapping features are named once). */
static void
test_cpu_x86_name_features(const TestCpuX86Map *map, TestCpuX86Data *data, TestCpuDef *cpu,
                           TestCpuPolicy policy)
{
    for (size_t i = 0; i < map->nfeatures; i++) {
        const TestCpuX86Feature *f = &map->features[i];

        if (!test_cpu_x86_data_is_subset(data, &f->data))
            continue;
        test_cpu_x86_data_subtract(data, &f->data);
        test_cpu_def_add_feature(cpu, f->name, policy);
    }
}

/* The data described as model `m` plus/minus features. */
static void
test_cpu_x86_describe(const TestCpuX86Map *map, const TestCpuX86Data *data, size_t m,
                      TestCpuDef *ret)
{
    const TestCpuX86Model *model = &map->models[m];
    TestCpuX86Data added, missing;

    memset(ret, 0, sizeof(*ret));
    ret->model = xstrdup(model->name);
    test_cpu_x86_data_copy(&added, data);
    test_cpu_x86_data_copy(&missing, &model->data);
    test_cpu_x86_data_subtract(&added, &model->data);
    test_cpu_x86_data_subtract(&missing, data);
    test_cpu_x86_name_features(map, &added, ret, TEST_CPU_POLICY_REQUIRE);
    test_cpu_x86_name_features(map, &missing, ret, TEST_CPU_POLICY_DISABLE);
    for (char **r = model->removed; r && *r; r++) {
        if (!test_cpu_def_feature(ret, *r))
            test_cpu_def_add_feature(ret, *r, TEST_CPU_POLICY_DISABLE);
    }
    test_cpu_x86_data_free(&added);
    test_cpu_x86_data_free(&missing);
}

/* The weight of a description: required features count 1, disabled ones
 * 2, 3, 4, ... Libvirt's loop stops early by the number of disabled
 * features it has seen (its bound shrinks as it counts); the same bound is
 * kept so that ties fall the same way. */
static size_t
test_cpu_x86_weight(const TestCpuDef *cpu, size_t *ret_disabled)
{
    size_t enabled = cpu->nfeatures;
    size_t disabled = 0;
    size_t penalty = 2;

    for (size_t i = 0; i < enabled; i++) {
        if (cpu->features[i].policy == TEST_CPU_POLICY_DISABLE) {
            enabled--;
            disabled += penalty++;
        }
    }
    *ret_disabled = disabled;
    return enabled + disabled;
}

static bool
test_cpu_name_listed(char *const *names, const char *name)
{
    for (; *names; names++) {
        if (STREQ(*names, name))
            return true;
    }
    return false;
}

/* 0: keep current, 1: take candidate, 2: take candidate and stop. */
static int
test_cpu_x86_better(const TestCpuX86Model *candidate, const TestCpuDef *cpu_candidate,
                    const TestCpuDef *cpu_current, char *const *preferred)
{
    bool is_preferred;
    size_t cur, cand, dis_cur, dis_cand;

    if (!candidate->decode_guest)
        return 0;
    is_preferred = test_cpu_name_listed(preferred, cpu_candidate->model);
    if (is_preferred && !preferred[1])
        return 2;
    if (!cpu_current)
        return 1;
    cur = test_cpu_x86_weight(cpu_current, &dis_cur);
    cand = test_cpu_x86_weight(cpu_candidate, &dis_cand);
    if (cand < cur || (cand == cur && dis_cand < dis_cur))
        return 1;
    if (is_preferred && dis_cand < dis_cur)
        return 1;
    return 0;
}

/* Picks the model describing `cpu_data` best; the vendor bits in it name
 * the vendor. */
static int
test_cpu_x86_decode(const TestCpuX86Map *map, const TestCpuX86Data *cpu_data,
                    char *const *preferred, TestCpuDef *ret)
{
    TestCpuX86Data data;
    TestCpuDef best = { 0 };
    bool have = false;
    int vendor = -1;

    test_cpu_x86_data_copy(&data, cpu_data);
    for (size_t v = 0; v < map->nvendors; v++) {
        if (test_cpu_x86_data_is_subset(&data, &map->vendors[v].data)) {
            test_cpu_x86_data_subtract(&data, &map->vendors[v].data);
            vendor = (int)v;
            break;
        }
    }
    for (size_t i = map->nmodels; i-- > 0;) {
        const TestCpuX86Model *candidate = &map->models[i];
        TestCpuDef cpu;
        int rc;

        if (vendor >= 0 && candidate->vendor >= 0 && vendor != candidate->vendor)
            continue;
        test_cpu_x86_describe(map, &data, i, &cpu);
        rc = test_cpu_x86_better(candidate, &cpu, have ? &best : NULL, preferred);
        if (rc == 0) {
            test_cpu_def_clear(&cpu);
            continue;
        }
        test_cpu_def_clear(&best);
        best = cpu;
        have = true;
        if (rc == 2)
            break;
    }
    test_cpu_x86_data_free(&data);
    if (!have) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Cannot find suitable CPU model for given data");
        return -1;
    }
    if (vendor >= 0)
        best.vendor = xstrdup(map->vendors[vendor].name);
    *ret = best;
    return 0;
}

/* Checks one more CPU's vendor against the running one (*vendor, map index
 * or -1); *output_vendor drops to false when a CPU names none. */
static int
test_cpu_x86_vendor_merge(const TestCpuX86Map *map, const TestCpuDef *cpu, int model_vendor,
                          int *vendor, bool *output_vendor)
{
    const char *vn = NULL;

    if (cpu->vendor && model_vendor >= 0 && STRNEQ(cpu->vendor, map->vendors[model_vendor].name)) {
        vir_report_error(VIR_ERR_OPERATION_FAILED, "CPU vendor %s of model %s differs from vendor %s",
                         map->vendors[model_vendor].name, cpu->model, cpu->vendor);
        return -1;
    }
    if (cpu->vendor) {
        vn = cpu->vendor;
    } else {
        *output_vendor = false;
        if (model_vendor >= 0)
            vn = map->vendors[model_vendor].name;
    }
    if (!vn)
        return 0;
    if (*vendor < 0) {
        if ((*vendor = test_cpu_x86_map_vendor_find(map, vn)) < 0) {
            vir_report_error(VIR_ERR_OPERATION_FAILED, "Unknown CPU vendor %s", vn);
            return -1;
        }
    } else if (STRNEQ(map->vendors[*vendor].name, vn)) {
        vir_report_error(VIR_ERR_OPERATION_FAILED, "CPU vendors do not match");
        return -1;
    }
    return 0;
}

static int
test_cpu_x86_baseline(const TestCpuX86Map *map, TestCpuDef *cpus, size_t ncpus, TestCpuDef *ret)
{
    TestCpuX86Data base = { 0 };
    char **names = xcalloc(ncpus + 1, sizeof(char *));
    size_t nnames = 0;
    int vendor = -1, model_vendor;
    bool output_vendor = true;
    int rc = -1;

    if (test_cpu_x86_data_of(map, &cpus[0], &base, &model_vendor) < 0)
        goto out;
    if (!cpus[0].vendor) {
        output_vendor = false;
    } else if ((vendor = test_cpu_x86_map_vendor_find(map, cpus[0].vendor)) < 0) {
        vir_report_error(VIR_ERR_OPERATION_FAILED, "Unknown CPU vendor %s", cpus[0].vendor);
        goto out;
    }
    names[nnames++] = cpus[0].model;
    for (size_t i = 1; i < ncpus; i++) {
        TestCpuX86Data one;

        if (!test_cpu_name_listed(names, cpus[i].model))
            names[nnames++] = cpus[i].model;
        if (test_cpu_x86_data_of(map, &cpus[i], &one, &model_vendor) < 0)
            goto out;
        if (test_cpu_x86_vendor_merge(map, &cpus[i], model_vendor, &vendor, &output_vendor) < 0) {
            test_cpu_x86_data_free(&one);
            goto out;
        }
        test_cpu_x86_data_intersect(&base, &one);
        test_cpu_x86_data_free(&one);
    }
    if (test_cpu_x86_data_is_empty(&base)) {
        vir_report_error(VIR_ERR_OPERATION_FAILED, "CPUs are incompatible");
        goto out;
    }
    if (vendor >= 0)
        test_cpu_x86_data_add(&base, &map->vendors[vendor].data);
    if (test_cpu_x86_decode(map, &base, names, ret) < 0)
        goto out;
    ret->forbid_fallback = nnames == 1 && STREQ(ret->model, names[0]);
    if (!output_vendor) {
        free(ret->vendor);
        ret->vendor = NULL;
    }
    rc = 0;

out:
    test_cpu_x86_data_free(&base);
    free(names); /* the strings belong to cpus */
    return rc;
}

static int
test_cpu_feature_cmp(const void *a, const void *b)
{
    return strcmp(((const TestCpuFeature *)a)->name, ((const TestCpuFeature *)b)->name);
}

/* VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES: every feature of the model
 * listed, then the computed ones on top, sorted by name. */
static void
test_cpu_x86_expand(const TestCpuX86Map *map, TestCpuDef *cpu)
{
    TestCpuDef expanded = { 0 };
    const TestCpuX86Model *model = &map->models[test_cpu_x86_map_model_find(map, cpu->model)];
    TestCpuX86Data data;

    test_cpu_x86_data_copy(&data, &model->data);
    test_cpu_x86_name_features(map, &data, &expanded, TEST_CPU_POLICY_REQUIRE);
    test_cpu_x86_data_free(&data);
    for (size_t i = 0; i < cpu->nfeatures; i++) {
        TestCpuFeature *f = test_cpu_def_feature(&expanded, cpu->features[i].name);

        if (f)
            f->policy = cpu->features[i].policy;
        else
            test_cpu_def_add_feature(&expanded, cpu->features[i].name, cpu->features[i].policy);
    }
    for (char **r = model->removed; r && *r; r++) {
        if (!test_cpu_def_feature(&expanded, *r))
            test_cpu_def_add_feature(&expanded, *r, TEST_CPU_POLICY_DISABLE);
    }
    for (size_t i = 0; i < cpu->nfeatures; i++)
        free(cpu->features[i].name);
    free(cpu->features);
    cpu->features = expanded.features;
    cpu->nfeatures = expanded.nfeatures;
    if (cpu->nfeatures)
        qsort(cpu->features, cpu->nfeatures, sizeof(*cpu->features), test_cpu_feature_cmp);
}

static char *
test_cpu_format(const TestCpuDef *cpu)
{
    VireoBuf buf = VIREO_BUF_INIT;

    buf_add(&buf, "<cpu mode='custom' match='exact'>\n");
    buf_addf(&buf, "  <model fallback='%s'>", cpu->forbid_fallback ? "forbid" : "allow");
    conf_xml_escape(&buf, cpu->model);
    buf_add(&buf, "</model>\n");
    if (cpu->vendor) {
        buf_add(&buf, "  <vendor>");
        conf_xml_escape(&buf, cpu->vendor);
        buf_add(&buf, "</vendor>\n");
    }
    for (size_t i = 0; i < cpu->nfeatures; i++)
        buf_addf(&buf, "  <feature policy='%s' name='%s'/>\n",
                 test_cpu_policy_names[cpu->features[i].policy], cpu->features[i].name);
    buf_add(&buf, "</cpu>\n");
    return buf_steal(&buf);
}

/* What libvirt answers for each kind of architecture before its x86 code
 * runs, as the text before and after the architecture's name (NULL: go
 * on), indexed by TestCpuArchKind. */
static const struct {
    const char *before;
    const char *after;
} test_cpu_arch_refusals[] = {
    [TEST_CPU_ARCH_X86] = { NULL, NULL },
    [TEST_CPU_ARCH_NO_BASELINE] = { "cannot compute baseline CPU of ", " architecture" },
    [TEST_CPU_ARCH_NOT_WRITTEN] = { "CPU baseline of ",
                                    " architecture is not implemented in vireo" },
    [TEST_CPU_ARCH_NO_DRIVER] = { "'", "' architecture is not supported by CPU driver" },
};

static int
test_cpu_baseline_arch_check(const char *arch)
{
    int kind = test_cpu_arch_kind(arch);

    if (kind < 0) /* parsing refused unknown names already */
        kind = TEST_CPU_ARCH_NO_DRIVER;
    if (!test_cpu_arch_refusals[kind].before)
        return 0;
    vir_report_error(VIR_ERR_NO_SUPPORT, "%s%s%s", test_cpu_arch_refusals[kind].before, arch,
                     test_cpu_arch_refusals[kind].after);
    return -1;
}

char *
test_connect_baseline_cpu(virConnectPtr conn, const char **xml_cpus, unsigned int ncpus,
                          unsigned int flags)
{
    TestCpuDef *cpus = NULL;
    TestCpuDef result = { 0 };
    const TestCpuX86Map *map;
    char *ret = NULL;
    size_t parsed = 0;

    (void)conn;
    TEST_CHECK_FLAGS(flags, VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES, "testConnectBaselineCPU",
                     NULL);
    if (ncpus == 0) {
        vir_report_error(VIR_ERR_INVALID_ARG, "no CPUs given");
        return NULL;
    }
    if (ncpus > TEST_CPU_BASELINE_MAX) {
        vir_report_error(VIR_ERR_INVALID_ARG, "too many CPUs given");
        return NULL;
    }
    cpus = XNEW_ARRAY(TestCpuDef, ncpus);
    for (; parsed < ncpus; parsed++) {
        if (test_cpu_parse_host(xml_cpus[parsed], &cpus[parsed]) < 0) {
            parsed++;
            goto out;
        }
    }
    if (test_cpu_baseline_arch_check(cpus[0].arch) < 0)
        goto out;
    if (!(map = test_cpu_x86_map_get()))
        goto out;
    if (test_cpu_x86_baseline(map, cpus, ncpus, &result) < 0)
        goto out;
    if (flags & VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES)
        test_cpu_x86_expand(map, &result);
    ret = test_cpu_format(&result);

out:
    for (size_t i = 0; i < parsed; i++)
        test_cpu_def_clear(&cpus[i]);
    free(cpus);
    test_cpu_def_clear(&result);
    return ret;
}
