/*
 * log.h: debug logging to stderr, off unless VIREO_DEBUG is set.
 *
 * Library code does not log above debug (STYLE.md); this exists so a
 * developer can watch a session with VIREO_DEBUG=1 without a debugger.
 */
#ifndef VIREO_UTIL_LOG_H
#define VIREO_UTIL_LOG_H

#include <stdbool.h>

/* True when VIREO_DEBUG is set to something other than "" or "0". Read
 * once, on first use. */
bool vireo_log_enabled(void);

/* Writes one line "vireo: <time> <tid>: <func>: <message>" to stderr when
 * enabled. Keeps errno. */
void vireo_log_write(const char *func, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define VIREO_DEBUG_LOG(...) \
    do { \
        if (vireo_log_enabled()) \
            vireo_log_write(__func__, __VA_ARGS__); \
    } while (0)

#endif /* VIREO_UTIL_LOG_H */
