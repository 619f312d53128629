/*
 * workers.h: the thread pools that run procedure handlers off the loop.
 *
 * A normal pool grows from min to max threads as calls wait, and a small
 * priority pool serves only high-priority calls, so that calls which never
 * block (destroy, lookups) still run when every normal worker is stuck in a
 * slow handler. Jobs are opaque to the pool: it calls the run function with
 * each one.
 */
#ifndef VIREO_RPC_WORKERS_H
#define VIREO_RPC_WORKERS_H

#include <pthread.h>
#include <stdbool.h>

typedef struct RpcWorkItem RpcWorkItem;
struct RpcWorkItem {
    RpcWorkItem *next; /* queue link, pool lock */
    bool priority;     /* may be taken by the priority workers */
};

typedef void (*RpcWorkFunc)(RpcWorkItem *item, void *opaque);

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;      /* wakes normal workers */
    pthread_cond_t prio_cond; /* wakes priority workers */
    RpcWorkItem *head, *tail; /* pending items, FIFO; lock */
    pthread_t *threads;       /* every thread started; lock */
    unsigned int nthreads;
    unsigned int nnormal, nidle;     /* normal workers, idle ones; lock */
    unsigned int nwaking;            /* idle normal workers already signalled; lock */
    unsigned int nprio, nprio_idle;  /* priority workers, idle ones; lock */
    unsigned int max_normal;         /* immutable after init */
    bool quit;                       /* lock */
    RpcWorkFunc run;                 /* immutable */
    void *opaque;                    /* immutable */
} RpcWorkerPool;

/* Starts min normal workers (growing up to max, at least 1) and prio
 * priority workers. Returns 0 or a negative errno when no thread starts. */
int rpc_workers_init(RpcWorkerPool *pool, unsigned int min, unsigned int max,
                     unsigned int prio, RpcWorkFunc run, void *opaque);

/* Queues item (ownership passes to the run function). Thread-safe. */
void rpc_workers_submit(RpcWorkerPool *pool, RpcWorkItem *item);

/* Lets running items finish, joins every thread, and returns the items
 * never started (a list through next) for the caller to dispose of. */
RpcWorkItem *rpc_workers_shutdown(RpcWorkerPool *pool);

#endif /* VIREO_RPC_WORKERS_H */
