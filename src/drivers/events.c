/*
 * events.c: the driver event hub (see events.h).
 *
 * One lock guards the registrations and the queue. The dispatcher thread
 * pops an event, marks the matching registrations busy, drops the lock,
 * calls them, then unmarks them. Removing a registration waits until no
 * delivery uses it (unless the remover is a callback on the dispatcher
 * thread itself, which then frees it after the call), so once remove
 * returns, nobody will touch its conn or opaque again.
 */
#define VIR_FROM_THIS VIR_FROM_NONE

#include "drivers/events.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

typedef struct HubEntry {
    struct HubEntry *next;
    int id;
    virConnectPtr conn;
    VireoEventFilter filter;
    char *filter_name;
    VireoEventFunc fn;
    void *opaque;
    virFreeCallback free_fn;
    unsigned int busy;      /* deliveries in progress */
    bool removed;
} HubEntry;

typedef struct HubEvent {
    struct HubEvent *next;
    VireoEvent ev;          /* strings below are owned */
    char *name;
    char *nsuri;
} HubEvent;

struct VireoEventHub {
    pthread_mutex_t lock;
    pthread_cond_t wake;    /* an event was queued, or stop */
    pthread_cond_t idle;    /* a delivery finished */
    HubEntry *entries;
    HubEvent *head, *tail;
    int next_id;
    bool started, stop;
    bool free_on_exit;      /* freed from a callback: the thread frees it when it ends */
    pthread_t thread;
};

static void hub_destroy(VireoEventHub *hub);

VireoEventHub *
vireo_event_hub_new(void)
{
    VireoEventHub *hub = XNEW(VireoEventHub);

    pthread_mutex_init(&hub->lock, NULL);
    pthread_cond_init(&hub->wake, NULL);
    pthread_cond_init(&hub->idle, NULL);
    return hub;
}

static void
hub_entry_free(HubEntry *e)
{
    if (e->free_fn)
        e->free_fn(e->opaque);
    free(e->filter_name);
    free(e);
}

static void
hub_event_free(HubEvent *he)
{
    free(he->name);
    free(he->nsuri);
    free(he);
}

static bool
hub_matches(const HubEntry *e, const VireoEvent *ev)
{
    if (e->removed || e->filter.kind != ev->kind || e->filter.event_id != ev->event_id)
        return false;
    if (!e->filter.has_object)
        return true;
    if (ev->kind == VIREO_EVENT_NODEDEV)
        return e->filter_name && ev->name && strcmp(e->filter_name, ev->name) == 0;
    return memcmp(e->filter.uuid, ev->uuid, VIR_UUID_BUFLEN) == 0;
}

/* Unlinks and returns the entries that are removed and idle. Lock held. */
static HubEntry *
hub_take_dead_locked(VireoEventHub *hub)
{
    HubEntry **pp = &hub->entries, *dead = NULL;

    while (*pp) {
        HubEntry *e = *pp;

        if (e->removed && e->busy == 0) {
            *pp = e->next;
            e->next = dead;
            dead = e;
        } else {
            pp = &e->next;
        }
    }
    return dead;
}

static void
hub_free_list(HubEntry *e)
{
    while (e) {
        HubEntry *next = e->next;

        hub_entry_free(e);
        e = next;
    }
}

static void *
hub_thread(void *arg)
{
    VireoEventHub *hub = arg;

    pthread_mutex_lock(&hub->lock);
    for (;;) {
        HubEvent *he;
        HubEntry **targets = NULL, *dead;
        size_t n = 0, cap = 0;

        while (!hub->stop && !hub->head)
            pthread_cond_wait(&hub->wake, &hub->lock);
        if (!hub->head)
            break;
        he = hub->head;
        hub->head = he->next;
        if (!hub->head)
            hub->tail = NULL;
        for (HubEntry *e = hub->entries; e; e = e->next) {
            if (!hub_matches(e, &he->ev))
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                targets = xreallocarray(targets, cap, sizeof(*targets));
            }
            e->busy++;
            targets[n++] = e;
        }
        pthread_mutex_unlock(&hub->lock);
        for (size_t i = 0; i < n; i++)
            targets[i]->fn(targets[i]->conn, targets[i]->id, &he->ev, targets[i]->opaque);
        pthread_mutex_lock(&hub->lock);
        for (size_t i = 0; i < n; i++)
            targets[i]->busy--;
        free(targets);
        hub_event_free(he);
        dead = hub_take_dead_locked(hub);
        pthread_cond_broadcast(&hub->idle);
        if (dead) {
            pthread_mutex_unlock(&hub->lock);
            hub_free_list(dead);
            pthread_mutex_lock(&hub->lock);
        }
    }
    if (hub->free_on_exit) {
        pthread_mutex_unlock(&hub->lock);
        pthread_detach(pthread_self());
        hub_destroy(hub);
        return NULL;
    }
    pthread_mutex_unlock(&hub->lock);
    return NULL;
}

/* A callback may close the application's last connection, and the
 * connection's end may free the hub: the hub thread cannot join itself, so
 * it is told to finish the queue and free the hub on its way out. */
void
vireo_event_hub_free(VireoEventHub *hub)
{
    bool on_thread;

    if (!hub)
        return;
    pthread_mutex_lock(&hub->lock);
    on_thread = hub->started && pthread_equal(pthread_self(), hub->thread);
    hub->stop = true;
    hub->free_on_exit = on_thread;
    pthread_cond_broadcast(&hub->wake);
    pthread_mutex_unlock(&hub->lock);
    if (on_thread)
        return;
    if (hub->started)
        pthread_join(hub->thread, NULL);
    hub_destroy(hub);
}

static void
hub_destroy(VireoEventHub *hub)
{
    HubEvent *he;

    for (HubEntry *e = hub->entries; e; e = e->next)
        e->removed = true;
    hub_free_list(hub_take_dead_locked(hub));
    while ((he = hub->head)) {
        hub->head = he->next;
        hub_event_free(he);
    }
    pthread_mutex_destroy(&hub->lock);
    pthread_cond_destroy(&hub->wake);
    pthread_cond_destroy(&hub->idle);
    free(hub);
}

int
vireo_event_hub_add(VireoEventHub *hub, virConnectPtr conn, const VireoEventFilter *filter,
                    VireoEventFunc fn, void *opaque, virFreeCallback free_fn)
{
    HubEntry *e;
    int id;

    pthread_mutex_lock(&hub->lock);
    for (e = hub->entries; e; e = e->next) {
        if (!e->removed && e->conn == conn && e->fn == fn &&
            e->filter.kind == filter->kind && e->filter.event_id == filter->event_id &&
            e->filter.has_object == filter->has_object &&
            (!filter->has_object ||
             memcmp(e->filter.uuid, filter->uuid, VIR_UUID_BUFLEN) == 0)) {
            pthread_mutex_unlock(&hub->lock);
            vir_report_error(VIR_ERR_INVALID_ARG, "%s", "event callback already tracked");
            return -1;
        }
    }
    if (!hub->started) {
        if (pthread_create(&hub->thread, NULL, hub_thread, hub) != 0) {
            pthread_mutex_unlock(&hub->lock);
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "cannot start the event thread");
            return -1;
        }
        hub->started = true;
    }
    e = XNEW(HubEntry);
    e->id = id = hub->next_id++;
    e->conn = conn;
    e->filter = *filter;
    e->filter_name = filter->name ? xstrdup(filter->name) : NULL;
    e->filter.name = e->filter_name;
    e->fn = fn;
    e->opaque = opaque;
    e->free_fn = free_fn;
    e->next = hub->entries;
    hub->entries = e;
    pthread_mutex_unlock(&hub->lock);
    return id;
}

/* Marks the entries chosen by (conn, id; id < 0 = all of conn) removed and
 * waits until they are idle. Returns how many were found. */
static int
hub_remove(VireoEventHub *hub, virConnectPtr conn, int callback_id)
{
    bool on_thread;
    HubEntry *dead;
    int found = 0;

    pthread_mutex_lock(&hub->lock);
    on_thread = hub->started && pthread_equal(pthread_self(), hub->thread);
    for (HubEntry *e = hub->entries; e; e = e->next) {
        if (!e->removed && e->conn == conn && (callback_id < 0 || e->id == callback_id)) {
            e->removed = true;
            found++;
        }
    }
    if (!on_thread) {
        for (;;) {
            bool busy = false;

            for (HubEntry *e = hub->entries; e && !busy; e = e->next)
                busy = e->removed && e->busy > 0;
            if (!busy)
                break;
            pthread_cond_wait(&hub->idle, &hub->lock);
        }
    }
    dead = hub_take_dead_locked(hub);
    pthread_mutex_unlock(&hub->lock);
    hub_free_list(dead);
    return found;
}

int
vireo_event_hub_remove(VireoEventHub *hub, virConnectPtr conn, int callback_id)
{
    if (callback_id < 0 || hub_remove(hub, conn, callback_id) == 0) {
        vir_report_error(VIR_ERR_INVALID_ARG, "callback ID %d not found", callback_id);
        return -1;
    }
    return 0;
}

void
vireo_event_hub_remove_conn(VireoEventHub *hub, virConnectPtr conn)
{
    if (hub)
        hub_remove(hub, conn, -1);
}

void
vireo_event_hub_emit(VireoEventHub *hub, const VireoEvent *ev)
{
    HubEvent *he;

    if (!hub)
        return;
    he = XNEW(HubEvent);
    he->ev = *ev;
    he->name = ev->name ? xstrdup(ev->name) : NULL;
    he->nsuri = ev->nsuri ? xstrdup(ev->nsuri) : NULL;
    he->ev.name = he->name;
    he->ev.nsuri = he->nsuri;
    pthread_mutex_lock(&hub->lock);
    /* Nobody listens before the first registration: nothing to queue. */
    if (!hub->started || !hub->entries) {
        pthread_mutex_unlock(&hub->lock);
        hub_event_free(he);
        return;
    }
    if (hub->tail)
        hub->tail->next = he;
    else
        hub->head = he;
    hub->tail = he;
    pthread_cond_signal(&hub->wake);
    pthread_mutex_unlock(&hub->lock);
}

void
vireo_event_emit_lifecycle(VireoEventHub *hub, VireoEventKind kind, const char *name,
                           const unsigned char *uuid, int id, int event, int detail)
{
    VireoEvent ev = { .kind = kind, .event_id = 0, .name = name, .id = id,
                      .event = event, .detail = detail };

    if (uuid)
        memcpy(ev.uuid, uuid, VIR_UUID_BUFLEN);
    vireo_event_hub_emit(hub, &ev);
}
