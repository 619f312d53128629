/*
 * host.c: connection properties and host information.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN /* libvirt reports host calls here too */

#include "client/client.h"
#include "util/alloc.h"

int
virConnectRef(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    atomic_fetch_add(&conn->refs, 1);
    return 0;
}

const char *
virConnectGetType(virConnectPtr conn)
{
    const char *type = NULL;

    CLIENT_ENTER_CONN(conn, NULL);
    if (conn->driver->connect_get_type)
        type = conn->driver->connect_get_type(conn);
    return type ? type : conn->driver->name;
}

int
virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, hvVer, -1);
    CLIENT_FORWARD(conn, connect_get_version, CLIENT_FAILED_NEG, -1, conn, hvVer);
}

int
virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, libVer, -1);
    if (!conn->driver->connect_get_lib_version) {
        /* A local driver: the library's own version is the answer. */
        *libVer = LIBVIR_VERSION_NUMBER;
        return 0;
    }
    CLIENT_FORWARD(conn, connect_get_lib_version, CLIENT_FAILED_NEG, -1, conn, libVer);
}

char *
virConnectGetHostname(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_FORWARD(conn, connect_get_hostname, CLIENT_FAILED_NULL, NULL, conn);
}

char *
virConnectGetURI(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, NULL);
    if (conn->uri)
        return xstrdup(conn->uri);
    CLIENT_FORWARD(conn, connect_get_uri, CLIENT_FAILED_NULL, NULL, conn);
}

char *
virConnectGetCapabilities(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_FORWARD(conn, connect_get_capabilities, CLIENT_FAILED_NULL, NULL, conn);
}

char *
virConnectGetSysinfo(virConnectPtr conn, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_FORWARD(conn, connect_get_sysinfo, CLIENT_FAILED_NULL, NULL, conn, flags);
}

int
virConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_get_max_vcpus, CLIENT_FAILED_NEG, -1, conn, type);
}

int
virConnectIsAlive(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_is_alive, CLIENT_FAILED_NEG, -1, conn);
}

int
virConnectIsSecure(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_is_secure, CLIENT_FAILED_NEG, -1, conn);
}

int
virConnectIsEncrypted(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_FORWARD(conn, connect_is_encrypted, CLIENT_FAILED_NEG, -1, conn);
}

int
virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, info, -1);
    CLIENT_FORWARD(conn, node_get_info, CLIENT_FAILED_NEG, -1, conn, info);
}

unsigned long long
virNodeGetFreeMemory(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, 0);
    CLIENT_FORWARD(conn, node_get_free_memory, CLIENT_FAILED_ZERO, 0, conn);
}

int
virNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems, int startCell,
                          int maxCells)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_ARRAY(conn, freeMems, maxCells, -1);
    CLIENT_CHECK_POSITIVE(conn, maxCells, -1);
    CLIENT_CHECK_NONNEGATIVE(conn, startCell, -1);
    CLIENT_FORWARD(conn, node_get_cells_free_memory, CLIENT_FAILED_NEG, -1, conn, freeMems,
                   startCell, maxCells);
}

int
virNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    CLIENT_ENTER_CONN(conn, -1);
    CLIENT_CHECK_NONNULL(conn, secmodel, -1);
    CLIENT_FORWARD(conn, node_get_security_model, CLIENT_FAILED_NEG, -1, conn, secmodel);
}
