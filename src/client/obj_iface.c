/*
 * obj_iface.c: the public host interface API.
 */
#define VIR_FROM_THIS VIR_FROM_INTERFACE

#include <stdatomic.h>

#include "client/client_objects.h"

bool
client_iface_ok(virInterfacePtr iface, const char *api)
{
    if (iface && iface->conn && iface->conn->driver)
        return true;
    vir_error_report(VIR_FROM_INTERFACE, VIR_ERR_INVALID_INTERFACE, "%s", api);
    vir_error_dispatch(NULL, api);
    return false;
}

virConnectPtr
virInterfaceGetConnect(virInterfacePtr iface)
{
    CLIENT_ENTER_IFACE(iface, NULL);
    return iface->conn;
}

int
virConnectNumOfInterfaces(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_num_of_interfaces, CLIENT_FAILED_NEG, -1, conn);
}

int
virConnectListInterfaces(virConnectPtr conn, char **const names, int maxnames)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_ARRAY(conn, names, maxnames, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, maxnames, -1);
    CLIENT_FORWARD(conn, connect_list_interfaces, CLIENT_FAILED_NEG, -1, conn, names, maxnames);
}

int
virConnectNumOfDefinedInterfaces(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_num_of_defined_interfaces, CLIENT_FAILED_NEG, -1, conn);
}

int
virConnectListDefinedInterfaces(virConnectPtr conn, char **const names, int maxnames)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_ARRAY(conn, names, maxnames, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, maxnames, -1);
    CLIENT_FORWARD(conn, connect_list_defined_interfaces, CLIENT_FAILED_NEG, -1, conn, names,
                   maxnames);
}

int
virConnectListAllInterfaces(virConnectPtr conn, virInterfacePtr **ifaces, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    if (ifaces)
        *ifaces = NULL;
    CLIENT_FORWARD(conn, connect_list_all_interfaces, CLIENT_FAILED_NEG, -1, conn, ifaces,
                   flags);
}

virInterfacePtr
virInterfaceLookupByName(virConnectPtr conn, const char *name)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, name, NULL);
    CLIENT_FORWARD(conn, interface_lookup_by_name, CLIENT_FAILED_NULL, NULL, conn, name);
}

virInterfacePtr
virInterfaceLookupByMACString(virConnectPtr conn, const char *macstr)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, macstr, NULL);
    CLIENT_FORWARD(conn, interface_lookup_by_mac_string, CLIENT_FAILED_NULL, NULL, conn,
                   macstr);
}

const char *
virInterfaceGetName(virInterfacePtr iface)
{
    CLIENT_ENTER_IFACE(iface, NULL);
    return iface->name;
}

const char *
virInterfaceGetMACString(virInterfacePtr iface)
{
    CLIENT_ENTER_IFACE(iface, NULL);
    return iface->mac;
}

char *
virInterfaceGetXMLDesc(virInterfacePtr iface, unsigned int flags)
{
    CLIENT_ENTER_IFACE(iface, NULL);
    CLIENT_FORWARD(iface->conn, interface_get_xml_desc, CLIENT_FAILED_NULL, NULL, iface, flags);
}

virInterfacePtr
virInterfaceDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_OBJ_WRITABLE(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xml, NULL);
    CLIENT_FORWARD(conn, interface_define_xml, CLIENT_FAILED_NULL, NULL, conn, xml, flags);
}

int
virInterfaceUndefine(virInterfacePtr iface)
{
    CLIENT_ENTER_IFACE(iface, -1);
    CLIENT_OBJ_WRITABLE(iface->conn, -1);
    CLIENT_FORWARD(iface->conn, interface_undefine, CLIENT_FAILED_NEG, -1, iface);
}

int
virInterfaceCreate(virInterfacePtr iface, unsigned int flags)
{
    CLIENT_ENTER_IFACE(iface, -1);
    CLIENT_OBJ_WRITABLE(iface->conn, -1);
    CLIENT_FORWARD(iface->conn, interface_create, CLIENT_FAILED_NEG, -1, iface, flags);
}

int
virInterfaceDestroy(virInterfacePtr iface, unsigned int flags)
{
    CLIENT_ENTER_IFACE(iface, -1);
    CLIENT_OBJ_WRITABLE(iface->conn, -1);
    CLIENT_FORWARD(iface->conn, interface_destroy, CLIENT_FAILED_NEG, -1, iface, flags);
}

int
virInterfaceRef(virInterfacePtr iface)
{
    CLIENT_ENTER_IFACE(iface, -1);
    atomic_fetch_add(&iface->refs, 1);
    return 0;
}

int
virInterfaceFree(virInterfacePtr iface)
{
    CLIENT_ENTER_IFACE(iface, -1);
    handle_iface_unref(iface);
    return 0;
}

int
virInterfaceIsActive(virInterfacePtr iface)
{
    CLIENT_ENTER_IFACE(iface, -1);
    CLIENT_FORWARD(iface->conn, interface_is_active, CLIENT_FAILED_NEG, -1, iface);
}
