/*
 * events_noloop.c: a libvireo program with no event loop at all.
 *
 *   vireo-events-noloop events URI N TIMEOUT
 *       registers domain, network and storage pool lifecycle callbacks,
 *       prints "ready", then one line per event until N arrived (or
 *       TIMEOUT seconds passed), deregisters and exits.
 *   vireo-events-noloop keepalive URI INTERVAL COUNT TIMEOUT
 *       sets keepalive, registers a close callback, prints "ready", then
 *       waits for the callback and prints "closed REASON".
 * The main thread only sleeps: everything arrives on the library's own
 * I/O thread.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libvirt/libvirt.h>

static atomic_int events_seen;
static atomic_int closed_reason = -1;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static void
on_domain(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void)conn;
    (void)opaque;
    pthread_mutex_lock(&out_lock);
    printf("domain %s %d %d\n", virDomainGetName(dom), event, detail);
    fflush(stdout);
    pthread_mutex_unlock(&out_lock);
    atomic_fetch_add(&events_seen, 1);
}

static void
on_network(virConnectPtr conn, virNetworkPtr net, int event, int detail, void *opaque)
{
    (void)conn;
    (void)opaque;
    pthread_mutex_lock(&out_lock);
    printf("network %s %d %d\n", virNetworkGetName(net), event, detail);
    fflush(stdout);
    pthread_mutex_unlock(&out_lock);
    atomic_fetch_add(&events_seen, 1);
}

static void
on_pool(virConnectPtr conn, virStoragePoolPtr pool, int event, int detail, void *opaque)
{
    (void)conn;
    (void)opaque;
    pthread_mutex_lock(&out_lock);
    printf("pool %s %d %d\n", virStoragePoolGetName(pool), event, detail);
    fflush(stdout);
    pthread_mutex_unlock(&out_lock);
    atomic_fetch_add(&events_seen, 1);
}

static void
on_close(virConnectPtr conn, int reason, void *opaque)
{
    (void)conn;
    (void)opaque;
    atomic_store(&closed_reason, reason);
}

int
main(int argc, char **argv)
{
    virConnectPtr conn;

    if (argc < 5)
        return 2;
    if (!(conn = virConnectOpen(argv[2]))) {
        fprintf(stderr, "cannot open %s\n", argv[2]);
        return 1;
    }
    if (strcmp(argv[1], "events") == 0) {
        int want = atoi(argv[3]);
        int timeout_ms = atoi(argv[4]) * 1000;
        int ids[3];

        ids[0] = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                  VIR_DOMAIN_EVENT_CALLBACK(on_domain), NULL,
                                                  NULL);
        ids[1] = virConnectNetworkEventRegisterAny(conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                   VIR_NETWORK_EVENT_CALLBACK(on_network),
                                                   NULL, NULL);
        ids[2] = virConnectStoragePoolEventRegisterAny(
            conn, NULL, VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
            VIR_STORAGE_POOL_EVENT_CALLBACK(on_pool), NULL, NULL);
        if (ids[0] < 0 || ids[1] < 0 || ids[2] < 0) {
            fprintf(stderr, "register failed: %s\n", virGetLastErrorMessage());
            return 1;
        }
        printf("ready\n");
        fflush(stdout);
        while (atomic_load(&events_seen) < want && timeout_ms > 0) {
            usleep(10000);
            timeout_ms -= 10;
        }
        if (virConnectDomainEventDeregisterAny(conn, ids[0]) < 0 ||
            virConnectNetworkEventDeregisterAny(conn, ids[1]) < 0 ||
            virConnectStoragePoolEventDeregisterAny(conn, ids[2]) < 0) {
            fprintf(stderr, "deregister failed: %s\n", virGetLastErrorMessage());
            return 1;
        }
        virConnectClose(conn);
        return atomic_load(&events_seen) >= want ? 0 : 1;
    }
    if (strcmp(argv[1], "keepalive") == 0 && argc == 6) {
        int timeout_ms = atoi(argv[5]) * 1000;

        if (virConnectSetKeepAlive(conn, atoi(argv[3]), (unsigned)atoi(argv[4])) < 0 ||
            virConnectRegisterCloseCallback(conn, on_close, NULL, NULL) < 0) {
            fprintf(stderr, "setup failed: %s\n", virGetLastErrorMessage());
            return 1;
        }
        printf("ready\n");
        fflush(stdout);
        while (atomic_load(&closed_reason) < 0 && timeout_ms > 0) {
            usleep(10000);
            timeout_ms -= 10;
        }
        printf("closed %d\n", atomic_load(&closed_reason));
        fflush(stdout);
        return atomic_load(&closed_reason) < 0 ? 1 : 0;
    }
    return 2;
}
