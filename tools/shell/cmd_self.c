/*
 * cmd_self.c: the commands about vireo itself (help, connect, quit, exit)
 * and the table of command groups.
 */
#include "shell.h"

#define OPT_END { NULL, 0, 0, NULL }

static bool
cmd_quit(Shell *sh, const ShellCmd *cmd)
{
    (void)cmd;
    sh->interactive = false;
    return true;
}

static bool
cmd_connect(Shell *sh, const ShellCmd *cmd)
{
    const char *name = NULL;

    if (shell_opt_string(sh, cmd, "name", &name) < 0)
        return false;
    return shell_connect(sh, name, shell_opt_bool(cmd, "readonly")) == 0;
}

static const ShellOptDef opts_help[] = {
    { "command", SHELL_OPT_STRING, 0,
      "Prints global help, command specific help, or help for a group of related commands" },
    OPT_END,
};

static const ShellOptDef opts_connect[] = {
    { "name", SHELL_OPT_STRING, SHELL_OFLAG_EMPTY_OK, "hypervisor connection URI" },
    { "readonly", SHELL_OPT_BOOL, 0, "read-only connection" },
    OPT_END,
};

const ShellCmdDef shell_self_cmds[] = {
    { "exit", cmd_quit, NULL, "quit this interactive terminal", "", SHELL_CMD_NOCONNECT },
    { "help", shell_cmd_help, opts_help, "print help",
      "Prints global help, command specific help, or help for a\n"
      "    group of related commands", SHELL_CMD_NOCONNECT },
    { "quit", cmd_quit, NULL, "quit this interactive terminal", "", SHELL_CMD_NOCONNECT },
    { "connect", cmd_connect, opts_connect, "(re)connect to hypervisor",
      "Connect to local hypervisor. This is built-in command after shell start up.",
      SHELL_CMD_NOCONNECT },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};

/* Groups in the order "help" lists them (virsh's order). */
const ShellGroup shell_groups[] = {
    { "Domain Management", "domain",
      { shell_domain_cmds, shell_domain_tune_cmds, shell_domain_extra_cmds } },
    { "Domain Monitoring", "monitor", { shell_monitor_cmds, shell_domain_stats_cmds } },
    { "Host and Hypervisor", "host", { shell_host_cmds, shell_host_node_cmds } },
    { "Checkpoint", "checkpoint", { shell_checkpoint_cmds } },
    { "Interface", "interface", { shell_interface_cmds } },
    { "Networking", "network", { shell_network_cmds, shell_network_edit_cmds } },
    { "Node Device", "nodedev", { shell_nodedev_cmds } },
    { "Snapshot", "snapshot", { shell_snapshot_cmds } },
    { "Storage Pool", "pool", { shell_pool_cmds, shell_pool_edit_cmds } },
    { "Storage Volume", "volume", { shell_volume_cmds } },
    { "Vireo itself", "vireo", { shell_self_cmds } },
    { NULL, NULL, { NULL } },
};
