/*
 * test_loopback.c: both halves of the REMOTE program over real sockets.
 *
 * A server with the REMOTE program runs on a thread of this process, with
 * the in-memory test driver behind it; the public API, through the remote
 * driver, talks to it over unix and tcp. Values come from PROTOCOL.md 6
 * (what libvirtd's test driver answers), errors from 3.2. A raw RPC client
 * checks what the daemon does with calls libvirt's client never makes in
 * that order (before CONNECT_OPEN, a second open, no name).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <cmocka.h>
#include <libvirt/libvirt.h>

#include "drivers/driver.h"
#include "remote/remote_server.h"
#include "remote_protocol.h"
#include "rpc/client.h"
#include "rpc/server.h"
#include "util/error.h"

typedef struct {
    RpcServer *srv;
    pthread_t thread;
    char dir[64];
    char rw[128];
    char ro[128];
    char rw_uri[256];
    char ro_uri[256];
    char tcp_uri[256];
} Fixture;

static Fixture *fx;

static void *
server_thread(void *opaque)
{
    rpc_server_run(opaque, 0);
    return NULL;
}

/* Errors are checked through virGetLastError; keep them off stderr. */
static void
quiet_errors(void *opaque, virErrorPtr err)
{
}

static int
fixture_setup(void **state)
{
    RpcServerConfig cfg = {
        .max_clients = 50, .max_client_requests = 5, .min_workers = 2, .max_workers = 8,
        .prio_workers = 2, .keepalive_interval = -1, .keepalive_count = 5,
    };

    virSetErrorFunc(NULL, quiet_errors);
    vireo_driver_register(&vireo_test_driver);
    vireo_driver_register(&vireo_remote_driver);
    fx = calloc(1, sizeof(*fx));
    strcpy(fx->dir, "/tmp/vireo-remote-test-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->rw, sizeof(fx->rw), "%s/sock", fx->dir);
    snprintf(fx->ro, sizeof(fx->ro), "%s/sock-ro", fx->dir);
    fx->srv = rpc_server_new(&cfg);
    assert_non_null(fx->srv);
    rpc_server_add_program(fx->srv, remote_server_program());
    assert_int_equal(rpc_server_listen_unix(fx->srv, fx->rw, 0700, (gid_t)-1, false, 0), 0);
    assert_int_equal(rpc_server_listen_unix(fx->srv, fx->ro, 0777, (gid_t)-1, true, 0), 0);
    assert_int_equal(rpc_server_listen_tcp(fx->srv, "127.0.0.1", "0", 0), 0);
    snprintf(fx->rw_uri, sizeof(fx->rw_uri), "test+unix:///default?socket=%s", fx->rw);
    snprintf(fx->ro_uri, sizeof(fx->ro_uri), "test+unix:///default?socket=%s", fx->ro);
    snprintf(fx->tcp_uri, sizeof(fx->tcp_uri), "test+tcp://127.0.0.1:%d/default",
             rpc_server_get_tcp_port(fx->srv));
    assert_int_equal(pthread_create(&fx->thread, NULL, server_thread, fx->srv), 0);
    return 0;
}

static int
fixture_teardown(void **state)
{
    rpc_server_stop(fx->srv);
    pthread_join(fx->thread, NULL);
    rpc_server_free(fx->srv);
    unlink(fx->rw);
    unlink(fx->ro);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static void
assert_last_error(int code, int domain, const char *message)
{
    virErrorPtr err = virGetLastError();

    assert_non_null(err);
    assert_int_equal(err->code, code);
    assert_int_equal(err->domain, domain);
    if (message)
        assert_string_equal(err->message, message);
}

/* ---- through the public API -------------------------------------------- */

static void
test_connection_queries(void **state)
{
    virConnectPtr conn = virConnectOpen(fx->rw_uri);
    unsigned long ver = 0;
    char *s;

    assert_non_null(conn);
    assert_string_equal(conn->driver->name, "remote");
    assert_string_equal(virConnectGetType(conn), "TEST");
    assert_int_equal(virConnectGetVersion(conn, &ver), 0);
    assert_int_equal(ver, 2);
    assert_int_equal(virConnectGetLibVersion(conn, &ver), 0);
    assert_int_equal(ver, 9000000);
    s = virConnectGetURI(conn);
    assert_string_equal(s, fx->rw_uri);
    free(s);
    assert_non_null(s = virConnectGetHostname(conn));
    free(s);
    assert_non_null(s = virConnectGetCapabilities(conn));
    assert_non_null(strstr(s, "<capabilities>"));
    free(s);
    assert_int_equal(virConnectIsAlive(conn), 1);
    assert_int_equal(virConnectIsSecure(conn), 1);     /* unix */
    assert_int_equal(virConnectIsEncrypted(conn), 0);
    assert_int_equal(virConnectClose(conn), 0);
}

static void
test_host(void **state)
{
    virConnectPtr conn = virConnectOpen(fx->rw_uri);
    virNodeInfo info;
    virSecurityModel model;

    assert_non_null(conn);
    assert_int_equal(virNodeGetInfo(conn, &info), 0);
    assert_string_equal(info.model, "i686");
    assert_int_equal(info.memory, 3145728);
    assert_int_equal(info.cpus, 16);
    assert_int_equal(info.mhz, 1400);
    assert_int_equal(info.nodes, 2);
    assert_int_equal(info.threads, 2);
    assert_int_equal(virNodeGetSecurityModel(conn, &model), 0);
    assert_string_equal(model.model, "testSecurity");
    assert_string_equal(model.doi, "");
    virConnectClose(conn);
}

static void
test_domains(void **state)
{
    virConnectPtr conn = virConnectOpen(fx->rw_uri);
    virDomainPtr *doms = NULL;
    virDomainPtr dom;
    virDomainInfo info;
    virSecurityLabel label;
    int n, st = -1, reason = -1, autostart = -1;
    char **msgs = NULL;
    char *s;

    assert_non_null(conn);
    n = virConnectListAllDomains(conn, &doms, 3);
    assert_int_equal(n, 1);
    assert_string_equal(virDomainGetName(doms[0]), "test");
    assert_int_equal(virDomainGetID(doms[0]), 1);
    virDomainFree(doms[0]);
    free(doms);
    assert_int_equal(virConnectListAllDomains(conn, NULL, 3), 1);
    assert_int_equal(virConnectNumOfDomains(conn), 1);

    dom = virDomainLookupByName(conn, "test");
    assert_non_null(dom);
    assert_int_equal(virDomainGetInfo(dom, &info), 0);
    assert_int_equal(info.state, VIR_DOMAIN_RUNNING);
    assert_int_equal(info.maxMem, 8388608);
    assert_int_equal(info.memory, 2097152);
    assert_int_equal(info.nrVirtCpu, 2);
    assert_int_equal(virDomainGetState(dom, &st, &reason, 0), 0);
    assert_int_equal(st, VIR_DOMAIN_RUNNING);
    s = virDomainGetOSType(dom);
    assert_string_equal(s, "linux");
    free(s);
    s = virDomainGetXMLDesc(dom, 0);
    assert_non_null(strstr(s, "<name>test</name>"));
    free(s);
    assert_int_equal(virDomainIsActive(dom), 1);
    assert_int_equal(virDomainIsPersistent(dom), 1);
    assert_int_equal(virDomainGetAutostart(dom, &autostart), 0);
    assert_int_equal(autostart, 0);
    assert_int_equal(virDomainGetSecurityLabel(dom, &label), 0);
    assert_string_equal(label.label, "libvirt-test");
    assert_int_equal(label.enforcing, 1);
    assert_int_equal(virDomainGetMessages(dom, &msgs, 0), 0);
    free(msgs);
    assert_int_equal(virDomainGetMaxMemory(dom), 8388608);
    virDomainFree(dom);

    assert_null(virDomainLookupByName(conn, "nosuch"));
    assert_last_error(VIR_ERR_NO_DOMAIN, VIR_FROM_TEST, "Domain not found");
    virConnectClose(conn);
}

static const char new_domain_xml[] =
    "<domain type='test'><name>remote-new</name><memory>1048576</memory>"
    "<vcpu>1</vcpu><os><type>hvm</type></os></domain>";

static void
test_domain_lifecycle(void **state)
{
    virConnectPtr conn = virConnectOpen(fx->rw_uri);
    virDomainPtr dom;
    int st, reason;

    assert_non_null(conn);
    dom = virDomainDefineXML(conn, new_domain_xml);
    assert_non_null(dom);
    assert_int_equal(virDomainGetID(dom), (unsigned int)-1);
    assert_int_equal(virDomainCreate(dom), 0);
    /* The client looked the domain up again: the handle has its new id. */
    assert_true(virDomainGetID(dom) != (unsigned int)-1);
    assert_int_equal(virDomainSuspend(dom), 0);
    assert_int_equal(virDomainGetState(dom, &st, &reason, 0), 0);
    assert_int_equal(st, VIR_DOMAIN_PAUSED);
    assert_int_equal(virDomainResume(dom), 0);
    assert_int_equal(virDomainDestroy(dom), 0);
    assert_int_equal(virDomainGetID(dom), (unsigned int)-1);
    assert_int_equal(virDomainDestroy(dom), -1);
    assert_last_error(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                      "Requested operation is not valid: domain is not running");
    assert_int_equal(virDomainUndefineFlags(dom, 0), 0);
    virDomainFree(dom);
    assert_null(virDomainLookupByName(conn, "remote-new"));
    virConnectClose(conn);
}

static void
test_networks_and_storage(void **state)
{
    virConnectPtr conn = virConnectOpen(fx->tcp_uri);
    virNetworkPtr *nets = NULL;
    virStoragePoolPtr *pools = NULL;
    virStorageVolPtr *vols = NULL;
    virStoragePoolInfo pinfo;
    char *s;

    assert_non_null(conn);
    assert_int_equal(virConnectIsSecure(conn), 0);     /* plain tcp */
    assert_int_equal(virConnectListAllNetworks(conn, &nets, 0), 1);
    assert_string_equal(virNetworkGetName(nets[0]), "default");
    s = virNetworkGetBridgeName(nets[0]);
    assert_string_equal(s, "virbr0");
    free(s);
    assert_int_equal(virNetworkIsActive(nets[0]), 1);
    virNetworkFree(nets[0]);
    free(nets);

    assert_int_equal(virConnectListAllStoragePools(conn, &pools, 0), 1);
    assert_string_equal(virStoragePoolGetName(pools[0]), "default-pool");
    assert_int_equal(virStoragePoolGetInfo(pools[0], &pinfo), 0);
    assert_int_equal(pinfo.state, VIR_STORAGE_POOL_RUNNING);
    assert_int_equal(pinfo.capacity, 107374182400ULL);
    assert_int_equal(virStoragePoolListAllVolumes(pools[0], &vols, 0), 0);
    free(vols);
    virStoragePoolFree(pools[0]);
    free(pools);
    virConnectClose(conn);
}

static const char transient_xml[] =
    "<domain type='test'><name>remote-transient</name><memory>1048576</memory>"
    "<vcpu>1</vcpu><os><type>hvm</type></os></domain>";

/* The legacy list calls, lookups by id and uuid, and the smaller host
 * queries, each checked against the answer of a second route. */
static void
test_legacy_and_lookups(void **state)
{
    virConnectPtr conn = virConnectOpen(fx->rw_uri);
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned long long cells[4];
    virDomainPtr dom, again;
    virNetworkPtr net, net2;
    virStoragePoolPtr pool, pool2;
    char *names[4];
    int ids[4];
    char *s;

    assert_non_null(conn);
    assert_int_equal(virConnectListDomains(conn, ids, 4), 1);
    assert_int_equal(ids[0], 1);
    assert_int_equal(virConnectListDefinedDomains(conn, names, 4), 0);
    assert_int_equal(virConnectListNetworks(conn, names, 4), 1);
    assert_string_equal(names[0], "default");
    free(names[0]);
    assert_int_equal(virConnectNumOfDefinedNetworks(conn), 0);
    assert_int_equal(virConnectListStoragePools(conn, names, 4), 1);
    assert_string_equal(names[0], "default-pool");
    free(names[0]);
    assert_int_equal(virConnectNumOfStoragePools(conn), 1);
    assert_int_equal(virConnectListDefinedStoragePools(conn, names, 4), 0);

    dom = virDomainLookupByID(conn, 1);
    assert_non_null(dom);
    assert_int_equal(virDomainGetUUID(dom, uuid), 0);
    again = virDomainLookupByUUID(conn, uuid);
    assert_non_null(again);
    assert_string_equal(virDomainGetName(again), "test");
    assert_int_equal(virDomainGetMaxVcpus(dom), 2);
    assert_int_equal(virDomainGetVcpusFlags(dom, 0), 2);
    assert_int_equal(virDomainHasManagedSaveImage(dom, 0), 0);
    assert_int_equal(virDomainSnapshotNum(dom, 0), 0);
    assert_int_equal(virDomainIsUpdated(dom), 0);
    virDomainFree(again);
    virDomainFree(dom);

    net = virNetworkLookupByName(conn, "default");
    assert_non_null(net);
    assert_int_equal(virNetworkGetUUID(net, uuid), 0);
    net2 = virNetworkLookupByUUID(conn, uuid);
    assert_non_null(net2);
    assert_string_equal(virNetworkGetName(net2), "default");
    assert_int_equal(virNetworkIsPersistent(net2), 1);
    s = virNetworkGetXMLDesc(net2, 0);
    assert_non_null(strstr(s, "<name>default</name>"));
    free(s);
    virNetworkFree(net2);
    virNetworkFree(net);

    pool = virStoragePoolLookupByName(conn, "default-pool");
    assert_non_null(pool);
    assert_int_equal(virStoragePoolGetUUID(pool, uuid), 0);
    pool2 = virStoragePoolLookupByUUID(conn, uuid);
    assert_non_null(pool2);
    assert_int_equal(virStoragePoolNumOfVolumes(pool2), 0);
    assert_int_equal(virStoragePoolListVolumes(pool2, names, 4), 0);
    s = virStoragePoolGetXMLDesc(pool2, 0);
    assert_non_null(strstr(s, "<name>default-pool</name>"));
    free(s);
    assert_null(virStorageVolLookupByPath(conn, "/default-pool/nosuch.img"));
    assert_last_error(VIR_ERR_NO_STORAGE_VOL, VIR_FROM_TEST, NULL);
    virStoragePoolFree(pool2);
    virStoragePoolFree(pool);

    assert_int_equal(virNodeGetCellsFreeMemory(conn, cells, 0, 4), 2);
    assert_int_equal(cells[0], 2097152);
    assert_int_equal(cells[1], 4194304);
    assert_true(virNodeGetFreeMemory(conn) > 0);
    assert_int_equal(virConnectGetMaxVcpus(conn, NULL), 32);
    s = virConnectGetSysinfo(conn, 0);
    assert_non_null(strstr(s, "<sysinfo"));
    free(s);
    virConnectClose(conn);
}

/* A transient domain: CREATE_XML answers it running, with an id. */
static void
test_create_xml(void **state)
{
    virConnectPtr conn = virConnectOpen(fx->rw_uri);
    virDomainPtr dom;

    assert_non_null(conn);
    dom = virDomainCreateXML(conn, transient_xml, 0);
    assert_non_null(dom);
    assert_true(virDomainGetID(dom) != (unsigned int)-1);
    assert_int_equal(virDomainIsPersistent(dom), 0);
    assert_int_equal(virDomainDestroy(dom), 0);
    virDomainFree(dom);
    assert_null(virDomainLookupByName(conn, "remote-transient"));
    virConnectClose(conn);
}

/* ?name= overrides what CONNECT_OPEN asks for; a missing socket fails the
 * open with the path in the message. (An unknown driver name cannot be
 * tried here: this process has the remote driver registered, so the
 * server side would forward it; vireod registers only the test driver.) */
static void
test_open_variants(void **state)
{
    char uri[512];
    virConnectPtr conn;
    virErrorPtr err;

    snprintf(uri, sizeof(uri), "bogus+unix:///x?socket=%s&name=test%%3A%%2F%%2F%%2Fdefault",
             fx->rw);
    conn = virConnectOpen(uri);
    assert_non_null(conn);
    assert_string_equal(virConnectGetType(conn), "TEST");
    virConnectClose(conn);

    snprintf(uri, sizeof(uri), "test+unix:///default?socket=%s/nosuch", fx->dir);
    assert_null(virConnectOpen(uri));
    err = virGetLastError();
    assert_non_null(err);
    assert_int_equal(err->code, VIR_ERR_SYSTEM_ERROR);
    assert_non_null(strstr(err->message, "nosuch"));

    conn = virConnectOpenReadOnly(fx->rw_uri);
    assert_non_null(conn);
    assert_null(virDomainDefineXML(conn, new_domain_xml));
    assert_last_error(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN, NULL);
    virConnectClose(conn);
}

/* The answers libvirtd with the test driver gives (PROTOCOL.md 8.3), except
 * 14: answered 0 until the callback event procedures exist. */
static void
test_features(void **state)
{
    static const int want[] = {
        [1] = 0, [2] = 1 /* the remote driver's own answer */, [3] = 0, [4] = 0, [5] = 0,
        [6] = 0, [7] = 0, [8] = 1, [9] = 1, [10] = 1, [11] = 0, [12] = 0, [13] = 0,
        [14] = 1 /* 316/317 served */, [15] = 1, [16] = 1,
    };
    virConnectPtr conn = virConnectOpen(fx->rw_uri);

    assert_non_null(conn);
    for (int f = 1; f <= 16; f++) {
        int got = conn->driver->connect_supports_feature(conn, f);

        if (got != want[f])
            fail_msg("feature %d: %d, want %d", f, got, want[f]);
    }
    assert_int_equal(conn->driver->connect_supports_feature(conn, 999), 0);
    virConnectClose(conn);
}

/* The read-only socket makes the connection read-only even though the
 * client asked for read-write: the daemon refuses writes itself. */
static void
test_readonly_socket(void **state)
{
    virConnectPtr conn = virConnectOpen(fx->ro_uri);

    assert_non_null(conn);
    assert_int_equal(virConnectNumOfDomains(conn), 1);
    assert_null(virDomainDefineXML(conn, new_domain_xml));
    assert_last_error(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                      "operation forbidden: read only access prevents virDomainDefineXML");
    virConnectClose(conn);
}

/* ---- raw calls libvirt's client never makes ----------------------------- */

static int
raw_call(RpcClient *c, int proc, xdrproc_t af, void *a, xdrproc_t rf, void *r)
{
    virResetLastError();
    return rpc_client_call(c, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, proc, af, a, rf, r);
}

#define VOID_ (xdrproc_t)(void (*)(void))xdr_void, NULL

static void
test_raw_open_rules(void **state)
{
    RpcClient *c = rpc_client_new_unix(fx->rw);
    remote_connect_get_type_ret type;
    remote_auth_list_ret auth;
    remote_connect_open_args open_null = { NULL, 0 };
    char *name = "test:///default";
    remote_connect_open_args open_test = { &name, 0 };
    remote_connect_supports_feature_args f10 = { 10 };
    remote_connect_supports_feature_ret fret = { 0 };

    assert_non_null(c);
    memset(&auth, 0, sizeof(auth));
    assert_int_equal(raw_call(c, REMOTE_PROC_AUTH_LIST, VOID_,
                              (xdrproc_t)xdr_remote_auth_list_ret, &auth), 0);
    assert_int_equal(auth.types.types_len, 1);
    assert_int_equal(auth.types.types_val[0], REMOTE_AUTH_NONE);
    xdr_free((xdrproc_t)xdr_remote_auth_list_ret, (char *)&auth);

    /* Keepalive's feature needs no open connection. */
    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                              (xdrproc_t)xdr_remote_connect_supports_feature_args, &f10,
                              (xdrproc_t)xdr_remote_connect_supports_feature_ret, &fret), 0);
    assert_int_equal(fret.supported, 1);

    memset(&type, 0, sizeof(type));
    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_GET_TYPE, VOID_,
                              (xdrproc_t)xdr_remote_connect_get_type_ret, &type), -1);
    assert_last_error(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC,
                      "internal error: hypervisor connection not open");

    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_OPEN,
                              (xdrproc_t)xdr_remote_connect_open_args, &open_null, VOID_), -1);
    assert_last_error(VIR_ERR_NO_CONNECT, VIR_FROM_NONE,
                      "no connection driver available for <null>");

    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_OPEN,
                              (xdrproc_t)xdr_remote_connect_open_args, &open_test, VOID_), 0);
    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_GET_TYPE, VOID_,
                              (xdrproc_t)xdr_remote_connect_get_type_ret, &type), 0);
    assert_string_equal(type.type, "TEST");
    xdr_free((xdrproc_t)xdr_remote_connect_get_type_ret, (char *)&type);

    /* A second open fails and drops the first connection, like libvirtd. */
    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_OPEN,
                              (xdrproc_t)xdr_remote_connect_open_args, &open_test, VOID_), -1);
    assert_last_error(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC,
                      "internal error: connection already open");
    memset(&type, 0, sizeof(type));
    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_GET_TYPE, VOID_,
                              (xdrproc_t)xdr_remote_connect_get_type_ret, &type), -1);
    assert_last_error(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC,
                      "internal error: hypervisor connection not open");

    /* Unknown procedures come back as NO_SUPPORT through the client. */
    assert_int_equal(raw_call(c, 5000, VOID_, VOID_), -1);
    assert_last_error(VIR_ERR_NO_SUPPORT, VIR_FROM_RPC, NULL);

    /* CONNECT_CLOSE answers, then the daemon hangs up. */
    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_CLOSE, VOID_, VOID_), 0);
    assert_int_equal(raw_call(c, REMOTE_PROC_AUTH_LIST, VOID_,
                              (xdrproc_t)xdr_remote_auth_list_ret, &auth), -1);
    rpc_client_free(c);
}

/* Legacy list requests beyond the protocol bound are refused cleanly. */
static void
test_raw_hostile_list(void **state)
{
    RpcClient *c = rpc_client_new_unix(fx->rw);
    char *name = "test:///default";
    remote_connect_open_args open_test = { &name, 0 };
    remote_connect_list_domains_args big = { -5 };
    remote_connect_list_domains_ret ids;

    assert_non_null(c);
    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_OPEN,
                              (xdrproc_t)xdr_remote_connect_open_args, &open_test, VOID_), 0);
    memset(&ids, 0, sizeof(ids));
    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_LIST_DOMAINS,
                              (xdrproc_t)xdr_remote_connect_list_domains_args, &big,
                              (xdrproc_t)xdr_remote_connect_list_domains_ret, &ids), -1);
    assert_last_error(VIR_ERR_RPC, VIR_FROM_RPC, "maxids must be non-negative");
    big.maxids = 16385;
    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_LIST_DOMAINS,
                              (xdrproc_t)xdr_remote_connect_list_domains_args, &big,
                              (xdrproc_t)xdr_remote_connect_list_domains_ret, &ids), -1);
    assert_last_error(VIR_ERR_RPC, VIR_FROM_RPC, "maxids > REMOTE_DOMAIN_LIST_MAX");
    big.maxids = 10;
    assert_int_equal(raw_call(c, REMOTE_PROC_CONNECT_LIST_DOMAINS,
                              (xdrproc_t)xdr_remote_connect_list_domains_args, &big,
                              (xdrproc_t)xdr_remote_connect_list_domains_ret, &ids), 0);
    assert_int_equal(ids.ids.ids_len, 1);
    assert_int_equal(ids.ids.ids_val[0], 1);
    xdr_free((xdrproc_t)xdr_remote_connect_list_domains_ret, (char *)&ids);
    rpc_client_free(c);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_connection_queries),
        cmocka_unit_test(test_host),
        cmocka_unit_test(test_domains),
        cmocka_unit_test(test_domain_lifecycle),
        cmocka_unit_test(test_networks_and_storage),
        cmocka_unit_test(test_legacy_and_lookups),
        cmocka_unit_test(test_create_xml),
        cmocka_unit_test(test_open_variants),
        cmocka_unit_test(test_features),
        cmocka_unit_test(test_readonly_socket),
        cmocka_unit_test(test_raw_open_rules),
        cmocka_unit_test(test_raw_hostile_list),
    };

    return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
