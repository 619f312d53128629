/*
 * eventloop_default.c: libvireo's default event loop, one poll() per
 * virEventRunDefaultImpl call.
 *
 * Any thread may add, update or remove handles and timeouts; each change
 * writes a byte to a wake-up pipe the loop always polls, so it takes effect
 * at once instead of after the current poll() times out.
 *
 * Removal is safe from inside a callback: entries are only marked deleted
 * and stay in their arrays (which are addressed by index, never by pointer,
 * since a callback adding entries may move them) until the start of the
 * next iteration, which unlinks them and calls their free callbacks outside
 * the lock.
 *
 * Jobs (eventloop.h) are libvireo's own work for the loop's thread:
 * delivering connection events there, as libvirt does.
 *
 * One thread runs an iteration at a time (run_lock); others calling
 * virEventRunDefaultImpl meanwhile wait their turn. The lock is recursive
 * so a callback running a nested iteration does not deadlock; entries are
 * found by id or bounds-checked index, so a nested sweep cannot make the
 * outer round touch freed memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "client/eventloop_priv.h"
#include "util/alloc.h"
#include "util/error.h"

typedef struct {
    int id, fd, events;
    virEventHandleCallback cb;
    void *opaque;
    virFreeCallback ff;
    bool deleted;
} EventloopHandle;

typedef struct {
    int id, interval;
    unsigned long long expires_ms;
    virEventTimeoutCallback cb;
    void *opaque;
    virFreeCallback ff;
    bool deleted;
} EventloopTimeout;

typedef struct EventloopJob {
    struct EventloopJob *next;
    EventloopJobFunc fn;
    void *opaque;
} EventloopJob;

typedef struct {
    virFreeCallback ff;
    void *opaque;
} EventloopFree;

static struct {
    pthread_mutex_t lock;        /* everything below */
    pthread_cond_t job_done;     /* a job finished (eventloop_job_cancel) */
    pthread_mutex_t run_lock;    /* one iteration at a time */
    bool ready, active;
    int wake[2];
    EventloopHandle *handles;
    size_t nhandles;
    int next_watch;
    EventloopTimeout *timeouts;
    size_t ntimeouts;
    int next_timer;
    EventloopJob *jobs;
    void *running_opaque;        /* the job running now, if any */
    pthread_t running_thread;
} loop = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .job_done = PTHREAD_COND_INITIALIZER,
    .run_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP,
    .wake = { -1, -1 },
    .next_watch = 1,
    .next_timer = 1,
};

/* poll() bits for each VIR_EVENT_HANDLE_* bit, both ways. */
static const struct {
    int vir;
    short pollbits;
} eventloop_bits[] = {
    { VIR_EVENT_HANDLE_READABLE, POLLIN },
    { VIR_EVENT_HANDLE_WRITABLE, POLLOUT },
    { VIR_EVENT_HANDLE_ERROR, POLLERR },
    { VIR_EVENT_HANDLE_HANGUP, POLLHUP },
};

static short
eventloop_bits_to_poll(int events)
{
    short out = 0;

    for (size_t i = 0; i < sizeof(eventloop_bits) / sizeof(eventloop_bits[0]); i++)
        if (events & eventloop_bits[i].vir)
            out |= eventloop_bits[i].pollbits;
    return out;
}

static int
eventloop_bits_from_poll(short revents)
{
    int out = 0;

    for (size_t i = 0; i < sizeof(eventloop_bits) / sizeof(eventloop_bits[0]); i++)
        if (revents & eventloop_bits[i].pollbits)
            out |= eventloop_bits[i].vir;
    /* A descriptor closed behind the loop's back: report it rather than
     * call back with no bits on every round. */
    if (revents & POLLNVAL)
        out |= VIR_EVENT_HANDLE_ERROR;
    return out;
}

static unsigned long long
eventloop_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000 + (unsigned long long)ts.tv_nsec / 1000000;
}

static void
eventloop_wake(void)
{
    char c = 0;

    if (loop.wake[1] >= 0 && write(loop.wake[1], &c, 1) < 0 && errno != EAGAIN)
        return;
}

int
eventloop_default_init(void)
{
    int rc = 0;

    pthread_mutex_lock(&loop.lock);
    if (!loop.ready) {
        if (pipe2(loop.wake, O_CLOEXEC | O_NONBLOCK) < 0) {
            vir_error_report_system(VIR_FROM_EVENT, errno, "%s",
                                    "Unable to create wake-up pipe for the event loop");
            loop.wake[0] = loop.wake[1] = -1;
            rc = -1;
        } else {
            loop.ready = true;
        }
    }
    pthread_mutex_unlock(&loop.lock);
    return rc;
}

void
eventloop_default_activate(void)
{
    pthread_mutex_lock(&loop.lock);
    loop.active = true;
    pthread_mutex_unlock(&loop.lock);
}

/* ---- handles and timeouts (any thread) ------------------------------------ */

int
eventloop_default_handle_add(int fd, int events, virEventHandleCallback cb, void *opaque,
                             virFreeCallback ff)
{
    EventloopHandle *h;
    int id;

    if (fd < 0 || !cb)
        return -1;
    pthread_mutex_lock(&loop.lock);
    loop.handles = xreallocarray(loop.handles, loop.nhandles + 1, sizeof(*loop.handles));
    h = &loop.handles[loop.nhandles++];
    *h = (EventloopHandle){ .id = loop.next_watch++, .fd = fd, .events = events, .cb = cb,
                            .opaque = opaque, .ff = ff };
    id = h->id;
    pthread_mutex_unlock(&loop.lock);
    eventloop_wake();
    return id;
}

/* Index of a live handle, or -1. Called with the lock. */
static ssize_t
eventloop_handle_find(int watch)
{
    for (size_t i = 0; i < loop.nhandles; i++)
        if (loop.handles[i].id == watch && !loop.handles[i].deleted)
            return (ssize_t)i;
    return -1;
}

static ssize_t
eventloop_timeout_find(int timer)
{
    for (size_t i = 0; i < loop.ntimeouts; i++)
        if (loop.timeouts[i].id == timer && !loop.timeouts[i].deleted)
            return (ssize_t)i;
    return -1;
}

void
eventloop_default_handle_update(int watch, int events)
{
    ssize_t i;

    pthread_mutex_lock(&loop.lock);
    if ((i = eventloop_handle_find(watch)) >= 0)
        loop.handles[i].events = events;
    pthread_mutex_unlock(&loop.lock);
    eventloop_wake();
}

int
eventloop_default_handle_remove(int watch)
{
    ssize_t i;

    pthread_mutex_lock(&loop.lock);
    if ((i = eventloop_handle_find(watch)) >= 0)
        loop.handles[i].deleted = true;
    pthread_mutex_unlock(&loop.lock);
    eventloop_wake();
    return i >= 0 ? 0 : -1;
}

int
eventloop_default_timeout_add(int interval, virEventTimeoutCallback cb, void *opaque,
                              virFreeCallback ff)
{
    EventloopTimeout *t;
    int id;

    if (!cb)
        return -1;
    pthread_mutex_lock(&loop.lock);
    loop.timeouts = xreallocarray(loop.timeouts, loop.ntimeouts + 1, sizeof(*loop.timeouts));
    t = &loop.timeouts[loop.ntimeouts++];
    *t = (EventloopTimeout){ .id = loop.next_timer++, .interval = interval, .cb = cb,
                             .opaque = opaque, .ff = ff };
    if (interval >= 0)
        t->expires_ms = eventloop_now_ms() + (unsigned long long)interval;
    id = t->id;
    pthread_mutex_unlock(&loop.lock);
    eventloop_wake();
    return id;
}

void
eventloop_default_timeout_update(int timer, int interval)
{
    ssize_t i;

    pthread_mutex_lock(&loop.lock);
    if ((i = eventloop_timeout_find(timer)) >= 0) {
        loop.timeouts[i].interval = interval;
        if (interval >= 0)
            loop.timeouts[i].expires_ms = eventloop_now_ms() + (unsigned long long)interval;
    }
    pthread_mutex_unlock(&loop.lock);
    eventloop_wake();
}

int
eventloop_default_timeout_remove(int timer)
{
    ssize_t i;

    pthread_mutex_lock(&loop.lock);
    if ((i = eventloop_timeout_find(timer)) >= 0)
        loop.timeouts[i].deleted = true;
    pthread_mutex_unlock(&loop.lock);
    eventloop_wake();
    return i >= 0 ? 0 : -1;
}

/* ---- jobs (eventloop.h) ----------------------------------------------------- */

int
eventloop_job_post(EventloopJobFunc fn, void *opaque)
{
    EventloopJob **pp;

    pthread_mutex_lock(&loop.lock);
    if (!loop.active) {
        pthread_mutex_unlock(&loop.lock);
        return -1;
    }
    for (pp = &loop.jobs; *pp; pp = &(*pp)->next)
        if ((*pp)->fn == fn && (*pp)->opaque == opaque)
            break;
    if (!*pp) {
        *pp = XNEW(EventloopJob);
        (*pp)->fn = fn;
        (*pp)->opaque = opaque;
    }
    pthread_mutex_unlock(&loop.lock);
    eventloop_wake();
    return 0;
}

void
eventloop_job_cancel(void *opaque)
{
    pthread_mutex_lock(&loop.lock);
    for (EventloopJob **pp = &loop.jobs; *pp;) {
        EventloopJob *j = *pp;

        if (j->opaque == opaque) {
            *pp = j->next;
            free(j);
        } else {
            pp = &j->next;
        }
    }
    while (loop.running_opaque == opaque && opaque &&
           !pthread_equal(loop.running_thread, pthread_self()))
        pthread_cond_wait(&loop.job_done, &loop.lock);
    pthread_mutex_unlock(&loop.lock);
}

/* ---- one iteration -------------------------------------------------------- */

/* Unlinks deleted entries; their free callbacks go to *ret_frees. Called
 * with the lock. */
static size_t
eventloop_sweep(EventloopFree **ret_frees)
{
    size_t n = 0, keep = 0;
    EventloopFree *frees = XNEW_ARRAY(EventloopFree, loop.nhandles + loop.ntimeouts + 1);

    for (size_t i = 0; i < loop.nhandles; i++) {
        if (!loop.handles[i].deleted)
            loop.handles[keep++] = loop.handles[i];
        else if (loop.handles[i].ff)
            frees[n++] = (EventloopFree){ loop.handles[i].ff, loop.handles[i].opaque };
    }
    loop.nhandles = keep;
    keep = 0;
    for (size_t i = 0; i < loop.ntimeouts; i++) {
        if (!loop.timeouts[i].deleted)
            loop.timeouts[keep++] = loop.timeouts[i];
        else if (loop.timeouts[i].ff)
            frees[n++] = (EventloopFree){ loop.timeouts[i].ff, loop.timeouts[i].opaque };
    }
    loop.ntimeouts = keep;
    *ret_frees = frees;
    return n;
}

static void
eventloop_frees_run(EventloopFree *frees, size_t n)
{
    for (size_t i = 0; i < n; i++)
        frees[i].ff(frees[i].opaque);
    free(frees);
}

/* Milliseconds poll() may sleep: until the nearest timeout, 0 with jobs
 * pending, -1 (forever) with neither. Called with the lock. */
static int
eventloop_poll_timeout(unsigned long long now)
{
    long long best = -1;

    if (loop.jobs)
        return 0;
    for (size_t i = 0; i < loop.ntimeouts; i++) {
        const EventloopTimeout *t = &loop.timeouts[i];
        long long wait;

        if (t->deleted || t->interval < 0)
            continue;
        wait = t->expires_ms > now ? (long long)(t->expires_ms - now) : 0;
        if (best < 0 || wait < best)
            best = wait;
    }
    return best > 60000 ? 60000 : (int)best;
}

static void
eventloop_dispatch_timeouts(void)
{
    unsigned long long now = eventloop_now_ms();
    int last = loop.next_timer; /* timeouts added by callbacks wait a turn */

    for (size_t i = 0; i < loop.ntimeouts; i++) {
        EventloopTimeout *t = &loop.timeouts[i];
        virEventTimeoutCallback cb;
        void *opaque;
        int id;

        if (t->deleted || t->interval < 0 || t->id >= last || t->expires_ms > now)
            continue;
        t->expires_ms = now + (unsigned long long)t->interval;
        cb = t->cb;
        opaque = t->opaque;
        id = t->id;
        pthread_mutex_unlock(&loop.lock);
        cb(id, opaque);
        pthread_mutex_lock(&loop.lock);
    }
}

static void
eventloop_dispatch_handles(const struct pollfd *fds, const int *ids, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        virEventHandleCallback cb;
        void *opaque;
        ssize_t i;
        int fd, events;

        if (!fds[k].revents || (i = eventloop_handle_find(ids[k])) < 0)
            continue;
        events = eventloop_bits_from_poll(fds[k].revents);
        cb = loop.handles[i].cb;
        opaque = loop.handles[i].opaque;
        fd = loop.handles[i].fd;
        pthread_mutex_unlock(&loop.lock);
        cb(ids[k], fd, events, opaque);
        pthread_mutex_lock(&loop.lock);
    }
}

static void
eventloop_dispatch_jobs(void)
{
    while (loop.jobs) {
        EventloopJob *j = loop.jobs;

        loop.jobs = j->next;
        loop.running_opaque = j->opaque;
        loop.running_thread = pthread_self();
        pthread_mutex_unlock(&loop.lock);
        j->fn(j->opaque);
        free(j);
        pthread_mutex_lock(&loop.lock);
        loop.running_opaque = NULL;
        pthread_cond_broadcast(&loop.job_done);
    }
}

static int
eventloop_run_once(void)
{
    EventloopFree *frees;
    struct pollfd *fds;
    int *ids, timeout, n;
    size_t nfree, nfds = 0;

    pthread_mutex_lock(&loop.lock);
    nfree = eventloop_sweep(&frees);
    fds = XNEW_ARRAY(struct pollfd, loop.nhandles + 1);
    ids = XNEW_ARRAY(int, loop.nhandles + 1);
    fds[nfds++] = (struct pollfd){ .fd = loop.wake[0], .events = POLLIN };
    for (size_t i = 0; i < loop.nhandles; i++) {
        /* A handle watching nothing is left out altogether, so it does
         * not fire on errors or hang-ups either. */
        if (!loop.handles[i].events)
            continue;
        ids[nfds] = loop.handles[i].id;
        fds[nfds++] = (struct pollfd){ .fd = loop.handles[i].fd,
                                       .events = eventloop_bits_to_poll(loop.handles[i].events) };
    }
    timeout = eventloop_poll_timeout(eventloop_now_ms());
    pthread_mutex_unlock(&loop.lock);

    eventloop_frees_run(frees, nfree);

    n = poll(fds, nfds, timeout);
    if (n < 0 && errno != EINTR) {
        vir_error_report_system(VIR_FROM_EVENT, errno, "%s", "Unable to poll on file handles");
        free(fds);
        free(ids);
        return -1;
    }
    if (n > 0 && (fds[0].revents & POLLIN)) {
        char buf[64];

        while (read(loop.wake[0], buf, sizeof(buf)) > 0)
            ;
    }

    pthread_mutex_lock(&loop.lock);
    eventloop_dispatch_timeouts();
    if (n > 0)
        eventloop_dispatch_handles(fds + 1, ids + 1, nfds - 1);
    eventloop_dispatch_jobs();
    /* Entries removed by this round's callbacks are released now, not at
     * the start of a next round that might sleep forever first. */
    nfree = eventloop_sweep(&frees);
    pthread_mutex_unlock(&loop.lock);
    eventloop_frees_run(frees, nfree);
    free(fds);
    free(ids);
    return 0;
}

int
virEventRunDefaultImpl(void)
{
    int rc;

    if (eventloop_default_init() < 0)
        return -1;
    pthread_mutex_lock(&loop.run_lock);
    rc = eventloop_run_once();
    pthread_mutex_unlock(&loop.run_lock);
    return rc;
}
