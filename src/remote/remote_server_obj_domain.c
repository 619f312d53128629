/*
 * remote_server_obj_domain.c: REMOTE procedures for the domain extras
 * (managed save, save/restore, rename, metadata, time, host name, input),
 * forwarded to the public API on the client's hypervisor connection.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <limits.h>
#include <stdlib.h>

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

/* ---- objects2: vCPU information ---- */

/* The daemon's own bounds on a request, with libvirtd's texts (the second
 * check's text names maxinfo for either call, as libvirtd's does). */
static int
remote_server_obj2_check_maps(int n, int maplen, const char *neg_text, const char *max_text)
{
    if (n < 0 || maplen < 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", n < 0 ? neg_text : "maplen must be non-negative");
        return -1;
    }
    if (n > REMOTE_OBJ2_VCPUINFO_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", max_text);
        return -1;
    }
    if ((maplen > 0 && n > INT_MAX / maplen) || n * maplen > REMOTE_OBJ2_CPUMAPS_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "maxinfo * maplen > REMOTE_CPUMAPS_MAX");
        return -1;
    }
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_vcpus, remote_obj2_domain_get_vcpus_args,
                remote_obj2_domain_get_vcpus_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virVcpuInfo *info = NULL;
    unsigned char *cpumaps = NULL;
    int n = -1;

    /* libvirtd words a negative maplen as it does a negative maxinfo */
    if (args->maplen < 0)
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "maxinfo must be non-negative");
    else if (remote_server_obj2_check_maps(args->maxinfo, args->maplen,
                                           "maxinfo must be non-negative",
                                           "maxinfo > REMOTE_VCPUINFO_MAX") == 0) {
        /* no room asked for: libvirtd passes no buffer, which the API refuses */
        info = args->maxinfo ? XNEW_ARRAY(virVcpuInfo, (size_t)args->maxinfo) : NULL;
        if (args->maplen > 0)
            cpumaps = XNEW_ARRAY(unsigned char, (size_t)args->maxinfo * (size_t)args->maplen);
        n = virDomainGetVcpus(dom, info, args->maxinfo, cpumaps, args->maplen);
    }
    handle_domain_unref(dom);
    if (n >= 0 && info) {
        ret->info.info_len = (unsigned int)n;
        ret->info.info_val = XNEW_ARRAY(remote_obj2_vcpu_info, (size_t)n + 1);
        for (int i = 0; i < n; i++) {
            ret->info.info_val[i].number = info[i].number;
            ret->info.info_val[i].state = info[i].state;
            ret->info.info_val[i].cpu_time = info[i].cpuTime;
            ret->info.info_val[i].cpu = info[i].cpu;
        }
        ret->cpumaps.cpumaps_len = cpumaps ? (unsigned int)(args->maxinfo * args->maplen) : 0;
        ret->cpumaps.cpumaps_val = (char *)cpumaps;
        cpumaps = NULL;
    }
    free(cpumaps);
    free(info);
    return n < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_get_vcpu_pin_info,
                remote_obj2_domain_get_vcpu_pin_info_args, remote_obj2_domain_get_vcpu_pin_info_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    unsigned char *cpumaps = NULL;
    int n = -1;

    if (remote_server_obj2_check_maps(args->ncpumaps, args->maplen,
                                      "ncpumaps must be non-negative",
                                      "ncpumaps > REMOTE_VCPUINFO_MAX") == 0) {
        if (args->maplen > 0)
            cpumaps = XNEW_ARRAY(unsigned char, (size_t)args->ncpumaps * (size_t)args->maplen + 1);
        n = virDomainGetVcpuPinInfo(dom, args->ncpumaps, cpumaps, args->maplen, args->flags);
    }
    handle_domain_unref(dom);
    if (n >= 0) {
        ret->num = n;
        ret->cpumaps.cpumaps_len = cpumaps ? (unsigned int)(args->ncpumaps * args->maplen) : 0;
        ret->cpumaps.cpumaps_val = (char *)cpumaps;
        cpumaps = NULL;
    }
    free(cpumaps);
    return n < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_node_get_cpu_map, remote_obj2_node_get_cpu_map_args,
                remote_obj2_node_get_cpu_map_ret)
{
    unsigned char *cpumap = NULL;
    unsigned int online = 0;
    int n = virNodeGetCPUMap(conn, args->need_map ? &cpumap : NULL,
                             args->need_online ? &online : NULL, args->flags);

    if (n < 0)
        return -1;
    if (args->need_map) {
        ret->cpumap.cpumap_len = (unsigned int)VIR_CPU_MAPLEN(n);
        ret->cpumap.cpumap_val = (char *)cpumap;
    }
    if (args->need_online)
        ret->online = online;
    ret->ret = n;
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_interface_addresses,
                remote_obj2_domain_interface_addresses_args,
                remote_obj2_domain_interface_addresses_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virDomainInterfacePtr *ifaces = NULL;
    int n = virDomainInterfaceAddresses(dom, &ifaces, args->source, args->flags);

    handle_domain_unref(dom);
    if (n < 0)
        return -1;
    if (n > REMOTE_OBJ2_DOMAIN_INTERFACE_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Number of interfaces, %d exceeds the max limit: %d",
                         n, REMOTE_OBJ2_DOMAIN_INTERFACE_MAX);
        for (int i = 0; i < n; i++)
            virDomainInterfaceFree(ifaces[i]);
        free(ifaces);
        return -1;
    }
    ret->ifaces.ifaces_len = (unsigned int)n;
    ret->ifaces.ifaces_val = XNEW_ARRAY(remote_obj2_domain_interface, (size_t)n + 1);
    for (int i = 0; i < n; i++) {
        remote_obj2_domain_interface *w = &ret->ifaces.ifaces_val[i];
        virDomainInterfacePtr iface = ifaces[i];
        unsigned int naddrs = iface->naddrs > REMOTE_OBJ2_DOMAIN_IP_ADDR_MAX
                                  ? REMOTE_OBJ2_DOMAIN_IP_ADDR_MAX
                                  : iface->naddrs;

        w->name = xstrdup(iface->name ? iface->name : "");
        if (iface->hwaddr) {
            w->hwaddr = XNEW(char *);
            *w->hwaddr = xstrdup(iface->hwaddr);
        }
        w->addrs.addrs_len = naddrs;
        w->addrs.addrs_val = XNEW_ARRAY(remote_obj2_domain_ip_addr, (size_t)naddrs + 1);
        for (unsigned int j = 0; j < naddrs; j++) {
            w->addrs.addrs_val[j].type = iface->addrs[j].type;
            w->addrs.addrs_val[j].addr = xstrdup(iface->addrs[j].addr ? iface->addrs[j].addr : "");
            w->addrs.addrs_val[j].prefix = iface->addrs[j].prefix;
        }
        virDomainInterfaceFree(iface);
    }
    free(ifaces);
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_pin_vcpu, remote_obj2_domain_pin_vcpu_args, void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainPinVcpu(dom, args->vcpu, (unsigned char *)args->cpumap.cpumap_val,
                              (int)args->cpumap.cpumap_len);

    (void)ret;
    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_pin_vcpu_flags, remote_obj2_domain_pin_vcpu_flags_args,
                void)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    int rc = virDomainPinVcpuFlags(dom, args->vcpu, (unsigned char *)args->cpumap.cpumap_val,
                                   (int)args->cpumap.cpumap_len, args->flags);

    (void)ret;
    handle_domain_unref(dom);
    return rc < 0 ? -1 : 0;
}

REMOTE_DISPATCH(remote_dispatch_domain_interface_stats, remote_obj2_domain_interface_stats_args,
                remote_obj2_domain_interface_stats_ret)
{
    virDomainPtr dom = remote_wire_domain_handle(conn, &args->dom);
    virDomainInterfaceStatsStruct st;
    int rc = virDomainInterfaceStats(dom, args->device, &st, sizeof(st));

    handle_domain_unref(dom);
    if (rc < 0)
        return -1;
    ret->rx_bytes = st.rx_bytes;
    ret->rx_packets = st.rx_packets;
    ret->rx_errs = st.rx_errs;
    ret->rx_drop = st.rx_drop;
    ret->tx_bytes = st.tx_bytes;
    ret->tx_packets = st.tx_packets;
    ret->tx_errs = st.tx_errs;
    ret->tx_drop = st.tx_drop;
    return 0;
}
