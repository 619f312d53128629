/*
 * tls.c: the daemon's TLS context from its settings.
 */
#include "daemon/tls.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/log.h"
#include "util/alloc.h"
#include "util/error.h"

static void
daemon_tls_log(int warning, const char *msg)
{
    daemon_log(warning ? DAEMON_LOG_WARNING : DAEMON_LOG_ERROR, "tls", "%s", msg);
}

void
daemon_tls_log_init(void)
{
    rpc_tls_set_log_func(daemon_tls_log);
}

RpcTlsContext *
daemon_tls_context_new(const DaemonConfig *cfg, char **errmsg)
{
    RpcTlsFiles files = { 0 };
    RpcTlsConfig tc = { 0 };
    RpcTlsContext *ctx;
    virErrorPtr err;

    if (cfg->key_file || cfg->cert_file || cfg->ca_file) {
        if (!cfg->ca_file || !cfg->cert_file || !cfg->key_file) {
            *errmsg = xasprintf("%s", !cfg->ca_file
                                          ? "No CA certificate path set to match server key/cert"
                                      : !cfg->cert_file
                                          ? "No server certificate path set to match server key"
                                          : "No server key path set to match server cert");
            return NULL;
        }
        files.cacert = xstrdup(cfg->ca_file);
        files.cert = xstrdup(cfg->cert_file);
        files.key = xstrdup(cfg->key_file);
        files.cacrl = xstrdup(cfg->crl_file);
        tc.crl_required = cfg->crl_file != NULL;
    } else {
        rpc_tls_files_locate(NULL, true, geteuid() != 0, &files);
        if (cfg->crl_file) {
            free(files.cacrl);
            files.cacrl = xstrdup(cfg->crl_file);
            tc.crl_required = true;
        }
    }
    tc.cacert = files.cacert;
    tc.cacrl = files.cacrl;
    tc.cert = files.cert;
    tc.key = files.key;
    tc.priority = cfg->tls_priority;
    tc.sanity_check = !cfg->tls_no_sanity_certificate;
    tc.require_valid = !cfg->tls_no_verify_certificate;
    tc.check_address = !cfg->tls_no_verify_address;
    tc.dn_acl = (const char *const *)cfg->tls_allowed_dn_list;
    tc.ip_acl = (const char *const *)cfg->tls_allowed_ip_list;
    ctx = rpc_tls_context_new(&tc, true);
    if (!ctx) {
        err = vir_error_current();
        *errmsg = xasprintf("TLS: %s", err && err->message ? err->message : "unknown error");
    }
    rpc_tls_files_clear(&files);
    return ctx;
}
