/*
 * eventloop.h: libvireo's side door into the application's default event
 * loop (virEventRegisterDefaultImpl / virEventRunDefaultImpl).
 *
 * Why: libvirt runs connection event callbacks on the thread that drives
 * the application's event loop. libvireo reads events on a per-connection
 * I/O thread; when the application registered the default loop, that
 * thread posts a job here instead of running the callbacks itself, and the
 * next virEventRunDefaultImpl runs it. Without a default loop, callers run
 * their work directly (today's behaviour).
 *
 * These are declared weak by their callers in static libraries that must
 * also link without src/client (unit tests of the remote driver): a null
 * address means "no event loop module here, run directly".
 */
#ifndef VIREO_CLIENT_EVENTLOOP_H
#define VIREO_CLIENT_EVENTLOOP_H

typedef void (*EventloopJobFunc)(void *opaque);

/* Queues fn(opaque) for the loop's thread and wakes it. A job already
 * pending with the same fn and opaque is not queued twice. Returns 0 when
 * queued, -1 when no default loop is registered (run it yourself). */
int eventloop_job_post(EventloopJobFunc fn, void *opaque);

/* Drops pending jobs whose opaque is `opaque`, and waits for one running
 * on another thread to finish, so `opaque` may be freed afterwards. */
void eventloop_job_cancel(void *opaque);

#endif
