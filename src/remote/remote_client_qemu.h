/*
 * remote_client_qemu.h: the remote driver's methods for the calls the QEMU
 * driver brought in (remote_client_qemu.c), as one block for the table.
 */
#ifndef VIREO_REMOTE_CLIENT_QEMU_H
#define VIREO_REMOTE_CLIENT_QEMU_H

#include "drivers/driver.h"

int remote_client_domain_block_stats(virDomainPtr dom, const char *disk,
                                     virDomainBlockStatsPtr stats);
char *remote_client_connect_get_domain_capabilities(virConnectPtr conn, const char *emulatorbin,
                                                    const char *arch, const char *machine,
                                                    const char *virttype, unsigned int flags);

#define REMOTE_CLIENT_QEMU_METHODS \
    .domain_block_stats = remote_client_domain_block_stats, \
    .connect_get_domain_capabilities = remote_client_connect_get_domain_capabilities,

#endif /* VIREO_REMOTE_CLIENT_QEMU_H */
