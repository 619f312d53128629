/*
 * tls_cache.c: what makes repeated opens cheap: peer chains that passed
 * the checks (per context), the client's saved sessions (per context) and
 * the client's contexts (per set of files, re-read only when one changes).
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/tls_priv.h"

#include <gnutls/crypto.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/alloc.h"

int
rpc_tls_chain_digest(const gnutls_datum_t *certs, unsigned int n, unsigned char *digest)
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
bool
rpc_tls_chain_dates(const gnutls_datum_t *certs, unsigned int n, time_t *nb, time_t *na)
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

bool
rpc_tls_verified_find(RpcTlsContext *ctx, const unsigned char *digest, const char *hostname,
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

void
rpc_tls_verified_add(RpcTlsContext *ctx, const unsigned char *digest, const char *hostname,
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

void
rpc_tls_cache_clear(RpcTlsContext *ctx)
{
    TlsSavedSession *s, *next;

    for (s = ctx->sessions; s; s = next) {
        next = s->next;
        free(s->key);
        gnutls_free(s->data.data);
        free(s);
    }
    ctx->sessions = NULL;
    for (size_t i = 0; i < TLS_VERIFIED_MAX; i++) {
        free(ctx->verified[i].hostname);
        free(ctx->verified[i].dn);
    }
}
