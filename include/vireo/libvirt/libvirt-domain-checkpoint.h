/*
 * libvirt-domain-checkpoint.h: domain checkpoints, with libvirt's
 * libvirt-domain-checkpoint.h names, values and signatures. Included from
 * libvirt.h; do not include directly.
 */
#ifndef VIREO_LIBVIRT_DOMAIN_CHECKPOINT_H
#define VIREO_LIBVIRT_DOMAIN_CHECKPOINT_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _virDomainCheckpoint virDomainCheckpoint;
typedef virDomainCheckpoint *virDomainCheckpointPtr;

const char *virDomainCheckpointGetName(virDomainCheckpointPtr checkpoint);
virDomainPtr virDomainCheckpointGetDomain(virDomainCheckpointPtr checkpoint);
virConnectPtr virDomainCheckpointGetConnect(virDomainCheckpointPtr checkpoint);

typedef enum {
    VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE = 1 << 0,
    VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE = 1 << 1,
    VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE = 1 << 2,
} virDomainCheckpointCreateFlags;

virDomainCheckpointPtr virDomainCheckpointCreateXML(virDomainPtr domain, const char *xmlDesc,
                                                    unsigned int flags);

typedef enum {
    VIR_DOMAIN_CHECKPOINT_XML_SECURE = 1 << 0,
    VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN = 1 << 1,
    VIR_DOMAIN_CHECKPOINT_XML_SIZE = 1 << 2,
} virDomainCheckpointXMLFlags;

char *virDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint, unsigned int flags);

/* ROOTS (listing a domain) and DESCENDANTS (listing a checkpoint) share a bit. */
typedef enum {
    VIR_DOMAIN_CHECKPOINT_LIST_ROOTS = 1 << 0,
    VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS = 1 << 0,
    VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL = 1 << 1,
    VIR_DOMAIN_CHECKPOINT_LIST_LEAVES = 1 << 2,
    VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES = 1 << 3,
} virDomainCheckpointListFlags;

int virDomainListAllCheckpoints(virDomainPtr domain, virDomainCheckpointPtr **checkpoints,
                                unsigned int flags);
int virDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint,
                                       virDomainCheckpointPtr **children, unsigned int flags);
virDomainCheckpointPtr virDomainCheckpointLookupByName(virDomainPtr domain, const char *name,
                                                       unsigned int flags);
virDomainCheckpointPtr virDomainCheckpointGetParent(virDomainCheckpointPtr checkpoint,
                                                    unsigned int flags);

typedef enum {
    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN = 1 << 0,
    VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY = 1 << 1,
    VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY = 1 << 2,
} virDomainCheckpointDeleteFlags;

int virDomainCheckpointDelete(virDomainCheckpointPtr checkpoint, unsigned int flags);
int virDomainCheckpointRef(virDomainCheckpointPtr checkpoint);
int virDomainCheckpointFree(virDomainCheckpointPtr checkpoint);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_DOMAIN_CHECKPOINT_H */
