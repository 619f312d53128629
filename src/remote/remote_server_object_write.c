/*
 * remote_server_object_write.c: handlers of the object-changing procedures (network
 * update, node-device create/destroy, domain core dumps): each rebuilds the handles and calls
 * the public API on the client's connection.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "drivers/handles.h"
#include "remote/remote_server_priv.h"
#include "util/alloc.h"

REMOTE_DISPATCH(remote_dispatch_network_update, remote_object_write_network_update_args, void)
{
    virNetworkPtr net = remote_wire_network_handle(conn, &args->net);
    int rc = virNetworkUpdate(net, args->command, args->section, args->parentIndex, args->xml,
                              args->flags);

    handle_network_unref(net);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_node_device_create_xml,
                remote_object_write_node_device_create_xml_args,
                remote_object_write_node_device_create_xml_ret)
{
    virNodeDevicePtr dev = virNodeDeviceCreateXML(conn, args->xml_desc, args->flags);

    if (!dev)
        return -1;
    ret->dev.name = xstrdup(dev->name);
    handle_nodedev_unref(dev);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_node_device_destroy, remote_object_write_node_device_destroy_args,
                void)
{
    virNodeDevicePtr dev = handle_nodedev_new(conn, args->name);
    int rc = virNodeDeviceDestroy(dev);

    handle_nodedev_unref(dev);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_core_dump, remote_object_write_domain_core_dump_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainCoreDump(dom, args->to, args->flags);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_core_dump_with_format,
                remote_object_write_domain_core_dump_with_format_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainCoreDumpWithFormat(dom, args->to, args->dumpformat, args->flags);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}
