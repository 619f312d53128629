/*
 * remote_client_event.h: events, keepalive and close callbacks on the
 * client side of remote connections (remote_client_event.c).
 */
#ifndef VIREO_REMOTE_CLIENT_EVENT_H
#define VIREO_REMOTE_CLIENT_EVENT_H

#include <libvirt/libvirt.h>
#include "drivers/events.h"
#include "rpc/client.h"

typedef struct RemoteEvents RemoteEvents;

/* Set up on open, before any call: installs the MESSAGE handler. */
RemoteEvents *remote_client_events_new(virConnectPtr conn, RpcClient *rpc);
/* Stops the I/O thread; called before the RpcClient is freed. */
void remote_client_events_free(RemoteEvents *ev);

/* Driver methods. */
int remote_client_connect_event_register(virConnectPtr conn, const VireoEventFilter *filter,
                                         VireoEventFunc fn, void *opaque,
                                         virFreeCallback free_fn);
int remote_client_connect_event_deregister(virConnectPtr conn, int callback_id);
int remote_client_connect_set_keepalive(virConnectPtr conn, int interval, unsigned int count);
int remote_client_connect_register_close_callback(virConnectPtr conn, virConnectCloseFunc cb,
                                                  void *opaque, virFreeCallback freecb);
int remote_client_connect_unregister_close_callback(virConnectPtr conn, virConnectCloseFunc cb);

#endif /* VIREO_REMOTE_CLIENT_EVENT_H */
