/*
 * test_pool_sources.c: storage pool source discovery
 * (virConnectFindStoragePoolSources) in the test driver, with libvirt 9.0's
 * test driver's made-up documents.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <string.h>

#include "conf/xml.h"
#include "drivers/test/test_guest_host.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

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
