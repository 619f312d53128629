/*
 * test_domain.c: domain methods of the test driver.
 *
 * State machine and texts follow libvirt 9.0's test driver: define keeps a
 * pending persistent config while running, start hands out ids 1, 2, 3...,
 * shutdown/reboot apply on_poweroff/on_reboot, transient domains vanish
 * when they stop. Errors raised by libvirt's shared domain code carry
 * VIR_FROM_DOMAIN, the driver's own VIR_FROM_TEST.
 */
#include <string.h>
#include <sys/time.h>

#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST
#include "util/error.h"

#define TEST_DOMAIN_XML_FLAGS \
    (VIR_DOMAIN_XML_SECURE | VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_UPDATE_CPU | \
     VIR_DOMAIN_XML_MIGRATABLE)

/* Locks the state of dom's connection and finds the object behind the
 * handle. On failure reports, unlocks and returns NULL. */
TestDomain *
test_domain_get(virDomainPtr dom, TestState **ret_st)
{
    TestState *st = test_state_of(dom->conn);
    TestDomain *obj;
    char uuid[VIR_UUID_STRING_BUFLEN];

    pthread_mutex_lock(&st->lock);
    if (!(obj = test_domain_find_uuid(st, dom->uuid))) {
        pthread_mutex_unlock(&st->lock);
        vir_report_error(VIR_ERR_NO_DOMAIN, "no domain with matching uuid '%s' (%s)",
                         vireo_uuid_format(dom->uuid, uuid), dom->name);
        return NULL;
    }
    *ret_st = st;
    return obj;
}

virDomainPtr
test_domain_handle(virConnectPtr conn, const TestDomain *obj)
{
    return handle_domain_new(conn, obj->def->name, obj->def->uuid, obj->def->id);
}

int
test_domain_check_active(const TestDomain *obj)
{
    if (!test_domain_active(obj)) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "%s",
                         "domain is not running");
        return -1;
    }
    return 0;
}

/* libvirt's resolution of VIR_DOMAIN_AFFECT_* against the domain. */
int
test_domain_update_impact(const TestDomain *obj, unsigned int *flags)
{
    bool active = test_domain_active(obj);

    if (!(*flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)))
        *flags |= active ? VIR_DOMAIN_AFFECT_LIVE : VIR_DOMAIN_AFFECT_CONFIG;
    if (!active && (*flags & VIR_DOMAIN_AFFECT_LIVE)) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "%s",
                         "domain is not running");
        return -1;
    }
    if (!obj->persistent && (*flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_OPERATION_INVALID, "%s",
                         "transient domains do not have any persistent config");
        return -1;
    }
    return 0;
}

/* The one definition flags select (live or config), as libvirt's
 * virDomainObjGetOneDefState. Reports. */
DomainDef *
test_domain_one_def(TestDomain *obj, unsigned int flags, bool *ret_live)
{
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)) {
        vir_error_report_raw(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG, "virDomainObjGetOneDefState",
                             "flags", "%s",
                             "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' "
                             "are mutually exclusive");
        return NULL;
    }
    if (test_domain_update_impact(obj, &flags) < 0)
        return NULL;
    if (ret_live)
        *ret_live = flags & VIR_DOMAIN_AFFECT_LIVE;
    if (test_domain_active(obj) && (flags & VIR_DOMAIN_AFFECT_CONFIG) && obj->new_def)
        return obj->new_def;
    return obj->def;
}

/* ---- listing ---- */

int
test_connect_num_of_domains(virConnectPtr conn)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->ndomains; i++)
        n += test_domain_active(st->domains[i]);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_connect_list_domains(virConnectPtr conn, int *ids, int maxids)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->ndomains && n < maxids; i++)
        if (test_domain_active(st->domains[i]))
            ids[n++] = st->domains[i]->def->id;
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_connect_num_of_defined_domains(virConnectPtr conn)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->ndomains; i++)
        n += !test_domain_active(st->domains[i]);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_connect_list_defined_domains(virConnectPtr conn, char **const names, int maxnames)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    if (maxnames > 0)
        memset(names, 0, sizeof(*names) * (size_t)maxnames);
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->ndomains && n < maxnames; i++)
        if (!test_domain_active(st->domains[i]))
            names[n++] = xstrdup(st->domains[i]->def->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

/* True when bit a or bit b is set in flags and the matching one of
 * (is_a, !is_a) does not hold: the object is filtered out. */
static bool
test_filter_out(unsigned int flags, unsigned int a, unsigned int b, bool is_a)
{
    if (!(flags & (a | b)) || (flags & (a | b)) == (a | b))
        return false;
    return (flags & a) ? !is_a : is_a;
}

static bool
test_domain_matches(const TestDomain *d, unsigned int f)
{
    unsigned int state_bits = VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED |
                              VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER;

    if (test_filter_out(f, VIR_CONNECT_LIST_DOMAINS_ACTIVE, VIR_CONNECT_LIST_DOMAINS_INACTIVE,
                        test_domain_active(d)) ||
        test_filter_out(f, VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
                        VIR_CONNECT_LIST_DOMAINS_TRANSIENT, d->persistent) ||
        test_filter_out(f, VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE,
                        VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE, d->has_managed_save) ||
        test_filter_out(f, VIR_CONNECT_LIST_DOMAINS_AUTOSTART,
                        VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART, d->autostart) ||
        test_filter_out(f, VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT,
                        VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT, test_domain_snapshot_count(d) > 0) ||
        test_filter_out(f, VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT,
                        VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT,
                        test_domain_checkpoint_count(d) > 0))
        return false;
    if (f & state_bits) {
        bool running = d->state == VIR_DOMAIN_RUNNING, paused = d->state == VIR_DOMAIN_PAUSED;
        bool shutoff = d->state == VIR_DOMAIN_SHUTOFF;
        bool other = !running && !paused && !shutoff;

        if (!((running && (f & VIR_CONNECT_LIST_DOMAINS_RUNNING)) ||
              (paused && (f & VIR_CONNECT_LIST_DOMAINS_PAUSED)) ||
              (shutoff && (f & VIR_CONNECT_LIST_DOMAINS_SHUTOFF)) ||
              (other && (f & VIR_CONNECT_LIST_DOMAINS_OTHER))))
            return false;
    }
    return true;
}

#define TEST_LIST_DOMAINS_FILTERS_ALL \
    (VIR_CONNECT_LIST_DOMAINS_ACTIVE | VIR_CONNECT_LIST_DOMAINS_INACTIVE | \
     VIR_CONNECT_LIST_DOMAINS_PERSISTENT | VIR_CONNECT_LIST_DOMAINS_TRANSIENT | \
     VIR_CONNECT_LIST_DOMAINS_RUNNING | VIR_CONNECT_LIST_DOMAINS_PAUSED | \
     VIR_CONNECT_LIST_DOMAINS_SHUTOFF | VIR_CONNECT_LIST_DOMAINS_OTHER | \
     VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE | VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE | \
     VIR_CONNECT_LIST_DOMAINS_AUTOSTART | VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART | \
     VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT | VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT | \
     VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT | VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT)

int
test_connect_list_all_domains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    TestState *st = test_state_of(conn);
    virDomainPtr *list = NULL;
    int n = 0;

    TEST_CHECK_FLAGS(flags, TEST_LIST_DOMAINS_FILTERS_ALL, "testConnectListAllDomains", -1);
    pthread_mutex_lock(&st->lock);
    if (domains)
        list = XNEW_ARRAY(virDomainPtr, st->ndomains + 1);
    for (size_t i = 0; i < st->ndomains; i++) {
        if (!test_domain_matches(st->domains[i], flags))
            continue;
        if (list)
            list[n] = test_domain_handle(conn, st->domains[i]);
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (domains)
        *domains = list;
    return n;
}

/* ---- lookups ---- */

/* By name and UUID through the state's indexes; by id (running domains
 * only, few of them) with a walk. */
typedef TestDomain *(*TestDomainFind)(TestState *st, const void *key);

static virDomainPtr
test_domain_lookup(virConnectPtr conn, TestDomainFind find, const void *key)
{
    TestState *st = test_state_of(conn);
    virDomainPtr ret = NULL;
    TestDomain *obj;

    pthread_mutex_lock(&st->lock);
    if ((obj = find(st, key)))
        ret = test_domain_handle(conn, obj);
    pthread_mutex_unlock(&st->lock);
    if (!ret)
        vir_report_error(VIR_ERR_NO_DOMAIN, NULL);
    return ret;
}

static TestDomain *
test_find_id(TestState *st, const void *key)
{
    int id = *(const int *)key;

    for (size_t i = 0; i < st->ndomains; i++)
        if (test_domain_active(st->domains[i]) && st->domains[i]->def->id == id)
            return st->domains[i];
    return NULL;
}

static TestDomain *
test_find_name(TestState *st, const void *key)
{
    return test_domain_find_name(st, key);
}

static TestDomain *
test_find_uuid(TestState *st, const void *key)
{
    return test_domain_find_uuid(st, key);
}

virDomainPtr
test_domain_lookup_by_id(virConnectPtr conn, int id)
{
    return test_domain_lookup(conn, test_find_id, &id);
}

virDomainPtr
test_domain_lookup_by_name(virConnectPtr conn, const char *name)
{
    return test_domain_lookup(conn, test_find_name, name);
}

virDomainPtr
test_domain_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    return test_domain_lookup(conn, test_find_uuid, uuid);
}

/* ---- information ---- */

int
test_domain_get_info(virDomainPtr dom, virDomainInfoPtr info)
{
    TestState *st;
    TestDomain *obj = test_domain_get(dom, &st);
    struct timeval tv;

    if (!obj)
        return -1;
    gettimeofday(&tv, NULL);
    info->state = (unsigned char)obj->state;
    info->memory = obj->def->cur_memory_kib;
    info->maxMem = obj->def->memory_kib;
    info->nrVirtCpu = (unsigned short)obj->def->vcpus_cur;
    info->cpuTime = ((unsigned long long)tv.tv_sec * 1000000ULL + (unsigned long long)tv.tv_usec) *
                    1000ULL;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int
test_domain_get_state(virDomainPtr dom, int *state, int *reason, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags, 0, "testDomainGetState", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    *state = obj->state;
    if (reason)
        *reason = obj->reason;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* libvirt's test driver answers "linux" for every handle, even a stale
 * one, whatever the XML says. */
char *
test_domain_get_os_type(virDomainPtr dom)
{
    (void)dom;
    return xstrdup("linux");
}

char *
test_domain_get_xml_desc(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    const DomainDef *def;
    char *xml;

    TEST_CHECK_FLAGS(flags, TEST_DOMAIN_XML_FLAGS, "testDomainGetXMLDesc", NULL);
    if (!(obj = test_domain_get(dom, &st)))
        return NULL;
    def = (flags & VIR_DOMAIN_XML_INACTIVE) && obj->new_def ? obj->new_def : obj->def;
    xml = domain_def_format(def, flags);
    pthread_mutex_unlock(&st->lock);
    return xml;
}

unsigned long
test_domain_get_max_memory(virDomainPtr dom)
{
    TestState *st;
    TestDomain *obj = test_domain_get(dom, &st);
    unsigned long ret;

    if (!obj)
        return 0;
    ret = (unsigned long)obj->def->memory_kib;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_vcpus_flags(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    const DomainDef *def;
    int ret = -1;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM,
                     "testDomainGetVcpusFlags", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if ((def = test_domain_one_def(obj, flags, NULL)))
        ret = (int)((flags & VIR_DOMAIN_VCPU_MAXIMUM) ? def->vcpus_max : def->vcpus_cur);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_get_max_vcpus(virDomainPtr dom)
{
    return test_domain_get_vcpus_flags(dom, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_VCPU_MAXIMUM);
}

int
test_domain_is_active(virDomainPtr dom)
{
    TestState *st;
    TestDomain *obj = test_domain_get(dom, &st);
    int ret;

    if (!obj)
        return -1;
    ret = test_domain_active(obj);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_is_persistent(virDomainPtr dom)
{
    TestState *st;
    TestDomain *obj = test_domain_get(dom, &st);
    int ret;

    if (!obj)
        return -1;
    ret = obj->persistent;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* Always 0 in libvirt's test driver, without a lookup. */
int
test_domain_is_updated(virDomainPtr dom)
{
    (void)dom;
    return 0;
}

int
test_domain_get_autostart(virDomainPtr dom, int *autostart)
{
    TestState *st;
    TestDomain *obj = test_domain_get(dom, &st);

    if (!obj)
        return -1;
    *autostart = obj->autostart;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int
test_domain_set_autostart(virDomainPtr dom, int autostart)
{
    TestState *st;
    TestDomain *obj = test_domain_get(dom, &st);

    if (!obj)
        return -1;
    obj->autostart = autostart != 0;
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int
test_domain_get_security_label(virDomainPtr dom, virSecurityLabelPtr seclabel)
{
    TestState *st;
    TestDomain *obj;

    memset(seclabel, 0, sizeof(*seclabel));
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_active(obj)) {
        memcpy(seclabel->label, "libvirt-test", sizeof("libvirt-test"));
        seclabel->enforcing = 1;
    }
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int
test_domain_has_managed_save_image(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret;

    TEST_CHECK_FLAGS(flags, 0, "testDomainHasManagedSaveImage", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    ret = obj->has_managed_save;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* Taints and deprecations found when the domain was loaded from a state
 * file (libvirt's test driver checks nowhere else). */
int
test_domain_get_messages(virDomainPtr dom, char ***msgs, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int n;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_MESSAGE_DEPRECATION | VIR_DOMAIN_MESSAGE_TAINTING,
                     "testDomainGetMessages", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    n = test_domain_messages(obj, flags, msgs);
    pthread_mutex_unlock(&st->lock);
    return n;
}

/* ---- define, create, undefine ---- */

static DomainDef *
test_domain_parse(const char *xml)
{
    DomainDef *def = domain_def_parse_string(xml, DOMAIN_PARSE_INACTIVE);

    if (def && domain_def_generate_ifnames(def) < 0) {
        domain_def_free(def);
        return NULL;
    }
    return def;
}

virDomainPtr
test_domain_define_xml_flags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *st = test_state_of(conn);
    _cleanup_(domain_def_freep) DomainDef *def = NULL;
    virDomainPtr ret = NULL;
    TestDomain *obj;

    bool existed; /* streams/events */

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_DEFINE_VALIDATE, "testDomainDefineXMLFlags", NULL);
    if (!(def = test_domain_parse(xml)))
        return NULL;
    if (strchr(def->name, '\n')) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_DETAIL, "invalid char in name: %c", '\n');
        return NULL;
    }
    pthread_mutex_lock(&st->lock);
    existed = test_domain_find_name(st, def->name) != NULL; /* streams/events */
    if ((obj = test_domain_add(st, &def, false))) {
        obj->persistent = true;
        ret = test_domain_handle(conn, obj);
        test_event_domain(st, obj, VIR_DOMAIN_EVENT_DEFINED,
                          existed ? VIR_DOMAIN_EVENT_DEFINED_UPDATED
                                  : VIR_DOMAIN_EVENT_DEFINED_ADDED); /* streams/events */
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virDomainPtr
test_domain_create_xml(virConnectPtr conn, const char *xml, unsigned int flags)
{
    TestState *st = test_state_of(conn);
    _cleanup_(domain_def_freep) DomainDef *def = NULL;
    virDomainPtr ret = NULL;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_START_VALIDATE, "testDomainCreateXML", NULL);
    if (!(def = test_domain_parse(xml)))
        return NULL;
    pthread_mutex_lock(&st->lock);
    if ((obj = test_domain_add(st, &def, true))) {
        test_domain_start(st, obj, VIR_DOMAIN_RUNNING_BOOTED);
        ret = test_domain_handle(conn, obj);
        test_event_domain(st, obj, VIR_DOMAIN_EVENT_STARTED,
                          VIR_DOMAIN_EVENT_STARTED_BOOTED); /* streams/events */
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_undefine_flags(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
                     "testDomainUndefineFlags", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (obj->has_managed_save && !(flags & VIR_DOMAIN_UNDEFINE_MANAGED_SAVE)) {
        pthread_mutex_unlock(&st->lock);
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "Refusing to undefine while domain managed save image exists");
        return -1;
    }
    /* snapshots: libvirt refuses to forget an inactive domain's snapshots
     * unless asked to (there is nothing else to do with them here) */
    if (!test_domain_active(obj) && test_domain_snapshot_count(obj) > 0 &&
        !(flags & VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA)) {
        int n = test_domain_snapshot_count(obj);

        pthread_mutex_unlock(&st->lock);
        vir_report_error(VIR_ERR_OPERATION_INVALID, "cannot delete inactive domain with %d snapshots",
                         n);
        return -1;
    }
    obj->has_managed_save = false;
    test_event_domain(st, obj, VIR_DOMAIN_EVENT_UNDEFINED,
                      VIR_DOMAIN_EVENT_UNDEFINED_REMOVED); /* streams/events */
    if (test_domain_active(obj))
        obj->persistent = false;
    else
        test_domain_remove(st, obj);
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* ---- lifecycle ---- */

int
test_domain_create_with_flags(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags, 0, "testDomainCreateWithFlags", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (obj->state != VIR_DOMAIN_SHUTOFF) {
        pthread_mutex_unlock(&st->lock);
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "Domain '%s' is already running", dom->name);
        return -1;
    }
    test_domain_start(st, obj, VIR_DOMAIN_RUNNING_BOOTED);
    test_event_domain(st, obj, VIR_DOMAIN_EVENT_STARTED,
                      VIR_DOMAIN_EVENT_STARTED_BOOTED); /* streams/events */
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* Stops obj with reason; a transient domain disappears. */
static void
test_domain_stop_or_remove(TestState *st, TestDomain *obj, int reason)
{
    test_domain_stop(obj, reason);
    test_event_domain(st, obj, VIR_DOMAIN_EVENT_STOPPED,
                      reason == VIR_DOMAIN_SHUTOFF_DESTROYED
                          ? VIR_DOMAIN_EVENT_STOPPED_DESTROYED
                          : VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN); /* streams/events */
    if (!obj->persistent)
        test_domain_remove(st, obj);
}

int
test_domain_destroy_flags(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_DESTROY_GRACEFUL, "testDomainDestroyFlags", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    test_domain_stop_or_remove(st, obj, VIR_DOMAIN_SHUTOFF_DESTROYED);
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* What a guest-initiated power-off or reboot does under a lifecycle
 * action: restarts keep it running (reason booted), the rest stop it. */
static void
test_domain_apply_action(TestState *st, TestDomain *obj, const char *action)
{
    if (STREQ(action, "restart") || STREQ(action, "rename-restart")) {
        obj->state = VIR_DOMAIN_RUNNING;
        obj->reason = VIR_DOMAIN_RUNNING_BOOTED;
        return;
    }
    obj->state = VIR_DOMAIN_SHUTOFF;
    test_domain_stop_or_remove(st, obj, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
}

int
test_domain_shutdown_flags(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags, 0, "testDomainShutdownFlags", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (obj->state == VIR_DOMAIN_SHUTOFF) {
        pthread_mutex_unlock(&st->lock);
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "domain '%s' not running", dom->name);
        return -1;
    }
    test_domain_apply_action(st, obj, obj->def->on_poweroff);
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int
test_domain_reboot(virDomainPtr dom, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_REBOOT_DEFAULT | VIR_DOMAIN_REBOOT_ACPI_POWER_BTN |
                         VIR_DOMAIN_REBOOT_GUEST_AGENT | VIR_DOMAIN_REBOOT_INITCTL |
                         VIR_DOMAIN_REBOOT_SIGNAL | VIR_DOMAIN_REBOOT_PARAVIRT,
                     "testDomainReboot", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_check_active(obj) < 0) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    test_domain_apply_action(st, obj, obj->def->on_reboot);
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int
test_domain_suspend(virDomainPtr dom)
{
    TestState *st;
    TestDomain *obj = test_domain_get(dom, &st);

    if (!obj)
        return -1;
    if (obj->state == VIR_DOMAIN_SHUTOFF || obj->state == VIR_DOMAIN_PAUSED) {
        pthread_mutex_unlock(&st->lock);
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "domain '%s' not running", dom->name);
        return -1;
    }
    obj->state = VIR_DOMAIN_PAUSED;
    obj->reason = VIR_DOMAIN_PAUSED_USER;
    test_event_domain(st, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                      VIR_DOMAIN_EVENT_SUSPENDED_PAUSED); /* streams/events */
    pthread_mutex_unlock(&st->lock);
    return 0;
}

int
test_domain_resume(virDomainPtr dom)
{
    TestState *st;
    TestDomain *obj = test_domain_get(dom, &st);

    if (!obj)
        return -1;
    if (obj->state != VIR_DOMAIN_PAUSED) {
        pthread_mutex_unlock(&st->lock);
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "domain '%s' not paused", dom->name);
        return -1;
    }
    obj->state = VIR_DOMAIN_RUNNING;
    obj->reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    test_event_domain(st, obj, VIR_DOMAIN_EVENT_RESUMED,
                      VIR_DOMAIN_EVENT_RESUMED_UNPAUSED); /* streams/events */
    pthread_mutex_unlock(&st->lock);
    return 0;
}

/* ---- memory and vcpus ---- */

static int
test_domain_set_memory_locked(TestDomain *obj, unsigned long memory, unsigned int flags)
{
    DomainDef *def;
    bool live = false;

    if (!(def = test_domain_one_def(obj, flags, &live)))
        return -1;
    if (flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                             "cannot resize the maximum memory on an active domain");
            return -1;
        }
        def->memory_kib = memory;
        if (def->cur_memory_kib > memory)
            def->cur_memory_kib = memory;
        return 0;
    }
    if (memory > def->memory_kib) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s", "cannot set memory higher than max memory");
        return -1;
    }
    def->cur_memory_kib = memory;
    return 0;
}

int
test_domain_set_memory_flags(virDomainPtr dom, unsigned long memory, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_MEM_MAXIMUM,
                     "testDomainSetMemoryFlags", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    ret = test_domain_set_memory_locked(obj, memory, flags);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_set_max_memory(virDomainPtr dom, unsigned long memory)
{
    return test_domain_set_memory_flags(dom, memory, VIR_DOMAIN_MEM_MAXIMUM);
}

static int
test_domain_set_vcpus_locked(TestDomain *obj, unsigned int n, unsigned int flags)
{
    DomainDef *live = NULL, *pers = NULL;

    if (test_domain_update_impact(obj, &flags) < 0)
        return -1;
    if (test_domain_active(obj)) {
        if (flags & VIR_DOMAIN_AFFECT_LIVE)
            live = obj->def;
        if (flags & VIR_DOMAIN_AFFECT_CONFIG)
            pers = obj->new_def;
    } else {
        pers = obj->def;
    }
    if (live && live->vcpus_max < n) {
        vir_report_error(VIR_ERR_INVALID_ARG, "requested cpu amount exceeds maximum (%u > %u)",
                         n, live->vcpus_max);
        return -1;
    }
    if (pers && !(flags & VIR_DOMAIN_VCPU_MAXIMUM) && pers->vcpus_max < n) {
        vir_report_error(VIR_ERR_INVALID_ARG, "requested cpu amount exceeds maximum (%u > %u)",
                         n, pers->vcpus_max);
        return -1;
    }
    if (live)
        live->vcpus_cur = n;
    if (pers && (flags & VIR_DOMAIN_VCPU_MAXIMUM)) {
        pers->vcpus_max = n;
        if (pers->vcpus_cur > n)
            pers->vcpus_cur = n;
    } else if (pers) {
        pers->vcpus_cur = n;
    }
    return 0;
}

int
test_domain_set_vcpus_flags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    int ret;

    TEST_CHECK_FLAGS(flags,
                     VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM,
                     "testDomainSetVcpusFlags", -1);
    if (nvcpus > 32) {
        vir_report_error(VIR_ERR_INVALID_ARG,
                         "requested cpu amount exceeds maximum supported amount (%u > %d)",
                         nvcpus, 32);
        return -1;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    ret = test_domain_set_vcpus_locked(obj, nvcpus, flags);
    pthread_mutex_unlock(&st->lock);
    return ret;
}
