/*
 * test_driver.c: the test driver's connection and host methods, and the
 * method table.
 *
 * Every answer matches libvirt 9.0's test driver: its fixed host (i686,
 * 16 cpus in 2 cells), type "TEST", version 2, the testSecurity model,
 * the real host name, and its error texts.
 */
#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "drivers/test/test_guest_host.h"
#include "drivers/test/test_iothread.h"
#include "drivers/test/test_params.h" /* params */
#include "drivers/test/test_private.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_TEST
#include "util/error.h"

#include "drivers/test/test_cpu_baseline.h" /* host CPU baseline */

static VireoDrvOpenStatus
test_connect_open(virConnectPtr conn, const VireoUri *uri, virConnectAuthPtr auth,
                  unsigned int flags)
{
    TestState *st;

    if (!uri || !uri->driver || STRNEQ(uri->driver, "test") || uri->transport || uri->server)
        return VIREO_DRV_OPEN_DECLINED;
    TEST_CHECK_FLAGS(flags, VIR_CONNECT_RO, "testConnectOpen", VIREO_DRV_OPEN_ERROR);
    if (!uri->path || !uri->path[0] || STREQ(uri->path, "/")) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s",
                         "testOpen: supply a path or use test:///default");
        return VIREO_DRV_OPEN_ERROR;
    }
    if (!(st = test_state_open(uri->path)))
        return VIREO_DRV_OPEN_ERROR;
    if (test_state_authenticate(st, auth) < 0) {
        test_state_close(st);
        return VIREO_DRV_OPEN_ERROR;
    }
    conn->driver_data = st;
    return VIREO_DRV_OPEN_SUCCESS;
}

/* Opening the default state touches memory only (a reference, or its
 * first build from the built-in XML); a state file is read from disk. */
static VireoDrvOpenStatus
test_connect_open_probe(const VireoUri *uri)
{
    if (!uri || !uri->driver || STRNEQ(uri->driver, "test") || uri->transport || uri->server)
        return VIREO_DRV_OPEN_DECLINED;
    return uri->path && STREQ(uri->path, "/default") ? VIREO_DRV_OPEN_SUCCESS
                                                     : VIREO_DRV_OPEN_ERROR;
}

static int
test_connect_close(virConnectPtr conn)
{
    test_event_conn_closed(conn); /* streams/events */
    test_state_close(conn->driver_data);
    conn->driver_data = NULL;
    return 0;
}

/* Driver features: the global ones every local driver answers the same
 * way (typed string params, network update order, fd passing) are on,
 * everything RPC- or migration-related is off. */
static int
test_connect_supports_feature(virConnectPtr conn, int feature)
{
    (void)conn;
    return feature == VIREO_DRV_FEATURE_TYPED_PARAM_STRING ||
           feature == VIREO_DRV_FEATURE_NETWORK_UPDATE_HAS_BRIDGE_ORDER ||
           feature == VIREO_DRV_FEATURE_FD_PASSING;
}

static const char *
test_connect_get_type(virConnectPtr conn)
{
    (void)conn;
    return "TEST";
}

static int
test_connect_get_version(virConnectPtr conn, unsigned long *hv_ver)
{
    (void)conn;
    *hv_ver = 2;
    return 0;
}

static int
test_connect_get_lib_version(virConnectPtr conn, unsigned long *lib_ver)
{
    (void)conn;
    *lib_ver = 9000000;
    return 0;
}

/* The host name as libvirt computes it: gethostname(), made canonical
 * through the resolver unless it is "localhost..." or already dotted. */
static char *
test_connect_get_hostname(virConnectPtr conn)
{
    char name[256];
    struct addrinfo hints = { .ai_flags = AI_CANONNAME | AI_CANONIDN, .ai_family = AF_UNSPEC };
    struct addrinfo *info = NULL;
    char *ret;

    (void)conn;
    if (gethostname(name, sizeof(name)) < 0) {
        vir_error_report_system(VIR_FROM_NONE, errno, "%s", "failed to determine host name");
        return NULL;
    }
    name[sizeof(name) - 1] = '\0';
    if (strncmp(name, "localhost", 9) == 0 || strchr(name, '.'))
        return xstrdup(name);
    if (getaddrinfo(name, NULL, &hints, &info) != 0)
        return xstrdup(name);
    if (!info->ai_canonname || strncmp(info->ai_canonname, "localhost", 9) == 0)
        ret = xstrdup(name);
    else
        ret = xstrdup(info->ai_canonname);
    freeaddrinfo(info);
    return ret;
}

static char *
test_connect_get_uri(virConnectPtr conn)
{
    return xstrdup(conn->uri);
}

static char *
test_connect_get_capabilities(virConnectPtr conn)
{
    TestState *st = test_state_of(conn);
    char *xml;

    pthread_mutex_lock(&st->lock);
    xml = test_caps_format(st);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

static char *
test_connect_get_sysinfo(virConnectPtr conn, unsigned int flags)
{
    (void)conn;
    TEST_CHECK_FLAGS(flags, 0, "testConnectGetSysinfo", NULL);
    return xstrdup("<sysinfo type='smbios'>\n"
                   "  <bios>\n"
                   "    <entry name='vendor'>LENOVO</entry>\n"
                   "    <entry name='version'>G4ETA1WW (2.61 )</entry>\n"
                   "    <entry name='date'>05/07/2014</entry>\n"
                   "    <entry name='release'>2.61</entry>\n"
                   "  </bios>\n"
                   "</sysinfo>\n");
}

static int
test_connect_get_max_vcpus(virConnectPtr conn, const char *type)
{
    (void)conn;
    (void)type;
    return 32;
}

static int
test_connect_is_one(virConnectPtr conn)
{
    (void)conn;
    return 1;
}

static int
test_connect_is_encrypted(virConnectPtr conn)
{
    (void)conn;
    return 0;
}

static int
test_node_get_info(virConnectPtr conn, virNodeInfoPtr info)
{
    TestState *st = test_state_of(conn);

    pthread_mutex_lock(&st->lock);
    *info = st->node_info;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* The sum of the cells' free memory, in KiB (libvirt's test driver
 * returns it unscaled). */
static unsigned long long
test_node_get_free_memory(virConnectPtr conn)
{
    TestState *st = test_state_of(conn);
    unsigned int total = 0;

    pthread_mutex_lock(&st->lock);
    for (int i = 0; i < st->ncells; i++)
        total += (unsigned int)st->cells[i].free_mem;
    pthread_mutex_unlock(&st->lock);
    return total;
}

static int
test_node_get_cells_free_memory(virConnectPtr conn, unsigned long long *free_mems,
                                int start_cell, int max_cells)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    pthread_mutex_lock(&st->lock);
    if (start_cell >= st->ncells) {
        pthread_mutex_unlock(&st->lock);
        vir_report_error(VIR_ERR_INVALID_ARG, "%s", "Range exceeds available cells");
        return -1;
    }
    for (int cell = start_cell < 0 ? 0 : start_cell; cell < st->ncells && n < max_cells; cell++)
        free_mems[n++] = st->cells[cell].mem;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int
test_node_get_security_model(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    (void)conn;
    memset(secmodel, 0, sizeof(*secmodel));
    memcpy(secmodel->model, "testSecurity", sizeof("testSecurity"));
    return 0;
}

const VireoDriver vireo_test_driver = {
    .name = "Test",
    .never_blocks = true,
    .connect_open = test_connect_open,
    .connect_open_probe = test_connect_open_probe,
    .connect_close = test_connect_close,
    .connect_event_register = test_connect_event_register,     /* streams/events */
    .connect_event_deregister = test_connect_event_deregister, /* streams/events */
    .domain_screenshot = test_domain_screenshot,               /* streams/events */
    .storage_vol_upload = test_storage_vol_upload,             /* streams/events */
    .storage_vol_download = test_storage_vol_download,         /* streams/events */
    .connect_supports_feature = test_connect_supports_feature,
    .connect_get_type = test_connect_get_type,
    .connect_get_version = test_connect_get_version,
    .connect_get_lib_version = test_connect_get_lib_version,
    .connect_get_hostname = test_connect_get_hostname,
    .connect_get_uri = test_connect_get_uri,
    .connect_get_capabilities = test_connect_get_capabilities,
    .connect_get_sysinfo = test_connect_get_sysinfo,
    .connect_get_max_vcpus = test_connect_get_max_vcpus,
    .connect_is_alive = test_connect_is_one,
    .connect_is_secure = test_connect_is_one,
    .connect_is_encrypted = test_connect_is_encrypted,

    .node_get_info = test_node_get_info,
    .node_get_free_memory = test_node_get_free_memory,
    .node_get_cells_free_memory = test_node_get_cells_free_memory,
    .node_get_security_model = test_node_get_security_model,

    .connect_num_of_domains = test_connect_num_of_domains,
    .connect_list_domains = test_connect_list_domains,
    .connect_num_of_defined_domains = test_connect_num_of_defined_domains,
    .connect_list_defined_domains = test_connect_list_defined_domains,
    .connect_list_all_domains = test_connect_list_all_domains,
    .domain_lookup_by_id = test_domain_lookup_by_id,
    .domain_lookup_by_name = test_domain_lookup_by_name,
    .domain_lookup_by_uuid = test_domain_lookup_by_uuid,
    .domain_get_info = test_domain_get_info,
    .domain_get_state = test_domain_get_state,
    .domain_get_os_type = test_domain_get_os_type,
    .domain_get_xml_desc = test_domain_get_xml_desc,
    .domain_get_max_memory = test_domain_get_max_memory,
    .domain_get_max_vcpus = test_domain_get_max_vcpus,
    .domain_get_vcpus_flags = test_domain_get_vcpus_flags,
    .domain_is_active = test_domain_is_active,
    .domain_is_persistent = test_domain_is_persistent,
    .domain_is_updated = test_domain_is_updated,
    .domain_get_autostart = test_domain_get_autostart,
    .domain_set_autostart = test_domain_set_autostart,
    .domain_get_security_label = test_domain_get_security_label,
    .domain_has_managed_save_image = test_domain_has_managed_save_image,
    .domain_snapshot_num = test_domain_snapshot_num,
    .domain_get_messages = test_domain_get_messages,
    .domain_define_xml_flags = test_domain_define_xml_flags,
    .domain_undefine_flags = test_domain_undefine_flags,
    .domain_create_xml = test_domain_create_xml,
    .domain_create_with_flags = test_domain_create_with_flags,
    .domain_destroy_flags = test_domain_destroy_flags,
    .domain_shutdown_flags = test_domain_shutdown_flags,
    .domain_reboot = test_domain_reboot,
    .domain_suspend = test_domain_suspend,
    .domain_resume = test_domain_resume,
    .domain_set_max_memory = test_domain_set_max_memory,
    .domain_set_memory_flags = test_domain_set_memory_flags,
    .domain_set_vcpus_flags = test_domain_set_vcpus_flags,

    .connect_num_of_networks = test_connect_num_of_networks,
    .connect_list_networks = test_connect_list_networks,
    .connect_num_of_defined_networks = test_connect_num_of_defined_networks,
    .connect_list_defined_networks = test_connect_list_defined_networks,
    .connect_list_all_networks = test_connect_list_all_networks,
    .network_lookup_by_name = test_network_lookup_by_name,
    .network_lookup_by_uuid = test_network_lookup_by_uuid,
    .network_get_xml_desc = test_network_get_xml_desc,
    .network_get_bridge_name = test_network_get_bridge_name,
    .network_is_active = test_network_is_active,
    .network_is_persistent = test_network_is_persistent,
    .network_get_autostart = test_network_get_autostart,

    .connect_num_of_storage_pools = test_connect_num_of_storage_pools,
    .connect_list_storage_pools = test_connect_list_storage_pools,
    .connect_num_of_defined_storage_pools = test_connect_num_of_defined_storage_pools,
    .connect_list_defined_storage_pools = test_connect_list_defined_storage_pools,
    .connect_list_all_storage_pools = test_connect_list_all_storage_pools,
    .storage_pool_lookup_by_name = test_storage_pool_lookup_by_name,
    .storage_pool_lookup_by_uuid = test_storage_pool_lookup_by_uuid,
    .storage_pool_lookup_by_volume = test_storage_pool_lookup_by_volume,
    .storage_pool_get_info = test_storage_pool_get_info,
    .storage_pool_get_xml_desc = test_storage_pool_get_xml_desc,
    .storage_pool_is_active = test_storage_pool_is_active,
    .storage_pool_is_persistent = test_storage_pool_is_persistent,
    .storage_pool_get_autostart = test_storage_pool_get_autostart,
    .storage_pool_num_of_volumes = test_storage_pool_num_of_volumes,
    .storage_pool_list_volumes = test_storage_pool_list_volumes,
    .storage_pool_list_all_volumes = test_storage_pool_list_all_volumes,
    .storage_vol_lookup_by_name = test_storage_vol_lookup_by_name,
    .storage_vol_lookup_by_key = test_storage_vol_lookup_by_key,
    .storage_vol_lookup_by_path = test_storage_vol_lookup_by_path,
    .storage_vol_get_info = test_storage_vol_get_info,
    .storage_vol_get_xml_desc = test_storage_vol_get_xml_desc,
    .storage_vol_get_path = test_storage_vol_get_path,
    .network_create_xml = test_network_create_xml,
    .network_define_xml = test_network_define_xml,
    .network_undefine = test_network_undefine,
    .network_create = test_network_create,
    .network_destroy = test_network_destroy,
    .network_set_autostart = test_network_set_autostart,
    .storage_pool_create_xml = test_storage_pool_create_xml,
    .storage_pool_define_xml = test_storage_pool_define_xml,
    .storage_pool_build = test_storage_pool_build,
    .storage_pool_undefine = test_storage_pool_undefine,
    .storage_pool_create = test_storage_pool_create,
    .storage_pool_destroy = test_storage_pool_destroy,
    .storage_pool_delete = test_storage_pool_delete,
    .storage_pool_refresh = test_storage_pool_refresh,
    .storage_pool_set_autostart = test_storage_pool_set_autostart,
    .storage_vol_create_xml = test_storage_vol_create_xml,
    .storage_vol_create_xml_from = test_storage_vol_create_xml_from,
    .storage_vol_delete = test_storage_vol_delete,
    .domain_managed_save = test_domain_managed_save,
    .domain_managed_save_remove = test_domain_managed_save_remove,
    .domain_save_flags = test_domain_save_flags,
    .domain_restore_flags = test_domain_restore_flags,
    .domain_rename = test_domain_rename,
    .domain_send_key = test_domain_send_key,
    .domain_inject_nmi = test_domain_inject_nmi,
    .domain_reset = test_domain_reset,
    .domain_block_stats = test_domain_block_stats, /* qemuwire */
    TEST_CPU_BASELINE_METHODS /* host CPU baseline */
    .domain_get_hostname = test_domain_get_hostname,
    .domain_get_vcpus = test_domain_get_vcpus,
    .node_get_cpu_map = test_node_get_cpu_map,
    .domain_interface_stats = test_domain_interface_stats,
    .domain_pin_vcpu = test_domain_pin_vcpu,
    .domain_pin_vcpu_flags = test_domain_pin_vcpu_flags,
    .domain_interface_addresses = test_domain_interface_addresses,
    .domain_get_vcpu_pin_info = test_domain_get_vcpu_pin_info,
    .domain_get_time = test_domain_get_time,
    .domain_get_metadata = test_domain_get_metadata,
    .domain_set_metadata = test_domain_set_metadata,
    .connect_num_of_interfaces = test_connect_num_of_interfaces,
    .connect_list_interfaces = test_connect_list_interfaces,
    .connect_num_of_defined_interfaces = test_connect_num_of_defined_interfaces,
    .connect_list_defined_interfaces = test_connect_list_defined_interfaces,
    .connect_list_all_interfaces = test_connect_list_all_interfaces,
    .interface_lookup_by_name = test_interface_lookup_by_name,
    .interface_lookup_by_mac_string = test_interface_lookup_by_mac_string,
    .interface_get_xml_desc = test_interface_get_xml_desc,
    .interface_define_xml = test_interface_define_xml,
    .interface_undefine = test_interface_undefine,
    .interface_create = test_interface_create,
    .interface_destroy = test_interface_destroy,
    .interface_is_active = test_interface_is_active,
    .node_num_of_devices = test_node_num_of_devices,
    .node_list_devices = test_node_list_devices,
    .connect_list_all_node_devices = test_connect_list_all_node_devices,
    .node_device_lookup_by_name = test_node_device_lookup_by_name,
    .node_device_get_parent = test_node_device_get_parent,
    .node_device_num_of_caps = test_node_device_num_of_caps,
    .node_device_list_caps = test_node_device_list_caps,
    .node_device_get_xml_desc = test_node_device_get_xml_desc,
    .network_update = test_network_update, /* object writes */
    .node_device_create_xml = test_node_device_create_xml, /* object writes */
    .node_device_destroy = test_node_device_destroy, /* object writes */
    .domain_core_dump = test_domain_core_dump, /* object writes */
    .domain_core_dump_with_format = test_domain_core_dump_with_format, /* object writes */
    /* snapshots */
    .domain_snapshot_create_xml = test_domain_snapshot_create_xml,
    .domain_snapshot_get_xml_desc = test_domain_snapshot_get_xml_desc,
    .domain_snapshot_list_names = test_domain_snapshot_list_names,
    .domain_list_all_snapshots = test_domain_list_all_snapshots,
    .domain_snapshot_num_children = test_domain_snapshot_num_children,
    .domain_snapshot_list_children_names = test_domain_snapshot_list_children_names,
    .domain_snapshot_list_all_children = test_domain_snapshot_list_all_children,
    .domain_snapshot_lookup_by_name = test_domain_snapshot_lookup_by_name,
    .domain_has_current_snapshot = test_domain_has_current_snapshot,
    .domain_snapshot_current = test_domain_snapshot_current,
    .domain_snapshot_get_parent = test_domain_snapshot_get_parent,
    .domain_snapshot_is_current = test_domain_snapshot_is_current,
    .domain_snapshot_has_metadata = test_domain_snapshot_has_metadata,
    .domain_revert_to_snapshot = test_domain_revert_to_snapshot,
    .domain_snapshot_delete = test_domain_snapshot_delete,
    .domain_checkpoint_create_xml = test_domain_checkpoint_create_xml,
    .domain_checkpoint_get_xml_desc = test_domain_checkpoint_get_xml_desc,
    .domain_list_all_checkpoints = test_domain_list_all_checkpoints,
    .domain_checkpoint_list_all_children = test_domain_checkpoint_list_all_children,
    .domain_checkpoint_lookup_by_name = test_domain_checkpoint_lookup_by_name,
    .domain_checkpoint_get_parent = test_domain_checkpoint_get_parent,
    .domain_checkpoint_delete = test_domain_checkpoint_delete,
    /* end snapshots */
    TEST_PARAMS_METHODS /* params: typed parameters */
    TEST_GUEST_HOST_METHODS /* guest fs, time, password, signals, peek; host extras */
    TEST_IOTHREAD_METHODS /* IOThreads */
};
