/*
 * test_events.c: the test driver's side of events (drivers/events.h).
 *
 * Each TestState owns a hub, created lazily under the state lock by the
 * first registration; driver methods raise events through the helpers
 * below while they hold the state lock, with the object's identity as it
 * is after the change (a destroyed domain already has id -1), which is
 * what libvirt's test driver reports.
 */
#include "drivers/test/test_private.h"

#include <string.h>

#include "drivers/events.h"
#include "util/error.h"

void
test_event_domain(TestState *st, const TestDomain *obj, int event, int detail)
{
    vireo_event_emit_lifecycle(st->events, VIREO_EVENT_DOMAIN, obj->def->name,
                               obj->def->uuid, obj->def->id, event, detail);
}

void
test_event_object(TestState *st, VireoEventKind kind, int event_id, const char *name,
                  const unsigned char *uuid, int event, int detail)
{
    VireoEvent ev = { .kind = kind, .event_id = event_id, .name = name, .id = -1,
                      .event = event, .detail = detail };

    if (uuid)
        memcpy(ev.uuid, uuid, VIR_UUID_BUFLEN);
    vireo_event_hub_emit(st->events, &ev);
}

void
test_event_metadata(TestState *st, const TestDomain *obj, int type, const char *uri)
{
    VireoEvent ev = { .kind = VIREO_EVENT_DOMAIN,
                      .event_id = VIREO_DOMAIN_EVENT_METADATA_CHANGE,
                      .name = obj->def->name, .id = obj->def->id, .type = type, .nsuri = uri };

    memcpy(ev.uuid, obj->def->uuid, VIR_UUID_BUFLEN);
    vireo_event_hub_emit(st->events, &ev);
}

void
test_event_nodedev(TestState *st, const char *name, int event)
{
    test_event_object(st, VIREO_EVENT_NODEDEV, VIREO_NODEDEV_EVENT_LIFECYCLE, name, NULL, event,
                      0);
}

int
test_connect_event_register(virConnectPtr conn, const VireoEventFilter *filter,
                            VireoEventFunc fn, void *opaque, virFreeCallback free_fn)
{
    TestState *st = test_state_of(conn);
    VireoEventHub *hub;

    pthread_mutex_lock(&st->lock);
    if (!st->events)
        st->events = vireo_event_hub_new();
    hub = st->events;
    pthread_mutex_unlock(&st->lock);
    return vireo_event_hub_add(hub, conn, filter, fn, opaque, free_fn);
}

int
test_connect_event_deregister(virConnectPtr conn, int callback_id)
{
    TestState *st = test_state_of(conn);
    VireoEventHub *hub;

    pthread_mutex_lock(&st->lock);
    hub = st->events;
    pthread_mutex_unlock(&st->lock);
    if (!hub) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "callback ID %d not found",
                         callback_id);
        return -1;
    }
    return vireo_event_hub_remove(hub, conn, callback_id);
}

void
test_event_conn_closed(virConnectPtr conn)
{
    TestState *st = test_state_of(conn);
    VireoEventHub *hub;

    if (!st)
        return;
    pthread_mutex_lock(&st->lock);
    hub = st->events;
    pthread_mutex_unlock(&st->lock);
    vireo_event_hub_remove_conn(hub, conn);
}

int
test_event_pool_after(virStoragePoolPtr pool, int rc, int event_id, int event)
{
    TestState *st = test_state_of(pool->conn);

    if (rc < 0)
        return rc;
    pthread_mutex_lock(&st->lock);
    test_event_object(st, VIREO_EVENT_POOL, event_id, pool->name, pool->uuid, event, 0);
    pthread_mutex_unlock(&st->lock);
    return rc;
}
