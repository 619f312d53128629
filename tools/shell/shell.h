/*
 * shell.h: the vireo shell's command model.
 *
 * vireo is a virsh work-alike built only on the public libvirt-compatible API.
 * Commands are described by tables (name, options, help texts, handler); one
 * generic parser turns argv or a command string into a chain of ShellCmd, and
 * one runner executes the chain. Everything a user can see (messages, tables,
 * help pages, exit codes) follows virsh 9.0 byte for byte, because scripts
 * written for virsh parse that output.
 */
#ifndef VIREO_SHELL_H
#define VIREO_SHELL_H

#include <stdbool.h>
#include <stddef.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/* How an option takes its value. Mirrors virsh's option kinds so that
 * positional arguments land in the same slots as they do in virsh. */
typedef enum {
    SHELL_OPT_BOOL,   /* --flag, no value */
    SHELL_OPT_STRING, /* --name value, optional */
    SHELL_OPT_INT,    /* --name number, optional unless SHELL_OFLAG_REQ */
    SHELL_OPT_DATA,   /* required value, may be given positionally */
    SHELL_OPT_ARGV,   /* all remaining values; must be last */
    SHELL_OPT_ALIAS,  /* another spelling; help holds the target ("name[=value]") */
} ShellOptType;

enum {
    SHELL_OFLAG_REQ = 1 << 0,      /* must be present */
    SHELL_OFLAG_EMPTY_OK = 1 << 1, /* "" is an acceptable value */
    SHELL_OFLAG_REQ_OPT = 1 << 2,  /* only as --name value, never positional */
};

enum {
    SHELL_CMD_NOCONNECT = 1 << 0, /* runs without a hypervisor connection */
};

typedef struct ShellOptDef {
    const char *name;
    ShellOptType type;
    unsigned int flags;
    const char *help;
} ShellOptDef;

typedef struct Shell Shell;
typedef struct ShellCmd ShellCmd;

typedef bool (*ShellHandler)(Shell *sh, const ShellCmd *cmd);

typedef struct ShellCmdDef {
    const char *name;
    ShellHandler handler;
    const ShellOptDef *opts; /* NULL-name terminated, or NULL */
    const char *help;        /* one line, shown in listings */
    const char *desc;        /* paragraph for "help <command>"; "" for none */
    unsigned int flags;      /* SHELL_CMD_* */
} ShellCmdDef;

/* A help group: its commands come from one or more tables (one per
 * cmd_*.c file), listed merged in the group's order, then by name. */
#define SHELL_GROUP_MAX_TABLES 4

typedef struct ShellGroup {
    const char *name;
    const char *keyword;
    const ShellCmdDef *tables[SHELL_GROUP_MAX_TABLES]; /* each NULL-name terminated;
                                                        * unused slots NULL */
    const char *const *order; /* listing order (NULL-terminated names), or NULL */
} ShellGroup;

/* One parsed option value. Owned by its ShellCmd. */
typedef struct ShellArg {
    const ShellOptDef *def;
    char *data; /* NULL for booleans */
    struct ShellArg *next;
} ShellArg;

/* One parsed command; commands of a line are chained through next. */
struct ShellCmd {
    const ShellCmdDef *def;
    ShellArg *args;
    ShellCmd *next;
};

/* The whole state of one vireo process (main thread only). */
struct Shell {
    const char *progname;
    char *uri;            /* -c / connect URI, or NULL for the default */
    bool readonly;
    bool quiet;
    bool timing;
    bool interactive;
    bool connect_given;   /* -c was given: connect before the first command */
    virConnectPtr conn;   /* owned; NULL until the first command needs it */
    virErrorPtr last_error; /* owned; the library error to report, if any */
    char *local_msg;      /* owned; an error vireo raised itself in the library's
                           * place (file reading, size parsing), or NULL */
    int local_code;       /* the virErrorNumber that goes with local_msg */
};

/* ---- command tables (cmd_*.c) ---- */
extern const ShellCmdDef shell_domain_cmds[];
extern const ShellCmdDef shell_monitor_cmds[];
extern const ShellCmdDef shell_host_cmds[];
extern const ShellCmdDef shell_network_cmds[];
extern const ShellCmdDef shell_pool_cmds[];
extern const ShellCmdDef shell_self_cmds[];
extern const ShellCmdDef shell_domain_tune_cmds[];   /* cmd_domain_tune.c */
extern const ShellCmdDef shell_domain_extra_cmds[];  /* cmd_domain_extra.c */
extern const ShellCmdDef shell_domain_stats_cmds[];  /* cmd_domain_stats.c */
extern const ShellCmdDef shell_host_node_cmds[];     /* cmd_host_node.c */
extern const ShellCmdDef shell_checkpoint_cmds[];    /* cmd_checkpoint.c */
extern const ShellCmdDef shell_interface_cmds[];     /* cmd_interface.c */
extern const ShellCmdDef shell_network_edit_cmds[];  /* cmd_network_edit.c */
extern const ShellCmdDef shell_nodedev_cmds[];       /* cmd_nodedev.c */
extern const ShellCmdDef shell_snapshot_cmds[];      /* cmd_snapshot.c */
extern const ShellCmdDef shell_pool_edit_cmds[];     /* cmd_pool_edit.c */
extern const ShellCmdDef shell_volume_cmds[];        /* cmd_volume.c */
extern const ShellGroup shell_groups[];

const ShellCmdDef *shell_cmd_find(const char *name);
const ShellGroup *shell_group_find(const char *name);
/* The commands of g in listing order, in *ret_cmds (caller frees the array,
 * not the entries). Returns how many (0 for a group with none yet). */
size_t shell_group_commands(const ShellGroup *g, const ShellCmdDef ***ret_cmds);

/* ---- parse.c ---- */
ShellCmd *shell_parse_argv(Shell *sh, int argc, char **argv, bool *ret_ok);
ShellCmd *shell_parse_string(Shell *sh, const char *line, bool *ret_ok);
void shell_cmd_free(ShellCmd *cmd);

/* ---- run.c ---- */
bool shell_run(Shell *sh, const ShellCmd *cmds);
int shell_connect(Shell *sh, const char *uri, bool readonly);
void shell_disconnect(Shell *sh);

/* ---- options.c ---- */
bool shell_opt_bool(const ShellCmd *cmd, const char *name);
int shell_opt_string(Shell *sh, const ShellCmd *cmd, const char *name, const char **ret_value);
int shell_opt_string_quiet(const ShellCmd *cmd, const char *name, const char **ret_value);
int shell_opt_uint(Shell *sh, const ShellCmd *cmd, const char *name, unsigned int *ret_value);
/* Applies a size suffix (k, KiB, KB, M, … or b/byte/bytes) to *value, @scale
 * when there is none; libvirt's errors for an unknown suffix or a result
 * above @limit. Returns 0 or -1. */
int shell_scale(Shell *sh, unsigned long long *value, const char *suffix,
                unsigned long long scale, unsigned long long limit);
int shell_opt_scaled(Shell *sh, const ShellCmd *cmd, const char *name,
                     unsigned long long scale, unsigned long long max,
                     unsigned long long *ret_value);
bool shell_exclusive(Shell *sh, const char *name1, bool set1, const char *name2, bool set2);
bool shell_requires(Shell *sh, const char *name1, bool set1, const char *name2, bool set2);

/* ---- output.c ---- */
void shell_print(Shell *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void shell_print_extra(Shell *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void shell_error(Shell *sh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void shell_error_save(Shell *sh);
void shell_error_set(Shell *sh, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void shell_error_reset(Shell *sh);
int shell_error_code(Shell *sh);
void shell_error_report(Shell *sh);
void shell_error_install(Shell *sh);
char *shell_read_file(Shell *sh, const char *path);
double shell_pretty_capacity(unsigned long long val, const char **ret_unit);

/* ---- output.c: the editor session of the *-edit commands ---- */
/* Fetches the object's current XML: a new string, or NULL (error kept). */
typedef char *(*ShellEditGet)(void *opaque);
/* Defines the object from @edited (@orig is the XML it was edited from);
 * false with the library's error kept. */
typedef bool (*ShellEditDefine)(void *opaque, const char *orig, const char *edited);
enum { SHELL_EDIT_FAILED = -1, SHELL_EDIT_UNCHANGED = 0, SHELL_EDIT_DEFINED = 1 };
int shell_edit_xml(Shell *sh, ShellEditGet get, ShellEditDefine define, void *opaque,
                   bool define_unchanged);

/* ---- table.c ---- */
typedef struct ShellTable ShellTable;
ShellTable *shell_table_new(const char *first, ...);
void shell_table_add(ShellTable *table, const char *first, ...);
void shell_table_print(Shell *sh, ShellTable *table);
void shell_table_free(ShellTable *table);
/* Names and parents of the objects a tree listing shows (id < count). */
typedef const char *(*ShellTreeLookup)(size_t id, bool parent, void *opaque);
bool shell_tree_print(Shell *sh, ShellTreeLookup lookup, void *opaque, size_t count,
                      size_t root);

/* ---- lookup.c ---- */
enum { SHELL_BY_ID = 1 << 0, SHELL_BY_UUID = 1 << 1, SHELL_BY_NAME = 1 << 2 };
virDomainPtr shell_domain_lookup(Shell *sh, const ShellCmd *cmd, unsigned int by,
                                 const char **ret_name);
virNetworkPtr shell_network_lookup(Shell *sh, const ShellCmd *cmd, const char **ret_name);
virStoragePoolPtr shell_pool_lookup(Shell *sh, const ShellCmd *cmd, const char **ret_name);

/* ---- xml.c ---- */
bool shell_dump_xml(Shell *sh, const char *xml, const char *url, const char *xpath, bool wrap);
char *shell_xml_title(Shell *sh, const char *xml);
char *shell_xml_string(Shell *sh, const char *xml, const char *url, const char *expr);

/* ---- complete.c ---- */
void shell_completion_install(Shell *sh);

/* ---- help.c ---- */
bool shell_cmd_help(Shell *sh, const ShellCmd *cmd);
void shell_usage(const char *progname);

/* ---- states.c ---- */
const char *shell_domain_state_str(int state);
const char *shell_domain_reason_str(int state, int reason);
const char *shell_pool_state_str(int state);

#define SHELL_MAX_XML_FILE (10 * 1024 * 1024)

#endif /* VIREO_SHELL_H */
