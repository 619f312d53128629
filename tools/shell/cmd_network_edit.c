/*
 * cmd_network_edit.c: the "Networking" commands that change networks: define,
 * create, start, destroy, undefine, autostart, update, edit, the lookups,
 * DHCP leases and network ports.
 *
 * The lease and network-port commands need calls libvireo does not offer
 * (virNetworkGetDHCPLeases, virNetworkListAllPorts, virNetworkPort*): they
 * parse and look up exactly as virsh does, then answer the error libvirt
 * gives for a driver without the call, which is also what both daemons
 * (libvirtd's test driver and vireod) answer for them.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shell.h"

#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_NETWORK(help) { "network", SHELL_OPT_DATA, SHELL_OFLAG_REQ, help }
#define OPT_NETWORK_FULL OPT_NETWORK("network name or uuid")
#define OPT_FILE(help) { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ, help }
#define OPT_PORT { "port", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "port UUID" }
#define OPT_END { NULL, 0, 0, NULL }

#define UUID_STRING_LEN (VIR_UUID_STRING_BUFLEN - 1)

/* Looks the "network" option up only by UUID or only by name (net-name,
 * net-uuid), reporting as virsh does. Returns an owned handle or NULL. */
static virNetworkPtr
shell_network_lookup_by(Shell *sh, const ShellCmd *cmd, bool by_uuid)
{
    virNetworkPtr net = NULL;
    const char *word;

    if (shell_opt_string(sh, cmd, "network", &word) < 0 || !word)
        return NULL;
    if (by_uuid && strlen(word) == UUID_STRING_LEN)
        net = virNetworkLookupByUUIDString(sh->conn, word);
    else if (!by_uuid)
        net = virNetworkLookupByName(sh->conn, word);
    if (!net) {
        shell_error_save(sh);
        shell_error(sh, "failed to get network '%s'", word);
    }
    return net;
}

/* Raises libvirt's answer for a call the library has no entry point for. */
static void
shell_network_unsupported(Shell *sh, const char *function)
{
    shell_error_set(sh, VIR_ERR_NO_SUPPORT,
                    "this function is not supported by the connection driver: %s", function);
}

static bool
cmd_net_autostart(Shell *sh, const ShellCmd *cmd)
{
    bool enable = !shell_opt_bool(cmd, "disable");
    const char *name;
    virNetworkPtr net;
    bool ok;

    if (!(net = shell_network_lookup(sh, cmd, &name)))
        return false;
    ok = virNetworkSetAutostart(net, enable) == 0;
    if (!ok) {
        shell_error_save(sh);
        shell_error(sh, enable ? "failed to mark network %s as autostarted"
                               : "failed to unmark network %s as autostarted", name);
    } else {
        shell_print_extra(sh, enable ? "Network %s marked as autostarted\n"
                                     : "Network %s unmarked as autostarted\n", name);
    }
    virNetworkFree(net);
    return ok;
}

/* net-create and net-define: an XML file in, a network out. */
static bool
shell_network_from_file(Shell *sh, const ShellCmd *cmd, bool define)
{
    bool validate = shell_opt_bool(cmd, "validate");
    virNetworkPtr net;
    const char *from;
    char *xml;

    if (shell_opt_string(sh, cmd, "file", &from) < 0 || !(xml = shell_read_file(sh, from)))
        return false;
    if (define)
        net = validate ? virNetworkDefineXMLFlags(sh->conn, xml, VIR_NETWORK_DEFINE_VALIDATE)
                       : virNetworkDefineXML(sh->conn, xml);
    else
        net = validate ? virNetworkCreateXMLFlags(sh->conn, xml, VIR_NETWORK_CREATE_VALIDATE)
                       : virNetworkCreateXML(sh->conn, xml);
    free(xml);
    if (!net) {
        shell_error_save(sh);
        shell_error(sh, define ? "Failed to define network from %s"
                               : "Failed to create network from %s", from);
        return false;
    }
    shell_print_extra(sh, define ? "Network %s defined from %s\n" : "Network %s created from %s\n",
                      virNetworkGetName(net), from);
    virNetworkFree(net);
    return true;
}

static bool
cmd_net_create(Shell *sh, const ShellCmd *cmd)
{
    return shell_network_from_file(sh, cmd, false);
}

static bool
cmd_net_define(Shell *sh, const ShellCmd *cmd)
{
    return shell_network_from_file(sh, cmd, true);
}

/* One state change of a network looked up by the "network" option. */
typedef struct ShellNetAction {
    const char *cmd;
    int (*call)(virNetworkPtr net);
    const char *done; /* "Network <name as typed> <done>" */
    const char *verb; /* "Failed to <verb> network <name as typed>" */
} ShellNetAction;

static const ShellNetAction net_actions[] = {
    { "net-start", virNetworkCreate, "started", "start" },
    { "net-destroy", virNetworkDestroy, "destroyed", "destroy" },
    { "net-undefine", virNetworkUndefine, "has been undefined", "undefine" },
};

static bool
cmd_net_action(Shell *sh, const ShellCmd *cmd)
{
    const ShellNetAction *act = NULL;
    const char *name;
    virNetworkPtr net;
    bool ok;

    for (size_t i = 0; i < sizeof(net_actions) / sizeof(net_actions[0]); i++) {
        if (strcmp(net_actions[i].cmd, cmd->def->name) == 0)
            act = &net_actions[i];
    }
    if (!act)
        abort();
    if (!(net = shell_network_lookup(sh, cmd, &name)))
        return false;
    ok = act->call(net) == 0;
    if (ok) {
        shell_print_extra(sh, "Network %s %s\n", name, act->done);
    } else {
        shell_error_save(sh);
        shell_error(sh, "Failed to %s network %s", act->verb, name);
    }
    virNetworkFree(net);
    return ok;
}

static bool
cmd_net_name(Shell *sh, const ShellCmd *cmd)
{
    virNetworkPtr net;

    if (!(net = shell_network_lookup_by(sh, cmd, true)))
        return false;
    shell_print(sh, "%s\n", virNetworkGetName(net));
    virNetworkFree(net);
    return true;
}

static bool
cmd_net_uuid(Shell *sh, const ShellCmd *cmd)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    virNetworkPtr net;

    if (!(net = shell_network_lookup_by(sh, cmd, false)))
        return false;
    if (virNetworkGetUUIDString(net, uuid) == 0)
        shell_print(sh, "%s\n", uuid);
    else
        shell_error(sh, "%s", "failed to get network UUID");
    virNetworkFree(net);
    return true;
}

/* The words net-update takes, in libvirt's enum order (index = value). */
static const char *const update_commands[] = {
    "none", "modify", "delete", "add-last", "add-first",
};

static const char *const update_sections[] = {
    "none", "bridge", "domain", "ip", "ip-dhcp-host", "ip-dhcp-range", "forward",
    "forward-interface", "forward-pf", "portgroup", "dns-host", "dns-txt", "dns-srv",
};

/* Index of @word in @names, or -1. */
static int
shell_word_index(const char *const *names, size_t n, const char *word)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], word) == 0)
            return (int)i;
    }
    return -1;
}

/* Gets a signed int option as virsh's integer options parse (decimal,
 * leading blanks and a sign allowed, nothing after). Returns 1 when set, 0
 * when absent, -1 after reporting. */
static int
shell_opt_int_value(Shell *sh, const ShellCmd *cmd, const char *name, int *ret_value)
{
    const char *s = NULL;
    char *end;
    long v;
    int rc = shell_opt_string_quiet(cmd, name, &s);

    if (rc == 0)
        return 0;
    if (rc > 0) {
        errno = 0;
        v = strtol(s, &end, 10);
        if (end != s && !*end && !errno && v >= INT_MIN && v <= INT_MAX) {
            *ret_value = (int)v;
            return 1;
        }
    }
    shell_error(sh, "Numeric value '%s' for <%s> option is malformed or out of range",
                s ? s : "", name);
    return -1;
}

/* Parses net-update's command, section and parent index. Returns false
 * after reporting. */
static bool
shell_net_update_args(Shell *sh, const ShellCmd *cmd, int *ret_command, int *ret_section,
                      int *ret_parent)
{
    const char *word;
    int command, section, parent = -1;

    if (shell_opt_string(sh, cmd, "command", &word) < 0)
        return false;
    if (strcmp(word, "add") == 0)
        command = VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;
    else
        command = shell_word_index(update_commands,
                                   sizeof(update_commands) / sizeof(update_commands[0]), word);
    if (command <= 0) {
        shell_error(sh, "unrecognized command name '%s'", word);
        return false;
    }
    if (shell_opt_string(sh, cmd, "section", &word) < 0)
        return false;
    section = shell_word_index(update_sections,
                               sizeof(update_sections) / sizeof(update_sections[0]), word);
    if (section <= 0) {
        shell_error(sh, "unrecognized section name '%s'", word);
        return false;
    }
    if (shell_opt_int_value(sh, cmd, "parent-index", &parent) < 0)
        return false;
    *ret_command = command;
    *ret_section = section;
    *ret_parent = parent;
    return true;
}

static void
shell_net_update_done(Shell *sh, virNetworkPtr net, bool config, bool live)
{
    const char *name = virNetworkGetName(net);

    if (config && live)
        shell_print_extra(sh, "Updated network %s persistent config and live state", name);
    else if (config)
        shell_print_extra(sh, "Updated network %s persistent config", name);
    else if (live || virNetworkIsActive(net))
        shell_print_extra(sh, "Updated network %s live state", name);
    else
        shell_print_extra(sh, "Updated network %s persistent config", name);
}

static bool
cmd_net_update(Shell *sh, const ShellCmd *cmd)
{
    bool config = shell_opt_bool(cmd, "config"), live = shell_opt_bool(cmd, "live");
    bool current = shell_opt_bool(cmd, "current");
    unsigned int flags = VIR_NETWORK_UPDATE_AFFECT_CURRENT;
    int command, section, parent;
    const char *xml = NULL;
    char *from_file = NULL;
    virNetworkPtr net;
    bool ok = false;

    if (!shell_exclusive(sh, "current", current, "live", live) ||
        !shell_exclusive(sh, "current", current, "config", config))
        return false;
    if (!(net = shell_network_lookup(sh, cmd, NULL)))
        return false;
    if (!shell_net_update_args(sh, cmd, &command, &section, &parent) ||
        shell_opt_string(sh, cmd, "xml", &xml) < 0)
        goto out;
    /* a value that does not start an element names a file holding one */
    if (*xml != '<') {
        if (!(from_file = shell_read_file(sh, xml)))
            goto out;
        xml = from_file;
    }
    if (config)
        flags |= VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (live)
        flags |= VIR_NETWORK_UPDATE_AFFECT_LIVE;
    if (virNetworkUpdate(net, (unsigned int)command, (unsigned int)section, parent, xml,
                         flags) < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to update network %s", virNetworkGetName(net));
        goto out;
    }
    shell_net_update_done(sh, net, config, live);
    ok = true;
 out:
    free(from_file);
    virNetworkFree(net);
    return ok;
}

static bool
cmd_net_dhcp_leases(Shell *sh, const ShellCmd *cmd)
{
    const char *name, *mac = NULL;
    virNetworkPtr net;

    if (shell_opt_string(sh, cmd, "mac", &mac) < 0)
        return false;
    if (!(net = shell_network_lookup(sh, cmd, &name)))
        return false;
    shell_network_unsupported(sh, "virNetworkGetDHCPLeases");
    shell_error(sh, "Failed to get leases info for %s", name);
    virNetworkFree(net);
    return false;
}

static bool
cmd_net_port_list(Shell *sh, const ShellCmd *cmd)
{
    virNetworkPtr net;

    if (shell_opt_bool(cmd, "table") && shell_opt_bool(cmd, "uuid")) {
        shell_error(sh, "%s", "Only one argument from --table and --uuid may be specified.");
        return false;
    }
    if (!(net = shell_network_lookup(sh, cmd, NULL)))
        return false;
    shell_network_unsupported(sh, "virNetworkListAllPorts");
    virNetworkFree(net);
    return false;
}

/* Whether the connection lets this client change @net. libvirt refuses a
 * port creation on a read-only connection before anything else, and so
 * does a daemon on its read-only socket, whatever the -r flag says. The
 * question is put as an update with no command, which every driver
 * rejects without touching the network; only a read-only connection
 * answers "operation forbidden" to it. */
static bool
shell_network_writable(Shell *sh, virNetworkPtr net)
{
    bool writable = true;

    if (virNetworkUpdate(net, VIR_NETWORK_UPDATE_COMMAND_NONE, VIR_NETWORK_SECTION_NONE, -1,
                         "<none/>", 0) < 0) {
        virErrorPtr err = virGetLastError();

        writable = !(err && err->code == VIR_ERR_OPERATION_DENIED);
    }
    shell_error_reset(sh);
    return writable;
}

/* net-port-dumpxml and net-port-delete: the network, then the port by its
 * UUID, which the library cannot look up. virsh 9.0 returns success from
 * both commands whatever fails (only its own message is printed), and
 * scripts see that status, so vireo keeps it. */
static bool
cmd_net_port_lookup(Shell *sh, const ShellCmd *cmd)
{
    virNetworkPtr net;
    const char *word;

    if (!(net = shell_network_lookup(sh, cmd, NULL)))
        return true;
    if (shell_opt_string(sh, cmd, "port", &word) == 0) {
        shell_network_unsupported(sh, "virNetworkPortLookupByUUID");
        shell_error(sh, "failed to get network port '%s'", word);
    }
    virNetworkFree(net);
    return true;
}

static bool
cmd_net_port_create(Shell *sh, const ShellCmd *cmd)
{
    virNetworkPtr net;
    const char *from;
    char *xml;

    if (!(net = shell_network_lookup(sh, cmd, NULL)))
        return false;
    if (shell_opt_string(sh, cmd, "file", &from) < 0 || !(xml = shell_read_file(sh, from))) {
        virNetworkFree(net);
        return false;
    }
    free(xml);
    if (!shell_network_writable(sh, net))
        shell_error_set(sh, VIR_ERR_OPERATION_DENIED,
                        "operation forbidden: read only access prevents %s",
                        "virNetworkPortCreateXML");
    else
        shell_network_unsupported(sh, "virNetworkPortCreateXML");
    shell_error(sh, "Failed to create network from %s", from);
    virNetworkFree(net);
    return false;
}

/* ---- net-edit ---- */

/* One net-edit session (the opaque of shell_edit_xml). */
typedef struct ShellNetEdit {
    Shell *sh;
    virNetworkPtr net;
    virNetworkPtr edited; /* the network defined from the edit, or NULL */
    unsigned int gets;    /* how many times the XML was fetched */
    bool last_get_ok;
} ShellNetEdit;

/* The definition to edit: the inactive one, or the only one when the
 * daemon does not know that flag. */
static char *
shell_net_edit_get(void *opaque)
{
    ShellNetEdit *ed = opaque;
    char *xml = virNetworkGetXMLDesc(ed->net, VIR_NETWORK_XML_INACTIVE);

    if (!xml && shell_error_code(ed->sh) == VIR_ERR_INVALID_ARG) {
        shell_error_reset(ed->sh);
        xml = virNetworkGetXMLDesc(ed->net, 0);
    }
    ed->gets++;
    ed->last_get_ok = xml != NULL;
    return xml;
}

static bool
shell_net_edit_define(void *opaque, const char *orig, const char *edited)
{
    ShellNetEdit *ed = opaque;

    (void)orig;
    if (ed->edited)
        virNetworkFree(ed->edited);
    if ((ed->edited = virNetworkDefineXML(ed->sh->conn, edited)))
        return true;
    /* without a terminal to ask at, virsh prints only "Failed." */
    if (!isatty(STDIN_FILENO))
        shell_error_reset(ed->sh);
    return false;
}

/* After a failed definition (or a concurrent change) with no terminal to
 * ask at, virsh reports the problem and then carries on as if the edit
 * succeeded, printing the missing network's name as "(null)" and exiting
 * 0; vireo keeps that visible behaviour. True when @ed ended that way. */
static bool
shell_net_edit_fell_through(const ShellNetEdit *ed)
{
    return ed->gets >= 2 && ed->last_get_ok && !isatty(STDIN_FILENO);
}

static bool
cmd_net_edit(Shell *sh, const ShellCmd *cmd)
{
    ShellNetEdit ed = { sh, NULL, NULL, 0, false };
    bool ok = true;
    int rc;

    if (!(ed.net = shell_network_lookup(sh, cmd, NULL)))
        return false;
    rc = shell_edit_xml(sh, shell_net_edit_get, shell_net_edit_define, &ed, false);
    if (rc == SHELL_EDIT_UNCHANGED)
        shell_print_extra(sh, "Network %s XML configuration not changed.\n",
                          virNetworkGetName(ed.net));
    else if (rc == SHELL_EDIT_DEFINED)
        shell_print_extra(sh, "Network %s XML configuration edited.\n",
                          virNetworkGetName(ed.edited));
    else if (shell_net_edit_fell_through(&ed))
        shell_print_extra(sh, "Network %s XML configuration edited.\n", "(null)");
    else
        ok = false;
    if (ed.edited)
        virNetworkFree(ed.edited);
    virNetworkFree(ed.net);
    return ok;
}

static const ShellOptDef opts_net_autostart[] = {
    OPT_NETWORK_FULL,
    OPT_BOOL("disable", "disable autostarting"),
    OPT_END,
};

static const ShellOptDef opts_net_from_file[] = {
    OPT_FILE("file containing an XML network description"),
    OPT_BOOL("validate", "validate the XML against the schema"),
    OPT_END,
};

static const ShellOptDef opts_net_only[] = {
    OPT_NETWORK_FULL,
    OPT_END,
};

static const ShellOptDef opts_net_name[] = {
    OPT_NETWORK("network uuid"),
    OPT_END,
};

static const ShellOptDef opts_net_uuid[] = {
    OPT_NETWORK("network name"),
    OPT_END,
};

static const ShellOptDef opts_net_update[] = {
    OPT_NETWORK_FULL,
    { "command", SHELL_OPT_DATA, SHELL_OFLAG_REQ,
      "type of update (add-first, add-last (add), delete, or modify)" },
    { "section", SHELL_OPT_DATA, SHELL_OFLAG_REQ,
      "which section of network configuration to update" },
    { "xml", SHELL_OPT_DATA, SHELL_OFLAG_REQ,
      "name of file containing xml (or, if it starts with '<', the complete xml element "
      "itself) to add/modify, or to be matched for search" },
    { "parent-index", SHELL_OPT_INT, 0, "which parent object to search through" },
    OPT_BOOL("config", "affect next network startup"),
    OPT_BOOL("live", "affect running network"),
    OPT_BOOL("current", "affect current state of network"),
    OPT_END,
};

static const ShellOptDef opts_net_dhcp_leases[] = {
    OPT_NETWORK_FULL,
    { "mac", SHELL_OPT_STRING, 0, "MAC address" },
    OPT_END,
};

static const ShellOptDef opts_net_port_list[] = {
    OPT_NETWORK_FULL,
    OPT_BOOL("uuid", "list uuid's only"),
    OPT_BOOL("table", "list table (default)"),
    OPT_END,
};

static const ShellOptDef opts_net_port_create[] = {
    OPT_NETWORK_FULL,
    OPT_FILE("file containing an XML network port description"),
    OPT_BOOL("validate", "validate the XML against the schema"),
    OPT_END,
};

static const ShellOptDef opts_net_port_dumpxml[] = {
    OPT_NETWORK_FULL,
    OPT_PORT,
    { "xpath", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "xpath expression to filter the XML document" },
    OPT_BOOL("wrap", "wrap xpath results in an common root element"),
    OPT_END,
};

static const ShellOptDef opts_net_port_delete[] = {
    OPT_NETWORK_FULL,
    OPT_PORT,
    OPT_END,
};

const ShellCmdDef shell_network_edit_cmds[] = {
    { "net-autostart", cmd_net_autostart, opts_net_autostart, "autostart a network",
      "Configure a network to be automatically started at boot.", 0 },
    { "net-create", cmd_net_create, opts_net_from_file, "create a network from an XML file",
      "Create a network.", 0 },
    { "net-define", cmd_net_define, opts_net_from_file,
      "define an inactive persistent virtual network or modify an existing persistent one "
      "from an XML file",
      "Define or modify a persistent virtual network.", 0 },
    { "net-destroy", cmd_net_action, opts_net_only, "destroy (stop) a network",
      "Forcefully stop a given network.", 0 },
    { "net-dhcp-leases", cmd_net_dhcp_leases, opts_net_dhcp_leases,
      "print lease info for a given network", "Print lease info for a given network", 0 },
    { "net-edit", cmd_net_edit, opts_net_only, "edit XML configuration for a network",
      "Edit the XML configuration for a network.", 0 },
    { "net-name", cmd_net_name, opts_net_name, "convert a network UUID to network name", "", 0 },
    { "net-port-create", cmd_net_port_create, opts_net_port_create,
      "create a network port from an XML file", "Create a network port.", 0 },
    { "net-port-delete", cmd_net_port_lookup, opts_net_port_delete,
      "delete the specified network port", "Delete the specified network port.", 0 },
    { "net-port-dumpxml", cmd_net_port_lookup, opts_net_port_dumpxml,
      "network port information in XML",
      "Output the network port information as an XML dump to stdout.", 0 },
    { "net-port-list", cmd_net_port_list, opts_net_port_list, "list network ports",
      "Returns list of network ports.", 0 },
    { "net-start", cmd_net_action, opts_net_only, "start a (previously defined) inactive network",
      "Start a network.", 0 },
    { "net-undefine", cmd_net_action, opts_net_only, "undefine a persistent network",
      "Undefine the configuration for a persistent network.", 0 },
    { "net-update", cmd_net_update, opts_net_update,
      "update parts of an existing network's configuration", "", 0 },
    { "net-uuid", cmd_net_uuid, opts_net_uuid, "convert a network name to network UUID", "", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
