/*
 * close_in_callback.c: an application closes its last connection from
 * inside an event callback of the in-process test driver. The callback runs
 * on the driver's event thread, and the close frees the driver state that
 * owns that thread; the thread must end cleanly instead of joining itself
 * or touching freed memory (the sanitizer build catches the latter).
 * Exit 0 when the callback ran, the close succeeded and the process is
 * still healthy afterwards.
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static int close_rc = -2;

static int
on_lifecycle(virConnectPtr conn, virDomainPtr dom, int event, int detail, void *opaque)
{
    (void)dom;
    (void)event;
    (void)detail;
    (void)opaque;
    pthread_mutex_lock(&lock);
    if (close_rc == -2) {
        /* the domain handle the library passed still holds the connection:
         * this drops the application's reference, the handle's goes after
         * the callback returns, on this thread */
        close_rc = virConnectClose(conn);
        pthread_cond_signal(&done_cond);
    }
    pthread_mutex_unlock(&lock);
    return 0;
}

int
main(void)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom;
    struct timespec deadline;
    int rc;

    if (!conn) {
        fprintf(stderr, "open failed\n");
        return 1;
    }
    if (virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                         VIR_DOMAIN_EVENT_CALLBACK(on_lifecycle), NULL,
                                         NULL) < 0) {
        fprintf(stderr, "register failed\n");
        return 1;
    }
    if (!(dom = virDomainLookupByName(conn, "test")) || virDomainSuspend(dom) < 0) {
        fprintf(stderr, "suspend failed\n");
        return 1;
    }
    virDomainFree(dom);
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 10;
    pthread_mutex_lock(&lock);
    while (close_rc == -2 &&
           pthread_cond_timedwait(&done_cond, &lock, &deadline) == 0)
        ;
    rc = close_rc;
    pthread_mutex_unlock(&lock);
    if (rc == -2) {
        fprintf(stderr, "the callback never ran\n");
        return 1;
    }
    /* the application's close leaves the handle's reference: 1 */
    if (rc != 1) {
        fprintf(stderr, "virConnectClose in the callback returned %d\n", rc);
        return 1;
    }
    /* let the event thread finish and free what it owns, then use the
     * library again: a fresh connection gets a fresh default state */
    usleep(200 * 1000);
    if (!(conn = virConnectOpen("test:///default")) ||
        !(dom = virDomainLookupByName(conn, "test"))) {
        fprintf(stderr, "reopen failed\n");
        return 1;
    }
    virDomainInfo info;
    if (virDomainGetInfo(dom, &info) < 0 || info.state != VIR_DOMAIN_RUNNING) {
        fprintf(stderr, "the default state was not reset\n");
        return 1;
    }
    virDomainFree(dom);
    virConnectClose(conn);
    printf("ok\n");
    return 0;
}
