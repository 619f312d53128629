/*
 * cmd_pool.c: the "Storage Pool" commands vireo offers: pool-list,
 * pool-info and pool-dumpxml.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shell.h"

#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_POOL { "pool", SHELL_OPT_DATA, SHELL_OFLAG_REQ, "pool name or uuid" }
#define OPT_END { NULL, 0, 0, NULL }

static bool
cmd_pool_dumpxml(Shell *sh, const ShellCmd *cmd)
{
    const char *xpath = NULL;
    virStoragePoolPtr pool;
    char *xml;
    bool ok;

    if (!(pool = shell_pool_lookup(sh, cmd, NULL)))
        return false;
    if (shell_opt_string_quiet(cmd, "xpath", &xpath) < 0 ||
        !(xml = virStoragePoolGetXMLDesc(pool, shell_opt_bool(cmd, "inactive")
                                                   ? VIR_STORAGE_XML_INACTIVE : 0))) {
        shell_error_save(sh);
        virStoragePoolFree(pool);
        return false;
    }
    ok = shell_dump_xml(sh, xml, "pool", xpath, shell_opt_bool(cmd, "wrap"));
    free(xml);
    virStoragePoolFree(pool);
    return ok;
}

static void
shell_pool_print_size(Shell *sh, const char *label, unsigned long long v, bool bytes)
{
    const char *unit;
    double val;

    if (bytes) {
        shell_print(sh, "%-15s %llu\n", label, v);
        return;
    }
    val = shell_pretty_capacity(v, &unit);
    shell_print(sh, "%-15s %2.2lf %s\n", label, val, unit);
}

static bool
cmd_pool_info(Shell *sh, const ShellCmd *cmd)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    bool bytes = shell_opt_bool(cmd, "bytes");
    virStoragePoolInfo info;
    virStoragePoolPtr pool;
    int persistent, autostart = 0;
    bool ok = true;

    if (!(pool = shell_pool_lookup(sh, cmd, NULL)))
        return false;
    shell_print(sh, "%-15s %s\n", "Name:", virStoragePoolGetName(pool));
    if (virStoragePoolGetUUIDString(pool, uuid) == 0)
        shell_print(sh, "%-15s %s\n", "UUID:", uuid);
    if (virStoragePoolGetInfo(pool, &info) == 0) {
        shell_print(sh, "%-15s %s\n", "State:", shell_pool_state_str(info.state));
        persistent = virStoragePoolIsPersistent(pool);
        shell_print(sh, "%-15s %s\n", "Persistent:",
                    persistent < 0 ? "unknown" : persistent ? "yes" : "no");
        if (virStoragePoolGetAutostart(pool, &autostart) < 0)
            shell_print(sh, "%-15s %s\n", "Autostart:", "no autostart");
        else
            shell_print(sh, "%-15s %s\n", "Autostart:", autostart ? "yes" : "no");
        if (info.state == VIR_STORAGE_POOL_RUNNING || info.state == VIR_STORAGE_POOL_DEGRADED) {
            shell_pool_print_size(sh, "Capacity:", info.capacity, bytes);
            shell_pool_print_size(sh, "Allocation:", info.allocation, bytes);
            shell_pool_print_size(sh, "Available:", info.available, bytes);
        }
    } else {
        shell_error_save(sh);
        ok = false;
    }
    virStoragePoolFree(pool);
    return ok;
}

/* Pool type names accepted by pool-list --type and their list flags. */
static const struct {
    const char *name;
    unsigned int flag;
} pool_types[] = {
    { "dir", VIR_CONNECT_LIST_STORAGE_POOLS_DIR },
    { "fs", VIR_CONNECT_LIST_STORAGE_POOLS_FS },
    { "netfs", VIR_CONNECT_LIST_STORAGE_POOLS_NETFS },
    { "logical", VIR_CONNECT_LIST_STORAGE_POOLS_LOGICAL },
    { "disk", VIR_CONNECT_LIST_STORAGE_POOLS_DISK },
    { "iscsi", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI },
    { "iscsi-direct", VIR_CONNECT_LIST_STORAGE_POOLS_ISCSI_DIRECT },
    { "scsi", VIR_CONNECT_LIST_STORAGE_POOLS_SCSI },
    { "mpath", VIR_CONNECT_LIST_STORAGE_POOLS_MPATH },
    { "rbd", VIR_CONNECT_LIST_STORAGE_POOLS_RBD },
    { "sheepdog", VIR_CONNECT_LIST_STORAGE_POOLS_SHEEPDOG },
    { "gluster", VIR_CONNECT_LIST_STORAGE_POOLS_GLUSTER },
    { "zfs", VIR_CONNECT_LIST_STORAGE_POOLS_ZFS },
    { "vstorage", VIR_CONNECT_LIST_STORAGE_POOLS_VSTORAGE },
};

/* Splits a comma-separated list the way virsh does: ",," stands for a
 * literal comma inside an item. Returns a NULL-terminated array of new
 * strings (the caller frees both). */
static char **
shell_split_commas(const char *str)
{
    size_t n = 0, len = strlen(str);
    char **items = calloc(len + 2, sizeof(*items));
    char *cur = calloc(len + 1, 1), *o = cur;

    if (!items || !cur)
        abort();
    for (const char *p = str;; p++) {
        if (*p == ',' && p[1] == ',') {
            *o++ = ',';
            p++;
            continue;
        }
        if (*p == ',' || !*p) {
            *o = '\0';
            if (!(items[n++] = strdup(cur)))
                abort();
            o = cur;
            if (!*p)
                break;
            continue;
        }
        *o++ = *p;
    }
    free(cur);
    return items;
}

/* Adds the flags for a --type list. Returns false after reporting an
 * unknown type. */
static bool
shell_pool_type_flags(Shell *sh, const char *types, unsigned int *flags)
{
    char **items = shell_split_commas(types);
    bool ok = true;

    for (size_t k = 0; ok && items[k]; k++) {
        size_t i, n = sizeof(pool_types) / sizeof(pool_types[0]);

        for (i = 0; i < n && strcmp(pool_types[i].name, items[k]) != 0; i++)
            ;
        if (i == n) {
            shell_error(sh, "Invalid pool type '%s'", items[k]);
            ok = false;
        } else {
            *flags |= pool_types[i].flag;
        }
    }
    for (size_t k = 0; items[k]; k++)
        free(items[k]);
    free(items);
    return ok;
}

static int
shell_pool_sort(const void *a, const void *b)
{
    return strcasecmp(virStoragePoolGetName(*(virStoragePoolPtr const *)a),
                      virStoragePoolGetName(*(virStoragePoolPtr const *)b));
}

/* The columns of one pool in pool-list. */
typedef struct ShellPoolRow {
    char state[32];
    char autostart[32];
    char persistent[32];
    char capacity[32];
    char allocation[32];
    char available[32];
} ShellPoolRow;

static void
shell_pool_size_text(char *buf, size_t len, unsigned long long v)
{
    const char *unit;
    double val = shell_pretty_capacity(v, &unit);

    snprintf(buf, len, "%.2lf %s", val, unit);
}

static void
shell_pool_row_collect(Shell *sh, virStoragePoolPtr pool, bool details, ShellPoolRow *row)
{
    virStoragePoolInfo info;
    int autostart = 0, persistent;

    snprintf(row->autostart, sizeof(row->autostart), "%s",
             virStoragePoolGetAutostart(pool, &autostart) < 0 ? "no autostart"
             : autostart ? "yes" : "no");
    if (details) {
        persistent = virStoragePoolIsPersistent(pool);
        snprintf(row->persistent, sizeof(row->persistent), "%s",
                 persistent < 0 ? "unknown" : persistent ? "yes" : "no");
    }
    if (virStoragePoolGetInfo(pool, &info) != 0) {
        shell_error(sh, "%s", "Could not retrieve pool information");
        snprintf(row->state, sizeof(row->state), "unknown");
        snprintf(row->capacity, sizeof(row->capacity), "unknown");
        snprintf(row->allocation, sizeof(row->allocation), "unknown");
        snprintf(row->available, sizeof(row->available), "unknown");
        return;
    }
    if (!details) {
        snprintf(row->state, sizeof(row->state), "%s",
                 virStoragePoolIsActive(pool) ? "active" : "inactive");
        return;
    }
    snprintf(row->state, sizeof(row->state), "%s", shell_pool_state_str(info.state));
    if (info.state == VIR_STORAGE_POOL_RUNNING || info.state == VIR_STORAGE_POOL_DEGRADED) {
        shell_pool_size_text(row->capacity, sizeof(row->capacity), info.capacity);
        shell_pool_size_text(row->allocation, sizeof(row->allocation), info.allocation);
        shell_pool_size_text(row->available, sizeof(row->available), info.available);
    } else {
        snprintf(row->capacity, sizeof(row->capacity), "-");
        snprintf(row->allocation, sizeof(row->allocation), "-");
        snprintf(row->available, sizeof(row->available), "-");
    }
}

static void
shell_pool_list_print(Shell *sh, virStoragePoolPtr *pools, const ShellPoolRow *rows, int n,
                      bool details, bool uuid, bool name)
{
    ShellTable *table;

    if (!details && (uuid || name)) {
        for (int i = 0; i < n; i++) {
            char buf[VIR_UUID_STRING_BUFLEN];

            if (uuid && virStoragePoolGetUUIDString(pools[i], buf) == 0)
                shell_print(sh, "%-36s%c", buf, name ? ' ' : '\n');
            if (name)
                shell_print(sh, "%-20s\n", virStoragePoolGetName(pools[i]));
        }
        return;
    }
    if (details)
        table = shell_table_new("Name", "State", "Autostart", "Persistent", "Capacity",
                                "Allocation", "Available", NULL);
    else
        table = shell_table_new("Name", "State", "Autostart", NULL);
    for (int i = 0; i < n; i++) {
        if (details)
            shell_table_add(table, virStoragePoolGetName(pools[i]), rows[i].state,
                            rows[i].autostart, rows[i].persistent, rows[i].capacity,
                            rows[i].allocation, rows[i].available, NULL);
        else
            shell_table_add(table, virStoragePoolGetName(pools[i]), rows[i].state,
                            rows[i].autostart, NULL);
    }
    shell_table_print(sh, table);
    shell_table_free(table);
}

static bool
shell_pool_list_flags(Shell *sh, const ShellCmd *cmd, unsigned int *ret_flags)
{
    bool inactive = shell_opt_bool(cmd, "inactive"), all = shell_opt_bool(cmd, "all");
    unsigned int flags = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE;
    const char *type;

    if (!shell_exclusive(sh, "all", all, "inactive", inactive))
        return false;
    if (inactive)
        flags = VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (all)
        flags = VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE | VIR_CONNECT_LIST_STORAGE_POOLS_INACTIVE;
    if (shell_opt_bool(cmd, "autostart"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_AUTOSTART;
    if (shell_opt_bool(cmd, "no-autostart"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_NO_AUTOSTART;
    if (shell_opt_bool(cmd, "persistent"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_PERSISTENT;
    if (shell_opt_bool(cmd, "transient"))
        flags |= VIR_CONNECT_LIST_STORAGE_POOLS_TRANSIENT;
    if (shell_opt_string(sh, cmd, "type", &type) < 0)
        return false;
    if (!shell_exclusive(sh, "details", shell_opt_bool(cmd, "details"), "uuid",
                         shell_opt_bool(cmd, "uuid")) ||
        !shell_exclusive(sh, "details", shell_opt_bool(cmd, "details"), "name",
                         shell_opt_bool(cmd, "name")))
        return false;
    if (type && !shell_pool_type_flags(sh, type, &flags))
        return false;
    *ret_flags = flags;
    return true;
}

static bool
cmd_pool_list(Shell *sh, const ShellCmd *cmd)
{
    bool details = shell_opt_bool(cmd, "details");
    virStoragePoolPtr *pools = NULL;
    ShellPoolRow *rows;
    unsigned int flags;
    int n;

    if (!shell_pool_list_flags(sh, cmd, &flags))
        return false;
    if ((n = virConnectListAllStoragePools(sh->conn, &pools, flags)) < 0) {
        shell_error_save(sh);
        shell_error(sh, "%s", "Failed to list pools");
        return false;
    }
    if (n > 0)
        qsort(pools, (size_t)n, sizeof(*pools), shell_pool_sort);
    if (!(rows = calloc((size_t)n + 1, sizeof(*rows))))
        abort();
    for (int i = 0; i < n; i++)
        shell_pool_row_collect(sh, pools[i], details, &rows[i]);
    shell_pool_list_print(sh, pools, rows, n, details, shell_opt_bool(cmd, "uuid"),
                          shell_opt_bool(cmd, "name"));
    free(rows);
    for (int i = 0; i < n; i++)
        virStoragePoolFree(pools[i]);
    free(pools);
    return true;
}

static const ShellOptDef opts_pool_dumpxml[] = {
    OPT_POOL,
    OPT_BOOL("inactive", "show inactive defined XML"),
    { "xpath", SHELL_OPT_STRING, SHELL_OFLAG_REQ_OPT,
      "xpath expression to filter the XML document" },
    OPT_BOOL("wrap", "wrap xpath results in an common root element"),
    OPT_END,
};

static const ShellOptDef opts_pool_info[] = {
    OPT_POOL,
    OPT_BOOL("bytes", "Return pool info in bytes"),
    OPT_END,
};

static const ShellOptDef opts_pool_list[] = {
    OPT_BOOL("inactive", "list inactive pools"),
    OPT_BOOL("all", "list inactive & active pools"),
    OPT_BOOL("transient", "list transient pools"),
    OPT_BOOL("persistent", "list persistent pools"),
    OPT_BOOL("autostart", "list pools with autostart enabled"),
    OPT_BOOL("no-autostart", "list pools with autostart disabled"),
    { "type", SHELL_OPT_STRING, 0, "only list pool of specified type(s) (if supported)" },
    OPT_BOOL("details", "display extended details for pools"),
    OPT_BOOL("uuid", "list UUID of active pools only"),
    OPT_BOOL("name", "list name of active pools only"),
    OPT_END,
};

const ShellCmdDef shell_pool_cmds[] = {
    { "pool-dumpxml", cmd_pool_dumpxml, opts_pool_dumpxml, "pool information in XML",
      "Output the pool information as an XML dump to stdout.", 0 },
    { "pool-info", cmd_pool_info, opts_pool_info, "storage pool information",
      "Returns basic information about the storage pool.", 0 },
    { "pool-list", cmd_pool_list, opts_pool_list, "list pools", "Returns list of pools.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
