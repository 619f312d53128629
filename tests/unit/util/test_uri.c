/*
 * test_uri.c: URI parsing, the CONNECT_OPEN name (PROTOCOL.md 5.1) and
 * hostile input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/uri.h"

typedef struct {
    const char *text;
    const char *scheme, *driver, *transport, *user, *server;
    int port;
    const char *path, *query, *fragment;
} ParseCase;

static const ParseCase parse_cases[] = {
    { "test:///default", "test", "test", NULL, NULL, NULL, 0, "/default", NULL, NULL },
    { "test+tcp://127.0.0.1:16609/default", "test+tcp", "test", "tcp", NULL, "127.0.0.1", 16609,
      "/default", NULL, NULL },
    { "qemu+ssh://root@host.example/system?keyfile=/k#frag", "qemu+ssh", "qemu", "ssh", "root",
      "host.example", 0, "/system", "keyfile=/k", "frag" },
    { "test+tcp://[::1]:16509/default", "test+tcp", "test", "tcp", NULL, "::1", 16509, "/default",
      NULL, NULL },
    { "test+tls://[fe80::1:2]/x", "test+tls", "test", "tls", NULL, "fe80::1:2", 0, "/x", NULL,
      NULL },
    { "Test+TCP://h/", "Test+TCP", "Test", "tcp", NULL, "h", 0, "/", NULL, NULL },
    { "xen://", "xen", "xen", NULL, NULL, NULL, 0, NULL, NULL, NULL },
    { "test+unix:///default?socket=/run/s%20ock", "test+unix", "test", "unix", NULL, NULL, 0,
      "/default", "socket=/run/s%20ock", NULL },
    { "test:///path%20with%2Fescapes", "test", "test", NULL, NULL, NULL, 0,
      "/path with/escapes", NULL, NULL },
    { "test://us%40er@h:/p", "test", "test", NULL, "us@er", "h", 0, "/p", NULL, NULL },
    { "default", NULL, NULL, NULL, NULL, NULL, 0, "default", NULL, NULL },
    { "qemu:/system", "qemu", "qemu", NULL, NULL, NULL, 0, "/system", NULL, NULL },
};

static void
check_str(const char *got, const char *want)
{
    if (want)
        assert_string_equal(got, want);
    else
        assert_null(got);
}

static void
test_parse_table(void **state)
{
    for (size_t i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
        const ParseCase *c = &parse_cases[i];
        VireoUri *uri = NULL;

        assert_int_equal(vireo_uri_parse(c->text, &uri), 0);
        check_str(uri->scheme, c->scheme);
        check_str(uri->driver, c->driver);
        check_str(uri->transport, c->transport);
        check_str(uri->user, c->user);
        check_str(uri->server, c->server);
        assert_int_equal(uri->port, c->port);
        check_str(uri->path, c->path);
        check_str(uri->query, c->query);
        check_str(uri->fragment, c->fragment);
        vireo_uri_free(uri);
    }
}

static void
test_params(void **state)
{
    VireoUri *uri = NULL;

    assert_int_equal(vireo_uri_parse("test:///d?b=2&a=x%3Dy&&flag&=skip;c=%2B+&name=test%3A%2F%2F%2Fdefault",
                                     &uri), 0);
    assert_int_equal(uri->nparams, 5);
    assert_string_equal(uri->params[0].name, "b");
    assert_string_equal(uri->params[0].value, "2");
    assert_string_equal(uri->params[1].name, "a");
    assert_string_equal(uri->params[1].value, "x=y");
    assert_string_equal(uri->params[2].name, "flag");
    assert_string_equal(uri->params[2].value, "");
    assert_string_equal(uri->params[3].name, "c");
    assert_string_equal(uri->params[3].value, "++");
    assert_string_equal(vireo_uri_param(uri, "name"), "test:///default");
    assert_null(vireo_uri_param(uri, "nope"));
    vireo_uri_free(uri);
}

typedef struct {
    const char *text;
    const char *ignore; /* parameter names the transport consumed, "," separated */
    const char *name;   /* CONNECT_OPEN name */
} OpenNameCase;

/* PROTOCOL.md 5.1: what goes into CONNECT_OPEN. */
static const OpenNameCase open_cases[] = {
    { "test+tcp://127.0.0.1:16609/default", NULL, "test:///default" },
    { "test+tcp://127.0.0.1:16609/default?foo=bar", NULL, "test:///default?foo=bar" },
    { "test+tcp://127.0.0.1:16609/path/to/file.xml?x=1&no_verify=1", "no_verify",
      "test:///path/to/file.xml?x=1" },
    { "test+tcp://user@127.0.0.1:16609/default#frag", NULL, "test:///default#frag" },
    { "xen+tcp://127.0.0.1/", NULL, "xen:///" },
    { "test+unix:///default?socket=/path", "socket", "test:///default" },
    { "test+tcp://[::1]:16509/default?socket=x&a=b%20c", "socket", "test:///default?a=b%20c" },
    { "test:///default", NULL, "test:///default" },
};

static void
test_open_name(void **state)
{
    for (size_t i = 0; i < sizeof(open_cases) / sizeof(open_cases[0]); i++) {
        const OpenNameCase *c = &open_cases[i];
        VireoUri *uri = NULL;
        char *name;

        assert_int_equal(vireo_uri_parse(c->text, &uri), 0);
        for (size_t p = 0; c->ignore && p < uri->nparams; p++)
            if (strstr(c->ignore, uri->params[p].name))
                uri->params[p].ignore = true;
        name = vireo_uri_format(uri, true);
        assert_string_equal(name, c->name);
        free(name);
        vireo_uri_free(uri);
    }
}

static void
test_format_full(void **state)
{
    static const char *const round[] = {
        "test+tcp://127.0.0.1:16609/default",
        "test+tcp://[::1]:16509/default?a=b",
        "qemu+ssh://root@host/system?keyfile=%2Fk#frag",
        "test:///path%20x",
        "////x",
        "a:b/c",
        "//host",
    };

    for (size_t i = 0; i < sizeof(round) / sizeof(round[0]); i++) {
        VireoUri *uri = NULL;
        char *text;

        assert_int_equal(vireo_uri_parse(round[i], &uri), 0);
        text = vireo_uri_format(uri, false);
        assert_string_equal(text, round[i]);
        free(text);
        vireo_uri_free(uri);
    }
}

static void
test_malformed(void **state)
{
    static const char *const bad[] = {
        "test+tcp://host:99999/x",  /* port out of range */
        "test+tcp://host:12a/x",    /* port not numeric */
        "test+tcp://[::1/x",        /* unterminated bracket */
        "test+tcp://[]/x",          /* empty IPv6 */
        "test+tcp://[zz::1]/x",     /* not an IPv6 address */
        "test+tcp://[::1]x/",       /* junk after bracket */
        "test:///a b",              /* raw space */
        "test:///a%2",              /* truncated escape */
        "test:///a%zz",             /* bad escape */
        "test:///a%00b",            /* embedded NUL */
        "test:///a?x=%00",          /* embedded NUL in a value */
        "test:///a\n",              /* control character */
        "test:///\xc3\xa9",         /* raw non-ASCII */
        "1test:///",                /* scheme must start with a letter */
        "te_st:///",                /* bad scheme character */
        "+tcp:///",                 /* empty driver */
        "test+:///",                /* empty transport */
        "a+b+c:///",                /* two transports */
        ":///x",                    /* empty scheme */
        "test://h:1:2/",            /* two ports */
        "test:///x#a#b",            /* '#' in the fragment */
    };

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        VireoUri *uri = (VireoUri *)0x1;

        assert_int_equal(vireo_uri_parse(bad[i], &uri), -22);
        assert_ptr_equal(uri, (VireoUri *)0x1); /* untouched on failure */
    }
    assert_int_equal(vireo_uri_parse(NULL, (VireoUri **)state), -22);
}

static void
test_bounds(void **state)
{
    size_t len = VIREO_URI_MAX + 10;
    char *big = malloc(len + 1);
    VireoUri *uri = NULL;

    memcpy(big, "test:///", 8);
    memset(big + 8, 'a', len - 8);
    big[len] = '\0';
    assert_int_equal(vireo_uri_parse(big, &uri), -22);
    big[VIREO_URI_MAX] = '\0';
    assert_int_equal(vireo_uri_parse(big, &uri), 0);
    vireo_uri_free(uri);

    /* Too many parameters. */
    strcpy(big, "test:///?");
    for (int i = 0; i < VIREO_URI_PARAMS_MAX + 1; i++)
        strcat(big, "a=1&");
    assert_int_equal(vireo_uri_parse(big, &uri), -22);
    free(big);
    vireo_uri_free(NULL);
}

static bool
same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool
uri_same(const VireoUri *a, const VireoUri *b)
{
    if (!same_str(a->scheme, b->scheme) || !same_str(a->user, b->user) ||
        !same_str(a->server, b->server) || a->port != b->port ||
        !same_str(a->path, b->path) || a->nparams != b->nparams)
        return false;
    for (size_t i = 0; i < a->nparams; i++)
        if (!same_str(a->params[i].name, b->params[i].name) ||
            !same_str(a->params[i].value, b->params[i].value))
            return false;
    return true;
}

/* Random strings over URI-significant characters: the parser must never
 * crash, and whatever it accepts must format to text that parses back to
 * the same components. */
static void
test_random_roundtrip(void **state)
{
    static const char alphabet[] = "ab:/?#[]@%%+=&;.-_~09AF \x01";
    unsigned int seed = 12345;
    char text[64];
    int accepted = 0;

    for (int iter = 0; iter < 200000; iter++) {
        size_t len = 0;
        VireoUri *uri = NULL, *again = NULL;
        char *formatted;

        seed = seed * 1103515245u + 12345u;
        len = (seed >> 16) % (sizeof(text) - 1);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            text[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
        }
        text[len] = '\0';
        if (iter % 3 == 0 && len > 6)
            memcpy(text, "t+x://", 6);
        if (vireo_uri_parse(text, &uri) < 0)
            continue;
        accepted++;
        formatted = vireo_uri_format(uri, false);
        if (vireo_uri_parse(formatted, &again) < 0)
            print_message("text '%s' formatted '%s'\n", text, formatted);
        assert_non_null(again);
        if (!uri_same(uri, again))
            print_message("text '%s' formatted '%s'\n", text, formatted);
        assert_true(uri_same(uri, again));
        free(formatted);
        vireo_uri_free(uri);
        vireo_uri_free(again);
    }
    assert_true(accepted > 1000);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_open_name),
        cmocka_unit_test(test_format_full),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_random_roundtrip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
