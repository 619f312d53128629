/*
 * cmd_host.c: the "Host and Hypervisor" commands.
 */
#include <stdlib.h>

#include "shell.h"

#define OPT_END { NULL, 0, 0, NULL }

/* Prints what a string-returning connection call gave, or reports @what. */
static bool
shell_print_conn_string(Shell *sh, char *value, const char *fmt, const char *what)
{
    if (!value) {
        shell_error_save(sh);
        shell_error(sh, "%s", what);
        return false;
    }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    shell_print(sh, fmt, value);
#pragma GCC diagnostic pop
    free(value);
    return true;
}

static bool
cmd_capabilities(Shell *sh, const ShellCmd *cmd)
{
    (void)cmd;
    return shell_print_conn_string(sh, virConnectGetCapabilities(sh->conn), "%s\n",
                                   "failed to get capabilities");
}

static bool
cmd_hostname(Shell *sh, const ShellCmd *cmd)
{
    (void)cmd;
    return shell_print_conn_string(sh, virConnectGetHostname(sh->conn), "%s\n",
                                   "failed to get hostname");
}

static bool
cmd_sysinfo(Shell *sh, const ShellCmd *cmd)
{
    (void)cmd;
    return shell_print_conn_string(sh, virConnectGetSysinfo(sh->conn, 0), "%s",
                                   "failed to get sysinfo");
}

static bool
cmd_uri(Shell *sh, const ShellCmd *cmd)
{
    (void)cmd;
    return shell_print_conn_string(sh, virConnectGetURI(sh->conn), "%s\n", "failed to get URI");
}

static bool
cmd_nodeinfo(Shell *sh, const ShellCmd *cmd)
{
    virNodeInfo info;

    (void)cmd;
    if (virNodeGetInfo(sh->conn, &info) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "failed to get node information");
        return false;
    }
    shell_print(sh, "%-20s %s\n", "CPU model:", info.model);
    shell_print(sh, "%-20s %d\n", "CPU(s):", (int)info.cpus);
    if (info.mhz)
        shell_print(sh, "%-20s %d MHz\n", "CPU frequency:", (int)info.mhz);
    shell_print(sh, "%-20s %d\n", "CPU socket(s):", (int)info.sockets);
    shell_print(sh, "%-20s %d\n", "Core(s) per socket:", (int)info.cores);
    shell_print(sh, "%-20s %d\n", "Thread(s) per core:", (int)info.threads);
    shell_print(sh, "%-20s %d\n", "NUMA cell(s):", (int)info.nodes);
    shell_print(sh, "%-20s %lu KiB\n", "Memory size:", info.memory);
    return true;
}

/* Prints "<label><type> major.minor.release" for a libvirt version number. */
static void
shell_print_version(Shell *sh, const char *label, const char *type, unsigned long v)
{
    shell_print(sh, "%s%s%s%d.%d.%d\n", label, type ? type : "", type ? " " : "",
                (int)(v / 1000000), (int)(v % 1000000 / 1000), (int)(v % 1000));
}

static bool
cmd_version(Shell *sh, const ShellCmd *cmd)
{
    unsigned long lib = 0, api = 0, hv = 0, daemon = 0;
    const char *type;

    if (!(type = virConnectGetType(sh->conn))) {
        shell_error_save(sh);
        shell_error(sh, "%s", "failed to get hypervisor type");
        return false;
    }
    shell_print_version(sh, "Compiled against library: ", "libvirt", LIBVIR_VERSION_NUMBER);
    if (virGetVersion(&lib, type, &api) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "failed to get the library version");
        return false;
    }
    shell_print_version(sh, "Using library: ", "libvirt", lib);
    shell_print_version(sh, "Using API: ", type, api);
    if (virConnectGetVersion(sh->conn, &hv) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "failed to get the hypervisor version");
        return false;
    }
    if (hv == 0)
        shell_print(sh, "Cannot extract running %s hypervisor version\n", type);
    else
        shell_print_version(sh, "Running hypervisor: ", type, hv);
    if (shell_opt_bool(cmd, "daemon")) {
        if (virConnectGetLibVersion(sh->conn, &daemon) < 0) {
            shell_error_save(sh);
            shell_error(sh, "%s", "failed to get the daemon version");
        } else {
            shell_print_version(sh, "Running against daemon: ", NULL, daemon);
        }
    }
    return true;
}

static const ShellOptDef opts_version[] = {
    { "daemon", SHELL_OPT_BOOL, 0, "report daemon version too" },
    OPT_END,
};

const ShellCmdDef shell_host_cmds[] = {
    { "capabilities", cmd_capabilities, NULL, "capabilities",
      "Returns capabilities of hypervisor/driver.", 0 },
    { "hostname", cmd_hostname, NULL, "print the hypervisor hostname", "", 0 },
    { "nodeinfo", cmd_nodeinfo, NULL, "node information",
      "Returns basic information about the node.", 0 },
    { "sysinfo", cmd_sysinfo, NULL, "print the hypervisor sysinfo",
      "output an XML string for the hypervisor sysinfo, if available", 0 },
    { "uri", cmd_uri, NULL, "print the hypervisor canonical URI", "", 0 },
    { "version", cmd_version, opts_version, "show version",
      "Display the system version information.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
