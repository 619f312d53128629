/*
 * test_misc.c: the grammar's edge cases that golden text files cannot
 * hold (NUL bytes, sizes), the command line, the pid file lock, the
 * defaults that depend on the environment, and log specs.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "daemon/conf_file.h"
#include "daemon/config.h"
#include "daemon/log.h"
#include "daemon/options.h"
#include "daemon/pidfile.h"
#include "util/alloc.h"

/* --- grammar -------------------------------------------------------------- */

static ConfFile *
parse_ok(const char *text, size_t len)
{
    ConfFile *file = NULL;
    char *errmsg = NULL;

    if (conf_file_parse("t.conf", text, len, &file, &errmsg) < 0)
        fail_msg("unexpected error: %s", errmsg);
    return file;
}

static void
expect_parse_error(const char *text, size_t len, const char *want)
{
    ConfFile *file = NULL;
    char *errmsg = NULL;

    assert_int_equal(conf_file_parse("t.conf", text, len, &file, &errmsg), -1);
    assert_null(file);
    assert_string_equal(errmsg, want);
    free(errmsg);
}

static void
test_values(void **state)
{
    const char text[] = "a = -0\nb = +18446744073709551615\nc = 'x\"y'\nd = [ 'p', [ 1 ], ]\n"
                        "e = \"\"\"l1\nl2\"\"\"\nf = \"\"\n";
    ConfFile *file = parse_ok(text, sizeof(text) - 1);
    const ConfEntry *e;

    e = conf_file_lookup(file, "a");
    assert_int_equal(e->value.type, CONF_VALUE_INTEGER);
    assert_true(e->value.negative);
    assert_int_equal(e->value.magnitude, 0);
    e = conf_file_lookup(file, "b");
    assert_false(e->value.negative);
    assert_true(e->value.magnitude == UINT64_MAX);
    assert_string_equal(conf_file_lookup(file, "c")->value.str, "x\"y");
    e = conf_file_lookup(file, "d");
    assert_int_equal(e->value.type, CONF_VALUE_LIST);
    assert_int_equal(e->value.nitems, 2);
    assert_string_equal(e->value.items[0].str, "p");
    assert_int_equal(e->value.items[1].type, CONF_VALUE_LIST);
    e = conf_file_lookup(file, "e");
    assert_string_equal(e->value.str, "l1\nl2");
    assert_int_equal(e->line, 5);
    assert_int_equal(conf_file_lookup(file, "f")->line, 7);
    assert_string_equal(conf_file_lookup(file, "f")->value.str, "");
    assert_null(conf_file_lookup(file, "g"));
    conf_file_free(file);
}

static void
test_first_wins(void **state)
{
    const char text[] = "k = 1\nk = 2\n";
    ConfFile *file = parse_ok(text, sizeof(text) - 1);

    assert_int_equal(file->nentries, 2);
    assert_int_equal(conf_file_lookup(file, "k")->value.magnitude, 1);
    conf_file_free(file);
}

static void
test_no_trailing_newline(void **state)
{
    ConfFile *file = parse_ok("k = 'v' # c", 11);

    assert_string_equal(conf_file_lookup(file, "k")->value.str, "v");
    conf_file_free(file);
}

static void
test_nul_byte(void **state)
{
    const char text[] = "k = \"a\0b\"\n";

    expect_parse_error(text, sizeof(text) - 1, "t.conf:1: k: string contains a NUL byte");
    expect_parse_error("\0k = 1", 6, "t.conf:1: expecting a setting name");
}

static void
test_truncated_everywhere(void **state)
{
    /* Every prefix of a valid file either parses or fails cleanly. */
    const char text[] = "a = [ \"x\", 'y', \"\"\"z\"\"\", -12, [ 3 ] ] # c\nb = 1; c = 'q'\n";

    for (size_t n = 0; n <= sizeof(text) - 1; n++) {
        ConfFile *file = NULL;
        char *errmsg = NULL;

        if (conf_file_parse("t", text, n, &file, &errmsg) == 0)
            conf_file_free(file);
        else
            free(errmsg);
    }
}

static void
test_too_large(void **state)
{
    size_t len = CONF_FILE_MAX_SIZE + 1;
    char *text = xmalloc(len);
    ConfFile *file = NULL;
    char *errmsg = NULL;

    memset(text, '#', len);
    assert_int_equal(conf_file_parse("t.conf", text, len, &file, &errmsg), -1);
    assert_string_equal(errmsg, "t.conf: file is larger than 1048576 bytes");
    free(errmsg);
    free(text);
}

static void
test_read_missing(void **state)
{
    DaemonConfig *cfg = daemon_config_new();
    char *errmsg = NULL;

    assert_int_equal(daemon_config_load_file(cfg, "/nonexistent/vireod.conf", true, &errmsg), 0);
    assert_null(errmsg);
    assert_int_equal(daemon_config_load_file(cfg, "/nonexistent/vireod.conf", false, &errmsg),
                     -1);
    assert_string_equal(errmsg, "/nonexistent/vireod.conf: cannot open: No such file or directory");
    free(errmsg);
    assert_int_equal(daemon_config_load_file(cfg, "/", false, &errmsg), -1);
    assert_string_equal(errmsg, "/: not a regular file");
    free(errmsg);
    daemon_config_free(cfg);
}

/* Deterministic mutations of a config that uses every construct: each
 * either loads or fails with one "NAME:LINE: ..." message, never crashes
 * (run under ASan by make check-asan). */
static void
test_mutations(void **state)
{
    static const char base[] =
        "listen_tcp = 1 # c\ntcp_port = '16509'; listen_addr = \"::1\"\n"
        "log_filters = \"\"\"1:a\n2:b\"\"\"\nx = [ [ 1, -2 ], 's', ]\n"
        "unix_sock_rw_perms = \"0700\"\nmax_clients = +5\nauth_tcp = \"none\"\n";
    static const char alphabet[] = "=;#\"'[],+-0123456789 \n\r\tabc_\0\x80";
    unsigned int seed = 12345;
    char buf[sizeof(base)];

    for (int iter = 0; iter < 20000; iter++) {
        DaemonConfig *cfg = daemon_config_new();
        char *errmsg = NULL;
        size_t len = sizeof(base) - 1;
        int edits = 1 + (int)(rand_r(&seed) % 4);

        memcpy(buf, base, sizeof(base));
        for (int e = 0; e < edits && len > 0; e++) {
            size_t at = (size_t)rand_r(&seed) % len;

            if (rand_r(&seed) % 5 == 0)
                len = at; /* truncate */
            else
                buf[at] = alphabet[(size_t)rand_r(&seed) % (sizeof(alphabet) - 1)];
        }
        if (daemon_config_load_text(cfg, "m.conf", buf, len, &errmsg) < 0) {
            assert_non_null(errmsg);
            assert_int_equal(strncmp(errmsg, "m.conf:", 7), 0);
            free(errmsg);
        }
        daemon_config_free(cfg);
    }
}

/* --- environment-dependent defaults --------------------------------------- */

static void
test_resolve(void **state)
{
    DaemonConfig *cfg = daemon_config_new();
    char *errmsg = NULL;
    char *longdir = xmalloc(200);

    assert_int_equal(daemon_config_resolve(cfg, false, "/run/user/1000", &errmsg), 0);
    assert_string_equal(cfg->unix_sock_dir, "/run/user/1000/libvirt");
    daemon_config_free(cfg);

    cfg = daemon_config_new();
    assert_int_equal(daemon_config_resolve(cfg, true, "/ignored", &errmsg), 0);
    assert_string_equal(cfg->unix_sock_dir, "/run/libvirt");
    assert_int_equal(cfg->auth_tcp, DAEMON_AUTH_NONE);
    assert_int_equal(cfg->unix_sock_rw_perms, 0700);
    daemon_config_free(cfg);

    memset(longdir, 'x', 199);
    longdir[0] = '/';
    longdir[199] = '\0';
    cfg = daemon_config_new();
    assert_int_equal(daemon_config_resolve(cfg, false, longdir, &errmsg), -1);
    assert_non_null(strstr(errmsg, "unix_sock_dir: '/xxx"));
    assert_non_null(strstr(errmsg, "is too long for a unix socket path"));
    free(errmsg);
    daemon_config_free(cfg);
    free(longdir);
}

/* --- command line ----------------------------------------------------------- */

static int
parse_args(DaemonOptions *opts, char **errmsg, ...)
{
    char *argv[16] = { "vireod" };
    int argc = 1;
    va_list ap;

    va_start(ap, errmsg);
    while (argc < 15 && (argv[argc] = va_arg(ap, char *)))
        argc++;
    va_end(ap);
    return daemon_options_parse(argc, argv, opts, errmsg);
}

static void
test_options(void **state)
{
    DaemonOptions o;
    char *errmsg = NULL;

    assert_int_equal(parse_args(&o, &errmsg, "-l", "-f", "a.conf", "-p", "x.pid", "-t", "30",
                                "-v", "-d", NULL), 0);
    assert_true(o.listen && o.verbose && o.daemonize);
    assert_string_equal(o.config_file, "a.conf");
    assert_string_equal(o.pid_file, "x.pid");
    assert_int_equal(o.timeout, 30);
    assert_int_equal(o.action, DAEMON_ACTION_RUN);

    assert_int_equal(parse_args(&o, &errmsg, "--listen", "--config=b.conf", "--pid-file",
                                "y.pid", "--timeout", "1", "--verbose", "--daemon", NULL), 0);
    assert_true(o.listen && o.verbose && o.daemonize);
    assert_string_equal(o.config_file, "b.conf");

    assert_int_equal(parse_args(&o, &errmsg, "--validate", "-f", "c", NULL), 0);
    assert_int_equal(o.action, DAEMON_ACTION_VALIDATE);
    assert_int_equal(parse_args(&o, &errmsg, "--version", NULL), 0);
    assert_int_equal(o.action, DAEMON_ACTION_VERSION);
    assert_int_equal(parse_args(&o, &errmsg, "-V", NULL), 0);
    assert_int_equal(o.action, DAEMON_ACTION_VERSION);
    assert_int_equal(parse_args(&o, &errmsg, "-h", NULL), 0);
    assert_int_equal(o.action, DAEMON_ACTION_HELP);
    assert_int_equal(parse_args(&o, &errmsg, NULL), 0);
    assert_false(o.listen);
    assert_null(o.config_file);
    assert_int_equal(o.timeout, 0);
}

static void
expect_option_error(const char *a, const char *b, const char *want)
{
    DaemonOptions o;
    char *errmsg = NULL;

    assert_int_equal(parse_args(&o, &errmsg, a, b, NULL), -1);
    assert_string_equal(errmsg, want);
    free(errmsg);
}

static void
test_option_errors(void **state)
{
    expect_option_error("-t", "0", "invalid timeout '0' (1 to 1000000 seconds)");
    expect_option_error("-t", "-5", "invalid timeout '-5' (1 to 1000000 seconds)");
    expect_option_error("-t", "10x", "invalid timeout '10x' (1 to 1000000 seconds)");
    expect_option_error("-t", "1000001", "invalid timeout '1000001' (1 to 1000000 seconds)");
    expect_option_error("-x", NULL, "unrecognized option '-x'");
    expect_option_error("--bogus", NULL, "unrecognized option '--bogus'");
    expect_option_error("-f", NULL, "option '-f' needs an argument");
    expect_option_error("-l", "extra", "unexpected argument 'extra'");
    expect_option_error("-p", "", "the pid file name must not be empty");
}

/* --- pid file ------------------------------------------------------------- */

static char *
temp_dir(void)
{
    char *dir = xstrdup("/tmp/vireod-test-XXXXXX");

    assert_non_null(mkdtemp(dir));
    return dir;
}

static void
test_pidfile(void **state)
{
    char *dir = temp_dir();
    char *path = xasprintf("%s/d.pid", dir);
    DaemonPidFile *pf = NULL;
    char *errmsg = NULL, buf[64] = "";
    int status, fd;
    pid_t child;

    assert_int_equal(daemon_pidfile_acquire(path, &pf, &errmsg), 0);

    /* fcntl locks are per process: a child must find it locked. (The
     * parent must not open and close the file meanwhile: closing any fd of
     * a file drops the process's locks on it.) */
    child = fork();
    if (child == 0) {
        DaemonPidFile *other = NULL;
        char *want = xasprintf("pid file '%s' is locked: another vireod (pid %ld) is running",
                               path, (long)getppid());

        if (daemon_pidfile_acquire(path, &other, &errmsg) == 0)
            _exit(2);
        _exit(strcmp(errmsg, want) == 0 ? 0 : 3);
    }
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);

    fd = open(path, O_RDONLY);
    assert_true(read(fd, buf, sizeof(buf) - 1) > 0);
    close(fd);
    assert_int_equal(atol(buf), (long)getpid());
    daemon_pidfile_release(pf);
    assert_int_equal(access(path, F_OK), -1);

    /* A stale file (no lock holder) is simply taken over. */
    fd = open(path, O_WRONLY | O_CREAT, 0644);
    assert_true(write(fd, "99999\n", 6) == 6);
    close(fd);
    assert_int_equal(daemon_pidfile_acquire(path, &pf, &errmsg), 0);
    daemon_pidfile_release(pf);

    free(path);
    path = xasprintf("%s/missing/d.pid", dir);
    assert_int_equal(daemon_pidfile_acquire(path, &pf, &errmsg), -1);
    assert_non_null(strstr(errmsg, "cannot open pid file"));
    free(errmsg);
    free(path);
    rmdir(dir);
    free(dir);
}

/* --- log specs -------------------------------------------------------------- */

static void
test_log_specs(void **state)
{
    char *why;

    assert_null(daemon_log_outputs_check("1:stderr  2:file:/tmp/x 3:syslog:vireod"));
    assert_null(daemon_log_outputs_check(""));
    assert_null(daemon_log_filters_check("1:rpc 4:+daemon"));
    why = daemon_log_outputs_check("5:stderr");
    assert_string_equal(why, "'5:stderr' does not start with a level 1-4 and ':'");
    free(why);
    why = daemon_log_outputs_check("1:syslog:");
    assert_non_null(strstr(why, "invalid output '1:syslog:'"));
    free(why);
}

static void
test_log_file_output(void **state)
{
    char *dir = temp_dir();
    char *path = xasprintf("%s/log.txt", dir);
    char *spec = xasprintf("2:file:%s", path);
    char *errmsg = NULL, buf[512] = "";
    FILE *f;

    assert_int_equal(daemon_log_setup(DAEMON_LOG_DEBUG, spec, "4:noisy", false, &errmsg), 0);
    daemon_log(DAEMON_LOG_INFO, "listen", "hello %d", 42);
    daemon_log(DAEMON_LOG_DEBUG, "listen", "below the output's level");
    daemon_log(DAEMON_LOG_WARNING, "noisy", "filtered out");
    daemon_log_close();
    f = fopen(path, "r");
    assert_non_null(f);
    assert_true(fread(buf, 1, sizeof(buf) - 1, f) > 0);
    fclose(f);
    assert_non_null(strstr(buf, ": info : listen: hello 42\n"));
    assert_null(strstr(buf, "below"));
    assert_null(strstr(buf, "filtered"));
    unlink(path);
    rmdir(dir);
    free(spec);
    free(path);
    free(dir);

    assert_int_equal(daemon_log_setup(3, "1:file:/nonexistent/dir/x.log", NULL, false, &errmsg),
                     -1);
    assert_string_equal(errmsg, "log_outputs: cannot open '/nonexistent/dir/x.log': "
                                "No such file or directory");
    free(errmsg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_first_wins),
        cmocka_unit_test(test_no_trailing_newline),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_truncated_everywhere),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_read_missing),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_option_errors),
        cmocka_unit_test(test_pidfile),
        cmocka_unit_test(test_log_specs),
        cmocka_unit_test(test_log_file_output),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
