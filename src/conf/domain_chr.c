/*
 * domain_chr.c: serial ports and consoles of a domain, with libvirt's port
 * numbering and its console/serial aliasing for hvm guests.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conf/domain_device_priv.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN
#include "util/error.h"

static const char *const chr_types[] = {
    "null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp", "unix", "spicevmc",
    "spiceport", "nmdm", "qemu-vdagent", "dbus", NULL,
};

void
domain_chr_free(DomainChr *c)
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

DomainChr *
domain_chr_parse(xmlNodePtr node, bool console)
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
    domain_chr_free(c);
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
chr_new_serial_mirror(void)
{
    DomainChr *c = XNEW(DomainChr);

    c->console = true;
    c->mirrors_serial = true;
    c->type = xstrdup("pty");
    c->target_type = xstrdup("serial");
    return c;
}

/* libvirt's console compatibility for hvm guests: the first console of
 * type serial (or untyped) is an alias of the first serial port (which it
 * creates from the console when there is none); a guest with serials but
 * no such console gets one. Aliases are printed as copies of serial[0]. */
int
domain_chr_pair_consoles(DomainDef *def)
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
            def->consoles[0] = chr_new_serial_mirror();
        } else if (!chr_same_source(def->serials[0], def->consoles[0])) {
            domain_chr_free(def->consoles[0]);
            def->consoles[0] = chr_new_serial_mirror();
        } else {
            free(def->consoles[0]->target_type);
            def->consoles[0]->target_type = xstrdup("serial");
        }
    } else if (def->nserials > 0) {
        def->consoles = xreallocarray(def->consoles, def->nconsoles + 1, sizeof(*def->consoles));
        memmove(def->consoles + 1, def->consoles, def->nconsoles * sizeof(*def->consoles));
        def->consoles[0] = chr_new_serial_mirror();
        def->nconsoles++;
    }
    return 0;
}

/* libvirt's per-device defaults for character devices: a serial port
 * without a port number takes the highest so far plus one; a console
 * without a target type is a serial console. */
void
domain_chr_post_parse(DomainDef *def)
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

void
domain_chr_format_one(VireoBuf *buf, const DomainChr *c, const DomainChr *src, int port)
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

void
domain_chr_format(VireoBuf *buf, const DomainChr *c, const DomainDef *def)
{
    if (c->mirrors_serial && def->nserials > 0)
        domain_chr_format_one(buf, c, def->serials[0], def->serials[0]->target_port);
    else
        domain_chr_format_one(buf, c, c, c->target_port_set ? c->target_port : -1);
}
