/*
 * cmd_nodedev.c: the "Node Device" commands vireo offers: nodedev-list
 * (flat or as a tree), nodedev-dumpxml, nodedev-create and nodedev-destroy.
 *
 * A device is named either by its name or by a "wwnn,wwpn" pair. libvireo
 * has no SCSI-host-by-WWN lookup, so a well-formed pair is refused with the
 * library's own "not supported" error, as virsh prints it against a driver
 * without that lookup.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shell.h"

#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_DEVICE { "device", SHELL_OPT_DATA, SHELL_OFLAG_REQ, \
                     "device name or wwn pair in 'wwnn,wwpn' format" }
#define OPT_END { NULL, 0, 0, NULL }

/* Capability names in the order of their VIR_CONNECT_LIST_NODE_DEVICES_CAP_*
 * bits: the name at index i selects bit i. */
static const char *const nodedev_cap_names[] = {
    "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target", "scsi",
    "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types", "mdev", "ccw",
    "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd",
};

#define NODEDEV_NCAPS (sizeof(nodedev_cap_names) / sizeof(nodedev_cap_names[0]))

static void
nodedev_strv_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

/* Splits @s at commas as virsh splits its list options: an empty piece
 * between two commas joins its neighbours with a literal comma (",," is an
 * escaped comma). Returns the number of words (at least one) in *ret_words. */
static size_t
nodedev_split(const char *s, char ***ret_words)
{
    size_t len = strlen(s), n = 0;
    bool join = false;
    char **words;

    if (!(words = calloc(len + 2, sizeof(*words))))
        abort();
    for (const char *p = s;; ) {
        const char *comma = strchr(p, ',');
        size_t plen = comma ? (size_t)(comma - p) : strlen(p);
        char *piece = strndup(p, plen);

        if (!piece)
            abort();
        if (n == 0) {
            words[n++] = piece;
        } else if (join) {
            char *old = words[n - 1];

            if (asprintf(&words[n - 1], "%s,%s", old, piece) < 0)
                abort();
            free(old);
            free(piece);
            join = false;
        } else if (!*piece) {
            free(piece);
            join = true;
        } else {
            words[n++] = piece;
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    if (join && !(words[n++] = strdup("")))
        abort();
    *ret_words = words;
    return n;
}

/* A WWN is 16 hex digits, optionally after "0x"; anything else raises
 * libvirt's "Malformed wwn" error. */
static bool
nodedev_wwn_valid(Shell *sh, const char *wwn)
{
    const char *p = strncmp(wwn, "0x", 2) == 0 ? wwn + 2 : wwn;
    size_t i;

    for (i = 0; p[i] && isxdigit((unsigned char)p[i]); i++)
        ;
    if (i != 16 || p[i]) {
        shell_error_set(sh, VIR_ERR_INTERNAL_ERROR, "Malformed wwn: %s", wwn);
        return false;
    }
    return true;
}

/* Looks up the device named by option "device" (a name, or a wwnn,wwpn
 * pair). Returns it, or NULL after reporting; *ret_value gets the text. */
static virNodeDevicePtr
nodedev_lookup(Shell *sh, const ShellCmd *cmd, const char **ret_value)
{
    virNodeDevicePtr dev = NULL;
    const char *value = NULL;

    if (shell_opt_string(sh, cmd, "device", &value) < 0)
        return NULL;
    *ret_value = value;
    if (strchr(value, ',')) {
        char **words = NULL;
        size_t n = nodedev_split(value, &words);
        bool valid = n == 2;

        if (!valid)
            shell_error(sh, "Malformed device value '%s'", value);
        else
            valid = nodedev_wwn_valid(sh, words[0]) && nodedev_wwn_valid(sh, words[1]);
        nodedev_strv_free(words, n);
        if (!valid)
            return NULL;
        shell_error_set(sh, VIR_ERR_NO_SUPPORT, "%s",
                        "this function is not supported by the connection driver: "
                        "virNodeDeviceLookupSCSIHostByWWN");
    } else if (!(dev = virNodeDeviceLookupByName(sh->conn, value))) {
        shell_error_save(sh);
    }
    if (!dev)
        shell_error(sh, "%s '%s'", "Could not find matching device", value);
    return dev;
}

static bool
cmd_nodedev_create(Shell *sh, const ShellCmd *cmd)
{
    const char *from = NULL;
    virNodeDevicePtr dev;
    char *buf;

    if (shell_opt_string(sh, cmd, "file", &from) < 0)
        return false;
    if (!(buf = shell_read_file(sh, from)))
        return false;
    dev = virNodeDeviceCreateXML(sh->conn, buf, shell_opt_bool(cmd, "validate")
                                                    ? VIR_NODE_DEVICE_CREATE_XML_VALIDATE : 0);
    free(buf);
    if (!dev) {
        shell_error_save(sh);
        shell_error(sh, "Failed to create node device from %s", from);
        return false;
    }
    shell_print_extra(sh, "Node device %s created from %s\n", virNodeDeviceGetName(dev), from);
    virNodeDeviceFree(dev);
    return true;
}

static bool
cmd_nodedev_destroy(Shell *sh, const ShellCmd *cmd)
{
    const char *value = NULL;
    virNodeDevicePtr dev;
    bool ok;

    if (!(dev = nodedev_lookup(sh, cmd, &value)))
        return false;
    if ((ok = virNodeDeviceDestroy(dev) == 0)) {
        shell_print_extra(sh, "Destroyed node device '%s'\n", value);
    } else {
        shell_error_save(sh);
        shell_error(sh, "Failed to destroy node device '%s'", value);
    }
    virNodeDeviceFree(dev);
    return ok;
}

static bool
cmd_nodedev_dumpxml(Shell *sh, const ShellCmd *cmd)
{
    const char *value = NULL, *xpath = NULL;
    virNodeDevicePtr dev;
    char *xml;
    bool ok;

    if (shell_opt_string(sh, cmd, "device", &value) < 0 ||
        shell_opt_string_quiet(cmd, "xpath", &xpath) < 0)
        return false;
    if (!(dev = nodedev_lookup(sh, cmd, &value)))
        return false;
    xml = virNodeDeviceGetXMLDesc(dev, 0);
    virNodeDeviceFree(dev);
    if (!xml) {
        shell_error_save(sh);
        return false;
    }
    ok = shell_dump_xml(sh, xml, "node-device", xpath, shell_opt_bool(cmd, "wrap"));
    free(xml);
    return ok;
}

/* ---- nodedev-list ---- */

typedef struct NodedevList {
    virNodeDevicePtr *devs;
    size_t n;
} NodedevList;

static void
nodedev_list_free(NodedevList *list)
{
    for (size_t i = 0; i < list->n; i++) {
        if (list->devs[i])
            virNodeDeviceFree(list->devs[i]);
    }
    free(list->devs);
    list->devs = NULL;
    list->n = 0;
}

static int
nodedev_sort(const void *a, const void *b)
{
    return strcasecmp(virNodeDeviceGetName(*(virNodeDevicePtr const *)a),
                      virNodeDeviceGetName(*(virNodeDevicePtr const *)b));
}

/* True when @dev has one of the @ncaps capabilities in @caps. */
static int
nodedev_has_cap(Shell *sh, virNodeDevicePtr dev, char **caps, size_t ncaps)
{
    char **names;
    bool match = false;
    int n;

    if ((n = virNodeDeviceNumOfCaps(dev)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Failed to get capability numbers of the device");
        return -1;
    }
    if (!(names = calloc((size_t)n + 1, sizeof(*names))))
        abort();
    if ((n = virNodeDeviceListCaps(dev, names, n)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Failed to get capability names of the device");
        free(names);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        for (size_t k = 0; k < ncaps; k++) {
            if (strcmp(names[i], caps[k]) == 0)
                match = true;
        }
    }
    nodedev_strv_free(names, (size_t)n);
    return match;
}

/* Lists devices the old way (name list, then lookups) for a server without
 * the filtered listing call; the capability filter is applied here. */
static bool
nodedev_list_fallback(Shell *sh, char **caps, size_t ncaps, NodedevList *list)
{
    char **names;
    size_t kept = 0;
    int n;

    shell_error_reset(sh);
    if ((n = virNodeNumOfDevices(sh->conn, NULL, 0)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Failed to count node devices");
        return false;
    }
    if (n == 0)
        return true;
    if (!(names = calloc((size_t)n, sizeof(*names))))
        abort();
    if ((n = virNodeListDevices(sh->conn, NULL, names, n, 0)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Failed to list node devices");
        free(names);
        return false;
    }
    if (!(list->devs = calloc((size_t)n + 1, sizeof(*list->devs))))
        abort();
    for (int i = 0; i < n; i++) {
        virNodeDevicePtr dev = virNodeDeviceLookupByName(sh->conn, names[i]);

        if (dev)
            list->devs[list->n++] = dev;
    }
    nodedev_strv_free(names, (size_t)n);
    for (size_t i = 0; caps && i < list->n; i++) {
        int has = nodedev_has_cap(sh, list->devs[i], caps, ncaps);

        if (has < 0) {
            nodedev_list_free(list);
            return false;
        }
        if (has)
            list->devs[kept++] = list->devs[i];
        else
            virNodeDeviceFree(list->devs[i]);
    }
    if (caps)
        list->n = kept;
    return true;
}

/* Prints one device of the tree and, below it, its children, in the
 * layout of virsh's tree printer. @indent holds the prefix (capacity
 * 4 bytes a level; the depth stays below the number of devices). */
static void
nodedev_tree_print(Shell *sh, char **names, char **parents, size_t n, size_t id,
                   size_t last, size_t depth, char *indent, size_t len)
{
    bool root = depth == 0;
    size_t next_last = n;

    shell_print(sh, "%s%s%s\n", indent, root ? "" : "+- ", names[id]);
    if (!root) {
        indent[len++] = id == last ? ' ' : '|';
        indent[len++] = ' ';
        indent[len] = '\0';
    }
    for (size_t i = 0; i < n; i++) {
        if (parents[i] && strcmp(parents[i], names[id]) == 0)
            next_last = i;
    }
    if (next_last != n)
        shell_print(sh, "%s  |\n", indent);
    indent[len] = ' ';
    indent[len + 1] = ' ';
    indent[len + 2] = '\0';
    for (size_t i = 0; i < n; i++) {
        /* a child named like one of its ancestors would loop for ever; a
         * real tree is never deeper than its number of devices */
        if (parents[i] && strcmp(parents[i], names[id]) == 0 && depth + 1 < n)
            nodedev_tree_print(sh, names, parents, n, i, next_last, depth + 1, indent,
                               len + 2);
    }
    indent[len] = '\0';
    if (next_last == n && id == last)
        shell_print(sh, "%s\n", indent);
    if (!root)
        indent[len - 2] = '\0';
}

static void
nodedev_list_tree(Shell *sh, const NodedevList *list)
{
    char **names, **parents, *indent;

    if (!(names = calloc(list->n + 1, sizeof(*names))) ||
        !(parents = calloc(list->n + 1, sizeof(*parents))) ||
        !(indent = calloc(4 * list->n + 8, 1)))
        abort();
    for (size_t i = 0; i < list->n; i++) {
        const char *parent;

        names[i] = (char *)virNodeDeviceGetName(list->devs[i]);
        if (strcmp(names[i], "computer") != 0 &&
            (parent = virNodeDeviceGetParent(list->devs[i])) && !(parents[i] = strdup(parent)))
            abort();
    }
    for (size_t i = 0; i < list->n; i++) {
        if (!parents[i]) {
            indent[0] = '\0';
            nodedev_tree_print(sh, names, parents, list->n, i, i, 0, indent, 0);
        }
    }
    nodedev_strv_free(parents, list->n);
    free(names);
    free(indent);
}

/* Turns the --cap words into listing flags; false after reporting an
 * unknown name. */
static bool
nodedev_cap_flags(Shell *sh, char **caps, size_t ncaps, unsigned int *flags)
{
    for (size_t i = 0; i < ncaps; i++) {
        size_t k;

        for (k = 0; k < NODEDEV_NCAPS && strcmp(caps[i], nodedev_cap_names[k]) != 0; k++)
            ;
        if (k == NODEDEV_NCAPS) {
            shell_error(sh, "%s", "Invalid capability type");
            return false;
        }
        *flags |= 1U << k;
    }
    return true;
}

static bool
cmd_nodedev_list(Shell *sh, const ShellCmd *cmd)
{
    bool tree = shell_opt_bool(cmd, "tree"), inactive = shell_opt_bool(cmd, "inactive");
    bool all = shell_opt_bool(cmd, "all"), ok = false;
    NodedevList list = { NULL, 0 };
    const char *cap_str = NULL;
    unsigned int flags = 0;
    char **caps = NULL;
    size_t ncaps = 0;
    int n;

    if (shell_opt_string_quiet(cmd, "cap", &cap_str) < 0)
        cap_str = NULL;
    if (cap_str)
        ncaps = nodedev_split(cap_str, &caps);
    if (all && inactive) {
        shell_error(sh, "%s", "Option --all is incompatible with --inactive");
        goto out;
    }
    if (tree && (cap_str || inactive)) {
        shell_error(sh, "%s", "Option --tree is incompatible with --cap and --inactive");
        goto out;
    }
    if (!nodedev_cap_flags(sh, caps, ncaps, &flags))
        goto out;
    if (inactive || all)
        flags |= VIR_CONNECT_LIST_NODE_DEVICES_INACTIVE;
    if (!inactive)
        flags |= VIR_CONNECT_LIST_NODE_DEVICES_ACTIVE;

    if ((n = virConnectListAllNodeDevices(sh->conn, &list.devs, flags)) >= 0) {
        list.n = (size_t)n;
    } else {
        shell_error_save(sh);
        if (shell_error_code(sh) != VIR_ERR_NO_SUPPORT) {
            shell_error(sh, "%s", "Failed to list node devices");
            goto out;
        }
        if (!nodedev_list_fallback(sh, caps, ncaps, &list))
            goto out;
    }
    if (list.n > 0)
        qsort(list.devs, list.n, sizeof(*list.devs), nodedev_sort);
    if (tree) {
        nodedev_list_tree(sh, &list);
    } else {
        for (size_t i = 0; i < list.n; i++)
            shell_print(sh, "%s\n", virNodeDeviceGetName(list.devs[i]));
    }
    ok = true;

 out:
    nodedev_list_free(&list);
    nodedev_strv_free(caps, ncaps);
    return ok;
}

static const ShellOptDef opts_nodedev_create[] = {
    { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ,
      "file containing an XML description of the device" },
    OPT_BOOL("validate", "validate the XML against the schema"),
    OPT_END,
};

static const ShellOptDef opts_nodedev_destroy[] = {
    { "name", SHELL_OPT_ALIAS, 0, "device" },
    OPT_DEVICE,
    OPT_END,
};

static const ShellOptDef opts_nodedev_dumpxml[] = {
    OPT_DEVICE,
    { "xpath", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "xpath expression to filter the XML document" },
    OPT_BOOL("wrap", "wrap xpath results in an common root element"),
    OPT_END,
};

static const ShellOptDef opts_nodedev_list[] = {
    OPT_BOOL("tree", "list devices in a tree"),
    { "cap", SHELL_OPT_STRING, 0, "capability names, separated by comma" },
    OPT_BOOL("inactive", "list inactive devices"),
    OPT_BOOL("all", "list inactive & active devices"),
    OPT_END,
};

const ShellCmdDef shell_nodedev_cmds[] = {
    { "nodedev-create", cmd_nodedev_create, opts_nodedev_create,
      "create a device defined by an XML file on the node",
      "Create a device on the node.  Note that this command creates devices on the physical "
      "host that can then be assigned to a virtual machine.", 0 },
    { "nodedev-destroy", cmd_nodedev_destroy, opts_nodedev_destroy,
      "destroy (stop) a device on the node",
      "Destroy a device on the node.  Note that this command destroys devices on the "
      "physical host", 0 },
    { "nodedev-dumpxml", cmd_nodedev_dumpxml, opts_nodedev_dumpxml,
      "node device details in XML",
      "Output the node device details as an XML dump to stdout.", 0 },
    { "nodedev-list", cmd_nodedev_list, opts_nodedev_list, "enumerate devices on this host",
      "", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
