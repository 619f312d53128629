/*
 * test_network_update.c: virNetworkUpdate in the test driver, with libvirt
 * 9.0's rules (virNetworkDefUpdateSection): per section, which commands are
 * allowed, how a new entry is parsed, how it is matched against the
 * existing ones, and every error text.
 *
 * The network definition keeps most of its XML as element trees, so an
 * update works on the document: the definition is formatted and parsed
 * back into a libxml2 tree, the entry is added, replaced or removed there
 * (written in libvirt's canonical form, in libvirt's child order), and the
 * result is parsed as a new definition, which is also the final validity
 * check libvirt makes. Nothing changes unless every step succeeds.
 *
 * Which definitions are touched follows libvirt's test driver: CURRENT
 * means the live one when the network runs, else the persistent one; a
 * config change to a running persistent network goes to the pending
 * definition, which (as there) the XML does not show.
 */
#include <string.h>

#include <libxml/tree.h>

#include "drivers/test/test_network_update.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK
#include "util/error.h"

/* ---- forward-interface ---- */

/* Rewrites <forward dev> from the first interface, as libvirt formats it. */
static void
test_netup_forward_tidy(xmlNodePtr fwd)
{
    static const char *const order[] = { "driver", "nat", "pf", "interface", "address", NULL };
    xmlNodePtr first = conf_xml_child(fwd, "interface");
    _cleanup_free_ char *dev = first ? conf_xml_prop(first, "dev") : NULL;

    test_netup_sort(fwd, order);
    if (conf_xml_child(fwd, "pf"))
        return;
    if (dev)
        xmlSetProp(fwd, BAD_CAST "dev", BAD_CAST dev);
    else
        xmlUnsetProp(fwd, BAD_CAST "dev");
}

int
test_netup_forward_interface(TestNetUpdate *up)
{
    _cleanup_free_ char *dev = NULL;
    _cleanup_free_ xmlNodePtr *ifs = NULL;
    xmlNodePtr fwd = conf_xml_child(up->root, "forward"), node;
    size_t n, i;

    if (test_netup_check_name(up, "interface") < 0)
        return -1;
    if (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY) {
        vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                         "forward interface entries cannot be modified, only added or deleted");
        return -1;
    }
    if (!(dev = conf_xml_prop(up->node, "dev"))) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "missing dev attribute in <interface> element");
        return -1;
    }
    ifs = test_netup_children(fwd, "interface", &n);
    for (i = 0; i < n; i++) {
        _cleanup_free_ char *d = conf_xml_prop(ifs[i], "dev");

        if (test_str_eq(d, dev))
            break;
    }
    if (test_netup_is_add(up)) {
        if (i < n) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "there is an existing interface entry in network '%s' that matches "
                             "\"<interface dev='%s'>\"", up->net_name, dev);
            return -1;
        }
        /* an isolated network has no <forward> to keep it in */
        if (!fwd)
            return 0;
        node = test_netup_new_node("interface");
        test_netup_set(node, "dev", dev);
        test_netup_insert(fwd, "interface", node,
                          up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    } else if (up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        if (i == n) {
            vir_report_error(VIR_ERR_OPERATION_INVALID,
                             "couldn't find an interface entry in network '%s' matching "
                             "<interface dev='%s'>", up->net_name, dev);
            return -1;
        }
        test_netup_remove(ifs[i]);
    } else {
        test_netup_unknown_command(up->command);
        return -1;
    }
    test_netup_forward_tidy(fwd);
    return 0;
}

/* ---- portgroup ---- */

int
test_netup_portgroup(TestNetUpdate *up)
{
    static const char *const tristate[] = { "yes", "no", NULL };
    static const char *const order[] = { "vlan", "virtualport", "bandwidth", NULL };
    _cleanup_free_ char *name = NULL, *def = NULL, *trust = NULL;
    _cleanup_free_ xmlNodePtr *pgs = NULL;
    int found_name = -1, found_default = -1;
    bool is_default;
    xmlNodePtr node;
    size_t n;

    if (test_netup_check_name(up, "portgroup") < 0)
        return -1;
    if (!(name = conf_xml_prop(up->node, "name"))) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "Missing required name attribute in portgroup");
        return -1;
    }
    def = conf_xml_prop(up->node, "default");
    is_default = def && strcasecmp(def, "yes") == 0;
    if (conf_xml_prop_enum(up->node, "trustGuestRxFilters", tristate, false, &trust) < 0)
        return -1;
    pgs = test_netup_children(up->root, "portgroup", &n);
    for (size_t i = 0; i < n; i++) {
        _cleanup_free_ char *pn = conf_xml_prop(pgs[i], "name");
        _cleanup_free_ char *pd = conf_xml_prop(pgs[i], "default");

        if (test_str_eq(pn, name))
            found_name = (int)i;
        if (pd && strcasecmp(pd, "yes") == 0)
            found_default = (int)i;
    }
    if (found_name < 0 && (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY ||
                           up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "couldn't find a portgroup entry in network '%s' matching <portgroup "
                         "name='%s'>", up->net_name, name);
        return -1;
    }
    if (found_name >= 0 && test_netup_is_add(up)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "there is an existing portgroup entry in network '%s' that matches "
                         "\"<portgroup name='%s'>\"", up->net_name, name);
        return -1;
    }
    if (up->command != VIR_NETWORK_UPDATE_COMMAND_DELETE && is_default && found_default >= 0 &&
        found_default != found_name) {
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "a different portgroup entry in network '%s' is already set as the "
                         "default. Only one default is allowed.", up->net_name);
        return -1;
    }
    if (up->command == VIR_NETWORK_UPDATE_COMMAND_DELETE) {
        test_netup_remove(pgs[found_name]);
        return 0;
    }
    if (up->command != VIR_NETWORK_UPDATE_COMMAND_MODIFY && !test_netup_is_add(up)) {
        test_netup_unknown_command(up->command);
        return -1;
    }
    test_netup_unescaped(up, name);
    /* libvirt's form: its attributes in order, then vlan, virtualport,
     * bandwidth (kept as given) */
    node = test_netup_new_node("portgroup");
    test_netup_set(node, "name", name);
    if (is_default)
        test_netup_set(node, "default", "yes");
    test_netup_set(node, "trustGuestRxFilters", trust);
    for (size_t o = 0; order[o]; o++) {
        xmlNodePtr c = conf_xml_child(up->node, order[o]);

        if (c)
            xmlAddChild(node, xmlCopyNode(c, 1));
    }
    if (up->command == VIR_NETWORK_UPDATE_COMMAND_MODIFY)
        test_netup_replace(pgs[found_name], node);
    else
        test_netup_insert(up->root, "portgroup", node,
                          up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST);
    return 0;
}

/* ---- dispatch ---- */

/* Sections libvirt's network definitions cannot update in place. */
static int
test_netup_no_bridge(TestNetUpdate *up)
{
    return test_netup_no_support(up, "bridge");
}

static int
test_netup_no_domain(TestNetUpdate *up)
{
    return test_netup_no_support(up, "domain");
}

static int
test_netup_no_ip(TestNetUpdate *up)
{
    return test_netup_no_support(up, "ip");
}

static int
test_netup_no_forward(TestNetUpdate *up)
{
    return test_netup_no_support(up, "forward");
}

static int
test_netup_no_forward_pf(TestNetUpdate *up)
{
    return test_netup_no_support(up, "forward pf");
}

/* virNetworkUpdateSection -> handler. */
static const TestNetUpdateFunc test_netup_sections[] = {
    [VIR_NETWORK_SECTION_BRIDGE] = test_netup_no_bridge,
    [VIR_NETWORK_SECTION_DOMAIN] = test_netup_no_domain,
    [VIR_NETWORK_SECTION_IP] = test_netup_no_ip,
    [VIR_NETWORK_SECTION_IP_DHCP_HOST] = test_netup_dhcp_host,
    [VIR_NETWORK_SECTION_IP_DHCP_RANGE] = test_netup_dhcp_range,
    [VIR_NETWORK_SECTION_FORWARD] = test_netup_no_forward,
    [VIR_NETWORK_SECTION_FORWARD_INTERFACE] = test_netup_forward_interface,
    [VIR_NETWORK_SECTION_FORWARD_PF] = test_netup_no_forward_pf,
    [VIR_NETWORK_SECTION_PORTGROUP] = test_netup_portgroup,
    [VIR_NETWORK_SECTION_DNS_HOST] = test_netup_dns_host,
    [VIR_NETWORK_SECTION_DNS_TXT] = test_netup_dns_txt,
    [VIR_NETWORK_SECTION_DNS_SRV] = test_netup_dns_srv,
};

static int
test_netup_section(TestNetUpdate *up, unsigned int section)
{
    if (section >= ARRAY_SIZE(test_netup_sections) || !test_netup_sections[section]) {
        vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                         "can't update unrecognized section of network");
        return -1;
    }
    return test_netup_sections[section](up);
}

/* The checks libvirt's parser makes that ours leaves to this file: an
 * l3 forward mode takes one interface at most. */
static int
test_netup_check_result(const NetworkDef *def, xmlNodePtr root)
{
    xmlNodePtr fwd = conf_xml_child(root, "forward");
    const char *mode = def->has_forward ? def->forward_mode : "none";

    if (fwd && (STREQ(mode, "nat") || STREQ(mode, "route") || STREQ(mode, "open")) &&
        conf_xml_count(fwd, "interface") > 1) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "multiple forwarding interfaces specified for network '%s', only one "
                         "is supported", def->name);
        return -1;
    }
    return 0;
}

/* text with every "='<escaped>'" of a value libvirt prints raw turned
 * back into "='<raw>'" (caller frees). */
static char *
test_netup_unescape_text(const char *text, char *const *values)
{
    VireoBuf out = VIREO_BUF_INIT;

    buf_add(&out, text);
    for (size_t i = 0; values[i]; i++) {
        VireoBuf esc = VIREO_BUF_INIT;
        _cleanup_free_ char *from = NULL, *to = xasprintf("='%s'", values[i]);
        _cleanup_free_ char *cur = buf_steal(&out);
        const char *p = cur, *hit;

        buf_add(&esc, "='");
        conf_xml_escape(&esc, values[i]);
        buf_add(&esc, "'");
        from = buf_steal(&esc);
        while ((hit = strstr(p, from))) {
            buf_addf(&out, "%.*s%s", (int)(hit - p), p, to);
            p = hit + strlen(from);
        }
        buf_add(&out, p);
    }
    return buf_steal(&out);
}

/* libvirt's last check formats the new definition and parses it again;
 * the values it prints unescaped can make that fail (as '&' does), with
 * the parser's error. Takes def; the result, or NULL (reported). */
static NetworkDef *
test_netup_reparse(NetworkDef *def, char *const *values)
{
    _cleanup_free_ char *text = network_def_format(def);
    _cleanup_free_ char *raw = test_netup_unescape_text(text, values);
    NetworkDef *ret;

    ret = network_def_parse_string(raw);
    network_def_free(def);
    return ret;
}

/* Applies one update to a copy of def; the new definition, or NULL
 * (reported). */
static NetworkDef *
test_netup_apply(const NetworkDef *def, unsigned int command, unsigned int section,
                 int parent_index, const char *xml)
{
    _cleanup_free_ char *text = network_def_format(def);
    xmlDocPtr upd, doc = NULL;
    NetworkDef *ret = NULL;
    TestNetUpdate up = { .net_name = def->name, .command = command,
                         .parent_index = parent_index };

    if (!(upd = conf_xml_parse_string(xml, "network_update_xml", NULL, VIR_FROM_NETWORK)))
        return NULL;
    if (!(doc = conf_xml_parse_string(text, "(network_definition)", "network",
                                      VIR_FROM_NETWORK)))
        goto out;
    up.root = xmlDocGetRootElement(doc);
    up.node = xmlDocGetRootElement(upd);
    if (test_netup_section(&up, section) < 0)
        goto out;
    {
        xmlBufferPtr buf = xmlBufferCreate();

        xmlNodeDump(buf, doc, up.root, 0, 0);
        ret = network_def_parse_string((const char *)xmlBufferContent(buf));
        xmlBufferFree(buf);
    }
    if (ret && test_netup_check_result(ret, up.root) < 0) {
        network_def_free(ret);
        ret = NULL;
    }
    if (ret)
        ret = test_netup_reparse(ret, up.unescaped);
out:
    for (size_t i = 0; up.unescaped[i]; i++)
        free(up.unescaped[i]);
    xmlFreeDoc(doc);
    xmlFreeDoc(upd);
    return ret;
}

static NetworkDef *
test_netup_copy(const NetworkDef *def)
{
    _cleanup_free_ char *text = network_def_format(def);

    return network_def_parse_string(text);
}

int
test_network_update(virNetworkPtr net, unsigned int command, unsigned int section,
                    int parent_index, const char *xml, unsigned int flags)
{
    TestState *st = test_state_of(net->conn);
    NetworkDef *live = NULL, *config = NULL;
    TestNetwork *obj = NULL;
    char uuid[VIR_UUID_STRING_BUFLEN];
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG,
                     "testNetworkUpdate", -1);
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nnetworks && !obj; i++)
        if (memcmp(st->networks[i]->def->uuid, net->uuid, VIR_UUID_BUFLEN) == 0)
            obj = st->networks[i];
    if (!obj) {
        vir_error_report(VIR_FROM_TEST, VIR_ERR_NO_NETWORK,
                         "no network with matching uuid '%s'",
                         vireo_uuid_format(net->uuid, uuid));
        goto out;
    }
    if (!(flags & (VIR_NETWORK_UPDATE_AFFECT_LIVE | VIR_NETWORK_UPDATE_AFFECT_CONFIG)))
        flags |= obj->active ? VIR_NETWORK_UPDATE_AFFECT_LIVE : VIR_NETWORK_UPDATE_AFFECT_CONFIG;
    if (!obj->active && (flags & VIR_NETWORK_UPDATE_AFFECT_LIVE)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "network is not running");
        goto out;
    }
    if (flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) {
        if (!obj->persistent) {
            vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                             "cannot change persistent config of a transient network");
            goto out;
        }
        /* a running persistent network keeps its config apart from now on */
        if (obj->active && !obj->new_def && !(obj->new_def = test_netup_copy(obj->def)))
            goto out;
    }
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_LIVE) &&
        !(live = test_netup_apply(obj->def, command, section, parent_index, xml)))
        goto out;
    if ((flags & VIR_NETWORK_UPDATE_AFFECT_CONFIG) &&
        !(config = test_netup_apply(obj->new_def ? obj->new_def : obj->def, command, section,
                                    parent_index, xml)))
        goto out;
    if (config) {
        NetworkDef **slot = obj->active ? &obj->new_def : &obj->def;

        network_def_free(*slot);
        *slot = TAKE_PTR(config);
    }
    if (live) {
        network_def_free(obj->def);
        obj->def = TAKE_PTR(live);
    }
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    network_def_free(live);
    network_def_free(config);
    return ret;
}
