/*
 * transport_libssh2.c: SSH inside the client process (transport_ssh.h).
 *
 * Setup (handshake, host key, authentication, exec) runs in blocking mode
 * with a timeout, so that a silent peer fails in bounded time. The data
 * phase is non-blocking: libssh2 is not thread-safe and the client engine
 * may write from one thread while another waits for a reply, so every
 * libssh2 call holds lock, and waiting happens outside it in poll(). A call
 * by one thread can pull the other's data into libssh2's buffers, so each
 * call that made progress bumps wake_fd and waiters poll it too.
 */
#define VIR_FROM_THIS VIR_FROM_RPC

#include "rpc/transport_ssh.h"

#include <errno.h>
#include <fcntl.h>
#include <libssh2.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"

/* Blocking setup steps give up after this long. */
#define SSH2_SETUP_TIMEOUT_MS 30000
/* A waiter re-checks libssh2 at least this often (see above). */
#define SSH2_WAIT_SLICE_MS 100
#define SSH2_STDERR_MAX 1024
#define SSH2_TRIED_MAX 1024

typedef struct {
    RpcTransport base;          /* base.fd: the tcp socket */
    LIBSSH2_SESSION *session;   /* lock */
    LIBSSH2_CHANNEL *channel;   /* lock */
    pthread_mutex_t lock;
    int wake_fd;                /* eventfd, see above */
    char err[SSH2_STDERR_MAX];  /* lock: the remote command's stderr */
    size_t err_len;             /* lock */
    char detail[SSH2_STDERR_MAX + 64]; /* error_detail's answer */
} Ssh2Transport;

/* What authentication needs: the options and the report of what was tried. */
typedef struct {
    const RpcSshOptions *opts;
    const char *user;
    char tried[SSH2_TRIED_MAX];
    bool kbd_failed;            /* the callback could not answer */
} Ssh2Auth;

static pthread_once_t ssh2_once = PTHREAD_ONCE_INIT;
static int ssh2_init_rc;

static void
ssh2_global_init(void)
{
    ssh2_init_rc = libssh2_init(0);
}

static void
ssh2_tried_add(Ssh2Auth *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
ssh2_tried_add(Ssh2Auth *a, const char *fmt, ...)
{
    size_t len = strlen(a->tried);
    va_list ap;

    if (len && len < sizeof(a->tried) - 2) {
        strcpy(a->tried + len, ", ");
        len += 2;
    }
    va_start(ap, fmt);
    vsnprintf(a->tried + len, sizeof(a->tried) - len, fmt, ap);
    va_end(ap);
}

static const char *
ssh2_last_error(LIBSSH2_SESSION *s)
{
    char *msg = NULL;

    libssh2_session_last_error(s, &msg, NULL, 0);
    return msg && *msg ? msg : "unknown error";
}

/* ---- credentials through virConnectAuth ---- */

static bool
ssh2_auth_has(virConnectAuthPtr auth, int type)
{
    if (!auth || !auth->cb)
        return false;
    for (unsigned int i = 0; i < auth->ncredtype; i++)
        if (auth->credtype[i] == type)
            return true;
    return false;
}

/* Asks one question of the callback. Returns a new string (the caller
 * zeroes and frees it), or NULL when there is no callback for type or it
 * failed. */
static char *
ssh2_ask(const RpcSshOptions *o, int type, const char *prompt)
{
    virConnectCredential cred;
    char *answer;

    if (!ssh2_auth_has(o->auth, type))
        return NULL;
    memset(&cred, 0, sizeof(cred));
    cred.type = type;
    cred.prompt = prompt;
    if (o->auth->cb(&cred, 1, o->auth->cbdata) < 0 || !cred.result) {
        secure_free_str(cred.result);
        return NULL;
    }
    answer = xstrndup(cred.result, cred.resultlen);
    secure_zero(cred.result, cred.resultlen);
    free(cred.result);
    return answer;
}

/* ---- host key ---- */

static void
ssh2_base64(const unsigned char *in, size_t len, char *out)
{
    static const char tab[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i, j = 0;

    for (i = 0; i + 2 < len; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];

        out[j++] = tab[v >> 18 & 63];
        out[j++] = tab[v >> 12 & 63];
        out[j++] = tab[v >> 6 & 63];
        out[j++] = tab[v & 63];
    }
    if (i < len) {
        unsigned v = (unsigned)in[i] << 16 | (i + 1 < len ? (unsigned)in[i + 1] << 8 : 0);

        out[j++] = tab[v >> 18 & 63];
        out[j++] = tab[v >> 12 & 63];
        if (i + 1 < len)
            out[j++] = tab[v >> 6 & 63];
    }
    out[j] = '\0'; /* OpenSSH prints SHA256 fingerprints without padding */
}

typedef struct {
    int hostkey_type;
    int knownhost_bit;
    const char *name;
} Ssh2KeyType;

static const Ssh2KeyType ssh2_key_types[] = {
    { LIBSSH2_HOSTKEY_TYPE_RSA, LIBSSH2_KNOWNHOST_KEY_SSHRSA, "ssh-rsa" },
    { LIBSSH2_HOSTKEY_TYPE_DSS, LIBSSH2_KNOWNHOST_KEY_SSHDSS, "ssh-dss" },
    { LIBSSH2_HOSTKEY_TYPE_ECDSA_256, LIBSSH2_KNOWNHOST_KEY_ECDSA_256, "ecdsa-sha2-nistp256" },
    { LIBSSH2_HOSTKEY_TYPE_ECDSA_384, LIBSSH2_KNOWNHOST_KEY_ECDSA_384, "ecdsa-sha2-nistp384" },
    { LIBSSH2_HOSTKEY_TYPE_ECDSA_521, LIBSSH2_KNOWNHOST_KEY_ECDSA_521, "ecdsa-sha2-nistp521" },
    { LIBSSH2_HOSTKEY_TYPE_ED25519, LIBSSH2_KNOWNHOST_KEY_ED25519, "ssh-ed25519" },
};

static const Ssh2KeyType *
ssh2_key_type(int hostkey_type)
{
    for (size_t i = 0; i < sizeof(ssh2_key_types) / sizeof(ssh2_key_types[0]); i++)
        if (ssh2_key_types[i].hostkey_type == hostkey_type)
            return &ssh2_key_types[i];
    return NULL;
}

static const char *
ssh2_home(void)
{
    const char *home = getenv("HOME");
    struct passwd *pw;

    if (home && *home)
        return home;
    pw = getpwuid(geteuid());
    return pw ? pw->pw_dir : "/";
}

/* libvirt's default: the user's libvirt config directory, not ssh's own
 * file, which the OpenSSH client keeps. */
static char *
ssh2_known_hosts_path(const RpcSshOptions *o)
{
    const char *config = getenv("XDG_CONFIG_HOME");

    if (o->known_hosts)
        return xstrdup(o->known_hosts);
    if (config && *config)
        return xasprintf("%s/libvirt/known_hosts", config);
    return xasprintf("%s/.config/libvirt/known_hosts", ssh2_home());
}

/* Creates the directory of the default known_hosts file (0700), as the
 * first recorded key needs it; a known_hosts= path is the user's. */
static void
ssh2_known_hosts_mkdir(const RpcSshOptions *o, const char *path)
{
    char *dir = xstrdup(path), *slash;

    if (o->known_hosts)
        goto out;
    for (slash = strchr(dir + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(dir, 0700);
        *slash = '/';
    }
out:
    free(dir);
}

typedef enum { SSH2_VERIFY_NORMAL, SSH2_VERIFY_AUTO, SSH2_VERIFY_IGNORE } Ssh2Verify;

static int
ssh2_verify_mode(const RpcSshOptions *o, Ssh2Verify *ret_mode)
{
    const char *v = o->known_hosts_verify;

    if (!v)
        *ret_mode = o->no_verify ? SSH2_VERIFY_AUTO : SSH2_VERIFY_NORMAL;
    else if (strcasecmp(v, "normal") == 0)
        *ret_mode = SSH2_VERIFY_NORMAL;
    else if (strcasecmp(v, "auto") == 0)
        *ret_mode = SSH2_VERIFY_AUTO;
    else if (strcasecmp(v, "ignore") == 0)
        *ret_mode = SSH2_VERIFY_IGNORE;
    else {
        vir_report_error(VIR_ERR_INVALID_ARG, "Invalid host key verification method: '%s'", v);
        return -1;
    }
    return 0;
}

/* Makes sure fd (opened for appending) ends with a newline or is empty. */
static bool
ssh2_ends_line(int fd)
{
    off_t size = lseek(fd, 0, SEEK_END);
    char last;

    if (size <= 0)
        return size == 0;
    if (pread(fd, &last, 1, size - 1) != 1)
        return false;
    return last == '\n' || write(fd, "\n", 1) == 1;
}

/* Records the key: appends one OpenSSH line to the file (creating it),
 * leaving the lines already there alone, even those libssh2 cannot parse. */
static int
ssh2_known_hosts_add(LIBSSH2_SESSION *s, const RpcSshOptions *opts, LIBSSH2_KNOWNHOSTS *kh,
                     const char *path,
                     const char *hostname, const char *key, size_t len, int typemask)
{
    struct libssh2_knownhost *entry = NULL;
    char line[8192];
    size_t line_len = 0;
    bool ok;
    int fd;

    if (libssh2_knownhost_addc(kh, hostname, NULL, key, len, NULL, 0, typemask, &entry) < 0 ||
        libssh2_knownhost_writeline(kh, entry, line, sizeof(line), &line_len,
                                    LIBSSH2_KNOWNHOST_FILE_OPENSSH) < 0) {
        vir_report_error(VIR_ERR_SSH, "unable to add SSH host key for host '%s': %s",
                         hostname, ssh2_last_error(s));
        return -1;
    }
    ssh2_known_hosts_mkdir(opts, path);
    if ((fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        vir_error_report_system(VIR_FROM_THIS, errno, "failed to write known_hosts file '%s'",
                                path);
        return -1;
    }
    /* A last line without its newline must not swallow ours. */
    ok = ssh2_ends_line(fd) && write(fd, line, line_len) == (ssize_t)line_len;
    if (close(fd) < 0)
        ok = false;
    if (!ok) {
        vir_error_report_system(VIR_FROM_THIS, errno, "failed to write known_hosts file '%s'",
                                path);
        return -1;
    }
    return 0;
}

static int
ssh2_check_host_key(LIBSSH2_SESSION *s, const RpcSshOptions *o, int port)
{
    Ssh2Verify mode;
    LIBSSH2_KNOWNHOSTS *kh = NULL;
    const Ssh2KeyType *kt;
    const unsigned char *hash;
    char fp[64] = "SHA256:", *path = NULL, *hostname = NULL, *prompt, *answer;
    const char *key;
    size_t len;
    int type, typemask, check, ret = -1;

    if (ssh2_verify_mode(o, &mode) < 0)
        return -1;
    if (mode == SSH2_VERIFY_IGNORE)
        return 0;
    if (!(key = libssh2_session_hostkey(s, &len, &type)) || !(kt = ssh2_key_type(type))) {
        vir_report_error(VIR_ERR_SSH, "Failed to retrieve ssh host key: %s", ssh2_last_error(s));
        return -1;
    }
    if (!(hash = (const unsigned char *)libssh2_hostkey_hash(s, LIBSSH2_HOSTKEY_HASH_SHA256))) {
        vir_report_error(VIR_ERR_SSH, "failed to calculate ssh host key hash");
        return -1;
    }
    ssh2_base64(hash, 32, fp + strlen(fp));
    path = ssh2_known_hosts_path(o);
    hostname = port == 22 ? xstrdup(o->host) : xasprintf("[%s]:%d", o->host, port);
    kh = libssh2_knownhost_init(s);
    if (!kh) {
        vir_report_error(VIR_ERR_SSH, "Failed to initialize libssh2 known hosts table");
        goto cleanup;
    }
    /* A missing file is an empty one: the first key may be recorded. */
    if (access(path, F_OK) == 0 &&
        libssh2_knownhost_readfile(kh, path, LIBSSH2_KNOWNHOST_FILE_OPENSSH) < 0) {
        vir_report_error(VIR_ERR_SSH, "unable to load known_hosts file '%s': %s", path,
                         ssh2_last_error(s));
        goto cleanup;
    }
    typemask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | kt->knownhost_bit;
    check = libssh2_knownhost_checkp(kh, o->host, port, key, len, typemask, NULL);
    switch (check) {
    case LIBSSH2_KNOWNHOST_CHECK_MATCH:
        ret = 0;
        break;
    case LIBSSH2_KNOWNHOST_CHECK_MISMATCH:
        vir_report_error(VIR_ERR_AUTH_FAILED,
                         "SSH host key verification failed: the %s key of host '%s' "
                         "(%s) differs from the one recorded in '%s'; refusing to connect "
                         "(possible man-in-the-middle attack)",
                         kt->name, hostname, fp, path);
        break;
    case LIBSSH2_KNOWNHOST_CHECK_NOTFOUND:
        if (mode == SSH2_VERIFY_AUTO) {
            ret = ssh2_known_hosts_add(s, o, kh, path, hostname, key, len, typemask);
            break;
        }
        prompt = xasprintf("Accept SSH host key %s (%s) for host '%s'? (y/n)",
                           fp, kt->name, hostname);
        answer = ssh2_ask(o, VIR_CRED_ECHOPROMPT, prompt);
        free(prompt);
        if (answer && (strcasecmp(answer, "y") == 0 || strcasecmp(answer, "yes") == 0)) {
            ret = ssh2_known_hosts_add(s, o, kh, path, hostname, key, len, typemask);
        } else {
            vir_report_error(VIR_ERR_SSH,
                             "unknown SSH host key for '%s': %s %s is not in known_hosts "
                             "file '%s' and was not accepted (no_verify=1 accepts new keys)",
                             hostname, kt->name, fp, path);
        }
        free(answer);
        break;
    default:
        vir_report_error(VIR_ERR_SSH, "failed to validate SSH host key: %s",
                         ssh2_last_error(s));
        break;
    }

cleanup:
    if (kh)
        libssh2_knownhost_free(kh);
    free(path);
    free(hostname);
    return ret;
}

/* ---- authentication ---- */

static bool
ssh2_server_offers(const char *methods, const char *m)
{
    size_t n = strlen(m);
    const char *p = methods;

    while (p && *p) {
        if (strncmp(p, m, n) == 0 && (p[n] == ',' || p[n] == '\0'))
            return true;
        p = strchr(p, ',');
        if (p)
            p++;
    }
    return false;
}

static int
ssh2_auth_agent(LIBSSH2_SESSION *s, Ssh2Auth *a)
{
    LIBSSH2_AGENT *agent;
    struct libssh2_agent_publickey *id = NULL, *prev = NULL;
    int rc = 1, n = 0;

    if (!getenv("SSH_AUTH_SOCK")) {
        ssh2_tried_add(a, "agent (no agent running)");
        return 1;
    }
    if (!(agent = libssh2_agent_init(s)))
        return 1;
    if (libssh2_agent_connect(agent) < 0 || libssh2_agent_list_identities(agent) < 0) {
        ssh2_tried_add(a, "agent (cannot reach it)");
        libssh2_agent_free(agent);
        return 1;
    }
    while (libssh2_agent_get_identity(agent, &id, prev) == 0) {
        n++;
        if (libssh2_agent_userauth(agent, a->user, id) == 0) {
            rc = 0;
            break;
        }
        prev = id;
    }
    if (rc)
        ssh2_tried_add(a, n ? "agent (%d keys refused)" : "agent (no keys)", n);
    libssh2_agent_disconnect(agent);
    libssh2_agent_free(agent);
    return rc;
}

static int
ssh2_auth_privkey_one(LIBSSH2_SESSION *s, Ssh2Auth *a, const char *path)
{
    char *prompt, *pass;
    int rc;

    rc = libssh2_userauth_publickey_fromfile_ex(s, a->user, (unsigned)strlen(a->user), NULL,
                                                path, NULL);
    if (rc == 0)
        return 0;
    /* An encrypted key fails to load, not to authenticate: ask once. */
    if (rc == LIBSSH2_ERROR_FILE) {
        prompt = xasprintf("Passphrase for key '%s'", path);
        pass = ssh2_ask(a->opts, VIR_CRED_PASSPHRASE, prompt);
        free(prompt);
        if (!pass) {
            ssh2_tried_add(a, "privkey ('%s' cannot be read, or needs a passphrase that "
                              "was not given)", path);
            return 1;
        }
        rc = libssh2_userauth_publickey_fromfile_ex(s, a->user, (unsigned)strlen(a->user),
                                                    NULL, path, pass);
        secure_free_str(pass);
        if (rc == 0)
            return 0;
    }
    ssh2_tried_add(a, "privkey ('%s': %s)", path,
                   rc == LIBSSH2_ERROR_FILE ? "cannot be read or wrong passphrase"
                                            : "refused by the server");
    return 1;
}

static int
ssh2_auth_privkey(LIBSSH2_SESSION *s, Ssh2Auth *a)
{
    /* libvirt's search order for a default key. */
    static const char *const names[] = { "identity", "id_dsa", "id_ecdsa", "id_ed25519",
                                         "id_rsa" };
    bool any = false;

    if (a->opts->keyfile)
        return ssh2_auth_privkey_one(s, a, a->opts->keyfile);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char *path = xasprintf("%s/.ssh/%s", ssh2_home(), names[i]);
        int rc = 1;

        if (access(path, R_OK) == 0) {
            any = true;
            rc = ssh2_auth_privkey_one(s, a, path);
        }
        free(path);
        if (rc == 0)
            return 0;
    }
    if (!any)
        ssh2_tried_add(a, "privkey (no keyfile= and no default key)");
    return 1;
}

static int
ssh2_auth_password(LIBSSH2_SESSION *s, Ssh2Auth *a)
{
    char *prompt = xasprintf("Password for %s@%s", a->user, a->opts->host);
    char *pass = ssh2_ask(a->opts, VIR_CRED_PASSPHRASE, prompt);
    int rc;

    free(prompt);
    if (!pass) {
        ssh2_tried_add(a, "password (no credential callback to ask for it)");
        return 1;
    }
    rc = libssh2_userauth_password_ex(s, a->user, (unsigned)strlen(a->user), pass,
                                      (unsigned)strlen(pass), NULL);
    secure_free_str(pass);
    if (rc == 0)
        return 0;
    ssh2_tried_add(a, "password (refused)");
    return 1;
}

static void
ssh2_kbd_callback(const char *name, int name_len, const char *instruction, int instruction_len,
                  int num_prompts, const LIBSSH2_USERAUTH_KBDINT_PROMPT *prompts,
                  LIBSSH2_USERAUTH_KBDINT_RESPONSE *responses, void **abstract)
{
    Ssh2Auth *a = *abstract;

    for (int i = 0; i < num_prompts; i++) {
        char *text = xstrndup((const char *)prompts[i].text, prompts[i].length);
        size_t len = strlen(text);
        char *answer;

        /* Servers end prompts with ": "; the callback's user adds its own. */
        while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == ':'))
            text[--len] = '\0';
        answer = ssh2_ask(a->opts, prompts[i].echo ? VIR_CRED_ECHOPROMPT
                                                   : VIR_CRED_NOECHOPROMPT, text);
        free(text);
        if (!answer) {
            a->kbd_failed = true;
            answer = xstrdup("");
        }
        /* libssh2 frees the response with its allocator: the default is
         * free(). */
        responses[i].text = answer;
        responses[i].length = (unsigned)strlen(answer);
    }
}

static int
ssh2_auth_kbd(LIBSSH2_SESSION *s, Ssh2Auth *a)
{
    int rc;

    a->kbd_failed = false;
    rc = libssh2_userauth_keyboard_interactive_ex(s, a->user, (unsigned)strlen(a->user),
                                                  ssh2_kbd_callback);
    if (rc == 0)
        return 0;
    ssh2_tried_add(a, a->kbd_failed ? "keyboard-interactive (no credential callback to "
                                      "answer)"
                                    : "keyboard-interactive (refused)");
    return 1;
}

typedef struct {
    const char *name;        /* as in sshauth= */
    const char *server_name; /* as the server lists it */
    int (*run)(LIBSSH2_SESSION *s, Ssh2Auth *a);
} Ssh2Method;

static const Ssh2Method ssh2_methods[] = {
    { "agent", "publickey", ssh2_auth_agent },
    { "privkey", "publickey", ssh2_auth_privkey },
    { "password", "password", ssh2_auth_password },
    { "keyboard-interactive", "keyboard-interactive", ssh2_auth_kbd },
};

static const Ssh2Method *
ssh2_method(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof(ssh2_methods) / sizeof(ssh2_methods[0]); i++)
        if (strlen(ssh2_methods[i].name) == len && strncmp(ssh2_methods[i].name, name, len) == 0)
            return &ssh2_methods[i];
    return NULL;
}

static int
ssh2_authenticate(LIBSSH2_SESSION *s, Ssh2Auth *a)
{
    const char *order = a->opts->sshauth ? a->opts->sshauth
                                         : "agent,privkey,keyboard-interactive";
    const char *p = order, *list;
    char *offered;

    list = libssh2_userauth_list(s, a->user, (unsigned)strlen(a->user));
    if (!list) {
        if (libssh2_userauth_authenticated(s))
            return 0;
        vir_report_error(VIR_ERR_SSH, "couldn't retrieve authentication methods list: %s",
                         ssh2_last_error(s));
        return -1;
    }
    offered = xstrdup(list);
    while (*p) {
        size_t len = strcspn(p, ",");
        const Ssh2Method *m = ssh2_method(p, len);

        if (!m) {
            vir_report_error(VIR_ERR_INVALID_ARG, "unknown SSH authentication method '%.*s' "
                             "in sshauth= (known: agent, privkey, password, "
                             "keyboard-interactive)", (int)len, p);
            free(offered);
            return -1;
        }
        if (!ssh2_server_offers(offered, m->server_name))
            ssh2_tried_add(a, "%s (not offered by the server)", m->name);
        else if (m->run(s, a) == 0) {
            free(offered);
            return 0;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    vir_report_error(VIR_ERR_AUTH_FAILED,
                     "SSH authentication as '%s' to '%s' failed; tried: %s; the server "
                     "accepts: %s", a->user, a->opts->host, a->tried[0] ? a->tried : "nothing",
                     offered);
    free(offered);
    return -1;
}

/* ---- the data phase ---- */

static void
ssh2_wake(Ssh2Transport *t)
{
    uint64_t one = 1;
    ssize_t n = write(t->wake_fd, &one, sizeof(one));

    (void)n;
}

/* Keeps what the remote command says on stderr (and so keeps its window
 * open). Called with lock. */
static void
ssh2_drain_stderr_locked(Ssh2Transport *t)
{
    char chunk[512];
    ssize_t n;

    while ((n = libssh2_channel_read_stderr(t->channel, chunk, sizeof(chunk))) > 0) {
        size_t take = sizeof(t->err) - 1 - t->err_len;

        if (take > (size_t)n)
            take = (size_t)n;
        memcpy(t->err + t->err_len, chunk, take);
        t->err_len += take;
        t->err[t->err_len] = '\0';
    }
}

/* Waits, without lock, until the socket is ready in the directions libssh2
 * wants, another thread made progress, or a slice passes. */
static void
ssh2_wait(Ssh2Transport *t, int dirs)
{
    struct pollfd pfd[2] = {
        { .fd = t->base.fd, .events = 0 },
        { .fd = t->wake_fd, .events = POLLIN },
    };
    uint64_t v;

    if (dirs & LIBSSH2_SESSION_BLOCK_INBOUND)
        pfd[0].events |= POLLIN;
    if (dirs & LIBSSH2_SESSION_BLOCK_OUTBOUND)
        pfd[0].events |= POLLOUT;
    if (poll(pfd, 2, SSH2_WAIT_SLICE_MS) > 0 && (pfd[1].revents & POLLIN)) {
        ssize_t n = read(t->wake_fd, &v, sizeof(v));

        (void)n;
    }
}

static ssize_t
ssh2_read(RpcTransport *base, void *buf, size_t len)
{
    Ssh2Transport *t = (Ssh2Transport *)base;
    ssize_t n;

    pthread_mutex_lock(&t->lock);
    for (;;) {
        ssh2_drain_stderr_locked(t);
        n = libssh2_channel_read(t->channel, buf, len);
        if (n > 0) {
            ssh2_wake(t);
            break;
        }
        if (n == 0 && libssh2_channel_eof(t->channel)) {
            ssh2_drain_stderr_locked(t);
            break;
        }
        if (n < 0 && n != LIBSSH2_ERROR_EAGAIN) {
            n = n == LIBSSH2_ERROR_SOCKET_RECV || n == LIBSSH2_ERROR_SOCKET_DISCONNECT ? 0 : -EIO;
            break;
        }
        {
            int dirs = libssh2_session_block_directions(t->session);

            pthread_mutex_unlock(&t->lock);
            ssh2_wait(t, dirs ? dirs : LIBSSH2_SESSION_BLOCK_INBOUND);
            pthread_mutex_lock(&t->lock);
        }
    }
    pthread_mutex_unlock(&t->lock);
    return n;
}

static ssize_t
ssh2_write(RpcTransport *base, const void *buf, size_t len)
{
    Ssh2Transport *t = (Ssh2Transport *)base;
    ssize_t n;

    pthread_mutex_lock(&t->lock);
    for (;;) {
        n = libssh2_channel_write(t->channel, buf, len);
        if (n > 0) {
            ssh2_wake(t);
            break;
        }
        if (n == 0 || (n < 0 && n != LIBSSH2_ERROR_EAGAIN)) {
            n = -EPIPE;
            break;
        }
        {
            int dirs = libssh2_session_block_directions(t->session);

            pthread_mutex_unlock(&t->lock);
            ssh2_wait(t, dirs ? dirs : LIBSSH2_SESSION_BLOCK_OUTBOUND);
            pthread_mutex_lock(&t->lock);
        }
    }
    pthread_mutex_unlock(&t->lock);
    return n;
}

static void
ssh2_shutdown(RpcTransport *base)
{
    if (base->fd >= 0)
        shutdown(base->fd, SHUT_RDWR);
}

static const char *
ssh2_error_detail(RpcTransport *base)
{
    Ssh2Transport *t = (Ssh2Transport *)base;
    size_t len;
    int status;

    pthread_mutex_lock(&t->lock);
    len = t->err_len;
    while (len > 0 && (t->err[len - 1] == '\n' || t->err[len - 1] == ' '))
        len--;
    snprintf(t->detail, sizeof(t->detail), "%.*s", (int)len, t->err);
    for (char *p = t->detail; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    status = libssh2_channel_get_exit_status(t->channel);
    if (libssh2_channel_eof(t->channel) && status != 0) {
        len = strlen(t->detail);
        snprintf(t->detail + len, sizeof(t->detail) - len,
                 "%sremote command exited with status %d", len ? "; " : "", status);
    }
    pthread_mutex_unlock(&t->lock);
    return t->detail;
}

static void
ssh2_free(RpcTransport *base)
{
    Ssh2Transport *t = (Ssh2Transport *)base;

    if (t->channel)
        libssh2_channel_free(t->channel);
    if (t->session) {
        /* Best effort and without waiting: the socket may be shut down. */
        libssh2_session_set_blocking(t->session, 0);
        libssh2_session_disconnect(t->session, "closed");
        libssh2_session_free(t->session);
    }
    if (base->fd >= 0)
        close(base->fd);
    if (t->wake_fd >= 0)
        close(t->wake_fd);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

static const RpcTransportOps ssh2_ops = {
    .read = ssh2_read,
    .write = ssh2_write,
    .shutdown = ssh2_shutdown,
    .free = ssh2_free,
    .error_detail = ssh2_error_detail,
};

/* ---- setup ---- */

/* libvirt's libssh2 transport logs in as root unless told otherwise. */
static const char *
ssh2_user(const RpcSshOptions *o)
{
    return o->user && *o->user ? o->user : "root";
}

RpcTransport *
rpc_transport_new_libssh2(const RpcSshOptions *o)
{
    Ssh2Transport *t;
    RpcTransport *tcp;
    Ssh2Auth a;
    char *cmd, *end;
    long port = 22;
    int rc;

    if (o->port) {
        port = strtol(o->port, &end, 10);
        if (*end || port <= 0 || port > 65535) {
            vir_report_error(VIR_ERR_SSH, "Failed to parse port number '%s'", o->port);
            return NULL;
        }
    }
    pthread_once(&ssh2_once, ssh2_global_init);
    if (ssh2_init_rc != 0) {
        vir_report_error(VIR_ERR_SSH, "Failed to initialize libssh2");
        return NULL;
    }
    if (!(tcp = rpc_transport_new_tcp(o->host, o->port ? o->port : "22")))
        return NULL;

    memset(&a, 0, sizeof(a));
    a.opts = o;
    a.user = ssh2_user(o);
    t = xcalloc(1, sizeof(*t));
    t->base.ops = &ssh2_ops;
    t->base.fd = tcp->fd;
    tcp->fd = -1;
    tcp->ops->free(tcp);
    pthread_mutex_init(&t->lock, NULL);
    t->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    t->session = libssh2_session_init_ex(NULL, NULL, NULL, &a);
    if (t->wake_fd < 0 || !t->session) {
        vir_report_error(VIR_ERR_SSH, "Failed to initialize libssh2 session");
        goto error;
    }
    libssh2_session_set_blocking(t->session, 1);
    libssh2_session_set_timeout(t->session, SSH2_SETUP_TIMEOUT_MS);
    if (libssh2_session_handshake(t->session, t->base.fd) != 0) {
        vir_report_error(VIR_ERR_NO_CONNECT, "SSH session handshake with '%s' failed: %s",
                         o->host, ssh2_last_error(t->session));
        goto error;
    }
    if (ssh2_check_host_key(t->session, o, (int)port) < 0)
        goto error;
    if (ssh2_authenticate(t->session, &a) < 0)
        goto error;
    if (!(t->channel = libssh2_channel_open_session(t->session))) {
        vir_report_error(VIR_ERR_SSH, "failed to open ssh channel: %s",
                         ssh2_last_error(t->session));
        goto error;
    }
    cmd = rpc_ssh_remote_command(o);
    rc = libssh2_channel_exec(t->channel, cmd);
    if (rc != 0) {
        vir_report_error(VIR_ERR_SSH, "failed to execute command '%s': %s", cmd,
                         ssh2_last_error(t->session));
        free(cmd);
        goto error;
    }
    free(cmd);
    /* The abstract pointer pointed at this stack frame's Ssh2Auth. */
    *libssh2_session_abstract(t->session) = NULL;
    libssh2_session_set_timeout(t->session, 0);
    libssh2_session_set_blocking(t->session, 0);
    return &t->base;

error:
    if (t->session)
        *libssh2_session_abstract(t->session) = NULL;
    ssh2_free(&t->base);
    return NULL;
}
