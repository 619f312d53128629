/*
 * concurrent_calls.c: many threads on one virConnectPtr (issue 4 item 6).
 *
 * Usage: vireo-concurrent-calls URI THREADS CALLS
 * Each thread defines its own domain (its name and memory size encode the
 * thread number), then makes CALLS mixed calls on the shared connection:
 * lookups of its own and of other threads' domains, info, XML, counts.
 * Every answer is checked against what that call must return, so a reply
 * delivered to the wrong caller (or lost) is caught. Prints "ok N" with
 * the number of calls made, or the first mismatch, and exits non-zero on
 * any failure.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libvirt/libvirt.h>

static virConnectPtr conn;
static int nthreads;
static long ncalls;
static atomic_long done_calls;
static atomic_int failed;
static unsigned char uuids[1024][VIR_UUID_BUFLEN];

#define FAIL(...) \
    do { \
        if (!atomic_exchange(&failed, 1)) { \
            fprintf(stderr, __VA_ARGS__); \
            fputc('\n', stderr); \
        } \
        return NULL; \
    } while (0)

static unsigned long
thread_memory(int t)
{
    return 65536UL + (unsigned long)t * 1024UL; /* KiB, distinct per thread */
}

static void *
worker(void *arg)
{
    int t = (int)(long)arg;
    char name[64];
    unsigned int seed = (unsigned int)t * 7919u + 1u;

    snprintf(name, sizeof(name), "conc-%d", t);
    for (long i = 0; i < ncalls && !atomic_load(&failed); i++) {
        int other = (int)(rand_r(&seed) % (unsigned)nthreads);
        char oname[64];
        virDomainPtr dom;
        virDomainInfo info;
        char *xml;

        snprintf(oname, sizeof(oname), "conc-%d", other);
        switch (i % 5) {
        case 0:
            if (!(dom = virDomainLookupByName(conn, oname)))
                FAIL("thread %d call %ld: lookup %s failed", t, i, oname);
            if (strcmp(virDomainGetName(dom), oname) != 0)
                FAIL("thread %d call %ld: lookup %s answered %s", t, i, oname,
                     virDomainGetName(dom));
            {
                unsigned char u[VIR_UUID_BUFLEN];

                if (virDomainGetUUID(dom, u) < 0 || memcmp(u, uuids[other], 16) != 0)
                    FAIL("thread %d call %ld: uuid of %s swapped", t, i, oname);
            }
            virDomainFree(dom);
            break;
        case 1:
            if (!(dom = virDomainLookupByUUID(conn, uuids[other])))
                FAIL("thread %d call %ld: lookup by uuid failed", t, i);
            if (strcmp(virDomainGetName(dom), oname) != 0)
                FAIL("thread %d call %ld: uuid of %s answered %s", t, i, oname,
                     virDomainGetName(dom));
            virDomainFree(dom);
            break;
        case 2:
            if (!(dom = virDomainLookupByName(conn, name)))
                FAIL("thread %d: own lookup failed", t);
            if (virDomainGetInfo(dom, &info) < 0 || info.maxMem != thread_memory(t))
                FAIL("thread %d call %ld: info maxMem %lu, want %lu", t, i, info.maxMem,
                     thread_memory(t));
            virDomainFree(dom);
            break;
        case 3:
            if (!(dom = virDomainLookupByName(conn, oname)))
                FAIL("thread %d: lookup failed", t);
            xml = virDomainGetXMLDesc(dom, 0);
            {
                char want[96];

                snprintf(want, sizeof(want), "<name>%s</name>", oname);
                if (!xml || !strstr(xml, want))
                    FAIL("thread %d call %ld: XML of %s is another domain's", t, i, oname);
            }
            free(xml);
            virDomainFree(dom);
            break;
        default:
            if (virConnectNumOfDefinedDomains(conn) < nthreads)
                FAIL("thread %d call %ld: defined count too small", t, i);
            break;
        }
        atomic_fetch_add(&done_calls, 1);
    }
    return NULL;
}

int
main(int argc, char **argv)
{
    pthread_t *th;

    if (argc != 4) {
        fprintf(stderr, "usage: %s URI THREADS CALLS\n", argv[0]);
        return 2;
    }
    nthreads = atoi(argv[2]);
    ncalls = atol(argv[3]);
    if (nthreads < 1 || nthreads > 1024 || ncalls < 1)
        return 2;
    if (!(conn = virConnectOpen(argv[1]))) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    for (int t = 0; t < nthreads; t++) {
        char xml[512];
        virDomainPtr dom;

        snprintf(xml, sizeof(xml),
                 "<domain type='test'><name>conc-%d</name><memory>%lu</memory>"
                 "<vcpu>1</vcpu><os><type>hvm</type></os></domain>", t, thread_memory(t));
        if (!(dom = virDomainDefineXML(conn, xml)) || virDomainGetUUID(dom, uuids[t]) < 0) {
            fprintf(stderr, "cannot define conc-%d\n", t);
            return 1;
        }
        virDomainFree(dom);
    }
    th = calloc((size_t)nthreads, sizeof(*th));
    for (int t = 0; t < nthreads; t++)
        pthread_create(&th[t], NULL, worker, (void *)(long)t);
    for (int t = 0; t < nthreads; t++)
        pthread_join(th[t], NULL);
    free(th);
    if (atomic_load(&failed))
        return 1;
    if (atomic_load(&done_calls) != (long)nthreads * ncalls) {
        fprintf(stderr, "only %ld of %ld calls done\n", atomic_load(&done_calls),
                (long)nthreads * ncalls);
        return 1;
    }
    printf("ok %ld\n", atomic_load(&done_calls));
    virConnectClose(conn);
    return 0;
}
