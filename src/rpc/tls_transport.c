/*
 * tls_transport.c: the client side of libvirt's tls transport over a
 * blocking socket. GnuTLS allows one thread in record_recv and another in
 * record_send on the same session, which is what the client engine does.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/tls_transport.h"

#include "rpc/client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"

/* A server that accepts the connection but never answers the handshake. */
#define TLS_HANDSHAKE_TIMEOUT_MS (30 * 1000)

typedef struct {
    RpcTransport base;   /* first */
    gnutls_session_t session;
    RpcTlsContext *ctx;
    char *cache_key;     /* set once the session is confirmed */
} TlsTransport;

static ssize_t
tls_read(RpcTransport *t, void *buf, size_t len)
{
    TlsTransport *tt = (TlsTransport *)t;

    for (;;) {
        ssize_t n = gnutls_record_recv(tt->session, buf, len);

        if (n >= 0)
            return n;
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
            continue;
        /* A peer that just closed the socket reads as the end of the file. */
        if (n == GNUTLS_E_PREMATURE_TERMINATION)
            return 0;
        return errno ? -errno : -EIO;
    }
}

static ssize_t
tls_write(RpcTransport *t, const void *buf, size_t len)
{
    TlsTransport *tt = (TlsTransport *)t;

    for (;;) {
        ssize_t n = gnutls_record_send(tt->session, buf, len);

        if (n >= 0)
            return n;
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
            continue;
        return errno ? -errno : -EIO;
    }
}

static void
tls_shutdown(RpcTransport *t)
{
    if (t->fd >= 0)
        shutdown(t->fd, SHUT_RDWR);
}

static void
tls_free(RpcTransport *t)
{
    TlsTransport *tt = (TlsTransport *)t;

    /* The ticket came after the confirmation, with the first replies; a
     * resumed session got none and the saved one stays good. */
    if (tt->session && tt->cache_key && !gnutls_session_is_resumed(tt->session))
        rpc_tls_context_session_save(tt->ctx, tt->cache_key, tt->session);
    free(tt->cache_key);
    if (tt->session)
        gnutls_deinit(tt->session);
    rpc_tls_context_unref(tt->ctx);
    if (t->fd >= 0)
        close(t->fd);
    free(tt);
}

static bool
tls_pending(RpcTransport *t)
{
    return gnutls_record_check_pending(((TlsTransport *)t)->session) > 0;
}

static const RpcTransportOps tls_ops = {
    .read = tls_read,
    .write = tls_write,
    .shutdown = tls_shutdown,
    .free = tls_free,
    .pending = tls_pending,
};

static int
tls_handshake(gnutls_session_t s)
{
    int rc;

    do {
        rc = gnutls_handshake(s);
    } while (rc < 0 && !gnutls_error_is_fatal(rc));
    if (rc < 0) {
        vir_report_error(VIR_ERR_AUTH_FAILED, "TLS handshake failed %s", gnutls_strerror(rc));
        return -1;
    }
    return 0;
}

/* The server's verdict on us: one '\1' in the first record, or a close. */
static int
tls_read_confirmation(gnutls_session_t s)
{
    char byte = 0;
    ssize_t n;

    /* A peer that finished the handshake but never answers must not hang
     * the open; afterwards reads block as long as calls need. */
    gnutls_record_set_timeout(s, TLS_HANDSHAKE_TIMEOUT_MS);
    do {
        n = gnutls_record_recv(s, &byte, 1);
    } while (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED);
    gnutls_record_set_timeout(s, 0);
    if (n != 1 || byte != '\1') {
        vir_report_error(VIR_ERR_RPC, "%s",
                         "server verification (of our certificate or IP address) failed");
        return -1;
    }
    return 0;
}

RpcTransport *
rpc_transport_new_tls(const char *host, const char *port, RpcTlsContext *ctx)
{
    RpcTransport *plain = rpc_transport_new_tcp(host, port);
    TlsTransport *tt;
    unsigned char addr[16];
    char *key;
    char *dn = NULL;

    if (!plain)
        return NULL;
    tt = XNEW(TlsTransport);
    tt->base.ops = &tls_ops;
    tt->base.fd = plain->fd;
    plain->fd = -1;
    plain->ops->free(plain);
    rpc_tls_context_ref(ctx);
    tt->ctx = ctx;
    if (rpc_tls_context_session_init(ctx, &tt->session) < 0)
        goto error;
    /* SNI only for names, never for addresses (RFC 6066). */
    if (inet_pton(AF_INET, host, addr) != 1 && inet_pton(AF_INET6, host, addr) != 1)
        gnutls_server_name_set(tt->session, GNUTLS_NAME_DNS, host, strlen(host));
    key = xasprintf("%s|%s", host, port);
    rpc_tls_context_session_restore(ctx, key, tt->session);
    gnutls_transport_set_int(tt->session, tt->base.fd);
    gnutls_handshake_set_timeout(tt->session, TLS_HANDSHAKE_TIMEOUT_MS);
    if (tls_handshake(tt->session) < 0 ||
        rpc_tls_context_check_peer(ctx, tt->session, host, NULL, &dn) < 0 ||
        tls_read_confirmation(tt->session) < 0) {
        free(key);
        free(dn);
        goto error;
    }
    tt->cache_key = key;
    free(dn);
    return &tt->base;

error:
    tls_free(&tt->base);
    return NULL;
}

RpcClient *
rpc_client_new_tls(const char *host, const char *port, const char *pkipath,
                   const char *priority, bool no_verify, bool no_sanity)
{
    RpcTlsFiles files;
    RpcTlsConfig tc = { 0 };
    RpcTlsContext *ctx;
    RpcTransport *t;

    rpc_tls_files_locate(pkipath, false, geteuid() != 0, &files);
    tc.cacert = files.cacert;
    tc.cacrl = files.cacrl;
    tc.cert = files.cert;
    tc.key = files.key;
    /* With pkipath every file must be there; otherwise a client without a
     * certificate may still try (the daemon may not ask for one). */
    tc.cert_optional = !files.explicit_dir;
    tc.priority = priority;
    tc.sanity_check = !no_sanity;
    tc.require_valid = !no_verify;
    ctx = rpc_tls_context_client_cached(&tc);
    rpc_tls_files_clear(&files);
    if (!ctx)
        return NULL;
    t = rpc_transport_new_tls(host, port, ctx);
    rpc_tls_context_unref(ctx);
    return t ? rpc_client_new_transport(t) : NULL;
}
