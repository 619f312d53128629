/*
 * event.c: event registration, keepalive and close callback entry points.
 *
 * Registration turns the application's typed callback into a driver-level
 * registration (drivers/events.h) whose function rebuilds the handle the
 * callback takes and calls it with the event's fields. The test driver
 * delivers from its hub thread, the remote driver from the connection's
 * I/O thread: either way without an application event loop.
 */
#define VIR_FROM_THIS VIR_FROM_NONE

#include "client/client.h"
#include "drivers/events.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

typedef struct {
    VireoEventKind kind;
    int event_id;
    void (*cb)(void);   /* the typed callback, cast back per event */
    void *opaque;
    virFreeCallback freecb;
} ClientEventReg;

static void
client_event_reg_free(void *opaque)
{
    ClientEventReg *reg = opaque;

    if (reg->freecb)
        reg->freecb(reg->opaque);
    free(reg);
}

static void
client_event_domain(virConnectPtr conn, const VireoEvent *ev, ClientEventReg *reg)
{
    virDomainPtr dom = handle_domain_new(conn, ev->name, ev->uuid, ev->id);

    switch (ev->event_id) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        ((virConnectDomainEventCallback)reg->cb)(conn, dom, ev->event, ev->detail, reg->opaque);
        break;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        ((virConnectDomainEventMetadataChangeCallback)reg->cb)(conn, dom, ev->type, ev->nsuri,
                                                               reg->opaque);
        break;
    default:
        ((virConnectDomainEventGenericCallback)reg->cb)(conn, dom, reg->opaque);
        break;
    }
    handle_domain_unref(dom);
}

/* The driver calls this for each event; conn is the registering one. */
static void
client_event_dispatch(virConnectPtr conn, int callback_id, const VireoEvent *ev, void *opaque)
{
    ClientEventReg *reg = opaque;

    (void)callback_id;
    switch (ev->kind) {
    case VIREO_EVENT_DOMAIN:
        client_event_domain(conn, ev, reg);
        break;
    case VIREO_EVENT_NETWORK: {
        virNetworkPtr net = handle_network_new(conn, ev->name, ev->uuid);

        ((virConnectNetworkEventLifecycleCallback)reg->cb)(conn, net, ev->event, ev->detail,
                                                           reg->opaque);
        handle_network_unref(net);
        break;
    }
    case VIREO_EVENT_POOL: {
        virStoragePoolPtr pool = handle_pool_new(conn, ev->name, ev->uuid);

        if (ev->event_id == VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE)
            ((virConnectStoragePoolEventLifecycleCallback)reg->cb)(conn, pool, ev->event,
                                                                   ev->detail, reg->opaque);
        else
            ((virConnectStoragePoolEventGenericCallback)reg->cb)(conn, pool, reg->opaque);
        handle_pool_unref(pool);
        break;
    }
    case VIREO_EVENT_NODEDEV: {
        virNodeDevicePtr dev = handle_nodedev_new(conn, ev->name);

        if (ev->event_id == VIR_NODE_DEVICE_EVENT_ID_LIFECYCLE)
            ((virConnectNodeDeviceEventLifecycleCallback)reg->cb)(conn, dev, ev->event,
                                                                  ev->detail, reg->opaque);
        else
            ((virConnectNodeDeviceEventGenericCallback)reg->cb)(conn, dev, reg->opaque);
        handle_nodedev_unref(dev);
        break;
    }
    default:
        break;
    }
}

static int
client_event_register(virConnectPtr conn, VireoEventFilter *filter, void (*cb)(void),
                      void *opaque, virFreeCallback freecb, int nids, const char *api)
{
    ClientEventReg *reg;
    int id;

    if (filter->event_id < 0 || filter->event_id >= nids) {
        vir_report_invalid_arg(eventID, "eventID in %s must be less than %d", api, nids);
        vir_error_dispatch(conn, api);
        return -1;
    }
    if (!conn->driver->connect_event_register) {
        client_report_unsupported(conn, VIR_FROM_THIS, api);
        return -1;
    }
    reg = XNEW(ClientEventReg);
    reg->kind = filter->kind;
    reg->event_id = filter->event_id;
    reg->cb = cb;
    reg->opaque = opaque;
    reg->freecb = freecb;
    id = conn->driver->connect_event_register(conn, filter, client_event_dispatch, reg,
                                              client_event_reg_free);
    if (id < 0) {
        free(reg); /* not registered: the caller keeps its opaque */
        vir_error_dispatch(conn, api);
    }
    return id;
}

static int
client_event_deregister(virConnectPtr conn, int callback_id, const char *api)
{
    if (!conn->driver->connect_event_deregister) {
        client_report_unsupported(conn, VIR_FROM_THIS, api);
        return -1;
    }
    if (conn->driver->connect_event_deregister(conn, callback_id) < 0) {
        vir_error_dispatch(conn, api);
        return -1;
    }
    return 0;
}

int
virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                 virConnectDomainEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb)
{
    VireoEventFilter f = { .kind = VIREO_EVENT_DOMAIN, .event_id = eventID };

    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, cb, -1);
    if (dom) {
        f.has_object = true;
        memcpy(f.uuid, dom->uuid, VIR_UUID_BUFLEN);
        f.name = dom->name;
    }
    return client_event_register(conn, &f, (void (*)(void))cb, opaque, freecb,
                                 VIREO_DOMAIN_EVENT_ID_COUNT, __func__);
}

int
virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, callbackID, -1);
    return client_event_deregister(conn, callbackID, __func__);
}

int
virConnectNetworkEventRegisterAny(virConnectPtr conn, virNetworkPtr net, int eventID,
                                  virConnectNetworkEventGenericCallback cb, void *opaque,
                                  virFreeCallback freecb)
{
    VireoEventFilter f = { .kind = VIREO_EVENT_NETWORK, .event_id = eventID };

    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, cb, -1);
    if (net) {
        f.has_object = true;
        memcpy(f.uuid, net->uuid, VIR_UUID_BUFLEN);
        f.name = net->name;
    }
    return client_event_register(conn, &f, (void (*)(void))cb, opaque, freecb,
                                 VIREO_NETWORK_EVENT_ID_COUNT, __func__);
}

int
virConnectNetworkEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, callbackID, -1);
    return client_event_deregister(conn, callbackID, __func__);
}

int
virConnectStoragePoolEventRegisterAny(virConnectPtr conn, virStoragePoolPtr pool, int eventID,
                                      virConnectStoragePoolEventGenericCallback cb,
                                      void *opaque, virFreeCallback freecb)
{
    VireoEventFilter f = { .kind = VIREO_EVENT_POOL, .event_id = eventID };

    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, cb, -1);
    if (pool) {
        f.has_object = true;
        memcpy(f.uuid, pool->uuid, VIR_UUID_BUFLEN);
        f.name = pool->name;
    }
    return client_event_register(conn, &f, (void (*)(void))cb, opaque, freecb,
                                 VIREO_POOL_EVENT_ID_COUNT, __func__);
}

int
virConnectStoragePoolEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, callbackID, -1);
    return client_event_deregister(conn, callbackID, __func__);
}

int
virConnectNodeDeviceEventRegisterAny(virConnectPtr conn, virNodeDevicePtr dev, int eventID,
                                     virConnectNodeDeviceEventGenericCallback cb, void *opaque,
                                     virFreeCallback freecb)
{
    VireoEventFilter f = { .kind = VIREO_EVENT_NODEDEV, .event_id = eventID };

    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, cb, -1);
    if (dev) {
        f.has_object = true;
        f.name = dev->name;
    }
    return client_event_register(conn, &f, (void (*)(void))cb, opaque, freecb,
                                 VIREO_NODEDEV_EVENT_ID_COUNT, __func__);
}

int
virConnectNodeDeviceEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, callbackID, -1);
    return client_event_deregister(conn, callbackID, __func__);
}

int
virConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count)
{
    CLIENT_ENTER_CONN(conn, -1);
    if (!conn->driver->connect_set_keepalive) {
        /* libvirt: local drivers have no keepalive; 1 means "not used". */
        return 1;
    }
    if (conn->driver->connect_set_keepalive(conn, interval, count) < 0) {
        vir_error_dispatch(conn, __func__);
        return -1;
    }
    return 0;
}

int
virConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb, void *opaque,
                                virFreeCallback freecb)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, cb, -1);
    if (conn->driver->connect_register_close_callback &&
        conn->driver->connect_register_close_callback(conn, cb, opaque, freecb) < 0) {
        vir_error_dispatch(conn, __func__);
        return -1;
    }
    return 0;
}

int
virConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, cb, -1);
    if (conn->driver->connect_unregister_close_callback &&
        conn->driver->connect_unregister_close_callback(conn, cb) < 0) {
        vir_error_dispatch(conn, __func__);
        return -1;
    }
    return 0;
}
