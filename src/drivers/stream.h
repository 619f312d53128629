/*
 * stream.h: the virStream handle and the backends drivers attach to it.
 *
 * A stream starts empty (virStreamNew); a stream procedure of a driver
 * (screenshot, volume upload/download) attaches a backend: a table of
 * operations plus its data. In vireod the backend is a local one (a file),
 * and the daemon's RPC layer moves its bytes to and from the client; in
 * libvireo's remote driver the backend is the RPC stream itself.
 *
 * Calls on one stream are serialised by its lock; a stream is used by one
 * application thread at a time in practice, as in libvirt.
 */
#ifndef VIREO_DRIVERS_STREAM_H
#define VIREO_DRIVERS_STREAM_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <libvirt/libvirt.h>

typedef struct {
    /* Copies up to n bytes of the stream into buf: the count (> 0), 0 at
     * the end of data, or -1 with the error record set. */
    int (*recv)(virStreamPtr st, char *buf, size_t n);
    /* Takes all n bytes: returns n, or -1 with the error record set. */
    int (*send)(virStreamPtr st, const char *buf, size_t n);
    /* Completes the transfer (0), or reports why it failed (-1). */
    int (*finish)(virStreamPtr st);
    /* Cancels the transfer. Returns 0 or -1 (reported). */
    int (*abort)(virStreamPtr st);
    /* Frees the backend's data (the stream is going away). */
    void (*release)(virStreamPtr st);
    /* Optional (two-way, non-blocking backends): a descriptor that is
     * readable whenever recv has something to do; recv then returns -2
     * when it would block. */
    int (*poll_fd)(virStreamPtr st);

    /* ---- sparse streams (all optional: NO_SUPPORT without them) ---- */
    /* recv with VIR_STREAM_RECV_* flags: also -2 (non-blocking stream,
     * nothing yet) and -3 (STOP_AT_HOLE and a hole comes next). */
    int (*recv_flags)(virStreamPtr st, char *buf, size_t n, unsigned int flags);
    /* Writes (or, reading, skips) a hole of length bytes. 0 or -1. */
    int (*send_hole)(virStreamPtr st, long long length, unsigned int flags);
    /* The hole recv_flags stopped at. 0 or -1. */
    int (*recv_hole)(virStreamPtr st, long long *length, unsigned int flags);
    /* What comes next: data (*in_data 1) or a hole, and its length;
     * 0/0 at the end. Returns 0 (or 1, see rpc/client.h), -1 reported. */
    int (*in_data)(virStreamPtr st, int *in_data, long long *length);

    /* ---- stream events (optional; without them the stream is always
     * ready, which is true of files) ---- */
    /* The VIR_STREAM_EVENT_* bits that hold now. */
    int (*event_ready)(virStreamPtr st);
    /* Watches for the VIR_STREAM_EVENT_* bits in events (0: stops): while
     * on, the backend calls vireo_stream_event_changed(st) whenever
     * event_ready may have changed. Called again when the callback's
     * events change. 0 or -1 reported. */
    int (*event_watch)(virStreamPtr st, int events);
} VireoStreamOps;

/* A callback registered with virStreamEventAddCallback. */
typedef struct {
    virStreamEventCallback cb;    /* NULL: none */
    void *opaque;
    virFreeCallback ff;
    int events;                   /* asked for */
    int timer;                    /* the event loop timeout that dispatches */
    bool dispatching;             /* cb runs now: ff waits for it */
    virFreeCallback due_ff;       /* removed while dispatching: runs after */
    void *due_opaque;
} VireoStreamEvent;

struct _virStream {
    atomic_int refs;
    virConnectPtr conn;           /* reference held */
    unsigned int flags;           /* VIR_STREAM_* */
    pthread_mutex_t lock;         /* serialises the operations below */
    const VireoStreamOps *ops;    /* NULL until a stream procedure attaches one */
    void *data;                   /* the backend's */
    bool done;                    /* finished or aborted */
    pthread_mutex_t ev_lock;      /* ev; never held while calling out */
    VireoStreamEvent ev;
    atomic_uint ev_gen;           /* bumped by every readiness change */
};

/* The backend's readiness may have changed: re-arms or idles the
 * callback's timer. Any thread, no stream lock needed. */
void vireo_stream_event_changed(virStreamPtr st);

/* A new stream with one reference on conn. Never fails. */
virStreamPtr handle_stream_new(virConnectPtr conn, unsigned int flags);
/* Drops a reference; the last one releases the backend (aborting an
 * unfinished transfer) and conn. Returns the remaining count. */
int handle_stream_unref(virStreamPtr st);
/* Attaches a backend (the stream must have none yet). */
void vireo_stream_attach(virStreamPtr st, const VireoStreamOps *ops, void *data);

/* The file backend: reads (write=false) or writes the file at path from
 * offset, at most length bytes (0 = to the end of the file / of the
 * data). Writes never go past limit (0 = no limit): the stream fails with
 * "stream exceeds volume capacity"-style errors instead. Holes (sparse
 * streams) are found with SEEK_DATA/SEEK_HOLE when reading and punched
 * when writing, never materialised. Returns 0, or -1 with a system error
 * naming path. */
int vireo_stream_open_file(virStreamPtr st, const char *path, bool write,
                           unsigned long long offset, unsigned long long length,
                           unsigned long long limit);

/* The console backend: relays the character device (a pty) at path both
 * ways without ever blocking (stream.h's poll_fd). One session per path:
 * a second open fails unless force, which ends the first session (its
 * reader sees the end of data). Returns 0; -2, nothing reported, when the
 * console is busy (the driver reports it in its own error domain); or -1
 * with the error set. */
int vireo_stream_open_console(virStreamPtr st, const char *path, bool force);

#endif /* VIREO_DRIVERS_STREAM_H */
