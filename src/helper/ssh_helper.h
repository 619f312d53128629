/*
 * ssh_helper.h: the one decision of vireo-ssh-helper worth a unit test:
 * which socket a URI means on this host.
 */
#ifndef VIREO_HELPER_SSH_HELPER_H
#define VIREO_HELPER_SSH_HELPER_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the daemon socket for uri_text into buf: the URI's socket=
 * parameter, else <dir_override>/libvirt-sock[-ro], else the session socket
 * under runtime_dir for a non-root "/session" URI, else libvirt's
 * /var/run/libvirt one. Returns 0, or -1 with *ret_error set (an
 * unparsable or non-local URI, or a path longer than len). */
int ssh_helper_socket_path(const char *uri_text, bool readonly, const char *dir_override,
                           const char *runtime_dir, bool root, char *buf, size_t len,
                           const char **ret_error);

#endif /* VIREO_HELPER_SSH_HELPER_H */
