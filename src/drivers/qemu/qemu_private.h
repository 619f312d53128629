/*
 * qemu_private.h: the QEMU driver's state, shared by its files.
 *
 * One QemuDriver per state root (qemu:///system, or an embed root), alive
 * for the life of the process, so running VMs stay watched between client
 * connections. Locking:
 *   - drv->lock guards the domain list and every QemuDomain field marked
 *     "drv->lock"; it is held only for short, non-blocking work.
 *   - dom->job serializes operations on one domain (start, stop, monitor
 *     commands, event handling) and is held across monitor calls. Order:
 *     dom->job before drv->lock; never take a job while holding drv->lock.
 *   - drv->config_lock serializes writes of persistent definitions (held
 *     across their fsyncs). Order: dom->job, config_lock, drv->lock.
 *   - Monitor callbacks run on the monitor's reader thread and only queue
 *     work for the driver's event worker.
 */
#ifndef VIREO_DRIVERS_QEMU_PRIVATE_H
#define VIREO_DRIVERS_QEMU_PRIVATE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <sys/types.h>

#include "drivers/driver.h"
#include "drivers/events.h"
#include "drivers/qemu/qemu_conf.h"
#include "drivers/qemu/qemu_monitor.h"
#include "drivers/qemu/qemu_user_conf.h"

typedef struct QemuDriver QemuDriver;

typedef struct QemuDomain {
    atomic_int refs;
    pthread_mutex_t job;        /* see the header comment */
    QemuDriver *drv;            /* immutable */
    unsigned char uuid[VIR_UUID_BUFLEN]; /* immutable */

    /* drv->lock */
    QemuDef *def;               /* live definition when active, else the persistent one */
    QemuDef *new_def;           /* persistent definition while active (NULL: transient) */
    int state, reason;          /* virDomainState and its reason */
    int id;                     /* -1 when inactive */
    bool persistent, autostart;
    bool removed;               /* no longer in drv->domains */
    unsigned int gen;           /* bumped at every start/stop: stale events are dropped */

    /* dom->job (read under drv->lock as well) */
    pid_t pid;                  /* 0 when inactive */
    int pidfd;                  /* -1 when inactive */
    bool is_child;              /* we forked it (reap it) */
    unsigned long long start_time; /* /proc/PID/stat starttime: guards pid reuse */
    QemuMonitor *mon;
    void *mon_ctx;              /* the callbacks' opaque, freed after mon */
    char *lib_dir;              /* per-run private directory (monitor.sock) */
    char *mon_path;
    bool fake_reboot;           /* a reboot is waiting for the guest's SHUTDOWN */
    bool shutdown_seen;         /* qemu reported SHUTDOWN: EOF is a clean stop */
    bool reboot_resuming;       /* a fake reboot's STOP/RESUME are still to come */
    unsigned int own_stops;     /* STOP events our own "stop" commands still owe */
    unsigned int own_resumes;   /* RESUME events our own "cont" commands still owe */
    /* The reset in progress (qemu_process.c): when its first RESET came
     * (monotonic ms, 0: none), how many RESETs it has produced so far, and
     * the run (gen) it belongs to. */
    unsigned long long reset_started_ms;
    unsigned int reset_count;
    unsigned int reset_gen;
    bool dac_labelled;          /* its files were given to qemu's user (qemu_security.c) */
    QemuUserConf *run_user;     /* dom->job: the credentials of this run, from its live
                                 * seclabel (qemu_seclabel.c); NULL when inactive */
} QemuDomain;

/* Probed facts about the qemu binary (qemu_caps.c). */
typedef struct {
    char *emulator;
    unsigned long version;      /* major*1000000+minor*1000+micro */
    char **machines;            /* NULL-terminated */
    char **machine_aliases;     /* parallel: alias or "" */
    char **cpu_models;          /* NULL-terminated: the ones usable under TCG */
    char *pc_canonical;
    bool kvm_present;           /* query-kvm said so */
    bool kvm_usable;            /* the self-test guest booted */
    bool kvm_tested;            /* the self-test has run to its end */
} QemuCaps;

typedef struct {
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned int gen;
    char *event;                /* NULL: monitor EOF */
    bool guest;                 /* SHUTDOWN, RESET: guest-initiated */
    unsigned long long when_ms; /* monotonic ms when the reader received it */
} QemuEvent;

struct QemuDriver {
    pthread_mutex_t lock;
    char *root;                 /* immutable: "" for the system layout */
    char *config_dir, *autostart_dir, *state_dir, *lib_dir, *log_dir, *cache_dir; /* immutable */
    int lock_fd;                /* immutable: driver.pid, flock'ed */
    bool privileged;            /* immutable */
    QemuUserConf user_conf;     /* immutable: qemu.conf's user, group, ownership */
    /* Serializes changes to persistent definitions (config files, autostart
     * links) and the list updates that go with them, so the disk I/O runs
     * outside drv->lock. Order: dom->job, then config_lock, then lock. */
    pthread_mutex_t config_lock;

    /* lock */
    QemuDomain **domains;
    size_t ndomains;
    int next_id;
    QemuCaps *caps;             /* NULL until probed */
    pthread_mutex_t caps_lock;  /* serializes probing; before lock */

    /* the event worker: lock guards the queue */
    pthread_t worker;
    pthread_cond_t cond;
    QemuEvent **queue;
    size_t nqueue;

    VireoEventHub *events;      /* immutable pointer: clients' event registrations */
};

/* qemu_driver.c */
/* The driver state behind conn. */
QemuDriver *qemu_driver_of(virConnectPtr conn);

/* qemu_domain.c / lookups */
QemuDomain *qemu_domain_ref(QemuDomain *dom);
void qemu_domain_unref(QemuDomain *dom);
/* New domain holding def (ownership moves), added to drv's list. Caller
 * holds drv->lock. Returns a borrowed pointer (the list's reference). */
QemuDomain *qemu_domain_add(QemuDriver *drv, QemuDef *def);
/* Drops dom from the list (caller holds drv->lock). */
void qemu_domain_remove(QemuDriver *drv, QemuDomain *dom);
/* Finds a domain: each returns a new reference or NULL (caller holds
 * drv->lock). */
QemuDomain *qemu_domain_find_uuid(QemuDriver *drv, const unsigned char *uuid);
QemuDomain *qemu_domain_find_name(QemuDriver *drv, const char *name);
/* Whether dom passes virConnectListAllDomains' filter flags. Caller holds
 * drv->lock. */
bool qemu_domain_list_matches(const QemuDomain *dom, unsigned int flags);

/* qemu_files.c: atomic files and the on-disk layout. Each reports. */
int qemu_files_mkdirs(const char *path, mode_t mode);
int qemu_files_write_atomic(const char *path, const char *data, size_t len, mode_t mode);
int qemu_files_remove(const char *path);
/* Persistent config and autostart link. Caller holds drv->config_lock and
 * not drv->lock (these fsync); def must not change meanwhile. */
int qemu_files_save_config(QemuDriver *drv, const QemuDef *def);
int qemu_files_delete_config(QemuDriver *drv, const char *name);
int qemu_files_set_autostart(QemuDriver *drv, const char *name, bool on);
/* Loads every persistent config (at state init). Reports nothing: bad
 * files are skipped with a debug log, as libvirt skips them. */
void qemu_files_load_configs(QemuDriver *drv);
/* Runtime status (pid, monitor, live XML). Caller holds dom->job. */
int qemu_files_save_status(QemuDriver *drv, QemuDomain *dom);
void qemu_files_delete_status(QemuDriver *drv, const char *name);
/* Status file contents, parsed. */
typedef struct {
    QemuDef *def;
    int state, reason;
    pid_t pid;
    unsigned long long start_time;
    char *mon_path, *lib_dir;
    bool dac_labelled;
} QemuStatus;
int qemu_files_load_status(const char *path, QemuStatus *ret_status);
void qemu_status_clear(QemuStatus *st);

/* qemu_caps.c */
/* The probed caps (probing once, or from the on-disk cache). Reports. */
QemuCaps *qemu_caps_get(QemuDriver *drv);
/* The conf-layer view of caps. */
void qemu_caps_conf(const QemuCaps *caps, QemuConfCaps *ret_conf);
/* The capabilities XML. Reports. */
char *qemu_caps_format(QemuDriver *drv);
void qemu_caps_free(QemuCaps *caps);

/* qemu_process.c: all with dom->job held. Each reports. */
int qemu_process_start(QemuDriver *drv, QemuDomain *dom, bool paused, int reason);
/* Kills qemu (SIGTERM, SIGKILL after a bound), waits for it and marks dom
 * shut off with reason; removes a transient domain from the list. */
void qemu_process_stop(QemuDriver *drv, QemuDomain *dom, int reason);
/* Reattaches to a qemu left running by an earlier process. */
void qemu_process_reconnect(QemuDriver *drv, const char *status_path);
/* Handles one queued monitor event. */
void qemu_process_handle_event(QemuDriver *drv, QemuDomain *dom, const QemuEvent *ev);
/* The event worker's thread body. */
void *qemu_process_worker(void *opaque);
/* CPU time used by pid, in ns (0 when unknown). */
unsigned long long qemu_process_cpu_time(pid_t pid);

/* Emits a domain event to the installed sink (qemu_driver.c). Caller
 * must not hold drv->lock. */
void qemu_event_emit(QemuDriver *drv, QemuDomain *dom, int event_id, int event, int detail);

/* Shared helpers */
/* For failures the caller deliberately survives (a status file that could
 * not be rewritten after the VM itself changed state): logs the reported
 * error at debug level and clears it, so it cannot surface in an unrelated
 * call's result. */
void qemu_error_drop(const char *context);
const char *qemu_state_name(int state);
int qemu_state_parse(const char *name);
const char *qemu_reason_name(int state, int reason);
int qemu_reason_parse(int state, const char *name);

#endif /* VIREO_DRIVERS_QEMU_PRIVATE_H */
