/*
 * qemu_files.c: the driver's files. Every file a client's acknowledgement
 * depends on is written atomically (temp file, fsync, rename, fsync of the
 * directory), so killing the process at any moment leaves either the old
 * or the new file, never a torn one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "drivers/qemu/qemu_private.h"
#include "conf/xml.h"
#include "util/alloc.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

static const char *const qemu_state_names[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed", "pmsuspended",
    NULL,
};
static const char *const qemu_running_reasons[] = {
    "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
    "migration canceled", "save canceled", "wakeup", "crashed", "post-copy", "post-copy failed",
    NULL,
};
static const char *const qemu_paused_reasons[] = {
    "unknown", "user", "migration", "save", "dump", "ioerror", "watchdog", "from snapshot",
    "shutdown", "snapshot", "panicked", "starting up", "post-copy", "post-copy failed", NULL,
};

void
qemu_error_drop(const char *context)
{
    virErrorPtr err = vir_error_current();

    VIREO_DEBUG_LOG("%s: ignored: %s", context, err && err->message ? err->message : "?");
    vir_error_set_full(0, 0, 0, NULL, NULL, NULL, NULL, 0, 0);
}

const char *
qemu_state_name(int state)
{
    return state >= 0 && state < (int)ARRAY_SIZE(qemu_state_names) - 1 ? qemu_state_names[state]
                                                                        : "nostate";
}

int
qemu_state_parse(const char *name)
{
    return name ? conf_enum_index(qemu_state_names, name) : -1;
}

const char *
qemu_reason_name(int state, int reason)
{
    const char *const *t = state == VIR_DOMAIN_PAUSED ? qemu_paused_reasons : qemu_running_reasons;
    size_t n = 0;

    while (t[n])
        n++;
    return reason >= 0 && (size_t)reason < n ? t[reason] : "unknown";
}

int
qemu_reason_parse(int state, const char *name)
{
    int r = name ? conf_enum_index(state == VIR_DOMAIN_PAUSED ? qemu_paused_reasons
                                                              : qemu_running_reasons, name)
                 : -1;
    return r < 0 ? 0 : r;
}

int
qemu_files_mkdirs(const char *path, mode_t mode)
{
    _cleanup_free_ char *copy = xstrdup(path);

    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0755) < 0 && errno != EEXIST)
            goto error;
        *p = '/';
    }
    if (mkdir(copy, mode) < 0 && errno != EEXIST)
        goto error;
    return 0;
error:
    vir_error_report_system(VIR_FROM_QEMU, errno, "cannot create directory '%s'", path);
    return -1;
}

static int
qemu_fsync_dir_of(const char *path)
{
    _cleanup_free_ char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    int fd;

    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    if ((fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return -errno;
    int rc = fsync(fd) < 0 ? -errno : 0;
    close(fd);
    return rc;
}

int
qemu_files_write_atomic(const char *path, const char *data, size_t len, mode_t mode)
{
    _cleanup_free_ char *tmp = xasprintf("%s.new-XXXXXX", path);
    int fd = mkostemp(tmp, O_CLOEXEC);
    size_t done = 0;

    if (fd < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "cannot create file '%s'", tmp);
        return -1;
    }
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            goto error;
        done += (size_t)n;
    }
    if (fchmod(fd, mode) < 0 || fsync(fd) < 0)
        goto error;
    if (close(fd) < 0) {
        fd = -1;
        goto error;
    }
    fd = -1;
    if (rename(tmp, path) < 0)
        goto error;
    if (qemu_fsync_dir_of(path) < 0)
        VIREO_DEBUG_LOG("fsync of the directory of %s failed", path);
    return 0;
error:
    vir_error_report_system(VIR_FROM_QEMU, errno, "cannot write file '%s'", path);
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    return -1;
}

int
qemu_files_remove(const char *path)
{
    if (unlink(path) < 0 && errno != ENOENT) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "cannot remove file '%s'", path);
        return -1;
    }
    qemu_fsync_dir_of(path);
    return 0;
}

static const char qemu_config_header[] =
    "<!--\n"
    "WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n"
    "OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n"
    "  virsh edit %s\n"
    "or other application using the libvirt API.\n"
    "-->\n\n";

int
qemu_files_save_config(QemuDriver *drv, const QemuDef *def)
{
    _cleanup_free_ char *path = xasprintf("%s/%s.xml", drv->config_dir, def->def->name);
    _cleanup_free_ char *xml = qemu_def_format(def, DOMAIN_FORMAT_INACTIVE | DOMAIN_FORMAT_SECURE);
    VireoBuf buf = VIREO_BUF_INIT;
    int rc;

    if (qemu_files_mkdirs(drv->config_dir, 0755) < 0)
        return -1;
    buf_addf(&buf, qemu_config_header, def->def->name);
    buf_add(&buf, xml);
    rc = qemu_files_write_atomic(path, buf_str(&buf), buf.len, 0600);
    buf_reset(&buf);
    return rc;
}

int
qemu_files_delete_config(QemuDriver *drv, const char *name)
{
    _cleanup_free_ char *path = xasprintf("%s/%s.xml", drv->config_dir, name);

    if (qemu_files_set_autostart(drv, name, false) < 0)
        return -1;
    return qemu_files_remove(path);
}

int
qemu_files_set_autostart(QemuDriver *drv, const char *name, bool on)
{
    _cleanup_free_ char *link = xasprintf("%s/%s.xml", drv->autostart_dir, name);
    _cleanup_free_ char *target = xasprintf("%s/%s.xml", drv->config_dir, name);
    _cleanup_free_ char *tmp = xasprintf("%s.new", link);

    if (!on)
        return qemu_files_remove(link);
    if (qemu_files_mkdirs(drv->autostart_dir, 0755) < 0)
        return -1;
    unlink(tmp);
    if (symlink(target, tmp) < 0 || rename(tmp, link) < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "Failed to create symlink '%s' to '%s'",
                                link, target);
        unlink(tmp);
        return -1;
    }
    qemu_fsync_dir_of(link);
    return 0;
}

/* True when file (a d_name) names a definition: "<name>.xml" (temp files
 * end in ".xml.new-XXXXXX" and so never match). */
static bool
qemu_is_xml_name(const char *file)
{
    size_t n = strlen(file);

    return n > 4 && STREQ(file + n - 4, ".xml");
}

void
qemu_files_load_configs(QemuDriver *drv)
{
    DIR *dir = opendir(drv->config_dir);
    struct dirent *ent;

    if (!dir)
        return;
    while ((ent = readdir(dir))) {
        _cleanup_free_ char *path = NULL, *xml = NULL, *link = NULL;
        QemuDef *def;
        xmlDocPtr doc;
        struct stat st;

        if (strstr(ent->d_name, ".xml.new-")) {
            /* a write cut short by a crash: the rename never happened */
            _cleanup_free_ char *tmp = xasprintf("%s/%s", drv->config_dir, ent->d_name);
            unlink(tmp);
            continue;
        }
        if (!qemu_is_xml_name(ent->d_name))
            continue;
        path = xasprintf("%s/%s", drv->config_dir, ent->d_name);
        if (!(doc = conf_xml_parse_file(path, "domain", VIR_FROM_QEMU))) {
            VIREO_DEBUG_LOG("skipping unreadable config %s", path);
            continue;
        }
        def = qemu_def_parse_node(xmlDocGetRootElement(doc), QEMU_PARSE_INACTIVE);
        xmlFreeDoc(doc);
        if (!def)
            continue;
        if (strlen(def->def->name) + 4 != strlen(ent->d_name) ||
            strncmp(def->def->name, ent->d_name, strlen(def->def->name)) != 0 ||
            qemu_domain_find_name(drv, def->def->name)) {
            VIREO_DEBUG_LOG("skipping config %s: name mismatch or duplicate", path);
            qemu_def_free(def);
            continue;
        }
        QemuDomain *dom = qemu_domain_add(drv, def);
        dom->persistent = true;
        link = xasprintf("%s/%s", drv->autostart_dir, ent->d_name);
        dom->autostart = lstat(link, &st) == 0;
    }
    closedir(dir);
}

int
qemu_files_save_status(QemuDriver *drv, QemuDomain *dom)
{
    _cleanup_free_ char *path = NULL, *xml = NULL;
    VireoBuf buf = VIREO_BUF_INIT;
    int rc;

    pthread_mutex_lock(&drv->lock);
    path = xasprintf("%s/%s.xml", drv->state_dir, dom->def->def->name);
    xml = qemu_def_format(dom->def, DOMAIN_FORMAT_SECURE);
    buf_addf(&buf, "<domstatus state='%s' reason='%s' pid='%d' starttime='%llu'>\n",
             qemu_state_name(dom->state), qemu_reason_name(dom->state, dom->reason),
             (int)dom->pid, dom->start_time);
    buf_add(&buf, "  <monitor");
    conf_xml_attr(&buf, "path", dom->mon_path);
    buf_add(&buf, " type='unix'/>\n  <libDir");
    conf_xml_attr(&buf, "path", dom->lib_dir);
    buf_add(&buf, "/>\n");
    /* the files were given to qemu's user: a later stop gives them back,
     * whatever qemu.conf says by then */
    if (dom->dac_labelled)
        buf_add(&buf, "  <dacOwnership relabel='yes'/>\n");
    buf_add(&buf, xml);
    buf_add(&buf, "</domstatus>\n");
    pthread_mutex_unlock(&drv->lock);
    rc = qemu_files_write_atomic(path, buf_str(&buf), buf.len, 0600);
    buf_reset(&buf);
    return rc;
}

void
qemu_files_delete_status(QemuDriver *drv, const char *name)
{
    _cleanup_free_ char *path = xasprintf("%s/%s.xml", drv->state_dir, name);

    if (qemu_files_remove(path) < 0)
        qemu_error_drop(__func__); /* the stop itself succeeded: keep going */
}

void
qemu_status_clear(QemuStatus *st)
{
    qemu_def_free(st->def);
    free(st->mon_path);
    free(st->lib_dir);
    memset(st, 0, sizeof(*st));
}

int
qemu_files_load_status(const char *path, QemuStatus *ret_status)
{
    xmlDocPtr doc = conf_xml_parse_file(path, "domstatus", VIR_FROM_QEMU);
    xmlNodePtr root, domain;
    QemuStatus st = { 0 };
    _cleanup_free_ char *state = NULL, *reason = NULL, *pid = NULL, *start = NULL;
    int rc = -1;

    if (!doc)
        return -1;
    root = xmlDocGetRootElement(doc);
    state = conf_xml_prop(root, "state");
    reason = conf_xml_prop(root, "reason");
    pid = conf_xml_prop(root, "pid");
    start = conf_xml_prop(root, "starttime");
    st.mon_path = conf_xml_prop(conf_xml_child(root, "monitor"), "path");
    st.lib_dir = conf_xml_prop(conf_xml_child(root, "libDir"), "path");
    st.dac_labelled = conf_xml_child(root, "dacOwnership") != NULL;
    domain = conf_xml_child(root, "domain");
    st.state = qemu_state_parse(state);
    st.reason = qemu_reason_parse(st.state, reason);
    if (!pid || !st.mon_path || !domain || st.state < 0 ||
        !(st.def = qemu_def_parse_node(domain, 0))) {
        vir_error_ensure_set(__func__);
        goto out;
    }
    st.pid = (pid_t)strtol(pid, NULL, 10);
    st.start_time = start ? strtoull(start, NULL, 10) : 0;
    if (st.pid <= 1 || st.def->def->id < 0)
        goto out;
    *ret_status = st;
    memset(&st, 0, sizeof(st));
    rc = 0;
out:
    qemu_status_clear(&st);
    xmlFreeDoc(doc);
    return rc;
}
