/*
 * qemu_conf.c: what the QEMU driver accepts in a <domain>, the defaults it
 * fills in at define time, and the <log file> extra.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "drivers/qemu/qemu_conf.h"
#include "drivers/qemu/qemu_seclabel.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

/* Every element path the driver honours. A trailing '*' accepts the whole
 * subtree (foreign metadata). Anything else is refused by name. */
static const char *const qemu_allowed_paths[] = {
    "domain/name", "domain/uuid", "domain/title", "domain/description", "domain/metadata*",
    "domain/memory", "domain/currentMemory", "domain/vcpu", "domain/os", "domain/os/type",
    "domain/os/kernel", "domain/os/initrd", "domain/os/cmdline", "domain/os/boot",
    "domain/features", "domain/features/acpi", "domain/features/apic", "domain/features/pae",
    "domain/cpu", "domain/cpu/model", "domain/clock", "domain/on_poweroff", "domain/on_reboot",
    "domain/on_crash", "domain/devices", "domain/devices/emulator", "domain/devices/disk",
    "domain/devices/disk/driver", "domain/devices/disk/source", "domain/devices/disk/target",
    "domain/devices/disk/readonly", "domain/devices/disk/boot", "domain/devices/disk/address",
    "domain/devices/disk/serial", "domain/devices/controller",
    "domain/devices/controller/address", "domain/devices/controller/model",
    "domain/devices/interface", "domain/devices/interface/mac",
    "domain/devices/interface/model", "domain/devices/interface/address",
    "domain/devices/interface/boot", "domain/devices/interface/source", "domain/devices/serial", "domain/devices/serial/source",
    "domain/devices/serial/target", "domain/devices/serial/target/model",
    "domain/devices/serial/log", "domain/devices/console", "domain/devices/console/source",
    "domain/devices/console/target", "domain/devices/input", "domain/devices/graphics",
    "domain/devices/graphics/listen", "domain/devices/video", "domain/devices/video/model",
    "domain/devices/video/address", "domain/devices/memballoon",
    "domain/devices/memballoon/address", "domain/devices/memballoon/stats",
    "domain/devices/audio",
    "domain/seclabel", "domain/seclabel/label", "domain/seclabel/imagelabel",
    "domain/seclabel/baselabel", NULL,
};

static int
qemu_check_path(const char *path, bool *ret_subtree)
{
    for (size_t i = 0; qemu_allowed_paths[i]; i++) {
        const char *p = qemu_allowed_paths[i];
        size_t n = strlen(p);

        if (p[n - 1] == '*' && strncmp(path, p, n - 1) == 0 && path[n - 1] == '\0') {
            *ret_subtree = true;
            return 0;
        }
        if (STREQ(p, path)) {
            *ret_subtree = false;
            return 0;
        }
    }
    return -1;
}

/* Walks node's element children; path is node's own path. */
static int
qemu_check_elements(xmlNodePtr node, const char *path)
{
    for (xmlNodePtr cur = node->children; cur; cur = cur->next) {
        _cleanup_free_ char *sub = NULL;
        bool subtree;

        if (cur->type != XML_ELEMENT_NODE)
            continue;
        sub = xasprintf("%s/%s", path, (const char *)cur->name);
        if (qemu_check_path(sub, &subtree) < 0) {
            const char *parent = strrchr(path, '/');
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED,
                             "element <%s> in <%s> is not supported by the QEMU driver",
                             (const char *)cur->name, parent ? parent + 1 : path);
            return -1;
        }
        if (!subtree && qemu_check_elements(cur, sub) < 0)
            return -1;
    }
    return 0;
}

static void
qemu_def_read_log(QemuDef *qdef, xmlNodePtr root)
{
    xmlNodePtr devices = conf_xml_child(root, "devices");
    xmlNodePtr chr = conf_xml_child(devices, "serial");
    xmlNodePtr log;

    if (!chr)
        chr = conf_xml_child(devices, "console");
    if (!(log = conf_xml_child(chr, "log")))
        return;
    qdef->serial_log = conf_xml_prop(log, "file");
    _cleanup_free_ char *append = conf_xml_prop(log, "append");
    qdef->serial_log_append = append && STREQ(append, "on");
}

void
qemu_def_free(QemuDef *qdef)
{
    if (!qdef)
        return;
    domain_def_free(qdef->def);
    free(qdef->serial_log);
    free(qdef);
}

/* ---- defaults ---- */

static ConfXmlRaw *
qemu_raw_from_string(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "snippet", NULL, XML_PARSE_NONET);
    ConfXmlRaw *raw;

    if (!doc)
        abort(); /* our own constant snippets always parse */
    raw = conf_xml_raw_new(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return raw;
}

static int
qemu_refuse(const char *what, const char *value)
{
    vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s '%s' is not supported by the QEMU driver",
                     what, value ? value : "");
    return -1;
}

static bool
qemu_in(const char *value, const char *const *allowed)
{
    return value && conf_enum_index(allowed, value) >= 0;
}

static int
qemu_defaults_top(DomainDef *def, const QemuConfCaps *caps, bool arch_given)
{
    static const char *const lifecycle[] = { "destroy", "restart", NULL };
    static const char *const offsets[] = { "utc", "localtime", NULL };

    if (STRNEQ(def->virt_type, "qemu") && STRNEQ(def->virt_type, "kvm"))
        return qemu_refuse("domain type", def->virt_type);
    if (STREQ(def->virt_type, "kvm") && !caps->kvm_usable) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                         "KVM acceleration does not work on this host (its boot self-test "
                         "failed): use <domain type='qemu'>");
        return -1;
    }
    if (STRNEQ(def->os_type, "hvm"))
        return qemu_refuse("OS type", def->os_type);
    if (!arch_given) {
        free(def->os_arch);
        def->os_arch = xstrdup("x86_64");
    }
    if (STRNEQ(def->os_arch, "x86_64"))
        return qemu_refuse("architecture", def->os_arch);
    if (!def->os_machine || STREQ(def->os_machine, "pc")) {
        free(def->os_machine);
        def->os_machine = xstrdup(caps->pc_canonical);
    }
    if (strncmp(def->os_machine, "pc-i440fx-", 10) != 0 ||
        (caps->machines && !qemu_in(def->os_machine, caps->machines)))
        return qemu_refuse("machine type", def->os_machine);
    if (!def->emulator)
        def->emulator = xstrdup(caps->emulator);
    if (!def->clock_offset)
        def->clock_offset = xstrdup("utc");
    if (!qemu_in(def->clock_offset, offsets) || def->nclock_timers > 0)
        return qemu_refuse("clock offset", def->clock_offset);
    if (!qemu_in(def->on_poweroff, lifecycle) || !qemu_in(def->on_reboot, lifecycle) ||
        !qemu_in(def->on_crash, lifecycle))
        return qemu_refuse("lifecycle action",
                           !qemu_in(def->on_poweroff, lifecycle) ? def->on_poweroff
                           : !qemu_in(def->on_reboot, lifecycle) ? def->on_reboot
                                                                 : def->on_crash);
    return 0;
}

/* Checks a CPU model name: it lands on qemu's command line. */
static bool
qemu_cpu_model_valid(const char *m)
{
    if (!m || !*m || strlen(m) > 64)
        return false;
    for (; *m; m++)
        if (!((*m >= 'a' && *m <= 'z') || (*m >= 'A' && *m <= 'Z') || (*m >= '0' && *m <= '9') ||
              *m == '-' || *m == '_' || *m == '.'))
            return false;
    return true;
}

static int
qemu_defaults_cpu(DomainDef *def, xmlNodePtr root)
{
    xmlNodePtr cpu = conf_xml_child(root, "cpu");
    _cleanup_free_ char *mode = NULL, *model = NULL;

    if (!cpu) {
        def->cpu = qemu_raw_from_string(
            "<cpu mode='custom' match='exact' check='none'>"
            "<model fallback='forbid'>qemu64</model></cpu>");
        return 0;
    }
    mode = conf_xml_prop(cpu, "mode");
    model = conf_xml_child_text(cpu, "model");
    if (mode && STREQ(mode, "maximum"))
        return 0;
    if (mode && STRNEQ(mode, "custom"))
        return qemu_refuse("CPU mode", mode);
    if (!qemu_cpu_model_valid(model))
        return qemu_refuse("CPU model", model);
    return 0;
}

static int
qemu_defaults_disks(DomainDef *def)
{
    static const char *const buses[] = { "virtio", "sata", "ide", NULL };
    static const char *const formats[] = { "raw", "qcow2", NULL };

    for (size_t i = 0; i < def->ndisks; i++) {
        DomainDisk *d = def->disks[i];

        if (STRNEQ(d->type, "file"))
            return qemu_refuse("disk type", d->type);
        if (STRNEQ(d->device, "disk") && STRNEQ(d->device, "cdrom"))
            return qemu_refuse("disk device", d->device);
        if (!qemu_in(d->bus, buses))
            return qemu_refuse("disk bus", d->bus);
        if (STREQ(d->device, "cdrom") && STREQ(d->bus, "virtio"))
            return qemu_refuse("cdrom bus", d->bus);
        if (!d->source && STREQ(d->device, "disk")) {
            vir_report_error(VIR_ERR_XML_ERROR, "disk '%s' has no source file", d->dst);
            return -1;
        }
        if (d->driver_name && STRNEQ(d->driver_name, "qemu"))
            return qemu_refuse("disk driver", d->driver_name);
        if (!d->driver_name)
            d->driver_name = xstrdup("qemu");
        if (!d->driver_type)
            d->driver_type = xstrdup("raw");
        if (!qemu_in(d->driver_type, formats))
            return qemu_refuse("disk format", d->driver_type);
        if (STREQ(d->device, "cdrom"))
            d->readonly = true;
    }
    return 0;
}

static void
qemu_add_controller(DomainDef *def, const char *type, const char *model, size_t at)
{
    DomainController *c = XNEW(DomainController);

    c->type = xstrdup(type);
    c->model = xstrdup(model);
    def->controllers = xreallocarray(def->controllers, def->ncontrollers + 1,
                                     sizeof(*def->controllers));
    memmove(def->controllers + at + 1, def->controllers + at,
            (def->ncontrollers - at) * sizeof(*def->controllers));
    def->controllers[at] = c;
    def->ncontrollers++;
}

static DomainController *
qemu_find_controller(DomainDef *def, const char *type)
{
    for (size_t i = 0; i < def->ncontrollers; i++)
        if (STREQ(def->controllers[i]->type, type))
            return def->controllers[i];
    return NULL;
}

static int
qemu_defaults_controllers(DomainDef *def)
{
    DomainController *usb;
    size_t at = 0;

    for (size_t i = 0; i < def->ncontrollers; i++) {
        DomainController *c = def->controllers[i];
        if (c->index != 0 || (STRNEQ(c->type, "usb") && STRNEQ(c->type, "pci") &&
                              STRNEQ(c->type, "ide") && STRNEQ(c->type, "sata")))
            return qemu_refuse("controller", c->type);
        if (STREQ(c->type, "pci") && c->model && STRNEQ(c->model, "pci-root"))
            return qemu_refuse("PCI controller model", c->model);
        if (STREQ(c->type, "usb") && c->model && STRNEQ(c->model, "piix3-uhci") &&
            STRNEQ(c->model, "none"))
            return qemu_refuse("USB controller model", c->model);
    }
    if (!(usb = qemu_find_controller(def, "usb"))) {
        qemu_add_controller(def, "usb", "piix3-uhci", 0);
        usb = def->controllers[0];
    }
    if (!usb->model)
        usb->model = xstrdup("piix3-uhci");
    if (STREQ(usb->model, "piix3-uhci") && usb->addr.type == DOMAIN_ADDR_NONE) {
        usb->addr.type = DOMAIN_ADDR_PCI;
        usb->addr.slot = 1;
        usb->addr.function = 2;
    }
    /* the PIIX3's own IDE function */
    DomainController *ide = qemu_find_controller(def, "ide");
    if (ide && ide->addr.type == DOMAIN_ADDR_NONE) {
        ide->addr.type = DOMAIN_ADDR_PCI;
        ide->addr.slot = 1;
        ide->addr.function = 1;
    }
    if (!qemu_find_controller(def, "pci")) {
        for (at = 0; at < def->ncontrollers && STRNEQ(def->controllers[at]->type, "usb"); at++)
            ;
        qemu_add_controller(def, "pci", "pci-root", at < def->ncontrollers ? at + 1 : at);
    }
    return 0;
}

static int
qemu_defaults_nets_chr(DomainDef *def)
{
    static const char *const models[] = { "virtio", "e1000", "rtl8139", NULL };

    for (size_t i = 0; i < def->nnets; i++) {
        DomainNet *n = def->nets[i];
        if (STRNEQ(n->type, "user"))
            return qemu_refuse("interface type", n->type);
        if (!n->model)
            n->model = xstrdup("rtl8139");
        if (!qemu_in(n->model, models))
            return qemu_refuse("interface model", n->model);
    }
    if (def->nserials > 4)
        return qemu_refuse("number of serial ports", "more than 4");
    for (size_t i = 0; i < def->nserials; i++) {
        DomainChr *c = def->serials[i];
        if (STRNEQ(c->type, "pty"))
            return qemu_refuse("serial type", c->type);
        if (!c->target_type)
            c->target_type = xstrdup("isa-serial");
        if (STRNEQ(c->target_type, "isa-serial"))
            return qemu_refuse("serial target type", c->target_type);
        if (c->target_port < 0 || c->target_port > 3)
            return qemu_refuse("serial port", "out of range");
    }
    for (size_t i = 0; i < def->nconsoles; i++)
        if (STRNEQ(def->consoles[i]->type, "pty") || !def->consoles[i]->target_type ||
            STRNEQ(def->consoles[i]->target_type, "serial"))
            return qemu_refuse("console type", def->consoles[i]->type);
    return 0;
}

static bool
qemu_has_input(const DomainDef *def, const char *type, const char *bus)
{
    for (size_t i = 0; i < def->ninputs; i++)
        if (STREQ(def->inputs[i]->type, type) && STREQ(def->inputs[i]->bus, bus))
            return true;
    return false;
}

static int
qemu_defaults_ui(DomainDef *def)
{
    static const char *const videos[] = { "cirrus", "vga", "virtio", "none", NULL };

    for (size_t i = 0; i < def->ninputs; i++) {
        DomainInput *in = def->inputs[i];
        bool ps2 = STREQ(in->bus, "ps2") && (STREQ(in->type, "mouse") || STREQ(in->type, "keyboard"));
        bool tablet = STREQ(in->bus, "usb") && STREQ(in->type, "tablet");
        if (!ps2 && !tablet)
            return qemu_refuse("input device", in->type);
    }
    for (const char *const *t = (const char *const[]){ "mouse", "keyboard", NULL }; *t; t++)
        if (!qemu_has_input(def, *t, "ps2")) {
            DomainInput *in = XNEW(DomainInput);
            in->type = xstrdup(*t);
            in->bus = xstrdup("ps2");
            def->inputs = xreallocarray(def->inputs, def->ninputs + 1, sizeof(*def->inputs));
            def->inputs[def->ninputs++] = in;
        }
    if (def->ngraphics > 1)
        return qemu_refuse("number of graphics devices", "more than 1");
    for (size_t i = 0; i < def->ngraphics; i++) {
        if (STRNEQ(def->graphics[i]->type, "vnc"))
            return qemu_refuse("graphics type", def->graphics[i]->type);
        if (!def->graphics[i]->listen)
            def->graphics[i]->listen = xstrdup("127.0.0.1");
    }
    for (size_t i = 0; i < def->nvideos; i++)
        if (!qemu_in(def->videos[i]->model, videos) || (i > 0 && STRNEQ(def->videos[i]->model, "none")))
            return qemu_refuse("video model", def->videos[i]->model);
    for (size_t i = 0; i < def->nraw_devs; i++) {
        const char *name = conf_xml_raw_name(def->raw_devs[i]);
        const char *type = conf_xml_raw_attr(def->raw_devs[i], "type");
        if (STRNEQ(name, "audio") || !type || STRNEQ(type, "none"))
            return qemu_refuse("device", name);
    }
    if (def->nraw_devs == 0) {
        def->raw_devs = xreallocarray(def->raw_devs, 1, sizeof(*def->raw_devs));
        def->raw_devs[def->nraw_devs++] = qemu_raw_from_string("<audio id='1' type='none'/>");
    }
    if (!def->memballoon_model)
        def->memballoon_model = xstrdup("virtio");
    if (STRNEQ(def->memballoon_model, "virtio") && STRNEQ(def->memballoon_model, "none"))
        return qemu_refuse("memballoon model", def->memballoon_model);
    return 0;
}

/* PCI slots as libvirt assigns them on i440fx: 1 is the PIIX3 (USB is
 * function 2), 2 the primary video, then SATA, NICs, virtio disks and the
 * balloon, each taking the lowest free slot. User-given slots are kept. */
static int
qemu_defaults_pci(DomainDef *def)
{
    bool used[32] = { true, true };
    DomainAddress *todo[64];
    size_t ntodo = 0;
    DomainController *sata = qemu_find_controller(def, "sata");

#define QEMU_PCI_CLAIM(a) \
    do { \
        if ((a)->type == DOMAIN_ADDR_PCI) { \
            if ((a)->bus != 0 || (a)->slot >= 32 || (a)->domain != 0) \
                return qemu_refuse("PCI address", "outside bus 0"); \
            used[(a)->slot] = true; \
        } else if ((a)->type == DOMAIN_ADDR_NONE && ntodo < ARRAY_SIZE(todo)) { \
            todo[ntodo++] = (a); \
        } else if ((a)->type != DOMAIN_ADDR_NONE) { \
            return qemu_refuse("device address type", "non-PCI"); \
        } \
    } while (0)

    if (def->nvideos > 0 && STRNEQ(def->videos[0]->model, "none")) {
        if (def->videos[0]->addr.type == DOMAIN_ADDR_NONE) {
            def->videos[0]->addr.type = DOMAIN_ADDR_PCI;
            def->videos[0]->addr.slot = used[2] ? 0 : 2;
        }
        QEMU_PCI_CLAIM(&def->videos[0]->addr);
    }
    if (sata)
        QEMU_PCI_CLAIM(&sata->addr);
    for (size_t i = 0; i < def->nnets; i++)
        QEMU_PCI_CLAIM(&def->nets[i]->addr);
    for (size_t i = 0; i < def->ndisks; i++)
        if (STREQ(def->disks[i]->bus, "virtio"))
            QEMU_PCI_CLAIM(&def->disks[i]->addr);
    if (STREQ(def->memballoon_model, "virtio"))
        QEMU_PCI_CLAIM(&def->memballoon_addr);
#undef QEMU_PCI_CLAIM
    for (size_t i = 0; i < ntodo; i++) {
        unsigned int slot = 3;
        for (slot = 2; slot < 32 && used[slot]; slot++)
            ;
        if (slot == 32)
            return qemu_refuse("number of PCI devices", "more than 30");
        used[slot] = true;
        todo[i]->type = DOMAIN_ADDR_PCI;
        todo[i]->slot = slot;
    }
    return 0;
}

static int
qemu_def_apply_defaults(QemuDef *qdef, xmlNodePtr root, const QemuConfCaps *caps)
{
    DomainDef *def = qdef->def;
    xmlNodePtr type = conf_xml_child(conf_xml_child(root, "os"), "type");
    _cleanup_free_ char *arch = conf_xml_prop(type, "arch");

    if (qemu_check_elements(root, "domain") < 0 || qemu_seclabel_define(def) < 0 ||
        qemu_defaults_top(def, caps, arch && *arch) < 0 || qemu_defaults_cpu(def, root) < 0 ||
        qemu_defaults_disks(def) < 0 || qemu_defaults_controllers(def) < 0 ||
        qemu_defaults_nets_chr(def) < 0 || qemu_defaults_ui(def) < 0 ||
        qemu_defaults_pci(def) < 0)
        return -1;
    if (def->vcpus_max > 255)
        return qemu_refuse("vcpu count", "more than 255");
    if (def->memory_kib < 1024 || def->memory_kib > (1ULL << 32))
        return qemu_refuse("memory size", "outside 1 MiB..4 TiB");
    return 0;
}

/* ---- parse and format ---- */

QemuDef *
qemu_def_parse_node(xmlNodePtr root, unsigned int flags)
{
    _cleanup_(qemu_def_freep) QemuDef *qdef = XNEW(QemuDef);

    if (!(qdef->def = domain_def_parse_node(root, (flags & QEMU_PARSE_INACTIVE)
                                                      ? DOMAIN_PARSE_INACTIVE : 0)))
        return NULL;
    qemu_def_read_log(qdef, root);
    qemu_seclabel_collect(qdef->def, root);
    return TAKE_PTR(qdef);
}

QemuDef *
qemu_def_parse(const char *xml, const QemuConfCaps *caps, unsigned int flags)
{
    xmlDocPtr doc = conf_xml_parse_string(xml, "(domain_definition)", "domain", VIR_FROM_DOMAIN);
    QemuDef *qdef = NULL;

    if (!doc)
        return NULL;
    qdef = qemu_def_parse_node(xmlDocGetRootElement(doc), flags);
    if (qdef && (flags & QEMU_PARSE_DEFAULTS) &&
        qemu_def_apply_defaults(qdef, xmlDocGetRootElement(doc), caps) < 0) {
        qemu_def_free(qdef);
        qdef = NULL;
    }
    xmlFreeDoc(doc);
    return qdef;
}

/* Inserts the <log> line into the first <tag type='pty'> block, before its
 * <target>: where libvirt prints it. */
static void
qemu_insert_log(VireoBuf *out, const char **rest, const char *tag, const QemuDef *qdef)
{
    _cleanup_free_ char *open = xasprintf("    <%s type='", tag);
    const char *start = strstr(*rest, open);
    const char *target = start ? strstr(start, "      <target") : NULL;

    if (!target)
        return;
    buf_add_len(out, *rest, (size_t)(target - *rest));
    buf_add(out, "      <log");
    conf_xml_attr(out, "file", qdef->serial_log);
    if (qdef->serial_log_append)
        buf_add(out, " append='on'");
    buf_add(out, "/>\n");
    *rest = target;
}

char *
qemu_def_format(const QemuDef *qdef, unsigned int flags)
{
    char *xml = domain_def_format(qdef->def, flags);
    VireoBuf out = VIREO_BUF_INIT;
    const char *rest = xml;

    if (!qdef->serial_log)
        return xml;
    qemu_insert_log(&out, &rest, "serial", qdef);
    qemu_insert_log(&out, &rest, "console", qdef);
    buf_add(&out, rest);
    free(xml);
    return buf_steal(&out);
}

QemuDef *
qemu_def_copy(const QemuDef *qdef)
{
    QemuDef *copy = XNEW(QemuDef);

    copy->def = domain_def_copy(qdef->def);
    if (copy->def)
        qemu_seclabel_copy(copy->def, qdef->def);
    copy->serial_log = xstrdup(qdef->serial_log);
    copy->serial_log_append = qdef->serial_log_append;
    return copy;
}
