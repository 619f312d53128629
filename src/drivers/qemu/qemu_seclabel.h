/*
 * qemu_seclabel.h: the security model clients see, and a domain's own
 * <seclabel>s.
 *
 * The driver behaves as libvirtd's QEMU driver does on a host with neither
 * SELinux nor AppArmor: a stack of two security models, "none" first (so
 * virNodeGetSecurityModel answers "none", DOI "0") and then "dac", whose
 * label is the "+UID:+GID" qemu runs as. Both show in the capabilities'
 * <secmodel>s. A running domain's live XML carries a "dac" seclabel: the
 * one the user gave (static: qemu runs as its label, not as qemu.conf's
 * user; none: no relabelling), or an implicit dynamic one with qemu.conf's
 * user and group. The inactive XML keeps only what the user wrote, in
 * libvirt's normal form. The credentials a run uses (QemuUserConf) are
 * derived from the live seclabel, so qemu_security.c and the fork use the
 * same ones, also after a daemon restart (the status file keeps them).
 */
#ifndef VIREO_DRIVERS_QEMU_SECLABEL_H
#define VIREO_DRIVERS_QEMU_SECLABEL_H

#include "drivers/qemu/qemu_private.h"
#include "util/buf.h"

/* Keeps every <seclabel> child of root in def, verbatim (the generic
 * model keeps only the first one). */
void qemu_seclabel_collect(DomainDef *def, xmlNodePtr root);

/* Makes dst's <seclabel>s a copy of src's (a copy through XML keeps only
 * the first, and never the unprinted "default"-type ones). */
void qemu_seclabel_copy(DomainDef *dst, const DomainDef *src);

/* Define-time parse: checks the <seclabel>s as libvirt parses an inactive
 * definition (its errors and error domains) and rewrites them in libvirt's
 * normal form. Reports; -1 on refusal. */
int qemu_seclabel_define(DomainDef *def);

/* Start time: refuses models the host has not ("Security driver model 'X'
 * is not available"), adds the implicit dac label, fills in the dynamic
 * label and the image labels of the live definition. Caller holds
 * drv->lock. Reports. */
int qemu_seclabel_generate(const QemuDriver *drv, DomainDef *live);

/* The credentials and relabelling a run of live uses, into *ret_conf
 * (qemu_user_conf_clear it). A static label names the user and group;
 * its groups are that user's, as libvirt computes them. Reports (a label
 * that does not parse, with libvirt's messages). */
int qemu_seclabel_run_conf(const QemuDriver *drv, const DomainDef *live, QemuUserConf *ret_conf);

/* The <secmodel> elements of the capabilities' <host>, at indent 4. */
void qemu_seclabel_format_caps(const QemuDriver *drv, VireoBuf *buf);

/* The "+UID:+GID" of the user qemu.conf names (the daemon's own when it
 * names none), into buf of size n. */
void qemu_seclabel_base(const QemuDriver *drv, char *buf, size_t n);

/* Driver methods. */
int qemu_seclabel_node_model(virConnectPtr conn, virSecurityModelPtr secmodel);
int qemu_seclabel_domain_label(virDomainPtr dom, virSecurityLabelPtr seclabel);
int qemu_seclabel_domain_label_list(virDomainPtr dom, virSecurityLabelPtr *seclabels);

#endif /* VIREO_DRIVERS_QEMU_SECLABEL_H */
