/*
 * remote_client_obj_domain.c: the remote driver's domain extras (managed
 * save, save/restore, rename, metadata, time, host name, input).
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>
#include "remote/remote_client_objects.h"
#include "remote/remote_client_priv.h"
#include "util/alloc.h"
#include "util/error.h"

static int
remote_client_obj_dom_flags(virDomainPtr dom, int proc, unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, proc, REMOTE_ARG(remote_domain_flags_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_managed_save(virDomainPtr dom, unsigned int flags)
{
    return remote_client_obj_dom_flags(dom, REMOTE_PROC_DOMAIN_MANAGED_SAVE, flags);
}

int
remote_client_domain_managed_save_remove(virDomainPtr dom, unsigned int flags)
{
    return remote_client_obj_dom_flags(dom, REMOTE_PROC_DOMAIN_MANAGED_SAVE_REMOVE, flags);
}

int
remote_client_domain_inject_nmi(virDomainPtr dom, unsigned int flags)
{
    return remote_client_obj_dom_flags(dom, REMOTE_PROC_DOMAIN_INJECT_NMI, flags);
}

int
remote_client_domain_reset(virDomainPtr dom, unsigned int flags)
{
    return remote_client_obj_dom_flags(dom, REMOTE_PROC_DOMAIN_RESET, flags);
}

int
remote_client_domain_save_flags(virDomainPtr dom, const char *to, const char *dxml,
                                unsigned int flags)
{
    remote_obj_domain_save_flags_args args = {
        .to = (char *)to, .dxml = (char **)(dxml ? &dxml : NULL), .flags = flags
    };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SAVE_FLAGS,
                              REMOTE_ARG(remote_obj_domain_save_flags_args, &args), REMOTE_VOID);
}

int
remote_client_domain_restore_flags(virConnectPtr conn, const char *from, const char *dxml,
                                   unsigned int flags)
{
    remote_obj_domain_restore_flags_args args = {
        .from = (char *)from, .dxml = (char **)(dxml ? &dxml : NULL), .flags = flags
    };

    return remote_client_call(conn, REMOTE_PROC_DOMAIN_RESTORE_FLAGS,
                              REMOTE_ARG(remote_obj_domain_restore_flags_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_rename(virDomainPtr dom, const char *new_name, unsigned int flags)
{
    remote_obj_domain_rename_args args = { .new_name = (char **)&new_name, .flags = flags };
    remote_obj_domain_rename_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_RENAME,
                           REMOTE_ARG(remote_obj_domain_rename_args, &args),
                           REMOTE_ARG(remote_obj_domain_rename_ret, &ret)) < 0)
        return -1;
    if (ret.retcode == 0) {
        /* The handle follows the domain's new name, as libvirt's client does. */
        char *old = dom->name;

        dom->name = xstrdup(new_name);
        free(old);
    }
    return ret.retcode;
}

int
remote_client_domain_send_key(virDomainPtr dom, unsigned int codeset, unsigned int holdtime,
                              unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    remote_obj_domain_send_key_args args = {
        .codeset = codeset, .holdtime = holdtime, .flags = flags,
        .keycodes = { .keycodes_len = (u_int)nkeycodes, .keycodes_val = keycodes },
    };

    if (nkeycodes > REMOTE_OBJ_SEND_KEY_MAX) {
        vir_report_error(VIR_ERR_RPC, "%s", "too many keycodes");
        return -1;
    }
    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SEND_KEY,
                              REMOTE_ARG(remote_obj_domain_send_key_args, &args), REMOTE_VOID);
}

char *
remote_client_domain_get_hostname(virDomainPtr dom, unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };
    remote_string_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_HOSTNAME,
                           REMOTE_ARG(remote_domain_flags_args, &args),
                           REMOTE_ARG(remote_string_ret, &ret)) < 0)
        return NULL;
    return ret.str;
}

int
remote_client_domain_get_time(virDomainPtr dom, long long *seconds, unsigned int *nseconds,
                              unsigned int flags)
{
    remote_domain_flags_args args = { .flags = flags };
    remote_obj_domain_get_time_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_TIME,
                           REMOTE_ARG(remote_domain_flags_args, &args),
                           REMOTE_ARG(remote_obj_domain_get_time_ret, &ret)) < 0)
        return -1;
    *seconds = ret.seconds;
    *nseconds = ret.nseconds;
    return 0;
}

char *
remote_client_domain_get_metadata(virDomainPtr dom, int type, const char *uri,
                                  unsigned int flags)
{
    remote_obj_domain_get_metadata_args args = {
        .type = type, .uri = (char **)(uri ? &uri : NULL), .flags = flags
    };
    remote_string_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_METADATA,
                           REMOTE_ARG(remote_obj_domain_get_metadata_args, &args),
                           REMOTE_ARG(remote_string_ret, &ret)) < 0)
        return NULL;
    return ret.str;
}

int
remote_client_domain_set_metadata(virDomainPtr dom, int type, const char *metadata,
                                  const char *key, const char *uri, unsigned int flags)
{
    remote_obj_domain_set_metadata_args args = {
        .type = type,
        .metadata = (char **)(metadata ? &metadata : NULL),
        .key = (char **)(key ? &key : NULL),
        .uri = (char **)(uri ? &uri : NULL),
        .flags = flags,
    };

    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_SET_METADATA,
                              REMOTE_ARG(remote_obj_domain_set_metadata_args, &args),
                              REMOTE_VOID);
}
