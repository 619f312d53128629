/*
 * remote_client_stream.h: the remote driver's stream procedures
 * (remote_client_stream.c).
 */
#ifndef VIREO_REMOTE_CLIENT_STREAM_H
#define VIREO_REMOTE_CLIENT_STREAM_H

#include <libvirt/libvirt.h>

char *remote_client_domain_screenshot(virDomainPtr dom, virStreamPtr st, unsigned int screen,
                                      unsigned int flags);
int remote_client_storage_vol_upload(virStorageVolPtr vol, virStreamPtr st,
                                     unsigned long long offset, unsigned long long length,
                                     unsigned int flags);
int remote_client_storage_vol_download(virStorageVolPtr vol, virStreamPtr st,
                                       unsigned long long offset, unsigned long long length,
                                       unsigned int flags);
int remote_client_domain_open_console(virDomainPtr dom, const char *dev_name, virStreamPtr st,
                                      unsigned int flags);

#endif /* VIREO_REMOTE_CLIENT_STREAM_H */
