/*
 * check.c: handle validation shared by the entry points.
 *
 * A handle is valid when it and its connection are non-NULL and the
 * connection has a driver. The error codes and domains are libvirt's:
 * INVALID_CONN in the caller's family, INVALID_DOMAIN from VIR_FROM_DOM,
 * INVALID_NETWORK from NETWORK, INVALID_STORAGE_POOL/VOL from STORAGE.
 * Like libvirt, an invalid handle's error is dispatched without a
 * connection.
 */
#include "client/client.h"

static bool
client_handle_ok(bool ok, int domain, int code, const char *api)
{
    if (ok)
        return true;
    vir_error_report(domain, code, "%s", api);
    vir_error_dispatch(NULL, api);
    return false;
}

static bool
client_conn_usable(virConnectPtr conn)
{
    return conn && conn->driver;
}

bool
client_conn_ok(virConnectPtr conn, int domain, const char *api)
{
    return client_handle_ok(client_conn_usable(conn), domain, VIR_ERR_INVALID_CONN, api);
}

bool
client_domain_ok(virDomainPtr dom, const char *api)
{
    return client_handle_ok(dom && client_conn_usable(dom->conn), VIR_FROM_DOM,
                            VIR_ERR_INVALID_DOMAIN, api);
}

bool
client_network_ok(virNetworkPtr net, const char *api)
{
    return client_handle_ok(net && client_conn_usable(net->conn), VIR_FROM_NETWORK,
                            VIR_ERR_INVALID_NETWORK, api);
}

bool
client_pool_ok(virStoragePoolPtr pool, const char *api)
{
    return client_handle_ok(pool && client_conn_usable(pool->conn), VIR_FROM_STORAGE,
                            VIR_ERR_INVALID_STORAGE_POOL, api);
}

bool
client_vol_ok(virStorageVolPtr vol, const char *api)
{
    return client_handle_ok(vol && client_conn_usable(vol->conn), VIR_FROM_STORAGE,
                            VIR_ERR_INVALID_STORAGE_VOL, api);
}

void
client_report_unsupported(virConnectPtr conn, int domain, const char *api)
{
    vir_error_report(domain, VIR_ERR_NO_SUPPORT, "%s", api);
    vir_error_dispatch(conn, api);
}
