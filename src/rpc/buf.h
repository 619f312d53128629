/*
 * buf.h: the growable byte buffer the RPC engines read into and encode into.
 *
 * One RpcBuf holds whole frames back to back, so several replies can leave in
 * a single write and several calls can arrive in a single read. Capacity is
 * kept between uses to avoid malloc churn on the hot path, and trimmed when a
 * rare huge message has inflated it.
 */
#ifndef VIREO_RPC_BUF_H
#define VIREO_RPC_BUF_H

#include <stddef.h>
#include <stdlib.h>

typedef struct {
    char *data; /* owned; NULL while cap is 0 */
    size_t len; /* bytes in use, from data[0] */
    size_t cap; /* bytes allocated */
} RpcBuf;

/* Makes room for at least extra more bytes after len. Aborts when out of
 * memory (callers bound extra by the protocol limits first). */
void rpc_buf_reserve(RpcBuf *buf, size_t extra);

/* Forgets the contents; gives memory back when cap exceeds keep bytes. */
void rpc_buf_clear(RpcBuf *buf, size_t keep);

/* Drops the first n bytes, moving the rest to the front. */
void rpc_buf_consume(RpcBuf *buf, size_t n);

/* Frees the storage. The struct itself is the caller's. */
void rpc_buf_free(RpcBuf *buf);

/* Allocation that aborts instead of returning NULL (the house rule for OOM). */
void *rpc_xcalloc(size_t n, size_t size);
void *rpc_xrealloc(void *ptr, size_t size);
char *rpc_xstrdup(const char *s);

#endif /* VIREO_RPC_BUF_H */
