/*
 * qemu_conf.h: domain XML as the QEMU driver accepts it.
 *
 * The generic model (src/conf) parses and formats; this layer adds what is
 * QEMU-specific: refusing elements the driver cannot honour (with an error
 * naming them, never silently dropping them), the defaults libvirt's QEMU
 * driver fills in at define time (machine alias, CPU, clock, implicit
 * controllers, inputs, audio, balloon, PCI addresses, NIC model), and the
 * serial <log file> element that the generic model does not carry yet.
 */
#ifndef VIREO_DRIVERS_QEMU_CONF_H
#define VIREO_DRIVERS_QEMU_CONF_H

#include <stdbool.h>

#include "conf/domain_conf.h"

/* The machine types the driver builds command lines for, and how aliases
 * resolve. Filled from the capability probe; the defaults are QEMU 7.2's. */
typedef struct {
    const char *emulator;      /* default <emulator> */
    const char *pc_canonical;  /* what machine 'pc' (or none) becomes */
    const char *const *machines; /* NULL-terminated names accepted (NULL: any pc-i440fx-*) */
    bool kvm_usable;           /* type='kvm' allowed */
} QemuConfCaps;

/* A parsed QEMU domain: the generic definition plus the extras. */
typedef struct {
    DomainDef *def;
    char *serial_log;          /* <log file> of serial 0, or NULL */
    bool serial_log_append;    /* <log append='on'> */
} QemuDef;

/* Parse flags. */
enum {
    QEMU_PARSE_INACTIVE = 1 << 0, /* ignore id (a config, not a status) */
    QEMU_PARSE_DEFAULTS = 1 << 1, /* validate and fill in define-time defaults */
};

/* Parses xml. With QEMU_PARSE_DEFAULTS the document is checked against what
 * the driver supports (VIR_ERR_CONFIG_UNSUPPORTED naming the element) and
 * completed with libvirt's QEMU defaults using caps. Reports; NULL on
 * failure. */
QemuDef *qemu_def_parse(const char *xml, const QemuConfCaps *caps, unsigned int flags);

/* Parses the <domain> node of a larger document (status files). Reports. */
QemuDef *qemu_def_parse_node(xmlNodePtr node, unsigned int flags);

/* Formats like virDomainGetXMLDesc (DOMAIN_FORMAT_* flags). */
char *qemu_def_format(const QemuDef *qdef, unsigned int flags);

/* A deep copy. */
QemuDef *qemu_def_copy(const QemuDef *qdef);

void qemu_def_free(QemuDef *qdef);
DEFINE_FREEP(QemuDef, qemu_def_free)

/* What a command line needs besides the definition. */
typedef struct {
    int monitor_fd;            /* the listening QMP socket, inherited by qemu */
    const char *lib_dir;       /* per-domain private directory */
    bool no_sandbox;           /* leave -sandbox out (tests of old binaries) */
} QemuBuildCtx;

/* The qdev id qemu knows disk d by ("virtio-disk0", "ide0-1-0",
 * "sata0-0-2"). Caller frees. */
char *qemu_disk_device_id(const DomainDisk *d);

/* Builds qemu's argv (NULL-terminated; strv_free). Reports; -1 on failure. */
int qemu_build_argv(const QemuDef *qdef, const QemuBuildCtx *ctx, char ***ret_argv);

#endif /* VIREO_DRIVERS_QEMU_CONF_H */
