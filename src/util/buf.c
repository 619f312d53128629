/*
 * buf.c: a growable, always NUL-terminated string buffer.
 */
#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"

static void
buf_reserve(VireoBuf *buf, size_t extra)
{
    size_t need = buf->len + extra + 1;
    size_t cap;

    if (need < buf->len)
        abort(); /* size_t overflow: treat like out of memory */
    if (need <= buf->cap)
        return;
    cap = buf->cap ? buf->cap : 64;
    while (cap < need)
        cap = cap * 2 < cap ? need : cap * 2;
    buf->data = xrealloc(buf->data, cap);
    buf->cap = cap;
}

void
buf_add_len(VireoBuf *buf, const char *s, size_t len)
{
    buf_reserve(buf, len);
    memcpy(buf->data + buf->len, s, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void
buf_add(VireoBuf *buf, const char *s)
{
    if (s)
        buf_add_len(buf, s, strlen(s));
}

void
buf_add_char(VireoBuf *buf, char c)
{
    buf_add_len(buf, &c, 1);
}

void
buf_vaddf(VireoBuf *buf, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    buf_reserve(buf, (size_t)n);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    buf->len += (size_t)n;
}

void
buf_addf(VireoBuf *buf, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    buf_vaddf(buf, fmt, ap);
    va_end(ap);
}

void
buf_add_uri_escaped(VireoBuf *buf, const char *s, const char *also_allowed)
{
    static const char hex[] = "0123456789ABCDEF";

    if (!s)
        return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || strchr("-._~", *p) ||
                     (also_allowed && strchr(also_allowed, *p));
        if (plain) {
            buf_add_char(buf, (char)*p);
        } else {
            char esc[3] = { '%', hex[*p >> 4], hex[*p & 0xf] };
            buf_add_len(buf, esc, 3);
        }
    }
}

const char *
buf_str(const VireoBuf *buf)
{
    return buf->data ? buf->data : "";
}

char *
buf_steal(VireoBuf *buf)
{
    char *s = buf->data ? buf->data : xstrdup("");

    buf->data = NULL;
    buf->len = buf->cap = 0;
    return s;
}

void
buf_reset(VireoBuf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}
