/*
 * cmd_interface.c: the "Interface" commands (host network interfaces):
 * listing, lookups, XML, define/undefine, start/destroy, the
 * begin/commit/rollback transaction, editing, and bridging a device.
 *
 * Interfaces are named by name or MAC address; like virsh, a word that
 * parses as a MAC address is only ever looked up as one.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

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

/* Looks up option @opt by name or MAC (@by: IFACE_BY_*).
 * Returns an owned handle, or NULL after reporting (the library's reason
 * stays kept). *ret_name (optional) gets the word as typed. */
static virInterfacePtr
shell_iface_lookup_opt(Shell *sh, const ShellCmd *cmd, const char *opt, unsigned int by,
                       const char **ret_name)
{
    virInterfacePtr iface = NULL;
    const char *word;
    bool is_mac;

    if (shell_opt_string(sh, cmd, opt, &word) < 0 || !word)
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

static virInterfacePtr
shell_iface_lookup(Shell *sh, const ShellCmd *cmd, unsigned int by, const char **ret_name)
{
    return shell_iface_lookup_opt(sh, cmd, "interface", by, ret_name);
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

/* ---- iface-edit ---- */

/* One iface-edit session (the opaque of shell_edit_xml). */
typedef struct ShellIfaceEdit {
    Shell *sh;
    virInterfacePtr iface;
    virInterfacePtr edited; /* the interface defined from the edit, or NULL */
    unsigned int gets;      /* how many times the XML was fetched */
    bool last_get_ok;
} ShellIfaceEdit;

static char *
shell_iface_edit_get(void *opaque)
{
    ShellIfaceEdit *ed = opaque;
    char *xml = virInterfaceGetXMLDesc(ed->iface, VIR_INTERFACE_XML_INACTIVE);

    ed->gets++;
    ed->last_get_ok = xml != NULL;
    return xml;
}

static bool
shell_iface_edit_define(void *opaque, const char *orig, const char *edited)
{
    ShellIfaceEdit *ed = opaque;

    (void)orig;
    if (ed->edited)
        virInterfaceFree(ed->edited);
    if ((ed->edited = virInterfaceDefineXML(ed->sh->conn, edited, 0)))
        return true;
    /* without a terminal to ask at, virsh prints only "Failed." */
    if (!isatty(STDIN_FILENO))
        shell_error_reset(ed->sh);
    return false;
}

/* As net-edit: after a failed definition (or a concurrent change) with no
 * terminal to ask at, virsh reports it, then prints the edit as done for
 * "(null)" and exits 0. True when @ed ended that way. */
static bool
shell_iface_edit_fell_through(const ShellIfaceEdit *ed)
{
    return ed->gets >= 2 && ed->last_get_ok && !isatty(STDIN_FILENO);
}

static bool
cmd_iface_edit(Shell *sh, const ShellCmd *cmd)
{
    ShellIfaceEdit ed = { sh, NULL, NULL, 0, false };
    bool ok = true;
    int rc;

    if (!(ed.iface = shell_iface_lookup(sh, cmd, IFACE_BY_NAME | IFACE_BY_MAC, NULL)))
        return false;
    rc = shell_edit_xml(sh, shell_iface_edit_get, shell_iface_edit_define, &ed, false);
    if (rc == SHELL_EDIT_UNCHANGED)
        shell_print_extra(sh, "Interface %s XML configuration not changed.\n",
                          virInterfaceGetName(ed.iface));
    else if (rc == SHELL_EDIT_DEFINED)
        shell_print_extra(sh, "Interface %s XML configuration edited.\n",
                          virInterfaceGetName(ed.edited));
    else if (shell_iface_edit_fell_through(&ed))
        shell_print_extra(sh, "Interface %s XML configuration edited.\n", "(null)");
    else
        ok = false;
    if (ed.edited)
        virInterfaceFree(ed.edited);
    virInterfaceFree(ed.iface);
    return ok;
}

/* ---- iface-bridge and iface-unbridge ----
 *
 * Both rewrite an interface's inactive definition: bridging wraps the
 * device in a new <interface type='bridge'> holding it under <bridge>, and
 * carries its <mac>, <bond> and <vlan> down to it; unbridging does the
 * reverse for a bridge with exactly one device. */

/* Parses XML the library returned. Returns the document, or NULL after
 * raising the error libvirt's parser would. */
static xmlDocPtr
shell_iface_parse(Shell *sh, const char *xml, const char *url)
{
    xmlDocPtr doc = xmlReadDoc((const xmlChar *)xml, url, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);

    if (!doc || !xmlDocGetRootElement(doc)) {
        shell_error_set(sh, VIR_ERR_XML_ERROR, "%s: failed to parse xml document", url);
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* An attribute of @node as a new string, or NULL. */
static char *
shell_iface_prop(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    char *copy;

    if (!v)
        return NULL;
    if (!(copy = strdup((const char *)v)))
        abort();
    xmlFree(v);
    return copy;
}

static bool
shell_iface_is(xmlNodePtr node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, (const xmlChar *)name);
}

/* Moves the <mac>, <bond> and <vlan> children of @from to the end of @to. */
static void
shell_iface_move_link(xmlNodePtr from, xmlNodePtr to)
{
    xmlNodePtr cur = from->children;

    while (cur) {
        xmlNodePtr old = cur;

        cur = cur->next;
        if (shell_iface_is(old, "mac") || shell_iface_is(old, "bond") ||
            shell_iface_is(old, "vlan")) {
            xmlUnlinkNode(old);
            xmlAddChild(to, old);
        }
    }
}

/* Serialises @doc into a new string. */
static char *
shell_iface_format(xmlDocPtr doc)
{
    xmlChar *mem = NULL;
    char *out;
    int size = 0;

    xmlDocDumpMemory(doc, &mem, &size);
    if (!mem || size <= 0) {
        xmlFree(mem);
        return NULL;
    }
    if (!(out = strdup((const char *)mem)))
        abort();
    xmlFree(mem);
    return out;
}

/* The options of iface-bridge. */
typedef struct ShellBridgeOpts {
    const char *if_name;
    const char *br_name;
    bool stp;
    bool start;
    unsigned int delay;
} ShellBridgeOpts;

/* Rewrites the device's definition @doc into the bridge's. Returns false
 * after reporting why the device cannot be bridged. */
static bool
shell_iface_bridge_doc(Shell *sh, xmlDocPtr doc, const ShellBridgeOpts *o)
{
    xmlNodePtr top = xmlDocGetRootElement(doc), br, dev;
    char *type = shell_iface_prop(top, "type"), *name = NULL, delay[16];
    bool ok = false;

    if (!type) {
        shell_error(sh, "Existing device %s has no type", o->if_name);
        goto out;
    }
    if (strcmp(type, "bridge") == 0) {
        shell_error(sh, "Existing device %s is already a bridge", o->if_name);
        goto out;
    }
    if (!(name = shell_iface_prop(top, "name")) || strcmp(name, o->if_name) != 0) {
        shell_error(sh, "Interface name from config %s doesn't match given supplied name %s",
                    name ? name : "(null)", o->if_name);
        goto out;
    }
    br = xmlNewChild(top, NULL, (const xmlChar *)"bridge", NULL);
    xmlSetProp(br, (const xmlChar *)"stp", (const xmlChar *)(o->stp ? "on" : "off"));
    if (o->stp) {
        snprintf(delay, sizeof(delay), "%d", (int)o->delay);
        xmlSetProp(br, (const xmlChar *)"delay", (const xmlChar *)delay);
    }
    xmlSetProp(top, (const xmlChar *)"type", (const xmlChar *)"bridge");
    xmlSetProp(top, (const xmlChar *)"name", (const xmlChar *)o->br_name);
    dev = xmlNewChild(br, NULL, (const xmlChar *)"interface", NULL);
    xmlSetProp(dev, (const xmlChar *)"type", (const xmlChar *)type);
    xmlSetProp(dev, (const xmlChar *)"name", (const xmlChar *)o->if_name);
    shell_iface_move_link(top, dev);
    ok = true;
 out:
    free(type);
    free(name);
    return ok;
}

/* Defines the bridge from @xml and starts it unless asked not to. */
static bool
shell_iface_bridge_define(Shell *sh, const char *xml, const ShellBridgeOpts *o)
{
    virInterfacePtr br;
    bool ok = true;

    if (!(br = virInterfaceDefineXML(sh->conn, xml, 0))) {
        shell_error_save(sh);
        shell_error(sh, "Failed to define new bridge interface %s", o->br_name);
        return false;
    }
    shell_print_extra(sh, "Created bridge %s with attached device %s\n", o->br_name, o->if_name);
    if (o->start) {
        if (virInterfaceCreate(br, 0) < 0) {
            shell_error_save(sh);
            shell_error(sh, "Failed to start bridge interface %s", o->br_name);
            ok = false;
        } else {
            shell_print_extra(sh, "Bridge interface %s started\n", o->br_name);
        }
    }
    virInterfaceFree(br);
    return ok;
}

static bool
cmd_iface_bridge(Shell *sh, const ShellCmd *cmd)
{
    ShellBridgeOpts o = { .stp = !shell_opt_bool(cmd, "no-stp"),
                          .start = !shell_opt_bool(cmd, "no-start") };
    virInterfacePtr iface, existing;
    char *xml = NULL, *br_xml = NULL;
    xmlDocPtr doc = NULL;
    bool ok = false;

    if (!(iface = shell_iface_lookup_opt(sh, cmd, "interface", IFACE_BY_NAME, &o.if_name)))
        return false;
    if (shell_opt_string(sh, cmd, "bridge", &o.br_name) < 0)
        goto out;
    if ((existing = virInterfaceLookupByName(sh->conn, o.br_name))) {
        virInterfaceFree(existing);
        shell_error(sh, "Network device %s already exists", o.br_name);
        goto out;
    }
    if (shell_opt_uint(sh, cmd, "delay", &o.delay) < 0)
        goto out;
    if (!(xml = virInterfaceGetXMLDesc(iface, VIR_INTERFACE_XML_INACTIVE))) {
        shell_error_save(sh);
        goto out;
    }
    if (!(doc = shell_iface_parse(sh, xml, "(interface definition)"))) {
        shell_error(sh, "Failed to parse configuration of %s", o.if_name);
        goto out;
    }
    if (!shell_iface_bridge_doc(sh, doc, &o))
        goto out;
    if (!(br_xml = shell_iface_format(doc))) {
        shell_error(sh, "Failed to format new xml document for bridge %s", o.br_name);
        goto out;
    }
    ok = shell_iface_bridge_define(sh, br_xml, &o);
 out:
    xmlFreeDoc(doc);
    free(br_xml);
    free(xml);
    virInterfaceFree(iface);
    return ok;
}

/* Rewrites the bridge's definition @doc into its one device's; the device
 * name goes to *ret_dev. Returns false after reporting. */
static bool
shell_iface_unbridge_doc(Shell *sh, xmlDocPtr doc, const char *br_name, char **ret_dev)
{
    xmlNodePtr top = xmlDocGetRootElement(doc), br = NULL, dev = NULL;
    char *type = shell_iface_prop(top, "type"), *name = NULL;
    size_t ndev = 0;
    bool ok = false;

    if (!type) {
        shell_error(sh, "Existing device %s has no type", br_name);
        goto out;
    }
    if (strcmp(type, "bridge") != 0) {
        shell_error(sh, "Device %s is not a bridge", br_name);
        goto out;
    }
    if (!(name = shell_iface_prop(top, "name")) || strcmp(name, br_name) != 0) {
        shell_error(sh, "Interface name from config %s doesn't match given supplied name %s",
                    name ? name : "(null)", br_name);
        goto out;
    }
    free(name);
    free(type);
    name = type = NULL;
    for (xmlNodePtr c = top->children; c && !br; c = c->next) {
        if (shell_iface_is(c, "bridge"))
            br = c;
    }
    if (!br) {
        shell_error(sh, "%s", "No bridge node in xml document");
        goto out;
    }
    for (xmlNodePtr c = br->children; c; c = c->next) {
        if (shell_iface_is(c, "interface") && ndev++ == 0)
            dev = c;
    }
    if (ndev > 1) {
        shell_error(sh, "%s", "Multiple interfaces attached to bridge");
        goto out;
    }
    if (!dev) {
        shell_error(sh, "%s", "No interface attached to bridge");
        goto out;
    }
    if (!(name = shell_iface_prop(dev, "name"))) {
        shell_error(sh, "Device attached to bridge %s has no name", br_name);
        goto out;
    }
    if (!(type = shell_iface_prop(dev, "type"))) {
        shell_error(sh, "Attached device %s has no type", name);
        goto out;
    }
    xmlSetProp(top, (const xmlChar *)"type", (const xmlChar *)type);
    xmlSetProp(top, (const xmlChar *)"name", (const xmlChar *)name);
    shell_iface_move_link(dev, top);
    *ret_dev = name;
    name = NULL;
    ok = true;
 out:
    free(type);
    free(name);
    return ok;
}

/* Replaces the bridge @br by the device defined by @xml, and starts the
 * device unless asked not to. */
static bool
shell_iface_unbridge_apply(Shell *sh, virInterfacePtr br, const char *br_name,
                           const char *xml, const char *dev_name, bool start)
{
    virInterfacePtr dev;
    bool ok = true;

    if (virInterfaceDestroy(br, 0) < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to destroy bridge interface %s", br_name);
        return false;
    }
    if (virInterfaceUndefine(br) < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to undefine bridge interface %s", br_name);
        return false;
    }
    if (!(dev = virInterfaceDefineXML(sh->conn, xml, 0))) {
        shell_error_save(sh);
        shell_error(sh, "Failed to define new interface %s", dev_name);
        return false;
    }
    shell_print_extra(sh, "Device %s un-attached from bridge %s\n", dev_name, br_name);
    if (start) {
        if (virInterfaceCreate(dev, 0) < 0) {
            shell_error_save(sh);
            shell_error(sh, "Failed to start interface %s", dev_name);
            ok = false;
        } else {
            shell_print_extra(sh, "Interface %s started\n", dev_name);
        }
    }
    virInterfaceFree(dev);
    return ok;
}

static bool
cmd_iface_unbridge(Shell *sh, const ShellCmd *cmd)
{
    bool start = !shell_opt_bool(cmd, "no-start");
    char *xml = NULL, *dev_xml = NULL, *dev_name = NULL;
    const char *br_name;
    virInterfacePtr br;
    xmlDocPtr doc = NULL;
    bool ok = false;

    if (!(br = shell_iface_lookup_opt(sh, cmd, "bridge", IFACE_BY_NAME, &br_name)))
        return false;
    if (!(xml = virInterfaceGetXMLDesc(br, VIR_INTERFACE_XML_INACTIVE))) {
        shell_error_save(sh);
        goto out;
    }
    if (!(doc = shell_iface_parse(sh, xml, "(bridge interface definition)"))) {
        shell_error(sh, "Failed to parse configuration of %s", br_name);
        goto out;
    }
    if (!shell_iface_unbridge_doc(sh, doc, br_name, &dev_name))
        goto out;
    if (!(dev_xml = shell_iface_format(doc))) {
        shell_error(sh, "Failed to format new xml document for detached interface %s",
                    dev_name);
        goto out;
    }
    ok = shell_iface_unbridge_apply(sh, br, br_name, dev_xml, dev_name, start);
 out:
    xmlFreeDoc(doc);
    free(dev_name);
    free(dev_xml);
    free(xml);
    virInterfaceFree(br);
    return ok;
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

static const ShellOptDef opts_iface_bridge[] = {
    OPT_IFACE("existing interface name"),
    { "bridge", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "new bridge device name" },
    OPT_BOOL("no-stp", "do not enable STP for this bridge"),
    { "delay", SHELL_OPT_INT, 0, "number of seconds to squelch traffic on newly connected ports" },
    OPT_BOOL("no-start", "don't start the bridge immediately"),
    OPT_END,
};

static const ShellOptDef opts_iface_unbridge[] = {
    { "bridge", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "current bridge device name" },
    OPT_BOOL("no-start", "don't start the detached interface immediately (not recommended)"),
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
    { "iface-bridge", cmd_iface_bridge, opts_iface_bridge,
      "create a bridge device and attach an existing network device to it",
      "bridge an existing network device", 0 },
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
    { "iface-edit", cmd_iface_edit, opts_iface_only,
      "edit XML configuration for a physical host interface",
      "Edit the XML configuration for a physical host interface.", 0 },
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
    { "iface-unbridge", cmd_iface_unbridge, opts_iface_unbridge,
      "undefine a bridge device after detaching its device(s)", "unbridge a network device", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
