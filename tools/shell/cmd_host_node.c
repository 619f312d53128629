/*
 * cmd_host_node.c: the "Host and Hypervisor" commands about the node and its
 * CPUs: CPU statistics and map, free memory and pages per NUMA cell, the
 * vCPU maximum, domain capabilities, CPU baseline and CPU model names.
 *
 * Several of these read the host capabilities XML to learn the NUMA cells
 * and page sizes, as virsh does, so the same cells are asked about in the
 * same order and the output lines up byte for byte.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "shell.h"

#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_END { NULL, 0, 0, NULL }

/* Gets a signed int option as virsh reads one (base 10, the whole value,
 * leading blanks and a sign allowed). Returns 1 when set, 0 when absent, -1
 * after reporting a malformed or out-of-range value. */
static int
host_opt_int(Shell *sh, const ShellCmd *cmd, const char *name, int *ret_value)
{
    const char *s = NULL;
    char *end;
    long v;

    if (shell_opt_string_quiet(cmd, name, &s) == 0)
        return 0;
    if (!s)
        s = "";
    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < INT_MIN || v > INT_MAX) {
        shell_error(sh, "Numeric value '%s' for <%s> option is malformed or out of range",
                    s, name);
        return -1;
    }
    *ret_value = (int)v;
    return 1;
}

/* ---- XML helpers ---- */

/* Parses XML the library returned, with an XPath context at its root.
 * Returns the document or NULL (nothing reported: callers say why). */
static xmlDocPtr
host_xml_parse(const char *xml, const char *url, xmlXPathContextPtr *ret_ctxt)
{
    xmlXPathContextPtr ctxt;
    xmlDocPtr doc;

    doc = xmlReadDoc((const xmlChar *)xml, url, NULL,
                     XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc || !xmlDocGetRootElement(doc)) {
        xmlFreeDoc(doc);
        return NULL;
    }
    if (!(ctxt = xmlXPathNewContext(doc)))
        abort();
    ctxt->node = xmlDocGetRootElement(doc);
    *ret_ctxt = ctxt;
    return doc;
}

/* The nodes @path selects (count in *ret_n; the object owns them). */
static xmlXPathObjectPtr
host_xml_nodes(xmlXPathContextPtr ctxt, const char *path, int *ret_n)
{
    xmlXPathObjectPtr obj = xmlXPathEval((const xmlChar *)path, ctxt);

    *ret_n = obj && obj->type == XPATH_NODESET && obj->nodesetval
             ? obj->nodesetval->nodeNr : 0;
    return obj;
}

/* Parses the unsigned decimal attribute @attr of @node (no sign, whole
 * value). Returns 0, or -1 with *ret_text set to the raw text (caller frees). */
static int
host_xml_prop_ul(xmlNodePtr node, const char *attr, unsigned long *ret_value,
                 char **ret_text)
{
    char *val = (char *)xmlGetProp(node, (const xmlChar *)attr);
    unsigned long v;
    char *end;

    *ret_text = val;
    if (!val || strchr(val, '-'))
        return -1;
    errno = 0;
    v = strtoul(val, &end, 10);
    if (end == val || *end || errno)
        return -1;
    *ret_value = v;
    return 0;
}

/* libxml2 calls this for each parse error while reading a CPU file; the
 * first fatal one is raised as libvirt's XML error handler words it: the
 * file and line, the message, the offending line and a pointer under it. */
static void
host_xml_error(void *opaque, const char *msg, ...)
{
    xmlParserCtxtPtr ctxt = opaque;
    Shell *sh = ctxt ? ctxt->_private : NULL;
    const xmlChar *cur, *base, *start;
    char *context, *pointer;
    size_t col, len, n;

    (void)msg;
    if (!sh || sh->local_msg || !ctxt->input || ctxt->lastError.level != XML_ERR_FATAL ||
        !ctxt->lastError.message)
        return;
    cur = ctxt->input->cur;
    base = ctxt->input->base;
    while (cur > base && (*cur == '\n' || *cur == '\r'))
        cur--;
    while (cur > base && *cur != '\n' && *cur != '\r')
        cur--;
    if (*cur == '\n' || *cur == '\r')
        cur++;
    col = (size_t)(ctxt->input->cur - cur);
    start = cur;
    while (*cur && *cur != '\n' && *cur != '\r')
        cur++;
    len = (size_t)(cur - start);
    if (!(context = strndup((const char *)start, len)) || !(pointer = malloc(len + 2)))
        abort();
    for (n = 0; n < col && context[n]; n++)
        pointer[n] = context[n] == '\t' ? '\t' : '-';
    pointer[n++] = '^';
    pointer[n] = '\0';
    if (ctxt->lastError.file)
        shell_error_set(sh, VIR_ERR_XML_DETAIL, "%s:%d: %s%s\n%s", ctxt->lastError.file,
                        ctxt->lastError.line, ctxt->lastError.message,
                        len ? context : "(null)", pointer);
    else
        shell_error_set(sh, VIR_ERR_XML_DETAIL, "at line %d: %s%s\n%s",
                        ctxt->lastError.line, ctxt->lastError.message,
                        len ? context : "(null)", pointer);
    free(context);
    free(pointer);
}

/* Reads the CPU definitions in @path: bare <cpu> elements, or the <cpu> of
 * domain XML, of host capabilities or (host-model mode) of domain
 * capabilities. Returns a NULL-terminated array of XML strings (*ret_n
 * entries; caller frees), or NULL after reporting. */
static char **
host_cpu_defs_read(Shell *sh, const char *path, size_t *ret_n)
{
    static const char query[] =
        "/container/cpu|/container/domain/cpu|/container/capabilities/host/cpu|"
        "/container/domainCapabilities/cpu/mode[@name='host-model' and @supported='yes']";
    xmlParserCtxtPtr pctxt;
    xmlXPathContextPtr ctxt;
    xmlXPathObjectPtr obj;
    char *buf, *wrapped, **cpus = NULL;
    const char *body;
    xmlDocPtr doc;
    int n;

    if (!(buf = shell_read_file(sh, path)))
        return NULL;
    body = buf;
    if (strncmp(buf, "<?xml", 5) == 0 && strstr(buf, "?>"))
        body = strstr(buf, "?>") + 2;
    if (asprintf(&wrapped, "<container>%s</container>", body) < 0)
        abort();
    free(buf);

    if (!(pctxt = xmlNewParserCtxt()))
        abort();
    pctxt->_private = sh;
    pctxt->sax->error = host_xml_error;
    shell_error_reset(sh);
    doc = xmlCtxtReadDoc(pctxt, (const xmlChar *)wrapped, path, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOWARNING);
    free(wrapped);
    if (!doc || !xmlDocGetRootElement(doc)) {
        if (!sh->local_msg)
            shell_error_set(sh, VIR_ERR_XML_ERROR, "failed to parse xml document '%s'", path);
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(pctxt);
        return NULL;
    }
    xmlFreeParserCtxt(pctxt);
    if (!(ctxt = xmlXPathNewContext(doc)))
        abort();
    ctxt->node = xmlDocGetRootElement(doc);
    obj = host_xml_nodes(ctxt, query, &n);
    if (n == 0) {
        shell_error(sh, "File '%s' does not contain any <cpu> element or valid domain XML, "
                    "host capabilities XML, or domain capabilities XML", path);
        goto out;
    }
    if (!(cpus = calloc((size_t)n + 1, sizeof(*cpus))))
        abort();
    for (int i = 0; i < n; i++) {
        xmlNodePtr node = obj->nodesetval->nodeTab[i];
        xmlBufferPtr xbuf;

        if (xmlStrEqual(node->name, (const xmlChar *)"mode")) {
            xmlNodeSetName(node, (const xmlChar *)"cpu");
            while (node->properties)
                xmlRemoveProp(node->properties);
        }
        if (!(xbuf = xmlBufferCreate()))
            abort();
        xmlNodeDump(xbuf, doc, node, 0, 1);
        if (!(cpus[i] = strdup((const char *)xmlBufferContent(xbuf))))
            abort();
        xmlBufferFree(xbuf);
    }
    *ret_n = (size_t)n;

 out:
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return cpus;
}

static void
host_strv_free(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* ---- commands ---- */

static bool
cmd_cpu_baseline(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = 0;
    const char *from = NULL;
    char **cpus, *result;
    size_t n = 0;

    if (shell_opt_bool(cmd, "features"))
        flags |= VIR_CONNECT_BASELINE_CPU_EXPAND_FEATURES;
    if (shell_opt_bool(cmd, "migratable"))
        flags |= VIR_CONNECT_BASELINE_CPU_MIGRATABLE;
    if (shell_opt_string(sh, cmd, "file", &from) < 0)
        return false;
    if (!(cpus = host_cpu_defs_read(sh, from, &n)))
        return false;
    result = virConnectBaselineCPU(sh->conn, (const char **)cpus, (unsigned int)n, flags);
    host_strv_free(cpus);
    if (!result)
        return false;
    shell_print(sh, "%s", result);
    free(result);
    return true;
}

static bool
cmd_cpu_models(Shell *sh, const ShellCmd *cmd)
{
    const char *arch = NULL;
    char **models = NULL;
    int n;

    if (shell_opt_string(sh, cmd, "arch", &arch) < 0)
        return false;
    if ((n = virConnectGetCPUModelNames(sh->conn, arch, &models, 0)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "failed to get CPU model names");
        return false;
    }
    if (n == 0)
        shell_print_extra(sh, "%s\n", "all CPU models are accepted");
    for (int i = 0; i < n; i++) {
        shell_print(sh, "%s\n", models[i]);
        free(models[i]);
    }
    free(models);
    return true;
}

static bool
cmd_domcapabilities(Shell *sh, const ShellCmd *cmd)
{
    const char *virttype = NULL, *emulatorbin = NULL, *arch = NULL, *machine = NULL;
    char *caps;

    if (shell_opt_string(sh, cmd, "virttype", &virttype) < 0 ||
        shell_opt_string(sh, cmd, "emulatorbin", &emulatorbin) < 0 ||
        shell_opt_string(sh, cmd, "arch", &arch) < 0 ||
        shell_opt_string(sh, cmd, "machine", &machine) < 0)
        return false;
    if (!(caps = virConnectGetDomainCapabilities(sh->conn, emulatorbin, arch, machine,
                                                 virttype, 0))) {
        shell_error_save(sh);
        shell_error(sh, "%s", "failed to get emulator capabilities");
        return false;
    }
    shell_print(sh, "%s\n", caps);
    free(caps);
    return true;
}

/* The host capabilities, parsed; NULL after printing @what. */
static xmlDocPtr
host_caps_parse(Shell *sh, const char *get_failed, const char *parse_failed,
                xmlXPathContextPtr *ret_ctxt)
{
    xmlDocPtr doc;
    char *xml;

    if (!(xml = virConnectGetCapabilities(sh->conn))) {
        shell_error_save(sh);
        shell_error(sh, "%s", get_failed);
        return NULL;
    }
    doc = host_xml_parse(xml, "capabilities", ret_ctxt);
    free(xml);
    if (!doc)
        shell_error(sh, "%s", parse_failed);
    return doc;
}

/* freecell --all: every cell of the host topology, then the total. */
static bool
host_freecell_all(Shell *sh)
{
    unsigned long long *free_mem = NULL, total = 0;
    unsigned long *ids = NULL;
    xmlXPathContextPtr ctxt = NULL;
    xmlXPathObjectPtr obj;
    bool ok = false;
    xmlDocPtr doc;
    int n;

    if (!(doc = host_caps_parse(sh, "unable to get node capabilities",
                                "unable to get node capabilities", &ctxt)))
        return false;
    obj = host_xml_nodes(ctxt, "/capabilities/host/topology/cells/cell", &n);
    if (!(free_mem = calloc((size_t)n + 1, sizeof(*free_mem))) ||
        !(ids = calloc((size_t)n + 1, sizeof(*ids))))
        abort();
    for (int i = 0; i < n; i++) {
        char *text;

        if (host_xml_prop_ul(obj->nodesetval->nodeTab[i], "id", &ids[i], &text) < 0) {
            xmlFree(text);
            shell_error(sh, "%s", "conversion from string failed");
            goto out;
        }
        xmlFree(text);
        if (virNodeGetCellsFreeMemory(sh->conn, &free_mem[i], (int)ids[i], 1) != 1) {
            shell_error_save(sh);
            shell_error(sh, "failed to get free memory for NUMA node number: %lu", ids[i]);
            goto out;
        }
    }
    for (int i = 0; i < n; i++) {
        shell_print(sh, "%5lu: %10llu KiB\n", ids[i], free_mem[i] / 1024);
        total += free_mem[i];
    }
    shell_print_extra(sh, "--------------------\n");
    shell_print_extra(sh, "%5s: %10llu KiB\n", "Total", total / 1024);
    ok = true;

 out:
    free(free_mem);
    free(ids);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return ok;
}

static bool
cmd_freecell(Shell *sh, const ShellCmd *cmd)
{
    bool all = shell_opt_bool(cmd, "all"), cellno = shell_opt_bool(cmd, "cellno");
    unsigned long long mem = 0;
    int cell = -1;

    if (!shell_exclusive(sh, "all", all, "cellno", cellno))
        return false;
    if (cellno && host_opt_int(sh, cmd, "cellno", &cell) < 0)
        return false;
    if (all)
        return host_freecell_all(sh);
    if (cellno) {
        if (virNodeGetCellsFreeMemory(sh->conn, &mem, cell, 1) != 1)
            return false;
        shell_print(sh, "%d: %llu KiB\n", cell, mem / 1024);
        return true;
    }
    if ((mem = virNodeGetFreeMemory(sh->conn)) == 0)
        return false;
    shell_print(sh, "%s: %llu KiB\n", "Total", mem / 1024);
    return true;
}

static int
host_uint_cmp(const void *a, const void *b)
{
    unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

    return x < y ? -1 : x > y;
}

/* The page sizes the host offers (KiB, sorted, each once), in *ret_sizes.
 * Returns how many, or -1 after reporting. */
static int
host_page_sizes(Shell *sh, xmlXPathContextPtr ctxt, unsigned int **ret_sizes)
{
    xmlXPathObjectPtr obj;
    unsigned int *sizes;
    int n, kept = 0;

    obj = host_xml_nodes(ctxt, "/capabilities/host/cpu/pages", &n);
    if (n <= 0) {
        /* some drivers only list the sizes per cell */
        xmlXPathFreeObject(obj);
        obj = host_xml_nodes(ctxt, "/capabilities/host/topology/cells/cell/pages", &n);
        if (n <= 0) {
            xmlXPathFreeObject(obj);
            shell_error(sh, "%s", "could not get information about supported page sizes");
            return -1;
        }
    }
    if (!(sizes = calloc((size_t)n, sizeof(*sizes))))
        abort();
    for (int i = 0; i < n; i++) {
        unsigned long v;
        char *text;

        if (host_xml_prop_ul(obj->nodesetval->nodeTab[i], "size", &v, &text) < 0 ||
            v > UINT_MAX) {
            shell_error(sh, "unable to parse page size: %s", text ? text : "(null)");
            xmlFree(text);
            free(sizes);
            xmlXPathFreeObject(obj);
            return -1;
        }
        xmlFree(text);
        sizes[i] = (unsigned int)v;
    }
    xmlXPathFreeObject(obj);
    qsort(sizes, (size_t)n, sizeof(*sizes), host_uint_cmp);
    for (int i = 0; i < n; i++) {
        if (kept == 0 || sizes[kept - 1] != sizes[i])
            sizes[kept++] = sizes[i];
    }
    *ret_sizes = sizes;
    return kept;
}

/* freepages --all: the free pages of each size in each cell. */
static bool
host_freepages_all(Shell *sh, bool pagesz, unsigned int kibibytes)
{
    unsigned long long *counts = NULL;
    xmlXPathContextPtr ctxt = NULL;
    xmlXPathObjectPtr obj = NULL;
    unsigned int *sizes = NULL;
    bool ok = false;
    xmlDocPtr doc;
    int npages, n;

    if (!(doc = host_caps_parse(sh, "unable to get node capabilities",
                                "unable to parse node capabilities", &ctxt)))
        return false;
    if (pagesz) {
        if (!(sizes = malloc(sizeof(*sizes))))
            abort();
        sizes[0] = kibibytes;
        npages = 1;
    } else if ((npages = host_page_sizes(sh, ctxt, &sizes)) < 0) {
        goto out;
    }
    if (!(counts = calloc((size_t)npages, sizeof(*counts))))
        abort();
    obj = host_xml_nodes(ctxt, "/capabilities/host/topology/cells/cell", &n);
    for (int i = 0; i < n; i++) {
        char *val = (char *)xmlGetProp(obj->nodesetval->nodeTab[i], (const xmlChar *)"id");
        char *end = NULL;
        long cell = 0;

        errno = 0;
        if (val)
            cell = strtol(val, &end, 10);
        if (!val || end == val || *end || errno || cell < INT_MIN || cell > INT_MAX) {
            shell_error(sh, "unable to parse numa node id: %s", val ? val : "(null)");
            xmlFree(val);
            goto out;
        }
        xmlFree(val);
        if (virNodeGetFreePages(sh->conn, (unsigned int)npages, sizes, (int)cell, 1,
                                counts, 0) < 0)
            goto out;
        shell_print(sh, "Node %d:\n", (int)cell);
        for (int j = 0; j < npages; j++)
            shell_print(sh, "%uKiB: %lld\n", sizes[j], (long long)counts[j]);
        shell_print(sh, "%c", '\n');
    }
    ok = true;

 out:
    free(counts);
    free(sizes);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return ok;
}

static bool
cmd_freepages(Shell *sh, const ShellCmd *cmd)
{
    bool all = shell_opt_bool(cmd, "all"), cellno = shell_opt_bool(cmd, "cellno");
    bool pagesz = shell_opt_bool(cmd, "pagesize");
    unsigned long long bytes = 0, count = 0;
    unsigned int kibibytes;
    int cell = 0;

    if (!shell_exclusive(sh, "all", all, "cellno", cellno))
        return false;
    if (shell_opt_scaled(sh, cmd, "pagesize", 1024, UINT_MAX, &bytes) < 0)
        return false;
    kibibytes = (unsigned int)((bytes + 1023) / 1024);
    if (all)
        return host_freepages_all(sh, pagesz, kibibytes);
    if (!cellno) {
        shell_error(sh, "%s", "missing cellno argument");
        return false;
    }
    if (host_opt_int(sh, cmd, "cellno", &cell) < 0)
        return false;
    if (cell < -1) {
        shell_error(sh, "%s", "cell number must be non-negative integer or -1");
        return false;
    }
    if (!pagesz) {
        shell_error(sh, "%s", "missing pagesize argument");
        return false;
    }
    if (virNodeGetFreePages(sh->conn, 1, &kibibytes, cell, 1, &count, 0) < 0)
        return false;
    shell_print(sh, "%uKiB: %lld\n", kibibytes, (long long)count);
    return true;
}

static bool
cmd_maxvcpus(Shell *sh, const ShellCmd *cmd)
{
    const char *type = NULL;
    int vcpus = -1;
    char *caps;

    if (shell_opt_string(sh, cmd, "type", &type) < 0)
        return false;
    if ((caps = virConnectGetDomainCapabilities(sh->conn, NULL, NULL, NULL, type, 0))) {
        xmlXPathContextPtr ctxt = NULL;
        xmlXPathObjectPtr obj;
        xmlDocPtr doc = host_xml_parse(caps, "(domainCapabilities)", &ctxt);

        free(caps);
        if (!doc) {
            shell_error_set(sh, VIR_ERR_XML_ERROR, "%s", "failed to parse xml document");
            return false;
        }
        obj = xmlXPathEval((const xmlChar *)"string(./vcpu[1]/@max)", ctxt);
        if (obj && obj->type == XPATH_STRING && obj->stringval && *obj->stringval) {
            char *end;
            long v;

            errno = 0;
            v = strtol((const char *)obj->stringval, &end, 10);
            if (!*end && !errno && v >= INT_MIN && v <= INT_MAX)
                vcpus = (int)v;
        }
        xmlXPathFreeObject(obj);
        xmlXPathFreeContext(ctxt);
        xmlFreeDoc(doc);
    } else {
        shell_error_reset(sh);
    }
    if (vcpus < 0 && (vcpus = virConnectGetMaxVcpus(sh->conn, type)) < 0)
        return false;
    shell_print(sh, "%d\n", vcpus);
    return true;
}

static bool
cmd_nodecpumap(Shell *sh, const ShellCmd *cmd)
{
    unsigned char *map = NULL;
    unsigned int online = 0;
    int n;

    if ((n = virNodeGetCPUMap(sh->conn, &map, &online, 0)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to get cpu map");
        return false;
    }
    shell_print(sh, "%-15s %d\n", "CPUs present:", n);
    shell_print(sh, "%-15s %d\n", "CPUs online:", (int)online);
    shell_print(sh, "%-15s ", "CPU map:");
    if (shell_opt_bool(cmd, "pretty")) {
        /* ranges of set bits: "0-3,6,8-9" */
        bool first = true;

        for (int i = 0; i < n; i++) {
            int j = i;

            if (!VIR_CPU_USED(map, i))
                continue;
            while (j + 1 < n && VIR_CPU_USED(map, j + 1))
                j++;
            if (j == i)
                shell_print(sh, "%s%d", first ? "" : ",", i);
            else
                shell_print(sh, "%s%d-%d", first ? "" : ",", i, j);
            first = false;
            i = j;
        }
    } else {
        for (int i = 0; i < n; i++)
            shell_print(sh, "%c", VIR_CPU_USED(map, i) ? 'y' : '-');
    }
    shell_print(sh, "\n");
    free(map);
    return true;
}

enum { HOST_CPU_USER, HOST_CPU_SYSTEM, HOST_CPU_IDLE, HOST_CPU_IOWAIT, HOST_CPU_INTR,
       HOST_CPU_USAGE, HOST_CPU_LAST };

static const struct {
    const char *field;
    const char *label;
} host_cpu_fields[HOST_CPU_LAST] = {
    [HOST_CPU_USER] = { VIR_NODE_CPU_STATS_USER, "user:" },
    [HOST_CPU_SYSTEM] = { VIR_NODE_CPU_STATS_KERNEL, "system:" },
    [HOST_CPU_IDLE] = { VIR_NODE_CPU_STATS_IDLE, "idle:" },
    [HOST_CPU_IOWAIT] = { VIR_NODE_CPU_STATS_IOWAIT, "iowait:" },
    [HOST_CPU_INTR] = { VIR_NODE_CPU_STATS_INTR, "intr:" },
    [HOST_CPU_USAGE] = { VIR_NODE_CPU_STATS_UTILIZATION, "usage:" },
};

static int
host_cpu_field(const char *name)
{
    for (int i = 0; i < HOST_CPU_LAST; i++) {
        if (strcmp(host_cpu_fields[i].field, name) == 0)
            return i;
    }
    return -1;
}

static void
host_cpu_print_percent(Shell *sh, const unsigned long long *stats, const bool *present)
{
    double usage, total = 0;

    if (present[HOST_CPU_USAGE]) {
        shell_print(sh, "%-15s %5.1llu%%\n", "usage:", stats[HOST_CPU_USAGE]);
        shell_print(sh, "%-15s %5.1llu%%\n", "idle:", 100 - stats[HOST_CPU_USAGE]);
        return;
    }
    for (int i = 0; i < HOST_CPU_USAGE; i++)
        total += (double)stats[i];
    usage = (double)(stats[HOST_CPU_USER] + stats[HOST_CPU_SYSTEM]) / total * 100;
    shell_print(sh, "%-15s %5.1lf%%\n", "usage:", usage);
    for (int i = 0; i < HOST_CPU_USAGE; i++) {
        if (present[i])
            shell_print(sh, "%-15s %5.1lf%%\n", host_cpu_fields[i].label,
                        (double)stats[i] / total * 100);
    }
}

static bool
cmd_nodecpustats(Shell *sh, const ShellCmd *cmd)
{
    bool percent = shell_opt_bool(cmd, "percent");
    unsigned long long stats[HOST_CPU_LAST] = { 0 };
    bool present[HOST_CPU_LAST] = { false };
    int cpu = VIR_NODE_CPU_STATS_ALL_CPUS, nparams = 0;
    virNodeCPUStatsPtr params;

    if (host_opt_int(sh, cmd, "cpu", &cpu) < 0)
        return false;
    if (virNodeGetCPUStats(sh->conn, cpu, NULL, &nparams, 0) != 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Unable to get number of cpu stats");
        return false;
    }
    if (nparams <= 0)
        return true;
    if (!(params = calloc((size_t)nparams, sizeof(*params))))
        abort();
    for (int round = 0; round < 2; round++) {
        if (virNodeGetCPUStats(sh->conn, cpu, params, &nparams, 0) != 0) {
            shell_error_save(sh);
            shell_error(sh, "%s", "Unable to get node cpu stats");
            free(params);
            return false;
        }
        for (int j = 0; j < nparams; j++) {
            int f = host_cpu_field(params[j].field);

            if (f < 0)
                continue;
            if (round == 0) {
                stats[f] = params[j].value;
                present[f] = true;
            } else if (present[f]) {
                stats[f] = params[j].value - stats[f];
            }
        }
        if (present[HOST_CPU_USAGE] || !percent)
            break;
        sleep(1);
    }
    free(params);
    if (percent) {
        host_cpu_print_percent(sh, stats, present);
        return true;
    }
    for (int i = 0; i < HOST_CPU_USAGE; i++) {
        if (present[i])
            shell_print(sh, "%-15s %20llu\n", host_cpu_fields[i].label, stats[i]);
    }
    return true;
}

static const ShellOptDef opts_cpu_baseline[] = {
    { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "file containing XML CPU descriptions" },
    OPT_BOOL("features", "Show features that are part of the CPU model type"),
    OPT_BOOL("migratable", "Do not include features that block migration"),
    OPT_END,
};

static const ShellOptDef opts_cpu_models[] = {
    { "arch", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "architecture" },
    OPT_END,
};

static const ShellOptDef opts_domcapabilities[] = {
    { "virttype", SHELL_OPT_STRING, 0, "virtualization type (/domain/@type)" },
    { "emulatorbin", SHELL_OPT_STRING, 0, "path to emulator binary (/domain/devices/emulator)" },
    { "arch", SHELL_OPT_STRING, 0, "domain architecture (/domain/os/type/@arch)" },
    { "machine", SHELL_OPT_STRING, 0, "machine type (/domain/os/type/@machine)" },
    OPT_END,
};

static const ShellOptDef opts_freecell[] = {
    { "cellno", SHELL_OPT_INT, 0, "NUMA cell number" },
    OPT_BOOL("all", "show free memory for all NUMA cells"),
    OPT_END,
};

static const ShellOptDef opts_freepages[] = {
    { "cellno", SHELL_OPT_INT, 0, "NUMA cell number" },
    { "pagesize", SHELL_OPT_INT, 0, "page size (in kibibytes)" },
    OPT_BOOL("all", "show free pages for all NUMA cells"),
    OPT_END,
};

static const ShellOptDef opts_maxvcpus[] = {
    { "type", SHELL_OPT_STRING, 0, "domain type" },
    OPT_END,
};

static const ShellOptDef opts_nodecpumap[] = {
    OPT_BOOL("pretty", "return human readable output"),
    OPT_END,
};

static const ShellOptDef opts_nodecpustats[] = {
    { "cpu", SHELL_OPT_INT, 0, "prints specified cpu statistics only." },
    OPT_BOOL("percent", "prints by percentage during 1 second."),
    OPT_END,
};

const ShellCmdDef shell_host_node_cmds[] = {
    { "cpu-baseline", cmd_cpu_baseline, opts_cpu_baseline, "compute baseline CPU",
      "Compute baseline CPU for a set of given CPUs.", 0 },
    { "cpu-models", cmd_cpu_models, opts_cpu_models, "CPU models",
      "Get the CPU models for an arch.", 0 },
    { "domcapabilities", cmd_domcapabilities, opts_domcapabilities, "domain capabilities",
      "Returns capabilities of emulator with respect to host and libvirt.", 0 },
    { "freecell", cmd_freecell, opts_freecell, "NUMA free memory",
      "display available free memory for the NUMA cell.", 0 },
    { "freepages", cmd_freepages, opts_freepages, "NUMA free pages",
      "display available free pages for the NUMA cell.", 0 },
    { "maxvcpus", cmd_maxvcpus, opts_maxvcpus, "connection vcpu maximum",
      "Show maximum number of virtual CPUs for guests on this connection.", 0 },
    { "nodecpumap", cmd_nodecpumap, opts_nodecpumap, "node cpu map",
      "Displays the node's total number of CPUs, the number of online CPUs and the list of "
      "online CPUs.", 0 },
    { "nodecpustats", cmd_nodecpustats, opts_nodecpustats, "Prints cpu stats of the node.",
      "Returns cpu stats of the node, in nanoseconds.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
