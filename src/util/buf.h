/*
 * buf.h: a growable, always NUL-terminated string buffer.
 *
 * Used wherever text is assembled piece by piece (error messages, URIs,
 * XML). Growth aborts on out-of-memory, so appends cannot fail.
 */
#ifndef VIREO_UTIL_BUF_H
#define VIREO_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util/macros.h"

typedef struct {
    char *data;  /* owned; NULL until the first append */
    size_t len;  /* bytes used, not counting the NUL */
    size_t cap;  /* bytes allocated */
} VireoBuf;

#define VIREO_BUF_INIT { NULL, 0, 0 }

/* Appends len bytes of s (which need not be terminated). */
void buf_add_len(VireoBuf *buf, const char *s, size_t len);
/* Appends the string s; NULL appends nothing. */
void buf_add(VireoBuf *buf, const char *s);
void buf_add_char(VireoBuf *buf, char c);
void buf_addf(VireoBuf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vaddf(VireoBuf *buf, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends s percent-encoded: everything but ALPHA, DIGIT and "-._~" becomes
 * %XX (upper-case hex), the way libvirt encodes URI query values. */
void buf_add_uri_escaped(VireoBuf *buf, const char *s, const char *also_allowed);

/* The contents, "" when empty. Owned by buf. */
const char *buf_str(const VireoBuf *buf);
/* Hands the contents to the caller ("" when empty) and resets buf. */
char *buf_steal(VireoBuf *buf);
/* Frees the contents and resets buf. */
void buf_reset(VireoBuf *buf);

static inline void
buf_resetp(VireoBuf *buf)
{
    buf_reset(buf);
}
#define _cleanup_buf_ _cleanup_(buf_resetp)

#endif /* VIREO_UTIL_BUF_H */
