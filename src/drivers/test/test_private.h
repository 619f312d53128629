/*
 * test_private.h: the in-memory state of the test driver, shared by its
 * files.
 *
 * One TestState per open state: test:///default has a single shared one
 * (refcounted, reset when its last connection closes); every connection to
 * a state file gets its own. Each state has one mutex; every driver method
 * takes it for the whole call, so objects are never seen half-updated.
 * Lock order: the default-state registry lock (test_state.c) before a
 * state's lock; nothing else is locked while a state lock is held except
 * the handle refcounts (atomics).
 */
#ifndef VIREO_DRIVERS_TEST_PRIVATE_H
#define VIREO_DRIVERS_TEST_PRIVATE_H

#include <pthread.h>
#include <stdbool.h>
#include <libvirt/libvirt.h>

#include "conf/domain_conf.h"
#include "conf/network_conf.h"
#include "conf/storage_conf.h"
#include "drivers/driver.h"
#include "util/hash.h"

#define TEST_MAX_CELLS 128

/* The objects below are owned by their TestState and guarded by its lock. */
typedef struct {
    DomainDef *def;      /* the running definition, or the persistent one when inactive */
    DomainDef *new_def;  /* persistent definition while running (NULL when transient) */
    int state;           /* virDomainState */
    int reason;
    bool persistent;
    bool autostart;
    bool has_managed_save;
    unsigned int taint;     /* 1 << TEST_TAINT_* */
    char *deprecation;      /* what is deprecated in the config, or NULL */
    struct TestMomentList *snapshots;   /* snapshots: created on first use, or NULL */
    struct TestMomentList *checkpoints; /* snapshots: created on first use, or NULL */
    char *index_name;       /* the name domains_by_name holds it under, or NULL */
    bool fs_frozen[2];      /* guest "/" and "/boot" frozen (test_guest.c) */
    bool time_set;          /* guest clock set by virDomainSetTime */
    long long guest_seconds;
    unsigned int guest_nseconds;
    struct TestIOThreadPoll *iothread_polls; /* IOThread polling state (test_iothread.c) */
    size_t niothread_polls;
} TestDomain;

/* libvirt's taint reasons, in its order (the bit numbers matter: messages
 * are listed by bit). */
enum {
    TEST_TAINT_HIGH_PRIVILEGES = 2,
    TEST_TAINT_SHELL_SCRIPTS = 3,
    TEST_TAINT_CDROM_PASSTHROUGH = 8,
    TEST_TAINT_CUSTOM_DTB = 9,
    TEST_TAINT_DEPRECATED_CONFIG = 12,
    TEST_TAINT_LAST = 14,
};

typedef struct {
    NetworkDef *def;
    NetworkDef *new_def;  /* persistent definition while a redefined network runs */
    bool active, persistent, autostart;
} TestNetwork;

typedef struct {
    StoragePoolDef *def;
    bool active, persistent, autostart;
    StorageVolDef **vols;
    size_t nvols;
} TestPool;

/* A host interface: its definition kept as an element tree (formatted
 * back in libvirt's child order), with the name and MAC it is found by. */
typedef struct {
    char *name;
    char *mac;           /* or NULL */
    ConfXmlRaw *xml;     /* the <interface> element */
    bool active;
} TestIface;

/* A node device: name, parent and its <device> element tree. */
typedef struct {
    char *name;
    char *parent;        /* or NULL */
    ConfXmlRaw *xml;
} TestNodeDev;

typedef struct {
    unsigned long long mem;      /* KiB */
    unsigned long long free_mem; /* KiB */
    int ncpus;
} TestCell;

typedef struct TestState {
    pthread_mutex_t lock;     /* guards everything below */
    int refs;                 /* guarded by the registry lock (default state only) */
    bool is_default;          /* immutable */

    virNodeInfo node_info;
    TestCell cells[TEST_MAX_CELLS];
    int ncells;
    int next_dom_id;

    TestDomain **domains;
    size_t ndomains;
    /* lookups: every domain by name and by UUID, kept exact by
     * test_domain_add/remove/index_sync (test_state.c) */
    UtilHash *domains_by_name;
    UtilHash *domains_by_uuid;
    TestNetwork **networks;
    size_t nnetworks;
    TestPool **pools;
    size_t npools;
    TestIface **ifaces;       /* objects helper */
    size_t nifaces;
    bool iface_transaction;   /* virInterfaceChangeBegin ran (test_iface_txn.c) */
    TestIface **iface_backup; /* the interfaces to roll back to */
    size_t niface_backup;
    TestNodeDev **nodedevs;   /* objects helper */
    size_t nnodedevs;

    VireoEventHub *events;    /* streams/events: created by the first registration */

    char **auth_users;        /* <auth><user>: name, password (NULL: none) pairs; immutable */
    size_t nauth_users;
} TestState;

/* test_state.c */
/* Opens the state for path: "/default" shares the default state; any
 * other absolute path loads that file. Reports; NULL on failure. */
TestState *test_state_open(const char *path);
/* The fake authentication a state file with <auth> users asks for: a
 * user name, then (unless the user has none) a password, through auth.
 * Reports (VIR_FROM_AUTH for a missing callback or credential type,
 * AUTH_FAILED from VIR_FROM_TEST for wrong answers). */
int test_state_authenticate(const TestState *st, virConnectAuthPtr auth);
/* Drops the caller's reference (the default state is freed and so reset
 * when its last user goes). */
void test_state_close(TestState *st);
/* The state behind conn. */
TestState *test_state_of(virConnectPtr conn);
/* test_domain.c helpers shared with test_domain_extra.c. The domain behind
 * dom with the state locked (NULL after reporting and unlocking). */
TestDomain *test_domain_get(virDomainPtr dom, TestState **ret_st);
/* A new handle for obj. */
virDomainPtr test_domain_handle(virConnectPtr conn, const TestDomain *obj);
/* OPERATION_INVALID "domain is not running" unless obj runs. */
int test_domain_check_active(const TestDomain *obj);
/* libvirt's resolution of VIR_DOMAIN_AFFECT_* against obj. Reports. */
/* The definition flags select, as virDomainObjGetOneDefState; reports. */
DomainDef *test_domain_one_def(TestDomain *obj, unsigned int flags, bool *ret_live);
int test_domain_update_impact(const TestDomain *obj, unsigned int *flags);
/* test_vcpu.c: sets the bits of a libvirt cpuset ("0-3,^2,8") in map, up to
 * maplen bytes (a malformed set sets none). */
void test_vcpu_cpuset_to_map(const char *set, unsigned char *map, int maplen);
/* test_vcpu.c: a map of maplen bytes as libvirt prints a CPU set ("0-2,5"). */
char *test_vcpu_format_map(const unsigned char *map, int maplen);
/* test_hostdev.c: loading and freeing interfaces and node devices. */
int test_iface_load(TestState *st, xmlNodePtr node);
int test_nodedev_load(TestState *st, xmlNodePtr node);
void test_hostdev_free_all(TestState *st);
void test_iface_free(TestIface *iface);
/* test_domain_extra.c: a save image's definition (read: NULL, reported,
 * on failure) and writing one (-1 reported). */
DomainDef *test_save_image_read(const char *path);
int test_save_image_write(const char *path, const DomainDef *def);
/* test_iface_txn.c: drops an interface transaction's snapshot. */
void test_iface_backup_free(TestState *st);
/* A node device by name (NO_NODE_DEVICE reported when absent), and
 * freeing one (test_nodedev_write.c creates and destroys them). */
TestNodeDev *test_nodedev_find(TestState *st, const char *name);
void test_nodedev_free(TestNodeDev *dev);
/* Frees a pool object and its volumes. */
void test_pool_free(TestPool *pool);
/* Frees a domain object. */
void test_domain_free(TestDomain *dom);
/* Marks dom running with the next id and reason; keeps a copy of a
 * persistent definition as the pending config. Caller holds the lock. */
void test_domain_start(TestState *st, TestDomain *dom, int reason);
/* Marks dom shut off with reason, restoring the persistent definition. */
void test_domain_stop(TestDomain *dom, int reason);
/* Records the taints libvirt's test driver finds in a loaded domain. */
void test_domain_check_taint(TestDomain *dom);
/* The domain's messages as virDomainGetMessages returns them. */
int test_domain_messages(const TestDomain *dom, unsigned int flags, char ***ret_msgs);
/* A domain is active while it has an id (running or paused). */
static inline bool
test_domain_active(const TestDomain *dom)
{
    return dom->def->id != -1;
}

/* The domain of st with this UUID / name, or NULL. Caller holds the lock.
 * Do not report. */
TestDomain *test_domain_find_uuid(TestState *st, const unsigned char *uuid);
TestDomain *test_domain_find_name(TestState *st, const char *name);
/* Adds def to st with libvirt's rules: the same UUID must carry the same
 * name and a name may not move to another UUID (OPERATION_FAILED);
 * with live (a create), a running domain is refused (OPERATION_INVALID).
 * An existing domain takes def as its new config (pending while it runs).
 * Takes *def on success. Caller holds the lock. Reports. */
TestDomain *test_domain_add(TestState *st, DomainDef **def, bool live);
/* Removes dom from st and frees it. */
void test_domain_remove(TestState *st, TestDomain *dom);
/* Re-indexes dom after its definition was replaced by one that may carry
 * another name (a rename, a snapshot revert). Caller holds the lock. */
void test_domain_index_sync(TestState *st, TestDomain *dom);

/* ---- streams/events helper: test_events.c ---- */
/* Raise events (caller holds st->lock); no-ops until someone registered. */
void test_event_domain(TestState *st, const TestDomain *obj, int event, int detail);
void test_event_object(TestState *st, VireoEventKind kind, int event_id, const char *name,
                       const unsigned char *uuid, int event, int detail);
int test_connect_event_register(virConnectPtr conn, const VireoEventFilter *filter,
                                VireoEventFunc fn, void *opaque, virFreeCallback free_fn);
int test_connect_event_deregister(virConnectPtr conn, int callback_id);
/* Passes rc through; when it is 0, raises a pool event (takes the lock). */
int test_event_pool_after(virStoragePoolPtr pool, int rc, int event_id, int event);
/* The metadata-change event of obj (uri: the element's namespace or NULL). */
void test_event_metadata(TestState *st, const TestDomain *obj, int type, const char *uri);
/* test_network_update.c, test_nodedev_write.c (driver methods). */
int test_network_update(virNetworkPtr net, unsigned int command, unsigned int section,
                        int parent_index, const char *xml, unsigned int flags);
virNodeDevicePtr test_node_device_create_xml(virConnectPtr conn, const char *xml,
                                             unsigned int flags);
int test_node_device_destroy(virNodeDevicePtr dev);
/* test_domain_dump.c */
int test_domain_core_dump(virDomainPtr dom, const char *to, unsigned int flags);
int test_domain_core_dump_with_format(virDomainPtr dom, const char *to, unsigned int dumpformat,
                                      unsigned int flags);
/* A node device lifecycle event (virNodeDeviceEventLifecycleType). */
void test_event_nodedev(TestState *st, const char *name, int event);
/* Drops conn's registrations (its connection closes). */
void test_event_conn_closed(virConnectPtr conn);
/* test_stream.c: screenshot, volume upload/download (volume bytes in
 * sparse files private to the state; removed with the volume / state). */
char *test_domain_screenshot(virDomainPtr dom, virStreamPtr st, unsigned int screen,
                             unsigned int flags);
int test_storage_vol_upload(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                            unsigned long long length, unsigned int flags);
int test_storage_vol_download(virStorageVolPtr vol, virStreamPtr st, unsigned long long offset,
                              unsigned long long length, unsigned int flags);
void test_stream_vol_deleted(const TestState *st, const char *pool, const char *vol);
void test_stream_state_freed(const TestState *st);
/* ---- end streams/events helper ---- */

/* ---- snapshots: test_snapshot.c, test_checkpoint.c ---- */
/* Reads the <test:domainsnapshot> elements of the state file's <domain>
 * node into the domain it defined (file: the state file, for file='...'
 * references). Reports. */
int test_domain_snapshots_load(TestState *st, xmlNodePtr node, const char *file);
/* Frees dom's snapshots and checkpoints (the domain goes away). */
void test_domain_moments_free(TestDomain *dom);
/* How many snapshots / checkpoints dom has. */
int test_domain_snapshot_count(const TestDomain *dom);
int test_domain_checkpoint_count(const TestDomain *dom);
virDomainSnapshotPtr test_domain_snapshot_create_xml(virDomainPtr dom, const char *xml,
                                                     unsigned int flags);
char *test_domain_snapshot_get_xml_desc(virDomainSnapshotPtr snap, unsigned int flags);
int test_domain_snapshot_list_names(virDomainPtr dom, char **names, int nameslen,
                                    unsigned int flags);
int test_domain_list_all_snapshots(virDomainPtr dom, virDomainSnapshotPtr **snaps,
                                   unsigned int flags);
int test_domain_snapshot_num_children(virDomainSnapshotPtr snap, unsigned int flags);
int test_domain_snapshot_list_children_names(virDomainSnapshotPtr snap, char **names,
                                             int nameslen, unsigned int flags);
int test_domain_snapshot_list_all_children(virDomainSnapshotPtr snap,
                                           virDomainSnapshotPtr **snaps, unsigned int flags);
virDomainSnapshotPtr test_domain_snapshot_lookup_by_name(virDomainPtr dom, const char *name,
                                                         unsigned int flags);
int test_domain_has_current_snapshot(virDomainPtr dom, unsigned int flags);
virDomainSnapshotPtr test_domain_snapshot_current(virDomainPtr dom, unsigned int flags);
virDomainSnapshotPtr test_domain_snapshot_get_parent(virDomainSnapshotPtr snap,
                                                     unsigned int flags);
int test_domain_snapshot_is_current(virDomainSnapshotPtr snap, unsigned int flags);
int test_domain_snapshot_has_metadata(virDomainSnapshotPtr snap, unsigned int flags);
int test_domain_revert_to_snapshot(virDomainSnapshotPtr snap, unsigned int flags);
int test_domain_snapshot_delete(virDomainSnapshotPtr snap, unsigned int flags);
virDomainCheckpointPtr test_domain_checkpoint_create_xml(virDomainPtr dom, const char *xml,
                                                         unsigned int flags);
char *test_domain_checkpoint_get_xml_desc(virDomainCheckpointPtr chk, unsigned int flags);
int test_domain_list_all_checkpoints(virDomainPtr dom, virDomainCheckpointPtr **chks,
                                     unsigned int flags);
int test_domain_checkpoint_list_all_children(virDomainCheckpointPtr chk,
                                             virDomainCheckpointPtr **chks, unsigned int flags);
virDomainCheckpointPtr test_domain_checkpoint_lookup_by_name(virDomainPtr dom, const char *name,
                                                             unsigned int flags);
virDomainCheckpointPtr test_domain_checkpoint_get_parent(virDomainCheckpointPtr chk,
                                                         unsigned int flags);
int test_domain_checkpoint_delete(virDomainCheckpointPtr chk, unsigned int flags);
/* ---- end snapshots ---- */

/* test_caps.c */
/* The capabilities XML for st (caller holds the lock). */
char *test_caps_format(const TestState *st);

/* Reports "unsupported flags" exactly as libvirt's test driver does,
 * naming libvirt's function (fname), and returns retval. */
#define TEST_CHECK_FLAGS(flags, supported, fname, retval) \
    do { \
        if ((flags) & ~(unsigned int)(supported)) { \
            vir_error_report_raw(VIR_FROM_TEST, VIR_ERR_INVALID_ARG, fname, "flags", \
                                 "unsupported flags (0x%x) in function %s", \
                                 (unsigned)((flags) & ~(unsigned int)(supported)), fname); \
            return retval; \
        } \
    } while (0)

/* The driver methods, one file per object family. */
#include "drivers/test/test_methods.h"

#endif /* VIREO_DRIVERS_TEST_PRIVATE_H */
