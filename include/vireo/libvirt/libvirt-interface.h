/*
 * libvirt-interface.h: host network interfaces, with libvirt's
 * libvirt-interface.h names and signatures. Included from libvirt.h; do
 * not include directly.
 */
#ifndef VIREO_LIBVIRT_INTERFACE_H
#define VIREO_LIBVIRT_INTERFACE_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _virInterface virInterface;
typedef virInterface *virInterfacePtr;

typedef enum {
    VIR_CONNECT_LIST_INTERFACES_INACTIVE = 1 << 0,
    VIR_CONNECT_LIST_INTERFACES_ACTIVE = 1 << 1,
} virConnectListAllInterfacesFlags;

typedef enum {
    VIR_INTERFACE_XML_INACTIVE = 1 << 0,
} virInterfaceXMLFlags;

typedef enum {
    VIR_INTERFACE_DEFINE_VALIDATE = 1 << 0,
} virInterfaceDefineFlags;

virConnectPtr virInterfaceGetConnect(virInterfacePtr iface);
int virConnectNumOfInterfaces(virConnectPtr conn);
int virConnectListInterfaces(virConnectPtr conn, char **const names, int maxnames);
int virConnectNumOfDefinedInterfaces(virConnectPtr conn);
int virConnectListDefinedInterfaces(virConnectPtr conn, char **const names, int maxnames);
int virConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **ifaces,
                                unsigned int flags);
virInterfacePtr virInterfaceLookupByName(virConnectPtr conn, const char *name);
virInterfacePtr virInterfaceLookupByMACString(virConnectPtr conn, const char *mac);
const char *virInterfaceGetName(virInterfacePtr iface);
const char *virInterfaceGetMACString(virInterfacePtr iface);
char *virInterfaceGetXMLDesc(virInterfacePtr iface, unsigned int flags);
virInterfacePtr virInterfaceDefineXML(virConnectPtr conn, const char *xmlDesc,
                                      unsigned int flags);
int virInterfaceUndefine(virInterfacePtr iface);
int virInterfaceCreate(virInterfacePtr iface, unsigned int flags);
int virInterfaceDestroy(virInterfacePtr iface, unsigned int flags);
int virInterfaceRef(virInterfacePtr iface);
int virInterfaceFree(virInterfacePtr iface);
int virInterfaceIsActive(virInterfacePtr iface);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_INTERFACE_H */
