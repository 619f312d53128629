/*
 * stream_callbacks.c: libvireo's non-blocking streams driven by stream
 * event callbacks on the default event loop, the way consoles and
 * python's stream.eventAddCallback use them.
 *
 *   vireo-stream-callbacks upload URI VOL IN       sends IN to VOL (default-pool)
 *   vireo-stream-callbacks download URI VOL OUT N  receives N bytes of VOL into OUT
 *   vireo-stream-callbacks rules URI VOL           the API's refusals and -2
 *   vireo-stream-callbacks console URI DOMAIN      types into the serial console
 *                                                  and reads the shell's answer
 * With WITH_DOMAIN_EVENTS set, transfers run with a domain event
 * registered (so libvireo's event I/O thread reads the socket too).
 * Prints what it did; exits non-zero with the error on failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef struct {
    int fd;
    int done;          /* 1 finished, -1 failed */
    long long bytes;
    int calls;         /* callback invocations */
    int would_block;   /* virStreamRecv answered -2 */
    int frees;         /* the free callback ran */
    int bad_events;    /* events outside what was asked */
    int asked;
    char buf[256 * 1024];
} Transfer;

static int
fail(const char *what)
{
    fprintf(stderr, "%s: %s\n", what, virGetLastErrorMessage());
    return 1;
}

static void
transfer_free(void *opaque)
{
    ((Transfer *)opaque)->frees++;
}

static void
transfer_end(virStreamPtr st, Transfer *t, int ok)
{
    if (ok && virStreamFinish(st) < 0)
        ok = 0;
    if (!ok) {
        fprintf(stderr, "transfer: %s\n", virGetLastErrorMessage());
        virStreamAbort(st);
    }
    virStreamEventRemoveCallback(st);
    t->done = ok ? 1 : -1;
}

static void
on_readable(virStreamPtr st, int events, void *opaque)
{
    Transfer *t = opaque;

    t->calls++;
    if (events & ~t->asked)
        t->bad_events++;
    /* One read per callback, as console clients do: the loop calls again
     * while more is queued. */
    int n = virStreamRecv(st, t->buf, sizeof(t->buf));

    if (n == -2) {
        t->would_block++;
        return;
    }
    if (n < 0) {
        transfer_end(st, t, 0);
        return;
    }
    if (n == 0) {
        transfer_end(st, t, 1);
        return;
    }
    if (write(t->fd, t->buf, (size_t)n) != n) {
        transfer_end(st, t, 0);
        return;
    }
    t->bytes += n;
}

static void
on_writable(virStreamPtr st, int events, void *opaque)
{
    Transfer *t = opaque;
    ssize_t n;

    t->calls++;
    if (events & ~t->asked)
        t->bad_events++;
    n = read(t->fd, t->buf, sizeof(t->buf));
    if (n < 0) {
        transfer_end(st, t, 0);
        return;
    }
    if (n == 0) {
        transfer_end(st, t, 1);
        return;
    }
    for (ssize_t off = 0; off < n;) {
        int sent = virStreamSend(st, t->buf + off, (size_t)(n - off));

        if (sent < 0) {
            transfer_end(st, t, 0);
            return;
        }
        off += sent;
    }
    t->bytes += n;
}

static int
run_loop(Transfer *t)
{
    while (!t->done)
        if (virEventRunDefaultImpl() < 0)
            return -1;
    /* one more turn: the loop frees what was removed */
    virEventRunDefaultImpl();
    return t->done > 0 ? 0 : -1;
}

static void
on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void)conn;
    (void)dom;
    (void)event;
    (void)detail;
    (*(int *)opaque)++;
}

static int
do_transfer(virConnectPtr conn, const char *vol_name, const char *path, bool upload,
            long long length)
{
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    virStorageVolPtr vol = pool ? virStorageVolLookupByName(pool, vol_name) : NULL;
    virStreamPtr st = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    Transfer *t = calloc(1, sizeof(*t));
    static int lifecycle_events;

    if (!vol || !st || !t)
        return fail("lookup");
    /* With an event registered, libvireo's I/O thread reads the socket
     * too, racing the loop: the stream must stay bounded all the same. */
    if (getenv("WITH_DOMAIN_EVENTS") &&
        virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                         VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle),
                                         &lifecycle_events, NULL) < 0)
        return fail("event register");
    t->fd = upload ? open(path, O_RDONLY) : open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (t->fd < 0)
        return fail("open");
    if ((upload ? virStorageVolUpload(vol, st, 0, 0, 0)
                : virStorageVolDownload(vol, st, 0, (unsigned long long)length, 0)) < 0)
        return fail("open stream");
    t->asked = upload ? VIR_STREAM_EVENT_WRITABLE : VIR_STREAM_EVENT_READABLE;
    if (virStreamEventAddCallback(st, t->asked, upload ? on_writable : on_readable, t,
                                  transfer_free) < 0)
        return fail("add callback");
    if (run_loop(t) < 0)
        return fail("transfer");
    printf("ok %lld calls=%d eagain=%d frees=%d bad_events=%d\n", t->bytes, t->calls,
           t->would_block, t->frees, t->bad_events);
    close(t->fd);
    virStreamFree(st);
    virStorageVolFree(vol);
    virStoragePoolFree(pool);
    free(t);
    return 0;
}

static void
noop_cb(virStreamPtr st, int events, void *opaque)
{
    (void)st;
    (void)events;
    (void)opaque;
}

static int
zero_source(virStreamPtr st, char *data, size_t n, void *opaque)
{
    (void)st;
    (void)opaque;
    memset(data, 0, n);
    return (int)n;
}

/* Prints one line per check: "<name> <rc> <error code>". */
static void
report(const char *name, int rc)
{
    virErrorPtr err = virGetLastError();

    printf("%s %d %d %s\n", name, rc, err ? err->code : 0,
           err && err->message ? err->message : "-");
}

static int
do_rules(virConnectPtr conn, const char *vol_name)
{
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    virStorageVolPtr vol = pool ? virStorageVolLookupByName(pool, vol_name) : NULL;
    virStreamPtr st = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    Transfer t = { 0 };
    char buf[16];
    int rc;

    if (!vol || !st)
        return fail("lookup");
    /* An upload stream never has data for us: a non-blocking read says
     * "not now" (-2) with no error, every time. */
    if (virStorageVolUpload(vol, st, 0, 0, 0) < 0)
        return fail("upload");
    rc = virStreamRecv(st, buf, sizeof(buf));
    report("recv_nonblock", rc);
    report("update_none", virStreamEventUpdateCallback(st, VIR_STREAM_EVENT_READABLE));
    report("remove_none", virStreamEventRemoveCallback(st));
    report("add", virStreamEventAddCallback(st, VIR_STREAM_EVENT_WRITABLE, noop_cb, &t,
                                            transfer_free));
    report("add_twice", virStreamEventAddCallback(st, VIR_STREAM_EVENT_READABLE, noop_cb, &t,
                                                  NULL));
    report("update", virStreamEventUpdateCallback(st, 0));
    report("remove", virStreamEventRemoveCallback(st));
    printf("frees %d\n", t.frees);
    report("finish", virStreamFinish(st));
    virStreamFree(st);
    /* Blocking data loops refuse non-blocking streams. */
    st = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    report("sendall_nonblock", virStreamSendAll(st, zero_source, NULL));
    virStreamFree(st);
    virStorageVolFree(vol);
    virStoragePoolFree(pool);
    return 0;
}

/* ---- a console through callbacks, as virsh console and virt-manager
 * drive one: READABLE always, WRITABLE only while typed input waits ---- */

typedef struct {
    virStreamPtr st;
    char out[65536];      /* what the guest printed (the last of it) */
    size_t nout;
    char in[256];         /* typed, not yet sent */
    size_t nin;
    int phase;            /* 0 waiting for a prompt, 1 waiting for the answer */
    size_t mark;          /* where the answer may start */
    char want[64];
    int ticks;
    int done;             /* 1 answered, -1 failed */
    int updates;          /* virStreamEventUpdateCallback calls */
} Console;

static void
console_type(Console *c, const char *text)
{
    size_t n = strlen(text);

    if (n > sizeof(c->in) - c->nin)
        n = sizeof(c->in) - c->nin;
    memcpy(c->in + c->nin, text, n);
    c->nin += n;
    virStreamEventUpdateCallback(c->st, VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_WRITABLE);
    c->updates++;
}

static bool
console_seen(Console *c, const char *text, size_t since)
{
    c->out[c->nout < sizeof(c->out) ? c->nout : sizeof(c->out) - 1] = '\0';
    return since < c->nout && strstr(c->out + since, text) != NULL;
}

static void
console_event(virStreamPtr st, int events, void *opaque)
{
    Console *c = opaque;

    if (events & VIR_STREAM_EVENT_READABLE) {
        char buf[4096];
        int n = virStreamRecv(st, buf, sizeof(buf));

        if (n == 0 || (n < 0 && n != -2)) {
            fprintf(stderr, "console ended: %s\n", n ? virGetLastErrorMessage() : "EOF");
            c->done = -1;
            return;
        }
        if (n > 0) {
            if (c->nout + (size_t)n >= sizeof(c->out)) { /* keep the tail */
                size_t drop = c->nout / 2;

                memmove(c->out, c->out + drop, c->nout - drop);
                c->nout -= drop;
                c->mark = c->mark > drop ? c->mark - drop : 0;
            }
            memcpy(c->out + c->nout, buf, (size_t)n);
            c->nout += (size_t)n;
        }
        if (c->phase == 0 && console_seen(c, "# ", 0)) {
            int token = (int)(getpid() % 100000) + 1000;

            snprintf(c->want, sizeof(c->want), "hello-%d", token + 1);
            c->phase = 1;
            c->mark = c->nout;
            char cmd[64];
            snprintf(cmd, sizeof(cmd), "echo hello-$((%d+1))\r", token);
            console_type(c, cmd);
        } else if (c->phase == 1 && console_seen(c, c->want, c->mark)) {
            c->done = 1;
        }
    }
    if ((events & VIR_STREAM_EVENT_WRITABLE) && c->nin > 0) {
        int n = virStreamSend(st, c->in, c->nin);

        if (n < 0) {
            c->done = -1;
            return;
        }
        memmove(c->in, c->in + n, c->nin - (size_t)n);
        c->nin -= (size_t)n;
        if (c->nin == 0) {
            virStreamEventUpdateCallback(st, VIR_STREAM_EVENT_READABLE);
            c->updates++;
        }
    }
}

/* Once a second: press Enter until the shell shows its prompt. */
static void
console_tick(int timer, void *opaque)
{
    Console *c = opaque;

    (void)timer;
    if (++c->ticks > 90) {
        fprintf(stderr, "no answer; console said: %s\n", c->out);
        c->done = -1;
    } else if (c->phase == 0) {
        console_type(c, "\r");
    }
}

static int
do_console(virConnectPtr conn, const char *name)
{
    virDomainPtr dom = virDomainLookupByName(conn, name);
    Console *c = calloc(1, sizeof(*c));
    int timer;

    if (!dom || !c)
        return fail("lookup");
    c->st = virStreamNew(conn, VIR_STREAM_NONBLOCK);
    if (virDomainOpenConsole(dom, NULL, c->st, 0) < 0)
        return fail("open console");
    if (virStreamEventAddCallback(c->st, VIR_STREAM_EVENT_READABLE, console_event, c, NULL) < 0)
        return fail("add callback");
    if ((timer = virEventAddTimeout(1000, console_tick, c, NULL)) < 0)
        return fail("timer");
    while (!c->done)
        if (virEventRunDefaultImpl() < 0)
            return fail("loop");
    virEventRemoveTimeout(timer);
    virStreamEventRemoveCallback(c->st);
    if (c->done < 0)
        return 1;
    virStreamFinish(c->st);
    virStreamFree(c->st);
    printf("ok %s updates=%d\n", c->want, c->updates);
    virDomainFree(dom);
    free(c);
    return 0;
}

int
main(int argc, char **argv)
{
    virConnectPtr conn;
    int rc = 2;

    if (argc < 4)
        return 2;
    if (strcmp(argv[1], "noloop") != 0 && virEventRegisterDefaultImpl() < 0)
        return fail("event loop");
    if (!(conn = virConnectOpen(argv[2])))
        return fail("connect");
    if (strcmp(argv[1], "upload") == 0 && argc == 5)
        rc = do_transfer(conn, argv[3], argv[4], true, 0);
    else if (strcmp(argv[1], "download") == 0 && argc == 6)
        rc = do_transfer(conn, argv[3], argv[4], false, atoll(argv[5]));
    else if (strcmp(argv[1], "console") == 0)
        rc = do_console(conn, argv[3]);
    else if (strcmp(argv[1], "rules") == 0 || strcmp(argv[1], "noloop") == 0)
        rc = do_rules(conn, argv[3]);
    virConnectClose(conn);
    return rc;
}
