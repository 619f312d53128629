/*
 * signals.c: one thread in sigwait() for the stop signals.
 *
 * To end the thread, the main thread sets 'leaving' and sends the thread a
 * SIGTERM of its own with pthread_kill; the thread sees 'leaving' and
 * returns instead of stopping a server that is already stopped.
 */
#include "daemon/signals.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

static pthread_t signals_thread;
static bool signals_started;           /* main thread only */
static atomic_bool signals_leaving;
static atomic_bool signals_stop_seen;
static DaemonReloadFunc signals_reload;  /* set before the thread starts */
static void *signals_reload_opaque;

static void
signals_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
}

void
daemon_signals_init(void)
{
    struct sigaction ign = { .sa_handler = SIG_IGN };
    sigset_t set;

    sigaction(SIGPIPE, &ign, NULL);
    signals_set(&set);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static void *
signals_main(void *opaque)
{
    RpcServer *srv = opaque;
    sigset_t set;
    int sig;

    signals_set(&set);
    for (;;) {
        if (sigwait(&set, &sig) != 0)
            continue;
        if (atomic_load(&signals_leaving))
            return NULL;
        if (sig == SIGHUP) {
            if (signals_reload)
                signals_reload(signals_reload_opaque);
            continue;
        }
        atomic_store(&signals_stop_seen, true);
        rpc_server_stop(srv);
    }
}

void
daemon_signals_set_reload(DaemonReloadFunc fn, void *opaque)
{
    signals_reload = fn;
    signals_reload_opaque = opaque;
}

int
daemon_signals_start(RpcServer *srv)
{
    int rc = pthread_create(&signals_thread, NULL, signals_main, srv);

    if (rc != 0) {
        errno = rc;
        return -1;
    }
    signals_started = true;
    return 0;
}

bool
daemon_signals_stop_requested(void)
{
    return atomic_load(&signals_stop_seen);
}

void
daemon_signals_stop(void)
{
    if (!signals_started)
        return;
    atomic_store(&signals_leaving, true);
    pthread_kill(signals_thread, SIGTERM);
    pthread_join(signals_thread, NULL);
    signals_started = false;
}
