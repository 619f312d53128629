/*
 * help.c: "help", "help <command>", "help <group>" and "vireo -h", laid out
 * exactly like virsh's pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

/* Looks a command up by name in every group. NULL when unknown. */
const ShellCmdDef *
shell_cmd_find(const char *name)
{
    for (const ShellGroup *g = shell_groups; g->name; g++) {
        for (size_t t = 0; t < SHELL_GROUP_MAX_TABLES && g->tables[t]; t++) {
            for (const ShellCmdDef *c = g->tables[t]; c->name; c++) {
                if (strcmp(c->name, name) == 0)
                    return c;
            }
        }
    }
    return NULL;
}

/* The group being sorted (qsort passes no context). */
static const ShellGroup *shell_sort_group;

/* Where name stands in the group's listing order; names it lacks go last. */
static size_t
shell_cmd_rank(const char *name)
{
    const char *const *order = shell_sort_group->order;
    size_t i;

    for (i = 0; order && order[i]; i++) {
        if (strcmp(order[i], name) == 0)
            return i;
    }
    return (size_t)-1;
}

static int
shell_cmd_compare(const void *a, const void *b)
{
    const char *na = (*(const ShellCmdDef *const *)a)->name;
    const char *nb = (*(const ShellCmdDef *const *)b)->name;
    size_t ra = shell_cmd_rank(na), rb = shell_cmd_rank(nb);

    if (ra != rb)
        return ra < rb ? -1 : 1;
    return strcmp(na, nb);
}

size_t
shell_group_commands(const ShellGroup *g, const ShellCmdDef ***ret_cmds)
{
    const ShellCmdDef **cmds;
    size_t n = 0, i = 0;

    for (size_t t = 0; t < SHELL_GROUP_MAX_TABLES && g->tables[t]; t++)
        for (const ShellCmdDef *c = g->tables[t]; c->name; c++)
            n++;
    if (!(cmds = calloc(n + 1, sizeof(*cmds))))
        abort();
    for (size_t t = 0; t < SHELL_GROUP_MAX_TABLES && g->tables[t]; t++)
        for (const ShellCmdDef *c = g->tables[t]; c->name; c++)
            cmds[i++] = c;
    shell_sort_group = g;
    qsort(cmds, n, sizeof(*cmds), shell_cmd_compare);
    *ret_cmds = cmds;
    return n;
}

/* Looks a group up by its title or its help keyword. NULL when unknown. */
const ShellGroup *
shell_group_find(const char *name)
{
    for (const ShellGroup *g = shell_groups; g->name; g++) {
        if (strcmp(g->name, name) == 0 || strcmp(g->keyword, name) == 0)
            return g;
    }
    return NULL;
}

/* One group's listing; a group with no commands yet prints nothing and
 * returns false. */
static bool
shell_help_group(const ShellGroup *g, bool colon)
{
    const ShellCmdDef **cmds;
    size_t n = shell_group_commands(g, &cmds);

    if (n > 0)
        printf(" %s (help keyword '%s')%s\n", g->name, g->keyword, colon ? ":" : "");
    for (size_t i = 0; i < n; i++)
        printf("    %-30s %s\n", cmds[i]->name, cmds[i]->help);
    free(cmds);
    return n > 0;
}

/* The synopsis word for one option, or NULL for aliases (undocumented).
 * @positional tells whether an earlier option may be given without its
 * --name, which changes how an ARGV option is shown. */
static const char *
shell_help_synopsis_fmt(const ShellOptDef *opt, bool *positional)
{
    bool req = opt->flags & SHELL_OFLAG_REQ;
    bool pos = !(opt->flags & SHELL_OFLAG_REQ_OPT);

    switch (opt->type) {
    case SHELL_OPT_BOOL:
        return "[--%s]";
    case SHELL_OPT_INT:
        *positional |= pos;
        return req ? "<%s>" : "[--%s <number>]";
    case SHELL_OPT_STRING:
        *positional |= pos;
        return "[--%s <string>]";
    case SHELL_OPT_DATA:
        *positional |= pos;
        return req ? "<%s>" : "[<%s>]";
    case SHELL_OPT_ARGV:
        if (*positional)
            return req ? "{[--%s] <string>}..." : "[[--%s] <string>]...";
        return req ? "<%s>..." : "[<%s>]...";
    case SHELL_OPT_ALIAS:
        break;
    }
    return NULL;
}

static const char *
shell_help_option_fmt(const ShellOptDef *opt, bool positional)
{
    switch (opt->type) {
    case SHELL_OPT_BOOL:
        return "--%s";
    case SHELL_OPT_INT:
        return (opt->flags & SHELL_OFLAG_REQ) ? "[--%s] <number>" : "--%s <number>";
    case SHELL_OPT_STRING:
        return "--%s <string>";
    case SHELL_OPT_DATA:
        return "[--%s] <string>";
    case SHELL_OPT_ARGV:
        return positional ? "[--%s] <string>" : "<%s>";
    case SHELL_OPT_ALIAS:
        break;
    }
    return NULL;
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
shell_help_command(const ShellCmdDef *def)
{
    bool positional = false;
    const ShellOptDef *opt;
    char buf[256];

    printf("  NAME\n    %s - %s\n", def->name, def->help);
    printf("\n  SYNOPSIS\n    %s", def->name);
    for (opt = def->opts; opt && opt->name; opt++) {
        const char *fmt = shell_help_synopsis_fmt(opt, &positional);

        if (!fmt)
            continue;
        putchar(' ');
        printf(fmt, opt->name);
    }
    putchar('\n');
    if (def->desc && *def->desc)
        printf("\n  DESCRIPTION\n    %s\n", def->desc);
    if (def->opts && def->opts->name) {
        printf("\n  OPTIONS\n");
        for (opt = def->opts; opt->name; opt++) {
            const char *fmt = shell_help_option_fmt(opt, positional);

            if (!fmt)
                continue;
            snprintf(buf, sizeof(buf), fmt, opt->name);
            printf("    %-15s  %s\n", buf, opt->help);
        }
    }
    putchar('\n');
    fflush(stdout);
}
#pragma GCC diagnostic pop

/* The "help" command: every group, one command's page, or one group. */
bool
shell_cmd_help(Shell *sh, const ShellCmd *cmd)
{
    const ShellCmdDef *def;
    const ShellGroup *grp;
    const char *name = NULL;

    if (shell_opt_string_quiet(cmd, "command", &name) <= 0) {
        printf("Grouped commands:\n\n");
        for (grp = shell_groups; grp->name; grp++) {
            if (shell_help_group(grp, true))
                printf("\n");
        }
        fflush(stdout);
        return true;
    }
    if ((def = shell_cmd_find(name))) {
        shell_help_command(def);
        return true;
    }
    if ((grp = shell_group_find(name))) {
        shell_help_group(grp, true);
        fflush(stdout);
        return true;
    }
    shell_error(sh, "command or command group '%s' doesn't exist", name);
    return false;
}

/* "vireo -h": the program's options, then every command by group. */
void
shell_usage(const char *progname)
{
    printf("\n%s [options]... [<command_string>]"
           "\n%s [options]... <command> [args...]\n\n"
           "  options:\n"
           "    -c | --connect=URI      hypervisor connection URI\n"
           "    -h | --help             this help\n"
           "    -q | --quiet            quiet mode\n"
           "    -r | --readonly         connect readonly\n"
           "    -t | --timing           print timing information\n"
           "    -v                      short version\n"
           "    -V                      long version\n"
           "         --version[=TYPE]   version, TYPE is short or long (default short)\n"
           "  commands (non interactive mode):\n\n",
           progname, progname);
    for (const ShellGroup *g = shell_groups; g->name; g++) {
        if (shell_help_group(g, false))
            printf("\n");
    }
    printf("\n  (specify help <group> for details about the commands in the group)\n");
    printf("\n  (specify help <command> for details about the command)\n\n");
    fflush(stdout);
}
