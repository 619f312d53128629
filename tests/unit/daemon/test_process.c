/*
 * test_process.c: vireod run for real (argv[1] is the binary, argv[2] the
 * golden config directory): --validate and start-up errors with their exit
 * status and exact message, sockets and pid file, SIGTERM, the pid file
 * lock against a second instance, -d returning only once the sockets
 * listen, -t, and the TLS warning. Everything lives in a private temporary
 * directory and on ports the kernel picked; each test cleans up after
 * itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/alloc.h"

static const char *vireod_path;
static const char *golden_dir;

typedef struct {
    char *dir;      /* private temporary directory */
    char *conf;     /* dir/vireod.conf */
    char *pidfile;  /* dir/vireod.pid */
    char *sock;     /* dir/libvirt-sock */
    char *sock_ro;
    int port;
} Env;

typedef struct {
    int status;     /* as from waitpid */
    char *out;      /* captured stdout, owned */
    char *err;      /* captured stderr, owned */
} RunResult;

/* A port nothing listens on right now (the kernel's pick). */
static int
free_port(void)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    close(fd);
    return ntohs(sa.sin_port);
}

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void
env_write_conf(Env *env, const char *extra)
{
    char *text = xasprintf("listen_tls = 0\nlisten_tcp = 1\nlisten_addr = \"127.0.0.1\"\n"
                           "tcp_port = \"%d\"\nunix_sock_dir = \"%s\"\n%s",
                           env->port, env->dir, extra);

    write_file(env->conf, text);
    free(text);
}

static int
env_setup(void **state)
{
    Env *env = XNEW(Env);

    env->dir = xstrdup("/tmp/vireod-proc-XXXXXX");
    assert_non_null(mkdtemp(env->dir));
    env->conf = xasprintf("%s/vireod.conf", env->dir);
    env->pidfile = xasprintf("%s/vireod.pid", env->dir);
    env->sock = xasprintf("%s/libvirt-sock", env->dir);
    env->sock_ro = xasprintf("%s/libvirt-sock-ro", env->dir);
    env->port = free_port();
    env_write_conf(env, "");
    *state = env;
    return 0;
}

static long read_pid(const char *path);

static int
env_teardown(void **state)
{
    Env *env = *state;
    long left = read_pid(env->pidfile);

    /* A test that failed half-way may leave a (detached) daemon behind. */
    if (left > 0 && left != (long)getpid())
        kill((pid_t)left, SIGKILL);
    const char *names[] = { "vireod.conf", "vireod.pid", "libvirt-sock", "libvirt-sock-ro",
                            "bad.conf", "other.pid" };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char *p = xasprintf("%s/%s", env->dir, names[i]);

        unlink(p);
        free(p);
    }
    rmdir(env->dir);
    free(env->dir);
    free(env->conf);
    free(env->pidfile);
    free(env->sock);
    free(env->sock_ro);
    free(env);
    return 0;
}

static char *
drain(int fd)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    ssize_t n;

    for (;;) {
        if (len + 1024 > cap)
            buf = xrealloc(buf, cap = cap * 2 + 1024);
        n = read(fd, buf + len, cap - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    buf[len] = '\0';
    close(fd);
    return buf;
}

/* Starts vireod with args (NULL-terminated), stdout and stderr on pipes. */
static pid_t
spawn(char *const args[], int *ret_out, int *ret_err)
{
    int out[2], err[2];
    pid_t pid;

    assert_int_equal(pipe2(out, O_CLOEXEC), 0);
    assert_int_equal(pipe2(err, O_CLOEXEC), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char *argv[16] = { (char *)vireod_path };
        size_t n = 1;

        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        while (n < 15 && (argv[n] = args[n - 1]))
            n++;
        execv(vireod_path, argv);
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    *ret_out = out[0];
    *ret_err = err[0];
    return pid;
}

/* Runs vireod to completion. */
static RunResult
run(char *const args[])
{
    RunResult r = { 0 };
    int out, err;
    pid_t pid = spawn(args, &out, &err);

    r.out = drain(out);
    r.err = drain(err);
    assert_int_equal(waitpid(pid, &r.status, 0), pid);
    return r;
}

static void
result_clear(RunResult *r)
{
    free(r->out);
    free(r->err);
}

static void
assert_exit(const RunResult *r, int code)
{
    if (!WIFEXITED(r->status) || WEXITSTATUS(r->status) != code)
        fail_msg("status 0x%x, wanted exit %d; stderr:\n%s", r->status, code, r->err);
}

static bool
unix_connects(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool ok;

    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
    ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
    close(fd);
    return ok;
}

static bool
tcp_connects(int port)
{
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                              .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;

    close(fd);
    return ok;
}

static void
sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    nanosleep(&ts, NULL);
}

/* Waits up to 10 s for the daemon's unix sockets to accept. */
static bool
wait_listening(const Env *env, pid_t pid)
{
    for (int i = 0; i < 500; i++) {
        if (pid > 0 && waitpid(pid, NULL, WNOHANG) == pid)
            return false;
        if (unix_connects(env->sock) && unix_connects(env->sock_ro))
            return true;
        sleep_ms(20);
    }
    return false;
}

static long
read_pid(const char *path)
{
    FILE *f = fopen(path, "r");
    long pid = -1;

    if (!f)
        return -1;
    if (fscanf(f, "%ld", &pid) != 1)
        pid = -1;
    fclose(f);
    return pid;
}

/* --- tests ------------------------------------------------------------------ */

static void
test_version_help(void **state)
{
    char *version[] = { "--version", NULL };
    char *help[] = { "--help", NULL };
    char *bad[] = { "--bogus", NULL };
    RunResult r = run(version);

    assert_exit(&r, 0);
    assert_int_equal(strncmp(r.out, "vireod (Vireo) ", 15), 0);
    result_clear(&r);
    r = run(help);
    assert_exit(&r, 0);
    assert_non_null(strstr(r.out, "--pid-file"));
    result_clear(&r);
    r = run(bad);
    assert_exit(&r, 1);
    assert_string_equal(r.err, "vireod: unrecognized option '--bogus'\n"
                               "Try 'vireod --help' for more information.\n");
    result_clear(&r);
}

/* Every golden error file makes --validate exit 1 with its line. */
static void
test_validate_bad(void **state)
{
    const char *names[] = { "err-bool-two", "err-auth-sasl", "err-unterminated-double",
                            "err-perms-octal", "err-uint-negative", "err-string-int" };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char *in = xasprintf("%s/%s.in", golden_dir, names[i]);
        char *okpath = xasprintf("%s/%s.ok", golden_dir, names[i]);
        char *args[] = { "--validate", "-f", in, NULL };
        FILE *f = fopen(okpath, "r");
        char want[512] = "", *full;
        RunResult r;

        assert_non_null(f);
        assert_non_null(fgets(want, sizeof(want), f));
        fclose(f);
        /* The golden line names the file by its base name; here it is
         * the full path given to -f. */
        full = xasprintf("vireod: %s/%s", golden_dir, want);
        r = run(args);
        assert_exit(&r, 1);
        assert_string_equal(r.err, full);
        assert_string_equal(r.out, "");
        result_clear(&r);
        free(full);
        free(in);
        free(okpath);
    }
}

static void
test_validate_good(void **state)
{
    Env *env = *state;
    char *args[] = { "--validate", "-f", env->conf, NULL };
    char *want = xasprintf("tcp_port = \"%d\"\n", env->port);
    RunResult r = run(args);

    assert_exit(&r, 0);
    assert_non_null(strstr(r.out, "# vireod "));
    assert_non_null(strstr(r.out, want));
    assert_non_null(strstr(r.out, "listen_tcp = 1\n"));
    assert_string_equal(r.err, "");
    result_clear(&r);
    free(want);
}

static void
test_missing_config(void **state)
{
    Env *env = *state;
    char *path = xasprintf("%s/nope.conf", env->dir);
    char *args[] = { "-f", path, NULL };
    char *want = xasprintf("vireod: %s: cannot open: No such file or directory\n", path);
    RunResult r = run(args);

    assert_exit(&r, 1);
    assert_string_equal(r.err, want);
    result_clear(&r);
    free(want);
    free(path);
}

/* Start, serve on unix and tcp, refuse a second instance, stop on SIGTERM
 * and remove the pid file. */
static void
test_lifecycle(void **state)
{
    Env *env = *state;
    char *args[] = { "--listen", "-f", env->conf, NULL };
    int out, err, status;
    pid_t pid = spawn(args, &out, &err);
    RunResult second;
    char *errtext;

    assert_true(wait_listening(env, pid));
    assert_true(tcp_connects(env->port));
    assert_int_equal(read_pid(env->pidfile), (long)pid);

    second = run(args);
    assert_exit(&second, 1);
    errtext = xasprintf("vireod: pid file '%s' is locked: another vireod (pid %ld) is running\n",
                        env->pidfile, (long)pid);
    assert_string_equal(second.err, errtext);
    free(errtext);
    result_clear(&second);
    /* The first daemon's sockets survived the attempt. */
    assert_true(unix_connects(env->sock));

    kill(pid, SIGTERM);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(access(env->pidfile, F_OK), -1);
    free(drain(out));
    free(drain(err));
}

/* Without --listen, listen_tcp is not honoured (as libvirtd). */
static void
test_no_listen_flag(void **state)
{
    Env *env = *state;
    char *args[] = { "-f", env->conf, "-t", "1", NULL };
    int out, err, status;
    pid_t pid = spawn(args, &out, &err);

    assert_true(wait_listening(env, pid));
    assert_false(tcp_connects(env->port));
    /* -t 1: it stops by itself after a second without clients. */
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    free(drain(out));
    free(drain(err));
}

static void
test_port_in_use(void **state)
{
    Env *env = *state;
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)env->port),
                              .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    char *args[] = { "--listen", "-f", env->conf, NULL };
    char *want = xasprintf("vireod: cannot listen on 127.0.0.1:%d: Address already in use\n",
                           env->port);
    RunResult r;

    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(listen(fd, 1), 0);
    r = run(args);
    assert_exit(&r, 1);
    assert_string_equal(r.err, want);
    assert_int_equal(access(env->pidfile, F_OK), -1);
    result_clear(&r);
    close(fd);
    free(want);
}

static void
test_auth_refused(void **state)
{
    Env *env = *state;
    char *args[] = { "--listen", "-f", env->conf, NULL };
    char *want = xasprintf("vireod: %s:6: auth_tcp: authentication 'sasl' is not supported "
                           "yet (only \"none\")\n", env->conf);
    RunResult r;

    env_write_conf(env, "auth_tcp = \"sasl\"\n");
    r = run(args);
    assert_exit(&r, 1);
    assert_string_equal(r.err, want);
    result_clear(&r);
    free(want);
}

/* listen_tls with --listen needs the credentials: a missing CA file stops
 * the start with the file named, before any socket serves TLS. */
static void
test_tls_needs_credentials(void **state)
{
    Env *env = *state;
    int tls_port = free_port();
    char *args[] = { "--listen", "-f", env->conf, NULL };
    char *text = xasprintf("listen_tls = 1\ntls_port = \"%d\"\nlisten_tcp = 1\n"
                           "listen_addr = \"127.0.0.1\"\ntcp_port = \"%d\"\n"
                           "unix_sock_dir = \"%s\"\nca_file = \"%s/none/cacert.pem\"\n"
                           "cert_file = \"%s/none/servercert.pem\"\n"
                           "key_file = \"%s/none/serverkey.pem\"\n",
                           tls_port, env->port, env->dir, env->dir, env->dir, env->dir);
    char *want = xasprintf("Cannot read CA certificate '%s/none/cacert.pem'", env->dir);
    RunResult r;

    /* env_write_conf starts with listen_tls = 0, and the first one wins:
     * write this config whole. */
    write_file(env->conf, text);
    r = run(args);
    assert_exit(&r, 1);
    assert_non_null(strstr(r.err, want));
    assert_false(tcp_connects(tls_port));
    result_clear(&r);
    free(want);
    free(text);
}

/* -d: the command returns once the daemon listens, with the daemon's pid
 * in the pid file; a failing start-up is reported by the parent. */
static void
test_daemonize(void **state)
{
    Env *env = *state;
    char *args[] = { "-d", "--listen", "-f", env->conf, NULL };
    RunResult r = run(args);
    long pid;

    assert_exit(&r, 0);
    assert_string_equal(r.err, "");
    result_clear(&r);
    assert_true(unix_connects(env->sock));
    assert_true(tcp_connects(env->port));
    pid = read_pid(env->pidfile);
    assert_true(pid > 0);

    /* A second -d fails, and says why, through the parent. */
    r = run(args);
    assert_exit(&r, 1);
    assert_non_null(strstr(r.err, "is locked: another vireod"));
    result_clear(&r);

    assert_int_equal(kill((pid_t)pid, SIGTERM), 0);
    for (int i = 0; i < 500 && access(env->pidfile, F_OK) == 0; i++)
        sleep_ms(20);
    assert_int_equal(access(env->pidfile, F_OK), -1);
}

/* A second daemon with its own pid file must not take over the sockets
 * of a running one. */
static void
test_socket_in_use(void **state)
{
    Env *env = *state;
    char *other = xasprintf("%s/other.pid", env->dir);
    char *args[] = { "-f", env->conf, NULL };
    char *args2[] = { "-f", env->conf, "-p", other, NULL };
    char *want = xasprintf("vireod: cannot listen on %s: another daemon is serving it\n",
                           env->sock);
    int out, err, status;
    pid_t pid = spawn(args, &out, &err);
    RunResult r;

    assert_true(wait_listening(env, pid));
    r = run(args2);
    assert_exit(&r, 1);
    assert_string_equal(r.err, want);
    assert_int_equal(access(other, F_OK), -1);
    result_clear(&r);
    assert_true(unix_connects(env->sock));
    kill(pid, SIGTERM);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    free(drain(out));
    free(drain(err));
    free(want);
    free(other);
}

static void
test_pid_file_option(void **state)
{
    Env *env = *state;
    char *other = xasprintf("%s/other.pid", env->dir);
    char *args[] = { "-f", env->conf, "-p", other, NULL };
    int out, err, status;
    pid_t pid = spawn(args, &out, &err);

    assert_true(wait_listening(env, pid));
    assert_int_equal(read_pid(other), (long)pid);
    assert_int_equal(access(env->pidfile, F_OK), -1);
    kill(pid, SIGTERM);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(access(other, F_OK), -1);
    free(drain(out));
    free(drain(err));
    free(other);
}

int
main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_help),
        cmocka_unit_test(test_validate_bad),
        cmocka_unit_test_setup_teardown(test_validate_good, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_missing_config, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_lifecycle, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_no_listen_flag, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_port_in_use, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_auth_refused, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_tls_needs_credentials, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_daemonize, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_pid_file_option, env_setup, env_teardown),
        cmocka_unit_test_setup_teardown(test_socket_in_use, env_setup, env_teardown),
    };

    if (argc < 3) {
        fprintf(stderr, "usage: %s VIREOD GOLDEN_DIR\n", argv[0]);
        return 2;
    }
    vireod_path = argv[1];
    golden_dir = argv[2];
    signal(SIGPIPE, SIG_IGN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
