/* Many idle connections: the daemon's memory per connection and the largest
 * number of concurrent connections it serves.
 *
 * Thousands of libvirt client connections would need thousands of threads,
 * so this program speaks the protocol itself on raw sockets: every connection
 * does the real handshake a libvirt client does (AUTH_LIST, then CONNECT_OPEN
 * "test:///default"), hand-encoded in XDR, and then stays idle and open.
 * Connections are opened one after another, each with a bounded wait, so a
 * daemon that stops answering is recorded instead of hanging the run.
 *
 * Usage: conns --socket PATH --pid PID [--target N] [--marks 1000,10000]
 *              [--timeout S] [--hold 1]
 * With --hold 1 the connections stay open after the report until the program
 * is terminated, so other measurements can run beside them.
 * Output lines (tab separated):
 *   base RSS_KIB                       daemon RSS with one connection open
 *   mark N RSS_KIB PER_CONN_BYTES SECONDS   after N connections are open
 *   served N SECONDS                   connections served, time taken
 *   next OUTCOME MILLISECONDS DETAIL   what the next connection got
 * OUTCOME is one of: refused (error reply), closed (EOF or reset),
 * timeout (no answer in time), connect-failed, served (it was accepted). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "bench-stats.h"

#define CONNS_MAX_MARKS 16
#define CONNS_PROG_REMOTE 0x20008086u
#define CONNS_PROC_CONNECT_OPEN 1
#define CONNS_PROC_AUTH_LIST 66
#define CONNS_BATCH 100

typedef enum ConnsOutcome {
    CONNS_SERVED,
    CONNS_REFUSED,
    CONNS_CLOSED,
    CONNS_TIMEOUT,
    CONNS_CONNECT_FAILED,
} ConnsOutcome;

static const char *const conns_outcome_names[] = {
    [CONNS_SERVED] = "served",
    [CONNS_REFUSED] = "refused",
    [CONNS_CLOSED] = "closed",
    [CONNS_TIMEOUT] = "timeout",
    [CONNS_CONNECT_FAILED] = "connect-failed",
};

typedef struct ConnsBuf {
    uint8_t data[256];
    size_t len;
} ConnsBuf;

static void conns_put_u32(ConnsBuf *buf, uint32_t v)
{
    buf->data[buf->len++] = (uint8_t)(v >> 24);
    buf->data[buf->len++] = (uint8_t)(v >> 16);
    buf->data[buf->len++] = (uint8_t)(v >> 8);
    buf->data[buf->len++] = (uint8_t)v;
}

static uint32_t conns_get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A CALL to the remote program: length word, header, then the caller's
 * payload appended afterwards; conns_call_finish patches the length. */
static void conns_call_start(ConnsBuf *buf, uint32_t proc, uint32_t serial)
{
    buf->len = 0;
    conns_put_u32(buf, 0);
    conns_put_u32(buf, CONNS_PROG_REMOTE);
    conns_put_u32(buf, 1);       /* version */
    conns_put_u32(buf, proc);
    conns_put_u32(buf, 0);       /* CALL */
    conns_put_u32(buf, serial);
    conns_put_u32(buf, 0);       /* OK */
}

static void conns_call_finish(ConnsBuf *buf)
{
    size_t len = buf->len;

    buf->len = 0;
    conns_put_u32(buf, (uint32_t)len);
    buf->len = len;
}

/* remote_string (an optional pointer to a string): present flag, then an XDR
 * string padded to a multiple of 4. */
static void conns_put_optional_string(ConnsBuf *buf, const char *s)
{
    size_t n = strlen(s);

    conns_put_u32(buf, 1);
    conns_put_u32(buf, (uint32_t)n);
    memcpy(buf->data + buf->len, s, n);
    buf->len += n;
    while (buf->len % 4)
        buf->data[buf->len++] = 0;
}

static double conns_ms_since(uint64_t start)
{
    return (double)(bench_now_ns() - start) / 1e6;
}

/* One connection of a batch going through the handshake. */
typedef enum ConnsStage {
    CONNS_STAGE_AUTH_LIST,
    CONNS_STAGE_CONNECT_OPEN,
    CONNS_STAGE_DONE,
} ConnsStage;

typedef struct ConnsConn {
    int fd;
    ConnsStage stage;
    ConnsOutcome outcome;        /* CONNS_SERVED while in progress or done */
    uint8_t reply[4096];
    size_t have;
    char detail[256];
} ConnsConn;

static void conns_send_call(ConnsConn *conn, uint32_t proc, uint32_t serial)
{
    ConnsBuf call;
    ssize_t n;

    conns_call_start(&call, proc, serial);
    if (proc == CONNS_PROC_CONNECT_OPEN) {
        conns_put_optional_string(&call, "test:///default");
        conns_put_u32(&call, 0); /* flags */
    }
    conns_call_finish(&call);
    /* A call this small always fits an idle socket's send buffer. */
    n = write(conn->fd, call.data, call.len);
    if (n != (ssize_t)call.len) {
        conn->outcome = CONNS_CLOSED;
        snprintf(conn->detail, sizeof(conn->detail), "write: %s",
                 n < 0 ? strerror(errno) : "short write");
    }
}

/* Looks at a complete reply: an ERROR status means the daemon refused. */
static void conns_check_reply(ConnsConn *conn, size_t len)
{
    const uint8_t *body = conn->reply + 28;
    size_t blen = len - 28;

    if (conns_get_u32(conn->reply + 24) == 0)
        return;
    conn->outcome = CONNS_REFUSED;
    /* remote_error: code, domain, optional message */
    if (blen >= 16 && conns_get_u32(body + 8) == 1) {
        uint32_t mlen = conns_get_u32(body + 12);

        if (mlen <= blen - 16) {
            snprintf(conn->detail, sizeof(conn->detail), "code %d: %.*s",
                     (int)conns_get_u32(body), (int)mlen, (const char *)body + 16);
            return;
        }
    }
    snprintf(conn->detail, sizeof(conn->detail), "code %d",
             blen >= 4 ? (int)conns_get_u32(body) : -1);
}

/* Reads what is available; advances the handshake when a reply is whole. */
static void conns_on_readable(ConnsConn *conn)
{
    for (;;) {
        ssize_t n = read(conn->fd, conn->reply + conn->have, sizeof(conn->reply) - conn->have);
        uint32_t len;

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return;
        if (n <= 0) {
            conn->outcome = CONNS_CLOSED;
            snprintf(conn->detail, sizeof(conn->detail), "%s",
                     n == 0 ? "connection closed by the daemon" : strerror(errno));
            return;
        }
        conn->have += (size_t)n;
        if (conn->have < 28)
            continue;
        len = conns_get_u32(conn->reply);
        if (len < 28 || len > sizeof(conn->reply)) {
            conn->outcome = CONNS_CLOSED;
            snprintf(conn->detail, sizeof(conn->detail), "unexpected reply length %u", len);
            return;
        }
        if (conn->have < len)
            continue;
        conns_check_reply(conn, len);
        if (conn->outcome != CONNS_SERVED)
            return;
        conn->have = 0;
        if (conn->stage == CONNS_STAGE_AUTH_LIST) {
            conn->stage = CONNS_STAGE_CONNECT_OPEN;
            conns_send_call(conn, CONNS_PROC_CONNECT_OPEN, 1);
        } else {
            conn->stage = CONNS_STAGE_DONE;
        }
        return;
    }
}

static int conns_pending(const ConnsConn *conn)
{
    return conn->outcome == CONNS_SERVED && conn->stage != CONNS_STAGE_DONE;
}

/* Opens n connections at once and runs their handshakes side by side, all
 * within one deadline; the daemon sees a burst as real clients would make
 * it. Returns how many were served; the first failure is reported in
 * ret_outcome / detail. Served fds go to fds[], the others are closed. */
static int conns_open_batch(const char *path, int n, double timeout_s, int *fds,
                            ConnsOutcome *ret_outcome, char *detail, size_t detail_len)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    uint64_t deadline = bench_now_ns() + (uint64_t)(timeout_s * 1e9);
    ConnsConn *conns = calloc((size_t)n, sizeof(*conns));
    struct pollfd *pfds = calloc((size_t)n, sizeof(*pfds));
    int served = 0;

    if (!conns || !pfds)
        abort();
    snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
    for (int i = 0; i < n; i++) {
        ConnsConn *conn = &conns[i];

        conn->outcome = CONNS_SERVED;
        conn->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (conn->fd < 0) {
            conn->outcome = CONNS_CONNECT_FAILED;
            snprintf(conn->detail, sizeof(conn->detail), "socket: %s", strerror(errno));
            continue;
        }
        /* A unix socket whose accept queue is full answers EAGAIN: retry
         * until the deadline, as a blocking client would wait. */
        while (connect(conn->fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
            if (errno == EAGAIN && bench_now_ns() < deadline) {
                bench_sleep_s(0.001);
                continue;
            }
            conn->outcome = errno == EAGAIN ? CONNS_TIMEOUT : CONNS_CONNECT_FAILED;
            snprintf(conn->detail, sizeof(conn->detail), "connect: %s", strerror(errno));
            break;
        }
        if (conn->outcome == CONNS_SERVED)
            conns_send_call(conn, CONNS_PROC_AUTH_LIST, 0);
    }

    for (;;) {
        int npoll = 0, rc;
        uint64_t now = bench_now_ns();

        for (int i = 0; i < n; i++) {
            if (conns_pending(&conns[i])) {
                pfds[npoll].fd = conns[i].fd;
                pfds[npoll].events = POLLIN;
                npoll++;
            }
        }
        if (npoll == 0)
            break;
        if (now >= deadline) {
            for (int i = 0; i < n; i++) {
                if (conns_pending(&conns[i])) {
                    conns[i].outcome = CONNS_TIMEOUT;
                    snprintf(conns[i].detail, sizeof(conns[i].detail),
                             "no reply to %s within %.1f s",
                             conns[i].stage == CONNS_STAGE_AUTH_LIST ? "AUTH_LIST" : "CONNECT_OPEN",
                             timeout_s);
                }
            }
            break;
        }
        rc = poll(pfds, (nfds_t)npoll, (int)((deadline - now) / 1000000u) + 1);
        if (rc < 0 && errno != EINTR)
            abort();
        for (int i = 0, p = 0; i < n && rc > 0; i++) {
            if (!conns_pending(&conns[i]))
                continue;
            if (pfds[p].revents)
                conns_on_readable(&conns[i]);
            p++;
        }
    }

    *ret_outcome = CONNS_SERVED;
    detail[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (conns[i].outcome == CONNS_SERVED) {
            fds[served++] = conns[i].fd;
            continue;
        }
        if (*ret_outcome == CONNS_SERVED) {
            *ret_outcome = conns[i].outcome;
            snprintf(detail, detail_len, "%s", conns[i].detail);
        }
        if (conns[i].fd >= 0)
            close(conns[i].fd);
    }
    free(conns);
    free(pfds);
    return served;
}

static long conns_rss_kib(int pid)
{
    char path[64], line[256];
    long kib = -1;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%d/status", pid);
    f = fopen(path, "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "VmRSS: %ld", &kib) == 1)
            break;
    fclose(f);
    return kib;
}

static void conns_usage(void)
{
    fprintf(stderr, "usage: conns --socket PATH --pid PID [--target N] [--marks LIST] [--timeout S] "
                    "[--hold 1]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    int pid = 0, target = 10000, nmarks = 2, served = 0;
    int marks[CONNS_MAX_MARKS] = { 1000, 10000 };
    double timeout_s = 3.0;
    int hold = 0;
    struct rlimit lim;
    int *fds;
    long base;
    char detail[512];
    ConnsOutcome next = CONNS_SERVED;
    double next_ms = 0;
    uint64_t start;
    double total_s;

    for (int i = 1; i + 1 < argc; i += 2) {
        const char *val = argv[i + 1];

        if (strcmp(argv[i], "--socket") == 0)
            path = val;
        else if (strcmp(argv[i], "--pid") == 0)
            pid = atoi(val);
        else if (strcmp(argv[i], "--target") == 0)
            target = atoi(val);
        else if (strcmp(argv[i], "--marks") == 0)
            nmarks = bench_parse_list(val, marks, CONNS_MAX_MARKS);
        else if (strcmp(argv[i], "--timeout") == 0)
            timeout_s = atof(val);
        else if (strcmp(argv[i], "--hold") == 0 && strcmp(val, "1") == 0)
            hold = 1;
        else
            conns_usage();
    }
    if (argc % 2 == 0 || !path || pid <= 0 || target < 1 || target > 1000000 || nmarks < 0 ||
        timeout_s <= 0)
        conns_usage();

    /* One fd per connection plus a margin; root may raise the hard limit. */
    lim.rlim_cur = lim.rlim_max = (rlim_t)target + 64;
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < (rlim_t)target + 64) {
        struct rlimit want = { (rlim_t)target + 64, (rlim_t)target + 64 };

        if (want.rlim_max < lim.rlim_max)
            want.rlim_max = lim.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &want) < 0) {
            fprintf(stderr, "conns: cannot raise RLIMIT_NOFILE to %d: %s\n", target + 64,
                    strerror(errno));
            return 1;
        }
    }
    /* A daemon that closes a connection must show up as an error on that
     * connection, not kill the client (virsh ignores SIGPIPE too). */
    signal(SIGPIPE, SIG_IGN);
    fds = calloc((size_t)target, sizeof(*fds));
    if (!fds)
        return 1;

    start = bench_now_ns();
    if (conns_open_batch(path, 1, timeout_s, fds, &next, detail, sizeof(detail)) != 1) {
        fprintf(stderr, "conns: the first connection failed: %s\n", detail);
        return 1;
    }
    served = 1;
    bench_sleep_s(0.2);
    base = conns_rss_kib(pid);
    printf("base\t%ld\n", base);
    fflush(stdout);

    while (served < target) {
        int n = target - served;
        int got;

        if (n > CONNS_BATCH)
            n = CONNS_BATCH;
        for (int m = 0; m < nmarks; m++)
            if (marks[m] > served && marks[m] - served < n)
                n = marks[m] - served;
        got = conns_open_batch(path, n, timeout_s, fds + served, &next, detail, sizeof(detail));
        served += got;
        for (int m = 0; m < nmarks; m++) {
            if (marks[m] == served && got > 0) {
                long rss;

                bench_sleep_s(0.2);
                rss = conns_rss_kib(pid);
                printf("mark\t%d\t%ld\t%.0f\t%.2f\n", served, rss,
                       (double)(rss - base) * 1024.0 / (double)(served - 1),
                       conns_ms_since(start) / 1000.0);
                fflush(stdout);
            }
        }
        if (got < n)
            break;
    }
    total_s = conns_ms_since(start) / 1000.0;

    /* What does the next client get? One more connection, on its own, with
     * the same bounded wait. */
    {
        uint64_t t0 = bench_now_ns();
        int fd;

        if (conns_open_batch(path, 1, timeout_s, &fd, &next, detail, sizeof(detail)) == 1) {
            snprintf(detail, sizeof(detail), "connection %d was served", served + 1);
            close(fd);
        }
        next_ms = conns_ms_since(t0);
    }
    printf("served\t%d\t%.2f\n", served, total_s);
    printf("next\t%s\t%.1f\t%s\n", conns_outcome_names[next], next_ms, detail);
    fflush(stdout);
    if (hold) {
        printf("holding\t%d\n", served);
        fflush(stdout);
        for (;;)
            pause(); /* until terminated; the kernel closes the connections */
    }
    for (int i = 0; i < served; i++)
        close(fds[i]);
    free(fds);
    return 0;
}
