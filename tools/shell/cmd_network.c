/*
 * cmd_network.c: the "Networking" commands vireo offers: net-list,
 * net-info and net-dumpxml.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shell.h"

#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_NETWORK { "network", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "network name or uuid" }
#define OPT_END { NULL, 0, 0, NULL }

static bool
cmd_net_dumpxml(Shell *sh, const ShellCmd *cmd)
{
    const char *xpath = NULL;
    virNetworkPtr net;
    char *xml;
    bool ok;

    if (!(net = shell_network_lookup(sh, cmd, NULL)))
        return false;
    if (shell_opt_string_quiet(cmd, "xpath", &xpath) < 0 ||
        !(xml = virNetworkGetXMLDesc(net, shell_opt_bool(cmd, "inactive")
                                              ? VIR_NETWORK_XML_INACTIVE : 0))) {
        shell_error_save(sh);
        virNetworkFree(net);
        return false;
    }
    ok = shell_dump_xml(sh, xml, "network", xpath, shell_opt_bool(cmd, "wrap"));
    free(xml);
    virNetworkFree(net);
    return ok;
}

static bool
cmd_net_info(Shell *sh, const ShellCmd *cmd)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    virNetworkPtr net;
    int active, persistent, autostart;
    char *bridge;

    if (!(net = shell_network_lookup(sh, cmd, NULL)))
        return false;
    shell_print(sh, "%-15s %s\n", "Name:", virNetworkGetName(net));
    if (virNetworkGetUUIDString(net, uuid) == 0)
        shell_print(sh, "%-15s %s\n", "UUID:", uuid);
    if ((active = virNetworkIsActive(net)) >= 0)
        shell_print(sh, "%-15s %s\n", "Active:", active ? "yes" : "no");
    persistent = virNetworkIsPersistent(net);
    shell_print(sh, "%-15s %s\n", "Persistent:",
                persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    if (virNetworkGetAutostart(net, &autostart) < 0)
        shell_print(sh, "%-15s %s\n", "Autostart:", "no autostart");
    else
        shell_print(sh, "%-15s %s\n", "Autostart:", autostart ? "yes" : "no");
    if ((bridge = virNetworkGetBridgeName(net)))
        shell_print(sh, "%-15s %s\n", "Bridge:", bridge);
    free(bridge);
    virNetworkFree(net);
    return true;
}

static int
shell_network_sort(const void *a, const void *b)
{
    return strcasecmp(virNetworkGetName(*(virNetworkPtr const *)a),
                      virNetworkGetName(*(virNetworkPtr const *)b));
}

static const struct {
    const char *opt;
    unsigned int flag;
} net_filters[] = {
    { "persistent", VIR_CONNECT_LIST_NETWORKS_PERSISTENT },
    { "transient", VIR_CONNECT_LIST_NETWORKS_TRANSIENT },
    { "autostart", VIR_CONNECT_LIST_NETWORKS_AUTOSTART },
    { "no-autostart", VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART },
};

static void
shell_net_list_row(Shell *sh, ShellTable *table, virNetworkPtr net, bool uuid, bool name)
{
    char buf[VIR_UUID_STRING_BUFLEN];
    int autostart = 0;

    if (table) {
        shell_table_add(table, virNetworkGetName(net),
                        virNetworkIsActive(net) ? "active" : "inactive",
                        virNetworkGetAutostart(net, &autostart) < 0 ? "no autostart"
                        : autostart ? "yes" : "no",
                        virNetworkIsPersistent(net) ? "yes" : "no", NULL);
    } else if (uuid) {
        if (virNetworkGetUUIDString(net, buf) == 0)
            shell_print(sh, "%s\n", buf);
    } else if (name) {
        shell_print(sh, "%s\n", virNetworkGetName(net));
    }
}

static bool
cmd_net_list(Shell *sh, const ShellCmd *cmd)
{
    bool name = shell_opt_bool(cmd, "name"), uuid = shell_opt_bool(cmd, "uuid");
    bool table_opt = shell_opt_bool(cmd, "table");
    unsigned int flags = VIR_CONNECT_LIST_NETWORKS_ACTIVE;
    virNetworkPtr *nets = NULL;
    ShellTable *table = NULL;
    int n;

    if (shell_opt_bool(cmd, "inactive"))
        flags = VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    if (shell_opt_bool(cmd, "all"))
        flags = VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE;
    for (size_t i = 0; i < sizeof(net_filters) / sizeof(net_filters[0]); i++) {
        if (shell_opt_bool(cmd, net_filters[i].opt))
            flags |= net_filters[i].flag;
    }
    if (table_opt + name + uuid > 1) {
        shell_error(sh, "%s",
                    "Only one argument from --table, --name and --uuid may be specified.");
        return false;
    }
    if ((n = virConnectListAllNetworks(sh->conn, &nets, flags)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Failed to list networks");
        return false;
    }
    if (n > 0)
        qsort(nets, (size_t)n, sizeof(*nets), shell_network_sort);
    if (!uuid && !name)
        table = shell_table_new("Name", "State", "Autostart", "Persistent", NULL);
    for (int i = 0; i < n; i++)
        shell_net_list_row(sh, table, nets[i], uuid, name);
    if (table)
        shell_table_print(sh, table);
    shell_table_free(table);
    for (int i = 0; i < n; i++)
        virNetworkFree(nets[i]);
    free(nets);
    return true;
}

static const ShellOptDef opts_net_dumpxml[] = {
    OPT_NETWORK,
    OPT_BOOL("inactive", "show inactive defined XML"),
    { "xpath", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "xpath expression to filter the XML document" },
    OPT_BOOL("wrap", "wrap xpath results in an common root element"),
    OPT_END,
};

static const ShellOptDef opts_net_info[] = {
    OPT_NETWORK,
    OPT_END,
};

static const ShellOptDef opts_net_list[] = {
    OPT_BOOL("inactive", "list inactive networks"),
    OPT_BOOL("all", "list inactive & active networks"),
    OPT_BOOL("persistent", "list persistent networks"),
    OPT_BOOL("transient", "list transient networks"),
    OPT_BOOL("autostart", "list networks with autostart enabled"),
    OPT_BOOL("no-autostart", "list networks with autostart disabled"),
    OPT_BOOL("uuid", "list uuid's only"),
    OPT_BOOL("name", "list network names only"),
    OPT_BOOL("table", "list table (default)"),
    OPT_END,
};

const ShellCmdDef shell_network_cmds[] = {
    { "net-dumpxml", cmd_net_dumpxml, opts_net_dumpxml, "network information in XML",
      "Output the network information as an XML dump to stdout.", 0 },
    { "net-info", cmd_net_info, opts_net_info, "network information",
      "Returns basic information about the network", 0 },
    { "net-list", cmd_net_list, opts_net_list, "list networks", "Returns list of networks.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
