/*
 * server_client.c: one connection on the server: reading frames, dispatching
 * calls, writing replies, keepalive and the per-client limits.
 *
 * Everything here runs on the loop thread except the rpc_server_client_*
 * functions that server.h marks thread-safe.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/server_priv.h"
#include "rpc/server_stream.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "util/error.h"

/* Argument structs up to this size are decoded into the job allocation or
 * the stack rather than a separate allocation. */
#define RPC_CLIENT_SMALL_ARGS 512

static void client_read_cb(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf);

/* --- references and lifetime ---------------------------------------------- */

void
rpc_server_client_ref(RpcServerClient *client)
{
    atomic_fetch_add(&client->refs, 1);
}

static void
client_release_priv(RpcServerClient *client)
{
    void *priv;
    RpcClientFreeFunc fn;

    pthread_mutex_lock(&client->priv_lock);
    priv = client->priv;
    fn = client->priv_free;
    client->priv = NULL;
    client->priv_free = NULL;
    pthread_mutex_unlock(&client->priv_lock);
    if (priv && fn)
        fn(priv);
}

void
rpc_server_client_unref(RpcServerClient *client)
{
    if (!client || atomic_fetch_sub(&client->refs, 1) != 1)
        return;
    client_release_priv(client);
    rpc_server_tls_free(client->tls);
    rpc_buf_free(&client->rx);
    rpc_buf_free(&client->out);
    rpc_buf_free(&client->wout);
    rpc_server_stream_close_all(client); /* any opened after the close */
    pthread_mutex_destroy(&client->stream_lock);
    pthread_mutex_destroy(&client->priv_lock);
    free(client);
}

void
rpc_server_job_free(RpcServerJob *job)
{
    if (!job)
        return;
    if (job->args && job->proc && job->proc->args_filter && job->proc->args_size)
        xdr_free(job->proc->args_filter, job->args);
    rpc_buf_free(&job->out);
    rpc_server_client_unref(job->client);
    free(job);
}

RpcServerJob *
rpc_server_job_new(RpcServerClient *client, RpcServerJobKind kind, size_t args_size)
{
    RpcServerJob *job = rpc_xcalloc(1, sizeof(*job) + args_size);

    job->kind = kind;
    job->client = client;
    rpc_server_client_ref(client);
    if (args_size)
        job->args = job + 1;
    return job;
}

/* The last libuv handle of the client is closed: unlink and drop the
 * reference the connection held. */
static void
client_handle_closed_cb(uv_handle_t *handle)
{
    RpcServerClient *client = handle->data;
    RpcServer *srv = client->srv;

    if (--client->open_handles > 0)
        return;
    if (client->prev)
        client->prev->next = client->next;
    else
        srv->clients = client->next;
    if (client->next)
        client->next->prev = client->prev;
    rpc_server_client_unref(client);
}

void
rpc_server_client_close(RpcServerClient *client)
{
    RpcServer *srv = client->srv;

    if (atomic_exchange(&client->closed, true))
        return;
    if (atomic_exchange(&client->anonymous, false))
        atomic_fetch_sub(&srv->nanonymous, 1);
    if (client->reading)
        uv_read_stop(&client->h.stream);
    client->reading = false;
    uv_close(&client->h.handle, client_handle_closed_cb);
    if (client->ka_timer_on) {
        uv_timer_stop(&client->ka_timer);
        uv_close((uv_handle_t *)&client->ka_timer, client_handle_closed_cb);
    }
    if (client->stream_idle_on) {
        uv_idle_stop(&client->stream_idle);
        uv_close((uv_handle_t *)&client->stream_idle, client_handle_closed_cb);
    }
    rpc_server_stream_close_all(client);
    if (!client->reject)
        srv->nclients--;
    rpc_server_client_gone(srv, client);
    /* Handlers may still be using the private data; the last one to finish
     * releases it instead. */
    if (client->jobs_running == 0)
        client_release_priv(client);
}

/* The peer's address as text, without port ("192.0.2.1", "::1"). */
static void
client_peer_addr(RpcServerClient *client, char *buf, size_t len)
{
    struct sockaddr_storage ss;
    int sslen = sizeof(ss);

    buf[0] = '\0';
    if (uv_tcp_getpeername(&client->h.tcp, (struct sockaddr *)&ss, &sslen) < 0)
        return;
    if (ss.ss_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, buf, (socklen_t)len);
    else if (ss.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, buf, (socklen_t)len);
}

/* Gives a client of a TLS listener its session, with the context current
 * at accept time. Returns 0, or -1 when it cannot have one. */
static int
client_start_tls(RpcServerClient *client)
{
    RpcServer *srv = client->srv;
    RpcTlsContext *ctx;
    char addr[INET6_ADDRSTRLEN];

    pthread_mutex_lock(&srv->tls_lock);
    ctx = srv->tls_ctx;
    if (ctx)
        rpc_tls_context_ref(ctx);
    pthread_mutex_unlock(&srv->tls_lock);
    if (!ctx)
        return -1;
    client_peer_addr(client, addr, sizeof(addr));
    client->tls = rpc_server_tls_new(ctx, addr);
    rpc_tls_context_unref(ctx);
    if (!client->tls) {
        virResetLastError();
        return -1;
    }
    return 0;
}

RpcServerClient *
rpc_server_client_new(RpcServer *srv, RpcListener *lis)
{
    RpcServerClient *client = rpc_xcalloc(1, sizeof(*client));
    int rc;

    atomic_init(&client->refs, 1);
    client->srv = srv;
    client->local = lis->local;
    client->auth = lis->auth;
    atomic_init(&client->readonly, lis->readonly);
    pthread_mutex_init(&client->priv_lock, NULL);
    pthread_mutex_init(&client->stream_lock, NULL);
    if (lis->local)
        rc = uv_pipe_init(&srv->loop, &client->h.pipe, 0);
    else
        rc = uv_tcp_init(&srv->loop, &client->h.tcp);
    if (rc < 0) {
        rpc_server_client_unref(client);
        return NULL;
    }
    client->h.handle.data = client;
    client->open_handles = 1;
    client->next = srv->clients;
    if (srv->clients)
        srv->clients->prev = client;
    srv->clients = client;
    if (uv_accept(&lis->h.stream, &client->h.stream) < 0) {
        client->reject = true; /* not counted */
        rpc_server_client_close(client);
        return NULL;
    }
    if (!lis->local)
        uv_tcp_nodelay(&client->h.tcp, 1);
    if (lis->tls && client_start_tls(client) < 0) {
        client->reject = true; /* not counted */
        rpc_server_client_close(client);
        return NULL;
    }
    /* Past max_clients the client is still accepted, so it gets a clear
     * error on its first call instead of hanging in the backlog. */
    if (srv->cfg.max_clients && srv->nclients >= srv->cfg.max_clients) {
        client->reject = true;
    } else if (client->auth != 0 && srv->cfg.max_anonymous_clients &&
               atomic_load(&srv->nanonymous) >= srv->cfg.max_anonymous_clients) {
        client->reject = client->reject_anonymous = true;
    } else {
        srv->nclients++;
        if (client->auth != 0) {
            atomic_store(&client->anonymous, true);
            atomic_fetch_add(&srv->nanonymous, 1);
        }
    }
    client->last_rx = uv_now(&srv->loop);
    rpc_server_client_pump(client);
    return client;
}

/* --- output ----------------------------------------------------------------- */

static void client_flush(RpcServerClient *client);

/* Replies to calls have reached the kernel: free their request slots. */
static void
client_calls_written(RpcServerClient *client, unsigned int ncalls)
{
    if (ncalls == 0)
        return;
    client->in_flight -= ncalls;
    client->repump = true;
}

static void
client_write_cb(uv_write_t *req, int status)
{
    RpcServerClient *client = req->data;
    unsigned int ncalls = client->wout_calls;

    client->writing = false;
    client->wout_calls = 0;
    rpc_buf_clear(&client->wout, 0);
    if (status < 0 || atomic_load(&client->closed)) {
        rpc_server_client_close(client);
        return;
    }
    client_calls_written(client, ncalls);
    rpc_server_client_pump(client);
}

/* Writes src (with ncalls replies in it): directly when the socket takes
 * it (the common, cheap case), otherwise through a libuv write request. */
static void
client_write_buf(RpcServerClient *client, RpcBuf *src, unsigned int *ncalls)
{
    uv_buf_t b;
    int n;
    RpcBuf tmp;

    b = uv_buf_init(src->data, (unsigned int)src->len);
    n = uv_try_write(&client->h.stream, &b, 1);
    if (n == UV_EAGAIN || n == UV_ENOSYS)
        n = 0;
    if (n < 0) {
        rpc_server_client_close(client);
        return;
    }
    if ((size_t)n == src->len) {
        client_calls_written(client, *ncalls);
        *ncalls = 0;
        /* Written: an idle client keeps no output buffer either. */
        if (src == &client->out && client->out_lent)
            src->len = 0;
        else
            rpc_buf_clear(src, 0);
        return;
    }
    /* Partial: hand the rest to libuv and queue new replies meanwhile. The
     * loop's buffer stays the loop's: the rest is copied out of it. */
    if (src == &client->out && client->out_lent) {
        rpc_buf_clear(&client->wout, 0);
        rpc_buf_reserve(&client->wout, src->len - (size_t)n);
        memcpy(client->wout.data, src->data + n, src->len - (size_t)n);
        client->wout.len = src->len - (size_t)n;
        src->len = 0;
        n = 0;
    } else {
        tmp = client->wout;
        client->wout = *src;
        *src = tmp;
        src->len = 0;
    }
    client->wout_calls = *ncalls;
    *ncalls = 0;
    b = uv_buf_init(client->wout.data + n, (unsigned int)(client->wout.len - n));
    client->wreq.data = client;
    if (uv_write(&client->wreq, &client->h.stream, &b, 1, client_write_cb) < 0) {
        rpc_server_client_close(client);
        return;
    }
    client->writing = true;
}

/* Writes what is queued; over TLS the replies are encrypted first, into
 * the wire buffer that also carries the handshake. */
static void
client_flush(RpcServerClient *client)
{
    RpcBuf *wire;

    if (client->writing || atomic_load(&client->closed))
        return;
    if (!client->tls) {
        if (client->out.len)
            client_write_buf(client, &client->out, &client->out_calls);
        return;
    }
    if (client->out.len) {
        if (rpc_server_tls_encrypt(client->tls, &client->out) < 0) {
            rpc_server_client_close(client);
            return;
        }
        rpc_buf_clear(&client->out, RPC_SERVER_BUF_KEEP);
        client->wire_calls += client->out_calls;
        client->out_calls = 0;
    }
    wire = rpc_server_tls_wire(client->tls);
    if (wire->len)
        client_write_buf(client, wire, &client->wire_calls);
}

/* Queues the error reply for the call hdr from the thread's error record. */
static void
client_queue_error(RpcServerClient *client, const rpc_msg_header *hdr)
{
    if (rpc_message_append_error(&client->out, hdr, vir_error_current()) < 0)
        rpc_message_append_error(&client->out, hdr, NULL);
    client->out_calls++;
}

static void
client_queue_keepalive(RpcServerClient *client, int proc)
{
    rpc_msg_header hdr = { RPC_KEEPALIVE_PROGRAM, RPC_KEEPALIVE_PROTOCOL_VERSION, proc,
                           RPC_MSG_MESSAGE, 0, RPC_MSG_STATUS_OK };

    rpc_message_append(&client->out, &hdr, NULL, NULL);
}

/* --- input and dispatch ------------------------------------------------------ */

static const RpcProgram *
client_find_program(RpcServer *srv, unsigned int prog, unsigned int vers)
{
    size_t i;

    for (i = 0; i < srv->nprogs; i++) {
        if (srv->progs[i]->prog == prog && srv->progs[i]->vers == vers)
            return srv->progs[i];
    }
    return NULL;
}

/* Checks everything about a call that needs no decoding. Returns the
 * procedure, or NULL with the error record set. */
static const RpcProcedure *
client_check_call(RpcServerClient *client, const rpc_msg_header *hdr,
                  const RpcProgram **ret_prog)
{
    RpcServer *srv = client->srv;
    const RpcProgram *prog;
    const RpcProcedure *proc;

    if (client->reject_anonymous) {
        vir_report_error(VIR_ERR_RPC,
                         "too many unauthenticated clients (%u), rejecting connection",
                         srv->cfg.max_anonymous_clients);
        return NULL;
    }
    if (client->reject) {
        vir_report_error(VIR_ERR_RPC, "too many active clients (%u), rejecting connection",
                         srv->cfg.max_clients);
        return NULL;
    }
    /* libvirtd's order: the program, then the status, then the procedure. */
    if (!(prog = client_find_program(srv, hdr->prog, hdr->vers))) {
        /* Signed, as libvirtd prints them. */
        vir_report_error(VIR_ERR_RPC, "Cannot find program %d version %d", (int)hdr->prog,
                         (int)hdr->vers);
        return NULL;
    }
    if (hdr->status != RPC_MSG_STATUS_OK) {
        vir_report_error(VIR_ERR_RPC, "Unexpected message status %u", (unsigned)hdr->status);
        return NULL;
    }
    if (hdr->proc <= 0 || (size_t)hdr->proc >= prog->nprocs ||
        prog->procs[hdr->proc].proc != hdr->proc || !prog->procs[hdr->proc].handler) {
        vir_report_error(VIR_ERR_RPC, "unknown procedure: %d", hdr->proc);
        return NULL;
    }
    proc = &prog->procs[hdr->proc];
    *ret_prog = prog;
    if (client->auth != 0 && !atomic_load(&client->authenticated) &&
        !(proc->flags & RPC_PROC_NO_AUTH)) {
        vir_report_error(VIR_ERR_RPC, "%s", "authentication required");
        return NULL;
    }
    if (atomic_load(&client->readonly) && !(proc->flags & RPC_PROC_READONLY_OK)) {
        vir_error_report(prog->procs[hdr->proc].error_domain, VIR_ERR_OPERATION_DENIED,
                         "read only access prevents %s",
                         proc->api_name ? proc->api_name : "this operation");
        return NULL;
    }
    return proc;
}

/* Hands a call to the workers: its arguments are decoded from body, or,
 * when decoded already, moved from args (the struct is copied; what it
 * points to now belongs to the job). */
static void
client_submit_call(RpcServerClient *client, const RpcProcedure *proc, const rpc_msg_header *hdr,
                   const char *body, size_t len, void *args)
{
    RpcServerJob *job = rpc_server_job_new(client, RPC_JOB_CALL, proc->args_size);

    job->proc = proc;
    job->hdr = *hdr;
    if (args) {
        if (proc->args_size)
            memcpy(job->args, args, proc->args_size);
    } else if (rpc_message_decode_body(body, len, proc->args_filter, job->args) < 0) {
        job->args = NULL;
        rpc_server_job_free(job);
        vir_report_error(VIR_ERR_RPC, "%s", "Unable to decode message payload");
        client_queue_error(client, hdr);
        return;
    }
    job->item.priority = (proc->flags & RPC_PROC_PRIORITY_HIGH) != 0;
    client->jobs_running++;
    client->srv->jobs_out++;
    rpc_workers_submit(&client->srv->pool, &job->item);
}

/* Handles one CALL. Its slot is counted until the reply is written. */
static void
client_handle_call(RpcServerClient *client, const rpc_msg_header *hdr, const char *body,
                   size_t len)
{
    const RpcProgram *prog = NULL;
    const RpcProcedure *proc;
    union {
        max_align_t align;
        char bytes[RPC_CLIENT_SMALL_ARGS];
    } small;
    void *args;

    client->in_flight++;
    client->srv->call_turns++;
    if (!(proc = client_check_call(client, hdr, &prog))) {
        client_queue_error(client, hdr);
        if (client->reject)
            atomic_store(&client->close_after_reply, true);
        return;
    }
    if (!(proc->flags & RPC_PROC_INLINE)) {
        client_submit_call(client, proc, hdr, body, len, NULL);
        return;
    }
    /* Decoded first: whether the call may stay here can depend on its
     * arguments (which driver a URI selects). */
    args = proc->args_size > sizeof(small) ? rpc_xcalloc(1, proc->args_size) : small.bytes;
    memset(args, 0, proc->args_size);
    if (rpc_message_decode_body(body, len, proc->args_filter, args) < 0) {
        vir_report_error(VIR_ERR_RPC, "%s", "Unable to decode message payload");
        client_queue_error(client, hdr);
    } else if (!prog->inline_ok || prog->inline_ok(client, proc, args)) {
        /* Cheap procedures run here: no thread hop, reply in this write. */
        rpc_server_execute_call(client, proc, hdr, args, &client->out);
        client->out_calls++;
    } else {
        client_submit_call(client, proc, hdr, NULL, 0, args);
    }
    if (args != small.bytes)
        free(args);
}

/* A CALL_WITH_FDS: a 4-byte fd count, then the arguments. With no fds it is
 * an ordinary call (libvirt's clients send those). Receiving descriptors is
 * not supported: they would follow as out-of-band bytes the stream cannot
 * skip, so the client gets an error and is closed. */
static void
client_handle_call_with_fds(RpcServerClient *client, const rpc_msg_header *hdr,
                            const char *body, size_t len)
{
    uint32_t nfds = len >= 4 ? rpc_message_peek_length(body) : UINT32_MAX;

    if (nfds == 0) {
        client_handle_call(client, hdr, body + 4, len - 4);
        return;
    }
    client->in_flight++;
    if (nfds == UINT32_MAX)
        vir_report_error(VIR_ERR_RPC, "%s", "Unable to decode message payload");
    else
        vir_report_error(VIR_ERR_RPC, "%s", "file descriptor passing is not supported");
    client_queue_error(client, hdr);
    atomic_store(&client->close_after_reply, true);
}

/* Handles one complete frame (after the length word). */
static void
client_handle_frame(RpcServerClient *client, const char *frame, size_t len)
{
    rpc_msg_header hdr;

    rpc_message_decode_header(frame, &hdr);
    if (hdr.prog == RPC_KEEPALIVE_PROGRAM && hdr.type == RPC_MSG_MESSAGE) {
        /* Answered here, at any time, outside request accounting. */
        if (hdr.proc == RPC_KEEPALIVE_PROC_PING)
            client_queue_keepalive(client, RPC_KEEPALIVE_PROC_PONG);
        return;
    }
    if (hdr.type == RPC_MSG_STREAM || hdr.type == RPC_MSG_STREAM_HOLE) {
        rpc_server_stream_handle_frame(client, &hdr, frame + RPC_MSG_HEADER_MAX,
                                       len - RPC_MSG_HEADER_MAX);
        return;
    }
    if (hdr.type == RPC_MSG_CALL)
        client_handle_call(client, &hdr, frame + RPC_MSG_HEADER_MAX,
                           len - RPC_MSG_HEADER_MAX);
    else if (hdr.type == RPC_MSG_CALL_WITH_FDS)
        client_handle_call_with_fds(client, &hdr, frame + RPC_MSG_HEADER_MAX,
                                    len - RPC_MSG_HEADER_MAX);
    /* Replies, messages and stray stream packets from a client get nothing. */
}

/* Parses every complete frame in rx while the client has free slots.
 * Returns -1 when the client sent a bad length and was closed. */
static int
client_process_input(RpcServerClient *client)
{
    unsigned int max = client->srv->cfg.max_client_requests;
    size_t pos = 0;

    while (!atomic_load(&client->closed) && !atomic_load(&client->close_after_reply) &&
           client->in_flight < max && client->rx.len - pos >= RPC_MSG_LEN_MAX) {
        uint32_t len = rpc_message_peek_length(client->rx.data + pos);

        if (rpc_message_check_length(len) < 0) {
            rpc_server_client_close(client);
            return -1;
        }
        if (client->rx.len - pos < len)
            break;
        client_handle_frame(client, client->rx.data + pos + RPC_MSG_LEN_MAX,
                            len - RPC_MSG_LEN_MAX);
        pos += len;
    }
    rpc_buf_consume(&client->rx, pos);
    /* An idle client keeps no input buffer (the lent one goes back). */
    if (client->rx.len == 0 && !client->rx_lent)
        rpc_buf_clear(&client->rx, 0);
    return 0;
}

static void
client_alloc_cb(uv_handle_t *handle, size_t suggested, uv_buf_t *buf)
{
    RpcServerClient *client = handle->data;
    RpcBuf *rx = client->tls ? rpc_server_tls_inbuf(client->tls) : &client->rx;

    if (rx == &client->rx && rx->len == 0) {
        /* Between frames: read into the loop's buffer (client_read_cb). */
        rx = &client->srv->rx_scratch;
        rx->len = 0;
    }
    /* Grow only as bytes arrive: a length word announcing 32 MiB gets
     * nothing reserved until the bytes are really there. */
    rpc_buf_reserve(rx, RPC_SERVER_READ_CHUNK);
    *buf = uv_buf_init(rx->data + rx->len, (unsigned int)(rx->cap - rx->len));
}

/* Parses nread bytes read into the loop's scratch buffer where they are,
 * then keeps only an incomplete frame (or frames over the client's request
 * limit) in an rx buffer of the client's own, sized to fit. */
static void
client_read_lent(RpcServerClient *client, size_t nread)
{
    RpcServer *srv = client->srv;
    RpcBuf lent = srv->rx_scratch;

    lent.len = nread;
    srv->rx_scratch = (RpcBuf){ 0 };
    client->rx = lent;
    client->rx_lent = true;
    rpc_server_client_pump(client);
    lent = client->rx;
    client->rx_lent = false;
    client->rx = (RpcBuf){ 0 };
    if (lent.len) {
        rpc_buf_reserve(&client->rx, lent.len);
        memcpy(client->rx.data, lent.data, lent.len);
        client->rx.len = lent.len;
    }
    lent.len = 0;
    srv->rx_scratch = lent;
}

static void
client_read_cb(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf)
{
    RpcServerClient *client = stream->data;

    if (nread < 0) {
        rpc_server_client_close(client);
        return;
    }
    if (nread == 0)
        return;
    if (client->tls) {
        RpcServerTlsStatus st;

        rpc_server_tls_inbuf(client->tls)->len += (size_t)nread;
        st = rpc_server_tls_input(client->tls, &client->rx);
        if (st == RPC_SERVER_TLS_CLOSE) {
            rpc_server_client_close(client);
            return;
        }
        if (st == RPC_SERVER_TLS_REFUSE)
            atomic_store(&client->close_after_reply, true);
        client->last_rx = uv_now(stream->loop);
        client->ka_unanswered = 0;
        rpc_server_client_pump(client);
        return;
    }
    client->last_rx = uv_now(stream->loop);
    client->ka_unanswered = 0;
    if (buf->base != client->srv->rx_scratch.data || client->rx.len != 0) {
        client->rx.len += (size_t)nread;
        rpc_server_client_pump(client);
        return;
    }
    client_read_lent(client, (size_t)nread);
}

/* Starts or stops reading to match the client's limits. */
static void
client_update_reading(RpcServerClient *client)
{
    bool want = !atomic_load(&client->closed) && !atomic_load(&client->close_after_reply) &&
                client->in_flight < client->srv->cfg.max_client_requests &&
                client->out.len + client->wout.len +
                        (client->tls ? rpc_server_tls_wire(client->tls)->len : 0) <
                    RPC_SERVER_OUT_HIGH_WATER;

    if (want == client->reading)
        return;
    if (want) {
        if (uv_read_start(&client->h.stream, client_alloc_cb, client_read_cb) < 0) {
            rpc_server_client_close(client);
            return;
        }
    } else {
        uv_read_stop(&client->h.stream);
    }
    client->reading = want;
}

/* Lends the loop's output buffer to a plain-socket client with nothing
 * queued, for one pump. */
static void
client_lend_out(RpcServerClient *client)
{
    RpcServer *srv = client->srv;

    if (client->tls || client->out.cap != 0 || srv->tx_lent)
        return;
    client->out = srv->tx_scratch;
    client->out.len = 0;
    srv->tx_scratch = (RpcBuf){ 0 };
    srv->tx_lent = client->out_lent = true;
}

/* Takes the loop's buffer back; what the socket did not take yet (a
 * closed client's leftovers excepted) moves to a buffer of the client's. */
static void
client_return_out(RpcServerClient *client)
{
    RpcServer *srv = client->srv;
    RpcBuf lent = client->out;

    if (!client->out_lent)
        return;
    client->out = (RpcBuf){ 0 };
    client->out_lent = srv->tx_lent = false;
    if (lent.len && !atomic_load(&client->closed)) {
        rpc_buf_reserve(&client->out, lent.len);
        memcpy(client->out.data, lent.data, lent.len);
        client->out.len = lent.len;
    }
    /* A stream burst may have grown it: keep what ordinary replies need. */
    rpc_buf_clear(&lent, RPC_SERVER_BUF_KEEP);
    srv->tx_scratch = lent;
}

/* The one place a client's input is parsed and its output flushed; safe to
 * call from any loop callback, re-entry only asks for another round. */
void
rpc_server_client_pump(RpcServerClient *client)
{
    if (client->pumping) {
        client->repump = true;
        return;
    }
    client->pumping = true;
    rpc_server_client_ref(client);
    client_lend_out(client);
    do {
        client->repump = false;
        if (client_process_input(client) < 0)
            break;
        rpc_server_stream_produce(client);
        client_flush(client);
        if (atomic_load(&client->closed))
            break;
        if (!client->writing && client->out.len == 0)
            client->event_backlog = 0;
        if (atomic_load(&client->close_after_reply) && client->out.len == 0 &&
            !client->writing && client->jobs_running == 0 &&
            (!client->tls || rpc_server_tls_wire(client->tls)->len == 0)) {
            rpc_server_client_close(client);
            break;
        }
        client_update_reading(client);
    } while (client->repump);
    client_return_out(client);
    client->pumping = false;
    rpc_server_client_unref(client);
}

/* --- keepalive ---------------------------------------------------------------- */

static void
client_keepalive_cb(uv_timer_t *timer)
{
    RpcServerClient *client = timer->data;
    RpcServer *srv = client->srv;
    uint64_t idle = uv_now(&srv->loop) - client->last_rx;

    if (atomic_load(&client->closed))
        return;
    if (idle < (uint64_t)srv->cfg.keepalive_interval * 1000) {
        client->ka_unanswered = 0;
        return;
    }
    if (client->ka_unanswered >= srv->cfg.keepalive_count) {
        rpc_server_client_close(client);
        return;
    }
    client->ka_unanswered++;
    client_queue_keepalive(client, RPC_KEEPALIVE_PROC_PING);
    rpc_server_client_pump(client);
}

static void
client_start_keepalive(RpcServerClient *client)
{
    RpcServer *srv = client->srv;
    uint64_t ms;

    if (client->ka_timer_on || srv->cfg.keepalive_interval <= 0 ||
        atomic_load(&client->closed))
        return;
    ms = (uint64_t)srv->cfg.keepalive_interval * 1000;
    uv_timer_init(&srv->loop, &client->ka_timer);
    client->ka_timer.data = client;
    client->open_handles++;
    client->ka_timer_on = true;
    uv_timer_start(&client->ka_timer, client_keepalive_cb, ms, ms);
}

/* Called on the loop for each job coming back from another thread: queues
 * its output. The caller flushes and frees the job. */
void
rpc_server_client_job_done(RpcServerClient *client, RpcServerJob *job)
{
    bool closed = atomic_load(&client->closed);
    size_t reply_at;

    if (job->kind == RPC_JOB_CALL) {
        client->srv->jobs_out--;
        client->srv->call_turns++;
        if (--client->jobs_running == 0 && closed)
            client_release_priv(client);
    }
    if (job->kind == RPC_JOB_MESSAGE)
        atomic_fetch_sub(&client->event_bytes, job->out.len);
    if (closed)
        return;
    if (job->kind == RPC_JOB_KEEPALIVE) {
        client_start_keepalive(client);
        return;
    }
    /* A client that leaves this much unread is not keeping up with its
     * events: drop it rather than buffer without limit. */
    if (job->kind == RPC_JOB_MESSAGE)
        client->event_backlog += job->out.len;
    if (job->kind == RPC_JOB_DROP || client->event_backlog > RPC_SERVER_EVENT_BACKLOG_MAX) {
        rpc_server_client_close(client);
        return;
    }
    reply_at = client->out.len;
    if (client->out.len == 0) {
        /* Take the buffer rather than copy it. */
        RpcBuf tmp = client->out;

        client->out = job->out;
        job->out = tmp;
    } else {
        rpc_buf_reserve(&client->out, job->out.len);
        memcpy(client->out.data + client->out.len, job->out.data, job->out.len);
        client->out.len += job->out.len;
    }
    if (job->kind == RPC_JOB_CALL) {
        client->out_calls++;
        rpc_server_stream_call_done(client, &job->hdr, client->out.data + reply_at);
    }
}
