/*
 * stream.c: the virStream* entry points and the procedures that open a
 * stream (screenshot, volume upload and download).
 *
 * A stream is created empty; the stream procedure's driver attaches its
 * backend (drivers/stream.h), after which Send/Recv/Finish/Abort go to it.
 * Finish and Abort end the transfer once; later data calls fail.
 */
#define VIR_FROM_THIS VIR_FROM_STREAMS

#include "client/client.h"
#include "drivers/stream.h"
#include "util/error.h"

#include <stdlib.h>

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
    if (rc < 0)
        vir_error_dispatch(st->conn, __func__);
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

int
virStreamSendAll(virStreamPtr st, virStreamSourceFunc handler, void *opaque)
{
    char *buf;
    int rc = -1;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_CHECK_NONNULL(st->conn, handler, -1);
    if (st->flags & VIR_STREAM_NONBLOCK) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "data sources cannot be used for non-blocking streams");
        vir_error_dispatch(st->conn, __func__);
        return -1;
    }
    buf = malloc(CLIENT_STREAM_CHUNK);
    if (!buf)
        abort();
    for (;;) {
        int got = handler(st, buf, CLIENT_STREAM_CHUNK, opaque);
        int off = 0;

        if (got < 0) {
            if (!vir_error_is_set())
                vir_report_error(VIR_ERR_OPERATION_FAILED, "%s",
                                 "send handler failed");
            goto fail;
        }
        if (got == 0)
            break;
        while (off < got) {
            int sent = virStreamSend(st, buf + off, (size_t)(got - off));

            if (sent < 0)
                goto fail;
            off += sent;
        }
    }
    rc = 0;
fail:
    free(buf);
    if (rc < 0) {
        virErrorPtr saved = virSaveLastError();

        virStreamAbort(st);
        if (saved) {
            vir_error_set_full(saved->code, saved->domain, saved->level, saved->message,
                               saved->str1, saved->str2, saved->str3, saved->int1,
                               saved->int2);
            virFreeError(saved);
        }
        vir_error_dispatch(st->conn, __func__);
    }
    return rc;
}

int
virStreamRecvAll(virStreamPtr st, virStreamSinkFunc handler, void *opaque)
{
    char *buf;
    int rc = -1;

    CLIENT_ENTER_STREAM(st, -1);
    CLIENT_CHECK_NONNULL(st->conn, handler, -1);
    if (st->flags & VIR_STREAM_NONBLOCK) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "data sinks cannot be used for non-blocking streams");
        vir_error_dispatch(st->conn, __func__);
        return -1;
    }
    buf = malloc(CLIENT_STREAM_CHUNK);
    if (!buf)
        abort();
    for (;;) {
        int got = virStreamRecv(st, buf, CLIENT_STREAM_CHUNK);
        int off = 0;

        if (got < 0)
            goto fail;
        if (got == 0)
            break;
        while (off < got) {
            int done = handler(st, buf + off, (size_t)(got - off), opaque);

            if (done < 0) {
                if (!vir_error_is_set())
                    vir_report_error(VIR_ERR_OPERATION_FAILED, "%s",
                                     "recv handler failed");
                goto fail;
            }
            off += done;
        }
    }
    rc = 0;
fail:
    free(buf);
    if (rc < 0) {
        virErrorPtr saved = virSaveLastError();

        virStreamAbort(st);
        if (saved) {
            vir_error_set_full(saved->code, saved->domain, saved->level, saved->message,
                               saved->str1, saved->str2, saved->str3, saved->int1,
                               saved->int2);
            virFreeError(saved);
        }
        vir_error_dispatch(st->conn, __func__);
    }
    return rc;
}

char *
virDomainScreenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen,
                    unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    if (!client_stream_ok(stream, __func__))
        return NULL;
    CLIENT_FORWARD(domain->conn, domain_screenshot, CLIENT_FAILED_NULL, NULL, domain, stream,
                   screen, flags);
}

int
virStorageVolUpload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                    unsigned long long length, unsigned int flags)
{
    CLIENT_ENTER_VOL(vol, -1);
    if (!client_stream_ok(stream, __func__))
        return -1;
    CLIENT_FORWARD(vol->conn, storage_vol_upload, CLIENT_FAILED_NEG, -1, vol, stream, offset,
                   length, flags);
}

int
virStorageVolDownload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                      unsigned long long length, unsigned int flags)
{
    CLIENT_ENTER_VOL(vol, -1);
    if (!client_stream_ok(stream, __func__))
        return -1;
    CLIENT_FORWARD(vol->conn, storage_vol_download, CLIENT_FAILED_NEG, -1, vol, stream, offset,
                   length, flags);
}
