/*
 * libvirt-domain-qemu.h: the public calls the QEMU driver brought in
 * (block statistics, domain capabilities, the console stream), with
 * libvirt's names and signatures. Included by libvirt.h.
 */
#ifndef VIREO_LIBVIRT_DOMAIN_QEMU_H
#define VIREO_LIBVIRT_DOMAIN_QEMU_H

#ifndef VIREO_LIBVIRT_H
#error "include <libvirt/libvirt.h> instead"
#endif

typedef struct _virDomainBlockStats virDomainBlockStatsStruct;
struct _virDomainBlockStats {
    long long rd_req;
    long long rd_bytes;
    long long wr_req;
    long long wr_bytes;
    long long errs;
};
typedef virDomainBlockStatsStruct *virDomainBlockStatsPtr;

int virDomainBlockStats(virDomainPtr dom, const char *disk, virDomainBlockStatsPtr stats,
                        size_t size);

char *virConnectGetDomainCapabilities(virConnectPtr conn, const char *emulatorbin,
                                      const char *arch, const char *machine,
                                      const char *virttype, unsigned int flags);

typedef enum {
    VIR_DOMAIN_CONSOLE_FORCE = (1 << 0),
    VIR_DOMAIN_CONSOLE_SAFE = (1 << 1),
} virDomainConsoleFlags;

int virDomainOpenConsole(virDomainPtr dom, const char *dev_name, virStreamPtr st,
                         unsigned int flags);

#endif /* VIREO_LIBVIRT_DOMAIN_QEMU_H */
