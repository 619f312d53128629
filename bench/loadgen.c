/* The load generator behind `make bench`.
 *
 * It is an ordinary libvirt client: it uses only the public API, so the same
 * source is built twice by bench/run.sh, once against Debian's libvirt and
 * once against our libvireo, and drives every daemon it is given with exactly
 * the same calls. Each worker thread owns its connection, as independent
 * clients would.
 *
 * Usage:
 *   loadgen [options] LABEL=UNIX_URI,TCP_URI ...
 *     --rounds R          measurements per cell and daemon (median reported)
 *     --duration S        measured seconds per measurement
 *     --warmup S          unmeasured seconds before each measurement
 *     --threads 1,4,..    concurrency levels for the call workloads
 *     --open-threads 1,4  concurrency levels for open+close cycles
 *     --domains N         domains defined for the main matrix
 *     --scale 100,..      domain counts for the scaling rows
 *     --min-calls N       extend a slow measurement until N calls (max 5 s)
 *     --only PREFIXES     only the cells whose key starts with one of these
 *                         comma-separated prefixes (e.g. "version/unix/1")
 *     --floor PATH        the ping-pong program (bench/floor.c): measured in
 *                         the same rotation as the daemons for GetVersion
 *
 * The daemons are alternated per measurement (A B A B ...) so that drift of a
 * noisy machine hits both alike. One "holder" connection per daemon stays open
 * for the whole run: the test driver forgets defined domains when its last
 * connection closes.
 *
 * Output, one line per cell and daemon, tab separated:
 *   row KEY LABEL TARGET OPS_PER_S P50_US P99_US ERRORS NOTE
 * OPS_PER_S is "-" when the daemon could not be measured; NOTE says why.
 * With --floor, GetVersion cells also print
 *   floor TRANSPORT N OPS_PER_S P50_US P99_US */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "bench-stats.h"

#define LOADGEN_MAX_TARGETS 4
#define LOADGEN_MAX_LEVELS 16
#define LOADGEN_MAX_ROUNDS 32
#define LOADGEN_MAX_THREADS 1024
#define LOADGEN_READY_TIMEOUT_S 60.0
#define LOADGEN_JOIN_GRACE_S 30.0
#define LOADGEN_MIN_CALLS_WAIT_S 5.0

typedef enum LoadgenWork {
    LOADGEN_WORK_VERSION,
    LOADGEN_WORK_INFO,
    LOADGEN_WORK_LIST,
    LOADGEN_WORK_OPEN,
} LoadgenWork;

typedef enum LoadgenTransport {
    LOADGEN_UNIX,
    LOADGEN_TCP,
} LoadgenTransport;

/* Names used in row keys (machine) and labels (people). */
static const struct {
    const char *key;
    const char *label;
} loadgen_work_names[] = {
    [LOADGEN_WORK_VERSION] = { "version", "GetVersion" },
    [LOADGEN_WORK_INFO] = { "info", "LookupByName+GetInfo" },
    [LOADGEN_WORK_LIST] = { "list", "ListAllDomains" },
    [LOADGEN_WORK_OPEN] = { "open", "Open+Close" },
};

static const char *const loadgen_transport_names[] = { "unix", "tcp" };

enum {
    LOADGEN_PHASE_PREPARE,
    LOADGEN_PHASE_WARMUP,
    LOADGEN_PHASE_MEASURE,
    LOADGEN_PHASE_STOP,
};

typedef struct LoadgenTarget {
    char *label;                 /* owned */
    char *uri[2];                /* owned; indexed by LoadgenTransport */
    virConnectPtr holder;        /* keeps the test driver's state alive */
    int domains;                 /* bench-NNNNN domains defined so far */
    int down;                    /* set once the daemon stopped answering */
    char reason[256];            /* why it is down */
} LoadgenTarget;

/* One measurement: shared by the main thread and the workers. */
typedef struct LoadgenRun {
    LoadgenWork work;
    const char *uri;             /* borrowed from the target */
    int ndomains;
    atomic_int phase;
    atomic_int ready;
    atomic_long measured;        /* calls recorded so far */
    pthread_mutex_t lock;
    pthread_cond_t cond;
} LoadgenRun;

typedef struct LoadgenWorker {
    LoadgenRun *run;
    int index;
    long errors;                 /* failed calls while warming up or measuring */
    int connected;
    char error[200];             /* first error seen */
    BenchHist hist;              /* measured calls only */
    pthread_t thread;
} LoadgenWorker;

typedef struct LoadgenResult {
    int ok;
    double ops;
    double p50_us;
    double p99_us;
    long errors;
    char note[256];
} LoadgenResult;

typedef struct LoadgenOptions {
    int rounds;
    double duration;
    double warmup;
    int threads[LOADGEN_MAX_LEVELS];
    int nthreads;
    int open_threads[LOADGEN_MAX_LEVELS];
    int nopen_threads;
    int domains;
    int scale[LOADGEN_MAX_LEVELS];
    int nscale;
    const char *floor;           /* the floor program, or NULL */
    int min_calls;               /* extend a window until this many calls */
    const char *only;            /* run only cells whose key starts so */
} LoadgenOptions;

static LoadgenTarget loadgen_targets[LOADGEN_MAX_TARGETS];
static int loadgen_ntargets;

/* Errors are counted and reported by us; libvirt's default handler would
 * print every one of them to stderr. */
static void loadgen_error_ignore(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static void loadgen_worker_fail(LoadgenWorker *worker, const char *what)
{
    const char *msg;

    worker->errors++;
    if (worker->error[0])
        return;
    msg = virGetLastErrorMessage();
    snprintf(worker->error, sizeof(worker->error), "%s: %s", what, msg ? msg : "unknown error");
}

/* One unit of work; returns 0 on success. */
static int loadgen_worker_call(LoadgenWorker *worker, virConnectPtr conn, unsigned long seq)
{
    LoadgenRun *run = worker->run;

    switch (run->work) {
    case LOADGEN_WORK_VERSION: {
        unsigned long version;

        if (virConnectGetVersion(conn, &version) < 0) {
            loadgen_worker_fail(worker, "virConnectGetVersion");
            return -1;
        }
        return 0;
    }
    case LOADGEN_WORK_INFO: {
        char name[32];
        virDomainPtr dom;
        virDomainInfo info;
        int rc;

        snprintf(name, sizeof(name), "bench-%05lu",
                 ((unsigned long)worker->index * 7919u + seq) % (unsigned long)run->ndomains);
        dom = virDomainLookupByName(conn, name);
        if (!dom) {
            loadgen_worker_fail(worker, "virDomainLookupByName");
            return -1;
        }
        rc = virDomainGetInfo(dom, &info);
        if (rc < 0)
            loadgen_worker_fail(worker, "virDomainGetInfo");
        virDomainFree(dom);
        return rc < 0 ? -1 : 0;
    }
    case LOADGEN_WORK_LIST: {
        virDomainPtr *doms = NULL;
        int n = virConnectListAllDomains(conn, &doms, 0);

        if (n < 0) {
            loadgen_worker_fail(worker, "virConnectListAllDomains");
            return -1;
        }
        for (int i = 0; i < n; i++)
            virDomainFree(doms[i]);
        free(doms);
        if (n < run->ndomains) {
            worker->errors++;
            if (!worker->error[0])
                snprintf(worker->error, sizeof(worker->error),
                         "virConnectListAllDomains returned %d domains, expected at least %d",
                         n, run->ndomains);
            return -1;
        }
        return 0;
    }
    case LOADGEN_WORK_OPEN: {
        virConnectPtr c = virConnectOpen(run->uri);

        if (!c) {
            loadgen_worker_fail(worker, "virConnectOpen");
            return -1;
        }
        if (virConnectClose(c) < 0) {
            loadgen_worker_fail(worker, "virConnectClose");
            return -1;
        }
        return 0;
    }
    }
    return -1;
}

static void *loadgen_worker_main(void *opaque)
{
    LoadgenWorker *worker = opaque;
    LoadgenRun *run = worker->run;
    virConnectPtr conn = NULL;
    unsigned long seq = 0;
    int phase;

    if (run->work != LOADGEN_WORK_OPEN) {
        conn = virConnectOpen(run->uri);
        if (!conn)
            loadgen_worker_fail(worker, "virConnectOpen");
    }
    worker->connected = run->work == LOADGEN_WORK_OPEN || conn != NULL;

    pthread_mutex_lock(&run->lock);
    atomic_fetch_add(&run->ready, 1);
    while (atomic_load(&run->phase) == LOADGEN_PHASE_PREPARE)
        pthread_cond_wait(&run->cond, &run->lock);
    pthread_mutex_unlock(&run->lock);

    if (!worker->connected)
        return NULL;

    /* A call counts when it completes inside the measured window: that is
     * the throughput, and the window never includes half-finished calls. */
    while (atomic_load_explicit(&run->phase, memory_order_relaxed) != LOADGEN_PHASE_STOP) {
        uint64_t start = bench_now_ns();
        int rc = loadgen_worker_call(worker, conn, seq++);
        uint64_t end = bench_now_ns();

        phase = atomic_load_explicit(&run->phase, memory_order_relaxed);
        if (rc == 0 && phase == LOADGEN_PHASE_MEASURE) {
            bench_hist_add(&worker->hist, end - start);
            atomic_fetch_add_explicit(&run->measured, 1, memory_order_relaxed);
        }
    }
    if (conn)
        virConnectClose(conn);
    return NULL;
}

static void loadgen_run_set_phase(LoadgenRun *run, int phase)
{
    pthread_mutex_lock(&run->lock);
    atomic_store(&run->phase, phase);
    pthread_cond_broadcast(&run->cond);
    pthread_mutex_unlock(&run->lock);
}

/* Runs one measurement against one daemon. A daemon that stops answering
 * marks the target down; its stuck threads are abandoned (the process exits
 * at the end of the run anyway). */
static void loadgen_measure(LoadgenTarget *target, LoadgenTransport transport, LoadgenWork work,
                            int nthreads, const LoadgenOptions *opts, LoadgenResult *ret_result)
{
    LoadgenRun *run = calloc(1, sizeof(*run));
    LoadgenWorker *workers = calloc((size_t)nthreads, sizeof(*workers));
    BenchHist *total = calloc(1, sizeof(*total));
    uint64_t deadline, measure_start, measure_limit;
    double measured_s;
    int started = 0, connected = 0, hung = 0;
    long errors = 0;
    const char *first_error = NULL;

    memset(ret_result, 0, sizeof(*ret_result));
    if (!run || !workers || !total) {
        fprintf(stderr, "loadgen: out of memory\n");
        exit(2);
    }
    run->work = work;
    run->uri = target->uri[transport];
    run->ndomains = target->domains;
    pthread_mutex_init(&run->lock, NULL);
    pthread_cond_init(&run->cond, NULL);

    for (int i = 0; i < nthreads; i++) {
        workers[i].run = run;
        workers[i].index = i;
        if (pthread_create(&workers[i].thread, NULL, loadgen_worker_main, &workers[i]) != 0) {
            snprintf(ret_result->note, sizeof(ret_result->note), "pthread_create: %s", strerror(errno));
            break;
        }
        started++;
    }

    deadline = bench_now_ns() + (uint64_t)(LOADGEN_READY_TIMEOUT_S * 1e9);
    while (atomic_load(&run->ready) < started && bench_now_ns() < deadline)
        bench_sleep_s(0.001);
    if (atomic_load(&run->ready) < started)
        hung = 1;

    loadgen_run_set_phase(run, LOADGEN_PHASE_WARMUP);
    bench_sleep_s(opts->warmup);
    loadgen_run_set_phase(run, LOADGEN_PHASE_MEASURE);
    measure_start = bench_now_ns();
    bench_sleep_s(opts->duration);
    /* Slow cells (thousands of domains) need a few calls for a percentile
     * to mean anything: extend the window up to a bound. A cell where no
     * call succeeds is not slow but failing: no extension. */
    measure_limit = measure_start + (uint64_t)(LOADGEN_MIN_CALLS_WAIT_S * 1e9);
    while (atomic_load(&run->measured) > 0 && atomic_load(&run->measured) < opts->min_calls &&
           bench_now_ns() < measure_limit)
        bench_sleep_s(0.001);
    loadgen_run_set_phase(run, LOADGEN_PHASE_STOP);
    measured_s = (double)(bench_now_ns() - measure_start) / 1e9;

    for (int i = 0; i < started; i++) {
        struct timespec limit;

        clock_gettime(CLOCK_REALTIME, &limit);
        limit.tv_sec += (time_t)LOADGEN_JOIN_GRACE_S;
        if (pthread_timedjoin_np(workers[i].thread, NULL, &limit) != 0) {
            pthread_detach(workers[i].thread);
            hung = 1;
            continue;
        }
        bench_hist_merge(total, &workers[i].hist);
        errors += workers[i].errors;
        connected += workers[i].connected;
        if (!first_error && workers[i].error[0])
            first_error = workers[i].error;
    }

    ret_result->errors = errors;
    ret_result->ops = (double)total->count / measured_s;
    ret_result->p50_us = bench_hist_quantile_us(total, 0.50);
    ret_result->p99_us = bench_hist_quantile_us(total, 0.99);
    if (hung) {
        target->down = 1;
        snprintf(target->reason, sizeof(target->reason),
                 "stopped answering (%s %s, %d connections)",
                 loadgen_work_names[work].key, loadgen_transport_names[transport], nthreads);
        snprintf(ret_result->note, sizeof(ret_result->note), "%s", target->reason);
        /* The stuck workers still point at these: leak them on purpose. */
        return;
    }
    if (total->count == 0) {
        snprintf(ret_result->note, sizeof(ret_result->note), "no call succeeded: %s",
                 first_error ? first_error : "unknown");
    } else {
        ret_result->ok = 1;
        if (first_error)
            snprintf(ret_result->note, sizeof(ret_result->note), "%ld errors, first: %s",
                     errors, first_error);
        else if (connected < started)
            snprintf(ret_result->note, sizeof(ret_result->note), "%d of %d connections opened",
                     connected, started);
    }
    pthread_mutex_destroy(&run->lock);
    pthread_cond_destroy(&run->cond);
    free(total);
    free(workers);
    free(run);
}

/* One floor measurement, by running the floor program for one round. */
static int loadgen_floor_measure(const LoadgenOptions *opts, LoadgenTransport transport, int nthreads,
                                 double *ret_ops, double *ret_p50, double *ret_p99)
{
    char cmd[1024], line[256], tr[16];
    double ops, p50, p99;
    int n, found = 0;
    FILE *f;

    snprintf(cmd, sizeof(cmd), "'%s' --transport %s --threads %d --duration %g --warmup %g --rounds 1",
             opts->floor, loadgen_transport_names[transport], nthreads, opts->duration, opts->warmup);
    f = popen(cmd, "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof(line), f)) {
        if (sscanf(line, "floor %15s %d %lf %lf %lf", tr, &n, &ops, &p50, &p99) == 5) {
            *ret_ops = ops;
            *ret_p50 = p50;
            *ret_p99 = p99;
            found = 1;
        }
    }
    if (pclose(f) != 0 || !found)
        return -1;
    return 0;
}

static void loadgen_print_row(const char *key, const char *label, const LoadgenTarget *target,
                              const LoadgenResult *res)
{
    if (!res->ok) {
        printf("row\t%s\t%s\t%s\t-\t-\t-\t%ld\t%s\n", key, label, target->label, res->errors,
               res->note[0] ? res->note : (target->reason[0] ? target->reason : "not measured"));
    } else {
        printf("row\t%s\t%s\t%s\t%.1f\t%.2f\t%.2f\t%ld\t%s\n", key, label, target->label, res->ops,
               res->p50_us, res->p99_us, res->errors, res->note);
    }
    fflush(stdout);
}

/* After a failed measurement: is the daemon still there? The holder
 * connection answers a trivial call if it is; if not, the remaining cells
 * are skipped for this daemon instead of failing one by one. */
static void loadgen_target_probe(LoadgenTarget *target)
{
    unsigned long version;

    if (virConnectGetVersion(target->holder, &version) == 0)
        return;
    target->down = 1;
    snprintf(target->reason, sizeof(target->reason), "the daemon stopped answering: %s",
             virGetLastErrorMessage());
    fprintf(stderr, "  %-8s %s\n", target->label, target->reason);
}

/* Does one of the keys start with one of the comma-separated prefixes? */
static int loadgen_wanted(const char *only, const char *const *keys, int nkeys)
{
    const char *p = only;

    while (*p) {
        size_t len = strcspn(p, ",");

        for (int k = 0; k < nkeys; k++)
            if (len > 0 && strncmp(keys[k], p, len) == 0)
                return 1;
        p += len;
        if (*p == ',')
            p++;
    }
    return 0;
}

/* Measures one cell on every daemon, alternating daemons within each round,
 * and prints the per-daemon medians under each of the given keys. */
static void loadgen_cell(LoadgenTransport transport, LoadgenWork work, int nthreads,
                         const LoadgenOptions *opts, const char *const *keys,
                         const char *const *labels, int nkeys)
{
    double ops[LOADGEN_MAX_TARGETS][LOADGEN_MAX_ROUNDS];
    double p50[LOADGEN_MAX_TARGETS][LOADGEN_MAX_ROUNDS];
    double p99[LOADGEN_MAX_TARGETS][LOADGEN_MAX_ROUNDS];
    LoadgenResult last[LOADGEN_MAX_TARGETS];
    int good[LOADGEN_MAX_TARGETS] = { 0 };
    long errors[LOADGEN_MAX_TARGETS] = { 0 };

    double floor_ops[LOADGEN_MAX_ROUNDS], floor_p50[LOADGEN_MAX_ROUNDS], floor_p99[LOADGEN_MAX_ROUNDS];
    int floor_good = 0;
    if (opts->only && !loadgen_wanted(opts->only, keys, nkeys))
        return;

    memset(last, 0, sizeof(last));
    for (int r = 0; r < opts->rounds; r++) {
        if (work == LOADGEN_WORK_VERSION && opts->floor) {
            if (loadgen_floor_measure(opts, transport, nthreads, &floor_ops[floor_good],
                                      &floor_p50[floor_good], &floor_p99[floor_good]) == 0)
                floor_good++;
            else
                fprintf(stderr, "  floor    %s N=%d: the floor program failed\n",
                        loadgen_transport_names[transport], nthreads);
        }
        for (int t = 0; t < loadgen_ntargets; t++) {
            LoadgenTarget *target = &loadgen_targets[t];
            LoadgenResult res;

            if (target->down)
                continue;
            loadgen_measure(target, transport, work, nthreads, opts, &res);
            if (res.ok)
                fprintf(stderr, "  %-8s %s %-4s N=%-3d round %d/%d: %.0f/s p50 %.1f p99 %.1f us\n",
                        target->label, loadgen_work_names[work].key,
                        loadgen_transport_names[transport], nthreads, r + 1, opts->rounds,
                        res.ops, res.p50_us, res.p99_us);
            else
                fprintf(stderr, "  %-8s %s %-4s N=%-3d round %d/%d: %s\n", target->label,
                        loadgen_work_names[work].key, loadgen_transport_names[transport],
                        nthreads, r + 1, opts->rounds, res.note);
            errors[t] += res.errors;
            if (!res.ok && !target->down)
                loadgen_target_probe(target);
            if (res.ok) {
                ops[t][good[t]] = res.ops;
                p50[t][good[t]] = res.p50_us;
                p99[t][good[t]] = res.p99_us;
                good[t]++;
            }
            if (!res.ok || res.note[0])
                last[t] = res;
        }
    }
    if (floor_good > 0) {
        printf("floor\t%s\t%d\t%.1f\t%.2f\t%.2f\n", loadgen_transport_names[transport], nthreads,
               bench_median(floor_ops, (size_t)floor_good), bench_median(floor_p50, (size_t)floor_good),
               bench_median(floor_p99, (size_t)floor_good));
    }
    for (int t = 0; t < loadgen_ntargets; t++) {
        LoadgenResult med = last[t];

        med.errors = errors[t];
        if (good[t] > 0) {
            med.ok = 1;
            med.ops = bench_median(ops[t], (size_t)good[t]);
            med.p50_us = bench_median(p50[t], (size_t)good[t]);
            med.p99_us = bench_median(p99[t], (size_t)good[t]);
        } else {
            med.ok = 0;
        }
        for (int k = 0; k < nkeys; k++)
            loadgen_print_row(keys[k], labels[k], &loadgen_targets[t], &med);
    }
}

static void loadgen_define_domains(int count)
{
    for (int t = 0; t < loadgen_ntargets; t++) {
        LoadgenTarget *target = &loadgen_targets[t];
        uint64_t start = bench_now_ns();
        int from = target->domains;

        while (!target->down && target->domains < count) {
            char xml[256];
            virDomainPtr dom;

            snprintf(xml, sizeof(xml),
                     "<domain type='test'><name>bench-%05d</name><memory>8192</memory>"
                     "<os><type>hvm</type></os></domain>", target->domains);
            dom = virDomainDefineXML(target->holder, xml);
            if (!dom) {
                const char *msg = virGetLastErrorMessage();

                target->down = 1;
                snprintf(target->reason, sizeof(target->reason), "virDomainDefineXML failed: %s",
                         msg ? msg : "unknown error");
                break;
            }
            virDomainFree(dom);
            target->domains++;
        }
        if (target->domains > from)
            fprintf(stderr, "  %-8s defined domains %d..%d in %.2f s\n", target->label, from,
                    target->domains - 1, (double)(bench_now_ns() - start) / 1e9);
    }
}

static void loadgen_matrix(const LoadgenOptions *opts, int scale_here)
{
    static const LoadgenWork works[] = { LOADGEN_WORK_VERSION, LOADGEN_WORK_INFO, LOADGEN_WORK_LIST };

    for (int tr = LOADGEN_UNIX; tr <= LOADGEN_TCP; tr++) {
        for (size_t w = 0; w < sizeof(works) / sizeof(works[0]); w++) {
            for (int i = 0; i < opts->nthreads; i++) {
                char key[2][96], label[2][160];
                const char *keys[2] = { key[0], key[1] };
                const char *labels[2] = { label[0], label[1] };
                int n = opts->threads[i];
                int nkeys = 1;

                snprintf(key[0], sizeof(key[0]), "%s/%s/%d", loadgen_work_names[works[w]].key,
                         loadgen_transport_names[tr], n);
                if (works[w] == LOADGEN_WORK_LIST)
                    snprintf(label[0], sizeof(label[0]), "%s (%d domains), %s, %d conn",
                             loadgen_work_names[works[w]].label, opts->domains,
                             loadgen_transport_names[tr], n);
                else
                    snprintf(label[0], sizeof(label[0]), "%s, %s, %d conn",
                             loadgen_work_names[works[w]].label, loadgen_transport_names[tr], n);
                /* The scaling rows at the main domain count are the same
                 * measurement: report it twice rather than measure twice. */
                if (scale_here && tr == LOADGEN_UNIX && n == 1 && works[w] != LOADGEN_WORK_VERSION) {
                    snprintf(key[1], sizeof(key[1]), "scale-%s/%d", loadgen_work_names[works[w]].key,
                             opts->domains);
                    snprintf(label[1], sizeof(label[1]), "%s with %d domains, unix, 1 conn",
                             loadgen_work_names[works[w]].label, opts->domains);
                    nkeys = 2;
                }
                loadgen_cell(tr, works[w], n, opts, keys, labels, nkeys);
            }
        }
    }
    for (int tr = LOADGEN_UNIX; tr <= LOADGEN_TCP; tr++) {
        for (int i = 0; i < opts->nopen_threads; i++) {
            char key[96], label[160];
            const char *keys[1] = { key };
            const char *labels[1] = { label };
            int n = opts->open_threads[i];

            snprintf(key, sizeof(key), "open/%s/%d", loadgen_transport_names[tr], n);
            snprintf(label, sizeof(label), "Open+Close cycles, %s, %d thread%s",
                     loadgen_transport_names[tr], n, n > 1 ? "s" : "");
            loadgen_cell(tr, LOADGEN_WORK_OPEN, n, opts, keys, labels, 1);
        }
    }
}

static void loadgen_scale(const LoadgenOptions *opts, int ndomains)
{
    static const LoadgenWork works[] = { LOADGEN_WORK_LIST, LOADGEN_WORK_INFO };

    for (size_t w = 0; w < sizeof(works) / sizeof(works[0]); w++) {
        char key[96], label[160];
        const char *keys[1] = { key };
        const char *labels[1] = { label };

        snprintf(key, sizeof(key), "scale-%s/%d", loadgen_work_names[works[w]].key, ndomains);
        snprintf(label, sizeof(label), "%s with %d domains, unix, 1 conn",
                 loadgen_work_names[works[w]].label, ndomains);
        loadgen_cell(LOADGEN_UNIX, works[w], 1, opts, keys, labels, 1);
    }
}

static int loadgen_int_cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static int loadgen_parse_target(const char *arg, LoadgenTarget *ret_target)
{
    const char *eq = strchr(arg, '=');
    const char *comma = eq ? strchr(eq + 1, ',') : NULL;

    if (!eq || !comma || eq == arg)
        return -1;
    memset(ret_target, 0, sizeof(*ret_target));
    ret_target->label = strndup(arg, (size_t)(eq - arg));
    ret_target->uri[LOADGEN_UNIX] = strndup(eq + 1, (size_t)(comma - eq - 1));
    ret_target->uri[LOADGEN_TCP] = strdup(comma + 1);
    return 0;
}

static void loadgen_usage(void)
{
    fprintf(stderr, "usage: loadgen [--rounds R] [--duration S] [--warmup S] [--threads LIST] "
                    "[--open-threads LIST] [--domains N] [--scale LIST] LABEL=UNIX_URI,TCP_URI...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    LoadgenOptions opts = {
        .rounds = 3, .duration = 2.0, .warmup = 0.5, .domains = 1000,
        .threads = { 1, 4, 16, 64 }, .nthreads = 4,
        .open_threads = { 1, 4 }, .nopen_threads = 2,
        .scale = { 100, 1000, 10000 }, .nscale = 3, .min_calls = 20,
    };
    int sizes[LOADGEN_MAX_LEVELS + 1];
    int nsizes = 0;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;

        if (strncmp(arg, "--", 2) != 0) {
            if (loadgen_ntargets == LOADGEN_MAX_TARGETS ||
                loadgen_parse_target(arg, &loadgen_targets[loadgen_ntargets]) < 0)
                loadgen_usage();
            loadgen_ntargets++;
            continue;
        }
        if (!val)
            loadgen_usage();
        i++;
        if (strcmp(arg, "--rounds") == 0)
            opts.rounds = atoi(val);
        else if (strcmp(arg, "--duration") == 0)
            opts.duration = atof(val);
        else if (strcmp(arg, "--warmup") == 0)
            opts.warmup = atof(val);
        else if (strcmp(arg, "--domains") == 0)
            opts.domains = atoi(val);
        else if (strcmp(arg, "--threads") == 0)
            opts.nthreads = bench_parse_list(val, opts.threads, LOADGEN_MAX_LEVELS);
        else if (strcmp(arg, "--open-threads") == 0)
            opts.nopen_threads = bench_parse_list(val, opts.open_threads, LOADGEN_MAX_LEVELS);
        else if (strcmp(arg, "--only") == 0)
            opts.only = val;
        else if (strcmp(arg, "--min-calls") == 0)
            opts.min_calls = atoi(val);
        else if (strcmp(arg, "--floor") == 0)
            opts.floor = val;
        else if (strcmp(arg, "--scale") == 0)
            opts.nscale = bench_parse_list(val, opts.scale, LOADGEN_MAX_LEVELS);
        else
            loadgen_usage();
    }
    if (loadgen_ntargets == 0 || opts.rounds < 1 || opts.rounds > LOADGEN_MAX_ROUNDS ||
        opts.duration <= 0 || opts.warmup < 0 || opts.min_calls < 0 || opts.domains < 1 || opts.domains > 99999 ||
        opts.nthreads < 0 || opts.nopen_threads < 0 || opts.nscale < 0)
        loadgen_usage();
    for (int i = 0; i < opts.nthreads; i++)
        if (opts.threads[i] > LOADGEN_MAX_THREADS)
            loadgen_usage();
    for (int i = 0; i < opts.nscale; i++)
        if (opts.scale[i] > 99999)
            loadgen_usage();

    /* A daemon that closes a connection must show up as an error on that
     * connection, not kill the client (virsh ignores SIGPIPE too). */
    signal(SIGPIPE, SIG_IGN);
    if (virInitialize() < 0) {
        fprintf(stderr, "loadgen: virInitialize failed\n");
        return 2;
    }
    virSetErrorFunc(NULL, loadgen_error_ignore);

    for (int t = 0; t < loadgen_ntargets; t++) {
        LoadgenTarget *target = &loadgen_targets[t];

        target->holder = virConnectOpen(target->uri[LOADGEN_UNIX]);
        if (!target->holder) {
            const char *msg = virGetLastErrorMessage();

            target->down = 1;
            snprintf(target->reason, sizeof(target->reason), "cannot connect: %s",
                     msg ? msg : "unknown error");
            fprintf(stderr, "  %-8s %s\n", target->label, target->reason);
        }
    }

    /* Domain counts in increasing order, so each step only adds domains. */
    for (int i = 0; i < opts.nscale; i++)
        sizes[nsizes++] = opts.scale[i];
    sizes[nsizes++] = opts.domains;
    qsort(sizes, (size_t)nsizes, sizeof(int), loadgen_int_cmp);

    for (int i = 0; i < nsizes; i++) {
        int in_scale = 0;

        if (i > 0 && sizes[i] == sizes[i - 1])
            continue;
        for (int j = 0; j < opts.nscale; j++)
            in_scale |= opts.scale[j] == sizes[i];
        loadgen_define_domains(sizes[i]);
        if (sizes[i] == opts.domains)
            loadgen_matrix(&opts, in_scale);
        else
            loadgen_scale(&opts, sizes[i]);
    }

    for (int t = 0; t < loadgen_ntargets; t++) {
        LoadgenTarget *target = &loadgen_targets[t];

        printf("target\t%s\t%s\t%s\n", target->label, target->down ? "down" : "up",
               target->reason);
        if (target->holder && !target->down)
            virConnectClose(target->holder);
    }
    fflush(stdout);
    /* Stuck workers may remain after a daemon hung: do not wait for them. */
    _exit(0);
}
