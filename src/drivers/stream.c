/*
 * stream.c: the virStream handle and the file backend (see stream.h).
 *
 * The file backend is what libvirt's fd streams are for its test driver:
 * plain pread/pwrite at an offset, within a length. Writes create a
 * sparse file where the data has gaps (offsets past the end).
 */
#define VIR_FROM_THIS VIR_FROM_STREAMS

#include "drivers/stream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "drivers/handles.h"
#include "util/alloc.h"
#include "util/error.h"

virStreamPtr
handle_stream_new(virConnectPtr conn, unsigned int flags)
{
    virStreamPtr st = XNEW(virStream);

    atomic_init(&st->refs, 1);
    atomic_fetch_add(&conn->refs, 1);
    st->conn = conn;
    st->flags = flags;
    pthread_mutex_init(&st->lock, NULL);
    return st;
}

int
handle_stream_unref(virStreamPtr st)
{
    int left = atomic_fetch_sub(&st->refs, 1) - 1;

    if (left > 0)
        return left;
    if (st->ops) {
        if (!st->done && st->ops->abort)
            st->ops->abort(st);
        if (st->ops->release)
            st->ops->release(st);
    }
    handle_connect_unref(st->conn);
    pthread_mutex_destroy(&st->lock);
    free(st);
    return 0;
}

void
vireo_stream_attach(virStreamPtr st, const VireoStreamOps *ops, void *data)
{
    st->ops = ops;
    st->data = data;
}

typedef struct {
    int fd;
    char *path;
    bool write;
    uint64_t pos;   /* next offset */
    uint64_t end;   /* one past the last byte allowed (UINT64_MAX: none) */
    uint64_t limit; /* writes: capacity bound (UINT64_MAX: none) */
} FileStream;

static int
file_stream_recv(virStreamPtr st, char *buf, size_t n)
{
    FileStream *fs = st->data;
    ssize_t got;

    if (fs->write) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "stream is not open for reading");
        return -1;
    }
    if (fs->pos >= fs->end)
        return 0;
    if (n > fs->end - fs->pos)
        n = (size_t)(fs->end - fs->pos);
    if (n > INT32_MAX)
        n = INT32_MAX;
    do {
        got = pread(fs->fd, buf, n, (off_t)fs->pos);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "cannot read from '%s'", fs->path);
        return -1;
    }
    fs->pos += (uint64_t)got;
    return (int)got;
}

static int
file_stream_send(virStreamPtr st, const char *buf, size_t n)
{
    FileStream *fs = st->data;
    size_t done = 0;

    if (!fs->write) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "stream is not open for writing");
        return -1;
    }
    uint64_t to_end = fs->pos < fs->end ? fs->end - fs->pos : 0;
    uint64_t to_limit = fs->pos < fs->limit ? fs->limit - fs->pos : 0;

    if (n > to_end || n > to_limit) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s",
                         n > to_end ? "stream sent more data than the requested length"
                                    : "stream data exceeds the volume capacity");
        return -1;
    }
    while (done < n) {
        ssize_t w = pwrite(fs->fd, buf + done, n - done, (off_t)(fs->pos + done));

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            vir_error_report_system(VIR_FROM_THIS, errno, "cannot write to '%s'", fs->path);
            return -1;
        }
        done += (size_t)w;
    }
    fs->pos += n;
    return (int)n;
}

static int
file_stream_close(FileStream *fs)
{
    int rc = 0;

    if (fs->fd >= 0 && close(fs->fd) < 0 && fs->write) {
        vir_error_report_system(VIR_FROM_THIS, errno, "cannot close '%s'", fs->path);
        rc = -1;
    }
    fs->fd = -1;
    return rc;
}

static int
file_stream_finish(virStreamPtr st)
{
    return file_stream_close(st->data);
}

static int
file_stream_abort(virStreamPtr st)
{
    file_stream_close(st->data);
    return 0;
}

static void
file_stream_release(virStreamPtr st)
{
    FileStream *fs = st->data;

    file_stream_close(fs);
    free(fs->path);
    free(fs);
}

static const VireoStreamOps file_stream_ops = {
    .recv = file_stream_recv,
    .send = file_stream_send,
    .finish = file_stream_finish,
    .abort = file_stream_abort,
    .release = file_stream_release,
};

int
vireo_stream_open_file(virStreamPtr st, const char *path, bool write, unsigned long long offset,
                       unsigned long long length, unsigned long long limit)
{
    FileStream *fs;
    int fd = open(path, write ? O_WRONLY | O_CREAT | O_CLOEXEC : O_RDONLY | O_CLOEXEC, 0600);

    if (fd < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "Unable to open stream for '%s'", path);
        return -1;
    }
    fs = XNEW(FileStream);
    fs->fd = fd;
    fs->path = xstrdup(path);
    fs->write = write;
    fs->pos = offset;
    fs->end = length && offset <= UINT64_MAX - length ? offset + length : UINT64_MAX;
    fs->limit = limit ? limit : UINT64_MAX;
    vireo_stream_attach(st, &file_stream_ops, fs);
    return 0;
}
