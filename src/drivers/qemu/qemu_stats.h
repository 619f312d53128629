/*
 * qemu_stats.h: bulk domain statistics (virConnectGetAllDomainStats and
 * virDomainListGetStats) of the QEMU driver.
 */
#ifndef VIREO_DRIVERS_QEMU_STATS_H
#define VIREO_DRIVERS_QEMU_STATS_H

#include "drivers/driver.h"

/* The records of the domains in doms (ndoms > 0; the ones gone since are
 * skipped) or of every domain the list flags select, with the groups in
 * stats (0: every group this driver has). Reports; caller frees the list
 * with virDomainStatsRecordListFree. */
int qemu_connect_get_all_domain_stats(virConnectPtr conn, virDomainPtr *doms, unsigned int ndoms,
                                      unsigned int stats, virDomainStatsRecordPtr **ret_stats,
                                      unsigned int flags);

#endif /* VIREO_DRIVERS_QEMU_STATS_H */
