/*
 * libvirt-storage-extra.h: the storage pool and volume calls that change
 * state (libvirt's libvirt-storage.h names and signatures). Included from
 * libvirt.h; do not include directly.
 */
#ifndef VIREO_LIBVIRT_STORAGE_EXTRA_H
#define VIREO_LIBVIRT_STORAGE_EXTRA_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    VIR_STORAGE_POOL_BUILD_NEW = 0,
    VIR_STORAGE_POOL_BUILD_REPAIR = (1 << 0),
    VIR_STORAGE_POOL_BUILD_RESIZE = (1 << 1),
    VIR_STORAGE_POOL_BUILD_NO_OVERWRITE = (1 << 2),
    VIR_STORAGE_POOL_BUILD_OVERWRITE = (1 << 3),
} virStoragePoolBuildFlags;

typedef enum {
    VIR_STORAGE_POOL_DELETE_NORMAL = 0,
    VIR_STORAGE_POOL_DELETE_ZEROED = 1 << 0,
} virStoragePoolDeleteFlags;

typedef enum {
    VIR_STORAGE_POOL_CREATE_NORMAL = 0,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD = 1 << 0,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE = 1 << 1,
    VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE = 1 << 2,
} virStoragePoolCreateFlags;

typedef enum {
    VIR_STORAGE_POOL_DEFINE_VALIDATE = 1 << 0,
} virStoragePoolDefineFlags;

typedef enum {
    VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA = 1 << 0,
    VIR_STORAGE_VOL_CREATE_REFLINK = 1 << 1,
    VIR_STORAGE_VOL_CREATE_VALIDATE = 1 << 2,
} virStorageVolCreateFlags;

typedef enum {
    VIR_STORAGE_VOL_DELETE_NORMAL = 0,
    VIR_STORAGE_VOL_DELETE_ZEROED = 1 << 0,
    VIR_STORAGE_VOL_DELETE_WITH_SNAPSHOTS = 1 << 1,
} virStorageVolDeleteFlags;

virStoragePoolPtr virStoragePoolCreateXML(virConnectPtr conn, const char *xmlDesc,
                                          unsigned int flags);
virStoragePoolPtr virStoragePoolDefineXML(virConnectPtr conn, const char *xmlDesc,
                                          unsigned int flags);
int virStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolUndefine(virStoragePoolPtr pool);
int virStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolDestroy(virStoragePoolPtr pool);
int virStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolRefresh(virStoragePoolPtr pool, unsigned int flags);
int virStoragePoolSetAutostart(virStoragePoolPtr pool, int autostart);

virStorageVolPtr virStorageVolCreateXML(virStoragePoolPtr pool, const char *xmlDesc,
                                        unsigned int flags);
virStorageVolPtr virStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xmlDesc,
                                            virStorageVolPtr clonevol, unsigned int flags);
int virStorageVolDelete(virStorageVolPtr vol, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* VIREO_LIBVIRT_STORAGE_EXTRA_H */
