/*
 * pki_io.c: reading and writing the PEM files of `vireo pki`.
 */
#include "pki.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *
pki_ca_dir(const char *given)
{
    const char *env = getenv("VIREO_PKI_CA_DIR");
    const char *home = getenv("HOME");
    char *dir;

    if (given)
        return strdup(given);
    if (env && *env)
        return strdup(env);
    if (asprintf(&dir, "%s/.local/share/vireo/ca", home && *home ? home : "") < 0)
        abort();
    return dir;
}

bool
pki_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

int
pki_make_dirs(const char *dir, unsigned int mode)
{
    char *copy = strdup(dir);

    if (!copy)
        abort();
    for (char *p = copy + 1;; p++) {
        bool last = *p == '\0';

        if (*p != '/' && !last)
            continue;
        *p = '\0';
        if (mkdir(copy, mode) < 0 && errno != EEXIST) {
            fprintf(stderr, "vireo pki: cannot create directory %s: %s\n", copy,
                    strerror(errno));
            free(copy);
            return -1;
        }
        if (last)
            break;
        *p = '/';
    }
    free(copy);
    return 0;
}

int
pki_write_file(const char *path, const void *data, size_t len, unsigned int mode)
{
    char *tmp;
    int fd;

    if (asprintf(&tmp, "%s.tmp-%ld", path, (long)getpid()) < 0)
        abort();
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0 || fchmod(fd, mode) < 0 || write(fd, data, len) != (ssize_t)len ||
        fsync(fd) < 0) {
        fprintf(stderr, "vireo pki: cannot write %s: %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    close(fd);
    if (rename(tmp, path) < 0) {
        fprintf(stderr, "vireo pki: cannot write %s: %s\n", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

static int
pki_read(const char *path, gnutls_datum_t *ret)
{
    int rc = gnutls_load_file(path, ret);

    if (rc < 0) {
        fprintf(stderr, "vireo pki: cannot read %s: %s\n", path,
                pki_exists(path) ? gnutls_strerror(rc) : strerror(ENOENT));
        return -1;
    }
    return 0;
}

int
pki_load_crt(const char *path, gnutls_x509_crt_t *ret)
{
    gnutls_datum_t d;
    int rc;

    if (pki_read(path, &d) < 0)
        return -1;
    gnutls_x509_crt_init(ret);
    rc = gnutls_x509_crt_import(*ret, &d, GNUTLS_X509_FMT_PEM);
    gnutls_free(d.data);
    if (rc < 0) {
        fprintf(stderr, "vireo pki: %s is not a PEM certificate: %s\n", path,
                gnutls_strerror(rc));
        gnutls_x509_crt_deinit(*ret);
        return -1;
    }
    return 0;
}

int
pki_load_key(const char *path, gnutls_x509_privkey_t *ret)
{
    gnutls_datum_t d;
    int rc;

    if (pki_read(path, &d) < 0)
        return -1;
    gnutls_x509_privkey_init(ret);
    rc = gnutls_x509_privkey_import(*ret, &d, GNUTLS_X509_FMT_PEM);
    gnutls_free(d.data);
    if (rc < 0) {
        fprintf(stderr, "vireo pki: %s is not a PEM private key: %s\n", path,
                gnutls_strerror(rc));
        gnutls_x509_privkey_deinit(*ret);
        return -1;
    }
    return 0;
}

int
pki_save_crt(const char *path, gnutls_x509_crt_t crt)
{
    gnutls_datum_t d;
    int rc;

    if ((rc = gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &d)) < 0) {
        fprintf(stderr, "vireo pki: cannot encode %s: %s\n", path, gnutls_strerror(rc));
        return -1;
    }
    rc = pki_write_file(path, d.data, d.size, 0644);
    gnutls_free(d.data);
    return rc;
}

int
pki_save_key(const char *path, gnutls_x509_privkey_t key)
{
    gnutls_datum_t d;
    int rc;

    if ((rc = gnutls_x509_privkey_export2(key, GNUTLS_X509_FMT_PEM, &d)) < 0) {
        fprintf(stderr, "vireo pki: cannot encode %s: %s\n", path, gnutls_strerror(rc));
        return -1;
    }
    rc = pki_write_file(path, d.data, d.size, 0600);
    gnutls_memset(d.data, 0, d.size);
    gnutls_free(d.data);
    return rc;
}

int
pki_copy_file(const char *from, const char *to, unsigned int mode)
{
    gnutls_datum_t d;
    int rc;

    if (pki_read(from, &d) < 0)
        return -1;
    rc = pki_write_file(to, d.data, d.size, mode);
    gnutls_memset(d.data, 0, d.size);
    gnutls_free(d.data);
    return rc;
}
