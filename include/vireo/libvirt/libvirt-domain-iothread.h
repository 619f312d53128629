/*
 * libvirt-domain-iothread.h: a domain's IOThreads (list with their CPU
 * affinity, add, remove, pin, polling parameters), with libvirt's names,
 * values and signatures. Included by libvirt.h.
 */
#ifndef VIREO_LIBVIRT_DOMAIN_IOTHREAD_H
#define VIREO_LIBVIRT_DOMAIN_IOTHREAD_H

#ifndef VIREO_LIBVIRT_H
#error "include <libvirt/libvirt.h> instead"
#endif

typedef struct _virDomainIOThreadInfo virDomainIOThreadInfo;
typedef virDomainIOThreadInfo *virDomainIOThreadInfoPtr;
struct _virDomainIOThreadInfo {
    unsigned int iothread_id;
    unsigned char *cpumap; /* one bit per host CPU, cpumaplen bytes */
    int cpumaplen;
};

void virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info);
int virDomainGetIOThreadInfo(virDomainPtr domain, virDomainIOThreadInfoPtr **info,
                             unsigned int flags);
int virDomainPinIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned char *cpumap,
                         int maplen, unsigned int flags);
int virDomainAddIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags);
int virDomainDelIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags);

/* Typed parameter names of virDomainSetIOThreadParams. */
#define VIR_DOMAIN_IOTHREAD_POLL_MAX_NS "poll_max_ns"
#define VIR_DOMAIN_IOTHREAD_POLL_GROW "poll_grow"
#define VIR_DOMAIN_IOTHREAD_POLL_SHRINK "poll_shrink"
#define VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN "thread_pool_min"
#define VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX "thread_pool_max"

int virDomainSetIOThreadParams(virDomainPtr domain, unsigned int iothread_id,
                               virTypedParameterPtr params, int nparams, unsigned int flags);

#endif /* VIREO_LIBVIRT_DOMAIN_IOTHREAD_H */
