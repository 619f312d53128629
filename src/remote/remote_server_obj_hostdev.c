/*
 * remote_server_obj_hostdev.c: REMOTE procedures for host interfaces and
 * node devices, forwarded to the public API on the client's connection.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <string.h>

#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

static virInterfacePtr
remote_server_iface_handle(virConnectPtr conn, const remote_nonnull_interface *w)
{
    return handle_iface_new(conn, w->name, w->mac);
}

static int
remote_server_iface_take(virInterfacePtr iface, remote_obj_iface_ret *ret)
{
    if (!iface)
        return -1;
    ret->iface.name = xstrdup(iface->name);
    ret->iface.mac = xstrdup(iface->mac);
    handle_iface_unref(iface);
    return 0;
}

typedef int (*RemoteObjNamesFn)(virConnectPtr conn, char **const names, int maxnames);

static int
remote_server_iface_names(virConnectPtr conn, RemoteObjNamesFn fn, int maxnames,
                          remote_obj_iface_names_ret *ret)
{
    int n;

    if (REMOTE_SERVER_CHECK_MAX(maxnames, REMOTE_OBJ_INTERFACE_LIST_MAX, "maxnames") < 0)
        return -1;
    ret->names.names_val = XNEW_ARRAY(char *, maxnames ? maxnames : 1);
    if ((n = fn(conn, ret->names.names_val, maxnames)) < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_connect_num_of_interfaces, void, remote_connect_num_ret)
{
    return remote_server_take_int(virConnectNumOfInterfaces(conn), &ret->num);
}

REMOTE_DISPATCH(remote_dispatch_connect_num_of_defined_interfaces, void, remote_connect_num_ret)
{
    return remote_server_take_int(virConnectNumOfDefinedInterfaces(conn), &ret->num);
}

REMOTE_DISPATCH(remote_dispatch_connect_list_interfaces, remote_connect_list_args,
                remote_obj_iface_names_ret)
{
    return remote_server_iface_names(conn, virConnectListInterfaces, args->maxnames, ret);
}

REMOTE_DISPATCH(remote_dispatch_connect_list_defined_interfaces, remote_connect_list_args,
                remote_obj_iface_names_ret)
{
    return remote_server_iface_names(conn, virConnectListDefinedInterfaces, args->maxnames,
                                     ret);
}

REMOTE_DISPATCH(remote_dispatch_connect_list_all_interfaces, remote_connect_list_all_args,
                remote_obj_list_all_ifaces_ret)
{
    virInterfacePtr *ifaces = NULL;
    int n = virConnectListAllInterfaces(conn, args->need_results ? &ifaces : NULL, args->flags);
    int rc = 0;

    if (n < 0)
        return -1;
    if (n > REMOTE_OBJ_INTERFACE_LIST_MAX) {
        vir_report_error(VIR_ERR_RPC, "too many interfaces '%d' for limit '%d'", n,
                         REMOTE_OBJ_INTERFACE_LIST_MAX);
        rc = -1;
    } else if (ifaces) {
        ret->ifaces.ifaces_val = XNEW_ARRAY(remote_nonnull_interface, n ? n : 1);
        ret->ifaces.ifaces_len = n;
        for (int i = 0; i < n; i++) {
            ret->ifaces.ifaces_val[i].name = xstrdup(ifaces[i]->name);
            ret->ifaces.ifaces_val[i].mac = xstrdup(ifaces[i]->mac);
        }
    }
    for (int i = 0; ifaces && i < n; i++)
        handle_iface_unref(ifaces[i]);
    free(ifaces);
    ret->ret = n;
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_interface_lookup_by_name, remote_lookup_by_name_args,
                remote_obj_iface_ret)
{
    return remote_server_iface_take(virInterfaceLookupByName(conn, args->name), ret);
}

REMOTE_DISPATCH(remote_dispatch_interface_lookup_by_mac_string, remote_lookup_by_name_args,
                remote_obj_iface_ret)
{
    return remote_server_iface_take(virInterfaceLookupByMACString(conn, args->name), ret);
}

REMOTE_DISPATCH(remote_dispatch_interface_define_xml, remote_domain_xml_flags_args,
                remote_obj_iface_ret)
{
    return remote_server_iface_take(virInterfaceDefineXML(conn, args->xml, args->flags), ret);
}

REMOTE_DISPATCH(remote_dispatch_interface_get_xml_desc, remote_obj_iface_flags_args,
                remote_string_ret)
{
    virInterfacePtr iface = remote_server_iface_handle(conn, &args->iface);
    char *s = virInterfaceGetXMLDesc(iface, args->flags);

    handle_iface_unref(iface);
    return remote_server_take_str(s, &ret->str);
}

typedef int (*RemoteObjIfaceFlagsFn)(virInterfacePtr iface, unsigned int flags);

static int
remote_server_iface_flags(virConnectPtr conn, const remote_obj_iface_flags_args *args,
                          RemoteObjIfaceFlagsFn fn)
{
    virInterfacePtr iface = remote_server_iface_handle(conn, &args->iface);
    int rc = fn(iface, args->flags);

    handle_iface_unref(iface);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_interface_create, remote_obj_iface_flags_args, void)
{
    return remote_server_iface_flags(conn, args, virInterfaceCreate);
}

REMOTE_DISPATCH(remote_dispatch_interface_destroy, remote_obj_iface_flags_args, void)
{
    return remote_server_iface_flags(conn, args, virInterfaceDestroy);
}

REMOTE_DISPATCH(remote_dispatch_interface_undefine, remote_obj_iface_args, void)
{
    virInterfacePtr iface = remote_server_iface_handle(conn, &args->iface);
    int rc = virInterfaceUndefine(iface);

    handle_iface_unref(iface);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_interface_is_active, remote_obj_iface_args, remote_int_ret)
{
    virInterfacePtr iface = remote_server_iface_handle(conn, &args->iface);
    int rc = virInterfaceIsActive(iface);

    handle_iface_unref(iface);
    return remote_server_take_int(rc, &ret->value);
}

/* ---- node devices ------------------------------------------------------ */

REMOTE_DISPATCH(remote_dispatch_node_num_of_devices, remote_obj_node_num_of_devices_args,
                remote_connect_num_ret)
{
    return remote_server_take_int(
        virNodeNumOfDevices(conn, args->cap ? *args->cap : NULL, args->flags), &ret->num);
}

REMOTE_DISPATCH(remote_dispatch_node_list_devices, remote_obj_node_list_devices_args,
                remote_obj_nodedev_names_ret)
{
    int n;

    if (REMOTE_SERVER_CHECK_MAX(args->maxnames, REMOTE_OBJ_NODE_DEVICE_LIST_MAX, "maxnames") < 0)
        return -1;
    ret->names.names_val = XNEW_ARRAY(char *, args->maxnames ? args->maxnames : 1);
    n = virNodeListDevices(conn, args->cap ? *args->cap : NULL, ret->names.names_val,
                           args->maxnames, args->flags);
    if (n < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_connect_list_all_node_devices, remote_connect_list_all_args,
                remote_obj_list_all_nodedevs_ret)
{
    virNodeDevicePtr *devs = NULL;
    int n = virConnectListAllNodeDevices(conn, args->need_results ? &devs : NULL, args->flags);
    int rc = 0;

    if (n < 0)
        return -1;
    if (n > REMOTE_OBJ_NODE_DEVICE_LIST_MAX) {
        vir_report_error(VIR_ERR_RPC, "too many node devices '%d' for limit '%d'", n,
                         REMOTE_OBJ_NODE_DEVICE_LIST_MAX);
        rc = -1;
    } else if (devs) {
        ret->devices.devices_val = XNEW_ARRAY(remote_nonnull_node_device, n ? n : 1);
        ret->devices.devices_len = n;
        for (int i = 0; i < n; i++)
            ret->devices.devices_val[i].name = xstrdup(devs[i]->name);
    }
    for (int i = 0; devs && i < n; i++)
        handle_nodedev_unref(devs[i]);
    free(devs);
    ret->ret = n;
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_node_device_lookup_by_name, remote_lookup_by_name_args,
                remote_obj_nodedev_ret)
{
    virNodeDevicePtr dev = virNodeDeviceLookupByName(conn, args->name);

    if (!dev)
        return -1;
    ret->dev.name = xstrdup(dev->name);
    handle_nodedev_unref(dev);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_node_device_get_xml_desc, remote_obj_nodedev_flags_args,
                remote_string_ret)
{
    virNodeDevicePtr dev = handle_nodedev_new(conn, args->dev.name);
    char *s = virNodeDeviceGetXMLDesc(dev, args->flags);

    handle_nodedev_unref(dev);
    return remote_server_take_str(s, &ret->str);
}

REMOTE_DISPATCH(remote_dispatch_node_device_get_parent, remote_obj_nodedev_args,
                remote_obj_nodedev_get_parent_ret)
{
    virNodeDevicePtr dev = handle_nodedev_new(conn, args->dev.name);
    const char *parent = virNodeDeviceGetParent(dev);

    /* as libvirtd: a device without a parent is a successful reply with
     * no name, never an error */
    if (parent) {
        ret->parent = XNEW(char *);
        *ret->parent = xstrdup(parent);
    }
    handle_nodedev_unref(dev);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_node_device_num_of_caps, remote_obj_nodedev_args,
                remote_connect_num_ret)
{
    virNodeDevicePtr dev = handle_nodedev_new(conn, args->dev.name);
    int rc = virNodeDeviceNumOfCaps(dev);

    handle_nodedev_unref(dev);
    return remote_server_take_int(rc, &ret->num);
}

REMOTE_DISPATCH(remote_dispatch_node_device_list_caps, remote_obj_nodedev_list_caps_args,
                remote_obj_nodedev_caps_ret)
{
    virNodeDevicePtr dev;
    int n;

    if (REMOTE_SERVER_CHECK_MAX(args->maxnames, REMOTE_OBJ_NODE_DEVICE_CAPS_LIST_MAX,
                                "maxnames") < 0)
        return -1;
    dev = handle_nodedev_new(conn, args->dev.name);
    ret->names.names_val = XNEW_ARRAY(char *, args->maxnames ? args->maxnames : 1);
    n = virNodeDeviceListCaps(dev, ret->names.names_val, args->maxnames);
    handle_nodedev_unref(dev);
    if (n < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}
