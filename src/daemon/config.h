/*
 * config.h: vireod's settings, read from a libvirtd.conf-style file.
 *
 * Every setting is one row of a typed table (config.c): name, type, where it
 * lives in DaemonConfig, its default, and an optional validator. Loading
 * fills a complete DaemonConfig from the defaults, then from the file, and
 * fails on the first bad value with "FILE:LINE: KEY: what is wrong". A
 * reload (a later issue) can build a new DaemonConfig the same way and swap
 * it in only when it is complete.
 *
 * Defaults are libvirtd 9.0's (PROTOCOL.md §7.2) except the auth_* keys:
 * Vireo has no SASL or polkit yet, so unset means "none", and "sasl" or
 * "polkit" is refused with an error rather than silently weakened.
 */
#ifndef VIREO_DAEMON_CONFIG_H
#define VIREO_DAEMON_CONFIG_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/* Values match remote_auth_type on the wire (PROTOCOL.md §5.3). */
typedef enum {
    DAEMON_AUTH_NONE = 0,
    DAEMON_AUTH_SASL = 1,
    DAEMON_AUTH_POLKIT = 2,
} DaemonAuth;

/* The socket names inside unix_sock_dir, as libvirtd's. */
#define DAEMON_SOCK_RW "libvirt-sock"
#define DAEMON_SOCK_RO "libvirt-sock-ro"
#define DAEMON_PID_FILE "vireod.pid"

/* Where vireod looks when -f is not given. A missing default file is fine.
 * Not libvirtd's path, so a libvirtd config on the same host is never
 * picked up by accident. Unprivileged: $XDG_CONFIG_HOME/vireo/vireod.conf. */
#define DAEMON_CONFIG_DEFAULT_PATH "/etc/vireo/vireod.conf"

/* Owned strings are heap copies; NULL means unset. */
typedef struct {
    bool listen_tls;            /* with --listen: TLS on tls_port */
    bool listen_tcp;
    char *tls_port;
    char *tcp_port;
    char *listen_addr;          /* NULL = every address */
    char *unix_sock_dir;        /* NULL until daemon_config_resolve */
    char *unix_sock_group;      /* NULL = leave the group alone */
    unsigned int unix_sock_ro_perms;
    unsigned int unix_sock_rw_perms;
    unsigned int unix_sock_admin_perms;
    int auth_tcp;               /* DaemonAuth */
    int auth_tls;
    int auth_unix_rw;
    int auth_unix_ro;
    unsigned int max_clients;
    unsigned int max_queued_clients;
    unsigned int max_anonymous_clients;
    unsigned int min_workers;
    unsigned int max_workers;
    unsigned int prio_workers;
    unsigned int max_client_requests;
    int keepalive_interval;     /* <= 0 disables the daemon's pings */
    unsigned int keepalive_count;
    unsigned int loop_poll_us;  /* vireod's own: poll before sleeping (rpc/server_loop.c) */
    unsigned int log_level;     /* 1 debug, 2 info, 3 warning, 4 error */
    char *log_outputs;
    char *log_filters;
    /* TLS (libvirtd's keys): unset files mean libvirt's default places. */
    char *key_file;
    char *cert_file;
    char *ca_file;
    char *crl_file;
    bool tls_no_verify_certificate;
    bool tls_no_sanity_certificate;
    bool tls_no_verify_address; /* skip tls_allowed_ip_list */
    char **tls_allowed_dn_list; /* NULL = unset; {NULL} = nobody */
    char **tls_allowed_ip_list; /* NULL = unset; {NULL} = nobody */
    char *tls_priority;         /* NULL = GnuTLS "NORMAL" */
    /* QEMU driver (qemu:///system). qemu_driver = 0 leaves it out (the
     * daemon then serves only test:///, as a libvirtd without its QEMU
     * module does). qemu_root relocates its state to
     * DIR/{etc,run,lib,log,cache}/qemu and opens it at start-up (reconnect,
     * autostart); unset means libvirt's layout (/etc/libvirt/qemu,
     * /run/libvirt/qemu...), opened at the first qemu:///system connection
     * unless qemu_init_at_start is set, so that daemons which only serve the
     * test driver never touch it. */
    bool qemu_driver;
    char *qemu_root;
    bool qemu_init_at_start;
} DaemonConfig;

/* A config holding only the defaults. Never fails (out of memory aborts). */
DaemonConfig *daemon_config_new(void);

/* Frees cfg and its strings. NULL is a no-op. */
void daemon_config_free(DaemonConfig *cfg);

/* Reads path into cfg, over the values already there (the defaults). A
 * missing file is an error unless missing_ok. Returns 0, or -1 with an
 * allocated message in *errmsg ("FILE:LINE: KEY: what is wrong"); cfg may
 * then be partly updated and should be freed. Does not report or log. */
int daemon_config_load_file(DaemonConfig *cfg, const char *path, bool missing_ok,
                            char **errmsg);

/* The same, from text in memory (path names it in messages). */
int daemon_config_load_text(DaemonConfig *cfg, const char *path, const char *text,
                            size_t len, char **errmsg);

/* Fills the settings whose defaults depend on the environment: an unset
 * unix_sock_dir becomes /run/libvirt when privileged, else
 * runtime_dir/libvirt (runtime_dir is $XDG_RUNTIME_DIR, or ~/.cache when
 * that is unset, as libvirt's clients look there). min_workers is lowered to
 * max_workers when larger, as libvirt's thread pool does. Returns 0, or -1
 * with *errmsg set when the socket paths cannot fit in a sockaddr_un. */
int daemon_config_resolve(DaemonConfig *cfg, bool privileged, const char *runtime_dir,
                          char **errmsg);

/* Writes every setting to out in the file grammar, one per line, in table
 * order; unset strings are written as comments. Re-reading the output gives
 * the same config. */
void daemon_config_format(const DaemonConfig *cfg, FILE *out);

/* "none", "sasl" or "polkit". */
const char *daemon_auth_name(int auth);

#endif /* VIREO_DAEMON_CONFIG_H */
