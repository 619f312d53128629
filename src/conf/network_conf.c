/*
 * network_conf.c: <network> parsing and formatting.
 */
#include <stdio.h>
#include <string.h>

#include "conf/network_conf.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK
#include "util/error.h"

static const char *const network_forward_modes[] = {
    "none", "nat", "route", "open", "bridge", "private", "vepa", "passthrough",
    "hostdev", NULL,
};

/* Verbatim elements, in the order libvirt formats them. */
static const char *const network_raw_order[] = {
    "mtu", "domain", "dns", "vlan", "bandwidth", "port", "ip", "route", "virtualport",
    "portgroup", NULL,
};

void
network_def_free(NetworkDef *def)
{
    if (!def)
        return;
    free(def->name);
    free(def->ipv6);
    free(def->forward_mode);
    free(def->forward_dev);
    conf_xml_raw_free(def->forward);
    free(def->bridge);
    free(def->stp);
    free(def->mac);
    for (size_t i = 0; i < def->nraws; i++)
        conf_xml_raw_free(def->raws[i]);
    free(def->raws);
    free(def);
}

static int
network_parse_forward(NetworkDef *def, xmlNodePtr root)
{
    xmlNodePtr fwd = conf_xml_child(root, "forward");

    if (!fwd)
        return 0;
    def->has_forward = true;
    def->forward_mode = conf_xml_prop(fwd, "mode");
    if (!def->forward_mode) {
        def->forward_mode = xstrdup("nat");
    } else if (conf_enum_index(network_forward_modes, def->forward_mode) < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "unknown forwarding type '%s'",
                         def->forward_mode);
        return -1;
    }
    def->forward_dev = conf_xml_prop(fwd, "dev");
    def->forward = conf_xml_raw_new(fwd);
    if (conf_xml_child(fwd, "nat") && STRNEQ(def->forward_mode, "nat")) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "The <nat> element can only be used when <forward> 'mode' is 'nat' in "
                         "network %s", def->name);
        return -1;
    }
    /* mode='none' is an isolated network: no <forward> at all */
    if (STREQ(def->forward_mode, "none"))
        def->has_forward = false;
    return 0;
}

static size_t
network_count_raw(const NetworkDef *def, const char *name)
{
    size_t n = 0;

    for (size_t i = 0; i < def->nraws; i++)
        n += STREQ(conf_xml_raw_name(def->raws[i]), name);
    return n;
}

/* The checks libvirt makes between the forward mode and the rest. */
static int
network_check_forward(const NetworkDef *def, bool stp_given)
{
    const char *mode = def->has_forward ? def->forward_mode : "none";
    bool l3 = STREQ(mode, "route") || STREQ(mode, "nat") || STREQ(mode, "open");
    bool direct = STREQ(mode, "private") || STREQ(mode, "vepa") || STREQ(mode, "passthrough") ||
                  STREQ(mode, "hostdev");

    if (l3 && network_count_raw(def, "ip") == 0) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "%s forwarding requested, but no IP address provided for network '%s'",
                         mode, def->name);
        return -1;
    }
    if (l3 && STREQ(mode, "open") && def->forward_dev) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "forward dev not allowed for network '%s' with forward mode='%s'",
                         def->name, mode);
        return -1;
    }
    if (direct && def->bridge) {
        vir_report_error(VIR_ERR_XML_ERROR, "bridge name not allowed in %s mode (network '%s')",
                         mode, def->name);
        return -1;
    }
    if ((direct || STREQ(mode, "bridge")) && (def->delay || stp_given)) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "bridge delay/stp/zone options only allowed in route, nat, and isolated "
                         "mode, not in %s (network '%s')", mode, def->name);
        return -1;
    }
    if ((direct || STREQ(mode, "bridge")) && def->bridge && def->forward_dev) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "A network with forward mode='%s' can specify a bridge name or a forward "
                         "dev, but not both (network '%s')", mode, def->name);
        return -1;
    }
    return 0;
}

static int
network_parse_bridge(NetworkDef *def, xmlNodePtr root)
{
    xmlNodePtr br = conf_xml_child(root, "bridge");
    _cleanup_free_ char *delay = conf_xml_prop(br, "delay");

    _cleanup_free_ char *stp = conf_xml_prop(br, "stp");

    def->bridge = conf_xml_prop(br, "name");
    /* anything but "off" turns STP on */
    def->stp = xstrdup(stp && STREQ(stp, "off") ? "off" : "on");
    if (delay) {
        char *end;
        unsigned long v = strtoul(delay, &end, 10);
        if (end == delay || *end || strchr(delay, '-') || v > 0xffffffffUL) {
            vir_report_error(VIR_ERR_XML_ERROR, "Invalid delay value in network '%s'", def->name);
            return -1;
        }
        def->delay = (unsigned int)v;
    }
    return 0;
}

static int
network_parse_mac(NetworkDef *def, xmlNodePtr root)
{
    unsigned int b[6];
    char tail;

    def->mac = conf_xml_prop(conf_xml_child(root, "mac"), "address");
    if (!def->mac)
        return 0;
    if (sscanf(def->mac, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
               &tail) != 6) {
        vir_report_error(VIR_ERR_XML_ERROR, "Invalid bridge mac address '%s' in network '%s'",
                         def->mac, def->name);
        return -1;
    }
    if (b[0] & 1) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "Invalid multicast bridge mac address '%s' in network '%s'", def->mac,
                         def->name);
        return -1;
    }
    free(def->mac);
    def->mac = xasprintf("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
    return 0;
}

/* Puts the children of a kept element in the order libvirt prints them
 * (<dns>: forwarders, txt, srv, host; <ip>: tftp, dhcp; <dhcp>: ranges,
 * hosts, bootp). Returns raw. */
static ConfXmlRaw *
network_raw_sorted(ConfXmlRaw *raw)
{
    static const char *const dns[] = { "forwarder", "txt", "srv", "host", NULL };
    static const char *const ip[] = { "tftp", "dhcp", NULL };
    static const char *const dhcp[] = { "range", "host", "bootp", NULL };
    ConfXmlRaw *d;

    if (STREQ(conf_xml_raw_name(raw), "dns")) {
        conf_xml_raw_sort_children(raw, dns);
    } else if (STREQ(conf_xml_raw_name(raw), "ip")) {
        conf_xml_raw_sort_children(raw, ip);
        if ((d = conf_xml_raw_child(raw, "dhcp")))
            conf_xml_raw_sort_children(d, dhcp);
    }
    return raw;
}

NetworkDef *
network_def_parse_node(xmlNodePtr root)
{
    _cleanup_(network_def_freep) NetworkDef *def = XNEW(NetworkDef);
    _cleanup_free_ char *uuid = NULL;

    if (!(def->name = conf_xml_child_text(root, "name"))) {
        vir_report_error(VIR_ERR_NO_NAME, NULL);
        return NULL;
    }
    if (strchr(def->name, '/')) {
        vir_report_error(VIR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return NULL;
    }
    if (!(uuid = conf_xml_child_text(root, "uuid"))) {
        (void)vireo_uuid_generate(def->uuid);
    } else if (vireo_uuid_parse(uuid, def->uuid) < 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
        return NULL;
    }
    def->ipv6 = conf_xml_prop(root, "ipv6");
    if (def->ipv6 && STRNEQ(def->ipv6, "yes") && STRNEQ(def->ipv6, "no")) {
        vir_report_error(VIR_ERR_XML_ERROR, "Invalid ipv6 setting '%s' in network '%s'",
                         def->ipv6, def->name);
        return NULL;
    }
    if (def->ipv6 && STREQ(def->ipv6, "no"))
        free(TAKE_PTR(def->ipv6));
    if (network_parse_bridge(def, root) < 0 || network_parse_mac(def, root) < 0)
        return NULL;
    for (size_t i = 0; network_raw_order[i]; i++)
        for (xmlNodePtr n = conf_xml_child(root, network_raw_order[i]); n;
             n = conf_xml_next(n, network_raw_order[i])) {
            def->raws = xreallocarray(def->raws, def->nraws + 1, sizeof(*def->raws));
            def->raws[def->nraws++] = network_raw_sorted(conf_xml_raw_new(n));
        }
    if (network_parse_forward(def, root) < 0)
        return NULL;
    {
        _cleanup_free_ char *stp = conf_xml_prop(conf_xml_child(root, "bridge"), "stp");
        if (network_check_forward(def, stp != NULL) < 0)
            return NULL;
    }
    return TAKE_PTR(def);
}

NetworkDef *
network_def_parse_string(const char *xml)
{
    xmlDocPtr doc = conf_xml_parse_string(xml, "(network_definition)", "network",
                                          VIR_FROM_NETWORK);
    NetworkDef *def;

    if (!doc)
        return NULL;
    def = network_def_parse_node(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return def;
}

static void
network_format_forward(VireoBuf *buf, const NetworkDef *def)
{
    if (!def->has_forward)
        return;
    buf_add(buf, "  <forward");
    conf_xml_attr(buf, "dev", def->forward_dev);
    conf_xml_attr(buf, "mode", def->forward_mode);
    if (!def->forward_dev && !conf_xml_raw_has_child(def->forward, NULL)) {
        buf_add(buf, "/>\n");
        return;
    }
    buf_add(buf, ">\n");
    conf_xml_raw_format_children(buf, def->forward, 4);
    if (def->forward_dev && !conf_xml_raw_has_child(def->forward, "interface")) {
        buf_add(buf, "    <interface");
        conf_xml_attr(buf, "dev", def->forward_dev);
        buf_add(buf, "/>\n");
    }
    buf_add(buf, "  </forward>\n");
}

static void
network_format_bridge(VireoBuf *buf, const NetworkDef *def)
{
    const char *mode = def->has_forward ? def->forward_mode : "none";
    bool routed = STREQ(mode, "none") || STREQ(mode, "nat") || STREQ(mode, "route") ||
                  STREQ(mode, "open");

    if (!routed) {
        if (def->bridge) {
            buf_add(buf, "  <bridge");
            conf_xml_attr(buf, "name", def->bridge);
            buf_add(buf, "/>\n");
        }
        return;
    }
    buf_add(buf, "  <bridge");
    conf_xml_attr(buf, "name", def->bridge);
    buf_addf(buf, " stp='%s' delay='%u'/>\n", def->stp, def->delay);
}

/* libvirt prints an <ip> with its attributes in a fixed order and always
 * as an open/close pair, even when empty. */
static void
network_format_ip(VireoBuf *buf, const ConfXmlRaw *ip)
{
    static const char *const attrs[] = { "family", "address", "netmask", "prefix",
                                         "localPtr", NULL };

    buf_add(buf, "  <ip");
    for (size_t i = 0; attrs[i]; i++)
        conf_xml_attr(buf, attrs[i], conf_xml_raw_attr(ip, attrs[i]));
    buf_add(buf, ">\n");
    conf_xml_raw_format_children(buf, ip, 4);
    buf_add(buf, "  </ip>\n");
}

/* libvirt prints a <portgroup> as an open/close pair too, its attributes
 * in a fixed order and its children as vlan, virtualport, bandwidth. */
static void
network_format_portgroup(VireoBuf *buf, const ConfXmlRaw *pg)
{
    static const char *const attrs[] = { "default", "trustGuestRxFilters", NULL };
    static const char *const kids[] = { "vlan", "virtualport", "bandwidth", NULL };

    /* libvirt prints the name as it is, unescaped */
    buf_addf(buf, "  <portgroup name='%s'", conf_xml_raw_attr(pg, "name") ?: "");
    for (size_t i = 0; attrs[i]; i++)
        conf_xml_attr(buf, attrs[i], conf_xml_raw_attr(pg, attrs[i]));
    buf_add(buf, ">\n");
    for (size_t i = 0; kids[i]; i++)
        for (ConfXmlRaw *c = conf_xml_raw_child(pg, kids[i]); c;
             c = conf_xml_raw_next(pg, c, kids[i]))
            conf_xml_raw_format(buf, c, 4);
    buf_add(buf, "  </portgroup>\n");
}

char *
network_def_format(const NetworkDef *def)
{
    VireoBuf buf = VIREO_BUF_INIT;
    char uuid[VIR_UUID_STRING_BUFLEN];

    buf_add(&buf, "<network");
    conf_xml_attr(&buf, "ipv6", def->ipv6);
    buf_add(&buf, ">\n");
    conf_xml_element(&buf, 2, "name", def->name);
    buf_addf(&buf, "  <uuid>%s</uuid>\n", vireo_uuid_format(def->uuid, uuid));
    network_format_forward(&buf, def);
    network_format_bridge(&buf, def);
    for (size_t i = 0; i < def->nraws; i++)
        if (STREQ(conf_xml_raw_name(def->raws[i]), "mtu"))
            conf_xml_raw_format(&buf, def->raws[i], 2);
    if (def->mac) {
        buf_add(&buf, "  <mac");
        conf_xml_attr(&buf, "address", def->mac);
        buf_add(&buf, "/>\n");
    }
    for (size_t i = 0; i < def->nraws; i++) {
        const char *name = conf_xml_raw_name(def->raws[i]);
        if (STREQ(name, "mtu"))
            continue;
        if (STREQ(name, "ip"))
            network_format_ip(&buf, def->raws[i]);
        else if (STREQ(name, "portgroup"))
            network_format_portgroup(&buf, def->raws[i]);
        else
            conf_xml_raw_format(&buf, def->raws[i], 2);
    }
    buf_add(&buf, "</network>\n");
    return buf_steal(&buf);
}
