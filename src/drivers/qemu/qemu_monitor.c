/*
 * qemu_monitor.c: the QMP client: connect, reader thread, commands.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>

#include "drivers/qemu/qemu_monitor.h"
#include "util/alloc.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

struct QemuMonitor {
    int fd;                       /* immutable while open */
    pthread_t reader;             /* immutable */
    QemuMonitorCallbacks cb;      /* immutable */
    void *opaque;                 /* immutable */
    pthread_mutex_t cmd_lock;     /* one command in flight */
    pthread_mutex_t lock;         /* guards the fields below */
    pthread_cond_t cond;
    unsigned long long next_id;
    char *pending_id;             /* id of the command in flight */
    QemuJson *reply;              /* its reply, once read */
    bool eof;                     /* the reader has stopped */
    bool closing;                 /* qemu_monitor_close() began: no callbacks */
    unsigned long version;
};

static void
monitor_handle_message(QemuMonitor *mon, QemuJson *msg)
{
    const QemuJson *greet = qemu_json_get(msg, "QMP");
    const char *event = qemu_json_get_string(msg, "event");
    const char *id = qemu_json_get_string(msg, "id");

    if (greet) {
        const QemuJson *ver = qemu_json_get(qemu_json_get(greet, "version"), "qemu");
        long long ma = 0, mi = 0, mc = 0;
        qemu_json_get_int(ver, "major", &ma);
        qemu_json_get_int(ver, "minor", &mi);
        qemu_json_get_int(ver, "micro", &mc);
        pthread_mutex_lock(&mon->lock);
        mon->version = (unsigned long)(ma * 1000000 + mi * 1000 + mc);
        pthread_mutex_unlock(&mon->lock);
    } else if (event) {
        bool closing;
        pthread_mutex_lock(&mon->lock);
        closing = mon->closing;
        pthread_mutex_unlock(&mon->lock);
        VIREO_DEBUG_LOG("mon=%p event %s", (void *)mon, event);
        if (!closing && mon->cb.event)
            mon->cb.event(mon->opaque, event, qemu_json_get(msg, "data"));
    } else if (id) {
        pthread_mutex_lock(&mon->lock);
        if (mon->pending_id && STREQ(mon->pending_id, id) && !mon->reply) {
            mon->reply = msg;
            msg = NULL;
            pthread_cond_broadcast(&mon->cond);
        }
        pthread_mutex_unlock(&mon->lock);
    }
    qemu_json_free(msg);
}

/* Splits buf into lines and handles each; returns the bytes consumed. */
static size_t
monitor_consume(QemuMonitor *mon, const char *buf, size_t len)
{
    size_t done = 0;
    const char *nl;

    while ((nl = memchr(buf + done, '\n', len - done))) {
        size_t n = (size_t)(nl - (buf + done));
        QemuJson *msg = NULL;

        if (n > 0 && qemu_json_parse(buf + done, n, &msg) == 0)
            monitor_handle_message(mon, msg);
        else if (n > 0)
            VIREO_DEBUG_LOG("mon=%p unparsable message of %zu bytes", (void *)mon, n);
        done += n + 1;
    }
    return done;
}

static void *
monitor_reader(void *opaque)
{
    QemuMonitor *mon = opaque;
    size_t cap = 65536, len = 0;
    char *buf = xmalloc(cap);
    bool closing;

    for (;;) {
        ssize_t got;
        size_t used;

        if (len == cap) {
            if (cap >= QEMU_MONITOR_MAX_LINE)
                break; /* a message larger than anything QMP sends: drop the link */
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        got = recv(mon->fd, buf + len, cap - len, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        len += (size_t)got;
        used = monitor_consume(mon, buf, len);
        memmove(buf, buf + used, len - used);
        len -= used;
    }
    free(buf);
    /* the link is dead either way: make sure qemu sees it too */
    shutdown(mon->fd, SHUT_RDWR);
    pthread_mutex_lock(&mon->lock);
    mon->eof = true;
    closing = mon->closing;
    pthread_cond_broadcast(&mon->cond);
    pthread_mutex_unlock(&mon->lock);
    if (!closing && mon->cb.eof)
        mon->cb.eof(mon->opaque);
    return NULL;
}

static int
monitor_connect(const char *path, int timeout_ms)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    struct timespec start, now;
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "monitor socket path '%s' too long", path);
        return -1;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
            vir_error_report_system(VIR_FROM_QEMU, errno, "%s", "failed to create socket");
            return -1;
        }
        if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
            return fd;
        int err = errno;
        close(fd);
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if ((err != EAGAIN && err != ECONNREFUSED && err != ENOENT) || elapsed >= timeout_ms) {
            vir_error_report_system(VIR_FROM_QEMU, err, "failed to connect to monitor socket '%s'",
                                    path);
            return -1;
        }
        poll(NULL, 0, 5);
    }
}

QemuMonitor *
qemu_monitor_open(const char *path, int timeout_ms, const QemuMonitorCallbacks *cb, void *opaque)
{
    QemuMonitor *mon;
    int fd = monitor_connect(path, timeout_ms);

    if (fd < 0)
        return NULL;
    mon = XNEW(QemuMonitor);
    mon->fd = fd;
    if (cb)
        mon->cb = *cb;
    mon->opaque = opaque;
    pthread_mutex_init(&mon->cmd_lock, NULL);
    pthread_mutex_init(&mon->lock, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&mon->cond, &attr);
    pthread_condattr_destroy(&attr);
    if (pthread_create(&mon->reader, NULL, monitor_reader, mon) != 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "cannot start the monitor reader thread");
        close(fd);
        free(mon);
        return NULL;
    }
    if (qemu_monitor_command(mon, "qmp_capabilities", NULL, timeout_ms, NULL) < 0) {
        qemu_monitor_close(mon);
        return NULL;
    }
    return mon;
}

static int
monitor_send_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static void
monitor_report_error(const char *cmd, const QemuJson *err)
{
    const char *desc = qemu_json_get_string(err, "desc");

    vir_report_error(VIR_ERR_INTERNAL_ERROR, "unable to execute QEMU command '%s': %s", cmd,
                     desc ? desc : "unknown error");
}

/* Waits for the reply to the pending command; caller holds mon->lock. */
static int
monitor_wait_reply(QemuMonitor *mon, const char *cmd, int timeout_ms)
{
    struct timespec deadline;

    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    while (!mon->reply && !mon->eof) {
        if (pthread_cond_timedwait(&mon->cond, &mon->lock, &deadline) == ETIMEDOUT) {
            vir_report_error(VIR_ERR_OPERATION_TIMEOUT, "QEMU command '%s' got no reply in %d ms",
                             cmd, timeout_ms);
            return -1;
        }
    }
    if (!mon->reply) {
        vir_report_error(VIR_ERR_OPERATION_FAILED, "%s", "End of file from qemu monitor");
        return -1;
    }
    return 0;
}

int
qemu_monitor_command(QemuMonitor *mon, const char *cmd, const char *args_json, int timeout_ms,
                     QemuJson **ret_return)
{
    VireoBuf msg = VIREO_BUF_INIT;
    QemuJson *reply = NULL;
    int rc = -1;

    if (timeout_ms <= 0)
        timeout_ms = QEMU_MONITOR_TIMEOUT_MS;
    pthread_mutex_lock(&mon->cmd_lock);
    pthread_mutex_lock(&mon->lock);
    free(mon->pending_id);
    mon->pending_id = xasprintf("vireo-%llu", ++mon->next_id);
    buf_add(&msg, "{\"execute\":");
    qemu_json_add_string(&msg, cmd);
    if (args_json)
        buf_addf(&msg, ",\"arguments\":%s", args_json);
    buf_addf(&msg, ",\"id\":\"%s\"}\r\n", mon->pending_id);
    pthread_mutex_unlock(&mon->lock);
    VIREO_DEBUG_LOG("mon=%p send %s", (void *)mon, buf_str(&msg));

    if (monitor_send_all(mon->fd, buf_str(&msg), msg.len) < 0) {
        vir_report_error(VIR_ERR_OPERATION_FAILED, "%s", "cannot send to the qemu monitor");
        pthread_mutex_lock(&mon->lock);
    } else {
        pthread_mutex_lock(&mon->lock);
        if (monitor_wait_reply(mon, cmd, timeout_ms) == 0)
            reply = TAKE_PTR(mon->reply);
    }
    free(TAKE_PTR(mon->pending_id));
    qemu_json_free(TAKE_PTR(mon->reply));
    pthread_mutex_unlock(&mon->lock);
    pthread_mutex_unlock(&mon->cmd_lock);
    buf_reset(&msg);

    if (reply) {
        const QemuJson *err = qemu_json_get(reply, "error");
        if (err) {
            monitor_report_error(cmd, err);
        } else {
            rc = 0;
            if (ret_return) {
                QemuJson *ret = NULL;
                /* detach the "return" member from the reply */
                for (size_t i = 0; i < reply->n && !ret; i++)
                    if (STREQ(reply->keys[i], "return")) {
                        ret = reply->items[i];
                        reply->items[i] = XNEW(QemuJson);
                    }
                *ret_return = ret ? ret : XNEW(QemuJson);
            }
        }
    }
    qemu_json_free(reply);
    return rc;
}

void
qemu_monitor_close(QemuMonitor *mon)
{
    if (!mon)
        return;
    pthread_mutex_lock(&mon->lock);
    mon->closing = true;
    pthread_mutex_unlock(&mon->lock);
    shutdown(mon->fd, SHUT_RDWR);
    pthread_join(mon->reader, NULL);
    close(mon->fd);
    free(mon->pending_id);
    qemu_json_free(mon->reply);
    pthread_mutex_destroy(&mon->cmd_lock);
    pthread_mutex_destroy(&mon->lock);
    pthread_cond_destroy(&mon->cond);
    free(mon);
}

unsigned long
qemu_monitor_version(QemuMonitor *mon)
{
    unsigned long v;

    pthread_mutex_lock(&mon->lock);
    v = mon->version;
    pthread_mutex_unlock(&mon->lock);
    return v;
}
