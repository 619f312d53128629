/*
 * test_ifaddr.c: virDomainInterfaceAddresses in the test driver, as
 * libvirt 9.0's answers: one made-up address per interface of a running
 * domain, taken from the network's first <ip> (its DHCP range start, or
 * its address, plus an offset per domain and interface) for network
 * interfaces, and 192.168.0.(n+1)/24 for the others. Also its interface
 * counters (virDomainInterfaceStats), which grow with the clock.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <arpa/inet.h>
#include <ctype.h>
#include <sys/time.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/test/test_methods.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"

/* As virDomainInterfaceFree, without depending on the public API. */
static void
test_ifaddr_free(virDomainInterfacePtr iface)
{
    for (unsigned int i = 0; iface && i < iface->naddrs; i++)
        free(iface->addrs[i].addr);
    if (iface) {
        free(iface->addrs);
        free(iface->name);
        free(iface->hwaddr);
        free(iface);
    }
}

static const ConfXmlRaw *
test_ifaddr_first_ip(const NetworkDef *def)
{
    for (size_t i = 0; i < def->nraws; i++)
        if (strcmp(conf_xml_raw_name(def->raws[i]), "ip") == 0)
            return def->raws[i];
    return NULL;
}

/* The prefix libvirt derives: explicit, else from the netmask, else the
 * address class (64 for IPv6). */
static unsigned int
test_ifaddr_prefix(const ConfXmlRaw *ip, bool v6)
{
    const char *prefix = conf_xml_raw_attr(ip, "prefix");
    const char *mask = conf_xml_raw_attr(ip, "netmask");
    const char *addr = conf_xml_raw_attr(ip, "address");
    struct in_addr a;

    if (prefix && atoi(prefix) > 0)
        return (unsigned int)atoi(prefix);
    if (mask && inet_pton(AF_INET, mask, &a) == 1)
        return (unsigned int)__builtin_popcount(a.s_addr);
    if (!addr)
        return 0;
    if (v6)
        return 64;
    if (inet_pton(AF_INET, addr, &a) != 1)
        return 0;
    uint32_t h = ntohl(a.s_addr);
    return (h >> 31) == 0 ? 8 : (h >> 30) == 2 ? 16 : (h >> 29) == 6 ? 24 : (unsigned int)-1;
}

static int
test_ifaddr_from_net(TestState *st, const DomainNet *net, size_t offset, virDomainIPAddress *ret)
{
    const NetworkDef *def = NULL;
    const ConfXmlRaw *ip, *dhcp, *range;
    const char *start, *family;
    bool v6;

    for (size_t i = 0; i < st->nnetworks && !def; i++)
        if (net->source && strcmp(st->networks[i]->def->name, net->source) == 0)
            def = st->networks[i]->def;
    if (!def) {
        vir_error_report(VIR_FROM_NETWORK, VIR_ERR_NO_NETWORK, "no network with matching name '%s'",
                         net->source ? net->source : "");
        return -1;
    }
    if (!(ip = test_ifaddr_first_ip(def))) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "network '%s' has no IP address", def->name);
        return -1;
    }
    family = conf_xml_raw_attr(ip, "family");
    v6 = family && strcmp(family, "ipv6") == 0;
    ret->prefix = test_ifaddr_prefix(ip, v6);
    dhcp = conf_xml_raw_child(ip, "dhcp");
    range = dhcp ? conf_xml_raw_child(dhcp, "range") : NULL;
    start = range ? conf_xml_raw_attr(range, "start") : conf_xml_raw_attr(ip, "address");
    if (v6) {
        struct in6_addr a;
        char buf[INET6_ADDRSTRLEN];

        if (!start || inet_pton(AF_INET6, start, &a) != 1)
            goto bad;
        a.s6_addr[15] = (unsigned char)(a.s6_addr[15] + offset);
        ret->type = VIR_IP_ADDR_TYPE_IPV6;
        ret->addr = xstrdup(inet_ntop(AF_INET6, &a, buf, sizeof(buf)));
    } else {
        struct in_addr a;
        char buf[INET_ADDRSTRLEN];

        if (!start || inet_pton(AF_INET, start, &a) != 1)
            goto bad;
        a.s_addr = htonl(ntohl(a.s_addr) + (uint32_t)offset);
        ret->type = VIR_IP_ADDR_TYPE_IPV4;
        ret->addr = xstrdup(inet_ntop(AF_INET, &a, buf, sizeof(buf)));
    }
    return 0;
bad:
    vir_report_error(VIR_ERR_INTERNAL_ERROR, "network '%s' has no usable address", def->name);
    return -1;
}

int
test_domain_interface_addresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                unsigned int source, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    virDomainInterfacePtr *list = NULL;
    size_t n = 0;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testDomainInterfaceAddresses", -1);
    if (source > VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP) {
        vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "Unknown IP address data source %d",
                         (int)source);
        return -1;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!test_domain_active(obj)) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        goto out;
    }
    list = XNEW_ARRAY(virDomainInterfacePtr, obj->def->nnets + 1);
    for (size_t i = 0; i < obj->def->nnets; i++) {
        const DomainNet *net = obj->def->nets[i];
        virDomainInterfacePtr iface = XNEW(virDomainInterface);
        const unsigned char *m = net->mac;

        list[n++] = iface;
        iface->name = xstrdup(net->ifname);
        iface->hwaddr = xasprintf("%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
                                  m[5]);
        iface->addrs = XNEW_ARRAY(virDomainIPAddress, 1);
        iface->naddrs = 1;
        if (net->type && strcmp(net->type, "network") == 0) {
            size_t offset = 20 * (size_t)(obj->def->id - 1) + i + 1;

            if (test_ifaddr_from_net(st, net, offset, &iface->addrs[0]) < 0)
                goto out;
        } else {
            iface->addrs[0].type = VIR_IP_ADDR_TYPE_IPV4;
            iface->addrs[0].prefix = 24;
            iface->addrs[0].addr = xasprintf("192.168.0.%zu", i + 1);
        }
    }
    *ifaces = list;
    list = NULL;
    ret = (int)n;
out:
    pthread_mutex_unlock(&st->lock);
    for (size_t i = 0; list && i < n; i++)
        test_ifaddr_free(list[i]);
    free(list);
    return ret;
}

/* device as a MAC address ("52:54:0:a:b:c"), as libvirt parses one. */
static bool
test_ifstat_parse_mac(const char *s, unsigned char mac[6])
{
    for (int i = 0; i < 6; i++) {
        char *end;
        unsigned long v;

        if (!isxdigit((unsigned char)*s))
            return false;
        v = strtoul(s, &end, 16);
        if (v > 0xff || end - s > 2)
            return false;
        mac[i] = (unsigned char)v;
        s = end;
        if (i < 5 && *s++ != ':')
            return false;
    }
    return *s == '\0';
}

int
test_domain_interface_stats(virDomainPtr dom, const char *device, virDomainInterfaceStatsPtr stats)
{
    TestState *st;
    TestDomain *obj;
    const DomainNet *net = NULL;
    unsigned char mac[6];
    bool is_mac = test_ifstat_parse_mac(device, mac);
    struct timeval now;
    long long base;
    int ret = -1;

    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!test_domain_active(obj)) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        goto out;
    }
    for (size_t i = 0; i < obj->def->nnets && !net; i++) {
        const DomainNet *n = obj->def->nets[i];

        if (is_mac ? memcmp(n->mac, mac, 6) == 0 : (n->ifname && strcmp(n->ifname, device) == 0))
            net = n;
    }
    if (!net) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "'%s' is not a known interface",
                         device);
        goto out;
    }
    /* counters that move with the clock, as libvirt's test driver makes */
    gettimeofday(&now, NULL);
    base = (long long)now.tv_sec * 1000000LL + now.tv_usec;
    stats->rx_bytes = base / 10;
    stats->rx_packets = base / 100;
    stats->rx_errs = base / 1000000LL;
    stats->rx_drop = base / 2000000LL;
    stats->tx_bytes = base / 20;
    stats->tx_packets = base / 110;
    stats->tx_errs = base / 3000000LL;
    stats->tx_drop = base / 4000000LL;
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}
