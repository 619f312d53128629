/*
 * buf.c: the growable byte buffer of the RPC engines.
 */
#include "rpc/buf.h"

#include <string.h>

void *
rpc_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        abort();
    return p;
}

void *
rpc_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);

    if (!p)
        abort();
    return p;
}

char *
rpc_xstrdup(const char *s)
{
    char *p;

    if (!s)
        return NULL;
    p = strdup(s);
    if (!p)
        abort();
    return p;
}

void
rpc_buf_reserve(RpcBuf *buf, size_t extra)
{
    size_t want = buf->len + extra;
    size_t cap = buf->cap ? buf->cap : 256;

    if (want <= buf->cap)
        return;
    while (cap < want)
        cap *= 2;
    buf->data = rpc_xrealloc(buf->data, cap);
    buf->cap = cap;
}

void
rpc_buf_clear(RpcBuf *buf, size_t keep)
{
    buf->len = 0;
    if (buf->cap > keep) {
        free(buf->data);
        buf->data = NULL;
        buf->cap = 0;
    }
}

void
rpc_buf_consume(RpcBuf *buf, size_t n)
{
    if (n >= buf->len) {
        buf->len = 0;
        return;
    }
    memmove(buf->data, buf->data + n, buf->len - n);
    buf->len -= n;
}

void
rpc_buf_free(RpcBuf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}
