/*
 * detach.c: the classic double fork, plus a pipe back to the parent.
 *
 * The pipe carries the daemon's stderr during start-up; a single NUL byte
 * at the end means "ready". Messages never contain NUL, so the parent can
 * copy everything else through and decide the exit status from the mark.
 */
#include "daemon/detach.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon/conf_file.h"
#include "util/alloc.h"

static void
detach_write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        buf += n;
        len -= (size_t)n;
    }
}

/* The original process: relay the daemon's messages, exit on EOF. */
static _Noreturn void
detach_parent_wait(int fd)
{
    bool ready = false;
    char buf[4096];
    ssize_t n;

    while ((n = read(fd, buf, sizeof(buf))) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        ready = buf[n - 1] == '\0';
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != '\0')
                detach_write_all(STDERR_FILENO, &buf[i], 1);
        }
    }
    _exit(ready ? 0 : 1);
}

static void
detach_redirect(int target, int flags)
{
    int fd = open("/dev/null", flags | O_CLOEXEC);

    if (fd >= 0) {
        dup2(fd, target);
        close(fd);
    }
}

int
daemon_detach(int *ret_notify_fd, char **errmsg)
{
    int fds[2];
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC) < 0) {
        *errmsg = xasprintf("cannot create a pipe: %s", strerror(errno));
        return -1;
    }
    pid = fork();
    if (pid < 0) {
        *errmsg = xasprintf("cannot fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid > 0) {
        close(fds[1]);
        waitpid(pid, NULL, 0); /* the middle process exits at once */
        detach_parent_wait(fds[0]);
    }
    close(fds[0]);
    if (setsid() < 0 || (pid = fork()) < 0)
        _exit(1); /* the parent sees EOF without the mark */
    if (pid > 0)
        _exit(0);
    if (chdir("/") < 0)
        _exit(1);
    detach_redirect(STDIN_FILENO, O_RDONLY);
    detach_redirect(STDOUT_FILENO, O_WRONLY);
    dup2(fds[1], STDERR_FILENO);
    *ret_notify_fd = fds[1];
    return 0;
}

void
daemon_detach_ready(int notify_fd)
{
    detach_write_all(notify_fd, "", 1);
    detach_redirect(STDERR_FILENO, O_WRONLY);
    close(notify_fd);
}
