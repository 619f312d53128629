/*
 * stream_sparse.c: libvireo's sparse streams against a daemon, as virsh
 * vol-upload/vol-download --sparse drive them (holes found with
 * SEEK_DATA/SEEK_HOLE in the local file, written back with ftruncate).
 *
 *   vireo-stream-sparse upload URI VOL IN      virStreamSparseSendAll of IN
 *   vireo-stream-sparse download URI VOL OUT   virStreamSparseRecvAll into OUT
 *   vireo-stream-sparse rules URI VOL          libvirt's rules, one line each
 *   vireo-stream-sparse local IN OUT           both, in process (test:///default)
 * VOL is in default-pool. Prints what it did; exits non-zero on failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef struct {
    int fd;
    long long data, holes; /* bytes moved as data / as holes */
    int nholes;
} Sparse;

static int
fail(const char *what)
{
    fprintf(stderr, "%s: %s\n", what, virGetLastErrorMessage());
    return 1;
}

static int
src_read(virStreamPtr st, char *buf, size_t n, void *opaque)
{
    Sparse *s = opaque;
    ssize_t got = read(s->fd, buf, n);

    (void)st;
    if (got > 0)
        s->data += got;
    return (int)got;
}

/* Where the file stands: data or a hole, and for how long (0/0 at EOF). */
static int
src_in_data(virStreamPtr st, int *in_data, long long *len, void *opaque)
{
    Sparse *s = opaque;
    off_t cur = lseek(s->fd, 0, SEEK_CUR), data, hole, end;

    (void)st;
    data = lseek(s->fd, cur, SEEK_DATA);
    if (data < 0 && errno != ENXIO)
        return -1;
    if (data < 0) {
        end = lseek(s->fd, 0, SEEK_END);
        *in_data = 0;
        *len = end - cur;
    } else if (data > cur) {
        *in_data = 0;
        *len = data - cur;
    } else {
        hole = lseek(s->fd, data, SEEK_HOLE);
        *in_data = 1;
        *len = hole - data;
    }
    return lseek(s->fd, cur, SEEK_SET) < 0 ? -1 : 0;
}

static int
src_skip(virStreamPtr st, long long len, void *opaque)
{
    Sparse *s = opaque;

    (void)st;
    s->holes += len;
    s->nholes++;
    return lseek(s->fd, len, SEEK_CUR) < 0 ? -1 : 0;
}

static int
dst_write(virStreamPtr st, const char *buf, size_t n, void *opaque)
{
    Sparse *s = opaque;

    (void)st;
    s->data += (long long)n;
    return (int)write(s->fd, buf, n);
}

static int
dst_hole(virStreamPtr st, long long len, void *opaque)
{
    Sparse *s = opaque;
    off_t cur = lseek(s->fd, len, SEEK_CUR);

    (void)st;
    s->holes += len;
    s->nholes++;
    return cur < 0 || ftruncate(s->fd, cur) < 0 ? -1 : 0;
}

static virStorageVolPtr
lookup(virConnectPtr conn, const char *name)
{
    virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
    virStorageVolPtr vol = pool ? virStorageVolLookupByName(pool, name) : NULL;

    if (pool)
        virStoragePoolFree(pool);
    return vol;
}

static void
report(const char *name, long long rc)
{
    virErrorPtr err = virGetLastError();

    printf("%s %lld %d %s\n", name, rc, err ? err->code : 0,
           err && err->message ? err->message : "-");
}

/* A sparse upload of len bytes of hole only, then finish: the daemon's
 * verdict on the hole arrives with the finish. */
static void
hole_upload(virConnectPtr conn, virStorageVolPtr vol, const char *name, long long len,
            unsigned int flags)
{
    virStreamPtr st = virStreamNew(conn, 0);
    char label[64];

    if (virStorageVolUpload(vol, st, 0, 0, VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM) < 0) {
        report(name, -99);
        return;
    }
    report(name, virStreamSendHole(st, len, flags));
    snprintf(label, sizeof(label), "%s_finish", name);
    report(label, virStreamFinish(st));
    virStreamFree(st);
}

static int
do_rules(virConnectPtr conn, const char *name)
{
    virStorageVolPtr vol = lookup(conn, name);
    virStreamPtr st;
    char buf[4096];
    long long len = 0;
    int in_data = -1;
    int rc;

    if (!vol)
        return fail("lookup");
    /* A stream opened without the sparse flag carries no holes. */
    st = virStreamNew(conn, 0);
    if (virStorageVolDownload(vol, st, 0, 8192, 0) < 0)
        return fail("download");
    report("plain_send_hole", virStreamSendHole(st, 4096, 0));
    report("plain_recv_hole", virStreamRecvHole(st, &len, 0));
    report("plain_in_data", virStreamInData(st, &in_data, &len));
    report("bad_recv_flags", virStreamRecvFlags(st, buf, sizeof(buf), 0x2));
    /* ...and reads holes as the zeros they are */
    rc = virStreamRecvFlags(st, buf, sizeof(buf), VIR_STREAM_RECV_STOP_AT_HOLE);
    report("plain_recv_stop", rc);
    virStreamAbort(st);
    virStreamFree(st);

    /* A sparse download of a volume that starts with a hole. */
    st = virStreamNew(conn, 0);
    if (virStorageVolDownload(vol, st, 0, 0, VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM) < 0)
        return fail("sparse download");
    report("sparse_recv_stop", virStreamRecvFlags(st, buf, sizeof(buf),
                                                  VIR_STREAM_RECV_STOP_AT_HOLE));
    report("bad_recv_hole_flags", virStreamRecvHole(st, &len, 1));
    rc = virStreamRecvHole(st, &len, 0);
    report("sparse_recv_hole", rc);
    printf("hole_len %lld\n", len);
    rc = virStreamInData(st, &in_data, &len);
    report("sparse_in_data", rc);
    printf("in_data %d %lld\n", in_data, len);
    virStreamAbort(st);
    virStreamFree(st);

    /* The daemon's checks on holes it receives (libvirt's fd stream's). */
    hole_upload(conn, vol, "zero_hole", 0, 0);
    hole_upload(conn, vol, "negative_hole", -5, 0);
    hole_upload(conn, vol, "flagged_hole", 4096, 1);
    /* Past the end of the volume: cut at its capacity, as libvirt's. */
    hole_upload(conn, vol, "huge_hole", 0x7fffffffffffffffLL, 0);
    virStorageVolFree(vol);
    return 0;
}

/* One sparse transfer of vol's whole range between the stream and path. */
static int
transfer(virConnectPtr conn, virStorageVolPtr vol, const char *path, bool up)
{
    virStreamPtr st = virStreamNew(conn, 0);
    Sparse s = { 0 };

    s.fd = up ? open(path, O_RDONLY) : open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (!st || s.fd < 0)
        return fail("open");
    if (up) {
        if (virStorageVolUpload(vol, st, 0, 0, VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM) < 0 ||
            virStreamSparseSendAll(st, src_read, src_in_data, src_skip, &s) < 0)
            return fail("upload");
    } else {
        if (virStorageVolDownload(vol, st, 0, 0, VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM) < 0 ||
            virStreamSparseRecvAll(st, dst_write, dst_hole, &s) < 0)
            return fail("download");
    }
    if (virStreamFinish(st) < 0)
        return fail("finish");
    printf("ok data=%lld holes=%lld nholes=%d\n", s.data, s.holes, s.nholes);
    close(s.fd);
    virStreamFree(st);
    return 0;
}

/* In-process (test:///default, no daemon): a volume the size of IN goes
 * up and comes back into OUT through the driver's own file streams. */
static int
do_local(const char *in, const char *out)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virStoragePoolPtr pool = conn ? virStoragePoolLookupByName(conn, "default-pool") : NULL;
    virStorageVolPtr vol;
    struct stat sb;
    char xml[256];

    if (!pool || stat(in, &sb) < 0)
        return fail("local");
    snprintf(xml, sizeof(xml), "<volume><name>local</name><capacity>%lld</capacity></volume>",
             (long long)sb.st_size);
    if (!(vol = virStorageVolCreateXML(pool, xml, 0)))
        return fail("create");
    if (transfer(conn, vol, in, true) != 0 || transfer(conn, vol, out, false) != 0)
        return 1;
    virStorageVolFree(vol);
    virStoragePoolFree(pool);
    virConnectClose(conn);
    return 0;
}

int
main(int argc, char **argv)
{
    virConnectPtr conn;
    virStorageVolPtr vol;
    int rc;

    if (argc == 4 && strcmp(argv[1], "local") == 0)
        return do_local(argv[2], argv[3]);
    if (argc < 4 || !(conn = virConnectOpen(argv[2])))
        return fail("connect");
    if (strcmp(argv[1], "rules") == 0) {
        rc = do_rules(conn, argv[3]);
        virConnectClose(conn);
        return rc;
    }
    if (argc != 5)
        return 2;
    if (!(vol = lookup(conn, argv[3])))
        return fail("lookup");
    if ((rc = transfer(conn, vol, argv[4], strcmp(argv[1], "upload") == 0)) != 0)
        return rc;
    virStorageVolFree(vol);
    virConnectClose(conn);
    return 0;
}
