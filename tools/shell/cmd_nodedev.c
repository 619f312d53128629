/*
 * cmd_nodedev.c: the "Node Device" commands.
 */
#include "shell.h"

const ShellCmdDef shell_nodedev_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
