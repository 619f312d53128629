/*
 * remote_server_priv.h: what the REMOTE dispatch files share.
 *
 * Each procedure has a handler named remote_dispatch_<procedure> with the
 * engine's RpcHandler signature. REMOTE_DISPATCH() writes the part every
 * handler repeats: fetch the client's hypervisor connection (failing with
 * "hypervisor connection not open" before CONNECT_OPEN), run the body with
 * typed args/ret, and drop the connection reference afterwards. Bodies
 * return 0, or -1 with the error record set by the public API they called.
 */
#ifndef VIREO_REMOTE_SERVER_PRIV_H
#define VIREO_REMOTE_SERVER_PRIV_H

#include <libvirt/libvirt.h>
#include "remote_protocol.h"
#include "remote_wire.h"
#include "rpc/server.h"

/* The client's hypervisor connection with a new reference (drop it with
 * handle_connect_unref), or NULL with INTERNAL_ERROR/VIR_FROM_RPC
 * "hypervisor connection not open" reported. Thread-safe. */
virConnectPtr remote_server_conn_get(RpcServerClient *client);

/* Whether the client's hypervisor connection, if any, is served by a driver
 * that never blocks (true when none is open yet). Thread-safe. */
bool remote_server_conn_never_blocks(RpcServerClient *client);
/* Whether CONNECT_OPEN with args (remote_connect_open_args) would never
 * wait: refused at once (no name; already open on a driver that never
 * blocks, whose connection it drops) or taken by a driver whose open is
 * memory only. Thread-safe; does not report. */
bool remote_server_conn_open_is_quick(RpcServerClient *client, const void *args);

/* Defines handler `name`, whose body follows as a block using `conn`, `args`
 * (ArgsT *) and `ret` (RetT *). Use `void` for a missing side. */
#define REMOTE_DISPATCH(name, ArgsT, RetT) \
    static int name##_body(virConnectPtr conn, ArgsT *args, RetT *ret); \
    int name(RpcServerClient *client, const RpcCallInfo *call, void *args, void *ret) \
    { \
        virConnectPtr conn = remote_server_conn_get(client); \
        int rc; \
        (void)call; \
        if (!conn) \
            return -1; \
        rc = name##_body(conn, args, ret); \
        handle_connect_unref(conn); \
        return rc; \
    } \
    static int name##_body(virConnectPtr conn, ArgsT *args, RetT *ret)

/* Copies s into a reply string (the engine frees it). NULL means the API
 * failed: returns -1 so a body can end with `return remote_server_take_str(...)`. */
static inline int
remote_server_take_str(char *s, remote_nonnull_string *out)
{
    if (!s)
        return -1;
    *out = s;
    return 0;
}

/* Turns an API's "int, -1 on failure" result into a reply int. */
static inline int
remote_server_take_int(int v, int *out)
{
    if (v < 0)
        return -1;
    *out = v;
    return 0;
}

/* Checks a legacy list's requested size against the protocol bound. Reports
 * VIR_ERR_RPC and returns -1 when it is negative or too large. what names
 * the argument ("maxids"), limit_name the bound ("REMOTE_DOMAIN_LIST_MAX"). */
int remote_server_check_max(int max, int limit, const char *what, const char *limit_name);

/* The same, naming the bound by its macro. */
#define REMOTE_SERVER_CHECK_MAX(max, LIMIT, what) \
    remote_server_check_max((max), LIMIT, (what), #LIMIT)

/* One handler per line of remote_procs.def: remote_dispatch_<handler>. */
#define REMOTE_PROC(num, handler, api, dom, flags, args_spec, ret_spec) \
    int remote_dispatch_##handler(RpcServerClient *client, const RpcCallInfo *call, \
                                  void *args, void *ret);
#include "remote_procs.def"
#undef REMOTE_PROC

#endif /* VIREO_REMOTE_SERVER_PRIV_H */
