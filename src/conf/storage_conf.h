/*
 * storage_conf.h: storage pool (<pool>) and volume (<volume>) definitions.
 *
 * Modelled: pool type, name, uuid, sizes, target path; volume name, key,
 * sizes, target path and format. A pool's <source> children and its
 * target <permissions> are kept verbatim.
 */
#ifndef VIREO_CONF_STORAGE_CONF_H
#define VIREO_CONF_STORAGE_CONF_H

#include <libvirt/libvirt.h>

#include "conf/xml.h"

typedef struct {
    char *type;        /* dir, fs, netfs, logical, ... */
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    unsigned long long capacity, allocation, available; /* bytes */
    ConfXmlRaw *source;      /* <source>, or NULL */
    char *target_path;
    ConfXmlRaw *permissions; /* <target><permissions>, or NULL */
} StoragePoolDef;

typedef struct {
    char *name;
    char *key;
    char *type;        /* file, block, dir, network, ... */
    unsigned long long capacity, allocation; /* bytes */
    char *target_path;
    char *format;      /* target format type, or NULL */
    ConfXmlRaw *permissions;
} StorageVolDef;

/* Parse a <pool> document / element. Report (VIR_FROM_STORAGE). */
StoragePoolDef *storage_pool_def_parse_string(const char *xml);
StoragePoolDef *storage_pool_def_parse_node(xmlNodePtr node);
char *storage_pool_def_format(const StoragePoolDef *def);
void storage_pool_def_free(StoragePoolDef *def);
DEFINE_FREEP(StoragePoolDef, storage_pool_def_free)

/* Volume type number (VIR_STORAGE_VOL_*) for volumes in a pool of type
 * pool_type, and its name. */
int storage_vol_type_for_pool(const char *pool_type);

/* Parse a <volume> for pool. Reports. Fills type, and the format default
 * for file pools (raw). */
StorageVolDef *storage_vol_def_parse_string(const StoragePoolDef *pool, const char *xml);
StorageVolDef *storage_vol_def_parse_node(const StoragePoolDef *pool, xmlNodePtr node);
char *storage_vol_def_format(const StorageVolDef *def);
void storage_vol_def_free(StorageVolDef *def);
DEFINE_FREEP(StorageVolDef, storage_vol_def_free)

#endif /* VIREO_CONF_STORAGE_CONF_H */
