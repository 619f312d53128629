/*
 * remote_client_network.c: virtual network methods of the remote driver.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <string.h>
#include "remote/remote_client_priv.h"
#include "util/alloc.h"
#include "util/error.h"

static virNetworkPtr
remote_client_network_get(virConnectPtr conn, int proc, xdrproc_t args_filter, void *args)
{
    remote_network_ret ret;
    virNetworkPtr net;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, args_filter, args, REMOTE_ARG(remote_network_ret, &ret)) < 0)
        return NULL;
    net = remote_wire_network_handle(conn, &ret.net);
    xdr_free((xdrproc_t)xdr_remote_network_ret, (char *)&ret);
    return net;
}

static int
remote_client_network_int(virNetworkPtr net, int proc)
{
    remote_network_args args;
    remote_int_ret ret = { 0 };

    remote_wire_network_to_wire(net, &args.net);
    if (remote_client_call(net->conn, proc, REMOTE_ARG(remote_network_args, &args),
                           REMOTE_ARG(remote_int_ret, &ret)) < 0)
        return -1;
    return ret.value;
}

static int
remote_client_network_num(virConnectPtr conn, int proc)
{
    remote_connect_num_ret ret = { 0 };

    if (remote_client_call(conn, proc, REMOTE_VOID, REMOTE_ARG(remote_connect_num_ret, &ret)) < 0)
        return -1;
    return ret.num;
}

static int
remote_client_network_names(virConnectPtr conn, int proc, char **const names, int maxnames)
{
    remote_connect_list_args args = { .maxnames = maxnames };
    remote_connect_list_networks_ret ret;
    int n;

    if (remote_client_check_max(maxnames, REMOTE_NETWORK_LIST_MAX, "network names") < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, proc, REMOTE_ARG(remote_connect_list_args, &args),
                           REMOTE_ARG(remote_connect_list_networks_ret, &ret)) < 0)
        return -1;
    n = remote_client_copy_names(ret.names.names_val, ret.names.names_len, names, maxnames);
    xdr_free((xdrproc_t)xdr_remote_connect_list_networks_ret, (char *)&ret);
    return n;
}

int
remote_client_connect_num_of_networks(virConnectPtr conn)
{
    return remote_client_network_num(conn, REMOTE_PROC_CONNECT_NUM_OF_NETWORKS);
}

int
remote_client_connect_num_of_defined_networks(virConnectPtr conn)
{
    return remote_client_network_num(conn, REMOTE_PROC_CONNECT_NUM_OF_DEFINED_NETWORKS);
}

int
remote_client_connect_list_networks(virConnectPtr conn, char **const names, int maxnames)
{
    return remote_client_network_names(conn, REMOTE_PROC_CONNECT_LIST_NETWORKS, names,
                                       maxnames);
}

int
remote_client_connect_list_defined_networks(virConnectPtr conn, char **const names,
                                            int maxnames)
{
    return remote_client_network_names(conn, REMOTE_PROC_CONNECT_LIST_DEFINED_NETWORKS, names,
                                       maxnames);
}

int
remote_client_connect_list_all_networks(virConnectPtr conn, virNetworkPtr **nets,
                                        unsigned int flags)
{
    remote_connect_list_all_args args = { .need_results = nets != NULL, .flags = flags };
    remote_connect_list_all_networks_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_LIST_ALL_NETWORKS,
                           REMOTE_ARG(remote_connect_list_all_args, &args),
                           REMOTE_ARG(remote_connect_list_all_networks_ret, &ret)) < 0)
        return -1;
    if (nets) {
        virNetworkPtr *list = XNEW_ARRAY(virNetworkPtr, ret.nets.nets_len + 1);

        for (u_int i = 0; i < ret.nets.nets_len; i++)
            list[i] = remote_wire_network_handle(conn, &ret.nets.nets_val[i]);
        *nets = list;
        n = ret.nets.nets_len;
    } else {
        n = ret.ret;
    }
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_networks_ret, (char *)&ret);
    return n;
}

virNetworkPtr
remote_client_network_lookup_by_name(virConnectPtr conn, const char *name)
{
    remote_lookup_by_name_args args = { .name = (char *)name };

    return remote_client_network_get(conn, REMOTE_PROC_NETWORK_LOOKUP_BY_NAME,
                                     REMOTE_ARG(remote_lookup_by_name_args, &args));
}

virNetworkPtr
remote_client_network_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    remote_lookup_by_uuid_args args;

    memcpy(args.uuid, uuid, VIR_UUID_BUFLEN);
    return remote_client_network_get(conn, REMOTE_PROC_NETWORK_LOOKUP_BY_UUID,
                                     REMOTE_ARG(remote_lookup_by_uuid_args, &args));
}

char *
remote_client_network_get_xml_desc(virNetworkPtr net, unsigned int flags)
{
    remote_network_flags_args args = { .flags = flags };
    remote_string_ret ret = { 0 };

    remote_wire_network_to_wire(net, &args.net);
    if (remote_client_call(net->conn, REMOTE_PROC_NETWORK_GET_XML_DESC,
                           REMOTE_ARG(remote_network_flags_args, &args),
                           REMOTE_ARG(remote_string_ret, &ret)) < 0)
        return NULL;
    return ret.str;
}

char *
remote_client_network_get_bridge_name(virNetworkPtr net)
{
    remote_network_args args;
    remote_string_ret ret = { 0 };

    remote_wire_network_to_wire(net, &args.net);
    if (remote_client_call(net->conn, REMOTE_PROC_NETWORK_GET_BRIDGE_NAME,
                           REMOTE_ARG(remote_network_args, &args),
                           REMOTE_ARG(remote_string_ret, &ret)) < 0)
        return NULL;
    return ret.str;
}

int
remote_client_network_is_active(virNetworkPtr net)
{
    return remote_client_network_int(net, REMOTE_PROC_NETWORK_IS_ACTIVE);
}

int
remote_client_network_is_persistent(virNetworkPtr net)
{
    return remote_client_network_int(net, REMOTE_PROC_NETWORK_IS_PERSISTENT);
}

int
remote_client_network_get_autostart(virNetworkPtr net, int *autostart)
{
    int v = remote_client_network_int(net, REMOTE_PROC_NETWORK_GET_AUTOSTART);

    if (v < 0)
        return -1;
    *autostart = v;
    return 0;
}
