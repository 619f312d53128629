/*
 * client.c: the RPC client engine.
 *
 * Calls are synchronous for their threads but may overlap: each registers
 * itself under its serial, writes its frame, then waits. Whichever waiting
 * thread finds nobody reading becomes the reader: it reads the socket and
 * decodes each reply straight into the storage of the call it belongs to,
 * then wakes that call's thread. When its own reply has arrived it hands the
 * reader role to another waiting call. A lone caller (virsh) therefore
 * writes, reads and decodes on its own thread with no hand-off at all.
 *
 * Locks: lock guards the call list, the serial counter, the open state and
 * the reader role; write_lock serialises whole frames on the transport and
 * guards wbuf. write_lock is taken before lock, never after. The reader
 * holds neither while it reads.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/client.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "rpc/buf.h"
#include "rpc/message.h"
#include "rpc/transport.h"
#include "util/error.h"

#define RPC_CLIENT_READ_CHUNK 65536
#define RPC_CLIENT_BUF_KEEP (256u * 1024)
/* Unread data one stream may hold before event-loop reads pause. */
#define RPC_CLIENT_STREAM_QUEUE_HIGH (8u * 1024 * 1024)

typedef enum {
    CALL_WAITING,
    CALL_OK,          /* ret decoded */
    CALL_REMOTE_ERROR, /* err decoded */
    CALL_FAILED,      /* failure recorded in the call's fail fields */
    CALL_CONN_FAILED, /* the connection failed: RpcClient.failure says why */
} RpcClientCallState;

typedef struct RpcClientCall {
    struct RpcClientCall *next; /* RpcClient.calls; lock */
    unsigned int prog, vers, serial;
    int proc;
    xdrproc_t ret_filter;
    void *ret;                  /* the caller's; written by the reader */
    pthread_cond_t cond;
    RpcClientCallState state;   /* lock */
    rpc_msg_error err;          /* CALL_REMOTE_ERROR */
    int fail_code;              /* CALL_FAILED: a VIR_ERR_* code */
    char fail_msg[256];
} RpcClientCall;

/* What arrived on a stream, in order: a run of data (its bytes are the
 * next ones of RpcClientStream.q) or one STREAM_HOLE packet. */
typedef struct RpcStreamSeg {
    struct RpcStreamSeg *next;
    bool hole;
    bool bad;                     /* a hole whose payload did not decode */
    size_t data;                  /* data: bytes left in q */
    long long hole_len;           /* hole: as sent */
    unsigned int hole_flags;
} RpcStreamSeg;

/* A stream opened by a call (PROTOCOL.md §1.6): what the reader routed to
 * it. All fields but the ids are guarded by RpcClient.lock. */
struct RpcClientStream {
    struct RpcClientStream *next; /* RpcClient.streams */
    unsigned int prog, vers, serial;
    int proc;
    bool allow_skip;              /* opened sparse: holes may travel */
    RpcBuf q;                     /* data received, not yet taken */
    size_t qoff;
    RpcStreamSeg *seg_head, *seg_tail;
    size_t queued;                /* bytes held (data + a charge per hole) */
    long long hole_pending;       /* the hole taken off the queue, unread */
    bool eof;                     /* the empty CONTINUE arrived */
    bool done;                    /* the server confirmed finish/abort */
    bool failed;                  /* a STREAM ERROR arrived: err */
    rpc_msg_error err;
    pthread_cond_t cond;
    void (*notify)(void *opaque); /* called (no lock held) when packets arrive */
    void *notify_opaque;
    unsigned int notify_busy;     /* notify calls running */
};

/* Why the connection failed, repeated to every call waiting at the time. */
typedef struct {
    int code;     /* VIR_ERR_SYSTEM_ERROR (with errnum) or another VIR_ERR_* */
    int errnum;
    char msg[1024]; /* room for a child's stderr after the reason */
} RpcClientFailure;

struct RpcClient {
    RpcTransport *t;             /* immutable until free */
    pthread_mutex_t lock;
    pthread_mutex_t write_lock;
    unsigned int serial;         /* lock */
    atomic_bool open;            /* written under lock */
    bool reader_active;          /* lock */
    RpcClientCall *calls;        /* lock */
    RpcClientStream *streams;    /* lock */
    RpcClientFailure failure;    /* lock; valid once !open */
    RpcBuf wbuf;                 /* write_lock */
    RpcBuf rx;                   /* the reader's */
    atomic_bool pong_pending;
    atomic_ullong last_rx_ms;    /* monotonic time of the last bytes read */
    int close_reason;            /* lock; RPC_CLIENT_CLOSED_*, valid once !open */
    RpcMessageHandler handler;   /* set before calls start */
    void *handler_opaque;
};

unsigned long long
rpc_client_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000 + (unsigned long long)ts.tv_nsec / 1000000;
}

static RpcClient *
client_new(RpcTransport *t)
{
    RpcClient *c = rpc_xcalloc(1, sizeof(*c));

    c->t = t;
    pthread_mutex_init(&c->lock, NULL);
    pthread_mutex_init(&c->write_lock, NULL);
    atomic_init(&c->open, true);
    atomic_init(&c->last_rx_ms, rpc_client_now_ms());
    c->close_reason = RPC_CLIENT_CLOSED_NONE;
    return c;
}

/* Builds a client over an already-connected transport (taking it). */
RpcClient *
rpc_client_new_transport(RpcTransport *t)
{
    return client_new(t);
}

RpcClient *
rpc_client_new_unix(const char *path)
{
    RpcTransport *t = rpc_transport_new_unix(path);

    return t ? client_new(t) : NULL;
}

RpcClient *
rpc_client_new_tcp(const char *host, const char *port)
{
    RpcTransport *t = rpc_transport_new_tcp(host, port);

    return t ? client_new(t) : NULL;
}

void
rpc_client_free(RpcClient *c)
{
    if (!c)
        return;
    c->t->ops->shutdown(c->t);
    c->t->ops->free(c->t);
    rpc_buf_free(&c->wbuf);
    rpc_buf_free(&c->rx);
    pthread_mutex_destroy(&c->lock);
    pthread_mutex_destroy(&c->write_lock);
    free(c);
}

void
rpc_client_set_message_handler(RpcClient *c, RpcMessageHandler fn, void *opaque)
{
    c->handler = fn;
    c->handler_opaque = opaque;
}

bool
rpc_client_is_open(RpcClient *c)
{
    return atomic_load(&c->open);
}

bool
rpc_client_is_local(RpcClient *c)
{
    return c->t->local;
}

int
rpc_client_get_fd(RpcClient *c)
{
    return c->t->fd;
}

/* Marks the connection dead for the reason given and wakes every waiter.
 * Called with lock held; the first failure wins. */
static void
client_fail_locked(RpcClient *c, int code, int errnum, const char *msg)
{
    RpcClientCall *call;

    if (atomic_load(&c->open)) {
        /* Why, for close callbacks: a clean end of file, or an error. */
        if (c->close_reason == RPC_CLIENT_CLOSED_NONE)
            c->close_reason = strncmp(msg, "End of file", 11) == 0 ? RPC_CLIENT_CLOSED_EOF
                                                                   : RPC_CLIENT_CLOSED_ERROR;
        c->failure.code = code;
        c->failure.errnum = errnum;
        snprintf(c->failure.msg, sizeof(c->failure.msg), "%s", msg);
        atomic_store(&c->open, false);
        c->t->ops->shutdown(c->t);
    }
    for (call = c->calls; call; call = call->next)
        pthread_cond_signal(&call->cond);
    for (RpcClientStream *st = c->streams; st; st = st->next)
        pthread_cond_broadcast(&st->cond);
}

/* An I/O failure: msg, then what the transport can say about it (the
 * stderr of an ssh child: "Connection refused"), as libvirt reports it. */
static void
client_fail_io_locked(RpcClient *c, int errnum, const char *msg)
{
    const char *detail = NULL;
    char full[sizeof(c->failure.msg)];

    if (atomic_load(&c->open) && c->t->ops->error_detail)
        detail = c->t->ops->error_detail(c->t);
    if (detail && *detail) {
        snprintf(full, sizeof(full), "%s: %s", msg, detail);
        msg = full;
    }
    client_fail_locked(c, VIR_ERR_SYSTEM_ERROR, errnum, msg);
}

/* A write failed with -rc. A peer that closed the connection is reported
 * as libvirt's clients see it: the end of file they read next. */
static void
client_fail_write_locked(RpcClient *c, int rc)
{
    if (rc == -EPIPE || rc == -ECONNRESET)
        client_fail_io_locked(c, EIO, "End of file while reading data");
    else
        client_fail_io_locked(c, -rc, "Cannot write data");
}

static int client_write_all(RpcClient *c, const char *buf, size_t len);

void
rpc_client_close(RpcClient *c)
{
    pthread_mutex_lock(&c->lock);
    if (atomic_load(&c->open))
        c->close_reason = RPC_CLIENT_CLOSED_CLIENT;
    client_fail_locked(c, VIR_ERR_INTERNAL_ERROR, 0, "client socket is closed");
    pthread_mutex_unlock(&c->lock);
}

void
rpc_client_close_keepalive(RpcClient *c)
{
    pthread_mutex_lock(&c->lock);
    if (atomic_load(&c->open))
        c->close_reason = RPC_CLIENT_CLOSED_KEEPALIVE;
    client_fail_locked(c, VIR_ERR_INTERNAL_ERROR, 0, "connection closed due to keepalive timeout");
    pthread_mutex_unlock(&c->lock);
}

int
rpc_client_close_reason(RpcClient *c)
{
    int reason;

    pthread_mutex_lock(&c->lock);
    reason = atomic_load(&c->open) ? RPC_CLIENT_CLOSED_NONE : c->close_reason;
    pthread_mutex_unlock(&c->lock);
    return reason;
}

unsigned long long
rpc_client_last_rx_ms(RpcClient *c)
{
    return atomic_load(&c->last_rx_ms);
}

int
rpc_client_send_ping(RpcClient *c)
{
    rpc_msg_header hdr = { RPC_KEEPALIVE_PROGRAM, RPC_KEEPALIVE_PROTOCOL_VERSION,
                           RPC_KEEPALIVE_PROC_PING, RPC_MSG_MESSAGE, 0, RPC_MSG_STATUS_OK };
    char frame[RPC_FRAME_MIN];
    int rc;

    frame[0] = frame[1] = frame[2] = 0;
    frame[3] = RPC_FRAME_MIN;
    rpc_message_encode_header(frame + RPC_MSG_LEN_MAX, &hdr);
    pthread_mutex_lock(&c->write_lock);
    rc = atomic_load(&c->open) ? client_write_all(c, frame, sizeof(frame)) : -EPIPE;
    pthread_mutex_unlock(&c->write_lock);
    return rc < 0 ? -1 : 0;
}

/* Reports the connection failure into the calling thread's record. */
static void
client_report_failure(const RpcClientFailure *f)
{
    if (f->code == VIR_ERR_SYSTEM_ERROR)
        vir_error_report_system(VIR_FROM_THIS, f->errnum, "%s", f->msg);
    else
        vir_error_report(VIR_FROM_THIS, f->code, "%s", f->msg);
}

/* Writes all of buf. Called with write_lock. Returns 0 or a negative errno. */
static int
client_write_all(RpcClient *c, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = c->t->ops->write(c->t, buf, len);

        if (n < 0)
            return (int)n;
        if (n == 0)
            return -EIO;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Sends a PONG if the reader asked for one while the transport was busy.
 * Called with write_lock. */
static int
client_send_pending_pong(RpcClient *c)
{
    rpc_msg_header hdr = { RPC_KEEPALIVE_PROGRAM, RPC_KEEPALIVE_PROTOCOL_VERSION,
                           RPC_KEEPALIVE_PROC_PONG, RPC_MSG_MESSAGE, 0, RPC_MSG_STATUS_OK };
    char frame[RPC_FRAME_MIN];

    if (!atomic_exchange(&c->pong_pending, false))
        return 0;
    frame[0] = frame[1] = frame[2] = 0;
    frame[3] = RPC_FRAME_MIN;
    rpc_message_encode_header(frame + RPC_MSG_LEN_MAX, &hdr);
    return client_write_all(c, frame, sizeof(frame));
}

static void
client_queue_pong(RpcClient *c)
{
    int rc;

    atomic_store(&c->pong_pending, true);
    /* Never wait for the writer here: it may be blocked until we read. */
    if (pthread_mutex_trylock(&c->write_lock) != 0)
        return;
    rc = client_send_pending_pong(c);
    pthread_mutex_unlock(&c->write_lock);
    if (rc < 0) {
        pthread_mutex_lock(&c->lock);
        client_fail_write_locked(c, rc);
        pthread_mutex_unlock(&c->lock);
    }
}

/* --- reading ------------------------------------------------------------- */

static RpcClientCall *
client_find_call_locked(RpcClient *c, const rpc_msg_header *hdr)
{
    RpcClientCall *call;

    for (call = c->calls; call; call = call->next) {
        if (call->serial == hdr->serial && call->prog == hdr->prog && call->vers == hdr->vers)
            return call;
    }
    return NULL;
}

static void
call_set_failed(RpcClientCall *call, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
call_set_failed(RpcClientCall *call, int code, const char *fmt, ...)
{
    va_list ap;

    call->fail_code = code;
    va_start(ap, fmt);
    vsnprintf(call->fail_msg, sizeof(call->fail_msg), fmt, ap);
    va_end(ap);
}

/* Decodes a reply into its call (which waits, so its storage is stable)
 * and returns the call's new state. */
static RpcClientCallState
client_decode_reply(RpcClientCall *call, const rpc_msg_header *hdr, const char *body,
                    size_t len)
{
    if (hdr->proc != call->proc || hdr->type != RPC_MSG_REPLY) {
        call_set_failed(call, VIR_ERR_RPC, "Unexpected reply proc %d type %d to call proc %d",
                        hdr->proc, (int)hdr->type, call->proc);
        return CALL_FAILED;
    }
    if (hdr->status == RPC_MSG_STATUS_OK) {
        if (rpc_message_decode_body(body, len, call->ret_filter, call->ret) == 0)
            return CALL_OK;
    } else if (hdr->status == RPC_MSG_STATUS_ERROR) {
        memset(&call->err, 0, sizeof(call->err));
        if (rpc_message_decode_body(body, len, (xdrproc_t)xdr_rpc_msg_error, &call->err) == 0)
            return CALL_REMOTE_ERROR;
    } else {
        call_set_failed(call, VIR_ERR_RPC, "Unexpected message status %d", (int)hdr->status);
        return CALL_FAILED;
    }
    call_set_failed(call, VIR_ERR_RPC, "%s", "Unable to decode message payload");
    return CALL_FAILED;
}

/* Appends a segment to st's queue. Called with lock. */
static RpcStreamSeg *
client_stream_seg_push_locked(RpcClientStream *st, bool hole)
{
    RpcStreamSeg *seg;

    if (!hole && st->seg_tail && !st->seg_tail->hole)
        return st->seg_tail; /* data after data: one run */
    seg = rpc_xcalloc(1, sizeof(*seg));
    seg->hole = hole;
    if (st->seg_tail)
        st->seg_tail->next = seg;
    else
        st->seg_head = seg;
    st->seg_tail = seg;
    return seg;
}

/* A hole is charged this much against the queue bound. */
#define RPC_CLIENT_HOLE_CHARGE 64

/* Decodes a STREAM_HOLE payload (virNetStreamHole: hyper length,
 * unsigned int flags: 12 bytes). Returns 0, or -1 when malformed. */
static int
client_stream_hole_decode(const char *body, size_t len, long long *ret_len,
                          unsigned int *ret_flags)
{
    const unsigned char *b = (const unsigned char *)body;
    unsigned long long v = 0;

    if (len != 12)
        return -1;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | b[i];
    *ret_len = (long long)v;
    *ret_flags = (unsigned int)b[8] << 24 | (unsigned int)b[9] << 16 |
                 (unsigned int)b[10] << 8 | b[11];
    return 0;
}

/* Routes a STREAM or STREAM_HOLE packet to its stream (dropped when it
 * has none), then tells the stream's watcher. Called without locks. */
static void
client_stream_incoming(RpcClient *c, const rpc_msg_header *hdr, const char *body, size_t blen)
{
    RpcClientStream *rs;
    void (*notify)(void *) = NULL;
    void *nopaque = NULL;

    pthread_mutex_lock(&c->lock);
    for (rs = c->streams; rs; rs = rs->next)
        if (rs->serial == hdr->serial && rs->proc == hdr->proc && rs->prog == hdr->prog)
            break;
    if (!rs) {
        pthread_mutex_unlock(&c->lock);
        return;
    }
    if (hdr->type == RPC_MSG_STREAM_HOLE) {
        /* Kept in order; its checks run when the reader reaches it, as
         * libvirt's client does. */
        RpcStreamSeg *seg = client_stream_seg_push_locked(rs, true);

        seg->bad = client_stream_hole_decode(body, blen, &seg->hole_len, &seg->hole_flags) < 0;
        rs->queued += RPC_CLIENT_HOLE_CHARGE;
    } else if (hdr->status == RPC_MSG_STATUS_CONTINUE && blen == 0) {
        rs->eof = true;
    } else if (hdr->status == RPC_MSG_STATUS_CONTINUE) {
        rpc_buf_reserve(&rs->q, blen);
        memcpy(rs->q.data + rs->q.len, body, blen);
        rs->q.len += blen;
        client_stream_seg_push_locked(rs, false)->data += blen;
        rs->queued += blen;
    } else if (hdr->status == RPC_MSG_STATUS_OK) {
        rs->done = true;
    } else if (!rs->failed) {
        memset(&rs->err, 0, sizeof(rs->err));
        if (rpc_message_decode_body(body, blen, (xdrproc_t)xdr_rpc_msg_error, &rs->err) < 0) {
            memset(&rs->err, 0, sizeof(rs->err));
            rs->err.code = VIR_ERR_RPC;
            rs->err.domain = VIR_FROM_RPC;
        }
        rs->failed = true;
    }
    pthread_cond_broadcast(&rs->cond);
    if (rs->notify) {
        notify = rs->notify;
        nopaque = rs->notify_opaque;
        rs->notify_busy++;
    }
    pthread_mutex_unlock(&c->lock);
    if (!notify)
        return;
    notify(nopaque);
    pthread_mutex_lock(&c->lock);
    rs->notify_busy--;
    pthread_cond_broadcast(&rs->cond);
    pthread_mutex_unlock(&c->lock);
}

/* Handles one frame read from the server. Returns 1 when it completed
 * self, 0 otherwise, -1 on a protocol violation (the client is failed). */
static int
client_handle_frame(RpcClient *c, RpcClientCall *self, const char *frame, size_t len)
{
    const char *body = frame + RPC_MSG_HEADER_MAX;
    size_t blen = len - RPC_MSG_HEADER_MAX;
    rpc_msg_header hdr;
    RpcClientCall *call;
    RpcClientCallState st;
    char msg[160];

    rpc_message_decode_header(frame, &hdr);
    switch (hdr.type) {
    case RPC_MSG_REPLY:
    case RPC_MSG_REPLY_WITH_FDS:
        pthread_mutex_lock(&c->lock);
        call = client_find_call_locked(c, &hdr);
        pthread_mutex_unlock(&c->lock);
        if (!call || call->state != CALL_WAITING) {
            snprintf(msg, sizeof(msg),
                     "no call waiting for reply with prog %u vers %u serial %u",
                     hdr.prog, hdr.vers, hdr.serial);
            pthread_mutex_lock(&c->lock);
            client_fail_locked(c, VIR_ERR_RPC, 0, msg);
            pthread_mutex_unlock(&c->lock);
            return -1;
        }
        st = client_decode_reply(call, &hdr, body, blen);
        pthread_mutex_lock(&c->lock);
        call->state = st;
        if (call != self)
            pthread_cond_signal(&call->cond);
        pthread_mutex_unlock(&c->lock);
        return call == self;
    case RPC_MSG_MESSAGE:
        if (hdr.prog == RPC_KEEPALIVE_PROGRAM) {
            if (hdr.proc == RPC_KEEPALIVE_PROC_PING)
                client_queue_pong(c);
            return 0;
        }
        if (hdr.status == RPC_MSG_STATUS_OK && c->handler)
            c->handler(c->handler_opaque, hdr.prog, hdr.vers, hdr.proc, body,
                       (unsigned int)blen);
        return 0;
    case RPC_MSG_CALL:
    case RPC_MSG_CALL_WITH_FDS:
        pthread_mutex_lock(&c->lock);
        client_fail_locked(c, VIR_ERR_RPC, 0, "Unexpected message type CALL from server");
        pthread_mutex_unlock(&c->lock);
        return -1;
    case RPC_MSG_STREAM:
    case RPC_MSG_STREAM_HOLE:
        client_stream_incoming(c, &hdr, body, blen);
        return 0;
    default:
        return 0;
    }
}

/* Parses the complete frames in rx. Stops right after self's reply so the
 * caller can return at once. Returns 1 when self completed, 0 when more
 * bytes are needed, -1 on failure. */
static int
client_parse_frames(RpcClient *c, RpcClientCall *self)
{
    size_t pos = 0;
    int rc = 0;

    while (c->rx.len - pos >= RPC_MSG_LEN_MAX) {
        uint32_t len = rpc_message_peek_length(c->rx.data + pos);

        if (rpc_message_check_length(len) < 0) {
            char msg[96];

            snprintf(msg, sizeof(msg), "packet %u bytes received from server is invalid", len);
            pthread_mutex_lock(&c->lock);
            client_fail_locked(c, VIR_ERR_RPC, 0, msg);
            pthread_mutex_unlock(&c->lock);
            rc = -1;
            break;
        }
        if (c->rx.len - pos < len)
            break;
        rc = client_handle_frame(c, self, c->rx.data + pos + RPC_MSG_LEN_MAX,
                                 len - RPC_MSG_LEN_MAX);
        pos += len;
        if (rc != 0)
            break;
    }
    rpc_buf_consume(&c->rx, pos);
    if (c->rx.len == 0)
        rpc_buf_clear(&c->rx, RPC_CLIENT_BUF_KEEP);
    return rc;
}

/* One blocking read into rx. Returns 0 or -1 (the client is failed). */
static int
client_read_some(RpcClient *c)
{
    ssize_t n;

    rpc_buf_reserve(&c->rx, RPC_CLIENT_READ_CHUNK);
    n = c->t->ops->read(c->t, c->rx.data + c->rx.len, c->rx.cap - c->rx.len);
    if (n > 0) {
        c->rx.len += (size_t)n;
        atomic_store(&c->last_rx_ms, rpc_client_now_ms());
        return 0;
    }
    pthread_mutex_lock(&c->lock);
    /* A reset is how a peer that closed with our call unread looks. */
    if (n == 0 || n == -ECONNRESET)
        client_fail_io_locked(c, EIO, "End of file while reading data");
    else
        client_fail_io_locked(c, (int)-n, "Cannot recv data");
    pthread_mutex_unlock(&c->lock);
    return -1;
}

/* True when a call other than self still waits for its reply. */
static bool
client_others_waiting(RpcClient *c, RpcClientCall *self)
{
    RpcClientCall *call;
    bool found = false;

    pthread_mutex_lock(&c->lock);
    for (call = c->calls; call && !found; call = call->next)
        found = call != self && call->state == CALL_WAITING;
    pthread_mutex_unlock(&c->lock);
    return found;
}

/* The reader's work for self: parse what is buffered, read until self's
 * reply has been handled or the connection fails. Runs without locks. */
static void
client_read_for(RpcClient *c, RpcClientCall *self)
{
    for (;;) {
        int rc = client_parse_frames(c, self);

        if (rc < 0)
            return;
        if (rc > 0)
            break;
        if (client_read_some(c) < 0)
            return;
    }
    /* Frames read along with our reply (events, typically) would sit in rx
     * with the socket quiet, unseen by an event loop: when no other call
     * will read next, dispatch them now. */
    if (c->rx.len > 0 && !client_others_waiting(c, self))
        client_parse_frames(c, NULL);
}

/* Gives the reader role to a call still waiting. Called with lock. */
static void
client_pass_reader_locked(RpcClient *c)
{
    RpcClientCall *call;

    for (RpcClientStream *st = c->streams; st; st = st->next)
        pthread_cond_broadcast(&st->cond);
    for (call = c->calls; call; call = call->next) {
        if (call->state == CALL_WAITING) {
            pthread_cond_signal(&call->cond);
            return;
        }
    }
}

static void
client_unlink_call_locked(RpcClient *c, RpcClientCall *call)
{
    RpcClientCall **pp;

    for (pp = &c->calls; *pp; pp = &(*pp)->next) {
        if (*pp == call) {
            *pp = call->next;
            return;
        }
    }
}

/* Waits for call's reply, reading when nobody else does. Called with
 * lock; returns with it held and call unlinked. */
static void
client_wait_locked(RpcClient *c, RpcClientCall *call)
{
    while (call->state == CALL_WAITING) {
        if (!atomic_load(&c->open)) {
            if (c->reader_active) {
                pthread_cond_wait(&call->cond, &c->lock);
                continue;
            }
            call->state = CALL_CONN_FAILED;
            break;
        }
        if (c->reader_active) {
            pthread_cond_wait(&call->cond, &c->lock);
            continue;
        }
        c->reader_active = true;
        pthread_mutex_unlock(&c->lock);
        client_read_for(c, call);
        pthread_mutex_lock(&c->lock);
        c->reader_active = false;
        if (!atomic_load(&c->open)) {
            RpcClientCall *other;

            for (other = c->calls; other; other = other->next)
                pthread_cond_signal(&other->cond);
        }
    }
    client_unlink_call_locked(c, call);
    client_pass_reader_locked(c);
}

/* Turns a finished call into the caller's result and error record. */
static int
client_call_result(RpcClient *c, RpcClientCall *call, const RpcClientFailure *failure)
{
    rpc_msg_error *e = &call->err;
    int code;

    switch (call->state) {
    case CALL_OK:
        return 0;
    case CALL_REMOTE_ERROR:
        code = e->code;
        /* libvirt's client turns a missing procedure into NO_SUPPORT, and
         * many fallbacks in clients key off that. */
        if ((e->domain == VIR_FROM_REMOTE || e->domain == VIR_FROM_RPC) &&
            code == VIR_ERR_RPC && e->level == VIR_ERR_ERROR && e->message &&
            strncmp(*e->message, "unknown procedure", strlen("unknown procedure")) == 0)
            code = VIR_ERR_NO_SUPPORT;
        vir_error_set_full(code, e->domain, e->level, e->message ? *e->message : NULL,
                           e->str1 ? *e->str1 : NULL, e->str2 ? *e->str2 : NULL,
                           e->str3 ? *e->str3 : NULL, e->int1, e->int2);
        xdr_free((xdrproc_t)xdr_rpc_msg_error, e);
        return -1;
    case CALL_CONN_FAILED:
        client_report_failure(failure);
        return -1;
    default:
        vir_error_report(VIR_FROM_THIS, call->fail_code, "%s", call->fail_msg);
        return -1;
    }
}

static int client_call(RpcClient *c, unsigned int prog, unsigned int vers, int proc,
                       xdrproc_t args_filter, void *args, xdrproc_t ret_filter, void *ret,
                       RpcClientStream **ret_stream);

int
rpc_client_call(RpcClient *c, unsigned int prog, unsigned int vers, int proc,
                xdrproc_t args_filter, void *args, xdrproc_t ret_filter, void *ret)
{
    return client_call(c, prog, vers, proc, args_filter, args, ret_filter, ret, NULL);
}

int
rpc_client_call_stream(RpcClient *c, unsigned int prog, unsigned int vers, int proc,
                       xdrproc_t args_filter, void *args, xdrproc_t ret_filter, void *ret,
                       RpcClientStream **ret_stream)
{
    return client_call(c, prog, vers, proc, args_filter, args, ret_filter, ret, ret_stream);
}

static int
client_call(RpcClient *c, unsigned int prog, unsigned int vers, int proc,
            xdrproc_t args_filter, void *args, xdrproc_t ret_filter, void *ret,
            RpcClientStream **ret_stream)
{
    RpcClientStream *st = NULL;
    rpc_msg_header hdr = { prog, vers, proc, RPC_MSG_CALL, 0, RPC_MSG_STATUS_OK };
    RpcClientCall call = { .prog = prog, .vers = vers, .proc = proc,
                           .ret_filter = ret_filter, .ret = ret };
    RpcClientFailure failure;
    int rc;

    pthread_mutex_lock(&c->write_lock);
    c->wbuf.len = 0;
    if (rpc_message_append(&c->wbuf, &hdr, args_filter, args) < 0) {
        pthread_mutex_unlock(&c->write_lock);
        vir_report_error(VIR_ERR_RPC, "%s", "Unable to encode message payload");
        return -1;
    }
    pthread_mutex_lock(&c->lock);
    if (!atomic_load(&c->open)) {
        pthread_mutex_unlock(&c->lock);
        pthread_mutex_unlock(&c->write_lock);
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "client socket is closed");
        return -1;
    }
    call.serial = c->serial++;
    hdr.serial = call.serial;
    rpc_message_encode_header(c->wbuf.data + RPC_MSG_LEN_MAX, &hdr);
    pthread_cond_init(&call.cond, NULL);
    call.next = c->calls;
    c->calls = &call;
    if (ret_stream) {
        /* Linked before the call leaves, so no data can arrive unrouted. */
        st = rpc_xcalloc(1, sizeof(*st));
        st->prog = prog;
        st->vers = vers;
        st->proc = proc;
        st->serial = call.serial;
        pthread_cond_init(&st->cond, NULL);
        st->next = c->streams;
        c->streams = st;
    }
    pthread_mutex_unlock(&c->lock);

    rc = client_write_all(c, c->wbuf.data, c->wbuf.len);
    if (rc == 0)
        rc = client_send_pending_pong(c);
    if (c->wbuf.cap > RPC_CLIENT_BUF_KEEP)
        rpc_buf_clear(&c->wbuf, RPC_CLIENT_BUF_KEEP);
    pthread_mutex_unlock(&c->write_lock);

    pthread_mutex_lock(&c->lock);
    if (rc < 0)
        client_fail_write_locked(c, rc);
    client_wait_locked(c, &call);
    failure = c->failure;
    pthread_mutex_unlock(&c->lock);
    pthread_cond_destroy(&call.cond);
    rc = client_call_result(c, &call, &failure);
    if (st) {
        if (rc == 0)
            *ret_stream = st;
        else
            rpc_client_stream_free(c, st);
    }
    return rc;
}

/* True when a stream holds as much unread data as we let it queue: an
 * event loop then leaves the socket alone until the application reads,
 * so the daemon's flow control, not our memory, absorbs a slow reader.
 * Called with lock. */
static bool
client_streams_full_locked(RpcClient *c)
{
    for (RpcClientStream *st = c->streams; st; st = st->next)
        if (st->queued >= RPC_CLIENT_STREAM_QUEUE_HIGH)
            return true;
    return false;
}

int
rpc_client_process_incoming(RpcClient *c)
{
    struct pollfd pfd = { .fd = c->t->fd, .events = POLLIN };
    int rc = 0;
    bool full;

    pthread_mutex_lock(&c->lock);
    if (!atomic_load(&c->open) || c->reader_active) {
        rc = atomic_load(&c->open) ? 0 : -1;
        pthread_mutex_unlock(&c->lock);
        return rc;
    }
    c->reader_active = true;
    full = client_streams_full_locked(c);
    pthread_mutex_unlock(&c->lock);
    /* Frames already buffered first, then only what the socket has: an
     * event loop must not block here. */
    rc = client_parse_frames(c, NULL) < 0 ? -1 : 0;
    if (rc == 0 && !full &&
        ((c->t->ops->pending && c->t->ops->pending(c->t)) || poll(&pfd, 1, 0) > 0) &&
        (rc = client_read_some(c)) == 0)
        rc = client_parse_frames(c, NULL) < 0 ? -1 : 0;
    pthread_mutex_lock(&c->lock);
    c->reader_active = false;
    client_pass_reader_locked(c);
    if (!atomic_load(&c->open)) {
        RpcClientCall *other;

        for (other = c->calls; other; other = other->next)
            pthread_cond_signal(&other->cond);
        rc = -1;
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}

/* --- streams --------------------------------------------------------------- */

/* Waits until pred(st) holds, reading the socket when nobody else does.
 * Called with lock; returns with it, 0 when pred holds, -1 when the
 * connection failed first (reported). */
static int
client_stream_wait_locked(RpcClient *c, RpcClientStream *st, bool (*pred)(RpcClientStream *))
{
    while (!pred(st)) {
        if (!atomic_load(&c->open)) {
            if (c->reader_active) {
                pthread_cond_wait(&st->cond, &c->lock);
                continue;
            }
            client_report_failure(&c->failure);
            return -1;
        }
        if (c->reader_active) {
            pthread_cond_wait(&st->cond, &c->lock);
            continue;
        }
        c->reader_active = true;
        pthread_mutex_unlock(&c->lock);
        if (client_parse_frames(c, NULL) == 0) {
            bool ready;

            pthread_mutex_lock(&c->lock);
            ready = pred(st);
            pthread_mutex_unlock(&c->lock);
            if (!ready && client_read_some(c) == 0)
                client_parse_frames(c, NULL);
        }
        pthread_mutex_lock(&c->lock);
        c->reader_active = false;
        client_pass_reader_locked(c);
    }
    return 0;
}

/* Writes one packet of type (STREAM or STREAM_HOLE) with status and
 * payload. */
static int
client_stream_packet_typed(RpcClient *c, RpcClientStream *st, int type, int status,
                           const char *data, size_t len)
{
    rpc_msg_header hdr = { st->prog, st->vers, st->proc, type, st->serial, status };
    char head[RPC_FRAME_MIN];
    uint32_t total = (uint32_t)(RPC_FRAME_MIN + len);
    int rc;

    head[0] = (char)(total >> 24);
    head[1] = (char)(total >> 16);
    head[2] = (char)(total >> 8);
    head[3] = (char)total;
    rpc_message_encode_header(head + RPC_MSG_LEN_MAX, &hdr);
    pthread_mutex_lock(&c->write_lock);
    rc = atomic_load(&c->open) ? client_write_all(c, head, sizeof(head)) : -EPIPE;
    if (rc == 0 && len)
        rc = client_write_all(c, data, len);
    if (rc == 0)
        rc = client_send_pending_pong(c);
    pthread_mutex_unlock(&c->write_lock);
    if (rc < 0) {
        pthread_mutex_lock(&c->lock);
        client_fail_write_locked(c, rc);
        client_report_failure(&c->failure);
        pthread_mutex_unlock(&c->lock);
        return -1;
    }
    return 0;
}

static bool
stream_readable(RpcClientStream *st)
{
    return st->seg_head || st->hole_pending || st->eof || st->failed || st->done;
}

static bool
stream_ended(RpcClientStream *st)
{
    return st->done || st->failed;
}

/* Reports a STREAM ERROR the server sent (kept for later calls too). */
static void
client_stream_report(RpcClientStream *st)
{
    rpc_msg_error *e = &st->err;

    vir_error_set_full(e->code, e->domain, e->level ? e->level : VIR_ERR_ERROR,
                       e->message ? *e->message : "stream failed",
                       e->str1 ? *e->str1 : NULL, e->str2 ? *e->str2 : NULL,
                       e->str3 ? *e->str3 : NULL, e->int1, e->int2);
}

/* 0 while the stream has not failed; otherwise reports the server's
 * error and returns -1. Takes the lock. */
static int
client_stream_check_failed(RpcClient *c, RpcClientStream *st)
{
    bool failed;

    pthread_mutex_lock(&c->lock);
    failed = st->failed;
    if (failed)
        client_stream_report(st);
    pthread_mutex_unlock(&c->lock);
    return failed ? -1 : 0;
}

/* Holes travel only on a stream opened sparse: otherwise reports
 * OPERATION_INVALID with libvirt's text (msg) and returns -1. */
static int
client_stream_check_sparse(const RpcClientStream *st, const char *msg)
{
    if (st->allow_skip)
        return 0;
    vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", msg);
    return -1;
}

static void
client_stream_seg_pop_locked(RpcClientStream *st)
{
    RpcStreamSeg *seg = st->seg_head;

    st->seg_head = seg->next;
    if (!st->seg_head)
        st->seg_tail = NULL;
    if (seg->hole)
        st->queued -= RPC_CLIENT_HOLE_CHARGE;
    free(seg);
}

/* Takes the hole at the head of the queue into hole_pending, with the
 * checks libvirt's client makes there. Called with lock; -1 reported. */
static int
client_stream_take_hole_locked(RpcClientStream *st)
{
    RpcStreamSeg *seg = st->seg_head;
    long long len = seg->hole_len;
    unsigned int flags = seg->hole_flags;

    if (!st->allow_skip) {
        vir_report_error(VIR_ERR_RPC, "%s", "Unexpected stream hole");
        return -1;
    }
    if (seg->bad) {
        client_stream_seg_pop_locked(st);
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "Malformed stream hole packet");
        return -1;
    }
    client_stream_seg_pop_locked(st);
    if (flags) {
        vir_error_report_raw(VIR_FROM_RPC, VIR_ERR_INVALID_ARG, "virNetClientStreamSetHole",
                             "flags", "unsupported flags (0x%x) in function %s", flags,
                             "virNetClientStreamSetHole");
        return -1;
    }
    if (len <= 0) {
        vir_error_report_raw(VIR_FROM_RPC, VIR_ERR_INVALID_ARG, "virNetClientStreamSetHole",
                             "length", "%s in %s must be greater than zero", "length",
                             "virNetClientStreamSetHole");
        return -1;
    }
    st->hole_pending = len;
    return 0;
}

/* Copies up to n queued data bytes (stopping at a hole). Called with lock. */
static size_t
client_stream_take_data_locked(RpcClientStream *st, char *buf, size_t n)
{
    size_t done = 0;

    while (done < n && st->seg_head && !st->seg_head->hole) {
        RpcStreamSeg *seg = st->seg_head;
        size_t len = n - done < seg->data ? n - done : seg->data;

        memcpy(buf + done, st->q.data + st->qoff, len);
        st->qoff += len;
        seg->data -= len;
        st->queued -= len;
        done += len;
        if (seg->data == 0)
            client_stream_seg_pop_locked(st);
    }
    /* Keep q from growing while a reader refills it behind us. */
    if (st->qoff == st->q.len) {
        st->q.len = st->qoff = 0;
        rpc_buf_clear(&st->q, RPC_CLIENT_BUF_KEEP);
    } else if (st->qoff >= RPC_CLIENT_BUF_KEEP) {
        rpc_buf_consume(&st->q, st->qoff);
        st->qoff = 0;
    }
    return done;
}

int
rpc_client_stream_recv(RpcClient *c, RpcClientStream *st, char *buf, size_t n)
{
    return rpc_client_stream_recv_flags(c, st, buf, n, false, false);
}

int
rpc_client_stream_recv_flags(RpcClient *c, RpcClientStream *st, char *buf, size_t n,
                             bool nonblock, bool stop_at_hole)
{
    size_t want;
    int rc;

    if (n > INT32_MAX)
        n = INT32_MAX;
    pthread_mutex_lock(&c->lock);
    for (;;) {
        if (st->failed) {
            client_stream_report(st);
            rc = -1;
            goto out;
        }
        if (!st->seg_head && !st->hole_pending && !st->eof && !st->done) {
            if (nonblock) {
                /* Whatever the socket already holds, without waiting. */
                pthread_mutex_unlock(&c->lock);
                rpc_client_process_incoming(c);
                pthread_mutex_lock(&c->lock);
                if (!stream_readable(st)) {
                    rc = -2;
                    goto out;
                }
                continue;
            }
            if (client_stream_wait_locked(c, st, stream_readable) < 0) {
                rc = -1;
                goto out;
            }
            continue;
        }
        if (!st->hole_pending && st->seg_head && st->seg_head->hole &&
            client_stream_take_hole_locked(st) < 0) {
            rc = -1;
            goto out;
        }
        break;
    }
    want = n;
    if (st->hole_pending) {
        size_t len = want;

        if (stop_at_hole) {
            rc = -3; /* the caller asks for the hole with recv_hole */
            goto out;
        }
        if ((unsigned long long)len > (unsigned long long)st->hole_pending)
            len = (size_t)st->hole_pending;
        memset(buf, 0, len);
        st->hole_pending -= (long long)len;
        want -= len;
    }
    want -= client_stream_take_data_locked(st, buf + (n - want), want);
    rc = (int)(n - want);
out:
    pthread_mutex_unlock(&c->lock);
    return rc;
}

int
rpc_client_stream_recv_hole(RpcClient *c, RpcClientStream *st, long long *ret_len)
{
    int rc = 0;

    if (client_stream_check_sparse(st, "Holes are not supported with this stream") < 0)
        return -1;
    pthread_mutex_lock(&c->lock);
    if (st->failed) {
        client_stream_report(st);
        rc = -1;
    } else {
        *ret_len = st->hole_pending;
        st->hole_pending = 0;
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}

int
rpc_client_stream_in_data(RpcClient *c, RpcClientStream *st, int *ret_in_data,
                          long long *ret_len)
{
    int rc = 0;

    if (client_stream_check_sparse(st, "Holes are not supported with this stream") < 0)
        return -1;
    pthread_mutex_lock(&c->lock);
    if (st->failed) {
        client_stream_report(st);
        rc = -1;
    } else if (!st->seg_head || st->hole_pending) {
        /* A hole already taken off the queue, or nothing queued: the end
         * (where a trailing hole is still reported). */
        *ret_in_data = 0;
        *ret_len = st->hole_pending;
        st->hole_pending = 0;
    } else if (!st->seg_head->hole) {
        *ret_in_data = 1;
        *ret_len = (long long)st->seg_head->data;
    } else if (client_stream_take_hole_locked(st) < 0) {
        rc = -1;
    } else {
        *ret_in_data = 0;
        *ret_len = st->hole_pending;
        st->hole_pending = 0;
        rc = 1; /* the hole was taken off the queue */
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}

bool
rpc_client_stream_ready(RpcClient *c, RpcClientStream *st, bool *ret_failed)
{
    bool ready;

    pthread_mutex_lock(&c->lock);
    ready = stream_readable(st) || !atomic_load(&c->open);
    *ret_failed = st->failed || !atomic_load(&c->open);
    pthread_mutex_unlock(&c->lock);
    return ready;
}

bool
rpc_client_stream_full(RpcClient *c, RpcClientStream *st)
{
    bool full;

    pthread_mutex_lock(&c->lock);
    full = st->queued >= RPC_CLIENT_STREAM_QUEUE_HIGH;
    pthread_mutex_unlock(&c->lock);
    return full;
}

void
rpc_client_stream_set_sparse(RpcClientStream *st)
{
    st->allow_skip = true;
}

void
rpc_client_stream_set_notify(RpcClient *c, RpcClientStream *st, void (*fn)(void *opaque),
                             void *opaque)
{
    pthread_mutex_lock(&c->lock);
    st->notify = fn;
    st->notify_opaque = opaque;
    /* A notify already running may still use the old opaque. */
    while (!fn && st->notify_busy > 0)
        pthread_cond_wait(&st->cond, &c->lock);
    pthread_mutex_unlock(&c->lock);
}

/* Writes one STREAM packet with status and payload. */
static int
client_stream_packet(RpcClient *c, RpcClientStream *st, int status, const char *data,
                     size_t len)
{
    return client_stream_packet_typed(c, st, RPC_MSG_STREAM, status, data, len);
}

int
rpc_client_stream_send_hole(RpcClient *c, RpcClientStream *st, long long length,
                            unsigned int flags)
{
    unsigned char body[12];
    unsigned long long v = (unsigned long long)length;

    if (client_stream_check_sparse(st, "Skipping is not supported with this stream") < 0 ||
        client_stream_check_failed(c, st) < 0)
        return -1;
    for (int i = 7; i >= 0; i--, v >>= 8)
        body[i] = (unsigned char)v;
    body[8] = (unsigned char)(flags >> 24);
    body[9] = (unsigned char)(flags >> 16);
    body[10] = (unsigned char)(flags >> 8);
    body[11] = (unsigned char)flags;
    return client_stream_packet_typed(c, st, RPC_MSG_STREAM_HOLE, RPC_MSG_STATUS_CONTINUE,
                                      (const char *)body, sizeof(body));
}

int
rpc_client_stream_send(RpcClient *c, RpcClientStream *st, const char *buf, size_t n)
{
    if (client_stream_check_failed(c, st) < 0)
        return -1;
    while (n > 0) {
        size_t chunk = n > RPC_MSG_LEGACY_PAYLOAD_MAX ? RPC_MSG_LEGACY_PAYLOAD_MAX : n;

        if (client_stream_packet(c, st, RPC_MSG_STATUS_CONTINUE, buf, chunk) < 0)
            return -1;
        buf += chunk;
        n -= chunk;
    }
    return 0;
}

int
rpc_client_stream_finish(RpcClient *c, RpcClientStream *st, bool abort_it)
{
    int rc = 0;

    if (client_stream_check_failed(c, st) < 0)
        return -1;
    if (client_stream_packet(c, st, abort_it ? RPC_MSG_STATUS_ERROR : RPC_MSG_STATUS_OK, NULL,
                             0) < 0)
        return -1;
    pthread_mutex_lock(&c->lock);
    if (client_stream_wait_locked(c, st, stream_ended) < 0) {
        rc = -1;
    } else if (st->failed) {
        client_stream_report(st);
        rc = -1;
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}

void
rpc_client_stream_free(RpcClient *c, RpcClientStream *st)
{
    if (!st)
        return;
    pthread_mutex_lock(&c->lock);
    for (RpcClientStream **pp = &c->streams; *pp; pp = &(*pp)->next) {
        if (*pp == st) {
            *pp = st->next;
            break;
        }
    }
    while (st->notify_busy > 0)
        pthread_cond_wait(&st->cond, &c->lock);
    while (st->seg_head)
        client_stream_seg_pop_locked(st);
    pthread_mutex_unlock(&c->lock);
    if (st->failed)
        xdr_free((xdrproc_t)xdr_rpc_msg_error, (char *)&st->err);
    rpc_buf_free(&st->q);
    pthread_cond_destroy(&st->cond);
    free(st);
}
