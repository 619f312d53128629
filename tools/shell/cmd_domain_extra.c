/*
 * cmd_domain_extra.c: the "Domain Management" commands for saved states, renaming,
 * descriptions and metadata, and device attach/detach/update.
 */
#include "shell.h"

const ShellCmdDef shell_domain_extra_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
