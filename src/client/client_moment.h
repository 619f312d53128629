/*
 * client_moment.h: what the snapshot and checkpoint entry points share:
 * libvirt's flag combination checks (VIR_EXCLUSIVE_FLAGS_GOTO and
 * VIR_REQUIRE_FLAG_GOTO), reported in the caller's error family.
 */
#ifndef VIREO_CLIENT_CLIENT_MOMENT_H
#define VIREO_CLIENT_CLIENT_MOMENT_H

#include <stdbool.h>

#include "client/client_objects.h"

/* When flags break the rule (exclusive: a and b together; otherwise: a
 * without b), reports INVALID_ARG in domain with libvirt's text, dispatches
 * it on conn and returns true. */
bool client_moment_flags_clash(virConnectPtr conn, int domain, unsigned int flags,
                               unsigned int a, const char *a_name, unsigned int b,
                               const char *b_name, bool exclusive, const char *api);

/* A snapshot or checkpoint handle is usable when it, its domain (dom) and
 * that domain's connection are; otherwise reports code (libvirt's
 * INVALID_DOMAIN_SNAPSHOT / _CHECKPOINT) in family, dispatches it and
 * returns false. */
bool client_moment_ok(virDomainPtr dom, int family, int code, const char *api);

/* Resets the error, then returns errval from the caller unless the handle
 * m is usable (see client_moment_ok). */
#define CLIENT_ENTER_MOMENT(m, code, errval) \
    do { \
        virResetLastError(); \
        if (!client_moment_ok((m) ? (m)->domain : NULL, VIR_FROM_THIS, (code), __func__)) \
            return errval; \
    } while (0)

/* A read-only connection may not ask for the secure XML (secure): then
 * reports OPERATION_DENIED in family, dispatches it on conn and returns
 * true. */
bool client_moment_secure_denied(virConnectPtr conn, bool secure, int family, const char *api);

#define CLIENT_EXCLUSIVE(conn, A, B, errval) \
    do { \
        if (client_moment_flags_clash((conn), VIR_FROM_THIS, flags, A, #A, B, #B, true, \
                                      __func__)) \
            return errval; \
    } while (0)
#define CLIENT_REQUIRE(conn, A, B, errval) \
    do { \
        if (client_moment_flags_clash((conn), VIR_FROM_THIS, flags, A, #A, B, #B, false, \
                                      __func__)) \
            return errval; \
    } while (0)

#endif /* VIREO_CLIENT_CLIENT_MOMENT_H */
