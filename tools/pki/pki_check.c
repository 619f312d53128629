/*
 * pki_check.c: `vireo pki check`, the layout walk of libvirt's
 * virt-pki-validate with a fix for every problem.
 *
 * Each check prints one line: "OK" or "PROBLEM" with the file, then for a
 * problem an indented "fix:" line in plain words. The exit status is 0 for
 * a good layout and 1 when anything needs fixing.
 */
#include "pki.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PKI_MAX_HOSTS 16

typedef struct {
    const char *cacert, *cacrl;
    char *cert[2], *key[2];   /* [0] server, [1] client */
    char *dir_hint;           /* what to pass to install */
    unsigned int problems;
} PkiCheck;

static void
pki_ok(const char *fmt, ...)
{
    va_list ap;

    printf("OK       ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

static void
pki_problem(PkiCheck *c, const char *fix, const char *fmt, ...)
{
    va_list ap;

    c->problems++;
    printf("PROBLEM  ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n         fix: %s\n", fix);
}

static char *
pki_fmt(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        abort();
    va_end(ap);
    return s;
}

static void
pki_date(time_t t, char *buf, size_t len)
{
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, len, "%Y-%m-%d", &tm);
}

/* Present, readable, a certificate, in date. Returns the certificate or
 * NULL (a problem is already counted). */
static gnutls_x509_crt_t
pki_check_crt(PkiCheck *c, const char *what, const char *path, const char *reissue)
{
    gnutls_datum_t d = { NULL, 0 };
    gnutls_x509_crt_t crt;
    time_t now = time(NULL), from, until;
    char date[32];
    char *fix;

    if (!pki_exists(path)) {
        fix = pki_fmt("put the %s there: %s, then 'vireo pki install --from DIR%s'", what,
                      reissue, c->dir_hint);
        pki_problem(c, fix, "%s %s is missing", what, path);
        free(fix);
        return NULL;
    }
    if (access(path, R_OK) < 0 || gnutls_load_file(path, &d) < 0) {
        fix = pki_fmt("make it readable: chmod 644 %s", path);
        pki_problem(c, fix, "%s %s cannot be read", what, path);
        free(fix);
        return NULL;
    }
    gnutls_x509_crt_init(&crt);
    if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_PEM) < 0) {
        gnutls_free(d.data);
        gnutls_x509_crt_deinit(crt);
        fix = pki_fmt("replace it with a PEM certificate: %s", reissue);
        pki_problem(c, fix, "%s %s is not a PEM certificate", what, path);
        free(fix);
        return NULL;
    }
    gnutls_free(d.data);
    from = gnutls_x509_crt_get_activation_time(crt);
    until = gnutls_x509_crt_get_expiration_time(crt);
    if (until < now) {
        pki_date(until, date, sizeof(date));
        fix = pki_fmt("issue a new one (%s), install it, then send SIGHUP to the daemon "
                      "(or restart it)", reissue);
        pki_problem(c, fix, "%s %s expired on %s", what, path, date);
        free(fix);
    } else if (from > now) {
        pki_date(from, date, sizeof(date));
        fix = pki_fmt("check this machine's clock, or issue one valid from today (%s)", reissue);
        pki_problem(c, fix, "%s %s is not valid before %s", what, path, date);
        free(fix);
    } else {
        pki_date(until, date, sizeof(date));
        pki_ok("%s %s: present, valid until %s", what, path, date);
    }
    return crt;
}

static void
pki_check_ca(PkiCheck *c, gnutls_x509_crt_t ca)
{
    unsigned int usage = 0, crit = 0;
    int bc = gnutls_x509_crt_get_basic_constraints(ca, NULL, NULL, NULL);
    int ku = gnutls_x509_crt_get_key_usage(ca, &usage, &crit);

    if (bc <= 0)
        pki_problem(c, "make a real CA with 'vireo pki init-ca', then issue and install the "
                    "server and client certificates again from it",
                    "CA certificate %s is not marked as a CA (basic constraints)", c->cacert);
    else if (ku >= 0 && !(usage & GNUTLS_KEY_KEY_CERT_SIGN))
        pki_problem(c, "make a CA whose key may sign certificates ('vireo pki init-ca')",
                    "CA certificate %s may not sign certificates (key usage)", c->cacert);
    else
        pki_ok("CA certificate %s: a CA that may sign certificates", c->cacert);
}

static void
pki_check_key(PkiCheck *c, const char *what, const char *keypath, gnutls_x509_crt_t crt,
              const char *reissue)
{
    gnutls_datum_t d = { NULL, 0 };
    gnutls_x509_privkey_t key;
    unsigned char a[64], b[64];
    size_t na = sizeof(a), nb = sizeof(b);
    struct stat st;
    char *fix;

    if (stat(keypath, &st) < 0) {
        fix = pki_fmt("install the key that goes with the certificate (%s)", reissue);
        pki_problem(c, fix, "%s key %s is missing", what, keypath);
        free(fix);
        return;
    }
    if (st.st_mode & 077) {
        fix = pki_fmt("chmod 600 %s (only its owner may read a private key)", keypath);
        pki_problem(c, fix, "%s key %s is readable by other users (mode %04o)", what, keypath,
                    (unsigned int)(st.st_mode & 07777));
        free(fix);
    } else {
        pki_ok("%s key %s: private (mode %04o)", what, keypath,
               (unsigned int)(st.st_mode & 07777));
    }
    if (gnutls_load_file(keypath, &d) < 0) {
        fix = pki_fmt("make it readable by the user that runs the %s",
                      strcmp(what, "server") == 0 ? "daemon" : "client");
        pki_problem(c, fix, "%s key %s cannot be read", what, keypath);
        return;
    }
    gnutls_x509_privkey_init(&key);
    if (gnutls_x509_privkey_import(key, &d, GNUTLS_X509_FMT_PEM) < 0) {
        fix = pki_fmt("replace it with the PEM key issued with the certificate (%s)", reissue);
        pki_problem(c, fix, "%s key %s is not a PEM private key", what, keypath);
        free(fix);
    } else if (crt && (gnutls_x509_crt_get_key_id(crt, 0, a, &na) < 0 ||
                       gnutls_x509_privkey_get_key_id(key, 0, b, &nb) < 0 || na != nb ||
                       memcmp(a, b, na) != 0)) {
        fix = pki_fmt("install the key and certificate of the same issue together (%s)",
                      reissue);
        pki_problem(c, fix, "%s key %s does not belong to its certificate", what, keypath);
        free(fix);
    } else if (crt) {
        pki_ok("%s key %s: matches the certificate", what, keypath);
    }
    gnutls_memset(d.data, 0, d.size);
    gnutls_free(d.data);
    gnutls_x509_privkey_deinit(key);
}

static bool
pki_has_purpose(gnutls_x509_crt_t crt, const char *oid)
{
    char buf[128];

    for (unsigned int i = 0;; i++) {
        size_t len = sizeof(buf);
        int rc = gnutls_x509_crt_get_key_purpose_oid(crt, i, buf, &len, NULL);

        if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
            return i == 0; /* no purposes at all: anything goes */
        if (rc < 0)
            return false;
        if (strcmp(buf, oid) == 0)
            return true;
    }
}

static bool
pki_name_matches(gnutls_x509_crt_t crt, const char *name)
{
    unsigned char addr[16];

    if (inet_pton(AF_INET6, name, addr) == 1)
        return gnutls_x509_crt_check_ip(crt, addr, 16, 0);
    if (inet_pton(AF_INET, name, addr) == 1)
        return gnutls_x509_crt_check_ip(crt, addr, 4, 0) ||
               gnutls_x509_crt_check_hostname(crt, name);
    return gnutls_x509_crt_check_hostname(crt, name);
}

static void
pki_check_leaf(PkiCheck *c, int role, gnutls_x509_crt_t ca, const char *const *hosts,
               size_t nhosts)
{
    const char *what = role == 0 ? "server" : "client";
    const char *reissue = role == 0 ? "vireo pki issue-server --host NAME"
                                    : "vireo pki issue-client --dn \"C=..,O=..,CN=..\"";
    gnutls_x509_crt_t crt = pki_check_crt(c, role == 0 ? "server certificate"
                                                       : "client certificate",
                                          c->cert[role], reissue);
    unsigned int status = 0;
    char *fix;

    pki_check_key(c, what, c->key[role], crt, reissue);
    if (!crt)
        return;
    if (gnutls_x509_crt_get_basic_constraints(crt, NULL, NULL, NULL) > 0) {
        fix = pki_fmt("use a %s certificate, not a CA: %s", what, reissue);
        pki_problem(c, fix, "%s certificate %s is a CA certificate", what, c->cert[role]);
        free(fix);
    }
    if (!pki_has_purpose(crt, role == 0 ? GNUTLS_KP_TLS_WWW_SERVER : GNUTLS_KP_TLS_WWW_CLIENT)) {
        fix = pki_fmt("issue one for a TLS %s: %s", what, reissue);
        pki_problem(c, fix, "%s certificate %s is not for a TLS %s (key purpose)", what,
                    c->cert[role], what);
        free(fix);
    }
    if (ca && (gnutls_x509_crt_list_verify(&crt, 1, &ca, 1, NULL, 0, 0, &status) < 0 ||
               status != 0)) {
        fix = pki_fmt("issue it from the CA in %s, or install the CA that issued it",
                      c->cacert);
        pki_problem(c, fix, "%s certificate %s was not issued by the CA %s", what,
                    c->cert[role], c->cacert);
        free(fix);
    } else if (ca) {
        pki_ok("%s certificate %s: issued by the CA", what, c->cert[role]);
    }
    for (size_t i = 0; role == 0 && i < nhosts; i++) {
        if (pki_name_matches(crt, hosts[i])) {
            pki_ok("server certificate names %s", hosts[i]);
        } else {
            fix = pki_fmt("issue a server certificate that names it: vireo pki issue-server "
                          "--host %s (add --ip for addresses clients use)", hosts[i]);
            pki_problem(c, fix, "server certificate %s does not name this host as %s "
                        "(clients using that name will refuse it)", c->cert[role], hosts[i]);
            free(fix);
        }
    }
    if (c->cacrl && pki_exists(c->cacrl)) {
        gnutls_datum_t d = { NULL, 0 };
        gnutls_x509_crl_t crl;

        gnutls_x509_crl_init(&crl);
        if (gnutls_load_file(c->cacrl, &d) < 0 ||
            gnutls_x509_crl_import(crl, &d, GNUTLS_X509_FMT_PEM) < 0) {
            pki_problem(c, "replace it with the CA's PEM revocation list (vireo pki revoke)",
                        "revocation list %s cannot be read", c->cacrl);
        } else if (gnutls_x509_crt_check_revocation(crt, &crl, 1) == 1) {
            fix = pki_fmt("this certificate was revoked: %s, and install it", reissue);
            pki_problem(c, fix, "%s certificate %s is revoked by %s", what, c->cert[role],
                        c->cacrl);
            free(fix);
        }
        gnutls_free(d.data);
        gnutls_x509_crl_deinit(crl);
    }
    gnutls_x509_crt_deinit(crt);
}

enum { OPT_PKIPATH = 1, OPT_USER, OPT_SYSTEM, OPT_SERVER, OPT_CLIENT, OPT_HOST };

static const struct option pki_check_options[] = {
    { "pkipath", required_argument, NULL, OPT_PKIPATH },
    { "user", no_argument, NULL, OPT_USER },
    { "system", no_argument, NULL, OPT_SYSTEM },
    { "server", no_argument, NULL, OPT_SERVER },
    { "client", no_argument, NULL, OPT_CLIENT },
    { "host", required_argument, NULL, OPT_HOST },
    { NULL, 0, NULL, 0 },
};

int
pki_cmd_check(int argc, char **argv)
{
    const char *pkipath = NULL, *hosts[PKI_MAX_HOSTS];
    bool user = false, sys = false, want[2] = { false, false };
    char hostname[256] = "", *dir = NULL;
    size_t nhosts = 0;
    PkiCheck c = { 0 };
    gnutls_x509_crt_t ca;
    int opt;

    optind = 0;
    while ((opt = getopt_long(argc, argv, "", pki_check_options, NULL)) != -1) {
        switch (opt) {
        case OPT_PKIPATH: pkipath = optarg; break;
        case OPT_USER: user = true; break;
        case OPT_SYSTEM: sys = true; break;
        case OPT_SERVER: want[0] = true; break;
        case OPT_CLIENT: want[1] = true; break;
        case OPT_HOST:
            if (nhosts < PKI_MAX_HOSTS)
                hosts[nhosts++] = optarg;
            break;
        default: return 1;
        }
    }
    if (!pkipath && !user && !sys)
        sys = geteuid() == 0, user = !sys;
    if (pkipath || user) {
        const char *home = getenv("HOME");

        if (pkipath)
            dir = strdup(pkipath);
        else if (asprintf(&dir, "%s/.pki/libvirt", home ? home : "") < 0)
            abort();
        c.cacert = pki_fmt("%s/cacert.pem", dir);
        c.cacrl = pki_fmt("%s/cacrl.pem", dir);
        c.cert[0] = pki_fmt("%s/servercert.pem", dir);
        c.key[0] = pki_fmt("%s/serverkey.pem", dir);
        c.cert[1] = pki_fmt("%s/clientcert.pem", dir);
        c.key[1] = pki_fmt("%s/clientkey.pem", dir);
        c.dir_hint = pkipath ? pki_fmt(" --pkipath %s", pkipath) : strdup(" --user");
    } else {
        c.cacert = strdup("/etc/pki/CA/cacert.pem");
        c.cacrl = strdup("/etc/pki/CA/cacrl.pem");
        c.cert[0] = strdup("/etc/pki/libvirt/servercert.pem");
        c.key[0] = strdup("/etc/pki/libvirt/private/serverkey.pem");
        c.cert[1] = strdup("/etc/pki/libvirt/clientcert.pem");
        c.key[1] = strdup("/etc/pki/libvirt/private/clientkey.pem");
        c.dir_hint = strdup(" --system");
    }
    printf("checking %s\n", dir ? dir : "the system layout (/etc/pki)");
    /* Without --server/--client: whatever the layout holds. */
    if (!want[0] && !want[1]) {
        want[0] = pki_exists(c.cert[0]) || pki_exists(c.key[0]);
        want[1] = pki_exists(c.cert[1]) || pki_exists(c.key[1]);
    }
    if (nhosts == 0 && gethostname(hostname, sizeof(hostname) - 1) == 0 && *hostname)
        hosts[nhosts++] = hostname;
    ca = pki_check_crt(&c, "CA certificate", c.cacert, "vireo pki init-ca");
    if (ca)
        pki_check_ca(&c, ca);
    for (int role = 0; role < 2; role++)
        if (want[role])
            pki_check_leaf(&c, role, ca, hosts, nhosts);
    if (!want[0] && !want[1])
        pki_problem(&c, "issue one with 'vireo pki issue-server' or 'vireo pki issue-client' "
                    "and install it", "no server or client certificate in this layout");
    if (ca)
        gnutls_x509_crt_deinit(ca);
    if (c.problems)
        printf("%u problem%s found\n", c.problems, c.problems == 1 ? "" : "s");
    else
        printf("the layout is good\n");
    free((char *)c.cacert);
    free((char *)c.cacrl);
    for (int i = 0; i < 2; i++) {
        free(c.cert[i]);
        free(c.key[i]);
    }
    free(c.dir_hint);
    free(dir);
    return c.problems ? 1 : 0;
}
