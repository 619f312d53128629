/*
 * test_hash.c: the hash table behind the drivers' lookups by name and UUID.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/hash.h"

#define TEST_HASH_N 20000

/* Many keys: every one found with its own value through several growths,
 * absent keys not found, and a duplicate refused without change. */
static void
test_hash_many(void **state)
{
    UtilHash *h = util_hash_new();
    static int values[TEST_HASH_N];
    char key[32];

    (void)state;
    for (int i = 0; i < TEST_HASH_N; i++) {
        snprintf(key, sizeof(key), "bench-%05d", i);
        assert_int_equal(util_hash_insert_str(h, key, &values[i]), 0);
    }
    assert_int_equal(util_hash_count(h), TEST_HASH_N);
    for (int i = 0; i < TEST_HASH_N; i++) {
        snprintf(key, sizeof(key), "bench-%05d", i);
        assert_ptr_equal(util_hash_lookup_str(h, key), &values[i]);
    }
    assert_null(util_hash_lookup_str(h, "bench-20000"));
    assert_null(util_hash_lookup_str(h, "bench-0000"));
    assert_null(util_hash_lookup_str(h, ""));
    assert_int_equal(util_hash_insert_str(h, "bench-00007", &values[0]), -EEXIST);
    assert_ptr_equal(util_hash_lookup_str(h, "bench-00007"), &values[7]);
    assert_int_equal(util_hash_count(h), TEST_HASH_N);
    util_hash_free(h);
}

/* Removal gives the value back once; the others stay; a removed key can
 * come back with another value. */
static void
test_hash_remove(void **state)
{
    UtilHash *h = util_hash_new();
    int a, b, c;

    (void)state;
    assert_int_equal(util_hash_insert_str(h, "a", &a), 0);
    assert_int_equal(util_hash_insert_str(h, "b", &b), 0);
    assert_ptr_equal(util_hash_remove_str(h, "a"), &a);
    assert_null(util_hash_remove_str(h, "a"));
    assert_null(util_hash_lookup_str(h, "a"));
    assert_ptr_equal(util_hash_lookup_str(h, "b"), &b);
    assert_int_equal(util_hash_count(h), 1);
    assert_int_equal(util_hash_insert_str(h, "a", &c), 0);
    assert_ptr_equal(util_hash_lookup_str(h, "a"), &c);
    util_hash_free(h);
}

/* Keys are bytes: embedded NULs and a prefix are distinct keys, and the
 * table keeps its own copy of each key. */
static void
test_hash_bytes(void **state)
{
    UtilHash *h = util_hash_new();
    unsigned char k1[16] = { 1, 2, 3, 0, 5 }, k2[16] = { 1, 2, 3, 0, 6 };
    char *dup = strdup("transient");
    int x, y, z;

    (void)state;
    assert_int_equal(util_hash_insert(h, k1, sizeof(k1), &x), 0);
    assert_int_equal(util_hash_insert(h, k2, sizeof(k2), &y), 0);
    assert_int_equal(util_hash_insert(h, k1, 3, &z), 0);
    assert_ptr_equal(util_hash_lookup(h, k1, sizeof(k1)), &x);
    assert_ptr_equal(util_hash_lookup(h, k2, sizeof(k2)), &y);
    assert_ptr_equal(util_hash_lookup(h, k1, 3), &z);
    assert_null(util_hash_lookup(h, k1, 4));
    assert_int_equal(util_hash_insert_str(h, dup, &x), 0);
    memset(dup, 'x', strlen(dup));
    free(dup);
    assert_ptr_equal(util_hash_lookup_str(h, "transient"), &x);
    util_hash_free(h);
    util_hash_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_many),
        cmocka_unit_test(test_hash_remove),
        cmocka_unit_test(test_hash_bytes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
