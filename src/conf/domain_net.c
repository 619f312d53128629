/*
 * domain_net.c: network interfaces of a domain (MAC addresses, sources,
 * host-side names).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "conf/domain_device_priv.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN
#include "util/error.h"

static const char *const net_types[] = {
    "user", "ethernet", "vhostuser", "server", "client", "mcast", "network", "bridge",
    "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds", NULL,
};

void
domain_net_free(DomainNet *n)
{
    free(n->type);
    free(n->source);
    free(n->portgroup);
    free(n->source_mode);
    free(n->ifname);
    free(n->script);
    free(n->model);
    free(n->link_state);
    conf_xml_raw_free(n->bandwidth);
    domain_addr_clear(&n->addr);
    free(n);
}

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

DomainNet *
domain_net_parse(xmlNodePtr node, unsigned int flags)
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
    if (conf_xml_child(node, "bandwidth"))
        n->bandwidth = conf_xml_raw_new(conf_xml_child(node, "bandwidth"));
    n->script = conf_xml_prop(conf_xml_child(node, "script"), "path");
    n->ifname = conf_xml_prop(conf_xml_child(node, "target"), "dev");
    /* names the host would generate are dropped from inactive configs */
    if (n->ifname && (flags & DOMAIN_PARSE_INACTIVE) &&
        (strncmp(n->ifname, "vnet", 4) == 0 || strncmp(n->ifname, "macvtap", 7) == 0 ||
         strncmp(n->ifname, "macvlan", 7) == 0))
        free(TAKE_PTR(n->ifname));
    n->model = conf_xml_prop(conf_xml_child(node, "model"), "type");
    n->link_state = conf_xml_prop(conf_xml_child(node, "link"), "state");
    if (n->link_state && !STREQ(n->link_state, "up") && !STREQ(n->link_state, "down")) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "unknown interface link state '%s'",
                         n->link_state);
        goto error;
    }
    if (boot && conf_xml_prop_uint(boot, "order", true, (unsigned int *)&n->boot_order) < 0)
        goto error;
    if (domain_addr_parse(node, &n->addr) < 0)
        goto error;
    return n;
error:
    domain_net_free(n);
    return NULL;
}

void
domain_net_format(VireoBuf *buf, const DomainNet *n)
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
    if (n->bandwidth)
        conf_xml_raw_format(buf, n->bandwidth, 6);
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
    if (n->link_state)
        buf_addf(buf, "      <link state='%s'/>\n", n->link_state);
    if (n->boot_order > 0)
        buf_addf(buf, "      <boot order='%d'/>\n", n->boot_order);
    domain_addr_format(buf, &n->addr, 6);
    buf_add(buf, "    </interface>\n");
}

int
domain_def_generate_ifnames(DomainDef *def)
{
    enum { MAX_IFACES = 1024 };
    bool used[MAX_IFACES] = { false };
    int next = 0;

    /* one pass to see which testnetN names are taken, one to hand out the
     * lowest free ones (linear, whatever the number of interfaces) */
    for (size_t i = 0; i < def->nnets; i++) {
        const char *name = def->nets[i]->ifname;
        char *end;
        long n;

        if (!name || strncmp(name, "testnet", 7) != 0 || name[7] < '0' || name[7] > '9')
            continue;
        n = strtol(name + 7, &end, 10);
        if (!*end && n >= 0 && n < MAX_IFACES && (n == 0 || name[7] != '0'))
            used[n] = true;
    }
    for (size_t i = 0; i < def->nnets; i++) {
        if (def->nets[i]->ifname)
            continue;
        while (next < MAX_IFACES && used[next])
            next++;
        if (next >= MAX_IFACES) {
            vir_error_report(VIR_FROM_TEST, VIR_ERR_INTERNAL_ERROR, "Exceeded max iface limit %d",
                             MAX_IFACES);
            return -1;
        }
        used[next] = true;
        def->nets[i]->ifname = xasprintf("testnet%d", next);
    }
    return 0;
}
