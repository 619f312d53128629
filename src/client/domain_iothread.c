/*
 * domain_iothread.c: the public IOThread calls, with libvirt's argument
 * checks (in its order and with its texts) before the driver is asked.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include <stdlib.h>
#include <string.h>

#include "client/client.h"
#include "client/client_moment.h"
#include "client/client_objects.h"

void
virDomainIOThreadInfoFree(virDomainIOThreadInfoPtr info)
{
    if (!info)
        return;
    free(info->cpumap);
    free(info);
}

int
virDomainGetIOThreadInfo(virDomainPtr domain, virDomainIOThreadInfoPtr **info,
                         unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_CHECK_NONNULL(domain->conn, info, -1);
    *info = NULL;
    CLIENT_EXCLUSIVE(domain->conn, VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG, -1);
    CLIENT_FORWARD(domain->conn, domain_get_iothread_info, CLIENT_FAILED_NEG, -1, domain, info,
                   flags);
}

int
virDomainPinIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned char *cpumap,
                     int maplen, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONNULL(domain->conn, cpumap, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, maplen, -1);
    CLIENT_FORWARD(domain->conn, domain_pin_iothread, CLIENT_FAILED_NEG, -1, domain, iothread_id,
                   cpumap, maplen, flags);
}

int
virDomainAddIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_FORWARD(domain->conn, domain_add_iothread, CLIENT_FAILED_NEG, -1, domain, iothread_id,
                   flags);
}

int
virDomainDelIOThread(virDomainPtr domain, unsigned int iothread_id, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONZERO(domain->conn, iothread_id, -1);
    CLIENT_FORWARD(domain->conn, domain_del_iothread, CLIENT_FAILED_NEG, -1, domain, iothread_id,
                   flags);
}

/* libvirt's checks of parameters to be set: the name must be terminated;
 * strings only when the driver takes them, and never NULL. libvirt reports
 * them from its shared validator, in no error domain. */
#define IOTHREAD_VALIDATOR "virTypedParameterValidateSet"
static int
iothread_params_validate(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                         const char *api)
{
    int okay = conn->driver->connect_supports_feature
                   ? conn->driver->connect_supports_feature(conn,
                                                            VIREO_DRV_FEATURE_TYPED_PARAM_STRING)
                   : 0;

    if (okay < 0)
        goto error;
    for (int i = 0; i < nparams; i++) {
        if (strnlen(params[i].field, VIR_TYPED_PARAM_FIELD_LENGTH) ==
            VIR_TYPED_PARAM_FIELD_LENGTH) {
            vir_error_report_raw(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, IOTHREAD_VALIDATOR, "params",
                                 "string parameter name '%.*s' too long",
                                 VIR_TYPED_PARAM_FIELD_LENGTH, params[i].field);
            goto error;
        }
        if (params[i].type != VIR_TYPED_PARAM_STRING)
            continue;
        if (!okay) {
            vir_error_report_raw(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, IOTHREAD_VALIDATOR, "params",
                                 "string parameter '%s' unsupported", params[i].field);
            goto error;
        }
        if (!params[i].value.s) {
            vir_error_report_raw(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, IOTHREAD_VALIDATOR, "params",
                                 "NULL string parameter '%s'", params[i].field);
            goto error;
        }
    }
    return 0;

error:
    vir_error_dispatch(conn, api);
    return -1;
}

int
virDomainSetIOThreadParams(virDomainPtr domain, unsigned int iothread_id,
                           virTypedParameterPtr params, int nparams, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONNULL(domain->conn, params, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, nparams, -1);
    if (iothread_params_validate(domain->conn, params, nparams, __func__) < 0)
        return -1;
    CLIENT_FORWARD(domain->conn, domain_set_iothread_params, CLIENT_FAILED_NEG, -1, domain,
                   iothread_id, params, nparams, flags);
}
