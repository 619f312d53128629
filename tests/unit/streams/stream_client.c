/*
 * stream_client.c: libvireo's streams against a daemon.
 *
 *   vireo-stream-client screenshot URI OUT       saves the test domain's screenshot
 *   vireo-stream-client roundtrip URI IN OUT CAP creates volume "rt" of CAP bytes in
 *                                                default-pool, uploads IN, downloads
 *                                                it to OUT (the size of IN)
 *   vireo-stream-client abort URI                starts a download and aborts it
 * Prints what it did; exits non-zero with the error on failure.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libvirt/libvirt.h>

static int
sink(virStreamPtr st, const char *data, size_t n, void *opaque)
{
    (void)st;
    return (int)write(*(int *)opaque, data, n);
}

static int
source(virStreamPtr st, char *data, size_t n, void *opaque)
{
    (void)st;
    return (int)read(*(int *)opaque, data, n);
}

static int
fail(const char *what)
{
    fprintf(stderr, "%s: %s\n", what, virGetLastErrorMessage());
    return 1;
}

int
main(int argc, char **argv)
{
    virConnectPtr conn;
    virStreamPtr st;

    if (argc < 3 || !(conn = virConnectOpen(argv[2])))
        return 2;
    if (strcmp(argv[1], "screenshot") == 0 && argc == 4) {
        virDomainPtr dom = virDomainLookupByName(conn, "test");
        int fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        char *mime;

        st = virStreamNew(conn, 0);
        if (!dom || fd < 0 || !st || !(mime = virDomainScreenshot(dom, st, 0, 0)))
            return fail("screenshot");
        if (virStreamRecvAll(st, sink, &fd) < 0 || virStreamFinish(st) < 0)
            return fail("receive");
        printf("%s\n", mime);
        free(mime);
        virStreamFree(st);
        virDomainFree(dom);
        close(fd);
    } else if (strcmp(argv[1], "roundtrip") == 0 && argc == 6) {
        virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
        char xml[256];
        virStorageVolPtr vol;
        int in = open(argv[3], O_RDONLY), out = open(argv[4], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        struct stat sb;

        snprintf(xml, sizeof(xml), "<volume><name>rt</name><capacity>%s</capacity></volume>",
                 argv[5]);
        if (!pool || in < 0 || out < 0 || fstat(in, &sb) < 0 ||
            !(vol = virStorageVolCreateXML(pool, xml, 0)))
            return fail("setup");
        st = virStreamNew(conn, 0);
        if (virStorageVolUpload(vol, st, 0, (unsigned long long)sb.st_size, 0) < 0 ||
            virStreamSendAll(st, source, &in) < 0 || virStreamFinish(st) < 0)
            return fail("upload");
        virStreamFree(st);
        st = virStreamNew(conn, 0);
        if (virStorageVolDownload(vol, st, 0, (unsigned long long)sb.st_size, 0) < 0 ||
            virStreamRecvAll(st, sink, &out) < 0 || virStreamFinish(st) < 0)
            return fail("download");
        virStreamFree(st);
        printf("ok %lld\n", (long long)sb.st_size);
        virStorageVolFree(vol);
        virStoragePoolFree(pool);
        close(in);
        close(out);
    } else if (strcmp(argv[1], "abort") == 0) {
        virStoragePoolPtr pool = virStoragePoolLookupByName(conn, "default-pool");
        virStorageVolPtr vol;
        char buf[65536];
        int got;

        if (!pool || !(vol = virStorageVolCreateXML(
                           pool, "<volume><name>ab</name><capacity>67108864</capacity></volume>",
                           0)))
            return fail("setup");
        st = virStreamNew(conn, 0);
        if (virStorageVolDownload(vol, st, 0, 0, 0) < 0 ||
            (got = virStreamRecv(st, buf, sizeof(buf))) <= 0)
            return fail("download");
        if (virStreamAbort(st) < 0)
            return fail("abort");
        if (virStreamRecv(st, buf, sizeof(buf)) >= 0)
            return fail("recv after abort succeeded");
        virStreamFree(st);
        /* The connection still works. */
        if (virConnectNumOfDomains(conn) < 0)
            return fail("call after abort");
        printf("aborted after %d\n", got);
        virStorageVolFree(vol);
        virStoragePoolFree(pool);
    } else {
        return 2;
    }
    virConnectClose(conn);
    return 0;
}
