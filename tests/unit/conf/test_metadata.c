/*
 * test_metadata.c: a domain's <metadata> application elements
 * (domain_metadata.c) with well-formed, malformed and hostile input.
 *
 * The expected strings are what libvirt 9.0's test driver answers for the
 * same calls (checked against libvirtd by test_virsh_diff_objects2.py);
 * here the corner cases that are awkward to drive through virsh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "conf/domain_conf.h"
#include "util/alloc.h"
#include "util/error.h"

#define NS1 "http://example.org/app1"
#define NS2 "http://example.org/app2"

static const char base_xml[] =
    "<domain type='test'><name>m</name><memory>1024</memory>"
    "<os><type>hvm</type></os></domain>";

static DomainDef *
new_def(void)
{
    DomainDef *def = domain_def_parse_string(base_xml, DOMAIN_PARSE_INACTIVE);

    assert_non_null(def);
    return def;
}

static char *
get(const DomainDef *def, const char *uri)
{
    char *xml = NULL;

    assert_int_equal(domain_metadata_get_element(def, uri, &xml), 0);
    return xml;
}

static void
test_round_trip(void **state)
{
    DomainDef *def = new_def();
    _cleanup_free_ char *got = NULL, *dump = NULL;

    assert_null(get(def, NS1));
    assert_int_equal(domain_metadata_set_element(def, "<foo a='1'><bar>x &amp; y</bar></foo>",
                                                 "app1", NS1), 0);
    got = get(def, NS1);
    assert_string_equal(got, "<foo a=\"1\">\n  <bar>x &amp; y</bar>\n</foo>");
    assert_null(get(def, NS2));
    dump = domain_def_format(def, 0);
    assert_non_null(strstr(dump, "  <metadata>\n"
                                 "    <app1:foo xmlns:app1=\"" NS1 "\" a=\"1\">\n"
                                 "      <app1:bar>x &amp; y</app1:bar>\n"
                                 "    </app1:foo>\n"
                                 "  </metadata>\n"));
    domain_def_free(def);
}

static void
test_replace_and_remove(void **state)
{
    DomainDef *def = new_def();
    _cleanup_free_ char *a = NULL, *b = NULL, *dump = NULL;

    assert_int_equal(domain_metadata_set_element(def, "<one/>", "k", NS1), 0);
    assert_int_equal(domain_metadata_set_element(def, "<two/>", "j", NS2), 0);
    assert_int_equal(domain_metadata_set_element(def, "<three/>", "k", NS1), 0);
    a = get(def, NS1);
    b = get(def, NS2);
    assert_string_equal(a, "<three/>");
    assert_string_equal(b, "<two/>");
    assert_int_equal(domain_metadata_set_element(def, NULL, NULL, NS1), 0);
    assert_int_equal(domain_metadata_set_element(def, NULL, NULL, NS2), 0);
    assert_null(get(def, NS1));
    /* the emptied element stays, as in libvirt */
    dump = domain_def_format(def, 0);
    assert_non_null(strstr(dump, "  <metadata/>\n"));
    domain_def_free(def);
}

static void
test_bad_input(void **state)
{
    static const char *const bad_xml[] = {
        "", "<foo>", "not xml", "<a></b>", "<a/><b/>",
        "<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><a>&e;</a>",
    };
    DomainDef *def = new_def();

    for (size_t i = 0; i < sizeof(bad_xml) / sizeof(bad_xml[0]); i++) {
        _cleanup_free_ char *got = NULL;
        int rc = domain_metadata_set_element(def, bad_xml[i], "k", NS1);

        /* refused, or kept without reading the file */
        got = get(def, NS1);
        if (rc < 0)
            assert_null(got);
        else
            assert_null(strstr(got, "root:"));
        domain_metadata_set_element(def, NULL, NULL, NS1);
    }
    assert_int_equal(domain_metadata_set_element(def, "<a/>", "1bad", NS1), -1);
    assert_int_equal(domain_metadata_set_element(def, "<a/>", "a:b", NS1), -1);
    assert_null(get(def, NS1));
    domain_def_free(def);
}

static void
test_deep_nesting(void **state)
{
    enum { DEPTH = 100000 };
    char *xml = xmalloc(DEPTH * 7 + 1);
    DomainDef *def = new_def();
    size_t n = 0;

    for (size_t i = 0; i < DEPTH; i++)
        n += (size_t)sprintf(xml + n, "<a>");
    for (size_t i = 0; i < DEPTH; i++)
        n += (size_t)sprintf(xml + n, "</a>");
    /* libxml2's depth limit refuses it before any recursion of ours */
    assert_int_equal(domain_metadata_set_element(def, xml, "k", NS1), -1);
    free(xml);
    domain_def_free(def);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_replace_and_remove),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_deep_nesting),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
