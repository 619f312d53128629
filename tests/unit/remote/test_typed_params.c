/*
 * test_typed_params.c: the typed-parameter codec (remote_typed_params.c)
 * and the XDR of remote_params.x, with hostile input.
 *
 * Parameters go API form -> wire structs -> XDR bytes -> wire structs ->
 * API form and must come back equal. A peer that claims more parameters
 * than the family allows, a string longer than the protocol permits, an
 * unknown type code or a name that does not fit the 80-byte field must be
 * refused with an error, before anything of that size is allocated.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <rpc/rpc.h>
#include <libvirt/libvirt.h>

#include "remote/remote_typed_params.h"

#define BUF_MAX 65536

static void
put_u32(unsigned char *p, uint32_t v)
{
    p[0] = v >> 24;
    p[1] = v >> 16;
    p[2] = v >> 8;
    p[3] = v;
}

/* XDR-encodes body; returns the byte count. */
static size_t
xdr_to_bytes(unsigned char *buf, xdrproc_t filter, void *body)
{
    XDR xdr;
    size_t len;

    xdrmem_create(&xdr, (char *)buf, BUF_MAX, XDR_ENCODE);
    assert_true(filter(&xdr, body));
    len = xdr_getpos(&xdr);
    xdr_destroy(&xdr);
    return len;
}

/* XDR-decodes len bytes into body (zeroed first); returns the decoder's
 * verdict. The caller frees with xdr_free whatever the verdict. */
static bool
xdr_from_bytes(const unsigned char *buf, size_t len, xdrproc_t filter, void *body)
{
    XDR xdr;
    bool ok;

    xdrmem_create(&xdr, (char *)buf, (unsigned int)len, XDR_DECODE);
    ok = filter(&xdr, body);
    xdr_destroy(&xdr);
    return ok;
}

static void
fill_all_types(virTypedParameter *p)
{
    memset(p, 0, sizeof(*p) * 7);
    strcpy(p[0].field, "i");
    p[0].type = VIR_TYPED_PARAM_INT;
    p[0].value.i = -42;
    strcpy(p[1].field, "ui");
    p[1].type = VIR_TYPED_PARAM_UINT;
    p[1].value.ui = 4000000000u;
    strcpy(p[2].field, "l");
    p[2].type = VIR_TYPED_PARAM_LLONG;
    p[2].value.l = -9000000000LL;
    strcpy(p[3].field, "ul");
    p[3].type = VIR_TYPED_PARAM_ULLONG;
    p[3].value.ul = 18000000000000000000ULL;
    strcpy(p[4].field, "d");
    p[4].type = VIR_TYPED_PARAM_DOUBLE;
    p[4].value.d = 2.5;
    strcpy(p[5].field, "b");
    p[5].type = VIR_TYPED_PARAM_BOOLEAN;
    p[5].value.b = 1;
    strcpy(p[6].field, "s");
    p[6].type = VIR_TYPED_PARAM_STRING;
    p[6].value.s = (char *)"hello";
}

static void
test_round_trip_every_type(void **state)
{
    virTypedParameter in[7];
    remote_params_domain_get_memory_parameters_ret ret = { 0 }, back = { 0 };
    static unsigned char buf[BUF_MAX];
    virTypedParameterPtr out = NULL;
    int n = 0;
    size_t len;

    (void)state;
    fill_all_types(in);
    assert_int_equal(remote_typed_params_encode(in, 7, 16, VIR_TYPED_PARAM_STRING_OKAY,
                                                &ret.params.params_val, &ret.params.params_len),
                     0);
    assert_int_equal(ret.params.params_len, 7);
    ret.nparams = 7;
    len = xdr_to_bytes(buf, (xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret, &ret);
    assert_true(xdr_from_bytes(buf, len,
                               (xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret,
                               &back));
    assert_int_equal(remote_typed_params_decode(back.params.params_val, back.params.params_len,
                                                16, &out, &n),
                     0);
    assert_int_equal(n, 7);
    assert_string_equal(out[0].field, "i");
    assert_int_equal(out[0].value.i, -42);
    assert_int_equal(out[1].value.ui, 4000000000u);
    assert_true(out[2].value.l == -9000000000LL);
    assert_true(out[3].value.ul == 18000000000000000000ULL);
    assert_true(out[4].value.d == 2.5);
    assert_int_equal(out[5].type, VIR_TYPED_PARAM_BOOLEAN);
    assert_int_equal(out[5].value.b, 1);
    assert_string_equal(out[6].value.s, "hello");
    virTypedParamsFree(out, n);
    remote_typed_params_wire_free(ret.params.params_val, ret.params.params_len);
    xdr_free((xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret, (char *)&back);
}

static void
test_strings_dropped_without_string_okay(void **state)
{
    virTypedParameter in[7];
    remote_typed_param *val;
    unsigned int len;

    (void)state;
    fill_all_types(in);
    in[2].type = 0; /* an unset slot, as sparse CPU statistics have */
    assert_int_equal(remote_typed_params_encode(in, 7, 16, 0, &val, &len), 0);
    assert_int_equal(len, 5);
    for (unsigned int i = 0; i < len; i++) {
        assert_int_not_equal(val[i].value.type, VIR_TYPED_PARAM_STRING);
        assert_string_not_equal(val[i].field, "l");
    }
    remote_typed_params_wire_free(val, len);
}

static void
test_encode_over_limit_refused(void **state)
{
    virTypedParameter in[7];
    remote_typed_param *val = (remote_typed_param *)1;
    unsigned int len = 99;

    (void)state;
    fill_all_types(in);
    assert_int_equal(remote_typed_params_encode(in, 7, 6, VIR_TYPED_PARAM_STRING_OKAY, &val,
                                                &len),
                     -1);
    assert_null(val);
    assert_int_equal(len, 0);
    assert_int_equal(virGetLastError()->code, VIR_ERR_RPC);
    /* libvirt prints VIR_ERR_RPC details bare */
    assert_string_equal(virGetLastErrorMessage(), "too many parameters '7' for limit '6'");
}

static void
test_decode_limits(void **state)
{
    virTypedParameter in[7];
    virTypedParameter room[3];
    virTypedParameterPtr mine = room;
    virTypedParameterPtr out = NULL;
    remote_typed_param *val;
    unsigned int len;
    int n;

    (void)state;
    fill_all_types(in);
    assert_int_equal(remote_typed_params_encode(in, 7, 16, VIR_TYPED_PARAM_STRING_OKAY, &val,
                                                &len),
                     0);
    /* more than the family's bound */
    n = 0;
    assert_int_equal(remote_typed_params_decode(val, len, 4, &out, &n), -1);
    assert_null(out);
    assert_string_equal(virGetLastErrorMessage(),
                        "too many parameters '7' for limit '4'");
    /* more than the caller has room for */
    n = 3;
    assert_int_equal(remote_typed_params_decode(val, len, 16, &mine, &n), -1);
    assert_string_equal(virGetLastErrorMessage(),
                        "too many parameters '7' for nparams '3'");
    /* a name that does not fit the API's field */
    free(val[0].field);
    val[0].field = malloc(200);
    memset(val[0].field, 'x', 199);
    val[0].field[199] = '\0';
    n = 0;
    assert_int_equal(remote_typed_params_decode(val, len, 16, &out, &n), -1);
    assert_null(out);
    assert_int_equal(virGetLastError()->code, VIR_ERR_INTERNAL_ERROR);
    remote_typed_params_wire_free(val, len);
}

static void
test_decode_unknown_type_clears_caller_array(void **state)
{
    virTypedParameter in[7];
    virTypedParameter room[7];
    virTypedParameterPtr mine = room;
    remote_typed_param *val;
    unsigned int len;
    int n = 7;

    (void)state;
    fill_all_types(in);
    /* the string first, so it is decoded (and must be freed) before the bad one */
    in[0] = in[6];
    assert_int_equal(remote_typed_params_encode(in, 6, 16, VIR_TYPED_PARAM_STRING_OKAY, &val,
                                                &len),
                     0);
    val[3].value.type = 42;
    assert_int_equal(remote_typed_params_decode(val, len, 16, &mine, &n), -1);
    assert_string_equal(virGetLastErrorMessage(), "unknown parameter type: 42");
    assert_null(room[0].value.s);
    val[3].value.type = VIR_TYPED_PARAM_ULLONG;
    remote_typed_params_wire_free(val, len);
}

/* A reply claiming 2^32-1 parameters in a few bytes: refused by the bound
 * before any allocation (under ASan a 2^32 * sizeof allocation would be
 * reported; here the decoder must simply fail). */
static void
test_xdr_hostile_count(void **state)
{
    static unsigned char buf[64];
    remote_params_domain_get_memory_parameters_ret ret = { 0 };
    remote_params_connect_get_all_domain_stats_ret stats = { 0 };

    (void)state;
    put_u32(buf, 0xffffffffu);
    assert_false(xdr_from_bytes(buf, sizeof(buf),
                                (xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret,
                                &ret));
    xdr_free((xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret, (char *)&ret);
    /* one above the family's bound of 16 */
    put_u32(buf, 17);
    memset(&ret, 0, sizeof(ret));
    assert_false(xdr_from_bytes(buf, sizeof(buf),
                                (xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret,
                                &ret));
    xdr_free((xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret, (char *)&ret);
    /* bulk statistics: more records than REMOTE_DOMAIN_LIST_MAX */
    put_u32(buf, REMOTE_DOMAIN_LIST_MAX + 1);
    assert_false(xdr_from_bytes(buf, sizeof(buf),
                                (xdrproc_t)xdr_remote_params_connect_get_all_domain_stats_ret,
                                &stats));
    xdr_free((xdrproc_t)xdr_remote_params_connect_get_all_domain_stats_ret, (char *)&stats);
}

/* A parameter whose name claims more than REMOTE_STRING_MAX bytes, and one
 * whose type code is outside the union. */
static void
test_xdr_hostile_param(void **state)
{
    static unsigned char buf[64];
    remote_params_domain_get_memory_parameters_ret ret = { 0 };

    (void)state;
    put_u32(buf, 1);               /* one parameter */
    put_u32(buf + 4, 0x7ffffff0u); /* its name's length */
    assert_false(xdr_from_bytes(buf, sizeof(buf),
                                (xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret,
                                &ret));
    xdr_free((xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret, (char *)&ret);

    memset(buf, 0, sizeof(buf));
    put_u32(buf, 1);
    put_u32(buf + 4, 1);           /* name "a" */
    buf[8] = 'a';
    put_u32(buf + 12, 99);         /* type code */
    memset(&ret, 0, sizeof(ret));
    assert_false(xdr_from_bytes(buf, sizeof(buf),
                                (xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret,
                                &ret));
    xdr_free((xdrproc_t)xdr_remote_params_domain_get_memory_parameters_ret, (char *)&ret);
}

/* The public helpers the codec's users rely on. */
static void
test_public_helpers(void **state)
{
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    unsigned int ui = 0;
    const char *s = NULL;
    int b = 0;

    (void)state;
    assert_int_equal(virTypedParamsAddUInt(&params, &n, &max, "weight", 7), 0);
    assert_int_equal(virTypedParamsAddString(&params, &n, &max, "device_weight", "/dev/sda,1"), 0);
    assert_int_equal(virTypedParamsAddFromString(&params, &n, &max, "flag", VIR_TYPED_PARAM_BOOLEAN,
                                                 "TRUE"),
                     0);
    assert_int_equal(virTypedParamsAddFromString(&params, &n, &max, "x", VIR_TYPED_PARAM_INT,
                                                 "12abc"),
                     -1);
    assert_string_equal(virGetLastErrorMessage(),
                        "invalid argument: Invalid value for field 'x': expected int");
    assert_int_equal(n, 3);
    assert_int_equal(virTypedParamsGetUInt(params, n, "weight", &ui), 1);
    assert_int_equal(ui, 7);
    assert_int_equal(virTypedParamsGetString(params, n, "device_weight", &s), 1);
    assert_string_equal(s, "/dev/sda,1");
    assert_int_equal(virTypedParamsGetBoolean(params, n, "flag", &b), 1);
    assert_int_equal(b, 1);
    assert_int_equal(virTypedParamsGetUInt(params, n, "absent", &ui), 0);
    assert_int_equal(virTypedParamsGetInt(params, n, "weight", &b), -1);
    assert_string_equal(virGetLastErrorMessage(),
                        "invalid argument: Invalid type 'int' requested for parameter 'weight', "
                        "actual type is 'uint'");
    assert_int_equal(virTypedParamsAddInt(&params, &n, &max,
                                          "a-name-far-longer-than-the-eighty-bytes-a-typed-"
                                          "parameter-field-can-hold-in-libvirt", 1),
                     -1);
    virTypedParamsFree(params, n);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_every_type),
        cmocka_unit_test(test_strings_dropped_without_string_okay),
        cmocka_unit_test(test_encode_over_limit_refused),
        cmocka_unit_test(test_decode_limits),
        cmocka_unit_test(test_decode_unknown_type_clears_caller_array),
        cmocka_unit_test(test_xdr_hostile_count),
        cmocka_unit_test(test_xdr_hostile_param),
        cmocka_unit_test(test_public_helpers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
