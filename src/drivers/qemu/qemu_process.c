/*
 * qemu_process.c: running qemu: start (paused, then cont), stop (SIGTERM,
 * SIGKILL after a bound), reconnect after a restart, and the monitor
 * events that change a domain's state.
 *
 * qemu is our child (started in its own session so signals to the daemon
 * do not reach it) and is watched through a pidfd, which becomes readable
 * the moment it exits, so a stop costs milliseconds rather than the
 * seconds a kill(pid, 0) poll pays when an orphan's reaper is slow.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <time.h>
#include <unistd.h>

#include "drivers/qemu/qemu_private.h"
#include "drivers/qemu/qemu_driver.h"
#include "drivers/qemu/qemu_query.h"
#include "drivers/qemu/qemu_security.h"
#include "util/alloc.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

#define QEMU_STOP_TERM_MS 3000   /* SIGTERM grace before SIGKILL */
#define QEMU_START_MONITOR_MS 15000
#define QEMU_MONITOR_FD 3        /* the monitor socket's number in qemu */
/* How long after a reset's first RESET the firmware's own resets still
 * belong to it (see process_on_reset). */
#define QEMU_RESET_EPISODE_MS 1500
/* A qemu that is still alive after a vireod restart answers its monitor at
 * once unless the host is overloaded; giving up means stopping it as crashed,
 * so the bound is generous. A dead monitor fails at connect, not here. */
#define QEMU_RECONNECT_MONITOR_MS 5000

typedef struct {
    QemuDriver *drv;
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned int gen;
} QemuMonCtx;

static int
pidfd_open_compat(pid_t pid)
{
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

/* Field 22 of /proc/PID/stat: when the process started (clock ticks after
 * boot). 0 when the process does not exist. */
static unsigned long long
process_start_time(pid_t pid)
{
    _cleanup_free_ char *path = xasprintf("/proc/%d/stat", (int)pid);
    char buf[1024];
    unsigned long long v = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;
    char *p;

    if (fd < 0)
        return 0;
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    if (!(p = strrchr(buf, ')')) || p[1] != ' ' || p[2] == 'Z' || p[2] == 'X')
        return 0; /* a zombie has exited: it counts as gone */
    /* after ") " come fields 3..; starttime is field 22 */
    for (int field = 3; field <= 22 && p; field++)
        p = strchr(p + 1, ' ');
    if (p)
        v = strtoull(p + 1, NULL, 10);
    return v;
}

unsigned long long
qemu_process_cpu_time(pid_t pid)
{
    _cleanup_free_ char *path = xasprintf("/proc/%d/stat", (int)pid);
    char buf[1024];
    unsigned long long ut = 0, st = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;
    char *p;

    if (fd < 0)
        return 0;
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    if (!(p = strrchr(buf, ')')))
        return 0;
    for (int field = 3; field <= 14 && p; field++)
        p = strchr(p + 1, ' ');
    if (!p || sscanf(p + 1, "%llu %llu", &ut, &st) != 2)
        return 0;
    return (ut + st) * (1000000000ULL / (unsigned long long)sysconf(_SC_CLK_TCK));
}

/* ---- monitor callbacks (reader thread): queue for the worker ---- */

static unsigned long long
process_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000ULL + (unsigned long long)ts.tv_nsec / 1000000ULL;
}

static void
process_queue(QemuDriver *drv, const QemuMonCtx *ctx, const char *event, bool guest)
{
    QemuEvent *ev = XNEW(QemuEvent);

    memcpy(ev->uuid, ctx->uuid, sizeof(ev->uuid));
    ev->gen = ctx->gen;
    ev->event = xstrdup(event);
    ev->guest = guest;
    ev->when_ms = process_now_ms();
    pthread_mutex_lock(&drv->lock);
    drv->queue = xreallocarray(drv->queue, drv->nqueue + 1, sizeof(*drv->queue));
    drv->queue[drv->nqueue++] = ev;
    pthread_cond_signal(&drv->cond);
    pthread_mutex_unlock(&drv->lock);
}

static void
process_mon_event(void *opaque, const char *name, const QemuJson *data)
{
    QemuMonCtx *ctx = opaque;
    bool guest = false;

    if (STRNEQ(name, "SHUTDOWN") && STRNEQ(name, "STOP") && STRNEQ(name, "RESUME") &&
        STRNEQ(name, "RESET"))
        return;
    qemu_json_get_bool(data, "guest", &guest);
    process_queue(ctx->drv, ctx, name, guest);
}

static void
process_mon_eof(void *opaque)
{
    QemuMonCtx *ctx = opaque;

    process_queue(ctx->drv, ctx, NULL, false);
}

static const QemuMonitorCallbacks process_mon_cb = {
    .event = process_mon_event,
    .eof = process_mon_eof,
};

static int
process_attach_monitor(QemuDriver *drv, QemuDomain *dom, int timeout_ms)
{
    QemuMonCtx *ctx = XNEW(QemuMonCtx);

    ctx->drv = drv;
    memcpy(ctx->uuid, dom->uuid, sizeof(ctx->uuid));
    pthread_mutex_lock(&drv->lock);
    ctx->gen = dom->gen;
    pthread_mutex_unlock(&drv->lock);
    if (!(dom->mon = qemu_monitor_open(dom->mon_path, timeout_ms, &process_mon_cb, ctx))) {
        free(ctx);
        return -1;
    }
    dom->mon_ctx = ctx;
    return 0;
}

/* ---- stop ---- */

/* Waits up to ms for the pidfd to report the exit. True when it did. */
static bool
process_wait_exit(QemuDomain *dom, int ms)
{
    struct pollfd pfd = { .fd = dom->pidfd, .events = POLLIN };

    if (dom->pidfd < 0)
        return kill(dom->pid, 0) < 0;
    for (;;) {
        int rc = poll(&pfd, 1, ms);
        if (rc < 0 && errno == EINTR)
            continue;
        return rc > 0;
    }
}

/* True when pid runs emulator: checked before signalling a process we did
 * not fork ourselves, so a stale or forged status file can never make us
 * kill something else. */
static bool
process_runs(pid_t pid, const char *emulator)
{
    _cleanup_free_ char *path = xasprintf("/proc/%d/cmdline", (int)pid);
    char argv0[4096];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n;

    if (fd < 0)
        return false;
    n = read(fd, argv0, sizeof(argv0) - 1);
    close(fd);
    if (n <= 0)
        return false;
    argv0[n] = '\0'; /* argv[0] ends at the first NUL */
    return emulator && STREQ(argv0, emulator);
}

static void
process_kill(QemuDomain *dom)
{
    if (dom->pid <= 0)
        return;
    if ((dom->start_time && process_start_time(dom->pid) != dom->start_time) ||
        (!dom->is_child && !process_runs(dom->pid, dom->def->def->emulator))) {
        /* gone already, or the pid now names someone else: do not signal */
    } else {
        kill(dom->pid, SIGTERM);
        if (!process_wait_exit(dom, QEMU_STOP_TERM_MS)) {
            kill(dom->pid, SIGKILL);
            process_wait_exit(dom, QEMU_STOP_TERM_MS);
        }
    }
    if (dom->is_child)
        waitpid(dom->pid, NULL, 0);
}

static void
process_remove_lib_dir(QemuDomain *dom)
{
    if (dom->mon_path)
        unlink(dom->mon_path);
    if (dom->lib_dir)
        rmdir(dom->lib_dir);
}

void
qemu_process_stop(QemuDriver *drv, QemuDomain *dom, int reason)
{
    _cleanup_free_ char *name = NULL;

    VIREO_DEBUG_LOG("stopping pid %d, reason %d", (int)dom->pid, reason);
    pthread_mutex_lock(&drv->lock);
    dom->gen++;
    pthread_mutex_unlock(&drv->lock);
    if (dom->mon) {
        /* the reader is told to stop before qemu goes, so its EOF is silent */
        qemu_monitor_close(dom->mon);
        dom->mon = NULL;
    }
    free(TAKE_PTR(dom->mon_ctx));
    process_kill(dom);
    if (dom->pidfd >= 0)
        close(dom->pidfd);
    dom->pidfd = -1;
    qemu_security_restore(drv, dom); /* qemu is gone: its files go back */
    process_remove_lib_dir(dom);

    pthread_mutex_lock(&drv->lock);
    name = xstrdup(dom->def->def->name);
    dom->pid = 0;
    dom->start_time = 0;
    dom->is_child = false;
    dom->fake_reboot = dom->shutdown_seen = dom->reboot_resuming = false;
    dom->state = VIR_DOMAIN_SHUTOFF;
    dom->reason = reason;
    dom->id = -1;
    if (dom->new_def) {
        qemu_def_free(dom->def);
        dom->def = TAKE_PTR(dom->new_def);
    }
    dom->def->def->id = -1;
    if (!dom->persistent && !dom->removed)
        qemu_domain_remove(drv, dom);
    pthread_mutex_unlock(&drv->lock);
    free(TAKE_PTR(dom->lib_dir));
    free(TAKE_PTR(dom->mon_path));
    qemu_files_delete_status(drv, name);
    if (reason == VIR_DOMAIN_SHUTOFF_SHUTDOWN || reason == VIR_DOMAIN_SHUTOFF_DESTROYED ||
        reason == VIR_DOMAIN_SHUTOFF_CRASHED)
        qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_STOPPED,
                        reason == VIR_DOMAIN_SHUTOFF_SHUTDOWN    ? QEMU_DETAIL_STOPPED_SHUTDOWN
                        : reason == VIR_DOMAIN_SHUTOFF_DESTROYED ? QEMU_DETAIL_STOPPED_DESTROYED
                                                                 : QEMU_DETAIL_STOPPED_FAILED);
}

/* ---- start ---- */

static int
process_listen_monitor(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "monitor socket path '%s' too long", path);
        return -1;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);
    unlink(path);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
        bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(fd, 1) < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "cannot listen on monitor socket '%s'",
                                path);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/* The first free VNC port from 5900 on the listen address. */
static int
process_vnc_port(const char *listen_addr)
{
    for (int port = 5900; port < 65536; port++) {
        struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1, ok;

        if (fd < 0)
            return -1;
        if (inet_pton(AF_INET, listen_addr, &sin.sin_addr) != 1)
            sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        ok = bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == 0;
        close(fd);
        if (ok)
            return port;
    }
    return -1;
}

static int
process_open_log(QemuDriver *drv, const char *name, char **argv)
{
    _cleanup_free_ char *path = xasprintf("%s/%s.log", drv->log_dir, name);
    VireoBuf line = VIREO_BUF_INIT;
    time_t now = time(NULL);
    char stamp[64];
    int fd;

    if (qemu_files_mkdirs(drv->log_dir, 0755) < 0)
        return -1;
    if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "failed to create logfile %s", path);
        return -1;
    }
    strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", gmtime(&now));
    buf_addf(&line, "%s: starting up vireo\nLC_ALL=C", stamp);
    for (size_t i = 0; argv[i]; i++)
        buf_addf(&line, " %s", argv[i]);
    buf_add(&line, "\n");
    if (write(fd, buf_str(&line), line.len) < 0)
        VIREO_DEBUG_LOG("cannot write to %s", path);
    buf_reset(&line);
    return fd;
}

/* The last line qemu wrote to its log: the usual reason a start failed. */
static char *
process_log_tail(QemuDriver *drv, const char *name)
{
    _cleanup_free_ char *path = xasprintf("%s/%s.log", drv->log_dir, name);
    char buf[2048];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    off_t size;
    ssize_t n;
    char *start;

    if (fd < 0)
        return xstrdup("");
    size = lseek(fd, 0, SEEK_END);
    lseek(fd, size > (off_t)sizeof(buf) - 1 ? size - (off_t)sizeof(buf) + 1 : 0, SEEK_SET);
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    start = strrchr(buf, '\n');
    return xstrdup(start ? start + 1 : buf);
}

static pid_t
process_fork(char **argv, const char *lib_dir, int mon_fd, int log_fd, const QemuUserConf *user)
{
    static const char drop_failed[] = "vireo: cannot switch to qemu's user and group\n";
    _cleanup_free_ char *home = xasprintf("HOME=%s", lib_dir);
    _cleanup_free_ char *xdg_data = xasprintf("XDG_DATA_HOME=%s/.local/share", lib_dir);
    _cleanup_free_ char *xdg_cache = xasprintf("XDG_CACHE_HOME=%s/.cache", lib_dir);
    _cleanup_free_ char *xdg_config = xasprintf("XDG_CONFIG_HOME=%s/.config", lib_dir);
    char *envp[] = { "LC_ALL=C", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                     home, xdg_data, xdg_cache, xdg_config, NULL };
    pid_t pid = fork();

    if (pid < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "%s", "cannot fork qemu");
        return -1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        sigset_t all;
        /* own session: a Ctrl-C or SIGTERM for the daemon must not reach VMs */
        setsid();
        sigemptyset(&all);
        sigprocmask(SIG_SETMASK, &all, NULL);
        for (int s = 1; s < NSIG; s++)
            signal(s, SIG_DFL);
        if (mon_fd != QEMU_MONITOR_FD) {
            if (log_fd == QEMU_MONITOR_FD)
                log_fd = dup(log_fd);
            dup2(mon_fd, QEMU_MONITOR_FD);
        } else {
            fcntl(mon_fd, F_SETFD, 0);
        }
        dup2(null, 0);
        dup2(log_fd, 1);
        dup2(log_fd, 2);
        close_range(QEMU_MONITOR_FD + 1, ~0U, 0);
        if (chdir(lib_dir) < 0)
            _exit(126);
        /* qemu.conf's user and group, with that user's groups only: never
         * the daemon's root groups (the list was built before the fork) */
        if (qemu_security_child_drop(user) < 0) {
            ssize_t ignored = write(2, drop_failed, sizeof(drop_failed) - 1);
            (void)ignored;
            _exit(125);
        }
        execve(argv[0], argv, envp);
        _exit(127);
    }
    return pid;
}

/* Learns the pty of every serial port from query-chardev. */
static int
process_read_ptys(QemuDriver *drv, QemuDomain *dom)
{
    QemuJson *ret = NULL;

    if (qemu_monitor_command(dom->mon, "query-chardev", NULL, 0, &ret) < 0)
        return -1;
    pthread_mutex_lock(&drv->lock);
    for (size_t i = 0; ret->type == QEMU_JSON_ARRAY && i < ret->n; i++) {
        const char *label = qemu_json_get_string(ret->items[i], "label");
        const char *file = qemu_json_get_string(ret->items[i], "filename");
        unsigned int idx;
        char extra;
        if (!label || !file || strncmp(file, "pty:", 4) != 0 ||
            sscanf(label, "charserial%u%c", &idx, &extra) != 1 ||
            idx >= dom->def->def->nserials)
            continue;
        free(dom->def->def->serials[idx]->source_path);
        dom->def->def->serials[idx]->source_path = xstrdup(file + 4);
        /* a serial-type console is the same device as serial 0 */
        for (size_t c = 0; idx == 0 && c < dom->def->def->nconsoles; c++) {
            DomainChr *con = dom->def->def->consoles[c];
            if (con->target_type && STREQ(con->target_type, "serial") && !con->mirrors_serial) {
                free(con->source_path);
                con->source_path = xstrdup(file + 4);
            }
        }
    }
    pthread_mutex_unlock(&drv->lock);
    qemu_json_free(ret);
    return 0;
}

/* The QMP part of a start, after the monitor is up. */
static int
process_start_qmp(QemuDriver *drv, QemuDomain *dom, bool paused, int reason)
{
    const DomainDef *def = dom->def->def;

    if (process_read_ptys(drv, dom) < 0)
        return -1;
    if (STREQ(def->on_reboot, "destroy") &&
        qemu_monitor_command(dom->mon, "set-action", "{\"reboot\":\"shutdown\"}", 0, NULL) < 0)
        return -1;
    if (def->memballoon_model && STREQ(def->memballoon_model, "virtio") &&
        def->cur_memory_kib < def->memory_kib) {
        _cleanup_free_ char *args = xasprintf("{\"value\":%llu}", def->cur_memory_kib * 1024);
        if (qemu_monitor_command(dom->mon, "balloon", args, 0, NULL) < 0)
            return -1;
    }
    qemu_memstats_start_period(drv, dom);
    pthread_mutex_lock(&drv->lock);
    dom->state = VIR_DOMAIN_PAUSED;
    dom->reason = paused ? VIR_DOMAIN_PAUSED_USER : VIR_DOMAIN_PAUSED_STARTING_UP;
    pthread_mutex_unlock(&drv->lock);
    if (!paused) {
        if (qemu_monitor_command(dom->mon, "cont", NULL, 0, NULL) < 0)
            return -1;
        dom->own_resumes++;
        pthread_mutex_lock(&drv->lock);
        dom->state = VIR_DOMAIN_RUNNING;
        dom->reason = reason;
        pthread_mutex_unlock(&drv->lock);
    }
    if (qemu_files_save_status(drv, dom) < 0)
        return -1;
    /* libvirtd's order: the resume is reported before the start */
    if (!paused)
        qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_RESUMED,
                        QEMU_DETAIL_RESUMED_UNPAUSED);
    qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_STARTED,
                    QEMU_DETAIL_STARTED_BOOTED);
    if (paused)
        qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_SUSPENDED,
                        QEMU_DETAIL_SUSPENDED_PAUSED);
    return 0;
}

/* Prepares the live definition and the per-run directory. */
static int
process_prepare(QemuDriver *drv, QemuDomain *dom)
{
    DomainDef *def;
    char short_name[21];

    pthread_mutex_lock(&drv->lock);
    /* the live definition starts as a copy of the persistent one, unless
     * createXML already put a different one in place */
    if (dom->persistent && !dom->new_def) {
        dom->new_def = dom->def;
        dom->def = qemu_def_copy(dom->new_def);
    }
    def = dom->def->def;
    dom->id = def->id = drv->next_id++;
    dom->gen++;
    dom->own_stops = dom->own_resumes = 0;
    snprintf(short_name, sizeof(short_name), "%s", def->name);
    dom->lib_dir = xasprintf("%s/domain-%d-%s", drv->lib_dir, dom->id, short_name);
    dom->mon_path = xasprintf("%s/monitor.sock", dom->lib_dir);
    pthread_mutex_unlock(&drv->lock);
    for (size_t i = 0; i < def->ngraphics; i++) {
        if (def->graphics[i]->autoport || def->graphics[i]->port <= 0) {
            int port = process_vnc_port(def->graphics[i]->listen);
            if (port < 0) {
                vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "Unable to find an unused port");
                return -1;
            }
            def->graphics[i]->port = port;
        }
    }
    return qemu_files_mkdirs(dom->lib_dir, 0750);
}

/* Undoes a failed start: the domain is shut off again (failed). */
static void
process_start_failed(QemuDriver *drv, QemuDomain *dom)
{
    virErrorPtr cur = vir_error_current();
    virError saved = { 0 };

    if (cur)
        vir_error_copy(cur, &saved);
    qemu_process_stop(drv, dom, VIR_DOMAIN_SHUTOFF_FAILED);
    if (saved.code)
        vir_error_set_full(saved.code, saved.domain, saved.level, saved.message, saved.str1,
                           saved.str2, saved.str3, saved.int1, saved.int2);
    virResetError(&saved);
}

int
qemu_process_start(QemuDriver *drv, QemuDomain *dom, bool paused, int reason)
{
    _cleanup_strv_free_ char **argv = NULL;
    int mon_fd = -1, log_fd = -1;
    QemuBuildCtx ctx = { .monitor_fd = QEMU_MONITOR_FD };

    if (process_prepare(drv, dom) < 0)
        goto error;
    ctx.lib_dir = dom->lib_dir;
    if (qemu_build_argv(dom->def, &ctx, &argv) < 0 ||
        (mon_fd = process_listen_monitor(dom->mon_path)) < 0 ||
        (log_fd = process_open_log(drv, dom->def->def->name, argv)) < 0 ||
        qemu_security_prepare(drv, dom) < 0)
        goto error;
    /* the run's credentials: qemu.conf's, or a static <seclabel>'s */
    if ((dom->pid = process_fork(argv, dom->lib_dir, mon_fd, log_fd,
                                 dom->run_user ? dom->run_user : &drv->user_conf)) < 0)
        goto error;
    dom->is_child = true;
    dom->pidfd = pidfd_open_compat(dom->pid);
    close(TAKE_FD(mon_fd));
    close(TAKE_FD(log_fd));
    if (process_attach_monitor(drv, dom, QEMU_START_MONITOR_MS) < 0) {
        _cleanup_free_ char *tail = process_log_tail(drv, dom->def->def->name);
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "process exited while connecting to monitor: %s",
                         tail);
        goto error;
    }
    dom->start_time = process_start_time(dom->pid);
    if (process_start_qmp(drv, dom, paused, reason) < 0)
        goto error;
    return 0;
error:
    if (mon_fd >= 0)
        close(mon_fd);
    if (log_fd >= 0)
        close(log_fd);
    process_start_failed(drv, dom);
    return -1;
}

/* ---- reconnect ---- */

/* query-status → state and reason, as libvirt maps them. */
static void
process_sync_status(QemuDriver *drv, QemuDomain *dom)
{
    QemuJson *ret = NULL;
    const char *status;
    bool running = false;

    if (qemu_monitor_command(dom->mon, "query-status", NULL, 0, &ret) < 0) {
        qemu_error_drop(__func__);
        return;
    }
    qemu_json_get_bool(ret, "running", &running);
    status = qemu_json_get_string(ret, "status");
    pthread_mutex_lock(&drv->lock);
    if (running) {
        if (dom->state != VIR_DOMAIN_RUNNING) {
            dom->state = VIR_DOMAIN_RUNNING;
            dom->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
        }
    } else if (status && STREQ(status, "shutdown")) {
        dom->state = VIR_DOMAIN_SHUTDOWN;
        dom->reason = VIR_DOMAIN_SHUTDOWN_UNKNOWN;
        dom->shutdown_seen = true;
    } else if (dom->state != VIR_DOMAIN_PAUSED) {
        dom->state = VIR_DOMAIN_PAUSED;
        dom->reason = VIR_DOMAIN_PAUSED_UNKNOWN;
    }
    pthread_mutex_unlock(&drv->lock);
    qemu_json_free(ret);
}

void
qemu_process_reconnect(QemuDriver *drv, const char *status_path)
{
    QemuStatus st;
    QemuDomain *dom;
    bool alive;

    if (qemu_files_load_status(status_path, &st) < 0) {
        VIREO_DEBUG_LOG("ignoring unreadable status file %s", status_path);
        unlink(status_path);
        return;
    }
    int id = st.def->def->id;

    pthread_mutex_lock(&drv->lock);
    if (id >= drv->next_id)
        drv->next_id = id + 1;
    if ((dom = qemu_domain_find_uuid(drv, st.def->def->uuid))) {
        dom->new_def = dom->def; /* the persistent config loaded earlier */
        dom->def = TAKE_PTR(st.def);
    } else {
        dom = qemu_domain_ref(qemu_domain_add(drv, TAKE_PTR(st.def)));
    }
    dom->id = dom->def->def->id = id;
    dom->state = st.state;
    dom->reason = st.reason;
    dom->gen++;
    pthread_mutex_unlock(&drv->lock);

    pthread_mutex_lock(&dom->job);
    dom->pid = st.pid;
    dom->start_time = st.start_time;
    dom->mon_path = TAKE_PTR(st.mon_path);
    dom->lib_dir = TAKE_PTR(st.lib_dir);
    dom->dac_labelled = st.dac_labelled;
    alive = st.start_time && process_start_time(st.pid) == st.start_time;
    if (alive)
        dom->pidfd = pidfd_open_compat(st.pid);
    if (!alive || process_attach_monitor(drv, dom, QEMU_RECONNECT_MONITOR_MS) < 0) {
        /* qemu died while we were away: libvirt calls that a crash */
        VIREO_DEBUG_LOG("domain %s: qemu gone, shutting off (crashed)", dom->def->def->name);
        if (!alive)
            dom->start_time = 0, dom->pid = 0;
        qemu_process_stop(drv, dom, VIR_DOMAIN_SHUTOFF_CRASHED);
    } else {
        process_sync_status(drv, dom);
        if (dom->shutdown_seen ||
            (dom->state == VIR_DOMAIN_PAUSED && dom->reason == VIR_DOMAIN_PAUSED_STARTING_UP)) {
            /* the guest had powered off, or we died in the middle of its start */
            qemu_process_stop(drv, dom, dom->shutdown_seen ? VIR_DOMAIN_SHUTOFF_SHUTDOWN
                                                           : VIR_DOMAIN_SHUTOFF_FAILED);
        } else {
            if (process_read_ptys(drv, dom) < 0)
                qemu_error_drop(__func__);
            if (qemu_files_save_status(drv, dom) < 0)
                qemu_error_drop(__func__);
        }
    }
    pthread_mutex_unlock(&dom->job);
    qemu_status_clear(&st);
    qemu_domain_unref(dom);
}

/* ---- events ---- */

static void
process_on_shutdown(QemuDriver *drv, QemuDomain *dom, bool guest)
{
    bool restart;

    pthread_mutex_lock(&drv->lock);
    restart = guest && STREQ(dom->def->def->on_poweroff, "restart");
    pthread_mutex_unlock(&drv->lock);
    if (dom->fake_reboot || restart) {
        /* libvirt's fake reboot (or on_poweroff=restart): the guest powered
         * off, so reset and resume it */
        dom->fake_reboot = false;
        dom->reboot_resuming = true;
        if (qemu_monitor_command(dom->mon, "system_reset", NULL, 0, NULL) < 0 ||
            qemu_monitor_command(dom->mon, "cont", NULL, 0, NULL) < 0)
            qemu_error_drop(__func__);
        pthread_mutex_lock(&drv->lock);
        dom->state = VIR_DOMAIN_RUNNING;
        dom->reason = VIR_DOMAIN_RUNNING_BOOTED;
        pthread_mutex_unlock(&drv->lock);
        if (qemu_files_save_status(drv, dom) < 0)
            qemu_error_drop(__func__);
        return;
    }
    pthread_mutex_lock(&drv->lock);
    dom->shutdown_seen = true;
    dom->state = VIR_DOMAIN_SHUTDOWN;
    dom->reason = VIR_DOMAIN_SHUTDOWN_USER;
    pthread_mutex_unlock(&drv->lock);
    qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_SHUTDOWN,
                    guest ? QEMU_DETAIL_SHUTDOWN_GUEST : QEMU_DETAIL_SHUTDOWN_HOST);
    /* -no-shutdown keeps qemu alive; on_poweroff=destroy ends it now */
    qemu_process_stop(drv, dom, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
}

/* A RESET from qemu. libvirtd turns every RESET into one reboot event and
 * reports two per reset (QEMU.md 1.3): the reset itself (ours, a host
 * one, or the guest's) and the one SeaBIOS asks for when it finds itself
 * warm-started. But SeaBIOS asks for that one with a PCI reset followed by
 * a triple fault, and under TCG the fault often lands before qemu served
 * the first request, so qemu 7.2 sends 2 to 5 RESETs per reset here at
 * random. The reset's first RESET and the firmware's first one are
 * reported; the firmware's repeats within QEMU_RESET_EPISODE_MS are not,
 * so a client sees libvirtd's two lines every time. A host reset always
 * starts a new reset. */
static void
process_on_reset(QemuDriver *drv, QemuDomain *dom, const QemuEvent *ev)
{
    bool report = true;

    pthread_mutex_lock(&drv->lock);
    if (dom->state == VIR_DOMAIN_PAUSED && dom->reason == VIR_DOMAIN_PAUSED_STARTING_UP) {
        /* as libvirtd: resets while a start is in progress are not news */
        pthread_mutex_unlock(&drv->lock);
        return;
    }
    pthread_mutex_unlock(&drv->lock);
    if (ev->guest && dom->reset_started_ms && dom->reset_gen == ev->gen &&
        ev->when_ms - dom->reset_started_ms < QEMU_RESET_EPISODE_MS) {
        report = dom->reset_count == 1; /* the firmware's; later ones repeat it */
        dom->reset_count++;
    } else {
        dom->reset_started_ms = ev->when_ms ? ev->when_ms : 1;
        dom->reset_count = 1;
        dom->reset_gen = ev->gen; /* a reset never spans two runs of qemu */
    }
    VIREO_DEBUG_LOG("RESET %u of this reset (guest %d)%s", dom->reset_count, (int)ev->guest,
                    report ? "" : ": a repeat, not reported");
    /* a reset cancels a reboot still waiting for the guest's power-off,
     * as in libvirtd */
    dom->fake_reboot = false;
    if (report)
        qemu_event_emit(drv, dom, QEMU_EVENT_ID_REBOOT, 0, 0);
}

void
qemu_process_handle_event(QemuDriver *drv, QemuDomain *dom, const QemuEvent *ev)
{
    bool active;

    pthread_mutex_lock(&drv->lock);
    active = ev->gen == dom->gen && dom->pid > 0;
    pthread_mutex_unlock(&drv->lock);
    if (!active)
        return;
    VIREO_DEBUG_LOG("domain event %s", ev->event ? ev->event : "EOF");
    if (!ev->event) {
        qemu_process_stop(drv, dom, dom->shutdown_seen ? VIR_DOMAIN_SHUTOFF_SHUTDOWN
                                                       : VIR_DOMAIN_SHUTOFF_CRASHED);
        return;
    }
    if (STREQ(ev->event, "SHUTDOWN")) {
        process_on_shutdown(drv, dom, ev->guest);
        return;
    }
    if (STREQ(ev->event, "RESET")) {
        process_on_reset(drv, dom, ev);
        return;
    }
    if (dom->reboot_resuming) {
        /* the guest's power-off STOP and our cont's RESUME: no state change */
        if (STREQ(ev->event, "RESUME"))
            dom->reboot_resuming = false;
        return;
    }
    /* our own stop/cont: the state was set when the command returned */
    if (STREQ(ev->event, "STOP") && dom->own_stops > 0) {
        dom->own_stops--;
        return;
    }
    if (STREQ(ev->event, "RESUME") && dom->own_resumes > 0) {
        dom->own_resumes--;
        return;
    }
    pthread_mutex_lock(&drv->lock);
    if (STREQ(ev->event, "STOP") && dom->state == VIR_DOMAIN_RUNNING && !dom->fake_reboot &&
        !dom->shutdown_seen) {
        dom->state = VIR_DOMAIN_PAUSED;
        dom->reason = VIR_DOMAIN_PAUSED_USER;
    } else if (STREQ(ev->event, "RESUME") && dom->state == VIR_DOMAIN_PAUSED &&
               dom->reason != VIR_DOMAIN_PAUSED_STARTING_UP) {
        dom->state = VIR_DOMAIN_RUNNING;
        dom->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    } else {
        pthread_mutex_unlock(&drv->lock);
        return;
    }
    pthread_mutex_unlock(&drv->lock);
    if (qemu_files_save_status(drv, dom) < 0)
        qemu_error_drop(__func__);
    if (STREQ(ev->event, "STOP"))
        qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_SUSPENDED,
                        QEMU_DETAIL_SUSPENDED_PAUSED);
    else
        qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_RESUMED,
                        QEMU_DETAIL_RESUMED_UNPAUSED);
}

void *
qemu_process_worker(void *opaque)
{
    QemuDriver *drv = opaque;

    pthread_mutex_lock(&drv->lock);
    for (;;) {
        QemuEvent *ev;
        QemuDomain *dom;

        while (drv->nqueue == 0)
            pthread_cond_wait(&drv->cond, &drv->lock);
        ev = drv->queue[0];
        memmove(drv->queue, drv->queue + 1, (drv->nqueue - 1) * sizeof(*drv->queue));
        drv->nqueue--;
        dom = qemu_domain_find_uuid(drv, ev->uuid);
        pthread_mutex_unlock(&drv->lock);
        if (dom) {
            pthread_mutex_lock(&dom->job);
            qemu_process_handle_event(drv, dom, ev);
            pthread_mutex_unlock(&dom->job);
            qemu_domain_unref(dom);
        }
        free(ev->event);
        free(ev);
        pthread_mutex_lock(&drv->lock);
    }
    return NULL;
}
