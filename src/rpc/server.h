/*
 * server.h: the protocol-agnostic RPC server engine.
 *
 * One libuv loop thread owns every socket: it accepts, reads frames, checks
 * limits, decodes calls and hands them to workers (or runs them inline when
 * the procedure is marked so), then writes the replies the workers queued.
 * Programs (REMOTE, later QEMU/ADMIN) plug in as tables of RpcProcedure; the
 * engine knows nothing of their meaning. Keepalive is answered here.
 *
 * Threads: rpc_server_* setup calls happen before rpc_server_run on the main
 * thread. Procedure handlers run on worker threads (or the loop thread for
 * RPC_PROC_INLINE) and may call the rpc_server_client_* functions marked
 * thread-safe.
 */
#ifndef VIREO_RPC_SERVER_H
#define VIREO_RPC_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <rpc/rpc.h>
#include <sys/types.h>

typedef struct RpcServer RpcServer;
typedef struct RpcServerClient RpcServerClient;

/* Per-procedure flags: the table is the single place these are decided. */
enum {
    RPC_PROC_READONLY_OK = 1 << 0,   /* allowed on a read-only connection */
    RPC_PROC_PRIORITY_HIGH = 1 << 1, /* may use the priority workers (never blocks long) */
    RPC_PROC_NO_AUTH = 1 << 2,       /* allowed before authentication (AUTH_*) */
    RPC_PROC_INLINE = 1 << 3,        /* cheap and never blocks: run on the loop thread */
};

typedef struct {
    unsigned int prog;
    unsigned int vers;
    int proc;
    unsigned int serial;
} RpcCallInfo;

/* A handler decodes nothing itself: args arrive decoded (zeroed then filled
 * by args_filter), ret is zeroed storage of ret_size bytes that the handler
 * fills. Returns 0 on success, -1 on failure with the thread's error record
 * set (src/util/error.h); the engine turns that into an error reply. The
 * engine frees args and ret with xdr_free afterwards. */
typedef int (*RpcHandler)(RpcServerClient *client, const RpcCallInfo *call,
                          void *args, void *ret);

typedef struct {
    int proc;                 /* 0 marks an unused slot */
    const char *api_name;     /* "virDomainDefineXML": used in read-only denials */
    int error_domain;         /* virErrorDomain for read-only denials */
    unsigned int flags;       /* RPC_PROC_* */
    xdrproc_t args_filter;    /* (xdrproc_t)xdr_void when there are no args */
    size_t args_size;
    xdrproc_t ret_filter;     /* (xdrproc_t)xdr_void when there is no result */
    size_t ret_size;
    RpcHandler handler;
} RpcProcedure;

typedef struct {
    unsigned int prog;
    unsigned int vers;
    const RpcProcedure *procs; /* indexed by procedure number */
    size_t nprocs;             /* procs[0..nprocs-1]; numbers >= nprocs are unknown */
    /* Whether a call to proc (flagged RPC_PROC_INLINE), with its decoded
     * args, may run on the loop thread for this client now: a procedure is
     * cheap by itself, but whether it can wait depends on what serves it
     * (for REMOTE, the connection's driver, or for CONNECT_OPEN the driver
     * that takes the URI). Runs on the loop thread and must not block; the
     * args stay the caller's. NULL: the flag decides. */
    bool (*inline_ok)(RpcServerClient *client, const RpcProcedure *proc, const void *args);
} RpcProgram;

typedef struct {
    unsigned int max_clients;          /* 0 = unlimited; past it, refuse at once */
    unsigned int max_anonymous_clients;
    unsigned int max_client_requests;  /* calls in flight per client (>= 1) */
    unsigned int min_workers;
    unsigned int max_workers;
    unsigned int prio_workers;
    int keepalive_interval;            /* seconds; -1 disables server pings */
    unsigned int keepalive_count;
    unsigned int loop_poll_us;         /* poll this long before sleeping; 0 = never */
} RpcServerConfig;

/* Creates a server with cfg (copied). Returns NULL with the error record set
 * (for instance when libuv cannot start). */
RpcServer *rpc_server_new(const RpcServerConfig *cfg);

/* Frees a stopped server. NULL is a no-op. */
void rpc_server_free(RpcServer *srv);

/* Registers prog (not copied: must outlive the server). */
void rpc_server_add_program(RpcServer *srv, const RpcProgram *prog);

/* Called when a client goes away, with its private data; may be NULL. */
typedef void (*RpcClientFreeFunc)(void *priv);

/* Listens on a unix socket at path (an existing socket file is replaced),
 * with mode perms and group gid (-1 = leave). Clients arriving there are
 * read-only when readonly is set. auth is a REMOTE_AUTH_* value (0 = none).
 * Returns 0, or -1 with the error record set. */
int rpc_server_listen_unix(RpcServer *srv, const char *path, mode_t perms, gid_t gid,
                           bool readonly, int auth);

/* Listens on tcp addr:port (addr NULL = every address, IPv4 and IPv6, as
 * getaddrinfo gives them). Returns 0, or -1 with the error record set. */
int rpc_server_listen_tcp(RpcServer *srv, const char *addr, const char *port, int auth);

/* TLS credentials and checks (rpc/tls_context.h). */
typedef struct RpcTlsContext RpcTlsContext;

/* Listens like rpc_server_listen_tcp, for clients that speak libvirt's tls
 * transport with the server's TLS context (rpc_server_set_tls_context must
 * have been called first). */
int rpc_server_listen_tls(RpcServer *srv, const char *addr, const char *port, int auth);

/* Sets the TLS context (taking a reference) for clients accepted from now
 * on; clients already connected keep theirs. Thread-safe: a reload swaps
 * certificates this way without dropping anybody. */
void rpc_server_set_tls_context(RpcServer *srv, RpcTlsContext *ctx);

/* The port the last rpc_server_listen_tls call bound, or -1. */
int rpc_server_get_tls_port(RpcServer *srv);

/* Runs the loop on the calling thread until rpc_server_stop. If timeout_secs
 * > 0, the server stops by itself after that many seconds with no client.
 * Returns 0 on a clean stop. */
int rpc_server_run(RpcServer *srv, unsigned int timeout_secs);

/* Asks the loop to stop. Thread-safe and async-signal-safe. */
void rpc_server_stop(RpcServer *srv);

/* --- per-client state, for procedure handlers --------------------------- */

/* Private data of the program layer (e.g. the opened virConnectPtr).
 * Thread-safe. set replaces (and frees through free_fn) any previous value. */
void *rpc_server_client_get_private(RpcServerClient *client);
void rpc_server_client_set_private(RpcServerClient *client, void *priv,
                                   RpcClientFreeFunc free_fn);

/* The client's read-only state: set by the listener it came through, and
 * settable once the program layer knows (after CONNECT_OPEN with RO flags).
 * Thread-safe. */
bool rpc_server_client_is_readonly(RpcServerClient *client);
void rpc_server_client_set_readonly(RpcServerClient *client, bool readonly);

/* The auth type of the listener the client came through (REMOTE_AUTH_*). */
int rpc_server_client_auth(RpcServerClient *client);

/* Marks the client to be closed once every reply queued so far is written
 * (CONNECT_CLOSE). Thread-safe. */
void rpc_server_client_close_after_reply(RpcServerClient *client);

/* Starts keepalive pings to this client (it asked about feature 10). */
void rpc_server_client_enable_keepalive(RpcServerClient *client);

/* Queues an unsolicited MESSAGE (an event) to the client: prog/vers/proc,
 * serial 1, status OK, body encoded with filter. Thread-safe. Returns 0, or
 * -1 when the client is gone or over its outgoing bound. */
int rpc_server_client_send_message(RpcServerClient *client, unsigned int prog,
                                   unsigned int vers, int proc, xdrproc_t filter,
                                   void *msg);

/* ---- streams (streams/events helper) ---- */
/* A stream's local end, driven by the engine on the loop thread. read
 * (source streams: daemon to client) fills buf with up to len bytes and
 * returns the count, 0 at the end of data, or -1 with the error record
 * set; write (sink streams) takes len bytes: 0 or -1. finish ends a
 * transfer the client finished (0 or -1), abort cancels it; free releases
 * opaque. Calls must not block for long: they run on the loop thread.
 * fd (optional) makes a two-way stream (a console): the descriptor the
 * engine polls; read is called only once it is readable, returns -2 when
 * it would block, and write is accepted on the source stream too. */
typedef struct {
    int (*read)(void *opaque, char *buf, size_t len);
    int (*write)(void *opaque, const char *buf, size_t len);
    int (*finish)(void *opaque);
    void (*abort)(void *opaque);
    void (*free)(void *opaque);
    int (*fd)(void *opaque);
    /* Sparse streams (both set only when the call asked for one; holes
     * are refused otherwise, as libvirtd): in_data says whether the
     * source is in data or in a hole and for how long (0/0 at the end),
     * 0 or -1; hole writes a hole the client sent (sinks) or skips the
     * one just sent (sources), 0 or -1. */
    int (*in_data)(void *opaque, int *in_data, long long *length);
    int (*hole)(void *opaque, long long length, unsigned int flags);
} RpcServerStreamOps;

/* From a handler: opens a stream on call's prog/proc/serial (PROTOCOL.md
 * §1.6). It starts once the handler's successful reply is queued; an
 * error reply aborts and frees it. Returns 0, or -1 (client gone; opaque
 * stays the caller's). Thread-safe. */
int rpc_server_client_open_stream(RpcServerClient *client, const RpcCallInfo *call, bool source,
                                  const RpcServerStreamOps *ops, void *opaque);
/* ---- end streams ---- */

/* True when the peer is on a unix socket (fd passing possible). */
bool rpc_server_client_is_local(RpcServerClient *client);

/* Takes / drops a reference, for program code that keeps the client beyond
 * a handler (event callbacks). The client's private data is released when
 * the connection closes, so references held from it do not keep a closed
 * client alive. Thread-safe. */
void rpc_server_client_ref(RpcServerClient *client);
void rpc_server_client_unref(RpcServerClient *client);

/* Marks the client authenticated: procedures without RPC_PROC_NO_AUTH are
 * refused ("authentication required") until then on listeners whose auth
 * is not 0. Thread-safe. */
void rpc_server_client_set_authenticated(RpcServerClient *client);

/* The port the last rpc_server_listen_tcp call bound (useful with port
 * "0"), or -1 when there is none. */
int rpc_server_get_tcp_port(RpcServer *srv);

#endif /* VIREO_RPC_SERVER_H */
