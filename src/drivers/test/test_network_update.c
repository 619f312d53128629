/*
 * test_network_update.c: virNetworkUpdate in the test driver, with libvirt
 * 9.0's rules (virNetworkDefUpdateSection): per section, which commands are
 * allowed, how a new entry is parsed, how it is matched against the
 * existing ones, and every error text.
 *
 * The network definition keeps most of its XML as element trees, so an
 * update works on the document: the definition is formatted and parsed
 * back into a libxml2 tree, the entry is added, replaced or removed there
 * (written in libvirt's canonical form, in libvirt's child order), and the
 * result is parsed as a new definition, which is also the final validity
 * check libvirt makes. Nothing changes unless every step succeeds.
 *
 * Which definitions are touched follows libvirt's test driver: CURRENT
 * means the live one when the network runs, else the persistent one; a
 * config change to a running persistent network goes to the pending
 * definition, which (as there) the XML does not show.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <libxml/tree.h>

#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK
#include "util/error.h"

/* A parsed IP address (family 0: none). */
typedef struct {
    int family;
    unsigned char bytes[16];
} TestNetAddr;

/* One update: the document being changed and what the section handler
 * needs. */
typedef struct {
    const char *net_name;
    xmlNodePtr root;      /* <network> of the working copy */
    xmlNodePtr node;      /* the caller's element */
    unsigned int command;
    int parent_index;
} TestNetUpdate;

static bool
test_netup_is_add(const TestNetUpdate *up)
{
    return up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
           up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;
}

static void
test_netup_unknown_command(unsigned int command)
{
    vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "unrecognized network update command code %d",
                     command);
}

/* ---- addresses ---- */

/* Parses a numeric address quietly. */
static bool
test_netaddr_parse(const char *s, TestNetAddr *ret)
{
    memset(ret, 0, sizeof(*ret));
    if (!s)
        return false;
    if (inet_pton(AF_INET, s, ret->bytes) == 1) {
        ret->family = AF_INET;
        return true;
    }
    if (inet_pton(AF_INET6, s, ret->bytes) == 1) {
        ret->family = AF_INET6;
        return true;
    }
    return false;
}

/* Parses as libvirt's virSocketAddrParse, reporting its error. */
static int
test_netaddr_parse_report(const char *s, TestNetAddr *ret)
{
    struct addrinfo hints = { .ai_flags = AI_NUMERICHOST }, *res = NULL;
    int err;

    if (test_netaddr_parse(s, ret))
        return 0;
    err = getaddrinfo(s, NULL, &hints, &res);
    if (res)
        freeaddrinfo(res);
    vir_error_report(VIR_FROM_NONE, VIR_ERR_SYSTEM_ERROR, "Cannot parse socket address '%s': %s",
                     s, gai_strerror(err ? err : EAI_NONAME));
    return -1;
}

static bool
test_netaddr_eq(const TestNetAddr *a, const TestNetAddr *b)
{
    size_t len = a->family == AF_INET ? 4 : 16;

    return a->family && a->family == b->family && memcmp(a->bytes, b->bytes, len) == 0;
}

static char *
test_netaddr_format(const TestNetAddr *a)
{
    char buf[INET6_ADDRSTRLEN];

    if (!a->family || !inet_ntop(a->family, a->bytes, buf, sizeof(buf)))
        return NULL;
    return xstrdup(buf);
}

/* A MAC address as virMacAddrParse reads it: six hex bytes split by ':'. */
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

/* ---- document helpers ---- */

static xmlNodePtr
test_netup_new_node(const char *name)
{
    return xmlNewNode(NULL, BAD_CAST name);
}

static void
test_netup_set(xmlNodePtr node, const char *name, const char *value)
{
    if (value)
        xmlNewProp(node, BAD_CAST name, BAD_CAST value);
}

/* The children of parent called name, in order (*ret_n of them). */
static xmlNodePtr *
test_netup_children(xmlNodePtr parent, const char *name, size_t *ret_n)
{
    xmlNodePtr *list = NULL;
    size_t n = 0;

    for (xmlNodePtr c = parent ? conf_xml_child(parent, name) : NULL; c;
         c = conf_xml_next(c, name)) {
        list = xreallocarray(list, n + 1, sizeof(*list));
        list[n++] = c;
    }
    *ret_n = n;
    return list;
}

/* Inserts node among parent's children called name: first or last of
 * them (or at the end when there are none). Takes node. */
static void
test_netup_insert(xmlNodePtr parent, const char *name, xmlNodePtr node, bool first)
{
    size_t n;
    _cleanup_free_ xmlNodePtr *list = test_netup_children(parent, name, &n);

    if (n == 0)
        xmlAddChild(parent, node);
    else if (first)
        xmlAddPrevSibling(list[0], node);
    else
        xmlAddNextSibling(list[n - 1], node);
}

/* Puts node in place of old (freed). */
static void
test_netup_replace(xmlNodePtr old, xmlNodePtr node)
{
    xmlReplaceNode(old, node);
    xmlFreeNode(old);
}

static void
test_netup_remove(xmlNodePtr node)
{
    xmlUnlinkNode(node);
    xmlFreeNode(node);
}

/* Reorders parent's element children by name as order lists them (stable;
 * unlisted ones keep their place after the listed). */
static void
test_netup_sort(xmlNodePtr parent, const char *const *order)
{
    xmlNodePtr *kids = NULL, c, next;
    size_t n = 0;

    for (c = parent->children; c; c = next) {
        next = c->next;
        xmlUnlinkNode(c);
        if (c->type != XML_ELEMENT_NODE) {
            xmlFreeNode(c);
            continue;
        }
        kids = xreallocarray(kids, n + 1, sizeof(*kids));
        kids[n++] = c;
    }
    for (size_t o = 0; order[o]; o++)
        for (size_t i = 0; i < n; i++)
            if (kids[i] && conf_xml_is(kids[i], order[o])) {
                xmlAddChild(parent, kids[i]);
                kids[i] = NULL;
            }
    for (size_t i = 0; i < n; i++)
        if (kids[i])
            xmlAddChild(parent, kids[i]);
    free(kids);
}

static bool
test_netup_has_elements(xmlNodePtr node)
{
    for (xmlNodePtr c = node->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return true;
    return false;
}

static int
test_netup_check_name(const TestNetUpdate *up, const char *section)
{
    if (conf_xml_is(up->node, section))
        return 0;
    vir_report_error(VIR_ERR_XML_ERROR,
                     "unexpected element <%s>, expecting <%s>, while updating network '%s'",
                     (const char *)up->node->name, section, up->net_name);
    return -1;
}

static int
test_netup_no_support(const TestNetUpdate *up, const char *section)
{
    vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "can't update '%s' section of network '%s'",
                     section, up->net_name);
    return -1;
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

static bool
test_str_eq(const char *a, const char *b)
{
    return a && b && STREQ(a, b);
}

static int
test_netup_dhcp_host(TestNetUpdate *up)
{
    bool partial = up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE;
    TestDhcpHost h = { 0 };
    xmlNodePtr ip, dhcp, node = NULL;
    _cleanup_free_ xmlNodePtr *hosts = NULL;
    size_t n = 0, i;
    int family, ret = -1;

    if (test_netup_check_name(up, "host") < 0 || !(ip = test_netup_ip(up)))
        return -1;
    family = test_netip_family(ip);
    if (test_dhcp_host_parse(up, up->node, family, partial, &h) < 0)
        goto out;
    if (!partial && family != h.ip.family) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "the address family of a host entry IP must match the address family "
                         "of the dhcp element's parent");
        goto out;
    }
    hosts = test_netup_children(conf_xml_child(ip, "dhcp"), "host", &n);
    {
        TestDhcpHost *ex = XNEW_ARRAY(TestDhcpHost, n + 1);

        for (i = 0; i < n; i++) {
            _cleanup_free_ char *addr = conf_xml_prop(hosts[i], "ip");

            ex[i].mac = conf_xml_prop(hosts[i], "mac");
            ex[i].name = conf_xml_prop(hosts[i], "name");
            test_netaddr_parse(addr, &ex[i].ip);
        }
        if (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
            for (i = 0; i < n; i++)
                if ((h.mac && ex[i].mac && test_mac_eq(h.mac, ex[i].mac)) ||
                    test_netaddr_eq(&h.ip, &ex[i].ip) || test_str_eq(h.name, ex[i].name))
                    break;
            if (i == n) {
                _cleanup_free_ char *addr = test_netaddr_format(&h.ip);

                vir_report_error(VIR_ERR_OPERATION_INVALID,
                                 "couldn't locate an existing dhcp host entry with \"mac='%s'\" "
                                 "\"name='%s'\" \"ip='%s'\" in network '%s'",
                                 h.mac ? h.mac : "unknown", h.name ? h.name : "(null)",
                                 addr ? addr : "unknown", up->net_name);
            } else if ((node = test_dhcp_host_node(&h, up->node))) {
                test_netup_replace(hosts[i], node);
                ret = 0;
            }
        } else if (test_netup_is_add(up)) {
            for (i = 0; i < n; i++)
                if ((h.mac && ex[i].mac && test_mac_eq(h.mac, ex[i].mac)) ||
                    test_str_eq(h.name, ex[i].name) || test_netaddr_eq(&h.ip, &ex[i].ip))
                    break;
            if (test_netup_check_multi_dhcp(up, ip) < 0) {
                /* reported */
            } else if (i < n) {
                _cleanup_free_ char *addr = test_netaddr_format(&h.ip);

                vir_report_error(VIR_ERR_OPERATION_INVALID,
                                 "there is an existing dhcp host entry in network '%s' that "
                                 "matches \"<host mac='%s' name='%s' ip='%s'/>\"",
                                 up->net_name, h.mac ? h.mac : "unknown",
                                 h.name ? h.name : "(null)", addr ? addr : "unknown");
            } else if ((node = test_dhcp_host_node(&h, up->node))) {
                dhcp = test_netup_dhcp(ip);
                test_netup_insert(dhcp, "host", node,
                                  up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
                ret = 0;
            }
        } else if (up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
            for (i = 0; i < n; i++)
                if ((!h.mac || !ex[i].mac || test_mac_eq(h.mac, ex[i].mac)) &&
                    (!h.name || test_str_eq(h.name, ex[i].name)) &&
                    (!h.ip.family || test_netaddr_eq(&h.ip, &ex[i].ip)))
                    break;
            if (i == n) {
                vir_report_error(VIR_ERR_OPERATION_INVALID,
                                 "couldn't locate a matching dhcp host entry in network '%s'",
                                 up->net_name);
            } else {
                test_netup_remove(hosts[i]);
                ret = 0;
            }
        } else {
            test_netup_unknown_command(up->command);
        }
        for (i = 0; i < n; i++)
            test_dhcp_host_clear(&ex[i]);
        free(ex);
    }
    if (ret == 0)
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

static int
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

/* ---- forward-interface ---- */

/* Rewrites <forward dev> from the first interface, as libvirt formats it. */
static void
test_netup_forward_tidy(xmlNodePtr fwd)
{
    static const char *const order[] = { "driver", "nat", "pf", "interface", "address", NULL };
    xmlNodePtr first = conf_xml_child(fwd, "interface");
    _cleanup_free_ char *dev = first ? conf_xml_prop(first, "dev") : NULL;

    test_netup_sort(fwd, order);
    if (conf_xml_child(fwd, "pf"))
        return;
    if (dev)
        xmlSetProp(fwd, BAD_CAST "dev", BAD_CAST dev);
    else
        xmlUnsetProp(fwd, BAD_CAST "dev");
}

static int
test_netup_forward_interface(TestNetUpdate *up)
{
    _cleanup_free_ char *dev = NULL;
    _cleanup_free_ xmlNodePtr *ifs = NULL;
    xmlNodePtr fwd = conf_xml_child(up->root, "forward"), node;
    size_t n, i;

    if (test_netup_check_name(up, "interface") < 0)
        return -1;
    if (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                         "forward interface entries cannot be modified, only added or deleted");
        return -1;
    }
    if (!(dev = conf_xml_prop(up->node, "dev"))) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "missing dev attribute in <interface> element");
        return -1;
    }
    ifs = test_netup_children(fwd, "interface", &n);
    for (i = 0; i < n; i++) {
        _cleanup_free_ char *d = conf_xml_prop(ifs[i], "dev");

        if (test_str_eq(d, dev))
            break;
    }
    if (test_netup_is_add(up)) {
        if (i < n) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "there is an existing interface entry in network '%s' that matches "
                             "\"<interface dev='%s'>\"", up->net_name, dev);
            return -1;
        }
        /* an isolated network has no <forward> to keep it in */
        if (!fwd)
            return 0;
        node = test_netup_new_node("interface");
        test_netup_set(node, "dev", dev);
        test_netup_insert(fwd, "interface", node,
                          up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    } else if (up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (i == n) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "couldn't find an interface entry in network '%s' matching "
                             "<interface dev='%s'>", up->net_name, dev);
            return -1;
        }
        test_netup_remove(ifs[i]);
    } else {
        test_netup_unknown_command(up->command);
        return -1;
    }
    test_netup_forward_tidy(fwd);
    return 0;
}

/* ---- portgroup ---- */

static int
test_netup_portgroup(TestNetUpdate *up)
{
    static const char *const tristate[] = { "yes", "no", NULL };
    static const char *const order[] = { "vlan", "virtualport", "bandwidth", NULL };
    _cleanup_free_ char *name = NULL, *def = NULL, *trust = NULL;
    _cleanup_free_ xmlNodePtr *pgs = NULL;
    int found_name = -1, found_default = -1;
    bool is_default;
    xmlNodePtr node;
    size_t n;

    if (test_netup_check_name(up, "portgroup") < 0)
        return -1;
    if (!(name = conf_xml_prop(up->node, "name"))) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "Missing required name attribute in portgroup");
        return -1;
    }
    def = conf_xml_prop(up->node, "default");
    is_default = def && strcasecmp(def, "yes") == 0;
    if (conf_xml_prop_enum(up->node, "trustGuestRxFilters", tristate, false, &trust) < 0)
        return -1;
    pgs = test_netup_children(up->root, "portgroup", &n);
    for (size_t i = 0; i < n; i++) {
        _cleanup_free_ char *pn = conf_xml_prop(pgs[i], "name");
        _cleanup_free_ char *pd = conf_xml_prop(pgs[i], "default");

        if (test_str_eq(pn, name))
            found_name = (int)i;
        if (pd && strcasecmp(pd, "yes") == 0)
            found_default = (int)i;
    }
    if (found_name < 0 && (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY ||
                           up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "couldn't find a portgroup entry in network '%s' matching <portgroup "
                         "name='%s'>", up->net_name, name);
        return -1;
    }
    if (found_name >= 0 && test_netup_is_add(up)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "there is an existing portgroup entry in network '%s' that matches "
                         "\"<portgroup name='%s'>\"", up->net_name, name);
        return -1;
    }
    if (up->command != VIR_NETWORK_UPDATE_COMMAND_DELETE && is_default && found_default >= 0 &&
        found_default != found_name) {
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "a different portgroup entry in network '%s' is already set as the "
                         "default. Only one default is allowed.", up->net_name);
        return -1;
    }
    if (up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        test_netup_remove(pgs[found_name]);
        return 0;
    }
    if (up->command != VIR_NETWORK_UPDATE_COMMAND_MODIFY && !test_netup_is_add(up)) {
        test_netup_unknown_command(up->command);
        return -1;
    }
    /* libvirt's form: its attributes in order, then vlan, virtualport,
     * bandwidth (kept as given) */
    node = test_netup_new_node("portgroup");
    test_netup_set(node, "name", name);
    if (is_default)
        test_netup_set(node, "default", "yes");
    test_netup_set(node, "trustGuestRxFilters", trust);
    for (size_t o = 0; order[o]; o++) {
        xmlNodePtr c = conf_xml_child(up->node, order[o]);

        if (c)
            xmlAddChild(node, xmlCopyNode(c, 1));
    }
    if (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY)
        test_netup_replace(pgs[found_name], node);
    else
        test_netup_insert(up->root, "portgroup", node,
                          up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    return 0;
}

/* ---- dns ---- */

static xmlNodePtr
test_netup_dns(TestNetUpdate *up)
{
    xmlNodePtr dns = conf_xml_child(up->root, "dns");

    if (!dns)
        dns = xmlAddChild(up->root, test_netup_new_node("dns"));
    return dns;
}

/* Sorts <dns> as libvirt prints it and drops it when empty. */
static void
test_netup_dns_tidy(TestNetUpdate *up)
{
    static const char *const order[] = { "forwarder", "txt", "srv", "host", NULL };
    xmlNodePtr dns = conf_xml_child(up->root, "dns");

    if (!dns)
        return;
    test_netup_sort(dns, order);
    if (!test_netup_has_elements(dns) && !dns->properties)
        test_netup_remove(dns);
}

static int
test_netup_dns_modify_refused(const char *what)
{
    vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED,
                     "DNS %s records cannot be modified, only added or deleted", what);
    return -1;
}

/* The <hostname>s of a DNS <host> (*ret_n of them). Reports an empty one. */
static char **
test_dns_host_names(const TestNetUpdate *up, xmlNodePtr host, size_t *ret_n, bool *ret_bad)
{
    char **names = NULL;
    size_t n = 0;

    *ret_bad = false;
    for (xmlNodePtr c = conf_xml_child(host, "hostname"); c; c = conf_xml_next(c, "hostname")) {
        char *name;

        if (!c->children)
            continue;
        name = conf_xml_text(c);
        if (!name || !*name) {
            free(name);
            if (up)
                vir_report_error(VIR_ERR_XML_DETAIL,
                                 "Missing hostname in network '%s' DNS HOST record",
                                 up->net_name);
            *ret_bad = true;
            break;
        }
        names = xreallocarray(names, n + 1, sizeof(*names));
        names[n++] = name;
    }
    *ret_n = n;
    return names;
}

static void
test_strv_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static int
test_netup_dns_host(TestNetUpdate *up)
{
    bool add = test_netup_is_add(up), bad;
    _cleanup_free_ char *ip_s = NULL;
    _cleanup_free_ xmlNodePtr *hosts = NULL;
    TestNetAddr ip = { 0 };
    char **names = NULL;
    size_t nnames = 0, n = 0;
    int found = 0, found_idx = -1, ret = -1;
    xmlNodePtr dns = conf_xml_child(up->root, "dns"), node;

    if (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY)
        return test_netup_dns_modify_refused("HOST");
    if (test_netup_check_name(up, "host") < 0)
        return -1;
    if (!(ip_s = conf_xml_prop(up->node, "ip")) && add) {
        vir_report_error(VIR_ERR_XML_DETAIL, "Missing IP address in network '%s' DNS HOST record",
                         up->net_name);
        return -1;
    }
    if (ip_s && !test_netaddr_parse(ip_s, &ip)) {
        vir_report_error(VIR_ERR_XML_DETAIL, "Invalid IP address in network '%s' DNS HOST record",
                         up->net_name);
        return -1;
    }
    names = test_dns_host_names(up, up->node, &nnames, &bad);
    if (bad)
        goto out;
    if (nnames == 0 && add) {
        vir_report_error(VIR_ERR_XML_DETAIL, "Missing hostname in network '%s' DNS HOST record",
                         up->net_name);
        goto out;
    }
    if (!ip.family && nnames == 0) {
        vir_report_error(VIR_ERR_XML_DETAIL,
                         "Missing ip and hostname in network '%s' DNS HOST record", up->net_name);
        goto out;
    }
    hosts = test_netup_children(dns, "host", &n);
    for (size_t i = 0; i < n; i++) {
        _cleanup_free_ char *hip = conf_xml_prop(hosts[i], "ip");
        TestNetAddr a;
        bool hit = test_netaddr_parse(hip, &a) && test_netaddr_eq(&ip, &a);

        if (!add && !hit) {
            size_t hn;
            char **hnames = test_dns_host_names(NULL, hosts[i], &hn, &bad);

            for (size_t j = 0; j < nnames && !hit; j++)
                for (size_t k = 0; k < hn && !hit; k++)
                    hit = STREQ(names[j], hnames[k]);
            test_strv_free(hnames, hn);
        }
        if (hit) {
            found++;
            found_idx = (int)i;
        }
    }
    if (add) {
        _cleanup_free_ char *canon = test_netaddr_format(&ip);

        if (found > 0) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "there is already at least one DNS HOST record with a matching "
                             "field in network %s", up->net_name);
            goto out;
        }
        node = test_netup_new_node("host");
        test_netup_set(node, "ip", canon);
        for (size_t j = 0; j < nnames; j++)
            xmlNewTextChild(node, NULL, BAD_CAST "hostname", BAD_CAST names[j]);
        test_netup_insert(test_netup_dns(up), "host", node,
                          up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    } else if (up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (found == 0) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "couldn't locate a matching DNS HOST record in network %s",
                             up->net_name);
            goto out;
        }
        if (found > 1) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "multiple matching DNS HOST records were found in network %s",
                             up->net_name);
            goto out;
        }
        test_netup_remove(hosts[found_idx]);
    } else {
        test_netup_unknown_command(up->command);
        goto out;
    }
    test_netup_dns_tidy(up);
    ret = 0;
out:
    test_strv_free(names, nnames);
    return ret;
}

static int
test_netup_dns_txt(TestNetUpdate *up)
{
    bool add = test_netup_is_add(up);
    _cleanup_free_ char *name = NULL, *value = NULL;
    _cleanup_free_ xmlNodePtr *txts = NULL;
    xmlNodePtr node;
    size_t n, i;

    if (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY)
        return test_netup_dns_modify_refused("TXT");
    if (test_netup_check_name(up, "txt") < 0)
        return -1;
    if (!(name = conf_xml_prop(up->node, "name"))) {
        vir_report_error(VIR_ERR_XML_DETAIL,
                         "missing required name attribute in DNS TXT record of network %s",
                         up->net_name);
        return -1;
    }
    if (strcspn(name, " ,") != strlen(name)) {
        vir_report_error(VIR_ERR_XML_DETAIL,
                         "prohibited character in DNS TXT record name '%s' of network %s", name,
                         up->net_name);
        return -1;
    }
    if (!(value = conf_xml_prop(up->node, "value")) && add) {
        vir_report_error(VIR_ERR_XML_DETAIL,
                         "missing required value attribute in DNS TXT record named '%s' of "
                         "network %s", name, up->net_name);
        return -1;
    }
    txts = test_netup_children(conf_xml_child(up->root, "dns"), "txt", &n);
    for (i = 0; i < n; i++) {
        _cleanup_free_ char *tn = conf_xml_prop(txts[i], "name");

        if (test_str_eq(tn, name))
            break;
    }
    if (add) {
        if (i < n) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "there is already a DNS TXT record with name '%s' in network %s",
                             name, up->net_name);
            return -1;
        }
        node = test_netup_new_node("txt");
        test_netup_set(node, "name", name);
        test_netup_set(node, "value", value);
        test_netup_insert(test_netup_dns(up), "txt", node,
                          up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    } else if (up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (i == n) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "couldn't locate a matching DNS TXT record in network %s",
                             up->net_name);
            return -1;
        }
        test_netup_remove(txts[i]);
    } else {
        test_netup_unknown_command(up->command);
        return -1;
    }
    test_netup_dns_tidy(up);
    return 0;
}

#define TEST_DNS_SRV_MAX_LEN (512 - 30)
#define TEST_DNS_PROTOCOL_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-+/"
#define TEST_DNS_SERVICE_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+/*"

/* An SRV number attribute: 1 present and valid, 0 absent, -1 reported. */
static int
test_dns_srv_num(const TestNetUpdate *up, const char *service, const char *target,
                 const char *attr, unsigned int min, char **ret)
{
    _cleanup_free_ char *v = conf_xml_prop(up->node, attr);
    unsigned long n;
    char *end;

    if (!v)
        return 0;
    if (!target) {
        vir_report_error(VIR_ERR_XML_DETAIL,
                         "DNS SRV %s attribute not permitted without target for service '%s' "
                         "in network '%s'", attr, service ? service : "(null)", up->net_name);
        return -1;
    }
    errno = 0;
    n = strtoul(v, &end, 10);
    if (end == v || *end || errno || strchr(v, '-') || n < min || n > 65535) {
        /* libvirt capitalises only the priority message */
        if (STREQ(attr, "priority"))
            vir_report_error(VIR_ERR_XML_DETAIL,
                             "Invalid DNS SRV priority attribute for service '%s' in network '%s'",
                             service ? service : "(null)", up->net_name);
        else
            vir_report_error(VIR_ERR_XML_DETAIL,
                             "invalid DNS SRV %s attribute for service '%s' in network '%s'",
                             attr, service ? service : "(null)", up->net_name);
        return -1;
    }
    *ret = xasprintf("%lu", n);
    return n ? 1 : 0;
}

static int
test_netup_dns_srv(TestNetUpdate *up)
{
    bool add = test_netup_is_add(up);
    _cleanup_free_ char *service = NULL, *protocol = NULL, *domain = NULL, *target = NULL;
    _cleanup_free_ char *port = NULL, *priority = NULL, *weight = NULL;
    _cleanup_free_ xmlNodePtr *srvs = NULL;
    int found = 0, found_idx = -1;
    xmlNodePtr node;
    size_t n;

    if (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY)
        return test_netup_dns_modify_refused("SRV");
    if (test_netup_check_name(up, "srv") < 0)
        return -1;
    if (!(service = conf_xml_prop(up->node, "service")) && add) {
        vir_report_error(VIR_ERR_XML_DETAIL,
                         "missing required service attribute in DNS SRV record of network '%s'",
                         up->net_name);
        return -1;
    }
    if (service && strlen(service) > TEST_DNS_SRV_MAX_LEN) {
        vir_report_error(VIR_ERR_XML_DETAIL,
                         "service attribute '%s' in network '%s' is too long, limit is %d bytes",
                         service, up->net_name, TEST_DNS_SRV_MAX_LEN);
        return -1;
    }
    if (service && strspn(service, TEST_DNS_SERVICE_CHARS) < strlen(service)) {
        vir_report_error(VIR_ERR_XML_DETAIL,
                         "invalid character in service attribute '%s' in DNS SRV record of "
                         "network '%s'", service, up->net_name);
        return -1;
    }
    if (!(protocol = conf_xml_prop(up->node, "protocol")) && add) {
        vir_report_error(VIR_ERR_XML_DETAIL,
                         "missing required protocol attribute in DNS SRV record '%s' of network "
                         "'%s'", service ? service : "(null)", up->net_name);
        return -1;
    }
    if (protocol && strspn(protocol, TEST_DNS_PROTOCOL_CHARS) < strlen(protocol)) {
        vir_report_error(VIR_ERR_XML_DETAIL,
                         "invalid character in protocol attribute '%s' in DNS SRV record of "
                         "network '%s'", protocol, up->net_name);
        return -1;
    }
    domain = conf_xml_prop(up->node, "domain");
    target = conf_xml_prop(up->node, "target");
    if (test_dns_srv_num(up, service, target, "port", 1, &port) < 0 ||
        test_dns_srv_num(up, service, target, "priority", 0, &priority) < 0 ||
        test_dns_srv_num(up, service, target, "weight", 0, &weight) < 0)
        return -1;
    srvs = test_netup_children(conf_xml_child(up->root, "dns"), "srv", &n);
    for (size_t i = 0; i < n; i++) {
        _cleanup_free_ char *d = conf_xml_prop(srvs[i], "domain");
        _cleanup_free_ char *s = conf_xml_prop(srvs[i], "service");
        _cleanup_free_ char *p = conf_xml_prop(srvs[i], "protocol");
        _cleanup_free_ char *t = conf_xml_prop(srvs[i], "target");

        if ((!domain || test_str_eq(domain, d)) && (!service || test_str_eq(service, s)) &&
            (!protocol || test_str_eq(protocol, p)) && (!target || test_str_eq(target, t))) {
            found++;
            found_idx = (int)i;
        }
    }
    if (add) {
        if (found > 0) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "there is already at least one DNS SRV record matching all "
                             "specified fields in network %s", up->net_name);
            return -1;
        }
        node = test_netup_new_node("srv");
        test_netup_set(node, "service", service);
        test_netup_set(node, "protocol", protocol);
        test_netup_set(node, "domain", domain);
        test_netup_set(node, "target", target);
        test_netup_set(node, "port", port && STRNEQ(port, "0") ? port : NULL);
        test_netup_set(node, "priority", priority && STRNEQ(priority, "0") ? priority : NULL);
        test_netup_set(node, "weight", weight && STRNEQ(weight, "0") ? weight : NULL);
        test_netup_insert(test_netup_dns(up), "srv", node,
                          up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    } else if (up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (found == 0) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "couldn't locate a matching DNS SRV record in network %s",
                             up->net_name);
            return -1;
        }
        if (found > 1) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "multiple DNS SRV records matching all specified fields were found "
                             "in network %s", up->net_name);
            return -1;
        }
        test_netup_remove(srvs[found_idx]);
    } else {
        test_netup_unknown_command(up->command);
        return -1;
    }
    test_netup_dns_tidy(up);
    return 0;
}

/* ---- dispatch ---- */

static int
test_netup_section(TestNetUpdate *up, unsigned int section)
{
    switch (section) {
    case VIR_NETWORK_SECTION_BRIDGE:
        return test_netup_no_support(up, "bridge");
    case VIR_NETWORK_SECTION_DOMAIN:
        return test_netup_no_support(up, "domain");
    case VIR_NETWORK_SECTION_IP:
        return test_netup_no_support(up, "ip");
    case VIR_NETWORK_SECTION_IP_DHCP_HOST:
        return test_netup_dhcp_host(up);
    case VIR_NETWORK_SECTION_IP_DHCP_RANGE:
        return test_netup_dhcp_range(up);
    case VIR_NETWORK_SECTION_FORWARD:
        return test_netup_no_support(up, "forward");
    case VIR_NETWORK_SECTION_FORWARD_INTERFACE:
        return test_netup_forward_interface(up);
    case VIR_NETWORK_SECTION_FORWARD_PF:
        return test_netup_no_support(up, "forward pf");
    case VIR_NETWORK_SECTION_PORTGROUP:
        return test_netup_portgroup(up);
    case VIR_NETWORK_SECTION_DNS_HOST:
        return test_netup_dns_host(up);
    case VIR_NETWORK_SECTION_DNS_TXT:
        return test_netup_dns_txt(up);
    case VIR_NETWORK_SECTION_DNS_SRV:
        return test_netup_dns_srv(up);
    default:
        vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                         "can't update unrecognized section of network");
        return -1;
    }
}

/* The checks libvirt's parser makes that ours leaves to this file: an
 * l3 forward mode takes one interface at most. */
static int
test_netup_check_result(const NetworkDef *def, xmlNodePtr root)
{
    xmlNodePtr fwd = conf_xml_child(root, "forward");
    const char *mode = def->has_forward ? def->forward_mode : "none";

    if (fwd && (STREQ(mode, "nat") || STREQ(mode, "route") || STREQ(mode, "open")) &&
        conf_xml_count(fwd, "interface") > 1) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "multiple forwarding interfaces specified for network '%s', only one "
                         "is supported", def->name);
        return -1;
    }
    return 0;
}

/* Applies one update to a copy of def; the new definition, or NULL
 * (reported). */
static NetworkDef *
test_netup_apply(const NetworkDef *def, unsigned int command, unsigned int section,
                 int parent_index, const char *xml)
{
    _cleanup_free_ char *text = network_def_format(def);
    xmlDocPtr upd, doc = NULL;
    NetworkDef *ret = NULL;
    TestNetUpdate up = { .net_name = def->name, .command = command,
                         .parent_index = parent_index };

    if (!(upd = conf_xml_parse_string(xml, "network_update_xml", NULL, VIR_FROM_NETWORK)))
        return NULL;
    if (!(doc = conf_xml_parse_string(text, "(network_definition)", "network",
                                      VIR_FROM_NETWORK)))
        goto out;
    up.root = xmlDocGetRootElement(doc);
    up.node = xmlDocGetRootElement(upd);
    if (test_netup_section(&up, section) < 0)
        goto out;
    {
        xmlBufferPtr buf = xmlBufferCreate();

        xmlNodeDump(buf, doc, up.root, 0, 0);
        ret = network_def_parse_string((const char *)xmlBufferContent(buf));
        xmlBufferFree(buf);
    }
    if (ret && test_netup_check_result(ret, up.root) < 0) {
        network_def_free(ret);
        ret = NULL;
    }
out:
    xmlFreeDoc(doc);
    xmlFreeDoc(upd);
    return ret;
}

static NetworkDef *
test_netup_copy(const NetworkDef *def)
{
    _cleanup_free_ char *text = network_def_format(def);

    return network_def_parse_string(text);
}

int
test_network_update(virNetworkPtr net, unsigned int command, unsigned int section,
                    int parent_index, const char *xml, unsigned int flags)
{
    TestState *st = test_state_of(net->conn);
    NetworkDef *live = NULL, *config = NULL;
    TestNetwork *obj = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG,
                     "testNetworkUpdate", -1);
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nnetworks && !obj; i++)
        if (memcmp(st->networks[i]->def->uuid, net->uuid, VIR_UUID_BUFLEN) == 0)
            obj = st->networks[i];
    if (!obj) {
        vir_error_report(VIR_FROM_TEST, VIR_ERR_NO_NETWORK,
                         "no network with matching uuid '%s'",
                         vireo_uuid_format(net->uuid, uuid));
        goto out;
    }
    if (!(flags & (VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG)))
        flags |= obj->active ? VIR_NETWORK_UPDATE_AFFECT_LIVE : VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (!obj->active && (flags & VIR_NETWORK_UPDATE_AFFECT_LIVE)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "network is not running");
        goto out;
    }
    if (flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) {
        if (!obj->persistent) {
            vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                             "cannot change persistent config of a transient network");
            goto out;
        }
        /* a running persistent network keeps its config apart from now on */
        if (obj->active && !obj->new_def && !(obj->new_def = test_netup_copy(obj->def)))
            goto out;
    }
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) &&
        !(live = test_netup_apply(obj->def, command, section, parent_index, xml)))
        goto out;
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) &&
        !(config = test_netup_apply(obj->new_def ? obj->new_def : obj->def, command, section,
                                    parent_index, xml)))
        goto out;
    if (config) {
        NetworkDef **slot = obj->active ? &obj->new_def : &obj->def;

        network_def_free(*slot);
        *slot = TAKE_PTR(config);
    }
    if (live) {
        network_def_free(obj->def);
        obj->def = TAKE_PTR(live);
    }
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    network_def_free(live);
    network_def_free(config);
    return ret;
}
