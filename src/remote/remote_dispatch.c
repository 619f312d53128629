/*
 * remote_dispatch.c: the REMOTE program's procedure table.
 *
 * Built from remote_procs.def so that a procedure's flags, API name and wire
 * types are written once. The table is indexed by procedure number; holes
 * (proc 0) are numbers Vireo does not serve, which the engine answers with
 * "unknown procedure: N".
 */
#include "remote/remote_server.h"
#include "remote/remote_server_priv.h"

#define RO RPC_PROC_READONLY_OK
#define HI RPC_PROC_PRIORITY_HIGH
#define NOAUTH RPC_PROC_NO_AUTH
#define IN RPC_PROC_INLINE
#define A(T) (xdrproc_t)xdr_##T, sizeof(T)
/* xdr_void takes no arguments; the detour through void (*)(void) tells the
 * compiler the cast between function types is deliberate. */
#define V (xdrproc_t)(void (*)(void))xdr_void, 0

#define REMOTE_PROC(num, handler, api, dom, flags, args_spec, ret_spec) \
    [REMOTE_PROC_##num] = { REMOTE_PROC_##num, api, dom, flags, args_spec, ret_spec, \
                            remote_dispatch_##handler },

/* The largest procedure number served, plus one. */
/* objects helper: largest number served (libvirt 9.0 ends at 442), plus one */
#define REMOTE_DISPATCH_NPROCS 444 /* audit: 443 is DOMAIN_FD_ASSOCIATE */
/* end objects helper */

static const RpcProcedure remote_dispatch_procs[REMOTE_DISPATCH_NPROCS] = {
#include "remote_procs.def"
};

/* Inline calls stay on the loop thread only while the client's driver
 * never blocks; before CONNECT_OPEN the inline handlers touch no driver
 * (AUTH_LIST) or fail at once ("hypervisor connection not open").
 * CONNECT_OPEN itself stays only when the driver taking its URI says the
 * open never waits. */
static bool
remote_dispatch_inline_ok(RpcServerClient *client, const RpcProcedure *proc, const void *args)
{
    if (proc->proc == REMOTE_PROC_CONNECT_OPEN)
        return remote_server_conn_open_is_quick(client, args);
    return remote_server_conn_never_blocks(client);
}

static const RpcProgram remote_dispatch_program = {
    .prog = REMOTE_PROGRAM,
    .vers = REMOTE_PROTOCOL_VERSION,
    .procs = remote_dispatch_procs,
    .nprocs = REMOTE_DISPATCH_NPROCS,
    .inline_ok = remote_dispatch_inline_ok,
};

const RpcProgram *
remote_server_program(void)
{
    return &remote_dispatch_program;
}
