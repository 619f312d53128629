/*
 * moment.c: the flows the snapshot and checkpoint commands share, written
 * once over a MomentKind (see moment.h): listing (table, names or tree),
 * parents, deletion, creation documents and the edit session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "moment.h"

void
moment_xml_escape(FILE *out, const char *before, const char *value, const char *after)
{
    static const char *const entities[] = {
        ['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['"'] = "&quot;", ['\''] = "&apos;",
    };

    if (!value)
        return;
    fputs(before, out);
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if (*p < sizeof(entities) / sizeof(entities[0]) && entities[*p])
            fputs(entities[*p], out);
        else if ((*p >= 0x01 && *p <= 0x08) || *p == 0x0b || *p == 0x0c ||
                 (*p >= 0x0e && *p <= 0x19))
            continue;
        else
            fputc(*p, out);
    }
    fputs(after, out);
}

size_t
moment_split_commas(const char *str, char ***ret_words)
{
    size_t n = 0, len = strlen(str);
    char **words;
    char *cur;

    if (!(words = calloc(len + 2, sizeof(*words))) || !(cur = malloc(len + 1)))
        abort();
    for (size_t i = 0, k = 0;; i++) {
        if (str[i] == ',' && str[i + 1] == ',') {
            cur[k++] = ',';
            i++;
        } else if (str[i] == ',' || !str[i]) {
            cur[k] = '\0';
            if (!(words[n++] = strdup(cur)))
                abort();
            k = 0;
            if (!str[i])
                break;
        } else {
            cur[k++] = str[i];
        }
    }
    free(cur);
    *ret_words = words;
    return n;
}

void
moment_words_free(char **words)
{
    for (size_t i = 0; words && words[i]; i++)
        free(words[i]);
    free(words);
}

char *
moment_xml_value(Shell *sh, const MomentKind *kind, const char *xml, const char *expr)
{
    char *v = shell_xml_string(sh, xml, kind->url, expr);

    if (v && !*v) {
        free(v);
        v = NULL;
    }
    return v;
}

bool
moment_parent_name(Shell *sh, const MomentKind *kind, void *m, char **ret_parent)
{
    char *name = NULL;
    void *parent;

    if ((parent = kind->get_parent(m, 0))) {
        if (!(name = strdup(kind->get_name(parent))))
            abort();
        kind->free(parent);
    } else if (shell_error_code(sh) != kind->no_object_error) {
        shell_error_report(sh);
        shell_error(sh, "unable to determine if %s has parent", kind->noun);
        return false;
    }
    shell_error_reset(sh);
    *ret_parent = name;
    return true;
}

static virDomainPtr
moment_domain(Shell *sh, const ShellCmd *cmd)
{
    return shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, NULL);
}

void *
moment_lookup(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, const char *arg,
              bool exclusive, virDomainPtr dom)
{
    bool current = kind->current && shell_opt_bool(cmd, "current");
    const char *name;
    void *m;

    if (shell_opt_string(sh, cmd, arg, &name) < 0)
        return NULL;
    if (exclusive && current && name) {
        shell_error(sh, "--%s and --current are mutually exclusive", arg);
        return NULL;
    }
    if (name) {
        m = kind->lookup(dom, name, 0);
    } else if (current) {
        m = kind->current(dom, 0);
    } else {
        if (kind->current)
            shell_error(sh, "--%s or --current is required", arg);
        else
            shell_error(sh, "--%s is required", arg);
        return NULL;
    }
    if (!m)
        shell_error_report(sh);
    return m;
}

bool
moment_create(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, unsigned int flags)
{
    const char *from;
    virDomainPtr dom;
    char *xml = NULL;
    bool ok = false;

    if (!(dom = moment_domain(sh, cmd)))
        return false;
    if (shell_opt_string(sh, cmd, "xmlfile", &from) >= 0) {
        if (from)
            xml = shell_read_file(sh, from);
        else if (asprintf(&xml, "<%s/>", kind->root) < 0)
            abort();
        if (xml)
            ok = kind->make(sh, dom, xml, flags, from);
    }
    free(xml);
    virDomainFree(dom);
    return ok;
}

void
moment_created(Shell *sh, const MomentKind *kind, void *m, const char *from)
{
    if (from)
        shell_print_extra(sh, "Domain %s %s created from '%s'", kind->noun, kind->get_name(m),
                          from);
    else
        shell_print_extra(sh, "Domain %s %s created", kind->noun, kind->get_name(m));
    kind->free(m);
}

/* Opens the document with its root, --name and --description into
 * *ret_doc; NULL after reporting a bad option. */
static FILE *
moment_doc_open(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, char **ret_doc,
                size_t *ret_size)
{
    const char *name, *desc;
    FILE *out;

    if (shell_opt_string(sh, cmd, "name", &name) < 0 ||
        shell_opt_string(sh, cmd, "description", &desc) < 0)
        return NULL;
    if (!(out = open_memstream(ret_doc, ret_size)))
        abort();
    fprintf(out, "<%s>\n", kind->root);
    moment_xml_escape(out, "  <name>", name, "</name>\n");
    moment_xml_escape(out, "  <description>", desc, "</description>\n");
    return out;
}

/* Writes <disks> with one <disk> a --diskspec; false once one fails. */
static bool
moment_doc_disks(Shell *sh, const ShellCmd *cmd, FILE *out,
                 bool (*write)(Shell *sh, FILE *out, const char *spec))
{
    bool ok = true;

    if (!shell_opt_bool(cmd, "diskspec"))
        return true;
    fputs("  <disks>\n", out);
    for (const ShellArg *a = cmd->args; a && ok; a = a->next) {
        if (strcmp(a->def->name, "diskspec") == 0)
            ok = write(sh, out, a->data);
    }
    fputs("  </disks>\n", out);
    return ok;
}

bool
moment_create_as(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, unsigned int flags)
{
    virDomainPtr dom;
    char *xml = NULL;
    size_t size = 0;
    bool ok = false;
    FILE *out;

    if (!(dom = moment_domain(sh, cmd)))
        return false;
    if ((out = moment_doc_open(sh, kind, cmd, &xml, &size))) {
        ok = !kind->doc_extra || kind->doc_extra(sh, cmd, out);
        if (ok)
            ok = moment_doc_disks(sh, cmd, out, kind->diskspec_write);
        fprintf(out, "</%s>\n", kind->root);
        fclose(out);
        if (ok && shell_opt_bool(cmd, "print-xml"))
            shell_print(sh, "%s\n", xml);
        else if (ok)
            ok = kind->make(sh, dom, xml, flags, NULL);
        free(xml);
    }
    virDomainFree(dom);
    return ok;
}

/* The listing flags of the options; false after reporting a combination
 * virsh refuses. */
static bool
moment_list_flags(Shell *sh, const MomentKind *kind, const ShellCmd *cmd,
                  unsigned int *ret_flags)
{
    bool tree = shell_opt_bool(cmd, "tree"), name = shell_opt_bool(cmd, "name");
    bool from = shell_opt_bool(cmd, "from"), parent = shell_opt_bool(cmd, "parent");
    bool roots = shell_opt_bool(cmd, "roots"), current = shell_opt_bool(cmd, "current");
    unsigned int flags = 0;

    /* "current" is an option of snapshot-list only: never set for others */
    if (!shell_exclusive(sh, "tree", tree, "name", name) ||
        !shell_exclusive(sh, "parent", parent, "roots", roots) ||
        !shell_exclusive(sh, "parent", parent, "tree", tree) ||
        !shell_exclusive(sh, "roots", roots, "tree", tree) ||
        !shell_exclusive(sh, "roots", roots, "from", from) ||
        !shell_exclusive(sh, "roots", roots, "current", current))
        return false;
    for (const MomentFlagOpt *f = kind->list_filters; f->opt; f++) {
        if (!shell_opt_bool(cmd, f->opt))
            continue;
        if (tree) {
            shell_error(sh, "--%s and --tree are mutually exclusive", f->opt);
            return false;
        }
        flags |= f->flag;
    }
    if (shell_opt_bool(cmd, "topological"))
        flags |= kind->list_topological;
    if (roots)
        flags |= kind->list_roots;
    for (const MomentFlagOpt *f = kind->list_extra; f && f->opt; f++) {
        if (shell_opt_bool(cmd, f->opt))
            flags |= f->flag;
    }
    if (shell_opt_bool(cmd, "descendants")) {
        if (!from && !current) {
            shell_error(sh, "%s", kind->descendants_error);
            return false;
        }
        flags |= kind->list_descendants;
    }
    *ret_flags = flags;
    return true;
}

/* One listed moment and, for trees, its parent's name (owned). */
typedef struct {
    void *m;
    char *parent;
} MomentEntry;

typedef struct {
    const MomentKind *kind;
    MomentEntry *entries;
    size_t count;
} MomentList;

static void
moment_list_free(MomentList *list)
{
    for (size_t i = 0; i < list->count; i++) {
        list->kind->free(list->entries[i].m);
        free(list->entries[i].parent);
    }
    free(list->entries);
}

/* qsort has no context argument: the kind being sorted */
static const MomentKind *moment_sort_kind;

static int
moment_entry_cmp(const void *a, const void *b)
{
    return strcasecmp(moment_sort_kind->get_name(((const MomentEntry *)a)->m),
                      moment_sort_kind->get_name(((const MomentEntry *)b)->m));
}

static const char *
moment_tree_lookup(size_t id, bool parent, void *opaque)
{
    MomentList *list = opaque;

    return parent ? list->entries[id].parent : list->kind->get_name(list->entries[id].m);
}

/* Collects the moments to list: all of @dom's, or the children of @from;
 * for a tree also each one's parent, and @from itself as the only
 * parentless entry. Sorted by name unless topological order was asked
 * for. Returns false after reporting. */
static bool
moment_list_collect(Shell *sh, const MomentKind *kind, virDomainPtr dom, void *from,
                    unsigned int flags, bool tree, MomentList *ret_list)
{
    MomentList list = { kind, NULL, 0 };
    void **found = NULL;
    int n;

    n = from ? kind->list_children(from, &found, flags) : kind->list_all(dom, &found, flags);
    if (n < 0) {
        if (kind->list_error)
            shell_error(sh, "%s", kind->list_error);
        return false;
    }
    if (!(list.entries = calloc((size_t)n + 1, sizeof(*list.entries))))
        abort();
    for (int i = 0; i < n; i++)
        list.entries[list.count++].m = found[i];
    free(found);
    if (tree) {
        for (size_t i = 0; i < list.count; i++) {
            if (!kind->parent_name(sh, list.entries[i].m, &list.entries[i].parent)) {
                moment_list_free(&list);
                return false;
            }
        }
        if (from) {
            kind->ref(from);
            list.entries[list.count++].m = from;
        }
    }
    if (!(flags & kind->list_topological) && list.count > 1) {
        moment_sort_kind = kind;
        qsort(list.entries, list.count, sizeof(*list.entries), moment_entry_cmp);
    }
    *ret_list = list;
    return true;
}

/* The creation time of a document as virsh shows it ("2026-11-21 10:00:00
 * +0000", local time), or false when unreadable. */
static bool
moment_time_format(const char *value, char *buf, size_t size)
{
    struct tm tm;
    char *end;
    long long secs;
    time_t t;

    if (!value || !*value)
        return false;
    secs = strtoll(value, &end, 10);
    if (*end || end == value)
        return false;
    t = (time_t)secs;
    if (!localtime_r(&t, &tm))
        return false;
    return strftime(buf, size, "%Y-%m-%d %H:%M:%S %z", &tm) > 0;
}

/* Adds the table row of one moment; one whose XML cannot be read is left
 * out, as virsh does. */
static void
moment_list_row(Shell *sh, const MomentKind *kind, ShellTable *table, void *m,
                bool with_parent)
{
    char *xml, *state = NULL, *created = NULL, *parent = NULL;
    const char *name = kind->get_name(m);
    char when[64];

    if (!(xml = kind->get_xml(m, 0)))
        return;
    if (with_parent)
        parent = moment_xml_value(sh, kind, xml, kind->xpath_parent);
    if (kind->xpath_state)
        state = moment_xml_value(sh, kind, xml, kind->xpath_state);
    created = moment_xml_value(sh, kind, xml, kind->xpath_created);
    if ((state || !kind->xpath_state) && moment_time_format(created, when, sizeof(when))) {
        if (state && with_parent)
            shell_table_add(table, name, when, state, parent ? parent : "", NULL);
        else if (state)
            shell_table_add(table, name, when, state, NULL);
        else if (with_parent)
            shell_table_add(table, name, when, parent ? parent : "", NULL);
        else
            shell_table_add(table, name, when, NULL);
    }
    free(parent);
    free(state);
    free(created);
    free(xml);
}

static ShellTable *
moment_list_table(const MomentKind *kind, bool with_parent)
{
    if (kind->xpath_state)
        return with_parent ? shell_table_new("Name", "Creation Time", "State", "Parent", NULL)
                           : shell_table_new("Name", "Creation Time", "State", NULL);
    return with_parent ? shell_table_new("Name", "Creation Time", "Parent", NULL)
                       : shell_table_new("Name", "Creation Time", NULL);
}

static bool
moment_list_print(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, virDomainPtr dom,
                  void *start, unsigned int flags)
{
    bool tree = shell_opt_bool(cmd, "tree"), name = shell_opt_bool(cmd, "name");
    bool parent = shell_opt_bool(cmd, "parent");
    MomentList list = { kind, NULL, 0 };
    ShellTable *table = NULL;
    bool ok = true;

    if (!moment_list_collect(sh, kind, dom, start, flags, tree, &list))
        return false;
    if (tree) {
        for (size_t i = 0; i < list.count && ok; i++) {
            if (!list.entries[i].parent)
                ok = shell_tree_print(sh, moment_tree_lookup, &list, list.count, i);
        }
        moment_list_free(&list);
        return ok;
    }
    if (!name)
        table = moment_list_table(kind, parent);
    for (size_t i = 0; i < list.count; i++) {
        if (name)
            shell_print(sh, "%s\n", kind->get_name(list.entries[i].m));
        else
            moment_list_row(sh, kind, table, list.entries[i].m, parent);
    }
    if (table)
        shell_table_print(sh, table);
    shell_table_free(table);
    moment_list_free(&list);
    return true;
}

bool
moment_list(Shell *sh, const MomentKind *kind, const ShellCmd *cmd)
{
    unsigned int flags;
    void *start = NULL;
    virDomainPtr dom;
    bool ok = false;

    if (!moment_list_flags(sh, kind, cmd, &flags))
        return false;
    if (!(dom = moment_domain(sh, cmd)))
        return false;
    /* "current" is an option of snapshot-list only */
    if ((!shell_opt_bool(cmd, "from") && !shell_opt_bool(cmd, "current")) ||
        (start = moment_lookup(sh, kind, cmd, "from", true, dom)))
        ok = moment_list_print(sh, kind, cmd, dom, start, flags);
    if (start)
        kind->free(start);
    virDomainFree(dom);
    return ok;
}

void
moment_info_head(Shell *sh, const MomentKind *kind, virDomainPtr dom, void *m)
{
    shell_print(sh, "%-15s %s\n", "Name:", kind->get_name(m));
    shell_print(sh, "%-15s %s\n", "Domain:", virDomainGetName(dom));
}

bool
moment_run(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, MomentAction action)
{
    virDomainPtr dom;
    bool ok = false;
    void *m;

    if (!(dom = moment_domain(sh, cmd)))
        return false;
    if ((m = moment_lookup(sh, kind, cmd, kind->name_opt, true, dom))) {
        ok = action(sh, kind, cmd, dom, m);
        kind->free(m);
    }
    virDomainFree(dom);
    return ok;
}

bool
moment_parent_print(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, virDomainPtr dom,
                    void *m)
{
    char *parent = NULL;
    bool ok;

    if ((ok = kind->parent_name(sh, m, &parent))) {
        if (parent)
            shell_print(sh, "%s", parent);
        else
            shell_error(sh, "%s '%s' has no parent", kind->noun, kind->get_name(m));
        ok = parent != NULL;
    }
    free(parent);
    return ok;
}

bool
moment_delete(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, virDomainPtr dom,
              void *m)
{
    unsigned int flags = 0;
    bool ok;

    if (shell_opt_bool(cmd, "children"))
        flags |= kind->delete_children;
    if (shell_opt_bool(cmd, "children-only"))
        flags |= kind->delete_children_only;
    if (shell_opt_bool(cmd, "metadata"))
        flags |= kind->delete_metadata;
    ok = kind->remove(m, flags) == 0;
    if (!ok)
        shell_error(sh, "Failed to delete %s %s", kind->noun, kind->get_name(m));
    else if (flags & kind->delete_children_only)
        shell_print_extra(sh, "Domain %s %s children deleted\n", kind->noun, kind->get_name(m));
    else
        shell_print_extra(sh, "Domain %s %s deleted\n", kind->noun, kind->get_name(m));
    return ok;
}

static char *
moment_edit_get(void *opaque)
{
    MomentEdit *ed = opaque;

    return ed->kind->get_xml(ed->m, ed->xml_flags);
}

static bool
moment_edit_define(void *opaque, const char *orig, const char *edited)
{
    MomentEdit *ed = opaque;
    unsigned int flags = ed->define_flags ? ed->define_flags(orig, ed->flags) : ed->flags;

    if (ed->edited)
        ed->kind->free(ed->edited);
    ed->edited = ed->kind->create(ed->dom, edited, flags);
    return ed->edited != NULL;
}

bool
moment_edit(Shell *sh, const ShellCmd *cmd, MomentEdit *ed, bool define_unchanged)
{
    const char *name = ed->kind->get_name(ed->m);
    bool ok = false;
    int rc;

    rc = shell_edit_xml(sh, moment_edit_get, moment_edit_define, ed, define_unchanged);
    if (rc == SHELL_EDIT_UNCHANGED) {
        shell_print_extra(sh, "%s %s XML configuration not changed.\n", ed->kind->title, name);
        ok = true;
    } else if (rc == SHELL_EDIT_DEFINED) {
        if (strcmp(name, ed->kind->get_name(ed->edited)) == 0) {
            shell_print_extra(sh, "%s %s edited.\n", ed->kind->title, name);
            ok = true;
        } else {
            ok = ed->renamed(sh, cmd, ed, name);
        }
    }
    if (!ok)
        shell_error(sh, "Failed to update %s", name);
    if (ed->edited)
        ed->kind->free(ed->edited);
    ed->edited = NULL;
    return ok;
}
