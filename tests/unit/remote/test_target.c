/*
 * test_target.c: which URIs the remote driver takes, where it connects and
 * what name it sends in CONNECT_OPEN (PROTOCOL.md 5.1's observed table).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "remote/remote_client_target.h"
#include "util/error.h"

/* Parses text and runs the rules; returns their result, filling *t. */
static int
target_of(const char *text, bool readonly, RemoteTarget *t)
{
    VireoUri *uri = NULL;
    int rc;

    assert_int_equal(vireo_uri_parse(text, &uri), 0);
    memset(t, 0, sizeof(*t));
    rc = remote_client_target_init(uri, readonly, t);
    vireo_uri_free(uri);
    return rc;
}

static const struct {
    const char *uri;
    const char *name;
} names[] = {
    { "test+tcp://127.0.0.1:16609/default", "test:///default" },
    { "test+tcp://127.0.0.1:16609/default?foo=bar", "test:///default?foo=bar" },
    { "test+tcp://127.0.0.1:16609/path/to/file.xml?x=1&no_verify=1",
      "test:///path/to/file.xml?x=1" },
    { "test+tcp://user@127.0.0.1:16609/default#frag", "test:///default#frag" },
    { "xen+tcp://127.0.0.1:16609/", "xen:///" },
    { "test+tcp://127.0.0.1/?name=foo:///bar", "foo:///bar" },
    { "test+tcp://127.0.0.1/default?name=test%3A%2F%2F%2Fdefault", "test:///default" },
    { "test+tcp://127.0.0.1/default?name=", "" },
    { "remote+tcp://127.0.0.1/", "" },
    { "test+unix:///default?socket=/tmp/sock", "test:///default" },
    { "qemu:///system", "qemu:///system" },
};

static void
test_open_names(void **state)
{
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        RemoteTarget t;

        assert_int_equal(target_of(names[i].uri, false, &t), 1);
        if (strcmp(t.name, names[i].name) != 0)
            fail_msg("%s: sent '%s', want '%s'", names[i].uri, t.name, names[i].name);
        remote_client_target_clear(&t);
    }
}

static void
test_tcp_endpoint(void **state)
{
    RemoteTarget t;

    assert_int_equal(target_of("test+tcp://127.0.0.1:16609/default", false, &t), 1);
    assert_int_equal(t.transport, REMOTE_TRANSPORT_TCP);
    assert_string_equal(t.host, "127.0.0.1");
    assert_string_equal(t.port, "16609");
    remote_client_target_clear(&t);

    assert_int_equal(target_of("test+tcp:///default", false, &t), 1);
    assert_string_equal(t.host, "localhost");
    assert_string_equal(t.port, "16509");
    remote_client_target_clear(&t);

    assert_int_equal(target_of("test+tcp://[::1]:1234/default", false, &t), 1);
    assert_string_equal(t.host, "::1");
    assert_string_equal(t.port, "1234");
    remote_client_target_clear(&t);
}

static void
test_unix_endpoint(void **state)
{
    RemoteTarget t;

    assert_int_equal(target_of("test+unix:///default?socket=/tmp/x.sock", false, &t), 1);
    assert_int_equal(t.transport, REMOTE_TRANSPORT_UNIX);
    assert_string_equal(t.socket_path, "/tmp/x.sock");
    remote_client_target_clear(&t);

    assert_int_equal(target_of("qemu:///system", false, &t), 1);
    assert_int_equal(t.transport, REMOTE_TRANSPORT_UNIX);
    assert_string_equal(t.socket_path, "/var/run/libvirt/libvirt-sock");
    remote_client_target_clear(&t);

    /* Read-only opens go to the read-only socket, as libvirt's do. */
    assert_int_equal(target_of("qemu:///system", true, &t), 1);
    assert_string_equal(t.socket_path, "/var/run/libvirt/libvirt-sock-ro");
    remote_client_target_clear(&t);

    assert_int_equal(target_of("test+unix:///default", false, &t), 1);
    assert_string_equal(t.socket_path, "/var/run/libvirt/libvirt-sock");
    remote_client_target_clear(&t);
}

static void
test_declines_local_test(void **state)
{
    RemoteTarget t;

    assert_int_equal(target_of("test:///default", false, &t), 0);
    assert_int_equal(target_of("test:///tmp/state.xml", true, &t), 0);
}

static void
test_auth_param(void **state)
{
    RemoteTarget t;

    assert_int_equal(target_of("test+tcp://h/default?auth=sasl.DIGEST-MD5", false, &t), 1);
    assert_string_equal(t.auth, "sasl.DIGEST-MD5");
    assert_string_equal(t.name, "test:///default");
    remote_client_target_clear(&t);
}

static void
test_transports_not_yet(void **state)
{
    static const char *const later[][2] = {
        { "qemu+libssh://example.org/system", "libssh" },
    };

    for (size_t i = 0; i < sizeof(later) / sizeof(later[0]); i++) {
        RemoteTarget t;
        virErrorPtr err;

        virResetLastError();
        assert_int_equal(target_of(later[i][0], false, &t), -1);
        err = vir_error_current();
        assert_non_null(err);
        assert_int_equal(err->code, VIR_ERR_NO_SUPPORT);
        assert_non_null(strstr(err->message, later[i][1]));
        assert_non_null(strstr(err->message, "not supported yet"));
    }
}

static void
test_unknown_transport(void **state)
{
    RemoteTarget t;
    virErrorPtr err;

    virResetLastError();
    assert_int_equal(target_of("test+carrier-pigeon://h/default", false, &t), -1);
    err = vir_error_current();
    assert_non_null(err);
    assert_int_equal(err->code, VIR_ERR_INVALID_ARG);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_names),
        cmocka_unit_test(test_tcp_endpoint),
        cmocka_unit_test(test_unix_endpoint),
        cmocka_unit_test(test_declines_local_test),
        cmocka_unit_test(test_auth_param),
        cmocka_unit_test(test_transports_not_yet),
        cmocka_unit_test(test_unknown_transport),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
