/*
 * test_loopback.c: a real RpcServer and RpcClient over unix and tcp
 * loopback sockets, with a tiny program table, plus raw-socket peers that
 * misbehave on purpose.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "rpc/client.h"
#include "rpc/message.h"
#include "rpc/server.h"
#include "util/error.h"

#define TEST_PROG 0x11223344u
#define TEST_VERS 1u

enum {
    PROC_ECHO = 1,    /* inline: string -> string */
    PROC_ADD = 2,     /* worker: two ints -> int */
    PROC_WRITE = 3,   /* not allowed read-only */
    PROC_FAIL = 4,    /* reports an error */
    PROC_SLEEP = 5,   /* sleeps, counting concurrency */
    PROC_CLOSE = 6,   /* close after reply */
    PROC_EVENT = 7,   /* pushes a MESSAGE, then replies */
    PROC_KEEPALIVE = 8, /* starts server pings */
    /* 9 is an empty slot */
    PROC_LATE_EVENT = 10, /* pushes a MESSAGE from another thread, later */
    PROC_LOGIN = 11,  /* allowed before auth; marks the client authenticated */
    PROC_WHERE = 12,  /* inline unless its string starts "worker:": names the thread */
    PROC_COUNT = 13,
};

typedef struct {
    int a, b;
} AddArgs;

static bool_t
xdr_add_args(XDR *xdr, AddArgs *args)
{
    return xdr_int(xdr, &args->a) && xdr_int(xdr, &args->b);
}

static atomic_int sleep_now, sleep_max;

static int
h_echo(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    *(char **)ret = strdup(*(char **)args);
    return 0;
}

static int
h_add(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    AddArgs *a = args;

    *(int *)ret = a->a + a->b;
    return 0;
}

static int
h_void(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    return 0;
}

static int
h_fail(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "domain is not running");
    return -1;
}

static int
h_sleep(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    int now = atomic_fetch_add(&sleep_now, 1) + 1;
    int max = atomic_load(&sleep_max);

    while (now > max && !atomic_compare_exchange_weak(&sleep_max, &max, now))
        ;
    /* Clamped: the random-frames test sends arbitrary durations. */
    usleep((useconds_t)(*(unsigned int *)args % 300) * 1000);
    atomic_fetch_sub(&sleep_now, 1);
    *(int *)ret = call->serial;
    return 0;
}

static int
h_close(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    rpc_server_client_close_after_reply(c);
    return 0;
}

static int
h_event(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    int value = 4242;

    return rpc_server_client_send_message(c, TEST_PROG, TEST_VERS, 77, (xdrproc_t)xdr_int,
                                          &value);
}

static void *
late_event_thread(void *opaque)
{
    RpcServerClient *c = opaque;
    int value = 4242;

    usleep(100 * 1000);
    rpc_server_client_send_message(c, TEST_PROG, TEST_VERS, 77, (xdrproc_t)xdr_int, &value);
    rpc_server_client_unref(c);
    return NULL;
}

static int
h_late_event(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    pthread_t th;

    rpc_server_client_ref(c);
    pthread_create(&th, NULL, late_event_thread, c);
    pthread_detach(th);
    return 0;
}

static int
h_login(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    rpc_server_client_set_authenticated(c);
    return 0;
}

/* The loop thread of the running fixture (server_thread sets it). */
static pthread_t loop_thread;

static int
h_where(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    const char *where = pthread_equal(pthread_self(), loop_thread) ? "loop" : "worker";
    char *out = malloc(strlen(where) + strlen(*(char **)args) + 2);

    sprintf(out, "%s %s", where, *(char **)args);
    *(char **)ret = out;
    return 0;
}

/* Whether an inline call may stay on the loop can depend on its decoded
 * arguments (vireod: the driver a CONNECT_OPEN URI selects). */
static bool
test_inline_ok(RpcServerClient *c, const RpcProcedure *proc, const void *args)
{
    return proc->proc != PROC_WHERE || strncmp(*(char *const *)args, "worker:", 7) != 0;
}

static int
h_keepalive(RpcServerClient *c, const RpcCallInfo *call, void *args, void *ret)
{
    rpc_server_client_enable_keepalive(c);
    return 0;
}

#define VOIDX RPC_XDR_VOID
static const RpcProcedure test_procs[PROC_COUNT] = {
    [PROC_ECHO] = { PROC_ECHO, "virTestEcho", VIR_FROM_DOMAIN,
                    RPC_PROC_INLINE | RPC_PROC_READONLY_OK,
                    (xdrproc_t)xdr_rpc_nonnull_string, sizeof(char *),
                    (xdrproc_t)xdr_rpc_nonnull_string, sizeof(char *), h_echo },
    [PROC_ADD] = { PROC_ADD, "virTestAdd", VIR_FROM_DOMAIN,
                   RPC_PROC_READONLY_OK | RPC_PROC_PRIORITY_HIGH,
                   (xdrproc_t)xdr_add_args, sizeof(AddArgs), (xdrproc_t)xdr_int, sizeof(int),
                   h_add },
    [PROC_WRITE] = { PROC_WRITE, "virTestWrite", VIR_FROM_DOMAIN, 0, VOIDX, 0, VOIDX, 0,
                     h_void },
    [PROC_FAIL] = { PROC_FAIL, "virTestFail", VIR_FROM_DOMAIN, RPC_PROC_READONLY_OK, VOIDX, 0,
                    VOIDX, 0, h_fail },
    [PROC_SLEEP] = { PROC_SLEEP, "virTestSleep", VIR_FROM_DOMAIN, RPC_PROC_READONLY_OK,
                     (xdrproc_t)xdr_int, sizeof(int), (xdrproc_t)xdr_int, sizeof(int), h_sleep },
    [PROC_CLOSE] = { PROC_CLOSE, "virTestClose", VIR_FROM_DOMAIN, RPC_PROC_READONLY_OK, VOIDX,
                     0, VOIDX, 0, h_close },
    [PROC_EVENT] = { PROC_EVENT, "virTestEvent", VIR_FROM_DOMAIN, RPC_PROC_READONLY_OK, VOIDX,
                     0, VOIDX, 0, h_event },
    [PROC_KEEPALIVE] = { PROC_KEEPALIVE, "virTestKeepalive", VIR_FROM_DOMAIN,
                         RPC_PROC_READONLY_OK | RPC_PROC_INLINE, VOIDX, 0, VOIDX, 0,
                         h_keepalive },
    [PROC_LATE_EVENT] = { PROC_LATE_EVENT, "virTestLateEvent", VIR_FROM_DOMAIN,
                          RPC_PROC_READONLY_OK, VOIDX, 0, VOIDX, 0, h_late_event },
    [PROC_LOGIN] = { PROC_LOGIN, "virTestLogin", VIR_FROM_DOMAIN,
                     RPC_PROC_READONLY_OK | RPC_PROC_NO_AUTH | RPC_PROC_INLINE, VOIDX, 0, VOIDX,
                     0, h_login },
    [PROC_WHERE] = { PROC_WHERE, "virTestWhere", VIR_FROM_DOMAIN,
                     RPC_PROC_INLINE | RPC_PROC_READONLY_OK,
                     (xdrproc_t)xdr_rpc_nonnull_string, sizeof(char *),
                     (xdrproc_t)xdr_rpc_nonnull_string, sizeof(char *), h_where },
};

static const RpcProgram test_program = { TEST_PROG, TEST_VERS, test_procs, PROC_COUNT,
                                         test_inline_ok };

/* --- a server in a thread ----------------------------------------------- */

typedef struct {
    RpcServer *srv;
    pthread_t thread;
    unsigned int timeout;
    char dir[64];
    char rw[128];
    char ro[128];
    char auth[128];
    char port[16];
} Fixture;

static RpcServerConfig
default_config(void)
{
    RpcServerConfig cfg = {
        .max_clients = 50, .max_client_requests = 5, .min_workers = 2, .max_workers = 8,
        .prio_workers = 2, .keepalive_interval = -1, .keepalive_count = 5,
    };

    return cfg;
}

static void *
server_thread(void *opaque)
{
    Fixture *f = opaque;

    loop_thread = pthread_self();
    rpc_server_run(f->srv, f->timeout);
    return NULL;
}

static Fixture *
fixture_start(const RpcServerConfig *cfg, unsigned int timeout)
{
    Fixture *f = calloc(1, sizeof(*f));

    strcpy(f->dir, "/tmp/vireo-rpc-test-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->rw, sizeof(f->rw), "%s/sock", f->dir);
    snprintf(f->ro, sizeof(f->ro), "%s/sock-ro", f->dir);
    snprintf(f->auth, sizeof(f->auth), "%s/sock-auth", f->dir);
    f->srv = rpc_server_new(cfg);
    assert_non_null(f->srv);
    rpc_server_add_program(f->srv, &test_program);
    assert_int_equal(rpc_server_listen_unix(f->srv, f->rw, 0700, (gid_t)-1, false, 0), 0);
    assert_int_equal(rpc_server_listen_unix(f->srv, f->ro, 0777, (gid_t)-1, true, 0), 0);
    assert_int_equal(rpc_server_listen_unix(f->srv, f->auth, 0700, (gid_t)-1, false, 1), 0);
    assert_int_equal(rpc_server_listen_tcp(f->srv, "127.0.0.1", "0", 0), 0);
    assert_true(rpc_server_get_tcp_port(f->srv) > 0);
    snprintf(f->port, sizeof(f->port), "%d", rpc_server_get_tcp_port(f->srv));
    f->timeout = timeout;
    assert_int_equal(pthread_create(&f->thread, NULL, server_thread, f), 0);
    return f;
}

static void
fixture_stop(Fixture *f)
{
    rpc_server_stop(f->srv);
    pthread_join(f->thread, NULL);
    rpc_server_free(f->srv);
    unlink(f->rw);
    unlink(f->ro);
    unlink(f->auth);
    rmdir(f->dir);
    free(f);
}

/* --- raw peers ------------------------------------------------------------ */

static int
raw_connect(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    strcpy(sun.sun_path, path);
    assert_int_equal(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
    return fd;
}

static void
raw_send(int fd, const void *data, size_t len)
{
    assert_int_equal(send(fd, data, len, MSG_NOSIGNAL), (ssize_t)len);
}

/* Builds a frame into out; returns its length. */
static size_t
raw_frame(char *out, unsigned int prog, int proc, int type, unsigned int serial, int status,
          const void *body, size_t blen)
{
    rpc_msg_header hdr = { prog, TEST_VERS, proc, (rpc_msg_type)type, serial,
                           (rpc_msg_status)status };
    uint32_t len = htonl((uint32_t)(28 + blen));

    memcpy(out, &len, 4);
    rpc_message_encode_header(out + 4, &hdr);
    if (blen)
        memcpy(out + 28, body, blen);
    return 28 + blen;
}

/* Reads exactly n bytes within timeout_ms. Returns n, 0 on EOF, -1 on
 * timeout. */
static ssize_t
raw_read_exact(int fd, char *buf, size_t n, int timeout_ms)
{
    size_t got = 0;

    while (got < n) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        ssize_t r;

        if (poll(&p, 1, timeout_ms) <= 0)
            return -1;
        r = recv(fd, buf + got, n - got, 0);
        if (r <= 0)
            return 0;
        got += (size_t)r;
    }
    return (ssize_t)n;
}

/* Reads one frame into buf (header at buf+4). Returns its length, 0 on
 * EOF, -1 on timeout. */
static ssize_t
raw_read_frame(int fd, char *buf, size_t max, int timeout_ms)
{
    ssize_t r = raw_read_exact(fd, buf, 4, timeout_ms);
    uint32_t len;

    if (r <= 0)
        return r;
    len = rpc_message_peek_length(buf);
    assert_true(len >= 28 && len <= max);
    r = raw_read_exact(fd, buf + 4, len - 4, timeout_ms);
    if (r <= 0)
        return r;
    return len;
}

/* Decodes the error body of the reply frame in buf. */
static void
raw_expect_error(const char *buf, ssize_t len, unsigned int serial, int code,
                 const char *message)
{
    rpc_msg_header h;
    rpc_msg_error err = { 0 };

    assert_true(len >= 28);
    rpc_message_decode_header(buf + 4, &h);
    assert_int_equal(h.type, RPC_MSG_REPLY);
    assert_int_equal(h.status, RPC_MSG_STATUS_ERROR);
    assert_int_equal(h.serial, serial);
    assert_int_equal(rpc_message_decode_body(buf + 28, (size_t)len - 28,
                                             (xdrproc_t)xdr_rpc_msg_error, &err), 0);
    assert_int_equal(err.code, code);
    assert_non_null(err.message);
    assert_string_equal(*err.message, message);
    assert_int_equal(err.level, 2);
    xdr_free((xdrproc_t)xdr_rpc_msg_error, &err);
}

static const char ping_hex[28] = "\x00\x00\x00\x1c\x6b\x65\x65\x70\x00\x00\x00\x01\x00\x00\x00\x01"
                                 "\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00";
static const char pong_hex[28] = "\x00\x00\x00\x1c\x6b\x65\x65\x70\x00\x00\x00\x01\x00\x00\x00\x02"
                                 "\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00";

/* Sends PING and expects exactly PONG next: proves nothing else was sent. */
static void
raw_expect_pong(int fd)
{
    char buf[64];

    raw_send(fd, ping_hex, 28);
    assert_int_equal(raw_read_frame(fd, buf, sizeof(buf), 5000), 28);
    assert_memory_equal(buf, pong_hex, 28);
}

/* --- client-engine tests ------------------------------------------------- */

static int
call_echo(RpcClient *c, const char *in, char **ret_out)
{
    char *arg = (char *)in, *out = NULL;

    if (rpc_client_call(c, TEST_PROG, TEST_VERS, PROC_ECHO, (xdrproc_t)xdr_rpc_nonnull_string,
                        &arg, (xdrproc_t)xdr_rpc_nonnull_string, &out) < 0)
        return -1;
    *ret_out = out;
    return 0;
}

static char *
call_where(RpcClient *c, const char *in)
{
    char *arg = (char *)in, *out = NULL;

    assert_int_equal(rpc_client_call(c, TEST_PROG, TEST_VERS, PROC_WHERE,
                                     (xdrproc_t)xdr_rpc_nonnull_string, &arg,
                                     (xdrproc_t)xdr_rpc_nonnull_string, &out), 0);
    return out;
}

/* An inline procedure runs on the loop thread unless the program's
 * inline_ok refuses these arguments: then a worker runs it with the same
 * decoded arguments (moved, not decoded twice, and freed once). */
static void
test_inline_by_args(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    RpcClient *c = rpc_client_new_unix(f->rw);
    char *out;

    assert_non_null(c);
    for (int i = 0; i < 3; i++) {
        out = call_where(c, "here");
        assert_string_equal(out, "loop here");
        free(out);
        out = call_where(c, "worker: a longer argument that lives on the heap");
        assert_string_equal(out, "worker worker: a longer argument that lives on the heap");
        free(out);
    }
    rpc_client_free(c);
    fixture_stop(f);
}

static void
test_round_trip_unix_and_tcp(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    RpcClient *cu = rpc_client_new_unix(f->rw);
    RpcClient *ct = rpc_client_new_tcp("127.0.0.1", f->port);
    AddArgs args = { 40, 2 };
    char *out = NULL;
    int sum = 0;

    assert_non_null(cu);
    assert_non_null(ct);
    assert_true(rpc_client_is_local(cu));
    assert_false(rpc_client_is_local(ct));
    assert_int_equal(call_echo(cu, "hello", &out), 0);
    assert_string_equal(out, "hello");
    free(out);
    assert_int_equal(call_echo(ct, "over tcp", &out), 0);
    assert_string_equal(out, "over tcp");
    free(out);
    assert_int_equal(rpc_client_call(ct, TEST_PROG, TEST_VERS, PROC_ADD, (xdrproc_t)xdr_add_args,
                                     &args, (xdrproc_t)xdr_int, &sum), 0);
    assert_int_equal(sum, 42);
    rpc_client_free(cu);
    rpc_client_free(ct);
    fixture_stop(f);
}

/* Multi-megabyte messages both ways: the receive buffers grow as bytes
 * arrive and the replies leave through partial writes. */
static void
test_large_messages(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    RpcClient *clients[2] = { rpc_client_new_unix(f->rw), rpc_client_new_tcp("127.0.0.1", f->port) };
    size_t n = 3 * 1024 * 1024 + 3, i;
    char *big = malloc(n + 1), *out = NULL;

    for (i = 0; i < n; i++)
        big[i] = (char)('a' + i % 26);
    big[n] = '\0';
    for (i = 0; i < 2; i++) {
        assert_non_null(clients[i]);
        assert_int_equal(call_echo(clients[i], big, &out), 0);
        assert_int_equal(strlen(out), n);
        assert_int_equal(memcmp(out, big, n), 0);
        free(out);
        assert_int_equal(call_echo(clients[i], "small after big", &out), 0);
        assert_string_equal(out, "small after big");
        free(out);
        rpc_client_free(clients[i]);
    }
    free(big);
    fixture_stop(f);
}

static void
expect_error(int code, int domain, const char *message)
{
    virErrorPtr e = vir_error_current();

    assert_non_null(e);
    assert_int_equal(e->code, code);
    assert_int_equal(e->domain, domain);
    assert_string_equal(e->message, message);
}

static void
test_errors(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    RpcClient *c = rpc_client_new_unix(f->rw);
    RpcClient *ro = rpc_client_new_unix(f->ro);
    char msg[128];
    char *out = NULL;
    int procs[] = { 9999, 0, -3, 9, PROC_COUNT };
    size_t i;

    for (i = 0; i < sizeof(procs) / sizeof(procs[0]); i++) {
        assert_int_equal(rpc_client_call(c, TEST_PROG, TEST_VERS, procs[i], VOIDX, NULL, VOIDX,
                                         NULL), -1);
        snprintf(msg, sizeof(msg), "unknown procedure: %d", procs[i]);
        /* Rewritten to NO_SUPPORT by the client, text kept. */
        expect_error(VIR_ERR_NO_SUPPORT, VIR_FROM_RPC, msg);
    }
    assert_int_equal(rpc_client_call(c, 0x1234, 7, 1, VOIDX, NULL, VOIDX, NULL), -1);
    expect_error(VIR_ERR_RPC, VIR_FROM_RPC, "Cannot find program 4660 version 7");
    assert_int_equal(rpc_client_call(c, 0xdeadbeef, 1, 1, VOIDX, NULL, VOIDX, NULL), -1);
    expect_error(VIR_ERR_RPC, VIR_FROM_RPC, "Cannot find program -559038737 version 1");
    assert_int_equal(rpc_client_call(c, TEST_PROG, TEST_VERS, PROC_FAIL, VOIDX, NULL, VOIDX,
                                     NULL), -1);
    expect_error(VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                 "Requested operation is not valid: domain is not running");
    /* Read-only: writes are denied in the table's domain, reads work. */
    assert_int_equal(rpc_client_call(ro, TEST_PROG, TEST_VERS, PROC_WRITE, VOIDX, NULL, VOIDX,
                                     NULL), -1);
    expect_error(VIR_ERR_OPERATION_DENIED, VIR_FROM_DOMAIN,
                 "operation forbidden: read only access prevents virTestWrite");
    assert_int_equal(rpc_client_call(c, TEST_PROG, TEST_VERS, PROC_WRITE, VOIDX, NULL, VOIDX,
                                     NULL), 0);
    assert_int_equal(call_echo(ro, "still fine", &out), 0);
    free(out);
    /* The connection survives all of it. */
    assert_true(rpc_client_is_open(c));
    assert_int_equal(call_echo(c, "alive", &out), 0);
    free(out);
    rpc_client_free(c);
    rpc_client_free(ro);
    fixture_stop(f);
}

typedef struct {
    RpcClient *c;
    int base;
    int failures;
} AdderArg;

static void *
adder_thread(void *opaque)
{
    AdderArg *a = opaque;
    int i;

    for (i = 0; i < 300; i++) {
        AddArgs args = { a->base, i };
        int sum = -1;

        if (rpc_client_call(a->c, TEST_PROG, TEST_VERS, PROC_ADD, (xdrproc_t)xdr_add_args,
                            &args, (xdrproc_t)xdr_int, &sum) < 0 || sum != a->base + i)
            a->failures++;
    }
    return NULL;
}

static void
test_threaded_client(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    RpcClient *c = rpc_client_new_tcp("127.0.0.1", f->port);
    pthread_t th[8];
    AdderArg args[8];
    int i;

    for (i = 0; i < 8; i++) {
        args[i] = (AdderArg){ c, i * 1000, 0 };
        pthread_create(&th[i], NULL, adder_thread, &args[i]);
    }
    for (i = 0; i < 8; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(args[i].failures, 0);
    }
    rpc_client_free(c);
    fixture_stop(f);
}

static atomic_int events_seen;

static void
on_message(void *opaque, unsigned int prog, unsigned int vers, int proc, const char *body,
           unsigned int len)
{
    int value = 0;

    if (prog == TEST_PROG && proc == 77 &&
        rpc_message_decode_body(body, len, (xdrproc_t)xdr_int, &value) == 0 && value == 4242)
        atomic_fetch_add(&events_seen, 1);
}

static void
test_events_and_close(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    RpcClient *c = rpc_client_new_unix(f->rw);
    char *out = NULL;

    rpc_client_set_message_handler(c, on_message, NULL);
    assert_int_equal(rpc_client_call(c, TEST_PROG, TEST_VERS, PROC_EVENT, VOIDX, NULL, VOIDX,
                                     NULL), 0);
    assert_int_equal(atomic_load(&events_seen), 1);
    /* An event arriving while no call runs: an event loop watching the
     * fd dispatches it. */
    assert_int_equal(rpc_client_call(c, TEST_PROG, TEST_VERS, PROC_LATE_EVENT, VOIDX, NULL,
                                     VOIDX, NULL), 0);
    {
        struct pollfd p = { .fd = rpc_client_get_fd(c), .events = POLLIN };

        assert_int_equal(atomic_load(&events_seen), 1);
        assert_int_equal(poll(&p, 1, 5000), 1);
        assert_int_equal(rpc_client_process_incoming(c), 0);
        assert_int_equal(atomic_load(&events_seen), 2);
        /* Nothing more there: returns at once. */
        assert_int_equal(rpc_client_process_incoming(c), 0);
    }
    /* close-after-reply: the reply arrives, then the connection ends. */
    assert_int_equal(rpc_client_call(c, TEST_PROG, TEST_VERS, PROC_CLOSE, VOIDX, NULL, VOIDX,
                                     NULL), 0);
    assert_int_equal(call_echo(c, "gone", &out), -1);
    expect_error(VIR_ERR_SYSTEM_ERROR, VIR_FROM_RPC,
                 "End of file while reading data: Input/output error");
    assert_false(rpc_client_is_open(c));
    assert_int_equal(call_echo(c, "gone", &out), -1);
    expect_error(VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "internal error: client socket is closed");
    rpc_client_free(c);
    fixture_stop(f);
}

/* --- raw-socket tests ----------------------------------------------------- */

static void
test_keepalive_and_ignored_types(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    int fd = raw_connect(f->rw);
    char frame[256], buf[512];
    size_t n;
    ssize_t len;

    raw_expect_pong(fd);
    /* A REPLY and a MESSAGE from the client get nothing back. */
    n = raw_frame(frame, TEST_PROG, PROC_ECHO, RPC_MSG_REPLY, 5, 0, NULL, 0);
    raw_send(fd, frame, n);
    n = raw_frame(frame, TEST_PROG, PROC_ECHO, RPC_MSG_MESSAGE, 6, 0, NULL, 0);
    raw_send(fd, frame, n);
    raw_expect_pong(fd);
    /* CALL with status ERROR. */
    n = raw_frame(frame, TEST_PROG, PROC_WRITE, RPC_MSG_CALL, 7, 1, NULL, 0);
    raw_send(fd, frame, n);
    len = raw_read_frame(fd, buf, sizeof(buf), 5000);
    raw_expect_error(buf, len, 7, VIR_ERR_RPC, "Unexpected message status 1");
    /* A truncated payload: an error reply, and the connection stays. */
    n = raw_frame(frame, TEST_PROG, PROC_ECHO, RPC_MSG_CALL, 8, 0, "\x00\x00\x00\x09" "ab", 6);
    raw_send(fd, frame, n);
    len = raw_read_frame(fd, buf, sizeof(buf), 5000);
    raw_expect_error(buf, len, 8, VIR_ERR_RPC, "Unable to decode message payload");
    /* A payload whose string claims 4 GiB: refused before allocating. */
    n = raw_frame(frame, TEST_PROG, PROC_ECHO, RPC_MSG_CALL, 9, 0, "\xff\xff\xff\xf0" "abcd", 8);
    raw_send(fd, frame, n);
    len = raw_read_frame(fd, buf, sizeof(buf), 5000);
    raw_expect_error(buf, len, 9, VIR_ERR_RPC, "Unable to decode message payload");
    /* An unknown program wins over a bad status, as in libvirtd. */
    n = raw_frame(frame, 0xdeadbeef, PROC_ECHO, RPC_MSG_CALL, 11, 1, NULL, 0);
    raw_send(fd, frame, n);
    len = raw_read_frame(fd, buf, sizeof(buf), 5000);
    raw_expect_error(buf, len, 11, VIR_ERR_RPC, "Cannot find program -559038737 version 1");
    /* CALL_WITH_FDS carrying no fds is an ordinary call, answered by REPLY. */
    n = raw_frame(frame, TEST_PROG, PROC_ECHO, RPC_MSG_CALL_WITH_FDS, 12, 0,
                  "\x00\x00\x00\x00\x00\x00\x00\x02" "ok\x00\x00", 12);
    raw_send(fd, frame, n);
    len = raw_read_frame(fd, buf, sizeof(buf), 5000);
    assert_int_equal(len, 36);
    {
        rpc_msg_header h;

        rpc_message_decode_header(buf + 4, &h);
        assert_int_equal(h.type, RPC_MSG_REPLY);
        assert_int_equal(h.status, RPC_MSG_STATUS_OK);
        assert_memory_equal(buf + 28, "\x00\x00\x00\x02" "ok\x00\x00", 8);
    }
    /* Only MESSAGEs of the keepalive program are intercepted. */
    n = raw_frame(frame, RPC_KEEPALIVE_PROGRAM, 1, RPC_MSG_CALL, 10, 0, NULL, 0);
    raw_send(fd, frame, n);
    len = raw_read_frame(fd, buf, sizeof(buf), 5000);
    raw_expect_error(buf, len, 10, VIR_ERR_RPC, "Cannot find program 1801807216 version 1");
    raw_expect_pong(fd);
    close(fd);
    fixture_stop(f);
}

static void
expect_dropped(const char *path, const char *bytes, size_t n)
{
    int fd = raw_connect(path);
    char buf[64];

    raw_send(fd, bytes, n);
    /* EOF, not a reply and not a hang. */
    assert_int_equal(raw_read_exact(fd, buf, 1, 5000), 0);
    close(fd);
}

static void
test_bad_lengths(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    char frame[64];
    int fd;

    expect_dropped(f->rw, "\x00\x00\x00\x1b", 4);             /* 27 */
    expect_dropped(f->rw, "\x00\x00\x00\x03", 4);             /* 3 */
    expect_dropped(f->rw, "\x00\x00\x00\x00", 4);             /* 0 */
    expect_dropped(f->rw, "\x02\x00\x00\x05", 4);             /* 33554437 */
    expect_dropped(f->rw, "\xff\xff\xff\xff", 4);             /* 0xffffffff */
    /* 33554436 is legal: the server waits for the body, and its other
     * clients are served meanwhile. */
    fd = raw_connect(f->rw);
    raw_send(fd, "\x02\x00\x00\x04", 4);
    raw_send(fd, frame, raw_frame(frame, TEST_PROG, PROC_ECHO, RPC_MSG_CALL, 1, 0, NULL, 0) - 4);
    {
        int other = raw_connect(f->rw);

        raw_expect_pong(other);
        close(other);
    }
    assert_int_equal(raw_read_exact(fd, frame, 1, 300), -1); /* still waiting, no reply */
    close(fd);
    /* Exactly 28: a header-only call decodes (void args). */
    fd = raw_connect(f->rw);
    raw_send(fd, frame, raw_frame(frame, TEST_PROG, PROC_WRITE, RPC_MSG_CALL, 3, 0, NULL, 0));
    assert_int_equal(raw_read_frame(fd, frame, sizeof(frame), 5000), 28);
    close(fd);
    fixture_stop(f);
}

static void
test_misbehaving_peers(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    char frame[256], buf[256];
    char body[12] = "\x00\x00\x00\x05" "slow!\x00\x00\x00";
    int stalled = raw_connect(f->rw), slow = raw_connect(f->rw), junk = raw_connect(f->rw);
    int good = raw_connect(f->rw);
    size_t n, i;
    ssize_t len;
    rpc_msg_header h;

    /* Half a frame, then silence. */
    n = raw_frame(frame, TEST_PROG, PROC_ECHO, RPC_MSG_CALL, 1, 0, body, sizeof(body));
    raw_send(stalled, frame, 10);
    /* Random bytes (an absurd length word): dropped. */
    raw_send(junk, "\x7a\x13\x99\x01garbage-garbage", 19);
    /* The well-behaved client is unaffected. */
    raw_expect_pong(good);
    /* One byte at a time still makes a call. */
    for (i = 0; i < n; i++)
        raw_send(slow, frame + i, 1);
    len = raw_read_frame(slow, buf, sizeof(buf), 5000);
    assert_int_equal(len, 40);
    rpc_message_decode_header(buf + 4, &h);
    assert_int_equal(h.status, RPC_MSG_STATUS_OK);
    assert_memory_equal(buf + 28, body, sizeof(body));
    assert_int_equal(raw_read_exact(junk, buf, 1, 5000), 0);
    /* A truncated frame followed by a close disturbs nobody. */
    close(stalled);
    raw_expect_pong(good);
    close(slow);
    close(junk);
    close(good);
    fixture_stop(f);
}

/* Random frames with plausible lengths from several clients at once: the
 * server survives and keeps serving. */
static void
test_random_frames(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    unsigned int seed = 12345;
    int fds[8], i, k;
    char frame[512], drain[4096];

    for (i = 0; i < 8; i++)
        fds[i] = raw_connect(i % 2 ? f->ro : f->rw);
    for (k = 0; k < 400; k++) {
        int fd = fds[rand_r(&seed) % 8];
        size_t blen = (size_t)(rand_r(&seed) % 64) * (rand_r(&seed) % 2 ? 4 : 1);
        unsigned int prog = rand_r(&seed) % 3 ? TEST_PROG : (unsigned int)rand_r(&seed);
        int proc = rand_r(&seed) % 15 - 2;
        size_t n, j;

        for (j = 0; j < blen; j++)
            drain[j] = (char)rand_r(&seed);
        n = raw_frame(frame, prog, proc, rand_r(&seed) % 8, (unsigned int)k,
                      rand_r(&seed) % 4 ? 0 : rand_r(&seed) % 4, drain, blen);
        if (send(fd, frame, n, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
            continue;
        /* Keep the sockets drained so the server never stalls on us. */
        while (recv(fd, drain, sizeof(drain), MSG_DONTWAIT) > 0)
            ;
    }
    usleep(400 * 1000); /* let late events and sleeps finish */
    for (i = 0; i < 8; i++)
        close(fds[i]);
    fds[0] = raw_connect(f->rw);
    raw_expect_pong(fds[0]);
    close(fds[0]);
    fixture_stop(f);
}

/* Pipelines more calls than max_client_requests: all are answered, never
 * more than the limit at once, and PINGs are answered in between. */
static void
test_max_client_requests(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f;
    char frame[64], buf[128];
    int fd, i, ms = 100;
    uint32_t be = htonl((uint32_t)ms);
    unsigned int seen = 0;

    cfg.max_client_requests = 2;
    cfg.max_workers = 8;
    f = fixture_start(&cfg, 0);
    fd = raw_connect(f->rw);
    atomic_store(&sleep_max, 0);
    for (i = 0; i < 6; i++)
        raw_send(fd, frame, raw_frame(frame, TEST_PROG, PROC_SLEEP, RPC_MSG_CALL,
                                      (unsigned int)(100 + i), 0, &be, 4));
    for (i = 0; i < 6; i++) {
        rpc_msg_header h;

        assert_int_equal(raw_read_frame(fd, buf, sizeof(buf), 5000), 32);
        rpc_message_decode_header(buf + 4, &h);
        assert_int_equal(h.status, RPC_MSG_STATUS_OK);
        assert_true(h.serial >= 100 && h.serial < 106);
        seen |= 1u << (h.serial - 100);
    }
    assert_int_equal(seen, 0x3f);
    assert_int_equal(atomic_load(&sleep_max), 2);
    raw_expect_pong(fd);
    close(fd);
    fixture_stop(f);
}

/* With the only normal worker stuck, a high-priority call still runs on a
 * priority worker, and an ordinary one waits. */
static void
test_priority_workers(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f;
    char frame[64], buf[64];
    int fd, sum = 0, slow_ms = 280;
    uint32_t be = htonl((uint32_t)slow_ms);
    AddArgs args = { 2, 3 };
    RpcClient *c;
    struct timespec a, b;
    double ms;

    cfg.min_workers = 1;
    cfg.max_workers = 1;
    cfg.prio_workers = 1;
    f = fixture_start(&cfg, 0);
    c = rpc_client_new_unix(f->rw);
    fd = raw_connect(f->rw);
    raw_send(fd, frame, raw_frame(frame, TEST_PROG, PROC_SLEEP, RPC_MSG_CALL, 1, 0, &be, 4));
    usleep(50 * 1000); /* the sleep is running */
    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_int_equal(rpc_client_call(c, TEST_PROG, TEST_VERS, PROC_ADD, (xdrproc_t)xdr_add_args,
                                     &args, (xdrproc_t)xdr_int, &sum), 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    ms = (double)(b.tv_sec - a.tv_sec) * 1000 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    assert_int_equal(sum, 5);
    assert_true(ms < 150);
    /* The sleeper still gets its reply. */
    assert_int_equal(raw_read_frame(fd, buf, sizeof(buf), 5000), 32);
    close(fd);
    rpc_client_free(c);
    fixture_stop(f);
}

static void
test_server_keepalive(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f;
    char frame[64], buf[64];
    int fd;
    time_t start;

    cfg.keepalive_interval = 1;
    cfg.keepalive_count = 1;
    f = fixture_start(&cfg, 0);
    /* Never asked for keepalive: no PING in 1.5 s. */
    fd = raw_connect(f->rw);
    assert_int_equal(raw_read_exact(fd, buf, 1, 1500), -1);
    /* Asked: a PING comes, and silence then closes the connection. */
    raw_send(fd, frame, raw_frame(frame, TEST_PROG, PROC_KEEPALIVE, RPC_MSG_CALL, 1, 0, NULL, 0));
    assert_int_equal(raw_read_frame(fd, buf, sizeof(buf), 5000), 28);
    start = time(NULL);
    assert_int_equal(raw_read_frame(fd, buf, sizeof(buf), 5000), 28);
    assert_memory_equal(buf, ping_hex, 28);
    assert_int_equal(raw_read_exact(fd, buf, 1, 5000), 0);
    assert_true(time(NULL) - start <= 4);
    close(fd);
    fixture_stop(f);
}

static void
test_max_clients(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f;
    RpcClient *a, *b;
    char *out = NULL;

    cfg.max_clients = 1;
    f = fixture_start(&cfg, 0);
    a = rpc_client_new_unix(f->rw);
    assert_int_equal(call_echo(a, "first", &out), 0);
    free(out);
    b = rpc_client_new_unix(f->rw);
    assert_non_null(b);
    assert_int_equal(call_echo(b, "second", &out), -1);
    expect_error(VIR_ERR_RPC, VIR_FROM_RPC, "too many active clients (1), rejecting connection");
    rpc_client_free(b);
    assert_int_equal(call_echo(a, "first again", &out), 0);
    free(out);
    rpc_client_free(a);
    fixture_stop(f);
}

static void
test_authentication(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f;
    RpcClient *a, *b, *c;
    AddArgs args = { 1, 2 };
    int sum = 0;

    cfg.max_anonymous_clients = 1;
    f = fixture_start(&cfg, 0);
    a = rpc_client_new_unix(f->auth);
    assert_int_equal(rpc_client_call(a, TEST_PROG, TEST_VERS, PROC_ADD, (xdrproc_t)xdr_add_args,
                                     &args, (xdrproc_t)xdr_int, &sum), -1);
    expect_error(VIR_ERR_RPC, VIR_FROM_RPC, "authentication required");
    /* A second unauthenticated client is one too many. */
    b = rpc_client_new_unix(f->auth);
    assert_int_equal(rpc_client_call(b, TEST_PROG, TEST_VERS, PROC_LOGIN, VOIDX, NULL, VOIDX,
                                     NULL), -1);
    expect_error(VIR_ERR_RPC, VIR_FROM_RPC,
                 "too many unauthenticated clients (1), rejecting connection");
    rpc_client_free(b);
    assert_int_equal(rpc_client_call(a, TEST_PROG, TEST_VERS, PROC_LOGIN, VOIDX, NULL, VOIDX,
                                     NULL), 0);
    assert_int_equal(rpc_client_call(a, TEST_PROG, TEST_VERS, PROC_ADD, (xdrproc_t)xdr_add_args,
                                     &args, (xdrproc_t)xdr_int, &sum), 0);
    assert_int_equal(sum, 3);
    /* a no longer counts as anonymous: room for another. */
    c = rpc_client_new_unix(f->auth);
    assert_int_equal(rpc_client_call(c, TEST_PROG, TEST_VERS, PROC_LOGIN, VOIDX, NULL, VOIDX,
                                     NULL), 0);
    rpc_client_free(c);
    rpc_client_free(a);
    fixture_stop(f);
}

static void
test_server_gone(void **state)
{
    RpcServerConfig cfg = default_config();
    Fixture *f = fixture_start(&cfg, 0);
    RpcClient *c = rpc_client_new_tcp("127.0.0.1", f->port);
    char *out = NULL;
    char port[16];

    strcpy(port, f->port);
    assert_int_equal(call_echo(c, "x", &out), 0);
    free(out);
    fixture_stop(f);
    assert_int_equal(call_echo(c, "y", &out), -1);
    assert_int_equal(vir_error_current()->domain, VIR_FROM_RPC);
    assert_int_equal(vir_error_current()->code, VIR_ERR_SYSTEM_ERROR);
    assert_false(rpc_client_is_open(c));
    rpc_client_free(c);
    /* Nobody listens any more. */
    assert_null(rpc_client_new_tcp("127.0.0.1", port));
    assert_int_equal(vir_error_current()->code, VIR_ERR_SYSTEM_ERROR);
    assert_null(rpc_client_new_unix("/nonexistent/vireo-sock"));
    assert_string_equal(vir_error_current()->message,
                        "Failed to connect socket to '/nonexistent/vireo-sock': "
                        "No such file or directory");
}

static void
test_idle_timeout(void **state)
{
    RpcServerConfig cfg = default_config();
    RpcServer *srv = rpc_server_new(&cfg);
    struct timespec a, b;

    assert_int_equal(rpc_server_listen_tcp(srv, NULL, "0", 0), 0);
    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_int_equal(rpc_server_run(srv, 1), 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    assert_true(b.tv_sec - a.tv_sec <= 3);
    rpc_server_free(srv);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_unix_and_tcp),
        cmocka_unit_test(test_inline_by_args),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_large_messages),
        cmocka_unit_test(test_threaded_client),
        cmocka_unit_test(test_events_and_close),
        cmocka_unit_test(test_keepalive_and_ignored_types),
        cmocka_unit_test(test_bad_lengths),
        cmocka_unit_test(test_misbehaving_peers),
        cmocka_unit_test(test_random_frames),
        cmocka_unit_test(test_max_client_requests),
        cmocka_unit_test(test_priority_workers),
        cmocka_unit_test(test_server_keepalive),
        cmocka_unit_test(test_max_clients),
        cmocka_unit_test(test_authentication),
        cmocka_unit_test(test_server_gone),
        cmocka_unit_test(test_idle_timeout),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
