/*
 * test_index.c: the test driver finds domains by name and UUID through
 * indexes; these check that the indexes stay exact through define,
 * redefine, undefine, transient create/destroy and rename, with thousands
 * of domains (lookups by name and UUID must agree with the domain list).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "drivers/driver.h"
#include "drivers/handles.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/uri.h"
#include "util/uuid.h"

#define INDEX_N 3000

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
index_unref(virDomainPtr dom)
{
    if (dom)
        handle_domain_unref(dom);
}

static void
index_uuid(int i, unsigned char *uuid, char *text)
{
    snprintf(text, VIR_UUID_STRING_BUFLEN, "%08x-1d3e-4f5a-8b6c-%012x", (unsigned)i, (unsigned)i);
    assert_int_equal(vireo_uuid_parse(text, uuid), 0);
}

static virDomainPtr
index_define(virConnectPtr conn, const char *name, int i)
{
    char uuid[VIR_UUID_STRING_BUFLEN], xml[512];
    unsigned char raw[VIR_UUID_BUFLEN];

    index_uuid(i, raw, uuid);
    snprintf(xml, sizeof(xml),
             "<domain type='test'><name>%s</name><uuid>%s</uuid><memory>8192</memory>"
             "<os><type>hvm</type></os></domain>", name, uuid);
    return drv->domain_define_xml_flags(conn, xml, 0);
}

/* name and UUID both find the domain (the same one), or both do not. */
static void
index_expect(virConnectPtr conn, const char *name, int i, bool present)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned char raw[VIR_UUID_BUFLEN];
    virDomainPtr by_name = drv->domain_lookup_by_name(conn, name);
    virDomainPtr by_uuid;

    if (present) {
        assert_non_null(by_name);
        assert_string_equal(by_name->name, name);
    } else if (by_name) {
        fail_msg("'%s' still found", name);
    } else {
        assert_int_equal(vir_error_current()->code, VIR_ERR_NO_DOMAIN);
    }
    if (i < 0) {
        index_unref(by_name);
        return;
    }
    index_uuid(i, raw, uuid);
    by_uuid = drv->domain_lookup_by_uuid(conn, raw);
    if (present) {
        assert_non_null(by_uuid);
        assert_memory_equal(by_uuid->uuid, raw, VIR_UUID_BUFLEN);
        assert_string_equal(by_uuid->name, name);
    } else {
        assert_null(by_uuid);
        assert_int_equal(vir_error_current()->code, VIR_ERR_NO_DOMAIN);
    }
    index_unref(by_name);
    index_unref(by_uuid);
}

static void
test_index_define_undefine(void **state)
{
    virConnectPtr conn = open_default();
    char name[32];
    virDomainPtr *list = NULL;
    int n;

    (void)state;
    for (int i = 0; i < INDEX_N; i++) {
        snprintf(name, sizeof(name), "idx-%05d", i);
        index_unref(index_define(conn, name, i));
    }
    /* every third goes away */
    for (int i = 0; i < INDEX_N; i += 3) {
        virDomainPtr dom;

        snprintf(name, sizeof(name), "idx-%05d", i);
        assert_non_null(dom = drv->domain_lookup_by_name(conn, name));
        assert_int_equal(drv->domain_undefine_flags(dom, 0), 0);
        index_unref(dom);
    }
    for (int i = 0; i < INDEX_N; i++) {
        snprintf(name, sizeof(name), "idx-%05d", i);
        index_expect(conn, name, i, i % 3 != 0);
    }
    /* the default domain is indexed like any other */
    index_expect(conn, "test", -1, true);
    /* redefining keeps one object under the same keys */
    index_unref(index_define(conn, "idx-00001", 1));
    index_expect(conn, "idx-00001", 1, true);
    n = drv->connect_list_all_domains(conn, &list, 0);
    assert_int_equal(n, 1 + INDEX_N - (INDEX_N + 2) / 3);
    for (int i = 0; i < n; i++) {
        virDomainPtr again = drv->domain_lookup_by_uuid(conn, list[i]->uuid);

        assert_non_null(again);
        assert_string_equal(again->name, list[i]->name);
        index_unref(again);
        index_unref(list[i]);
    }
    free(list);
    /* a name may not move to another UUID, nor a UUID to another name */
    assert_null(index_define(conn, "idx-00002", 99999));
    assert_int_equal(vir_error_current()->code, VIR_ERR_OPERATION_FAILED);
    assert_null(index_define(conn, "other", 2));
    assert_int_equal(vir_error_current()->code, VIR_ERR_OPERATION_FAILED);
    index_expect(conn, "other", -1, false);
    handle_connect_unref(conn);
}

static void
test_index_rename(void **state)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom = index_define(conn, "before", 7);
    virDomainPtr again;

    (void)state;
    assert_non_null(dom);
    assert_int_equal(drv->domain_rename(dom, "after", 0), 0);
    index_expect(conn, "before", -1, false);
    index_expect(conn, "after", 7, true);
    /* the old name is free for another domain; the new one is taken */
    again = index_define(conn, "before", 8);
    assert_non_null(again);
    index_expect(conn, "before", 8, true);
    assert_int_equal(drv->domain_rename(again, "after", 0), -1);
    assert_int_equal(vir_error_current()->code, VIR_ERR_OPERATION_INVALID);
    index_expect(conn, "before", 8, true);
    index_unref(again);
    index_unref(dom);
    /* undefining the renamed domain drops its new name */
    assert_non_null(dom = drv->domain_lookup_by_name(conn, "after"));
    assert_int_equal(drv->domain_undefine_flags(dom, 0), 0);
    index_expect(conn, "after", 7, false);
    index_unref(dom);
    handle_connect_unref(conn);
}

/* A transient domain is indexed while it runs and forgotten when it stops;
 * the state (and its indexes) is rebuilt when the last connection closes. */
static void
test_index_transient(void **state)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom;

    (void)state;
    dom = drv->domain_create_xml(conn, "<domain type='test'><name>tr</name>"
                                       "<uuid>00000005-1d3e-4f5a-8b6c-000000000005</uuid>"
                                       "<memory>8192</memory><os><type>hvm</type></os></domain>", 0);
    assert_non_null(dom);
    index_expect(conn, "tr", 5, true);
    assert_int_equal(drv->domain_destroy_flags(dom, 0), 0);
    index_expect(conn, "tr", 5, false);
    index_unref(dom);
    index_unref(index_define(conn, "gone-with-state", 6));
    handle_connect_unref(conn);
    conn = open_default();
    index_expect(conn, "gone-with-state", 6, false);
    index_expect(conn, "test", -1, true);
    handle_connect_unref(conn);
}

/* A snapshot taken before a rename brings the old name back on revert
 * (libvirt's test driver allows both); the name index follows it. */
static void
test_index_revert_after_rename(void **state)
{
    virConnectPtr conn = open_default();
    virDomainPtr dom = index_define(conn, "snapped", 9);
    virDomainSnapshotPtr snap;

    (void)state;
    assert_non_null(dom);
    snap = drv->domain_snapshot_create_xml(dom, "<domainsnapshot><name>s1</name></domainsnapshot>",
                                           0);
    assert_non_null(snap);
    assert_int_equal(drv->domain_rename(dom, "renamed", 0), 0);
    index_expect(conn, "renamed", 9, true);
    assert_int_equal(drv->domain_revert_to_snapshot(snap, 0), 0);
    index_expect(conn, "snapped", 9, true);
    index_expect(conn, "renamed", -1, false);
    handle_snapshot_unref(snap);
    handle_domain_unref(dom);
    handle_connect_unref(conn);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index_define_undefine),
        cmocka_unit_test(test_index_rename),
        cmocka_unit_test(test_index_transient),
        cmocka_unit_test(test_index_revert_after_rename),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
