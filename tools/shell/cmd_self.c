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

/* Each group's commands in the order virsh's "help" lists them (its own
 * table order, not alphabetical); commands virsh lacks would follow, by name. */
static const char *const order_domain[] = {
    "attach-device", "attach-disk", "attach-interface", "autostart", "blkdeviotune",
    "blkiotune", "blockcommit", "blockcopy", "blockjob", "blockpull", "blockresize",
    "change-media", "console", "cpu-stats", "create", "define", "desc", "destroy",
    "detach-device", "detach-device-alias", "detach-disk", "detach-interface", "domdisplay",
    "domfsfreeze", "domfsthaw", "domfsinfo", "domfstrim", "domhostname", "domid",
    "domif-setlink", "domiftune", "domjobabort", "domjobinfo", "domlaunchsecinfo",
    "domsetlaunchsecstate", "domname", "domrename", "dompmsuspend", "dompmwakeup", "domuuid",
    "domxml-from-native", "domxml-to-native", "dump", "dumpxml", "edit", "get-user-sshkeys",
    "inject-nmi", "iothreadinfo", "iothreadpin", "iothreadadd", "iothreadset", "iothreaddel",
    "send-key", "send-process-signal", "lxc-enter-namespace", "managedsave",
    "managedsave-remove", "managedsave-edit", "managedsave-dumpxml", "managedsave-define",
    "memtune", "perf", "metadata", "migrate", "migrate-setmaxdowntime",
    "migrate-getmaxdowntime", "migrate-compcache", "migrate-setspeed", "migrate-getspeed",
    "migrate-postcopy", "numatune", "qemu-attach", "qemu-monitor-command", "qemu-monitor-event",
    "qemu-agent-command", "guest-agent-timeout", "reboot", "reset", "restore", "resume", "save",
    "save-image-define", "save-image-dumpxml", "save-image-edit", "schedinfo", "screenshot",
    "set-lifecycle-action", "set-user-sshkeys", "set-user-password", "setmaxmem", "setmem",
    "setvcpus", "shutdown", "start", "suspend", "ttyconsole", "undefine", "update-device",
    "update-memory-device", "vcpucount", "vcpuinfo", "vcpupin", "emulatorpin", "vncdisplay",
    "guestvcpus", "setvcpu", "domblkthreshold", "guestinfo", "domdirtyrate-calc",
    "dom-fd-associate", NULL,
};

static const char *const order_monitor[] = {
    "domblkerror", "domblkinfo", "domblklist", "domblkstat", "domcontrol", "domif-getlink",
    "domifaddr", "domiflist", "domifstat", "dominfo", "dommemstat", "domstate", "domstats",
    "domtime", "list", NULL,
};

static const char *const order_host[] = {
    "allocpages", "capabilities", "cpu-baseline", "cpu-compare", "cpu-models",
    "domcapabilities", "freecell", "freepages", "hostname", "hypervisor-cpu-baseline",
    "hypervisor-cpu-compare", "maxvcpus", "node-memory-tune", "nodecpumap", "nodecpustats",
    "nodeinfo", "nodememstats", "nodesevinfo", "nodesuspend", "sysinfo", "uri", "version", NULL,
};

static const char *const order_checkpoint[] = {
    "checkpoint-create", "checkpoint-create-as", "checkpoint-delete", "checkpoint-dumpxml",
    "checkpoint-edit", "checkpoint-info", "checkpoint-list", "checkpoint-parent", NULL,
};

static const char *const order_interface[] = {
    "iface-begin", "iface-bridge", "iface-commit", "iface-define", "iface-destroy",
    "iface-dumpxml", "iface-edit", "iface-list", "iface-mac", "iface-name", "iface-rollback",
    "iface-start", "iface-unbridge", "iface-undefine", NULL,
};

static const char *const order_network[] = {
    "net-autostart", "net-create", "net-define", "net-destroy", "net-dhcp-leases",
    "net-dumpxml", "net-edit", "net-event", "net-info", "net-list", "net-name", "net-start",
    "net-undefine", "net-update", "net-uuid", "net-port-list", "net-port-create",
    "net-port-dumpxml", "net-port-delete", NULL,
};

static const char *const order_nodedev[] = {
    "nodedev-create", "nodedev-destroy", "nodedev-detach", "nodedev-dumpxml", "nodedev-list",
    "nodedev-reattach", "nodedev-reset", "nodedev-event", "nodedev-define", "nodedev-undefine",
    "nodedev-start", "nodedev-autostart", "nodedev-info", NULL,
};

static const char *const order_snapshot[] = {
    "snapshot-create", "snapshot-create-as", "snapshot-current", "snapshot-delete",
    "snapshot-dumpxml", "snapshot-edit", "snapshot-info", "snapshot-list", "snapshot-parent",
    "snapshot-revert", NULL,
};

static const char *const order_pool[] = {
    "find-storage-pool-sources-as", "find-storage-pool-sources", "pool-autostart", "pool-build",
    "pool-create-as", "pool-create", "pool-define-as", "pool-define", "pool-delete",
    "pool-destroy", "pool-dumpxml", "pool-edit", "pool-info", "pool-list", "pool-name",
    "pool-refresh", "pool-start", "pool-undefine", "pool-uuid", "pool-event",
    "pool-capabilities", NULL,
};

static const char *const order_volume[] = {
    "vol-clone", "vol-create-as", "vol-create", "vol-create-from", "vol-delete", "vol-download",
    "vol-dumpxml", "vol-info", "vol-key", "vol-list", "vol-name", "vol-path", "vol-pool",
    "vol-resize", "vol-upload", "vol-wipe", NULL,
};

/* Groups in the order "help" lists them (virsh's order). */
const ShellGroup shell_groups[] = {
    { "Domain Management", "domain",
      { shell_domain_cmds, shell_domain_tune_cmds, shell_domain_extra_cmds }, order_domain },
    { "Domain Monitoring", "monitor", { shell_monitor_cmds, shell_domain_stats_cmds }, order_monitor },
    { "Host and Hypervisor", "host", { shell_host_cmds, shell_host_node_cmds }, order_host },
    { "Checkpoint", "checkpoint", { shell_checkpoint_cmds }, order_checkpoint },
    { "Interface", "interface", { shell_interface_cmds }, order_interface },
    { "Networking", "network", { shell_network_cmds, shell_network_edit_cmds }, order_network },
    { "Node Device", "nodedev", { shell_nodedev_cmds }, order_nodedev },
    { "Snapshot", "snapshot", { shell_snapshot_cmds }, order_snapshot },
    { "Storage Pool", "pool", { shell_pool_cmds, shell_pool_edit_cmds }, order_pool },
    { "Storage Volume", "volume", { shell_volume_cmds }, order_volume },
    { "Vireo itself", "vireo", { shell_self_cmds }, NULL },
    { NULL, NULL, { NULL }, NULL },
};
