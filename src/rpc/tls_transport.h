/*
 * tls_transport.h: the client's tls transport: tcp, the TLS handshake, the
 * checks of the server's certificate, then libvirt's one-byte answer from
 * the server ('\1' once it has accepted our certificate and address).
 */
#ifndef VIREO_RPC_TLS_TRANSPORT_H
#define VIREO_RPC_TLS_TRANSPORT_H

#include "rpc/tls_context.h"
#include "rpc/transport.h"

/* Connects to host:port and runs the TLS set-up with ctx (a reference is
 * taken). Sessions are resumed when ctx holds one for host:port. Returns
 * NULL with the error record set, naming the step that failed. */
RpcTransport *rpc_transport_new_tls(const char *host, const char *port, RpcTlsContext *ctx);

#endif /* VIREO_RPC_TLS_TRANSPORT_H */
