/*
 * fake_driver.c: an in-test driver that records which method was called.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <string.h>

#include "fake_driver.h"
#include "util/error.h"
#include "util/macros.h"

FakeLog fake_log;

static const unsigned char fake_uuid[VIR_UUID_BUFLEN] = { 1, 2, 3, 4, 5, 6, 7, 8,
                                                          9, 10, 11, 12, 13, 14, 15, 16 };

void
fake_reset(void)
{
    memset(&fake_log, 0, sizeof(fake_log));
}

static int
fake_note(const char *method, unsigned int flags, unsigned long value)
{
    fake_log.method = method;
    fake_log.flags = flags;
    fake_log.value = value;
    fake_log.calls++;
    return 0;
}

static VireoDrvOpenStatus
fake_open(virConnectPtr conn, const VireoUri *uri, virConnectAuthPtr auth, unsigned int flags)
{
    fake_log.opens++;
    if (STREQ(uri->scheme, "fakeerr")) {
        vir_report_error(VIR_ERR_OPERATION_FAILED, "cannot open '%s'", uri->path);
        return VIREO_DRV_OPEN_ERROR;
    }
    if (STRNEQ(uri->scheme, "fake"))
        return VIREO_DRV_OPEN_DECLINED;
    conn->driver_data = &fake_log;
    return VIREO_DRV_OPEN_SUCCESS;
}

static int
fake_close(virConnectPtr conn)
{
    fake_log.closes++;
    return 0;
}

static int
fake_get_version(virConnectPtr conn, unsigned long *v)
{
    *v = 2;
    return fake_note("connect_get_version", 0, 0);
}

static virDomainPtr
fake_lookup_by_name(virConnectPtr conn, const char *name)
{
    fake_note("domain_lookup_by_name", 0, 0);
    if (STRNEQ(name, "test")) {
        vir_report_error(VIR_ERR_NO_DOMAIN, NULL);
        return NULL;
    }
    return handle_domain_new(conn, name, fake_uuid, 1);
}

static virDomainPtr
fake_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    fake_note("domain_lookup_by_uuid", 0, 0);
    return handle_domain_new(conn, "test", uuid, 1);
}

static int
fake_get_info(virDomainPtr dom, virDomainInfoPtr info)
{
    info->state = VIR_DOMAIN_RUNNING;
    return fake_note("domain_get_info", 0, 0);
}

static char *
fake_get_xml_desc(virDomainPtr dom, unsigned int flags)
{
    fake_note("domain_get_xml_desc", flags, 0);
    return strdup("<domain/>");
}

static int
fake_get_vcpus_flags(virDomainPtr dom, unsigned int flags)
{
    fake_note("domain_get_vcpus_flags", flags, 0);
    return 2;
}

static int
fake_set_autostart(virDomainPtr dom, int autostart)
{
    return fake_note("domain_set_autostart", 0, (unsigned long)autostart);
}

static virDomainPtr
fake_define(virConnectPtr conn, const char *xml, unsigned int flags)
{
    fake_note("domain_define_xml_flags", flags, 0);
    return handle_domain_new(conn, "new", fake_uuid, -1);
}

static virDomainPtr
fake_create_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    fake_note("domain_create_xml", flags, 0);
    return handle_domain_new(conn, "new", fake_uuid, 7);
}

static int
fake_undefine(virDomainPtr dom, unsigned int flags)
{
    return fake_note("domain_undefine_flags", flags, 0);
}

static int
fake_create(virDomainPtr dom, unsigned int flags)
{
    /* Like a driver that learns the new id, the handle is refreshed. */
    dom->id = 5;
    return fake_note("domain_create_with_flags", flags, 0);
}

static int
fake_destroy(virDomainPtr dom, unsigned int flags)
{
    return fake_note("domain_destroy_flags", flags, 0);
}

static int
fake_shutdown(virDomainPtr dom, unsigned int flags)
{
    return fake_note("domain_shutdown_flags", flags, 0);
}

static int
fake_reboot(virDomainPtr dom, unsigned int flags)
{
    return fake_note("domain_reboot", flags, 0);
}

static int
fake_suspend(virDomainPtr dom)
{
    return fake_note("domain_suspend", 0, 0);
}

static int
fake_resume(virDomainPtr dom)
{
    vir_report_error(VIR_ERR_OPERATION_INVALID, "domain is not paused");
    fake_note("domain_resume", 0, 0);
    return -1;
}

static int
fake_set_max_memory(virDomainPtr dom, unsigned long memory)
{
    return fake_note("domain_set_max_memory", 0, memory);
}

static int
fake_set_memory_flags(virDomainPtr dom, unsigned long memory, unsigned int flags)
{
    return fake_note("domain_set_memory_flags", flags, memory);
}

static int
fake_set_vcpus_flags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags)
{
    return fake_note("domain_set_vcpus_flags", flags, nvcpus);
}

static virNetworkPtr
fake_network_lookup(virConnectPtr conn, const char *name)
{
    fake_note("network_lookup_by_name", 0, 0);
    return handle_network_new(conn, name, fake_uuid);
}

static virStoragePoolPtr
fake_pool_lookup(virConnectPtr conn, const char *name)
{
    fake_note("storage_pool_lookup_by_name", 0, 0);
    return handle_pool_new(conn, name, fake_uuid);
}

static virStorageVolPtr
fake_vol_lookup(virStoragePoolPtr pool, const char *name)
{
    fake_note("storage_vol_lookup_by_name", 0, 0);
    return handle_vol_new(pool->conn, pool->name, name, "/key");
}

static int
fake_broken(virConnectPtr conn)
{
    /* Fails without reporting: the API layer must still set an error. */
    fake_note("connect_num_of_domains", 0, 0);
    return -1;
}

VireoDriver fake_driver = {
    .name = "Fake",
    .connect_open = fake_open,
    .connect_close = fake_close,
    .connect_get_version = fake_get_version,
    .connect_num_of_domains = fake_broken,
    .domain_lookup_by_name = fake_lookup_by_name,
    .domain_lookup_by_uuid = fake_lookup_by_uuid,
    .domain_get_info = fake_get_info,
    .domain_get_xml_desc = fake_get_xml_desc,
    .domain_get_vcpus_flags = fake_get_vcpus_flags,
    .domain_set_autostart = fake_set_autostart,
    .domain_define_xml_flags = fake_define,
    .domain_create_xml = fake_create_xml,
    .domain_undefine_flags = fake_undefine,
    .domain_create_with_flags = fake_create,
    .domain_destroy_flags = fake_destroy,
    .domain_shutdown_flags = fake_shutdown,
    .domain_reboot = fake_reboot,
    .domain_suspend = fake_suspend,
    .domain_resume = fake_resume,
    .domain_set_max_memory = fake_set_max_memory,
    .domain_set_memory_flags = fake_set_memory_flags,
    .domain_set_vcpus_flags = fake_set_vcpus_flags,
    .network_lookup_by_name = fake_network_lookup,
    .storage_pool_lookup_by_name = fake_pool_lookup,
    .storage_vol_lookup_by_name = fake_vol_lookup,
};
