/*
 * test_methods.h: the test driver methods (test_domain.c, test_network.c,
 * test_storage.c) that test_driver.c puts in the method table. Each has
 * the signature and contract of the VireoDriver member of the same name.
 */
#ifndef VIREO_DRIVERS_TEST_METHODS_H
#define VIREO_DRIVERS_TEST_METHODS_H

#include <libvirt/libvirt.h>

/* test_domain.c */
int test_connect_num_of_domains(virConnectPtr conn);
int test_connect_list_domains(virConnectPtr conn, int *ids, int maxids);
int test_connect_num_of_defined_domains(virConnectPtr conn);
int test_connect_list_defined_domains(virConnectPtr conn, char **const names, int maxnames);
int test_connect_list_all_domains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags);
virDomainPtr test_domain_lookup_by_id(virConnectPtr conn, int id);
virDomainPtr test_domain_lookup_by_name(virConnectPtr conn, const char *name);
virDomainPtr test_domain_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid);
int test_domain_get_info(virDomainPtr dom, virDomainInfoPtr info);
int test_domain_get_state(virDomainPtr dom, int *state, int *reason, unsigned int flags);
char *test_domain_get_os_type(virDomainPtr dom);
char *test_domain_get_xml_desc(virDomainPtr dom, unsigned int flags);
unsigned long test_domain_get_max_memory(virDomainPtr dom);
int test_domain_get_vcpus_flags(virDomainPtr dom, unsigned int flags);
int test_domain_get_max_vcpus(virDomainPtr dom);
int test_domain_is_active(virDomainPtr dom);
int test_domain_is_persistent(virDomainPtr dom);
int test_domain_is_updated(virDomainPtr dom);
int test_domain_get_autostart(virDomainPtr dom, int *autostart);
int test_domain_set_autostart(virDomainPtr dom, int autostart);
int test_domain_get_security_label(virDomainPtr dom, virSecurityLabelPtr seclabel);
int test_domain_has_managed_save_image(virDomainPtr dom, unsigned int flags);
int test_domain_snapshot_num(virDomainPtr dom, unsigned int flags);
int test_domain_get_messages(virDomainPtr dom, char ***msgs, unsigned int flags);
virDomainPtr test_domain_define_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags);
virDomainPtr test_domain_create_xml(virConnectPtr conn, const char *xml, unsigned int flags);
int test_domain_undefine_flags(virDomainPtr dom, unsigned int flags);
int test_domain_create_with_flags(virDomainPtr dom, unsigned int flags);
int test_domain_destroy_flags(virDomainPtr dom, unsigned int flags);
int test_domain_shutdown_flags(virDomainPtr dom, unsigned int flags);
int test_domain_reboot(virDomainPtr dom, unsigned int flags);
int test_domain_suspend(virDomainPtr dom);
int test_domain_resume(virDomainPtr dom);
int test_domain_set_memory_flags(virDomainPtr dom, unsigned long memory, unsigned int flags);
int test_domain_set_max_memory(virDomainPtr dom, unsigned long memory);
int test_domain_set_vcpus_flags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags);
/* test_network.c */
int test_connect_num_of_networks(virConnectPtr conn);
int test_connect_list_networks(virConnectPtr conn, char **const names, int maxnames);
int test_connect_num_of_defined_networks(virConnectPtr conn);
int test_connect_list_defined_networks(virConnectPtr conn, char **const names, int maxnames);
int test_connect_list_all_networks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags);
virNetworkPtr test_network_lookup_by_name(virConnectPtr conn, const char *name);
virNetworkPtr test_network_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid);
char *test_network_get_xml_desc(virNetworkPtr net, unsigned int flags);
char *test_network_get_bridge_name(virNetworkPtr net);
int test_network_is_active(virNetworkPtr net);
int test_network_is_persistent(virNetworkPtr net);
int test_network_get_autostart(virNetworkPtr net, int *autostart);
/* test_storage.c */
int test_connect_num_of_storage_pools(virConnectPtr conn);
int test_connect_list_storage_pools(virConnectPtr conn, char **const names, int maxnames);
int test_connect_num_of_defined_storage_pools(virConnectPtr conn);
int test_connect_list_defined_storage_pools(virConnectPtr conn, char **const names, int maxnames);
int test_connect_list_all_storage_pools(virConnectPtr conn, virStoragePoolPtr **pools, unsigned int flags);
virStoragePoolPtr test_storage_pool_lookup_by_name(virConnectPtr conn, const char *name);
virStoragePoolPtr test_storage_pool_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid);
virStoragePoolPtr test_storage_pool_lookup_by_volume(virStorageVolPtr vol);
int test_storage_pool_get_info(virStoragePoolPtr pool, virStoragePoolInfoPtr info);
char *test_storage_pool_get_xml_desc(virStoragePoolPtr pool, unsigned int flags);
int test_storage_pool_is_active(virStoragePoolPtr pool);
int test_storage_pool_is_persistent(virStoragePoolPtr pool);
int test_storage_pool_get_autostart(virStoragePoolPtr pool, int *autostart);
int test_storage_pool_num_of_volumes(virStoragePoolPtr pool);
int test_storage_pool_list_volumes(virStoragePoolPtr pool, char **const names, int maxnames);
int test_storage_pool_list_all_volumes(virStoragePoolPtr pool, virStorageVolPtr **vols, unsigned int flags);
virStorageVolPtr test_storage_vol_lookup_by_name(virStoragePoolPtr pool, const char *name);
virStorageVolPtr test_storage_vol_lookup_by_key(virConnectPtr conn, const char *key);
virStorageVolPtr test_storage_vol_lookup_by_path(virConnectPtr conn, const char *path);
int test_storage_vol_get_info(virStorageVolPtr vol, virStorageVolInfoPtr info);
char *test_storage_vol_get_xml_desc(virStorageVolPtr vol, unsigned int flags);
char *test_storage_vol_get_path(virStorageVolPtr vol);
/* test_network_write.c */
virNetworkPtr test_network_create_xml(virConnectPtr conn, const char *xml);
virNetworkPtr test_network_define_xml(virConnectPtr conn, const char *xml);
int test_network_undefine(virNetworkPtr net);
int test_network_create(virNetworkPtr net);
int test_network_destroy(virNetworkPtr net);
int test_network_set_autostart(virNetworkPtr net, int autostart);
/* test_storage_write.c */
virStoragePoolPtr test_storage_pool_create_xml(virConnectPtr conn, const char *xml, unsigned int flags);
virStoragePoolPtr test_storage_pool_define_xml(virConnectPtr conn, const char *xml, unsigned int flags);
int test_storage_pool_build(virStoragePoolPtr pool, unsigned int flags);
int test_storage_pool_undefine(virStoragePoolPtr pool);
int test_storage_pool_create(virStoragePoolPtr pool, unsigned int flags);
int test_storage_pool_destroy(virStoragePoolPtr pool);
int test_storage_pool_delete(virStoragePoolPtr pool, unsigned int flags);
int test_storage_pool_refresh(virStoragePoolPtr pool, unsigned int flags);
int test_storage_pool_set_autostart(virStoragePoolPtr pool, int autostart);
virStorageVolPtr test_storage_vol_create_xml(virStoragePoolPtr pool, const char *xml, unsigned int flags);
virStorageVolPtr test_storage_vol_create_xml_from(virStoragePoolPtr pool, const char *xml,
                                                  virStorageVolPtr clonevol, unsigned int flags);
int test_storage_vol_delete(virStorageVolPtr vol, unsigned int flags);
/* test_domain_extra.c */
int test_domain_managed_save(virDomainPtr dom, unsigned int flags);
int test_domain_managed_save_remove(virDomainPtr dom, unsigned int flags);
int test_domain_save_flags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags);
int test_domain_restore_flags(virConnectPtr conn, const char *from, const char *dxml,
                              unsigned int flags);
int test_domain_rename(virDomainPtr dom, const char *new_name, unsigned int flags);
int test_domain_send_key(virDomainPtr dom, unsigned int codeset, unsigned int holdtime,
                         unsigned int *keycodes, int nkeycodes, unsigned int flags);
int test_domain_inject_nmi(virDomainPtr dom, unsigned int flags);
int test_domain_reset(virDomainPtr dom, unsigned int flags);
int test_domain_interface_addresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                    unsigned int source, unsigned int flags);
int test_domain_pin_vcpu(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap, int maplen);
int test_domain_pin_vcpu_flags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                               int maplen, unsigned int flags);
int test_domain_interface_stats(virDomainPtr dom, const char *device,
                                virDomainInterfaceStatsPtr stats);
int test_node_get_cpu_map(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                          unsigned int flags);
int test_domain_get_vcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                          unsigned char *cpumaps, int maplen);
int test_domain_get_vcpu_pin_info(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                                  int maplen, unsigned int flags);
char *test_domain_get_hostname(virDomainPtr dom, unsigned int flags);
int test_domain_get_time(virDomainPtr dom, long long *seconds, unsigned int *nseconds,
                         unsigned int flags);
char *test_domain_get_metadata(virDomainPtr dom, int type, const char *uri, unsigned int flags);
int test_domain_set_metadata(virDomainPtr dom, int type, const char *metadata, const char *key,
                             const char *uri, unsigned int flags);
/* test_hostdev.c */
int test_connect_num_of_interfaces(virConnectPtr conn);
int test_connect_list_interfaces(virConnectPtr conn, char **const names, int maxnames);
int test_connect_num_of_defined_interfaces(virConnectPtr conn);
int test_connect_list_defined_interfaces(virConnectPtr conn, char **const names, int maxnames);
int test_connect_list_all_interfaces(virConnectPtr conn, virInterfacePtr **ifaces,
                                     unsigned int flags);
virInterfacePtr test_interface_lookup_by_name(virConnectPtr conn, const char *name);
virInterfacePtr test_interface_lookup_by_mac_string(virConnectPtr conn, const char *mac);
char *test_interface_get_xml_desc(virInterfacePtr iface, unsigned int flags);
virInterfacePtr test_interface_define_xml(virConnectPtr conn, const char *xml,
                                          unsigned int flags);
int test_interface_undefine(virInterfacePtr iface);
int test_interface_create(virInterfacePtr iface, unsigned int flags);
int test_interface_destroy(virInterfacePtr iface, unsigned int flags);
int test_interface_is_active(virInterfacePtr iface);
int test_node_num_of_devices(virConnectPtr conn, const char *cap, unsigned int flags);
int test_node_list_devices(virConnectPtr conn, const char *cap, char **const names, int maxnames,
                           unsigned int flags);
int test_connect_list_all_node_devices(virConnectPtr conn, virNodeDevicePtr **devices,
                                       unsigned int flags);
virNodeDevicePtr test_node_device_lookup_by_name(virConnectPtr conn, const char *name);
char *test_node_device_get_parent(virNodeDevicePtr dev);
int test_node_device_num_of_caps(virNodeDevicePtr dev);
int test_node_device_list_caps(virNodeDevicePtr dev, char **const names, int maxnames);
char *test_node_device_get_xml_desc(virNodeDevicePtr dev, unsigned int flags);

/* qemuwire: test_qemuwire.c */
int test_domain_block_stats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats);
/* end qemuwire */

#endif /* VIREO_DRIVERS_TEST_METHODS_H */
