/*
 * log.h: vireod's own messages, routed by log_level, log_filters and
 * log_outputs as libvirtd does it.
 *
 * A message has a level and a module name ("daemon", "listen", ...). The
 * first filter whose match is a substring of the module decides the level
 * it needs; without one, log_level does. Every output whose own level is at
 * most the message's level then gets it. Outputs: "N:stderr", "N:file:PATH",
 * "N:syslog:IDENT" (space separated); filters: "N:MATCH" (a leading '+' on
 * MATCH is accepted and ignored, as it asks libvirt for stack traces).
 *
 * Used by the main thread only (start-up and shutdown); not thread-safe.
 */
#ifndef VIREO_DAEMON_LOG_H
#define VIREO_DAEMON_LOG_H

#include <stdbool.h>

typedef enum {
    DAEMON_LOG_DEBUG = 1,
    DAEMON_LOG_INFO = 2,
    DAEMON_LOG_WARNING = 3,
    DAEMON_LOG_ERROR = 4,
} DaemonLogLevel;

/* Checks the syntax of a log_outputs / log_filters value. NULL when it is
 * fine, else an allocated text saying what is wrong. */
char *daemon_log_outputs_check(const char *spec);
char *daemon_log_filters_check(const char *spec);

/* Sets up logging: level is the default level, outputs and filters are
 * checked specs (NULL = none; with no outputs, messages go to stderr, or to
 * syslog when daemonized). Opens the files. Returns 0, or -1 with an
 * allocated message in *errmsg. May be called again to replace the set-up. */
int daemon_log_setup(unsigned int level, const char *outputs, const char *filters,
                     bool daemonized, char **errmsg);

/* Logs one message (printf-style). Errors go to stderr even before set-up. */
void daemon_log(int level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Closes the outputs; later messages go to stderr. */
void daemon_log_close(void);

#endif /* VIREO_DAEMON_LOG_H */
