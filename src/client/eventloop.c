/*
 * eventloop.c: virEventRegisterImpl and the virEvent{Add,Update,Remove}
 * {Handle,Timeout} entry points, which forward to whichever event loop the
 * application registered (its own, or libvireo's default one in
 * eventloop_default.c).
 *
 * Facts kept from libvirt: the first registration wins (a later one is
 * ignored); with no loop registered, Add/Remove answer -1 without setting
 * an error and Update does nothing.
 */
#include <pthread.h>
#include <stdbool.h>

#include <libvirt/libvirt.h>

#include "client/eventloop_priv.h"

typedef struct {
    virEventAddHandleFunc add_handle;
    virEventUpdateHandleFunc update_handle;
    virEventRemoveHandleFunc remove_handle;
    virEventAddTimeoutFunc add_timeout;
    virEventUpdateTimeoutFunc update_timeout;
    virEventRemoveTimeoutFunc remove_timeout;
} EventloopImpl;

static pthread_mutex_t impl_lock = PTHREAD_MUTEX_INITIALIZER;
static EventloopImpl impl;

static EventloopImpl
eventloop_impl_get(void)
{
    EventloopImpl copy;

    pthread_mutex_lock(&impl_lock);
    copy = impl;
    pthread_mutex_unlock(&impl_lock);
    return copy;
}

static bool
eventloop_impl_set(const EventloopImpl *want)
{
    bool taken = false;

    pthread_mutex_lock(&impl_lock);
    if (!impl.add_handle && !impl.update_handle && !impl.remove_handle && !impl.add_timeout &&
        !impl.update_timeout && !impl.remove_timeout) {
        impl = *want;
        taken = true;
    }
    pthread_mutex_unlock(&impl_lock);
    return taken;
}

void
virEventRegisterImpl(virEventAddHandleFunc addHandle, virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle, virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    EventloopImpl want = { addHandle, updateHandle, removeHandle,
                           addTimeout, updateTimeout, removeTimeout };

    eventloop_impl_set(&want);
}

int
virEventRegisterDefaultImpl(void)
{
    EventloopImpl dflt = { eventloop_default_handle_add, eventloop_default_handle_update,
                           eventloop_default_handle_remove, eventloop_default_timeout_add,
                           eventloop_default_timeout_update, eventloop_default_timeout_remove };

    virResetLastError();
    if (eventloop_default_init() < 0)
        return -1;
    /* Connection events move to the loop's thread only if the default loop
     * is the one in charge (an application loop registered first keeps
     * them on the I/O threads). */
    if (eventloop_impl_set(&dflt))
        eventloop_default_activate();
    return 0;
}

int
virEventAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque, virFreeCallback ff)
{
    EventloopImpl cur = eventloop_impl_get();

    return cur.add_handle ? cur.add_handle(fd, events, cb, opaque, ff) : -1;
}

void
virEventUpdateHandle(int watch, int events)
{
    EventloopImpl cur = eventloop_impl_get();

    if (cur.update_handle)
        cur.update_handle(watch, events);
}

int
virEventRemoveHandle(int watch)
{
    EventloopImpl cur = eventloop_impl_get();

    return cur.remove_handle ? cur.remove_handle(watch) : -1;
}

int
virEventAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff)
{
    EventloopImpl cur = eventloop_impl_get();

    return cur.add_timeout ? cur.add_timeout(frequency, cb, opaque, ff) : -1;
}

void
virEventUpdateTimeout(int timer, int frequency)
{
    EventloopImpl cur = eventloop_impl_get();

    if (cur.update_timeout)
        cur.update_timeout(timer, frequency);
}

int
virEventRemoveTimeout(int timer)
{
    EventloopImpl cur = eventloop_impl_get();

    return cur.remove_timeout ? cur.remove_timeout(timer) : -1;
}
