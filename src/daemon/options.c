/*
 * options.c: getopt_long over a table of vireod's options.
 */
#include "daemon/options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/conf_file.h"
#include "util/alloc.h"
#include "daemon/config.h"

enum { OPT_VALIDATE = 256 };

static const struct option options_long[] = {
    { "help", no_argument, NULL, 'h' },
    { "verbose", no_argument, NULL, 'v' },
    { "daemon", no_argument, NULL, 'd' },
    { "listen", no_argument, NULL, 'l' },
    { "timeout", required_argument, NULL, 't' },
    { "config", required_argument, NULL, 'f' },
    { "version", no_argument, NULL, 'V' },
    { "pid-file", required_argument, NULL, 'p' },
    { "validate", no_argument, NULL, OPT_VALIDATE },
    { NULL, 0, NULL, 0 },
};

void
daemon_options_usage(FILE *out)
{
    fprintf(out,
            "Usage:\n"
            "  vireod [options]\n"
            "\n"
            "Options:\n"
            "  -h | --help            Show this help and exit\n"
            "  -v | --verbose         Print informational messages\n"
            "  -d | --daemon          Detach and run in the background\n"
            "  -l | --listen          Serve tcp as the config's listen_tcp asks\n"
            "  -t | --timeout <secs>  Stop after <secs> without any client\n"
            "  -f | --config <file>   Read settings from <file>\n"
            "  -V | --version         Show the version and exit\n"
            "  -p | --pid-file <file> Write the process id to <file>\n"
            "       --validate        Check the config, print the effective settings, exit\n"
            "\n"
            "Default paths:\n"
            "  Config file: %s as root, else $XDG_CONFIG_HOME/vireo/vireod.conf\n"
            "  Sockets:     UNIX_SOCK_DIR/%s and UNIX_SOCK_DIR/%s, where\n"
            "               unix_sock_dir defaults to /run/libvirt as root, else\n"
            "               $XDG_RUNTIME_DIR/libvirt\n"
            "  PID file:    UNIX_SOCK_DIR/%s\n"
            "\n"
            "Authentication: only \"none\" is supported yet; unset auth_* settings mean\n"
            "\"none\", and \"sasl\" or \"polkit\" stop the daemon with an error.\n"
            "TLS: listen_tls is accepted but not served yet (a warning says so).\n",
            DAEMON_CONFIG_DEFAULT_PATH, DAEMON_SOCK_RW, DAEMON_SOCK_RO, DAEMON_PID_FILE);
}

static int
options_parse_timeout(const char *arg, unsigned int *ret_timeout, char **errmsg)
{
    size_t n = strspn(arg, "0123456789");
    long v = (n > 0 && n <= 7 && arg[n] == '\0') ? strtol(arg, NULL, 10) : -1;

    if (v < 1 || v > DAEMON_TIMEOUT_MAX) {
        *errmsg = xasprintf("invalid timeout '%s' (1 to %d seconds)", arg,
                                     DAEMON_TIMEOUT_MAX);
        return -1;
    }
    *ret_timeout = (unsigned int)v;
    return 0;
}

/* Applies one option to opts; -1 with *errmsg on a bad one. */
static int
options_apply(int c, const char *arg, const char *word, DaemonOptions *opts, char **errmsg)
{
    switch (c) {
    case 'h': opts->action = DAEMON_ACTION_HELP; return 0;
    case 'V': opts->action = DAEMON_ACTION_VERSION; return 0;
    case OPT_VALIDATE: opts->action = DAEMON_ACTION_VALIDATE; return 0;
    case 'v': opts->verbose = true; return 0;
    case 'd': opts->daemonize = true; return 0;
    case 'l': opts->listen = true; return 0;
    case 'f': opts->config_file = arg; return 0;
    case 'p': opts->pid_file = arg; return 0;
    case 't': return options_parse_timeout(arg, &opts->timeout, errmsg);
    case ':':
        *errmsg = xasprintf("option '%s' needs an argument", word);
        return -1;
    default:
        *errmsg = xasprintf("unrecognized option '%s'", word);
        return -1;
    }
}

int
daemon_options_parse(int argc, char **argv, DaemonOptions *ret_opts, char **errmsg)
{
    DaemonOptions opts = { .action = DAEMON_ACTION_RUN };
    int c;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":hvdlt:f:Vp:", options_long, NULL)) != -1) {
        char shortopt[3] = { '-', (char)optopt, '\0' };
        const char *word = (c == '?' || c == ':') && optopt ? shortopt : argv[optind - 1];

        if (options_apply(c, optarg, word, &opts, errmsg) < 0)
            return -1;
    }
    if (optind < argc) {
        *errmsg = xasprintf("unexpected argument '%s'", argv[optind]);
        return -1;
    }
    if (opts.pid_file && !*opts.pid_file) {
        *errmsg = xasprintf("the pid file name must not be empty");
        return -1;
    }
    *ret_opts = opts;
    return 0;
}
