/*
 * main.c: vireod's start-up and shutdown.
 *
 * Order matters: the config is read and checked before anything else, so
 * a bad file fails fast and on the terminal even with -d; then the process
 * detaches; then the driver is registered, the pid file locked (it guards
 * the sockets, which the engine would otherwise replace), the server built
 * and its sockets opened; only then does -d's parent return. Every start-up
 * failure is one line "vireod: ..." on stderr and exit status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vireo-config.h"
#include "daemon/config.h"
#include "daemon/detach.h"
#include "daemon/listen.h"
#include "daemon/log.h"
#include "daemon/options.h"
#include "daemon/pidfile.h"
#include "daemon/signals.h"
#include "daemon/tls.h"
#include "drivers/driver.h"
#ifdef VIREOD_WITH_QEMU
#include "drivers/qemu/qemu_driver.h"
#endif
#include "remote/remote_server.h"
#include "rpc/server.h"
#include "util/alloc.h"
#include "util/error.h"

/* Everything start-up builds, torn down in reverse by daemon_state_clear. */
typedef struct {
    DaemonOptions opts;
    DaemonConfig *cfg;
    gid_t sock_gid;
    int notify_fd;          /* -d: pipe to the waiting parent, else -1 */
    DaemonPidFile *pidfile;
    RpcServer *srv;
} DaemonState;

static int
daemon_fail(char *msg)
{
    fprintf(stderr, "vireod: %s\n", msg);
    free(msg);
    return -1;
}

static char *
daemon_home_path(const char *env, const char *fallback)
{
    const char *v = getenv(env);
    const char *home = getenv("HOME");

    if (v && *v == '/')
        return xstrdup(v);
    return xasprintf("%s/%s", home && *home ? home : "/", fallback);
}

/* -f FILE must exist; the default file may be missing. Returns 0, or -1
 * with an allocated message in *errmsg. */
static int
daemon_load_config_quiet(DaemonState *st, char **ret_errmsg)
{
    bool privileged = geteuid() == 0;
    char *path = NULL, *runtime, *errmsg = NULL;
    int rc;

    st->cfg = daemon_config_new();
    if (st->opts.config_file) {
        rc = daemon_config_load_file(st->cfg, st->opts.config_file, false, &errmsg);
    } else {
        char *confdir = privileged ? NULL : daemon_home_path("XDG_CONFIG_HOME", ".config");

        path = privileged ? xstrdup(DAEMON_CONFIG_DEFAULT_PATH)
                          : xasprintf("%s/vireo/vireod.conf", confdir);
        free(confdir);
        rc = daemon_config_load_file(st->cfg, path, true, &errmsg);
    }
    free(path);
    if (rc >= 0) {
        runtime = daemon_home_path("XDG_RUNTIME_DIR", ".cache");
        rc = daemon_config_resolve(st->cfg, privileged, runtime, &errmsg);
        free(runtime);
    }
    if (rc < 0 || daemon_listen_group(st->cfg, &st->sock_gid, &errmsg) < 0) {
        *ret_errmsg = errmsg;
        return -1;
    }
    return 0;
}

static int
daemon_load_config(DaemonState *st)
{
    char *errmsg = NULL;

    if (daemon_load_config_quiet(st, &errmsg) < 0)
        return daemon_fail(errmsg);
    return 0;
}

/* -p, or unix_sock_dir/vireod.pid: next to the sockets it protects, so
 * daemons with different socket directories never share a pid file. An
 * absolute path, as -d changes directory to "/". */
static char *
daemon_pid_path(const DaemonState *st)
{
    char cwd[4096];

    if (!st->opts.pid_file)
        return xasprintf("%s/%s", st->cfg->unix_sock_dir, DAEMON_PID_FILE);
    if (st->opts.pid_file[0] == '/' || !getcwd(cwd, sizeof(cwd)))
        return xstrdup(st->opts.pid_file);
    return xasprintf("%s/%s", cwd, st->opts.pid_file);
}

/* mkdir -p with mode 0755 for the directories it creates. */
static int
daemon_make_dir(const char *dir)
{
    char *copy = xstrdup(dir);
    int rc = 0;

    for (char *p = copy + 1; rc == 0; p++) {
        bool last = *p == '\0';

        if (*p != '/' && !last)
            continue;
        *p = '\0';
        if (mkdir(copy, 0755) < 0 && errno != EEXIST)
            rc = -1;
        if (last)
            break;
        *p = '/';
    }
    free(copy);
    return rc;
}

static RpcServerConfig
daemon_server_config(const DaemonConfig *cfg)
{
    RpcServerConfig rc = {
        .max_clients = cfg->max_clients,
        .max_anonymous_clients = cfg->max_anonymous_clients,
        .max_client_requests = cfg->max_client_requests,
        .min_workers = cfg->min_workers,
        .max_workers = cfg->max_workers,
        .prio_workers = cfg->prio_workers,
        .keepalive_interval = cfg->keepalive_interval > 0 ? cfg->keepalive_interval : -1,
        .keepalive_count = cfg->keepalive_count,
        .loop_poll_us = cfg->loop_poll_us,
    };

    return rc;
}

static int
daemon_server_error(const char *what)
{
    virErrorPtr err = vir_error_current();

    return daemon_fail(xasprintf("%s: %s", what, err && err->message ? err->message
                                                                     : "unknown error"));
}

/* SIGHUP: the config file is read again and new TLS credentials and allow
 * lists are built from it; only when that all works are they swapped in,
 * for connections accepted from then on. Anything wrong keeps the old set
 * and says why in the log. */
static void
daemon_reload(void *opaque)
{
    DaemonState *st = opaque;
    DaemonState fresh = { .opts = st->opts };
    RpcTlsContext *ctx;
    char *errmsg = NULL;

    daemon_log(DAEMON_LOG_INFO, "daemon", "%s", "reloading on SIGHUP");
    if (daemon_load_config_quiet(&fresh, &errmsg) < 0) {
        daemon_log(DAEMON_LOG_ERROR, "daemon", "reload failed, keeping the old settings: %s",
                   errmsg);
        free(errmsg);
        daemon_config_free(fresh.cfg);
        return;
    }
    if (st->opts.listen && st->cfg->listen_tls) {
        if (!(ctx = daemon_tls_context_new(fresh.cfg, &errmsg))) {
            daemon_log(DAEMON_LOG_ERROR, "daemon",
                       "reload failed, keeping the old TLS credentials: %s", errmsg);
            free(errmsg);
            daemon_config_free(fresh.cfg);
            return;
        }
        rpc_server_set_tls_context(st->srv, ctx);
        rpc_tls_context_unref(ctx);
        daemon_log(DAEMON_LOG_INFO, "daemon", "%s",
                   "reloaded TLS certificates, CRL and allow lists");
    }
    daemon_config_free(fresh.cfg);
}

/* The QEMU driver after the test driver (unless qemu_driver = 0). Its state is opened here (VMs
 * reconnected, autostart run) only when the config asks for it: either a
 * private root (qemu_root) or qemu_init_at_start for libvirt's layout;
 * otherwise the first qemu:///system connection opens it, so a daemon that
 * only serves test:/// never touches the QEMU directories. */
static int
daemon_qemu_start(const DaemonState *st)
{
#ifdef VIREOD_WITH_QEMU
    const virError *err;

    if (!st->cfg->qemu_driver)
        return 0;
    if (st->cfg->qemu_root)
        qemu_driver_set_system_root(st->cfg->qemu_root);
    vireo_driver_register(&vireo_qemu_driver);
    if (!st->cfg->qemu_root && !st->cfg->qemu_init_at_start)
        return 0;
    if (qemu_driver_state_init() < 0) {
        err = virGetLastError();
        return daemon_fail(xasprintf("cannot start the QEMU driver: %s",
                                     err && err->message ? err->message : "unknown error"));
    }
    return 0;
#else
    if (st->cfg->qemu_driver && (st->cfg->qemu_root || st->cfg->qemu_init_at_start))
        return daemon_fail(xstrdup("this vireod was built without the QEMU driver"));
    return 0;
#endif
}

/* From the registered driver to listening sockets. */
static int
daemon_start(DaemonState *st, const char *pid_path)
{
    RpcServerConfig scfg = daemon_server_config(st->cfg);
    char *errmsg = NULL;

    /* Before anything could open a connection: the daemon serves its own
     * drivers and must never reach the remote driver itself. */
    vireo_driver_register(&vireo_test_driver);
    if (daemon_make_dir(st->cfg->unix_sock_dir) < 0)
        return daemon_fail(xasprintf("cannot create directory '%s': %s",
                                     st->cfg->unix_sock_dir, strerror(errno)));
    if (daemon_pidfile_acquire(pid_path, &st->pidfile, &errmsg) < 0)
        return daemon_fail(errmsg);
    if (daemon_qemu_start(st) < 0)
        return -1;
    st->srv = rpc_server_new(&scfg);
    if (!st->srv)
        return daemon_server_error("cannot create the server");
    daemon_tls_log_init();
    daemon_signals_set_reload(daemon_reload, st);
    if (daemon_signals_start(st->srv) < 0)
        return daemon_fail(xasprintf("cannot start the signal thread: %s", strerror(errno)));
    rpc_server_add_program(st->srv, remote_server_program());
    if (daemon_listen_all(st->srv, st->cfg, st->opts.listen, st->sock_gid, &errmsg) < 0)
        return daemon_fail(errmsg);
    return 0;
}

static int
daemon_log_init(const DaemonState *st)
{
    unsigned int level = st->cfg->log_level;
    char *errmsg = NULL;

    if (st->opts.verbose && level > DAEMON_LOG_INFO)
        level = DAEMON_LOG_INFO;
    if (daemon_log_setup(level, st->cfg->log_outputs, st->cfg->log_filters,
                         st->opts.daemonize, &errmsg) < 0)
        return daemon_fail(errmsg);
    return 0;
}

static void
daemon_state_clear(DaemonState *st)
{
    daemon_signals_stop();
    rpc_server_free(st->srv);
    daemon_pidfile_release(st->pidfile);
    daemon_config_free(st->cfg);
    daemon_log_close();
}

static int
daemon_run(DaemonState *st)
{
    char *pid_path = daemon_pid_path(st);
    char *errmsg = NULL;
    int rc = -1;

    if (st->opts.daemonize && daemon_detach(&st->notify_fd, &errmsg) < 0) {
        free(pid_path);
        return daemon_fail(errmsg);
    }
    if (daemon_log_init(st) == 0 && daemon_start(st, pid_path) == 0) {
        daemon_log(DAEMON_LOG_INFO, "daemon", "vireod %s ready (pid %ld)", VIREO_VERSION,
                   (long)getpid());
        if (st->notify_fd >= 0)
            daemon_detach_ready(st->notify_fd);
        rc = rpc_server_run(st->srv, st->opts.timeout) < 0 ? -1 : 0;
        daemon_log(DAEMON_LOG_INFO, "daemon", "%s",
                   daemon_signals_stop_requested() ? "stopping on a signal" : "stopping");
    }
    free(pid_path);
    return rc;
}

/* --validate: the settings in the file grammar, preceded by comments
 * naming the paths they lead to, so the output is itself a config file. */
static int
daemon_validate(DaemonState *st)
{
    const char *file = st->opts.config_file ? st->opts.config_file : "the default config";
    char *pid_path = daemon_pid_path(st);

    printf("# vireod %s: %s is valid; effective settings:\n", VIREO_VERSION, file);
    printf("# sockets: %s/%s (read-write), %s/%s (read-only)\n", st->cfg->unix_sock_dir,
           DAEMON_SOCK_RW, st->cfg->unix_sock_dir, DAEMON_SOCK_RO);
    printf("# pid file: %s\n", pid_path);
    daemon_config_format(st->cfg, stdout);
    free(pid_path);
    return 0;
}

int
main(int argc, char **argv)
{
    DaemonState st = { .notify_fd = -1 };
    char *errmsg = NULL;
    int rc;

    daemon_signals_init();
    if (daemon_options_parse(argc, argv, &st.opts, &errmsg) < 0) {
        daemon_fail(errmsg);
        fprintf(stderr, "Try 'vireod --help' for more information.\n");
        return 1;
    }
    if (st.opts.action == DAEMON_ACTION_HELP) {
        daemon_options_usage(stdout);
        return 0;
    }
    if (st.opts.action == DAEMON_ACTION_VERSION) {
        printf("vireod (Vireo) %s\n", VIREO_VERSION);
        return 0;
    }
    if (daemon_load_config(&st) < 0) {
        daemon_config_free(st.cfg);
        return 1;
    }
    if (st.opts.action == DAEMON_ACTION_VALIDATE)
        rc = daemon_validate(&st);
    else
        rc = daemon_run(&st);
    daemon_state_clear(&st);
    return rc < 0 ? 1 : 0;
}
