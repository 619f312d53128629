/*
 * cmd_pool_edit.c: the "Storage Pool" commands that change pools or ask the
 * hypervisor about them: define and create (from a file or from options),
 * build, start, destroy, delete, undefine, refresh, autostart, name/uuid
 * conversion, source discovery, the storage pool capabilities and
 * pool-edit (through the shared editor session, output.c).
 *
 * Every message, its stream and its order follow virsh 9.0: a failed call
 * prints virsh's own line at once ("Failed to start pool x") and the
 * library's reason when the command ends (run.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shell.h"

#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_STRING(name, help) { name, SHELL_OPT_STRING, 0, help }
#define OPT_POOL { "pool", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "pool name or uuid" }
#define OPT_FILE { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ, \
                   "file containing an XML pool description" }
#define OPT_BUILD OPT_BOOL("build", "build the pool as normal")
#define OPT_NO_OVERWRITE OPT_BOOL("no-overwrite", "do not overwrite any existing data")
#define OPT_OVERWRITE OPT_BOOL("overwrite", "overwrite any existing data")
#define OPT_END { NULL, 0, 0, NULL }

/* ---- lookups -------------------------------------------------------------- */

/* Looks the "pool" option up only one way, as pool-name (by UUID) and
 * pool-uuid (by name) do. Returns an owned handle, or NULL after reporting
 * "failed to get pool" (the library's reason, if a lookup ran, stays kept). */
static virStoragePoolPtr
shell_pool_lookup_one_way(Shell *sh, const ShellCmd *cmd, bool by_uuid)
{
    virStoragePoolPtr pool = NULL;
    const char *word;

    if (shell_opt_string(sh, cmd, "pool", &word) < 0 || !word)
        return NULL;
    if (by_uuid && strlen(word) == VIR_UUID_STRING_BUFLEN - 1)
        pool = virStoragePoolLookupByUUIDString(sh->conn, word);
    else if (!by_uuid)
        pool = virStoragePoolLookupByName(sh->conn, word);
    if (!pool) {
        shell_error_save(sh);
        shell_error(sh, "failed to get pool '%s'", word);
    }
    return pool;
}

static bool
cmd_pool_name(Shell *sh, const ShellCmd *cmd)
{
    virStoragePoolPtr pool = shell_pool_lookup_one_way(sh, cmd, true);

    if (!pool)
        return false;
    shell_print(sh, "%s\n", virStoragePoolGetName(pool));
    virStoragePoolFree(pool);
    return true;
}

/* virsh reports a UUID it cannot format but still counts the command as
 * done; so does vireo. */
static bool
cmd_pool_uuid(Shell *sh, const ShellCmd *cmd)
{
    virStoragePoolPtr pool = shell_pool_lookup_one_way(sh, cmd, false);
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!pool)
        return false;
    if (virStoragePoolGetUUIDString(pool, uuid) != -1)
        shell_print(sh, "%s\n", uuid);
    else
        shell_error(sh, "%s", "failed to get pool UUID");
    virStoragePoolFree(pool);
    return true;
}

/* ---- build flags ---------------------------------------------------------- */

/* The VIR_STORAGE_POOL_CREATE_WITH_BUILD* flags of --build, --overwrite and
 * --no-overwrite (the last two exclude each other). Returns false after
 * reporting both overwrite options. */
static bool
shell_pool_create_flags(Shell *sh, const ShellCmd *cmd, unsigned int *ret_flags)
{
    bool overwrite = shell_opt_bool(cmd, "overwrite");
    bool no_overwrite = shell_opt_bool(cmd, "no-overwrite");
    unsigned int flags = 0;

    if (!shell_exclusive(sh, "overwrite", overwrite, "no-overwrite", no_overwrite))
        return false;
    if (shell_opt_bool(cmd, "build"))
        flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD;
    if (overwrite)
        flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE;
    if (no_overwrite)
        flags |= VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE;
    *ret_flags = flags;
    return true;
}

/* ---- one pool, one action ------------------------------------------------- */

/* What an action returns besides 0 (done) and -1 (the call failed): the
 * command's options were refused and the refusal is already reported. */
#define SHELL_POOL_REFUSED (-2)

static int
shell_pool_do_start(Shell *sh, const ShellCmd *cmd, virStoragePoolPtr pool)
{
    unsigned int flags;

    if (!shell_pool_create_flags(sh, cmd, &flags))
        return SHELL_POOL_REFUSED;
    return virStoragePoolCreate(pool, flags);
}

/* pool-build passes both overwrite flags on and lets the driver refuse
 * the pair, as virsh does. */
static int
shell_pool_do_build(Shell *sh, const ShellCmd *cmd, virStoragePoolPtr pool)
{
    unsigned int flags = 0;

    (void)sh;
    if (shell_opt_bool(cmd, "no-overwrite"))
        flags |= VIR_STORAGE_POOL_BUILD_NO_OVERWRITE;
    if (shell_opt_bool(cmd, "overwrite"))
        flags |= VIR_STORAGE_POOL_BUILD_OVERWRITE;
    return virStoragePoolBuild(pool, flags);
}

static int
shell_pool_do_destroy(Shell *sh, const ShellCmd *cmd, virStoragePoolPtr pool)
{
    (void)sh;
    (void)cmd;
    return virStoragePoolDestroy(pool);
}

static int
shell_pool_do_delete(Shell *sh, const ShellCmd *cmd, virStoragePoolPtr pool)
{
    (void)sh;
    (void)cmd;
    return virStoragePoolDelete(pool, 0);
}

static int
shell_pool_do_undefine(Shell *sh, const ShellCmd *cmd, virStoragePoolPtr pool)
{
    (void)sh;
    (void)cmd;
    return virStoragePoolUndefine(pool);
}

static int
shell_pool_do_refresh(Shell *sh, const ShellCmd *cmd, virStoragePoolPtr pool)
{
    (void)sh;
    (void)cmd;
    return virStoragePoolRefresh(pool, 0);
}

/* The commands that look one pool up and run one call on it; they differ
 * only in the call and the two words of their messages ("Pool x <done>",
 * "Failed to <verb> pool x"). */
static const struct {
    const char *cmd;
    int (*run)(Shell *sh, const ShellCmd *cmd, virStoragePoolPtr pool);
    const char *done;
    const char *verb;
} pool_actions[] = {
    { "pool-build", shell_pool_do_build, "built", "build" },
    { "pool-delete", shell_pool_do_delete, "deleted", "delete" },
    { "pool-destroy", shell_pool_do_destroy, "destroyed", "destroy" },
    { "pool-refresh", shell_pool_do_refresh, "refreshed", "refresh" },
    { "pool-start", shell_pool_do_start, "started", "start" },
    { "pool-undefine", shell_pool_do_undefine, "has been undefined", "undefine" },
};

static bool
cmd_pool_action(Shell *sh, const ShellCmd *cmd)
{
    size_t i, n = sizeof(pool_actions) / sizeof(pool_actions[0]);
    virStoragePoolPtr pool;
    const char *name;
    int rc;

    for (i = 0; i < n && strcmp(pool_actions[i].cmd, cmd->def->name) != 0; i++)
        ;
    if (i == n || !(pool = shell_pool_lookup(sh, cmd, &name)))
        return false;
    rc = pool_actions[i].run(sh, cmd, pool);
    if (rc == 0) {
        shell_print_extra(sh, "Pool %s %s\n", name, pool_actions[i].done);
    } else if (rc == -1) {
        shell_error_save(sh);
        shell_error(sh, "Failed to %s pool %s", pool_actions[i].verb, name);
    }
    virStoragePoolFree(pool);
    return rc == 0;
}

static bool
cmd_pool_autostart(Shell *sh, const ShellCmd *cmd)
{
    bool enable = !shell_opt_bool(cmd, "disable");
    virStoragePoolPtr pool;
    const char *name;
    bool ok;

    if (!(pool = shell_pool_lookup(sh, cmd, &name)))
        return false;
    ok = virStoragePoolSetAutostart(pool, enable) == 0;
    if (ok) {
        shell_print_extra(sh, "Pool %s %s as autostarted\n", name,
                          enable ? "marked" : "unmarked");
    } else {
        shell_error_save(sh);
        shell_error(sh, "failed to %s pool %s as autostarted", enable ? "mark" : "unmark", name);
    }
    virStoragePoolFree(pool);
    return ok;
}

/* ---- define and create from a file --------------------------------------- */

static bool
cmd_pool_define(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = shell_opt_bool(cmd, "validate") ? VIR_STORAGE_POOL_DEFINE_VALIDATE : 0;
    virStoragePoolPtr pool;
    const char *from;
    char *xml;

    if (shell_opt_string(sh, cmd, "file", &from) < 0 || !from ||
        !(xml = shell_read_file(sh, from)))
        return false;
    pool = virStoragePoolDefineXML(sh->conn, xml, flags);
    free(xml);
    if (!pool) {
        shell_error_save(sh);
        shell_error(sh, "Failed to define pool from %s", from);
        return false;
    }
    shell_print_extra(sh, "Pool %s defined from %s\n", virStoragePoolGetName(pool), from);
    virStoragePoolFree(pool);
    return true;
}

static bool
cmd_pool_create(Shell *sh, const ShellCmd *cmd)
{
    virStoragePoolPtr pool;
    unsigned int flags;
    const char *from;
    char *xml;

    if (shell_opt_string(sh, cmd, "file", &from) < 0 || !from ||
        !shell_pool_create_flags(sh, cmd, &flags) || !(xml = shell_read_file(sh, from)))
        return false;
    pool = virStoragePoolCreateXML(sh->conn, xml, flags);
    free(xml);
    if (!pool) {
        shell_error_save(sh);
        shell_error(sh, "Failed to create pool from %s", from);
        return false;
    }
    shell_print_extra(sh, "Pool %s created from %s\n", virStoragePoolGetName(pool), from);
    virStoragePoolFree(pool);
    return true;
}

/* ---- define and create from options --------------------------------------- */

/* The options pool-define-as and pool-create-as turn into XML, in the order
 * virsh reads (and so validates) them. */
enum {
    POOL_X_HOST, POOL_X_PATH, POOL_X_DEV, POOL_X_SRCNAME, POOL_X_FORMAT, POOL_X_TARGET,
    POOL_X_AUTH_TYPE, POOL_X_AUTH_USER, POOL_X_SECRET_USAGE, POOL_X_SECRET_UUID,
    POOL_X_ADAPTER_NAME, POOL_X_WWNN, POOL_X_WWPN, POOL_X_PARENT, POOL_X_PARENT_WWNN,
    POOL_X_PARENT_WWPN, POOL_X_PARENT_FABRIC, POOL_X_PROTO_VER, POOL_X_INITIATOR,
    POOL_X_COUNT,
};

static const char *const pool_x_names[POOL_X_COUNT] = {
    [POOL_X_HOST] = "source-host",
    [POOL_X_PATH] = "source-path",
    [POOL_X_DEV] = "source-dev",
    [POOL_X_SRCNAME] = "source-name",
    [POOL_X_FORMAT] = "source-format",
    [POOL_X_TARGET] = "target",
    [POOL_X_AUTH_TYPE] = "auth-type",
    [POOL_X_AUTH_USER] = "auth-username",
    [POOL_X_SECRET_USAGE] = "secret-usage",
    [POOL_X_SECRET_UUID] = "secret-uuid",
    [POOL_X_ADAPTER_NAME] = "adapter-name",
    [POOL_X_WWNN] = "adapter-wwnn",
    [POOL_X_WWPN] = "adapter-wwpn",
    [POOL_X_PARENT] = "adapter-parent",
    [POOL_X_PARENT_WWNN] = "adapter-parent-wwnn",
    [POOL_X_PARENT_WWPN] = "adapter-parent-wwpn",
    [POOL_X_PARENT_FABRIC] = "adapter-parent-fabric-wwn",
    [POOL_X_PROTO_VER] = "source-protocol-ver",
    [POOL_X_INITIATOR] = "source-initiator",
};

/* The <adapter/> line of a pool source: fc_host when both WWNs are given
 * (with at most one way of naming the parent), else scsi_host by name. */
static void
shell_pool_xml_adapter(FILE *f, const char *const *v)
{
    if (v[POOL_X_WWNN] && v[POOL_X_WWPN]) {
        fputs("    <adapter type='fc_host'", f);
        if (v[POOL_X_PARENT])
            fprintf(f, " parent='%s'", v[POOL_X_PARENT]);
        else if (v[POOL_X_PARENT_WWNN] && v[POOL_X_PARENT_WWPN])
            fprintf(f, " parent_wwnn='%s' parent_wwpn='%s'", v[POOL_X_PARENT_WWNN],
                    v[POOL_X_PARENT_WWPN]);
        else if (v[POOL_X_PARENT_FABRIC])
            fprintf(f, " parent_fabric_wwn='%s'", v[POOL_X_PARENT_FABRIC]);
        fprintf(f, " wwnn='%s' wwpn='%s'/>\n", v[POOL_X_WWNN], v[POOL_X_WWPN]);
    } else if (v[POOL_X_ADAPTER_NAME]) {
        fprintf(f, "    <adapter type='scsi_host' name='%s'/>\n", v[POOL_X_ADAPTER_NAME]);
    }
}

/* The <source> element, written only when some option fills it. Values go
 * in verbatim, as virsh puts them (the daemon's parser judges them). */
static void
shell_pool_xml_source(FILE *f, const char *const *v)
{
    if (!v[POOL_X_HOST] && !v[POOL_X_PATH] && !v[POOL_X_DEV] && !v[POOL_X_INITIATOR] &&
        !v[POOL_X_FORMAT] && !v[POOL_X_SRCNAME] && !(v[POOL_X_WWNN] && v[POOL_X_WWPN]) &&
        !v[POOL_X_ADAPTER_NAME])
        return;
    fputs("  <source>\n", f);
    if (v[POOL_X_HOST])
        fprintf(f, "    <host name='%s'/>\n", v[POOL_X_HOST]);
    if (v[POOL_X_PATH])
        fprintf(f, "    <dir path='%s'/>\n", v[POOL_X_PATH]);
    if (v[POOL_X_DEV])
        fprintf(f, "    <device path='%s'/>\n", v[POOL_X_DEV]);
    if (v[POOL_X_INITIATOR])
        fprintf(f, "    <initiator>\n      <iqn name='%s'/>\n    </initiator>\n",
                v[POOL_X_INITIATOR]);
    shell_pool_xml_adapter(f, v);
    if (v[POOL_X_AUTH_TYPE] && v[POOL_X_AUTH_USER] &&
        (v[POOL_X_SECRET_USAGE] || v[POOL_X_SECRET_UUID])) {
        fprintf(f, "    <auth type='%s' username='%s'>\n", v[POOL_X_AUTH_TYPE],
                v[POOL_X_AUTH_USER]);
        if (v[POOL_X_SECRET_USAGE])
            fprintf(f, "      <secret usage='%s'/>\n", v[POOL_X_SECRET_USAGE]);
        else
            fprintf(f, "      <secret uuid='%s'/>\n", v[POOL_X_SECRET_UUID]);
        fputs("    </auth>\n", f);
    }
    if (v[POOL_X_FORMAT])
        fprintf(f, "    <format type='%s'/>\n", v[POOL_X_FORMAT]);
    if (v[POOL_X_SRCNAME])
        fprintf(f, "    <name>%s</name>\n", v[POOL_X_SRCNAME]);
    if (v[POOL_X_PROTO_VER])
        fprintf(f, "    <protocol ver='%s'/>\n", v[POOL_X_PROTO_VER]);
    fputs("  </source>\n", f);
}

/* Builds the pool XML of pool-define-as / pool-create-as. Returns the new
 * document (caller frees) with *ret_name set to the pool's name, or NULL
 * after reporting a refused option. */
static char *
shell_pool_xml_build(Shell *sh, const ShellCmd *cmd, const char **ret_name)
{
    const char *name, *type, *v[POOL_X_COUNT];
    char *xml = NULL;
    size_t len = 0;
    FILE *f;

    if (!shell_exclusive(sh, "secret-usage", shell_opt_bool(cmd, "secret-usage"),
                         "secret-uuid", shell_opt_bool(cmd, "secret-uuid")) ||
        shell_opt_string(sh, cmd, "name", &name) < 0 || !name ||
        shell_opt_string(sh, cmd, "type", &type) < 0 || !type)
        return NULL;
    for (size_t i = 0; i < POOL_X_COUNT; i++) {
        if (shell_opt_string(sh, cmd, pool_x_names[i], &v[i]) < 0)
            return NULL;
    }
    if (!(f = open_memstream(&xml, &len)))
        abort();
    fprintf(f, "<pool type='%s'>\n  <name>%s</name>\n", type, name);
    shell_pool_xml_source(f, v);
    if (v[POOL_X_TARGET])
        fprintf(f, "  <target>\n    <path>%s</path>\n  </target>\n", v[POOL_X_TARGET]);
    fputs("</pool>\n", f);
    if (fclose(f) != 0)
        abort();
    *ret_name = name;
    return xml;
}

static bool
cmd_pool_define_as(Shell *sh, const ShellCmd *cmd)
{
    virStoragePoolPtr pool;
    const char *name;
    char *xml;

    if (!(xml = shell_pool_xml_build(sh, cmd, &name)))
        return false;
    if (shell_opt_bool(cmd, "print-xml")) {
        shell_print(sh, "%s", xml);
        free(xml);
        return true;
    }
    pool = virStoragePoolDefineXML(sh->conn, xml, 0);
    free(xml);
    if (!pool) {
        shell_error_save(sh);
        shell_error(sh, "Failed to define pool %s", name);
        return false;
    }
    shell_print_extra(sh, "Pool %s defined\n", name);
    virStoragePoolFree(pool);
    return true;
}

static bool
cmd_pool_create_as(Shell *sh, const ShellCmd *cmd)
{
    virStoragePoolPtr pool;
    unsigned int flags;
    const char *name;
    char *xml;

    if (!shell_pool_create_flags(sh, cmd, &flags) || !(xml = shell_pool_xml_build(sh, cmd, &name)))
        return false;
    if (shell_opt_bool(cmd, "print-xml")) {
        shell_print(sh, "%s", xml);
        free(xml);
        return true;
    }
    pool = virStoragePoolCreateXML(sh->conn, xml, flags);
    free(xml);
    if (!pool) {
        shell_error_save(sh);
        shell_error(sh, "Failed to create pool %s", name);
        return false;
    }
    shell_print_extra(sh, "Pool %s created\n", name);
    virStoragePoolFree(pool);
    return true;
}

/* ---- source discovery ----------------------------------------------------- */

/* Asks for the sources of @type given an optional <source> query, and
 * prints the daemon's <sources> document as it comes. */
static bool
shell_pool_find_sources(Shell *sh, const char *type, const char *spec)
{
    char *list = virConnectFindStoragePoolSources(sh->conn, type, spec, 0);

    if (!list) {
        shell_error_save(sh);
        shell_error(sh, "Failed to find any %s pool sources", type);
        return false;
    }
    shell_print(sh, "%s", list);
    free(list);
    return true;
}

static bool
cmd_find_sources(Shell *sh, const ShellCmd *cmd)
{
    const char *type, *file;
    char *spec = NULL;
    bool ok;

    if (shell_opt_string(sh, cmd, "type", &type) < 0 || !type ||
        shell_opt_string(sh, cmd, "srcSpec", &file) < 0)
        return false;
    if (file && !(spec = shell_read_file(sh, file)))
        return false;
    ok = shell_pool_find_sources(sh, type, spec);
    free(spec);
    return ok;
}

/* The query document of find-storage-pool-sources-as: a host (with an
 * optional port) and an optional initiator; no host, no query. */
static bool
cmd_find_sources_as(Shell *sh, const ShellCmd *cmd)
{
    const char *type, *host, *initiator, *port;
    char *spec = NULL;
    size_t len = 0;
    bool ok;
    FILE *f;

    if (shell_opt_string(sh, cmd, "type", &type) < 0 || !type ||
        shell_opt_string(sh, cmd, "host", &host) < 0 ||
        shell_opt_string(sh, cmd, "initiator", &initiator) < 0)
        return false;
    if (host) {
        if (shell_opt_string(sh, cmd, "port", &port) < 0) {
            shell_error(sh, "%s", "missing argument");
            return false;
        }
        if (!(f = open_memstream(&spec, &len)))
            abort();
        fprintf(f, "<source>\n  <host name='%s'", host);
        if (port)
            fprintf(f, " port='%s'", port);
        fputs("/>\n", f);
        if (initiator)
            fprintf(f, "  <initiator>\n    <iqn name='%s'/>\n  </initiator>\n", initiator);
        fputs("</source>\n", f);
        if (fclose(f) != 0)
            abort();
    }
    ok = shell_pool_find_sources(sh, type, spec);
    free(spec);
    return ok;
}

/* ---- capabilities --------------------------------------------------------- */

static bool
cmd_pool_capabilities(Shell *sh, const ShellCmd *cmd)
{
    char *caps;

    (void)cmd;
    if (!(caps = virConnectGetStoragePoolCapabilities(sh->conn, 0))) {
        shell_error_save(sh);
        shell_error(sh, "%s", "failed to get storage pool capabilities");
        return false;
    }
    shell_print(sh, "%s\n", caps);
    free(caps);
    return true;
}

/* ---- pool-edit -------------------------------------------------------------- */

/* One pool-edit session (shell_edit_xml's opaque). */
typedef struct ShellPoolEdit {
    Shell *sh;
    virStoragePoolPtr pool;   /* the pool edited (borrowed) */
    unsigned int flags;       /* VIR_STORAGE_XML_INACTIVE unless the daemon refuses it */
    virStoragePoolPtr edited; /* owned; the pool as redefined, or NULL */
    bool refused;             /* the definition failed without a terminal to ask at */
} ShellPoolEdit;

static char *
shell_pool_edit_get(void *opaque)
{
    ShellPoolEdit *ed = opaque;

    return virStoragePoolGetXMLDesc(ed->pool, ed->flags);
}

/* Without a terminal virsh cannot offer to edit again: it prints "Failed."
 * and then carries on as if the pool were defined (reporting it edited, as
 * "(null)", with the command succeeding). So a failure away from a terminal
 * is recorded here and handed to the session as success, and
 * cmd_pool_edit() finishes as virsh does; at a terminal the session asks. */
static bool
shell_pool_edit_define(void *opaque, const char *orig, const char *edited)
{
    ShellPoolEdit *ed = opaque;

    (void)orig;
    if (ed->edited)
        virStoragePoolFree(ed->edited);
    if ((ed->edited = virStoragePoolDefineXML(ed->sh->conn, edited, 0)))
        return true;
    shell_error_save(ed->sh);
    if (isatty(STDIN_FILENO))
        return false;
    ed->refused = true;
    return true;
}

static bool
cmd_pool_edit(Shell *sh, const ShellCmd *cmd)
{
    ShellPoolEdit ed = { .sh = sh, .flags = VIR_STORAGE_XML_INACTIVE };
    const char *name;
    char *probe;
    bool ok = false;
    int rc;

    if (!(ed.pool = shell_pool_lookup(sh, cmd, NULL)))
        return false;
    /* daemons that do not know the inactive flag get asked without it */
    if (!(probe = virStoragePoolGetXMLDesc(ed.pool, ed.flags))) {
        shell_error_save(sh);
        if (shell_error_code(sh) != VIR_ERR_INVALID_ARG)
            goto cleanup;
        shell_error_reset(sh);
        ed.flags = 0;
    }
    free(probe);
    rc = shell_edit_xml(sh, shell_pool_edit_get, shell_pool_edit_define, &ed, false);
    if (rc == SHELL_EDIT_FAILED)
        goto cleanup;
    if (rc == SHELL_EDIT_UNCHANGED) {
        shell_print_extra(sh, "Pool %s XML configuration not changed.\n",
                          virStoragePoolGetName(ed.pool));
        ok = true;
        goto cleanup;
    }
    if (ed.refused) {
        shell_error(sh, "%s", "Failed.");
        shell_error_reset(sh);
    }
    name = ed.edited ? virStoragePoolGetName(ed.edited) : NULL;
    shell_print_extra(sh, "Pool %s XML configuration edited.\n", name ? name : "(null)");
    ok = true;

 cleanup:
    if (ed.edited)
        virStoragePoolFree(ed.edited);
    virStoragePoolFree(ed.pool);
    return ok;
}

/* ---- the table ------------------------------------------------------------ */

static const ShellOptDef opts_pool_only[] = {
    OPT_POOL,
    OPT_END,
};

static const ShellOptDef opts_pool_autostart[] = {
    OPT_POOL,
    OPT_BOOL("disable", "disable autostarting"),
    OPT_END,
};

static const ShellOptDef opts_pool_build[] = {
    OPT_POOL,
    OPT_NO_OVERWRITE,
    OPT_OVERWRITE,
    OPT_END,
};

static const ShellOptDef opts_pool_start[] = {
    OPT_POOL,
    OPT_BUILD,
    OPT_NO_OVERWRITE,
    OPT_OVERWRITE,
    OPT_END,
};

static const ShellOptDef opts_pool_create[] = {
    OPT_FILE,
    OPT_BUILD,
    OPT_NO_OVERWRITE,
    OPT_OVERWRITE,
    OPT_END,
};

static const ShellOptDef opts_pool_define[] = {
    OPT_FILE,
    OPT_BOOL("validate", "validate the XML against the schema"),
    OPT_END,
};

#define OPTS_POOL_X_AS \
    { "name", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "name of the pool" }, \
    { "type", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "type of the pool" }, \
    OPT_BOOL("print-xml", "print XML document, but don't define/create"), \
    OPT_STRING("source-host", "source-host for underlying storage"), \
    OPT_STRING("source-path", "source path for underlying storage"), \
    OPT_STRING("source-dev", "source device for underlying storage"), \
    OPT_STRING("source-name", "source name for underlying storage"), \
    OPT_STRING("target", "target for underlying storage"), \
    OPT_STRING("source-format", "format for underlying storage"), \
    OPT_STRING("auth-type", "auth type to be used for underlying storage"), \
    OPT_STRING("auth-username", "auth username to be used for underlying storage"), \
    OPT_STRING("secret-usage", "auth secret usage to be used for underlying storage"), \
    OPT_STRING("secret-uuid", "auth secret UUID to be used for underlying storage"), \
    OPT_STRING("adapter-name", "adapter name to be used for underlying storage"), \
    OPT_STRING("adapter-wwnn", "adapter wwnn to be used for underlying storage"), \
    OPT_STRING("adapter-wwpn", "adapter wwpn to be used for underlying storage"), \
    OPT_STRING("adapter-parent", \
               "adapter parent scsi_hostN to be used for underlying vHBA storage"), \
    OPT_STRING("adapter-parent-wwnn", \
               "adapter parent scsi_hostN wwnn to be used for underlying vHBA storage"), \
    OPT_STRING("adapter-parent-wwpn", \
               "adapter parent scsi_hostN wwpn to be used for underlying vHBA storage"), \
    OPT_STRING("adapter-parent-fabric-wwn", \
               "adapter parent scsi_hostN fabric_wwn to be used for underlying vHBA storage"), \
    OPT_STRING("source-protocol-ver", "nfsvers value for NFS pool mount option"), \
    OPT_STRING("source-initiator", "initiator iqn for underlying storage")

static const ShellOptDef opts_pool_define_as[] = {
    OPTS_POOL_X_AS,
    OPT_END,
};

static const ShellOptDef opts_pool_create_as[] = {
    OPTS_POOL_X_AS,
    OPT_BUILD,
    OPT_NO_OVERWRITE,
    OPT_OVERWRITE,
    OPT_END,
};

static const ShellOptDef opts_find_sources[] = {
    { "type", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "type of storage pool sources to discover" },
    OPT_STRING("srcSpec", "optional file of source xml to query for pools"),
    OPT_END,
};

static const ShellOptDef opts_find_sources_as[] = {
    { "type", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "type of storage pool sources to find" },
    OPT_STRING("host", "optional host to query"),
    OPT_STRING("port", "optional port to query"),
    OPT_STRING("initiator", "optional initiator IQN to use for query"),
    OPT_END,
};

const ShellCmdDef shell_pool_edit_cmds[] = {
    { "find-storage-pool-sources", cmd_find_sources, opts_find_sources,
      "discover potential storage pool sources", "Returns XML <sources> document.", 0 },
    { "find-storage-pool-sources-as", cmd_find_sources_as, opts_find_sources_as,
      "find potential storage pool sources", "Returns XML <sources> document.", 0 },
    { "pool-autostart", cmd_pool_autostart, opts_pool_autostart, "autostart a pool",
      "Configure a pool to be automatically started at boot.", 0 },
    { "pool-build", cmd_pool_action, opts_pool_build, "build a pool", "Build a given pool.", 0 },
    { "pool-capabilities", cmd_pool_capabilities, NULL, "storage pool capabilities",
      "Returns capabilities of storage pool support.", 0 },
    { "pool-create", cmd_pool_create, opts_pool_create, "create a pool from an XML file",
      "Create a pool.", 0 },
    { "pool-create-as", cmd_pool_create_as, opts_pool_create_as,
      "create a pool from a set of args", "Create a pool.", 0 },
    { "pool-define", cmd_pool_define, opts_pool_define,
      "define an inactive persistent storage pool or modify an existing persistent one "
      "from an XML file",
      "Define or modify a persistent storage pool.", 0 },
    { "pool-define-as", cmd_pool_define_as, opts_pool_define_as,
      "define a pool from a set of args", "Define a pool.", 0 },
    { "pool-delete", cmd_pool_action, opts_pool_only, "delete a pool", "Delete a given pool.", 0 },
    { "pool-destroy", cmd_pool_action, opts_pool_only, "destroy (stop) a pool",
      "Forcefully stop a given pool. Raw data in the pool is untouched", 0 },
    { "pool-edit", cmd_pool_edit, opts_pool_only, "edit XML configuration for a storage pool",
      "Edit the XML configuration for a storage pool.", 0 },
    { "pool-name", cmd_pool_name, opts_pool_only, "convert a pool UUID to pool name", "", 0 },
    { "pool-refresh", cmd_pool_action, opts_pool_only, "refresh a pool",
      "Refresh a given pool.", 0 },
    { "pool-start", cmd_pool_action, opts_pool_start,
      "start a (previously defined) inactive pool", "Start a pool.", 0 },
    { "pool-undefine", cmd_pool_action, opts_pool_only, "undefine an inactive pool",
      "Undefine the configuration for an inactive pool.", 0 },
    { "pool-uuid", cmd_pool_uuid, opts_pool_only, "convert a pool name to pool UUID", "", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
