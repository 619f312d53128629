/*
 * transport_cmd.h: the RPC byte stream over a child process's stdin and
 * stdout, which is what the ssh and ext transports are.
 *
 * The child gets one end of a socketpair as both its stdin and stdout, so
 * the client engine polls and reads a socket as for unix and tcp. Its stderr
 * goes to a pipe that nobody reads while things work: when the stream ends
 * or breaks, what the child said there (ssh's "Connection refused", nc's
 * "No such file") becomes the detail of the error, instead of being lost.
 */
#ifndef VIREO_RPC_TRANSPORT_CMD_H
#define VIREO_RPC_TRANSPORT_CMD_H

#include "rpc/transport.h"

/* Spawns argv[0] (searched in PATH) with argv. Returns the transport, or
 * NULL with the error record set (VIR_ERR_SYSTEM_ERROR naming the program)
 * when it cannot be started. */
RpcTransport *rpc_transport_new_cmd(char *const argv[]);

/* The ext transport: spawns command (a program, no arguments, as libvirt's
 * ext transport runs it). */
RpcTransport *rpc_transport_new_ext(const char *command);

#endif /* VIREO_RPC_TRANSPORT_CMD_H */
