/*
 * remote_server_network.c: REMOTE procedures on virtual networks, forwarded
 * to the public API on the client's hypervisor connection.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "remote/remote_server_priv.h"
#include "util/alloc.h"
#include "util/error.h"

typedef int (*RemoteNetworkIntFn)(virNetworkPtr net);

static int
remote_server_network_int(virConnectPtr conn, const remote_nonnull_network *w,
                          RemoteNetworkIntFn fn, int *ret_value)
{
    virNetworkPtr net = remote_wire_network_handle(conn, w);
    int rc = fn(net);

    handle_network_unref(net);
    return remote_server_take_int(rc, ret_value);
}

static int
remote_server_network_take(virNetworkPtr net, remote_network_ret *ret)
{
    if (!net)
        return -1;
    remote_wire_network_to_wire_dup(net, &ret->net);
    handle_network_unref(net);
    return 0;
}

/* Legacy name lists share one shape: (conn, names, maxnames) -> count. */
typedef int (*RemoteNameListFn)(virConnectPtr conn, char **const names, int maxnames);

static int
remote_server_network_names(virConnectPtr conn, RemoteNameListFn fn, int maxnames,
                            remote_connect_list_networks_ret *ret)
{
    int n;

    if (REMOTE_SERVER_CHECK_MAX(maxnames, REMOTE_NETWORK_LIST_MAX, "maxnames") < 0)
        return -1;
    ret->names.names_val = XNEW_ARRAY(char *, maxnames ? maxnames : 1);
    if ((n = fn(conn, ret->names.names_val, maxnames)) < 0)
        return -1;
    ret->names.names_len = n;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_connect_num_of_networks, void, remote_connect_num_ret)
{
    return remote_server_take_int(virConnectNumOfNetworks(conn), &ret->num);
}

REMOTE_DISPATCH(remote_dispatch_connect_num_of_defined_networks, void, remote_connect_num_ret)
{
    return remote_server_take_int(virConnectNumOfDefinedNetworks(conn), &ret->num);
}

REMOTE_DISPATCH(remote_dispatch_connect_list_networks, remote_connect_list_args,
                remote_connect_list_networks_ret)
{
    return remote_server_network_names(conn, virConnectListNetworks, args->maxnames, ret);
}

REMOTE_DISPATCH(remote_dispatch_connect_list_defined_networks, remote_connect_list_args,
                remote_connect_list_networks_ret)
{
    return remote_server_network_names(conn, virConnectListDefinedNetworks, args->maxnames,
                                       ret);
}

REMOTE_DISPATCH(remote_dispatch_connect_list_all_networks, remote_connect_list_all_args,
                remote_connect_list_all_networks_ret)
{
    virNetworkPtr *nets = NULL;
    int n = virConnectListAllNetworks(conn, args->need_results ? &nets : NULL, args->flags);
    int rc = 0;

    if (n < 0)
        return -1;
    if (n > REMOTE_NETWORK_LIST_MAX) {
        vir_report_error(VIR_ERR_RPC, "too many networks '%d' for limit '%d'", n,
                         REMOTE_NETWORK_LIST_MAX);
        rc = -1;
    } else if (nets) {
        ret->nets.nets_val = XNEW_ARRAY(remote_nonnull_network, n ? n : 1);
        ret->nets.nets_len = n;
        for (int i = 0; i < n; i++)
            remote_wire_network_to_wire_dup(nets[i], &ret->nets.nets_val[i]);
    }
    for (int i = 0; nets && i < n; i++)
        handle_network_unref(nets[i]);
    free(nets);
    ret->ret = n;
    return rc;
}

REMOTE_DISPATCH(remote_dispatch_network_lookup_by_name, remote_lookup_by_name_args,
                remote_network_ret)
{
    return remote_server_network_take(virNetworkLookupByName(conn, args->name), ret);
}

REMOTE_DISPATCH(remote_dispatch_network_lookup_by_uuid, remote_lookup_by_uuid_args,
                remote_network_ret)
{
    return remote_server_network_take(
        virNetworkLookupByUUID(conn, (const unsigned char *)args->uuid), ret);
}

REMOTE_DISPATCH(remote_dispatch_network_get_xml_desc, remote_network_flags_args,
                remote_string_ret)
{
    virNetworkPtr net = remote_wire_network_handle(conn, &args->net);
    char *s = virNetworkGetXMLDesc(net, args->flags);

    handle_network_unref(net);
    return remote_server_take_str(s, &ret->str);
}

REMOTE_DISPATCH(remote_dispatch_network_get_bridge_name, remote_network_args,
                remote_string_ret)
{
    virNetworkPtr net = remote_wire_network_handle(conn, &args->net);
    char *s = virNetworkGetBridgeName(net);

    handle_network_unref(net);
    return remote_server_take_str(s, &ret->str);
}

REMOTE_DISPATCH(remote_dispatch_network_get_autostart, remote_network_args, remote_int_ret)
{
    virNetworkPtr net = remote_wire_network_handle(conn, &args->net);
    int rc = virNetworkGetAutostart(net, &ret->value);

    handle_network_unref(net);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_network_is_active, remote_network_args, remote_int_ret)
{
    return remote_server_network_int(conn, &args->net, virNetworkIsActive, &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_network_is_persistent, remote_network_args, remote_int_ret)
{
    return remote_server_network_int(conn, &args->net, virNetworkIsPersistent, &ret->value);
}

REMOTE_DISPATCH(remote_dispatch_network_set_autostart, remote_network_set_autostart_args, void)
{
    virNetworkPtr net = remote_wire_network_handle(conn, &args->net);
    int rc = virNetworkSetAutostart(net, args->autostart);

    handle_network_unref(net);
    return rc < 0 ? -1 : 0;
}
