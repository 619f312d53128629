/*
 * cmd_domain_tune.c: the "Domain Management" commands that read and tune a domain's
 * resources: scheduler, memory and block I/O tuning, vCPUs and IOThreads.
 */
#include "shell.h"

const ShellCmdDef shell_domain_tune_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
