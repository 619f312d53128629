/*
 * remote_client_target.c: the URI rules of remote_client_target.h.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include "remote/remote_client_target.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/alloc.h"
#include "util/error.h"

/* Parameters the client transport consumes: never passed on to the daemon. */
static const char *const remote_client_target_own_params[] = {
    "name", "command", "socket", "auth", "sshauth", "netcat", "keyfile", "pkipath",
    "known_hosts", "known_hosts_verify", "tls_priority", "mode", "proxy", "no_sanity",
    "no_verify", "no_tty", "authfile",
};

/* Transports libvirt knows that Vireo does not serve yet. */
static const char *const remote_client_target_later[] = {
    "libssh",
};

static bool
remote_client_target_in(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

/* The URI without the client's own parameters and without where it goes. */
static char *
remote_client_target_name(const VireoUri *uri)
{
    VireoUri copy = *uri;
    VireoUriParam *params = XNEW_ARRAY(VireoUriParam, uri->nparams ? uri->nparams : 1);
    char *name;

    for (size_t i = 0; i < uri->nparams; i++) {
        params[i] = uri->params[i];
        if (remote_client_target_in(params[i].name, remote_client_target_own_params,
                                    ARRAY_SIZE(remote_client_target_own_params)))
            params[i].ignore = true;
    }
    copy.params = params;
    name = vireo_uri_format(&copy, true);
    free(params);
    return name;
}

static char *
remote_client_target_unix_path(const VireoUri *uri, bool readonly)
{
    const char *sock = vireo_uri_param(uri, "socket");
    const char *runtime = getenv("XDG_RUNTIME_DIR");

    if (sock)
        return xstrdup(sock);
    /* A non-root session URI talks to the user's own daemon. */
    if (uri->path && strcmp(uri->path, "/session") == 0 && geteuid() != 0 && runtime)
        return xasprintf("%s/libvirt/libvirt-sock", runtime);
    return xstrdup(readonly ? REMOTE_DEFAULT_SOCKET_DIR "/libvirt-sock-ro"
                            : REMOTE_DEFAULT_SOCKET_DIR "/libvirt-sock");
}

static int
remote_client_target_transport(const VireoUri *uri, RemoteTransport *ret_transport)
{
    const char *t = uri->transport;

    if (!t)
        t = uri->server ? "tls" : "unix";
    if (strcmp(t, "unix") == 0) {
        *ret_transport = REMOTE_TRANSPORT_UNIX;
        return 0;
    }
    if (strcmp(t, "tcp") == 0) {
        *ret_transport = REMOTE_TRANSPORT_TCP;
        return 0;
    }
    if (strcmp(t, "tls") == 0) {
        *ret_transport = REMOTE_TRANSPORT_TLS;
        return 0;
    }
    if (strcmp(t, "ssh") == 0 || strcmp(t, "libssh2") == 0 || strcmp(t, "ext") == 0) {
        *ret_transport = t[0] == 'e' ? REMOTE_TRANSPORT_EXT
                         : t[1] == 'i' ? REMOTE_TRANSPORT_LIBSSH2 : REMOTE_TRANSPORT_SSH;
        return 0;
    }
    if (remote_client_target_in(t, remote_client_target_later,
                                ARRAY_SIZE(remote_client_target_later))) {
        vir_report_error(VIR_ERR_NO_SUPPORT, "transport '%s' is not supported yet", t);
        return -1;
    }
    vir_report_error(VIR_ERR_INVALID_ARG,
                     "transport in URL not recognised (should be "
                     "tls|unix|ssh|ext|tcp|libssh2|libssh)");
    return -1;
}

static bool
remote_client_target_bool(const VireoUri *uri, const char *name)
{
    const char *v = vireo_uri_param(uri, name);

    return v && atoi(v) != 0;
}

/* proxy=: what the far end runs. libvirt's names; netcat= alone means
 * netcat, and contradicts native. */
static int
remote_client_target_proxy(const VireoUri *uri, RemoteTarget *t)
{
    static const char *const modes[] = { "auto", "netcat", "native" };
    const char *proxy = vireo_uri_param(uri, "proxy");
    bool netcat = vireo_uri_param(uri, "netcat") != NULL;

    if (!proxy) {
        t->proxy = xstrdup(netcat ? "netcat" : "auto");
        return 0;
    }
    if (!remote_client_target_in(proxy, modes, ARRAY_SIZE(modes))) {
        vir_report_error(VIR_ERR_INVALID_ARG,
                         "unknown proxy type '%s' (expected auto, netcat or native)", proxy);
        return -1;
    }
    if (netcat && strcmp(proxy, "native") == 0) {
        vir_report_error(VIR_ERR_INVALID_ARG, "netcat path not valid with native proxy mode");
        return -1;
    }
    t->proxy = xstrdup(strcmp(proxy, "auto") == 0 && netcat ? "netcat" : proxy);
    return 0;
}

/* The parameters of ssh, libssh2 and ext (rpc/transport_ssh.h). */
static int
remote_client_target_ssh(const VireoUri *uri, bool readonly, RemoteTarget *t)
{
    if (t->transport == REMOTE_TRANSPORT_EXT && !vireo_uri_param(uri, "command")) {
        vir_report_error(VIR_ERR_INVALID_ARG,
                         "remote_open: for 'ext' transport, command is required");
        return -1;
    }
    if (remote_client_target_proxy(uri, t) < 0)
        return -1;
    t->host = xstrdup(uri->server ? uri->server : "localhost");
    if (uri->port > 0)
        t->port = xasprintf("%d", uri->port);
    t->socket_given = vireo_uri_param(uri, "socket") != NULL;
    t->socket_path = remote_client_target_unix_path(uri, readonly);
    t->user = xstrdup(uri->user);
    t->keyfile = xstrdup(vireo_uri_param(uri, "keyfile"));
    t->command = xstrdup(vireo_uri_param(uri, "command"));
    t->netcat = xstrdup(vireo_uri_param(uri, "netcat"));
    t->known_hosts = xstrdup(vireo_uri_param(uri, "known_hosts"));
    t->known_hosts_verify = xstrdup(vireo_uri_param(uri, "known_hosts_verify"));
    t->sshauth = xstrdup(vireo_uri_param(uri, "sshauth"));
    t->no_verify = remote_client_target_bool(uri, "no_verify");
    t->no_tty = remote_client_target_bool(uri, "no_tty");
    t->readonly = readonly;
    return 0;
}

int
remote_client_target_init(const VireoUri *uri, bool readonly, RemoteTarget *ret_target)
{
    RemoteTarget t;
    const char *name = vireo_uri_param(uri, "name");

    if (!uri->driver)
        return 0;
    if (!uri->transport && !uri->server && strcmp(uri->driver, "test") == 0)
        return 0;

    memset(&t, 0, sizeof(t));
    if (remote_client_target_transport(uri, &t.transport) < 0)
        return -1;
    if (t.transport == REMOTE_TRANSPORT_UNIX) {
        t.socket_path = remote_client_target_unix_path(uri, readonly);
    } else if (t.transport >= REMOTE_TRANSPORT_SSH) {
        if (remote_client_target_ssh(uri, readonly, &t) < 0)
            return -1;
    } else {
        t.host = xstrdup(uri->server ? uri->server : "localhost");
        t.port = uri->port > 0 ? xasprintf("%d", uri->port)
                 : xstrdup(t.transport == REMOTE_TRANSPORT_TLS ? REMOTE_DEFAULT_TLS_PORT
                                                               : REMOTE_DEFAULT_TCP_PORT);
    }
    if (t.transport == REMOTE_TRANSPORT_TLS) {
        t.pkipath = xstrdup(vireo_uri_param(uri, "pkipath"));
        t.tls_priority = xstrdup(vireo_uri_param(uri, "tls_priority"));
        t.no_verify = remote_client_target_bool(uri, "no_verify");
        t.no_sanity = remote_client_target_bool(uri, "no_sanity");
    }
    if (name)
        t.name = xstrdup(name);
    else if (strcmp(uri->driver, "remote") == 0)
        t.name = xstrdup("");
    else
        t.name = remote_client_target_name(uri);
    t.auth = xstrdup(vireo_uri_param(uri, "auth"));
    *ret_target = t;
    return 1;
}

void
remote_client_target_clear(RemoteTarget *target)
{
    free(target->socket_path);
    free(target->host);
    free(target->port);
    free(target->name);
    free(target->auth);
    free(target->user);
    free(target->keyfile);
    free(target->command);
    free(target->netcat);
    free(target->known_hosts);
    free(target->known_hosts_verify);
    free(target->sshauth);
    free(target->proxy);
    free(target->pkipath);
    free(target->tls_priority);
    memset(target, 0, sizeof(*target));
}
