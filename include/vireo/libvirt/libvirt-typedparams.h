/*
 * libvirt-typedparams.h: typed parameters (name, type, value triples) and
 * the calls that carry them: scheduler, memory, blkio, NUMA and interface
 * tuning, node CPU statistics and bulk domain statistics. Names, values
 * and signatures are libvirt's (libvirt-common.h, libvirt-domain.h,
 * libvirt-host.h). Included from libvirt.h; do not include directly.
 */
#ifndef VIREO_LIBVIRT_TYPEDPARAMS_H
#define VIREO_LIBVIRT_TYPEDPARAMS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    VIR_TYPED_PARAM_INT = 1,
    VIR_TYPED_PARAM_UINT = 2,
    VIR_TYPED_PARAM_LLONG = 3,
    VIR_TYPED_PARAM_ULLONG = 4,
    VIR_TYPED_PARAM_DOUBLE = 5,
    VIR_TYPED_PARAM_BOOLEAN = 6,
    VIR_TYPED_PARAM_STRING = 7,
} virTypedParameterType;

typedef enum {
    /* bits 0 and 1 are virDomainModificationImpact's */
    VIR_TYPED_PARAM_STRING_OKAY = 1 << 2,
} virTypedParameterFlags;

#define VIR_TYPED_PARAM_FIELD_LENGTH 80

typedef struct _virTypedParameter virTypedParameter;
struct _virTypedParameter {
    char field[VIR_TYPED_PARAM_FIELD_LENGTH];
    int type; /* virTypedParameterType */
    union {
        int i;
        unsigned int ui;
        long long int l;
        unsigned long long int ul;
        double d;
        char b;
        char *s;
    } value;
};
typedef virTypedParameter *virTypedParameterPtr;

virTypedParameterPtr virTypedParamsGet(virTypedParameterPtr params, int nparams,
                                       const char *name);
int virTypedParamsGetInt(virTypedParameterPtr params, int nparams, const char *name,
                         int *value);
int virTypedParamsGetUInt(virTypedParameterPtr params, int nparams, const char *name,
                          unsigned int *value);
int virTypedParamsGetLLong(virTypedParameterPtr params, int nparams, const char *name,
                           long long *value);
int virTypedParamsGetULLong(virTypedParameterPtr params, int nparams, const char *name,
                            unsigned long long *value);
int virTypedParamsGetDouble(virTypedParameterPtr params, int nparams, const char *name,
                            double *value);
int virTypedParamsGetBoolean(virTypedParameterPtr params, int nparams, const char *name,
                             int *value);
int virTypedParamsGetString(virTypedParameterPtr params, int nparams, const char *name,
                            const char **value);
int virTypedParamsAddInt(virTypedParameterPtr *params, int *nparams, int *maxparams,
                         const char *name, int value);
int virTypedParamsAddUInt(virTypedParameterPtr *params, int *nparams, int *maxparams,
                          const char *name, unsigned int value);
int virTypedParamsAddLLong(virTypedParameterPtr *params, int *nparams, int *maxparams,
                           const char *name, long long value);
int virTypedParamsAddULLong(virTypedParameterPtr *params, int *nparams, int *maxparams,
                            const char *name, unsigned long long value);
int virTypedParamsAddDouble(virTypedParameterPtr *params, int *nparams, int *maxparams,
                            const char *name, double value);
int virTypedParamsAddBoolean(virTypedParameterPtr *params, int *nparams, int *maxparams,
                             const char *name, int value);
int virTypedParamsAddString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                            const char *name, const char *value);
int virTypedParamsAddStringList(virTypedParameterPtr *params, int *nparams, int *maxparams,
                                const char *name, const char **values);
int virTypedParamsAddFromString(virTypedParameterPtr *params, int *nparams, int *maxparams,
                                const char *name, int type, const char *value);
void virTypedParamsClear(virTypedParameterPtr params, int nparams);
void virTypedParamsFree(virTypedParameterPtr params, int nparams);

/* Scheduler parameters. */
#define VIR_DOMAIN_SCHEDULER_CPU_SHARES "cpu_shares"
#define VIR_DOMAIN_SCHEDULER_GLOBAL_PERIOD "global_period"
#define VIR_DOMAIN_SCHEDULER_GLOBAL_QUOTA "global_quota"
#define VIR_DOMAIN_SCHEDULER_VCPU_PERIOD "vcpu_period"
#define VIR_DOMAIN_SCHEDULER_VCPU_QUOTA "vcpu_quota"
#define VIR_DOMAIN_SCHEDULER_EMULATOR_PERIOD "emulator_period"
#define VIR_DOMAIN_SCHEDULER_EMULATOR_QUOTA "emulator_quota"
#define VIR_DOMAIN_SCHEDULER_IOTHREAD_PERIOD "iothread_period"
#define VIR_DOMAIN_SCHEDULER_IOTHREAD_QUOTA "iothread_quota"
#define VIR_DOMAIN_SCHEDULER_WEIGHT "weight"
#define VIR_DOMAIN_SCHEDULER_CAP "cap"
#define VIR_DOMAIN_SCHEDULER_RESERVATION "reservation"
#define VIR_DOMAIN_SCHEDULER_LIMIT "limit"
#define VIR_DOMAIN_SCHEDULER_SHARES "shares"

/* Block I/O (blkio) parameters. */
#define VIR_DOMAIN_BLKIO_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH
#define VIR_DOMAIN_BLKIO_WEIGHT "weight"
#define VIR_DOMAIN_BLKIO_DEVICE_WEIGHT "device_weight"
#define VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS "device_read_iops_sec"
#define VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS "device_write_iops_sec"
#define VIR_DOMAIN_BLKIO_DEVICE_READ_BPS "device_read_bytes_sec"
#define VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS "device_write_bytes_sec"

/* Memory parameters (KiB). */
#define VIR_DOMAIN_MEMORY_PARAM_UNLIMITED 9007199254740991LL
#define VIR_DOMAIN_MEMORY_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH
#define VIR_DOMAIN_MEMORY_HARD_LIMIT "hard_limit"
#define VIR_DOMAIN_MEMORY_SOFT_LIMIT "soft_limit"
#define VIR_DOMAIN_MEMORY_MIN_GUARANTEE "min_guarantee"
#define VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT "swap_hard_limit"

/* NUMA parameters. */
typedef enum {
    VIR_DOMAIN_NUMATUNE_MEM_STRICT = 0,
    VIR_DOMAIN_NUMATUNE_MEM_PREFERRED = 1,
    VIR_DOMAIN_NUMATUNE_MEM_INTERLEAVE = 2,
    VIR_DOMAIN_NUMATUNE_MEM_RESTRICTIVE = 3,
} virDomainNumatuneMemMode;
#define VIR_DOMAIN_NUMA_NODESET "numa_nodeset"
#define VIR_DOMAIN_NUMA_MODE "numa_mode"

/* Interface bandwidth parameters. */
#define VIR_DOMAIN_BANDWIDTH_IN_AVERAGE "inbound.average"
#define VIR_DOMAIN_BANDWIDTH_IN_PEAK "inbound.peak"
#define VIR_DOMAIN_BANDWIDTH_IN_BURST "inbound.burst"
#define VIR_DOMAIN_BANDWIDTH_IN_FLOOR "inbound.floor"
#define VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE "outbound.average"
#define VIR_DOMAIN_BANDWIDTH_OUT_PEAK "outbound.peak"
#define VIR_DOMAIN_BANDWIDTH_OUT_BURST "outbound.burst"

/* Per-domain CPU statistics. */
#define VIR_DOMAIN_CPU_STATS_CPUTIME "cpu_time"
#define VIR_DOMAIN_CPU_STATS_USERTIME "user_time"
#define VIR_DOMAIN_CPU_STATS_SYSTEMTIME "system_time"
#define VIR_DOMAIN_CPU_STATS_VCPUTIME "vcpu_time"

char *virDomainGetSchedulerType(virDomainPtr domain, int *nparams);
int virDomainGetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params,
                                    int *nparams);
int virDomainGetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params,
                                         int *nparams, unsigned int flags);
int virDomainSetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params,
                                    int nparams);
int virDomainSetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params,
                                         int nparams, unsigned int flags);
int virDomainSetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params,
                                 int nparams, unsigned int flags);
int virDomainGetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params,
                                 int *nparams, unsigned int flags);
int virDomainSetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params,
                                int nparams, unsigned int flags);
int virDomainGetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params,
                                int *nparams, unsigned int flags);
int virDomainSetNumaParameters(virDomainPtr domain, virTypedParameterPtr params,
                               int nparams, unsigned int flags);
int virDomainGetNumaParameters(virDomainPtr domain, virTypedParameterPtr params,
                               int *nparams, unsigned int flags);
int virDomainSetInterfaceParameters(virDomainPtr domain, const char *device,
                                    virTypedParameterPtr params, int nparams,
                                    unsigned int flags);
int virDomainGetInterfaceParameters(virDomainPtr domain, const char *device,
                                    virTypedParameterPtr params, int *nparams,
                                    unsigned int flags);
int virDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params,
                         unsigned int nparams, int start_cpu, unsigned int ncpus,
                         unsigned int flags);
int virDomainGetLaunchSecurityInfo(virDomainPtr domain, virTypedParameterPtr *params,
                                   int *nparams, unsigned int flags);

/* Block device I/O throttling. */
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC "total_bytes_sec"
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC "read_bytes_sec"
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC "write_bytes_sec"
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC "total_iops_sec"
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC "read_iops_sec"
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC "write_iops_sec"
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX "total_bytes_sec_max"
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX "read_bytes_sec_max"
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX "write_bytes_sec_max"
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX "total_iops_sec_max"
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX "read_iops_sec_max"
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX "write_iops_sec_max"
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH "total_bytes_sec_max_length"
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH "read_bytes_sec_max_length"
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH "write_bytes_sec_max_length"
#define VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH "total_iops_sec_max_length"
#define VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH "read_iops_sec_max_length"
#define VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH "write_iops_sec_max_length"
#define VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC "size_iops_sec"
#define VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME "group_name"

int virDomainSetBlockIoTune(virDomainPtr dom, const char *disk, virTypedParameterPtr params,
                            int nparams, unsigned int flags);
int virDomainGetBlockIoTune(virDomainPtr dom, const char *disk, virTypedParameterPtr params,
                            int *nparams, unsigned int flags);

/* Perf events (booleans named after the event). */
#define VIR_PERF_PARAM_CMT "cmt"
#define VIR_PERF_PARAM_MBMT "mbmt"
#define VIR_PERF_PARAM_MBML "mbml"
#define VIR_PERF_PARAM_CACHE_MISSES "cache_misses"
#define VIR_PERF_PARAM_CACHE_REFERENCES "cache_references"
#define VIR_PERF_PARAM_INSTRUCTIONS "instructions"
#define VIR_PERF_PARAM_CPU_CYCLES "cpu_cycles"
#define VIR_PERF_PARAM_BRANCH_INSTRUCTIONS "branch_instructions"
#define VIR_PERF_PARAM_BRANCH_MISSES "branch_misses"
#define VIR_PERF_PARAM_BUS_CYCLES "bus_cycles"
#define VIR_PERF_PARAM_STALLED_CYCLES_FRONTEND "stalled_cycles_frontend"
#define VIR_PERF_PARAM_STALLED_CYCLES_BACKEND "stalled_cycles_backend"
#define VIR_PERF_PARAM_REF_CPU_CYCLES "ref_cpu_cycles"
#define VIR_PERF_PARAM_CPU_CLOCK "cpu_clock"
#define VIR_PERF_PARAM_TASK_CLOCK "task_clock"
#define VIR_PERF_PARAM_PAGE_FAULTS "page_faults"
#define VIR_PERF_PARAM_CONTEXT_SWITCHES "context_switches"
#define VIR_PERF_PARAM_CPU_MIGRATIONS "cpu_migrations"
#define VIR_PERF_PARAM_PAGE_FAULTS_MIN "page_faults_min"
#define VIR_PERF_PARAM_PAGE_FAULTS_MAJ "page_faults_maj"
#define VIR_PERF_PARAM_ALIGNMENT_FAULTS "alignment_faults"
#define VIR_PERF_PARAM_EMULATION_FAULTS "emulation_faults"

int virDomainGetPerfEvents(virDomainPtr dom, virTypedParameterPtr *params, int *nparams,
                           unsigned int flags);
int virDomainSetPerfEvents(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                           unsigned int flags);

/* Node CPU statistics. */
#define VIR_NODE_CPU_STATS_FIELD_LENGTH 80
#define VIR_NODE_CPU_STATS_ALL_CPUS (-1)
#define VIR_NODE_CPU_STATS_KERNEL "kernel"
#define VIR_NODE_CPU_STATS_USER "user"
#define VIR_NODE_CPU_STATS_IDLE "idle"
#define VIR_NODE_CPU_STATS_IOWAIT "iowait"
#define VIR_NODE_CPU_STATS_INTR "intr"
#define VIR_NODE_CPU_STATS_UTILIZATION "utilization"

typedef struct _virNodeCPUStats virNodeCPUStats;
struct _virNodeCPUStats {
    char field[VIR_NODE_CPU_STATS_FIELD_LENGTH];
    unsigned long long value;
};
typedef virNodeCPUStats *virNodeCPUStatsPtr;

int virNodeGetCPUStats(virConnectPtr conn, int cpuNum, virNodeCPUStatsPtr params,
                       int *nparams, unsigned int flags);

/* Bulk domain statistics. */
typedef enum {
    VIR_DOMAIN_STATS_STATE = 1 << 0,
    VIR_DOMAIN_STATS_CPU_TOTAL = 1 << 1,
    VIR_DOMAIN_STATS_BALLOON = 1 << 2,
    VIR_DOMAIN_STATS_VCPU = 1 << 3,
    VIR_DOMAIN_STATS_INTERFACE = 1 << 4,
    VIR_DOMAIN_STATS_BLOCK = 1 << 5,
    VIR_DOMAIN_STATS_PERF = 1 << 6,
    VIR_DOMAIN_STATS_IOTHREAD = 1 << 7,
    VIR_DOMAIN_STATS_MEMORY = 1 << 8,
    VIR_DOMAIN_STATS_DIRTYRATE = 1 << 9,
} virDomainStatsTypes;

typedef enum {
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE = 1 << 0,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE = 1 << 1,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT = 1 << 2,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT = 1 << 3,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING = 1 << 4,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED = 1 << 5,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF = 1 << 6,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER = 1 << 7,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT = 1 << 29,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING = 1 << 30,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS = 1U << 31,
} virConnectGetAllDomainStatsFlags;

typedef struct _virDomainStatsRecord virDomainStatsRecord;
typedef virDomainStatsRecord *virDomainStatsRecordPtr;
struct _virDomainStatsRecord {
    virDomainPtr dom;
    virTypedParameterPtr params;
    int nparams;
};

int virConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                                virDomainStatsRecordPtr **retStats, unsigned int flags);
int virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                          virDomainStatsRecordPtr **retStats, unsigned int flags);
void virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_TYPEDPARAMS_H */
