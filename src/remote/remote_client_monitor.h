/*
 * remote_client_monitor.h: the remote driver's read-side domain queries
 * (memory statistics and their period, block info, control info, emulator
 * pinning, disk errors), spliced into vireo_remote_driver by
 * REMOTE_CLIENT_MONITOR_METHODS.
 */
#ifndef VIREO_REMOTE_CLIENT_MONITOR_H
#define VIREO_REMOTE_CLIENT_MONITOR_H

#include <libvirt/libvirt.h>

int remote_client_domain_memory_stats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                                      unsigned int nr_stats, unsigned int flags);
int remote_client_domain_set_memory_stats_period(virDomainPtr dom, int period,
                                                 unsigned int flags);
int remote_client_domain_get_block_info(virDomainPtr dom, const char *disk,
                                        virDomainBlockInfoPtr info, unsigned int flags);
int remote_client_domain_get_control_info(virDomainPtr dom, virDomainControlInfoPtr info,
                                          unsigned int flags);
int remote_client_domain_get_emulator_pin_info(virDomainPtr dom, unsigned char *cpumaps,
                                               int maplen, unsigned int flags);
int remote_client_domain_get_disk_errors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                                         unsigned int maxerrors, unsigned int flags);

int remote_client_domain_get_job_info(virDomainPtr dom, virDomainJobInfoPtr info);
int remote_client_domain_get_job_stats(virDomainPtr dom, int *type, virTypedParameterPtr *params,
                                       int *nparams, unsigned int flags);

#define REMOTE_CLIENT_MONITOR_METHODS \
    .domain_memory_stats = remote_client_domain_memory_stats, \
    .domain_set_memory_stats_period = remote_client_domain_set_memory_stats_period, \
    .domain_get_block_info = remote_client_domain_get_block_info, \
    .domain_get_control_info = remote_client_domain_get_control_info, \
    .domain_get_emulator_pin_info = remote_client_domain_get_emulator_pin_info, \
    .domain_get_disk_errors = remote_client_domain_get_disk_errors, \
    .domain_get_job_info = remote_client_domain_get_job_info, \
    .domain_get_job_stats = remote_client_domain_get_job_stats,

#endif /* VIREO_REMOTE_CLIENT_MONITOR_H */
