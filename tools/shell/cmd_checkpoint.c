/*
 * cmd_checkpoint.c: the "Checkpoint" commands: creating checkpoints (the
 * starting points of incremental backups) from a file or from arguments,
 * listing them (table, names or tree), showing, editing and deleting one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "shell.h"

#define OPT_DOMAIN { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name, id or uuid" }
#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_STRING(name, help) { name, SHELL_OPT_STRING, 0, help }
#define OPT_END { NULL, 0, 0, NULL }

#define CHECKPOINT_URL "(domain_checkpoint)"

static virDomainPtr
checkpoint_domain(Shell *sh, const ShellCmd *cmd)
{
    return shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, NULL);
}

/* Appends @value XML-escaped as libvirt's buffer escaping does, between
 * @before and @after; nothing when @value is NULL. */
static void
checkpoint_xml_escape(FILE *out, const char *before, const char *value, const char *after)
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

static bool
checkpoint_create(Shell *sh, virDomainPtr dom, const char *xml, unsigned int flags,
                  const char *from)
{
    virDomainCheckpointPtr chk;

    if (!(chk = virDomainCheckpointCreateXML(dom, xml, flags)))
        return false;
    if (from)
        shell_print_extra(sh, "Domain checkpoint %s created from '%s'",
                          virDomainCheckpointGetName(chk), from);
    else
        shell_print_extra(sh, "Domain checkpoint %s created", virDomainCheckpointGetName(chk));
    virDomainCheckpointFree(chk);
    return true;
}

static bool
cmd_checkpoint_create(Shell *sh, const ShellCmd *cmd)
{
    bool redefine = shell_opt_bool(cmd, "redefine");
    bool validate = shell_opt_bool(cmd, "redefine-validate");
    unsigned int flags = 0;
    const char *from;
    virDomainPtr dom;
    char *xml;
    bool ok;

    if (!shell_requires(sh, "redefine-validate", validate, "redefine", redefine))
        return false;
    if (redefine)
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE;
    if (validate)
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE;
    if (shell_opt_bool(cmd, "quiesce"))
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE;
    if (!(dom = checkpoint_domain(sh, cmd)))
        return false;
    if (shell_opt_string(sh, cmd, "xmlfile", &from) < 0) {
        virDomainFree(dom);
        return false;
    }
    xml = from ? shell_read_file(sh, from) : strdup("<domaincheckpoint/>");
    if (!xml) {
        virDomainFree(dom);
        return false;
    }
    ok = checkpoint_create(sh, dom, xml, flags, from);
    free(xml);
    virDomainFree(dom);
    return ok;
}

/* Writes one <disk> of --diskspec "disk[,checkpoint=type][,bitmap=name]"
 * (",," stands for a literal comma). */
static bool
checkpoint_diskspec_write(Shell *sh, FILE *out, const char *spec)
{
    const char *checkpoint = NULL, *bitmap = NULL;
    size_t len = strlen(spec), n = 0;
    char **words, *cur;
    bool ok = true;

    if (!(words = calloc(len + 2, sizeof(*words))) || !(cur = malloc(len + 1)))
        abort();
    for (size_t i = 0, k = 0;; i++) {
        if (spec[i] == ',' && spec[i + 1] == ',') {
            cur[k++] = ',';
            i++;
        } else if (spec[i] == ',' || !spec[i]) {
            cur[k] = '\0';
            if (!(words[n++] = strdup(cur)))
                abort();
            k = 0;
            if (!spec[i])
                break;
        } else {
            cur[k++] = spec[i];
        }
    }
    free(cur);
    for (size_t i = 1; i < n && ok; i++) {
        if (!checkpoint && strncmp(words[i], "checkpoint=", 11) == 0)
            checkpoint = words[i] + 11;
        else if (!bitmap && strncmp(words[i], "bitmap=", 7) == 0)
            bitmap = words[i] + 7;
        else
            ok = false;
    }
    if (ok) {
        checkpoint_xml_escape(out, "    <disk name='", words[0], "'");
        if (checkpoint)
            fprintf(out, " checkpoint='%s'", checkpoint);
        if (bitmap)
            fprintf(out, " bitmap='%s'", bitmap);
        fputs("/>\n", out);
    } else {
        shell_error(sh, "unable to parse diskspec: %s", spec);
    }
    for (size_t i = 0; i < n; i++)
        free(words[i]);
    free(words);
    return ok;
}

static bool
cmd_checkpoint_create_as(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = shell_opt_bool(cmd, "quiesce") ? VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE : 0;
    const char *name, *desc;
    virDomainPtr dom;
    char *xml = NULL;
    size_t size = 0;
    bool ok = true;
    FILE *out;

    if (!(dom = checkpoint_domain(sh, cmd)))
        return false;
    if (shell_opt_string(sh, cmd, "name", &name) < 0 ||
        shell_opt_string(sh, cmd, "description", &desc) < 0) {
        virDomainFree(dom);
        return false;
    }
    if (!(out = open_memstream(&xml, &size)))
        abort();
    fputs("<domaincheckpoint>\n", out);
    checkpoint_xml_escape(out, "  <name>", name, "</name>\n");
    checkpoint_xml_escape(out, "  <description>", desc, "</description>\n");
    if (shell_opt_bool(cmd, "diskspec")) {
        fputs("  <disks>\n", out);
        for (const ShellArg *a = cmd->args; a && ok; a = a->next) {
            if (strcmp(a->def->name, "diskspec") == 0)
                ok = checkpoint_diskspec_write(sh, out, a->data);
        }
        fputs("  </disks>\n", out);
    }
    fputs("</domaincheckpoint>\n", out);
    fclose(out);
    if (ok && shell_opt_bool(cmd, "print-xml"))
        shell_print(sh, "%s\n", xml);
    else if (ok)
        ok = checkpoint_create(sh, dom, xml, flags, NULL);
    free(xml);
    virDomainFree(dom);
    return ok;
}

/* Resolves the command's @arg option to a checkpoint of @dom; NULL after
 * reporting (the option is needed, though virsh declares it optional). */
static virDomainCheckpointPtr
checkpoint_lookup(Shell *sh, const ShellCmd *cmd, const char *arg, virDomainPtr dom)
{
    virDomainCheckpointPtr chk;
    const char *name;

    if (shell_opt_string(sh, cmd, arg, &name) < 0)
        return NULL;
    if (!name) {
        shell_error(sh, "--%s is required", arg);
        return NULL;
    }
    if (!(chk = virDomainCheckpointLookupByName(dom, name, 0)))
        shell_error_report(sh);
    return chk;
}

/* The name of @chk's parent in *ret_parent (NULL for a root). Returns
 * false after reporting when it cannot be determined. */
static bool
checkpoint_parent_name(Shell *sh, virDomainCheckpointPtr chk, char **ret_parent)
{
    virDomainCheckpointPtr parent;
    char *name = NULL;

    if ((parent = virDomainCheckpointGetParent(chk, 0))) {
        if (!(name = strdup(virDomainCheckpointGetName(parent))))
            abort();
        virDomainCheckpointFree(parent);
    } else if (shell_error_code(sh) != VIR_ERR_NO_DOMAIN_CHECKPOINT) {
        shell_error_report(sh);
        shell_error(sh, "%s", "unable to determine if checkpoint has parent");
        return false;
    }
    shell_error_reset(sh);
    *ret_parent = name;
    return true;
}

static bool
cmd_checkpoint_info(Shell *sh, const ShellCmd *cmd)
{
    virDomainCheckpointPtr chk;
    char *parent = NULL;
    virDomainPtr dom;
    bool ok = false;
    int count;

    if (!(dom = checkpoint_domain(sh, cmd)))
        return false;
    if (!(chk = checkpoint_lookup(sh, cmd, "checkpointname", dom))) {
        virDomainFree(dom);
        return false;
    }
    shell_print(sh, "%-15s %s\n", "Name:", virDomainCheckpointGetName(chk));
    shell_print(sh, "%-15s %s\n", "Domain:", virDomainGetName(dom));
    if (!checkpoint_parent_name(sh, chk, &parent)) {
        shell_error(sh, "%s", "unexpected problem querying checkpoint state");
        goto cleanup;
    }
    shell_print(sh, "%-15s %s\n", "Parent:", parent ? parent : "-");
    if ((count = virDomainCheckpointListAllChildren(chk, NULL, 0)) < 0) {
        if (shell_error_code(sh) == VIR_ERR_NO_SUPPORT) {
            shell_error_reset(sh);
            ok = true;
        }
        goto cleanup;
    }
    shell_print(sh, "%-15s %d\n", "Children:", count);
    if ((count = virDomainCheckpointListAllChildren(chk, NULL,
                                                    VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS)) < 0)
        goto cleanup;
    shell_print(sh, "%-15s %d\n", "Descendants:", count);
    ok = true;

 cleanup:
    free(parent);
    virDomainCheckpointFree(chk);
    virDomainFree(dom);
    return ok;
}

/* One listed checkpoint and, for trees, its parent's name (owned). */
typedef struct {
    virDomainCheckpointPtr chk;
    char *parent;
} CheckpointEntry;

typedef struct {
    CheckpointEntry *entries;
    size_t count;
} CheckpointList;

static void
checkpoint_list_free(CheckpointList *list)
{
    for (size_t i = 0; i < list->count; i++) {
        virDomainCheckpointFree(list->entries[i].chk);
        free(list->entries[i].parent);
    }
    free(list->entries);
}

static int
checkpoint_entry_cmp(const void *a, const void *b)
{
    return strcasecmp(virDomainCheckpointGetName(((const CheckpointEntry *)a)->chk),
                      virDomainCheckpointGetName(((const CheckpointEntry *)b)->chk));
}

static const char *
checkpoint_tree_lookup(size_t id, bool parent, void *opaque)
{
    CheckpointList *list = opaque;

    return parent ? list->entries[id].parent : virDomainCheckpointGetName(list->entries[id].chk);
}

/* Collects the checkpoints to list: all of @dom's, or the children of
 * @from; for a tree also each one's parent, and @from itself as the only
 * parentless entry. Returns false after reporting. */
static bool
checkpoint_list_collect(Shell *sh, virDomainPtr dom, virDomainCheckpointPtr from,
                        unsigned int flags, bool tree, CheckpointList *ret_list)
{
    CheckpointList list = { NULL, 0 };
    virDomainCheckpointPtr *chks = NULL;
    int n;

    n = from ? virDomainCheckpointListAllChildren(from, &chks, flags)
             : virDomainListAllCheckpoints(dom, &chks, flags);
    if (n < 0) {
        shell_error(sh, "%s", "unexpected problem querying checkpoints");
        return false;
    }
    if (!(list.entries = calloc((size_t)n + 1, sizeof(*list.entries))))
        abort();
    for (int i = 0; i < n; i++)
        list.entries[list.count++].chk = chks[i];
    free(chks);
    if (tree) {
        for (size_t i = 0; i < list.count; i++) {
            if (!checkpoint_parent_name(sh, list.entries[i].chk, &list.entries[i].parent)) {
                checkpoint_list_free(&list);
                return false;
            }
        }
        if (from) {
            virDomainCheckpointRef(from);
            list.entries[list.count++].chk = from;
        }
    }
    if (!(flags & VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL) && list.count > 1)
        qsort(list.entries, list.count, sizeof(*list.entries), checkpoint_entry_cmp);
    *ret_list = list;
    return true;
}

/* A non-empty result of @expr on @xml, or NULL. */
static char *
checkpoint_xml_value(Shell *sh, const char *xml, const char *expr)
{
    char *v = shell_xml_string(sh, xml, CHECKPOINT_URL, expr);

    if (v && !*v) {
        free(v);
        v = NULL;
    }
    return v;
}

/* Adds the table row of one checkpoint; one whose XML cannot be read is
 * left out, as virsh does. Times are local, "%Y-%m-%d %H:%M:%S %z". */
static void
checkpoint_list_row(Shell *sh, ShellTable *table, virDomainCheckpointPtr chk, bool with_parent)
{
    char *xml, *created, *parent = NULL, *end;
    char when[64];
    long long secs;
    struct tm tm;
    time_t t;

    if (!(xml = virDomainCheckpointGetXMLDesc(chk, 0)))
        return;
    if (with_parent)
        parent = checkpoint_xml_value(sh, xml, "string(/domaincheckpoint/parent/name)");
    created = checkpoint_xml_value(sh, xml, "string(/domaincheckpoint/creationTime)");
    if (created) {
        secs = strtoll(created, &end, 10);
        t = (time_t)secs;
        if (!*end && localtime_r(&t, &tm) &&
            strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", &tm) > 0) {
            if (with_parent)
                shell_table_add(table, virDomainCheckpointGetName(chk), when,
                                parent ? parent : "", NULL);
            else
                shell_table_add(table, virDomainCheckpointGetName(chk), when, NULL);
        }
    }
    free(created);
    free(parent);
    free(xml);
}

/* The listing flags of checkpoint-list's options; false after reporting a
 * combination virsh refuses. */
static bool
checkpoint_list_flags(Shell *sh, const ShellCmd *cmd, unsigned int *ret_flags)
{
    bool tree = shell_opt_bool(cmd, "tree"), name = shell_opt_bool(cmd, "name");
    bool from = shell_opt_bool(cmd, "from"), parent = shell_opt_bool(cmd, "parent");
    bool roots = shell_opt_bool(cmd, "roots");
    static const struct {
        const char *opt;
        unsigned int flag;
    } filters[] = {
        { "leaves", VIR_DOMAIN_CHECKPOINT_LIST_LEAVES },
        { "no-leaves", VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES },
    };
    unsigned int flags = 0;

    if (!shell_exclusive(sh, "tree", tree, "name", name) ||
        !shell_exclusive(sh, "parent", parent, "roots", roots) ||
        !shell_exclusive(sh, "parent", parent, "tree", tree) ||
        !shell_exclusive(sh, "roots", roots, "tree", tree) ||
        !shell_exclusive(sh, "roots", roots, "from", from))
        return false;
    for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
        if (!shell_opt_bool(cmd, filters[i].opt))
            continue;
        if (tree) {
            shell_error(sh, "--%s and --tree are mutually exclusive", filters[i].opt);
            return false;
        }
        flags |= filters[i].flag;
    }
    if (shell_opt_bool(cmd, "topological"))
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL;
    if (roots)
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_ROOTS;
    if (shell_opt_bool(cmd, "descendants")) {
        if (!from) {
            shell_error(sh, "%s", "--descendants requires --from");
            return false;
        }
        flags |= VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS;
    }
    *ret_flags = flags;
    return true;
}

static bool
cmd_checkpoint_list(Shell *sh, const ShellCmd *cmd)
{
    bool tree = shell_opt_bool(cmd, "tree"), name = shell_opt_bool(cmd, "name");
    bool parent = shell_opt_bool(cmd, "parent");
    virDomainCheckpointPtr start = NULL;
    CheckpointList list = { NULL, 0 };
    ShellTable *table = NULL;
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;

    if (!checkpoint_list_flags(sh, cmd, &flags))
        return false;
    if (!(dom = checkpoint_domain(sh, cmd)))
        return false;
    if (shell_opt_bool(cmd, "from") && !(start = checkpoint_lookup(sh, cmd, "from", dom)))
        goto cleanup;
    if (!checkpoint_list_collect(sh, dom, start, flags, tree, &list))
        goto cleanup;
    if (tree) {
        ok = true;
        for (size_t i = 0; i < list.count && ok; i++) {
            if (!list.entries[i].parent)
                ok = shell_tree_print(sh, checkpoint_tree_lookup, &list, list.count, i);
        }
        goto cleanup;
    }
    if (!name)
        table = parent ? shell_table_new("Name", "Creation Time", "Parent", NULL)
                       : shell_table_new("Name", "Creation Time", NULL);
    for (size_t i = 0; i < list.count; i++) {
        if (name)
            shell_print(sh, "%s\n", virDomainCheckpointGetName(list.entries[i].chk));
        else
            checkpoint_list_row(sh, table, list.entries[i].chk, parent);
    }
    if (table)
        shell_table_print(sh, table);
    ok = true;

 cleanup:
    shell_table_free(table);
    checkpoint_list_free(&list);
    if (start)
        virDomainCheckpointFree(start);
    virDomainFree(dom);
    return ok;
}

static bool
cmd_checkpoint_dumpxml(Shell *sh, const ShellCmd *cmd)
{
    virDomainCheckpointPtr chk;
    const char *xpath = NULL;
    unsigned int flags = 0;
    virDomainPtr dom;
    char *xml;
    bool ok = false;

    if (shell_opt_bool(cmd, "security-info"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_SECURE;
    if (shell_opt_bool(cmd, "no-domain"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_NO_DOMAIN;
    if (shell_opt_bool(cmd, "size"))
        flags |= VIR_DOMAIN_CHECKPOINT_XML_SIZE;
    if (!(dom = checkpoint_domain(sh, cmd)))
        return false;
    if (shell_opt_string_quiet(cmd, "xpath", &xpath) < 0 ||
        !(chk = checkpoint_lookup(sh, cmd, "checkpointname", dom))) {
        virDomainFree(dom);
        return false;
    }
    if ((xml = virDomainCheckpointGetXMLDesc(chk, flags)))
        ok = shell_dump_xml(sh, xml, "domain-checkpoint", xpath, shell_opt_bool(cmd, "wrap"));
    free(xml);
    virDomainCheckpointFree(chk);
    virDomainFree(dom);
    return ok;
}

static bool
cmd_checkpoint_parent(Shell *sh, const ShellCmd *cmd)
{
    virDomainCheckpointPtr chk;
    char *parent = NULL;
    virDomainPtr dom;
    bool ok;

    if (!(dom = checkpoint_domain(sh, cmd)))
        return false;
    if (!(chk = checkpoint_lookup(sh, cmd, "checkpointname", dom))) {
        virDomainFree(dom);
        return false;
    }
    if ((ok = checkpoint_parent_name(sh, chk, &parent))) {
        if (parent)
            shell_print(sh, "%s", parent);
        else
            shell_error(sh, "checkpoint '%s' has no parent", virDomainCheckpointGetName(chk));
        ok = parent != NULL;
    }
    free(parent);
    virDomainCheckpointFree(chk);
    virDomainFree(dom);
    return ok;
}

static bool
cmd_checkpoint_delete(Shell *sh, const ShellCmd *cmd)
{
    virDomainCheckpointPtr chk;
    unsigned int flags = 0;
    virDomainPtr dom;
    bool ok;

    if (!(dom = checkpoint_domain(sh, cmd)))
        return false;
    if (!(chk = checkpoint_lookup(sh, cmd, "checkpointname", dom))) {
        virDomainFree(dom);
        return false;
    }
    if (shell_opt_bool(cmd, "children"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN;
    if (shell_opt_bool(cmd, "children-only"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY;
    if (shell_opt_bool(cmd, "metadata"))
        flags |= VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY;
    ok = virDomainCheckpointDelete(chk, flags) == 0;
    if (!ok)
        shell_error(sh, "Failed to delete checkpoint %s", virDomainCheckpointGetName(chk));
    else if (flags & VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY)
        shell_print_extra(sh, "Domain checkpoint %s children deleted\n",
                          virDomainCheckpointGetName(chk));
    else
        shell_print_extra(sh, "Domain checkpoint %s deleted\n", virDomainCheckpointGetName(chk));
    virDomainCheckpointFree(chk);
    virDomainFree(dom);
    return ok;
}

/* What checkpoint-edit's editor session works on. */
typedef struct {
    virDomainPtr dom;
    virDomainCheckpointPtr chk;
    virDomainCheckpointPtr edited; /* owned; set by a successful definition */
} CheckpointEdit;

static char *
checkpoint_edit_get(void *opaque)
{
    CheckpointEdit *ed = opaque;

    return virDomainCheckpointGetXMLDesc(ed->chk, VIR_DOMAIN_CHECKPOINT_XML_SECURE);
}

static bool
checkpoint_edit_define(void *opaque, const char *orig, const char *edited)
{
    CheckpointEdit *ed = opaque;

    (void)orig;
    if (ed->edited)
        virDomainCheckpointFree(ed->edited);
    ed->edited = virDomainCheckpointCreateXML(ed->dom, edited,
                                              VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE);
    return ed->edited != NULL;
}

static bool
cmd_checkpoint_edit(Shell *sh, const ShellCmd *cmd)
{
    CheckpointEdit ed = { NULL, NULL, NULL };
    const char *name = NULL, *new_name;
    bool ok = false;
    int rc;

    if (!(ed.dom = checkpoint_domain(sh, cmd)))
        return false;
    if (!(ed.chk = checkpoint_lookup(sh, cmd, "checkpointname", ed.dom)))
        goto cleanup;
    name = virDomainCheckpointGetName(ed.chk);
    rc = shell_edit_xml(sh, checkpoint_edit_get, checkpoint_edit_define, &ed, false);
    if (rc == SHELL_EDIT_UNCHANGED) {
        shell_print_extra(sh, "Checkpoint %s XML configuration not changed.\n", name);
        ok = true;
    } else if (rc == SHELL_EDIT_DEFINED) {
        new_name = virDomainCheckpointGetName(ed.edited);
        if (strcmp(name, new_name) == 0) {
            shell_print_extra(sh, "Checkpoint %s edited.\n", name);
            ok = true;
        } else if (virDomainCheckpointDelete(ed.edited,
                                             VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY) < 0) {
            /* a checkpoint cannot be renamed: the copy made under the
             * new name is dropped again */
            shell_error_report(sh);
            shell_error(sh, "Failed to clean up %s", new_name);
        } else {
            shell_error(sh, "Cannot rename checkpoint %s to %s", name, new_name);
        }
    }

 cleanup:
    if (!ok && name)
        shell_error(sh, "Failed to update %s", name);
    if (ed.edited)
        virDomainCheckpointFree(ed.edited);
    if (ed.chk)
        virDomainCheckpointFree(ed.chk);
    virDomainFree(ed.dom);
    return ok;
}

static const ShellOptDef opts_checkpoint_create[] = {
    OPT_DOMAIN,
    OPT_STRING("xmlfile", "domain checkpoint XML"),
    OPT_BOOL("redefine", "redefine metadata for existing checkpoint"),
    OPT_BOOL("redefine-validate", "validate the redefined checkpoint"),
    OPT_BOOL("quiesce", "quiesce guest's file systems"),
    OPT_END,
};

static const ShellOptDef opts_checkpoint_create_as[] = {
    OPT_DOMAIN,
    OPT_STRING("name", "name of checkpoint"),
    OPT_STRING("description", "description of checkpoint"),
    OPT_BOOL("print-xml", "print XML document rather than create"),
    OPT_BOOL("quiesce", "quiesce guest's file systems"),
    { "diskspec", SHELL_OPT_ARGV, 0, "disk attributes: disk[,checkpoint=type][,bitmap=name]" },
    OPT_END,
};

static const ShellOptDef opts_checkpoint_delete[] = {
    OPT_DOMAIN,
    OPT_STRING("checkpointname", "checkpoint name"),
    OPT_BOOL("children", "delete checkpoint and all children"),
    OPT_BOOL("children-only", "delete children but not checkpoint"),
    OPT_BOOL("metadata", "delete only libvirt metadata, leaving checkpoint contents behind"),
    OPT_END,
};

static const ShellOptDef opts_checkpoint_dumpxml[] = {
    OPT_DOMAIN,
    OPT_STRING("checkpointname", "checkpoint name"),
    OPT_BOOL("security-info", "include security sensitive information in XML dump"),
    OPT_BOOL("no-domain", "exclude <domain> from XML"),
    OPT_BOOL("size", "include backup size estimate in XML dump"),
    { "xpath", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "xpath expression to filter the XML document" },
    OPT_BOOL("wrap", "wrap xpath results in an common root element"),
    OPT_END,
};

static const ShellOptDef opts_checkpoint_edit[] = {
    OPT_DOMAIN,
    OPT_STRING("checkpointname", "checkpoint name"),
    OPT_END,
};

static const ShellOptDef opts_checkpoint_info[] = {
    OPT_DOMAIN,
    OPT_STRING("checkpointname", "checkpoint name"),
    OPT_END,
};

static const ShellOptDef opts_checkpoint_list[] = {
    OPT_DOMAIN,
    OPT_BOOL("parent", "add a column showing parent checkpoint"),
    OPT_BOOL("roots", "list only checkpoints without parents"),
    OPT_BOOL("leaves", "list only checkpoints without children"),
    OPT_BOOL("no-leaves", "list only checkpoints that are not leaves (with children)"),
    OPT_BOOL("tree", "list checkpoints in a tree"),
    OPT_STRING("from", "limit list to children of given checkpoint"),
    OPT_BOOL("descendants", "with --from, list all descendants"),
    OPT_BOOL("name", "list checkpoint names only"),
    OPT_BOOL("topological", "sort list topologically rather than by name"),
    OPT_END,
};

static const ShellOptDef opts_checkpoint_parent[] = {
    OPT_DOMAIN,
    OPT_STRING("checkpointname", "find parent of checkpoint name"),
    OPT_END,
};

const ShellCmdDef shell_checkpoint_cmds[] = {
    { "checkpoint-create", cmd_checkpoint_create, opts_checkpoint_create,
      "Create a checkpoint from XML",
      "Create a checkpoint from XML for use in future incremental backups", 0 },
    { "checkpoint-create-as", cmd_checkpoint_create_as, opts_checkpoint_create_as,
      "Create a checkpoint from a set of args",
      "Create a checkpoint from arguments for use in future incremental backups", 0 },
    { "checkpoint-delete", cmd_checkpoint_delete, opts_checkpoint_delete,
      "Delete a domain checkpoint", "Checkpoint Delete", 0 },
    { "checkpoint-dumpxml", cmd_checkpoint_dumpxml, opts_checkpoint_dumpxml,
      "Dump XML for a domain checkpoint", "Checkpoint Dump XML", 0 },
    { "checkpoint-edit", cmd_checkpoint_edit, opts_checkpoint_edit, "edit XML for a checkpoint",
      "Edit the domain checkpoint XML for a named checkpoint", 0 },
    { "checkpoint-info", cmd_checkpoint_info, opts_checkpoint_info, "checkpoint information",
      "Returns basic information about a checkpoint.", 0 },
    { "checkpoint-list", cmd_checkpoint_list, opts_checkpoint_list,
      "List checkpoints for a domain", "Checkpoint List", 0 },
    { "checkpoint-parent", cmd_checkpoint_parent, opts_checkpoint_parent,
      "Get the name of the parent of a checkpoint", "Extract the checkpoint's parent, if any",
      0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
