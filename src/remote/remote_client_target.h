/*
 * remote_client_target.h: where a remote connection goes and what it asks
 * for, decided from the URI alone (no I/O), so the rules can be tested
 * without a daemon.
 *
 * Rules (libvirt's, restricted to the transports Vireo has so far):
 *  - the remote driver takes a URI with a transport ("qemu+tcp://") or a
 *    server ("test://host/"), or whose driver is not "test" (qemu:///system
 *    goes to the local daemon); a plain test:///... is the in-process test
 *    driver's;
 *  - no transport means tls with a server and unix without one;
 *  - the name sent in CONNECT_OPEN is the URI without transport, user,
 *    server, port and the client's own parameters, or the "name" parameter
 *    verbatim, or "" for the "remote" driver (the daemon then probes).
 */
#ifndef VIREO_REMOTE_CLIENT_TARGET_H
#define VIREO_REMOTE_CLIENT_TARGET_H

#include <stdbool.h>
#include "util/uri.h"

typedef enum {
    REMOTE_TRANSPORT_UNIX,
    REMOTE_TRANSPORT_TCP,
    REMOTE_TRANSPORT_TLS,      /* GnuTLS over tcp (rpc/tls_transport.h) */
    REMOTE_TRANSPORT_SSH,      /* the OpenSSH binary as a child */
    REMOTE_TRANSPORT_LIBSSH2,  /* ssh inside the process */
    REMOTE_TRANSPORT_EXT,      /* any command as a child */
} RemoteTransport;

/* Debian builds libvirt with /var/run as its run-state directory: the
 * paths (and error messages naming them) are libvirt's. */
#define REMOTE_DEFAULT_SOCKET_DIR "/var/run/libvirt"
#define REMOTE_DEFAULT_TCP_PORT "16509"
#define REMOTE_DEFAULT_TLS_PORT "16514"

typedef struct {
    RemoteTransport transport;
    char *socket_path;  /* unix: the socket to connect to */
    char *host;         /* tcp */
    char *port;         /* tcp, as a string for getaddrinfo */
    char *name;         /* CONNECT_OPEN's name (never NULL here) */
    char *auth;         /* the "auth" parameter, or NULL */
    /* ssh, libssh2 and ext (rpc/transport_ssh.h says what each means);
     * socket_path is then the socket on the far side, socket_given
     * whether the user named it. NULL when not given. */
    char *user;
    char *keyfile;
    char *command;
    char *netcat;
    char *known_hosts;
    char *known_hosts_verify;
    char *sshauth;
    char *proxy;        /* "auto", "netcat" or "native" (checked) */
    bool socket_given;
    bool no_verify;
    bool no_tty;
    bool readonly;
    /* tls: the pkipath, tls_priority and no_sanity parameters (no_verify
     * above skips the server certificate checks). */
    char *pkipath;
    char *tls_priority;
    bool no_sanity;
} RemoteTarget;

/* Decides the target of uri for an open with readonly. Returns 1 and fills
 * *ret_target (free with remote_client_target_clear) when the URI is the
 * remote driver's, 0 when it is not (nothing reported), -1 with the error
 * recorded when it is but cannot be served (an unknown or not yet
 * supported transport). */
int remote_client_target_init(const VireoUri *uri, bool readonly, RemoteTarget *ret_target);

/* Frees what the target owns; the struct itself is the caller's. */
void remote_client_target_clear(RemoteTarget *target);

#endif /* VIREO_REMOTE_CLIENT_TARGET_H */
