/*
 * object_write.c: public entry points that change objects: virNetworkUpdate,
 * node device creation/destruction and domain core dumps. Argument checks and read-only refusals
 * come first, in libvirt's order, so a client sees the same error whichever
 * driver serves it.
 */
#define VIR_FROM_THIS VIR_FROM_NETWORK

#include <string.h>
#include <unistd.h>

#include "client/client_moment.h"
#include "client/client_objects.h"
#include "util/alloc.h"

int
virNetworkUpdate(virNetworkPtr network, unsigned int command, unsigned int section,
                 int parentIndex, const char *xml, unsigned int flags)
{
    CLIENT_ENTER_NETWORK(network, -1);
    CLIENT_OBJ_WRITABLE(network->conn, -1);
    CLIENT_CHECK_NONNULL(network->conn, xml, -1);
    CLIENT_FORWARD(network->conn, network_update, CLIENT_FAILED_NEG, -1, network, command,
                   section, parentIndex, xml, flags);
}

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_NODEDEV

virNodeDevicePtr
virNodeDeviceCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_OBJ_WRITABLE(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xmlDesc, NULL);
    CLIENT_FORWARD(conn, node_device_create_xml, CLIENT_FAILED_NULL, NULL, conn, xmlDesc,
                   flags);
}

int
virNodeDeviceDestroy(virNodeDevicePtr dev)
{
    CLIENT_ENTER_NODEDEV(dev, -1);
    CLIENT_OBJ_WRITABLE(dev->conn, -1);
    CLIENT_FORWARD(dev->conn, node_device_destroy, CLIENT_FAILED_NEG, -1, dev);
}

#undef VIR_FROM_THIS
#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* The path a dump goes to, as the daemon must see it: absolute, with "."
 * and ".." and repeated slashes folded away, as libvirt's library makes it
 * (without looking at the file system). Caller frees. */
static char *
client_dump_canonical_path(const char *path)
{
    char cwd[4096];
    _cleanup_free_ char *full = NULL;
    char *out, *seg, *save = NULL;
    size_t len = 0;

    if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
        full = xstrdup(path);
    else
        full = xasprintf("%s/%s", cwd, path);
    out = xmalloc(strlen(full) + 2);
    for (seg = strtok_r(full, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (STREQ(seg, "."))
            continue;
        if (STREQ(seg, "..")) {
            while (len > 0 && out[len - 1] != '/')
                len--;
            if (len > 0)
                len--;
            continue;
        }
        out[len++] = '/';
        memcpy(out + len, seg, strlen(seg));
        len += strlen(seg);
    }
    if (len == 0)
        out[len++] = '/';
    out[len] = '\0';
    return out;
}

/* libvirt's exclusive dump flags; true when the combination is allowed
 * (otherwise reported and dispatched). */
static bool
client_dump_dump_flags_ok(virDomainPtr domain, unsigned int flags, const char *api)
{
    return !client_moment_flags_clash(domain->conn, VIR_FROM_DOMAIN, flags, VIR_DUMP_CRASH,
                                      "VIR_DUMP_CRASH", VIR_DUMP_LIVE, "VIR_DUMP_LIVE", true,
                                      api) &&
           !client_moment_flags_clash(domain->conn, VIR_FROM_DOMAIN, flags, VIR_DUMP_CRASH,
                                      "VIR_DUMP_CRASH", VIR_DUMP_RESET, "VIR_DUMP_RESET", true,
                                      api) &&
           !client_moment_flags_clash(domain->conn, VIR_FROM_DOMAIN, flags, VIR_DUMP_LIVE,
                                      "VIR_DUMP_LIVE", VIR_DUMP_RESET, "VIR_DUMP_RESET", true,
                                      api);
}

int
virDomainCoreDump(virDomainPtr domain, const char *to, unsigned int flags)
{
    _cleanup_free_ char *abs = NULL;

    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONNULL(domain->conn, to, -1);
    if (!client_dump_dump_flags_ok(domain, flags, __func__))
        return -1;
    abs = client_dump_canonical_path(to);
    CLIENT_FORWARD(domain->conn, domain_core_dump, CLIENT_FAILED_NEG, -1, domain, abs, flags);
}

int
virDomainCoreDumpWithFormat(virDomainPtr domain, const char *to, unsigned int dumpformat,
                            unsigned int flags)
{
    _cleanup_free_ char *abs = NULL;

    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONNULL(domain->conn, to, -1);
    if (dumpformat > VIR_DOMAIN_CORE_DUMP_FORMAT_WIN_DMP) {
        vir_report_invalid_arg(flags, "dumpformat '%d' is not supported", (int)dumpformat);
        vir_error_dispatch(domain->conn, __func__);
        return -1;
    }
    if (!client_dump_dump_flags_ok(domain, flags, __func__))
        return -1;
    abs = client_dump_canonical_path(to);
    CLIENT_FORWARD(domain->conn, domain_core_dump_with_format, CLIENT_FAILED_NEG, -1, domain,
                   abs, dumpformat, flags);
}
