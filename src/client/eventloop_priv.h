/*
 * eventloop_priv.h: between the public event-loop entry points
 * (eventloop.c) and libvireo's default poll() loop (eventloop_default.c).
 */
#ifndef VIREO_CLIENT_EVENTLOOP_PRIV_H
#define VIREO_CLIENT_EVENTLOOP_PRIV_H

#include <libvirt/libvirt.h>

#include "client/eventloop.h"

/* Creates the default loop's state (wake-up pipe); idempotent. */
int eventloop_default_init(void);
/* The default loop became the registered one: jobs may be posted to it. */
void eventloop_default_activate(void);

int eventloop_default_handle_add(int fd, int events, virEventHandleCallback cb, void *opaque,
                                 virFreeCallback ff);
void eventloop_default_handle_update(int watch, int events);
int eventloop_default_handle_remove(int watch);
int eventloop_default_timeout_add(int interval, virEventTimeoutCallback cb, void *opaque,
                                  virFreeCallback ff);
void eventloop_default_timeout_update(int timer, int interval);
int eventloop_default_timeout_remove(int timer);

#endif
