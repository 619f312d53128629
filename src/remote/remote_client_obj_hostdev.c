/*
 * remote_client_obj_hostdev.c: the remote driver's host interface and node
 * device methods.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>
#include "remote/remote_client_objects.h"
#include "remote/remote_client_priv.h"
#include "util/alloc.h"
#include "util/error.h"

static virInterfacePtr
remote_client_iface_from(virConnectPtr conn, remote_obj_iface_ret *ret)
{
    virInterfacePtr iface = handle_iface_new(conn, ret->iface.name, ret->iface.mac);

    xdr_free((xdrproc_t)xdr_remote_obj_iface_ret, (char *)ret);
    return iface;
}

static void
remote_client_iface_to(virInterfacePtr iface, remote_nonnull_interface *w)
{
    w->name = iface->name;
    w->mac = iface->mac;
}

static int
remote_client_obj_num(virConnectPtr conn, int proc)
{
    remote_connect_num_ret ret = { 0 };

    if (remote_client_call(conn, proc, REMOTE_VOID, REMOTE_ARG(remote_connect_num_ret, &ret)) < 0)
        return -1;
    return ret.num;
}

static int
remote_client_iface_names(virConnectPtr conn, int proc, char **const names, int maxnames)
{
    remote_connect_list_args args = { .maxnames = maxnames };
    remote_obj_iface_names_ret ret;
    int n;

    if (remote_client_check_max(maxnames, REMOTE_OBJ_INTERFACE_LIST_MAX, "interface names") < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, REMOTE_ARG(remote_connect_list_args, &args),
                           REMOTE_ARG(remote_obj_iface_names_ret, &ret)) < 0)
        return -1;
    n = remote_client_copy_names(ret.names.names_val, ret.names.names_len, names, maxnames);
    xdr_free((xdrproc_t)xdr_remote_obj_iface_names_ret, (char *)&ret);
    return n;
}

int
remote_client_connect_num_of_interfaces(virConnectPtr conn)
{
    return remote_client_obj_num(conn, REMOTE_PROC_CONNECT_NUM_OF_INTERFACES);
}

int
remote_client_connect_num_of_defined_interfaces(virConnectPtr conn)
{
    return remote_client_obj_num(conn, REMOTE_PROC_CONNECT_NUM_OF_DEFINED_INTERFACES);
}

int
remote_client_connect_list_interfaces(virConnectPtr conn, char **const names, int maxnames)
{
    return remote_client_iface_names(conn, REMOTE_PROC_CONNECT_LIST_INTERFACES, names, maxnames);
}

int
remote_client_connect_list_defined_interfaces(virConnectPtr conn, char **const names,
                                              int maxnames)
{
    return remote_client_iface_names(conn, REMOTE_PROC_CONNECT_LIST_DEFINED_INTERFACES, names,
                                     maxnames);
}

int
remote_client_connect_list_all_interfaces(virConnectPtr conn, virInterfacePtr **ifaces,
                                          unsigned int flags)
{
    remote_connect_list_all_args args = { .need_results = ifaces != NULL, .flags = flags };
    remote_obj_list_all_ifaces_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_LIST_ALL_INTERFACES,
                           REMOTE_ARG(remote_connect_list_all_args, &args),
                           REMOTE_ARG(remote_obj_list_all_ifaces_ret, &ret)) < 0)
        return -1;
    if (ifaces) {
        virInterfacePtr *list = XNEW_ARRAY(virInterfacePtr, ret.ifaces.ifaces_len + 1);

        for (u_int i = 0; i < ret.ifaces.ifaces_len; i++)
            list[i] = handle_iface_new(conn, ret.ifaces.ifaces_val[i].name,
                                       ret.ifaces.ifaces_val[i].mac);
        *ifaces = list;
        n = ret.ifaces.ifaces_len;
    } else {
        n = ret.ret;
    }
    xdr_free((xdrproc_t)xdr_remote_obj_list_all_ifaces_ret, (char *)&ret);
    return n;
}

static virInterfacePtr
remote_client_iface_lookup(virConnectPtr conn, int proc, const char *key)
{
    remote_lookup_by_name_args args = { .name = (char *)key };
    remote_obj_iface_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, REMOTE_ARG(remote_lookup_by_name_args, &args),
                           REMOTE_ARG(remote_obj_iface_ret, &ret)) < 0)
        return NULL;
    return remote_client_iface_from(conn, &ret);
}

virInterfacePtr
remote_client_interface_lookup_by_name(virConnectPtr conn, const char *name)
{
    return remote_client_iface_lookup(conn, REMOTE_PROC_INTERFACE_LOOKUP_BY_NAME, name);
}

virInterfacePtr
remote_client_interface_lookup_by_mac_string(virConnectPtr conn, const char *mac)
{
    return remote_client_iface_lookup(conn, REMOTE_PROC_INTERFACE_LOOKUP_BY_MAC_STRING, mac);
}

char *
remote_client_interface_get_xml_desc(virInterfacePtr iface, unsigned int flags)
{
    remote_obj_iface_flags_args args = { .flags = flags };
    remote_string_ret ret = { 0 };

    remote_client_iface_to(iface, &args.iface);
    if (remote_client_call(iface->conn, REMOTE_PROC_INTERFACE_GET_XML_DESC,
                           REMOTE_ARG(remote_obj_iface_flags_args, &args),
                           REMOTE_ARG(remote_string_ret, &ret)) < 0)
        return NULL;
    return ret.str;
}

virInterfacePtr
remote_client_interface_define_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    remote_domain_xml_flags_args args = { .xml = (char *)xml, .flags = flags };
    remote_obj_iface_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_INTERFACE_DEFINE_XML,
                           REMOTE_ARG(remote_domain_xml_flags_args, &args),
                           REMOTE_ARG(remote_obj_iface_ret, &ret)) < 0)
        return NULL;
    return remote_client_iface_from(conn, &ret);
}

int
remote_client_interface_undefine(virInterfacePtr iface)
{
    remote_obj_iface_args args;

    remote_client_iface_to(iface, &args.iface);
    return remote_client_call(iface->conn, REMOTE_PROC_INTERFACE_UNDEFINE,
                              REMOTE_ARG(remote_obj_iface_args, &args), REMOTE_VOID);
}

static int
remote_client_iface_flags(virInterfacePtr iface, int proc, unsigned int flags)
{
    remote_obj_iface_flags_args args = { .flags = flags };

    remote_client_iface_to(iface, &args.iface);
    return remote_client_call(iface->conn, proc, REMOTE_ARG(remote_obj_iface_flags_args, &args),
                              REMOTE_VOID);
}

int
remote_client_interface_create(virInterfacePtr iface, unsigned int flags)
{
    return remote_client_iface_flags(iface, REMOTE_PROC_INTERFACE_CREATE, flags);
}

int
remote_client_interface_destroy(virInterfacePtr iface, unsigned int flags)
{
    return remote_client_iface_flags(iface, REMOTE_PROC_INTERFACE_DESTROY, flags);
}

int
remote_client_interface_is_active(virInterfacePtr iface)
{
    remote_obj_iface_args args;
    remote_int_ret ret = { 0 };

    remote_client_iface_to(iface, &args.iface);
    if (remote_client_call(iface->conn, REMOTE_PROC_INTERFACE_IS_ACTIVE,
                           REMOTE_ARG(remote_obj_iface_args, &args),
                           REMOTE_ARG(remote_int_ret, &ret)) < 0)
        return -1;
    return ret.value;
}

/* ---- node devices ------------------------------------------------------ */

int
remote_client_node_num_of_devices(virConnectPtr conn, const char *cap, unsigned int flags)
{
    remote_obj_node_num_of_devices_args args = { .cap = (char **)(cap ? &cap : NULL),
                                                 .flags = flags };
    remote_connect_num_ret ret = { 0 };

    if (remote_client_call(conn, REMOTE_PROC_NODE_NUM_OF_DEVICES,
                           REMOTE_ARG(remote_obj_node_num_of_devices_args, &args),
                           REMOTE_ARG(remote_connect_num_ret, &ret)) < 0)
        return -1;
    return ret.num;
}

int
remote_client_node_list_devices(virConnectPtr conn, const char *cap, char **const names,
                                int maxnames, unsigned int flags)
{
    remote_obj_node_list_devices_args args = { .cap = (char **)(cap ? &cap : NULL),
                                               .maxnames = maxnames, .flags = flags };
    remote_obj_nodedev_names_ret ret;
    int n;

    if (remote_client_check_max(maxnames, REMOTE_OBJ_NODE_DEVICE_LIST_MAX, "node device names") < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_NODE_LIST_DEVICES,
                           REMOTE_ARG(remote_obj_node_list_devices_args, &args),
                           REMOTE_ARG(remote_obj_nodedev_names_ret, &ret)) < 0)
        return -1;
    n = remote_client_copy_names(ret.names.names_val, ret.names.names_len, names, maxnames);
    xdr_free((xdrproc_t)xdr_remote_obj_nodedev_names_ret, (char *)&ret);
    return n;
}

int
remote_client_connect_list_all_node_devices(virConnectPtr conn, virNodeDevicePtr **devices,
                                            unsigned int flags)
{
    remote_connect_list_all_args args = { .need_results = devices != NULL, .flags = flags };
    remote_obj_list_all_nodedevs_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_LIST_ALL_NODE_DEVICES,
                           REMOTE_ARG(remote_connect_list_all_args, &args),
                           REMOTE_ARG(remote_obj_list_all_nodedevs_ret, &ret)) < 0)
        return -1;
    if (devices) {
        virNodeDevicePtr *list = XNEW_ARRAY(virNodeDevicePtr, ret.devices.devices_len + 1);

        for (u_int i = 0; i < ret.devices.devices_len; i++)
            list[i] = handle_nodedev_new(conn, ret.devices.devices_val[i].name);
        *devices = list;
        n = ret.devices.devices_len;
    } else {
        n = ret.ret;
    }
    xdr_free((xdrproc_t)xdr_remote_obj_list_all_nodedevs_ret, (char *)&ret);
    return n;
}

virNodeDevicePtr
remote_client_node_device_lookup_by_name(virConnectPtr conn, const char *name)
{
    remote_lookup_by_name_args args = { .name = (char *)name };
    remote_obj_nodedev_ret ret;
    virNodeDevicePtr dev;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_NODE_DEVICE_LOOKUP_BY_NAME,
                           REMOTE_ARG(remote_lookup_by_name_args, &args),
                           REMOTE_ARG(remote_obj_nodedev_ret, &ret)) < 0)
        return NULL;
    dev = handle_nodedev_new(conn, ret.dev.name);
    xdr_free((xdrproc_t)xdr_remote_obj_nodedev_ret, (char *)&ret);
    return dev;
}

char *
remote_client_node_device_get_parent(virNodeDevicePtr dev)
{
    remote_obj_nodedev_args args = { .dev = { .name = dev->name } };
    remote_obj_nodedev_get_parent_ret ret = { 0 };
    char *parent = NULL;

    if (remote_client_call(dev->conn, REMOTE_PROC_NODE_DEVICE_GET_PARENT,
                           REMOTE_ARG(remote_obj_nodedev_args, &args),
                           REMOTE_ARG(remote_obj_nodedev_get_parent_ret, &ret)) < 0)
        return NULL;
    if (ret.parent)
        parent = xstrdup(*ret.parent);
    else
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "no parent for this device");
    xdr_free((xdrproc_t)xdr_remote_obj_nodedev_get_parent_ret, (char *)&ret);
    return parent;
}

int
remote_client_node_device_num_of_caps(virNodeDevicePtr dev)
{
    remote_obj_nodedev_args args = { .dev = { .name = dev->name } };
    remote_connect_num_ret ret = { 0 };

    if (remote_client_call(dev->conn, REMOTE_PROC_NODE_DEVICE_NUM_OF_CAPS,
                           REMOTE_ARG(remote_obj_nodedev_args, &args),
                           REMOTE_ARG(remote_connect_num_ret, &ret)) < 0)
        return -1;
    return ret.num;
}

int
remote_client_node_device_list_caps(virNodeDevicePtr dev, char **const names, int maxnames)
{
    remote_obj_nodedev_list_caps_args args = { .dev = { .name = dev->name },
                                               .maxnames = maxnames };
    remote_obj_nodedev_caps_ret ret;
    int n;

    if (remote_client_check_max(maxnames, REMOTE_OBJ_NODE_DEVICE_CAPS_LIST_MAX, "capabilities") < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dev->conn, REMOTE_PROC_NODE_DEVICE_LIST_CAPS,
                           REMOTE_ARG(remote_obj_nodedev_list_caps_args, &args),
                           REMOTE_ARG(remote_obj_nodedev_caps_ret, &ret)) < 0)
        return -1;
    n = remote_client_copy_names(ret.names.names_val, ret.names.names_len, names, maxnames);
    xdr_free((xdrproc_t)xdr_remote_obj_nodedev_caps_ret, (char *)&ret);
    return n;
}

char *
remote_client_node_device_get_xml_desc(virNodeDevicePtr dev, unsigned int flags)
{
    remote_obj_nodedev_flags_args args = { .dev = { .name = dev->name }, .flags = flags };
    remote_string_ret ret = { 0 };

    if (remote_client_call(dev->conn, REMOTE_PROC_NODE_DEVICE_GET_XML_DESC,
                           REMOTE_ARG(remote_obj_nodedev_flags_args, &args),
                           REMOTE_ARG(remote_string_ret, &ret)) < 0)
        return NULL;
    return ret.str;
}
