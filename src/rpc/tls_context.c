/*
 * tls_context.c: loading credentials, the certificate checks, the client's
 * context and session caches.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/tls_context.h"

#include <gnutls/crypto.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"

/* At most this many CA certificates in one cacert.pem (as libvirt). */
#define TLS_MAX_CA 16
/* Offered by Vireo's clients in ALPN: such a client gets a session ticket
 * after the confirmation byte. libvirt's clients offer nothing and get no
 * ticket: their record reader cannot take a record that is not data. */
#define TLS_ALPN_VIREO "vireo-rpc"

/* Saved client sessions per context. */
#define TLS_SESSION_CACHE_MAX 64
/* Cached client contexts. */
#define TLS_CLIENT_CACHE_MAX 16

#define FREE_CLEAR(p) do { free(p); (p) = NULL; } while (0)

/* Peer certificates that passed every check with this context: the same
 * chain (and host name) is not verified again, only its dates. Sound
 * because a context never changes: a new CA, CRL or allow list is a new
 * context with an empty list. */
#define TLS_VERIFIED_MAX 64

typedef struct {
    unsigned char digest[32]; /* SHA-256 over the peer's chain */
    char *hostname;           /* the name it was checked against, or NULL */
    char *dn;
    time_t not_before, not_after; /* the chain's common validity */
    bool used;
} TlsVerified;

typedef struct TlsSavedSession {
    char *key;
    gnutls_datum_t data;
    struct TlsSavedSession *next;
} TlsSavedSession;

struct RpcTlsContext {
    atomic_uint refs;
    bool server;
    bool require_valid;
    bool check_address;
    gnutls_certificate_credentials_t cred;
    gnutls_priority_t prio;
    gnutls_datum_t ticket_key;  /* server: session tickets */
    char **dn_acl;              /* NULL = no check */
    char **ip_acl;              /* NULL = no check */
    pthread_mutex_t lock;       /* guards sessions */
    TlsSavedSession *sessions;
    size_t nsessions;
    TlsVerified verified[TLS_VERIFIED_MAX]; /* lock */
    size_t verified_next;                   /* lock: the slot to reuse next */
};

static RpcTlsLogFunc tls_log_func;

void
rpc_tls_set_log_func(RpcTlsLogFunc fn)
{
    tls_log_func = fn;
}

void
rpc_tls_log(int warning, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if (!tls_log_func)
        return;
    va_start(ap, fmt);
    msg = xvasprintf(fmt, ap);
    va_end(ap);
    tls_log_func(warning, msg);
    free(msg);
}

/* --- locations ------------------------------------------------------------ */

static bool
tls_exists(const char *path)
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
        if (!tls_exists(ret->cacert))
            FREE_CLEAR(ret->cacert);
        if (!tls_exists(ret->cacrl))
            FREE_CLEAR(ret->cacrl);
        /* The certificate and its key go together. */
        if (!tls_exists(ret->cert) || !tls_exists(ret->key)) {
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

static int
tls_check_constraints(gnutls_x509_crt_t cert, const char *file, bool server, bool ca)
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

static int
tls_check_usage(gnutls_x509_crt_t cert, const char *file, bool ca)
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

static int
tls_check_purpose(gnutls_x509_crt_t cert, const char *file, bool server)
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
        tls_check_constraints(cert, file, server, ca) < 0 || tls_check_usage(cert, file, ca) < 0)
        return -1;
    if (!ca && tls_check_purpose(cert, file, server) < 0)
        return -1;
    return 0;
}

static const char *
tls_status_reason(unsigned int status)
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

static int
tls_require_file(const char *what, const char *path)
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
static int
tls_sanity_check(const RpcTlsConfig *cfg, bool server)
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
                             cfg->cert, cfg->cacert, tls_status_reason(status));
            goto out;
        }
    }
    rc = 0;
out:
    tls_free_crts(cas, ncas);
    tls_free_crts(certs, ncerts);
    return rc;
}

static char **
tls_strv_copy(const char *const *list)
{
    size_t n = 0;
    char **copy;

    if (!list)
        return NULL;
    while (list[n])
        n++;
    copy = XNEW_ARRAY(char *, n + 1);
    for (size_t i = 0; i < n; i++)
        copy[i] = xstrdup(list[i]);
    copy[n] = NULL;
    return copy;
}

static int
tls_load_credentials(RpcTlsContext *ctx, const RpcTlsConfig *cfg, bool *have_cert)
{
    int rc;

    *have_cert = false;
    if (tls_require_file("CA certificate", cfg->cacert) < 0)
        return -1;
    if ((rc = gnutls_certificate_set_x509_trust_file(ctx->cred, cfg->cacert,
                                                     GNUTLS_X509_FMT_PEM)) < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Unable to set x509 CA certificate: %s: %s",
                         cfg->cacert, gnutls_strerror(rc));
        return -1;
    }
    if (cfg->cacrl && (cfg->crl_required || tls_exists(cfg->cacrl))) {
        if (tls_require_file("CA revocation list", cfg->cacrl) < 0)
            return -1;
        if ((rc = gnutls_certificate_set_x509_crl_file(ctx->cred, cfg->cacrl,
                                                       GNUTLS_X509_FMT_PEM)) < 0) {
            vir_report_error(VIR_ERR_SYSTEM_ERROR,
                             "Unable to set x509 certificate revocation list: %s: %s",
                             cfg->cacrl, gnutls_strerror(rc));
            return -1;
        }
    }
    if (!cfg->cert || !cfg->key)
        return 0;
    if (cfg->cert_optional && (!tls_exists(cfg->cert) || !tls_exists(cfg->key)))
        return 0;
    if (tls_require_file("certificate", cfg->cert) < 0 ||
        tls_require_file("private key", cfg->key) < 0)
        return -1;
    rc = gnutls_certificate_set_x509_key_file(ctx->cred, cfg->cert, cfg->key,
                                              GNUTLS_X509_FMT_PEM);
    if (rc == GNUTLS_E_CERTIFICATE_KEY_MISMATCH) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR,
                         "The private key %s does not match the certificate %s", cfg->key,
                         cfg->cert);
        return -1;
    }
    if (rc < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR,
                         "Unable to set x509 key and certificate: %s, %s: %s", cfg->key,
                         cfg->cert, gnutls_strerror(rc));
        return -1;
    }
    *have_cert = true;
    return 0;
}

RpcTlsContext *
rpc_tls_context_new(const RpcTlsConfig *cfg, bool server)
{
    RpcTlsContext *ctx = XNEW(RpcTlsContext);
    const char *prio = cfg->priority ? cfg->priority
                       : server      ? RPC_TLS_DEFAULT_PRIORITY
                                     : RPC_TLS_CLIENT_PRIORITY;
    const char *errpos = NULL;
    bool have_cert;
    int rc;

    atomic_init(&ctx->refs, 1);
    ctx->server = server;
    ctx->require_valid = cfg->require_valid;
    ctx->check_address = cfg->check_address;
    pthread_mutex_init(&ctx->lock, NULL);
    if ((rc = gnutls_certificate_allocate_credentials(&ctx->cred)) < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Unable to allocate x509 credentials: %s",
                         gnutls_strerror(rc));
        goto error;
    }
    if (tls_load_credentials(ctx, cfg, &have_cert) < 0)
        goto error;
    if (cfg->sanity_check) {
        RpcTlsConfig check = *cfg;

        if (!have_cert)
            check.cert = check.key = NULL;
        if (tls_sanity_check(&check, server) < 0)
            goto error;
    }
    if ((rc = gnutls_priority_init(&ctx->prio, prio, &errpos)) < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Failed to set TLS session priority to %s: %s",
                         prio, gnutls_strerror(rc));
        goto error;
    }
    if (server) {
        gnutls_certificate_set_known_dh_params(ctx->cred, GNUTLS_SEC_PARAM_MEDIUM);
        if (gnutls_session_ticket_key_generate(&ctx->ticket_key) < 0)
            ctx->ticket_key.data = NULL;
        ctx->dn_acl = tls_strv_copy(cfg->dn_acl);
        ctx->ip_acl = tls_strv_copy(cfg->ip_acl);
    }
    return ctx;

error:
    rpc_tls_context_unref(ctx);
    return NULL;
}

void
rpc_tls_context_ref(RpcTlsContext *ctx)
{
    atomic_fetch_add(&ctx->refs, 1);
}

void
rpc_tls_context_unref(RpcTlsContext *ctx)
{
    TlsSavedSession *s, *next;

    if (!ctx || atomic_fetch_sub(&ctx->refs, 1) != 1)
        return;
    if (ctx->cred)
        gnutls_certificate_free_credentials(ctx->cred);
    if (ctx->prio)
        gnutls_priority_deinit(ctx->prio);
    if (ctx->ticket_key.data) {
        secure_zero(ctx->ticket_key.data, ctx->ticket_key.size);
        gnutls_free(ctx->ticket_key.data);
    }
    strv_free(ctx->dn_acl);
    strv_free(ctx->ip_acl);
    for (s = ctx->sessions; s; s = next) {
        next = s->next;
        free(s->key);
        gnutls_free(s->data.data);
        free(s);
    }
    for (size_t i = 0; i < TLS_VERIFIED_MAX; i++) {
        free(ctx->verified[i].hostname);
        free(ctx->verified[i].dn);
    }
    pthread_mutex_destroy(&ctx->lock);
    free(ctx);
}

bool
rpc_tls_context_requires_valid(RpcTlsContext *ctx)
{
    return ctx->require_valid;
}

int
rpc_tls_context_session_init(RpcTlsContext *ctx, gnutls_session_t *ret_session)
{
    gnutls_session_t s;
    int rc;

    gnutls_datum_t alpn = { (unsigned char *)TLS_ALPN_VIREO, sizeof(TLS_ALPN_VIREO) - 1 };

    if ((rc = gnutls_init(&s, ctx->server ? GNUTLS_SERVER | GNUTLS_NO_AUTO_SEND_TICKET
                                          : GNUTLS_CLIENT)) < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Failed to initialize TLS session: %s",
                         gnutls_strerror(rc));
        return -1;
    }
    if ((rc = gnutls_priority_set(s, ctx->prio)) < 0 ||
        (rc = gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE, ctx->cred)) < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Failed set TLS x509 credentials: %s",
                         gnutls_strerror(rc));
        gnutls_deinit(s);
        return -1;
    }
    if (ctx->server) {
        gnutls_certificate_server_set_request(s, GNUTLS_CERT_REQUEST);
        if (ctx->ticket_key.data)
            gnutls_session_ticket_enable_server(s, &ctx->ticket_key);
    }
    gnutls_alpn_set_protocols(s, &alpn, 1, 0);
    *ret_session = s;
    return 0;
}

void
rpc_tls_context_after_confirm(RpcTlsContext *ctx, gnutls_session_t session)
{
    gnutls_datum_t proto = { NULL, 0 };

    if (!ctx->server || !ctx->ticket_key.data ||
        gnutls_alpn_get_selected_protocol(session, &proto) < 0 ||
        proto.size != sizeof(TLS_ALPN_VIREO) - 1 ||
        memcmp(proto.data, TLS_ALPN_VIREO, proto.size) != 0)
        return;
    /* A resumed client still holds a ticket that works: a new one would
     * cost both sides for nothing. */
    if (gnutls_protocol_get_version(session) == GNUTLS_TLS1_3 &&
        !gnutls_session_is_resumed(session))
        gnutls_session_ticket_send(session, 1, 0);
}

/* --- peer checks ----------------------------------------------------------- */

static bool
tls_match_list(char *const *list, const char *value)
{
    for (; *list; list++)
        if (fnmatch(*list, value, 0) == 0)
            return true;
    return false;
}

static int
tls_check_name(gnutls_x509_crt_t cert, const char *hostname)
{
    unsigned char addr[16];
    char bare[256];
    size_t len = strlen(hostname);
    bool ok;

    /* "[::1]" as some callers keep it. */
    if (len >= 2 && len < sizeof(bare) && hostname[0] == '[' && hostname[len - 1] == ']') {
        memcpy(bare, hostname + 1, len - 2);
        bare[len - 2] = '\0';
        hostname = bare;
    }
    if (inet_pton(AF_INET6, hostname, addr) == 1)
        ok = gnutls_x509_crt_check_ip(cert, addr, 16, 0);
    else if (inet_pton(AF_INET, hostname, addr) == 1)
        ok = gnutls_x509_crt_check_ip(cert, addr, 4, 0) ||
             gnutls_x509_crt_check_hostname(cert, hostname);
    else
        ok = gnutls_x509_crt_check_hostname(cert, hostname);
    if (ok)
        return 0;
    vir_report_error(VIR_ERR_RPC, "Certificate %s owner does not match the hostname %s",
                     "[session]", hostname);
    return -1;
}

/* The certificate part of the peer checks; error record set on failure. */
static int
tls_check_peer_cert_full(RpcTlsContext *ctx, gnutls_session_t session, const char *hostname,
                    char **ret_dn)
{
    const gnutls_datum_t *certs;
    unsigned int ncerts = 0, status = 0;
    gnutls_x509_crt_t cert = NULL;
    bool peer_server = !ctx->server;
    size_t dnlen = 0;
    int rc;

    rc = gnutls_certificate_verify_peers2(session, &status);
    if (rc == GNUTLS_E_NO_CERTIFICATE_FOUND) {
        /* A client offers only a certificate issued by a CA the server
         * named in its request, so this is usually the wrong CA. */
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "%s",
                         "Unable to verify TLS peer: the peer sent no certificate (it has "
                         "none, or none issued by a CA this side trusts)");
        return -1;
    }
    if (rc < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Unable to verify TLS peer: %s",
                         gnutls_strerror(rc));
        return -1;
    }
    if (status != 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Certificate failed validation: %s",
                         tls_status_reason(status));
        return -1;
    }
    if (gnutls_certificate_type_get(session) != GNUTLS_CRT_X509) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "%s", "Only x509 certificates are supported");
        return -1;
    }
    if (!(certs = gnutls_certificate_get_peers(session, &ncerts)) || ncerts == 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "%s", "The certificate has no peers");
        return -1;
    }
    for (unsigned int i = 0; i < ncerts; i++) {
        if (gnutls_x509_crt_init(&cert) < 0 ||
            gnutls_x509_crt_import(cert, &certs[i], GNUTLS_X509_FMT_DER) < 0) {
            vir_report_error(VIR_ERR_SYSTEM_ERROR, "%s", "Unable to load certificate");
            goto error;
        }
        if (rpc_tls_check_cert_times(cert, "[session]",
                                     i > 0 ? "CA" : peer_server ? "server" : "client") < 0)
            goto error;
        if (i == 0) {
            char *dn;

            gnutls_x509_crt_get_dn(cert, NULL, &dnlen);
            dn = xcalloc(1, dnlen + 1);
            if (gnutls_x509_crt_get_dn(cert, dn, &dnlen) < 0)
                dn[0] = '\0';
            free(*ret_dn);
            *ret_dn = dn;
            if (ctx->dn_acl && !tls_match_list(ctx->dn_acl, dn)) {
                vir_report_error(VIR_ERR_SYSTEM_ERROR,
                                 "Client's Distinguished Name '%s' is not on the list of "
                                 "allowed clients (tls_allowed_dn_list)", dn);
                goto error;
            }
            if (hostname && tls_check_name(cert, hostname) < 0)
                goto error;
            if (tls_check_constraints(cert, "[session]", peer_server, false) < 0 ||
                tls_check_usage(cert, "[session]", false) < 0 ||
                tls_check_purpose(cert, "[session]", peer_server) < 0)
                goto error;
        }
        gnutls_x509_crt_deinit(cert);
        cert = NULL;
    }
    return 0;

error:
    if (cert)
        gnutls_x509_crt_deinit(cert);
    return -1;
}

static int
tls_chain_digest(const gnutls_datum_t *certs, unsigned int n, unsigned char *digest)
{
    gnutls_hash_hd_t h;

    if (gnutls_hash_init(&h, GNUTLS_DIG_SHA256) < 0)
        return -1;
    for (unsigned int i = 0; i < n; i++)
        gnutls_hash(h, certs[i].data, certs[i].size);
    gnutls_hash_deinit(h, digest);
    return 0;
}

/* The chain's common validity period; false when a certificate cannot be
 * read (then nothing is remembered). */
static bool
tls_chain_dates(const gnutls_datum_t *certs, unsigned int n, time_t *nb, time_t *na)
{
    *nb = 0;
    *na = (time_t)INT64_MAX;
    for (unsigned int i = 0; i < n; i++) {
        gnutls_x509_crt_t c;

        if (gnutls_x509_crt_init(&c) < 0)
            return false;
        if (gnutls_x509_crt_import(c, &certs[i], GNUTLS_X509_FMT_DER) < 0) {
            gnutls_x509_crt_deinit(c);
            return false;
        }
        if (gnutls_x509_crt_get_activation_time(c) > *nb)
            *nb = gnutls_x509_crt_get_activation_time(c);
        if (gnutls_x509_crt_get_expiration_time(c) < *na)
            *na = gnutls_x509_crt_get_expiration_time(c);
        gnutls_x509_crt_deinit(c);
    }
    return true;
}

static bool
tls_verified_find(RpcTlsContext *ctx, const unsigned char *digest, const char *hostname,
                  char **ret_dn)
{
    time_t now = time(NULL);
    bool hit = false;

    pthread_mutex_lock(&ctx->lock);
    for (size_t i = 0; i < TLS_VERIFIED_MAX && !hit; i++) {
        TlsVerified *v = &ctx->verified[i];

        if (v->used && memcmp(v->digest, digest, sizeof(v->digest)) == 0 &&
            ((!hostname && !v->hostname) ||
             (hostname && v->hostname && strcmp(hostname, v->hostname) == 0)) &&
            now >= v->not_before && now <= v->not_after) {
            free(*ret_dn);
            *ret_dn = xstrdup(v->dn);
            hit = true;
        }
    }
    pthread_mutex_unlock(&ctx->lock);
    return hit;
}

static void
tls_verified_add(RpcTlsContext *ctx, const unsigned char *digest, const char *hostname,
                 const char *dn, time_t nb, time_t na)
{
    TlsVerified *v;

    pthread_mutex_lock(&ctx->lock);
    v = &ctx->verified[ctx->verified_next];
    ctx->verified_next = (ctx->verified_next + 1) % TLS_VERIFIED_MAX;
    free(v->hostname);
    free(v->dn);
    memcpy(v->digest, digest, sizeof(v->digest));
    v->hostname = xstrdup(hostname);
    v->dn = xstrdup(dn ? dn : "");
    v->not_before = nb;
    v->not_after = na;
    v->used = true;
    pthread_mutex_unlock(&ctx->lock);
}

/* The certificate checks, remembered per chain: a client opening many
 * connections (or a daemon seeing the same client again) pays for the
 * signature checks once. */
static int
tls_check_peer_cert(RpcTlsContext *ctx, gnutls_session_t session, const char *hostname,
                    char **ret_dn)
{
    unsigned int n = 0;
    const gnutls_datum_t *certs = gnutls_certificate_get_peers(session, &n);
    unsigned char digest[32];
    bool keyed = certs && n > 0 && gnutls_certificate_type_get(session) == GNUTLS_CRT_X509 &&
                 tls_chain_digest(certs, n, digest) == 0;
    time_t nb, na;

    if (keyed && tls_verified_find(ctx, digest, hostname, ret_dn))
        return 0;
    if (tls_check_peer_cert_full(ctx, session, hostname, ret_dn) < 0)
        return -1;
    if (keyed && tls_chain_dates(certs, n, &nb, &na))
        tls_verified_add(ctx, digest, hostname, *ret_dn, nb, na);
    return 0;
}

int
rpc_tls_context_check_peer(RpcTlsContext *ctx, gnutls_session_t session, const char *hostname,
                           const char *peer_addr, char **ret_dn)
{
    if (tls_check_peer_cert(ctx, session, hostname, ret_dn) < 0) {
        virErrorPtr err = vir_error_current();
        char *reason = xstrdup(err && err->message ? err->message : "unknown reason");

        rpc_tls_log(1, "Certificate check of %s failed: %s",
                    peer_addr ? peer_addr : hostname ? hostname : "the peer", reason);
        if (ctx->require_valid) {
            vir_report_error(VIR_ERR_AUTH_FAILED, "Failed to verify peer's certificate: %s",
                             reason);
            free(reason);
            return -1;
        }
        free(reason);
        virResetLastError();
        rpc_tls_log(1, "%s", "Ignoring bad certificate at user request");
    }
    if (ctx->server && ctx->check_address && ctx->ip_acl && peer_addr &&
        !tls_match_list(ctx->ip_acl, peer_addr)) {
        vir_report_error(VIR_ERR_AUTH_FAILED,
                         "Client address %s is not on the list of allowed clients "
                         "(tls_allowed_ip_list)", peer_addr);
        rpc_tls_log(1, "Client address %s is not on the list of allowed clients "
                    "(tls_allowed_ip_list)", peer_addr);
        return -1;
    }
    return 0;
}

/* --- the client's caches --------------------------------------------------- */

void
rpc_tls_context_session_restore(RpcTlsContext *ctx, const char *key, gnutls_session_t session)
{
    TlsSavedSession *s;

    pthread_mutex_lock(&ctx->lock);
    for (s = ctx->sessions; s; s = s->next) {
        if (strcmp(s->key, key) == 0) {
            gnutls_session_set_data(session, s->data.data, s->data.size);
            break;
        }
    }
    pthread_mutex_unlock(&ctx->lock);
}

void
rpc_tls_context_session_save(RpcTlsContext *ctx, const char *key, gnutls_session_t session)
{
    gnutls_datum_t data = { NULL, 0 };
    TlsSavedSession *s;

    if (gnutls_session_get_data2(session, &data) < 0 || data.size == 0)
        return;
    pthread_mutex_lock(&ctx->lock);
    for (s = ctx->sessions; s; s = s->next)
        if (strcmp(s->key, key) == 0)
            break;
    if (!s && ctx->nsessions < TLS_SESSION_CACHE_MAX) {
        s = XNEW(TlsSavedSession);
        s->key = xstrdup(key);
        s->next = ctx->sessions;
        ctx->sessions = s;
        ctx->nsessions++;
    }
    if (s) {
        gnutls_free(s->data.data);
        s->data = data;
        data.data = NULL;
    }
    pthread_mutex_unlock(&ctx->lock);
    gnutls_free(data.data);
}

typedef struct TlsCachedContext {
    char *key;        /* the config and the files' identities */
    RpcTlsContext *ctx;
    struct TlsCachedContext *next;
} TlsCachedContext;

static pthread_mutex_t tls_cache_lock = PTHREAD_MUTEX_INITIALIZER;
static TlsCachedContext *tls_cache;
static size_t tls_cache_n;

static char *
tls_file_identity(const char *path)
{
    struct stat st;

    if (!path)
        return xstrdup("-");
    if (stat(path, &st) < 0)
        return xasprintf("%s:missing", path);
    return xasprintf("%s:%llu:%llu:%lld.%09ld", path, (unsigned long long)st.st_ino,
                     (unsigned long long)st.st_size, (long long)st.st_mtim.tv_sec,
                     st.st_mtim.tv_nsec);
}

static char *
tls_cache_key(const RpcTlsConfig *cfg)
{
    char *a = tls_file_identity(cfg->cacert), *b = tls_file_identity(cfg->cacrl);
    char *c = tls_file_identity(cfg->cert), *d = tls_file_identity(cfg->key);
    char *key = xasprintf("%s|%s|%s|%s|%s|%d%d%d%d", a, b, c, d,
                          cfg->priority ? cfg->priority : "", cfg->sanity_check,
                          cfg->require_valid, cfg->cert_optional, cfg->crl_required);

    free(a);
    free(b);
    free(c);
    free(d);
    return key;
}

RpcTlsContext *
rpc_tls_context_client_cached(const RpcTlsConfig *cfg)
{
    char *key = tls_cache_key(cfg);
    TlsCachedContext *e, **pp;
    RpcTlsContext *ctx = NULL;

    pthread_mutex_lock(&tls_cache_lock);
    for (e = tls_cache; e; e = e->next) {
        if (strcmp(e->key, key) == 0) {
            ctx = e->ctx;
            rpc_tls_context_ref(ctx);
            break;
        }
    }
    pthread_mutex_unlock(&tls_cache_lock);
    if (ctx) {
        free(key);
        return ctx;
    }
    if (!(ctx = rpc_tls_context_new(cfg, false))) {
        free(key);
        return NULL;
    }
    pthread_mutex_lock(&tls_cache_lock);
    /* Full: drop the oldest (the last). */
    if (tls_cache_n >= TLS_CLIENT_CACHE_MAX) {
        for (pp = &tls_cache; (*pp)->next; pp = &(*pp)->next)
            ;
        e = *pp;
        *pp = NULL;
        tls_cache_n--;
        rpc_tls_context_unref(e->ctx);
        free(e->key);
        free(e);
    }
    e = XNEW(TlsCachedContext);
    e->key = key;
    e->ctx = ctx;
    rpc_tls_context_ref(ctx);
    e->next = tls_cache;
    tls_cache = e;
    tls_cache_n++;
    pthread_mutex_unlock(&tls_cache_lock);
    return ctx;
}
