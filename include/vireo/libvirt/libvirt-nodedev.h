/*
 * libvirt-nodedev.h: host node devices, with libvirt's libvirt-nodedev.h
 * names and signatures. Included from libvirt.h; do not include directly.
 */
#ifndef VIREO_LIBVIRT_NODEDEV_H
#define VIREO_LIBVIRT_NODEDEV_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _virNodeDevice virNodeDevice;
typedef virNodeDevice *virNodeDevicePtr;

typedef enum {
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SYSTEM = 1 << 0,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV = 1 << 1,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV = 1 << 2,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_INTERFACE = 1 << 3,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_NET = 1 << 4,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_HOST = 1 << 5,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_TARGET = 1 << 6,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI = 1 << 7,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_STORAGE = 1 << 8,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_FC_HOST = 1 << 9,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPORTS = 1 << 10,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_SCSI_GENERIC = 1 << 11,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_DRM = 1 << 12,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV_TYPES = 1 << 13,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_MDEV = 1 << 14,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_CCW_DEV = 1 << 15,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_CSS_DEV = 1 << 16,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_VDPA = 1 << 17,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_CARD = 1 << 18,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_QUEUE = 1 << 19,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_AP_MATRIX = 1 << 20,
    VIR_CONNECT_LIST_NODE_DEVICES_CAP_VPD = 1 << 21,
    VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE = 1 << 30,
    VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE = 1U << 31,
} virConnectListAllNodeDeviceFlags;

/* virNodeDeviceCreateXML flags and node device lifecycle events. */
typedef enum {
    VIR_NODE_DEVICE_CREATE_XML_VALIDATE = 1 << 0,
} virNodeDeviceCreateXMLFlags;

typedef enum {
    VIR_NODE_DEVICE_EVENT_CREATED = 0,
    VIR_NODE_DEVICE_EVENT_DELETED = 1,
    VIR_NODE_DEVICE_EVENT_DEFINED = 2,
    VIR_NODE_DEVICE_EVENT_UNDEFINED = 3,
} virNodeDeviceEventLifecycleType;

typedef enum {
    VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE = 0,
    VIR_NODE_DEVICE_EVENT_ID_UPDATE = 1,
} virNodeDeviceEventID;

typedef void (*virConnectNodeDeviceEventGenericCallback)(virConnectPtr conn,
                                                         virNodeDevicePtr dev, void *opaque);
typedef void (*virConnectNodeDeviceEventLifecycleCallback)(virConnectPtr conn,
                                                           virNodeDevicePtr dev, int event,
                                                           int detail, void *opaque);
#define VIR_NODE_DEVICE_EVENT_CALLBACK(cb) ((virConnectNodeDeviceEventGenericCallback)(cb))

/* virConnectNodeDeviceEventRegisterAny: libvirt-event.h (needs virFreeCallback). */

virNodeDevicePtr virNodeDeviceCreateXML(virConnectPtr conn, const char *xmlDesc,
                                        unsigned int flags);
int virNodeDeviceDestroy(virNodeDevicePtr dev);

int virNodeNumOfDevices(virConnectPtr conn, const char *cap, unsigned int flags);
int virNodeListDevices(virConnectPtr conn, const char *cap, char **const names, int maxnames,
                       unsigned int flags);
int virConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **devices,
                                 unsigned int flags);
virNodeDevicePtr virNodeDeviceLookupByName(virConnectPtr conn, const char *name);
const char *virNodeDeviceGetName(virNodeDevicePtr dev);
const char *virNodeDeviceGetParent(virNodeDevicePtr dev);
int virNodeDeviceNumOfCaps(virNodeDevicePtr dev);
int virNodeDeviceListCaps(virNodeDevicePtr dev, char **const names, int maxnames);
char *virNodeDeviceGetXMLDesc(virNodeDevicePtr dev, unsigned int flags);
int virNodeDeviceRef(virNodeDevicePtr dev);
int virNodeDeviceFree(virNodeDevicePtr dev);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_NODEDEV_H */
