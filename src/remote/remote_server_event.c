/*
 * remote_server_event.c: event registration procedures and the relay that
 * turns driver events into REMOTE MESSAGEs (PROTOCOL.md §4.3).
 *
 * Each registration a client makes becomes one registration on its
 * hypervisor connection's event hub (drivers/events.h), whose opaque is a
 * RemoteEventReg holding a reference on the client. The registrations of
 * one client are also kept in a list here, so deregistration can check
 * that the id is the client's own and the legacy path can find a
 * registration by event id. When the client goes, its connection closes,
 * the driver drops every hub registration of it, and each release
 * unlinks the RemoteEventReg and drops its client reference.
 *
 * Ordering: the hub delivers one event at a time, in emission order, and
 * rpc_server_client_send_message queues in call order, so a client sees
 * events in the order the driver raised them. A client that stops reading
 * is disconnected by the engine once its queue passes the bound.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "drivers/events.h"
#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

typedef struct RemoteEventReg {
    struct RemoteEventReg *next;
    RpcServerClient *client;    /* reference held */
    VireoEventKind kind;
    int event_id;
    int callback_id;            /* the hub's id; -1 until registered */
    bool legacy;                /* 167: events without callbackID */
} RemoteEventReg;

static pthread_mutex_t remote_event_lock = PTHREAD_MUTEX_INITIALIZER;
static RemoteEventReg *remote_event_regs; /* remote_event_lock */

/* Per kind: how many ids, and the words of libvirtd's errors. */
static const struct {
    int nids;
    const char *unsupported; /* "unsupported %s event ID %d" prefix */
    const char *what;        /* "%s event callback %d not registered" */
    const char *api;
} remote_event_kinds[VIREO_EVENT_KIND_LAST] = {
    [VIREO_EVENT_DOMAIN] = { VIREO_DOMAIN_EVENT_ID_COUNT, "", "domain",
                             "virConnectDomainEventRegisterAny" },
    [VIREO_EVENT_NETWORK] = { VIREO_NETWORK_EVENT_ID_COUNT, "network ", "network",
                              "virConnectNetworkEventRegisterAny" },
    [VIREO_EVENT_POOL] = { VIREO_POOL_EVENT_ID_COUNT, "storage pool ", "storage pool",
                           "virConnectStoragePoolEventRegisterAny" },
    [VIREO_EVENT_NODEDEV] = { VIREO_NODEDEV_EVENT_ID_COUNT, "node device ", "node device",
                              "virConnectNodeDeviceEventRegisterAny" },
};

static void
remote_event_reg_free(void *opaque)
{
    RemoteEventReg *reg = opaque, **pp;

    pthread_mutex_lock(&remote_event_lock);
    for (pp = &remote_event_regs; *pp; pp = &(*pp)->next) {
        if (*pp == reg) {
            *pp = reg->next;
            break;
        }
    }
    pthread_mutex_unlock(&remote_event_lock);
    rpc_server_client_unref(reg->client);
    free(reg);
}

static void
remote_event_fill_domain(remote_nonnull_domain *d, const VireoEvent *ev)
{
    d->name = (char *)ev->name;
    memcpy(d->uuid, ev->uuid, VIR_UUID_BUFLEN);
    d->id = ev->id;
}

/* Sends one event; the structs borrow ev's strings (nothing is freed). */
static void
remote_event_send(RemoteEventReg *reg, int proc, xdrproc_t filter, void *msg)
{
    rpc_server_client_send_message(reg->client, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION,
                                   proc, filter, msg);
}

static void
remote_event_relay_domain(RemoteEventReg *reg, int cb, const VireoEvent *ev)
{
    switch (ev->event_id) {
    case VIREO_DOMAIN_EVENT_LIFECYCLE: {
        remote_domain_event_callback_lifecycle_msg m = { .callbackID = cb };

        remote_event_fill_domain(&m.msg.dom, ev);
        m.msg.event = ev->event;
        m.msg.detail = ev->detail;
        if (reg->legacy)
            remote_event_send(reg, REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE,
                              (xdrproc_t)xdr_remote_domain_event_lifecycle_msg, &m.msg);
        else
            remote_event_send(reg, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                              (xdrproc_t)xdr_remote_domain_event_callback_lifecycle_msg, &m);
        break;
    }
    case VIREO_DOMAIN_EVENT_REBOOT: {
        remote_domain_event_callback_reboot_msg m = { .callbackID = cb };

        remote_event_fill_domain(&m.msg.dom, ev);
        if (reg->legacy)
            remote_event_send(reg, REMOTE_PROC_DOMAIN_EVENT_REBOOT,
                              (xdrproc_t)xdr_remote_domain_event_reboot_msg, &m.msg);
        else
            remote_event_send(reg, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT,
                              (xdrproc_t)xdr_remote_domain_event_callback_reboot_msg, &m);
        break;
    }
    case VIREO_DOMAIN_EVENT_METADATA_CHANGE: {
        remote_domain_event_callback_metadata_change_msg m = { .callbackID = cb,
                                                               .type = ev->type };
        char *nsuri = (char *)ev->nsuri;

        remote_event_fill_domain(&m.dom, ev);
        m.nsuri = nsuri ? &nsuri : NULL;
        remote_event_send(reg, REMOTE_PROC_DOMAIN_EVENT_CALLBACK_METADATA_CHANGE,
                          (xdrproc_t)xdr_remote_domain_event_callback_metadata_change_msg, &m);
        break;
    }
    default:
        break; /* no driver raises the others yet */
    }
}

/* The hub's callback: runs on the hub's thread, never blocks. */
static void
remote_event_relay(virConnectPtr conn, int cb, const VireoEvent *ev, void *opaque)
{
    RemoteEventReg *reg = opaque;

    (void)conn;
    switch (ev->kind) {
    case VIREO_EVENT_DOMAIN:
        remote_event_relay_domain(reg, cb, ev);
        break;
    case VIREO_EVENT_NETWORK: {
        remote_network_event_lifecycle_msg m = { .callbackID = cb, .event = ev->event,
                                                 .detail = ev->detail };

        m.net.name = (char *)ev->name;
        memcpy(m.net.uuid, ev->uuid, VIR_UUID_BUFLEN);
        remote_event_send(reg, REMOTE_PROC_NETWORK_EVENT_LIFECYCLE,
                          (xdrproc_t)xdr_remote_network_event_lifecycle_msg, &m);
        break;
    }
    case VIREO_EVENT_POOL:
        if (ev->event_id == VIREO_POOL_EVENT_LIFECYCLE) {
            remote_storage_pool_event_lifecycle_msg m = { .callbackID = cb,
                                                          .event = ev->event,
                                                          .detail = ev->detail };

            m.pool.name = (char *)ev->name;
            memcpy(m.pool.uuid, ev->uuid, VIR_UUID_BUFLEN);
            remote_event_send(reg, REMOTE_PROC_STORAGE_POOL_EVENT_LIFECYCLE,
                              (xdrproc_t)xdr_remote_storage_pool_event_lifecycle_msg, &m);
        } else {
            remote_storage_pool_event_refresh_msg m = { .callbackID = cb };

            m.pool.name = (char *)ev->name;
            memcpy(m.pool.uuid, ev->uuid, VIR_UUID_BUFLEN);
            remote_event_send(reg, REMOTE_PROC_STORAGE_POOL_EVENT_REFRESH,
                              (xdrproc_t)xdr_remote_storage_pool_event_refresh_msg, &m);
        }
        break;
    case VIREO_EVENT_NODEDEV:
        if (ev->event_id == VIREO_NODEDEV_EVENT_LIFECYCLE) {
            remote_node_device_event_lifecycle_msg m = { .callbackID = cb,
                                                         .event = ev->event,
                                                         .detail = ev->detail };

            m.dev.name = (char *)ev->name;
            remote_event_send(reg, REMOTE_PROC_NODE_DEVICE_EVENT_LIFECYCLE,
                              (xdrproc_t)xdr_remote_node_device_event_lifecycle_msg, &m);
        }
        break;
    default:
        break;
    }
}

/* Registers for client on conn. Returns the callback id or -1 (reported). */
static int
remote_event_register(RpcServerClient *client, virConnectPtr conn,
                      const VireoEventFilter *filter, bool legacy)
{
    RemoteEventReg *reg;
    int id;

    if (filter->event_id < 0 || filter->event_id >= remote_event_kinds[filter->kind].nids ||
        (legacy && filter->event_id > 15)) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "unsupported %sevent ID %d",
                         remote_event_kinds[filter->kind].unsupported, filter->event_id);
        return -1;
    }
    if (!conn->driver || !conn->driver->connect_event_register) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_NO_SUPPORT, "%s",
                         remote_event_kinds[filter->kind].api);
        return -1;
    }
    reg = XNEW(RemoteEventReg);
    reg->client = client;
    rpc_server_client_ref(client);
    reg->kind = filter->kind;
    reg->event_id = filter->event_id;
    reg->callback_id = -1;
    reg->legacy = legacy;
    pthread_mutex_lock(&remote_event_lock);
    reg->next = remote_event_regs;
    remote_event_regs = reg;
    pthread_mutex_unlock(&remote_event_lock);
    id = conn->driver->connect_event_register(conn, filter, remote_event_relay, reg,
                                              remote_event_reg_free);
    if (id < 0) {
        remote_event_reg_free(reg);
        return -1;
    }
    pthread_mutex_lock(&remote_event_lock);
    reg->callback_id = id;
    pthread_mutex_unlock(&remote_event_lock);
    return id;
}

/* Finds the client's registration by callback id (legacy: by event id)
 * and removes it. Returns 0, or -1 (reported). */
static int
remote_event_deregister(RpcServerClient *client, virConnectPtr conn, VireoEventKind kind,
                        int key, bool legacy)
{
    RemoteEventReg *reg;
    int id = -1;

    pthread_mutex_lock(&remote_event_lock);
    for (reg = remote_event_regs; reg; reg = reg->next) {
        if (reg->client == client && reg->kind == kind && reg->legacy == legacy &&
            reg->callback_id >= 0 && (legacy ? reg->event_id : reg->callback_id) == key) {
            id = reg->callback_id;
            break;
        }
    }
    pthread_mutex_unlock(&remote_event_lock);
    if (id < 0) {
        if (legacy)
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "domain event %d not registered", key);
        else
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s event callback %d not registered",
                             remote_event_kinds[kind].what, key);
        return -1;
    }
    if (!conn->driver || !conn->driver->connect_event_deregister) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_NO_SUPPORT, "%s",
                         remote_event_kinds[kind].api);
        return -1;
    }
    return conn->driver->connect_event_deregister(conn, id);
}

/* Each procedure: fetch the connection, build the filter, (de)register. */
#define REMOTE_EVENT_HANDLER(name, ArgsT, RetT) \
    static int name##_do(RpcServerClient *client, virConnectPtr conn, ArgsT *a, RetT *r); \
    int name(RpcServerClient *client, const RpcCallInfo *call, void *args, void *ret) \
    { \
        virConnectPtr conn = remote_server_conn_get(client); \
        int rc; \
        (void)call; \
        if (!conn) \
            return -1; \
        rc = name##_do(client, conn, args, ret); \
        handle_connect_unref(conn); \
        return rc; \
    } \
    static int name##_do(RpcServerClient *client, virConnectPtr conn, ArgsT *a, RetT *r)

static void
remote_event_filter_uuid(VireoEventFilter *f, const char *uuid)
{
    f->has_object = true;
    memcpy(f->uuid, uuid, VIR_UUID_BUFLEN);
}

REMOTE_EVENT_HANDLER(remote_dispatch_connect_domain_event_register_any,
                     remote_connect_domain_event_register_any_args, void)
{
    VireoEventFilter f = { .kind = VIREO_EVENT_DOMAIN, .event_id = a->eventID };

    (void)r;
    return remote_event_register(client, conn, &f, true) < 0 ? -1 : 0;
}

REMOTE_EVENT_HANDLER(remote_dispatch_connect_domain_event_deregister_any,
                     remote_connect_domain_event_deregister_any_args, void)
{
    (void)r;
    if (a->eventID < 0 || a->eventID > 15) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "unsupported event ID %d", a->eventID);
        return -1;
    }
    return remote_event_deregister(client, conn, VIREO_EVENT_DOMAIN, a->eventID, true);
}

REMOTE_EVENT_HANDLER(remote_dispatch_connect_domain_event_callback_register_any,
                     remote_connect_domain_event_callback_register_any_args,
                     remote_connect_event_callback_register_any_ret)
{
    VireoEventFilter f = { .kind = VIREO_EVENT_DOMAIN, .event_id = a->eventID };

    if (a->dom)
        remote_event_filter_uuid(&f, a->dom->uuid);
    return (r->callbackID = remote_event_register(client, conn, &f, false)) < 0 ? -1 : 0;
}

REMOTE_EVENT_HANDLER(remote_dispatch_connect_network_event_register_any,
                     remote_connect_network_event_register_any_args,
                     remote_connect_event_callback_register_any_ret)
{
    VireoEventFilter f = { .kind = VIREO_EVENT_NETWORK, .event_id = a->eventID };

    if (a->net)
        remote_event_filter_uuid(&f, a->net->uuid);
    return (r->callbackID = remote_event_register(client, conn, &f, false)) < 0 ? -1 : 0;
}

REMOTE_EVENT_HANDLER(remote_dispatch_connect_storage_pool_event_register_any,
                     remote_connect_storage_pool_event_register_any_args,
                     remote_connect_event_callback_register_any_ret)
{
    VireoEventFilter f = { .kind = VIREO_EVENT_POOL, .event_id = a->eventID };

    if (a->pool)
        remote_event_filter_uuid(&f, a->pool->uuid);
    return (r->callbackID = remote_event_register(client, conn, &f, false)) < 0 ? -1 : 0;
}

REMOTE_EVENT_HANDLER(remote_dispatch_connect_node_device_event_register_any,
                     remote_connect_node_device_event_register_any_args,
                     remote_connect_event_callback_register_any_ret)
{
    VireoEventFilter f = { .kind = VIREO_EVENT_NODEDEV, .event_id = a->eventID };

    if (a->dev) {
        f.has_object = true;
        f.name = a->dev->name;
    }
    return (r->callbackID = remote_event_register(client, conn, &f, false)) < 0 ? -1 : 0;
}

#define REMOTE_EVENT_DEREGISTER(name, kind) \
    REMOTE_EVENT_HANDLER(name, remote_connect_event_callback_deregister_any_args, void) \
    { \
        (void)r; \
        return remote_event_deregister(client, conn, kind, a->callbackID, false); \
    }

REMOTE_EVENT_DEREGISTER(remote_dispatch_connect_domain_event_callback_deregister_any,
                        VIREO_EVENT_DOMAIN)
REMOTE_EVENT_DEREGISTER(remote_dispatch_connect_network_event_deregister_any,
                        VIREO_EVENT_NETWORK)
REMOTE_EVENT_DEREGISTER(remote_dispatch_connect_storage_pool_event_deregister_any,
                        VIREO_EVENT_POOL)
REMOTE_EVENT_DEREGISTER(remote_dispatch_connect_node_device_event_deregister_any,
                        VIREO_EVENT_NODEDEV)
