/*
 * complete.c: Tab completion in interactive mode: command names at the
 * start of a command, then the command's --options, and for commands that
 * take a domain, network or pool, the names of those the connection has.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "shell.h"

/* readline's callbacks carry no context; the interactive shell is one per
 * process (main thread only). */
static Shell *complete_shell;

/* The candidates of the completion in progress, built on readline's first
 * call and handed out one by one. */
static char **candidates;
static size_t candidates_len;
static size_t candidates_next;

static void
complete_add(const char *word)
{
    char **grown = realloc(candidates, (candidates_len + 2) * sizeof(*candidates));

    if (!grown)
        abort();
    candidates = grown;
    if (!(candidates[candidates_len++] = strdup(word)))
        abort();
    candidates[candidates_len] = NULL;
}

static void
complete_reset(void)
{
    for (size_t i = 0; i < candidates_len; i++)
        free(candidates[i]);
    free(candidates);
    candidates = NULL;
    candidates_len = candidates_next = 0;
}

static void
complete_commands(void)
{
    for (const ShellGroup *g = shell_groups; g->name; g++) {
        for (size_t t = 0; t < SHELL_GROUP_MAX_TABLES && g->tables[t]; t++)
            for (const ShellCmdDef *c = g->tables[t]; c->name; c++)
                complete_add(c->name);
    }
}

static void
complete_options(const ShellCmdDef *def, const char *line)
{
    char buf[128];

    for (const ShellOptDef *o = def->opts; o && o->name; o++) {
        if (o->type == SHELL_OPT_ALIAS)
            continue;
        snprintf(buf, sizeof(buf), "--%s", o->name);
        if (strstr(line, buf))
            continue; /* already given */
        complete_add(buf);
    }
}

/* Adds the names of the domains, networks or pools the command works on. */
static void
complete_objects(const ShellCmdDef *def)
{
    Shell *sh = complete_shell;
    const ShellOptDef *first = def->opts;

    if (!sh || !sh->conn || !first || first->type != SHELL_OPT_DATA)
        return;
    if (strcmp(first->name, "domain") == 0) {
        virDomainPtr *doms = NULL;
        int n = virConnectListAllDomains(sh->conn, &doms, 0);

        for (int i = 0; i < n; i++) {
            complete_add(virDomainGetName(doms[i]));
            virDomainFree(doms[i]);
        }
        free(doms);
    } else if (strcmp(first->name, "network") == 0) {
        virNetworkPtr *nets = NULL;
        int n = virConnectListAllNetworks(sh->conn, &nets, 0);

        for (int i = 0; i < n; i++) {
            complete_add(virNetworkGetName(nets[i]));
            virNetworkFree(nets[i]);
        }
        free(nets);
    } else if (strcmp(first->name, "pool") == 0) {
        virStoragePoolPtr *pools = NULL;
        int n = virConnectListAllStoragePools(sh->conn, &pools, 0);

        for (int i = 0; i < n; i++) {
            complete_add(virStoragePoolGetName(pools[i]));
            virStoragePoolFree(pools[i]);
        }
        free(pools);
    }
    virResetLastError();
}

/* Builds the candidates for the word starting at @start of the line. */
static void
complete_build(const char *text, int start)
{
    const char *line = rl_line_buffer;
    const char *seg = line, *p;
    char name[64];
    size_t len;
    const ShellCmdDef *def;

    for (p = line; p < line + start; p++) {
        if (*p == ';')
            seg = p + 1;
    }
    while (seg < line + start && (*seg == ' ' || *seg == '\t'))
        seg++;
    if (seg == line + start) {
        complete_commands();
        return;
    }
    len = strcspn(seg, " \t;");
    if (len == 0 || len >= sizeof(name))
        return;
    memcpy(name, seg, len);
    name[len] = '\0';
    if (!(def = shell_cmd_find(name)))
        return;
    if (text[0] == '-')
        complete_options(def, seg);
    else
        complete_objects(def);
}

static char *
complete_generator(const char *text, int state)
{
    size_t tlen = strlen(text);

    (void)state;
    while (candidates_next < candidates_len) {
        const char *c = candidates[candidates_next++];
        char *dup;

        if (strncmp(c, text, tlen) == 0) {
            if (!(dup = strdup(c)))
                abort();
            return dup;
        }
    }
    return NULL;
}

static char **
complete_attempt(const char *text, int start, int end)
{
    char **matches;

    (void)end;
    complete_reset();
    complete_build(text, start);
    rl_attempted_completion_over = 1; /* no file name completion */
    matches = rl_completion_matches(text, complete_generator);
    complete_reset();
    return matches;
}

/* Hooks completion into readline for the interactive session of @sh. */
void
shell_completion_install(Shell *sh)
{
    complete_shell = sh;
    rl_attempted_completion_function = complete_attempt;
}
