/*
 * qemu_domain.c: the domain methods of the QEMU driver.
 *
 * Each method finds its domain by UUID under drv->lock (taking a
 * reference), then takes the domain's job for anything that talks to qemu
 * or changes its files, so operations on one domain never interleave.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "drivers/qemu/qemu_private.h"
#include "drivers/qemu/qemu_domain.h"
#include "drivers/qemu/qemu_driver.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

/* ---- the domain list ---- */

QemuDomain *
qemu_domain_ref(QemuDomain *dom)
{
    atomic_fetch_add(&dom->refs, 1);
    return dom;
}

void
qemu_domain_unref(QemuDomain *dom)
{
    if (!dom || atomic_fetch_sub(&dom->refs, 1) > 1)
        return;
    qemu_def_free(dom->def);
    qemu_def_free(dom->new_def);
    free(dom->lib_dir);
    free(dom->mon_path);
    pthread_mutex_destroy(&dom->job);
    free(dom);
}

QemuDomain *
qemu_domain_add(QemuDriver *drv, QemuDef *def)
{
    QemuDomain *dom = XNEW(QemuDomain);

    atomic_init(&dom->refs, 1);
    pthread_mutex_init(&dom->job, NULL);
    dom->drv = drv;
    memcpy(dom->uuid, def->def->uuid, sizeof(dom->uuid));
    dom->def = def;
    dom->state = VIR_DOMAIN_SHUTOFF;
    dom->reason = VIR_DOMAIN_SHUTOFF_UNKNOWN;
    dom->id = -1;
    dom->pidfd = -1;
    def->def->id = -1;
    drv->domains = xreallocarray(drv->domains, drv->ndomains + 1, sizeof(*drv->domains));
    drv->domains[drv->ndomains++] = dom;
    return dom;
}

void
qemu_domain_remove(QemuDriver *drv, QemuDomain *dom)
{
    for (size_t i = 0; i < drv->ndomains; i++) {
        if (drv->domains[i] != dom)
            continue;
        memmove(drv->domains + i, drv->domains + i + 1,
                (drv->ndomains - i - 1) * sizeof(*drv->domains));
        drv->ndomains--;
        dom->removed = true;
        qemu_domain_unref(dom);
        return;
    }
}

QemuDomain *
qemu_domain_find_uuid(QemuDriver *drv, const unsigned char *uuid)
{
    for (size_t i = 0; i < drv->ndomains; i++)
        if (memcmp(drv->domains[i]->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return qemu_domain_ref(drv->domains[i]);
    return NULL;
}

QemuDomain *
qemu_domain_find_name(QemuDriver *drv, const char *name)
{
    for (size_t i = 0; i < drv->ndomains; i++)
        if (STREQ(drv->domains[i]->def->def->name, name))
            return qemu_domain_ref(drv->domains[i]);
    return NULL;
}

static bool
dom_active(const QemuDomain *dom)
{
    return dom->id >= 0;
}

/* The domain behind a handle, referenced. Reports libvirt's not-found. */
static QemuDomain *
dom_get(virDomainPtr handle, QemuDriver **ret_drv)
{
    QemuDriver *drv = qemu_driver_of(handle->conn);
    QemuDomain *dom;
    char uuid[VIR_UUID_STRING_BUFLEN];

    pthread_mutex_lock(&drv->lock);
    dom = qemu_domain_find_uuid(drv, handle->uuid);
    pthread_mutex_unlock(&drv->lock);
    if (!dom) {
        vireo_uuid_format(handle->uuid, uuid);
        vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN,
                         "no domain with matching uuid '%s' (%s)", uuid, handle->name);
        return NULL;
    }
    *ret_drv = drv;
    return dom;
}

static virDomainPtr
dom_handle(virConnectPtr conn, const QemuDomain *dom)
{
    return handle_domain_new(conn, dom->def->def->name, dom->uuid, dom->id);
}

static int
dom_check_active(const QemuDomain *dom, bool want_active)
{
    if (dom_active(dom) == want_active)
        return 0;
    vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                     want_active ? "domain is not running" : "domain is already running");
    return -1;
}

/* Reports libvirt's not-found for a domain that left the list after the
 * caller found it (undefined or a transient one stopped). Caller holds
 * drv->lock. */
static int
dom_check_listed(const QemuDomain *dom)
{
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (!dom->removed)
        return 0;
    vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s'",
                     vireo_uuid_format(dom->uuid, uuid));
    return -1;
}

/* Takes the job and checks the activity state under drv->lock. Returns 0
 * with the job held, or -1 (reported, job released). */
static int
dom_begin(QemuDriver *drv, QemuDomain *dom, bool want_active)
{
    int rc;

    pthread_mutex_lock(&dom->job);
    pthread_mutex_lock(&drv->lock);
    rc = dom->removed ? -1 : dom_check_active(dom, want_active);
    if (dom->removed) {
        char uuid[VIR_UUID_STRING_BUFLEN];
        vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s'",
                         vireo_uuid_format(dom->uuid, uuid));
    }
    pthread_mutex_unlock(&drv->lock);
    if (rc < 0)
        pthread_mutex_unlock(&dom->job);
    return rc;
}

static void
dom_end(QemuDomain *dom)
{
    pthread_mutex_unlock(&dom->job);
    qemu_domain_unref(dom);
}

/* ---- lists and lookups ---- */

int
qemu_connect_num_of_domains(virConnectPtr conn)
{
    QemuDriver *drv = qemu_driver_of(conn);
    int n = 0;

    pthread_mutex_lock(&drv->lock);
    for (size_t i = 0; i < drv->ndomains; i++)
        n += dom_active(drv->domains[i]);
    pthread_mutex_unlock(&drv->lock);
    return n;
}

int
qemu_connect_list_domains(virConnectPtr conn, int *ids, int maxids)
{
    QemuDriver *drv = qemu_driver_of(conn);
    int n = 0;

    pthread_mutex_lock(&drv->lock);
    for (size_t i = 0; i < drv->ndomains && n < maxids; i++)
        if (dom_active(drv->domains[i]))
            ids[n++] = drv->domains[i]->id;
    pthread_mutex_unlock(&drv->lock);
    return n;
}

int
qemu_connect_num_of_defined_domains(virConnectPtr conn)
{
    QemuDriver *drv = qemu_driver_of(conn);
    int n = 0;

    pthread_mutex_lock(&drv->lock);
    for (size_t i = 0; i < drv->ndomains; i++)
        n += !dom_active(drv->domains[i]);
    pthread_mutex_unlock(&drv->lock);
    return n;
}

int
qemu_connect_list_defined_domains(virConnectPtr conn, char **const names, int maxnames)
{
    QemuDriver *drv = qemu_driver_of(conn);
    int n = 0;

    pthread_mutex_lock(&drv->lock);
    for (size_t i = 0; i < drv->ndomains && n < maxnames; i++)
        if (!dom_active(drv->domains[i]))
            names[n++] = xstrdup(drv->domains[i]->def->def->name);
    pthread_mutex_unlock(&drv->lock);
    return n;
}

static bool
dom_matches(const QemuDomain *dom, unsigned int flags)
{
    bool active = dom_active(dom);

    if ((flags & (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE)) &&
        !((flags & VIR_CONNECT_LIST_DOMAINS_ACTIVE && active) ||
          (flags & VIR_CONNECT_LIST_DOMAINS_INACTIVE && !active)))
        return false;
    if ((flags & (VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT)) &&
        !((flags & VIR_CONNECT_LIST_DOMAINS_PERSISTENT && dom->persistent) ||
          (flags & VIR_CONNECT_LIST_DOMAINS_TRANSIENT && !dom->persistent)))
        return false;
    if ((flags & (VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                  VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER)) &&
        !((flags & VIR_CONNECT_LIST_DOMAINS_RUNNING && dom->state == VIR_DOMAIN_RUNNING) ||
          (flags & VIR_CONNECT_LIST_DOMAINS_PAUSED && dom->state == VIR_DOMAIN_PAUSED) ||
          (flags & VIR_CONNECT_LIST_DOMAINS_SHUTOFF && dom->state == VIR_DOMAIN_SHUTOFF) ||
          (flags & VIR_CONNECT_LIST_DOMAINS_OTHER && dom->state != VIR_DOMAIN_RUNNING &&
           dom->state != VIR_DOMAIN_PAUSED && dom->state != VIR_DOMAIN_SHUTOFF)))
        return false;
    if ((flags & (VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART)) &&
        !((flags & VIR_CONNECT_LIST_DOMAINS_AUTOSTART && dom->autostart) ||
          (flags & VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART && !dom->autostart)))
        return false;
    if ((flags & VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT) &&
        !(flags & VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT))
        return false;
    if ((flags & VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE) &&
        !(flags & VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE))
        return false;
    return true;
}

bool
qemu_domain_list_matches(const QemuDomain *dom, unsigned int flags)
{
    return dom_matches(dom, flags);
}

int
qemu_connect_list_all_domains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    QemuDriver *drv = qemu_driver_of(conn);
    virDomainPtr *list = NULL;
    int n = 0;

    vir_check_flags(flags, 0x3fffU | VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT |
                               VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT, -1);
    pthread_mutex_lock(&drv->lock);
    if (domains)
        list = XNEW_ARRAY(virDomainPtr, drv->ndomains + 1);
    for (size_t i = 0; i < drv->ndomains; i++) {
        if (!dom_matches(drv->domains[i], flags))
            continue;
        if (list)
            list[n] = dom_handle(conn, drv->domains[i]);
        n++;
    }
    pthread_mutex_unlock(&drv->lock);
    if (domains)
        *domains = list;
    return n;
}

virDomainPtr
qemu_domain_lookup_by_id(virConnectPtr conn, int id)
{
    QemuDriver *drv = qemu_driver_of(conn);
    virDomainPtr ret = NULL;

    pthread_mutex_lock(&drv->lock);
    for (size_t i = 0; i < drv->ndomains && !ret; i++)
        if (dom_active(drv->domains[i]) && drv->domains[i]->id == id)
            ret = dom_handle(conn, drv->domains[i]);
    pthread_mutex_unlock(&drv->lock);
    if (!ret)
        vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN, "no domain with matching id %d", id);
    return ret;
}

virDomainPtr
qemu_domain_lookup_by_name(virConnectPtr conn, const char *name)
{
    QemuDriver *drv = qemu_driver_of(conn);
    QemuDomain *dom;
    virDomainPtr ret = NULL;

    pthread_mutex_lock(&drv->lock);
    if ((dom = qemu_domain_find_name(drv, name))) {
        ret = dom_handle(conn, dom);
        qemu_domain_unref(dom);
    }
    pthread_mutex_unlock(&drv->lock);
    if (!ret)
        vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN, "no domain with matching name '%s'",
                         name);
    return ret;
}

virDomainPtr
qemu_domain_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    QemuDriver *drv = qemu_driver_of(conn);
    QemuDomain *dom;
    virDomainPtr ret = NULL;
    char str[VIR_UUID_STRING_BUFLEN];

    pthread_mutex_lock(&drv->lock);
    if ((dom = qemu_domain_find_uuid(drv, uuid))) {
        ret = dom_handle(conn, dom);
        qemu_domain_unref(dom);
    }
    pthread_mutex_unlock(&drv->lock);
    if (!ret)
        vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s'",
                         vireo_uuid_format(uuid, str));
    return ret;
}

/* ---- information ---- */

int
qemu_domain_get_info(virDomainPtr handle, virDomainInfoPtr info)
{
    QemuDriver *drv;
    QemuDomain *dom = dom_get(handle, &drv);
    pid_t pid;

    if (!dom)
        return -1;
    pthread_mutex_lock(&drv->lock);
    memset(info, 0, sizeof(*info));
    info->state = (unsigned char)dom->state;
    info->maxMem = dom->def->def->memory_kib;
    info->memory = dom_active(dom) ? dom->def->def->cur_memory_kib : dom->def->def->memory_kib;
    info->nrVirtCpu = (unsigned short)dom->def->def->vcpus_cur;
    pid = dom->pid;
    pthread_mutex_unlock(&drv->lock);
    info->cpuTime = pid > 0 ? qemu_process_cpu_time(pid) : 0;
    qemu_domain_unref(dom);
    return 0;
}

int
qemu_domain_get_state(virDomainPtr handle, int *state, int *reason, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;

    vir_check_flags(flags, 0, -1);
    if (!(dom = dom_get(handle, &drv)))
        return -1;
    pthread_mutex_lock(&drv->lock);
    *state = dom->state;
    if (reason)
        *reason = dom->reason;
    pthread_mutex_unlock(&drv->lock);
    qemu_domain_unref(dom);
    return 0;
}

char *
qemu_domain_get_os_type(virDomainPtr handle)
{
    QemuDriver *drv;
    QemuDomain *dom = dom_get(handle, &drv);
    char *ret;

    if (!dom)
        return NULL;
    pthread_mutex_lock(&drv->lock);
    ret = xstrdup(dom->def->def->os_type);
    pthread_mutex_unlock(&drv->lock);
    qemu_domain_unref(dom);
    return ret;
}

char *
qemu_domain_get_xml_desc(virDomainPtr handle, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    char *ret;

    vir_check_flags(flags, VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE |
                               VIR_DOMAIN_XML_UPDATE_CPU | VIR_DOMAIN_XML_MIGRATABLE, NULL);
    if (!(dom = dom_get(handle, &drv)))
        return NULL;
    pthread_mutex_lock(&drv->lock);
    if ((flags & VIR_DOMAIN_XML_INACTIVE) && dom->new_def)
        ret = qemu_def_format(dom->new_def, flags & (DOMAIN_FORMAT_SECURE | DOMAIN_FORMAT_INACTIVE));
    else
        ret = qemu_def_format(dom->def, flags & (DOMAIN_FORMAT_SECURE | DOMAIN_FORMAT_INACTIVE));
    pthread_mutex_unlock(&drv->lock);
    qemu_domain_unref(dom);
    return ret;
}

unsigned long
qemu_domain_get_max_memory(virDomainPtr handle)
{
    QemuDriver *drv;
    QemuDomain *dom = dom_get(handle, &drv);
    unsigned long ret;

    if (!dom)
        return 0;
    pthread_mutex_lock(&drv->lock);
    ret = (unsigned long)dom->def->def->memory_kib;
    pthread_mutex_unlock(&drv->lock);
    qemu_domain_unref(dom);
    return ret;
}

int
qemu_domain_get_vcpus_flags(virDomainPtr handle, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    int ret;

    vir_check_flags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                               VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_VCPU_GUEST, -1);
    if (!(dom = dom_get(handle, &drv)))
        return -1;
    pthread_mutex_lock(&drv->lock);
    const DomainDef *def = (flags & VIR_DOMAIN_AFFECT_CONFIG) && dom->new_def ? dom->new_def->def
                                                                              : dom->def->def;
    ret = (int)((flags & VIR_DOMAIN_VCPU_MAXIMUM) ? def->vcpus_max : def->vcpus_cur);
    pthread_mutex_unlock(&drv->lock);
    qemu_domain_unref(dom);
    return ret;
}

int
qemu_domain_get_max_vcpus(virDomainPtr handle)
{
    return qemu_domain_get_vcpus_flags(handle, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_VCPU_MAXIMUM);
}

/* is_active / is_persistent / is_updated / get_autostart share a shape. */
static int
dom_flag(virDomainPtr handle, int which)
{
    QemuDriver *drv;
    QemuDomain *dom = dom_get(handle, &drv);
    int ret;

    if (!dom)
        return -1;
    pthread_mutex_lock(&drv->lock);
    ret = which == 0 ? dom_active(dom) : which == 1 ? dom->persistent : which == 2 ? 0 : dom->autostart;
    pthread_mutex_unlock(&drv->lock);
    qemu_domain_unref(dom);
    return ret;
}

int
qemu_domain_is_active(virDomainPtr dom)
{
    return dom_flag(dom, 0);
}

int
qemu_domain_is_persistent(virDomainPtr dom)
{
    return dom_flag(dom, 1);
}

int
qemu_domain_is_updated(virDomainPtr dom)
{
    return dom_flag(dom, 2);
}

int
qemu_domain_get_autostart(virDomainPtr dom, int *autostart)
{
    int v = dom_flag(dom, 3);

    if (v < 0)
        return -1;
    *autostart = v;
    return 0;
}

int
qemu_domain_set_autostart(virDomainPtr handle, int autostart)
{
    QemuDriver *drv;
    QemuDomain *dom = dom_get(handle, &drv);
    int rc = -1;

    if (!dom)
        return -1;
    _cleanup_free_ char *name = NULL;
    bool persistent, listed;

    pthread_mutex_lock(&dom->job);
    /* the link is written under config_lock only, never under drv->lock */
    pthread_mutex_lock(&drv->config_lock);
    pthread_mutex_lock(&drv->lock);
    listed = dom_check_listed(dom) == 0;
    persistent = dom->persistent;
    name = xstrdup(dom->def->def->name);
    pthread_mutex_unlock(&drv->lock);
    if (!listed) {
        /* reported */
    } else if (!persistent) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "cannot set autostart for transient domain");
    } else if (qemu_files_set_autostart(drv, name, autostart != 0) == 0) {
        pthread_mutex_lock(&drv->lock);
        dom->autostart = autostart != 0;
        pthread_mutex_unlock(&drv->lock);
        rc = 0;
    }
    pthread_mutex_unlock(&drv->config_lock);
    dom_end(dom);
    return rc;
}

int
qemu_domain_has_managed_save_image(virDomainPtr handle, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;

    vir_check_flags(flags, 0, -1);
    if (!(dom = dom_get(handle, &drv)))
        return -1;
    qemu_domain_unref(dom);
    return 0;
}

int
qemu_domain_snapshot_num(virDomainPtr handle, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom = dom_get(handle, &drv);

    (void)flags;
    if (!dom)
        return -1;
    qemu_domain_unref(dom);
    return 0;
}

/* ---- define, undefine, create ---- */

static QemuDef *
dom_parse(QemuDriver *drv, const char *xml, unsigned int flags)
{
    QemuCaps *caps = qemu_caps_get(drv);
    QemuConfCaps cc;

    if (!caps)
        return NULL;
    pthread_mutex_lock(&drv->lock);
    qemu_caps_conf(caps, &cc);
    pthread_mutex_unlock(&drv->lock);
    return qemu_def_parse(xml, &cc, flags | QEMU_PARSE_DEFAULTS);
}

/* libvirt's duplicate checks: same name with another UUID, or the same UUID
 * under another name, are refused; with active_ok false an active match is
 * refused too. Caller holds drv->lock. Returns the match (referenced), NULL
 * with no match, or sets *ret_err. */
static QemuDomain *
dom_check_duplicate(QemuDriver *drv, const DomainDef *def, bool active_ok, bool *ret_err)
{
    QemuDomain *dom = qemu_domain_find_uuid(drv, def->uuid);
    char uuid[VIR_UUID_STRING_BUFLEN];

    *ret_err = false;
    vireo_uuid_format(def->uuid, uuid);
    if (dom) {
        if (STRNEQ(dom->def->def->name, def->name)) {
            vir_report_error(VIR_ERR_OPERATION_FAILED, "domain '%s' is already defined with uuid %s",
                             dom->def->def->name, uuid);
            goto error;
        }
        if (!active_ok && dom_active(dom)) {
            vir_report_error(VIR_ERR_OPERATION_INVALID, "domain '%s' is already active",
                             def->name);
            goto error;
        }
        return dom;
    }
    if ((dom = qemu_domain_find_name(drv, def->name))) {
        vireo_uuid_format(dom->uuid, uuid);
        vir_report_error(VIR_ERR_OPERATION_FAILED, "domain '%s' already exists with uuid %s",
                         def->name, uuid);
        goto error;
    }
    return NULL;
error:
    qemu_domain_unref(dom);
    *ret_err = true;
    return NULL;
}

virDomainPtr
qemu_domain_define_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    QemuDriver *drv = qemu_driver_of(conn);
    _cleanup_(qemu_def_freep) QemuDef *def = NULL;
    QemuDomain *dom;
    virDomainPtr ret = NULL;
    bool err, updated = false;

    vir_check_flags(flags, VIR_DOMAIN_DEFINE_VALIDATE, NULL);
    if (!(def = dom_parse(drv, xml, QEMU_PARSE_INACTIVE)))
        return NULL;
    /* config_lock keeps the list as checked while the file is written
     * (every change to names and persistence takes it), so drv->lock is
     * not held across the write and its fsyncs */
    pthread_mutex_lock(&drv->config_lock);
    pthread_mutex_lock(&drv->lock);
    dom = dom_check_duplicate(drv, def->def, true, &err);
    pthread_mutex_unlock(&drv->lock);
    if (err)
        goto out;
    /* the file first: a definition is acknowledged only once it is on disk */
    if (qemu_files_save_config(drv, def) < 0)
        goto out;
    pthread_mutex_lock(&drv->lock);
    if (dom && dom->removed) {
        /* a transient match stopped (and left the list) meanwhile */
        qemu_domain_unref(dom);
        dom = NULL;
    }
    updated = dom != NULL;
    if (!dom) {
        dom = qemu_domain_ref(qemu_domain_add(drv, TAKE_PTR(def)));
    } else if (dom_active(dom)) {
        qemu_def_free(dom->new_def);
        dom->new_def = TAKE_PTR(def);
        dom->new_def->def->id = -1;
    } else {
        qemu_def_free(dom->def);
        dom->def = TAKE_PTR(def);
        dom->def->def->id = -1;
    }
    dom->persistent = true;
    ret = dom_handle(conn, dom);
    pthread_mutex_unlock(&drv->lock);
out:
    pthread_mutex_unlock(&drv->config_lock);
    if (ret)
        qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_DEFINED,
                        updated ? QEMU_DETAIL_DEFINED_UPDATED : QEMU_DETAIL_DEFINED_ADDED);
    qemu_domain_unref(dom);
    return ret;
}

int
qemu_domain_undefine_flags(virDomainPtr handle, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    int rc = -1;

    vir_check_flags(flags, VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
                               VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_KEEP_NVRAM |
                               VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA |
                               VIR_DOMAIN_UNDEFINE_TPM | VIR_DOMAIN_UNDEFINE_KEEP_TPM, -1);
    if (!(dom = dom_get(handle, &drv)))
        return -1;
    _cleanup_free_ char *name = NULL;
    bool persistent, listed;

    pthread_mutex_lock(&dom->job);
    pthread_mutex_lock(&drv->config_lock);
    pthread_mutex_lock(&drv->lock);
    listed = dom_check_listed(dom) == 0;
    persistent = dom->persistent;
    name = xstrdup(dom->def->def->name);
    pthread_mutex_unlock(&drv->lock);
    if (!listed) {
        /* reported */
    } else if (!persistent) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "cannot undefine transient domain");
    } else if (qemu_files_delete_config(drv, name) == 0) {
        pthread_mutex_lock(&drv->lock);
        dom->persistent = false;
        dom->autostart = false;
        if (dom_active(dom))
            qemu_def_free(TAKE_PTR(dom->new_def));
        else
            qemu_domain_remove(drv, dom);
        pthread_mutex_unlock(&drv->lock);
        rc = 0;
    }
    pthread_mutex_unlock(&drv->config_lock);
    if (rc == 0)
        qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_UNDEFINED,
                        QEMU_DETAIL_UNDEFINED_REMOVED);
    dom_end(dom);
    return rc;
}

virDomainPtr
qemu_domain_create_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    QemuDriver *drv = qemu_driver_of(conn);
    QemuDef *def;
    QemuDomain *dom;
    virDomainPtr ret = NULL;
    bool err;

    vir_check_flags(flags, VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_AUTODESTROY |
                               VIR_DOMAIN_START_VALIDATE, NULL);
    if (flags & VIR_DOMAIN_START_AUTODESTROY) {
        vir_report_error(VIR_ERR_NO_SUPPORT, "%s", "autodestroy is not supported yet");
        return NULL;
    }
    if (!(def = dom_parse(drv, xml, 0)))
        return NULL;
    /* config_lock: a define checking the same name is not in the middle of
     * writing its file */
    pthread_mutex_lock(&drv->config_lock);
    pthread_mutex_lock(&drv->lock);
    dom = dom_check_duplicate(drv, def->def, false, &err);
    if (err) {
        pthread_mutex_unlock(&drv->lock);
        pthread_mutex_unlock(&drv->config_lock);
        qemu_def_free(def);
        return NULL;
    }
    if (!dom)
        dom = qemu_domain_ref(qemu_domain_add(drv, TAKE_PTR(def)));
    pthread_mutex_unlock(&drv->lock);
    pthread_mutex_unlock(&drv->config_lock);
    if (def) {
        /* a defined, inactive domain runs this definition; its config stays */
        if (dom_begin(drv, dom, false) < 0) {
            qemu_def_free(def);
            qemu_domain_unref(dom);
            return NULL;
        }
        pthread_mutex_lock(&drv->lock);
        dom->new_def = dom->def;
        dom->def = TAKE_PTR(def);
        pthread_mutex_unlock(&drv->lock);
    } else {
        pthread_mutex_lock(&dom->job);
    }
    if (qemu_process_start(drv, dom, flags & VIR_DOMAIN_START_PAUSED,
                           VIR_DOMAIN_RUNNING_BOOTED) == 0) {
        pthread_mutex_lock(&drv->lock);
        ret = dom_handle(conn, dom);
        pthread_mutex_unlock(&drv->lock);
    }
    dom_end(dom);
    return ret;
}

int
qemu_domain_create_with_flags(virDomainPtr handle, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    int rc;

    vir_check_flags(flags, VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_AUTODESTROY |
                               VIR_DOMAIN_START_BYPASS_CACHE | VIR_DOMAIN_START_FORCE_BOOT |
                               VIR_DOMAIN_START_RESET_NVRAM, -1);
    if (flags & VIR_DOMAIN_START_AUTODESTROY) {
        vir_report_error(VIR_ERR_NO_SUPPORT, "%s", "autodestroy is not supported yet");
        return -1;
    }
    if (!(dom = dom_get(handle, &drv)))
        return -1;
    if (dom_begin(drv, dom, false) < 0) {
        qemu_domain_unref(dom);
        return -1;
    }
    rc = qemu_process_start(drv, dom, flags & VIR_DOMAIN_START_PAUSED, VIR_DOMAIN_RUNNING_BOOTED);
    if (rc == 0)
        handle->id = dom->id;
    dom_end(dom);
    return rc;
}

/* ---- lifecycle ---- */

int
qemu_domain_destroy_flags(virDomainPtr handle, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;

    vir_check_flags(flags, VIR_DOMAIN_DESTROY_GRACEFUL, -1);
    if (!(dom = dom_get(handle, &drv)))
        return -1;
    if (pthread_mutex_trylock(&dom->job) != 0) {
        /* another operation may be waiting on a wedged qemu: end it first
         * (an unreaped child's pid cannot have been reused) */
        pthread_mutex_lock(&drv->lock);
        pid_t pid = dom->is_child ? dom->pid : 0;
        pthread_mutex_unlock(&drv->lock);
        if (!(flags & VIR_DOMAIN_DESTROY_GRACEFUL) && pid > 0)
            kill(pid, SIGTERM);
    } else {
        pthread_mutex_unlock(&dom->job);
    }
    if (dom_begin(drv, dom, true) < 0) {
        qemu_domain_unref(dom);
        return -1;
    }
    qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_SHUTDOWN,
                    QEMU_DETAIL_SHUTDOWN_HOST);
    qemu_process_stop(drv, dom, VIR_DOMAIN_SHUTOFF_DESTROYED);
    dom_end(dom);
    return 0;
}

/* Runs one QMP command on an active domain, under its job. */
static int
dom_simple_command(virDomainPtr handle, const char *cmd, const char *args,
                   void (*after)(QemuDriver *, QemuDomain *))
{
    QemuDriver *drv;
    QemuDomain *dom;
    int rc;

    if (!(dom = dom_get(handle, &drv)))
        return -1;
    if (dom_begin(drv, dom, true) < 0) {
        qemu_domain_unref(dom);
        return -1;
    }
    rc = qemu_monitor_command(dom->mon, cmd, args, 0, NULL);
    if (rc == 0 && after)
        after(drv, dom);
    dom_end(dom);
    return rc;
}

/* Pauses or resumes the vcpus, as libvirtd: suspending a paused domain is a
 * no-op, resuming a running one an error. The STOP or RESUME that qemu sends
 * for our own command is counted so that, when it is handled after a later
 * command has changed the state again, it does not undo that change. */
static int
dom_set_paused(virDomainPtr handle, bool pause)
{
    QemuDriver *drv;
    QemuDomain *dom;
    int state, rc = 0;

    if (!(dom = dom_get(handle, &drv)))
        return -1;
    if (dom_begin(drv, dom, true) < 0) {
        qemu_domain_unref(dom);
        return -1;
    }
    pthread_mutex_lock(&drv->lock);
    state = dom->state;
    pthread_mutex_unlock(&drv->lock);
    if (state == VIR_DOMAIN_PMSUSPENDED) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "domain is pmsuspended");
        rc = -1;
    } else if (!pause && state == VIR_DOMAIN_RUNNING) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "domain is already running");
        rc = -1;
    } else if (!(pause && state == VIR_DOMAIN_PAUSED)) {
        rc = qemu_monitor_command(dom->mon, pause ? "stop" : "cont", NULL, 0, NULL);
        if (rc == 0) {
            if (pause)
                dom->own_stops++;
            else
                dom->own_resumes++;
            pthread_mutex_lock(&drv->lock);
            dom->state = pause ? VIR_DOMAIN_PAUSED : VIR_DOMAIN_RUNNING;
            dom->reason = pause ? VIR_DOMAIN_PAUSED_USER : VIR_DOMAIN_RUNNING_UNPAUSED;
            pthread_mutex_unlock(&drv->lock);
            if (qemu_files_save_status(drv, dom) < 0)
                qemu_error_drop(__func__);
            if (pause)
                qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_SUSPENDED,
                                QEMU_DETAIL_SUSPENDED_PAUSED);
            else
                qemu_event_emit(drv, dom, QEMU_EVENT_ID_LIFECYCLE, QEMU_EVENT_RESUMED,
                                QEMU_DETAIL_RESUMED_UNPAUSED);
        }
    }
    dom_end(dom);
    return rc;
}

static void
dom_after_reboot(QemuDriver *drv, QemuDomain *dom)
{
    (void)drv;
    dom->fake_reboot = true;
}

int
qemu_domain_suspend(virDomainPtr dom)
{
    return dom_set_paused(dom, true);
}

int
qemu_domain_resume(virDomainPtr dom)
{
    return dom_set_paused(dom, false);
}

int
qemu_domain_shutdown_flags(virDomainPtr dom, unsigned int flags)
{
    vir_check_flags(flags, VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN | VIR_DOMAIN_SHUTDOWN_GUEST_AGENT, -1);
    if (flags & VIR_DOMAIN_SHUTDOWN_GUEST_AGENT && !(flags & VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN)) {
        vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "QEMU guest agent is not configured");
        return -1;
    }
    return dom_simple_command(dom, "system_powerdown", NULL, NULL);
}

int
qemu_domain_reboot(virDomainPtr dom, unsigned int flags)
{
    vir_check_flags(flags, VIR_DOMAIN_REBOOT_ACPI_POWER_BTN | VIR_DOMAIN_REBOOT_GUEST_AGENT, -1);
    if (flags & VIR_DOMAIN_REBOOT_GUEST_AGENT && !(flags & VIR_DOMAIN_REBOOT_ACPI_POWER_BTN)) {
        vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "QEMU guest agent is not configured");
        return -1;
    }
    return dom_simple_command(dom, "system_powerdown", NULL, dom_after_reboot);
}

int
qemu_domain_reset(virDomainPtr dom, unsigned int flags)
{
    vir_check_flags(flags, 0, -1);
    return dom_simple_command(dom, "system_reset", NULL, NULL);
}

/* ---- memory ---- */

/* Writes dom's persistent definition with its memory (max_mem: the
 * maximum, else the current size) changed, then puts that definition in
 * place. The change is made to a copy, written under config_lock alone,
 * and swapped in under drv->lock only once it is on disk. Caller holds
 * dom->job. Reports. */
static int
dom_update_config(QemuDriver *drv, QemuDomain *dom, unsigned long memory, bool max_mem)
{
    QemuDef *copy = NULL, **slot;
    int rc = -1;

    pthread_mutex_lock(&drv->config_lock);
    pthread_mutex_lock(&drv->lock);
    slot = dom_active(dom) ? &dom->new_def : &dom->def;
    if (dom_check_listed(dom) < 0) {
        pthread_mutex_unlock(&drv->lock);
        goto out;
    }
    if (*slot && dom->persistent)
        copy = qemu_def_copy(*slot);
    pthread_mutex_unlock(&drv->lock);
    if (!copy) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "cannot change persistent config of a transient domain");
        goto out;
    }
    if (max_mem) {
        copy->def->memory_kib = memory;
        if (copy->def->cur_memory_kib > memory)
            copy->def->cur_memory_kib = memory;
    } else {
        copy->def->cur_memory_kib = memory;
    }
    if (qemu_files_save_config(drv, copy) < 0)
        goto out;
    pthread_mutex_lock(&drv->lock);
    /* the job keeps start and stop from swapping the slots meanwhile */
    slot = dom_active(dom) ? &dom->new_def : &dom->def;
    copy->def->id = (*slot)->def->id;
    qemu_def_free(*slot);
    *slot = TAKE_PTR(copy);
    pthread_mutex_unlock(&drv->lock);
    rc = 0;
out:
    pthread_mutex_unlock(&drv->config_lock);
    qemu_def_free(copy);
    return rc;
}

int
qemu_domain_set_memory_flags(virDomainPtr handle, unsigned long memory, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    int rc = -1;
    bool live, config, active;

    vir_check_flags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                               VIR_DOMAIN_MEM_MAXIMUM, -1);
    if (!(dom = dom_get(handle, &drv)))
        return -1;
    pthread_mutex_lock(&dom->job);
    pthread_mutex_lock(&drv->lock);
    active = dom_active(dom);
    live = (flags & VIR_DOMAIN_AFFECT_LIVE) || (!(flags & VIR_DOMAIN_AFFECT_CONFIG) && active);
    config = (flags & VIR_DOMAIN_AFFECT_CONFIG) || (!live && !active);
    QemuDef *cfg = active ? dom->new_def : dom->def;
    unsigned long long max = (live ? dom->def : cfg ? cfg : dom->def)->def->memory_kib;
    pthread_mutex_unlock(&drv->lock);
    if (live && !active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
    } else if (config && !cfg) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "cannot change persistent config of a transient domain");
    } else if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                             "cannot resize the maximum memory on an active domain");
        } else {
            rc = dom_update_config(drv, dom, memory, true);
        }
    } else if (memory > max || memory == 0) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s", "cannot set memory higher than max memory");
    } else {
        rc = 0;
        if (live) {
            _cleanup_free_ char *args = xasprintf("{\"value\":%llu}", (unsigned long long)memory * 1024);
            if (!dom->def->def->memballoon_model || STRNEQ(dom->def->def->memballoon_model, "virtio")) {
                vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "Unable to change memory of active domain without the balloon device and guest OS balloon driver");
                rc = -1;
            } else if ((rc = qemu_monitor_command(dom->mon, "balloon", args, 0, NULL)) == 0) {
                pthread_mutex_lock(&drv->lock);
                dom->def->def->cur_memory_kib = memory;
                pthread_mutex_unlock(&drv->lock);
                qemu_files_save_status(drv, dom);
            }
        }
        if (rc == 0 && config)
            rc = dom_update_config(drv, dom, memory, false);
    }
    dom_end(dom);
    return rc;
}

int
qemu_domain_set_max_memory(virDomainPtr dom, unsigned long memory)
{
    return qemu_domain_set_memory_flags(dom, memory, VIR_DOMAIN_MEM_MAXIMUM |
                                                         VIR_DOMAIN_AFFECT_CONFIG);
}

/* ---- console, block stats, screenshot (for the daemon's streams) ---- */

int
qemu_domain_console_path(virDomainPtr handle, const char *dev_name, char **ret_path)
{
    QemuDriver *drv;
    QemuDomain *dom = dom_get(handle, &drv);
    const DomainChr *chr = NULL;
    char *path = NULL;
    int rc = -1;

    if (!dom)
        return -1;
    pthread_mutex_lock(&drv->lock);
    const DomainDef *def = dom->def->def;
    unsigned int idx;
    char extra;
    if (dom_check_active(dom, true) < 0)
        goto out;
    /* the consoles this driver accepts are all serial 0 under another name */
    if (!dev_name || STREQ(dev_name, "console0"))
        chr = def->nserials > 0 ? def->serials[0] : NULL;
    else if (sscanf(dev_name, "serial%u%c", &idx, &extra) == 1 && idx < def->nserials)
        chr = def->serials[idx];
    if (!chr) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "cannot find character device %s",
                         dev_name ? dev_name : "<null>");
        goto out;
    }
    if (STRNEQ(chr->type, "pty") || !chr->source_path) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "character device %s is not using a PTY",
                         dev_name ? dev_name : "serial0");
        goto out;
    }
    path = xstrdup(chr->source_path);
    rc = 0;
out:
    pthread_mutex_unlock(&drv->lock);
    qemu_domain_unref(dom);
    if (rc == 0)
        *ret_path = path;
    return rc;
}

/* The qdev id of the disk named by target or source path, or NULL. */
static char *
dom_disk_id(const DomainDef *def, const char *disk)
{
    for (size_t i = 0; i < def->ndisks; i++)
        if (STREQ(def->disks[i]->dst, disk) || STREQ_NULLABLE(def->disks[i]->source, disk))
            return qemu_disk_device_id(def->disks[i]);
    return NULL;
}

static void
dom_read_blockstats(const QemuJson *entry, QemuBlockStats *st)
{
    const QemuJson *s = qemu_json_get(entry, "stats");
    long long v;

    memset(st, 0, sizeof(*st));
    st->rd_req = qemu_json_get_int(s, "rd_operations", &v) ? v : 0;
    st->rd_bytes = qemu_json_get_int(s, "rd_bytes", &v) ? v : 0;
    st->wr_req = qemu_json_get_int(s, "wr_operations", &v) ? v : 0;
    st->wr_bytes = qemu_json_get_int(s, "wr_bytes", &v) ? v : 0;
    st->errs = -1; /* qemu does not count errors: libvirt reports -1 too */
}

/* An empty disk name asks for the sum over every disk, as libvirt's QEMU
 * driver answers it. Caller holds the job. */
static int
dom_sum_blockstats(QemuDomain *dom, QemuBlockStats *ret_stats)
{
    QemuJson *ret = NULL;
    QemuBlockStats one;

    if (qemu_monitor_command(dom->mon, "query-blockstats", NULL, 0, &ret) < 0)
        return -1;
    memset(ret_stats, 0, sizeof(*ret_stats));
    for (size_t i = 0; ret->type == QEMU_JSON_ARRAY && i < ret->n; i++) {
        if (!qemu_json_get_string(ret->items[i], "qdev"))
            continue;
        dom_read_blockstats(ret->items[i], &one);
        ret_stats->rd_req += one.rd_req;
        ret_stats->rd_bytes += one.rd_bytes;
        ret_stats->wr_req += one.wr_req;
        ret_stats->wr_bytes += one.wr_bytes;
    }
    ret_stats->errs = -1;
    qemu_json_free(ret);
    return 0;
}

int
qemu_domain_block_stats(virDomainPtr handle, const char *disk, QemuBlockStats *ret_stats)
{
    QemuDriver *drv;
    QemuDomain *dom;
    _cleanup_free_ char *id = NULL;
    QemuJson *ret = NULL;
    int rc = -1;

    if (!(dom = dom_get(handle, &drv)))
        return -1;
    if (dom_begin(drv, dom, true) < 0) {
        qemu_domain_unref(dom);
        return -1;
    }
    pthread_mutex_lock(&drv->lock);
    id = *disk ? dom_disk_id(dom->def->def, disk) : NULL;
    pthread_mutex_unlock(&drv->lock);
    if (!*disk) {
        rc = dom_sum_blockstats(dom, ret_stats);
    } else if (!id) {
        vir_report_error(VIR_ERR_INVALID_ARG, "invalid path: %s", disk);
    } else if (qemu_monitor_command(dom->mon, "query-blockstats", NULL, 0, &ret) == 0) {
        /* qdev is "/machine/peripheral/<id>/..." or "<id>" */
        _cleanup_free_ char *want = xasprintf("/machine/peripheral/%s/", id);
        for (size_t i = 0; ret->type == QEMU_JSON_ARRAY && i < ret->n && rc < 0; i++) {
            const char *qdev = qemu_json_get_string(ret->items[i], "qdev");
            if (qdev && (STREQ(qdev, id) || strncmp(qdev, want, strlen(want)) == 0)) {
                dom_read_blockstats(ret->items[i], ret_stats);
                rc = 0;
            }
        }
        if (rc < 0)
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "cannot find statistics for device '%s'",
                             id);
        qemu_json_free(ret);
    }
    dom_end(dom);
    return rc;
}

int
qemu_domain_screenshot(virDomainPtr handle, unsigned int screen, char **ret_path)
{
    QemuDriver *drv;
    QemuDomain *dom;
    char *path = NULL;
    VireoBuf args = VIREO_BUF_INIT;
    int rc = -1;

    if (!(dom = dom_get(handle, &drv)))
        return -1;
    if (dom_begin(drv, dom, true) < 0) {
        qemu_domain_unref(dom);
        return -1;
    }
    if (screen != 0) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s", "invalid screen ID");
        goto out;
    }
    path = xasprintf("%s/screendump.ppm", dom->lib_dir);
    buf_add(&args, "{\"filename\":");
    qemu_json_add_string(&args, path);
    buf_add(&args, "}");
    unlink(path);
    rc = qemu_monitor_command(dom->mon, "screendump", buf_str(&args), 0, NULL);
out:
    buf_reset(&args);
    dom_end(dom);
    if (rc == 0)
        *ret_path = path;
    else
        free(path);
    return rc;
}
