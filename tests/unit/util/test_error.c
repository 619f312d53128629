/*
 * test_error.c: the error record produces libvirt's exact message texts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/error.h"

typedef struct {
    int code;
    const char *detail;  /* NULL: reported without detail */
    const char *message; /* what libvirt prints */
    const char *str1;    /* the template libvirt stores */
} MessageCase;

static const MessageCase message_cases[] = {
    { VIR_ERR_NO_DOMAIN, NULL, "Domain not found", "Domain not found" },
    { VIR_ERR_NO_DOMAIN, "no domain with matching name 'x'",
      "Domain not found: no domain with matching name 'x'", "Domain not found: %s" },
    { VIR_ERR_OPERATION_INVALID, "domain is not running",
      "Requested operation is not valid: domain is not running",
      "Requested operation is not valid: %s" },
    { VIR_ERR_OPERATION_INVALID, NULL, "Requested operation is not valid",
      "Requested operation is not valid" },
    { VIR_ERR_INVALID_ARG, "unsupported flags (0xffff0000) in function testConnectListAllDomains",
      "invalid argument: unsupported flags (0xffff0000) in function testConnectListAllDomains",
      "invalid argument: %s" },
    { VIR_ERR_INVALID_ARG, NULL, "invalid argument", "invalid argument" },
    { VIR_ERR_OPERATION_DENIED, "read only access prevents virDomainDefineXML",
      "operation forbidden: read only access prevents virDomainDefineXML",
      "operation forbidden: %s" },
    { VIR_ERR_OPERATION_DENIED, NULL, "operation forbidden for read only access",
      "operation forbidden for read only access" },
    { VIR_ERR_NO_SUPPORT, "virDomainSuspend",
      "this function is not supported by the connection driver: virDomainSuspend",
      "this function is not supported by the connection driver: %s" },
    { VIR_ERR_NO_SUPPORT, NULL, "this function is not supported by the connection driver",
      "this function is not supported by the connection driver" },
    { VIR_ERR_RPC, "unknown procedure: 9999", "unknown procedure: 9999", "%s" },
    { VIR_ERR_RPC, NULL, "RPC error", "RPC error" },
    { VIR_ERR_XML_ERROR, "missing name", "XML error: missing name", "XML error: %s" },
    { VIR_ERR_XML_ERROR, NULL, "XML description is invalid or not well formed",
      "XML description is invalid or not well formed" },
    { VIR_ERR_NO_CONNECT, "qemu:///system", "no connection driver available for qemu:///system",
      "no connection driver available for %s" },
    { VIR_ERR_NO_CONNECT, NULL, "no connection driver available",
      "no connection driver available" },
    { VIR_ERR_INTERNAL_ERROR, "hypervisor connection not open",
      "internal error: hypervisor connection not open", "internal error: %s" },
    { VIR_ERR_DOM_EXIST, "'x'", "domain 'x' exists already", "domain %s exists already" },
    { VIR_ERR_INVALID_CONN, "virConnectClose", "invalid connection pointer in virConnectClose",
      "invalid connection pointer in %s" },
    { VIR_ERR_AUTH_FAILED, NULL, "authentication failed", "authentication failed" },
    { VIR_ERR_NO_STORAGE_VOL, NULL, "Storage volume not found", "Storage volume not found" },
    { VIR_ERR_MULTIPLE_DOMAINS, "x", "multiple matching domains found: x",
      "multiple matching domains found: %s" },
};

static void
test_messages(void **state)
{
    for (size_t i = 0; i < sizeof(message_cases) / sizeof(message_cases[0]); i++) {
        const MessageCase *c = &message_cases[i];
        virErrorPtr err;

        if (c->detail)
            vir_error_report(VIR_FROM_TEST, c->code, "%s", c->detail);
        else
            vir_error_report(VIR_FROM_TEST, c->code, NULL);
        err = virGetLastError();
        assert_non_null(err);
        assert_int_equal(err->code, c->code);
        assert_int_equal(err->domain, VIR_FROM_TEST);
        assert_int_equal(err->level, VIR_ERR_ERROR);
        assert_string_equal(err->message, c->message);
        assert_string_equal(err->str1, c->str1);
        if (c->detail)
            assert_string_equal(err->str2, c->detail);
        else
            assert_null(err->str2);
        assert_null(err->str3);
        assert_int_equal(err->int1, -1);
        assert_int_equal(err->int2, -1);
    }
}

static void
test_percent_in_detail(void **state)
{
    /* A detail holding a conversion must be copied, never interpreted. */
    vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR, "%s", "bad %s %n here");
    assert_string_equal(virGetLastErrorMessage(), "XML error: bad %s %n here");
}

static void
test_reset_and_accessors(void **state)
{
    virResetLastError();
    assert_null(virGetLastError());
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_OK);
    assert_int_equal(virGetLastErrorDomain(), VIR_FROM_NONE);
    assert_string_equal(virGetLastErrorMessage(), "no error");
    assert_false(vir_error_is_set());

    vir_error_report(VIR_FROM_NETWORK, VIR_ERR_NO_NETWORK, "no network with matching name '%s'",
                     "n1");
    assert_true(vir_error_is_set());
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_NETWORK);
    assert_int_equal(virGetLastErrorDomain(), VIR_FROM_NETWORK);
    assert_string_equal(virGetLastErrorMessage(),
                        "Network not found: no network with matching name 'n1'");
}

static void
test_copy_and_save(void **state)
{
    virError copy;
    virErrorPtr saved;

    vir_error_report(VIR_FROM_TEST, VIR_ERR_NO_DOMAIN, NULL);
    memset(&copy, 0xaa, sizeof(copy)); /* garbage must not be freed */
    assert_int_equal(virCopyLastError(&copy), VIR_ERR_NO_DOMAIN);
    assert_string_equal(copy.message, "Domain not found");
    virResetError(&copy);
    assert_null(copy.message);

    saved = virSaveLastError();
    assert_int_equal(saved->code, VIR_ERR_NO_DOMAIN);
    virResetLastError();
    assert_int_equal(saved->code, VIR_ERR_NO_DOMAIN);
    assert_string_equal(saved->message, "Domain not found");
    virFreeError(saved);

    saved = virSaveLastError(); /* no error: an empty record */
    assert_int_equal(saved->code, VIR_ERR_OK);
    virFreeError(saved);
    assert_int_equal(virCopyLastError(NULL), -1);
    virFreeError(NULL);
}

static void
test_set_full(void **state)
{
    vir_error_set_full(VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN, VIR_ERR_ERROR,
                       "operation failed: domain 'x' already exists", "operation failed: %s",
                       "domain 'x' already exists", NULL, 3, 4);
    virErrorPtr err = virGetLastError();
    assert_non_null(err);
    assert_int_equal(err->code, VIR_ERR_OPERATION_FAILED);
    assert_string_equal(err->message, "operation failed: domain 'x' already exists");
    assert_null(err->str3);
    assert_int_equal(err->int1, 3);
    assert_int_equal(err->int2, 4);
    assert_ptr_equal(vir_error_current(), err);
}

static void
test_ensure_set(void **state)
{
    virResetLastError();
    vir_error_ensure_set("virDomainFoo");
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_INTERNAL_ERROR);
    assert_string_equal(virGetLastErrorMessage(), "An error occurred, but the cause is unknown");
    assert_int_equal(virGetLastErrorDomain(), VIR_FROM_NONE);
    /* An existing error is kept. */
    vir_error_report(VIR_FROM_TEST, VIR_ERR_NO_DOMAIN, NULL);
    vir_error_ensure_set("x");
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);
}

static void
test_system_error(void **state)
{
    vir_error_report_system(VIR_FROM_RPC, 2, "cannot open '%s'", "/nope");
    assert_int_equal(virGetLastErrorCode(), VIR_ERR_SYSTEM_ERROR);
    assert_string_equal(virGetLastErrorMessage(), "cannot open '/nope': No such file or directory");
    /* as libvirt: the errno rides in int1 */
    assert_int_equal(virGetLastError()->int1, 2);
}

static void
test_unsupported_flags(void **state)
{
#define VIR_FROM_THIS VIR_FROM_TEST
    vir_report_unsupported_flags(0xffffffffu, 0xffffu);
    virErrorPtr err = virGetLastError();
    assert_int_equal(err->code, VIR_ERR_INVALID_ARG);
    assert_int_equal(err->domain, VIR_FROM_TEST);
    assert_string_equal(err->message,
                        "unsupported flags (0xffff0000) in function test_unsupported_flags");
    assert_string_equal(err->str1, "test_unsupported_flags");
    assert_string_equal(err->str2, "flags");
    assert_int_equal(err->int1, 0);
    assert_int_equal(err->int2, 0);
#undef VIR_FROM_THIS
}

static void
test_names(void **state)
{
    assert_string_equal(vir_error_domain_name(VIR_FROM_TEST), "Test Driver");
    assert_string_equal(vir_error_domain_name(VIR_FROM_DOMAIN), "Domain Config");
    assert_string_equal(vir_error_domain_name(VIR_FROM_RPC), "XML-RPC");
    assert_string_equal(vir_error_domain_name(VIR_FROM_CH), "Cloud-Hypervisor Driver");
    assert_string_equal(vir_error_domain_name(999), "Unknown");
    assert_string_equal(vir_error_code_text(VIR_ERR_NO_DOMAIN), "Domain not found");
    assert_string_equal(vir_error_code_text(9999), "unknown error");
}

static void
test_default_func(void **state)
{
    char out[512] = "";
    FILE *saved = stderr;
    FILE *mem = fmemopen(out, sizeof(out), "w");

    stderr = mem;
    vir_error_report(VIR_FROM_TEST, VIR_ERR_NO_DOMAIN, NULL);
    virDefaultErrorFunc(virGetLastError());
    fflush(mem);
    stderr = saved;
    fclose(mem);
    assert_string_equal(out, "libvirt: Test Driver error : Domain not found\n");
}

static int handler_calls;

static void
count_handler(void *data, virErrorPtr err)
{
    handler_calls += *(int *)data;
}

static void
test_global_handler(void **state)
{
    int one = 1;
    virErrorFunc f;
    void *d;

    virSetErrorFunc(&one, count_handler);
    vir_error_global_handler(&f, &d);
    assert_ptr_equal(f, count_handler);
    assert_ptr_equal(d, &one);
    virSetErrorFunc(NULL, NULL);
    vir_error_global_handler(&f, &d);
    assert_null(f);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_percent_in_detail),
        cmocka_unit_test(test_reset_and_accessors),
        cmocka_unit_test(test_copy_and_save),
        cmocka_unit_test(test_set_full),
        cmocka_unit_test(test_ensure_set),
        cmocka_unit_test(test_system_error),
        cmocka_unit_test(test_unsupported_flags),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_default_func),
        cmocka_unit_test(test_global_handler),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
