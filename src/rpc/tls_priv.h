/*
 * tls_priv.h: what the TLS files share inside src/rpc: the context's
 * layout and the helpers one file offers the others. tls_context.c builds
 * contexts and checks peers, tls_cert.c knows files and certificates,
 * tls_cache.c keeps what makes repeated opens cheap.
 */
#ifndef VIREO_RPC_TLS_PRIV_H
#define VIREO_RPC_TLS_PRIV_H

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "rpc/tls_context.h"

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
    char *cacert;               /* the CA file, named in refusals */
    pthread_mutex_t lock;       /* guards sessions */
    TlsSavedSession *sessions;
    size_t nsessions;
    TlsVerified verified[TLS_VERIFIED_MAX]; /* lock */
    size_t verified_next;                   /* lock: the slot to reuse next */
};

/* tls_cert.c */
bool rpc_tls_exists(const char *path);
/* Reports "Cannot read WHAT 'PATH'" with errno when path is unreadable. */
int rpc_tls_require_file(const char *what, const char *path);
int rpc_tls_check_constraints(gnutls_x509_crt_t cert, const char *file, bool server, bool ca);
int rpc_tls_check_usage(gnutls_x509_crt_t cert, const char *file, bool ca);
int rpc_tls_check_purpose(gnutls_x509_crt_t cert, const char *file, bool server);
const char *rpc_tls_status_reason(unsigned int status);
/* Our own certificate, the CA certificates and the pair, before serving. */
int rpc_tls_sanity_check(const RpcTlsConfig *cfg, bool server);

/* tls_cache.c */
int rpc_tls_chain_digest(const gnutls_datum_t *certs, unsigned int n, unsigned char *digest);
bool rpc_tls_chain_dates(const gnutls_datum_t *certs, unsigned int n, time_t *nb, time_t *na);
bool rpc_tls_verified_find(RpcTlsContext *ctx, const unsigned char *digest,
                           const char *hostname, char **ret_dn);
void rpc_tls_verified_add(RpcTlsContext *ctx, const unsigned char *digest, const char *hostname,
                          const char *dn, time_t nb, time_t na);
/* Frees what the caches of ctx hold (at its last unref). */
void rpc_tls_cache_clear(RpcTlsContext *ctx);

#endif /* VIREO_RPC_TLS_PRIV_H */
