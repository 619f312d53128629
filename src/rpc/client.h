/*
 * client.h: the protocol-agnostic RPC client engine.
 *
 * One RpcClient is one connection to a daemon over a transport (unix or tcp
 * now; tls, ssh, ext later behind the same interface). Calls are synchronous
 * for the caller, and safe from many threads at once: each call gets its own
 * serial, several may be in flight, and whichever waiting thread reads a
 * reply hands it to its owner. MESSAGEs (events, keepalive) are routed to the
 * registered handler.
 */
#ifndef VIREO_RPC_CLIENT_H
#define VIREO_RPC_CLIENT_H

#include <stdbool.h>
#include <rpc/rpc.h>

typedef struct RpcClient RpcClient;

/* Connects to the unix socket at path. Returns NULL with the error record set
 * (VIR_ERR_SYSTEM_ERROR, domain VIR_FROM_RPC, naming the path). */
RpcClient *rpc_client_new_unix(const char *path);

/* Connects to host:port over tcp (every address getaddrinfo returns, in
 * order). Returns NULL with the error record set. */
RpcClient *rpc_client_new_tcp(const char *host, const char *port);

/* Connects to host:port over libvirt's tls transport with the credentials
 * in pkipath (or libvirt's default places: the system's as root, else
 * $HOME/.pki/libvirt first). no_verify skips the checks of the server's
 * certificate, no_sanity those of our own. Returns NULL with the error
 * record set naming the step and file that failed. */
RpcClient *rpc_client_new_tls(const char *host, const char *port, const char *pkipath,
                              const char *priority, bool no_verify, bool no_sanity);

/* Closes the connection and frees. NULL is a no-op. Not while calls run. */
void rpc_client_free(RpcClient *client);

/* Sends a CALL of prog/vers/proc with args encoded by args_filter and waits
 * for its REPLY. On success decodes the reply body into ret with ret_filter
 * and returns 0 (the caller frees ret with xdr_free). On failure returns -1
 * with the error record set: a remote error reply is restored verbatim
 * (with "unknown procedure" RPC errors rewritten to VIR_ERR_NO_SUPPORT, as
 * libvirt's client does); transport failures are VIR_FROM_RPC errors such as
 * "End of file while reading data". Thread-safe. */
int rpc_client_call(RpcClient *client, unsigned int prog, unsigned int vers, int proc,
                    xdrproc_t args_filter, void *args, xdrproc_t ret_filter, void *ret);

/* Handler for MESSAGE packets of programs other than keepalive (events).
 * body/len is the undecoded payload. Runs on whichever thread read it. */
typedef void (*RpcMessageHandler)(void *opaque, unsigned int prog, unsigned int vers,
                                  int proc, const char *body, unsigned int len);
void rpc_client_set_message_handler(RpcClient *client, RpcMessageHandler fn, void *opaque);

/* True until the connection is closed or has failed. Thread-safe. */
bool rpc_client_is_open(RpcClient *client);

/* True when the transport is a local unix socket. */
bool rpc_client_is_local(RpcClient *client);

/* Builds a client over an already-connected transport (rpc/transport.h),
 * taking ownership of it: how tls, ssh and ext transports plug in. */
typedef struct RpcTransport RpcTransport;
RpcClient *rpc_client_new_transport(RpcTransport *transport);

/* The socket to watch in an event loop for unsolicited messages (events,
 * keepalive) arriving while no call is in progress, or -1. */
int rpc_client_get_fd(RpcClient *client);

/* Reads and dispatches whatever has arrived, without blocking, unless a
 * calling thread is already reading (it dispatches then). For an event loop
 * watching rpc_client_get_fd. Returns 0, or -1 once the connection is
 * closed or failed. Thread-safe. */
int rpc_client_process_incoming(RpcClient *client);

/* Closes the connection now: calls in progress and later fail with
 * "client socket is closed". Thread-safe; free still needed. */
void rpc_client_close(RpcClient *client);

/* ---- streams (streams/events helper) ---- */
/* A stream opened by a call (PROTOCOL.md §1.6). */
typedef struct RpcClientStream RpcClientStream;
/* rpc_client_call for a procedure that opens a stream: on success
 * *ret_stream routes the packets of the call's serial. Thread-safe. */
int rpc_client_call_stream(RpcClient *client, unsigned int prog, unsigned int vers, int proc,
                           xdrproc_t args_filter, void *args, xdrproc_t ret_filter, void *ret,
                           RpcClientStream **ret_stream);
/* Data from the server: bytes (> 0), 0 at its end, -1 (reported) on a
 * stream error or a failed connection. Blocks until something arrives. */
int rpc_client_stream_recv(RpcClient *client, RpcClientStream *st, char *buf, size_t n);
/* Sends all n bytes as CONTINUE packets. 0, or -1 (reported; also when the
 * server already failed the stream). */
int rpc_client_stream_send(RpcClient *client, RpcClientStream *st, const char *buf, size_t n);
/* Finishes (OK) or aborts (ERROR) and waits for the server's answer. */
int rpc_client_stream_finish(RpcClient *client, RpcClientStream *st, bool abort_it);
void rpc_client_stream_free(RpcClient *client, RpcClientStream *st);

/* ---- sparse streams and stream events (streams helper) ---- */
/* Marks st as opened in sparse mode (a *_SPARSE_STREAM flag): holes may
 * travel both ways. Set right after rpc_client_call_stream. */
void rpc_client_stream_set_sparse(RpcClientStream *st);
/* recv with libvirt's options: nonblock answers -2 instead of waiting;
 * stop_at_hole answers -3 when a hole comes next (then recv_hole takes
 * it); otherwise holes read as zeros. */
int rpc_client_stream_recv_flags(RpcClient *client, RpcClientStream *st, char *buf, size_t n,
                                 bool nonblock, bool stop_at_hole);
/* The hole recv_flags stopped at (0 if none), and forgets it. */
int rpc_client_stream_recv_hole(RpcClient *client, RpcClientStream *st, long long *ret_len);
/* What comes next: data (1, bytes queued) or a hole (0, length); 0/0 at
 * the end or when nothing is queued. Returns 0, 1 when a queued hole was
 * taken, -1 reported. Never waits. */
int rpc_client_stream_in_data(RpcClient *client, RpcClientStream *st, int *ret_in_data,
                              long long *ret_len);
/* Sends a STREAM_HOLE packet. 0 or -1 (reported). */
int rpc_client_stream_send_hole(RpcClient *client, RpcClientStream *st, long long length,
                                unsigned int flags);
/* True when a read would not wait (data, a hole, the end, an error, or a
 * dead connection); *ret_failed when that is an error. */
bool rpc_client_stream_ready(RpcClient *client, RpcClientStream *st, bool *ret_failed);
/* True while st holds so much unread data that event-loop reads pause. */
bool rpc_client_stream_full(RpcClient *client, RpcClientStream *st);
/* fn(opaque) runs, on whichever thread read them, after packets for st
 * arrived, with no lock held. NULL stops it (waiting out a running one). */
void rpc_client_stream_set_notify(RpcClient *client, RpcClientStream *st,
                                  void (*fn)(void *opaque), void *opaque);

/* ---- keepalive and close reasons (streams/events helper) ---- */
/* Why a connection closed: the values of virConnectCloseReason, plus
 * NONE while it is open. */
enum {
    RPC_CLIENT_CLOSED_NONE = -1,
    RPC_CLIENT_CLOSED_ERROR = 0,
    RPC_CLIENT_CLOSED_EOF = 1,
    RPC_CLIENT_CLOSED_KEEPALIVE = 2,
    RPC_CLIENT_CLOSED_CLIENT = 3,
};
int rpc_client_close_reason(RpcClient *client);
/* Closes the connection because the peer stopped answering keepalive. */
void rpc_client_close_keepalive(RpcClient *client);
/* Monotonic milliseconds; and when bytes last arrived from the peer. */
unsigned long long rpc_client_now_ms(void);
unsigned long long rpc_client_last_rx_ms(RpcClient *client);
/* Sends one keepalive PING. Returns 0 or -1 (connection closed). */
int rpc_client_send_ping(RpcClient *client);

#endif /* VIREO_RPC_CLIENT_H */
