/*
 * domain_devices.c: the <devices> part of a domain definition.
 *
 * Besides parsing and formatting, this applies the defaults libvirt's
 * generic domain code applies for the test driver: disk buses from target
 * names, drive addresses and the implicit controllers they need, random
 * MAC addresses, console/serial pairing, video sizes and graphics listens.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conf/domain_conf.h"
#include "util/uuid.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN
#include "util/error.h"

static const char *const disk_types[] = {
    "file", "block", "dir", "network", "volume", "nvme", "vhostuser", NULL,
};
static const char *const disk_devices[] = { "disk", "cdrom", "floppy", "lun", NULL };
static const char *const disk_buses[] = {
    "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd", NULL,
};
static const char *const net_types[] = {
    "user", "ethernet", "vhostuser", "server", "client", "mcast", "network", "bridge",
    "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds", NULL,
};
static const char *const chr_types[] = {
    "null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp", "unix", "spicevmc",
    "spiceport", "nmdm", "qemu-vdagent", "dbus", NULL,
};
static const char *const input_types[] = { "mouse", "tablet", "keyboard", "passthrough",
                                           "evdev", NULL };
static const char *const input_buses[] = { "ps2", "usb", "xen", "parallels", "virtio",
                                           "none", NULL };
static const char *const graphics_types[] = { "sdl", "vnc", "rdp", "desktop", "spice",
                                              "egl-headless", "dbus", NULL };
static const char *const video_models[] = {
    "default", "vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels", "virtio",
    "gop", "none", "bochs", "ramfb", NULL,
};
static const char *const balloon_models[] = { "virtio", "xen", "none",
                                              "virtio-transitional",
                                              "virtio-non-transitional", NULL };

/* Devices kept verbatim, grouped by the position libvirt formats them at:
 * "before" is the modelled device group they precede. */
static const struct {
    const char *name;
    const char *before;
} raw_devices[] = {
    { "lease", "interface" }, { "filesystem", "interface" }, { "smartcard", "serial" },
    { "parallel", "console" }, { "channel", "input" }, { "tpm", "graphics" },
    { "sound", "video" }, { "audio", "video" }, { "hostdev", "memballoon" },
    { "redirdev", "memballoon" }, { "redirfilter", "memballoon" }, { "hub", "memballoon" },
    { "watchdog", "memballoon" }, { "rng", "end" }, { "nvram", "end" }, { "panic", "end" },
    { "shmem", "end" }, { "memory", "end" }, { "iommu", "end" }, { "vsock", "end" },
    { "crypto", "end" },
};

#define APPEND(arr, n, item) \
    do { \
        (arr) = xreallocarray((arr), (n) + 1, sizeof(*(arr))); \
        (arr)[(n)++] = (item); \
    } while (0)

static void
addr_clear(DomainAddress *a)
{
    conf_xml_raw_free(a->raw);
    memset(a, 0, sizeof(*a));
}

static void
disk_free(DomainDisk *d)
{
    free(d->type);
    free(d->device);
    free(d->driver_name);
    free(d->driver_type);
    free(d->driver_cache);
    free(d->driver_io);
    free(d->source);
    conf_xml_raw_free(d->source_raw);
    free(d->dst);
    free(d->bus);
    free(d->rawio);
    free(d->sgio);
    free(d->serial);
    addr_clear(&d->addr);
    free(d);
}

static void
controller_free(DomainController *c)
{
    free(c->type);
    free(c->model);
    addr_clear(&c->addr);
    conf_xml_raw_free(c->raw);
    free(c);
}

static void
net_free(DomainNet *n)
{
    free(n->type);
    free(n->source);
    free(n->portgroup);
    free(n->source_mode);
    free(n->ifname);
    free(n->script);
    free(n->model);
    addr_clear(&n->addr);
    free(n);
}

static void
chr_free(DomainChr *c)
{
    free(c->type);
    free(c->source_path);
    free(c->source_mode);
    free(c->source_host);
    free(c->source_service);
    free(c->protocol);
    free(c->target_type);
    free(c);
}

static void
graphics_free(DomainGraphics *g)
{
    free(g->type);
    free(g->listen);
    free(g->listen_type);
    free(g->listen_network);
    free(g->socket);
    free(g->passwd);
    free(g->keymap);
    free(g->display);
    free(g->xauth);
    free(g->fullscreen);
    free(g);
}

static void
video_free(DomainVideo *v)
{
    free(v->model);
    addr_clear(&v->addr);
    free(v);
}

static void
input_free(DomainInput *i)
{
    free(i->type);
    free(i->bus);
    free(i);
}

#define FREE_LIST(arr, n, fn) \
    do { \
        for (size_t i_ = 0; i_ < (n); i_++) \
            fn((arr)[i_]); \
        free(arr); \
    } while (0)

void
domain_devices_free(DomainDef *def)
{
    free(def->emulator);
    FREE_LIST(def->disks, def->ndisks, disk_free);
    FREE_LIST(def->controllers, def->ncontrollers, controller_free);
    FREE_LIST(def->nets, def->nnets, net_free);
    FREE_LIST(def->serials, def->nserials, chr_free);
    FREE_LIST(def->consoles, def->nconsoles, chr_free);
    FREE_LIST(def->inputs, def->ninputs, input_free);
    FREE_LIST(def->graphics, def->ngraphics, graphics_free);
    FREE_LIST(def->videos, def->nvideos, video_free);
    FREE_LIST(def->raw_devs, def->nraw_devs, conf_xml_raw_free);
    free(def->memballoon_model);
    addr_clear(&def->memballoon_addr);
}

/* ---- addresses ---- */

/* libvirt's PCI address range checks (reported from its generic code). */
static int
addr_check_pci(const DomainAddress *a)
{
    if (!a->domain && !a->bus && !a->slot && !a->function)
        return 0;
    if (a->bus > 0xFF) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                         "Invalid PCI address bus='0x%x', must be <= 0xFF", a->bus);
        return -1;
    }
    if (a->slot > 0x1F) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                         "Invalid PCI address slot='0x%x', must be <= 0x1F", a->slot);
        return -1;
    }
    if (a->function > 7) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_XML_ERROR,
                         "Invalid PCI address function=0x%x, must be <= 7", a->function);
        return -1;
    }
    if (!a->domain && !a->bus && !a->slot) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_XML_ERROR, "%s",
                         "Invalid PCI address 0000:00:00, at least one of domain, bus, or slot "
                         "must be > 0");
        return -1;
    }
    return 0;
}

static int
addr_parse(xmlNodePtr parent, DomainAddress *a)
{
    xmlNodePtr node = conf_xml_child(parent, "address");
    _cleanup_free_ char *type = NULL;

    if (!node)
        return 0;
    type = conf_xml_prop(node, "type");
    if (!type) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "No type specified for device address");
        return -1;
    }
    if (STREQ(type, "pci")) {
        _cleanup_free_ char *mf = conf_xml_prop(node, "multifunction");
        a->type = DOMAIN_ADDR_PCI;
        a->multifunction = mf && STREQ(mf, "on");
        if (conf_xml_prop_uint_base(node, "domain", 0, false, &a->domain) < 0 ||
            conf_xml_prop_uint_base(node, "bus", 0, false, &a->bus) < 0 ||
            conf_xml_prop_uint_base(node, "slot", 0, false, &a->slot) < 0 ||
            conf_xml_prop_uint_base(node, "function", 0, false, &a->function) < 0)
            return -1;
        return addr_check_pci(a);
    }
    if (STREQ(type, "drive")) {
        a->type = DOMAIN_ADDR_DRIVE;
        return conf_xml_prop_uint(node, "controller", false, &a->controller) < 0 ||
               conf_xml_prop_uint(node, "bus", false, &a->dbus) < 0 ||
               conf_xml_prop_uint(node, "target", false, &a->target) < 0 ||
               conf_xml_prop_uint(node, "unit", false, &a->unit) < 0 ? -1 : 0;
    }
    a->type = DOMAIN_ADDR_RAW;
    a->raw = conf_xml_raw_new(node);
    return 0;
}

static void
addr_format(VireoBuf *buf, const DomainAddress *a, int indent)
{
    switch (a->type) {
    case DOMAIN_ADDR_NONE:
        return;
    case DOMAIN_ADDR_PCI:
        conf_xml_indent(buf, indent);
        buf_addf(buf, "<address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x' "
                      "function='0x%x'%s/>\n", a->domain, a->bus, a->slot, a->function,
                 a->multifunction ? " multifunction='on'" : "");
        return;
    case DOMAIN_ADDR_DRIVE:
        conf_xml_indent(buf, indent);
        buf_addf(buf, "<address type='drive' controller='%u' bus='%u' target='%u' unit='%u'/>\n",
                 a->controller, a->dbus, a->target, a->unit);
        return;
    case DOMAIN_ADDR_RAW:
        conf_xml_raw_format(buf, a->raw, indent);
        return;
    }
}

/* ---- disks ---- */

/* libvirt's virDiskNameToIndex: "sda" -> 0, "vdz" -> 25, "hdaa" -> 26. */
static int
disk_index(const char *name)
{
    const char *p;
    int idx = -1;
    static const char *const prefixes[] = { "fd", "hd", "vd", "sd", "xvd", "ubd", NULL };

    for (size_t i = 0; prefixes[i]; i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0) {
            p = name + strlen(prefixes[i]);
            goto found;
        }
    return -1;
found:
    if (*p < 'a' || *p > 'z')
        return -1;
    for (; *p >= 'a' && *p <= 'z'; p++) {
        if (idx > 1000000)
            return -1;
        idx = (idx + 1) * 26 + (*p - 'a');
    }
    /* a partition number may follow ("sda1") */
    if (p[strspn(p, "0123456789")] != '\0')
        return -1;
    return idx;
}

static const char *
disk_default_bus(const DomainDisk *d)
{
    if (STREQ(d->device, "floppy"))
        return "fdc";
    if (strncmp(d->dst, "hd", 2) == 0)
        return "ide";
    if (strncmp(d->dst, "sd", 2) == 0)
        return "scsi";
    if (strncmp(d->dst, "vd", 2) == 0)
        return "virtio";
    if (strncmp(d->dst, "xvd", 3) == 0)
        return "xen";
    if (strncmp(d->dst, "ubd", 3) == 0)
        return "uml";
    return "ide";
}

static int
disk_parse_source(DomainDisk *d, xmlNodePtr node)
{
    xmlNodePtr src = conf_xml_child(node, "source");

    if (!src)
        return 0;
    if (STREQ(d->type, "file"))
        d->source = conf_xml_prop(src, "file");
    else if (STREQ(d->type, "block"))
        d->source = conf_xml_prop(src, "dev");
    else if (STREQ(d->type, "dir"))
        d->source = conf_xml_prop(src, "dir");
    else
        d->source_raw = conf_xml_raw_new(src);
    return 0;
}

static DomainDisk *
disk_parse(xmlNodePtr node)
{
    DomainDisk *d = XNEW(DomainDisk);
    xmlNodePtr target = conf_xml_child(node, "target");
    xmlNodePtr driver = conf_xml_child(node, "driver");
    xmlNodePtr boot = conf_xml_child(node, "boot");

    if (conf_xml_prop_enum(node, "type", disk_types, false, &d->type) < 0 ||
        conf_xml_prop_enum(node, "device", disk_devices, false, &d->device) < 0 ||
        conf_xml_prop_enum(node, "rawio", (const char *const[]){ "yes", "no", NULL }, false,
                           &d->rawio) < 0 ||
        conf_xml_prop_enum(node, "sgio", (const char *const[]){ "filtered", "unfiltered", NULL },
                           false, &d->sgio) < 0)
        goto error;
    if (!d->type)
        d->type = xstrdup("file");
    if (!d->device)
        d->device = xstrdup("disk");
    disk_parse_source(d, node);
    d->dst = conf_xml_prop(target, "dev");
    if (!d->dst) {
        if (d->source)
            vir_report_error(VIR_ERR_NO_TARGET, "%s", d->source);
        else
            vir_report_error(VIR_ERR_NO_TARGET, NULL);
        goto error;
    }
    /* the bus stays NULL when not given until all disks are inserted:
     * libvirt orders disks by the bus as written */
    if (conf_xml_prop_enum(target, "bus", disk_buses, false, &d->bus) < 0)
        goto error;
    d->driver_name = conf_xml_prop(driver, "name");
    d->driver_type = conf_xml_prop(driver, "type");
    d->driver_cache = conf_xml_prop(driver, "cache");
    d->driver_io = conf_xml_prop(driver, "io");
    /* a cdrom is always read-only */
    d->readonly = conf_xml_child(node, "readonly") != NULL || STREQ(d->device, "cdrom");
    /* removable media without a source is an empty file */
    if (!d->source && !d->source_raw && (STREQ(d->type, "block") || STREQ(d->type, "dir")) &&
        (STREQ(d->device, "cdrom") || STREQ(d->device, "floppy"))) {
        free(d->type);
        d->type = xstrdup("file");
    }
    d->shareable = conf_xml_child(node, "shareable") != NULL;
    d->transient = conf_xml_child(node, "transient") != NULL;
    d->serial = conf_xml_child_text(node, "serial");
    if (boot && conf_xml_prop_uint(boot, "order", true, (unsigned int *)&d->boot_order) < 0)
        goto error;
    if (addr_parse(node, &d->addr) < 0)
        goto error;
    return d;
error:
    disk_free(d);
    return NULL;
}

/* Drive address for a controller-based bus, as libvirt assigns it. */
static int
disk_assign_address(DomainDisk *d)
{
    int idx;

    if (d->addr.type != DOMAIN_ADDR_NONE)
        return 0;
    if (STRNEQ(d->bus, "ide") && STRNEQ(d->bus, "scsi") && STRNEQ(d->bus, "sata") &&
        STRNEQ(d->bus, "fdc"))
        return 0;
    if ((idx = disk_index(d->dst)) < 0) {
        vir_report_error(VIR_ERR_XML_ERROR, "Unknown disk name '%s' and no address specified",
                         d->dst);
        return -1;
    }
    d->addr.type = DOMAIN_ADDR_DRIVE;
    if (STREQ(d->bus, "ide")) {
        d->addr.controller = idx / 4;
        d->addr.dbus = (idx % 4) / 2;
        d->addr.unit = idx % 2;
    } else if (STREQ(d->bus, "scsi")) {
        d->addr.controller = idx / 7;
        d->addr.unit = idx % 7;
    } else if (STREQ(d->bus, "sata")) {
        d->addr.controller = idx / 6;
        d->addr.unit = idx % 6;
    } else {
        d->addr.controller = idx / 2;
        d->addr.unit = idx % 2;
    }
    return 0;
}

/* libvirt's insertion order: after the last disk on the same bus with a
 * lower index, before the first with a higher one; else at the end. */
static void
disk_insert(DomainDef *def, DomainDisk *disk)
{
    ssize_t at = -1;

    for (ssize_t i = (ssize_t)def->ndisks - 1; i >= 0; i--) {
        if (!STREQ_NULLABLE(def->disks[i]->bus, disk->bus))
            continue;
        if (disk_index(def->disks[i]->dst) > disk_index(disk->dst))
            at = i;
        else if (at == -1)
            at = i + 1;
    }
    def->disks = xreallocarray(def->disks, def->ndisks + 1, sizeof(*def->disks));
    if (at < 0)
        at = (ssize_t)def->ndisks;
    memmove(def->disks + at + 1, def->disks + at, (def->ndisks - (size_t)at) * sizeof(*def->disks));
    def->disks[at] = disk;
    def->ndisks++;
}

static void
disk_format(VireoBuf *buf, const DomainDisk *d)
{
    buf_addf(buf, "    <disk type='%s' device='%s'", d->type, d->device);
    conf_xml_attr(buf, "rawio", d->rawio);
    conf_xml_attr(buf, "sgio", d->sgio);
    buf_add(buf, ">\n");
    if (d->driver_name || d->driver_type || d->driver_cache || d->driver_io) {
        buf_add(buf, "      <driver");
        conf_xml_attr(buf, "name", d->driver_name);
        conf_xml_attr(buf, "type", d->driver_type);
        conf_xml_attr(buf, "cache", d->driver_cache);
        conf_xml_attr(buf, "io", d->driver_io);
        buf_add(buf, "/>\n");
    }
    if (d->source) {
        const char *attr = STREQ(d->type, "block") ? "dev" : STREQ(d->type, "dir") ? "dir" : "file";
        buf_add(buf, "      <source");
        conf_xml_attr(buf, attr, d->source);
        buf_add(buf, "/>\n");
    } else if (d->source_raw) {
        conf_xml_raw_format(buf, d->source_raw, 6);
    }
    buf_add(buf, "      <target");
    conf_xml_attr(buf, "dev", d->dst);
    conf_xml_attr(buf, "bus", d->bus);
    buf_add(buf, "/>\n");
    if (d->readonly)
        buf_add(buf, "      <readonly/>\n");
    if (d->shareable)
        buf_add(buf, "      <shareable/>\n");
    if (d->transient)
        buf_add(buf, "      <transient/>\n");
    conf_xml_element(buf, 6, "serial", d->serial);
    if (d->boot_order > 0)
        buf_addf(buf, "      <boot order='%d'/>\n", d->boot_order);
    addr_format(buf, &d->addr, 6);
    buf_add(buf, "    </disk>\n");
}

/* ---- controllers ---- */

static const char *const controller_types[] = {
    "ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci", "xenbus", "isa", NULL,
};

/* The models each controller type accepts (types not listed take none). */
static const struct {
    const char *type;
    const char *const *models;
} controller_models[] = {
    { "pci", (const char *const[]){ "pci-root", "pcie-root", "pci-bridge", "dmi-to-pci-bridge",
                                    "pcie-to-pci-bridge", "pcie-root-port",
                                    "pcie-switch-upstream-port", "pcie-switch-downstream-port",
                                    "pci-expander-bus", "pcie-expander-bus", NULL } },
    { "scsi", (const char *const[]){ "auto", "buslogic", "lsilogic", "lsisas1068", "vmpvscsi",
                                     "ibmvscsi", "virtio-scsi", "lsisas1078",
                                     "virtio-transitional", "virtio-non-transitional", "ncr53c90",
                                     "dc390", "am53c974", NULL } },
    { "usb", (const char *const[]){ "piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1",
                                    "ich9-uhci1", "ich9-uhci2", "ich9-uhci3", "vt82c686b-uhci",
                                    "pci-ohci", "nec-xhci", "qusb1", "qusb2", "qemu-xhci", "none",
                                    NULL } },
    { "ide", (const char *const[]){ "piix3", "piix4", "ich6", NULL } },
    { "virtio-serial", (const char *const[]){ "virtio", "virtio-transitional",
                                              "virtio-non-transitional", NULL } },
};

static int
controller_check_model(const DomainController *c)
{
    if (!c->model)
        return 0;
    for (size_t i = 0; i < ARRAY_SIZE(controller_models); i++)
        if (STREQ(controller_models[i].type, c->type) &&
            conf_enum_index(controller_models[i].models, c->model) >= 0)
            return 0;
    vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "Unknown model type '%s'", c->model);
    return -1;
}

/* A controller without an index keeps -1 until all are parsed (it sorts
 * after the others of its type, as in libvirt). */
static DomainController *
controller_parse(xmlNodePtr node)
{
    DomainController *c = XNEW(DomainController);
    unsigned int idx = 0;
    int rc;

    if (conf_xml_prop_enum(node, "type", controller_types, false, &c->type) < 0)
        goto error;
    if (!c->type)
        c->type = xstrdup("ide");
    if ((rc = conf_xml_prop_uint(node, "index", false, &idx)) < 0)
        goto error;
    c->index = rc > 0 ? (int)(idx & 0x7fffffff) : -1;
    c->model = conf_xml_prop(node, "model");
    if (controller_check_model(c) < 0 || addr_parse(node, &c->addr) < 0)
        goto error;
    return c;
error:
    controller_free(c);
    return NULL;
}

/* Gives each controller without an index the lowest one unused by its type. */
static void
controllers_assign_indexes(DomainDef *def)
{
    for (size_t i = 0; i < def->ncontrollers; i++) {
        DomainController *c = def->controllers[i];

        if (c->index >= 0)
            continue;
        for (int idx = 0;; idx++) {
            bool used = false;
            for (size_t j = 0; j < def->ncontrollers; j++)
                used |= STREQ(def->controllers[j]->type, c->type) &&
                        def->controllers[j]->index == idx;
            if (!used) {
                c->index = idx;
                break;
            }
        }
    }
}

static void
controller_insert(DomainDef *def, DomainController *c)
{
    ssize_t at = -1;

    for (ssize_t i = (ssize_t)def->ncontrollers - 1; i >= 0; i--) {
        if (STRNEQ(def->controllers[i]->type, c->type))
            continue;
        if (c->index == -1) {
            at = i + 1;
            break;
        }
        if (def->controllers[i]->index > c->index)
            at = i;
        else if (at == -1)
            at = i + 1;
    }
    def->controllers = xreallocarray(def->controllers, def->ncontrollers + 1,
                                     sizeof(*def->controllers));
    if (at < 0)
        at = (ssize_t)def->ncontrollers;
    memmove(def->controllers + at + 1, def->controllers + at,
            (def->ncontrollers - (size_t)at) * sizeof(*def->controllers));
    def->controllers[at] = c;
    def->ncontrollers++;
}

static bool
domain_has_virtio_channel(const DomainDef *def)
{
    for (size_t i = 0; i < def->nraw_devs; i++) {
        const ConfXmlRaw *target = conf_xml_raw_child(def->raw_devs[i], "target");

        if (STREQ(conf_xml_raw_name(def->raw_devs[i]), "channel") &&
            STREQ_NULLABLE(conf_xml_raw_attr(target, "type"), "virtio"))
            return true;
    }
    return false;
}

/* Defaults libvirt adds to devices kept verbatim. */
static void
raw_devices_defaults(DomainDef *def)
{
    for (size_t i = 0; i < def->nraw_devs; i++) {
        ConfXmlRaw *raw = def->raw_devs[i];
        const char *name = conf_xml_raw_name(raw);

        if (STREQ(name, "hostdev") && STREQ_NULLABLE(conf_xml_raw_attr(raw, "mode"), "subsystem"))
            conf_xml_raw_default_attr(raw, "managed", "no", "type");
        else if (STREQ(name, "watchdog"))
            conf_xml_raw_default_attr(raw, "action", "reset", "model");
    }
}

static void
controllers_add_implicit(DomainDef *def)
{
    static const char *const buses[] = { "scsi", "fdc", "ide", "sata" };

    for (size_t b = 0; b < ARRAY_SIZE(buses); b++) {
        int max = -1;

        for (size_t i = 0; i < def->ndisks; i++)
            if (STREQ(def->disks[i]->bus, buses[b]) &&
                def->disks[i]->addr.type == DOMAIN_ADDR_DRIVE &&
                (int)def->disks[i]->addr.controller > max)
                max = (int)def->disks[i]->addr.controller;
        if (max > 64)
            max = 64;
        for (int idx = 0; idx <= max; idx++) {
            bool found = false;
            for (size_t i = 0; i < def->ncontrollers; i++)
                found |= STREQ(def->controllers[i]->type, buses[b]) &&
                         def->controllers[i]->index == idx;
            if (!found) {
                DomainController *c = XNEW(DomainController);
                c->type = xstrdup(buses[b]);
                c->index = idx;
                controller_insert(def, c);
            }
        }
    }
    for (size_t i = 0; i < def->nconsoles + 1; i++) {
        bool found = false;

        /* the last round stands for the virtio channels */
        if (i == def->nconsoles) {
            if (!domain_has_virtio_channel(def))
                break;
        } else if (!def->consoles[i]->target_type ||
                   STRNEQ(def->consoles[i]->target_type, "virtio")) {
            continue;
        }
        for (size_t j = 0; j < def->ncontrollers; j++)
            found |= STREQ(def->controllers[j]->type, "virtio-serial");
        if (!found) {
            DomainController *c = XNEW(DomainController);
            c->type = xstrdup("virtio-serial");
            controller_insert(def, c);
        }
        break;
    }
}

static void
controller_format(VireoBuf *buf, const DomainController *c)
{
    buf_add(buf, "    <controller");
    conf_xml_attr(buf, "type", c->type);
    buf_addf(buf, " index='%d'", c->index);
    conf_xml_attr(buf, "model", c->model);
    if (c->addr.type == DOMAIN_ADDR_NONE) {
        buf_add(buf, "/>\n");
        return;
    }
    buf_add(buf, ">\n");
    addr_format(buf, &c->addr, 6);
    buf_add(buf, "    </controller>\n");
}

/* ---- interfaces ---- */

static int
mac_parse(const char *s, unsigned char *mac)
{
    for (int i = 0; i < 6; i++) {
        unsigned long v;
        char *end;

        if (!((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'a' && s[0] <= 'f') ||
              (s[0] >= 'A' && s[0] <= 'F')))
            return -1;
        errno = 0;
        v = strtoul(s, &end, 16);
        if (errno || end == s || end - s > 2 || v > 0xff)
            return -1;
        mac[i] = (unsigned char)v;
        s = end;
        if (i < 5) {
            if (*s != ':' && *s != '-')
                return -1;
            s++;
        }
    }
    return *s ? -1 : 0;
}

static void
mac_generate(unsigned char *mac)
{
    unsigned char rnd[VIR_UUID_BUFLEN];

    (void)vireo_uuid_generate(rnd);
    mac[0] = 0x52;
    mac[1] = 0x54;
    mac[2] = 0x00;
    mac[3] = rnd[0];
    mac[4] = rnd[1];
    mac[5] = rnd[2];
}

static int
net_parse_source(DomainNet *n, xmlNodePtr node)
{
    xmlNodePtr src = conf_xml_child(node, "source");
    const char *attr = NULL;

    if (STREQ(n->type, "network"))
        attr = "network";
    else if (STREQ(n->type, "bridge"))
        attr = "bridge";
    else if (STREQ(n->type, "direct"))
        attr = "dev";
    if (!attr)
        return 0;
    if (!src) {
        vir_report_error(VIR_ERR_XML_ERROR, "interface type='%s' requires a 'source' element",
                         n->type);
        return -1;
    }
    n->source = conf_xml_prop(src, attr);
    if (STREQ(n->type, "network"))
        n->portgroup = conf_xml_prop(src, "portgroup");
    if (!n->source) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "Missing required attribute '%s' in element 'source'", attr);
        return -1;
    }
    if (STREQ(n->type, "direct")) {
        n->source_mode = conf_xml_prop(src, "mode");
        if (!n->source_mode)
            n->source_mode = xstrdup("vepa");
    }
    return 0;
}

static DomainNet *
net_parse(xmlNodePtr node, unsigned int flags)
{
    DomainNet *n = XNEW(DomainNet);
    xmlNodePtr boot = conf_xml_child(node, "boot");
    _cleanup_free_ char *mac = conf_xml_prop(conf_xml_child(node, "mac"), "address");

    if (conf_xml_prop_enum(node, "type", net_types, false, &n->type) < 0)
        goto error;
    if (!n->type)
        n->type = xstrdup("user");
    if (mac) {
        if (mac_parse(mac, n->mac) < 0) {
            vir_report_error(VIR_ERR_XML_ERROR, "unable to parse mac address '%s'", mac);
            goto error;
        }
        if (n->mac[0] & 1) {
            vir_report_error(VIR_ERR_XML_ERROR, "expected unicast mac address, found multicast '%s'",
                             mac);
            goto error;
        }
    } else {
        mac_generate(n->mac);
    }
    if (net_parse_source(n, node) < 0)
        goto error;
    n->script = conf_xml_prop(conf_xml_child(node, "script"), "path");
    n->ifname = conf_xml_prop(conf_xml_child(node, "target"), "dev");
    /* names the host would generate are dropped from inactive configs */
    if (n->ifname && (flags & DOMAIN_PARSE_INACTIVE) &&
        (strncmp(n->ifname, "vnet", 4) == 0 || strncmp(n->ifname, "macvtap", 7) == 0 ||
         strncmp(n->ifname, "macvlan", 7) == 0))
        free(TAKE_PTR(n->ifname));
    n->model = conf_xml_prop(conf_xml_child(node, "model"), "type");
    if (boot && conf_xml_prop_uint(boot, "order", true, (unsigned int *)&n->boot_order) < 0)
        goto error;
    if (addr_parse(node, &n->addr) < 0)
        goto error;
    return n;
error:
    net_free(n);
    return NULL;
}

static void
net_format(VireoBuf *buf, const DomainNet *n)
{
    buf_addf(buf, "    <interface type='%s'>\n", n->type);
    buf_addf(buf, "      <mac address='%02x:%02x:%02x:%02x:%02x:%02x'/>\n", n->mac[0], n->mac[1],
             n->mac[2], n->mac[3], n->mac[4], n->mac[5]);
    if (n->source) {
        const char *attr = STREQ(n->type, "network") ? "network"
                           : STREQ(n->type, "bridge") ? "bridge" : "dev";
        buf_add(buf, "      <source");
        conf_xml_attr(buf, attr, n->source);
        conf_xml_attr(buf, "portgroup", n->portgroup);
        conf_xml_attr(buf, "mode", n->source_mode);
        buf_add(buf, "/>\n");
    }
    if (n->script) {
        buf_add(buf, "      <script");
        conf_xml_attr(buf, "path", n->script);
        buf_add(buf, "/>\n");
    }
    if (n->ifname) {
        buf_add(buf, "      <target");
        conf_xml_attr(buf, "dev", n->ifname);
        buf_add(buf, "/>\n");
    }
    if (n->model) {
        buf_add(buf, "      <model");
        conf_xml_attr(buf, "type", n->model);
        buf_add(buf, "/>\n");
    }
    if (n->boot_order > 0)
        buf_addf(buf, "      <boot order='%d'/>\n", n->boot_order);
    addr_format(buf, &n->addr, 6);
    buf_add(buf, "    </interface>\n");
}

int
domain_def_generate_ifnames(DomainDef *def)
{
    for (size_t i = 0; i < def->nnets; i++) {
        if (def->nets[i]->ifname)
            continue;
        for (int n = 0;; n++) {
            _cleanup_free_ char *name = NULL;
            bool used = false;

            if (n >= 1024) {
                vir_error_report(VIR_FROM_TEST, VIR_ERR_INTERNAL_ERROR,
                                 "Exceeded max iface limit %d", 1024);
                return -1;
            }
            name = xasprintf("testnet%d", n);
            for (size_t j = 0; j < def->nnets; j++)
                used |= def->nets[j]->ifname && STREQ(def->nets[j]->ifname, name);
            if (!used) {
                def->nets[i]->ifname = TAKE_PTR(name);
                break;
            }
        }
    }
    return 0;
}

/* ---- serials and consoles ---- */

static DomainChr *
chr_parse(xmlNodePtr node, bool console)
{
    DomainChr *c = XNEW(DomainChr);
    xmlNodePtr src = conf_xml_child(node, "source");
    xmlNodePtr target = conf_xml_child(node, "target");

    c->console = console;
    c->type = conf_xml_prop(node, "type");
    if (!c->type) {
        c->type = xstrdup("pty");
    } else if (conf_enum_index(chr_types, c->type) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED,
                         "unknown type presented to host for character device: %s", c->type);
        goto error;
    }
    c->source_path = conf_xml_prop(src, "path");
    c->source_mode = conf_xml_prop(src, "mode");
    c->source_host = conf_xml_prop(src, "host");
    c->source_service = conf_xml_prop(src, "service");
    c->protocol = conf_xml_prop(conf_xml_child(node, "protocol"), "type");
    c->target_type = conf_xml_prop(target, "type");
    c->target_port = -1;
    {
        _cleanup_free_ char *port = conf_xml_prop(target, "port");
        unsigned long v;
        char *end;

        if (port) {
            errno = 0;
            v = strtoul(port, &end, 10);
            if (end == port || *end || errno || strchr(port, '-') || v > 0x7fffffffUL) {
                vir_report_error(VIR_ERR_XML_ERROR, "Invalid port number: %s", port);
                goto error;
            }
            c->target_port = (int)v;
        }
    }
    c->target_port_set = c->target_port >= 0;
    return c;
error:
    chr_free(c);
    return NULL;
}

static bool
chr_same_source(const DomainChr *a, const DomainChr *b)
{
    return STREQ(a->type, b->type) && STREQ_NULLABLE(a->source_path, b->source_path) &&
           STREQ_NULLABLE(a->source_mode, b->source_mode) &&
           STREQ_NULLABLE(a->source_host, b->source_host) &&
           STREQ_NULLABLE(a->source_service, b->source_service);
}

static DomainChr *
chr_new_stub(void)
{
    DomainChr *c = XNEW(DomainChr);

    c->console = true;
    c->stub = true;
    c->type = xstrdup("pty");
    c->target_type = xstrdup("serial");
    return c;
}

/* libvirt's console compatibility for hvm guests: the first console of
 * type serial (or untyped) is an alias of the first serial port (which it
 * creates from the console when there is none); a guest with serials but
 * no such console gets one. Aliases are printed as copies of serial[0]. */
static int
chr_pair_consoles(DomainDef *def)
{
    for (size_t i = 1; i < def->nconsoles; i++) {
        if (!def->consoles[i]->target_type ||
            STREQ(def->consoles[i]->target_type, "serial")) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                             "Only the first console can be a serial port");
            return -1;
        }
    }
    if (STRNEQ(def->os_type, "hvm"))
        return 0;
    if (def->nconsoles > 0 &&
        (!def->consoles[0]->target_type || STREQ(def->consoles[0]->target_type, "serial"))) {
        if (def->nserials == 0) {
            DomainChr *serial = def->consoles[0];
            serial->console = false;
            free(TAKE_PTR(serial->target_type));
            serial->target_port = 0;
            serial->target_port_set = true;
            APPEND(def->serials, def->nserials, serial);
            def->consoles[0] = chr_new_stub();
        } else if (!chr_same_source(def->serials[0], def->consoles[0])) {
            chr_free(def->consoles[0]);
            def->consoles[0] = chr_new_stub();
        } else {
            free(def->consoles[0]->target_type);
            def->consoles[0]->target_type = xstrdup("serial");
        }
    } else if (def->nserials > 0) {
        def->consoles = xreallocarray(def->consoles, def->nconsoles + 1, sizeof(*def->consoles));
        memmove(def->consoles + 1, def->consoles, def->nconsoles * sizeof(*def->consoles));
        def->consoles[0] = chr_new_stub();
        def->nconsoles++;
    }
    return 0;
}

/* libvirt's per-device defaults for character devices: a serial port
 * without a port number takes the highest so far plus one; a console
 * without a target type is a serial console. */
static void
chr_post_parse(DomainDef *def)
{
    for (size_t i = 0; i < def->nserials; i++) {
        int max = -1;

        if (def->serials[i]->target_port_set)
            continue;
        for (size_t j = 0; j < def->nserials; j++)
            if (def->serials[j]->target_port > max)
                max = def->serials[j]->target_port;
        def->serials[i]->target_port = max + 1;
        def->serials[i]->target_port_set = true;
    }
    for (size_t i = 0; i < def->nconsoles; i++)
        if (!def->consoles[i]->target_type)
            def->consoles[i]->target_type = xstrdup("serial");
}

static void
chr_format_one(VireoBuf *buf, const DomainChr *c, const DomainChr *src, int port)
{
    const char *tag = c->console ? "console" : "serial";

    buf_addf(buf, "    <%s type='%s'>\n", tag, src->type);
    if (src->source_path || src->source_mode || src->source_host || src->source_service) {
        buf_add(buf, "      <source");
        conf_xml_attr(buf, "mode", src->source_mode);
        conf_xml_attr(buf, "host", src->source_host);
        conf_xml_attr(buf, "service", src->source_service);
        conf_xml_attr(buf, "path", src->source_path);
        buf_add(buf, "/>\n");
    }
    if (src->protocol) {
        buf_add(buf, "      <protocol");
        conf_xml_attr(buf, "type", src->protocol);
        buf_add(buf, "/>\n");
    }
    buf_add(buf, "      <target");
    conf_xml_attr(buf, "type", c->target_type);
    if (port >= 0)
        buf_addf(buf, " port='%d'", port);
    buf_add(buf, "/>\n");
    buf_addf(buf, "    </%s>\n", tag);
}

static void
chr_format(VireoBuf *buf, const DomainChr *c, const DomainDef *def)
{
    if (c->stub && def->nserials > 0)
        chr_format_one(buf, c, def->serials[0], def->serials[0]->target_port);
    else
        chr_format_one(buf, c, c, c->target_port_set ? c->target_port : -1);
}

/* ---- input, graphics, video ---- */

static DomainInput *
input_parse(xmlNodePtr node, const DomainDef *def)
{
    DomainInput *in = XNEW(DomainInput);

    in->type = conf_xml_prop(node, "type");
    in->bus = conf_xml_prop(node, "bus");
    if (!in->type) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "missing input device type");
        goto error;
    }
    if (conf_enum_index(input_types, in->type) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "unknown input device type '%s'", in->type);
        goto error;
    }
    if (in->bus && conf_enum_index(input_buses, in->bus) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "unknown input bus type '%s'", in->bus);
        goto error;
    }
    if (!in->bus) {
        bool x86 = STREQ(def->os_arch, "i686") || STREQ(def->os_arch, "x86_64");

        if (STREQ(def->os_type, "hvm"))
            in->bus = xstrdup(!STREQ(in->type, "tablet") && x86 ? "ps2" : "usb");
        else if (STREQ(def->os_type, "xen") || STREQ(def->os_type, "xenpvh"))
            in->bus = xstrdup("xen");
        else
            in->bus = xstrdup("none");
    }
    return in;
error:
    input_free(in);
    return NULL;
}

static int
graphics_parse_port(xmlNodePtr node, const char *attr, int *ret)
{
    _cleanup_free_ char *val = conf_xml_prop(node, attr);
    char *end;
    long v;

    *ret = 0;
    if (!val)
        return 0;
    errno = 0;
    v = strtol(val, &end, 10);
    if (end == val || *end || errno || v < -1 || v > 65535) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "cannot parse %s %s %s",
                         STREQ(attr, "port") ? "vnc" : "spice", attr, val);
        return -1;
    }
    *ret = (int)v;
    return 1;
}

static DomainGraphics *
graphics_parse(xmlNodePtr node, unsigned int flags)
{
    DomainGraphics *g = XNEW(DomainGraphics);
    _cleanup_free_ char *autoport = NULL;
    int has_port;

    if (conf_xml_prop_enum(node, "type", graphics_types, true, &g->type) < 0)
        goto error;
    autoport = conf_xml_prop(node, "autoport");
    if ((has_port = graphics_parse_port(node, "port", &g->port)) < 0 ||
        graphics_parse_port(node, "tlsPort", &g->tls_port) < 0)
        goto error;
    if (STREQ(g->type, "vnc")) {
        /* no port, or the legacy -1, both mean "pick one at start" */
        if (!has_port || g->port == -1) {
            if (g->port == -1 && !(flags & DOMAIN_PARSE_INACTIVE))
                g->port = -1;
            else
                g->port = 0;
            g->autoport = true;
        }
        if (autoport) {
            g->autoport = STREQ(autoport, "yes");
            if (g->autoport && (flags & DOMAIN_PARSE_INACTIVE))
                g->port = 0;
        }
    } else if (STREQ(g->type, "spice")) {
        if (autoport)
            g->autoport = STREQ(autoport, "yes");
        if (g->port == -1 && g->tls_port == -1)
            g->autoport = true;
        if (g->autoport && (flags & DOMAIN_PARSE_INACTIVE))
            g->port = g->tls_port = 0;
    }
    g->listen = conf_xml_prop(node, "listen");
    g->socket = conf_xml_prop(node, "socket");
    {
        xmlNodePtr ln = conf_xml_child(node, "listen");
        g->listen_type = conf_xml_prop(ln, "type");
        g->listen_network = conf_xml_prop(ln, "network");
        if (!g->listen)
            g->listen = conf_xml_prop(ln, "address");
        if (!g->socket)
            g->socket = conf_xml_prop(ln, "socket");
    }
    if (g->socket) {
        free(g->listen_type);
        g->listen_type = xstrdup("socket");
    } else if (!g->listen_type || (STRNEQ(g->listen_type, "network") &&
                                   STRNEQ(g->listen_type, "none"))) {
        free(g->listen_type);
        g->listen_type = xstrdup("address");
    }
    /* a spice display with no port and no autoport listens nowhere */
    if (STREQ(g->type, "spice") && !g->port && !g->tls_port && !g->autoport) {
        free(g->listen_type);
        g->listen_type = xstrdup("none");
        free(TAKE_PTR(g->listen));
    }
    g->passwd = conf_xml_prop(node, "passwd");
    g->keymap = conf_xml_prop(node, "keymap");
    g->display = conf_xml_prop(node, "display");
    g->xauth = conf_xml_prop(node, "xauth");
    g->fullscreen = conf_xml_prop(node, "fullscreen");
    return g;
error:
    graphics_free(g);
    return NULL;
}

static void
graphics_format_listen(VireoBuf *buf, const DomainGraphics *g)
{
    buf_add(buf, ">\n      <listen");
    conf_xml_attr(buf, "type", g->listen_type);
    if (STREQ(g->listen_type, "socket"))
        conf_xml_attr(buf, "socket", g->socket);
    else if (STREQ(g->listen_type, "network"))
        conf_xml_attr(buf, "network", g->listen_network);
    else if (STREQ(g->listen_type, "address"))
        conf_xml_attr(buf, "address", g->listen);
    buf_add(buf, "/>\n    </graphics>\n");
}

static void
graphics_format(VireoBuf *buf, const DomainGraphics *g, unsigned int flags)
{
    bool vnc = STREQ(g->type, "vnc"), spice = STREQ(g->type, "spice");
    bool address = STREQ_NULLABLE(g->listen_type, "address") ||
                   STREQ_NULLABLE(g->listen_type, "network");

    buf_addf(buf, "    <graphics type='%s'", g->type);
    if (vnc && STREQ(g->listen_type, "socket")) {
        conf_xml_attr(buf, "socket", g->socket);
    } else if (vnc) {
        if (g->port && (!g->autoport || !(flags & DOMAIN_FORMAT_INACTIVE)))
            buf_addf(buf, " port='%d'", g->port);
        else if (g->autoport)
            buf_add(buf, " port='-1'");
        buf_addf(buf, " autoport='%s'", g->autoport ? "yes" : "no");
    } else if (spice && address) {
        if (g->port)
            buf_addf(buf, " port='%d'", g->port);
        if (g->tls_port)
            buf_addf(buf, " tlsPort='%d'", g->tls_port);
        buf_addf(buf, " autoport='%s'", g->autoport ? "yes" : "no");
    } else if (!spice) {
        conf_xml_attr(buf, "display", g->display);
        conf_xml_attr(buf, "xauth", g->xauth);
        conf_xml_attr(buf, "fullscreen", g->fullscreen);
    }
    if (vnc || spice) {
        if (STREQ(g->listen_type, "address"))
            conf_xml_attr(buf, "listen", g->listen);
        conf_xml_attr(buf, "keymap", g->keymap);
        if (flags & DOMAIN_FORMAT_SECURE)
            conf_xml_attr(buf, "passwd", g->passwd);
        graphics_format_listen(buf, g);
        return;
    }
    buf_add(buf, "/>\n");
}

/* libvirt's default video RAM (KiB) for a model and hypervisor type. */
static unsigned int
video_default_vram(const DomainDef *def, const char *model)
{
    if (STREQ(model, "vga") || STREQ(model, "cirrus") || STREQ(model, "vmvga")) {
        if (STREQ(def->virt_type, "vbox"))
            return 8 * 1024;
        if (STREQ(def->virt_type, "vmware"))
            return 4 * 1024;
        return 16 * 1024;
    }
    if (STREQ(model, "bochs"))
        return 16 * 1024;
    if (STREQ(model, "xen"))
        return 4 * 1024;
    if (STREQ(model, "qxl"))
        return 64 * 1024;
    return 0;
}

static void
video_apply_defaults(DomainVideo *v, const DomainDef *def)
{
    if (!v->model || STREQ(v->model, "default")) {
        free(v->model);
        v->model = xstrdup(STREQ(def->os_type, "xen") || STREQ(def->os_type, "linux") ? "xen"
                                                                                       : "cirrus");
    }
    if (STREQ(v->model, "none")) {
        v->heads = 0;
        return;
    }
    if (!v->vram)
        v->vram = video_default_vram(def, v->model);
    if (STREQ(v->model, "qxl") && !v->ram)
        v->ram = 64 * 1024;
    if (!v->heads)
        v->heads = 1;
}

static int
video_parse_size(xmlNodePtr model, const char *attr, unsigned int *ret)
{
    _cleanup_free_ char *val = conf_xml_prop(model, attr);
    unsigned long v;
    char *end;

    if (!val)
        return 0;
    errno = 0;
    v = strtoul(val, &end, 10);
    if (end == val || *end || errno || strchr(val, '-') || v > 0xffffffffUL) {
        vir_report_error(VIR_ERR_XML_ERROR, "cannot parse video %s '%s'", attr, val);
        return -1;
    }
    *ret = (unsigned int)v;
    return 0;
}

static DomainVideo *
video_parse(xmlNodePtr node, const DomainDef *def)
{
    DomainVideo *v = XNEW(DomainVideo);
    xmlNodePtr model = conf_xml_child(node, "model");

    v->model = conf_xml_prop(model, "type");
    if (v->model && conf_enum_index(video_models, v->model) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "unknown video model '%s'", v->model);
        video_free(v);
        return NULL;
    }
    if (video_parse_size(model, "ram", &v->ram) < 0 ||
        video_parse_size(model, "vram", &v->vram) < 0 ||
        video_parse_size(model, "vgamem", &v->vgamem) < 0 ||
        video_parse_size(model, "heads", &v->heads) < 0 || addr_parse(node, &v->addr) < 0) {
        video_free(v);
        return NULL;
    }
    video_apply_defaults(v, def);
    return v;
}

static void
video_format(VireoBuf *buf, const DomainVideo *v)
{
    buf_addf(buf, "    <video>\n      <model type='%s'", v->model);
    if (v->ram)
        buf_addf(buf, " ram='%u'", v->ram);
    if (v->vram)
        buf_addf(buf, " vram='%u'", v->vram);
    if (v->vgamem)
        buf_addf(buf, " vgamem='%u'", v->vgamem);
    if (v->heads)
        buf_addf(buf, " heads='%u'", v->heads);
    if (v->primary)
        buf_add(buf, " primary='yes'");
    buf_add(buf, "/>\n");
    addr_format(buf, &v->addr, 6);
    buf_add(buf, "    </video>\n");
}

/* ---- the <devices> element ---- */

static int
devices_parse_one(DomainDef *def, xmlNodePtr node, unsigned int flags)
{
    const char *name = (const char *)node->name;

    if (STREQ(name, "disk")) {
        DomainDisk *d = disk_parse(node);
        if (!d)
            return -1;
        disk_insert(def, d);
    } else if (STREQ(name, "controller")) {
        DomainController *c = controller_parse(node);
        if (!c)
            return -1;
        controller_insert(def, c);
    } else if (STREQ(name, "interface")) {
        DomainNet *n = net_parse(node, flags);
        if (!n)
            return -1;
        APPEND(def->nets, def->nnets, n);
    } else if (STREQ(name, "serial") || STREQ(name, "console")) {
        bool console = STREQ(name, "console");
        DomainChr *c = chr_parse(node, console);
        if (!c)
            return -1;
        if (console) {
            /* consoles are numbered by position, whatever they say */
            c->target_port = (int)def->nconsoles;
            c->target_port_set = true;
            APPEND(def->consoles, def->nconsoles, c);
        } else
            APPEND(def->serials, def->nserials, c);
    } else if (STREQ(name, "input")) {
        DomainInput *in = input_parse(node, def);
        if (!in)
            return -1;
        APPEND(def->inputs, def->ninputs, in);
    } else if (STREQ(name, "graphics")) {
        DomainGraphics *g = graphics_parse(node, flags);
        if (!g)
            return -1;
        APPEND(def->graphics, def->ngraphics, g);
    } else if (STREQ(name, "video")) {
        DomainVideo *v = video_parse(node, def);
        if (!v)
            return -1;
        APPEND(def->videos, def->nvideos, v);
    } else if (STREQ(name, "memballoon")) {
        if (def->memballoon_model) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                             "only a single memory balloon device is supported");
            return -1;
        }
        if (conf_xml_prop_enum(node, "model", balloon_models, true, &def->memballoon_model) < 0 ||
            addr_parse(node, &def->memballoon_addr) < 0)
            return -1;
    } else {
        for (size_t i = 0; i < ARRAY_SIZE(raw_devices); i++)
            if (STREQ(name, raw_devices[i].name)) {
                APPEND(def->raw_devs, def->nraw_devs, conf_xml_raw_new(node));
                break;
            }
    }
    return 0;
}

int
domain_devices_parse(DomainDef *def, xmlNodePtr devices, unsigned int flags)
{
    for (xmlNodePtr cur = devices ? devices->children : NULL; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (devices_parse_one(def, cur, flags) < 0)
            return -1;
    }
    /* libvirt's per-device post-parse: runs before its domain-wide checks */
    controllers_assign_indexes(def);
    for (size_t i = 0; i < def->ndisks; i++) {
        if (!def->disks[i]->bus)
            def->disks[i]->bus = xstrdup(disk_default_bus(def->disks[i]));
        if (disk_assign_address(def->disks[i]) < 0)
            return -1;
    }
    chr_post_parse(def);
    return 0;
}

int
domain_devices_post_parse_checked(DomainDef *def)
{
    if (chr_pair_consoles(def) < 0)
        return -1;
    raw_devices_defaults(def);
    controllers_add_implicit(def);
    if (def->ngraphics > 0 && def->nvideos == 0) {
        DomainVideo *v = XNEW(DomainVideo);
        video_apply_defaults(v, def);
        APPEND(def->videos, def->nvideos, v);
    }
    if (def->nvideos > 0 && STRNEQ(def->videos[0]->model, "none"))
        def->videos[0]->primary = true;
    return 0;
}

/* Address types each controller-based disk bus accepts (libvirt's
 * compatibility table; other buses take any). */
static bool
disk_address_compatible(const DomainDisk *d)
{
    const char *type = d->addr.type == DOMAIN_ADDR_PCI     ? "pci"
                       : d->addr.type == DOMAIN_ADDR_DRIVE ? "drive"
                       : d->addr.type == DOMAIN_ADDR_RAW   ? conf_xml_raw_attr(d->addr.raw, "type")
                                                           : NULL;

    if (!type)
        return true;
    if (STREQ(d->bus, "ide") || STREQ(d->bus, "fdc") || STREQ(d->bus, "scsi") ||
        STREQ(d->bus, "sata"))
        return STREQ(type, "drive");
    if (STREQ(d->bus, "virtio"))
        return STREQ(type, "pci") || STREQ(type, "ccw") || STREQ(type, "virtio-mmio") ||
               STREQ(type, "virtio-s390");
    if (STREQ(d->bus, "usb"))
        return STREQ(type, "usb");
    return true;
}

static int
disk_validate(const DomainDisk *d)
{
    static const char *const disk_prefixes[] = { "hd", "sd", "vd", "xvd", "ubd" };
    bool floppy = STREQ(d->device, "floppy"), named = false;

    if (STREQ(d->device, "lun") && !(STREQ(d->type, "block") && d->source) &&
        STRNEQ(d->type, "volume") && STRNEQ(d->type, "network")) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                         "disk device='lun' is only valid for block type disk source");
        return -1;
    }
    if (!disk_address_compatible(d)) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED,
                         "Invalid address type '%s' for the disk '%s' with the bus type '%s'",
                         d->addr.type == DOMAIN_ADDR_PCI ? "pci"
                         : d->addr.type == DOMAIN_ADDR_DRIVE ? "drive"
                         : conf_xml_raw_attr(d->addr.raw, "type"),
                         d->dst, d->bus);
        return -1;
    }
    if (floppy && STRNEQ(d->bus, "fdc")) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Invalid bus type '%s' for floppy disk", d->bus);
        return -1;
    }
    if (!floppy && STREQ(d->bus, "fdc")) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Invalid bus type '%s' for disk", d->bus);
        return -1;
    }
    for (size_t i = 0; i < ARRAY_SIZE(disk_prefixes); i++)
        named |= strncmp(d->dst, disk_prefixes[i], strlen(disk_prefixes[i])) == 0;
    if ((STREQ(d->device, "disk") || STREQ(d->device, "lun")) && !named) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Invalid harddisk device name: %s", d->dst);
        return -1;
    }
    if (floppy && strncmp(d->dst, "fd", 2) != 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Invalid floppy device name: %s", d->dst);
        return -1;
    }
    if (STREQ(d->device, "disk") && !d->source && !d->source_raw) {
        vir_report_error(VIR_ERR_NO_SOURCE, "%s", d->dst);
        return -1;
    }
    return 0;
}

static int
input_validate(const DomainInput *in, const DomainDef *def)
{
    bool pointer_or_kbd = STREQ(in->type, "mouse") || STREQ(in->type, "keyboard");

    if (STREQ(def->os_type, "hvm")) {
        if (STREQ(in->bus, "ps2") && !pointer_or_kbd) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "ps2 bus does not support %s input device",
                             in->type);
            return -1;
        }
        if (STREQ(in->bus, "xen")) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "unsupported input bus %s", in->bus);
            return -1;
        }
        return 0;
    }
    if (STREQ(def->os_type, "xen") || STREQ(def->os_type, "xenpvh")) {
        if (STRNEQ(in->bus, "xen")) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "unsupported input bus %s", in->bus);
            return -1;
        }
        if (!pointer_or_kbd) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "xen bus does not support %s input device",
                             in->type);
            return -1;
        }
        return 0;
    }
    vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                     "Input devices are not supported by this virtualization driver.");
    return -1;
}

int
domain_devices_validate(const DomainDef *def)
{
    for (size_t i = 0; i < def->ndisks; i++)
        if (disk_validate(def->disks[i]) < 0)
            return -1;
    for (size_t i = 0; i < def->ninputs; i++)
        if (input_validate(def->inputs[i], def) < 0)
            return -1;
    for (size_t i = 0; i < def->ndisks; i++) {
        for (size_t j = i + 1; j < def->ndisks; j++) {
            const DomainDisk *a = def->disks[i], *b = def->disks[j];

            if (STREQ(a->dst, b->dst)) {
                vir_report_error(VIR_ERR_XML_ERROR,
                                 "target '%s' duplicated for disk sources '%s' and '%s'", a->dst,
                                 NULLSTR(a->source), NULLSTR(b->source));
                return -1;
            }
        }
    }
    return 0;
}

int
domain_devices_validate_video(const DomainDef *def)
{
    for (size_t i = 0; i < def->nvideos && def->nvideos > 1; i++) {
        if (STREQ(def->videos[i]->model, "none")) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                             "a 'none' video type must be the only video device defined for "
                             "the domain");
            return -1;
        }
    }
    return 0;
}

static void
raw_devices_format(VireoBuf *buf, const DomainDef *def, const char *before)
{
    for (size_t i = 0; i < ARRAY_SIZE(raw_devices); i++) {
        if (STRNEQ(raw_devices[i].before, before))
            continue;
        for (size_t j = 0; j < def->nraw_devs; j++)
            if (STREQ(conf_xml_raw_name(def->raw_devs[j]), raw_devices[i].name))
                conf_xml_raw_format(buf, def->raw_devs[j], 4);
    }
}

void
domain_devices_format(VireoBuf *buf, const DomainDef *def, unsigned int flags)
{
    buf_add(buf, "  <devices>\n");
    conf_xml_element(buf, 4, "emulator", def->emulator);
    for (size_t i = 0; i < def->ndisks; i++)
        disk_format(buf, def->disks[i]);
    for (size_t i = 0; i < def->ncontrollers; i++)
        controller_format(buf, def->controllers[i]);
    raw_devices_format(buf, def, "interface");
    for (size_t i = 0; i < def->nnets; i++)
        net_format(buf, def->nets[i]);
    raw_devices_format(buf, def, "serial");
    for (size_t i = 0; i < def->nserials; i++)
        chr_format(buf, def->serials[i], def);
    raw_devices_format(buf, def, "console");
    for (size_t i = 0; i < def->nconsoles; i++) {
        /* an hvm guest's first serial console is printed as its first
         * serial port (it is an alias of it) */
        if (i == 0 && STREQ(def->os_type, "hvm") && def->nserials > 0 &&
            STREQ_NULLABLE(def->consoles[0]->target_type, "serial"))
            chr_format_one(buf, def->consoles[0], def->serials[0], def->serials[0]->target_port);
        else
            chr_format(buf, def->consoles[i], def);
    }
    raw_devices_format(buf, def, "input");
    for (size_t i = 0; i < def->ninputs; i++)
        buf_addf(buf, "    <input type='%s' bus='%s'/>\n", def->inputs[i]->type,
                 def->inputs[i]->bus);
    raw_devices_format(buf, def, "graphics");
    for (size_t i = 0; i < def->ngraphics; i++)
        graphics_format(buf, def->graphics[i], flags);
    raw_devices_format(buf, def, "video");
    for (size_t i = 0; i < def->nvideos; i++)
        video_format(buf, def->videos[i]);
    raw_devices_format(buf, def, "memballoon");
    if (def->memballoon_model) {
        buf_addf(buf, "    <memballoon model='%s'", def->memballoon_model);
        if (def->memballoon_addr.type == DOMAIN_ADDR_NONE) {
            buf_add(buf, "/>\n");
        } else {
            buf_add(buf, ">\n");
            addr_format(buf, &def->memballoon_addr, 6);
            buf_add(buf, "    </memballoon>\n");
        }
    }
    raw_devices_format(buf, def, "end");
    buf_add(buf, "  </devices>\n");
}
