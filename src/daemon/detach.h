/*
 * detach.h: -d, running in the background with a truthful exit status.
 *
 * The process that the user started waits until the detached daemon has
 * finished start-up (sockets listening) or failed, copies its messages to
 * its own stderr, and exits 0 or 1 accordingly. Scripts can therefore rely
 * on "vireod -d" returning only when clients can connect.
 */
#ifndef VIREO_DAEMON_DETACH_H
#define VIREO_DAEMON_DETACH_H

/* Double-forks and starts a new session. Returns only in the detached
 * grandchild, with stdin and stdout on /dev/null, stderr sent to the
 * waiting parent, the working directory "/", and the notify fd in
 * *ret_notify_fd. The original process never returns. Returns -1 with an
 * allocated message in *errmsg when the fork itself fails. */
int daemon_detach(int *ret_notify_fd, char **errmsg);

/* In the detached daemon, once start-up succeeded: tells the parent (which
 * then exits 0) and points stderr to /dev/null. A daemon that fails exits
 * without calling this, so the parent sees EOF and exits 1. */
void daemon_detach_ready(int notify_fd);

#endif /* VIREO_DAEMON_DETACH_H */
