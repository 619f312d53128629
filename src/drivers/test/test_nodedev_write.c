/*
 * test_nodedev_write.c: virNodeDeviceCreateXML and virNodeDeviceDestroy in
 * the test driver, with libvirt 9.0's test-driver semantics.
 *
 * Only vHBAs can be created: the XML must describe a scsi_host with an
 * fc_host capability (wwnn/wwpn given: the test driver cannot generate
 * them), whose parent is a vport-capable scsi_host. libvirt's test driver
 * does not make a device from that XML: it copies its fixture scsi_host11,
 * renames the copy scsi_host12 and gives its fc_host the requested WWNs
 * (replacing an earlier scsi_host12), so the same happens here. Destroy
 * removes any fc_host device whose parent exists (and, as libvirt's, says
 * it did while leaving any other device alone). Both raise node device
 * lifecycle events (created / deleted), as libvirt's test driver does.
 *
 * Of libvirt's capability parsers only what decides the outcome here is
 * checked: the capability type names, the scsi_host sub-capabilities and
 * a net capability's interface name; other capability contents are not
 * validated (the device made never comes from them).
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "drivers/test/test_methods.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/buf.h"

#define VIR_FROM_THIS VIR_FROM_NODEDEV
#include "util/error.h"

/* The device name libvirt gives a definition being created. */
#define TEST_NODEDEV_NEW_NAME "new device"
/* The fixture copied and the name of the copy (libvirt's test driver). */
#define TEST_NODEDEV_VPORT_SOURCE "scsi_host11"
#define TEST_NODEDEV_VPORT_NAME "scsi_host12"

/* virNodeDevCapType's names, in libvirt's order. */
static const char *const test_nodedev_cap_types[] = {
    "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target", "scsi",
    "storage", "fc_host", "vports", "scsi_generic", "drm", "mdev_types", "mdev", "ccw",
    "css", "vdpa", "ap_card", "ap_queue", "ap_matrix", "vpd", NULL,
};

/* What a created device's definition says that matters here. */
typedef struct {
    char *parent, *parent_wwnn, *parent_wwpn, *parent_fabric_wwn;
    char *wwnn, *wwpn;  /* of the first scsi_host with an fc_host capability */
    bool fc_host;
} TestNodeDevNew;

static void
test_nodedev_new_clear(TestNodeDevNew *def)
{
    free(def->parent);
    free(def->parent_wwnn);
    free(def->parent_wwpn);
    free(def->parent_fabric_wwn);
    free(def->wwnn);
    free(def->wwpn);
}

/* A scsi_host capability's sub-capabilities (libvirt's checks and texts). */
static int
test_nodedev_parse_scsi_host(xmlNodePtr cap, TestNodeDevNew *def)
{
    for (xmlNodePtr sub = conf_xml_child(cap, "capability"); sub;
         sub = conf_xml_next(sub, "capability")) {
        _cleanup_free_ char *type = conf_xml_prop(sub, "type");

        if (!type) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "missing SCSI host capability type for '%s'",
                             TEST_NODEDEV_NEW_NAME);
            return -1;
        }
        if (STREQ(type, "vport_ops"))
            continue;
        if (STRNEQ(type, "fc_host")) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR,
                             "unknown SCSI host capability type '%s' for '%s'", type,
                             TEST_NODEDEV_NEW_NAME);
            return -1;
        }
        {
            _cleanup_free_ char *wwnn = conf_xml_child_text(sub, "wwnn");
            _cleanup_free_ char *wwpn = conf_xml_child_text(sub, "wwpn");

            /* the test driver has no virt type to generate WWNs for */
            if (!wwnn || !*wwnn) {
                vir_report_error(VIR_ERR_INTERNAL_ERROR,
                                 "no WWNN supplied for '%s', and auto-generation failed",
                                 TEST_NODEDEV_NEW_NAME);
                return -1;
            }
            if (!wwpn || !*wwpn) {
                vir_report_error(VIR_ERR_INTERNAL_ERROR,
                                 "no WWPN supplied for '%s', and auto-generation failed",
                                 TEST_NODEDEV_NEW_NAME);
                return -1;
            }
            if (!def->fc_host) {
                def->fc_host = true;
                def->wwnn = TAKE_PTR(wwnn);
                def->wwpn = TAKE_PTR(wwpn);
            }
        }
    }
    return 0;
}

static int
test_nodedev_parse_cap(xmlNodePtr cap, TestNodeDevNew *def)
{
    _cleanup_free_ char *type = NULL;

    if (conf_xml_prop_enum(cap, "type", test_nodedev_cap_types, true, &type) < 0)
        return -1;
    if (STREQ(type, "scsi_host"))
        return test_nodedev_parse_scsi_host(cap, def);
    if (STREQ(type, "net")) {
        _cleanup_free_ char *ifname = conf_xml_child_text(cap, "interface");

        if (!ifname) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "no network interface supplied for '%s'",
                             TEST_NODEDEV_NEW_NAME);
            return -1;
        }
    }
    return 0;
}

/* libvirt's node device schema, where Debian's libvirt installs it. */
#define TEST_NODEDEV_RNG "/usr/share/libvirt/schemas/nodedev.rng"

static pthread_mutex_t test_nodedev_rng_lock = PTHREAD_MUTEX_INITIALIZER;
static xmlRelaxNGPtr test_nodedev_rng; /* parsed on first use; test_nodedev_rng_lock */

static void
test_nodedev_rng_catch(void *ctx, const char *msg, ...)
{
    va_list ap;

    va_start(ap, msg);
    buf_vaddf(ctx, msg, ap);
    va_end(ap);
}

static void
test_nodedev_rng_ignore(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* VIR_NODE_DEVICE_CREATE_XML_VALIDATE: doc against libvirt's own schema,
 * with libxml2's words in the error, as libvirt. Without the schema file
 * there is nothing to check against and the parser's checks alone apply.
 * Reports. */
static int
test_nodedev_validate(xmlDocPtr doc)
{
    VireoBuf buf = VIREO_BUF_INIT;
    xmlRelaxNGValidCtxtPtr vctxt = NULL;
    int rc = -1;

    if (access(TEST_NODEDEV_RNG, R_OK) != 0)
        return 0;
    pthread_mutex_lock(&test_nodedev_rng_lock);
    if (!test_nodedev_rng) {
        xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt(TEST_NODEDEV_RNG);

        if (pctxt) {
            xmlRelaxNGSetParserErrors(pctxt, test_nodedev_rng_ignore, test_nodedev_rng_ignore,
                                      NULL);
            test_nodedev_rng = xmlRelaxNGParse(pctxt);
            xmlRelaxNGFreeParserCtxt(pctxt);
        }
    }
    if (!test_nodedev_rng || !(vctxt = xmlRelaxNGNewValidCtxt(test_nodedev_rng))) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Unable to parse RNG %s", TEST_NODEDEV_RNG);
        goto out;
    }
    xmlRelaxNGSetValidErrors(vctxt, test_nodedev_rng_catch, test_nodedev_rng_ignore, &buf);
    if (xmlRelaxNGValidateDoc(vctxt, doc) != 0) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_INVALID_SCHEMA,
                         "Unable to validate doc against %s\n%s", TEST_NODEDEV_RNG,
                         buf_str(&buf) ? buf_str(&buf) : "");
        goto out;
    }
    rc = 0;
out:
    if (vctxt)
        xmlRelaxNGFreeValidCtxt(vctxt);
    pthread_mutex_unlock(&test_nodedev_rng_lock);
    buf_reset(&buf);
    return rc;
}

/* Parses a definition to create; reports libvirt's errors. */
static int
test_nodedev_parse_new(const char *xml, bool validate, TestNodeDevNew *def)
{
    xmlDocPtr doc = conf_xml_parse_string(xml, "(node_device_definition)", "device",
                                          VIR_FROM_NODEDEV);
    xmlNodePtr root, parent;
    int ret = -1;

    if (!doc)
        return -1;
    if (validate && test_nodedev_validate(doc) < 0)
        goto out;
    root = xmlDocGetRootElement(doc);
    parent = conf_xml_child(root, "parent");
    def->parent = conf_xml_child_text(root, "parent");
    if (def->parent && !*def->parent)
        free(TAKE_PTR(def->parent));
    def->parent_wwnn = conf_xml_prop(parent, "wwnn");
    def->parent_wwpn = conf_xml_prop(parent, "wwpn");
    def->parent_fabric_wwn = conf_xml_prop(parent, "fabric_wwn");
    if (def->parent_wwnn && !def->parent_wwpn) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "when providing parent wwnn='%s', the wwpn must also be provided",
                         def->parent_wwnn);
        goto out;
    }
    if (!def->parent_wwnn && def->parent_wwpn) {
        vir_report_error(VIR_ERR_XML_ERROR,
                         "when providing parent wwpn='%s', the wwnn must also be provided",
                         def->parent_wwpn);
        goto out;
    }
    if (!conf_xml_child(root, "capability")) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "no device capabilities for '%s'",
                         TEST_NODEDEV_NEW_NAME);
        goto out;
    }
    for (xmlNodePtr cap = conf_xml_child(root, "capability"); cap;
         cap = conf_xml_next(cap, "capability"))
        if (test_nodedev_parse_cap(cap, def) < 0)
            goto out;
    ret = 0;
out:
    xmlFreeDoc(doc);
    return ret;
}

/* The sub-capability of dev's scsi_host capabilities called type, or NULL. */
static ConfXmlRaw *
test_nodedev_scsi_sub(const TestNodeDev *dev, const char *type)
{
    for (ConfXmlRaw *c = conf_xml_raw_child(dev->xml, "capability"); c;
         c = conf_xml_raw_next(dev->xml, c, "capability")) {
        const char *ctype = conf_xml_raw_attr(c, "type");

        if (!ctype || STRNEQ(ctype, "scsi_host"))
            continue;
        for (ConfXmlRaw *sub = conf_xml_raw_child(c, "capability"); sub;
             sub = conf_xml_raw_next(c, sub, "capability")) {
            const char *stype = conf_xml_raw_attr(sub, "type");

            if (stype && STREQ(stype, type))
                return sub;
        }
    }
    return NULL;
}

static const char *
test_nodedev_sub_text(const ConfXmlRaw *sub, const char *name)
{
    ConfXmlRaw *el = sub ? conf_xml_raw_child(sub, name) : NULL;

    return el ? conf_xml_raw_text(el) : NULL;
}

static bool
test_nodedev_text_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && STREQ(a, b));
}

/* The device new_def names as its parent, by name, WWNs, fabric or the
 * first vport-capable one; it must be able to create vports. Reports. */
static const TestNodeDev *
test_nodedev_parent_host(TestState *st, const TestNodeDevNew *def)
{
    const TestNodeDev *found = NULL;

    for (size_t i = 0; i < st->nnodedevs && !found; i++) {
        const TestNodeDev *d = st->nodedevs[i];
        ConfXmlRaw *fc = test_nodedev_scsi_sub(d, "fc_host");

        if (def->parent)
            found = STREQ(d->name, def->parent) ? d : NULL;
        else if (def->parent_wwnn)
            found = fc && test_nodedev_text_eq(test_nodedev_sub_text(fc, "wwnn"),
                                               def->parent_wwnn) &&
                            test_nodedev_text_eq(test_nodedev_sub_text(fc, "wwpn"),
                                                 def->parent_wwpn)
                        ? d : NULL;
        else if (def->parent_fabric_wwn)
            found = fc && test_nodedev_text_eq(test_nodedev_sub_text(fc, "fabric_wwn"),
                                               def->parent_fabric_wwn)
                        ? d : NULL;
        else
            found = test_nodedev_scsi_sub(d, "vport_ops") ? d : NULL;
    }
    if (!found) {
        if (def->parent || def->parent_wwnn || def->parent_fabric_wwn)
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "Could not find parent device for '%s'",
                             TEST_NODEDEV_NEW_NAME);
        else
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                             "Could not find any vport capable device");
        return NULL;
    }
    if (!test_nodedev_scsi_sub(found, "vport_ops")) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR,
                         "Parent device %s is not capable of vport operations", found->name);
        return NULL;
    }
    return found;
}

static void
test_nodedev_set_child_text(xmlNodePtr node, const char *name, const char *text)
{
    xmlNodePtr el = conf_xml_child(node, name);

    if (el)
        xmlNodeSetContent(el, BAD_CAST text);
}

/* Adds one to an element holding a number (the copy's host and unique_id). */
static void
test_nodedev_bump_child(xmlNodePtr node, const char *name)
{
    _cleanup_free_ char *text = conf_xml_child_text(node, name);
    char num[32];

    if (!text)
        return;
    snprintf(num, sizeof(num), "%lld", strtoll(text, NULL, 10) + 1);
    test_nodedev_set_child_text(node, name, num);
}

/* The mock vport: scsi_host11 renamed, with the requested WWNs. NULL when
 * the fixture is missing (as libvirt, nothing more specific is said). */
static TestNodeDev *
test_nodedev_mock_vport(TestState *st, const TestNodeDevNew *def)
{
    TestNodeDev *src = NULL, *dev;
    _cleanup_free_ char *xml = NULL;
    xmlDocPtr doc;
    xmlNodePtr root;

    for (size_t i = 0; i < st->nnodedevs && !src; i++)
        if (STREQ(st->nodedevs[i]->name, TEST_NODEDEV_VPORT_SOURCE))
            src = st->nodedevs[i];
    if (!src) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                         "An error occurred, but the cause is unknown");
        return NULL;
    }
    xml = conf_xml_raw_to_string(src->xml);
    if (!(doc = conf_xml_parse_string(xml, "(node_device_definition)", "device",
                                      VIR_FROM_NODEDEV)))
        return NULL;
    root = xmlDocGetRootElement(doc);
    test_nodedev_set_child_text(root, "name", TEST_NODEDEV_VPORT_NAME);
    for (xmlNodePtr cap = conf_xml_child(root, "capability"); cap;
         cap = conf_xml_next(cap, "capability")) {
        _cleanup_free_ char *type = conf_xml_prop(cap, "type");
        bool fc = false;

        if (!type || STRNEQ(type, "scsi_host"))
            continue;
        for (xmlNodePtr sub = conf_xml_child(cap, "capability"); sub;
             sub = conf_xml_next(sub, "capability")) {
            _cleanup_free_ char *stype = conf_xml_prop(sub, "type");

            if (stype && STREQ(stype, "fc_host")) {
                fc = true;
                test_nodedev_set_child_text(sub, "wwnn", def->wwnn);
                test_nodedev_set_child_text(sub, "wwpn", def->wwpn);
            }
        }
        if (!fc) {
            test_nodedev_bump_child(cap, "host");
            test_nodedev_bump_child(cap, "unique_id");
        }
    }
    dev = XNEW(TestNodeDev);
    dev->name = xstrdup(TEST_NODEDEV_VPORT_NAME);
    dev->parent = conf_xml_child_text(root, "parent");
    dev->xml = conf_xml_raw_new(root);
    xmlFreeDoc(doc);
    return dev;
}

/* Puts dev in the list, replacing a device of the same name in place. */
static void
test_nodedev_assign(TestState *st, TestNodeDev *dev)
{
    for (size_t i = 0; i < st->nnodedevs; i++) {
        if (STREQ(st->nodedevs[i]->name, dev->name)) {
            test_nodedev_free(st->nodedevs[i]);
            st->nodedevs[i] = dev;
            return;
        }
    }
    st->nodedevs = xreallocarray(st->nodedevs, st->nnodedevs + 1, sizeof(*st->nodedevs));
    st->nodedevs[st->nnodedevs++] = dev;
}

virNodeDevicePtr
test_node_device_create_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *st = test_state_of(conn);
    TestNodeDevNew def = { 0 };
    virNodeDevicePtr ret = NULL;
    TestNodeDev *dev;

    TEST_CHECK_FLAGS(flags, VIR_NODE_DEVICE_CREATE_XML_VALIDATE, "testNodeDeviceCreateXML",
                     NULL);
    if (test_nodedev_parse_new(xml, flags & VIR_NODE_DEVICE_CREATE_XML_VALIDATE, &def) < 0)
        goto out;
    if (!def.fc_host) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "Device is not a fibre channel HBA");
        goto out;
    }
    pthread_mutex_lock(&st->lock);
    if (test_nodedev_parent_host(st, &def) && (dev = test_nodedev_mock_vport(st, &def))) {
        test_nodedev_assign(st, dev);
        test_event_nodedev(st, dev->name, VIR_NODE_DEVICE_EVENT_CREATED);
        ret = handle_nodedev_new(conn, dev->name);
        /* the handle names the parent the caller asked for, as libvirt's */
        if (def.parent)
            ret->parent_name = xstrdup(def.parent);
    }
    pthread_mutex_unlock(&st->lock);
out:
    test_nodedev_new_clear(&def);
    return ret;
}

int
test_node_device_destroy(virNodeDevicePtr dev)
{
    TestState *st = test_state_of(dev->conn);
    TestNodeDev *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if (!(obj = test_nodedev_find(st, dev->name)))
        goto out;
    /* libvirt's test driver answers success, leaving the device in place,
     * when it is no fibre channel HBA or its parent is gone: so do we. */
    ret = 0;
    if (!test_nodedev_scsi_sub(obj, "fc_host"))
        goto out;
    {
        bool parent_found = false;

        for (size_t i = 0; obj->parent && i < st->nnodedevs && !parent_found; i++)
            parent_found = STREQ(st->nodedevs[i]->name, obj->parent);
        if (!parent_found)
            goto out;
    }
    test_event_nodedev(st, obj->name, VIR_NODE_DEVICE_EVENT_DELETED);
    for (size_t i = 0; i < st->nnodedevs; i++) {
        if (st->nodedevs[i] == obj) {
            memmove(&st->nodedevs[i], &st->nodedevs[i + 1],
                    (st->nnodedevs - i - 1) * sizeof(*st->nodedevs));
            st->nnodedevs--;
            break;
        }
    }
    test_nodedev_free(obj);
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}
