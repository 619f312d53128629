/*
 * misc.c: public entry points added by the misc area: virNetworkUpdate and
 * node device creation/destruction. Argument checks and read-only refusals
 * come first, in libvirt's order, so a client sees the same error whichever
 * driver serves it.
 */
#define VIR_FROM_THIS VIR_FROM_NETWORK

#include "client/client_objects.h"

int
virNetworkUpdate(virNetworkPtr network, unsigned int command, unsigned int section,
                 int parentIndex, const char *xml, unsigned int flags)
{
    CLIENT_ENTER_NETWORK(network, -1);
    CLIENT_OBJ_WRITABLE(network->conn, -1);
    CLIENT_CHECK_NONNULL(network->conn, xml, -1);
    CLIENT_FORWARD(network->conn, network_update, CLIENT_FAILED_NEG, -1, network, command,
                   section, parentIndex, xml, flags);
}

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_NODEDEV

virNodeDevicePtr
virNodeDeviceCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_OBJ_WRITABLE(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xmlDesc, NULL);
    CLIENT_FORWARD(conn, node_device_create_xml, CLIENT_FAILED_NULL, NULL, conn, xmlDesc,
                   flags);
}

int
virNodeDeviceDestroy(virNodeDevicePtr dev)
{
    CLIENT_ENTER_NODEDEV(dev, -1);
    CLIENT_OBJ_WRITABLE(dev->conn, -1);
    CLIENT_FORWARD(dev->conn, node_device_destroy, CLIENT_FAILED_NEG, -1, dev);
}
