/*
 * cmd_volume.c: the "Storage Volume" commands.
 */
#include "shell.h"

const ShellCmdDef shell_volume_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
