/*
 * message.h: framing and encoding of RPC messages (PROTOCOL.md section 1).
 *
 * A frame is a big-endian length word that counts itself, the 24-byte
 * rpc_msg_header, then an XDR payload. The header is packed by hand (it is
 * on every message and has a fixed layout); payloads go through the
 * rpcgen-generated filters, which enforce the .x bounds before allocating.
 * These functions are leaf code: they return negative errno values and do
 * not report.
 */
#ifndef VIREO_RPC_MESSAGE_H
#define VIREO_RPC_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <rpc/rpc.h>

#include <libvirt/virterror.h>

#include "net_protocol.h"
#include "rpc/buf.h"

/* The smallest legal frame: length word plus header, empty payload. */
#define RPC_FRAME_MIN (RPC_MSG_LEN_MAX + RPC_MSG_HEADER_MAX)
/* The largest legal length word: the length word plus RPC_MSG_MAX. */
#define RPC_FRAME_MAX ((uint32_t)RPC_MSG_LEN_MAX + RPC_MSG_MAX)

/* xdr_void as an xdrproc_t, without a cast-function-type warning. */
#define RPC_XDR_VOID ((xdrproc_t)(void (*)(void))xdr_void)

/* Reads the big-endian length word at p (4 bytes). */
uint32_t rpc_message_peek_length(const char *p);

/* Returns 0 when len is a length word a peer may send, -EBADMSG otherwise
 * (shorter than a header, or more than RPC_MSG_MAX after the word). A peer
 * that sends a bad one is dropped without a reply. */
int rpc_message_check_length(uint32_t len);

/* Packs hdr into the 24 bytes at p / unpacks them into ret_hdr. */
void rpc_message_encode_header(char *p, const rpc_msg_header *hdr);
void rpc_message_decode_header(const char *p, rpc_msg_header *ret_hdr);

/* Appends one whole frame (length word, hdr, body encoded by filter) to buf.
 * filter may be NULL or xdr_void for an empty payload. Returns 0, or
 * -EMSGSIZE when the encoded message would pass RPC_MSG_MAX or the filter
 * fails; buf is then unchanged. */
int rpc_message_append(RpcBuf *buf, const rpc_msg_header *hdr, xdrproc_t filter, void *body);

/* Appends the error reply to the call described by call: the same prog,
 * vers, proc and serial, type REPLY, status ERROR, and err as the
 * rpc_msg_error body (err NULL: a generic internal error). Returns 0 or
 * -EMSGSIZE. */
int rpc_message_append_error(RpcBuf *buf, const rpc_msg_header *call, const virError *err);

/* Decodes a payload of len bytes at body into ret with filter (ret must be
 * zeroed). On failure frees what was decoded and returns -EBADMSG. A
 * payload with bytes left over after decoding is accepted, as libvirt
 * accepts it. */
int rpc_message_decode_body(const char *body, size_t len, xdrproc_t filter, void *ret);

#endif /* VIREO_RPC_MESSAGE_H */
