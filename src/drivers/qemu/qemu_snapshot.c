/*
 * qemu_snapshot.c: snapshot queries of the QEMU driver, answered for a
 * driver that keeps no snapshots (see qemu_snapshot.h). virt-manager lists
 * a domain's snapshots when it opens the domain's window; libvirtd's QEMU
 * driver answers that with an empty list, and so do we. Each call still
 * checks its flags and that the domain exists (qemu_domain_snapshot_num
 * does the lookup and counts the snapshots: none).
 */
#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_snapshot.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

/* libvirt's list flags: ROOTS, DESCENDANTS, LEAVES..., TOPOLOGICAL */
#define SNAPSHOT_LIST_FLAGS 0x7ffU

int
qemu_domain_list_all_snapshots(virDomainPtr dom, virDomainSnapshotPtr **snaps, unsigned int flags)
{
    int n;

    vir_check_flags(flags, SNAPSHOT_LIST_FLAGS, -1);
    if ((n = qemu_domain_snapshot_num(dom, 0)) < 0)
        return -1;
    if (snaps)
        *snaps = XNEW_ARRAY(virDomainSnapshotPtr, 1); /* NULL-terminated, empty */
    return n;
}

int
qemu_domain_snapshot_list_names(virDomainPtr dom, char **names, int nameslen, unsigned int flags)
{
    (void)names;
    (void)nameslen;
    vir_check_flags(flags, SNAPSHOT_LIST_FLAGS, -1);
    return qemu_domain_snapshot_num(dom, 0);
}

virDomainSnapshotPtr
qemu_domain_snapshot_lookup_by_name(virDomainPtr dom, const char *name, unsigned int flags)
{
    vir_check_flags(flags, 0, NULL);
    if (qemu_domain_snapshot_num(dom, 0) < 0)
        return NULL;
    vir_report_error(VIR_ERR_NO_DOMAIN_SNAPSHOT, "no domain snapshot with matching name '%s'",
                     name);
    return NULL;
}

int
qemu_domain_has_current_snapshot(virDomainPtr dom, unsigned int flags)
{
    vir_check_flags(flags, 0, -1);
    return qemu_domain_snapshot_num(dom, 0) < 0 ? -1 : 0;
}

virDomainSnapshotPtr
qemu_domain_snapshot_current(virDomainPtr dom, unsigned int flags)
{
    vir_check_flags(flags, 0, NULL);
    if (qemu_domain_snapshot_num(dom, 0) < 0)
        return NULL;
    vir_report_error(VIR_ERR_NO_DOMAIN_SNAPSHOT, "%s",
                     "the domain does not have a current snapshot");
    return NULL;
}
