/*
 * test_client.c: the public API layer over a fake driver: opening, errors
 * with libvirt's texts, the read-only table, compatibility wrappers.
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

#include "client/client.h"
#include "drivers/registry.h"
#include "fake_driver.h"

static int handler_calls;

static void
quiet_handler(void *data, virErrorPtr err)
{
    handler_calls++;
}

static int
setup(void **state)
{
    vireo_driver_registry_reset();
    vireo_driver_register(&fake_driver);
    virSetErrorFunc(NULL, quiet_handler); /* keep stderr clean */
    fake_reset();
    return 0;
}

static void
expect_error(int code, int domain, const char *message)
{
    virErrorPtr err = virGetLastError();

    assert_non_null(err);
    assert_int_equal(err->code, code);
    assert_int_equal(err->domain, domain);
    assert_string_equal(err->message, message);
}

/* ---- opening ------------------------------------------------------------- */

static void
test_open(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///x");
    char *uri;
    unsigned long ver = 0;

    assert_non_null(conn);
    assert_null(virGetLastError());
    assert_int_equal(fake_log.opens, 1);
    uri = virConnectGetURI(conn);
    assert_string_equal(uri, "fake:///x");
    free(uri);
    assert_string_equal(virConnectGetType(conn), "Fake"); /* no get_type: the name */
    assert_int_equal(virConnectGetVersion(conn, &ver), 0);
    assert_int_equal(ver, 2);
    assert_int_equal(virConnectGetLibVersion(conn, &ver), 0);
    assert_int_equal(ver, LIBVIR_VERSION_NUMBER);
    assert_int_equal(virConnectClose(conn), 0);
    assert_int_equal(fake_log.closes, 1);
}

static void
test_open_failures(void **state)
{
    assert_null(virConnectOpen("nope:///system"));
    expect_error(VIR_ERR_NO_CONNECT, VIR_FROM_NONE,
                 "no connection driver available for nope:///system");

    assert_null(virConnectOpen("fake:///a b"));
    expect_error(VIR_ERR_INTERNAL_ERROR, VIR_FROM_URI,
                 "internal error: Unable to parse URI fake:///a b");

    char *huge = malloc(VIREO_URI_MAX + 100);
    memset(huge, 'a', VIREO_URI_MAX + 99);
    memcpy(huge, "fake:///", 8);
    huge[VIREO_URI_MAX + 99] = '\0';
    assert_null(virConnectOpen(huge));
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INTERNAL_ERROR);
    assert_int_equal(strlen(virGetLastErrorMessage()),
                     strlen("internal error: Unable to parse URI ") + 256 + 3);
    free(huge);

    assert_null(virConnectOpen("default"));
    expect_error(VIR_ERR_NO_CONNECT, VIR_FROM_NONE,
                 "no connection driver available for URI 'default' does not include a driver "
                 "name");

    assert_null(virConnectOpen("fakeerr:///p"));
    expect_error(VIR_ERR_OPERATION_FAILED, VIR_FROM_TEST, "operation failed: cannot open '/p'");
    assert_int_equal(fake_log.closes, 0); /* a failed open is not closed */

    /* Unknown open flags reach the driver untouched. */
    virConnectPtr conn = virConnectOpenAuth("fake:///x", virConnectAuthPtrDefault, 0x6);
    assert_non_null(conn);
    assert_int_equal(conn->flags, 0x6);
    virConnectClose(conn);
}

static void
test_open_default(void **state)
{
    virConnectPtr conn;

    setenv("LIBVIRT_DEFAULT_URI", "fake:///env", 1);
    conn = virConnectOpen(NULL);
    assert_non_null(conn);
    assert_string_equal(conn->uri, "fake:///env");
    virConnectClose(conn);
    conn = virConnectOpenReadOnly("");
    assert_non_null(conn);
    assert_true(conn->flags & VIR_CONNECT_RO);
    virConnectClose(conn);

    /* No URI anywhere: qemu:///system, which only the fake driver declines. */
    unsetenv("LIBVIRT_DEFAULT_URI");
    assert_null(virConnectOpen(NULL));
    expect_error(VIR_ERR_NO_CONNECT, VIR_FROM_NONE, "no connection driver available for <null>");
}

/* ---- argument and handle checks ------------------------------------------ */

static void
test_invalid_handles(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///x");
    unsigned long ver;

    assert_int_equal(virConnectClose(NULL), -1);
    expect_error(VIR_ERR_INVALID_CONN, VIR_FROM_NONE,
                 "invalid connection pointer in virConnectClose");
    assert_null(virConnectGetType(NULL));
    expect_error(VIR_ERR_INVALID_CONN, VIR_FROM_DOMAIN,
                 "invalid connection pointer in virConnectGetType");
    assert_null(virNetworkLookupByName(NULL, "x"));
    expect_error(VIR_ERR_INVALID_CONN, VIR_FROM_NETWORK,
                 "invalid connection pointer in virNetworkLookupByName");
    assert_null(virDomainGetName(NULL));
    expect_error(VIR_ERR_INVALID_DOMAIN, VIR_FROM_DOM,
                 "invalid domain pointer in virDomainGetName");
    assert_int_equal(virDomainGetID(NULL), (unsigned int)-1);
    assert_null(virNetworkGetName(NULL));
    expect_error(VIR_ERR_INVALID_NETWORK, VIR_FROM_NETWORK,
                 "invalid network pointer in virNetworkGetName");
    assert_int_equal(virStoragePoolFree(NULL), -1);
    expect_error(VIR_ERR_INVALID_STORAGE_POOL, VIR_FROM_STORAGE,
                 "invalid storage pool pointer in virStoragePoolFree");
    assert_null(virStorageVolGetKey(NULL));
    expect_error(VIR_ERR_INVALID_STORAGE_VOL, VIR_FROM_STORAGE,
                 "invalid storage volume pointer in virStorageVolGetKey");

    assert_null(virDomainLookupByName(conn, NULL));
    expect_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "name in virDomainLookupByName must not be NULL");
    assert_null(virDomainLookupByID(conn, -3));
    expect_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "id in virDomainLookupByID must be zero or greater");
    assert_null(virDomainLookupByUUIDString(conn, "not-a-uuid"));
    expect_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN, "Invalid UUID");
    assert_null(virNetworkLookupByUUIDString(conn, "zz"));
    expect_error(VIR_ERR_INVALID_ARG, VIR_FROM_NETWORK,
                 "uuidstr in virNetworkLookupByUUIDString must be a valid UUID");
    assert_int_equal(virConnectGetVersion(conn, NULL), -1);
    expect_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "hvVer in virConnectGetVersion must not be NULL");
    assert_int_equal(virConnectListDomains(conn, NULL, 3), -1);
    expect_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "ids in virConnectListDomains must not be NULL");
    assert_int_equal(virNodeGetCellsFreeMemory(conn, (unsigned long long *)&ver, 0, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "maxCells in virNodeGetCellsFreeMemory must be greater than zero");
    assert_int_equal(fake_log.calls, 0); /* nothing reached the driver */
    virConnectClose(conn);
}

static void
test_no_support_and_driver_errors(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///x");
    virDomainPtr dom = virDomainLookupByName(conn, "test");

    assert_non_null(dom);
    assert_null(virDomainGetOSType(dom));
    expect_error(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN,
                 "this function is not supported by the connection driver: virDomainGetOSType");
    assert_int_equal(virDomainSnapshotNum(dom, 0), -1);
    expect_error(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN_SNAPSHOT,
                 "this function is not supported by the connection driver: virDomainSnapshotNum");
    assert_null(virConnectGetHostname(conn));
    expect_error(VIR_ERR_NO_SUPPORT, VIR_FROM_DOMAIN,
                 "this function is not supported by the connection driver: "
                 "virConnectGetHostname");
    assert_int_equal(virNetworkIsActive(NULL), -1);
    assert_int_equal(virStoragePoolGetInfo(NULL, NULL), -1);

    /* A driver error passes through unchanged and reaches the connection. */
    handler_calls = 0;
    assert_null(virDomainLookupByName(conn, "nosuch"));
    expect_error(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    assert_int_equal(handler_calls, 1);
    assert_int_equal(virConnGetLastError(conn)->code, VIR_ERR_NO_DOMAIN);
    assert_int_equal(virDomainResume(dom), -1);
    expect_error(VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                 "Requested operation is not valid: domain is not paused");

    /* A driver that fails silently still leaves an error behind. */
    assert_int_equal(virConnectNumOfDomains(conn), -1);
    expect_error(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE,
                 "An error occurred, but the cause is unknown");

    /* Success resets the error. */
    assert_int_equal(virDomainSuspend(dom), 0);
    assert_null(virGetLastError());
    virDomainFree(dom);
    virConnectClose(conn);
}

static void
test_conn_error_functions(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///x");
    virError copy;
    int calls_before;

    virConnSetErrorFunc(conn, NULL, quiet_handler);
    calls_before = handler_calls;
    assert_null(virDomainLookupByName(conn, "nosuch"));
    assert_int_equal(handler_calls, calls_before + 1);
    assert_int_equal(virConnCopyLastError(conn, &copy), VIR_ERR_NO_DOMAIN);
    assert_string_equal(copy.message, "Domain not found");
    virResetError(&copy);
    virConnResetLastError(conn);
    assert_int_equal(virConnCopyLastError(conn, &copy), VIR_ERR_OK);
    assert_int_equal(virConnCopyLastError(NULL, &copy), -1);
    assert_null(virConnGetLastError(NULL));
    virConnSetErrorFunc(NULL, NULL, NULL);
    virConnResetLastError(NULL);
    virConnectClose(conn);
}

/* ---- compatibility wrappers ---------------------------------------------- */

static void
test_wrappers(void **state)
{
    virConnectPtr conn = virConnectOpen("fake:///x");
    virDomainPtr dom = virDomainLookupByName(conn, "test");
    virDomainPtr def;
    char uuid[VIR_UUID_STRING_BUFLEN];

    assert_int_equal(virDomainGetID(dom), 1);
    assert_int_equal(virDomainCreate(dom), 0);
    assert_string_equal(fake_log.method, "domain_create_with_flags");
    assert_int_equal(fake_log.flags, 0);
    assert_int_equal(virDomainGetID(dom), 5); /* the driver refreshed the id */

    assert_int_equal(virDomainSetMemory(dom, 1024), 0);
    assert_string_equal(fake_log.method, "domain_set_memory_flags");
    assert_int_equal(fake_log.flags, VIR_DOMAIN_AFFECT_LIVE);
    assert_int_equal(fake_log.value, 1024);
    assert_int_equal(virDomainSetMemory(dom, 0), -1);
    expect_error(VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "memory in virDomainSetMemory must not be zero");

    assert_int_equal(virDomainSetVcpus(dom, 3), 0);
    assert_string_equal(fake_log.method, "domain_set_vcpus_flags");
    assert_int_equal(fake_log.flags, VIR_DOMAIN_AFFECT_LIVE);
    assert_int_equal(fake_log.value, 3);

    assert_int_equal(virDomainDestroy(dom), 0);
    assert_string_equal(fake_log.method, "domain_destroy_flags");
    assert_int_equal(virDomainShutdown(dom), 0);
    assert_string_equal(fake_log.method, "domain_shutdown_flags");
    assert_int_equal(virDomainUndefine(dom), 0);
    assert_string_equal(fake_log.method, "domain_undefine_flags");

    def = virDomainDefineXML(conn, "<domain/>");
    assert_non_null(def);
    assert_string_equal(fake_log.method, "domain_define_xml_flags");
    assert_int_equal(fake_log.flags, 0);
    assert_int_equal(virDomainGetID(def), (unsigned int)-1);
    virDomainFree(def);

    def = virDomainLookupByUUIDString(conn, "01020304-0506-0708-090a-0b0c0d0e0f10");
    assert_non_null(def);
    assert_string_equal(fake_log.method, "domain_lookup_by_uuid");
    assert_int_equal(virDomainGetUUIDString(def, uuid), 0);
    assert_string_equal(uuid, "01020304-0506-0708-090a-0b0c0d0e0f10");
    assert_ptr_equal(virDomainGetConnect(def), conn);
    virDomainFree(def);
    virDomainFree(dom);
    virConnectClose(conn);
}

/* ---- the read-only table ------------------------------------------------- */

typedef struct {
    virConnectPtr conn;
    virDomainPtr dom;
} Target;

/* Each calls one public API and returns true when it failed. */
typedef bool (*Thunk)(Target *t, unsigned int flags);

static bool
free_dom(virDomainPtr d)
{
    if (d)
        virDomainFree(d);
    return d == NULL;
}

static bool th_define(Target *t, unsigned int f) { return free_dom(virDomainDefineXML(t->conn, "<x/>")); }
static bool th_define_flags(Target *t, unsigned int f) { return free_dom(virDomainDefineXMLFlags(t->conn, "<x/>", f)); }
static bool th_undefine(Target *t, unsigned int f) { return virDomainUndefine(t->dom) < 0; }
static bool th_undefine_flags(Target *t, unsigned int f) { return virDomainUndefineFlags(t->dom, f) < 0; }
static bool th_create_xml(Target *t, unsigned int f) { return free_dom(virDomainCreateXML(t->conn, "<x/>", f)); }
static bool th_create(Target *t, unsigned int f) { return virDomainCreate(t->dom) < 0; }
static bool th_create_flags(Target *t, unsigned int f) { return virDomainCreateWithFlags(t->dom, f) < 0; }
static bool th_destroy(Target *t, unsigned int f) { return virDomainDestroy(t->dom) < 0; }
static bool th_destroy_flags(Target *t, unsigned int f) { return virDomainDestroyFlags(t->dom, f) < 0; }
static bool th_shutdown(Target *t, unsigned int f) { return virDomainShutdown(t->dom) < 0; }
static bool th_shutdown_flags(Target *t, unsigned int f) { return virDomainShutdownFlags(t->dom, f) < 0; }
static bool th_reboot(Target *t, unsigned int f) { return virDomainReboot(t->dom, f) < 0; }
static bool th_suspend(Target *t, unsigned int f) { return virDomainSuspend(t->dom) < 0; }
static bool th_resume(Target *t, unsigned int f) { return virDomainResume(t->dom) < 0; }
static bool th_set_autostart(Target *t, unsigned int f) { return virDomainSetAutostart(t->dom, 1) < 0; }
static bool th_set_memory(Target *t, unsigned int f) { return virDomainSetMemory(t->dom, 4096) < 0; }
static bool th_set_max_memory(Target *t, unsigned int f) { return virDomainSetMaxMemory(t->dom, 4096) < 0; }
static bool th_set_memory_flags(Target *t, unsigned int f) { return virDomainSetMemoryFlags(t->dom, 4096, f) < 0; }
static bool th_set_vcpus(Target *t, unsigned int f) { return virDomainSetVcpus(t->dom, 2) < 0; }
static bool th_set_vcpus_flags(Target *t, unsigned int f) { return virDomainSetVcpusFlags(t->dom, 2, f) < 0; }

static bool
th_xml_desc(Target *t, unsigned int f)
{
    char *xml = virDomainGetXMLDesc(t->dom, f);

    free(xml);
    return xml == NULL;
}

static bool th_vcpus_flags(Target *t, unsigned int f) { return virDomainGetVcpusFlags(t->dom, f) < 0; }

typedef struct {
    const char *api;
    Thunk call;
    const char *driver_method; /* what a writable connection reaches */
    bool driver_fails;         /* the fake driver's method reports an error */
} ThunkEntry;

static const ThunkEntry thunks[] = {
    { "virDomainDefineXML", th_define, "domain_define_xml_flags", false },
    { "virDomainDefineXMLFlags", th_define_flags, "domain_define_xml_flags", false },
    { "virDomainUndefine", th_undefine, "domain_undefine_flags", false },
    { "virDomainUndefineFlags", th_undefine_flags, "domain_undefine_flags", false },
    { "virDomainCreateXML", th_create_xml, "domain_create_xml", false },
    { "virDomainCreate", th_create, "domain_create_with_flags", false },
    { "virDomainCreateWithFlags", th_create_flags, "domain_create_with_flags", false },
    { "virDomainDestroy", th_destroy, "domain_destroy_flags", false },
    { "virDomainDestroyFlags", th_destroy_flags, "domain_destroy_flags", false },
    { "virDomainShutdown", th_shutdown, "domain_shutdown_flags", false },
    { "virDomainShutdownFlags", th_shutdown_flags, "domain_shutdown_flags", false },
    { "virDomainReboot", th_reboot, "domain_reboot", false },
    { "virDomainSuspend", th_suspend, "domain_suspend", false },
    { "virDomainResume", th_resume, "domain_resume", true },
    { "virDomainSetAutostart", th_set_autostart, "domain_set_autostart", false },
    { "virDomainSetMemory", th_set_memory, "domain_set_memory_flags", false },
    { "virDomainSetMaxMemory", th_set_max_memory, "domain_set_max_memory", false },
    { "virDomainSetMemoryFlags", th_set_memory_flags, "domain_set_memory_flags", false },
    { "virDomainSetVcpus", th_set_vcpus, "domain_set_vcpus_flags", false },
    { "virDomainSetVcpusFlags", th_set_vcpus_flags, "domain_set_vcpus_flags", false },
    { "virDomainGetXMLDesc", th_xml_desc, "domain_get_xml_desc", false },
    { "virDomainGetVcpusFlags", th_vcpus_flags, "domain_get_vcpus_flags", false },
};

static const ThunkEntry *
thunk_find(const char *api)
{
    for (size_t i = 0; i < sizeof(thunks) / sizeof(thunks[0]); i++)
        if (strcmp(thunks[i].api, api) == 0)
            return &thunks[i];
    return NULL;
}

static void
open_target(Target *t, const char *name, bool ro)
{
    t->conn = ro ? virConnectOpenReadOnly(name) : virConnectOpen(name);
    assert_non_null(t->conn);
    t->dom = virDomainLookupByName(t->conn, "test");
    assert_non_null(t->dom);
}

static void
close_target(Target *t)
{
    virDomainFree(t->dom);
    assert_int_equal(virConnectClose(t->conn), 0);
}

static void
test_readonly_table(void **state)
{
    Target ro, rw;
    size_t n = 0;
    const char *api;
    int domain;
    unsigned int only;

    open_target(&ro, "fake:///x", true);
    open_target(&rw, "fake:///x", false);
    for (size_t i = 0; (api = client_write_api_name(i, &domain, &only)); i++, n++) {
        const ThunkEntry *th = thunk_find(api);
        char want[256];

        print_message("read-only check: %s\n", api);
        assert_non_null(th); /* every table entry is exercised */
        if (strcmp(api, "virDomainGetXMLDesc") == 0)
            snprintf(want, sizeof(want), "operation forbidden: virDomainGetXMLDesc with secure flag");
        else
            snprintf(want, sizeof(want), "operation forbidden: read only access prevents %s", api);

        /* Read-only: refused before the driver, in the family's domain. */
        fake_reset();
        assert_true(th->call(&ro, only ? only : 0));
        expect_error(VIR_ERR_OPERATION_DENIED, domain, want);
        assert_int_equal(fake_log.calls, 0);
        assert_int_equal(virConnGetLastError(ro.conn)->code, VIR_ERR_OPERATION_DENIED);

        /* A flag-dependent entry lets the harmless form through. */
        if (only) {
            fake_reset();
            assert_false(th->call(&ro, 0));
            assert_string_equal(fake_log.method, th->driver_method);
        }

        /* Writable: the driver's method runs. */
        fake_reset();
        assert_int_equal(th->call(&rw, only ? only : 0), th->driver_fails);
        assert_int_equal(fake_log.calls, 1);
        assert_string_equal(fake_log.method, th->driver_method);
    }
    assert_int_equal(n, sizeof(thunks) / sizeof(thunks[0]));

    /* Reads pass on a read-only connection. */
    virDomainInfo info;
    assert_int_equal(virDomainGetInfo(ro.dom, &info), 0);
    assert_int_equal(info.state, VIR_DOMAIN_RUNNING);
    close_target(&ro);
    close_target(&rw);
}

/* ---- the default authentication callback -------------------------------- */

static void
test_auth_default(void **state)
{
    virConnectCredential cred[4] = {
        { .type = VIR_CRED_AUTHNAME, .prompt = "User" },
        { .type = VIR_CRED_ECHOPROMPT, .prompt = "Realm", .defresult = "dflt" },
        { .type = VIR_CRED_PASSPHRASE, .prompt = "Password" },
        { .type = VIR_CRED_EXTERNAL, .challenge = "PolicyKit" },
    };
    virConnectCredential bad = { .type = VIR_CRED_EXTERNAL, .challenge = "other" };
    virConnectAuthPtr auth = virConnectAuthPtrDefault;
    int fds[2];
    int saved = dup(STDIN_FILENO);
    static const char input[] = "alice\n\ns3cret\n";

    assert_int_equal(auth->ncredtype, 6);
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], input, sizeof(input) - 1), (ssize_t)(sizeof(input) - 1));
    close(fds[1]);
    dup2(fds[0], STDIN_FILENO);
    close(fds[0]);
    clearerr(stdin);
    assert_int_equal(auth->cb(cred, 4, auth->cbdata), 0);
    assert_string_equal(cred[0].result, "alice");
    assert_int_equal(cred[0].resultlen, 5);
    assert_string_equal(cred[1].result, "dflt"); /* empty answer: the default */
    assert_string_equal(cred[2].result, "s3cret");
    assert_null(cred[3].result);
    assert_int_equal(auth->cb(&bad, 1, NULL), -1);
    for (int i = 0; i < 3; i++)
        free(cred[i].result);
    dup2(saved, STDIN_FILENO);
    close(saved);
    clearerr(stdin);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_open, setup),
        cmocka_unit_test_setup(test_open_failures, setup),
        cmocka_unit_test_setup(test_open_default, setup),
        cmocka_unit_test_setup(test_invalid_handles, setup),
        cmocka_unit_test_setup(test_no_support_and_driver_errors, setup),
        cmocka_unit_test_setup(test_conn_error_functions, setup),
        cmocka_unit_test_setup(test_wrappers, setup),
        cmocka_unit_test_setup(test_readonly_table, setup),
        cmocka_unit_test(test_auth_default),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
