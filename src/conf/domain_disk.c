/*
 * domain_disk.c: disks, device addresses and controllers of a domain.
 *
 * Disks get libvirt's defaults: a bus from the target name, drive
 * addresses on controller buses, and the controllers those addresses
 * need; they are ordered and validated as libvirt orders and checks them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conf/domain_device_priv.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN
#include "util/error.h"

static const char *const disk_types[] = {
    "file", "block", "dir", "network", "volume", "nvme", "vhostuser", NULL,
};

static const char *const disk_devices[] = { "disk", "cdrom", "floppy", "lun", NULL };

static const char *const disk_buses[] = {
    "ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd", NULL,
};

void
domain_addr_clear(DomainAddress *a)
{
    conf_xml_raw_free(a->raw);
    memset(a, 0, sizeof(*a));
}

void
domain_disk_free(DomainDisk *d)
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
    conf_xml_raw_free(d->iotune);
    domain_addr_clear(&d->addr);
    free(d);
}

void
domain_controller_free(DomainController *c)
{
    free(c->type);
    free(c->model);
    domain_addr_clear(&c->addr);
    conf_xml_raw_free(c->raw);
    free(c);
}

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

int
domain_addr_parse(xmlNodePtr parent, DomainAddress *a)
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

void
domain_addr_format(VireoBuf *buf, const DomainAddress *a, int indent)
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

const char *
domain_disk_default_bus(const DomainDisk *d)
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

DomainDisk *
domain_disk_parse(xmlNodePtr node)
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
    d->dst_index = d->dst ? disk_index(d->dst) : -1;
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
    if (conf_xml_child(node, "iotune"))
        d->iotune = conf_xml_raw_new(conf_xml_child(node, "iotune"));
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
    if (domain_addr_parse(node, &d->addr) < 0)
        goto error;
    return d;
error:
    domain_disk_free(d);
    return NULL;
}

/* Drive address for a controller-based bus, as libvirt assigns it. */
int
domain_disk_assign_address(DomainDisk *d)
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
void
domain_disk_insert(DomainDef *def, DomainDisk *disk)
{
    ssize_t at = -1;

    for (ssize_t i = (ssize_t)def->ndisks - 1; i >= 0; i--) {
        if (!STREQ_NULLABLE(def->disks[i]->bus, disk->bus))
            continue;
        if (def->disks[i]->dst_index > disk->dst_index)
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

void
domain_disk_format(VireoBuf *buf, const DomainDisk *d)
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
    if (d->iotune)
        conf_xml_raw_format(buf, d->iotune, 6);
    if (d->readonly)
        buf_add(buf, "      <readonly/>\n");
    if (d->shareable)
        buf_add(buf, "      <shareable/>\n");
    if (d->transient)
        buf_add(buf, "      <transient/>\n");
    conf_xml_element(buf, 6, "serial", d->serial);
    if (d->boot_order > 0)
        buf_addf(buf, "      <boot order='%d'/>\n", d->boot_order);
    domain_addr_format(buf, &d->addr, 6);
    buf_add(buf, "    </disk>\n");
}

/* Controller-based disk buses take drive addresses only; the others
 * take any (libvirt's compatibility table). */
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
    return true;
}

int
domain_disk_validate(const DomainDisk *d)
{
    static const char *const disk_prefixes[] = { "hd", "sd", "vd", "xvd", "ubd" };
    bool floppy = STREQ(d->device, "floppy"), named = false;

    if (STREQ(d->device, "lun") && !(STREQ(d->type, "block") && d->source) &&
        STRNEQ(d->type, "volume") && STRNEQ(d->type, "network")) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                         "disk device='lun' is only valid for block type disk source");
        return -1;
    }
    if (STREQ(d->device, "lun") && d->driver_type && STRNEQ(d->driver_type, "raw")) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s", "disk device 'lun' must use 'raw' format");
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
DomainController *
domain_controller_parse(xmlNodePtr node)
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
    if (controller_check_model(c) < 0 || domain_addr_parse(node, &c->addr) < 0)
        goto error;
    return c;
error:
    domain_controller_free(c);
    return NULL;
}

/* Gives each controller without an index the lowest one unused by its type. */
int
domain_controllers_check_duplicates(const DomainDef *def)
{
    for (size_t i = 0; i < def->ncontrollers; i++)
        for (size_t j = 0; j < i; j++)
            if (STREQ(def->controllers[i]->type, def->controllers[j]->type) &&
                def->controllers[i]->index == def->controllers[j]->index) {
                vir_report_error(VIR_ERR_XML_ERROR, "Multiple '%s' controllers with index '%d'",
                                 def->controllers[i]->type, def->controllers[i]->index);
                return -1;
            }
    return 0;
}

void
domain_controllers_assign_indexes(DomainDef *def)
{
    /* the lowest free index is at most the number of controllers */
    bool *used = XNEW_ARRAY(bool, def->ncontrollers + 1);

    for (size_t i = 0; i < def->ncontrollers; i++) {
        DomainController *c = def->controllers[i];

        if (c->index >= 0)
            continue;
        memset(used, 0, (def->ncontrollers + 1) * sizeof(*used));
        for (size_t j = 0; j < def->ncontrollers; j++)
            if (STREQ(def->controllers[j]->type, c->type) && def->controllers[j]->index >= 0 &&
                (size_t)def->controllers[j]->index <= def->ncontrollers)
                used[def->controllers[j]->index] = true;
        for (size_t idx = 0; idx <= def->ncontrollers; idx++)
            if (!used[idx]) {
                c->index = (int)idx;
                break;
            }
    }
    free(used);
}

void
domain_controller_insert(DomainDef *def, DomainController *c)
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

/* Implicit controllers are appended (not sorted in like written ones),
 * as libvirt adds them. */
void
domain_controllers_add_implicit(DomainDef *def)
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
                APPEND(def->controllers, def->ncontrollers, c);
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
            APPEND(def->controllers, def->ncontrollers, c);
        }
        break;
    }
}

void
domain_controller_format(VireoBuf *buf, const DomainController *c)
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
    domain_addr_format(buf, &c->addr, 6);
    buf_add(buf, "    </controller>\n");
}
