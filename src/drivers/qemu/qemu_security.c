/*
 * qemu_security.c: qemu's credentials and the ownership of what it opens.
 * See qemu_security.h for the model; the remembered-owner attributes use
 * libvirt's names and value formats so the two daemons agree on a file.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "drivers/qemu/qemu_seclabel.h"
#include "drivers/qemu/qemu_security.h"
#include "util/alloc.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

#define SEC_XATTR_LABEL "trusted.libvirt.security.dac"
#define SEC_XATTR_REF "trusted.libvirt.security.ref_dac"
#define SEC_XATTR_STAMP "trusted.libvirt.security.timestamp_dac"
#define SEC_CHECK_TIMEOUT_MS 10000 /* the access-check child: NFS may be slow */

typedef enum {
    SEC_FILE_READ,     /* qemu only reads it: chowned only when unreadable */
    SEC_FILE_WRITE,    /* qemu writes it: always given to the user */
    SEC_FILE_LOG,      /* as WRITE, created first when missing */
} QemuSecFileKind;

typedef struct {
    char *path;
    QemuSecFileKind kind;
    bool labelled;     /* chowned (and remembered) by this prepare */
} QemuSecFile;

typedef struct {
    QemuSecFile *files;
    size_t n;
} QemuSecList;

static void
sec_list_add(QemuSecList *list, const char *path, QemuSecFileKind kind)
{
    if (!path || !*path)
        return;
    for (size_t i = 0; i < list->n; i++) {
        if (STREQ(list->files[i].path, path)) {
            if (kind > list->files[i].kind)
                list->files[i].kind = kind; /* the strongest need wins */
            return;
        }
    }
    list->files = xreallocarray(list->files, list->n + 1, sizeof(*list->files));
    list->files[list->n++] = (QemuSecFile){ .path = xstrdup(path), .kind = kind };
}

static void
sec_list_clear(QemuSecList *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->files[i].path);
    free(list->files);
    list->files = NULL;
    list->n = 0;
}

/* Every file the definition makes qemu open by name. Caller holds
 * drv->lock (the definition's fields). */
static void
sec_collect(const QemuDef *qdef, QemuSecList *list)
{
    const DomainDef *def = qdef->def;

    for (size_t i = 0; i < def->ndisks; i++) {
        const DomainDisk *d = def->disks[i];
        bool ro = d->readonly || (d->device && STREQ(d->device, "cdrom"));
        if (d->type && (STREQ(d->type, "file") || STREQ(d->type, "block")))
            sec_list_add(list, d->source, ro ? SEC_FILE_READ : SEC_FILE_WRITE);
    }
    sec_list_add(list, def->os_kernel, SEC_FILE_READ);
    sec_list_add(list, def->os_initrd, SEC_FILE_READ);
    sec_list_add(list, def->os_dtb, SEC_FILE_READ);
    sec_list_add(list, qdef->serial_log, SEC_FILE_LOG);
}

/* ---- remembered owners (libvirt's xattrs) ---- */

/* /proc/stat's btime: labels written before the last boot are stale. */
static unsigned long long
sec_boot_time(void)
{
    FILE *f = fopen("/proc/stat", "re");
    char line[256];
    unsigned long long v = 0;

    while (f && fgets(line, sizeof(line), f))
        if (sscanf(line, "btime %llu", &v) == 1)
            break;
    if (f)
        fclose(f);
    return v;
}

/* An attribute's value as a string; -errno when absent or unreadable. */
static int
sec_xattr_get(const char *path, const char *name, char *buf, size_t size)
{
    ssize_t n = getxattr(path, name, buf, size - 1);

    if (n < 0)
        return -errno;
    buf[n] = '\0';
    return 0;
}

static void
sec_xattr_forget(const char *path)
{
    removexattr(path, SEC_XATTR_LABEL);
    removexattr(path, SEC_XATTR_REF);
    removexattr(path, SEC_XATTR_STAMP);
}

/* The reference count on path, 0 when there is none or it dates from an
 * earlier boot (then the attributes are dropped, as libvirt does).
 * -ENOTSUP/-ENOSYS when the file system has no such attributes. */
static int
sec_ref_get(const char *path, unsigned long long boot)
{
    char ref[32], stamp[32];
    unsigned long v;
    char *end;
    int rc = sec_xattr_get(path, SEC_XATTR_REF, ref, sizeof(ref));

    if (rc == -ENODATA)
        return 0;
    if (rc < 0)
        return rc;
    errno = 0;
    v = strtoul(ref, &end, 10);
    if (errno || *end || v == 0 || v > 1000000 ||
        sec_xattr_get(path, SEC_XATTR_STAMP, stamp, sizeof(stamp)) < 0 ||
        strtoull(stamp, NULL, 10) != boot) {
        VIREO_DEBUG_LOG("dropping stale or malformed owner label on %s", path);
        sec_xattr_forget(path);
        return 0;
    }
    return (int)v;
}

static int
sec_ref_set(const char *path, int ref)
{
    char buf[32];

    if (ref <= 0) {
        sec_xattr_forget(path);
        return 0;
    }
    snprintf(buf, sizeof(buf), "%d", ref);
    return setxattr(path, SEC_XATTR_REF, buf, strlen(buf), 0) < 0 ? -errno : 0;
}

/* Records st's owner as the one to restore (first user of the file) or
 * counts one more user. Returns the new count, 0 when the file system
 * cannot keep it, or -1 (reported). */
static int
sec_remember(const char *path, const struct stat *st, uid_t uid, gid_t gid)
{
    unsigned long long boot = sec_boot_time();
    int ref = sec_ref_get(path, boot);
    char label[64], stamp[32];

    if (ref == -ENOTSUP || ref == -ENOSYS || ref == -EOPNOTSUPP)
        return 0;
    if (ref < 0) {
        vir_error_report_system(VIR_FROM_QEMU, -ref, "Unable to get XATTR %s on %s",
                                SEC_XATTR_REF, path);
        return -1;
    }
    if (ref > 0 && (st->st_uid != uid || st->st_gid != gid)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID,
                         "Setting different DAC user or group on %s which is already in use",
                         path);
        return -1;
    }
    if (ref == 0) {
        snprintf(label, sizeof(label), "+%u:+%u", (unsigned)st->st_uid, (unsigned)st->st_gid);
        snprintf(stamp, sizeof(stamp), "%llu", boot);
        if (setxattr(path, SEC_XATTR_LABEL, label, strlen(label), 0) < 0 ||
            setxattr(path, SEC_XATTR_STAMP, stamp, strlen(stamp), 0) < 0) {
            int err = errno;
            sec_xattr_forget(path);
            if (err == ENOTSUP || err == ENOSYS)
                return 0;
            vir_error_report_system(VIR_FROM_QEMU, err, "Unable to set XATTR %s on %s",
                                    SEC_XATTR_LABEL, path);
            return -1;
        }
    }
    /* the count goes last: a crash before it leaves no half-made claim */
    int rc = sec_ref_set(path, ref + 1);
    if (rc < 0) {
        vir_error_report_system(VIR_FROM_QEMU, -rc, "Unable to set XATTR %s on %s",
                                SEC_XATTR_REF, path);
        return -1;
    }
    return ref + 1;
}

/* Lets go of one claim on path. Returns 1 with the owner to restore when
 * this was the last one, 0 when others still use the file (or nothing was
 * remembered), -ENOTSUP when the file system keeps no attributes. */
static int
sec_recall(const char *path, uid_t *ret_uid, gid_t *ret_gid)
{
    int ref = sec_ref_get(path, sec_boot_time());
    char label[64];
    unsigned int u, g;
    char extra;

    if (ref <= 0)
        return ref;
    if (ref > 1) {
        if (sec_ref_set(path, ref - 1) < 0)
            VIREO_DEBUG_LOG("cannot lower the owner label count on %s", path);
        return 0;
    }
    if (sec_xattr_get(path, SEC_XATTR_LABEL, label, sizeof(label)) < 0 ||
        sscanf(label, "+%u:+%u%c", &u, &g, &extra) != 2) {
        sec_xattr_forget(path);
        return 0;
    }
    sec_xattr_forget(path);
    *ret_uid = (uid_t)u;
    *ret_gid = (gid_t)g;
    return 1;
}

/* ---- labelling ---- */

/* Mode bits only: enough to decide whether a read-only file needs a chown
 * (the access check after the chowns is the real test). */
static bool
sec_readable_by(const struct stat *st, const QemuUserConf *conf)
{
    uid_t uid = conf->uid != (uid_t)-1 ? conf->uid : geteuid();

    if (uid == 0)
        return true;
    if (st->st_uid == uid)
        return st->st_mode & S_IRUSR;
    for (size_t i = 0; i < conf->ngroups; i++)
        if (conf->groups[i] == st->st_gid)
            return st->st_mode & S_IRGRP;
    return st->st_mode & S_IROTH;
}

static void
sec_target(const QemuUserConf *conf, uid_t *ret_uid, gid_t *ret_gid)
{
    *ret_uid = conf->uid != (uid_t)-1 ? conf->uid : geteuid();
    *ret_gid = conf->gid != (gid_t)-1 ? conf->gid : getegid();
}

static int
sec_create_log(const char *path)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0600);

    if (fd < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "failed to create log file '%s'", path);
        return -1;
    }
    close(fd);
    return 0;
}

/* Gives one file to qemu's user. Reports. */
static int
sec_label_one(const QemuUserConf *conf, QemuSecFile *f)
{
    struct stat st;
    uid_t uid;
    gid_t gid;

    if (f->kind == SEC_FILE_LOG && sec_create_log(f->path) < 0)
        return -1;
    if (stat(f->path, &st) < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "Cannot access storage file '%s'",
                                f->path);
        return -1;
    }
    /* a read-only file the user can read already is left alone, unless
     * another domain's run gave it to the user: then this run holds it too,
     * so the first one to stop does not take it away */
    if (f->kind == SEC_FILE_READ && sec_readable_by(&st, conf) &&
        (!conf->remember_owner || sec_ref_get(f->path, sec_boot_time()) <= 0))
        return 0;
    sec_target(conf, &uid, &gid);
    if (conf->remember_owner && sec_remember(f->path, &st, uid, gid) < 0)
        return -1;
    f->labelled = true;
    if ((st.st_uid != uid || st.st_gid != gid) && chown(f->path, uid, gid) < 0 &&
        errno != EROFS && errno != EOPNOTSUPP) {
        vir_error_report_system(VIR_FROM_QEMU, errno,
                                "unable to set user and group to '%u:%u' on '%s'",
                                (unsigned)uid, (unsigned)gid, f->path);
        return -1;
    }
    VIREO_DEBUG_LOG("gave %s to %u:%u", f->path, (unsigned)uid, (unsigned)gid);
    return 0;
}

/* Takes a file back from qemu's user. */
static void
sec_restore_one(const QemuUserConf *conf, const char *path)
{
    uid_t uid = 0, tu;
    gid_t gid = 0, tg;
    struct stat st;
    int rc = conf->remember_owner ? sec_recall(path, &uid, &gid) : -ENOTSUP;

    if (rc == 0)
        return; /* never ours, or still used by another domain */
    if (rc < 0) {
        /* nothing remembered: as libvirt, back to root, but only what
         * still belongs to qemu's user */
        sec_target(conf, &tu, &tg);
        if (stat(path, &st) < 0 || st.st_uid != tu || st.st_gid != tg)
            return;
        uid = 0;
        gid = 0;
    }
    if (chown(path, uid, gid) < 0)
        VIREO_DEBUG_LOG("cannot give %s back to %u:%u: %s", path, (unsigned)uid,
                        (unsigned)gid, strerror(errno));
}

/* ---- the access check, as qemu's user ---- */

int
qemu_security_child_drop(const QemuUserConf *conf)
{
    if (!qemu_user_conf_drops(conf))
        return 0;
    if (conf->ngroups > 0 && setgroups(conf->ngroups, conf->groups) < 0)
        return -errno;
    if (conf->gid != (gid_t)-1 && setresgid(conf->gid, conf->gid, conf->gid) < 0)
        return -errno;
    if (conf->uid != (uid_t)-1 && setresuid(conf->uid, conf->uid, conf->uid) < 0)
        return -errno;
    return 0;
}

/* The open qemu will do, done in the child: 0 or errno. */
static int
sec_child_try(const char *path, QemuSecFileKind kind, bool is_dir)
{
    int flags = kind == SEC_FILE_READ ? O_RDONLY : kind == SEC_FILE_LOG ? O_WRONLY | O_APPEND
                                                                          : O_RDWR;
    int fd;

    if (is_dir)
        return access(path, R_OK | W_OK | X_OK) < 0 ? errno : 0;
    fd = open(path, flags | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && kind == SEC_FILE_LOG) {
        /* not created for it (dynamic_ownership = 0): qemu creates it */
        char dir[4096];
        const char *slash = strrchr(path, '/');
        size_t n = slash ? (size_t)(slash - path) : 0;
        if (!slash || n >= sizeof(dir))
            return ENOENT;
        memcpy(dir, path, n);
        dir[n ? n : 1] = '\0';
        if (n == 0)
            dir[0] = '/';
        return access(dir, W_OK | X_OK) < 0 ? errno : 0;
    }
    if (fd < 0)
        return errno;
    close(fd);
    return 0;
}

/* Forks a child with qemu's credentials that opens every path (the
 * directory last) and reports the first failure. Reports. */
static int
sec_check_access(const QemuUserConf *conf, const QemuSecList *list, const char *lib_dir)
{
    int pipefd[2];
    int result[2] = { -1, 0 }; /* index of the failing path, errno */
    pid_t pid;
    struct pollfd pfd;
    ssize_t n = 0;

    if (pipe2(pipefd, O_CLOEXEC) < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "%s", "cannot create a pipe");
        return -1;
    }
    if ((pid = fork()) < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "%s", "cannot fork");
        close(pipefd[0]);
        close(pipefd[1]);
        return -1;
    }
    if (pid == 0) {
        int err = -qemu_security_child_drop(conf);
        int out[2] = { -2, err };
        if (!err) {
            out[0] = -1;
            for (size_t i = 0; i <= list->n && out[0] == -1; i++) {
                bool dir = i == list->n;
                if ((err = sec_child_try(dir ? lib_dir : list->files[i].path,
                                         dir ? SEC_FILE_WRITE : list->files[i].kind, dir))) {
                    out[0] = (int)i;
                    out[1] = err;
                }
            }
        }
        if (write(pipefd[1], out, sizeof(out)) < 0)
            _exit(1);
        _exit(0);
    }
    close(pipefd[1]);
    pfd = (struct pollfd){ .fd = pipefd[0], .events = POLLIN };
    if (poll(&pfd, 1, SEC_CHECK_TIMEOUT_MS) > 0)
        n = read(pipefd[0], result, sizeof(result));
    close(pipefd[0]);
    if (n != sizeof(result))
        kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    if (n != sizeof(result)) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s",
                         "cannot check what qemu's user may open: the check did not finish");
        return -1;
    }
    if (result[0] == -2) {
        vir_error_report_system(VIR_FROM_QEMU, result[1],
                                "cannot switch to qemu's user %u and group %u",
                                (unsigned)conf->uid, (unsigned)conf->gid);
        return -1;
    }
    if (result[0] >= 0) {
        const char *path = (size_t)result[0] < list->n ? list->files[result[0]].path : lib_dir;
        vir_report_error(VIR_ERR_OPERATION_FAILED,
                         "qemu's user '%s' (uid %u, gid %u) cannot open '%s': %s",
                         conf->user ? conf->user : "root", (unsigned)conf->uid,
                         (unsigned)conf->gid, path, strerror(result[1]));
        return -1;
    }
    return 0;
}

/* ---- entry points ---- */

static void
sec_unlabel(const QemuUserConf *conf, const QemuSecList *list, bool only_labelled)
{
    for (size_t i = 0; i < list->n; i++)
        if (!only_labelled || list->files[i].labelled)
            sec_restore_one(conf, list->files[i].path);
}

/* The run's credentials, from its live seclabel, into dom->run_user. */
static int
sec_run_user(QemuDriver *drv, QemuDomain *dom)
{
    QemuUserConf conf;

    if (dom->run_user)
        return 0;
    if (qemu_seclabel_run_conf(drv, dom->def->def, &conf) < 0)
        return -1;
    dom->run_user = XNEW(QemuUserConf);
    *dom->run_user = conf;
    return 0;
}

static void
sec_run_user_free(QemuDomain *dom)
{
    if (dom->run_user)
        qemu_user_conf_clear(dom->run_user);
    free(TAKE_PTR(dom->run_user));
}

int
qemu_security_prepare(QemuDriver *drv, QemuDomain *dom)
{
    const QemuUserConf *conf;
    QemuSecList list = { 0 };
    uid_t uid;
    gid_t gid;
    int rc = -1;

    dom->dac_labelled = false;
    sec_run_user_free(dom);
    pthread_mutex_lock(&drv->lock);
    rc = qemu_seclabel_generate(drv, dom->def->def);
    pthread_mutex_unlock(&drv->lock);
    if (rc < 0 || sec_run_user(drv, dom) < 0)
        return -1;
    rc = -1;
    conf = dom->run_user;
    if (!qemu_user_conf_drops(conf))
        return 0;
    pthread_mutex_lock(&drv->lock);
    sec_collect(dom->def, &list);
    pthread_mutex_unlock(&drv->lock);
    sec_target(conf, &uid, &gid);
    if (chown(dom->lib_dir, uid, gid) < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno,
                                "unable to set user and group to '%u:%u' on '%s'",
                                (unsigned)uid, (unsigned)gid, dom->lib_dir);
        goto out;
    }
    for (size_t i = 0; conf->dynamic_ownership && i < list.n; i++)
        if (sec_label_one(conf, &list.files[i]) < 0)
            goto undo;
    if (sec_check_access(conf, &list, dom->lib_dir) < 0)
        goto undo;
    dom->dac_labelled = conf->dynamic_ownership;
    rc = 0;
    goto out;
undo:
    {
        virErrorPtr cur = vir_error_current();
        virError saved = { 0 };
        if (cur)
            vir_error_copy(cur, &saved);
        sec_unlabel(conf, &list, true);
        if (saved.code)
            vir_error_set_full(saved.code, saved.domain, saved.level, saved.message,
                               saved.str1, saved.str2, saved.str3, saved.int1, saved.int2);
        virResetError(&saved);
    }
out:
    sec_list_clear(&list);
    return rc;
}

void
qemu_security_restore(QemuDriver *drv, QemuDomain *dom)
{
    QemuSecList list = { 0 };

    if (dom->dac_labelled) {
        /* after a daemon restart the credentials come from the status
         * file's live seclabel; one that no longer parses falls back to
         * qemu.conf's, whose files are the likely ones */
        if (sec_run_user(drv, dom) < 0)
            qemu_error_drop(__func__);
        pthread_mutex_lock(&drv->lock);
        sec_collect(dom->def, &list);
        pthread_mutex_unlock(&drv->lock);
        sec_unlabel(dom->run_user ? dom->run_user : &drv->user_conf, &list, false);
        sec_list_clear(&list);
        dom->dac_labelled = false;
    }
    sec_run_user_free(dom);
}
