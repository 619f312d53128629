/*
 * test_hostdev.c: host interfaces and node devices of the test driver.
 *
 * Both are kept as element trees from the state document (or from
 * virInterfaceDefineXML) rather than full object models: the test driver
 * only lists, looks up, toggles and prints them. Interfaces are printed
 * with their children in libvirt's order.
 */
#include <string.h>

#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"

#define VIR_FROM_THIS VIR_FROM_TEST
#include "util/error.h"

/* ---- loading ---- */

void
test_iface_free(TestIface *iface)
{
    if (!iface)
        return;
    free(iface->name);
    free(iface->mac);
    conf_xml_raw_free(iface->xml);
    free(iface);
}

void
test_nodedev_free(TestNodeDev *dev)
{
    if (!dev)
        return;
    free(dev->name);
    free(dev->parent);
    conf_xml_raw_free(dev->xml);
    free(dev);
}

void
test_hostdev_free_all(TestState *st)
{
    for (size_t i = 0; i < st->nifaces; i++)
        test_iface_free(st->ifaces[i]);
    for (size_t i = 0; i < st->nnodedevs; i++)
        test_nodedev_free(st->nodedevs[i]);
    free(st->ifaces);
    free(st->nodedevs);
}

/* Builds an interface from its element; reports libvirt's parse errors. */
static TestIface *
test_iface_parse(xmlNodePtr node)
{
    static const char *const order[] = { "start", "mtu", "bond", "bridge", "vlan", "protocol",
                                         "mac", "link", NULL };
    _cleanup_free_ char *name = conf_xml_prop(node, "name");
    _cleanup_free_ char *type = conf_xml_prop(node, "type");
    TestIface *iface;

    if (!conf_xml_is(node, "interface")) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR, "%s", "missing root element");
        return NULL;
    }
    if (!type) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR, "%s",
                         "Missing required attribute 'type' in element 'interface'");
        return NULL;
    }
    if (!name) {
        vir_error_report(VIR_FROM_INTERFACE, VIR_ERR_XML_ERROR, "%s", "interface has no name");
        return NULL;
    }
    iface = XNEW(TestIface);
    iface->name = TAKE_PTR(name);
    iface->mac = conf_xml_prop(conf_xml_child(node, "mac"), "address");
    iface->xml = conf_xml_raw_new(node);
    conf_xml_raw_sort_children(iface->xml, order);
    return iface;
}

int
test_iface_load(TestState *st, xmlNodePtr node)
{
    TestIface *iface = test_iface_parse(node);

    if (!iface)
        return -1;
    iface->active = true;
    st->ifaces = xreallocarray(st->ifaces, st->nifaces + 1, sizeof(*st->ifaces));
    st->ifaces[st->nifaces++] = iface;
    return 0;
}

/* libvirt does not keep a vport_ops capability's counts from the XML (they
 * come from sysfs): a loaded device shows zeros. */
static void
test_nodedev_reset_vports(xmlNodePtr node)
{
    for (xmlNodePtr cap = conf_xml_child(node, "capability"); cap;
         cap = conf_xml_next(cap, "capability"))
        for (xmlNodePtr sub = conf_xml_child(cap, "capability"); sub;
             sub = conf_xml_next(sub, "capability")) {
            _cleanup_free_ char *type = conf_xml_prop(sub, "type");

            if (!type || STRNEQ(type, "vport_ops"))
                continue;
            for (xmlNodePtr v = sub->children; v; v = v->next)
                if (conf_xml_is(v, "max_vports") || conf_xml_is(v, "vports"))
                    xmlNodeSetContent(v, BAD_CAST "0");
        }
}

int
test_nodedev_load(TestState *st, xmlNodePtr node)
{
    TestNodeDev *dev;
    _cleanup_free_ char *name = conf_xml_child_text(node, "name");

    if (!name) {
        vir_error_report(VIR_FROM_NODEDEV, VIR_ERR_XML_ERROR, "%s", "missing name element");
        return -1;
    }
    dev = XNEW(TestNodeDev);
    dev->name = TAKE_PTR(name);
    dev->parent = conf_xml_child_text(node, "parent");
    test_nodedev_reset_vports(node);
    dev->xml = conf_xml_raw_new(node);
    st->nodedevs = xreallocarray(st->nodedevs, st->nnodedevs + 1, sizeof(*st->nodedevs));
    st->nodedevs[st->nnodedevs++] = dev;
    return 0;
}

/* ---- interfaces ---- */

static TestIface *
test_iface_find(TestState *st, const char *name)
{
    for (size_t i = 0; i < st->nifaces; i++)
        if (STREQ(st->ifaces[i]->name, name))
            return st->ifaces[i];
    vir_report_error(VIR_ERR_NO_INTERFACE, "no interface with matching name '%s'", name);
    return NULL;
}

static int
test_iface_count(virConnectPtr conn, bool active)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nifaces; i++)
        n += st->ifaces[i]->active == active;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int
test_iface_names(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    if (maxnames > 0)
        memset(names, 0, sizeof(*names) * (size_t)maxnames);
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nifaces && n < maxnames; i++)
        if (st->ifaces[i]->active == active)
            names[n++] = xstrdup(st->ifaces[i]->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_connect_num_of_interfaces(virConnectPtr conn)
{
    return test_iface_count(conn, true);
}

int
test_connect_list_interfaces(virConnectPtr conn, char **const names, int maxnames)
{
    return test_iface_names(conn, true, names, maxnames);
}

int
test_connect_num_of_defined_interfaces(virConnectPtr conn)
{
    return test_iface_count(conn, false);
}

int
test_connect_list_defined_interfaces(virConnectPtr conn, char **const names, int maxnames)
{
    return test_iface_names(conn, false, names, maxnames);
}

int
test_connect_list_all_interfaces(virConnectPtr conn, virInterfacePtr **ifaces,
                                 unsigned int flags)
{
    const unsigned int both = VIR_CONNECT_LIST_INTERFACES_ACTIVE |
                              VIR_CONNECT_LIST_INTERFACES_INACTIVE;
    TestState *st = test_state_of(conn);
    virInterfacePtr *list = NULL;
    int n = 0;

    TEST_CHECK_FLAGS(flags, both, "testConnectListAllInterfaces", -1);
    pthread_mutex_lock(&st->lock);
    if (ifaces)
        list = XNEW_ARRAY(virInterfacePtr, st->nifaces + 1);
    for (size_t i = 0; i < st->nifaces; i++) {
        TestIface *iface = st->ifaces[i];

        if ((flags & both) && (flags & both) != both &&
            !!(flags & VIR_CONNECT_LIST_INTERFACES_ACTIVE) != iface->active)
            continue;
        if (list)
            list[n] = handle_iface_new(conn, iface->name, iface->mac);
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (ifaces)
        *ifaces = list;
    return n;
}

virInterfacePtr
test_interface_lookup_by_name(virConnectPtr conn, const char *name)
{
    TestState *st = test_state_of(conn);
    virInterfacePtr ret = NULL;
    TestIface *iface;

    pthread_mutex_lock(&st->lock);
    if ((iface = test_iface_find(st, name)))
        ret = handle_iface_new(conn, iface->name, iface->mac);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virInterfacePtr
test_interface_lookup_by_mac_string(virConnectPtr conn, const char *mac)
{
    TestState *st = test_state_of(conn);
    virInterfacePtr ret = NULL;
    TestIface *found = NULL;
    int matches = 0;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nifaces; i++) {
        if (st->ifaces[i]->mac && strcasecmp(st->ifaces[i]->mac, mac) == 0) {
            found = st->ifaces[i];
            matches++;
        }
    }
    if (matches == 0)
        vir_report_error(VIR_ERR_NO_INTERFACE, "no interface with matching mac '%s'", mac);
    else if (matches > 1)
        vir_report_error(VIR_ERR_MULTIPLE_INTERFACES, "%s",
                         "multiple matching interfaces found");
    else
        ret = handle_iface_new(conn, found->name, found->mac);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

char *
test_interface_get_xml_desc(virInterfacePtr iface, unsigned int flags)
{
    TestState *st = test_state_of(iface->conn);
    TestIface *obj;
    char *ret = NULL;

    TEST_CHECK_FLAGS(flags, 0, "testInterfaceGetXMLDesc", NULL);
    pthread_mutex_lock(&st->lock);
    if ((obj = test_iface_find(st, iface->name))) {
        VireoBuf buf = { 0 };

        conf_xml_raw_format(&buf, obj->xml, 0);
        ret = buf_steal(&buf);
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virInterfacePtr
test_interface_define_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *st = test_state_of(conn);
    virInterfacePtr ret = NULL;
    TestIface *iface = NULL;
    xmlDocPtr doc;

    TEST_CHECK_FLAGS(flags, VIR_INTERFACE_DEFINE_VALIDATE, "testInterfaceDefineXML", NULL);
    if (!(doc = conf_xml_parse_string(xml, "(interface_definition)", "interface",
                                      VIR_FROM_INTERFACE)))
        return NULL;
    iface = test_iface_parse(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    if (!iface)
        return NULL;
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nifaces; i++) {
        if (STREQ(st->ifaces[i]->name, iface->name)) {
            iface->active = st->ifaces[i]->active;
            test_iface_free(st->ifaces[i]);
            st->ifaces[i] = iface;
            goto done;
        }
    }
    st->ifaces = xreallocarray(st->ifaces, st->nifaces + 1, sizeof(*st->ifaces));
    st->ifaces[st->nifaces++] = iface;
done:
    ret = handle_iface_new(conn, iface->name, iface->mac);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_interface_undefine(virInterfacePtr iface)
{
    TestState *st = test_state_of(iface->conn);
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nifaces; i++) {
        if (STRNEQ(st->ifaces[i]->name, iface->name))
            continue;
        test_iface_free(st->ifaces[i]);
        memmove(&st->ifaces[i], &st->ifaces[i + 1], (st->nifaces - i - 1) * sizeof(*st->ifaces));
        st->nifaces--;
        ret = 0;
        break;
    }
    if (ret < 0)
        vir_report_error(VIR_ERR_NO_INTERFACE, "no interface with matching name '%s'",
                         iface->name);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* Create (want_active) or destroy: the other state is required. */
static int
test_iface_set_active(virInterfacePtr iface, bool want_active)
{
    TestState *st = test_state_of(iface->conn);
    TestIface *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_iface_find(st, iface->name))) {
        if (obj->active == want_active) {
            vir_report_error(VIR_ERR_OPERATION_INVALID, NULL);
        } else {
            obj->active = want_active;
            ret = 0;
        }
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_interface_create(virInterfacePtr iface, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testInterfaceCreate", -1);
    return test_iface_set_active(iface, true);
}

int
test_interface_destroy(virInterfacePtr iface, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testInterfaceDestroy", -1);
    return test_iface_set_active(iface, false);
}

int
test_interface_is_active(virInterfacePtr iface)
{
    TestState *st = test_state_of(iface->conn);
    TestIface *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_iface_find(st, iface->name)))
        ret = obj->active;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* ---- node devices ---- */

TestNodeDev *
test_nodedev_find(TestState *st, const char *name)
{
    for (size_t i = 0; i < st->nnodedevs; i++)
        if (STREQ(st->nodedevs[i]->name, name))
            return st->nodedevs[i];
    vir_report_error(VIR_ERR_NO_NODE_DEVICE, "no node device with matching name '%s'", name);
    return NULL;
}

/* The capability names of dev: each top-level <capability type>, plus
 * (with nested) fc_host and vports inside a scsi_host, which count when
 * filtering by capability but are not listed as capabilities. */
static size_t
test_nodedev_caps(const TestNodeDev *dev, const char **ret, size_t max, bool nested)
{
    size_t n = 0;

    for (ConfXmlRaw *c = conf_xml_raw_child(dev->xml, "capability"); c && n < max;
         c = conf_xml_raw_next(dev->xml, c, "capability")) {
        const char *type = conf_xml_raw_attr(c, "type");

        if (!type)
            continue;
        ret[n++] = type;
        if (!nested || STRNEQ(type, "scsi_host"))
            continue;
        for (ConfXmlRaw *sub = conf_xml_raw_child(c, "capability"); sub && n < max;
             sub = conf_xml_raw_next(c, sub, "capability")) {
            const char *st = conf_xml_raw_attr(sub, "type");

            if (st && STREQ(st, "fc_host"))
                ret[n++] = "fc_host";
            else if (st && STREQ(st, "vport_ops"))
                ret[n++] = "vports";
        }
    }
    return n;
}

#define TEST_NODEDEV_MAX_CAPS 16

static bool
test_nodedev_has_cap(const TestNodeDev *dev, const char *cap)
{
    const char *caps[TEST_NODEDEV_MAX_CAPS];
    size_t n = test_nodedev_caps(dev, caps, TEST_NODEDEV_MAX_CAPS, true);

    if (!cap)
        return true;
    for (size_t i = 0; i < n; i++)
        if (STREQ(caps[i], cap))
            return true;
    return false;
}

int
test_node_num_of_devices(virConnectPtr conn, const char *cap, unsigned int flags)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    TEST_CHECK_FLAGS(flags, 0, "testNodeNumOfDevices", -1);
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nnodedevs; i++)
        n += test_nodedev_has_cap(st->nodedevs[i], cap);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_node_list_devices(virConnectPtr conn, const char *cap, char **const names, int maxnames,
                       unsigned int flags)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    TEST_CHECK_FLAGS(flags, 0, "testNodeListDevices", -1);
    if (maxnames > 0)
        memset(names, 0, sizeof(*names) * (size_t)maxnames);
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nnodedevs && n < maxnames; i++)
        if (test_nodedev_has_cap(st->nodedevs[i], cap))
            names[n++] = xstrdup(st->nodedevs[i]->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

/* VIR_CONNECT_LIST_NODE_DEVICES_CAP_* bit -> capability name. */
static const char *const test_nodedev_cap_bits[] = {
    "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target", "scsi",
    "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types", "mdev", "ccw",
    "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd",
};

int
test_connect_list_all_node_devices(virConnectPtr conn, virNodeDevicePtr **devices,
                                   unsigned int flags)
{
    const unsigned int caps_mask = (1u << ARRAY_SIZE(test_nodedev_cap_bits)) - 1;
    TestState *st = test_state_of(conn);
    virNodeDevicePtr *list = NULL;
    int n = 0;

    TEST_CHECK_FLAGS(flags, caps_mask, "testConnectListAllNodeDevices", -1);
    pthread_mutex_lock(&st->lock);
    if (devices)
        list = XNEW_ARRAY(virNodeDevicePtr, st->nnodedevs + 1);
    for (size_t i = 0; i < st->nnodedevs; i++) {
        bool keep = !(flags & caps_mask);

        for (size_t b = 0; !keep && b < ARRAY_SIZE(test_nodedev_cap_bits); b++)
            keep = (flags & (1u << b)) &&
                   test_nodedev_has_cap(st->nodedevs[i], test_nodedev_cap_bits[b]);
        if (!keep)
            continue;
        if (list)
            list[n] = handle_nodedev_new(conn, st->nodedevs[i]->name);
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (devices)
        *devices = list;
    return n;
}

virNodeDevicePtr
test_node_device_lookup_by_name(virConnectPtr conn, const char *name)
{
    TestState *st = test_state_of(conn);
    virNodeDevicePtr ret = NULL;
    TestNodeDev *dev;

    pthread_mutex_lock(&st->lock);
    if ((dev = test_nodedev_find(st, name)))
        ret = handle_nodedev_new(conn, dev->name);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

char *
test_node_device_get_parent(virNodeDevicePtr dev)
{
    TestState *st = test_state_of(dev->conn);
    TestNodeDev *obj;
    char *ret = NULL;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_nodedev_find(st, dev->name))) {
        if (obj->parent)
            ret = xstrdup(obj->parent);
        else
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "no parent for this device");
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_node_device_num_of_caps(virNodeDevicePtr dev)
{
    TestState *st = test_state_of(dev->conn);
    const char *caps[TEST_NODEDEV_MAX_CAPS];
    TestNodeDev *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_nodedev_find(st, dev->name)))
        ret = (int)test_nodedev_caps(obj, caps, TEST_NODEDEV_MAX_CAPS, false);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_node_device_list_caps(virNodeDevicePtr dev, char **const names, int maxnames)
{
    TestState *st = test_state_of(dev->conn);
    const char *caps[TEST_NODEDEV_MAX_CAPS];
    TestNodeDev *obj;
    int ret = -1;

    if (maxnames > 0)
        memset(names, 0, sizeof(*names) * (size_t)maxnames);
    pthread_mutex_lock(&st->lock);
    if ((obj = test_nodedev_find(st, dev->name))) {
        size_t n = test_nodedev_caps(obj, caps, TEST_NODEDEV_MAX_CAPS, false);

        for (ret = 0; (size_t)ret < n && ret < maxnames; ret++)
            names[ret] = xstrdup(caps[ret]);
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

char *
test_node_device_get_xml_desc(virNodeDevicePtr dev, unsigned int flags)
{
    TestState *st = test_state_of(dev->conn);
    TestNodeDev *obj;
    char *ret = NULL;

    TEST_CHECK_FLAGS(flags, 0, "testNodeDeviceGetXMLDesc", NULL);
    pthread_mutex_lock(&st->lock);
    if ((obj = test_nodedev_find(st, dev->name))) {
        VireoBuf buf = { 0 };

        conf_xml_raw_format(&buf, obj->xml, 0);
        ret = buf_steal(&buf);
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}
