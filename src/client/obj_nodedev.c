/*
 * obj_nodedev.c: the public node device API.
 */
#define VIR_FROM_THIS VIR_FROM_NODEDEV

#include <stdatomic.h>
#include <stdlib.h>

#include "client/client_objects.h"

bool
client_nodedev_ok(virNodeDevicePtr dev, const char *api)
{
    if (dev && dev->conn && dev->conn->driver)
        return true;
    vir_error_report(VIR_FROM_NODEDEV, VIR_ERR_INVALID_NODE_DEVICE, "%s", api);
    vir_error_dispatch(NULL, api);
    return false;
}

int
virNodeNumOfDevices(virConnectPtr conn, const char *cap, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, node_num_of_devices, CLIENT_FAILED_NEG, -1, conn, cap, flags);
}

int
virNodeListDevices(virConnectPtr conn, const char *cap, char **const names, int maxnames,
                   unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_ARRAY(conn, names, maxnames, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, maxnames, -1);
    CLIENT_FORWARD(conn, node_list_devices, CLIENT_FAILED_NEG, -1, conn, cap, names, maxnames,
                   flags);
}

int
virConnectListAllNodeDevices(virConnectPtr conn, virNodeDevicePtr **devices, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    if (devices)
        *devices = NULL;
    CLIENT_FORWARD(conn, connect_list_all_node_devices, CLIENT_FAILED_NEG, -1, conn, devices,
                   flags);
}

virNodeDevicePtr
virNodeDeviceLookupByName(virConnectPtr conn, const char *name)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, name, NULL);
    CLIENT_FORWARD(conn, node_device_lookup_by_name, CLIENT_FAILED_NULL, NULL, conn, name);
}

const char *
virNodeDeviceGetName(virNodeDevicePtr dev)
{
    CLIENT_ENTER_NODEDEV(dev, NULL);
    return dev->name;
}

/* The parent is asked for once and kept on the handle, because the API
 * returns a string the caller does not free (libvirt does the same). */
const char *
virNodeDeviceGetParent(virNodeDevicePtr dev)
{
    char *parent;

    CLIENT_ENTER_NODEDEV(dev, NULL);
    if (dev->parent_name)
        return dev->parent_name;
    if (!dev->conn->driver->node_device_get_parent) {
        client_report_unsupported(dev->conn, VIR_FROM_NODEDEV, __func__);
        return NULL;
    }
    if (!(parent = dev->conn->driver->node_device_get_parent(dev))) {
        vir_error_dispatch(dev->conn, __func__);
        return NULL;
    }
    dev->parent_name = parent;
    return dev->parent_name;
}

int
virNodeDeviceNumOfCaps(virNodeDevicePtr dev)
{
    CLIENT_ENTER_NODEDEV(dev, -1);
    CLIENT_FORWARD(dev->conn, node_device_num_of_caps, CLIENT_FAILED_NEG, -1, dev);
}

int
virNodeDeviceListCaps(virNodeDevicePtr dev, char **const names, int maxnames)
{
    CLIENT_ENTER_NODEDEV(dev, -1);
    CLIENT_CHECK_ARRAY(dev->conn, names, maxnames, -1);
    CLIENT_CHECK_NONNEGATIVE(dev->conn, maxnames, -1);
    CLIENT_FORWARD(dev->conn, node_device_list_caps, CLIENT_FAILED_NEG, -1, dev, names,
                   maxnames);
}

char *
virNodeDeviceGetXMLDesc(virNodeDevicePtr dev, unsigned int flags)
{
    CLIENT_ENTER_NODEDEV(dev, NULL);
    CLIENT_FORWARD(dev->conn, node_device_get_xml_desc, CLIENT_FAILED_NULL, NULL, dev, flags);
}

int
virNodeDeviceRef(virNodeDevicePtr dev)
{
    CLIENT_ENTER_NODEDEV(dev, -1);
    atomic_fetch_add(&dev->refs, 1);
    return 0;
}

int
virNodeDeviceFree(virNodeDevicePtr dev)
{
    CLIENT_ENTER_NODEDEV(dev, -1);
    handle_nodedev_unref(dev);
    return 0;
}
