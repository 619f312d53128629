/*
 * qemu_query.h: the read-side domain queries virsh and virt-manager make
 * on a QEMU domain (qemu_memstats.c, qemu_query.c, qemu_query_tune.c),
 * answered as libvirtd 9.0's QEMU driver answers them, and the small
 * helpers those files share.
 */
#ifndef VIREO_DRIVERS_QEMU_QUERY_H
#define VIREO_DRIVERS_QEMU_QUERY_H

#include "drivers/qemu/qemu_private.h"

/* ---- shared helpers (qemu_query.c) ---- */

/* The domain behind handle, referenced, with its job held; with
 * need_active, refused with libvirt's "domain is not running" when it is
 * not. Returns NULL after reporting. Release with qemu_query_end. */
QemuDomain *qemu_query_begin(virDomainPtr handle, bool need_active, QemuDriver **ret_drv);
void qemu_query_end(QemuDomain *dom);

/* Resolves VIR_DOMAIN_AFFECT_* flags as libvirt's virDomainObjGetDefs:
 * *ret_live / *ret_config say which definitions the call touches.
 * Caller holds the job. Reports libvirt's errors. */
int qemu_query_affect(QemuDriver *drv, QemuDomain *dom, unsigned int flags, bool *ret_live,
                      bool *ret_config);

/* Rewrites dom's persistent definition through edit (applied to a copy,
 * written under config_lock, swapped in once on disk). Caller holds the
 * job. Reports. */
int qemu_query_update_config(QemuDriver *drv, QemuDomain *dom,
                             int (*edit)(QemuDef *def, void *opaque), void *opaque);

/* Host CPUs present (at least 1). */
int qemu_query_host_cpus(void);

/* Sets in map (maplen bytes) the CPUs below ncpus of a cpuset string
 * ("0-3,^2,5"). Returns -1 on a malformed string. */
int qemu_query_cpuset_parse(const char *s, unsigned char *map, int maplen, int ncpus);

/* ---- qemu_memstats.c ---- */
int qemu_domain_memory_stats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                             unsigned int nr_stats, unsigned int flags);
int qemu_domain_set_memory_stats_period(virDomainPtr dom, int period, unsigned int flags);
/* Sets the balloon's polling period from the live definition's <stats
 * period> on a domain being started (libvirtd does this before "cont");
 * failures are logged and dropped. Caller holds the job; the monitor is
 * open. For qemu_process_start (not called from there yet). */
void qemu_memstats_start_period(QemuDriver *drv, QemuDomain *dom);

/* ---- qemu_query.c ---- */
int qemu_domain_get_block_info(virDomainPtr dom, const char *disk, virDomainBlockInfoPtr info,
                               unsigned int flags);
int qemu_domain_get_control_info(virDomainPtr dom, virDomainControlInfoPtr info,
                                 unsigned int flags);
int qemu_domain_get_emulator_pin_info(virDomainPtr dom, unsigned char *cpumaps, int maplen,
                                      unsigned int flags);
int qemu_domain_get_disk_errors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                                unsigned int maxerrors, unsigned int flags);
char *qemu_domain_get_hostname(virDomainPtr dom, unsigned int flags);
int qemu_domain_get_time(virDomainPtr dom, long long *seconds, unsigned int *nseconds,
                         unsigned int flags);
int qemu_domain_get_job_info(virDomainPtr dom, virDomainJobInfoPtr info);
int qemu_domain_get_job_stats(virDomainPtr dom, int *type, virTypedParameterPtr *params,
                              int *nparams, unsigned int flags);
char *qemu_domain_get_metadata(virDomainPtr dom, int type, const char *uri, unsigned int flags);
int qemu_domain_set_metadata(virDomainPtr dom, int type, const char *metadata, const char *key,
                             const char *uri, unsigned int flags);

/* ---- qemu_query_tune.c ---- */
int qemu_domain_get_vcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                          unsigned char *cpumaps, int maplen);
int qemu_domain_get_vcpu_pin_info(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                                  int maplen, unsigned int flags);
int qemu_node_get_cpu_map(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                          unsigned int flags);
char *qemu_domain_get_scheduler_type(virDomainPtr dom, int *nparams);
int qemu_domain_get_scheduler_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                         int *nparams);
int qemu_domain_get_scheduler_parameters_flags(virDomainPtr dom, virTypedParameterPtr params,
                                               int *nparams, unsigned int flags);
int qemu_domain_get_memory_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                      int *nparams, unsigned int flags);
int qemu_domain_get_blkio_parameters(virDomainPtr dom, virTypedParameterPtr params,
                                     int *nparams, unsigned int flags);

#endif /* VIREO_DRIVERS_QEMU_QUERY_H */
