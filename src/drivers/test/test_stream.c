/*
 * test_stream.c: the test driver's stream procedures.
 *
 * Screenshot serves the image libvirt's own test driver serves (the
 * test-screenshot.png libvirt0 installs), so `virsh screenshot` gets the
 * same bytes from vireod as from libvirtd.
 *
 * Volume upload and download go beyond libvirt's test driver, which
 * refuses them: each volume's bytes live in a sparse file of the volume's
 * capacity in a directory private to the driver state
 * ($VIREO_TEST_VOLUME_DIR, else $XDG_RUNTIME_DIR/vireo/test-volumes, else
 * /run/vireo/test-volumes as root or /tmp/vireo-UID/test-volumes, then a
 * subdirectory per daemon process and state). The files go when their
 * volume is deleted or the state is reset, so a volume never shows bytes
 * of an earlier one. With the SPARSE_STREAM flags the holes of that file
 * travel as holes both ways (found with SEEK_DATA/SEEK_HOLE, written back
 * by punching), so a mostly empty volume moves in a few packets.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include "drivers/test/test_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/stream.h"
#include "util/alloc.h"
#include "util/error.h"

#define TEST_SCREENSHOT_PATH "/usr/share/libvirt/test-screenshot.png"

char *
test_domain_screenshot(virDomainPtr dom, virStreamPtr st, unsigned int screen,
                       unsigned int flags)
{
    const char *path = getenv("VIREO_TEST_SCREENSHOT");

    (void)dom;
    (void)screen;
    TEST_CHECK_FLAGS(flags, 0, "testDomainScreenshot", NULL);
    if (vireo_stream_open_file(st, path && *path ? path : TEST_SCREENSHOT_PATH, false, 0, 0,
                               0) < 0)
        return NULL;
    return xstrdup("image/png");
}

/* mkdir -p for the few levels below. Returns 0 or -errno. */
static int
test_stream_mkdirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0700) < 0 && errno != EEXIST) {
            *p = '/';
            return -errno;
        }
        *p = '/';
    }
    return mkdir(path, 0700) < 0 && errno != EEXIST ? -errno : 0;
}

/* The directory holding st's volume files (not created). */
static char *
test_stream_state_dir(const TestState *st)
{
    const char *base = getenv("VIREO_TEST_VOLUME_DIR");
    const char *run = getenv("XDG_RUNTIME_DIR");
    char *root;
    char *dir;

    if (base && *base)
        root = xstrdup(base);
    else if (geteuid() == 0)
        root = xstrdup("/run/vireo/test-volumes");
    else if (run && *run)
        root = xasprintf("%s/vireo/test-volumes", run);
    else
        root = xasprintf("/tmp/vireo-%u/test-volumes", (unsigned)geteuid());
    dir = xasprintf("%s/%ld-%lx", root, (long)getpid(), (unsigned long)(uintptr_t)st);
    free(root);
    return dir;
}

/* A file name from pool and volume names: bytes outside [A-Za-z0-9_-]
 * become %XX, and a '+' joins the two, so names never escape the
 * directory and never collide. */
static void
test_stream_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_')
            fputc(c, f);
        else
            fprintf(f, "%%%02X", c);
    }
}

static char *
test_stream_vol_file(const TestState *st, const char *pool, const char *vol)
{
    char *dir = test_stream_state_dir(st);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);

    if (!f)
        abort();
    fprintf(f, "%s/", dir);
    test_stream_escape(f, pool);
    fputc('+', f);
    test_stream_escape(f, vol);
    fclose(f);
    free(dir);
    return out;
}

/* Opens st on vol's file for reading or writing. */
static int
test_stream_vol_open(virStorageVolPtr vol, virStreamPtr st, bool write,
                     unsigned long long offset, unsigned long long length)
{
    TestState *state = test_state_of(vol->conn);
    TestPool *pool = NULL;
    StorageVolDef *def = NULL;
    unsigned long long capacity;
    char *path, *dir;
    int fd, rc;
    struct stat sb;

    pthread_mutex_lock(&state->lock);
    for (size_t i = 0; i < state->npools && !pool; i++)
        if (strcmp(state->pools[i]->def->name, vol->pool) == 0)
            pool = state->pools[i];
    if (!pool) {
        pthread_mutex_unlock(&state->lock);
        vir_error_report(VIR_FROM_STORAGE, VIR_ERR_NO_STORAGE_POOL,
                         "no storage pool with matching name '%s'", vol->pool);
        return -1;
    }
    if (!pool->active) {
        pthread_mutex_unlock(&state->lock);
        vir_error_report(VIR_FROM_STORAGE, VIR_ERR_OPERATION_INVALID,
                         "storage pool '%s' is not active", vol->pool);
        return -1;
    }
    for (size_t i = 0; i < pool->nvols && !def; i++)
        if (strcmp(pool->vols[i]->name, vol->name) == 0)
            def = pool->vols[i];
    if (!def) {
        pthread_mutex_unlock(&state->lock);
        vir_error_report(VIR_FROM_STORAGE, VIR_ERR_NO_STORAGE_VOL,
                         "no storage vol with matching name '%s'", vol->name);
        return -1;
    }
    capacity = def->capacity;
    pthread_mutex_unlock(&state->lock);

    if (offset > capacity || (length && length > capacity - offset)) {
        vir_error_report(VIR_FROM_STORAGE, VIR_ERR_INVALID_ARG,
                         "range %llu+%llu exceeds the capacity %llu of volume '%s'", offset,
                         length, capacity, vol->name);
        return -1;
    }
    dir = test_stream_state_dir(state);
    if ((rc = test_stream_mkdirs(dir)) < 0) {
        vir_error_report_system(VIR_FROM_STORAGE, -rc, "cannot create directory '%s'", dir);
        free(dir);
        return -1;
    }
    free(dir);
    path = test_stream_vol_file(state, vol->pool, vol->name);
    /* The file always spans the capacity (sparse), like a raw volume. */
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || fstat(fd, &sb) < 0 ||
        ((unsigned long long)sb.st_size != capacity && ftruncate(fd, (off_t)capacity) < 0)) {
        vir_error_report_system(VIR_FROM_STORAGE, errno, "cannot prepare '%s'", path);
        if (fd >= 0)
            close(fd);
        free(path);
        return -1;
    }
    close(fd);
    rc = vireo_stream_open_file(st, path, write, offset,
                                length ? length : capacity - offset, capacity);
    free(path);
    return rc;
}

int
test_storage_vol_upload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                        unsigned long long length, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM, "testStorageVolUpload", -1);
    return test_stream_vol_open(vol, st, true, offset, length);
}

int
test_storage_vol_download(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                          unsigned long long length, unsigned int flags)
{
    TEST_CHECK_FLAGS(flags, VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM, "testStorageVolDownload",
                     -1);
    return test_stream_vol_open(vol, st, false, offset, length);
}

void
test_stream_vol_deleted(const TestState *st, const char *pool, const char *vol)
{
    char *path = test_stream_vol_file(st, pool, vol);

    unlink(path);
    free(path);
}

void
test_stream_state_freed(const TestState *st)
{
    char *dir = test_stream_state_dir(st);
    DIR *d = opendir(dir);
    struct dirent *ent;

    if (d) {
        while ((ent = readdir(d))) {
            if (ent->d_name[0] == '.')
                continue;
            unlinkat(dirfd(d), ent->d_name, 0);
        }
        closedir(d);
        rmdir(dir);
    }
    free(dir);
}
