/*
 * qemu_command.c: the qemu-system-x86_64 command line for a definition,
 * in the order and spelling libvirt 9.0 uses with QEMU 7.2 (QEMU.md §2.1),
 * with device properties as JSON so that paths never need comma escaping.
 */
#include <stdio.h>
#include <string.h>

#include "drivers/qemu/qemu_conf.h"
#include "drivers/qemu/qemu_json.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

typedef struct {
    char **argv;
    size_t n;
} QemuArgv;

static void
argv_add(QemuArgv *a, const char *s)
{
    a->argv = xreallocarray(a->argv, a->n + 2, sizeof(*a->argv));
    a->argv[a->n++] = xstrdup(s);
    a->argv[a->n] = NULL;
}

static void __attribute__((format(printf, 3, 4)))
argv_addf(QemuArgv *a, const char *opt, const char *fmt, ...)
{
    va_list ap;

    argv_add(a, opt);
    va_start(ap, fmt);
    a->argv = xreallocarray(a->argv, a->n + 2, sizeof(*a->argv));
    a->argv[a->n++] = xvasprintf(fmt, ap);
    a->argv[a->n] = NULL;
    va_end(ap);
}

static void
argv_add_buf(QemuArgv *a, const char *opt, VireoBuf *buf)
{
    argv_add(a, opt);
    a->argv = xreallocarray(a->argv, a->n + 2, sizeof(*a->argv));
    a->argv[a->n++] = buf_steal(buf);
    a->argv[a->n] = NULL;
}

/* ,"bus":"pci.0","addr":"0xS[.0xF]" for a PCI address. */
static void
json_pci_addr(VireoBuf *buf, const DomainAddress *addr)
{
    if (addr->type != DOMAIN_ADDR_PCI)
        return;
    buf_addf(buf, ",\"bus\":\"pci.0\",\"addr\":\"0x%x", addr->slot);
    if (addr->function)
        buf_addf(buf, ".0x%x", addr->function);
    buf_add(buf, "\"");
}

static void
json_kv(VireoBuf *buf, const char *key, const char *value)
{
    buf_addf(buf, ",\"%s\":", key);
    qemu_json_add_string(buf, value);
}

static bool
def_has_feature(const DomainDef *def, const char *name)
{
    for (size_t i = 0; i < def->nfeatures; i++)
        if (STREQ(def->features[i].name, name) &&
            (!def->features[i].state || STREQ(def->features[i].state, "on")))
            return true;
    return false;
}

/* The -cpu value: "max" for mode='maximum', else the <model> text (its
 * characters were checked at define), qemu64 when there is none. */
static char *
def_cpu_model(const DomainDef *def)
{
    const char *mode = def->cpu ? conf_xml_raw_attr(def->cpu, "mode") : NULL;
    VireoBuf raw = VIREO_BUF_INIT;
    const char *model, *end;
    char *ret = NULL;

    if (mode && STREQ(mode, "maximum"))
        return xstrdup("max");
    if (def->cpu)
        conf_xml_raw_format(&raw, def->cpu, 0);
    model = strstr(buf_str(&raw), "<model");
    model = model ? strchr(model, '>') : NULL;
    end = model ? strchr(model, '<') : NULL;
    if (model && end && end > model + 1)
        ret = xstrndup(model + 1, (size_t)(end - model - 1));
    buf_reset(&raw);
    return ret ? ret : xstrdup("qemu64");
}

static void
build_machine(QemuArgv *a, const QemuDef *qdef)
{
    const DomainDef *def = qdef->def;
    unsigned long long bytes = def->memory_kib * 1024ULL;
    _cleanup_free_ char *cpu = NULL;

    argv_addf(a, "-machine", "%s,usb=off,dump-guest-core=off,memory-backend=pc.ram%s",
              def->os_machine, def_has_feature(def, "acpi") ? "" : ",acpi=off");
    argv_addf(a, "-accel", "%s", STREQ(def->virt_type, "kvm") ? "kvm" : "tcg");
    cpu = def_cpu_model(def);
    argv_addf(a, "-cpu", "%s", cpu);
    if (def->memory_kib % 1024 == 0)
        argv_addf(a, "-m", "%llu", def->memory_kib / 1024);
    else
        argv_addf(a, "-m", "size=%lluk", def->memory_kib);
    argv_addf(a, "-object", "{\"qom-type\":\"memory-backend-ram\",\"id\":\"pc.ram\",\"size\":%llu}",
              bytes);
    argv_addf(a, "-overcommit", "mem-lock=off");
    if (def->vcpus_cur != def->vcpus_max)
        argv_addf(a, "-smp", "%u,maxcpus=%u,sockets=%u,cores=1,threads=1", def->vcpus_cur,
                  def->vcpus_max, def->vcpus_max);
    else
        argv_addf(a, "-smp", "%u,sockets=%u,cores=1,threads=1", def->vcpus_max, def->vcpus_max);
}

/* Boot order: per-device <boot order> as written, else the <os><boot dev>
 * list mapped onto the first disk / cdrom / NIC, as libvirt does. */
static int
boot_index_of(const DomainDef *def, const void *dev, bool is_net)
{
    int idx = 0;

    for (size_t i = 0; i < def->ndisks; i++)
        if (def->disks[i]->boot_order > 0 && (void *)def->disks[i] == dev)
            return def->disks[i]->boot_order;
    for (size_t i = 0; i < def->nnets; i++)
        if (def->nets[i]->boot_order > 0 && (void *)def->nets[i] == dev)
            return def->nets[i]->boot_order;
    for (size_t b = 0; b < def->nboot_devs; b++) {
        const void *first = NULL;
        const char *kind = def->boot_devs[b];
        idx++;
        if (STREQ(kind, "network")) {
            first = def->nnets > 0 ? (const void *)def->nets[0] : NULL;
        } else {
            for (size_t i = 0; i < def->ndisks && !first; i++)
                if (STREQ(def->disks[i]->device, STREQ(kind, "cdrom") ? "cdrom" : "disk"))
                    first = def->disks[i];
        }
        if (first == dev && (is_net == STREQ(kind, "network")))
            return idx;
    }
    return 0;
}

char *
qemu_disk_device_id(const DomainDisk *d)
{
    if (STREQ(d->bus, "virtio"))
        return xasprintf("virtio-disk%d", d->dst[2] ? d->dst[2] - 'a' : 0);
    if (STREQ(d->bus, "ide"))
        return xasprintf("ide0-%u-%u", d->addr.dbus, d->addr.unit);
    return xasprintf("sata0-0-%u", d->addr.unit);
}

static void
build_disk(QemuArgv *a, const DomainDef *def, const DomainDisk *d, int node)
{
    VireoBuf buf = VIREO_BUF_INIT;
    bool cd = STREQ(d->device, "cdrom");
    int boot = boot_index_of(def, d, false);
    _cleanup_free_ char *fmt_node = xasprintf("libvirt-%d-format", node);
    _cleanup_free_ char *dev_id = qemu_disk_device_id(d);

    if (d->source) {
        buf_add(&buf, "{\"driver\":\"file\"");
        json_kv(&buf, "filename", d->source);
        buf_addf(&buf, ",\"node-name\":\"libvirt-%d-storage\",\"auto-read-only\":true,"
                       "\"discard\":\"unmap\"}", node);
        argv_add_buf(a, "-blockdev", &buf);
        buf_addf(&buf, "{\"node-name\":\"%s\",\"read-only\":%s,\"driver\":\"%s\","
                       "\"file\":\"libvirt-%d-storage\"%s}",
                 fmt_node, d->readonly ? "true" : "false", d->driver_type, node,
                 STREQ(d->driver_type, "qcow2") ? ",\"backing\":null" : "");
        argv_add_buf(a, "-blockdev", &buf);
    }
    if (STREQ(d->bus, "virtio")) {
        buf_add(&buf, "{\"driver\":\"virtio-blk-pci\"");
        json_pci_addr(&buf, &d->addr);
        buf_addf(&buf, ",\"drive\":\"%s\"", fmt_node);
    } else if (STREQ(d->bus, "ide")) {
        buf_addf(&buf, "{\"driver\":\"%s\",\"bus\":\"ide.%u\",\"unit\":%u", cd ? "ide-cd" : "ide-hd",
                 d->addr.dbus, d->addr.unit);
        if (d->source)
            buf_addf(&buf, ",\"drive\":\"%s\"", fmt_node);
    } else {
        buf_addf(&buf, "{\"driver\":\"%s\",\"bus\":\"sata0.%u\"", cd ? "ide-cd" : "ide-hd",
                 d->addr.unit);
        if (d->source)
            buf_addf(&buf, ",\"drive\":\"%s\"", fmt_node);
    }
    buf_addf(&buf, ",\"id\":\"%s\"", dev_id);
    if (d->serial)
        json_kv(&buf, "serial", d->serial);
    if (boot > 0)
        buf_addf(&buf, ",\"bootindex\":%d", boot);
    buf_add(&buf, "}");
    argv_add_buf(a, "-device", &buf);
}

static void
build_devices(QemuArgv *a, const QemuDef *qdef)
{
    const DomainDef *def = qdef->def;
    VireoBuf buf = VIREO_BUF_INIT;
    int node = (int)def->ndisks;

    for (size_t i = 0; i < def->ncontrollers; i++) {
        const DomainController *c = def->controllers[i];
        if (STREQ(c->type, "usb") && c->model && STREQ(c->model, "piix3-uhci")) {
            buf_add(&buf, "{\"driver\":\"piix3-usb-uhci\",\"id\":\"usb\"");
            json_pci_addr(&buf, &c->addr);
            buf_add(&buf, "}");
            argv_add_buf(a, "-device", &buf);
        } else if (STREQ(c->type, "sata")) {
            buf_add(&buf, "{\"driver\":\"ich9-ahci\",\"id\":\"sata0\"");
            json_pci_addr(&buf, &c->addr);
            buf_add(&buf, "}");
            argv_add_buf(a, "-device", &buf);
        }
    }
    /* node names count down: the first disk gets the highest */
    for (size_t i = 0; i < def->ndisks; i++)
        build_disk(a, def, def->disks[i], def->disks[i]->source ? node-- : 0);
    for (size_t i = 0; i < def->nnets; i++) {
        const DomainNet *n = def->nets[i];
        const char *drv = STREQ(n->model, "virtio") ? "virtio-net-pci" : n->model;
        int boot = boot_index_of(def, n, true);
        argv_addf(a, "-netdev", "{\"type\":\"user\",\"id\":\"hostnet%zu\"}", i);
        buf_addf(&buf, "{\"driver\":\"%s\",\"netdev\":\"hostnet%zu\",\"id\":\"net%zu\","
                       "\"mac\":\"%02x:%02x:%02x:%02x:%02x:%02x\"",
                 drv, i, i, n->mac[0], n->mac[1], n->mac[2], n->mac[3], n->mac[4], n->mac[5]);
        json_pci_addr(&buf, &n->addr);
        if (boot > 0)
            buf_addf(&buf, ",\"bootindex\":%d", boot);
        buf_add(&buf, "}");
        argv_add_buf(a, "-device", &buf);
    }
    for (size_t i = 0; i < def->nserials; i++) {
        buf_addf(&buf, "pty,id=charserial%zu", i);
        if (i == 0 && qdef->serial_log) {
            /* the path lands in a comma-separated option: refuse commas */
            buf_add(&buf, ",logfile=");
            buf_add(&buf, qdef->serial_log);
            buf_addf(&buf, ",logappend=%s", qdef->serial_log_append ? "on" : "off");
        }
        argv_add_buf(a, "-chardev", &buf);
        argv_addf(a, "-device", "{\"driver\":\"isa-serial\",\"chardev\":\"charserial%zu\","
                                "\"id\":\"serial%zu\",\"index\":%d}",
                  i, i, def->serials[i]->target_port);
    }
    for (size_t i = 0; i < def->ninputs; i++)
        if (STREQ(def->inputs[i]->type, "tablet"))
            argv_addf(a, "-device", "{\"driver\":\"usb-tablet\",\"id\":\"input%zu\","
                                    "\"bus\":\"usb.0\",\"port\":\"1\"}", i);
    argv_addf(a, "-audiodev", "{\"id\":\"audio1\",\"driver\":\"none\"}");
    for (size_t i = 0; i < def->ngraphics; i++) {
        const DomainGraphics *g = def->graphics[i];
        int display = g->port >= 5900 ? g->port - 5900 : 0;
        if (strchr(g->listen, ':'))
            argv_addf(a, "-vnc", "[%s]:%d,audiodev=audio1", g->listen, display);
        else
            argv_addf(a, "-vnc", "%s:%d,audiodev=audio1", g->listen, display);
    }
    if (def->nvideos > 0 && STRNEQ(def->videos[0]->model, "none")) {
        const char *m = def->videos[0]->model;
        buf_addf(&buf, "{\"driver\":\"%s\",\"id\":\"video0\"",
                 STREQ(m, "cirrus") ? "cirrus-vga" : STREQ(m, "vga") ? "VGA" : "virtio-vga");
        if (STREQ(m, "cirrus") || STREQ(m, "vga"))
            buf_addf(&buf, ",\"vgamem_mb\":%u", def->videos[0]->vram / 1024);
        json_pci_addr(&buf, &def->videos[0]->addr);
        buf_add(&buf, "}");
        argv_add_buf(a, "-device", &buf);
    }
    if (def->memballoon_model && STREQ(def->memballoon_model, "virtio")) {
        buf_add(&buf, "{\"driver\":\"virtio-balloon-pci\",\"id\":\"balloon0\"");
        json_pci_addr(&buf, &def->memballoon_addr);
        buf_add(&buf, "}");
        argv_add_buf(a, "-device", &buf);
    }
}

int
qemu_build_argv(const QemuDef *qdef, const QemuBuildCtx *ctx, char ***ret_argv)
{
    const DomainDef *def = qdef->def;
    QemuArgv a = { NULL, 0 };
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (qdef->serial_log && strchr(qdef->serial_log, ',')) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "serial log path '%s' contains a comma",
                         qdef->serial_log);
        return -1;
    }
    if (strchr(def->name, ',')) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "domain name '%s' contains a comma",
                         def->name);
        return -1;
    }
    argv_add(&a, def->emulator);
    argv_addf(&a, "-name", "guest=%s,debug-threads=on", def->name);
    argv_add(&a, "-S");
    build_machine(&a, qdef);
    argv_addf(&a, "-uuid", "%s", vireo_uuid_format(def->uuid, uuid));
    if (def->ngraphics == 0)
        argv_addf(&a, "-display", "none");
    argv_add(&a, "-no-user-config");
    argv_add(&a, "-nodefaults");
    argv_addf(&a, "-chardev", "socket,id=charmonitor,fd=%d,server=on,wait=off", ctx->monitor_fd);
    argv_addf(&a, "-mon", "chardev=charmonitor,id=monitor,mode=control");
    argv_addf(&a, "-rtc", "base=%s", def->clock_offset);
    argv_add(&a, "-no-shutdown");
    argv_addf(&a, "-boot", "strict=on");
    if (def->os_kernel)
        argv_addf(&a, "-kernel", "%s", def->os_kernel);
    if (def->os_initrd)
        argv_addf(&a, "-initrd", "%s", def->os_initrd);
    if (def->os_cmdline)
        argv_addf(&a, "-append", "%s", def->os_cmdline);
    build_devices(&a, qdef);
    if (!ctx->no_sandbox)
        argv_addf(&a, "-sandbox",
                  "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
    argv_addf(&a, "-msg", "timestamp=on");
    *ret_argv = a.argv;
    return 0;
}
