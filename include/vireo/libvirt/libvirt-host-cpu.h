/*
 * libvirt-host-cpu.h: host CPU calls with libvirt's names, values and
 * signatures: the baseline (the most capable CPU every given host CPU can
 * run). Included by libvirt.h.
 */
#ifndef VIREO_LIBVIRT_HOST_CPU_H
#define VIREO_LIBVIRT_HOST_CPU_H

#ifndef VIREO_LIBVIRT_H
#error "include <libvirt/libvirt.h> instead"
#endif

typedef enum {
    VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES = (1 << 0),
    VIR_CONNECT_BASELINE_CPU_MIGRATABLE = (1 << 1),
} virConnectBaselineCPUFlags;

char *virConnectBaselineCPU(virConnectPtr conn, const char **xmlCPUs, unsigned int ncpus,
                            unsigned int flags);

#endif /* VIREO_LIBVIRT_HOST_CPU_H */
