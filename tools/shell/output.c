/*
 * output.c: what vireo prints, and the error record it reports from.
 *
 * virsh keeps the last library error aside while a command runs (the
 * library would otherwise reset it on the next call) and prints it only when
 * the command fails. vireo does the same. A few failures that virsh gets from
 * libvirt's own utility code (reading a file, scaling a size) are raised here
 * in the library's place, so they print exactly as they do under virsh.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
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

/* ---- the editor session of the *-edit commands ----
 *
 * As virsh: the XML goes to a private temporary file, $VISUAL, else
 * $EDITOR, else sensible-editor runs on it (directly when its name is
 * plain, through sh -c when it carries options), and the result is
 * defined unless it is unchanged. If the object changed meanwhile or the
 * definition fails, a user at a terminal is asked whether to edit again;
 * without a terminal the edit fails. */

#define EDIT_PLAIN_CHARS \
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/_.:@"

/* Appends @arg to @out quoted for a shell as libvirt shows commands. */
static void
shell_edit_quote(FILE *out, const char *arg)
{
    if (!*arg) {
        fputs("''", out);
        return;
    }
    if (!strpbrk(arg, "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~")) {
        fputs(arg, out);
        return;
    }
    fputc('\'', out);
    for (; *arg; arg++) {
        if (*arg == '\'')
            fputs("'\\'", out);
        fputc(*arg, out);
    }
    fputc('\'', out);
}

/* True when @name (no '/') is an executable file in $PATH. */
static bool
shell_edit_in_path(const char *name)
{
    const char *path = getenv("PATH");
    char *copy, *dir, *save = NULL, *full;
    bool found = false;

    if (!path || !*path)
        path = "/bin:/usr/bin";
    if (!(copy = strdup(path)))
        abort();
    for (dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        if (asprintf(&full, "%s/%s", *dir ? dir : ".", name) < 0)
            abort();
        found = access(full, X_OK) == 0;
        free(full);
    }
    free(copy);
    return found;
}

/* Runs the editor on @path and waits for it. Returns false after raising
 * the error libvirt's command runner would. */
static bool
shell_edit_spawn(Shell *sh, const char *path)
{
    const char *editor = getenv("VISUAL");
    char *shown = NULL, *line = NULL;
    const char *argv[4];
    size_t size = 0;
    FILE *out;
    pid_t pid;
    int status;

    if (!editor)
        editor = getenv("EDITOR");
    if (!editor)
        editor = "sensible-editor";
    if (strspn(editor, EDIT_PLAIN_CHARS) != strlen(editor)) {
        if (strspn(path, EDIT_PLAIN_CHARS) != strlen(path)) {
            shell_error(sh, "%s: temporary filename contains shell meta or other "
                            "unacceptable characters (is $TMPDIR wrong?)", path);
            return false;
        }
        if (asprintf(&line, "%s %s", editor, path) < 0)
            abort();
        argv[0] = "sh", argv[1] = "-c", argv[2] = line, argv[3] = NULL;
    } else {
        argv[0] = editor, argv[1] = path, argv[2] = NULL;
    }
    if (!strchr(argv[0], '/') && !shell_edit_in_path(argv[0])) {
        shell_error_set(sh, VIR_ERR_SYSTEM_ERROR, "Cannot find '%s' in path: %s", argv[0],
                        strerror(ENOENT));
        free(line);
        return false;
    }
    fflush(stdout);
    fflush(stderr);
    if ((pid = fork()) < 0) {
        shell_error_set(sh, VIR_ERR_SYSTEM_ERROR, "cannot fork child process: %s",
                        strerror(errno));
        free(line);
        return false;
    }
    if (pid == 0) {
        execvp(argv[0], (char *const *)argv);
        /* what libvirt's command runner prints from its child */
        fprintf(stderr, "libvirt:  error : cannot execute binary %s: %s\n", argv[0],
                strerror(errno));
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            status = -1;
            break;
        }
    }
    if (status == 0) {
        free(line);
        return true;
    }
    if (!(out = open_memstream(&shown, &size)))
        abort();
    for (size_t i = 0; argv[i]; i++) {
        if (i)
            fputc(' ', out);
        shell_edit_quote(out, argv[i]);
    }
    fclose(out);
    if (status != -1 && WIFEXITED(status))
        shell_error_set(sh, VIR_ERR_INTERNAL_ERROR,
                        "Child process (%s) unexpected exit status %d", shown,
                        WEXITSTATUS(status));
    else
        shell_error_set(sh, VIR_ERR_INTERNAL_ERROR,
                        "Child process (%s) unexpected fatal signal %d", shown,
                        status == -1 ? 0 : WTERMSIG(status));
    free(shown);
    free(line);
    return false;
}

/* Asks a user at a terminal whether to edit again after @msg. Returns 'y',
 * 'n' or 'f', or -1 without a terminal (the library's error is printed
 * first when there is one). */
static int
shell_edit_ask(Shell *sh, const char *msg)
{
    struct termios saved, raw;
    int c;

    if (!isatty(STDIN_FILENO))
        return -1;
    shell_error_report(sh);
    if (tcgetattr(STDIN_FILENO, &saved) < 0)
        return -1;
    raw = saved;
    cfmakeraw(&raw);
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0)
        return -1;
    for (;;) {
        shell_print(sh, "\r%s %s %s: ", msg, "Try again?", "[y,n,f,?]");
        c = getchar();
        if (c == EOF) {
            c = 'n';
            break;
        }
        c = tolower(c);
        if (c == '?') {
            shell_print(sh, "\r\n%s\r\n%s\r\n%s\r\n%s\r\n", "y - yes, start editor again",
                        "n - no, throw away my changes", "f - force, try to redefine again",
                        "? - print this help");
            continue;
        }
        if (c == 'y' || c == 'n' || c == 'f')
            break;
    }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    shell_print(sh, "\r\n");
    return c;
}

/* Writes @doc to a new private temporary file; returns its name, or NULL
 * after reporting. */
static char *
shell_edit_tempfile(Shell *sh, const char *doc)
{
    const char *dir = getenv("TMPDIR");
    size_t len = strlen(doc), done = 0;
    char *path;
    int fd;

    if (asprintf(&path, "%s/vireoXXXXXX.xml", dir ? dir : "/tmp") < 0)
        abort();
    if ((fd = mkostemps(path, 4, O_CLOEXEC)) < 0) {
        shell_error(sh, "g_mkstemp_full: failed to create temporary file: %s",
                    strerror(errno));
        free(path);
        return NULL;
    }
    while (done < len) {
        ssize_t n = write(fd, doc + done, len - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            shell_error(sh, "write: %s: failed to write to temporary file: %s", path,
                        strerror(errno));
            close(fd);
            unlink(path);
            free(path);
            return NULL;
        }
        done += (size_t)n;
    }
    if (close(fd) < 0) {
        shell_error(sh, "close: %s: failed to write or close temporary file: %s", path,
                    strerror(errno));
        unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

/* Runs one editor session over the object @get fetches and @define
 * defines. Returns SHELL_EDIT_DEFINED, SHELL_EDIT_UNCHANGED (nothing
 * defined; with @define_unchanged an unchanged document is defined
 * anyway), or SHELL_EDIT_FAILED after reporting. */
int
shell_edit_xml(Shell *sh, ShellEditGet get, ShellEditDefine define, void *opaque,
               bool define_unchanged)
{
    char *doc, *path = NULL, *edited = NULL, *reread;
    int ret = SHELL_EDIT_FAILED;
    const char *msg;

    if (!(doc = get(opaque)) || !(path = shell_edit_tempfile(sh, doc)))
        goto cleanup;
 reedit:
    free(edited);
    edited = NULL;
    if (!shell_edit_spawn(sh, path)) {
        shell_error_report(sh);
        goto cleanup;
    }
    if (!(edited = shell_read_file(sh, path))) {
        shell_error_reset(sh);
        shell_error(sh, "%s: failed to read temporary file: %s", path, strerror(errno));
        goto cleanup;
    }
    if (strcmp(doc, edited) == 0 && !define_unchanged) {
        ret = SHELL_EDIT_UNCHANGED;
        goto cleanup;
    }
 redefine:
    msg = NULL;
    if (!(reread = get(opaque)))
        goto cleanup;
    if (strcmp(doc, reread) != 0) {
        msg = "The XML configuration was changed by another user.";
        free(doc);
        doc = reread;
    } else {
        free(reread);
    }
    if (!msg && !define(opaque, doc, edited))
        msg = "Failed.";
    if (msg) {
        switch (shell_edit_ask(sh, msg)) {
        case 'y':
            goto reedit;
        case 'f':
            goto redefine;
        case 'n':
            goto cleanup;
        default:
            shell_error_report(sh);
            shell_error(sh, "%s", msg);
            goto cleanup;
        }
    }
    ret = SHELL_EDIT_DEFINED;

 cleanup:
    if (path)
        unlink(path);
    free(path);
    free(edited);
    free(doc);
    return ret;
}
