/*
 * message.c: framing and encoding of RPC messages.
 */
#include "rpc/message.h"

#include <errno.h>
#include <string.h>

/* The first payload encode attempt assumes this much room; most replies are
 * far smaller, and a failed attempt only costs a re-encode into more room. */
#define RPC_MESSAGE_FIRST_GUESS 4096

static void
put_be32(char *p, uint32_t v)
{
    unsigned char *u = (unsigned char *)p;

    u[0] = v >> 24;
    u[1] = v >> 16;
    u[2] = v >> 8;
    u[3] = v;
}

static uint32_t
get_be32(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;

    return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 | (uint32_t)u[2] << 8 | u[3];
}

uint32_t
rpc_message_peek_length(const char *p)
{
    return get_be32(p);
}

int
rpc_message_check_length(uint32_t len)
{
    if (len < RPC_FRAME_MIN || len > RPC_FRAME_MAX)
        return -EBADMSG;
    return 0;
}

void
rpc_message_encode_header(char *p, const rpc_msg_header *hdr)
{
    put_be32(p, hdr->prog);
    put_be32(p + 4, hdr->vers);
    put_be32(p + 8, (uint32_t)hdr->proc);
    put_be32(p + 12, (uint32_t)hdr->type);
    put_be32(p + 16, hdr->serial);
    put_be32(p + 20, (uint32_t)hdr->status);
}

void
rpc_message_decode_header(const char *p, rpc_msg_header *ret_hdr)
{
    ret_hdr->prog = get_be32(p);
    ret_hdr->vers = get_be32(p + 4);
    ret_hdr->proc = (int)get_be32(p + 8);
    ret_hdr->type = (rpc_msg_type)(int)get_be32(p + 12);
    ret_hdr->serial = get_be32(p + 16);
    ret_hdr->status = (rpc_msg_status)(int)get_be32(p + 20);
}

/* Encodes body into room bytes at p. Returns the encoded size or -1 when it
 * does not fit (or the filter fails for another reason). */
static ssize_t
encode_body(char *p, size_t room, xdrproc_t filter, void *body)
{
    XDR xdr;
    ssize_t n = -1;

    xdrmem_create(&xdr, p, (u_int)room, XDR_ENCODE);
    if (filter(&xdr, body))
        n = (ssize_t)xdr_getpos(&xdr);
    xdr_destroy(&xdr);
    return n;
}

int
rpc_message_append(RpcBuf *buf, const rpc_msg_header *hdr, xdrproc_t filter, void *body)
{
    size_t room = RPC_MESSAGE_FIRST_GUESS;
    ssize_t n = 0;
    char *frame;

    if (filter && filter != RPC_XDR_VOID) {
        for (;;) {
            rpc_buf_reserve(buf, RPC_FRAME_MIN + room);
            room = buf->cap - buf->len - RPC_FRAME_MIN;
            if (room > RPC_MSG_PAYLOAD_MAX)
                room = RPC_MSG_PAYLOAD_MAX;
            n = encode_body(buf->data + buf->len + RPC_FRAME_MIN, room, filter, body);
            if (n >= 0)
                break;
            if (room >= RPC_MSG_PAYLOAD_MAX)
                return -EMSGSIZE;
            room *= 4;
        }
    } else {
        rpc_buf_reserve(buf, RPC_FRAME_MIN);
    }
    frame = buf->data + buf->len;
    put_be32(frame, (uint32_t)(RPC_FRAME_MIN + n));
    rpc_message_encode_header(frame + RPC_MSG_LEN_MAX, hdr);
    buf->len += RPC_FRAME_MIN + (size_t)n;
    return 0;
}

int
rpc_message_append_error(RpcBuf *buf, const rpc_msg_header *call, const virError *err)
{
    rpc_msg_header hdr = *call;
    rpc_msg_error body;
    char *message = NULL, *str1 = NULL, *str2 = NULL, *str3 = NULL;
    static const virError unknown = {
        .code = VIR_ERR_INTERNAL_ERROR,
        .domain = VIR_FROM_RPC,
        .message = (char *)"internal error: an error occurred, but the cause is unknown",
        .level = VIR_ERR_ERROR,
        .int1 = -1,
        .int2 = -1,
    };

    if (!err)
        err = &unknown;
    hdr.type = RPC_MSG_REPLY;
    hdr.status = RPC_MSG_STATUS_ERROR;
    memset(&body, 0, sizeof(body));
    body.code = err->code;
    body.domain = err->domain;
    body.level = err->level;
    body.int1 = err->int1;
    body.int2 = err->int2;
    /* rpc_string is a pointer to a string: point at locals holding the
     * record's pointers, so nothing is copied. */
    if ((message = err->message))
        body.message = &message;
    if ((str1 = err->str1))
        body.str1 = &str1;
    if ((str2 = err->str2))
        body.str2 = &str2;
    if ((str3 = err->str3))
        body.str3 = &str3;
    return rpc_message_append(buf, &hdr, (xdrproc_t)xdr_rpc_msg_error, &body);
}

int
rpc_message_decode_body(const char *body, size_t len, xdrproc_t filter, void *ret)
{
    XDR xdr;
    bool ok;

    if (!filter || filter == RPC_XDR_VOID)
        return 0;
    xdrmem_create(&xdr, (char *)body, (u_int)len, XDR_DECODE);
    ok = filter(&xdr, ret);
    xdr_destroy(&xdr);
    if (!ok) {
        xdr_free(filter, ret);
        return -EBADMSG;
    }
    return 0;
}
