/*
 * remote_server_domain.c: REMOTE procedures on domains, forwarded to the
 * public API on the client's hypervisor connection.
 *
 * A domain argument becomes a temporary handle (the driver finds the domain
 * by UUID, as libvirt's do) that lives for the duration of the call.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <string.h>
#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

typedef int (*RemoteDomainFn)(virDomainPtr dom);
typedef int (*RemoteDomainFlagsFn)(virDomainPtr dom, unsigned int flags);

/* Calls fn on the domain w names; returns its result (< 0 on failure). */
static int
remote_server_domain_call(virConnectPtr conn, const remote_nonnull_domain *w, RemoteDomainFn fn)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, w);
    int rc = fn(dom);

    handle_domain_unref(dom);
    return rc;
}

static int
remote_server_domain_call_flags(virConnectPtr conn, const remote_nonnull_domain *w,
                                RemoteDomainFlagsFn fn, unsigned int flags)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, w);
    int rc = fn(dom, flags);

    handle_domain_unref(dom);
    return rc;
}

/* Puts a domain the API returned into ret and releases it. */
static int
remote_server_domain_take(virDomainPtr dom, remote_domain_ret *ret)
{
    if (!dom)
        return -1;
    remote_wire_domain_to_wire_dup(dom, &ret->dom);
    handle_domain_unref(dom);
    return 0;
}

/* ---- lookups and lists ------------------------------------------------- */

REMOTE_DISPATCH(remote_dispatch_domain_lookup_by_id, remote_domain_lookup_by_id_args,
                remote_domain_ret)
{
    return remote_server_domain_take(virDomainLookupByID(conn, args->id), ret);
}

REMOTE_DISPATCH(remote_dispatch_domain_lookup_by_name, remote_domain_lookup_by_name_args,
                remote_domain_ret)
{
    return remote_server_domain_take(virDomainLookupByName(conn, args->name), ret);
}

REMOTE_DISPATCH(remote_dispatch_domain_lookup_by_uuid, remote_domain_lookup_by_uuid_args,
                remote_domain_ret)
{
    return remote_server_domain_take(
        virDomainLookupByUUID(conn, (const unsigned char *)args->uuid), ret);
}

REMOTE_DISPATCH(remote_dispatch_connect_num_of_domains, void, remote_connect_num_ret)
{
    return remote_server_take_int(virConnectNumOfDomains(conn), &ret->num);
}

REMOTE_DISPATCH(remote_dispatch_connect_num_of_defined_domains, void, remote_connect_num_ret)
{
    return remote_server_take_int(virConnectNumOfDefinedDomains(conn), &ret->num);
}

REMOTE_DISPATCH(remote_dispatch_connect_list_domains, remote_connect_list_domains_args,
                remote_connect_list_domains_ret)
{
    int n;

    if (REMOTE_SERVER_CHECK_MAX(args->maxids, REMOTE_DOMAIN_LIST_MAX, "maxids") < 0)
        return -1;
    ret->ids.ids_val = XNEW_ARRAY(int, args->maxids ? args->maxids : 1);
    if ((n = virConnectListDomains(conn, ret->ids.ids_val, args->maxids)) < 0)
        return -1;
    ret->ids.ids_len = n;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_connect_list_defined_domains, remote_connect_list_args,
                remote_connect_list_defined_domains_ret)
{
    int n;

    if (REMOTE_SERVER_CHECK_MAX(args->maxnames, REMOTE_DOMAIN_LIST_MAX, "maxnames") < 0)
        return -1;
    ret->names.names_val = XNEW_ARRAY(char *, args->maxnames ? args->maxnames : 1);
    if ((n = virConnectListDefinedDomains(conn, ret->names.names_val, args->maxnames)) < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_connect_list_all_domains, remote_connect_list_all_args,
                remote_connect_list_all_domains_ret)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(conn, args->need_results ? &doms : NULL, args->flags);
    int rc = 0;

    if (n < 0)
        return -1;
    if (n > REMOTE_DOMAIN_LIST_MAX) {
        vir_report_error(VIR_ERR_RPC, "too many domains '%d' for limit '%d'", n,
                         REMOTE_DOMAIN_LIST_MAX);
        rc = -1;
    } else if (doms) {
        ret->domains.domains_val = XNEW_ARRAY(remote_nonnull_domain, n ? n : 1);
        ret->domains.domains_len = n;
        for (int i = 0; i < n; i++)
            remote_wire_domain_to_wire_dup(doms[i], &ret->domains.domains_val[i]);
    }
    for (int i = 0; doms && i < n; i++)
        handle_domain_unref(doms[i]);
    free(doms);
    ret->ret = n;
    return rc;
}

/* ---- queries ----------------------------------------------------------- */

REMOTE_DISPATCH(remote_dispatch_domain_get_info, remote_domain_args, remote_domain_get_info_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virDomainInfo info;
    int rc;

    memset(&info, 0, sizeof(info));
    rc = virDomainGetInfo(dom, &info);
    handle_domain_unref(dom);
    if (rc < 0)
        return -1;
    ret->state = info.state;
    ret->max_mem = info.maxMem;
    ret->memory = info.memory;
    ret->nr_virt_cpu = info.nrVirtCpu;
    ret->cpu_time = info.cpuTime;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_state, remote_domain_flags_args,
                remote_domain_get_state_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainGetState(dom, &ret->state, &ret->reason, args->flags);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_os_type, remote_domain_args, remote_string_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    char *s = virDomainGetOSType(dom);

    handle_domain_unref(dom);
    return remote_server_take_str(s, &ret->str);
}

REMOTE_DISPATCH(remote_dispatch_domain_get_xml_desc, remote_domain_flags_args,
                remote_string_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    char *s = virDomainGetXMLDesc(dom, args->flags);

    handle_domain_unref(dom);
    return remote_server_take_str(s, &ret->str);
}

REMOTE_DISPATCH(remote_dispatch_domain_get_max_memory, remote_domain_args,
                remote_domain_get_max_memory_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    unsigned long mem = virDomainGetMaxMemory(dom);

    handle_domain_unref(dom);
    /* 0 is the API's failure value; only a recorded error makes it one. */
    if (mem == 0 && vir_error_is_set())
        return -1;
    ret->memory = mem;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_max_vcpus, remote_domain_args, remote_int_ret)
{
    return remote_server_take_int(
        remote_server_domain_call(conn, &args->dom, virDomainGetMaxVcpus), &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_domain_get_vcpus_flags, remote_domain_flags_args,
                remote_int_ret)
{
    return remote_server_take_int(
        remote_server_domain_call_flags(conn, &args->dom, virDomainGetVcpusFlags, args->flags),
        &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_domain_is_active, remote_domain_args, remote_int_ret)
{
    return remote_server_take_int(
        remote_server_domain_call(conn, &args->dom, virDomainIsActive), &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_domain_is_persistent, remote_domain_args, remote_int_ret)
{
    return remote_server_take_int(
        remote_server_domain_call(conn, &args->dom, virDomainIsPersistent), &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_domain_is_updated, remote_domain_args, remote_int_ret)
{
    return remote_server_take_int(
        remote_server_domain_call(conn, &args->dom, virDomainIsUpdated), &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_domain_get_autostart, remote_domain_args, remote_int_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainGetAutostart(dom, &ret->value);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_has_managed_save_image, remote_domain_flags_args,
                remote_int_ret)
{
    return remote_server_take_int(
        remote_server_domain_call_flags(conn, &args->dom, virDomainHasManagedSaveImage,
                                        args->flags),
        &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_domain_snapshot_num, remote_domain_flags_args, remote_int_ret)
{
    return remote_server_take_int(
        remote_server_domain_call_flags(conn, &args->dom, virDomainSnapshotNum, args->flags),
        &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_domain_get_security_label, remote_domain_args,
                remote_domain_get_security_label_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virSecurityLabel label;
    int rc;

    memset(&label, 0, sizeof(label));
    rc = virDomainGetSecurityLabel(dom, &label);
    handle_domain_unref(dom);
    if (rc < 0)
        return -1;
    /* The label travels with its NUL, as libvirt sends it. */
    ret->label.label_len = strnlen(label.label, sizeof(label.label) - 1) + 1;
    ret->label.label_val = xstrndup(label.label, ret->label.label_len - 1);
    ret->enforcing = label.enforcing;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_messages, remote_domain_flags_args,
                remote_domain_get_messages_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    char **msgs = NULL;
    int n = virDomainGetMessages(dom, &msgs, args->flags);

    handle_domain_unref(dom);
    if (n < 0)
        return -1;
    if (n > REMOTE_DOMAIN_MESSAGES_MAX) {
        for (int i = 0; i < n; i++)
            free(msgs[i]);
        free(msgs);
        vir_report_error(VIR_ERR_RPC, "too many messages '%d' for limit '%d'", n,
                         REMOTE_DOMAIN_MESSAGES_MAX);
        return -1;
    }
    /* The array from the API is NULL-terminated; the reply takes the
     * strings and the array as they are. */
    ret->msgs.msgs_val = msgs;
    ret->msgs.msgs_len = n;
    return 0;
}

/* ---- changes ----------------------------------------------------------- */

REMOTE_DISPATCH(remote_dispatch_domain_define_xml, remote_domain_define_xml_args,
                remote_domain_ret)
{
    return remote_server_domain_take(virDomainDefineXML(conn, args->xml), ret);
}

REMOTE_DISPATCH(remote_dispatch_domain_define_xml_flags, remote_domain_xml_flags_args,
                remote_domain_ret)
{
    return remote_server_domain_take(virDomainDefineXMLFlags(conn, args->xml, args->flags),
                                     ret);
}

REMOTE_DISPATCH(remote_dispatch_domain_create_xml, remote_domain_xml_flags_args,
                remote_domain_ret)
{
    return remote_server_domain_take(virDomainCreateXML(conn, args->xml, args->flags), ret);
}

REMOTE_DISPATCH(remote_dispatch_domain_create, remote_domain_args, void)
{
    return remote_server_domain_call(conn, &args->dom, virDomainCreate) < 0 ? -1 : 0;
}

/* CREATE_WITH_FLAGS answers the domain again so the caller learns its new
 * id; the handle the driver was given does not change, so look it up. */
REMOTE_DISPATCH(remote_dispatch_domain_create_with_flags, remote_domain_flags_args,
                remote_domain_ret)
{
    if (remote_server_domain_call_flags(conn, &args->dom, virDomainCreateWithFlags,
                                        args->flags) < 0)
        return -1;
    return remote_server_domain_take(
        virDomainLookupByUUID(conn, (const unsigned char *)args->dom.uuid), ret);
}

REMOTE_DISPATCH(remote_dispatch_domain_undefine, remote_domain_args, void)
{
    return remote_server_domain_call(conn, &args->dom, virDomainUndefine) < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_undefine_flags, remote_domain_flags_args, void)
{
    return remote_server_domain_call_flags(conn, &args->dom, virDomainUndefineFlags,
                                           args->flags) < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_destroy, remote_domain_args, void)
{
    return remote_server_domain_call(conn, &args->dom, virDomainDestroy) < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_destroy_flags, remote_domain_flags_args, void)
{
    return remote_server_domain_call_flags(conn, &args->dom, virDomainDestroyFlags,
                                           args->flags) < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_shutdown, remote_domain_args, void)
{
    return remote_server_domain_call(conn, &args->dom, virDomainShutdown) < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_shutdown_flags, remote_domain_flags_args, void)
{
    return remote_server_domain_call_flags(conn, &args->dom, virDomainShutdownFlags,
                                           args->flags) < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_reboot, remote_domain_flags_args, void)
{
    return remote_server_domain_call_flags(conn, &args->dom, virDomainReboot, args->flags) < 0
               ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_suspend, remote_domain_args, void)
{
    return remote_server_domain_call(conn, &args->dom, virDomainSuspend) < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_resume, remote_domain_args, void)
{
    return remote_server_domain_call(conn, &args->dom, virDomainResume) < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_set_autostart, remote_domain_set_autostart_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSetAutostart(dom, args->autostart);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

/* unsigned long is 64 bits on every platform Vireo builds for, so the
 * hyper memory sizes pass through unchanged. */
REMOTE_DISPATCH(remote_dispatch_domain_set_max_memory, remote_domain_memory_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSetMaxMemory(dom, args->memory);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_set_memory, remote_domain_memory_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSetMemory(dom, args->memory);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_set_memory_flags, remote_domain_set_memory_flags_args,
                void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSetMemoryFlags(dom, args->memory, args->flags);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_set_vcpus, remote_domain_set_vcpus_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSetVcpus(dom, args->nvcpus);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_set_vcpus_flags, remote_domain_set_vcpus_flags_args,
                void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSetVcpusFlags(dom, args->nvcpus, args->flags);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}
