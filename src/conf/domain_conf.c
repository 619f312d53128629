/*
 * domain_conf.c: <domain> parsing and formatting, everything but <devices>.
 *
 * The parse order follows libvirt's, so that a document with several
 * problems fails with the same (first) error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conf/domain_conf.h"
#include "util/uuid.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN
#include "util/error.h"

static const char *const domain_virt_types[] = {
    "none", "qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware",
    "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", NULL,
};

static const char *const domain_os_types[] = {
    "hvm", "xen", "linux", "exe", "uml", "xenpvh", NULL,
};

static const char *const domain_archs[] = {
    "aarch64", "alpha", "armv6l", "armv7l", "armv7b", "cris", "i686", "ia64", "lm32",
    "loongarch64", "m68k", "microblaze", "microblazeel", "mips", "mipsel", "mips64",
    "mips64el", "openrisc", "parisc", "parisc64", "ppc", "ppcle", "ppc64", "ppc64le",
    "ppcemb", "riscv32", "riscv64", "s390", "s390x", "sh4", "sh4eb", "sparc", "sparc64",
    "unicore32", "x86_64", "xtensa", "xtensaeb", NULL,
};

static const char *const domain_placements[] = { "static", "auto", NULL };
static const char *const domain_boot_devs[] = { "fd", "hd", "cdrom", "network", NULL };
static const char *const domain_clock_offsets[] = {
    "utc", "localtime", "variable", "timezone", "absolute", NULL,
};
static const char *const domain_lifecycle_actions[] = {
    "destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
    "coredump-restart", NULL,
};
static const char *const domain_crash_actions[] = {
    "destroy", "restart", "rename-restart", "preserve", "coredump-destroy",
    "coredump-restart", NULL,
};
static const char *const domain_yes_no[] = { "yes", "no", NULL };
static const char *const domain_on_off[] = { "on", "off", NULL };

/* libvirt's feature order. Kind: 0 plain (<x/>), 1 on/off switch
 * (always printed with state), 2 complex (kept verbatim). */
static const struct {
    const char *name;
    int kind;
} domain_features[] = {
    { "acpi", 0 }, { "apic", 2 }, { "pae", 0 }, { "hap", 1 }, { "viridian", 0 },
    { "privnet", 0 }, { "hyperv", 2 }, { "kvm", 2 }, { "pvspinlock", 1 },
    { "capabilities", 2 }, { "pmu", 1 }, { "vmport", 1 }, { "gic", 2 }, { "smm", 2 },
    { "ioapic", 2 }, { "hpt", 2 }, { "vmcoreinfo", 1 }, { "htm", 1 }, { "nested-hv", 1 },
    { "msrs", 2 }, { "ccf-assist", 1 }, { "xen", 2 }, { "cfpc", 2 }, { "sbbc", 2 },
    { "ibs", 2 }, { "tcg", 2 }, { "async-teardown", 2 },
};

/* Top-level elements kept verbatim, each printed right after `after`
 * (the IOThread ones are modelled: they only mark the place). */
#define STRPREFIX_IOTHREADS(name) (strncmp((name), "iothread", 8) == 0)
static const struct {
    const char *name;
    const char *after;
} domain_raw_top[] = {
    { "genid", "uuid" }, { "maxMemory", "description" }, { "blkiotune", "currentMemory" },
    { "memtune", "currentMemory" }, { "memoryBacking", "currentMemory" },
    { "vcpus", "vcpu" }, { "iothreads", "vcpu" }, { "iothreadids", "vcpu" },
    { "cputune", "vcpu" }, { "numatune", "vcpu" }, { "resource", "vcpu" },
    { "sysinfo", "vcpu" }, { "bootloader", "vcpu" }, { "bootloader_args", "vcpu" },
    { "idmap", "os" }, { "on_lockfailure", "on_crash" }, { "pm", "on_crash" },
    { "perf", "on_crash" }, { "seclabel", "devices" }, { "keywrap", "devices" },
    { "launchSecurity", "devices" },
};

static void
domain_raw_list_free(ConfXmlRaw **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        conf_xml_raw_free(list[i]);
    free(list);
}

void
domain_def_free(DomainDef *def)
{
    if (!def)
        return;
    free(def->virt_type);
    free(def->name);
    free(def->title);
    free(def->description);
    conf_xml_raw_free(def->metadata);
    free(def->vcpu_placement);
    free(def->vcpu_cpuset);
    free(def->iothreads);
    free(def->os_type);
    free(def->os_arch);
    free(def->os_machine);
    free(def->os_loader);
    free(def->os_loader_type);
    free(def->os_loader_readonly);
    free(def->os_nvram);
    free(def->os_kernel);
    free(def->os_initrd);
    free(def->os_cmdline);
    free(def->os_dtb);
    free(def->os_root);
    for (size_t i = 0; i < def->nboot_devs; i++)
        free(def->boot_devs[i]);
    free(def->bootmenu_enable);
    for (size_t i = 0; i < def->nfeatures; i++) {
        free(def->features[i].name);
        free(def->features[i].state);
        conf_xml_raw_free(def->features[i].raw);
    }
    conf_xml_raw_free(def->cpu);
    free(def->clock_offset);
    free(def->clock_timezone);
    free(def->clock_adjustment);
    free(def->clock_basis);
    domain_raw_list_free(def->clock_timers, def->nclock_timers);
    free(def->on_poweroff);
    free(def->on_reboot);
    free(def->on_crash);
    domain_raw_list_free(def->raw_top, def->nraw_top);
    domain_devices_free(def);
    free(def);
}

int
domain_def_check_name(const char *name)
{
    if (strchr(name, '/')) {
        vir_report_error(VIR_ERR_XML_ERROR, "name %s cannot contain '/'", name);
        return -1;
    }
    return 0;
}

/* string(./name[1]) in libvirt's sense: NULL when absent or empty. */
static char *
domain_child_string(xmlNodePtr root, const char *name)
{
    return conf_xml_text(conf_xml_child(root, name));
}

static int
domain_parse_ids(DomainDef *def, xmlNodePtr root, unsigned int flags)
{
    _cleanup_free_ char *uuid = NULL;
    int id;

    def->id = -1;
    if (!(flags & DOMAIN_PARSE_INACTIVE)) {
        int rc = conf_xml_prop_int(root, "id", false, &id);
        if (rc < 0)
            return -1;
        if (rc > 0 && id >= 0)
            def->id = id;
    }
    if (!(def->name = domain_child_string(root, "name"))) {
        vir_report_error(VIR_ERR_NO_NAME, NULL);
        return -1;
    }
    if (!(uuid = domain_child_string(root, "uuid"))) {
        (void)vireo_uuid_generate(def->uuid);
    } else if (vireo_uuid_parse(uuid, def->uuid) < 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
        return -1;
    }
    return 0;
}

static int
domain_parse_caps(DomainDef *def, xmlNodePtr root)
{
    xmlNodePtr type = conf_xml_child(conf_xml_child(root, "os"), "type");
    _cleanup_free_ char *virt = conf_xml_prop(root, "type");

    def->os_type = conf_xml_text(type);
    def->os_arch = conf_xml_prop(type, "arch");
    def->os_machine = conf_xml_prop(type, "machine");
    def->emulator = domain_child_string(conf_xml_child(root, "devices"), "emulator");
    if (!virt || !*virt) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "missing domain type attribute");
        return -1;
    }
    if (conf_enum_index(domain_virt_types, virt) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "invalid domain type %s", virt);
        return -1;
    }
    def->virt_type = TAKE_PTR(virt);
    if (!def->os_type) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "an os <type> must be specified");
        return -1;
    }
    if (conf_enum_index(domain_os_types, def->os_type) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "unknown OS type '%s'", def->os_type);
        return -1;
    }
    /* xen guests once said "linux" for what capabilities call "xen" */
    if (STREQ(def->os_type, "linux") && STREQ(def->virt_type, "xen")) {
        free(def->os_type);
        def->os_type = xstrdup("xen");
    }
    if (def->os_arch && !*def->os_arch)
        free(TAKE_PTR(def->os_arch));
    if (def->os_arch && conf_enum_index(domain_archs, def->os_arch) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "Unknown architecture %s", def->os_arch);
        return -1;
    }
    if (!def->os_arch)
        def->os_arch = xstrdup("i686"); /* the test driver's default arch */
    return 0;
}

/* libvirt's unit suffixes: b/bytes, k/KiB/KB ... e/EiB/EB; none = KiB. */
static int
domain_scale(unsigned long long *value, const char *unit)
{
    static const char scales[] = "kmgtpe";
    unsigned long long scale = 1024, base, limit = 0x7fffffffffffffffULL;
    const char *p;

    if (unit && *unit) {
        if (STRCASEEQ(unit, "b") || STRCASEEQ(unit, "byte") || STRCASEEQ(unit, "bytes")) {
            scale = 1;
        } else {
            if (!unit[1] || STRCASEEQ(unit + 1, "iB"))
                base = 1024;
            else if ((unit[1] == 'b' || unit[1] == 'B') && !unit[2])
                base = 1000;
            else
                goto bad;
            if (!(p = strchr(scales, unit[0] | 0x20)) || !unit[0])
                goto bad;
            scale = 1;
            for (long i = 0; i <= p - scales; i++)
                scale *= base;
        }
    }
    if (*value && *value > limit / scale) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_OVERFLOW, "value too large: %llu%s", *value,
                         unit ? unit : "");
        return -1;
    }
    *value *= scale;
    return 0;
bad:
    vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "unknown suffix '%s'", unit);
    return -1;
}

/* Parses ./name[1] with its unit into KiB (rounded up); 0 when absent. */
static int
domain_parse_memory(xmlNodePtr root, const char *name, unsigned long long *ret_kib)
{
    xmlNodePtr node = conf_xml_child(root, name);
    _cleanup_free_ char *text = conf_xml_text(node);
    _cleanup_free_ char *unit = conf_xml_prop(node, "unit");
    unsigned long long bytes;
    char *end;

    *ret_kib = 0;
    if (!text)
        return 0;
    errno = 0;
    bytes = strtoull(text, &end, 10);
    if (end == text || *end || errno || strchr(text, '-')) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "Invalid value '%s' for element or attribute './%s[1]'", text, name);
        return -1;
    }
    if (domain_scale(&bytes, unit) < 0)
        return -1;
    *ret_kib = bytes / 1024 + (bytes % 1024 != 0);
    if (*ret_kib >= 0x7fffffffffffffffULL / 1024 + 1) {
        vir_report_error(VIR_ERR_OVERFLOW, "%s", "size value too large");
        return -1;
    }
    return 0;
}

#define DOMAIN_CPUMASK_LEN 1024

/* Parses libvirt's cpuset syntax ("0-3,^2,8") and returns it in the
 * canonical form libvirt prints ("0-1,3,8"). Reports. */
char *
domain_cpuset_canonical(const char *str)
{
    bool set[DOMAIN_CPUMASK_LEN] = { false };
    const char *cur = str;
    VireoBuf buf = VIREO_BUF_INIT;
    bool any = false;

    while (*cur == ' ')
        cur++;
    while (*cur) {
        bool neg = false;
        long start, last;
        char *end;

        if (*cur == '^') {
            neg = true;
            cur++;
        }
        if (*cur < '0' || *cur > '9')
            goto error;
        start = strtol(cur, &end, 10);
        if (start >= DOMAIN_CPUMASK_LEN)
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
            if (*cur < '0' || *cur > '9')
                goto error;
            last = strtol(cur, &end, 10);
            if (last < start || last >= DOMAIN_CPUMASK_LEN)
                goto error;
            cur = end;
            while (*cur == ' ')
                cur++;
        }
        for (long i = start; i <= last; i++)
            set[i] = !neg;
        if (*cur == ',') {
            cur++;
            while (*cur == ' ')
                cur++;
        } else if (*cur) {
            goto error;
        }
    }
    for (int i = 0; i < DOMAIN_CPUMASK_LEN; i++) {
        int j = i;

        if (!set[i])
            continue;
        while (j + 1 < DOMAIN_CPUMASK_LEN && set[j + 1])
            j++;
        if (any)
            buf_add_char(&buf, ',');
        if (j > i)
            buf_addf(&buf, "%d-%d", i, j);
        else
            buf_addf(&buf, "%d", i);
        any = true;
        i = j;
    }
    if (!any) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "Invalid value of 'cpuset': %s", str);
        return NULL;
    }
    return buf_steal(&buf);
error:
    buf_reset(&buf);
    vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "Failed to parse bitmap '%s'", str);
    return NULL;
}

/* The vcpu checks libvirt makes while parsing (before any post-parse
 * check such as the memory size). */
static int
domain_check_vcpus(const DomainDef *def)
{
    if (def->vcpus_cur > def->vcpus_max) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                         "maximum vCPU count must not be less than current vCPU count");
        return -1;
    }
    if (def->vcpus_max == 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "CPU IDs in <numa> exceed the <vcpu> count");
        return -1;
    }
    return 0;
}

static int
domain_parse_vcpu(DomainDef *def, xmlNodePtr root)
{
    xmlNodePtr node = conf_xml_child(root, "vcpu");
    _cleanup_free_ char *text = NULL;
    unsigned long v;
    char *end;
    int rc;

    def->vcpus_max = def->vcpus_cur = 1;
    if (!node) {
        def->vcpu_placement = xstrdup("static");
        return 0;
    }
    text = conf_xml_text(node);
    errno = 0;
    v = text ? strtoul(text, &end, 10) : 0;
    if (!text || end == text || *end || errno || strchr(text, '-') || v > 0xffffffffUL) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "maximum vcpus count must be an integer");
        return -1;
    }
    def->vcpus_max = def->vcpus_cur = (unsigned int)v;
    if ((rc = conf_xml_prop_uint(node, "current", false, &def->vcpus_cur)) < 0)
        return -1;
    if (rc == 0)
        def->vcpus_cur = def->vcpus_max;
    if (conf_xml_prop_enum(node, "placement", domain_placements, false, &def->vcpu_placement) < 0)
        return -1;
    if (!def->vcpu_placement)
        def->vcpu_placement = xstrdup("static");
    if (STREQ(def->vcpu_placement, "static")) {
        _cleanup_free_ char *cpuset = conf_xml_prop(node, "cpuset");

        if (cpuset && !(def->vcpu_cpuset = domain_cpuset_canonical(cpuset)))
            return -1;
    }
    return domain_check_vcpus(def);
}

static int
domain_parse_features(DomainDef *def, xmlNodePtr root)
{
    xmlNodePtr features = conf_xml_child(root, "features");

    if (!features)
        return 0;
    def->has_features = true;
    for (size_t f = 0; f < ARRAY_SIZE(domain_features); f++) {
        xmlNodePtr node = conf_xml_child(features, domain_features[f].name);
        DomainFeature *feat;

        if (!node)
            continue;
        feat = &def->features[def->nfeatures++];
        feat->name = xstrdup(domain_features[f].name);
        if (domain_features[f].kind == 2) {
            feat->raw = conf_xml_raw_new(node);
        } else if (domain_features[f].kind == 1) {
            if (conf_xml_prop_enum(node, "state", domain_on_off, false, &feat->state) < 0)
                return -1;
            if (!feat->state)
                feat->state = xstrdup("on");
        }
        if (def->nfeatures == DOMAIN_FEATURE_MAX)
            break;
    }
    for (xmlNodePtr cur = features->children; cur; cur = cur->next) {
        bool known = false;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        for (size_t f = 0; f < ARRAY_SIZE(domain_features); f++)
            known |= STREQ((const char *)cur->name, domain_features[f].name);
        if (!known) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "unexpected feature '%s'",
                             (const char *)cur->name);
            return -1;
        }
    }
    return 0;
}

static int
domain_parse_lifecycle_one(xmlNodePtr root, const char *name, const char *const *table,
                           const char *dflt, char **ret)
{
    char *val = domain_child_string(root, name);

    if (!val) {
        *ret = xstrdup(dflt);
        return 0;
    }
    if (conf_enum_index(table, val) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "unknown %s action: %s", name, val);
        free(val);
        return -1;
    }
    *ret = val;
    return 0;
}

/* Only a crash may dump core. */
static int
domain_check_lifecycle(const char *event, const char *action)
{
    if (strncmp(action, "coredump-", 9) == 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED,
                         "Lifecycle event '%s' doesn't support '%s' action", event, action);
        return -1;
    }
    return 0;
}

static int
domain_parse_lifecycle(DomainDef *def, xmlNodePtr root)
{
    if (domain_parse_lifecycle_one(root, "on_reboot", domain_lifecycle_actions, "restart",
                                   &def->on_reboot) < 0 ||
        domain_parse_lifecycle_one(root, "on_poweroff", domain_lifecycle_actions, "destroy",
                                   &def->on_poweroff) < 0 ||
        domain_parse_lifecycle_one(root, "on_crash", domain_crash_actions, "destroy",
                                   &def->on_crash) < 0)
        return -1;
    return 0;
}

static int
domain_parse_clock(DomainDef *def, xmlNodePtr root)
{
    xmlNodePtr clock = conf_xml_child(root, "clock");

    def->clock_offset = conf_xml_prop(clock, "offset");
    if (!def->clock_offset) {
        def->clock_offset = xstrdup("utc");
    } else if (conf_enum_index(domain_clock_offsets, def->clock_offset) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "unknown clock offset '%s'",
                         def->clock_offset);
        return -1;
    }
    def->clock_timezone = conf_xml_prop(clock, "timezone");
    if (STREQ(def->clock_offset, "timezone") && !def->clock_timezone) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                         "missing 'timezone' attribute for clock with offset='timezone'");
        return -1;
    }
    def->clock_adjustment = conf_xml_prop(clock, "adjustment");
    def->clock_basis = conf_xml_prop(clock, "basis");
    if (STREQ(def->clock_offset, "variable")) {
        if (!def->clock_adjustment)
            def->clock_adjustment = xstrdup("0");
        if (!def->clock_basis)
            def->clock_basis = xstrdup("utc");
    }
    for (xmlNodePtr t = conf_xml_child(clock, "timer"); t; t = conf_xml_next(t, "timer")) {
        def->clock_timers = xreallocarray(def->clock_timers, def->nclock_timers + 1,
                                          sizeof(*def->clock_timers));
        def->clock_timers[def->nclock_timers++] = conf_xml_raw_new(t);
    }
    return 0;
}

/* What <os> holds depends on the OS type, as in libvirt: hvm guests
 * have everything, xen/uml ones a kernel and loader, others nothing. */
static int
domain_parse_os(DomainDef *def, xmlNodePtr root)
{
    xmlNodePtr os = conf_xml_child(root, "os");
    bool hvm = STREQ(def->os_type, "hvm");
    xmlNodePtr loader;

    if (!hvm && STRNEQ(def->os_type, "xen") && STRNEQ(def->os_type, "xenpvh") &&
        STRNEQ(def->os_type, "uml"))
        return 0;
    loader = conf_xml_child(os, "loader");

    def->os_loader = conf_xml_text(loader);
    if (loader) {
        def->os_loader_readonly = conf_xml_prop(loader, "readonly");
        def->os_loader_type = conf_xml_prop(loader, "type");
        if (!def->os_loader_type)
            def->os_loader_type = xstrdup("rom");
    }
    def->os_nvram = domain_child_string(os, "nvram");
    def->os_kernel = domain_child_string(os, "kernel");
    def->os_initrd = domain_child_string(os, "initrd");
    def->os_cmdline = domain_child_string(os, "cmdline");
    def->os_root = domain_child_string(os, "root");
    def->os_dtb = domain_child_string(os, "dtb");
    if (!hvm)
        return 0;
    for (xmlNodePtr b = conf_xml_child(os, "boot"); b; b = conf_xml_next(b, "boot")) {
        char *dev = NULL;

        if (conf_xml_prop_enum(b, "dev", domain_boot_devs, true, &dev) < 0)
            return -1;
        if (def->nboot_devs < ARRAY_SIZE(def->boot_devs))
            def->boot_devs[def->nboot_devs++] = dev;
        else
            free(dev);
    }
    if (conf_xml_child(os, "bootmenu") &&
        conf_xml_prop_enum(conf_xml_child(os, "bootmenu"), "enable", domain_yes_no, false,
                           &def->bootmenu_enable) < 0)
        return -1;
    return 0;
}

/* The defaults libvirt fills into a guest <cpu>: a model makes it a
 * custom CPU matched exactly with fallback allowed; without a model the
 * custom mode and match are dropped; topologies get their dies. */
static void
domain_cpu_defaults(ConfXmlRaw *cpu)
{
    ConfXmlRaw *model = conf_xml_raw_child(cpu, "model");
    /* a copy: the attribute itself may be replaced below */
    _cleanup_free_ char *mode = xstrdup(conf_xml_raw_attr(cpu, "mode"));

    if (!cpu)
        return;
    if (!mode || STREQ(mode, "custom")) {
        if (model) {
            _cleanup_free_ char *match = xstrdup(conf_xml_raw_attr(cpu, "match"));
            conf_xml_raw_set_attr_at(cpu, "mode", "custom", 0);
            conf_xml_raw_set_attr_at(cpu, "match", match ? match : "exact", 1);
        } else {
            conf_xml_raw_set_attr_at(cpu, "mode", NULL, 0);
            conf_xml_raw_set_attr_at(cpu, "match", NULL, 0);
        }
    }
    if (mode && (STREQ(mode, "host-passthrough") || STREQ(mode, "maximum")))
        conf_xml_raw_remove_child(cpu, "model");
    else
        conf_xml_raw_default_attr(model, "fallback", "allow", NULL);
    conf_xml_raw_default_attr(conf_xml_raw_child(cpu, "topology"), "dies", "1", "sockets");
}

/* libvirt prints a blkiotune device's settings in a fixed order. */
static void
domain_blkiotune_order(ConfXmlRaw *blkiotune)
{
    static const char *const order[] = { "path", "weight", "read_iops_sec", "write_iops_sec",
                                         "read_bytes_sec", "write_bytes_sec", NULL };

    if (!blkiotune || STRNEQ(conf_xml_raw_name(blkiotune), "blkiotune"))
        return;
    for (ConfXmlRaw *dev = conf_xml_raw_child(blkiotune, "device"); dev;
         dev = conf_xml_raw_next(blkiotune, dev, "device"))
        conf_xml_raw_sort_children(dev, order);
}

static void
domain_parse_raw_top(DomainDef *def, xmlNodePtr root)
{
    xmlNodePtr meta = conf_xml_child(root, "metadata");

    if (meta)
        def->metadata = conf_xml_raw_new(meta);
    def->cpu = conf_xml_child(root, "cpu") ? conf_xml_raw_new(conf_xml_child(root, "cpu")) : NULL;
    domain_cpu_defaults(def->cpu);
    /* nothing left of the <cpu>: libvirt prints none */
    if (def->cpu && !conf_xml_raw_attr_count(def->cpu) && !conf_xml_raw_has_child(def->cpu, NULL)) {
        conf_xml_raw_free(def->cpu);
        def->cpu = NULL;
    }
    for (size_t i = 0; i < ARRAY_SIZE(domain_raw_top); i++) {
        xmlNodePtr node = conf_xml_child(root, domain_raw_top[i].name);
        if (!node || STRPREFIX_IOTHREADS(domain_raw_top[i].name)) /* modelled */
            continue;
        def->raw_top = xreallocarray(def->raw_top, def->nraw_top + 1, sizeof(*def->raw_top));
        def->raw_top[def->nraw_top] = conf_xml_raw_new(node);
        if (STREQ(domain_raw_top[i].name, "memtune")) /* params */
            def->raw_top[def->nraw_top] = domain_memtune_canon(def->raw_top[def->nraw_top]);
        domain_blkiotune_order(def->raw_top[def->nraw_top++]);
    }
}

/* The checks libvirt runs after parsing (post-parse and validation). */
static int
domain_post_parse(DomainDef *def, xmlNodePtr root)
{
    if (def->memory_kib == 0) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s",
                         "Memory size must be specified via <memory> or in the <numa> configuration");
        return -1;
    }
    if (def->cur_memory_kib == 0 || def->cur_memory_kib > def->memory_kib)
        def->cur_memory_kib = def->memory_kib;
    if (def->vcpus_cur == 0)
        def->vcpus_cur = def->vcpus_max;

    if (domain_devices_check_controllers(def) < 0)
        return -1;
    if (STREQ(def->os_type, "hvm")) {
        bool device_boot = false;

        for (size_t i = 0; i < def->ndisks; i++)
            device_boot |= def->disks[i]->boot_order > 0;
        for (size_t i = 0; i < def->nnets; i++)
            device_boot |= def->nets[i]->boot_order > 0;
        if (device_boot && def->nboot_devs > 0) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                             "per-device boot elements cannot be used together with os/boot elements");
            return -1;
        }
        if (!device_boot && def->nboot_devs == 0)
            def->boot_devs[def->nboot_devs++] = xstrdup("hd");
    }
    if (domain_def_check_name(def->name) < 0)
        return -1;
    (void)root;
    return domain_devices_post_parse_checked(def);
}

/* libvirt's validation, after all defaults are in place. */
static int
domain_validate(const DomainDef *def)
{
    if (domain_devices_validate(def) < 0 ||
        domain_check_lifecycle("poweroff", def->on_poweroff) < 0 ||
        domain_check_lifecycle("reboot", def->on_reboot) < 0)
        return -1;
    return 0;
}

DomainDef *
domain_def_parse_node(xmlNodePtr root, unsigned int flags)
{
    _cleanup_(domain_def_freep) DomainDef *def = XNEW(DomainDef);

    if (domain_parse_ids(def, root, flags) < 0 || domain_parse_caps(def, root) < 0)
        return NULL;
    def->title = domain_child_string(root, "title");
    if (def->title && strchr(def->title, '\n')) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "Domain title can't contain newlines");
        return NULL;
    }
    def->description = domain_child_string(root, "description");
    if (domain_parse_memory(root, "memory", &def->memory_kib) < 0 ||
        domain_parse_memory(root, "currentMemory", &def->cur_memory_kib) < 0 ||
        domain_parse_vcpu(def, root) < 0 || domain_parse_features(def, root) < 0 ||
        domain_parse_lifecycle(def, root) < 0 || domain_parse_clock(def, root) < 0 ||
        domain_parse_os(def, root) < 0 ||
        domain_devices_parse(def, conf_xml_child(root, "devices"), flags) < 0)
        return NULL;
    domain_parse_raw_top(def, root);
    if (domain_iothreads_parse(def, root) < 0 || domain_iothreads_parse_pins(def, root) < 0)
        return NULL;
    if (domain_post_parse(def, root) < 0 || domain_validate(def) < 0)
        return NULL;
    return TAKE_PTR(def);
}

DomainDef *
domain_def_parse_string(const char *xml, unsigned int flags)
{
    xmlDocPtr doc = conf_xml_parse_string(xml, "(domain_definition)", "domain", VIR_FROM_DOMAIN);
    DomainDef *def;

    if (!doc)
        return NULL;
    def = domain_def_parse_node(xmlDocGetRootElement(doc), flags);
    xmlFreeDoc(doc);
    return def;
}

DomainDef *
domain_def_copy(const DomainDef *def)
{
    _cleanup_free_ char *xml = domain_def_format(def, DOMAIN_FORMAT_SECURE);
    DomainDef *copy = domain_def_parse_string(xml, 0);

    if (copy)
        copy->id = def->id;
    return copy;
}

static void
domain_format_raw_after(VireoBuf *buf, const DomainDef *def, const char *after)
{
    for (size_t i = 0; i < ARRAY_SIZE(domain_raw_top); i++) {
        if (STRNEQ(domain_raw_top[i].after, after))
            continue;
        if (STREQ(domain_raw_top[i].name, "iothreads"))
            domain_iothreads_format(buf, def);
        for (size_t j = 0; j < def->nraw_top; j++)
            if (STREQ(conf_xml_raw_name(def->raw_top[j]), domain_raw_top[i].name))
                conf_xml_raw_format(buf, def->raw_top[j], 2);
    }
}

static bool
domain_has_raw(const DomainDef *def, const char *name)
{
    for (size_t j = 0; j < def->nraw_top; j++)
        if (STREQ(conf_xml_raw_name(def->raw_top[j]), name))
            return true;
    return false;
}

static void
domain_format_vcpu(VireoBuf *buf, const DomainDef *def)
{
    buf_add(buf, "  <vcpu");
    conf_xml_attr(buf, "placement", def->vcpu_placement);
    conf_xml_attr(buf, "cpuset", def->vcpu_cpuset);
    if (def->vcpus_cur != def->vcpus_max)
        buf_addf(buf, " current='%u'", def->vcpus_cur);
    buf_addf(buf, ">%u</vcpu>\n", def->vcpus_max);
    if (STREQ(def->vcpu_placement, "auto") && !domain_has_raw(def, "numatune"))
        buf_add(buf, "  <numatune>\n    <memory mode='strict' placement='auto'/>\n  </numatune>\n");
}

static void
domain_format_os(VireoBuf *buf, const DomainDef *def)
{
    buf_add(buf, "  <os>\n    <type");
    conf_xml_attr(buf, "arch", def->os_arch);
    conf_xml_attr(buf, "machine", def->os_machine);
    buf_add_char(buf, '>');
    conf_xml_escape(buf, STREQ(def->virt_type, "xen") && STREQ(def->os_type, "xen") ? "linux"
                                                                                    : def->os_type);
    buf_add(buf, "</type>\n");
    if (def->os_loader) {
        buf_add(buf, "    <loader");
        conf_xml_attr(buf, "readonly", def->os_loader_readonly);
        conf_xml_attr(buf, "type", def->os_loader_type);
        buf_add_char(buf, '>');
        conf_xml_escape(buf, def->os_loader);
        buf_add(buf, "</loader>\n");
    }
    conf_xml_element(buf, 4, "nvram", def->os_nvram);
    conf_xml_element(buf, 4, "kernel", def->os_kernel);
    conf_xml_element(buf, 4, "initrd", def->os_initrd);
    conf_xml_element(buf, 4, "cmdline", def->os_cmdline);
    conf_xml_element(buf, 4, "dtb", def->os_dtb);
    conf_xml_element(buf, 4, "root", def->os_root);
    for (size_t i = 0; i < def->nboot_devs; i++)
        buf_addf(buf, "    <boot dev='%s'/>\n", def->boot_devs[i]);
    if (def->bootmenu_enable)
        buf_addf(buf, "    <bootmenu enable='%s'/>\n", def->bootmenu_enable);
    buf_add(buf, "  </os>\n");
}

static void
domain_format_features(VireoBuf *buf, const DomainDef *def)
{
    if (!def->has_features || def->nfeatures == 0)
        return;
    buf_add(buf, "  <features>\n");
    for (size_t i = 0; i < def->nfeatures; i++) {
        const DomainFeature *f = &def->features[i];
        if (f->raw)
            conf_xml_raw_format(buf, f->raw, 4);
        else if (f->state)
            buf_addf(buf, "    <%s state='%s'/>\n", f->name, f->state);
        else
            buf_addf(buf, "    <%s/>\n", f->name);
    }
    buf_add(buf, "  </features>\n");
}

static void
domain_format_clock(VireoBuf *buf, const DomainDef *def)
{
    buf_add(buf, "  <clock");
    conf_xml_attr(buf, "offset", def->clock_offset);
    conf_xml_attr(buf, "timezone", def->clock_timezone);
    conf_xml_attr(buf, "adjustment", def->clock_adjustment);
    conf_xml_attr(buf, "basis", def->clock_basis);
    if (def->nclock_timers == 0) {
        buf_add(buf, "/>\n");
        return;
    }
    buf_add(buf, ">\n");
    for (size_t i = 0; i < def->nclock_timers; i++)
        conf_xml_raw_format(buf, def->clock_timers[i], 4);
    buf_add(buf, "  </clock>\n");
}

char *
domain_def_format(const DomainDef *def, unsigned int flags)
{
    VireoBuf buf = VIREO_BUF_INIT;
    char uuid[VIR_UUID_STRING_BUFLEN];

    buf_addf(&buf, "<domain type='%s'", def->virt_type);
    if (def->id >= 0 && !(flags & DOMAIN_FORMAT_INACTIVE))
        buf_addf(&buf, " id='%d'", def->id);
    buf_add(&buf, ">\n");
    conf_xml_element(&buf, 2, "name", def->name);
    vireo_uuid_format(def->uuid, uuid);
    buf_addf(&buf, "  <uuid>%s</uuid>\n", uuid);
    domain_format_raw_after(&buf, def, "uuid");
    conf_xml_element(&buf, 2, "title", def->title);
    conf_xml_element(&buf, 2, "description", def->description);
    /* libvirt keeps <metadata> once there, empty or not */
    if (def->metadata && conf_xml_raw_has_child(def->metadata, NULL))
        conf_xml_raw_format_dq(&buf, def->metadata, 2);
    else if (def->metadata)
        buf_add(&buf, "  <metadata/>\n");
    domain_format_raw_after(&buf, def, "description");
    buf_addf(&buf, "  <memory unit='KiB'>%llu</memory>\n", def->memory_kib);
    buf_addf(&buf, "  <currentMemory unit='KiB'>%llu</currentMemory>\n", def->cur_memory_kib);
    domain_format_raw_after(&buf, def, "currentMemory");
    domain_format_vcpu(&buf, def);
    domain_format_raw_after(&buf, def, "vcpu");
    domain_format_os(&buf, def);
    domain_format_raw_after(&buf, def, "os");
    domain_format_features(&buf, def);
    if (def->cpu)
        conf_xml_raw_format(&buf, def->cpu, 2);
    domain_format_clock(&buf, def);
    conf_xml_element(&buf, 2, "on_poweroff", def->on_poweroff);
    conf_xml_element(&buf, 2, "on_reboot", def->on_reboot);
    conf_xml_element(&buf, 2, "on_crash", def->on_crash);
    domain_format_raw_after(&buf, def, "on_crash");
    domain_devices_format(&buf, def, flags);
    domain_format_raw_after(&buf, def, "devices");
    buf_add(&buf, "</domain>\n");
    return buf_steal(&buf);
}
