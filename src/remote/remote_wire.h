/*
 * remote_wire.h: conversions between the handles applications hold and the
 * object references the REMOTE program puts on the wire.
 *
 * Both sides need them (the daemon builds handles from what a client sent;
 * the client builds handles from what the daemon answered), and they are a
 * few lines each, so they live here as static inline functions rather than
 * in a library both remote libraries would have to share.
 *
 * *_to_wire fills a wire struct whose strings borrow from the handle: the
 * struct must not outlive the handle and must not be xdr_free'd. Use
 * *_to_wire_dup when the struct goes into a reply the engine frees.
 */
#ifndef VIREO_REMOTE_WIRE_H
#define VIREO_REMOTE_WIRE_H

#include <stdlib.h>
#include <string.h>
#include "drivers/handles.h"
#include "remote_protocol.h"
#include "remote_cpu.h" /* host CPU baseline */
#include "remote_params.h" /* params: typed parameters */
#include "remote_object_write.h" /* network update, node-device create/destroy, core dumps */
#include "remote_monitor.h" /* read-side domain queries */
#include "remote_guest_host.h" /* guest fs, time, password, signals, peek */
#include "remote_iothread.h" /* IOThreads */
#include "remote_snapshot.h" /* snapshots: snapshots and checkpoints */
#include "util/alloc.h"

static inline virDomainPtr
remote_wire_domain_handle(virConnectPtr conn, const remote_nonnull_domain *w)
{
    return handle_domain_new(conn, w->name, (const unsigned char *)w->uuid, w->id);
}

static inline virNetworkPtr
remote_wire_network_handle(virConnectPtr conn, const remote_nonnull_network *w)
{
    return handle_network_new(conn, w->name, (const unsigned char *)w->uuid);
}

static inline virStoragePoolPtr
remote_wire_pool_handle(virConnectPtr conn, const remote_nonnull_storage_pool *w)
{
    return handle_pool_new(conn, w->name, (const unsigned char *)w->uuid);
}

static inline virStorageVolPtr
remote_wire_vol_handle(virConnectPtr conn, const remote_nonnull_storage_vol *w)
{
    return handle_vol_new(conn, w->pool, w->name, w->key);
}

/* Borrowing conversions: for call arguments built on the caller's stack. */
static inline void
remote_wire_domain_to_wire(virDomainPtr dom, remote_nonnull_domain *w)
{
    w->name = dom->name;
    memcpy(w->uuid, dom->uuid, VIR_UUID_BUFLEN);
    w->id = dom->id;
}

static inline void
remote_wire_network_to_wire(virNetworkPtr net, remote_nonnull_network *w)
{
    w->name = net->name;
    memcpy(w->uuid, net->uuid, VIR_UUID_BUFLEN);
}

static inline void
remote_wire_pool_to_wire(virStoragePoolPtr pool, remote_nonnull_storage_pool *w)
{
    w->name = pool->name;
    memcpy(w->uuid, pool->uuid, VIR_UUID_BUFLEN);
}

static inline void
remote_wire_vol_to_wire(virStorageVolPtr vol, remote_nonnull_storage_vol *w)
{
    w->pool = vol->pool;
    w->name = vol->name;
    w->key = vol->key;
}

/* Owning conversions: for replies, whose strings the engine frees. */
static inline void
remote_wire_domain_to_wire_dup(virDomainPtr dom, remote_nonnull_domain *w)
{
    remote_wire_domain_to_wire(dom, w);
    w->name = xstrdup(dom->name);
}

static inline void
remote_wire_network_to_wire_dup(virNetworkPtr net, remote_nonnull_network *w)
{
    remote_wire_network_to_wire(net, w);
    w->name = xstrdup(net->name);
}

static inline void
remote_wire_pool_to_wire_dup(virStoragePoolPtr pool, remote_nonnull_storage_pool *w)
{
    remote_wire_pool_to_wire(pool, w);
    w->name = xstrdup(pool->name);
}

static inline void
remote_wire_vol_to_wire_dup(virStorageVolPtr vol, remote_nonnull_storage_vol *w)
{
    w->pool = xstrdup(vol->pool);
    w->name = xstrdup(vol->name);
    w->key = xstrdup(vol->key);
}

#endif /* VIREO_REMOTE_WIRE_H */
