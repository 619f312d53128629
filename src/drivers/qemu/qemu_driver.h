/*
 * qemu_driver.h: what the QEMU driver exports to the daemon and tests.
 */
#ifndef VIREO_DRIVERS_QEMU_DRIVER_H
#define VIREO_DRIVERS_QEMU_DRIVER_H

#include "drivers/driver.h"

/* The driver for qemu:///system and qemu:///embed?root=DIR. Register it
 * with vireo_driver_register() before the remote driver. */
extern const VireoDriver vireo_qemu_driver;

/* Opens the qemu:///system state now (honouring VIREO_QEMU_ROOT): loads
 * definitions, reconnects to running VMs and runs autostart. A daemon
 * calls it at start-up so that this happens before the first client
 * connects; without it the first qemu:///system open does it. Reports and
 * returns -1 on failure (the state dir is locked by another process...). */
int qemu_driver_state_init(void);

/* Where qemu:///system keeps its state: "" for libvirt's layout, else
 * DIR/{etc,run,lib,log,cache}/qemu; NULL goes back to $VIREO_QEMU_ROOT.
 * vireod sets it from its config before registering the driver. */
void qemu_driver_set_system_root(const char *root);

/* Domain events, numbered as libvirt numbers them (event ids, lifecycle
 * types and details: QEMU.md §2.4), for the daemon's event dispatch to
 * forward once it exists. */
enum {
    QEMU_EVENT_ID_LIFECYCLE = 0,
    QEMU_EVENT_ID_REBOOT = 1,
};
enum {
    QEMU_EVENT_DEFINED = 0, QEMU_EVENT_UNDEFINED = 1, QEMU_EVENT_STARTED = 2,
    QEMU_EVENT_SUSPENDED = 3, QEMU_EVENT_RESUMED = 4, QEMU_EVENT_STOPPED = 5,
    QEMU_EVENT_SHUTDOWN = 6,
};
enum {
    QEMU_DETAIL_DEFINED_ADDED = 0, QEMU_DETAIL_DEFINED_UPDATED = 1,
    QEMU_DETAIL_UNDEFINED_REMOVED = 0,
    QEMU_DETAIL_STARTED_BOOTED = 0,
    QEMU_DETAIL_SUSPENDED_PAUSED = 0,
    QEMU_DETAIL_RESUMED_UNPAUSED = 0,
    QEMU_DETAIL_STOPPED_SHUTDOWN = 0, QEMU_DETAIL_STOPPED_DESTROYED = 1,
    QEMU_DETAIL_STOPPED_FAILED = 5,
    QEMU_DETAIL_SHUTDOWN_FINISHED = 0, QEMU_DETAIL_SHUTDOWN_GUEST = 1,
    QEMU_DETAIL_SHUTDOWN_HOST = 2,
};

/* Receives every domain event of every QEMU state, in the order libvirtd
 * emits them (Resumed before Started, Shutdown before Stopped, two reboot
 * events per reset, none during a fake reboot). event and detail are 0 for
 * QEMU_EVENT_ID_REBOOT. Called on driver threads with the domain's job
 * held: it must not block or call back into the driver. */
typedef void (*QemuEventSink)(const char *name, const unsigned char *uuid, int id, int event_id,
                              int event, int detail, void *opaque);

/* Installs sink (NULL: none). Call before opening connections. */
void qemu_driver_set_event_sink(QemuEventSink sink, void *opaque);

/* virDomainReset, until VireoDriver and the public API carry it. */
int qemu_domain_reset(virDomainPtr dom, unsigned int flags);

/* What virDomainOpenConsole needs: the host pty of the console called
 * dev_name ("serial0", "console0"; NULL: the first console, else serial 0)
 * of a running domain. Reports libvirt's errors (not running, no such
 * device, "character device ... is not using a PTY"). Caller frees. */
int qemu_domain_console_path(virDomainPtr dom, const char *dev_name, char **ret_path);

/* What virDomainBlockStats needs (query-blockstats), for the disk whose
 * target ("vda") or source path is disk. Reports. */
typedef struct {
    long long rd_req, rd_bytes, wr_req, wr_bytes, errs;
} QemuBlockStats;
int qemu_domain_block_stats(virDomainPtr dom, const char *disk, QemuBlockStats *ret_stats);

/* What virDomainScreenshot needs: qemu writes the screen (PPM,
 * "image/x-portable-pixmap") to a file in the domain's private directory;
 * the caller streams it and unlinks it. Reports. Caller frees the path. */
int qemu_domain_screenshot(virDomainPtr dom, unsigned int screen, char **ret_path);

/* What virConnectGetDomainCapabilities needs: the <domainCapabilities>
 * document for the given emulator, arch, machine and virt type (each may
 * be NULL for the default), built from the probe and a static table of
 * what this driver accepts. Reports (e.g. virttype 'kvm' when KVM does not
 * work here). Caller frees. */
char *qemu_connect_domain_capabilities(virConnectPtr conn, const char *emulator,
                                       const char *arch, const char *machine,
                                       const char *virttype, unsigned int flags);

#endif /* VIREO_DRIVERS_QEMU_DRIVER_H */
