/*
 * output.c: what vireo prints, and the error record it reports from.
 *
 * virsh keeps the last library error aside while a command runs (the
 * library would otherwise reset it on the next call) and prints it only when
 * the command fails. vireo does the same. A few failures that virsh gets from
 * libvirt's own utility code (reading a file, scaling a size) are raised here
 * in the library's place, so they print exactly as they do under virsh.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shell.h"

/* The error handler gets no context pointer we control per call, so the one
 * shell of this process is remembered here (main thread only). */
static Shell *error_shell;

static void
shell_vprint(const char *fmt, va_list ap)
{
    vfprintf(stdout, fmt, ap);
    fflush(stdout);
}

/* Prints to stdout unconditionally (data a command was asked for). */
void
shell_print(Shell *sh, const char *fmt, ...)
{
    va_list ap;

    (void)sh;
    va_start(ap, fmt);
    shell_vprint(fmt, ap);
    va_end(ap);
}

/* Prints to stdout unless -q was given (confirmations, headers, spacing). */
void
shell_print_extra(Shell *sh, const char *fmt, ...)
{
    va_list ap;

    if (sh && sh->quiet)
        return;
    va_start(ap, fmt);
    shell_vprint(fmt, ap);
    va_end(ap);
}

/* Prints "error: <message>" to stderr at once, after flushing stdout so the
 * two streams interleave correctly when they share a terminal or file. */
void
shell_error(Shell *sh, const char *fmt, ...)
{
    va_list ap;

    (void)sh;
    fflush(stdout);
    fputs("error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

static void
shell_error_clear(Shell *sh)
{
    if (sh->last_error)
        virFreeError(sh->last_error);
    sh->last_error = NULL;
    free(sh->local_msg);
    sh->local_msg = NULL;
    sh->local_code = VIR_ERR_OK;
}

/* Keeps a copy of the library's current error, replacing any kept before.
 * Does nothing when the library has no error set. */
void
shell_error_save(Shell *sh)
{
    virErrorPtr err = virGetLastError();

    if (!err || err->code == VIR_ERR_OK)
        return;
    shell_error_clear(sh);
    sh->last_error = virSaveLastError();
}

/* Raises an error the way a libvirt utility would have: it is printed by
 * shell_error_report() when the command fails. @code selects the prefix
 * libvirt puts in front of the detail (only the ones vireo needs). */
void
shell_error_set(Shell *sh, int code, const char *fmt, ...)
{
    static const struct { int code; const char *prefix; } prefixes[] = {
        { VIR_ERR_INVALID_ARG, "invalid argument: " },
        { VIR_ERR_OVERFLOW, "numerical overflow: " },
        { VIR_ERR_INTERNAL_ERROR, "internal error: " },
        { VIR_ERR_XML_ERROR, "XML description is invalid or not well formed: " },
    };
    const char *prefix = "";
    char *detail = NULL;
    va_list ap;
    size_t i;

    for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        if (prefixes[i].code == code)
            prefix = prefixes[i].prefix;
    }
    va_start(ap, fmt);
    if (vasprintf(&detail, fmt, ap) < 0)
        abort();
    va_end(ap);
    shell_error_clear(sh);
    if (asprintf(&sh->local_msg, "%s%s", prefix, detail) < 0)
        abort();
    sh->local_code = code;
    free(detail);
}

/* Forgets any kept error, ours and the library's. */
void
shell_error_reset(Shell *sh)
{
    shell_error_clear(sh);
    virResetLastError();
}

/* The code of the kept error, or VIR_ERR_OK when there is none. */
int
shell_error_code(Shell *sh)
{
    if (sh->local_msg)
        return sh->local_code;
    if (sh->last_error)
        return sh->last_error->code;
    return VIR_ERR_OK;
}

/* Prints the kept error (or the library's current one) as virsh does after a
 * failed command, then forgets it. Prints nothing when there is none. */
void
shell_error_report(Shell *sh)
{
    if (!sh->local_msg && !sh->last_error)
        shell_error_save(sh);
    if (sh->local_msg)
        shell_error(sh, "%s", sh->local_msg);
    else if (sh->last_error)
        shell_error(sh, "%s", sh->last_error->message ? sh->last_error->message
                                                       : "unknown error");
    shell_error_reset(sh);
}

static void
shell_error_handler(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
    if (error_shell)
        shell_error_save(error_shell);
}

/* Silences the library's default error printing and keeps each error it
 * raises in @sh instead. */
void
shell_error_install(Shell *sh)
{
    error_shell = sh;
    virSetErrorFunc(NULL, shell_error_handler);
}

/* Reads a whole local file of at most SHELL_MAX_XML_FILE bytes into a new
 * NUL-terminated string. On failure raises the error libvirt's file helper
 * would ("Failed to open file '…': <errno text>") and returns NULL. */
char *
shell_read_file(Shell *sh, const char *path)
{
    size_t size = 0, alloc = 0;
    char *buf = NULL;
    int fd;

    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        shell_error_set(sh, VIR_ERR_SYSTEM_ERROR, "Failed to open file '%s': %s",
                        path, strerror(errno));
        return NULL;
    }
    for (;;) {
        ssize_t n;

        if (size + 4096 + 1 > alloc) {
            alloc = alloc ? alloc * 2 : 8192;
            if (!(buf = realloc(buf, alloc)))
                abort();
        }
        n = read(fd, buf + size, alloc - size - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;

            close(fd);
            free(buf);
            shell_error_set(sh, VIR_ERR_SYSTEM_ERROR, "Failed to read file '%s': %s",
                            path, strerror(saved));
            return NULL;
        }
        if (n == 0)
            break;
        size += (size_t)n;
        if (size > SHELL_MAX_XML_FILE) {
            close(fd);
            free(buf);
            shell_error_set(sh, VIR_ERR_SYSTEM_ERROR, "Failed to read file '%s': %s",
                            path, strerror(EOVERFLOW));
            return NULL;
        }
    }
    close(fd);
    buf[size] = '\0';
    return buf;
}

/* Scales a byte count to the largest binary unit that keeps it below 1024,
 * as virsh shows capacities ("100.00 GiB"). */
double
shell_pretty_capacity(unsigned long long val, const char **ret_unit)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    double limit = 1024;
    size_t i;

    for (i = 0; i < 6; i++) {
        if (val < limit) {
            *ret_unit = units[i];
            return i == 0 ? (double)val : val / (limit / 1024);
        }
        limit *= 1024;
    }
    *ret_unit = units[6];
    return val / (limit / 1024);
}
