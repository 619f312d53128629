/*
 * network_write.c: the public virtual network calls that change state.
 */
#define VIR_FROM_THIS VIR_FROM_NETWORK

#include "client/client_objects.h"

virNetworkPtr
virNetworkCreateXML(virConnectPtr conn, const char *xmlDesc)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xmlDesc, NULL);
    CLIENT_OBJ_WRITABLE(conn, NULL);
    CLIENT_FORWARD(conn, network_create_xml, CLIENT_FAILED_NULL, NULL, conn, xmlDesc);
}

virNetworkPtr
virNetworkDefineXML(virConnectPtr conn, const char *xml)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_OBJ_WRITABLE(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xml, NULL);
    CLIENT_FORWARD(conn, network_define_xml, CLIENT_FAILED_NULL, NULL, conn, xml);
}

int
virNetworkUndefine(virNetworkPtr network)
{
    CLIENT_ENTER_NETWORK(network, -1);
    CLIENT_OBJ_WRITABLE(network->conn, -1);
    CLIENT_FORWARD(network->conn, network_undefine, CLIENT_FAILED_NEG, -1, network);
}

int
virNetworkCreate(virNetworkPtr network)
{
    CLIENT_ENTER_NETWORK(network, -1);
    CLIENT_OBJ_WRITABLE(network->conn, -1);
    CLIENT_FORWARD(network->conn, network_create, CLIENT_FAILED_NEG, -1, network);
}

int
virNetworkDestroy(virNetworkPtr network)
{
    CLIENT_ENTER_NETWORK(network, -1);
    CLIENT_OBJ_WRITABLE(network->conn, -1);
    CLIENT_FORWARD(network->conn, network_destroy, CLIENT_FAILED_NEG, -1, network);
}

int
virNetworkSetAutostart(virNetworkPtr network, int autostart)
{
    CLIENT_ENTER_NETWORK(network, -1);
    CLIENT_OBJ_WRITABLE(network->conn, -1);
    CLIENT_FORWARD(network->conn, network_set_autostart, CLIENT_FAILED_NEG, -1, network,
                   autostart);
}
