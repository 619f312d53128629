/*
 * remote_client_snapshot.c: the remote driver's snapshot and checkpoint
 * methods: each encodes its arguments, makes the call and turns the reply
 * into handles. As in libvirt's client, a snapshot or checkpoint in a
 * reply is attached to the caller's domain handle.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <stdlib.h>
#include <string.h>

#include "remote/remote_client_priv.h"
#include "remote/remote_client_snapshot.h"
#include "remote/remote_wire_snapshot.h"
#include "util/alloc.h"
#include "util/error.h"

/* proc(snap, flags) -> int. */
static int
remote_client_snap_int(virDomainSnapshotPtr snap, int proc, unsigned int flags, bool has_ret)
{
    remote_snap_args args = { .flags = flags };
    remote_snap_int_ret ret = { 0 };

    remote_wire_snapshot_to_wire(snap, &args.snap);
    if (has_ret)
        return remote_client_call(snap->domain->conn, proc, REMOTE_ARG(remote_snap_args, &args),
                                  REMOTE_ARG(remote_snap_int_ret, &ret)) < 0
                   ? -1
                   : ret.value;
    return remote_client_call(snap->domain->conn, proc, REMOTE_ARG(remote_snap_args, &args),
                              REMOTE_VOID);
}

/* Turns a reply's snapshot into a handle on dom; frees the reply. */
static virDomainSnapshotPtr
remote_client_snap_from(virDomainPtr dom, remote_snap_ret *ret)
{
    virDomainSnapshotPtr snap = handle_snapshot_new(dom, ret->snap.name);

    xdr_free((xdrproc_t)xdr_remote_snap_ret, (char *)ret);
    return snap;
}

virDomainSnapshotPtr
remote_client_domain_snapshot_create_xml(virDomainPtr dom, const char *xml, unsigned int flags)
{
    remote_snap_domain_xml_args args = { .xml_desc = (char *)xml, .flags = flags };
    remote_snap_ret ret;

    remote_wire_domain_to_wire(dom, &args.dom);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SNAPSHOT_CREATE_XML,
                           REMOTE_ARG(remote_snap_domain_xml_args, &args),
                           REMOTE_ARG(remote_snap_ret, &ret)) < 0)
        return NULL;
    return remote_client_snap_from(dom, &ret);
}

char *
remote_client_domain_snapshot_get_xml_desc(virDomainSnapshotPtr snap, unsigned int flags)
{
    remote_snap_args args = { .flags = flags };
    remote_snap_string_ret ret = { 0 };

    remote_wire_snapshot_to_wire(snap, &args.snap);
    if (remote_client_call(snap->domain->conn, REMOTE_PROC_DOMAIN_SNAPSHOT_GET_XML_DESC,
                           REMOTE_ARG(remote_snap_args, &args),
                           REMOTE_ARG(remote_snap_string_ret, &ret)) < 0)
        return NULL;
    return ret.xml;
}

static int
remote_client_snap_names(virConnectPtr conn, int proc, xdrproc_t args_filter, void *args,
                         char **names, int nameslen)
{
    remote_domain_snapshot_list_names_ret ret;
    int n;

    if (remote_client_check_max(nameslen, REMOTE_DOMAIN_SNAPSHOT_LIST_MAX,
                                "domain snapshot names") < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, args_filter, args,
                           REMOTE_ARG(remote_domain_snapshot_list_names_ret, &ret)) < 0)
        return -1;
    n = remote_client_copy_names(ret.names.names_val, ret.names.names_len, names, nameslen);
    xdr_free((xdrproc_t)xdr_remote_domain_snapshot_list_names_ret, (char *)&ret);
    return n;
}

int
remote_client_domain_snapshot_list_names(virDomainPtr dom, char **names, int nameslen,
                                         unsigned int flags)
{
    remote_domain_snapshot_list_names_args args = { .maxnames = nameslen, .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_snap_names(dom->conn, REMOTE_PROC_DOMAIN_SNAPSHOT_LIST_NAMES,
                                    REMOTE_ARG(remote_domain_snapshot_list_names_args, &args),
                                    names, nameslen);
}

int
remote_client_domain_snapshot_list_children_names(virDomainSnapshotPtr snap, char **names,
                                                  int nameslen, unsigned int flags)
{
    remote_domain_snapshot_list_children_names_args args = { .maxnames = nameslen,
                                                             .flags = flags };

    remote_wire_snapshot_to_wire(snap, &args.snap);
    return remote_client_snap_names(
        snap->domain->conn, REMOTE_PROC_DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES,
        REMOTE_ARG(remote_domain_snapshot_list_children_names_args, &args), names, nameslen);
}

/* A list-all reply into handles on dom (or just the count). */
static int
remote_client_snap_list(virDomainPtr dom, remote_domain_list_all_snapshots_ret *ret,
                        virDomainSnapshotPtr **snaps)
{
    int n = ret->ret;

    if (snaps) {
        virDomainSnapshotPtr *list =
            XNEW_ARRAY(virDomainSnapshotPtr, ret->snapshots.snapshots_len + 1);

        for (u_int i = 0; i < ret->snapshots.snapshots_len; i++)
            list[i] = handle_snapshot_new(dom, ret->snapshots.snapshots_val[i].name);
        *snaps = list;
        n = (int)ret->snapshots.snapshots_len;
    }
    xdr_free((xdrproc_t)xdr_remote_domain_list_all_snapshots_ret, (char *)ret);
    return n;
}

int
remote_client_domain_list_all_snapshots(virDomainPtr dom, virDomainSnapshotPtr **snaps,
                                        unsigned int flags)
{
    remote_domain_list_all_snapshots_args args = { .need_results = snaps != NULL,
                                                   .flags = flags };
    remote_domain_list_all_snapshots_ret ret;

    remote_wire_domain_to_wire(dom, &args.dom);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_LIST_ALL_SNAPSHOTS,
                           REMOTE_ARG(remote_domain_list_all_snapshots_args, &args),
                           REMOTE_ARG(remote_domain_list_all_snapshots_ret, &ret)) < 0)
        return -1;
    return remote_client_snap_list(dom, &ret, snaps);
}

int
remote_client_domain_snapshot_list_all_children(virDomainSnapshotPtr snap,
                                                virDomainSnapshotPtr **snaps,
                                                unsigned int flags)
{
    remote_domain_snapshot_list_all_children_args args = { .need_results = snaps != NULL,
                                                           .flags = flags };
    remote_domain_list_all_snapshots_ret ret;

    remote_wire_snapshot_to_wire(snap, &args.snapshot);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(snap->domain->conn, REMOTE_PROC_DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN,
                           REMOTE_ARG(remote_domain_snapshot_list_all_children_args, &args),
                           REMOTE_ARG(remote_domain_list_all_snapshots_ret, &ret)) < 0)
        return -1;
    return remote_client_snap_list(snap->domain, &ret, snaps);
}

int
remote_client_domain_snapshot_num_children(virDomainSnapshotPtr snap, unsigned int flags)
{
    return remote_client_snap_int(snap, REMOTE_PROC_DOMAIN_SNAPSHOT_NUM_CHILDREN, flags, true);
}

virDomainSnapshotPtr
remote_client_domain_snapshot_lookup_by_name(virDomainPtr dom, const char *name,
                                             unsigned int flags)
{
    remote_snap_lookup_args args = { .name = (char *)name, .flags = flags };
    remote_snap_ret ret;

    remote_wire_domain_to_wire(dom, &args.dom);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SNAPSHOT_LOOKUP_BY_NAME,
                           REMOTE_ARG(remote_snap_lookup_args, &args),
                           REMOTE_ARG(remote_snap_ret, &ret)) < 0)
        return NULL;
    return remote_client_snap_from(dom, &ret);
}

int
remote_client_domain_has_current_snapshot(virDomainPtr dom, unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };
    remote_snap_int_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_HAS_CURRENT_SNAPSHOT,
                           REMOTE_ARG(remote_domain_flags_args, &args),
                           REMOTE_ARG(remote_snap_int_ret, &ret)) < 0)
        return -1;
    return ret.value;
}

virDomainSnapshotPtr
remote_client_domain_snapshot_current(virDomainPtr dom, unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };
    remote_snap_ret ret;

    remote_wire_domain_to_wire(dom, &args.dom);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SNAPSHOT_CURRENT,
                           REMOTE_ARG(remote_domain_flags_args, &args),
                           REMOTE_ARG(remote_snap_ret, &ret)) < 0)
        return NULL;
    return remote_client_snap_from(dom, &ret);
}

virDomainSnapshotPtr
remote_client_domain_snapshot_get_parent(virDomainSnapshotPtr snap, unsigned int flags)
{
    remote_snap_args args = { .flags = flags };
    remote_snap_ret ret;

    remote_wire_snapshot_to_wire(snap, &args.snap);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(snap->domain->conn, REMOTE_PROC_DOMAIN_SNAPSHOT_GET_PARENT,
                           REMOTE_ARG(remote_snap_args, &args),
                           REMOTE_ARG(remote_snap_ret, &ret)) < 0)
        return NULL;
    return remote_client_snap_from(snap->domain, &ret);
}

int
remote_client_domain_snapshot_is_current(virDomainSnapshotPtr snap, unsigned int flags)
{
    return remote_client_snap_int(snap, REMOTE_PROC_DOMAIN_SNAPSHOT_IS_CURRENT, flags, true);
}

int
remote_client_domain_snapshot_has_metadata(virDomainSnapshotPtr snap, unsigned int flags)
{
    return remote_client_snap_int(snap, REMOTE_PROC_DOMAIN_SNAPSHOT_HAS_METADATA, flags, true);
}

int
remote_client_domain_revert_to_snapshot(virDomainSnapshotPtr snap, unsigned int flags)
{
    return remote_client_snap_int(snap, REMOTE_PROC_DOMAIN_REVERT_TO_SNAPSHOT, flags, false);
}

int
remote_client_domain_snapshot_delete(virDomainSnapshotPtr snap, unsigned int flags)
{
    return remote_client_snap_int(snap, REMOTE_PROC_DOMAIN_SNAPSHOT_DELETE, flags, false);
}

/* ---- checkpoints -------------------------------------------------------- */

static virDomainCheckpointPtr
remote_client_chk_from(virDomainPtr dom, remote_chk_ret *ret)
{
    virDomainCheckpointPtr chk = handle_checkpoint_new(dom, ret->checkpoint.name);

    xdr_free((xdrproc_t)xdr_remote_chk_ret, (char *)ret);
    return chk;
}

virDomainCheckpointPtr
remote_client_domain_checkpoint_create_xml(virDomainPtr dom, const char *xml,
                                           unsigned int flags)
{
    remote_snap_domain_xml_args args = { .xml_desc = (char *)xml, .flags = flags };
    remote_chk_ret ret;

    remote_wire_domain_to_wire(dom, &args.dom);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_CHECKPOINT_CREATE_XML,
                           REMOTE_ARG(remote_snap_domain_xml_args, &args),
                           REMOTE_ARG(remote_chk_ret, &ret)) < 0)
        return NULL;
    return remote_client_chk_from(dom, &ret);
}

char *
remote_client_domain_checkpoint_get_xml_desc(virDomainCheckpointPtr chk, unsigned int flags)
{
    remote_chk_args args = { .flags = flags };
    remote_snap_string_ret ret = { 0 };

    remote_wire_checkpoint_to_wire(chk, &args.checkpoint);
    if (remote_client_call(chk->domain->conn, REMOTE_PROC_DOMAIN_CHECKPOINT_GET_XML_DESC,
                           REMOTE_ARG(remote_chk_args, &args),
                           REMOTE_ARG(remote_snap_string_ret, &ret)) < 0)
        return NULL;
    return ret.xml;
}

static int
remote_client_chk_list(virDomainPtr dom, remote_domain_list_all_checkpoints_ret *ret,
                       virDomainCheckpointPtr **chks)
{
    int n = ret->ret;

    if (chks) {
        virDomainCheckpointPtr *list =
            XNEW_ARRAY(virDomainCheckpointPtr, ret->checkpoints.checkpoints_len + 1);

        for (u_int i = 0; i < ret->checkpoints.checkpoints_len; i++)
            list[i] = handle_checkpoint_new(dom, ret->checkpoints.checkpoints_val[i].name);
        *chks = list;
        n = (int)ret->checkpoints.checkpoints_len;
    }
    xdr_free((xdrproc_t)xdr_remote_domain_list_all_checkpoints_ret, (char *)ret);
    return n;
}

int
remote_client_domain_list_all_checkpoints(virDomainPtr dom, virDomainCheckpointPtr **chks,
                                          unsigned int flags)
{
    remote_domain_list_all_checkpoints_args args = { .need_results = chks != NULL,
                                                     .flags = flags };
    remote_domain_list_all_checkpoints_ret ret;

    remote_wire_domain_to_wire(dom, &args.dom);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_LIST_ALL_CHECKPOINTS,
                           REMOTE_ARG(remote_domain_list_all_checkpoints_args, &args),
                           REMOTE_ARG(remote_domain_list_all_checkpoints_ret, &ret)) < 0)
        return -1;
    return remote_client_chk_list(dom, &ret, chks);
}

int
remote_client_domain_checkpoint_list_all_children(virDomainCheckpointPtr chk,
                                                  virDomainCheckpointPtr **chks,
                                                  unsigned int flags)
{
    remote_domain_checkpoint_list_all_children_args args = { .need_results = chks != NULL,
                                                             .flags = flags };
    remote_domain_list_all_checkpoints_ret ret;

    remote_wire_checkpoint_to_wire(chk, &args.checkpoint);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(chk->domain->conn, REMOTE_PROC_DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN,
                           REMOTE_ARG(remote_domain_checkpoint_list_all_children_args, &args),
                           REMOTE_ARG(remote_domain_list_all_checkpoints_ret, &ret)) < 0)
        return -1;
    return remote_client_chk_list(chk->domain, &ret, chks);
}

virDomainCheckpointPtr
remote_client_domain_checkpoint_lookup_by_name(virDomainPtr dom, const char *name,
                                               unsigned int flags)
{
    remote_snap_lookup_args args = { .name = (char *)name, .flags = flags };
    remote_chk_ret ret;

    remote_wire_domain_to_wire(dom, &args.dom);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_CHECKPOINT_LOOKUP_BY_NAME,
                           REMOTE_ARG(remote_snap_lookup_args, &args),
                           REMOTE_ARG(remote_chk_ret, &ret)) < 0)
        return NULL;
    return remote_client_chk_from(dom, &ret);
}

virDomainCheckpointPtr
remote_client_domain_checkpoint_get_parent(virDomainCheckpointPtr chk, unsigned int flags)
{
    remote_chk_args args = { .flags = flags };
    remote_chk_ret ret;

    remote_wire_checkpoint_to_wire(chk, &args.checkpoint);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(chk->domain->conn, REMOTE_PROC_DOMAIN_CHECKPOINT_GET_PARENT,
                           REMOTE_ARG(remote_chk_args, &args),
                           REMOTE_ARG(remote_chk_ret, &ret)) < 0)
        return NULL;
    return remote_client_chk_from(chk->domain, &ret);
}

int
remote_client_domain_checkpoint_delete(virDomainCheckpointPtr chk, unsigned int flags)
{
    remote_chk_args args = { .flags = flags };

    remote_wire_checkpoint_to_wire(chk, &args.checkpoint);
    return remote_client_call(chk->domain->conn, REMOTE_PROC_DOMAIN_CHECKPOINT_DELETE,
                              REMOTE_ARG(remote_chk_args, &args), REMOTE_VOID);
}
