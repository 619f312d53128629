/*
 * test_misc.c: UUIDs, the string buffer and the allocation helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/uuid.h"

static void
test_uuid(void **state)
{
    static const unsigned char want[VIR_UUID_BUFLEN] = {
        0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
        0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
    };
    static const char *const good[] = {
        "6695eb01-f6a4-8304-79aa-97f2502e193f",
        "6695EB01F6A4830479AA97F2502E193F",
        "  6695eb01 f6a4-8304-79aa-97f2502e193f  ",
        "66-95-eb-01-f6a4830479aa97f2502e193f",
    };
    static const char *const bad[] = {
        "", "6695eb01-f6a4-8304-79aa-97f2502e193", "6695eb01-f6a4-8304-79aa-97f2502e193f0",
        "6695eb01-f6a4-8304-79aa-97f2502e193g", "6-695eb01f6a4830479aa97f2502e193f",
        "6695eb01-f6a4-8304-79aa-97f2502e193f x",
    };
    unsigned char uuid[VIR_UUID_BUFLEN];
    char buf[VIR_UUID_STRING_BUFLEN];

    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        memset(uuid, 0, sizeof(uuid));
        assert_int_equal(vireo_uuid_parse(good[i], uuid), 0);
        assert_memory_equal(uuid, want, sizeof(want));
    }
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
        assert_int_equal(vireo_uuid_parse(bad[i], uuid), -22);
    assert_string_equal(vireo_uuid_format(want, buf), "6695eb01-f6a4-8304-79aa-97f2502e193f");

    assert_int_equal(vireo_uuid_generate(uuid), 0);
    assert_int_equal(uuid[6] >> 4, 4);
    assert_int_equal(uuid[8] >> 6, 2);
}

static void
test_buf(void **state)
{
    _cleanup_buf_ VireoBuf buf = VIREO_BUF_INIT;
    char *s;

    assert_string_equal(buf_str(&buf), "");
    buf_add(&buf, "ab");
    buf_add(&buf, NULL);
    buf_add_char(&buf, 'c');
    buf_addf(&buf, "%d-%s", 42, "x");
    assert_string_equal(buf_str(&buf), "abc42-x");
    assert_int_equal(buf.len, 7);
    for (int i = 0; i < 1000; i++)
        buf_add(&buf, "0123456789");
    assert_int_equal(buf.len, 10007);
    buf_reset(&buf);
    buf_add_uri_escaped(&buf, "a b/c~d:é", NULL);
    assert_string_equal(buf_str(&buf), "a%20b%2Fc~d%3A%C3%A9");
    s = buf_steal(&buf);
    assert_string_equal(s, "a%20b%2Fc~d%3A%C3%A9");
    free(s);
    assert_int_equal(buf.len, 0);
    s = buf_steal(&buf);
    assert_string_equal(s, "");
    free(s);
}

static void
test_alloc(void **state)
{
    _cleanup_free_ char *a = xstrdup("hello");
    _cleanup_free_ char *b = xstrndup("hello", 3);
    _cleanup_free_ char *c = xasprintf("%s=%d", "x", 5);
    _cleanup_free_ char *moved = NULL;
    char **strv = xcalloc(3, sizeof(char *));

    assert_string_equal(a, "hello");
    assert_string_equal(b, "hel");
    assert_string_equal(c, "x=5");
    assert_null(xstrdup(NULL));
    moved = TAKE_PTR(a);
    assert_null(a);
    assert_string_equal(moved, "hello");
    strv[0] = xstrdup("a");
    strv[1] = xstrdup("b");
    strv_free(strv);
    strv_free(NULL);
    secure_free_str(xstrdup("secret"));
    free(xmalloc(0));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_buf),
        cmocka_unit_test(test_alloc),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
