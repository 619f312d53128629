/*
 * macros.h: small language helpers shared by every module.
 *
 * Ownership transfer is made greppable with TAKE_PTR/TAKE_FD, and cleanup
 * attributes free locals on every return path so error paths cannot leak.
 */
#ifndef VIREO_UTIL_MACROS_H
#define VIREO_UTIL_MACROS_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define STREQ(a, b) (strcmp((a), (b)) == 0)
#define STRNEQ(a, b) (strcmp((a), (b)) != 0)
#define STRCASEEQ(a, b) (strcasecmp((a), (b)) == 0)
#define STREQ_NULLABLE(a, b) ((a) == (b) || ((a) && (b) && STREQ((a), (b))))
#define NULLSTR(s) ((s) ? (s) : "<null>")
#define EMPTYSTR(s) ((s) ? (s) : "")

#define VIREO_UNUSED __attribute__((unused))
#define VIREO_EXPORT __attribute__((visibility("default")))

/* Returns the pointer held in *pp and clears it: "ownership moves here". */
#define TAKE_PTR(p) \
    ({ \
        __typeof__(p) take_ptr_tmp_ = (p); \
        (p) = NULL; \
        take_ptr_tmp_; \
    })

/* The same for file descriptors; -1 is "none". */
#define TAKE_FD(fd) \
    ({ \
        int take_fd_tmp_ = (fd); \
        (fd) = -1; \
        take_fd_tmp_; \
    })

static inline void
freep(void *p)
{
    free(*(void **)p);
}

static inline void
closep(int *fd)
{
    if (*fd >= 0)
        close(*fd);
}

#define _cleanup_(f) __attribute__((cleanup(f)))
#define _cleanup_free_ _cleanup_(freep)
#define _cleanup_close_ _cleanup_(closep)

/* Declares name_freep(Type **) for a free function taking Type *, so a
 * local can be written `_cleanup_(name_freep) Type *x = NULL;`. */
#define DEFINE_FREEP(Type, func) \
    static inline void func##p(Type **p) \
    { \
        if (*p) \
            func(*p); \
    }

#endif /* VIREO_UTIL_MACROS_H */
