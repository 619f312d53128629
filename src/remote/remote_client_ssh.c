/*
 * remote_client_ssh.c: RemoteTarget -> rpc/transport_ssh.h options.
 */
#define VIR_FROM_THIS VIR_FROM_REMOTE

#include "remote/remote_client_ssh.h"

#include "rpc/transport_cmd.h"
#include "rpc/transport_ssh.h"
#include "util/error.h"

RpcTransport *
remote_client_ssh_transport(const RemoteTarget *target, virConnectAuthPtr auth)
{
    RpcSshOptions o = {
        .host = target->host,
        .port = target->port,
        .user = target->user,
        .keyfile = target->keyfile,
        .binary = target->command,
        .netcat = target->netcat,
        .proxy = target->proxy,
        .socket = target->socket_path,
        .socket_given = target->socket_given ? target->socket_path : NULL,
        .uri = target->name,
        .readonly = target->readonly,
        .no_tty = target->no_tty,
        .no_verify = target->no_verify,
        .known_hosts = target->known_hosts,
        .known_hosts_verify = target->known_hosts_verify,
        .sshauth = target->sshauth,
        .auth = auth,
    };

    switch (target->transport) {
    case REMOTE_TRANSPORT_SSH:
        return rpc_transport_new_ssh(&o);
    case REMOTE_TRANSPORT_LIBSSH2:
        return rpc_transport_new_libssh2(&o);
    case REMOTE_TRANSPORT_EXT:
        return rpc_transport_new_ext(target->command);
    case REMOTE_TRANSPORT_UNIX:
    case REMOTE_TRANSPORT_TCP:
    case REMOTE_TRANSPORT_TLS:
        break;
    }
    vir_report_error(VIR_ERR_INTERNAL_ERROR, "transport %d is not an ssh or ext one",
                     (int)target->transport);
    return NULL;
}
