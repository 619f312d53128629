/*
 * remote_client_obj_domain.c: the remote driver's domain extras (managed
 * save, save/restore, rename, metadata, time, host name, input).
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <limits.h>
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

/* ---- objects2: vCPU information ---- */

/* libvirt's remote driver bounds the request before sending it. */
static int
remote_client_obj2_check_maps(int n, int maplen)
{
    if (n > REMOTE_OBJ2_VCPUINFO_MAX) {
        vir_error_report(VIR_FROM_REMOTE, VIR_ERR_RPC, "vCPU count exceeds maximum: %d > %d", n,
                         REMOTE_OBJ2_VCPUINFO_MAX);
        return -1;
    }
    if ((maplen > 0 && n > INT_MAX / maplen) || n * maplen > REMOTE_OBJ2_CPUMAPS_MAX) {
        vir_error_report(VIR_FROM_REMOTE, VIR_ERR_RPC,
                         "vCPU map buffer length exceeds maximum: %d > %d", n * maplen,
                         REMOTE_OBJ2_CPUMAPS_MAX);
        return -1;
    }
    return 0;
}

int
remote_client_domain_get_vcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                               unsigned char *cpumaps, int maplen)
{
    remote_obj2_domain_get_vcpus_args args = { .maxinfo = maxinfo, .maplen = maplen };
    remote_obj2_domain_get_vcpus_ret ret = { 0 };
    int rc = -1;

    if (remote_client_obj2_check_maps(maxinfo, maplen) < 0)
        return -1;
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_VCPUS,
                           REMOTE_ARG(remote_obj2_domain_get_vcpus_args, &args),
                           REMOTE_ARG(remote_obj2_domain_get_vcpus_ret, &ret)) < 0)
        return -1;
    if (ret.info.info_len > (unsigned int)maxinfo) {
        vir_error_report(VIR_FROM_REMOTE, VIR_ERR_RPC, "host reports too many vCPUs: %d > %d",
                         (int)ret.info.info_len, maxinfo);
    } else if (ret.cpumaps.cpumaps_len > (unsigned int)(maxinfo * maplen)) {
        vir_error_report(VIR_FROM_REMOTE, VIR_ERR_RPC,
                         "host reports map buffer length exceeds maximum: %d > %d",
                         (int)ret.cpumaps.cpumaps_len, maxinfo * maplen);
    } else {
        memset(info, 0, sizeof(*info) * (size_t)maxinfo);
        for (unsigned int i = 0; i < ret.info.info_len; i++) {
            info[i].number = ret.info.info_val[i].number;
            info[i].state = ret.info.info_val[i].state;
            info[i].cpuTime = ret.info.info_val[i].cpu_time;
            info[i].cpu = ret.info.info_val[i].cpu;
        }
        if (cpumaps) {
            memset(cpumaps, 0, (size_t)maxinfo * (size_t)maplen);
            if (ret.cpumaps.cpumaps_len)
                memcpy(cpumaps, ret.cpumaps.cpumaps_val, ret.cpumaps.cpumaps_len);
        }
        rc = (int)ret.info.info_len;
    }
    xdr_free((xdrproc_t)xdr_remote_obj2_domain_get_vcpus_ret, (char *)&ret);
    return rc;
}

int
remote_client_domain_get_vcpu_pin_info(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                                       int maplen, unsigned int flags)
{
    remote_obj2_domain_get_vcpu_pin_info_args args = {
        .ncpumaps = ncpumaps, .maplen = maplen, .flags = flags
    };
    remote_obj2_domain_get_vcpu_pin_info_ret ret = { 0 };
    int rc = -1;

    if (remote_client_obj2_check_maps(ncpumaps, maplen) < 0)
        return -1;
    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_GET_VCPU_PIN_INFO,
                           REMOTE_ARG(remote_obj2_domain_get_vcpu_pin_info_args, &args),
                           REMOTE_ARG(remote_obj2_domain_get_vcpu_pin_info_ret, &ret)) < 0)
        return -1;
    if (ret.num > ncpumaps) {
        vir_error_report(VIR_FROM_REMOTE, VIR_ERR_RPC, "host reports too many vCPUs: %d > %d",
                         ret.num, ncpumaps);
    } else if (ret.cpumaps.cpumaps_len > (unsigned int)(ncpumaps * maplen)) {
        vir_error_report(VIR_FROM_REMOTE, VIR_ERR_RPC,
                         "host reports map buffer length exceeds maximum: %d > %d",
                         (int)ret.cpumaps.cpumaps_len, ncpumaps * maplen);
    } else {
        memset(cpumaps, 0, (size_t)ncpumaps * (size_t)maplen);
        if (ret.cpumaps.cpumaps_len)
            memcpy(cpumaps, ret.cpumaps.cpumaps_val, ret.cpumaps.cpumaps_len);
        rc = ret.num;
    }
    xdr_free((xdrproc_t)xdr_remote_obj2_domain_get_vcpu_pin_info_ret, (char *)&ret);
    return rc;
}

int
remote_client_node_get_cpu_map(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                               unsigned int flags)
{
    remote_obj2_node_get_cpu_map_args args = {
        .need_map = cpumap != NULL, .need_online = online != NULL, .flags = flags
    };
    remote_obj2_node_get_cpu_map_ret ret = { 0 };

    if (remote_client_call(conn, REMOTE_PROC_NODE_GET_CPU_MAP,
                           REMOTE_ARG(remote_obj2_node_get_cpu_map_args, &args),
                           REMOTE_ARG(remote_obj2_node_get_cpu_map_ret, &ret)) < 0)
        return -1;
    if (ret.ret >= 0 && cpumap) {
        *cpumap = XNEW_ARRAY(unsigned char, ret.cpumap.cpumap_len + 1);
        if (ret.cpumap.cpumap_len)
            memcpy(*cpumap, ret.cpumap.cpumap_val, ret.cpumap.cpumap_len);
    }
    if (online)
        *online = ret.online;
    xdr_free((xdrproc_t)xdr_remote_obj2_node_get_cpu_map_ret, (char *)&ret);
    return ret.ret;
}

int
remote_client_domain_interface_addresses(virDomainPtr dom, virDomainInterfacePtr **ifaces,
                                         unsigned int source, unsigned int flags)
{
    remote_obj2_domain_interface_addresses_args args = { .source = source, .flags = flags };
    remote_obj2_domain_interface_addresses_ret ret = { 0 };
    virDomainInterfacePtr *list;
    unsigned int n;

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_INTERFACE_ADDRESSES,
                           REMOTE_ARG(remote_obj2_domain_interface_addresses_args, &args),
                           REMOTE_ARG(remote_obj2_domain_interface_addresses_ret, &ret)) < 0)
        return -1;
    n = ret.ifaces.ifaces_len;
    list = n ? XNEW_ARRAY(virDomainInterfacePtr, n) : NULL;
    for (unsigned int i = 0; i < n; i++) {
        const remote_obj2_domain_interface *w = &ret.ifaces.ifaces_val[i];
        virDomainInterfacePtr iface = XNEW(virDomainInterface);

        iface->name = xstrdup(w->name);
        iface->hwaddr = w->hwaddr ? xstrdup(*w->hwaddr) : NULL;
        iface->naddrs = w->addrs.addrs_len;
        iface->addrs = iface->naddrs ? XNEW_ARRAY(virDomainIPAddress, iface->naddrs) : NULL;
        for (unsigned int j = 0; j < iface->naddrs; j++) {
            iface->addrs[j].type = w->addrs.addrs_val[j].type;
            iface->addrs[j].addr = xstrdup(w->addrs.addrs_val[j].addr);
            iface->addrs[j].prefix = w->addrs.addrs_val[j].prefix;
        }
        list[i] = iface;
    }
    *ifaces = list;
    xdr_free((xdrproc_t)xdr_remote_obj2_domain_interface_addresses_ret, (char *)&ret);
    return (int)n;
}

int
remote_client_domain_pin_vcpu(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                              int maplen)
{
    remote_obj2_domain_pin_vcpu_args args = { .vcpu = vcpu };

    args.cpumap.cpumap_len = (unsigned int)maplen;
    args.cpumap.cpumap_val = (char *)cpumap;
    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_PIN_VCPU,
                              REMOTE_ARG(remote_obj2_domain_pin_vcpu_args, &args), REMOTE_VOID);
}

int
remote_client_domain_pin_vcpu_flags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                                    int maplen, unsigned int flags)
{
    remote_obj2_domain_pin_vcpu_flags_args args = { .vcpu = vcpu, .flags = flags };

    args.cpumap.cpumap_len = (unsigned int)maplen;
    args.cpumap.cpumap_val = (char *)cpumap;
    remote_wire_domain_to_wire(dom, &args.dom);
    return remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_PIN_VCPU_FLAGS,
                              REMOTE_ARG(remote_obj2_domain_pin_vcpu_flags_args, &args),
                              REMOTE_VOID);
}

int
remote_client_domain_interface_stats(virDomainPtr dom, const char *device,
                                     virDomainInterfaceStatsPtr stats)
{
    remote_obj2_domain_interface_stats_args args = { .device = (char *)device };
    remote_obj2_domain_interface_stats_ret ret = { 0 };

    remote_wire_domain_to_wire(dom, &args.dom);
    if (remote_client_call(dom->conn, REMOTE_PROC_DOMAIN_INTERFACE_STATS,
                           REMOTE_ARG(remote_obj2_domain_interface_stats_args, &args),
                           REMOTE_ARG(remote_obj2_domain_interface_stats_ret, &ret)) < 0)
        return -1;
    stats->rx_bytes = ret.rx_bytes;
    stats->rx_packets = ret.rx_packets;
    stats->rx_errs = ret.rx_errs;
    stats->rx_drop = ret.rx_drop;
    stats->tx_bytes = ret.tx_bytes;
    stats->tx_packets = ret.tx_packets;
    stats->tx_errs = ret.tx_errs;
    stats->tx_drop = ret.tx_drop;
    return 0;
}
