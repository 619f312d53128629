/*
 * hash.c: a chained hash table with copied byte-string keys (hash.h).
 *
 * Buckets are singly linked entries that carry their key inline and its
 * full hash, so a lookup compares keys only when the hashes agree. The
 * bucket array doubles when the table holds more keys than buckets and is
 * never shrunk: tables here follow object lists that rarely shrink much.
 */
#include "util/hash.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "util/alloc.h"

#define UTIL_HASH_MIN_BUCKETS 16

typedef struct UtilHashEntry {
    struct UtilHashEntry *next;
    uint64_t hash;
    void *value;
    size_t len;
    unsigned char key[];
} UtilHashEntry;

struct UtilHash {
    UtilHashEntry **buckets;
    size_t nbuckets;             /* a power of two */
    size_t count;
};

/* The process's SipHash key: random, chosen once. */
static uint64_t hash_k0, hash_k1;
static pthread_once_t hash_key_once = PTHREAD_ONCE_INIT;

static void
hash_key_init(void)
{
    uint64_t k[2];

    /* Without getrandom (very old kernels) the table still works; it only
     * loses its resistance to chosen collisions. */
    if (getrandom(k, sizeof(k), GRND_NONBLOCK) != (ssize_t)sizeof(k)) {
        k[0] = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
        k[1] = (uint64_t)(uintptr_t)&hash_k0 ^ 0x9e3779b97f4a7c15ull;
    }
    hash_k0 = k[0];
    hash_k1 = k[1];
}

static inline uint64_t
hash_rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

#define HASH_SIPROUND(v0, v1, v2, v3) \
    do { \
        v0 += v1; v1 = hash_rotl(v1, 13); v1 ^= v0; v0 = hash_rotl(v0, 32); \
        v2 += v3; v3 = hash_rotl(v3, 16); v3 ^= v2; \
        v0 += v3; v3 = hash_rotl(v3, 21); v3 ^= v0; \
        v2 += v1; v1 = hash_rotl(v1, 17); v1 ^= v2; v2 = hash_rotl(v2, 32); \
    } while (0)

/* SipHash-1-3 of len bytes at data under (hash_k0, hash_k1). */
static uint64_t
hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t v0 = hash_k0 ^ 0x736f6d6570736575ull;
    uint64_t v1 = hash_k1 ^ 0x646f72616e646f6dull;
    uint64_t v2 = hash_k0 ^ 0x6c7967656e657261ull;
    uint64_t v3 = hash_k1 ^ 0x7465646279746573ull;
    uint64_t m, last = (uint64_t)len << 56;
    size_t i, tail = len & 7;

    for (i = 0; i + 8 <= len; i += 8) {
        memcpy(&m, p + i, 8); /* little-endian hosts; the value only feeds a table */
        v3 ^= m;
        HASH_SIPROUND(v0, v1, v2, v3);
        v0 ^= m;
    }
    for (size_t j = 0; j < tail; j++)
        last |= (uint64_t)p[i + j] << (8 * j);
    v3 ^= last;
    HASH_SIPROUND(v0, v1, v2, v3);
    v0 ^= last;
    v2 ^= 0xff;
    HASH_SIPROUND(v0, v1, v2, v3);
    HASH_SIPROUND(v0, v1, v2, v3);
    HASH_SIPROUND(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

UtilHash *
util_hash_new(void)
{
    UtilHash *h = XNEW(UtilHash);

    pthread_once(&hash_key_once, hash_key_init);
    h->nbuckets = UTIL_HASH_MIN_BUCKETS;
    h->buckets = XNEW_ARRAY(UtilHashEntry *, h->nbuckets);
    return h;
}

void
util_hash_free(UtilHash *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->nbuckets; i++) {
        UtilHashEntry *e = h->buckets[i], *next;

        for (; e; e = next) {
            next = e->next;
            free(e);
        }
    }
    free(h->buckets);
    free(h);
}

/* The link that points at key's entry, or at the NULL ending its bucket. */
static UtilHashEntry **
hash_find(const UtilHash *h, const void *key, size_t len, uint64_t hash)
{
    UtilHashEntry **pp = &h->buckets[hash & (h->nbuckets - 1)];

    for (; *pp; pp = &(*pp)->next) {
        if ((*pp)->hash == hash && (*pp)->len == len && memcmp((*pp)->key, key, len) == 0)
            break;
    }
    return pp;
}

void *
util_hash_lookup(const UtilHash *h, const void *key, size_t len)
{
    UtilHashEntry *e = *hash_find(h, key, len, hash_bytes(key, len));

    return e ? e->value : NULL;
}

/* Doubles the bucket array, relinking every entry by its stored hash. */
static void
hash_grow(UtilHash *h)
{
    size_t n = h->nbuckets * 2;
    UtilHashEntry **b = XNEW_ARRAY(UtilHashEntry *, n);

    for (size_t i = 0; i < h->nbuckets; i++) {
        UtilHashEntry *e = h->buckets[i], *next;

        for (; e; e = next) {
            next = e->next;
            e->next = b[e->hash & (n - 1)];
            b[e->hash & (n - 1)] = e;
        }
    }
    free(h->buckets);
    h->buckets = b;
    h->nbuckets = n;
}

int
util_hash_insert(UtilHash *h, const void *key, size_t len, void *value)
{
    uint64_t hash = hash_bytes(key, len);
    UtilHashEntry **pp = hash_find(h, key, len, hash);
    UtilHashEntry *e;

    if (*pp)
        return -EEXIST;
    e = xmalloc(sizeof(*e) + len);
    e->next = NULL;
    e->hash = hash;
    e->value = value;
    e->len = len;
    memcpy(e->key, key, len);
    *pp = e;
    if (++h->count > h->nbuckets)
        hash_grow(h);
    return 0;
}

void *
util_hash_remove(UtilHash *h, const void *key, size_t len)
{
    UtilHashEntry **pp = hash_find(h, key, len, hash_bytes(key, len));
    UtilHashEntry *e = *pp;
    void *value;

    if (!e)
        return NULL;
    *pp = e->next;
    value = e->value;
    free(e);
    h->count--;
    return value;
}

size_t
util_hash_count(const UtilHash *h)
{
    return h->count;
}
