/*
 * driver.h: the interface between the public API and whatever serves it.
 *
 * Two kinds of driver implement it: hypervisor drivers that own objects
 * (test, later qemu) and the remote driver that forwards every call over RPC.
 * The public API entry points (src/client) validate arguments, reset the
 * error, refuse writes on read-only connections, then call the method here;
 * a NULL method answers VIR_ERR_NO_SUPPORT. Methods take and return exactly
 * what the public function of the same name does, and report their own
 * errors (src/util/error.h) before failing.
 *
 * Methods may be called from many threads at once on one connection: a
 * driver does its own locking.
 */
#ifndef VIREO_DRIVERS_DRIVER_H
#define VIREO_DRIVERS_DRIVER_H

#include <stdbool.h>
#include <libvirt/libvirt.h>
#include "drivers/events.h"
#include "drivers/handles.h"
#include "util/uri.h"

typedef enum {
    VIREO_DRV_OPEN_DECLINED = -2, /* not mine: try the next driver */
    VIREO_DRV_OPEN_ERROR = -1,    /* mine, and it failed: error reported */
    VIREO_DRV_OPEN_SUCCESS = 0,
} VireoDrvOpenStatus;

/* Feature numbers of CONNECT_SUPPORTS_FEATURE (libvirt's VIR_DRV_FEATURE_*). */
enum {
    VIREO_DRV_FEATURE_MIGRATION_V1 = 1,
    VIREO_DRV_FEATURE_REMOTE = 2,
    VIREO_DRV_FEATURE_MIGRATION_V2 = 3,
    VIREO_DRV_FEATURE_MIGRATION_P2P = 4,
    VIREO_DRV_FEATURE_MIGRATION_DIRECT = 5,
    VIREO_DRV_FEATURE_MIGRATION_V3 = 6,
    VIREO_DRV_FEATURE_MIGRATE_CHANGE_PROTECTION = 7,
    VIREO_DRV_FEATURE_FD_PASSING = 8,
    VIREO_DRV_FEATURE_TYPED_PARAM_STRING = 9,
    VIREO_DRV_FEATURE_PROGRAM_KEEPALIVE = 10,
    VIREO_DRV_FEATURE_XML_MIGRATABLE = 11,
    VIREO_DRV_FEATURE_MIGRATION_OFFLINE = 12,
    VIREO_DRV_FEATURE_MIGRATION_PARAMS = 13,
    VIREO_DRV_FEATURE_REMOTE_EVENT_CALLBACK = 14,
    VIREO_DRV_FEATURE_REMOTE_CLOSE_CALLBACK = 15,
    VIREO_DRV_FEATURE_NETWORK_UPDATE_HAS_BRIDGE_ORDER = 16,
};

typedef struct VireoDriver {
    const char *name;  /* "Test", "remote": for logs */
    /* No method waits for I/O, a child process or a lock held across such a
     * wait (the test driver: memory only). vireod may then answer the cheap
     * queries marked inline in remote_procs.def on its event-loop thread. */
    bool never_blocks;

    /* Connection. connect_open decides from uri whether the URI is its own;
     * on success it sets conn->driver_data. connect_close frees it. */
    VireoDrvOpenStatus (*connect_open)(virConnectPtr conn, const VireoUri *uri,
                                       virConnectAuthPtr auth, unsigned int flags);
    int (*connect_close)(virConnectPtr conn);
    /* Optional, for vireod: what connect_open would do with uri, decided
     * without side effects. VIREO_DRV_OPEN_DECLINED: not this driver's;
     * VIREO_DRV_OPEN_SUCCESS: this driver's, and opening it never waits
     * (memory only), so CONNECT_OPEN may run on the daemon's loop thread;
     * VIREO_DRV_OPEN_ERROR: this driver's, and opening may wait. NULL: any
     * URI may be this driver's and opening may wait. */
    VireoDrvOpenStatus (*connect_open_probe)(const VireoUri *uri);
    int (*connect_supports_feature)(virConnectPtr conn, int feature);
    const char *(*connect_get_type)(virConnectPtr conn);
    int (*connect_get_version)(virConnectPtr conn, unsigned long *hv_ver);
    int (*connect_get_lib_version)(virConnectPtr conn, unsigned long *lib_ver);
    char *(*connect_get_hostname)(virConnectPtr conn);
    char *(*connect_get_uri)(virConnectPtr conn);
    char *(*connect_get_capabilities)(virConnectPtr conn);
    char *(*connect_get_sysinfo)(virConnectPtr conn, unsigned int flags);
    int (*connect_get_max_vcpus)(virConnectPtr conn, const char *type);
    int (*connect_is_alive)(virConnectPtr conn);
    int (*connect_is_secure)(virConnectPtr conn);
    int (*connect_is_encrypted)(virConnectPtr conn);

    /* Host. */
    int (*node_get_info)(virConnectPtr conn, virNodeInfoPtr info);
    unsigned long long (*node_get_free_memory)(virConnectPtr conn);
    int (*node_get_cells_free_memory)(virConnectPtr conn, unsigned long long *free_mems,
                                      int start_cell, int max_cells);
    int (*node_get_security_model)(virConnectPtr conn, virSecurityModelPtr secmodel);

    /* Domains. */
    int (*connect_num_of_domains)(virConnectPtr conn);
    int (*connect_list_domains)(virConnectPtr conn, int *ids, int maxids);
    int (*connect_num_of_defined_domains)(virConnectPtr conn);
    int (*connect_list_defined_domains)(virConnectPtr conn, char **const names, int maxnames);
    int (*connect_list_all_domains)(virConnectPtr conn, virDomainPtr **domains,
                                    unsigned int flags);
    virDomainPtr (*domain_lookup_by_id)(virConnectPtr conn, int id);
    virDomainPtr (*domain_lookup_by_name)(virConnectPtr conn, const char *name);
    virDomainPtr (*domain_lookup_by_uuid)(virConnectPtr conn, const unsigned char *uuid);
    int (*domain_get_info)(virDomainPtr dom, virDomainInfoPtr info);
    int (*domain_get_state)(virDomainPtr dom, int *state, int *reason, unsigned int flags);
    char *(*domain_get_os_type)(virDomainPtr dom);
    char *(*domain_get_xml_desc)(virDomainPtr dom, unsigned int flags);
    unsigned long (*domain_get_max_memory)(virDomainPtr dom);
    int (*domain_get_max_vcpus)(virDomainPtr dom);
    int (*domain_get_vcpus_flags)(virDomainPtr dom, unsigned int flags);
    int (*domain_is_active)(virDomainPtr dom);
    int (*domain_is_persistent)(virDomainPtr dom);
    int (*domain_is_updated)(virDomainPtr dom);
    int (*domain_get_autostart)(virDomainPtr dom, int *autostart);
    int (*domain_set_autostart)(virDomainPtr dom, int autostart);
    int (*domain_get_security_label)(virDomainPtr dom, virSecurityLabelPtr seclabel);
    int (*domain_has_managed_save_image)(virDomainPtr dom, unsigned int flags);
    int (*domain_snapshot_num)(virDomainPtr dom, unsigned int flags);
    int (*domain_get_messages)(virDomainPtr dom, char ***msgs, unsigned int flags);
    virDomainPtr (*domain_define_xml_flags)(virConnectPtr conn, const char *xml,
                                            unsigned int flags);
    int (*domain_undefine_flags)(virDomainPtr dom, unsigned int flags);
    virDomainPtr (*domain_create_xml)(virConnectPtr conn, const char *xml, unsigned int flags);
    int (*domain_create_with_flags)(virDomainPtr dom, unsigned int flags);
    int (*domain_destroy_flags)(virDomainPtr dom, unsigned int flags);
    int (*domain_shutdown_flags)(virDomainPtr dom, unsigned int flags);
    int (*domain_reboot)(virDomainPtr dom, unsigned int flags);
    int (*domain_suspend)(virDomainPtr dom);
    int (*domain_resume)(virDomainPtr dom);
    int (*domain_set_max_memory)(virDomainPtr dom, unsigned long memory);
    int (*domain_set_memory_flags)(virDomainPtr dom, unsigned long memory, unsigned int flags);
    int (*domain_set_vcpus_flags)(virDomainPtr dom, unsigned int nvcpus, unsigned int flags);

    /* Networks. */
    int (*connect_num_of_networks)(virConnectPtr conn);
    int (*connect_list_networks)(virConnectPtr conn, char **const names, int maxnames);
    int (*connect_num_of_defined_networks)(virConnectPtr conn);
    int (*connect_list_defined_networks)(virConnectPtr conn, char **const names, int maxnames);
    int (*connect_list_all_networks)(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags);
    virNetworkPtr (*network_lookup_by_name)(virConnectPtr conn, const char *name);
    virNetworkPtr (*network_lookup_by_uuid)(virConnectPtr conn, const unsigned char *uuid);
    char *(*network_get_xml_desc)(virNetworkPtr net, unsigned int flags);
    char *(*network_get_bridge_name)(virNetworkPtr net);
    int (*network_is_active)(virNetworkPtr net);
    int (*network_is_persistent)(virNetworkPtr net);
    int (*network_get_autostart)(virNetworkPtr net, int *autostart);

    /* Storage. */
    int (*connect_num_of_storage_pools)(virConnectPtr conn);
    int (*connect_list_storage_pools)(virConnectPtr conn, char **const names, int maxnames);
    int (*connect_num_of_defined_storage_pools)(virConnectPtr conn);
    int (*connect_list_defined_storage_pools)(virConnectPtr conn, char **const names,
                                              int maxnames);
    int (*connect_list_all_storage_pools)(virConnectPtr conn, virStoragePoolPtr **pools,
                                          unsigned int flags);
    virStoragePoolPtr (*storage_pool_lookup_by_name)(virConnectPtr conn, const char *name);
    virStoragePoolPtr (*storage_pool_lookup_by_uuid)(virConnectPtr conn,
                                                     const unsigned char *uuid);
    virStoragePoolPtr (*storage_pool_lookup_by_volume)(virStorageVolPtr vol);
    int (*storage_pool_get_info)(virStoragePoolPtr pool, virStoragePoolInfoPtr info);
    char *(*storage_pool_get_xml_desc)(virStoragePoolPtr pool, unsigned int flags);
    int (*storage_pool_is_active)(virStoragePoolPtr pool);
    int (*storage_pool_is_persistent)(virStoragePoolPtr pool);
    int (*storage_pool_get_autostart)(virStoragePoolPtr pool, int *autostart);
    int (*storage_pool_num_of_volumes)(virStoragePoolPtr pool);
    int (*storage_pool_list_volumes)(virStoragePoolPtr pool, char **const names, int maxnames);
    int (*storage_pool_list_all_volumes)(virStoragePoolPtr pool, virStorageVolPtr **vols,
                                         unsigned int flags);
    /* the <storagepoolCapabilities> document; NULL in drivers without one
     * (the test driver, as libvirt's) */
    char *(*connect_get_storage_pool_capabilities)(virConnectPtr conn, unsigned int flags);
    virStorageVolPtr (*storage_vol_lookup_by_name)(virStoragePoolPtr pool, const char *name);
    virStorageVolPtr (*storage_vol_lookup_by_key)(virConnectPtr conn, const char *key);
    virStorageVolPtr (*storage_vol_lookup_by_path)(virConnectPtr conn, const char *path);
    int (*storage_vol_get_info)(virStorageVolPtr vol, virStorageVolInfoPtr info);
    char *(*storage_vol_get_xml_desc)(virStorageVolPtr vol, unsigned int flags);
    char *(*storage_vol_get_path)(virStorageVolPtr vol);
    /* ---- streams/events helper: events and streams ---- */
    /* Events (drivers/events.h): registers fn for the events filter names on
     * conn's driver state; returns the callback id or -1 (reported).
     * Registrations of a connection end with it (connect_close). */
    int (*connect_event_register)(virConnectPtr conn, const VireoEventFilter *filter,
                                  VireoEventFunc fn, void *opaque, virFreeCallback free_fn);
    int (*connect_event_deregister)(virConnectPtr conn, int callback_id);
    /* Stream procedures: attach a backend to st (src/client/stream.h). */
    char *(*domain_screenshot)(virDomainPtr dom, virStreamPtr st, unsigned int screen,
                               unsigned int flags);
    int (*storage_vol_upload)(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                              unsigned long long length, unsigned int flags);
    int (*storage_vol_download)(virStorageVolPtr vol, virStreamPtr st,
                                unsigned long long offset, unsigned long long length,
                                unsigned int flags);
    /* Keepalive and close callbacks (remote connections; NULL elsewhere:
     * keepalive is then unsupported and close callbacks never fire). */
    int (*connect_set_keepalive)(virConnectPtr conn, int interval, unsigned int count);
    int (*connect_register_close_callback)(virConnectPtr conn, virConnectCloseFunc cb,
                                           void *opaque, virFreeCallback freecb);
    int (*connect_unregister_close_callback)(virConnectPtr conn, virConnectCloseFunc cb);
    /* ---- end streams/events helper ---- */
    /* ---- qemuwire: what the QEMU driver brought in ---- */
    /* stats is zeroed by the caller; the public layer copies size bytes. */
    int (*domain_block_stats)(virDomainPtr dom, const char *disk,
                              virDomainBlockStatsPtr stats);
    char *(*connect_get_domain_capabilities)(virConnectPtr conn, const char *emulatorbin,
                                             const char *arch, const char *machine,
                                             const char *virttype, unsigned int flags);
    /* Attaches a backend relaying the console to st (src/client/stream.h). */
    int (*domain_open_console)(virDomainPtr dom, const char *dev_name, virStreamPtr st,
                               unsigned int flags);
    /* ---- end qemuwire ---- */
    /* ---- objects helper: state-changing networks and storage ---- */
    virNetworkPtr (*network_create_xml)(virConnectPtr conn, const char *xml);
    virNetworkPtr (*network_define_xml)(virConnectPtr conn, const char *xml);
    int (*network_undefine)(virNetworkPtr net);
    int (*network_create)(virNetworkPtr net);
    int (*network_destroy)(virNetworkPtr net);
    int (*network_set_autostart)(virNetworkPtr net, int autostart);
    virStoragePoolPtr (*storage_pool_create_xml)(virConnectPtr conn, const char *xml,
                                                 unsigned int flags);
    virStoragePoolPtr (*storage_pool_define_xml)(virConnectPtr conn, const char *xml,
                                                 unsigned int flags);
    int (*storage_pool_build)(virStoragePoolPtr pool, unsigned int flags);
    int (*storage_pool_undefine)(virStoragePoolPtr pool);
    int (*storage_pool_create)(virStoragePoolPtr pool, unsigned int flags);
    int (*storage_pool_destroy)(virStoragePoolPtr pool);
    int (*storage_pool_delete)(virStoragePoolPtr pool, unsigned int flags);
    int (*storage_pool_refresh)(virStoragePoolPtr pool, unsigned int flags);
    int (*storage_pool_set_autostart)(virStoragePoolPtr pool, int autostart);
    virStorageVolPtr (*storage_vol_create_xml)(virStoragePoolPtr pool, const char *xml,
                                               unsigned int flags);
    virStorageVolPtr (*storage_vol_create_xml_from)(virStoragePoolPtr pool, const char *xml,
                                                    virStorageVolPtr clonevol,
                                                    unsigned int flags);
    int (*storage_vol_delete)(virStorageVolPtr vol, unsigned int flags);
    int (*domain_managed_save)(virDomainPtr dom, unsigned int flags);
    int (*domain_managed_save_remove)(virDomainPtr dom, unsigned int flags);
    int (*domain_save_flags)(virDomainPtr dom, const char *to, const char *dxml,
                             unsigned int flags);
    int (*domain_restore_flags)(virConnectPtr conn, const char *from, const char *dxml,
                                unsigned int flags);
    int (*domain_rename)(virDomainPtr dom, const char *new_name, unsigned int flags);
    int (*domain_send_key)(virDomainPtr dom, unsigned int codeset, unsigned int holdtime,
                           unsigned int *keycodes, int nkeycodes, unsigned int flags);
    int (*domain_inject_nmi)(virDomainPtr dom, unsigned int flags);
    int (*domain_reset)(virDomainPtr dom, unsigned int flags);
    char *(*domain_get_hostname)(virDomainPtr dom, unsigned int flags);
    int (*domain_get_time)(virDomainPtr dom, long long *seconds, unsigned int *nseconds,
                           unsigned int flags);
    char *(*domain_get_metadata)(virDomainPtr dom, int type, const char *uri,
                                 unsigned int flags);
    int (*domain_set_metadata)(virDomainPtr dom, int type, const char *metadata,
                               const char *key, const char *uri, unsigned int flags);
    int (*connect_num_of_interfaces)(virConnectPtr conn);
    int (*connect_list_interfaces)(virConnectPtr conn, char **const names, int maxnames);
    int (*connect_num_of_defined_interfaces)(virConnectPtr conn);
    int (*connect_list_defined_interfaces)(virConnectPtr conn, char **const names,
                                           int maxnames);
    int (*connect_list_all_interfaces)(virConnectPtr conn, virInterfacePtr **ifaces,
                                       unsigned int flags);
    virInterfacePtr (*interface_lookup_by_name)(virConnectPtr conn, const char *name);
    virInterfacePtr (*interface_lookup_by_mac_string)(virConnectPtr conn, const char *mac);
    char *(*interface_get_xml_desc)(virInterfacePtr iface, unsigned int flags);
    virInterfacePtr (*interface_define_xml)(virConnectPtr conn, const char *xml,
                                            unsigned int flags);
    int (*interface_undefine)(virInterfacePtr iface);
    int (*interface_create)(virInterfacePtr iface, unsigned int flags);
    int (*interface_destroy)(virInterfacePtr iface, unsigned int flags);
    int (*interface_is_active)(virInterfacePtr iface);
    int (*node_num_of_devices)(virConnectPtr conn, const char *cap, unsigned int flags);
    int (*node_list_devices)(virConnectPtr conn, const char *cap, char **const names,
                             int maxnames, unsigned int flags);
    int (*connect_list_all_node_devices)(virConnectPtr conn, virNodeDevicePtr **devices,
                                         unsigned int flags);
    virNodeDevicePtr (*node_device_lookup_by_name)(virConnectPtr conn, const char *name);
    char *(*node_device_get_parent)(virNodeDevicePtr dev);
    int (*node_device_num_of_caps)(virNodeDevicePtr dev);
    int (*node_device_list_caps)(virNodeDevicePtr dev, char **const names, int maxnames);
    char *(*node_device_get_xml_desc)(virNodeDevicePtr dev, unsigned int flags);
    /* ---- end objects helper ---- */
    /* ---- objects2: vCPU information ---- */
    int (*domain_get_vcpus)(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                            unsigned char *cpumaps, int maplen);
    int (*domain_get_vcpu_pin_info)(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                                    int maplen, unsigned int flags);
    int (*node_get_cpu_map)(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                            unsigned int flags);
    int (*domain_interface_addresses)(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                      unsigned int source, unsigned int flags);
    int (*domain_pin_vcpu)(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                           int maplen);
    int (*domain_pin_vcpu_flags)(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                                 int maplen, unsigned int flags);
    int (*domain_interface_stats)(virDomainPtr dom, const char *device,
                                  virDomainInterfaceStatsPtr stats);
    /* ---- end objects2 ---- */
    /* ---- object writes: network update, node-device create/destroy ---- */
    int (*network_update)(virNetworkPtr net, unsigned int command, unsigned int section,
                          int parent_index, const char *xml, unsigned int flags);
    virNodeDevicePtr (*node_device_create_xml)(virConnectPtr conn, const char *xml,
                                               unsigned int flags);
    int (*node_device_destroy)(virNodeDevicePtr dev);
    /* to is absolute (the public entry point makes it so) */
    int (*domain_core_dump)(virDomainPtr dom, const char *to, unsigned int flags);
    int (*domain_core_dump_with_format)(virDomainPtr dom, const char *to,
                                        unsigned int dumpformat, unsigned int flags);
    /* ---- end object writes ---- */
    /* ---- params: typed parameters (test_params.c, remote_client_params.c) ---- */
    /* Getters follow libvirt's two-step convention where it has one:
     * *nparams == 0 asks for the count only. */
    char *(*domain_get_scheduler_type)(virDomainPtr dom, int *nparams);
    int (*domain_get_scheduler_parameters)(virDomainPtr dom, virTypedParameterPtr params,
                                           int *nparams);
    int (*domain_get_scheduler_parameters_flags)(virDomainPtr dom, virTypedParameterPtr params,
                                                 int *nparams, unsigned int flags);
    int (*domain_set_scheduler_parameters)(virDomainPtr dom, virTypedParameterPtr params,
                                           int nparams);
    int (*domain_set_scheduler_parameters_flags)(virDomainPtr dom, virTypedParameterPtr params,
                                                 int nparams, unsigned int flags);
    int (*domain_set_memory_parameters)(virDomainPtr dom, virTypedParameterPtr params,
                                        int nparams, unsigned int flags);
    int (*domain_get_memory_parameters)(virDomainPtr dom, virTypedParameterPtr params,
                                        int *nparams, unsigned int flags);
    int (*domain_set_blkio_parameters)(virDomainPtr dom, virTypedParameterPtr params,
                                       int nparams, unsigned int flags);
    int (*domain_get_blkio_parameters)(virDomainPtr dom, virTypedParameterPtr params,
                                       int *nparams, unsigned int flags);
    int (*domain_set_numa_parameters)(virDomainPtr dom, virTypedParameterPtr params,
                                      int nparams, unsigned int flags);
    int (*domain_get_numa_parameters)(virDomainPtr dom, virTypedParameterPtr params,
                                      int *nparams, unsigned int flags);
    int (*domain_set_interface_parameters)(virDomainPtr dom, const char *device,
                                           virTypedParameterPtr params, int nparams,
                                           unsigned int flags);
    int (*domain_get_interface_parameters)(virDomainPtr dom, const char *device,
                                           virTypedParameterPtr params, int *nparams,
                                           unsigned int flags);
    int (*domain_get_cpu_stats)(virDomainPtr dom, virTypedParameterPtr params,
                                unsigned int nparams, int start_cpu, unsigned int ncpus,
                                unsigned int flags);
    int (*domain_get_launch_security_info)(virDomainPtr dom, virTypedParameterPtr *params,
                                           int *nparams, unsigned int flags);
    int (*node_get_cpu_stats)(virConnectPtr conn, int cpu_num, virNodeCPUStatsPtr params,
                              int *nparams, unsigned int flags);
    /* doms NULL (ndoms 0): every domain the flags select. */
    int (*connect_get_all_domain_stats)(virConnectPtr conn, virDomainPtr *doms,
                                        unsigned int ndoms, unsigned int stats,
                                        virDomainStatsRecordPtr **ret_stats, unsigned int flags);
    int (*domain_set_block_io_tune)(virDomainPtr dom, const char *disk,
                                    virTypedParameterPtr params, int nparams,
                                    unsigned int flags);
    int (*domain_get_block_io_tune)(virDomainPtr dom, const char *disk,
                                    virTypedParameterPtr params, int *nparams,
                                    unsigned int flags);
    int (*domain_get_perf_events)(virDomainPtr dom, virTypedParameterPtr *params, int *nparams,
                                  unsigned int flags);
    int (*domain_set_perf_events)(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                  unsigned int flags);
    /* ---- end params ---- */
    /* ---- monitor: read-side domain queries ---- */
    /* Fills at most nr_stats entries; returns how many. */
    int (*domain_memory_stats)(virDomainPtr dom, virDomainMemoryStatPtr stats,
                               unsigned int nr_stats, unsigned int flags);
    int (*domain_set_memory_stats_period)(virDomainPtr dom, int period, unsigned int flags);
    int (*domain_get_block_info)(virDomainPtr dom, const char *disk, virDomainBlockInfoPtr info,
                                 unsigned int flags);
    int (*domain_get_control_info)(virDomainPtr dom, virDomainControlInfoPtr info,
                                   unsigned int flags);
    /* cpumaps holds one map of maplen bytes; returns 1 (a map filled). */
    int (*domain_get_emulator_pin_info)(virDomainPtr dom, unsigned char *cpumaps, int maplen,
                                        unsigned int flags);
    /* maxerrors 0: the count only; else the errors (disk strings the
     * caller's) and how many were filled. */
    int (*domain_get_disk_errors)(virDomainPtr dom, virDomainDiskErrorPtr errors,
                                  unsigned int maxerrors, unsigned int flags);
    int (*domain_get_job_info)(virDomainPtr dom, virDomainJobInfoPtr info);
    /* *params malloc'd (virTypedParamsFree), NULL with *nparams 0 for none. */
    int (*domain_get_job_stats)(virDomainPtr dom, int *type, virTypedParameterPtr *params,
                                int *nparams, unsigned int flags);
    /* ---- end monitor ---- */
    /* ---- host CPU ---- */
    /* xml_cpus: ncpus host <cpu> descriptions; returns the malloc'd guest CPU XML */
    char *(*connect_baseline_cpu)(virConnectPtr conn, const char **xml_cpus, unsigned int ncpus,
                                  unsigned int flags);
    /* ---- guest and host extras: guest filesystem, time, password, signals, memory peek ---- */
    /* Return how many filesystems changed state. */
    int (*domain_fs_freeze)(virDomainPtr dom, const char **mountpoints,
                            unsigned int nmountpoints, unsigned int flags);
    int (*domain_fs_thaw)(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                          unsigned int flags);
    int (*domain_fs_trim)(virDomainPtr dom, const char *mount_point, unsigned long long minimum,
                          unsigned int flags);
    int (*domain_set_time)(virDomainPtr dom, long long seconds, unsigned int nseconds,
                           unsigned int flags);
    int (*domain_set_user_password)(virDomainPtr dom, const char *user, const char *password,
                                    unsigned int flags);
    int (*domain_send_process_signal)(virDomainPtr dom, long long pid_value, unsigned int signum,
                                      unsigned int flags);
    int (*domain_memory_peek)(virDomainPtr dom, unsigned long long start, size_t size,
                              void *buffer, unsigned int flags);
    /* Returns how many labels *seclabels (malloc'd) holds, or -1. */
    int (*domain_get_security_label_list)(virDomainPtr dom, virSecurityLabelPtr *seclabels);
    /* files: descriptors handed to the guest (none over the remote driver) */
    virDomainPtr (*domain_create_xml_with_files)(virConnectPtr conn, const char *xml,
                                                 unsigned int nfiles, int *files,
                                                 unsigned int flags);
    int (*domain_create_with_files)(virDomainPtr dom, unsigned int nfiles, int *files,
                                    unsigned int flags);
    virNetworkPtr (*network_create_xml_flags)(virConnectPtr conn, const char *xml,
                                              unsigned int flags);
    virNetworkPtr (*network_define_xml_flags)(virConnectPtr conn, const char *xml,
                                              unsigned int flags);
    /* counts: cell_count rows of npages entries */
    int (*node_get_free_pages)(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                               int start_cell, unsigned int cell_count,
                               unsigned long long *counts, unsigned int flags);
    char *(*connect_find_storage_pool_sources)(virConnectPtr conn, const char *type,
                                               const char *src_spec, unsigned int flags);
    /* host interface transactions: a snapshot of the interfaces to go back to */
    int (*interface_change_begin)(virConnectPtr conn, unsigned int flags);
    int (*interface_change_commit)(virConnectPtr conn, unsigned int flags);
    int (*interface_change_rollback)(virConnectPtr conn, unsigned int flags);
    /* path: absolute (the public API makes it so) */
    char *(*domain_save_image_get_xml_desc)(virConnectPtr conn, const char *path,
                                            unsigned int flags);
    int (*domain_save_image_define_xml)(virConnectPtr conn, const char *path, const char *dxml,
                                        unsigned int flags);
    /* *info: a malloc'd array of the returned count (virDomainFSInfoFree each) */
    int (*domain_get_fs_info)(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags);
    /* models NULL: the count only; else a NULL-terminated malloc'd list */
    int (*connect_get_cpu_model_names)(virConnectPtr conn, const char *arch, char ***models,
                                       unsigned int flags);
    int (*domain_set_lifecycle_action)(virDomainPtr dom, unsigned int type, unsigned int action,
                                       unsigned int flags);
    int (*domain_pin_emulator)(virDomainPtr dom, unsigned char *cpumap, int maplen,
                               unsigned int flags);
    /* ---- IOThreads ---- */
    /* *info: a malloc'd array of the returned count (virDomainIOThreadInfoFree each) */
    int (*domain_get_iothread_info)(virDomainPtr dom, virDomainIOThreadInfoPtr **info,
                                    unsigned int flags);
    int (*domain_pin_iothread)(virDomainPtr dom, unsigned int iothread_id, unsigned char *cpumap,
                               int maplen, unsigned int flags);
    int (*domain_add_iothread)(virDomainPtr dom, unsigned int iothread_id, unsigned int flags);
    int (*domain_del_iothread)(virDomainPtr dom, unsigned int iothread_id, unsigned int flags);
    int (*domain_set_iothread_params)(virDomainPtr dom, unsigned int iothread_id,
                                      virTypedParameterPtr params, int nparams,
                                      unsigned int flags);
    /* ---- end guest and host extras ---- */
    /* ---- snapshots: domain snapshots and checkpoints ---- */
    virDomainSnapshotPtr (*domain_snapshot_create_xml)(virDomainPtr dom, const char *xml,
                                                       unsigned int flags);
    char *(*domain_snapshot_get_xml_desc)(virDomainSnapshotPtr snap, unsigned int flags);
    int (*domain_snapshot_list_names)(virDomainPtr dom, char **names, int nameslen,
                                      unsigned int flags);
    int (*domain_list_all_snapshots)(virDomainPtr dom, virDomainSnapshotPtr **snaps,
                                     unsigned int flags);
    int (*domain_snapshot_num_children)(virDomainSnapshotPtr snap, unsigned int flags);
    int (*domain_snapshot_list_children_names)(virDomainSnapshotPtr snap, char **names,
                                               int nameslen, unsigned int flags);
    int (*domain_snapshot_list_all_children)(virDomainSnapshotPtr snap,
                                             virDomainSnapshotPtr **snaps, unsigned int flags);
    virDomainSnapshotPtr (*domain_snapshot_lookup_by_name)(virDomainPtr dom, const char *name,
                                                           unsigned int flags);
    int (*domain_has_current_snapshot)(virDomainPtr dom, unsigned int flags);
    virDomainSnapshotPtr (*domain_snapshot_current)(virDomainPtr dom, unsigned int flags);
    virDomainSnapshotPtr (*domain_snapshot_get_parent)(virDomainSnapshotPtr snap,
                                                       unsigned int flags);
    int (*domain_snapshot_is_current)(virDomainSnapshotPtr snap, unsigned int flags);
    int (*domain_snapshot_has_metadata)(virDomainSnapshotPtr snap, unsigned int flags);
    int (*domain_revert_to_snapshot)(virDomainSnapshotPtr snap, unsigned int flags);
    int (*domain_snapshot_delete)(virDomainSnapshotPtr snap, unsigned int flags);
    virDomainCheckpointPtr (*domain_checkpoint_create_xml)(virDomainPtr dom, const char *xml,
                                                           unsigned int flags);
    char *(*domain_checkpoint_get_xml_desc)(virDomainCheckpointPtr chk, unsigned int flags);
    int (*domain_list_all_checkpoints)(virDomainPtr dom, virDomainCheckpointPtr **chks,
                                       unsigned int flags);
    int (*domain_checkpoint_list_all_children)(virDomainCheckpointPtr chk,
                                               virDomainCheckpointPtr **chks,
                                               unsigned int flags);
    virDomainCheckpointPtr (*domain_checkpoint_lookup_by_name)(virDomainPtr dom,
                                                               const char *name,
                                                               unsigned int flags);
    virDomainCheckpointPtr (*domain_checkpoint_get_parent)(virDomainCheckpointPtr chk,
                                                           unsigned int flags);
    int (*domain_checkpoint_delete)(virDomainCheckpointPtr chk, unsigned int flags);
    /* ---- end snapshots ---- */
} VireoDriver;

/* Adds driver to the list virConnectOpen tries, in registration order.
 * Called at start-up (libvireo's constructor registers test then remote;
 * vireod registers only its hypervisor drivers). Not thread-safe: call
 * before any connection is opened. */
void vireo_driver_register(const VireoDriver *driver);

/* The drivers each library/daemon provides. */
extern const VireoDriver vireo_test_driver;   /* src/drivers/test */
extern const VireoDriver vireo_remote_driver; /* src/remote */

#endif /* VIREO_DRIVERS_DRIVER_H */
