/*
 * handles.h: the objects an application holds (virConnect, virDomain, ...).
 *
 * A handle is a refcounted, immutable snapshot of an object's identity (name,
 * UUID, id), not the object: the driver owns the object and looks it up by
 * UUID (or name/key) on every call, exactly like libvirt. Drivers create
 * handles with handle_*_new() and return them to the public API, which hands
 * them to the application; the application releases them with vir*Free.
 *
 * Every handle holds a reference on its connection, so a connection stays
 * alive while any of its handles does.
 */
#ifndef VIREO_DRIVERS_HANDLES_H
#define VIREO_DRIVERS_HANDLES_H

#include <pthread.h>
#include <stdatomic.h>
#include <libvirt/libvirt.h>

struct VireoDriver;

struct _virConnect {
    atomic_int refs;
    const struct VireoDriver *driver;  /* immutable after open */
    void *driver_data;                 /* owned by driver; freed by its connect_close */
    char *uri;                         /* immutable: the URI as opened (owned) */
    unsigned int flags;                /* immutable: VIR_CONNECT_RO, ... */

    pthread_mutex_t lock;              /* guards the fields below */
    virError last_error;               /* virConnGetLastError's copy */
    virErrorFunc error_handler;
    void *error_userdata;
};

struct _virDomain {
    atomic_int refs;
    virConnectPtr conn;                /* reference held */
    char *name;                        /* immutable, owned */
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;                            /* -1 when inactive at the time of lookup */
};

struct _virNetwork {
    atomic_int refs;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virStoragePool {
    atomic_int refs;
    virConnectPtr conn;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
};

struct _virStorageVol {
    atomic_int refs;
    virConnectPtr conn;
    char *pool;                        /* pool name */
    char *name;
    char *key;
};

/* objects helper: host interfaces and node devices. */
struct _virInterface {
    atomic_int refs;
    virConnectPtr conn;
    char *name;
    char *mac;
};

struct _virNodeDevice {
    atomic_int refs;
    virConnectPtr conn;
    char *name;
    char *parent_name;                 /* cached by virNodeDeviceGetParent, or NULL */
};
virInterfacePtr handle_iface_new(virConnectPtr conn, const char *name, const char *mac);
int handle_iface_unref(virInterfacePtr iface);
virNodeDevicePtr handle_nodedev_new(virConnectPtr conn, const char *name);
int handle_nodedev_unref(virNodeDevicePtr dev);
/* end objects helper */

/* snapshots: a snapshot or checkpoint names a moment of one domain; it
 * holds a reference on that domain handle (and so on the connection). */
struct _virDomainSnapshot {
    atomic_int refs;
    virDomainPtr domain;               /* reference held */
    char *name;                        /* immutable, owned */
};

struct _virDomainCheckpoint {
    atomic_int refs;
    virDomainPtr domain;               /* reference held */
    char *name;                        /* immutable, owned */
};
/* New handles with one reference, holding one on dom. Never fail. */
virDomainSnapshotPtr handle_snapshot_new(virDomainPtr dom, const char *name);
virDomainCheckpointPtr handle_checkpoint_new(virDomainPtr dom, const char *name);
/* Drop a reference; the last one frees the handle and releases dom. */
int handle_snapshot_unref(virDomainSnapshotPtr snap);
int handle_checkpoint_unref(virDomainCheckpointPtr chk);
/* end snapshots */

/* Allocates a connection with one reference, no driver yet. Never fails. */
virConnectPtr handle_connect_new(void);
/* Drops a reference; the last one calls driver->connect_close (if a driver
 * is set) and frees. Returns the remaining count. */
int handle_connect_unref(virConnectPtr conn);

/* Each returns a new handle with one reference, holding a reference on
 * conn. Strings are copied. Never fails (out of memory aborts). */
virDomainPtr handle_domain_new(virConnectPtr conn, const char *name,
                               const unsigned char *uuid, int id);
virNetworkPtr handle_network_new(virConnectPtr conn, const char *name,
                                 const unsigned char *uuid);
virStoragePoolPtr handle_pool_new(virConnectPtr conn, const char *name,
                                  const unsigned char *uuid);
virStorageVolPtr handle_vol_new(virConnectPtr conn, const char *pool,
                                const char *name, const char *key);

/* Drop a reference; the last one frees the handle and releases conn. */
int handle_domain_unref(virDomainPtr dom);
int handle_network_unref(virNetworkPtr net);
int handle_pool_unref(virStoragePoolPtr pool);
int handle_vol_unref(virStorageVolPtr vol);

#endif /* VIREO_DRIVERS_HANDLES_H */
