/*
 * test_guest_host.h: the test driver's guest-agent style methods
 * (test_guest.c) and its host and domain extras (test_create_variants.c,
 * test_node_pages.c, test_pool_sources.c, test_iface_txn.c,
 * test_save_image.c, test_domain_monitor.c, test_cpu_models.c,
 * test_lifecycle_action.c), each with the signature and
 * contract of the VireoDriver member of the same name, and the initializers
 * test_driver.c splices into its method table.
 */
#ifndef VIREO_DRIVERS_TEST_GUEST_HOST_H
#define VIREO_DRIVERS_TEST_GUEST_HOST_H

#include <stddef.h>
#include <libvirt/libvirt.h>

/* test_guest.c */
int test_domain_fs_freeze(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                          unsigned int flags);
int test_domain_fs_thaw(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                        unsigned int flags);
int test_domain_fs_trim(virDomainPtr dom, const char *mount_point, unsigned long long minimum,
                        unsigned int flags);
int test_domain_set_time(virDomainPtr dom, long long seconds, unsigned int nseconds,
                         unsigned int flags);
int test_domain_set_user_password(virDomainPtr dom, const char *user, const char *password,
                                  unsigned int flags);
int test_domain_send_process_signal(virDomainPtr dom, long long pid_value, unsigned int signum,
                                    unsigned int flags);
int test_domain_memory_peek(virDomainPtr dom, unsigned long long start, size_t size,
                            void *buffer, unsigned int flags);
int test_domain_get_fs_info(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags);
/* test_create_variants.c */
virDomainPtr test_domain_create_xml_with_files(virConnectPtr conn, const char *xml,
                                               unsigned int nfiles, int *files,
                                               unsigned int flags);
int test_domain_create_with_files(virDomainPtr dom, unsigned int nfiles, int *files,
                                  unsigned int flags);
virNetworkPtr test_network_create_xml_flags(virConnectPtr conn, const char *xml,
                                            unsigned int flags);
virNetworkPtr test_network_define_xml_flags(virConnectPtr conn, const char *xml,
                                            unsigned int flags);
/* test_node_pages.c */
int test_node_get_free_pages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                             int start_cell, unsigned int cell_count, unsigned long long *counts,
                             unsigned int flags);
/* test_pool_sources.c */
char *test_connect_find_storage_pool_sources(virConnectPtr conn, const char *type,
                                             const char *src_spec, unsigned int flags);
/* test_iface_txn.c */
int test_interface_change_begin(virConnectPtr conn, unsigned int flags);
int test_interface_change_commit(virConnectPtr conn, unsigned int flags);
int test_interface_change_rollback(virConnectPtr conn, unsigned int flags);
/* test_save_image.c */
char *test_domain_save_image_get_xml_desc(virConnectPtr conn, const char *path,
                                          unsigned int flags);
int test_domain_save_image_define_xml(virConnectPtr conn, const char *path, const char *dxml,
                                      unsigned int flags);
/* test_domain_monitor.c: the read-side domain queries */
int test_domain_memory_stats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                             unsigned int flags);
int test_domain_set_memory_stats_period(virDomainPtr dom, int period, unsigned int flags);
int test_domain_get_block_info(virDomainPtr dom, const char *disk, virDomainBlockInfoPtr info,
                               unsigned int flags);
int test_domain_get_control_info(virDomainPtr dom, virDomainControlInfoPtr info,
                                 unsigned int flags);
int test_domain_get_emulator_pin_info(virDomainPtr dom, unsigned char *cpumaps, int maplen,
                                      unsigned int flags);
int test_domain_get_disk_errors(virDomainPtr dom, virDomainDiskErrorPtr errors,
                                unsigned int maxerrors, unsigned int flags);
int test_domain_pin_emulator(virDomainPtr dom, unsigned char *cpumap, int maplen,
                             unsigned int flags);

/* test_cpu_models.c */
int test_connect_get_cpu_model_names(virConnectPtr conn, const char *arch, char ***models,
                                     unsigned int flags);

/* test_lifecycle_action.c */
int test_domain_set_lifecycle_action(virDomainPtr dom, unsigned int type, unsigned int action,
                                     unsigned int flags);

#define TEST_GUEST_HOST_METHODS \
    .domain_fs_freeze = test_domain_fs_freeze, \
    .domain_fs_thaw = test_domain_fs_thaw, \
    .domain_fs_trim = test_domain_fs_trim, \
    .domain_set_time = test_domain_set_time, \
    .domain_set_user_password = test_domain_set_user_password, \
    .domain_send_process_signal = test_domain_send_process_signal, \
    .domain_memory_peek = test_domain_memory_peek, \
    .domain_memory_stats = test_domain_memory_stats, \
    .domain_set_memory_stats_period = test_domain_set_memory_stats_period, \
    .domain_get_block_info = test_domain_get_block_info, \
    .domain_get_control_info = test_domain_get_control_info, \
    .domain_get_emulator_pin_info = test_domain_get_emulator_pin_info, \
    .domain_get_disk_errors = test_domain_get_disk_errors, \
    .domain_create_xml_with_files = test_domain_create_xml_with_files, \
    .domain_create_with_files = test_domain_create_with_files, \
    .network_create_xml_flags = test_network_create_xml_flags, \
    .network_define_xml_flags = test_network_define_xml_flags, \
    .node_get_free_pages = test_node_get_free_pages, \
    .connect_find_storage_pool_sources = test_connect_find_storage_pool_sources, \
    .interface_change_begin = test_interface_change_begin, \
    .interface_change_commit = test_interface_change_commit, \
    .interface_change_rollback = test_interface_change_rollback, \
    .domain_save_image_get_xml_desc = test_domain_save_image_get_xml_desc, \
    .domain_save_image_define_xml = test_domain_save_image_define_xml, \
    .domain_get_fs_info = test_domain_get_fs_info, \
    .connect_get_cpu_model_names = test_connect_get_cpu_model_names, \
    .domain_set_lifecycle_action = test_domain_set_lifecycle_action, \
    .domain_pin_emulator = test_domain_pin_emulator,

#endif /* VIREO_DRIVERS_TEST_GUEST_HOST_H */
