/*
 * doctor.c: the steps of `vireo doctor`.
 */
#include "doctor.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/uri.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define DOCTOR_CONNECT_TIMEOUT_MS 5000
#define DOCTOR_MAX_PARAMS 32

typedef struct {
    char *text;          /* the URI as given */
    char *transport;     /* "tls", "tcp", "unix", ... */
    char *host;
    char *port;
    char *pkipath;
    char *priority;
    bool no_verify;
    int step;
    int fd;
    gnutls_certificate_credentials_t cred;
    gnutls_session_t session;
    char *cacert, *cert, *key, *crl;
} Doctor;

static void
doctor_step(Doctor *d, const char *fmt, ...)
{
    va_list ap;

    printf("step %d: ", ++d->step);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf(" ... ");
    fflush(stdout);
}

static void
doctor_ok(const char *fmt, ...)
{
    va_list ap;

    printf("ok");
    if (fmt) {
        printf(" (");
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        printf(")");
    }
    printf("\n");
}

/* Prints the failure (what, which it frees) and its remedy; the caller
 * returns 1. */
static int
doctor_fail(char *what, const char *fix, ...)
{
    va_list ap;

    printf("FAILED\n\n  problem: %s\n  what to do: ", what);
    va_start(ap, fix);
    vprintf(fix, ap);
    va_end(ap);
    printf("\n");
    free(what);
    return 1;
}

static char *
doctor_strdup(const char *s)
{
    char *c = s ? strdup(s) : NULL;

    if (s && !c)
        abort();
    return c;
}

static char *
doctor_fmt(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        abort();
    va_end(ap);
    return s;
}

static void
doctor_params(Doctor *d, const char *query)
{
    char *copy = doctor_strdup(query), *save = NULL;

    for (char *tok = copy ? strtok_r(copy, "&;", &save) : NULL; tok;
         tok = strtok_r(NULL, "&;", &save)) {
        char *eq = strchr(tok, '=');
        char *value;

        if (eq)
            *eq = '\0';
        value = xmlURIUnescapeString(eq ? eq + 1 : "", 0, NULL);
        if (strcmp(tok, "pkipath") == 0)
            d->pkipath = doctor_strdup(value);
        else if (strcmp(tok, "tls_priority") == 0)
            d->priority = doctor_strdup(value);
        else if (strcmp(tok, "no_verify") == 0)
            d->no_verify = atoi(value) != 0;
        free(value);
    }
    free(copy);
}

static int
doctor_parse(Doctor *d)
{
    xmlURIPtr uri;
    const char *plus;

    doctor_step(d, "reading the URI %s", d->text);
    if (!(uri = xmlParseURI(d->text)) || !uri->scheme) {
        xmlFreeURI(uri);
        return doctor_fail(doctor_strdup("the URI cannot be parsed"),
                           "write it as driver[+transport]://[user@]host[:port]/path, for "
                           "example qemu://host.example.com/system");
    }
    plus = strchr(uri->scheme, '+');
    d->transport = doctor_strdup(plus ? plus + 1 : uri->server ? "tls" : "unix");
    if (uri->server) {
        size_t n = strlen(uri->server);

        d->host = uri->server[0] == '[' && n > 2 ? strndup(uri->server + 1, n - 2)
                                                 : doctor_strdup(uri->server);
    }
    if (uri->port > 0)
        d->port = doctor_fmt("%d", uri->port);
    else
        d->port = doctor_strdup(strcmp(d->transport, "tls") == 0 ? "16514" : "16509");
    doctor_params(d, uri->query_raw);
    xmlFreeURI(uri);
    doctor_ok("transport %s%s%s%s%s", d->transport, d->host ? ", host " : "",
              d->host ? d->host : "", d->host ? ", port " : "", d->host ? d->port : "");
    return 0;
}

static int
doctor_connect(Doctor *d)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_ADDRCONFIG };
    struct addrinfo *res = NULL, *ai;
    char addr[INET6_ADDRSTRLEN + 8];
    int rc, err = 0;

    doctor_step(d, "resolving %s", d->host);
    if ((rc = getaddrinfo(d->host, d->port, &hints, &res)) != 0)
        return doctor_fail(doctor_strdup(gai_strerror(rc)),
                           "check the host name (a typo? /etc/hosts? DNS?), or use the "
                           "server's address in the URI");
    doctor_ok(NULL);
    doctor_step(d, "connecting over TCP to port %s", d->port);
    for (ai = res; ai; ai = ai->ai_next) {
        struct pollfd pfd;
        socklen_t len = sizeof(err);
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

        if (fd < 0)
            continue;
        getnameinfo(ai->ai_addr, ai->ai_addrlen, addr, sizeof(addr), NULL, 0, NI_NUMERICHOST);
        err = 0;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
            err = errno;
            if (err == EINPROGRESS) {
                pfd.fd = fd;
                pfd.events = POLLOUT;
                err = poll(&pfd, 1, DOCTOR_CONNECT_TIMEOUT_MS) == 1 ? 0 : ETIMEDOUT;
                if (!err)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            }
        }
        if (!err) {
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
            d->fd = fd;
            break;
        }
        close(fd);
    }
    freeaddrinfo(res);
    if (d->fd < 0)
        return doctor_fail(
            doctor_strdup(strerror(err ? err : ECONNREFUSED)),
            "is the daemon running and listening on port %s? libvirtd and vireod need "
            "--listen and %s = 1 (listen_tls is on by default); check listen_addr and any "
            "firewall between here and %s", d->port,
            strcmp(d->transport, "tls") == 0 ? "listen_tls" : "listen_tcp", d->host);
    doctor_ok("%s", addr);
    return 0;
}

/* The client files, by libvirt's rules. */
static int
doctor_files(Doctor *d)
{
    const char *home = getenv("HOME");
    bool user = geteuid() != 0 && !d->pkipath;
    char *dir = d->pkipath ? doctor_strdup(d->pkipath)
                : user     ? doctor_fmt("%s/.pki/libvirt", home ? home : "")
                           : NULL;

    doctor_step(d, "finding the client's certificate files");
    if (dir) {
        d->cacert = doctor_fmt("%s/cacert.pem", dir);
        d->crl = doctor_fmt("%s/cacrl.pem", dir);
        d->cert = doctor_fmt("%s/clientcert.pem", dir);
        d->key = doctor_fmt("%s/clientkey.pem", dir);
    }
    if (user && access(d->cacert, F_OK) < 0) {
        free(d->cacert);
        d->cacert = NULL;
    }
    if (user && (access(d->cert, F_OK) < 0 || access(d->key, F_OK) < 0)) {
        free(d->cert);
        free(d->key);
        d->cert = d->key = NULL;
    }
    if (!d->cacert)
        d->cacert = doctor_strdup("/etc/pki/CA/cacert.pem");
    if (!d->cert) {
        d->cert = doctor_strdup("/etc/pki/libvirt/clientcert.pem");
        d->key = doctor_strdup("/etc/pki/libvirt/private/clientkey.pem");
    }
    free(dir);
    if (access(d->cacert, R_OK) < 0)
        return doctor_fail(doctor_fmt("the CA certificate %s cannot be read: %s", d->cacert,
                                      strerror(errno)),
                           "install the CA certificate of the daemon's CA there: "
                           "vireo pki install --from DIR%s", d->pkipath ? " --pkipath DIR" : "");
    if (access(d->cert, R_OK) < 0 || access(d->key, R_OK) < 0)
        return doctor_fail(doctor_fmt("the client certificate %s or key %s cannot be read",
                                      d->cert, d->key),
                           "issue a client certificate (vireo pki issue-client --dn "
                           "\"C=..,O=..,CN=..\") and install it (vireo pki install --from DIR)");
    doctor_ok("%s, %s, %s", d->cacert, d->cert, d->key);
    return 0;
}

static int
doctor_handshake(Doctor *d)
{
    const char *prio = d->priority ? d->priority : "NORMAL";
    int rc;

    doctor_step(d, "TLS handshake");
    gnutls_certificate_allocate_credentials(&d->cred);
    if ((rc = gnutls_certificate_set_x509_trust_file(d->cred, d->cacert,
                                                     GNUTLS_X509_FMT_PEM)) < 0)
        return doctor_fail(doctor_fmt("%s is not a PEM CA certificate: %s", d->cacert,
                                      gnutls_strerror(rc)),
                           "install the CA certificate again (vireo pki install)");
    if (access(d->crl, R_OK) == 0)
        gnutls_certificate_set_x509_crl_file(d->cred, d->crl, GNUTLS_X509_FMT_PEM);
    if ((rc = gnutls_certificate_set_x509_key_file(d->cred, d->cert, d->key,
                                                   GNUTLS_X509_FMT_PEM)) < 0)
        return doctor_fail(doctor_fmt("the client certificate and key cannot be used: %s",
                                      gnutls_strerror(rc)),
                           "check that %s belongs to %s (vireo pki check%s)", d->key, d->cert,
                           d->pkipath ? " --pkipath DIR" : "");
    gnutls_init(&d->session, GNUTLS_CLIENT);
    if ((rc = gnutls_priority_set_direct(d->session, prio, NULL)) < 0)
        return doctor_fail(doctor_fmt("tls_priority '%s': %s", prio, gnutls_strerror(rc)),
                           "use a GnuTLS priority string, such as NORMAL");
    gnutls_credentials_set(d->session, GNUTLS_CRD_CERTIFICATE, d->cred);
    gnutls_transport_set_int(d->session, d->fd);
    gnutls_handshake_set_timeout(d->session, DOCTOR_CONNECT_TIMEOUT_MS);
    do {
        rc = gnutls_handshake(d->session);
    } while (rc < 0 && !gnutls_error_is_fatal(rc));
    if (rc < 0)
        return doctor_fail(
            doctor_fmt("the handshake failed: %s", gnutls_strerror(rc)),
            "is port %s a TLS port? (the tcp port, 16509, speaks plain TCP: use "
            "driver+tcp:// for it); otherwise compare tls_priority on both sides and read "
            "the daemon's log", d->port);
    doctor_ok("%s, %s", gnutls_protocol_get_name(gnutls_protocol_get_version(d->session)),
              gnutls_cipher_get_name(gnutls_cipher_get(d->session)));
    return 0;
}

static gnutls_x509_crt_t
doctor_peer_cert(Doctor *d)
{
    unsigned int n = 0;
    const gnutls_datum_t *certs = gnutls_certificate_get_peers(d->session, &n);
    gnutls_x509_crt_t crt;

    if (!certs || n == 0)
        return NULL;
    gnutls_x509_crt_init(&crt);
    if (gnutls_x509_crt_import(crt, &certs[0], GNUTLS_X509_FMT_DER) < 0) {
        gnutls_x509_crt_deinit(crt);
        return NULL;
    }
    return crt;
}

static int
doctor_server_cert(Doctor *d)
{
    unsigned int status = 0;
    gnutls_x509_crt_t crt;
    unsigned char addr[16];
    bool named;
    gnutls_datum_t dn = { NULL, 0 };

    doctor_step(d, "the server's certificate chain");
    if (!(crt = doctor_peer_cert(d)))
        return doctor_fail(doctor_strdup("the server sent no certificate"),
                           "configure the daemon's cert_file/key_file");
    gnutls_x509_crt_get_dn2(crt, &dn);
    if (gnutls_certificate_verify_peers2(d->session, &status) < 0 || status) {
        const char *why = status & GNUTLS_CERT_SIGNER_NOT_FOUND
                              ? "it was not issued by the CA in the client's cacert.pem"
                          : status & GNUTLS_CERT_REVOKED  ? "it is revoked by cacrl.pem"
                          : status & GNUTLS_CERT_EXPIRED  ? "it has expired"
                          : status & GNUTLS_CERT_NOT_ACTIVATED ? "it is not valid yet"
                                                               : "it is not trusted";
        char *what;

        if (d->no_verify) {
            printf("not trusted, ignored (no_verify=1): %s\n", why);
        } else {
            what = doctor_fmt("the server's certificate (%s) is refused: %s",
                              dn.data ? (char *)dn.data : "?", why);
            gnutls_free(dn.data);
            gnutls_x509_crt_deinit(crt);
            return doctor_fail(what,
                               "install the CA that issued the server's certificate as %s, "
                               "or give the server a certificate from this CA (vireo pki "
                               "issue-server on the CA's machine)", d->cacert);
        }
    } else {
        doctor_ok("%s", dn.data ? (char *)dn.data : "");
    }
    gnutls_free(dn.data);
    doctor_step(d, "the server's certificate names %s", d->host);
    if (inet_pton(AF_INET6, d->host, addr) == 1)
        named = gnutls_x509_crt_check_ip(crt, addr, 16, 0);
    else if (inet_pton(AF_INET, d->host, addr) == 1)
        named = gnutls_x509_crt_check_ip(crt, addr, 4, 0) ||
                gnutls_x509_crt_check_hostname(crt, d->host);
    else
        named = gnutls_x509_crt_check_hostname(crt, d->host);
    gnutls_x509_crt_deinit(crt);
    if (!named && !d->no_verify)
        return doctor_fail(doctor_fmt("the certificate does not name %s", d->host),
                           "use the name the certificate has in the URI, or issue the server "
                           "a certificate with --host %s (or --ip for an address)", d->host);
    if (!named)
        printf("no, ignored (no_verify=1)\n");
    else
        doctor_ok(NULL);
    return 0;
}

static int
doctor_verdict(Doctor *d)
{
    char byte = 0;
    ssize_t n;
    gnutls_x509_crt_t ours = NULL;
    gnutls_datum_t dn = { NULL, 0 }, data = { NULL, 0 };

    doctor_step(d, "the daemon accepts our certificate and address");
    do {
        n = gnutls_record_recv(d->session, &byte, 1);
    } while (n == GNUTLS_E_AGAIN || n == GNUTLS_E_INTERRUPTED);
    if (n == 1 && byte == '\1') {
        doctor_ok(NULL);
        return 0;
    }
    if (gnutls_load_file(d->cert, &data) == 0 && gnutls_x509_crt_init(&ours) == 0 &&
        gnutls_x509_crt_import(ours, &data, GNUTLS_X509_FMT_PEM) == 0)
        gnutls_x509_crt_get_dn2(ours, &dn);
    doctor_fail(doctor_strdup("the daemon closed the connection instead of accepting us"),
                "the daemon's log says which check failed. Usual causes: our certificate "
                "(DN %s) is not on tls_allowed_dn_list, this machine's address is not on "
                "tls_allowed_ip_list, our certificate is from another CA than the daemon's "
                "ca_file, has expired, is revoked in crl_file, or is not for a TLS client",
                dn.data ? (char *)dn.data : "unknown");
    gnutls_free(dn.data);
    gnutls_free(data.data);
    if (ours)
        gnutls_x509_crt_deinit(ours);
    return 1;
}

static int
doctor_open(Doctor *d)
{
    virConnectPtr conn;
    virErrorPtr err;
    const char *type;

    doctor_step(d, "authentication and opening the connection");
    conn = virConnectOpenAuth(d->text, virConnectAuthPtrDefault, 0);
    if (!conn) {
        err = virGetLastError();
        return doctor_fail(doctor_strdup(err && err->message ? err->message
                                                             : "the open failed"),
                           "an authentication error means the daemon's auth_%s setting asks "
                           "for credentials this client lacks; a driver error means the "
                           "daemon has no such driver (check the URI's driver and path)",
                           d->transport);
    }
    type = virConnectGetType(conn);
    doctor_ok("connected to %s", type ? type : "the daemon");
    virConnectClose(conn);
    return 0;
}

static void
doctor_clear(Doctor *d)
{
    if (d->session)
        gnutls_deinit(d->session);
    if (d->cred)
        gnutls_certificate_free_credentials(d->cred);
    if (d->fd >= 0)
        close(d->fd);
    free(d->transport);
    free(d->host);
    free(d->port);
    free(d->pkipath);
    free(d->priority);
    free(d->cacert);
    free(d->cert);
    free(d->key);
    free(d->crl);
}

static int
doctor_run(Doctor *d)
{
    if (doctor_parse(d))
        return 1;
    if (d->host && (strcmp(d->transport, "tls") == 0 || strcmp(d->transport, "tcp") == 0)) {
        if (doctor_connect(d))
            return 1;
        if (strcmp(d->transport, "tls") == 0 &&
            (doctor_files(d) || doctor_handshake(d) || doctor_server_cert(d) ||
             doctor_verdict(d)))
            return 1;
        if (d->session)
            gnutls_bye(d->session, GNUTLS_SHUT_WR);
    }
    if (doctor_open(d))
        return 1;
    printf("\nthe connection works\n");
    return 0;
}

int
vireo_doctor_main(int argc, char **argv)
{
    Doctor d = { .fd = -1 };
    int rc;

    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: vireo doctor URI\n"
                        "  explains, step by step, why a connection to URI fails\n");
        return argc == 2 && strcmp(argv[1], "--help") == 0 ? 0 : 1;
    }
    gnutls_global_init();
    d.text = argv[1];
    rc = doctor_run(&d);
    doctor_clear(&d);
    return rc;
}
