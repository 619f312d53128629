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

int
virDomainSetIOThreadParams(virDomainPtr domain, unsigned int iothread_id,
                           virTypedParameterPtr params, int nparams, unsigned int flags)
{
    CLIENT_ENTER_DOMAIN(domain, -1);
    CLIENT_OBJ_WRITABLE(domain->conn, -1);
    CLIENT_CHECK_NONNULL(domain->conn, params, -1);
    CLIENT_CHECK_POSITIVE(domain->conn, nparams, -1);
    if (client_typed_params_validate_set(domain->conn, params, nparams, __func__) < 0)
        return -1;
    CLIENT_FORWARD(domain->conn, domain_set_iothread_params, CLIENT_FAILED_NEG, -1, domain,
                   iothread_id, params, nparams, flags);
}
