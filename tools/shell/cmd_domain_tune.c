/*
 * cmd_domain_tune.c: the "Domain Management" commands that read and tune a domain's
 * resources: scheduler, memory and block I/O tuning, vCPUs and IOThreads.
 *
 * Most of them share one shape: with no setting option they read a list of
 * typed parameters and print "field: value" lines; with settings they build
 * a typed-parameter list and send it in one call. Messages and layouts are
 * virsh 9.0's, since scripts parse them.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "shell.h"

#define OPT_DOMAIN { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name, id or uuid" }
#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_INT(name, help) { name, SHELL_OPT_INT, 0, help }
#define OPT_STR(name, help) { name, SHELL_OPT_STRING, 0, help }
#define OPT_ALIAS(name, target) { name, SHELL_OPT_ALIAS, 0, target }
#define OPT_CONFIG OPT_BOOL("config", "affect next boot")
#define OPT_LIVE OPT_BOOL("live", "affect running domain")
#define OPT_CURRENT OPT_BOOL("current", "affect current domain")
#define OPT_END { NULL, 0, 0, NULL }
#define BY_ANY (SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME)
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- shared helpers ---- */

/* --config/--live/--current as libvirt flags (--current alone is 0).
 * Returns false after reporting --current mixed with the others. */
static bool
tune_affect_flags(Shell *sh, const ShellCmd *cmd, unsigned int *ret_flags)
{
    bool config = shell_opt_bool(cmd, "config");
    bool live = shell_opt_bool(cmd, "live");
    bool current = shell_opt_bool(cmd, "current");

    if (!shell_exclusive(sh, "current", current, "live", live) ||
        !shell_exclusive(sh, "current", current, "config", config))
        return false;
    *ret_flags = (config ? VIR_DOMAIN_AFFECT_CONFIG : 0) | (live ? VIR_DOMAIN_AFFECT_LIVE : 0);
    return true;
}

/* The raw text of an option, or NULL when absent. */
static const char *
tune_opt_raw(const ShellCmd *cmd, const char *name)
{
    for (const ShellArg *a = cmd->args; a; a = a->next) {
        if (strcmp(a->def->name, name) == 0)
            return a->data;
    }
    return NULL;
}

/* Parses a whole decimal signed number as libvirt's string helpers do
 * (leading blanks and a sign allowed); @ret_end (optional) takes a tail. */
static int
tune_parse_ll(const char *s, char **ret_end, long long *ret_value)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (end == s || errno || (!ret_end && *end))
        return -1;
    if (ret_end)
        *ret_end = end;
    *ret_value = v;
    return 0;
}

/* Parses a whole non-negative decimal number; any '-' is refused. */
static int
tune_parse_ull(const char *s, unsigned long long *ret_value)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (end == s || errno || *end || memchr(s, '-', (size_t)(end - s)))
        return -1;
    *ret_value = v;
    return 0;
}

static void
tune_malformed(Shell *sh, const char *value, const char *name)
{
    shell_error(sh, "Numeric value '%s' for <%s> option is malformed or out of range",
                value, name);
}

/* An int option. Returns 1 when set, 0 when absent, -1 after reporting. */
static int
tune_opt_int(Shell *sh, const ShellCmd *cmd, const char *name, int *ret_value)
{
    const char *s = tune_opt_raw(cmd, name);
    long long v;

    if (!s)
        return 0;
    if (tune_parse_ll(s, NULL, &v) < 0 || v < INT_MIN || v > INT_MAX) {
        tune_malformed(sh, s, name);
        return -1;
    }
    *ret_value = (int)v;
    return 1;
}

/* An unsigned long long option (no negatives). 1 set, 0 absent, -1 reported. */
static int
tune_opt_ull(Shell *sh, const ShellCmd *cmd, const char *name, unsigned long long *ret_value)
{
    const char *s = tune_opt_raw(cmd, name);

    if (!s)
        return 0;
    if (tune_parse_ull(s, ret_value) < 0) {
        tune_malformed(sh, s, name);
        return -1;
    }
    return 1;
}

/* One typed parameter's value as virsh shows it. @buf must hold 64 bytes;
 * strings are returned as they are. */
static const char *
tune_param_str(const virTypedParameter *p, char *buf, size_t len)
{
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        snprintf(buf, len, "%d", p->value.i);
        break;
    case VIR_TYPED_PARAM_UINT:
        snprintf(buf, len, "%u", p->value.ui);
        break;
    case VIR_TYPED_PARAM_LLONG:
        snprintf(buf, len, "%lld", p->value.l);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        snprintf(buf, len, "%llu", p->value.ul);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        snprintf(buf, len, "%f", p->value.d);
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        return p->value.b ? "yes" : "no";
    case VIR_TYPED_PARAM_STRING:
        return p->value.s ? p->value.s : "";
    default:
        snprintf(buf, len, "?");
        break;
    }
    return buf;
}

/* Prints "field          : value" lines; @special (optional) may supply a
 * value for a parameter instead. */
typedef const char *(*TuneSpecial)(const virTypedParameter *p);

static void
tune_print_params(Shell *sh, const virTypedParameter *params, int n, TuneSpecial special)
{
    char buf[64];

    for (int i = 0; i < n; i++) {
        const char *s = special ? special(&params[i]) : NULL;

        if (!s)
            s = tune_param_str(&params[i], buf, sizeof(buf));
        shell_print(sh, "%-15s: %s\n", params[i].field, s);
    }
}

/* One family of typed parameters, read through a "count first, then
 * fetch" getter and written in one call. @dev is the disk or interface for
 * the families that have one, NULL otherwise. */
typedef int (*TuneGetter)(virDomainPtr dom, const char *dev, virTypedParameterPtr params,
                          int *nparams, unsigned int flags);
typedef int (*TuneSetter)(virDomainPtr dom, const char *dev, virTypedParameterPtr params,
                          int nparams, unsigned int flags);

typedef struct {
    TuneGetter get;
    TuneSetter set;
    const char *count_msg; /* when asking for the count failed */
    const char *get_msg;   /* when fetching the values failed */
    const char *set_msg;   /* when building or sending the settings failed */
    bool dev_in_count;     /* pass the device when asking for the count too */
    TuneSpecial special;   /* optional: how some values print */
} TuneKind;

/* Gets and prints the parameters; false after reporting. */
static bool
tune_show(Shell *sh, const TuneKind *rd, virDomainPtr dom, const char *dev, unsigned int flags)
{
    virTypedParameterPtr params;
    int n = 0;

    if (rd->get(dom, rd->dev_in_count ? dev : NULL, NULL, &n, flags) != 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", rd->count_msg);
        return false;
    }
    if (n <= 0)
        return true;
    if (!(params = calloc((size_t)n, sizeof(*params))))
        abort();
    if (rd->get(dom, dev, params, &n, flags) != 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", rd->get_msg);
        free(params);
        return false;
    }
    tune_print_params(sh, params, n, rd->special);
    virTypedParamsFree(params, n);
    return true;
}

/* With no settings (@n == 0) prints the family's values, otherwise sends
 * the settings. False after reporting. */
static bool
tune_show_or_set(Shell *sh, const TuneKind *kind, virDomainPtr dom, const char *dev,
                 virTypedParameterPtr params, int n, unsigned int flags)
{
    if (n == 0)
        return tune_show(sh, kind, dom, dev, flags);
    if (kind->set(dom, dev, params, n, flags) == 0)
        return true;
    shell_error_save(sh);
    shell_error(sh, "%s", kind->set_msg);
    return false;
}

/* After an adder failed (only on memory or a bad name): keeps the
 * library's error and prints the family's failure line. Returns false for
 * the caller to pass on; the caller still frees the list. */
static bool
tune_add_failed(Shell *sh, const TuneKind *kind)
{
    shell_error_save(sh);
    shell_error(sh, "%s", kind->set_msg);
    return false;
}

/* ---- schedinfo ---- */

/* Adds field=value for a field the domain reports, typed as reported. */
static bool
schedinfo_add(Shell *sh, const virTypedParameter *src, int nsrc, virTypedParameterPtr *params,
              int *n, int *max, const char *field, const char *value)
{
    for (int i = 0; i < nsrc; i++) {
        if (strcmp(field, src[i].field) != 0)
            continue;
        if (virTypedParamsAddFromString(params, n, max, field, src[i].type, value) < 0) {
            shell_error_save(sh);
            return false;
        }
        return true;
    }
    shell_error(sh, "invalid scheduler option: %s", field);
    return false;
}

/* The updates asked for by --set (each name=value), --cap and --weight. */
static int
schedinfo_updates(Shell *sh, const ShellCmd *cmd, const virTypedParameter *src, int nsrc,
                  virTypedParameterPtr *ret_params)
{
    static const char *const named[] = { "cap", "weight" };
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;

    for (const ShellArg *a = cmd->args; a; a = a->next) {
        char *field, *eq;
        bool ok;

        if (strcmp(a->def->name, "set") != 0)
            continue;
        if (!(eq = strchr(a->data, '='))) {
            shell_error(sh, "%s", "Invalid syntax for --set, expecting name=value");
            goto fail;
        }
        if (!(field = strndup(a->data, (size_t)(eq - a->data))))
            abort();
        ok = schedinfo_add(sh, src, nsrc, &params, &n, &max, field, eq + 1);
        free(field);
        if (!ok)
            goto fail;
    }
    for (size_t i = 0; i < ARRAY_LEN(named); i++) {
        const char *v = NULL;

        if (shell_opt_string(sh, cmd, named[i], &v) < 0)
            goto fail;
        if (v && !schedinfo_add(sh, src, nsrc, &params, &n, &max, named[i], v))
            goto fail;
    }
    *ret_params = params;
    return n;

 fail:
    virTypedParamsFree(params, n);
    return -1;
}

static int
schedinfo_get(virDomainPtr dom, virTypedParameterPtr params, int *n, bool use_flags,
              unsigned int flags)
{
    if (use_flags)
        return virDomainGetSchedulerParametersFlags(dom, params, n, flags);
    return virDomainGetSchedulerParameters(dom, params, n);
}

static bool
cmd_schedinfo(Shell *sh, const ShellCmd *cmd)
{
    bool current = shell_opt_bool(cmd, "current");
    virTypedParameterPtr params = NULL, updates = NULL;
    int n = 0, nupdates = 0;
    unsigned int flags, query;
    bool use_flags, ok = false;
    virDomainPtr dom;
    char *type;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    /* both --live and --config can be set at once, but not read at once */
    query = flags == (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG) ? 0 : flags;
    use_flags = flags || current;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (!(type = virDomainGetSchedulerType(dom, &n))) {
        shell_error_save(sh);
        shell_print(sh, "%-15s: %s\n", "Scheduler", "Unknown");
        goto done;
    }
    shell_print(sh, "%-15s: %s\n", "Scheduler", type);
    free(type);
    if (n <= 0)
        goto done;
    if (!(params = calloc((size_t)n, sizeof(*params))))
        abort();
    if (schedinfo_get(dom, params, &n, use_flags, query) < 0)
        goto done;
    if ((nupdates = schedinfo_updates(sh, cmd, params, n, &updates)) < 0)
        goto done;
    if (nupdates > 0) {
        int rc = use_flags ? virDomainSetSchedulerParametersFlags(dom, updates, nupdates, flags)
                           : virDomainSetSchedulerParameters(dom, updates, nupdates);

        if (rc < 0 || schedinfo_get(dom, params, &n, use_flags, query) < 0)
            goto done;
    } else if (flags == (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)) {
        shell_error(sh, "%s", "cannot query both live and config at once");
        goto done;
    }
    ok = true;
    tune_print_params(sh, params, n, NULL);

 done:
    if (!ok)
        shell_error_save(sh);
    virTypedParamsFree(params, n);
    virTypedParamsFree(updates, nupdates > 0 ? nupdates : 0);
    virDomainFree(dom);
    return ok;
}

/* ---- memtune ---- */

/* A memtune size in KiB: negative means unlimited, otherwise a scaled
 * integer (default KiB) rounded up to KiB. 1 set, 0 absent, -1 bad. */
static int
memtune_size(Shell *sh, const ShellCmd *cmd, const char *name, unsigned long long *ret_kib)
{
    const char *s = tune_opt_raw(cmd, name);
    unsigned long long bytes;
    long long v;
    char *end;

    if (!s)
        return 0;
    if (tune_parse_ll(s, &end, &v) < 0)
        return -1;
    if (v < 0) {
        *ret_kib = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
        return 1;
    }
    bytes = (unsigned long long)v;
    if (shell_scale(sh, &bytes, end, 1024, LLONG_MAX) < 0)
        return -1;
    *ret_kib = bytes / 1024 + (bytes % 1024 != 0);
    return 1;
}

static const char *
memtune_special(const virTypedParameter *p)
{
    if (p->type == VIR_TYPED_PARAM_ULLONG && p->value.ul == VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
        return "unlimited";
    return NULL;
}

static int
memtune_get(virDomainPtr dom, const char *dev, virTypedParameterPtr params, int *n,
            unsigned int flags)
{
    (void)dev;
    return virDomainGetMemoryParameters(dom, params, n, flags);
}

static int
memtune_set(virDomainPtr dom, const char *dev, virTypedParameterPtr params, int n,
            unsigned int flags)
{
    (void)dev;
    return virDomainSetMemoryParameters(dom, params, n, flags);
}

static bool
cmd_memtune(Shell *sh, const ShellCmd *cmd)
{
    static const struct { const char *opt, *field; } sizes[] = {
        { "hard-limit", VIR_DOMAIN_MEMORY_HARD_LIMIT },
        { "soft-limit", VIR_DOMAIN_MEMORY_SOFT_LIMIT },
        { "swap-hard-limit", VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT },
        { "min-guarantee", VIR_DOMAIN_MEMORY_MIN_GUARANTEE },
    };
    static const TuneKind kind = {
        memtune_get, memtune_set, "Unable to get number of memory parameters",
        "Unable to get memory parameters", "Unable to change memory parameters", false,
        memtune_special,
    };
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
        unsigned long long kib;
        int rc = memtune_size(sh, cmd, sizes[i].opt, &kib);

        if (rc < 0) {
            shell_error(sh, "Unable to parse integer parameter %s", sizes[i].opt);
            goto done;
        }
        if (rc > 0 && virTypedParamsAddULLong(&params, &n, &max, sizes[i].field, kib) < 0) {
            tune_add_failed(sh, &kind);
            goto done;
        }
    }
    ok = tune_show_or_set(sh, &kind, dom, NULL, params, n, flags);

 done:
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    return ok;
}

/* ---- blkiotune ---- */

static int
blkiotune_get(virDomainPtr dom, const char *dev, virTypedParameterPtr params, int *n,
              unsigned int flags)
{
    (void)dev;
    return virDomainGetBlkioParameters(dom, params, n, flags);
}

static int
blkiotune_set(virDomainPtr dom, const char *dev, virTypedParameterPtr params, int n,
              unsigned int flags)
{
    (void)dev;
    return virDomainSetBlkioParameters(dom, params, n, flags);
}

static bool
cmd_blkiotune(Shell *sh, const ShellCmd *cmd)
{
    static const struct { const char *opt, *field; } strings[] = {
        { "device-weights", VIR_DOMAIN_BLKIO_DEVICE_WEIGHT },
        { "device-read-iops-sec", VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS },
        { "device-write-iops-sec", VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS },
        { "device-read-bytes-sec", VIR_DOMAIN_BLKIO_DEVICE_READ_BPS },
        { "device-write-bytes-sec", VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS },
    };
    static const TuneKind kind = {
        blkiotune_get, blkiotune_set, "Unable to get number of blkio parameters",
        "Unable to get blkio parameters", "Unable to change blkio parameters", false, NULL,
    };
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0, weight = 0, rc;
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((rc = tune_opt_int(sh, cmd, "weight", &weight)) < 0)
        goto done;
    if (rc > 0) {
        if (weight <= 0) {
            shell_error(sh, "Invalid value of %d for I/O weight", weight);
            goto done;
        }
        if (virTypedParamsAddUInt(&params, &n, &max, VIR_DOMAIN_BLKIO_WEIGHT,
                                  (unsigned int)weight) < 0)
            goto add_failed;
    }
    for (size_t i = 0; i < ARRAY_LEN(strings); i++) {
        const char *v = NULL;

        if ((rc = shell_opt_string_quiet(cmd, strings[i].opt, &v)) < 0) {
            shell_error(sh, "%s", "Unable to parse string parameter");
            goto done;
        }
        if (rc > 0 && virTypedParamsAddString(&params, &n, &max, strings[i].field, v) < 0)
            goto add_failed;
    }
    ok = tune_show_or_set(sh, &kind, dom, NULL, params, n, flags);
    goto done;

 add_failed:
    tune_add_failed(sh, &kind);
 done:
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    return ok;
}

/* ---- numatune ---- */

static const char *const numa_modes[] = { "strict", "preferred", "interleave", "restrictive" };

static const char *
numatune_special(const virTypedParameter *p)
{
    if (p->type != VIR_TYPED_PARAM_INT || strcmp(p->field, VIR_DOMAIN_NUMA_MODE) != 0)
        return NULL;
    if (p->value.i < 0 || (size_t)p->value.i >= ARRAY_LEN(numa_modes))
        return "(null)";
    return numa_modes[p->value.i];
}

static int
numatune_get(virDomainPtr dom, const char *dev, virTypedParameterPtr params, int *n,
             unsigned int flags)
{
    (void)dev;
    return virDomainGetNumaParameters(dom, params, n, flags);
}

static int
numatune_set(virDomainPtr dom, const char *dev, virTypedParameterPtr params, int n,
             unsigned int flags)
{
    (void)dev;
    return virDomainSetNumaParameters(dom, params, n, flags);
}

/* A mode by name, or as a number (any base) for modes newer than vireo. */
static bool
numatune_mode(const char *s, int *ret_mode)
{
    char *end;
    long v;

    for (size_t i = 0; i < ARRAY_LEN(numa_modes); i++) {
        if (strcmp(s, numa_modes[i]) == 0) {
            *ret_mode = (int)i;
            return true;
        }
    }
    errno = 0;
    v = strtol(s, &end, 0);
    if (end == s || *end || errno || v < INT_MIN || v > INT_MAX)
        return false;
    *ret_mode = (int)v;
    return true;
}

static bool
cmd_numatune(Shell *sh, const ShellCmd *cmd)
{
    static const TuneKind kind = {
        numatune_get, numatune_set, "Unable to get number of memory parameters",
        "Unable to get numa parameters", "Unable to change numa parameters", false,
        numatune_special,
    };
    virTypedParameterPtr params = NULL;
    const char *nodeset = NULL, *mode = NULL;
    int n = 0, max = 0, m;
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_string(sh, cmd, "nodeset", &nodeset) < 0)
        goto done;
    if (nodeset && virTypedParamsAddString(&params, &n, &max, VIR_DOMAIN_NUMA_NODESET,
                                           nodeset) < 0)
        goto add_failed;
    if (shell_opt_string(sh, cmd, "mode", &mode) < 0)
        goto done;
    if (mode) {
        if (!numatune_mode(mode, &m)) {
            shell_error(sh, "Invalid mode: %s", mode);
            goto done;
        }
        if (virTypedParamsAddInt(&params, &n, &max, VIR_DOMAIN_NUMA_MODE, m) < 0)
            goto add_failed;
    }
    ok = tune_show_or_set(sh, &kind, dom, NULL, params, n, flags);
    goto done;

 add_failed:
    tune_add_failed(sh, &kind);
 done:
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    return ok;
}

/* ---- blkdeviotune ---- */

static int
blkdeviotune_get(virDomainPtr dom, const char *dev, virTypedParameterPtr params, int *n,
                 unsigned int flags)
{
    return virDomainGetBlockIoTune(dom, dev, params, n, flags);
}

static int
blkdeviotune_set(virDomainPtr dom, const char *dev, virTypedParameterPtr params, int n,
                 unsigned int flags)
{
    return virDomainSetBlockIoTune(dom, dev, params, n, flags);
}

/* Throttle options: scaled byte rates first, then plain counts, in the
 * order virsh adds them. */
static const struct {
    const char *opt, *field;
    bool scaled;
} iotune_opts[] = {
    { "total-bytes-sec", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC, true },
    { "read-bytes-sec", VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC, true },
    { "write-bytes-sec", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC, true },
    { "total-bytes-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX, true },
    { "read-bytes-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX, true },
    { "write-bytes-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX, true },
    { "total-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC, false },
    { "read-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC, false },
    { "write-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC, false },
    { "total-iops-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX, false },
    { "read-iops-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX, false },
    { "write-iops-sec-max", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX, false },
    { "size-iops-sec", VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC, false },
    { "total-bytes-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH, false },
    { "read-bytes-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH, false },
    { "write-bytes-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH, false },
    { "total-iops-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH, false },
    { "read-iops-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH, false },
    { "write-iops-sec-max-length", VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH, false },
};

static bool
cmd_blkdeviotune(Shell *sh, const ShellCmd *cmd)
{
    static const TuneKind kind = {
        blkdeviotune_get, blkdeviotune_set,
        "Unable to get number of block I/O throttle parameters",
        "Unable to get block I/O throttle parameters", "Unable to change block I/O throttle",
        false, NULL,
    };
    virTypedParameterPtr params = NULL;
    const char *disk = NULL, *group = NULL;
    int n = 0, max = 0, rc;
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_string(sh, cmd, "device", &disk) < 0)
        goto done;
    for (size_t i = 0; i < ARRAY_LEN(iotune_opts); i++) {
        unsigned long long v = 0;

        if (iotune_opts[i].scaled)
            rc = shell_opt_scaled(sh, cmd, iotune_opts[i].opt, 1, ULLONG_MAX, &v);
        else
            rc = tune_opt_ull(sh, cmd, iotune_opts[i].opt, &v);
        if (rc < 0) {
            shell_error(sh, "%s", "Unable to parse integer parameter");
            goto done;
        }
        if (rc > 0 && virTypedParamsAddULLong(&params, &n, &max, iotune_opts[i].field, v) < 0)
            goto add_failed;
    }
    if (shell_opt_string(sh, cmd, "group-name", &group) < 0) {
        shell_error(sh, "%s", "Unable to parse group-name parameter");
        goto done;
    }
    if (group && virTypedParamsAddString(&params, &n, &max,
                                         VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME, group) < 0)
        goto add_failed;
    ok = tune_show_or_set(sh, &kind, dom, disk, params, n, flags);
    goto done;

 add_failed:
    tune_add_failed(sh, &kind);
 done:
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    return ok;
}

/* ---- perf ---- */

/* Adds one boolean per comma-separated event name (empty names skipped). */
static bool
perf_add_events(const char *list, bool state, virTypedParameterPtr *params, int *n, int *max)
{
    char *copy, *save = NULL;
    bool ok = true;

    if (!(copy = strdup(list)))
        abort();
    /* strtok_r would merge ",," which is what skipping empty names means */
    for (char *tok = strtok_r(copy, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save))
        ok = virTypedParamsAddBoolean(params, n, max, tok, state) == 0;
    free(copy);
    return ok;
}

static void
perf_print(Shell *sh, const virTypedParameter *params, int n)
{
    for (int i = 0; i < n; i++) {
        bool on = params[i].type == VIR_TYPED_PARAM_BOOLEAN && params[i].value.b;

        shell_print_extra(sh, "%-15s: %s\n", params[i].field, on ? "enabled" : "disabled");
    }
}

static bool
cmd_perf(Shell *sh, const ShellCmd *cmd)
{
    virTypedParameterPtr params = NULL;
    const char *enable = NULL, *disable = NULL;
    int n = 0, max = 0;
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (shell_opt_string(sh, cmd, "enable", &enable) < 0 ||
        shell_opt_string(sh, cmd, "disable", &disable) < 0)
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((enable && !perf_add_events(enable, true, &params, &n, &max)) ||
        (disable && !perf_add_events(disable, false, &params, &n, &max))) {
        shell_error_save(sh);
        goto done;
    }
    if (n == 0) {
        if (virDomainGetPerfEvents(dom, &params, &n, flags) != 0) {
            shell_error_save(sh);
            shell_error(sh, "%s", "Unable to get perf events");
            goto done;
        }
    } else if (virDomainSetPerfEvents(dom, params, n, flags) != 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to enable/disable perf events");
        goto done;
    }
    perf_print(sh, params, n);
    ok = true;

 done:
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    return ok;
}

/* ---- CPU maps ---- */

#define CPUMAP_PARSE_BITS 1024 /* the most host CPUs a cpulist may name */

static bool
cpumap_test(const unsigned char *map, size_t bit)
{
    return (map[bit / 8] >> (bit % 8)) & 1;
}

/* A CPU map as virsh shows it: ranges ("0-3,6"), "" when empty. Returns a
 * new string. */
static char *
cpumap_format(const unsigned char *map, size_t maplen)
{
    size_t nbits = maplen * 8, len = 0, alloc = 16;
    char *out = malloc(alloc);

    if (!out)
        abort();
    out[0] = '\0';
    for (size_t i = 0; i < nbits; i++) {
        size_t last = i;
        char piece[48];
        int n;

        if (!cpumap_test(map, i))
            continue;
        while (last + 1 < nbits && cpumap_test(map, last + 1))
            last++;
        if (last == i)
            n = snprintf(piece, sizeof(piece), "%s%zu", len ? "," : "", i);
        else
            n = snprintf(piece, sizeof(piece), "%s%zu-%zu", len ? "," : "", i, last);
        if (len + (size_t)n + 1 > alloc) {
            while (len + (size_t)n + 1 > alloc)
                alloc *= 2;
            if (!(out = realloc(out, alloc)))
                abort();
        }
        memcpy(out + len, piece, (size_t)n + 1);
        len += (size_t)n;
        i = last;
    }
    return out;
}

static void
skip_spaces(const char **s)
{
    while (isspace((unsigned char)**s))
        (*s)++;
}

/* Reads a non-negative int at *s (digits first, as libvirt wants). */
static bool
cpulist_number(const char **s, int *ret)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(*s, &end, 10);
    if (end == *s || errno || v < 0 || v > INT_MAX)
        return false;
    *s = end;
    *ret = (int)v;
    return true;
}

static bool
cpulist_set(unsigned char *map, int bit, bool on)
{
    if (bit >= CPUMAP_PARSE_BITS)
        return false;
    if (on)
        map[bit / 8] |= (unsigned char)(1u << (bit % 8));
    else
        map[bit / 8] &= (unsigned char)~(1u << (bit % 8));
    return true;
}

/* Parses libvirt's CPU list syntax ("0-3,^2,7") into @map (all clear on
 * entry). Raises libvirt's parse error and returns false when malformed. */
static bool
cpulist_parse(Shell *sh, const char *str, unsigned char *map)
{
    const char *cur = str;
    int start, last;

    skip_spaces(&cur);
    if (!*cur)
        goto error;
    while (*cur) {
        bool neg = false;

        if (*cur == '^') {
            cur++;
            neg = true;
        }
        if (!isdigit((unsigned char)*cur) || !cpulist_number(&cur, &start))
            goto error;
        skip_spaces(&cur);
        if (*cur == ',' || !*cur) {
            if (!cpulist_set(map, start, !neg))
                goto error;
        } else if (*cur == '-') {
            if (neg)
                goto error;
            cur++;
            skip_spaces(&cur);
            if (!cpulist_number(&cur, &last) || last < start)
                goto error;
            for (int i = start; i <= last; i++) {
                if (!cpulist_set(map, i, true))
                    goto error;
            }
            skip_spaces(&cur);
        }
        if (*cur == ',') {
            cur++;
            skip_spaces(&cur);
        } else if (*cur) {
            goto error;
        }
    }
    return true;

 error:
    shell_error_set(sh, VIR_ERR_INVALID_ARG, "Failed to parse bitmap '%s'", str);
    return false;
}

/* The cpumap a pinning command sends for @cpulist ("r" = every host CPU).
 * Returns a new map with its length in *ret_len, or NULL after reporting. */
static unsigned char *
cpulist_to_map(Shell *sh, const char *cpulist, int maxcpu, int *ret_len)
{
    unsigned char *map;
    int lastcpu = -1;

    if (cpulist[0] == 'r') {
        *ret_len = VIR_CPU_MAPLEN(maxcpu);
        if (!(map = calloc((size_t)*ret_len, 1)))
            abort();
        for (int i = 0; i < maxcpu; i++)
            map[i / 8] |= (unsigned char)(1u << (i % 8));
        return map;
    }
    if (!(map = calloc(CPUMAP_PARSE_BITS / 8, 1)))
        abort();
    if (cpulist_parse(sh, cpulist, map)) {
        for (int i = 0; i < CPUMAP_PARSE_BITS; i++) {
            if (cpumap_test(map, (size_t)i))
                lastcpu = i;
        }
    }
    if (lastcpu < 0) {
        shell_error(sh, "Invalid cpulist '%s'", cpulist);
        free(map);
        return NULL;
    }
    if (lastcpu >= maxcpu) {
        shell_error(sh, "CPU %d in cpulist '%s' exceed the maxcpu %d", lastcpu, cpulist, maxcpu);
        free(map);
        return NULL;
    }
    *ret_len = CPUMAP_PARSE_BITS / 8;
    return map;
}

/* How many CPUs the host has: the CPU map's size, else the node info's. */
static int
node_cpu_count(Shell *sh)
{
    virNodeInfo info;
    int n = virNodeGetCPUMap(sh->conn, NULL, NULL, 0);

    if (n >= 0)
        return n;
    shell_error_reset(sh);
    if (virNodeGetInfo(sh->conn, &info) == 0)
        return (int)VIR_NODEINFO_MAXCPUS(info);
    return -1;
}

/* ---- vcpucount ---- */

/* A domain's parsed inactive XML, for the few facts the API has no call for. */
typedef struct {
    xmlDocPtr doc;
    xmlXPathContextPtr ctxt;
} TuneXml;

static void
tune_xml_close(TuneXml *x)
{
    xmlXPathFreeContext(x->ctxt);
    xmlFreeDoc(x->doc);
    x->ctxt = NULL;
    x->doc = NULL;
}

/* Fetches and parses the inactive XML of @dom. False (error kept) when the
 * daemon refused it; an unparsable document leaves x->ctxt NULL, so every
 * query then finds nothing. */
static bool
tune_xml_open(Shell *sh, virDomainPtr dom, TuneXml *x)
{
    char *xml = virDomainGetXMLDesc(dom, VIR_DOMAIN_XML_INACTIVE);

    x->doc = NULL;
    x->ctxt = NULL;
    if (!xml) {
        shell_error_save(sh);
        return false;
    }
    x->doc = xmlReadMemory(xml, (int)strlen(xml), "domain.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    free(xml);
    if (x->doc && !(x->ctxt = xmlXPathNewContext(x->doc)))
        abort();
    return true;
}

/* The int value of the string expression @expr, or -1 when it is missing
 * or not a number. */
static int
tune_xml_int(const TuneXml *x, const char *expr)
{
    xmlXPathObjectPtr obj;
    long long v;
    int ret = -1;

    if (!x->ctxt || !(obj = xmlXPathEvalExpression(BAD_CAST expr, x->ctxt)))
        return -1;
    if (obj->type == XPATH_STRING && obj->stringval &&
        tune_parse_ll((const char *)obj->stringval, NULL, &v) == 0 && v >= INT_MIN &&
        v <= INT_MAX)
        ret = (int)v;
    xmlXPathFreeObject(obj);
    return ret;
}

/* A vCPU count from the inactive XML (the fallback for old daemons):
 * -2 after reporting. */
static int
vcpu_xml_count(Shell *sh, virDomainPtr dom, bool maximum)
{
    TuneXml x;
    int count;

    if (!tune_xml_open(sh, dom, &x))
        return -2;
    count = tune_xml_int(&x, maximum ? "string(/domain/vcpu)" : "string(/domain/vcpu/@current)");
    tune_xml_close(&x);
    if (count < 0) {
        shell_error(sh, "%s", maximum ? "Failed to retrieve maximum vcpu count"
                                      : "Failed to retrieve current vcpu count");
        return -2;
    }
    return count;
}

/* The vCPU count for @flags, with virsh's fallbacks for daemons without
 * virDomainGetVcpusFlags. -2 after an error; -1 (nothing reported) when
 * @check_state finds the question does not apply to the domain. */
static int
vcpu_count(Shell *sh, virDomainPtr dom, unsigned int flags, bool check_state)
{
    virDomainInfo info;
    int count, code;

    if (check_state &&
        (((flags & VIR_DOMAIN_AFFECT_LIVE) && virDomainIsActive(dom) < 1) ||
         ((flags & VIR_DOMAIN_AFFECT_CONFIG) && virDomainIsPersistent(dom) < 1)))
        return -1;
    if ((count = virDomainGetVcpusFlags(dom, flags)) >= 0)
        return count;
    shell_error_save(sh);
    code = shell_error_code(sh);
    if (code != VIR_ERR_NO_SUPPORT && code != VIR_ERR_INVALID_ARG)
        return -2;
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        shell_error(sh, "%s", "Failed to retrieve vCPU count from the guest");
        return -2;
    }
    if (!(flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)) &&
        virDomainIsActive(dom) == 1)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    shell_error_reset(sh);
    if (flags & VIR_DOMAIN_AFFECT_LIVE) {
        if (flags & VIR_DOMAIN_VCPU_MAXIMUM)
            return (count = virDomainGetMaxVcpus(dom)) < 0 ? -2 : count;
        if (virDomainGetInfo(dom, &info) < 0)
            return -2;
        return info.nrVirtCpu;
    }
    return vcpu_xml_count(sh, dom, (flags & VIR_DOMAIN_VCPU_MAXIMUM) != 0);
}

static bool
cmd_vcpucount(Shell *sh, const ShellCmd *cmd)
{
    bool maximum = shell_opt_bool(cmd, "maximum"), active = shell_opt_bool(cmd, "active");
    bool config = shell_opt_bool(cmd, "config"), live = shell_opt_bool(cmd, "live");
    bool current = shell_opt_bool(cmd, "current"), guest = shell_opt_bool(cmd, "guest");
    bool all = !maximum && !active && !current && !config && !live && !guest;
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;

    /* an old spelling: "--current" alone meant "not --maximum" */
    if (!maximum && !active && current)
        current = false;
    if (!shell_exclusive(sh, "live", live, "config", config) ||
        !shell_exclusive(sh, "current", current, "live", live) ||
        !shell_exclusive(sh, "current", current, "config", config) ||
        !shell_exclusive(sh, "active", active, "maximum", maximum) ||
        !shell_exclusive(sh, "guest", guest, "config", config))
        return false;
    flags = (live ? VIR_DOMAIN_AFFECT_LIVE : 0) | (config ? VIR_DOMAIN_AFFECT_CONFIG : 0) |
            (maximum ? VIR_DOMAIN_VCPU_MAXIMUM : 0) | (guest ? VIR_DOMAIN_VCPU_GUEST : 0);
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (all) {
        static const struct { unsigned int flags; const char *which, *state; } rows[] = {
            { VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM, "maximum", "config" },
            { VIR_DOMAIN_AFFECT_CONFIG, "current", "config" },
            { VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_VCPU_MAXIMUM, "maximum", "live" },
            { VIR_DOMAIN_AFFECT_LIVE, "current", "live" },
        };
        static const size_t order[] = { 0, 2, 1, 3 }; /* printed maxima first */
        int counts[ARRAY_LEN(rows)];

        for (size_t i = 0; i < ARRAY_LEN(rows); i++)
            counts[i] = vcpu_count(sh, dom, rows[i].flags, true);
        for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
            if (counts[i] == -2)
                goto done;
        }
        for (size_t i = 0; i < ARRAY_LEN(order); i++) {
            size_t r = order[i];

            if (counts[r] > 0)
                shell_print(sh, "%-12s %-12s %3d\n", rows[r].which, rows[r].state, counts[r]);
        }
    } else {
        int count = vcpu_count(sh, dom, flags, false);

        if (count < 0)
            goto done;
        shell_print(sh, "%d\n", count);
    }
    ok = true;

 done:
    virDomainFree(dom);
    return ok;
}

/* ---- vcpuinfo ---- */

static void
vcpuinfo_affinity(Shell *sh, const unsigned char *map, int maxcpu, bool pretty)
{
    shell_print(sh, "%-15s ", "CPU Affinity:");
    if (pretty) {
        char *s = cpumap_format(map, VIR_CPU_MAPLEN(maxcpu));

        shell_print(sh, "%s (out of %d)", s, maxcpu);
        free(s);
    } else {
        for (int i = 0; i < maxcpu; i++)
            shell_print(sh, "%c", cpumap_test(map, (size_t)i) ? 'y' : '-');
    }
    shell_print(sh, "\n");
}

/* Marks the vCPUs that <vcpus> lists as enabled in @map (of @max bits).
 * Returns how many, or -1 when the XML has no per-vCPU list. */
static int
vcpuinfo_listed(const TuneXml *x, unsigned char *map, int max)
{
    xmlXPathObjectPtr obj;
    int count = 0;

    if (!x->ctxt || !(obj = xmlXPathEvalExpression(BAD_CAST "/domain/vcpus/vcpu", x->ctxt)))
        return -1;
    if (!obj->nodesetval || obj->nodesetval->nodeNr == 0) {
        xmlXPathFreeObject(obj);
        return -1;
    }
    for (int i = 0; i < obj->nodesetval->nodeNr; i++) {
        xmlChar *id = xmlGetProp(obj->nodesetval->nodeTab[i], BAD_CAST "id");
        xmlChar *on = xmlGetProp(obj->nodesetval->nodeTab[i], BAD_CAST "enabled");
        unsigned long long v;

        if (id && on && tune_parse_ull((const char *)id, &v) == 0 && v < (unsigned int)max &&
            strcmp((const char *)on, "yes") == 0 && !cpumap_test(map, v)) {
            map[v / 8] |= (unsigned char)(1u << (v % 8));
            count++;
        }
        xmlFree(id);
        xmlFree(on);
    }
    xmlXPathFreeObject(obj);
    return count;
}

/* The vCPUs an inactive domain has enabled, from its XML: a bitmap of
 * *ret_max bits (calloc'd), or NULL after reporting. Without a per-vCPU
 * list the first "current" vCPUs are the enabled ones. */
static unsigned char *
vcpuinfo_enabled(Shell *sh, virDomainPtr dom, int *ret_max)
{
    unsigned char *map = NULL;
    int max, cur, count;
    TuneXml x;

    if (!tune_xml_open(sh, dom, &x))
        return NULL;
    if ((max = tune_xml_int(&x, "string(/domain/vcpu)")) < 0) {
        shell_error(sh, "%s", "Failed to retrieve maximum vcpu count");
        goto done;
    }
    if ((cur = tune_xml_int(&x, "string(/domain/vcpu/@current)")) <= 0)
        cur = max;
    if (!(map = calloc((size_t)max / 8 + 1, 1)))
        abort();
    if ((count = vcpuinfo_listed(&x, map, max)) < 0) {
        for (count = 0; count < cur && count < max; count++)
            map[count / 8] |= (unsigned char)(1u << (count % 8));
    }
    if (count != cur) {
        shell_error(sh, "%s", "Failed to retrieve vcpu state bitmap");
        free(map);
        map = NULL;
        goto done;
    }
    *ret_max = max;

 done:
    tune_xml_close(&x);
    return map;
}

/* vcpuinfo of a shut-off domain: only the configured pinning is known. */
static bool
vcpuinfo_inactive(Shell *sh, virDomainPtr dom, int maxcpu, bool pretty)
{
    unsigned char *vcpus, *maps;
    int nvcpus, maplen = VIR_CPU_MAPLEN(maxcpu);
    bool first = true;

    if (!(vcpus = vcpuinfo_enabled(sh, dom, &nvcpus)))
        return false;
    if (!(maps = calloc((size_t)nvcpus * (size_t)maplen + 1, 1)))
        abort();
    if (virDomainGetVcpuPinInfo(dom, nvcpus, maps, maplen, VIR_DOMAIN_AFFECT_CONFIG) < 0) {
        shell_error_save(sh);
        free(vcpus);
        free(maps);
        return false;
    }
    for (int v = 0; v < nvcpus; v++) {
        if (!cpumap_test(vcpus, (size_t)v))
            continue;
        if (!first)
            shell_print(sh, "\n");
        first = false;
        shell_print(sh, "%-15s %d\n", "VCPU:", v);
        shell_print(sh, "%-15s %s\n", "CPU:", "N/A");
        shell_print(sh, "%-15s %s\n", "State:", "N/A");
        shell_print(sh, "%-15s %s\n", "CPU time", "N/A");
        vcpuinfo_affinity(sh, VIR_GET_CPUMAP(maps, maplen, v), maxcpu, pretty);
    }
    free(vcpus);
    free(maps);
    return true;
}

static const char *
vcpu_state_str(int state)
{
    static const char *const names[] = { "offline", "running", "blocked" };

    return state >= 0 && (size_t)state < ARRAY_LEN(names) ? names[state] : "no state";
}

static bool
cmd_vcpuinfo(Shell *sh, const ShellCmd *cmd)
{
    bool pretty = shell_opt_bool(cmd, "pretty");
    virVcpuInfoPtr cpus = NULL;
    unsigned char *maps = NULL;
    virDomainInfo info;
    int maxcpu, maplen, n;
    virDomainPtr dom;
    bool ok = false;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((maxcpu = node_cpu_count(sh)) < 0 || virDomainGetInfo(dom, &info) != 0) {
        shell_error_save(sh);
        goto done;
    }
    maplen = VIR_CPU_MAPLEN(maxcpu);
    if (!(cpus = calloc((size_t)info.nrVirtCpu + 1, sizeof(*cpus))) ||
        !(maps = calloc((size_t)info.nrVirtCpu * (size_t)maplen + 1, 1)))
        abort();
    if ((n = virDomainGetVcpus(dom, cpus, info.nrVirtCpu, maps, maplen)) < 0) {
        shell_error_save(sh);
        if (info.state != VIR_DOMAIN_SHUTOFF)
            goto done;
        shell_error_reset(sh);
        ok = vcpuinfo_inactive(sh, dom, maxcpu, pretty);
        goto done;
    }
    for (int i = 0; i < n; i++) {
        shell_print(sh, "%-15s %d\n", "VCPU:", cpus[i].number);
        shell_print(sh, "%-15s %d\n", "CPU:", cpus[i].cpu);
        shell_print(sh, "%-15s %s\n", "State:", vcpu_state_str(cpus[i].state));
        if (cpus[i].cpuTime != 0)
            shell_print(sh, "%-15s %.1lfs\n", "CPU time:", cpus[i].cpuTime / 1000000000.0);
        vcpuinfo_affinity(sh, VIR_GET_CPUMAP(maps, maplen, i), maxcpu, pretty);
        if (i < n - 1)
            shell_print(sh, "\n");
    }
    ok = true;

 done:
    free(cpus);
    free(maps);
    virDomainFree(dom);
    return ok;
}

/* ---- vcpupin, emulatorpin ---- */

static bool
vcpupin_query(Shell *sh, virDomainPtr dom, unsigned int vcpu, bool got_vcpu, int maxcpu,
              unsigned int flags)
{
    int ncpus = vcpu_count(sh, dom, flags | VIR_DOMAIN_VCPU_MAXIMUM, true);
    int maplen = VIR_CPU_MAPLEN(maxcpu);
    unsigned char *maps;
    ShellTable *table;

    if (ncpus < 0) {
        if (ncpus == -1)
            shell_error(sh, "%s", (flags & VIR_DOMAIN_AFFECT_LIVE)
                                      ? "cannot get vcpupin for offline domain"
                                      : "cannot get vcpupin for transient domain");
        return false;
    }
    if (got_vcpu && vcpu >= (unsigned int)ncpus) {
        if ((flags & VIR_DOMAIN_AFFECT_LIVE) ||
            (!(flags & VIR_DOMAIN_AFFECT_CONFIG) && virDomainIsActive(dom) == 1))
            shell_error(sh, "vcpu %d is out of range of live cpu count %d", (int)vcpu, ncpus);
        else
            shell_error(sh, "vcpu %d is out of range of persistent cpu count %d", (int)vcpu,
                        ncpus);
        return false;
    }
    if (!(maps = calloc((size_t)ncpus * (size_t)maplen + 1, 1)))
        abort();
    if ((ncpus = virDomainGetVcpuPinInfo(dom, ncpus, maps, maplen, flags)) >= 0) {
        table = shell_table_new("VCPU", "CPU Affinity", NULL);
        for (int i = 0; i < ncpus; i++) {
            char id[16], *pins;

            if (got_vcpu && (unsigned int)i != vcpu)
                continue;
            pins = cpumap_format(VIR_GET_CPUMAP(maps, maplen, i), (size_t)maplen);
            snprintf(id, sizeof(id), "%d", i);
            shell_table_add(table, id, pins, NULL);
            free(pins);
        }
        shell_table_print(sh, table);
        shell_table_free(table);
    } else {
        shell_error_save(sh);
    }
    free(maps);
    return true;
}

static bool
cmd_vcpupin(Shell *sh, const ShellCmd *cmd)
{
    bool config = shell_opt_bool(cmd, "config"), live = shell_opt_bool(cmd, "live");
    bool current = shell_opt_bool(cmd, "current");
    const char *cpulist = NULL;
    unsigned char *map;
    unsigned int vcpu = 0, flags;
    int got_vcpu, maxcpu, maplen, rc;
    virDomainPtr dom;

    if (!tune_affect_flags(sh, cmd, &flags) ||
        shell_opt_string(sh, cmd, "cpulist", &cpulist) < 0)
        return false;
    if (!cpulist && !shell_exclusive(sh, "live", live, "config", config))
        return false;
    if ((got_vcpu = shell_opt_uint(sh, cmd, "vcpu", &vcpu)) < 0)
        return false;
    if (cpulist && got_vcpu == 0) {
        shell_error(sh, "%s", "vcpupin: Missing vCPU number in pin mode.");
        return false;
    }
    if ((maxcpu = node_cpu_count(sh)) < 0) {
        shell_error_save(sh);
        return false;
    }
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (!cpulist) {
        bool ok = vcpupin_query(sh, dom, vcpu, got_vcpu > 0, maxcpu, flags);

        virDomainFree(dom);
        return ok;
    }
    if (!(map = cpulist_to_map(sh, cpulist, maxcpu, &maplen))) {
        virDomainFree(dom);
        return false;
    }
    if (flags == 0 && !current)
        rc = virDomainPinVcpu(dom, vcpu, map, maplen);
    else
        rc = virDomainPinVcpuFlags(dom, vcpu, map, maplen, flags);
    if (rc != 0)
        shell_error_save(sh);
    free(map);
    virDomainFree(dom);
    return rc == 0;
}

static bool
cmd_emulatorpin(Shell *sh, const ShellCmd *cmd)
{
    bool any = shell_opt_bool(cmd, "config") || shell_opt_bool(cmd, "live") ||
               shell_opt_bool(cmd, "current");
    const char *cpulist = NULL;
    unsigned char *map = NULL;
    int maxcpu, maplen;
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_string(sh, cmd, "cpulist", &cpulist) < 0)
        goto done;
    if ((maxcpu = node_cpu_count(sh)) < 0) {
        shell_error_save(sh);
        goto done;
    }
    if (!cpulist) {
        maplen = VIR_CPU_MAPLEN(maxcpu);
        if (!(map = calloc((size_t)maplen, 1)))
            abort();
        if (virDomainGetEmulatorPinInfo(dom, map, maplen, flags) >= 0) {
            char *s = cpumap_format(map, (size_t)maplen);

            shell_print_extra(sh, "%s %s\n", "emulator:", "CPU Affinity");
            shell_print_extra(sh, "----------------------------------\n");
            shell_print_extra(sh, "       *: ");
            shell_print(sh, "%s\n", s);
            free(s);
            ok = true;
        } else {
            shell_error_save(sh);
        }
        goto done;
    }
    if (!(map = cpulist_to_map(sh, cpulist, maxcpu, &maplen)))
        goto done;
    /* pinning with no flag given means the running domain */
    ok = virDomainPinEmulator(dom, map, maplen, any ? flags : VIR_DOMAIN_AFFECT_LIVE) == 0;
    if (!ok)
        shell_error_save(sh);

 done:
    free(map);
    virDomainFree(dom);
    return ok;
}

/* ---- IOThreads ---- */

static bool
cmd_iothreadinfo(Shell *sh, const ShellCmd *cmd)
{
    virDomainIOThreadInfoPtr *info = NULL;
    unsigned int flags;
    virDomainPtr dom;
    ShellTable *table;
    int n;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((n = virDomainGetIOThreadInfo(dom, &info, flags)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to get domain IOThreads information");
        virDomainFree(dom);
        return false;
    }
    if (n == 0) {
        shell_print_extra(sh, "%s", "No IOThreads found for the domain");
    } else {
        table = shell_table_new("IOThread ID", "CPU Affinity", NULL);
        for (int i = 0; i < n; i++) {
            char id[16], *pins = cpumap_format(info[i]->cpumap, (size_t)info[i]->cpumaplen);

            snprintf(id, sizeof(id), "%u", info[i]->iothread_id);
            shell_table_add(table, id, pins, NULL);
            free(pins);
        }
        shell_table_print(sh, table);
        shell_table_free(table);
    }
    for (int i = 0; i < n; i++)
        virDomainIOThreadInfoFree(info[i]);
    free(info);
    virDomainFree(dom);
    return true;
}

static bool
cmd_iothreadpin(Shell *sh, const ShellCmd *cmd)
{
    const char *cpulist = NULL;
    unsigned int id = 0, flags;
    unsigned char *map;
    int maxcpu, maplen;
    virDomainPtr dom;
    bool ok = false;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_uint(sh, cmd, "iothread", &id) < 0 ||
        shell_opt_string(sh, cmd, "cpulist", &cpulist) < 0)
        goto done;
    if ((maxcpu = node_cpu_count(sh)) < 0) {
        shell_error_save(sh);
        goto done;
    }
    if (!(map = cpulist_to_map(sh, cpulist, maxcpu, &maplen)))
        goto done;
    if (!(ok = virDomainPinIOThread(dom, id, map, maplen, flags) == 0))
        shell_error_save(sh);
    free(map);

 done:
    virDomainFree(dom);
    return ok;
}

/* The positive IOThread id of --id, or 0 after reporting. */
static int
iothread_id(Shell *sh, const ShellCmd *cmd)
{
    int id = 0;

    if (tune_opt_int(sh, cmd, "id", &id) < 0)
        return 0;
    if (id <= 0) {
        shell_error(sh, "Invalid IOThread id value: '%d'", id);
        return 0;
    }
    return id;
}

/* iothreadadd and iothreaddel differ only in the call they make. */
static bool
iothread_change(Shell *sh, const ShellCmd *cmd,
                int (*change)(virDomainPtr, unsigned int, unsigned int))
{
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;
    int id;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((id = iothread_id(sh, cmd)) > 0 && !(ok = change(dom, (unsigned int)id, flags) == 0))
        shell_error_save(sh);
    virDomainFree(dom);
    return ok;
}

static bool
cmd_iothreadadd(Shell *sh, const ShellCmd *cmd)
{
    return iothread_change(sh, cmd, virDomainAddIOThread);
}

static bool
cmd_iothreaddel(Shell *sh, const ShellCmd *cmd)
{
    return iothread_change(sh, cmd, virDomainDelIOThread);
}

/* An adder failed where virsh prints no line of its own: only the
 * library's error is kept. */
static bool
tune_add_error(Shell *sh)
{
    shell_error_save(sh);
    return false;
}

/* Collects iothreadset's settings; false after reporting. */
static bool
iothreadset_params(Shell *sh, const ShellCmd *cmd, virTypedParameterPtr *params, int *n)
{
    static const char *const uints[][2] = {
        { "poll-grow", VIR_DOMAIN_IOTHREAD_POLL_GROW },
        { "poll-shrink", VIR_DOMAIN_IOTHREAD_POLL_SHRINK },
    };
    static const char *const ints[][2] = {
        { "thread-pool-min", VIR_DOMAIN_IOTHREAD_THREAD_POOL_MIN },
        { "thread-pool-max", VIR_DOMAIN_IOTHREAD_THREAD_POOL_MAX },
    };
    unsigned long long poll_max;
    int max = 0, rc;

    if ((rc = tune_opt_ull(sh, cmd, "poll-max-ns", &poll_max)) < 0)
        return false;
    if (rc > 0 && virTypedParamsAddULLong(params, n, &max, VIR_DOMAIN_IOTHREAD_POLL_MAX_NS,
                                          poll_max) < 0)
        return tune_add_error(sh);
    for (size_t i = 0; i < ARRAY_LEN(uints); i++) {
        unsigned int v = 0;

        if ((rc = shell_opt_uint(sh, cmd, uints[i][0], &v)) < 0)
            return false;
        if (rc > 0 && virTypedParamsAddUInt(params, n, &max, uints[i][1], v) < 0)
            return tune_add_error(sh);
    }
    for (size_t i = 0; i < ARRAY_LEN(ints); i++) {
        int v = -1;

        if ((rc = tune_opt_int(sh, cmd, ints[i][0], &v)) < 0)
            return false;
        if (rc > 0 && virTypedParamsAddInt(params, n, &max, ints[i][1], v) < 0)
            return tune_add_error(sh);
    }
    return true;
}

static bool
cmd_iothreadset(Shell *sh, const ShellCmd *cmd)
{
    virTypedParameterPtr params = NULL;
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;
    int id, n = 0;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((id = iothread_id(sh, cmd)) <= 0 || !iothreadset_params(sh, cmd, &params, &n))
        goto done;
    if (n == 0) {
        shell_error(sh, "%s", "Not enough arguments passed, nothing to set");
        goto done;
    }
    if (!(ok = virDomainSetIOThreadParams(dom, (unsigned int)id, params, n, flags) == 0))
        shell_error_save(sh);

 done:
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    return ok;
}

/* ---- cpu-stats ---- */

static void
cpustats_field(Shell *sh, const virTypedParameter *p)
{
    static const char *const times[] = {
        VIR_DOMAIN_CPU_STATS_CPUTIME, VIR_DOMAIN_CPU_STATS_VCPUTIME,
        VIR_DOMAIN_CPU_STATS_USERTIME, VIR_DOMAIN_CPU_STATS_SYSTEMTIME,
    };
    char buf[64];

    shell_print(sh, "\t%-12s ", p->field);
    if (p->type == VIR_TYPED_PARAM_ULLONG) {
        for (size_t i = 0; i < ARRAY_LEN(times); i++) {
            if (strcmp(p->field, times[i]) == 0) {
                shell_print(sh, "%9lld.%09lld seconds\n", (long long)(p->value.ul / 1000000000),
                            (long long)(p->value.ul % 1000000000));
                return;
            }
        }
    }
    shell_print(sh, "%s\n", tune_param_str(p, buf, sizeof(buf)));
}

#define CPUSTATS_CHUNK 128 /* CPUs asked for per call, as virsh does */

/* The per-CPU part; returns 1 to go on to the total, 0 to stop, -1 failed
 * (the caller reports). */
static int
cpustats_per_cpu(Shell *sh, virDomainPtr dom, int cpu, int show_count, bool show_total)
{
    virTypedParameterPtr params;
    int max_id, nparams;

    if ((max_id = virDomainGetCPUStats(dom, NULL, 0, 0, 0, 0)) < 0)
        return -1;
    if (cpu >= max_id) {
        shell_error(sh, "Start CPU %d is out of range (min: 0, max: %d)", cpu, max_id - 1);
        return -2;
    }
    if (show_count < 0 || show_count > max_id) {
        if (show_count > max_id)
            shell_print(sh, "Only %d CPUs available to show\n", max_id);
        show_count = max_id - cpu;
    }
    if ((nparams = virDomainGetCPUStats(dom, NULL, 0, 0, 1, 0)) < 0)
        return -1;
    if (nparams == 0) {
        shell_print(sh, "%s", "No per-CPU stats available");
        return show_total ? 1 : 0;
    }
    if (!(params = calloc((size_t)nparams * CPUSTATS_CHUNK, sizeof(*params))))
        abort();
    while (show_count > 0) {
        int ncpus = show_count < CPUSTATS_CHUNK ? show_count : CPUSTATS_CHUNK;

        if (virDomainGetCPUStats(dom, params, (unsigned int)nparams, cpu, (unsigned int)ncpus,
                                 0) < 0) {
            free(params);
            return -1;
        }
        for (int i = 0; i < ncpus; i++) {
            if (params[i * nparams].type == 0) /* not in the host's CPU map */
                continue;
            shell_print(sh, "CPU%d:\n", cpu + i);
            for (int j = 0; j < nparams; j++)
                cpustats_field(sh, &params[i * nparams + j]);
        }
        cpu += ncpus;
        show_count -= ncpus;
        virTypedParamsClear(params, nparams * ncpus);
    }
    free(params);
    return show_total ? 1 : 0;
}

static bool
cmd_cpu_stats(Shell *sh, const ShellCmd *cmd)
{
    bool show_total = shell_opt_bool(cmd, "total"), show_per_cpu = false;
    virTypedParameterPtr params = NULL;
    int cpu = 0, show_count = -1, nparams = 0, got, rc;
    virDomainPtr dom;
    bool ok = false;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((rc = tune_opt_int(sh, cmd, "start", &cpu)) < 0)
        goto done;
    if (rc > 0) {
        if (cpu < 0) {
            shell_error(sh, "%s", "Invalid value for start CPU");
            goto done;
        }
        show_per_cpu = true;
    }
    if ((rc = tune_opt_int(sh, cmd, "count", &show_count)) < 0)
        goto done;
    if (rc > 0) {
        if (show_count < 0) {
            shell_error(sh, "%s", "Invalid value for number of CPUs to show");
            goto done;
        }
        show_per_cpu = true;
    }
    if (!show_total && !show_per_cpu)
        show_total = show_per_cpu = true;
    if (show_per_cpu) {
        if ((rc = cpustats_per_cpu(sh, dom, cpu, show_count, show_total)) == -1)
            goto failed;
        if (rc < 0)
            goto done;
        if (rc == 0) {
            ok = true;
            goto done;
        }
    }
    if ((nparams = virDomainGetCPUStats(dom, NULL, 0, -1, 1, 0)) < 0)
        goto failed;
    if (nparams == 0) {
        shell_print(sh, "%s", "No total stats available");
        goto done;
    }
    if (!(params = calloc((size_t)nparams, sizeof(*params))))
        abort();
    if ((got = virDomainGetCPUStats(dom, params, (unsigned int)nparams, -1, 1, 0)) < 0)
        goto failed;
    shell_print(sh, "Total:\n");
    for (int i = 0; i < got; i++)
        cpustats_field(sh, &params[i]);
    ok = true;
    goto done;

 failed:
    shell_error_save(sh);
    shell_error(sh, "Failed to retrieve CPU statistics for domain '%s'", virDomainGetName(dom));
 done:
    virTypedParamsFree(params, nparams > 0 ? nparams : 0);
    virDomainFree(dom);
    return ok;
}

/* ---- domiftune ---- */

static int
domiftune_get(virDomainPtr dom, const char *dev, virTypedParameterPtr params, int *n,
              unsigned int flags)
{
    return virDomainGetInterfaceParameters(dom, dev, params, n, flags);
}

static int
domiftune_set(virDomainPtr dom, const char *dev, virTypedParameterPtr params, int n,
              unsigned int flags)
{
    return virDomainSetInterfaceParameters(dom, dev, params, n, flags);
}

static const TuneKind domiftune_kind = {
    domiftune_get, domiftune_set, "Unable to get number of interface parameters",
    "Unable to get interface parameters", "Unable to set interface parameters", true, NULL,
};

/* average,peak,burst,floor; empty fields are 0. False after reporting. */
static bool
domiftune_rate(Shell *sh, const char *str, unsigned long long rate[4])
{
    static const char *const names[] = { "average", "peak", "burst", "floor" };
    const char *p = str;
    size_t field = 0;

    memset(rate, 0, 4 * sizeof(rate[0]));
    for (const char *c = str; *c; c++) {
        if (*c == ',' && ++field >= 4) {
            shell_error(sh, "Rate string '%s' has too many fields", str);
            return false;
        }
    }
    for (field = 0; field < 4 && p; field++) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);

        if (len > 0) {
            char *tok = strndup(p, len);
            bool bad;

            if (!tok)
                abort();
            bad = tune_parse_ull(tok, &rate[field]) < 0;
            free(tok);
            if (bad) {
                shell_error(sh, "field '%s' is malformed", names[field]);
                return false;
            }
        }
        p = comma ? comma + 1 : NULL;
    }
    return true;
}

/* Adds one direction's settings; false after reporting. */
static bool
domiftune_add(Shell *sh, const char *str, bool inbound, virTypedParameterPtr *params, int *n,
              int *max)
{
    const char *fields[4] = {
        inbound ? VIR_DOMAIN_BANDWIDTH_IN_AVERAGE : VIR_DOMAIN_BANDWIDTH_OUT_AVERAGE,
        inbound ? VIR_DOMAIN_BANDWIDTH_IN_PEAK : VIR_DOMAIN_BANDWIDTH_OUT_PEAK,
        inbound ? VIR_DOMAIN_BANDWIDTH_IN_BURST : VIR_DOMAIN_BANDWIDTH_OUT_BURST,
        VIR_DOMAIN_BANDWIDTH_IN_FLOOR,
    };
    const char *dir = inbound ? "inbound" : "outbound";
    unsigned long long rate[4];

    if (!domiftune_rate(sh, str, rate))
        return false;
    if (rate[0] > UINT_MAX || rate[1] > UINT_MAX || rate[2] > UINT_MAX) {
        shell_error(sh, "%s rate larger than maximum %u", dir, UINT_MAX);
        return false;
    }
    if (inbound && !rate[0] && (rate[1] || rate[2]) && !rate[3]) {
        shell_error(sh, "%s", "either inbound average or floor is mandatory");
        return false;
    }
    if (!inbound && !rate[0] && (rate[1] || rate[2])) {
        shell_error(sh, "%s", "outbound average is mandatory");
        return false;
    }
    if (!inbound && rate[3]) {
        shell_error(sh, "%s", "outbound floor is unsupported yet");
        return false;
    }
    for (size_t i = 0; i < (inbound ? 4u : 3u); i++) {
        if ((i == 0 || rate[i]) &&
            virTypedParamsAddUInt(params, n, max, fields[i], (unsigned int)rate[i]) < 0) {
            return tune_add_failed(sh, &domiftune_kind);
        }
    }
    return true;
}

static bool
cmd_domiftune(Shell *sh, const ShellCmd *cmd)
{
    const char *device = NULL, *in = NULL, *out = NULL;
    virTypedParameterPtr params = NULL;
    int n = 0, max = 0;
    unsigned int flags;
    virDomainPtr dom;
    bool ok = false;

    if (!tune_affect_flags(sh, cmd, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_string(sh, cmd, "interface", &device) < 0 ||
        shell_opt_string(sh, cmd, "inbound", &in) < 0 ||
        shell_opt_string(sh, cmd, "outbound", &out) < 0)
        goto done;
    if ((in && !domiftune_add(sh, in, true, &params, &n, &max)) ||
        (out && !domiftune_add(sh, out, false, &params, &n, &max)))
        goto done;
    ok = tune_show_or_set(sh, &domiftune_kind, dom, device, params, n, flags);

 done:
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    return ok;
}

/* ---- option tables ---- */

static const ShellOptDef opts_schedinfo[] = {
    OPT_DOMAIN,
    { "weight", SHELL_OPT_INT, SHELL_OFLAG_REQ_OPT, "weight for XEN_CREDIT" },
    { "cap", SHELL_OPT_INT, SHELL_OFLAG_REQ_OPT, "cap for XEN_CREDIT" },
    OPT_BOOL("current", "get/set current scheduler info"),
    OPT_BOOL("config", "get/set value to be used on next boot"),
    OPT_BOOL("live", "get/set value from running domain"),
    { "set", SHELL_OPT_ARGV, 0, "parameter=value" },
    OPT_END,
};

static const ShellOptDef opts_memtune[] = {
    OPT_DOMAIN,
    OPT_INT("hard-limit", "Max memory, as scaled integer (default KiB)"),
    OPT_INT("soft-limit", "Memory during contention, as scaled integer (default KiB)"),
    OPT_INT("swap-hard-limit", "Max memory plus swap, as scaled integer (default KiB)"),
    OPT_INT("min-guarantee", "Min guaranteed memory, as scaled integer (default KiB)"),
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_blkiotune[] = {
    OPT_DOMAIN,
    OPT_INT("weight", "IO Weight"),
    OPT_STR("device-weights", "per-device IO Weights, in the form of /path/to/device,weight,..."),
    OPT_STR("device-read-iops-sec", "per-device read I/O limit per second, in the form of "
            "/path/to/device,read_iops_sec,..."),
    OPT_STR("device-write-iops-sec", "per-device write I/O limit per second, in the form of "
            "/path/to/device,write_iops_sec,..."),
    OPT_STR("device-read-bytes-sec", "per-device bytes read per second, in the form of "
            "/path/to/device,read_bytes_sec,..."),
    OPT_STR("device-write-bytes-sec", "per-device bytes wrote per second, in the form of "
            "/path/to/device,write_bytes_sec,..."),
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_numatune[] = {
    OPT_DOMAIN,
    OPT_STR("mode", "NUMA mode, one of strict, preferred and interleave \n"
            "or a number from the virDomainNumatuneMemMode enum"),
    OPT_STR("nodeset", "NUMA node selections to set"),
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_blkdeviotune[] = {
    OPT_DOMAIN,
    { "device", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "block device" },
    OPT_ALIAS("total_bytes_sec", "total-bytes-sec"),
    OPT_INT("total-bytes-sec", "total throughput limit, as scaled integer (default bytes)"),
    OPT_ALIAS("read_bytes_sec", "read-bytes-sec"),
    OPT_INT("read-bytes-sec", "read throughput limit, as scaled integer (default bytes)"),
    OPT_ALIAS("write_bytes_sec", "write-bytes-sec"),
    OPT_INT("write-bytes-sec", "write throughput limit, as scaled integer (default bytes)"),
    OPT_ALIAS("total_iops_sec", "total-iops-sec"),
    OPT_INT("total-iops-sec", "total I/O operations limit per second"),
    OPT_ALIAS("read_iops_sec", "read-iops-sec"),
    OPT_INT("read-iops-sec", "read I/O operations limit per second"),
    OPT_ALIAS("write_iops_sec", "write-iops-sec"),
    OPT_INT("write-iops-sec", "write I/O operations limit per second"),
    OPT_ALIAS("total_bytes_sec_max", "total-bytes-sec-max"),
    OPT_INT("total-bytes-sec-max", "total max, as scaled integer (default bytes)"),
    OPT_ALIAS("read_bytes_sec_max", "read-bytes-sec-max"),
    OPT_INT("read-bytes-sec-max", "read max, as scaled integer (default bytes)"),
    OPT_ALIAS("write_bytes_sec_max", "write-bytes-sec-max"),
    OPT_INT("write-bytes-sec-max", "write max, as scaled integer (default bytes)"),
    OPT_ALIAS("total_iops_sec_max", "total-iops-sec-max"),
    OPT_INT("total-iops-sec-max", "total I/O operations max"),
    OPT_ALIAS("read_iops_sec_max", "read-iops-sec-max"),
    OPT_INT("read-iops-sec-max", "read I/O operations max"),
    OPT_ALIAS("write_iops_sec_max", "write-iops-sec-max"),
    OPT_INT("write-iops-sec-max", "write I/O operations max"),
    OPT_ALIAS("size_iops_sec", "size-iops-sec"),
    OPT_INT("size-iops-sec", "I/O size in bytes"),
    OPT_ALIAS("group_name", "group-name"),
    OPT_STR("group-name", "group name to share I/O quota between multiple drives"),
    OPT_ALIAS("total_bytes_sec_max_length", "total-bytes-sec-max-length"),
    OPT_INT("total-bytes-sec-max-length", "duration in seconds to allow total max bytes"),
    OPT_ALIAS("read_bytes_sec_max_length", "read-bytes-sec-max-length"),
    OPT_INT("read-bytes-sec-max-length", "duration in seconds to allow read max bytes"),
    OPT_ALIAS("write_bytes_sec_max_length", "write-bytes-sec-max-length"),
    OPT_INT("write-bytes-sec-max-length", "duration in seconds to allow write max bytes"),
    OPT_ALIAS("total_iops_sec_max_length", "total-iops-sec-max-length"),
    OPT_INT("total-iops-sec-max-length",
            "duration in seconds to allow total I/O operations max"),
    OPT_ALIAS("read_iops_sec_max_length", "read-iops-sec-max-length"),
    OPT_INT("read-iops-sec-max-length", "duration in seconds to allow read I/O operations max"),
    OPT_ALIAS("write_iops_sec_max_length", "write-iops-sec-max-length"),
    OPT_INT("write-iops-sec-max-length",
            "duration in seconds to allow write I/O operations max"),
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_perf[] = {
    OPT_DOMAIN,
    OPT_STR("enable", "perf events which will be enabled"),
    OPT_STR("disable", "perf events which will be disabled"),
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_vcpucount[] = {
    OPT_DOMAIN,
    OPT_BOOL("maximum", "get maximum count of vcpus"),
    OPT_BOOL("active", "get number of currently active vcpus"),
    OPT_BOOL("live", "get value from running domain"),
    OPT_BOOL("config", "get value to be used on next boot"),
    OPT_BOOL("current", "get value according to current domain state"),
    OPT_BOOL("guest", "retrieve vcpu count from the guest instead of the hypervisor"),
    OPT_END,
};

static const ShellOptDef opts_vcpuinfo[] = {
    OPT_DOMAIN,
    OPT_BOOL("pretty", "return human readable output"),
    OPT_END,
};

static const ShellOptDef opts_vcpupin[] = {
    OPT_DOMAIN,
    OPT_INT("vcpu", "vcpu number"),
    { "cpulist", SHELL_OPT_STRING, SHELL_OFLAG_EMPTY_OK,
      "host cpu number(s) to set, or omit option to query" },
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_emulatorpin[] = {
    OPT_DOMAIN,
    { "cpulist", SHELL_OPT_STRING, SHELL_OFLAG_EMPTY_OK,
      "host cpu number(s) to set, or omit option to query" },
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_iothreadinfo[] = {
    OPT_DOMAIN,
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_iothreadpin[] = {
    OPT_DOMAIN,
    { "iothread", SHELL_OPT_INT, SHELL_OFLAG_REQ, "IOThread ID number" },
    { "cpulist", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "host cpu number(s) to set" },
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_iothreadadd[] = {
    OPT_DOMAIN,
    { "id", SHELL_OPT_INT, SHELL_OFLAG_REQ, "iothread for the new IOThread" },
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_iothreadset[] = {
    OPT_DOMAIN,
    { "id", SHELL_OPT_INT, SHELL_OFLAG_REQ, "iothread id of existing IOThread" },
    OPT_INT("poll-max-ns", "set the maximum IOThread polling time in ns"),
    OPT_INT("poll-grow", "set the value to increase the IOThread polling time"),
    OPT_INT("poll-shrink", "set the value for reduction of the IOThread polling time"),
    OPT_INT("thread-pool-min", "lower boundary for worker thread pool"),
    OPT_INT("thread-pool-max", "upper boundary for worker thread pool"),
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_iothreaddel[] = {
    OPT_DOMAIN,
    { "id", SHELL_OPT_INT, SHELL_OFLAG_REQ, "iothread_id for the IOThread to delete" },
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_cpu_stats[] = {
    OPT_DOMAIN,
    OPT_BOOL("total", "Show total statistics only"),
    OPT_INT("start", "Show statistics from this CPU"),
    OPT_INT("count", "Number of shown CPUs at most"),
    OPT_END,
};

static const ShellOptDef opts_domiftune[] = {
    OPT_DOMAIN,
    { "interface", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "interface device (MAC Address)" },
    OPT_STR("inbound", "control domain's incoming traffics"),
    OPT_STR("outbound", "control domain's outgoing traffics"),
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

const ShellCmdDef shell_domain_tune_cmds[] = {
    { "blkdeviotune", cmd_blkdeviotune, opts_blkdeviotune,
      "Set or query a block device I/O tuning parameters.",
      "Set or query disk I/O parameters such as block throttling.", 0 },
    { "blkiotune", cmd_blkiotune, opts_blkiotune, "Get or set blkio parameters",
      "Get or set the current blkio parameters for a guest domain.\n"
      "    To get the blkio parameters use following command: \n\n"
      "    virsh # blkiotune <domain>", 0 },
    { "memtune", cmd_memtune, opts_memtune, "Get or set memory parameters",
      "Get or set the current memory parameters for a guest domain.\n"
      "    To get the memory parameters use following command: \n\n"
      "    virsh # memtune <domain>", 0 },
    { "numatune", cmd_numatune, opts_numatune, "Get or set numa parameters",
      "Get or set the current numa parameters for a guest domain.\n"
      "    To get the numa parameters use following command: \n\n"
      "    virsh # numatune <domain>", 0 },
    { "perf", cmd_perf, opts_perf, "Get or set perf event",
      "Get or set the current perf events for a guest domain.\n"
      "    To get the perf events list use following command: \n\n"
      "    virsh # perf <domain>", 0 },
    { "schedinfo", cmd_schedinfo, opts_schedinfo, "show/set scheduler parameters",
      "Show/Set scheduler parameters.", 0 },
    { "cpu-stats", cmd_cpu_stats, opts_cpu_stats, "show domain cpu statistics",
      "Display per-CPU and total statistics about the domain's CPUs", 0 },
    { "domiftune", cmd_domiftune, opts_domiftune, "get/set parameters of a virtual interface",
      "Get/set parameters of a domain's virtual interface.", 0 },
    { "emulatorpin", cmd_emulatorpin, opts_emulatorpin, "control or query domain emulator affinity",
      "Pin domain emulator threads to host physical CPUs.", 0 },
    { "iothreadadd", cmd_iothreadadd, opts_iothreadadd, "add an IOThread to the guest domain",
      "Add an IOThread to the guest domain.", 0 },
    { "iothreaddel", cmd_iothreaddel, opts_iothreaddel, "delete an IOThread from the guest domain",
      "Delete an IOThread from the guest domain.", 0 },
    { "iothreadinfo", cmd_iothreadinfo, opts_iothreadinfo, "view domain IOThreads",
      "Returns basic information about the domain IOThreads.", 0 },
    { "iothreadpin", cmd_iothreadpin, opts_iothreadpin, "control domain IOThread affinity",
      "Pin domain IOThreads to host physical CPUs.", 0 },
    { "iothreadset", cmd_iothreadset, opts_iothreadset,
      "modifies an existing IOThread of the guest domain",
      "Modifies an existing IOThread of the guest domain.", 0 },
    { "vcpucount", cmd_vcpucount, opts_vcpucount, "domain vcpu counts",
      "Returns the number of virtual CPUs used by the domain.", 0 },
    { "vcpuinfo", cmd_vcpuinfo, opts_vcpuinfo, "detailed domain vcpu information",
      "Returns basic information about the domain virtual CPUs.", 0 },
    { "vcpupin", cmd_vcpupin, opts_vcpupin, "control or query domain vcpu affinity",
      "Pin domain VCPUs to host physical CPUs.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
