/*
 * transport.h: the byte stream under an RPC client.
 *
 * The client engine only reads, writes and closes; each transport (unix and
 * tcp sockets now, tls, ssh and ext commands later) fills in this table.
 * read and write block and return a count, 0 on end of file (read), or a
 * negative errno.
 */
#ifndef VIREO_RPC_TRANSPORT_H
#define VIREO_RPC_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct RpcTransport RpcTransport;

typedef struct {
    ssize_t (*read)(RpcTransport *t, void *buf, size_t len);
    ssize_t (*write)(RpcTransport *t, const void *buf, size_t len);
    /* Closes the connection (waking blocked reads) without freeing. */
    void (*shutdown)(RpcTransport *t);
    /* Frees t (after shutdown). */
    void (*free)(RpcTransport *t);
    /* Optional: once the stream has ended or broken, why, in the words of
     * whatever is behind it (a child process's stderr), or "" / NULL. */
    const char *(*error_detail)(RpcTransport *t);
    /* Optional: true when bytes are already buffered inside the transport
     * (decrypted TLS records), so a poll() on fd would not show them. */
    bool (*pending)(RpcTransport *t);
} RpcTransportOps;

struct RpcTransport {
    const RpcTransportOps *ops; /* immutable */
    int fd;                     /* for poll(); -1 when there is none */
    bool local;                 /* a unix socket on this host */
};

/* Connects to the unix socket at path / to host:port over tcp, trying every
 * address getaddrinfo returns. Return NULL with the error record set
 * (VIR_ERR_SYSTEM_ERROR, domain VIR_FROM_RPC). */
RpcTransport *rpc_transport_new_unix(const char *path);
RpcTransport *rpc_transport_new_tcp(const char *host, const char *port);

/* Wraps a connected socket fd (taking ownership). */
RpcTransport *rpc_transport_new_fd(int fd, bool local);

#endif /* VIREO_RPC_TRANSPORT_H */
