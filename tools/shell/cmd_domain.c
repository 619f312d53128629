/*
 * cmd_domain.c: the "Domain Management" commands: lifecycle, definition
 * and resource settings.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

#define OPT_DOMAIN(help) { "domain", SHELL_OPT_DATA, SHELL_OFLAG_REQ, help }
#define OPT_DOMAIN_FULL OPT_DOMAIN("domain name, id or uuid")
#define OPT_FILE(help) { "file", SHELL_OPT_DATA, SHELL_OFLAG_REQ, help }
#define OPT_BOOL(name, help) { name, SHELL_OPT_BOOL, 0, help }
#define OPT_CONFIG OPT_BOOL("config", "affect next boot")
#define OPT_LIVE OPT_BOOL("live", "affect running domain")
#define OPT_CURRENT OPT_BOOL("current", "affect current domain")
#define OPT_END { NULL, 0, 0, NULL }

/* Reports that an option vireo accepts for compatibility cannot be honoured
 * through the public API it is built on. */
static bool
shell_unsupported_option(Shell *sh, const ShellCmd *cmd, const char *name)
{
    if (!shell_opt_bool(cmd, name))
        return true;
    shell_error(sh, "option --%s is not supported by vireo", name);
    return false;
}

static bool
cmd_autostart(Shell *sh, const ShellCmd *cmd)
{
    bool enable = !shell_opt_bool(cmd, "disable");
    const char *name;
    virDomainPtr dom;
    bool ok;

    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, &name)))
        return false;
    ok = virDomainSetAutostart(dom, enable) == 0;
    if (!ok) {
        shell_error_save(sh);
        shell_error(sh, enable ? "Failed to mark domain '%s' as autostarted"
                               : "Failed to unmark domain '%s' as autostarted", name);
    } else {
        shell_print_extra(sh, enable ? "Domain '%s' marked as autostarted\n"
                                     : "Domain '%s' unmarked as autostarted\n", name);
    }
    virDomainFree(dom);
    return ok;
}

static bool
cmd_create(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = 0;
    const char *from;
    virDomainPtr dom;
    char *xml;

    if (shell_opt_string(sh, cmd, "file", &from) < 0 || !(xml = shell_read_file(sh, from)))
        return false;
    if (!shell_unsupported_option(sh, cmd, "console") ||
        !shell_unsupported_option(sh, cmd, "pass-fds")) {
        free(xml);
        return false;
    }
    if (shell_opt_bool(cmd, "paused"))
        flags |= VIR_DOMAIN_START_PAUSED;
    if (shell_opt_bool(cmd, "autodestroy"))
        flags |= VIR_DOMAIN_START_AUTODESTROY;
    if (shell_opt_bool(cmd, "validate"))
        flags |= VIR_DOMAIN_START_VALIDATE;
    if (shell_opt_bool(cmd, "reset-nvram"))
        flags |= VIR_DOMAIN_START_RESET_NVRAM;
    dom = virDomainCreateXML(sh->conn, xml, flags);
    free(xml);
    if (!dom) {
        shell_error_save(sh);
        shell_error(sh, "Failed to create domain from %s", from);
        return false;
    }
    shell_print_extra(sh, "Domain '%s' created from %s\n", virDomainGetName(dom), from);
    virDomainFree(dom);
    return true;
}

static bool
cmd_define(Shell *sh, const ShellCmd *cmd)
{
    const char *from;
    virDomainPtr dom;
    char *xml;

    if (shell_opt_string(sh, cmd, "file", &from) < 0 || !(xml = shell_read_file(sh, from)))
        return false;
    if (shell_opt_bool(cmd, "validate"))
        dom = virDomainDefineXMLFlags(sh->conn, xml, VIR_DOMAIN_DEFINE_VALIDATE);
    else
        dom = virDomainDefineXML(sh->conn, xml);
    free(xml);
    if (!dom) {
        shell_error_save(sh);
        shell_error(sh, "Failed to define domain from %s", from);
        return false;
    }
    shell_print_extra(sh, "Domain '%s' defined from %s\n", virDomainGetName(dom), from);
    virDomainFree(dom);
    return true;
}

static bool
cmd_destroy(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = 0;
    const char *name;
    virDomainPtr dom;
    int rc;

    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, &name)))
        return false;
    if (shell_opt_bool(cmd, "graceful"))
        flags |= VIR_DOMAIN_DESTROY_GRACEFUL;
    if (shell_opt_bool(cmd, "remove-logs"))
        flags |= VIR_DOMAIN_DESTROY_REMOVE_LOGS;
    rc = flags ? virDomainDestroyFlags(dom, flags) : virDomainDestroy(dom);
    if (rc < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to destroy domain '%s'", name);
    } else {
        shell_print_extra(sh, "Domain '%s' destroyed\n", name);
    }
    virDomainFree(dom);
    return rc >= 0;
}

/* The words accepted by --mode of shutdown and reboot, and their flags
 * (the shutdown and reboot flag values are the same bits). */
static const struct {
    const char *word;
    unsigned int flag;
} shutdown_modes[] = {
    { "acpi", VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN },
    { "agent", VIR_DOMAIN_SHUTDOWN_GUEST_AGENT },
    { "initctl", VIR_DOMAIN_SHUTDOWN_INITCTL },
    { "signal", VIR_DOMAIN_SHUTDOWN_SIGNAL },
    { "paravirt", VIR_DOMAIN_SHUTDOWN_PARAVIRT },
};

/* Turns "acpi,agent" into flags. Returns false after reporting an unknown
 * word; @err_fmt is the command's own message for that. */
static bool
shell_parse_modes(Shell *sh, const ShellCmd *cmd, const char *err_fmt, unsigned int *ret_flags)
{
    const char *mode;
    unsigned int flags = 0;
    char *copy, *word, *rest;

    if (shell_opt_string(sh, cmd, "mode", &mode) < 0)
        return false;
    if (mode && *mode) {
        if (!(copy = strdup(mode)))
            abort();
        for (word = copy; word; word = rest) {
            size_t i, n = sizeof(shutdown_modes) / sizeof(shutdown_modes[0]);

            if ((rest = strchr(word, ',')))
                *rest++ = '\0';
            for (i = 0; i < n && strcmp(shutdown_modes[i].word, word) != 0; i++)
                ;
            if (i == n) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
                shell_error(sh, err_fmt, word);
#pragma GCC diagnostic pop
                free(copy);
                return false;
            }
            flags |= shutdown_modes[i].flag;
        }
        free(copy);
    }
    *ret_flags = flags;
    return true;
}

static bool
cmd_reboot(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = 0;
    const char *name;
    virDomainPtr dom;
    bool ok;

    if (!shell_parse_modes(sh, cmd, "Unknown mode %s value, expecting 'acpi', 'agent', "
                                    "'initctl', 'signal' or 'paravirt'", &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, &name)))
        return false;
    if (!(ok = virDomainReboot(dom, flags) == 0)) {
        shell_error_save(sh);
        shell_error(sh, "Failed to reboot domain '%s'", name);
    } else {
        shell_print_extra(sh, "Domain '%s' is being rebooted\n", name);
    }
    virDomainFree(dom);
    return ok;
}

static bool
cmd_shutdown(Shell *sh, const ShellCmd *cmd)
{
    unsigned int flags = 0;
    const char *name;
    virDomainPtr dom;
    bool ok;

    if (!shell_parse_modes(sh, cmd, "Unknown mode %s value, expecting 'acpi', 'agent', "
                                    "'initctl', 'signal', or 'paravirt'", &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, &name)))
        return false;
    ok = (flags ? virDomainShutdownFlags(dom, flags) : virDomainShutdown(dom)) == 0;
    if (!ok) {
        shell_error_save(sh);
        shell_error(sh, "Failed to shutdown domain '%s'", name);
    } else {
        shell_print_extra(sh, "Domain '%s' is being shutdown\n", name);
    }
    virDomainFree(dom);
    return ok;
}

/* suspend and resume differ only in the call and the words. */
static bool
shell_pause_toggle(Shell *sh, const ShellCmd *cmd, int (*call)(virDomainPtr),
                   const char *verb, const char *done)
{
    const char *name;
    virDomainPtr dom;
    bool ok;

    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, &name)))
        return false;
    if (!(ok = call(dom) == 0)) {
        shell_error_save(sh);
        shell_error(sh, "Failed to %s domain '%s'", verb, name);
    } else {
        shell_print_extra(sh, "Domain '%s' %s\n", name, done);
    }
    virDomainFree(dom);
    return ok;
}

static bool
cmd_suspend(Shell *sh, const ShellCmd *cmd)
{
    return shell_pause_toggle(sh, cmd, virDomainSuspend, "suspend", "suspended");
}

static bool
cmd_resume(Shell *sh, const ShellCmd *cmd)
{
    return shell_pause_toggle(sh, cmd, virDomainResume, "resume", "resumed");
}

static bool
cmd_start(Shell *sh, const ShellCmd *cmd)
{
    static const struct { const char *opt; unsigned int flag; } start_flags[] = {
        { "paused", VIR_DOMAIN_START_PAUSED },
        { "autodestroy", VIR_DOMAIN_START_AUTODESTROY },
        { "bypass-cache", VIR_DOMAIN_START_BYPASS_CACHE },
        { "force-boot", VIR_DOMAIN_START_FORCE_BOOT },
        { "reset-nvram", VIR_DOMAIN_START_RESET_NVRAM },
    };
    unsigned int flags = 0;
    virDomainPtr dom;
    int rc;

    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_NAME | SHELL_BY_UUID, NULL)))
        return false;
    if (virDomainGetID(dom) != (unsigned int)-1) {
        shell_error(sh, "%s", "Domain is already active");
        virDomainFree(dom);
        return false;
    }
    if (!shell_unsupported_option(sh, cmd, "pass-fds") ||
        !shell_unsupported_option(sh, cmd, "console")) {
        virDomainFree(dom);
        return false;
    }
    for (size_t i = 0; i < sizeof(start_flags) / sizeof(start_flags[0]); i++) {
        if (shell_opt_bool(cmd, start_flags[i].opt))
            flags |= start_flags[i].flag;
    }
    rc = flags ? virDomainCreateWithFlags(dom, flags) : virDomainCreate(dom);
    if (rc < 0) {
        shell_error_save(sh);
        shell_error(sh, "Failed to start domain '%s'", virDomainGetName(dom));
    } else {
        shell_print_extra(sh, "Domain '%s' started\n", virDomainGetName(dom));
    }
    virDomainFree(dom);
    return rc >= 0;
}

/* Flags for --config/--live/--current; @dflt applies when none is given.
 * Returns false after reporting --current combined with another. */
static bool
shell_affect_flags(Shell *sh, const ShellCmd *cmd, unsigned int dflt, unsigned int *ret_flags)
{
    bool config = shell_opt_bool(cmd, "config");
    bool live = shell_opt_bool(cmd, "live");
    bool current = shell_opt_bool(cmd, "current");
    unsigned int flags = dflt;

    if (!shell_exclusive(sh, "current", current, "live", live) ||
        !shell_exclusive(sh, "current", current, "config", config))
        return false;
    if (config || live || current) {
        flags = VIR_DOMAIN_AFFECT_CURRENT;
        if (config)
            flags |= VIR_DOMAIN_AFFECT_CONFIG;
        if (live)
            flags |= VIR_DOMAIN_AFFECT_LIVE;
    }
    *ret_flags = flags;
    return true;
}

/* setmem and setmaxmem: a size in KiB (or scaled) and where it applies. */
static bool
shell_set_memory(Shell *sh, const ShellCmd *cmd, unsigned int dflt, unsigned int extra,
                 const char *fail_msg)
{
    unsigned long long bytes = 0;
    unsigned int flags;
    virDomainPtr dom;
    bool ok;

    if (!shell_affect_flags(sh, cmd, dflt, &flags))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, NULL)))
        return false;
    if (shell_opt_scaled(sh, cmd, "size", 1024, ULONG_MAX, &bytes) < 0) {
        virDomainFree(dom);
        return false;
    }
    ok = virDomainSetMemoryFlags(dom, (unsigned long)((bytes + 1023) / 1024), flags | extra) == 0;
    if (!ok) {
        shell_error_save(sh);
        if (fail_msg)
            shell_error(sh, "%s", fail_msg);
    }
    virDomainFree(dom);
    return ok;
}

static bool
cmd_setmem(Shell *sh, const ShellCmd *cmd)
{
    return shell_set_memory(sh, cmd, VIR_DOMAIN_AFFECT_LIVE, 0, NULL);
}

static bool
cmd_setmaxmem(Shell *sh, const ShellCmd *cmd)
{
    return shell_set_memory(sh, cmd, VIR_DOMAIN_AFFECT_CURRENT, VIR_DOMAIN_MEM_MAXIMUM,
                            "Unable to change MaxMemorySize");
}

static bool
cmd_setvcpus(Shell *sh, const ShellCmd *cmd)
{
    bool maximum = shell_opt_bool(cmd, "maximum"), config = shell_opt_bool(cmd, "config");
    bool live = shell_opt_bool(cmd, "live"), current = shell_opt_bool(cmd, "current");
    bool guest = shell_opt_bool(cmd, "guest"), hotplug = shell_opt_bool(cmd, "hotpluggable");
    unsigned int flags = 0, count = 0;
    virDomainPtr dom;
    int rc;

    if (!shell_exclusive(sh, "current", current, "live", live) ||
        !shell_exclusive(sh, "current", current, "config", config) ||
        !shell_exclusive(sh, "guest", guest, "config", config) ||
        !shell_requires(sh, "maximum", maximum, "config", config))
        return false;
    flags |= (config ? VIR_DOMAIN_AFFECT_CONFIG : 0) | (live ? VIR_DOMAIN_AFFECT_LIVE : 0) |
             (guest ? VIR_DOMAIN_VCPU_GUEST : 0) | (maximum ? VIR_DOMAIN_VCPU_MAXIMUM : 0) |
             (hotplug ? VIR_DOMAIN_VCPU_HOTPLUGGABLE : 0);
    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, NULL)))
        return false;
    if (shell_opt_uint(sh, cmd, "count", &count) < 0) {
        virDomainFree(dom);
        return false;
    }
    if (count == 0) {
        shell_error(sh, "%s", "Can't set 0 processors for a VM");
        virDomainFree(dom);
        return false;
    }
    if (!current && flags == 0)
        rc = virDomainSetVcpus(dom, count);
    else
        rc = virDomainSetVcpusFlags(dom, count, flags);
    if (rc < 0)
        shell_error_save(sh);
    virDomainFree(dom);
    return rc == 0;
}

/* Options of undefine that act on storage volumes, which the public API
 * vireo offers cannot delete. */
static const char *const undefine_storage_opts[] = {
    "storage", "remove-all-storage", "delete-storage-volume-snapshots", "wipe-storage",
};

static bool
shell_undefine_check(Shell *sh, const ShellCmd *cmd)
{
    const char *vols = NULL;

    if (!shell_requires(sh, "delete-storage-volume-snapshots",
                        shell_opt_bool(cmd, "delete-storage-volume-snapshots"),
                        "remove-all-storage", shell_opt_bool(cmd, "remove-all-storage")) ||
        !shell_exclusive(sh, "nvram", shell_opt_bool(cmd, "nvram"), "keep-nvram",
                         shell_opt_bool(cmd, "keep-nvram")) ||
        !shell_exclusive(sh, "tpm", shell_opt_bool(cmd, "tpm"), "keep-tpm",
                         shell_opt_bool(cmd, "keep-tpm")))
        return false;
    (void)shell_opt_string_quiet(cmd, "storage", &vols);
    if (!(vols || shell_opt_bool(cmd, "remove-all-storage")) &&
        shell_opt_bool(cmd, "wipe-storage")) {
        shell_error(sh, "%s", "'--wipe-storage' requires '--storage <string>' or "
                              "'--remove-all-storage'");
        return false;
    }
    return true;
}

/* Refuses the storage options once the domain is known, with virsh's
 * messages for the cases it refuses too. */
static bool
shell_undefine_storage(Shell *sh, const ShellCmd *cmd, int running)
{
    bool vols = shell_opt_bool(cmd, "storage"), all = shell_opt_bool(cmd, "remove-all-storage");

    if (!vols && !all)
        return true;
    if (running) {
        shell_error(sh, "%s", "Storage volume deletion is supported only on stopped domains");
        return false;
    }
    if (vols && all) {
        shell_error(sh, "%s", "Specified both --storage and --remove-all-storage");
        return false;
    }
    for (size_t i = 0; i < sizeof(undefine_storage_opts) / sizeof(undefine_storage_opts[0]); i++) {
        if (!shell_unsupported_option(sh, cmd, undefine_storage_opts[i]))
            return false;
    }
    return true;
}

/* What undefine found out about the domain before choosing how to go. */
typedef struct {
    unsigned int flags;
    int running;
    int managed;          /* has a managed save image */
    int snaps_metadata;   /* snapshots with metadata */
    bool flags_safe;      /* virDomainUndefineFlags cannot lose anything unasked */
} ShellUndefinePlan;

/* Works out which undefine flags to send (the ones for managed save and
 * snapshot metadata only when there is something of that kind, so that a
 * server that does not know them is not bothered) and whether the one
 * call may do it all, as virsh decides. Returns -1 on error. */
static int
shell_undefine_plan(Shell *sh, const ShellCmd *cmd, virDomainPtr dom, ShellUndefinePlan *plan)
{
    static const struct { const char *opt; unsigned int flag; } table[] = {
        { "managed-save", VIR_DOMAIN_UNDEFINE_MANAGED_SAVE },
        { "snapshots-metadata", VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA },
        { "checkpoints-metadata", VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA },
        { "nvram", VIR_DOMAIN_UNDEFINE_NVRAM },
        { "keep-nvram", VIR_DOMAIN_UNDEFINE_KEEP_NVRAM },
        { "tpm", VIR_DOMAIN_UNDEFINE_TPM },
        { "keep-tpm", VIR_DOMAIN_UNDEFINE_KEEP_TPM },
    };
    bool managed_safe = shell_opt_bool(cmd, "managed-save");
    bool snaps_safe = shell_opt_bool(cmd, "snapshots-metadata");
    int snaps = 0;

    memset(plan, 0, sizeof(*plan));
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (shell_opt_bool(cmd, table[i].opt))
            plan->flags |= table[i].flag;
    }
    if ((plan->running = virDomainIsActive(dom)) < 0)
        return -1;
    if (!plan->running) {
        /* a managed save image and snapshot metadata only matter to an
         * inactive domain */
        if ((plan->managed = virDomainHasManagedSaveImage(dom, 0)) < 0) {
            shell_error_save(sh);
            if (shell_error_code(sh) != VIR_ERR_NO_SUPPORT)
                return -1;
            shell_error_reset(sh);
            plan->managed = 0;
        }
        if ((snaps = virDomainSnapshotNum(dom, 0)) < 0) {
            shell_error_save(sh);
            if (shell_error_code(sh) != VIR_ERR_NO_SUPPORT)
                return -1;
            shell_error_reset(sh);
            snaps = 0;
        }
        if (snaps) {
            plan->snaps_metadata = virDomainSnapshotNum(dom, VIR_DOMAIN_SNAPSHOT_LIST_METADATA);
            if (plan->snaps_metadata < 0) {
                /* a server without the flag: take every snapshot as metadata */
                shell_error_reset(sh);
                plan->snaps_metadata = snaps;
            } else {
                /* a server that knows the flag knows every undefine flag */
                managed_safe = snaps_safe = true;
            }
        }
    }
    if (!plan->managed) {
        plan->flags &= ~VIR_DOMAIN_UNDEFINE_MANAGED_SAVE;
        managed_safe = true;
    }
    if (snaps == 0)
        snaps_safe = true;
    if (plan->snaps_metadata == 0) {
        plan->flags &= ~VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA;
        snaps_safe = true;
    }
    plan->flags_safe = managed_safe && snaps_safe;
    return 0;
}

/* Undefines without virDomainUndefineFlags, or after a server refused it:
 * removes the managed save image if asked, refuses when something would
 * be lost unasked. Returns 0, -1 with the library error, or -2 after an
 * error of its own. */
static int
shell_undefine_piecewise(Shell *sh, const ShellCmd *cmd, virDomainPtr dom,
                         const ShellUndefinePlan *plan)
{
    if (plan->managed) {
        if (!shell_opt_bool(cmd, "managed-save")) {
            shell_error(sh, "%s", "Refusing to undefine while domain managed save image exists");
            return -2;
        }
        if (virDomainManagedSaveRemove(dom, 0) < 0) {
            shell_error_save(sh);
            shell_error_report(sh);
            return -2;
        }
    }
    if (plan->snaps_metadata) {
        if (shell_opt_bool(cmd, "snapshots-metadata"))
            shell_error(sh, "Unable to remove metadata of %d snapshots", plan->snaps_metadata);
        else
            shell_error(sh, "Refusing to undefine while %d snapshots exist", plan->snaps_metadata);
        return -2;
    }
    return virDomainUndefine(dom);
}

static bool
cmd_undefine(Shell *sh, const ShellCmd *cmd)
{
    ShellUndefinePlan plan;
    const char *name;
    virDomainPtr dom;
    int rc = -1;

    if (!shell_undefine_check(sh, cmd))
        return false;
    if (!(dom = shell_domain_lookup(sh, cmd, SHELL_BY_ID | SHELL_BY_UUID | SHELL_BY_NAME, &name)))
        return false;
    if (shell_undefine_plan(sh, cmd, dom, &plan) < 0) {
        shell_error_save(sh);
        virDomainFree(dom);
        return false;
    }
    if (!shell_undefine_storage(sh, cmd, plan.running)) {
        virDomainFree(dom);
        return false;
    }
    /* The one call when it is safe (and always for --nvram, which only it
     * knows); piecewise when a server does not know it. */
    if (plan.flags_safe || shell_opt_bool(cmd, "nvram")) {
        rc = virDomainUndefineFlags(dom, plan.flags);
        if (rc < 0) {
            shell_error_save(sh);
            if (!shell_opt_bool(cmd, "nvram") && (shell_error_code(sh) == VIR_ERR_NO_SUPPORT ||
                                                  shell_error_code(sh) == VIR_ERR_INVALID_ARG)) {
                shell_error_reset(sh);
                rc = shell_undefine_piecewise(sh, cmd, dom, &plan);
            }
        }
    } else {
        rc = shell_undefine_piecewise(sh, cmd, dom, &plan);
    }
    if (rc == 0) {
        shell_print_extra(sh, "Domain '%s' has been undefined\n", name);
    } else if (rc == -1) {
        shell_error_save(sh);
        shell_error(sh, "Failed to undefine domain '%s'", name);
    }
    virDomainFree(dom);
    return rc == 0;
}

static const ShellOptDef opts_autostart[] = {
    OPT_DOMAIN_FULL,
    OPT_BOOL("disable", "disable autostarting"),
    OPT_END,
};

static const ShellOptDef opts_create[] = {
    OPT_FILE("file containing an XML domain description"),
    OPT_BOOL("console", "attach to console after creation"),
    OPT_BOOL("paused", "leave the guest paused after creation"),
    OPT_BOOL("autodestroy", "automatically destroy the guest when virsh disconnects"),
    { "pass-fds", SHELL_OPT_STRING, 0, "pass file descriptors N,M,... to the guest" },
    OPT_BOOL("validate", "validate the XML against the schema"),
    OPT_BOOL("reset-nvram", "re-initialize NVRAM from its pristine template"),
    OPT_END,
};

static const ShellOptDef opts_define[] = {
    OPT_FILE("file containing an XML domain description"),
    OPT_BOOL("validate", "validate the XML against the schema"),
    OPT_END,
};

static const ShellOptDef opts_destroy[] = {
    OPT_DOMAIN_FULL,
    OPT_BOOL("graceful", "terminate gracefully"),
    OPT_BOOL("remove-logs", "remove domain logs"),
    OPT_END,
};

static const ShellOptDef opts_shutdown[] = {
    OPT_DOMAIN_FULL,
    { "mode", SHELL_OPT_STRING, 0, "shutdown mode: acpi|agent|initctl|signal|paravirt" },
    OPT_END,
};

static const ShellOptDef opts_domain_only[] = {
    OPT_DOMAIN_FULL,
    OPT_END,
};

static const ShellOptDef opts_setmem[] = {
    OPT_DOMAIN_FULL,
    { "kilobytes", SHELL_OPT_ALIAS, 0, "size" },
    { "size", SHELL_OPT_INT, SHELL_OFLAG_REQ, "new memory size, as scaled integer (default KiB)" },
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_setmaxmem[] = {
    OPT_DOMAIN_FULL,
    { "kilobytes", SHELL_OPT_ALIAS, 0, "size" },
    { "size", SHELL_OPT_INT, SHELL_OFLAG_REQ,
      "new maximum memory size, as scaled integer (default KiB)" },
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_END,
};

static const ShellOptDef opts_setvcpus[] = {
    OPT_DOMAIN_FULL,
    { "count", SHELL_OPT_INT, SHELL_OFLAG_REQ, "number of virtual CPUs" },
    OPT_BOOL("maximum", "set maximum limit on next boot"),
    OPT_CONFIG,
    OPT_LIVE,
    OPT_CURRENT,
    OPT_BOOL("guest", "modify cpu state in the guest"),
    OPT_BOOL("hotpluggable", "make added vcpus hot(un)pluggable"),
    OPT_END,
};

static const ShellOptDef opts_start[] = {
    OPT_DOMAIN("name of the inactive domain"),
    OPT_BOOL("console", "attach to console after creation"),
    OPT_BOOL("paused", "leave the guest paused after creation"),
    OPT_BOOL("autodestroy", "automatically destroy the guest when virsh disconnects"),
    OPT_BOOL("bypass-cache", "avoid file system cache when loading"),
    OPT_BOOL("force-boot", "force fresh boot by discarding any managed save"),
    { "pass-fds", SHELL_OPT_STRING, 0, "pass file descriptors N,M,... to the guest" },
    OPT_BOOL("reset-nvram", "re-initialize NVRAM from its pristine template"),
    OPT_END,
};

static const ShellOptDef opts_undefine[] = {
    OPT_DOMAIN_FULL,
    OPT_BOOL("managed-save", "remove domain managed state file"),
    { "storage", SHELL_OPT_STRING, 0,
      "remove associated storage volumes (comma separated list of targets or source paths) "
      "(see domblklist)" },
    OPT_BOOL("remove-all-storage", "remove all associated storage volumes (use with caution)"),
    { "delete-snapshots", SHELL_OPT_ALIAS, 0, "delete-storage-volume-snapshots" },
    OPT_BOOL("delete-storage-volume-snapshots",
             "delete snapshots associated with volume(s), requires --remove-all-storage "
             "(must be supported by storage driver)"),
    OPT_BOOL("wipe-storage", "wipe data on the removed volumes"),
    OPT_BOOL("snapshots-metadata", "remove all domain snapshot metadata (vm must be inactive)"),
    OPT_BOOL("checkpoints-metadata",
             "remove all domain checkpoint metadata (vm must be inactive)"),
    OPT_BOOL("nvram", "remove nvram file"),
    OPT_BOOL("keep-nvram", "keep nvram file"),
    OPT_BOOL("tpm", "remove TPM state"),
    OPT_BOOL("keep-tpm", "keep TPM state"),
    OPT_END,
};

/* Commands defined in cmd_domain_info.c that belong to this group. */
bool cmd_domid(Shell *sh, const ShellCmd *cmd);
bool cmd_domname(Shell *sh, const ShellCmd *cmd);
bool cmd_domuuid(Shell *sh, const ShellCmd *cmd);
bool cmd_dumpxml(Shell *sh, const ShellCmd *cmd);
extern const ShellOptDef shell_opts_domid[], shell_opts_domname[], shell_opts_domuuid[],
    shell_opts_dumpxml[];

const ShellCmdDef shell_domain_cmds[] = {
    { "autostart", cmd_autostart, opts_autostart, "autostart a domain",
      "Configure a domain to be automatically started at boot.", 0 },
    { "create", cmd_create, opts_create, "create a domain from an XML file",
      "Create a domain.", 0 },
    { "define", cmd_define, opts_define, "define (but don't start) a domain from an XML file",
      "Define a domain.", 0 },
    { "destroy", cmd_destroy, opts_destroy, "destroy (stop) a domain",
      "Forcefully stop a given domain, but leave its resources intact.", 0 },
    { "domid", cmd_domid, shell_opts_domid, "convert a domain name or UUID to domain id", "", 0 },
    { "domname", cmd_domname, shell_opts_domname, "convert a domain id or UUID to domain name",
      "", 0 },
    { "domuuid", cmd_domuuid, shell_opts_domuuid, "convert a domain name or id to domain UUID",
      "", 0 },
    { "dumpxml", cmd_dumpxml, shell_opts_dumpxml, "domain information in XML",
      "Output the domain information as an XML dump to stdout.", 0 },
    { "reboot", cmd_reboot, opts_shutdown, "reboot a domain",
      "Run a reboot command in the target domain.", 0 },
    { "resume", cmd_resume, opts_domain_only, "resume a domain",
      "Resume a previously suspended domain.", 0 },
    { "setmaxmem", cmd_setmaxmem, opts_setmaxmem, "change maximum memory limit",
      "Change the maximum memory allocation limit in the guest domain.", 0 },
    { "setmem", cmd_setmem, opts_setmem, "change memory allocation",
      "Change the current memory allocation in the guest domain.", 0 },
    { "setvcpus", cmd_setvcpus, opts_setvcpus, "change number of virtual CPUs",
      "Change the number of virtual CPUs in the guest domain.", 0 },
    { "shutdown", cmd_shutdown, opts_shutdown, "gracefully shutdown a domain",
      "Run shutdown in the target domain.", 0 },
    { "start", cmd_start, opts_start, "start a (previously defined) inactive domain",
      "Start a domain, either from the last managedsave\n"
      "    state, or via a fresh boot if no managedsave state\n"
      "    is present.", 0 },
    { "suspend", cmd_suspend, opts_domain_only, "suspend a domain",
      "Suspend a running domain.", 0 },
    { "undefine", cmd_undefine, opts_undefine, "undefine a domain",
      "Undefine an inactive domain, or convert persistent to transient.", 0 },
    { NULL, NULL, NULL, NULL, NULL, 0 },
};
