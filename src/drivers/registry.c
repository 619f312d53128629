/*
 * registry.c: the ordered list of drivers virConnectOpen tries.
 *
 * Registration happens at start-up, before any connection is opened, so
 * the list needs no lock for readers; a mutex still guards writers against
 * two libraries initialising at once.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "drivers/driver.h"
#include "drivers/registry.h"
#include "util/uri.h"

#define REGISTRY_MAX 16

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static const VireoDriver *registry[REGISTRY_MAX]; /* guarded by registry_lock for writes */
static size_t registry_count;                      /* likewise */

void
vireo_driver_register(const VireoDriver *driver)
{
    pthread_mutex_lock(&registry_lock);
    for (size_t i = 0; i < registry_count; i++) {
        if (registry[i] == driver) {
            pthread_mutex_unlock(&registry_lock);
            return;
        }
    }
    if (registry_count == REGISTRY_MAX) {
        /* A build-time mistake, not a runtime condition. */
        fputs("vireo: too many drivers registered\n", stderr);
        abort();
    }
    registry[registry_count++] = driver;
    pthread_mutex_unlock(&registry_lock);
}

size_t
vireo_driver_count(void)
{
    size_t n;

    pthread_mutex_lock(&registry_lock);
    n = registry_count;
    pthread_mutex_unlock(&registry_lock);
    return n;
}

const VireoDriver *
vireo_driver_get(size_t index)
{
    const VireoDriver *driver = NULL;

    pthread_mutex_lock(&registry_lock);
    if (index < registry_count)
        driver = registry[index];
    pthread_mutex_unlock(&registry_lock);
    return driver;
}

bool
vireo_driver_open_is_quick(const char *name)
{
    VireoUri *uri = NULL;
    bool quick = false;

    if (!name || vireo_uri_parse(name, &uri) < 0 || !uri->scheme) {
        vireo_uri_free(uri);
        return false;
    }
    for (size_t i = 0; i < vireo_driver_count(); i++) {
        const VireoDriver *driver = vireo_driver_get(i);
        VireoDrvOpenStatus status;

        if (!driver->connect_open_probe)
            break;
        status = driver->connect_open_probe(uri);
        if (status == VIREO_DRV_OPEN_DECLINED)
            continue;
        quick = status == VIREO_DRV_OPEN_SUCCESS;
        break;
    }
    vireo_uri_free(uri);
    return quick;
}

void
vireo_driver_registry_reset(void)
{
    pthread_mutex_lock(&registry_lock);
    registry_count = 0;
    pthread_mutex_unlock(&registry_lock);
}
