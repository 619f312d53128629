/*
 * test_guest.c: the test driver's guest-agent style calls (filesystem
 * freeze, thaw and trim; guest time; user password; process signals) and
 * memory peeking and filesystem info, behaving as libvirt 9.0's test driver.
 *
 * libvirt's test guest has two filesystems, "/" and "/boot"; freeze and
 * thaw count how many of them changed state, and any other mount point is
 * "not found" without changing anything. The frozen marks and the clock
 * set by virDomainSetTime live with the domain (they survive stop/start,
 * as libvirt keeps them in the domain object's private data).
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <stdlib.h>
#include <string.h>

#include "drivers/test/test_guest_host.h"
#include "drivers/test/test_methods.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

/* libvirt's VIR_DOMAIN_PROCESS_SIGNAL_LAST (signals 0..64). */
#define TEST_PROCESS_SIGNAL_LAST 65

static const char *const test_guest_mounts[2] = { "/", "/boot" };

/* Index of mount in test_guest_mounts, or -1 after reporting. */
static int
test_guest_mount_index(const char *mount)
{
    for (int i = 0; i < 2; i++)
        if (STREQ(mount, test_guest_mounts[i]))
            return i;
    vir_report_error(VIR_ERR_OPERATION_INVALID, "mount point not found: %s", mount);
    return -1;
}

/* Sets the frozen marks of the mounts named (all when none is) to frozen;
 * returns how many changed, or -1 (nothing changed) after reporting. */
static int
test_guest_fs_set(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                  bool frozen)
{
    TestState *st;
    TestDomain *obj;
    bool want[2];
    int changed = 0;

    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    memcpy(want, obj->fs_frozen, sizeof(want));
    if (nmountpoints == 0) {
        want[0] = want[1] = frozen;
    } else {
        for (unsigned int i = 0; i < nmountpoints; i++) {
            int k = test_guest_mount_index(mountpoints[i]);

            if (k < 0) {
                pthread_mutex_unlock(&st->lock);
                return -1;
            }
            want[k] = frozen;
        }
    }
    for (int i = 0; i < 2; i++)
        changed += want[i] != obj->fs_frozen[i];
    memcpy(obj->fs_frozen, want, sizeof(want));
    pthread_mutex_unlock(&st->lock);
    return changed;
}

int
test_domain_fs_freeze(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                      unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testDomainFSFreeze", -1);
    return test_guest_fs_set(dom, mountpoints, nmountpoints, true);
}

int
test_domain_fs_thaw(virDomainPtr dom, const char **mountpoints, unsigned int nmountpoints,
                    unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, 0, "testDomainFSThaw", -1);
    return test_guest_fs_set(dom, mountpoints, nmountpoints, false);
}

/* Runs check on the locked, running domain behind dom. */
static int
test_guest_with_active(virDomainPtr dom, int (*check)(TestDomain *obj, const void *arg),
                       const void *arg)
{
    TestState *st;
    TestDomain *obj;
    int ret;

    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    ret = test_domain_check_active(obj);
    if (ret == 0 && check)
        ret = check(obj, arg);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static int
test_guest_trim_check(TestDomain *obj, const void *arg)
{
    (void)obj;
    return arg && test_guest_mount_index(arg) < 0 ? -1 : 0;
}

int
test_domain_fs_trim(virDomainPtr dom, const char *mount_point, unsigned long long minimum,
                    unsigned int flags)
{
    (void)minimum;
    TEST_CHECK_FLAGS(flags, 0, "testDomainFSTrim", -1);
    return test_guest_with_active(dom, test_guest_trim_check, mount_point);
}

typedef struct {
    long long seconds;
    unsigned int nseconds;
} TestGuestTime;

static int
test_guest_time_store(TestDomain *obj, const void *arg)
{
    const TestGuestTime *t = arg;

    obj->time_set = true;
    obj->guest_seconds = t->seconds;
    obj->guest_nseconds = t->nseconds;
    return 0;
}

int
test_domain_set_time(virDomainPtr dom, long long seconds, unsigned int nseconds,
                     unsigned int flags)
{
    TestGuestTime t = { seconds, nseconds };

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_TIME_SYNC, "testDomainSetTime", -1);
    return test_guest_with_active(dom, test_guest_time_store, &t);
}

int
test_domain_set_user_password(virDomainPtr dom, const char *user, const char *password,
                              unsigned int flags)
{
    (void)user;
    (void)password;
    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_PASSWORD_ENCRYPTED, "testDomainSetUserPassword", -1);
    return test_guest_with_active(dom, NULL, NULL);
}

int
test_domain_send_process_signal(virDomainPtr dom, long long pid_value, unsigned int signum,
                                unsigned int flags)
{
    TestState *st;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags, 0, "testDomainSendProcessSignal", -1);
    /* libvirt checks the arguments before it looks the domain up, and
     * then does not require it to run */
    if (pid_value != 1) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s",
                         "only sending a signal to pid 1 is supported");
        return -1;
    }
    if (signum >= TEST_PROCESS_SIGNAL_LAST) {
        vir_report_error(VIR_ERR_INVALID_ARG, "signum value %d is out of range", (int)signum);
        return -1;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int
test_domain_memory_peek(virDomainPtr dom, unsigned long long start, size_t size, void *buffer,
                        unsigned int flags)
{
    unsigned char *out = buffer;
    unsigned char b = (unsigned char)start;

    TEST_CHECK_FLAGS(flags, VIR_MEMORY_VIRTUAL | VIR_MEMORY_PHYSICAL, "testDomainMemoryPeek",
                     -1);
    if (flags != VIR_MEMORY_VIRTUAL && flags != VIR_MEMORY_PHYSICAL) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s",
                         "flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL");
        return -1;
    }
    if (test_guest_with_active(dom, NULL, NULL) < 0)
        return -1;
    /* the test guest's memory: each byte is its address, truncated */
    for (size_t i = 0; i < size; i++)
        out[i] = b++;
    return 0;
}

/* One filesystem of the test guest on its disk dst. */
static virDomainFSInfoPtr
test_guest_fs_new(const char *mount, const char *dst, int part)
{
    virDomainFSInfoPtr fs = XNEW(virDomainFSInfo);

    fs->mountpoint = xstrdup(mount);
    fs->name = xasprintf("%s%d", dst, part);
    fs->fstype = xstrdup("ext4");
    fs->ndevAlias = 1;
    fs->devAlias = XNEW_ARRAY(char *, 1);
    fs->devAlias[0] = xstrdup(dst);
    return fs;
}

/* The guest's "/" and "/boot" live on partitions 1 and 2 of its first
 * disk-type disk; a guest without one has no filesystems. */
int
test_domain_get_fs_info(virDomainPtr dom, virDomainFSInfoPtr **info, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int n = 0;

    TEST_CHECK_FLAGS(flags, 0, "testDomainGetFSInfo", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    *info = NULL;
    for (size_t i = 0; i < obj->def->ndisks; i++) {
        const DomainDisk *disk = obj->def->disks[i];

        if (disk->device && STRNEQ(disk->device, "disk"))
            continue;
        *info = XNEW_ARRAY(virDomainFSInfoPtr, 2);
        (*info)[0] = test_guest_fs_new("/", disk->dst, 1);
        (*info)[1] = test_guest_fs_new("/boot", disk->dst, 2);
        n = 2;
        break;
    }
    pthread_mutex_unlock(&st->lock);
    return n;
}
