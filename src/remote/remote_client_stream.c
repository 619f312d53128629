/*
 * remote_client_stream.c: libvireo's remote driver for the procedures that
 * open a stream (screenshot, volume upload and download): the call opens an
 * RPC stream (rpc/client.h) and the virStream gets a backend moving its
 * bytes as STREAM packets (drivers/stream.h). Received data waits in the
 * RPC client only until virStreamRecv takes it; the caller that waits for
 * data is also the one reading the socket, so a slow consumer slows the
 * transfer rather than growing memory.
 *
 * Non-blocking streams with an event callback are fed by the application's
 * event loop, as libvirt's client is: a watch on the connection's socket
 * reads what arrives (pausing while the stream holds its bound), and the
 * RPC layer's notify re-arms the callback's timer (src/client/stream.c).
 * Unlike libvirt's, WRITABLE waits for room in the socket (the watch
 * then also asks for writability), so a callback's send does not stall
 * the loop on a peer that stopped reading.
 * Sparse streams (a *_SPARSE_STREAM flag) carry STREAM_HOLE packets.
 */
#define VIR_FROM_THIS VIR_FROM_STREAMS

#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "drivers/stream.h"
#include "remote/remote_client_priv.h"
#include "remote/remote_client_stream.h"
#include "util/alloc.h"
#include "util/error.h"

typedef struct {
    RpcClient *rpc;
    RpcClientStream *rs;
    pthread_mutex_t wlock;   /* the socket watch: the fields below */
    int watch;               /* the socket in the application's event loop, or -1 */
    int watch_events;        /* what it is set to */
    bool paused;             /* the stream holds all it may queue: no reading */
    bool closed;             /* the connection is gone: nothing to watch */
    bool want_out;           /* the callback asks for WRITABLE */
    bool need_out;           /* ...and the socket had no room at the last look */
} RemoteStream;

/* The event loop entry points live in src/client, which some static
 * links (the remote driver's unit tests) leave out: then no stream can
 * have callbacks, and these are never reached. */
#pragma weak virEventAddHandle
#pragma weak virEventUpdateHandle
#pragma weak virEventRemoveHandle
#pragma weak vireo_stream_event_changed

/* Sets the watch to what is wanted now: readable unless paused, writable
 * while a WRITABLE callback waits for room. Called with wlock. */
static void
remote_stream_watch_apply_locked(RemoteStream *s)
{
    int events = 0;

    if (s->watch < 0)
        return;
    if (!s->closed && !s->paused)
        events |= VIR_EVENT_HANDLE_READABLE;
    if (!s->closed && s->need_out)
        events |= VIR_EVENT_HANDLE_WRITABLE;
    if (events != s->watch_events) {
        s->watch_events = events;
        virEventUpdateHandle(s->watch, events);
    }
}

/* After the application took data: a socket watch idled because the
 * stream was full resumes once it is not. */
static void
remote_stream_resume(RemoteStream *s)
{
    bool full = rpc_client_stream_full(s->rpc, s->rs);

    pthread_mutex_lock(&s->wlock);
    if (s->paused && !full) {
        s->paused = false;
        remote_stream_watch_apply_locked(s);
    }
    pthread_mutex_unlock(&s->wlock);
}

static int
remote_stream_recv(virStreamPtr st, char *buf, size_t n)
{
    RemoteStream *s = st->data;
    int rc = rpc_client_stream_recv_flags(s->rpc, s->rs, buf, n,
                                          st->flags & VIR_STREAM_NONBLOCK, false);

    remote_stream_resume(s);
    return rc;
}

static int
remote_stream_recv_flags(virStreamPtr st, char *buf, size_t n, unsigned int flags)
{
    RemoteStream *s = st->data;
    int rc;

    if (flags & ~VIR_STREAM_RECV_STOP_AT_HOLE) {
        vir_error_report_raw(VIR_FROM_REMOTE, VIR_ERR_INVALID_ARG, "remoteStreamRecvFlags",
                             "flags", "unsupported flags (0x%x) in function %s",
                             flags & ~VIR_STREAM_RECV_STOP_AT_HOLE, "remoteStreamRecvFlags");
        return -1;
    }
    rc = rpc_client_stream_recv_flags(s->rpc, s->rs, buf, n, st->flags & VIR_STREAM_NONBLOCK,
                                      flags & VIR_STREAM_RECV_STOP_AT_HOLE);
    remote_stream_resume(s);
    return rc;
}

static int
remote_stream_send_hole(virStreamPtr st, long long length, unsigned int flags)
{
    RemoteStream *s = st->data;

    /* The daemon checks length and flags, as libvirt's client leaves it. */
    return rpc_client_stream_send_hole(s->rpc, s->rs, length, flags);
}

static int
remote_stream_recv_hole(virStreamPtr st, long long *length, unsigned int flags)
{
    RemoteStream *s = st->data;

    if (flags) {
        vir_error_report_raw(VIR_FROM_REMOTE, VIR_ERR_INVALID_ARG, "remoteStreamRecvHole",
                             "flags", "unsupported flags (0x%x) in function %s", flags,
                             "remoteStreamRecvHole");
        return -1;
    }
    return rpc_client_stream_recv_hole(s->rpc, s->rs, length);
}

static int
remote_stream_in_data(virStreamPtr st, int *in_data, long long *length)
{
    RemoteStream *s = st->data;

    return rpc_client_stream_in_data(s->rpc, s->rs, in_data, length);
}

static int
remote_stream_send(virStreamPtr st, const char *buf, size_t n)
{
    RemoteStream *s = st->data;

    if (n > INT32_MAX)
        n = INT32_MAX;
    return rpc_client_stream_send(s->rpc, s->rs, buf, n) < 0 ? -1 : (int)n;
}

static int
remote_stream_finish(virStreamPtr st)
{
    RemoteStream *s = st->data;

    return rpc_client_stream_finish(s->rpc, s->rs, false);
}

static int
remote_stream_abort(virStreamPtr st)
{
    RemoteStream *s = st->data;

    return rpc_client_stream_finish(s->rpc, s->rs, true);
}

static void
remote_stream_release(virStreamPtr st)
{
    RemoteStream *s = st->data;

    rpc_client_stream_set_notify(s->rpc, s->rs, NULL, NULL);
    rpc_client_stream_free(s->rpc, s->rs);
    pthread_mutex_destroy(&s->wlock);
    free(s);
}

/* ---- events: readable as libvirt's client sees it (data, a hole, the
 * end, an error or a closed connection queued); writable while the
 * socket has room for more (so a send from the callback does not stall
 * the application's loop on a full socket) ---- */

static bool
remote_stream_socket_has_room(RemoteStream *s)
{
    struct pollfd pfd = { .fd = rpc_client_get_fd(s->rpc), .events = POLLOUT };

    return poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLOUT | POLLERR | POLLHUP));
}

static int
remote_stream_event_ready(virStreamPtr st)
{
    RemoteStream *s = st->data;
    bool failed = false;
    bool open = rpc_client_is_open(s->rpc);
    int events = 0;

    if (rpc_client_stream_ready(s->rpc, s->rs, &failed))
        events |= VIR_STREAM_EVENT_READABLE;
    if (failed)
        events |= VIR_STREAM_EVENT_ERROR;
    if (!open)
        events |= VIR_STREAM_EVENT_HANGUP;
    pthread_mutex_lock(&s->wlock);
    if (s->want_out) {
        /* a dead connection is "writable": the send reports why */
        bool room = !open || remote_stream_socket_has_room(s);

        if (room)
            events |= VIR_STREAM_EVENT_WRITABLE;
        s->need_out = !room;
        remote_stream_watch_apply_locked(s);
    }
    pthread_mutex_unlock(&s->wlock);
    return events;
}

static void
remote_stream_notify(void *opaque)
{
    vireo_stream_event_changed(opaque);
}

static void
remote_stream_watch_free(void *opaque)
{
    handle_stream_unref(opaque);
}

/* The socket became readable (or writable, when asked): take what it
 * has (packets for this stream land in its queue and notify), idling the
 * watch while the stream is full or once the connection is gone, so the
 * loop never spins. */
static void
remote_stream_socket_cb(int watch, int fd, int events, void *opaque)
{
    virStreamPtr st = opaque;
    RemoteStream *s = st->data;
    int rc = rpc_client_process_incoming(s->rpc);
    bool full = rpc_client_stream_full(s->rpc, s->rs);

    (void)watch;
    (void)fd;
    (void)events;
    pthread_mutex_lock(&s->wlock);
    if (rc < 0)
        s->closed = true;
    else if (full)
        s->paused = true;
    remote_stream_watch_apply_locked(s);
    pthread_mutex_unlock(&s->wlock);
    if (full)
        remote_stream_resume(s); /* drained meanwhile by another thread */
    vireo_stream_event_changed(st);
}

static int
remote_stream_event_watch(virStreamPtr st, int events)
{
    RemoteStream *s = st->data;
    int watch;

    if (!events) {
        rpc_client_stream_set_notify(s->rpc, s->rs, NULL, NULL);
        pthread_mutex_lock(&s->wlock);
        watch = s->watch;
        s->watch = -1;
        s->want_out = s->need_out = false;
        pthread_mutex_unlock(&s->wlock);
        if (watch >= 0)
            virEventRemoveHandle(watch);
        return 0;
    }
    pthread_mutex_lock(&s->wlock);
    watch = s->watch;
    pthread_mutex_unlock(&s->wlock);
    if (watch < 0) {
        if (!virEventAddHandle) {
            vir_report_error(VIR_ERR_NO_SUPPORT, "%s", "virStreamEventAddCallback");
            return -1;
        }
        atomic_fetch_add(&st->refs, 1); /* the watch's, dropped by its free callback */
        watch = virEventAddHandle(rpc_client_get_fd(s->rpc), VIR_EVENT_HANDLE_READABLE,
                                  remote_stream_socket_cb, st, remote_stream_watch_free);
        if (watch < 0) {
            handle_stream_unref(st);
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                             "cannot watch the connection's socket");
            return -1;
        }
        pthread_mutex_lock(&s->wlock);
        s->watch = watch;
        s->watch_events = VIR_EVENT_HANDLE_READABLE;
        s->paused = s->closed = false;
        pthread_mutex_unlock(&s->wlock);
        rpc_client_stream_set_notify(s->rpc, s->rs, remote_stream_notify, st);
    }
    pthread_mutex_lock(&s->wlock);
    s->want_out = events & VIR_STREAM_EVENT_WRITABLE;
    s->need_out = false; /* event_ready looks at the socket */
    remote_stream_watch_apply_locked(s);
    pthread_mutex_unlock(&s->wlock);
    return 0;
}

static const VireoStreamOps remote_stream_ops = {
    .recv = remote_stream_recv,
    .send = remote_stream_send,
    .finish = remote_stream_finish,
    .abort = remote_stream_abort,
    .release = remote_stream_release,
    .recv_flags = remote_stream_recv_flags,
    .send_hole = remote_stream_send_hole,
    .recv_hole = remote_stream_recv_hole,
    .in_data = remote_stream_in_data,
    .event_ready = remote_stream_event_ready,
    .event_watch = remote_stream_event_watch,
};

/* Makes the call and attaches the stream it opened to st. */
static int
remote_stream_call(virConnectPtr conn, virStreamPtr st, int proc, xdrproc_t args_filter,
                   void *args, xdrproc_t ret_filter, void *ret, bool sparse)
{
    RemoteConn *priv = conn->driver_data;
    RpcClientStream *rs;
    RemoteStream *s;

    if (st->ops) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "stream is already in use");
        return -1;
    }
    if (rpc_client_call_stream(priv->rpc, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, proc,
                               args_filter, args, ret_filter, ret, &rs) < 0)
        return -1;
    if (sparse)
        rpc_client_stream_set_sparse(rs);
    s = XNEW(RemoteStream);
    s->rpc = priv->rpc;
    s->rs = rs;
    s->watch = -1;
    pthread_mutex_init(&s->wlock, NULL);
    vireo_stream_attach(st, &remote_stream_ops, s);
    return 0;
}

char *
remote_client_domain_screenshot(virDomainPtr dom, virStreamPtr st, unsigned int screen,
                                unsigned int flags)
{
    remote_domain_screenshot_args args = { .screen = screen, .flags = flags };
    remote_domain_screenshot_ret ret = { 0 };
    char *mime = NULL;

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_stream_call(dom->conn, st, REMOTE_PROC_DOMAIN_SCREENSHOT,
                           (xdrproc_t)xdr_remote_domain_screenshot_args, &args,
                           (xdrproc_t)xdr_remote_domain_screenshot_ret, &ret, false) < 0)
        return NULL;
    if (ret.mime) {
        mime = *ret.mime;
        *ret.mime = NULL;
    }
    xdr_free((xdrproc_t)xdr_remote_domain_screenshot_ret, (char *)&ret);
    if (!mime)
        mime = xstrdup("");
    return mime;
}

static int
remote_stream_vol(virStorageVolPtr vol, virStreamPtr st, int proc, unsigned long long offset,
                  unsigned long long length, unsigned int flags)
{
    remote_storage_vol_transfer_args args = { .offset = offset, .length = length,
                                              .flags = flags };

    /* Both SPARSE_STREAM flags are bit 0: holes may then travel. */
    remote_wire_vol_to_wire(vol, &args.vol);
    return remote_stream_call(vol->conn, st, proc,
                              (xdrproc_t)xdr_remote_storage_vol_transfer_args, &args,
                              (xdrproc_t)(void (*)(void))xdr_void, NULL,
                              flags & VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM);
}

int
remote_client_storage_vol_upload(virStorageVolPtr vol, virStreamPtr st,
                                 unsigned long long offset, unsigned long long length,
                                 unsigned int flags)
{
    return remote_stream_vol(vol, st, REMOTE_PROC_STORAGE_VOL_UPLOAD, offset, length, flags);
}

int
remote_client_storage_vol_download(virStorageVolPtr vol, virStreamPtr st,
                                   unsigned long long offset, unsigned long long length,
                                   unsigned int flags)
{
    return remote_stream_vol(vol, st, REMOTE_PROC_STORAGE_VOL_DOWNLOAD, offset, length, flags);
}

/* The console: a two-way stream on the same RPC machinery. */
int
remote_client_domain_open_console(virDomainPtr dom, const char *dev_name, virStreamPtr st,
                                  unsigned int flags)
{
    remote_domain_open_console_args args = { .flags = flags };
    char *name = (char *)dev_name;

    remote_wire_domain_to_wire(dom, &args.dom);
    args.dev_name = dev_name ? &name : NULL;
    return remote_stream_call(dom->conn, st, REMOTE_PROC_DOMAIN_OPEN_CONSOLE,
                              (xdrproc_t)xdr_remote_domain_open_console_args, &args,
                              (xdrproc_t)(void (*)(void))xdr_void, NULL, false);
}
