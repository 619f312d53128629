/*
 * error.c: the thread-local, libvirt-compatible error record.
 *
 * Each thread owns one virError, created on first use and freed when the
 * thread exits. Messages are built from libvirt's per-code texts so that
 * applications and scripts that match on them see the same strings.
 * vir_error_dispatch() lives in src/drivers/handles.c because it needs the
 * connection's fields; everything here is free of the layers above util.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/log.h"

typedef struct {
    const char *plain;       /* the message when there is no detail */
    const char *with_detail; /* the template, with one %s for the detail */
} ErrorText;

/* libvirt's message texts, by virErrorNumber. */
static const ErrorText error_texts[] = {
    [VIR_ERR_INTERNAL_ERROR] = { "internal error", "internal error: %s" },
    [VIR_ERR_NO_MEMORY] = { "out of memory", "out of memory: %s" },
    [VIR_ERR_NO_SUPPORT] = { "this function is not supported by the connection driver",
        "this function is not supported by the connection driver: %s" },
    [VIR_ERR_UNKNOWN_HOST] = { "unknown host", "unknown host %s" },
    [VIR_ERR_NO_CONNECT] = { "no connection driver available",
        "no connection driver available for %s" },
    [VIR_ERR_INVALID_CONN] = { "invalid connection pointer in",
        "invalid connection pointer in %s" },
    [VIR_ERR_INVALID_DOMAIN] = { "invalid domain pointer in", "invalid domain pointer in %s" },
    [VIR_ERR_INVALID_ARG] = { "invalid argument", "invalid argument: %s" },
    [VIR_ERR_OPERATION_FAILED] = { "operation failed", "operation failed: %s" },
    [VIR_ERR_GET_FAILED] = { "GET operation failed", "GET operation failed: %s" },
    [VIR_ERR_POST_FAILED] = { "POST operation failed", "POST operation failed: %s" },
    [VIR_ERR_HTTP_ERROR] = { "got unknown HTTP error code", "got unknown HTTP error code %s" },
    [VIR_ERR_SEXPR_SERIAL] = { "failed to serialize S-Expr", "failed to serialize S-Expr: %s" },
    [VIR_ERR_NO_XEN] = { "could not use Xen hypervisor entry",
        "could not use Xen hypervisor entry %s" },
    [VIR_ERR_XEN_CALL] = { "failed Xen syscall", "failed Xen syscall %s" },
    [VIR_ERR_OS_TYPE] = { "unknown OS type", "unknown OS type %s" },
    [VIR_ERR_NO_KERNEL] = { "missing kernel information", "missing kernel information: %s" },
    [VIR_ERR_NO_ROOT] = { "missing root device information",
        "missing root device information in %s" },
    [VIR_ERR_NO_SOURCE] = { "missing source information for device",
        "missing source information for device %s" },
    [VIR_ERR_NO_TARGET] = { "missing target information for device",
        "missing target information for device %s" },
    [VIR_ERR_NO_NAME] = { "missing name information", "missing name information in %s" },
    [VIR_ERR_NO_OS] = { "missing operating system information",
        "missing operating system information for %s" },
    [VIR_ERR_NO_DEVICE] = { "missing devices information", "missing devices information for %s" },
    [VIR_ERR_NO_XENSTORE] = { "could not connect to Xen Store",
        "could not connect to Xen Store %s" },
    [VIR_ERR_DRIVER_FULL] = { "too many drivers registered", "too many drivers registered in %s" },
    [VIR_ERR_CALL_FAILED] = { "library call failed", "library call failed: %s" },
    [VIR_ERR_XML_ERROR] = { "XML description is invalid or not well formed", "XML error: %s" },
    [VIR_ERR_DOM_EXIST] = { "this domain exists already", "domain %s exists already" },
    [VIR_ERR_OPERATION_DENIED] = { "operation forbidden for read only access",
        "operation forbidden: %s" },
    [VIR_ERR_OPEN_FAILED] = { "failed to open configuration file",
        "failed to open configuration file %s" },
    [VIR_ERR_READ_FAILED] = { "failed to read configuration file",
        "failed to read configuration file %s" },
    [VIR_ERR_PARSE_FAILED] = { "failed to parse configuration file",
        "failed to parse configuration file %s" },
    [VIR_ERR_CONF_SYNTAX] = { "configuration file syntax error",
        "configuration file syntax error: %s" },
    [VIR_ERR_WRITE_FAILED] = { "failed to write configuration file",
        "failed to write configuration file: %s" },
    [VIR_ERR_XML_DETAIL] = { "parser error", "%s" },
    [VIR_ERR_INVALID_NETWORK] = { "invalid network pointer in", "invalid network pointer in %s" },
    [VIR_ERR_NETWORK_EXIST] = { "this network exists already", "network %s exists already" },
    [VIR_ERR_SYSTEM_ERROR] = { "system call error", "%s" },
    [VIR_ERR_RPC] = { "RPC error", "%s" },
    [VIR_ERR_GNUTLS_ERROR] = { "GNUTLS call error", "%s" },
    [VIR_WAR_NO_NETWORK] = { "Failed to find the network", "Failed to find the network: %s" },
    [VIR_ERR_NO_DOMAIN] = { "Domain not found", "Domain not found: %s" },
    [VIR_ERR_NO_NETWORK] = { "Network not found", "Network not found: %s" },
    [VIR_ERR_INVALID_MAC] = { "invalid MAC address", "invalid MAC address: %s" },
    [VIR_ERR_AUTH_FAILED] = { "authentication failed", "authentication failed: %s" },
    [VIR_ERR_INVALID_STORAGE_POOL] = { "invalid storage pool pointer in",
        "invalid storage pool pointer in %s" },
    [VIR_ERR_INVALID_STORAGE_VOL] = { "invalid storage volume pointer in",
        "invalid storage volume pointer in %s" },
    [VIR_WAR_NO_STORAGE] = { "Failed to find a storage driver",
        "Failed to find a storage driver: %s" },
    [VIR_ERR_NO_STORAGE_POOL] = { "Storage pool not found", "Storage pool not found: %s" },
    [VIR_ERR_NO_STORAGE_VOL] = { "Storage volume not found", "Storage volume not found: %s" },
    [VIR_WAR_NO_NODE] = { "Failed to find a node driver", "Failed to find a node driver: %s" },
    [VIR_ERR_INVALID_NODE_DEVICE] = { "invalid node device pointer",
        "invalid node device pointer in %s" },
    [VIR_ERR_NO_NODE_DEVICE] = { "Node device not found", "Node device not found: %s" },
    [VIR_ERR_NO_SECURITY_MODEL] = { "Security model not found", "Security model not found: %s" },
    [VIR_ERR_OPERATION_INVALID] = { "Requested operation is not valid",
        "Requested operation is not valid: %s" },
    [VIR_WAR_NO_INTERFACE] = { "Failed to find the interface", "Failed to find the interface: %s" },
    [VIR_ERR_NO_INTERFACE] = { "Interface not found", "Interface not found: %s" },
    [VIR_ERR_INVALID_INTERFACE] = { "invalid interface pointer in",
        "invalid interface pointer in %s" },
    [VIR_ERR_MULTIPLE_INTERFACES] = { "multiple matching interfaces found",
        "multiple matching interfaces found: %s" },
    [VIR_WAR_NO_NWFILTER] = { "Failed to start the nwfilter driver",
        "Failed to start the nwfilter driver: %s" },
    [VIR_ERR_INVALID_NWFILTER] = { "Invalid network filter", "Invalid network filter: %s" },
    [VIR_ERR_NO_NWFILTER] = { "Network filter not found", "Network filter not found: %s" },
    [VIR_ERR_BUILD_FIREWALL] = { "Error while building firewall",
        "Error while building firewall: %s" },
    [VIR_WAR_NO_SECRET] = { "Failed to find a secret storage driver",
        "Failed to find a secret storage driver: %s" },
    [VIR_ERR_INVALID_SECRET] = { "Invalid secret", "Invalid secret: %s" },
    [VIR_ERR_NO_SECRET] = { "Secret not found", "Secret not found: %s" },
    [VIR_ERR_CONFIG_UNSUPPORTED] = { "unsupported configuration", "unsupported configuration: %s" },
    [VIR_ERR_OPERATION_TIMEOUT] = { "Timed out during operation",
        "Timed out during operation: %s" },
    [VIR_ERR_MIGRATE_PERSIST_FAILED] = { "Failed to make domain persistent after migration",
        "Failed to make domain persistent after migration: %s" },
    [VIR_ERR_HOOK_SCRIPT_FAILED] = { "Hook script execution failed",
        "Hook script execution failed: %s" },
    [VIR_ERR_INVALID_DOMAIN_SNAPSHOT] = { "Invalid domain snapshot",
        "Invalid domain snapshot: %s" },
    [VIR_ERR_NO_DOMAIN_SNAPSHOT] = { "Domain snapshot not found", "Domain snapshot not found: %s" },
    [VIR_ERR_INVALID_STREAM] = { "invalid stream pointer", "invalid stream pointer in %s" },
    [VIR_ERR_ARGUMENT_UNSUPPORTED] = { "argument unsupported", "argument unsupported: %s" },
    [VIR_ERR_STORAGE_PROBE_FAILED] = { "Storage pool probe failed",
        "Storage pool probe failed: %s" },
    [VIR_ERR_STORAGE_POOL_BUILT] = { "Storage pool already built",
        "Storage pool already built: %s" },
    [VIR_ERR_SNAPSHOT_REVERT_RISKY] = { "revert requires force", "revert requires force: %s" },
    [VIR_ERR_OPERATION_ABORTED] = { "operation aborted", "operation aborted: %s" },
    [VIR_ERR_AUTH_CANCELLED] = { "authentication cancelled", "authentication cancelled: %s" },
    [VIR_ERR_NO_DOMAIN_METADATA] = { "metadata not found", "metadata not found: %s" },
    [VIR_ERR_MIGRATE_UNSAFE] = { "Unsafe migration", "Unsafe migration: %s" },
    [VIR_ERR_OVERFLOW] = { "numerical overflow", "numerical overflow: %s" },
    [VIR_ERR_BLOCK_COPY_ACTIVE] = { "block copy still active", "block copy still active: %s" },
    [VIR_ERR_OPERATION_UNSUPPORTED] = { "Operation not supported", "Operation not supported: %s" },
    [VIR_ERR_SSH] = { "SSH transport error", "SSH transport error: %s" },
    [VIR_ERR_AGENT_UNRESPONSIVE] = { "Guest agent is not responding",
        "Guest agent is not responding: %s" },
    [VIR_ERR_RESOURCE_BUSY] = { "resource busy", "resource busy: %s" },
    [VIR_ERR_ACCESS_DENIED] = { "access denied", "access denied: %s" },
    [VIR_ERR_DBUS_SERVICE] = { "error from service", "error from service: %s" },
    [VIR_ERR_STORAGE_VOL_EXIST] = { "this storage volume exists already",
        "storage volume %s exists already" },
    [VIR_ERR_CPU_INCOMPATIBLE] = { "the CPU is incompatible with host CPU",
        "the CPU is incompatible with host CPU: %s" },
    [VIR_ERR_XML_INVALID_SCHEMA] = { "XML document failed to validate against schema",
        "XML document failed to validate against schema: %s" },
    [VIR_ERR_MIGRATE_FINISH_OK] = { "migration successfully aborted",
        "migration successfully aborted: %s" },
    [VIR_ERR_AUTH_UNAVAILABLE] = { "authentication unavailable", "authentication unavailable: %s" },
    [VIR_ERR_NO_SERVER] = { "Server not found", "Server not found: %s" },
    [VIR_ERR_NO_CLIENT] = { "Client not found", "Client not found: %s" },
    [VIR_ERR_AGENT_UNSYNCED] = { "guest agent replied with wrong id to guest-sync command",
        "guest agent replied with wrong id to guest-sync command: %s" },
    [VIR_ERR_LIBSSH] = { "libssh transport error", "libssh transport error: %s" },
    [VIR_ERR_DEVICE_MISSING] = { "device not found", "device not found: %s" },
    [VIR_ERR_INVALID_NWFILTER_BINDING] = { "Invalid network filter binding",
        "Invalid network filter binding: %s" },
    [VIR_ERR_NO_NWFILTER_BINDING] = { "Network filter binding not found",
        "Network filter binding not found: %s" },
    [VIR_ERR_INVALID_DOMAIN_CHECKPOINT] = { "Invalid domain checkpoint",
        "Invalid domain checkpoint: %s" },
    [VIR_ERR_NO_DOMAIN_CHECKPOINT] = { "Domain checkpoint not found",
        "Domain checkpoint not found: %s" },
    [VIR_ERR_NO_DOMAIN_BACKUP] = { "Domain backup job id not found",
        "Domain backup job id not found: %s" },
    [VIR_ERR_INVALID_NETWORK_PORT] = { "Invalid network port pointer",
        "Invalid network port pointer: %s" },
    [VIR_ERR_NETWORK_PORT_EXIST] = { "this network port exists already",
        "network port %s exists already" },
    [VIR_ERR_NO_NETWORK_PORT] = { "network port not found", "network port not found: %s" },
    [VIR_ERR_NO_HOSTNAME] = { "no hostname found", "no hostname found: %s" },
    [VIR_ERR_CHECKPOINT_INCONSISTENT] = { "checkpoint inconsistent",
        "checkpoint inconsistent: %s" },
    [VIR_ERR_MULTIPLE_DOMAINS] = { "multiple matching domains found",
        "multiple matching domains found: %s" },
};

/* libvirt's names of the error domains, by virErrorDomain, as printed by
 * virDefaultErrorFunc. */
static const char *const error_domain_names[] = {
    "", "Xen Driver", "Xen Daemon", "Xen Store", "S-Expression",
    "XML Util", "Domain", "XML-RPC", "Proxy Daemon", "Config File",
    "QEMU Driver", "Network", "Test Driver", "Remote Driver", "OpenVZ Driver",
    "Xen XM Driver", "Linux Statistics", "LXC Driver", "Storage Driver", "Network Driver",
    "Domain Config", "User Mode Linux Driver", "Node Device Driver", "Xen Inotify Driver",
    "Security Driver",
    "VirtualBox Driver", "Network Interface Driver", "Open Nebula Driver", "ESX Driver",
    "Power Hypervisor Driver",
    "Secrets Driver", "CPU Driver", "XenAPI Driver", "Network Filter Driver", "Lifecycle Hook",
    "Domain Snapshot", "Audit Utils", "Sysinfo Utils", "I/O Stream Utils", "VMware Driver",
    "Event Loop", "Xen Light Driver", "Lock Driver", "Hyper-V Driver", "Capabilities Utils",
    "URI Utils", "Authentication Utils", "DBus Utils", "Parallels Cloud Server", "Device Config",
    "SSH transport layer", "Lock Space", "Init control", "Identity", "Cgroup",
    "Access Manager", "Systemd", "Bhyve", "Crypto", "Firewall",
    "Polkit", "Thread jobs", "Admin Interface", "Log Manager", "Xen XL Config",
    "Perf", "Libssh transport layer", "Resource control", "FirewallD", "Domain Checkpoint",
    "TPM", "BPF", "Cloud-Hypervisor Driver",
};

static pthread_once_t error_once = PTHREAD_ONCE_INIT;
static pthread_key_t error_key;

static pthread_mutex_t handler_lock = PTHREAD_MUTEX_INITIALIZER;
static virErrorFunc global_handler;     /* guarded by handler_lock */
static void *global_handler_data;       /* guarded by handler_lock */

static void
error_record_destroy(void *data)
{
    virResetError(data);
    free(data);
}

static void
error_key_init(void)
{
    if (pthread_key_create(&error_key, error_record_destroy) != 0)
        abort();
}

/* The calling thread's record, created zeroed on first use. */
static virErrorPtr
error_record(void)
{
    virErrorPtr err;

    pthread_once(&error_once, error_key_init);
    err = pthread_getspecific(error_key);
    if (!err) {
        err = XNEW(virError);
        if (pthread_setspecific(error_key, err) != 0)
            abort();
    }
    return err;
}

static const ErrorText *
error_text(int code)
{
    if (code <= 0 || (size_t)code >= ARRAY_SIZE(error_texts) || !error_texts[code].plain)
        return NULL;
    return &error_texts[code];
}

const char *
vir_error_code_text(int code)
{
    const ErrorText *text = error_text(code);

    return text ? text->plain : "unknown error";
}

const char *
vir_error_domain_name(int domain)
{
    if (domain < 0 || (size_t)domain >= ARRAY_SIZE(error_domain_names))
        return "Unknown";
    return error_domain_names[domain];
}

/* Substitutes detail for the single %s of tmpl. Done by hand rather than
 * with printf so a template is never used as a format string. */
static char *
error_fill_template(const char *tmpl, const char *detail)
{
    VireoBuf buf = VIREO_BUF_INIT;
    const char *mark = strstr(tmpl, "%s");

    if (!mark)
        return xstrdup(tmpl);
    buf_add_len(&buf, tmpl, (size_t)(mark - tmpl));
    buf_add(&buf, detail);
    buf_add(&buf, mark + 2);
    return buf_steal(&buf);
}

/* Replaces the record's contents, taking ownership of the strings. */
static void
error_record_fill(int domain, int code, int level, char *message, char *str1, char *str2,
                  char *str3, int int1, int int2)
{
    virErrorPtr err = error_record();

    virResetError(err);
    err->code = code;
    err->domain = domain;
    err->level = level;
    err->message = message;
    err->str1 = str1;
    err->str2 = str2;
    err->str3 = str3;
    err->int1 = int1;
    err->int2 = int2;
}

void
vir_error_reportv(int domain, int code, const char *fmt, va_list ap)
{
    int saved_errno = errno;
    const ErrorText *text = error_text(code);
    char *detail = fmt ? xvasprintf(fmt, ap) : NULL;
    const char *tmpl = NULL;
    char *message;

    if (code == VIR_ERR_OK) {
        free(detail);
        virResetError(error_record());
        errno = saved_errno;
        return;
    }
    if (text)
        tmpl = detail ? text->with_detail : text->plain;
    if (!tmpl)
        message = xstrdup(detail ? detail : "No error message provided");
    else
        message = detail ? error_fill_template(tmpl, detail) : xstrdup(tmpl);
    error_record_fill(domain, code, VIR_ERR_ERROR, message, xstrdup(tmpl), detail, NULL, -1, -1);
    errno = saved_errno;
}

void
vir_error_report(int domain, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vir_error_reportv(domain, code, fmt, ap);
    va_end(ap);
}

void
vir_error_report_raw(int domain, int code, const char *func, const char *arg, const char *fmt,
                     ...)
{
    int saved_errno = errno;
    va_list ap;
    char *message;

    va_start(ap, fmt);
    message = xvasprintf(fmt, ap);
    va_end(ap);
    error_record_fill(domain, code, VIR_ERR_ERROR, message, xstrdup(func), xstrdup(arg), NULL, 0,
                      0);
    errno = saved_errno;
}

void
vir_error_report_system(int domain, int errnum, const char *fmt, ...)
{
    _cleanup_buf_ VireoBuf buf = VIREO_BUF_INIT;
    char ebuf[256];
    va_list ap;

    if (fmt) {
        va_start(ap, fmt);
        buf_vaddf(&buf, fmt, ap);
        va_end(ap);
        buf_add(&buf, ": ");
    }
    buf_add(&buf, strerror_r(errnum, ebuf, sizeof(ebuf)));
    vir_error_report(domain, VIR_ERR_SYSTEM_ERROR, "%s", buf_str(&buf));
    /* libvirt's system errors carry the errno in int1 */
    error_record()->int1 = errnum;
    errno = errnum;
}

void
vir_error_set_full(int code, int domain, int level, const char *message, const char *str1,
                   const char *str2, const char *str3, int int1, int int2)
{
    error_record_fill(domain, code, level, xstrdup(message), xstrdup(str1), xstrdup(str2),
                      xstrdup(str3), int1, int2);
}

virErrorPtr
vir_error_current(void)
{
    virErrorPtr err = error_record();

    return err->code == VIR_ERR_OK ? NULL : err;
}

int
vir_error_is_set(void)
{
    return vir_error_current() != NULL;
}

void
vir_error_ensure_set(const char *func)
{
    virErrorPtr err = error_record();

    if (err->code != VIR_ERR_OK)
        return;
    /* A layer failed without reporting: say so (in libvirt's words) rather
     * than return silently, and leave the culprit in the debug log. */
    VIREO_DEBUG_LOG("%s failed without reporting an error", func ? func : "?");
    error_record_fill(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, VIR_ERR_ERROR,
                      xstrdup("An error occurred, but the cause is unknown"), NULL, NULL, NULL,
                      -1, -1);
}

void
vir_error_copy(const virError *from, virErrorPtr to)
{
    virResetError(to);
    to->code = from->code;
    to->domain = from->domain;
    to->level = from->level;
    to->message = xstrdup(from->message);
    to->str1 = xstrdup(from->str1);
    to->str2 = xstrdup(from->str2);
    to->str3 = xstrdup(from->str3);
    to->int1 = from->int1;
    to->int2 = from->int2;
}

void
vir_error_global_handler(virErrorFunc *ret_func, void **ret_data)
{
    pthread_mutex_lock(&handler_lock);
    *ret_func = global_handler;
    *ret_data = global_handler_data;
    pthread_mutex_unlock(&handler_lock);
}

/* ---- public API --------------------------------------------------------- */

virErrorPtr
virGetLastError(void)
{
    return vir_error_current();
}

int
virGetLastErrorCode(void)
{
    return error_record()->code;
}

int
virGetLastErrorDomain(void)
{
    return error_record()->domain;
}

const char *
virGetLastErrorMessage(void)
{
    virErrorPtr err = error_record();

    if (err->code == VIR_ERR_OK)
        return "no error";
    return err->message ? err->message : "unknown error";
}

int
virCopyLastError(virErrorPtr to)
{
    if (!to)
        return -1;
    /* The caller's struct may hold garbage: never free what it points to. */
    memset(to, 0, sizeof(*to));
    vir_error_copy(error_record(), to);
    return to->code;
}

virErrorPtr
virSaveLastError(void)
{
    int saved_errno = errno;
    virErrorPtr copy = XNEW(virError);

    virCopyLastError(copy);
    errno = saved_errno;
    return copy;
}

void
virResetError(virErrorPtr err)
{
    if (!err)
        return;
    free(err->message);
    free(err->str1);
    free(err->str2);
    free(err->str3);
    memset(err, 0, sizeof(*err));
}

void
virFreeError(virErrorPtr err)
{
    virResetError(err);
    free(err);
}

void
virResetLastError(void)
{
    virResetError(error_record());
}

void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    pthread_mutex_lock(&handler_lock);
    global_handler = handler;
    global_handler_data = userData;
    pthread_mutex_unlock(&handler_lock);
}

void
virDefaultErrorFunc(virErrorPtr err)
{
    const char *level = "";
    const char *message;
    size_t len;

    if (!err || err->code == VIR_ERR_OK)
        return;
    if (err->level == VIR_ERR_WARNING)
        level = "warning";
    else if (err->level == VIR_ERR_ERROR)
        level = "error";
    message = err->message ? err->message : "";
    len = strlen(message);
    /* libvirt's layout, including the space before the colon where the
     * (always empty here) object name would go. */
    if (err->domain == VIR_FROM_XML && err->code == VIR_ERR_XML_DETAIL && err->int1 != 0)
        fprintf(stderr, "libvirt: %s %s : line %d: %s", vir_error_domain_name(err->domain),
                level, err->int1, message);
    else
        fprintf(stderr, "libvirt: %s %s : %s%s", vir_error_domain_name(err->domain), level,
                message, (len == 0 || message[len - 1] != '\n') ? "\n" : "");
}
