/*
 * libvirt.h: Vireo's public API.
 *
 * Every name, signature and constant here is libvirt's, so a program written
 * for libvirt compiles against libvireo unchanged (`#include <libvirt/libvirt.h>`
 * with `pkg-config --cflags vireo`). Only what Vireo implements is declared;
 * see README.md for the list and for what answers VIR_ERR_NO_SUPPORT.
 */
#ifndef VIREO_LIBVIRT_H
#define VIREO_LIBVIRT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The libvirt API level this library implements: major * 1,000,000 +
 * minor * 1,000 + release, as virGetVersion reports it. */
#define LIBVIR_VERSION_NUMBER 9000000

#define LIBVIR_CHECK_VERSION(major, minor, micro) \
    ((major) * 1000000 + (minor) * 1000 + (micro) <= LIBVIR_VERSION_NUMBER)

#define VIR_UUID_BUFLEN 16
#define VIR_UUID_STRING_BUFLEN (36 + 1)
#define VIR_SECURITY_LABEL_BUFLEN (4096 + 1)
#define VIR_SECURITY_MODEL_BUFLEN (256 + 1)
#define VIR_SECURITY_DOI_BUFLEN (256 + 1)

/* ---- handles ---------------------------------------------------------- */

typedef struct _virConnect virConnect;
typedef virConnect *virConnectPtr;
typedef struct _virDomain virDomain;
typedef virDomain *virDomainPtr;
typedef struct _virNetwork virNetwork;
typedef virNetwork *virNetworkPtr;
typedef struct _virStoragePool virStoragePool;
typedef virStoragePool *virStoragePoolPtr;
typedef struct _virStorageVol virStorageVol;
typedef virStorageVol *virStorageVolPtr;
typedef struct _virStream virStream;
typedef virStream *virStreamPtr;

/* ---- connections ------------------------------------------------------ */

typedef enum {
    VIR_CONNECT_RO = (1 << 0),
    VIR_CONNECT_NO_ALIASES = (1 << 1),
} virConnectFlags;

typedef enum {
    VIR_CRED_USERNAME = 1,
    VIR_CRED_AUTHNAME = 2,
    VIR_CRED_LANGUAGE = 3,
    VIR_CRED_CNONCE = 4,
    VIR_CRED_PASSPHRASE = 5,
    VIR_CRED_ECHOPROMPT = 6,
    VIR_CRED_NOECHOPROMPT = 7,
    VIR_CRED_REALM = 8,
    VIR_CRED_EXTERNAL = 9,
} virConnectCredentialType;

typedef struct _virConnectCredential {
    int type;              /* a virConnectCredentialType */
    const char *prompt;
    const char *challenge;
    const char *defresult;
    char *result;          /* filled by the callback, malloc'ed */
    unsigned int resultlen;
} virConnectCredential;
typedef virConnectCredential *virConnectCredentialPtr;

typedef int (*virConnectAuthCallbackPtr)(virConnectCredentialPtr cred,
                                         unsigned int ncred, void *cbdata);

typedef struct _virConnectAuth {
    int *credtype;
    unsigned int ncredtype;
    virConnectAuthCallbackPtr cb;
    void *cbdata;
} virConnectAuth;
typedef virConnectAuth *virConnectAuthPtr;

extern virConnectAuthPtr virConnectAuthPtrDefault;

typedef enum {
    VIR_CONNECT_CLOSE_REASON_ERROR = 0,
    VIR_CONNECT_CLOSE_REASON_EOF = 1,
    VIR_CONNECT_CLOSE_REASON_KEEPALIVE = 2,
    VIR_CONNECT_CLOSE_REASON_CLIENT = 3,
} virConnectCloseReason;

int virInitialize(void);
int virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer);

virConnectPtr virConnectOpen(const char *name);
virConnectPtr virConnectOpenReadOnly(const char *name);
virConnectPtr virConnectOpenAuth(const char *name, virConnectAuthPtr auth,
                                 unsigned int flags);
int virConnectClose(virConnectPtr conn);
int virConnectRef(virConnectPtr conn);
const char *virConnectGetType(virConnectPtr conn);
int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer);
char *virConnectGetHostname(virConnectPtr conn);
char *virConnectGetURI(virConnectPtr conn);
char *virConnectGetCapabilities(virConnectPtr conn);
char *virConnectGetSysinfo(virConnectPtr conn, unsigned int flags);
int virConnectGetMaxVcpus(virConnectPtr conn, const char *type);
int virConnectIsAlive(virConnectPtr conn);
int virConnectIsSecure(virConnectPtr conn);
int virConnectIsEncrypted(virConnectPtr conn);

/* ---- host ------------------------------------------------------------- */

typedef struct _virNodeInfo {
    char model[32];
    unsigned long memory;   /* KiB */
    unsigned int cpus;
    unsigned int mhz;
    unsigned int nodes;
    unsigned int sockets;
    unsigned int cores;
    unsigned int threads;
} virNodeInfo;
typedef virNodeInfo *virNodeInfoPtr;

#define VIR_NODEINFO_MAXCPUS(nodeinfo) \
    ((nodeinfo).nodes * (nodeinfo).sockets * (nodeinfo).cores * (nodeinfo).threads)

typedef struct _virSecurityModel {
    char model[VIR_SECURITY_MODEL_BUFLEN];
    char doi[VIR_SECURITY_DOI_BUFLEN];
} virSecurityModel;
typedef virSecurityModel *virSecurityModelPtr;

typedef struct _virSecurityLabel {
    char label[VIR_SECURITY_LABEL_BUFLEN];
    int enforcing;
} virSecurityLabel;
typedef virSecurityLabel *virSecurityLabelPtr;

int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
unsigned long long virNodeGetFreeMemory(virConnectPtr conn);
int virNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems,
                              int startCell, int maxCells);
int virNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel);

/* ---- domains ---------------------------------------------------------- */

typedef enum {
    VIR_DOMAIN_NOSTATE = 0,
    VIR_DOMAIN_RUNNING = 1,
    VIR_DOMAIN_BLOCKED = 2,
    VIR_DOMAIN_PAUSED = 3,
    VIR_DOMAIN_SHUTDOWN = 4,
    VIR_DOMAIN_SHUTOFF = 5,
    VIR_DOMAIN_CRASHED = 6,
    VIR_DOMAIN_PMSUSPENDED = 7,
} virDomainState;

typedef enum {
    VIR_DOMAIN_NOSTATE_UNKNOWN = 0,
} virDomainNostateReason;

typedef enum {
    VIR_DOMAIN_RUNNING_UNKNOWN = 0,
    VIR_DOMAIN_RUNNING_BOOTED = 1,
    VIR_DOMAIN_RUNNING_MIGRATED = 2,
    VIR_DOMAIN_RUNNING_RESTORED = 3,
    VIR_DOMAIN_RUNNING_FROM_SNAPSHOT = 4,
    VIR_DOMAIN_RUNNING_UNPAUSED = 5,
    VIR_DOMAIN_RUNNING_MIGRATION_CANCELED = 6,
    VIR_DOMAIN_RUNNING_SAVE_CANCELED = 7,
    VIR_DOMAIN_RUNNING_WAKEUP = 8,
    VIR_DOMAIN_RUNNING_CRASHED = 9,
    VIR_DOMAIN_RUNNING_POSTCOPY = 10,
    VIR_DOMAIN_RUNNING_POSTCOPY_FAILED = 11,
} virDomainRunningReason;

typedef enum {
    VIR_DOMAIN_BLOCKED_UNKNOWN = 0,
} virDomainBlockedReason;

typedef enum {
    VIR_DOMAIN_PAUSED_UNKNOWN = 0,
    VIR_DOMAIN_PAUSED_USER = 1,
    VIR_DOMAIN_PAUSED_MIGRATION = 2,
    VIR_DOMAIN_PAUSED_SAVE = 3,
    VIR_DOMAIN_PAUSED_DUMP = 4,
    VIR_DOMAIN_PAUSED_IOERROR = 5,
    VIR_DOMAIN_PAUSED_WATCHDOG = 6,
    VIR_DOMAIN_PAUSED_FROM_SNAPSHOT = 7,
    VIR_DOMAIN_PAUSED_SHUTTING_DOWN = 8,
    VIR_DOMAIN_PAUSED_SNAPSHOT = 9,
    VIR_DOMAIN_PAUSED_CRASHED = 10,
    VIR_DOMAIN_PAUSED_STARTING_UP = 11,
    VIR_DOMAIN_PAUSED_POSTCOPY = 12,
    VIR_DOMAIN_PAUSED_POSTCOPY_FAILED = 13,
} virDomainPausedReason;

typedef enum {
    VIR_DOMAIN_SHUTDOWN_UNKNOWN = 0,
    VIR_DOMAIN_SHUTDOWN_USER = 1,
} virDomainShutdownReason;

typedef enum {
    VIR_DOMAIN_SHUTOFF_UNKNOWN = 0,
    VIR_DOMAIN_SHUTOFF_SHUTDOWN = 1,
    VIR_DOMAIN_SHUTOFF_DESTROYED = 2,
    VIR_DOMAIN_SHUTOFF_CRASHED = 3,
    VIR_DOMAIN_SHUTOFF_MIGRATED = 4,
    VIR_DOMAIN_SHUTOFF_SAVED = 5,
    VIR_DOMAIN_SHUTOFF_FAILED = 6,
    VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT = 7,
    VIR_DOMAIN_SHUTOFF_DAEMON = 8,
} virDomainShutoffReason;

typedef enum {
    VIR_DOMAIN_CRASHED_UNKNOWN = 0,
    VIR_DOMAIN_CRASHED_PANICKED = 1,
} virDomainCrashedReason;

typedef enum {
    VIR_DOMAIN_PMSUSPENDED_UNKNOWN = 0,
} virDomainPMSuspendedReason;

typedef struct _virDomainInfo {
    unsigned char state;        /* a virDomainState */
    unsigned long maxMem;       /* KiB */
    unsigned long memory;       /* KiB */
    unsigned short nrVirtCpu;
    unsigned long long cpuTime; /* ns */
} virDomainInfo;
typedef virDomainInfo *virDomainInfoPtr;

typedef enum {
    VIR_DOMAIN_AFFECT_CURRENT = 0,
    VIR_DOMAIN_AFFECT_LIVE = 1 << 0,
    VIR_DOMAIN_AFFECT_CONFIG = 1 << 1,
} virDomainModificationImpact;

typedef enum {
    VIR_DOMAIN_NONE = 0,
    VIR_DOMAIN_START_PAUSED = 1 << 0,
    VIR_DOMAIN_START_AUTODESTROY = 1 << 1,
    VIR_DOMAIN_START_BYPASS_CACHE = 1 << 2,
    VIR_DOMAIN_START_FORCE_BOOT = 1 << 3,
    VIR_DOMAIN_START_VALIDATE = 1 << 4,
    VIR_DOMAIN_START_RESET_NVRAM = 1 << 5,
} virDomainCreateFlags;

typedef enum {
    VIR_DOMAIN_DEFINE_VALIDATE = 1 << 0,
} virDomainDefineFlags;

typedef enum {
    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE = 1 << 0,
    VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA = 1 << 1,
    VIR_DOMAIN_UNDEFINE_NVRAM = 1 << 2,
    VIR_DOMAIN_UNDEFINE_KEEP_NVRAM = 1 << 3,
    VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = 1 << 4,
    VIR_DOMAIN_UNDEFINE_TPM = 1 << 5,
    VIR_DOMAIN_UNDEFINE_KEEP_TPM = 1 << 6,
} virDomainUndefineFlagsValues;

typedef enum {
    VIR_DOMAIN_XML_SECURE = 1 << 0,
    VIR_DOMAIN_XML_INACTIVE = 1 << 1,
    VIR_DOMAIN_XML_UPDATE_CPU = 1 << 2,
    VIR_DOMAIN_XML_MIGRATABLE = 1 << 3,
} virDomainXMLFlags;

typedef enum {
    VIR_DOMAIN_SHUTDOWN_DEFAULT = 0,
    VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN = 1 << 0,
    VIR_DOMAIN_SHUTDOWN_GUEST_AGENT = 1 << 1,
    VIR_DOMAIN_SHUTDOWN_INITCTL = 1 << 2,
    VIR_DOMAIN_SHUTDOWN_SIGNAL = 1 << 3,
    VIR_DOMAIN_SHUTDOWN_PARAVIRT = 1 << 4,
} virDomainShutdownFlagValues;

typedef enum {
    VIR_DOMAIN_REBOOT_DEFAULT = 0,
    VIR_DOMAIN_REBOOT_ACPI_POWER_BTN = 1 << 0,
    VIR_DOMAIN_REBOOT_GUEST_AGENT = 1 << 1,
    VIR_DOMAIN_REBOOT_INITCTL = 1 << 2,
    VIR_DOMAIN_REBOOT_SIGNAL = 1 << 3,
    VIR_DOMAIN_REBOOT_PARAVIRT = 1 << 4,
} virDomainRebootFlagValues;

typedef enum {
    VIR_DOMAIN_DESTROY_DEFAULT = 0,
    VIR_DOMAIN_DESTROY_GRACEFUL = 1 << 0,
    VIR_DOMAIN_DESTROY_REMOVE_LOGS = 1 << 1,
} virDomainDestroyFlagsValues;

typedef enum {
    VIR_DOMAIN_MEM_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_MEM_LIVE = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_MEM_CONFIG = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_MEM_MAXIMUM = 1 << 2,
} virDomainMemoryModFlags;

typedef enum {
    VIR_DOMAIN_VCPU_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_VCPU_LIVE = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_VCPU_CONFIG = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_VCPU_MAXIMUM = 1 << 2,
    VIR_DOMAIN_VCPU_GUEST = 1 << 3,
    VIR_DOMAIN_VCPU_HOTPLUGGABLE = 1 << 4,
} virDomainVcpuFlags;

typedef enum {
    VIR_CONNECT_LIST_DOMAINS_ACTIVE = 1 << 0,
    VIR_CONNECT_LIST_DOMAINS_INACTIVE = 1 << 1,
    VIR_CONNECT_LIST_DOMAINS_PERSISTENT = 1 << 2,
    VIR_CONNECT_LIST_DOMAINS_TRANSIENT = 1 << 3,
    VIR_CONNECT_LIST_DOMAINS_RUNNING = 1 << 4,
    VIR_CONNECT_LIST_DOMAINS_PAUSED = 1 << 5,
    VIR_CONNECT_LIST_DOMAINS_SHUTOFF = 1 << 6,
    VIR_CONNECT_LIST_DOMAINS_OTHER = 1 << 7,
    VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE = 1 << 8,
    VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 1 << 9,
    VIR_CONNECT_LIST_DOMAINS_AUTOSTART = 1 << 10,
    VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART = 1 << 11,
    VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT = 1 << 12,
    VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT = 1 << 13,
    VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT = 1 << 14,
    VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT = 1 << 15,
} virConnectListAllDomainsFlags;

typedef enum {
    VIR_DOMAIN_MESSAGE_DEPRECATION = 1 << 0,
    VIR_DOMAIN_MESSAGE_TAINTING = 1 << 1,
} virDomainMessageType;

int virConnectNumOfDomains(virConnectPtr conn);
int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virConnectNumOfDefinedDomains(virConnectPtr conn);
int virConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames);
int virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags);

virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn, const char *uuid);

int virDomainRef(virDomainPtr domain);
int virDomainFree(virDomainPtr domain);
virConnectPtr virDomainGetConnect(virDomainPtr domain);
const char *virDomainGetName(virDomainPtr domain);
unsigned int virDomainGetID(virDomainPtr domain);
int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);
int virDomainGetUUIDString(virDomainPtr domain, char *buf);

int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int virDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags);
char *virDomainGetOSType(virDomainPtr domain);
char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
unsigned long virDomainGetMaxMemory(virDomainPtr domain);
int virDomainGetMaxVcpus(virDomainPtr domain);
int virDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags);
int virDomainIsActive(virDomainPtr dom);
int virDomainIsPersistent(virDomainPtr dom);
int virDomainIsUpdated(virDomainPtr dom);
int virDomainGetAutostart(virDomainPtr domain, int *autostart);
int virDomainSetAutostart(virDomainPtr domain, int autostart);
int virDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel);
int virDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags);
int virDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags);

virDomainPtr virDomainDefineXML(virConnectPtr conn, const char *xml);
virDomainPtr virDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags);
int virDomainUndefine(virDomainPtr domain);
int virDomainUndefineFlags(virDomainPtr domain, unsigned int flags);
virDomainPtr virDomainCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags);
int virDomainCreate(virDomainPtr domain);
int virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
int virDomainDestroy(virDomainPtr domain);
int virDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int virDomainShutdown(virDomainPtr domain);
int virDomainShutdownFlags(virDomainPtr domain, unsigned int flags);
int virDomainReboot(virDomainPtr domain, unsigned int flags);
int virDomainSuspend(virDomainPtr domain);
int virDomainResume(virDomainPtr domain);
int virDomainSetMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory, unsigned int flags);
int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus);
int virDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags);

/* ---- networks --------------------------------------------------------- */

typedef enum {
    VIR_NETWORK_XML_INACTIVE = 1 << 0,
} virNetworkXMLFlags;

typedef enum {
    VIR_CONNECT_LIST_NETWORKS_INACTIVE = 1 << 0,
    VIR_CONNECT_LIST_NETWORKS_ACTIVE = 1 << 1,
    VIR_CONNECT_LIST_NETWORKS_PERSISTENT = 1 << 2,
    VIR_CONNECT_LIST_NETWORKS_TRANSIENT = 1 << 3,
    VIR_CONNECT_LIST_NETWORKS_AUTOSTART = 1 << 4,
    VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART = 1 << 5,
} virConnectListAllNetworksFlags;

int virConnectNumOfNetworks(virConnectPtr conn);
int virConnectListNetworks(virConnectPtr conn, char **const names, int maxnames);
int virConnectNumOfDefinedNetworks(virConnectPtr conn);
int virConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames);
int virConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags);
virNetworkPtr virNetworkLookupByName(virConnectPtr conn, const char *name);
virNetworkPtr virNetworkLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virNetworkPtr virNetworkLookupByUUIDString(virConnectPtr conn, const char *uuid);
int virNetworkRef(virNetworkPtr network);
int virNetworkFree(virNetworkPtr network);
virConnectPtr virNetworkGetConnect(virNetworkPtr network);
const char *virNetworkGetName(virNetworkPtr network);
int virNetworkGetUUID(virNetworkPtr network, unsigned char *uuid);
int virNetworkGetUUIDString(virNetworkPtr network, char *buf);
char *virNetworkGetXMLDesc(virNetworkPtr network, unsigned int flags);
char *virNetworkGetBridgeName(virNetworkPtr network);
int virNetworkIsActive(virNetworkPtr net);
int virNetworkIsPersistent(virNetworkPtr net);
int virNetworkGetAutostart(virNetworkPtr network, int *autostart);

/* ---- storage ---------------------------------------------------------- */

typedef enum {
    VIR_STORAGE_POOL_INACTIVE = 0,
    VIR_STORAGE_POOL_BUILDING = 1,
    VIR_STORAGE_POOL_RUNNING = 2,
    VIR_STORAGE_POOL_DEGRADED = 3,
    VIR_STORAGE_POOL_INACCESSIBLE = 4,
} virStoragePoolState;

typedef struct _virStoragePoolInfo {
    int state;                       /* a virStoragePoolState */
    unsigned long long capacity;     /* bytes */
    unsigned long long allocation;   /* bytes */
    unsigned long long available;    /* bytes */
} virStoragePoolInfo;
typedef virStoragePoolInfo *virStoragePoolInfoPtr;

typedef enum {
    VIR_STORAGE_VOL_FILE = 0,
    VIR_STORAGE_VOL_BLOCK = 1,
    VIR_STORAGE_VOL_DIR = 2,
    VIR_STORAGE_VOL_NETWORK = 3,
    VIR_STORAGE_VOL_NETDIR = 4,
    VIR_STORAGE_VOL_PLOOP = 5,
} virStorageVolType;

typedef struct _virStorageVolInfo {
    int type;                        /* a virStorageVolType */
    unsigned long long capacity;     /* bytes */
    unsigned long long allocation;   /* bytes */
} virStorageVolInfo;
typedef virStorageVolInfo *virStorageVolInfoPtr;

typedef enum {
    VIR_STORAGE_XML_INACTIVE = 1 << 0,
} virStorageXMLFlags;

typedef enum {
    VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE = 1 << 0,
    VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE = 1 << 1,
    VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT = 1 << 2,
    VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT = 1 << 3,
    VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART = 1 << 4,
    VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART = 1 << 5,
    VIR_CONNECT_LIST_STORAGE_POOLS_DIR = 1 << 6,
    VIR_CONNECT_LIST_STORAGE_POOLS_FS = 1 << 7,
    VIR_CONNECT_LIST_STORAGE_POOLS_NETFS = 1 << 8,
    VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL = 1 << 9,
    VIR_CONNECT_LIST_STORAGE_POOLS_DISK = 1 << 10,
    VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI = 1 << 11,
    VIR_CONNECT_LIST_STORAGE_POOLS_SCSI = 1 << 12,
    VIR_CONNECT_LIST_STORAGE_POOLS_MPATH = 1 << 13,
    VIR_CONNECT_LIST_STORAGE_POOLS_RBD = 1 << 14,
    VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG = 1 << 15,
    VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER = 1 << 16,
    VIR_CONNECT_LIST_STORAGE_POOLS_ZFS = 1 << 17,
    VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE = 1 << 18,
    VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT = 1 << 19,
} virConnectListAllStoragePoolsFlags;

int virConnectNumOfStoragePools(virConnectPtr conn);
int virConnectListStoragePools(virConnectPtr conn, char **const names, int maxnames);
int virConnectNumOfDefinedStoragePools(virConnectPtr conn);
int virConnectListDefinedStoragePools(virConnectPtr conn, char **const names, int maxnames);
int virConnectListAllStoragePools(virConnectPtr conn, virStoragePoolPtr **pools,
                                  unsigned int flags);
virStoragePoolPtr virStoragePoolLookupByName(virConnectPtr conn, const char *name);
virStoragePoolPtr virStoragePoolLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virStoragePoolPtr virStoragePoolLookupByUUIDString(virConnectPtr conn, const char *uuid);
virStoragePoolPtr virStoragePoolLookupByVolume(virStorageVolPtr vol);
int virStoragePoolRef(virStoragePoolPtr pool);
int virStoragePoolFree(virStoragePoolPtr pool);
virConnectPtr virStoragePoolGetConnect(virStoragePoolPtr pool);
const char *virStoragePoolGetName(virStoragePoolPtr pool);
int virStoragePoolGetUUID(virStoragePoolPtr pool, unsigned char *uuid);
int virStoragePoolGetUUIDString(virStoragePoolPtr pool, char *buf);
int virStoragePoolGetInfo(virStoragePoolPtr pool, virStoragePoolInfoPtr info);
char *virStoragePoolGetXMLDesc(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolIsActive(virStoragePoolPtr pool);
int virStoragePoolIsPersistent(virStoragePoolPtr pool);
int virStoragePoolGetAutostart(virStoragePoolPtr pool, int *autostart);
int virStoragePoolNumOfVolumes(virStoragePoolPtr pool);
int virStoragePoolListVolumes(virStoragePoolPtr pool, char **const names, int maxnames);
int virStoragePoolListAllVolumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
                                 unsigned int flags);
char *virConnectGetStoragePoolCapabilities(virConnectPtr conn, unsigned int flags);

virStorageVolPtr virStorageVolLookupByName(virStoragePoolPtr pool, const char *name);
virStorageVolPtr virStorageVolLookupByKey(virConnectPtr conn, const char *key);
virStorageVolPtr virStorageVolLookupByPath(virConnectPtr conn, const char *path);
int virStorageVolRef(virStorageVolPtr vol);
int virStorageVolFree(virStorageVolPtr vol);
virConnectPtr virStorageVolGetConnect(virStorageVolPtr vol);
const char *virStorageVolGetName(virStorageVolPtr vol);
const char *virStorageVolGetKey(virStorageVolPtr vol);
int virStorageVolGetInfo(virStorageVolPtr vol, virStorageVolInfoPtr info);
char *virStorageVolGetXMLDesc(virStorageVolPtr pool, unsigned int flags);
char *virStorageVolGetPath(virStorageVolPtr vol);

#ifdef __cplusplus
}
#endif

#include <libvirt/virterror.h>
/* objects helper: state-changing network/storage calls, domain extras */
#include <libvirt/libvirt-network-extra.h>
#include <libvirt/libvirt-storage-extra.h>
#include <libvirt/libvirt-domain-extra.h>
#include <libvirt/libvirt-domain-snapshot.h>   /* snapshots */
#include <libvirt/libvirt-domain-checkpoint.h> /* checkpoints */
#include <libvirt/libvirt-interface.h>
#include <libvirt/libvirt-nodedev.h>
#include <libvirt/libvirt-host-cpu.h> /* CPU baseline */
/* end objects helper */
#include <libvirt/libvirt-event.h> /* streams/events helper */
#include <libvirt/libvirt-stream.h> /* streams/events helper */

/* qemuwire: calls the QEMU driver brought in */
#include <libvirt/libvirt-domain-qemu.h>
#include <libvirt/libvirt-typedparams.h> /* params */
#include <libvirt/libvirt-domain-monitor.h> /* read-side domain queries */
#include <libvirt/libvirt-domain-guest.h> /* guest fs, time, password, peek */
#include <libvirt/libvirt-domain-iothread.h> /* IOThreads */
#include <libvirt/libvirt-objects-extra.h> /* lifecycle, pinning, host extras */

#endif /* VIREO_LIBVIRT_H */
