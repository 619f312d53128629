/*
 * test_domain_extra.c: domain methods of the test driver beyond the
 * lifecycle: managed save, save/restore to a file, rename, metadata,
 * guest time and host name, and the input calls (send-key, NMI, reset)
 * that only check the domain runs.
 *
 * A save image is the test driver's own format, as libvirt's: a 15-byte
 * magic, the XML length as a native int, then the XML.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/test/test_private.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_TEST
#include "util/error.h"

static const char test_save_magic[15] = "TestGuestMagic";
#define TEST_SAVE_XML_MAX 8192

/* The guest clock the test driver reports for every running domain. */
#define TEST_GUEST_SECONDS 627319920LL

int
test_domain_managed_save(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret = -1;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_SAVE_BYPASS_CACHE | VIR_DOMAIN_SAVE_RUNNING |
                         VIR_DOMAIN_SAVE_PAUSED,
                     "testDomainManagedSave", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0)
        goto out;
    if (!obj->persistent) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "cannot do managed save for transient domain");
        goto out;
    }
    test_domain_stop(obj, VIR_DOMAIN_SHUTOFF_SAVED);
    test_event_domain(st, obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    obj->has_managed_save = true;
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_managed_save_remove(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags, 0, "testDomainManagedSaveRemove", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    obj->has_managed_save = false;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

static int
test_save_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t n = write(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Writes def's image to path. Reports (system errors as libvirt words
 * them). */
int
test_save_image_write(const char *path, const DomainDef *def)
{
    _cleanup_free_ char *xml = domain_def_format(def, DOMAIN_FORMAT_SECURE);
    int len = (int)strlen(xml);
    int fd;

    if ((fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, S_IRUSR | S_IWUSR)) < 0) {
        vir_error_report_system(VIR_FROM_TEST, errno, "saving domain '%s' to '%s': open failed", def->name,
                                path);
        return -1;
    }
    if (test_save_write_all(fd, test_save_magic, sizeof(test_save_magic)) < 0 ||
        test_save_write_all(fd, &len, sizeof(len)) < 0 ||
        test_save_write_all(fd, xml, (size_t)len) < 0 || close(fd) < 0) {
        vir_error_report_system(VIR_FROM_TEST, errno, "saving domain '%s' to '%s': write failed", def->name,
                                path);
        if (fd >= 0)
            close(fd);
        unlink(path);
        return -1;
    }
    return 0;
}

int
test_domain_save_flags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testDomainSaveFlags", -1);
    if (dxml) {
        vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "xml modification unsupported");
        return -1;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0 || test_save_image_write(to, obj->def) < 0)
        goto out;
    test_domain_stop(obj, VIR_DOMAIN_SHUTOFF_SAVED);
    test_event_domain(st, obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_SAVED);
    if (!obj->persistent)
        test_domain_remove(st, obj);
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static ssize_t
test_save_read_all(int fd, void *buf, size_t len)
{
    size_t got = 0;

    while (got < len) {
        ssize_t n = read(fd, (char *)buf + got, len - got);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

/* Reads the definition saved in path. Reports; NULL on failure. The
 * length is bounded before anything is allocated. */
DomainDef *
test_save_image_read(const char *path)
{
    char magic[sizeof(test_save_magic)];
    _cleanup_free_ char *xml = NULL;
    DomainDef *def = NULL;
    int len = 0;
    int fd;

    if ((fd = open(path, O_RDONLY)) < 0) {
        vir_error_report_system(VIR_FROM_TEST, errno, "cannot read domain image '%s'", path);
        return NULL;
    }
    errno = 0;
    if (test_save_read_all(fd, magic, sizeof(magic)) != (ssize_t)sizeof(magic)) {
        vir_error_report_system(VIR_FROM_TEST, errno, "incomplete save header in '%s'", path);
        goto out;
    }
    if (memcmp(magic, test_save_magic, sizeof(magic)) != 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "mismatched header magic");
        goto out;
    }
    if (test_save_read_all(fd, &len, sizeof(len)) != (ssize_t)sizeof(len)) {
        vir_error_report_system(VIR_FROM_TEST, errno, "failed to read metadata length in '%s'", path);
        goto out;
    }
    if (len < 1 || len > TEST_SAVE_XML_MAX) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "length of metadata out of range");
        goto out;
    }
    xml = XNEW_ARRAY(char, (size_t)len + 1);
    if (test_save_read_all(fd, xml, (size_t)len) != len) {
        vir_error_report_system(VIR_FROM_TEST, errno, "incomplete metadata in '%s'", path);
        goto out;
    }
    def = domain_def_parse_string(xml, DOMAIN_PARSE_INACTIVE);
out:
    close(fd);
    return def;
}

int
test_domain_restore_flags(virConnectPtr conn, const char *from, const char *dxml,
                          unsigned int flags)
{
    TestState *st = test_state_of(conn);
    DomainDef *def;
    TestDomain *obj;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testDomainRestoreFlags", -1);
    if (dxml) {
        vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "xml modification unsupported");
        return -1;
    }
    if (!(def = test_save_image_read(from)))
        return -1;
    /* interface names are given when the image starts, as libvirt's
     * restore does (reading an image alone names nothing) */
    if (domain_def_generate_ifnames(def) < 0) {
        domain_def_free(def);
        return -1;
    }
    pthread_mutex_lock(&st->lock);
    if ((obj = test_domain_add(st, &def, true))) {
        test_domain_start(st, obj, VIR_DOMAIN_RUNNING_RESTORED);
        test_event_domain(st, obj, VIR_DOMAIN_EVENT_STARTED, VIR_DOMAIN_EVENT_STARTED_RESTORED);
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    domain_def_free(def);
    return ret;
}

int
test_domain_rename(virDomainPtr dom, const char *new_name, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testDomainRename", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_active(obj)) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "cannot rename active domain");
        goto out;
    }
    if (!obj->persistent) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "cannot rename a transient domain");
        goto out;
    }
    if (obj->state != VIR_DOMAIN_SHUTOFF) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "domain has to be shutoff before renaming");
        goto out;
    }
    if (test_domain_find_name(st, new_name)) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID,
                         "domain with name '%s' already exists", new_name);
        goto out;
    }
    if (strchr(new_name, '/')) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_XML_ERROR, "name %s cannot contain '/'",
                         new_name);
        goto out;
    }
    /* the old name leaves, then the new one arrives (two events, as libvirt) */
    test_event_domain(st, obj, VIR_DOMAIN_EVENT_UNDEFINED, VIR_DOMAIN_EVENT_UNDEFINED_RENAMED);
    free(obj->def->name);
    obj->def->name = xstrdup(new_name);
    test_domain_index_sync(st, obj);
    test_event_domain(st, obj, VIR_DOMAIN_EVENT_DEFINED, VIR_DOMAIN_EVENT_DEFINED_RENAMED);
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* The calls that only require a running domain. */
static int
test_domain_require_active(virDomainPtr dom)
{
    TestState *st;
    TestDomain *obj;
    int ret;

    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    ret = test_domain_check_active(obj);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_inject_nmi(virDomainPtr dom, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testDomainInjectNMI", -1);
    return test_domain_require_active(dom);
}

int
test_domain_reset(virDomainPtr dom, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testDomainReset", -1);
    return test_domain_require_active(dom);
}

int
test_domain_send_key(virDomainPtr dom, unsigned int codeset, unsigned int holdtime,
                     unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    (void)codeset;
    (void)holdtime;
    (void)keycodes;
    (void)nkeycodes;
    TEST_CHECK_FLAGS(flags, 0, "testDomainSendKey", -1);
    return test_domain_require_active(dom);
}

char *
test_domain_get_hostname(virDomainPtr dom, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testDomainGetHostname", NULL);
    if (test_domain_require_active(dom) < 0)
        return NULL;
    return xasprintf("%shost", dom->name);
}

int
test_domain_get_time(virDomainPtr dom, long long *seconds, unsigned int *nseconds,
                     unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testDomainGetTime", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (obj->state != VIR_DOMAIN_RUNNING) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
    } else {
        *seconds = obj->time_set ? obj->guest_seconds : TEST_GUEST_SECONDS;
        *nseconds = obj->time_set ? obj->guest_nseconds : 0;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* The definition metadata calls act on: the live one or the config. */
static DomainDef *
test_domain_meta_def(TestDomain *obj, unsigned int flags)
{
    if ((flags & VIR_DOMAIN_AFFECT_CONFIG) && obj->new_def)
        return obj->new_def;
    return obj->def;
}

static char **
test_domain_meta_field(DomainDef *def, int type)
{
    return type == VIR_DOMAIN_METADATA_TITLE ? &def->title : &def->description;
}

char *
test_domain_get_metadata(virDomainPtr dom, int type, const char *uri, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    char *ret = NULL;
    char **field;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainGetMetadata", NULL);
    if (!(obj = test_domain_get(dom, &st)))
        return NULL;
    if (test_domain_update_impact(obj, &flags) < 0)
        goto out;
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "%s",
                         "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are "
                         "mutually exclusive");
        goto out;
    }
    if (type < 0 || type > VIR_DOMAIN_METADATA_ELEMENT) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "unknown metadata type '%d'", type);
        goto out;
    }
    if (type == VIR_DOMAIN_METADATA_ELEMENT) {
        if (domain_metadata_get_element(test_domain_meta_def(obj, flags), uri, &ret) < 0)
            goto out;
    } else {
        field = test_domain_meta_field(test_domain_meta_def(obj, flags), type);
        ret = *field ? xstrdup(*field) : NULL;
    }
    if (!ret)
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_NO_DOMAIN_METADATA, "%s",
                         "Requested metadata element is not present");
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* One definition's side of virDomainSetMetadata. */
static int
test_domain_meta_set(DomainDef *def, int type, const char *metadata, const char *key,
                     const char *uri)
{
    char **field;

    if (type == VIR_DOMAIN_METADATA_ELEMENT)
        return domain_metadata_set_element(def, metadata, key, uri);
    field = test_domain_meta_field(def, type);
    free(*field);
    *field = metadata && *metadata ? xstrdup(metadata) : NULL;
    return 0;
}

int
test_domain_set_metadata(virDomainPtr dom, int type, const char *metadata, const char *key,
                         const char *uri, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainSetMetadata", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_update_impact(obj, &flags) < 0)
        goto out;
    if (type < 0 || type > VIR_DOMAIN_METADATA_ELEMENT) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "unknown metadata type '%d'", type);
        goto out;
    }
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) &&
        test_domain_meta_set(obj->def, type, metadata, key, uri) < 0)
        goto out;
    if ((flags & VIR_DOMAIN_AFFECT_CONFIG) &&
        test_domain_meta_set(obj->new_def ? obj->new_def : obj->def, type, metadata, key, uri) < 0)
        goto out;
    test_event_metadata(st, obj, type, uri);
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}
