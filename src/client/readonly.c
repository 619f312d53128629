/*
 * readonly.c: which public calls change state, in one table.
 *
 * A read-only connection (VIR_CONNECT_RO) refuses these before anything is
 * sent to a driver, exactly where libvirt's client library refuses them, so
 * `virsh -r define` fails without any RPC. The denial is reported in the
 * API family's error domain ("operation forbidden: read only access
 * prevents virDomainDefineXML", VIR_FROM_DOMAIN).
 */
#include <string.h>

#include "client/client.h"
#include "util/macros.h"

typedef struct {
    const char *api;          /* public function name */
    int domain;               /* error domain of its family */
    unsigned int only_flags;  /* 0: always; else only when flags has one of these */
    const char *detail;       /* NULL: "read only access prevents <api>" */
} ClientWriteApi;

static const ClientWriteApi client_write_apis[] = {
    { "virDomainDefineXML", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainDefineXMLFlags", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainUndefine", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainUndefineFlags", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainCreateXML", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainCreate", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainCreateWithFlags", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainDestroy", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainDestroyFlags", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainShutdown", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainShutdownFlags", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainReboot", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainSuspend", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainResume", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainSetAutostart", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainSetMemory", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainSetMaxMemory", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainSetMemoryFlags", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainSetVcpus", VIR_FROM_DOMAIN, 0, NULL },
    { "virDomainSetVcpusFlags", VIR_FROM_DOMAIN, 0, NULL },
    /* Reads that expose secrets or talk to the guest agent. */
    { "virDomainGetXMLDesc", VIR_FROM_DOMAIN, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_MIGRATABLE,
      "virDomainGetXMLDesc with secure flag" },
    { "virDomainGetVcpusFlags", VIR_FROM_DOMAIN, VIR_DOMAIN_VCPU_GUEST, NULL },
};

static const ClientWriteApi *
client_write_api_find(const char *api)
{
    for (size_t i = 0; i < ARRAY_SIZE(client_write_apis); i++)
        if (STREQ(client_write_apis[i].api, api))
            return &client_write_apis[i];
    return NULL;
}

int
client_check_writable(virConnectPtr conn, const char *api, unsigned int flags)
{
    const ClientWriteApi *entry;

    if (!(conn->flags & VIR_CONNECT_RO))
        return 0;
    entry = client_write_api_find(api);
    if (!entry || (entry->only_flags && !(flags & entry->only_flags)))
        return 0;
    if (entry->detail)
        vir_error_report(entry->domain, VIR_ERR_OPERATION_DENIED, "%s", entry->detail);
    else
        vir_error_report(entry->domain, VIR_ERR_OPERATION_DENIED,
                         "read only access prevents %s", api);
    vir_error_dispatch(conn, api);
    return -1;
}

const char *
client_write_api_name(size_t i, int *ret_domain, unsigned int *ret_flags)
{
    if (i >= ARRAY_SIZE(client_write_apis))
        return NULL;
    *ret_domain = client_write_apis[i].domain;
    *ret_flags = client_write_apis[i].only_flags;
    return client_write_apis[i].api;
}
