/*
 * remote_server_stream.c: the REMOTE procedures that open a stream
 * (screenshot, volume upload and download; the latter two sparse when
 * their flag asks, holes then moving as STREAM_HOLE packets).
 *
 * Each creates a virStream on the client's hypervisor connection, lets the
 * public API attach the driver's backend to it, then hands it to the
 * engine (rpc_server_client_open_stream), which moves its bytes to or from
 * the client after the reply and frees it at the end.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <string.h>

#include "drivers/stream.h"
#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

static int
remote_stream_read(void *opaque, char *buf, size_t len)
{
    return virStreamRecv(opaque, buf, len);
}

static int
remote_stream_write(void *opaque, const char *buf, size_t len)
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
remote_stream_finish(void *opaque)
{
    return virStreamFinish(opaque);
}

static void
remote_stream_abort(void *opaque)
{
    virStreamAbort(opaque);
}

static void
remote_stream_free(void *opaque)
{
    virStreamFree(opaque);
}

static int
remote_stream_in_data(void *opaque, int *in_data, long long *length)
{
    return virStreamInData(opaque, in_data, length);
}

static int
remote_stream_hole(void *opaque, long long length, unsigned int flags)
{
    return virStreamSendHole(opaque, length, flags);
}

static const RpcServerStreamOps remote_stream_ops = {
    .read = remote_stream_read,
    .write = remote_stream_write,
    .finish = remote_stream_finish,
    .abort = remote_stream_abort,
    .free = remote_stream_free,
};

/* Calls with a *_SPARSE_STREAM flag: holes travel both ways. */
static const RpcServerStreamOps remote_stream_sparse_ops = {
    .read = remote_stream_read,
    .write = remote_stream_write,
    .finish = remote_stream_finish,
    .abort = remote_stream_abort,
    .free = remote_stream_free,
    .in_data = remote_stream_in_data,
    .hole = remote_stream_hole,
};

/* Hands st to the engine; on failure frees it. */
static int
remote_stream_open(RpcServerClient *client, const RpcCallInfo *call, virStreamPtr st,
                   bool source, bool sparse)
{
    if (rpc_server_client_open_stream(client, call, source,
                                      sparse ? &remote_stream_sparse_ops : &remote_stream_ops,
                                      st) < 0) {
        /* handle_stream_unref aborts the transfer like virStreamFree, but
         * keeps the error record the reply carries (the API calls reset
         * it on entry). */
        handle_stream_unref(st);
        return -1;
    }
    return 0;
}

int
remote_dispatch_domain_screenshot(RpcServerClient *client, const RpcCallInfo *call, void *args,
                                  void *ret)
{
    remote_domain_screenshot_args *a = args;
    remote_domain_screenshot_ret *r = ret;
    virConnectPtr conn = remote_server_conn_get(client);
    virDomainPtr dom;
    virStreamPtr st;
    char *mime;
    int rc = -1;

    if (!conn)
        return -1;
    if (!(st = virStreamNew(conn, 0)))
        goto out;
    dom = remote_wire_domain_handle(conn, &a->dom);
    mime = virDomainScreenshot(dom, st, a->screen, a->flags);
    handle_domain_unref(dom);
    if (!mime) {
        handle_stream_unref(st); /* keeps the driver's error for the reply */
        goto out;
    }
    if (remote_stream_open(client, call, st, true, false) < 0) {
        free(mime);
        goto out;
    }
    r->mime = XNEW(char *);
    *r->mime = mime;
    rc = 0;
out:
    handle_connect_unref(conn);
    return rc;
}

/* Upload (the client sends) and download (the daemon sends). */
static int
remote_stream_vol(RpcServerClient *client, const RpcCallInfo *call,
                  remote_storage_vol_transfer_args *a, bool upload)
{
    virConnectPtr conn = remote_server_conn_get(client);
    virStorageVolPtr vol;
    virStreamPtr st;
    int rc = -1;

    if (!conn)
        return -1;
    if (!(st = virStreamNew(conn, 0)))
        goto out;
    vol = remote_wire_vol_handle(conn, &a->vol);
    rc = upload ? virStorageVolUpload(vol, st, a->offset, a->length, a->flags)
                : virStorageVolDownload(vol, st, a->offset, a->length, a->flags);
    handle_vol_unref(vol);
    if (rc < 0) {
        handle_stream_unref(st); /* keeps the driver's error for the reply */
        goto out;
    }
    /* Both SPARSE_STREAM flags are bit 0 (libvirt's dispatcher tests the
     * call's own flag the same way). */
    rc = remote_stream_open(client, call, st, !upload,
                            a->flags & VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM);
out:
    handle_connect_unref(conn);
    return rc;
}

int
remote_dispatch_storage_vol_upload(RpcServerClient *client, const RpcCallInfo *call,
                                   void *args, void *ret)
{
    (void)ret;
    return remote_stream_vol(client, call, args, true);
}

int
remote_dispatch_storage_vol_download(RpcServerClient *client, const RpcCallInfo *call,
                                     void *args, void *ret)
{
    (void)ret;
    return remote_stream_vol(client, call, args, false);
}
