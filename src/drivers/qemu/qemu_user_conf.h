/*
 * qemu_user_conf.h: the qemu.conf settings that decide whose credentials
 * qemu runs with: user, group, dynamic_ownership and remember_owner.
 *
 * The file is libvirt's qemu.conf (/etc/libvirt/qemu.conf for the system
 * layout, ROOT/etc/qemu.conf under a private root) and is read with the
 * daemon's libvirtd.conf grammar (daemon/conf_file.h). Keys this driver
 * does not implement are ignored, so a real libvirt qemu.conf loads; a bad
 * value of a key it does implement stops the driver with "FILE:LINE: KEY:
 * why", the daemon config's style. Names are resolved once, at load, and
 * the supplementary group list is computed then too: the child that drops
 * privileges after fork must not call into NSS.
 */
#ifndef VIREO_DRIVERS_QEMU_USER_CONF_H
#define VIREO_DRIVERS_QEMU_USER_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define QEMU_USER_CONF_MAX_GROUPS 1024 /* supplementary groups kept for qemu */

typedef struct {
    char *path;                 /* the file read (for messages) */
    char *user;                 /* as written, NULL when unset */
    char *group;                /* as written, NULL when unset */
    uid_t uid;                  /* (uid_t)-1: keep the daemon's */
    gid_t gid;                  /* (gid_t)-1: keep the daemon's */
    gid_t *groups;              /* supplementary groups for qemu (ngroups) */
    size_t ngroups;
    bool dynamic_ownership;     /* chown what qemu opens, restore at stop */
    bool remember_owner;        /* keep the original owner in xattrs */
} QemuUserConf;

/* Reads path into *ret_conf (defaults when the file does not exist). On
 * failure returns -1 and stores an allocated "FILE:LINE: KEY: why" (or
 * "FILE:LINE: why" for a syntax error) in *ret_errmsg. Does not report. */
int qemu_user_conf_load(const char *path, QemuUserConf *ret_conf, char **ret_errmsg);

/* Parses text as if it were the file at path (unit tests). */
int qemu_user_conf_load_text(const char *path, const char *text, size_t len,
                             QemuUserConf *ret_conf, char **ret_errmsg);

/* True when qemu runs with other credentials than the daemon's. */
bool qemu_user_conf_drops(const QemuUserConf *conf);

void qemu_user_conf_clear(QemuUserConf *conf);

#endif /* VIREO_DRIVERS_QEMU_USER_CONF_H */
