/*
 * remote_client_iothread.h: the remote driver's IOThread calls
 * (remote_client_iothread.c), spliced into vireo_remote_driver by
 * REMOTE_CLIENT_IOTHREAD_METHODS.
 */
#ifndef VIREO_REMOTE_CLIENT_IOTHREAD_H
#define VIREO_REMOTE_CLIENT_IOTHREAD_H

#include <libvirt/libvirt.h>

int remote_client_domain_get_iothread_info(virDomainPtr dom, virDomainIOThreadInfoPtr **info,
                                           unsigned int flags);
int remote_client_domain_pin_iothread(virDomainPtr dom, unsigned int iothread_id,
                                      unsigned char *cpumap, int maplen, unsigned int flags);
int remote_client_domain_add_iothread(virDomainPtr dom, unsigned int iothread_id,
                                      unsigned int flags);
int remote_client_domain_del_iothread(virDomainPtr dom, unsigned int iothread_id,
                                      unsigned int flags);
int remote_client_domain_set_iothread_params(virDomainPtr dom, unsigned int iothread_id,
                                             virTypedParameterPtr params, int nparams,
                                             unsigned int flags);

#define REMOTE_CLIENT_IOTHREAD_METHODS \
    .domain_get_iothread_info = remote_client_domain_get_iothread_info, \
    .domain_pin_iothread = remote_client_domain_pin_iothread, \
    .domain_add_iothread = remote_client_domain_add_iothread, \
    .domain_del_iothread = remote_client_domain_del_iothread, \
    .domain_set_iothread_params = remote_client_domain_set_iothread_params,

#endif /* VIREO_REMOTE_CLIENT_IOTHREAD_H */
