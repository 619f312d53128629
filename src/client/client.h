/*
 * client.h: the shared prologue and epilogue of every public API entry
 * point (the files of src/client).
 *
 * Each entry point resets the thread's error, validates its handle and
 * arguments with libvirt's exact error texts, refuses state changes on
 * read-only connections (one table, readonly.c), calls the driver method
 * and, on failure, dispatches the error to the connection and callbacks.
 * The macros below keep that sequence identical everywhere.
 *
 * Each .c file defines VIR_FROM_THIS (the API family's error domain, as in
 * libvirt) before including this header.
 */
#ifndef VIREO_CLIENT_CLIENT_H
#define VIREO_CLIENT_CLIENT_H

#include <libvirt/libvirt.h>

#include "drivers/driver.h"
#include "drivers/handles.h"
#include "util/error.h"

/* Reports VIR_ERR_OPERATION_DENIED in the API family's domain when conn is
 * read-only and api (with these flags) changes state according to the
 * table in readonly.c. Returns 0 when the call may proceed, -1 after
 * reporting and dispatching. */
int client_check_writable(virConnectPtr conn, const char *api, unsigned int flags);

/* Reports VIR_ERR_NO_SUPPORT naming api in domain and dispatches. */
void client_report_unsupported(virConnectPtr conn, int domain, const char *api);

/* The read-only table, for tests and documentation: entry i (NULL past the
 * end) and the error domain its denial uses. */
const char *client_write_api_name(size_t i, int *ret_domain, unsigned int *ret_flags);

/* Validity of handles: libvirt's INVALID_* errors when a handle (or the
 * connection behind it) is NULL. Each reports, dispatches and returns false. */
/* libvirt's checks of typed parameters about to be set (domain_params.c):
 * names terminated, strings only when the driver takes them, never NULL. */
int client_typed_params_validate_set(virConnectPtr conn, virTypedParameterPtr params,
                                     int nparams, const char *api);
bool client_conn_ok(virConnectPtr conn, int domain, const char *api);
bool client_domain_ok(virDomainPtr dom, const char *api);
bool client_network_ok(virNetworkPtr net, const char *api);
bool client_pool_ok(virStoragePoolPtr pool, const char *api);
bool client_vol_ok(virStorageVolPtr vol, const char *api);

/* Opens a connection: the body of virConnectOpen{,ReadOnly,Auth}. */
virConnectPtr client_connect_open(const char *name, virConnectAuthPtr auth, unsigned int flags);

#define CLIENT_ENTER_CONN(conn, errval) \
    do { \
        virResetLastError(); \
        if (!client_conn_ok((conn), VIR_FROM_THIS, __func__)) \
            return errval; \
    } while (0)

#define CLIENT_ENTER_DOMAIN(dom, errval) \
    do { \
        virResetLastError(); \
        if (!client_domain_ok((dom), __func__)) \
            return errval; \
    } while (0)

#define CLIENT_ENTER_NETWORK(net, errval) \
    do { \
        virResetLastError(); \
        if (!client_network_ok((net), __func__)) \
            return errval; \
    } while (0)

#define CLIENT_ENTER_POOL(pool, errval) \
    do { \
        virResetLastError(); \
        if (!client_pool_ok((pool), __func__)) \
            return errval; \
    } while (0)

#define CLIENT_ENTER_VOL(vol, errval) \
    do { \
        virResetLastError(); \
        if (!client_vol_ok((vol), __func__)) \
            return errval; \
    } while (0)

/* Refuses the call when the table says it changes state and conn is RO. */
#define CLIENT_CHECK_WRITABLE(conn, flags, errval) \
    do { \
        if (client_check_writable((conn), __func__, (flags)) < 0) \
            return errval; \
    } while (0)

/* libvirt's non-NULL argument check: "<arg> in <api> must not be NULL". */
#define CLIENT_CHECK_NONNULL(conn, arg, errval) \
    do { \
        if (!(arg)) { \
            vir_report_invalid_arg(arg, "%s in %s must not be NULL", #arg, __func__); \
            vir_error_dispatch((conn), __func__); \
            return errval; \
        } \
    } while (0)

/* A caller-allocated array may be NULL only when its size is 0. */
#define CLIENT_CHECK_ARRAY(conn, arg, size, errval) \
    do { \
        if (!(arg) && (size) > 0) { \
            vir_report_invalid_arg(arg, "%s in %s must not be NULL", #arg, __func__); \
            vir_error_dispatch((conn), __func__); \
            return errval; \
        } \
    } while (0)

#define CLIENT_CHECK_NONNEGATIVE(conn, arg, errval) \
    do { \
        if ((arg) < 0) { \
            vir_report_invalid_arg(arg, "%s in %s must be zero or greater", #arg, __func__); \
            vir_error_dispatch((conn), __func__); \
            return errval; \
        } \
    } while (0)

#define CLIENT_CHECK_POSITIVE(conn, arg, errval) \
    do { \
        if ((arg) <= 0) { \
            vir_report_invalid_arg(arg, "%s in %s must be greater than zero", #arg, __func__); \
            vir_error_dispatch((conn), __func__); \
            return errval; \
        } \
    } while (0)

#define CLIENT_CHECK_NONZERO(conn, arg, errval) \
    do { \
        if ((arg) == 0) { \
            vir_report_invalid_arg(arg, "%s in %s must not be zero", #arg, __func__); \
            vir_error_dispatch((conn), __func__); \
            return errval; \
        } \
    } while (0)

/* How each return type signals failure. */
#define CLIENT_FAILED_NEG(r) ((r) < 0)
#define CLIENT_FAILED_NULL(r) ((r) == NULL)
#define CLIENT_FAILED_ZERO(r) ((r) == 0)

/* Calls conn->driver->method(args...) and returns its result, dispatching
 * the error when failed(result); NULL method answers VIR_ERR_NO_SUPPORT. */
#define CLIENT_FORWARD(conn, method, failed, errval, ...) \
    do { \
        virConnectPtr fwd_conn_ = (conn); \
        if (!fwd_conn_->driver->method) { \
            client_report_unsupported(fwd_conn_, VIR_FROM_THIS, __func__); \
            return errval; \
        } \
        __typeof__(fwd_conn_->driver->method(__VA_ARGS__)) fwd_ret_ = \
            fwd_conn_->driver->method(__VA_ARGS__); \
        if (failed(fwd_ret_)) \
            vir_error_dispatch(fwd_conn_, __func__); \
        return fwd_ret_; \
    } while (0)

#endif /* VIREO_CLIENT_CLIENT_H */
