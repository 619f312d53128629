/*
 * test_network_update_dns.c: the dns-host, dns-txt and dns-srv sections of
 * virNetworkUpdate. DNS records can only be added or deleted; a delete
 * names a record by any of its fields, and must match exactly one.
 */
#include <errno.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "drivers/test/test_network_update.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK
#include "util/error.h"

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

int
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

int
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

int
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
