/*
 * conf_file.h: the libvirtd.conf grammar, read into a list of settings.
 *
 * This layer knows only the syntax (PROTOCOL.md §7.1): `name = value`
 * statements separated by newlines or ';', '#' comments, strings in "...",
 * '...' or """...""", integers with an optional sign, and [ ... ] lists. It
 * does not know which names exist or what type they need: that is the typed
 * table in config.c. Keeping the two apart lets the table give every type
 * error with the line it came from, and lets later daemons (an admin server,
 * a reload) reuse the grammar.
 *
 * The input is treated as hostile: the size is bounded, lists nest at most
 * CONF_FILE_MAX_DEPTH deep, integers are checked for overflow, and NUL bytes
 * are refused. Nothing here aborts except on out of memory.
 */
#ifndef VIREO_DAEMON_CONF_FILE_H
#define VIREO_DAEMON_CONF_FILE_H

#include <stdbool.h>
#include <stddef.h>

#define CONF_FILE_MAX_SIZE (1024 * 1024) /* bytes; real configs are a few KiB */
#define CONF_FILE_MAX_DEPTH 8            /* nesting of [ ... ] lists */

typedef enum {
    CONF_VALUE_INTEGER,
    CONF_VALUE_STRING,
    CONF_VALUE_LIST,
} ConfValueType;

typedef struct ConfValue ConfValue;
struct ConfValue {
    ConfValueType type;
    bool negative;             /* INTEGER: written with a leading '-' (even "-0") */
    unsigned long long magnitude; /* INTEGER: the digits' value */
    char *str;                 /* STRING: owned, NUL-terminated, never contains NUL */
    ConfValue *items;          /* LIST: owned array of nitems values */
    size_t nitems;
};

typedef struct {
    char *name;       /* owned */
    ConfValue value;  /* owned */
    unsigned int line; /* line the name is on, from 1 */
} ConfEntry;

typedef struct {
    char *path;          /* owned: the name used in messages */
    ConfEntry *entries;  /* owned, in file order (duplicates kept) */
    size_t nentries;
} ConfFile;

/* Parses len bytes of text; path is only used in messages. On success
 * stores a new ConfFile in *ret_file and returns 0. On a syntax error
 * returns -1 and stores an allocated message "PATH:LINE: [KEY: ]what" in
 * *errmsg (the caller frees it); *ret_file is untouched. Does not report. */
int conf_file_parse(const char *path, const char *text, size_t len, ConfFile **ret_file,
                    char **errmsg);

/* Reads and parses the file at path. A missing file gives -ENOENT (with
 * *errmsg set) so the caller can decide whether that is fine; every other
 * failure gives -1 with *errmsg set. 0 on success. */
int conf_file_read(const char *path, ConfFile **ret_file, char **errmsg);

/* The first entry named name (the first occurrence wins), or NULL. */
const ConfEntry *conf_file_lookup(const ConfFile *file, const char *name);

/* Frees file and everything it owns. NULL is a no-op. */
void conf_file_free(ConfFile *file);

/* The type's name for messages: "an integer", "a string", "a list". */
const char *conf_value_type_text(const ConfValue *value);

#endif /* VIREO_DAEMON_CONF_FILE_H */
