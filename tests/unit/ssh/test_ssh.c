/*
 * test_ssh.c: ssh's command line, the remote command's quoting (proved by
 * running it through sh with fake nc and helper programs that record their
 * arguments), the helper's socket choice, and ssh/libssh2/ext targets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helper/ssh_helper.h"
#include "remote/remote_client_target.h"
#include "rpc/transport_ssh.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/uri.h"

static void
test_argv_full(void **state)
{
    RpcSshOptions o = {
        .host = "h.example", .port = "2222", .user = "bob", .keyfile = "/k",
        .binary = "/opt/ssh", .socket = "/s", .uri = "qemu:///system",
        .no_tty = true, .no_verify = true,
    };
    const char *want[] = { "/opt/ssh", "-p", "2222", "-l", "bob", "-i", "/k", "-T", "-e",
                           "none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                           "--", "h.example" };
    char **argv = rpc_ssh_argv(&o);
    size_t i;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        assert_string_equal(argv[i], want[i]);
    assert_true(strncmp(argv[i], "sh -c ", 6) == 0);
    assert_null(argv[i + 1]);
    strv_free(argv);
}

static void
test_argv_minimal(void **state)
{
    RpcSshOptions o = { .host = "h", .socket = "/s", .uri = "test:///default" };
    const char *want[] = { "ssh", "-T", "-e", "none", "--", "h" };
    char **argv = rpc_ssh_argv(&o);
    size_t i;

    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        assert_string_equal(argv[i], want[i]);
    assert_non_null(argv[i]);
    assert_null(argv[i + 1]);
    strv_free(argv);
}

/* A scratch directory with a fake program that writes its arguments, one
 * per line, to dir/out (and complains like netcat-openbsd about a bare -q). */
static char scratch[] = "/tmp/vt-ssh-unit-XXXXXX";

static char *
fake_program(const char *dir_name, const char *name)
{
    char *dir = xasprintf("%s/%s", scratch, dir_name);
    char *path = xasprintf("%s/%s", dir, name);
    FILE *f;

    mkdir(dir, 0755);
    f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "#!/bin/sh\n"
               "if [ \"$1\" = -q ] && [ $# = 1 ]; then "
               "echo 'nc: option requires an argument -- q' >&2; exit 1; fi\n"
               "printf '%%s\\n' \"$@\" > '%s/out'\n", scratch);
    fclose(f);
    chmod(path, 0755);
    free(dir);
    return path;
}

/* Runs cmd as a remote login shell would (sh -c CMD) with PATH, and
 * returns what the fake program recorded. */
static char *
run_remote(const char *cmd, const char *path)
{
    char *out_path = xasprintf("%s/out", scratch);
    char buf[4096];
    pid_t pid;
    int status;
    size_t n;
    FILE *f;

    unlink(out_path);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv("PATH", path, 1);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    f = fopen(out_path, "r");
    assert_non_null(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    free(out_path);
    return xstrdup(buf);
}

static void
test_remote_netcat_quoting(void **state)
{
    char *nc = fake_program("my dir", "n'c $x");
    RpcSshOptions o = { .host = "h", .netcat = nc, .socket = "/run/a b/it's; rm -rf x",
                        .uri = "test:///default" };
    char *cmd = rpc_ssh_remote_command(&o);
    char *got = run_remote(cmd, "/usr/bin:/bin");

    assert_string_equal(got, "-q0\n-U\n/run/a b/it's; rm -rf x\n");
    free(got);
    free(cmd);
    free(nc);
}

static void
test_remote_helper_first(void **state)
{
    char *helper = fake_program("helper", RPC_SSH_HELPER_NAME);
    char *dir = xasprintf("%s/helper:/usr/bin:/bin", scratch);
    RpcSshOptions o = { .host = "h", .socket = "/var/run/libvirt/libvirt-sock-ro",
                        .uri = "qemu:///system?x='y z'", .readonly = true };
    char *cmd = rpc_ssh_remote_command(&o);
    char *got = run_remote(cmd, dir);

    assert_string_equal(got, "-r\nqemu:///system?x='y z'\n");
    free(got);
    free(cmd);
    /* A socket the user named goes to the helper as it is. */
    o.socket_given = o.socket = "/tmp/my sock";
    o.readonly = false;
    cmd = rpc_ssh_remote_command(&o);
    got = run_remote(cmd, dir);
    assert_string_equal(got, "--socket\n/tmp/my sock\n");
    free(got);
    free(cmd);
    free(dir);
    free(helper);
}

static void
test_remote_nc_fallback(void **state)
{
    char *nc = fake_program("ncdir", "nc");
    char *dir = xasprintf("%s/ncdir:/usr/bin:/bin", scratch);
    RpcSshOptions o = { .host = "h", .socket = "/s", .uri = "test:///default" };
    char *cmd = rpc_ssh_remote_command(&o);
    char *got = run_remote(cmd, dir);

    /* No helper in PATH (ncdir precedes the system's nc). */
    assert_string_equal(got, "-q0\n-U\n/s\n");
    free(got);
    free(cmd);
    free(dir);
    free(nc);
}

static void
test_helper_socket_path(void **state)
{
    char buf[256];
    const char *err = NULL;

    assert_int_equal(ssh_helper_socket_path("qemu:///system", false, NULL, NULL, true, buf,
                                            sizeof(buf), &err), 0);
    assert_string_equal(buf, "/var/run/libvirt/libvirt-sock");
    assert_int_equal(ssh_helper_socket_path("test:///default", true, NULL, NULL, true, buf,
                                            sizeof(buf), &err), 0);
    assert_string_equal(buf, "/var/run/libvirt/libvirt-sock-ro");
    assert_int_equal(ssh_helper_socket_path("test:///default", true, "/d", NULL, true, buf,
                                            sizeof(buf), &err), 0);
    assert_string_equal(buf, "/d/libvirt-sock-ro");
    assert_int_equal(ssh_helper_socket_path("qemu:///session", false, NULL, "/run/user/7",
                                            false, buf, sizeof(buf), &err), 0);
    assert_string_equal(buf, "/run/user/7/libvirt/libvirt-sock");
    assert_int_equal(ssh_helper_socket_path("qemu:///system?socket=/x/y", false, "/d", NULL,
                                            true, buf, sizeof(buf), &err), 0);
    assert_string_equal(buf, "/x/y");
    assert_int_equal(ssh_helper_socket_path("qemu+tcp://h/system", false, NULL, NULL, true,
                                            buf, sizeof(buf), &err), -1);
    assert_non_null(err);
    assert_int_equal(ssh_helper_socket_path("::bad", false, NULL, NULL, true, buf,
                                            sizeof(buf), &err), -1);
    assert_int_equal(ssh_helper_socket_path("test:///default", false, "/a/very/long/dir",
                                            NULL, true, buf, 10, &err), -1);
}

static int
target_of(const char *text, bool readonly, RemoteTarget *t)
{
    VireoUri *uri = NULL;
    int rc;

    assert_int_equal(vireo_uri_parse(text, &uri), 0);
    rc = remote_client_target_init(uri, readonly, t);
    vireo_uri_free(uri);
    return rc;
}

static void
test_target_ssh(void **state)
{
    RemoteTarget t;

    assert_int_equal(target_of("qemu+ssh://bob@h:2222/system?keyfile=/k&no_tty=1&"
                               "no_verify=1&netcat=/bin/nc&socket=/s&x=y", false, &t), 1);
    assert_int_equal(t.transport, REMOTE_TRANSPORT_SSH);
    assert_string_equal(t.host, "h");
    assert_string_equal(t.port, "2222");
    assert_string_equal(t.user, "bob");
    assert_string_equal(t.keyfile, "/k");
    assert_string_equal(t.netcat, "/bin/nc");
    assert_string_equal(t.socket_path, "/s");
    assert_true(t.socket_given && t.no_tty && t.no_verify && !t.readonly);
    assert_string_equal(t.name, "qemu:///system?x=y");
    remote_client_target_clear(&t);

    assert_int_equal(target_of("test+libssh2://h/default?known_hosts=/kh&sshauth=password",
                               true, &t), 1);
    assert_int_equal(t.transport, REMOTE_TRANSPORT_LIBSSH2);
    assert_null(t.port);
    assert_null(t.user);
    assert_string_equal(t.known_hosts, "/kh");
    assert_string_equal(t.sshauth, "password");
    assert_string_equal(t.socket_path, "/var/run/libvirt/libvirt-sock-ro");
    assert_false(t.socket_given);
    assert_string_equal(t.name, "test:///default");
    remote_client_target_clear(&t);

    assert_int_equal(target_of("test+ext:///default?command=/bin/x", false, &t), 1);
    assert_int_equal(t.transport, REMOTE_TRANSPORT_EXT);
    assert_string_equal(t.command, "/bin/x");
    remote_client_target_clear(&t);
}

static void
test_target_ext_needs_command(void **state)
{
    RemoteTarget t;
    virErrorPtr e;

    assert_int_equal(target_of("test+ext:///default", false, &t), -1);
    e = vir_error_current();
    assert_non_null(e);
    assert_int_equal(e->code, VIR_ERR_INVALID_ARG);
    assert_non_null(strstr(e->message, "for 'ext' transport, command is required"));
}

static void
test_remote_proxy_modes(void **state)
{
    char *helper = fake_program("both", RPC_SSH_HELPER_NAME);
    char *nc = fake_program("both", "nc");
    char *dir = xasprintf("%s/both:/usr/bin:/bin", scratch);
    RpcSshOptions o = { .host = "h", .socket = "/s", .uri = "test:///default",
                        .proxy = "netcat" };
    char *cmd = rpc_ssh_remote_command(&o);
    char *got = run_remote(cmd, dir);

    /* netcat: nc even though the helper is there. */
    assert_string_equal(got, "-q0\n-U\n/s\n");
    free(got);
    free(cmd);
    /* native and auto: the helper. */
    o.proxy = "native";
    cmd = rpc_ssh_remote_command(&o);
    got = run_remote(cmd, dir);
    assert_string_equal(got, "test:///default\n");
    assert_null(strstr(cmd, "-U"));
    free(got);
    free(cmd);
    free(dir);
    free(nc);
    free(helper);
}

static void
test_target_proxy(void **state)
{
    RemoteTarget t;
    virErrorPtr e;

    assert_int_equal(target_of("test+ssh://h/default", false, &t), 1);
    assert_string_equal(t.proxy, "auto");
    remote_client_target_clear(&t);
    assert_int_equal(target_of("test+ssh://h/default?netcat=/bin/nc", false, &t), 1);
    assert_string_equal(t.proxy, "netcat");
    remote_client_target_clear(&t);
    assert_int_equal(target_of("test+libssh2://h/default?proxy=native", false, &t), 1);
    assert_string_equal(t.proxy, "native");
    remote_client_target_clear(&t);
    assert_int_equal(target_of("test+ssh://h/default?proxy=native&netcat=nc", false, &t), -1);
    e = vir_error_current();
    assert_non_null(strstr(e->message, "netcat path not valid with native proxy mode"));
    assert_int_equal(target_of("test+ssh://h/default?proxy=carrier", false, &t), -1);
    e = vir_error_current();
    assert_int_equal(e->code, VIR_ERR_INVALID_ARG);
    assert_non_null(strstr(e->message, "'carrier'"));
}

static int
setup(void **state)
{
    return mkdtemp(scratch) ? 0 : -1;
}

static int
teardown(void **state)
{
    char *cmd = xasprintf("rm -rf '%s'", scratch);
    int rc = system(cmd);

    free(cmd);
    return rc == 0 ? 0 : -1;
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_argv_full),
        cmocka_unit_test(test_argv_minimal),
        cmocka_unit_test(test_remote_netcat_quoting),
        cmocka_unit_test(test_remote_helper_first),
        cmocka_unit_test(test_remote_nc_fallback),
        cmocka_unit_test(test_helper_socket_path),
        cmocka_unit_test(test_target_ssh),
        cmocka_unit_test(test_target_ext_needs_command),
        cmocka_unit_test(test_remote_proxy_modes),
        cmocka_unit_test(test_target_proxy),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
