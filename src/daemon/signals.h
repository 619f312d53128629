/*
 * signals.h: SIGINT/SIGTERM stop the server; SIGHUP reloads (the TLS
 * certificates, CRL and allow lists); SIGPIPE is ignored.
 *
 * SIGINT, SIGTERM and SIGHUP are blocked in every thread and taken by one thread
 * with sigwait(), so nothing runs in signal context at all and the stop
 * can never race with the server being freed.
 */
#ifndef VIREO_DAEMON_SIGNALS_H
#define VIREO_DAEMON_SIGNALS_H

#include <stdbool.h>

#include "rpc/server.h"

/* What SIGHUP runs, on the signal thread. Set before daemon_signals_start;
 * without one SIGHUP does nothing. */
typedef void (*DaemonReloadFunc)(void *opaque);
void daemon_signals_set_reload(DaemonReloadFunc fn, void *opaque);

/* Blocks SIGINT/SIGTERM/SIGHUP and ignores SIGPIPE. Call first in main,
 * before any thread exists, so every thread inherits the mask. */
void daemon_signals_init(void);

/* Starts the thread that waits for SIGINT/SIGTERM and calls
 * rpc_server_stop(srv). Returns 0, or -1 with errno set. */
int daemon_signals_start(RpcServer *srv);

/* True once SIGINT or SIGTERM has arrived. Thread-safe. */
bool daemon_signals_stop_requested(void);

/* Ends and joins the signal thread (before srv is freed). No-op when it
 * was not started. */
void daemon_signals_stop(void);

#endif /* VIREO_DAEMON_SIGNALS_H */
