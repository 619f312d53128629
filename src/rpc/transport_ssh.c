/*
 * transport_ssh.c: the OpenSSH client as a child process, and the remote
 * command both ssh transports run (transport_ssh.h).
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/transport_ssh.h"

#include <stdlib.h>
#include <string.h>

#include "rpc/transport_cmd.h"
#include "util/alloc.h"
#include "util/error.h"

/* s in single quotes for a POSIX shell: a quote inside becomes '\''. */
static char *
ssh_shell_quote(const char *s)
{
    size_t n = 3, i, j = 0;
    char *out;

    for (i = 0; s[i]; i++)
        n += s[i] == '\'' ? 4 : 1;
    out = xmalloc(n);
    out[j++] = '\'';
    for (i = 0; s[i]; i++) {
        if (s[i] == '\'') {
            memcpy(out + j, "'\\''", 4);
            j += 4;
        } else {
            out[j++] = s[i];
        }
    }
    out[j++] = '\'';
    out[j] = '\0';
    return out;
}

/* The nc part: Debian's netcat-openbsd only exits at the end of its input
 * with -q0, which other netcats refuse: ask nc itself whether -q takes an
 * argument. */
static char *
ssh_netcat_script(const char *nc_q, const char *sock_q)
{
    return xasprintf("if %s -q 2>&1 | grep 'requires an argument' >/dev/null 2>&1; "
                     "then NCQ=-q0; else NCQ=; fi; exec %s $NCQ -U %s",
                     nc_q, nc_q, sock_q);
}

char *
rpc_ssh_remote_command(const RpcSshOptions *o)
{
    char *nc_q = ssh_shell_quote(o->netcat ? o->netcat : "nc");
    char *sock_q = ssh_shell_quote(o->socket ? o->socket : "");
    char *nc = ssh_netcat_script(nc_q, sock_q);
    const char *proxy = o->proxy ? o->proxy : (o->netcat ? "netcat" : "auto");
    char *script, *script_q, *cmd, *helper, *target;

    /* The helper gets the socket when the user named one (it cannot guess
     * a non-standard path), otherwise the URI to pick it from. */
    target = o->socket_given ? xasprintf("--socket %s", sock_q)
                             : ssh_shell_quote(o->uri ? o->uri : "");
    helper = xasprintf("exec " RPC_SSH_HELPER_NAME "%s %s", o->readonly ? " -r" : "", target);
    if (strcmp(proxy, "netcat") == 0)
        script = xstrdup(nc);
    else if (strcmp(proxy, "native") == 0)
        script = xstrdup(helper);
    else
        script = xasprintf("if command -v " RPC_SSH_HELPER_NAME " >/dev/null 2>&1; "
                           "then %s; else %s; fi", helper, nc);
    /* ssh hands the command to the remote user's shell, whichever it is:
     * sh runs the script so that its syntax is known. */
    script_q = ssh_shell_quote(script);
    cmd = xasprintf("sh -c %s", script_q);
    free(script_q);
    free(script);
    free(helper);
    free(target);
    free(nc);
    free(nc_q);
    free(sock_q);
    return cmd;
}

char **
rpc_ssh_argv(const RpcSshOptions *o)
{
    char **argv = xcalloc(20, sizeof(*argv));
    size_t n = 0;

    argv[n++] = xstrdup(o->binary ? o->binary : "ssh");
    if (o->port) {
        argv[n++] = xstrdup("-p");
        argv[n++] = xstrdup(o->port);
    }
    if (o->user) {
        argv[n++] = xstrdup("-l");
        argv[n++] = xstrdup(o->user);
    }
    if (o->keyfile) {
        argv[n++] = xstrdup("-i");
        argv[n++] = xstrdup(o->keyfile);
    }
    argv[n++] = xstrdup("-T");
    argv[n++] = xstrdup("-e");
    argv[n++] = xstrdup("none");
    if (o->no_tty) {
        argv[n++] = xstrdup("-o");
        argv[n++] = xstrdup("BatchMode=yes");
    }
    if (o->no_verify) {
        argv[n++] = xstrdup("-o");
        argv[n++] = xstrdup("StrictHostKeyChecking=no");
    }
    argv[n++] = xstrdup("--");
    argv[n++] = xstrdup(o->host);
    argv[n++] = rpc_ssh_remote_command(o);
    argv[n] = NULL;
    return argv;
}

RpcTransport *
rpc_transport_new_ssh(const RpcSshOptions *o)
{
    char **argv = rpc_ssh_argv(o);
    RpcTransport *t = rpc_transport_new_cmd(argv);

    strv_free(argv);
    return t;
}
