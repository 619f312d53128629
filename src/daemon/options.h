/*
 * options.h: vireod's command line, the same options as libvirtd's plus
 * --validate (check the config, print the effective settings, exit).
 */
#ifndef VIREO_DAEMON_OPTIONS_H
#define VIREO_DAEMON_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

typedef enum {
    DAEMON_ACTION_RUN,
    DAEMON_ACTION_HELP,
    DAEMON_ACTION_VERSION,
    DAEMON_ACTION_VALIDATE,
} DaemonAction;

#define DAEMON_TIMEOUT_MAX 1000000 /* seconds, as libvirtd */

typedef struct {
    DaemonAction action;
    bool listen;              /* -l: honour listen_tcp / listen_tls */
    bool verbose;             /* -v: info messages */
    bool daemonize;           /* -d */
    const char *config_file;  /* -f, points into argv; NULL = the default */
    const char *pid_file;     /* -p, points into argv; NULL = the default */
    unsigned int timeout;     /* -t, seconds; 0 = none */
} DaemonOptions;

/* Parses argv. Returns 0 with *ret_opts filled, or -1 with an allocated
 * message in *errmsg (without the "vireod: " prefix). */
int daemon_options_parse(int argc, char **argv, DaemonOptions *ret_opts, char **errmsg);

/* Writes the --help text. */
void daemon_options_usage(FILE *out);

#endif /* VIREO_DAEMON_OPTIONS_H */
