/* The floor: what the kernel allows for a request/reply exchange of a given
 * size over a given socket type, with nothing but read() and write().
 *
 * A forked echo process accepts N connections and serves each from its own
 * thread (blocking reads of exactly REQ bytes, one write of REP bytes); N
 * client threads ping-pong against it. Defaults are the sizes of a
 * virConnectGetVersion exchange: a 28-byte CALL and a 36-byte REPLY. No daemon
 * can answer faster than this while sleeping between requests, so daemon
 * figures read as fractions of it.
 *
 * With --poll-us US the echo side polls like vireod's loop (loop_poll_us):
 * after each reply it tries non-blocking reads, yielding the CPU between
 * them, for up to US microseconds before it blocks. That is the floor for a
 * server that polls, which a polling daemon can beat the plain floor by.
 *
 * Usage: floor [--transport unix|tcp] [--threads N] [--duration S]
 *              [--warmup S] [--rounds R] [--req BYTES] [--rep BYTES] [--poll-us US]
 * Output: floor TRANSPORT N OPS_PER_S P50_US P99_US (medians over rounds) */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench-stats.h"

#define FLOOR_MAX_THREADS 1024
#define FLOOR_MAX_ROUNDS 32
#define FLOOR_MAX_MSG 65536

typedef struct FloorOptions {
    int tcp;
    int threads;
    double duration;
    double warmup;
    int rounds;
    size_t req;
    size_t rep;
    unsigned int poll_us;   /* echo side: poll this long before blocking */
} FloorOptions;

typedef struct FloorWorker {
    int fd;
    const FloorOptions *opts;
    atomic_int *phase;
    BenchHist hist;
    int failed;
    pthread_t thread;
} FloorWorker;

enum { FLOOR_WARMUP, FLOOR_MEASURE, FLOOR_STOP };

static int floor_io_full(int fd, void *buf, size_t len, int writing)
{
    char *p = buf;

    while (len > 0) {
        ssize_t n = writing ? write(fd, p, len) : read(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static void floor_nodelay(int fd, const FloorOptions *opts)
{
    int one = 1;

    if (opts->tcp)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

typedef struct FloorEcho {
    int fd;
    const FloorOptions *opts;
} FloorEcho;

/* Reads a whole request, first polling for up to poll_us (see the top). */
static int floor_echo_read(int fd, char *buf, size_t len, unsigned int poll_us)
{
    uint64_t until = bench_now_ns() + (uint64_t)poll_us * 1000;
    size_t got = 0;

    while (poll_us > 0 && got < len && bench_now_ns() < until) {
        ssize_t n = recv(fd, buf + got, len - got, MSG_DONTWAIT);

        if (n == 0)
            return -1;
        if (n > 0)
            got += (size_t)n;
        else if (errno != EAGAIN && errno != EINTR)
            return -1;
        else
            sched_yield();
    }
    return floor_io_full(fd, buf + got, len - got, 0);
}

static void *floor_echo_main(void *opaque)
{
    FloorEcho *echo = opaque;
    char req[FLOOR_MAX_MSG], rep[FLOOR_MAX_MSG];

    memset(rep, 0, echo->opts->rep);
    while (floor_echo_read(echo->fd, req, echo->opts->req, echo->opts->poll_us) == 0)
        if (floor_io_full(echo->fd, rep, echo->opts->rep, 1) < 0)
            break;
    close(echo->fd);
    return NULL;
}

/* The echo process: serves connections until killed. */
static void floor_echo_serve(int listen_fd, const FloorOptions *opts)
{
    for (;;) {
        FloorEcho *echo = calloc(1, sizeof(*echo));
        pthread_t thread;
        pthread_attr_t attr;

        if (!echo)
            _exit(1);
        echo->fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (echo->fd < 0) {
            free(echo);
            if (errno == EINTR)
                continue;
            _exit(1);
        }
        floor_nodelay(echo->fd, opts);
        echo->opts = opts;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, 256 * 1024);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&thread, &attr, floor_echo_main, echo) != 0)
            _exit(1);
        pthread_attr_destroy(&attr);
    }
}

static void *floor_client_main(void *opaque)
{
    FloorWorker *worker = opaque;
    char req[FLOOR_MAX_MSG], rep[FLOOR_MAX_MSG];
    int phase;

    memset(req, 0, worker->opts->req);
    /* Counted like the load generator counts: completed inside the window. */
    while (atomic_load_explicit(worker->phase, memory_order_relaxed) != FLOOR_STOP) {
        uint64_t start = bench_now_ns();

        if (floor_io_full(worker->fd, req, worker->opts->req, 1) < 0 ||
            floor_io_full(worker->fd, rep, worker->opts->rep, 0) < 0) {
            worker->failed = 1;
            break;
        }
        phase = atomic_load_explicit(worker->phase, memory_order_relaxed);
        if (phase == FLOOR_MEASURE)
            bench_hist_add(&worker->hist, bench_now_ns() - start);
    }
    return NULL;
}

static int floor_connect(const FloorOptions *opts, const struct sockaddr *addr, socklen_t addrlen)
{
    int fd = socket(addr->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (fd < 0)
        return -1;
    if (connect(fd, addr, addrlen) < 0) {
        close(fd);
        return -1;
    }
    floor_nodelay(fd, opts);
    return fd;
}

/* One measurement; returns 0 and fills ops/p50/p99 on success. */
static int floor_measure(const FloorOptions *opts, const struct sockaddr *addr, socklen_t addrlen,
                         double *ret_ops, double *ret_p50, double *ret_p99)
{
    FloorWorker *workers = calloc((size_t)opts->threads, sizeof(*workers));
    BenchHist *total = calloc(1, sizeof(*total));
    atomic_int phase = FLOOR_WARMUP;
    int started = 0, failed = 0;

    if (!workers || !total)
        return -1;
    for (int i = 0; i < opts->threads; i++) {
        workers[i].fd = floor_connect(opts, addr, addrlen);
        if (workers[i].fd < 0) {
            failed = 1;
            break;
        }
        workers[i].opts = opts;
        workers[i].phase = &phase;
        if (pthread_create(&workers[i].thread, NULL, floor_client_main, &workers[i]) != 0) {
            close(workers[i].fd);
            failed = 1;
            break;
        }
        started++;
    }
    bench_sleep_s(opts->warmup);
    atomic_store(&phase, FLOOR_MEASURE);
    bench_sleep_s(opts->duration);
    atomic_store(&phase, FLOOR_STOP);
    for (int i = 0; i < started; i++) {
        pthread_join(workers[i].thread, NULL);
        close(workers[i].fd);
        failed |= workers[i].failed;
        bench_hist_merge(total, &workers[i].hist);
    }
    *ret_ops = (double)total->count / opts->duration;
    *ret_p50 = bench_hist_quantile_us(total, 0.50);
    *ret_p99 = bench_hist_quantile_us(total, 0.99);
    free(workers);
    free(total);
    return failed ? -1 : 0;
}

static void floor_usage(void)
{
    fprintf(stderr, "usage: floor [--transport unix|tcp] [--threads N] [--duration S] "
                    "[--warmup S] [--rounds R] [--req BYTES] [--rep BYTES] [--poll-us US]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    FloorOptions opts = { .threads = 1, .duration = 1.0, .warmup = 0.2, .rounds = 3,
                          .req = 28, .rep = 36 };
    struct sockaddr_storage addr;
    socklen_t addrlen;
    double ops[FLOOR_MAX_ROUNDS], p50[FLOOR_MAX_ROUNDS], p99[FLOOR_MAX_ROUNDS];
    char dir[] = "/tmp/vireo-floor.XXXXXX";
    int listen_fd, status = 0;
    pid_t child;

    for (int i = 1; i + 1 < argc; i += 2) {
        const char *val = argv[i + 1];

        if (strcmp(argv[i], "--transport") == 0)
            opts.tcp = strcmp(val, "tcp") == 0;
        else if (strcmp(argv[i], "--threads") == 0)
            opts.threads = atoi(val);
        else if (strcmp(argv[i], "--duration") == 0)
            opts.duration = atof(val);
        else if (strcmp(argv[i], "--warmup") == 0)
            opts.warmup = atof(val);
        else if (strcmp(argv[i], "--rounds") == 0)
            opts.rounds = atoi(val);
        else if (strcmp(argv[i], "--req") == 0)
            opts.req = (size_t)atol(val);
        else if (strcmp(argv[i], "--rep") == 0)
            opts.rep = (size_t)atol(val);
        else if (strcmp(argv[i], "--poll-us") == 0)
            opts.poll_us = (unsigned int)atoi(val);
        else
            floor_usage();
    }
    if (argc % 2 == 0 || opts.threads < 1 || opts.threads > FLOOR_MAX_THREADS || opts.rounds < 1 ||
        opts.rounds > FLOOR_MAX_ROUNDS || opts.duration <= 0 || opts.req < 1 ||
        opts.req > FLOOR_MAX_MSG || opts.rep < 1 || opts.rep > FLOOR_MAX_MSG)
        floor_usage();

    /* A daemon that closes a connection must show up as an error on that
     * connection, not kill the client (virsh ignores SIGPIPE too). */
    signal(SIGPIPE, SIG_IGN);
    memset(&addr, 0, sizeof(addr));
    if (opts.tcp) {
        struct sockaddr_in *in = (struct sockaddr_in *)&addr;

        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addrlen = sizeof(*in);
    } else {
        struct sockaddr_un *un = (struct sockaddr_un *)&addr;

        if (!mkdtemp(dir)) {
            perror("floor: mkdtemp");
            return 1;
        }
        un->sun_family = AF_UNIX;
        snprintf(un->sun_path, sizeof(un->sun_path), "%s/sock", dir);
        addrlen = sizeof(*un);
    }
    listen_fd = socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&addr, addrlen) < 0 ||
        listen(listen_fd, 1024) < 0 || getsockname(listen_fd, (struct sockaddr *)&addr, &addrlen) < 0) {
        perror("floor: listen");
        return 1;
    }

    child = fork();
    if (child < 0) {
        perror("floor: fork");
        return 1;
    }
    if (child == 0)
        floor_echo_serve(listen_fd, &opts);
    close(listen_fd);

    for (int r = 0; r < opts.rounds; r++) {
        if (floor_measure(&opts, (struct sockaddr *)&addr, addrlen, &ops[r], &p50[r], &p99[r]) < 0) {
            fprintf(stderr, "floor: a ping-pong connection failed\n");
            status = 1;
            break;
        }
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    if (!opts.tcp) {
        unlink(((struct sockaddr_un *)&addr)->sun_path);
        rmdir(dir);
    }
    if (status == 0)
        printf("floor\t%s\t%d\t%.1f\t%.2f\t%.2f\n", opts.tcp ? "tcp" : "unix", opts.threads,
               bench_median(ops, (size_t)opts.rounds), bench_median(p50, (size_t)opts.rounds),
               bench_median(p99, (size_t)opts.rounds));
    return status;
}
