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
/* Sparse streams: virStreamRecvFlags stops before a hole (returning -3)
 * when asked; the hole is then taken with virStreamRecvHole. */
typedef enum {
    VIR_STREAM_RECV_STOP_AT_HOLE = (1 << 0),
} virStreamRecvFlagsValues;

int virStreamRecvFlags(virStreamPtr st, char *data, size_t nbytes, unsigned int flags);
int virStreamSendHole(virStreamPtr st, long long length, unsigned int flags);
int virStreamRecvHole(virStreamPtr, long long *length, unsigned int flags);
int virStreamInData(virStreamPtr st, int *data, long long *length);

/* virStreamSparseSendAll asks the hole handler where the source stands
 * (data or a hole, and for how long) and the skip handler to move past a
 * hole it sent; virStreamSparseRecvAll hands holes to its hole handler. */
typedef int (*virStreamSourceHoleFunc)(virStreamPtr st, int *inData, long long *length,
                                       void *opaque);
typedef int (*virStreamSourceSkipFunc)(virStreamPtr st, long long length, void *opaque);
typedef int (*virStreamSinkHoleFunc)(virStreamPtr st, long long length, void *opaque);

int virStreamSparseSendAll(virStreamPtr st, virStreamSourceFunc handler,
                           virStreamSourceHoleFunc holeHandler,
                           virStreamSourceSkipFunc skipHandler, void *opaque);
int virStreamSparseRecvAll(virStreamPtr stream, virStreamSinkFunc handler,
                           virStreamSinkHoleFunc holeHandler, void *opaque);

/* Non-blocking streams driven by the registered event loop. */
typedef enum {
    VIR_STREAM_EVENT_READABLE = (1 << 0),
    VIR_STREAM_EVENT_WRITABLE = (1 << 1),
    VIR_STREAM_EVENT_ERROR = (1 << 2),
    VIR_STREAM_EVENT_HANGUP = (1 << 3),
} virStreamEventType;

typedef void (*virStreamEventCallback)(virStreamPtr stream, int events, void *opaque);

int virStreamEventAddCallback(virStreamPtr stream, int events, virStreamEventCallback cb,
                              void *opaque, virFreeCallback ff);
int virStreamEventUpdateCallback(virStreamPtr stream, int events);
int virStreamEventRemoveCallback(virStreamPtr stream);

int virStreamFinish(virStreamPtr st);
int virStreamAbort(virStreamPtr st);
int virStreamFree(virStreamPtr st);

/* Volume transfers whose stream carries holes (virsh --sparse). */
typedef enum {
    VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM = 1 << 0,
} virStorageVolDownloadFlags;

typedef enum {
    VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM = 1 << 0,
} virStorageVolUploadFlags;

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
