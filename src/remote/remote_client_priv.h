/*
 * remote_client_priv.h: what the remote driver's files share.
 *
 * The remote driver forwards every public API call over one RpcClient to a
 * daemon. Its per-connection state (RemoteConn) is conn->driver_data.
 */
#ifndef VIREO_REMOTE_CLIENT_PRIV_H
#define VIREO_REMOTE_CLIENT_PRIV_H

#include <pthread.h>
#include <stdbool.h>
#include <libvirt/libvirt.h>
#include "drivers/driver.h"
#include "remote_protocol.h"
#include "remote_wire.h"
#include "rpc/client.h"

typedef struct {
    RpcClient *rpc;             /* immutable after open; owned */
    bool is_secure;             /* immutable: the transport protects the data (unix) */
    bool is_encrypted;          /* immutable: the transport encrypts (tls, later) */
    bool event_callback;        /* immutable: the daemon answered feature 14 */
    bool close_callback;        /* immutable: the daemon answered feature 15 */
    pthread_mutex_t lock;       /* guards type */
    struct RemoteEvents *events; /* streams/events: remote_client_event.c; immutable */
    char *type;                 /* CONNECT_GET_TYPE's answer, cached: the API
                                 * returns a string the caller does not free */
} RemoteConn;

/* Sends proc with args and waits for its reply into ret (zeroed first).
 * Returns 0 (free ret with xdr_free), or -1 with the error record set. */
int remote_client_call(virConnectPtr conn, int proc, xdrproc_t args_filter, void *args,
                       xdrproc_t ret_filter, void *ret);

/* Filter/pointer pairs for remote_client_call: REMOTE_ARG(T, p) for a struct
 * of type T at p, REMOTE_VOID when that side is empty. */
#define REMOTE_ARG(T, p) (xdrproc_t)xdr_##T, (void *)(p)
#define REMOTE_VOID (xdrproc_t)(void (*)(void))xdr_void, NULL

/* Checks a legacy list request against the protocol bound (VIR_ERR_RPC). */
int remote_client_check_max(int max, int limit, const char *what);

/* Copies a reply's names into the caller's array (strdup'ed). Fails with
 * VIR_ERR_RPC when the daemon sent more than maxnames. */
int remote_client_copy_names(char **names_val, u_int names_len, char **const names,
                             int maxnames);

/* Copies a char array from the wire (which may or may not carry its NUL)
 * into a fixed buffer, always terminated. */
static inline void
remote_client_copy_chars(const char *val, u_int len, char *buf, size_t bufsize)
{
    size_t n = len < bufsize - 1 ? len : bufsize - 1;

    if (n)
        memcpy(buf, val, n);
    buf[n] = '\0';
}

/* The driver methods, grouped by file. */

/* remote_client_conn.c */
VireoDrvOpenStatus remote_client_connect_open(virConnectPtr conn, const VireoUri *uri,
                                              virConnectAuthPtr auth, unsigned int flags);
int remote_client_connect_close(virConnectPtr conn);
int remote_client_connect_is_alive(virConnectPtr conn);
int remote_client_connect_is_secure(virConnectPtr conn);
int remote_client_connect_is_encrypted(virConnectPtr conn);
int remote_client_connect_supports_feature(virConnectPtr conn, int feature);
const char *remote_client_connect_get_type(virConnectPtr conn);
char *remote_client_connect_get_uri(virConnectPtr conn);

/* remote_client_host.c */
int remote_client_connect_get_version(virConnectPtr conn, unsigned long *hv_ver);
int remote_client_connect_get_lib_version(virConnectPtr conn, unsigned long *lib_ver);
char *remote_client_connect_get_hostname(virConnectPtr conn);
char *remote_client_connect_get_capabilities(virConnectPtr conn);
char *remote_client_connect_get_sysinfo(virConnectPtr conn, unsigned int flags);
int remote_client_connect_get_max_vcpus(virConnectPtr conn, const char *type);
int remote_client_node_get_info(virConnectPtr conn, virNodeInfoPtr info);
unsigned long long remote_client_node_get_free_memory(virConnectPtr conn);
int remote_client_node_get_cells_free_memory(virConnectPtr conn, unsigned long long *free_mems,
                                             int start_cell, int max_cells);
int remote_client_node_get_security_model(virConnectPtr conn, virSecurityModelPtr secmodel);

/* remote_client_domain.c */
int remote_client_connect_num_of_domains(virConnectPtr conn);
int remote_client_connect_list_domains(virConnectPtr conn, int *ids, int maxids);
int remote_client_connect_num_of_defined_domains(virConnectPtr conn);
int remote_client_connect_list_defined_domains(virConnectPtr conn, char **const names,
                                               int maxnames);
int remote_client_connect_list_all_domains(virConnectPtr conn, virDomainPtr **domains,
                                           unsigned int flags);
virDomainPtr remote_client_domain_lookup_by_id(virConnectPtr conn, int id);
virDomainPtr remote_client_domain_lookup_by_name(virConnectPtr conn, const char *name);
virDomainPtr remote_client_domain_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid);
int remote_client_domain_get_info(virDomainPtr dom, virDomainInfoPtr info);
int remote_client_domain_get_state(virDomainPtr dom, int *state, int *reason,
                                   unsigned int flags);
char *remote_client_domain_get_os_type(virDomainPtr dom);
char *remote_client_domain_get_xml_desc(virDomainPtr dom, unsigned int flags);
unsigned long remote_client_domain_get_max_memory(virDomainPtr dom);
int remote_client_domain_get_max_vcpus(virDomainPtr dom);
int remote_client_domain_get_vcpus_flags(virDomainPtr dom, unsigned int flags);
int remote_client_domain_is_active(virDomainPtr dom);
int remote_client_domain_is_persistent(virDomainPtr dom);
int remote_client_domain_is_updated(virDomainPtr dom);
int remote_client_domain_get_autostart(virDomainPtr dom, int *autostart);
int remote_client_domain_set_autostart(virDomainPtr dom, int autostart);
int remote_client_domain_get_security_label(virDomainPtr dom, virSecurityLabelPtr seclabel);
int remote_client_domain_has_managed_save_image(virDomainPtr dom, unsigned int flags);
int remote_client_domain_snapshot_num(virDomainPtr dom, unsigned int flags);
int remote_client_domain_get_messages(virDomainPtr dom, char ***msgs, unsigned int flags);
virDomainPtr remote_client_domain_define_xml_flags(virConnectPtr conn, const char *xml,
                                                   unsigned int flags);
int remote_client_domain_undefine_flags(virDomainPtr dom, unsigned int flags);
virDomainPtr remote_client_domain_create_xml(virConnectPtr conn, const char *xml,
                                             unsigned int flags);
int remote_client_domain_create_with_flags(virDomainPtr dom, unsigned int flags);
int remote_client_domain_destroy_flags(virDomainPtr dom, unsigned int flags);
int remote_client_domain_shutdown_flags(virDomainPtr dom, unsigned int flags);
int remote_client_domain_reboot(virDomainPtr dom, unsigned int flags);
int remote_client_domain_suspend(virDomainPtr dom);
int remote_client_domain_resume(virDomainPtr dom);
int remote_client_domain_set_max_memory(virDomainPtr dom, unsigned long memory);
int remote_client_domain_set_memory_flags(virDomainPtr dom, unsigned long memory,
                                          unsigned int flags);
int remote_client_domain_set_vcpus_flags(virDomainPtr dom, unsigned int nvcpus,
                                         unsigned int flags);

/* remote_client_network.c */
int remote_client_connect_num_of_networks(virConnectPtr conn);
int remote_client_connect_list_networks(virConnectPtr conn, char **const names, int maxnames);
int remote_client_connect_num_of_defined_networks(virConnectPtr conn);
int remote_client_connect_list_defined_networks(virConnectPtr conn, char **const names,
                                                int maxnames);
int remote_client_connect_list_all_networks(virConnectPtr conn, virNetworkPtr **nets,
                                            unsigned int flags);
virNetworkPtr remote_client_network_lookup_by_name(virConnectPtr conn, const char *name);
virNetworkPtr remote_client_network_lookup_by_uuid(virConnectPtr conn,
                                                   const unsigned char *uuid);
char *remote_client_network_get_xml_desc(virNetworkPtr net, unsigned int flags);
char *remote_client_network_get_bridge_name(virNetworkPtr net);
int remote_client_network_is_active(virNetworkPtr net);
int remote_client_network_is_persistent(virNetworkPtr net);
int remote_client_network_get_autostart(virNetworkPtr net, int *autostart);

/* remote_client_storage.c */
int remote_client_connect_num_of_storage_pools(virConnectPtr conn);
int remote_client_connect_list_storage_pools(virConnectPtr conn, char **const names,
                                             int maxnames);
int remote_client_connect_num_of_defined_storage_pools(virConnectPtr conn);
int remote_client_connect_list_defined_storage_pools(virConnectPtr conn, char **const names,
                                                     int maxnames);
int remote_client_connect_list_all_storage_pools(virConnectPtr conn, virStoragePoolPtr **pools,
                                                 unsigned int flags);
virStoragePoolPtr remote_client_storage_pool_lookup_by_name(virConnectPtr conn,
                                                            const char *name);
virStoragePoolPtr remote_client_storage_pool_lookup_by_uuid(virConnectPtr conn,
                                                            const unsigned char *uuid);
virStoragePoolPtr remote_client_storage_pool_lookup_by_volume(virStorageVolPtr vol);
int remote_client_storage_pool_get_info(virStoragePoolPtr pool, virStoragePoolInfoPtr info);
char *remote_client_storage_pool_get_xml_desc(virStoragePoolPtr pool, unsigned int flags);
int remote_client_storage_pool_is_active(virStoragePoolPtr pool);
int remote_client_storage_pool_is_persistent(virStoragePoolPtr pool);
int remote_client_storage_pool_get_autostart(virStoragePoolPtr pool, int *autostart);
int remote_client_storage_pool_num_of_volumes(virStoragePoolPtr pool);
int remote_client_storage_pool_list_volumes(virStoragePoolPtr pool, char **const names,
                                            int maxnames);
int remote_client_storage_pool_list_all_volumes(virStoragePoolPtr pool, virStorageVolPtr **vols,
                                                unsigned int flags);
char *remote_client_connect_get_storage_pool_capabilities(virConnectPtr conn, unsigned int flags);
virStorageVolPtr remote_client_storage_vol_lookup_by_name(virStoragePoolPtr pool,
                                                          const char *name);
virStorageVolPtr remote_client_storage_vol_lookup_by_key(virConnectPtr conn, const char *key);
virStorageVolPtr remote_client_storage_vol_lookup_by_path(virConnectPtr conn, const char *path);
int remote_client_storage_vol_get_info(virStorageVolPtr vol, virStorageVolInfoPtr info);
char *remote_client_storage_vol_get_xml_desc(virStorageVolPtr vol, unsigned int flags);
char *remote_client_storage_vol_get_path(virStorageVolPtr vol);

#endif /* VIREO_REMOTE_CLIENT_PRIV_H */
