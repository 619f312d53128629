/*
 * server.c: the server object: listeners, the loop, and the hand-off of
 * calls to the worker pools and of their replies back to the loop.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/server_priv.h"

#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/error.h"

/* The listen() backlog (libvirtd's max_queued_clients default). */
#define RPC_SERVER_BACKLOG 1000
/* Argument and result structs up to this size live on the stack. */
#define RPC_SERVER_SMALL_RET 512

static void server_worker_run(RpcWorkItem *item, void *opaque);
static void server_wakeup_cb(uv_async_t *async);
static void server_done_cb(uv_poll_t *poll, int status, int events);
static void server_idle_cb(uv_timer_t *timer);

RpcServer *
rpc_server_new(const RpcServerConfig *cfg)
{
    RpcServer *srv = rpc_xcalloc(1, sizeof(*srv));
    int rc;

    srv->cfg = *cfg;
    if (srv->cfg.max_client_requests == 0)
        srv->cfg.max_client_requests = 1;
    srv->tcp_port = -1;
    srv->tls_port = -1;
    srv->done_fd = -1;
    pthread_mutex_init(&srv->done_lock, NULL);
    pthread_mutex_init(&srv->tls_lock, NULL);
    if ((rc = uv_loop_init(&srv->loop)) < 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "cannot start the event loop: %s",
                         uv_strerror(rc));
        goto error;
    }
    srv->loop_open = true;
    uv_async_init(&srv->loop, &srv->wakeup, server_wakeup_cb);
    srv->wakeup.data = srv;
    srv->done_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (srv->done_fd < 0 || uv_poll_init(&srv->loop, &srv->done_poll, srv->done_fd) < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "cannot create the workers' wake-up fd");
        goto error;
    }
    srv->done_poll_open = true;
    srv->done_poll.data = srv;
    uv_poll_start(&srv->done_poll, UV_READABLE, server_done_cb);
    uv_timer_init(&srv->loop, &srv->idle_timer);
    srv->idle_timer.data = srv;
    if ((rc = rpc_workers_init(&srv->pool, cfg->min_workers, cfg->max_workers,
                               cfg->prio_workers, server_worker_run, srv)) < 0) {
        vir_error_report_system(VIR_FROM_THIS, -rc, "cannot start worker threads");
        goto error;
    }
    srv->pool_started = true;
    return srv;

error:
    rpc_server_free(srv);
    return NULL;
}

void
rpc_server_add_program(RpcServer *srv, const RpcProgram *prog)
{
    srv->progs = rpc_xrealloc(srv->progs, (srv->nprogs + 1) * sizeof(*srv->progs));
    srv->progs[srv->nprogs++] = prog;
}

int
rpc_server_get_tcp_port(RpcServer *srv)
{
    return srv->tcp_port;
}

int
rpc_server_get_tls_port(RpcServer *srv)
{
    return srv->tls_port;
}

void
rpc_server_set_tls_context(RpcServer *srv, RpcTlsContext *ctx)
{
    RpcTlsContext *old;

    rpc_tls_context_ref(ctx);
    pthread_mutex_lock(&srv->tls_lock);
    old = srv->tls_ctx;
    srv->tls_ctx = ctx;
    pthread_mutex_unlock(&srv->tls_lock);
    rpc_tls_context_unref(old);
}

static void
listener_closed_cb(uv_handle_t *handle)
{
    free(handle->data);
}

/* Closes every listener and client, joins the workers and drops what they
 * leave behind, then lets libuv finish the closes. Idempotent. */
static void
server_shutdown(RpcServer *srv)
{
    RpcListener *lis, *next;
    RpcServerClient *c;
    RpcWorkItem *left;

    if (srv->shut_down)
        return;
    srv->shut_down = true;
    for (lis = srv->listeners; lis; lis = next) {
        next = lis->next;
        lis->h.handle.data = lis;
        uv_close(&lis->h.handle, listener_closed_cb);
    }
    srv->listeners = NULL;
    for (c = srv->clients; c; c = c->next)
        rpc_server_client_close(c);
    if (srv->pool_started) {
        srv->pool_started = false;
        left = rpc_workers_shutdown(&srv->pool);
        while (left) {
            RpcServerJob *job = (RpcServerJob *)left;

            left = left->next;
            rpc_server_job_free(job);
        }
    }
    /* Replies the workers finished while stopping go nowhere now. */
    server_wakeup_cb(&srv->wakeup);
    uv_timer_stop(&srv->idle_timer);
    uv_close((uv_handle_t *)&srv->idle_timer, NULL);
    uv_close((uv_handle_t *)&srv->wakeup, NULL);
    if (srv->done_poll_open) {
        srv->done_poll_open = false;
        uv_close((uv_handle_t *)&srv->done_poll, NULL);
    }
    uv_run(&srv->loop, UV_RUN_DEFAULT);
}

void
rpc_server_free(RpcServer *srv)
{
    if (!srv)
        return;
    if (srv->loop_open) {
        server_shutdown(srv);
        uv_loop_close(&srv->loop);
    } else if (srv->pool_started) {
        rpc_workers_shutdown(&srv->pool);
    }
    if (srv->done_fd >= 0)
        close(srv->done_fd);
    pthread_mutex_destroy(&srv->done_lock);
    rpc_tls_context_unref(srv->tls_ctx);
    pthread_mutex_destroy(&srv->tls_lock);
    free(srv->progs);
    rpc_buf_free(&srv->rx_scratch);
    rpc_buf_free(&srv->tx_scratch);
    free(srv);
}

/* --- listeners ---------------------------------------------------------- */

static void
server_accept_cb(uv_stream_t *stream, int status)
{
    RpcListener *lis = stream->data;
    RpcServer *srv = lis->srv;

    if (status < 0 || srv->shut_down)
        return;
    /* A plain client's first call follows at once; a TLS client's only
     * after a handshake far longer than any poll window. */
    if (!lis->tls)
        srv->call_turns++;
    if (!rpc_server_client_new(srv, lis))
        return;
    uv_timer_stop(&srv->idle_timer);
}

static RpcListener *
listener_new(RpcServer *srv, bool readonly, int auth, bool local)
{
    RpcListener *lis = rpc_xcalloc(1, sizeof(*lis));

    lis->srv = srv;
    lis->readonly = readonly;
    lis->auth = auth;
    lis->local = local;
    return lis;
}

static void
listener_add(RpcServer *srv, RpcListener *lis)
{
    lis->open = true;
    lis->next = srv->listeners;
    srv->listeners = lis;
}

/* Disposes of a listener whose handle was initialised but never added. */
static void
listener_discard(RpcListener *lis)
{
    lis->h.handle.data = lis;
    uv_close(&lis->h.handle, listener_closed_cb);
}

int
rpc_server_listen_unix(RpcServer *srv, const char *path, mode_t perms, gid_t gid,
                       bool readonly, int auth)
{
    RpcListener *lis = listener_new(srv, readonly, auth, true);
    struct stat st;
    int rc;

    uv_pipe_init(&srv->loop, &lis->h.pipe, 0);
    /* A stale socket from an earlier run would make bind fail. */
    if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
        unlink(path);
    if ((rc = uv_pipe_bind(&lis->h.pipe, path)) < 0) {
        vir_error_report_system(VIR_FROM_THIS, -rc, "Failed to bind socket to '%s'", path);
        goto error;
    }
    if (chmod(path, perms) < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "Failed to change permissions of '%s'",
                                path);
        goto error;
    }
    if (gid != (gid_t)-1 && chown(path, (uid_t)-1, gid) < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "Failed to change group of '%s'", path);
        goto error;
    }
    lis->h.stream.data = lis;
    if ((rc = uv_listen(&lis->h.stream, RPC_SERVER_BACKLOG, server_accept_cb)) < 0) {
        vir_error_report_system(VIR_FROM_THIS, -rc, "Failed to listen on '%s'", path);
        goto error;
    }
    listener_add(srv, lis);
    return 0;

error:
    listener_discard(lis);
    return -1;
}

/* Binds and listens on one address. Returns the bound port or a negative
 * libuv error. */
static int
listen_tcp_addr(RpcServer *srv, struct sockaddr *sa, int auth, bool tls, int port_override)
{
    RpcListener *lis = listener_new(srv, false, auth, false);
    struct sockaddr_storage bound;
    int len = sizeof(bound);
    unsigned int flags = 0;
    int rc;

    if (port_override > 0) {
        if (sa->sa_family == AF_INET)
            ((struct sockaddr_in *)sa)->sin_port = htons(port_override);
        else if (sa->sa_family == AF_INET6)
            ((struct sockaddr_in6 *)sa)->sin6_port = htons(port_override);
    }
    /* The IPv6 wildcard must not also claim IPv4, or the IPv4 bind fails. */
    if (sa->sa_family == AF_INET6)
        flags |= UV_TCP_IPV6ONLY;
    lis->tls = tls;
    uv_tcp_init(&srv->loop, &lis->h.tcp);
    lis->h.stream.data = lis;
    if ((rc = uv_tcp_bind(&lis->h.tcp, sa, flags)) < 0 ||
        (rc = uv_listen(&lis->h.stream, RPC_SERVER_BACKLOG, server_accept_cb)) < 0 ||
        (rc = uv_tcp_getsockname(&lis->h.tcp, (struct sockaddr *)&bound, &len)) < 0) {
        listener_discard(lis);
        return rc;
    }
    listener_add(srv, lis);
    if (bound.ss_family == AF_INET6)
        return ntohs(((struct sockaddr_in6 *)&bound)->sin6_port);
    return ntohs(((struct sockaddr_in *)&bound)->sin_port);
}

static int
server_listen_inet(RpcServer *srv, const char *addr, const char *port, int auth, bool tls)
{
    struct addrinfo hints = { .ai_flags = AI_PASSIVE | AI_ADDRCONFIG,
                              .ai_socktype = SOCK_STREAM };
    struct addrinfo *res = NULL, *ai;
    int bound_port = 0, nok = 0, rc, last = 0;

    if ((rc = getaddrinfo(addr, port, &hints, &res)) != 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Unable to resolve address '%s' service '%s': %s",
                         addr ? addr : "*", port, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
            continue;
        /* With port 0 every address shares the port the first one got. */
        rc = listen_tcp_addr(srv, ai->ai_addr, auth, tls, bound_port);
        if (rc < 0) {
            /* A host without IPv6 still serves IPv4. */
            if (ai->ai_family == AF_INET6 &&
                (rc == UV_EAFNOSUPPORT || rc == UV_EADDRNOTAVAIL))
                continue;
            last = rc;
            break;
        }
        bound_port = rc;
        nok++;
    }
    freeaddrinfo(res);
    if (last < 0 || nok == 0) {
        vir_error_report_system(VIR_FROM_THIS, last < 0 ? -last : EADDRNOTAVAIL,
                                "Unable to listen on '%s' port '%s'", addr ? addr : "*", port);
        return -1;
    }
    if (tls)
        srv->tls_port = bound_port;
    else
        srv->tcp_port = bound_port;
    return 0;
}

int
rpc_server_listen_tcp(RpcServer *srv, const char *addr, const char *port, int auth)
{
    return server_listen_inet(srv, addr, port, auth, false);
}

int
rpc_server_listen_tls(RpcServer *srv, const char *addr, const char *port, int auth)
{
    bool ready;

    pthread_mutex_lock(&srv->tls_lock);
    ready = srv->tls_ctx != NULL;
    pthread_mutex_unlock(&srv->tls_lock);
    if (!ready) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "no TLS credentials for the listener");
        return -1;
    }
    return server_listen_inet(srv, addr, port, auth, true);
}

/* --- the loop ----------------------------------------------------------- */

static void
server_idle_cb(uv_timer_t *timer)
{
    RpcServer *srv = timer->data;

    if (srv->nclients == 0) {
        atomic_store(&srv->stop_requested, true);
        uv_stop(&srv->loop);
    }
}

/* Called by server_client.c when an open client goes away. */
void
rpc_server_client_gone(RpcServer *srv, RpcServerClient *client)
{
    if (srv->nclients == 0 && srv->timeout_secs > 0 && !srv->shut_down)
        uv_timer_start(&srv->idle_timer, server_idle_cb, (uint64_t)srv->timeout_secs * 1000, 0);
}

/* The kernel's struct sched_attr (its first, stable version). */
typedef struct {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime;
    uint64_t sched_deadline;
    uint64_t sched_period;
} RpcSchedAttr;

#define RPC_SCHED_OTHER 0
#define RPC_SCHED_FLAG_RESET_ON_FORK 0x01
/* A fifth of the kernel's default slice on 2 cores (1.4 ms). The shortest
 * it grants, 100 us, cost the loop throughput when many clients kept it
 * busy and other processes competed for the cores. */
#define RPC_SERVER_LOOP_SLICE_NS 300000

/* Asks the scheduler for short time slices on the loop thread. Nearly
 * every call is answered on this thread in a burst of microseconds, and
 * each one waits for it to be woken; on a busy host the woken thread used
 * to wait in the run queue behind CPU-bound processes for most of their
 * slice (milliseconds: the p99 of one connection). With a short slice of
 * its own (EEVDF, Linux 6.12+), its deadline comes first and it runs at
 * once; its share of the CPU does not change. Its nice value and policy
 * are kept (an administrator's SCHED_BATCH or real-time policy is left
 * alone), and threads and processes it creates start from the defaults.
 * Older kernels ignore the slice; failure changes nothing. */
static void
server_loop_thread_hint(void)
{
    RpcSchedAttr attr;

    memset(&attr, 0, sizeof(attr));
    if (syscall(SYS_sched_getattr, 0, &attr, sizeof(attr), 0) < 0 ||
        attr.sched_policy != RPC_SCHED_OTHER)
        return;
    attr.size = sizeof(attr);
    attr.sched_flags |= RPC_SCHED_FLAG_RESET_ON_FORK;
    attr.sched_runtime = RPC_SERVER_LOOP_SLICE_NS;
    (void)syscall(SYS_sched_setattr, 0, &attr, 0);
}

int
rpc_server_run(RpcServer *srv, unsigned int timeout_secs)
{
    srv->timeout_secs = timeout_secs;
    server_loop_thread_hint();
    if (timeout_secs > 0 && srv->nclients == 0)
        uv_timer_start(&srv->idle_timer, server_idle_cb, (uint64_t)timeout_secs * 1000, 0);
    /* A peer closing while we write must not kill the daemon. */
    signal(SIGPIPE, SIG_IGN);
    if (!atomic_load(&srv->stop_requested))
        rpc_server_loop_run(srv);
    server_shutdown(srv);
    return 0;
}

void
rpc_server_stop(RpcServer *srv)
{
    atomic_store(&srv->stop_requested, true);
    uv_async_send(&srv->wakeup);
}

/* Hands a finished job to the loop. Thread-safe. Only the job that finds
 * the queue empty writes the eventfd: the loop takes the whole queue per
 * wake-up. (Not uv_async_send: its loop side spins while a sender is
 * between its two steps, and a sender preempted there on a busy machine
 * stalled the loop for milliseconds.) */
void
rpc_server_job_finish(RpcServer *srv, RpcServerJob *job)
{
    bool wake;

    pthread_mutex_lock(&srv->done_lock);
    job->done_next = NULL;
    if (srv->done_tail)
        srv->done_tail->done_next = job;
    else
        srv->done_head = job;
    srv->done_tail = job;
    wake = !srv->done_woken;
    srv->done_woken = true;
    pthread_mutex_unlock(&srv->done_lock);
    if (wake) {
        uint64_t one = 1;
        ssize_t n;

        do {
            n = write(srv->done_fd, &one, sizeof(one));
        } while (n < 0 && errno == EINTR);
        /* EAGAIN: the counter is full, so the loop is being woken anyway. */
    }
}

static void server_take_done(RpcServer *srv);

static void
server_done_cb(uv_poll_t *poll, int status, int events)
{
    RpcServer *srv = poll->data;
    uint64_t count;

    (void)status;
    (void)events;
    /* Drain first: a job queued after this is either taken below or
     * writes the eventfd again. */
    while (read(srv->done_fd, &count, sizeof(count)) < 0 && errno == EINTR)
        ;
    server_take_done(srv);
}

static void
server_wakeup_cb(uv_async_t *async)
{
    RpcServer *srv = async->data;

    if (atomic_load(&srv->stop_requested) && !srv->shut_down)
        uv_stop(&srv->loop);
    server_take_done(srv);
}

/* Queues every finished job's output on its client, then flushes each
 * client once. Loop thread. */
static void
server_take_done(RpcServer *srv)
{
    RpcServerJob *job, *next;
    RpcServerClient *dirty = NULL, *c;

    pthread_mutex_lock(&srv->done_lock);
    job = srv->done_head;
    srv->done_head = srv->done_tail = NULL;
    srv->done_woken = false;
    pthread_mutex_unlock(&srv->done_lock);
    /* Queue every reply first and write afterwards, so that replies for the
     * same client leave in one write. */
    for (; job; job = next) {
        next = job->done_next;
        c = job->client;
        rpc_server_client_job_done(c, job);
        if (c->dirty || atomic_load(&c->closed)) {
            rpc_server_job_free(job);
            continue;
        }
        c->dirty = true;
        rpc_server_client_ref(c);
        c->dirty_next = dirty;
        dirty = c;
        rpc_server_job_free(job);
    }
    while ((c = dirty)) {
        dirty = c->dirty_next;
        c->dirty = false;
        rpc_server_client_pump(c);
        rpc_server_client_unref(c);
    }
}

/* --- running procedures ------------------------------------------------- */

/* Runs proc's handler for the call hdr with decoded args and appends the
 * reply (result or error) to out. Frees args' contents. Any thread. */
void
rpc_server_execute_call(RpcServerClient *client, const RpcProcedure *proc,
                        const rpc_msg_header *hdr, void *args, RpcBuf *out)
{
    RpcCallInfo call = { hdr->prog, hdr->vers, hdr->proc, hdr->serial };
    union {
        max_align_t align;
        char bytes[RPC_SERVER_SMALL_RET];
    } small;
    void *ret = small.bytes;
    rpc_msg_header reply = *hdr;
    int rc;

    if (proc->ret_size > sizeof(small))
        ret = rpc_xcalloc(1, proc->ret_size);
    else
        memset(ret, 0, proc->ret_size);
    /* A stale record from this thread's last call must not leak into a
     * failure that forgot to report. */
    virResetLastError();
    rc = proc->handler(client, &call, args, ret);
    if (rc == 0) {
        reply.type = RPC_MSG_REPLY;
        reply.status = RPC_MSG_STATUS_OK;
        if (rpc_message_append(out, &reply, proc->ret_filter, ret) < 0) {
            vir_report_error(VIR_ERR_RPC, "%s", "Unable to encode message payload");
            rc = -1;
        }
    }
    if (rc < 0 && rpc_message_append_error(out, hdr, vir_error_current()) < 0)
        rpc_message_append_error(out, hdr, NULL);
    if (proc->ret_filter && proc->ret_size)
        xdr_free(proc->ret_filter, ret);
    if (ret != small.bytes)
        free(ret);
    if (proc->args_filter && proc->args_size)
        xdr_free(proc->args_filter, args);
}

static void
server_worker_run(RpcWorkItem *item, void *opaque)
{
    RpcServer *srv = opaque;
    RpcServerJob *job = (RpcServerJob *)item;

    rpc_server_execute_call(job->client, job->proc, &job->hdr, job->args, &job->out);
    job->args = NULL;
    rpc_server_job_finish(srv, job);
}
