/*
 * pki_main.c: the `vireo pki` subcommand table and usage.
 */
#include "pki.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
} PkiCommand;

static const PkiCommand pki_commands[] = {
    { "init-ca", pki_cmd_init_ca,
      "init-ca [--dir CADIR] [--cn NAME] [--days N]\n"
      "      create a certificate authority (cacert.pem, cakey.pem) in CADIR" },
    { "issue-server", pki_cmd_issue_server,
      "issue-server --host NAME... [--ip ADDR...] [--dir CADIR] [--out DIR]\n"
      "      [--days N] [--not-before DAYS] [--purpose server|client|both]\n"
      "      sign a server certificate (servercert.pem, serverkey.pem) into DIR" },
    { "issue-client", pki_cmd_issue_client,
      "issue-client --dn \"C=..,O=..,CN=..\" [--dir CADIR] [--out DIR] [--days N]\n"
      "      [--not-before DAYS] [--purpose server|client|both]\n"
      "      sign a client certificate (clientcert.pem, clientkey.pem) into DIR" },
    { "revoke", pki_cmd_revoke,
      "revoke CERT.pem [--dir CADIR]\n"
      "      add a certificate to the CA's revocation list (CADIR/cacrl.pem)" },
    { "install", pki_cmd_install,
      "install --from DIR [--pkipath DIR | --user | --system] [--dir CADIR]\n"
      "      copy the CA certificate and the certificate/key pairs found in DIR\n"
      "      into libvirt's layout (default: --system as root, else --user)" },
    { "check", pki_cmd_check,
      "check [--pkipath DIR | --user | --system] [--server] [--client] [--host NAME...]\n"
      "      check a layout like virt-pki-validate and say how to fix each problem" },
};

static void
pki_usage(FILE *out)
{
    fprintf(out, "usage: vireo pki COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof(pki_commands) / sizeof(pki_commands[0]); i++)
        fprintf(out, "  %s\n", pki_commands[i].usage);
}

int
vireo_pki_main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        pki_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 1 : 0;
    }
    if (gnutls_global_init() < 0) {
        fprintf(stderr, "vireo pki: cannot initialise GnuTLS\n");
        return 1;
    }
    for (size_t i = 0; i < sizeof(pki_commands) / sizeof(pki_commands[0]); i++) {
        if (strcmp(argv[1], pki_commands[i].name) != 0)
            continue;
        if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
            printf("usage: vireo pki %s\n", pki_commands[i].usage);
            return 0;
        }
        return pki_commands[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "vireo pki: unknown command '%s'\n", argv[1]);
    pki_usage(stderr);
    return 1;
}
