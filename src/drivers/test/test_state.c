/*
 * test_state.c: building, sharing and freeing test driver states.
 *
 * The default state is built from the same kind of <node> document a user
 * can pass as a state file, so both go through one loader. The loader
 * follows libvirt's: node info from <cpu>/<memory>, then domains (each may
 * be given inline or as file='...' relative to the state file, with the
 * test namespace's runstate/transient/hasmanagedsave), networks (active),
 * pools (active, with their <volume>s).
 */
#include <string.h>
#include "util/uuid.h"
#include <libxml/tree.h>

#include "drivers/test/test_iothread.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_TEST
#include "util/error.h"

#define TEST_NS_HREF "http://libvirt.org/schemas/domain/test/1.0"

static const char test_default_xml[] =
    "<node>"
    "<domain type='test'>"
    "  <name>test</name>"
    "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>"
    "  <memory>8388608</memory>"
    "  <currentMemory>2097152</currentMemory>"
    "  <vcpu>2</vcpu>"
    "  <os>"
    "    <type>hvm</type>"
    "  </os>"
    "  <devices>"
    "    <disk type='file' device='disk'>"
    "      <source file='/guest/diskimage1'/>"
    "      <target dev='vda' bus='virtio'/>"
    "      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>"
    "    </disk>"
    "    <interface type='network'>"
    "      <mac address='aa:bb:cc:dd:ee:ff'/>"
    "      <source network='default' bridge='virbr0'/>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x1' function='0x0'/>"
    "    </interface>"
    "    <memballoon model='virtio'>"
    "      <address type='pci' domain='0x0000' bus='0x00' slot='0x2' function='0x0'/>"
    "    </memballoon>"
    "  </devices>"
    "</domain>"
    "<network>"
    "  <name>default</name>"
    "  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>"
    "  <bridge name='virbr0'/>"
    "  <forward/>"
    "  <ip address='192.168.122.1' netmask='255.255.255.0'>"
    "    <dhcp>"
    "      <range start='192.168.122.2' end='192.168.122.254'/>"
    "    </dhcp>"
    "  </ip>"
    "</network>"
    "<interface type='ethernet' name='eth1'>"
    "  <start mode='onboot'/>"
    "  <mac address='aa:bb:cc:dd:ee:ff'/>"
    "  <mtu size='1492'/>"
    "  <protocol family='ipv4'>"
    "    <ip address='192.168.0.5' prefix='24'/>"
    "    <route gateway='192.168.0.1'/>"
    "  </protocol>"
    "</interface>"
    "<pool type='dir'>"
    "  <name>default-pool</name>"
    "  <uuid>dfe224cb-28fb-8dd0-c4b2-64eb3f0f4566</uuid>"
    "  <target>"
    "    <path>/default-pool</path>"
    "  </target>"
    "</pool>"
    "<device>"
    "  <name>computer</name>"
    "  <capability type='system'>"
    "    <hardware>"
    "      <vendor>Libvirt</vendor>"
    "      <version>Test driver</version>"
    "      <serial>123456</serial>"
    "      <uuid>11111111-2222-3333-4444-555555555555</uuid>"
    "    </hardware>"
    "    <firmware>"
    "      <vendor>Libvirt</vendor>"
    "      <version>Test Driver</version>"
    "      <release_date>01/22/2007</release_date>"
    "    </firmware>"
    "  </capability>"
    "</device>"
    "<device>"
    "  <name>scsi_host1</name>"
    "  <parent>computer</parent>"
    "  <capability type='scsi_host'>"
    "    <host>1</host>"
    "    <unique_id>0</unique_id>"
    "    <capability type='fc_host'>"
    "      <wwnn>2000000012341234</wwnn>"
    "      <wwpn>1000000012341234</wwpn>"
    "      <fabric_wwn>2000000043214321</fabric_wwn>"
    "    </capability>"
    "    <capability type='vport_ops'>"
    "      <max_vports>127</max_vports>"
    "      <vports>1</vports>"
    "    </capability>"
    "  </capability>"
    "</device>"
    "<device>"
    "  <name>scsi_host2</name>"
    "  <parent>computer</parent>"
    "  <capability type='scsi_host'>"
    "    <host>2</host>"
    "    <unique_id>1</unique_id>"
    "    <capability type='fc_host'>"
    "      <wwnn>2000000056785678</wwnn>"
    "      <wwpn>1000000056785678</wwpn>"
    "      <fabric_wwn>2000000087658765</fabric_wwn>"
    "    </capability>"
    "    <capability type='vport_ops'>"
    "      <max_vports>127</max_vports>"
    "      <vports>0</vports>"
    "    </capability>"
    "  </capability>"
    "</device>"
    "<device>"
    "  <name>scsi_host11</name>"
    "  <parent>scsi_host1</parent>"
    "  <capability type='scsi_host'>"
    "    <host>11</host>"
    "    <unique_id>10</unique_id>"
    "    <capability type='fc_host'>"
    "      <wwnn>2000000034563456</wwnn>"
    "      <wwpn>1000000034563456</wwpn>"
    "      <fabric_wwn>2000000043214321</fabric_wwn>"
    "    </capability>"
    "  </capability>"
    "</device>"
    "</node>";

/* The defaults libvirt's test driver starts every state from. */
static const virNodeInfo test_default_node_info = {
    "i686", 3 * 1024 * 1024, 16, 1400, 2, 2, 2, 2,
};

#define TEST_POOL_CAPACITY (100ULL * 1024 * 1024 * 1024)

/* The shared default state; guarded by test_default_lock. */
static pthread_mutex_t test_default_lock = PTHREAD_MUTEX_INITIALIZER;
static TestState *test_default_state;

TestState *
test_state_of(virConnectPtr conn)
{
    return conn->driver_data;
}

void
test_domain_free(TestDomain *dom)
{
    if (!dom)
        return;
    domain_def_free(dom->def);
    domain_def_free(dom->new_def);
    free(dom->deprecation);
    free(dom->iothread_polls);
    free(dom->index_name);
    test_domain_moments_free(dom); /* snapshots */
    free(dom);
}

static const char *const test_taint_messages[TEST_TAINT_LAST] = {
    "custom configuration parameters specified",
    "custom monitor control commands issued",
    "running with undesirable elevated privileges",
    "network configuration using opaque shell scripts",
    "potentially unsafe disk format probing",
    "managing externally launched configuration",
    "potentially unsafe use of host CPU passthrough",
    "configuration potentially modified by hook script",
    "use of host cdrom passthrough",
    "custom device tree blob used",
    "custom guest agent control commands issued",
    "hypervisor feature autodetection override",
    "use of deprecated configuration settings",
    "custom device configuration",
};

void
test_domain_check_taint(TestDomain *dom)
{
    const DomainDef *def = dom->def;
    const ConfXmlRaw *model = conf_xml_raw_child(def->cpu, "model");

    for (size_t i = 0; i < def->ndisks; i++) {
        if (STREQ_NULLABLE(def->disks[i]->rawio, "yes"))
            dom->taint |= 1u << TEST_TAINT_HIGH_PRIVILEGES;
        if (STREQ(def->disks[i]->device, "cdrom") && STREQ(def->disks[i]->type, "block") &&
            def->disks[i]->source)
            dom->taint |= 1u << TEST_TAINT_CDROM_PASSTHROUGH;
    }
    for (size_t i = 0; i < def->nraw_devs; i++) {
        const ConfXmlRaw *dev = def->raw_devs[i];
        if (STREQ(conf_xml_raw_name(dev), "hostdev") &&
            STREQ_NULLABLE(conf_xml_raw_attr(dev, "type"), "scsi") &&
            STREQ_NULLABLE(conf_xml_raw_attr(dev, "rawio"), "yes"))
            dom->taint |= 1u << TEST_TAINT_HIGH_PRIVILEGES;
    }
    for (size_t i = 0; i < def->nnets; i++)
        if (def->nets[i]->script)
            dom->taint |= 1u << TEST_TAINT_SHELL_SCRIPTS;
    if (model && STREQ_NULLABLE(conf_xml_raw_attr(def->cpu, "mode"), "custom") &&
        STREQ_NULLABLE(conf_xml_raw_text(model), "Deprecated-Test")) {
        dom->taint |= 1u << TEST_TAINT_DEPRECATED_CONFIG;
        if (!dom->deprecation)
            dom->deprecation = xstrdup("CPU model Deprecated-Test");
    }
    if (def->os_dtb)
        dom->taint |= 1u << TEST_TAINT_CUSTOM_DTB;
}

int
test_domain_messages(const TestDomain *dom, unsigned int flags, char ***ret_msgs)
{
    char **msgs = XNEW_ARRAY(char *, TEST_TAINT_LAST + 2);
    int n = 0;

    if (!flags || (flags & VIR_DOMAIN_MESSAGE_TAINTING))
        for (int i = 0; i < TEST_TAINT_LAST; i++)
            if (dom->taint & (1u << i))
                msgs[n++] = xasprintf("tainted: %s", test_taint_messages[i]);
    if ((!flags || (flags & VIR_DOMAIN_MESSAGE_DEPRECATION)) && dom->deprecation)
        msgs[n++] = xasprintf("deprecated configuration: %s", dom->deprecation);
    *ret_msgs = msgs;
    return n;
}

void
test_pool_free(TestPool *pool)
{
    if (!pool)
        return;
    storage_pool_def_free(pool->def);
    for (size_t i = 0; i < pool->nvols; i++)
        storage_vol_def_free(pool->vols[i]);
    free(pool->vols);
    free(pool);
}

static void
test_state_free(TestState *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->ndomains; i++)
        test_domain_free(st->domains[i]);
    for (size_t i = 0; i < st->nnetworks; i++) {
        network_def_free(st->networks[i]->def);
        network_def_free(st->networks[i]->new_def);
        free(st->networks[i]);
    }
    test_hostdev_free_all(st); /* objects helper */
    test_iface_backup_free(st); /* test_iface_txn.c */
    for (size_t i = 0; i < st->npools; i++)
        test_pool_free(st->pools[i]);
    free(st->domains);
    util_hash_free(st->domains_by_name);
    util_hash_free(st->domains_by_uuid);
    free(st->networks);
    free(st->pools);
    for (size_t i = 0; i < st->nauth_users; i++)
        secure_free_str(st->auth_users[i]);
    free(st->auth_users);
    vireo_event_hub_free(st->events); /* streams/events */
    test_stream_state_freed(st);      /* streams/events */
    pthread_mutex_destroy(&st->lock);
    free(st);
}

void
test_domain_start(TestState *st, TestDomain *dom, int reason)
{
    dom->state = VIR_DOMAIN_RUNNING;
    dom->reason = reason;
    dom->def->id = st->next_dom_id++;
    /* the pending config starts as a copy of what runs; if the copy
     * fails the running definition simply stays the config */
    if (dom->persistent && !dom->new_def)
        dom->new_def = domain_def_copy(dom->def);
    dom->has_managed_save = false;
}

void
test_domain_stop(TestDomain *dom, int reason)
{
    if (dom->new_def) {
        domain_def_free(dom->def);
        dom->def = TAKE_PTR(dom->new_def);
    }
    dom->def->id = -1;
    dom->state = VIR_DOMAIN_SHUTOFF;
    dom->reason = reason;
}

/* Indexes dom under its current name. A name another domain already
 * holds (possible only through a snapshot revert after renames) keeps
 * pointing at that domain, as libvirt's table does. */
static void
test_domain_index_name(TestState *st, TestDomain *dom)
{
    if (util_hash_insert_str(st->domains_by_name, dom->def->name, dom) == 0)
        dom->index_name = xstrdup(dom->def->name);
}

static void
test_domain_unindex_name(TestState *st, TestDomain *dom)
{
    if (!dom->index_name)
        return;
    util_hash_remove_str(st->domains_by_name, dom->index_name);
    free(dom->index_name);
    dom->index_name = NULL;
}

void
test_domain_index_sync(TestState *st, TestDomain *dom)
{
    if (dom->index_name && STREQ(dom->index_name, dom->def->name))
        return;
    test_domain_unindex_name(st, dom);
    test_domain_index_name(st, dom);
}

void
test_domain_remove(TestState *st, TestDomain *dom)
{
    for (size_t i = 0; i < st->ndomains; i++) {
        if (st->domains[i] != dom)
            continue;
        memmove(st->domains + i, st->domains + i + 1,
                (st->ndomains - i - 1) * sizeof(*st->domains));
        st->ndomains--;
        break;
    }
    test_domain_unindex_name(st, dom);
    util_hash_remove(st->domains_by_uuid, dom->def->uuid, VIR_UUID_BUFLEN);
    test_domain_free(dom);
}

/* The UUID of a domain never changes (a definition with another UUID is
 * another domain), so the UUID index needs no re-keying. */
TestDomain *
test_domain_find_uuid(TestState *st, const unsigned char *uuid)
{
    return util_hash_lookup(st->domains_by_uuid, uuid, VIR_UUID_BUFLEN);
}

TestDomain *
test_domain_find_name(TestState *st, const char *name)
{
    return util_hash_lookup_str(st->domains_by_name, name);
}

/* libvirt's virDomainObjListAdd: the same UUID must carry the same name,
 * a name may not move to another UUID; live (create) refuses a running
 * domain. Takes *def on success. Caller holds the lock. Reports. */
TestDomain *
test_domain_add(TestState *st, DomainDef **def, bool live)
{
    TestDomain *obj = test_domain_find_uuid(st, (*def)->uuid);
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (obj) {
        if (STRNEQ(obj->def->name, (*def)->name)) {
            vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                             "domain '%s' is already defined with uuid %s", obj->def->name,
                             vireo_uuid_format(obj->def->uuid, uuid));
            return NULL;
        }
        if (live && test_domain_active(obj)) {
            vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID,
                             "domain '%s' is already active", obj->def->name);
            return NULL;
        }
        if (test_domain_active(obj)) {
            domain_def_free(obj->new_def);
            obj->new_def = TAKE_PTR(*def);
        } else if (live) {
            domain_def_free(obj->new_def);
            obj->new_def = obj->def;
            obj->def = TAKE_PTR(*def);
        } else {
            domain_def_free(obj->def);
            obj->def = TAKE_PTR(*def);
        }
        return obj;
    }
    if ((obj = test_domain_find_name(st, (*def)->name))) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_FAILED,
                         "domain '%s' already exists with uuid %s", (*def)->name,
                         vireo_uuid_format(obj->def->uuid, uuid));
        return NULL;
    }
    obj = XNEW(TestDomain);
    obj->def = TAKE_PTR(*def);
    obj->state = VIR_DOMAIN_SHUTOFF;
    st->domains = xreallocarray(st->domains, st->ndomains + 1, sizeof(*st->domains));
    st->domains[st->ndomains++] = obj;
    util_hash_insert(st->domains_by_uuid, obj->def->uuid, VIR_UUID_BUFLEN, obj);
    test_domain_index_name(st, obj);
    return obj;
}

/* An element given by reference (file='...') is read from that file,
 * relative to the state file's directory. Returns the element to parse
 * (node itself, or the root of *ret_doc). Reports. */
static xmlNodePtr
test_state_resolve(xmlNodePtr node, const char *file, xmlDocPtr *ret_doc)
{
    _cleanup_free_ char *rel = conf_xml_prop(node, "file");
    _cleanup_free_ char *path = NULL;
    xmlDocPtr doc;

    *ret_doc = NULL;
    if (!rel)
        return node;
    if (rel[0] == '/' || !file || !strrchr(file, '/'))
        path = xstrdup(rel);
    else
        path = xasprintf("%.*s/%s", (int)(strrchr(file, '/') - file), file, rel);
    if (!(doc = conf_xml_parse_file(path, (const char *)node->name, VIR_FROM_TEST)))
        return NULL;
    *ret_doc = doc;
    return xmlDocGetRootElement(doc);
}

static int
test_state_parse_uint(xmlNodePtr parent, const char *name, unsigned int *ret, const char *what)
{
    _cleanup_free_ char *text = conf_xml_child_text(parent, name);
    char *end;
    unsigned long v;

    if (!text)
        return 0;
    v = strtoul(text, &end, 10);
    if (end == text || *end || strchr(text, '-') || v > 0xffffffffUL) {
        vir_report_error(VIR_ERR_XML_ERROR, "invalid node %s value", what);
        return -1;
    }
    *ret = (unsigned int)v;
    return 1;
}

static int
test_state_parse_node_info(TestState *st, xmlNodePtr root)
{
    xmlNodePtr cpu = conf_xml_child(root, "cpu");
    virNodeInfo *ni = &st->node_info;
    _cleanup_free_ char *model = conf_xml_child_text(cpu, "model");
    _cleanup_free_ char *mem = conf_xml_child_text(root, "memory");
    unsigned int active;
    int rc;

    if (test_state_parse_uint(cpu, "nodes", &ni->nodes, "cpu nodes") < 0 ||
        test_state_parse_uint(cpu, "sockets", &ni->sockets, "cpu sockets") < 0 ||
        test_state_parse_uint(cpu, "cores", &ni->cores, "cpu cores") < 0 ||
        test_state_parse_uint(cpu, "threads", &ni->threads, "cpu threads") < 0)
        return -1;
    ni->cpus = ni->cores * ni->threads * ni->sockets * ni->nodes;
    if ((rc = test_state_parse_uint(cpu, "active", &active, "cpu active")) < 0)
        return -1;
    if (rc > 0 && active < (unsigned int)ni->cpus)
        ni->cpus = active;
    if (test_state_parse_uint(cpu, "mhz", &ni->mhz, "cpu mhz") < 0)
        return -1;
    if (model) {
        if (strlen(model) >= sizeof(ni->model)) {
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "Model %s too big for destination", model);
            return -1;
        }
        memset(ni->model, 0, sizeof(ni->model));
        memcpy(ni->model, model, strlen(model));
    }
    if (mem) {
        char *end;
        unsigned long long v = strtoull(mem, &end, 10);
        if (end == mem || *end || strchr(mem, '-')) {
            vir_report_error(VIR_ERR_XML_ERROR, "%s", "invalid node memory value");
            return -1;
        }
        ni->memory = v;
    }
    return 0;
}

/* The test namespace's per-domain settings. */
typedef struct {
    int runstate;
    bool transient;
    bool managed_save;
} TestDomainNs;

static xmlNodePtr
test_ns_child(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr cur = node->children; cur; cur = cur->next)
        if (cur->type == XML_ELEMENT_NODE && cur->ns && cur->ns->href &&
            STREQ((const char *)cur->ns->href, TEST_NS_HREF) &&
            STREQ((const char *)cur->name, name))
            return cur;
    return NULL;
}

static int
test_state_parse_ns(xmlNodePtr node, TestDomainNs *ns)
{
    xmlNodePtr rs = test_ns_child(node, "runstate");

    ns->runstate = VIR_DOMAIN_RUNNING;
    ns->transient = test_ns_child(node, "transient") != NULL;
    ns->managed_save = test_ns_child(node, "hasmanagedsave") != NULL;
    if (rs) {
        _cleanup_free_ char *text = conf_xml_text(rs);
        char *end = NULL;
        unsigned long v = text ? strtoul(text, &end, 10) : 0;

        if (!text || *end || strchr(text, '-')) {
            vir_report_error(VIR_ERR_XML_ERROR, "%s", "invalid runstate");
            return -1;
        }
        if (v > VIR_DOMAIN_PMSUSPENDED) {
            vir_report_error(VIR_ERR_XML_ERROR, "runstate '%d' out of range'", (int)v);
            return -1;
        }
        ns->runstate = (int)v;
    }
    if (ns->transient && ns->runstate == VIR_DOMAIN_SHUTOFF) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s",
                         "transient domain cannot have runstate 'shutoff'");
        return -1;
    }
    if (ns->managed_save && ns->runstate != VIR_DOMAIN_SHUTOFF) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s",
                         "domain with managedsave data can only have runstate 'shutoff'");
        return -1;
    }
    return 0;
}

static int
test_state_add_domain(TestState *st, xmlNodePtr node)
{
    _cleanup_(domain_def_freep) DomainDef *def = NULL;
    TestDomainNs ns;
    TestDomain *dom;

    if (!(def = domain_def_parse_node(node, DOMAIN_PARSE_INACTIVE)) ||
        test_state_parse_ns(node, &ns) < 0 || domain_def_generate_ifnames(def) < 0)
        return -1;
    /* the same rules as a define: a repeated domain replaces the first */
    if (!(dom = test_domain_add(st, &def, false)))
        return -1;
    dom->persistent = !ns.transient;
    dom->has_managed_save = ns.managed_save;
    if (ns.runstate != VIR_DOMAIN_SHUTOFF)
        test_domain_start(st, dom, VIR_DOMAIN_RUNNING_BOOTED);
    else
        test_domain_stop(dom, 0);
    dom->has_managed_save = ns.managed_save;
    dom->state = ns.runstate;
    dom->reason = 0;
    test_domain_check_taint(dom);
    test_iothread_polls_load(dom); /* IOThreads */
    return 0;
}

static int
test_state_add_network(TestState *st, xmlNodePtr node)
{
    NetworkDef *def = network_def_parse_node(node);
    TestNetwork *net;

    if (!def)
        return -1;
    for (size_t i = 0; i < st->nnetworks; i++) {
        if (STREQ(st->networks[i]->def->name, def->name) ||
            memcmp(st->networks[i]->def->uuid, def->uuid, VIR_UUID_BUFLEN) == 0) {
            char uuid[VIR_UUID_STRING_BUFLEN];
            vir_error_report(VIR_FROM_NETWORK, VIR_ERR_OPERATION_FAILED,
                             "network '%s' already exists with uuid %s", def->name,
                             vireo_uuid_format(st->networks[i]->def->uuid, uuid));
            network_def_free(def);
            return -1;
        }
    }
    net = XNEW(TestNetwork);
    net->def = def;
    net->active = net->persistent = true;
    st->networks = xreallocarray(st->networks, st->nnetworks + 1, sizeof(*st->networks));
    st->networks[st->nnetworks++] = net;
    return 0;
}

static int
test_state_add_volumes(TestPool *pool, xmlNodePtr pool_node, const char *file)
{
    for (xmlNodePtr v = conf_xml_child(pool_node, "volume"); v; v = conf_xml_next(v, "volume")) {
        xmlDocPtr doc = NULL;
        xmlNodePtr node = test_state_resolve(v, file, &doc);
        StorageVolDef *vol;

        if (!node)
            return -1;
        vol = storage_vol_def_parse_node(pool->def, node);
        xmlFreeDoc(doc);
        if (!vol)
            return -1;
        if (!vol->target_path)
            vol->target_path = xasprintf("%s/%s", pool->def->target_path, vol->name);
        if (!vol->key)
            vol->key = xstrdup(vol->target_path);
        pool->vols = xreallocarray(pool->vols, pool->nvols + 1, sizeof(*pool->vols));
        pool->vols[pool->nvols++] = vol;
        pool->def->allocation += vol->allocation;
        pool->def->available = pool->def->capacity - pool->def->allocation;
    }
    return 0;
}

static int
test_state_add_pool(TestState *st, xmlNodePtr node, const char *file)
{
    StoragePoolDef *def = storage_pool_def_parse_node(node);
    TestPool *pool;

    if (!def)
        return -1;
    for (size_t i = 0; i < st->npools; i++) {
        if (STREQ(st->pools[i]->def->name, def->name)) {
            vir_error_report(VIR_FROM_STORAGE, VIR_ERR_OPERATION_FAILED,
                             "pool '%s' already exists", def->name);
            storage_pool_def_free(def);
            return -1;
        }
    }
    pool = XNEW(TestPool);
    pool->def = def;
    def->capacity = TEST_POOL_CAPACITY;
    def->allocation = 0;
    def->available = TEST_POOL_CAPACITY;
    pool->active = pool->persistent = true;
    st->pools = xreallocarray(st->pools, st->npools + 1, sizeof(*st->pools));
    st->pools[st->npools++] = pool;
    return test_state_add_volumes(pool, node, file);
}

typedef int (*TestStateAddFn)(TestState *st, xmlNodePtr node, const char *file);

static int
test_state_add_domain_cb(TestState *st, xmlNodePtr node, const char *file)
{
    if (test_state_add_domain(st, node) < 0)
        return -1;
    return test_domain_snapshots_load(st, node, file); /* snapshots */
}

static int
test_state_add_network_cb(TestState *st, xmlNodePtr node, const char *file)
{
    (void)file;
    return test_state_add_network(st, node);
}

static int
test_state_add_iface_cb(TestState *st, xmlNodePtr node, const char *file)
{
    (void)file;
    return test_iface_load(st, node);
}

static int
test_state_add_nodedev_cb(TestState *st, xmlNodePtr node, const char *file)
{
    (void)file;
    return test_nodedev_load(st, node);
}

/* The object kinds of a <node> document, in libvirt's load order.
 * Auth users are read separately (test_state_parse_auth). */
static const struct {
    const char *element;
    TestStateAddFn add;
} test_state_loaders[] = {
    { "domain", test_state_add_domain_cb },
    { "network", test_state_add_network_cb },
    { "interface", test_state_add_iface_cb },   /* objects helper */
    { "pool", test_state_add_pool },
    { "device", test_state_add_nodedev_cb },    /* objects helper */
};

static int
test_state_parse_auth(TestState *st, xmlNodePtr root)
{
    xmlNodePtr auth = conf_xml_child(root, "auth");

    for (xmlNodePtr u = conf_xml_child(auth, "user"); u; u = conf_xml_next(u, "user")) {
        char *name = conf_xml_text(u);

        if (!name) {
            vir_report_error(VIR_ERR_XML_ERROR, "%s", "missing username in /node/auth/user field");
            return -1;
        }
        st->auth_users = xreallocarray(st->auth_users, st->nauth_users + 2, sizeof(char *));
        st->auth_users[st->nauth_users++] = name;
        st->auth_users[st->nauth_users++] = conf_xml_prop(u, "password");
    }
    return 0;
}

/* Asks auth for one credential of a type in types (the first the
 * application accepts). Returns the answer (caller frees) or NULL,
 * reported. */
static char *
test_auth_ask(virConnectAuthPtr auth, const int *types, size_t ntypes, const char *prompt,
              const char *failed, const char *missing)
{
    virConnectCredential cred;

    if (!auth) {
        vir_error_report(VIR_FROM_AUTH, VIR_ERR_INVALID_ARG, "%s",
                         "Missing authentication credentials");
        return NULL;
    }
    for (unsigned int i = 0; i < auth->ncredtype; i++) {
        bool wanted = false;

        for (size_t t = 0; t < ntypes; t++)
            wanted |= auth->credtype[i] == types[t];
        if (!wanted)
            continue;
        if (!auth->cb) {
            vir_error_report(VIR_FROM_AUTH, VIR_ERR_INVALID_ARG, "%s",
                             "Missing authentication callback");
            return NULL;
        }
        memset(&cred, 0, sizeof(cred));
        cred.type = auth->credtype[i];
        cred.prompt = prompt;
        cred.challenge = "localhost";
        if (auth->cb(&cred, 1, auth->cbdata) < 0) {
            vir_error_report(VIR_FROM_AUTH, VIR_ERR_AUTH_FAILED, "%s", failed);
            free(cred.result);
            return NULL;
        }
        if (!cred.result)
            return NULL;
        /* the answer need not be terminated within resultlen */
        {
            size_t n = cred.resultlen ? strnlen(cred.result, cred.resultlen) : strlen(cred.result);
            char *ret = xstrndup(cred.result, n);

            secure_zero(cred.result, n);
            free(cred.result);
            return ret;
        }
    }
    vir_error_report(VIR_FROM_AUTH, VIR_ERR_AUTH_FAILED, "%s", missing);
    return NULL;
}

int
test_state_authenticate(const TestState *st, virConnectAuthPtr auth)
{
    static const int name_types[] = { VIR_CRED_AUTHNAME };
    static const int pass_types[] = { VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT };
    _cleanup_free_ char *user = NULL, *prompt = NULL;
    char *pass = NULL;
    const char *want = NULL;
    bool found = false;
    int ret = -1;

    if (st->nauth_users == 0)
        return 0;
    if (!(user = test_auth_ask(auth, name_types, 1, "Enter username for localhost",
                               "Username request failed",
                               "Missing VIR_CRED_AUTHNAME credential type")))
        return -1;
    for (size_t i = 0; i < st->nauth_users && !found; i += 2)
        if (STREQ(st->auth_users[i], user)) {
            found = true;
            want = st->auth_users[i + 1];
        }
    /* an unknown user is still asked for a password */
    if (!found || want) {
        prompt = xasprintf("Enter %s's password for localhost", user);
        if (!(pass = test_auth_ask(auth, pass_types, 2, prompt, "Password request failed",
                                   "Missing VIR_CRED_PASSPHRASE or VIR_CRED_NOECHOPROMPT "
                                   "credential type")))
            return -1;
    }
    if (!found || (pass && STRNEQ(want, pass)))
        vir_report_error(VIR_ERR_AUTH_FAILED, "%s",
                         "authentication failed, see test XML for the correct username/password");
    else
        ret = 0;
    secure_free_str(pass);
    return ret;
}

static int
test_state_load(TestState *st, xmlNodePtr root, const char *file)
{
    if (test_state_parse_node_info(st, root) < 0)
        return -1;
    for (size_t k = 0; k < ARRAY_SIZE(test_state_loaders); k++) {
        const char *name = test_state_loaders[k].element;

        for (xmlNodePtr n = conf_xml_child(root, name); n; n = conf_xml_next(n, name)) {
            xmlDocPtr doc = NULL;
            xmlNodePtr node = test_state_resolve(n, file, &doc);
            int rc;

            if (!node)
                return -1;
            rc = test_state_loaders[k].add(st, node, file);
            xmlFreeDoc(doc);
            if (rc < 0)
                return -1;
        }
    }
    return test_state_parse_auth(st, root);
}

static TestState *
test_state_new(bool is_default)
{
    TestState *st = XNEW(TestState);

    pthread_mutex_init(&st->lock, NULL);
    st->is_default = is_default;
    st->refs = 1;
    st->node_info = test_default_node_info;
    st->next_dom_id = 1;
    st->domains_by_name = util_hash_new();
    st->domains_by_uuid = util_hash_new();
    if (is_default) {
        st->ncells = 2;
        for (int i = 0; i < st->ncells; i++) {
            st->cells[i].ncpus = 8;
            st->cells[i].mem = (unsigned long long)(i + 1) * 2048 * 1024;
            st->cells[i].free_mem = (unsigned long long)(i + 1) * 1024 * 1024;
        }
    }
    return st;
}

static TestState *
test_state_build(const char *xml, const char *file)
{
    TestState *st = test_state_new(file == NULL);
    xmlDocPtr doc;
    int rc;

    if (file)
        doc = conf_xml_parse_file(file, "node", VIR_FROM_TEST);
    else
        doc = conf_xml_parse_string(xml, "(test driver)", "node", VIR_FROM_TEST);
    if (!doc) {
        test_state_free(st);
        return NULL;
    }
    rc = test_state_load(st, xmlDocGetRootElement(doc), file);
    xmlFreeDoc(doc);
    if (rc < 0) {
        test_state_free(st);
        return NULL;
    }
    return st;
}

TestState *
test_state_open(const char *path)
{
    TestState *st;

    if (STRNEQ(path, "/default"))
        return test_state_build(NULL, path);
    pthread_mutex_lock(&test_default_lock);
    if (test_default_state) {
        test_default_state->refs++;
        st = test_default_state;
    } else {
        st = test_default_state = test_state_build(test_default_xml, NULL);
    }
    pthread_mutex_unlock(&test_default_lock);
    return st;
}

void
test_state_close(TestState *st)
{
    if (!st)
        return;
    if (!st->is_default) {
        test_state_free(st);
        return;
    }
    pthread_mutex_lock(&test_default_lock);
    if (--st->refs == 0) {
        if (test_default_state == st)
            test_default_state = NULL;
        test_state_free(st);
    }
    pthread_mutex_unlock(&test_default_lock);
}
