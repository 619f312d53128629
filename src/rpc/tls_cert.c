/*
 * tls_cert.c: where the credentials are, and libvirt's certificate checks
 * with libvirt's words (for our own certificates at load, and for peers).
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/tls_priv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"

#define FREE_CLEAR(p) do { free(p); (p) = NULL; } while (0)

/* --- locations ------------------------------------------------------------ */

bool
rpc_tls_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

void
rpc_tls_files_locate(const char *pkipath, bool server, bool user, RpcTlsFiles *ret)
{
    const char *certname = server ? "servercert.pem" : "clientcert.pem";
    const char *keyname = server ? "serverkey.pem" : "clientkey.pem";
    const char *home = getenv("HOME");

    memset(ret, 0, sizeof(*ret));
    if (pkipath) {
        ret->cacert = xasprintf("%s/cacert.pem", pkipath);
        ret->cacrl = xasprintf("%s/cacrl.pem", pkipath);
        ret->cert = xasprintf("%s/%s", pkipath, certname);
        ret->key = xasprintf("%s/%s", pkipath, keyname);
        ret->explicit_dir = true;
        return;
    }
    if (user && home) {
        ret->cacert = xasprintf("%s/" RPC_TLS_USER_DIR "/cacert.pem", home);
        ret->cacrl = xasprintf("%s/" RPC_TLS_USER_DIR "/cacrl.pem", home);
        ret->cert = xasprintf("%s/" RPC_TLS_USER_DIR "/%s", home, certname);
        ret->key = xasprintf("%s/" RPC_TLS_USER_DIR "/%s", home, keyname);
        if (!rpc_tls_exists(ret->cacert))
            FREE_CLEAR(ret->cacert);
        if (!rpc_tls_exists(ret->cacrl))
            FREE_CLEAR(ret->cacrl);
        /* The certificate and its key go together. */
        if (!rpc_tls_exists(ret->cert) || !rpc_tls_exists(ret->key)) {
            FREE_CLEAR(ret->cert);
            FREE_CLEAR(ret->key);
        }
    }
    if (!ret->cacert)
        ret->cacert = xstrdup(RPC_TLS_CACERT);
    if (!ret->cacrl)
        ret->cacrl = xstrdup(RPC_TLS_CACRL);
    if (!ret->cert) {
        ret->cert = xstrdup(server ? RPC_TLS_SERVERCERT : RPC_TLS_CLIENTCERT);
        ret->key = xstrdup(server ? RPC_TLS_SERVERKEY : RPC_TLS_CLIENTKEY);
    }
}

void
rpc_tls_files_clear(RpcTlsFiles *files)
{
    free(files->cacert);
    free(files->cacrl);
    free(files->cert);
    free(files->key);
    memset(files, 0, sizeof(*files));
}

/* --- certificate checks (libvirt's rules and words) ------------------------ */

int
rpc_tls_check_cert_times(gnutls_x509_crt_t cert, const char *file, const char *kind)
{
    time_t now = time(NULL);

    if (gnutls_x509_crt_get_expiration_time(cert) < now) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "The %s certificate %s has expired", kind, file);
        return -1;
    }
    if (gnutls_x509_crt_get_activation_time(cert) > now) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "The %s certificate %s is not yet active", kind,
                         file);
        return -1;
    }
    return 0;
}

int
rpc_tls_check_constraints(gnutls_x509_crt_t cert, const char *file, bool server, bool ca)
{
    int status = gnutls_x509_crt_get_basic_constraints(cert, NULL, NULL, NULL);

    if (status > 0 && !ca) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR,
                         "The certificate %s basic constraints show a CA, but we need one "
                         "for a %s", file, server ? "server" : "client");
        return -1;
    }
    if (status == 0 && ca) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR,
                         "The certificate %s basic constraints do not show a CA", file);
        return -1;
    }
    if (status == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
        if (ca) {
            vir_report_error(VIR_ERR_SYSTEM_ERROR,
                             "The certificate %s is missing basic constraints for a CA", file);
            return -1;
        }
    } else if (status < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR,
                         "Unable to query certificate %s basic constraints %s", file,
                         gnutls_strerror(status));
        return -1;
    }
    return 0;
}

/* A usage bit that is missing is fatal only when the extension is
 * critical; otherwise it is a warning in the log. */
static int
tls_check_usage_bit(unsigned int usage, unsigned int critical, unsigned int bit,
                    const char *file, const char *what)
{
    if (usage & bit)
        return 0;
    if (critical) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Certificate %s usage does not permit %s", file,
                         what);
        return -1;
    }
    rpc_tls_log(1, "Certificate %s usage does not permit %s", file, what);
    return 0;
}

int
rpc_tls_check_usage(gnutls_x509_crt_t cert, const char *file, bool ca)
{
    unsigned int usage = 0, critical = 0;
    int status = gnutls_x509_crt_get_key_usage(cert, &usage, &critical);

    if (status == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
        usage = ca ? GNUTLS_KEY_KEY_CERT_SIGN
                   : GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT;
    } else if (status < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Unable to query certificate %s key usage %s",
                         file, gnutls_strerror(status));
        return -1;
    }
    if (ca)
        return tls_check_usage_bit(usage, critical, GNUTLS_KEY_KEY_CERT_SIGN, file,
                                   "certificate signing");
    if (tls_check_usage_bit(usage, critical, GNUTLS_KEY_DIGITAL_SIGNATURE, file,
                            "digital signature") < 0)
        return -1;
    return tls_check_usage_bit(usage, critical, GNUTLS_KEY_KEY_ENCIPHERMENT, file,
                               "key encipherment");
}

int
rpc_tls_check_purpose(gnutls_x509_crt_t cert, const char *file, bool server)
{
    bool allow_server = false, allow_client = false, critical = false;
    char oid[256];

    for (unsigned int i = 0;; i++) {
        size_t size = sizeof(oid);
        unsigned int crit = 0;
        int status = gnutls_x509_crt_get_key_purpose_oid(cert, i, oid, &size, &crit);

        if (status == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE) {
            if (i == 0)
                allow_server = allow_client = true;
            break;
        }
        if (status < 0) {
            vir_report_error(VIR_ERR_SYSTEM_ERROR,
                             "Unable to query certificate %s key purpose %s", file,
                             gnutls_strerror(status));
            return -1;
        }
        if (crit)
            critical = true;
        if (strcmp(oid, GNUTLS_KP_TLS_WWW_SERVER) == 0)
            allow_server = true;
        else if (strcmp(oid, GNUTLS_KP_TLS_WWW_CLIENT) == 0)
            allow_client = true;
        else if (strcmp(oid, GNUTLS_KP_ANY) != 0)
            allow_server = allow_client = true; /* as libvirt 9.0 treats other purposes */
    }
    if (server ? allow_server : allow_client)
        return 0;
    if (critical) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR,
                         "Certificate %s purpose does not allow use for with a TLS %s", file,
                         server ? "server" : "client");
        return -1;
    }
    rpc_tls_log(1, "Certificate %s purpose does not allow use for with a TLS %s", file,
                server ? "server" : "client");
    return 0;
}

int
rpc_tls_check_cert(gnutls_x509_crt_t cert, const char *file, bool server, bool ca)
{
    if (rpc_tls_check_cert_times(cert, file, ca ? "CA" : server ? "server" : "client") < 0 ||
        rpc_tls_check_constraints(cert, file, server, ca) < 0 ||
        rpc_tls_check_usage(cert, file, ca) < 0)
        return -1;
    if (!ca && rpc_tls_check_purpose(cert, file, server) < 0)
        return -1;
    return 0;
}

const char *
rpc_tls_status_reason(unsigned int status)
{
    if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
        return "The certificate uses an insecure algorithm";
    if (status & GNUTLS_CERT_REVOKED)
        return "The certificate has been revoked.";
    if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
        return "The certificate hasn't got a known issuer.";
    if (status & GNUTLS_CERT_EXPIRED)
        return "The certificate has expired.";
    if (status & GNUTLS_CERT_NOT_ACTIVATED)
        return "The certificate is not yet active.";
    if (status & GNUTLS_CERT_INVALID)
        return "The certificate is not trusted.";
    return "Invalid certificate";
}

/* --- loading ------------------------------------------------------------- */

int
rpc_tls_require_file(const char *what, const char *path)
{
    if (access(path, R_OK) == 0)
        return 0;
    vir_error_report_system(VIR_FROM_THIS, errno, "Cannot read %s '%s'", what, path);
    return -1;
}

static int
tls_load_crts(const char *path, gnutls_x509_crt_t **ret_list, unsigned int *ret_n)
{
    gnutls_datum_t data = { NULL, 0 };
    int rc;

    if ((rc = gnutls_load_file(path, &data)) < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Unable to read certificate %s: %s", path,
                         gnutls_strerror(rc));
        return -1;
    }
    rc = gnutls_x509_crt_list_import2(ret_list, ret_n, &data, GNUTLS_X509_FMT_PEM, 0);
    gnutls_free(data.data);
    if (rc < 0 || *ret_n == 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Unable to import certificate %s: %s", path,
                         rc < 0 ? gnutls_strerror(rc) : "no certificate in the file");
        return -1;
    }
    return 0;
}

static void
tls_free_crts(gnutls_x509_crt_t *list, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++)
        gnutls_x509_crt_deinit(list[i]);
    gnutls_free(list);
}

/* The key file's key is the certificate's. */
static int
tls_check_key_match(gnutls_x509_crt_t cert, const char *certfile, const char *keyfile)
{
    gnutls_datum_t data = { NULL, 0 };
    gnutls_x509_privkey_t key = NULL;
    unsigned char id1[64], id2[64];
    size_t n1 = sizeof(id1), n2 = sizeof(id2);
    int rc = -1;

    if (gnutls_load_file(keyfile, &data) < 0 || gnutls_x509_privkey_init(&key) < 0 ||
        gnutls_x509_privkey_import(key, &data, GNUTLS_X509_FMT_PEM) < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Unable to read private key %s", keyfile);
        goto out;
    }
    if (gnutls_x509_crt_get_key_id(cert, 0, id1, &n1) < 0 ||
        gnutls_x509_privkey_get_key_id(key, 0, id2, &n2) < 0 || n1 != n2 ||
        memcmp(id1, id2, n1) != 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR,
                         "The private key %s does not match the certificate %s", keyfile,
                         certfile);
        goto out;
    }
    rc = 0;
out:
    gnutls_free(data.data);
    if (key)
        gnutls_x509_privkey_deinit(key);
    return rc;
}

/* Our own certificate, the CA certificates and the pair, before serving. */
int
rpc_tls_sanity_check(const RpcTlsConfig *cfg, bool server)
{
    gnutls_x509_crt_t *cas = NULL, *certs = NULL;
    unsigned int ncas = 0, ncerts = 0, status = 0;
    int rc = -1;

    if (tls_load_crts(cfg->cacert, &cas, &ncas) < 0)
        goto out;
    if (ncas > TLS_MAX_CA) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Too many CA certificates in %s (at most %d)",
                         cfg->cacert, TLS_MAX_CA);
        goto out;
    }
    for (unsigned int i = 0; i < ncas; i++)
        if (rpc_tls_check_cert(cas[i], cfg->cacert, server, true) < 0)
            goto out;
    if (cfg->cert) {
        if (tls_load_crts(cfg->cert, &certs, &ncerts) < 0 ||
            rpc_tls_check_cert(certs[0], cfg->cert, server, false) < 0 ||
            tls_check_key_match(certs[0], cfg->cert, cfg->key) < 0)
            goto out;
        if (gnutls_x509_crt_list_verify(certs, 1, cas, ncas, NULL, 0, 0, &status) < 0) {
            vir_report_error(VIR_ERR_SYSTEM_ERROR,
                             "Unable to verify %s certificate %s against CA certificate %s",
                             server ? "server" : "client", cfg->cert, cfg->cacert);
            goto out;
        }
        if (status) {
            vir_report_error(VIR_ERR_SYSTEM_ERROR,
                             "Our own certificate %s failed validation against %s: %s",
                             cfg->cert, cfg->cacert, rpc_tls_status_reason(status));
            goto out;
        }
    }
    rc = 0;
out:
    tls_free_crts(cas, ncas);
    tls_free_crts(certs, ncerts);
    return rc;
}
