/*
 * cmd_snapshot.c: the "Snapshot" commands.
 */
#include "shell.h"

const ShellCmdDef shell_snapshot_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
