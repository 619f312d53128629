/*
 * qemu_user_conf.c: user, group, dynamic_ownership and remember_owner from
 * qemu.conf, as a typed table over the daemon's config grammar.
 *
 * Names resolve as libvirt resolves them: "+N" is always the number N; a
 * name is looked up first and, only when no such user (group) exists and it
 * is all digits, taken as a number.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/conf_file.h"
#include "drivers/qemu/qemu_user_conf.h"
#include "util/alloc.h"

#define QEMU_NSS_BUF_MAX (1024 * 1024) /* getpw*_r buffer growth bound */

/* Converts one setting's value into conf; NULL when fine, else why not
 * (allocated, without file, line or key). */
typedef char *(*QemuUserConfApply)(QemuUserConf *conf, const ConfValue *value);

typedef struct {
    const char *name;
    QemuUserConfApply apply;
} QemuUserConfKey;

static char *
user_conf_expected(const char *what, const ConfValue *value)
{
    if (value->type == CONF_VALUE_INTEGER)
        return xasprintf("expected %s, got %s%llu", what, value->negative ? "-" : "",
                         value->magnitude);
    return xasprintf("expected %s, got %s", what, conf_value_type_text(value));
}

static char *
user_conf_bool(bool *field, const ConfValue *value)
{
    if (value->type != CONF_VALUE_INTEGER || value->negative || value->magnitude > 1)
        return user_conf_expected("0 or 1", value);
    *field = value->magnitude == 1;
    return NULL;
}

/* Digits only, fitting below the "unset" value (uid_t)-1. */
static bool
user_conf_number(const char *s, unsigned long *ret_id)
{
    char *end;
    unsigned long v;

    if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 10)
        return false;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || *end || v >= (unsigned long)(uid_t)-1)
        return false;
    *ret_id = v;
    return true;
}

/* getpwnam_r/getpwuid_r/getgrnam_r with a growing buffer: state
 * initialisations of two roots may run at once, so the non-reentrant
 * forms are not used. Each fills *ret and returns true when found. */
typedef struct {
    struct passwd pw;
    char *buf;
} QemuPasswd;

static bool
user_conf_getpw(const char *name, uid_t uid, QemuPasswd *ret)
{
    size_t size = 1024;
    struct passwd *found = NULL;

    ret->buf = NULL;
    for (;;) {
        int rc;
        ret->buf = xrealloc(ret->buf, size);
        rc = name ? getpwnam_r(name, &ret->pw, ret->buf, size, &found)
                  : getpwuid_r(uid, &ret->pw, ret->buf, size, &found);
        if (rc == ERANGE && size < QEMU_NSS_BUF_MAX) {
            size *= 2;
            continue;
        }
        if (!found) {
            free(ret->buf);
            ret->buf = NULL;
        }
        return found != NULL;
    }
}

static bool
user_conf_getgr(const char *name, unsigned long *ret_gid)
{
    size_t size = 1024;
    struct group gr, *found = NULL;
    char *buf = NULL;

    for (;;) {
        int rc;
        buf = xrealloc(buf, size);
        rc = getgrnam_r(name, &gr, buf, size, &found);
        if (rc == ERANGE && size < QEMU_NSS_BUF_MAX) {
            size *= 2;
            continue;
        }
        if (found)
            *ret_gid = gr.gr_gid;
        free(buf);
        return found != NULL;
    }
}

/* A checked string value: not empty, no more than a name can be. */
static char *
user_conf_name(const ConfValue *value, const char *what)
{
    if (value->type != CONF_VALUE_STRING)
        return user_conf_expected(what, value);
    if (!*value->str)
        return xasprintf("must not be empty");
    if (strlen(value->str) > 256)
        return xasprintf("'%.32s...' is too long for %s", value->str, what);
    return NULL;
}

/* The uid of the user called name, when there is one. */
static bool
user_conf_getpw_id(const char *name, unsigned long *ret_uid)
{
    QemuPasswd pw;

    if (!user_conf_getpw(name, 0, &pw))
        return false;
    *ret_uid = pw.pw.pw_uid;
    free(pw.buf);
    return true;
}

/* A user or group setting's id (noun: "user" or "group"; expected: what
 * the value should be; lookup: the name database): "+N", a known name, or
 * else all digits. NULL when fine, else why not (allocated). */
static char *
user_conf_id(const ConfValue *value, const char *expected, const char *noun,
             bool (*lookup)(const char *name, unsigned long *ret_id), unsigned long *ret_id)
{
    char *why = user_conf_name(value, expected);
    const char *s = value->str;

    if (why)
        return why;
    if (s[0] == '+') {
        if (!user_conf_number(s + 1, ret_id))
            return xasprintf("'%s' is not a valid %s id", s, noun);
    } else if (!lookup(s, ret_id) && !user_conf_number(s, ret_id)) {
        return xasprintf("no %s named '%s' on this host", noun, s);
    }
    return NULL;
}

static char *
user_conf_apply_user(QemuUserConf *conf, const ConfValue *value)
{
    unsigned long id;
    char *why = user_conf_id(value, "a user name or +UID", "user", user_conf_getpw_id, &id);

    if (why)
        return why;
    free(conf->user);
    conf->user = xstrdup(value->str);
    conf->uid = (uid_t)id;
    return NULL;
}

static char *
user_conf_apply_group(QemuUserConf *conf, const ConfValue *value)
{
    unsigned long id;
    char *why = user_conf_id(value, "a group name or +GID", "group", user_conf_getgr, &id);

    if (why)
        return why;
    free(conf->group);
    conf->group = xstrdup(value->str);
    conf->gid = (gid_t)id;
    return NULL;
}

static char *
user_conf_apply_dynamic(QemuUserConf *conf, const ConfValue *value)
{
    return user_conf_bool(&conf->dynamic_ownership, value);
}

static char *
user_conf_apply_remember(QemuUserConf *conf, const ConfValue *value)
{
    return user_conf_bool(&conf->remember_owner, value);
}

static const QemuUserConfKey user_conf_keys[] = {
    { "user", user_conf_apply_user },
    { "group", user_conf_apply_group },
    { "dynamic_ownership", user_conf_apply_dynamic },
    { "remember_owner", user_conf_apply_remember },
};

static void
user_conf_defaults(QemuUserConf *conf, const char *path)
{
    memset(conf, 0, sizeof(*conf));
    conf->path = xstrdup(path);
    conf->uid = (uid_t)-1;
    conf->gid = (gid_t)-1;
    conf->dynamic_ownership = true;
    conf->remember_owner = true;
}

/* The group list qemu gets: the user's groups as the group database has
 * them (with the primary one first), or just the primary group. Never
 * the daemon's own. */
static char *
user_conf_resolve_groups(QemuUserConf *conf, const ConfFile *file)
{
    QemuPasswd pwd = { 0 };
    bool have_pw = conf->uid != (uid_t)-1 && user_conf_getpw(NULL, conf->uid, &pwd);
    char *why = NULL;
    int n = 16;

    if (conf->uid != (uid_t)-1 && conf->gid == (gid_t)-1) {
        const ConfEntry *e = conf_file_lookup(file, "user");
        if (!have_pw)
            return xasprintf("%s:%u: user: user id %u has no passwd entry, so group must "
                             "be set too", file->path, e ? e->line : 0, (unsigned)conf->uid);
        conf->gid = pwd.pw.pw_gid;
    }
    if (conf->gid == (gid_t)-1) {
        free(pwd.buf);
        return NULL;
    }
    if (have_pw) {
        gid_t *list = XNEW_ARRAY(gid_t, (size_t)n);
        while (getgrouplist(pwd.pw.pw_name, conf->gid, list, &n) < 0) {
            if (n > QEMU_USER_CONF_MAX_GROUPS) {
                why = xasprintf("%s: user '%s' is in more than %d groups", file->path,
                                pwd.pw.pw_name, QEMU_USER_CONF_MAX_GROUPS);
                break;
            }
            list = xreallocarray(list, (size_t)n, sizeof(*list));
        }
        if (why) {
            free(list);
        } else {
            conf->groups = list;
            conf->ngroups = (size_t)n;
        }
        free(pwd.buf);
        return why;
    } else {
        conf->groups = XNEW_ARRAY(gid_t, 1);
        conf->groups[0] = conf->gid;
        conf->ngroups = 1;
    }
    return NULL;
}

static int
user_conf_apply_file(QemuUserConf *conf, const ConfFile *file, char **ret_errmsg)
{
    for (size_t i = 0; i < sizeof(user_conf_keys) / sizeof(user_conf_keys[0]); i++) {
        const ConfEntry *e = conf_file_lookup(file, user_conf_keys[i].name);
        char *why;

        if (!e || !(why = user_conf_keys[i].apply(conf, &e->value)))
            continue;
        *ret_errmsg = xasprintf("%s:%u: %s: %s", file->path, e->line, e->name, why);
        free(why);
        return -1;
    }
    if ((*ret_errmsg = user_conf_resolve_groups(conf, file)))
        return -1;
    return 0;
}

/* Applies file (which it frees) to conf and moves conf into ret_conf; on
 * failure clears conf and sets *ret_errmsg. */
static int
user_conf_finish(QemuUserConf *conf, ConfFile *file, QemuUserConf *ret_conf, char **ret_errmsg)
{
    int rc = user_conf_apply_file(conf, file, ret_errmsg);

    conf_file_free(file);
    if (rc < 0) {
        qemu_user_conf_clear(conf);
        return -1;
    }
    *ret_conf = *conf;
    return 0;
}

int
qemu_user_conf_load_text(const char *path, const char *text, size_t len,
                         QemuUserConf *ret_conf, char **ret_errmsg)
{
    QemuUserConf conf;
    ConfFile *file = NULL;

    if (conf_file_parse(path, text, len, &file, ret_errmsg) < 0)
        return -1;
    user_conf_defaults(&conf, path);
    return user_conf_finish(&conf, file, ret_conf, ret_errmsg);
}

int
qemu_user_conf_load(const char *path, QemuUserConf *ret_conf, char **ret_errmsg)
{
    QemuUserConf conf;
    ConfFile *file = NULL;
    int rc = conf_file_read(path, &file, ret_errmsg);

    user_conf_defaults(&conf, path);
    if (rc == -ENOENT) {
        free(*ret_errmsg);
        *ret_errmsg = NULL;
        *ret_conf = conf;
        return 0;
    }
    if (rc < 0) {
        qemu_user_conf_clear(&conf);
        return -1;
    }
    return user_conf_finish(&conf, file, ret_conf, ret_errmsg);
}

bool
qemu_user_conf_drops(const QemuUserConf *conf)
{
    return conf->uid != (uid_t)-1 || conf->gid != (gid_t)-1;
}

void
qemu_user_conf_clear(QemuUserConf *conf)
{
    free(conf->path);
    free(conf->user);
    free(conf->group);
    free(conf->groups);
    memset(conf, 0, sizeof(*conf));
    conf->uid = (uid_t)-1;
    conf->gid = (gid_t)-1;
}
