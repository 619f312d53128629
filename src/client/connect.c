/*
 * connect.c: opening and closing connections, library initialisation.
 *
 * virConnectOpen picks the URI (argument, else $LIBVIRT_DEFAULT_URI, else
 * qemu:///system), parses it, and offers it to each registered driver in
 * turn until one accepts. A library with no drivers registered yet gets the
 * in-process test driver and then the remote driver; vireod registers its
 * own drivers before opening anything, so it never forwards to itself.
 */
#define VIR_FROM_THIS VIR_FROM_NONE

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "client/client.h"
#include "drivers/registry.h"
#include "util/alloc.h"
#include "util/log.h"
#include "util/uri.h"

/* Absent from builds that do not link them (the daemon never links the
 * remote client driver); their address is then NULL. */
extern const VireoDriver vireo_test_driver __attribute__((weak));
extern const VireoDriver vireo_remote_driver __attribute__((weak));

#define CLIENT_DEFAULT_URI "qemu:///system"

static pthread_mutex_t client_defaults_lock = PTHREAD_MUTEX_INITIALIZER;

/* Registers the built-in drivers when nothing else registered any. */
static void
client_register_defaults(void)
{
    pthread_mutex_lock(&client_defaults_lock);
    if (vireo_driver_count() == 0) {
        if (&vireo_test_driver)
            vireo_driver_register(&vireo_test_driver);
        if (&vireo_remote_driver)
            vireo_driver_register(&vireo_remote_driver);
    }
    pthread_mutex_unlock(&client_defaults_lock);
}

int
virInitialize(void)
{
    /* Everything initialises lazily; kept for libvirt compatibility. */
    return 0;
}

int
virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    virResetLastError();
    if (!libVer) {
        vir_error_dispatch(NULL, __func__);
        return -1;
    }
    *libVer = LIBVIR_VERSION_NUMBER;
    if (typeVer)
        *typeVer = LIBVIR_VERSION_NUMBER;
    return 0;
}

/* The URI to open when the caller gave none (or ""). */
static const char *
client_default_uri(void)
{
    const char *env = getenv("LIBVIRT_DEFAULT_URI");

    return env && *env ? env : CLIENT_DEFAULT_URI;
}

/* Parses text, reporting like libvirt when it is malformed or relative. */
static VireoUri *
client_parse_uri(const char *text)
{
    VireoUri *uri = NULL;

    if (vireo_uri_parse(text, &uri) < 0) {
        /* An oversized name (it may come off the wire) is not echoed whole:
         * the error has to fit back into a reply. */
        int shown = strnlen(text, VIREO_URI_MAX + 1) > VIREO_URI_MAX ? 256 : (int)VIREO_URI_MAX;

        vir_error_report(VIR_FROM_URI, VIR_ERR_INTERNAL_ERROR, "Unable to parse URI %.*s%s",
                         shown, text, shown < VIREO_URI_MAX ? "..." : "");
        return NULL;
    }
    if (!uri->scheme) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_NO_CONNECT,
                         "URI '%s' does not include a driver name", text);
        vireo_uri_free(uri);
        return NULL;
    }
    return uri;
}

/* Offers uri to each driver in registration order. Returns 0 when one
 * accepted (conn->driver set), -1 after reporting. */
static int
client_try_drivers(virConnectPtr conn, const VireoUri *uri, const char *name,
                   virConnectAuthPtr auth, unsigned int flags)
{
    for (size_t i = 0; i < vireo_driver_count(); i++) {
        const VireoDriver *driver = vireo_driver_get(i);
        VireoDrvOpenStatus status;

        conn->driver = driver;
        status = driver->connect_open(conn, uri, auth, flags);
        VIREO_DEBUG_LOG("driver %s answered %d for '%s'", driver->name, status, conn->uri);
        if (status == VIREO_DRV_OPEN_SUCCESS)
            return 0;
        /* Not opened: the connection must not be closed through it. */
        conn->driver = NULL;
        conn->driver_data = NULL;
        if (status == VIREO_DRV_OPEN_ERROR) {
            vir_error_ensure_set("connect_open");
            return -1;
        }
    }
    vir_error_report(VIR_FROM_NONE, VIR_ERR_NO_CONNECT, "%s", NULLSTR(name));
    return -1;
}

virConnectPtr
client_connect_open(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    const char *text;
    VireoUri *uri;
    virConnectPtr conn;
    int r;

    virResetLastError();
    client_register_defaults();
    if (name && !*name)
        name = NULL; /* "" means "pick the default", as in libvirt */
    text = name ? name : client_default_uri();
    if (!(uri = client_parse_uri(text))) {
        vir_error_dispatch(NULL, __func__);
        return NULL;
    }
    conn = handle_connect_new();
    conn->uri = xstrdup(text);
    conn->flags = flags;
    r = client_try_drivers(conn, uri, name, auth, flags);
    vireo_uri_free(uri);
    if (r < 0) {
        handle_connect_unref(conn);
        vir_error_dispatch(NULL, __func__);
        return NULL;
    }
    return conn;
}

virConnectPtr
virConnectOpen(const char *name)
{
    return client_connect_open(name, NULL, 0);
}

virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    return client_connect_open(name, NULL, VIR_CONNECT_RO);
}

virConnectPtr
virConnectOpenAuth(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    /* Flags pass through unchecked, as in libvirt: the daemon forwards the
     * CONNECT_OPEN flags of its clients here, including bits only the
     * remote driver gives a meaning to. */
    return client_connect_open(name, auth, flags);
}

int
virConnectClose(virConnectPtr conn)
{
    CLIENT_ENTER_CONN(conn, -1);
    return handle_connect_unref(conn) > 0 ? 1 : 0;
}

/* ---- per-connection error record ---------------------------------------- */

void
virConnSetErrorFunc(virConnectPtr conn, void *userData, virErrorFunc handler)
{
    if (!conn)
        return;
    pthread_mutex_lock(&conn->lock);
    conn->error_handler = handler;
    conn->error_userdata = userData;
    pthread_mutex_unlock(&conn->lock);
}

virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    /* Like libvirt, the record itself: not thread-safe, kept for old code. */
    return conn ? &conn->last_error : NULL;
}

void
virConnResetLastError(virConnectPtr conn)
{
    if (!conn)
        return;
    pthread_mutex_lock(&conn->lock);
    virResetError(&conn->last_error);
    pthread_mutex_unlock(&conn->lock);
}

int
virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
{
    if (!to)
        return -1;
    memset(to, 0, sizeof(*to));
    if (!conn)
        return -1;
    pthread_mutex_lock(&conn->lock);
    if (conn->last_error.code != VIR_ERR_OK)
        vir_error_copy(&conn->last_error, to);
    pthread_mutex_unlock(&conn->lock);
    return to->code;
}
