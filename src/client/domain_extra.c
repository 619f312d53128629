/*
 * domain_extra.c: the public domain calls beyond the lifecycle (managed
 * save, save/restore, rename, metadata, guest time and host name, input
 * injection).
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client/client_objects.h"
#include "util/alloc.h"

/* A save image path as the daemon must see it: relative paths are the
 * caller's, so they are made absolute here, as libvirt's library does. */
static char *
client_abs_path(const char *path)
{
    char cwd[4096];

    if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
        return xstrdup(path);
    return xasprintf("%s/%s", cwd, path);
}

/* A saved domain starts either running or paused, not both. */
static bool
client_save_flags_ok(virConnectPtr conn, unsigned int flags, const char *api)
{
    if ((flags & VIR_DOMAIN_SAVE_RUNNING) && (flags & VIR_DOMAIN_SAVE_PAUSED)) {
        vir_report_invalid_arg(flags, "Flags '%s' and '%s' are mutually exclusive",
                               "VIR_DOMAIN_SAVE_RUNNING", "VIR_DOMAIN_SAVE_PAUSED");
        vir_error_dispatch(conn, api);
        return false;
    }
    return true;
}

int
virDomainManagedSave(virDomainPtr dom, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_OBJ_WRITABLE(dom->conn, -1);
    if (!client_save_flags_ok(dom->conn, flags, __func__))
        return -1;
    CLIENT_FORWARD(dom->conn, domain_managed_save, CLIENT_FAILED_NEG, -1, dom, flags);
}

int
virDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_OBJ_WRITABLE(dom->conn, -1);
    CLIENT_FORWARD(dom->conn, domain_managed_save_remove, CLIENT_FAILED_NEG, -1, dom, flags);
}

static int
client_domain_save(virDomainPtr domain, const char *to, const char *dxml, unsigned int flags,
                   const char *api)
{
    _cleanup_free_ char *abs = NULL;
    int rc;

    if (!domain->conn->driver->domain_save_flags) {
        client_report_unsupported(domain->conn, VIR_FROM_DOMAIN, api);
        return -1;
    }
    abs = client_abs_path(to);
    if ((rc = domain->conn->driver->domain_save_flags(domain, abs, dxml, flags)) < 0)
        vir_error_dispatch(domain->conn, api);
    return rc;
}

int
virDomainSave(virDomainPtr domain, const char *to)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONNULL(domain->conn, to, -1);
    return client_domain_save(domain, to, NULL, 0, __func__);
}

int
virDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONNULL(domain->conn, to, -1);
    if (!client_save_flags_ok(domain->conn, flags, __func__))
        return -1;
    return client_domain_save(domain, to, dxml, flags, __func__);
}

static int
client_domain_restore(virConnectPtr conn, const char *from, const char *dxml,
                      unsigned int flags, const char *api)
{
    _cleanup_free_ char *abs = NULL;
    int rc;

    if (!conn->driver->domain_restore_flags) {
        client_report_unsupported(conn, VIR_FROM_DOMAIN, api);
        return -1;
    }
    abs = client_abs_path(from);
    if ((rc = conn->driver->domain_restore_flags(conn, abs, dxml, flags)) < 0)
        vir_error_dispatch(conn, api);
    return rc;
}

int
virDomainRestore(virConnectPtr conn, const char *from)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_OBJ_WRITABLE(conn, -1);
    CLIENT_CHECK_NONNULL(conn, from, -1);
    return client_domain_restore(conn, from, NULL, 0, __func__);
}

int
virDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                      unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_OBJ_WRITABLE(conn, -1);
    CLIENT_CHECK_NONNULL(conn, from, -1);
    if (!client_save_flags_ok(conn, flags, __func__))
        return -1;
    return client_domain_restore(conn, from, dxml, flags, __func__);
}

int
virDomainRename(virDomainPtr dom, const char *new_name, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    if (!new_name || !*new_name) {
        vir_report_invalid_arg(new_name, "%s in %s must not be empty", "new_name", __func__);
        vir_error_dispatch(dom->conn, __func__);
        return -1;
    }
    CLIENT_OBJ_WRITABLE(dom->conn, -1);
    CLIENT_FORWARD(dom->conn, domain_rename, CLIENT_FAILED_NEG, -1, dom, new_name, flags);
}

int
virDomainSendKey(virDomainPtr domain, unsigned int codeset, unsigned int holdtime,
                 unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONNULL(domain->conn, keycodes, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, nkeycodes, -1);
    if (codeset > VIR_KEYCODE_SET_QNUM) {
        vir_report_invalid_arg(codeset, "Unsupported codeset '%d'", (int)codeset);
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    if (nkeycodes > VIR_DOMAIN_SEND_KEY_MAX_KEYS) {
        vir_report_invalid_arg(nkeycodes, "nkeycodes must be <= %d",
                               VIR_DOMAIN_SEND_KEY_MAX_KEYS);
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    CLIENT_FORWARD(domain->conn, domain_send_key, CLIENT_FAILED_NEG, -1, domain, codeset,
                   holdtime, keycodes, nkeycodes, flags);
}

int
virDomainInjectNMI(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_FORWARD(domain->conn, domain_inject_nmi, CLIENT_FAILED_NEG, -1, domain, flags);
}

int
virDomainReset(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_FORWARD(domain->conn, domain_reset, CLIENT_FAILED_NEG, -1, domain, flags);
}

char *
virDomainGetHostname(virDomainPtr domain, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    CLIENT_OBJ_WRITABLE(domain->conn, NULL);
    CLIENT_FORWARD(domain->conn, domain_get_hostname, CLIENT_FAILED_NULL, NULL, domain, flags);
}

int
virDomainGetTime(virDomainPtr dom, long long *seconds, unsigned int *nseconds,
                 unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_OBJ_WRITABLE(dom->conn, -1);
    CLIENT_FORWARD(dom->conn, domain_get_time, CLIENT_FAILED_NEG, -1, dom, seconds, nseconds,
                   flags);
}

/* libvirt's argument rules for the metadata calls (uri/key by type). */
static int
client_metadata_args(virDomainPtr domain, int type, const char *metadata, const char *key,
                     const char *uri, bool set, const char *api)
{
    switch (type) {
    case VIR_DOMAIN_METADATA_TITLE:
        if (set && metadata && strchr(metadata, '\n')) {
            vir_report_invalid_arg(metadata, "%s", "metadata title can't contain newlines");
            goto error;
        }
        /* fall through */
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        if (uri) {
            vir_report_invalid_arg(uri, "%s in %s must be NULL", "uri", api);
            goto error;
        }
        if (set && key) {
            vir_report_invalid_arg(key, "%s in %s must be NULL", "key", api);
            goto error;
        }
        break;
    case VIR_DOMAIN_METADATA_ELEMENT:
        if (!uri) {
            vir_report_invalid_arg(uri, "%s in %s must not be NULL", "uri", api);
            goto error;
        }
        if (set && metadata && !key) {
            vir_report_invalid_arg(key, "%s in %s must not be NULL", "key", api);
            goto error;
        }
        break;
    default:
        break;
    }
    return 0;
error:
    vir_error_dispatch(domain->conn, api);
    return -1;
}

char *
virDomainGetMetadata(virDomainPtr domain, int type, const char *uri, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, NULL);
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        vir_report_invalid_arg(flags, "Flags '%s' and '%s' are mutually exclusive",
                               "VIR_DOMAIN_AFFECT_LIVE", "VIR_DOMAIN_AFFECT_CONFIG");
        vir_error_dispatch(domain->conn, __func__);
        return NULL;
    }
    if (client_metadata_args(domain, type, NULL, NULL, uri, false, __func__) < 0)
        return NULL;
    CLIENT_FORWARD(domain->conn, domain_get_metadata, CLIENT_FAILED_NULL, NULL, domain, type,
                   uri, flags);
}

int
virDomainSetMetadata(virDomainPtr domain, int type, const char *metadata, const char *key,
                     const char *uri, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    if (client_metadata_args(domain, type, metadata, key, uri, true, __func__) < 0)
        return -1;
    CLIENT_FORWARD(domain->conn, domain_set_metadata, CLIENT_FAILED_NEG, -1, domain, type,
                   metadata, key, uri, flags);
}

/* ---- objects2: vCPU information ---- */

/* libvirt refuses a maps buffer whose size would not fit an int. */
static int
client_maps_too_large(virConnectPtr conn, int n, int maplen, const char *api)
{
    if (maplen > 0 && n > INT_MAX / maplen) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OVERFLOW, "input too large: %d * %d", n, maplen);
        vir_error_dispatch(conn, api);
        return -1;
    }
    return 0;
}

int
virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps,
                  int maplen)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, info, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, maxinfo, -1);
    if (cpumaps) {
        CLIENT_CHECK_POSITIVE(domain->conn, maplen, -1);
    } else if (maplen != 0) {
        vir_report_invalid_arg(maplen, "%s in %s must be zero", "maplen", __func__);
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    if (cpumaps && client_maps_too_large(domain->conn, maxinfo, maplen, __func__) < 0)
        return -1;
    CLIENT_FORWARD(domain->conn, domain_get_vcpus, CLIENT_FAILED_NEG, -1, domain, info, maxinfo,
                   cpumaps, maplen);
}

int
virDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps, int maplen,
                        unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_ARRAY(domain->conn, cpumaps, ncpumaps, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, ncpumaps, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, maplen, -1);
    if (client_maps_too_large(domain->conn, ncpumaps, maplen, __func__) < 0)
        return -1;
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        /* libvirt's exclusive-flags check names its argument "ctl" */
        vir_report_invalid_arg(ctl, "Flags '%s' and '%s' are mutually exclusive",
                               "VIR_DOMAIN_AFFECT_LIVE", "VIR_DOMAIN_AFFECT_CONFIG");
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    CLIENT_FORWARD(domain->conn, domain_get_vcpu_pin_info, CLIENT_FAILED_NEG, -1, domain,
                   ncpumaps, cpumaps, maplen, flags);
}

int
virNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                 unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, node_get_cpu_map, CLIENT_FAILED_NEG, -1, conn, cpumap, online, flags);
}

int
virDomainInterfaceAddresses(virDomainPtr dom, virDomainInterfacePtr **ifaces, unsigned int source,
                            unsigned int flags)
{
    if (ifaces)
        *ifaces = NULL;
    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_CHECK_NONNULL(dom->conn, ifaces, -1);
    /* asking the guest agent changes nothing but is refused read-only */
    if (source == VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT)
        CLIENT_OBJ_WRITABLE(dom->conn, -1);
    CLIENT_FORWARD(dom->conn, domain_interface_addresses, CLIENT_FAILED_NEG, -1, dom, ifaces,
                   source, flags);
}

void
virDomainInterfaceFree(virDomainInterfacePtr iface)
{
    if (!iface)
        return;
    for (unsigned int i = 0; i < iface->naddrs; i++)
        free(iface->addrs[i].addr);
    free(iface->addrs);
    free(iface->name);
    free(iface->hwaddr);
    free(iface);
}

int
virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONNULL(domain->conn, cpumap, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, maplen, -1);
    CLIENT_FORWARD(domain->conn, domain_pin_vcpu, CLIENT_FAILED_NEG, -1, domain, vcpu, cpumap,
                   maplen);
}

int
virDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap, int maplen,
                      unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONNULL(domain->conn, cpumap, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, maplen, -1);
    CLIENT_FORWARD(domain->conn, domain_pin_vcpu_flags, CLIENT_FAILED_NEG, -1, domain, vcpu,
                   cpumap, maplen, flags);
}

int
virDomainInterfaceStats(virDomainPtr dom, const char *device, virDomainInterfaceStatsPtr stats,
                        size_t size)
{
    /* drivers fill the whole struct; older callers get the fields they know */
    virDomainInterfaceStatsStruct full = { -1, -1, -1, -1, -1, -1, -1, -1 };

    CLIENT_ENTER_DOMAIN(dom, -1);
    CLIENT_CHECK_NONNULL(dom->conn, device, -1);
    CLIENT_CHECK_NONNULL(dom->conn, stats, -1);
    if (size > sizeof(full)) {
        vir_report_invalid_arg(size, "size must not exceed %zu", sizeof(full));
        vir_error_dispatch(dom->conn, __func__);
        return -1;
    }
    if (!dom->conn->driver->domain_interface_stats) {
        client_report_unsupported(dom->conn, VIR_FROM_THIS, __func__);
        return -1;
    }
    if (dom->conn->driver->domain_interface_stats(dom, device, &full) < 0) {
        vir_error_dispatch(dom->conn, __func__);
        return -1;
    }
    memcpy(stats, &full, size);
    return 0;
}
