/*
 * remote_client_conn.c: opening and closing a remote connection, and the
 * connection-level methods answered without (or mostly without) the daemon.
 *
 * The open sequence is libvirt's client's, message for message, because
 * daemons and captures expect it: AUTH_LIST, (feature 10 only with an event
 * loop, which Vireo's client does not have yet), CONNECT_OPEN, then
 * SUPPORTS_FEATURE 14 and 15.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include <stdlib.h>
#include <string.h>
#include "remote/remote_client_priv.h"
#include "remote/remote_client_event.h" /* streams/events */
#include "remote/remote_client_ssh.h"
#include "remote/remote_client_target.h"
#include "util/alloc.h"
#include "util/error.h"

int
remote_client_call(virConnectPtr conn, int proc, xdrproc_t args_filter, void *args,
                   xdrproc_t ret_filter, void *ret)
{
    RemoteConn *priv = conn->driver_data;

    return rpc_client_call(priv->rpc, REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, proc,
                           args_filter, args, ret_filter, ret);
}

/* True when the last failure was an "unknown procedure" answer (rewritten
 * to NO_SUPPORT by the engine): an old or minimal daemon. Clears it. */
static bool
remote_client_take_no_support(void)
{
    virErrorPtr err = vir_error_current();

    if (!err || err->code != VIR_ERR_NO_SUPPORT)
        return false;
    virResetLastError();
    return true;
}

static const char *const remote_client_auth_names[] = { "none", "sasl", "polkit" };

/* Which scheme the user asked for with ?auth=: "sasl", "sasl.MECH",
 * "polkit", "none"; -1 when unknown. */
static int
remote_client_auth_wanted(const char *want)
{
    if (strncmp(want, "sasl", 4) == 0 && (want[4] == '\0' || want[4] == '.'))
        return REMOTE_AUTH_SASL;
    for (size_t i = 0; i < ARRAY_SIZE(remote_client_auth_names); i++)
        if (strcmp(want, remote_client_auth_names[i]) == 0)
            return (int)i;
    return -1;
}

/* AUTH_LIST, then the scheme it names. Only "none" exists so far. */
static int
remote_client_authenticate(virConnectPtr conn, const char *want)
{
    remote_auth_list_ret ret;
    int type = REMOTE_AUTH_NONE;
    int wanted = want ? remote_client_auth_wanted(want) : -1;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_AUTH_LIST, REMOTE_VOID,
                           REMOTE_ARG(remote_auth_list_ret, &ret)) < 0)
        return remote_client_take_no_support() ? 0 : -1;
    if (ret.types.types_len > 0) {
        type = ret.types.types_val[0];
        if (want) {
            type = -1;
            for (u_int i = 0; i < ret.types.types_len; i++)
                if ((int)ret.types.types_val[i] == wanted)
                    type = wanted;
        }
    }
    xdr_free((xdrproc_t)xdr_remote_auth_list_ret, (char *)&ret);

    if (type < 0) {
        vir_report_error(VIR_ERR_AUTH_FAILED, "requested authentication type %s rejected",
                         want);
        return -1;
    }
    if (type == REMOTE_AUTH_NONE)
        return 0;
    if (type == REMOTE_AUTH_SASL || type == REMOTE_AUTH_POLKIT) {
        vir_report_error(VIR_ERR_NO_SUPPORT, "authentication type '%s' is not supported yet",
                         remote_client_auth_names[type]);
        return -1;
    }
    vir_report_error(VIR_ERR_AUTH_FAILED, "unsupported authentication type %d", type);
    return -1;
}

/* SUPPORTS_FEATURE as the open sequence asks it: a daemon that does not
 * know the procedure supports nothing. Returns 0/1, or -1 on failure. */
static int
remote_client_feature(virConnectPtr conn, int feature)
{
    remote_connect_supports_feature_args args = { .feature = feature };
    remote_connect_supports_feature_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                           REMOTE_ARG(remote_connect_supports_feature_args, &args),
                           REMOTE_ARG(remote_connect_supports_feature_ret, &ret)) < 0)
        return remote_client_take_no_support() ? 0 : -1;
    return ret.supported ? 1 : 0;
}

static void
remote_client_conn_free(RemoteConn *priv)
{
    if (!priv)
        return;
    remote_client_events_free(priv->events); /* streams/events */
    rpc_client_free(priv->rpc);
    pthread_mutex_destroy(&priv->lock);
    free(priv->type);
    free(priv);
}

static RemoteConn *
remote_client_conn_connect(const RemoteTarget *target, virConnectAuthPtr auth)
{
    RemoteConn *priv;
    RpcClient *rpc;

    if (target->transport >= REMOTE_TRANSPORT_SSH) {
        RpcTransport *t = remote_client_ssh_transport(target, auth);

        rpc = t ? rpc_client_new_transport(t) : NULL;
    } else if (target->transport == REMOTE_TRANSPORT_UNIX)
        rpc = rpc_client_new_unix(target->socket_path);
    else if (target->transport == REMOTE_TRANSPORT_TLS)
        rpc = rpc_client_new_tls(target->host, target->port, target->pkipath,
                                 target->tls_priority, target->no_verify, target->no_sanity);
    else
        rpc = rpc_client_new_tcp(target->host, target->port);
    if (!rpc)
        return NULL;
    priv = XNEW(RemoteConn);
    priv->rpc = rpc;
    /* A unix socket never leaves the host: libvirt calls it secure. */
    priv->is_secure = target->transport == REMOTE_TRANSPORT_UNIX ||
                      target->transport == REMOTE_TRANSPORT_SSH ||
                      target->transport == REMOTE_TRANSPORT_LIBSSH2 ||
                      target->transport == REMOTE_TRANSPORT_TLS;
    priv->is_encrypted = target->transport == REMOTE_TRANSPORT_TLS;
    pthread_mutex_init(&priv->lock, NULL);
    return priv;
}

/* The part of the open that talks to the daemon, on a connection whose
 * driver_data is already set. */
static int
remote_client_conn_handshake(virConnectPtr conn, const RemoteTarget *target,
                             unsigned int flags)
{
    RemoteConn *priv = conn->driver_data;
    remote_nonnull_string name = target->name;
    remote_connect_open_args args = { .name = &name, .flags = flags & VIR_CONNECT_RO };
    int feature;

    if (remote_client_authenticate(conn, target->auth) < 0)
        return -1;
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_OPEN,
                           REMOTE_ARG(remote_connect_open_args, &args), REMOTE_VOID) < 0)
        return -1;
    if ((feature = remote_client_feature(conn, VIREO_DRV_FEATURE_REMOTE_EVENT_CALLBACK)) < 0)
        return -1;
    priv->event_callback = feature;
    if ((feature = remote_client_feature(conn, VIREO_DRV_FEATURE_REMOTE_CLOSE_CALLBACK)) < 0)
        return -1;
    priv->close_callback = feature;
    return 0;
}

VireoDrvOpenStatus
remote_client_connect_open(virConnectPtr conn, const VireoUri *uri, virConnectAuthPtr auth,
                           unsigned int flags)
{
    RemoteTarget target;
    int rc;

    /* No URI at all is the public API's to resolve (a default URI or
     * probing); the remote driver only serves explicit ones. */
    if (!uri)
        return VIREO_DRV_OPEN_DECLINED;
    rc = remote_client_target_init(uri, (flags & VIR_CONNECT_RO) != 0, &target);
    if (rc == 0)
        return VIREO_DRV_OPEN_DECLINED;
    if (rc < 0)
        return VIREO_DRV_OPEN_ERROR;

    if (!(conn->driver_data = remote_client_conn_connect(&target, auth))) {
        remote_client_target_clear(&target);
        return VIREO_DRV_OPEN_ERROR;
    }
    /* streams/events: the MESSAGE handler is in place before any call */
    ((RemoteConn *)conn->driver_data)->events =
        remote_client_events_new(conn, ((RemoteConn *)conn->driver_data)->rpc);
    rc = remote_client_conn_handshake(conn, &target, flags);
    remote_client_target_clear(&target);
    if (rc < 0) {
        remote_client_conn_free(conn->driver_data);
        conn->driver_data = NULL;
        return VIREO_DRV_OPEN_ERROR;
    }
    return VIREO_DRV_OPEN_SUCCESS;
}

int
remote_client_connect_close(virConnectPtr conn)
{
    RemoteConn *priv = conn->driver_data;
    int rc = 0;

    if (!priv)
        return 0;
    if (rpc_client_is_open(priv->rpc))
        rc = remote_client_call(conn, REMOTE_PROC_CONNECT_CLOSE, REMOTE_VOID, REMOTE_VOID);
    remote_client_conn_free(priv);
    conn->driver_data = NULL;
    return rc;
}

int
remote_client_connect_is_alive(virConnectPtr conn)
{
    RemoteConn *priv = conn->driver_data;

    return rpc_client_is_open(priv->rpc) ? 1 : 0;
}

/* Secure means both the transport and the daemon's own hypervisor
 * connection are; encrypted means the transport encrypts and the daemon
 * says secure. Both ask the daemon, as libvirt does. */
static int
remote_client_daemon_secure(virConnectPtr conn)
{
    remote_connect_is_secure_ret ret;

    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_IS_SECURE, REMOTE_VOID,
                           REMOTE_ARG(remote_connect_is_secure_ret, &ret)) < 0)
        return -1;
    return ret.secure ? 1 : 0;
}

int
remote_client_connect_is_secure(virConnectPtr conn)
{
    RemoteConn *priv = conn->driver_data;
    int secure = remote_client_daemon_secure(conn);

    if (secure < 0)
        return -1;
    return secure && priv->is_secure ? 1 : 0;
}

int
remote_client_connect_is_encrypted(virConnectPtr conn)
{
    RemoteConn *priv = conn->driver_data;
    int secure = remote_client_daemon_secure(conn);

    if (secure < 0)
        return -1;
    return secure && priv->is_encrypted ? 1 : 0;
}

int
remote_client_connect_supports_feature(virConnectPtr conn, int feature)
{
    remote_connect_supports_feature_args args = { .feature = feature };
    remote_connect_supports_feature_ret ret;

    /* Being remote is the one feature this side knows best. */
    if (feature == VIREO_DRV_FEATURE_REMOTE)
        return 1;
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_SUPPORTS_FEATURE,
                           REMOTE_ARG(remote_connect_supports_feature_args, &args),
                           REMOTE_ARG(remote_connect_supports_feature_ret, &ret)) < 0)
        return -1;
    return ret.supported ? 1 : 0;
}

/* The type is asked once and kept: the API hands out a string the caller
 * does not free, which must live as long as the connection. */
const char *
remote_client_connect_get_type(virConnectPtr conn)
{
    RemoteConn *priv = conn->driver_data;
    remote_connect_get_type_ret ret;
    const char *type;

    pthread_mutex_lock(&priv->lock);
    if (!priv->type) {
        memset(&ret, 0, sizeof(ret));
        if (remote_client_call(conn, REMOTE_PROC_CONNECT_GET_TYPE, REMOTE_VOID,
                               REMOTE_ARG(remote_connect_get_type_ret, &ret)) == 0)
            priv->type = ret.type;  /* taken from the reply */
    }
    type = priv->type;
    pthread_mutex_unlock(&priv->lock);
    return type;
}

/* The URI the application opened, as libvirt's client answers it; the
 * daemon is asked only when there was none (a probed connection). */
char *
remote_client_connect_get_uri(virConnectPtr conn)
{
    remote_connect_get_uri_ret ret;

    if (conn->uri)
        return xstrdup(conn->uri);
    memset(&ret, 0, sizeof(ret));
    if (remote_client_call(conn, REMOTE_PROC_CONNECT_GET_URI, REMOTE_VOID,
                           REMOTE_ARG(remote_connect_get_uri_ret, &ret)) < 0)
        return NULL;
    return ret.uri;
}

int
remote_client_check_max(int max, int limit, const char *what)
{
    if (max < 0 || max > limit) {
        vir_report_error(VIR_ERR_RPC, "too many remote %s: %d > %d", what, max, limit);
        return -1;
    }
    return 0;
}

int
remote_client_copy_names(char **names_val, u_int names_len, char **const names, int maxnames)
{
    if (names_len > (u_int)maxnames) {
        vir_report_error(VIR_ERR_RPC, "too many remote names: %u > %d", names_len, maxnames);
        return -1;
    }
    for (u_int i = 0; i < names_len; i++)
        names[i] = xstrdup(names_val[i]);
    return (int)names_len;
}
