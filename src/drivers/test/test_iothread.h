/*
 * test_iothread.h: the test driver's IOThread methods (test_iothread.c) and
 * the table entries that wire them into vireo_test_driver.
 */
#ifndef VIREO_DRIVERS_TEST_IOTHREAD_H
#define VIREO_DRIVERS_TEST_IOTHREAD_H

#include <libvirt/libvirt.h>

#include "drivers/test/test_private.h"

/* Polling parameters of one IOThread, as libvirt's test driver keeps them
 * next to (not in) the definition: created by virDomainAddIOThread (or for
 * the IOThreads of domains loaded from a state file), dropped by
 * virDomainDelIOThread, changed by virDomainSetIOThreadParams. */
typedef struct TestIOThreadPoll {
    unsigned int id;
    unsigned long long poll_max_ns;
    unsigned int poll_grow, poll_shrink;
} TestIOThreadPoll;

int test_domain_get_iothread_info(virDomainPtr dom, virDomainIOThreadInfoPtr **info,
                                  unsigned int flags);
int test_domain_pin_iothread(virDomainPtr dom, unsigned int iothread_id, unsigned char *cpumap,
                             int maplen, unsigned int flags);
int test_domain_add_iothread(virDomainPtr dom, unsigned int iothread_id, unsigned int flags);
int test_domain_del_iothread(virDomainPtr dom, unsigned int iothread_id, unsigned int flags);
int test_domain_set_iothread_params(virDomainPtr dom, unsigned int iothread_id,
                                    virTypedParameterPtr params, int nparams,
                                    unsigned int flags);

/* Appends the bulk statistics' iothread group of obj (running domains with
 * polling state only, as libvirt) to *params. Caller holds the lock. */
void test_iothread_stats(const TestDomain *obj, virTypedParameterPtr *params, int *nparams);

/* Gives the IOThreads of a domain just loaded from a state file their
 * polling state (libvirt does so for those only). */
void test_iothread_polls_load(TestDomain *obj);

#define TEST_IOTHREAD_METHODS \
    .domain_get_iothread_info = test_domain_get_iothread_info, \
    .domain_pin_iothread = test_domain_pin_iothread, \
    .domain_add_iothread = test_domain_add_iothread, \
    .domain_del_iothread = test_domain_del_iothread, \
    .domain_set_iothread_params = test_domain_set_iothread_params,

#endif /* VIREO_DRIVERS_TEST_IOTHREAD_H */
