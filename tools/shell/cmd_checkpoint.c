/*
 * cmd_checkpoint.c: the "Checkpoint" commands: creating checkpoints (the
 * starting points of incremental backups) from a file or from arguments,
 * listing them (table, names or tree), showing, editing and deleting one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moment.h"

#define OPT_DOMAIN { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name, id or uuid" }
#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_STRING(name, help) { name, SHELL_OPT_STRING, 0, help }
#define OPT_END { NULL, 0, 0, NULL }

static virDomainPtr
checkpoint_domain(Shell *sh, const ShellCmd *cmd)
{
    return shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, NULL);
}

#define CHECKPOINT_XPATH(what) "string(/domaincheckpoint/" what ")"

MOMENT_CALLS(checkpoint, Checkpoint)

static bool checkpoint_parent_name(Shell *sh, void *m, char **ret_parent);
static bool checkpoint_create(Shell *sh, virDomainPtr dom, const char *xml, unsigned int flags,
                              const char *from);
static bool checkpoint_diskspec_write(Shell *sh, FILE *out, const char *spec);

static const MomentFlagOpt checkpoint_list_filters[] = {
    { "leaves", VIR_DOMAIN_CHECKPOINT_LIST_LEAVES },
    { "no-leaves", VIR_DOMAIN_CHECKPOINT_LIST_NO_LEAVES },
    { NULL, 0 },
};

static const MomentKind checkpoint_kind = {
    .noun = "checkpoint",
    .title = "Checkpoint",
    .root = "domaincheckpoint",
    .url = "(domain_checkpoint)",
    .xpath_parent = CHECKPOINT_XPATH("parent/name"),
    .xpath_created = CHECKPOINT_XPATH("creationTime"),
    .get_name = checkpoint_name,
    .get_xml = checkpoint_xml,
    .get_parent = checkpoint_parent,
    .ref = checkpoint_ref,
    .free = checkpoint_free,
    .remove = checkpoint_remove,
    .create = checkpoint_define,
    .list_all = checkpoint_list_all,
    .list_children = checkpoint_list_children,
    .parent_name = checkpoint_parent_name,
    .lookup = checkpoint_by_name,
    .name_opt = "checkpointname",
    .make = checkpoint_create,
    .diskspec_write = checkpoint_diskspec_write,
    .no_object_error = VIR_ERR_NO_DOMAIN_CHECKPOINT,
    .list_filters = checkpoint_list_filters,
    .list_roots = VIR_DOMAIN_CHECKPOINT_LIST_ROOTS,
    .list_descendants = VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS,
    .list_topological = VIR_DOMAIN_CHECKPOINT_LIST_TOPOLOGICAL,
    .descendants_error = "--descendants requires --from",
    .list_error = "unexpected problem querying checkpoints",
    .delete_children = VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN,
    .delete_children_only = VIR_DOMAIN_CHECKPOINT_DELETE_CHILDREN_ONLY,
    .delete_metadata = VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY,
};

static bool
checkpoint_parent_name(Shell *sh, void *m, char **ret_parent)
{
    return moment_parent_name(sh, &checkpoint_kind, m, ret_parent);
}

static bool
checkpoint_create(Shell *sh, virDomainPtr dom, const char *xml, unsigned int flags,
                  const char *from)
{
    virDomainCheckpointPtr chk;

    if (!(chk = virDomainCheckpointCreateXML(dom, xml, flags)))
        return false;
    moment_created(sh, &checkpoint_kind, chk, from);
    return true;
}

static bool
cmd_checkpoint_create(Shell *sh, const ShellCmd *cmd)
{
    bool redefine = shell_opt_bool(cmd, "redefine");
    bool validate = shell_opt_bool(cmd, "redefine-validate");
    unsigned int flags = 0;

    if (!shell_requires(sh, "redefine-validate", validate, "redefine", redefine))
        return false;
    if (redefine)
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE;
    if (validate)
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE;
    if (shell_opt_bool(cmd, "quiesce"))
        flags |= VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE;
    return moment_create(sh, &checkpoint_kind, cmd, flags);
}

/* Writes one <disk> of --diskspec "disk[,checkpoint=type][,bitmap=name]"
 * (",," stands for a literal comma). */
static bool
checkpoint_diskspec_write(Shell *sh, FILE *out, const char *spec)
{
    const char *checkpoint = NULL, *bitmap = NULL;
    bool ok = true;
    char **words;
    size_t n = moment_split_commas(spec, &words);

    for (size_t i = 1; i < n && ok; i++) {
        if (!checkpoint && strncmp(words[i], "checkpoint=", 11) == 0)
            checkpoint = words[i] + 11;
        else if (!bitmap && strncmp(words[i], "bitmap=", 7) == 0)
            bitmap = words[i] + 7;
        else
            ok = false;
    }
    if (ok) {
        moment_xml_escape(out, "    <disk name='", words[0], "'");
        if (checkpoint)
            fprintf(out, " checkpoint='%s'", checkpoint);
        if (bitmap)
            fprintf(out, " bitmap='%s'", bitmap);
        fputs("/>\n", out);
    } else {
        shell_error(sh, "unable to parse diskspec: %s", spec);
    }
    moment_words_free(words);
    return ok;
}

static bool
cmd_checkpoint_create_as(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = shell_opt_bool(cmd, "quiesce") ? VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE : 0;

    return moment_create_as(sh, &checkpoint_kind, cmd, flags);
}

/* The checkpoint --checkpointname names; NULL after reporting. */
static virDomainCheckpointPtr
checkpoint_lookup(Shell *sh, const ShellCmd *cmd, virDomainPtr dom)
{
    return moment_lookup(sh, &checkpoint_kind, cmd, "checkpointname", true, dom);
}

static bool
checkpoint_info(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, virDomainPtr dom,
                void *chk)
{
    char *parent = NULL;
    bool ok = false;
    int count;

    moment_info_head(sh, kind, dom, chk);
    if (!moment_parent_name(sh, kind, chk, &parent)) {
        shell_error(sh, "%s", "unexpected problem querying checkpoint state");
        return false;
    }
    shell_print(sh, "%-15s %s\n", "Parent:", parent ? parent : "-");
    free(parent);
    if ((count = virDomainCheckpointListAllChildren(chk, NULL, 0)) < 0) {
        if (shell_error_code(sh) == VIR_ERR_NO_SUPPORT) {
            shell_error_reset(sh);
            ok = true;
        }
        return ok;
    }
    shell_print(sh, "%-15s %d\n", "Children:", count);
    if ((count = virDomainCheckpointListAllChildren(chk, NULL,
                                                    VIR_DOMAIN_CHECKPOINT_LIST_DESCENDANTS)) < 0)
        return false;
    shell_print(sh, "%-15s %d\n", "Descendants:", count);
    return true;
}

static bool
cmd_checkpoint_info(Shell *sh, const ShellCmd *cmd)
{
    return moment_run(sh, &checkpoint_kind, cmd, checkpoint_info);
}

static bool
cmd_checkpoint_list(Shell *sh, const ShellCmd *cmd)
{
    return moment_list(sh, &checkpoint_kind, cmd);
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
        !(chk = checkpoint_lookup(sh, cmd, dom))) {
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
    return moment_run(sh, &checkpoint_kind, cmd, moment_parent_print);
}

static bool
cmd_checkpoint_delete(Shell *sh, const ShellCmd *cmd)
{
    return moment_run(sh, &checkpoint_kind, cmd, moment_delete);
}

/* A checkpoint cannot be renamed: the copy made under the new name is
 * dropped again. */
static bool
checkpoint_edit_renamed(Shell *sh, const ShellCmd *cmd, MomentEdit *ed, const char *name)
{
    const char *new_name = virDomainCheckpointGetName(ed->edited);

    (void)cmd;
    if (virDomainCheckpointDelete(ed->edited, VIR_DOMAIN_CHECKPOINT_DELETE_METADATA_ONLY) < 0) {
        shell_error_report(sh);
        shell_error(sh, "Failed to clean up %s", new_name);
    } else {
        shell_error(sh, "Cannot rename checkpoint %s to %s", name, new_name);
    }
    return false;
}

static bool
checkpoint_edit(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, virDomainPtr dom,
                void *chk)
{
    MomentEdit ed = {
        .kind = kind,
        .dom = dom,
        .m = chk,
        .flags = VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE,
        .xml_flags = VIR_DOMAIN_CHECKPOINT_XML_SECURE,
        .renamed = checkpoint_edit_renamed,
    };

    return moment_edit(sh, cmd, &ed, false);
}

static bool
cmd_checkpoint_edit(Shell *sh, const ShellCmd *cmd)
{
    return moment_run(sh, &checkpoint_kind, cmd, checkpoint_edit);
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
