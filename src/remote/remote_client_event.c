/*
 * remote_client_event.c: the client side of events, keepalive and close
 * callbacks for remote connections, driven by one I/O thread per
 * connection, so none of them needs an application event loop.
 *
 * Registrations: the daemon refuses a second identical registration from
 * one connection, so local callbacks with the same filter share one server
 * registration (counted), as libvirt's client does. Every local callback
 * holds a reference on the connection, so it stays open while callbacks
 * are registered (libvirt's rule too).
 *
 * Delivery: whichever thread reads an event MESSAGE (the I/O thread, or a
 * caller reading its own reply) decodes it and queues it here; the I/O
 * thread runs the callbacks, in arrival order, outside every lock, so a
 * callback may call the API again (even deregister itself).
 *
 * Keepalive: after virConnectSetKeepAlive the I/O thread pings when
 * nothing has arrived for `interval` seconds and closes the connection
 * when `count` pings in a row went unanswered: a dead or frozen daemon is
 * noticed within interval × (count + 1). Close callbacks fire once, on
 * the I/O thread, with the reason the engine recorded.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "drivers/events.h"
#include "remote/remote_client_event.h"
#include "remote/remote_client_priv.h"
#include "rpc/message.h"
#include "util/alloc.h"
#include "util/error.h"

/* The application's default event loop (src/client/eventloop.c), weak so
 * that programs linking this library without src/client (unit tests) still
 * link: there the address is null and callbacks run on the I/O thread. */
#include "client/eventloop.h"
#pragma weak eventloop_job_post
#pragma weak eventloop_job_cancel

typedef struct ServerReg {
    struct ServerReg *next;
    VireoEventKind kind;
    int event_id;
    bool has_object;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *name;                  /* a node device's (they have no uuid), or NULL */
    int server_id;
    unsigned int nlocal;
} ServerReg;

typedef struct LocalReg {
    struct LocalReg *next;
    int id;
    ServerReg *sreg;
    VireoEventFunc fn;
    void *opaque;
    virFreeCallback free_fn;
    bool removed;
} LocalReg;

typedef struct Queued {
    struct Queued *next;
    int server_id;
    VireoEvent ev;
    char *name, *nsuri;
} Queued;

struct RemoteEvents {
    virConnectPtr conn;          /* not referenced: see the header comment */
    RpcClient *rpc;
    pthread_mutex_t reg_lock;    /* serialises (de)registration RPCs */
    pthread_mutex_t lock;        /* everything below */
    ServerReg *sregs;
    LocalReg *locals;
    int next_local;
    Queued *qhead, *qtail;
    int wake_fd;                 /* eventfd: queue or settings changed */
    bool thread_on, stop, delivering;
    pthread_t thread;
    int ka_interval;             /* seconds; <= 0: no client pings */
    unsigned int ka_count;
    virConnectCloseFunc close_cb;
    void *close_opaque;
    virFreeCallback close_free;
};

static const struct {
    int reg_proc, dereg_proc;
    xdrproc_t reg_args;
} remote_event_procs[VIREO_EVENT_KIND_LAST] = {
    [VIREO_EVENT_DOMAIN] = { REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                             REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
                             (xdrproc_t)xdr_remote_connect_domain_event_callback_register_any_args },
    [VIREO_EVENT_NETWORK] = { REMOTE_PROC_CONNECT_NETWORK_EVENT_REGISTER_ANY,
                              REMOTE_PROC_CONNECT_NETWORK_EVENT_DEREGISTER_ANY,
                              (xdrproc_t)xdr_remote_connect_network_event_register_any_args },
    [VIREO_EVENT_POOL] = { REMOTE_PROC_CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
                           REMOTE_PROC_CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY,
                           (xdrproc_t)xdr_remote_connect_storage_pool_event_register_any_args },
    [VIREO_EVENT_NODEDEV] = { REMOTE_PROC_CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY,
                              REMOTE_PROC_CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY,
                              (xdrproc_t)xdr_remote_connect_node_device_event_register_any_args },
};

static void
events_wake(RemoteEvents *ev)
{
    uint64_t one = 1;

    if (write(ev->wake_fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
        return;
}

/* ---- decoding (any reading thread) ------------------------------------- */

static void
events_queue(RemoteEvents *ev, int server_id, const VireoEvent *e)
{
    Queued *q = XNEW(Queued);

    q->server_id = server_id;
    q->ev = *e;
    q->name = e->name ? xstrdup(e->name) : NULL;
    q->nsuri = e->nsuri ? xstrdup(e->nsuri) : NULL;
    q->ev.name = q->name;
    q->ev.nsuri = q->nsuri;
    pthread_mutex_lock(&ev->lock);
    if (ev->qtail)
        ev->qtail->next = q;
    else
        ev->qhead = q;
    ev->qtail = q;
    pthread_mutex_unlock(&ev->lock);
    events_wake(ev);
}

static void
events_from_domain(VireoEvent *e, const remote_nonnull_domain *d)
{
    e->kind = VIREO_EVENT_DOMAIN;
    e->name = d->name;
    memcpy(e->uuid, d->uuid, VIR_UUID_BUFLEN);
    e->id = d->id;
}

/* Decodes one event MESSAGE (RpcMessageHandler). */
static void
events_on_message(void *opaque, unsigned int prog, unsigned int vers, int proc,
                  const char *body, unsigned int len)
{
    RemoteEvents *ev = opaque;
    VireoEvent e = { .id = -1 };

    if (prog != REMOTE_PROGRAM || vers != REMOTE_PROTOCOL_VERSION)
        return;
    switch (proc) {
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE: {
        remote_domain_event_callback_lifecycle_msg m = { 0 };

        if (rpc_message_decode_body(body, len,
                                    (xdrproc_t)xdr_remote_domain_event_callback_lifecycle_msg,
                                    &m) < 0)
            return;
        events_from_domain(&e, &m.msg.dom);
        e.event_id = VIREO_DOMAIN_EVENT_LIFECYCLE;
        e.event = m.msg.event;
        e.detail = m.msg.detail;
        events_queue(ev, m.callbackID, &e);
        xdr_free((xdrproc_t)xdr_remote_domain_event_callback_lifecycle_msg, (char *)&m);
        return;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT: {
        remote_domain_event_callback_reboot_msg m = { 0 };

        if (rpc_message_decode_body(body, len,
                                    (xdrproc_t)xdr_remote_domain_event_callback_reboot_msg,
                                    &m) < 0)
            return;
        events_from_domain(&e, &m.msg.dom);
        e.event_id = VIREO_DOMAIN_EVENT_REBOOT;
        events_queue(ev, m.callbackID, &e);
        xdr_free((xdrproc_t)xdr_remote_domain_event_callback_reboot_msg, (char *)&m);
        return;
    }
    case REMOTE_PROC_DOMAIN_EVENT_CALLBACK_METADATA_CHANGE: {
        remote_domain_event_callback_metadata_change_msg m = { 0 };

        if (rpc_message_decode_body(
                body, len, (xdrproc_t)xdr_remote_domain_event_callback_metadata_change_msg,
                &m) < 0)
            return;
        events_from_domain(&e, &m.dom);
        e.event_id = VIREO_DOMAIN_EVENT_METADATA_CHANGE;
        e.type = m.type;
        e.nsuri = m.nsuri ? *m.nsuri : NULL;
        events_queue(ev, m.callbackID, &e);
        xdr_free((xdrproc_t)xdr_remote_domain_event_callback_metadata_change_msg, (char *)&m);
        return;
    }
    case REMOTE_PROC_NETWORK_EVENT_LIFECYCLE: {
        remote_network_event_lifecycle_msg m = { 0 };

        if (rpc_message_decode_body(body, len,
                                    (xdrproc_t)xdr_remote_network_event_lifecycle_msg, &m) < 0)
            return;
        e.kind = VIREO_EVENT_NETWORK;
        e.event_id = VIREO_NETWORK_EVENT_LIFECYCLE;
        e.name = m.net.name;
        memcpy(e.uuid, m.net.uuid, VIR_UUID_BUFLEN);
        e.event = m.event;
        e.detail = m.detail;
        events_queue(ev, m.callbackID, &e);
        xdr_free((xdrproc_t)xdr_remote_network_event_lifecycle_msg, (char *)&m);
        return;
    }
    case REMOTE_PROC_STORAGE_POOL_EVENT_LIFECYCLE: {
        remote_storage_pool_event_lifecycle_msg m = { 0 };

        if (rpc_message_decode_body(body, len,
                                    (xdrproc_t)xdr_remote_storage_pool_event_lifecycle_msg,
                                    &m) < 0)
            return;
        e.kind = VIREO_EVENT_POOL;
        e.event_id = VIREO_POOL_EVENT_LIFECYCLE;
        e.name = m.pool.name;
        memcpy(e.uuid, m.pool.uuid, VIR_UUID_BUFLEN);
        e.event = m.event;
        e.detail = m.detail;
        events_queue(ev, m.callbackID, &e);
        xdr_free((xdrproc_t)xdr_remote_storage_pool_event_lifecycle_msg, (char *)&m);
        return;
    }
    case REMOTE_PROC_STORAGE_POOL_EVENT_REFRESH: {
        remote_storage_pool_event_refresh_msg m = { 0 };

        if (rpc_message_decode_body(body, len,
                                    (xdrproc_t)xdr_remote_storage_pool_event_refresh_msg,
                                    &m) < 0)
            return;
        e.kind = VIREO_EVENT_POOL;
        e.event_id = VIREO_POOL_EVENT_REFRESH;
        e.name = m.pool.name;
        memcpy(e.uuid, m.pool.uuid, VIR_UUID_BUFLEN);
        events_queue(ev, m.callbackID, &e);
        xdr_free((xdrproc_t)xdr_remote_storage_pool_event_refresh_msg, (char *)&m);
        return;
    }
    case REMOTE_PROC_NODE_DEVICE_EVENT_LIFECYCLE: { /* node devices */
        remote_node_device_event_lifecycle_msg m = { 0 };

        if (rpc_message_decode_body(body, len,
                                    (xdrproc_t)xdr_remote_node_device_event_lifecycle_msg,
                                    &m) < 0)
            return;
        e.kind = VIREO_EVENT_NODEDEV;
        e.event_id = VIREO_NODEDEV_EVENT_LIFECYCLE;
        e.name = m.dev.name;
        e.event = m.event;
        e.detail = m.detail;
        events_queue(ev, m.callbackID, &e);
        xdr_free((xdrproc_t)xdr_remote_node_device_event_lifecycle_msg, (char *)&m);
        return;
    }
    default:
        return; /* events this client never registers for */
    }
}

/* ---- the I/O thread -------------------------------------------------------- */

static void
events_free_local(RemoteEvents *ev, LocalReg *l)
{
    if (l->free_fn)
        l->free_fn(l->opaque);
    handle_connect_unref(ev->conn);
    free(l);
}

/* Runs the callbacks of every queued event. */
static void
events_deliver(RemoteEvents *ev)
{
    pthread_mutex_lock(&ev->lock);
    while (ev->qhead) {
        Queued *q = ev->qhead;

        ev->qhead = q->next;
        if (!ev->qhead)
            ev->qtail = NULL;
        ev->delivering = true;
        for (LocalReg *l = ev->locals; l; l = l->next) {
            if (l->removed || l->sreg->server_id != q->server_id || l->sreg->kind != q->ev.kind)
                continue;
            /* The list may change while the lock is dropped, but entries
             * removed meanwhile stay linked until the round ends, so
             * l->next stays valid. */
            pthread_mutex_unlock(&ev->lock);
            l->fn(ev->conn, l->id, &q->ev, l->opaque);
            pthread_mutex_lock(&ev->lock);
        }
        ev->delivering = false;
        /* Entries deregistered during the round: unlink and free now. */
        for (LocalReg **pp = &ev->locals; *pp;) {
            LocalReg *l = *pp;

            if (!l->removed) {
                pp = &l->next;
                continue;
            }
            *pp = l->next;
            pthread_mutex_unlock(&ev->lock);
            events_free_local(ev, l);
            pthread_mutex_lock(&ev->lock);
            pp = &ev->locals; /* the list may have changed meanwhile */
        }
        free(q->name);
        free(q->nsuri);
        free(q);
    }
    pthread_mutex_unlock(&ev->lock);
}

static void
events_deliver_job(void *opaque)
{
    events_deliver(opaque);
}

/* With the default event loop registered, libvirt runs event callbacks on
 * the thread running virEventRunDefaultImpl: hand the queue to it. */
static void
events_deliver_or_post(RemoteEvents *ev)
{
    bool queued;

    pthread_mutex_lock(&ev->lock);
    queued = ev->qhead != NULL;
    pthread_mutex_unlock(&ev->lock);
    if (!queued)
        return;
    if (eventloop_job_post && eventloop_job_post(events_deliver_job, ev) == 0)
        return;
    events_deliver(ev);
}

static void
events_fire_close(RemoteEvents *ev)
{
    virConnectCloseFunc cb;
    void *opaque;
    virFreeCallback free_fn;
    int reason = rpc_client_close_reason(ev->rpc);

    pthread_mutex_lock(&ev->lock);
    cb = ev->close_cb;
    opaque = ev->close_opaque;
    free_fn = ev->close_free;
    ev->close_cb = NULL;
    ev->close_free = NULL;
    pthread_mutex_unlock(&ev->lock);
    if (!cb)
        return;
    cb(ev->conn, reason < 0 ? VIR_CONNECT_CLOSE_REASON_ERROR : reason, opaque);
    if (free_fn)
        free_fn(opaque);
    handle_connect_unref(ev->conn);
}

static void *
events_thread(void *arg)
{
    RemoteEvents *ev = arg;
    unsigned int pings = 0;
    unsigned long long seen_rx = rpc_client_last_rx_ms(ev->rpc), next_ping = 0;

    for (;;) {
        struct pollfd pfd[2] = { { .fd = rpc_client_get_fd(ev->rpc), .events = POLLIN },
                                 { .fd = ev->wake_fd, .events = POLLIN } };
        int interval, n;
        unsigned int count;
        unsigned long long now;

        pthread_mutex_lock(&ev->lock);
        interval = ev->ka_interval;
        count = ev->ka_count;
        if (ev->stop) {
            pthread_mutex_unlock(&ev->lock);
            break;
        }
        pthread_mutex_unlock(&ev->lock);

        n = poll(pfd, 2, 100);
        if (n > 0 && (pfd[1].revents & POLLIN)) {
            uint64_t v;

            if (read(ev->wake_fd, &v, sizeof(v)) < 0 && errno != EAGAIN)
                break;
        }
        if (n > 0 && pfd[0].revents) {
            unsigned long long before = rpc_client_last_rx_ms(ev->rpc);

            rpc_client_process_incoming(ev->rpc);
            /* Someone else is reading (a call in progress): let it. */
            if (rpc_client_last_rx_ms(ev->rpc) == before && rpc_client_is_open(ev->rpc))
                usleep(2000);
        }
        events_deliver_or_post(ev);

        if (!rpc_client_is_open(ev->rpc)) {
            events_fire_close(ev);
            break;
        }
        /* Keepalive: any bytes received count as an answer. */
        now = rpc_client_now_ms();
        if (rpc_client_last_rx_ms(ev->rpc) != seen_rx) {
            seen_rx = rpc_client_last_rx_ms(ev->rpc);
            pings = 0;
            next_ping = 0;
        }
        if (interval > 0) {
            unsigned long long ms = (unsigned long long)interval * 1000;

            if (next_ping == 0)
                next_ping = seen_rx + ms;
            if (now >= next_ping) {
                if (pings >= count) {
                    rpc_client_close_keepalive(ev->rpc);
                    continue;
                }
                if (rpc_client_send_ping(ev->rpc) == 0)
                    pings++;
                next_ping = now + ms;
            }
        }
    }
    return NULL;
}

/* Starts the I/O thread if it is not running. Called with reg_lock. */
static int
events_start(RemoteEvents *ev)
{
    int rc = 0;

    pthread_mutex_lock(&ev->lock);
    if (!ev->thread_on) {
        if (pthread_create(&ev->thread, NULL, events_thread, ev) != 0) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "cannot start the event thread");
            rc = -1;
        } else {
            ev->thread_on = true;
        }
    }
    pthread_mutex_unlock(&ev->lock);
    return rc;
}

/* ---- life cycle -------------------------------------------------------------- */

RemoteEvents *
remote_client_events_new(virConnectPtr conn, RpcClient *rpc)
{
    RemoteEvents *ev = XNEW(RemoteEvents);

    ev->conn = conn;
    ev->rpc = rpc;
    ev->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (ev->wake_fd < 0)
        abort();
    pthread_mutex_init(&ev->reg_lock, NULL);
    pthread_mutex_init(&ev->lock, NULL);
    rpc_client_set_message_handler(rpc, events_on_message, ev);
    return ev;
}

void
remote_client_events_free(RemoteEvents *ev)
{
    bool on;

    if (!ev)
        return;
    pthread_mutex_lock(&ev->lock);
    ev->stop = true;
    on = ev->thread_on;
    pthread_mutex_unlock(&ev->lock);
    events_wake(ev);
    if (on) {
        if (pthread_equal(pthread_self(), ev->thread))
            pthread_detach(ev->thread);
        else
            pthread_join(ev->thread, NULL);
    }
    /* A delivery posted to the application's loop must not run (or still
     * be running) once ev is gone. */
    if (eventloop_job_cancel)
        eventloop_job_cancel(ev);
    /* Registrations hold connection references, so none are left when
     * the connection is freed; only queued events may remain. */
    while (ev->qhead) {
        Queued *q = ev->qhead;

        ev->qhead = q->next;
        free(q->name);
        free(q->nsuri);
        free(q);
    }
    for (ServerReg *s = ev->sregs, *n; s; s = n) {
        n = s->next;
        free(s->name); /* node devices */
        free(s);
    }
    close(ev->wake_fd);
    pthread_mutex_destroy(&ev->lock);
    pthread_mutex_destroy(&ev->reg_lock);
    free(ev);
}

/* ---- driver methods ------------------------------------------------------- */

static RemoteEvents *
events_of(virConnectPtr conn)
{
    return ((RemoteConn *)conn->driver_data)->events;
}

int
remote_client_connect_event_register(virConnectPtr conn, const VireoEventFilter *filter,
                                     VireoEventFunc fn, void *opaque, virFreeCallback free_fn)
{
    RemoteEvents *ev = events_of(conn);
    ServerReg *s;
    LocalReg *l;
    int id;

    pthread_mutex_lock(&ev->reg_lock);
    pthread_mutex_lock(&ev->lock);
    for (s = ev->sregs; s; s = s->next) {
        if (s->kind == filter->kind && s->event_id == filter->event_id &&
            s->has_object == filter->has_object &&
            (!s->has_object || memcmp(s->uuid, filter->uuid, VIR_UUID_BUFLEN) == 0) &&
            (!s->has_object || filter->kind != VIREO_EVENT_NODEDEV ||
             (s->name && filter->name && STREQ(s->name, filter->name))))
            break;
    }
    pthread_mutex_unlock(&ev->lock);
    if (!s) {
        /* All three argument structs are { int eventID; optional object }
         * and the objects start with name then uuid. */
        remote_nonnull_domain obj = { .name = (char *)(filter->name ? filter->name : ""),
                                      .id = -1 };
        remote_connect_domain_event_callback_register_any_args args = {
            .eventID = filter->event_id, .dom = filter->has_object ? &obj : NULL };
        remote_connect_event_callback_register_any_ret ret = { 0 };

        memcpy(obj.uuid, filter->uuid, VIR_UUID_BUFLEN);
        if (filter->kind == VIREO_EVENT_NODEDEV) {
            /* node devices are named only */
            remote_nonnull_node_device dev = { .name = obj.name };
            remote_connect_node_device_event_register_any_args dargs = {
                .eventID = filter->event_id, .dev = filter->has_object ? &dev : NULL };

            id = remote_client_call(conn, remote_event_procs[filter->kind].reg_proc,
                                    remote_event_procs[filter->kind].reg_args, &dargs,
                                    REMOTE_ARG(remote_connect_event_callback_register_any_ret,
                                               &ret));
        } else if (filter->kind == VIREO_EVENT_DOMAIN) {
            id = remote_client_call(conn, remote_event_procs[filter->kind].reg_proc,
                                    remote_event_procs[filter->kind].reg_args, &args,
                                    REMOTE_ARG(remote_connect_event_callback_register_any_ret,
                                               &ret));
        } else {
            remote_nonnull_network net = { .name = obj.name };
            remote_connect_network_event_register_any_args nargs = {
                .eventID = filter->event_id, .net = filter->has_object ? &net : NULL };

            memcpy(net.uuid, filter->uuid, VIR_UUID_BUFLEN);
            /* network and pool arguments have the same shape */
            id = remote_client_call(conn, remote_event_procs[filter->kind].reg_proc,
                                    (xdrproc_t)xdr_remote_connect_network_event_register_any_args,
                                    &nargs,
                                    REMOTE_ARG(remote_connect_event_callback_register_any_ret,
                                               &ret));
        }
        if (id < 0) {
            pthread_mutex_unlock(&ev->reg_lock);
            return -1;
        }
        s = XNEW(ServerReg);
        s->kind = filter->kind;
        s->event_id = filter->event_id;
        s->has_object = filter->has_object;
        memcpy(s->uuid, filter->uuid, VIR_UUID_BUFLEN);
        s->name = filter->has_object && filter->name ? xstrdup(filter->name) : NULL; /* node devices */
        s->server_id = ret.callbackID;
        pthread_mutex_lock(&ev->lock);
        s->next = ev->sregs;
        ev->sregs = s;
        pthread_mutex_unlock(&ev->lock);
    }
    if (events_start(ev) < 0) {
        pthread_mutex_unlock(&ev->reg_lock);
        return -1;
    }
    l = XNEW(LocalReg);
    l->sreg = s;
    l->fn = fn;
    l->opaque = opaque;
    l->free_fn = free_fn;
    atomic_fetch_add(&conn->refs, 1);
    pthread_mutex_lock(&ev->lock);
    l->id = id = ev->next_local++;
    s->nlocal++;
    /* Appended, so callbacks run in registration order. */
    {
        LocalReg **pp = &ev->locals;

        while (*pp)
            pp = &(*pp)->next;
        *pp = l;
    }
    pthread_mutex_unlock(&ev->lock);
    pthread_mutex_unlock(&ev->reg_lock);
    return id;
}

int
remote_client_connect_event_deregister(virConnectPtr conn, int callback_id)
{
    RemoteEvents *ev = events_of(conn);
    LocalReg *l, **pp;
    ServerReg *s = NULL;
    bool last = false, defer;
    int rc = 0;

    pthread_mutex_lock(&ev->reg_lock);
    pthread_mutex_lock(&ev->lock);
    for (pp = &ev->locals; *pp && (*pp)->id != callback_id; pp = &(*pp)->next)
        ;
    if (!(l = *pp) || l->removed) {
        pthread_mutex_unlock(&ev->lock);
        pthread_mutex_unlock(&ev->reg_lock);
        vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG,
                         "could not find event callback %d for deletion", callback_id);
        return -1;
    }
    s = l->sreg;
    last = --s->nlocal == 0;
    /* During a delivery round (a callback deregistering, or another thread
     * racing one), the entry stays linked but marked until the round ends. */
    defer = ev->delivering;
    l->removed = true;
    if (!defer)
        *pp = l->next;
    pthread_mutex_unlock(&ev->lock);
    if (last) {
        remote_connect_event_callback_deregister_any_args args = { s->server_id };

        rc = remote_client_call(conn, remote_event_procs[s->kind].dereg_proc,
                                REMOTE_ARG(remote_connect_event_callback_deregister_any_args,
                                           &args),
                                REMOTE_VOID);
        pthread_mutex_lock(&ev->lock);
        for (ServerReg **sp = &ev->sregs; *sp; sp = &(*sp)->next) {
            if (*sp == s) {
                *sp = s->next;
                break;
            }
        }
        pthread_mutex_unlock(&ev->lock);
    }
    pthread_mutex_unlock(&ev->reg_lock);
    if (last) {
        free(s->name); /* node devices */
        free(s);
    }
    /* A delivery round in progress frees it when it ends (the callback
     * may be running right now); otherwise it is unlinked already. */
    if (!defer)
        events_free_local(ev, l);
    return rc < 0 ? -1 : 0;
}

int
remote_client_connect_set_keepalive(virConnectPtr conn, int interval, unsigned int count)
{
    RemoteEvents *ev = events_of(conn);
    remote_connect_supports_feature_args args = { VIREO_DRV_FEATURE_PROGRAM_KEEPALIVE };
    remote_connect_supports_feature_ret ret = { 0 };

    if (interval > 0) {
        /* Answering this starts the daemon's pings too, which the I/O
         * thread answers. */
        if (remote_client_call(conn, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                               REMOTE_ARG(remote_connect_supports_feature_args, &args),
                               REMOTE_ARG(remote_connect_supports_feature_ret, &ret)) < 0)
            return -1;
        if (!ret.supported) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                             "keepalive is not supported by the daemon");
            return -1;
        }
    }
    pthread_mutex_lock(&ev->reg_lock);
    pthread_mutex_lock(&ev->lock);
    ev->ka_interval = interval;
    ev->ka_count = count;
    pthread_mutex_unlock(&ev->lock);
    events_wake(ev);
    if (interval > 0 && events_start(ev) < 0) {
        pthread_mutex_unlock(&ev->reg_lock);
        return -1;
    }
    pthread_mutex_unlock(&ev->reg_lock);
    return 0;
}

int
remote_client_connect_register_close_callback(virConnectPtr conn, virConnectCloseFunc cb,
                                              void *opaque, virFreeCallback freecb)
{
    RemoteEvents *ev = events_of(conn);
    RemoteConn *priv = conn->driver_data;

    pthread_mutex_lock(&ev->reg_lock);
    pthread_mutex_lock(&ev->lock);
    if (ev->close_cb) {
        pthread_mutex_unlock(&ev->lock);
        pthread_mutex_unlock(&ev->reg_lock);
        vir_error_report(VIR_FROM_NONE, VIR_ERR_OPERATION_INVALID, "%s",
                         "A close callback is already registered");
        return -1;
    }
    pthread_mutex_unlock(&ev->lock);
    if (priv->close_callback &&
        remote_client_call(conn, REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK, REMOTE_VOID,
                           REMOTE_VOID) < 0) {
        pthread_mutex_unlock(&ev->reg_lock);
        return -1;
    }
    atomic_fetch_add(&conn->refs, 1);
    pthread_mutex_lock(&ev->lock);
    ev->close_cb = cb;
    ev->close_opaque = opaque;
    ev->close_free = freecb;
    pthread_mutex_unlock(&ev->lock);
    events_start(ev);
    pthread_mutex_unlock(&ev->reg_lock);
    return 0;
}

int
remote_client_connect_unregister_close_callback(virConnectPtr conn, virConnectCloseFunc cb)
{
    RemoteEvents *ev = events_of(conn);
    RemoteConn *priv = conn->driver_data;
    void *opaque;
    virFreeCallback free_fn;

    pthread_mutex_lock(&ev->reg_lock);
    pthread_mutex_lock(&ev->lock);
    if (ev->close_cb != cb) {
        pthread_mutex_unlock(&ev->lock);
        pthread_mutex_unlock(&ev->reg_lock);
        vir_error_report(VIR_FROM_NONE, VIR_ERR_OPERATION_INVALID, "%s",
                         "A different callback was requested");
        return -1;
    }
    opaque = ev->close_opaque;
    free_fn = ev->close_free;
    ev->close_cb = NULL;
    ev->close_free = NULL;
    pthread_mutex_unlock(&ev->lock);
    if (priv->close_callback && rpc_client_is_open(priv->rpc))
        remote_client_call(conn, REMOTE_PROC_CONNECT_UNREGISTER_CLOSE_CALLBACK, REMOTE_VOID,
                           REMOTE_VOID);
    pthread_mutex_unlock(&ev->reg_lock);
    if (free_fn)
        free_fn(opaque);
    handle_connect_unref(conn);
    return 0;
}
