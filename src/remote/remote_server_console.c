/*
 * remote_server_console.c: DOMAIN_OPEN_CONSOLE, the two-way stream.
 *
 * The stream is created non-blocking and the driver attaches a backend
 * with a descriptor (drivers/stream.h poll_fd); the engine polls that
 * descriptor on its loop, pushes what the guest prints to the client as
 * soon as it is there, and writes what the client types as it arrives.
 * Nothing here waits: a read with nothing to give answers -2.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "drivers/stream.h"
#include "remote/remote_server_priv.h"
#include "util/error.h"

/* The backend is called directly, under the stream's lock, rather than
 * through virStreamRecv: "nothing now" is routine here, not an error to
 * dispatch. */
static int
remote_console_read(void *opaque, char *buf, size_t len)
{
    virStreamPtr st = opaque;
    int n = -1;

    pthread_mutex_lock(&st->lock);
    if (st->ops && !st->done)
        n = st->ops->recv(st, buf, len);
    else
        n = 0;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int
remote_console_write(void *opaque, const char *buf, size_t len)
{
    while (len > 0) {
        int n = virStreamSend(opaque, buf, len);

        if (n < 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static int
remote_console_finish(void *opaque)
{
    return virStreamFinish(opaque);
}

static void
remote_console_abort(void *opaque)
{
    virStreamAbort(opaque);
}

static void
remote_console_free(void *opaque)
{
    virStreamFree(opaque);
}

static int
remote_console_fd(void *opaque)
{
    virStreamPtr st = opaque;

    return st->ops && st->ops->poll_fd ? st->ops->poll_fd(st) : -1;
}

static const RpcServerStreamOps remote_console_ops = {
    .read = remote_console_read,
    .write = remote_console_write,
    .finish = remote_console_finish,
    .abort = remote_console_abort,
    .free = remote_console_free,
    .fd = remote_console_fd,
};

int
remote_dispatch_domain_open_console(RpcServerClient *client, const RpcCallInfo *call,
                                    void *args, void *ret)
{
    remote_domain_open_console_args *a = args;
    virConnectPtr conn = remote_server_conn_get(client);
    virDomainPtr dom;
    virStreamPtr st;
    int rc = -1;

    (void)ret;
    if (!conn)
        return -1;
    st = handle_stream_new(conn, VIR_STREAM_NONBLOCK);
    dom = remote_wire_domain_handle(conn, &a->dom);
    rc = virDomainOpenConsole(dom, a->dev_name ? *a->dev_name : NULL, st, a->flags);
    handle_domain_unref(dom);
    if (rc == 0 && (!st->ops || !st->ops->poll_fd)) {
        /* a driver whose console cannot be polled would stall the loop */
        vir_report_error(VIR_ERR_NO_SUPPORT, "%s",
                         "this function is not supported by the connection driver: "
                         "virDomainOpenConsole");
        rc = -1;
    }
    if (rc == 0 &&
        rpc_server_client_open_stream(client, call, true, &remote_console_ops, st) < 0)
        rc = -1;
    /* handle_stream_unref, not virStreamFree: the latter resets the error
     * record the reply is about to carry. */
    if (rc < 0)
        handle_stream_unref(st);
    handle_connect_unref(conn);
    return rc;
}
