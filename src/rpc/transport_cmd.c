/*
 * transport_cmd.c: a child process as the byte stream (transport_cmd.h).
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/transport_cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"

extern char **environ;

/* How much of the child's stderr an error message carries. */
#define CMD_STDERR_MAX 2048
/* How long to wait for the child's last words, and for it to exit. */
#define CMD_STDERR_WAIT_MS 2000
#define CMD_EXIT_WAIT_MS 1000

typedef struct {
    RpcTransport base;     /* base.fd: our end of the socketpair */
    pid_t pid;             /* the child; 0 once reaped */
    int err_fd;            /* read end of the child's stderr; -1 once drained */
    char err[CMD_STDERR_MAX]; /* what was drained, NUL-terminated */
    size_t err_len;
} CmdTransport;

static ssize_t
cmd_read(RpcTransport *t, void *buf, size_t len)
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
cmd_write(RpcTransport *t, const void *buf, size_t len)
{
    for (;;) {
        ssize_t n = send(t->fd, buf, len, MSG_NOSIGNAL);

        if (n >= 0)
            return n;
        if (errno != EINTR)
            return -errno;
    }
}

static void
cmd_shutdown(RpcTransport *t)
{
    if (t->fd >= 0)
        shutdown(t->fd, SHUT_RDWR);
}

static long
cmd_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Reads the child's stderr until it closes it or wait_ms pass, keeping the
 * first CMD_STDERR_MAX - 1 bytes. */
static void
cmd_drain_stderr(CmdTransport *c, int wait_ms)
{
    long deadline = cmd_now_ms() + wait_ms;
    char chunk[512];

    while (c->err_fd >= 0) {
        struct pollfd pfd = { .fd = c->err_fd, .events = POLLIN };
        long left = deadline - cmd_now_ms();
        ssize_t n;

        if (left <= 0 || poll(&pfd, 1, (int)left) <= 0) {
            if (left > 0 && errno == EINTR)
                continue;
            break;
        }
        n = read(c->err_fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            close(c->err_fd);
            c->err_fd = -1;
            break;
        }
        if (c->err_len < sizeof(c->err) - 1) {
            size_t take = sizeof(c->err) - 1 - c->err_len;

            if (take > (size_t)n)
                take = (size_t)n;
            memcpy(c->err + c->err_len, chunk, take);
            c->err_len += take;
            c->err[c->err_len] = '\0';
        }
    }
}

/* The child's stderr as one line: newlines become "; ", trailing space
 * goes. Empty when it said nothing. */
static const char *
cmd_error_detail(RpcTransport *t)
{
    CmdTransport *c = (CmdTransport *)t;
    size_t i, len;

    cmd_drain_stderr(c, CMD_STDERR_WAIT_MS);
    len = c->err_len;
    while (len > 0 && (c->err[len - 1] == '\n' || c->err[len - 1] == '\r' ||
                       c->err[len - 1] == ' '))
        len--;
    c->err[len] = '\0';
    c->err_len = len;
    for (i = 0; i < len; i++)
        if (c->err[i] == '\n' || c->err[i] == '\r')
            c->err[i] = ' ';
    return c->err;
}

/* Waits for the child up to ms; true once it is reaped. */
static bool
cmd_reap(CmdTransport *c, int ms)
{
    long deadline = cmd_now_ms() + ms;

    while (c->pid > 0) {
        pid_t r = waitpid(c->pid, NULL, WNOHANG);

        if (r == c->pid || (r < 0 && errno == ECHILD)) {
            c->pid = 0;
            break;
        }
        if (cmd_now_ms() >= deadline)
            return false;
        usleep(10000);
    }
    return true;
}

static void
cmd_free(RpcTransport *t)
{
    CmdTransport *c = (CmdTransport *)t;

    /* Closing our end is the child's end of input: ssh and nc exit on it.
     * One that does not is asked, then told. */
    if (t->fd >= 0)
        close(t->fd);
    if (c->err_fd >= 0)
        close(c->err_fd);
    if (c->pid > 0 && !cmd_reap(c, CMD_EXIT_WAIT_MS)) {
        kill(c->pid, SIGTERM);
        if (!cmd_reap(c, CMD_EXIT_WAIT_MS)) {
            kill(c->pid, SIGKILL);
            cmd_reap(c, CMD_EXIT_WAIT_MS);
        }
    }
    free(c);
}

static const RpcTransportOps cmd_ops = {
    .read = cmd_read,
    .write = cmd_write,
    .shutdown = cmd_shutdown,
    .free = cmd_free,
    .error_detail = cmd_error_detail,
};

RpcTransport *
rpc_transport_new_cmd(char *const argv[])
{
    posix_spawn_file_actions_t fa;
    int sv[2] = { -1, -1 }, errp[2] = { -1, -1 }, rc;
    pid_t pid;
    CmdTransport *c;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "unable to create socket pair");
        return NULL;
    }
    if (pipe2(errp, O_CLOEXEC) < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "unable to create pipe");
        close(sv[0]);
        close(sv[1]);
        return NULL;
    }
    /* dup2 clears close-on-exec on the copies: the child keeps 0, 1, 2
     * and nothing else of ours. */
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, sv[1], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&fa, sv[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, errp[1], STDERR_FILENO);
    rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(sv[1]);
    close(errp[1]);
    if (rc != 0) {
        vir_error_report_system(VIR_FROM_THIS, rc, "Cannot run '%s'", argv[0]);
        close(sv[0]);
        close(errp[0]);
        return NULL;
    }
    c = xcalloc(1, sizeof(*c));
    c->base.ops = &cmd_ops;
    c->base.fd = sv[0];
    c->base.local = false;
    c->pid = pid;
    c->err_fd = errp[0];
    return &c->base;
}

RpcTransport *
rpc_transport_new_ext(const char *command)
{
    char *argv[] = { (char *)command, NULL };

    if (!command || !*command) {
        vir_report_error(VIR_ERR_INVALID_ARG,
                         "remote_open: for 'ext' transport, command is required");
        return NULL;
    }
    return rpc_transport_new_cmd(argv);
}
