/*
 * remote_driver.c: the remote driver's method table (public API -> RPC).
 *
 * Every method of driver.h is served by forwarding to the daemon; the
 * methods live in remote_client_*.c by object.
 */
#include "remote/remote_client_priv.h"
#include "remote/remote_client_cpu.h" /* host CPU baseline */
#include "remote/remote_client_event.h" /* streams/events */
#include "remote/remote_client_stream.h" /* streams/events */
#include "remote/remote_client_objects.h" /* objects helper */
#include "remote/remote_client_qemu.h" /* qemuwire */
#include "remote/remote_client_params.h" /* params */
#include "remote/remote_client_object_write.h" /* object writes */
#include "remote/remote_client_monitor.h" /* domain monitor queries */
#include "remote/remote_client_guest_host.h" /* guest and host extras */
#include "remote/remote_client_iothread.h" /* IOThreads */
#include "remote/remote_client_snapshot.h" /* snapshots */

const VireoDriver vireo_remote_driver = {
    .name = "remote",

    .connect_open = remote_client_connect_open,
    .connect_close = remote_client_connect_close,
    /* streams/events */
    .connect_event_register = remote_client_connect_event_register,
    .connect_event_deregister = remote_client_connect_event_deregister,
    .connect_set_keepalive = remote_client_connect_set_keepalive,
    .connect_register_close_callback = remote_client_connect_register_close_callback,
    .connect_unregister_close_callback = remote_client_connect_unregister_close_callback,
    .domain_screenshot = remote_client_domain_screenshot,
    .storage_vol_upload = remote_client_storage_vol_upload,
    .storage_vol_download = remote_client_storage_vol_download,
    .domain_open_console = remote_client_domain_open_console,
    .connect_supports_feature = remote_client_connect_supports_feature,
    .connect_get_type = remote_client_connect_get_type,
    .connect_get_version = remote_client_connect_get_version,
    .connect_get_lib_version = remote_client_connect_get_lib_version,
    .connect_get_hostname = remote_client_connect_get_hostname,
    .connect_get_uri = remote_client_connect_get_uri,
    .connect_get_capabilities = remote_client_connect_get_capabilities,
    .connect_get_sysinfo = remote_client_connect_get_sysinfo,
    .connect_get_max_vcpus = remote_client_connect_get_max_vcpus,
    .connect_is_alive = remote_client_connect_is_alive,
    .connect_is_secure = remote_client_connect_is_secure,
    .connect_is_encrypted = remote_client_connect_is_encrypted,

    .node_get_info = remote_client_node_get_info,
    .node_get_free_memory = remote_client_node_get_free_memory,
    .node_get_cells_free_memory = remote_client_node_get_cells_free_memory,
    .node_get_security_model = remote_client_node_get_security_model,

    .connect_num_of_domains = remote_client_connect_num_of_domains,
    .connect_list_domains = remote_client_connect_list_domains,
    .connect_num_of_defined_domains = remote_client_connect_num_of_defined_domains,
    .connect_list_defined_domains = remote_client_connect_list_defined_domains,
    .connect_list_all_domains = remote_client_connect_list_all_domains,
    .domain_lookup_by_id = remote_client_domain_lookup_by_id,
    .domain_lookup_by_name = remote_client_domain_lookup_by_name,
    .domain_lookup_by_uuid = remote_client_domain_lookup_by_uuid,
    .domain_get_info = remote_client_domain_get_info,
    .domain_get_state = remote_client_domain_get_state,
    .domain_get_os_type = remote_client_domain_get_os_type,
    .domain_get_xml_desc = remote_client_domain_get_xml_desc,
    .domain_get_max_memory = remote_client_domain_get_max_memory,
    .domain_get_max_vcpus = remote_client_domain_get_max_vcpus,
    .domain_get_vcpus_flags = remote_client_domain_get_vcpus_flags,
    .domain_is_active = remote_client_domain_is_active,
    .domain_is_persistent = remote_client_domain_is_persistent,
    .domain_is_updated = remote_client_domain_is_updated,
    .domain_get_autostart = remote_client_domain_get_autostart,
    .domain_set_autostart = remote_client_domain_set_autostart,
    .domain_get_security_label = remote_client_domain_get_security_label,
    .domain_has_managed_save_image = remote_client_domain_has_managed_save_image,
    .domain_snapshot_num = remote_client_domain_snapshot_num,
    .domain_get_messages = remote_client_domain_get_messages,
    .domain_define_xml_flags = remote_client_domain_define_xml_flags,
    .domain_undefine_flags = remote_client_domain_undefine_flags,
    .domain_create_xml = remote_client_domain_create_xml,
    .domain_create_with_flags = remote_client_domain_create_with_flags,
    .domain_destroy_flags = remote_client_domain_destroy_flags,
    .domain_shutdown_flags = remote_client_domain_shutdown_flags,
    .domain_reboot = remote_client_domain_reboot,
    .domain_suspend = remote_client_domain_suspend,
    .domain_resume = remote_client_domain_resume,
    .domain_set_max_memory = remote_client_domain_set_max_memory,
    .domain_set_memory_flags = remote_client_domain_set_memory_flags,
    .domain_set_vcpus_flags = remote_client_domain_set_vcpus_flags,

    .connect_num_of_networks = remote_client_connect_num_of_networks,
    .connect_list_networks = remote_client_connect_list_networks,
    .connect_num_of_defined_networks = remote_client_connect_num_of_defined_networks,
    .connect_list_defined_networks = remote_client_connect_list_defined_networks,
    .connect_list_all_networks = remote_client_connect_list_all_networks,
    .network_lookup_by_name = remote_client_network_lookup_by_name,
    .network_lookup_by_uuid = remote_client_network_lookup_by_uuid,
    .network_get_xml_desc = remote_client_network_get_xml_desc,
    .network_get_bridge_name = remote_client_network_get_bridge_name,
    .network_is_active = remote_client_network_is_active,
    .network_is_persistent = remote_client_network_is_persistent,
    .network_get_autostart = remote_client_network_get_autostart,

    .connect_num_of_storage_pools = remote_client_connect_num_of_storage_pools,
    .connect_list_storage_pools = remote_client_connect_list_storage_pools,
    .connect_num_of_defined_storage_pools = remote_client_connect_num_of_defined_storage_pools,
    .connect_list_defined_storage_pools = remote_client_connect_list_defined_storage_pools,
    .connect_list_all_storage_pools = remote_client_connect_list_all_storage_pools,
    .storage_pool_lookup_by_name = remote_client_storage_pool_lookup_by_name,
    .storage_pool_lookup_by_uuid = remote_client_storage_pool_lookup_by_uuid,
    .storage_pool_lookup_by_volume = remote_client_storage_pool_lookup_by_volume,
    .storage_pool_get_info = remote_client_storage_pool_get_info,
    .storage_pool_get_xml_desc = remote_client_storage_pool_get_xml_desc,
    .storage_pool_is_active = remote_client_storage_pool_is_active,
    .storage_pool_is_persistent = remote_client_storage_pool_is_persistent,
    .storage_pool_get_autostart = remote_client_storage_pool_get_autostart,
    .storage_pool_num_of_volumes = remote_client_storage_pool_num_of_volumes,
    .storage_pool_list_volumes = remote_client_storage_pool_list_volumes,
    .storage_pool_list_all_volumes = remote_client_storage_pool_list_all_volumes,
    .connect_get_storage_pool_capabilities = remote_client_connect_get_storage_pool_capabilities,
    .storage_vol_lookup_by_name = remote_client_storage_vol_lookup_by_name,
    .storage_vol_lookup_by_key = remote_client_storage_vol_lookup_by_key,
    .storage_vol_lookup_by_path = remote_client_storage_vol_lookup_by_path,
    .storage_vol_get_info = remote_client_storage_vol_get_info,
    .storage_vol_get_xml_desc = remote_client_storage_vol_get_xml_desc,
    .storage_vol_get_path = remote_client_storage_vol_get_path,
    REMOTE_CLIENT_CPU_METHODS /* host CPU baseline */
    REMOTE_CLIENT_OBJECTS_METHODS /* objects helper */
    REMOTE_CLIENT_QEMU_METHODS /* qemuwire */
    REMOTE_CLIENT_PARAMS_METHODS /* params */
    REMOTE_CLIENT_OBJECT_WRITE_METHODS /* object writes */
    REMOTE_CLIENT_MONITOR_METHODS /* domain monitor queries */
    REMOTE_CLIENT_GUEST_HOST_METHODS /* guest and host extras */
    REMOTE_CLIENT_IOTHREAD_METHODS /* IOThreads */
    /* snapshots */
    .domain_snapshot_create_xml = remote_client_domain_snapshot_create_xml,
    .domain_snapshot_get_xml_desc = remote_client_domain_snapshot_get_xml_desc,
    .domain_snapshot_list_names = remote_client_domain_snapshot_list_names,
    .domain_list_all_snapshots = remote_client_domain_list_all_snapshots,
    .domain_snapshot_num_children = remote_client_domain_snapshot_num_children,
    .domain_snapshot_list_children_names = remote_client_domain_snapshot_list_children_names,
    .domain_snapshot_list_all_children = remote_client_domain_snapshot_list_all_children,
    .domain_snapshot_lookup_by_name = remote_client_domain_snapshot_lookup_by_name,
    .domain_has_current_snapshot = remote_client_domain_has_current_snapshot,
    .domain_snapshot_current = remote_client_domain_snapshot_current,
    .domain_snapshot_get_parent = remote_client_domain_snapshot_get_parent,
    .domain_snapshot_is_current = remote_client_domain_snapshot_is_current,
    .domain_snapshot_has_metadata = remote_client_domain_snapshot_has_metadata,
    .domain_revert_to_snapshot = remote_client_domain_revert_to_snapshot,
    .domain_snapshot_delete = remote_client_domain_snapshot_delete,
    .domain_checkpoint_create_xml = remote_client_domain_checkpoint_create_xml,
    .domain_checkpoint_get_xml_desc = remote_client_domain_checkpoint_get_xml_desc,
    .domain_list_all_checkpoints = remote_client_domain_list_all_checkpoints,
    .domain_checkpoint_list_all_children = remote_client_domain_checkpoint_list_all_children,
    .domain_checkpoint_lookup_by_name = remote_client_domain_checkpoint_lookup_by_name,
    .domain_checkpoint_get_parent = remote_client_domain_checkpoint_get_parent,
    .domain_checkpoint_delete = remote_client_domain_checkpoint_delete,
    /* end snapshots */
};
