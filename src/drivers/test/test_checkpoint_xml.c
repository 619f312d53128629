/*
 * test_checkpoint_xml.c: <domaincheckpoint> documents for the test driver:
 * parsing, disk alignment against the domain and formatting, with the
 * checks, defaults and error texts of libvirt 9.0's checkpoint_conf.c.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN_CHECKPOINT

#include <stdlib.h>
#include <string.h>

#include "conf/xml.h"
#include "drivers/test/test_moment.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

/* virDomainCheckpointType names, indexed by TEST_CHK_*. */
static const char *const test_chk_kind_names[] = { "default", "no", "bitmap", NULL };

/* One <disk> of <disks>: its name, checkpoint kind and bitmap. */
static int
test_checkpoint_parse_disk(xmlNodePtr node, TestMomentDisk *d)
{
    _cleanup_free_ char *kind = NULL;

    if (!(d->name = conf_xml_prop(node, "name"))) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "missing name from disk checkpoint element");
        return -1;
    }
    kind = conf_xml_prop(node, "checkpoint");
    d->kind = kind ? conf_enum_index(test_chk_kind_names, kind) : TEST_CHK_BITMAP;
    if (d->kind <= 0) {
        vir_report_error(VIR_ERR_XML_ERROR, "unknown checkpoint type '%s'", kind);
        return -1;
    }
    d->bitmap = conf_xml_prop(node, "bitmap");
    return 0;
}

static int
test_checkpoint_parse_redefine(xmlNodePtr root, TestMoment *chk)
{
    xmlNodePtr dom = conf_xml_child(root, "domain");

    if (test_moment_parse_creation(root, chk, VIR_FROM_THIS, "checkpoint") < 0)
        return -1;
    if (dom && !(chk->dom = domain_def_parse_node(dom, DOMAIN_PARSE_INACTIVE)))
        return -1;
    return 0;
}

TestMoment *
test_checkpoint_parse(const char *xml, bool redefine)
{
    xmlDocPtr doc = conf_xml_parse_string(xml, "(domain_checkpoint)", "domaincheckpoint",
                                          VIR_FROM_THIS);
    TestMoment *chk;
    xmlNodePtr root;

    if (!doc)
        return NULL;
    /* libvirt validates every checkpoint document against its schema */
    if (test_moment_validate(doc, "domaincheckpoint.rng") < 0) {
        xmlFreeDoc(doc);
        return NULL;
    }
    root = xmlDocGetRootElement(doc);
    chk = test_moment_new();
    if (test_moment_parse_head(root, chk, redefine, VIR_FROM_THIS, "checkpoint") < 0 ||
        (redefine && test_checkpoint_parse_redefine(root, chk) < 0) ||
        test_moment_parse_disks(root, chk, VIR_FROM_THIS, "checkpoint",
                                test_checkpoint_parse_disk) < 0)
        goto error;
    xmlFreeDoc(doc);
    return chk;

error:
    xmlFreeDoc(doc);
    test_moment_free(chk);
    return NULL;
}

void
test_checkpoint_bitmap_names(TestMoment *chk)
{
    for (size_t i = 0; i < chk->ndisks; i++) {
        if (chk->disks[i].kind == TEST_CHK_BITMAP && !chk->disks[i].bitmap)
            chk->disks[i].bitmap = xstrdup(chk->name);
    }
}

static bool
test_checkpoint_disk_unusable(const DomainDisk *d)
{
    return (!d->source && !d->source_raw) || d->readonly;
}

/* Checks the requested disks; slot[i] gets the request for domain disk i. */
static int
test_checkpoint_check_disks(TestMoment *chk, const DomainDef *dom, int *slot)
{
    for (size_t i = 0; i < chk->ndisks; i++) {
        TestMomentDisk *d = &chk->disks[i];
        int idx = test_moment_disk_index(dom, d->name);

        if (idx < 0) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "no disk named '%s'", d->name);
            return -1;
        }
        if (slot[idx] >= 0) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' specified twice", d->name);
            return -1;
        }
        slot[idx] = (int)i;
        if (test_checkpoint_disk_unusable(dom->disks[idx]) && d->kind != TEST_CHK_NONE) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' is empty or readonly",
                             d->name);
            return -1;
        }
        if (strcmp(d->name, dom->disks[idx]->dst) != 0) {
            free(d->name);
            d->name = xstrdup(dom->disks[idx]->dst);
        }
    }
    return 0;
}

int
test_checkpoint_align_disks(TestMoment *chk)
{
    const DomainDef *dom = chk->dom;
    int def_kind = chk->ndisks ? TEST_CHK_NONE : TEST_CHK_BITMAP;
    TestMomentDisk *aligned;
    int *slot;

    if (!dom) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "missing domain in checkpoint");
        return -1;
    }
    if (chk->ndisks > dom->ndisks) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                         "too many disk checkpoint requests for domain");
        return -1;
    }
    if (!dom->ndisks) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                         "domain must have at least one disk to perform checkpoints");
        return -1;
    }
    slot = XNEW_ARRAY(int, dom->ndisks);
    for (size_t i = 0; i < dom->ndisks; i++)
        slot[i] = -1;
    if (test_checkpoint_check_disks(chk, dom, slot) < 0) {
        free(slot);
        return -1;
    }
    aligned = XNEW_ARRAY(TestMomentDisk, dom->ndisks);
    for (size_t i = 0; i < dom->ndisks; i++) {
        if (slot[i] >= 0) {
            aligned[i] = chk->disks[slot[i]];
            continue;
        }
        aligned[i].name = xstrdup(dom->disks[i]->dst);
        aligned[i].kind = test_checkpoint_disk_unusable(dom->disks[i]) ? TEST_CHK_NONE : def_kind;
    }
    free(slot);
    free(chk->disks);
    chk->disks = aligned;
    chk->ndisks = dom->ndisks;
    test_checkpoint_bitmap_names(chk);
    return 0;
}

char *
test_checkpoint_format(const TestMoment *chk, bool secure, bool no_domain, bool size)
{
    VireoBuf buf = VIREO_BUF_INIT;

    buf_add(&buf, "<domaincheckpoint>\n");
    test_moment_format_head(&buf, chk, NULL);
    if (chk->ndisks) {
        buf_add(&buf, "  <disks>\n");
        for (size_t i = 0; i < chk->ndisks; i++) {
            const TestMomentDisk *d = &chk->disks[i];

            if (!d->name)
                continue;
            buf_add(&buf, "    <disk");
            conf_xml_attr(&buf, "name", d->name);
            if (d->kind > 0)
                buf_addf(&buf, " checkpoint='%s'", test_chk_kind_names[d->kind]);
            conf_xml_attr(&buf, "bitmap", d->bitmap);
            if (d->bitmap && size && d->size_valid)
                buf_addf(&buf, " size='%llu'", d->size);
            buf_add(&buf, "/>\n");
        }
        buf_add(&buf, "  </disks>\n");
    }
    if (chk->dom && !no_domain)
        test_moment_format_domain(&buf, chk->dom, secure);
    buf_add(&buf, "</domaincheckpoint>\n");
    return buf_steal(&buf);
}
