/*
 * libvirt-network-extra.h: the virtual network calls that change state
 * (libvirt's libvirt-network.h names and signatures). Included from
 * libvirt.h; do not include directly.
 */
#ifndef VIREO_LIBVIRT_NETWORK_EXTRA_H
#define VIREO_LIBVIRT_NETWORK_EXTRA_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    VIR_NETWORK_CREATE_VALIDATE = 1 << 0,
} virNetworkCreateFlags;

typedef enum {
    VIR_NETWORK_DEFINE_VALIDATE = 1 << 0,
} virNetworkDefineFlags;

virNetworkPtr virNetworkCreateXML(virConnectPtr conn, const char *xmlDesc);
virNetworkPtr virNetworkDefineXML(virConnectPtr conn, const char *xmlDesc);
int virNetworkUndefine(virNetworkPtr network);
int virNetworkCreate(virNetworkPtr network);
int virNetworkDestroy(virNetworkPtr network);
int virNetworkSetAutostart(virNetworkPtr network, int autostart);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_NETWORK_EXTRA_H */
