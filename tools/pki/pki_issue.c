/*
 * pki_issue.c: init-ca, issue-server, issue-client and revoke.
 *
 * Keys are ECDSA P-256: small, and cheap for the daemon to sign with on
 * every handshake. Certificates carry what libvirt checks: basic
 * constraints, key usage (digital signature, key encipherment; certificate
 * and CRL signing for the CA) and a critical purpose (TLS server or client),
 * so a certificate can only be used for what it was issued for.
 */
#include "pki.h"

#include <gnutls/crypto.h>

#include <arpa/inet.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PKI_MAX_NAMES 32
#define PKI_DAY (24 * 60 * 60)

typedef struct {
    char *ca_dir;
    const char *out;
    const char *cn;
    const char *dn;
    const char *hosts[PKI_MAX_NAMES];
    size_t nhosts;
    const char *ips[PKI_MAX_NAMES];
    size_t nips;
    long days;
    long not_before;  /* days from now (negative: in the past) */
    const char *purpose;
} PkiIssueOpts;

enum { OPT_DIR = 1, OPT_OUT, OPT_CN, OPT_DN, OPT_HOST, OPT_IP, OPT_DAYS, OPT_NOT_BEFORE,
       OPT_PURPOSE };

static const struct option pki_issue_options[] = {
    { "dir", required_argument, NULL, OPT_DIR },
    { "out", required_argument, NULL, OPT_OUT },
    { "cn", required_argument, NULL, OPT_CN },
    { "dn", required_argument, NULL, OPT_DN },
    { "host", required_argument, NULL, OPT_HOST },
    { "ip", required_argument, NULL, OPT_IP },
    { "days", required_argument, NULL, OPT_DAYS },
    { "not-before", required_argument, NULL, OPT_NOT_BEFORE },
    { "purpose", required_argument, NULL, OPT_PURPOSE },
    { NULL, 0, NULL, 0 },
};

static int
pki_parse_long(const char *s, const char *what, long *ret)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (!*s || *end || v < -36500 || v > 36500) {
        fprintf(stderr, "vireo pki: %s: '%s' is not a number of days\n", what, s);
        return -1;
    }
    *ret = v;
    return 0;
}

static int
pki_add_name(const char **list, size_t *n, const char *value, const char *what)
{
    if (*n >= PKI_MAX_NAMES) {
        fprintf(stderr, "vireo pki: at most %d --%s values\n", PKI_MAX_NAMES, what);
        return -1;
    }
    list[(*n)++] = value;
    return 0;
}

/* Parses the options every subcommand here shares. */
static int
pki_issue_parse(int argc, char **argv, PkiIssueOpts *o, long default_days)
{
    const char *dir = NULL;
    int opt;

    memset(o, 0, sizeof(*o));
    o->days = default_days;
    optind = 0;
    while ((opt = getopt_long(argc, argv, "", pki_issue_options, NULL)) != -1) {
        int rc = 0;

        switch (opt) {
        case OPT_DIR: dir = optarg; break;
        case OPT_OUT: o->out = optarg; break;
        case OPT_CN: o->cn = optarg; break;
        case OPT_DN: o->dn = optarg; break;
        case OPT_HOST: rc = pki_add_name(o->hosts, &o->nhosts, optarg, "host"); break;
        case OPT_IP: rc = pki_add_name(o->ips, &o->nips, optarg, "ip"); break;
        case OPT_DAYS: rc = pki_parse_long(optarg, "--days", &o->days); break;
        case OPT_NOT_BEFORE: rc = pki_parse_long(optarg, "--not-before", &o->not_before); break;
        case OPT_PURPOSE: o->purpose = optarg; break;
        default: return -1;
        }
        if (rc < 0)
            return -1;
    }
    if (o->days < 1) {
        fprintf(stderr, "vireo pki: --days must be at least 1\n");
        return -1;
    }
    if (o->purpose && strcmp(o->purpose, "server") != 0 && strcmp(o->purpose, "client") != 0 &&
        strcmp(o->purpose, "both") != 0) {
        fprintf(stderr, "vireo pki: --purpose is server, client or both\n");
        return -1;
    }
    o->ca_dir = pki_ca_dir(dir);
    return optind;
}

static char *
pki_path(const char *dir, const char *name)
{
    char *p;

    if (asprintf(&p, "%s/%s", dir, name) < 0)
        abort();
    return p;
}

static int
pki_new_key(gnutls_x509_privkey_t *ret)
{
    int rc;

    gnutls_x509_privkey_init(ret);
    rc = gnutls_x509_privkey_generate(*ret, GNUTLS_PK_ECDSA,
                                      GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0);
    if (rc < 0) {
        fprintf(stderr, "vireo pki: cannot generate a key: %s\n", gnutls_strerror(rc));
        gnutls_x509_privkey_deinit(*ret);
        return -1;
    }
    return 0;
}

/* The parts every certificate has: version, serial, dates, key, key id. */
static int
pki_crt_base(gnutls_x509_crt_t crt, gnutls_x509_privkey_t key, const PkiIssueOpts *o)
{
    unsigned char serial[16], id[64];
    size_t idlen = sizeof(id);
    time_t start = time(NULL) + o->not_before * PKI_DAY - 60;
    int rc;

    if (gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof(serial)) < 0)
        return -1;
    serial[0] &= 0x7f; /* positive */
    serial[0] |= 0x01;
    if ((rc = gnutls_x509_crt_set_version(crt, 3)) < 0 ||
        (rc = gnutls_x509_crt_set_serial(crt, serial, sizeof(serial))) < 0 ||
        (rc = gnutls_x509_crt_set_activation_time(crt, start)) < 0 ||
        (rc = gnutls_x509_crt_set_expiration_time(crt, start + o->days * PKI_DAY)) < 0 ||
        (rc = gnutls_x509_crt_set_key(crt, key)) < 0 ||
        (rc = gnutls_x509_crt_get_key_id(crt, 0, id, &idlen)) < 0 ||
        (rc = gnutls_x509_crt_set_subject_key_id(crt, id, idlen)) < 0) {
        fprintf(stderr, "vireo pki: cannot build the certificate: %s\n", gnutls_strerror(rc));
        return -1;
    }
    return 0;
}

static int
pki_set_cn(gnutls_x509_crt_t crt, const char *cn)
{
    int rc = gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, cn, strlen(cn));

    if (rc < 0)
        fprintf(stderr, "vireo pki: bad common name '%s': %s\n", cn, gnutls_strerror(rc));
    return rc < 0 ? -1 : 0;
}

int
pki_cmd_init_ca(int argc, char **argv)
{
    PkiIssueOpts o;
    gnutls_x509_privkey_t key = NULL;
    gnutls_x509_crt_t crt = NULL;
    char *certpath = NULL, *keypath = NULL;
    int rc = 1;

    if (pki_issue_parse(argc, argv, &o, 3650) < 0)
        return 1;
    certpath = pki_path(o.ca_dir, "cacert.pem");
    keypath = pki_path(o.ca_dir, "cakey.pem");
    if (pki_exists(keypath)) {
        fprintf(stderr, "vireo pki: a CA already exists in %s (remove it first to start "
                "over)\n", o.ca_dir);
        goto out;
    }
    if (pki_make_dirs(o.ca_dir, 0700) < 0 || pki_new_key(&key) < 0)
        goto out;
    gnutls_x509_crt_init(&crt);
    if (pki_crt_base(crt, key, &o) < 0 || pki_set_cn(crt, o.cn ? o.cn : "Vireo CA") < 0 ||
        gnutls_x509_crt_set_basic_constraints(crt, 1, -1) < 0 ||
        gnutls_x509_crt_set_key_usage(crt, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN) < 0 ||
        gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0) < 0) {
        fprintf(stderr, "vireo pki: cannot make the CA certificate\n");
        goto out;
    }
    if (pki_save_key(keypath, key) < 0 || pki_save_crt(certpath, crt) < 0)
        goto out;
    printf("CA created: %s (keep %s secret)\n", certpath, keypath);
    rc = 0;
out:
    if (crt)
        gnutls_x509_crt_deinit(crt);
    if (key)
        gnutls_x509_privkey_deinit(key);
    free(certpath);
    free(keypath);
    free(o.ca_dir);
    return rc;
}

static int
pki_load_ca(const char *dir, gnutls_x509_crt_t *crt, gnutls_x509_privkey_t *key)
{
    char *c = pki_path(dir, "cacert.pem"), *k = pki_path(dir, "cakey.pem");
    int rc = 0;

    if (!pki_exists(k)) {
        fprintf(stderr, "vireo pki: no CA in %s: run 'vireo pki init-ca --dir %s' first\n", dir,
                dir);
        rc = -1;
    } else if (pki_load_crt(c, crt) < 0) {
        rc = -1;
    } else if (pki_load_key(k, key) < 0) {
        gnutls_x509_crt_deinit(*crt);
        rc = -1;
    }
    free(c);
    free(k);
    return rc;
}

static int
pki_set_purpose(gnutls_x509_crt_t crt, const char *purpose)
{
    bool server = strcmp(purpose, "client") != 0, client = strcmp(purpose, "server") != 0;

    if (server && gnutls_x509_crt_set_key_purpose_oid(crt, GNUTLS_KP_TLS_WWW_SERVER, 1) < 0)
        return -1;
    if (client && gnutls_x509_crt_set_key_purpose_oid(crt, GNUTLS_KP_TLS_WWW_CLIENT, 1) < 0)
        return -1;
    return 0;
}

static int
pki_set_sans(gnutls_x509_crt_t crt, const PkiIssueOpts *o)
{
    for (size_t i = 0; i < o->nhosts; i++) {
        if (gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, o->hosts[i],
                                                 strlen(o->hosts[i]), GNUTLS_FSAN_APPEND) < 0) {
            fprintf(stderr, "vireo pki: bad host name '%s'\n", o->hosts[i]);
            return -1;
        }
    }
    for (size_t i = 0; i < o->nips; i++) {
        unsigned char addr[16];
        size_t len = 0;

        if (inet_pton(AF_INET, o->ips[i], addr) == 1)
            len = 4;
        else if (inet_pton(AF_INET6, o->ips[i], addr) == 1)
            len = 16;
        if (!len || gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, addr, len,
                                                         GNUTLS_FSAN_APPEND) < 0) {
            fprintf(stderr, "vireo pki: '%s' is not an IPv4 or IPv6 address\n", o->ips[i]);
            return -1;
        }
    }
    return 0;
}

/* --dn is written the way libvirt prints a DN and tls_allowed_dn_list
 * matches it: the first attribute first ("C=GB,O=Org,CN=name"). GnuTLS
 * parses a DN string in RFC 4514 order, last attribute first, so the parts
 * are reversed before it reads them. Escaped commas stay inside a part. */
static char *
pki_dn_reverse(const char *dn)
{
    size_t len = strlen(dn), n = 0;
    const char *starts[64];
    size_t lens[64];
    const char *part = dn;
    char *out = calloc(1, len + 1), *w;

    if (!out)
        abort();
    for (const char *p = dn;; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            continue;
        }
        if (*p == ',' || *p == '\0') {
            if (n == sizeof(starts) / sizeof(starts[0])) {
                free(out);
                return NULL;
            }
            starts[n] = part;
            lens[n++] = (size_t)(p - part);
            part = p + 1;
            if (*p == '\0')
                break;
        }
    }
    w = out;
    for (size_t i = n; i-- > 0;) {
        memcpy(w, starts[i], lens[i]);
        w += lens[i];
        if (i)
            *w++ = ',';
    }
    return out;
}

/* Signs a new leaf certificate and writes NAMEcert.pem / NAMEkey.pem. */
static int
pki_issue(const PkiIssueOpts *o, bool server)
{
    const char *kind = server ? "server" : "client";
    gnutls_x509_crt_t cacrt = NULL, crt = NULL;
    gnutls_x509_privkey_t cakey = NULL, key = NULL;
    unsigned char id[64];
    size_t idlen = sizeof(id);
    char *out = o->out ? strdup(o->out) : pki_path(o->ca_dir, kind);
    char *certpath = NULL, *keypath = NULL, name[64];
    const char *err = NULL;
    int rc = -1;

    if (pki_load_ca(o->ca_dir, &cacrt, &cakey) < 0)
        goto out;
    if (pki_make_dirs(out, 0755) < 0 || pki_new_key(&key) < 0)
        goto out;
    gnutls_x509_crt_init(&crt);
    if (pki_crt_base(crt, key, o) < 0)
        goto out;
    if (o->dn) {
        char *rdn = pki_dn_reverse(o->dn);
        int dnrc = rdn ? gnutls_x509_crt_set_dn(crt, rdn, &err) : -1;

        free(rdn);
        if (dnrc < 0) {
            fprintf(stderr, "vireo pki: bad --dn '%s' near '%s' (use C=GB,O=Org,CN=name)\n",
                    o->dn, err ? err : "");
            goto out;
        }
    } else if (pki_set_cn(crt, o->cn ? o->cn : o->nhosts ? o->hosts[0] : o->ips[0]) < 0) {
        goto out;
    }
    if (gnutls_x509_crt_set_basic_constraints(crt, 0, -1) < 0 ||
        gnutls_x509_crt_set_key_usage(crt, GNUTLS_KEY_DIGITAL_SIGNATURE |
                                               GNUTLS_KEY_KEY_ENCIPHERMENT) < 0 ||
        pki_set_purpose(crt, o->purpose ? o->purpose : kind) < 0 || pki_set_sans(crt, o) < 0 ||
        gnutls_x509_crt_get_subject_key_id(cacrt, id, &idlen, NULL) < 0 ||
        gnutls_x509_crt_set_authority_key_id(crt, id, idlen) < 0) {
        fprintf(stderr, "vireo pki: cannot build the %s certificate\n", kind);
        goto out;
    }
    if ((rc = gnutls_x509_crt_sign2(crt, cacrt, cakey, GNUTLS_DIG_SHA256, 0)) < 0) {
        fprintf(stderr, "vireo pki: cannot sign: %s\n", gnutls_strerror(rc));
        rc = -1;
        goto out;
    }
    snprintf(name, sizeof(name), "%scert.pem", kind);
    certpath = pki_path(out, name);
    snprintf(name, sizeof(name), "%skey.pem", kind);
    keypath = pki_path(out, name);
    if (pki_save_key(keypath, key) < 0 || pki_save_crt(certpath, crt) < 0) {
        rc = -1;
        goto out;
    }
    /* The directory is complete on its own: it can be copied to the
     * machine that uses it and installed there. */
    free(certpath);
    certpath = pki_path(o->ca_dir, "cacert.pem");
    free(keypath);
    keypath = pki_path(out, "cacert.pem");
    if (pki_copy_file(certpath, keypath, 0644) < 0) {
        rc = -1;
        goto out;
    }
    free(certpath);
    free(keypath);
    snprintf(name, sizeof(name), "%scert.pem", kind);
    certpath = pki_path(out, name);
    snprintf(name, sizeof(name), "%skey.pem", kind);
    keypath = pki_path(out, name);
    printf("%s certificate: %s\n%s key: %s\n", kind, certpath, kind, keypath);
    printf("install it with: vireo pki install --from %s%s\n", out,
           server ? "   (on the server)" : "   (on the client)");
    rc = 0;
out:
    if (crt)
        gnutls_x509_crt_deinit(crt);
    if (key)
        gnutls_x509_privkey_deinit(key);
    if (cacrt)
        gnutls_x509_crt_deinit(cacrt);
    if (cakey)
        gnutls_x509_privkey_deinit(cakey);
    free(certpath);
    free(keypath);
    free(out);
    return rc;
}

int
pki_cmd_issue_server(int argc, char **argv)
{
    PkiIssueOpts o;
    int rc;

    if (pki_issue_parse(argc, argv, &o, 825) < 0)
        return 1;
    if (o.nhosts == 0 && o.nips == 0) {
        fprintf(stderr, "vireo pki: issue-server needs --host NAME (and/or --ip ADDR): the "
                "names clients use in their URIs\n");
        free(o.ca_dir);
        return 1;
    }
    rc = pki_issue(&o, true);
    free(o.ca_dir);
    return rc < 0 ? 1 : 0;
}

int
pki_cmd_issue_client(int argc, char **argv)
{
    PkiIssueOpts o;
    int rc;

    if (pki_issue_parse(argc, argv, &o, 825) < 0)
        return 1;
    if (!o.dn && !o.cn) {
        fprintf(stderr, "vireo pki: issue-client needs --dn \"C=..,O=..,CN=..\" (what the "
                "daemon's tls_allowed_dn_list matches)\n");
        free(o.ca_dir);
        return 1;
    }
    rc = pki_issue(&o, false);
    free(o.ca_dir);
    return rc < 0 ? 1 : 0;
}

/* A new CRL with the old entries and the certificate in argv. */
int
pki_cmd_revoke(int argc, char **argv)
{
    PkiIssueOpts o;
    gnutls_x509_crt_t cacrt = NULL, crt = NULL;
    gnutls_x509_privkey_t cakey = NULL;
    gnutls_x509_crl_t crl = NULL, old = NULL;
    gnutls_datum_t d = { NULL, 0 }, pem = { NULL, 0 };
    char *crlpath = NULL;
    time_t now = time(NULL);
    int idx, rc = 1;

    if ((idx = pki_issue_parse(argc, argv, &o, 365)) < 0)
        return 1;
    if (idx >= argc) {
        fprintf(stderr, "vireo pki: revoke needs the certificate file to revoke\n");
        goto out;
    }
    if (pki_load_ca(o.ca_dir, &cacrt, &cakey) < 0 || pki_load_crt(argv[idx], &crt) < 0)
        goto out;
    crlpath = pki_path(o.ca_dir, "cacrl.pem");
    gnutls_x509_crl_init(&crl);
    if (pki_exists(crlpath) && gnutls_load_file(crlpath, &d) == 0) {
        gnutls_x509_crl_init(&old);
        if (gnutls_x509_crl_import(old, &d, GNUTLS_X509_FMT_PEM) == 0) {
            int n = gnutls_x509_crl_get_crt_count(old);

            for (int i = 0; i < n; i++) {
                unsigned char serial[64];
                size_t slen = sizeof(serial);
                time_t when;

                if (gnutls_x509_crl_get_crt_serial(old, i, serial, &slen, &when) == 0)
                    gnutls_x509_crl_set_crt_serial(crl, serial, slen, when);
            }
        }
    }
    if (gnutls_x509_crl_set_crt(crl, crt, now) < 0 || gnutls_x509_crl_set_version(crl, 2) < 0 ||
        gnutls_x509_crl_set_this_update(crl, now) < 0 ||
        gnutls_x509_crl_set_next_update(crl, now + o.days * PKI_DAY) < 0 ||
        gnutls_x509_crl_sign2(crl, cacrt, cakey, GNUTLS_DIG_SHA256, 0) < 0 ||
        gnutls_x509_crl_export2(crl, GNUTLS_X509_FMT_PEM, &pem) < 0) {
        fprintf(stderr, "vireo pki: cannot make the revocation list\n");
        goto out;
    }
    if (pki_write_file(crlpath, pem.data, pem.size, 0644) < 0)
        goto out;
    printf("revoked %s: %s now lists it; install it again so daemons load it (crl_file, or "
           "cacrl.pem next to cacert.pem)\n", argv[idx], crlpath);
    rc = 0;
out:
    gnutls_free(d.data);
    gnutls_free(pem.data);
    if (crl)
        gnutls_x509_crl_deinit(crl);
    if (old)
        gnutls_x509_crl_deinit(old);
    if (crt)
        gnutls_x509_crt_deinit(crt);
    if (cacrt)
        gnutls_x509_crt_deinit(cacrt);
    if (cakey)
        gnutls_x509_privkey_deinit(cakey);
    free(crlpath);
    free(o.ca_dir);
    return rc;
}
