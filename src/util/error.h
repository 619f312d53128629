/*
 * error.h: reporting into the thread-local, libvirt-compatible error record.
 *
 * Reporting code (conf, drivers, remote, daemon, client) calls
 * vir_report_error() once, where a failure is detected, then returns -1 or
 * NULL. The public API entry points reset the record on entry. The daemon
 * sends the record in its error reply and the client restores it verbatim
 * with vir_error_set_full(), so a remote error looks local.
 *
 * Each .c file that reports defines VIR_FROM_THIS to its virErrorDomain
 * before including this header.
 */
#ifndef VIREO_UTIL_ERROR_H
#define VIREO_UTIL_ERROR_H

#include <stdarg.h>
#include <libvirt/libvirt.h>

/* Reports code in domain. fmt (printf-style, may be NULL) is the detail: the
 * message becomes libvirt's text for code, then ": " and the detail when there
 * is one ("Domain not found: no domain with matching name 'x'"). Sets str1 to
 * the code's template and str2 to the detail, int1/int2 to -1, level ERROR.
 * Safe from any thread. Never fails (out of memory aborts). */
void vir_error_report(int domain, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void vir_error_reportv(int domain, int code, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

#define vir_report_error(code, ...) vir_error_report(VIR_FROM_THIS, (code), __VA_ARGS__)

/* Reports VIR_ERR_SYSTEM_ERROR with strerror(errnum) appended:
 * "<detail>: <strerror>". */
void vir_error_report_system(int domain, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Shorthand for the errors every layer raises. */
#define vir_report_oom() abort()
/* Like libvirt's argument checks, these set the message to the text alone
 * (no "invalid argument: " prefix), str1 to the function, str2 to the
 * argument's name and int1/int2 to 0:
 * "unsupported flags (0xffff0000) in function testConnectListAllDomains". */
#define vir_report_unsupported_flags(flags, supported) \
    vir_error_report_raw(VIR_FROM_THIS, VIR_ERR_INVALID_ARG, __func__, "flags", \
                         "unsupported flags (0x%x) in function %s", \
                         (unsigned)((flags) & ~(supported)), __func__)
#define vir_report_invalid_arg(argname, ...) \
    vir_error_report_raw(VIR_FROM_THIS, VIR_ERR_INVALID_ARG, __func__, #argname, __VA_ARGS__)

/* Records code in domain with the formatted text as the whole message (no
 * per-code prefix), str1 = func, str2 = arg, int1 = int2 = 0: libvirt's
 * layout for invalid-argument reports. */
void vir_error_report_raw(int domain, int code, const char *func, const char *arg,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Returns -1 from the enclosing function when flags has bits outside supported. */
#define vir_check_flags(flags, supported, retval) \
    do { \
        if ((flags) & ~(supported)) { \
            vir_report_unsupported_flags(flags, supported); \
            return retval; \
        } \
    } while (0)

/* Replaces the thread's record with exactly these fields (strings copied,
 * NULL allowed). Used to restore an error that arrived over the wire. */
void vir_error_set_full(int code, int domain, int level, const char *message,
                        const char *str1, const char *str2, const char *str3,
                        int int1, int int2);

/* The thread's current record, or NULL when no error is set. Not a copy. */
virErrorPtr vir_error_current(void);

/* True when the thread has an error recorded. */
int vir_error_is_set(void);

/* If the thread has no error recorded (a bug in the layer below), records a
 * generic INTERNAL_ERROR (libvirt's "An error occurred, but the cause is
 * unknown"; func goes to the debug log) so a failing API never returns without
 * one. Public API entry points call this on every failure path; it also
 * copies the record into conn's last error and runs the error callbacks
 * (conn's, else the global one, else virDefaultErrorFunc). conn may be NULL.
 * Implemented in src/drivers/handles.c, which owns the connection's fields:
 * link handles_dep to use it. */
void vir_error_dispatch(virConnectPtr conn, const char *func);

/* The first half of vir_error_dispatch: records a generic INTERNAL_ERROR
 * naming func when the thread has no error. */
void vir_error_ensure_set(const char *func);

/* Deep-copies from into to, after resetting to (which must be valid). */
void vir_error_copy(const virError *from, virErrorPtr to);

/* The handler installed with virSetErrorFunc (NULL when none). */
void vir_error_global_handler(virErrorFunc *ret_func, void **ret_data);

/* libvirt's name for an error domain ("Test Driver"), "Unknown" when out of
 * range. */
const char *vir_error_domain_name(int domain);

/* Text libvirt uses for code with no detail ("Domain not found"). */
const char *vir_error_code_text(int code);

#endif /* VIREO_UTIL_ERROR_H */
