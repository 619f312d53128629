/*
 * remote_client_object_write.h: the remote driver's object-changing methods
 * (network update, node-device create/destroy), spliced into
 * vireo_remote_driver by REMOTE_CLIENT_OBJECT_WRITE_METHODS.
 */
#ifndef VIREO_REMOTE_CLIENT_OBJECT_WRITE_H
#define VIREO_REMOTE_CLIENT_OBJECT_WRITE_H

#include <libvirt/libvirt.h>

int remote_client_network_update(virNetworkPtr net, unsigned int command, unsigned int section,
                                 int parent_index, const char *xml, unsigned int flags);
virNodeDevicePtr remote_client_node_device_create_xml(virConnectPtr conn, const char *xml,
                                                      unsigned int flags);
int remote_client_node_device_destroy(virNodeDevicePtr dev);
int remote_client_domain_core_dump(virDomainPtr dom, const char *to, unsigned int flags);
int remote_client_domain_core_dump_with_format(virDomainPtr dom, const char *to,
                                               unsigned int dumpformat, unsigned int flags);

#define REMOTE_CLIENT_OBJECT_WRITE_METHODS \
    .network_update = remote_client_network_update, \
    .node_device_create_xml = remote_client_node_device_create_xml, \
    .node_device_destroy = remote_client_node_device_destroy, \
    .domain_core_dump = remote_client_domain_core_dump, \
    .domain_core_dump_with_format = remote_client_domain_core_dump_with_format,

#endif /* VIREO_REMOTE_CLIENT_OBJECT_WRITE_H */
