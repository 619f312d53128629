/*
 * remote_wire_snapshot.h: snapshot and checkpoint references on the wire
 * (a name and the domain), both directions, in remote_wire.h's style:
 * *_to_wire borrows the handle's strings, *_to_wire_dup copies them for a
 * reply the engine frees.
 */
#ifndef VIREO_REMOTE_WIRE_SNAPSHOT_H
#define VIREO_REMOTE_WIRE_SNAPSHOT_H

#include "remote_wire.h"

/* A handle for what the wire names; the domain handle is built from the
 * wire too (daemon side). */
static inline virDomainSnapshotPtr
remote_wire_snapshot_handle(virConnectPtr conn, const remote_nonnull_domain_snapshot *w)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &w->dom);
    virDomainSnapshotPtr snap = handle_snapshot_new(dom, w->name);

    handle_domain_unref(dom);
    return snap;
}

static inline virDomainCheckpointPtr
remote_wire_checkpoint_handle(virConnectPtr conn, const remote_nonnull_domain_checkpoint *w)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &w->dom);
    virDomainCheckpointPtr chk = handle_checkpoint_new(dom, w->name);

    handle_domain_unref(dom);
    return chk;
}

static inline void
remote_wire_snapshot_to_wire(virDomainSnapshotPtr snap, remote_nonnull_domain_snapshot *w)
{
    w->name = snap->name;
    remote_wire_domain_to_wire(snap->domain, &w->dom);
}

static inline void
remote_wire_checkpoint_to_wire(virDomainCheckpointPtr chk, remote_nonnull_domain_checkpoint *w)
{
    w->name = chk->name;
    remote_wire_domain_to_wire(chk->domain, &w->dom);
}

static inline void
remote_wire_snapshot_to_wire_dup(virDomainSnapshotPtr snap, remote_nonnull_domain_snapshot *w)
{
    w->name = xstrdup(snap->name);
    remote_wire_domain_to_wire_dup(snap->domain, &w->dom);
}

static inline void
remote_wire_checkpoint_to_wire_dup(virDomainCheckpointPtr chk,
                                   remote_nonnull_domain_checkpoint *w)
{
    w->name = xstrdup(chk->name);
    remote_wire_domain_to_wire_dup(chk->domain, &w->dom);
}

#endif /* VIREO_REMOTE_WIRE_SNAPSHOT_H */
