/*
 * options.c: typed access to a parsed command's options, with virsh's
 * validation messages.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shell.h"

static const ShellArg *
shell_opt_find(const ShellCmd *cmd, const char *name)
{
    for (const ShellArg *a = cmd->args; a; a = a->next) {
        if (strcmp(a->def->name, name) == 0)
            return a;
    }
    return NULL;
}

/* True when option @name was given (of any type). */
bool
shell_opt_bool(const ShellCmd *cmd, const char *name)
{
    return shell_opt_find(cmd, name) != NULL;
}

/* Gets a string option. Returns 0 with *ret_value set (NULL when the option
 * is absent), or -1 after reporting an empty value the option forbids. */
int
shell_opt_string(Shell *sh, const ShellCmd *cmd, const char *name, const char **ret_value)
{
    const ShellArg *a = shell_opt_find(cmd, name);

    *ret_value = NULL;
    if (!a)
        return 0;
    if (!*a->data && !(a->def->flags & SHELL_OFLAG_EMPTY_OK)) {
        shell_error(sh, "Failed to get option '%s': %s", name, "Option argument is empty");
        return -1;
    }
    *ret_value = a->data;
    return 0;
}

/* Gets a string option without reporting. Returns 1 with *ret_value set, 0
 * when absent, -1 when empty and the option forbids that. */
int
shell_opt_string_quiet(const ShellCmd *cmd, const char *name, const char **ret_value)
{
    const ShellArg *a = shell_opt_find(cmd, name);

    if (!a)
        return 0;
    if (!*a->data && !(a->def->flags & SHELL_OFLAG_EMPTY_OK))
        return -1;
    *ret_value = a->data;
    return 1;
}

/* Parses a non-negative decimal number as libvirt's string helpers do:
 * leading blanks and '+' are accepted, any '-' is not, and unless @ret_end
 * is given the whole string must be the number. */
static int
shell_parse_ull(const char *s, char **ret_end, unsigned long long *ret_value)
{
    unsigned long long v;
    char *end;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (end == s || errno || memchr(s, '-', (size_t)(end - s)))
        return -1;
    if (!ret_end && *end)
        return -1;
    if (ret_end)
        *ret_end = end;
    *ret_value = v;
    return 0;
}

/* Gets an unsigned int option. Returns 1 when set, 0 when absent, -1 after
 * reporting a malformed or out-of-range value. */
int
shell_opt_uint(Shell *sh, const ShellCmd *cmd, const char *name, unsigned int *ret_value)
{
    const ShellArg *a = shell_opt_find(cmd, name);
    unsigned long long v;

    if (!a)
        return 0;
    if (shell_parse_ull(a->data, NULL, &v) < 0 || v > UINT_MAX) {
        shell_error(sh, "Numeric value '%s' for <%s> option is malformed or out of range",
                    a->data, name);
        return -1;
    }
    *ret_value = (unsigned int)v;
    return 1;
}

/* Applies a size suffix (k, KiB, KB, M, G, … or b/byte/bytes) to @value;
 * no suffix means @scale. Raises libvirt's errors for an unknown suffix or
 * a result above @limit. */
int
shell_scale(Shell *sh, unsigned long long *value, const char *suffix,
            unsigned long long scale, unsigned long long limit)
{
    static const char units[] = "kmgtpe";
    const char *u;
    unsigned long long base;

    if (!*suffix) {
        /* keep the default scale */
    } else if (!strcasecmp(suffix, "b") || !strcasecmp(suffix, "byte") ||
               !strcasecmp(suffix, "bytes")) {
        scale = 1;
    } else {
        if (!suffix[1] || !strcasecmp(suffix + 1, "iB"))
            base = 1024;
        else if ((suffix[1] == 'b' || suffix[1] == 'B') && !suffix[2])
            base = 1000;
        else
            goto unknown;
        if (!(u = strchr(units, tolower((unsigned char)suffix[0]))))
            goto unknown;
        /* k is base^1, m base^2, ... e base^6 */
        scale = 1;
        for (const char *p = units; p <= u; p++)
            scale *= base;
    }
    if (*value && *value > limit / scale) {
        shell_error_set(sh, VIR_ERR_OVERFLOW, "value too large: %llu%s", *value, suffix);
        return -1;
    }
    *value *= scale;
    return 0;

 unknown:
    shell_error_set(sh, VIR_ERR_INVALID_ARG, "unknown suffix '%s'", suffix);
    return -1;
}

/* Gets a size option in bytes ("512", "2G", "1024KiB"); plain numbers are
 * multiplied by @scale. Returns 1 when set, 0 when absent, -1 after
 * reporting a malformed value or one above @max. */
int
shell_opt_scaled(Shell *sh, const ShellCmd *cmd, const char *name,
                 unsigned long long scale, unsigned long long max,
                 unsigned long long *ret_value)
{
    const ShellArg *a = shell_opt_find(cmd, name);
    unsigned long long v;
    char *end;

    if (!a)
        return 0;
    if (shell_parse_ull(a->data, &end, &v) < 0 || shell_scale(sh, &v, end, scale, max) < 0) {
        shell_error(sh, "Scaled numeric value '%s' for <%s> option is malformed or out of range",
                    a->data, name);
        return -1;
    }
    *ret_value = v;
    return 1;
}

/* Reports and returns false when two mutually exclusive options are both set. */
bool
shell_exclusive(Shell *sh, const char *name1, bool set1, const char *name2, bool set2)
{
    if (set1 && set2) {
        shell_error(sh, "Options --%s and --%s are mutually exclusive", name1, name2);
        return false;
    }
    return true;
}

/* Reports and returns false when option @name1 is set without @name2. */
bool
shell_requires(Shell *sh, const char *name1, bool set1, const char *name2, bool set2)
{
    if (set1 && !set2) {
        shell_error(sh, "Option --%s is required by option --%s", name2, name1);
        return false;
    }
    return true;
}
