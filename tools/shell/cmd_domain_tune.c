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
#include <strings.h>

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

/* Multiplies @value by the unit @suffix names (k, KiB, KB, ... or b),
 * @scale when there is none; raises libvirt's error for an unknown suffix
 * or a result above @limit. */
static int
tune_scale(Shell *sh, unsigned long long *value, const char *suffix,
           unsigned long long scale, unsigned long long limit)
{
    static const char units[] = "kmgtpe";
    const char *u;
    unsigned long long base;

    if (*suffix) {
        if (!strcasecmp(suffix, "b") || !strcasecmp(suffix, "byte") ||
            !strcasecmp(suffix, "bytes")) {
            scale = 1;
        } else {
            if (!suffix[1] || !strcasecmp(suffix + 1, "iB"))
                base = 1024;
            else if ((suffix[1] == 'b' || suffix[1] == 'B') && !suffix[2])
                base = 1000;
            else
                goto unknown;
            if (!(u = strchr(units, tolower((unsigned char)suffix[0]))))
                goto unknown;
            scale = 1;
            for (const char *p = units; p <= u; p++)
                scale *= base;
        }
    }
    if (*value && *value > limit / scale) {
        shell_error_set(sh, VIR_ERR_OVERFLOW, "value too large: %llu%s", *value, suffix);
        return -1;
    }
    *value *= scale;
    return 0;

 unknown:
    shell_error_set(sh, VIR_ERR_INVALID_ARG, "unknown suffix '%s'", suffix);
    return -1;
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

/* Reads a parameter list through one of the "count first, then fetch"
 * getters. */
typedef int (*TuneGetter)(virDomainPtr dom, const char *dev, virTypedParameterPtr params,
                          int *nparams, unsigned int flags);

typedef struct {
    TuneGetter get;
    const char *count_msg; /* when asking for the count failed */
    const char *get_msg;   /* when fetching the values failed */
    bool dev_in_count;     /* pass the device when asking for the count too */
} TuneReader;

/* Gets and prints the parameters; false after reporting. */
static bool
tune_show(Shell *sh, const TuneReader *rd, virDomainPtr dom, const char *dev,
          unsigned int flags, TuneSpecial special)
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
    tune_print_params(sh, params, n, special);
    virTypedParamsFree(params, n);
    return true;
}

/* Adders that fail only on memory or a bad name: the library's error is
 * kept and the caller prints its own line. */
static bool
tune_add_failed(Shell *sh, virTypedParameterPtr *params, int *n)
{
    shell_error_save(sh);
    virTypedParamsFree(*params, *n);
    *params = NULL;
    *n = 0;
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
    if (tune_scale(sh, &bytes, end, 1024, LLONG_MAX) < 0)
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

static bool
cmd_memtune(Shell *sh, const ShellCmd *cmd)
{
    static const struct { const char *opt, *field; } sizes[] = {
        { "hard-limit", VIR_DOMAIN_MEMORY_HARD_LIMIT },
        { "soft-limit", VIR_DOMAIN_MEMORY_SOFT_LIMIT },
        { "swap-hard-limit", VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT },
        { "min-guarantee", VIR_DOMAIN_MEMORY_MIN_GUARANTEE },
    };
    static const TuneReader reader = {
        memtune_get, "Unable to get number of memory parameters",
        "Unable to get memory parameters", false,
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
            tune_add_failed(sh, &params, &n);
            shell_error(sh, "%s", "Unable to change memory parameters");
            goto done;
        }
    }
    if (n == 0) {
        ok = tune_show(sh, &reader, dom, NULL, flags, memtune_special);
    } else if (virDomainSetMemoryParameters(dom, params, n, flags) != 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to change memory parameters");
    } else {
        ok = true;
    }

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
    static const TuneReader reader = {
        blkiotune_get, "Unable to get number of blkio parameters",
        "Unable to get blkio parameters", false,
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
    if (n == 0) {
        ok = tune_show(sh, &reader, dom, NULL, flags, NULL);
    } else if (virDomainSetBlkioParameters(dom, params, n, flags) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to change blkio parameters");
    } else {
        ok = true;
    }
    goto done;

 add_failed:
    tune_add_failed(sh, &params, &n);
    shell_error(sh, "%s", "Unable to change blkio parameters");
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
    static const TuneReader reader = {
        numatune_get, "Unable to get number of memory parameters",
        "Unable to get numa parameters", false,
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
    if (n == 0) {
        ok = tune_show(sh, &reader, dom, NULL, flags, numatune_special);
    } else if (virDomainSetNumaParameters(dom, params, n, flags) != 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to change numa parameters");
    } else {
        ok = true;
    }
    goto done;

 add_failed:
    tune_add_failed(sh, &params, &n);
    shell_error(sh, "%s", "Unable to change numa parameters");
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
    static const TuneReader reader = {
        blkdeviotune_get, "Unable to get number of block I/O throttle parameters",
        "Unable to get block I/O throttle parameters", false,
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
    if (n == 0) {
        ok = tune_show(sh, &reader, dom, disk, flags, NULL);
    } else if (virDomainSetBlockIoTune(dom, disk, params, n, flags) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to change block I/O throttle");
    } else {
        ok = true;
    }
    goto done;

 add_failed:
    tune_add_failed(sh, &params, &n);
    shell_error(sh, "%s", "Unable to change block I/O throttle");
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
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
