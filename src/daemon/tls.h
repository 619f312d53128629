/*
 * tls.h: vireod's TLS credentials from its config, built at start and again
 * on SIGHUP.
 *
 * The files are libvirtd's: key_file, cert_file and ca_file together (any
 * one set needs all three), crl_file when set; unset, libvirt's places
 * (/etc/pki as root, else $HOME/.pki/libvirt first). Unless
 * tls_no_sanity_certificate is set, our own certificate is checked first
 * and a failure names the check and the file.
 */
#ifndef VIREO_DAEMON_TLS_H
#define VIREO_DAEMON_TLS_H

#include "daemon/config.h"
#include "rpc/tls_context.h"

/* Returns a context (one reference), or NULL with an allocated one-line
 * message in *errmsg. */
RpcTlsContext *daemon_tls_context_new(const DaemonConfig *cfg, char **errmsg);

/* Sends the TLS layer's refusals and warnings to the daemon's log. */
void daemon_tls_log_init(void);

#endif /* VIREO_DAEMON_TLS_H */
