/*
 * remote_client_object_write.c: network update, node-device create/destroy and
 * domain core dumps over the REMOTE program (structs in remote_object_write.x).
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>

#include "remote/remote_client_object_write.h"
#include "remote/remote_client_priv.h"
#include "util/error.h"

int
remote_client_network_update(virNetworkPtr net, unsigned int command, unsigned int section,
                             int parent_index, const char *xml, unsigned int flags)
{
    remote_object_write_network_update_args args = { .command = command,
                                                     .section = section,
                                                     .parentIndex = parent_index,
                                                     .xml = (char *)xml,
                                                     .flags = flags };

    remote_wire_network_to_wire(net, &args.net);
    return remote_client_call(net->conn, REMOTE_PROC_NETWORK_UPDATE,
                              REMOTE_ARG(remote_object_write_network_update_args, &args),
                              REMOTE_VOID);
}

virNodeDevicePtr
remote_client_node_device_create_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    remote_object_write_node_device_create_xml_args args = { .xml_desc = (char *)xml,
                                                             .flags = flags };
    remote_object_write_node_device_create_xml_ret ret;
    virNodeDevicePtr dev;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_NODE_DEVICE_CREATE_XML,
                           REMOTE_ARG(remote_object_write_node_device_create_xml_args, &args),
                           REMOTE_ARG(remote_object_write_node_device_create_xml_ret, &ret)) < 0)
        return NULL;
    dev = handle_nodedev_new(conn, ret.dev.name);
    xdr_free((xdrproc_t)xdr_remote_object_write_node_device_create_xml_ret, (char *)&ret);
    return dev;
}

int
remote_client_node_device_destroy(virNodeDevicePtr dev)
{
    remote_object_write_node_device_destroy_args args = { .name = dev->name };

    return remote_client_call(dev->conn, REMOTE_PROC_NODE_DEVICE_DESTROY,
                              REMOTE_ARG(remote_object_write_node_device_destroy_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_core_dump(virDomainPtr dom, const char *to, unsigned int flags)
{
    remote_object_write_domain_core_dump_args args = { .to = (char *)to, .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_CORE_DUMP,
                              REMOTE_ARG(remote_object_write_domain_core_dump_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_core_dump_with_format(virDomainPtr dom, const char *to,
                                           unsigned int dumpformat, unsigned int flags)
{
    remote_object_write_domain_core_dump_with_format_args args = { .to = (char *)to,
                                                                   .dumpformat = dumpformat,
                                                                   .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(
        dom->conn, REMOTE_PROC_DOMAIN_CORE_DUMP_WITH_FORMAT,
        REMOTE_ARG(remote_object_write_domain_core_dump_with_format_args, &args), REMOTE_VOID);
}
