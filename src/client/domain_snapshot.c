/*
 * domain_snapshot.c: the public virDomainSnapshot* calls.
 *
 * Snapshots are their own error family in libvirt (VIR_FROM_DOMAIN_SNAPSHOT):
 * invalid handles, read-only refusals and libvirt's flag combination checks
 * are reported here, before the driver sees the call.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN_SNAPSHOT

#include "client/client_moment.h"

#define CLIENT_ENTER_SNAPSHOT(snap, errval) \
    CLIENT_ENTER_MOMENT((snap), VIR_ERR_INVALID_DOMAIN_SNAPSHOT, errval)

bool
client_moment_ok(virDomainPtr dom, int family, int code, const char *api)
{
    if (dom && dom->conn && dom->conn->driver)
        return true;
    vir_error_report(family, code, "%s", api);
    vir_error_dispatch(NULL, api);
    return false;
}

bool
client_moment_secure_denied(virConnectPtr conn, bool secure, int family, const char *api)
{
    if (!secure || !(conn->flags & VIR_CONNECT_RO))
        return false;
    vir_error_report(family, VIR_ERR_OPERATION_DENIED, "%s with secure flag", api);
    vir_error_dispatch(conn, api);
    return true;
}

bool
client_moment_flags_clash(virConnectPtr conn, int domain, unsigned int flags, unsigned int a,
                          const char *a_name, unsigned int b, const char *b_name, bool exclusive,
                          const char *api)
{
    bool bad = exclusive ? (flags & a) && (flags & b) : (flags & a) && !(flags & b);

    if (!bad)
        return false;
    /* libvirt's macros name the argument "ctl" (str2), whatever it is */
    if (exclusive)
        vir_error_report_raw(domain, VIR_ERR_INVALID_ARG, api, "ctl",
                             "Flags '%s' and '%s' are mutually exclusive", a_name, b_name);
    else
        vir_error_report_raw(domain, VIR_ERR_INVALID_ARG, api, "ctl",
                             "Flag '%s' is required by flag '%s'", b_name, a_name);
    vir_error_dispatch(conn, api);
    return true;
}

const char *
virDomainSnapshotGetName(virDomainSnapshotPtr snapshot)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, NULL);
    return snapshot->name;
}

virDomainPtr
virDomainSnapshotGetDomain(virDomainSnapshotPtr snapshot)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, NULL);
    return snapshot->domain;
}

virConnectPtr
virDomainSnapshotGetConnect(virDomainSnapshotPtr snapshot)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, NULL);
    return snapshot->domain->conn;
}

int
virDomainSnapshotRef(virDomainSnapshotPtr snapshot)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, -1);
    atomic_fetch_add(&snapshot->refs, 1);
    return 0;
}

int
virDomainSnapshotFree(virDomainSnapshotPtr snapshot)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, -1);
    handle_snapshot_unref(snapshot);
    return 0;
}

virDomainSnapshotPtr
virDomainSnapshotCreateXML(virDomainPtr domain, const char *xmlDesc, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    CLIENT_CHECK_NONNULL(domain->conn, xmlDesc, NULL);
    CLIENT_OBJ_WRITABLE(domain->conn, NULL);
    CLIENT_REQUIRE(domain->conn, VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT,
                   VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE, NULL);
    CLIENT_EXCLUSIVE(domain->conn, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE,
                     VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA, NULL);
    CLIENT_EXCLUSIVE(domain->conn, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE,
                     VIR_DOMAIN_SNAPSHOT_CREATE_HALT, NULL);
    CLIENT_FORWARD(domain->conn, domain_snapshot_create_xml, CLIENT_FAILED_NULL, NULL, domain,
                   xmlDesc, flags);
}

char *
virDomainSnapshotGetXMLDesc(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    virConnectPtr conn;

    CLIENT_ENTER_SNAPSHOT(snapshot, NULL);
    conn = snapshot->domain->conn;
    if (client_moment_secure_denied(conn, flags & VIR_DOMAIN_SNAPSHOT_XML_SECURE, VIR_FROM_THIS,
                                    __func__))
        return NULL;
    CLIENT_FORWARD(conn, domain_snapshot_get_xml_desc, CLIENT_FAILED_NULL, NULL, snapshot,
                   flags);
}

int
virDomainSnapshotNum(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_FORWARD(domain->conn, domain_snapshot_num, CLIENT_FAILED_NEG, -1, domain, flags);
}

int
virDomainSnapshotListNames(virDomainPtr domain, char **names, int nameslen, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_ARRAY(domain->conn, names, nameslen, -1);
    CLIENT_CHECK_NONNEGATIVE(domain->conn, nameslen, -1);
    CLIENT_FORWARD(domain->conn, domain_snapshot_list_names, CLIENT_FAILED_NEG, -1, domain,
                   names, nameslen, flags);
}

int
virDomainListAllSnapshots(virDomainPtr domain, virDomainSnapshotPtr **snaps, unsigned int flags)
{
    if (snaps)
        *snaps = NULL;
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_FORWARD(domain->conn, domain_list_all_snapshots, CLIENT_FAILED_NEG, -1, domain, snaps,
                   flags);
}

int
virDomainSnapshotNumChildren(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, -1);
    CLIENT_FORWARD(snapshot->domain->conn, domain_snapshot_num_children, CLIENT_FAILED_NEG, -1,
                   snapshot, flags);
}

int
virDomainSnapshotListChildrenNames(virDomainSnapshotPtr snapshot, char **names, int nameslen,
                                   unsigned int flags)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, -1);
    CLIENT_CHECK_ARRAY(snapshot->domain->conn, names, nameslen, -1);
    CLIENT_CHECK_NONNEGATIVE(snapshot->domain->conn, nameslen, -1);
    CLIENT_FORWARD(snapshot->domain->conn, domain_snapshot_list_children_names,
                   CLIENT_FAILED_NEG, -1, snapshot, names, nameslen, flags);
}

int
virDomainSnapshotListAllChildren(virDomainSnapshotPtr snapshot, virDomainSnapshotPtr **snaps,
                                 unsigned int flags)
{
    if (snaps)
        *snaps = NULL;
    CLIENT_ENTER_SNAPSHOT(snapshot, -1);
    CLIENT_FORWARD(snapshot->domain->conn, domain_snapshot_list_all_children, CLIENT_FAILED_NEG,
                   -1, snapshot, snaps, flags);
}

virDomainSnapshotPtr
virDomainSnapshotLookupByName(virDomainPtr domain, const char *name, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    CLIENT_CHECK_NONNULL(domain->conn, name, NULL);
    CLIENT_FORWARD(domain->conn, domain_snapshot_lookup_by_name, CLIENT_FAILED_NULL, NULL,
                   domain, name, flags);
}

int
virDomainHasCurrentSnapshot(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_FORWARD(domain->conn, domain_has_current_snapshot, CLIENT_FAILED_NEG, -1, domain,
                   flags);
}

virDomainSnapshotPtr
virDomainSnapshotCurrent(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    CLIENT_FORWARD(domain->conn, domain_snapshot_current, CLIENT_FAILED_NULL, NULL, domain,
                   flags);
}

virDomainSnapshotPtr
virDomainSnapshotGetParent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, NULL);
    CLIENT_FORWARD(snapshot->domain->conn, domain_snapshot_get_parent, CLIENT_FAILED_NULL, NULL,
                   snapshot, flags);
}

int
virDomainSnapshotIsCurrent(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, -1);
    CLIENT_FORWARD(snapshot->domain->conn, domain_snapshot_is_current, CLIENT_FAILED_NEG, -1,
                   snapshot, flags);
}

int
virDomainSnapshotHasMetadata(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, -1);
    CLIENT_FORWARD(snapshot->domain->conn, domain_snapshot_has_metadata, CLIENT_FAILED_NEG, -1,
                   snapshot, flags);
}

int
virDomainRevertToSnapshot(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, -1);
    CLIENT_OBJ_WRITABLE(snapshot->domain->conn, -1);
    CLIENT_EXCLUSIVE(snapshot->domain->conn, VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING,
                     VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED, -1);
    CLIENT_FORWARD(snapshot->domain->conn, domain_revert_to_snapshot, CLIENT_FAILED_NEG, -1,
                   snapshot, flags);
}

int
virDomainSnapshotDelete(virDomainSnapshotPtr snapshot, unsigned int flags)
{
    CLIENT_ENTER_SNAPSHOT(snapshot, -1);
    CLIENT_OBJ_WRITABLE(snapshot->domain->conn, -1);
    CLIENT_EXCLUSIVE(snapshot->domain->conn, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN,
                     VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY, -1);
    CLIENT_FORWARD(snapshot->domain->conn, domain_snapshot_delete, CLIENT_FAILED_NEG, -1,
                   snapshot, flags);
}
