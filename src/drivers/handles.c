/*
 * handles.c: refcounted handles for connections and the objects on them.
 *
 * A handle only names an object; the driver owns the object itself. Every
 * object handle holds a reference on its connection, so the connection's
 * driver state outlives all handles an application still holds. The last
 * unref of a connection closes it through its driver.
 */
#include <stdlib.h>
#include <string.h>

#include "drivers/driver.h"
#include "drivers/handles.h"
#include "util/alloc.h"
#include "util/error.h"

virConnectPtr
handle_connect_new(void)
{
    virConnectPtr conn = XNEW(virConnect);

    atomic_init(&conn->refs, 1);
    pthread_mutex_init(&conn->lock, NULL);
    return conn;
}

int
handle_connect_unref(virConnectPtr conn)
{
    int left = atomic_fetch_sub(&conn->refs, 1) - 1;

    if (left > 0)
        return left;
    if (conn->driver && conn->driver->connect_close)
        conn->driver->connect_close(conn);
    virResetError(&conn->last_error);
    pthread_mutex_destroy(&conn->lock);
    free(conn->uri);
    free(conn);
    return 0;
}

virDomainPtr
handle_domain_new(virConnectPtr conn, const char *name, const unsigned char *uuid, int id)
{
    virDomainPtr dom = XNEW(virDomain);

    atomic_init(&dom->refs, 1);
    atomic_fetch_add(&conn->refs, 1);
    dom->conn = conn;
    dom->name = xstrdup(name);
    if (uuid)
        memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    dom->id = id;
    return dom;
}

virNetworkPtr
handle_network_new(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virNetworkPtr net = XNEW(virNetwork);

    atomic_init(&net->refs, 1);
    atomic_fetch_add(&conn->refs, 1);
    net->conn = conn;
    net->name = xstrdup(name);
    if (uuid)
        memcpy(net->uuid, uuid, VIR_UUID_BUFLEN);
    return net;
}

virStoragePoolPtr
handle_pool_new(virConnectPtr conn, const char *name, const unsigned char *uuid)
{
    virStoragePoolPtr pool = XNEW(virStoragePool);

    atomic_init(&pool->refs, 1);
    atomic_fetch_add(&conn->refs, 1);
    pool->conn = conn;
    pool->name = xstrdup(name);
    if (uuid)
        memcpy(pool->uuid, uuid, VIR_UUID_BUFLEN);
    return pool;
}

virStorageVolPtr
handle_vol_new(virConnectPtr conn, const char *pool, const char *name, const char *key)
{
    virStorageVolPtr vol = XNEW(virStorageVol);

    atomic_init(&vol->refs, 1);
    atomic_fetch_add(&conn->refs, 1);
    vol->conn = conn;
    vol->pool = xstrdup(pool);
    vol->name = xstrdup(name);
    vol->key = xstrdup(key);
    return vol;
}

int
handle_domain_unref(virDomainPtr dom)
{
    int left = atomic_fetch_sub(&dom->refs, 1) - 1;

    if (left > 0)
        return left;
    handle_connect_unref(dom->conn);
    free(dom->name);
    free(dom);
    return 0;
}

int
handle_network_unref(virNetworkPtr net)
{
    int left = atomic_fetch_sub(&net->refs, 1) - 1;

    if (left > 0)
        return left;
    handle_connect_unref(net->conn);
    free(net->name);
    free(net);
    return 0;
}

int
handle_pool_unref(virStoragePoolPtr pool)
{
    int left = atomic_fetch_sub(&pool->refs, 1) - 1;

    if (left > 0)
        return left;
    handle_connect_unref(pool->conn);
    free(pool->name);
    free(pool);
    return 0;
}

int
handle_vol_unref(virStorageVolPtr vol)
{
    int left = atomic_fetch_sub(&vol->refs, 1) - 1;

    if (left > 0)
        return left;
    handle_connect_unref(vol->conn);
    free(vol->pool);
    free(vol->name);
    free(vol->key);
    free(vol);
    return 0;
}

void
vir_error_dispatch(virConnectPtr conn, const char *func)
{
    virErrorFunc handler;
    void *data;
    virErrorPtr err;

    vir_error_ensure_set(func);
    err = vir_error_current();
    vir_error_global_handler(&handler, &data);
    if (conn) {
        pthread_mutex_lock(&conn->lock);
        vir_error_copy(err, &conn->last_error);
        if (conn->error_handler) {
            handler = conn->error_handler;
            data = conn->error_userdata;
        }
        pthread_mutex_unlock(&conn->lock);
    }
    if (handler)
        handler(data, err);
    else
        virDefaultErrorFunc(err);
}

/* objects helper: host interfaces and node devices. */
virInterfacePtr
handle_iface_new(virConnectPtr conn, const char *name, const char *mac)
{
    virInterfacePtr iface = XNEW(virInterface);

    atomic_init(&iface->refs, 1);
    atomic_fetch_add(&conn->refs, 1);
    iface->conn = conn;
    iface->name = xstrdup(name);
    iface->mac = xstrdup(mac ? mac : "");
    return iface;
}

int
handle_iface_unref(virInterfacePtr iface)
{
    int left = atomic_fetch_sub(&iface->refs, 1) - 1;

    if (left > 0)
        return left;
    handle_connect_unref(iface->conn);
    free(iface->name);
    free(iface->mac);
    free(iface);
    return 0;
}

virNodeDevicePtr
handle_nodedev_new(virConnectPtr conn, const char *name)
{
    virNodeDevicePtr dev = XNEW(virNodeDevice);

    atomic_init(&dev->refs, 1);
    atomic_fetch_add(&conn->refs, 1);
    dev->conn = conn;
    dev->name = xstrdup(name);
    return dev;
}

int
handle_nodedev_unref(virNodeDevicePtr dev)
{
    int left = atomic_fetch_sub(&dev->refs, 1) - 1;

    if (left > 0)
        return left;
    handle_connect_unref(dev->conn);
    free(dev->name);
    free(dev->parent_name);
    free(dev);
    return 0;
}
/* end objects helper */

/* snapshots: snapshot and checkpoint handles. */
virDomainSnapshotPtr
handle_snapshot_new(virDomainPtr dom, const char *name)
{
    virDomainSnapshotPtr snap = XNEW(virDomainSnapshot);

    atomic_init(&snap->refs, 1);
    atomic_fetch_add(&dom->refs, 1);
    snap->domain = dom;
    snap->name = xstrdup(name);
    return snap;
}

int
handle_snapshot_unref(virDomainSnapshotPtr snap)
{
    int left = atomic_fetch_sub(&snap->refs, 1) - 1;

    if (left > 0)
        return left;
    handle_domain_unref(snap->domain);
    free(snap->name);
    free(snap);
    return 0;
}

virDomainCheckpointPtr
handle_checkpoint_new(virDomainPtr dom, const char *name)
{
    virDomainCheckpointPtr chk = XNEW(virDomainCheckpoint);

    atomic_init(&chk->refs, 1);
    atomic_fetch_add(&dom->refs, 1);
    chk->domain = dom;
    chk->name = xstrdup(name);
    return chk;
}

int
handle_checkpoint_unref(virDomainCheckpointPtr chk)
{
    int left = atomic_fetch_sub(&chk->refs, 1) - 1;

    if (left > 0)
        return left;
    handle_domain_unref(chk->domain);
    free(chk->name);
    free(chk);
    return 0;
}
/* end snapshots */
