/*
 * remote_client_params.h: libvireo's remote-driver calls for the procedures that
 * carry typed parameters (remote_client_params.c), and their entries in
 * vireo_remote_driver.
 */
#ifndef VIREO_REMOTE_CLIENT_PARAMS_H
#define VIREO_REMOTE_CLIENT_PARAMS_H

#include <libvirt/libvirt.h>

char *remote_client_domain_get_scheduler_type(virDomainPtr dom, int *nparams);
int remote_client_domain_get_scheduler_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                                  int *nparams);
int remote_client_domain_get_scheduler_parameters_flags(virDomainPtr dom,
                                                        virTypedParameterPtr params,
                                                        int *nparams, unsigned int flags);
int remote_client_domain_set_scheduler_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                                  int nparams);
int remote_client_domain_set_scheduler_parameters_flags(virDomainPtr dom,
                                                        virTypedParameterPtr params,
                                                        int nparams, unsigned int flags);
int remote_client_domain_set_memory_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                               int nparams, unsigned int flags);
int remote_client_domain_get_memory_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                               int *nparams, unsigned int flags);
int remote_client_domain_set_blkio_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                              int nparams, unsigned int flags);
int remote_client_domain_get_blkio_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                              int *nparams, unsigned int flags);
int remote_client_domain_set_numa_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                             int nparams, unsigned int flags);
int remote_client_domain_get_numa_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                             int *nparams, unsigned int flags);
int remote_client_domain_set_interface_parameters(virDomainPtr dom, const char *device,
                                                  virTypedParameterPtr params, int nparams,
                                                  unsigned int flags);
int remote_client_domain_get_interface_parameters(virDomainPtr dom, const char *device,
                                                  virTypedParameterPtr params, int *nparams,
                                                  unsigned int flags);
int remote_client_domain_get_cpu_stats(virDomainPtr dom, virTypedParameterPtr params,
                                       unsigned int nparams, int start_cpu, unsigned int ncpus,
                                       unsigned int flags);
int remote_client_domain_get_launch_security_info(virDomainPtr dom, virTypedParameterPtr *params,
                                                  int *nparams, unsigned int flags);
int remote_client_node_get_cpu_stats(virConnectPtr conn, int cpu_num, virNodeCPUStatsPtr params,
                                     int *nparams, unsigned int flags);
int remote_client_connect_get_all_domain_stats(virConnectPtr conn, virDomainPtr *doms,
                                               unsigned int ndoms, unsigned int stats,
                                               virDomainStatsRecordPtr **ret_stats,
                                               unsigned int flags);
int remote_client_domain_set_block_io_tune(virDomainPtr dom, const char *disk,
                                           virTypedParameterPtr params, int nparams,
                                           unsigned int flags);
int remote_client_domain_get_block_io_tune(virDomainPtr dom, const char *disk,
                                           virTypedParameterPtr params, int *nparams,
                                           unsigned int flags);
int remote_client_domain_get_perf_events(virDomainPtr dom, virTypedParameterPtr *params,
                                         int *nparams, unsigned int flags);
int remote_client_domain_set_perf_events(virDomainPtr dom, virTypedParameterPtr params,
                                         int nparams, unsigned int flags);

#define REMOTE_CLIENT_PARAMS_METHODS \
    .domain_set_block_io_tune = remote_client_domain_set_block_io_tune, \
    .domain_get_block_io_tune = remote_client_domain_get_block_io_tune, \
    .domain_get_perf_events = remote_client_domain_get_perf_events, \
    .domain_set_perf_events = remote_client_domain_set_perf_events, \
    .domain_get_scheduler_type = remote_client_domain_get_scheduler_type, \
    .domain_get_scheduler_parameters = remote_client_domain_get_scheduler_parameters, \
    .domain_get_scheduler_parameters_flags = remote_client_domain_get_scheduler_parameters_flags, \
    .domain_set_scheduler_parameters = remote_client_domain_set_scheduler_parameters, \
    .domain_set_scheduler_parameters_flags = remote_client_domain_set_scheduler_parameters_flags, \
    .domain_set_memory_parameters = remote_client_domain_set_memory_parameters, \
    .domain_get_memory_parameters = remote_client_domain_get_memory_parameters, \
    .domain_set_blkio_parameters = remote_client_domain_set_blkio_parameters, \
    .domain_get_blkio_parameters = remote_client_domain_get_blkio_parameters, \
    .domain_set_numa_parameters = remote_client_domain_set_numa_parameters, \
    .domain_get_numa_parameters = remote_client_domain_get_numa_parameters, \
    .domain_set_interface_parameters = remote_client_domain_set_interface_parameters, \
    .domain_get_interface_parameters = remote_client_domain_get_interface_parameters, \
    .domain_get_cpu_stats = remote_client_domain_get_cpu_stats, \
    .domain_get_launch_security_info = remote_client_domain_get_launch_security_info, \
    .node_get_cpu_stats = remote_client_node_get_cpu_stats, \
    .connect_get_all_domain_stats = remote_client_connect_get_all_domain_stats,

#endif /* VIREO_REMOTE_CLIENT_PARAMS_H */
