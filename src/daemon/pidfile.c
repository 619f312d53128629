/*
 * pidfile.c: open, lock, check it is still the file at path, write.
 *
 * The re-check after locking closes a race: a daemon that is exiting
 * unlinks the file while still holding the lock, so a newcomer may lock
 * an inode that no longer has a name. It then simply tries again.
 */
#include "daemon/pidfile.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/conf_file.h"
#include "util/alloc.h"

#define PIDFILE_ATTEMPTS 10

struct DaemonPidFile {
    char *path; /* owned */
    int fd;     /* holds the lock */
};

static int
pidfile_lock(int fd)
{
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

    return fcntl(fd, F_SETLK, &fl);
}

/* The pid of the process holding the lock, or 0 when unknown. */
static long
pidfile_holder(int fd)
{
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

    if (fcntl(fd, F_GETLK, &fl) < 0 || fl.l_type == F_UNLCK)
        return 0;
    return (long)fl.l_pid;
}

static bool
pidfile_still_named(int fd, const char *path)
{
    struct stat a, b;

    return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

static int
pidfile_write(int fd)
{
    char buf[32];
    int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

    if (ftruncate(fd, 0) < 0 || pwrite(fd, buf, (size_t)n, 0) != n)
        return -1;
    return 0;
}

/* One attempt: 1 = locked fd in *ret_fd, 0 = try again, -1 = error. */
static int
pidfile_try(const char *path, int *ret_fd, char **errmsg)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, 0644);
    long holder;

    if (fd < 0) {
        *errmsg = xasprintf("cannot open pid file '%s': %s", path, strerror(errno));
        return -1;
    }
    if (pidfile_lock(fd) < 0) {
        int err = errno;

        holder = pidfile_holder(fd);
        close(fd);
        if (err == EAGAIN || err == EACCES)
            *errmsg = xasprintf("pid file '%s' is locked: another vireod "
                                         "(pid %ld) is running", path, holder);
        else
            *errmsg = xasprintf("cannot lock pid file '%s': %s", path, strerror(err));
        return -1;
    }
    if (!pidfile_still_named(fd, path)) {
        close(fd);
        return 0;
    }
    *ret_fd = fd;
    return 1;
}

int
daemon_pidfile_acquire(const char *path, DaemonPidFile **ret_pidfile, char **errmsg)
{
    DaemonPidFile *pidfile;
    int fd = -1, rc = 0;

    for (int i = 0; i < PIDFILE_ATTEMPTS && rc == 0; i++)
        rc = pidfile_try(path, &fd, errmsg);
    if (rc == 0)
        *errmsg = xasprintf("pid file '%s' keeps being replaced", path);
    if (rc <= 0)
        return -1;
    if (pidfile_write(fd) < 0) {
        *errmsg = xasprintf("cannot write pid file '%s': %s", path, strerror(errno));
        unlink(path);
        close(fd);
        return -1;
    }
    pidfile = calloc(1, sizeof(*pidfile));
    if (!pidfile)
        abort();
    pidfile->path = xasprintf("%s", path);
    pidfile->fd = fd;
    *ret_pidfile = pidfile;
    return 0;
}

void
daemon_pidfile_release(DaemonPidFile *pidfile)
{
    if (!pidfile)
        return;
    unlink(pidfile->path);
    close(pidfile->fd);
    free(pidfile->path);
    free(pidfile);
}
