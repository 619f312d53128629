/*
 * registry.h: lookup side of the driver registry (registration is declared
 * in driver.h). Used by virConnectOpen to try drivers in order.
 */
#ifndef VIREO_DRIVERS_REGISTRY_H
#define VIREO_DRIVERS_REGISTRY_H

#include <stddef.h>

#include "drivers/driver.h"

/* Number of registered drivers. */
size_t vireo_driver_count(void);

/* The driver at index in registration order, or NULL past the end. */
const VireoDriver *vireo_driver_get(size_t index);

/* Forgets every registration. For unit tests that install fake drivers. */
void vireo_driver_registry_reset(void);

#endif /* VIREO_DRIVERS_REGISTRY_H */
