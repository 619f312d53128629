/*
 * cmd_network_edit.c: the "Networking" commands that change networks: define,
 * create, start, destroy, undefine, autostart, update, and the lookups
 * and DHCP leases.
 */
#include "shell.h"

const ShellCmdDef shell_network_edit_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
