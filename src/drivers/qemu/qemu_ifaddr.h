/*
 * qemu_ifaddr.h: virDomainInterfaceAddresses for the QEMU driver.
 */
#ifndef VIREO_DRIVERS_QEMU_IFADDR_H
#define VIREO_DRIVERS_QEMU_IFADDR_H

#include "drivers/driver.h"

/* The addresses of a running domain's interfaces from source (lease, agent
 * or arp), as libvirtd's QEMU driver finds them. Reports. */
int qemu_domain_interface_addresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                    unsigned int source, unsigned int flags);

#endif /* VIREO_DRIVERS_QEMU_IFADDR_H */
