/*
 * test_client_stream.c: the client engine's side of sparse and
 * non-blocking streams against a scripted server (a raw unix socket),
 * for what a well-behaved daemon never sends: holes on a plain stream,
 * malformed, negative and flagged holes, each checked with libvirt's
 * client's error, in order, between data and before the end.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <cmocka.h>

#include "rpc/client.h"
#include "rpc/message.h"
#include "util/error.h"

#define PROG 0x55667788u
#define PROC 7

typedef struct {
    char dir[64];
    char path[96];
    int lfd;
} Server;

static void
server_open(Server *s)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };

    strcpy(s->dir, "/tmp/vireo-cstream-XXXXXX");
    assert_non_null(mkdtemp(s->dir));
    snprintf(s->path, sizeof(s->path), "%s/sock", s->dir);
    strcpy(sun.sun_path, s->path);
    s->lfd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(s->lfd >= 0);
    assert_int_equal(bind(s->lfd, (struct sockaddr *)&sun, sizeof(sun)), 0);
    assert_int_equal(listen(s->lfd, 1), 0);
}

static void
server_close(Server *s)
{
    close(s->lfd);
    unlink(s->path);
    rmdir(s->dir);
}

static void
read_exact(int fd, char *buf, size_t n)
{
    while (n > 0) {
        ssize_t got = read(fd, buf, n);

        assert_true(got > 0);
        buf += got;
        n -= (size_t)got;
    }
}

/* Sends one frame: type and status with payload on the call's serial. */
static void
send_frame(int fd, int type, int status, unsigned int serial, const void *body, size_t len)
{
    rpc_msg_header hdr = { PROG, 1, PROC, type, serial, status };
    char frame[RPC_FRAME_MIN + 64];
    uint32_t total = (uint32_t)(RPC_FRAME_MIN + len);

    assert_true(len <= 64);
    frame[0] = (char)(total >> 24);
    frame[1] = (char)(total >> 16);
    frame[2] = (char)(total >> 8);
    frame[3] = (char)total;
    rpc_message_encode_header(frame + RPC_MSG_LEN_MAX, &hdr);
    memcpy(frame + RPC_FRAME_MIN, body, len);
    assert_int_equal(write(fd, frame, total), (ssize_t)total);
}

static void
send_hole(int fd, unsigned int serial, long long length, unsigned int flags)
{
    unsigned char b[12];
    unsigned long long v = (unsigned long long)length;

    for (int i = 7; i >= 0; i--, v >>= 8)
        b[i] = (unsigned char)v;
    b[8] = (unsigned char)(flags >> 24);
    b[9] = (unsigned char)(flags >> 16);
    b[10] = (unsigned char)(flags >> 8);
    b[11] = (unsigned char)flags;
    send_frame(fd, RPC_MSG_STREAM_HOLE, RPC_MSG_STATUS_CONTINUE, serial, b, sizeof(b));
}

typedef struct {
    Server *srv;
    int fd;
    unsigned int serial;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int step;        /* the test asks for the script's next part */
    int done_step;
} Script;

/* Accepts, answers the call, then sends script part by part on demand. */
static void *
script_thread(void *opaque)
{
    Script *sc = opaque;
    char head[RPC_FRAME_MIN];
    rpc_msg_header hdr;
    uint32_t len;
    char rest[256];

    sc->fd = accept(sc->srv->lfd, NULL, NULL);
    assert_true(sc->fd >= 0);
    read_exact(sc->fd, head, sizeof(head));
    len = rpc_message_peek_length(head);
    assert_true(len >= RPC_FRAME_MIN && len - RPC_FRAME_MIN <= sizeof(rest));
    read_exact(sc->fd, rest, len - RPC_FRAME_MIN);
    rpc_message_decode_header(head + RPC_MSG_LEN_MAX, &hdr);
    sc->serial = hdr.serial;
    send_frame(sc->fd, RPC_MSG_REPLY, RPC_MSG_STATUS_OK, sc->serial, NULL, 0);
    for (int part = 1; part <= 2; part++) {
        pthread_mutex_lock(&sc->lock);
        while (sc->step < part)
            pthread_cond_wait(&sc->cond, &sc->lock);
        pthread_mutex_unlock(&sc->lock);
        if (part == 1) {
            send_hole(sc->fd, sc->serial, 4096, 0);
            send_frame(sc->fd, RPC_MSG_STREAM, RPC_MSG_STATUS_CONTINUE, sc->serial, "abc", 3);
            send_hole(sc->fd, sc->serial, -1, 0);
            send_frame(sc->fd, RPC_MSG_STREAM_HOLE, RPC_MSG_STATUS_CONTINUE, sc->serial,
                       "\0\0\0\0", 4);
            send_hole(sc->fd, sc->serial, 10, 1);
            send_hole(sc->fd, sc->serial, 5, 0);
            send_frame(sc->fd, RPC_MSG_STREAM, RPC_MSG_STATUS_CONTINUE, sc->serial, NULL, 0);
        }
    }
    return NULL;
}

static void
script_next(Script *sc)
{
    pthread_mutex_lock(&sc->lock);
    sc->step++;
    pthread_cond_broadcast(&sc->cond);
    pthread_mutex_unlock(&sc->lock);
}

static void
expect_error(int code, const char *message)
{
    virErrorPtr e = vir_error_current();

    assert_non_null(e);
    assert_int_equal(e->code, code);
    assert_string_equal(e->message, message);
}

/* Opens a stream through the scripted server. */
static RpcClientStream *
open_stream(Server *srv, Script *sc, pthread_t *thread, RpcClient **ret_client, bool sparse)
{
    RpcClient *c;
    RpcClientStream *st = NULL;

    memset(sc, 0, sizeof(*sc));
    sc->srv = srv;
    pthread_mutex_init(&sc->lock, NULL);
    pthread_cond_init(&sc->cond, NULL);
    assert_int_equal(pthread_create(thread, NULL, script_thread, sc), 0);
    c = rpc_client_new_unix(srv->path);
    assert_non_null(c);
    xdrproc_t none = (xdrproc_t)(void (*)(void))xdr_void;

    assert_int_equal(rpc_client_call_stream(c, PROG, 1, PROC, none, NULL, none, NULL, &st), 0);
    if (sparse)
        rpc_client_stream_set_sparse(st);
    *ret_client = c;
    return st;
}

static void
test_sparse_stream_rules(void **state)
{
    Server srv;
    Script sc;
    pthread_t thread;
    RpcClient *c;
    RpcClientStream *st;
    char buf[8192];
    long long len = -1;
    int in_data = -1;

    (void)state;
    server_open(&srv);
    st = open_stream(&srv, &sc, &thread, &c, true);
    /* nothing sent yet: a non-blocking read says so */
    assert_int_equal(rpc_client_stream_recv_flags(c, st, buf, sizeof(buf), true, false), -2);
    assert_int_equal(rpc_client_stream_in_data(c, st, &in_data, &len), 0);
    assert_int_equal(in_data, 0);
    assert_int_equal(len, 0);
    script_next(&sc);
    /* the hole first: stop at it, take it */
    assert_int_equal(rpc_client_stream_recv_flags(c, st, buf, sizeof(buf), false, true), -3);
    assert_int_equal(rpc_client_stream_recv_hole(c, st, &len), 0);
    assert_int_equal(len, 4096);
    /* then the data, alone (a read stops before the next hole) */
    assert_int_equal(rpc_client_stream_recv_flags(c, st, buf, sizeof(buf), false, true), 3);
    assert_memory_equal(buf, "abc", 3);
    /* the bad holes, each refused as libvirt's client refuses it */
    assert_int_equal(rpc_client_stream_recv(c, st, buf, sizeof(buf)), -1);
    expect_error(VIR_ERR_INVALID_ARG, "length in virNetClientStreamSetHole must be greater "
                                      "than zero");
    assert_int_equal(rpc_client_stream_recv(c, st, buf, sizeof(buf)), -1);
    expect_error(VIR_ERR_INTERNAL_ERROR, "internal error: Malformed stream hole packet");
    assert_int_equal(rpc_client_stream_recv(c, st, buf, sizeof(buf)), -1);
    expect_error(VIR_ERR_INVALID_ARG, "unsupported flags (0x1) in function "
                                      "virNetClientStreamSetHole");
    /* a hole read without stopping reads as zeros */
    memset(buf, 'x', sizeof(buf));
    assert_int_equal(rpc_client_stream_recv(c, st, buf, sizeof(buf)), 5);
    assert_memory_equal(buf, "\0\0\0\0\0", 5);
    /* the end */
    assert_int_equal(rpc_client_stream_recv(c, st, buf, sizeof(buf)), 0);
    assert_int_equal(rpc_client_stream_in_data(c, st, &in_data, &len), 0);
    assert_int_equal(in_data, 0);
    assert_int_equal(len, 0);
    script_next(&sc);
    pthread_join(thread, NULL);
    rpc_client_stream_free(c, st);
    rpc_client_free(c);
    close(sc.fd);
    server_close(&srv);
}

static void
test_plain_stream_refuses_holes(void **state)
{
    Server srv;
    Script sc;
    pthread_t thread;
    RpcClient *c;
    RpcClientStream *st;
    char buf[64];
    long long len;
    int in_data;

    (void)state;
    server_open(&srv);
    st = open_stream(&srv, &sc, &thread, &c, false);
    script_next(&sc);
    /* a hole the daemon should not have sent: refused where it is read */
    assert_int_equal(rpc_client_stream_recv(c, st, buf, sizeof(buf)), -1);
    expect_error(VIR_ERR_RPC, "Unexpected stream hole");
    assert_int_equal(rpc_client_stream_recv_hole(c, st, &len), -1);
    expect_error(VIR_ERR_OPERATION_INVALID,
                 "Requested operation is not valid: Holes are not supported with this stream");
    assert_int_equal(rpc_client_stream_in_data(c, st, &in_data, &len), -1);
    assert_int_equal(rpc_client_stream_send_hole(c, st, 10, 0), -1);
    expect_error(VIR_ERR_OPERATION_INVALID, "Requested operation is not valid: "
                                            "Skipping is not supported with this stream");
    script_next(&sc);
    pthread_join(thread, NULL);
    rpc_client_stream_free(c, st);
    rpc_client_free(c);
    close(sc.fd);
    server_close(&srv);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sparse_stream_rules),
        cmocka_unit_test(test_plain_stream_refuses_holes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
