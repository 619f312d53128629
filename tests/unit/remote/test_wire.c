/*
 * test_wire.c: remote_protocol.x against bytes a real libvirt peer sent.
 *
 * The golden messages are PROTOCOL.md 1.7's captures (virsh and libvirtd
 * 9.0); the header goes through net_protocol.x, the payload through our
 * REMOTE codecs, and the result must be byte-identical. The char-array
 * quirk (4 bytes per char) gets its own checks since a "fix" would break
 * every libvirt peer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <rpc/rpc.h>

#include "net_protocol.h"
#include "remote_protocol.h"

#define BUF_MAX 4096

/* Encodes header + payload as one framed message into buf; returns its
 * length (including the length word). */
static size_t
encode_message(unsigned char *buf, const rpc_msg_header *hdr, xdrproc_t filter, void *body)
{
    XDR xdr;
    unsigned int len;

    xdrmem_create(&xdr, (char *)buf + 4, BUF_MAX - 4, XDR_ENCODE);
    assert_true(xdr_rpc_msg_header(&xdr, (rpc_msg_header *)hdr));
    assert_true(filter(&xdr, body));
    len = xdr_getpos(&xdr) + 4;
    xdr_destroy(&xdr);
    buf[0] = len >> 24;
    buf[1] = len >> 16;
    buf[2] = len >> 8;
    buf[3] = len;
    return len;
}

static size_t
hex_decode(const char *hex, unsigned char *out)
{
    size_t n = 0;

    while (*hex) {
        unsigned int byte;

        if (*hex == ' ') {
            hex++;
            continue;
        }
        assert_int_equal(sscanf(hex, "%2x", &byte), 1);
        out[n++] = byte;
        hex += 2;
    }
    return n;
}

static void
assert_bytes(const unsigned char *got, size_t got_len, const char *want_hex)
{
    unsigned char want[BUF_MAX];
    size_t want_len = hex_decode(want_hex, want);

    assert_int_equal(got_len, want_len);
    assert_memory_equal(got, want, want_len);
}

static const char connect_open_call[] =
    "00000038 20008086 00000001 00000001 00000000 00000002 00000000 "
    "00000001 0000000f 74657374 3a2f2f2f 64656661 756c7400 00000000";

static void
test_connect_open_call(void **state)
{
    unsigned char buf[BUF_MAX];
    rpc_msg_header hdr = { REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION, REMOTE_PROC_CONNECT_OPEN,
                           RPC_MSG_CALL, 2, RPC_MSG_STATUS_OK };
    char *name = "test:///default";
    remote_connect_open_args args = { .name = &name, .flags = 0 };
    size_t len = encode_message(buf, &hdr, (xdrproc_t)xdr_remote_connect_open_args, &args);

    assert_bytes(buf, len, connect_open_call);
}

static void
test_connect_open_call_decodes(void **state)
{
    unsigned char buf[BUF_MAX];
    size_t len = hex_decode(connect_open_call, buf);
    remote_connect_open_args args;
    XDR xdr;

    /* Skip the length word and the 24-byte header. */
    memset(&args, 0, sizeof(args));
    xdrmem_create(&xdr, (char *)buf + 28, len - 28, XDR_DECODE);
    assert_true(xdr_remote_connect_open_args(&xdr, &args));
    assert_non_null(args.name);
    assert_string_equal(*args.name, "test:///default");
    assert_int_equal(args.flags, 0);
    xdr_destroy(&xdr);
    xdr_free((xdrproc_t)xdr_remote_connect_open_args, (char *)&args);
}

static const char list_all_call[] =
    "00000024 20008086 00000001 00000111 00000000 00000006 00000000 00000001 00000003";
static const char list_all_reply[] =
    "00000040 20008086 00000001 00000111 00000001 00000006 00000000 "
    "00000001 00000004 74657374 6695eb01 f6a48304 79aa97f2 502e193f 00000001 00000001";
static const unsigned char test_uuid[16] = {
    0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04,
    0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19, 0x3f,
};

static void
test_list_all_domains_call(void **state)
{
    unsigned char buf[BUF_MAX];
    rpc_msg_header hdr = { REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION,
                           REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, RPC_MSG_CALL, 6,
                           RPC_MSG_STATUS_OK };
    remote_connect_list_all_args args = { .need_results = 1, .flags = 3 };
    size_t len = encode_message(buf, &hdr, (xdrproc_t)xdr_remote_connect_list_all_args, &args);

    assert_bytes(buf, len, list_all_call);
}

static void
test_list_all_domains_reply(void **state)
{
    unsigned char buf[BUF_MAX];
    rpc_msg_header hdr = { REMOTE_PROGRAM, REMOTE_PROTOCOL_VERSION,
                           REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS, RPC_MSG_REPLY, 6,
                           RPC_MSG_STATUS_OK };
    remote_nonnull_domain dom = { .name = "test", .id = 1 };
    remote_connect_list_all_domains_ret ret = { .domains = { 1, &dom }, .ret = 1 };
    size_t len;

    memcpy(dom.uuid, test_uuid, 16);
    len = encode_message(buf, &hdr, (xdrproc_t)xdr_remote_connect_list_all_domains_ret, &ret);
    assert_bytes(buf, len, list_all_reply);
}

static void
test_list_all_domains_reply_decodes(void **state)
{
    unsigned char buf[BUF_MAX];
    size_t len = hex_decode(list_all_reply, buf);
    remote_connect_list_all_domains_ret ret;
    XDR xdr;

    memset(&ret, 0, sizeof(ret));
    xdrmem_create(&xdr, (char *)buf + 28, len - 28, XDR_DECODE);
    assert_true(xdr_remote_connect_list_all_domains_ret(&xdr, &ret));
    assert_int_equal(xdr_getpos(&xdr), len - 28);
    assert_int_equal(ret.domains.domains_len, 1);
    assert_string_equal(ret.domains.domains_val[0].name, "test");
    assert_memory_equal(ret.domains.domains_val[0].uuid, test_uuid, 16);
    assert_int_equal(ret.domains.domains_val[0].id, 1);
    assert_int_equal(ret.ret, 1);
    xdr_destroy(&xdr);
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_domains_ret, (char *)&ret);
}

/* A domain count above the protocol bound is refused before allocating. */
static void
test_list_bound_enforced(void **state)
{
    unsigned char buf[64] = { 0 };
    remote_connect_list_all_domains_ret ret;
    XDR xdr;

    buf[0] = 0x00;
    buf[1] = 0x00;
    buf[2] = 0x40;
    buf[3] = 0x01; /* 16385 domains */
    memset(&ret, 0, sizeof(ret));
    xdrmem_create(&xdr, (char *)buf, sizeof(buf), XDR_DECODE);
    assert_false(xdr_remote_connect_list_all_domains_ret(&xdr, &ret));
    xdr_destroy(&xdr);
    xdr_free((xdrproc_t)xdr_remote_connect_list_all_domains_ret, (char *)&ret);
}

/* NODE_GET_INFO's char model[32] takes 128 bytes: the reply body is 128 +
 * 8 + 6 * 4 bytes. */
static void
test_node_info_model_is_one_word_per_char(void **state)
{
    unsigned char buf[BUF_MAX];
    remote_node_get_info_ret ret;
    XDR xdr;

    memset(&ret, 0, sizeof(ret));
    strcpy(ret.model, "i686");
    xdrmem_create(&xdr, (char *)buf, sizeof(buf), XDR_ENCODE);
    assert_true(xdr_remote_node_get_info_ret(&xdr, &ret));
    assert_int_equal(xdr_getpos(&xdr), 160);
    xdr_destroy(&xdr);
    assert_bytes(buf, 8, "00000069 00000036"); /* 'i', '6' */
}

/* "testSecurity" with its NUL is 13 chars: 4 + 13 * 4 bytes; doi "" is
 * one NUL: 4 + 4 bytes. */
static void
test_security_model_chars(void **state)
{
    unsigned char buf[BUF_MAX];
    /* Writable: tirpc's xdr_char stores back into the char even when
     * encoding. */
    char model[] = "testSecurity";
    char doi[] = "";
    remote_node_get_security_model_ret ret = {
        .model = { 13, model },
        .doi = { 1, doi },
    };
    XDR xdr;

    xdrmem_create(&xdr, (char *)buf, sizeof(buf), XDR_ENCODE);
    assert_true(xdr_remote_node_get_security_model_ret(&xdr, &ret));
    assert_int_equal(xdr_getpos(&xdr), 4 + 52 + 4 + 4);
    xdr_destroy(&xdr);
    assert_bytes(buf, 12, "0000000d 00000074 00000065");
}

/* DOMAIN_GET_INFO's reply is 60 bytes on the wire with its header
 * (PROTOCOL.md 1.4): u_char and u_short take 4 bytes each. */
static void
test_domain_info_size(void **state)
{
    unsigned char buf[BUF_MAX];
    rpc_msg_header hdr = { REMOTE_PROGRAM, 1, REMOTE_PROC_DOMAIN_GET_INFO, RPC_MSG_REPLY, 9,
                           RPC_MSG_STATUS_OK };
    remote_domain_get_info_ret ret = { 1, 8388608, 2097152, 2, 123 };

    assert_int_equal(encode_message(buf, &hdr, (xdrproc_t)xdr_remote_domain_get_info_ret, &ret),
                     60);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_connect_open_call),
        cmocka_unit_test(test_connect_open_call_decodes),
        cmocka_unit_test(test_list_all_domains_call),
        cmocka_unit_test(test_list_all_domains_reply),
        cmocka_unit_test(test_list_all_domains_reply_decodes),
        cmocka_unit_test(test_list_bound_enforced),
        cmocka_unit_test(test_node_info_model_is_one_word_per_char),
        cmocka_unit_test(test_security_model_chars),
        cmocka_unit_test(test_domain_info_size),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
