/*
 * uri.c: connection URIs, parsed strictly and within bounds.
 *
 * A URI may arrive over the wire (CONNECT_OPEN), so the parser accepts only
 * RFC 3986 characters, checks every escape, refuses embedded NULs and caps
 * the total length before allocating anything.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/uri.h"

/* Characters that may appear literally, by component (besides ALPHA, DIGIT,
 * "-._~" and %XX escapes). */
#define SUB_DELIMS "!$&'()*+,;="
#define PATH_EXTRA SUB_DELIMS ":@/"
#define QUERY_EXTRA SUB_DELIMS ":@/?"
#define USER_EXTRA SUB_DELIMS ":"
#define HOST_EXTRA SUB_DELIMS

static bool
uri_is_unreserved(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static int
uri_hex(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Checks that s[0..len) holds only unreserved characters, valid %XX escapes
 * and characters from extra. */
static bool
uri_span_valid(const char *s, size_t len, const char *extra)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '%') {
            if (i + 2 >= len)
                return false;
            if (uri_hex((unsigned char)s[i + 1]) < 0 || uri_hex((unsigned char)s[i + 2]) < 0)
                return false;
            i += 2;
        } else if (!uri_is_unreserved(c) && (c == '\0' || !strchr(extra, c))) {
            return false;
        }
    }
    return true;
}

/* Decodes %XX escapes of an already validated span into a new string.
 * Returns -EINVAL when the result would contain a NUL byte. */
static int
uri_unescape(const char *s, size_t len, char **ret_out)
{
    char *out = xmalloc(len + 1);
    size_t o = 0;

    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%') {
            int v = uri_hex((unsigned char)s[i + 1]) * 16 + uri_hex((unsigned char)s[i + 2]);

            if (v == 0) {
                free(out);
                return -EINVAL;
            }
            out[o++] = (char)v;
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    *ret_out = out;
    return 0;
}

static int
uri_param_add(VireoUri *uri, const char *name, size_t name_len, const char *value,
              size_t value_len)
{
    _cleanup_free_ char *n = NULL;
    _cleanup_free_ char *v = NULL;
    VireoUriParam *p;

    if (uri_unescape(name, name_len, &n) < 0 || uri_unescape(value, value_len, &v) < 0)
        return -EINVAL;
    if (uri->nparams >= VIREO_URI_PARAMS_MAX)
        return -EINVAL;
    uri->params = xreallocarray(uri->params, uri->nparams + 1, sizeof(*uri->params));
    p = &uri->params[uri->nparams++];
    p->name = TAKE_PTR(n);
    p->value = TAKE_PTR(v);
    p->ignore = false;
    return 0;
}

/* Splits the query into parameters the way libvirt does: sections separated
 * by '&' or ';', "name" alone means an empty value, "=value" is skipped. */
static int
uri_parse_params(VireoUri *uri)
{
    const char *q = uri->query;

    while (q && *q) {
        size_t len = strcspn(q, "&;");
        const char *eq = memchr(q, '=', len);

        if (len > 0 && eq != q) {
            int r = eq ? uri_param_add(uri, q, (size_t)(eq - q), eq + 1,
                                       len - (size_t)(eq - q) - 1)
                       : uri_param_add(uri, q, len, "", 0);
            if (r < 0)
                return r;
        }
        q += len;
        if (*q)
            q++;
    }
    return 0;
}

/* Scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), kept as written:
 * driver names are case-sensitive, as in libvirt ("TEST:///default" names no
 * driver); only the transport is lower-cased, for matching. Returns
 * the length consumed including ':', 0 when text has no scheme, or -EINVAL. */
static int
uri_parse_scheme(VireoUri *uri, const char *text)
{
    size_t len = strcspn(text, ":/?#");
    const char *plus;

    if (text[len] != ':')
        return 0;
    if (len == 0 || !isalpha((unsigned char)text[0]))
        return -EINVAL;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];

        if (!isalnum(c) && c != '+' && c != '-' && c != '.')
            return -EINVAL;
    }
    uri->scheme = xstrndup(text, len);
    plus = strchr(uri->scheme, '+');
    if (plus) {
        if (plus == uri->scheme || plus[1] == '\0' || strchr(plus + 1, '+'))
            return -EINVAL;
        uri->driver = xstrndup(uri->scheme, (size_t)(plus - uri->scheme));
        uri->transport = xstrdup(plus + 1);
        for (char *c = uri->transport; *c; c++)
            *c = (char)tolower((unsigned char)*c);
    } else {
        uri->driver = xstrdup(uri->scheme);
    }
    return (int)len + 1;
}

static int
uri_parse_port(VireoUri *uri, const char *s, size_t len)
{
    long port = 0;

    if (len > 5)
        return -EINVAL;
    for (size_t i = 0; i < len; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -EINVAL;
        port = port * 10 + (s[i] - '0');
    }
    if (port > 65535)
        return -EINVAL;
    uri->port = (int)port;
    return 0;
}

/* host: "[" IPv6 "]" or a registered name / IPv4 address. */
static int
uri_parse_host(VireoUri *uri, const char *s, size_t len, size_t *ret_used)
{
    size_t n;

    if (len > 0 && s[0] == '[') {
        const char *close = memchr(s, ']', len);

        if (!close || close == s + 1)
            return -EINVAL;
        n = (size_t)(close - s - 1);
        if (strspn(s + 1, "0123456789abcdefABCDEF:.") < n || !memchr(s + 1, ':', n))
            return -EINVAL;
        uri->server = xstrndup(s + 1, n);
        *ret_used = n + 2;
        return 0;
    }
    n = 0;
    while (n < len && s[n] != ':')
        n++;
    if (!uri_span_valid(s, n, HOST_EXTRA))
        return -EINVAL;
    if (n > 0 && uri_unescape(s, n, &uri->server) < 0)
        return -EINVAL;
    *ret_used = n;
    return 0;
}

/* authority: [ userinfo "@" ] host [ ":" port ] */
static int
uri_parse_authority(VireoUri *uri, const char *s, size_t len)
{
    const char *at = NULL;
    size_t used = 0;

    for (size_t i = 0; i < len; i++)
        if (s[i] == '@')
            at = s + i;
    if (at) {
        size_t ulen = (size_t)(at - s);

        if (!uri_span_valid(s, ulen, USER_EXTRA) || uri_unescape(s, ulen, &uri->user) < 0)
            return -EINVAL;
        len -= ulen + 1;
        s = at + 1;
    }
    if (uri_parse_host(uri, s, len, &used) < 0)
        return -EINVAL;
    if (used == len)
        return 0;
    if (s[used] != ':')
        return -EINVAL;
    return uri_parse_port(uri, s + used + 1, len - used - 1);
}

static int
uri_parse_rest(VireoUri *uri, const char *p)
{
    size_t len;

    if (p[0] == '/' && p[1] == '/') {
        p += 2;
        len = strcspn(p, "/?#");
        if (uri_parse_authority(uri, p, len) < 0)
            return -EINVAL;
        p += len;
    }
    len = strcspn(p, "?#");
    if (!uri_span_valid(p, len, PATH_EXTRA))
        return -EINVAL;
    if (len > 0 && uri_unescape(p, len, &uri->path) < 0)
        return -EINVAL;
    p += len;
    if (*p == '?') {
        len = strcspn(++p, "#");
        if (!uri_span_valid(p, len, QUERY_EXTRA))
            return -EINVAL;
        uri->query = xstrndup(p, len);
        p += len;
    }
    if (*p == '#') {
        len = strlen(++p);
        if (!uri_span_valid(p, len, QUERY_EXTRA))
            return -EINVAL;
        uri->fragment = xstrndup(p, len);
    }
    return uri_parse_params(uri);
}

int
vireo_uri_parse(const char *text, VireoUri **ret_uri)
{
    VireoUri *uri;
    int n;

    if (!text || strnlen(text, VIREO_URI_MAX + 1) > VIREO_URI_MAX)
        return -EINVAL;
    uri = XNEW(VireoUri);
    n = uri_parse_scheme(uri, text);
    if (n < 0 || uri_parse_rest(uri, text + n) < 0) {
        vireo_uri_free(uri);
        return -EINVAL;
    }
    *ret_uri = uri;
    return 0;
}

void
vireo_uri_free(VireoUri *uri)
{
    if (!uri)
        return;
    free(uri->scheme);
    free(uri->driver);
    free(uri->transport);
    free(uri->user);
    free(uri->server);
    free(uri->path);
    free(uri->query);
    free(uri->fragment);
    for (size_t i = 0; i < uri->nparams; i++) {
        free(uri->params[i].name);
        free(uri->params[i].value);
    }
    free(uri->params);
    free(uri);
}

char *
vireo_uri_format_params(const VireoUri *uri)
{
    VireoBuf buf = VIREO_BUF_INIT;
    bool first = true;

    for (size_t i = 0; i < uri->nparams; i++) {
        if (uri->params[i].ignore)
            continue;
        if (!first)
            buf_add_char(&buf, '&');
        /* libvirt copies names verbatim; escaping them as well changes
         * nothing for real parameter names and keeps the result parseable. */
        buf_add_uri_escaped(&buf, uri->params[i].name, NULL);
        buf_add_char(&buf, '=');
        buf_add_uri_escaped(&buf, uri->params[i].value, NULL);
        first = false;
    }
    return first ? NULL : buf_steal(&buf);
}

char *
vireo_uri_format(const VireoUri *uri, bool strip_server)
{
    VireoBuf buf = VIREO_BUF_INIT;
    _cleanup_free_ char *query = vireo_uri_format_params(uri);
    const char *scheme = strip_server ? uri->driver : uri->scheme;

    bool authority = !strip_server && (uri->user || uri->server || uri->port);

    if (scheme) {
        buf_add(&buf, scheme);
        buf_add_char(&buf, ':');
        /* libvirt always writes "//" ("test:///default", "xen://"), except
         * that a relative path ("foo:bar") must not be mistaken for a host. */
        if (!uri->path || uri->path[0] == '/')
            authority = true;
    }
    if (uri->path && strncmp(uri->path, "//", 2) == 0)
        authority = true; /* or the path's first segment would become a host */
    if (authority)
        buf_add(&buf, "//");
    if (!strip_server) {
        if (uri->user) {
            buf_add_uri_escaped(&buf, uri->user, USER_EXTRA);
            buf_add_char(&buf, '@');
        }
        if (uri->server && strchr(uri->server, ':'))
            buf_addf(&buf, "[%s]", uri->server);
        else
            buf_add_uri_escaped(&buf, uri->server, HOST_EXTRA);
        if (uri->port > 0)
            buf_addf(&buf, ":%d", uri->port);
    }
    buf_add_uri_escaped(&buf, uri->path, PATH_EXTRA);
    if (query)
        buf_addf(&buf, "?%s", query);
    if (uri->fragment)
        buf_addf(&buf, "#%s", uri->fragment);
    return buf_steal(&buf);
}

const char *
vireo_uri_param(const VireoUri *uri, const char *name)
{
    for (size_t i = 0; i < uri->nparams; i++)
        if (strcmp(uri->params[i].name, name) == 0)
            return uri->params[i].value;
    return NULL;
}
