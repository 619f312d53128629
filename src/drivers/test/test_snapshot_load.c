/*
 * test_snapshot_load.c: snapshots given in a test driver state file, as
 * libvirt's test driver reads them: <test:domainsnapshot> elements inside a
 * <domain> (inline or file='...' relative to the state file), each a
 * snapshot in its saved form with <active> telling whether it is current.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <stdlib.h>
#include <string.h>

#include "conf/xml.h"
#include "drivers/test/test_moment.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

#define TEST_SNAP_NS_HREF "http://libvirt.org/schemas/domain/test/1.0"

static bool
test_snapshot_load_is_snapshot(xmlNodePtr n)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, TEST_SNAP_NS_HREF) == 0 &&
           strcmp((const char *)n->name, "domainsnapshot") == 0;
}

/* The element to read: node itself, or the root of the file it names
 * (then *ret_doc holds that document). Reports. */
static xmlNodePtr
test_snapshot_load_resolve(xmlNodePtr node, const char *file, xmlDocPtr *ret_doc)
{
    _cleanup_free_ char *rel = conf_xml_prop(node, "file");
    _cleanup_free_ char *path = NULL;

    *ret_doc = NULL;
    if (!rel)
        return node;
    if (rel[0] == '/' || !file || !strrchr(file, '/'))
        path = xstrdup(rel);
    else
        path = xasprintf("%.*s/%s", (int)(strrchr(file, '/') - file), file, rel);
    if (!(*ret_doc = conf_xml_parse_file(path, "domainsnapshot", VIR_FROM_TEST)))
        return NULL;
    return xmlDocGetRootElement(*ret_doc);
}

/* Adds one saved snapshot to list. Reports. */
static int
test_snapshot_load_one(TestMomentList *list, xmlNodePtr node, const char *file)
{
    xmlDocPtr doc = NULL;
    xmlNodePtr root = test_snapshot_load_resolve(node, file, &doc);
    TestMoment *snap;
    bool current = false;
    int rc = -1;

    if (!root)
        return -1;
    if (!(snap = test_snapshot_parse_node(root, true, &current)))
        goto out;
    if (test_moment_add(list, snap) < 0) {
        test_moment_free(snap);
        goto out;
    }
    if (current) {
        if (list->current) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                             "more than one snapshot claims to be active");
            goto out;
        }
        list->current = snap;
    }
    rc = 0;
out:
    xmlFreeDoc(doc);
    return rc;
}

int
test_domain_snapshots_load(TestState *st, xmlNodePtr node, const char *file)
{
    _cleanup_free_ char *name = conf_xml_child_text(node, "name");
    TestDomain *obj = name ? test_domain_find_name(st, name) : NULL;
    bool any = false;

    if (!obj)
        return 0;
    for (xmlNodePtr n = node->children; n; n = n->next) {
        if (!test_snapshot_load_is_snapshot(n))
            continue;
        if (!obj->snapshots)
            obj->snapshots = test_moment_list_new();
        if (test_snapshot_load_one(obj->snapshots, n, file) < 0)
            return -1;
        any = true;
    }
    if (any && test_moment_update_relations(obj->snapshots) < 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR,
                         "Snapshots have inconsistent relations for domain %s", obj->def->name);
        return -1;
    }
    return 0;
}
