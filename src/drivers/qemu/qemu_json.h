/*
 * qemu_json.h: a bounded JSON reader and a small writer for QMP.
 *
 * QMP messages come from a process we do not trust to be well-behaved (a
 * guest can influence some strings), so the reader has hard limits: the
 * caller's length, a nesting depth and an element count, checked before
 * anything is allocated. Numbers keep both an integer and a double view
 * because QMP sends byte counts beyond 2^53.
 */
#ifndef VIREO_DRIVERS_QEMU_JSON_H
#define VIREO_DRIVERS_QEMU_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

#define QEMU_JSON_MAX_DEPTH 64
#define QEMU_JSON_MAX_NODES (1024 * 1024)

typedef enum {
    QEMU_JSON_NULL,
    QEMU_JSON_BOOL,
    QEMU_JSON_NUMBER,
    QEMU_JSON_STRING,
    QEMU_JSON_ARRAY,
    QEMU_JSON_OBJECT,
} QemuJsonType;

typedef struct QemuJson QemuJson;
struct QemuJson {
    QemuJsonType type;
    bool boolean;
    bool is_int;          /* the number had no fraction/exponent and fits */
    long long integer;
    double number;
    char *str;            /* STRING: NUL-terminated (embedded NULs refused) */
    char **keys;          /* OBJECT: n keys */
    QemuJson **items;     /* ARRAY/OBJECT: n values */
    size_t n;
};

/* Parses exactly one JSON value from text[0..len) (surrounding whitespace
 * allowed). Returns 0 and sets *ret_value, -EINVAL on malformed input,
 * -E2BIG when the depth or node limits are exceeded. Does not report. */
int qemu_json_parse(const char *text, size_t len, QemuJson **ret_value);

void qemu_json_free(QemuJson *value);
DEFINE_FREEP(QemuJson, qemu_json_free)

/* Member key of an object (NULL when value is not an object or lacks it). */
const QemuJson *qemu_json_get(const QemuJson *value, const char *key);
/* String member, or NULL. */
const char *qemu_json_get_string(const QemuJson *value, const char *key);
/* Integer member: true and *ret set when present and integral. */
bool qemu_json_get_int(const QemuJson *value, const char *key, long long *ret);
/* Boolean member: true and *ret set when present. */
bool qemu_json_get_bool(const QemuJson *value, const char *key, bool *ret);

/* Appends s as a JSON string literal (quoted and escaped). */
void qemu_json_add_string(VireoBuf *buf, const char *s);

#endif /* VIREO_DRIVERS_QEMU_JSON_H */
