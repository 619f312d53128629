/*
 * server_stream.c: streams on the server side (see server_stream.h).
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/server_stream.h"

#include <string.h>

#include "rpc/server_priv.h"
#include "util/error.h"

/* Produce source data only while less than this waits for the socket. */
#define RPC_STREAM_OUT_HIGH (1024u * 1024)
/* At most this much source data per loop turn and client, so one fast
 * download cannot starve the other clients of the loop. */
#define RPC_STREAM_TURN_BUDGET (2u * 1024 * 1024)

struct RpcStreamEntry {
    RpcStreamEntry *next;
    unsigned int prog, vers, serial;
    int proc;
    bool source;       /* daemon sends data */
    bool eof_sent;     /* the empty CONTINUE went out */
    bool fd_ready;     /* fd streams: poll fired, read until it would block */
    unsigned long long data_left; /* sparse sources: of the data section */
    uv_poll_t *poll;   /* fd streams only (ops->fd): readiness of their fd */
    RpcServerClient *client; /* set with poll, for its callback */
    const RpcServerStreamOps *ops;
    void *opaque;
};

int
rpc_server_client_open_stream(RpcServerClient *client, const RpcCallInfo *call, bool source,
                              const RpcServerStreamOps *ops, void *opaque)
{
    RpcStreamEntry *e;

    if (atomic_load(&client->closed)) {
        vir_report_error(VIR_ERR_RPC, "%s", "client socket is closed");
        return -1;
    }
    e = rpc_xcalloc(1, sizeof(*e));
    e->prog = call->prog;
    e->vers = call->vers;
    e->proc = call->proc;
    e->serial = call->serial;
    e->source = source;
    e->ops = ops;
    e->opaque = opaque;
    pthread_mutex_lock(&client->stream_lock);
    e->next = client->stream_pending;
    client->stream_pending = e;
    pthread_mutex_unlock(&client->stream_lock);
    return 0;
}

static void
stream_poll_closed_cb(uv_handle_t *handle)
{
    RpcServerClient *client = handle->data;

    free(handle);
    rpc_server_client_unref(client);
}

/* Stops watching e's fd: after this the backend may close it. */
static void
stream_poll_close(RpcStreamEntry *e)
{
    if (!e->poll)
        return;
    uv_poll_stop(e->poll);
    e->poll->data = e->client;
    uv_close((uv_handle_t *)e->poll, stream_poll_closed_cb);
    e->poll = NULL;
}

static void
stream_poll_cb(uv_poll_t *poll, int status, int events)
{
    RpcStreamEntry *e = poll->data;

    (void)status;
    (void)events;
    /* One shot: produce re-arms it once a read would block, so a stream
     * whose client is slow is not polled in a busy loop meanwhile. An
     * error status is left to the read to report. */
    uv_poll_stop(poll);
    e->fd_ready = true;
    rpc_server_client_pump(e->client);
}

/* Activates fd watching for a stream whose backend has a descriptor. */
static void
stream_poll_open(RpcServerClient *client, RpcStreamEntry *e)
{
    int fd = e->ops->fd ? e->ops->fd(e->opaque) : -1;

    if (fd < 0)
        return;
    e->poll = rpc_xcalloc(1, sizeof(*e->poll));
    if (uv_poll_init(&client->srv->loop, e->poll, fd) < 0) {
        free(e->poll);
        e->poll = NULL;
        /* never ready: read once, which reports what is wrong */
        e->fd_ready = true;
        return;
    }
    rpc_server_client_ref(client);
    e->client = client;
    e->poll->data = e;
    uv_poll_start(e->poll, UV_READABLE, stream_poll_cb);
}

static void
stream_free(RpcStreamEntry *e, bool abort_it)
{
    stream_poll_close(e);
    if (abort_it && e->ops->abort)
        e->ops->abort(e->opaque);
    if (e->ops->free)
        e->ops->free(e->opaque);
    free(e);
}

static void
stream_unlink(RpcStreamEntry **list, RpcStreamEntry *e)
{
    for (RpcStreamEntry **pp = list; *pp; pp = &(*pp)->next) {
        if (*pp == e) {
            *pp = e->next;
            return;
        }
    }
}

static rpc_msg_header
stream_header(const RpcStreamEntry *e, int status)
{
    rpc_msg_header hdr = { e->prog, e->vers, e->proc, RPC_MSG_STREAM, e->serial, status };

    return hdr;
}

/* Queues a STREAM packet with no payload (OK confirmations, EOF). */
static void
stream_queue_empty(RpcServerClient *client, const RpcStreamEntry *e, int status)
{
    rpc_msg_header hdr = stream_header(e, status);

    rpc_message_append(&client->out, &hdr, NULL, NULL);
}

/* Queues a STREAM ERROR carrying the thread's error record. */
static void
stream_queue_error(RpcServerClient *client, const RpcStreamEntry *e)
{
    rpc_msg_header hdr = stream_header(e, RPC_MSG_STATUS_ERROR);
    size_t start = client->out.len;

    if (rpc_message_append_error(&client->out, &hdr, vir_error_current()) < 0)
        rpc_message_append_error(&client->out, &hdr, NULL);
    /* append_error writes a REPLY header: make it a STREAM one. */
    rpc_message_encode_header(client->out.data + start + RPC_MSG_LEN_MAX, &hdr);
}

void
rpc_server_stream_call_done(RpcServerClient *client, const rpc_msg_header *hdr,
                            const char *reply_frame)
{
    RpcStreamEntry *e;
    rpc_msg_header reply;

    pthread_mutex_lock(&client->stream_lock);
    for (e = client->stream_pending; e; e = e->next) {
        if (e->serial == hdr->serial && e->proc == hdr->proc && e->prog == hdr->prog)
            break;
    }
    if (e)
        stream_unlink(&client->stream_pending, e);
    pthread_mutex_unlock(&client->stream_lock);
    if (!e)
        return;
    rpc_message_decode_header(reply_frame + RPC_MSG_LEN_MAX, &reply);
    if (reply.status != RPC_MSG_STATUS_OK) {
        stream_free(e, true);
        return;
    }
    e->next = client->streams;
    client->streams = e;
    stream_poll_open(client, e);
}

static RpcStreamEntry *
stream_find(RpcServerClient *client, const rpc_msg_header *hdr)
{
    for (RpcStreamEntry *e = client->streams; e; e = e->next) {
        if (e->serial == hdr->serial && e->proc == hdr->proc && e->prog == hdr->prog &&
            e->vers == hdr->vers)
            return e;
    }
    return NULL;
}

/* Ends e: unlinks and frees it after queueing what the outcome says. */
static void
stream_end(RpcServerClient *client, RpcStreamEntry *e, bool failed, bool abort_it)
{
    if (failed)
        stream_queue_error(client, e);
    stream_unlink(&client->streams, e);
    stream_free(e, abort_it);
}

/* Reads a virNetStreamHole (hyper length, unsigned int flags). */
static int
stream_hole_decode(const char *body, size_t len, long long *ret_len, unsigned int *ret_flags)
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

/* A STREAM_HOLE from the client: written by a sparse sink; any other
 * stream fails with libvirt's words. The backend bounds and checks the
 * length (a hole never allocates anything here). */
static void
stream_handle_hole(RpcServerClient *client, RpcStreamEntry *e, const char *body, size_t len)
{
    long long length;
    unsigned int flags;

    if (!e->ops->hole || e->source) {
        vir_report_error(VIR_ERR_RPC, "%s", "Unexpected stream hole");
        stream_end(client, e, true, true);
        return;
    }
    if (stream_hole_decode(body, len, &length, &flags) < 0) {
        vir_report_error(VIR_ERR_RPC, "%s", "Unable to decode message payload");
        stream_end(client, e, true, true);
        return;
    }
    if (e->ops->hole(e->opaque, length, flags) < 0)
        stream_end(client, e, true, true);
}

/* Queues a STREAM_HOLE packet of length for source e. */
static void
stream_queue_hole(RpcServerClient *client, const RpcStreamEntry *e, long long length)
{
    rpc_msg_header hdr = { e->prog, e->vers, e->proc, RPC_MSG_STREAM_HOLE, e->serial,
                           RPC_MSG_STATUS_CONTINUE };
    RpcBuf *out = &client->out;
    unsigned long long v = (unsigned long long)length;
    uint32_t total = RPC_FRAME_MIN + 12;
    char *frame;

    rpc_buf_reserve(out, total);
    frame = out->data + out->len;
    frame[0] = (char)(total >> 24);
    frame[1] = (char)(total >> 16);
    frame[2] = (char)(total >> 8);
    frame[3] = (char)total;
    rpc_message_encode_header(frame + RPC_MSG_LEN_MAX, &hdr);
    for (int i = 7; i >= 0; i--, v >>= 8)
        frame[RPC_FRAME_MIN + i] = (char)(v & 0xff);
    memset(frame + RPC_FRAME_MIN + 8, 0, 4); /* flags */
    out->len += total;
}

void
rpc_server_stream_handle_frame(RpcServerClient *client, const rpc_msg_header *hdr,
                               const char *body, size_t len)
{
    RpcStreamEntry *e = stream_find(client, hdr);

    /* Packets for streams that are unknown or already over are dropped,
     * as libvirtd does: they race with an end the peer has not seen. */
    if (!e)
        return;
    virResetLastError();
    if (hdr->type == RPC_MSG_STREAM_HOLE) {
        stream_handle_hole(client, e, body, len);
        return;
    }
    switch (hdr->status) {
    case RPC_MSG_STATUS_CONTINUE:
        if ((e->source && !e->ops->fd) || !e->ops->write) {
            vir_report_error(VIR_ERR_RPC, "%s", "stream does not accept data");
            stream_end(client, e, true, true);
        } else if (len > 0 && e->ops->write(e->opaque, body, len) < 0) {
            stream_end(client, e, true, true);
        }
        return;
    case RPC_MSG_STATUS_OK:
        stream_poll_close(e);
        if (e->ops->finish && e->ops->finish(e->opaque) < 0) {
            stream_end(client, e, true, false);
            return;
        }
        stream_queue_empty(client, e, RPC_MSG_STATUS_OK);
        stream_end(client, e, false, false);
        return;
    case RPC_MSG_STATUS_ERROR:
        /* The client aborts: confirm with an empty OK, as libvirtd. */
        stream_queue_empty(client, e, RPC_MSG_STATUS_OK);
        stream_end(client, e, false, true);
        return;
    default:
        vir_report_error(VIR_ERR_RPC, "stream aborted with unexpected status %d",
                         (int)hdr->status);
        stream_end(client, e, true, true);
        return;
    }
}

static void
stream_idle_cb(uv_idle_t *idle)
{
    RpcServerClient *client = idle->data;

    uv_idle_stop(idle);
    rpc_server_client_pump(client);
}

/* Reads one chunk of e into the client's output. Returns the bytes moved,
 * 0 when the end of data was sent, -1 when e failed (and is freed), -2
 * when an fd stream has nothing now (its poll is re-armed). */
static long
stream_produce_one(RpcServerClient *client, RpcStreamEntry *e)
{
    RpcBuf *out = &client->out;
    rpc_msg_header hdr = stream_header(e, RPC_MSG_STATUS_CONTINUE);
    char *frame;
    int n;

    size_t want = RPC_MSG_LEGACY_PAYLOAD_MAX;

    virResetLastError();
    if (e->ops->in_data && e->data_left == 0) {
        /* Sparse: a hole goes out as one packet (and is skipped locally),
         * data in packets no longer than its section, as libvirtd. */
        int in_data = 0;
        long long len = 0;

        if (e->ops->in_data(e->opaque, &in_data, &len) < 0) {
            stream_end(client, e, true, true);
            return -1;
        }
        if (!in_data && len > 0) {
            if (e->ops->hole(e->opaque, len, 0) < 0) {
                stream_end(client, e, true, true);
                return -1;
            }
            stream_queue_hole(client, e, len);
            return RPC_FRAME_MIN + 12;
        }
        e->data_left = len > 0 ? (unsigned long long)len : 0;
    }
    if (e->ops->in_data && want > e->data_left)
        want = (size_t)e->data_left;
    rpc_buf_reserve(out, RPC_FRAME_MIN + RPC_MSG_LEGACY_PAYLOAD_MAX);
    frame = out->data + out->len;
    n = e->ops->read(e->opaque, frame + RPC_FRAME_MIN, want);
    if (n == -2 && e->poll) {
        e->fd_ready = false;
        uv_poll_start(e->poll, UV_READABLE, stream_poll_cb);
        return -2;
    }
    if (n < 0) {
        stream_end(client, e, true, true);
        return -1;
    }
    frame[0] = (char)(((uint32_t)(RPC_FRAME_MIN + n)) >> 24);
    frame[1] = (char)(((uint32_t)(RPC_FRAME_MIN + n)) >> 16);
    frame[2] = (char)(((uint32_t)(RPC_FRAME_MIN + n)) >> 8);
    frame[3] = (char)((uint32_t)(RPC_FRAME_MIN + n));
    rpc_message_encode_header(frame + RPC_MSG_LEN_MAX, &hdr);
    out->len += RPC_FRAME_MIN + (size_t)n;
    if (e->ops->in_data)
        e->data_left -= (unsigned long long)n < e->data_left ? (unsigned long long)n
                                                             : e->data_left;
    if (n == 0) {
        /* The empty CONTINUE is the end of data; the client finishes. */
        e->eof_sent = true;
        return 0;
    }
    return n;
}

void
rpc_server_stream_produce(RpcServerClient *client)
{
    size_t budget = RPC_STREAM_TURN_BUDGET;
    bool more = false;

    if (atomic_load(&client->closed) || client->writing)
        return;
    for (RpcStreamEntry *e = client->streams, *next; e; e = next) {
        next = e->next;
        if (!e->source || e->eof_sent || !e->ops->read || (e->ops->fd && !e->fd_ready))
            continue;
        long n = 1;

        while (client->out.len < RPC_STREAM_OUT_HIGH && budget > 0) {
            n = stream_produce_one(client, e);
            if (n <= 0)
                break;
            budget = (size_t)n >= budget ? 0 : budget - (size_t)n;
        }
        if (n > 0)
            more = true;
    }
    /* Data left: come back on the next loop turn, after the socket took
     * what is queued (if it is full, the write completion pumps too). */
    if (more) {
        if (!client->stream_idle_on) {
            uv_idle_init(&client->srv->loop, &client->stream_idle);
            client->stream_idle.data = client;
            client->open_handles++;
            client->stream_idle_on = true;
        }
        uv_idle_start(&client->stream_idle, stream_idle_cb);
    }
}

void
rpc_server_stream_close_all(RpcServerClient *client)
{
    RpcStreamEntry *e;

    pthread_mutex_lock(&client->stream_lock);
    e = client->stream_pending;
    client->stream_pending = NULL;
    pthread_mutex_unlock(&client->stream_lock);
    while (e) {
        RpcStreamEntry *next = e->next;

        stream_free(e, true);
        e = next;
    }
    while ((e = client->streams)) {
        client->streams = e->next;
        stream_free(e, true);
    }
}
