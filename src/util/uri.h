/*
 * uri.h: connection URIs, driver[+transport]://[user@][host][:port]/[path][?query][#fragment].
 *
 * Parsing is strict and bounded: the input is hostile (it can arrive over the
 * wire in CONNECT_OPEN). Query values are URI-decoded; parameter order is
 * kept so unknown parameters can be passed on unmodified.
 */
#ifndef VIREO_UTIL_URI_H
#define VIREO_UTIL_URI_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *name;   /* decoded */
    char *value;  /* decoded; "" when the parameter had no '=' */
    bool ignore;  /* consumed by the client transport: not sent on */
} VireoUriParam;

/* Longest URI text accepted, and most query parameters kept. */
#define VIREO_URI_MAX 65536
#define VIREO_URI_PARAMS_MAX 256

typedef struct {
    char *scheme;     /* full scheme, e.g. "test+tcp" (lower-cased); NULL for
                       * a relative reference such as "default" */
    char *driver;     /* part before '+', e.g. "test"; NULL with scheme */
    char *transport;  /* part after '+', or NULL */
    char *user;       /* decoded, or NULL */
    char *server;     /* host without brackets ("::1" for "[::1]"), or NULL */
    int port;         /* 0 when absent */
    char *path;       /* decoded, or NULL */
    char *query;      /* raw query string (without '?'), or NULL */
    char *fragment;   /* raw fragment, or NULL */
    VireoUriParam *params;
    size_t nparams;
} VireoUri;

/* Parses text into a new VireoUri. Returns 0 and sets *ret_uri, or a negative
 * errno (-EINVAL) on malformed input. Does not report. */
int vireo_uri_parse(const char *text, VireoUri **ret_uri);

/* Frees uri and everything it owns; NULL is a no-op. */
void vireo_uri_free(VireoUri *uri);

/* Formats uri back to a string (malloc'ed). Parameters marked ignore are left
 * out; others are re-encoded. With strip_server, the transport, user, server
 * and port are dropped: the name a client sends in CONNECT_OPEN. */
char *vireo_uri_format(const VireoUri *uri, bool strip_server);

/* The parameters not marked ignore, as libvirt re-encodes them
 * ("name=escaped-value&..."), or NULL when there are none. */
char *vireo_uri_format_params(const VireoUri *uri);

/* Value of the first parameter called name, or NULL. */
const char *vireo_uri_param(const VireoUri *uri, const char *name);

#endif /* VIREO_UTIL_URI_H */
