/*
 * ssh_helper_socket.c: which daemon socket a URI means (ssh_helper.h).
 */
#include "helper/ssh_helper.h"

#include <stdio.h>
#include <string.h>

#include "util/uri.h"

int
ssh_helper_socket_path(const char *uri_text, bool readonly, const char *dir_override,
                       const char *runtime_dir, bool root, char *buf, size_t len,
                       const char **ret_error)
{
    VireoUri *uri = NULL;
    const char *name = readonly ? "libvirt-sock-ro" : "libvirt-sock";
    const char *sock;
    int n;

    if (vireo_uri_parse(uri_text, &uri) < 0 || !uri->scheme) {
        vireo_uri_free(uri);
        *ret_error = "cannot parse the URI";
        return -1;
    }
    if ((uri->transport && strcmp(uri->transport, "unix") != 0) || uri->server) {
        vireo_uri_free(uri);
        *ret_error = "the URI must be a local one (no transport other than unix, no host)";
        return -1;
    }
    if ((sock = vireo_uri_param(uri, "socket")))
        n = snprintf(buf, len, "%s", sock);
    else if (dir_override && *dir_override)
        n = snprintf(buf, len, "%s/%s", dir_override, name);
    else if (!root && uri->path && strcmp(uri->path, "/session") == 0 && runtime_dir)
        n = snprintf(buf, len, "%s/libvirt/libvirt-sock", runtime_dir);
    else
        n = snprintf(buf, len, "/var/run/libvirt/%s", name);
    vireo_uri_free(uri);
    if (n < 0 || (size_t)n >= len) {
        *ret_error = "socket path too long";
        return -1;
    }
    return 0;
}
