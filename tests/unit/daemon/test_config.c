/*
 * test_config.c: golden tests for vireod's config reader.
 *
 * Every NAME.in under the directory given as argv[1] is loaded as a config
 * file named NAME.in. When it loads, NAME.ok must hold the effective
 * settings as --validate prints them (after resolving the defaults as
 * root would); when it fails, NAME.ok must hold the one error line. Run
 * with VIREO_TEST_REGENERATE=1 to rewrite the .ok files (then review them).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "daemon/conf_file.h"
#include "daemon/config.h"
#include "util/alloc.h"

static const char *data_dir;

static char *
read_whole(const char *path, size_t *ret_len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;

    if (!f)
        return NULL;
    do {
        if (len + 4096 > cap)
            buf = xrealloc(buf, cap = cap * 2 + 4096);
        n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
    } while (n > 0);
    fclose(f);
    buf[len] = '\0';
    *ret_len = len;
    return buf;
}

/* What the golden file must say for this input: the formatted config or
 * the error line. */
static char *
render(const char *name, const char *text, size_t len)
{
    DaemonConfig *cfg = daemon_config_new();
    char *errmsg = NULL, *out = NULL;
    size_t outlen = 0;
    FILE *f;

    if (daemon_config_load_text(cfg, name, text, len, &errmsg) < 0 ||
        daemon_config_resolve(cfg, true, "/unused", &errmsg) < 0) {
        out = xasprintf("%s\n", errmsg);
        free(errmsg);
        daemon_config_free(cfg);
        return out;
    }
    f = open_memstream(&out, &outlen);
    assert_non_null(f);
    daemon_config_format(cfg, f);
    fclose(f);
    daemon_config_free(cfg);
    return out;
}

static void
test_golden(void **state)
{
    const char *name = *state;
    char *in_path = xasprintf("%s/%s", data_dir, name);
    char *ok_path = xasprintf("%s/%.*s.ok", data_dir, (int)(strlen(name) - 3), name);
    size_t len = 0, oklen = 0;
    char *text = read_whole(in_path, &len);
    char *got, *want;

    assert_non_null(text);
    got = render(name, text, len);
    if (getenv("VIREO_TEST_REGENERATE")) {
        FILE *f = fopen(ok_path, "w");

        assert_non_null(f);
        fputs(got, f);
        fclose(f);
    }
    want = read_whole(ok_path, &oklen);
    if (!want)
        fail_msg("%s is missing; this input gives:\n%s", ok_path, got);
    assert_string_equal(got, want);
    free(got);
    free(want);
    free(text);
    free(in_path);
    free(ok_path);
}

/* The printed config must read back to itself: --validate's output is a
 * usable config file. */
static void
test_roundtrip(void **state)
{
    const char *name = *state;
    char *in_path = xasprintf("%s/%s", data_dir, name);
    size_t len = 0;
    char *text = read_whole(in_path, &len);
    char *first, *second;

    assert_non_null(text);
    first = render(name, text, len);
    /* Error cases (err-*.in) print one error line, not a config. */
    if (strncmp(name, "err-", 4) != 0) {
        second = render(name, first, strlen(first));
        assert_string_equal(first, second);
        free(second);
    }
    free(first);
    free(text);
    free(in_path);
}

static int
is_input(const char *name)
{
    size_t n = strlen(name);

    return n > 3 && strcmp(name + n - 3, ".in") == 0;
}

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
    struct CMUnitTest *tests;
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    DIR *dir;
    int rc;

    if (argc < 2) {
        fprintf(stderr, "usage: %s DATA_DIR\n", argv[0]);
        return 2;
    }
    data_dir = argv[1];
    dir = opendir(data_dir);
    if (!dir) {
        perror(data_dir);
        return 2;
    }
    while ((de = readdir(dir))) {
        if (!is_input(de->d_name))
            continue;
        names = xreallocarray(names, n + 1, sizeof(*names));
        names[n++] = xstrdup(de->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof(*names), by_name);
    tests = xcalloc(2 * n, sizeof(*tests));
    for (size_t i = 0; i < n; i++) {
        tests[2 * i] = (struct CMUnitTest){ .name = names[i], .test_func = test_golden,
                                            .initial_state = names[i] };
        tests[2 * i + 1] = (struct CMUnitTest){ .name = xasprintf("%s (round trip)", names[i]),
                                                .test_func = test_roundtrip,
                                                .initial_state = names[i] };
    }
    rc = _cmocka_run_group_tests("daemon_config_golden", tests, 2 * n, NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        free((char *)tests[2 * i + 1].name);
        free(names[i]);
    }
    free(tests);
    free(names);
    return n == 0 ? 1 : rc;
}
