/*
 * libvirt-stream.h: data streams and the procedures that open them, as
 * libvirt 9.0 names them. Included from libvirt.h; do not include directly.
 */
#ifndef VIREO_LIBVIRT_STREAM_H
#define VIREO_LIBVIRT_STREAM_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    VIR_STREAM_NONBLOCK = (1 << 0),
} virStreamFlags;

/* virStreamSendAll asks the source for data; virStreamRecvAll hands data
 * to the sink. Both return bytes (or 0 at the end for the source), or -1. */
typedef int (*virStreamSourceFunc)(virStreamPtr st, char *data, size_t nbytes, void *opaque);
typedef int (*virStreamSinkFunc)(virStreamPtr st, const char *data, size_t nbytes,
                                 void *opaque);

virStreamPtr virStreamNew(virConnectPtr conn, unsigned int flags);
int virStreamRef(virStreamPtr st);
int virStreamSend(virStreamPtr st, const char *data, size_t nbytes);
int virStreamRecv(virStreamPtr st, char *data, size_t nbytes);
int virStreamSendAll(virStreamPtr st, virStreamSourceFunc handler, void *opaque);
int virStreamRecvAll(virStreamPtr st, virStreamSinkFunc handler, void *opaque);
int virStreamFinish(virStreamPtr st);
int virStreamAbort(virStreamPtr st);
int virStreamFree(virStreamPtr st);

char *virDomainScreenshot(virDomainPtr domain, virStreamPtr stream, unsigned int screen,
                          unsigned int flags);
int virStorageVolUpload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                        unsigned long long length, unsigned int flags);
int virStorageVolDownload(virStorageVolPtr vol, virStreamPtr stream, unsigned long long offset,
                          unsigned long long length, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_STREAM_H */
