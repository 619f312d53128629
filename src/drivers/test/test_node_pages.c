/*
 * test_audit_host.c: the test driver's host-side answers the audit found
 * missing: free huge page counts and storage pool source discovery, with
 * libvirt 9.0's test driver's made-up figures and documents.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <string.h>

#include "conf/xml.h"
#include "drivers/test/test_audit.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

int
test_node_get_free_pages(virConnectPtr conn, unsigned int npages, unsigned int *pages,
                         int start_cell, unsigned int cell_count, unsigned long long *counts,
                         unsigned int flags)
{
    unsigned long long x = 6;

    (void)conn;
    (void)pages;
    (void)start_cell;
    TEST_CHECK_FLAGS(flags, 0, "testNodeGetFreePages", -1);
    /* libvirt's sequence: each count is twice the previous plus seven,
     * whatever the page sizes and cells asked (an int that wraps there) */
    for (unsigned int i = 0; i < cell_count; i++) {
        for (unsigned int j = 0; j < npages; j++) {
            x = (unsigned long long)(int)(unsigned int)(x * 2 + 7);
            counts[(size_t)i * npages + j] = x;
        }
    }
    return 0;
}

/* libvirt's pool types in its order; the position is the type's number. */
static const char *const test_pool_types[] = {
    "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi", "mpath", "rbd",
    "sheepdog", "gluster", "zfs", "vstorage",
};

static const char test_sources_logical[] =
    "<sources>\n"
    "  <source>\n"
    "    <device path='/dev/sda20'/>\n"
    "    <name>testvg1</name>\n"
    "    <format type='lvm2'/>\n"
    "  </source>\n"
    "  <source>\n"
    "    <device path='/dev/sda21'/>\n"
    "    <name>testvg2</name>\n"
    "    <format type='lvm2'/>\n"
    "  </source>\n"
    "</sources>\n";

char *
test_connect_find_storage_pool_sources(virConnectPtr conn, const char *type,
                                       const char *src_spec, unsigned int flags)
{
    _cleanup_free_ char *host = NULL;
    int pool_type = -1;

    (void)conn;
    TEST_CHECK_FLAGS(flags, 0, "testConnectFindStoragePoolSources", NULL);
    for (size_t i = 0; i < ARRAY_SIZE(test_pool_types); i++)
        if (STREQ(type, test_pool_types[i]))
            pool_type = (int)i;
    /* libvirt tests the number for zero, so "dir" (0) is the "unknown"
     * one and an unknown name falls through to "no discovery" */
    if (pool_type == 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "unknown storage pool type %s", type);
        return NULL;
    }
    if (src_spec) {
        xmlDocPtr doc = conf_xml_parse_string(src_spec, "(storage_source_specification)",
                                              "source", VIR_FROM_STORAGE);

        if (!doc)
            return NULL;
        host = conf_xml_prop(conf_xml_child(xmlDocGetRootElement(doc), "host"), "name");
        xmlFreeDoc(doc);
    }
    if (pool_type >= 0 && STREQ(test_pool_types[pool_type], "logical"))
        return xstrdup(test_sources_logical);
    if (pool_type >= 0 && STREQ(test_pool_types[pool_type], "netfs")) {
        if (!host) {
            vir_report_error(VIR_ERR_INVALID_ARG, "%s",
                             "hostname must be specified for netfs sources");
            return NULL;
        }
        return xasprintf("<sources>\n"
                         "  <source>\n"
                         "    <host name='%s'/>\n"
                         "    <dir path='/testshare'/>\n"
                         "    <format type='nfs'/>\n"
                         "  </source>\n"
                         "</sources>\n",
                         host);
    }
    vir_report_error(VIR_ERR_NO_SUPPORT, "pool type '%s' does not support source discovery",
                     type);
    return NULL;
}
