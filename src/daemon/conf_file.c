/*
 * conf_file.c: a recursive-descent reader for the libvirtd.conf grammar.
 *
 * The cursor never reads past end; every token function checks the bound
 * first. Errors are built once, at the point of detection, with the line
 * of the statement being read and its name when it is known.
 */
#include "daemon/conf_file.h"

#include "util/alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    const char *path;
    const char *cur;
    const char *end;
    unsigned int line;      /* current line */
    const char *key;        /* name of the statement being read, or NULL */
    unsigned int key_line;  /* its line: values are reported there */
    char *errmsg;           /* first error, owned */
} ConfParser;

/* Records the error (the first one only) and returns -1 for the caller. */
static int
conf_parser_fail(ConfParser *p, const char *what)
{
    unsigned int line = p->key ? p->key_line : p->line;

    if (p->errmsg)
        return -1;
    if (p->key)
        p->errmsg = xasprintf("%s:%u: %s: %s", p->path, line, p->key, what);
    else
        p->errmsg = xasprintf("%s:%u: %s", p->path, line, what);
    return -1;
}

static bool
conf_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool
conf_is_eol(char c)
{
    return c == '\n' || c == '\r';
}

static bool
conf_is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
conf_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool
conf_at_end(const ConfParser *p)
{
    return p->cur >= p->end;
}

static void
conf_skip_blanks(ConfParser *p)
{
    while (!conf_at_end(p) && conf_is_blank(*p->cur))
        p->cur++;
}

static void
conf_skip_blanks_and_eol(ConfParser *p)
{
    while (!conf_at_end(p) && (conf_is_blank(*p->cur) || conf_is_eol(*p->cur))) {
        if (*p->cur == '\n')
            p->line++;
        p->cur++;
    }
}

/* Inside lists, comments may sit between elements as they may between
 * statements; this skips blanks, line ends and whole '#' comments. */
static void
conf_skip_space_in_list(ConfParser *p)
{
    for (;;) {
        conf_skip_blanks_and_eol(p);
        if (conf_at_end(p) || *p->cur != '#')
            return;
        while (!conf_at_end(p) && !conf_is_eol(*p->cur))
            p->cur++;
    }
}

static bool
conf_has_prefix(const ConfParser *p, const char *s)
{
    size_t n = strlen(s);

    return (size_t)(p->end - p->cur) >= n && memcmp(p->cur, s, n) == 0;
}

static int
conf_store_string(ConfParser *p, const char *base, size_t n, ConfValue *ret_value)
{
    if (memchr(base, '\0', n))
        return conf_parser_fail(p, "string contains a NUL byte");
    ret_value->type = CONF_VALUE_STRING;
    ret_value->str = xstrndup(base, n);
    return 0;
}

/* """...""" may span lines; the closing quotes end it, no escapes. */
static int
conf_parse_triple_string(ConfParser *p, ConfValue *ret_value)
{
    const char *base;

    p->cur += 3;
    base = p->cur;
    while (!conf_at_end(p) && !conf_has_prefix(p, "\"\"\"")) {
        if (*p->cur == '\n')
            p->line++;
        p->cur++;
    }
    if (conf_at_end(p))
        return conf_parser_fail(p, "unterminated string");
    p->cur += 3;
    return conf_store_string(p, base, (size_t)(p->cur - 3 - base), ret_value);
}

/* "..." or '...': one line, the first matching quote ends it. */
static int
conf_parse_string(ConfParser *p, ConfValue *ret_value)
{
    char quote = *p->cur;
    const char *base;

    if (conf_has_prefix(p, "\"\"\""))
        return conf_parse_triple_string(p, ret_value);
    base = ++p->cur;
    while (!conf_at_end(p) && *p->cur != quote && !conf_is_eol(*p->cur))
        p->cur++;
    if (conf_at_end(p) || *p->cur != quote)
        return conf_parser_fail(p, "unterminated string");
    p->cur++;
    return conf_store_string(p, base, (size_t)(p->cur - 1 - base), ret_value);
}

static int
conf_parse_integer(ConfParser *p, ConfValue *ret_value)
{
    unsigned long long v = 0;
    bool negative = false;

    if (*p->cur == '-' || *p->cur == '+')
        negative = *p->cur++ == '-';
    if (conf_at_end(p) || !conf_is_digit(*p->cur))
        return conf_parser_fail(p, "unterminated number");
    while (!conf_at_end(p) && conf_is_digit(*p->cur)) {
        unsigned int d = (unsigned int)(*p->cur++ - '0');

        if (v > (~0ULL - d) / 10)
            return conf_parser_fail(p, "number is too large");
        v = v * 10 + d;
    }
    ret_value->type = CONF_VALUE_INTEGER;
    ret_value->negative = negative;
    ret_value->magnitude = v;
    return 0;
}

static int conf_parse_value(ConfParser *p, ConfValue *ret_value, unsigned int depth);

static void
conf_value_clear(ConfValue *value)
{
    for (size_t i = 0; i < value->nitems; i++)
        conf_value_clear(&value->items[i]);
    free(value->items);
    free(value->str);
    memset(value, 0, sizeof(*value));
}

static void
conf_list_append(ConfValue *list, ConfValue *item)
{
    ConfValue *items = xreallocarray(list->items, list->nitems + 1, sizeof(*items));

    items[list->nitems++] = *item;
    list->items = items;
}

/* [ v, v, ... ] with line ends anywhere between elements and an optional
 * trailing comma. */
static int
conf_parse_list(ConfParser *p, ConfValue *list, unsigned int depth)
{
    ConfValue item;

    if (depth >= CONF_FILE_MAX_DEPTH)
        return conf_parser_fail(p, "lists are nested too deeply");
    list->type = CONF_VALUE_LIST;
    p->cur++;
    conf_skip_space_in_list(p);
    while (!conf_at_end(p) && *p->cur != ']') {
        memset(&item, 0, sizeof(item));
        if (conf_parse_value(p, &item, depth + 1) < 0) {
            conf_value_clear(&item);
            return -1;
        }
        conf_list_append(list, &item);
        conf_skip_space_in_list(p);
        if (conf_at_end(p) || *p->cur == ']')
            break;
        if (*p->cur != ',')
            return conf_parser_fail(p, "expecting a separator in list");
        p->cur++;
        conf_skip_space_in_list(p);
    }
    if (conf_at_end(p))
        return conf_parser_fail(p, "list is not closed with ]");
    p->cur++;
    return 0;
}

static int
conf_parse_value(ConfParser *p, ConfValue *ret_value, unsigned int depth)
{
    conf_skip_blanks(p);
    if (conf_at_end(p))
        return conf_parser_fail(p, "expecting a value");
    if (*p->cur == '"' || *p->cur == '\'')
        return conf_parse_string(p, ret_value);
    if (*p->cur == '[')
        return conf_parse_list(p, ret_value, depth);
    if (conf_is_digit(*p->cur) || *p->cur == '-' || *p->cur == '+')
        return conf_parse_integer(p, ret_value);
    return conf_parser_fail(p, "expecting a value");
}

static int
conf_parse_name(ConfParser *p, char **ret_name)
{
    const char *base = p->cur;

    if (conf_at_end(p) || !conf_is_alpha(*p->cur))
        return conf_parser_fail(p, "expecting a setting name");
    while (!conf_at_end(p) &&
           (conf_is_alpha(*p->cur) || conf_is_digit(*p->cur) || *p->cur == '_'))
        p->cur++;
    *ret_name = xstrndup(base, (size_t)(p->cur - base));
    return 0;
}

/* After a value: blanks, an optional comment, then a line end, ';' or the
 * end of the file. */
static int
conf_parse_separator(ConfParser *p)
{
    conf_skip_blanks(p);
    if (!conf_at_end(p) && *p->cur == '#') {
        while (!conf_at_end(p) && !conf_is_eol(*p->cur))
            p->cur++;
    }
    if (conf_at_end(p))
        return 0;
    if (*p->cur == ';') {
        p->cur++;
        return 0;
    }
    if (conf_is_eol(*p->cur))
        return 0;
    return conf_parser_fail(p, "expecting a separator");
}

static void
conf_file_append(ConfFile *file, ConfEntry *entry)
{
    ConfEntry *entries = xreallocarray(file->entries, file->nentries + 1, sizeof(*entries));

    entries[file->nentries++] = *entry;
    file->entries = entries;
}

/* One `name = value` statement (the cursor is on its first character). */
static int
conf_parse_statement(ConfParser *p, ConfFile *file)
{
    ConfEntry entry = { .line = p->line };

    if (conf_parse_name(p, &entry.name) < 0)
        return -1;
    p->key = entry.name;
    p->key_line = entry.line;
    conf_skip_blanks(p);
    if (conf_at_end(p) || *p->cur != '=') {
        conf_parser_fail(p, "expecting '=' after the name");
        goto error;
    }
    p->cur++;
    if (conf_parse_value(p, &entry.value, 0) < 0 || conf_parse_separator(p) < 0)
        goto error;
    p->key = NULL;
    conf_file_append(file, &entry);
    return 0;

error:
    p->key = NULL;
    conf_value_clear(&entry.value);
    free(entry.name);
    return -1;
}

static int
conf_parse_all(ConfParser *p, ConfFile *file)
{
    for (;;) {
        conf_skip_blanks_and_eol(p);
        if (conf_at_end(p))
            return 0;
        if (*p->cur == '#') {
            while (!conf_at_end(p) && !conf_is_eol(*p->cur))
                p->cur++;
            continue;
        }
        if (conf_parse_statement(p, file) < 0)
            return -1;
    }
}

int
conf_file_parse(const char *path, const char *text, size_t len, ConfFile **ret_file,
                char **errmsg)
{
    ConfParser p = { .path = path, .cur = text, .end = text + len, .line = 1 };
    ConfFile *file;

    if (len > CONF_FILE_MAX_SIZE) {
        *errmsg = xasprintf("%s: file is larger than %d bytes", path,
                                     CONF_FILE_MAX_SIZE);
        return -1;
    }
    file = xcalloc(1, sizeof(*file));
    file->path = xstrndup(path, strlen(path));
    if (conf_parse_all(&p, file) < 0) {
        conf_file_free(file);
        *errmsg = p.errmsg;
        return -1;
    }
    *ret_file = file;
    return 0;
}

/* Reads at most CONF_FILE_MAX_SIZE + 1 bytes so an oversize file is
 * detected without reading all of it. */
static int
conf_file_slurp(int fd, char **ret_buf, size_t *ret_len)
{
    size_t cap = CONF_FILE_MAX_SIZE + 1, len = 0;
    char *buf = xcalloc(1, cap);

    while (len < cap) {
        ssize_t n = read(fd, buf + len, cap - len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;

            free(buf);
            return -err;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    *ret_buf = buf;
    *ret_len = len;
    return 0;
}

int
conf_file_read(const char *path, ConfFile **ret_file, char **errmsg)
{
    char *buf = NULL;
    size_t len = 0;
    struct stat st;
    int fd, rc;

    fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int err = errno;

        *errmsg = xasprintf("%s: cannot open: %s", path, strerror(err));
        return err == ENOENT ? -ENOENT : -1;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        *errmsg = xasprintf("%s: not a regular file", path);
        return -1;
    }
    rc = conf_file_slurp(fd, &buf, &len);
    close(fd);
    if (rc < 0) {
        *errmsg = xasprintf("%s: cannot read: %s", path, strerror(-rc));
        return -1;
    }
    rc = conf_file_parse(path, buf, len, ret_file, errmsg);
    free(buf);
    return rc;
}

const ConfEntry *
conf_file_lookup(const ConfFile *file, const char *name)
{
    for (size_t i = 0; i < file->nentries; i++) {
        if (strcmp(file->entries[i].name, name) == 0)
            return &file->entries[i];
    }
    return NULL;
}

void
conf_file_free(ConfFile *file)
{
    if (!file)
        return;
    for (size_t i = 0; i < file->nentries; i++) {
        free(file->entries[i].name);
        conf_value_clear(&file->entries[i].value);
    }
    free(file->entries);
    free(file->path);
    free(file);
}

const char *
conf_value_type_text(const ConfValue *value)
{
    static const char *const names[] = {
        [CONF_VALUE_INTEGER] = "an integer",
        [CONF_VALUE_STRING] = "a string",
        [CONF_VALUE_LIST] = "a list",
    };

    return names[value->type];
}
