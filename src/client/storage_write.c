/*
 * storage_write.c: the public storage pool and volume calls that change
 * state.
 */
#define VIR_FROM_THIS VIR_FROM_STORAGE

#include "client/client_objects.h"

virStoragePoolPtr
virStoragePoolCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xmlDesc, NULL);
    CLIENT_OBJ_WRITABLE(conn, NULL);
    CLIENT_FORWARD(conn, storage_pool_create_xml, CLIENT_FAILED_NULL, NULL, conn, xmlDesc,
                   flags);
}

virStoragePoolPtr
virStoragePoolDefineXML(virConnectPtr conn, const char *xml, unsigned int flags)
{
    CLIENT_ENTER_CONN(conn, NULL);
    CLIENT_OBJ_WRITABLE(conn, NULL);
    CLIENT_CHECK_NONNULL(conn, xml, NULL);
    CLIENT_FORWARD(conn, storage_pool_define_xml, CLIENT_FAILED_NULL, NULL, conn, xml, flags);
}

/* The pool calls taking (pool, flags). */
#define CLIENT_POOL_FLAGS_CALL(method) \
    do { \
        CLIENT_ENTER_POOL(pool, -1); \
        CLIENT_OBJ_WRITABLE(pool->conn, -1); \
        CLIENT_FORWARD(pool->conn, method, CLIENT_FAILED_NEG, -1, pool, flags); \
    } while (0)

int
virStoragePoolBuild(virStoragePoolPtr pool, unsigned int flags)
{
    CLIENT_POOL_FLAGS_CALL(storage_pool_build);
}

int
virStoragePoolCreate(virStoragePoolPtr pool, unsigned int flags)
{
    CLIENT_POOL_FLAGS_CALL(storage_pool_create);
}

int
virStoragePoolDelete(virStoragePoolPtr pool, unsigned int flags)
{
    CLIENT_POOL_FLAGS_CALL(storage_pool_delete);
}

int
virStoragePoolRefresh(virStoragePoolPtr pool, unsigned int flags)
{
    CLIENT_POOL_FLAGS_CALL(storage_pool_refresh);
}

int
virStoragePoolUndefine(virStoragePoolPtr pool)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_OBJ_WRITABLE(pool->conn, -1);
    CLIENT_FORWARD(pool->conn, storage_pool_undefine, CLIENT_FAILED_NEG, -1, pool);
}

int
virStoragePoolDestroy(virStoragePoolPtr pool)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_OBJ_WRITABLE(pool->conn, -1);
    CLIENT_FORWARD(pool->conn, storage_pool_destroy, CLIENT_FAILED_NEG, -1, pool);
}

int
virStoragePoolSetAutostart(virStoragePoolPtr pool, int autostart)
{
    CLIENT_ENTER_POOL(pool, -1);
    CLIENT_OBJ_WRITABLE(pool->conn, -1);
    CLIENT_FORWARD(pool->conn, storage_pool_set_autostart, CLIENT_FAILED_NEG, -1, pool,
                   autostart);
}

virStorageVolPtr
virStorageVolCreateXML(virStoragePoolPtr pool, const char *xmlDesc, unsigned int flags)
{
    CLIENT_ENTER_POOL(pool, NULL);
    CLIENT_CHECK_NONNULL(pool->conn, xmlDesc, NULL);
    CLIENT_OBJ_WRITABLE(pool->conn, NULL);
    CLIENT_FORWARD(pool->conn, storage_vol_create_xml, CLIENT_FAILED_NULL, NULL, pool, xmlDesc,
                   flags);
}

virStorageVolPtr
virStorageVolCreateXMLFrom(virStoragePoolPtr pool, const char *xmlDesc,
                           virStorageVolPtr clonevol, unsigned int flags)
{
    CLIENT_ENTER_POOL(pool, NULL);
    if (!client_vol_ok(clonevol, __func__))
        return NULL;
    CLIENT_CHECK_NONNULL(pool->conn, xmlDesc, NULL);
    CLIENT_OBJ_WRITABLE(pool->conn, NULL);
    CLIENT_FORWARD(pool->conn, storage_vol_create_xml_from, CLIENT_FAILED_NULL, NULL, pool,
                   xmlDesc, clonevol, flags);
}

int
virStorageVolDelete(virStorageVolPtr vol, unsigned int flags)
{
    CLIENT_ENTER_VOL(vol, -1);
    CLIENT_OBJ_WRITABLE(vol->conn, -1);
    CLIENT_FORWARD(vol->conn, storage_vol_delete, CLIENT_FAILED_NEG, -1, vol, flags);
}
