/*
 * remote_server_conn.c: the connection life cycle on the daemon side, plus
 * the procedures the daemon answers itself rather than forwarding
 * (AUTH_LIST, some SUPPORTS_FEATURE numbers, close callbacks).
 *
 * A client's hypervisor connection is its RpcServerClient private data. One
 * process-wide mutex serializes "read the private data and take a
 * reference" against "replace it", so a handler always works on a
 * connection it holds a reference to even if the client opens twice or
 * closes concurrently (hostile clients may pipeline anything).
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <pthread.h>
#include <stdio.h>
#include "remote/remote_server_priv.h"
#include "drivers/driver.h"
#include "drivers/registry.h"
#include "util/alloc.h"
#include "util/error.h"

static pthread_mutex_t remote_server_conn_lock = PTHREAD_MUTEX_INITIALIZER;

static void
remote_server_conn_release(void *priv)
{
    handle_connect_unref(priv);
}

virConnectPtr
remote_server_conn_get(RpcServerClient *client)
{
    virConnectPtr conn;

    pthread_mutex_lock(&remote_server_conn_lock);
    conn = rpc_server_client_get_private(client);
    if (conn)
        atomic_fetch_add(&conn->refs, 1);
    pthread_mutex_unlock(&remote_server_conn_lock);
    if (!conn)
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "hypervisor connection not open");
    return conn;
}

bool
remote_server_conn_never_blocks(RpcServerClient *client)
{
    virConnectPtr conn;
    bool ret;

    pthread_mutex_lock(&remote_server_conn_lock);
    conn = rpc_server_client_get_private(client);
    ret = !conn || (conn->driver && conn->driver->never_blocks);
    pthread_mutex_unlock(&remote_server_conn_lock);
    return ret;
}

bool
remote_server_conn_open_is_quick(RpcServerClient *client, const void *args)
{
    const remote_connect_open_args *a = args;
    const char *name = a->name ? *a->name : NULL;
    virConnectPtr conn;
    bool quick = false;

    /* A second open is refused and drops the first connection: as quick
     * as that connection's driver is. */
    pthread_mutex_lock(&remote_server_conn_lock);
    conn = rpc_server_client_get_private(client);
    if (conn)
        quick = conn->driver && conn->driver->never_blocks;
    pthread_mutex_unlock(&remote_server_conn_lock);
    if (conn)
        return quick;
    return !name || !*name || vireo_driver_open_is_quick(name);
}

/* Replaces the client's connection (NULL drops it); the old one loses the
 * reference the client held. */
static void
remote_server_conn_set(RpcServerClient *client, virConnectPtr conn)
{
    pthread_mutex_lock(&remote_server_conn_lock);
    rpc_server_client_set_private(client, conn, conn ? remote_server_conn_release : NULL);
    pthread_mutex_unlock(&remote_server_conn_lock);
}

/* CONNECT_OPEN: opens the hypervisor connection this client will use. A
 * second open is refused and, as libvirtd does, drops the first one. */
int
remote_dispatch_connect_open(RpcServerClient *client, const RpcCallInfo *call, void *args,
                             void *ret)
{
    remote_connect_open_args *a = args;
    const char *name = a->name ? *a->name : NULL;
    unsigned int flags = a->flags & VIR_CONNECT_RO;
    virConnectPtr conn;

    pthread_mutex_lock(&remote_server_conn_lock);
    conn = rpc_server_client_get_private(client);
    pthread_mutex_unlock(&remote_server_conn_lock);
    if (conn) {
        remote_server_conn_set(client, NULL);
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "connection already open");
        return -1;
    }

    /* Probing (no name) would pick a default hypervisor; none of the drivers
     * the daemon has (test) accepts a probe, so the answer is fixed. */
    if (!name || !*name) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_NO_CONNECT, "%s", "<null>");
        return -1;
    }

    if (rpc_server_client_is_readonly(client))
        flags |= VIR_CONNECT_RO;
    conn = virConnectOpenAuth(name, NULL, flags);
    if (!conn)
        return -1;
    rpc_server_client_set_readonly(client, (conn->flags & VIR_CONNECT_RO) != 0);
    remote_server_conn_set(client, conn);
    return 0;
}

/* CONNECT_CLOSE: the reply goes out, then the engine closes the socket and
 * the client's connection is released with it. */
int
remote_dispatch_connect_close(RpcServerClient *client, const RpcCallInfo *call, void *args,
                              void *ret)
{
    rpc_server_client_close_after_reply(client);
    return 0;
}

/* The daemon's own answers to SUPPORTS_FEATURE: features of the protocol
 * layer rather than of the hypervisor. Every other number is forwarded to
 * the driver.
 *
 * REMOTE_EVENT_CALLBACK (14) is answered 0 until the daemon serves the
 * callback event procedures (316/317): a 1 makes virsh and python register
 * events through 316 and fail; with 0 they use the legacy procedures
 * (167/168), which also answer "unknown procedure" for now, so both paths
 * fail the same clean way and nothing else depends on the answer. */
static const struct {
    int feature;
    int supported;
} remote_server_features[] = {
    { VIREO_DRV_FEATURE_FD_PASSING, 1 },
    { VIREO_DRV_FEATURE_REMOTE_EVENT_CALLBACK, 1 }, /* 316/317 served (streams/events) */
    { VIREO_DRV_FEATURE_REMOTE_CLOSE_CALLBACK, 1 },
};

int
remote_dispatch_connect_supports_feature(RpcServerClient *client, const RpcCallInfo *call,
                                         void *args, void *ret)
{
    remote_connect_supports_feature_args *a = args;
    remote_connect_supports_feature_ret *r = ret;
    virConnectPtr conn;
    int supported = 0;

    /* Asked before CONNECT_OPEN by clients with an event loop: it starts
     * the keepalive pings and needs no hypervisor. */
    if (a->feature == VIREO_DRV_FEATURE_PROGRAM_KEEPALIVE) {
        rpc_server_client_enable_keepalive(client);
        r->supported = 1;
        return 0;
    }

    if (!(conn = remote_server_conn_get(client)))
        return -1;
    for (size_t i = 0; i < ARRAY_SIZE(remote_server_features); i++) {
        if (remote_server_features[i].feature == a->feature) {
            r->supported = remote_server_features[i].supported;
            handle_connect_unref(conn);
            return 0;
        }
    }
    if (conn->driver && conn->driver->connect_supports_feature)
        supported = conn->driver->connect_supports_feature(conn, a->feature);
    handle_connect_unref(conn);
    if (supported < 0)
        return -1;
    r->supported = supported;
    return 0;
}

/* AUTH_LIST: the one scheme the client's listener demands. */
int
remote_dispatch_auth_list(RpcServerClient *client, const RpcCallInfo *call, void *args,
                          void *ret)
{
    remote_auth_list_ret *r = ret;

    r->types.types_val = XNEW_ARRAY(remote_auth_type, 1);
    r->types.types_val[0] = rpc_server_client_auth(client);
    r->types.types_len = 1;
    return 0;
}

/* The hypervisor connection of a daemon never closes by itself (it is in
 * process), so there is no close event to deliver: registration only has
 * to succeed on an open connection. */
REMOTE_DISPATCH(remote_dispatch_connect_register_close_callback, void, void)
{
    return 0;
}

REMOTE_DISPATCH(remote_dispatch_connect_unregister_close_callback, void, void)
{
    return 0;
}

int
remote_server_check_max(int max, int limit, const char *what, const char *limit_name)
{
    /* libvirtd's words for both refusals, so clients see the same text. */
    if (max < 0) {
        vir_error_report(VIR_FROM_RPC, VIR_ERR_RPC, "%s must be non-negative", what);
        return -1;
    }
    if (max > limit) {
        vir_error_report(VIR_FROM_RPC, VIR_ERR_RPC, "%s > %s", what, limit_name);
        return -1;
    }
    return 0;
}
