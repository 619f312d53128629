/*
 * domain_checkpoint.c: the public virDomainCheckpoint* calls, in libvirt's
 * VIR_FROM_DOMAIN_CHECKPOINT error family, with its handle, read-only and
 * flag combination checks.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN_CHECKPOINT

#include "client/client_moment.h"

#define CLIENT_ENTER_CHECKPOINT(chk, errval) \
    CLIENT_ENTER_MOMENT((chk), VIR_ERR_INVALID_DOMAIN_CHECKPOINT, errval)

const char *
virDomainCheckpointGetName(virDomainCheckpointPtr checkpoint)
{
    CLIENT_ENTER_CHECKPOINT(checkpoint, NULL);
    return checkpoint->name;
}

virDomainPtr
virDomainCheckpointGetDomain(virDomainCheckpointPtr checkpoint)
{
    CLIENT_ENTER_CHECKPOINT(checkpoint, NULL);
    return checkpoint->domain;
}

virConnectPtr
virDomainCheckpointGetConnect(virDomainCheckpointPtr checkpoint)
{
    CLIENT_ENTER_CHECKPOINT(checkpoint, NULL);
    return checkpoint->domain->conn;
}

int
virDomainCheckpointRef(virDomainCheckpointPtr checkpoint)
{
    CLIENT_ENTER_CHECKPOINT(checkpoint, -1);
    atomic_fetch_add(&checkpoint->refs, 1);
    return 0;
}

int
virDomainCheckpointFree(virDomainCheckpointPtr checkpoint)
{
    CLIENT_ENTER_CHECKPOINT(checkpoint, -1);
    handle_checkpoint_unref(checkpoint);
    return 0;
}

virDomainCheckpointPtr
virDomainCheckpointCreateXML(virDomainPtr domain, const char *xmlDesc, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    CLIENT_CHECK_NONNULL(domain->conn, xmlDesc, NULL);
    CLIENT_OBJ_WRITABLE(domain->conn, NULL);
    CLIENT_EXCLUSIVE(domain->conn, VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE,
                     VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE, NULL);
    CLIENT_REQUIRE(domain->conn, VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE,
                   VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE, NULL);
    CLIENT_FORWARD(domain->conn, domain_checkpoint_create_xml, CLIENT_FAILED_NULL, NULL, domain,
                   xmlDesc, flags);
}

char *
virDomainCheckpointGetXMLDesc(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    virConnectPtr conn;

    CLIENT_ENTER_CHECKPOINT(checkpoint, NULL);
    conn = checkpoint->domain->conn;
    if (client_moment_secure_denied(conn, flags & VIR_DOMAIN_CHECKPOINT_XML_SECURE,
                                    VIR_FROM_THIS, __func__))
        return NULL;
    CLIENT_FORWARD(conn, domain_checkpoint_get_xml_desc, CLIENT_FAILED_NULL, NULL, checkpoint,
                   flags);
}

int
virDomainListAllCheckpoints(virDomainPtr domain, virDomainCheckpointPtr **checkpoints,
                            unsigned int flags)
{
    if (checkpoints)
        *checkpoints = NULL;
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_FORWARD(domain->conn, domain_list_all_checkpoints, CLIENT_FAILED_NEG, -1, domain,
                   checkpoints, flags);
}

int
virDomainCheckpointListAllChildren(virDomainCheckpointPtr checkpoint,
                                   virDomainCheckpointPtr **children, unsigned int flags)
{
    if (children)
        *children = NULL;
    CLIENT_ENTER_CHECKPOINT(checkpoint, -1);
    CLIENT_FORWARD(checkpoint->domain->conn, domain_checkpoint_list_all_children,
                   CLIENT_FAILED_NEG, -1, checkpoint, children, flags);
}

virDomainCheckpointPtr
virDomainCheckpointLookupByName(virDomainPtr domain, const char *name, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    CLIENT_CHECK_NONNULL(domain->conn, name, NULL);
    CLIENT_FORWARD(domain->conn, domain_checkpoint_lookup_by_name, CLIENT_FAILED_NULL, NULL,
                   domain, name, flags);
}

virDomainCheckpointPtr
virDomainCheckpointGetParent(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    CLIENT_ENTER_CHECKPOINT(checkpoint, NULL);
    CLIENT_FORWARD(checkpoint->domain->conn, domain_checkpoint_get_parent, CLIENT_FAILED_NULL,
                   NULL, checkpoint, flags);
}

int
virDomainCheckpointDelete(virDomainCheckpointPtr checkpoint, unsigned int flags)
{
    CLIENT_ENTER_CHECKPOINT(checkpoint, -1);
    CLIENT_OBJ_WRITABLE(checkpoint->domain->conn, -1);
    CLIENT_EXCLUSIVE(checkpoint->domain->conn, VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN,
                     VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY, -1);
    CLIENT_FORWARD(checkpoint->domain->conn, domain_checkpoint_delete, CLIENT_FAILED_NEG, -1,
                   checkpoint, flags);
}
