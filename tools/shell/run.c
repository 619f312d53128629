/*
 * run.c: the hypervisor connection and the command runner.
 *
 * The connection is opened before the first command when -c was given, and
 * otherwise only when the first command needs it (so "help" works without a
 * hypervisor). After a failure that looks like a lost connection, the next
 * command reconnects first, as virsh does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shell.h"

/* Set when a command failed in a way that suggests the connection died. */
static bool disconnected;

/* Closes the connection, reporting a failure or leaked references. */
void
shell_disconnect(Shell *sh)
{
    int rc;

    if (!sh->conn)
        return;
    rc = virConnectClose(sh->conn);
    sh->conn = NULL;
    if (rc < 0)
        shell_error(sh, "%s", "Failed to disconnect from the hypervisor");
    else if (rc > 0)
        shell_error(sh, "%s",
                    "One or more references were leaked after disconnect from the hypervisor");
}

/* (Re)opens the connection to @uri (NULL: the current URI, or the default
 * one), read-only if asked or if the current connection was. Returns 0, or
 * -1 after reporting "failed to connect" (the library's reason is kept). */
int
shell_connect(Shell *sh, const char *uri, bool readonly)
{
    bool was_connected = sh->conn != NULL;

    if (!readonly && !uri)
        readonly = sh->readonly;
    shell_disconnect(sh);
    sh->conn = virConnectOpenAuth(uri ? uri : sh->uri, virConnectAuthPtrDefault,
                                  readonly ? VIR_CONNECT_RO : 0);
    if (!sh->conn) {
        shell_error_save(sh);
        shell_error(sh, "%s", disconnected ? "Failed to reconnect to the hypervisor"
                                           : "failed to connect to the hypervisor");
        return -1;
    }
    if (uri && uri != sh->uri) {
        free(sh->uri);
        if (!(sh->uri = strdup(uri)))
            abort();
    }
    sh->readonly = readonly;
    if (was_connected && disconnected)
        shell_error(sh, "%s", "Reconnected to the hypervisor");
    disconnected = false;
    return 0;
}

/* Makes sure a usable connection exists for a command. */
static bool
shell_connection_ready(Shell *sh)
{
    if ((!sh->conn || disconnected) && shell_connect(sh, NULL, false) < 0)
        return false;
    if (virConnectIsAlive(sh->conn) == 0) {
        shell_error(sh, "%s", "no valid connection");
        return false;
    }
    shell_error_reset(sh);
    return true;
}

static bool
shell_error_means_disconnect(Shell *sh)
{
    int code = shell_error_code(sh);

    if (code == VIR_ERR_RPC || code == VIR_ERR_NO_CONNECT || code == VIR_ERR_INVALID_CONN)
        return true;
    return code == VIR_ERR_SYSTEM_ERROR && sh->last_error &&
           sh->last_error->domain == VIR_FROM_REMOTE;
}

static double
shell_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1000000.0;
}

/* Runs a chain of commands. Every command runs even if an earlier one
 * failed; each failure is reported when it happens. Returns the success of
 * the last command run ("quit" stops the chain). */
bool
shell_run(Shell *sh, const ShellCmd *cmd)
{
    bool ret = true;

    for (; cmd; cmd = cmd->next) {
        double before = shell_now_ms();

        if ((cmd->def->flags & SHELL_CMD_NOCONNECT) || shell_connection_ready(sh))
            ret = cmd->def->handler(sh, cmd);
        else
            ret = false;
        double after = shell_now_ms();

        if (!ret && shell_error_means_disconnect(sh))
            disconnected = true;
        if (!ret)
            shell_error_report(sh);
        if (strcmp(cmd->def->name, "quit") == 0 || strcmp(cmd->def->name, "exit") == 0)
            return ret;
        if (sh->timing)
            shell_print(sh, "\n(Time: %.3f ms)\n\n", after - before);
        else
            shell_print_extra(sh, "\n");
    }
    return ret;
}
