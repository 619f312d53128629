/*
 * test_domain_dump.c: virDomainCoreDump(WithFormat) in the test driver, as
 * libvirt 9.0's: a running domain's "core" is the test driver's save-image
 * magic alone; only the raw format is accepted (checked after the file is
 * written, as there); VIR_DUMP_CRASH then stops the domain as crashed,
 * raising the lifecycle event (a transient domain goes away).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/test/test_private.h"

#define VIR_FROM_THIS VIR_FROM_TEST
#include "util/error.h"

/* The magic libvirt's test driver writes, with its terminating NUL. */
static const char test_dump_magic[15] = "TestGuestMagic";

/* Writes the dump file. Reports (system errors, libvirt's texts). */
static int
test_dump_write(const char *name, const char *to)
{
    int fd = open(to, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, S_IRUSR | S_IWUSR);
    ssize_t n;

    if (fd < 0) {
        vir_error_report_system(VIR_FROM_TEST, errno, "domain '%s' coredump: failed to open %s",
                                name, to);
        return -1;
    }
    do {
        n = write(fd, test_dump_magic, sizeof(test_dump_magic));
    } while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof(test_dump_magic)) {
        vir_error_report_system(VIR_FROM_TEST, n < 0 ? errno : ENOSPC,
                                "domain '%s' coredump: failed to write header to %s", name, to);
        close(fd);
        return -1;
    }
    if (close(fd) < 0) {
        vir_error_report_system(VIR_FROM_TEST, errno, "domain '%s' coredump: write failed: %s",
                                name, to);
        return -1;
    }
    return 0;
}

int
test_domain_core_dump_with_format(virDomainPtr dom, const char *to, unsigned int dumpformat,
                                  unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DUMP_CRASH, "testDomainCoreDumpWithFormat", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0 || test_dump_write(dom->name, to) < 0)
        goto out;
    if (dumpformat != VIR_DOMAIN_CORE_DUMP_FORMAT_RAW) {
        vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                         "kdump-compressed format is not supported here");
        goto out;
    }
    if (flags & VIR_DUMP_CRASH) {
        test_domain_stop(obj, VIR_DOMAIN_SHUTOFF_CRASHED);
        test_event_domain(st, obj, VIR_DOMAIN_EVENT_STOPPED, VIR_DOMAIN_EVENT_STOPPED_CRASHED);
        if (!obj->persistent)
            test_domain_remove(st, obj);
    }
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_core_dump(virDomainPtr dom, const char *to, unsigned int flags)
{
    /* libvirt's checks name the WithFormat function for both */
    return test_domain_core_dump_with_format(dom, to, VIR_DOMAIN_CORE_DUMP_FORMAT_RAW, flags);
}
