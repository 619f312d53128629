/*
 * qemu_security.h: running qemu as qemu.conf's user and group, and giving
 * that user the files it must open (libvirt's DAC security driver).
 *
 * Before a start, with dynamic_ownership on, every file qemu opens by name
 * (writable disk images, the serial <log file>, and read-only files -
 * kernel, initrd, dtb, read-only disks, cdroms - that the user cannot read
 * already) is chowned to the user, and the per-domain directory too. The
 * original owner is remembered in the file's own extended attributes, in
 * libvirt's format and names (trusted.libvirt.security.{dac,ref_dac,
 * timestamp_dac}), so it survives a daemon restart or crash, is shared
 * (reference-counted) between domains using one file, and a label left
 * from before a host reboot is recognised as stale. After the chowns a
 * child with qemu's credentials opens every one of those paths, so a file
 * the user cannot reach (a directory on the way it may not search) fails
 * the start with an error naming it, before qemu runs. At stop the owners
 * are restored when the last domain using a file lets go of it.
 */
#ifndef VIREO_DRIVERS_QEMU_SECURITY_H
#define VIREO_DRIVERS_QEMU_SECURITY_H

#include "drivers/qemu/qemu_private.h"

/* Completes the live definition's <seclabel>s (qemu_seclabel.c), sets
 * dom->run_user to the credentials they give the run, labels dom's files
 * for that user (dom->def is the live definition, dom->lib_dir exists)
 * and checks qemu can open them. Caller holds dom->job. Sets
 * dom->dac_labelled. Reports; on failure nothing stays labelled. */
int qemu_security_prepare(QemuDriver *drv, QemuDomain *dom);

/* Gives the files back to their remembered owners when dom->dac_labelled
 * (caller holds dom->job, qemu has exited) and forgets dom->run_user.
 * Failures are logged: the stop itself goes on. */
void qemu_security_restore(QemuDriver *drv, QemuDomain *dom);

/* In the forked child, before exec: sets the supplementary groups, group
 * and user of conf (nothing when conf does not drop). Async-signal-safe.
 * 0, or -errno. */
int qemu_security_child_drop(const QemuUserConf *conf);

#endif /* VIREO_DRIVERS_QEMU_SECURITY_H */
