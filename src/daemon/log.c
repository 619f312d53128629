/*
 * log.c: parsing of log_outputs / log_filters and the message router.
 *
 * Parsing and checking share one function, so a spec that --validate
 * accepts is exactly one that start-up can set up.
 */
#include "daemon/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "daemon/conf_file.h"
#include "util/alloc.h"

#define LOG_MAX_ITEMS 32

typedef enum {
    LOG_OUTPUT_STDERR,
    LOG_OUTPUT_FILE,
    LOG_OUTPUT_SYSLOG,
} LogOutputKind;

typedef struct {
    unsigned int level;
    LogOutputKind kind;
    char *arg;   /* file path or syslog ident, owned; NULL for stderr */
    FILE *file;  /* LOG_OUTPUT_FILE once opened */
} LogOutput;

typedef struct {
    unsigned int level;
    char *match; /* owned */
} LogFilter;

typedef struct {
    unsigned int level;
    bool configured;   /* false: the plain "vireod: level: msg" stderr form */
    LogOutput outputs[LOG_MAX_ITEMS];
    size_t noutputs;
    LogFilter filters[LOG_MAX_ITEMS];
    size_t nfilters;
} LogState;

static LogState log_state = { .level = DAEMON_LOG_WARNING };

static const char *const log_level_names[] = {
    [DAEMON_LOG_DEBUG] = "debug",
    [DAEMON_LOG_INFO] = "info",
    [DAEMON_LOG_WARNING] = "warning",
    [DAEMON_LOG_ERROR] = "error",
};

/* "N:" at the start of an item, N one digit from 1 to 4: returns what
 * follows, or NULL when the item does not start that way. */
static const char *
log_parse_level(const char *item, unsigned int *ret_level)
{
    if (item[0] < '1' || item[0] > '4' || item[1] != ':')
        return NULL;
    *ret_level = (unsigned int)(item[0] - '0');
    return item + 2;
}

static char *
log_bad_level(const char *item)
{
    return xasprintf("'%s' does not start with a level 1-4 and ':'", item);
}

static char *
log_parse_output(const char *item, void *slot)
{
    LogOutput *ret_out = slot;
    unsigned int level = 0;
    const char *rest = log_parse_level(item, &level);

    if (!rest)
        return log_bad_level(item);
    memset(ret_out, 0, sizeof(*ret_out));
    ret_out->level = level;
    if (strcmp(rest, "stderr") == 0) {
        ret_out->kind = LOG_OUTPUT_STDERR;
    } else if (strncmp(rest, "file:", 5) == 0 && rest[5] == '/') {
        ret_out->kind = LOG_OUTPUT_FILE;
        ret_out->arg = xasprintf("%s", rest + 5);
    } else if (strncmp(rest, "syslog:", 7) == 0 && rest[7]) {
        ret_out->kind = LOG_OUTPUT_SYSLOG;
        ret_out->arg = xasprintf("%s", rest + 7);
    } else if (strcmp(rest, "journald") == 0) {
        return xasprintf("output '%s': journald is not supported (use stderr, "
                                  "file:/PATH or syslog:IDENT)", item);
    } else {
        return xasprintf("invalid output '%s' (expected N:stderr, N:file:/PATH or "
                                  "N:syslog:IDENT)", item);
    }
    return NULL;
}

static char *
log_parse_filter(const char *item, void *slot)
{
    LogFilter *ret_filter = slot;
    unsigned int level = 0;
    const char *rest = log_parse_level(item, &level);

    if (!rest)
        return log_bad_level(item);
    if (*rest == '+')
        rest++;
    if (!*rest)
        return xasprintf("filter '%s' has nothing to match", item);
    ret_filter->level = level;
    ret_filter->match = xasprintf("%s", rest);
    return NULL;
}

typedef char *(*LogItemParser)(const char *item, void *slot);

/* Splits spec on blanks and parses each item into slots[i]. */
static char *
log_parse_spec(const char *spec, LogItemParser parse, void *slots, size_t slot_size,
               size_t *ret_n)
{
    char *copy = xasprintf("%s", spec);
    char *save = NULL, *why = NULL;
    size_t n = 0;

    for (char *item = strtok_r(copy, " \t\n", &save); item;
         item = strtok_r(NULL, " \t\n", &save)) {
        if (n == LOG_MAX_ITEMS) {
            why = xasprintf("more than %d entries", LOG_MAX_ITEMS);
            break;
        }
        why = parse(item, (char *)slots + n * slot_size);
        if (why)
            break;
        n++;
    }
    free(copy);
    *ret_n = n;
    return why;
}

static void
log_outputs_clear(LogOutput *outputs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (outputs[i].file)
            fclose(outputs[i].file);
        if (outputs[i].kind == LOG_OUTPUT_SYSLOG)
            closelog();
        free(outputs[i].arg);
    }
}

static void
log_filters_clear(LogFilter *filters, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(filters[i].match);
}

char *
daemon_log_outputs_check(const char *spec)
{
    LogOutput outputs[LOG_MAX_ITEMS];
    size_t n = 0;
    char *why = log_parse_spec(spec, log_parse_output, outputs,
                               sizeof(outputs[0]), &n);

    log_outputs_clear(outputs, n);
    return why;
}

char *
daemon_log_filters_check(const char *spec)
{
    LogFilter filters[LOG_MAX_ITEMS];
    size_t n = 0;
    char *why = log_parse_spec(spec, log_parse_filter, filters,
                               sizeof(filters[0]), &n);

    log_filters_clear(filters, n);
    return why;
}

/* Opens what each output needs; on failure names the output. */
static char *
log_outputs_open(LogOutput *outputs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (outputs[i].kind == LOG_OUTPUT_FILE) {
            outputs[i].file = fopen(outputs[i].arg, "ae");
            if (!outputs[i].file)
                return xasprintf("log_outputs: cannot open '%s': %s", outputs[i].arg,
                                          strerror(errno));
            setvbuf(outputs[i].file, NULL, _IOLBF, 0);
        } else if (outputs[i].kind == LOG_OUTPUT_SYSLOG) {
            openlog(outputs[i].arg, LOG_PID, LOG_DAEMON);
        }
    }
    return NULL;
}

int
daemon_log_setup(unsigned int level, const char *outputs, const char *filters,
                 bool daemonized, char **errmsg)
{
    LogState next = { .level = level, .configured = true };
    char *why = NULL;

    if (outputs)
        why = log_parse_spec(outputs, log_parse_output, next.outputs,
                             sizeof(next.outputs[0]), &next.noutputs);
    else
        why = log_parse_output(daemonized ? "1:syslog:vireod" : "1:stderr", &next.outputs[0]);
    if (!outputs && !why) {
        next.noutputs = 1;
        next.configured = daemonized;
    }
    if (!why && filters)
        why = log_parse_spec(filters, log_parse_filter, next.filters,
                             sizeof(next.filters[0]), &next.nfilters);
    if (!why)
        why = log_outputs_open(next.outputs, next.noutputs);
    if (why) {
        log_outputs_clear(next.outputs, next.noutputs);
        log_filters_clear(next.filters, next.nfilters);
        *errmsg = why;
        return -1;
    }
    daemon_log_close();
    log_state = next;
    return 0;
}

void
daemon_log_close(void)
{
    log_outputs_clear(log_state.outputs, log_state.noutputs);
    log_filters_clear(log_state.filters, log_state.nfilters);
    memset(&log_state, 0, sizeof(log_state));
    log_state.level = DAEMON_LOG_WARNING;
}

static unsigned int
log_level_for(const char *module)
{
    for (size_t i = 0; i < log_state.nfilters; i++) {
        if (strstr(module, log_state.filters[i].match))
            return log_state.filters[i].level;
    }
    return log_state.level;
}

static void
log_emit(const LogOutput *out, int level, const char *module, const char *msg)
{
    static const int syslog_prio[] = {
        [DAEMON_LOG_DEBUG] = LOG_DEBUG, [DAEMON_LOG_INFO] = LOG_INFO,
        [DAEMON_LOG_WARNING] = LOG_WARNING, [DAEMON_LOG_ERROR] = LOG_ERR,
    };
    char stamp[64] = "";
    struct timespec ts;
    struct tm tm;

    if (out->kind == LOG_OUTPUT_SYSLOG) {
        syslog(syslog_prio[level], "%s: %s", module, msg);
        return;
    }
    if (!log_state.configured) {
        fprintf(stderr, "vireod: %s: %s\n", log_level_names[level], msg);
        return;
    }
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
    fprintf(out->file ? out->file : stderr, "%s.%03ld+0000: %ld: %s : %s: %s\n", stamp,
            ts.tv_nsec / 1000000, (long)getpid(), log_level_names[level], module, msg);
}

void
daemon_log(int level, const char *module, const char *fmt, ...)
{
    LogOutput fallback = { .level = DAEMON_LOG_DEBUG, .kind = LOG_OUTPUT_STDERR };
    char msg[1024];
    va_list ap;

    if (level < DAEMON_LOG_DEBUG || level > DAEMON_LOG_ERROR ||
        (unsigned int)level < log_level_for(module))
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (log_state.noutputs == 0) {
        log_emit(&fallback, level, module, msg);
        return;
    }
    for (size_t i = 0; i < log_state.noutputs; i++) {
        if ((unsigned int)level >= log_state.outputs[i].level)
            log_emit(&log_state.outputs[i], level, module, msg);
    }
}
