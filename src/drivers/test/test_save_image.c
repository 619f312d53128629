/*
 * test_save_image.c: reading and replacing the definition kept in a test
 * driver save image (virDomainSaveImageGetXMLDesc/DefineXML), as libvirt
 * 9.0's test driver: the image is opened (and checked) first, then the new
 * definition parsed, then the image rewritten with it.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include "drivers/test/test_guest_host.h"
#include "drivers/test/test_private.h"
#include "util/error.h"

char *
test_domain_save_image_get_xml_desc(virConnectPtr conn, const char *path, unsigned int flags)
{
    DomainDef *def;
    char *xml;

    (void)conn;
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE, "testDomainSaveImageGetXMLDesc",
                     NULL);
    if (!(def = test_save_image_read(path)))
        return NULL;
    /* the image's definition is shown in full, whatever the flag */
    xml = domain_def_format(def, DOMAIN_FORMAT_SECURE);
    domain_def_free(def);
    return xml;
}

int
test_domain_save_image_define_xml(virConnectPtr conn, const char *path, const char *dxml,
                                  unsigned int flags)
{
    DomainDef *old, *def;
    int ret;

    (void)conn;
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_SAVE_RUNNING | VIR_DOMAIN_SAVE_PAUSED,
                     "testDomainSaveImageDefineXML", -1);
    if (!(old = test_save_image_read(path)))
        return -1;
    domain_def_free(old);
    if (!(def = domain_def_parse_string(dxml, DOMAIN_PARSE_INACTIVE)))
        return -1;
    ret = test_save_image_write(path, def);
    domain_def_free(def);
    return ret;
}
