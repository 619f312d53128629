/*
 * remote_client_ssh.h: the ssh, libssh2 and ext transports of a remote
 * connection, built from its target (the URI's parameters).
 */
#ifndef VIREO_REMOTE_CLIENT_SSH_H
#define VIREO_REMOTE_CLIENT_SSH_H

#include <libvirt/libvirt.h>
#include "remote/remote_client_target.h"
#include "rpc/transport.h"

/* Starts the transport for a target whose transport is ssh, libssh2 or ext;
 * auth answers libssh2's questions (passwords, passphrases, unknown host
 * keys). Returns NULL with the error record set. */
RpcTransport *remote_client_ssh_transport(const RemoteTarget *target, virConnectAuthPtr auth);

#endif /* VIREO_REMOTE_CLIENT_SSH_H */
