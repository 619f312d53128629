/*
 * guest_host.c: the public guest filesystem, guest time and password,
 * process signal and memory peek calls, with libvirt's argument checks in
 * libvirt's order; and the host and domain extras beside them (security
 * label list, create with files, network define/create flags, free pages,
 * pool sources, interface transactions, save images, CPU models,
 * lifecycle actions, emulator pinning).
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include <stdlib.h>
#include <unistd.h>

#include "client/client.h"
#include "util/alloc.h"
#include "util/error.h"

/* libvirt refuses these on read-only connections itself, after the handle
 * check (they are not in readonly.c's table: same words, same place). */
static int
guest_host_check_writable(virConnectPtr conn, const char *api)
{
    if (!(conn->flags & VIR_CONNECT_RO))
        return 0;
    vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_DENIED, "read only access prevents %s",
                     api);
    vir_error_dispatch(conn, api);
    return -1;
}

#define GUEST_HOST_WRITABLE(conn) \
    do { \
        if (guest_host_check_writable((conn), __func__) < 0) \
            return -1; \
    } while (0)

int
virDomainFSFreeze(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                  unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    GUEST_HOST_WRITABLE(dom->conn);
    CLIENT_CHECK_ARRAY(dom->conn, mountpoints, nmountpoints, -1);
    CLIENT_FORWARD(dom->conn, domain_fs_freeze, CLIENT_FAILED_NEG, -1, dom, mountpoints,
                   nmountpoints, flags);
}

int
virDomainFSThaw(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    GUEST_HOST_WRITABLE(dom->conn);
    CLIENT_CHECK_ARRAY(dom->conn, mountpoints, nmountpoints, -1);
    CLIENT_FORWARD(dom->conn, domain_fs_thaw, CLIENT_FAILED_NEG, -1, dom, mountpoints,
                   nmountpoints, flags);
}

int
virDomainFSTrim(virDomainPtr dom, const char *mountPoint, unsigned long long minimum,
                unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    GUEST_HOST_WRITABLE(dom->conn);
    CLIENT_FORWARD(dom->conn, domain_fs_trim, CLIENT_FAILED_NEG, -1, dom, mountPoint, minimum,
                   flags);
}

int
virDomainSetTime(virDomainPtr dom, long long seconds, unsigned int nseconds, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    GUEST_HOST_WRITABLE(dom->conn);
    CLIENT_FORWARD(dom->conn, domain_set_time, CLIENT_FAILED_NEG, -1, dom, seconds, nseconds,
                   flags);
}

int
virDomainSetUserPassword(virDomainPtr dom, const char *user, const char *password,
                         unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    GUEST_HOST_WRITABLE(dom->conn);
    CLIENT_CHECK_NONNULL(dom->conn, user, -1);
    CLIENT_CHECK_NONNULL(dom->conn, password, -1);
    CLIENT_FORWARD(dom->conn, domain_set_user_password, CLIENT_FAILED_NEG, -1, dom, user,
                   password, flags);
}

int
virDomainSendProcessSignal(virDomainPtr domain, long long pid_value, unsigned int signum,
                           unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONZERO(domain->conn, pid_value, -1);
    GUEST_HOST_WRITABLE(domain->conn);
    CLIENT_FORWARD(domain->conn, domain_send_process_signal, CLIENT_FAILED_NEG, -1, domain,
                   pid_value, signum, flags);
}

int
virDomainMemoryPeek(virDomainPtr dom, unsigned long long start, size_t size, void *buffer,
                    unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    GUEST_HOST_WRITABLE(dom->conn);
    if ((flags & VIR_MEMORY_VIRTUAL) && (flags & VIR_MEMORY_PHYSICAL)) {
        vir_report_invalid_arg(ctl, "Flags '%s' and '%s' are mutually exclusive",
                               "VIR_MEMORY_VIRTUAL", "VIR_MEMORY_PHYSICAL");
        vir_error_dispatch(dom->conn, __func__);
        return -1;
    }
    CLIENT_CHECK_ARRAY(dom->conn, buffer, size, -1);
    CLIENT_FORWARD(dom->conn, domain_memory_peek, CLIENT_FAILED_NEG, -1, dom, start, size,
                   buffer, flags);
}

int
virDomainGetSecurityLabelList(virDomainPtr domain, virSecurityLabelPtr *seclabels)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, seclabels, -1);
    CLIENT_FORWARD(domain->conn, domain_get_security_label_list, CLIENT_FAILED_NEG, -1, domain,
                   seclabels);
}

virDomainPtr
virDomainCreateXMLWithFiles(virConnectPtr conn, const char *xmlDesc, unsigned int nfiles,
                            int *files, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xmlDesc, NULL);
    if (conn->flags & VIR_CONNECT_RO) {
        guest_host_check_writable(conn, __func__);
        return NULL;
    }
    CLIENT_FORWARD(conn, domain_create_xml_with_files, CLIENT_FAILED_NULL, NULL, conn, xmlDesc,
                   nfiles, files, flags);
}

int
virDomainCreateWithFiles(virDomainPtr domain, unsigned int nfiles, int *files,
                         unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    GUEST_HOST_WRITABLE(domain->conn);
    CLIENT_FORWARD(domain->conn, domain_create_with_files, CLIENT_FAILED_NEG, -1, domain, nfiles,
                   files, flags);
}

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_NETWORK

/* The network family refuses read-only connections in its own domain. */
static int
guest_host_net_writable(virConnectPtr conn, const char *api)
{
    if (!(conn->flags & VIR_CONNECT_RO))
        return 0;
    vir_error_report(VIR_FROM_NETWORK, VIR_ERR_OPERATION_DENIED, "read only access prevents %s",
                     api);
    vir_error_dispatch(conn, api);
    return -1;
}

virNetworkPtr
virNetworkCreateXMLFlags(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xmlDesc, NULL);
    if (guest_host_net_writable(conn, __func__) < 0)
        return NULL;
    CLIENT_FORWARD(conn, network_create_xml_flags, CLIENT_FAILED_NULL, NULL, conn, xmlDesc,
                   flags);
}

virNetworkPtr
virNetworkDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    if (guest_host_net_writable(conn, __func__) < 0)
        return NULL;
    CLIENT_CHECK_NONNULL(conn, xml, NULL);
    CLIENT_FORWARD(conn, network_define_xml_flags, CLIENT_FAILED_NULL, NULL, conn, xml, flags);
}

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_DOMAIN

int
virNodeGetFreePages(virConnectPtr conn, unsigned int npages, unsigned int *pages, int startCell,
                    unsigned int cellCount, unsigned long long *counts, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONZERO(conn, npages, -1);
    CLIENT_CHECK_NONNULL(conn, pages, -1);
    CLIENT_CHECK_NONZERO(conn, cellCount, -1);
    CLIENT_CHECK_NONNULL(conn, counts, -1);
    CLIENT_FORWARD(conn, node_get_free_pages, CLIENT_FAILED_NEG, -1, conn, npages, pages,
                   startCell, cellCount, counts, flags);
}

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_STORAGE

char *
virConnectFindStoragePoolSources(virConnectPtr conn, const char *type, const char *srcSpec,
                                 unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, type, NULL);
    if (conn->flags & VIR_CONNECT_RO) {
        vir_error_report(VIR_FROM_STORAGE, VIR_ERR_OPERATION_DENIED,
                         "read only access prevents %s", __func__);
        vir_error_dispatch(conn, __func__);
        return NULL;
    }
    CLIENT_FORWARD(conn, connect_find_storage_pool_sources, CLIENT_FAILED_NULL, NULL, conn, type,
                   srcSpec, flags);
}

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_INTERFACE

/* Read-only refusal in the interface family's domain, as libvirt's. */
static int
guest_host_iface_writable(virConnectPtr conn, const char *api)
{
    if (!(conn->flags & VIR_CONNECT_RO))
        return 0;
    vir_error_report(VIR_FROM_INTERFACE, VIR_ERR_OPERATION_DENIED, "read only access prevents %s",
                     api);
    vir_error_dispatch(conn, api);
    return -1;
}

int
virInterfaceChangeBegin(virConnectPtr conn, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    if (guest_host_iface_writable(conn, __func__) < 0)
        return -1;
    CLIENT_FORWARD(conn, interface_change_begin, CLIENT_FAILED_NEG, -1, conn, flags);
}

int
virInterfaceChangeCommit(virConnectPtr conn, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    if (guest_host_iface_writable(conn, __func__) < 0)
        return -1;
    CLIENT_FORWARD(conn, interface_change_commit, CLIENT_FAILED_NEG, -1, conn, flags);
}

int
virInterfaceChangeRollback(virConnectPtr conn, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    if (guest_host_iface_writable(conn, __func__) < 0)
        return -1;
    CLIENT_FORWARD(conn, interface_change_rollback, CLIENT_FAILED_NEG, -1, conn, flags);
}

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* Save image paths are the caller's: made absolute here, as libvirt's
 * library does before anything is sent. */
static char *
guest_host_abs_path(const char *path)
{
    char cwd[4096];

    if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
        return xstrdup(path);
    return xasprintf("%s/%s", cwd, path);
}

char *
virDomainSaveImageGetXMLDesc(virConnectPtr conn, const char *file, unsigned int flags)
{
    _cleanup_free_ char *abs = NULL;
    char *xml;

    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, file, NULL);
    if (guest_host_check_writable(conn, __func__) < 0)
        return NULL;
    if (!conn->driver->domain_save_image_get_xml_desc) {
        client_report_unsupported(conn, VIR_FROM_DOMAIN, __func__);
        return NULL;
    }
    abs = guest_host_abs_path(file);
    if (!(xml = conn->driver->domain_save_image_get_xml_desc(conn, abs, flags)))
        vir_error_dispatch(conn, __func__);
    return xml;
}

int
virDomainSaveImageDefineXML(virConnectPtr conn, const char *file, const char *dxml,
                            unsigned int flags)
{
    _cleanup_free_ char *abs = NULL;
    int rc;

    CLIENT_ENTER_CONN(conn, -1);
    if (guest_host_check_writable(conn, __func__) < 0)
        return -1;
    CLIENT_CHECK_NONNULL(conn, file, -1);
    CLIENT_CHECK_NONNULL(conn, dxml, -1);
    if ((flags & VIR_DOMAIN_SAVE_RUNNING) && (flags & VIR_DOMAIN_SAVE_PAUSED)) {
        vir_report_invalid_arg(flags, "Flags '%s' and '%s' are mutually exclusive",
                               "VIR_DOMAIN_SAVE_RUNNING", "VIR_DOMAIN_SAVE_PAUSED");
        vir_error_dispatch(conn, __func__);
        return -1;
    }
    if (!conn->driver->domain_save_image_define_xml) {
        client_report_unsupported(conn, VIR_FROM_DOMAIN, __func__);
        return -1;
    }
    abs = guest_host_abs_path(file);
    if ((rc = conn->driver->domain_save_image_define_xml(conn, abs, dxml, flags)) < 0)
        vir_error_dispatch(conn, __func__);
    return rc;
}

void
virDomainFSInfoFree(virDomainFSInfoPtr info)
{
    if (!info)
        return;
    free(info->mountpoint);
    free(info->name);
    free(info->fstype);
    for (size_t i = 0; i < info->ndevAlias; i++)
        free(info->devAlias[i]);
    free(info->devAlias);
    free(info);
}

int
virDomainGetFSInfo(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    GUEST_HOST_WRITABLE(dom->conn);
    CLIENT_CHECK_NONNULL(dom->conn, info, -1);
    *info = NULL;
    CLIENT_FORWARD(dom->conn, domain_get_fs_info, CLIENT_FAILED_NEG, -1, dom, info, flags);
}

int
virConnectGetCPUModelNames(virConnectPtr conn, const char *arch, char ***models,
                           unsigned int flags)
{
    if (models)
        *models = NULL;
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, arch, -1);
    CLIENT_FORWARD(conn, connect_get_cpu_model_names, CLIENT_FAILED_NEG, -1, conn, arch, models,
                   flags);
}

int
virDomainSetLifecycleAction(virDomainPtr domain, unsigned int type, unsigned int action,
                            unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    GUEST_HOST_WRITABLE(domain->conn);
    /* libvirt's bounds: three events, six actions */
    if (type > VIR_DOMAIN_LIFECYCLE_CRASH) {
        vir_report_error(VIR_ERR_INVALID_ARG, "invalid lifecycle type '%u'", type);
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    if (action > VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART) {
        vir_report_error(VIR_ERR_INVALID_ARG, "invalid lifecycle action '%u'", action);
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    CLIENT_FORWARD(domain->conn, domain_set_lifecycle_action, CLIENT_FAILED_NEG, -1, domain,
                   type, action, flags);
}

int
virDomainPinEmulator(virDomainPtr domain, unsigned char *cpumap, int maplen, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    GUEST_HOST_WRITABLE(domain->conn);
    CLIENT_CHECK_NONNULL(domain->conn, cpumap, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, maplen, -1);
    CLIENT_FORWARD(domain->conn, domain_pin_emulator, CLIENT_FAILED_NEG, -1, domain, cpumap,
                   maplen, flags);
}
