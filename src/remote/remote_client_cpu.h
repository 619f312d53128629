/*
 * remote_client_cpu.h: the remote driver's host CPU calls
 * (remote_client_cpu.c), spliced into vireo_remote_driver by
 * REMOTE_CLIENT_CPU_METHODS.
 */
#ifndef VIREO_REMOTE_CLIENT_CPU_H
#define VIREO_REMOTE_CLIENT_CPU_H

#include <libvirt/libvirt.h>

char *remote_client_connect_baseline_cpu(virConnectPtr conn, const char **xml_cpus,
                                         unsigned int ncpus, unsigned int flags);

#define REMOTE_CLIENT_CPU_METHODS \
    .connect_baseline_cpu = remote_client_connect_baseline_cpu,

#endif /* VIREO_REMOTE_CLIENT_CPU_H */
