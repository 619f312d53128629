/*
 * qemu_driver.h: what the QEMU driver exports to the daemon and tests.
 */
#ifndef VIREO_DRIVERS_QEMU_DRIVER_H
#define VIREO_DRIVERS_QEMU_DRIVER_H

#include "drivers/driver.h"

/* The driver for qemu:///system and qemu:///embed?root=DIR. Register it
 * with vireo_driver_register() before the remote driver. */
extern const VireoDriver vireo_qemu_driver;

/* Opens the qemu:///system state now (honouring VIREO_QEMU_ROOT): loads
 * definitions, reconnects to running VMs and runs autostart. A daemon
 * calls it at start-up so that this happens before the first client
 * connects; without it the first qemu:///system open does it. Reports and
 * returns -1 on failure (the state dir is locked by another process...). */
int qemu_driver_state_init(void);

/* virDomainReset, until VireoDriver and the public API carry it. */
int qemu_domain_reset(virDomainPtr dom, unsigned int flags);

#endif /* VIREO_DRIVERS_QEMU_DRIVER_H */
