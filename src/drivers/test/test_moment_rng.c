/*
 * test_moment_rng.c: schema validation of snapshot and checkpoint
 * documents, as libvirt does it: checkpoint XML always, snapshot XML when
 * the caller asks (VIR_DOMAIN_SNAPSHOT_CREATE_VALIDATE).
 *
 * The schemas are libvirt's own RELAX NG files where libvirt installs them
 * (Debian's libvirt packages), so a document is judged exactly as libvirt
 * judges it and the error carries libxml2's words. Without those files
 * there is nothing to validate against and documents go straight to the
 * parser (whose own checks still apply). A parsed schema is kept for the
 * life of the process; validations are serialised, because libxml2 does
 * not promise that one schema may validate in several threads at once.
 */
#define VIR_FROM_THIS VIR_FROM_XML

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <libxml/relaxng.h>

#include "drivers/test/test_moment.h"
#include "util/buf.h"
#include "util/error.h"

#define TEST_RNG_DIR "/usr/share/libvirt/schemas"

typedef struct {
    const char *name;   /* file name under TEST_RNG_DIR */
    xmlRelaxNGPtr rng;  /* parsed on first use, then kept */
    bool failed;        /* the file exists but did not parse */
} TestRngSchema;

static TestRngSchema test_rng_schemas[] = {
    { "domainsnapshot.rng", NULL, false },
    { "domaincheckpoint.rng", NULL, false },
};

static pthread_mutex_t test_rng_lock = PTHREAD_MUTEX_INITIALIZER;

/* libxml2's error callback: its messages, in order, into the buffer. */
static void
test_rng_catch(void *ctx, const char *msg, ...)
{
    VireoBuf *buf = ctx;
    va_list ap;

    va_start(ap, msg);
    buf_vaddf(buf, msg, ap);
    va_end(ap);
}

static void
test_rng_ignore(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* The parsed schema, NULL with *ret_skip when it is not installed, NULL
 * (reported) when it does not parse. Caller holds test_rng_lock. */
static xmlRelaxNGPtr
test_rng_load(TestRngSchema *s, const char *path, bool *ret_skip)
{
    VireoBuf buf = VIREO_BUF_INIT;
    xmlRelaxNGParserCtxtPtr pctxt;

    *ret_skip = false;
    if (s->rng)
        return s->rng;
    if (access(path, R_OK) != 0) {
        *ret_skip = true;
        return NULL;
    }
    if (!(pctxt = xmlRelaxNGNewParserCtxt(path))) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Unable to create RNG parser for %s", path);
        return NULL;
    }
    xmlRelaxNGSetParserErrors(pctxt, test_rng_catch, test_rng_ignore, &buf);
    if (!(s->rng = xmlRelaxNGParse(pctxt)))
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Unable to parse RNG %s: %s", path,
                         buf_str(&buf) ? buf_str(&buf) : "");
    xmlRelaxNGFreeParserCtxt(pctxt);
    buf_reset(&buf);
    return s->rng;
}

int
test_moment_validate(xmlDocPtr doc, const char *schema)
{
    TestRngSchema *s = NULL;
    VireoBuf buf = VIREO_BUF_INIT;
    xmlRelaxNGValidCtxtPtr vctxt;
    xmlRelaxNGPtr rng;
    char path[256];
    bool skip;
    int rc = -1;

    for (size_t i = 0; i < sizeof(test_rng_schemas) / sizeof(test_rng_schemas[0]); i++)
        if (strcmp(test_rng_schemas[i].name, schema) == 0)
            s = &test_rng_schemas[i];
    if (!s)
        return 0;
    snprintf(path, sizeof(path), "%s/%s", TEST_RNG_DIR, schema);
    pthread_mutex_lock(&test_rng_lock);
    if (!(rng = test_rng_load(s, path, &skip))) {
        pthread_mutex_unlock(&test_rng_lock);
        return skip ? 0 : -1;
    }
    if (!(vctxt = xmlRelaxNGNewValidCtxt(rng))) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Unable to create RNG validation context %s",
                         path);
        goto out;
    }
    xmlRelaxNGSetValidErrors(vctxt, test_rng_catch, test_rng_ignore, &buf);
    if (xmlRelaxNGValidateDoc(vctxt, doc) != 0) {
        vir_report_error(VIR_ERR_XML_INVALID_SCHEMA, "Unable to validate doc against %s\n%s",
                         path, buf_str(&buf) ? buf_str(&buf) : "");
        goto out;
    }
    rc = 0;
out:
    if (vctxt)
        xmlRelaxNGFreeValidCtxt(vctxt);
    pthread_mutex_unlock(&test_rng_lock);
    buf_reset(&buf);
    return rc;
}
