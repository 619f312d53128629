/*
 * ssh_helper.c: vireo-ssh-helper, the far end of the ssh transports.
 *
 *   vireo-ssh-helper [-r] URI
 *   vireo-ssh-helper [-r] --socket PATH
 *
 * sshd runs it on the host with the client's bytes on stdin; it connects
 * to the daemon's unix socket for URI (or PATH) and copies bytes both ways
 * until either side ends, so a host needs neither nc nor which. -r picks
 * the read-only socket. It takes the same arguments as libvirt's
 * virt-ssh-helper, so stock clients can use it under that name.
 *
 * The socket for a URI is the one the daemon listens on by default:
 * /var/run/libvirt/libvirt-sock[-ro], or the user's session socket for a
 * non-root qemu:///session. VIREO_SSH_HELPER_SOCKET_DIR (set for example
 * with sshd's SetEnv) names another directory for a daemon started with a
 * different unix_sock_dir.
 */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "helper/ssh_helper.h"

#define HELPER_BUF 65536

static const char *helper_prog = "vireo-ssh-helper";

static void
helper_usage(FILE *f)
{
    fprintf(f, "usage: %s [-r|--readonly] URI\n"
               "       %s [-r|--readonly] --socket PATH\n", helper_prog, helper_prog);
}

static int
helper_connect(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(sun.sun_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(sun.sun_path, path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
        return -1;
    while (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
        int e = errno;

        if (e == EINTR)
            continue;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* Writes all of buf to fd. Returns 0 or -1 (errno set). */
static int
helper_write_all(int fd, const char *buf, size_t len, bool sock)
{
    while (len > 0) {
        ssize_t n = sock ? send(fd, buf, len, MSG_NOSIGNAL) : write(fd, buf, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Copies stdin -> sock and sock -> stdout until the daemon's side ends. */
static int
helper_proxy(int sock)
{
    static char buf[HELPER_BUF];
    bool in_open = true;

    for (;;) {
        struct pollfd pfd[2] = {
            { .fd = sock, .events = POLLIN },
            { .fd = in_open ? STDIN_FILENO : -1, .events = POLLIN },
        };
        ssize_t n;

        if (poll(pfd, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (pfd[0].revents) {
            n = recv(sock, buf, sizeof(buf), 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && errno != ECONNRESET)
                return -1;
            if (n <= 0)
                return 0; /* the daemon closed: we are done */
            if (helper_write_all(STDOUT_FILENO, buf, (size_t)n, false) < 0)
                return errno == EPIPE ? 0 : -1;
        }
        if (pfd[1].revents) {
            n = read(STDIN_FILENO, buf, sizeof(buf));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                /* The client is gone: let the daemon see the end, and pass
                 * on whatever it still sends until it closes. */
                in_open = false;
                shutdown(sock, SHUT_WR);
                continue;
            }
            if (helper_write_all(sock, buf, (size_t)n, true) < 0)
                return errno == EPIPE ? 0 : -1;
        }
    }
}

int
main(int argc, char **argv)
{
    bool readonly = false;
    const char *socket_path = NULL, *uri = NULL, *err = NULL;
    char path[4096];
    int i, fd;

    if (argc > 0 && argv[0] && strrchr(argv[0], '/'))
        helper_prog = strrchr(argv[0], '/') + 1;
    else if (argc > 0 && argv[0])
        helper_prog = argv[0];
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-r") == 0 || strcmp(argv[i], "--readonly") == 0) {
            readonly = true;
        } else if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc) {
            socket_path = argv[++i];
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            helper_usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "-V") == 0 || strcmp(argv[i], "--version") == 0) {
            printf("%s (vireo) 9.0.0\n", helper_prog);
            return 0;
        } else if (argv[i][0] == '-' || uri) {
            helper_usage(stderr);
            return 1;
        } else {
            uri = argv[i];
        }
    }
    if (!socket_path && !uri) {
        helper_usage(stderr);
        return 1;
    }
    if (!socket_path) {
        if (ssh_helper_socket_path(uri, readonly, getenv("VIREO_SSH_HELPER_SOCKET_DIR"),
                                   getenv("XDG_RUNTIME_DIR"), geteuid() == 0, path,
                                   sizeof(path), &err) < 0) {
            fprintf(stderr, "%s: cannot use URI '%s': %s\n", helper_prog, uri, err);
            return 1;
        }
        socket_path = path;
    }
    if ((fd = helper_connect(socket_path)) < 0) {
        fprintf(stderr, "%s: cannot connect to '%s': %s\n", helper_prog, socket_path,
                strerror(errno));
        return 1;
    }
    if (helper_proxy(fd) < 0) {
        fprintf(stderr, "%s: could not proxy traffic: %s\n", helper_prog, strerror(errno));
        close(fd);
        return 1;
    }
    close(fd);
    return 0;
}
