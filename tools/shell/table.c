/*
 * table.c: the column layout virsh uses for list, net-list and pool-list.
 *
 * Every cell is preceded by one space and padded to the widest cell of its
 * column plus two spaces (the last column is not padded); the header is
 * followed by a line of dashes (column width + 3 per column). With -q the
 * header and its dashes are left out and widths count the data rows only.
 * Control characters in cells are shown as \xNN so they cannot break the
 * layout; widths are counted in terminal columns of the current locale.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "shell.h"

struct ShellTable {
    size_t ncols;
    size_t nrows;  /* row 0 is the header */
    char ***cells; /* [row][col], owned */
};

static char **
shell_table_row_collect(size_t *ncols, const char *first, va_list ap)
{
    char **row = NULL;
    size_t n = 0;
    const char *cell;

    for (cell = first; cell; cell = va_arg(ap, const char *)) {
        if (!(row = realloc(row, (n + 1) * sizeof(*row))))
            abort();
        if (!(row[n++] = strdup(cell)))
            abort();
    }
    *ncols = n;
    return row;
}

static void
shell_table_append(ShellTable *table, char **row)
{
    if (!(table->cells = realloc(table->cells, (table->nrows + 1) * sizeof(*table->cells))))
        abort();
    table->cells[table->nrows++] = row;
}

/* Creates a table whose header cells are the NULL-terminated arguments. */
ShellTable *
shell_table_new(const char *first, ...)
{
    ShellTable *table;
    va_list ap;

    if (!(table = calloc(1, sizeof(*table))))
        abort();
    va_start(ap, first);
    shell_table_append(table, shell_table_row_collect(&table->ncols, first, ap));
    va_end(ap);
    return table;
}

/* Appends a row of NULL-terminated cells; the cells are copied. Callers pass
 * exactly as many cells as the header has. */
void
shell_table_add(ShellTable *table, const char *first, ...)
{
    size_t n;
    va_list ap;
    char **row;

    va_start(ap, first);
    row = shell_table_row_collect(&n, first, ap);
    va_end(ap);
    for (; n < table->ncols; n++) {
        if (!(row = realloc(row, (n + 1) * sizeof(*row))) || !(row[n] = strdup("")))
            abort();
    }
    shell_table_append(table, row);
}

/* Rewrites @s with unprintable bytes as "\xNN" and returns its width in
 * terminal columns. Matches virsh, including its quirk of printing a byte
 * that is not valid in the locale as its sign-extended hex truncated to two
 * digits ("\xff"). */
static char *
shell_table_encode(const char *s, size_t *ret_width)
{
    size_t len = strlen(s), width = 0;
    char *out, *o;
    mbstate_t st;
    const char *p = s;

    memset(&st, 0, sizeof(st));
    if (!(out = malloc(len * 4 + 1)))
        abort();
    o = out;
    while (*p) {
        unsigned char c = (unsigned char)*p;

        if ((c == '\\' && p[1] == 'x') || c < 0x20 || c == 0x7f) {
            o += sprintf(o, "\\x%02x", c);
            width += 4;
            p++;
            continue;
        }
        wchar_t wc;
        size_t n = mbrtowc(&wc, p, MB_CUR_MAX, &st);

        if (n == 0)
            break;
        if (n == (size_t)-1 || n == (size_t)-2) {
            memset(&st, 0, sizeof(st));
            if (c >= 0x20 && c < 0x7f) {
                *o++ = (char)c;
                width++;
            } else {
                o += sprintf(o, "%s", c >= 0x80 ? "\\xff" : "\\x00");
                width += 4;
            }
            p++;
            continue;
        }
        int w = wcwidth(wc);

        if (w < 0) {
            for (size_t i = 0; i < n; i++)
                o += sprintf(o, "%s", (unsigned char)p[i] >= 0x80 ? "\\xff" : "\\x00");
            width += 4 * n;
        } else {
            memcpy(o, p, n);
            o += n;
            width += (size_t)w;
        }
        p += n;
    }
    *o = '\0';
    *ret_width = width;
    return out;
}

static void
shell_table_row_format(FILE *out, char **row, size_t ncols, const size_t *widths,
                       const size_t *maxw)
{
    for (size_t c = 0; c < ncols; c++) {
        fprintf(out, " %s", row[c]);
        if (c + 1 < ncols) {
            for (size_t k = 0; k < maxw[c] - widths[c] + 2; k++)
                fputc(' ', out);
        }
    }
    fputc('\n', out);
}

/* Prints the table to stdout (the header unless -q). */
void
shell_table_print(Shell *sh, ShellTable *table)
{
    bool header = !(sh && sh->quiet);
    size_t *maxw, *widths;
    size_t r, c;

    if (!(maxw = calloc(table->ncols, sizeof(*maxw))) ||
        !(widths = calloc(table->nrows * table->ncols, sizeof(*widths))))
        abort();
    for (r = header ? 0 : 1; r < table->nrows; r++) {
        for (c = 0; c < table->ncols; c++) {
            char *enc = shell_table_encode(table->cells[r][c], &widths[r * table->ncols + c]);

            free(table->cells[r][c]);
            table->cells[r][c] = enc;
            if (widths[r * table->ncols + c] > maxw[c])
                maxw[c] = widths[r * table->ncols + c];
        }
    }
    if (header) {
        shell_table_row_format(stdout, table->cells[0], table->ncols, widths, maxw);
        for (c = 0; c < table->ncols; c++) {
            for (size_t k = 0; k < maxw[c] + 3; k++)
                fputc('-', stdout);
        }
        fputc('\n', stdout);
    }
    for (r = 1; r < table->nrows; r++)
        shell_table_row_format(stdout, table->cells[r], table->ncols,
                               &widths[r * table->ncols], maxw);
    fflush(stdout);
    free(widths);
    free(maxw);
}

/* Frees @table and all its cells; NULL is a no-op. */
void
shell_table_free(ShellTable *table)
{
    if (!table)
        return;
    for (size_t r = 0; r < table->nrows; r++) {
        for (size_t c = 0; c < table->ncols; c++)
            free(table->cells[r][c]);
        free(table->cells[r]);
    }
    free(table->cells);
    free(table);
}

/* One object of a tree listing and, below it, its children (the objects
 * whose parent is its name), drawn with virsh's "+- " and "|" guides.
 * @indent holds the guides of the levels above. A depth above @count means
 * names repeat in a way that makes a cycle; that is refused, not followed. */
static bool
shell_tree_print_node(Shell *sh, ShellTreeLookup lookup, void *opaque, size_t count,
                      size_t id, size_t last, bool root, char *indent, size_t len,
                      size_t depth)
{
    const char *name = lookup(id, false, opaque);
    size_t next_last = SIZE_MAX;

    if (depth > count)
        return false;
    shell_print(sh, "%.*s%s%s\n", (int)len, indent, root ? "" : "+- ", name);
    if (!root) {
        indent[len++] = id == last ? ' ' : '|';
        indent[len++] = ' ';
    }
    for (size_t i = 0; i < count; i++) {
        const char *parent = lookup(i, true, opaque);

        if (parent && strcmp(parent, name) == 0)
            next_last = i;
    }
    if (next_last != SIZE_MAX)
        shell_print(sh, "%.*s  |\n", (int)len, indent);
    indent[len++] = ' ';
    indent[len++] = ' ';
    for (size_t i = 0; i < count; i++) {
        const char *parent = lookup(i, true, opaque);

        if (parent && strcmp(parent, name) == 0 &&
            !shell_tree_print_node(sh, lookup, opaque, count, i, next_last, false, indent, len,
                                   depth + 1))
            return false;
    }
    len -= 2;
    if (next_last == SIZE_MAX && id == last)
        shell_print(sh, "%.*s\n", (int)len, indent);
    return true;
}

/* Prints object @root and its descendants as virsh's tree listings do
 * (snapshot-list --tree, checkpoint-list --tree). Returns false after
 * reporting when the parent links do not form a tree. */
bool
shell_tree_print(Shell *sh, ShellTreeLookup lookup, void *opaque, size_t count, size_t root)
{
    char *indent;
    bool ok;

    /* each level adds at most four characters of guides */
    if (!(indent = malloc(4 * (count + 2) + 1)))
        abort();
    ok = shell_tree_print_node(sh, lookup, opaque, count, root, root, true, indent, 0, 0);
    free(indent);
    if (!ok)
        shell_error(sh, "%s", "Failed to complete tree listing");
    return ok;
}
