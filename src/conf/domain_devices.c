/*
 * domain_devices.c: the <devices> part of a domain definition: dispatch
 * to the device files, inputs, graphics, video, memory balloon, devices
 * kept verbatim, and the order libvirt prints them in.
 *
 * The phases follow libvirt's: per-device defaults right after parsing,
 * domain-wide defaults (console pairing, implicit controllers and video)
 * after its memory checks, validation last.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conf/domain_device_priv.h"
#include "util/uuid.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN
#include "util/error.h"

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
    domain_addr_clear(&v->addr);
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
    FREE_LIST(def->disks, def->ndisks, domain_disk_free);
    FREE_LIST(def->controllers, def->ncontrollers, domain_controller_free);
    FREE_LIST(def->nets, def->nnets, domain_net_free);
    FREE_LIST(def->serials, def->nserials, domain_chr_free);
    FREE_LIST(def->consoles, def->nconsoles, domain_chr_free);
    FREE_LIST(def->inputs, def->ninputs, input_free);
    FREE_LIST(def->graphics, def->ngraphics, graphics_free);
    FREE_LIST(def->videos, def->nvideos, video_free);
    FREE_LIST(def->raw_devs, def->nraw_devs, conf_xml_raw_free);
    free(def->memballoon_model);
    domain_addr_clear(&def->memballoon_addr);
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
        video_parse_size(model, "heads", &v->heads) < 0 || domain_addr_parse(node, &v->addr) < 0) {
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
    domain_addr_format(buf, &v->addr, 6);
    buf_add(buf, "    </video>\n");
}

/* ---- the <devices> element ---- */

static int
devices_parse_one(DomainDef *def, xmlNodePtr node, unsigned int flags)
{
    const char *name = (const char *)node->name;

    if (STREQ(name, "disk")) {
        DomainDisk *d = domain_disk_parse(node);
        if (!d)
            return -1;
        domain_disk_insert(def, d);
    } else if (STREQ(name, "controller")) {
        DomainController *c = domain_controller_parse(node);
        if (!c)
            return -1;
        domain_controller_insert(def, c);
    } else if (STREQ(name, "interface")) {
        DomainNet *n = domain_net_parse(node, flags);
        if (!n)
            return -1;
        APPEND(def->nets, def->nnets, n);
    } else if (STREQ(name, "serial") || STREQ(name, "console")) {
        bool console = STREQ(name, "console");
        DomainChr *c = domain_chr_parse(node, console);
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
            domain_addr_parse(node, &def->memballoon_addr) < 0)
            return -1;
        /* a negative period means none, as libvirt reads it */
        xmlNodePtr stats = conf_xml_child(node, "stats");
        if (stats && conf_xml_prop_int(stats, "period", false, &def->memballoon_period) < 0)
            return -1;
        if (def->memballoon_period < 0)
            def->memballoon_period = 0;
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
    /* libvirt parses one device type after the other, in this order, so
     * that is the order its errors come in */
    static const char *const order[] = {
        "disk", "controller", "lease", "filesystem", "interface", "smartcard", "parallel",
        "serial", "console", "channel", "input", "graphics", "sound", "audio", "video",
        "hostdev", "watchdog", "memballoon", "rng", "tpm", "nvram", "hub", "redirdev",
        "redirfilter", "panic", "shmem", "memory", "iommu", "vsock", "crypto",
    };

    size_t count = 0;

    /* libvirt has no limit, but its device checks are quadratic: bound them */
    for (xmlNodePtr cur = devices ? devices->children : NULL; cur; cur = cur->next)
        count += cur->type == XML_ELEMENT_NODE;
    if (count > DOMAIN_DEVICES_MAX) {
        vir_report_error(VIR_ERR_XML_ERROR, "too many devices (%zu, at most %d)", count,
                         DOMAIN_DEVICES_MAX);
        return -1;
    }
    for (size_t o = 0; o < ARRAY_SIZE(order); o++) {
        for (xmlNodePtr cur = conf_xml_child(devices, order[o]); cur;
             cur = conf_xml_next(cur, order[o])) {
            if (devices_parse_one(def, cur, flags) < 0)
                return -1;
        }
    }
    /* libvirt's per-device post-parse: runs before its domain-wide checks */
    domain_controllers_assign_indexes(def);
    for (size_t i = 0; i < def->ndisks; i++) {
        if (!def->disks[i]->bus)
            def->disks[i]->bus = xstrdup(domain_disk_default_bus(def->disks[i]));
        if (domain_disk_assign_address(def->disks[i]) < 0)
            return -1;
    }
    domain_chr_post_parse(def);
    return 0;
}

int
domain_devices_check_controllers(const DomainDef *def)
{
    return domain_controllers_check_duplicates(def);
}

int
domain_devices_post_parse_checked(DomainDef *def)
{
    if (domain_chr_pair_consoles(def) < 0)
        return -1;
    raw_devices_defaults(def);
    domain_controllers_add_implicit(def);
    if (def->ngraphics > 0 && def->nvideos == 0) {
        DomainVideo *v = XNEW(DomainVideo);
        video_apply_defaults(v, def);
        APPEND(def->videos, def->nvideos, v);
    }
    if (def->nvideos > 0 && STRNEQ(def->videos[0]->model, "none"))
        def->videos[0]->primary = true;
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
    /* per device, in libvirt's device order (disks ... videos ... inputs) */
    for (size_t i = 0; i < def->ndisks; i++)
        if (domain_disk_validate(def->disks[i]) < 0)
            return -1;
    if (domain_devices_validate_video(def) < 0)
        return -1;
    for (size_t i = 0; i < def->ninputs; i++)
        if (input_validate(def->inputs[i], def) < 0)
            return -1;
    /* then the domain-wide checks */
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
        domain_disk_format(buf, def->disks[i]);
    for (size_t i = 0; i < def->ncontrollers; i++)
        domain_controller_format(buf, def->controllers[i]);
    raw_devices_format(buf, def, "interface");
    for (size_t i = 0; i < def->nnets; i++)
        domain_net_format(buf, def->nets[i]);
    raw_devices_format(buf, def, "serial");
    for (size_t i = 0; i < def->nserials; i++)
        domain_chr_format(buf, def->serials[i], def);
    raw_devices_format(buf, def, "console");
    for (size_t i = 0; i < def->nconsoles; i++) {
        /* an hvm guest's first serial console is printed as its first
         * serial port (it is an alias of it) */
        if (i == 0 && STREQ(def->os_type, "hvm") && def->nserials > 0 &&
            STREQ_NULLABLE(def->consoles[0]->target_type, "serial"))
            domain_chr_format_one(buf, def->consoles[0], def->serials[0], def->serials[0]->target_port);
        else
            domain_chr_format(buf, def->consoles[i], def);
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
        if (def->memballoon_addr.type == DOMAIN_ADDR_NONE && !def->memballoon_period) {
            buf_add(buf, "/>\n");
        } else {
            buf_add(buf, ">\n");
            if (def->memballoon_period)
                buf_addf(buf, "      <stats period='%d'/>\n", def->memballoon_period);
            if (def->memballoon_addr.type != DOMAIN_ADDR_NONE)
                domain_addr_format(buf, &def->memballoon_addr, 6);
            buf_add(buf, "    </memballoon>\n");
        }
    }
    raw_devices_format(buf, def, "end");
    buf_add(buf, "  </devices>\n");
}
