/*
 * remote_client_domain.c: domain methods of the remote driver.
 *
 * Where libvirt has both a plain and a *_FLAGS procedure and the plain API
 * reaches the driver with flags 0, flags 0 uses the plain one, because that
 * is what libvirt's client sends for the plain API (virsh's start, destroy,
 * shutdown and define do) and daemons and captures expect those numbers.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>
#include "remote/remote_client_priv.h"
#include "util/alloc.h"
#include "util/error.h"

/* ---- shapes shared by many procedures ---------------------------------- */

/* proc(dom) -> void */
static int
remote_client_domain_void(virDomainPtr dom, int proc)
{
    remote_domain_args args;

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, proc, REMOTE_ARG(remote_domain_args, &args),
                              REMOTE_VOID);
}

/* proc(dom, flags) -> void */
static int
remote_client_domain_flags_void(virDomainPtr dom, int proc, unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, proc, REMOTE_ARG(remote_domain_flags_args, &args),
                              REMOTE_VOID);
}

/* proc(dom) -> int */
static int
remote_client_domain_int(virDomainPtr dom, int proc)
{
    remote_domain_args args;
    remote_int_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, proc, REMOTE_ARG(remote_domain_args, &args),
                           REMOTE_ARG(remote_int_ret, &ret)) < 0)
        return -1;
    return ret.value;
}

/* proc(dom, flags) -> int */
static int
remote_client_domain_flags_int(virDomainPtr dom, int proc, unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };
    remote_int_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, proc, REMOTE_ARG(remote_domain_flags_args, &args),
                           REMOTE_ARG(remote_int_ret, &ret)) < 0)
        return -1;
    return ret.value;
}

/* proc(args) -> dom: a new handle for the domain the daemon answered. */
static virDomainPtr
remote_client_domain_get(virConnectPtr conn, int proc, xdrproc_t args_filter, void *args)
{
    remote_domain_ret ret;
    virDomainPtr dom;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, args_filter, args, REMOTE_ARG(remote_domain_ret, &ret)) < 0)
        return NULL;
    dom = remote_wire_domain_handle(conn, &ret.dom);
    xdr_free((xdrproc_t)xdr_remote_domain_ret, (char *)&ret);
    return dom;
}

/* ---- lookups and lists ------------------------------------------------- */

virDomainPtr
remote_client_domain_lookup_by_id(virConnectPtr conn, int id)
{
    remote_domain_lookup_by_id_args args = { .id = id };

    return remote_client_domain_get(conn, REMOTE_PROC_DOMAIN_LOOKUP_BY_ID,
                                    REMOTE_ARG(remote_domain_lookup_by_id_args, &args));
}

virDomainPtr
remote_client_domain_lookup_by_name(virConnectPtr conn, const char *name)
{
    remote_domain_lookup_by_name_args args = { .name = (char *)name };

    return remote_client_domain_get(conn, REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME,
                                    REMOTE_ARG(remote_domain_lookup_by_name_args, &args));
}

virDomainPtr
remote_client_domain_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    remote_domain_lookup_by_uuid_args args;

    memcpy(args.uuid, uuid, VIR_UUID_BUFLEN);
    return remote_client_domain_get(conn, REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID,
                                    REMOTE_ARG(remote_domain_lookup_by_uuid_args, &args));
}

static int
remote_client_num(virConnectPtr conn, int proc)
{
    remote_connect_num_ret ret = { 0 };

    if (remote_client_call(conn, proc, REMOTE_VOID, REMOTE_ARG(remote_connect_num_ret, &ret)) < 0)
        return -1;
    return ret.num;
}

int
remote_client_connect_num_of_domains(virConnectPtr conn)
{
    return remote_client_num(conn, REMOTE_PROC_CONNECT_NUM_OF_DOMAINS);
}

int
remote_client_connect_num_of_defined_domains(virConnectPtr conn)
{
    return remote_client_num(conn, REMOTE_PROC_CONNECT_NUM_OF_DEFINED_DOMAINS);
}

int
remote_client_connect_list_domains(virConnectPtr conn, int *ids, int maxids)
{
    remote_connect_list_domains_args args = { .maxids = maxids };
    remote_connect_list_domains_ret ret;
    int n;

    if (remote_client_check_max(maxids, REMOTE_DOMAIN_LIST_MAX, "domain IDs") < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_LIST_DOMAINS,
                           REMOTE_ARG(remote_connect_list_domains_args, &args),
                           REMOTE_ARG(remote_connect_list_domains_ret, &ret)) < 0)
        return -1;
    n = ret.ids.ids_len;
    if (n > maxids) {
        vir_report_error(VIR_ERR_RPC, "too many remote domain IDs: %d > %d", n, maxids);
        n = -1;
    }
    for (int i = 0; i < n; i++)
        ids[i] = ret.ids.ids_val[i];
    xdr_free((xdrproc_t)xdr_remote_connect_list_domains_ret, (char *)&ret);
    return n;
}

int
remote_client_connect_list_defined_domains(virConnectPtr conn, char **const names, int maxnames)
{
    remote_connect_list_args args = { .maxnames = maxnames };
    remote_connect_list_defined_domains_ret ret;
    int n;

    if (remote_client_check_max(maxnames, REMOTE_DOMAIN_LIST_MAX, "domain names") < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_LIST_DEFINED_DOMAINS,
                           REMOTE_ARG(remote_connect_list_args, &args),
                           REMOTE_ARG(remote_connect_list_defined_domains_ret, &ret)) < 0)
        return -1;
    n = remote_client_copy_names(ret.names.names_val, ret.names.names_len, names, maxnames);
    xdr_free((xdrproc_t)xdr_remote_connect_list_defined_domains_ret, (char *)&ret);
    return n;
}

int
remote_client_connect_list_all_domains(virConnectPtr conn, virDomainPtr **domains,
                                       unsigned int flags)
{
    remote_connect_list_all_args args = { .need_results = domains != NULL, .flags = flags };
    remote_connect_list_all_domains_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS,
                           REMOTE_ARG(remote_connect_list_all_args, &args),
                           REMOTE_ARG(remote_connect_list_all_domains_ret, &ret)) < 0)
        return -1;
    if (domains) {
        virDomainPtr *doms = XNEW_ARRAY(virDomainPtr, ret.domains.domains_len + 1);

        for (u_int i = 0; i < ret.domains.domains_len; i++)
            doms[i] = remote_wire_domain_handle(conn, &ret.domains.domains_val[i]);
        *domains = doms;
        n = ret.domains.domains_len;
    } else {
        n = ret.ret;
    }
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_domains_ret, (char *)&ret);
    return n;
}

/* ---- queries ----------------------------------------------------------- */

int
remote_client_domain_get_info(virDomainPtr dom, virDomainInfoPtr info)
{
    remote_domain_args args;
    remote_domain_get_info_ret ret;

    remote_wire_domain_to_wire(dom, &args.dom);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_INFO,
                           REMOTE_ARG(remote_domain_args, &args),
                           REMOTE_ARG(remote_domain_get_info_ret, &ret)) < 0)
        return -1;
    info->state = ret.state;
    info->maxMem = ret.max_mem;
    info->memory = ret.memory;
    info->nrVirtCpu = ret.nr_virt_cpu;
    info->cpuTime = ret.cpu_time;
    return 0;
}

int
remote_client_domain_get_state(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };
    remote_domain_get_state_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_STATE,
                           REMOTE_ARG(remote_domain_flags_args, &args),
                           REMOTE_ARG(remote_domain_get_state_ret, &ret)) < 0)
        return -1;
    *state = ret.state;
    if (reason)
        *reason = ret.reason;
    return 0;
}

/* proc(dom, [flags]) -> string; the reply's string becomes the caller's. */
static char *
remote_client_domain_string(virDomainPtr dom, int proc, bool with_flags, unsigned int flags)
{
    remote_domain_flags_args fargs = { .flags = flags };
    remote_domain_args args;
    remote_string_ret ret = { 0 };
    int rc;

    remote_wire_domain_to_wire(dom, &args.dom);
    fargs.dom = args.dom;
    if (with_flags)
        rc = remote_client_call(dom->conn, proc, REMOTE_ARG(remote_domain_flags_args, &fargs),
                                REMOTE_ARG(remote_string_ret, &ret));
    else
        rc = remote_client_call(dom->conn, proc, REMOTE_ARG(remote_domain_args, &args),
                                REMOTE_ARG(remote_string_ret, &ret));
    return rc < 0 ? NULL : ret.str;
}

char *
remote_client_domain_get_os_type(virDomainPtr dom)
{
    return remote_client_domain_string(dom, REMOTE_PROC_DOMAIN_GET_OS_TYPE, false, 0);
}

char *
remote_client_domain_get_xml_desc(virDomainPtr dom, unsigned int flags)
{
    return remote_client_domain_string(dom, REMOTE_PROC_DOMAIN_GET_XML_DESC, true, flags);
}

unsigned long
remote_client_domain_get_max_memory(virDomainPtr dom)
{
    remote_domain_args args;
    remote_domain_get_max_memory_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_MAX_MEMORY,
                           REMOTE_ARG(remote_domain_args, &args),
                           REMOTE_ARG(remote_domain_get_max_memory_ret, &ret)) < 0)
        return 0;
    return ret.memory;
}

int
remote_client_domain_get_max_vcpus(virDomainPtr dom)
{
    return remote_client_domain_int(dom, REMOTE_PROC_DOMAIN_GET_MAX_VCPUS);
}

int
remote_client_domain_get_vcpus_flags(virDomainPtr dom, unsigned int flags)
{
    return remote_client_domain_flags_int(dom, REMOTE_PROC_DOMAIN_GET_VCPUS_FLAGS, flags);
}

int
remote_client_domain_is_active(virDomainPtr dom)
{
    return remote_client_domain_int(dom, REMOTE_PROC_DOMAIN_IS_ACTIVE);
}

int
remote_client_domain_is_persistent(virDomainPtr dom)
{
    return remote_client_domain_int(dom, REMOTE_PROC_DOMAIN_IS_PERSISTENT);
}

int
remote_client_domain_is_updated(virDomainPtr dom)
{
    return remote_client_domain_int(dom, REMOTE_PROC_DOMAIN_IS_UPDATED);
}

int
remote_client_domain_get_autostart(virDomainPtr dom, int *autostart)
{
    int v = remote_client_domain_int(dom, REMOTE_PROC_DOMAIN_GET_AUTOSTART);

    if (v < 0)
        return -1;
    *autostart = v;
    return 0;
}

int
remote_client_domain_has_managed_save_image(virDomainPtr dom, unsigned int flags)
{
    return remote_client_domain_flags_int(dom, REMOTE_PROC_DOMAIN_HAS_MANAGED_SAVE_IMAGE,
                                          flags);
}

int
remote_client_domain_snapshot_num(virDomainPtr dom, unsigned int flags)
{
    return remote_client_domain_flags_int(dom, REMOTE_PROC_DOMAIN_SNAPSHOT_NUM, flags);
}

int
remote_client_domain_get_security_label(virDomainPtr dom, virSecurityLabelPtr seclabel)
{
    remote_domain_args args;
    remote_domain_get_security_label_ret ret;

    remote_wire_domain_to_wire(dom, &args.dom);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_SECURITY_LABEL,
                           REMOTE_ARG(remote_domain_args, &args),
                           REMOTE_ARG(remote_domain_get_security_label_ret, &ret)) < 0)
        return -1;
    memset(seclabel, 0, sizeof(*seclabel));
    remote_client_copy_chars(ret.label.label_val, ret.label.label_len, seclabel->label,
                             sizeof(seclabel->label));
    seclabel->enforcing = ret.enforcing;
    xdr_free((xdrproc_t)xdr_remote_domain_get_security_label_ret, (char *)&ret);
    return 0;
}

int
remote_client_domain_get_messages(virDomainPtr dom, char ***msgs, unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };
    remote_domain_get_messages_ret ret;
    char **list;
    int n;

    remote_wire_domain_to_wire(dom, &args.dom);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_MESSAGES,
                           REMOTE_ARG(remote_domain_flags_args, &args),
                           REMOTE_ARG(remote_domain_get_messages_ret, &ret)) < 0)
        return -1;
    n = ret.msgs.msgs_len;
    list = XNEW_ARRAY(char *, n + 1);
    for (int i = 0; i < n; i++)
        list[i] = xstrdup(ret.msgs.msgs_val[i]);
    xdr_free((xdrproc_t)xdr_remote_domain_get_messages_ret, (char *)&ret);
    *msgs = list;
    return n;
}

/* ---- changes ----------------------------------------------------------- */

virDomainPtr
remote_client_domain_define_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    remote_domain_xml_flags_args fargs = { .xml = (char *)xml, .flags = flags };
    remote_domain_define_xml_args args = { .xml = (char *)xml };

    if (flags)
        return remote_client_domain_get(conn, REMOTE_PROC_DOMAIN_DEFINE_XML_FLAGS,
                                        REMOTE_ARG(remote_domain_xml_flags_args, &fargs));
    return remote_client_domain_get(conn, REMOTE_PROC_DOMAIN_DEFINE_XML,
                                    REMOTE_ARG(remote_domain_define_xml_args, &args));
}

virDomainPtr
remote_client_domain_create_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    remote_domain_xml_flags_args args = { .xml = (char *)xml, .flags = flags };

    return remote_client_domain_get(conn, REMOTE_PROC_DOMAIN_CREATE_XML,
                                    REMOTE_ARG(remote_domain_xml_flags_args, &args));
}

int
remote_client_domain_undefine_flags(virDomainPtr dom, unsigned int flags)
{
    return remote_client_domain_flags_void(dom, REMOTE_PROC_DOMAIN_UNDEFINE_FLAGS, flags);
}

/* Starting gives the domain a new id, which the handle must show (virsh
 * refuses to start a domain whose handle has one). CREATE_WITH_FLAGS
 * answers the domain; plain CREATE does not, so look it up by UUID, as
 * libvirt's client does. */
int
remote_client_domain_create_with_flags(virDomainPtr dom, unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };
    remote_domain_ret ret;
    virDomainPtr fresh;

    if (flags) {
        remote_wire_domain_to_wire(dom, &args.dom);
        memset(&ret, 0, sizeof(ret));
        if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_CREATE_WITH_FLAGS,
                               REMOTE_ARG(remote_domain_flags_args, &args),
                               REMOTE_ARG(remote_domain_ret, &ret)) < 0)
            return -1;
        dom->id = ret.dom.id;
        xdr_free((xdrproc_t)xdr_remote_domain_ret, (char *)&ret);
        return 0;
    }
    if (remote_client_domain_void(dom, REMOTE_PROC_DOMAIN_CREATE) < 0)
        return -1;
    if (!(fresh = remote_client_domain_lookup_by_uuid(dom->conn, dom->uuid)))
        return -1;
    dom->id = fresh->id;
    handle_domain_unref(fresh);
    return 0;
}

int
remote_client_domain_destroy_flags(virDomainPtr dom, unsigned int flags)
{
    int rc = flags ? remote_client_domain_flags_void(dom, REMOTE_PROC_DOMAIN_DESTROY_FLAGS, flags)
                   : remote_client_domain_void(dom, REMOTE_PROC_DOMAIN_DESTROY);

    /* A destroyed domain has no id any more (libvirt's client does this). */
    if (rc == 0)
        dom->id = -1;
    return rc;
}

int
remote_client_domain_shutdown_flags(virDomainPtr dom, unsigned int flags)
{
    if (flags)
        return remote_client_domain_flags_void(dom, REMOTE_PROC_DOMAIN_SHUTDOWN_FLAGS, flags);
    return remote_client_domain_void(dom, REMOTE_PROC_DOMAIN_SHUTDOWN);
}

int
remote_client_domain_reboot(virDomainPtr dom, unsigned int flags)
{
    return remote_client_domain_flags_void(dom, REMOTE_PROC_DOMAIN_REBOOT, flags);
}

int
remote_client_domain_suspend(virDomainPtr dom)
{
    return remote_client_domain_void(dom, REMOTE_PROC_DOMAIN_SUSPEND);
}

int
remote_client_domain_resume(virDomainPtr dom)
{
    return remote_client_domain_void(dom, REMOTE_PROC_DOMAIN_RESUME);
}

int
remote_client_domain_set_autostart(virDomainPtr dom, int autostart)
{
    remote_domain_set_autostart_args args = { .autostart = autostart };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SET_AUTOSTART,
                              REMOTE_ARG(remote_domain_set_autostart_args, &args), REMOTE_VOID);
}

int
remote_client_domain_set_max_memory(virDomainPtr dom, unsigned long memory)
{
    remote_domain_memory_args args = { .memory = memory };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SET_MAX_MEMORY,
                              REMOTE_ARG(remote_domain_memory_args, &args), REMOTE_VOID);
}

/* Always the *_FLAGS procedures: virsh calls the flags APIs (AFFECT_LIVE by
 * default), and libvirt's client sends those as SET_MEMORY_FLAGS and
 * SET_VCPUS_FLAGS. The plain APIs reach the driver as the same method with
 * AFFECT_LIVE, which every driver treats as the plain call. */
int
remote_client_domain_set_memory_flags(virDomainPtr dom, unsigned long memory,
                                      unsigned int flags)
{
    remote_domain_set_memory_flags_args args = { .memory = memory, .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SET_MEMORY_FLAGS,
                              REMOTE_ARG(remote_domain_set_memory_flags_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_set_vcpus_flags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags)
{
    remote_domain_set_vcpus_flags_args args = { .nvcpus = nvcpus, .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SET_VCPUS_FLAGS,
                              REMOTE_ARG(remote_domain_set_vcpus_flags_args, &args),
                              REMOTE_VOID);
}
