/*
 * remote_client_snapshot.h: the remote driver's snapshot and checkpoint
 * methods (remote_client_snapshot.c), one per VireoDriver member.
 */
#ifndef VIREO_REMOTE_CLIENT_SNAPSHOT_H
#define VIREO_REMOTE_CLIENT_SNAPSHOT_H

#include <libvirt/libvirt.h>

virDomainSnapshotPtr remote_client_domain_snapshot_create_xml(virDomainPtr dom, const char *xml,
                                                              unsigned int flags);
char *remote_client_domain_snapshot_get_xml_desc(virDomainSnapshotPtr snap, unsigned int flags);
int remote_client_domain_snapshot_list_names(virDomainPtr dom, char **names, int nameslen,
                                             unsigned int flags);
int remote_client_domain_list_all_snapshots(virDomainPtr dom, virDomainSnapshotPtr **snaps,
                                            unsigned int flags);
int remote_client_domain_snapshot_num_children(virDomainSnapshotPtr snap, unsigned int flags);
int remote_client_domain_snapshot_list_children_names(virDomainSnapshotPtr snap, char **names,
                                                      int nameslen, unsigned int flags);
int remote_client_domain_snapshot_list_all_children(virDomainSnapshotPtr snap,
                                                    virDomainSnapshotPtr **snaps,
                                                    unsigned int flags);
virDomainSnapshotPtr remote_client_domain_snapshot_lookup_by_name(virDomainPtr dom,
                                                                  const char *name,
                                                                  unsigned int flags);
int remote_client_domain_has_current_snapshot(virDomainPtr dom, unsigned int flags);
virDomainSnapshotPtr remote_client_domain_snapshot_current(virDomainPtr dom, unsigned int flags);
virDomainSnapshotPtr remote_client_domain_snapshot_get_parent(virDomainSnapshotPtr snap,
                                                              unsigned int flags);
int remote_client_domain_snapshot_is_current(virDomainSnapshotPtr snap, unsigned int flags);
int remote_client_domain_snapshot_has_metadata(virDomainSnapshotPtr snap, unsigned int flags);
int remote_client_domain_revert_to_snapshot(virDomainSnapshotPtr snap, unsigned int flags);
int remote_client_domain_snapshot_delete(virDomainSnapshotPtr snap, unsigned int flags);
virDomainCheckpointPtr remote_client_domain_checkpoint_create_xml(virDomainPtr dom,
                                                                  const char *xml,
                                                                  unsigned int flags);
char *remote_client_domain_checkpoint_get_xml_desc(virDomainCheckpointPtr chk,
                                                   unsigned int flags);
int remote_client_domain_list_all_checkpoints(virDomainPtr dom, virDomainCheckpointPtr **chks,
                                              unsigned int flags);
int remote_client_domain_checkpoint_list_all_children(virDomainCheckpointPtr chk,
                                                      virDomainCheckpointPtr **chks,
                                                      unsigned int flags);
virDomainCheckpointPtr remote_client_domain_checkpoint_lookup_by_name(virDomainPtr dom,
                                                                      const char *name,
                                                                      unsigned int flags);
virDomainCheckpointPtr remote_client_domain_checkpoint_get_parent(virDomainCheckpointPtr chk,
                                                                  unsigned int flags);
int remote_client_domain_checkpoint_delete(virDomainCheckpointPtr chk, unsigned int flags);

#endif /* VIREO_REMOTE_CLIENT_SNAPSHOT_H */
