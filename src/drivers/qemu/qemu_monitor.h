/*
 * qemu_monitor.h: a QMP client on a unix socket.
 *
 * One reader thread per monitor reads newline-framed JSON messages (each
 * capped at QEMU_MONITOR_MAX_LINE), hands replies to the one command in
 * flight and events to a callback. Commands are serialized per monitor and
 * wait with a timeout, so a wedged qemu cannot hang an API call forever.
 * The callbacks run on the reader thread: they must not block and must not
 * call back into the monitor (the driver queues the event and handles it
 * on its own worker).
 */
#ifndef VIREO_DRIVERS_QEMU_MONITOR_H
#define VIREO_DRIVERS_QEMU_MONITOR_H

#include "drivers/qemu/qemu_json.h"

#define QEMU_MONITOR_MAX_LINE (8 * 1024 * 1024)
#define QEMU_MONITOR_TIMEOUT_MS 30000

typedef struct QemuMonitor QemuMonitor;

typedef struct {
    /* An event: name and its "data" member (may be NULL). */
    void (*event)(void *opaque, const char *name, const QemuJson *data);
    /* The connection closed (qemu exited) or broke. Called at most once,
     * never after qemu_monitor_close() began. */
    void (*eof)(void *opaque);
} QemuMonitorCallbacks;

/* Connects to the QMP socket at path, starts the reader and negotiates
 * capabilities (qmp_capabilities), waiting at most timeout_ms in total.
 * cb may be NULL. Reports (VIR_FROM_QEMU) and returns NULL on failure. */
QemuMonitor *qemu_monitor_open(const char *path, int timeout_ms, const QemuMonitorCallbacks *cb,
                               void *opaque);

/* Runs cmd with args_json (the JSON text of the "arguments" object, or
 * NULL) and waits up to timeout_ms (<= 0: the default). On success returns
 * 0 and, when ret_return is not NULL, the "return" member (caller frees).
 * Reports and returns -1 on a QMP error, EOF or timeout. Thread-safe. */
int qemu_monitor_command(QemuMonitor *mon, const char *cmd, const char *args_json, int timeout_ms,
                         QemuJson **ret_return);

/* Stops the reader (no callback runs after this returns), closes the
 * socket and frees mon. Must not be called from a callback. NULL is a
 * no-op. */
void qemu_monitor_close(QemuMonitor *mon);

/* The greeting's QEMU version as major*1000000+minor*1000+micro, 0 if
 * unknown. */
unsigned long qemu_monitor_version(QemuMonitor *mon);

#endif /* VIREO_DRIVERS_QEMU_MONITOR_H */
