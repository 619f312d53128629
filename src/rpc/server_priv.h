/*
 * server_priv.h: the server engine's internal structures, shared by
 * server.c (the server object, listeners, loop) and server_client.c (one
 * connection: reading, dispatch, writing).
 *
 * Locking: almost everything is "loop thread only". Fields touched by
 * worker threads or by program code are atomics or under the lock named
 * next to them. Lock order: RpcServer.done_lock and RpcServerClient.priv_lock
 * are leaves; neither is held while taking another lock.
 */
#ifndef VIREO_RPC_SERVER_PRIV_H
#define VIREO_RPC_SERVER_PRIV_H

#include <pthread.h>
#include <stdatomic.h>
#include <uv.h>

#include "rpc/buf.h"
#include "rpc/message.h"
#include "rpc/server.h"
#include "rpc/tls_server.h"
#include "rpc/workers.h"

/* Stop reading a client while this much output waits for it. */
#define RPC_SERVER_OUT_HIGH_WATER (4u * 1024 * 1024)
/* Bound on queued-but-unsent events per client. */
#define RPC_SERVER_EVENT_QUEUE_MAX ((size_t)2 * RPC_MSG_MAX)
/* Events queued on the loop but not yet taken by the socket: past this the
 * client is not reading and is dropped (libvirt's bound is similar in
 * spirit: a client must keep up with its events). */
#define RPC_SERVER_EVENT_BACKLOG_MAX ((size_t)4 * 1024 * 1024)
/* Buffers bigger than this are given back once empty. */
#define RPC_SERVER_BUF_KEEP (256u * 1024)
/* Read in chunks of at least this much. */
#define RPC_SERVER_READ_CHUNK 65536

typedef union {
    uv_handle_t handle;
    uv_stream_t stream;
    uv_tcp_t tcp;
    uv_pipe_t pipe;
} RpcServerStream;

typedef enum {
    RPC_JOB_CALL,      /* a call for a worker; comes back with its reply */
    RPC_JOB_MESSAGE,   /* an event queued by program code: out holds it */
    RPC_JOB_KEEPALIVE, /* program code enabled keepalive for the client */
    RPC_JOB_DROP,      /* the client stopped reading its events: close it */
} RpcServerJobKind;

/* One unit of work crossing between the loop and other threads. */
typedef struct RpcServerJob {
    RpcWorkItem item;            /* first: the pool's view */
    struct RpcServerJob *done_next; /* RpcServer.done list link, done_lock */
    RpcServerJobKind kind;
    RpcServerClient *client;     /* a reference, owned by the job */
    const RpcProcedure *proc;    /* RPC_JOB_CALL only */
    rpc_msg_header hdr;          /* the call's header */
    void *args;                  /* decoded arguments; points into the job */
    RpcBuf out;                  /* the encoded reply or message */
} RpcServerJob;

typedef struct RpcListener {
    RpcServerStream h;           /* loop thread only */
    RpcServer *srv;
    bool readonly;
    int auth;
    bool local;
    bool tls;                    /* clients speak TLS (RpcServer.tls_ctx) */
    bool open;
    struct RpcListener *next;
} RpcListener;

struct RpcServer {
    RpcServerConfig cfg;         /* immutable */
    uv_loop_t loop;
    uv_async_t wakeup;           /* finished jobs, events, stop requests */
    uv_timer_t idle_timer;       /* the -t timeout */
    unsigned int timeout_secs;   /* loop thread only */
    atomic_bool stop_requested;
    bool shut_down;              /* loop thread only */
    bool loop_open;

    const RpcProgram **progs;    /* set up before run, then immutable */
    size_t nprogs;
    RpcListener *listeners;      /* loop thread only */
    int tcp_port;                /* the last tcp port bound */
    int tls_port;                /* the last tls port bound */
    pthread_mutex_t tls_lock;    /* a leaf lock */
    RpcTlsContext *tls_ctx;      /* tls_lock: for clients accepted from now on */

    RpcServerClient *clients;    /* every client not yet freed; loop thread only */
    unsigned int nclients;       /* open clients, rejected ones excluded */
    atomic_uint nanonymous;      /* open clients not yet authenticated */

    pthread_mutex_t done_lock;
    RpcServerJob *done_head, *done_tail; /* done_lock */
    bool done_woken;             /* done_lock: done_fd written since the last take */
    int done_fd;                 /* eventfd: workers wake the loop through it */
    uv_poll_t done_poll;         /* loop thread only */
    bool done_poll_open;

    RpcWorkerPool pool;
    bool pool_started;

    /* Loop thread only. Plain sockets read into this one buffer, lent to
     * the client being read; only an incomplete frame is copied into the
     * client's own rx, so an idle client holds no input buffer at all. */
    RpcBuf rx_scratch;
    /* Loop thread only. Replies made inside a client's pump are encoded
     * here and written at once; only bytes the socket did not take move to
     * a buffer of the client's own, so a reply costs no allocation. */
    RpcBuf tx_scratch;
    bool tx_lent;                /* tx_scratch is some client's out now */

    /* Loop thread only: the brief poll before sleeping (server_loop.c). */
    uint64_t call_turns;         /* calls read or answered by workers, clients accepted */
    unsigned int jobs_out;       /* calls at the workers, all clients */
    uint64_t poll_window_ns;     /* the poll's current, adaptive window */
    unsigned int poll_long_gaps; /* gaps longer than the maximum, in a row */
};

struct RpcServerClient {
    atomic_uint refs;
    RpcServer *srv;              /* immutable */
    RpcServerStream h;           /* loop thread only */
    uv_timer_t ka_timer;         /* loop thread only */
    bool ka_timer_on;
    unsigned int open_handles;   /* libuv handles still to close */
    struct RpcServerClient *prev, *next; /* RpcServer.clients, loop thread */

    bool local;                  /* immutable */
    int auth;                    /* immutable */
    atomic_bool readonly;
    atomic_bool authenticated;
    atomic_bool anonymous;       /* counted in RpcServer.nanonymous */
    atomic_bool closed;          /* written by the loop, read anywhere */
    atomic_bool close_after_reply;
    atomic_size_t event_bytes;   /* events queued but not yet in out */
    size_t event_backlog;        /* loop: event bytes added since out was last empty */
    RpcServerTls *tls;           /* loop thread only; NULL on plain sockets */

    /* Loop thread only from here. */
    bool reject;                 /* over a limit: refuse the first call */
    bool reject_anonymous;       /* the limit was max_anonymous_clients */
    bool reading;
    bool pumping, repump;
    bool writing;
    bool dirty;
    struct RpcServerClient *dirty_next;
    RpcBuf rx;                   /* received bytes not yet parsed */
    bool rx_lent;                /* rx is RpcServer.rx_scratch, for one read */
    RpcBuf out;                  /* replies queued, not yet handed to libuv */
    bool out_lent;               /* out is RpcServer.tx_scratch, for one pump */
    unsigned int out_calls;      /* replies to calls in out */
    unsigned int wire_calls;     /* TLS: replies encrypted into the wire buffer */
    RpcBuf wout;                 /* bytes libuv is writing */
    unsigned int wout_calls;
    uv_write_t wreq;
    unsigned int in_flight;      /* calls read but not yet answered on the wire */
    unsigned int jobs_running;   /* calls at the workers */
    uint64_t last_rx;            /* uv_now of the last byte received */
    unsigned int ka_unanswered;

    /* streams (server_stream.c) */
    pthread_mutex_t stream_lock;
    struct RpcStreamEntry *stream_pending; /* stream_lock: awaiting their call's reply */
    struct RpcStreamEntry *streams;        /* loop thread: active */
    uv_idle_t stream_idle;                 /* loop thread: more source data next turn */
    bool stream_idle_on;

    pthread_mutex_t priv_lock;
    void *priv;                  /* priv_lock */
    RpcClientFreeFunc priv_free; /* priv_lock */
};

/* server_client.c */
RpcServerClient *rpc_server_client_new(RpcServer *srv, RpcListener *lis);
void rpc_server_client_close(RpcServerClient *client);
void rpc_server_client_pump(RpcServerClient *client);
void rpc_server_client_job_done(RpcServerClient *client, RpcServerJob *job);
void rpc_server_job_free(RpcServerJob *job);
/* A job of kind for client (taking a reference), with args_size zeroed
 * bytes for arguments after it. */
RpcServerJob *rpc_server_job_new(RpcServerClient *client, RpcServerJobKind kind,
                                 size_t args_size);

/* server_loop.c: runs the loop until it stops. */
void rpc_server_loop_run(RpcServer *srv);

/* server.c */
void rpc_server_job_finish(RpcServer *srv, RpcServerJob *job);
void rpc_server_client_gone(RpcServer *srv, RpcServerClient *client);
void rpc_server_execute_call(RpcServerClient *client, const RpcProcedure *proc,
                             const rpc_msg_header *hdr, void *args, RpcBuf *out);

#endif /* VIREO_RPC_SERVER_PRIV_H */
