/*
 * listen.h: the daemon's listening sockets, from the config.
 */
#ifndef VIREO_DAEMON_LISTEN_H
#define VIREO_DAEMON_LISTEN_H

#include <stdbool.h>
#include <sys/types.h>

#include "daemon/config.h"
#include "rpc/server.h"

/* Looks up unix_sock_group. Returns 0 with *ret_gid (-1 when unset), or -1
 * with an allocated message in *errmsg for an unknown group. */
int daemon_listen_group(const DaemonConfig *cfg, gid_t *ret_gid, char **errmsg);

/* Opens unix_sock_dir/libvirt-sock (read-write, rw perms) and
 * libvirt-sock-ro (read-only, ro perms) with group gid, and tcp on
 * listen_addr:tcp_port when tcp (the --listen flag) and listen_tcp are set.
 * and TLS on listen_addr:tls_port when tcp and listen_tls are set (after
 * the credentials load and pass their checks).
 * Returns 0, or -1 with an allocated one-line message in *errmsg
 * ("cannot listen on 127.0.0.1:16509: Address already in use"). */
int daemon_listen_all(RpcServer *srv, const DaemonConfig *cfg, bool tcp, gid_t gid,
                      char **errmsg);

#endif /* VIREO_DAEMON_LISTEN_H */
