/*
 * hash.h: a hash table from byte-string keys to pointers.
 *
 * Drivers keep objects in arrays (the order libvirt lists them in) and
 * need to find one by name or UUID without walking the array: with
 * thousands of domains a linear scan per lookup was the one cost that grew
 * with the host. Keys are copied into the table, so an entry stays valid
 * when the object's own copy of the key is freed or replaced; values are
 * borrowed. Keys are hashed with SipHash-1-3 under a per-process random
 * key, so names chosen by a client cannot be made to collide on purpose.
 * Not thread-safe: the owner's lock guards the table.
 */
#ifndef VIREO_UTIL_HASH_H
#define VIREO_UTIL_HASH_H

#include <stddef.h>
#include <string.h>

typedef struct UtilHash UtilHash;

/* An empty table. Aborts on out of memory. */
UtilHash *util_hash_new(void);
/* Frees the table and its key copies (not the values); NULL is a no-op. */
void util_hash_free(UtilHash *h);
/* The value stored under key (len bytes), or NULL. */
void *util_hash_lookup(const UtilHash *h, const void *key, size_t len);
/* Stores value under a copy of key. Returns 0, or -EEXIST (the table is
 * unchanged) when key is already there. */
int util_hash_insert(UtilHash *h, const void *key, size_t len, void *value);
/* Removes key; returns its value, or NULL when it was not there. */
void *util_hash_remove(UtilHash *h, const void *key, size_t len);
/* How many keys the table holds. */
size_t util_hash_count(const UtilHash *h);

/* The same for NUL-terminated string keys (the NUL is not part of it). */
static inline void *
util_hash_lookup_str(const UtilHash *h, const char *key)
{
    return util_hash_lookup(h, key, strlen(key));
}

static inline int
util_hash_insert_str(UtilHash *h, const char *key, void *value)
{
    return util_hash_insert(h, key, strlen(key), value);
}

static inline void *
util_hash_remove_str(UtilHash *h, const char *key)
{
    return util_hash_remove(h, key, strlen(key));
}

#endif /* VIREO_UTIL_HASH_H */
