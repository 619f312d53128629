/*
 * fake_driver.h: an in-test driver that records which method was called,
 * so the public API layer can be tested without a real hypervisor driver.
 */
#ifndef VIREO_TESTS_FAKE_DRIVER_H
#define VIREO_TESTS_FAKE_DRIVER_H

#include "drivers/driver.h"

/* What the last driver method saw. */
typedef struct {
    const char *method;   /* name of the driver method, NULL when none ran */
    unsigned int flags;   /* its flags argument (or memory/vcpu flags) */
    unsigned long value;  /* its numeric argument, if any */
    int calls;            /* methods run since fake_reset */
    int closes;           /* connect_close calls */
    int opens;            /* connect_open calls (any outcome) */
} FakeLog;

extern FakeLog fake_log;

/* Scheme "fake" opens, "fakeerr" fails with OPERATION_FAILED, anything
 * else is declined. Many methods are left NULL on purpose (NO_SUPPORT). */
extern VireoDriver fake_driver;

void fake_reset(void);

#endif /* VIREO_TESTS_FAKE_DRIVER_H */
