/*
 * main.c: vireo's entry point: program options, then either the command
 * given on the command line or an interactive readline session.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "shell.h"
#include "../doctor/doctor.h"
#include "../pki/pki.h"

#define SHELL_PROMPT_RW "vireo # "
#define SHELL_PROMPT_RO "vireo > "
#define SHELL_VERSION_STR "9.0.0" /* the libvirt release whose virsh we mirror */

typedef enum { MAIN_CONTINUE, MAIN_EXIT_OK, MAIN_EXIT_FAIL } MainStatus;

static void
shell_show_version(void)
{
    printf("Vireo command line tool, compatible with virsh of libvirt %s\n", SHELL_VERSION_STR);
    printf("See web site at %s\n\n", "https://libvirt.org/");
    printf("Compiled with support for:\n");
    printf(" Hypervisors: Test\n");
    printf(" Networking: Remote\n");
    printf(" Storage:\n");
    printf(" Miscellaneous: Readline\n");
}

static const struct option long_options[] = {
    { "connect", required_argument, NULL, 'c' },
    { "help", no_argument, NULL, 'h' },
    { "quiet", no_argument, NULL, 'q' },
    { "readonly", no_argument, NULL, 'r' },
    { "timing", no_argument, NULL, 't' },
    { "version", optional_argument, NULL, 'v' },
    { NULL, 0, NULL, 0 },
};

static MainStatus
shell_option_missing_arg(Shell *sh)
{
    size_t i;

    for (i = 0; long_options[i].name; i++) {
        if (long_options[i].val == optopt)
            break;
    }
    if (long_options[i].name)
        shell_error(sh, "option '-%c'/'--%s' requires an argument", optopt, long_options[i].name);
    else
        shell_error(sh, "option '-%c' requires an argument", optopt);
    return MAIN_EXIT_FAIL;
}

/* Applies one program option. */
static MainStatus
shell_option_apply(Shell *sh, int opt, char **argv)
{
    switch (opt) {
    case 'c':
        free(sh->uri);
        if (!(sh->uri = strdup(optarg)))
            abort();
        sh->connect_given = true;
        return MAIN_CONTINUE;
    case 'h':
        shell_usage(sh->progname);
        return MAIN_EXIT_OK;
    case 'q':
        sh->quiet = true;
        return MAIN_CONTINUE;
    case 'r':
        sh->readonly = true;
        return MAIN_CONTINUE;
    case 't':
        sh->timing = true;
        return MAIN_CONTINUE;
    case 'v':
        if (!optarg || strcmp(optarg, "long") != 0) {
            puts(SHELL_VERSION_STR);
            return MAIN_EXIT_OK;
        }
        /* fall through */
    case 'V':
        shell_show_version();
        return MAIN_EXIT_OK;
    case ':':
        return shell_option_missing_arg(sh);
    case '?':
        if (optopt)
            shell_error(sh, "unsupported option '-%c'. See --help.", optopt);
        else
            shell_error(sh, "unsupported option '%s'. See --help.", argv[optind - 1]);
        return MAIN_EXIT_FAIL;
    default:
        shell_error(sh, "unknown option");
        return MAIN_EXIT_FAIL;
    }
}

/* Reads the program options, then parses the command if one was given
 * (otherwise the session is interactive). */
static MainStatus
shell_parse_args(Shell *sh, int argc, char **argv, ShellCmd **ret_cmds)
{
    int opt;
    bool ok;

    *ret_cmds = NULL;
    while ((opt = getopt_long(argc, argv, "+:c:hqrtvV", long_options, NULL)) != -1) {
        MainStatus st = shell_option_apply(sh, opt, argv);

        if (st != MAIN_CONTINUE)
            return st;
    }
    if (optind == argc) {
        sh->interactive = true;
        return MAIN_CONTINUE;
    }
    /* virsh rejects an empty command string outright (but runs nothing,
     * successfully, for one made of blanks). */
    if (argc - optind == 1 && !*argv[optind])
        return MAIN_EXIT_FAIL;
    if (argc - optind == 1)
        *ret_cmds = shell_parse_string(sh, argv[optind], &ok);
    else
        *ret_cmds = shell_parse_argv(sh, argc - optind, argv + optind, &ok);
    return ok ? MAIN_CONTINUE : MAIN_EXIT_FAIL;
}

/* Where interactive history lives: $XDG_CACHE_HOME/vireo/history. */
static char *
shell_history_path(bool create_dir)
{
    const char *cache = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    char *dir = NULL, *path = NULL;

    if (cache && *cache) {
        if (asprintf(&dir, "%s/vireo", cache) < 0)
            abort();
    } else if (home && *home) {
        if (asprintf(&dir, "%s/.cache/vireo", home) < 0)
            abort();
    } else {
        return NULL;
    }
    if (create_dir) {
        char *slash = strrchr(dir, '/');

        *slash = '\0';
        (void)mkdir(dir, 0755);
        *slash = '/';
        (void)mkdir(dir, 0755);
    }
    if (asprintf(&path, "%s/history", dir) < 0)
        abort();
    free(dir);
    return path;
}

static void
shell_interactive(Shell *sh)
{
    char *path = shell_history_path(false);
    char *line = NULL;

    rl_readline_name = "vireo";
    shell_completion_install(sh);
    stifle_history(500);
    if (path)
        read_history(path);
    if (!sh->quiet) {
        shell_print(sh, "Welcome to %s, the virtualization interactive terminal.\n\n",
                    sh->progname);
        shell_print(sh, "%s", "Type:  'help' for help with commands\n"
                              "       'quit' to quit\n\n");
    }
    while (sh->interactive) {
        ShellCmd *cmds;
        bool ok;

        if (!(line = readline(sh->readonly ? SHELL_PROMPT_RO : SHELL_PROMPT_RW)))
            break;
        if (*line) {
            add_history(line);
            if ((cmds = shell_parse_string(sh, line, &ok)) && ok)
                shell_run(sh, cmds);
            shell_cmd_free(cmds);
        }
        free(line);
        line = NULL;
    }
    /* virsh ends every session with a line break, also after "quit". */
    fputc('\n', stdout);
    free(path);
    if ((path = shell_history_path(true)))
        write_history(path);
    free(path);
}

int
main(int argc, char **argv)
{
    Shell sh = { 0 };
    ShellCmd *cmds = NULL;
    const char *env;
    bool ret = true;
    MainStatus st;

    sh.progname = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    setlocale(LC_ALL, "");
    if (virInitialize() < 0) {
        shell_error(&sh, "%s", "Failed to initialize libvirt");
        return EXIT_FAILURE;
    }
    /* The TLS tools have subcommands of their own, not virsh's grammar. */
    if (argc >= 2 && strcmp(argv[1], "pki") == 0)
        return vireo_pki_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "doctor") == 0)
        return vireo_doctor_main(argc - 1, argv + 1);
    st = shell_parse_args(&sh, argc, argv, &cmds);
    if (st != MAIN_CONTINUE) {
        free(sh.uri);
        return st == MAIN_EXIT_OK ? EXIT_SUCCESS : EXIT_FAILURE;
    }
    shell_error_install(&sh);
    if (sh.connect_given && shell_connect(&sh, NULL, false) < 0) {
        shell_error_report(&sh);
        shell_cmd_free(cmds);
        free(sh.uri);
        return EXIT_FAILURE;
    }
    if (!sh.uri && ((env = getenv("VIREO_DEFAULT_CONNECT_URI")) ||
                    (env = getenv("VIRSH_DEFAULT_CONNECT_URI"))) && !(sh.uri = strdup(env)))
        abort();
    if (sh.interactive)
        shell_interactive(&sh);
    else
        ret = shell_run(&sh, cmds);
    shell_cmd_free(cmds);
    shell_disconnect(&sh);
    shell_error_reset(&sh);
    free(sh.uri);
    return ret ? EXIT_SUCCESS : EXIT_FAILURE;
}
