/*
 * workers.c: the handler thread pools.
 */
#include "rpc/workers.h"

#include <errno.h>
#include <stdlib.h>

#include "rpc/buf.h"

typedef struct {
    RpcWorkerPool *pool;
    bool priority;
} WorkerArg;

/* Takes the first item this kind of worker may run. Called with the lock. */
static RpcWorkItem *
pool_take(RpcWorkerPool *pool, bool priority_worker)
{
    RpcWorkItem **pp;

    for (pp = &pool->head; *pp; pp = &(*pp)->next) {
        RpcWorkItem *item = *pp;

        if (priority_worker && !item->priority)
            continue;
        *pp = item->next;
        if (pool->tail == item) {
            RpcWorkItem *last = pool->head;

            while (last && last->next)
                last = last->next;
            pool->tail = last;
        }
        item->next = NULL;
        return item;
    }
    return NULL;
}

static void *
worker_main(void *opaque)
{
    WorkerArg arg = *(WorkerArg *)opaque;
    RpcWorkerPool *pool = arg.pool;

    free(opaque);
    pthread_mutex_lock(&pool->lock);
    for (;;) {
        RpcWorkItem *item = pool_take(pool, arg.priority);

        if (!item) {
            if (pool->quit)
                break;
            if (arg.priority) {
                pool->nprio_idle++;
                pthread_cond_wait(&pool->prio_cond, &pool->lock);
                pool->nprio_idle--;
            } else {
                pool->nidle++;
                pthread_cond_wait(&pool->cond, &pool->lock);
                pool->nidle--;
                if (pool->nwaking > 0)
                    pool->nwaking--;
            }
            continue;
        }
        pthread_mutex_unlock(&pool->lock);
        pool->run(item, pool->opaque);
        pthread_mutex_lock(&pool->lock);
    }
    pthread_mutex_unlock(&pool->lock);
    return NULL;
}

/* Starts one worker. Called with the lock held (or before any thread runs). */
static int
pool_spawn(RpcWorkerPool *pool, bool priority)
{
    WorkerArg *arg = rpc_xcalloc(1, sizeof(*arg));
    pthread_t tid;
    int rc;

    arg->pool = pool;
    arg->priority = priority;
    rc = pthread_create(&tid, NULL, worker_main, arg);
    if (rc != 0) {
        free(arg);
        return -rc;
    }
    pool->threads = rpc_xrealloc(pool->threads, (pool->nthreads + 1) * sizeof(pthread_t));
    pool->threads[pool->nthreads++] = tid;
    if (priority)
        pool->nprio++;
    else
        pool->nnormal++;
    return 0;
}

int
rpc_workers_init(RpcWorkerPool *pool, unsigned int min, unsigned int max,
                 unsigned int prio, RpcWorkFunc run, void *opaque)
{
    unsigned int i;

    *pool = (RpcWorkerPool){ .run = run, .opaque = opaque };
    pool->max_normal = max ? max : 1;
    if (min > pool->max_normal)
        min = pool->max_normal;
    pthread_mutex_init(&pool->lock, NULL);
    pthread_cond_init(&pool->cond, NULL);
    pthread_cond_init(&pool->prio_cond, NULL);
    pthread_mutex_lock(&pool->lock);
    for (i = 0; i < min; i++)
        pool_spawn(pool, false);
    for (i = 0; i < prio; i++)
        pool_spawn(pool, true);
    /* Without any normal worker the pool could never run a call. */
    if (pool->nnormal == 0 && pool_spawn(pool, false) < 0) {
        pthread_mutex_unlock(&pool->lock);
        return -EAGAIN;
    }
    pthread_mutex_unlock(&pool->lock);
    return 0;
}

void
rpc_workers_submit(RpcWorkerPool *pool, RpcWorkItem *item)
{
    pthread_mutex_lock(&pool->lock);
    item->next = NULL;
    if (pool->tail)
        pool->tail->next = item;
    else
        pool->head = item;
    pool->tail = item;
    /* An idle worker already signalled for an earlier item cannot take
     * this one too: count the claims, so a burst grows the pool. */
    if (pool->nidle > pool->nwaking) {
        pool->nwaking++;
        pthread_cond_signal(&pool->cond);
    } else {
        /* Every normal worker is busy: grow the pool if allowed, and let a
         * priority worker take the item meanwhile if it may. */
        if (pool->nnormal < pool->max_normal)
            pool_spawn(pool, false);
        if (item->priority && pool->nprio_idle > 0)
            pthread_cond_signal(&pool->prio_cond);
    }
    pthread_mutex_unlock(&pool->lock);
}

RpcWorkItem *
rpc_workers_shutdown(RpcWorkerPool *pool)
{
    RpcWorkItem *left;
    unsigned int i;

    pthread_mutex_lock(&pool->lock);
    pool->quit = true;
    left = pool->head;
    pool->head = pool->tail = NULL;
    pthread_cond_broadcast(&pool->cond);
    pthread_cond_broadcast(&pool->prio_cond);
    pthread_mutex_unlock(&pool->lock);
    for (i = 0; i < pool->nthreads; i++)
        pthread_join(pool->threads[i], NULL);
    free(pool->threads);
    pool->threads = NULL;
    pool->nthreads = 0;
    pthread_mutex_destroy(&pool->lock);
    pthread_cond_destroy(&pool->cond);
    pthread_cond_destroy(&pool->prio_cond);
    return left;
}
