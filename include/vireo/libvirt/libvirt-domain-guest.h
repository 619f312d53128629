/*
 * libvirt-domain-guest.h: guest-agent style domain calls libvirt's test
 * driver answers (filesystem freeze, thaw and trim, guest time, user
 * password, process signals, filesystem info) and memory peeking, with libvirt's names,
 * values and signatures. Included by libvirt.h.
 */
#ifndef VIREO_LIBVIRT_DOMAIN_GUEST_H
#define VIREO_LIBVIRT_DOMAIN_GUEST_H

#ifndef VIREO_LIBVIRT_H
#error "include <libvirt/libvirt.h> instead"
#endif

typedef enum {
    VIR_DOMAIN_TIME_SYNC = (1 << 0),
} virDomainSetTimeFlags;

typedef enum {
    VIR_DOMAIN_PASSWORD_ENCRYPTED = 1 << 0,
} virDomainSetUserPasswordFlags;

typedef enum {
    VIR_MEMORY_VIRTUAL = 1 << 0,
    VIR_MEMORY_PHYSICAL = 1 << 1,
} virDomainMemoryFlags;

/* Signal numbers are libvirt's portable ones (POSIX numbering on Linux);
 * only the bounds are named here. */
typedef enum {
    VIR_DOMAIN_PROCESS_SIGNAL_NOP = 0,
    VIR_DOMAIN_PROCESS_SIGNAL_KILL = 9,
    VIR_DOMAIN_PROCESS_SIGNAL_TERM = 15,
    VIR_DOMAIN_PROCESS_SIGNAL_RT32 = 64,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PROCESS_SIGNAL_LAST
#endif
} virDomainProcessSignal;

/* A guest filesystem, as the guest agent reports it. */
typedef struct _virDomainFSInfo virDomainFSInfo;
typedef virDomainFSInfo *virDomainFSInfoPtr;
struct _virDomainFSInfo {
    char *mountpoint;  /* where it is mounted */
    char *name;        /* the device in the guest */
    char *fstype;
    size_t ndevAlias;
    char **devAlias;   /* the domain's disks it lives on (target names) */
};

void virDomainFSInfoFree(virDomainFSInfoPtr info);
int virDomainGetFSInfo(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags);

int virDomainFSFreeze(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                      unsigned int flags);
int virDomainFSThaw(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                    unsigned int flags);
int virDomainFSTrim(virDomainPtr dom, const char *mountPoint, unsigned long long minimum,
                    unsigned int flags);
int virDomainSetTime(virDomainPtr dom, long long seconds, unsigned int nseconds,
                     unsigned int flags);
int virDomainSetUserPassword(virDomainPtr dom, const char *user, const char *password,
                             unsigned int flags);
int virDomainSendProcessSignal(virDomainPtr domain, long long pid_value, unsigned int signum,
                               unsigned int flags);
int virDomainMemoryPeek(virDomainPtr dom, unsigned long long start, size_t size, void *buffer,
                        unsigned int flags);

#endif /* VIREO_LIBVIRT_DOMAIN_GUEST_H */
