/*
 * pidfile.h: a pid file that is also the daemon's instance lock.
 *
 * The file is opened (created if needed) and locked with an fcntl write
 * lock held for the daemon's life, so a second vireod on the same file
 * fails at once instead of replacing the first one's sockets, and a stale
 * file left by a crash is simply reused (the kernel drops the lock of a
 * dead process).
 */
#ifndef VIREO_DAEMON_PIDFILE_H
#define VIREO_DAEMON_PIDFILE_H

typedef struct DaemonPidFile DaemonPidFile;

/* Creates and locks path and writes our pid into it. Returns 0 with
 * *ret_pidfile set, or -1 with an allocated message in *errmsg (naming the
 * running daemon's pid when the file is locked). */
int daemon_pidfile_acquire(const char *path, DaemonPidFile **ret_pidfile, char **errmsg);

/* Removes the file, drops the lock and frees. NULL is a no-op. */
void daemon_pidfile_release(DaemonPidFile *pidfile);

#endif /* VIREO_DAEMON_PIDFILE_H */
