/*
 * cmd_domain_stats.c: the "Domain Monitoring" commands for statistics and device
 * listings: domstats, dommemstat, domblk*, domif*.
 */
#include "shell.h"

const ShellCmdDef shell_domain_stats_cmds[] = {
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
