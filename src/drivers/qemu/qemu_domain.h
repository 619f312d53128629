/*
 * qemu_domain.h: the QEMU driver's methods (qemu_domain.c), each with the
 * signature and contract of the VireoDriver member of the same name.
 */
#ifndef VIREO_DRIVERS_QEMU_DOMAIN_H
#define VIREO_DRIVERS_QEMU_DOMAIN_H

#include <libvirt/libvirt.h>

int qemu_connect_num_of_domains(virConnectPtr conn);
int qemu_connect_list_domains(virConnectPtr conn, int *ids, int maxids);
int qemu_connect_num_of_defined_domains(virConnectPtr conn);
int qemu_connect_list_defined_domains(virConnectPtr conn, char **const names, int maxnames);
int qemu_connect_list_all_domains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags);
virDomainPtr qemu_domain_lookup_by_id(virConnectPtr conn, int id);
virDomainPtr qemu_domain_lookup_by_name(virConnectPtr conn, const char *name);
virDomainPtr qemu_domain_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid);
int qemu_domain_get_info(virDomainPtr dom, virDomainInfoPtr info);
int qemu_domain_get_state(virDomainPtr dom, int *state, int *reason, unsigned int flags);
char *qemu_domain_get_os_type(virDomainPtr dom);
char *qemu_domain_get_xml_desc(virDomainPtr dom, unsigned int flags);
unsigned long qemu_domain_get_max_memory(virDomainPtr dom);
int qemu_domain_get_vcpus_flags(virDomainPtr dom, unsigned int flags);
int qemu_domain_get_max_vcpus(virDomainPtr dom);
int qemu_domain_is_active(virDomainPtr dom);
int qemu_domain_is_persistent(virDomainPtr dom);
int qemu_domain_is_updated(virDomainPtr dom);
int qemu_domain_get_autostart(virDomainPtr dom, int *autostart);
int qemu_domain_set_autostart(virDomainPtr dom, int autostart);
int qemu_domain_has_managed_save_image(virDomainPtr dom, unsigned int flags);
int qemu_domain_snapshot_num(virDomainPtr dom, unsigned int flags);
virDomainPtr qemu_domain_define_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags);
int qemu_domain_undefine_flags(virDomainPtr dom, unsigned int flags);
virDomainPtr qemu_domain_create_xml(virConnectPtr conn, const char *xml, unsigned int flags);
int qemu_domain_create_with_flags(virDomainPtr dom, unsigned int flags);
int qemu_domain_destroy_flags(virDomainPtr dom, unsigned int flags);
int qemu_domain_shutdown_flags(virDomainPtr dom, unsigned int flags);
int qemu_domain_reboot(virDomainPtr dom, unsigned int flags);
int qemu_domain_suspend(virDomainPtr dom);
int qemu_domain_resume(virDomainPtr dom);
int qemu_domain_set_memory_flags(virDomainPtr dom, unsigned long memory, unsigned int flags);
int qemu_domain_set_max_memory(virDomainPtr dom, unsigned long memory);

/* virDomainReset (system_reset). Not in VireoDriver yet: the public entry
 * point and the RPC procedure must be added before clients can reach it. */
int qemu_domain_reset(virDomainPtr dom, unsigned int flags);

#endif /* VIREO_DRIVERS_QEMU_DOMAIN_H */
