/*
 * xml.h: the hostile-input-safe XML layer every definition parser uses.
 *
 * Documents arrive from the network, so parsing is bounded: a size cap, no
 * network access, no DTD loading and no entity substitution (the content
 * getters below read text nodes only, so an entity reference can never be
 * expanded into a large string). Parse errors are reported the way libvirt
 * reports them: VIR_ERR_XML_DETAIL with "<name>:<line>: <message><context>\n
 * <pointer>", so clients see the same text.
 *
 * Formatting goes through conf_xml_escape() (libvirt's entity set: the five
 * XML entities, control characters dropped) and single-quoted attributes.
 */
#ifndef VIREO_CONF_XML_H
#define VIREO_CONF_XML_H

#include <stdbool.h>
#include <sys/types.h>
#include <libxml/tree.h>

#include "util/buf.h"

/* Largest document accepted: the largest string the protocol can carry. */
#define CONF_XML_MAX_LEN (4 * 1024 * 1024)

/* Parses xml (NUL-terminated). doc_name is the name errors show, e.g.
 * "(domain_definition)". When root is not NULL the root element must have
 * that name. Reports into err_domain (VIR_ERR_XML_DETAIL for syntax errors,
 * VIR_ERR_XML_ERROR for a wrong root) and returns NULL on failure. */
xmlDocPtr conf_xml_parse_string(const char *xml, const char *doc_name, const char *root,
                                int err_domain);

/* The same for a file on disk (custom test driver state): regular files of
 * at most CONF_XML_MAX_LEN bytes; the offending line is quoted in errors
 * only when the file is world-readable. Reports. */
xmlDocPtr conf_xml_parse_file(const char *path, const char *root, int err_domain);

/* The first element child of node called name, or NULL. */
xmlNodePtr conf_xml_child(xmlNodePtr node, const char *name);
/* The next element sibling of cur (exclusive) called name, or NULL. */
xmlNodePtr conf_xml_next(xmlNodePtr cur, const char *name);
/* Number of element children called name. */
size_t conf_xml_count(xmlNodePtr node, const char *name);

/* Copy of attribute name of node, or NULL when absent. Caller frees. */
char *conf_xml_prop(xmlNodePtr node, const char *name);
/* Concatenated text of node's direct text/CDATA children (entity references
 * are not expanded), or NULL when that is empty. Caller frees. */
char *conf_xml_text(xmlNodePtr node);
/* conf_xml_text of the first child called name, or NULL. */
char *conf_xml_child_text(xmlNodePtr node, const char *name);

/* Attribute helpers reporting libvirt's texts (VIR_FROM_XML, XML_ERROR).
 * Each returns 1 when the attribute was found and valid (*ret set), 0 when
 * it is absent and not required, -1 (reported) otherwise. */
int conf_xml_prop_enum(xmlNodePtr node, const char *name, const char *const *values,
                       bool required, char **ret);
int conf_xml_prop_uint(xmlNodePtr node, const char *name, bool required, unsigned int *ret);
/* The same with strtoul's base (0: "0x" prefix means hex). */
int conf_xml_prop_uint_base(xmlNodePtr node, const char *name, int base, bool required,
                            unsigned int *ret);
int conf_xml_prop_int(xmlNodePtr node, const char *name, bool required, int *ret);

/* Index of s in the NULL-terminated table values, or -1. */
int conf_enum_index(const char *const *values, const char *s);

/* True when node is an element called name. */
bool conf_xml_is(xmlNodePtr node, const char *name);

/* Appends s with '<', '>', '&', '"' and '\'' escaped; drops control
 * characters other than tab, newline and carriage return. */
void conf_xml_escape(VireoBuf *buf, const char *s);
/* Appends " name='value'" (escaped) when value is not NULL. */
void conf_xml_attr(VireoBuf *buf, const char *name, const char *value);
/* Appends indent spaces. */
void conf_xml_indent(VireoBuf *buf, int indent);
/* Appends "<name>escaped text</name>\n" at indent when text is not NULL. */
void conf_xml_element(VireoBuf *buf, int indent, const char *name, const char *text);

/* A copy of an element subtree kept verbatim for elements the object
 * model does not interpret; formatted back in libvirt's style. */
typedef struct ConfXmlRaw ConfXmlRaw;
ConfXmlRaw *conf_xml_raw_new(xmlNodePtr node);
void conf_xml_raw_free(ConfXmlRaw *raw);
ConfXmlRaw *conf_xml_raw_copy(const ConfXmlRaw *raw);
/* Formats raw at indent, one element per line, attributes single-quoted. */
void conf_xml_raw_format(VireoBuf *buf, const ConfXmlRaw *raw, int indent);
/* The same with double-quoted attributes: how libvirt prints foreign XML
 * it stores as a libxml2 tree (domain <metadata> contents). */
void conf_xml_raw_format_dq(VireoBuf *buf, const ConfXmlRaw *raw, int indent);
/* Value of attribute name of raw's element, or NULL. */
const char *conf_xml_raw_attr(const ConfXmlRaw *raw, const char *name);
/* Formats only the child elements of raw, at indent. */
void conf_xml_raw_format_children(VireoBuf *buf, const ConfXmlRaw *raw, int indent);
/* True when raw has a child element called name (NULL: any child). */
bool conf_xml_raw_has_child(const ConfXmlRaw *raw, const char *name);
/* The first child element of raw called name, or NULL. */
ConfXmlRaw *conf_xml_raw_child(const ConfXmlRaw *raw, const char *name);
/* The next child of raw after cur called name, or NULL. */
ConfXmlRaw *conf_xml_raw_next(const ConfXmlRaw *raw, const ConfXmlRaw *cur, const char *name);
/* Adds attribute name=value to raw (NULL: no-op) unless present, right
 * after attribute after (or last when after is absent): how libvirt's
 * defaults appear in its output. */
void conf_xml_raw_default_attr(ConfXmlRaw *raw, const char *name, const char *value,
                               const char *after);
/* Sets attribute name of raw to value (NULL: removes it), moving it to
 * position pos among the attributes (clamped). */
void conf_xml_raw_set_attr_at(ConfXmlRaw *raw, const char *name, const char *value, size_t pos);
/* Reorders raw's children: those named in order (NULL-terminated) first,
 * in that order, the rest after them as they were. */
void conf_xml_raw_sort_children(ConfXmlRaw *raw, const char *const *order);
/* The text content of raw, or NULL. */
const char *conf_xml_raw_text(const ConfXmlRaw *raw);
/* Removes (and frees) the first child of raw called name, if any. */
void conf_xml_raw_remove_child(ConfXmlRaw *raw, const char *name);
/* Number of attributes of raw. */
size_t conf_xml_raw_attr_count(const ConfXmlRaw *raw);
/* The element name of raw. */
const char *conf_xml_raw_name(const ConfXmlRaw *raw);

/* Namespaced children, as <metadata> keeps them (domain_metadata.c). */
ConfXmlRaw *conf_xml_raw_new_empty(const char *name);
/* The URI an element's prefix is bound to, on it or on its parent. */
const char *conf_xml_raw_ns_href(const ConfXmlRaw *raw, const ConfXmlRaw *parent);
/* Index of the first child in namespace uri, -1 when none. */
ssize_t conf_xml_raw_find_ns(const ConfXmlRaw *raw, const char *uri);
const ConfXmlRaw *conf_xml_raw_kid(const ConfXmlRaw *raw, size_t i);
void conf_xml_raw_drop_kid(ConfXmlRaw *raw, size_t i);
/* Takes ownership of kid. */
void conf_xml_raw_append_kid(ConfXmlRaw *raw, ConfXmlRaw *kid);
void conf_xml_raw_strip_prefix(ConfXmlRaw *raw, const char *prefix);
/* The element as xmlNodeDump prints it, without a final newline. */
char *conf_xml_raw_to_string(const ConfXmlRaw *raw);
void conf_xml_raw_append_attr(ConfXmlRaw *raw, const char *name, const char *value);
/* Takes ownership of kid; it becomes child number i. */
void conf_xml_raw_insert_kid(ConfXmlRaw *raw, size_t i, ConfXmlRaw *kid);
size_t conf_xml_raw_kid_count(const ConfXmlRaw *raw);

#endif /* VIREO_CONF_XML_H */
