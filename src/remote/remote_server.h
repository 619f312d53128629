/*
 * remote_server.h: the REMOTE program as the daemon serves it.
 *
 * The program is a table of RpcProcedure (src/rpc/server.h), one entry per
 * procedure Vireo implements, each forwarding to the in-process public API
 * on the client's own hypervisor connection (opened by CONNECT_OPEN and kept
 * as the RpcServerClient's private data). Numbers missing from the table are
 * answered "unknown procedure" by the engine.
 */
#ifndef VIREO_REMOTE_SERVER_H
#define VIREO_REMOTE_SERVER_H

#include "rpc/server.h"

/* The REMOTE program (0x20008086 version 1). Immutable, static storage:
 * register it with rpc_server_add_program. */
const RpcProgram *remote_server_program(void);

#endif /* VIREO_REMOTE_SERVER_H */
