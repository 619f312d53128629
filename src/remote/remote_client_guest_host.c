/*
 * remote_client_guest_host.c: guest filesystem, time, password, signal and
 * memory peek calls and the security label list over the REMOTE program
 * (structs in remote_guest_host.x). Sizes are checked against the protocol's
 * bounds before sending, and replies against what was asked.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>

#include "remote/remote_client_guest_host.h"
#include "remote/remote_client_priv.h"
#include "util/alloc.h"
#include "util/error.h"

static int
remote_client_guest_host_fs(virDomainPtr dom, int proc, const char **mountpoints,
                            unsigned int nmountpoints, unsigned int flags)
{
    remote_guest_host_domain_fsfreeze_args args = { .flags = flags };
    remote_guest_host_domain_fsfreeze_ret ret = { 0 };

    if (nmountpoints > REMOTE_GUEST_HOST_FSFREEZE_MOUNTPOINTS_MAX) {
        vir_report_error(VIR_ERR_RPC, "mountpoints length greater than maximum: %u > %d",
                         nmountpoints, REMOTE_GUEST_HOST_FSFREEZE_MOUNTPOINTS_MAX);
        return -1;
    }
    remote_wire_domain_to_wire(dom, &args.dom);
    args.mountpoints.mountpoints_len = nmountpoints;
    args.mountpoints.mountpoints_val = (char **)mountpoints;
    if (remote_client_call(dom->conn, proc,
                           REMOTE_ARG(remote_guest_host_domain_fsfreeze_args, &args),
                           REMOTE_ARG(remote_guest_host_domain_fsfreeze_ret, &ret)) < 0)
        return -1;
    return ret.filesystems;
}

int
remote_client_domain_fs_freeze(virDomainPtr dom, const char **mountpoints,
                               unsigned int nmountpoints, unsigned int flags)
{
    return remote_client_guest_host_fs(dom, REMOTE_PROC_DOMAIN_FSFREEZE, mountpoints, nmountpoints,
                                       flags);
}

int
remote_client_domain_fs_thaw(virDomainPtr dom, const char **mountpoints,
                             unsigned int nmountpoints, unsigned int flags)
{
    return remote_client_guest_host_fs(dom, REMOTE_PROC_DOMAIN_FSTHAW, mountpoints, nmountpoints,
                                       flags);
}

int
remote_client_domain_fs_trim(virDomainPtr dom, const char *mount_point,
                             unsigned long long minimum, unsigned int flags)
{
    char *mp = (char *)mount_point;
    remote_guest_host_domain_fstrim_args args = { .mountPoint = mount_point ? &mp : NULL,
                                                  .minimum = minimum,
                                                  .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_FSTRIM,
                              REMOTE_ARG(remote_guest_host_domain_fstrim_args, &args), REMOTE_VOID);
}

int
remote_client_domain_set_time(virDomainPtr dom, long long seconds, unsigned int nseconds,
                              unsigned int flags)
{
    remote_guest_host_domain_set_time_args args = { .seconds = seconds,
                                                    .nseconds = nseconds,
                                                    .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SET_TIME,
                              REMOTE_ARG(remote_guest_host_domain_set_time_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_set_user_password(virDomainPtr dom, const char *user,
                                       const char *password, unsigned int flags)
{
    char *u = (char *)user, *p = (char *)password;
    remote_guest_host_domain_set_user_password_args args = { .user = user ? &u : NULL,
                                                             .password = password ? &p : NULL,
                                                             .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SET_USER_PASSWORD,
                              REMOTE_ARG(remote_guest_host_domain_set_user_password_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_send_process_signal(virDomainPtr dom, long long pid_value,
                                         unsigned int signum, unsigned int flags)
{
    remote_guest_host_domain_send_process_signal_args args = { .pid_value = pid_value,
                                                               .signum = signum,
                                                               .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SEND_PROCESS_SIGNAL,
                              REMOTE_ARG(remote_guest_host_domain_send_process_signal_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_memory_peek(virDomainPtr dom, unsigned long long start, size_t size,
                                 void *buffer, unsigned int flags)
{
    remote_guest_host_domain_memory_peek_args args = { .offset = start, .flags = flags };
    remote_guest_host_domain_memory_peek_ret ret;
    int rc = -1;

    if (size > REMOTE_GUEST_HOST_MEMORY_PEEK_BUFFER_MAX) {
        vir_report_error(VIR_ERR_RPC, "memory peek request too large for remote protocol, %zu > %d",
                         size, REMOTE_GUEST_HOST_MEMORY_PEEK_BUFFER_MAX);
        return -1;
    }
    args.size = (unsigned int)size;
    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_MEMORY_PEEK,
                           REMOTE_ARG(remote_guest_host_domain_memory_peek_args, &args),
                           REMOTE_ARG(remote_guest_host_domain_memory_peek_ret, &ret)) < 0)
        return -1;
    if (ret.buffer.buffer_len != size) {
        vir_report_error(VIR_ERR_RPC, "%s", "returned buffer is not same size as requested");
    } else {
        if (size)
            memcpy(buffer, ret.buffer.buffer_val, size);
        rc = 0;
    }
    xdr_free((xdrproc_t)xdr_remote_guest_host_domain_memory_peek_ret, (char *)&ret);
    return rc;
}

int
remote_client_domain_get_security_label_list(virDomainPtr dom, virSecurityLabelPtr *seclabels)
{
    remote_guest_host_domain_get_security_label_list_args args;
    remote_guest_host_domain_get_security_label_list_ret ret;
    int rc;

    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(
            dom->conn, REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL_LIST,
            REMOTE_ARG(remote_guest_host_domain_get_security_label_list_args, &args),
            REMOTE_ARG(remote_guest_host_domain_get_security_label_list_ret, &ret)) < 0)
        return -1;
    /* libvirtd answers a failed call with ret -1 and no error body */
    rc = ret.ret;
    *seclabels = NULL;
    if (rc >= 0) {
        u_int n = ret.labels.labels_len;

        *seclabels = xcalloc(n ? n : 1, sizeof(**seclabels));
        for (u_int i = 0; i < n; i++) {
            remote_client_copy_chars(ret.labels.labels_val[i].label.label_val,
                                     ret.labels.labels_val[i].label.label_len,
                                     (*seclabels)[i].label, sizeof((*seclabels)[i].label));
            (*seclabels)[i].enforcing = ret.labels.labels_val[i].enforcing;
        }
        rc = (int)n;
    }
    xdr_free((xdrproc_t)xdr_remote_guest_host_domain_get_security_label_list_ret, (char *)&ret);
    return rc;
}

/* Descriptors travel only over unix sockets, as SCM_RIGHTS; Vireo's RPC
 * client does not send them yet, so a call with any is refused up front
 * rather than started without them. */
static int
remote_client_guest_host_no_files(unsigned int nfiles)
{
    if (nfiles == 0)
        return 0;
    vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                     "passing file descriptors to the daemon is not supported");
    return -1;
}

virDomainPtr
remote_client_domain_create_xml_with_files(virConnectPtr conn, const char *xml,
                                           unsigned int nfiles, int *files, unsigned int flags)
{
    remote_domain_xml_flags_args args = { .xml = (char *)xml, .flags = flags };
    remote_domain_ret ret;
    virDomainPtr dom;

    (void)files;
    if (remote_client_guest_host_no_files(nfiles) < 0)
        return NULL;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_DOMAIN_CREATE_XML_WITH_FILES,
                           REMOTE_ARG(remote_domain_xml_flags_args, &args),
                           REMOTE_ARG(remote_domain_ret, &ret)) < 0)
        return NULL;
    dom = remote_wire_domain_handle(conn, &ret.dom);
    xdr_free((xdrproc_t)xdr_remote_domain_ret, (char *)&ret);
    return dom;
}

int
remote_client_domain_create_with_files(virDomainPtr dom, unsigned int nfiles, int *files,
                                       unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };
    remote_domain_ret ret;

    (void)files;
    if (remote_client_guest_host_no_files(nfiles) < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_CREATE_WITH_FILES,
                           REMOTE_ARG(remote_domain_flags_args, &args),
                           REMOTE_ARG(remote_domain_ret, &ret)) < 0)
        return -1;
    /* the started domain's new id, as virDomainCreateWithFlags */
    dom->id = ret.dom.id;
    xdr_free((xdrproc_t)xdr_remote_domain_ret, (char *)&ret);
    return 0;
}

static virNetworkPtr
remote_client_guest_host_net_xml(virConnectPtr conn, int proc, const char *xml, unsigned int flags)
{
    remote_domain_xml_flags_args args = { .xml = (char *)xml, .flags = flags };
    remote_network_ret ret;
    virNetworkPtr net;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, REMOTE_ARG(remote_domain_xml_flags_args, &args),
                           REMOTE_ARG(remote_network_ret, &ret)) < 0)
        return NULL;
    net = remote_wire_network_handle(conn, &ret.net);
    xdr_free((xdrproc_t)xdr_remote_network_ret, (char *)&ret);
    return net;
}

virNetworkPtr
remote_client_network_create_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    return remote_client_guest_host_net_xml(conn, REMOTE_PROC_NETWORK_CREATE_XML_FLAGS, xml, flags);
}

virNetworkPtr
remote_client_network_define_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    return remote_client_guest_host_net_xml(conn, REMOTE_PROC_NETWORK_DEFINE_XML_FLAGS, xml, flags);
}

int
remote_client_node_get_free_pages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                                  int start_cell, unsigned int cell_count,
                                  unsigned long long *counts, unsigned int flags)
{
    remote_guest_host_node_get_free_pages_args args = { .startCell = start_cell,
                                                        .cellCount = cell_count,
                                                        .flags = flags };
    remote_guest_host_node_get_free_pages_ret ret;
    unsigned long long want = (unsigned long long)npages * cell_count;
    int rc = -1;

    if (want > REMOTE_GUEST_HOST_NODE_MAX_CELLS) {
        vir_report_error(VIR_ERR_RPC, "too many NUMA cells: %llu > %d", want,
                         REMOTE_GUEST_HOST_NODE_MAX_CELLS);
        return -1;
    }
    args.pages.pages_len = npages;
    args.pages.pages_val = pages;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_NODE_GET_FREE_PAGES,
                           REMOTE_ARG(remote_guest_host_node_get_free_pages_args, &args),
                           REMOTE_ARG(remote_guest_host_node_get_free_pages_ret, &ret)) < 0)
        return -1;
    if (ret.counts.counts_len > want) {
        vir_report_error(VIR_ERR_RPC, "%s", "the daemon sent more page counts than asked for");
    } else {
        memcpy(counts, ret.counts.counts_val, ret.counts.counts_len * sizeof(*counts));
        rc = (int)ret.counts.counts_len;
    }
    xdr_free((xdrproc_t)xdr_remote_guest_host_node_get_free_pages_ret, (char *)&ret);
    return rc;
}

char *
remote_client_connect_find_storage_pool_sources(virConnectPtr conn, const char *type,
                                                const char *src_spec, unsigned int flags)
{
    char *spec = (char *)src_spec;
    remote_guest_host_connect_find_storage_pool_sources_args args = {
        .type = (char *)type, .srcSpec = src_spec ? &spec : NULL, .flags = flags
    };
    remote_guest_host_connect_find_storage_pool_sources_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(
            conn, REMOTE_PROC_CONNECT_FIND_STORAGE_POOL_SOURCES,
            REMOTE_ARG(remote_guest_host_connect_find_storage_pool_sources_args, &args),
            REMOTE_ARG(remote_guest_host_connect_find_storage_pool_sources_ret, &ret)) < 0)
        return NULL;
    return ret.xml; /* the caller's now */
}

static int
remote_client_guest_host_iface_change(virConnectPtr conn, int proc, unsigned int flags)
{
    remote_guest_host_interface_change_args args = { .flags = flags };

    return remote_client_call(
        conn, proc, REMOTE_ARG(remote_guest_host_interface_change_args, &args), REMOTE_VOID);
}

int
remote_client_interface_change_begin(virConnectPtr conn, unsigned int flags)
{
    return remote_client_guest_host_iface_change(conn, REMOTE_PROC_INTERFACE_CHANGE_BEGIN, flags);
}

int
remote_client_interface_change_commit(virConnectPtr conn, unsigned int flags)
{
    return remote_client_guest_host_iface_change(conn, REMOTE_PROC_INTERFACE_CHANGE_COMMIT, flags);
}

int
remote_client_interface_change_rollback(virConnectPtr conn, unsigned int flags)
{
    return remote_client_guest_host_iface_change(conn, REMOTE_PROC_INTERFACE_CHANGE_ROLLBACK,
                                                 flags);
}

char *
remote_client_domain_save_image_get_xml_desc(virConnectPtr conn, const char *path,
                                             unsigned int flags)
{
    remote_guest_host_domain_save_image_get_xml_desc_args args = { .file = (char *)path,
                                                                   .flags = flags };
    remote_guest_host_domain_save_image_get_xml_desc_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(
            conn, REMOTE_PROC_DOMAIN_SAVE_IMAGE_GET_XML_DESC,
            REMOTE_ARG(remote_guest_host_domain_save_image_get_xml_desc_args, &args),
            REMOTE_ARG(remote_guest_host_domain_save_image_get_xml_desc_ret, &ret)) < 0)
        return NULL;
    return ret.xml; /* the caller's now */
}

int
remote_client_domain_save_image_define_xml(virConnectPtr conn, const char *path,
                                           const char *dxml, unsigned int flags)
{
    remote_guest_host_domain_save_image_define_xml_args args = { .file = (char *)path,
                                                                 .dxml = (char *)dxml,
                                                                 .flags = flags };

    return remote_client_call(
        conn, REMOTE_PROC_DOMAIN_SAVE_IMAGE_DEFINE_XML,
        REMOTE_ARG(remote_guest_host_domain_save_image_define_xml_args, &args), REMOTE_VOID);
}

int
remote_client_domain_get_fs_info(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags)
{
    remote_guest_host_domain_get_fsinfo_args args = { .flags = flags };
    remote_guest_host_domain_get_fsinfo_ret ret;
    virDomainFSInfoPtr *list;
    u_int n;

    memset(&ret, 0, sizeof(ret));
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_FSINFO,
                           REMOTE_ARG(remote_guest_host_domain_get_fsinfo_args, &args),
                           REMOTE_ARG(remote_guest_host_domain_get_fsinfo_ret, &ret)) < 0)
        return -1;
    /* the list's length was bounded by the decoder */
    n = ret.info.info_len;
    list = xcalloc(n ? n : 1, sizeof(*list));
    for (u_int i = 0; i < n; i++) {
        const remote_guest_host_domain_fsinfo *w = &ret.info.info_val[i];
        virDomainFSInfoPtr fs = XNEW(virDomainFSInfo);

        fs->mountpoint = xstrdup(w->mountpoint);
        fs->name = xstrdup(w->name);
        fs->fstype = xstrdup(w->fstype);
        fs->ndevAlias = w->dev_aliases.dev_aliases_len;
        fs->devAlias = xcalloc(fs->ndevAlias ? fs->ndevAlias : 1, sizeof(char *));
        for (size_t j = 0; j < fs->ndevAlias; j++)
            fs->devAlias[j] = xstrdup(w->dev_aliases.dev_aliases_val[j]);
        list[i] = fs;
    }
    xdr_free((xdrproc_t)xdr_remote_guest_host_domain_get_fsinfo_ret, (char *)&ret);
    *info = list;
    return (int)n;
}

int
remote_client_connect_get_cpu_model_names(virConnectPtr conn, const char *arch, char ***models,
                                          unsigned int flags)
{
    remote_guest_host_connect_get_cpu_model_names_args args = { .arch = (char *)arch,
                                                                .need_results = !!models,
                                                                .flags = flags };
    remote_guest_host_connect_get_cpu_model_names_ret ret;
    int rc;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_GET_CPU_MODEL_NAMES,
                           REMOTE_ARG(remote_guest_host_connect_get_cpu_model_names_args, &args),
                           REMOTE_ARG(remote_guest_host_connect_get_cpu_model_names_ret, &ret)) < 0)
        return -1;
    rc = ret.ret;
    if (models) {
        u_int n = ret.models.models_len;

        *models = xcalloc((size_t)n + 1, sizeof(char *));
        for (u_int i = 0; i < n; i++)
            (*models)[i] = xstrdup(ret.models.models_val[i]);
    }
    xdr_free((xdrproc_t)xdr_remote_guest_host_connect_get_cpu_model_names_ret, (char *)&ret);
    return rc;
}

int
remote_client_domain_set_lifecycle_action(virDomainPtr dom, unsigned int type,
                                          unsigned int action, unsigned int flags)
{
    remote_guest_host_domain_set_lifecycle_action_args args = { .type = type,
                                                                .action = action,
                                                                .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SET_LIFECYCLE_ACTION,
                              REMOTE_ARG(remote_guest_host_domain_set_lifecycle_action_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_pin_emulator(virDomainPtr dom, unsigned char *cpumap, int maplen,
                                  unsigned int flags)
{
    remote_guest_host_domain_pin_emulator_args args = { .flags = flags };

    if (maplen > REMOTE_GUEST_HOST_CPUMAP_MAX) {
        vir_report_error(VIR_ERR_RPC, "cpumap length greater than maximum: %d > %d", maplen,
                         REMOTE_GUEST_HOST_CPUMAP_MAX);
        return -1;
    }
    remote_wire_domain_to_wire(dom, &args.dom);
    args.cpumap.cpumap_len = (u_int)maplen;
    args.cpumap.cpumap_val = (char *)cpumap;
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_PIN_EMULATOR,
                              REMOTE_ARG(remote_guest_host_domain_pin_emulator_args, &args),
                              REMOTE_VOID);
}
