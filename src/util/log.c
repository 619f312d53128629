/*
 * log.c: debug logging to stderr, off unless VIREO_DEBUG is set.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "util/buf.h"
#include "util/log.h"

static pthread_once_t log_once = PTHREAD_ONCE_INIT;
static bool log_on;

static void
log_init(void)
{
    const char *v = getenv("VIREO_DEBUG");

    log_on = v && *v && STRNEQ(v, "0");
}

bool
vireo_log_enabled(void)
{
    pthread_once(&log_once, log_init);
    return log_on;
}

void
vireo_log_write(const char *func, const char *fmt, ...)
{
    int saved_errno = errno;
    _cleanup_buf_ VireoBuf buf = VIREO_BUF_INIT;
    struct timespec ts;
    va_list ap;

    clock_gettime(CLOCK_REALTIME, &ts);
    buf_addf(&buf, "vireo: %lld.%06ld %ld: %s: ", (long long)ts.tv_sec, ts.tv_nsec / 1000,
             (long)syscall(SYS_gettid), func);
    va_start(ap, fmt);
    buf_vaddf(&buf, fmt, ap);
    va_end(ap);
    buf_add_char(&buf, '\n');
    /* One write per line so concurrent threads do not interleave inside it. */
    if (write(STDERR_FILENO, buf_str(&buf), buf.len) < 0) {
        /* Nothing sensible to do when stderr is gone. */
    }
    errno = saved_errno;
}
