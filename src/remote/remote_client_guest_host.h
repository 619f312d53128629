/*
 * remote_client_guest_host.h: the remote driver's guest filesystem, time,
 * password, signal and memory peek calls and the security label list
 * (remote_client_guest_host.c), spliced into vireo_remote_driver by
 * REMOTE_CLIENT_GUEST_HOST_METHODS.
 */
#ifndef VIREO_REMOTE_CLIENT_GUEST_HOST_H
#define VIREO_REMOTE_CLIENT_GUEST_HOST_H

#include <stddef.h>
#include <libvirt/libvirt.h>

int remote_client_domain_fs_freeze(virDomainPtr dom, const char **mountpoints,
                                   unsigned int nmountpoints, unsigned int flags);
int remote_client_domain_fs_thaw(virDomainPtr dom, const char **mountpoints,
                                 unsigned int nmountpoints, unsigned int flags);
int remote_client_domain_fs_trim(virDomainPtr dom, const char *mount_point,
                                 unsigned long long minimum, unsigned int flags);
int remote_client_domain_set_time(virDomainPtr dom, long long seconds, unsigned int nseconds,
                                  unsigned int flags);
int remote_client_domain_set_user_password(virDomainPtr dom, const char *user,
                                           const char *password, unsigned int flags);
int remote_client_domain_send_process_signal(virDomainPtr dom, long long pid_value,
                                             unsigned int signum, unsigned int flags);
int remote_client_domain_memory_peek(virDomainPtr dom, unsigned long long start, size_t size,
                                     void *buffer, unsigned int flags);
int remote_client_domain_get_security_label_list(virDomainPtr dom,
                                                 virSecurityLabelPtr *seclabels);

virDomainPtr remote_client_domain_create_xml_with_files(virConnectPtr conn, const char *xml,
                                                        unsigned int nfiles, int *files,
                                                        unsigned int flags);
int remote_client_domain_create_with_files(virDomainPtr dom, unsigned int nfiles, int *files,
                                           unsigned int flags);
virNetworkPtr remote_client_network_create_xml_flags(virConnectPtr conn, const char *xml,
                                                     unsigned int flags);
virNetworkPtr remote_client_network_define_xml_flags(virConnectPtr conn, const char *xml,
                                                     unsigned int flags);
int remote_client_node_get_free_pages(virConnectPtr conn, unsigned int npages,
                                      unsigned int *pages, int start_cell,
                                      unsigned int cell_count, unsigned long long *counts,
                                      unsigned int flags);
char *remote_client_connect_find_storage_pool_sources(virConnectPtr conn, const char *type,
                                                      const char *src_spec, unsigned int flags);
int remote_client_interface_change_begin(virConnectPtr conn, unsigned int flags);
int remote_client_interface_change_commit(virConnectPtr conn, unsigned int flags);
int remote_client_interface_change_rollback(virConnectPtr conn, unsigned int flags);
char *remote_client_domain_save_image_get_xml_desc(virConnectPtr conn, const char *path,
                                                   unsigned int flags);
int remote_client_domain_save_image_define_xml(virConnectPtr conn, const char *path,
                                               const char *dxml, unsigned int flags);
int remote_client_domain_get_fs_info(virDomainPtr dom, virDomainFSInfoPtr **info,
                                     unsigned int flags);
int remote_client_connect_get_cpu_model_names(virConnectPtr conn, const char *arch,
                                              char ***models, unsigned int flags);
int remote_client_domain_set_lifecycle_action(virDomainPtr dom, unsigned int type,
                                              unsigned int action, unsigned int flags);
int remote_client_domain_pin_emulator(virDomainPtr dom, unsigned char *cpumap, int maplen,
                                      unsigned int flags);

#define REMOTE_CLIENT_GUEST_HOST_METHODS \
    .domain_fs_freeze = remote_client_domain_fs_freeze, \
    .domain_fs_thaw = remote_client_domain_fs_thaw, \
    .domain_fs_trim = remote_client_domain_fs_trim, \
    .domain_set_time = remote_client_domain_set_time, \
    .domain_set_user_password = remote_client_domain_set_user_password, \
    .domain_send_process_signal = remote_client_domain_send_process_signal, \
    .domain_memory_peek = remote_client_domain_memory_peek, \
    .domain_get_security_label_list = remote_client_domain_get_security_label_list, \
    .domain_create_xml_with_files = remote_client_domain_create_xml_with_files, \
    .domain_create_with_files = remote_client_domain_create_with_files, \
    .network_create_xml_flags = remote_client_network_create_xml_flags, \
    .network_define_xml_flags = remote_client_network_define_xml_flags, \
    .node_get_free_pages = remote_client_node_get_free_pages, \
    .connect_find_storage_pool_sources = remote_client_connect_find_storage_pool_sources, \
    .interface_change_begin = remote_client_interface_change_begin, \
    .interface_change_commit = remote_client_interface_change_commit, \
    .interface_change_rollback = remote_client_interface_change_rollback, \
    .domain_save_image_get_xml_desc = remote_client_domain_save_image_get_xml_desc, \
    .domain_save_image_define_xml = remote_client_domain_save_image_define_xml, \
    .domain_get_fs_info = remote_client_domain_get_fs_info, \
    .connect_get_cpu_model_names = remote_client_connect_get_cpu_model_names, \
    .domain_set_lifecycle_action = remote_client_domain_set_lifecycle_action, \
    .domain_pin_emulator = remote_client_domain_pin_emulator,

#endif /* VIREO_REMOTE_CLIENT_GUEST_HOST_H */
