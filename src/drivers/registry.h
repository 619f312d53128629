/*
 * registry.h: lookup side of the driver registry (registration is declared
 * in driver.h). Used by virConnectOpen to try drivers in order.
 */
#ifndef VIREO_DRIVERS_REGISTRY_H
#define VIREO_DRIVERS_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "drivers/driver.h"

/* Number of registered drivers. */
size_t vireo_driver_count(void);

/* The driver at index in registration order, or NULL past the end. */
const VireoDriver *vireo_driver_get(size_t index);

/* Whether opening the URI name would never wait: the drivers are asked in
 * registration order (connect_open_probe) and the first one that does not
 * decline decides; a driver without a probe, a malformed URI or no taker
 * answer false. Does not report. */
bool vireo_driver_open_is_quick(const char *name);

/* Forgets every registration. For unit tests that install fake drivers. */
void vireo_driver_registry_reset(void);

#endif /* VIREO_DRIVERS_REGISTRY_H */
