/*
 * remote_client_objects.h: the remote driver's methods for the objects
 * helper's calls (remote_client_objects*.c), put in the method table by
 * remote_driver.c. Each has the contract of the VireoDriver member of the
 * same name.
 */
#ifndef VIREO_REMOTE_CLIENT_OBJECTS_H
#define VIREO_REMOTE_CLIENT_OBJECTS_H

#include <libvirt/libvirt.h>

/* remote_client_objects.c */
virNetworkPtr remote_client_network_create_xml(virConnectPtr conn, const char *xml);
virNetworkPtr remote_client_network_define_xml(virConnectPtr conn, const char *xml);
int remote_client_network_undefine(virNetworkPtr net);
int remote_client_network_create(virNetworkPtr net);
int remote_client_network_destroy(virNetworkPtr net);
int remote_client_network_set_autostart(virNetworkPtr net, int autostart);
virStoragePoolPtr remote_client_storage_pool_create_xml(virConnectPtr conn, const char *xml,
                                                        unsigned int flags);
virStoragePoolPtr remote_client_storage_pool_define_xml(virConnectPtr conn, const char *xml,
                                                        unsigned int flags);
int remote_client_storage_pool_build(virStoragePoolPtr pool, unsigned int flags);
int remote_client_storage_pool_undefine(virStoragePoolPtr pool);
int remote_client_storage_pool_create(virStoragePoolPtr pool, unsigned int flags);
int remote_client_storage_pool_destroy(virStoragePoolPtr pool);
int remote_client_storage_pool_delete(virStoragePoolPtr pool, unsigned int flags);
int remote_client_storage_pool_refresh(virStoragePoolPtr pool, unsigned int flags);
int remote_client_storage_pool_set_autostart(virStoragePoolPtr pool, int autostart);
virStorageVolPtr remote_client_storage_vol_create_xml(virStoragePoolPtr pool, const char *xml,
                                                      unsigned int flags);
virStorageVolPtr remote_client_storage_vol_create_xml_from(virStoragePoolPtr pool,
                                                           const char *xml,
                                                           virStorageVolPtr clonevol,
                                                           unsigned int flags);
int remote_client_storage_vol_delete(virStorageVolPtr vol, unsigned int flags);

/* remote_client_obj_domain.c */
int remote_client_domain_managed_save(virDomainPtr dom, unsigned int flags);
int remote_client_domain_managed_save_remove(virDomainPtr dom, unsigned int flags);
int remote_client_domain_save_flags(virDomainPtr dom, const char *to, const char *dxml,
                                    unsigned int flags);
int remote_client_domain_restore_flags(virConnectPtr conn, const char *from, const char *dxml,
                                       unsigned int flags);
int remote_client_domain_rename(virDomainPtr dom, const char *new_name, unsigned int flags);
int remote_client_domain_send_key(virDomainPtr dom, unsigned int codeset, unsigned int holdtime,
                                  unsigned int *keycodes, int nkeycodes, unsigned int flags);
int remote_client_domain_inject_nmi(virDomainPtr dom, unsigned int flags);
int remote_client_domain_reset(virDomainPtr dom, unsigned int flags);
char *remote_client_domain_get_hostname(virDomainPtr dom, unsigned int flags);
int remote_client_domain_get_vcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                                   unsigned char *cpumaps, int maplen);
int remote_client_domain_interface_addresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                             unsigned int source, unsigned int flags);
int remote_client_domain_pin_vcpu(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                                  int maplen);
int remote_client_domain_pin_vcpu_flags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                                        int maplen, unsigned int flags);
int remote_client_domain_interface_stats(virDomainPtr dom, const char *device,
                                         virDomainInterfaceStatsPtr stats);
int remote_client_node_get_cpu_map(virConnectPtr conn, unsigned char **cpumap,
                                   unsigned int *online, unsigned int flags);
int remote_client_domain_get_vcpu_pin_info(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                                           int maplen, unsigned int flags);
int remote_client_domain_get_time(virDomainPtr dom, long long *seconds, unsigned int *nseconds,
                                  unsigned int flags);
char *remote_client_domain_get_metadata(virDomainPtr dom, int type, const char *uri,
                                        unsigned int flags);
int remote_client_domain_set_metadata(virDomainPtr dom, int type, const char *metadata,
                                      const char *key, const char *uri, unsigned int flags);

/* remote_client_obj_hostdev.c */
int remote_client_connect_num_of_interfaces(virConnectPtr conn);
int remote_client_connect_list_interfaces(virConnectPtr conn, char **const names, int maxnames);
int remote_client_connect_num_of_defined_interfaces(virConnectPtr conn);
int remote_client_connect_list_defined_interfaces(virConnectPtr conn, char **const names, int maxnames);
int remote_client_connect_list_all_interfaces(virConnectPtr conn, virInterfacePtr **ifaces, unsigned int flags);
virInterfacePtr remote_client_interface_lookup_by_name(virConnectPtr conn, const char *name);
virInterfacePtr remote_client_interface_lookup_by_mac_string(virConnectPtr conn, const char *mac);
char *remote_client_interface_get_xml_desc(virInterfacePtr iface, unsigned int flags);
virInterfacePtr remote_client_interface_define_xml(virConnectPtr conn, const char *xml, unsigned int flags);
int remote_client_interface_undefine(virInterfacePtr iface);
int remote_client_interface_create(virInterfacePtr iface, unsigned int flags);
int remote_client_interface_destroy(virInterfacePtr iface, unsigned int flags);
int remote_client_interface_is_active(virInterfacePtr iface);
int remote_client_node_num_of_devices(virConnectPtr conn, const char *cap, unsigned int flags);
int remote_client_node_list_devices(virConnectPtr conn, const char *cap, char **const names, int maxnames, unsigned int flags);
int remote_client_connect_list_all_node_devices(virConnectPtr conn, virNodeDevicePtr **devices, unsigned int flags);
virNodeDevicePtr remote_client_node_device_lookup_by_name(virConnectPtr conn, const char *name);
char *remote_client_node_device_get_parent(virNodeDevicePtr dev);
int remote_client_node_device_num_of_caps(virNodeDevicePtr dev);
int remote_client_node_device_list_caps(virNodeDevicePtr dev, char **const names, int maxnames);
char *remote_client_node_device_get_xml_desc(virNodeDevicePtr dev, unsigned int flags);

/* The table entries, for remote_driver.c. */
#define REMOTE_CLIENT_OBJECTS_METHODS \
    .network_create_xml = remote_client_network_create_xml, \
    .network_define_xml = remote_client_network_define_xml, \
    .network_undefine = remote_client_network_undefine, \
    .network_create = remote_client_network_create, \
    .network_destroy = remote_client_network_destroy, \
    .network_set_autostart = remote_client_network_set_autostart, \
    .storage_pool_create_xml = remote_client_storage_pool_create_xml, \
    .storage_pool_define_xml = remote_client_storage_pool_define_xml, \
    .storage_pool_build = remote_client_storage_pool_build, \
    .storage_pool_undefine = remote_client_storage_pool_undefine, \
    .storage_pool_create = remote_client_storage_pool_create, \
    .storage_pool_destroy = remote_client_storage_pool_destroy, \
    .storage_pool_delete = remote_client_storage_pool_delete, \
    .storage_pool_refresh = remote_client_storage_pool_refresh, \
    .storage_pool_set_autostart = remote_client_storage_pool_set_autostart, \
    .storage_vol_create_xml = remote_client_storage_vol_create_xml, \
    .storage_vol_create_xml_from = remote_client_storage_vol_create_xml_from, \
    .storage_vol_delete = remote_client_storage_vol_delete, \
    .domain_managed_save = remote_client_domain_managed_save, \
    .domain_managed_save_remove = remote_client_domain_managed_save_remove, \
    .domain_save_flags = remote_client_domain_save_flags, \
    .domain_restore_flags = remote_client_domain_restore_flags, \
    .domain_rename = remote_client_domain_rename, \
    .domain_send_key = remote_client_domain_send_key, \
    .domain_inject_nmi = remote_client_domain_inject_nmi, \
    .domain_reset = remote_client_domain_reset, \
    .domain_get_hostname = remote_client_domain_get_hostname, \
    .domain_get_vcpus = remote_client_domain_get_vcpus, \
    .node_get_cpu_map = remote_client_node_get_cpu_map, \
    .domain_interface_stats = remote_client_domain_interface_stats, \
    .domain_pin_vcpu = remote_client_domain_pin_vcpu, \
    .domain_pin_vcpu_flags = remote_client_domain_pin_vcpu_flags, \
    .domain_interface_addresses = remote_client_domain_interface_addresses, \
    .domain_get_vcpu_pin_info = remote_client_domain_get_vcpu_pin_info, \
    .domain_get_time = remote_client_domain_get_time, \
    .domain_get_metadata = remote_client_domain_get_metadata, \
    .domain_set_metadata = remote_client_domain_set_metadata, \
    .connect_num_of_interfaces = remote_client_connect_num_of_interfaces, \
    .connect_list_interfaces = remote_client_connect_list_interfaces, \
    .connect_num_of_defined_interfaces = remote_client_connect_num_of_defined_interfaces, \
    .connect_list_defined_interfaces = remote_client_connect_list_defined_interfaces, \
    .connect_list_all_interfaces = remote_client_connect_list_all_interfaces, \
    .interface_lookup_by_name = remote_client_interface_lookup_by_name, \
    .interface_lookup_by_mac_string = remote_client_interface_lookup_by_mac_string, \
    .interface_get_xml_desc = remote_client_interface_get_xml_desc, \
    .interface_define_xml = remote_client_interface_define_xml, \
    .interface_undefine = remote_client_interface_undefine, \
    .interface_create = remote_client_interface_create, \
    .interface_destroy = remote_client_interface_destroy, \
    .interface_is_active = remote_client_interface_is_active, \
    .node_num_of_devices = remote_client_node_num_of_devices, \
    .node_list_devices = remote_client_node_list_devices, \
    .connect_list_all_node_devices = remote_client_connect_list_all_node_devices, \
    .node_device_lookup_by_name = remote_client_node_device_lookup_by_name, \
    .node_device_get_parent = remote_client_node_device_get_parent, \
    .node_device_num_of_caps = remote_client_node_device_num_of_caps, \
    .node_device_list_caps = remote_client_node_device_list_caps, \
    .node_device_get_xml_desc = remote_client_node_device_get_xml_desc,

#endif /* VIREO_REMOTE_CLIENT_OBJECTS_H */
