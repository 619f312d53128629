/*
 * test_moment.c: the snapshot/checkpoint tree of a test driver domain.
 *
 * The rules are libvirt's moment list: a hidden metaroot parents every
 * root, children are linked most recent first, the listing filters
 * (roots/descendants, leaves, metadata) are decided here and the
 * per-kind ones (state, location) by the caller's filter.
 */
#define VIR_FROM_THIS VIR_FROM_DOMAIN

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf/xml.h"
#include "drivers/test/test_moment.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"

TestMoment *
test_moment_new(void)
{
    return XNEW(TestMoment);
}

void
test_moment_disks_free(TestMomentDisk *disks, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(disks[i].name);
        free(disks[i].src_type);
        free(disks[i].src_path);
        free(disks[i].driver_type);
        free(disks[i].bitmap);
    }
    free(disks);
}

void
test_moment_free(TestMoment *m)
{
    if (!m)
        return;
    free(m->name);
    free(m->description);
    free(m->parent_name);
    free(m->memory_file);
    domain_def_free(m->dom);
    domain_def_free(m->inactive_dom);
    test_moment_disks_free(m->disks, m->ndisks);
    free(m);
}

TestMomentList *
test_moment_list_new(void)
{
    return XNEW(TestMomentList);
}

void
test_moment_list_free(TestMomentList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->nitems; i++)
        test_moment_free(list->items[i]);
    free(list->items);
    free(list);
}

TestMoment *
test_moment_find(const TestMomentList *list, const char *name)
{
    if (!list || !name)
        return NULL;
    for (size_t i = 0; i < list->nitems; i++) {
        if (strcmp(list->items[i]->name, name) == 0)
            return list->items[i];
    }
    return NULL;
}

int
test_moment_add(TestMomentList *list, TestMoment *m)
{
    if (test_moment_find(list, m->name)) {
        vir_report_error(VIR_ERR_OPERATION_FAILED, "domain moment %s already exists", m->name);
        return -1;
    }
    list->items = xreallocarray(list->items, list->nitems + 1, sizeof(*list->items));
    list->items[list->nitems++] = m;
    return 0;
}

bool
test_moment_remove(TestMomentList *list, TestMoment *m)
{
    bool was_current = list->current == m;

    for (size_t i = 0; i < list->nitems; i++) {
        if (list->items[i] != m)
            continue;
        memmove(list->items + i, list->items + i + 1,
                (list->nitems - i - 1) * sizeof(*list->items));
        list->nitems--;
        break;
    }
    if (was_current)
        list->current = NULL;
    test_moment_free(m);
    return was_current;
}

static void
test_moment_set_parent(TestMoment *m, TestMoment *parent)
{
    m->parent = parent;
    parent->nchildren++;
    m->sibling = parent->first_child;
    parent->first_child = m;
}

void
test_moment_link_parent(TestMomentList *list, TestMoment *m)
{
    TestMoment *parent = test_moment_find(list, m->parent_name);

    test_moment_set_parent(m, parent ? parent : &list->metaroot);
}

void
test_moment_drop_parent(TestMoment *m)
{
    TestMoment *prev = NULL, *cur;

    if (!m->parent)
        return;
    m->parent->nchildren--;
    for (cur = m->parent->first_child; cur && cur != m; cur = cur->sibling)
        prev = cur;
    if (cur) {
        if (prev)
            prev->sibling = m->sibling;
        else
            m->parent->first_child = m->sibling;
    }
    m->sibling = NULL;
    m->parent = NULL;
}

void
test_moment_drop_children(TestMoment *m)
{
    m->nchildren = 0;
    m->first_child = NULL;
}

/* Appends from's children in front of to's, as libvirt does. */
void
test_moment_move_children(TestMoment *from, TestMoment *to)
{
    TestMoment *child = from->first_child;

    if (!from->nchildren)
        return;
    while (child) {
        child->parent = to;
        if (!child->sibling) {
            child->sibling = to->first_child;
            break;
        }
        child = child->sibling;
    }
    to->nchildren += from->nchildren;
    to->first_child = from->first_child;
    from->first_child = NULL;
    from->nchildren = 0;
}

int
test_moment_for_each_descendant(TestMoment *m, TestMomentFn fn, void *opaque)
{
    /* Depth first without recursion (a chain of moments can be as long as
     * a client makes it): a node's next sibling waits on the stack while
     * its children are visited. Links are read before fn, which may free
     * the node. */
    TestMoment **stack = NULL;
    size_t depth = 0, cap = 0;
    TestMoment *cur = m->first_child;
    int count = 0;

    for (;;) {
        if (!cur) {
            if (!depth)
                break;
            cur = stack[--depth];
            continue;
        }
        TestMoment *child = cur->first_child, *next = cur->sibling;

        if (next) {
            if (depth == cap) {
                cap = cap ? cap * 2 : 16;
                stack = xreallocarray(stack, cap, sizeof(*stack));
            }
            stack[depth++] = next;
        }
        fn(cur, opaque);
        count++;
        cur = child;
    }
    free(stack);
    return count;
}

int
test_moment_check_cycles(const TestMomentList *list, const char *name, const char *parent_name)
{
    const TestMoment *other;

    if (!parent_name)
        return 0;
    if (strcmp(name, parent_name) == 0) {
        vir_report_error(VIR_ERR_INVALID_ARG, "cannot set moment %s as its own parent", name);
        return -1;
    }
    if (!(other = test_moment_find(list, parent_name))) {
        vir_report_error(VIR_ERR_INVALID_ARG, "parent %s for moment %s not found", parent_name,
                         name);
        return -1;
    }
    while (other->parent_name) {
        if (strcmp(other->parent_name, name) == 0) {
            vir_report_error(VIR_ERR_INVALID_ARG, "parent %s would create cycle to %s",
                             other->name, name);
            return -1;
        }
        if (!(other = test_moment_find(list, other->parent_name)))
            break;
    }
    return 0;
}

typedef struct {
    char **names;
    int maxnames;
    unsigned int flags;
    int count;
    TestMomentFilter filter;
    unsigned int filter_flags;
} TestMomentNames;

static void
test_moment_collect(TestMoment *m, void *opaque)
{
    TestMomentNames *data = opaque;

    if ((data->flags & TEST_MOMENT_LIST_LEAVES) && m->nchildren)
        return;
    if ((data->flags & TEST_MOMENT_LIST_NO_LEAVES) && !m->nchildren)
        return;
    if (data->filter && !data->filter(m, data->filter_flags))
        return;
    if (data->names && data->count < data->maxnames)
        data->names[data->count] = xstrdup(m->name);
    data->count++;
}

int
test_moment_list_names(TestMomentList *list, TestMoment *from, char **names, int maxnames,
                       unsigned int flags, TestMomentFilter filter, unsigned int filter_flags)
{
    TestMomentNames data = { names, maxnames, flags, 0, filter, filter_flags };

    if (!from) {
        /* ROOTS and DESCENDANTS share a bit with opposite meanings: from
         * the metaroot, "not roots" means "every descendant" */
        flags ^= TEST_MOMENT_LIST_ROOTS;
        from = &list->metaroot;
    }
    data.flags &= ~(TEST_MOMENT_LIST_DESCENDANTS | TEST_MOMENT_LIST_TOPOLOGICAL);
    /* every moment has metadata here: the metadata filter is all or none */
    if ((data.flags & (TEST_MOMENT_LIST_METADATA | TEST_MOMENT_LIST_NO_METADATA)) ==
        TEST_MOMENT_LIST_NO_METADATA)
        return 0;
    data.flags &= ~(TEST_MOMENT_LIST_METADATA | TEST_MOMENT_LIST_NO_METADATA);

    if ((flags & TEST_MOMENT_LIST_DESCENDANTS) && from == &list->metaroot &&
        !(flags & TEST_MOMENT_LIST_TOPOLOGICAL && names)) {
        for (size_t i = 0; i < list->nitems; i++)
            test_moment_collect(list->items[i], &data);
    } else if (flags & TEST_MOMENT_LIST_DESCENDANTS) {
        test_moment_for_each_descendant(from, test_moment_collect, &data);
    } else {
        for (TestMoment *c = from->first_child; c; c = c->sibling)
            test_moment_collect(c, &data);
    }
    return data.count;
}

void
test_moment_format_domain_as(VireoBuf *buf, const DomainDef *def, bool secure, const char *root)
{
    _cleanup_free_ char *xml = domain_def_format(
        def, DOMAIN_FORMAT_INACTIVE | (secure ? DOMAIN_FORMAT_SECURE : 0));
    const char *line = xml;
    bool first = true;

    while (line && *line) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);
        bool last = !nl || !nl[1];

        buf_add(buf, "  ");
        /* the root element's name is the first and the last tag */
        if (first && strncmp(line, "<domain", 7) == 0) {
            buf_addf(buf, "<%s", root);
            buf_add_len(buf, line + 7, len - 7);
        } else if (last && strncmp(line, "</domain>", 9) == 0) {
            buf_addf(buf, "</%s>%s", root, line + 9);
        } else {
            buf_add_len(buf, line, len);
        }
        first = false;
        line += len;
    }
}

void
test_moment_format_domain(VireoBuf *buf, const DomainDef *def, bool secure)
{
    test_moment_format_domain_as(buf, def, secure, "domain");
}

int
test_moment_parse_head(xmlNodePtr root, TestMoment *m, bool redefine, int family,
                       const char *noun)
{
    m->name = conf_xml_child_text(root, "name");
    if (!m->name && redefine) {
        vir_error_report(family, VIR_ERR_XML_ERROR, "a redefined %s must have a name", noun);
        return -1;
    }
    m->description = conf_xml_child_text(root, "description");
    if (!redefine) {
        m->creation_time = (long long)time(NULL);
        if (!m->name)
            m->name = xasprintf("%lld", m->creation_time);
    }
    return 0;
}

int
test_moment_parse_creation(xmlNodePtr root, TestMoment *m, int family, const char *noun)
{
    _cleanup_free_ char *ctime = conf_xml_child_text(root, "creationTime");
    xmlNodePtr parent = conf_xml_child(root, "parent");
    char *end = NULL;

    errno = 0;
    if (ctime)
        m->creation_time = strtoll(ctime, &end, 10);
    if (!ctime || errno || end == ctime || *end) {
        vir_error_report(family, VIR_ERR_INTERNAL_ERROR, "missing creationTime from existing %s",
                         noun);
        return -1;
    }
    if (parent)
        m->parent_name = conf_xml_child_text(parent, "name");
    return 0;
}

int
test_moment_parse_disks(xmlNodePtr root, TestMoment *m, int family, const char *noun,
                        TestMomentDiskParseFn parse_one)
{
    xmlNodePtr disks = conf_xml_child(root, "disks");
    size_t n = 0;

    if (!disks)
        return 0;
    for (xmlNodePtr c = disks->children; c; c = c->next)
        n += c->type == XML_ELEMENT_NODE;
    if (!n)
        return 0;
    /* no domain has more devices: refuse before allocating for them */
    if (n > DOMAIN_DEVICES_MAX) {
        vir_error_report(family, VIR_ERR_CONFIG_UNSUPPORTED,
                         "too many disk %s requests for domain", noun);
        return -1;
    }
    m->disks = XNEW_ARRAY(TestMomentDisk, n);
    for (xmlNodePtr c = disks->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (parse_one(c, &m->disks[m->ndisks++]) < 0)
            return -1;
    }
    return 0;
}

void
test_moment_format_head(VireoBuf *buf, const TestMoment *m, const char *state)
{
    conf_xml_element(buf, 2, "name", m->name);
    conf_xml_element(buf, 2, "description", m->description);
    if (state)
        buf_addf(buf, "  <state>%s</state>\n", state);
    if (m->parent_name) {
        buf_add(buf, "  <parent>\n");
        conf_xml_element(buf, 4, "name", m->parent_name);
        buf_add(buf, "  </parent>\n");
    }
    if (m->creation_time)
        buf_addf(buf, "  <creationTime>%lld</creationTime>\n", m->creation_time);
}

int
test_moment_disk_index(const DomainDef *def, const char *name)
{
    int candidate = -1;

    for (size_t i = 0; i < def->ndisks; i++) {
        const DomainDisk *d = def->disks[i];

        if (name[0] != '/') {
            if (d->dst && strcmp(d->dst, name) == 0)
                return (int)i;
        } else if (d->source && strcmp(d->source, name) == 0) {
            if (candidate >= 0)
                return -1;
            candidate = (int)i;
        }
    }
    return candidate;
}

typedef struct {
    TestMomentList *list;
    bool current;
} TestMomentDiscard;

static void
test_moment_discard(TestMoment *m, void *opaque)
{
    TestMomentDiscard *d = opaque;

    d->current |= test_moment_remove(d->list, m);
}

void
test_moment_delete(TestMomentList *list, TestMoment *m, bool children, bool children_only)
{
    if (children || children_only) {
        TestMomentDiscard d = { list, false };

        test_moment_for_each_descendant(m, test_moment_discard, &d);
        if (d.current)
            list->current = m;
    } else if (m->nchildren) {
        /* the children move up to m's parent */
        for (TestMoment *c = m->first_child; c; c = c->sibling) {
            free(c->parent_name);
            c->parent_name = m->parent && m->parent->name ? xstrdup(m->parent->name) : NULL;
        }
        test_moment_move_children(m, m->parent);
    }
    if (children_only) {
        test_moment_drop_children(m);
        return;
    }
    test_moment_drop_parent(m);
    if (m == list->current)
        list->current = test_moment_find(list, m->parent_name);
    test_moment_remove(list, m);
}

int
test_moment_update_relations(TestMomentList *list)
{
    int err = 0;

    test_moment_drop_children(&list->metaroot);
    for (size_t i = 0; i < list->nitems; i++) {
        TestMoment *m = list->items[i];

        m->first_child = NULL;
        m->nchildren = 0;
        m->sibling = NULL;
        m->parent = NULL;
    }
    for (size_t i = 0; i < list->nitems; i++) {
        TestMoment *m = list->items[i];
        TestMoment *parent = test_moment_find(list, m->parent_name);

        if (!parent) {
            parent = &list->metaroot;
            if (m->parent_name)
                err = -1;
        } else {
            for (TestMoment *t = parent; t && t->name; t = t->parent) {
                if (t == m) {
                    err = -1;
                    parent = &list->metaroot;
                    break;
                }
            }
        }
        test_moment_set_parent(m, parent);
    }
    if (err)
        list->current = NULL;
    return err;
}
