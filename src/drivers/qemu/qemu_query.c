/*
 * qemu_query.c: read-side queries on a QEMU domain that virsh and
 * virt-manager make (block info, control state, emulator pinning, disk
 * errors, hostname and time without an agent, metadata), answered as
 * libvirtd 9.0's QEMU driver answers them, with its errors where it fails
 * too. Also the helpers the query files share (qemu_query.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drivers/qemu/qemu_query.h"
#include "util/alloc.h"
#include "util/uuid.h"
#include "util/log.h"

#define VIR_FROM_THIS VIR_FROM_QEMU
#include "util/error.h"

/* ---- shared helpers ---- */

QemuDomain *
qemu_query_begin(virDomainPtr handle, bool need_active, QemuDriver **ret_drv)
{
    QemuDriver *drv = qemu_driver_of(handle->conn);
    QemuDomain *dom;
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool removed, active;

    pthread_mutex_lock(&drv->lock);
    dom = qemu_domain_find_uuid(drv, handle->uuid);
    pthread_mutex_unlock(&drv->lock);
    if (!dom) {
        vireo_uuid_format(handle->uuid, uuid);
        vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN,
                         "no domain with matching uuid '%s' (%s)", uuid, handle->name);
        return NULL;
    }
    pthread_mutex_lock(&dom->job);
    pthread_mutex_lock(&drv->lock);
    removed = dom->removed;
    active = dom->id >= 0;
    pthread_mutex_unlock(&drv->lock);
    if (removed) {
        vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s'",
                         vireo_uuid_format(dom->uuid, uuid));
    } else if (need_active && !active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
    } else {
        *ret_drv = drv;
        return dom;
    }
    pthread_mutex_unlock(&dom->job);
    qemu_domain_unref(dom);
    return NULL;
}

void
qemu_query_end(QemuDomain *dom)
{
    pthread_mutex_unlock(&dom->job);
    qemu_domain_unref(dom);
}

int
qemu_query_affect(QemuDriver *drv, QemuDomain *dom, unsigned int flags, bool *ret_live,
                  bool *ret_config)
{
    bool active, persistent;

    pthread_mutex_lock(&drv->lock);
    active = dom->id >= 0;
    persistent = dom->persistent;
    pthread_mutex_unlock(&drv->lock);
    if (!(flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)))
        flags |= active ? VIR_DOMAIN_AFFECT_LIVE : VIR_DOMAIN_AFFECT_CONFIG;
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && !active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    if ((flags & VIR_DOMAIN_AFFECT_CONFIG) && !persistent) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "transient domains do not have any persistent config");
        return -1;
    }
    *ret_live = flags & VIR_DOMAIN_AFFECT_LIVE;
    *ret_config = flags & VIR_DOMAIN_AFFECT_CONFIG;
    return 0;
}

int
qemu_query_update_config(QemuDriver *drv, QemuDomain *dom,
                         int (*edit)(QemuDef *def, void *opaque), void *opaque)
{
    QemuDef *copy = NULL, **slot;
    int rc = -1;

    pthread_mutex_lock(&drv->config_lock);
    pthread_mutex_lock(&drv->lock);
    slot = dom->id >= 0 ? &dom->new_def : &dom->def;
    if (*slot && dom->persistent && !dom->removed)
        copy = qemu_def_copy(*slot);
    pthread_mutex_unlock(&drv->lock);
    if (!copy) {
        if (!vir_error_current())
            vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                             "transient domains do not have any persistent config");
        goto out;
    }
    if (edit(copy, opaque) < 0 || qemu_files_save_config(drv, copy) < 0)
        goto out;
    pthread_mutex_lock(&drv->lock);
    /* the job keeps start and stop from swapping the slots meanwhile */
    slot = dom->id >= 0 ? &dom->new_def : &dom->def;
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
qemu_query_host_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_CONF);

    return n > 0 ? (int)n : 1;
}

/* ---- block info ---- */

/* The disk named by target or source path, as virDomainDiskByName. */
static const DomainDisk *
query_disk(const DomainDef *def, const char *name)
{
    for (size_t i = 0; i < def->ndisks; i++)
        if (STREQ(def->disks[i]->dst, name))
            return def->disks[i];
    for (size_t i = 0; i < def->ndisks; i++)
        if (def->disks[i]->source && STREQ(def->disks[i]->source, name))
            return def->disks[i];
    return NULL;
}

/* A qcow2 image's virtual size from its header (big-endian at offset 24),
 * 0 when the file is not qcow2. */
static unsigned long long
query_qcow2_size(int fd)
{
    unsigned char h[32];
    unsigned long long v = 0;

    if (pread(fd, h, sizeof(h), 0) != (ssize_t)sizeof(h) || memcmp(h, "QFI\xfb", 4) != 0)
        return 0;
    for (int i = 24; i < 32; i++)
        v = (v << 8) | h[i];
    return v;
}

/* Sizes of an image file as libvirt reads them from the file itself: the
 * capacity from the format (raw: the file size), allocation from its
 * blocks, physical from its size. Reports. */
static int
query_file_limits(const char *path, bool qcow2, virDomainBlockInfoPtr info)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

    if (fd < 0 || fstat(fd, &st) < 0) {
        vir_error_report_system(VIR_FROM_QEMU, errno, "cannot stat file '%s'", path);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    info->physical = S_ISREG(st.st_mode) ? (unsigned long long)st.st_size : 0;
    info->allocation = (unsigned long long)st.st_blocks * 512ULL;
    info->capacity = qcow2 && S_ISREG(st.st_mode) ? query_qcow2_size(fd) : info->physical;
    if (!info->capacity)
        info->capacity = info->physical;
    close(fd);
    return 0;
}

static long long
query_json_num(const QemuJson *obj, const char *key)
{
    long long v;

    return qemu_json_get_int(obj, key, &v) && v >= 0 ? v : -1;
}

/* The entry of query-blockstats or query-block for qdev id. */
static const QemuJson *
query_block_entry(const QemuJson *all, const char *id)
{
    _cleanup_free_ char *prefix = xasprintf("/machine/peripheral/%s/", id);

    for (size_t i = 0; all && all->type == QEMU_JSON_ARRAY && i < all->n; i++) {
        const char *qdev = qemu_json_get_string(all->items[i], "qdev");
        if (qdev && (STREQ(qdev, id) || strncmp(qdev, prefix, strlen(prefix)) == 0))
            return all->items[i];
    }
    return NULL;
}

static const QemuJson *
query_node_image(const QemuJson *nodes, const char *node)
{
    for (size_t i = 0; node && nodes && nodes->type == QEMU_JSON_ARRAY && i < nodes->n; i++) {
        const char *name = qemu_json_get_string(nodes->items[i], "node-name");
        if (name && STREQ(name, node))
            return qemu_json_get(nodes->items[i], "image");
    }
    return NULL;
}

/* A running disk's sizes as libvirtd computes them: capacity and physical
 * ("actual-size") of its format node, allocation the highest offset
 * written (qcow2: physical); an untouched or sparse image takes its
 * physical size from the file. Caller holds the job. Reports. */
static int
query_block_info_live(QemuDomain *dom, const DomainDisk *disk, virDomainBlockInfoPtr info)
{
    _cleanup_(qemu_json_freep) QemuJson *all = NULL;
    _cleanup_(qemu_json_freep) QemuJson *nodes = NULL;
    _cleanup_free_ char *id = qemu_disk_device_id(disk);
    const QemuJson *entry, *image;
    long long capacity, physical, highest;
    bool qcow2 = disk->driver_type && STREQ(disk->driver_type, "qcow2");

    if (qemu_monitor_command(dom->mon, "query-blockstats", NULL, 0, &all) < 0 ||
        qemu_monitor_command(dom->mon, "query-named-block-nodes", "{\"flat\":true}", 0,
                             &nodes) < 0)
        return -1;
    if (!(entry = query_block_entry(all, id))) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "cannot find statistics for device '%s'", id);
        return -1;
    }
    image = query_node_image(nodes, qemu_json_get_string(entry, "node-name"));
    capacity = query_json_num(image, "virtual-size");
    physical = query_json_num(image, "actual-size");
    if (capacity < 0)
        capacity = 0;
    if (physical < 0)
        physical = capacity;
    highest = query_json_num(qemu_json_get(entry, "stats"), "wr_highest_offset");
    if (highest < 0 || qcow2)
        info->allocation = (unsigned long long)physical;
    else
        info->allocation = (unsigned long long)highest;
    info->physical = (unsigned long long)physical;
    if (physical == 0 || info->allocation == 0 || info->allocation == (unsigned long long)physical) {
        struct stat st;
        if (info->allocation == 0)
            info->allocation = (unsigned long long)physical;
        if (disk->source && stat(disk->source, &st) == 0 && S_ISREG(st.st_mode))
            info->physical = (unsigned long long)st.st_size;
    }
    info->capacity = (unsigned long long)capacity;
    return 0;
}

int
qemu_domain_get_block_info(virDomainPtr handle, const char *path, virDomainBlockInfoPtr info,
                           unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    _cleanup_free_ char *source = NULL;
    DomainDisk copy = { 0 };
    bool active, found = false;
    int rc = -1;

    vir_check_flags(flags, 0, -1);
    if (!(dom = qemu_query_begin(handle, false, &drv)))
        return -1;
    pthread_mutex_lock(&drv->lock);
    active = dom->id >= 0;
    const DomainDisk *disk = query_disk(dom->def->def, path);
    if (disk) {
        /* what the queries need, copied out from under drv->lock */
        found = true;
        source = disk->source ? xstrdup(disk->source) : NULL;
        copy.bus = xstrdup(disk->bus);
        copy.dst = xstrdup(disk->dst);
        copy.driver_type = disk->driver_type ? xstrdup(disk->driver_type) : NULL;
        copy.addr = (DomainAddress){ .type = disk->addr.type, .dbus = disk->addr.dbus,
                                     .unit = disk->addr.unit };
        copy.source = source;
    }
    pthread_mutex_unlock(&drv->lock);
    if (!found) {
        vir_report_error(VIR_ERR_INVALID_ARG, "invalid path %s not assigned to domain", path);
    } else if (!source) {
        vir_report_error(VIR_ERR_INVALID_ARG,
                         "disk '%s' does not currently have a source assigned", path);
    } else if (!active) {
        rc = query_file_limits(source, copy.driver_type && STREQ(copy.driver_type, "qcow2"),
                               info);
    } else {
        rc = query_block_info_live(dom, &copy, info);
    }
    free(copy.bus);
    free(copy.dst);
    free(copy.driver_type);
    qemu_query_end(dom);
    return rc;
}

/* ---- control info ---- */

int
qemu_domain_get_control_info(virDomainPtr handle, virDomainControlInfoPtr info,
                             unsigned int flags)
{
    QemuDriver *drv = qemu_driver_of(handle->conn);
    QemuDomain *dom;
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool active, busy;

    vir_check_flags(flags, 0, -1);
    pthread_mutex_lock(&drv->lock);
    dom = qemu_domain_find_uuid(drv, handle->uuid);
    pthread_mutex_unlock(&drv->lock);
    if (!dom) {
        vireo_uuid_format(handle->uuid, uuid);
        vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_DOMAIN,
                         "no domain with matching uuid '%s' (%s)", uuid, handle->name);
        return -1;
    }
    /* like libvirtd's, this never waits for the domain's job: a job in
     * progress is what it reports */
    busy = pthread_mutex_trylock(&dom->job) != 0;
    if (!busy)
        pthread_mutex_unlock(&dom->job);
    pthread_mutex_lock(&drv->lock);
    active = dom->id >= 0;
    pthread_mutex_unlock(&drv->lock);
    qemu_domain_unref(dom);
    if (!active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
        return -1;
    }
    memset(info, 0, sizeof(*info));
    info->state = busy ? VIR_DOMAIN_CONTROL_OCCUPIED : VIR_DOMAIN_CONTROL_OK;
    return 0;
}

/* ---- emulator pinning ---- */

int
qemu_query_cpuset_parse(const char *s, unsigned char *map, int maplen, int ncpus)
{
    const char *p = s;

    while (*p) {
        bool neg = false;
        char *end;
        long lo, hi;

        while (*p == ' ')
            p++;
        if (*p == '^') {
            neg = true;
            p++;
        }
        errno = 0;
        lo = strtol(p, &end, 10);
        if (end == p || errno || lo < 0)
            return -1;
        hi = lo;
        p = end;
        if (*p == '-') {
            p++;
            hi = strtol(p, &end, 10);
            if (end == p || errno || hi < lo)
                return -1;
            p = end;
        }
        for (long c = lo; c <= hi && c < ncpus; c++) {
            if (c / 8 >= maplen)
                break;
            if (neg)
                map[c / 8] &= (unsigned char)~(1u << (c % 8));
            else
                map[c / 8] |= (unsigned char)(1u << (c % 8));
        }
        while (*p == ' ')
            p++;
        if (*p == ',')
            p++;
        else if (*p)
            return -1;
    }
    return 0;
}

int
qemu_domain_get_emulator_pin_info(virDomainPtr handle, unsigned char *cpumaps, int maplen,
                                  unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    _cleanup_free_ char *cpuset = NULL;
    bool live, config;
    int ncpus = qemu_query_host_cpus();

    vir_check_flags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(dom = qemu_query_begin(handle, false, &drv)))
        return -1;
    if (qemu_query_affect(drv, dom, flags, &live, &config) < 0) {
        qemu_query_end(dom);
        return -1;
    }
    pthread_mutex_lock(&drv->lock);
    const QemuDef *def = config && dom->id >= 0 && dom->new_def ? dom->new_def : dom->def;
    /* without <emulatorpin>, the emulator runs where the vCPUs may: the
     * <vcpu cpuset>, else every host CPU */
    if (def->def->vcpu_cpuset)
        cpuset = xstrdup(def->def->vcpu_cpuset);
    pthread_mutex_unlock(&drv->lock);
    qemu_query_end(dom);

    memset(cpumaps, 0, (size_t)maplen);
    if (!cpuset || qemu_query_cpuset_parse(cpuset, cpumaps, maplen, ncpus) < 0) {
        memset(cpumaps, 0, (size_t)maplen);
        for (int c = 0; c < ncpus && c / 8 < maplen; c++)
            cpumaps[c / 8] |= (unsigned char)(1u << (c % 8));
    }
    return 1;
}

/* ---- disk errors ---- */

static int
query_io_status(const char *s)
{
    if (!s || STREQ(s, "ok"))
        return VIR_DOMAIN_DISK_ERROR_NONE;
    if (STREQ(s, "nospace"))
        return VIR_DOMAIN_DISK_ERROR_NO_SPACE;
    return VIR_DOMAIN_DISK_ERROR_UNSPEC;
}

int
qemu_domain_get_disk_errors(virDomainPtr handle, virDomainDiskErrorPtr errors,
                            unsigned int maxerrors, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    _cleanup_(qemu_json_freep) QemuJson *all = NULL;
    char **ids = NULL, **dsts = NULL;
    size_t ndisks = 0;
    int n = -1;

    vir_check_flags(flags, 0, -1);
    if (!(dom = qemu_query_begin(handle, true, &drv)))
        return -1;
    pthread_mutex_lock(&drv->lock);
    ndisks = dom->def->def->ndisks;
    ids = XNEW_ARRAY(char *, ndisks + 1);
    dsts = XNEW_ARRAY(char *, ndisks + 1);
    for (size_t i = 0; i < ndisks; i++) {
        ids[i] = qemu_disk_device_id(dom->def->def->disks[i]);
        dsts[i] = xstrdup(dom->def->def->disks[i]->dst);
    }
    pthread_mutex_unlock(&drv->lock);
    if (qemu_monitor_command(dom->mon, "query-block", NULL, 0, &all) < 0)
        goto out;
    if (!errors) {
        /* libvirt's count: the disks that could have an error */
        n = (int)ndisks;
        goto out;
    }
    n = 0;
    for (size_t i = 0; i < ndisks && (unsigned int)n < maxerrors; i++) {
        const QemuJson *entry = query_block_entry(all, ids[i]);
        int st = query_io_status(qemu_json_get_string(entry, "io-status"));
        if (st == VIR_DOMAIN_DISK_ERROR_NONE)
            continue;
        errors[n].disk = xstrdup(dsts[i]);
        errors[n].error = st;
        n++;
    }
out:
    for (size_t i = 0; i < ndisks; i++) {
        free(ids[i]);
        free(dsts[i]);
    }
    free(ids);
    free(dsts);
    qemu_query_end(dom);
    return n;
}

/* ---- guest agent queries: no agent here, libvirtd's refusals ---- */

/* What libvirtd says when a call needs the guest agent: the domain must
 * be running (not paused), and no channel for the agent is configured. */
static int
query_agent_refusal(virDomainPtr handle)
{
    QemuDriver *drv;
    QemuDomain *dom = qemu_query_begin(handle, true, &drv);
    int state;

    if (!dom)
        return -1;
    pthread_mutex_lock(&drv->lock);
    state = dom->state;
    pthread_mutex_unlock(&drv->lock);
    qemu_query_end(dom);
    if (state != VIR_DOMAIN_RUNNING)
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "domain is not running");
    else
        vir_report_error(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s", "QEMU guest agent is not configured");
    return -1;
}

char *
qemu_domain_get_hostname(virDomainPtr handle, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    _cleanup_free_ char *name = NULL;

    vir_check_flags(flags, VIR_DOMAIN_GET_HOSTNAME_LEASE | VIR_DOMAIN_GET_HOSTNAME_AGENT, NULL);
    if ((flags & VIR_DOMAIN_GET_HOSTNAME_LEASE) && (flags & VIR_DOMAIN_GET_HOSTNAME_AGENT)) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s",
                         "Flags 'VIR_DOMAIN_GET_HOSTNAME_LEASE' and "
                         "'VIR_DOMAIN_GET_HOSTNAME_AGENT' are mutually exclusive");
        return NULL;
    }
    if (!(flags & VIR_DOMAIN_GET_HOSTNAME_LEASE)) {
        query_agent_refusal(handle);
        return NULL;
    }
    /* leases come from type='network' interfaces, which this driver has
     * none of: libvirtd finds no name either */
    if (!(dom = qemu_query_begin(handle, true, &drv)))
        return NULL;
    pthread_mutex_lock(&drv->lock);
    name = xstrdup(dom->def->def->name);
    pthread_mutex_unlock(&drv->lock);
    qemu_query_end(dom);
    vir_error_report(VIR_FROM_QEMU, VIR_ERR_NO_HOSTNAME, "no hostname found for domain %s", name);
    return NULL;
}

int
qemu_domain_get_time(virDomainPtr handle, long long *seconds, unsigned int *nseconds,
                     unsigned int flags)
{
    (void)seconds;
    (void)nseconds;
    vir_check_flags(flags, 0, -1);
    return query_agent_refusal(handle);
}

/* ---- metadata (title, description, namespaced elements) ---- */

static char **
query_meta_field(DomainDef *def, int type)
{
    return type == VIR_DOMAIN_METADATA_TITLE ? &def->title : &def->description;
}

static int
query_meta_apply(DomainDef *def, int type, const char *metadata, const char *key,
                 const char *uri)
{
    char **field;

    if (type == VIR_DOMAIN_METADATA_ELEMENT)
        return domain_metadata_set_element(def, metadata, key, uri);
    field = query_meta_field(def, type);
    free(*field);
    *field = metadata && *metadata ? xstrdup(metadata) : NULL;
    return 0;
}

static int
query_meta_check_type(int type)
{
    if (type < 0 || type > VIR_DOMAIN_METADATA_ELEMENT) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "unknown metadata type '%d'", type);
        return -1;
    }
    return 0;
}

char *
qemu_domain_get_metadata(virDomainPtr handle, int type, const char *uri, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    bool live, config;
    char *ret = NULL;
    int rc = 0;

    vir_check_flags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, NULL);
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "%s",
                         "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are "
                         "mutually exclusive");
        return NULL;
    }
    if (query_meta_check_type(type) < 0 || !(dom = qemu_query_begin(handle, false, &drv)))
        return NULL;
    if (qemu_query_affect(drv, dom, flags, &live, &config) == 0) {
        pthread_mutex_lock(&drv->lock);
        DomainDef *def = (config && dom->id >= 0 ? dom->new_def : dom->def)->def;
        if (type == VIR_DOMAIN_METADATA_ELEMENT)
            rc = domain_metadata_get_element(def, uri, &ret);
        else if (*query_meta_field(def, type))
            ret = xstrdup(*query_meta_field(def, type));
        pthread_mutex_unlock(&drv->lock);
        if (rc == 0 && !ret)
            vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_NO_DOMAIN_METADATA, "%s",
                             "Requested metadata element is not present");
    }
    qemu_query_end(dom);
    return ret;
}

typedef struct {
    int type;
    const char *metadata, *key, *uri;
} QueryMetaEdit;

/* The metadata-change event, emitted under the job so that two changes
 * are announced in their order. */
static void
query_meta_event(QemuDriver *drv, QemuDomain *dom, int type, const char *uri)
{
    VireoEvent ev = { .kind = VIREO_EVENT_DOMAIN, .event_id = VIREO_DOMAIN_EVENT_METADATA_CHANGE,
                      .type = type, .nsuri = uri };
    _cleanup_free_ char *name = NULL;

    pthread_mutex_lock(&drv->lock);
    name = xstrdup(dom->def->def->name);
    ev.id = dom->id;
    pthread_mutex_unlock(&drv->lock);
    ev.name = name;
    memcpy(ev.uuid, dom->uuid, VIR_UUID_BUFLEN);
    vireo_event_hub_emit(drv->events, &ev);
}

static int
query_meta_edit(QemuDef *def, void *opaque)
{
    const QueryMetaEdit *e = opaque;

    return query_meta_apply(def->def, e->type, e->metadata, e->key, e->uri);
}

int
qemu_domain_set_metadata(virDomainPtr handle, int type, const char *metadata, const char *key,
                         const char *uri, unsigned int flags)
{
    QemuDriver *drv;
    QemuDomain *dom;
    QueryMetaEdit edit = { type, metadata, key, uri };
    bool live, config;
    int rc = -1;

    vir_check_flags(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (query_meta_check_type(type) < 0 || !(dom = qemu_query_begin(handle, false, &drv)))
        return -1;
    if (qemu_query_affect(drv, dom, flags, &live, &config) < 0)
        goto out;
    if (live) {
        /* the live definition changes on a copy first, so a bad element
         * leaves it as it was */
        pthread_mutex_lock(&drv->lock);
        QemuDef *copy = qemu_def_copy(dom->def);
        pthread_mutex_unlock(&drv->lock);
        if (!copy || query_meta_apply(copy->def, type, metadata, key, uri) < 0) {
            qemu_def_free(copy);
            goto out;
        }
        pthread_mutex_lock(&drv->lock);
        copy->def->id = dom->def->def->id;
        qemu_def_free(dom->def);
        dom->def = copy;
        pthread_mutex_unlock(&drv->lock);
        if (qemu_files_save_status(drv, dom) < 0)
            qemu_error_drop(__func__);
    }
    if (config && qemu_query_update_config(drv, dom, query_meta_edit, &edit) < 0)
        goto out;
    rc = 0;
    query_meta_event(drv, dom, type, uri);
out:
    qemu_query_end(dom);
    return rc;
}

/* ---- jobs ---- */

/* This driver runs no background job (migration, dump, backup): a
 * running domain's job is always NONE, as libvirtd reports an idle one,
 * and no completed job is ever kept. */
static int
query_job_check(virDomainPtr handle, bool need_active)
{
    QemuDriver *drv;
    QemuDomain *dom = qemu_query_begin(handle, need_active, &drv);

    if (!dom)
        return -1;
    qemu_query_end(dom);
    return 0;
}

int
qemu_domain_get_job_info(virDomainPtr handle, virDomainJobInfoPtr info)
{
    memset(info, 0, sizeof(*info));
    if (query_job_check(handle, true) < 0)
        return -1;
    info->type = VIR_DOMAIN_JOB_NONE;
    return 0;
}

int
qemu_domain_get_job_stats(virDomainPtr handle, int *type, virTypedParameterPtr *params,
                          int *nparams, unsigned int flags)
{
    vir_check_flags(flags, VIR_DOMAIN_JOB_STATS_COMPLETED | VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED,
                    -1);
    if (query_job_check(handle, !(flags & VIR_DOMAIN_JOB_STATS_COMPLETED)) < 0)
        return -1;
    *type = VIR_DOMAIN_JOB_NONE;
    *params = NULL;
    *nparams = 0;
    return 0;
}
