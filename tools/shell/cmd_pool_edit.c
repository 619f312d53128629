/*
 * cmd_pool_edit.c: the "Storage Pool" commands that change pools: define,
 * create, build, start, destroy, delete, undefine, refresh, autostart.
 */
#include "shell.h"

const ShellCmdDef shell_pool_edit_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
