/*
 * test_params.h: the test driver's typed-parameter methods (test_params.c:
 * tuning; test_params_stats.c: statistics), and the table entries that
 * wire them into vireo_test_driver.
 */
#ifndef VIREO_DRIVERS_TEST_PARAMS_H
#define VIREO_DRIVERS_TEST_PARAMS_H

#include <libvirt/libvirt.h>

#include "conf/domain_conf.h"

/* Helpers test_params.c shares with the other params files. */
typedef struct {
    const char *name;
    int type;
} TestParamSpec;
/* libvirt's virTypedParamsValidate: only the names of spec, each once, with
 * its type (errors and their order as libvirt's). */
int test_params_validate(const virTypedParameter *params, int nparams, const TestParamSpec *spec,
                         size_t nspec);
/* Fills slot i when i < nparams (libvirt's TEST_SET_PARAM). */
void test_params_put(virTypedParameterPtr params, int nparams, int i, const char *name, int type,
                     unsigned long long v, const char *s);
/* The verbatim top-level element called name, or NULL. */
const ConfXmlRaw *test_params_raw(const DomainDef *def, const char *name);
/* An element parsed from our own text (root called name). Reports. */
ConfXmlRaw *test_params_raw_parse(const char *xml, const char *name);
/* Replaces (xml NULL: removes) the top-level element called name. Reports. */
int test_params_raw_store(DomainDef *def, const char *name, const char *xml);

char *test_domain_get_scheduler_type(virDomainPtr dom, int *nparams);
int test_domain_get_scheduler_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                         int *nparams);
int test_domain_get_scheduler_parameters_flags(virDomainPtr dom, virTypedParameterPtr params,
                                               int *nparams, unsigned int flags);
int test_domain_set_scheduler_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                         int nparams);
int test_domain_set_scheduler_parameters_flags(virDomainPtr dom, virTypedParameterPtr params,
                                               int nparams, unsigned int flags);
int test_domain_set_memory_parameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                      unsigned int flags);
int test_domain_get_memory_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                      int *nparams, unsigned int flags);
int test_domain_set_blkio_parameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                     unsigned int flags);
int test_domain_get_blkio_parameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                     unsigned int flags);
int test_domain_set_numa_parameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                    unsigned int flags);
int test_domain_get_numa_parameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                    unsigned int flags);
int test_domain_set_interface_parameters(virDomainPtr dom, const char *device,
                                         virTypedParameterPtr params, int nparams,
                                         unsigned int flags);
int test_domain_get_interface_parameters(virDomainPtr dom, const char *device,
                                         virTypedParameterPtr params, int *nparams,
                                         unsigned int flags);
int test_domain_get_cpu_stats(virDomainPtr dom, virTypedParameterPtr params,
                              unsigned int nparams, int start_cpu, unsigned int ncpus,
                              unsigned int flags);
int test_domain_get_launch_security_info(virDomainPtr dom, virTypedParameterPtr *params,
                                         int *nparams, unsigned int flags);
int test_node_get_cpu_stats(virConnectPtr conn, int cpu_num, virNodeCPUStatsPtr params,
                            int *nparams, unsigned int flags);
int test_connect_get_all_domain_stats(virConnectPtr conn, virDomainPtr *doms,
                                      unsigned int ndoms, unsigned int stats,
                                      virDomainStatsRecordPtr **ret_stats, unsigned int flags);
/* test_params_disk.c */
int test_domain_set_block_io_tune(virDomainPtr dom, const char *disk, virTypedParameterPtr params,
                                  int nparams, unsigned int flags);
int test_domain_get_block_io_tune(virDomainPtr dom, const char *disk, virTypedParameterPtr params,
                                  int *nparams, unsigned int flags);
int test_domain_get_perf_events(virDomainPtr dom, virTypedParameterPtr *params, int *nparams,
                                unsigned int flags);
int test_domain_set_perf_events(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                unsigned int flags);

/* Designated initializers for vireo_test_driver. */
#define TEST_PARAMS_METHODS \
    .domain_set_block_io_tune = test_domain_set_block_io_tune, \
    .domain_get_block_io_tune = test_domain_get_block_io_tune, \
    .domain_get_perf_events = test_domain_get_perf_events, \
    .domain_set_perf_events = test_domain_set_perf_events, \
    .domain_get_scheduler_type = test_domain_get_scheduler_type, \
    .domain_get_scheduler_parameters = test_domain_get_scheduler_parameters, \
    .domain_get_scheduler_parameters_flags = test_domain_get_scheduler_parameters_flags, \
    .domain_set_scheduler_parameters = test_domain_set_scheduler_parameters, \
    .domain_set_scheduler_parameters_flags = test_domain_set_scheduler_parameters_flags, \
    .domain_set_memory_parameters = test_domain_set_memory_parameters, \
    .domain_get_memory_parameters = test_domain_get_memory_parameters, \
    .domain_set_blkio_parameters = test_domain_set_blkio_parameters, \
    .domain_get_blkio_parameters = test_domain_get_blkio_parameters, \
    .domain_set_numa_parameters = test_domain_set_numa_parameters, \
    .domain_get_numa_parameters = test_domain_get_numa_parameters, \
    .domain_set_interface_parameters = test_domain_set_interface_parameters, \
    .domain_get_interface_parameters = test_domain_get_interface_parameters, \
    .domain_get_cpu_stats = test_domain_get_cpu_stats, \
    .domain_get_launch_security_info = test_domain_get_launch_security_info, \
    .node_get_cpu_stats = test_node_get_cpu_stats, \
    .connect_get_all_domain_stats = test_connect_get_all_domain_stats,

#endif /* VIREO_DRIVERS_TEST_PARAMS_H */
