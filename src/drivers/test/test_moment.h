/*
 * test_moment.h: the tree of "moments" (snapshots, checkpoints) a test
 * driver domain keeps, with the list, filter and current-moment rules of
 * libvirt's virdomainmomentobjlist.c.
 *
 * A list holds every moment of one kind for one domain. Moments form a
 * forest below a hidden metaroot; a parent keeps its children as a linked
 * list with the most recently linked child first, because that order is
 * what a topological listing shows in libvirt. Full listings that are not
 * topological come out in creation order (libvirt's come in hash order,
 * which clients sort anyway). Everything here runs under the owning
 * TestState's lock and reports through the thread's error record.
 */
#ifndef VIREO_DRIVERS_TEST_MOMENT_H
#define VIREO_DRIVERS_TEST_MOMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "conf/domain_conf.h"
#include "util/buf.h"

/* Where a snapshot keeps a disk's or the memory's state (libvirt's
 * virDomainSnapshotLocation, same order). */
enum {
    TEST_SNAP_LOC_DEFAULT = 0,
    TEST_SNAP_LOC_NO,
    TEST_SNAP_LOC_INTERNAL,
    TEST_SNAP_LOC_EXTERNAL,
    TEST_SNAP_LOC_MANUAL,
};

/* A checkpoint disk's kind (virDomainCheckpointType). */
enum {
    TEST_CHK_DEFAULT = 0,
    TEST_CHK_NONE,
    TEST_CHK_BITMAP,
};

/* The state a snapshot records (virDomainSnapshotState: the domain states
 * plus disk-snapshot). */
enum {
    TEST_SNAP_STATE_DISK_SNAPSHOT = 8,
};

/* Internal list flags (libvirt's VIR_DOMAIN_MOMENT_LIST_*). */
enum {
    TEST_MOMENT_LIST_ROOTS = 1 << 0,
    TEST_MOMENT_LIST_DESCENDANTS = 1 << 0,
    TEST_MOMENT_LIST_TOPOLOGICAL = 1 << 1,
    TEST_MOMENT_LIST_LEAVES = 1 << 2,
    TEST_MOMENT_LIST_NO_LEAVES = 1 << 3,
    TEST_MOMENT_LIST_METADATA = 1 << 4,
    TEST_MOMENT_LIST_NO_METADATA = 1 << 5,
};

typedef struct {
    char *name;          /* target dev after alignment */
    int kind;            /* TEST_SNAP_LOC_* or TEST_CHK_* */
    char *src_type;      /* snapshots: "file", "block", ... (NULL: file) */
    char *src_path;      /* snapshots: external image, or NULL */
    char *driver_type;   /* snapshots: image format, or NULL */
    char *bitmap;        /* checkpoints: bitmap name, or NULL */
    bool size_valid;     /* checkpoints: size known */
    unsigned long long size;
} TestMomentDisk;

typedef struct TestMoment {
    char *name;
    char *description;   /* or NULL */
    char *parent_name;   /* or NULL */
    long long creation_time;
    DomainDef *dom;      /* the domain when taken, or NULL (owned) */
    DomainDef *inactive_dom; /* snapshots: the config of a running domain, or NULL */
    int state;           /* snapshots: virDomainState or TEST_SNAP_STATE_* (0: unset) */
    int memory;          /* snapshots: TEST_SNAP_LOC_* */
    char *memory_file;   /* snapshots: external memory file, or NULL */
    TestMomentDisk *disks;
    size_t ndisks;

    /* tree links, maintained by the list functions */
    struct TestMoment *parent;       /* the metaroot for roots; NULL while unlinked */
    struct TestMoment *first_child;  /* most recently linked first */
    struct TestMoment *sibling;
    int nchildren;
} TestMoment;

typedef struct TestMomentList {
    TestMoment **items;  /* every moment, creation order (owned) */
    size_t nitems;
    TestMoment metaroot; /* parent of every root; has no name */
    TestMoment *current; /* or NULL */
} TestMomentList;

/* Moment values. */
TestMoment *test_moment_new(void);
void test_moment_free(TestMoment *m);
void test_moment_disks_free(TestMomentDisk *disks, size_t n);

TestMomentList *test_moment_list_new(void);
void test_moment_list_free(TestMomentList *list);

/* The moment called name, or NULL (name may be NULL). */
TestMoment *test_moment_find(const TestMomentList *list, const char *name);
/* Adds m (unlinked); OPERATION_FAILED "domain moment %s already exists"
 * (VIR_FROM_DOMAIN) when the name is taken. Takes m only on success. */
int test_moment_add(TestMomentList *list, TestMoment *m);
/* Removes and frees m (its tree links must be dropped already or be
 * irrelevant); returns whether it was the current moment (which is then
 * cleared). */
bool test_moment_remove(TestMomentList *list, TestMoment *m);

/* Tree maintenance, as libvirt's virDomainMoment* helpers. */
void test_moment_link_parent(TestMomentList *list, TestMoment *m);
void test_moment_drop_parent(TestMoment *m);
void test_moment_drop_children(TestMoment *m);
void test_moment_move_children(TestMoment *from, TestMoment *to);

/* Calls fn on every descendant of m, depth first, parents before their
 * children; fn may remove the moment it is given. Returns the count. */
typedef void (*TestMomentFn)(TestMoment *m, void *opaque);
int test_moment_for_each_descendant(TestMoment *m, TestMomentFn fn, void *opaque);

/* libvirt's moment deletion: with children/children_only the descendants
 * go too (the current moment, if among them, becomes m); otherwise m's
 * children move up to m's parent. Unless children_only, m is removed
 * and, if it was current, its parent becomes current. */
void test_moment_delete(TestMomentList *list, TestMoment *m, bool children, bool children_only);

/* Links every moment under its parent (roots under the metaroot), in list
 * order; a missing parent or a cycle makes the moment a root, clears the
 * current moment and returns -1 (not reported), as libvirt does. */
int test_moment_update_relations(TestMomentList *list);

/* INVALID_ARG (VIR_FROM_DOMAIN) when making name a child of parent_name
 * would loop or parent_name does not exist. */
int test_moment_check_cycles(const TestMomentList *list, const char *name,
                             const char *parent_name);

/* A per-kind filter applied after the common ones. */
typedef bool (*TestMomentFilter)(const TestMoment *m, unsigned int filter_flags);

/* libvirt's virDomainMomentObjListGetNames: the names of the moments below
 * from (NULL: the whole list) that pass flags (TEST_MOMENT_LIST_*) and
 * filter; stores at most maxnames copies into names when names is not
 * NULL. Returns the number that matched. */
int test_moment_list_names(TestMomentList *list, TestMoment *from, char **names, int maxnames,
                           unsigned int flags, TestMomentFilter filter,
                           unsigned int filter_flags);

/* Formats def (a copy of the domain) as libvirt embeds it in snapshot and
 * checkpoint XML: the inactive form, every line indented by two spaces. */
void test_moment_format_domain(VireoBuf *buf, const DomainDef *def, bool secure);
/* The same with another root element name ("inactiveDomain"). */
void test_moment_format_domain_as(VireoBuf *buf, const DomainDef *def, bool secure,
                                  const char *root);

/* The XML pieces snapshots and checkpoints share. family is the error
 * family to report in (VIR_FROM_DOMAIN_SNAPSHOT or _CHECKPOINT) and noun
 * the word libvirt's texts use ("snapshot", "checkpoint"). */
/* <name> and <description>; a new moment (!redefine) is stamped now and
 * named after its creation time when it has no name. Reports. */
int test_moment_parse_head(xmlNodePtr root, TestMoment *m, bool redefine, int family,
                           const char *noun);
/* A redefined moment's <creationTime> (required) and <parent>. Reports. */
int test_moment_parse_creation(xmlNodePtr root, TestMoment *m, int family, const char *noun);
/* Parses one <disk> element of <disks> into d. Reports. */
typedef int (*TestMomentDiskParseFn)(xmlNodePtr node, TestMomentDisk *d);
/* Fills m->disks from root's <disks> through parse_one, refusing more
 * requests than a domain can have disks before allocating. Reports. */
int test_moment_parse_disks(xmlNodePtr root, TestMoment *m, int family, const char *noun,
                            TestMomentDiskParseFn parse_one);
/* Formats <name>, <description>, <state> (when state is not NULL),
 * <parent> and <creationTime>, in libvirt's order. */
void test_moment_format_head(VireoBuf *buf, const TestMoment *m, const char *state);

/* The domain disk name refers to (by target, then by source path), or -1. */
int test_moment_disk_index(const DomainDef *def, const char *name);

/* test_moment_rng.c: validates doc against libvirt's schema called
 * schema ("domainsnapshot.rng", "domaincheckpoint.rng") when libvirt's
 * schemas are installed; VIR_ERR_XML_INVALID_SCHEMA with libxml2's words
 * otherwise. Returns 0 (also when there is no schema to use) or -1. */
int test_moment_validate(xmlDocPtr doc, const char *schema);

/* test_snapshot_xml.c: <domainsnapshot> documents (validate: against
 * libvirt's schema first). */
/* Parses xml (redefine: the full form a snapshot was dumped in, with
 * creation time, state and domain). Reports (VIR_FROM_DOMAIN_SNAPSHOT). */
TestMoment *test_snapshot_parse(const char *xml, bool redefine, bool validate);
/* The same from an element (a test driver state file's snapshot); with
 * ret_current, the <active> element is required and read into it. */
TestMoment *test_snapshot_parse_node(xmlNodePtr node, bool redefine, bool *ret_current);
/* libvirt's virDomainSnapshotAlignDisks with uniform internal snapshots:
 * one entry per domain disk (snap->dom, else existing), in its order,
 * defaults from def_loc. Reports. */
int test_snapshot_align_disks(TestMoment *snap, const DomainDef *existing, int def_loc);
/* Whether memory or any disk is external. */
bool test_snapshot_is_external(const TestMoment *snap);
/* The XML virDomainSnapshotGetXMLDesc returns (uuidstr: the domain's, used
 * when the snapshot has no domain copy). Never fails. */
char *test_snapshot_format(const TestMoment *snap, const char *uuidstr, bool secure);
const char *test_snapshot_state_name(int state);
const char *test_snapshot_location_name(int loc);

/* test_checkpoint_xml.c: <domaincheckpoint> documents. */
TestMoment *test_checkpoint_parse(const char *xml, bool redefine);
/* libvirt's virDomainCheckpointAlignDisks against chk->dom. Reports. */
int test_checkpoint_align_disks(TestMoment *chk);
/* Names bitmap disks without a bitmap after the checkpoint. */
void test_checkpoint_bitmap_names(TestMoment *chk);
char *test_checkpoint_format(const TestMoment *chk, bool secure, bool no_domain, bool size);

#endif /* VIREO_DRIVERS_TEST_MOMENT_H */
