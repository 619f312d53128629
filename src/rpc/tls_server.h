/*
 * tls_server.h: TLS for one connection of the libuv server.
 *
 * The loop thread owns the socket, so GnuTLS never touches it: ciphertext
 * read by libuv goes into `in`, GnuTLS pulls from there and pushes what it
 * writes into `wire`, which the server writes like any reply. The handshake
 * is driven by the bytes that arrive; once it is done the peer is checked
 * (certificate, DN list, IP list) and libvirt's '\1' byte is queued, and
 * from then on records decrypt into the client's plain rx buffer.
 */
#ifndef VIREO_RPC_TLS_SERVER_H
#define VIREO_RPC_TLS_SERVER_H

#include "rpc/buf.h"
#include "rpc/tls_context.h"

typedef struct RpcServerTls RpcServerTls;

/* A session for a client from peer_addr ("192.0.2.1", "::1"), with a
 * reference on ctx. NULL with the error set. */
RpcServerTls *rpc_server_tls_new(RpcTlsContext *ctx, const char *peer_addr);
void rpc_server_tls_free(RpcServerTls *tls);

/* Where libuv reads ciphertext into. */
RpcBuf *rpc_server_tls_inbuf(RpcServerTls *tls);

typedef enum {
    RPC_SERVER_TLS_OK = 0,      /* go on */
    RPC_SERVER_TLS_CLOSE = -1,  /* broken stream or failed handshake: close now */
    RPC_SERVER_TLS_REFUSE = -2, /* peer refused: write what is queued, then close */
} RpcServerTlsStatus;

/* Runs the handshake / decrypts what is in the input buffer, appending
 * plain bytes to plain. */
RpcServerTlsStatus rpc_server_tls_input(RpcServerTls *tls, RpcBuf *plain);

/* Encrypts all of plain (which is then emptied) into the wire buffer.
 * Returns 0 or -1. */
int rpc_server_tls_encrypt(RpcServerTls *tls, RpcBuf *plain);

/* Ciphertext waiting to be written. */
RpcBuf *rpc_server_tls_wire(RpcServerTls *tls);

#endif /* VIREO_RPC_TLS_SERVER_H */
