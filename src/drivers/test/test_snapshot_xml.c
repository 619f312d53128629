/*
 * test_snapshot_xml.c: <domainsnapshot> documents for the test driver:
 * parsing (plain and redefine), disk alignment against the domain, and
 * formatting, with the checks, defaults and error texts of libvirt 9.0's
 * snapshot_conf.c for what the test driver can meet.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN_SNAPSHOT

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conf/xml.h"
#include "drivers/test/test_moment.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

/* virDomainSnapshotLocation names, indexed by TEST_SNAP_LOC_*. */
static const char *const test_snap_loc_names[] = {
    "default", "no", "internal", "external", "manual", NULL,
};
/* The names an XML attribute may use (libvirt refuses "default" there). */
static const char *const test_snap_loc_attr[] = {
    "no", "internal", "external", "manual", NULL,
};
/* virDomainSnapshotState names, indexed by state. */
static const char *const test_snap_state_names[] = {
    "nostate", "running", "blocked", "paused", "shutdown", "shutoff", "crashed",
    "pmsuspended", "disk-snapshot", NULL,
};
/* virStorageType names an XML disk may use, and the image formats. */
static const char *const test_snap_src_types[] = {
    "file", "block", "dir", "network", "volume", "nvme", "vhostuser", "vhostvdpa", NULL,
};
static const char *const test_snap_formats[] = {
    "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd", "ploop", "cow",
    "qcow", "qcow2", "qed", "vmdk", NULL,
};

const char *
test_snapshot_state_name(int state)
{
    if (state < 0 || state > TEST_SNAP_STATE_DISK_SNAPSHOT)
        return "nostate";
    return test_snap_state_names[state];
}

const char *
test_snapshot_location_name(int loc)
{
    if (loc < 0 || loc > TEST_SNAP_LOC_MANUAL)
        return "default";
    return test_snap_loc_names[loc];
}

/* A location attribute: 1 and *ret set, 0 absent, -1 reported. */
static int
test_snapshot_parse_loc(xmlNodePtr node, int *ret)
{
    _cleanup_free_ char *val = NULL;
    int rc = conf_xml_prop_enum(node, "snapshot", test_snap_loc_attr, false, &val);

    if (rc <= 0)
        return rc;
    *ret = conf_enum_index(test_snap_loc_names, val);
    return 1;
}

static int
test_snapshot_parse_disk(xmlNodePtr node, TestMomentDisk *disk)
{
    _cleanup_free_ char *type = NULL;
    _cleanup_free_ char *driver = NULL;
    xmlNodePtr sub;

    if (!(disk->name = conf_xml_prop(node, "name"))) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "missing name from disk snapshot element");
        return -1;
    }
    if (test_snapshot_parse_loc(node, &disk->kind) < 0)
        return -1;
    if (conf_xml_prop_enum(node, "type", test_snap_src_types, false, &type) < 0)
        return -1;
    if (type && (strcmp(type, "volume") == 0 || strcmp(type, "dir") == 0)) {
        vir_report_error(VIR_ERR_XML_ERROR, "unsupported disk snapshot type '%s'", type);
        return -1;
    }
    disk->src_type = xstrdup(type ? type : "file");
    if ((sub = conf_xml_child(node, "source"))) {
        disk->src_path = conf_xml_prop(sub, strcmp(disk->src_type, "block") == 0 ? "dev" : "file");
        if (disk->src_path && !disk->src_path[0]) {
            free(disk->src_path);
            disk->src_path = NULL;
        }
    }
    if ((sub = conf_xml_child(node, "driver")) && (driver = conf_xml_prop(sub, "type"))) {
        if (conf_enum_index(test_snap_formats, driver) < 0) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "unknown disk snapshot driver '%s'",
                             driver);
            return -1;
        }
        disk->driver_type = TAKE_PTR(driver);
    }
    if (disk->src_path && disk->src_path[0] != '/') {
        vir_report_error(VIR_ERR_XML_ERROR, "disk snapshot image path '%s' must be absolute",
                         disk->src_path);
        return -1;
    }
    if (disk->kind == TEST_SNAP_LOC_DEFAULT && (disk->src_path || disk->driver_type))
        disk->kind = TEST_SNAP_LOC_EXTERNAL;
    return 0;
}

/* The redefine-only part: creation time, parent, state, domain. Sets
 * *offline from the recorded state. */
static int
test_snapshot_parse_redefine(xmlNodePtr root, TestMoment *snap, bool *offline)
{
    _cleanup_free_ char *state = conf_xml_child_text(root, "state");
    xmlNodePtr dom = conf_xml_child(root, "domain");

    if (test_moment_parse_creation(root, snap, VIR_FROM_THIS, "snapshot") < 0)
        return -1;
    if (!state) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "missing state from existing snapshot");
        return -1;
    }
    snap->state = conf_enum_index(test_snap_state_names, state);
    if (snap->state <= 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "Invalid state '%s' in domain snapshot XML",
                         state);
        return -1;
    }
    *offline = snap->state == VIR_DOMAIN_SHUTOFF || snap->state == TEST_SNAP_STATE_DISK_SNAPSHOT;
    if (dom) {
        _cleanup_free_ char *type = conf_xml_prop(dom, "type");

        /* older snapshots recorded only the UUID: no domain then */
        if (type && !(snap->dom = domain_def_parse_node(dom, DOMAIN_PARSE_INACTIVE)))
            return -1;
    }
    if ((dom = conf_xml_child(root, "inactiveDomain")) &&
        !(snap->inactive_dom = domain_def_parse_node(dom, DOMAIN_PARSE_INACTIVE)))
        return -1;
    return 0;
}

/* <memory>: location and file, with libvirt's consistency checks. */
static int
test_snapshot_parse_memory(xmlNodePtr root, TestMoment *snap, bool redefine, bool offline)
{
    xmlNodePtr mem = conf_xml_child(root, "memory");

    if (mem) {
        snap->memory_file = conf_xml_prop(mem, "file");
        if (test_snapshot_parse_loc(mem, &snap->memory) < 0)
            return -1;
        if (snap->memory == TEST_SNAP_LOC_MANUAL) {
            vir_report_error(VIR_ERR_XML_ERROR, "%s",
                             "'manual' memory snapshot mode not supported");
            return -1;
        }
    }
    if (snap->memory == TEST_SNAP_LOC_DEFAULT) {
        if (snap->memory_file)
            snap->memory = TEST_SNAP_LOC_EXTERNAL;
        else if (redefine)
            snap->memory = offline ? TEST_SNAP_LOC_NO : TEST_SNAP_LOC_INTERNAL;
    }
    if (snap->memory_file && snap->memory != TEST_SNAP_LOC_EXTERNAL) {
        vir_report_error(VIR_ERR_XML_ERROR, "memory filename '%s' requires external snapshot",
                         snap->memory_file);
        return -1;
    }
    if (!snap->memory_file && snap->memory == TEST_SNAP_LOC_EXTERNAL) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "external memory snapshots require a filename");
        return -1;
    }
    if (offline && snap->memory != TEST_SNAP_LOC_DEFAULT && snap->memory != TEST_SNAP_LOC_NO) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s",
                         "memory state cannot be saved with offline or disk-only snapshot");
        return -1;
    }
    if (snap->memory_file && snap->memory_file[0] != '/') {
        vir_report_error(VIR_ERR_XML_ERROR, "memory snapshot file path (%s) must be absolute",
                         snap->memory_file);
        return -1;
    }
    return 0;
}

TestMoment *
test_snapshot_parse(const char *xml, bool redefine, bool validate)
{
    xmlDocPtr doc = conf_xml_parse_string(xml, "(domain_snapshot)", "domainsnapshot",
                                          VIR_FROM_THIS);
    TestMoment *snap = NULL;

    if (!doc)
        return NULL;
    if (!validate || test_moment_validate(doc, "domainsnapshot.rng") == 0)
        snap = test_snapshot_parse_node(xmlDocGetRootElement(doc), redefine, NULL);
    xmlFreeDoc(doc);
    return snap;
}

TestMoment *
test_snapshot_parse_node(xmlNodePtr root, bool redefine, bool *ret_current)
{
    TestMoment *snap;
    bool offline = false;

    snap = test_moment_new();
    if (test_moment_parse_head(root, snap, redefine, VIR_FROM_THIS, "snapshot") < 0 ||
        (redefine && test_snapshot_parse_redefine(root, snap, &offline) < 0) ||
        test_snapshot_parse_memory(root, snap, redefine, offline) < 0 ||
        test_moment_parse_disks(root, snap, VIR_FROM_THIS, "snapshot",
                                test_snapshot_parse_disk) < 0)
        goto error;
    if (ret_current) {
        /* a saved snapshot says whether it is the current one */
        _cleanup_free_ char *active = conf_xml_child_text(root, "active");
        char *end = NULL;
        long v = active ? strtol(active, &end, 10) : 0;

        if (!active || end == active || *end) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "Could not find 'active' element");
            goto error;
        }
        *ret_current = v != 0;
    }
    return snap;

error:
    test_moment_free(snap);
    return NULL;
}

/* Default file names for external disks that have none: the domain
 * disk's image with its suffix replaced by the snapshot's name. */
static int
test_snapshot_external_names(TestMoment *snap, const DomainDef *dom)
{
    for (size_t i = 0; i < snap->ndisks; i++) {
        TestMomentDisk *disk = &snap->disks[i];
        const char *orig;
        struct stat sb;
        char *path, *dot;

        if (disk->kind != TEST_SNAP_LOC_EXTERNAL || disk->src_path)
            continue;
        if (disk->src_type && strcmp(disk->src_type, "file") != 0) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED,
                             "cannot generate external snapshot name for disk '%s' on a '%s' device",
                             disk->name, disk->src_type);
            return -1;
        }
        if (!(orig = dom->disks[i]->source)) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED,
                             "cannot generate external snapshot name for disk '%s' without source",
                             disk->name);
            return -1;
        }
        if (stat(orig, &sb) < 0 || !S_ISREG(sb.st_mode)) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED,
                             "source for disk '%s' is not a regular file; refusing to generate external snapshot name",
                             disk->name);
            return -1;
        }
        path = xstrdup(orig);
        if ((dot = strrchr(path, '.')) && !strchr(dot, '/'))
            *dot = '\0';
        disk->src_path = xasprintf("%s.%s", path, snap->name);
        free(path);
        for (size_t j = 0; j < i; j++) {
            if (snap->disks[j].src_path && strcmp(snap->disks[j].src_path, disk->src_path) == 0) {
                vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED,
                                 "cannot generate external snapshot name for disk '%s': collision with disk '%s'",
                                 disk->name, snap->disks[j].name);
                return -1;
            }
        }
    }
    return 0;
}

/* The snapshot location a domain disk asks for by itself: libvirt's
 * post-parse makes read-only and vhost-user disks "no". */
static int
test_snapshot_domain_disk_loc(const DomainDisk *d)
{
    if (d->readonly || (d->type && strcmp(d->type, "vhostuser") == 0))
        return TEST_SNAP_LOC_NO;
    return TEST_SNAP_LOC_DEFAULT;
}

/* Checks one requested disk against the domain; renames it to the
 * target. Reports. */
static int
test_snapshot_check_disk(TestMomentDisk *d, const DomainDef *dom, int idx, int def_loc,
                         bool require_match)
{
    if (idx < 0) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "no disk named '%s'", d->name);
        return -1;
    }
    int dom_loc = test_snapshot_domain_disk_loc(dom->disks[idx]);

    if (d->kind == TEST_SNAP_LOC_DEFAULT) {
        d->kind = dom_loc != TEST_SNAP_LOC_DEFAULT && (!require_match || dom_loc == TEST_SNAP_LOC_NO)
                      ? dom_loc
                      : def_loc;
    } else if (require_match && d->kind != def_loc &&
               !(d->kind == TEST_SNAP_LOC_NO && dom_loc == TEST_SNAP_LOC_NO)) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' must use snapshot mode '%s'",
                         d->name, test_snap_loc_names[def_loc]);
        return -1;
    }
    if (d->src_path && d->kind != TEST_SNAP_LOC_EXTERNAL) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED,
                         "file '%s' for disk '%s' requires use of external snapshot mode",
                         d->src_path, d->name);
        return -1;
    }
    if (strcmp(d->name, dom->disks[idx]->dst) != 0) {
        free(d->name);
        d->name = xstrdup(dom->disks[idx]->dst);
    }
    return 0;
}

int
test_snapshot_align_disks(TestMoment *snap, const DomainDef *existing, int def_loc)
{
    const DomainDef *dom = snap->dom ? snap->dom : existing;
    bool require_match = def_loc == TEST_SNAP_LOC_INTERNAL;
    TestMomentDisk *aligned;
    int *slot;

    if (!dom) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "missing domain in snapshot");
        return -1;
    }
    if (snap->ndisks > dom->ndisks) {
        vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "%s",
                         "too many disk snapshot requests for domain");
        return -1;
    }
    if (!dom->ndisks)
        return 0;
    slot = XNEW_ARRAY(int, dom->ndisks);
    for (size_t i = 0; i < dom->ndisks; i++)
        slot[i] = -1;
    for (size_t i = 0; i < snap->ndisks; i++) {
        int idx = test_moment_disk_index(dom, snap->disks[i].name);

        if (idx >= 0 && slot[idx] >= 0) {
            vir_report_error(VIR_ERR_CONFIG_UNSUPPORTED, "disk '%s' specified twice",
                             snap->disks[i].name);
            free(slot);
            return -1;
        }
        if (test_snapshot_check_disk(&snap->disks[i], dom, idx, def_loc, require_match) < 0) {
            free(slot);
            return -1;
        }
        slot[idx] = (int)i;
    }
    aligned = XNEW_ARRAY(TestMomentDisk, dom->ndisks);
    for (size_t i = 0; i < dom->ndisks; i++) {
        if (slot[i] >= 0) {
            aligned[i] = snap->disks[slot[i]];
            continue;
        }
        aligned[i].name = xstrdup(dom->disks[i]->dst);
        aligned[i].src_type = xstrdup("file");
        /* empty drives are never snapshotted */
        if (!dom->disks[i]->source && !dom->disks[i]->source_raw)
            aligned[i].kind = TEST_SNAP_LOC_NO;
        else if (!(aligned[i].kind = test_snapshot_domain_disk_loc(dom->disks[i])))
            aligned[i].kind = def_loc;
    }
    free(slot);
    free(snap->disks);
    snap->disks = aligned;
    snap->ndisks = dom->ndisks;
    return test_snapshot_external_names(snap, dom);
}

bool
test_snapshot_is_external(const TestMoment *snap)
{
    if (snap->memory == TEST_SNAP_LOC_EXTERNAL)
        return true;
    for (size_t i = 0; i < snap->ndisks; i++) {
        if (snap->disks[i].kind == TEST_SNAP_LOC_EXTERNAL)
            return true;
    }
    return false;
}

static void
test_snapshot_format_disk(VireoBuf *buf, const TestMomentDisk *d)
{
    if (!d->name)
        return;
    buf_add(buf, "    <disk");
    conf_xml_attr(buf, "name", d->name);
    if (d->kind > 0)
        buf_addf(buf, " snapshot='%s'", test_snap_loc_names[d->kind]);
    if (!d->src_path && !d->driver_type) {
        buf_add(buf, "/>\n");
        return;
    }
    buf_addf(buf, " type='%s'>\n", d->src_type ? d->src_type : "file");
    if (d->driver_type)
        buf_addf(buf, "      <driver type='%s'/>\n", d->driver_type);
    if (d->src_path) {
        buf_addf(buf, "      <source %s=", d->src_type && strcmp(d->src_type, "block") == 0
                                               ? "dev" : "file");
        buf_add(buf, "'");
        conf_xml_escape(buf, d->src_path);
        buf_add(buf, "'/>\n");
    }
    buf_add(buf, "    </disk>\n");
}

char *
test_snapshot_format(const TestMoment *snap, const char *uuidstr, bool secure)
{
    VireoBuf buf = VIREO_BUF_INIT;

    buf_add(&buf, "<domainsnapshot>\n");
    test_moment_format_head(&buf, snap, snap->state ? test_snapshot_state_name(snap->state)
                                                    : NULL);
    if (snap->memory) {
        buf_addf(&buf, "  <memory snapshot='%s'", test_snap_loc_names[snap->memory]);
        conf_xml_attr(&buf, "file", snap->memory_file);
        buf_add(&buf, "/>\n");
    }
    if (snap->ndisks) {
        buf_add(&buf, "  <disks>\n");
        for (size_t i = 0; i < snap->ndisks; i++)
            test_snapshot_format_disk(&buf, &snap->disks[i]);
        buf_add(&buf, "  </disks>\n");
    }
    if (snap->dom)
        test_moment_format_domain(&buf, snap->dom, secure);
    else if (uuidstr)
        buf_addf(&buf, "  <domain>\n    <uuid>%s</uuid>\n  </domain>\n", uuidstr);
    if (snap->inactive_dom)
        test_moment_format_domain_as(&buf, snap->inactive_dom, secure, "inactiveDomain");
    buf_add(&buf, "</domainsnapshot>\n");
    return buf_steal(&buf);
}
