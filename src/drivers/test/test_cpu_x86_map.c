/*
 * test_cpu_x86_map.c: reads the x86 section of libvirt's CPU map into bit
 * sets. The files are libvirt's data, read at run time where Debian installs
 * them, so vireod answers with the same models and features as the libvirt
 * it is compared against. Errors name the file, as the map is not user input.
 */
#define VIR_FROM_THIS VIR_FROM_CPU

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "conf/xml.h"
#include "drivers/test/test_cpu_x86_map.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

#define TEST_CPU_X86_MAP_DIR "/usr/share/libvirt/cpu_map"
/* generous bounds on libvirt's own data: ~220 features, ~110 models */
#define TEST_CPU_X86_MAP_MAX 4096

static TestCpuX86Item *
test_cpu_x86_items_dup(const TestCpuX86Item *items, size_t n)
{
    TestCpuX86Item *copy = XNEW_ARRAY(TestCpuX86Item, n);

    memcpy(copy, items, n * sizeof(*items));
    return copy;
}

static bool
test_cpu_x86_item_same_key(const TestCpuX86Item *a, const TestCpuX86Item *b)
{
    return a->msr == b->msr && a->leaf == b->leaf && (a->msr || a->subleaf == b->subleaf);
}

static bool
test_cpu_x86_item_is_zero(const TestCpuX86Item *item)
{
    return !(item->regs[0] | item->regs[1] | item->regs[2] | item->regs[3]);
}

static TestCpuX86Item *
test_cpu_x86_data_get(const TestCpuX86Data *data, const TestCpuX86Item *key)
{
    for (size_t i = 0; i < data->n; i++) {
        if (test_cpu_x86_item_same_key(&data->items[i], key))
            return &data->items[i];
    }
    return NULL;
}

void
test_cpu_x86_data_free(TestCpuX86Data *data)
{
    free(data->items);
    data->items = NULL;
    data->n = 0;
}

void
test_cpu_x86_data_copy(TestCpuX86Data *dst, const TestCpuX86Data *src)
{
    dst->items = src->n ? test_cpu_x86_items_dup(src->items, src->n) : NULL;
    dst->n = src->n;
}

void
test_cpu_x86_data_add(TestCpuX86Data *data, const TestCpuX86Data *other)
{
    for (size_t i = 0; i < other->n; i++) {
        const TestCpuX86Item *o = &other->items[i];
        TestCpuX86Item *item = test_cpu_x86_data_get(data, o);

        if (!item) {
            data->items = xreallocarray(data->items, data->n + 1, sizeof(*data->items));
            data->items[data->n++] = *o;
            continue;
        }
        for (int r = 0; r < 4; r++)
            item->regs[r] |= o->regs[r];
    }
}

void
test_cpu_x86_data_subtract(TestCpuX86Data *data, const TestCpuX86Data *other)
{
    for (size_t i = 0; i < data->n; i++) {
        const TestCpuX86Item *o = test_cpu_x86_data_get(other, &data->items[i]);

        for (int r = 0; o && r < 4; r++)
            data->items[i].regs[r] &= ~o->regs[r];
    }
}

void
test_cpu_x86_data_intersect(TestCpuX86Data *data, const TestCpuX86Data *other)
{
    for (size_t i = 0; i < data->n; i++) {
        const TestCpuX86Item *o = test_cpu_x86_data_get(other, &data->items[i]);

        for (int r = 0; r < 4; r++)
            data->items[i].regs[r] &= o ? o->regs[r] : 0;
    }
}

bool
test_cpu_x86_data_is_subset(const TestCpuX86Data *data, const TestCpuX86Data *subset)
{
    for (size_t i = 0; i < subset->n; i++) {
        const TestCpuX86Item *s = &subset->items[i];
        const TestCpuX86Item *item;

        if (test_cpu_x86_item_is_zero(s))
            continue;
        if (!(item = test_cpu_x86_data_get(data, s)))
            return false;
        for (int r = 0; r < 4; r++) {
            if ((item->regs[r] & s->regs[r]) != s->regs[r])
                return false;
        }
    }
    return true;
}

bool
test_cpu_x86_data_is_empty(const TestCpuX86Data *data)
{
    for (size_t i = 0; i < data->n; i++) {
        if (!test_cpu_x86_item_is_zero(&data->items[i]))
            return false;
    }
    return true;
}

int
test_cpu_x86_map_vendor_find(const TestCpuX86Map *map, const char *name)
{
    for (size_t i = 0; i < map->nvendors; i++) {
        if (STREQ(map->vendors[i].name, name))
            return (int)i;
    }
    return -1;
}

const TestCpuX86Feature *
test_cpu_x86_map_feature_find(const TestCpuX86Map *map, const char *name)
{
    for (size_t i = 0; i < map->nfeatures; i++) {
        if (STREQ(map->features[i].name, name))
            return &map->features[i];
    }
    return NULL;
}

int
test_cpu_x86_map_model_find(const TestCpuX86Map *map, const char *name)
{
    for (size_t i = 0; i < map->nmodels; i++) {
        if (STREQ(map->models[i].name, name))
            return (int)i;
    }
    return -1;
}

/* A hexadecimal (or decimal) register attribute; absent is 0. */
static int
test_cpu_x86_map_reg(xmlNodePtr node, const char *name, uint32_t *ret)
{
    _cleanup_free_ char *s = conf_xml_prop(node, name);
    char *end;
    unsigned long v;

    *ret = 0;
    if (!s)
        return 0;
    errno = 0;
    v = strtoul(s, &end, 0);
    if (errno || end == s || *end || v > UINT32_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Invalid %s value '%s' in CPU map", name, s);
        return -1;
    }
    *ret = (uint32_t)v;
    return 0;
}

static int
test_cpu_x86_map_vendor(TestCpuX86Map *map, xmlNodePtr node)
{
    _cleanup_free_ char *name = conf_xml_prop(node, "name");
    _cleanup_free_ char *str = conf_xml_prop(node, "string");
    TestCpuX86Item item = { .msr = false, .leaf = 0, .subleaf = 0 };
    TestCpuX86Vendor *v;

    if (!name || !str || strlen(str) != 12) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Invalid CPU vendor in CPU map");
        return -1;
    }
    /* leaf 0: the string's bytes little-endian in ebx, edx, ecx */
    for (int k = 0; k < 12; k++) {
        static const int reg_of_word[3] = { 1, 3, 2 };

        item.regs[reg_of_word[k / 4]] |= (uint32_t)(unsigned char)str[k] << (8 * (k % 4));
    }
    map->vendors = xreallocarray(map->vendors, map->nvendors + 1, sizeof(*map->vendors));
    v = &map->vendors[map->nvendors++];
    v->name = name;
    name = NULL;
    v->data.items = test_cpu_x86_items_dup(&item, 1);
    v->data.n = 1;
    return 0;
}

static int
test_cpu_x86_map_feature(TestCpuX86Map *map, xmlNodePtr node)
{
    _cleanup_free_ char *name = conf_xml_prop(node, "name");
    _cleanup_free_ char *migr = conf_xml_prop(node, "migratable");
    TestCpuX86Feature f = { 0 };

    if (!name || test_cpu_x86_map_feature_find(map, name)) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Invalid CPU feature in CPU map");
        return -1;
    }
    for (xmlNodePtr c = node->children; c; c = c->next) {
        TestCpuX86Item item = { 0 };
        TestCpuX86Data one = { &item, 1 };
        int rc = 0;

        if (conf_xml_is(c, "cpuid")) {
            rc |= test_cpu_x86_map_reg(c, "eax_in", &item.leaf);
            rc |= test_cpu_x86_map_reg(c, "ecx_in", &item.subleaf);
            rc |= test_cpu_x86_map_reg(c, "eax", &item.regs[0]);
            rc |= test_cpu_x86_map_reg(c, "ebx", &item.regs[1]);
            rc |= test_cpu_x86_map_reg(c, "ecx", &item.regs[2]);
            rc |= test_cpu_x86_map_reg(c, "edx", &item.regs[3]);
        } else if (conf_xml_is(c, "msr")) {
            item.msr = true;
            rc |= test_cpu_x86_map_reg(c, "index", &item.leaf);
            rc |= test_cpu_x86_map_reg(c, "eax", &item.regs[0]);
            rc |= test_cpu_x86_map_reg(c, "edx", &item.regs[1]);
        } else {
            continue;
        }
        if (rc) {
            test_cpu_x86_data_free(&f.data);
            return -1;
        }
        test_cpu_x86_data_add(&f.data, &one);
    }
    f.name = name;
    name = NULL;
    f.migratable = !(migr && STREQ(migr, "no"));
    map->features = xreallocarray(map->features, map->nfeatures + 1, sizeof(*map->features));
    map->features[map->nfeatures++] = f;
    return 0;
}

static void
test_cpu_x86_model_clear(TestCpuX86Model *m)
{
    free(m->name);
    test_cpu_x86_data_free(&m->data);
    strv_free(m->removed);
}

static int
test_cpu_x86_map_model(TestCpuX86Map *map, xmlNodePtr node)
{
    TestCpuX86Model m = { .vendor = -1 };
    size_t nremoved = 0;

    m.name = conf_xml_prop(node, "name");
    m.removed = xcalloc(1, sizeof(char *));
    if (!m.name || test_cpu_x86_map_model_find(map, m.name) >= 0)
        goto error;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        _cleanup_free_ char *name = NULL;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (conf_xml_is(c, "decode")) {
            _cleanup_free_ char *host = conf_xml_prop(c, "host");
            _cleanup_free_ char *guest = conf_xml_prop(c, "guest");

            m.decode_host = host && STREQ(host, "on");
            m.decode_guest = guest && STREQ(guest, "on");
            continue;
        }
        if (!(conf_xml_is(c, "model") || conf_xml_is(c, "vendor") || conf_xml_is(c, "feature")))
            continue;
        if (!(name = conf_xml_prop(c, "name")))
            goto error;
        if (conf_xml_is(c, "model")) {
            /* an ancestor: its vendor and features are inherited */
            int a = test_cpu_x86_map_model_find(map, name);

            if (a < 0)
                goto error;
            m.vendor = map->models[a].vendor;
            test_cpu_x86_data_free(&m.data);
            test_cpu_x86_data_copy(&m.data, &map->models[a].data);
        } else if (conf_xml_is(c, "vendor")) {
            if ((m.vendor = test_cpu_x86_map_vendor_find(map, name)) < 0)
                goto error;
        } else {
            const TestCpuX86Feature *f = test_cpu_x86_map_feature_find(map, name);
            _cleanup_free_ char *removed = conf_xml_prop(c, "removed");

            if (!f)
                goto error;
            if (removed && STREQ(removed, "yes")) {
                m.removed = xreallocarray(m.removed, nremoved + 2, sizeof(char *));
                m.removed[nremoved++] = xstrdup(name);
                m.removed[nremoved] = NULL;
            } else {
                test_cpu_x86_data_add(&m.data, &f->data);
            }
        }
    }
    map->models = xreallocarray(map->models, map->nmodels + 1, sizeof(*map->models));
    map->models[map->nmodels++] = m;
    return 0;

error:
    vir_report_error(VIR_ERR_INTERNAL_ERROR, "Invalid CPU model '%s' in CPU map",
                     m.name ? m.name : "");
    test_cpu_x86_model_clear(&m);
    return -1;
}

static int
test_cpu_x86_map_file(TestCpuX86Map *map, const char *file)
{
    _cleanup_free_ char *path = NULL;
    xmlDocPtr doc;
    int rc = 0;

    /* file names come from libvirt's own index; no path components */
    if (strchr(file, '/')) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "bad CPU map include '%s'", file);
        return -1;
    }
    path = xasprintf("%s/%s", TEST_CPU_X86_MAP_DIR, file);
    if (!(doc = conf_xml_parse_file(path, "cpus", VIR_FROM_CPU)))
        return -1;
    for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c && rc == 0; c = c->next) {
        if (map->nvendors + map->nfeatures + map->nmodels >= TEST_CPU_X86_MAP_MAX) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "CPU map too large");
            rc = -1;
        } else if (conf_xml_is(c, "vendor")) {
            rc = test_cpu_x86_map_vendor(map, c);
        } else if (conf_xml_is(c, "feature")) {
            rc = test_cpu_x86_map_feature(map, c);
        } else if (conf_xml_is(c, "model")) {
            rc = test_cpu_x86_map_model(map, c);
        }
    }
    xmlFreeDoc(doc);
    return rc;
}

TestCpuX86Map *
test_cpu_x86_map_load(void)
{
    TestCpuX86Map *map = XNEW(TestCpuX86Map);
    xmlDocPtr doc;
    int rc = 0;

    if (!(doc = conf_xml_parse_file(TEST_CPU_X86_MAP_DIR "/index.xml", "cpus", VIR_FROM_CPU))) {
        free(map);
        return NULL;
    }
    for (xmlNodePtr sec = conf_xml_child(xmlDocGetRootElement(doc), "arch"); sec && rc == 0;
         sec = conf_xml_next(sec, "arch")) {
        _cleanup_free_ char *name = conf_xml_prop(sec, "name");

        if (!name || STRNEQ(name, "x86"))
            continue;
        for (xmlNodePtr inc = conf_xml_child(sec, "include"); inc && rc == 0;
             inc = conf_xml_next(inc, "include")) {
            _cleanup_free_ char *file = conf_xml_prop(inc, "filename");

            if (file)
                rc = test_cpu_x86_map_file(map, file);
        }
    }
    xmlFreeDoc(doc);
    if (rc < 0) {
        test_cpu_x86_map_free(map);
        return NULL;
    }
    return map;
}

void
test_cpu_x86_map_free(TestCpuX86Map *map)
{
    if (!map)
        return;
    for (size_t i = 0; i < map->nvendors; i++) {
        free(map->vendors[i].name);
        test_cpu_x86_data_free(&map->vendors[i].data);
    }
    for (size_t i = 0; i < map->nfeatures; i++) {
        free(map->features[i].name);
        test_cpu_x86_data_free(&map->features[i].data);
    }
    for (size_t i = 0; i < map->nmodels; i++)
        test_cpu_x86_model_clear(&map->models[i]);
    free(map->vendors);
    free(map->features);
    free(map->models);
    free(map);
}

/* libvirt's map does not change while the daemon runs: loaded once, kept
 * for the process's lifetime; a failed load is retried on the next call. */
static pthread_mutex_t test_cpu_x86_map_lock = PTHREAD_MUTEX_INITIALIZER;
static TestCpuX86Map *test_cpu_x86_map_cached;

const TestCpuX86Map *
test_cpu_x86_map_get(void)
{
    TestCpuX86Map *map;

    pthread_mutex_lock(&test_cpu_x86_map_lock);
    if (!test_cpu_x86_map_cached)
        test_cpu_x86_map_cached = test_cpu_x86_map_load();
    map = test_cpu_x86_map_cached;
    pthread_mutex_unlock(&test_cpu_x86_map_lock);
    return map;
}
