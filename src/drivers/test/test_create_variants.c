/*
 * test_create_variants.c: the flag-taking variants of domain and network
 * creation in the test driver (virDomainCreateXMLWithFiles,
 * virDomainCreateWithFiles, virNetworkCreateXMLFlags,
 * virNetworkDefineXMLFlags), each answered by the plain call after
 * libvirt 9.0's test driver's flag checks.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include "drivers/test/test_guest_host.h"
#include "drivers/test/test_methods.h"
#include "drivers/test/test_private.h"
#include "util/error.h"

/* The descriptors are not the test guest's concern: libvirt's test driver
 * starts the domain as the plain calls do, with their flag checks. */
virDomainPtr
test_domain_create_xml_with_files(virConnectPtr conn, const char *xml, unsigned int nfiles,
                                  int *files, unsigned int flags)
{
    (void)nfiles;
    (void)files;
    return test_domain_create_xml(conn, xml, flags);
}

int
test_domain_create_with_files(virDomainPtr dom, unsigned int nfiles, int *files,
                              unsigned int flags)
{
    (void)nfiles;
    (void)files;
    return test_domain_create_with_flags(dom, flags);
}

/* VALIDATE asks for a schema check; the test driver's parser is already
 * strict about what it keeps, so the flag is accepted and parsing is the
 * same. */
virNetworkPtr
test_network_create_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, VIR_NETWORK_CREATE_VALIDATE, "testNetworkCreateXMLFlags", NULL);
    return test_network_create_xml(conn, xml);
}

virNetworkPtr
test_network_define_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, VIR_NETWORK_DEFINE_VALIDATE, "testNetworkDefineXMLFlags", NULL);
    return test_network_define_xml(conn, xml);
}
