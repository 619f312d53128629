/*
 * cmd_snapshot.c: the "Snapshot" commands: creating snapshots from a file
 * or from arguments, listing them (table, names or tree), showing one,
 * editing one in $EDITOR, making one current, reverting to one and
 * deleting them.
 *
 * Facts vireo reads from a snapshot's XML (state, parent, creation time,
 * location) are taken from the document the library returns, as virsh
 * does, so the output stays the same whichever server answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "moment.h"

#define OPT_DOMAIN { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name, id or uuid" }
#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_STRING(name, help) { name, SHELL_OPT_STRING, 0, help }
#define OPT_SNAPNAME(help) OPT_STRING("snapshotname", help)
#define OPT_END { NULL, 0, 0, NULL }

#define SNAPSHOT_XPATH(what) "string(/domainsnapshot/" what ")"

/* Set once the server has shown it lacks virDomainSnapshotGetParent: from
 * then on parents come from the XML and snapshot-info stops after them,
 * as virsh does for the rest of its session. */
static bool snapshot_old_server;

MOMENT_CALLS(snapshot, Snapshot)

static bool snapshot_parent_name(Shell *sh, void *snap, char **ret_parent);

static void *
snapshot_current_get(virDomainPtr dom, unsigned int flags)
{
    return virDomainSnapshotCurrent(dom, flags);
}
static bool snapshot_create(Shell *sh, virDomainPtr dom, const char *xml, unsigned int flags,
                            const char *from);
static bool snapshot_doc_memory(Shell *sh, const ShellCmd *cmd, FILE *out);
static bool snapshot_diskspec_write(Shell *sh, FILE *out, const char *spec);

/* snapshot-list's filters that --tree refuses */
static const MomentFlagOpt snapshot_list_filters[] = {
    { "leaves", VIR_DOMAIN_SNAPSHOT_LIST_LEAVES },
    { "no-leaves", VIR_DOMAIN_SNAPSHOT_LIST_NO_LEAVES },
    { "inactive", VIR_DOMAIN_SNAPSHOT_LIST_INACTIVE },
    { "active", VIR_DOMAIN_SNAPSHOT_LIST_ACTIVE },
    { "disk-only", VIR_DOMAIN_SNAPSHOT_LIST_DISK_ONLY },
    { "internal", VIR_DOMAIN_SNAPSHOT_LIST_INTERNAL },
    { "external", VIR_DOMAIN_SNAPSHOT_LIST_EXTERNAL },
    { NULL, 0 },
};

/* snapshot-list's filters that --tree allows */
static const MomentFlagOpt snapshot_list_extra[] = {
    { "metadata", VIR_DOMAIN_SNAPSHOT_LIST_METADATA },
    { "no-metadata", VIR_DOMAIN_SNAPSHOT_LIST_NO_METADATA },
    { NULL, 0 },
};

static const MomentKind snapshot_kind = {
    .noun = "snapshot",
    .title = "Snapshot",
    .root = "domainsnapshot",
    .url = "(domain_snapshot)",
    .xpath_parent = SNAPSHOT_XPATH("parent/name"),
    .xpath_created = SNAPSHOT_XPATH("creationTime"),
    .xpath_state = SNAPSHOT_XPATH("state"),
    .get_name = snapshot_name,
    .get_xml = snapshot_xml,
    .get_parent = snapshot_parent,
    .ref = snapshot_ref,
    .free = snapshot_free,
    .remove = snapshot_remove,
    .create = snapshot_define,
    .list_all = snapshot_list_all,
    .list_children = snapshot_list_children,
    .parent_name = snapshot_parent_name,
    .lookup = snapshot_by_name,
    .current = snapshot_current_get,
    .name_opt = "snapshotname",
    .make = snapshot_create,
    .doc_extra = snapshot_doc_memory,
    .diskspec_write = snapshot_diskspec_write,
    .no_object_error = VIR_ERR_NO_DOMAIN_SNAPSHOT,
    .list_filters = snapshot_list_filters,
    .list_extra = snapshot_list_extra,
    .list_roots = VIR_DOMAIN_SNAPSHOT_LIST_ROOTS,
    .list_descendants = VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS,
    .list_topological = VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL,
    .descendants_error = "--descendants requires either --from or --current",
    .delete_children = VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN,
    .delete_children_only = VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN_ONLY,
    .delete_metadata = VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY,
};

/* The value of "key=value" in @word when it starts with @key and the slot
 * is still free; NULL otherwise. */
static const char *
snapshot_take(const char *word, const char *key, const char *slot)
{
    size_t n = strlen(key);

    return !slot && strncmp(word, key, n) == 0 ? word + n : NULL;
}

/* Writes the <memory> element of --memspec "[file=]name[,snapshot=type]". */
static bool
snapshot_memspec_write(Shell *sh, FILE *out, const char *spec)
{
    const char *snapshot = NULL, *file = NULL, *v;
    bool ok = true;
    char **words;
    size_t n = moment_split_commas(spec, &words);

    for (size_t i = 0; i < n && ok; i++) {
        if ((v = snapshot_take(words[i], "snapshot=", snapshot)))
            snapshot = v;
        else if ((v = snapshot_take(words[i], "file=", file)))
            file = v;
        else if (!file && words[i][0] == '/')
            file = words[i];
        else
            ok = false;
    }
    if (ok) {
        fputs("  <memory", out);
        moment_xml_escape(out, " snapshot='", snapshot, "'");
        moment_xml_escape(out, " file='", file, "'");
        fputs("/>\n", out);
    } else {
        shell_error(sh, "unable to parse memspec: %s", spec);
    }
    moment_words_free(words);
    return ok;
}

/* Writes one <disk> of --diskspec
 * "disk[,snapshot=type][,driver=type][,stype=type][,file=name]". */
static bool
snapshot_diskspec_write(Shell *sh, FILE *out, const char *spec)
{
    const char *snapshot = NULL, *driver = NULL, *stype = NULL, *file = NULL, *v;
    bool ok = true;
    char **words;
    size_t n = moment_split_commas(spec, &words);

    for (size_t i = 1; i < n && ok; i++) {
        if ((v = snapshot_take(words[i], "snapshot=", snapshot)))
            snapshot = v;
        else if ((v = snapshot_take(words[i], "driver=", driver)))
            driver = v;
        else if ((v = snapshot_take(words[i], "stype=", stype)))
            stype = v;
        else if ((v = snapshot_take(words[i], "file=", file)))
            file = v;
        else
            ok = false;
    }
    if (ok && stype && strcmp(stype, "block") != 0 && strcmp(stype, "file") != 0) {
        shell_error(sh, "Unknown storage type: '%s'", stype);
        ok = false;
    }
    if (ok) {
        moment_xml_escape(out, "    <disk name='", words[0], "'");
        if (snapshot)
            fprintf(out, " snapshot='%s'", snapshot);
        if (stype)
            fprintf(out, " type='%s'", stype);
        if (driver || file) {
            fputs(">\n", out);
            if (driver)
                fprintf(out, "      <driver type='%s'/>\n", driver);
            if (stype && strcmp(stype, "block") == 0)
                moment_xml_escape(out, "      <source dev='", file, "'/>\n");
            else
                moment_xml_escape(out, "      <source file='", file, "'/>\n");
            fputs("    </disk>\n", out);
        } else {
            fputs("/>\n", out);
        }
    }
    if (!ok)
        shell_error(sh, "unable to parse diskspec: %s", spec);
    moment_words_free(words);
    return ok;
}

/* The creation flags named by the command's boolean options. */
static unsigned int
snapshot_create_flags(const ShellCmd *cmd)
{
    static const struct {
        const char *opt;
        unsigned int flag;
    } map[] = {
        { "redefine", VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE },
        { "current", VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT },
        { "no-metadata", VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA },
        { "halt", VIR_DOMAIN_SNAPSHOT_CREATE_HALT },
        { "disk-only", VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY },
        { "reuse-external", VIR_DOMAIN_SNAPSHOT_CREATE_REUSE_EXT },
        { "quiesce", VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE },
        { "atomic", VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC },
        { "live", VIR_DOMAIN_SNAPSHOT_CREATE_LIVE },
        { "validate", VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE },
    };
    unsigned int flags = 0;

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (shell_opt_bool(cmd, map[i].opt))
            flags |= map[i].flag;
    }
    return flags;
}

/* Creates the snapshot, retrying as virsh does: without --validate for a
 * server that does not know it (arguments only), and emulating --halt by
 * destroying the domain afterwards for a server that refuses the flag. */
static bool
snapshot_create(Shell *sh, virDomainPtr dom, const char *xml, unsigned int flags,
                const char *from)
{
    virDomainSnapshotPtr snap;
    bool halt = false;
    int persistent;

    snap = virDomainSnapshotCreateXML(dom, xml, flags);
    if (!snap && shell_error_code(sh) == VIR_ERR_NO_SUPPORT && !from) {
        flags &= ~VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE;
        snap = virDomainSnapshotCreateXML(dom, xml, flags);
    }
    if (!snap && shell_error_code(sh) == VIR_ERR_INVALID_ARG &&
        (flags & VIR_DOMAIN_SNAPSHOT_CREATE_HALT)) {
        shell_error_reset(sh);
        if ((persistent = virDomainIsPersistent(dom)) < 0) {
            shell_error_report(sh);
            return false;
        }
        if (!persistent) {
            shell_error(sh, "%s", "cannot halt after snapshot of transient domain");
            return false;
        }
        halt = virDomainIsActive(dom) == 1;
        flags &= ~VIR_DOMAIN_SNAPSHOT_CREATE_HALT;
        snap = virDomainSnapshotCreateXML(dom, xml, flags);
    }
    if (!snap)
        return false;
    if (halt && virDomainDestroy(dom) < 0) {
        shell_error_report(sh);
        virDomainSnapshotFree(snap);
        return false;
    }
    moment_created(sh, &snapshot_kind, snap, from);
    return true;
}

static virDomainPtr
snapshot_domain(Shell *sh, const ShellCmd *cmd, const char **ret_name)
{
    return shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, ret_name);
}

static bool
cmd_snapshot_create(Shell *sh, const ShellCmd *cmd)
{
    return moment_create(sh, &snapshot_kind, cmd, snapshot_create_flags(cmd));
}

/* The <memory> element of snapshot-create-as --memspec. */
static bool
snapshot_doc_memory(Shell *sh, const ShellCmd *cmd, FILE *out)
{
    const char *memspec;

    if (shell_opt_string(sh, cmd, "memspec", &memspec) < 0)
        return false;
    return !memspec || snapshot_memspec_write(sh, out, memspec);
}

static bool
cmd_snapshot_create_as(Shell *sh, const ShellCmd *cmd)
{
    return moment_create_as(sh, &snapshot_kind, cmd, snapshot_create_flags(cmd));
}

static bool
cmd_snapshot_current(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = shell_opt_bool(cmd, "security-info") ? VIR_DOMAIN_XML_SECURE : 0;
    virDomainSnapshotPtr snap = NULL, made;
    const char *domname, *snapname;
    virDomainPtr dom;
    char *xml = NULL;
    bool ok = false;
    int current;

    if (!shell_exclusive(sh, "name", shell_opt_bool(cmd, "name"), "snapshotname",
                         shell_opt_bool(cmd, "snapshotname")))
        return false;
    if (!(dom = snapshot_domain(sh, cmd, &domname)))
        return false;
    if (shell_opt_string(sh, cmd, "snapshotname", &snapname) < 0)
        goto cleanup;
    if (snapname) {
        flags = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE | VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;
        if (!(snap = virDomainSnapshotLookupByName(dom, snapname, 0)) ||
            !(xml = virDomainSnapshotGetXMLDesc(snap, VIR_DOMAIN_XML_SECURE)))
            goto cleanup;
        if (strstr(xml, "<state>disk-snapshot</state>"))
            flags |= VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
        if (!(made = virDomainSnapshotCreateXML(dom, xml, flags)))
            goto cleanup;
        virDomainSnapshotFree(made);
        shell_print_extra(sh, "Snapshot %s set as current", snapname);
        ok = true;
        goto cleanup;
    }
    if ((current = virDomainHasCurrentSnapshot(dom, 0)) < 0)
        goto cleanup;
    if (!current) {
        shell_error(sh, "domain '%s' has no current snapshot", domname);
        goto cleanup;
    }
    if (!(snap = virDomainSnapshotCurrent(dom, 0)))
        goto cleanup;
    if (shell_opt_bool(cmd, "name")) {
        shell_print(sh, "%s", virDomainSnapshotGetName(snap));
    } else {
        if (!(xml = virDomainSnapshotGetXMLDesc(snap, flags)))
            goto cleanup;
        shell_print(sh, "%s", xml);
    }
    ok = true;

 cleanup:
    free(xml);
    if (snap)
        virDomainSnapshotFree(snap);
    virDomainFree(dom);
    return ok;
}

/* The name of @snap's parent in *ret_parent (NULL for a root). Returns
 * false after reporting when it cannot be determined. */
static bool
snapshot_parent_name(Shell *sh, void *snap, char **ret_parent)
{
    virDomainSnapshotPtr parent;
    char *xml, *name = NULL;

    if (!snapshot_old_server) {
        if ((parent = virDomainSnapshotGetParent(snap, 0))) {
            if (!(name = strdup(virDomainSnapshotGetName(parent))))
                abort();
            virDomainSnapshotFree(parent);
            goto done;
        }
        if (shell_error_code(sh) == VIR_ERR_NO_DOMAIN_SNAPSHOT)
            goto done;
        snapshot_old_server = true;
    }
    if (!(xml = virDomainSnapshotGetXMLDesc(snap, 0)) ||
        !(name = shell_xml_string(sh, xml, snapshot_kind.url, snapshot_kind.xpath_parent))) {
        free(xml);
        shell_error_report(sh);
        shell_error(sh, "%s", "unable to determine if snapshot has parent");
        return false;
    }
    free(xml);
    if (!*name) {
        free(name);
        name = NULL;
    }

 done:
    shell_error_reset(sh);
    *ret_parent = name;
    return true;
}

/* Prints the Name … Location and Parent lines of snapshot-info. */
static bool
snapshot_info_xml(Shell *sh, virDomainSnapshotPtr snap)
{
    char *xml, *state = NULL, *memory = NULL, *external = NULL, *parent = NULL;
    bool ok = false, is_external;

    if (!(xml = virDomainSnapshotGetXMLDesc(snap, 0)))
        return false;
    if (!(memory = shell_xml_string(sh, xml, snapshot_kind.url, "boolean(/domainsnapshot/memory)")))
        goto cleanup;
    if (!(state = moment_xml_value(sh, &snapshot_kind, xml, "string(/domainsnapshot/state)"))) {
        shell_error(sh, "%s", "unexpected problem reading snapshot xml");
        goto cleanup;
    }
    shell_print(sh, "%-15s %s\n", "State:", state);
    if (strcmp(memory, "true") == 0) {
        if (!(external = shell_xml_string(sh, xml, snapshot_kind.url,
                                          "boolean(/domainsnapshot/memory[@snapshot='external'] "
                                          "| /domainsnapshot/disks/disk[@snapshot='external'])")))
            goto cleanup;
        is_external = strcmp(external, "true") == 0;
    } else {
        is_external = strcmp(state, "disk-snapshot") == 0;
    }
    shell_print(sh, "%-15s %s\n", "Location:", is_external ? "external" : "internal");
    parent = moment_xml_value(sh, &snapshot_kind, xml, "string(/domainsnapshot/parent/name)");
    shell_print(sh, "%-15s %s\n", "Parent:", parent ? parent : "-");
    ok = true;

 cleanup:
    free(parent);
    free(external);
    free(state);
    free(memory);
    free(xml);
    return ok;
}

static bool
snapshot_info_counts(Shell *sh, virDomainPtr dom, virDomainSnapshotPtr snap)
{
    int count, metadata;

    if (snapshot_old_server)
        return true;
    if ((count = virDomainSnapshotNumChildren(snap, 0)) < 0) {
        if (shell_error_code(sh) == VIR_ERR_NO_SUPPORT) {
            shell_error_reset(sh);
            return true;
        }
        return false;
    }
    shell_print(sh, "%-15s %d\n", "Children:", count);
    if ((count = virDomainSnapshotNumChildren(snap, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)) < 0)
        return false;
    shell_print(sh, "%-15s %d\n", "Descendants:", count);
    if ((metadata = virDomainSnapshotHasMetadata(snap, 0)) < 0) {
        metadata = virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_METADATA);
        shell_error_reset(sh);
    }
    if (metadata >= 0)
        shell_print(sh, "%-15s %s\n", "Metadata:", metadata ? "yes" : "no");
    return true;
}

static bool
snapshot_info(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, virDomainPtr dom,
              void *snap)
{
    int current;

    moment_info_head(sh, kind, dom, snap);
    if ((current = virDomainSnapshotIsCurrent(snap, 0)) < 0) {
        shell_error_reset(sh);
        current = 0;
    }
    shell_print(sh, "%-15s %s\n", "Current:", current > 0 ? "yes" : "no");
    return snapshot_info_xml(sh, snap) && snapshot_info_counts(sh, dom, snap);
}

static bool
cmd_snapshot_info(Shell *sh, const ShellCmd *cmd)
{
    return moment_run(sh, &snapshot_kind, cmd, snapshot_info);
}

static bool
cmd_snapshot_list(Shell *sh, const ShellCmd *cmd)
{
    return moment_list(sh, &snapshot_kind, cmd);
}

static bool
cmd_snapshot_dumpxml(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = shell_opt_bool(cmd, "security-info") ? VIR_DOMAIN_XML_SECURE : 0;
    virDomainSnapshotPtr snap = NULL;
    const char *name, *xpath = NULL;
    virDomainPtr dom;
    char *xml = NULL;
    bool ok = false;

    if (shell_opt_string(sh, cmd, "snapshotname", &name) < 0)
        return false;
    if (!(dom = snapshot_domain(sh, cmd, NULL)))
        return false;
    if ((snap = virDomainSnapshotLookupByName(dom, name, 0)) &&
        shell_opt_string_quiet(cmd, "xpath", &xpath) >= 0 &&
        (xml = virDomainSnapshotGetXMLDesc(snap, flags)))
        ok = shell_dump_xml(sh, xml, "domain-snapshot", xpath, shell_opt_bool(cmd, "wrap"));
    free(xml);
    if (snap)
        virDomainSnapshotFree(snap);
    virDomainFree(dom);
    return ok;
}

static bool
cmd_snapshot_parent(Shell *sh, const ShellCmd *cmd)
{
    return moment_run(sh, &snapshot_kind, cmd, moment_parent_print);
}

static bool
snapshot_revert(Shell *sh, const MomentKind *kind, const ShellCmd *cmd, virDomainPtr dom,
                void *snap)
{
    unsigned int flags = 0;
    int rc;

    if (shell_opt_bool(cmd, "running"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_RUNNING;
    if (shell_opt_bool(cmd, "paused"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_PAUSED;
    if (shell_opt_bool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_SNAPSHOT_REVERT_RESET_NVRAM;
    /* --force is sent only when the server says the revert is risky, so
     * that it also works with servers that do not know the flag */
    rc = virDomainRevertToSnapshot(snap, flags);
    if (rc < 0 && shell_opt_bool(cmd, "force") &&
        shell_error_code(sh) == VIR_ERR_SNAPSHOT_REVERT_RISKY) {
        shell_error_reset(sh);
        rc = virDomainRevertToSnapshot(snap, flags | VIR_DOMAIN_SNAPSHOT_REVERT_FORCE);
    }
    if (rc < 0)
        shell_error(sh, "Failed to revert snapshot %s", virDomainSnapshotGetName(snap));
    else
        shell_print_extra(sh, "Domain snapshot %s reverted\n", virDomainSnapshotGetName(snap));
    return rc >= 0;
}

static bool
cmd_snapshot_revert(Shell *sh, const ShellCmd *cmd)
{
    return moment_run(sh, &snapshot_kind, cmd, snapshot_revert);
}

static bool
cmd_snapshot_delete(Shell *sh, const ShellCmd *cmd)
{
    return moment_run(sh, &snapshot_kind, cmd, moment_delete);
}

/* A disk-only snapshot is redefined as one. */
static unsigned int
snapshot_edit_flags(const char *orig, unsigned int flags)
{
    if (strstr(orig, "<state>disk-snapshot</state>"))
        flags |= VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY;
    return flags;
}

/* After an edit that renamed the snapshot: keeps the copy (--clone), drops
 * the old name's metadata (--rename), or undoes the copy and refuses. */
static bool
snapshot_edit_renamed(Shell *sh, const ShellCmd *cmd, MomentEdit *ed, const char *name)
{
    const char *new_name = virDomainSnapshotGetName(ed->edited);
    bool rename = shell_opt_bool(cmd, "rename");

    if (shell_opt_bool(cmd, "clone")) {
        shell_print_extra(sh, "Snapshot %s cloned to %s.\n", name, new_name);
        return true;
    }
    if (virDomainSnapshotDelete(rename ? ed->m : ed->edited,
                                VIR_DOMAIN_SNAPSHOT_DELETE_METADATA_ONLY) < 0) {
        shell_error_report(sh);
        shell_error(sh, "Failed to clean up %s", rename ? name : new_name);
        return false;
    }
    if (!rename) {
        shell_error(sh, "Must use --rename or --clone to change %s to %s", name, new_name);
        return false;
    }
    return true;
}

static bool
cmd_snapshot_edit(Shell *sh, const ShellCmd *cmd)
{
    MomentEdit ed = {
        .kind = &snapshot_kind,
        .flags = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE,
        .xml_flags = VIR_DOMAIN_XML_SECURE,
        .define_flags = snapshot_edit_flags,
        .renamed = snapshot_edit_renamed,
    };
    bool ok = false;

    if (!shell_exclusive(sh, "rename", shell_opt_bool(cmd, "rename"), "clone",
                         shell_opt_bool(cmd, "clone")))
        return false;
    if (shell_opt_bool(cmd, "current") && shell_opt_bool(cmd, "snapshotname"))
        ed.flags |= VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;
    if (!(ed.dom = snapshot_domain(sh, cmd, NULL)))
        return false;
    if ((ed.m = moment_lookup(sh, &snapshot_kind, cmd, "snapshotname", false, ed.dom))) {
        ok = moment_edit(sh, cmd, &ed, ed.flags & VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT);
        virDomainSnapshotFree(ed.m);
    }
    virDomainFree(ed.dom);
    return ok;
}

#define OPTS_CREATE_COMMON \
    OPT_BOOL("no-metadata", "take snapshot but create no metadata"), \
    OPT_BOOL("halt", "halt domain after snapshot is created"), \
    OPT_BOOL("disk-only", "capture disk state but not vm state"), \
    OPT_BOOL("reuse-external", "reuse any existing external files"), \
    OPT_BOOL("quiesce", "quiesce guest's file systems"), \
    OPT_BOOL("atomic", "require atomic operation"), \
    OPT_BOOL("live", "take a live snapshot"), \
    OPT_BOOL("validate", "validate the XML against the schema")

static const ShellOptDef opts_snapshot_create[] = {
    OPT_DOMAIN,
    OPT_STRING("xmlfile", "domain snapshot XML"),
    OPT_BOOL("redefine", "redefine metadata for existing snapshot"),
    OPT_BOOL("current", "with redefine, set current snapshot"),
    OPTS_CREATE_COMMON,
    OPT_END,
};

static const ShellOptDef opts_snapshot_create_as[] = {
    OPT_DOMAIN,
    OPT_STRING("name", "name of snapshot"),
    OPT_STRING("description", "description of snapshot"),
    OPT_BOOL("print-xml", "print XML document rather than create"),
    OPTS_CREATE_COMMON,
    { "memspec", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "memory attributes: [file=]name[,snapshot=type]" },
    { "diskspec", SHELL_OPT_ARGV, 0,
      "disk attributes: disk[,snapshot=type][,driver=type][,stype=type][,file=name]" },
    OPT_END,
};

static const ShellOptDef opts_snapshot_current[] = {
    OPT_DOMAIN,
    OPT_BOOL("name", "list the name, rather than the full xml"),
    OPT_BOOL("security-info", "include security sensitive information in XML dump"),
    OPT_SNAPNAME("name of existing snapshot to make current"),
    OPT_END,
};

static const ShellOptDef opts_snapshot_delete[] = {
    OPT_DOMAIN,
    OPT_SNAPNAME("snapshot name"),
    OPT_BOOL("current", "delete current snapshot"),
    OPT_BOOL("children", "delete snapshot and all children"),
    OPT_BOOL("children-only", "delete children but not snapshot"),
    OPT_BOOL("metadata", "delete only libvirt metadata, leaving snapshot contents behind"),
    OPT_END,
};

static const ShellOptDef opts_snapshot_dumpxml[] = {
    OPT_DOMAIN,
    { "snapshotname", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "snapshot name" },
    OPT_BOOL("security-info", "include security sensitive information in XML dump"),
    { "xpath", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "xpath expression to filter the XML document" },
    OPT_BOOL("wrap", "wrap xpath results in an common root element"),
    OPT_END,
};

static const ShellOptDef opts_snapshot_edit[] = {
    OPT_DOMAIN,
    OPT_SNAPNAME("snapshot name"),
    OPT_BOOL("current", "also set edited snapshot as current"),
    OPT_BOOL("rename", "allow renaming an existing snapshot"),
    OPT_BOOL("clone", "allow cloning to new name"),
    OPT_END,
};

static const ShellOptDef opts_snapshot_info[] = {
    OPT_DOMAIN,
    OPT_SNAPNAME("snapshot name"),
    OPT_BOOL("current", "info on current snapshot"),
    OPT_END,
};

static const ShellOptDef opts_snapshot_list[] = {
    OPT_DOMAIN,
    OPT_BOOL("parent", "add a column showing parent snapshot"),
    OPT_BOOL("roots", "list only snapshots without parents"),
    OPT_BOOL("leaves", "list only snapshots without children"),
    OPT_BOOL("no-leaves", "list only snapshots that are not leaves (with children)"),
    OPT_BOOL("metadata", "list only snapshots that have metadata that would prevent undefine"),
    OPT_BOOL("no-metadata", "list only snapshots that have no metadata managed by libvirt"),
    OPT_BOOL("inactive", "filter by snapshots taken while inactive"),
    OPT_BOOL("active", "filter by snapshots taken while active (full system snapshots)"),
    OPT_BOOL("disk-only", "filter by disk-only snapshots"),
    OPT_BOOL("internal", "filter by internal snapshots"),
    OPT_BOOL("external", "filter by external snapshots"),
    OPT_BOOL("tree", "list snapshots in a tree"),
    OPT_STRING("from", "limit list to children of given snapshot"),
    OPT_BOOL("current", "limit list to children of current snapshot"),
    OPT_BOOL("descendants", "with --from, list all descendants"),
    OPT_BOOL("name", "list snapshot names only"),
    OPT_BOOL("topological", "sort list topologically rather than by name"),
    OPT_END,
};

static const ShellOptDef opts_snapshot_parent[] = {
    OPT_DOMAIN,
    OPT_SNAPNAME("find parent of snapshot name"),
    OPT_BOOL("current", "find parent of current snapshot"),
    OPT_END,
};

static const ShellOptDef opts_snapshot_revert[] = {
    OPT_DOMAIN,
    OPT_SNAPNAME("snapshot name"),
    OPT_BOOL("current", "revert to current snapshot"),
    OPT_BOOL("running", "after reverting, change state to running"),
    OPT_BOOL("paused", "after reverting, change state to paused"),
    OPT_BOOL("force", "try harder on risky reverts"),
    OPT_BOOL("reset-nvram", "re-initialize NVRAM from its pristine template"),
    OPT_END,
};

const ShellCmdDef shell_snapshot_cmds[] = {
    { "snapshot-create", cmd_snapshot_create, opts_snapshot_create, "Create a snapshot from XML",
      "Create a snapshot (disk and RAM) from XML", 0 },
    { "snapshot-create-as", cmd_snapshot_create_as, opts_snapshot_create_as,
      "Create a snapshot from a set of args", "Create a snapshot (disk and RAM) from arguments",
      0 },
    { "snapshot-current", cmd_snapshot_current, opts_snapshot_current,
      "Get or set the current snapshot", "Get or set the current snapshot", 0 },
    { "snapshot-delete", cmd_snapshot_delete, opts_snapshot_delete, "Delete a domain snapshot",
      "Snapshot Delete", 0 },
    { "snapshot-dumpxml", cmd_snapshot_dumpxml, opts_snapshot_dumpxml,
      "Dump XML for a domain snapshot", "Snapshot Dump XML", 0 },
    { "snapshot-edit", cmd_snapshot_edit, opts_snapshot_edit, "edit XML for a snapshot",
      "Edit the domain snapshot XML for a named snapshot", 0 },
    { "snapshot-info", cmd_snapshot_info, opts_snapshot_info, "snapshot information",
      "Returns basic information about a snapshot.", 0 },
    { "snapshot-list", cmd_snapshot_list, opts_snapshot_list, "List snapshots for a domain",
      "Snapshot List", 0 },
    { "snapshot-parent", cmd_snapshot_parent, opts_snapshot_parent,
      "Get the name of the parent of a snapshot", "Extract the snapshot's parent, if any", 0 },
    { "snapshot-revert", cmd_snapshot_revert, opts_snapshot_revert,
      "Revert a domain to a snapshot", "Revert domain to snapshot", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
