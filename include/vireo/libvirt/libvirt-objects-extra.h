/*
 * libvirt-objects-extra.h: calls beside the main object headers, with
 * libvirt's names, values and signatures: domain lifecycle actions,
 * emulator pinning, security label lists, creation with passed files,
 * network create/define flags, free huge pages, interface transactions,
 * save image definitions, CPU model names and storage pool source
 * discovery. Included by libvirt.h.
 */
#ifndef VIREO_LIBVIRT_OBJECTS_EXTRA_H
#define VIREO_LIBVIRT_OBJECTS_EXTRA_H

#ifndef VIREO_LIBVIRT_H
#error "include <libvirt/libvirt.h> instead"
#endif

typedef enum {
    VIR_DOMAIN_LIFECYCLE_POWEROFF = 0,
    VIR_DOMAIN_LIFECYCLE_REBOOT = 1,
    VIR_DOMAIN_LIFECYCLE_CRASH = 2,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LIFECYCLE_LAST
#endif
} virDomainLifecycle;

typedef enum {
    VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY = 0,
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART = 1,
    VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME = 2,
    VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE = 3,
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY = 4,
    VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART = 5,
#ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LIFECYCLE_ACTION_LAST
#endif
} virDomainLifecycleAction;

int virDomainSetLifecycleAction(virDomainPtr domain, unsigned int type, unsigned int action,
                                unsigned int flags);

int virDomainPinEmulator(virDomainPtr domain, unsigned char *cpumap, int maplen,
                         unsigned int flags);

int virDomainGetSecurityLabelList(virDomainPtr domain, virSecurityLabelPtr *seclabels);
virDomainPtr virDomainCreateXMLWithFiles(virConnectPtr conn, const char *xmlDesc,
                                         unsigned int nfiles, int *files, unsigned int flags);
int virDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles, int *files,
                             unsigned int flags);
virNetworkPtr virNetworkCreateXMLFlags(virConnectPtr conn, const char *xmlDesc,
                                       unsigned int flags);
virNetworkPtr virNetworkDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags);
int virNodeGetFreePages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                        int startCell, unsigned int cellCount, unsigned long long *counts,
                        unsigned int flags);
int virInterfaceChangeBegin(virConnectPtr conn, unsigned int flags);
int virInterfaceChangeCommit(virConnectPtr conn, unsigned int flags);
int virInterfaceChangeRollback(virConnectPtr conn, unsigned int flags);
typedef enum {
    VIR_DOMAIN_SAVE_IMAGE_XML_SECURE = (1 << 0),
} virDomainSaveImageXMLFlags;

char *virDomainSaveImageGetXMLDesc(virConnectPtr conn, const char *file, unsigned int flags);
int virDomainSaveImageDefineXML(virConnectPtr conn, const char *file, const char *dxml,
                                unsigned int flags);
int virConnectGetCPUModelNames(virConnectPtr conn, const char *arch, char ***models,
                               unsigned int flags);
char *virConnectFindStoragePoolSources(virConnectPtr conn, const char *type,
                                       const char *srcSpec, unsigned int flags);

#endif /* VIREO_LIBVIRT_OBJECTS_EXTRA_H */
