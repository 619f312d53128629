/*
 * alloc.c: allocation wrappers that abort on out-of-memory.
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

static void __attribute__((noreturn))
alloc_fail(void)
{
    fputs("vireo: out of memory\n", stderr);
    abort();
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (!p)
        alloc_fail();
    return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
    void *p;

    if (nmemb == 0 || size == 0)
        nmemb = size = 1;
    p = calloc(nmemb, size);
    if (!p)
        alloc_fail();
    return p;
}

void *
xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);

    if (!p)
        alloc_fail();
    return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
    if (size && nmemb > SIZE_MAX / size)
        alloc_fail();
    return xrealloc(ptr, nmemb * size);
}

char *
xstrdup(const char *s)
{
    char *p;

    if (!s)
        return NULL;
    p = strdup(s);
    if (!p)
        alloc_fail();
    return p;
}

char *
xstrndup(const char *s, size_t n)
{
    char *p;

    if (!s)
        return NULL;
    p = strndup(s, n);
    if (!p)
        alloc_fail();
    return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
    char *p = NULL;

    if (vasprintf(&p, fmt, ap) < 0)
        alloc_fail();
    return p;
}

char *
xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *p;

    va_start(ap, fmt);
    p = xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

void
secure_zero(void *p, size_t len)
{
    /* A volatile pointer keeps the stores from being optimised away. */
    volatile unsigned char *v = p;

    while (len--)
        *v++ = 0;
}

void
secure_free_str(char *s)
{
    if (!s)
        return;
    secure_zero(s, strlen(s));
    free(s);
}

void
strv_free(char **strv)
{
    if (!strv)
        return;
    for (char **s = strv; *s; s++)
        free(*s);
    free(strv);
}
