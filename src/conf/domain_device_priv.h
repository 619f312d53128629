/*
 * domain_device_priv.h: what the domain device files (domain_disk.c,
 * domain_net.c, domain_chr.c, domain_devices.c) share. Not for use
 * outside src/conf.
 *
 * Parsers return a new device or NULL (reported); formatters append
 * libvirt's text at its indentation; *_free(NULL) is not allowed.
 */
#ifndef VIREO_CONF_DOMAIN_DEVICE_PRIV_H
#define VIREO_CONF_DOMAIN_DEVICE_PRIV_H

#include "conf/domain_conf.h"

/* Appends item to the growable array arr of n elements. */
#define APPEND(arr, n, item) \
    do { \
        (arr) = xreallocarray((arr), (n) + 1, sizeof(*(arr))); \
        (arr)[(n)++] = (item); \
    } while (0)

/* domain_disk.c: device addresses. Parse reads an optional <address>
 * child of parent (PCI ranges checked as libvirt does). */
void domain_addr_clear(DomainAddress *a);
int domain_addr_parse(xmlNodePtr parent, DomainAddress *a);
void domain_addr_format(VireoBuf *buf, const DomainAddress *a, int indent);

/* domain_disk.c: disks. A parsed disk keeps its bus NULL when none was
 * written (libvirt sorts on the written bus); domain_disk_default_bus and
 * domain_disk_assign_address fill in the rest after all are inserted. */
void domain_disk_free(DomainDisk *d);
DomainDisk *domain_disk_parse(xmlNodePtr node);
void domain_disk_insert(DomainDef *def, DomainDisk *disk);
const char *domain_disk_default_bus(const DomainDisk *d);
int domain_disk_assign_address(DomainDisk *d);
int domain_disk_validate(const DomainDisk *d);
void domain_disk_format(VireoBuf *buf, const DomainDisk *d);

/* domain_disk.c: controllers (written ones, and the implicit ones the
 * disks' drive addresses and virtio consoles/channels need). */
void domain_controller_free(DomainController *c);
DomainController *domain_controller_parse(xmlNodePtr node);
void domain_controller_insert(DomainDef *def, DomainController *c);
void domain_controllers_assign_indexes(DomainDef *def);
/* Reports libvirt's XML error for two controllers of one type and index. */
int domain_controllers_check_duplicates(const DomainDef *def);
void domain_controllers_add_implicit(DomainDef *def);
void domain_controller_format(VireoBuf *buf, const DomainController *c);

/* domain_net.c: interfaces (flags: DOMAIN_PARSE_*). */
void domain_net_free(DomainNet *n);
DomainNet *domain_net_parse(xmlNodePtr node, unsigned int flags);
void domain_net_format(VireoBuf *buf, const DomainNet *n);

/* domain_chr.c: serial ports and consoles. post_parse numbers serial
 * ports and types consoles (before libvirt's domain-wide checks);
 * pair_consoles ties the first console to the first serial port (after
 * them). format_one prints c with src's source and the given port. */
void domain_chr_free(DomainChr *c);
DomainChr *domain_chr_parse(xmlNodePtr node, bool console);
void domain_chr_post_parse(DomainDef *def);
int domain_chr_pair_consoles(DomainDef *def);
void domain_chr_format_one(VireoBuf *buf, const DomainChr *c, const DomainChr *src, int port);
void domain_chr_format(VireoBuf *buf, const DomainChr *c, const DomainDef *def);

#endif /* VIREO_CONF_DOMAIN_DEVICE_PRIV_H */
