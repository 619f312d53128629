/*
 * parse.c: from words to commands.
 *
 * A command line is either argv (one word per argument) or one string that
 * is split shell-like: blanks separate words, ';' and newlines separate
 * commands, '#' starts a comment, single quotes are literal, double quotes
 * allow backslash escapes. The words of each command are then matched
 * against its option table with virsh's rules: "--name value",
 * "--name=value", positional values filling the non-boolean options in
 * table order, "--" ending option parsing, "--help" turning the command
 * into "help <command>". Any error rejects the whole line.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

typedef enum {
    TOKEN_ERROR,
    TOKEN_ARG,
    TOKEN_CMD_END,
    TOKEN_END,
} ShellToken;

/* A source of words: either an argv array or a string being split. */
typedef struct ShellLexer {
    ShellToken (*next)(Shell *sh, struct ShellLexer *lx, char **ret_word);
    char **argv_pos;
    char **argv_end;
    const char *pos;
} ShellLexer;

/* Per-command parse state: which options still want a value and which were
 * given; bit i stands for the option at index i of the command's table. */
typedef struct ShellParseState {
    const ShellCmdDef *def;
    uint64_t need_arg;
    uint64_t required;
    uint64_t seen;
    ShellArg *first;
    ShellArg *last;
} ShellParseState;

static const ShellOptDef help_opt = { "help", SHELL_OPT_BOOL, 0, "print help for this function" };

static char *
xstrdup(const char *s)
{
    char *d = strdup(s);

    if (!d)
        abort();
    return d;
}

static ShellToken
shell_lexer_argv_next(Shell *sh, ShellLexer *lx, char **ret_word)
{
    (void)sh;
    if (lx->argv_pos == lx->argv_end) {
        *ret_word = NULL;
        return TOKEN_END;
    }
    *ret_word = xstrdup(*lx->argv_pos++);
    return TOKEN_ARG;
}

/* A word being built; grows as needed so that a long command string costs
 * memory in proportion to its words, not to the rest of the line. */
typedef struct ShellWordBuf {
    char *data;
    size_t len;
    size_t cap;
} ShellWordBuf;

static void
shell_word_push(ShellWordBuf *w, char c)
{
    if (w->len + 1 >= w->cap) {
        w->cap = w->cap ? w->cap * 2 : 32;
        if (!(w->data = realloc(w->data, w->cap)))
            abort();
    }
    w->data[w->len++] = c;
    w->data[w->len] = '\0';
}

static ShellToken
shell_lexer_string_next(Shell *sh, ShellLexer *lx, char **ret_word)
{
    const char *p = lx->pos;
    bool squote = false, dquote = false;
    ShellWordBuf w = { NULL, 0, 0 };

    *ret_word = NULL;
    while (*p == ' ' || *p == '\t' || (*p == '\\' && p[1] == '\n'))
        p += 1 + (*p == '\\');
    if (*p == '\0')
        return TOKEN_END;
    if (*p == ';' || *p == '\n') {
        lx->pos = p + 1;
        return TOKEN_CMD_END;
    }
    if (*p == '#') {
        while (*p && *p != '\n')
            p++;
        lx->pos = p + (*p != '\0');
        return TOKEN_CMD_END;
    }
    shell_word_push(&w, '\0');
    w.len = 0;
    while (*p) {
        if (!squote && !dquote && (*p == ' ' || *p == '\t' || *p == ';' || *p == '\n'))
            break;
        if (!dquote && *p == '\'') {
            squote = !squote;
            p++;
            continue;
        }
        if (!squote && *p == '\\') {
            p++;
            if (*p == '\0') {
                shell_error(sh, "%s", "dangling \\");
                free(w.data);
                return TOKEN_ERROR;
            }
            if (*p == '\n') {
                p++;
                continue;
            }
        } else if (!squote && *p == '"') {
            dquote = !dquote;
            p++;
            continue;
        }
        shell_word_push(&w, *p++);
    }
    if (dquote) {
        shell_error(sh, "%s", "missing \"");
        free(w.data);
        return TOKEN_ERROR;
    }
    lx->pos = p;
    *ret_word = w.data;
    return TOKEN_ARG;
}

static void
shell_args_free(ShellArg *arg)
{
    while (arg) {
        ShellArg *next = arg->next;

        free(arg->data);
        free(arg);
        arg = next;
    }
}

/* Frees a chain of parsed commands; NULL is a no-op. */
void
shell_cmd_free(ShellCmd *cmd)
{
    while (cmd) {
        ShellCmd *next = cmd->next;

        shell_args_free(cmd->args);
        free(cmd);
        cmd = next;
    }
}

static void
shell_state_begin(ShellParseState *st, const ShellCmdDef *def)
{
    memset(st, 0, sizeof(*st));
    st->def = def;
    for (size_t i = 0; def->opts && def->opts[i].name; i++) {
        const ShellOptDef *opt = &def->opts[i];

        if (opt->type == SHELL_OPT_BOOL || opt->type == SHELL_OPT_ALIAS)
            continue;
        if (!(opt->flags & SHELL_OFLAG_REQ_OPT))
            st->need_arg |= 1ULL << i;
        if (opt->flags & SHELL_OFLAG_REQ)
            st->required |= 1ULL << i;
    }
}

static void
shell_state_add(ShellParseState *st, const ShellOptDef *def, char *data)
{
    ShellArg *arg = calloc(1, sizeof(*arg));

    if (!arg)
        abort();
    arg->def = def;
    arg->data = data;
    if (st->last)
        st->last->next = arg;
    else
        st->first = arg;
    st->last = arg;
}

/* Finds option @name of the command being parsed, following aliases. An
 * alias of the form "target=value" supplies the value through @optstr.
 * Reports and returns NULL for unknown or repeated options (silently for
 * the help command, which ignores stray options). */
static const ShellOptDef *
shell_state_option(Shell *sh, ShellParseState *st, const char *name, char **optstr,
                   size_t *ret_index)
{
    const ShellOptDef *opts = st->def->opts;
    char *alias = NULL;
    bool is_help = strcmp(st->def->name, "help") == 0;

    if (strcmp(name, "help") == 0)
        return &help_opt;
    for (size_t i = 0; opts && opts[i].name; i++) {
        if (strcmp(opts[i].name, name) != 0)
            continue;
        if (opts[i].type == SHELL_OPT_ALIAS) {
            char *eq;

            free(alias);
            alias = xstrdup(opts[i].help);
            if ((eq = strchr(alias, '='))) {
                *eq = '\0';
                if (*optstr) {
                    if (!is_help)
                        shell_error(sh, "invalid '=' after option --%s", opts[i].name);
                    free(alias);
                    return NULL;
                }
                *optstr = xstrdup(eq + 1);
            }
            name = alias;
            continue;
        }
        if ((st->seen & (1ULL << i)) && opts[i].type != SHELL_OPT_ARGV) {
            if (!is_help)
                shell_error(sh, "option --%s already seen", name);
            free(alias);
            return NULL;
        }
        st->seen |= 1ULL << i;
        *ret_index = i;
        free(alias);
        return &opts[i];
    }
    if (!is_help)
        shell_error(sh, "command '%s' doesn't support option --%s", st->def->name, name);
    free(alias);
    return NULL;
}

/* The option a positional value goes to: the first one still wanting a
 * value, in table order; an ARGV option keeps taking values. */
static const ShellOptDef *
shell_state_data(ShellParseState *st)
{
    size_t i;

    if (!st->need_arg)
        return NULL;
    i = (size_t)__builtin_ctzll(st->need_arg);
    if (st->def->opts[i].type != SHELL_OPT_ARGV)
        st->need_arg &= ~(1ULL << i);
    st->seen |= 1ULL << i;
    return &st->def->opts[i];
}

/* Handles one "--name[=value]" word. Returns false on a syntax error. */
static bool
shell_parse_option(Shell *sh, ShellLexer *lx, ShellParseState *st, char *word)
{
    char *optstr = strchr(word + 2, '=');
    const ShellOptDef *opt;
    size_t index = 0;

    if (optstr) {
        *optstr = '\0';
        optstr = xstrdup(optstr + 1);
    }
    if (!(opt = shell_state_option(sh, st, word + 2, &optstr, &index))) {
        free(optstr);
        return strcmp(st->def->name, "help") == 0;
    }
    if (opt->type == SHELL_OPT_BOOL) {
        if (optstr) {
            shell_error(sh, "invalid '=' after option --%s", opt->name);
            free(optstr);
            return false;
        }
        shell_state_add(st, opt, NULL);
        return true;
    }
    if (!optstr) {
        ShellToken tk = lx->next(sh, lx, &optstr);

        if (tk == TOKEN_ERROR)
            return false;
        if (tk != TOKEN_ARG) {
            shell_error(sh, "expected syntax: --%s <%s>", opt->name,
                        opt->type == SHELL_OPT_INT ? "number" : "string");
            return false;
        }
    }
    if (opt->type != SHELL_OPT_ARGV)
        st->need_arg &= ~(1ULL << index);
    shell_state_add(st, opt, optstr);
    return true;
}

/* Closes the command being parsed: applies --help, checks required options.
 * Returns the command, or NULL (reported) when a required option is missing. */
static ShellCmd *
shell_state_finish(Shell *sh, ShellParseState *st)
{
    ShellCmd *cmd;

    for (ShellArg *a = st->first; a; a = a->next) {
        if (strcmp(a->def->name, "help") != 0)
            continue;
        const ShellCmdDef *help = shell_cmd_find("help");

        shell_args_free(st->first);
        st->first = st->last = NULL;
        shell_state_add(st, &help->opts[0], xstrdup(st->def->name));
        st->def = help;
        st->required = st->seen = 0;
        break;
    }
    st->required &= ~st->seen;
    if (st->required) {
        for (size_t i = 0; st->def->opts[i].name; i++) {
            const ShellOptDef *opt = &st->def->opts[i];

            if (!(st->required & (1ULL << i)))
                continue;
            if (opt->type == SHELL_OPT_DATA || opt->type == SHELL_OPT_ARGV)
                shell_error(sh, "command '%s' requires <%s> option", st->def->name, opt->name);
            else
                shell_error(sh, "command '%s' requires --%s option", st->def->name, opt->name);
        }
        shell_args_free(st->first);
        return NULL;
    }
    if (!(cmd = calloc(1, sizeof(*cmd))))
        abort();
    cmd->def = st->def;
    cmd->args = st->first;
    return cmd;
}

/* Handles one word after the command name. Returns false on a syntax error. */
static bool
shell_parse_word(Shell *sh, ShellLexer *lx, ShellParseState *st, char *word, bool *data_only)
{
    const ShellOptDef *opt;

    if (!*data_only && word[0] == '-' && word[1] == '-' && isalnum((unsigned char)word[2])) {
        bool ok = shell_parse_option(sh, lx, st, word);

        free(word);
        return ok;
    }
    if (!*data_only && strcmp(word, "--") == 0) {
        free(word);
        *data_only = true;
        return true;
    }
    if (!(opt = shell_state_data(st))) {
        bool is_help = strcmp(st->def->name, "help") == 0;

        if (!is_help)
            shell_error(sh, "unexpected data '%s'", word);
        free(word);
        return is_help;
    }
    shell_state_add(st, opt, word);
    return true;
}

/* Parses one command (up to ';' or the end). *ret_cmd is NULL for an empty
 * command or a comment. Returns the token that ended it, or TOKEN_ERROR. */
static ShellToken
shell_parse_one(Shell *sh, ShellLexer *lx, ShellCmd **ret_cmd)
{
    ShellParseState st = { 0 };
    bool data_only = false;
    ShellToken tk;
    char *word;

    *ret_cmd = NULL;
    while ((tk = lx->next(sh, lx, &word)) == TOKEN_ARG) {
        if (!st.def) {
            const ShellCmdDef *def;

            if (word[0] == '#') {
                do {
                    free(word);
                } while ((tk = lx->next(sh, lx, &word)) == TOKEN_ARG);
                free(word);
                return tk;
            }
            if (!(def = shell_cmd_find(word))) {
                shell_error(sh, "unknown command: '%s'", word);
                free(word);
                return TOKEN_ERROR;
            }
            free(word);
            shell_state_begin(&st, def);
            continue;
        }
        if (!shell_parse_word(sh, lx, &st, word, &data_only)) {
            shell_args_free(st.first);
            return TOKEN_ERROR;
        }
    }
    free(word);
    if (tk == TOKEN_ERROR) {
        shell_args_free(st.first);
        return tk;
    }
    if (st.def && !(*ret_cmd = shell_state_finish(sh, &st)))
        return TOKEN_ERROR;
    return tk;
}

static ShellCmd *
shell_parse(Shell *sh, ShellLexer *lx, bool *ret_ok)
{
    ShellCmd *head = NULL, *tail = NULL;

    for (;;) {
        ShellCmd *cmd;
        ShellToken tk = shell_parse_one(sh, lx, &cmd);

        if (tk == TOKEN_ERROR) {
            shell_cmd_free(head);
            *ret_ok = false;
            return NULL;
        }
        if (cmd) {
            if (tail)
                tail->next = cmd;
            else
                head = cmd;
            tail = cmd;
        }
        if (tk == TOKEN_END)
            break;
    }
    *ret_ok = true;
    return head;
}

/* Parses a command given as separate arguments (vireo list --all).
 * Reports syntax errors; *ret_ok tells success apart from an empty line. */
ShellCmd *
shell_parse_argv(Shell *sh, int argc, char **argv, bool *ret_ok)
{
    ShellLexer lx = { .next = shell_lexer_argv_next, .argv_pos = argv, .argv_end = argv + argc };

    return shell_parse(sh, &lx, ret_ok);
}

/* Parses a command string ("list --all; dominfo 1"). Reports syntax
 * errors; *ret_ok tells success apart from an empty line. */
ShellCmd *
shell_parse_string(Shell *sh, const char *line, bool *ret_ok)
{
    ShellLexer lx = { .next = shell_lexer_string_next, .pos = line };

    return shell_parse(sh, &lx, ret_ok);
}
