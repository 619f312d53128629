/*
 * tls_context.c: building a context (credentials, priority, tickets) and
 * the checks of a peer after the handshake. See tls_cert.c for the
 * certificate rules and tls_cache.c for what is remembered between opens.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/tls_priv.h"

#include <arpa/inet.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/error.h"

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
    if (rpc_tls_require_file("CA certificate", cfg->cacert) < 0)
        return -1;
    if ((rc = gnutls_certificate_set_x509_trust_file(ctx->cred, cfg->cacert,
                                                     GNUTLS_X509_FMT_PEM)) < 0) {
        vir_report_error(VIR_ERR_SYSTEM_ERROR, "Unable to set x509 CA certificate: %s: %s",
                         cfg->cacert, gnutls_strerror(rc));
        return -1;
    }
    if (cfg->cacrl && (cfg->crl_required || rpc_tls_exists(cfg->cacrl))) {
        if (rpc_tls_require_file("CA revocation list", cfg->cacrl) < 0)
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
    if (cfg->cert_optional && (!rpc_tls_exists(cfg->cert) || !rpc_tls_exists(cfg->key)))
        return 0;
    if (rpc_tls_require_file("certificate", cfg->cert) < 0 ||
        rpc_tls_require_file("private key", cfg->key) < 0)
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
    ctx->cacert = xstrdup(cfg->cacert);
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
        if (rpc_tls_sanity_check(&check, server) < 0)
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
    free(ctx->cacert);
    rpc_tls_cache_clear(ctx);
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
        /* libvirt's words, then which CA (and CRL) the chain was checked
         * against, so the refusal names the file to look at. */
        vir_report_error(VIR_ERR_SYSTEM_ERROR,
                         "Certificate failed validation: %s (checked against %s)",
                         rpc_tls_status_reason(status), ctx->cacert ? ctx->cacert : "?");
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
            if (rpc_tls_check_constraints(cert, "[session]", peer_server, false) < 0 ||
                rpc_tls_check_usage(cert, "[session]", false) < 0 ||
                rpc_tls_check_purpose(cert, "[session]", peer_server) < 0)
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
                 rpc_tls_chain_digest(certs, n, digest) == 0;
    time_t nb, na;

    if (keyed && rpc_tls_verified_find(ctx, digest, hostname, ret_dn))
        return 0;
    if (tls_check_peer_cert_full(ctx, session, hostname, ret_dn) < 0)
        return -1;
    if (keyed && rpc_tls_chain_dates(certs, n, &nb, &na))
        rpc_tls_verified_add(ctx, digest, hostname, *ret_dn, nb, na);
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
