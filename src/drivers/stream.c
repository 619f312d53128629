/*
 * stream.c: the virStream handle and the file backend (see stream.h).
 *
 * The file backend is what libvirt's fd streams are for its test driver:
 * plain pread/pwrite at an offset, within a length. Writes create a
 * sparse file where the data has gaps (offsets past the end).
 *
 * The console backend (at the end) relays a pty. The daemon's loop must
 * never wait on a guest, so the pty is opened non-blocking and the loop
 * watches one descriptor per session: an epoll set holding the pty
 * (readable; writable only while typed input waits) and an eventfd that a
 * forced takeover signals. Input the pty cannot take at once waits in a
 * bounded buffer, flushed whenever the set is ready.
 */
#define VIR_FROM_THIS VIR_FROM_STREAMS

#include "drivers/stream.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
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
    pthread_mutex_init(&st->ev_lock, NULL);
    st->ev.timer = -1;
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
    pthread_mutex_destroy(&st->ev_lock);
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
    uint64_t hole;  /* reads: the hole recv_flags stopped at */
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
    fs->hole = 0; /* a hole read through reads as its zeros */
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

/* ---- holes (sparse mode) ---- */

/* Where the data or hole at pos ends, as SEEK_DATA/SEEK_HOLE see the
 * file, clipped to the stream's range: *ret_in_data and the length (0/0
 * at the end of the range). 0, or -1 with a system error. */
static int
file_stream_section(FileStream *fs, int *ret_in_data, long long *ret_len)
{
    uint64_t left = fs->pos < fs->end ? fs->end - fs->pos : 0;
    off_t data, next;
    struct stat sb;

    *ret_in_data = 0;
    *ret_len = 0;
    if (left == 0 || fs->pos > (uint64_t)INT64_MAX)
        return 0;
    data = lseek(fs->fd, (off_t)fs->pos, SEEK_DATA);
    if (data < 0 && errno != ENXIO) {
        vir_error_report_system(VIR_FROM_THIS, errno, "%s", "Unable to seek to data");
        return -1;
    }
    if (data < 0) {
        /* in the trailing hole, or past the end of the file */
        if (fstat(fs->fd, &sb) < 0) {
            vir_error_report_system(VIR_FROM_THIS, errno, "%s", "Unable to seek to EOF");
            return -1;
        }
        next = sb.st_size > (off_t)fs->pos ? sb.st_size : (off_t)fs->pos;
    } else if ((uint64_t)data > fs->pos) {
        next = data;
    } else {
        *ret_in_data = 1;
        next = lseek(fs->fd, data, SEEK_HOLE);
        if (next < 0 || next == data) {
            vir_error_report_system(VIR_FROM_THIS, errno ? errno : EIO, "%s",
                                    "unable to seek to hole");
            return -1;
        }
    }
    uint64_t len = (uint64_t)next - fs->pos;

    if (len > left)
        len = left;
    if (len > (uint64_t)INT64_MAX)
        len = (uint64_t)INT64_MAX;
    *ret_len = (long long)len;
    return 0;
}

static int
file_stream_in_data(virStreamPtr st, int *in_data, long long *length)
{
    FileStream *fs = st->data;

    if (fs->write) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "stream is not open for reading");
        return -1;
    }
    return file_stream_section(fs, in_data, length);
}

/* Zeros [pos, pos+len) of a file system that cannot punch holes, 64 KiB
 * at a time. */
static int
file_stream_zero(FileStream *fs, uint64_t pos, uint64_t len)
{
    static const char zeros[65536];

    while (len > 0) {
        size_t n = len > sizeof(zeros) ? sizeof(zeros) : (size_t)len;
        ssize_t w = pwrite(fs->fd, zeros, n, (off_t)pos);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            vir_error_report_system(VIR_FROM_THIS, w < 0 ? errno : EIO,
                                    "cannot write to '%s'", fs->path);
            return -1;
        }
        pos += (uint64_t)w;
        len -= (uint64_t)w;
    }
    return 0;
}

/* Makes [pos, pos+len) of the file read as zeros without allocating it:
 * punched where the file has bytes, extended past its end. */
static int
file_stream_punch(FileStream *fs, uint64_t pos, uint64_t len)
{
    struct stat sb;
    uint64_t size, inside;

    if (fstat(fs->fd, &sb) < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "cannot stat '%s'", fs->path);
        return -1;
    }
    size = (uint64_t)sb.st_size;
    inside = pos < size ? (size - pos < len ? size - pos : len) : 0;
    if (inside > 0 &&
        fallocate(fs->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)pos,
                  (off_t)inside) < 0) {
        if (errno != EOPNOTSUPP && errno != ENOSYS) {
            vir_error_report_system(VIR_FROM_THIS, errno, "unable to punch a hole in '%s'",
                                    fs->path);
            return -1;
        }
        if (file_stream_zero(fs, pos, inside) < 0)
            return -1;
    }
    if (pos + len > size && ftruncate(fs->fd, (off_t)(pos + len)) < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "%s", "unable to truncate");
        return -1;
    }
    return 0;
}

static int
file_stream_send_hole(virStreamPtr st, long long length, unsigned int flags)
{
    FileStream *fs = st->data;
    uint64_t stop = fs->write && fs->limit < fs->end ? fs->limit : fs->end;
    uint64_t len;

    /* libvirt's fd streams check these, in this order, by these names. */
    if (flags) {
        vir_error_report_raw(VIR_FROM_THIS, VIR_ERR_INVALID_ARG, "virFDStreamSendHole", "flags",
                             "unsupported flags (0x%x) in function %s", flags,
                             "virFDStreamSendHole");
        return -1;
    }
    if (length <= 0) {
        vir_error_report_raw(VIR_FROM_THIS, VIR_ERR_INVALID_ARG, "virFDStreamSendHole",
                             "length", "%s in %s must be greater than zero", "length",
                             "virFDStreamSendHole");
        return -1;
    }
    /* A hole reaching past the range stops at its end, as libvirt's. */
    len = fs->pos < stop ? stop - fs->pos : 0;
    if ((uint64_t)length < len)
        len = (uint64_t)length;
    if (fs->write && len > 0 && file_stream_punch(fs, fs->pos, len) < 0)
        return -1;
    fs->pos += len;
    return 0;
}

static int
file_stream_recv_flags(virStreamPtr st, char *buf, size_t n, unsigned int flags)
{
    FileStream *fs = st->data;
    int in_data;
    long long len;

    vir_check_flags(flags, VIR_STREAM_RECV_STOP_AT_HOLE, -1);
    if (!(flags & VIR_STREAM_RECV_STOP_AT_HOLE) || fs->write)
        return file_stream_recv(st, buf, n);
    if (fs->hole)
        return -3;
    if (file_stream_section(fs, &in_data, &len) < 0)
        return -1;
    if (!in_data && len > 0) {
        fs->hole = (uint64_t)len;
        return -3;
    }
    if (in_data && (unsigned long long)len < n)
        n = (size_t)len;
    return file_stream_recv(st, buf, n);
}

static int
file_stream_recv_hole(virStreamPtr st, long long *length, unsigned int flags)
{
    FileStream *fs = st->data;

    vir_check_flags(flags, 0, -1);
    *length = (long long)fs->hole;
    fs->pos += fs->hole;
    fs->hole = 0;
    return 0;
}

static const VireoStreamOps file_stream_ops = {
    .recv = file_stream_recv,
    .send = file_stream_send,
    .finish = file_stream_finish,
    .abort = file_stream_abort,
    .release = file_stream_release,
    .recv_flags = file_stream_recv_flags,
    .send_hole = file_stream_send_hole,
    .recv_hole = file_stream_recv_hole,
    .in_data = file_stream_in_data,
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

/* ---- the console backend ---- */

/* Typed input waiting for the pty beyond this fails the stream. */
#define CONSOLE_PENDING_MAX (1024u * 1024)

typedef struct ConsoleStream {
    struct ConsoleStream *next; /* console_sessions, console_lock */
    char *path;
    int fd;                     /* the pty, O_NONBLOCK */
    int epfd;                   /* what the loop polls */
    int evfd;                   /* signalled on takeover */
    atomic_bool stolen;         /* another session forced this one out */
    bool registered;            /* on console_sessions */
    bool want_out;              /* EPOLLOUT is in the set */
    char *pending;              /* input not yet written */
    size_t npending;
} ConsoleStream;

static pthread_mutex_t console_lock = PTHREAD_MUTEX_INITIALIZER;
static ConsoleStream *console_sessions; /* console_lock */

static void
console_unregister(ConsoleStream *cs)
{
    pthread_mutex_lock(&console_lock);
    if (cs->registered) {
        for (ConsoleStream **pp = &console_sessions; *pp; pp = &(*pp)->next) {
            if (*pp == cs) {
                *pp = cs->next;
                break;
            }
        }
        cs->registered = false;
    }
    pthread_mutex_unlock(&console_lock);
}

/* Puts EPOLLOUT in the set exactly while input waits. */
static void
console_update_interest(ConsoleStream *cs)
{
    bool want = cs->npending > 0;
    struct epoll_event ev = { .events = EPOLLIN | (want ? EPOLLOUT : 0), .data.fd = cs->fd };

    if (want == cs->want_out)
        return;
    if (epoll_ctl(cs->epfd, EPOLL_CTL_MOD, cs->fd, &ev) == 0)
        cs->want_out = want;
}

/* Writes what the pty takes now. Returns 0, or -1 (reported). */
static int
console_flush(ConsoleStream *cs)
{
    size_t done = 0;

    while (done < cs->npending) {
        ssize_t w = write(cs->fd, cs->pending + done, cs->npending - done);

        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (w < 0) {
            vir_error_report_system(VIR_FROM_THIS, errno, "cannot write to console '%s'",
                                    cs->path);
            return -1;
        }
        done += (size_t)w;
    }
    memmove(cs->pending, cs->pending + done, cs->npending - done);
    cs->npending -= done;
    console_update_interest(cs);
    return 0;
}

static int
console_stream_recv(virStreamPtr st, char *buf, size_t n)
{
    ConsoleStream *cs = st->data;
    ssize_t got;

    if (atomic_load(&cs->stolen) || cs->fd < 0)
        return 0;
    if (console_flush(cs) < 0)
        return -1;
    if (n > INT32_MAX)
        n = INT32_MAX;
    do {
        got = read(cs->fd, buf, n);
    } while (got < 0 && errno == EINTR);
    if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return -2;
    /* EIO: the guest side of the pty is gone (qemu exited) */
    if (got == 0 || (got < 0 && errno == EIO))
        return 0;
    if (got < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "cannot read from console '%s'",
                                cs->path);
        return -1;
    }
    return (int)got;
}

static int
console_stream_send(virStreamPtr st, const char *buf, size_t n)
{
    ConsoleStream *cs = st->data;

    if (atomic_load(&cs->stolen) || cs->fd < 0)
        return (int)(n > INT32_MAX ? INT32_MAX : n); /* session over: input goes nowhere */
    if (n > INT32_MAX)
        n = INT32_MAX;
    if (n > CONSOLE_PENDING_MAX - cs->npending) {
        vir_report_error(VIR_ERR_OPERATION_FAILED, "%s",
                         "console input is not being consumed by the guest");
        return -1;
    }
    cs->pending = xrealloc(cs->pending, cs->npending + n);
    memcpy(cs->pending + cs->npending, buf, n);
    cs->npending += n;
    if (console_flush(cs) < 0)
        return -1;
    return (int)n;
}

static int
console_stream_end(virStreamPtr st)
{
    console_unregister(st->data);
    return 0;
}

static void
console_stream_release(virStreamPtr st)
{
    ConsoleStream *cs = st->data;

    console_unregister(cs);
    if (cs->fd >= 0)
        close(cs->fd);
    if (cs->epfd >= 0)
        close(cs->epfd);
    if (cs->evfd >= 0)
        close(cs->evfd);
    free(cs->pending);
    free(cs->path);
    free(cs);
}

static int
console_stream_poll_fd(virStreamPtr st)
{
    return ((ConsoleStream *)st->data)->epfd;
}

static const VireoStreamOps console_stream_ops = {
    .recv = console_stream_recv,
    .send = console_stream_send,
    .finish = console_stream_end,
    .abort = console_stream_end,
    .release = console_stream_release,
    .poll_fd = console_stream_poll_fd,
};

/* Registers cs for its path, forcing out a holder when force. */
static int
console_register(ConsoleStream *cs, bool force)
{
    int rc = 0;

    pthread_mutex_lock(&console_lock);
    for (ConsoleStream **pp = &console_sessions; *pp; pp = &(*pp)->next) {
        ConsoleStream *old = *pp;

        if (strcmp(old->path, cs->path) != 0)
            continue;
        if (!force) {
            rc = -1;
            break;
        }
        *pp = old->next;
        old->registered = false;
        atomic_store(&old->stolen, true);
        uint64_t one = 1;
        if (write(old->evfd, &one, sizeof(one)) < 0) {
            /* cannot fail on an eventfd below its maximum */
        }
        break;
    }
    if (rc == 0) {
        cs->next = console_sessions;
        console_sessions = cs;
        cs->registered = true;
    }
    pthread_mutex_unlock(&console_lock);
    return rc;
}

int
vireo_stream_open_console(virStreamPtr st, const char *path, bool force)
{
    ConsoleStream *cs = XNEW(ConsoleStream);
    struct epoll_event ev = { .events = EPOLLIN };
    int rc = -1;

    cs->fd = cs->epfd = cs->evfd = -1;
    cs->path = xstrdup(path);
    atomic_init(&cs->stolen, false);
    cs->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (cs->fd < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "Unable to open '%s'", path);
        goto fail;
    }
    cs->epfd = epoll_create1(EPOLL_CLOEXEC);
    cs->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (cs->epfd < 0 || cs->evfd < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "%s", "cannot set up the console poll");
        goto fail;
    }
    ev.data.fd = cs->fd;
    if (epoll_ctl(cs->epfd, EPOLL_CTL_ADD, cs->fd, &ev) < 0)
        goto fail_ctl;
    ev.data.fd = cs->evfd;
    if (epoll_ctl(cs->epfd, EPOLL_CTL_ADD, cs->evfd, &ev) < 0)
        goto fail_ctl;
    if (console_register(cs, force) < 0) {
        rc = -2;
        goto fail;
    }
    vireo_stream_attach(st, &console_stream_ops, cs);
    return 0;
fail_ctl:
    vir_error_report_system(VIR_FROM_THIS, errno, "cannot poll console '%s'", path);
fail:
    if (cs->fd >= 0)
        close(cs->fd);
    if (cs->epfd >= 0)
        close(cs->epfd);
    if (cs->evfd >= 0)
        close(cs->evfd);
    free(cs->path);
    free(cs);
    return rc;
}
