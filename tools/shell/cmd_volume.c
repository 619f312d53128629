/*
 * cmd_volume.c: the "Storage Volume" commands: listing and inspecting
 * volumes, creating, cloning and deleting them, and moving their bytes with
 * vol-upload / vol-download.
 *
 * A volume is named as virsh names it: by name when a pool is given, else
 * (or when that fails) by key, then by path. The lookup and every message
 * follow virsh 9.0, including which word a message quotes (the volume as
 * typed, not its resolved name) and whether the library's reason follows.
 *
 * vol-resize and vol-wipe are not here: libvireo has no virStorageVolResize,
 * virStorageVolWipe or virStorageVolWipePattern yet, and a command that
 * cannot do its job is not offered. For the same reason vol-info --physical
 * (virStorageVolGetInfoFlags) answers VIR_ERR_NO_SUPPORT.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "shell.h"

#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_DATA(name, help) { name, SHELL_OPT_DATA, SHELL_OFLAG_REQ, help }
#define OPT_STRING(name, help) { name, SHELL_OPT_STRING, 0, help }
#define OPT_INT(name, help) { name, SHELL_OPT_INT, 0, help }
#define OPT_POOL_OPTIONAL OPT_STRING("pool", "pool name or uuid")
#define OPT_PREALLOC \
    OPT_BOOL("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)")
#define OPT_END { NULL, 0, 0, NULL }

#define UUID_STRING_LEN (VIR_UUID_STRING_BUFLEN - 1)

/* ---- looking volumes up ---- */

/* Which ways a volume word may be resolved. */
enum {
    VOLUME_BY_NAME = 1 << 0,     /* by name inside the given pool */
    VOLUME_BY_KEY_PATH = 1 << 1, /* by key, then by path, anywhere */
};

/* A pool by UUID (when the word has a UUID's length), then by name. Returns
 * an owned handle, or NULL after reporting (the library's reason kept). */
static virStoragePoolPtr
volume_pool_find(Shell *sh, const char *word)
{
    virStoragePoolPtr pool = NULL;

    if (strlen(word) == UUID_STRING_LEN)
        pool = virStoragePoolLookupByUUIDString(sh->conn, word);
    if (!pool)
        pool = virStoragePoolLookupByName(sh->conn, word);
    if (!pool)
        shell_error(sh, "failed to get pool '%s'", word);
    return pool;
}

/* Unless the found volume lives in @pool, drops it with virsh's message. */
static virStorageVolPtr
volume_check_pool(Shell *sh, virStorageVolPtr vol, virStoragePoolPtr pool, const char *word)
{
    virStoragePoolPtr owner = virStoragePoolLookupByVolume(vol);

    if (!owner)
        return vol;
    if (strcmp(virStoragePoolGetName(owner), virStoragePoolGetName(pool)) != 0) {
        shell_error_reset(sh);
        shell_error(sh, "Requested volume '%s' is not in pool '%s'", word,
                    virStoragePoolGetName(pool));
        virStorageVolFree(vol);
        vol = NULL;
    }
    virStoragePoolFree(owner);
    return vol;
}

/* Resolves the command's "vol" option. @pool_opt names the option holding
 * the pool (NULL: the command has none); a given pool must be active. The
 * ways tried are @by (VOLUME_BY_*). Returns an owned handle, or NULL after
 * reporting. *ret_word (optional) gets the volume word as typed. */
static virStorageVolPtr
volume_lookup(Shell *sh, const ShellCmd *cmd, const char *pool_opt, unsigned int by,
              const char **ret_word)
{
    virStoragePoolPtr pool = NULL;
    virStorageVolPtr vol = NULL;
    const char *word, *pool_word = NULL;

    if (shell_opt_string(sh, cmd, "vol", &word) < 0 || !word)
        return NULL;
    if (pool_opt && shell_opt_string(sh, cmd, pool_opt, &pool_word) < 0)
        return NULL;
    if (pool_word) {
        if (!(pool = volume_pool_find(sh, pool_word)))
            return NULL;
        if (virStoragePoolIsActive(pool) != 1) {
            shell_error(sh, "pool '%s' is not active", pool_word);
            virStoragePoolFree(pool);
            return NULL;
        }
    }
    if (pool && (by & VOLUME_BY_NAME))
        vol = virStorageVolLookupByName(pool, word);
    if (!vol && (by & VOLUME_BY_KEY_PATH))
        vol = virStorageVolLookupByKey(sh->conn, word);
    if (!vol && (by & VOLUME_BY_KEY_PATH))
        vol = virStorageVolLookupByPath(sh->conn, word);

    if (!vol && (pool || !pool_opt))
        shell_error(sh, "failed to get vol '%s'", word);
    else if (!vol)
        shell_error(sh, "failed to get vol '%s', specifying --%s might help", word, pool_opt);
    else
        shell_error_reset(sh);
    if (vol && pool)
        vol = volume_check_pool(sh, vol, pool, word);
    if (pool)
        virStoragePoolFree(pool);
    if (vol && ret_word)
        *ret_word = word;
    return vol;
}

/* ---- sizes and numbers ---- */

/* Parses "<digits>[suffix]" into bytes as virsh does for volume sizes:
 * no '-' anywhere in the number, a suffix as libvirt's scaler reads it
 * (b/bytes, k/KiB = 1024, KB = 1000, ... up to E), no suffix meaning bytes.
 * A bad suffix or an overflow raises libvirt's error (printed after the
 * caller's own message); returns -1 then or for a malformed number. */
static int
volume_parse_size(Shell *sh, const char *text, unsigned long long *ret_bytes)
{
    static const char units[] = "kmgtpe";
    unsigned long long value, scale = 1, base;
    const char *unit;
    char *end;

    errno = 0;
    value = strtoull(text, &end, 10);
    if (end == text || errno || memchr(text, '-', (size_t)(end - text)))
        return -1;
    if (!*end || !strcasecmp(end, "b") || !strcasecmp(end, "byte") ||
        !strcasecmp(end, "bytes")) {
        /* bytes */
    } else {
        if (!end[1] || !strcasecmp(end + 1, "iB"))
            base = 1024;
        else if ((end[1] == 'b' || end[1] == 'B') && !end[2])
            base = 1000;
        else
            goto unknown;
        if (!(unit = strchr(units, tolower((unsigned char)end[0]))))
            goto unknown;
        for (const char *p = units; p <= unit; p++)
            scale *= base;
    }
    if (value && value > ULLONG_MAX / scale) {
        shell_error_set(sh, VIR_ERR_OVERFLOW, "value too large: %llu%s", value, end);
        return -1;
    }
    *ret_bytes = value * scale;
    return 0;

 unknown:
    shell_error_set(sh, VIR_ERR_INVALID_ARG, "unknown suffix '%s'", end);
    return -1;
}

/* Gets an INT option as an unsigned long long the way virsh does: @wrap
 * lets "-1" stand for the largest value. Returns 1 when set, 0 when
 * absent, -1 after reporting a malformed value. */
static int
volume_opt_ull(Shell *sh, const ShellCmd *cmd, const char *name, bool wrap,
               unsigned long long *ret_value)
{
    const char *text = "";
    unsigned long long v;
    char *end;
    int rc = shell_opt_string_quiet(cmd, name, &text);

    if (rc == 0)
        return 0;
    errno = 0;
    v = strtoull(text, &end, 10);
    if (end == text || *end || errno || (!wrap && strchr(text, '-'))) {
        shell_error(sh, "Numeric value '%s' for <%s> option is malformed or out of range", text,
                    name);
        return -1;
    }
    *ret_value = v;
    return 1;
}

/* ---- vol-list, vol-info, vol-dumpxml, vol-key, vol-name, vol-path, vol-pool ---- */

static const char *const volume_type_names[] = {
    "file", "block", "dir", "network", "netdir", "ploop",
};

static const char *
volume_type_str(int type)
{
    if (type < 0 || (size_t)type >= sizeof(volume_type_names) / sizeof(volume_type_names[0]))
        return "unknown";
    return volume_type_names[type];
}

static void
volume_size_text(char *buf, size_t len, unsigned long long v)
{
    const char *unit;
    double val = shell_pretty_capacity(v, &unit);

    snprintf(buf, len, "%.2lf %s", val, unit);
}

static int
volume_sort(const void *a, const void *b)
{
    return strcasecmp(virStorageVolGetName(*(virStorageVolPtr const *)a),
                      virStorageVolGetName(*(virStorageVolPtr const *)b));
}

/* What vol-list shows of one volume; "unknown" where the library failed. */
typedef struct ShellVolumeRow {
    char *path; /* owned */
    char type[16];
    char capacity[32];
    char allocation[32];
} ShellVolumeRow;

static void
volume_row_collect(virStorageVolPtr vol, bool details, ShellVolumeRow *row)
{
    virStorageVolInfo info;

    if (!(row->path = virStorageVolGetPath(vol)) && !(row->path = strdup("unknown")))
        abort();
    if (!details)
        return;
    if (virStorageVolGetInfo(vol, &info) != 0) {
        snprintf(row->type, sizeof(row->type), "unknown");
        snprintf(row->capacity, sizeof(row->capacity), "unknown");
        snprintf(row->allocation, sizeof(row->allocation), "unknown");
        return;
    }
    snprintf(row->type, sizeof(row->type), "%s", volume_type_str(info.type));
    volume_size_text(row->capacity, sizeof(row->capacity), info.capacity);
    volume_size_text(row->allocation, sizeof(row->allocation), info.allocation);
}

static bool
cmd_vol_list(Shell *sh, const ShellCmd *cmd)
{
    bool details = shell_opt_bool(cmd, "details");
    virStorageVolPtr *vols = NULL;
    virStoragePoolPtr pool;
    ShellTable *table;
    ShellVolumeRow *rows;
    int n;

    if (!(pool = shell_pool_lookup(sh, cmd, NULL)))
        return false;
    if ((n = virStoragePoolListAllVolumes(pool, &vols, 0)) < 0) {
        shell_error(sh, "%s", "Failed to list volumes");
        virStoragePoolFree(pool);
        return false;
    }
    if (n > 0)
        qsort(vols, (size_t)n, sizeof(*vols), volume_sort);
    if (!(rows = calloc((size_t)n + 1, sizeof(*rows))))
        abort();
    for (int i = 0; i < n; i++)
        volume_row_collect(vols[i], details, &rows[i]);
    if (details)
        table = shell_table_new("Name", "Path", "Type", "Capacity", "Allocation", NULL);
    else
        table = shell_table_new("Name", "Path", NULL);
    for (int i = 0; i < n; i++) {
        if (details)
            shell_table_add(table, virStorageVolGetName(vols[i]), rows[i].path, rows[i].type,
                            rows[i].capacity, rows[i].allocation, NULL);
        else
            shell_table_add(table, virStorageVolGetName(vols[i]), rows[i].path, NULL);
    }
    shell_table_print(sh, table);
    shell_table_free(table);
    for (int i = 0; i < n; i++) {
        free(rows[i].path);
        virStorageVolFree(vols[i]);
    }
    free(rows);
    free(vols);
    virStoragePoolFree(pool);
    return true;
}

static void
volume_info_size(Shell *sh, const char *label, unsigned long long v, bool bytes)
{
    const char *unit;
    double val;

    if (bytes) {
        shell_print(sh, "%-15s %llu %s\n", label, v, "bytes");
        return;
    }
    val = shell_pretty_capacity(v, &unit);
    shell_print(sh, "%-15s %2.2lf %s\n", label, val, unit);
}

static bool
cmd_vol_info(Shell *sh, const ShellCmd *cmd)
{
    bool bytes = shell_opt_bool(cmd, "bytes");
    virStorageVolInfo info;
    virStorageVolPtr vol;
    bool ok = false;

    if (!(vol = volume_lookup(sh, cmd, "pool", VOLUME_BY_NAME | VOLUME_BY_KEY_PATH, NULL)))
        return false;
    shell_print(sh, "%-15s %s\n", "Name:", virStorageVolGetName(vol));
    if (shell_opt_bool(cmd, "physical")) {
        /* needs virStorageVolGetInfoFlags, which libvireo does not have yet */
        shell_error_set(sh, VIR_ERR_NO_SUPPORT, "%s",
                        "this function is not supported by the connection driver: "
                        "virStorageVolGetInfoFlags");
    } else if (virStorageVolGetInfo(vol, &info) == 0) {
        shell_print(sh, "%-15s %s\n", "Type:", volume_type_str(info.type));
        volume_info_size(sh, "Capacity:", info.capacity, bytes);
        volume_info_size(sh, "Allocation:", info.allocation, bytes);
        ok = true;
    }
    virStorageVolFree(vol);
    return ok;
}

static bool
cmd_vol_dumpxml(Shell *sh, const ShellCmd *cmd)
{
    const char *xpath = NULL;
    virStorageVolPtr vol;
    char *xml = NULL;
    bool ok = false;

    if (!(vol = volume_lookup(sh, cmd, "pool", VOLUME_BY_NAME | VOLUME_BY_KEY_PATH, NULL)))
        return false;
    if (shell_opt_string_quiet(cmd, "xpath", &xpath) >= 0 &&
        (xml = virStorageVolGetXMLDesc(vol, 0)))
        ok = shell_dump_xml(sh, xml, "volume", xpath, shell_opt_bool(cmd, "wrap"));
    free(xml);
    virStorageVolFree(vol);
    return ok;
}

static bool
cmd_vol_key(Shell *sh, const ShellCmd *cmd)
{
    virStorageVolPtr vol;

    if (!(vol = volume_lookup(sh, cmd, "pool", VOLUME_BY_NAME | VOLUME_BY_KEY_PATH, NULL)))
        return false;
    shell_print(sh, "%s\n", virStorageVolGetKey(vol));
    virStorageVolFree(vol);
    return true;
}

static bool
cmd_vol_path(Shell *sh, const ShellCmd *cmd)
{
    virStorageVolPtr vol;
    char *path;

    if (!(vol = volume_lookup(sh, cmd, "pool", VOLUME_BY_NAME | VOLUME_BY_KEY_PATH, NULL)))
        return false;
    path = virStorageVolGetPath(vol);
    if (path)
        shell_print(sh, "%s\n", path);
    free(path);
    virStorageVolFree(vol);
    return path != NULL;
}

static bool
cmd_vol_name(Shell *sh, const ShellCmd *cmd)
{
    virStorageVolPtr vol;

    if (!(vol = volume_lookup(sh, cmd, NULL, VOLUME_BY_KEY_PATH, NULL)))
        return false;
    shell_print(sh, "%s\n", virStorageVolGetName(vol));
    virStorageVolFree(vol);
    return true;
}

static bool
cmd_vol_pool(Shell *sh, const ShellCmd *cmd)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    virStoragePoolPtr pool;
    virStorageVolPtr vol;

    if (!(vol = volume_lookup(sh, cmd, NULL, VOLUME_BY_KEY_PATH, NULL)))
        return false;
    pool = virStoragePoolLookupByVolume(vol);
    virStorageVolFree(vol);
    if (!pool) {
        shell_error(sh, "%s", "failed to get parent pool");
        return false;
    }
    if (!shell_opt_bool(cmd, "uuid"))
        shell_print(sh, "%s\n", virStoragePoolGetName(pool));
    else if (virStoragePoolGetUUIDString(pool, uuid) == 0)
        shell_print(sh, "%s\n", uuid);
    virStoragePoolFree(pool);
    return true;
}

/* ---- vol-create, vol-create-as, vol-create-from, vol-clone, vol-delete ---- */

static unsigned int
volume_create_flags(const ShellCmd *cmd)
{
    unsigned int flags = 0;

    if (shell_opt_bool(cmd, "prealloc-metadata"))
        flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
    if (shell_opt_bool(cmd, "reflink"))
        flags |= VIR_STORAGE_VOL_CREATE_REFLINK;
    if (shell_opt_bool(cmd, "validate"))
        flags |= VIR_STORAGE_VOL_CREATE_VALIDATE;
    return flags;
}

static bool
cmd_vol_create(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = volume_create_flags(cmd);
    virStoragePoolPtr pool;
    virStorageVolPtr vol = NULL;
    const char *from = NULL;
    char *xml = NULL;

    if (!(pool = shell_pool_lookup(sh, cmd, NULL)))
        return false;
    if (shell_opt_string(sh, cmd, "file", &from) == 0 && from &&
        (xml = shell_read_file(sh, from))) {
        if ((vol = virStorageVolCreateXML(pool, xml, flags)))
            shell_print_extra(sh, "Vol %s created from %s\n", virStorageVolGetName(vol), from);
        else
            shell_error(sh, "Failed to create vol from %s", from);
    }
    free(xml);
    if (vol)
        virStorageVolFree(vol);
    virStoragePoolFree(pool);
    return vol != NULL;
}

static bool
cmd_vol_create_from(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = volume_create_flags(cmd);
    virStorageVolPtr input = NULL, vol = NULL;
    virStoragePoolPtr pool;
    const char *from = NULL;
    char *xml = NULL;

    if (!(pool = shell_pool_lookup(sh, cmd, NULL)))
        return false;
    if (shell_opt_string(sh, cmd, "file", &from) == 0 && from &&
        (input = volume_lookup(sh, cmd, "inputpool", VOLUME_BY_NAME | VOLUME_BY_KEY_PATH,
                               NULL)) &&
        (xml = shell_read_file(sh, from))) {
        if ((vol = virStorageVolCreateXMLFrom(pool, xml, input, flags)))
            shell_print_extra(sh, "Vol %s created from input vol %s\n",
                              virStorageVolGetName(vol), virStorageVolGetName(input));
        else
            shell_error(sh, "Failed to create vol from %s", from);
    }
    free(xml);
    if (vol)
        virStorageVolFree(vol);
    if (input)
        virStorageVolFree(input);
    virStoragePoolFree(pool);
    return vol != NULL;
}

/* The <backingStore> of vol-create-as: the backing volume is looked up by
 * name in @pool, then by key, then by path, and named by its path. Returns
 * false after reporting. */
static bool
volume_backing_xml(Shell *sh, FILE *out, virStoragePoolPtr pool, const char *word,
                   const char *format)
{
    virStorageVolPtr backing;
    char *path;

    if (!(backing = virStorageVolLookupByName(pool, word)) &&
        !(backing = virStorageVolLookupByKey(sh->conn, word)) &&
        !(backing = virStorageVolLookupByPath(sh->conn, word))) {
        shell_error(sh, "failed to get vol '%s'", word);
        return false;
    }
    path = virStorageVolGetPath(backing);
    virStorageVolFree(backing);
    if (!path)
        return false;
    fprintf(out, "  <backingStore>\n    <path>%s</path>\n", path);
    if (format)
        fprintf(out, "    <format type='%s'/>\n", format);
    fprintf(out, "  </backingStore>\n");
    free(path);
    return true;
}

/* The volume XML vol-create-as builds from its options, into *ret_xml.
 * Values go in as typed, as virsh puts them. Returns false after
 * reporting. */
static bool
volume_create_as_xml(Shell *sh, const ShellCmd *cmd, virStoragePoolPtr pool, char **ret_xml)
{
    const char *name, *capacity_text, *alloc_text = NULL, *format, *backing, *backing_format;
    unsigned long long capacity, allocation = 0;
    char *xml = NULL;
    size_t len = 0;
    bool ok = true;
    FILE *out;

    if (shell_opt_string(sh, cmd, "name", &name) < 0 ||
        shell_opt_string(sh, cmd, "capacity", &capacity_text) < 0)
        return false;
    if (volume_parse_size(sh, capacity_text, &capacity) < 0) {
        shell_error(sh, "Malformed size %s", capacity_text);
        return false;
    }
    if (shell_opt_string_quiet(cmd, "allocation", &alloc_text) > 0 &&
        volume_parse_size(sh, alloc_text, &allocation) < 0) {
        shell_error(sh, "Malformed size %s", alloc_text);
        return false;
    }
    if (shell_opt_string(sh, cmd, "format", &format) < 0 ||
        shell_opt_string(sh, cmd, "backing-vol", &backing) < 0 ||
        shell_opt_string(sh, cmd, "backing-vol-format", &backing_format) < 0)
        return false;

    if (!(out = open_memstream(&xml, &len)))
        abort();
    fprintf(out, "<volume>\n  <name>%s</name>\n  <capacity>%llu</capacity>\n", name, capacity);
    if (alloc_text)
        fprintf(out, "  <allocation>%llu</allocation>\n", allocation);
    if (format)
        fprintf(out, "  <target>\n    <format type='%s'/>\n  </target>\n", format);
    if (backing)
        ok = volume_backing_xml(sh, out, pool, backing, backing_format);
    fprintf(out, "</volume>\n");
    fclose(out);
    if (!ok) {
        free(xml);
        return false;
    }
    *ret_xml = xml;
    return true;
}

static bool
cmd_vol_create_as(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = volume_create_flags(cmd);
    virStorageVolPtr vol = NULL;
    virStoragePoolPtr pool;
    const char *name = NULL;
    char *xml = NULL;
    bool ok = false;

    if (!(pool = shell_pool_lookup(sh, cmd, NULL)))
        return false;
    if (volume_create_as_xml(sh, cmd, pool, &xml)) {
        shell_opt_string_quiet(cmd, "name", &name);
        if (shell_opt_bool(cmd, "print-xml")) {
            shell_print(sh, "%s", xml);
            ok = true;
        } else if ((vol = virStorageVolCreateXML(pool, xml, flags))) {
            shell_print_extra(sh, "Vol %s created\n", name);
            virStorageVolFree(vol);
            ok = true;
        } else {
            shell_error(sh, "Failed to create vol %s", name);
        }
    }
    free(xml);
    virStoragePoolFree(pool);
    return ok;
}

/* The XML of a volume with its <name> replaced, as vol-clone sends it:
 * the document as the library gave it (blanks kept), re-serialised. NULL
 * when the XML has no /volume/name. */
static char *
volume_clone_xml(const char *xml, const char *newname)
{
    xmlXPathContextPtr ctxt = NULL;
    xmlXPathObjectPtr obj = NULL;
    xmlBufferPtr buf = NULL;
    char *result = NULL;
    xmlDocPtr doc;

    doc = xmlReadDoc((const xmlChar *)xml, "(volume_definition)", NULL,
                     XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc || !doc->children || !(ctxt = xmlXPathNewContext(doc)))
        goto cleanup;
    obj = xmlXPathEval((const xmlChar *)"/volume/name", ctxt);
    if (!obj || obj->type != XPATH_NODESET || !obj->nodesetval ||
        obj->nodesetval->nodeNr < 1)
        goto cleanup;
    xmlNodeSetContent(obj->nodesetval->nodeTab[0], (const xmlChar *)newname);
    if (!(buf = xmlBufferCreate()))
        abort();
    if (xmlNodeDump(buf, doc, doc->children, 0, 1) > 0 &&
        !(result = strdup((const char *)xmlBufferContent(buf))))
        abort();

 cleanup:
    xmlBufferFree(buf);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctxt);
    xmlFreeDoc(doc);
    return result;
}

static bool
cmd_vol_clone(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = volume_create_flags(cmd);
    virStorageVolPtr vol, clone = NULL;
    virStoragePoolPtr pool;
    char *xml = NULL, *newxml = NULL;
    const char *newname;
    bool ok = false;

    if (!(vol = volume_lookup(sh, cmd, "pool", VOLUME_BY_NAME | VOLUME_BY_KEY_PATH, NULL)))
        return false;
    if (!(pool = virStoragePoolLookupByVolume(vol))) {
        shell_error(sh, "%s", "failed to get parent pool");
        virStorageVolFree(vol);
        return false;
    }
    if (shell_opt_string(sh, cmd, "newname", &newname) < 0 ||
        !(xml = virStorageVolGetXMLDesc(vol, 0)))
        goto cleanup;
    if (!(newxml = volume_clone_xml(xml, newname))) {
        shell_error(sh, "%s", "Failed to allocate XML buffer");
        goto cleanup;
    }
    if (shell_opt_bool(cmd, "print-xml")) {
        shell_print(sh, "%s", newxml);
        ok = true;
    } else if ((clone = virStorageVolCreateXMLFrom(pool, newxml, vol, flags))) {
        shell_print_extra(sh, "Vol %s cloned from %s\n", virStorageVolGetName(clone),
                          virStorageVolGetName(vol));
        virStorageVolFree(clone);
        ok = true;
    } else {
        shell_error(sh, "Failed to clone vol from %s", virStorageVolGetName(vol));
    }

 cleanup:
    free(newxml);
    free(xml);
    virStoragePoolFree(pool);
    virStorageVolFree(vol);
    return ok;
}

static bool
cmd_vol_delete(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = 0;
    virStorageVolPtr vol;
    const char *word;
    bool ok;

    if (!(vol = volume_lookup(sh, cmd, "pool", VOLUME_BY_NAME | VOLUME_BY_KEY_PATH, &word)))
        return false;
    if (shell_opt_bool(cmd, "delete-snapshots"))
        flags |= VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS;
    if ((ok = virStorageVolDelete(vol, flags) == 0))
        shell_print_extra(sh, "Vol %s deleted\n", word);
    else
        shell_error(sh, "Failed to delete vol %s", word);
    virStorageVolFree(vol);
    return ok;
}

/* ---- vol-upload, vol-download ---- */

/* The local end of a volume transfer. */
typedef struct ShellVolumeFile {
    Shell *sh;
    int fd;
    bool is_block; /* holes must be written as zeroes */
} ShellVolumeFile;

/* Fills @data from the file up to @nbytes (short only at end of file). */
static int
volume_file_source(virStreamPtr st, char *data, size_t nbytes, void *opaque)
{
    ShellVolumeFile *f = opaque;
    size_t got = 0;

    (void)st;
    while (got < nbytes) {
        ssize_t n = read(f->fd, data + got, nbytes - got);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (int)got;
}

static int
volume_file_sink(virStreamPtr st, const char *data, size_t nbytes, void *opaque)
{
    ShellVolumeFile *f = opaque;
    size_t done = 0;

    (void)st;
    while (done < nbytes) {
        ssize_t n = write(f->fd, data + done, nbytes - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        done += (size_t)n;
    }
    return (int)nbytes;
}

/* Where the upload source stands: in data or in a hole, and for how many
 * bytes (found with SEEK_DATA / SEEK_HOLE; a block device is all data). */
static int
volume_file_in_data(virStreamPtr st, int *in_data, long long *length, void *opaque)
{
    ShellVolumeFile *f = opaque;
    off_t cur, data, hole, end;

    (void)st;
    if (f->is_block) {
        *in_data = 1;
        *length = 1024 * 1024;
        return 0;
    }
    if ((cur = lseek(f->fd, 0, SEEK_CUR)) < 0)
        goto fail;
    data = lseek(f->fd, cur, SEEK_DATA);
    if (data < 0 && errno != ENXIO)
        goto fail;
    if (data < 0) {
        /* a hole up to the end of the file */
        if ((end = lseek(f->fd, 0, SEEK_END)) < 0)
            goto fail;
        *in_data = 0;
        *length = end - cur;
    } else if (data > cur) {
        *in_data = 0;
        *length = data - cur;
    } else {
        if ((hole = lseek(f->fd, cur, SEEK_HOLE)) < 0)
            goto fail;
        *in_data = 1;
        *length = hole - cur;
    }
    if (lseek(f->fd, cur, SEEK_SET) < 0)
        goto fail;
    return 0;

 fail:
    shell_error(f->sh, "%s", "Unable to get current position in stream");
    return -1;
}

/* Moves the upload source past a hole it announced. */
static int
volume_file_source_skip(virStreamPtr st, long long length, void *opaque)
{
    ShellVolumeFile *f = opaque;

    (void)st;
    return lseek(f->fd, (off_t)length, SEEK_CUR) < 0 ? -1 : 0;
}

/* Writes a hole the download brought: a real hole in a file, zeroes on a
 * block device. */
static int
volume_file_sink_hole(virStreamPtr st, long long length, void *opaque)
{
    static const char zeroes[64 * 1024];
    ShellVolumeFile *f = opaque;
    off_t cur;

    (void)st;
    if (!f->is_block) {
        if ((cur = lseek(f->fd, (off_t)length, SEEK_CUR)) < 0 || ftruncate(f->fd, cur) < 0)
            return -1;
        return 0;
    }
    while (length > 0) {
        size_t chunk = length > (long long)sizeof(zeroes) ? sizeof(zeroes) : (size_t)length;

        if (volume_file_sink(st, zeroes, chunk, f) < 0)
            return -1;
        length -= (long long)chunk;
    }
    return 0;
}

/* The options vol-upload and vol-download share, read in virsh's order:
 * offset, length, the volume, the local file. */
static virStorageVolPtr
volume_transfer_begin(Shell *sh, const ShellCmd *cmd, unsigned long long *ret_offset,
                      unsigned long long *ret_length, const char **ret_word,
                      const char **ret_file)
{
    unsigned long long offset = 0, length = 0;
    virStorageVolPtr vol;
    const char *file;

    if (volume_opt_ull(sh, cmd, "offset", false, &offset) < 0 ||
        volume_opt_ull(sh, cmd, "length", true, &length) < 0)
        return NULL;
    if (!(vol = volume_lookup(sh, cmd, "pool", VOLUME_BY_NAME | VOLUME_BY_KEY_PATH, ret_word)))
        return NULL;
    if (shell_opt_string(sh, cmd, "file", &file) < 0 || !file) {
        virStorageVolFree(vol);
        return NULL;
    }
    *ret_offset = offset;
    *ret_length = length;
    *ret_file = file;
    return vol;
}

static bool
cmd_vol_upload(Shell *sh, const ShellCmd *cmd)
{
    ShellVolumeFile f = { sh, -1, false };
    unsigned long long offset, length;
    unsigned int flags = 0;
    const char *word, *file;
    virStreamPtr st = NULL;
    virStorageVolPtr vol;
    struct stat sb;
    bool ok = false;
    int rc;

    if (!(vol = volume_transfer_begin(sh, cmd, &offset, &length, &word, &file)))
        return false;
    if ((f.fd = open(file, O_RDONLY | O_CLOEXEC)) < 0) {
        shell_error(sh, "cannot read %s", file);
        goto cleanup;
    }
    if (fstat(f.fd, &sb) < 0) {
        shell_error(sh, "unable to stat %s", file);
        goto cleanup;
    }
    f.is_block = S_ISBLK(sb.st_mode);
    if (shell_opt_bool(cmd, "sparse"))
        flags |= VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM;
    if (!(st = virStreamNew(sh->conn, 0))) {
        shell_error(sh, "%s", "cannot create a new stream");
        goto cleanup;
    }
    if (virStorageVolUpload(vol, st, offset, length, flags) < 0) {
        shell_error(sh, "cannot upload to volume %s", word);
        goto cleanup;
    }
    if (flags & VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
        rc = virStreamSparseSendAll(st, volume_file_source, volume_file_in_data,
                                    volume_file_source_skip, &f);
    else
        rc = virStreamSendAll(st, volume_file_source, &f);
    if (rc < 0) {
        shell_error(sh, "cannot send data to volume %s", word);
        goto cleanup;
    }
    rc = close(f.fd);
    f.fd = -1;
    if (rc < 0) {
        shell_error(sh, "cannot close file %s", file);
        virStreamAbort(st);
        goto cleanup;
    }
    if (virStreamFinish(st) < 0) {
        shell_error(sh, "cannot close volume %s", word);
        goto cleanup;
    }
    ok = true;

 cleanup:
    if (f.fd >= 0)
        close(f.fd);
    if (st)
        virStreamFree(st);
    virStorageVolFree(vol);
    return ok;
}

static bool
cmd_vol_download(Shell *sh, const ShellCmd *cmd)
{
    ShellVolumeFile f = { sh, -1, false };
    unsigned long long offset, length;
    unsigned int flags = 0;
    const char *word, *file;
    virStreamPtr st = NULL;
    virStorageVolPtr vol;
    bool created = false, ok = false;
    struct stat sb;
    int rc;

    if (!(vol = volume_transfer_begin(sh, cmd, &offset, &length, &word, &file)))
        return false;
    if (shell_opt_bool(cmd, "sparse"))
        flags |= VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM;
    if ((f.fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)) >= 0) {
        created = true;
    } else if (errno != EEXIST || (f.fd = open(file, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0) {
        shell_error(sh, "cannot create %s", file);
        goto cleanup;
    }
    if (fstat(f.fd, &sb) < 0) {
        shell_error(sh, "unable to stat %s", file);
        goto cleanup;
    }
    f.is_block = S_ISBLK(sb.st_mode);
    if (!(st = virStreamNew(sh->conn, 0))) {
        shell_error(sh, "%s", "cannot create a new stream");
        goto cleanup;
    }
    if (virStorageVolDownload(vol, st, offset, length, flags) < 0) {
        shell_error(sh, "cannot download from volume %s", word);
        goto cleanup;
    }
    if (virStreamSparseRecvAll(st, volume_file_sink, volume_file_sink_hole, &f) < 0) {
        shell_error(sh, "cannot receive data from volume %s", word);
        goto cleanup;
    }
    rc = close(f.fd);
    f.fd = -1;
    if (rc < 0) {
        shell_error(sh, "cannot close file %s", file);
        virStreamAbort(st);
        goto cleanup;
    }
    if (virStreamFinish(st) < 0) {
        shell_error(sh, "cannot close volume %s", word);
        goto cleanup;
    }
    ok = true;

 cleanup:
    if (f.fd >= 0)
        close(f.fd);
    if (!ok && created)
        unlink(file);
    if (st)
        virStreamFree(st);
    virStorageVolFree(vol);
    return ok;
}

/* ---- the table ---- */

static const ShellOptDef opts_vol_clone[] = {
    OPT_DATA("vol", "vol name, key or path"),
    OPT_DATA("newname", "clone name"),
    OPT_POOL_OPTIONAL,
    OPT_PREALLOC,
    OPT_BOOL("reflink", "use btrfs COW lightweight copy"),
    OPT_BOOL("print-xml", "print XML document rather than clone the volume"),
    OPT_END,
};

static const ShellOptDef opts_vol_create_as[] = {
    OPT_DATA("pool", "pool name"),
    OPT_DATA("name", "name of the volume"),
    OPT_DATA("capacity", "size of the vol, as scaled integer (default bytes)"),
    OPT_STRING("allocation", "initial allocation size, as scaled integer (default bytes)"),
    OPT_STRING("format", "file format type raw,bochs,qcow,qcow2,qed,vmdk"),
    OPT_STRING("backing-vol", "the backing volume if taking a snapshot"),
    OPT_STRING("backing-vol-format", "format of backing volume if taking a snapshot"),
    OPT_PREALLOC,
    OPT_BOOL("print-xml", "print XML document, but don't define/create"),
    OPT_END,
};

static const ShellOptDef opts_vol_create[] = {
    OPT_DATA("pool", "pool name"),
    OPT_DATA("file", "file containing an XML vol description"),
    OPT_PREALLOC,
    OPT_BOOL("validate", "validate the XML against the schema"),
    OPT_END,
};

static const ShellOptDef opts_vol_create_from[] = {
    OPT_DATA("pool", "pool name or uuid"),
    OPT_DATA("file", "file containing an XML vol description"),
    OPT_DATA("vol", "vol name, key or path"),
    OPT_STRING("inputpool", "pool name or uuid of the input volume's pool"),
    OPT_PREALLOC,
    OPT_BOOL("reflink", "use btrfs COW lightweight copy"),
    OPT_BOOL("validate", "validate the XML against the schema"),
    OPT_END,
};

static const ShellOptDef opts_vol_delete[] = {
    OPT_DATA("vol", "vol name, key or path"),
    OPT_POOL_OPTIONAL,
    OPT_BOOL("delete-snapshots",
             "delete snapshots associated with volume (must be supported by storage driver)"),
    OPT_END,
};

static const ShellOptDef opts_vol_download[] = {
    OPT_DATA("vol", "vol name, key or path"),
    OPT_DATA("file", "file"),
    OPT_POOL_OPTIONAL,
    OPT_INT("offset", "volume offset to download from"),
    OPT_INT("length", "amount of data to download"),
    OPT_BOOL("sparse", "preserve sparseness of volume"),
    OPT_END,
};

static const ShellOptDef opts_vol_dumpxml[] = {
    OPT_DATA("vol", "vol name, key or path"),
    OPT_POOL_OPTIONAL,
    { "xpath", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "xpath expression to filter the XML document" },
    OPT_BOOL("wrap", "wrap xpath results in an common root element"),
    OPT_END,
};

static const ShellOptDef opts_vol_info[] = {
    OPT_DATA("vol", "vol name, key or path"),
    OPT_POOL_OPTIONAL,
    OPT_BOOL("bytes", "sizes are represented in bytes rather than pretty units"),
    OPT_BOOL("physical", "return the physical size of the volume in allocation field"),
    OPT_END,
};

static const ShellOptDef opts_vol_key[] = {
    OPT_DATA("vol", "volume name or path"),
    OPT_POOL_OPTIONAL,
    OPT_END,
};

static const ShellOptDef opts_vol_list[] = {
    OPT_DATA("pool", "pool name or uuid"),
    OPT_BOOL("details", "display extended details for volumes"),
    OPT_END,
};

static const ShellOptDef opts_vol_name[] = {
    OPT_DATA("vol", "volume key or path"),
    OPT_END,
};

static const ShellOptDef opts_vol_path[] = {
    OPT_DATA("vol", "volume name or key"),
    OPT_POOL_OPTIONAL,
    OPT_END,
};

static const ShellOptDef opts_vol_pool[] = {
    OPT_DATA("vol", "volume key or path"),
    OPT_BOOL("uuid", "return the pool uuid rather than pool name"),
    OPT_END,
};

static const ShellOptDef opts_vol_upload[] = {
    OPT_DATA("vol", "vol name, key or path"),
    OPT_DATA("file", "file"),
    OPT_POOL_OPTIONAL,
    OPT_INT("offset", "volume offset to upload to"),
    OPT_INT("length", "amount of data to upload"),
    OPT_BOOL("sparse", "preserve sparseness of volume"),
    OPT_END,
};

const ShellCmdDef shell_volume_cmds[] = {
    { "vol-clone", cmd_vol_clone, opts_vol_clone, "clone a volume.",
      "Clone an existing volume within the parent pool.", 0 },
    { "vol-create-as", cmd_vol_create_as, opts_vol_create_as,
      "create a volume from a set of args", "Create a vol.", 0 },
    { "vol-create", cmd_vol_create, opts_vol_create, "create a vol from an XML file",
      "Create a vol.", 0 },
    { "vol-create-from", cmd_vol_create_from, opts_vol_create_from,
      "create a vol, using another volume as input", "Create a vol from an existing volume.",
      0 },
    { "vol-delete", cmd_vol_delete, opts_vol_delete, "delete a vol", "Delete a given vol.", 0 },
    { "vol-download", cmd_vol_download, opts_vol_download, "download volume contents to a file",
      "Download volume contents to a file", 0 },
    { "vol-dumpxml", cmd_vol_dumpxml, opts_vol_dumpxml, "vol information in XML",
      "Output the vol information as an XML dump to stdout.", 0 },
    { "vol-info", cmd_vol_info, opts_vol_info, "storage vol information",
      "Returns basic information about the storage vol.", 0 },
    { "vol-key", cmd_vol_key, opts_vol_key, "returns the volume key for a given volume name or path",
      "", 0 },
    { "vol-list", cmd_vol_list, opts_vol_list, "list vols", "Returns list of vols by pool.", 0 },
    { "vol-name", cmd_vol_name, opts_vol_name,
      "returns the volume name for a given volume key or path", "", 0 },
    { "vol-path", cmd_vol_path, opts_vol_path,
      "returns the volume path for a given volume name or key", "", 0 },
    { "vol-pool", cmd_vol_pool, opts_vol_pool,
      "returns the storage pool for a given volume key or path", "", 0 },
    { "vol-upload", cmd_vol_upload, opts_vol_upload, "upload file contents to a volume",
      "Upload file contents to a volume", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
