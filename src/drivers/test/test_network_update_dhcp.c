/*
 * test_network_update_dhcp.c: the ip-dhcp-host and ip-dhcp-range sections
 * of virNetworkUpdate (which <ip> is meant, libvirt's parse of a <host> or
 * <range>, how entries match, where new ones go).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "drivers/test/test_network_update.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK
#include "util/error.h"

/* ---- MAC addresses ---- */

static bool
test_mac_parse(const char *s, unsigned char mac[6])
{
    for (int i = 0; i < 6; i++) {
        char *end;
        unsigned long v;

        if (!isxdigit((unsigned char)*s))
            return false;
        v = strtoul(s, &end, 16);
        if (v > 0xff || end == s)
            return false;
        mac[i] = (unsigned char)v;
        s = end;
        if (i < 5) {
            if (*s != ':')
                return false;
            s++;
        }
    }
    return *s == '\0';
}

static bool
test_mac_eq(const char *a, const char *b)
{
    unsigned char ma[6], mb[6];

    return test_mac_parse(a, ma) && test_mac_parse(b, mb) && memcmp(ma, mb, 6) == 0;
}

/* ---- <ip> selection ---- */

static int
test_netip_family(xmlNodePtr ip)
{
    _cleanup_free_ char *addr = conf_xml_prop(ip, "address");
    TestNetAddr a;

    return test_netaddr_parse(addr, &a) ? a.family : 0;
}

static bool
test_netip_has_dhcp(xmlNodePtr ip)
{
    xmlNodePtr dhcp = conf_xml_child(ip, "dhcp");

    return dhcp && (conf_xml_child(dhcp, "range") || conf_xml_child(dhcp, "host"));
}

/* The <ip> a DHCP update works on (libvirt's choice). Reports. */
static xmlNodePtr
test_netup_ip(const TestNetUpdate *up)
{
    size_t n;
    _cleanup_free_ xmlNodePtr *ips = test_netup_children(up->root, "ip", &n);

    if (up->parent_index >= 0) {
        if ((size_t)up->parent_index < n)
            return ips[up->parent_index];
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "couldn't update dhcp host entry - no <ip> element found at index %d "
                         "in network '%s'", up->parent_index, up->net_name);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (test_netip_has_dhcp(ips[i]))
            return ips[i];
    for (size_t i = 0; i < n; i++)
        if (test_netip_family(ips[i]) == AF_INET)
            return ips[i];
    for (size_t i = 0; i < n; i++)
        if (test_netip_family(ips[i]) == AF_INET6)
            return ips[i];
    vir_report_error(VIR_ERR_OPERATION_INVALID,
                     "couldn't update dhcp host entry - no <ip> element found in network '%s'",
                     up->net_name);
    return NULL;
}

/* DHCP may be served on one address of each family only. */
static int
test_netup_check_multi_dhcp(const TestNetUpdate *up, xmlNodePtr ip)
{
    int family = test_netip_family(ip);
    size_t n;
    _cleanup_free_ xmlNodePtr *ips = test_netup_children(up->root, "ip", &n);

    for (size_t i = 0; i < n; i++) {
        if (ips[i] == ip || test_netip_family(ips[i]) != family || !test_netip_has_dhcp(ips[i]))
            continue;
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "dhcp is supported only for a single %s address on each network",
                         family == AF_INET ? "IPv4" : "IPv6");
        return -1;
    }
    return 0;
}

/* The <dhcp> of ip, made when missing. */
static xmlNodePtr
test_netup_dhcp(xmlNodePtr ip)
{
    xmlNodePtr dhcp = conf_xml_child(ip, "dhcp");

    if (!dhcp)
        dhcp = xmlAddChild(ip, test_netup_new_node("dhcp"));
    return dhcp;
}

/* Sorts a <dhcp> and drops it when nothing is left in it. */
static void
test_netup_dhcp_tidy(xmlNodePtr ip)
{
    static const char *const order[] = { "range", "host", "bootp", NULL };
    xmlNodePtr dhcp = conf_xml_child(ip, "dhcp");

    if (!dhcp)
        return;
    test_netup_sort(dhcp, order);
    if (!test_netup_has_elements(dhcp))
        test_netup_remove(dhcp);
}

/* A <lease> child copied in libvirt's form; reports its errors. */
static int
test_netup_lease(xmlNodePtr src, xmlNodePtr dst)
{
    static const char *const units[] = { "seconds", "minutes", "hours", NULL };
    xmlNodePtr lease = conf_xml_child(src, "lease");
    _cleanup_free_ char *expiry = NULL, *unit = NULL;
    unsigned long long v;
    char *end, num[32];
    xmlNodePtr out;

    if (!lease || !(expiry = conf_xml_prop(lease, "expiry")))
        return 0;
    errno = 0;
    v = strtoull(expiry, &end, 10);
    if (end == expiry || *end || errno || strchr(expiry, '-')) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "Invalid value for attribute '%s' in element '%s': '%s'. Expected "
                         "non-negative integer value", "expiry", "lease", expiry);
        return -1;
    }
    if (conf_xml_prop_enum(lease, "unit", units, false, &unit) < 0)
        return -1;
    if (v > 0 && ((unit && STREQ(unit, "seconds") && v < 120) ||
                  ((!unit || STREQ(unit, "minutes")) && v < 2))) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                         "The minimum lease time should be greater than 2 minutes");
        return -1;
    }
    out = xmlAddChild(dst, test_netup_new_node("lease"));
    snprintf(num, sizeof(num), "%llu", v);
    test_netup_set(out, "expiry", num);
    if (v > 0)
        test_netup_set(out, "unit", unit ? unit : "minutes");
    return 0;
}

/* ---- ip-dhcp-host ---- */

typedef struct {
    char *mac, *id, *name;
    TestNetAddr ip;
} TestDhcpHost;

static void
test_dhcp_host_clear(TestDhcpHost *h)
{
    free(h->mac);
    free(h->id);
    free(h->name);
}

/* libvirt's parse of a <host> of an <ip> of family family (partial: a
 * delete's search key). Reports. */
static int
test_dhcp_host_parse(const TestNetUpdate *up, xmlNodePtr node, int family, bool partial,
                     TestDhcpHost *h)
{
    _cleanup_free_ char *ip = NULL;
    unsigned char mac[6];

    if ((h->mac = conf_xml_prop(node, "mac"))) {
        if (family == AF_INET6) {
            vir_report_error(VIR_ERR_XML_ERROR,
                             "Invalid to specify MAC address '%s' in network '%s' IPv6 static "
                             "host definition", h->mac, up->net_name);
            return -1;
        }
        if (!test_mac_parse(h->mac, mac)) {
            vir_report_error(VIR_ERR_XML_ERROR, "Cannot parse MAC address '%s' in network '%s'",
                             h->mac, up->net_name);
            return -1;
        }
        if (mac[0] & 1) {
            vir_report_error(VIR_ERR_XML_ERROR,
                             "expected unicast mac address, found multicast '%s' in network '%s'",
                             h->mac, up->net_name);
            return -1;
        }
    }
    if ((h->id = conf_xml_prop(node, "id"))) {
        const char *cp = h->id + strspn(h->id, "0123456789abcdefABCDEF:");

        if (*cp) {
            vir_report_error(VIR_ERR_XML_ERROR, "Invalid character '%c' in id '%s' of network '%s'",
                             *cp, h->id, up->net_name);
            return -1;
        }
    }
    h->name = conf_xml_prop(node, "name");
    if (h->name && !isalnum((unsigned char)h->name[0])) {
        vir_report_error(VIR_ERR_XML_ERROR, "Cannot use host name '%s' in network '%s'", h->name,
                         up->net_name);
        return -1;
    }
    ip = conf_xml_prop(node, "ip");
    if (ip && !test_netaddr_parse(ip, &h->ip)) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "Invalid IP address in static host definition for network '%s'",
                         up->net_name);
        return -1;
    }
    if (partial) {
        if (!h->mac && !h->name && !ip) {
            vir_report_error(VIR_ERR_XML_ERROR,
                             "At least one of name, mac, or ip attribute must be specified for "
                             "static host definition in network '%s' ", up->net_name);
            return -1;
        }
        return 0;
    }
    if (family == AF_INET6 && !h->id && !h->name) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "Static host definition in IPv6 network '%s' must have id or name "
                         "attribute", up->net_name);
        return -1;
    }
    if (family != AF_INET6 && !h->mac && !h->name) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "Static host definition in IPv4 network '%s' must have mac or name "
                         "attribute", up->net_name);
        return -1;
    }
    if (!ip) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "Missing IP address in static host definition for network '%s'",
                         up->net_name);
        return -1;
    }
    return 0;
}

/* A <host> in libvirt's form. Reports (lease errors). */
static xmlNodePtr
test_dhcp_host_node(const TestDhcpHost *h, xmlNodePtr src)
{
    xmlNodePtr node = test_netup_new_node("host");
    _cleanup_free_ char *ip = test_netaddr_format(&h->ip);

    test_netup_set(node, "mac", h->mac);
    test_netup_set(node, "id", h->id);
    test_netup_set(node, "name", h->name);
    test_netup_set(node, "ip", ip);
    if (test_netup_lease(src, node) < 0) {
        xmlFreeNode(node);
        return NULL;
    }
    return node;
}

/* The existing <host>s of ip's <dhcp>, parsed for matching (*ret_n). */
static TestDhcpHost *
test_dhcp_hosts_load(xmlNodePtr ip, xmlNodePtr **ret_nodes, size_t *ret_n)
{
    xmlNodePtr *nodes = test_netup_children(conf_xml_child(ip, "dhcp"), "host", ret_n);
    TestDhcpHost *ex = XNEW_ARRAY(TestDhcpHost, *ret_n + 1);

    for (size_t i = 0; i < *ret_n; i++) {
        _cleanup_free_ char *addr = conf_xml_prop(nodes[i], "ip");

        ex[i].mac = conf_xml_prop(nodes[i], "mac");
        ex[i].name = conf_xml_prop(nodes[i], "name");
        test_netaddr_parse(addr, &ex[i].ip);
    }
    *ret_nodes = nodes;
    return ex;
}

static void
test_dhcp_hosts_free(TestDhcpHost *ex, size_t n)
{
    for (size_t i = 0; i < n; i++)
        test_dhcp_host_clear(&ex[i]);
    free(ex);
}

/* modify and add: an entry sharing the MAC, the name or the address. */
static bool
test_dhcp_host_clashes(const TestDhcpHost *h, const TestDhcpHost *ex)
{
    return (h->mac && ex->mac && test_mac_eq(h->mac, ex->mac)) || test_str_eq(h->name, ex->name) ||
           test_netaddr_eq(&h->ip, &ex->ip);
}

/* delete: every field the key gives matches. */
static bool
test_dhcp_host_matches(const TestDhcpHost *h, const TestDhcpHost *ex)
{
    return (!h->mac || !ex->mac || test_mac_eq(h->mac, ex->mac)) &&
           (!h->name || test_str_eq(h->name, ex->name)) &&
           (!h->ip.family || test_netaddr_eq(&h->ip, &ex->ip));
}

/* The index of the first existing entry pred accepts, or n. */
static size_t
test_dhcp_host_find(const TestDhcpHost *h, const TestDhcpHost *ex, size_t n,
                    bool (*pred)(const TestDhcpHost *, const TestDhcpHost *))
{
    size_t i = 0;

    while (i < n && !pred(h, &ex[i]))
        i++;
    return i;
}

/* h as libvirt prints it in the "no match" and "duplicate" errors. */
static void
test_dhcp_host_report(const char *fmt_kind, const TestNetUpdate *up, const TestDhcpHost *h)
{
    _cleanup_free_ char *addr = test_netaddr_format(&h->ip);
    const char *mac = h->mac ? h->mac : "unknown", *name = h->name ? h->name : "(null)";

    if (STREQ(fmt_kind, "modify"))
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "couldn't locate an existing dhcp host entry with \"mac='%s'\" "
                         "\"name='%s'\" \"ip='%s'\" in network '%s'",
                         mac, name, addr ? addr : "unknown", up->net_name);
    else
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "there is an existing dhcp host entry in network '%s' that matches "
                         "\"<host mac='%s' name='%s' ip='%s'/>\"",
                         up->net_name, mac, name, addr ? addr : "unknown");
}

/* Replaces, adds or removes a <host> of ip as the command says; h is the
 * parsed request, ex/nodes the existing entries. */
static int
test_dhcp_host_change(TestNetUpdate *up, xmlNodePtr ip, const TestDhcpHost *h,
                      const TestDhcpHost *ex, xmlNodePtr *nodes, size_t n)
{
    xmlNodePtr node;
    size_t i;

    switch (up->command) {
    case VIR_NETWORK_UPDATE_COMMAND_MODIFY:
        if ((i = test_dhcp_host_find(h, ex, n, test_dhcp_host_clashes)) == n) {
            test_dhcp_host_report("modify", up, h);
            return -1;
        }
        if (!(node = test_dhcp_host_node(h, up->node)))
            return -1;
        test_netup_replace(nodes[i], node);
        return 0;
    case VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST:
    case VIR_NETWORK_UPDATE_COMMAND_ADD_LAST:
        if (test_netup_check_multi_dhcp(up, ip) < 0)
            return -1;
        if (test_dhcp_host_find(h, ex, n, test_dhcp_host_clashes) < n) {
            test_dhcp_host_report("add", up, h);
            return -1;
        }
        if (!(node = test_dhcp_host_node(h, up->node)))
            return -1;
        test_netup_insert(test_netup_dhcp(ip), "host", node,
                          up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
        return 0;
    case VIR_NETWORK_UPDATE_COMMAND_DELETE:
        if ((i = test_dhcp_host_find(h, ex, n, test_dhcp_host_matches)) == n) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "couldn't locate a matching dhcp host entry in network '%s'",
                             up->net_name);
            return -1;
        }
        test_netup_remove(nodes[i]);
        return 0;
    default:
        test_netup_unknown_command(up->command);
        return -1;
    }
}

static int
test_dhcp_host_apply(TestNetUpdate *up, xmlNodePtr ip, const TestDhcpHost *h)
{
    xmlNodePtr *nodes;
    size_t n;
    TestDhcpHost *ex = test_dhcp_hosts_load(ip, &nodes, &n);
    int ret = test_dhcp_host_change(up, ip, h, ex, nodes, n);

    test_dhcp_hosts_free(ex, n);
    free(nodes);
    return ret;
}

int
test_netup_dhcp_host(TestNetUpdate *up)
{
    bool partial = up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE;
    TestDhcpHost h = { 0 };
    xmlNodePtr ip;
    int family, ret = -1;

    if (test_netup_check_name(up, "host") < 0 || !(ip = test_netup_ip(up)))
        return -1;
    family = test_netip_family(ip);
    if (test_dhcp_host_parse(up, up->node, family, partial, &h) < 0)
        goto out;
    test_netup_unescaped(up, h.mac);
    test_netup_unescaped(up, h.id);
    test_netup_unescaped(up, h.name);
    if (!partial && family != h.ip.family) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "the address family of a host entry IP must match the address family "
                         "of the dhcp element's parent");
        goto out;
    }
    if ((ret = test_dhcp_host_apply(up, ip, &h)) == 0)
        test_netup_dhcp_tidy(ip);
out:
    test_dhcp_host_clear(&h);
    return ret;
}

/* ---- ip-dhcp-range ---- */

/* The prefix of an <ip> as libvirt derives it. */
static int
test_netip_prefix(xmlNodePtr ip, const TestNetAddr *addr)
{
    _cleanup_free_ char *prefix = conf_xml_prop(ip, "prefix");
    _cleanup_free_ char *netmask = conf_xml_prop(ip, "netmask");
    TestNetAddr mask;
    int bits = 0;

    if (prefix && atoi(prefix) > 0)
        return atoi(prefix);
    if (netmask && test_netaddr_parse(netmask, &mask)) {
        for (size_t i = 0; i < (mask.family == AF_INET ? 4u : 16u); i++)
            for (int b = 7; b >= 0 && (mask.bytes[i] >> b) & 1; b--)
                bits++;
        return bits;
    }
    if (addr->family == AF_INET) {
        if (!addr->bytes[0] && !addr->bytes[1] && !addr->bytes[2] && !addr->bytes[3])
            return 0;
        if ((addr->bytes[0] & 0x80) == 0)
            return 8;
        if ((addr->bytes[0] & 0xC0) == 0x80)
            return 16;
        if ((addr->bytes[0] & 0xE0) == 0xC0)
            return 24;
        return -1;
    }
    return 64;
}

static bool
test_netaddr_in_net(const TestNetAddr *a, const TestNetAddr *net, int prefix)
{
    for (int i = 0; i < prefix; i++) {
        unsigned char bit = (unsigned char)(0x80 >> (i % 8));

        if ((a->bytes[i / 8] & bit) != (net->bytes[i / 8] & bit))
            return false;
    }
    return true;
}

/* libvirt's virSocketAddrGetRange checks against the <ip>'s network (its
 * errors come from no particular domain, as libvirt's socket code). */
static int
test_netup_range_check(xmlNodePtr ip, const TestNetAddr *start, const TestNetAddr *end)
{
    _cleanup_free_ char *s = test_netaddr_format(start), *e = test_netaddr_format(end);
    _cleanup_free_ char *addr_s = conf_xml_prop(ip, "address");
    _cleanup_free_ char *net_s = NULL;
    TestNetAddr net;
    int prefix;

    if (start->family != end->family) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, "mismatch of address family in range %s - %s",
                         s, e);
        return -1;
    }
    if (!test_netaddr_parse(addr_s, &net))
        return 0;
    net_s = test_netaddr_format(&net);
    if (start->family != net.family) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                         "mismatch of address family in range %s - %s for network %s", s, e,
                         net_s);
        return -1;
    }
    prefix = test_netip_prefix(ip, &net);
    if (prefix < 0 || prefix > (net.family == AF_INET ? 32 : 128)) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                         "bad prefix %d for network %s when  checking range %s - %s", prefix,
                         net_s, s, e);
        return -1;
    }
    if (!test_netaddr_in_net(start, &net, prefix) || !test_netaddr_in_net(end, &net, prefix)) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, "range %s - %s is not entirely within network %s/%d",
                         s, e, net_s, prefix);
        return -1;
    }
    if (start->family == AF_INET) {
        unsigned int n = 0, st = 0, en = 0, mask = prefix ? 0xffffffffu << (32 - prefix) : 0;

        for (int i = 0; i < 4; i++) {
            n = n << 8 | net.bytes[i];
            st = st << 8 | start->bytes[i];
            en = en << 8 | end->bytes[i];
        }
        if (st == (n & mask)) {
            vir_error_report(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                             "start of range %s - %s in network %s/%d is the network address",
                             s, e, net_s, prefix);
            return -1;
        }
        if (en == ((n & mask) | ~mask)) {
            vir_error_report(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR,
                             "end of range %s - %s in network %s/%d is the broadcast address",
                             s, e, net_s, prefix);
            return -1;
        }
        if ((st >> 16) != (en >> 16)) {
            vir_error_report(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, "range %s - %s is too large (> 65535)", s, e);
            return -1;
        }
        if (en < st) {
            vir_error_report(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, "range %s - %s is reversed ", s, e);
            return -1;
        }
    } else {
        if (memcmp(start->bytes, end->bytes, 14) != 0) {
            vir_error_report(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, "range %s - %s is too large (> 65535)", s, e);
            return -1;
        }
        if (memcmp(end->bytes + 14, start->bytes + 14, 2) < 0) {
            vir_error_report(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, "range %s - %s is reversed ", s, e);
            return -1;
        }
    }
    return 0;
}

int
test_netup_dhcp_range(TestNetUpdate *up)
{
    _cleanup_free_ char *start_s = NULL, *end_s = NULL;
    _cleanup_free_ xmlNodePtr *ranges = NULL;
    TestNetAddr start, end;
    xmlNodePtr ip, node;
    size_t n, i;

    if (test_netup_check_name(up, "range") < 0 || !(ip = test_netup_ip(up)))
        return -1;
    if (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                         "dhcp ranges cannot be modified, only added or deleted");
        return -1;
    }
    if (!(start_s = conf_xml_prop(up->node, "start"))) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "Missing 'start' attribute in dhcp range for network '%s'", up->net_name);
        return -1;
    }
    if (test_netaddr_parse_report(start_s, &start) < 0)
        return -1;
    if (!(end_s = conf_xml_prop(up->node, "end"))) {
        vir_report_error(VIR_ERR_XML_ERROR, "Missing 'end' attribute in dhcp range for network '%s'",
                         up->net_name);
        return -1;
    }
    if (test_netaddr_parse_report(end_s, &end) < 0 || test_netup_range_check(ip, &start, &end) < 0)
        return -1;
    node = test_netup_new_node("range");
    {
        _cleanup_free_ char *s = test_netaddr_format(&start), *e = test_netaddr_format(&end);

        test_netup_set(node, "start", s);
        test_netup_set(node, "end", e);
    }
    if (test_netup_lease(up->node, node) < 0)
        goto fail;
    if (test_netip_family(ip) != start.family) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "the address family of a dhcp range must match the address family of "
                         "the dhcp element's parent");
        goto fail;
    }
    ranges = test_netup_children(conf_xml_child(ip, "dhcp"), "range", &n);
    for (i = 0; i < n; i++) {
        _cleanup_free_ char *rs = conf_xml_prop(ranges[i], "start");
        _cleanup_free_ char *re = conf_xml_prop(ranges[i], "end");
        TestNetAddr a, b;

        if (test_netaddr_parse(rs, &a) && test_netaddr_parse(re, &b) &&
            test_netaddr_eq(&a, &start) && test_netaddr_eq(&b, &end))
            break;
    }
    if (test_netup_is_add(up)) {
        if (test_netup_check_multi_dhcp(up, ip) < 0)
            goto fail;
        if (i < n) {
            _cleanup_free_ char *s = test_netaddr_format(&start), *e = test_netaddr_format(&end);

            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "there is an existing dhcp range entry in network '%s' that matches "
                             "\"<range start='%s' end='%s'/>\"", up->net_name, s, e);
            goto fail;
        }
        test_netup_insert(test_netup_dhcp(ip), "range", node,
                          up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    } else if (up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        xmlFreeNode(node);
        if (i == n) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "couldn't locate a matching dhcp range entry in network '%s'",
                             up->net_name);
            return -1;
        }
        test_netup_remove(ranges[i]);
    } else {
        test_netup_unknown_command(up->command);
        goto fail;
    }
    test_netup_dhcp_tidy(ip);
    return 0;
fail:
    xmlFreeNode(node);
    return -1;
}
