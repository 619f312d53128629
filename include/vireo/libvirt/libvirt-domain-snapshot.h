/*
 * libvirt-domain-snapshot.h: domain snapshots, with libvirt's
 * libvirt-domain-snapshot.h names, values and signatures. Included from
 * libvirt.h; do not include directly.
 */
#ifndef VIREO_LIBVIRT_DOMAIN_SNAPSHOT_H
#define VIREO_LIBVIRT_DOMAIN_SNAPSHOT_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _virDomainSnapshot virDomainSnapshot;
typedef virDomainSnapshot *virDomainSnapshotPtr;

const char *virDomainSnapshotGetName(virDomainSnapshotPtr snapshot);
virDomainPtr virDomainSnapshotGetDomain(virDomainSnapshotPtr snapshot);
virConnectPtr virDomainSnapshotGetConnect(virDomainSnapshotPtr snapshot);

typedef enum {
    VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE = 1 << 0,
    VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT = 1 << 1,
    VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA = 1 << 2,
    VIR_DOMAIN_SNAPSHOT_CREATE_HALT = 1 << 3,
    VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY = 1 << 4,
    VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT = 1 << 5,
    VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE = 1 << 6,
    VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC = 1 << 7,
    VIR_DOMAIN_SNAPSHOT_CREATE_LIVE = 1 << 8,
    VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE = 1 << 9,
} virDomainSnapshotCreateFlags;

virDomainSnapshotPtr virDomainSnapshotCreateXML(virDomainPtr domain, const char *xmlDesc,
                                                unsigned int flags);

typedef enum {
    VIR_DOMAIN_SNAPSHOT_XML_SECURE = VIR_DOMAIN_XML_SECURE,
} virDomainSnapshotXMLFlags;

char *virDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags);

/* ROOTS (listing a domain) and DESCENDANTS (listing a snapshot) share a bit. */
typedef enum {
    VIR_DOMAIN_SNAPSHOT_LIST_ROOTS = 1 << 0,
    VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS = 1 << 0,
    VIR_DOMAIN_SNAPSHOT_LIST_LEAVES = 1 << 2,
    VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES = 1 << 3,
    VIR_DOMAIN_SNAPSHOT_LIST_METADATA = 1 << 1,
    VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA = 1 << 4,
    VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE = 1 << 5,
    VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE = 1 << 6,
    VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY = 1 << 7,
    VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL = 1 << 8,
    VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL = 1 << 9,
    VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL = 1 << 10,
} virDomainSnapshotListFlags;

int virDomainSnapshotNum(virDomainPtr domain, unsigned int flags);
int virDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen,
                               unsigned int flags);
int virDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps,
                              unsigned int flags);
int virDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags);
int virDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot, char **names,
                                       int nameslen, unsigned int flags);
int virDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot,
                                     virDomainSnapshotPtr **snaps, unsigned int flags);
virDomainSnapshotPtr virDomainSnapshotLookupByName(virDomainPtr domain, const char *name,
                                                   unsigned int flags);
int virDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr virDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags);
virDomainSnapshotPtr virDomainSnapshotGetParent(virDomainSnapshotPtr snapshot,
                                                unsigned int flags);
int virDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags);
int virDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags);

typedef enum {
    VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING = 1 << 0,
    VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED = 1 << 1,
    VIR_DOMAIN_SNAPSHOT_REVERT_FORCE = 1 << 2,
    VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM = 1 << 3,
} virDomainSnapshotRevertFlags;

int virDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags);

typedef enum {
    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN = 1 << 0,
    VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY = 1 << 1,
    VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY = 1 << 2,
} virDomainSnapshotDeleteFlags;

int virDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags);
int virDomainSnapshotRef(virDomainSnapshotPtr snapshot);
int virDomainSnapshotFree(virDomainSnapshotPtr snapshot);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_DOMAIN_SNAPSHOT_H */
