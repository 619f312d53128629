/*
 * qemu_json.c: the bounded JSON reader (recursive descent over a cursor
 * with a depth budget) and the string writer.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/qemu/qemu_json.h"
#include "util/alloc.h"

typedef struct {
    const char *p;
    const char *end;
    size_t nodes;
} JsonCursor;

static int json_value(JsonCursor *c, int depth, QemuJson **ret);

static void
json_skip_ws(JsonCursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

static QemuJson *
json_node(JsonCursor *c, QemuJsonType type)
{
    QemuJson *v;

    if (++c->nodes > QEMU_JSON_MAX_NODES)
        return NULL;
    v = XNEW(QemuJson);
    v->type = type;
    return v;
}

static bool
json_literal(JsonCursor *c, const char *word)
{
    size_t n = strlen(word);

    if ((size_t)(c->end - c->p) < n || memcmp(c->p, word, n) != 0)
        return false;
    c->p += n;
    return true;
}

static int
json_hex4(JsonCursor *c, unsigned int *ret)
{
    unsigned int v = 0;

    if (c->end - c->p < 4)
        return -EINVAL;
    for (int i = 0; i < 4; i++) {
        char ch = *c->p++;
        v <<= 4;
        if (ch >= '0' && ch <= '9')
            v |= (unsigned)(ch - '0');
        else if (ch >= 'a' && ch <= 'f')
            v |= (unsigned)(ch - 'a' + 10);
        else if (ch >= 'A' && ch <= 'F')
            v |= (unsigned)(ch - 'A' + 10);
        else
            return -EINVAL;
    }
    *ret = v;
    return 0;
}

static void
json_put_utf8(VireoBuf *buf, unsigned int cp)
{
    char out[4];
    size_t n;

    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    buf_add_len(buf, out, n);
}

/* \uXXXX, with surrogate pairs joined; \u0000 is refused because strings
 * are handed on as C strings. */
static int
json_unicode_escape(JsonCursor *c, VireoBuf *buf)
{
    unsigned int cp, lo;

    if (json_hex4(c, &cp) < 0 || cp == 0)
        return -EINVAL;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (c->end - c->p < 6 || c->p[0] != '\\' || c->p[1] != 'u')
            return -EINVAL;
        c->p += 2;
        if (json_hex4(c, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
            return -EINVAL;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return -EINVAL;
    }
    json_put_utf8(buf, cp);
    return 0;
}

static int
json_string_raw(JsonCursor *c, char **ret)
{
    VireoBuf buf = VIREO_BUF_INIT;
    static const char esc_in[] = "\"\\/bfnrt";
    static const char esc_out[] = "\"\\/\b\f\n\r\t";

    if (c->p >= c->end || *c->p != '"')
        return -EINVAL;
    c->p++;
    buf_add(&buf, "");
    while (c->p < c->end && *c->p != '"') {
        unsigned char ch = (unsigned char)*c->p++;
        if (ch < 0x20)
            goto error;
        if (ch != '\\') {
            buf_add_char(&buf, (char)ch);
            continue;
        }
        if (c->p >= c->end)
            goto error;
        ch = (unsigned char)*c->p++;
        if (ch == 'u') {
            if (json_unicode_escape(c, &buf) < 0)
                goto error;
        } else {
            const char *at = ch ? strchr(esc_in, ch) : NULL;
            if (!at)
                goto error;
            buf_add_char(&buf, esc_out[at - esc_in]);
        }
    }
    if (c->p >= c->end)
        goto error;
    c->p++;
    *ret = buf_steal(&buf);
    return 0;
error:
    buf_reset(&buf);
    return -EINVAL;
}

static int
json_number(JsonCursor *c, QemuJson *v)
{
    const char *start = c->p;
    bool integral = true;
    char tmp[64];
    size_t n;

    if (c->p < c->end && *c->p == '-')
        c->p++;
    if (c->p >= c->end || *c->p < '0' || *c->p > '9')
        return -EINVAL;
    while (c->p < c->end && ((*c->p >= '0' && *c->p <= '9') || *c->p == '.' || *c->p == 'e' ||
                             *c->p == 'E' || *c->p == '+' || *c->p == '-')) {
        if (*c->p == '.' || *c->p == 'e' || *c->p == 'E')
            integral = false;
        c->p++;
    }
    n = (size_t)(c->p - start);
    if (n >= sizeof(tmp))
        return -EINVAL;
    memcpy(tmp, start, n);
    tmp[n] = '\0';
    char *end;
    errno = 0;
    v->number = strtod(tmp, &end);
    if (*end || !isfinite(v->number))
        return -EINVAL;
    if (integral) {
        errno = 0;
        v->integer = strtoll(tmp, &end, 10);
        if (errno == 0 && !*end) {
            v->is_int = true;
        } else if (tmp[0] != '-') {
            /* QMP sends u64 values above INT64_MAX (max-bandwidth) */
            unsigned long long u;
            errno = 0;
            u = strtoull(tmp, &end, 10);
            v->is_int = errno == 0 && !*end;
            v->integer = (long long)u;
        }
    }
    return 0;
}

static int
json_container(JsonCursor *c, int depth, QemuJson *v, char close)
{
    bool object = close == '}';

    c->p++;
    json_skip_ws(c);
    if (c->p < c->end && *c->p == close) {
        c->p++;
        return 0;
    }
    for (;;) {
        char *key = NULL;
        QemuJson *item = NULL;
        int rc;

        json_skip_ws(c);
        if (object) {
            if ((rc = json_string_raw(c, &key)) < 0)
                return rc;
            json_skip_ws(c);
            if (c->p >= c->end || *c->p != ':') {
                free(key);
                return -EINVAL;
            }
            c->p++;
        }
        if ((rc = json_value(c, depth + 1, &item)) < 0) {
            free(key);
            return rc;
        }
        v->items = xreallocarray(v->items, v->n + 1, sizeof(*v->items));
        if (object)
            v->keys = xreallocarray(v->keys, v->n + 1, sizeof(*v->keys));
        v->items[v->n] = item;
        if (object)
            v->keys[v->n] = key;
        v->n++;
        json_skip_ws(c);
        if (c->p >= c->end)
            return -EINVAL;
        if (*c->p == close) {
            c->p++;
            return 0;
        }
        if (*c->p != ',')
            return -EINVAL;
        c->p++;
    }
}

static int
json_value(JsonCursor *c, int depth, QemuJson **ret)
{
    _cleanup_(qemu_json_freep) QemuJson *v = NULL;
    QemuJsonType type;
    int rc = 0;

    if (depth > QEMU_JSON_MAX_DEPTH)
        return -E2BIG;
    json_skip_ws(c);
    if (c->p >= c->end)
        return -EINVAL;
    switch (*c->p) {
    case '{': type = QEMU_JSON_OBJECT; break;
    case '[': type = QEMU_JSON_ARRAY; break;
    case '"': type = QEMU_JSON_STRING; break;
    case 't': case 'f': type = QEMU_JSON_BOOL; break;
    case 'n': type = QEMU_JSON_NULL; break;
    default: type = QEMU_JSON_NUMBER; break;
    }
    if (!(v = json_node(c, type)))
        return -E2BIG;
    if (type == QEMU_JSON_OBJECT || type == QEMU_JSON_ARRAY)
        rc = json_container(c, depth, v, type == QEMU_JSON_OBJECT ? '}' : ']');
    else if (type == QEMU_JSON_STRING)
        rc = json_string_raw(c, &v->str);
    else if (type == QEMU_JSON_NULL)
        rc = json_literal(c, "null") ? 0 : -EINVAL;
    else if (type == QEMU_JSON_BOOL)
        rc = json_literal(c, "true") ? (v->boolean = true, 0) : json_literal(c, "false") ? 0 : -EINVAL;
    else
        rc = json_number(c, v);
    if (rc < 0)
        return rc;
    *ret = TAKE_PTR(v);
    return 0;
}

int
qemu_json_parse(const char *text, size_t len, QemuJson **ret_value)
{
    JsonCursor c = { text, text + len, 0 };
    QemuJson *v = NULL;
    int rc;

    if ((rc = json_value(&c, 0, &v)) < 0)
        return rc;
    json_skip_ws(&c);
    if (c.p != c.end) {
        qemu_json_free(v);
        return -EINVAL;
    }
    *ret_value = v;
    return 0;
}

void
qemu_json_free(QemuJson *value)
{
    if (!value)
        return;
    for (size_t i = 0; i < value->n; i++) {
        qemu_json_free(value->items[i]);
        if (value->keys)
            free(value->keys[i]);
    }
    free(value->items);
    free(value->keys);
    free(value->str);
    free(value);
}

const QemuJson *
qemu_json_get(const QemuJson *value, const char *key)
{
    if (!value || value->type != QEMU_JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < value->n; i++)
        if (STREQ(value->keys[i], key))
            return value->items[i];
    return NULL;
}

const char *
qemu_json_get_string(const QemuJson *value, const char *key)
{
    const QemuJson *v = qemu_json_get(value, key);

    return v && v->type == QEMU_JSON_STRING ? v->str : NULL;
}

bool
qemu_json_get_int(const QemuJson *value, const char *key, long long *ret)
{
    const QemuJson *v = qemu_json_get(value, key);

    if (!v || v->type != QEMU_JSON_NUMBER || !v->is_int)
        return false;
    *ret = v->integer;
    return true;
}

bool
qemu_json_get_bool(const QemuJson *value, const char *key, bool *ret)
{
    const QemuJson *v = qemu_json_get(value, key);

    if (!v || v->type != QEMU_JSON_BOOL)
        return false;
    *ret = v->boolean;
    return true;
}

void
qemu_json_add_string(VireoBuf *buf, const char *s)
{
    buf_add_char(buf, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            buf_add_char(buf, '\\');
            buf_add_char(buf, (char)*p);
        } else if (*p < 0x20) {
            buf_addf(buf, "\\u%04x", *p);
        } else {
            buf_add_char(buf, (char)*p);
        }
    }
    buf_add_char(buf, '"');
}
