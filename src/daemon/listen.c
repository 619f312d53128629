/*
 * listen.c: unix and tcp listeners for vireod.
 *
 * The engine reports failures into the error record with its own wording;
 * the daemon's start-up line names the socket the way a user configured it
 * and keeps only the reason (the system's text), so it stays one line.
 */
#include "daemon/listen.h"

#include <errno.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon/log.h"
#include "daemon/tls.h"
#include "util/alloc.h"
#include "util/error.h"

/* The reason part of the current error: for system errors the text after
 * the last ": " (strerror or the resolver's text), else the message. */
static const char *
listen_error_reason(void)
{
    virErrorPtr err = vir_error_current();
    const char *colon;

    if (!err || !err->message)
        return "unknown error";
    colon = strrchr(err->message, ':');
    if (err->code == VIR_ERR_SYSTEM_ERROR && colon && colon[1] == ' ' && colon[2])
        return colon + 2;
    return err->message;
}

int
daemon_listen_group(const DaemonConfig *cfg, gid_t *ret_gid, char **errmsg)
{
    struct group grp, *found = NULL;
    char buf[16384];
    int rc;

    if (!cfg->unix_sock_group) {
        *ret_gid = (gid_t)-1;
        return 0;
    }
    rc = getgrnam_r(cfg->unix_sock_group, &grp, buf, sizeof(buf), &found);
    if (rc != 0 || !found) {
        *errmsg = xasprintf("unix_sock_group: unknown group '%s'", cfg->unix_sock_group);
        return -1;
    }
    *ret_gid = found->gr_gid;
    return 0;
}

/* True when something accepts connections on path. The engine replaces
 * an existing socket file, which is right for one left by a crash but
 * would silently steal the socket of a live daemon started with another
 * pid file. */
static bool
listen_unix_in_use(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd;
    bool used;

    if (strlen(path) >= sizeof(sun.sun_path))
        return false;
    memcpy(sun.sun_path, path, strlen(path) + 1);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    used = connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0;
    close(fd);
    return used;
}

static int
listen_unix(RpcServer *srv, const DaemonConfig *cfg, const char *name, unsigned int perms,
            gid_t gid, bool readonly, int auth, char **errmsg)
{
    char *path = xasprintf("%s/%s", cfg->unix_sock_dir, name);
    int rc;

    if (listen_unix_in_use(path)) {
        *errmsg = xasprintf("cannot listen on %s: another daemon is serving it", path);
        free(path);
        return -1;
    }
    rc = rpc_server_listen_unix(srv, path, (mode_t)perms, gid, readonly, auth);
    if (rc < 0)
        *errmsg = xasprintf("cannot listen on %s: %s", path, listen_error_reason());
    else
        daemon_log(DAEMON_LOG_INFO, "listen", "listening on %s (%s)", path,
                   readonly ? "read-only" : "read-write");
    free(path);
    return rc;
}

static int
listen_inet(RpcServer *srv, const DaemonConfig *cfg, bool tls, char **errmsg)
{
    const char *addr = cfg->listen_addr;
    const char *port = tls ? cfg->tls_port : cfg->tcp_port;
    bool v6 = addr && strchr(addr, ':');
    char *where = xasprintf("%s%s%s:%s", v6 ? "[" : "", addr ? addr : "*", v6 ? "]" : "",
                            port);
    int rc = tls ? rpc_server_listen_tls(srv, addr, port, cfg->auth_tls)
                 : rpc_server_listen_tcp(srv, addr, port, cfg->auth_tcp);

    if (rc < 0)
        *errmsg = xasprintf("cannot listen on %s: %s", where, listen_error_reason());
    else
        daemon_log(DAEMON_LOG_INFO, "listen", "listening on %s %s", tls ? "tls" : "tcp",
                   where);
    free(where);
    return rc;
}

/* The credentials first: a bad certificate stops the start with the
 * check that failed, before any socket is opened for it. */
static int
listen_tls(RpcServer *srv, const DaemonConfig *cfg, char **errmsg)
{
    RpcTlsContext *ctx = daemon_tls_context_new(cfg, errmsg);

    if (!ctx)
        return -1;
    rpc_server_set_tls_context(srv, ctx);
    rpc_tls_context_unref(ctx);
    return listen_inet(srv, cfg, true, errmsg);
}

int
daemon_listen_all(RpcServer *srv, const DaemonConfig *cfg, bool tcp, gid_t gid, char **errmsg)
{
    if (listen_unix(srv, cfg, DAEMON_SOCK_RW, cfg->unix_sock_rw_perms, gid, false,
                    cfg->auth_unix_rw, errmsg) < 0 ||
        listen_unix(srv, cfg, DAEMON_SOCK_RO, cfg->unix_sock_ro_perms, gid, true,
                    cfg->auth_unix_ro, errmsg) < 0)
        return -1;
    if (tcp && cfg->listen_tls && listen_tls(srv, cfg, errmsg) < 0)
        return -1;
    if (tcp && cfg->listen_tcp && listen_inet(srv, cfg, false, errmsg) < 0)
        return -1;
    return 0;
}
