/*
 * test_handles.c: reference counting of connections and object handles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <cmocka.h>

#include "drivers/registry.h"
#include "fake_driver.h"

static void
quiet_handler(void *data, virErrorPtr err)
{
}

static int
setup(void **state)
{
    vireo_driver_registry_reset();
    vireo_driver_register(&fake_driver);
    vireo_driver_register(&fake_driver); /* a second registration is ignored */
    assert_int_equal(vireo_driver_count(), 1);
    assert_ptr_equal(vireo_driver_get(0), &fake_driver);
    assert_null(vireo_driver_get(1));
    virSetErrorFunc(NULL, quiet_handler);
    fake_reset();
    return 0;
}

static void
test_handles_hold_connection(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///x");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virNetworkPtr net = virNetworkLookupByName(conn, "default");
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "pool");
    virStorageVolPtr vol = virStorageVolLookupByName(pool, "vol");

    assert_non_null(dom);
    assert_non_null(net);
    assert_non_null(pool);
    assert_non_null(vol);
    assert_int_equal(atomic_load(&conn->refs), 5);
    assert_string_equal(virStorageVolGetName(vol), "vol");
    assert_string_equal(virStorageVolGetKey(vol), "/key");
    assert_string_equal(vol->pool, "pool");
    assert_string_equal(virNetworkGetName(net), "default");
    assert_string_equal(virStoragePoolGetName(pool), "pool");

    /* Closing the application's reference leaves the connection alive. */
    assert_int_equal(virConnectClose(conn), 1);
    assert_int_equal(fake_log.closes, 0);
    assert_int_equal(virDomainRef(dom), 0);
    assert_int_equal(virDomainFree(dom), 0);
    assert_int_equal(virDomainFree(dom), 0);
    assert_int_equal(virNetworkFree(net), 0);
    assert_int_equal(virStorageVolFree(vol), 0);
    assert_int_equal(fake_log.closes, 0);
    /* The last handle closes the connection, exactly once. */
    assert_int_equal(virStoragePoolFree(pool), 0);
    assert_int_equal(fake_log.closes, 1);
}

static void
test_connect_ref(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///x");

    assert_int_equal(virConnectRef(conn), 0);
    assert_int_equal(virConnectClose(conn), 1);
    assert_int_equal(virConnectClose(conn), 0);
    assert_int_equal(fake_log.closes, 1);
}

static void
test_handle_new_copies(void **state)
{
    virConnectPtr conn = handle_connect_new();
    unsigned char uuid[VIR_UUID_BUFLEN] = { 9 };
    char name[] = "dom";
    virDomainPtr dom = handle_domain_new(conn, name, uuid, 3);

    name[0] = 'X';
    uuid[0] = 0;
    assert_string_equal(dom->name, "dom");
    assert_int_equal(dom->uuid[0], 9);
    assert_int_equal(dom->id, 3);
    assert_int_equal(handle_connect_unref(conn), 1); /* dom still holds it */
    assert_int_equal(handle_domain_unref(dom), 0);   /* frees conn; no driver to close */
}

static void *
ref_worker(void *arg)
{
    virDomainPtr dom = arg;

    for (int i = 0; i < 10000; i++) {
        virDomainRef(dom);
        virDomainFree(dom);
    }
    return NULL;
}

static void
test_concurrent_refs(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///x");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    pthread_t threads[4];

    for (int i = 0; i < 4; i++)
        pthread_create(&threads[i], NULL, ref_worker, dom);
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    assert_int_equal(atomic_load(&dom->refs), 1);
    virDomainFree(dom);
    assert_int_equal(virConnectClose(conn), 0);
    assert_int_equal(fake_log.closes, 1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_handles_hold_connection, setup),
        cmocka_unit_test_setup(test_connect_ref, setup),
        cmocka_unit_test_setup(test_handle_new_copies, setup),
        cmocka_unit_test_setup(test_concurrent_refs, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
