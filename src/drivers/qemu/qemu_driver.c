/*
 * qemu_driver.c: connections, the per-root driver states and the method
 * table of the QEMU driver.
 *
 * URIs: qemu:///system uses libvirt's layout (/etc/libvirt/qemu,
 * /run/libvirt/qemu, /var/lib/libvirt/qemu, /var/log/libvirt/qemu,
 * /var/cache/libvirt/qemu), or the same layout under $VIREO_QEMU_ROOT when
 * that is set (tests, unprivileged runs). qemu:///embed?root=DIR always
 * uses DIR/{etc,run,lib,log,cache}/qemu, like libvirt's embedded mode.
 * A state lives as long as the process: VMs stay watched between client
 * connections, and a restarted process reconnects to them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/qemu/qemu_private.h"
#include "drivers/qemu/qemu_ifaddr.h"
#include "drivers/qemu/qemu_query.h"
#include "drivers/qemu/qemu_seclabel.h"
#include "drivers/qemu/qemu_snapshot.h"
#include "drivers/qemu/qemu_stats.h"
#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver.h"
#include "util/alloc.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

/* The open roots. A slot whose drv is NULL is being opened by one thread
 * (reconnecting VMs, autostarting) with qemu_states_lock released; other
 * openers of that root wait on qemu_states_cond, openers of other roots do
 * not wait at all. */
typedef struct {
    char *root;
    QemuDriver *drv;
} QemuStateSlot;

static pthread_mutex_t qemu_states_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qemu_states_cond = PTHREAD_COND_INITIALIZER;
static QemuStateSlot *qemu_states; /* qemu_states_lock */
static size_t qemu_nstates;

static QemuEventSink qemu_event_sink;  /* set before use */
static void *qemu_event_opaque;
static char *qemu_system_root;          /* set before use; NULL: environment */

void
qemu_driver_set_system_root(const char *root)
{
    free(qemu_system_root);
    qemu_system_root = root ? xstrdup(root) : NULL;
}

void
qemu_driver_set_event_sink(QemuEventSink sink, void *opaque)
{
    qemu_event_opaque = opaque;
    qemu_event_sink = sink;
}

void
qemu_event_emit(QemuDriver *drv, QemuDomain *dom, int event_id, int event, int detail)
{
    _cleanup_free_ char *name = NULL;
    VireoEvent ev = { .kind = VIREO_EVENT_DOMAIN, .event_id = event_id, .event = event,
                      .detail = detail };

    pthread_mutex_lock(&drv->lock);
    name = xstrdup(dom->def->def->name);
    ev.id = dom->id;
    pthread_mutex_unlock(&drv->lock);
    ev.name = name;
    memcpy(ev.uuid, dom->uuid, VIR_UUID_BUFLEN);
    /* The QEMU event ids and numbers are libvirt's, as the hub's are. */
    vireo_event_hub_emit(drv->events, &ev);
    if (qemu_event_sink)
        qemu_event_sink(name, dom->uuid, ev.id, event_id, event, detail, qemu_event_opaque);
}

QemuDriver *
qemu_driver_of(virConnectPtr conn)
{
    return conn->driver_data;
}

static void
qemu_state_set_dirs(QemuDriver *drv, const char *root)
{
    if (!*root) {
        drv->config_dir = xstrdup("/etc/libvirt/qemu");
        drv->state_dir = xstrdup("/run/libvirt/qemu");
        drv->lib_dir = xstrdup("/var/lib/libvirt/qemu");
        drv->log_dir = xstrdup("/var/log/libvirt/qemu");
        drv->cache_dir = xstrdup("/var/cache/libvirt/qemu");
    } else {
        drv->config_dir = xasprintf("%s/etc/qemu", root);
        drv->state_dir = xasprintf("%s/run/qemu", root);
        drv->lib_dir = xasprintf("%s/lib/qemu", root);
        drv->log_dir = xasprintf("%s/log/qemu", root);
        drv->cache_dir = xasprintf("%s/cache/qemu", root);
    }
    drv->autostart_dir = xasprintf("%s/autostart", drv->config_dir);
}

/* Takes driver.pid in the state dir, so that two processes never manage
 * the same VMs. Reports. */
static int
qemu_state_lock_dir(QemuDriver *drv)
{
    _cleanup_free_ char *path = xasprintf("%s/driver.pid", drv->state_dir);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    char pid[32];
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

    if (fd < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "Failed to open pid file '%s'", path);
        return -1;
    }
    if (fcntl(fd, F_SETLK, &fl) < 0) {
        vir_report_error(VIR_ERR_OPERATION_FAILED,
                         "the QEMU state directory '%s' is in use by another process",
                         drv->state_dir);
        close(fd);
        return -1;
    }
    snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
    if (ftruncate(fd, 0) < 0 || write(fd, pid, strlen(pid)) < 0)
        VIREO_DEBUG_LOG("cannot write %s", path);
    drv->lock_fd = fd;
    return 0;
}

static void
qemu_state_reconnect_all(QemuDriver *drv)
{
    DIR *dir = opendir(drv->state_dir);
    struct dirent *ent;

    if (!dir)
        return;
    while ((ent = readdir(dir))) {
        size_t n = strlen(ent->d_name);
        if (n > 4 && STREQ(ent->d_name + n - 4, ".xml")) {
            _cleanup_free_ char *path = xasprintf("%s/%s", drv->state_dir, ent->d_name);
            qemu_process_reconnect(drv, path);
        }
    }
    closedir(dir);
    qemu_error_drop(__func__);
}

/* Starts autostart domains once per host boot (the marker lives in the
 * state dir, which is on a tmpfs for the system layout). */
static void
qemu_state_autostart(QemuDriver *drv)
{
    _cleanup_free_ char *marker = xasprintf("%s/autostarted", drv->state_dir);
    QemuDomain **todo;
    size_t n = 0;
    int fd;

    if (access(marker, F_OK) == 0)
        return;
    pthread_mutex_lock(&drv->lock);
    todo = XNEW_ARRAY(QemuDomain *, drv->ndomains + 1);
    for (size_t i = 0; i < drv->ndomains; i++)
        if (drv->domains[i]->autostart && drv->domains[i]->id < 0)
            todo[n++] = qemu_domain_ref(drv->domains[i]);
    pthread_mutex_unlock(&drv->lock);
    for (size_t i = 0; i < n; i++) {
        pthread_mutex_lock(&todo[i]->job);
        if (todo[i]->id < 0 && qemu_process_start(drv, todo[i], false, VIR_DOMAIN_RUNNING_BOOTED) < 0)
            VIREO_DEBUG_LOG("autostart of a domain failed: %s",
                            vir_error_current() ? vir_error_current()->message : "?");
        pthread_mutex_unlock(&todo[i]->job);
        qemu_domain_unref(todo[i]);
    }
    free(todo);
    if ((fd = open(marker, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) >= 0)
        close(fd);
    qemu_error_drop(__func__);
}

/* Reads qemu.conf next to the config directory (/etc/libvirt/qemu.conf,
 * or ROOT/etc/qemu.conf). Reports "FILE:LINE: KEY: why". */
static int
qemu_state_load_user_conf(QemuDriver *drv)
{
    _cleanup_free_ char *dir = xstrdup(drv->config_dir);
    _cleanup_free_ char *path = NULL, *errmsg = NULL;
    char *slash = strrchr(dir, '/');

    if (slash)
        *slash = '\0';
    path = xasprintf("%s/qemu.conf", dir);
    if (qemu_user_conf_load(path, &drv->user_conf, &errmsg) < 0) {
        vir_report_error(VIR_ERR_CONF_SYNTAX, "%s", errmsg ? errmsg : path);
        return -1;
    }
    return 0;
}

static QemuDriver *
qemu_state_new(const char *root)
{
    QemuDriver *drv = XNEW(QemuDriver);

    pthread_mutex_init(&drv->lock, NULL);
    pthread_mutex_init(&drv->config_lock, NULL);
    pthread_mutex_init(&drv->caps_lock, NULL);
    pthread_cond_init(&drv->cond, NULL);
    drv->root = xstrdup(root);
    drv->events = vireo_event_hub_new();
    drv->lock_fd = -1;
    drv->next_id = 1;
    drv->privileged = geteuid() == 0;
    qemu_state_set_dirs(drv, root);
    qemu_user_conf_clear(&drv->user_conf);
    if (qemu_state_load_user_conf(drv) < 0)
        goto error;
    if (qemu_files_mkdirs(drv->state_dir, 0755) < 0 || qemu_files_mkdirs(drv->lib_dir, 0751) < 0 ||
        qemu_state_lock_dir(drv) < 0)
        goto error;
    pthread_mutex_lock(&drv->lock);
    qemu_files_load_configs(drv);
    pthread_mutex_unlock(&drv->lock);
    if (pthread_create(&drv->worker, NULL, qemu_process_worker, drv) != 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "cannot start the QEMU event worker");
        goto error;
    }
    qemu_state_reconnect_all(drv);
    qemu_state_autostart(drv);
    return drv;
error:
    /* nothing else references drv yet */
    if (drv->lock_fd >= 0)
        close(drv->lock_fd);
    pthread_mutex_lock(&drv->lock);
    while (drv->ndomains > 0)
        qemu_domain_remove(drv, drv->domains[0]);
    pthread_mutex_unlock(&drv->lock);
    free(drv->domains);
    free(drv->root);
    free(drv->config_dir);
    free(drv->autostart_dir);
    free(drv->state_dir);
    free(drv->lib_dir);
    free(drv->log_dir);
    free(drv->cache_dir);
    qemu_user_conf_clear(&drv->user_conf);
    vireo_event_hub_free(drv->events);
    free(drv);
    return NULL;
}

static QemuStateSlot *
qemu_state_slot(const char *root)
{
    for (size_t i = 0; i < qemu_nstates; i++)
        if (STREQ(qemu_states[i].root, root))
            return &qemu_states[i];
    return NULL;
}

/* The state of root, opened on first use unless may_open is false (then a
 * root nobody opened yet is refused). The opening itself - reconnecting to
 * running VMs and starting autostart ones - runs without qemu_states_lock:
 * only openers of the same root wait for it. */
static QemuDriver *
qemu_state_get(const char *root, bool may_open)
{
    QemuStateSlot *slot;
    QemuDriver *drv;

    pthread_mutex_lock(&qemu_states_lock);
    while ((slot = qemu_state_slot(root)) && !slot->drv)
        pthread_cond_wait(&qemu_states_cond, &qemu_states_lock);
    if (slot || !may_open) {
        drv = slot ? slot->drv : NULL;
        pthread_mutex_unlock(&qemu_states_lock);
        if (!drv)
            vir_report_error(VIR_ERR_OPERATION_DENIED,
                             "a read-only connection cannot open the QEMU root '%s'", root);
        return drv;
    }
    qemu_states = xreallocarray(qemu_states, qemu_nstates + 1, sizeof(*qemu_states));
    qemu_states[qemu_nstates++] = (QemuStateSlot){ .root = xstrdup(root) };
    pthread_mutex_unlock(&qemu_states_lock);

    drv = qemu_state_new(root);

    pthread_mutex_lock(&qemu_states_lock);
    slot = qemu_state_slot(root); /* ours: only the opener removes it */
    if (!slot)
        abort();
    if (drv) {
        slot->drv = drv;
    } else {
        /* failed: the next opener tries again */
        free(slot->root);
        *slot = qemu_states[--qemu_nstates];
    }
    pthread_cond_broadcast(&qemu_states_cond);
    pthread_mutex_unlock(&qemu_states_lock);
    return drv;
}

/* Which root a URI names, or NULL (reported). */
static char *
qemu_uri_root(const VireoUri *uri)
{
    const char *env = qemu_system_root ? qemu_system_root : getenv("VIREO_QEMU_ROOT");
    const char *root;

    if (!uri->path || STREQ(uri->path, "/system")) {
        if (env && *env && env[0] != '/') {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "VIREO_QEMU_ROOT '%s' is not absolute",
                             env);
            return NULL;
        }
        return xstrdup(env ? env : "");
    }
    if (STREQ(uri->path, "/embed")) {
        root = vireo_uri_param(uri, "root");
        if (!root || root[0] != '/' || strlen(root) > 64 || strstr(root, "/../")) {
            vir_report_error(VIR_ERR_INVALID_ARG, "%s",
                             "qemu:///embed needs root=DIR, an absolute path of at most 64 characters");
            return NULL;
        }
        return xstrdup(root);
    }
    if (STREQ(uri->path, "/session")) {
        vir_report_error(VIR_ERR_NO_SUPPORT, "%s", "qemu:///session is not supported yet");
        return NULL;
    }
    vir_report_error(VIR_ERR_INTERNAL_ERROR, "unexpected QEMU URI path '%s', try qemu:///system",
                     uri->path);
    return NULL;
}

int
qemu_driver_state_init(void)
{
    VireoUri uri = { .scheme = "qemu", .driver = "qemu", .path = "/system" };
    _cleanup_free_ char *root = qemu_uri_root(&uri);

    return root && qemu_state_get(root, true) ? 0 : -1;
}

static VireoDrvOpenStatus
qemu_connect_open(virConnectPtr conn, const VireoUri *uri, virConnectAuthPtr auth,
                  unsigned int flags)
{
    _cleanup_free_ char *root = NULL;
    QemuDriver *drv;

    (void)auth;
    if (!uri || !uri->driver || STRNEQ(uri->driver, "qemu") || uri->transport || uri->server)
        return VIREO_DRV_OPEN_DECLINED;
    vir_check_flags(flags, VIR_CONNECT_RO, VIREO_DRV_OPEN_ERROR);
    /* an embed root comes from the caller: a read-only connection may join
     * one this process already has open, but never makes it open (create,
     * lock, read configs and status files under) a path of its choosing */
    if (!(root = qemu_uri_root(uri)) ||
        !(drv = qemu_state_get(root, !(flags & VIR_CONNECT_RO) ||
                                         !uri->path || STRNEQ(uri->path, "/embed"))))
        return VIREO_DRV_OPEN_ERROR;
    conn->driver_data = drv;
    return VIREO_DRV_OPEN_SUCCESS;
}

static int
qemu_connect_close(virConnectPtr conn)
{
    QemuDriver *drv = conn->driver_data;

    if (drv)
        vireo_event_hub_remove_conn(drv->events, conn);
    conn->driver_data = NULL;
    return 0;
}

static int
qemu_connect_supports_feature(virConnectPtr conn, int feature)
{
    (void)conn;
    return feature == VIREO_DRV_FEATURE_TYPED_PARAM_STRING ||
           feature == VIREO_DRV_FEATURE_FD_PASSING;
}

static const char *
qemu_connect_get_type(virConnectPtr conn)
{
    (void)conn;
    return "QEMU";
}

static int
qemu_connect_get_version(virConnectPtr conn, unsigned long *hv_ver)
{
    QemuCaps *caps = qemu_caps_get(qemu_driver_of(conn));

    if (!caps)
        return -1;
    *hv_ver = caps->version;
    return 0;
}

static int
qemu_connect_get_lib_version(virConnectPtr conn, unsigned long *lib_ver)
{
    (void)conn;
    *lib_ver = 9000000;
    return 0;
}

static char *
qemu_connect_get_hostname(virConnectPtr conn)
{
    char name[256];
    struct addrinfo hints = { .ai_flags = AI_CANONNAME, .ai_family = AF_UNSPEC };
    struct addrinfo *info = NULL;
    char *ret;

    (void)conn;
    if (gethostname(name, sizeof(name)) < 0) {
        vir_error_report_system(VIR_FROM_NONE, errno, "%s", "failed to determine host name");
        return NULL;
    }
    name[sizeof(name) - 1] = '\0';
    if (strncmp(name, "localhost", 9) == 0 || strchr(name, '.') ||
        getaddrinfo(name, NULL, &hints, &info) != 0)
        return xstrdup(name);
    ret = xstrdup(info->ai_canonname && strncmp(info->ai_canonname, "localhost", 9) != 0
                      ? info->ai_canonname : name);
    freeaddrinfo(info);
    return ret;
}

static char *
qemu_connect_get_uri(virConnectPtr conn)
{
    return xstrdup(conn->uri);
}

static char *
qemu_connect_get_capabilities(virConnectPtr conn)
{
    return qemu_caps_format(qemu_driver_of(conn));
}

static int
qemu_connect_get_max_vcpus(virConnectPtr conn, const char *type)
{
    (void)conn;
    if (type && STRCASEEQ(type, "kvm"))
        return 255;
    return 255;
}

static int
qemu_connect_is_one(virConnectPtr conn)
{
    (void)conn;
    return 1;
}

static int
qemu_connect_is_zero(virConnectPtr conn)
{
    (void)conn;
    return 0;
}

/* A /proc/meminfo field in KiB, 0 when absent. */
static unsigned long long
qemu_meminfo(const char *key)
{
    FILE *f = fopen("/proc/meminfo", "re");
    char line[256];
    unsigned long long v = 0;
    size_t n = strlen(key);

    if (!f)
        return 0;
    while (fgets(line, sizeof(line), f))
        if (strncmp(line, key, n) == 0 && line[n] == ':') {
            v = strtoull(line + n + 1, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

static int
qemu_node_get_info(virConnectPtr conn, virNodeInfoPtr info)
{
    FILE *f = fopen("/proc/cpuinfo", "re");
    char line[256];
    long ncpus = sysconf(_SC_NPROCESSORS_ONLN);

    (void)conn;
    memset(info, 0, sizeof(*info));
    snprintf(info->model, sizeof(info->model), "x86_64");
    info->memory = qemu_meminfo("MemTotal");
    info->cpus = (unsigned int)(ncpus > 0 ? ncpus : 1);
    info->nodes = 1;
    info->sockets = 1;
    info->cores = info->cpus;
    info->threads = 1;
    while (f && fgets(line, sizeof(line), f))
        if (strncmp(line, "cpu MHz", 7) == 0 && strchr(line, ':')) {
            info->mhz = (unsigned int)strtod(strchr(line, ':') + 1, NULL);
            break;
        }
    if (f)
        fclose(f);
    return 0;
}

static unsigned long long
qemu_node_get_free_memory(virConnectPtr conn)
{
    (void)conn;
    return qemu_meminfo("MemFree") * 1024ULL;
}

static int
qemu_connect_event_register(virConnectPtr conn, const VireoEventFilter *filter,
                            VireoEventFunc fn, void *opaque, virFreeCallback free_fn)
{
    return vireo_event_hub_add(qemu_driver_of(conn)->events, conn, filter, fn, opaque,
                               free_fn);
}

static int
qemu_connect_event_deregister(virConnectPtr conn, int callback_id)
{
    return vireo_event_hub_remove(qemu_driver_of(conn)->events, conn, callback_id);
}

static int
qemu_domain_block_stats_method(virDomainPtr dom, const char *disk,
                               virDomainBlockStatsPtr stats)
{
    QemuBlockStats qs;

    if (qemu_domain_block_stats(dom, disk, &qs) < 0)
        return -1;
    stats->rd_req = qs.rd_req;
    stats->rd_bytes = qs.rd_bytes;
    stats->wr_req = qs.wr_req;
    stats->wr_bytes = qs.wr_bytes;
    stats->errs = qs.errs;
    return 0;
}

#if __has_include("drivers/stream.h")
#include "drivers/stream.h"
#define QEMU_HAVE_STREAMS 1

/* qemu writes the screen to a file in the domain's private directory; the
 * stream reads it from an open descriptor, so the name is unlinked at once
 * and a later screenshot cannot change what this one sends. */
static char *
qemu_domain_screenshot_method(virDomainPtr dom, virStreamPtr st, unsigned int screen,
                              unsigned int flags)
{
    _cleanup_free_ char *path = NULL;
    int rc;

    vir_check_flags(flags, 0, NULL);
    if (qemu_domain_screenshot(dom, screen, &path) < 0)
        return NULL;
    rc = vireo_stream_open_file(st, path, false, 0, 0, 0);
    unlink(path);
    return rc < 0 ? NULL : xstrdup("image/x-portable-pixmap");
}

/* The console relays the serial pty qemu opened for the domain; the
 * stream layer keeps it to one session per pty (FORCE takes it over). */
static int
qemu_domain_open_console_method(virDomainPtr dom, const char *dev_name, virStreamPtr st,
                                unsigned int flags)
{
    _cleanup_free_ char *path = NULL;

    vir_check_flags(flags, VIR_DOMAIN_CONSOLE_SAFE | VIR_DOMAIN_CONSOLE_FORCE, -1);
    if (qemu_domain_console_path(dom, dev_name, &path) < 0)
        return -1;
    int rc = vireo_stream_open_console(st, path, flags & VIR_DOMAIN_CONSOLE_FORCE);

    if (rc == -2)
        vir_report_error(VIR_ERR_OPERATION_FAILED, "%s",
                         "Active console session exists for this domain");
    return rc < 0 ? -1 : 0;
}
#endif

const VireoDriver vireo_qemu_driver = {
    .name = "QEMU",
    .connect_open = qemu_connect_open,
    .connect_close = qemu_connect_close,
    .connect_supports_feature = qemu_connect_supports_feature,
    .connect_get_type = qemu_connect_get_type,
    .connect_get_version = qemu_connect_get_version,
    .connect_get_lib_version = qemu_connect_get_lib_version,
    .connect_get_hostname = qemu_connect_get_hostname,
    .connect_get_uri = qemu_connect_get_uri,
    .connect_get_capabilities = qemu_connect_get_capabilities,
    .connect_get_max_vcpus = qemu_connect_get_max_vcpus,
    .connect_is_alive = qemu_connect_is_one,
    .connect_is_secure = qemu_connect_is_one,
    .connect_is_encrypted = qemu_connect_is_zero,

    .node_get_info = qemu_node_get_info,
    .node_get_free_memory = qemu_node_get_free_memory,
    .node_get_security_model = qemu_seclabel_node_model,

    .connect_num_of_domains = qemu_connect_num_of_domains,
    .connect_list_domains = qemu_connect_list_domains,
    .connect_num_of_defined_domains = qemu_connect_num_of_defined_domains,
    .connect_list_defined_domains = qemu_connect_list_defined_domains,
    .connect_list_all_domains = qemu_connect_list_all_domains,
    .domain_lookup_by_id = qemu_domain_lookup_by_id,
    .domain_lookup_by_name = qemu_domain_lookup_by_name,
    .domain_lookup_by_uuid = qemu_domain_lookup_by_uuid,
    .domain_get_info = qemu_domain_get_info,
    .domain_get_state = qemu_domain_get_state,
    .domain_get_os_type = qemu_domain_get_os_type,
    .domain_get_xml_desc = qemu_domain_get_xml_desc,
    .domain_get_max_memory = qemu_domain_get_max_memory,
    .domain_get_max_vcpus = qemu_domain_get_max_vcpus,
    .domain_get_vcpus_flags = qemu_domain_get_vcpus_flags,
    .domain_is_active = qemu_domain_is_active,
    .domain_is_persistent = qemu_domain_is_persistent,
    .domain_is_updated = qemu_domain_is_updated,
    .domain_get_autostart = qemu_domain_get_autostart,
    .domain_set_autostart = qemu_domain_set_autostart,
    .domain_get_security_label = qemu_seclabel_domain_label,
    .domain_get_security_label_list = qemu_seclabel_domain_label_list,
    .domain_has_managed_save_image = qemu_domain_has_managed_save_image,
    .domain_snapshot_num = qemu_domain_snapshot_num,
    .domain_snapshot_list_names = qemu_domain_snapshot_list_names,
    .domain_list_all_snapshots = qemu_domain_list_all_snapshots,
    .domain_snapshot_lookup_by_name = qemu_domain_snapshot_lookup_by_name,
    .domain_has_current_snapshot = qemu_domain_has_current_snapshot,
    .domain_snapshot_current = qemu_domain_snapshot_current,
    .domain_define_xml_flags = qemu_domain_define_xml_flags,
    .domain_undefine_flags = qemu_domain_undefine_flags,
    .domain_create_xml = qemu_domain_create_xml,
    .domain_create_with_flags = qemu_domain_create_with_flags,
    .domain_destroy_flags = qemu_domain_destroy_flags,
    .domain_shutdown_flags = qemu_domain_shutdown_flags,
    .domain_reboot = qemu_domain_reboot,
    .domain_suspend = qemu_domain_suspend,
    .domain_resume = qemu_domain_resume,
    .domain_set_max_memory = qemu_domain_set_max_memory,
    .domain_set_memory_flags = qemu_domain_set_memory_flags,
    .domain_reset = qemu_domain_reset,
    .domain_block_stats = qemu_domain_block_stats_method,
    .connect_get_domain_capabilities = qemu_connect_domain_capabilities,
    .connect_get_all_domain_stats = qemu_connect_get_all_domain_stats,
    .domain_interface_addresses = qemu_domain_interface_addresses,
    /* read-side monitoring queries (qemu_query.h) */
    .domain_memory_stats = qemu_domain_memory_stats,
    .domain_set_memory_stats_period = qemu_domain_set_memory_stats_period,
    .domain_get_block_info = qemu_domain_get_block_info,
    .domain_get_control_info = qemu_domain_get_control_info,
    .domain_get_emulator_pin_info = qemu_domain_get_emulator_pin_info,
    .domain_get_disk_errors = qemu_domain_get_disk_errors,
    .domain_get_hostname = qemu_domain_get_hostname,
    .domain_get_time = qemu_domain_get_time,
    .domain_get_metadata = qemu_domain_get_metadata,
    .domain_set_metadata = qemu_domain_set_metadata,
    .domain_get_vcpus = qemu_domain_get_vcpus,
    .domain_get_vcpu_pin_info = qemu_domain_get_vcpu_pin_info,
    .domain_get_scheduler_type = qemu_domain_get_scheduler_type,
    .domain_get_scheduler_parameters = qemu_domain_get_scheduler_parameters,
    .domain_get_scheduler_parameters_flags = qemu_domain_get_scheduler_parameters_flags,
    .domain_get_memory_parameters = qemu_domain_get_memory_parameters,
    .domain_get_blkio_parameters = qemu_domain_get_blkio_parameters,
    .domain_get_job_info = qemu_domain_get_job_info,
    .domain_get_job_stats = qemu_domain_get_job_stats,
    .node_get_cpu_map = qemu_node_get_cpu_map,
#ifdef QEMU_HAVE_STREAMS
    .domain_screenshot = qemu_domain_screenshot_method,
    .domain_open_console = qemu_domain_open_console_method,
#endif
    .connect_event_register = qemu_connect_event_register,
    .connect_event_deregister = qemu_connect_event_deregister,
};
