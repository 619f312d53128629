/*
 * network.c: the public virtual network API.
 */
#define VIR_FROM_THIS VIR_FROM_NETWORK

#include <string.h>

#include "client/client.h"
#include "util/uuid.h"

int
virConnectNumOfNetworks(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_num_of_networks, CLIENT_FAILED_NEG, -1, conn);
}

int
virConnectListNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_ARRAY(conn, names, maxnames, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, maxnames, -1);
    CLIENT_FORWARD(conn, connect_list_networks, CLIENT_FAILED_NEG, -1, conn, names, maxnames);
}

int
virConnectNumOfDefinedNetworks(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_num_of_defined_networks, CLIENT_FAILED_NEG, -1, conn);
}

int
virConnectListDefinedNetworks(virConnectPtr conn, char **const names, int maxnames)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_ARRAY(conn, names, maxnames, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, maxnames, -1);
    CLIENT_FORWARD(conn, connect_list_defined_networks, CLIENT_FAILED_NEG, -1, conn, names,
                   maxnames);
}

int
virConnectListAllNetworks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    if (nets)
        *nets = NULL;
    CLIENT_FORWARD(conn, connect_list_all_networks, CLIENT_FAILED_NEG, -1, conn, nets, flags);
}

virNetworkPtr
virNetworkLookupByName(virConnectPtr conn, const char *name)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, name, NULL);
    CLIENT_FORWARD(conn, network_lookup_by_name, CLIENT_FAILED_NULL, NULL, conn, name);
}

virNetworkPtr
virNetworkLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, uuid, NULL);
    CLIENT_FORWARD(conn, network_lookup_by_uuid, CLIENT_FAILED_NULL, NULL, conn, uuid);
}

virNetworkPtr
virNetworkLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, uuidstr, NULL);
    if (vireo_uuid_parse(uuidstr, uuid) < 0) {
        vir_report_invalid_arg(uuidstr, "uuidstr in %s must be a valid UUID", __func__);
        vir_error_dispatch(conn, __func__);
        return NULL;
    }
    return virNetworkLookupByUUID(conn, uuid);
}

int
virNetworkRef(virNetworkPtr network)
{
    CLIENT_ENTER_NETWORK(network, -1);
    atomic_fetch_add(&network->refs, 1);
    return 0;
}

int
virNetworkFree(virNetworkPtr network)
{
    CLIENT_ENTER_NETWORK(network, -1);
    handle_network_unref(network);
    return 0;
}

virConnectPtr
virNetworkGetConnect(virNetworkPtr net)
{
    CLIENT_ENTER_NETWORK(net, NULL);
    return net->conn;
}

const char *
virNetworkGetName(virNetworkPtr network)
{
    CLIENT_ENTER_NETWORK(network, NULL);
    return network->name;
}

int
virNetworkGetUUID(virNetworkPtr network, unsigned char *uuid)
{
    CLIENT_ENTER_NETWORK(network, -1);
    CLIENT_CHECK_NONNULL(network->conn, uuid, -1);
    memcpy(uuid, network->uuid, VIR_UUID_BUFLEN);
    return 0;
}

int
virNetworkGetUUIDString(virNetworkPtr network, char *buf)
{
    CLIENT_ENTER_NETWORK(network, -1);
    CLIENT_CHECK_NONNULL(network->conn, buf, -1);
    vireo_uuid_format(network->uuid, buf);
    return 0;
}

char *
virNetworkGetXMLDesc(virNetworkPtr network, unsigned int flags)
{
    CLIENT_ENTER_NETWORK(network, NULL);
    CLIENT_FORWARD(network->conn, network_get_xml_desc, CLIENT_FAILED_NULL, NULL, network, flags);
}

char *
virNetworkGetBridgeName(virNetworkPtr network)
{
    CLIENT_ENTER_NETWORK(network, NULL);
    CLIENT_FORWARD(network->conn, network_get_bridge_name, CLIENT_FAILED_NULL, NULL, network);
}

int
virNetworkIsActive(virNetworkPtr net)
{
    CLIENT_ENTER_NETWORK(net, -1);
    CLIENT_FORWARD(net->conn, network_is_active, CLIENT_FAILED_NEG, -1, net);
}

int
virNetworkIsPersistent(virNetworkPtr net)
{
    CLIENT_ENTER_NETWORK(net, -1);
    CLIENT_FORWARD(net->conn, network_is_persistent, CLIENT_FAILED_NEG, -1, net);
}

int
virNetworkGetAutostart(virNetworkPtr network, int *autostart)
{
    CLIENT_ENTER_NETWORK(network, -1);
    CLIENT_CHECK_NONNULL(network->conn, autostart, -1);
    CLIENT_FORWARD(network->conn, network_get_autostart, CLIENT_FAILED_NEG, -1, network,
                   autostart);
}
