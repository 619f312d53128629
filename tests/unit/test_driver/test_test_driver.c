/*
 * test_test_driver.c: the in-memory test driver against libvirt 9.0's.
 *
 * The expected values and texts come from libvirt's own test driver
 * (`virsh -c test:///default`, python3-libvirt); data/ holds its raw
 * outputs for the default state and a state file with known results.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "drivers/driver.h"
#include "drivers/handles.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/uri.h"
#include "util/uuid.h"

static const char *data_dir;
static const VireoDriver *drv = &vireo_test_driver;

/* ---- helpers ---- */

static char *
read_data(const char *name, bool strip_virsh_newline)
{
    _cleanup_free_ char *path = xasprintf("%s/%s", data_dir, name);
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;

    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = xmalloc((size_t)len + 1);
    assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
    buf[len] = '\0';
    fclose(f);
    /* virsh adds newlines after the API's string, which ends in exactly one */
    if (strip_virsh_newline) {
        while (len > 1 && buf[len - 1] == '\n' && buf[len - 2] == '\n')
            buf[--len] = '\0';
    }
    return buf;
}

/* Opens uri with the test driver; returns the status, *ret_conn on success. */
static VireoDrvOpenStatus
try_open(const char *text, unsigned int flags, virConnectPtr *ret_conn)
{
    VireoUri *uri = NULL;
    virConnectPtr conn = handle_connect_new();
    VireoDrvOpenStatus st;

    assert_int_equal(vireo_uri_parse(text, &uri), 0);
    conn->uri = xstrdup(text);
    virResetLastError();
    st = drv->connect_open(conn, uri, NULL, flags);
    vireo_uri_free(uri);
    if (st != VIREO_DRV_OPEN_SUCCESS) {
        handle_connect_unref(conn);
        return st;
    }
    conn->driver = drv;
    *ret_conn = conn;
    return st;
}

static virConnectPtr
open_conn(const char *text)
{
    virConnectPtr conn = NULL;

    assert_int_equal(try_open(text, 0, &conn), VIREO_DRV_OPEN_SUCCESS);
    return conn;
}

static void
close_conn(virConnectPtr conn)
{
    assert_int_equal(handle_connect_unref(conn), 0);
}

static void
expect_error(const char *what, int code, int domain, const char *message)
{
    virErrorPtr err = vir_error_current();

    if (!err || err->code != code || err->domain != domain || STRNEQ(err->message, message))
        fail_msg("%s: got %d/%d '%s', want %d/%d '%s'", what, err ? err->code : -1,
                 err ? err->domain : -1, err && err->message ? err->message : "(none)", code,
                 domain, message);
}

/* libvirt's argument-error layout: the text alone, str1 = function, str2 = "flags". */
static void
expect_flags_error(const char *func, unsigned int bad)
{
    _cleanup_free_ char *msg = xasprintf("unsupported flags (0x%x) in function %s", bad, func);
    virErrorPtr err = vir_error_current();

    expect_error(func, VIR_ERR_INVALID_ARG, VIR_FROM_TEST, msg);
    assert_string_equal(err->str1, func);
    assert_string_equal(err->str2, "flags");
}

static virDomainPtr
define(virConnectPtr conn, const char *name, const char *extra)
{
    _cleanup_free_ char *xml = xasprintf("<domain type='test'><name>%s</name><memory>1024</memory>"
                                         "<os><type>hvm</type></os>%s</domain>",
                                         name, extra ? extra : "");
    virDomainPtr dom;

    virResetLastError();
    dom = drv->domain_define_xml_flags(conn, xml, 0);
    assert_non_null(dom);
    return dom;
}

static void
expect_state(virDomainPtr dom, int state, int reason)
{
    int s = -1, r = -1;

    assert_int_equal(drv->domain_get_state(dom, &s, &r, 0), 0);
    assert_int_equal(s, state);
    assert_int_equal(r, reason);
}

static virDomainPtr
lookup(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = drv->domain_lookup_by_name(conn, name);

    assert_non_null(dom);
    return dom;
}

/* ---- the default state ---- */

static void
test_default_xml(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    virDomainPtr dom = lookup(conn, "test");
    virNetworkPtr net = drv->network_lookup_by_name(conn, "default");
    virStoragePoolPtr pool = drv->storage_pool_lookup_by_name(conn, "default-pool");
    _cleanup_free_ char *live = NULL, *inactive = NULL, *netxml = NULL, *poolxml = NULL;
    _cleanup_free_ char *caps = NULL, *sysinfo = NULL;
    _cleanup_free_ char *want_live = read_data("dumpxml-test.xml", true);
    _cleanup_free_ char *want_inactive = read_data("dumpxml-inactive-test.xml", true);
    _cleanup_free_ char *want_net = read_data("net-dumpxml-default.xml", true);
    _cleanup_free_ char *want_pool = read_data("pool-dumpxml-default-pool.xml", true);
    _cleanup_free_ char *want_caps = read_data("capabilities.xml", true);
    _cleanup_free_ char *want_sysinfo = read_data("sysinfo.txt", true);

    (void)state;
    assert_int_equal(dom->id, 1);
    live = drv->domain_get_xml_desc(dom, 0);
    inactive = drv->domain_get_xml_desc(dom, VIR_DOMAIN_XML_INACTIVE);
    netxml = drv->network_get_xml_desc(net, 0);
    poolxml = drv->storage_pool_get_xml_desc(pool, 0);
    caps = drv->connect_get_capabilities(conn);
    sysinfo = drv->connect_get_sysinfo(conn, 0);
    assert_string_equal(live, want_live);
    assert_string_equal(inactive, want_inactive);
    assert_string_equal(netxml, want_net);
    assert_string_equal(poolxml, want_pool);
    assert_string_equal(caps, want_caps);
    assert_string_equal(sysinfo, want_sysinfo);
    handle_domain_unref(dom);
    handle_network_unref(net);
    handle_pool_unref(pool);
    close_conn(conn);
}

static void
test_default_host(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    virNodeInfo info;
    virSecurityModel model;
    unsigned long ver = 0;
    unsigned long long cells[4] = { 0 };
    _cleanup_free_ char *host = drv->connect_get_hostname(conn);
    _cleanup_free_ char *uri = drv->connect_get_uri(conn);

    (void)state;
    assert_int_equal(drv->node_get_info(conn, &info), 0);
    assert_string_equal(info.model, "i686");
    assert_int_equal(info.memory, 3145728);
    assert_int_equal(info.cpus, 16);
    assert_int_equal(info.mhz, 1400);
    assert_int_equal(info.nodes, 2);
    assert_int_equal(info.sockets, 2);
    assert_int_equal(info.cores, 2);
    assert_int_equal(info.threads, 2);
    assert_string_equal(drv->connect_get_type(conn), "TEST");
    assert_int_equal(drv->connect_get_version(conn, &ver), 0);
    assert_int_equal(ver, 2);
    assert_int_equal(drv->connect_get_lib_version(conn, &ver), 0);
    assert_int_equal(ver, 9000000);
    assert_non_null(host);
    assert_true(strlen(host) > 0);
    assert_string_equal(uri, "test:///default");
    assert_int_equal(drv->connect_get_max_vcpus(conn, NULL), 32);
    assert_int_equal(drv->connect_get_max_vcpus(conn, "kvm"), 32);
    assert_int_equal(drv->node_get_free_memory(conn), 3145728);
    assert_int_equal(drv->node_get_cells_free_memory(conn, cells, 0, 4), 2);
    assert_int_equal(cells[0], 2097152);
    assert_int_equal(cells[1], 4194304);
    assert_int_equal(drv->node_get_cells_free_memory(conn, cells, 1, 5), 1);
    assert_int_equal(cells[0], 4194304);
    assert_int_equal(drv->node_get_cells_free_memory(conn, cells, 3, 2), -1);
    expect_error("cells", VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                 "invalid argument: Range exceeds available cells");
    assert_int_equal(drv->node_get_security_model(conn, &model), 0);
    assert_string_equal(model.model, "testSecurity");
    assert_string_equal(model.doi, "");
    assert_int_equal(drv->connect_is_secure(conn), 1);
    assert_int_equal(drv->connect_is_encrypted(conn), 0);
    assert_int_equal(drv->connect_is_alive(conn), 1);
    assert_int_equal(drv->connect_supports_feature(conn, VIREO_DRV_FEATURE_TYPED_PARAM_STRING), 1);
    assert_int_equal(drv->connect_supports_feature(conn, VIREO_DRV_FEATURE_PROGRAM_KEEPALIVE), 0);
    assert_int_equal(drv->connect_supports_feature(conn, VIREO_DRV_FEATURE_REMOTE_EVENT_CALLBACK), 0);
    assert_null(drv->connect_get_sysinfo(conn, 1));
    expect_flags_error("testConnectGetSysinfo", 1);
    close_conn(conn);
}

static void
test_default_domain(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    virDomainPtr dom = drv->domain_lookup_by_id(conn, 1);
    virDomainInfo info;
    virSecurityLabel label;
    int autostart = -1;
    char **msgs = (char **)1;
    _cleanup_free_ char *ostype = NULL;

    (void)state;
    assert_non_null(dom);
    assert_string_equal(dom->name, "test");
    expect_state(dom, VIR_DOMAIN_RUNNING, 0);
    assert_int_equal(drv->domain_get_info(dom, &info), 0);
    assert_int_equal(info.state, VIR_DOMAIN_RUNNING);
    assert_int_equal(info.maxMem, 8388608);
    assert_int_equal(info.memory, 2097152);
    assert_int_equal(info.nrVirtCpu, 2);
    assert_true(info.cpuTime > 1600000000ULL * 1000000000ULL); /* the wall clock, in ns */
    ostype = drv->domain_get_os_type(dom);
    assert_string_equal(ostype, "linux");
    assert_int_equal(drv->domain_get_max_memory(dom), 8388608);
    assert_int_equal(drv->domain_get_max_vcpus(dom), 2);
    assert_int_equal(drv->domain_is_active(dom), 1);
    assert_int_equal(drv->domain_is_persistent(dom), 1);
    assert_int_equal(drv->domain_is_updated(dom), 0);
    assert_int_equal(drv->domain_get_autostart(dom, &autostart), 0);
    assert_int_equal(autostart, 0);
    assert_int_equal(drv->domain_get_security_label(dom, &label), 0);
    assert_string_equal(label.label, "libvirt-test");
    assert_int_equal(label.enforcing, 1);
    assert_int_equal(drv->domain_has_managed_save_image(dom, 0), 0);
    assert_int_equal(drv->domain_snapshot_num(dom, 0), 0);
    assert_int_equal(drv->domain_get_messages(dom, &msgs, 0), 0);
    assert_non_null(msgs);
    assert_null(msgs[0]);
    free(msgs);
    handle_domain_unref(dom);
    close_conn(conn);
}

/* ---- lookups and their errors ---- */

static void
test_lookup_errors(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    unsigned char uuid[VIR_UUID_BUFLEN];
    virDomainPtr dom;
    virStoragePoolPtr pool;

    (void)state;
    assert_int_equal(vireo_uuid_parse("11111111-2222-3333-4444-555555555559", uuid), 0);
    assert_null(drv->domain_lookup_by_id(conn, 99));
    expect_error("id", VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    assert_null(drv->domain_lookup_by_name(conn, "nosuch"));
    expect_error("name", VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    assert_null(drv->domain_lookup_by_uuid(conn, uuid));
    expect_error("uuid", VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    assert_non_null(dom = drv->domain_lookup_by_uuid(
                        conn, (const unsigned char *)"\x66\x95\xeb\x01\xf6\xa4\x83\x04\x79\xaa"
                                                     "\x97\xf2\x50\x2e\x19\x3f"));
    assert_string_equal(dom->name, "test");
    handle_domain_unref(dom);

    assert_null(drv->network_lookup_by_name(conn, "nosuch"));
    expect_error("net name", VIR_ERR_NO_NETWORK, VIR_FROM_TEST,
                 "Network not found: no network with matching name 'nosuch'");
    assert_null(drv->network_lookup_by_uuid(conn, uuid));
    expect_error("net uuid", VIR_ERR_NO_NETWORK, VIR_FROM_TEST,
                 "Network not found: no network with matching uuid "
                 "'11111111-2222-3333-4444-555555555559'");
    assert_null(drv->storage_pool_lookup_by_name(conn, "nosuch"));
    expect_error("pool name", VIR_ERR_NO_STORAGE_POOL, VIR_FROM_TEST,
                 "Storage pool not found: no storage pool with matching name 'nosuch'");
    assert_null(drv->storage_pool_lookup_by_uuid(conn, uuid));
    expect_error("pool uuid", VIR_ERR_NO_STORAGE_POOL, VIR_FROM_TEST,
                 "Storage pool not found: no storage pool with matching uuid "
                 "'11111111-2222-3333-4444-555555555559'");
    assert_non_null(pool = drv->storage_pool_lookup_by_name(conn, "default-pool"));
    assert_null(drv->storage_vol_lookup_by_name(pool, "nosuch"));
    expect_error("vol name", VIR_ERR_NO_STORAGE_VOL, VIR_FROM_TEST,
                 "Storage volume not found: no storage vol with matching name 'nosuch'");
    assert_null(drv->storage_vol_lookup_by_key(conn, "nosuch"));
    expect_error("vol key", VIR_ERR_NO_STORAGE_VOL, VIR_FROM_TEST,
                 "Storage volume not found: no storage vol with matching key 'nosuch'");
    assert_null(drv->storage_vol_lookup_by_path(conn, "/nosuch"));
    expect_error("vol path", VIR_ERR_NO_STORAGE_VOL, VIR_FROM_TEST,
                 "Storage volume not found: no storage vol with matching path '/nosuch'");
    handle_pool_unref(pool);
    close_conn(conn);
}

/* ---- lifecycle ---- */

static void
test_lifecycle(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    virDomainPtr x1 = define(conn, "x1", NULL), x2 = define(conn, "x2", NULL), cur;
    virDomainInfo info;

    (void)state;
    assert_int_equal(x1->id, -1);
    expect_state(x1, VIR_DOMAIN_SHUTOFF, 0);
    assert_int_equal(drv->domain_get_info(x1, &info), 0);
    assert_int_equal(info.state, VIR_DOMAIN_SHUTOFF);
    assert_int_equal(info.memory, 1024);
    assert_int_equal(info.nrVirtCpu, 1);

    assert_int_equal(drv->domain_suspend(x1), -1);
    expect_error("suspend", VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                 "internal error: domain 'x1' not running");
    assert_int_equal(drv->domain_resume(x1), -1);
    expect_error("resume", VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                 "internal error: domain 'x1' not paused");
    assert_int_equal(drv->domain_shutdown_flags(x1, 0), -1);
    expect_error("shutdown", VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                 "internal error: domain 'x1' not running");
    assert_int_equal(drv->domain_destroy_flags(x1, 0), -1);
    expect_error("destroy", VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                 "Requested operation is not valid: domain is not running");
    assert_int_equal(drv->domain_reboot(x1, 0), -1);
    expect_error("reboot", VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                 "Requested operation is not valid: domain is not running");

    /* ids continue after the default domain's 1 */
    assert_int_equal(drv->domain_create_with_flags(x1, 0), 0);
    expect_state(x1, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    cur = lookup(conn, "x1");
    assert_int_equal(cur->id, 2);
    handle_domain_unref(cur);
    assert_int_equal(drv->domain_create_with_flags(x2, 0), 0);
    cur = lookup(conn, "x2");
    assert_int_equal(cur->id, 3);
    handle_domain_unref(cur);
    assert_int_equal(drv->domain_create_with_flags(x1, 0), -1);
    expect_error("start twice", VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                 "internal error: Domain 'x1' is already running");

    assert_int_equal(drv->domain_suspend(x1), 0);
    expect_state(x1, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    assert_int_equal(drv->domain_suspend(x1), -1);
    expect_error("suspend paused", VIR_ERR_INTERNAL_ERROR, VIR_FROM_TEST,
                 "internal error: domain 'x1' not running");
    assert_int_equal(drv->domain_resume(x1), 0);
    expect_state(x1, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    assert_int_equal(drv->domain_suspend(x1), 0);
    assert_int_equal(drv->domain_shutdown_flags(x1, 0), 0);
    expect_state(x1, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    assert_int_equal(drv->domain_create_with_flags(x1, 0), 0);
    assert_int_equal(drv->domain_reboot(x1, 0), 0);
    expect_state(x1, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    assert_int_equal(drv->domain_destroy_flags(x1, 0), 0);
    expect_state(x1, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_DESTROYED);

    assert_int_equal(drv->domain_undefine_flags(x1, 0x1000), -1);
    expect_flags_error("testDomainUndefineFlags", 0x1000);
    assert_int_equal(drv->domain_undefine_flags(x1, 0), 0);
    assert_int_equal(drv->domain_get_state(x1, &(int){ 0 }, NULL, 0), -1);
    {
        char uuid[VIR_UUID_STRING_BUFLEN];
        _cleanup_free_ char *msg =
            xasprintf("Domain not found: no domain with matching uuid '%s' (x1)",
                      vireo_uuid_format(x1->uuid, uuid));
        expect_error("stale", VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, msg);
    }
    /* a running domain undefined stays until it stops, then vanishes */
    assert_int_equal(drv->domain_undefine_flags(x2, 0), 0);
    assert_int_equal(drv->domain_is_persistent(x2), 0);
    assert_int_equal(drv->domain_destroy_flags(x2, 0), 0);
    assert_null(drv->domain_lookup_by_name(conn, "x2"));
    handle_domain_unref(x1);
    handle_domain_unref(x2);
    close_conn(conn);
}

static void
test_transient_and_actions(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    virDomainPtr tr, keep, stop;
    int autostart = 0;

    (void)state;
    tr = drv->domain_create_xml(conn, "<domain type='test'><name>tr</name><memory>1024</memory>"
                                      "<os><type>hvm</type></os></domain>", 0);
    assert_non_null(tr);
    assert_int_equal(tr->id, 2);
    assert_int_equal(drv->domain_is_persistent(tr), 0);
    /* libvirt lets a transient domain carry autostart */
    assert_int_equal(drv->domain_set_autostart(tr, 1), 0);
    assert_int_equal(drv->domain_get_autostart(tr, &autostart), 0);
    assert_int_equal(autostart, 1);
    assert_int_equal(drv->domain_set_memory_flags(tr, 256, VIR_DOMAIN_AFFECT_CONFIG), -1);
    expect_error("transient config", VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                 "Requested operation is not valid: transient domains do not have any "
                 "persistent config");
    assert_null(drv->domain_create_xml(conn, "<domain type='test'><name>tr2</name>"
                                             "<memory>1024</memory><os><type>hvm</type></os>"
                                             "</domain>", 4));
    expect_flags_error("testDomainCreateXML", 4);
    assert_null(drv->domain_create_xml(conn, "<domain type='test'><name>test</name>"
                                             "<memory>1024</memory><os><type>hvm</type></os>"
                                             "</domain>", 0));
    expect_error("create dup", VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                 "operation failed: domain 'test' already exists with uuid "
                 "6695eb01-f6a4-8304-79aa-97f2502e193f");
    assert_int_equal(drv->domain_shutdown_flags(tr, 0), 0);
    assert_null(drv->domain_lookup_by_name(conn, "tr"));

    /* on_poweroff=restart: a shutdown keeps it running */
    keep = define(conn, "keep", "<on_poweroff>restart</on_poweroff>");
    assert_int_equal(drv->domain_create_with_flags(keep, 0), 0);
    assert_int_equal(drv->domain_shutdown_flags(keep, 0), 0);
    expect_state(keep, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
    /* on_reboot=destroy: a reboot stops it */
    stop = define(conn, "stop", "<on_reboot>destroy</on_reboot>");
    assert_int_equal(drv->domain_create_with_flags(stop, 0), 0);
    assert_int_equal(drv->domain_reboot(stop, 0), 0);
    expect_state(stop, VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    assert_int_equal(drv->domain_reboot(stop, 0x40), -1);
    expect_flags_error("testDomainReboot", 0x40);
    handle_domain_unref(tr);
    handle_domain_unref(keep);
    handle_domain_unref(stop);
    close_conn(conn);
}

static void
test_redefine_running(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    virDomainPtr dom;
    _cleanup_free_ char *live = NULL, *inactive = NULL, *after = NULL;
    virDomainInfo info;

    (void)state;
    dom = drv->domain_define_xml_flags(
        conn, "<domain type='test'><name>test</name>"
              "<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid><memory>4096</memory>"
              "<os><type>hvm</type></os></domain>", 0);
    assert_non_null(dom);
    assert_int_equal(dom->id, 1);
    live = drv->domain_get_xml_desc(dom, 0);
    inactive = drv->domain_get_xml_desc(dom, VIR_DOMAIN_XML_INACTIVE);
    assert_non_null(strstr(live, "<memory unit='KiB'>8388608</memory>"));
    assert_non_null(strstr(inactive, "<memory unit='KiB'>4096</memory>"));
    assert_int_equal(drv->domain_get_info(dom, &info), 0);
    assert_int_equal(info.maxMem, 8388608);
    assert_int_equal(drv->domain_destroy_flags(dom, 0), 0);
    after = drv->domain_get_xml_desc(dom, 0);
    assert_string_equal(after, inactive);

    assert_null(drv->domain_define_xml_flags(
        conn, "<domain type='test'><name>other</name>"
              "<uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid><memory>4096</memory>"
              "<os><type>hvm</type></os></domain>", 0));
    expect_error("uuid clash", VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                 "operation failed: domain 'test' is already defined with uuid "
                 "6695eb01-f6a4-8304-79aa-97f2502e193f");
    assert_null(drv->domain_define_xml_flags(conn, "<domain/>", 4));
    expect_flags_error("testDomainDefineXMLFlags", 4);
    assert_null(drv->domain_define_xml_flags(conn, "<domain type='test'><name>x</name>", 0));
    expect_error("not well formed", VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN,
                 "(domain_definition):1: Premature end of data in tag domain line 1\n"
                 "<domain type='test'><name>x</name>\n----------------------------------^");
    handle_domain_unref(dom);
    close_conn(conn);
}

/* ---- memory and vcpus ---- */

static void
test_memory_vcpus(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    virDomainPtr x = define(conn, "mx", NULL);
    virDomainInfo info;
    virErrorPtr err;

    (void)state;
    assert_int_equal(drv->domain_set_memory_flags(x, 512, VIR_DOMAIN_AFFECT_LIVE), -1);
    expect_error("live inactive", VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                 "Requested operation is not valid: domain is not running");
    assert_int_equal(drv->domain_set_memory_flags(x, 512, 3), -1);
    expect_error("live+config", VIR_ERR_INVALID_ARG, VIR_FROM_DOMAIN,
                 "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually "
                 "exclusive");
    err = vir_error_current();
    assert_string_equal(err->str1, "virDomainObjGetOneDefState");
    assert_int_equal(drv->domain_set_memory_flags(x, 5120, 0), -1);
    expect_error("too big", VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                 "invalid argument: cannot set memory higher than max memory");
    assert_int_equal(drv->domain_set_memory_flags(x, 512, 0), 0);
    assert_int_equal(drv->domain_set_max_memory(x, 2048), 0);
    assert_int_equal(drv->domain_set_max_memory(x, 100), 0);
    assert_int_equal(drv->domain_get_info(x, &info), 0);
    assert_int_equal(info.maxMem, 100);
    assert_int_equal(info.memory, 100);
    assert_int_equal(drv->domain_set_memory_flags(x, 1, 0x10), -1);
    expect_flags_error("testDomainSetMemoryFlags", 0x10);

    assert_int_equal(drv->domain_set_vcpus_flags(x, 2, 0), -1);
    expect_error("vcpus", VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                 "invalid argument: requested cpu amount exceeds maximum (2 > 1)");
    assert_int_equal(drv->domain_set_vcpus_flags(x, 40, 0), -1);
    expect_error("vcpus 40", VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                 "invalid argument: requested cpu amount exceeds maximum supported amount "
                 "(40 > 32)");
    assert_int_equal(drv->domain_set_vcpus_flags(x, 1, 0x100), -1);
    expect_flags_error("testDomainSetVcpusFlags", 0x100);
    assert_int_equal(drv->domain_set_vcpus_flags(x, 1, VIR_DOMAIN_AFFECT_LIVE), -1);
    expect_error("vcpus live", VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                 "Requested operation is not valid: domain is not running");
    assert_int_equal(drv->domain_set_vcpus_flags(
                         x, 4, VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM), 0);
    assert_int_equal(drv->domain_set_vcpus_flags(x, 3, VIR_DOMAIN_AFFECT_CONFIG), 0);
    assert_int_equal(drv->domain_get_vcpus_flags(x, VIR_DOMAIN_AFFECT_CONFIG), 3);
    assert_int_equal(drv->domain_get_vcpus_flags(
                         x, VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM), 4);
    assert_int_equal(drv->domain_get_max_vcpus(x), -1);
    expect_error("max vcpus inactive", VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                 "Requested operation is not valid: domain is not running");

    assert_int_equal(drv->domain_create_with_flags(x, 0), 0);
    assert_int_equal(drv->domain_set_max_memory(x, 4096), -1);
    expect_error("max live", VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                 "Requested operation is not valid: cannot resize the maximum memory on an "
                 "active domain");
    assert_int_equal(drv->domain_get_max_vcpus(x), 4);
    assert_int_equal(drv->domain_set_vcpus_flags(
                         x, 1, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG), 0);
    assert_int_equal(drv->domain_get_vcpus_flags(x, VIR_DOMAIN_AFFECT_LIVE), 1);
    assert_int_equal(drv->domain_get_vcpus_flags(x, VIR_DOMAIN_AFFECT_CONFIG), 1);
    assert_int_equal(drv->domain_destroy_flags(x, 0), 0);
    assert_int_equal(drv->domain_undefine_flags(x, 0), 0);
    handle_domain_unref(x);
    close_conn(conn);
}

/* ---- listing ---- */

static int
count_domains(virConnectPtr conn, unsigned int flags)
{
    virDomainPtr *list = NULL;
    int n = drv->connect_list_all_domains(conn, &list, flags);

    assert_true(n >= 0);
    for (int i = 0; i < n; i++)
        handle_domain_unref(list[i]);
    assert_null(list[n]);
    free(list);
    assert_int_equal(drv->connect_list_all_domains(conn, NULL, flags), n);
    return n;
}

static void
test_list_filters(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    virDomainPtr off = define(conn, "off", NULL), paused = define(conn, "paused", NULL), tr;
    virNetworkPtr *nets = NULL;
    virStoragePoolPtr *pools = NULL;
    int ids[8];
    char *names[8];

    (void)state;
    assert_int_equal(drv->domain_create_with_flags(paused, 0), 0);
    assert_int_equal(drv->domain_suspend(paused), 0);
    assert_int_equal(drv->domain_set_autostart(off, 1), 0);
    tr = drv->domain_create_xml(conn, "<domain type='test'><name>tr</name><memory>1024</memory>"
                                      "<os><type>hvm</type></os></domain>", 0);
    assert_non_null(tr);

    assert_int_equal(count_domains(conn, 0), 4);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE), 3);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_INACTIVE), 1);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE |
                                             VIR_CONNECT_LIST_DOMAINS_INACTIVE), 4);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_PERSISTENT), 3);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_TRANSIENT), 1);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_RUNNING), 2);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_PAUSED), 1);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_SHUTOFF), 1);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_OTHER), 0);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_PAUSED |
                                             VIR_CONNECT_LIST_DOMAINS_SHUTOFF), 2);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_AUTOSTART), 1);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART), 3);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE), 0);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT), 4);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT), 0);
    assert_int_equal(count_domains(conn, VIR_CONNECT_LIST_DOMAINS_ACTIVE |
                                             VIR_CONNECT_LIST_DOMAINS_PERSISTENT), 2);
    assert_int_equal(drv->connect_list_all_domains(conn, NULL, 1u << 20), -1);
    expect_flags_error("testConnectListAllDomains", 1u << 20);

    assert_int_equal(drv->connect_num_of_domains(conn), 3);
    assert_int_equal(drv->connect_num_of_defined_domains(conn), 1);
    assert_int_equal(drv->connect_list_domains(conn, ids, 8), 3);
    assert_int_equal(drv->connect_list_domains(conn, ids, 1), 1);
    assert_int_equal(drv->connect_list_defined_domains(conn, names, 8), 1);
    assert_string_equal(names[0], "off");
    free(names[0]);

    assert_int_equal(drv->connect_list_all_networks(conn, &nets, 0), 1);
    assert_string_equal(nets[0]->name, "default");
    handle_network_unref(nets[0]);
    free(nets);
    assert_int_equal(drv->connect_list_all_networks(conn, NULL, VIR_CONNECT_LIST_NETWORKS_INACTIVE), 0);
    assert_int_equal(drv->connect_list_all_networks(conn, NULL, VIR_CONNECT_LIST_NETWORKS_PERSISTENT |
                                                                    VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART), 1);
    assert_int_equal(drv->connect_list_all_networks(conn, NULL, 1u << 10), -1);
    expect_flags_error("testConnectListAllNetworks", 1u << 10);
    assert_int_equal(drv->connect_num_of_networks(conn), 1);
    assert_int_equal(drv->connect_num_of_defined_networks(conn), 0);
    assert_int_equal(drv->connect_list_networks(conn, names, 8), 1);
    assert_string_equal(names[0], "default");
    free(names[0]);

    assert_int_equal(drv->connect_list_all_storage_pools(conn, &pools, 0), 1);
    assert_string_equal(pools[0]->name, "default-pool");
    handle_pool_unref(pools[0]);
    free(pools);
    assert_int_equal(drv->connect_list_all_storage_pools(conn, NULL, VIR_CONNECT_LIST_STORAGE_POOLS_DIR), 1);
    assert_int_equal(drv->connect_list_all_storage_pools(conn, NULL, VIR_CONNECT_LIST_STORAGE_POOLS_NETFS), 0);
    assert_int_equal(drv->connect_list_all_storage_pools(conn, NULL, VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE), 0);
    assert_int_equal(drv->connect_list_all_storage_pools(conn, NULL, 1u << 20), -1);
    expect_flags_error("testConnectListAllStoragePools", 1u << 20);
    assert_int_equal(drv->connect_num_of_storage_pools(conn), 1);
    assert_int_equal(drv->connect_num_of_defined_storage_pools(conn), 0);

    handle_domain_unref(off);
    handle_domain_unref(paused);
    handle_domain_unref(tr);
    close_conn(conn);
}

/* ---- flag checks on everything else ---- */

static void
test_flag_errors(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    virDomainPtr dom = lookup(conn, "test");
    virNetworkPtr net = drv->network_lookup_by_name(conn, "default");
    virStoragePoolPtr pool = drv->storage_pool_lookup_by_name(conn, "default-pool");
    char **msgs = NULL;
    int s, r;

    (void)state;
    assert_int_equal(drv->domain_get_state(dom, &s, &r, 1), -1);
    expect_flags_error("testDomainGetState", 1);
    assert_null(drv->domain_get_xml_desc(dom, 1u << 10));
    expect_flags_error("testDomainGetXMLDesc", 1u << 10);
    assert_int_equal(drv->domain_has_managed_save_image(dom, 1), -1);
    expect_flags_error("testDomainHasManagedSaveImage", 1);
    assert_int_equal(drv->domain_snapshot_num(dom, 1u << 12), -1);
    expect_flags_error("testDomainSnapshotNum", 1u << 12);
    assert_int_equal(drv->domain_get_messages(dom, &msgs, 4), -1);
    expect_flags_error("testDomainGetMessages", 4);
    assert_int_equal(drv->domain_destroy_flags(dom, 2), -1);
    expect_flags_error("testDomainDestroyFlags", 2);
    assert_int_equal(drv->domain_shutdown_flags(dom, 1), -1);
    expect_flags_error("testDomainShutdownFlags", 1);
    assert_int_equal(drv->domain_create_with_flags(dom, 1), -1);
    expect_flags_error("testDomainCreateWithFlags", 1);
    assert_int_equal(drv->domain_get_vcpus_flags(dom, 0x10), -1);
    expect_flags_error("testDomainGetVcpusFlags", 0x10);
    assert_null(drv->network_get_xml_desc(net, 2));
    expect_flags_error("testNetworkGetXMLDesc", 2);
    assert_null(drv->storage_pool_get_xml_desc(pool, 2));
    expect_flags_error("testStoragePoolGetXMLDesc", 2);
    assert_int_equal(drv->storage_pool_list_all_volumes(pool, NULL, 1), -1);
    expect_flags_error("testStoragePoolListAllVolumes", 1);
    handle_domain_unref(dom);
    handle_network_unref(net);
    handle_pool_unref(pool);
    close_conn(conn);
}

static void
test_network_pool_info(void **state)
{
    virConnectPtr conn = open_conn("test:///default");
    virNetworkPtr net = drv->network_lookup_by_name(conn, "default");
    virStoragePoolPtr pool = drv->storage_pool_lookup_by_name(conn, "default-pool");
    virStoragePoolInfo info;
    virStorageVolPtr *vols = (virStorageVolPtr *)1;
    _cleanup_free_ char *bridge = drv->network_get_bridge_name(net);
    int autostart = -1;

    (void)state;
    assert_string_equal(bridge, "virbr0");
    assert_int_equal(drv->network_is_active(net), 1);
    assert_int_equal(drv->network_is_persistent(net), 1);
    assert_int_equal(drv->network_get_autostart(net, &autostart), 0);
    assert_int_equal(autostart, 0);
    assert_int_equal(drv->storage_pool_get_info(pool, &info), 0);
    assert_int_equal(info.state, VIR_STORAGE_POOL_RUNNING);
    assert_int_equal(info.capacity, 107374182400ULL);
    assert_int_equal(info.allocation, 0);
    assert_int_equal(info.available, 107374182400ULL);
    assert_int_equal(drv->storage_pool_is_active(pool), 1);
    assert_int_equal(drv->storage_pool_is_persistent(pool), 1);
    assert_int_equal(drv->storage_pool_get_autostart(pool, &autostart), 0);
    assert_int_equal(autostart, 0);
    assert_int_equal(drv->storage_pool_num_of_volumes(pool), 0);
    assert_int_equal(drv->storage_pool_list_all_volumes(pool, &vols, 0), 0);
    assert_null(vols[0]);
    free(vols);
    handle_network_unref(net);
    handle_pool_unref(pool);
    close_conn(conn);
}

/* ---- sharing and reset of test:///default ---- */

static void
test_default_shared_then_reset(void **state)
{
    virConnectPtr a = open_conn("test:///default");
    virConnectPtr b = open_conn("test:///default?foo=bar");
    virDomainPtr dom;

    (void)state;
    handle_domain_unref(define(a, "shared", NULL));
    dom = drv->domain_lookup_by_name(b, "shared");
    assert_non_null(dom);
    handle_domain_unref(dom);
    close_conn(a);
    dom = drv->domain_lookup_by_name(b, "shared");
    assert_non_null(dom);
    handle_domain_unref(dom);
    close_conn(b);
    /* the last close threw the state away */
    a = open_conn("test:///default");
    assert_null(drv->domain_lookup_by_name(a, "shared"));
    close_conn(a);
}

/* ---- URIs ---- */

static void
test_open_uris(void **state)
{
    virConnectPtr conn = NULL;

    (void)state;
    assert_int_equal(try_open("test:///", 0, &conn), VIREO_DRV_OPEN_ERROR);
    expect_error("no path", VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                 "invalid argument: testOpen: supply a path or use test:///default");
    assert_int_equal(try_open("test://", 0, &conn), VIREO_DRV_OPEN_ERROR);
    expect_error("empty", VIR_ERR_INVALID_ARG, VIR_FROM_TEST,
                 "invalid argument: testOpen: supply a path or use test:///default");
    assert_int_equal(try_open("qemu:///system", 0, &conn), VIREO_DRV_OPEN_DECLINED);
    assert_int_equal(try_open("test+tcp://127.0.0.1/default", 0, &conn), VIREO_DRV_OPEN_DECLINED);
    assert_int_equal(try_open("test://example.com/default", 0, &conn), VIREO_DRV_OPEN_DECLINED);
    assert_int_equal(try_open("test:///default", 2, &conn), VIREO_DRV_OPEN_ERROR);
    expect_flags_error("testConnectOpen", 2);
    assert_int_equal(try_open("test:///default", VIR_CONNECT_RO, &conn), VIREO_DRV_OPEN_SUCCESS);
    close_conn(conn);
    assert_int_equal(try_open("test:///nonexist.xml", 0, &conn), VIREO_DRV_OPEN_ERROR);
    expect_error("missing file", VIR_ERR_XML_ERROR, VIR_FROM_TEST,
                 "XML error: failed to parse xml document '/nonexist.xml'");
    assert_int_equal(try_open("test:///tmp", 0, &conn), VIREO_DRV_OPEN_ERROR);
    expect_error("directory", VIR_ERR_XML_DETAIL, VIR_FROM_TEST,
                 "/tmp:1: Document is empty\n(null)\n^");
}

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void
test_bad_state_files(void **state)
{
    char dir[] = "/tmp/vireo-test-driver-XXXXXX";
    _cleanup_free_ char *root = NULL, *nodom = NULL, *notwf = NULL, *missing = NULL;
    _cleanup_free_ char *u1 = NULL, *u2 = NULL, *u3 = NULL, *u4 = NULL, *msg = NULL;
    virConnectPtr conn = NULL;

    (void)state;
    assert_non_null(mkdtemp(dir));
    root = xasprintf("%s/root.xml", dir);
    nodom = xasprintf("%s/nodom.xml", dir);
    notwf = xasprintf("%s/notwf.xml", dir);
    missing = xasprintf("%s/missing.xml", dir);
    write_file(root, "<nodex/>\n");
    write_file(nodom, "<node><domain type='test'><name>a</name></domain></node>\n");
    write_file(notwf, "<node>\n");
    write_file(missing, "<node><domain file='nothere.xml'/></node>\n");
    u1 = xasprintf("test://%s", root);
    u2 = xasprintf("test://%s", nodom);
    u3 = xasprintf("test://%s", notwf);
    u4 = xasprintf("test://%s", missing);
    assert_int_equal(try_open(u1, 0, &conn), VIREO_DRV_OPEN_ERROR);
    expect_error("root", VIR_ERR_XML_ERROR, VIR_FROM_XML,
                 "XML error: expecting root element of 'node', not 'nodex'");
    assert_int_equal(try_open(u2, 0, &conn), VIREO_DRV_OPEN_ERROR);
    expect_error("domain", VIR_ERR_XML_ERROR, VIR_FROM_DOMAIN,
                 "XML error: an os <type> must be specified");
    assert_int_equal(try_open(u3, 0, &conn), VIREO_DRV_OPEN_ERROR);
    msg = xasprintf("%s:2: Premature end of data in tag node line 1\n(null)\n^", notwf);
    expect_error("not well formed", VIR_ERR_XML_DETAIL, VIR_FROM_TEST, msg);
    assert_int_equal(try_open(u4, 0, &conn), VIREO_DRV_OPEN_ERROR);
    assert_int_equal(vir_error_current()->code, VIR_ERR_XML_ERROR);
    /* a file not everybody may read is never quoted back to the client */
    {
        _cleanup_free_ char *secret = xasprintf("%s/secret", dir);
        _cleanup_free_ char *u5 = xasprintf("test://%s", secret);
        _cleanup_free_ char *want = xasprintf("%s:1: Start tag expected, '<' not found\n(null)\n^",
                                              secret);

        write_file(secret, "root:$6$hash:19000:0:99999:7:::\n");
        assert_int_equal(chmod(secret, 0600), 0);
        assert_int_equal(try_open(u5, 0, &conn), VIREO_DRV_OPEN_ERROR);
        expect_error("unreadable", VIR_ERR_XML_DETAIL, VIR_FROM_TEST, want);
        assert_int_equal(chmod(secret, 0644), 0);
        assert_int_equal(try_open(u5, 0, &conn), VIREO_DRV_OPEN_ERROR);
        assert_non_null(strstr(vir_error_current()->message, "root:$6$hash"));
        unlink(secret);
    }
    unlink(root);
    unlink(nodom);
    unlink(notwf);
    unlink(missing);
    rmdir(dir);
}

/* ---- fake authentication of state files with <auth> users ---- */

typedef struct {
    const char *user, *pass;
    int calls;
    char prompts[2][128];
} AuthAnswers;

static int
auth_cb(virConnectCredentialPtr cred, unsigned int ncred, void *opaque)
{
    AuthAnswers *a = opaque;

    for (unsigned int i = 0; i < ncred; i++) {
        const char *v = cred[i].type == VIR_CRED_AUTHNAME ? a->user : a->pass;

        if (a->calls < 2)
            snprintf(a->prompts[a->calls], sizeof(a->prompts[0]), "%s", cred[i].prompt);
        a->calls++;
        cred[i].result = strdup(v);
        cred[i].resultlen = (unsigned int)strlen(v);
    }
    return 0;
}

static VireoDrvOpenStatus
try_open_auth(const char *text, int *types, unsigned int ntypes, AuthAnswers *a)
{
    virConnectAuth auth = { types, ntypes, auth_cb, a };
    VireoUri *uri = NULL;
    virConnectPtr conn = handle_connect_new();
    VireoDrvOpenStatus st;

    assert_int_equal(vireo_uri_parse(text, &uri), 0);
    virResetLastError();
    st = drv->connect_open(conn, uri, types ? &auth : NULL, 0);
    vireo_uri_free(uri);
    if (st == VIREO_DRV_OPEN_SUCCESS)
        conn->driver = drv;
    handle_connect_unref(conn);
    return st;
}

static void
test_state_auth(void **state)
{
    char dir[] = "/tmp/vireo-test-auth-XXXXXX";
    _cleanup_free_ char *file = NULL, *uri = NULL;
    int both[] = { VIR_CRED_AUTHNAME, VIR_CRED_PASSPHRASE };
    int name_only[] = { VIR_CRED_AUTHNAME };
    int pass_only[] = { VIR_CRED_PASSPHRASE };
    AuthAnswers good = { "alice", "secret", 0, { "" } }, bad = { "alice", "bad", 0, { "" } };
    AuthAnswers bob = { "bob", "", 0, { "" } }, carol = { "carol", "x", 0, { "" } };
    const char *denied = "authentication failed: authentication failed, see test XML for the "
                         "correct username/password";

    (void)state;
    assert_non_null(mkdtemp(dir));
    file = xasprintf("%s/auth.xml", dir);
    write_file(file, "<node><auth><user password='secret'>alice</user><user>bob</user></auth>"
                     "</node>\n");
    uri = xasprintf("test://%s", file);

    assert_int_equal(try_open_auth(uri, both, 2, &good), VIREO_DRV_OPEN_SUCCESS);
    assert_int_equal(good.calls, 2);
    assert_string_equal(good.prompts[0], "Enter username for localhost");
    assert_string_equal(good.prompts[1], "Enter alice's password for localhost");
    assert_int_equal(try_open_auth(uri, both, 2, &bad), VIREO_DRV_OPEN_ERROR);
    expect_error("bad password", VIR_ERR_AUTH_FAILED, VIR_FROM_TEST, denied);
    /* bob has no password: he is not asked for one */
    assert_int_equal(try_open_auth(uri, name_only, 1, &bob), VIREO_DRV_OPEN_SUCCESS);
    assert_int_equal(bob.calls, 1);
    assert_int_equal(try_open_auth(uri, both, 2, &carol), VIREO_DRV_OPEN_ERROR);
    assert_int_equal(carol.calls, 2);
    expect_error("unknown user", VIR_ERR_AUTH_FAILED, VIR_FROM_TEST, denied);
    assert_int_equal(try_open_auth(uri, NULL, 0, &good), VIREO_DRV_OPEN_ERROR);
    expect_error("no auth", VIR_ERR_INVALID_ARG, VIR_FROM_AUTH,
                 "invalid argument: Missing authentication credentials");
    assert_int_equal(try_open_auth(uri, pass_only, 1, &good), VIREO_DRV_OPEN_ERROR);
    expect_error("no name type", VIR_ERR_AUTH_FAILED, VIR_FROM_AUTH,
                 "authentication failed: Missing VIR_CRED_AUTHNAME credential type");
    unlink(file);
    rmdir(dir);
}

/* ---- a state file (data/state/node.xml; values from libvirt's driver) ---- */

static void
test_state_file(void **state)
{
    _cleanup_free_ char *uri = xasprintf("test://%s/state/node.xml", data_dir);
    _cleanup_free_ char *webxml = NULL, *vol1xml = NULL, *vol2xml = NULL, *netxml = NULL;
    _cleanup_free_ char *path = NULL, *caps = NULL;
    virConnectPtr conn, other;
    virNodeInfo ni;
    virDomainPtr dom;
    virStoragePoolPtr pool;
    virStoragePoolInfo pinfo;
    virStorageVolPtr vol, *vols = NULL;
    virStorageVolInfo vinfo;
    unsigned long long cells[2];

    (void)state;
    if (data_dir[0] != '/')
        skip();
    conn = open_conn(uri);
    assert_int_equal(drv->node_get_info(conn, &ni), 0);
    assert_string_equal(ni.model, "vireo-cpu");
    assert_int_equal(ni.memory, 4194304);
    assert_int_equal(ni.cpus, 12);
    assert_int_equal(ni.mhz, 3000);
    assert_int_equal(ni.nodes, 1);
    assert_int_equal(ni.sockets, 2);
    assert_int_equal(ni.cores, 4);
    assert_int_equal(ni.threads, 2);
    assert_int_equal(drv->node_get_cells_free_memory(conn, cells, 0, 2), -1);
    caps = drv->connect_get_capabilities(conn);
    assert_non_null(strstr(caps, "      <cells num='0'>\n      </cells>\n"));

    dom = lookup(conn, "paused1");
    assert_int_equal(dom->id, 1);
    expect_state(dom, VIR_DOMAIN_PAUSED, 0);
    handle_domain_unref(dom);
    dom = lookup(conn, "web");
    assert_int_equal(dom->id, 2);
    expect_state(dom, VIR_DOMAIN_RUNNING, 0);
    webxml = drv->domain_get_xml_desc(dom, 0);
    assert_non_null(strstr(webxml, "<domain type='test' id='2'>\n  <name>web</name>\n"));
    assert_non_null(strstr(webxml, "      <source network='lan'/>\n      <target dev='testnet0'/>\n"));
    handle_domain_unref(dom);
    dom = lookup(conn, "saved1");
    assert_int_equal(dom->id, -1);
    expect_state(dom, VIR_DOMAIN_SHUTOFF, 0);
    assert_int_equal(drv->domain_has_managed_save_image(dom, 0), 1);
    assert_int_equal(drv->domain_undefine_flags(dom, 0), -1);
    expect_error("managed save", VIR_ERR_OPERATION_INVALID, VIR_FROM_TEST,
                 "Requested operation is not valid: Refusing to undefine while domain managed "
                 "save image exists");
    handle_domain_unref(dom);
    dom = lookup(conn, "temp1");
    assert_int_equal(dom->id, 3);
    assert_int_equal(drv->domain_is_persistent(dom), 0);
    handle_domain_unref(dom);

    /* taints found at load time, listed in libvirt's order */
    dom = lookup(conn, "tainted");
    {
        static const char *const want[] = {
            "tainted: network configuration using opaque shell scripts",
            "tainted: use of host cdrom passthrough",
            "tainted: custom device tree blob used",
            "tainted: use of deprecated configuration settings",
            "deprecated configuration: CPU model Deprecated-Test",
        };
        char **msgs = NULL;

        assert_int_equal(drv->domain_get_messages(dom, &msgs, 0), 5);
        for (size_t i = 0; i < 5; i++) {
            assert_string_equal(msgs[i], want[i]);
            free(msgs[i]);
        }
        assert_null(msgs[5]);
        free(msgs);
        assert_int_equal(drv->domain_get_messages(dom, &msgs, VIR_DOMAIN_MESSAGE_DEPRECATION), 1);
        assert_string_equal(msgs[0], want[4]);
        free(msgs[0]);
        free(msgs);
    }
    handle_domain_unref(dom);

    {
        virNetworkPtr net = drv->network_lookup_by_name(conn, "lan");
        netxml = drv->network_get_xml_desc(net, 0);
        handle_network_unref(net);
    }
    assert_string_equal(netxml, "<network>\n"
                                "  <name>lan</name>\n"
                                "  <uuid>b2b2b2b2-0000-4000-8000-000000000001</uuid>\n"
                                "  <forward mode='route'/>\n"
                                "  <bridge name='br-lan' stp='on' delay='0'/>\n"
                                "  <ip address='10.9.0.1' prefix='24'>\n"
                                "  </ip>\n"
                                "</network>\n");

    pool = drv->storage_pool_lookup_by_name(conn, "images");
    assert_non_null(pool);
    assert_int_equal(drv->storage_pool_get_info(pool, &pinfo), 0);
    assert_int_equal(pinfo.allocation, 105857600ULL);
    assert_int_equal(pinfo.available, 107268324800ULL);
    assert_int_equal(drv->storage_pool_list_all_volumes(pool, &vols, 0), 2);
    assert_string_equal(vols[0]->name, "disk1.img");
    assert_string_equal(vols[0]->key, "/var/images/disk1.img");
    assert_string_equal(vols[1]->key, "custom-key-2");
    assert_int_equal(drv->storage_vol_get_info(vols[0], &vinfo), 0);
    assert_int_equal(vinfo.type, VIR_STORAGE_VOL_FILE);
    assert_int_equal(vinfo.capacity, 1073741824ULL);
    assert_int_equal(vinfo.allocation, 104857600ULL);
    vol1xml = drv->storage_vol_get_xml_desc(vols[0], 0);
    assert_string_equal(vol1xml, "<volume type='file'>\n"
                                 "  <name>disk1.img</name>\n"
                                 "  <key>/var/images/disk1.img</key>\n"
                                 "  <capacity unit='bytes'>1073741824</capacity>\n"
                                 "  <allocation unit='bytes'>104857600</allocation>\n"
                                 "  <target>\n"
                                 "    <path>/var/images/disk1.img</path>\n"
                                 "    <format type='raw'/>\n"
                                 "  </target>\n"
                                 "</volume>\n");
    vol2xml = drv->storage_vol_get_xml_desc(vols[1], 0);
    assert_non_null(strstr(vol2xml, "    <path>/elsewhere/disk2.qcow2</path>\n"
                                    "    <format type='qcow2'/>\n"));
    handle_vol_unref(vols[0]);
    handle_vol_unref(vols[1]);
    free(vols);
    vol = drv->storage_vol_lookup_by_key(conn, "custom-key-2");
    assert_non_null(vol);
    path = drv->storage_vol_get_path(vol);
    assert_string_equal(path, "/elsewhere/disk2.qcow2");
    handle_vol_unref(vol);
    vol = drv->storage_vol_lookup_by_path(conn, "/var/images/disk1.img");
    assert_non_null(vol);
    assert_string_equal(vol->pool, "images");
    handle_pool_unref(pool);
    pool = drv->storage_pool_lookup_by_volume(vol);
    assert_non_null(pool);
    assert_string_equal(pool->name, "images");
    handle_vol_unref(vol);
    handle_pool_unref(pool);

    /* each connection to a file has its own state */
    other = open_conn(uri);
    dom = lookup(conn, "web");
    assert_int_equal(drv->domain_destroy_flags(dom, 0), 0);
    handle_domain_unref(dom);
    dom = lookup(other, "web");
    expect_state(dom, VIR_DOMAIN_RUNNING, 0);
    handle_domain_unref(dom);
    close_conn(other);
    close_conn(conn);
}

/* ---- many threads on one shared state ---- */

static void *
hammer(void *arg)
{
    int n = (int)(intptr_t)arg;

    for (int i = 0; i < 200; i++) {
        virConnectPtr conn = open_conn("test:///default");
        _cleanup_free_ char *name = xasprintf("t%d-%d", n, i);
        virDomainPtr dom = define(conn, name, NULL);
        virDomainPtr *list = NULL;
        int count;

        assert_int_equal(drv->domain_create_with_flags(dom, 0), 0);
        assert_int_equal(drv->domain_suspend(dom), 0);
        count = drv->connect_list_all_domains(conn, &list, 0);
        assert_true(count >= 2);
        for (int j = 0; j < count; j++)
            handle_domain_unref(list[j]);
        free(list);
        assert_int_equal(drv->domain_destroy_flags(dom, 0), 0);
        assert_int_equal(drv->domain_undefine_flags(dom, 0), 0);
        handle_domain_unref(dom);
        close_conn(conn);
    }
    return NULL;
}

static void
test_threads(void **state)
{
    virConnectPtr keep = open_conn("test:///default");
    pthread_t threads[8];

    (void)state;
    for (int i = 0; i < 8; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, hammer, (void *)(intptr_t)i), 0);
    for (int i = 0; i < 8; i++)
        pthread_join(threads[i], NULL);
    assert_int_equal(drv->connect_num_of_domains(keep), 1);
    assert_int_equal(drv->connect_num_of_defined_domains(keep), 0);
    close_conn(keep);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_xml),
        cmocka_unit_test(test_default_host),
        cmocka_unit_test(test_default_domain),
        cmocka_unit_test(test_lookup_errors),
        cmocka_unit_test(test_lifecycle),
        cmocka_unit_test(test_transient_and_actions),
        cmocka_unit_test(test_redefine_running),
        cmocka_unit_test(test_memory_vcpus),
        cmocka_unit_test(test_list_filters),
        cmocka_unit_test(test_flag_errors),
        cmocka_unit_test(test_network_pool_info),
        cmocka_unit_test(test_default_shared_then_reset),
        cmocka_unit_test(test_open_uris),
        cmocka_unit_test(test_bad_state_files),
        cmocka_unit_test(test_state_file),
        cmocka_unit_test(test_state_auth),
        cmocka_unit_test(test_threads),
    };

    data_dir = argc > 1 ? argv[1] : "data";
    return cmocka_run_group_tests(tests, NULL, NULL);
}
