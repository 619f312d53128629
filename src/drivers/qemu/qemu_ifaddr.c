/*
 * qemu_ifaddr.c: virDomainInterfaceAddresses for the QEMU driver, by
 * libvirtd's rules for each source (virt-manager asks for lease and arp
 * when it shows a NIC):
 *   - lease: the DHCP leases of the libvirt networks the interfaces sit
 *     on. Only type='network' interfaces have any, and this driver runs
 *     none yet (they are refused at define), so the answer is no
 *     interface;
 *   - arp: the host's neighbour table, matched by MAC: an interface is
 *     listed with the IPv4 address its MAC has there. A user-mode NIC
 *     lives inside qemu and never shows up, exactly as under libvirtd;
 *   - agent: needs the guest agent channel, which no domain here can
 *     have: "QEMU guest agent is not configured".
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "drivers/qemu/qemu_ifaddr.h"
#include "drivers/qemu/qemu_private.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

#define IFADDR_ARP_TABLE "/proc/net/arp"
#define IFADDR_MAX_ARP_LINES 65536

typedef struct {
    size_t n;
    char (*mac)[18];
    char **ifname;
} IfaddrNets;

/* The domain's interfaces (MAC and host-side name), if it is running. */
static int
ifaddr_nets_of(virDomainPtr handle, IfaddrNets *ret_nets)
{
    QemuDriver *drv = qemu_driver_of(handle->conn);
    QemuDomain *dom;
    int rc = 0;

    pthread_mutex_lock(&drv->lock);
    dom = qemu_domain_find_uuid(drv, handle->uuid);
    if (!dom) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN,
                         "no domain with matching uuid '%s' (%s)",
                         vireo_uuid_format(handle->uuid, uuid), handle->name);
        rc = -1;
    } else if (dom->id < 0) {
        /* libvirt's active check reports from its domain code */
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "%s",
                         "domain is not running");
        rc = -1;
    } else {
        const DomainDef *def = dom->def->def;

        ret_nets->n = def->nnets;
        ret_nets->mac = xcalloc(def->nnets + 1, sizeof(*ret_nets->mac));
        ret_nets->ifname = XNEW_ARRAY(char *, def->nnets + 1);
        for (size_t i = 0; i < def->nnets; i++) {
            const unsigned char *m = def->nets[i]->mac;
            snprintf(ret_nets->mac[i], sizeof(ret_nets->mac[i]),
                     "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
            ret_nets->ifname[i] = xstrdup(def->nets[i]->ifname ? def->nets[i]->ifname : "");
        }
    }
    pthread_mutex_unlock(&drv->lock);
    qemu_domain_unref(dom);
    return rc;
}

static void
ifaddr_nets_clear(IfaddrNets *nets)
{
    for (size_t i = 0; i < nets->n; i++)
        free(nets->ifname[i]);
    free(nets->ifname);
    free(nets->mac);
}

static virDomainInterfacePtr
ifaddr_new(const char *name, const char *mac, const char *ip)
{
    virDomainInterfacePtr iface = XNEW(virDomainInterface);

    iface->name = xstrdup(name);
    iface->hwaddr = xstrdup(mac);
    iface->naddrs = 1;
    iface->addrs = XNEW_ARRAY(virDomainIPAddress, 1);
    iface->addrs[0].type = VIR_IP_ADDR_TYPE_IPV4;
    iface->addrs[0].addr = xstrdup(ip);
    return iface;
}

/* Every complete entry of the host's ARP table whose MAC is one of the
 * domain's, in interface order (libvirt's order: per interface, per entry). */
static int
ifaddr_from_arp(const IfaddrNets *nets, virDomainInterfacePtr **ret_list)
{
    char (*ip)[64] = NULL;
    char (*mac)[32] = NULL;
    size_t nentries = 0, n = 0;
    virDomainInterfacePtr *list;
    char line[512];
    FILE *f = fopen(IFADDR_ARP_TABLE, "re");

    if (f) {
        /* the first line is the header */
        for (int lines = 0; fgets(line, sizeof(line), f) && lines < IFADDR_MAX_ARP_LINES;
             lines++) {
            char a[64], m[32];
            unsigned int flags;

            if (lines == 0 || sscanf(line, "%63s %*s %x %31s", a, &flags, m) != 3 ||
                !(flags & 0x2)) /* ATF_COM: the entry is complete */
                continue;
            ip = xreallocarray(ip, nentries + 1, sizeof(*ip));
            mac = xreallocarray(mac, nentries + 1, sizeof(*mac));
            memcpy(ip[nentries], a, sizeof(a));
            memcpy(mac[nentries], m, sizeof(m));
            nentries++;
        }
        fclose(f);
    }
    list = XNEW_ARRAY(virDomainInterfacePtr, nets->n * nentries + 1);
    for (size_t i = 0; i < nets->n; i++)
        for (size_t j = 0; j < nentries; j++)
            if (strcasecmp(nets->mac[i], mac[j]) == 0)
                list[n++] = ifaddr_new(nets->ifname[i], nets->mac[i], ip[j]);
    free(ip);
    free(mac);
    *ret_list = list;
    return (int)n;
}

int
qemu_domain_interface_addresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                unsigned int source, unsigned int flags)
{
    IfaddrNets nets = { 0 };
    int rc = -1;

    vir_check_flags(flags, 0, -1);
    if (ifaddr_nets_of(dom, &nets) < 0)
        return -1;
    switch (source) {
    case VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE:
        /* leases exist only for type='network' interfaces: none here */
        *ifaces = XNEW_ARRAY(virDomainInterfacePtr, 1);
        rc = 0;
        break;
    case VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT:
        vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                         "QEMU guest agent is not configured");
        break;
    case VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP:
        rc = ifaddr_from_arp(&nets, ifaces);
        break;
    default:
        vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "Unknown IP address data source %d",
                         (int)source);
        break;
    }
    ifaddr_nets_clear(&nets);
    return rc;
}
