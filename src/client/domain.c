/*
 * domain.c: the public domain API.
 *
 * Old calls are mapped onto the driver's newer method with the flags
 * libvirt documents as equivalent (virDomainCreate is
 * virDomainCreateWithFlags(0), virDomainSetMemory is
 * virDomainSetMemoryFlags(LIVE), ...), so drivers implement one method per
 * operation.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include <string.h>

#include "client/client.h"
#include "util/uuid.h"

/* ---- listing and lookup -------------------------------------------------- */

int
virConnectNumOfDomains(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_num_of_domains, CLIENT_FAILED_NEG, -1, conn);
}

int
virConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_ARRAY(conn, ids, maxids, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, maxids, -1);
    CLIENT_FORWARD(conn, connect_list_domains, CLIENT_FAILED_NEG, -1, conn, ids, maxids);
}

int
virConnectNumOfDefinedDomains(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_num_of_defined_domains, CLIENT_FAILED_NEG, -1, conn);
}

int
virConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_ARRAY(conn, names, maxnames, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, maxnames, -1);
    CLIENT_FORWARD(conn, connect_list_defined_domains, CLIENT_FAILED_NEG, -1, conn, names,
                   maxnames);
}

int
virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    if (domains)
        *domains = NULL;
    CLIENT_FORWARD(conn, connect_list_all_domains, CLIENT_FAILED_NEG, -1, conn, domains, flags);
}

virDomainPtr
virDomainLookupByID(virConnectPtr conn, int id)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNEGATIVE(conn, id, NULL);
    CLIENT_FORWARD(conn, domain_lookup_by_id, CLIENT_FAILED_NULL, NULL, conn, id);
}

virDomainPtr
virDomainLookupByName(virConnectPtr conn, const char *name)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, name, NULL);
    CLIENT_FORWARD(conn, domain_lookup_by_name, CLIENT_FAILED_NULL, NULL, conn, name);
}

virDomainPtr
virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, uuid, NULL);
    CLIENT_FORWARD(conn, domain_lookup_by_uuid, CLIENT_FAILED_NULL, NULL, conn, uuid);
}

virDomainPtr
virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    unsigned char uuid[VIR_UUID_BUFLEN];

    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, uuidstr, NULL);
    if (vireo_uuid_parse(uuidstr, uuid) < 0) {
        vir_report_invalid_arg(uuidstr, "%s", "Invalid UUID");
        vir_error_dispatch(conn, __func__);
        return NULL;
    }
    return virDomainLookupByUUID(conn, uuid);
}

/* ---- the handle itself --------------------------------------------------- */

int
virDomainRef(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    atomic_fetch_add(&domain->refs, 1);
    return 0;
}

int
virDomainFree(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    handle_domain_unref(domain);
    return 0;
}

virConnectPtr
virDomainGetConnect(virDomainPtr dom)
{
    CLIENT_ENTER_DOMAIN(dom, NULL);
    return dom->conn;
}

const char *
virDomainGetName(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    return domain->name;
}

unsigned int
virDomainGetID(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, (unsigned int)-1);
    return (unsigned int)domain->id;
}

int
virDomainGetUUID(virDomainPtr domain, unsigned char *uuid)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, uuid, -1);
    memcpy(uuid, domain->uuid, VIR_UUID_BUFLEN);
    return 0;
}

int
virDomainGetUUIDString(virDomainPtr domain, char *buf)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, buf, -1);
    vireo_uuid_format(domain->uuid, buf);
    return 0;
}

/* ---- reading state ------------------------------------------------------- */

int
virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, info, -1);
    memset(info, 0, sizeof(*info));
    CLIENT_FORWARD(domain->conn, domain_get_info, CLIENT_FAILED_NEG, -1, domain, info);
}

int
virDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, state, -1);
    CLIENT_FORWARD(domain->conn, domain_get_state, CLIENT_FAILED_NEG, -1, domain, state, reason,
                   flags);
}

char *
virDomainGetOSType(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    CLIENT_FORWARD(domain->conn, domain_get_os_type, CLIENT_FAILED_NULL, NULL, domain);
}

char *
virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    CLIENT_CHECK_WRITABLE(domain->conn, flags, NULL);
    CLIENT_FORWARD(domain->conn, domain_get_xml_desc, CLIENT_FAILED_NULL, NULL, domain, flags);
}

unsigned long
virDomainGetMaxMemory(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, 0);
    CLIENT_FORWARD(domain->conn, domain_get_max_memory, CLIENT_FAILED_ZERO, 0, domain);
}

int
virDomainGetMaxVcpus(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_FORWARD(domain->conn, domain_get_max_vcpus, CLIENT_FAILED_NEG, -1, domain);
}

int
virDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, flags, -1);
    CLIENT_FORWARD(domain->conn, domain_get_vcpus_flags, CLIENT_FAILED_NEG, -1, domain, flags);
}

int
virDomainIsActive(virDomainPtr dom)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_FORWARD(dom->conn, domain_is_active, CLIENT_FAILED_NEG, -1, dom);
}

int
virDomainIsPersistent(virDomainPtr dom)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_FORWARD(dom->conn, domain_is_persistent, CLIENT_FAILED_NEG, -1, dom);
}

int
virDomainIsUpdated(virDomainPtr dom)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_FORWARD(dom->conn, domain_is_updated, CLIENT_FAILED_NEG, -1, dom);
}

int
virDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, autostart, -1);
    CLIENT_FORWARD(domain->conn, domain_get_autostart, CLIENT_FAILED_NEG, -1, domain, autostart);
}

int
virDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, seclabel, -1);
    CLIENT_FORWARD(domain->conn, domain_get_security_label, CLIENT_FAILED_NEG, -1, domain,
                   seclabel);
}

int
virDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_FORWARD(dom->conn, domain_has_managed_save_image, CLIENT_FAILED_NEG, -1, dom, flags);
}

int
virDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, msgs, -1);
    *msgs = NULL;
    CLIENT_FORWARD(domain->conn, domain_get_messages, CLIENT_FAILED_NEG, -1, domain, msgs, flags);
}

/* ---- changing state ------------------------------------------------------ */

int
virDomainSetAutostart(virDomainPtr domain, int autostart)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, 0, -1);
    CLIENT_FORWARD(domain->conn, domain_set_autostart, CLIENT_FAILED_NEG, -1, domain, autostart);
}

virDomainPtr
virDomainDefineXML(virConnectPtr conn, const char *xml)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_WRITABLE(conn, 0, NULL);
    CLIENT_CHECK_NONNULL(conn, xml, NULL);
    CLIENT_FORWARD(conn, domain_define_xml_flags, CLIENT_FAILED_NULL, NULL, conn, xml, 0);
}

virDomainPtr
virDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_WRITABLE(conn, flags, NULL);
    CLIENT_CHECK_NONNULL(conn, xml, NULL);
    CLIENT_FORWARD(conn, domain_define_xml_flags, CLIENT_FAILED_NULL, NULL, conn, xml, flags);
}

int
virDomainUndefine(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, 0, -1);
    CLIENT_FORWARD(domain->conn, domain_undefine_flags, CLIENT_FAILED_NEG, -1, domain, 0);
}

int
virDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, flags, -1);
    CLIENT_FORWARD(domain->conn, domain_undefine_flags, CLIENT_FAILED_NEG, -1, domain, flags);
}

virDomainPtr
virDomainCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xmlDesc, NULL);
    CLIENT_CHECK_WRITABLE(conn, flags, NULL);
    CLIENT_FORWARD(conn, domain_create_xml, CLIENT_FAILED_NULL, NULL, conn, xmlDesc, flags);
}

int
virDomainCreate(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, 0, -1);
    CLIENT_FORWARD(domain->conn, domain_create_with_flags, CLIENT_FAILED_NEG, -1, domain, 0);
}

int
virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, flags, -1);
    CLIENT_FORWARD(domain->conn, domain_create_with_flags, CLIENT_FAILED_NEG, -1, domain, flags);
}

int
virDomainDestroy(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, 0, -1);
    CLIENT_FORWARD(domain->conn, domain_destroy_flags, CLIENT_FAILED_NEG, -1, domain, 0);
}

int
virDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, flags, -1);
    CLIENT_FORWARD(domain->conn, domain_destroy_flags, CLIENT_FAILED_NEG, -1, domain, flags);
}

int
virDomainShutdown(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, 0, -1);
    CLIENT_FORWARD(domain->conn, domain_shutdown_flags, CLIENT_FAILED_NEG, -1, domain, 0);
}

int
virDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, flags, -1);
    CLIENT_FORWARD(domain->conn, domain_shutdown_flags, CLIENT_FAILED_NEG, -1, domain, flags);
}

int
virDomainReboot(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, flags, -1);
    CLIENT_FORWARD(domain->conn, domain_reboot, CLIENT_FAILED_NEG, -1, domain, flags);
}

int
virDomainSuspend(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, 0, -1);
    CLIENT_FORWARD(domain->conn, domain_suspend, CLIENT_FAILED_NEG, -1, domain);
}

int
virDomainResume(virDomainPtr domain)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, 0, -1);
    CLIENT_FORWARD(domain->conn, domain_resume, CLIENT_FAILED_NEG, -1, domain);
}

int
virDomainSetMemory(virDomainPtr domain, unsigned long memory)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, 0, -1);
    CLIENT_CHECK_NONZERO(domain->conn, memory, -1);
    CLIENT_FORWARD(domain->conn, domain_set_memory_flags, CLIENT_FAILED_NEG, -1, domain, memory,
                   VIR_DOMAIN_AFFECT_LIVE);
}

int
virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, 0, -1);
    CLIENT_CHECK_NONZERO(domain->conn, memory, -1);
    CLIENT_FORWARD(domain->conn, domain_set_max_memory, CLIENT_FAILED_NEG, -1, domain, memory);
}

int
virDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, flags, -1);
    CLIENT_CHECK_NONZERO(domain->conn, memory, -1);
    CLIENT_FORWARD(domain->conn, domain_set_memory_flags, CLIENT_FAILED_NEG, -1, domain, memory,
                   flags);
}

int
virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, 0, -1);
    CLIENT_CHECK_NONZERO(domain->conn, nvcpus, -1);
    CLIENT_FORWARD(domain->conn, domain_set_vcpus_flags, CLIENT_FAILED_NEG, -1, domain, nvcpus,
                   VIR_DOMAIN_AFFECT_LIVE);
}

int
virDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_WRITABLE(domain->conn, flags, -1);
    CLIENT_CHECK_NONZERO(domain->conn, nvcpus, -1);
    CLIENT_FORWARD(domain->conn, domain_set_vcpus_flags, CLIENT_FAILED_NEG, -1, domain, nvcpus,
                   flags);
}
