/*
 * events.h: the event hub a hypervisor driver raises its events into.
 *
 * A driver state (the shared test:///default state, a qemu driver) owns one
 * VireoEventHub. Driver code emits events while it holds its own lock; the
 * hub copies them into a queue and a dispatcher thread of its own delivers
 * them to the registered callbacks, in emission order, with no driver lock
 * held, so a callback may call back into the driver. Callback ids are
 * unique per hub (libvirt numbers them per driver, not per connection).
 *
 * The daemon registers one callback per client registration and turns each
 * delivered event into an RPC MESSAGE; the qemu driver's QemuEventSink
 * (src/drivers/qemu/qemu_driver.h) maps onto vireo_event_hub_emit one to one.
 */
#ifndef VIREO_DRIVERS_EVENTS_H
#define VIREO_DRIVERS_EVENTS_H

#include <stdbool.h>
#include <libvirt/libvirt.h>

typedef enum {
    VIREO_EVENT_DOMAIN,
    VIREO_EVENT_NETWORK,
    VIREO_EVENT_POOL,
    VIREO_EVENT_NODEDEV,
    VIREO_EVENT_KIND_LAST,
} VireoEventKind;

/* Event ids inside each kind, numbered as libvirt numbers them. */
enum {
    VIREO_DOMAIN_EVENT_LIFECYCLE = 0,
    VIREO_DOMAIN_EVENT_REBOOT = 1,
    VIREO_DOMAIN_EVENT_METADATA_CHANGE = 23,
    VIREO_DOMAIN_EVENT_ID_COUNT = 27,
    VIREO_NETWORK_EVENT_LIFECYCLE = 0,
    VIREO_NETWORK_EVENT_ID_COUNT = 1,
    VIREO_POOL_EVENT_LIFECYCLE = 0,
    VIREO_POOL_EVENT_REFRESH = 1,
    VIREO_POOL_EVENT_ID_COUNT = 2,
    VIREO_NODEDEV_EVENT_LIFECYCLE = 0,
    VIREO_NODEDEV_EVENT_UPDATE = 1,
    VIREO_NODEDEV_EVENT_ID_COUNT = 2,
};

/* One event. Strings are borrowed by emit (the hub copies them) and by the
 * callbacks (valid during the call only). */
typedef struct {
    VireoEventKind kind;
    int event_id;
    const char *name;                     /* the object's name */
    unsigned char uuid[VIR_UUID_BUFLEN];  /* zero for node devices */
    int id;                               /* domain id, -1 when inactive */
    int event, detail;                    /* lifecycle events */
    int type;                             /* metadata change: virDomainMetadataType */
    const char *nsuri;                    /* metadata change: may be NULL */
} VireoEvent;

/* What a registration listens to: one event id of one kind, on every object
 * or (has_object) only the one with this uuid (node devices: name). */
typedef struct {
    VireoEventKind kind;
    int event_id;
    bool has_object;
    unsigned char uuid[VIR_UUID_BUFLEN];
    const char *name;
} VireoEventFilter;

/* Runs on the hub's dispatcher thread for every matching event. conn is
 * the connection the callback was registered on. */
typedef void (*VireoEventFunc)(virConnectPtr conn, int callback_id, const VireoEvent *ev,
                               void *opaque);

typedef struct VireoEventHub VireoEventHub;

/* A new hub (its thread starts with the first registration). */
VireoEventHub *vireo_event_hub_new(void);
/* Stops the thread and frees the hub; registrations left are released. */
void vireo_event_hub_free(VireoEventHub *hub);

/* Registers fn. Returns the callback id (>= 0), or -1 with the error record
 * set: the same conn, filter and fn registered twice is INVALID_ARG "event
 * callback already tracked", as libvirt. free_fn(opaque) runs once the
 * registration is removed and no delivery uses it any more. conn is not
 * referenced: its driver removes its registrations when it closes. */
int vireo_event_hub_add(VireoEventHub *hub, virConnectPtr conn, const VireoEventFilter *filter,
                        VireoEventFunc fn, void *opaque, virFreeCallback free_fn);
/* Removes registration id of conn. Returns 0, or -1 (error record set) when
 * conn has no such registration. */
int vireo_event_hub_remove(VireoEventHub *hub, virConnectPtr conn, int callback_id);
/* Removes every registration of conn (its connection is closing). */
void vireo_event_hub_remove_conn(VireoEventHub *hub, virConnectPtr conn);

/* Queues ev for delivery. Cheap; safe under any driver lock. */
void vireo_event_hub_emit(VireoEventHub *hub, const VireoEvent *ev);

/* Convenience for lifecycle events. */
void vireo_event_emit_lifecycle(VireoEventHub *hub, VireoEventKind kind, const char *name,
                                const unsigned char *uuid, int id, int event, int detail);

#endif /* VIREO_DRIVERS_EVENTS_H */
