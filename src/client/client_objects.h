/*
 * client_objects.h: what the objects helper's public API files share
 * (state-changing network/storage calls, domain extras, snapshots, ...).
 *
 * Their read-only denial is decided here rather than in readonly.c's table
 * so that the two families can grow independently; the text and domain are
 * the same ("read only access prevents <api>" in the family's domain).
 */
#ifndef VIREO_CLIENT_CLIENT_OBJECTS_H
#define VIREO_CLIENT_CLIENT_OBJECTS_H

#include "client/client.h"

/* Refuses a state-changing call on a read-only connection. */
#define CLIENT_OBJ_WRITABLE(conn, errval) \
    do { \
        if ((conn)->flags & VIR_CONNECT_RO) { \
            vir_error_report(VIR_FROM_THIS, VIR_ERR_OPERATION_DENIED, \
                             "read only access prevents %s", __func__); \
            vir_error_dispatch((conn), __func__); \
            return errval; \
        } \
    } while (0)

/* Handle checks for interfaces and node devices (libvirt's INVALID_*
 * errors, reported and dispatched); false when the handle is unusable. */
bool client_iface_ok(virInterfacePtr iface, const char *api);
bool client_nodedev_ok(virNodeDevicePtr dev, const char *api);

#define CLIENT_ENTER_IFACE(iface, errval) \
    do { \
        virResetLastError(); \
        if (!client_iface_ok((iface), __func__)) \
            return errval; \
    } while (0)

#define CLIENT_ENTER_NODEDEV(dev, errval) \
    do { \
        virResetLastError(); \
        if (!client_nodedev_ok((dev), __func__)) \
            return errval; \
    } while (0)

#endif /* VIREO_CLIENT_CLIENT_OBJECTS_H */
