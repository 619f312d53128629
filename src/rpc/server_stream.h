/*
 * server_stream.h: the server engine's half of streams (PROTOCOL.md §1.6),
 * internal to src/rpc. The program-facing call is
 * rpc_server_client_open_stream in server.h.
 *
 * A handler opens a stream on its call; the stream waits, pending, until
 * the call's reply is queued: a success reply activates it (data may only
 * follow the reply), an error reply aborts it. Active streams live on the
 * loop thread. A source stream (daemon to client) is read in chunks into
 * the client's output while that output is below a small high-water mark,
 * a bounded amount per loop turn; a sink stream (client to daemon) is
 * written as each packet is parsed, so a fast sender is slowed by the
 * parse loop itself and nothing queues up in memory.
 */
#ifndef VIREO_RPC_SERVER_STREAM_H
#define VIREO_RPC_SERVER_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "rpc/message.h"
#include "rpc/server.h"

typedef struct RpcStreamEntry RpcStreamEntry;

/* The loop queued the reply (in reply_frame, a whole frame) of call hdr:
 * activate or drop the stream the handler opened on it, if any. */
void rpc_server_stream_call_done(RpcServerClient *client, const rpc_msg_header *hdr,
                                 const char *reply_frame);
/* A STREAM or STREAM_HOLE packet from the client (after the length word). */
void rpc_server_stream_handle_frame(RpcServerClient *client, const rpc_msg_header *hdr,
                                    const char *body, size_t len);
/* Moves source data into the client's output (loop thread, from pump). */
void rpc_server_stream_produce(RpcServerClient *client);
/* The client is closing: abort and free every stream, pending ones too. */
void rpc_server_stream_close_all(RpcServerClient *client);

#endif /* VIREO_RPC_SERVER_STREAM_H */
