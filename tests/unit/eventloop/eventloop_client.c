/*
 * eventloop_client.c: an application that drives libvirt's client-side
 * event loop API, built twice (tests/unit/eventloop/meson.build): against
 * libvireo and, when installed, against Debian's libvirt. Both builds must
 * print the same lines (tests/integration/test_eventloop.py compares them).
 *
 *   vireo-eventloop loop             default loop: timeouts, handles,
 *                                    removal from inside callbacks, a
 *                                    timeout added from another thread
 *   vireo-eventloop custom           virEventRegisterImpl forwarding
 *   vireo-eventloop events URI N     default loop + lifecycle callback:
 *                                    prints "ready", then N events
 *
 * Every line printed is deterministic (counts, not timings), so that two
 * implementations can be diffed. Exit status 0 only if every check held.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libvirt/libvirt.h>

static pthread_t main_thread;
static int failures;

#define CHECK(cond)                                                       \
    do {                                                                  \
        if (!(cond)) {                                                    \
            fprintf(stderr, "check failed at line %d: %s\n", __LINE__, #cond); \
            failures++;                                                   \
        }                                                                 \
    } while (0)

/* ---- loop: timeouts, handles, removal from callbacks ---------------------- */

typedef struct {
    int pipe1[2], pipe2[2];
    int timer, watch1, watch2;
    int timer_fires, watch1_fires, watch1_events, watch2_fires, bytes_read;
    int timer_freed, watch1_freed, watch2_freed, disabled_fires;
    bool wrong_thread;
} LoopState;

static void
loop_free_timer(void *opaque)
{
    ((LoopState *)opaque)->timer_freed++;
}

static void
loop_free_watch1(void *opaque)
{
    ((LoopState *)opaque)->watch1_freed++;
}

static void
loop_free_watch2(void *opaque)
{
    ((LoopState *)opaque)->watch2_freed++;
}

/* The disabled entries fire only once enabled with Update, and disable
 * themselves again from inside their callback. */
static void
loop_on_disabled_timer(int timer, void *opaque)
{
    ((LoopState *)opaque)->disabled_fires++;
    virEventUpdateTimeout(timer, -1);
}

static void
loop_on_disabled_watch(int watch, int fd, int events, void *opaque)
{
    char c;

    ((LoopState *)opaque)->disabled_fires++;
    if (events & VIR_EVENT_HANDLE_READABLE && read(fd, &c, 1) == 1)
        ((LoopState *)opaque)->bytes_read++;
    virEventUpdateHandle(watch, 0);
}

static void
loop_on_timer(int timer, void *opaque)
{
    LoopState *s = opaque;

    if (!pthread_equal(pthread_self(), main_thread))
        s->wrong_thread = true;
    CHECK(timer == s->timer);
    s->timer_fires++;
    if (s->timer_fires == 1) {
        /* Both pipes become readable; watch2 is removed before it can
         * fire, from inside this callback. */
        CHECK(write(s->pipe1[1], "x", 1) == 1);
        CHECK(write(s->pipe2[1], "y", 1) == 1);
        CHECK(virEventRemoveHandle(s->watch2) == 0);
        CHECK(virEventRemoveHandle(s->watch2) == -1);
    }
    if (s->timer_fires == 3)
        CHECK(virEventRemoveTimeout(timer) == 0);
}

static void
loop_on_watch1(int watch, int fd, int events, void *opaque)
{
    LoopState *s = opaque;
    char c;

    if (!pthread_equal(pthread_self(), main_thread))
        s->wrong_thread = true;
    CHECK(watch == s->watch1 && fd == s->pipe1[0]);
    s->watch1_fires++;
    s->watch1_events = events;
    if (read(fd, &c, 1) == 1)
        s->bytes_read++;
    CHECK(virEventRemoveHandle(watch) == 0);
}

static void
loop_on_watch2(int watch, int fd, int events, void *opaque)
{
    LoopState *s = opaque;

    (void)watch;
    (void)fd;
    (void)events;
    s->watch2_fires++;
}

static void
loop_on_tick(int timer, void *opaque)
{
    (void)timer;
    (*(int *)opaque)++;
}

typedef struct {
    int fired, timer;
    bool wrong_thread;
} CrossState;

static void
cross_on_timer(int timer, void *opaque)
{
    CrossState *c = opaque;

    if (!pthread_equal(pthread_self(), main_thread))
        c->wrong_thread = true;
    c->fired++;
    virEventRemoveTimeout(timer);
}

static void *
cross_thread(void *opaque)
{
    CrossState *c = opaque;

    usleep(200 * 1000);
    c->timer = virEventAddTimeout(0, cross_on_timer, c, NULL);
    return NULL;
}

static int
run_loop(void)
{
    LoopState s = { 0 };
    CrossState c = { 0 };
    pthread_t th;
    int rounds = 0, dis_watch, dis_timer;

    CHECK(virEventAddHandle(0, VIR_EVENT_HANDLE_READABLE, loop_on_watch2, NULL, NULL) == -1);
    CHECK(virEventRemoveTimeout(1) == -1);
    if (virEventRegisterDefaultImpl() < 0)
        return 1;
    if (pipe(s.pipe1) < 0 || pipe(s.pipe2) < 0)
        return 1;
    s.watch1 = virEventAddHandle(s.pipe1[0], VIR_EVENT_HANDLE_READABLE, loop_on_watch1, &s,
                                 loop_free_watch1);
    s.watch2 = virEventAddHandle(s.pipe2[0], VIR_EVENT_HANDLE_READABLE, loop_on_watch2, &s,
                                 loop_free_watch2);
    s.timer = virEventAddTimeout(50, loop_on_timer, &s, loop_free_timer);
    /* Disabled: a handle watching nothing, a timeout of -1. */
    dis_watch = virEventAddHandle(s.pipe1[0], 0, loop_on_disabled_watch, &s, NULL);
    dis_timer = virEventAddTimeout(-1, loop_on_disabled_timer, &s, NULL);
    printf("watch ids %d %d %d timer ids %d %d\n", s.watch1, s.watch2, dis_watch, s.timer,
           dis_timer);
    CHECK(virEventRemoveHandle(12345) == -1);
    CHECK(virEventRemoveTimeout(12345) == -1);

    while (rounds++ < 200 && !(s.timer_fires >= 3 && s.watch1_fires >= 1 && s.timer_freed &&
                               s.watch1_freed && s.watch2_freed))
        virEventRunDefaultImpl();
    printf("before update: disabled fired %d\n", s.disabled_fires);
    CHECK(s.disabled_fires == 0);
    CHECK(write(s.pipe1[1], "z", 1) == 1);
    virEventUpdateHandle(dis_watch, VIR_EVENT_HANDLE_READABLE);
    virEventUpdateTimeout(dis_timer, 10);
    rounds = 0;
    while (rounds++ < 100 && s.disabled_fires < 2)
        virEventRunDefaultImpl();
    /* A few more rounds (a 20 ms timer keeps them short): both stay off. */
    {
        int ticks = 0, ticker = virEventAddTimeout(20, loop_on_tick, &ticks, NULL);

        while (ticks < 3)
            virEventRunDefaultImpl();
        CHECK(virEventRemoveTimeout(ticker) == 0);
    }
    printf("after update: disabled fired %d read %d\n", s.disabled_fires, s.bytes_read);
    CHECK(s.disabled_fires == 2 && s.bytes_read == 2);
    CHECK(virEventRemoveHandle(dis_watch) == 0);
    CHECK(virEventRemoveTimeout(dis_timer) == 0);
    printf("timer fired %d\n", s.timer_fires);
    printf("watch1 fired %d events %d read %d\n", s.watch1_fires, s.watch1_events, s.bytes_read);
    printf("watch2 fired %d\n", s.watch2_fires);
    printf("freed %d %d %d\n", s.watch1_freed, s.watch2_freed, s.timer_freed);
    CHECK(s.timer_fires == 3 && s.watch1_fires == 1 && s.watch2_fires == 0);
    CHECK(s.timer_freed == 1 && s.watch1_freed == 1 && s.watch2_freed == 1);
    CHECK(!s.wrong_thread);

    /* Nothing is registered now: only the wake-up path can end this
     * iteration when another thread adds a timeout. */
    pthread_create(&th, NULL, cross_thread, &c);
    alarm(10);
    while (!c.fired)
        virEventRunDefaultImpl();
    alarm(0);
    pthread_join(th, NULL);
    printf("cross-thread timeout fired %d on loop thread %s\n", c.fired,
           c.wrong_thread ? "no" : "yes");
    CHECK(c.fired == 1 && !c.wrong_thread);
    return failures ? 1 : 0;
}

/* ---- custom: virEventRegisterImpl forwarding -------------------------------- */

static char custom_log[512];

static void
custom_note(const char *what, int a, int b)
{
    size_t len = strlen(custom_log);

    snprintf(custom_log + len, sizeof(custom_log) - len, "%s(%d,%d) ", what, a, b);
}

static int
custom_add_handle(int fd, int events, virEventHandleCallback cb, void *opaque, virFreeCallback ff)
{
    (void)cb;
    (void)opaque;
    (void)ff;
    custom_note("addh", fd, events);
    return 7;
}

static void
custom_update_handle(int watch, int events)
{
    custom_note("updh", watch, events);
}

static int
custom_remove_handle(int watch)
{
    custom_note("remh", watch, 0);
    return 0;
}

static int
custom_add_timeout(int ms, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff)
{
    (void)cb;
    (void)opaque;
    (void)ff;
    custom_note("addt", ms, 0);
    return 9;
}

static void
custom_update_timeout(int timer, int ms)
{
    custom_note("updt", timer, ms);
}

static int
custom_remove_timeout(int timer)
{
    custom_note("remt", timer, 0);
    return 0;
}

static void
custom_timer(int timer, void *opaque)
{
    (void)timer;
    (void)opaque;
}

static void
custom_handle(int watch, int fd, int events, void *opaque)
{
    (void)watch;
    (void)fd;
    (void)events;
    (void)opaque;
}

static int
run_custom(void)
{
    virEventRegisterImpl(custom_add_handle, custom_update_handle, custom_remove_handle,
                         custom_add_timeout, custom_update_timeout, custom_remove_timeout);
    /* The first registration wins: the default one is ignored now. */
    CHECK(virEventRegisterDefaultImpl() == 0);
    printf("addh -> %d\n", virEventAddHandle(3, VIR_EVENT_HANDLE_WRITABLE, custom_handle, NULL,
                                             NULL));
    virEventUpdateHandle(7, VIR_EVENT_HANDLE_READABLE | VIR_EVENT_HANDLE_HANGUP);
    printf("remh -> %d\n", virEventRemoveHandle(7));
    printf("addt -> %d\n", virEventAddTimeout(250, custom_timer, NULL, NULL));
    virEventUpdateTimeout(9, -1);
    printf("remt -> %d\n", virEventRemoveTimeout(9));
    printf("log %s\n", custom_log);
    printf("bits %d %d %d %d\n", VIR_EVENT_HANDLE_READABLE, VIR_EVENT_HANDLE_WRITABLE,
           VIR_EVENT_HANDLE_ERROR, VIR_EVENT_HANDLE_HANGUP);
    return failures ? 1 : 0;
}

/* ---- events: lifecycle callbacks on the loop's thread ----------------------- */

typedef struct {
    int seen, want, callback_id;
    bool wrong_thread;
} EventsState;

static void
events_on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    EventsState *e = opaque;

    if (!pthread_equal(pthread_self(), main_thread))
        e->wrong_thread = true;
    printf("domain %s %d %d\n", virDomainGetName(dom), event, detail);
    fflush(stdout);
    if (++e->seen == e->want)
        printf("deregister from callback %d\n",
               virConnectDomainEventDeregisterAny(conn, e->callback_id));
}

static int
run_events(const char *uri, int want)
{
    EventsState e = { .want = want };
    virConnectPtr conn;

    if (virEventRegisterDefaultImpl() < 0)
        return 1;
    if (!(conn = virConnectOpen(uri)))
        return 1;
    e.callback_id = virConnectDomainEventRegisterAny(
        conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE, VIR_DOMAIN_EVENT_CALLBACK(events_on_lifecycle),
        &e, NULL);
    if (e.callback_id < 0)
        return 1;
    printf("ready\n");
    fflush(stdout);
    alarm(30);
    while (e.seen < e.want)
        if (virEventRunDefaultImpl() < 0)
            return 1;
    alarm(0);
    printf("on loop thread %s\n", e.wrong_thread ? "no" : "yes");
    virConnectClose(conn);
    return e.wrong_thread ? 1 : 0;
}

int
main(int argc, char **argv)
{
    int rc = 2;

    main_thread = pthread_self();
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 2 && strcmp(argv[1], "loop") == 0)
        rc = run_loop();
    else if (argc == 2 && strcmp(argv[1], "custom") == 0)
        rc = run_custom();
    else if (argc == 4 && strcmp(argv[1], "events") == 0)
        rc = run_events(argv[2], atoi(argv[3]));
    else
        fprintf(stderr, "usage: %s loop | custom | events URI N\n", argv[0]);
    fflush(stdout);
    return rc;
}
