/*
 * test_message.c: golden bytes and framing limits of the message codec,
 * checked against the hex libvirt 9.0 put on the wire (PROTOCOL.md 1.7).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rpc/message.h"
#include "util/error.h"

#define REMOTE_PROG 0x20008086

/* Parses "0000001c 20008086 ..." (spaces ignored) into bytes. */
static size_t
hex_parse(const char *hex, unsigned char *out, size_t max)
{
    size_t n = 0;

    while (*hex) {
        unsigned int byte;

        if (*hex == ' ') {
            hex++;
            continue;
        }
        assert_true(sscanf(hex, "%2x", &byte) == 1);
        assert_true(n < max);
        out[n++] = (unsigned char)byte;
        hex += 2;
    }
    return n;
}

static void
assert_bytes(const RpcBuf *buf, const char *hex)
{
    unsigned char want[512];
    size_t n = hex_parse(hex, want, sizeof(want));

    assert_int_equal(buf->len, n);
    assert_memory_equal(buf->data, want, n);
}

/* The CONNECT_OPEN arguments: an optional string and flags. */
typedef struct {
    rpc_string name;
    unsigned int flags;
} OpenArgs;

static bool_t
xdr_open_args(XDR *xdr, OpenArgs *a)
{
    return xdr_rpc_string(xdr, &a->name) && xdr_u_int(xdr, &a->flags);
}

static void
test_header_void_reply(void **state)
{
    rpc_msg_header hdr = { REMOTE_PROG, 1, 1, RPC_MSG_REPLY, 2, RPC_MSG_STATUS_OK };
    RpcBuf buf = { 0 };

    assert_int_equal(rpc_message_append(&buf, &hdr, NULL, NULL), 0);
    assert_bytes(&buf, "0000001c 20008086 00000001 00000001 00000001 00000002 00000000");
    rpc_buf_free(&buf);
}

static void
test_call_with_body(void **state)
{
    rpc_msg_header hdr = { REMOTE_PROG, 1, 1, RPC_MSG_CALL, 2, RPC_MSG_STATUS_OK };
    char *name = (char *)"test:///default";
    OpenArgs args = { &name, 0 }, back = { 0 };
    RpcBuf buf = { 0 };
    rpc_msg_header h2;

    assert_int_equal(rpc_message_append(&buf, &hdr, (xdrproc_t)xdr_open_args, &args), 0);
    assert_bytes(&buf, "00000038 20008086 00000001 00000001 00000000 00000002 00000000"
                       "00000001 0000000f 74657374 3a2f2f2f 64656661 756c7400 00000000");
    /* And back. */
    assert_int_equal(rpc_message_peek_length(buf.data), 56);
    rpc_message_decode_header(buf.data + 4, &h2);
    assert_int_equal(h2.prog, REMOTE_PROG);
    assert_int_equal(h2.serial, 2);
    assert_int_equal(h2.type, RPC_MSG_CALL);
    assert_int_equal(rpc_message_decode_body(buf.data + 28, buf.len - 28,
                                             (xdrproc_t)xdr_open_args, &back), 0);
    assert_non_null(back.name);
    assert_string_equal(*back.name, "test:///default");
    xdr_free((xdrproc_t)xdr_open_args, &back);
    rpc_buf_free(&buf);
}

static void
test_error_reply(void **state)
{
    rpc_msg_header call = { REMOTE_PROG, 1, 23, RPC_MSG_CALL, 6, RPC_MSG_STATUS_OK };
    RpcBuf buf = { 0 };

    vir_error_set_full(42, 12, 2, "Domain not found", "Domain not found", NULL, NULL, -1, -1);
    assert_int_equal(rpc_message_append_error(&buf, &call, vir_error_current()), 0);
    assert_bytes(&buf,
                 "00000070 20008086 00000001 00000017 00000001 00000006 00000001"
                 "0000002a 0000000c 00000001 00000010 446f6d61 696e206e 6f742066 6f756e64"
                 "00000002 00000000 00000001 00000010 446f6d61 696e206e 6f742066 6f756e64"
                 "00000000 00000000 ffffffff ffffffff 00000000");
    rpc_buf_free(&buf);
}

static void
test_error_reply_from_report(void **state)
{
    rpc_msg_header call = { REMOTE_PROG, 1, 9999, RPC_MSG_CALL, 3, RPC_MSG_STATUS_OK };
    rpc_msg_error err = { 0 };
    rpc_msg_header h;
    RpcBuf buf = { 0 };

    vir_error_report(VIR_FROM_RPC, VIR_ERR_RPC, "unknown procedure: %d", 9999);
    assert_int_equal(rpc_message_append_error(&buf, &call, vir_error_current()), 0);
    rpc_message_decode_header(buf.data + 4, &h);
    assert_int_equal(h.type, RPC_MSG_REPLY);
    assert_int_equal(h.status, RPC_MSG_STATUS_ERROR);
    assert_int_equal(h.proc, 9999);
    assert_int_equal(h.serial, 3);
    assert_int_equal(rpc_message_decode_body(buf.data + 28, buf.len - 28,
                                             (xdrproc_t)xdr_rpc_msg_error, &err), 0);
    assert_int_equal(err.code, VIR_ERR_RPC);
    assert_int_equal(err.domain, VIR_FROM_RPC);
    assert_int_equal(err.level, 2);
    assert_string_equal(*err.message, "unknown procedure: 9999");
    assert_int_equal(err.int1, -1);
    assert_int_equal(err.int2, -1);
    assert_null(err.dom);
    assert_null(err.net);
    xdr_free((xdrproc_t)xdr_rpc_msg_error, &err);
    rpc_buf_free(&buf);
}

static void
test_keepalive_golden(void **state)
{
    rpc_msg_header ping = { RPC_KEEPALIVE_PROGRAM, 1, RPC_KEEPALIVE_PROC_PING, RPC_MSG_MESSAGE, 0,
                            RPC_MSG_STATUS_OK };
    rpc_msg_header pong = ping;
    RpcBuf buf = { 0 };

    pong.proc = RPC_KEEPALIVE_PROC_PONG;
    assert_int_equal(rpc_message_append(&buf, &ping, NULL, NULL), 0);
    assert_int_equal(rpc_message_append(&buf, &pong, RPC_XDR_VOID, NULL), 0);
    /* Two frames back to back in one buffer, as the server batches them. */
    assert_bytes(&buf, "0000001c 6b656570 00000001 00000001 00000002 00000000 00000000"
                       "0000001c 6b656570 00000001 00000002 00000002 00000000 00000000");
    rpc_buf_free(&buf);
}

static void
test_frame_lengths(void **state)
{
    assert_true(rpc_message_check_length(0) < 0);
    assert_true(rpc_message_check_length(3) < 0);
    assert_true(rpc_message_check_length(8) < 0);
    assert_true(rpc_message_check_length(27) < 0);
    assert_int_equal(rpc_message_check_length(28), 0);
    assert_int_equal(rpc_message_check_length(33554436), 0);
    assert_true(rpc_message_check_length(33554437) < 0);
    assert_true(rpc_message_check_length(0xffffffffu) < 0);
    assert_int_equal(rpc_message_peek_length("\xff\xff\xff\xff"), 0xffffffffu);
}

static void
test_header_negative_proc(void **state)
{
    rpc_msg_header hdr = { 1, 2, -5, RPC_MSG_CALL, 0xfffffffeu, RPC_MSG_STATUS_CONTINUE }, back;
    char raw[24];

    rpc_message_encode_header(raw, &hdr);
    rpc_message_decode_header(raw, &back);
    assert_int_equal(back.proc, -5);
    assert_int_equal(back.serial, 0xfffffffeu);
    assert_int_equal(back.status, RPC_MSG_STATUS_CONTINUE);
}

static void
test_decode_truncated_and_oversized(void **state)
{
    /* A present string claiming 15 bytes with only 4 present. */
    const char truncated[] = "\x00\x00\x00\x01\x00\x00\x00\x0f" "test";
    /* A string claiming 4 GiB: the bound fails before any allocation. */
    const char huge[] = "\x00\x00\x00\x01\xff\xff\xff\xf0" "abcd";
    OpenArgs a = { 0 };

    assert_true(rpc_message_decode_body(truncated, 12, (xdrproc_t)xdr_open_args, &a) < 0);
    assert_null(a.name);
    assert_true(rpc_message_decode_body(huge, 12, (xdrproc_t)xdr_open_args, &a) < 0);
    assert_null(a.name);
    /* An empty payload where one is expected. */
    assert_true(rpc_message_decode_body("", 0, (xdrproc_t)xdr_open_args, &a) < 0);
}

static void
test_encode_too_big(void **state)
{
    rpc_msg_header hdr = { REMOTE_PROG, 1, 7, RPC_MSG_REPLY, 1, RPC_MSG_STATUS_OK };
    size_t n = RPC_MSG_STRING_MAX + 1;
    char *s = malloc(n + 1);
    rpc_nonnull_string str = s;
    RpcBuf buf = { 0 };

    /* A string past its .x bound refuses to encode; the buffer is untouched. */
    memset(s, 'x', n);
    s[n] = '\0';
    assert_true(rpc_message_append(&buf, &hdr, (xdrproc_t)xdr_rpc_nonnull_string, &str) < 0);
    assert_int_equal(buf.len, 0);
    free(s);
    rpc_buf_free(&buf);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_void_reply),
        cmocka_unit_test(test_call_with_body),
        cmocka_unit_test(test_error_reply),
        cmocka_unit_test(test_error_reply_from_report),
        cmocka_unit_test(test_keepalive_golden),
        cmocka_unit_test(test_frame_lengths),
        cmocka_unit_test(test_header_negative_proc),
        cmocka_unit_test(test_decode_truncated_and_oversized),
        cmocka_unit_test(test_encode_too_big),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
