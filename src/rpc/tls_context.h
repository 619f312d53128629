/*
 * tls_context.h: TLS credentials and the certificate rules libvirt applies,
 * shared by the daemon's listener and the client's tls transport.
 *
 * A context is built once from files (CA, optional CRL, certificate, key)
 * and is immutable afterwards, so any number of sessions on any threads use
 * it at once; a reload builds a new context and swaps it in, and sessions
 * keep a reference to the one they started with. The checks and their
 * messages follow libvirt 9.0 (virnettlscontext.c) so the two daemons
 * refuse the same certificates with the same words; Vireo adds an IP allow
 * list and the names of the files in every message.
 */
#ifndef VIREO_RPC_TLS_CONTEXT_H
#define VIREO_RPC_TLS_CONTEXT_H

#include <stdbool.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

typedef struct RpcTlsContext RpcTlsContext;

/* libvirt's system-wide locations (Debian: SYSCONFDIR=/etc). */
#define RPC_TLS_PKI_DIR "/etc/pki"
#define RPC_TLS_CACERT RPC_TLS_PKI_DIR "/CA/cacert.pem"
#define RPC_TLS_CACRL RPC_TLS_PKI_DIR "/CA/cacrl.pem"
#define RPC_TLS_SERVERCERT RPC_TLS_PKI_DIR "/libvirt/servercert.pem"
#define RPC_TLS_SERVERKEY RPC_TLS_PKI_DIR "/libvirt/private/serverkey.pem"
#define RPC_TLS_CLIENTCERT RPC_TLS_PKI_DIR "/libvirt/clientcert.pem"
#define RPC_TLS_CLIENTKEY RPC_TLS_PKI_DIR "/libvirt/private/clientkey.pem"
/* The per-user directory, under $HOME. */
#define RPC_TLS_USER_DIR ".pki/libvirt"
/* libvirt's build default priority string. */
#define RPC_TLS_DEFAULT_PRIORITY "NORMAL"
/* Our client's default: the same set, with X25519 offered first (several
 * times cheaper than P-256 for each key exchange, resumed ones included);
 * every peer that takes NORMAL takes it. */
#define RPC_TLS_CLIENT_PRIORITY "NORMAL:-GROUP-ALL:+GROUP-X25519:+GROUP-SECP256R1:" \
                                "+GROUP-SECP384R1:+GROUP-SECP521R1:+GROUP-X448:" \
                                "+GROUP-FFDHE2048:+GROUP-FFDHE3072"

typedef struct {
    char *cacert;
    char *cacrl;
    char *cert;
    char *key;
    bool explicit_dir; /* from pkipath: every file (but the CRL) must exist */
} RpcTlsFiles;

/* Where the credentials are, by libvirt's rules: pkipath when given (all
 * four names inside it); else, when user is set, $HOME/.pki/libvirt for the
 * files that exist there (cert and key as a pair); else the system paths. */
void rpc_tls_files_locate(const char *pkipath, bool server, bool user, RpcTlsFiles *ret_files);
void rpc_tls_files_clear(RpcTlsFiles *files);

typedef struct {
    const char *cacert;     /* required */
    const char *cacrl;      /* NULL or missing file = no CRL, unless crl_required */
    const char *cert;       /* with key: our own certificate */
    const char *key;
    bool crl_required;      /* the daemon's crl_file: a missing file is an error */
    bool cert_optional;     /* a client without pkipath may lack cert and key */
    const char *priority;   /* NULL = RPC_TLS_DEFAULT_PRIORITY */
    bool sanity_check;      /* check our own certificate at load */
    bool require_valid;     /* refuse a peer whose certificate fails a check */
    bool check_address;     /* server: apply ip_acl */
    const char *const *dn_acl; /* server: NULL = no check; {NULL} = nobody */
    const char *const *ip_acl; /* server: NULL = no check; {NULL} = nobody */
} RpcTlsConfig;

/* Loads the credentials. Returns a context with one reference, or NULL with
 * the error record set naming the file and the failed check ("The server
 * certificate /x/servercert.pem has expired"). */
RpcTlsContext *rpc_tls_context_new(const RpcTlsConfig *cfg, bool server);

/* A client context for cfg from a process-wide cache: the files are read
 * and checked again only when one of them changed (size, mtime, inode). */
RpcTlsContext *rpc_tls_context_client_cached(const RpcTlsConfig *cfg);

void rpc_tls_context_ref(RpcTlsContext *ctx);
void rpc_tls_context_unref(RpcTlsContext *ctx);

/* Makes a session for ctx (credentials, priority, client certificate
 * request on the server, tickets). Returns 0, or -1 with the error set. */
int rpc_tls_context_session_init(RpcTlsContext *ctx, gnutls_session_t *ret_session);

/* The checks after the handshake. Client: the server's certificate against
 * the CA and CRL, dates, purpose and hostname (the URI's host, a name or an
 * address). Server: the client's certificate, then tls_allowed_dn_list,
 * then the peer address against tls_allowed_ip_list. Returns 0 when the
 * peer may go on (possibly after ignoring failures when require_valid is
 * off), or -1 with the error record holding the specific reason. The DN of
 * the peer is stored in *ret_dn (caller frees) when known. */
int rpc_tls_context_check_peer(RpcTlsContext *ctx, gnutls_session_t session,
                               const char *hostname, const char *peer_addr, char **ret_dn);

/* Session resumption on the client: the saved session for key, if any, is
 * set on session; rpc_tls_context_session_save stores the current one. */
void rpc_tls_context_session_restore(RpcTlsContext *ctx, const char *key,
                                     gnutls_session_t session);
void rpc_tls_context_session_save(RpcTlsContext *ctx, const char *key,
                                  gnutls_session_t session);

/* Server: after the confirmation byte, a session ticket for clients that
 * asked for one (Vireo's, through ALPN). */
void rpc_tls_context_after_confirm(RpcTlsContext *ctx, gnutls_session_t session);

/* True on the server side when peer certificate failures are fatal. */
bool rpc_tls_context_requires_valid(RpcTlsContext *ctx);

/* Where the daemon's log goes: refusals are logged with their reason on
 * the side that refused. NULL (the default) drops them. */
typedef void (*RpcTlsLogFunc)(int warning, const char *msg);
void rpc_tls_set_log_func(RpcTlsLogFunc fn);
void rpc_tls_log(int warning, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The certificate checks, reusable by tools: each reports into the error
 * record with libvirt's wording and returns -1 on failure. kind is
 * "server", "client" or "CA". */
int rpc_tls_check_cert_times(gnutls_x509_crt_t cert, const char *file, const char *kind);
int rpc_tls_check_cert(gnutls_x509_crt_t cert, const char *file, bool server, bool ca);

#endif /* VIREO_RPC_TLS_CONTEXT_H */
