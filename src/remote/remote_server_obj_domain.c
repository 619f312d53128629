/*
 * remote_server_obj_domain.c: REMOTE procedures for the domain extras
 * (managed save, save/restore, rename, metadata, time, host name, input),
 * forwarded to the public API on the client's hypervisor connection.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

typedef int (*RemoteObjDomFlagsFn)(virDomainPtr dom, unsigned int flags);

static int
remote_server_obj_dom_flags(virConnectPtr conn, const remote_domain_flags_args *args,
                            RemoteObjDomFlagsFn fn)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = fn(dom, args->flags);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_managed_save, remote_domain_flags_args, void)
{
    return remote_server_obj_dom_flags(conn, args, virDomainManagedSave);
}

REMOTE_DISPATCH(remote_dispatch_domain_managed_save_remove, remote_domain_flags_args, void)
{
    return remote_server_obj_dom_flags(conn, args, virDomainManagedSaveRemove);
}

REMOTE_DISPATCH(remote_dispatch_domain_inject_nmi, remote_domain_flags_args, void)
{
    return remote_server_obj_dom_flags(conn, args, virDomainInjectNMI);
}

REMOTE_DISPATCH(remote_dispatch_domain_reset, remote_domain_flags_args, void)
{
    return remote_server_obj_dom_flags(conn, args, virDomainReset);
}

REMOTE_DISPATCH(remote_dispatch_domain_save, remote_obj_domain_save_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSave(dom, args->to);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_save_flags, remote_obj_domain_save_flags_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSaveFlags(dom, args->to, args->dxml ? *args->dxml : NULL, args->flags);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_restore, remote_obj_domain_restore_args, void)
{
    return virDomainRestore(conn, args->from) < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_restore_flags, remote_obj_domain_restore_flags_args,
                void)
{
    return virDomainRestoreFlags(conn, args->from, args->dxml ? *args->dxml : NULL,
                                 args->flags) < 0
               ? -1
               : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_rename, remote_obj_domain_rename_args,
                remote_obj_domain_rename_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainRename(dom, args->new_name ? *args->new_name : NULL, args->flags);

    handle_domain_unref(dom);
    if (rc < 0)
        return -1;
    ret->retcode = rc;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_send_key, remote_obj_domain_send_key_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSendKey(dom, args->codeset, args->holdtime, args->keycodes.keycodes_val,
                              (int)args->keycodes.keycodes_len, args->flags);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_hostname, remote_domain_flags_args, remote_string_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    char *s = virDomainGetHostname(dom, args->flags);

    handle_domain_unref(dom);
    return remote_server_take_str(s, &ret->str);
}

REMOTE_DISPATCH(remote_dispatch_domain_get_time, remote_domain_flags_args,
                remote_obj_domain_get_time_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    long long seconds = 0;
    unsigned int nseconds = 0;
    int rc = virDomainGetTime(dom, &seconds, &nseconds, args->flags);

    handle_domain_unref(dom);
    if (rc < 0)
        return -1;
    ret->seconds = seconds;
    ret->nseconds = nseconds;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_metadata, remote_obj_domain_get_metadata_args,
                remote_string_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    char *s = virDomainGetMetadata(dom, args->type, args->uri ? *args->uri : NULL, args->flags);

    handle_domain_unref(dom);
    return remote_server_take_str(s, &ret->str);
}

REMOTE_DISPATCH(remote_dispatch_domain_set_metadata, remote_obj_domain_set_metadata_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainSetMetadata(dom, args->type, args->metadata ? *args->metadata : NULL,
                                  args->key ? *args->key : NULL, args->uri ? *args->uri : NULL,
                                  args->flags);

    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}
