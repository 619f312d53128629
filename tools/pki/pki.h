/*
 * pki.h: `vireo pki`, certificates for the tls transport without certtool.
 *
 * Subcommands (each in its own file): init-ca makes a CA; issue-server and
 * issue-client sign certificates with it; revoke adds to its CRL; install
 * copies them into libvirt's layout (system, per-user or a pkipath
 * directory) with the permissions libvirt expects; check walks a layout
 * and explains each problem with its fix. Everything is GnuTLS's API and
 * the files are ordinary PEM that libvirt and certtool read.
 */
#ifndef VIREO_PKI_H
#define VIREO_PKI_H

#include <stdbool.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

int vireo_pki_main(int argc, char **argv);

/* pki_io.c: files */
/* The CA directory: --dir, else $VIREO_PKI_CA_DIR, else
 * $HOME/.local/share/vireo/ca. Returns a new string. */
char *pki_ca_dir(const char *given);
/* Writes data to path with mode (replacing it atomically); 0 or -1 after
 * printing why. */
int pki_write_file(const char *path, const void *data, size_t len, unsigned int mode);
/* mkdir -p with mode for the directories it makes; 0 or -1 after printing. */
int pki_make_dirs(const char *dir, unsigned int mode);
/* Loads a PEM certificate / key / CRL; 0 or -1 after printing why. */
int pki_load_crt(const char *path, gnutls_x509_crt_t *ret);
int pki_load_key(const char *path, gnutls_x509_privkey_t *ret);
int pki_save_crt(const char *path, gnutls_x509_crt_t crt);
int pki_save_key(const char *path, gnutls_x509_privkey_t key);
int pki_copy_file(const char *from, const char *to, unsigned int mode);
bool pki_exists(const char *path);

/* pki_issue.c */
int pki_cmd_init_ca(int argc, char **argv);
int pki_cmd_issue_server(int argc, char **argv);
int pki_cmd_issue_client(int argc, char **argv);
int pki_cmd_revoke(int argc, char **argv);
/* pki_install.c */
int pki_cmd_install(int argc, char **argv);
/* pki_check.c */
int pki_cmd_check(int argc, char **argv);

#endif /* VIREO_PKI_H */
