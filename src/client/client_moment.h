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
