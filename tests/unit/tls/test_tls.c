/*
 * test_tls.c: TLS units without a daemon.
 *
 * Certificates come from `vireo pki` (argv[1]) in a temporary directory.
 * The daemon's engine (rpc/tls_server.h) is driven against a plain GnuTLS
 * client session whose transport is also memory, so the whole exchange -
 * handshake, checks, the '\1' byte, records both ways - runs in one thread.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "remote/remote_client_target.h"
#include "rpc/tls_context.h"
#include "rpc/tls_server.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/uri.h"

static const char *vireo_bin;
static char pki_dir[] = "/tmp/vireo-tls-unit-XXXXXX";

static void
pki_run(const char *args)
{
    char *cmd = xasprintf("%s pki %s >/dev/null", vireo_bin, args);
    int rc = system(cmd);

    if (rc != 0) {
        fprintf(stderr, "failed: %s\n", cmd);
        abort();
    }
    free(cmd);
}

static char *
pki_path(const char *name)
{
    return xasprintf("%s/%s", pki_dir, name);
}

/* --- URI rules and file locations ------------------------------------------- */

static int
target_of(const char *text, RemoteTarget *t)
{
    VireoUri *uri = NULL;
    int rc;

    assert_int_equal(vireo_uri_parse(text, &uri), 0);
    rc = remote_client_target_init(uri, false, t);
    vireo_uri_free(uri);
    return rc;
}

static void
test_target_tls(void **state)
{
    RemoteTarget t;

    (void)state;
    assert_int_equal(target_of("test://h.example/default?pkipath=/p&no_verify=1", &t), 1);
    assert_int_equal(t.transport, REMOTE_TRANSPORT_TLS);
    assert_string_equal(t.host, "h.example");
    assert_string_equal(t.port, REMOTE_DEFAULT_TLS_PORT);
    assert_string_equal(t.pkipath, "/p");
    assert_true(t.no_verify);
    assert_false(t.no_sanity);
    assert_string_equal(t.name, "test:///default");
    remote_client_target_clear(&t);

    assert_int_equal(target_of("qemu+tls://[::1]:1234/system?no_sanity=1&tls_priority=NORMAL",
                               &t), 1);
    assert_int_equal(t.transport, REMOTE_TRANSPORT_TLS);
    assert_string_equal(t.host, "::1");
    assert_string_equal(t.port, "1234");
    assert_true(t.no_sanity);
    assert_string_equal(t.tls_priority, "NORMAL");
    assert_string_equal(t.name, "qemu:///system");
    remote_client_target_clear(&t);
}

static void
test_files_locate(void **state)
{
    RpcTlsFiles f;
    char *home = pki_path("home");
    char *dir = xasprintf("%s/.pki/libvirt", home);
    char *ca = xasprintf("%s/cacert.pem", dir);
    char *cmd = xasprintf("mkdir -p %s && touch %s", dir, ca);
    char *old_home = xstrdup(getenv("HOME"));

    (void)state;
    rpc_tls_files_locate("/x", false, true, &f);
    assert_string_equal(f.cacert, "/x/cacert.pem");
    assert_string_equal(f.cacrl, "/x/cacrl.pem");
    assert_string_equal(f.cert, "/x/clientcert.pem");
    assert_string_equal(f.key, "/x/clientkey.pem");
    assert_true(f.explicit_dir);
    rpc_tls_files_clear(&f);

    rpc_tls_files_locate(NULL, true, false, &f);
    assert_string_equal(f.cacert, RPC_TLS_CACERT);
    assert_string_equal(f.cert, RPC_TLS_SERVERCERT);
    assert_string_equal(f.key, RPC_TLS_SERVERKEY);
    assert_false(f.explicit_dir);
    rpc_tls_files_clear(&f);

    /* A user directory with only the CA: the CA from there, the rest from
     * the system places. */
    assert_int_equal(system(cmd), 0);
    setenv("HOME", home, 1);
    rpc_tls_files_locate(NULL, false, true, &f);
    assert_string_equal(f.cacert, ca);
    assert_string_equal(f.cert, RPC_TLS_CLIENTCERT);
    assert_string_equal(f.key, RPC_TLS_CLIENTKEY);
    rpc_tls_files_clear(&f);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_home);
    free(cmd);
    free(ca);
    free(dir);
    free(home);
}

/* --- loading and the daemon's own checks --------------------------------------- */

static RpcTlsContext *
server_context(const char *dir, const char *const *dn_acl, char **ret_msg)
{
    char *ca = xasprintf("%s/%s/cacert.pem", pki_dir, dir);
    char *cert = xasprintf("%s/%s/servercert.pem", pki_dir, dir);
    char *key = xasprintf("%s/%s/serverkey.pem", pki_dir, dir);
    RpcTlsConfig cfg = { .cacert = ca, .cert = cert, .key = key, .sanity_check = true,
                         .require_valid = true, .check_address = true, .dn_acl = dn_acl };
    RpcTlsContext *ctx;

    virResetLastError();
    ctx = rpc_tls_context_new(&cfg, true);
    if (!ctx && ret_msg)
        *ret_msg = xstrdup(vir_error_current()->message);
    free(ca);
    free(cert);
    free(key);
    return ctx;
}

static void
test_context_missing_ca(void **state)
{
    RpcTlsConfig cfg = { .cacert = "/nonexistent/cacert.pem", .sanity_check = true };
    virErrorPtr err;

    (void)state;
    virResetLastError();
    assert_null(rpc_tls_context_new(&cfg, false));
    err = vir_error_current();
    assert_non_null(err);
    assert_non_null(strstr(err->message, "Cannot read CA certificate '/nonexistent/cacert.pem'"));
}

static void
test_context_sanity(void **state)
{
    RpcTlsContext *ctx;
    char *msg = NULL;

    (void)state;
    ctx = server_context("server", NULL, NULL);
    assert_non_null(ctx);
    rpc_tls_context_unref(ctx);

    assert_null(server_context("expired", NULL, &msg));
    assert_non_null(strstr(msg, "servercert.pem has expired"));
    free(msg);
    msg = NULL;

    assert_null(server_context("mismatch", NULL, &msg));
    assert_non_null(strstr(msg, "does not match the certificate"));
    free(msg);
    msg = NULL;

    /* A client certificate offered as a server's: its purpose is critical. */
    assert_null(server_context("client-as-server", NULL, &msg));
    assert_non_null(strstr(msg, "purpose does not allow use for with a TLS server"));
    free(msg);
}

/* --- the daemon's engine against a GnuTLS client in memory ---------------------- */

typedef struct {
    RpcBuf to_client;  /* the server's wire bytes the client has not read */
    size_t pos;
    RpcBuf to_server;  /* the client's bytes */
    gnutls_session_t client;
    gnutls_certificate_credentials_t cred;
} Pipe;

static void
pipe_clear(Pipe *pipe)
{
    gnutls_deinit(pipe->client);
    gnutls_certificate_free_credentials(pipe->cred);
    rpc_buf_free(&pipe->to_client);
    rpc_buf_free(&pipe->to_server);
}

static ssize_t
client_push(gnutls_transport_ptr_t p, const void *data, size_t len)
{
    Pipe *pipe = p;

    rpc_buf_reserve(&pipe->to_server, len);
    memcpy(pipe->to_server.data + pipe->to_server.len, data, len);
    pipe->to_server.len += len;
    return (ssize_t)len;
}

static ssize_t
client_pull(gnutls_transport_ptr_t p, void *data, size_t len)
{
    Pipe *pipe = p;
    size_t avail = pipe->to_client.len - pipe->pos;

    if (!avail) {
        gnutls_transport_set_errno(pipe->client, EAGAIN);
        return -1;
    }
    if (len > avail)
        len = avail;
    memcpy(data, pipe->to_client.data + pipe->pos, len);
    pipe->pos += len;
    return (ssize_t)len;
}

/* Moves the client's bytes into the server and the server's output to the
 * client. Returns the server's status. */
static RpcServerTlsStatus
pump(Pipe *pipe, RpcServerTls *tls, RpcBuf *plain)
{
    RpcBuf *in = rpc_server_tls_inbuf(tls), *wire;
    RpcServerTlsStatus st;

    rpc_buf_reserve(in, pipe->to_server.len);
    memcpy(in->data + in->len, pipe->to_server.data, pipe->to_server.len);
    in->len += pipe->to_server.len;
    pipe->to_server.len = 0;
    st = rpc_server_tls_input(tls, plain);
    wire = rpc_server_tls_wire(tls);
    rpc_buf_reserve(&pipe->to_client, wire->len);
    memcpy(pipe->to_client.data + pipe->to_client.len, wire->data, wire->len);
    pipe->to_client.len += wire->len;
    wire->len = 0;
    return st;
}

/* Runs the client's handshake against tls until it finishes or the server
 * gives up; then returns the server's last status. */
static RpcServerTlsStatus
handshake(Pipe *pipe, RpcServerTls *tls, RpcBuf *plain, const char *client_dir)
{
    gnutls_certificate_credentials_t cred;
    char *ca = xasprintf("%s/%s/cacert.pem", pki_dir, client_dir);
    char *cert = xasprintf("%s/%s/clientcert.pem", pki_dir, client_dir);
    char *key = xasprintf("%s/%s/clientkey.pem", pki_dir, client_dir);
    RpcServerTlsStatus st = RPC_SERVER_TLS_OK;
    int rc = GNUTLS_E_AGAIN;

    gnutls_certificate_allocate_credentials(&cred);
    pipe->cred = cred;
    assert_true(gnutls_certificate_set_x509_trust_file(cred, ca, GNUTLS_X509_FMT_PEM) > 0);
    assert_int_equal(gnutls_certificate_set_x509_key_file(cred, cert, key, GNUTLS_X509_FMT_PEM),
                     0);
    gnutls_init(&pipe->client, GNUTLS_CLIENT);
    gnutls_set_default_priority(pipe->client);
    gnutls_credentials_set(pipe->client, GNUTLS_CRD_CERTIFICATE, cred);
    gnutls_transport_set_ptr(pipe->client, pipe);
    gnutls_transport_set_push_function(pipe->client, client_push);
    gnutls_transport_set_pull_function(pipe->client, client_pull);
    for (int i = 0; i < 20 && rc == GNUTLS_E_AGAIN && st == RPC_SERVER_TLS_OK; i++) {
        rc = gnutls_handshake(pipe->client);
        st = pump(pipe, tls, plain);
    }
    assert_int_equal(rc, 0);
    free(ca);
    free(cert);
    free(key);
    return st;
}

static void
test_server_engine(void **state)
{
    RpcTlsContext *ctx = server_context("server", NULL, NULL);
    RpcServerTls *tls;
    RpcBuf plain = { 0 }, reply = { 0 };
    Pipe pipe = { 0 };
    char buf[64];
    ssize_t n;

    (void)state;
    assert_non_null(ctx);
    tls = rpc_server_tls_new(ctx, "127.0.0.1");
    assert_non_null(tls);
    assert_int_equal(handshake(&pipe, tls, &plain, "client"), RPC_SERVER_TLS_OK);
    /* The server's verdict, then data both ways. */
    n = gnutls_record_recv(pipe.client, buf, sizeof(buf));
    assert_int_equal(n, 1);
    assert_int_equal(buf[0], '\1');
    assert_int_equal(gnutls_record_send(pipe.client, "hello", 5), 5);
    assert_int_equal(pump(&pipe, tls, &plain), RPC_SERVER_TLS_OK);
    assert_int_equal(plain.len, 5);
    assert_memory_equal(plain.data, "hello", 5);
    rpc_buf_reserve(&reply, 6);
    memcpy(reply.data, "world!", 6);
    reply.len = 6;
    assert_int_equal(rpc_server_tls_encrypt(tls, &reply), 0);
    assert_int_equal(reply.len, 0);
    assert_int_equal(pump(&pipe, tls, &plain), RPC_SERVER_TLS_OK);
    n = gnutls_record_recv(pipe.client, buf, sizeof(buf));
    assert_int_equal(n, 6);
    assert_memory_equal(buf, "world!", 6);
    /* The peer's close_notify ends the stream. */
    gnutls_bye(pipe.client, GNUTLS_SHUT_WR);
    assert_int_equal(pump(&pipe, tls, &plain), RPC_SERVER_TLS_CLOSE);
    pipe_clear(&pipe);
    rpc_server_tls_free(tls);
    rpc_tls_context_unref(ctx);
    rpc_buf_free(&plain);
    rpc_buf_free(&reply);
}

static void
test_server_engine_refuses_dn(void **state)
{
    static const char *const acl[] = { "C=GB,O=Someone Else,CN=*", NULL };
    RpcTlsContext *ctx = server_context("server", acl, NULL);
    RpcServerTls *tls;
    RpcBuf plain = { 0 };
    Pipe pipe = { 0 };

    (void)state;
    assert_non_null(ctx);
    tls = rpc_server_tls_new(ctx, "127.0.0.1");
    assert_int_equal(handshake(&pipe, tls, &plain, "client"), RPC_SERVER_TLS_REFUSE);
    assert_int_equal(plain.len, 0);
    pipe_clear(&pipe);
    rpc_server_tls_free(tls);
    rpc_tls_context_unref(ctx);
    rpc_buf_free(&plain);
}

static void
test_server_engine_garbage(void **state)
{
    RpcTlsContext *ctx = server_context("server", NULL, NULL);
    RpcServerTls *tls = rpc_server_tls_new(ctx, "127.0.0.1");
    RpcBuf plain = { 0 };
    RpcBuf *in = rpc_server_tls_inbuf(tls);
    static const char junk[] = "\x00\x00\x00\x1c\x20\x00\x80\x86 not a TLS record at all";

    rpc_buf_reserve(in, sizeof(junk));
    memcpy(in->data, junk, sizeof(junk));
    in->len = sizeof(junk);
    (void)state;
    assert_int_equal(rpc_server_tls_input(tls, &plain), RPC_SERVER_TLS_CLOSE);
    assert_int_equal(plain.len, 0);
    rpc_server_tls_free(tls);
    rpc_tls_context_unref(ctx);
}

static void
make_pki(void)
{
    char *ca, *cmd;

    assert_non_null(mkdtemp(pki_dir));
    ca = pki_path("ca");
    cmd = xasprintf("init-ca --dir %s", ca);
    pki_run(cmd);
    free(cmd);
    cmd = xasprintf("issue-server --dir %s --out %s/server --host localhost --ip 127.0.0.1",
                    ca, pki_dir);
    pki_run(cmd);
    free(cmd);
    cmd = xasprintf("issue-client --dir %s --out %s/client --dn C=GB,O=Unit,CN=c1", ca,
                    pki_dir);
    pki_run(cmd);
    free(cmd);
    cmd = xasprintf("issue-server --dir %s --out %s/expired --host localhost --not-before -20 "
                    "--days 5", ca, pki_dir);
    pki_run(cmd);
    free(cmd);
    cmd = xasprintf("issue-server --dir %s --out %s/mismatch --host localhost", ca, pki_dir);
    pki_run(cmd);
    free(cmd);
    cmd = xasprintf("cp %s/client/clientkey.pem %s/mismatch/serverkey.pem && "
                    "mkdir -p %s/client-as-server && cp %s/client/cacert.pem "
                    "%s/client-as-server/ && cp %s/client/clientcert.pem "
                    "%s/client-as-server/servercert.pem && cp %s/client/clientkey.pem "
                    "%s/client-as-server/serverkey.pem", pki_dir, pki_dir, pki_dir, pki_dir,
                    pki_dir, pki_dir, pki_dir, pki_dir, pki_dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(ca);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target_tls),
        cmocka_unit_test(test_files_locate),
        cmocka_unit_test(test_context_missing_ca),
        cmocka_unit_test(test_context_sanity),
        cmocka_unit_test(test_server_engine),
        cmocka_unit_test(test_server_engine_refuses_dn),
        cmocka_unit_test(test_server_engine_garbage),
    };
    char *cleanup;
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: %s PATH-TO-VIREO\n", argv[0]);
        return 2;
    }
    vireo_bin = argv[1];
    make_pki();
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    cleanup = xasprintf("rm -rf %s", pki_dir);
    if (system(cleanup) != 0)
        rc = rc ? rc : 1;
    free(cleanup);
    return rc;
}
