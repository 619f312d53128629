/*
 * qemu_snapshot.h: the snapshot queries of the QEMU driver. It cannot take
 * snapshots yet (creating one answers VIR_ERR_NO_SUPPORT), so every domain
 * has none, and the queries say so the way libvirtd's QEMU driver answers
 * them for a domain without snapshots.
 */
#ifndef VIREO_DRIVERS_QEMU_SNAPSHOT_H
#define VIREO_DRIVERS_QEMU_SNAPSHOT_H

#include "drivers/driver.h"

int qemu_domain_list_all_snapshots(virDomainPtr dom, virDomainSnapshotPtr **snaps,
                                   unsigned int flags);
int qemu_domain_snapshot_list_names(virDomainPtr dom, char **names, int nameslen,
                                    unsigned int flags);
virDomainSnapshotPtr qemu_domain_snapshot_lookup_by_name(virDomainPtr dom, const char *name,
                                                         unsigned int flags);
int qemu_domain_has_current_snapshot(virDomainPtr dom, unsigned int flags);
virDomainSnapshotPtr qemu_domain_snapshot_current(virDomainPtr dom, unsigned int flags);

#endif /* VIREO_DRIVERS_QEMU_SNAPSHOT_H */
