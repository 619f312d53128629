/*
 * storage_conf.c: <pool> and <volume> parsing and formatting.
 */
#include <errno.h>
#include <string.h>

#include "conf/storage_conf.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_STORAGE
#include "util/error.h"

/* Pool types with the type of the volumes they hold. */
static const struct {
    const char *name;
    int vol_type;
} storage_pool_types[] = {
    { "dir", VIR_STORAGE_VOL_FILE }, { "fs", VIR_STORAGE_VOL_FILE },
    { "netfs", VIR_STORAGE_VOL_FILE }, { "logical", VIR_STORAGE_VOL_BLOCK },
    { "disk", VIR_STORAGE_VOL_BLOCK }, { "iscsi", VIR_STORAGE_VOL_BLOCK },
    { "iscsi-direct", VIR_STORAGE_VOL_NETWORK }, { "scsi", VIR_STORAGE_VOL_BLOCK },
    { "mpath", VIR_STORAGE_VOL_BLOCK }, { "rbd", VIR_STORAGE_VOL_NETWORK },
    { "sheepdog", VIR_STORAGE_VOL_NETWORK }, { "gluster", VIR_STORAGE_VOL_NETWORK },
    { "zfs", VIR_STORAGE_VOL_BLOCK }, { "vstorage", VIR_STORAGE_VOL_FILE },
};

static const char *const storage_vol_type_names[] = {
    "file", "block", "dir", "network", "netdir", "ploop",
};

int
storage_vol_type_for_pool(const char *pool_type)
{
    for (size_t i = 0; i < ARRAY_SIZE(storage_pool_types); i++)
        if (STREQ(storage_pool_types[i].name, pool_type))
            return storage_pool_types[i].vol_type;
    return VIR_STORAGE_VOL_FILE;
}

void
storage_pool_def_free(StoragePoolDef *def)
{
    if (!def)
        return;
    free(def->type);
    free(def->name);
    conf_xml_raw_free(def->source);
    free(def->target_path);
    conf_xml_raw_free(def->permissions);
    free(def);
}

void
storage_vol_def_free(StorageVolDef *def)
{
    if (!def)
        return;
    free(def->name);
    free(def->key);
    free(def->type);
    free(def->target_path);
    free(def->format);
    conf_xml_raw_free(def->permissions);
    free(def);
}

/* A size element with an optional unit attribute, in bytes (libvirt's
 * scaled values: no unit means bytes here). */
/* A size element with an optional unit attribute, in bytes. Parse errors
 * are reported as libvirt's storage code does ("malformed <name>
 * element") unless bad_text is NULL (then libvirt's generic XML text). */
static int
storage_parse_size_msg(xmlNodePtr parent, const char *name, const char *bad_text,
                       unsigned long long *ret);

static int
storage_parse_size(xmlNodePtr parent, const char *name, unsigned long long *ret)
{
    return storage_parse_size_msg(parent, name, NULL, ret);
}

static int
storage_parse_size_msg(xmlNodePtr parent, const char *name, const char *bad_text,
                       unsigned long long *ret)
{
    xmlNodePtr node = conf_xml_child(parent, name);
    _cleanup_free_ char *text = conf_xml_text(node);
    _cleanup_free_ char *unit = conf_xml_prop(node, "unit");
    unsigned long long v, scale = 1, base;
    char *end;

    if (!text)
        return 0;
    errno = 0;
    v = strtoull(text, &end, 10);
    if (end == text || *end || errno || strchr(text, '-')) {
        if (bad_text)
            vir_report_error(VIR_ERR_XML_ERROR, "%s", bad_text);
        else
            vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                             "Invalid value '%s' for element or attribute './%s'", text, name);
        return -1;
    }
    if (unit && *unit && !STRCASEEQ(unit, "b") && !STRCASEEQ(unit, "bytes") &&
        !STRCASEEQ(unit, "byte")) {
        const char *p = strchr("kmgtpe", unit[0] | 0x20);
        if (!unit[1] || STRCASEEQ(unit + 1, "iB"))
            base = 1024;
        else if ((unit[1] | 0x20) == 'b' && !unit[2])
            base = 1000;
        else
            p = NULL;
        if (!p || !unit[0]) {
            vir_error_report(VIR_FROM_NONE, VIR_ERR_INVALID_ARG, "unknown suffix '%s'", unit);
            return -1;
        }
        for (const char *q = "kmgtpe"; q <= p; q++)
            scale *= base;
    }
    if (v && v > 0x7fffffffffffffffULL / scale) {
        vir_error_report(VIR_FROM_NONE, VIR_ERR_OVERFLOW, "value too large: %llu%s", v,
                         unit ? unit : "");
        return -1;
    }
    *ret = v * scale;
    return 1;
}

StoragePoolDef *
storage_pool_def_parse_node(xmlNodePtr root)
{
    _cleanup_(storage_pool_def_freep) StoragePoolDef *def = XNEW(StoragePoolDef);
    _cleanup_free_ char *uuid = NULL;
    xmlNodePtr target = conf_xml_child(root, "target");
    bool known = false;

    if (!(def->type = conf_xml_prop(root, "type"))) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "Missing required attribute 'type' in element 'pool'");
        return NULL;
    }
    for (size_t i = 0; i < ARRAY_SIZE(storage_pool_types); i++)
        known |= STREQ(storage_pool_types[i].name, def->type);
    if (!known) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_XML_ERROR,
                         "Invalid value for attribute 'type' in element 'pool': '%s'.", def->type);
        return NULL;
    }
    /* a dir pool has no source options: libvirt keeps none */
    if (conf_xml_child(root, "source") && STRNEQ(def->type, "dir"))
        def->source = conf_xml_raw_new(conf_xml_child(root, "source"));
    if (!(def->name = conf_xml_child_text(root, "name"))) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "missing pool source name element");
        return NULL;
    }
    if (strchr(def->name, '/')) {
        vir_report_error(VIR_ERR_XML_ERROR, "name %s cannot contain '/'", def->name);
        return NULL;
    }
    if (!(uuid = conf_xml_child_text(root, "uuid"))) {
        (void)vireo_uuid_generate(def->uuid);
    } else if (vireo_uuid_parse(uuid, def->uuid) < 0) {
        vir_report_error(VIR_ERR_INTERNAL_ERROR, "%s", "malformed uuid element");
        return NULL;
    }
    def->target_path = conf_xml_child_text(target, "path");
    if (!def->target_path && STRNEQ(def->type, "rbd") && STRNEQ(def->type, "sheepdog") &&
        STRNEQ(def->type, "gluster") && STRNEQ(def->type, "iscsi-direct")) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "missing storage pool target path");
        return NULL;
    }
    if (conf_xml_child(target, "permissions"))
        def->permissions = conf_xml_raw_new(conf_xml_child(target, "permissions"));
    if (storage_parse_size(root, "capacity", &def->capacity) < 0 ||
        storage_parse_size(root, "allocation", &def->allocation) < 0 ||
        storage_parse_size(root, "available", &def->available) < 0)
        return NULL;
    return TAKE_PTR(def);
}

StoragePoolDef *
storage_pool_def_parse_string(const char *xml)
{
    xmlDocPtr doc = conf_xml_parse_string(xml, "(storage_pool_definition)", "pool",
                                          VIR_FROM_STORAGE);
    StoragePoolDef *def;

    if (!doc)
        return NULL;
    def = storage_pool_def_parse_node(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return def;
}

char *
storage_pool_def_format(const StoragePoolDef *def)
{
    VireoBuf buf = VIREO_BUF_INIT;
    char uuid[VIR_UUID_STRING_BUFLEN];

    buf_add(&buf, "<pool");
    conf_xml_attr(&buf, "type", def->type);
    buf_add(&buf, ">\n");
    conf_xml_element(&buf, 2, "name", def->name);
    buf_addf(&buf, "  <uuid>%s</uuid>\n", vireo_uuid_format(def->uuid, uuid));
    buf_addf(&buf, "  <capacity unit='bytes'>%llu</capacity>\n", def->capacity);
    buf_addf(&buf, "  <allocation unit='bytes'>%llu</allocation>\n", def->allocation);
    buf_addf(&buf, "  <available unit='bytes'>%llu</available>\n", def->available);
    buf_add(&buf, "  <source>\n");
    conf_xml_raw_format_children(&buf, def->source, 4);
    buf_add(&buf, "  </source>\n");
    if (def->target_path) {
        buf_add(&buf, "  <target>\n");
        conf_xml_element(&buf, 4, "path", def->target_path);
        if (def->permissions)
            conf_xml_raw_format(&buf, def->permissions, 4);
        buf_add(&buf, "  </target>\n");
    }
    buf_add(&buf, "</pool>\n");
    return buf_steal(&buf);
}

StorageVolDef *
storage_vol_def_parse_node(const StoragePoolDef *pool, xmlNodePtr root)
{
    _cleanup_(storage_vol_def_freep) StorageVolDef *def = XNEW(StorageVolDef);
    xmlNodePtr target = conf_xml_child(root, "target");
    int rc;

    if (!(def->name = conf_xml_child_text(root, "name"))) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "missing volume name element");
        return NULL;
    }
    def->key = conf_xml_child_text(root, "key");
    if ((rc = storage_parse_size_msg(root, "capacity", "malformed capacity element",
                                     &def->capacity)) < 0)
        return NULL;
    if (rc == 0) {
        vir_report_error(VIR_ERR_XML_ERROR, "%s", "missing capacity element");
        return NULL;
    }
    if ((rc = storage_parse_size_msg(root, "allocation", "malformed allocation element",
                                     &def->allocation)) < 0)
        return NULL;
    if (rc == 0)
        def->allocation = def->capacity;
    def->type = xstrdup(storage_vol_type_names[storage_vol_type_for_pool(pool->type)]);
    def->target_path = conf_xml_child_text(target, "path");
    def->format = conf_xml_prop(conf_xml_child(target, "format"), "type");
    if (!def->format && storage_vol_type_for_pool(pool->type) == VIR_STORAGE_VOL_FILE)
        def->format = xstrdup("raw");
    if (conf_xml_child(target, "permissions"))
        def->permissions = conf_xml_raw_new(conf_xml_child(target, "permissions"));
    return TAKE_PTR(def);
}

StorageVolDef *
storage_vol_def_parse_string(const StoragePoolDef *pool, const char *xml)
{
    xmlDocPtr doc = conf_xml_parse_string(xml, "(storage_volume_definition)", "volume",
                                          VIR_FROM_STORAGE);
    StorageVolDef *def;

    if (!doc)
        return NULL;
    def = storage_vol_def_parse_node(pool, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return def;
}

char *
storage_vol_def_format(const StorageVolDef *def)
{
    VireoBuf buf = VIREO_BUF_INIT;

    buf_add(&buf, "<volume");
    conf_xml_attr(&buf, "type", def->type);
    buf_add(&buf, ">\n");
    conf_xml_element(&buf, 2, "name", def->name);
    conf_xml_element(&buf, 2, "key", def->key);
    buf_addf(&buf, "  <capacity unit='bytes'>%llu</capacity>\n", def->capacity);
    buf_addf(&buf, "  <allocation unit='bytes'>%llu</allocation>\n", def->allocation);
    buf_add(&buf, "  <target>\n");
    conf_xml_element(&buf, 4, "path", def->target_path);
    if (def->format) {
        buf_add(&buf, "    <format");
        conf_xml_attr(&buf, "type", def->format);
        buf_add(&buf, "/>\n");
    }
    if (def->permissions)
        conf_xml_raw_format(&buf, def->permissions, 4);
    buf_add(&buf, "  </target>\n");
    buf_add(&buf, "</volume>\n");
    return buf_steal(&buf);
}
