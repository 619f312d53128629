/*
 * pki_install.c: copies a CA certificate, its CRL and certificate/key
 * pairs into one of the layouts libvirt reads: the system's (/etc/pki), the
 * user's ($HOME/.pki/libvirt) or a directory named in a pkipath= URI.
 */
#include "pki.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *name;     /* file name in the source directory */
    const char *sys_path; /* where the system layout keeps it */
    unsigned int mode;
} PkiInstallFile;

static const PkiInstallFile pki_install_files[] = {
    { "cacert.pem", "/etc/pki/CA/cacert.pem", 0644 },
    { "cacrl.pem", "/etc/pki/CA/cacrl.pem", 0644 },
    { "servercert.pem", "/etc/pki/libvirt/servercert.pem", 0644 },
    { "serverkey.pem", "/etc/pki/libvirt/private/serverkey.pem", 0600 },
    { "clientcert.pem", "/etc/pki/libvirt/clientcert.pem", 0644 },
    { "clientkey.pem", "/etc/pki/libvirt/private/clientkey.pem", 0600 },
};

enum { OPT_FROM = 1, OPT_PKIPATH, OPT_USER, OPT_SYSTEM, OPT_DIR };

static const struct option pki_install_options[] = {
    { "from", required_argument, NULL, OPT_FROM },
    { "pkipath", required_argument, NULL, OPT_PKIPATH },
    { "user", no_argument, NULL, OPT_USER },
    { "system", no_argument, NULL, OPT_SYSTEM },
    { "dir", required_argument, NULL, OPT_DIR },
    { NULL, 0, NULL, 0 },
};

static char *
pki_join(const char *dir, const char *name)
{
    char *p;

    if (asprintf(&p, "%s/%s", dir, name) < 0)
        abort();
    return p;
}

static char *
pki_parent(const char *path)
{
    char *copy = strdup(path), *slash;

    if (!copy)
        abort();
    slash = strrchr(copy, '/');
    if (slash && slash != copy)
        *slash = '\0';
    return copy;
}

/* Where a file goes: dest_dir/name, or its system path. */
static char *
pki_install_target(const PkiInstallFile *f, const char *dest_dir)
{
    return dest_dir ? pki_join(dest_dir, f->name) : strdup(f->sys_path);
}

int
pki_cmd_install(int argc, char **argv)
{
    const char *from = NULL, *pkipath = NULL, *dir = NULL;
    char *dest_dir = NULL, *ca_dir;
    bool user = false, sys = false;
    int opt, n = 0, rc = 0;

    optind = 0;
    while ((opt = getopt_long(argc, argv, "", pki_install_options, NULL)) != -1) {
        switch (opt) {
        case OPT_FROM: from = optarg; break;
        case OPT_PKIPATH: pkipath = optarg; break;
        case OPT_USER: user = true; break;
        case OPT_SYSTEM: sys = true; break;
        case OPT_DIR: dir = optarg; break;
        default: return 1;
        }
    }
    if (!from) {
        fprintf(stderr, "vireo pki: install needs --from DIR (a directory issue-server or "
                "issue-client wrote)\n");
        return 1;
    }
    if ((pkipath != NULL) + user + sys > 1) {
        fprintf(stderr, "vireo pki: choose one of --pkipath, --user and --system\n");
        return 1;
    }
    if (!pkipath && !user && !sys)
        sys = geteuid() == 0;
    if (pkipath) {
        dest_dir = strdup(pkipath);
    } else if (!sys) {
        const char *home = getenv("HOME");

        if (asprintf(&dest_dir, "%s/.pki/libvirt", home ? home : "") < 0)
            abort();
    }
    ca_dir = pki_ca_dir(dir);
    for (size_t i = 0; i < sizeof(pki_install_files) / sizeof(pki_install_files[0]); i++) {
        const PkiInstallFile *f = &pki_install_files[i];
        char *src = pki_join(from, f->name), *dst, *parent;
        bool private_dir;

        /* The CA's files come from the CA directory unless DIR has them. */
        if (!pki_exists(src) && i < 2) {
            free(src);
            src = pki_join(ca_dir, f->name);
        }
        if (!pki_exists(src)) {
            free(src);
            continue;
        }
        dst = pki_install_target(f, dest_dir);
        parent = pki_parent(dst);
        private_dir = !dest_dir && strstr(parent, "/private") != NULL;
        if (pki_make_dirs(parent, private_dir ? 0750 : 0755) < 0 ||
            pki_copy_file(src, dst, f->mode) < 0) {
            rc = 1;
        } else {
            printf("installed %s (mode %04o)\n", dst, f->mode);
            n++;
        }
        free(parent);
        free(src);
        free(dst);
    }
    if (rc == 0 && n == 0) {
        fprintf(stderr, "vireo pki: nothing to install from %s\n", from);
        rc = 1;
    }
    if (rc == 0 && pkipath) {
        char *abs = realpath(pkipath, NULL);

        printf("use it with: ...?pkipath=%s\n", abs ? abs : pkipath);
        free(abs);
    }
    free(ca_dir);
    free(dest_dir);
    return rc;
}
