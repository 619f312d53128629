/*
 * config.c: the typed table of vireod's settings and its loader.
 *
 * A row says everything about a setting; the type's operations (convert a
 * parsed value, apply the default, print) are shared by every row of that
 * type, and validators add the checks one setting needs beyond its type.
 * Adding a setting is adding a row and a field, nothing else.
 */
#include "daemon/config.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

#include "daemon/conf_file.h"
#include "util/alloc.h"
#include "daemon/log.h"

typedef enum {
    DAEMON_CONFIG_BOOL,   /* bool: an unsigned integer, 0 or 1 */
    DAEMON_CONFIG_UINT,   /* unsigned int */
    DAEMON_CONFIG_INT,    /* int */
    DAEMON_CONFIG_STRING, /* char *, NULL = unset */
    DAEMON_CONFIG_MODE,   /* unsigned int: a string of octal digits */
    DAEMON_CONFIG_AUTH,   /* int (DaemonAuth): "none", "sasl" or "polkit" */
    DAEMON_CONFIG_STRLIST, /* char **, NULL-terminated; NULL = unset */
} DaemonConfigType;

/* Checks a converted value; returns NULL when it is fine, else an
 * allocated text saying what is wrong (without file, line or key). */
typedef char *(*DaemonConfigValidator)(const void *field);

typedef struct {
    const char *name;
    DaemonConfigType type;
    size_t offset;
    const char *def;  /* the default as it would be written, unquoted; NULL = unset */
    DaemonConfigValidator validate;
} DaemonConfigKey;

/* Converts value into the field; NULL on success, else what is wrong. */
typedef char *(*DaemonConfigConvert)(void *field, const ConfValue *value);
typedef void (*DaemonConfigPrint)(const void *field, const char *name, FILE *out);

typedef struct {
    DaemonConfigConvert convert;
    DaemonConfigPrint print;
} DaemonConfigTypeOps;

#define FIELD(cfg, key) ((void *)((char *)(cfg) + (key)->offset))

/* --- conversions ---------------------------------------------------------- */

static char *
config_describe(const ConfValue *value)
{
    if (value->type == CONF_VALUE_INTEGER)
        return xasprintf("%s%llu", value->negative ? "-" : "", value->magnitude);
    if (value->type == CONF_VALUE_STRING && strlen(value->str) <= 64 &&
        !strpbrk(value->str, "\r\n"))
        return xasprintf("the string '%s'", value->str);
    return xasprintf("%s", conf_value_type_text(value));
}

static char *
config_expected(const char *what, const ConfValue *value)
{
    char *got = config_describe(value);
    char *msg = xasprintf("expected %s, got %s", what, got);

    free(got);
    return msg;
}

static char *
config_convert_uint(void *field, const ConfValue *value)
{
    if (value->type != CONF_VALUE_INTEGER || value->negative)
        return config_expected("an unsigned integer", value);
    if (value->magnitude > UINT_MAX)
        return xasprintf("%llu is out of range (at most %u)", value->magnitude,
                                  UINT_MAX);
    *(unsigned int *)field = (unsigned int)value->magnitude;
    return NULL;
}

static char *
config_convert_bool(void *field, const ConfValue *value)
{
    if (value->type != CONF_VALUE_INTEGER || value->negative || value->magnitude > 1)
        return config_expected("0 or 1", value);
    *(bool *)field = value->magnitude == 1;
    return NULL;
}

static char *
config_convert_int(void *field, const ConfValue *value)
{
    unsigned long long limit = value->negative ? (unsigned long long)INT_MAX + 1 : INT_MAX;

    if (value->type != CONF_VALUE_INTEGER)
        return config_expected("an integer", value);
    if (value->magnitude > limit)
        return xasprintf("%s%llu is out of range (%d to %d)",
                                  value->negative ? "-" : "", value->magnitude, INT_MIN,
                                  INT_MAX);
    *(int *)field = value->negative ? (int)(0 - (long long)value->magnitude)
                                    : (int)value->magnitude;
    return NULL;
}

static char *
config_convert_string(void *field, const ConfValue *value)
{
    char **slot = field;

    if (value->type != CONF_VALUE_STRING)
        return config_expected("a string", value);
    free(*slot);
    *slot = xasprintf("%s", value->str);
    return NULL;
}

/* A list of strings; [] is a list with nothing in it, not "unset". */
static char *
config_convert_strlist(void *field, const ConfValue *value)
{
    char ***slot = field;
    char **list;

    if (value->type != CONF_VALUE_LIST)
        return config_expected("a list of strings", value);
    for (size_t i = 0; i < value->nitems; i++)
        if (value->items[i].type != CONF_VALUE_STRING)
            return xasprintf("item %zu: expected a string, got %s", i + 1,
                             conf_value_type_text(&value->items[i]));
    list = XNEW_ARRAY(char *, value->nitems + 1);
    for (size_t i = 0; i < value->nitems; i++)
        list[i] = xstrdup(value->items[i].str);
    strv_free(*slot);
    *slot = list;
    return NULL;
}

/* Permissions as chmod takes them: octal digits only, at most 07777. */
static char *
config_convert_mode(void *field, const ConfValue *value)
{
    const char *s = value->str;
    unsigned long mode = 0;

    if (value->type != CONF_VALUE_STRING)
        return config_expected("a string of octal permissions", value);
    for (const char *c = s; *c; c++) {
        if (*c < '0' || *c > '7' || mode > 07777)
            return xasprintf("invalid octal permissions '%s'", s);
        mode = mode * 8 + (unsigned long)(*c - '0');
    }
    if (!*s || mode > 07777)
        return xasprintf("invalid octal permissions '%s'", s);
    *(unsigned int *)field = (unsigned int)mode;
    return NULL;
}

static const char *const config_auth_names[] = {
    [DAEMON_AUTH_NONE] = "none",
    [DAEMON_AUTH_SASL] = "sasl",
    [DAEMON_AUTH_POLKIT] = "polkit",
};

const char *
daemon_auth_name(int auth)
{
    if (auth < 0 || (size_t)auth >= sizeof(config_auth_names) / sizeof(config_auth_names[0]))
        return "unknown";
    return config_auth_names[auth];
}

static char *
config_convert_auth(void *field, const ConfValue *value)
{
    if (value->type != CONF_VALUE_STRING)
        return config_expected("a string (\"none\", \"sasl\" or \"polkit\")", value);
    for (size_t i = 0; i < sizeof(config_auth_names) / sizeof(config_auth_names[0]); i++) {
        if (strcmp(value->str, config_auth_names[i]) == 0) {
            *(int *)field = (int)i;
            return NULL;
        }
    }
    return xasprintf("unsupported auth '%s' (expected \"none\", \"sasl\" or \"polkit\")",
                              value->str);
}

/* --- printing ------------------------------------------------------------- */

static void
config_print_bool(const void *field, const char *name, FILE *out)
{
    fprintf(out, "%s = %d\n", name, *(const bool *)field ? 1 : 0);
}

static void
config_print_uint(const void *field, const char *name, FILE *out)
{
    fprintf(out, "%s = %u\n", name, *(const unsigned int *)field);
}

static void
config_print_int(const void *field, const char *name, FILE *out)
{
    fprintf(out, "%s = %d\n", name, *(const int *)field);
}

/* Strings are written in the quotes that can hold them: a value holding
 * a double quote goes in single quotes, one holding both (or a line end)
 * in triple quotes. */
static void
config_print_string(const void *field, const char *name, FILE *out)
{
    const char *s = *(const char *const *)field;

    if (!s)
        fprintf(out, "#%s = (unset)\n", name);
    else if (!strpbrk(s, "\"\r\n"))
        fprintf(out, "%s = \"%s\"\n", name, s);
    else if (!strpbrk(s, "'\r\n"))
        fprintf(out, "%s = '%s'\n", name, s);
    else
        fprintf(out, "%s = \"\"\"%s\"\"\"\n", name, s);
}

static void
config_print_mode(const void *field, const char *name, FILE *out)
{
    fprintf(out, "%s = \"%04o\"\n", name, *(const unsigned int *)field);
}

static void
config_print_auth(const void *field, const char *name, FILE *out)
{
    fprintf(out, "%s = \"%s\"\n", name, daemon_auth_name(*(const int *)field));
}

static void
config_print_strlist(const void *field, const char *name, FILE *out)
{
    char *const *list = *(char *const *const *)field;

    if (!list) {
        fprintf(out, "#%s = (unset)\n", name);
        return;
    }
    fprintf(out, "%s = [", name);
    for (size_t i = 0; list[i]; i++)
        fprintf(out, "%s \"%s\"", i ? "," : "", list[i]);
    fprintf(out, " ]\n");
}

static const DaemonConfigTypeOps config_type_ops[] = {
    [DAEMON_CONFIG_BOOL] = { config_convert_bool, config_print_bool },
    [DAEMON_CONFIG_UINT] = { config_convert_uint, config_print_uint },
    [DAEMON_CONFIG_INT] = { config_convert_int, config_print_int },
    [DAEMON_CONFIG_STRING] = { config_convert_string, config_print_string },
    [DAEMON_CONFIG_MODE] = { config_convert_mode, config_print_mode },
    [DAEMON_CONFIG_AUTH] = { config_convert_auth, config_print_auth },
    [DAEMON_CONFIG_STRLIST] = { config_convert_strlist, config_print_strlist },
};

/* --- validators ----------------------------------------------------------- */

/* A port is a number from 1 to 65535 or a service name for getaddrinfo. */
static char *
config_validate_port(const void *field)
{
    const char *s = *(const char *const *)field;
    size_t digits = strspn(s, "0123456789");

    if (!*s)
        return xasprintf("the port must not be empty");
    if (digits == strlen(s)) {
        if (digits > 5 || atoi(s) < 1 || atoi(s) > 65535)
            return xasprintf("invalid port '%s' (1 to 65535)", s);
        return NULL;
    }
    if (strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") !=
        strlen(s))
        return xasprintf("invalid port or service name '%s'", s);
    return NULL;
}

static char *
config_validate_addr(const void *field)
{
    const char *s = *(const char *const *)field;

    if (s && !*s)
        return xasprintf("the address must not be empty");
    return NULL;
}

static char *
config_validate_nonempty(const void *field)
{
    const char *s = *(const char *const *)field;

    if (s && !*s)
        return xasprintf("must not be empty");
    return NULL;
}

/* The longest socket name must still fit in sun_path with its NUL. */
static char *
config_check_sock_dir(const char *dir)
{
    struct sockaddr_un sun;

    if (dir[0] != '/')
        return xasprintf("'%s' is not an absolute path", dir);
    if (strlen(dir) + 1 + strlen(DAEMON_SOCK_RO) >= sizeof(sun.sun_path))
        return xasprintf("'%s' is too long for a unix socket path (at most %zu bytes)",
                                  dir, sizeof(sun.sun_path) - 2 - strlen(DAEMON_SOCK_RO));
    return NULL;
}

static char *
config_validate_sock_dir(const void *field)
{
    const char *s = *(const char *const *)field;

    return s ? config_check_sock_dir(s) : NULL;
}

static char *
config_validate_group(const void *field)
{
    const char *s = *(const char *const *)field;

    if (s && !*s)
        return xasprintf("the group must not be empty");
    return NULL;
}

/* Only "none" exists today; refusing the others keeps a config meant for
 * a protected daemon from starting an open one. */
static char *
config_validate_auth(const void *field)
{
    int auth = *(const int *)field;

    if (auth == DAEMON_AUTH_NONE)
        return NULL;
    return xasprintf("authentication '%s' is not supported yet (only \"none\")",
                              daemon_auth_name(auth));
}

static char *
config_validate_positive(const void *field)
{
    if (*(const unsigned int *)field < 1)
        return xasprintf("must be greater than 0");
    return NULL;
}

/* A window longer than a few milliseconds would be a busy loop, not a poll. */
static char *
config_validate_loop_poll(const void *field)
{
    if (*(const unsigned int *)field > 1000)
        return xasprintf("must be at most 1000 (microseconds)");
    return NULL;
}

static char *
config_validate_log_level(const void *field)
{
    unsigned int level = *(const unsigned int *)field;

    if (level < 1 || level > 4)
        return xasprintf("%u is not a log level (1 debug, 2 info, 3 warning, 4 error)",
                                  level);
    return NULL;
}

static char *
config_validate_log_outputs(const void *field)
{
    const char *s = *(const char *const *)field;

    return s ? daemon_log_outputs_check(s) : NULL;
}

static char *
config_validate_log_filters(const void *field)
{
    const char *s = *(const char *const *)field;

    return s ? daemon_log_filters_check(s) : NULL;
}

/* The QEMU driver puts its sockets under DIR/lib/qemu/domain-N-NAME/, so
 * the root must be absolute and short enough for them to fit. */
static char *
config_validate_qemu_root(const void *field)
{
    const char *s = *(const char *const *)field;

    if (!s)
        return NULL;
    if (s[0] != '/')
        return xasprintf("'%s' is not an absolute path", s);
    if (strlen(s) > 64)
        return xasprintf("'%s' is too long (at most 64 characters)", s);
    if (strstr(s, "/../") || (strlen(s) >= 3 && strcmp(s + strlen(s) - 3, "/..") == 0))
        return xasprintf("'%s' must not contain '..'", s);
    return NULL;
}

/* --- the table ------------------------------------------------------------ */

#define KEY(n, t, def, v) { #n, DAEMON_CONFIG_##t, offsetof(DaemonConfig, n), def, v }

static const DaemonConfigKey config_keys[] = {
    KEY(listen_tls, BOOL, "1", NULL),
    KEY(listen_tcp, BOOL, "0", NULL),
    KEY(tls_port, STRING, "16514", config_validate_port),
    KEY(tcp_port, STRING, "16509", config_validate_port),
    KEY(listen_addr, STRING, NULL, config_validate_addr),
    KEY(unix_sock_dir, STRING, NULL, config_validate_sock_dir),
    KEY(unix_sock_group, STRING, NULL, config_validate_group),
    KEY(unix_sock_ro_perms, MODE, "0777", NULL),
    KEY(unix_sock_rw_perms, MODE, "0700", NULL),
    KEY(unix_sock_admin_perms, MODE, "0700", NULL),
    KEY(auth_unix_ro, AUTH, "none", config_validate_auth),
    KEY(auth_unix_rw, AUTH, "none", config_validate_auth),
    KEY(auth_tcp, AUTH, "none", config_validate_auth),
    KEY(auth_tls, AUTH, "none", config_validate_auth),
    KEY(max_clients, UINT, "5000", NULL),
    KEY(max_queued_clients, UINT, "1000", NULL),
    KEY(max_anonymous_clients, UINT, "20", NULL),
    KEY(min_workers, UINT, "5", NULL),
    KEY(max_workers, UINT, "20", config_validate_positive),
    KEY(prio_workers, UINT, "5", NULL),
    KEY(max_client_requests, UINT, "5", config_validate_positive),
    KEY(keepalive_interval, INT, "5", NULL),
    KEY(keepalive_count, UINT, "5", NULL),
    KEY(loop_poll_us, UINT, "50", config_validate_loop_poll),
    KEY(log_level, UINT, "3", config_validate_log_level),
    KEY(log_outputs, STRING, NULL, config_validate_log_outputs),
    KEY(log_filters, STRING, NULL, config_validate_log_filters),
    KEY(key_file, STRING, NULL, config_validate_nonempty),
    KEY(cert_file, STRING, NULL, config_validate_nonempty),
    KEY(ca_file, STRING, NULL, config_validate_nonempty),
    KEY(crl_file, STRING, NULL, config_validate_nonempty),
    KEY(tls_no_verify_certificate, BOOL, "0", NULL),
    KEY(tls_no_sanity_certificate, BOOL, "0", NULL),
    KEY(tls_no_verify_address, BOOL, "0", NULL),
    KEY(tls_allowed_dn_list, STRLIST, NULL, NULL),
    KEY(tls_allowed_ip_list, STRLIST, NULL, NULL),
    KEY(tls_priority, STRING, NULL, config_validate_nonempty),
    KEY(qemu_driver, BOOL, "1", NULL),
    KEY(qemu_root, STRING, NULL, config_validate_qemu_root),
    KEY(qemu_init_at_start, BOOL, "0", NULL),
};

#define N_KEYS (sizeof(config_keys) / sizeof(config_keys[0]))

/* Builds the value a default text stands for, so defaults go through the
 * same conversion as the file and cannot drift from it. */
static void
config_apply_default(DaemonConfig *cfg, const DaemonConfigKey *key)
{
    ConfValue value = { .type = CONF_VALUE_STRING, .str = (char *)key->def };
    char *why;

    if (!key->def)
        return;
    if (key->type == DAEMON_CONFIG_BOOL || key->type == DAEMON_CONFIG_UINT ||
        key->type == DAEMON_CONFIG_INT) {
        value.type = CONF_VALUE_INTEGER;
        value.negative = key->def[0] == '-';
        value.magnitude = strtoull(key->def + value.negative, NULL, 10);
    }
    why = config_type_ops[key->type].convert(FIELD(cfg, key), &value);
    if (why)
        abort(); /* a bad row in the table above: a programming error */
}

DaemonConfig *
daemon_config_new(void)
{
    DaemonConfig *cfg = calloc(1, sizeof(*cfg));

    if (!cfg)
        abort();
    for (size_t i = 0; i < N_KEYS; i++)
        config_apply_default(cfg, &config_keys[i]);
    return cfg;
}

void
daemon_config_free(DaemonConfig *cfg)
{
    if (!cfg)
        return;
    for (size_t i = 0; i < N_KEYS; i++) {
        if (config_keys[i].type == DAEMON_CONFIG_STRING)
            free(*(char **)FIELD(cfg, &config_keys[i]));
        else if (config_keys[i].type == DAEMON_CONFIG_STRLIST)
            strv_free(*(char ***)FIELD(cfg, &config_keys[i]));
    }
    free(cfg);
}

/* Converts and validates one setting; builds "FILE:LINE: KEY: why". */
static int
config_apply_entry(DaemonConfig *cfg, const DaemonConfigKey *key, const ConfFile *file,
                   const ConfEntry *entry, char **errmsg)
{
    char *why = config_type_ops[key->type].convert(FIELD(cfg, key), &entry->value);

    if (!why && key->validate)
        why = key->validate(FIELD(cfg, key));
    if (!why)
        return 0;
    *errmsg = xasprintf("%s:%u: %s: %s", file->path, entry->line, key->name, why);
    free(why);
    return -1;
}

static int
config_apply_file(DaemonConfig *cfg, const ConfFile *file, char **errmsg)
{
    for (size_t i = 0; i < N_KEYS; i++) {
        const ConfEntry *entry = conf_file_lookup(file, config_keys[i].name);

        if (entry && config_apply_entry(cfg, &config_keys[i], file, entry, errmsg) < 0)
            return -1;
    }
    return 0;
}

int
daemon_config_load_text(DaemonConfig *cfg, const char *path, const char *text, size_t len,
                        char **errmsg)
{
    ConfFile *file = NULL;
    int rc;

    if (conf_file_parse(path, text, len, &file, errmsg) < 0)
        return -1;
    rc = config_apply_file(cfg, file, errmsg);
    conf_file_free(file);
    return rc;
}

int
daemon_config_load_file(DaemonConfig *cfg, const char *path, bool missing_ok, char **errmsg)
{
    ConfFile *file = NULL;
    int rc = conf_file_read(path, &file, errmsg);

    if (rc == -ENOENT && missing_ok) {
        free(*errmsg);
        *errmsg = NULL;
        return 0;
    }
    if (rc < 0)
        return -1;
    rc = config_apply_file(cfg, file, errmsg);
    conf_file_free(file);
    return rc;
}

int
daemon_config_resolve(DaemonConfig *cfg, bool privileged, const char *runtime_dir,
                      char **errmsg)
{
    char *why;

    if (!cfg->unix_sock_dir) {
        if (privileged)
            cfg->unix_sock_dir = xasprintf("/run/libvirt");
        else
            cfg->unix_sock_dir = xasprintf("%s/libvirt", runtime_dir);
        why = config_check_sock_dir(cfg->unix_sock_dir);
        if (why) {
            *errmsg = xasprintf("unix_sock_dir: %s", why);
            free(why);
            return -1;
        }
    }
    /* libvirtd refuses this too: clients still authenticating count
     * towards max_clients, so a smaller total could never admit them. */
    if (cfg->max_clients && cfg->max_anonymous_clients > cfg->max_clients) {
        *errmsg = xasprintf("max_clients: the overall maximum number of clients (%u) must not "
                            "be less than max_anonymous_clients (%u)",
                            cfg->max_clients, cfg->max_anonymous_clients);
        return -1;
    }
    if (cfg->min_workers > cfg->max_workers)
        cfg->min_workers = cfg->max_workers;
    return 0;
}

void
daemon_config_format(const DaemonConfig *cfg, FILE *out)
{
    for (size_t i = 0; i < N_KEYS; i++) {
        const DaemonConfigKey *key = &config_keys[i];

        config_type_ops[key->type].print(FIELD(cfg, key), key->name, out);
    }
}
