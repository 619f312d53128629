/*
 * transport.c: the plain socket transports (unix and tcp) of the client.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/transport.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "rpc/buf.h"
#include "util/error.h"

static ssize_t
sock_read(RpcTransport *t, void *buf, size_t len)
{
    for (;;) {
        ssize_t n = recv(t->fd, buf, len, 0);

        if (n >= 0)
            return n;
        if (errno != EINTR)
            return -errno;
    }
}

static ssize_t
sock_write(RpcTransport *t, const void *buf, size_t len)
{
    for (;;) {
        /* MSG_NOSIGNAL: a dead peer is an error return, not a SIGPIPE. */
        ssize_t n = send(t->fd, buf, len, MSG_NOSIGNAL);

        if (n >= 0)
            return n;
        if (errno != EINTR)
            return -errno;
    }
}

static void
sock_shutdown(RpcTransport *t)
{
    if (t->fd >= 0)
        shutdown(t->fd, SHUT_RDWR);
}

static void
sock_free(RpcTransport *t)
{
    if (t->fd >= 0)
        close(t->fd);
    free(t);
}

static const RpcTransportOps sock_ops = {
    .read = sock_read,
    .write = sock_write,
    .shutdown = sock_shutdown,
    .free = sock_free,
};

RpcTransport *
rpc_transport_new_fd(int fd, bool local)
{
    RpcTransport *t = rpc_xcalloc(1, sizeof(*t));

    t->ops = &sock_ops;
    t->fd = fd;
    t->local = local;
    return t;
}

RpcTransport *
rpc_transport_new_unix(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(sun.sun_path)) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Socket path '%s' too long", path);
        return NULL;
    }
    strcpy(sun.sun_path, path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "Failed to create socket");
        return NULL;
    }
    while (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
        if (errno == EINTR)
            continue;
        vir_error_report_system(VIR_FROM_THIS, errno, "Failed to connect socket to '%s'", path);
        close(fd);
        return NULL;
    }
    return rpc_transport_new_fd(fd, true);
}

RpcTransport *
rpc_transport_new_tcp(const char *host, const char *port)
{
    struct addrinfo hints = { .ai_flags = AI_NUMERICHOST, .ai_socktype = SOCK_STREAM };
    struct addrinfo *res = NULL, *ai;
    int fd = -1, rc, saved = ECONNREFUSED, one = 1;

    /* An address literal ("127.0.0.1", "::1") is taken as it is: asking with
     * AI_ADDRCONFIG first costs a netlink socket and 7 system calls per open
     * to learn which families the host has configured. Names are resolved
     * with it, as before. */
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc == EAI_NONAME) {
        hints.ai_flags = AI_ADDRCONFIG;
        rc = getaddrinfo(host, port, &hints, &res);
    }
    if (rc != 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Unable to resolve address '%s' service '%s': %s",
                         host, port, gai_strerror(rc));
        return NULL;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        saved = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        vir_error_report_system(VIR_FROM_THIS, saved, "unable to connect to server at '%s:%s'",
                                host, port);
        return NULL;
    }
    /* Calls are small and latency-bound: never wait to coalesce them. */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return rpc_transport_new_fd(fd, false);
}
