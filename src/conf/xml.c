/*
 * xml.c: bounded libxml2 parsing, libvirt-style parse errors, node helpers,
 * escaping and verbatim subtrees.
 */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <libxml/parser.h>

#include "conf/xml.h"
#include "util/alloc.h"
#include "util/error.h"

/* What the SAX error hook needs: where to report, and whether it already did. */
typedef struct {
    int err_domain;
    bool reported;
    bool hide_context; /* do not quote the offending line (file not world-readable) */
} ConfXmlParseState;

/* Reports the first fatal error the parser raises, with the offending line
 * and a pointer under the column, the way libvirt formats it. */
static void
conf_xml_catch_error(void *opaque, const char *msg VIREO_UNUSED, ...)
{
    xmlParserCtxtPtr ctxt = opaque;
    ConfXmlParseState *st;
    const xmlChar *cur, *base;
    _cleanup_buf_ VireoBuf line = VIREO_BUF_INIT;
    _cleanup_buf_ VireoBuf ptr = VIREO_BUF_INIT;
    size_t col, n;

    if (!ctxt || !ctxt->_private || !ctxt->input)
        return;
    st = ctxt->_private;
    if (st->reported || ctxt->lastError.level != XML_ERR_FATAL || !ctxt->lastError.message)
        return;
    st->reported = true;

    cur = ctxt->input->cur;
    base = ctxt->input->base;
    while (cur > base && (*cur == '\n' || *cur == '\r'))
        cur--;
    while (cur > base && *cur != '\n' && *cur != '\r')
        cur--;
    if (*cur == '\n' || *cur == '\r')
        cur++;
    col = (size_t)(ctxt->input->cur - cur);
    while (!st->hide_context && *cur && *cur != '\n' && *cur != '\r')
        buf_add_char(&line, (char)*cur++);
    for (n = 0; n < col && n < line.len; n++)
        buf_add_char(&ptr, buf_str(&line)[n] == '\t' ? '\t' : '-');
    buf_add_char(&ptr, '^');

    if (ctxt->lastError.file)
        vir_error_report(st->err_domain, VIR_ERR_XML_DETAIL, "%s:%d: %s%s\n%s",
                         ctxt->lastError.file, ctxt->lastError.line,
                         ctxt->lastError.message, line.data ? buf_str(&line) : "(null)",
                         buf_str(&ptr));
    else
        vir_error_report(st->err_domain, VIR_ERR_XML_DETAIL, "at line %d: %s%s\n%s",
                         ctxt->lastError.line, ctxt->lastError.message,
                         line.data ? buf_str(&line) : "(null)", buf_str(&ptr));
}

static int
conf_xml_check_root(xmlDocPtr doc, const char *root, int err_domain)
{
    xmlNodePtr node = xmlDocGetRootElement(doc);

    if (!node) {
        vir_error_report(err_domain, VIR_ERR_INTERNAL_ERROR, "%s", "missing root element");
        return -1;
    }
    if (root && !conf_xml_is(node, root)) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "expecting root element of '%s', not '%s'", root,
                         (const char *)node->name);
        return -1;
    }
    return 0;
}

/* Options: never touch the network, never load external DTDs or substitute
 * entities (both off by default), keep libxml2's built-in depth and size
 * limits (no XML_PARSE_HUGE). */
#define CONF_XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOWARNING)

static xmlDocPtr
conf_xml_parse(const char *xml, size_t len, const char *doc_name, const char *root,
               int err_domain, bool hide_context)
{
    ConfXmlParseState st = { err_domain, false, hide_context };
    xmlParserCtxtPtr pctxt;
    xmlDocPtr doc;

    static pthread_once_t init_once = PTHREAD_ONCE_INIT;

    /* libxml2's one-time setup is not safe to race from worker threads */
    pthread_once(&init_once, xmlInitParser);
    if (len > CONF_XML_MAX_LEN) {
        vir_error_report(err_domain, VIR_ERR_XML_ERROR,
                         "document '%s' is larger than %d bytes", doc_name, CONF_XML_MAX_LEN);
        return NULL;
    }
    pctxt = xmlNewParserCtxt();
    if (!pctxt || !pctxt->sax)
        abort();
    pctxt->_private = &st;
    pctxt->sax->error = conf_xml_catch_error;
    doc = xmlCtxtReadMemory(pctxt, xml, (int)len, doc_name, NULL, CONF_XML_OPTIONS);
    if (!doc && !st.reported) {
        /* libxml2 stays silent for an empty buffer; libvirt shows its
         * "Document is empty" text with a "(null)" context line. */
        if (len == 0)
            vir_error_report(err_domain, VIR_ERR_XML_DETAIL, "%s:1: Document is empty\n(null)\n^",
                             doc_name);
        else
            vir_error_report(err_domain, VIR_ERR_XML_ERROR, "failed to parse xml document '%s'",
                             doc_name);
    }
    xmlFreeParserCtxt(pctxt);
    if (doc && conf_xml_check_root(doc, root, err_domain) < 0) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

xmlDocPtr
conf_xml_parse_string(const char *xml, const char *doc_name, const char *root, int err_domain)
{
    return conf_xml_parse(xml, strnlen(xml, CONF_XML_MAX_LEN + 1), doc_name, root, err_domain,
                          false);
}

xmlDocPtr
conf_xml_parse_file(const char *path, const char *root, int err_domain)
{
    _cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    _cleanup_free_ char *data = NULL;
    struct stat sb;
    size_t got = 0;

    /* libvirt reports a file it cannot read as a document it failed to
     * parse, and a directory as an empty document */
    if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode))
        return conf_xml_parse("", 0, path, root, err_domain, false);
    if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size > CONF_XML_MAX_LEN) {
        vir_error_report(err_domain, VIR_ERR_XML_ERROR, "failed to parse xml document '%s'", path);
        return NULL;
    }
    data = xmalloc((size_t)sb.st_size + 1);
    while (got < (size_t)sb.st_size) {
        ssize_t r = read(fd, data + got, (size_t)sb.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    data[got] = '\0';
    /* A remote client names the file: never quote lines of a file that
     * not everybody may read (libvirt would print the offending line). */
    return conf_xml_parse(data, got, path, root, err_domain, !(sb.st_mode & S_IROTH));
}

bool
conf_xml_is(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && STREQ((const char *)node->name, name);
}

xmlNodePtr
conf_xml_next(xmlNodePtr cur, const char *name)
{
    for (cur = cur ? cur->next : NULL; cur; cur = cur->next)
        if (conf_xml_is(cur, name))
            return cur;
    return NULL;
}

xmlNodePtr
conf_xml_child(xmlNodePtr node, const char *name)
{
    xmlNodePtr cur;

    if (!node)
        return NULL;
    for (cur = node->children; cur; cur = cur->next)
        if (conf_xml_is(cur, name))
            return cur;
    return NULL;
}

size_t
conf_xml_count(xmlNodePtr node, const char *name)
{
    size_t n = 0;

    for (xmlNodePtr cur = conf_xml_child(node, name); cur; cur = conf_xml_next(cur, name))
        n++;
    return n;
}

char *
conf_xml_prop(xmlNodePtr node, const char *name)
{
    xmlAttrPtr attr;
    _cleanup_buf_ VireoBuf buf = VIREO_BUF_INIT;

    if (!node || !(attr = xmlHasProp(node, (const xmlChar *)name)) || attr->type != XML_ATTRIBUTE_NODE)
        return NULL;
    /* Attribute values hold text nodes (and entity references, which are
     * skipped: never expanded). */
    for (xmlNodePtr cur = attr->children; cur; cur = cur->next)
        if (cur->type == XML_TEXT_NODE && cur->content)
            buf_add(&buf, (const char *)cur->content);
    return xstrdup(buf_str(&buf));
}

char *
conf_xml_text(xmlNodePtr node)
{
    _cleanup_buf_ VireoBuf buf = VIREO_BUF_INIT;

    if (!node)
        return NULL;
    for (xmlNodePtr cur = node->children; cur; cur = cur->next)
        if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) && cur->content)
            buf_add(&buf, (const char *)cur->content);
    if (buf.len == 0)
        return NULL;
    return buf_steal(&buf);
}

char *
conf_xml_child_text(xmlNodePtr node, const char *name)
{
    return conf_xml_text(conf_xml_child(node, name));
}

void
conf_xml_escape(VireoBuf *buf, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '<': buf_add(buf, "&lt;"); break;
        case '>': buf_add(buf, "&gt;"); break;
        case '&': buf_add(buf, "&amp;"); break;
        case '"': buf_add(buf, "&quot;"); break;
        case '\'': buf_add(buf, "&apos;"); break;
        default:
            if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
                buf_add_char(buf, (char)c);
        }
    }
}

void
conf_xml_attr(VireoBuf *buf, const char *name, const char *value)
{
    if (!value)
        return;
    buf_addf(buf, " %s='", name);
    conf_xml_escape(buf, value);
    buf_add_char(buf, '\'');
}

void
conf_xml_indent(VireoBuf *buf, int indent)
{
    for (int i = 0; i < indent; i++)
        buf_add_char(buf, ' ');
}

void
conf_xml_element(VireoBuf *buf, int indent, const char *name, const char *text)
{
    if (!text)
        return;
    conf_xml_indent(buf, indent);
    buf_addf(buf, "<%s>", name);
    conf_xml_escape(buf, text);
    buf_addf(buf, "</%s>\n", name);
}

struct ConfXmlRaw {
    char *name;       /* qualified name ("prefix:local" when namespaced) */
    char **attrs;     /* name, value pairs */
    size_t nattrs;
    char *text;       /* text content when there are no element children */
    ConfXmlRaw **kids;
    size_t nkids;
};

static char *
conf_xml_qname(xmlNodePtr node)
{
    if (node->ns && node->ns->prefix)
        return xasprintf("%s:%s", node->ns->prefix, node->name);
    return xstrdup((const char *)node->name);
}

static void
conf_xml_raw_add_attr(ConfXmlRaw *raw, char *name, char *value)
{
    raw->attrs = xreallocarray(raw->attrs, raw->nattrs + 2, sizeof(char *));
    raw->attrs[raw->nattrs++] = name;
    raw->attrs[raw->nattrs++] = value;
}

ConfXmlRaw *
conf_xml_raw_new(xmlNodePtr node)
{
    ConfXmlRaw *raw = XNEW(ConfXmlRaw);

    raw->name = conf_xml_qname(node);
    for (xmlNsPtr ns = node->nsDef; ns; ns = ns->next)
        conf_xml_raw_add_attr(raw, ns->prefix ? xasprintf("xmlns:%s", ns->prefix) : xstrdup("xmlns"),
                              xstrdup((const char *)ns->href));
    for (xmlAttrPtr a = node->properties; a; a = a->next) {
        char *qn = conf_xml_qname((xmlNodePtr)a);
        conf_xml_raw_add_attr(raw, qn, conf_xml_prop(node, (const char *)a->name));
    }
    for (xmlNodePtr cur = node->children; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        raw->kids = xreallocarray(raw->kids, raw->nkids + 1, sizeof(*raw->kids));
        raw->kids[raw->nkids++] = conf_xml_raw_new(cur);
    }
    if (raw->nkids == 0)
        raw->text = conf_xml_text(node);
    return raw;
}

void
conf_xml_raw_free(ConfXmlRaw *raw)
{
    if (!raw)
        return;
    for (size_t i = 0; i < raw->nattrs; i++)
        free(raw->attrs[i]);
    for (size_t i = 0; i < raw->nkids; i++)
        conf_xml_raw_free(raw->kids[i]);
    free(raw->attrs);
    free(raw->kids);
    free(raw->name);
    free(raw->text);
    free(raw);
}

ConfXmlRaw *
conf_xml_raw_copy(const ConfXmlRaw *raw)
{
    ConfXmlRaw *c;

    if (!raw)
        return NULL;
    c = XNEW(ConfXmlRaw);
    c->name = xstrdup(raw->name);
    c->text = xstrdup(raw->text);
    c->nattrs = raw->nattrs;
    c->attrs = XNEW_ARRAY(char *, raw->nattrs + 1);
    for (size_t i = 0; i < raw->nattrs; i++)
        c->attrs[i] = xstrdup(raw->attrs[i]);
    c->nkids = raw->nkids;
    c->kids = XNEW_ARRAY(ConfXmlRaw *, raw->nkids + 1);
    for (size_t i = 0; i < raw->nkids; i++)
        c->kids[i] = conf_xml_raw_copy(raw->kids[i]);
    return c;
}

const char *
conf_xml_raw_name(const ConfXmlRaw *raw)
{
    return raw->name;
}

static void
conf_xml_raw_format_q(VireoBuf *buf, const ConfXmlRaw *raw, int indent, char q)
{
    conf_xml_indent(buf, indent);
    buf_addf(buf, "<%s", raw->name);
    for (size_t i = 0; i + 1 < raw->nattrs; i += 2) {
        if (q == '\'') {
            conf_xml_attr(buf, raw->attrs[i], raw->attrs[i + 1]);
            continue;
        }
        buf_addf(buf, " %s=\"", raw->attrs[i]);
        for (const char *p = raw->attrs[i + 1]; *p; p++) {
            if (*p == '"')
                buf_add(buf, "&quot;");
            else if (*p == '<')
                buf_add(buf, "&lt;");
            else if (*p == '&')
                buf_add(buf, "&amp;");
            else
                buf_add_char(buf, *p);
        }
        buf_add_char(buf, '"');
    }
    if (raw->nkids == 0 && !raw->text) {
        buf_add(buf, "/>\n");
        return;
    }
    if (raw->nkids == 0) {
        buf_add_char(buf, '>');
        conf_xml_escape(buf, raw->text);
        buf_addf(buf, "</%s>\n", raw->name);
        return;
    }
    buf_add(buf, ">\n");
    for (size_t i = 0; i < raw->nkids; i++)
        conf_xml_raw_format_q(buf, raw->kids[i], indent + 2, q);
    conf_xml_indent(buf, indent);
    buf_addf(buf, "</%s>\n", raw->name);
}

void
conf_xml_raw_format(VireoBuf *buf, const ConfXmlRaw *raw, int indent)
{
    conf_xml_raw_format_q(buf, raw, indent, '\'');
}

void
conf_xml_raw_format_dq(VireoBuf *buf, const ConfXmlRaw *raw, int indent)
{
    conf_xml_indent(buf, indent);
    buf_addf(buf, "<%s>\n", raw->name);
    for (size_t i = 0; i < raw->nkids; i++)
        conf_xml_raw_format_q(buf, raw->kids[i], indent + 2, '"');
    conf_xml_indent(buf, indent);
    buf_addf(buf, "</%s>\n", raw->name);
}

int
conf_enum_index(const char *const *values, const char *s)
{
    for (int i = 0; s && values[i]; i++)
        if (STREQ(values[i], s))
            return i;
    return -1;
}

static int
conf_xml_prop_get(xmlNodePtr node, const char *name, bool required, char **ret)
{
    *ret = conf_xml_prop(node, name);
    if (*ret)
        return 1;
    if (!required)
        return 0;
    vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                     "Missing required attribute '%s' in element '%s'", name,
                     (const char *)node->name);
    return -1;
}

int
conf_xml_prop_enum(xmlNodePtr node, const char *name, const char *const *values, bool required,
                   char **ret)
{
    char *val;
    int rc = conf_xml_prop_get(node, name, required, &val);

    if (rc <= 0)
        return rc;
    if (conf_enum_index(values, val) < 0) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "Invalid value for attribute '%s' in element '%s': '%s'.", name,
                         (const char *)node->name, val);
        free(val);
        return -1;
    }
    *ret = val;
    return 1;
}

int
conf_xml_prop_uint(xmlNodePtr node, const char *name, bool required, unsigned int *ret)
{
    return conf_xml_prop_uint_base(node, name, 10, required, ret);
}

int
conf_xml_prop_uint_base(xmlNodePtr node, const char *name, int base, bool required,
                        unsigned int *ret)
{
    _cleanup_free_ char *val = NULL;
    int rc = conf_xml_prop_get(node, name, required, &val);
    unsigned long v;
    char *end;

    if (rc <= 0)
        return rc;
    errno = 0;
    v = strtoul(val, &end, base);
    if (end == val || *end || errno || strchr(val, '-') || v > 0xffffffffUL) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "Invalid value for attribute '%s' in element '%s': '%s'. Expected non-negative integer value",
                         name, (const char *)node->name, val);
        return -1;
    }
    *ret = (unsigned int)v;
    return 1;
}

int
conf_xml_prop_int(xmlNodePtr node, const char *name, bool required, int *ret)
{
    _cleanup_free_ char *val = NULL;
    int rc = conf_xml_prop_get(node, name, required, &val);
    long v;
    char *end;

    if (rc <= 0)
        return rc;
    errno = 0;
    v = strtol(val, &end, 10);
    if (end == val || *end || errno || v < -2147483647L - 1 || v > 2147483647L) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "Invalid value for attribute '%s' in element '%s': '%s'. Expected integer value",
                         name, (const char *)node->name, val);
        return -1;
    }
    *ret = (int)v;
    return 1;
}

const char *
conf_xml_raw_attr(const ConfXmlRaw *raw, const char *name)
{
    for (size_t i = 0; raw && i + 1 < raw->nattrs; i += 2)
        if (STREQ(raw->attrs[i], name))
            return raw->attrs[i + 1];
    return NULL;
}

void
conf_xml_raw_format_children(VireoBuf *buf, const ConfXmlRaw *raw, int indent)
{
    for (size_t i = 0; raw && i < raw->nkids; i++)
        conf_xml_raw_format(buf, raw->kids[i], indent);
}

bool
conf_xml_raw_has_child(const ConfXmlRaw *raw, const char *name)
{
    for (size_t i = 0; raw && i < raw->nkids; i++)
        if (!name || STREQ(raw->kids[i]->name, name))
            return true;
    return false;
}

ConfXmlRaw *
conf_xml_raw_child(const ConfXmlRaw *raw, const char *name)
{
    for (size_t i = 0; raw && i < raw->nkids; i++)
        if (STREQ(raw->kids[i]->name, name))
            return raw->kids[i];
    return NULL;
}

void
conf_xml_raw_default_attr(ConfXmlRaw *raw, const char *name, const char *value,
                          const char *after)
{
    size_t at;

    if (!raw || conf_xml_raw_attr(raw, name))
        return;
    at = raw->nattrs;
    for (size_t i = 0; after && i + 1 < raw->nattrs; i += 2)
        if (STREQ(raw->attrs[i], after))
            at = i + 2;
    raw->attrs = xreallocarray(raw->attrs, raw->nattrs + 2, sizeof(char *));
    memmove(raw->attrs + at + 2, raw->attrs + at, (raw->nattrs - at) * sizeof(char *));
    raw->attrs[at] = xstrdup(name);
    raw->attrs[at + 1] = xstrdup(value);
    raw->nattrs += 2;
}

void
conf_xml_raw_set_attr_at(ConfXmlRaw *raw, const char *name, const char *value, size_t pos)
{
    if (!raw)
        return;
    for (size_t i = 0; i + 1 < raw->nattrs; i += 2) {
        if (STRNEQ(raw->attrs[i], name))
            continue;
        free(raw->attrs[i]);
        free(raw->attrs[i + 1]);
        memmove(raw->attrs + i, raw->attrs + i + 2, (raw->nattrs - i - 2) * sizeof(char *));
        raw->nattrs -= 2;
        break;
    }
    if (!value)
        return;
    pos *= 2;
    if (pos > raw->nattrs)
        pos = raw->nattrs;
    raw->attrs = xreallocarray(raw->attrs, raw->nattrs + 2, sizeof(char *));
    memmove(raw->attrs + pos + 2, raw->attrs + pos, (raw->nattrs - pos) * sizeof(char *));
    raw->attrs[pos] = xstrdup(name);
    raw->attrs[pos + 1] = xstrdup(value);
    raw->nattrs += 2;
}

void
conf_xml_raw_sort_children(ConfXmlRaw *raw, const char *const *order)
{
    ConfXmlRaw **sorted;
    size_t n = 0;

    if (!raw || raw->nkids == 0)
        return;
    sorted = XNEW_ARRAY(ConfXmlRaw *, raw->nkids);
    for (size_t o = 0; order[o]; o++)
        for (size_t i = 0; i < raw->nkids; i++)
            if (raw->kids[i] && STREQ(raw->kids[i]->name, order[o])) {
                sorted[n++] = raw->kids[i];
                raw->kids[i] = NULL;
            }
    for (size_t i = 0; i < raw->nkids; i++)
        if (raw->kids[i])
            sorted[n++] = raw->kids[i];
    free(raw->kids);
    raw->kids = sorted;
}

ConfXmlRaw *
conf_xml_raw_next(const ConfXmlRaw *raw, const ConfXmlRaw *cur, const char *name)
{
    bool seen = false;

    for (size_t i = 0; raw && i < raw->nkids; i++) {
        if (seen && STREQ(raw->kids[i]->name, name))
            return raw->kids[i];
        seen |= raw->kids[i] == cur;
    }
    return NULL;
}

const char *
conf_xml_raw_text(const ConfXmlRaw *raw)
{
    return raw ? raw->text : NULL;
}

void
conf_xml_raw_remove_child(ConfXmlRaw *raw, const char *name)
{
    for (size_t i = 0; raw && i < raw->nkids; i++) {
        if (STRNEQ(raw->kids[i]->name, name))
            continue;
        conf_xml_raw_free(raw->kids[i]);
        memmove(raw->kids + i, raw->kids + i + 1, (raw->nkids - i - 1) * sizeof(*raw->kids));
        raw->nkids--;
        return;
    }
}

size_t
conf_xml_raw_attr_count(const ConfXmlRaw *raw)
{
    return raw ? raw->nattrs / 2 : 0;
}

/* ---- namespaced children, for <metadata> (domain_metadata.c) ---- */

ConfXmlRaw *
conf_xml_raw_new_empty(const char *name)
{
    ConfXmlRaw *raw = XNEW(ConfXmlRaw);

    raw->name = xstrdup(name);
    return raw;
}

/* The namespace URI an element's prefix stands for, looked up on the
 * element itself and then on its parent (where a document may declare it). */
const char *
conf_xml_raw_ns_href(const ConfXmlRaw *raw, const ConfXmlRaw *parent)
{
    const char *colon = strchr(raw->name, ':');
    _cleanup_free_ char *decl = colon ? xasprintf("xmlns:%.*s", (int)(colon - raw->name), raw->name)
                                      : xstrdup("xmlns");
    const char *href = conf_xml_raw_attr(raw, decl);

    if (!href && parent)
        href = conf_xml_raw_attr(parent, decl);
    return href && *href ? href : NULL;
}

/* The index of the first child in namespace uri, or -1. */
ssize_t
conf_xml_raw_find_ns(const ConfXmlRaw *raw, const char *uri)
{
    for (size_t i = 0; raw && i < raw->nkids; i++) {
        const char *href = conf_xml_raw_ns_href(raw->kids[i], raw);

        if (href && uri && STREQ(href, uri))
            return (ssize_t)i;
    }
    return -1;
}

const ConfXmlRaw *
conf_xml_raw_kid(const ConfXmlRaw *raw, size_t i)
{
    return i < raw->nkids ? raw->kids[i] : NULL;
}

void
conf_xml_raw_drop_kid(ConfXmlRaw *raw, size_t i)
{
    if (i >= raw->nkids)
        return;
    conf_xml_raw_free(raw->kids[i]);
    memmove(raw->kids + i, raw->kids + i + 1, (raw->nkids - i - 1) * sizeof(*raw->kids));
    raw->nkids--;
}

void
conf_xml_raw_append_kid(ConfXmlRaw *raw, ConfXmlRaw *kid)
{
    raw->kids = xreallocarray(raw->kids, raw->nkids + 1, sizeof(*raw->kids));
    raw->kids[raw->nkids++] = kid;
    free(raw->text);
    raw->text = NULL;
}

/* Drops "prefix:" from every element name in the subtree that carries it,
 * and the declaration of that prefix from the top element ("" stands for
 * the default namespace: only its declaration goes). */
void
conf_xml_raw_strip_prefix(ConfXmlRaw *raw, const char *prefix)
{
    size_t plen = strlen(prefix);
    _cleanup_free_ char *decl = plen ? xasprintf("xmlns:%s", prefix) : xstrdup("xmlns");

    for (size_t i = 0; i + 1 < raw->nattrs; i += 2) {
        if (STRNEQ(raw->attrs[i], decl))
            continue;
        free(raw->attrs[i]);
        free(raw->attrs[i + 1]);
        memmove(raw->attrs + i, raw->attrs + i + 2, (raw->nattrs - i - 2) * sizeof(char *));
        raw->nattrs -= 2;
        break;
    }
    if (plen && strncmp(raw->name, prefix, plen) == 0 && raw->name[plen] == ':')
        memmove(raw->name, raw->name + plen + 1, strlen(raw->name + plen + 1) + 1);
    for (size_t i = 0; i < raw->nkids; i++)
        conf_xml_raw_strip_prefix(raw->kids[i], prefix);
}

/* One element as libxml2's xmlNodeDump prints it (double quotes, two
 * spaces a level), without the final newline. */
char *
conf_xml_raw_to_string(const ConfXmlRaw *raw)
{
    VireoBuf buf = VIREO_BUF_INIT;

    conf_xml_raw_format_q(&buf, raw, 0, '"');
    if (buf.len && buf.data[buf.len - 1] == '\n')
        buf.data[--buf.len] = '\0';
    return buf_steal(&buf);
}

void
conf_xml_raw_append_attr(ConfXmlRaw *raw, const char *name, const char *value)
{
    conf_xml_raw_add_attr(raw, xstrdup(name), xstrdup(value));
}

void
conf_xml_raw_insert_kid(ConfXmlRaw *raw, size_t i, ConfXmlRaw *kid)
{
    if (i > raw->nkids)
        i = raw->nkids;
    raw->kids = xreallocarray(raw->kids, raw->nkids + 1, sizeof(*raw->kids));
    memmove(raw->kids + i + 1, raw->kids + i, (raw->nkids - i) * sizeof(*raw->kids));
    raw->kids[i] = kid;
    raw->nkids++;
    free(raw->text);
    raw->text = NULL;
}

size_t
conf_xml_raw_kid_count(const ConfXmlRaw *raw)
{
    return raw ? raw->nkids : 0;
}
