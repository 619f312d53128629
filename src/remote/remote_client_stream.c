/*
 * remote_client_stream.c: libvireo's remote driver for the procedures that
 * open a stream (screenshot, volume upload and download): the call opens an
 * RPC stream (rpc/client.h) and the virStream gets a backend moving its
 * bytes as STREAM packets (drivers/stream.h). Received data waits in the
 * RPC client only until virStreamRecv takes it; the caller that waits for
 * data is also the one reading the socket, so a slow consumer slows the
 * transfer rather than growing memory.
 */
#define VIR_FROM_THIS VIR_FROM_STREAMS

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
} RemoteStream;

static int
remote_stream_recv(virStreamPtr st, char *buf, size_t n)
{
    RemoteStream *s = st->data;

    return rpc_client_stream_recv(s->rpc, s->rs, buf, n);
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

    rpc_client_stream_free(s->rpc, s->rs);
    free(s);
}

static const VireoStreamOps remote_stream_ops = {
    .recv = remote_stream_recv,
    .send = remote_stream_send,
    .finish = remote_stream_finish,
    .abort = remote_stream_abort,
    .release = remote_stream_release,
};

/* Makes the call and attaches the stream it opened to st. */
static int
remote_stream_call(virConnectPtr conn, virStreamPtr st, int proc, xdrproc_t args_filter,
                   void *args, xdrproc_t ret_filter, void *ret)
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
    s = XNEW(RemoteStream);
    s->rpc = priv->rpc;
    s->rs = rs;
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
                           (xdrproc_t)xdr_remote_domain_screenshot_ret, &ret) < 0)
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

    remote_wire_vol_to_wire(vol, &args.vol);
    return remote_stream_call(vol->conn, st, proc,
                              (xdrproc_t)xdr_remote_storage_vol_transfer_args, &args,
                              (xdrproc_t)(void (*)(void))xdr_void, NULL);
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
                              (xdrproc_t)(void (*)(void))xdr_void, NULL);
}
