/*
 * cmd_host_node.c: the "Host and Hypervisor" commands about the node and its
 * CPUs: memory and CPU statistics, free cells, domain capabilities,
 * CPU baseline and comparison.
 */
#include "shell.h"

const ShellCmdDef shell_host_node_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
