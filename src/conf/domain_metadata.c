/*
 * domain_metadata.c: the application elements under a domain's <metadata>.
 *
 * Each application owns one namespace; virDomainSetMetadata replaces the
 * element of that namespace and virDomainGetMetadata hands it back without
 * the prefix the setter chose, so a caller reads back what it wrote. The
 * elements are kept as ConfXmlRaw like the rest of the definition, which
 * prints them the way libvirt's libxml2 dump does.
 */
#include <string.h>
#include <libxml/tree.h>

#include "conf/domain_conf.h"
#include "conf/xml.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

int
domain_metadata_get_element(const DomainDef *def, const char *uri, char **ret_xml)
{
    ssize_t idx = conf_xml_raw_find_ns(def->metadata, uri);
    ConfXmlRaw *copy;
    const char *colon;
    _cleanup_free_ char *prefix = NULL;

    *ret_xml = NULL;
    if (idx < 0)
        return 0;
    copy = conf_xml_raw_copy(conf_xml_raw_kid(def->metadata, (size_t)idx));
    colon = strchr(conf_xml_raw_name(copy), ':');
    prefix = colon ? xstrndup(conf_xml_raw_name(copy), (size_t)(colon - conf_xml_raw_name(copy)))
                   : xstrdup("");
    conf_xml_raw_strip_prefix(copy, prefix);
    *ret_xml = conf_xml_raw_to_string(copy);
    conf_xml_raw_free(copy);
    return 0;
}

/* Puts every element of the user's tree that has no namespace into uri. */
static void
domain_metadata_adopt(xmlNodePtr node, xmlNsPtr ns)
{
    for (xmlNodePtr cur = node; cur; cur = cur->next) {
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        if (!cur->ns)
            xmlSetNs(cur, ns);
        domain_metadata_adopt(cur->children, ns);
    }
}

static ConfXmlRaw *
domain_metadata_parse(const char *metadata, const char *key, const char *uri)
{
    xmlDocPtr doc = conf_xml_parse_string(metadata, "(metadata_xml)", NULL, VIR_FROM_XML);
    xmlNodePtr root;
    xmlNsPtr ns;
    ConfXmlRaw *raw = NULL;

    if (!doc)
        return NULL;
    root = xmlDocGetRootElement(doc);
    if (xmlValidateNCName((const xmlChar *)key, 1) != 0) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_INTERNAL_ERROR, "%s",
                         "failed to validate prefix for a new XML namespace");
    } else if (!(ns = xmlNewNs(root, (const xmlChar *)uri, (const xmlChar *)key))) {
        vir_error_report(VIR_FROM_XML, VIR_ERR_INTERNAL_ERROR, "%s",
                         "failed to create a new XML namespace");
    } else {
        domain_metadata_adopt(root, ns);
        raw = conf_xml_raw_new(root);
    }
    xmlFreeDoc(doc);
    return raw;
}

int
domain_metadata_set_element(DomainDef *def, const char *metadata, const char *key,
                            const char *uri)
{
    ConfXmlRaw *elem = NULL;
    ssize_t idx;

    if (metadata && !(elem = domain_metadata_parse(metadata, key, uri)))
        return -1;
    if (elem && !def->metadata)
        def->metadata = conf_xml_raw_new_empty("metadata");
    while ((idx = conf_xml_raw_find_ns(def->metadata, uri)) >= 0)
        conf_xml_raw_drop_kid(def->metadata, (size_t)idx);
    if (elem)
        conf_xml_raw_append_kid(def->metadata, elem);
    return 0;
}
