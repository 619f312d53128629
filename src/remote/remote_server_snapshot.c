/*
 * remote_server_snapshot.c: REMOTE procedures for domain snapshots and
 * checkpoints, forwarded to the public API on the client's connection.
 *
 * As in libvirtd, a snapshot or checkpoint named on the wire becomes a
 * handle without any lookup: the driver finds (or fails to find) the
 * object, so a missing one gives the driver's own error
 * (NO_DOMAIN_SNAPSHOT / NO_DOMAIN_CHECKPOINT, or NO_DOMAIN for its domain).
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <stdlib.h>
#include <string.h>

#include "remote/remote_server_priv.h"
#include "remote/remote_wire_snapshot.h"
#include "util/alloc.h"
#include "util/error.h"

typedef int (*RemoteSnapFlagsFn)(virDomainSnapshotPtr snap, unsigned int flags);
typedef int (*RemoteChkFlagsFn)(virDomainCheckpointPtr chk, unsigned int flags);

static int
remote_server_snap_call(virConnectPtr conn, const remote_snap_args *args, RemoteSnapFlagsFn fn)
{
    virDomainSnapshotPtr snap = remote_wire_snapshot_handle(conn, &args->snap);
    int rc = fn(snap, args->flags);

    handle_snapshot_unref(snap);
    return rc;
}

static int
remote_server_snap_take(virDomainSnapshotPtr snap, remote_nonnull_domain_snapshot *out)
{
    if (!snap)
        return -1;
    remote_wire_snapshot_to_wire_dup(snap, out);
    handle_snapshot_unref(snap);
    return 0;
}

static int
remote_server_chk_take(virDomainCheckpointPtr chk, remote_nonnull_domain_checkpoint *out)
{
    if (!chk)
        return -1;
    remote_wire_checkpoint_to_wire_dup(chk, out);
    handle_checkpoint_unref(chk);
    return 0;
}

/* ---- snapshots ---------------------------------------------------------- */

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_create_xml, remote_snap_domain_xml_args,
                remote_snap_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = remote_server_snap_take(virDomainSnapshotCreateXML(dom, args->xml_desc, args->flags),
                                     &ret->snap);

    handle_domain_unref(dom);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_get_xml_desc, remote_snap_args,
                remote_snap_string_ret)
{
    virDomainSnapshotPtr snap = remote_wire_snapshot_handle(conn, &args->snap);
    int rc = remote_server_take_str(virDomainSnapshotGetXMLDesc(snap, args->flags), &ret->xml);

    handle_snapshot_unref(snap);
    return rc;
}

/* The legacy name lists: at most maxnames (bounded by the protocol). */
typedef int (*RemoteSnapNamesFn)(void *obj, char **names, int maxnames, unsigned int flags);

static int
remote_server_snap_names(void *obj, RemoteSnapNamesFn fn, int maxnames, unsigned int flags,
                         remote_domain_snapshot_list_names_ret *ret)
{
    int n;

    if (REMOTE_SERVER_CHECK_MAX(maxnames, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX, "maxnames") < 0)
        return -1;
    ret->names.names_val = XNEW_ARRAY(char *, maxnames ? maxnames : 1);
    if ((n = fn(obj, ret->names.names_val, maxnames, flags)) < 0)
        return -1;
    /* the count may exceed what fitted: only the stored names travel */
    ret->names.names_len = n < maxnames ? n : maxnames;
    return 0;
}

static int
remote_server_snap_list_names_fn(void *obj, char **names, int maxnames, unsigned int flags)
{
    return virDomainSnapshotListNames(obj, names, maxnames, flags);
}

static int
remote_server_snap_children_names_fn(void *obj, char **names, int maxnames, unsigned int flags)
{
    return virDomainSnapshotListChildrenNames(obj, names, maxnames, flags);
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_list_names,
                remote_domain_snapshot_list_names_args, remote_domain_snapshot_list_names_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = remote_server_snap_names(dom, remote_server_snap_list_names_fn, args->maxnames,
                                      args->flags, ret);

    handle_domain_unref(dom);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_list_children_names,
                remote_domain_snapshot_list_children_names_args,
                remote_domain_snapshot_list_names_ret)
{
    virDomainSnapshotPtr snap = remote_wire_snapshot_handle(conn, &args->snap);
    int rc = remote_server_snap_names(snap, remote_server_snap_children_names_fn, args->maxnames,
                                      args->flags, ret);

    handle_snapshot_unref(snap);
    return rc;
}

/* Puts n listed snapshots (or just the count) into ret; frees the list. */
static int
remote_server_snap_list(int n, virDomainSnapshotPtr *snaps,
                        remote_domain_list_all_snapshots_ret *ret)
{
    int rc = 0;

    if (n < 0)
        return -1;
    if (n > REMOTE_DOMAIN_SNAPSHOT_LIST_MAX) {
        /* libvirtd's generated text and code */
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Too many domain_snapshots '%d' for limit '%d'",
                         n, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX);
        rc = -1;
    } else if (snaps) {
        ret->snapshots.snapshots_val = XNEW_ARRAY(remote_nonnull_domain_snapshot, n ? n : 1);
        ret->snapshots.snapshots_len = n;
        for (int i = 0; i < n; i++)
            remote_wire_snapshot_to_wire_dup(snaps[i], &ret->snapshots.snapshots_val[i]);
    }
    for (int i = 0; snaps && i < n; i++)
        handle_snapshot_unref(snaps[i]);
    free(snaps);
    ret->ret = n;
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_list_all_snapshots,
                remote_domain_list_all_snapshots_args, remote_domain_list_all_snapshots_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virDomainSnapshotPtr *snaps = NULL;
    int n = virDomainListAllSnapshots(dom, args->need_results ? &snaps : NULL, args->flags);

    handle_domain_unref(dom);
    return remote_server_snap_list(n, snaps, ret);
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_list_all_children,
                remote_domain_snapshot_list_all_children_args,
                remote_domain_list_all_snapshots_ret)
{
    virDomainSnapshotPtr snap = remote_wire_snapshot_handle(conn, &args->snapshot);
    virDomainSnapshotPtr *snaps = NULL;
    int n = virDomainSnapshotListAllChildren(snap, args->need_results ? &snaps : NULL,
                                             args->flags);

    handle_snapshot_unref(snap);
    return remote_server_snap_list(n, snaps, ret);
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_num_children, remote_snap_args,
                remote_snap_int_ret)
{
    return remote_server_take_int(remote_server_snap_call(conn, args,
                                                          virDomainSnapshotNumChildren),
                                  &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_lookup_by_name, remote_snap_lookup_args,
                remote_snap_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = remote_server_snap_take(virDomainSnapshotLookupByName(dom, args->name, args->flags),
                                     &ret->snap);

    handle_domain_unref(dom);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_has_current_snapshot, remote_domain_flags_args,
                remote_snap_int_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = remote_server_take_int(virDomainHasCurrentSnapshot(dom, args->flags), &ret->value);

    handle_domain_unref(dom);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_current, remote_domain_flags_args,
                remote_snap_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = remote_server_snap_take(virDomainSnapshotCurrent(dom, args->flags), &ret->snap);

    handle_domain_unref(dom);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_get_parent, remote_snap_args, remote_snap_ret)
{
    virDomainSnapshotPtr snap = remote_wire_snapshot_handle(conn, &args->snap);
    int rc = remote_server_snap_take(virDomainSnapshotGetParent(snap, args->flags), &ret->snap);

    handle_snapshot_unref(snap);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_is_current, remote_snap_args,
                remote_snap_int_ret)
{
    return remote_server_take_int(remote_server_snap_call(conn, args,
                                                          virDomainSnapshotIsCurrent),
                                  &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_has_metadata, remote_snap_args,
                remote_snap_int_ret)
{
    return remote_server_take_int(remote_server_snap_call(conn, args,
                                                          virDomainSnapshotHasMetadata),
                                  &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_domain_revert_to_snapshot, remote_snap_args, void)
{
    (void)ret;
    return remote_server_snap_call(conn, args, virDomainRevertToSnapshot) < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_delete, remote_snap_args, void)
{
    (void)ret;
    return remote_server_snap_call(conn, args, virDomainSnapshotDelete) < 0 ? -1 : 0;
}

/* ---- checkpoints -------------------------------------------------------- */

static int
remote_server_chk_call(virConnectPtr conn, const remote_chk_args *args, RemoteChkFlagsFn fn)
{
    virDomainCheckpointPtr chk = remote_wire_checkpoint_handle(conn, &args->checkpoint);
    int rc = fn(chk, args->flags);

    handle_checkpoint_unref(chk);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_checkpoint_create_xml, remote_snap_domain_xml_args,
                remote_chk_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = remote_server_chk_take(
        virDomainCheckpointCreateXML(dom, args->xml_desc, args->flags), &ret->checkpoint);

    handle_domain_unref(dom);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_checkpoint_get_xml_desc, remote_chk_args,
                remote_snap_string_ret)
{
    virDomainCheckpointPtr chk = remote_wire_checkpoint_handle(conn, &args->checkpoint);
    int rc = remote_server_take_str(virDomainCheckpointGetXMLDesc(chk, args->flags), &ret->xml);

    handle_checkpoint_unref(chk);
    return rc;
}

static int
remote_server_chk_list(int n, virDomainCheckpointPtr *chks,
                       remote_domain_list_all_checkpoints_ret *ret)
{
    int rc = 0;

    if (n < 0)
        return -1;
    if (n > REMOTE_DOMAIN_CHECKPOINT_LIST_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR,
                         "Too many domain_checkpoints '%d' for limit '%d'", n,
                         REMOTE_DOMAIN_CHECKPOINT_LIST_MAX);
        rc = -1;
    } else if (chks) {
        ret->checkpoints.checkpoints_val =
            XNEW_ARRAY(remote_nonnull_domain_checkpoint, n ? n : 1);
        ret->checkpoints.checkpoints_len = n;
        for (int i = 0; i < n; i++)
            remote_wire_checkpoint_to_wire_dup(chks[i], &ret->checkpoints.checkpoints_val[i]);
    }
    for (int i = 0; chks && i < n; i++)
        handle_checkpoint_unref(chks[i]);
    free(chks);
    ret->ret = n;
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_list_all_checkpoints,
                remote_domain_list_all_checkpoints_args, remote_domain_list_all_checkpoints_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virDomainCheckpointPtr *chks = NULL;
    int n = virDomainListAllCheckpoints(dom, args->need_results ? &chks : NULL, args->flags);

    handle_domain_unref(dom);
    return remote_server_chk_list(n, chks, ret);
}

REMOTE_DISPATCH(remote_dispatch_domain_checkpoint_list_all_children,
                remote_domain_checkpoint_list_all_children_args,
                remote_domain_list_all_checkpoints_ret)
{
    virDomainCheckpointPtr chk = remote_wire_checkpoint_handle(conn, &args->checkpoint);
    virDomainCheckpointPtr *chks = NULL;
    int n = virDomainCheckpointListAllChildren(chk, args->need_results ? &chks : NULL,
                                               args->flags);

    handle_checkpoint_unref(chk);
    return remote_server_chk_list(n, chks, ret);
}

REMOTE_DISPATCH(remote_dispatch_domain_checkpoint_lookup_by_name, remote_snap_lookup_args,
                remote_chk_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = remote_server_chk_take(
        virDomainCheckpointLookupByName(dom, args->name, args->flags), &ret->checkpoint);

    handle_domain_unref(dom);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_checkpoint_get_parent, remote_chk_args, remote_chk_ret)
{
    virDomainCheckpointPtr chk = remote_wire_checkpoint_handle(conn, &args->checkpoint);
    int rc = remote_server_chk_take(virDomainCheckpointGetParent(chk, args->flags),
                                    &ret->checkpoint);

    handle_checkpoint_unref(chk);
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_domain_checkpoint_delete, remote_chk_args, void)
{
    (void)ret;
    return remote_server_chk_call(conn, args, virDomainCheckpointDelete) < 0 ? -1 : 0;
}
