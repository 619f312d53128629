/*
 * stream.c: the virStream* entry points and the procedures that open a
 * stream (screenshot, volume upload and download).
 *
 * A stream is created empty; the stream procedure's driver attaches its
 * backend (drivers/stream.h), after which Send/Recv/Finish/Abort go to it.
 * Finish and Abort end the transfer once; later data calls fail.
 * Sparse streams add holes (SendHole/RecvHole/InData and the Sparse*All
 * loops, libvirt's); non-blocking streams get event callbacks run by the
 * registered event loop (at the end).
 */
#define VIR_FROM_THIS VIR_FROM_STREAMS

#include "client/client.h"
#include "drivers/stream.h"
#include "util/alloc.h"
#include "util/error.h"

#include <errno.h>
#include <stdlib.h>

static void client_stream_fail_all(virStreamPtr st, const char *api);

/* The chunk virStreamSendAll/RecvAll move at a time: libvirt's. */
#define CLIENT_STREAM_CHUNK (64 * 1024)

static bool
client_stream_ok(virStreamPtr st, const char *api)
{
    if (!st || atomic_load(&st->refs) <= 0) {
        vir_error_report(VIR_FROM_STREAMS, VIR_ERR_INVALID_STREAM,
                         "invalid stream pointer in %s", api);
        vir_error_dispatch(NULL, api);
        return false;
    }
    return true;
}

/* Moving bytes into or out of a volume, or taking a screenshot, is refused
 * on a read-only connection, as libvirt's public API refuses it, before any
 * driver (in-process or remote) sees the call. */
static bool
client_stream_writable(virConnectPtr conn, int from, const char *api)
{
    if (!(conn->flags & VIR_CONNECT_RO))
        return true;
    vir_error_report(from, VIR_ERR_OPERATION_DENIED, "read only access prevents %s", api);
    vir_error_dispatch(conn, api);
    return false;
}

#define CLIENT_ENTER_STREAM(st, errval) \
    do { \
        virResetLastError(); \
        if (!client_stream_ok((st), __func__)) \
            return errval; \
    } while (0)

/* Checks the stream can move data. Called with st->lock. */
static int
client_stream_usable(virStreamPtr st)
{
    if (!st->ops) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "stream is not open");
        return -1;
    }
    if (st->done) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "stream is closed");
        return -1;
    }
    return 0;
}

virStreamPtr
virStreamNew(virConnectPtr conn, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    return handle_stream_new(conn, flags);
}

int
virStreamRef(virStreamPtr st)
{
    CLIENT_ENTER_STREAM(st, -1);
    atomic_fetch_add(&st->refs, 1);
    return 0;
}

int
virStreamFree(virStreamPtr st)
{
    CLIENT_ENTER_STREAM(st, -1);
    handle_stream_unref(st);
    return 0;
}

int
virStreamSend(virStreamPtr st, const char *data, size_t nbytes)
{
    int rc;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_CHECK_NONNULL(st->conn, data, -1);
    pthread_mutex_lock(&st->lock);
    rc = client_stream_usable(st);
    if (rc == 0)
        rc = st->ops->send(st, data, nbytes);
    pthread_mutex_unlock(&st->lock);
    if (rc < 0)
        vir_error_dispatch(st->conn, __func__);
    return rc;
}

int
virStreamRecv(virStreamPtr st, char *data, size_t nbytes)
{
    int rc;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_CHECK_NONNULL(st->conn, data, -1);
    pthread_mutex_lock(&st->lock);
    rc = client_stream_usable(st);
    if (rc == 0)
        rc = st->ops->recv(st, data, nbytes);
    pthread_mutex_unlock(&st->lock);
    if (rc == -2)
        return -2; /* non-blocking, nothing yet: not an error */
    if (rc < 0)
        vir_error_dispatch(st->conn, __func__);
    return rc;
}

/* Runs a sparse-stream operation of the backend under the stream's lock;
 * NO_SUPPORT when the backend has none. *ret_rc gets its result. */
#define CLIENT_STREAM_OP(st, op, ret_rc, ...) \
    do { \
        pthread_mutex_lock(&(st)->lock); \
        *(ret_rc) = client_stream_usable(st); \
        if (*(ret_rc) == 0 && !(st)->ops->op) { \
            vir_report_error(VIR_ERR_NO_SUPPORT, "%s", __func__); \
            *(ret_rc) = -1; \
        } else if (*(ret_rc) == 0) { \
            *(ret_rc) = (st)->ops->op((st), __VA_ARGS__); \
        } \
        pthread_mutex_unlock(&(st)->lock); \
    } while (0)

int
virStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags)
{
    int rc;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_CHECK_NONNULL(st->conn, data, -1);
    CLIENT_STREAM_OP(st, recv_flags, &rc, data, nbytes, flags);
    if (rc == -2 || rc == -3)
        return rc; /* nothing yet / a hole next: the caller knows what to do */
    if (rc < 0)
        vir_error_dispatch(st->conn, __func__);
    return rc;
}

int
virStreamSendHole(virStreamPtr st, long long length, unsigned int flags)
{
    int rc;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_STREAM_OP(st, send_hole, &rc, length, flags);
    if (rc < 0)
        vir_error_dispatch(st->conn, __func__);
    return rc;
}

int
virStreamRecvHole(virStreamPtr st, long long *length, unsigned int flags)
{
    int rc;

    CLIENT_ENTER_STREAM(st, -1);
    if (!length) {
        vir_report_invalid_arg(length, "%s in %s must not be NULL", "length", __func__);
        return -1; /* libvirt returns here without dispatching */
    }
    CLIENT_STREAM_OP(st, recv_hole, &rc, length, flags);
    if (rc < 0)
        vir_error_dispatch(st->conn, __func__);
    return rc;
}

/* As libvirt's, errors here are recorded but not dispatched to the
 * connection's error callback. */
int
virStreamInData(virStreamPtr st, int *data, long long *length)
{
    int rc;

    virResetLastError();
    if (!data) {
        vir_report_invalid_arg(data, "%s in %s must not be NULL", "data", __func__);
        return -1;
    }
    if (!length) {
        vir_report_invalid_arg(length, "%s in %s must not be NULL", "length", __func__);
        return -1;
    }
    if (!client_stream_ok(st, __func__))
        return -1;
    CLIENT_STREAM_OP(st, in_data, &rc, data, length);
    return rc;
}

/* Ends the transfer with op (finish or abort). */
static int
client_stream_end(virStreamPtr st, bool finish, const char *api)
{
    int rc;

    pthread_mutex_lock(&st->lock);
    rc = client_stream_usable(st);
    if (rc == 0) {
        rc = finish ? st->ops->finish(st) : st->ops->abort(st);
        st->done = true;
    }
    pthread_mutex_unlock(&st->lock);
    if (rc < 0)
        vir_error_dispatch(st->conn, api);
    return rc;
}

int
virStreamFinish(virStreamPtr st)
{
    CLIENT_ENTER_STREAM(st, -1);
    return client_stream_end(st, true, __func__);
}

int
virStreamAbort(virStreamPtr st)
{
    CLIENT_ENTER_STREAM(st, -1);
    return client_stream_end(st, false, __func__);
}

/* The *All transfers block on the stream: a non-blocking one is refused
 * (what: "data sources" or "data sinks"). Reports and dispatches. */
static bool
client_stream_all_blocking(virStreamPtr st, const char *what, const char *api)
{
    if (!(st->flags & VIR_STREAM_NONBLOCK))
        return true;
    vir_report_error(VIR_ERR_OPERATION_INVALID, "%s cannot be used for non-blocking streams",
                     what);
    vir_error_dispatch(st->conn, api);
    return false;
}

/* Sends all len bytes of buf; -1 when a send fails (reported there). */
static int
client_stream_send_chunk(virStreamPtr st, const char *buf, int len)
{
    for (int off = 0; off < len;) {
        int sent = virStreamSend(st, buf + off, (size_t)(len - off));

        if (sent < 0)
            return -1;
        off += sent;
    }
    return 0;
}

/* Hands all len bytes of buf to the sink handler; -1 when it fails, with
 * errno and the error record as the handler left them (not reported). */
static int
client_stream_sink_chunk(virStreamPtr st, virStreamSinkFunc handler, const char *buf, int len,
                         void *opaque)
{
    for (int off = 0; off < len;) {
        int done = handler(st, buf + off, (size_t)(len - off), opaque);

        if (done < 0)
            return -1;
        off += done;
    }
    return 0;
}

/* The end of every *All transfer: frees its buffer and, when it failed
 * (rc < 0), aborts the stream keeping the error (client_stream_fail_all).
 * Returns rc. */
static int
client_stream_all_end(virStreamPtr st, char *buf, int rc, const char *api)
{
    free(buf);
    if (rc < 0)
        client_stream_fail_all(st, api);
    return rc;
}

int
virStreamSendAll(virStreamPtr st, virStreamSourceFunc handler, void *opaque)
{
    char *buf;
    int rc = -1;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_CHECK_NONNULL(st->conn, handler, -1);
    if (!client_stream_all_blocking(st, "data sources", __func__))
        return -1;
    buf = xmalloc(CLIENT_STREAM_CHUNK);
    for (;;) {
        int got = handler(st, buf, CLIENT_STREAM_CHUNK, opaque);

        if (got < 0) {
            if (!vir_error_is_set())
                vir_report_error(VIR_ERR_OPERATION_FAILED, "%s",
                                 "send handler failed");
            goto fail;
        }
        if (got == 0)
            break;
        if (client_stream_send_chunk(st, buf, got) < 0)
            goto fail;
    }
    rc = 0;
fail:
    return client_stream_all_end(st, buf, rc, __func__);
}

int
virStreamRecvAll(virStreamPtr st, virStreamSinkFunc handler, void *opaque)
{
    char *buf;
    int rc = -1;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_CHECK_NONNULL(st->conn, handler, -1);
    if (!client_stream_all_blocking(st, "data sinks", __func__))
        return -1;
    buf = xmalloc(CLIENT_STREAM_CHUNK);
    for (;;) {
        int got = virStreamRecv(st, buf, CLIENT_STREAM_CHUNK);

        if (got < 0)
            goto fail;
        if (got == 0)
            break;
        if (client_stream_sink_chunk(st, handler, buf, got, opaque) < 0) {
            if (!vir_error_is_set())
                vir_report_error(VIR_ERR_OPERATION_FAILED, "%s", "recv handler failed");
            goto fail;
        }
    }
    rc = 0;
fail:
    return client_stream_all_end(st, buf, rc, __func__);
}

/* The chunk the sparse variants move: libvirt's (one stream packet). */
#define CLIENT_STREAM_SPARSE_CHUNK 262120

/* A failed *All transfer: aborts the stream but keeps the error that
 * made it fail, then dispatches that. */
static void
client_stream_fail_all(virStreamPtr st, const char *api)
{
    virErrorPtr saved = virSaveLastError();

    virStreamAbort(st);
    if (saved) {
        vir_error_set_full(saved->code, saved->domain, saved->level, saved->message,
                           saved->str1, saved->str2, saved->str3, saved->int1, saved->int2);
        virFreeError(saved);
    }
    vir_error_dispatch(st->conn, api);
}

/* A handler of an *All transfer failed: libvirt reports errno (EIO when
 * the handler left none) with what failed. */
static void
client_stream_handler_failed(int err, const char *what)
{
    vir_error_report_system(VIR_FROM_STREAMS, err ? err : EIO, "%s", what);
}

int
virStreamSparseSendAll(virStreamPtr st, virStreamSourceFunc handler,
                       virStreamSourceHoleFunc holeHandler, virStreamSourceSkipFunc skipHandler,
                       void *opaque)
{
    unsigned long long data_left = 0; /* of the data section the source is in */
    char *buf;
    int rc = -1;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_CHECK_NONNULL(st->conn, handler, -1);
    CLIENT_CHECK_NONNULL(st->conn, holeHandler, -1);
    CLIENT_CHECK_NONNULL(st->conn, skipHandler, -1);
    if (!client_stream_all_blocking(st, "data sources", __func__))
        return -1;
    buf = xmalloc(CLIENT_STREAM_SPARSE_CHUNK);
    errno = 0;
    for (;;) {
        size_t want = CLIENT_STREAM_SPARSE_CHUNK;
        int got;

        if (data_left == 0) {
            int in_data = 0;
            long long len = 0;

            if (holeHandler(st, &in_data, &len, opaque) < 0) {
                client_stream_handler_failed(errno, "send holeHandler failed");
                goto fail;
            }
            if (!in_data && len > 0) {
                if (virStreamSendHole(st, len, 0) < 0)
                    goto fail;
                if (skipHandler(st, len, opaque) < 0) {
                    client_stream_handler_failed(errno, "send skipHandler failed");
                    goto fail;
                }
                continue;
            }
            data_left = len > 0 ? (unsigned long long)len : 0;
        }
        if (want > data_left)
            want = (size_t)data_left;
        got = handler(st, buf, want, opaque);
        if (got < 0) {
            client_stream_handler_failed(errno, "send handler failed");
            goto fail;
        }
        if (got == 0)
            break;
        if (client_stream_send_chunk(st, buf, got) < 0)
            goto fail;
        data_left -= (unsigned long long)got < data_left ? (unsigned long long)got : data_left;
    }
    rc = 0;
fail:
    return client_stream_all_end(st, buf, rc, __func__);
}

int
virStreamSparseRecvAll(virStreamPtr st, virStreamSinkFunc handler,
                       virStreamSinkHoleFunc holeHandler, void *opaque)
{
    char *buf;
    int rc = -1;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_CHECK_NONNULL(st->conn, handler, -1);
    CLIENT_CHECK_NONNULL(st->conn, holeHandler, -1);
    if (!client_stream_all_blocking(st, "data sinks", __func__))
        return -1;
    buf = xmalloc(CLIENT_STREAM_SPARSE_CHUNK);
    errno = 0;
    for (;;) {
        int got = virStreamRecvFlags(st, buf, CLIENT_STREAM_SPARSE_CHUNK,
                                     VIR_STREAM_RECV_STOP_AT_HOLE);

        if (got == -3) {
            long long len = 0;

            if (virStreamRecvHole(st, &len, 0) < 0)
                goto fail;
            if (holeHandler(st, len, opaque) < 0) {
                client_stream_handler_failed(errno, "recv holeHandler failed");
                goto fail;
            }
            continue;
        }
        if (got < 0)
            goto fail;
        if (got == 0)
            break;
        if (client_stream_sink_chunk(st, handler, buf, got, opaque) < 0) {
            client_stream_handler_failed(errno, "recv handler failed");
            goto fail;
        }
    }
    rc = 0;
fail:
    return client_stream_all_end(st, buf, rc, __func__);
}

/* ---- event callbacks ----
 *
 * As libvirt's client: a timeout of the registered event loop dispatches
 * the callback. It is armed (interval 0) while an asked-for event holds
 * (READABLE while data, a hole, the end or an error is queued; WRITABLE
 * while a send would not stall, always for files) and idle otherwise;
 * the backend's watch re-arms it whenever its readiness may have changed
 * (a generation counter keeps a stale check from idling it after a fresh
 * one armed it). ERROR and HANGUP, which libvirt's client never reports,
 * come only to callers that asked. */

#pragma weak virEventAddTimeout

static int
client_stream_event_ready(virStreamPtr st)
{
    if (st->ops && st->ops->event_ready)
        return st->ops->event_ready(st);
    return VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_WRITABLE; /* a file never blocks */
}

static void
client_stream_event_refresh(virStreamPtr st)
{
    for (;;) {
        unsigned int gen = atomic_load(&st->ev_gen);
        int ready = client_stream_event_ready(st);

        pthread_mutex_lock(&st->ev_lock);
        if (atomic_load(&st->ev_gen) != gen) {
            pthread_mutex_unlock(&st->ev_lock);
            continue;
        }
        if (st->ev.cb && st->ev.timer >= 0 && !st->ev.dispatching) {
            bool due = ready & st->ev.events;

            virEventUpdateTimeout(st->ev.timer, due ? 0 : -1);
        }
        pthread_mutex_unlock(&st->ev_lock);
        return;
    }
}

void
vireo_stream_event_changed(virStreamPtr st)
{
    atomic_fetch_add(&st->ev_gen, 1);
    client_stream_event_refresh(st);
}

static void
client_stream_event_timer(int timer, void *opaque)
{
    virStreamPtr st = opaque;
    int ready = client_stream_event_ready(st);
    virStreamEventCallback cb;
    virFreeCallback due_ff = NULL;
    void *cb_opaque, *due_opaque = NULL;
    int events;

    (void)timer;
    pthread_mutex_lock(&st->ev_lock);
    if (!st->ev.cb || st->ev.dispatching) {
        pthread_mutex_unlock(&st->ev_lock);
        return;
    }
    events = ready & st->ev.events;
    if (!events) {
        pthread_mutex_unlock(&st->ev_lock);
        client_stream_event_refresh(st);
        return;
    }
    cb = st->ev.cb;
    cb_opaque = st->ev.opaque;
    st->ev.dispatching = true;
    pthread_mutex_unlock(&st->ev_lock);

    cb(st, events, cb_opaque);

    pthread_mutex_lock(&st->ev_lock);
    st->ev.dispatching = false;
    due_ff = st->ev.due_ff;
    due_opaque = st->ev.due_opaque;
    st->ev.due_ff = NULL;
    st->ev.due_opaque = NULL;
    pthread_mutex_unlock(&st->ev_lock);
    if (due_ff)
        due_ff(due_opaque); /* removed from inside the callback */
    client_stream_event_refresh(st);
}

static void
client_stream_event_timer_free(void *opaque)
{
    handle_stream_unref(opaque);
}

int
virStreamEventAddCallback(virStreamPtr st, int events, virStreamEventCallback cb, void *opaque,
                          virFreeCallback ff)
{
    int timer;
    bool busy;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_CHECK_NONNULL(st->conn, cb, -1);
    if (!st->ops) {
        vir_report_error(VIR_ERR_NO_SUPPORT, "%s", __func__);
        goto fail;
    }
    pthread_mutex_lock(&st->ev_lock);
    busy = st->ev.cb != NULL;
    pthread_mutex_unlock(&st->ev_lock);
    if (busy) {
        vir_error_report(VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s",
                         "multiple stream callbacks not supported");
        goto fail;
    }
    /* The timer holds a reference, dropped when the loop frees it. */
    atomic_fetch_add(&st->refs, 1);
    timer = virEventAddTimeout ? virEventAddTimeout(-1, client_stream_event_timer, st,
                                                    client_stream_event_timer_free)
                               : -1;
    if (timer < 0) {
        handle_stream_unref(st);
        /* No event loop registered: libvirt fails without a cause, which
         * its dispatch turns into this generic error. */
        vir_error_set_full(VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE, VIR_ERR_ERROR,
                           "An error occurred, but the cause is unknown", NULL, NULL, NULL, 0,
                           0);
        goto fail;
    }
    pthread_mutex_lock(&st->ev_lock);
    st->ev.cb = cb;
    st->ev.opaque = opaque;
    st->ev.ff = ff;
    st->ev.events = events;
    st->ev.timer = timer;
    pthread_mutex_unlock(&st->ev_lock);
    if (st->ops->event_watch && st->ops->event_watch(st, events) < 0) {
        pthread_mutex_lock(&st->ev_lock);
        st->ev.cb = NULL;
        st->ev.ff = NULL;
        st->ev.timer = -1;
        pthread_mutex_unlock(&st->ev_lock);
        virEventRemoveTimeout(timer);
        goto fail;
    }
    vireo_stream_event_changed(st);
    return 0;
fail:
    vir_error_dispatch(st->conn, __func__);
    return -1;
}

int
virStreamEventUpdateCallback(virStreamPtr st, int events)
{
    bool have;

    CLIENT_ENTER_STREAM(st, -1);
    pthread_mutex_lock(&st->ev_lock);
    have = st->ev.cb != NULL;
    if (have)
        st->ev.events = events;
    pthread_mutex_unlock(&st->ev_lock);
    if (!have) {
        vir_error_report(VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s",
                         "no stream callback registered");
        vir_error_dispatch(st->conn, __func__);
        return -1;
    }
    if (st->ops && st->ops->event_watch && st->ops->event_watch(st, events) < 0) {
        vir_error_dispatch(st->conn, __func__);
        return -1;
    }
    vireo_stream_event_changed(st);
    return 0;
}

int
virStreamEventRemoveCallback(virStreamPtr st)
{
    virFreeCallback ff = NULL;
    void *opaque = NULL;
    int timer;

    CLIENT_ENTER_STREAM(st, -1);
    pthread_mutex_lock(&st->ev_lock);
    if (!st->ev.cb) {
        pthread_mutex_unlock(&st->ev_lock);
        vir_error_report(VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "%s",
                         "no stream callback registered");
        vir_error_dispatch(st->conn, __func__);
        return -1;
    }
    if (st->ev.dispatching) {
        st->ev.due_ff = st->ev.ff; /* freed once the callback returns */
        st->ev.due_opaque = st->ev.opaque;
    } else {
        ff = st->ev.ff;
        opaque = st->ev.opaque;
    }
    timer = st->ev.timer;
    st->ev.cb = NULL;
    st->ev.opaque = NULL;
    st->ev.ff = NULL;
    st->ev.events = 0;
    st->ev.timer = -1;
    pthread_mutex_unlock(&st->ev_lock);
    if (st->ops && st->ops->event_watch)
        st->ops->event_watch(st, 0);
    virEventRemoveTimeout(timer);
    if (ff)
        ff(opaque);
    return 0;
}

char *
virDomainScreenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen,
                    unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    if (!client_stream_ok(stream, __func__) ||
        !client_stream_writable(domain->conn, VIR_FROM_DOMAIN, __func__))
        return NULL;
    CLIENT_FORWARD(domain->conn, domain_screenshot, CLIENT_FAILED_NULL, NULL, domain, stream,
                   screen, flags);
}

int
virStorageVolUpload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                    unsigned long long length, unsigned int flags)
{
    CLIENT_ENTER_VOL(vol, -1);
    if (!client_stream_ok(stream, __func__) ||
        !client_stream_writable(vol->conn, VIR_FROM_STORAGE, __func__))
        return -1;
    CLIENT_FORWARD(vol->conn, storage_vol_upload, CLIENT_FAILED_NEG, -1, vol, stream, offset,
                   length, flags);
}

int
virStorageVolDownload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                      unsigned long long length, unsigned int flags)
{
    CLIENT_ENTER_VOL(vol, -1);
    if (!client_stream_ok(stream, __func__) ||
        !client_stream_writable(vol->conn, VIR_FROM_STORAGE, __func__))
        return -1;
    CLIENT_FORWARD(vol->conn, storage_vol_download, CLIENT_FAILED_NEG, -1, vol, stream, offset,
                   length, flags);
}
