/*
 * cmd_domain_info.c: commands that show domains: dominfo, domstate, list
 * ("Domain Monitoring") and domid, domname, domuuid, dumpxml.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shell.h"

#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_END { NULL, 0, 0, NULL }
#define BY_ANY (SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME)

bool cmd_domid(Shell *sh, const ShellCmd *cmd);
bool cmd_domname(Shell *sh, const ShellCmd *cmd);
bool cmd_domuuid(Shell *sh, const ShellCmd *cmd);
bool cmd_dumpxml(Shell *sh, const ShellCmd *cmd);

/* The state of a domain, or -1 (error kept). */
static int
shell_domain_state(Shell *sh, virDomainPtr dom, int *ret_reason)
{
    int state, reason = -1;

    if (virDomainGetState(dom, &state, &reason, 0) < 0) {
        virDomainInfo info;

        shell_error_save(sh);
        if (shell_error_code(sh) != VIR_ERR_NO_SUPPORT || virDomainGetInfo(dom, &info) < 0)
            return -1;
        shell_error_reset(sh);
        state = info.state;
    }
    if (ret_reason)
        *ret_reason = reason;
    return state;
}

static void
shell_print_yes_no(Shell *sh, const char *label, int value)
{
    shell_print(sh, "%-15s %s\n", label, value < 0 ? "unknown" : value ? "yes" : "no");
}

/* The security model and label lines of dominfo. Returns false when the
 * node or the domain refused to tell. */
static bool
shell_dominfo_security(Shell *sh, virDomainPtr dom)
{
    virSecurityModel model;
    virSecurityLabel label;

    memset(&model, 0, sizeof(model));
    if (virNodeGetSecurityModel(sh->conn, &model) < 0) {
        shell_error_save(sh);
        if (shell_error_code(sh) != VIR_ERR_NO_SUPPORT)
            return false;
        shell_error_reset(sh);
        return true;
    }
    if (!model.model[0])
        return true;
    shell_print(sh, "%-15s %s\n", "Security model:", model.model);
    shell_print(sh, "%-15s %s\n", "Security DOI:", model.doi);
    memset(&label, 0, sizeof(label));
    if (virDomainGetSecurityLabel(dom, &label) < 0) {
        shell_error_save(sh);
        return false;
    }
    if (label.label[0])
        shell_print(sh, "%-15s %s (%s)\n", "Security label:", label.label,
                    label.enforcing ? "enforcing" : "permissive");
    return true;
}

/* The lines of dominfo that come from virDomainGetInfo. Returns false
 * (error kept) when the call failed; the other lines still get printed. */
static bool
shell_dominfo_info(Shell *sh, virDomainPtr dom)
{
    virDomainInfo info;

    if (virDomainGetInfo(dom, &info) < 0) {
        shell_error_save(sh);
        return false;
    }
    shell_print(sh, "%-15s %s\n", "State:", shell_domain_state_str(info.state));
    shell_print(sh, "%-15s %d\n", "CPU(s):", info.nrVirtCpu);
    if (info.cpuTime != 0)
        shell_print(sh, "%-15s %.1lfs\n", "CPU time:", info.cpuTime / 1000000000.0);
    if (info.maxMem != UINT_MAX)
        shell_print(sh, "%-15s %lu KiB\n", "Max memory:", info.maxMem);
    else
        shell_print(sh, "%-15s %s\n", "Max memory:", "no limit");
    shell_print(sh, "%-15s %lu KiB\n", "Used memory:", info.memory);
    return true;
}

/* The "Messages:" lines (tainting and deprecation notes), if any. */
static void
shell_dominfo_messages(Shell *sh, virDomainPtr dom)
{
    char **msgs = NULL;
    int n = virDomainGetMessages(dom, &msgs, 0);

    for (int i = 0; i < n && msgs[i]; i++) {
        shell_print(sh, "%-15s %s\n", i == 0 ? "Messages:" : "", msgs[i]);
        free(msgs[i]);
    }
    free(msgs);
}

static bool
cmd_dominfo(Shell *sh, const ShellCmd *cmd)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainPtr dom;
    unsigned int id;
    char *ostype;
    int autostart;
    bool ret;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((id = virDomainGetID(dom)) == (unsigned int)-1)
        shell_print(sh, "%-15s %s\n", "Id:", "-");
    else
        shell_print(sh, "%-15s %d\n", "Id:", (int)id);
    shell_print(sh, "%-15s %s\n", "Name:", virDomainGetName(dom));
    if (virDomainGetUUIDString(dom, uuid) == 0)
        shell_print(sh, "%-15s %s\n", "UUID:", uuid);
    if ((ostype = virDomainGetOSType(dom)))
        shell_print(sh, "%-15s %s\n", "OS Type:", ostype);
    free(ostype);
    ret = shell_dominfo_info(sh, dom);
    shell_print_yes_no(sh, "Persistent:", virDomainIsPersistent(dom));
    if (virDomainGetAutostart(dom, &autostart) == 0)
        shell_print(sh, "%-15s %s\n", "Autostart:", autostart ? "enable" : "disable");
    shell_print_yes_no(sh, "Managed save:", virDomainHasManagedSaveImage(dom, 0));
    if (shell_dominfo_security(sh, dom))
        shell_dominfo_messages(sh, dom);
    else
        ret = false;
    virDomainFree(dom);
    return ret;
}

static bool
cmd_domstate(Shell *sh, const ShellCmd *cmd)
{
    virDomainPtr dom;
    int state, reason;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((state = shell_domain_state(sh, dom, &reason)) < 0) {
        virDomainFree(dom);
        return false;
    }
    if (shell_opt_bool(cmd, "reason"))
        shell_print(sh, "%s (%s)\n", shell_domain_state_str(state),
                    shell_domain_reason_str(state, reason));
    else
        shell_print(sh, "%s\n", shell_domain_state_str(state));
    virDomainFree(dom);
    return true;
}

/* "domid": the id of a domain given by name or UUID ("-" when inactive). */
bool
cmd_domid(Shell *sh, const ShellCmd *cmd)
{
    virDomainPtr dom;
    unsigned int id;

    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_NAME | SHELL_BY_UUID, NULL)))
        return false;
    if ((id = virDomainGetID(dom)) == (unsigned int)-1)
        shell_print(sh, "%s\n", "-");
    else
        shell_print(sh, "%d\n", (int)id);
    virDomainFree(dom);
    return true;
}

/* "domname": the name of a domain given by id or UUID. */
bool
cmd_domname(Shell *sh, const ShellCmd *cmd)
{
    virDomainPtr dom;

    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID, NULL)))
        return false;
    shell_print(sh, "%s\n", virDomainGetName(dom));
    virDomainFree(dom);
    return true;
}

/* "domuuid": the UUID of a domain given by name or id. */
bool
cmd_domuuid(Shell *sh, const ShellCmd *cmd)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    virDomainPtr dom;

    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_NAME | SHELL_BY_ID, NULL)))
        return false;
    if (virDomainGetUUIDString(dom, uuid) != -1)
        shell_print(sh, "%s\n", uuid);
    else
        shell_error(sh, "%s", "failed to get domain UUID");
    virDomainFree(dom);
    return true;
}

/* "dumpxml": a domain's XML, whole or filtered by --xpath. */
bool
cmd_dumpxml(Shell *sh, const ShellCmd *cmd)
{
    static const struct { const char *opt; unsigned int flag; } table[] = {
        { "inactive", VIR_DOMAIN_XML_INACTIVE },
        { "security-info", VIR_DOMAIN_XML_SECURE },
        { "update-cpu", VIR_DOMAIN_XML_UPDATE_CPU },
        { "migratable", VIR_DOMAIN_XML_MIGRATABLE },
    };
    const char *xpath = NULL;
    unsigned int flags = 0;
    virDomainPtr dom;
    char *xml;
    bool ok;

    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (shell_opt_bool(cmd, table[i].opt))
            flags |= table[i].flag;
    }
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_string_quiet(cmd, "xpath", &xpath) < 0 ||
        !(xml = virDomainGetXMLDesc(dom, flags))) {
        shell_error_save(sh);
        virDomainFree(dom);
        return false;
    }
    ok = shell_dump_xml(sh, xml, "domain", xpath, shell_opt_bool(cmd, "wrap"));
    free(xml);
    virDomainFree(dom);
    return ok;
}

/* ---- list ---- */

/* Running domains first by id, then inactive ones by name (ignoring case). */
static int
shell_domain_sort(const void *a, const void *b)
{
    virDomainPtr da = *(virDomainPtr const *)a, db = *(virDomainPtr const *)b;
    unsigned int ida = virDomainGetID(da), idb = virDomainGetID(db);
    const unsigned int none = (unsigned int)-1;

    if (ida == none && idb == none)
        return strcasecmp(virDomainGetName(da), virDomainGetName(db));
    if (ida != none && idb != none)
        return ida > idb ? 1 : ida < idb ? -1 : 0;
    return ida != none ? -1 : 1;
}

/* Filter options of list and the flags they add. */
static const struct {
    const char *opt;
    unsigned int flag;
} list_filters[] = {
    { "persistent", VIR_CONNECT_LIST_DOMAINS_PERSISTENT },
    { "transient", VIR_CONNECT_LIST_DOMAINS_TRANSIENT },
    { "with-managed-save", VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE },
    { "without-managed-save", VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE },
    { "autostart", VIR_CONNECT_LIST_DOMAINS_AUTOSTART },
    { "no-autostart", VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART },
    { "with-snapshot", VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT },
    { "without-snapshot", VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT },
    { "with-checkpoint", VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT },
    { "without-checkpoint", VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT },
    { "state-running", VIR_CONNECT_LIST_DOMAINS_RUNNING },
    { "state-paused", VIR_CONNECT_LIST_DOMAINS_PAUSED },
    { "state-shutoff", VIR_CONNECT_LIST_DOMAINS_SHUTOFF },
    { "state-other", VIR_CONNECT_LIST_DOMAINS_OTHER },
};

static unsigned int
shell_list_flags(const ShellCmd *cmd)
{
    unsigned int flags = VIR_CONNECT_LIST_DOMAINS_ACTIVE;

    if (shell_opt_bool(cmd, "inactive") || shell_opt_bool(cmd, "state-shutoff"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE;
    if (shell_opt_bool(cmd, "all"))
        flags = VIR_CONNECT_LIST_DOMAINS_INACTIVE | VIR_CONNECT_LIST_DOMAINS_ACTIVE;
    for (size_t i = 0; i < sizeof(list_filters) / sizeof(list_filters[0]); i++) {
        if (shell_opt_bool(cmd, list_filters[i].opt))
            flags |= list_filters[i].flag;
    }
    return flags;
}

static void
shell_domains_free(virDomainPtr *doms, int n)
{
    for (int i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
}

/* Collects the domains to list, sorted. Returns the count, or -1 after
 * reporting. */
static int
shell_list_collect(Shell *sh, unsigned int flags, virDomainPtr **ret_doms)
{
    virDomainPtr *doms = NULL;
    int n = virConnectListAllDomains(sh->conn, &doms, flags);

    if (n < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Failed to list domains");
        return -1;
    }
    if (n > 0)
        qsort(doms, (size_t)n, sizeof(*doms), shell_domain_sort);
    *ret_doms = doms;
    return n;
}

/* One table row of list; false when the row could not be built. */
static bool
shell_list_row(Shell *sh, ShellTable *table, virDomainPtr dom, const char *id,
               bool managed, bool title)
{
    int state = shell_domain_state(sh, dom, NULL);
    const char *state_str;
    char *xml, *text;

    if (state < 0)
        return true; /* the domain went away meanwhile */
    state_str = shell_domain_state_str(state);
    if (managed && state == VIR_DOMAIN_SHUTOFF && virDomainHasManagedSaveImage(dom, 0) > 0)
        state_str = "saved";
    if (!title) {
        shell_table_add(table, id, virDomainGetName(dom), state_str, NULL);
        return true;
    }
    if (!(xml = virDomainGetXMLDesc(dom, 0))) {
        shell_error_save(sh);
        return false;
    }
    text = shell_xml_title(sh, xml);
    free(xml);
    if (!text)
        return false;
    shell_table_add(table, id, virDomainGetName(dom), state_str, text, NULL);
    free(text);
    return true;
}

static bool
shell_list_plain(Shell *sh, virDomainPtr dom, const char *id, bool uuid, bool idonly, bool name)
{
    char buf[VIR_UUID_STRING_BUFLEN];
    const char *sep = "";

    if (uuid) {
        if (virDomainGetUUIDString(dom, buf) < 0) {
            shell_error(sh, "%s", "Failed to get domain's UUID");
            return false;
        }
        shell_print(sh, "%s", buf);
        sep = " ";
    }
    if (idonly) {
        if (virDomainGetID(dom) == (unsigned int)-1 && !uuid && !name)
            return true;
        shell_print(sh, "%s%s", sep, id);
        sep = " ";
    }
    if (name)
        shell_print(sh, "%s%s", sep, virDomainGetName(dom));
    shell_print(sh, "\n");
    return true;
}

static bool
cmd_list(Shell *sh, const ShellCmd *cmd)
{
    bool table_opt = shell_opt_bool(cmd, "table"), uuid = shell_opt_bool(cmd, "uuid");
    bool name = shell_opt_bool(cmd, "name"), idonly = shell_opt_bool(cmd, "id");
    bool title = shell_opt_bool(cmd, "title"), managed = shell_opt_bool(cmd, "managed-save");
    ShellTable *table = NULL;
    virDomainPtr *doms = NULL;
    bool ok = true;
    int n;

    if (!shell_exclusive(sh, "table", table_opt, "name", name) ||
        !shell_exclusive(sh, "table", table_opt, "uuid", uuid) ||
        !shell_exclusive(sh, "table", table_opt, "id", idonly))
        return false;
    if (!uuid && !name && !idonly)
        table_opt = true;
    if ((n = shell_list_collect(sh, shell_list_flags(cmd), &doms)) < 0)
        return false;
    if (table_opt)
        table = title ? shell_table_new("Id", "Name", "State", "Title", NULL)
                      : shell_table_new("Id", "Name", "State", NULL);
    for (int i = 0; ok && i < n; i++) {
        unsigned int id = virDomainGetID(doms[i]);
        char idbuf[32];

        if (id != (unsigned int)-1)
            snprintf(idbuf, sizeof(idbuf), "%d", (int)id);
        else
            snprintf(idbuf, sizeof(idbuf), "-");
        if (table_opt)
            ok = shell_list_row(sh, table, doms[i], idbuf, managed, title);
        else
            ok = shell_list_plain(sh, doms[i], idbuf, uuid, idonly, name);
    }
    if (ok && table)
        shell_table_print(sh, table);
    shell_table_free(table);
    shell_domains_free(doms, n);
    return ok;
}

const ShellOptDef shell_opts_domid[] = {
    { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name or uuid" },
    OPT_END,
};

const ShellOptDef shell_opts_domname[] = {
    { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain id or uuid" },
    OPT_END,
};

const ShellOptDef shell_opts_domuuid[] = {
    { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain id or name" },
    OPT_END,
};

const ShellOptDef shell_opts_dumpxml[] = {
    { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name, id or uuid" },
    OPT_BOOL("inactive", "show inactive defined XML"),
    OPT_BOOL("security-info", "include security sensitive information in XML dump"),
    OPT_BOOL("update-cpu", "update guest CPU according to host CPU"),
    OPT_BOOL("migratable", "provide XML suitable for migrations"),
    { "xpath", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "xpath expression to filter the XML document" },
    OPT_BOOL("wrap", "wrap xpath results in an common root element"),
    OPT_END,
};

static const ShellOptDef opts_dominfo[] = {
    { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name, id or uuid" },
    OPT_END,
};

static const ShellOptDef opts_domstate[] = {
    { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name, id or uuid" },
    OPT_BOOL("reason", "also print reason for the state"),
    OPT_END,
};

static const ShellOptDef opts_list[] = {
    OPT_BOOL("inactive", "list inactive domains"),
    OPT_BOOL("all", "list inactive & active domains"),
    OPT_BOOL("transient", "list transient domains"),
    OPT_BOOL("persistent", "list persistent domains"),
    OPT_BOOL("with-snapshot", "list domains with existing snapshot"),
    OPT_BOOL("without-snapshot", "list domains without a snapshot"),
    OPT_BOOL("with-checkpoint", "list domains with existing checkpoint"),
    OPT_BOOL("without-checkpoint", "list domains without a checkpoint"),
    OPT_BOOL("state-running", "list domains in running state"),
    OPT_BOOL("state-paused", "list domains in paused state"),
    OPT_BOOL("state-shutoff", "list domains in shutoff state"),
    OPT_BOOL("state-other", "list domains in other states"),
    OPT_BOOL("autostart", "list domains with autostart enabled"),
    OPT_BOOL("no-autostart", "list domains with autostart disabled"),
    OPT_BOOL("with-managed-save", "list domains with managed save state"),
    OPT_BOOL("without-managed-save", "list domains without managed save"),
    OPT_BOOL("uuid", "list uuid's only"),
    OPT_BOOL("name", "list domain names only"),
    OPT_BOOL("id", "list domain IDs only"),
    OPT_BOOL("table", "list table (default)"),
    OPT_BOOL("managed-save", "mark inactive domains with managed save state"),
    OPT_BOOL("title", "show domain title"),
    OPT_END,
};

const ShellCmdDef shell_monitor_cmds[] = {
    { "dominfo", cmd_dominfo, opts_dominfo, "domain information",
      "Returns basic information about the domain.", 0 },
    { "domstate", cmd_domstate, opts_domstate, "domain state", "Returns state about a domain.", 0 },
    { "list", cmd_list, opts_list, "list domains", "Returns list of domains.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
