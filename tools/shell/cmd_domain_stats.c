/*
 * cmd_domain_stats.c: the "Domain Monitoring" commands for statistics and device
 * listings: domstats, dommemstat, domblk*, domif*, domcontrol, domtime.
 *
 * Each command follows virsh 9.0's order of checks (options, then the
 * domain, then the library call), because that order decides which error a
 * user sees when several things are wrong at once. The device listings read
 * the domain XML the library returns with libxml2 and the same XPath
 * expressions virsh uses, so odd XML (missing attributes, several sources)
 * comes out the same way.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "shell.h"

#define OPT_DOMAIN_FULL { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "domain name, id or uuid" }
#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_END { NULL, 0, 0, NULL }
#define BY_ANY (SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME)
#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* The "vm" statistics group (hypervisor-specific counters): newer than the
 * groups our public header lists, but a valid bit for the daemon to judge. */
#define STATS_GROUP_VM (1U << 10)

/* The most disk errors libvirt's protocol carries in one reply; a larger
 * count from the library is not trusted for an allocation. */
#define STATS_DISK_ERRORS_MAX 256

/* ---- small helpers ---- */

static char *
stats_strdup(const char *s)
{
    char *d = strdup(s);

    if (!d)
        abort();
    return d;
}

/* Parses a whole decimal long long as libvirt's string helpers do (leading
 * blanks and a sign allowed, nothing after the digits). */
static bool
stats_parse_ll(const char *s, long long *ret_value)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (end == s || *end || errno)
        return false;
    *ret_value = v;
    return true;
}

/* Gets a number option of int range (@as_int) or long long range. Returns 1
 * when set, 0 when absent, -1 after reporting virsh's message. */
static int
stats_opt_number(Shell *sh, const ShellCmd *cmd, const char *name, bool as_int,
                 long long *ret_value)
{
    const char *word = NULL;
    long long v;

    for (const ShellArg *a = cmd->args; a; a = a->next) {
        if (strcmp(a->def->name, name) == 0)
            word = a->data;
    }
    if (!word)
        return 0;
    if (!stats_parse_ll(word, &v) || (as_int && (v < INT_MIN || v > INT_MAX))) {
        shell_error(sh, "Numeric value '%s' for <%s> option is malformed or out of range",
                    word, name);
        return -1;
    }
    *ret_value = v;
    return 1;
}

/* A typed parameter's value as virsh prints it, as a new string; NULL for
 * a type virsh does not know. */
static char *
stats_param_value(const virTypedParameter *p)
{
    char *s = NULL;
    int rc;

    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        rc = asprintf(&s, "%d", p->value.i);
        break;
    case VIR_TYPED_PARAM_UINT:
        rc = asprintf(&s, "%u", p->value.ui);
        break;
    case VIR_TYPED_PARAM_LLONG:
        rc = asprintf(&s, "%lld", p->value.l);
        break;
    case VIR_TYPED_PARAM_ULLONG:
        rc = asprintf(&s, "%llu", p->value.ul);
        break;
    case VIR_TYPED_PARAM_DOUBLE:
        rc = asprintf(&s, "%f", p->value.d);
        break;
    case VIR_TYPED_PARAM_BOOLEAN:
        rc = asprintf(&s, "%s", p->value.b ? "yes" : "no");
        break;
    case VIR_TYPED_PARAM_STRING:
        rc = asprintf(&s, "%s", p->value.s ? p->value.s : "(null)");
        break;
    default:
        return NULL;
    }
    if (rc < 0)
        abort();
    return s;
}

/* ---- the domain XML, for the device listings ---- */

typedef struct StatsXml {
    xmlDocPtr doc;
    xmlXPathContextPtr ctxt; /* node: the <domain> element unless moved */
} StatsXml;

static void
stats_xml_free(StatsXml *x)
{
    xmlXPathFreeContext(x->ctxt);
    xmlFreeDoc(x->doc);
    x->ctxt = NULL;
    x->doc = NULL;
}

/* Parses a domain's XML (with @flags). Returns false after raising an error. */
static bool
stats_xml_load(Shell *sh, virDomainPtr dom, unsigned int flags, StatsXml *ret_xml)
{
    char *text;
    xmlDocPtr doc;

    if (!(text = virDomainGetXMLDesc(dom, flags))) {
        shell_error_save(sh);
        return false;
    }
    doc = xmlReadDoc((const xmlChar *)text, "domain.xml", NULL,
                     XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    free(text);
    if (!doc || !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        shell_error_set(sh, VIR_ERR_XML_ERROR, "%s", "failed to parse xml document");
        return false;
    }
    if (!(ret_xml->ctxt = xmlXPathNewContext(doc)))
        abort();
    ret_xml->doc = doc;
    ret_xml->ctxt->node = xmlDocGetRootElement(doc);
    return true;
}

/* Looks up the command's domain and parses its XML; the two steps of
 * virsh's device listings. Returns false after reporting. */
static bool
stats_xml_load_cmd(Shell *sh, const ShellCmd *cmd, unsigned int flags, StatsXml *ret_xml)
{
    virDomainPtr dom;
    bool ok;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    ok = stats_xml_load(sh, dom, flags, ret_xml);
    virDomainFree(dom);
    return ok;
}

/* The string value of @expr at the context node, as a new string; NULL
 * when it is empty or not a string (virsh treats both as absent). */
static char *
stats_xml_string(const StatsXml *x, const char *expr)
{
    xmlXPathObjectPtr obj = xmlXPathEval((const xmlChar *)expr, x->ctxt);
    char *ret = NULL;

    if (obj && obj->type == XPATH_STRING && obj->stringval && obj->stringval[0])
        ret = stats_strdup((const char *)obj->stringval);
    xmlXPathFreeObject(obj);
    return ret;
}

/* Whether boolean @expr holds at the context node. */
static bool
stats_xml_bool(const StatsXml *x, const char *expr)
{
    xmlXPathObjectPtr obj = xmlXPathEval((const xmlChar *)expr, x->ctxt);
    bool ret = obj && obj->type == XPATH_BOOLEAN && obj->boolval;

    xmlXPathFreeObject(obj);
    return ret;
}

/* The nodes @expr selects, as a new array in *ret_nodes (NULL when none).
 * Returns the count; 0 also for an expression libxml2 cannot evaluate (it
 * has printed why), -1 when the result is not a node set. */
static int
stats_xml_nodes(const StatsXml *x, const char *expr, xmlNodePtr **ret_nodes)
{
    xmlXPathObjectPtr obj = xmlXPathEval((const xmlChar *)expr, x->ctxt);
    int n = 0;

    *ret_nodes = NULL;
    if (!obj)
        return 0;
    if (obj->type != XPATH_NODESET) {
        xmlXPathFreeObject(obj);
        return -1;
    }
    if (obj->nodesetval && obj->nodesetval->nodeNr > 0) {
        n = obj->nodesetval->nodeNr;
        if (!(*ret_nodes = calloc((size_t)n, sizeof(**ret_nodes))))
            abort();
        memcpy(*ret_nodes, obj->nodesetval->nodeTab, (size_t)n * sizeof(**ret_nodes));
    }
    xmlXPathFreeObject(obj);
    return n;
}

/* ---- domstats ---- */

static const struct {
    const char *opt;
    unsigned int bit;
} domstats_groups[] = {
    { "state", VIR_DOMAIN_STATS_STATE },
    { "cpu-total", VIR_DOMAIN_STATS_CPU_TOTAL },
    { "balloon", VIR_DOMAIN_STATS_BALLOON },
    { "vcpu", VIR_DOMAIN_STATS_VCPU },
    { "interface", VIR_DOMAIN_STATS_INTERFACE },
    { "block", VIR_DOMAIN_STATS_BLOCK },
    { "perf", VIR_DOMAIN_STATS_PERF },
    { "iothread", VIR_DOMAIN_STATS_IOTHREAD },
    { "memory", VIR_DOMAIN_STATS_MEMORY },
    { "dirtyrate", VIR_DOMAIN_STATS_DIRTYRATE },
    { "vm", STATS_GROUP_VM },
}, domstats_flags[] = {
    { "list-active", VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE },
    { "list-inactive", VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE },
    { "list-persistent", VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT },
    { "list-transient", VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT },
    { "list-running", VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING },
    { "list-paused", VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED },
    { "list-shutoff", VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF },
    { "list-other", VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER },
    { "enforce", VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS },
    { "backing", VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING },
    { "nowait", VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT },
};

/* Looks a domain up by a word the way virsh does for a list of domains:
 * as an id, then a UUID, then a name. NULL after reporting. */
static virDomainPtr
stats_domain_by_word(Shell *sh, const char *word)
{
    virDomainPtr dom = NULL;
    long long id;

    if (stats_parse_ll(word, &id) && id >= 0 && id <= INT_MAX)
        dom = virDomainLookupByID(sh->conn, (int)id);
    if (!dom && strlen(word) == VIR_UUID_STRING_BUFLEN - 1)
        dom = virDomainLookupByUUIDString(sh->conn, word);
    if (!dom)
        dom = virDomainLookupByName(sh->conn, word);
    shell_error_reset(sh);
    if (!dom)
        shell_error(sh, "failed to get domain '%s'", word);
    return dom;
}

static bool
domstats_print_record(Shell *sh, const virDomainStatsRecord *rec)
{
    shell_print(sh, "Domain: '%s'\n", virDomainGetName(rec->dom));
    for (int i = 0; i < rec->nparams; i++) {
        char *value = stats_param_value(&rec->params[i]);

        if (!value) {
            shell_error(sh, "unimplemented parameter type %d", rec->params[i].type);
            return false;
        }
        shell_print(sh, "  %s=%s\n", rec->params[i].field, value);
        free(value);
    }
    return true;
}

/* The records for the domains named on the command line, in their order
 * (repeats included). Returns the library's result, or -1 after reporting
 * an unknown domain. */
static int
domstats_listed(Shell *sh, const ShellCmd *cmd, unsigned int stats, unsigned int flags,
                virDomainStatsRecordPtr **ret_records)
{
    virDomainPtr *doms = NULL;
    size_t n = 0;
    int rc = -1;

    for (const ShellArg *a = cmd->args; a; a = a->next) {
        virDomainPtr dom;

        if (strcmp(a->def->name, "domain") != 0)
            continue;
        if (!(dom = stats_domain_by_word(sh, a->data)))
            goto cleanup;
        if (!(doms = realloc(doms, (n + 2) * sizeof(*doms))))
            abort();
        doms[n++] = dom;
        doms[n] = NULL;
    }
    if ((rc = virDomainListGetStats(doms, stats, ret_records, flags)) < 0)
        shell_error_save(sh);

 cleanup:
    for (size_t i = 0; i < n; i++)
        virDomainFree(doms[i]);
    free(doms);
    return rc;
}

static bool
cmd_domstats(Shell *sh, const ShellCmd *cmd)
{
    virDomainStatsRecordPtr *records = NULL;
    unsigned int stats = 0, flags = 0;
    bool ok = true;
    int n;

    for (size_t i = 0; i < N_ELEMS(domstats_groups); i++) {
        if (shell_opt_bool(cmd, domstats_groups[i].opt))
            stats |= domstats_groups[i].bit;
    }
    for (size_t i = 0; i < N_ELEMS(domstats_flags); i++) {
        if (shell_opt_bool(cmd, domstats_flags[i].opt))
            flags |= domstats_flags[i].bit;
    }
    if (shell_opt_bool(cmd, "domain")) {
        n = domstats_listed(sh, cmd, stats, flags, &records);
    } else if ((n = virConnectGetAllDomainStats(sh->conn, stats, &records, flags)) < 0) {
        shell_error_save(sh);
    }
    if (n < 0)
        return false;
    for (virDomainStatsRecordPtr *next = records; ok && next && *next; next++) {
        ok = domstats_print_record(sh, *next);
        if (ok && next[1])
            shell_print(sh, "\n");
    }
    virDomainStatsRecordListFree(records);
    return ok;
}

/* ---- dommemstat ---- */

static const char *const memstat_names[] = {
    [VIR_DOMAIN_MEMORY_STAT_SWAP_IN] = "swap_in",
    [VIR_DOMAIN_MEMORY_STAT_SWAP_OUT] = "swap_out",
    [VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT] = "major_fault",
    [VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT] = "minor_fault",
    [VIR_DOMAIN_MEMORY_STAT_UNUSED] = "unused",
    [VIR_DOMAIN_MEMORY_STAT_AVAILABLE] = "available",
    [VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON] = "actual",
    [VIR_DOMAIN_MEMORY_STAT_RSS] = "rss",
    [VIR_DOMAIN_MEMORY_STAT_USABLE] = "usable",
    [VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE] = "last_update",
    [VIR_DOMAIN_MEMORY_STAT_DISK_CACHES] = "disk_caches",
    [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC] = "hugetlb_pgalloc",
    [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL] = "hugetlb_pgfail",
};

/* Changes the balloon's collection period (dommemstat --period). */
static bool
dommemstat_period(Shell *sh, virDomainPtr dom, long long period, unsigned int flags)
{
    if (period < 0) {
        shell_error(sh, "Invalid collection period value '%lld'", period);
        return false;
    }
    if (virDomainSetMemoryStatsPeriod(dom, (int)period, flags) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to change balloon collection period.");
        return false;
    }
    return true;
}

static bool
cmd_dommemstat(Shell *sh, const ShellCmd *cmd)
{
    virDomainMemoryStatStruct stats[VIR_DOMAIN_MEMORY_STAT_NR];
    bool config = shell_opt_bool(cmd, "config"), live = shell_opt_bool(cmd, "live");
    bool current = shell_opt_bool(cmd, "current");
    unsigned int flags = VIR_DOMAIN_AFFECT_CURRENT;
    const char *name;
    virDomainPtr dom;
    long long period = -1;
    bool ok = true;
    int rc, n;

    if (!shell_exclusive(sh, "current", current, "live", live) ||
        !shell_exclusive(sh, "current", current, "config", config))
        return false;
    if (config)
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (live)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, &name)))
        return false;
    /* with no choice made, a running domain's live settings are meant */
    if (!current && !live && !config && virDomainIsActive(dom) == 1)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    if ((rc = stats_opt_number(sh, cmd, "period", true, &period)) != 0) {
        ok = rc > 0 && dommemstat_period(sh, dom, period, flags);
        virDomainFree(dom);
        return ok;
    }
    if ((n = virDomainMemoryStats(dom, stats, VIR_DOMAIN_MEMORY_STAT_NR, 0)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to get memory statistics for domain %s", name);
        virDomainFree(dom);
        return false;
    }
    for (int i = 0; i < n && i < VIR_DOMAIN_MEMORY_STAT_NR; i++) {
        int tag = stats[i].tag;

        if (tag >= 0 && (size_t)tag < N_ELEMS(memstat_names) && memstat_names[tag])
            shell_print(sh, "%s %llu\n", memstat_names[tag], stats[i].val);
    }
    virDomainFree(dom);
    return true;
}

/* ---- domblkinfo ---- */

/* The three size cells of one disk: "-" for a disk with no sizes at all. */
static void
domblkinfo_cells(const virDomainBlockInfo *info, bool human, char ret_cells[3][64])
{
    const unsigned long long vals[3] = { info->capacity, info->allocation, info->physical };

    for (int i = 0; i < 3; i++) {
        const char *unit;

        if (!info->capacity && !info->allocation && !info->physical) {
            snprintf(ret_cells[i], 64, "-");
        } else if (!human) {
            snprintf(ret_cells[i], 64, "%llu", vals[i]);
        } else {
            double v = shell_pretty_capacity(vals[i], &unit);

            snprintf(ret_cells[i], 64, "%.3lf %s", v, unit);
        }
    }
}

/* One row of domblkinfo --all for the disk at the context node. Returns
 * false (error kept) when its sizes could not be read. */
static bool
domblkinfo_row(Shell *sh, virDomainPtr dom, StatsXml *x, bool active, bool human,
               ShellTable *table)
{
    char *protocol = stats_xml_string(x, "string(./source/@protocol)");
    char *target = stats_xml_string(x, "string(./target/@dev)");
    virDomainBlockInfo info;
    char cells[3][64];
    bool ok = true;

    memset(&info, 0, sizeof(info));
    if (stats_xml_bool(x, "boolean(./source)") &&
        virDomainGetBlockInfo(dom, target, &info, 0) < 0) {
        virErrorPtr err = virGetLastError();

        /* a network disk of an inactive domain has no sizes to tell */
        if (protocol && !active && err && err->code == VIR_ERR_INTERNAL_ERROR &&
            err->domain == VIR_FROM_STORAGE) {
            memset(&info, 0, sizeof(info));
            shell_error_reset(sh);
        } else {
            shell_error_save(sh);
            ok = false;
        }
    }
    if (ok) {
        domblkinfo_cells(&info, human, cells);
        shell_table_add(table, target ? target : "", cells[0], cells[1], cells[2], NULL);
    }
    free(protocol);
    free(target);
    return ok;
}

static bool
domblkinfo_all(Shell *sh, virDomainPtr dom, bool human)
{
    bool active = virDomainIsActive(dom) == 1, ok = true;
    xmlNodePtr *disks = NULL;
    ShellTable *table;
    StatsXml x;
    int n;

    if (!stats_xml_load(sh, dom, 0, &x))
        return false;
    if ((n = stats_xml_nodes(&x, "./devices/disk", &disks)) < 0) {
        stats_xml_free(&x);
        return false;
    }
    table = shell_table_new("Target", "Capacity", "Allocation", "Physical", NULL);
    for (int i = 0; ok && i < n; i++) {
        x.ctxt->node = disks[i];
        ok = domblkinfo_row(sh, dom, &x, active, human, table);
    }
    if (ok)
        shell_table_print(sh, table);
    shell_table_free(table);
    free(disks);
    stats_xml_free(&x);
    return ok;
}

static bool
cmd_domblkinfo(Shell *sh, const ShellCmd *cmd)
{
    bool all = shell_opt_bool(cmd, "all"), human = shell_opt_bool(cmd, "human");
    const char *device = NULL;
    virDomainBlockInfo info;
    char cells[3][64];
    virDomainPtr dom;
    bool ok;

    if (!shell_exclusive(sh, "all", all, "device", shell_opt_bool(cmd, "device")))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (!all && shell_opt_string_quiet(cmd, "device", &device) <= 0) {
        shell_error(sh, "%s", "command 'domblkinfo' requires <device> option");
        virDomainFree(dom);
        return false;
    }
    if (all) {
        ok = domblkinfo_all(sh, dom, human);
        virDomainFree(dom);
        return ok;
    }
    if (virDomainGetBlockInfo(dom, device, &info, 0) < 0) {
        shell_error_save(sh);
        virDomainFree(dom);
        return false;
    }
    domblkinfo_cells(&info, human, cells);
    shell_print(sh, "%-15s %s\n", "Capacity:", cells[0]);
    shell_print(sh, "%-15s %s\n", "Allocation:", cells[1]);
    shell_print(sh, "%-15s %s\n", "Physical:", cells[2]);
    virDomainFree(dom);
    return true;
}

/* ---- domblklist ---- */

/* Reads one PCI address attribute the way libvirt's XML helpers do (any
 * base: "0x1f", "31", "037"). */
static bool
domblklist_pci_attr(xmlNodePtr node, const char *name, unsigned int *ret_value)
{
    xmlChar *text = xmlGetProp(node, (const xmlChar *)name);
    unsigned long v;
    char *end;
    bool ok;

    if (!text) {
        *ret_value = 0;
        return true;
    }
    errno = 0;
    v = strtoul((const char *)text, &end, 0);
    ok = end != (char *)text && !*end && !errno && v <= UINT_MAX &&
         !memchr(text, '-', (size_t)(end - (char *)text));
    xmlFree(text);
    if (ok)
        *ret_value = (unsigned int)v;
    return ok;
}

/* The Source cell of an NVMe disk: "nvme://DDDD:BB:SS.F/namespace". NULL
 * after reporting when the address is missing or invalid. */
static char *
domblklist_nvme_source(Shell *sh, StatsXml *x)
{
    unsigned int dom = 0, bus = 0, slot = 0, fn = 0;
    char *ns = stats_xml_string(x, "string(./source/@namespace)");
    xmlNodePtr *addr = NULL;
    char *ret = NULL;

    if (ns && stats_xml_nodes(x, "./source/address", &addr) > 0 &&
        domblklist_pci_attr(addr[0], "domain", &dom) &&
        domblklist_pci_attr(addr[0], "bus", &bus) &&
        domblklist_pci_attr(addr[0], "slot", &slot) &&
        domblklist_pci_attr(addr[0], "function", &fn) &&
        bus <= 0xff && slot <= 0x1f && fn <= 7 && (dom || bus || slot)) {
        if (asprintf(&ret, "nvme://%04x:%02x:%02x.%u/%s", dom, bus, slot, fn, ns) < 0)
            abort();
    } else {
        shell_error(sh, "%s", "Unable to query NVMe disk address");
    }
    free(addr);
    free(ns);
    return ret;
}

/* One row of domblklist for the disk at the context node; false after
 * reporting. */
static bool
domblklist_row(Shell *sh, StatsXml *x, bool details, ShellTable *table)
{
    char *type = stats_xml_string(x, "string(./@type)");
    char *device = NULL, *target = NULL, *source = NULL;
    bool ok = false;

    if (details) {
        device = stats_xml_string(x, "string(./@device)");
        if (!type || !device) {
            shell_print(sh, "unable to query block list details");
            goto done;
        }
    }
    if (!(target = stats_xml_string(x, "string(./target/@dev)"))) {
        shell_error(sh, "%s", "unable to query block list");
        goto done;
    }
    if (type && strcmp(type, "nvme") == 0) {
        if (!(source = domblklist_nvme_source(sh, x)))
            goto done;
    } else {
        source = stats_xml_string(x, "string(./source/@file|./source/@dev|./source/@dir"
                                     "|./source/@name|./source/@volume|./source/@path)");
    }
    if (details)
        shell_table_add(table, type, device, target, source ? source : "-", NULL);
    else
        shell_table_add(table, target, source ? source : "-", NULL);
    ok = true;

 done:
    free(type);
    free(device);
    free(target);
    free(source);
    return ok;
}

static bool
cmd_domblklist(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = shell_opt_bool(cmd, "inactive") ? VIR_DOMAIN_XML_INACTIVE : 0;
    bool details = shell_opt_bool(cmd, "details"), ok = true;
    xmlNodePtr *disks = NULL;
    ShellTable *table;
    StatsXml x;
    int n;

    if (!stats_xml_load_cmd(sh, cmd, flags, &x))
        return false;
    if ((n = stats_xml_nodes(&x, "./devices/disk", &disks)) < 0) {
        stats_xml_free(&x);
        return false;
    }
    if (details)
        table = shell_table_new("Type", "Device", "Target", "Source", NULL);
    else
        table = shell_table_new("Target", "Source", NULL);
    for (int i = 0; ok && i < n; i++) {
        x.ctxt->node = disks[i];
        ok = domblklist_row(sh, &x, details, table);
    }
    if (ok)
        shell_table_print(sh, table);
    shell_table_free(table);
    free(disks);
    stats_xml_free(&x);
    return ok;
}

/* ---- domiflist ---- */

static bool
cmd_domiflist(Shell *sh, const ShellCmd *cmd)
{
    static const char *const exprs[] = {
        "string(./target/@dev)",
        "string(./@type)",
        "string(./source/@bridge|./source/@dev|./source/@network|./source/@name"
        "|./source/@path)",
        "string(./model/@type)",
        "string(./mac/@address)",
    };
    unsigned int flags = shell_opt_bool(cmd, "inactive") ? VIR_DOMAIN_XML_INACTIVE : 0;
    xmlNodePtr *ifaces = NULL;
    ShellTable *table;
    StatsXml x;
    int n;

    if (!stats_xml_load_cmd(sh, cmd, flags, &x))
        return false;
    if ((n = stats_xml_nodes(&x, "./devices/interface", &ifaces)) < 0) {
        stats_xml_free(&x);
        return false;
    }
    table = shell_table_new("Interface", "Type", "Source", "Model", "MAC", NULL);
    for (int i = 0; i < n; i++) {
        char *cells[N_ELEMS(exprs)];

        x.ctxt->node = ifaces[i];
        for (size_t c = 0; c < N_ELEMS(exprs); c++)
            cells[c] = stats_xml_string(&x, exprs[c]);
        /* the type column has no "-": an interface always has one */
        shell_table_add(table, cells[0] ? cells[0] : "-", cells[1] ? cells[1] : "",
                        cells[2] ? cells[2] : "-", cells[3] ? cells[3] : "-",
                        cells[4] ? cells[4] : "-", NULL);
        for (size_t c = 0; c < N_ELEMS(exprs); c++)
            free(cells[c]);
    }
    shell_table_print(sh, table);
    shell_table_free(table);
    free(ifaces);
    stats_xml_free(&x);
    return true;
}

/* ---- domif-getlink ---- */

/* Parses a MAC address as libvirt does (six groups of one or two hex
 * digits separated by ':', anything up to a blank after the last) and
 * writes its normal form ("aa:0b:..") to @ret_str. */
static bool
getlink_parse_mac(const char *s, char ret_str[18])
{
    unsigned char mac[6];

    for (int i = 0; i < 6; i++) {
        unsigned long v;
        char *end;

        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F')))
            return false;
        errno = 0;
        v = strtoul(s, &end, 16);
        if (end - s < 1 || end - s > 2 || errno || v > 0xff)
            return false;
        mac[i] = (unsigned char)v;
        if (i == 5) {
            if ((unsigned char)*end > ' ')
                return false;
            break;
        }
        if (*end != ':')
            return false;
        s = end + 1;
    }
    snprintf(ret_str, 18, "%02x:%02x:%02x:%02x:%02x:%02x",
             mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
    return true;
}

static bool
cmd_domif_getlink(Shell *sh, const ShellCmd *cmd)
{
    char mac[18] = "", *xpath = NULL, *state;
    xmlNodePtr *ifaces = NULL;
    const char *iface;
    bool ok = false;
    StatsXml x;
    int n;

    if (shell_opt_string(sh, cmd, "interface", &iface) < 0 || !iface)
        return false;
    if (!stats_xml_load_cmd(sh, cmd, shell_opt_bool(cmd, "config") ? VIR_DOMAIN_XML_INACTIVE : 0,
                            &x))
        return false;
    if (!getlink_parse_mac(iface, mac))
        mac[0] = '\0';
    /* virsh's own expression, the user's word included as typed: a word
     * that breaks it finds nothing, after libxml2 has said why */
    if (asprintf(&xpath, "/domain/devices/interface[(mac/@address = '%s') or "
                         "                          (target/@dev = '%s')]", mac, iface) < 0)
        abort();
    if ((n = stats_xml_nodes(&x, xpath, &ifaces)) < 0) {
        shell_error(sh, "%s", "Failed to extract interface information");
    } else if (n < 1) {
        if (mac[0])
            shell_error(sh, "Interface (mac: %s) not found.", mac);
        else
            shell_error(sh, "Interface (dev: %s) not found.", iface);
    } else if (n > 1) {
        shell_error(sh, "%s", "multiple matching interfaces found");
    } else {
        x.ctxt->node = ifaces[0];
        state = stats_xml_string(&x, "string(./link/@state)");
        shell_print(sh, "%s %s", iface, state ? state : "up");
        free(state);
        ok = true;
    }
    free(xpath);
    free(ifaces);
    stats_xml_free(&x);
    return ok;
}

/* ---- domcontrol ---- */

static const char *const control_states[] = {
    [VIR_DOMAIN_CONTROL_OK] = "ok",
    [VIR_DOMAIN_CONTROL_JOB] = "background job",
    [VIR_DOMAIN_CONTROL_OCCUPIED] = "occupied",
    [VIR_DOMAIN_CONTROL_ERROR] = "error",
};

static const char *const control_reasons[] = {
    [VIR_DOMAIN_CONTROL_ERROR_REASON_NONE] = "",
    [VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN] = "unknown",
    [VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR] = "monitor failure",
    [VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL] = "internal (locking) error",
};

static bool
cmd_domcontrol(Shell *sh, const ShellCmd *cmd)
{
    virDomainControlInfo info;
    const char *state;
    virDomainPtr dom;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if (virDomainGetControlInfo(dom, &info, 0) < 0) {
        shell_error_save(sh);
        virDomainFree(dom);
        return false;
    }
    state = info.state < N_ELEMS(control_states) ? control_states[info.state] : "unknown";
    if (info.state != VIR_DOMAIN_CONTROL_OK && info.state != VIR_DOMAIN_CONTROL_ERROR)
        shell_print(sh, "%s (%0.3fs)\n", state, info.stateTime / 1000.0);
    else if (info.state == VIR_DOMAIN_CONTROL_ERROR && info.details > 0)
        shell_print(sh, "%s: %s\n", state,
                    info.details < N_ELEMS(control_reasons) ? control_reasons[info.details]
                                                            : "unknown");
    else
        shell_print(sh, "%s\n", state);
    virDomainFree(dom);
    return true;
}

/* ---- domblkstat ---- */

/* The legacy counters in virsh's order, with their short and long labels. */
static const struct {
    const char *legacy;
    const char *human;
} blkstat_labels[] = {
    { "rd_req", "number of read operations:" },
    { "rd_bytes", "number of bytes read:" },
    { "wr_req", "number of write operations:" },
    { "wr_bytes", "number of bytes written:" },
    { "errs", "error count:" },
};

/* vireo's library has only the fixed-field call, which is what virsh
 * falls back to when the typed-parameter one is not supported (the test
 * driver, and vireod's drivers), so the output is virsh's legacy layout. */
static bool
cmd_domblkstat(Shell *sh, const ShellCmd *cmd)
{
    bool human = shell_opt_bool(cmd, "human");
    virDomainBlockStatsStruct stats;
    const char *name, *device = NULL;
    virDomainPtr dom;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, &name)))
        return false;
    if (shell_opt_string(sh, cmd, "device", &device) < 0) {
        virDomainFree(dom);
        return false;
    }
    if (!device)
        device = "";
    if (virDomainBlockStats(dom, device, &stats, sizeof(stats)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to get block stats %s %s", name, device);
        virDomainFree(dom);
        return false;
    }
    const long long vals[] = { stats.rd_req, stats.rd_bytes, stats.wr_req, stats.wr_bytes,
                               stats.errs };

    if (human) {
        shell_print(sh, "Device: %s\n", device);
        device = "";
    }
    for (size_t i = 0; i < N_ELEMS(vals); i++) {
        if (vals[i] >= 0)
            shell_print(sh, "%s %-*s %lld\n", device, human ? 31 : 0,
                        human ? blkstat_labels[i].human : blkstat_labels[i].legacy, vals[i]);
    }
    virDomainFree(dom);
    return true;
}

/* ---- domifstat ---- */

static bool
cmd_domifstat(Shell *sh, const ShellCmd *cmd)
{
    static const char *const labels[] = { "rx_bytes", "rx_packets", "rx_errs", "rx_drop",
                                          "tx_bytes", "tx_packets", "tx_errs", "tx_drop" };
    virDomainInterfaceStatsStruct stats;
    const char *name, *device;
    virDomainPtr dom;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, &name)))
        return false;
    if (shell_opt_string(sh, cmd, "interface", &device) < 0 || !device) {
        virDomainFree(dom);
        return false;
    }
    if (virDomainInterfaceStats(dom, device, &stats, sizeof(stats)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to get interface stats %s %s", name, device);
        virDomainFree(dom);
        return false;
    }
    const long long vals[] = { stats.rx_bytes, stats.rx_packets, stats.rx_errs, stats.rx_drop,
                               stats.tx_bytes, stats.tx_packets, stats.tx_errs, stats.tx_drop };

    for (size_t i = 0; i < N_ELEMS(vals); i++) {
        if (vals[i] >= 0)
            shell_print(sh, "%s %s %lld\n", device, labels[i], vals[i]);
    }
    virDomainFree(dom);
    return true;
}

/* ---- domifaddr ---- */

static void
domifaddr_print(Shell *sh, const virDomainInterface *iface, bool full)
{
    const char *type = NULL, *name = iface->name ? iface->name : "(null)";

    if (!iface->naddrs) {
        shell_print(sh, " %-10s %-17s    %-12s %s\n", name,
                    iface->hwaddr ? iface->hwaddr : "N/A", "N/A", "N/A");
        return;
    }
    for (unsigned int j = 0; j < iface->naddrs; j++) {
        const virDomainIPAddress *a = &iface->addrs[j];
        char *cell;

        /* an unknown family keeps the previous address's word, as in virsh */
        if (a->type == VIR_IP_ADDR_TYPE_IPV4)
            type = "ipv4";
        else if (a->type == VIR_IP_ADDR_TYPE_IPV6)
            type = "ipv6";
        if (asprintf(&cell, "%-12s %s/%d", type ? type : "(null)",
                     a->addr ? a->addr : "(null)", (int)a->prefix) < 0)
            abort();
        if (full || j == 0)
            shell_print(sh, " %-10s %-17s    %s\n", name,
                        iface->hwaddr ? iface->hwaddr : "", cell);
        else
            shell_print(sh, " %-10s %-17s    %s\n", "-", "-", cell);
        free(cell);
    }
}

static bool
cmd_domifaddr(Shell *sh, const ShellCmd *cmd)
{
    static const char *const sources[] = {
        [VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE] = "lease",
        [VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT] = "agent",
        [VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_ARP] = "arp",
    };
    const char *only = NULL, *source_word = NULL;
    unsigned int source = VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE;
    virDomainInterfacePtr *ifaces = NULL;
    bool full = shell_opt_bool(cmd, "full");
    virDomainPtr dom;
    int n;

    if (shell_opt_string(sh, cmd, "interface", &only) < 0 ||
        shell_opt_string(sh, cmd, "source", &source_word) < 0)
        return false;
    if (source_word) {
        size_t i;

        for (i = 0; i < N_ELEMS(sources) && strcmp(sources[i], source_word) != 0; i++)
            ;
        if (i == N_ELEMS(sources)) {
            shell_error(sh, "Unknown data source '%s'", source_word);
            return false;
        }
        source = (unsigned int)i;
    }
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((n = virDomainInterfaceAddresses(dom, &ifaces, source, 0)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Failed to query for interfaces addresses");
        virDomainFree(dom);
        return false;
    }
    shell_print_extra(sh, " %-10s %-20s %-8s     %s\n%s%s\n", "Name", "MAC address", "Protocol",
                      "Address", "-------------------------------------------------",
                      "------------------------------");
    for (int i = 0; i < n; i++) {
        if (!only || (ifaces[i]->name && strcmp(only, ifaces[i]->name) == 0))
            domifaddr_print(sh, ifaces[i], full);
        virDomainInterfaceFree(ifaces[i]);
    }
    free(ifaces);
    virDomainFree(dom);
    return true;
}

/* ---- domblkerror ---- */

static const char *
blkerror_str(int code)
{
    static const char *const words[] = {
        [VIR_DOMAIN_DISK_ERROR_NONE] = "no error",
        [VIR_DOMAIN_DISK_ERROR_UNSPEC] = "unspecified error",
        [VIR_DOMAIN_DISK_ERROR_NO_SPACE] = "no space",
    };

    return code >= 0 && (size_t)code < N_ELEMS(words) ? words[code] : "unknown error";
}

static bool
cmd_domblkerror(Shell *sh, const ShellCmd *cmd)
{
    virDomainDiskErrorPtr disks = NULL;
    unsigned int ndisks = 0;
    virDomainPtr dom;
    bool ok = false;
    int count;

    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((count = virDomainGetDiskErrors(dom, NULL, 0, 0)) < 0)
        goto cleanup;
    if (count > STATS_DISK_ERRORS_MAX)
        count = STATS_DISK_ERRORS_MAX;
    if (count > 0) {
        ndisks = (unsigned int)count;
        if (!(disks = calloc(ndisks, sizeof(*disks))))
            abort();
        if ((count = virDomainGetDiskErrors(dom, disks, ndisks, 0)) < 0)
            goto cleanup;
    }
    if (count == 0)
        shell_print(sh, "No errors found\n");
    for (int i = 0; i < count && (unsigned int)i < ndisks; i++)
        shell_print(sh, "%s: %s\n", disks[i].disk ? disks[i].disk : "(null)",
                    blkerror_str(disks[i].error));
    ok = true;

 cleanup:
    if (!ok)
        shell_error_save(sh);
    for (unsigned int i = 0; i < ndisks; i++)
        free(disks[i].disk);
    free(disks);
    virDomainFree(dom);
    return ok;
}

/* ---- domtime ---- */

/* Prints a domain's time, in seconds or as "YYYY-MM-DD HH:MM:SS" UTC. */
static void
domtime_print(Shell *sh, long long seconds, bool pretty)
{
    time_t t = (time_t)seconds;
    struct tm tm;
    char buf[64];

    if (!pretty) {
        shell_print(sh, "Time: %lld", seconds);
        return;
    }
    /* glib, which virsh formats with, knows the years 1 to 9999 only */
    if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999 ||
        strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm) == 0)
        shell_print(sh, "Time: %s", "(null)");
    else
        shell_print(sh, "Time: %s", buf);
}

static bool
cmd_domtime(Shell *sh, const ShellCmd *cmd)
{
    bool now = shell_opt_bool(cmd, "now"), pretty = shell_opt_bool(cmd, "pretty");
    bool sync = shell_opt_bool(cmd, "sync"), has_time = shell_opt_bool(cmd, "time");
    unsigned int nseconds = 0;
    long long seconds = 0;
    virDomainPtr dom;
    bool ok = true;
    int rc;

    if (!shell_exclusive(sh, "time", has_time, "now", now) ||
        !shell_exclusive(sh, "time", has_time, "sync", sync) ||
        !shell_exclusive(sh, "now", now, "sync", sync))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, BY_ANY, NULL)))
        return false;
    if ((rc = stats_opt_number(sh, cmd, "time", false, &seconds)) < 0) {
        virDomainFree(dom);
        return false;
    }
    if (rc > 0 || now || sync) {
        if (now && (seconds = (long long)time(NULL)) == -1) {
            shell_error(sh, "%s", "Unable to get current time");
            ok = false;
        } else if (virDomainSetTime(dom, seconds, nseconds, sync ? VIR_DOMAIN_TIME_SYNC : 0) < 0) {
            shell_error_save(sh);
            ok = false;
        }
    } else if (virDomainGetTime(dom, &seconds, &nseconds, 0) < 0) {
        shell_error_save(sh);
        ok = false;
    } else {
        domtime_print(sh, seconds, pretty);
    }
    virDomainFree(dom);
    return ok;
}

/* ---- the table ---- */

static const ShellOptDef opts_domstats[] = {
    OPT_BOOL("state", "report domain state"),
    OPT_BOOL("cpu-total", "report domain physical cpu usage"),
    OPT_BOOL("balloon", "report domain balloon statistics"),
    OPT_BOOL("vcpu", "report domain virtual cpu information"),
    OPT_BOOL("interface", "report domain network interface information"),
    OPT_BOOL("block", "report domain block device statistics"),
    OPT_BOOL("perf", "report domain perf event statistics"),
    OPT_BOOL("iothread", "report domain IOThread information"),
    OPT_BOOL("memory", "report domain memory usage"),
    OPT_BOOL("dirtyrate", "report domain dirty rate information"),
    OPT_BOOL("vm", "report hypervisor-specific statistics"),
    OPT_BOOL("list-active", "list only active domains"),
    OPT_BOOL("list-inactive", "list only inactive domains"),
    OPT_BOOL("list-persistent", "list only persistent domains"),
    OPT_BOOL("list-transient", "list only transient domains"),
    OPT_BOOL("list-running", "list only running domains"),
    OPT_BOOL("list-paused", "list only paused domains"),
    OPT_BOOL("list-shutoff", "list only shutoff domains"),
    OPT_BOOL("list-other", "list only domains in other states"),
    OPT_BOOL("raw", "do not pretty-print the fields"),
    OPT_BOOL("enforce", "enforce requested stats parameters"),
    OPT_BOOL("backing", "add backing chain information to block stats"),
    OPT_BOOL("nowait", "report only stats that are accessible instantly"),
    { "domain", SHELL_OPT_ARGV, 0, "list of domains to get stats for" },
    OPT_END,
};

static const ShellOptDef opts_dommemstat[] = {
    OPT_DOMAIN_FULL,
    { "period", SHELL_OPT_INT, SHELL_OFLAG_REQ_OPT, "period in seconds to set collection" },
    OPT_BOOL("config", "affect next boot"),
    OPT_BOOL("live", "affect running domain"),
    OPT_BOOL("current", "affect current domain"),
    OPT_END,
};

static const ShellOptDef opts_domblkinfo[] = {
    OPT_DOMAIN_FULL,
    { "device", SHELL_OPT_STRING, 0, "block device" },
    OPT_BOOL("human", "Human readable output"),
    OPT_BOOL("all", "display all block devices info"),
    OPT_END,
};

static const ShellOptDef opts_domblklist[] = {
    OPT_DOMAIN_FULL,
    OPT_BOOL("inactive", "get inactive rather than running configuration"),
    OPT_BOOL("details", "additionally display the type and device value"),
    OPT_END,
};

static const ShellOptDef opts_domiflist[] = {
    OPT_DOMAIN_FULL,
    OPT_BOOL("inactive", "get inactive rather than running configuration"),
    OPT_END,
};

static const ShellOptDef opts_domif_getlink[] = {
    OPT_DOMAIN_FULL,
    { "interface", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "interface device (MAC Address)" },
    { "persistent", SHELL_OPT_ALIAS, 0, "config" },
    OPT_BOOL("config", "Get persistent interface state"),
    OPT_END,
};

static const ShellOptDef opts_domain_only[] = {
    OPT_DOMAIN_FULL,
    OPT_END,
};

static const ShellOptDef opts_domblkstat[] = {
    OPT_DOMAIN_FULL,
    { "device", SHELL_OPT_STRING, SHELL_OFLAG_EMPTY_OK, "block device" },
    OPT_BOOL("human", "print a more human readable output"),
    OPT_END,
};

static const ShellOptDef opts_domifstat[] = {
    OPT_DOMAIN_FULL,
    { "interface", SHELL_OPT_DATA, SHELL_OFLAG_REQ,
      "interface device specified by name or MAC Address" },
    OPT_END,
};

static const ShellOptDef opts_domifaddr[] = {
    OPT_DOMAIN_FULL,
    { "interface", SHELL_OPT_STRING, 0, "network interface name" },
    OPT_BOOL("full", "always display names and MACs of interfaces"),
    { "source", SHELL_OPT_STRING, 0, "address source: 'lease', 'agent', or 'arp'" },
    OPT_END,
};

static const ShellOptDef opts_domtime[] = {
    OPT_DOMAIN_FULL,
    OPT_BOOL("now", "set to the time of the host running virsh"),
    OPT_BOOL("pretty", "print domain's time in human readable form"),
    OPT_BOOL("sync", "instead of setting given time, synchronize from domain's RTC"),
    { "time", SHELL_OPT_INT, 0, "time to set" },
    OPT_END,
};

const ShellCmdDef shell_domain_stats_cmds[] = {
    { "domblkerror", cmd_domblkerror, opts_domain_only, "Show errors on block devices",
      "Show block device errors", 0 },
    { "domblkinfo", cmd_domblkinfo, opts_domblkinfo, "domain block device size information",
      "Get block device size info for a domain.", 0 },
    { "domblklist", cmd_domblklist, opts_domblklist, "list all domain blocks",
      "Get the summary of block devices for a domain.", 0 },
    { "domblkstat", cmd_domblkstat, opts_domblkstat, "get device block stats for a domain",
      "Get device block stats for a running domain. See man page or use --human for "
      "explanation of fields", 0 },
    { "domcontrol", cmd_domcontrol, opts_domain_only, "domain control interface state",
      "Returns state of a control interface to the domain.", 0 },
    { "domif-getlink", cmd_domif_getlink, opts_domif_getlink,
      "get link state of a virtual interface", "Get link state of a domain's virtual interface.",
      0 },
    { "domifaddr", cmd_domifaddr, opts_domifaddr,
      "Get network interfaces' addresses for a running domain",
      "Get network interfaces' addresses for a running domain", 0 },
    { "domiflist", cmd_domiflist, opts_domiflist, "list all domain virtual interfaces",
      "Get the summary of virtual interfaces for a domain.", 0 },
    { "domifstat", cmd_domifstat, opts_domifstat, "get network interface stats for a domain",
      "Get network interface stats for a running domain.", 0 },
    { "dommemstat", cmd_dommemstat, opts_dommemstat, "get memory statistics for a domain",
      "Get memory statistics for a running domain.", 0 },
    { "domstats", cmd_domstats, opts_domstats, "get statistics about one or multiple domains",
      "Gets statistics about one or more (or all) domains", 0 },
    { "domtime", cmd_domtime, opts_domtime, "domain time", "Gets or sets the domain's system time",
      0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
