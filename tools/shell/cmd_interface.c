/*
 * cmd_interface.c: the "Interface" commands (host network interfaces):
 * listing, lookups, XML, define/undefine, start/destroy and the
 * begin/commit/rollback transaction.
 *
 * Interfaces are named by name or MAC address; like virsh, a word that
 * parses as a MAC address is only ever looked up as one.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shell.h"

#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_IFACE(help) { "interface", SHELL_OPT_DATA, SHELL_OFLAG_REQ, help }
#define OPT_IFACE_FULL OPT_IFACE("interface name or MAC address")
#define OPT_END { NULL, 0, 0, NULL }

enum { IFACE_BY_NAME = 1 << 0, IFACE_BY_MAC = 1 << 1 };

/* True when @s is a MAC address as libvirt reads one: six groups of one or
 * two hex digits separated by ':', and after the last group the end of the
 * string or any byte at or below ' ' (as a signed char). */
static bool
shell_mac_parse(const char *s)
{
    for (int i = 0; i < 6; i++) {
        unsigned long v;
        char *end;

        if (!isxdigit((unsigned char)*s))
            return false;
        errno = 0;
        v = strtoul(s, &end, 16);
        if (end - s < 1 || end - s > 2 || errno || v > 0xff)
            return false;
        if (i == 5 && (signed char)*end <= ' ')
            return true;
        if (*end != ':')
            return false;
        s = end + 1;
    }
    return false;
}

/* Looks up the "interface" option by name or MAC (@by: IFACE_BY_*).
 * Returns an owned handle, or NULL after reporting (the library's reason
 * stays kept). *ret_name (optional) gets the word as typed. */
static virInterfacePtr
shell_iface_lookup(Shell *sh, const ShellCmd *cmd, unsigned int by, const char **ret_name)
{
    virInterfacePtr iface = NULL;
    const char *word;
    bool is_mac;

    if (shell_opt_string(sh, cmd, "interface", &word) < 0 || !word)
        return NULL;
    if (ret_name)
        *ret_name = word;
    is_mac = shell_mac_parse(word);
    if (!is_mac && (by & IFACE_BY_NAME))
        iface = virInterfaceLookupByName(sh->conn, word);
    else if (is_mac && (by & IFACE_BY_MAC))
        iface = virInterfaceLookupByMACString(sh->conn, word);
    if (!iface) {
        shell_error_save(sh);
        shell_error(sh, "failed to get interface '%s'", word);
    }
    return iface;
}

static int
shell_iface_sort(const void *a, const void *b)
{
    return strcasecmp(virInterfaceGetName(*(virInterfacePtr const *)a),
                      virInterfaceGetName(*(virInterfacePtr const *)b));
}

static bool
cmd_iface_list(Shell *sh, const ShellCmd *cmd)
{
    bool inactive = shell_opt_bool(cmd, "inactive"), all = shell_opt_bool(cmd, "all");
    unsigned int flags = VIR_CONNECT_LIST_INTERFACES_ACTIVE;
    virInterfacePtr *ifaces = NULL;
    ShellTable *table;
    int n;

    if (!shell_exclusive(sh, "all", all, "inactive", inactive))
        return false;
    if (inactive)
        flags = VIR_CONNECT_LIST_INTERFACES_INACTIVE;
    if (all)
        flags = VIR_CONNECT_LIST_INTERFACES_INACTIVE | VIR_CONNECT_LIST_INTERFACES_ACTIVE;
    if ((n = virConnectListAllInterfaces(sh->conn, &ifaces, flags)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Failed to list interfaces");
        return false;
    }
    if (n > 0)
        qsort(ifaces, (size_t)n, sizeof(*ifaces), shell_iface_sort);
    table = shell_table_new("Name", "State", "MAC Address", NULL);
    for (int i = 0; i < n; i++) {
        shell_table_add(table, virInterfaceGetName(ifaces[i]),
                        virInterfaceIsActive(ifaces[i]) ? "active" : "inactive",
                        virInterfaceGetMACString(ifaces[i]), NULL);
        virInterfaceFree(ifaces[i]);
    }
    free(ifaces);
    shell_table_print(sh, table);
    shell_table_free(table);
    return true;
}

static bool
cmd_iface_name(Shell *sh, const ShellCmd *cmd)
{
    virInterfacePtr iface;

    if (!(iface = shell_iface_lookup(sh, cmd, IFACE_BY_MAC, NULL)))
        return false;
    shell_print(sh, "%s\n", virInterfaceGetName(iface));
    virInterfaceFree(iface);
    return true;
}

static bool
cmd_iface_mac(Shell *sh, const ShellCmd *cmd)
{
    virInterfacePtr iface;

    if (!(iface = shell_iface_lookup(sh, cmd, IFACE_BY_NAME, NULL)))
        return false;
    shell_print(sh, "%s\n", virInterfaceGetMACString(iface));
    virInterfaceFree(iface);
    return true;
}

static bool
cmd_iface_dumpxml(Shell *sh, const ShellCmd *cmd)
{
    const char *xpath = NULL;
    virInterfacePtr iface;
    char *xml;
    bool ok;

    if (!(iface = shell_iface_lookup(sh, cmd, IFACE_BY_NAME | IFACE_BY_MAC, NULL)))
        return false;
    if (shell_opt_string_quiet(cmd, "xpath", &xpath) < 0 ||
        !(xml = virInterfaceGetXMLDesc(iface, shell_opt_bool(cmd, "inactive")
                                                  ? VIR_INTERFACE_XML_INACTIVE : 0))) {
        shell_error_save(sh);
        virInterfaceFree(iface);
        return false;
    }
    ok = shell_dump_xml(sh, xml, "interface", xpath, shell_opt_bool(cmd, "wrap"));
    free(xml);
    virInterfaceFree(iface);
    return ok;
}

static bool
cmd_iface_define(Shell *sh, const ShellCmd *cmd)
{
    virInterfacePtr iface;
    const char *from;
    char *xml;

    if (shell_opt_string(sh, cmd, "file", &from) < 0 || !(xml = shell_read_file(sh, from)))
        return false;
    iface = virInterfaceDefineXML(sh->conn, xml, shell_opt_bool(cmd, "validate")
                                                     ? VIR_INTERFACE_DEFINE_VALIDATE : 0);
    free(xml);
    if (!iface) {
        shell_error_save(sh);
        shell_error(sh, "Failed to define interface from %s", from);
        return false;
    }
    shell_print_extra(sh, "Interface %s defined from %s\n", virInterfaceGetName(iface), from);
    virInterfaceFree(iface);
    return true;
}

static int
shell_iface_undefine(virInterfacePtr iface)
{
    return virInterfaceUndefine(iface);
}

static int
shell_iface_start(virInterfacePtr iface)
{
    return virInterfaceCreate(iface, 0);
}

static int
shell_iface_destroy(virInterfacePtr iface)
{
    return virInterfaceDestroy(iface, 0);
}

/* One state change of an interface named by the "interface" option.
 * @status is what the command returns after success: virsh 9.0's
 * iface-destroy reports failure even then (exit status 1, no message), and
 * scripts see that status, so vireo keeps it. */
typedef struct ShellIfaceAction {
    const char *cmd;
    int (*call)(virInterfacePtr iface);
    const char *done;   /* "Interface <name> <done>" */
    const char *verb;   /* "Failed to <verb> interface <name>" */
    bool status;
} ShellIfaceAction;

static const ShellIfaceAction iface_actions[] = {
    { "iface-undefine", shell_iface_undefine, "undefined", "undefine", true },
    { "iface-start", shell_iface_start, "started", "start", true },
    { "iface-destroy", shell_iface_destroy, "destroyed", "destroy", false },
};

static bool
cmd_iface_action(Shell *sh, const ShellCmd *cmd)
{
    const ShellIfaceAction *act = NULL;
    virInterfacePtr iface;
    const char *name;
    bool ok;

    for (size_t i = 0; i < sizeof(iface_actions) / sizeof(iface_actions[0]); i++) {
        if (strcmp(iface_actions[i].cmd, cmd->def->name) == 0)
            act = &iface_actions[i];
    }
    if (!act)
        abort();
    if (!(iface = shell_iface_lookup(sh, cmd, IFACE_BY_NAME | IFACE_BY_MAC, &name)))
        return false;
    ok = act->call(iface) == 0;
    if (ok) {
        shell_print_extra(sh, "Interface %s %s\n", name, act->done);
    } else {
        shell_error_save(sh);
        shell_error(sh, "Failed to %s interface %s", act->verb, name);
    }
    virInterfaceFree(iface);
    return ok && act->status;
}

/* The host network configuration transaction. */
typedef struct ShellIfaceChange {
    const char *cmd;
    int (*call)(virConnectPtr conn, unsigned int flags);
    const char *done;
    const char *failed;
} ShellIfaceChange;

static const ShellIfaceChange iface_changes[] = {
    { "iface-begin", virInterfaceChangeBegin, "Network config change transaction started\n",
      "Failed to begin network config change transaction" },
    { "iface-commit", virInterfaceChangeCommit, "Network config change transaction committed\n",
      "Failed to commit network config change transaction" },
    { "iface-rollback", virInterfaceChangeRollback,
      "Network config change transaction rolled back\n",
      "Failed to rollback network config change transaction" },
};

static bool
cmd_iface_change(Shell *sh, const ShellCmd *cmd)
{
    const ShellIfaceChange *chg = NULL;

    for (size_t i = 0; i < sizeof(iface_changes) / sizeof(iface_changes[0]); i++) {
        if (strcmp(iface_changes[i].cmd, cmd->def->name) == 0)
            chg = &iface_changes[i];
    }
    if (!chg)
        abort();
    if (chg->call(sh->conn, 0) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", chg->failed);
        return false;
    }
    shell_print_extra(sh, "%s", chg->done);
    return true;
}

static const ShellOptDef opts_iface_list[] = {
    OPT_BOOL("inactive", "list inactive interfaces"),
    OPT_BOOL("all", "list inactive & active interfaces"),
    OPT_END,
};

static const ShellOptDef opts_iface_name[] = {
    OPT_IFACE("interface mac"),
    OPT_END,
};

static const ShellOptDef opts_iface_mac[] = {
    OPT_IFACE("interface name"),
    OPT_END,
};

static const ShellOptDef opts_iface_dumpxml[] = {
    OPT_IFACE_FULL,
    OPT_BOOL("inactive", "show inactive defined XML"),
    { "xpath", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "xpath expression to filter the XML document" },
    OPT_BOOL("wrap", "wrap xpath results in an common root element"),
    OPT_END,
};

static const ShellOptDef opts_iface_define[] = {
    { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "file containing an XML interface description" },
    OPT_BOOL("validate", "validate the XML against the schema"),
    OPT_END,
};

static const ShellOptDef opts_iface_only[] = {
    OPT_IFACE_FULL,
    OPT_END,
};

static const ShellOptDef opts_iface_none[] = {
    OPT_END,
};

const ShellCmdDef shell_interface_cmds[] = {
    { "iface-begin", cmd_iface_change, opts_iface_none,
      "create a snapshot of current interfaces settings, which can be later committed "
      "(iface-commit) or restored (iface-rollback)",
      "Create a restore point for interfaces settings", 0 },
    { "iface-commit", cmd_iface_change, opts_iface_none,
      "commit changes made since iface-begin and free restore point",
      "commit changes and free restore point", 0 },
    { "iface-define", cmd_iface_define, opts_iface_define,
      "define an inactive persistent physical host interface or modify an existing persistent "
      "one from an XML file",
      "Define or modify a persistent physical host interface.", 0 },
    { "iface-destroy", cmd_iface_action, opts_iface_only,
      "destroy a physical host interface (disable it / \"if-down\")",
      "forcefully stop a physical host interface.", 0 },
    { "iface-dumpxml", cmd_iface_dumpxml, opts_iface_dumpxml, "interface information in XML",
      "Output the physical host interface information as an XML dump to stdout.", 0 },
    { "iface-list", cmd_iface_list, opts_iface_list, "list physical host interfaces",
      "Returns list of physical host interfaces.", 0 },
    { "iface-mac", cmd_iface_mac, opts_iface_mac,
      "convert an interface name to interface MAC address", "", 0 },
    { "iface-name", cmd_iface_name, opts_iface_name,
      "convert an interface MAC address to interface name", "", 0 },
    { "iface-rollback", cmd_iface_change, opts_iface_none,
      "rollback to previous saved configuration created via iface-begin",
      "rollback to previous restore point", 0 },
    { "iface-start", cmd_iface_action, opts_iface_only,
      "start a physical host interface (enable it / \"if-up\")",
      "start a physical host interface.", 0 },
    { "iface-undefine", cmd_iface_action, opts_iface_only,
      "undefine a physical host interface (remove it from configuration)",
      "undefine an interface.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
