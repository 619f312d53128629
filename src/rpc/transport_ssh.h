/*
 * transport_ssh.h: the RPC byte stream through ssh, either the OpenSSH
 * binary as a child process (ssh) or SSH inside this process (libssh2).
 *
 * Both run the same command on the far side, with libvirt's conventions so
 * that hosts set up for libvirt work unchanged:
 *   - our helper (vireo-ssh-helper) when the host has it, which connects
 *     its stdin/stdout to the daemon's socket and needs nothing else;
 *   - otherwise "nc -U SOCKET" (netcat= names another nc, and then only nc
 *     is tried, as libvirt does; proxy= picks one of the two).
 * Every value that reaches the remote shell is quoted for it.
 */
#ifndef VIREO_RPC_TRANSPORT_SSH_H
#define VIREO_RPC_TRANSPORT_SSH_H

#include <stdbool.h>
#include <libvirt/libvirt.h>
#include "rpc/transport.h"

/* The helper our remote command looks for on the far side. */
#define RPC_SSH_HELPER_NAME "vireo-ssh-helper"

typedef struct {
    const char *host;        /* required */
    const char *port;        /* NULL: ssh's default */
    const char *user;        /* NULL: ssh's default (libssh2: root, as libvirt) */
    const char *keyfile;     /* -i / the private key for libssh2 */
    const char *binary;      /* ssh: the program to run instead of "ssh" */
    const char *netcat;      /* NULL: "nc" */
    const char *proxy;       /* "netcat": nc only; "native": the helper only;
                              * else (NULL, "auto"): helper first, then nc */
    const char *socket;      /* the daemon's socket on the far side */
    const char *socket_given;/* socket= as the user gave it, or NULL */
    const char *uri;         /* the URI the helper opens (CONNECT_OPEN's name) */
    bool readonly;
    bool no_tty;             /* ssh: BatchMode */
    bool no_verify;          /* ssh: no strict checking; libssh2: add new keys */
    const char *known_hosts; /* libssh2: OpenSSH format; NULL: libvirt's
                              * $XDG_CONFIG_HOME/libvirt/known_hosts */
    const char *known_hosts_verify; /* libssh2: normal|auto|ignore, or NULL */
    const char *sshauth;     /* libssh2: comma list of methods, or NULL */
    virConnectAuthPtr auth;  /* libssh2: passwords, passphrases, host keys */
} RpcSshOptions;

/* The command run on the far side (one string for the remote user's
 * shell). Returns a new string. */
char *rpc_ssh_remote_command(const RpcSshOptions *opts);

/* The argv for the OpenSSH client (NULL-terminated, free with strv_free). */
char **rpc_ssh_argv(const RpcSshOptions *opts);

/* Spawns ssh (transport_cmd.h). NULL with the error record set. */
RpcTransport *rpc_transport_new_ssh(const RpcSshOptions *opts);

/* Connects, checks the host key, authenticates and runs the remote command
 * with libssh2. NULL with the error record set (VIR_ERR_AUTH_FAILED for
 * authentication, VIR_ERR_SSH for host keys and the session). */
RpcTransport *rpc_transport_new_libssh2(const RpcSshOptions *opts);

#endif /* VIREO_RPC_TRANSPORT_SSH_H */
