/*
 * cmd_checkpoint.c: the "Checkpoint" commands.
 */
#include "shell.h"

const ShellCmdDef shell_checkpoint_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
