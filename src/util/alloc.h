/*
 * alloc.h: allocation wrappers that abort on out-of-memory.
 *
 * Vireo treats OOM as fatal (STYLE.md): callers never check these for NULL,
 * which keeps error paths for real failures readable.
 */
#ifndef VIREO_UTIL_ALLOC_H
#define VIREO_UTIL_ALLOC_H

#include <stdarg.h>
#include <stddef.h>

#include "util/macros.h"

/* Each returns memory owned by the caller (free()); aborts on OOM. A zero
 * size still returns a unique, freeable pointer. */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* xreallocarray aborts when nmemb * size overflows. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);

/* Copies of s; NULL in gives NULL out. */
char *xstrdup(const char *s);
/* Copies at most n bytes of s and terminates the copy. */
char *xstrndup(const char *s, size_t n);

/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#define XNEW(Type) ((Type *)xcalloc(1, sizeof(Type)))
#define XNEW_ARRAY(Type, n) ((Type *)xcalloc((n), sizeof(Type)))

/* Zeroes len bytes at p in a way the compiler may not elide: for secrets
 * before they are freed. */
void secure_zero(void *p, size_t len);

/* Zeroes then frees a NUL-terminated secret; NULL is a no-op. */
void secure_free_str(char *s);

/* Frees a NULL-terminated array of strings and the array; NULL is a no-op. */
void strv_free(char **strv);

static inline void
strv_freep(char ***p)
{
    strv_free(*p);
}
#define _cleanup_strv_free_ _cleanup_(strv_freep)

#endif /* VIREO_UTIL_ALLOC_H */
