/*
 * test_cpu_baseline.h: the test driver's virConnectBaselineCPU
 * (test_cpu_baseline.c), spliced into its driver table by
 * TEST_CPU_BASELINE_METHODS.
 */
#ifndef VIREO_DRIVERS_TEST_CPU_BASELINE_H
#define VIREO_DRIVERS_TEST_CPU_BASELINE_H

#include <libvirt/libvirt.h>

char *test_connect_baseline_cpu(virConnectPtr conn, const char **xml_cpus, unsigned int ncpus,
                                unsigned int flags);

#define TEST_CPU_BASELINE_METHODS \
    .connect_baseline_cpu = test_connect_baseline_cpu,

#endif /* VIREO_DRIVERS_TEST_CPU_BASELINE_H */
