/*
 * cmd_domain_extra.c: the "Domain Management" commands for saved states
 * (save, restore, save images, managed save), renaming, descriptions and
 * metadata, jobs, guest-agent file system calls and a few one-shot guest
 * actions (reset, NMI, keys, lifecycle actions, password).
 *
 * Each command follows virsh 9.0's order of checks, because that order
 * decides which error a user sees when several things are wrong at once.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "shell.h"

#define OPT_DOMAIN_FULL { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name, id or uuid" }
#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_END { NULL, 0, 0, NULL }
#define BY_ANY (SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME)
#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* A word-to-number table entry (codesets, lifecycle types and actions,
 * hostname sources). */
typedef struct ExtraWord {
    const char *word;
    unsigned int value;
} ExtraWord;

static int
extra_word_find(const ExtraWord *table, size_t n, const char *word)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(table[i].word, word) == 0)
            return (int)table[i].value;
    }
    return -1;
}

/* The values of an ARGV option in the order given, as a new NULL-terminated
 * array of borrowed strings; *ret_count gets how many. */
static const char **
extra_argv(const ShellCmd *cmd, const char *name, size_t *ret_count)
{
    const char **list;
    size_t n = 0;

    for (const ShellArg *a = cmd->args; a; a = a->next)
        n += strcmp(a->def->name, name) == 0;
    if (!(list = calloc(n + 1, sizeof(*list))))
        abort();
    n = 0;
    for (const ShellArg *a = cmd->args; a; a = a->next) {
        if (strcmp(a->def->name, name) == 0)
            list[n++] = a->data;
    }
    *ret_count = n;
    return list;
}

/* Gets an unsigned long long option as virsh does (decimal, no sign).
 * Returns 1 when set, 0 when absent, -1 after reporting. */
static int
extra_opt_ull(Shell *sh, const ShellCmd *cmd, const char *name, unsigned long long *ret_value)
{
    const char *s = NULL;
    unsigned long long v;
    char *end;

    for (const ShellArg *a = cmd->args; a; a = a->next) {
        if (strcmp(a->def->name, name) == 0)
            s = a->data;
    }
    if (!s)
        return 0;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (end == s || *end || errno || memchr(s, '-', (size_t)(end - s))) {
        shell_error(sh, "Numeric value '%s' for <%s> option is malformed or out of range",
                    s, name);
        return -1;
    }
    *ret_value = v;
    return 1;
}

/* The flags of --config/--live/--current starting from @flags; false after
 * reporting --current combined with one of the others. */
static bool
extra_affect_flags(Shell *sh, const ShellCmd *cmd, unsigned int flags, unsigned int *ret_flags)
{
    bool config = shell_opt_bool(cmd, "config");
    bool live = shell_opt_bool(cmd, "live");
    bool current = shell_opt_bool(cmd, "current");

    if (!shell_exclusive(sh, "current", current, "live", live) ||
        !shell_exclusive(sh, "current", current, "config", config))
        return false;
    if (config)
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (live)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    *ret_flags = flags;
    return true;
}

/* The --bypass-cache/--running/--paused/--reset-nvram bits shared by the
 * save and restore family. */
static unsigned int
extra_save_flags(const ShellCmd *cmd)
{
    static const ExtraWord table[] = {
        { "bypass-cache", VIR_DOMAIN_SAVE_BYPASS_CACHE },
        { "running", VIR_DOMAIN_SAVE_RUNNING },
        { "paused", VIR_DOMAIN_SAVE_PAUSED },
        { "reset-nvram", VIR_DOMAIN_SAVE_RESET_NVRAM },
    };
    unsigned int flags = 0;

    for (size_t i = 0; i < N_ELEMS(table); i++) {
        if (shell_opt_bool(cmd, table[i].word))
            flags |= table[i].value;
    }
    return flags;
}

/* ---- save and managedsave: a job the shell can watch ---- */

/* One save job. With --verbose the call runs on a worker thread while the
 * shell polls the domain's job progress every half second, as virsh does;
 * the worker keeps its own error, which the shell takes over after the
 * join. */
typedef struct ExtraSaveJob {
    virDomainPtr dom;     /* borrowed */
    const char *to;       /* save file, or NULL for a managed save */
    const char *xml;      /* borrowed, may be NULL */
    unsigned int flags;
    int rc;
    virErrorPtr err;      /* owned; the worker's error when rc < 0 */
    bool done;            /* guarded by lock */
    pthread_mutex_t lock;
    pthread_cond_t cond;
} ExtraSaveJob;

static int
extra_save_call(ExtraSaveJob *job)
{
    if (!job->to)
        return virDomainManagedSave(job->dom, job->flags);
    if (job->flags || job->xml)
        return virDomainSaveFlags(job->dom, job->to, job->xml, job->flags);
    return virDomainSave(job->dom, job->to);
}

static void *
extra_save_worker(void *opaque)
{
    ExtraSaveJob *job = opaque;
    int rc = extra_save_call(job);

    pthread_mutex_lock(&job->lock);
    job->rc = rc;
    if (rc < 0)
        job->err = virSaveLastError();
    job->done = true;
    pthread_cond_signal(&job->cond);
    pthread_mutex_unlock(&job->lock);
    return NULL;
}

/* virsh's progress line: percentage done, never 100 before the end. */
static void
extra_job_progress(const char *label, unsigned long long remaining, unsigned long long total)
{
    int pct = 100;

    if (remaining) {
        pct = (int)(100.0 - remaining * 100.0 / total);
        if (pct >= 100)
            pct = 99;
    }
    fflush(stdout);
    fprintf(stderr, "\r%s: [%3d %%]", label, pct);
    fflush(stderr);
}

/* The library calls the shell's error handler from whichever thread fails;
 * while the worker runs, errors are kept per thread instead. */
static void
extra_error_ignore(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

/* Runs @job on a worker thread, printing progress to stderr until it ends.
 * Returns the call's result; on failure the worker's error becomes the
 * shell's kept error. */
static int
extra_save_watched(Shell *sh, ExtraSaveJob *job, const char *label)
{
    bool threaded;
    pthread_t tid;

    pthread_mutex_init(&job->lock, NULL);
    pthread_cond_init(&job->cond, NULL);
    virSetErrorFunc(NULL, extra_error_ignore);
    threaded = pthread_create(&tid, NULL, extra_save_worker, job) == 0;
    if (!threaded)
        extra_save_worker(job);
    for (;;) {
        struct timespec until;
        virDomainJobInfo info;
        bool done;

        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 500L * 1000 * 1000;
        if (until.tv_nsec >= 1000L * 1000 * 1000) {
            until.tv_sec++;
            until.tv_nsec -= 1000L * 1000 * 1000;
        }
        pthread_mutex_lock(&job->lock);
        while (!job->done && pthread_cond_timedwait(&job->cond, &job->lock, &until) == 0)
            ;
        done = job->done;
        pthread_mutex_unlock(&job->lock);
        if (done)
            break;
        memset(&info, 0, sizeof(info));
        if (virDomainGetJobInfo(job->dom, &info) == 0 && info.dataTotal > 0)
            extra_job_progress(label, info.dataRemaining, info.dataTotal);
        virResetLastError();
    }
    if (threaded)
        pthread_join(tid, NULL);
    pthread_cond_destroy(&job->cond);
    pthread_mutex_destroy(&job->lock);
    shell_error_install(sh);
    shell_error_reset(sh);
    if (job->rc < 0) {
        sh->last_error = job->err;
        job->err = NULL;
    } else {
        extra_job_progress(label, 0, 1);
    }
    return job->rc;
}

/* Runs a save or managed save, watched when @verbose. Returns the call's
 * result (error kept on failure). */
static int
extra_save_run(Shell *sh, ExtraSaveJob *job, bool verbose, const char *label)
{
    int rc;

    if (verbose)
        return extra_save_watched(sh, job, label);
    if ((rc = extra_save_call(job)) < 0)
        shell_error_save(sh);
    return rc;
}

static bool
cmd_save(Shell *sh, const ShellCmd *cmd)
{
    ExtraSaveJob job = { 0 };
    const char *name, *to, *xmlfile;
    char *xml = NULL;
    virDomainPtr dom;
    bool ok = false;

    /* virsh looks the domain up before and inside its worker; once is
     * enough to report the same errors in the same order */
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, &name)))
        return false;
    if (shell_opt_string(sh, cmd, "file", &to) < 0 ||
        shell_opt_string(sh, cmd, "xml", &xmlfile) < 0)
        goto cleanup;
    if (xmlfile && !(xml = shell_read_file(sh, xmlfile)))
        goto cleanup;
    job.dom = dom;
    job.to = to;
    job.xml = xml;
    job.flags = extra_save_flags(cmd) & ~VIR_DOMAIN_SAVE_RESET_NVRAM;
    if (extra_save_run(sh, &job, shell_opt_bool(cmd, "verbose"), "Save") < 0) {
        shell_error(sh, "Failed to save domain '%s' to %s", name, to);
        goto cleanup;
    }
    shell_print_extra(sh, "\nDomain '%s' saved to %s\n", name, to);
    ok = true;

 cleanup:
    free(xml);
    virDomainFree(dom);
    return ok;
}

static bool
cmd_managedsave(Shell *sh, const ShellCmd *cmd)
{
    ExtraSaveJob job = { 0 };
    virDomainPtr dom;
    const char *name;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, &name)))
        return false;
    job.dom = dom;
    job.flags = extra_save_flags(cmd) & ~VIR_DOMAIN_SAVE_RESET_NVRAM;
    if (extra_save_run(sh, &job, shell_opt_bool(cmd, "verbose"), "Managedsave") < 0) {
        shell_error(sh, "Failed to save domain '%s' state", name);
        virDomainFree(dom);
        return false;
    }
    shell_print_extra(sh, "\nDomain '%s' state saved by libvirt\n", name);
    virDomainFree(dom);
    return true;
}

static bool
cmd_restore(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = extra_save_flags(cmd);
    const char *from, *xmlfile;
    char *xml = NULL;
    int rc;

    if (shell_opt_string(sh, cmd, "file", &from) < 0 ||
        shell_opt_string(sh, cmd, "xml", &xmlfile) < 0)
        return false;
    if (xmlfile && !(xml = shell_read_file(sh, xmlfile)))
        return false;
    if (flags || xml)
        rc = virDomainRestoreFlags(sh->conn, from, xml, flags);
    else
        rc = virDomainRestore(sh->conn, from);
    free(xml);
    if (rc < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to restore domain from %s", from);
        return false;
    }
    shell_print_extra(sh, "Domain restored from %s\n", from);
    return true;
}

static bool
cmd_save_image_dumpxml(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = shell_opt_bool(cmd, "security-info") ? VIR_DOMAIN_XML_SECURE : 0;
    const char *file, *xpath = NULL;
    char *xml;
    bool ok;

    if (shell_opt_string(sh, cmd, "file", &file) < 0 ||
        shell_opt_string_quiet(cmd, "xpath", &xpath) < 0)
        return false;
    if (!(xml = virDomainSaveImageGetXMLDesc(sh->conn, file, flags))) {
        shell_error_save(sh);
        return false;
    }
    ok = shell_dump_xml(sh, xml, "domain-save-image", xpath, shell_opt_bool(cmd, "wrap"));
    free(xml);
    return ok;
}

static bool
cmd_save_image_define(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = extra_save_flags(cmd);
    const char *file, *xmlfile;
    char *xml;
    int rc;

    if (shell_opt_string(sh, cmd, "file", &file) < 0 ||
        shell_opt_string(sh, cmd, "xml", &xmlfile) < 0 ||
        !(xml = shell_read_file(sh, xmlfile)))
        return false;
    rc = virDomainSaveImageDefineXML(sh->conn, file, xml, flags);
    free(xml);
    if (rc < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to update %s", file);
        return false;
    }
    shell_print_extra(sh, "State file %s updated.\n", file);
    return true;
}

static bool
cmd_managedsave_remove(Shell *sh, const ShellCmd *cmd)
{
    const char *name;
    virDomainPtr dom;
    bool ok = false;
    int has;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, &name)))
        return false;
    if ((has = virDomainHasManagedSaveImage(dom, 0)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Failed to check for domain managed save image");
    } else if (has == 0) {
        shell_print_extra(sh, "Domain '%s' has no manage save image; removal skipped", name);
        ok = true;
    } else if (virDomainManagedSaveRemove(dom, 0) < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to remove managed save image for domain '%s'", name);
    } else {
        shell_print_extra(sh, "Removed managedsave image for domain '%s'", name);
        ok = true;
    }
    virDomainFree(dom);
    return ok;
}

static bool
cmd_domrename(Shell *sh, const ShellCmd *cmd)
{
    const char *new_name;
    virDomainPtr dom;
    bool ok;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_string(sh, cmd, "new-name", &new_name) < 0) {
        virDomainFree(dom);
        return false;
    }
    if ((ok = virDomainRename(dom, new_name, 0) == 0))
        shell_print_extra(sh, "Domain successfully renamed\n");
    else
        shell_error_save(sh);
    virDomainFree(dom);
    return ok;
}


/* ---- editor sessions (desc --edit, metadata --edit, save-image-edit) ---- */

/* One editor session over a domain's text (the opaque of shell_edit_xml). */
typedef struct ExtraEdit {
    Shell *sh;
    virDomainPtr dom;     /* borrowed; NULL for save-image-edit */
    const char *file;     /* save-image-edit: the image */
    const char *uri;      /* metadata: namespace */
    const char *key;      /* metadata: prefix */
    const char *text;     /* desc: what the editor starts from */
    const char *current;  /* desc: the domain's text now */
    bool title;           /* desc: the title rather than the description */
    unsigned int flags;   /* the define call's flags */
    unsigned int gets;    /* how many times the text was fetched */
    bool last_get_ok;
    bool unchanged;       /* desc: the edit left the text as it was */
    bool set_failed;      /* desc: the metadata call failed (error kept) */
} ExtraEdit;

/* After a failed definition (or a concurrent change) with no terminal to
 * ask at, virsh reports it and then goes on as if the edit had worked,
 * exiting 0; vireo does the same. True when @ed ended that way. */
static bool
extra_edit_fell_through(const ExtraEdit *ed)
{
    return ed->gets >= 2 && ed->last_get_ok && !isatty(STDIN_FILENO);
}

/* Without a terminal to ask at, virsh prints only "Failed.", not the
 * library's reason. */
static void
extra_edit_failed(ExtraEdit *ed)
{
    if (!isatty(STDIN_FILENO))
        shell_error_reset(ed->sh);
}

static char *
extra_metadata_edit_get(void *opaque)
{
    ExtraEdit *ed = opaque;
    char *xml = virDomainGetMetadata(ed->dom, VIR_DOMAIN_METADATA_ELEMENT, ed->uri, ed->flags);

    /* no metadata yet: start from an empty document */
    if (!xml) {
        shell_error_reset(ed->sh);
        if (!(xml = strdup("\n")))
            abort();
    }
    ed->gets++;
    ed->last_get_ok = true;
    return xml;
}

static bool
extra_metadata_edit_define(void *opaque, const char *orig, const char *edited)
{
    ExtraEdit *ed = opaque;

    (void)orig;
    if (virDomainSetMetadata(ed->dom, VIR_DOMAIN_METADATA_ELEMENT, edited, ed->key, ed->uri,
                             ed->flags) == 0)
        return true;
    shell_error_save(ed->sh);
    extra_edit_failed(ed);
    return false;
}

static char *
extra_image_edit_get(void *opaque)
{
    ExtraEdit *ed = opaque;
    char *xml = virDomainSaveImageGetXMLDesc(ed->sh->conn, ed->file, VIR_DOMAIN_XML_SECURE);

    if (!xml)
        shell_error_save(ed->sh);
    ed->gets++;
    ed->last_get_ok = xml != NULL;
    return xml;
}

static bool
extra_image_edit_define(void *opaque, const char *orig, const char *edited)
{
    ExtraEdit *ed = opaque;

    (void)orig;
    if (virDomainSaveImageDefineXML(ed->sh->conn, ed->file, edited, ed->flags) == 0)
        return true;
    shell_error_save(ed->sh);
    extra_edit_failed(ed);
    return false;
}

/* desc --edit is one plain editor run: the text handed to the editor is
 * fetched "again" unchanged, and the definition never asks to re-edit;
 * its outcome is kept in @ed for the command to report. */
static char *
extra_desc_edit_get(void *opaque)
{
    ExtraEdit *ed = opaque;
    char *copy = strdup(ed->text);

    if (!copy)
        abort();
    return copy;
}

static bool
extra_desc_edit_define(void *opaque, const char *orig, const char *edited)
{
    ExtraEdit *ed = opaque;
    size_t len = strlen(edited);
    char *text;

    (void)orig;
    if (!(text = strdup(edited)))
        abort();
    /* an editor's final newline is not part of a one-line title */
    if (ed->title && len && text[len - 1] == '\n')
        text[len - 1] = '\0';
    if (strcmp(ed->current, text) == 0) {
        ed->unchanged = true;
    } else if (virDomainSetMetadata(ed->dom, ed->title ? VIR_DOMAIN_METADATA_TITLE
                                                       : VIR_DOMAIN_METADATA_DESCRIPTION,
                                    text, NULL, NULL, ed->flags) < 0) {
        shell_error_save(ed->sh);
        ed->set_failed = true;
    }
    free(text);
    return true;
}

static bool
cmd_save_image_edit(Shell *sh, const ShellCmd *cmd)
{
    ExtraEdit ed = { 0 };
    const char *file;
    int rc;

    ed.sh = sh;
    ed.flags = extra_save_flags(cmd);
    if (!shell_exclusive(sh, "running", shell_opt_bool(cmd, "running"), "paused",
                         shell_opt_bool(cmd, "paused")) ||
        shell_opt_string(sh, cmd, "file", &file) < 0)
        return false;
    ed.file = file;
    rc = shell_edit_xml(sh, extra_image_edit_get, extra_image_edit_define, &ed, false);
    if (rc == SHELL_EDIT_UNCHANGED) {
        shell_print_extra(sh, "Saved image %s XML configuration not changed.\n", file);
        return true;
    }
    if (rc != SHELL_EDIT_DEFINED && !extra_edit_fell_through(&ed))
        return false;
    shell_print_extra(sh, "State file %s edited.\n", file);
    return true;
}

/* ---- desc and metadata ---- */

/* The text of the first <title> or <description> of the domain's XML, the
 * way virsh falls back when the driver has no metadata call. */
static char *
extra_desc_from_xml(Shell *sh, virDomainPtr dom, bool title, unsigned int flags)
{
    xmlXPathContextPtr ctxt;
    xmlXPathObjectPtr obj;
    xmlDocPtr doc;
    char *xml, *text;

    if (!(xml = virDomainGetXMLDesc(dom, flags))) {
        shell_error_save(sh);
        return NULL;
    }
    doc = xmlReadDoc((const xmlChar *)xml, "domain.xml", NULL,
                     XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    free(xml);
    if (!doc || !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        shell_error_set(sh, VIR_ERR_XML_ERROR, "%s", "failed to parse xml document");
        return NULL;
    }
    if (!(ctxt = xmlXPathNewContext(doc)))
        abort();
    ctxt->node = xmlDocGetRootElement(doc);
    obj = xmlXPathEval((const xmlChar *)(title ? "string(./title[1])"
                                               : "string(./description[1])"), ctxt);
    text = strdup(obj && obj->type == XPATH_STRING && obj->stringval
                  ? (const char *)obj->stringval : "");
    if (!text)
        abort();
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return text;
}

/* The domain's current title or description ("" when it has none), or
 * NULL with the error kept. */
static char *
extra_desc_get(Shell *sh, virDomainPtr dom, bool title, unsigned int flags)
{
    int type = title ? VIR_DOMAIN_METADATA_TITLE : VIR_DOMAIN_METADATA_DESCRIPTION;
    char *text;

    if ((text = virDomainGetMetadata(dom, type, NULL, flags)))
        return text;
    shell_error_save(sh);
    if (shell_error_code(sh) == VIR_ERR_NO_DOMAIN_METADATA) {
        shell_error_reset(sh);
        if (!(text = strdup("")))
            abort();
        return text;
    }
    if (shell_error_code(sh) != VIR_ERR_NO_SUPPORT)
        return NULL;
    shell_error_reset(sh);
    return extra_desc_from_xml(sh, dom, title, flags);
}

/* The words of --new-desc joined by single blanks, or NULL when none. */
static char *
extra_desc_join(const ShellCmd *cmd)
{
    size_t n, len = 0;
    const char **words = extra_argv(cmd, "new-desc", &n);
    char *text, *p;

    if (n == 0) {
        free(words);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        len += strlen(words[i]) + 1;
    if (!(text = malloc(len + 1)))
        abort();
    p = text;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(words[i]);

        memcpy(p, words[i], l);
        p += l;
        *p++ = ' ';
    }
    /* only the one blank added after the last word goes */
    p[-1] = '\0';
    free(words);
    return text;
}

/* The setting half of desc: @text (NULL: the current text) goes to the
 * domain, through the editor first with --edit. */
static bool
extra_desc_set(Shell *sh, const ShellCmd *cmd, virDomainPtr dom, bool title,
               unsigned int query, unsigned int flags, const char *text)
{
    ExtraEdit ed = { 0 };
    char *current;
    bool ok = false;

    if (!(current = extra_desc_get(sh, dom, title, query)))
        return false;
    if (shell_opt_bool(cmd, "edit")) {
        ed.sh = sh;
        ed.dom = dom;
        ed.text = text ? text : current;
        ed.current = current;
        ed.title = title;
        ed.flags = flags;
        if (shell_edit_xml(sh, extra_desc_edit_get, extra_desc_edit_define, &ed, true) !=
            SHELL_EDIT_DEFINED)
            goto cleanup;
        if (ed.unchanged) {
            shell_print_extra(sh, "%s", title ? "Domain title not changed\n"
                                              : "Domain description not changed\n");
            ok = true;
            goto cleanup;
        }
    } else if (virDomainSetMetadata(dom, title ? VIR_DOMAIN_METADATA_TITLE
                                               : VIR_DOMAIN_METADATA_DESCRIPTION,
                                    text ? text : current, NULL, NULL, flags) < 0) {
        shell_error_save(sh);
        ed.set_failed = true;
    }
    if (ed.set_failed) {
        shell_error(sh, "%s", title ? "Failed to set new domain title"
                                    : "Failed to set new domain description");
        goto cleanup;
    }
    shell_print_extra(sh, "%s", title ? "Domain title updated successfully"
                                      : "Domain description updated successfully");
    ok = true;

 cleanup:
    free(current);
    return ok;
}

static bool
cmd_desc(Shell *sh, const ShellCmd *cmd)
{
    bool title = shell_opt_bool(cmd, "title");
    unsigned int flags, query;
    char *text = NULL;
    virDomainPtr dom;
    bool ok = false;
    int state;

    if (!extra_affect_flags(sh, cmd, VIR_DOMAIN_AFFECT_CURRENT, &flags))
        return false;
    /* virsh asks for the inactive XML with --config; the flag has the
     * same value as VIR_DOMAIN_AFFECT_CONFIG, which the metadata call
     * takes the same way */
    query = shell_opt_bool(cmd, "config") ? VIR_DOMAIN_XML_INACTIVE : 0;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (virDomainGetState(dom, &state, NULL, 0) < 0) {
        virDomainInfo info;

        shell_error_save(sh);
        if (shell_error_code(sh) != VIR_ERR_NO_SUPPORT || virDomainGetInfo(dom, &info) < 0)
            goto cleanup;
        shell_error_reset(sh);
    }
    text = extra_desc_join(cmd);
    if (text || shell_opt_bool(cmd, "edit")) {
        if (!extra_desc_set(sh, cmd, dom, title, query, flags, text))
            goto cleanup;
    } else {
        if (!(text = extra_desc_get(sh, dom, title, query)))
            goto cleanup;
        if (*text)
            shell_print(sh, "%s", text);
        else
            shell_print_extra(sh, title ? "No title for domain: %s"
                                        : "No description for domain: %s",
                              virDomainGetName(dom));
    }
    ok = true;

 cleanup:
    free(text);
    virDomainFree(dom);
    return ok;
}

static bool
cmd_metadata(Shell *sh, const ShellCmd *cmd)
{
    bool edit = shell_opt_bool(cmd, "edit"), rem = shell_opt_bool(cmd, "remove");
    const char *uri, *key, *set;
    virDomainPtr dom;
    unsigned int flags;
    bool ok = false;

    if (!extra_affect_flags(sh, cmd, VIR_DOMAIN_AFFECT_CURRENT, &flags) ||
        !shell_exclusive(sh, "edit", edit, "set", shell_opt_bool(cmd, "set")) ||
        !shell_exclusive(sh, "remove", rem, "set", shell_opt_bool(cmd, "set")) ||
        !shell_exclusive(sh, "remove", rem, "edit", edit))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_string(sh, cmd, "uri", &uri) < 0 ||
        shell_opt_string(sh, cmd, "key", &key) < 0 ||
        shell_opt_string(sh, cmd, "set", &set) < 0)
        goto cleanup;
    if ((set || edit) && !key) {
        shell_error(sh, "%s", "namespace key is required when modifying metadata");
        goto cleanup;
    }
    if (set || rem) {
        if (virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, set, key, uri, flags) != 0) {
            shell_error_save(sh);
            goto cleanup;
        }
        shell_print_extra(sh, "%s\n", rem ? "Metadata removed" : "Metadata modified");
    } else if (edit) {
        ExtraEdit ed = { 0 };
        int rc;

        ed.sh = sh;
        ed.dom = dom;
        ed.uri = uri;
        ed.key = key;
        ed.flags = flags;
        rc = shell_edit_xml(sh, extra_metadata_edit_get, extra_metadata_edit_define, &ed,
                            false);
        if (rc == SHELL_EDIT_UNCHANGED) {
            shell_print_extra(sh, "%s", "Metadata not changed");
            ok = true;
            goto cleanup;
        }
        if (rc != SHELL_EDIT_DEFINED && !extra_edit_fell_through(&ed))
            goto cleanup;
        shell_print_extra(sh, "%s\n", "Metadata modified");
    } else {
        char *data = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, uri, flags);

        if (!data) {
            shell_error_save(sh);
            goto cleanup;
        }
        shell_print(sh, "%s\n", data);
        free(data);
    }
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

/* ---- jobs ---- */

/* The job statistics' field names (libvirt's VIR_DOMAIN_JOB_* strings,
 * which vireo's public headers do not spell out). */
#define JOB_F_OPERATION                      "operation"
#define JOB_F_TIME_ELAPSED                   "time_elapsed"
#define JOB_F_TIME_ELAPSED_NET               "time_elapsed_net"
#define JOB_F_TIME_REMAINING                 "time_remaining"
#define JOB_F_DOWNTIME                       "downtime"
#define JOB_F_DOWNTIME_NET                   "downtime_net"
#define JOB_F_SETUP_TIME                     "setup_time"
#define JOB_F_DATA_TOTAL                     "data_total"
#define JOB_F_DATA_PROCESSED                 "data_processed"
#define JOB_F_DATA_REMAINING                 "data_remaining"
#define JOB_F_MEMORY_TOTAL                   "memory_total"
#define JOB_F_MEMORY_PROCESSED               "memory_processed"
#define JOB_F_MEMORY_REMAINING               "memory_remaining"
#define JOB_F_MEMORY_CONSTANT                "memory_constant"
#define JOB_F_MEMORY_NORMAL                  "memory_normal"
#define JOB_F_MEMORY_NORMAL_BYTES            "memory_normal_bytes"
#define JOB_F_MEMORY_BPS                     "memory_bps"
#define JOB_F_MEMORY_DIRTY_RATE              "memory_dirty_rate"
#define JOB_F_MEMORY_PAGE_SIZE               "memory_page_size"
#define JOB_F_MEMORY_ITERATION               "memory_iteration"
#define JOB_F_MEMORY_POSTCOPY_REQS           "memory_postcopy_requests"
#define JOB_F_DISK_TOTAL                     "disk_total"
#define JOB_F_DISK_PROCESSED                 "disk_processed"
#define JOB_F_DISK_REMAINING                 "disk_remaining"
#define JOB_F_DISK_BPS                       "disk_bps"
#define JOB_F_COMPRESSION_CACHE              "compression_cache"
#define JOB_F_COMPRESSION_BYTES              "compression_bytes"
#define JOB_F_COMPRESSION_PAGES              "compression_pages"
#define JOB_F_COMPRESSION_CACHE_MISSES       "compression_cache_misses"
#define JOB_F_COMPRESSION_OVERFLOW           "compression_overflow"
#define JOB_F_AUTO_CONVERGE_THROTTLE         "auto_converge_throttle"
#define JOB_F_ERRMSG                         "errmsg"
#define JOB_F_DISK_TEMP_USED                 "disk_temp_used"
#define JOB_F_DISK_TEMP_TOTAL                "disk_temp_total"

static const char *const job_types[] = {
    "None", "Bounded", "Unbounded", "Completed", "Failed", "Cancelled",
};

static const char *const job_operations[] = {
    "Unknown", "Start", "Save", "Restore", "Incoming migration", "Outgoing migration",
    "Snapshot", "Snapshot revert", "Dump", "Backup", "Snapshot delete",
};

/* One line of domjobinfo that comes from an optional typed parameter. */
typedef enum {
    JOB_LINE_COUNT,    /* "%-12llu<suffix>" */
    JOB_LINE_COUNT13,  /* "%-13llu" */
    JOB_LINE_SIZE,     /* pretty capacity */
    JOB_LINE_RATE,     /* pretty capacity per second, only when non-zero */
    JOB_LINE_INT13,    /* "%-13d" of an int parameter */
} JobLineKind;

typedef struct JobLine {
    const char *field;
    const char *label;
    JobLineKind kind;
    const char *suffix;
} JobLine;

/* The memory lines shown when any memory figure is non-zero. */
static const JobLine job_memory_lines[] = {
    { JOB_F_MEMORY_BPS, "Memory bandwidth:", JOB_LINE_RATE, NULL },
    { JOB_F_MEMORY_DIRTY_RATE, "Dirty rate:", JOB_LINE_COUNT, " pages/s" },
    { JOB_F_MEMORY_PAGE_SIZE, "Page size:", JOB_LINE_COUNT, " bytes" },
    { JOB_F_MEMORY_ITERATION, "Iteration:", JOB_LINE_COUNT, "" },
    { JOB_F_MEMORY_POSTCOPY_REQS, "Postcopy requests:", JOB_LINE_COUNT, "" },
};

/* The lines after the downtime, always looked for. */
static const JobLine job_tail_lines[] = {
    { JOB_F_DOWNTIME_NET, "Downtime w/o network:", JOB_LINE_COUNT, " ms" },
    { JOB_F_SETUP_TIME, "Setup time:", JOB_LINE_COUNT, " ms" },
    { JOB_F_COMPRESSION_CACHE, "Compression cache:", JOB_LINE_SIZE, NULL },
    { JOB_F_COMPRESSION_BYTES, "Compressed data:", JOB_LINE_SIZE, NULL },
    { JOB_F_COMPRESSION_PAGES, "Compressed pages:", JOB_LINE_COUNT13, NULL },
    { JOB_F_COMPRESSION_CACHE_MISSES, "Compression cache misses:", JOB_LINE_COUNT13,
      NULL },
    { JOB_F_COMPRESSION_OVERFLOW, "Compression overflows:", JOB_LINE_COUNT13, NULL },
    { JOB_F_AUTO_CONVERGE_THROTTLE, "Auto converge throttle:", JOB_LINE_INT13, NULL },
    { JOB_F_DISK_TEMP_USED, "Temporary disk space use:", JOB_LINE_SIZE, NULL },
    { JOB_F_DISK_TEMP_TOTAL, "Temporary disk space total:", JOB_LINE_SIZE, NULL },
};

/* Prints @lines whose parameter is present. Returns false (error kept)
 * when a parameter has the wrong type. */
static bool
extra_job_lines(Shell *sh, virTypedParameterPtr params, int n, const JobLine *lines,
                size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const JobLine *l = &lines[i];
        unsigned long long v = 0;
        const char *unit;
        int iv = 0, rc;

        if (l->kind == JOB_LINE_INT13)
            rc = virTypedParamsGetInt(params, n, l->field, &iv);
        else
            rc = virTypedParamsGetULLong(params, n, l->field, &v);
        if (rc < 0) {
            shell_error_save(sh);
            return false;
        }
        if (rc == 0)
            continue;
        switch (l->kind) {
        case JOB_LINE_COUNT:
            shell_print(sh, "%-17s %-12llu%s\n", l->label, v, l->suffix);
            break;
        case JOB_LINE_COUNT13:
            shell_print(sh, "%-17s %-13llu\n", l->label, v);
            break;
        case JOB_LINE_SIZE: {
            double d = shell_pretty_capacity(v, &unit);

            shell_print(sh, "%-17s %-.3lf %s\n", l->label, d, unit);
            break;
        }
        case JOB_LINE_RATE:
            if (v) {
                double d = shell_pretty_capacity(v, &unit);

                shell_print(sh, "%-17s %-.3lf %s/s\n", l->label, d, unit);
            }
            break;
        case JOB_LINE_INT13:
            shell_print(sh, "%-17s %-13d\n", l->label, iv);
            break;
        }
    }
    return true;
}

/* The processed/remaining/total triple of one kind of data. */
static void
extra_job_triple(Shell *sh, const char *what, unsigned long long processed,
                 unsigned long long remaining, unsigned long long total)
{
    const unsigned long long v[3] = { processed, remaining, total };
    static const char *const words[3] = { "processed:", "remaining:", "total:" };

    if (!processed && !remaining && !total)
        return;
    for (size_t i = 0; i < 3; i++) {
        char label[32];
        const char *unit;
        double d = shell_pretty_capacity(v[i], &unit);

        snprintf(label, sizeof(label), "%s %s", what, words[i]);
        shell_print(sh, "%-17s %-.3lf %s\n", label, d, unit);
    }
}

/* A typed parameter's value as libvirt's own formatter writes it. */
static void
extra_param_print(Shell *sh, const virTypedParameter *p)
{
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        shell_print(sh, "%s: %d\n", p->field, p->value.i);
        break;
    case VIR_TYPED_PARAM_UINT:
        shell_print(sh, "%s: %u\n", p->field, p->value.ui);
        break;
    case VIR_TYPED_PARAM_LLONG:
        shell_print(sh, "%s: %lld\n", p->field, p->value.l);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        shell_print(sh, "%s: %llu\n", p->field, p->value.ul);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        shell_print(sh, "%s: %g\n", p->field, p->value.d);
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        shell_print(sh, "%s: %d\n", p->field, p->value.b);
        break;
    case VIR_TYPED_PARAM_STRING:
        shell_print(sh, "%s: %s\n", p->field, p->value.s ? p->value.s : "<null>");
        break;
    default:
        shell_print(sh, "%s: <null>\n", p->field);
        break;
    }
}

/* Fills the fixed job figures from the statistics; false (kept) on a
 * parameter of the wrong type. */
static bool
extra_job_info_from_stats(Shell *sh, virTypedParameterPtr params, int n, virDomainJobInfo *info)
{
    const struct { const char *field; unsigned long long *dst; } map[] = {
        { JOB_F_TIME_ELAPSED, &info->timeElapsed },
        { JOB_F_TIME_REMAINING, &info->timeRemaining },
        { JOB_F_DATA_TOTAL, &info->dataTotal },
        { JOB_F_DATA_PROCESSED, &info->dataProcessed },
        { JOB_F_DATA_REMAINING, &info->dataRemaining },
        { JOB_F_MEMORY_TOTAL, &info->memTotal },
        { JOB_F_MEMORY_PROCESSED, &info->memProcessed },
        { JOB_F_MEMORY_REMAINING, &info->memRemaining },
        { JOB_F_DISK_TOTAL, &info->fileTotal },
        { JOB_F_DISK_PROCESSED, &info->fileProcessed },
        { JOB_F_DISK_REMAINING, &info->fileRemaining },
    };

    for (size_t i = 0; i < N_ELEMS(map); i++) {
        if (virTypedParamsGetULLong(params, n, map[i].field, map[i].dst) < 0) {
            shell_error_save(sh);
            return false;
        }
    }
    return true;
}

/* The body of domjobinfo after the job type line. */
static bool
extra_job_print(Shell *sh, const ShellCmd *cmd, virTypedParameterPtr params, int n,
                const virDomainJobInfo *info, unsigned int flags)
{
    int op = 0;
    unsigned long long v;
    const char *s;
    int rc;

    if (virTypedParamsGetInt(params, n, JOB_F_OPERATION, &op) < 0)
        goto error;
    shell_print(sh, "%-17s %-12s\n", "Operation:",
                op >= 0 && (size_t)op < N_ELEMS(job_operations) ? job_operations[op] : "unknown");
    if (!shell_opt_bool(cmd, "anystats") && info->type != VIR_DOMAIN_JOB_BOUNDED &&
        info->type != VIR_DOMAIN_JOB_UNBOUNDED &&
        (!(flags & VIR_DOMAIN_JOB_STATS_COMPLETED) || info->type != VIR_DOMAIN_JOB_COMPLETED))
        return true;
    shell_print(sh, "%-17s %-12llu ms\n", "Time elapsed:", info->timeElapsed);
    if ((rc = virTypedParamsGetULLong(params, n, JOB_F_TIME_ELAPSED_NET, &v)) < 0)
        goto error;
    if (rc)
        shell_print(sh, "%-17s %-12llu ms\n", "Time elapsed w/o network:", v);
    if (info->type == VIR_DOMAIN_JOB_BOUNDED)
        shell_print(sh, "%-17s %-12llu ms\n", "Time remaining:", info->timeRemaining);
    extra_job_triple(sh, "Data", info->dataProcessed, info->dataRemaining, info->dataTotal);
    if (info->memTotal || info->memRemaining || info->memProcessed) {
        extra_job_triple(sh, "Memory", info->memProcessed, info->memRemaining, info->memTotal);
        if (!extra_job_lines(sh, params, n, job_memory_lines, N_ELEMS(job_memory_lines)))
            return false;
    }
    if (info->fileTotal || info->fileRemaining || info->fileProcessed) {
        static const JobLine disk_bps = { JOB_F_DISK_BPS, "File bandwidth:",
                                          JOB_LINE_RATE, NULL };

        extra_job_triple(sh, "File", info->fileProcessed, info->fileRemaining, info->fileTotal);
        if (!extra_job_lines(sh, params, n, &disk_bps, 1))
            return false;
    }
    {
        static const JobLine pages[] = {
            { JOB_F_MEMORY_CONSTANT, "Constant pages:", JOB_LINE_COUNT, "" },
            { JOB_F_MEMORY_NORMAL, "Normal pages:", JOB_LINE_COUNT, "" },
            { JOB_F_MEMORY_NORMAL_BYTES, "Normal data:", JOB_LINE_SIZE, NULL },
        };

        if (!extra_job_lines(sh, params, n, pages, N_ELEMS(pages)))
            return false;
    }
    if ((rc = virTypedParamsGetULLong(params, n, JOB_F_DOWNTIME, &v)) < 0)
        goto error;
    if (rc)
        shell_print(sh, "%-17s %-12llu ms\n", info->type == VIR_DOMAIN_JOB_COMPLETED
                    ? "Total downtime:" : "Expected downtime:", v);
    if (!extra_job_lines(sh, params, n, job_tail_lines, N_ELEMS(job_tail_lines)))
        return false;
    if ((rc = virTypedParamsGetString(params, n, JOB_F_ERRMSG, &s)) < 0)
        goto error;
    if (rc == 1)
        shell_print(sh, "%-17s %s\n", "Error message:", s);
    return true;

 error:
    shell_error_save(sh);
    return false;
}

static bool
cmd_domjobinfo(Shell *sh, const ShellCmd *cmd)
{
    bool rawstats = shell_opt_bool(cmd, "rawstats");
    virTypedParameterPtr params = NULL;
    virDomainJobInfo info;
    unsigned int flags = 0;
    virDomainPtr dom;
    bool ok = false;
    int n = 0, rc;

    if (!shell_requires(sh, "keep-completed", shell_opt_bool(cmd, "keep-completed"),
                        "completed", shell_opt_bool(cmd, "completed")))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_bool(cmd, "completed"))
        flags |= VIR_DOMAIN_JOB_STATS_COMPLETED;
    if (shell_opt_bool(cmd, "keep-completed"))
        flags |= VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED;
    memset(&info, 0, sizeof(info));
    rc = virDomainGetJobStats(dom, &info.type, &params, &n, flags);
    if (rc == 0) {
        if (!extra_job_info_from_stats(sh, params, n, &info))
            goto cleanup;
    } else {
        shell_error_save(sh);
        if (shell_error_code(sh) == VIR_ERR_NO_SUPPORT) {
            if (flags || rawstats) {
                shell_error(sh, "%s",
                            "Optional flags or --rawstats are not supported by the daemon");
                goto cleanup;
            }
            shell_error_reset(sh);
            if ((rc = virDomainGetJobInfo(dom, &info)) < 0)
                shell_error_save(sh);
        }
    }
    if (rc < 0)
        goto cleanup;
    if (rawstats) {
        shell_print(sh, "Job type: %d\n\n", info.type);
        for (int i = 0; i < n; i++)
            extra_param_print(sh, &params[i]);
        ok = true;
        goto cleanup;
    }
    shell_print(sh, "%-17s %-12s\n", "Job type:",
                info.type >= 0 && (size_t)info.type < N_ELEMS(job_types)
                ? job_types[info.type] : "unknown");
    ok = info.type == VIR_DOMAIN_JOB_NONE || extra_job_print(sh, cmd, params, n, &info, flags);

 cleanup:
    virTypedParamsFree(params, n);
    virDomainFree(dom);
    return ok;
}

/* ---- one-shot guest actions ---- */

static bool
cmd_reset(Shell *sh, const ShellCmd *cmd)
{
    const char *name;
    virDomainPtr dom;
    bool ok;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, &name)))
        return false;
    if ((ok = virDomainReset(dom, 0) == 0)) {
        shell_print_extra(sh, "Domain '%s' was reset\n", name);
    } else {
        shell_error_save(sh);
        shell_error(sh, "Failed to reset domain '%s'", name);
    }
    virDomainFree(dom);
    return ok;
}

static bool
cmd_inject_nmi(Shell *sh, const ShellCmd *cmd)
{
    virDomainPtr dom;
    bool ok;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (!(ok = virDomainInjectNMI(dom, 0) == 0))
        shell_error_save(sh);
    virDomainFree(dom);
    return ok;
}

static const ExtraWord lifecycle_types[] = {
    { "poweroff", VIR_DOMAIN_LIFECYCLE_POWEROFF },
    { "reboot", VIR_DOMAIN_LIFECYCLE_REBOOT },
    { "crash", VIR_DOMAIN_LIFECYCLE_CRASH },
};

static const ExtraWord lifecycle_actions[] = {
    { "destroy", VIR_DOMAIN_LIFECYCLE_ACTION_DESTROY },
    { "restart", VIR_DOMAIN_LIFECYCLE_ACTION_RESTART },
    { "rename-restart", VIR_DOMAIN_LIFECYCLE_ACTION_RESTART_RENAME },
    { "preserve", VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE },
    { "coredump-destroy", VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_DESTROY },
    { "coredump-restart", VIR_DOMAIN_LIFECYCLE_ACTION_COREDUMP_RESTART },
};

static bool
cmd_set_lifecycle_action(Shell *sh, const ShellCmd *cmd)
{
    const char *type_word, *action_word;
    unsigned int flags;
    int type, action;
    virDomainPtr dom;
    bool ok;

    if (!extra_affect_flags(sh, cmd, 0, &flags) ||
        shell_opt_string(sh, cmd, "type", &type_word) < 0 ||
        shell_opt_string(sh, cmd, "action", &action_word) < 0)
        return false;
    if ((type = extra_word_find(lifecycle_types, N_ELEMS(lifecycle_types), type_word)) < 0) {
        shell_error(sh, "Invalid lifecycle type '%s'.", type_word);
        return false;
    }
    if ((action = extra_word_find(lifecycle_actions, N_ELEMS(lifecycle_actions),
                                  action_word)) < 0) {
        shell_error(sh, "Invalid lifecycle action '%s'.", action_word);
        return false;
    }
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (!(ok = virDomainSetLifecycleAction(dom, (unsigned int)type, (unsigned int)action,
                                           flags) == 0)) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to change lifecycle action.");
    }
    virDomainFree(dom);
    return ok;
}

static bool
cmd_domhostname(Shell *sh, const ShellCmd *cmd)
{
    static const ExtraWord sources[] = {
        { "agent", VIR_DOMAIN_GET_HOSTNAME_AGENT },
        { "lease", VIR_DOMAIN_GET_HOSTNAME_LEASE },
    };
    const char *source;
    unsigned int flags = 0;
    virDomainPtr dom;
    char *hostname;
    bool ok = false;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_string(sh, cmd, "source", &source) < 0)
        goto cleanup;
    if (source) {
        int f = extra_word_find(sources, N_ELEMS(sources), source);

        if (f < 0) {
            shell_error(sh, "Unknown data source '%s'", source);
            goto cleanup;
        }
        flags = (unsigned int)f;
    }
    if (!(hostname = virDomainGetHostname(dom, flags))) {
        shell_error_save(sh);
        shell_error(sh, "%s", "failed to get hostname");
        goto cleanup;
    }
    shell_print(sh, "%s\n", hostname);
    free(hostname);
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

static bool
cmd_set_user_password(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = shell_opt_bool(cmd, "encrypted") ? VIR_DOMAIN_PASSWORD_ENCRYPTED : 0;
    const char *user, *password, *name;
    virDomainPtr dom;
    bool ok;

    if (shell_opt_string(sh, cmd, "user", &user) < 0 ||
        shell_opt_string(sh, cmd, "password", &password) < 0)
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, &name)))
        return false;
    if ((ok = virDomainSetUserPassword(dom, user, password, flags) == 0))
        shell_print_extra(sh, "Password set successfully for %s in %s", user, name);
    else
        shell_error_save(sh);
    virDomainFree(dom);
    return ok;
}

/* ---- guest file systems ---- */

static bool
cmd_domfstrim(Shell *sh, const ShellCmd *cmd)
{
    unsigned long long minimum = 0;
    const char *mountpoint;
    virDomainPtr dom;
    bool ok = false;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (extra_opt_ull(sh, cmd, "minimum", &minimum) < 0 ||
        shell_opt_string(sh, cmd, "mountpoint", &mountpoint) < 0)
        goto cleanup;
    if (virDomainFSTrim(dom, mountpoint, minimum, 0) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to invoke fstrim");
        goto cleanup;
    }
    ok = true;

 cleanup:
    virDomainFree(dom);
    return ok;
}

/* domfsfreeze and domfsthaw differ in the call and the words. */
static bool
extra_fs_freeze_thaw(Shell *sh, const ShellCmd *cmd, bool freeze)
{
    const char **mountpoints;
    virDomainPtr dom;
    size_t n;
    int count;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    mountpoints = extra_argv(cmd, "mountpoint", &n);
    if (freeze)
        count = virDomainFSFreeze(dom, n ? mountpoints : NULL, (unsigned int)n, 0);
    else
        count = virDomainFSThaw(dom, n ? mountpoints : NULL, (unsigned int)n, 0);
    free(mountpoints);
    virDomainFree(dom);
    if (count < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", freeze ? "Unable to freeze filesystems"
                                     : "Unable to thaw filesystems");
        return false;
    }
    shell_print_extra(sh, freeze ? "Froze %d filesystem(s)\n" : "Thawed %d filesystem(s)\n",
                      count);
    return true;
}

static bool
cmd_domfsfreeze(Shell *sh, const ShellCmd *cmd)
{
    return extra_fs_freeze_thaw(sh, cmd, true);
}

static bool
cmd_domfsthaw(Shell *sh, const ShellCmd *cmd)
{
    return extra_fs_freeze_thaw(sh, cmd, false);
}

static bool
cmd_domfsinfo(Shell *sh, const ShellCmd *cmd)
{
    virDomainFSInfoPtr *info = NULL;
    ShellTable *table;
    virDomainPtr dom;
    int n;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    n = virDomainGetFSInfo(dom, &info, 0);
    virDomainFree(dom);
    if (n < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to get filesystem information");
        return false;
    }
    if (n == 0) {
        shell_print_extra(sh, "%s", "No filesystems are mounted in the domain");
        free(info);
        return true;
    }
    table = shell_table_new("Mountpoint", "Name", "Type", "Target", NULL);
    for (int i = 0; i < n; i++) {
        size_t len = 1;
        char *targets;

        for (size_t j = 0; j < info[i]->ndevAlias; j++)
            len += strlen(info[i]->devAlias[j]) + 1;
        if (!(targets = calloc(1, len)))
            abort();
        for (size_t j = 0; j < info[i]->ndevAlias; j++) {
            if (j)
                strcat(targets, ",");
            strcat(targets, info[i]->devAlias[j]);
        }
        shell_table_add(table, info[i]->mountpoint, info[i]->name, info[i]->fstype, targets,
                        NULL);
        free(targets);
        virDomainFSInfoFree(info[i]);
    }
    free(info);
    shell_table_print(sh, table);
    shell_table_free(table);
    return true;
}

/* ---- send-key ---- */

/* Key names per codeset, with the code each name stands for in that
 * codeset. Only linux, os_x and win32 have names (as in libvirt); the
 * lists come from keycodemapdb's keymaps.csv, the table every keyboard
 * tool shares, in its order, first spelling wins. */
static const ExtraWord keys_linux[] = {
    { "KEY_RESERVED", 0 }, { "KEY_ESC", 1 }, { "KEY_1", 2 }, { "KEY_2", 3 }, { "KEY_3", 4 },
    { "KEY_4", 5 }, { "KEY_5", 6 }, { "KEY_6", 7 }, { "KEY_7", 8 }, { "KEY_8", 9 },
    { "KEY_9", 10 }, { "KEY_0", 11 }, { "KEY_MINUS", 12 }, { "KEY_EQUAL", 13 },
    { "KEY_BACKSPACE", 14 }, { "KEY_TAB", 15 }, { "KEY_Q", 16 }, { "KEY_W", 17 }, { "KEY_E", 18 },
    { "KEY_R", 19 }, { "KEY_T", 20 }, { "KEY_Y", 21 }, { "KEY_U", 22 }, { "KEY_I", 23 },
    { "KEY_O", 24 }, { "KEY_P", 25 }, { "KEY_LEFTBRACE", 26 }, { "KEY_RIGHTBRACE", 27 },
    { "KEY_ENTER", 28 }, { "KEY_LEFTCTRL", 29 }, { "KEY_A", 30 }, { "KEY_S", 31 }, { "KEY_D", 32 },
    { "KEY_F", 33 }, { "KEY_G", 34 }, { "KEY_H", 35 }, { "KEY_J", 36 }, { "KEY_K", 37 },
    { "KEY_L", 38 }, { "KEY_SEMICOLON", 39 }, { "KEY_APOSTROPHE", 40 }, { "KEY_GRAVE", 41 },
    { "KEY_LEFTSHIFT", 42 }, { "KEY_BACKSLASH", 43 }, { "KEY_Z", 44 }, { "KEY_X", 45 },
    { "KEY_C", 46 }, { "KEY_V", 47 }, { "KEY_B", 48 }, { "KEY_N", 49 }, { "KEY_M", 50 },
    { "KEY_COMMA", 51 }, { "KEY_DOT", 52 }, { "KEY_SLASH", 53 }, { "KEY_RIGHTSHIFT", 54 },
    { "KEY_KPASTERISK", 55 }, { "KEY_LEFTALT", 56 }, { "KEY_SPACE", 57 }, { "KEY_CAPSLOCK", 58 },
    { "KEY_F1", 59 }, { "KEY_F2", 60 }, { "KEY_F3", 61 }, { "KEY_F4", 62 }, { "KEY_F5", 63 },
    { "KEY_F6", 64 }, { "KEY_F7", 65 }, { "KEY_F8", 66 }, { "KEY_F9", 67 }, { "KEY_F10", 68 },
    { "KEY_NUMLOCK", 69 }, { "KEY_SCROLLLOCK", 70 }, { "KEY_KP7", 71 }, { "KEY_KP8", 72 },
    { "KEY_KP9", 73 }, { "KEY_KPMINUS", 74 }, { "KEY_KP4", 75 }, { "KEY_KP5", 76 },
    { "KEY_KP6", 77 }, { "KEY_KPPLUS", 78 }, { "KEY_KP1", 79 }, { "KEY_KP2", 80 },
    { "KEY_KP3", 81 }, { "KEY_KP0", 82 }, { "KEY_KPDOT", 83 }, { "KEY_ZENKAKUHANKAKU", 85 },
    { "KEY_102ND", 86 }, { "KEY_F11", 87 }, { "KEY_F12", 88 }, { "KEY_RO", 89 },
    { "KEY_KATAKANA", 90 }, { "KEY_HIRAGANA", 91 }, { "KEY_HENKAN", 92 },
    { "KEY_KATAKANAHIRAGANA", 93 }, { "KEY_MUHENKAN", 94 }, { "KEY_KPJPCOMMA", 95 },
    { "KEY_KPENTER", 96 }, { "KEY_RIGHTCTRL", 97 }, { "KEY_KPSLASH", 98 }, { "KEY_SYSRQ", 99 },
    { "KEY_RIGHTALT", 100 }, { "KEY_LINEFEED", 101 }, { "KEY_HOME", 102 }, { "KEY_UP", 103 },
    { "KEY_PAGEUP", 104 }, { "KEY_LEFT", 105 }, { "KEY_RIGHT", 106 }, { "KEY_END", 107 },
    { "KEY_DOWN", 108 }, { "KEY_PAGEDOWN", 109 }, { "KEY_INSERT", 110 }, { "KEY_DELETE", 111 },
    { "KEY_MACRO", 112 }, { "KEY_MUTE", 113 }, { "KEY_VOLUMEDOWN", 114 }, { "KEY_VOLUMEUP", 115 },
    { "KEY_POWER", 116 }, { "KEY_KPEQUAL", 117 }, { "KEY_KPPLUSMINUS", 118 }, { "KEY_PAUSE", 119 },
    { "KEY_SCALE", 120 }, { "KEY_KPCOMMA", 121 }, { "KEY_HANGEUL", 122 }, { "KEY_HANJA", 123 },
    { "KEY_YEN", 124 }, { "KEY_LEFTMETA", 125 }, { "KEY_RIGHTMETA", 126 }, { "KEY_COMPOSE", 127 },
    { "KEY_STOP", 128 }, { "KEY_AGAIN", 129 }, { "KEY_PROPS", 130 }, { "KEY_UNDO", 131 },
    { "KEY_FRONT", 132 }, { "KEY_COPY", 133 }, { "KEY_OPEN", 134 }, { "KEY_PASTE", 135 },
    { "KEY_FIND", 136 }, { "KEY_CUT", 137 }, { "KEY_HELP", 138 }, { "KEY_MENU", 139 },
    { "KEY_CALC", 140 }, { "KEY_SETUP", 141 }, { "KEY_SLEEP", 142 }, { "KEY_WAKEUP", 143 },
    { "KEY_FILE", 144 }, { "KEY_SENDFILE", 145 }, { "KEY_DELETEFILE", 146 }, { "KEY_XFER", 147 },
    { "KEY_PROG1", 148 }, { "KEY_PROG2", 149 }, { "KEY_WWW", 150 }, { "KEY_MSDOS", 151 },
    { "KEY_SCREENLOCK", 152 }, { "KEY_DIRECTION", 153 }, { "KEY_CYCLEWINDOWS", 154 },
    { "KEY_MAIL", 155 }, { "KEY_BOOKMARKS", 156 }, { "KEY_COMPUTER", 157 }, { "KEY_BACK", 158 },
    { "KEY_FORWARD", 159 }, { "KEY_CLOSECD", 160 }, { "KEY_EJECTCD", 161 },
    { "KEY_EJECTCLOSECD", 162 }, { "KEY_NEXTSONG", 163 }, { "KEY_PLAYPAUSE", 164 },
    { "KEY_PREVIOUSSONG", 165 }, { "KEY_STOPCD", 166 }, { "KEY_RECORD", 167 },
    { "KEY_REWIND", 168 }, { "KEY_PHONE", 169 }, { "KEY_ISO", 170 }, { "KEY_CONFIG", 171 },
    { "KEY_HOMEPAGE", 172 }, { "KEY_REFRESH", 173 }, { "KEY_EXIT", 174 }, { "KEY_MOVE", 175 },
    { "KEY_EDIT", 176 }, { "KEY_SCROLLUP", 177 }, { "KEY_SCROLLDOWN", 178 },
    { "KEY_KPLEFTPAREN", 179 }, { "KEY_KPRIGHTPAREN", 180 }, { "KEY_NEW", 181 },
    { "KEY_REDO", 182 }, { "KEY_F13", 183 }, { "KEY_F14", 184 }, { "KEY_F15", 185 },
    { "KEY_F16", 186 }, { "KEY_F17", 187 }, { "KEY_F18", 188 }, { "KEY_F19", 189 },
    { "KEY_F20", 190 }, { "KEY_F21", 191 }, { "KEY_F22", 192 }, { "KEY_F23", 193 },
    { "KEY_F24", 194 }, { "KEY_PLAYCD", 200 }, { "KEY_PAUSECD", 201 }, { "KEY_PROG3", 202 },
    { "KEY_PROG4", 203 }, { "KEY_DASHBOARD", 204 }, { "KEY_SUSPEND", 205 }, { "KEY_CLOSE", 206 },
    { "KEY_PLAY", 207 }, { "KEY_FASTFORWARD", 208 }, { "KEY_BASSBOOST", 209 },
    { "KEY_PRINT", 210 }, { "KEY_HP", 211 }, { "KEY_CAMERA", 212 }, { "KEY_SOUND", 213 },
    { "KEY_QUESTION", 214 }, { "KEY_EMAIL", 215 }, { "KEY_CHAT", 216 }, { "KEY_SEARCH", 217 },
    { "KEY_CONNECT", 218 }, { "KEY_FINANCE", 219 }, { "KEY_SPORT", 220 }, { "KEY_SHOP", 221 },
    { "KEY_ALTERASE", 222 }, { "KEY_CANCEL", 223 }, { "KEY_BRIGHTNESSDOWN", 224 },
    { "KEY_BRIGHTNESSUP", 225 }, { "KEY_MEDIA", 226 }, { "KEY_SWITCHVIDEOMODE", 227 },
    { "KEY_KBDILLUMTOGGLE", 228 }, { "KEY_KBDILLUMDOWN", 229 }, { "KEY_KBDILLUMUP", 230 },
    { "KEY_SEND", 231 }, { "KEY_REPLY", 232 }, { "KEY_FORWARDMAIL", 233 }, { "KEY_SAVE", 234 },
    { "KEY_DOCUMENTS", 235 }, { "KEY_BATTERY", 236 }, { "KEY_BLUETOOTH", 237 },
    { "KEY_WLAN", 238 }, { "KEY_UWB", 239 }, { "KEY_UNKNOWN", 240 }, { "KEY_VIDEO_NEXT", 241 },
    { "KEY_VIDEO_PREV", 242 }, { "KEY_BRIGHTNESS_CYCLE", 243 }, { "KEY_BRIGHTNESS_ZERO", 244 },
    { "KEY_DISPLAY_OFF", 245 }, { "KEY_WIMAX", 246 }, { "BTN_0", 256 }, { "BTN_1", 257 },
    { "BTN_2", 258 }, { "BTN_3", 259 }, { "BTN_4", 260 }, { "BTN_5", 261 }, { "BTN_6", 262 },
    { "BTN_7", 263 }, { "BTN_8", 264 }, { "BTN_9", 265 }, { "BTN_LEFT", 272 },
    { "BTN_RIGHT", 273 }, { "BTN_MIDDLE", 274 }, { "BTN_SIDE", 275 }, { "BTN_EXTRA", 276 },
    { "BTN_FORWARD", 277 }, { "BTN_BACK", 278 }, { "BTN_TASK", 279 }, { "BTN_TRIGGER", 288 },
    { "BTN_THUMB", 289 }, { "BTN_THUMB2", 290 }, { "BTN_TOP", 291 }, { "BTN_TOP2", 292 },
    { "BTN_PINKIE", 293 }, { "BTN_BASE", 294 }, { "BTN_BASE2", 295 }, { "BTN_BASE3", 296 },
    { "BTN_BASE4", 297 }, { "BTN_BASE5", 298 }, { "BTN_BASE6", 299 }, { "BTN_DEAD", 303 },
    { "BTN_A", 304 }, { "BTN_B", 305 }, { "BTN_C", 306 }, { "BTN_X", 307 }, { "BTN_Y", 308 },
    { "BTN_Z", 309 }, { "BTN_TL", 310 }, { "BTN_TR", 311 }, { "BTN_TL2", 312 }, { "BTN_TR2", 313 },
    { "BTN_SELECT", 314 }, { "BTN_START", 315 }, { "BTN_MODE", 316 }, { "BTN_THUMBL", 317 },
    { "BTN_THUMBR", 318 }, { "BTN_TOOL_PEN", 320 }, { "BTN_TOOL_RUBBER", 321 },
    { "BTN_TOOL_BRUSH", 322 }, { "BTN_TOOL_PENCIL", 323 }, { "BTN_TOOL_AIRBRUSH", 324 },
    { "BTN_TOOL_FINGER", 325 }, { "BTN_TOOL_MOUSE", 326 }, { "BTN_TOOL_LENS", 327 },
    { "BTN_TOUCH", 330 }, { "BTN_STYLUS", 331 }, { "BTN_STYLUS2", 332 },
    { "BTN_TOOL_DOUBLETAP", 333 }, { "BTN_TOOL_TRIPLETAP", 334 }, { "BTN_TOOL_QUADTAP", 335 },
    { "BTN_GEAR_DOWN", 336 }, { "BTN_GEAR_UP", 337 }, { "KEY_OK", 352 }, { "KEY_SELECT", 353 },
    { "KEY_GOTO", 354 }, { "KEY_CLEAR", 355 }, { "KEY_POWER2", 356 }, { "KEY_OPTION", 357 },
    { "KEY_INFO", 358 }, { "KEY_TIME", 359 }, { "KEY_VENDOR", 360 }, { "KEY_ARCHIVE", 361 },
    { "KEY_PROGRAM", 362 }, { "KEY_CHANNEL", 363 }, { "KEY_FAVORITES", 364 }, { "KEY_EPG", 365 },
    { "KEY_PVR", 366 }, { "KEY_MHP", 367 }, { "KEY_LANGUAGE", 368 }, { "KEY_TITLE", 369 },
    { "KEY_SUBTITLE", 370 }, { "KEY_ANGLE", 371 }, { "KEY_ZOOM", 372 }, { "KEY_MODE", 373 },
    { "KEY_KEYBOARD", 374 }, { "KEY_SCREEN", 375 }, { "KEY_PC", 376 }, { "KEY_TV", 377 },
    { "KEY_TV2", 378 }, { "KEY_VCR", 379 }, { "KEY_VCR2", 380 }, { "KEY_SAT", 381 },
    { "KEY_SAT2", 382 }, { "KEY_CD", 383 }, { "KEY_TAPE", 384 }, { "KEY_RADIO", 385 },
    { "KEY_TUNER", 386 }, { "KEY_PLAYER", 387 }, { "KEY_TEXT", 388 }, { "KEY_DVD", 389 },
    { "KEY_AUX", 390 }, { "KEY_MP3", 391 }, { "KEY_AUDIO", 392 }, { "KEY_VIDEO", 393 },
    { "KEY_DIRECTORY", 394 }, { "KEY_LIST", 395 }, { "KEY_MEMO", 396 }, { "KEY_CALENDAR", 397 },
    { "KEY_RED", 398 }, { "KEY_GREEN", 399 }, { "KEY_YELLOW", 400 }, { "KEY_BLUE", 401 },
    { "KEY_CHANNELUP", 402 }, { "KEY_CHANNELDOWN", 403 }, { "KEY_FIRST", 404 },
    { "KEY_LAST", 405 }, { "KEY_AB", 406 }, { "KEY_NEXT", 407 }, { "KEY_RESTART", 408 },
    { "KEY_SLOW", 409 }, { "KEY_SHUFFLE", 410 }, { "KEY_BREAK", 411 }, { "KEY_PREVIOUS", 412 },
    { "KEY_DIGITS", 413 }, { "KEY_TEEN", 414 }, { "KEY_TWEN", 415 }, { "KEY_VIDEOPHONE", 416 },
    { "KEY_GAMES", 417 }, { "KEY_ZOOMIN", 418 }, { "KEY_ZOOMOUT", 419 }, { "KEY_ZOOMRESET", 420 },
    { "KEY_WORDPROCESSOR", 421 }, { "KEY_EDITOR", 422 }, { "KEY_SPREADSHEET", 423 },
    { "KEY_GRAPHICSEDITOR", 424 }, { "KEY_PRESENTATION", 425 }, { "KEY_DATABASE", 426 },
    { "KEY_NEWS", 427 }, { "KEY_VOICEMAIL", 428 }, { "KEY_ADDRESSBOOK", 429 },
    { "KEY_MESSENGER", 430 }, { "KEY_DISPLAYTOGGLE", 431 }, { "KEY_SPELLCHECK", 432 },
    { "KEY_LOGOFF", 433 }, { "KEY_DOLLAR", 434 }, { "KEY_EURO", 435 }, { "KEY_FRAMEBACK", 436 },
    { "KEY_FRAMEFORWARD", 437 }, { "KEY_CONTEXT_MENU", 438 }, { "KEY_MEDIA_REPEAT", 439 },
    { "KEY_DEL_EOL", 448 }, { "KEY_DEL_EOS", 449 }, { "KEY_INS_LINE", 450 },
    { "KEY_DEL_LINE", 451 }, { "KEY_FN", 464 }, { "KEY_FN_ESC", 465 }, { "KEY_FN_F1", 466 },
    { "KEY_FN_F2", 467 }, { "KEY_FN_F3", 468 }, { "KEY_FN_F4", 469 }, { "KEY_FN_F5", 470 },
    { "KEY_FN_F6", 471 }, { "KEY_FN_F7", 472 }, { "KEY_FN_F8", 473 }, { "KEY_FN_F9", 474 },
    { "KEY_FN_F10", 475 }, { "KEY_FN_F11", 476 }, { "KEY_FN_F12", 477 }, { "KEY_FN_1", 478 },
    { "KEY_FN_2", 479 }, { "KEY_FN_D", 480 }, { "KEY_FN_E", 481 }, { "KEY_FN_F", 482 },
    { "KEY_FN_S", 483 }, { "KEY_FN_B", 484 }, { "KEY_BRL_DOT1", 497 }, { "KEY_BRL_DOT2", 498 },
    { "KEY_BRL_DOT3", 499 }, { "KEY_BRL_DOT4", 500 }, { "KEY_BRL_DOT5", 501 },
    { "KEY_BRL_DOT6", 502 }, { "KEY_BRL_DOT7", 503 }, { "KEY_BRL_DOT8", 504 },
    { "KEY_BRL_DOT9", 505 }, { "KEY_BRL_DOT10", 506 }, { "KEY_NUMERIC_0", 512 },
    { "KEY_NUMERIC_1", 513 }, { "KEY_NUMERIC_2", 514 }, { "KEY_NUMERIC_3", 515 },
    { "KEY_NUMERIC_4", 516 }, { "KEY_NUMERIC_5", 517 }, { "KEY_NUMERIC_6", 518 },
    { "KEY_NUMERIC_7", 519 }, { "KEY_NUMERIC_8", 520 }, { "KEY_NUMERIC_9", 521 },
    { "KEY_NUMERIC_STAR", 522 }, { "KEY_NUMERIC_POUND", 523 }, { "KEY_RFKILL", 524 },
};

static const ExtraWord keys_osx[] = {
    { "Escape", 53 }, { "ANSI_1", 18 }, { "ANSI_2", 19 }, { "ANSI_3", 20 }, { "ANSI_4", 21 },
    { "ANSI_5", 23 }, { "ANSI_6", 22 }, { "ANSI_7", 26 }, { "ANSI_8", 28 }, { "ANSI_9", 25 },
    { "ANSI_0", 29 }, { "ANSI_Minus", 27 }, { "ANSI_Equal", 24 }, { "Delete", 51 }, { "Tab", 48 },
    { "ANSI_Q", 12 }, { "ANSI_W", 13 }, { "ANSI_E", 14 }, { "ANSI_R", 15 }, { "ANSI_T", 17 },
    { "ANSI_Y", 16 }, { "ANSI_U", 32 }, { "ANSI_I", 34 }, { "ANSI_O", 31 }, { "ANSI_P", 35 },
    { "ANSI_LeftBracket", 33 }, { "ANSI_RightBracket", 30 }, { "Return", 36 }, { "Control", 59 },
    { "ANSI_A", 0 }, { "ANSI_S", 1 }, { "ANSI_D", 2 }, { "ANSI_F", 3 }, { "ANSI_G", 5 },
    { "ANSI_H", 4 }, { "ANSI_J", 38 }, { "ANSI_K", 40 }, { "ANSI_L", 37 },
    { "ANSI_Semicolon", 41 }, { "ANSI_Quote", 39 }, { "ANSI_Grave", 50 }, { "Shift", 56 },
    { "ANSI_Backslash", 42 }, { "ANSI_Z", 6 }, { "ANSI_X", 7 }, { "ANSI_C", 8 }, { "ANSI_V", 9 },
    { "ANSI_B", 11 }, { "ANSI_N", 45 }, { "ANSI_M", 46 }, { "ANSI_Comma", 43 },
    { "ANSI_Period", 47 }, { "ANSI_Slash", 44 }, { "RightShift", 60 },
    { "ANSI_KeypadMultiply", 67 }, { "Option", 58 }, { "Space", 49 }, { "CapsLock", 57 },
    { "F1", 122 }, { "F2", 120 }, { "F3", 99 }, { "F4", 118 }, { "F5", 96 }, { "F6", 97 },
    { "F7", 98 }, { "F8", 100 }, { "F9", 101 }, { "F10", 109 }, { "ANSI_KeypadClear", 71 },
    { "ANSI_Keypad7", 89 }, { "ANSI_Keypad8", 91 }, { "ANSI_Keypad9", 92 },
    { "ANSI_KeypadMinus", 78 }, { "ANSI_Keypad4", 86 }, { "ANSI_Keypad5", 87 },
    { "ANSI_Keypad6", 88 }, { "ANSI_KeypadPlus", 69 }, { "ANSI_Keypad1", 83 },
    { "ANSI_Keypad2", 84 }, { "ANSI_Keypad3", 85 }, { "ANSI_Keypad0", 82 },
    { "ANSI_KeypadDecimal", 65 }, { "F11", 103 }, { "F12", 111 }, { "JIS_Underscore", 94 },
    { "JIS_KeypadComma", 95 }, { "ANSI_KeypadEnter", 76 }, { "RightControl", 62 },
    { "ANSI_KeypadDivide", 75 }, { "RightOption", 61 }, { "Home", 115 }, { "UpArrow", 126 },
    { "PageUp", 116 }, { "LeftArrow", 123 }, { "RightArrow", 124 }, { "End", 119 },
    { "DownArrow", 125 }, { "PageDown", 121 }, { "ForwardDelete", 117 }, { "Mute", 74 },
    { "VolumeDown", 73 }, { "VolumeUp", 72 }, { "ANSI_KeypadEquals", 81 }, { "JIS_Kana", 104 },
    { "JIS_Eisu", 102 }, { "JIS_Yen", 93 }, { "Command", 55 }, { "RightCommand", 54 },
    { "Help", 114 }, { "ISO_Section", 10 }, { "F13", 105 }, { "F14", 107 }, { "F15", 113 },
    { "F16", 106 }, { "F17", 64 }, { "F18", 79 }, { "F19", 80 }, { "F20", 90 }, { "Function", 63 },
};

static const ExtraWord keys_win32[] = {
    { "VK_ESCAPE", 27 }, { "VK_1", 49 }, { "VK_2", 50 }, { "VK_3", 51 }, { "VK_4", 52 },
    { "VK_5", 53 }, { "VK_6", 54 }, { "VK_7", 55 }, { "VK_8", 56 }, { "VK_9", 57 }, { "VK_0", 48 },
    { "VK_OEM_MINUS", 189 }, { "VK_OEM_PLUS", 187 }, { "VK_BACK", 8 }, { "VK_TAB", 9 },
    { "VK_Q", 81 }, { "VK_W", 87 }, { "VK_E", 69 }, { "VK_R", 82 }, { "VK_T", 84 }, { "VK_Y", 89 },
    { "VK_U", 85 }, { "VK_I", 73 }, { "VK_O", 79 }, { "VK_P", 80 }, { "VK_OEM_4", 219 },
    { "VK_OEM_6", 221 }, { "VK_RETURN", 13 }, { "VK_CONTROL", 17 }, { "VK_A", 65 }, { "VK_S", 83 },
    { "VK_D", 68 }, { "VK_F", 70 }, { "VK_G", 71 }, { "VK_H", 72 }, { "VK_J", 74 }, { "VK_K", 75 },
    { "VK_L", 76 }, { "VK_OEM_1", 186 }, { "VK_OEM_7", 222 }, { "VK_OEM_3", 192 },
    { "VK_LSHIFT", 160 }, { "VK_OEM_5", 220 }, { "VK_Z", 90 }, { "VK_X", 88 }, { "VK_C", 67 },
    { "VK_V", 86 }, { "VK_B", 66 }, { "VK_N", 78 }, { "VK_M", 77 }, { "VK_OEM_COMMA", 188 },
    { "VK_OEM_PERIOD", 190 }, { "VK_OEM_2", 191 }, { "VK_RSHIFT", 161 }, { "VK_MULTIPLY", 106 },
    { "VK_MENU", 18 }, { "VK_SPACE", 32 }, { "VK_CAPITAL", 20 }, { "VK_F1", 112 },
    { "VK_F2", 113 }, { "VK_F3", 114 }, { "VK_F4", 115 }, { "VK_F5", 116 }, { "VK_F6", 117 },
    { "VK_F7", 118 }, { "VK_F8", 119 }, { "VK_F9", 120 }, { "VK_F10", 121 }, { "VK_NUMLOCK", 144 },
    { "VK_SCROLL", 145 }, { "VK_NUMPAD7", 103 }, { "VK_NUMPAD8", 104 }, { "VK_NUMPAD9", 105 },
    { "VK_SUBTRACT", 109 }, { "VK_NUMPAD4", 100 }, { "VK_NUMPAD5", 101 }, { "VK_NUMPAD6", 102 },
    { "VK_ADD", 107 }, { "VK_NUMPAD1", 97 }, { "VK_NUMPAD2", 98 }, { "VK_NUMPAD3", 99 },
    { "VK_NUMPAD0", 96 }, { "VK_DECIMAL", 110 }, { "VK_OEM_102", 226 }, { "VK_F11", 122 },
    { "VK_F12", 123 }, { "VK_KANA", 21 }, { "VK_CONVERT", 28 }, { "VK_OEM_COPY", 242 },
    { "VK_NONCONVERT", 29 }, { "VK_RCONTROL", 163 }, { "VK_DIVIDE", 111 }, { "VK_SNAPSHOT", 44 },
    { "VK_RMENU", 165 }, { "VK_HOME", 36 }, { "VK_UP", 38 }, { "VK_PRIOR", 33 }, { "VK_LEFT", 37 },
    { "VK_RIGHT", 39 }, { "VK_END", 35 }, { "VK_DOWN", 40 }, { "VK_NEXT", 34 },
    { "VK_INSERT", 45 }, { "VK_DELETE", 46 }, { "VK_VOLUME_MUTE", 173 }, { "VK_VOLUME_DOWN", 174 },
    { "VK_VOLUME_UP", 175 }, { "VK_PAUSE", 19 }, { "VK_SEPARATOR??", 108 }, { "VK_IME_ON", 22 },
    { "VK_IME_OFF", 26 }, { "VK_LWIN", 91 }, { "VK_RWIN", 92 }, { "VK_APPS", 93 },
    { "VK_BROWSER_STOP", 169 }, { "VK_HELP", 47 }, { "VK_SLEEP", 95 }, { "VK_BROWSER_BACK", 166 },
    { "VK_BROWSER_FORWARD", 167 }, { "VK_MEDIA_NEXT_TRACK", 176 }, { "VK_MEDIA_PLAY_PAUSE", 179 },
    { "VK_MEDIA_PREV_TRACK", 177 }, { "VK_MEDIA_STOP", 178 }, { "VK_BROWSER_HOME", 172 },
    { "VK_BROWSER_REFRESH", 168 }, { "VK_F13", 124 }, { "VK_F14", 125 }, { "VK_F15", 126 },
    { "VK_F16", 127 }, { "VK_F17", 128 }, { "VK_F18", 129 }, { "VK_F19", 130 }, { "VK_F20", 131 },
    { "VK_F21", 132 }, { "VK_F22", 133 }, { "VK_F23", 134 }, { "VK_F24", 135 }, { "VK_PLAY", 250 },
    { "VK_PRINT", 42 }, { "VK_LAUNCH_MAIL", 180 }, { "VK_BROWSER_SEARCH", 170 },
    { "VK_LBUTTON", 1 }, { "VK_RBUTTON", 2 }, { "VK_MBUTTON", 4 }, { "VK_XBUTTON1", 5 },
    { "VK_XBUTTON2", 6 }, { "VK_SELECT", 41 }, { "VK_BROWSER_FAVOURITES", 171 },
    { "VK_ZOOM", 251 },
};

static const ExtraWord keycode_sets[] = {
    { "linux", VIR_KEYCODE_SET_LINUX }, { "xt", VIR_KEYCODE_SET_XT },
    { "atset1", VIR_KEYCODE_SET_ATSET1 }, { "atset2", VIR_KEYCODE_SET_ATSET2 },
    { "atset3", VIR_KEYCODE_SET_ATSET3 }, { "os_x", VIR_KEYCODE_SET_OSX },
    { "xt_kbd", VIR_KEYCODE_SET_XT_KBD }, { "usb", VIR_KEYCODE_SET_USB },
    { "win32", VIR_KEYCODE_SET_WIN32 }, { "qnum", VIR_KEYCODE_SET_QNUM },
};

/* A keycode given as a number (decimal, 0x hex or 0 octal, at most
 * 0xffff) or as a name of @codeset; -1 when it is neither. */
static int
extra_keycode_parse(int codeset, const char *word)
{
    static const struct { int set; const ExtraWord *keys; size_t n; } names[] = {
        { VIR_KEYCODE_SET_LINUX, keys_linux, N_ELEMS(keys_linux) },
        { VIR_KEYCODE_SET_OSX, keys_osx, N_ELEMS(keys_osx) },
        { VIR_KEYCODE_SET_WIN32, keys_win32, N_ELEMS(keys_win32) },
    };
    unsigned long v;
    char *end;

    errno = 0;
    v = strtoul(word, &end, 0);
    if (end != word && !*end && !errno && !memchr(word, '-', (size_t)(end - word)) &&
        v <= 0xffff)
        return (int)v;
    for (size_t i = 0; i < N_ELEMS(names); i++) {
        if (names[i].set == codeset)
            return extra_word_find(names[i].keys, names[i].n, word);
    }
    return -1;
}

static bool
cmd_send_key(Shell *sh, const ShellCmd *cmd)
{
    unsigned int keycodes[VIR_DOMAIN_SEND_KEY_MAX_KEYS];
    const char *codeset_word = NULL, **words = NULL;
    unsigned int holdtime = 0;
    size_t n, count = 0;
    virDomainPtr dom;
    bool ok = false;
    int codeset;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (shell_opt_string_quiet(cmd, "codeset", &codeset_word) <= 0)
        codeset_word = "linux";
    if (shell_opt_uint(sh, cmd, "holdtime", &holdtime) < 0)
        goto cleanup;
    /* qnum's old name */
    if (strcmp(codeset_word, "rfb") == 0)
        codeset_word = "qnum";
    if ((codeset = extra_word_find(keycode_sets, N_ELEMS(keycode_sets), codeset_word)) < 0) {
        shell_error(sh, "unknown codeset: '%s'", codeset_word);
        goto cleanup;
    }
    words = extra_argv(cmd, "keycode", &n);
    for (size_t i = 0; i < n; i++) {
        int code;

        if (count == VIR_DOMAIN_SEND_KEY_MAX_KEYS) {
            shell_error(sh, "%s", "too many keycodes");
            goto cleanup;
        }
        if ((code = extra_keycode_parse(codeset, words[i])) < 0) {
            shell_error(sh, "invalid keycode: '%s'", words[i]);
            goto cleanup;
        }
        keycodes[count++] = (unsigned int)code;
    }
    if (virDomainSendKey(dom, (unsigned int)codeset, holdtime, keycodes, (int)count, 0) < 0) {
        shell_error_save(sh);
        goto cleanup;
    }
    ok = true;

 cleanup:
    free(words);
    virDomainFree(dom);
    return ok;
}

/* ---- option tables ---- */

static const ShellOptDef opts_save[] = {
    OPT_DOMAIN_FULL,
    { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "where to save the data" },
    OPT_BOOL("bypass-cache", "avoid file system cache when saving"),
    { "xml", SHELL_OPT_STRING, 0, "filename containing updated XML for the target" },
    OPT_BOOL("running", "set domain to be running on restore"),
    OPT_BOOL("paused", "set domain to be paused on restore"),
    OPT_BOOL("verbose", "display the progress of save"),
    OPT_END,
};

static const ShellOptDef opts_restore[] = {
    { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "the state to restore" },
    OPT_BOOL("bypass-cache", "avoid file system cache when restoring"),
    { "xml", SHELL_OPT_STRING, 0, "filename containing updated XML for the target" },
    OPT_BOOL("running", "restore domain into running state"),
    OPT_BOOL("paused", "restore domain into paused state"),
    OPT_BOOL("reset-nvram", "re-initialize NVRAM from its pristine template"),
    OPT_END,
};

static const ShellOptDef opts_save_image_dumpxml[] = {
    { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "saved state file to read" },
    OPT_BOOL("security-info", "include security sensitive information in XML dump"),
    { "xpath", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "xpath expression to filter the XML document" },
    OPT_BOOL("wrap", "wrap xpath results in an common root element"),
    OPT_END,
};

static const ShellOptDef opts_save_image_define[] = {
    { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "saved state file to modify" },
    { "xml", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "filename containing updated XML for the target" },
    OPT_BOOL("running", "set domain to be running on restore"),
    OPT_BOOL("paused", "set domain to be paused on restore"),
    OPT_END,
};

static const ShellOptDef opts_save_image_edit[] = {
    { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "saved state file to edit" },
    OPT_BOOL("running", "set domain to be running on restore"),
    OPT_BOOL("paused", "set domain to be paused on restore"),
    OPT_END,
};

static const ShellOptDef opts_managedsave[] = {
    OPT_DOMAIN_FULL,
    OPT_BOOL("bypass-cache", "avoid file system cache when saving"),
    OPT_BOOL("running", "set domain to be running on next start"),
    OPT_BOOL("paused", "set domain to be paused on next start"),
    OPT_BOOL("verbose", "display the progress of save"),
    OPT_END,
};

static const ShellOptDef opts_domain_only[] = {
    OPT_DOMAIN_FULL,
    OPT_END,
};

static const ShellOptDef opts_domrename[] = {
    { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name or uuid" },
    { "new-name", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "new domain name" },
    OPT_END,
};

static const ShellOptDef opts_desc[] = {
    OPT_DOMAIN_FULL,
    OPT_BOOL("live", "modify/get running state"),
    OPT_BOOL("config", "modify/get persistent configuration"),
    OPT_BOOL("current", "modify/get current state configuration"),
    OPT_BOOL("title", "modify/get the title instead of description"),
    OPT_BOOL("edit", "open an editor to modify the description"),
    { "new-desc", SHELL_OPT_ARGV, 0, "message" },
    OPT_END,
};

static const ShellOptDef opts_metadata[] = {
    OPT_DOMAIN_FULL,
    { "uri", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "URI of the namespace" },
    OPT_BOOL("live", "modify/get running state"),
    OPT_BOOL("config", "modify/get persistent configuration"),
    OPT_BOOL("current", "modify/get current state configuration"),
    OPT_BOOL("edit", "use an editor to change the metadata"),
    { "key", SHELL_OPT_STRING, 0, "key to be used as a namespace identifier" },
    { "set", SHELL_OPT_STRING, 0, "new metadata to set" },
    OPT_BOOL("remove", "remove the metadata corresponding to an uri"),
    OPT_END,
};

static const ShellOptDef opts_domjobinfo[] = {
    OPT_DOMAIN_FULL,
    OPT_BOOL("completed", "return statistics of a recently completed job"),
    OPT_BOOL("keep-completed", "don't destroy statistics of a recently completed job when "
                               "reading"),
    OPT_BOOL("anystats", "print statistics for any kind of job (even failed ones)"),
    OPT_BOOL("rawstats", "print the raw data returned by libvirt"),
    OPT_END,
};

static const ShellOptDef opts_send_key[] = {
    OPT_DOMAIN_FULL,
    { "codeset", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT, "the codeset of keycodes, default:linux" },
    { "holdtime", SHELL_OPT_INT, SHELL_OFLAG_REQ_OPT,
      "the time (in milliseconds) how long the keys will be held" },
    { "keycode", SHELL_OPT_ARGV, SHELL_OFLAG_REQ, "the key code" },
    OPT_END,
};

static const ShellOptDef opts_set_lifecycle_action[] = {
    OPT_DOMAIN_FULL,
    { "type", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "lifecycle type to modify" },
    { "action", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "lifecycle action to set" },
    OPT_BOOL("config", "affect next boot"),
    OPT_BOOL("live", "affect running domain"),
    OPT_BOOL("current", "affect current domain"),
    OPT_END,
};

static const ShellOptDef opts_domhostname[] = {
    OPT_DOMAIN_FULL,
    { "source", SHELL_OPT_STRING, 0, "address source: 'lease' or 'agent'" },
    OPT_END,
};

static const ShellOptDef opts_domfstrim[] = {
    OPT_DOMAIN_FULL,
    { "minimum", SHELL_OPT_INT, 0,
      "Just a hint to ignore contiguous free ranges smaller than this (Bytes)" },
    { "mountpoint", SHELL_OPT_STRING, 0, "which mount point to trim" },
    OPT_END,
};

static const ShellOptDef opts_domfsfreeze[] = {
    OPT_DOMAIN_FULL,
    { "mountpoint", SHELL_OPT_ARGV, 0, "mountpoint path to be frozen" },
    OPT_END,
};

static const ShellOptDef opts_domfsthaw[] = {
    OPT_DOMAIN_FULL,
    { "mountpoint", SHELL_OPT_ARGV, 0, "mountpoint path to be thawed" },
    OPT_END,
};

static const ShellOptDef opts_set_user_password[] = {
    OPT_DOMAIN_FULL,
    { "user", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "the username" },
    { "password", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "the new password" },
    OPT_BOOL("encrypted", "the password is already encrypted"),
    OPT_END,
};

const ShellCmdDef shell_domain_extra_cmds[] = {
    { "desc", cmd_desc, opts_desc, "show or set domain's description or title",
      "Allows setting or modifying the description or title of a domain.", 0 },
    { "domfsfreeze", cmd_domfsfreeze, opts_domfsfreeze, "Freeze domain's mounted filesystems.",
      "Freeze domain's mounted filesystems.", 0 },
    { "domfsinfo", cmd_domfsinfo, opts_domain_only,
      "Get information of domain's mounted filesystems.",
      "Get information of domain's mounted filesystems.", 0 },
    { "domfsthaw", cmd_domfsthaw, opts_domfsthaw, "Thaw domain's mounted filesystems.",
      "Thaw domain's mounted filesystems.", 0 },
    { "domfstrim", cmd_domfstrim, opts_domfstrim,
      "Invoke fstrim on domain's mounted filesystems.",
      "Invoke fstrim on domain's mounted filesystems.", 0 },
    { "domhostname", cmd_domhostname, opts_domhostname, "print the domain's hostname", "", 0 },
    { "domjobinfo", cmd_domjobinfo, opts_domjobinfo, "domain job information",
      "Returns information about jobs running on a domain.", 0 },
    { "domrename", cmd_domrename, opts_domrename, "rename a domain",
      "Rename an inactive domain.", 0 },
    { "inject-nmi", cmd_inject_nmi, opts_domain_only, "Inject NMI to the guest",
      "Inject NMI to the guest domain.", 0 },
    { "managedsave", cmd_managedsave, opts_managedsave, "managed save of a domain state",
      "Save and destroy a running domain, so it can be restarted from\n"
      "    the same state at a later time.  When the virsh 'start'\n"
      "    command is next run for the domain, it will automatically\n"
      "    be started from this saved state.", 0 },
    { "managedsave-remove", cmd_managedsave_remove, opts_domain_only,
      "Remove managed save of a domain",
      "Remove an existing managed save state file from a domain", 0 },
    { "metadata", cmd_metadata, opts_metadata, "show or set domain's custom XML metadata",
      "Shows or modifies the XML metadata of a domain.", 0 },
    { "reset", cmd_reset, opts_domain_only, "reset a domain",
      "Reset the target domain as if by power button", 0 },
    { "restore", cmd_restore, opts_restore, "restore a domain from a saved state in a file",
      "Restore a domain.", 0 },
    { "save", cmd_save, opts_save, "save a domain state to a file",
      "Save the RAM state of a running domain.", 0 },
    { "save-image-define", cmd_save_image_define, opts_save_image_define,
      "redefine the XML for a domain's saved state file",
      "Replace the domain XML associated with a saved state file", 0 },
    { "save-image-edit", cmd_save_image_edit, opts_save_image_edit,
      "edit XML for a domain's saved state file",
      "Edit the domain XML associated with a saved state file", 0 },
    { "save-image-dumpxml", cmd_save_image_dumpxml, opts_save_image_dumpxml,
      "saved state domain information in XML",
      "Dump XML of domain information for a saved state file to stdout.", 0 },
    { "send-key", cmd_send_key, opts_send_key, "Send keycodes to the guest",
      "Send keycodes (integers or symbolic names) to the guest", 0 },
    { "set-lifecycle-action", cmd_set_lifecycle_action, opts_set_lifecycle_action,
      "change lifecycle actions", "Change lifecycle actions for the guest domain.", 0 },
    { "set-user-password", cmd_set_user_password, opts_set_user_password,
      "set the user password inside the domain",
      "changes the password of the specified user inside the domain", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
