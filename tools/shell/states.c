/*
 * states.c: the words virsh uses for domain and pool states and reasons.
 */
#include "shell.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const domain_states[] = {
    "no state", "running", "idle", "paused", "in shutdown", "shut off", "crashed", "pmsuspended",
};

static const char *const nostate_reasons[] = { "unknown" };
static const char *const running_reasons[] = {
    "unknown", "booted", "migrated", "restored", "from snapshot", "unpaused",
    "migration canceled", "save canceled", "event wakeup", "crashed", "post-copy",
    "post-copy failed",
};
static const char *const blocked_reasons[] = { "unknown" };
static const char *const paused_reasons[] = {
    "unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog",
    "from snapshot", "shutting down", "creating snapshot", "crashed", "starting up",
    "post-copy", "post-copy failed",
};
static const char *const shutdown_reasons[] = { "unknown", "user" };
static const char *const shutoff_reasons[] = {
    "unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed",
    "from snapshot", "daemon",
};
static const char *const crashed_reasons[] = { "unknown", "panicked" };
static const char *const pmsuspended_reasons[] = { "unknown" };

/* Reasons per state, indexed by virDomainState. */
static const struct {
    const char *const *names;
    size_t count;
} domain_reasons[] = {
    { nostate_reasons, N_ELEMS(nostate_reasons) },
    { running_reasons, N_ELEMS(running_reasons) },
    { blocked_reasons, N_ELEMS(blocked_reasons) },
    { paused_reasons, N_ELEMS(paused_reasons) },
    { shutdown_reasons, N_ELEMS(shutdown_reasons) },
    { shutoff_reasons, N_ELEMS(shutoff_reasons) },
    { crashed_reasons, N_ELEMS(crashed_reasons) },
    { pmsuspended_reasons, N_ELEMS(pmsuspended_reasons) },
};

static const char *const pool_states[] = {
    "inactive", "building", "running", "degraded", "inaccessible",
};

/* The word for a virDomainState; unknown values read "no state". */
const char *
shell_domain_state_str(int state)
{
    if (state < 0 || (size_t)state >= N_ELEMS(domain_states))
        return "no state";
    return domain_states[state];
}

/* The word for a state reason; unknown values read "unknown". */
const char *
shell_domain_reason_str(int state, int reason)
{
    if (state < 0 || (size_t)state >= N_ELEMS(domain_reasons) || reason < 0 ||
        (size_t)reason >= domain_reasons[state].count)
        return "unknown";
    return domain_reasons[state].names[reason];
}

/* The word for a virStoragePoolState; unknown values read "unknown". */
const char *
shell_pool_state_str(int state)
{
    if (state < 0 || (size_t)state >= N_ELEMS(pool_states))
        return "unknown";
    return pool_states[state];
}
