/*
 * tls_server.c: GnuTLS over memory buffers for the libuv server.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/tls_server.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

/* Plain bytes are decrypted in steps of at least one full record. */
#define TLS_RECORD_ROOM (16 * 1024 + 256)
/* Give buffers above this back once they are empty. */
#define TLS_BUF_KEEP (256u * 1024)

struct RpcServerTls {
    gnutls_session_t session;
    RpcTlsContext *ctx;
    RpcBuf in;          /* ciphertext received */
    size_t in_pos;      /* consumed by GnuTLS so far */
    RpcBuf wire;        /* ciphertext to write */
    bool handshake_done;
    char *peer_addr;
};

static ssize_t
tls_server_push(gnutls_transport_ptr_t ptr, const void *data, size_t len)
{
    RpcServerTls *tls = ptr;

    rpc_buf_reserve(&tls->wire, len);
    memcpy(tls->wire.data + tls->wire.len, data, len);
    tls->wire.len += len;
    return (ssize_t)len;
}

static ssize_t
tls_server_pull(gnutls_transport_ptr_t ptr, void *data, size_t len)
{
    RpcServerTls *tls = ptr;
    size_t avail = tls->in.len - tls->in_pos;

    if (avail == 0) {
        gnutls_transport_set_errno(tls->session, EAGAIN);
        return -1;
    }
    if (len > avail)
        len = avail;
    memcpy(data, tls->in.data + tls->in_pos, len);
    tls->in_pos += len;
    return (ssize_t)len;
}

RpcServerTls *
rpc_server_tls_new(RpcTlsContext *ctx, const char *peer_addr)
{
    RpcServerTls *tls = XNEW(RpcServerTls);

    if (rpc_tls_context_session_init(ctx, &tls->session) < 0) {
        free(tls);
        return NULL;
    }
    rpc_tls_context_ref(ctx);
    tls->ctx = ctx;
    tls->peer_addr = xstrdup(peer_addr ? peer_addr : "");
    gnutls_transport_set_ptr(tls->session, tls);
    gnutls_transport_set_push_function(tls->session, tls_server_push);
    gnutls_transport_set_pull_function(tls->session, tls_server_pull);
    return tls;
}

void
rpc_server_tls_free(RpcServerTls *tls)
{
    if (!tls)
        return;
    gnutls_deinit(tls->session);
    rpc_tls_context_unref(tls->ctx);
    rpc_buf_free(&tls->in);
    rpc_buf_free(&tls->wire);
    free(tls->peer_addr);
    free(tls);
}

RpcBuf *
rpc_server_tls_inbuf(RpcServerTls *tls)
{
    return &tls->in;
}

RpcBuf *
rpc_server_tls_wire(RpcServerTls *tls)
{
    return &tls->wire;
}

static void
tls_server_consume(RpcServerTls *tls)
{
    rpc_buf_consume(&tls->in, tls->in_pos);
    tls->in_pos = 0;
    if (tls->in.len == 0)
        rpc_buf_clear(&tls->in, TLS_BUF_KEEP);
}

/* The handshake has just finished: check the peer, queue the verdict. */
static RpcServerTlsStatus
tls_server_accept(RpcServerTls *tls)
{
    char *dn = NULL;
    int rc = rpc_tls_context_check_peer(tls->ctx, tls->session, NULL, tls->peer_addr, &dn);
    static const char ok = '\1';

    if (rc < 0) {
        virErrorPtr err = vir_error_current();

        rpc_tls_log(0, "refused TLS client %s%s%s%s: %s", tls->peer_addr,
                    dn ? " (" : "", dn ? dn : "", dn ? ")" : "",
                    err && err->message ? err->message : "certificate check failed");
        free(dn);
        virResetLastError();
        return RPC_SERVER_TLS_REFUSE;
    }
    free(dn);
    if (gnutls_record_send(tls->session, &ok, 1) != 1)
        return RPC_SERVER_TLS_CLOSE;
    rpc_tls_context_after_confirm(tls->ctx, tls->session);
    return RPC_SERVER_TLS_OK;
}

RpcServerTlsStatus
rpc_server_tls_input(RpcServerTls *tls, RpcBuf *plain)
{
    RpcServerTlsStatus st = RPC_SERVER_TLS_OK;
    ssize_t n;

    if (!tls->handshake_done) {
        int rc = gnutls_handshake(tls->session);

        if (rc == GNUTLS_E_AGAIN || rc == GNUTLS_E_INTERRUPTED) {
            tls_server_consume(tls);
            return RPC_SERVER_TLS_OK;
        }
        if (rc < 0) {
            rpc_tls_log(1, "TLS handshake with %s failed: %s", tls->peer_addr,
                        gnutls_strerror(rc));
            return RPC_SERVER_TLS_CLOSE;
        }
        tls->handshake_done = true;
        if ((st = tls_server_accept(tls)) != RPC_SERVER_TLS_OK)
            return st;
    }
    for (;;) {
        rpc_buf_reserve(plain, TLS_RECORD_ROOM);
        n = gnutls_record_recv(tls->session, plain->data + plain->len, plain->cap - plain->len);
        if (n > 0) {
            plain->len += (size_t)n;
            continue;
        }
        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
            break;
        /* 0 is the peer's close_notify; anything else a broken stream. */
        st = RPC_SERVER_TLS_CLOSE;
        break;
    }
    tls_server_consume(tls);
    return st;
}

int
rpc_server_tls_encrypt(RpcServerTls *tls, RpcBuf *plain)
{
    size_t pos = 0;

    while (pos < plain->len) {
        ssize_t n = gnutls_record_send(tls->session, plain->data + pos, plain->len - pos);

        if (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED)
            continue;
        if (n <= 0)
            return -1;
        pos += (size_t)n;
    }
    plain->len = 0;
    return 0;
}
