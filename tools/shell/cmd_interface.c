/*
 * cmd_interface.c: the "Interface" commands (host network interfaces).
 */
#include "shell.h"

const ShellCmdDef shell_interface_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
