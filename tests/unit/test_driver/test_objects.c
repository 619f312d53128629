/*
 * test_objects.c: the test driver's object model beyond the foundation
 * (networks, pools and volumes that change, domain extras, interfaces,
 * node devices), method by method, with libvirt 9.0's texts. The virsh
 * and python3-libvirt suites compare the same behaviour with libvirtd end
 * to end; these pin the driver alone, including hostile save images.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "drivers/driver.h"
#include "drivers/handles.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/uri.h"

static const VireoDriver *drv = &vireo_test_driver;

static virConnectPtr
open_default(void)
{
    virConnectPtr conn = handle_connect_new();
    VireoUri *uri = NULL;

    assert_int_equal(vireo_uri_parse("test:///default", &uri), 0);
    conn->driver = drv;
    assert_int_equal(drv->connect_open(conn, uri, NULL, 0), VIREO_DRV_OPEN_SUCCESS);
    vireo_uri_free(uri);
    return conn;
}

static void
expect_error(int code, const char *message)
{
    virErrorPtr err = vir_error_current();

    if (!err || err->code != code || STRNEQ(err->message, message))
        fail_msg("got %d '%s', want %d '%s'", err ? err->code : -1,
                 err && err->message ? err->message : "(none)", code, message);
}

static const char net_xml[] =
    "<network><name>n1</name><uuid>5b2a7c1e-0d3f-4c6a-8e9b-1f2a3b4c5d6e</uuid>"
    "<bridge name='nb1'/></network>";

static void
test_networks(void **state)
{
    virConnectPtr conn = open_default();
    virNetworkPtr net = drv->network_define_xml(conn, net_xml);
    virNetworkPtr other;

    (void)state;
    assert_non_null(net);
    assert_int_equal(drv->network_is_active(net), 0);
    assert_int_equal(drv->network_create(net), 0);
    assert_int_equal(drv->network_create(net), -1);
    expect_error(VIR_ERR_OPERATION_INVALID, "Requested operation is not valid: "
                                            "Network 'n1' is already running");
    assert_int_equal(drv->network_undefine(net), -1);
    expect_error(VIR_ERR_OPERATION_INVALID, "Requested operation is not valid: "
                                            "Network 'n1' is still running");
    other = drv->network_define_xml(conn, "<network><name>n2</name>"
                                          "<uuid>5b2a7c1e-0d3f-4c6a-8e9b-1f2a3b4c5d6e</uuid>"
                                          "</network>");
    assert_null(other);
    expect_error(VIR_ERR_OPERATION_FAILED, "operation failed: network 'n1' is already "
                                           "defined with uuid 5b2a7c1e-0d3f-4c6a-8e9b-1f2a3b4c5d6e");
    assert_int_equal(drv->network_set_autostart(net, 1), 0);
    assert_int_equal(drv->network_destroy(net), 0);
    assert_int_equal(drv->network_undefine(net), 0);
    assert_int_equal(drv->network_is_active(net), -1);
    handle_network_unref(net);
    /* a transient network disappears when destroyed */
    net = drv->network_create_xml(conn, net_xml);
    assert_non_null(net);
    assert_int_equal(drv->network_is_persistent(net), 0);
    assert_int_equal(drv->network_destroy(net), 0);
    assert_null(drv->network_lookup_by_name(conn, "n1"));
    handle_network_unref(net);
    handle_connect_unref(conn);
}

static void
test_pools_and_volumes(void **state)
{
    virConnectPtr conn = open_default();
    virStoragePoolPtr pool = drv->storage_pool_define_xml(
        conn, "<pool type='dir'><name>p1</name><target><path>/p1</path></target></pool>", 0);
    virStorageVolPtr vol, clone;
    virStoragePoolInfo info;

    (void)state;
    assert_non_null(pool);
    assert_int_equal(drv->storage_pool_refresh(pool, 0), -1);
    expect_error(VIR_ERR_OPERATION_INVALID,
                 "Requested operation is not valid: storage pool 'p1' is not active");
    assert_int_equal(drv->storage_pool_build(pool, 0), 0);
    assert_int_equal(drv->storage_pool_create(pool, 0), 0);
    assert_int_equal(drv->storage_pool_build(pool, 0), -1);
    expect_error(VIR_ERR_OPERATION_INVALID,
                 "Requested operation is not valid: storage pool 'p1' is active");
    vol = drv->storage_vol_create_xml(pool, "<volume><name>v.img</name>"
                                            "<capacity unit='GiB'>10</capacity></volume>", 0);
    assert_non_null(vol);
    assert_string_equal(vol->key, "/p1/v.img");
    assert_int_equal(drv->storage_pool_get_info(pool, &info), 0);
    assert_true(info.allocation == 10ULL << 30);
    assert_null(drv->storage_vol_create_xml(pool, "<volume><name>v.img</name>"
                                                  "<capacity>1</capacity></volume>", 0));
    expect_error(VIR_ERR_OPERATION_FAILED, "operation failed: storage vol already exists");
    assert_null(drv->storage_vol_create_xml(pool, "<volume><name>big</name>"
                                                  "<capacity unit='TiB'>1</capacity></volume>",
                                            0));
    expect_error(VIR_ERR_INTERNAL_ERROR,
                 "internal error: Not enough free space in pool for volume 'big'");
    clone = drv->storage_vol_create_xml_from(pool, "<volume><name>c.img</name>"
                                                   "<capacity>1024</capacity></volume>",
                                             vol, 0);
    assert_non_null(clone);
    assert_int_equal(drv->storage_pool_num_of_volumes(pool), 2);
    assert_int_equal(drv->storage_vol_delete(vol, 0), 0);
    assert_int_equal(drv->storage_vol_delete(vol, 0), -1);
    assert_int_equal(drv->storage_pool_get_info(pool, &info), 0);
    assert_true(info.allocation == 1024);
    assert_int_equal(drv->storage_pool_undefine(pool), -1);
    assert_int_equal(drv->storage_pool_destroy(pool), 0);
    assert_int_equal(drv->storage_pool_delete(pool, 0), 0);
    assert_int_equal(drv->storage_pool_undefine(pool), 0);
    handle_vol_unref(vol);
    handle_vol_unref(clone);
    handle_pool_unref(pool);
    handle_connect_unref(conn);
}

static void
write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void
test_save_restore(void **state)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom = drv->domain_lookup_by_name(conn, "test");
    char path[] = "/tmp/vireo-save-XXXXXX";
    int fd = mkstemp(path);
    int st, reason;
    char image[15 + sizeof(int)] = "TestGuestMagic";
    int len = 1 << 30;

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(drv->domain_save_flags(dom, path, NULL, 0), 0);
    assert_int_equal(drv->domain_get_state(dom, &st, &reason, 0), 0);
    assert_int_equal(st, VIR_DOMAIN_SHUTOFF);
    assert_int_equal(reason, VIR_DOMAIN_SHUTOFF_SAVED);
    assert_int_equal(drv->domain_restore_flags(conn, path, NULL, 0), 0);
    assert_int_equal(drv->domain_get_state(dom, &st, &reason, 0), 0);
    assert_int_equal(reason, VIR_DOMAIN_RUNNING_RESTORED);
    /* hostile images: wrong magic, absurd length, truncated */
    write_file(path, "garbage-garbage-garbage", 23);
    assert_int_equal(drv->domain_restore_flags(conn, path, NULL, 0), -1);
    expect_error(VIR_ERR_INTERNAL_ERROR, "internal error: mismatched header magic");
    memcpy(image + 15, &len, sizeof(len));
    write_file(path, image, sizeof(image));
    assert_int_equal(drv->domain_restore_flags(conn, path, NULL, 0), -1);
    expect_error(VIR_ERR_INTERNAL_ERROR, "internal error: length of metadata out of range");
    len = 100;
    memcpy(image + 15, &len, sizeof(len));
    write_file(path, image, sizeof(image));
    assert_int_equal(drv->domain_restore_flags(conn, path, NULL, 0), -1);
    unlink(path);
    handle_domain_unref(dom);
    handle_connect_unref(conn);
}

static void
test_domain_extras(void **state)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom = drv->domain_lookup_by_name(conn, "test");
    long long secs;
    unsigned int nsecs;
    char *s;

    (void)state;
    assert_int_equal(drv->domain_get_time(dom, &secs, &nsecs, 0), 0);
    assert_true(secs == 627319920LL);
    s = drv->domain_get_hostname(dom, 0);
    assert_string_equal(s, "testhost");
    free(s);
    assert_null(drv->domain_get_metadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0));
    expect_error(VIR_ERR_NO_DOMAIN_METADATA,
                 "metadata not found: Requested metadata element is not present");
    assert_int_equal(drv->domain_set_metadata(dom, VIR_DOMAIN_METADATA_TITLE, "t", NULL, NULL,
                                              0), 0);
    s = drv->domain_get_metadata(dom, VIR_DOMAIN_METADATA_TITLE, NULL, 0);
    assert_string_equal(s, "t");
    free(s);
    assert_int_equal(drv->domain_rename(dom, "x", 0), -1);
    expect_error(VIR_ERR_OPERATION_INVALID,
                 "Requested operation is not valid: cannot rename active domain");
    assert_int_equal(drv->domain_managed_save(dom, 0), 0);
    assert_int_equal(drv->domain_has_managed_save_image(dom, 0), 1);
    assert_int_equal(drv->domain_inject_nmi(dom, 0), -1);
    assert_int_equal(drv->domain_managed_save_remove(dom, 0), 0);
    assert_int_equal(drv->domain_rename(dom, "renamed", 0), 0);
    handle_domain_unref(dom);
    assert_non_null(dom = drv->domain_lookup_by_name(conn, "renamed"));
    handle_domain_unref(dom);
    handle_connect_unref(conn);
}

static void
test_interfaces_and_nodedevs(void **state)
{
    virConnectPtr conn = open_default();
    virInterfacePtr iface = drv->interface_lookup_by_mac_string(conn, "AA:BB:CC:DD:EE:FF");
    virNodeDevicePtr dev;
    char *names[8] = { 0 };
    char *s;
    int n;

    (void)state;
    assert_non_null(iface);
    assert_string_equal(iface->name, "eth1");
    assert_int_equal(drv->interface_create(iface, 0), -1);
    expect_error(VIR_ERR_OPERATION_INVALID, "Requested operation is not valid");
    assert_int_equal(drv->interface_destroy(iface, 0), 0);
    assert_int_equal(drv->connect_num_of_defined_interfaces(conn), 1);
    s = drv->interface_get_xml_desc(iface, 0);
    /* libvirt's child order: mtu before protocol before mac */
    assert_true(strstr(s, "<mtu") < strstr(s, "<protocol") &&
                strstr(s, "<protocol") < strstr(s, "<mac"));
    free(s);
    handle_iface_unref(iface);
    assert_int_equal(drv->node_num_of_devices(conn, NULL, 0), 4);
    assert_int_equal(drv->node_num_of_devices(conn, "fc_host", 0), 3);
    dev = drv->node_device_lookup_by_name(conn, "scsi_host1");
    assert_non_null(dev);
    n = drv->node_device_list_caps(dev, names, 8);
    assert_int_equal(n, 1);
    assert_string_equal(names[0], "scsi_host");
    free(names[0]);
    s = drv->node_device_get_parent(dev);
    assert_string_equal(s, "computer");
    free(s);
    s = drv->node_device_get_xml_desc(dev, 0);
    assert_non_null(strstr(s, "<max_vports>0</max_vports>"));
    free(s);
    handle_nodedev_unref(dev);
    assert_null(drv->node_device_lookup_by_name(conn, "nosuch"));
    expect_error(VIR_ERR_NO_NODE_DEVICE,
                 "Node device not found: no node device with matching name 'nosuch'");
    assert_int_equal(drv->connect_list_all_node_devices(conn, NULL, 1U << 31), -1);
    handle_connect_unref(conn);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_networks),
        cmocka_unit_test(test_pools_and_volumes),
        cmocka_unit_test(test_save_restore),
        cmocka_unit_test(test_domain_extras),
        cmocka_unit_test(test_interfaces_and_nodedevs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
