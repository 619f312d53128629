/*
 * test_network_update_util.c: what every section of virNetworkUpdate
 * needs: numeric addresses parsed and printed as libvirt does, and small
 * edits of the network document (insert first/last among siblings,
 * replace, remove, re-sort children into libvirt's order).
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "drivers/test/test_network_update.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"

#define VIR_FROM_THIS VIR_FROM_NETWORK
#include "util/error.h"

bool
test_netup_is_add(const TestNetUpdate *up)
{
    return up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST ||
           up->command == VIR_NETWORK_UPDATE_COMMAND_ADD_LAST;
}

void
test_netup_unknown_command(unsigned int command)
{
    vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "unrecognized network update command code %d",
                     command);
}

/* Parses a numeric address quietly. */
bool
test_netaddr_parse(const char *s, TestNetAddr *ret)
{
    /* getaddrinfo, as libvirt: it also takes the inet_aton forms
     * ("10.1", octal "010") and prints them back canonically */
    struct addrinfo hints = { .ai_flags = AI_NUMERICHOST }, *res = NULL;
    bool ok = false;

    memset(ret, 0, sizeof(*ret));
    if (!s || getaddrinfo(s, NULL, &hints, &res) != 0 || !res)
        return false;
    if (res->ai_family == AF_INET) {
        memcpy(ret->bytes, &((struct sockaddr_in *)res->ai_addr)->sin_addr, 4);
        ok = true;
    } else if (res->ai_family == AF_INET6) {
        memcpy(ret->bytes, &((struct sockaddr_in6 *)res->ai_addr)->sin6_addr, 16);
        ok = true;
    }
    if (ok)
        ret->family = res->ai_family;
    freeaddrinfo(res);
    return ok;
}

/* Parses as libvirt's virSocketAddrParse, reporting its error. */
int
test_netaddr_parse_report(const char *s, TestNetAddr *ret)
{
    struct addrinfo hints = { .ai_flags = AI_NUMERICHOST }, *res = NULL;
    int err;

    if (test_netaddr_parse(s, ret))
        return 0;
    err = getaddrinfo(s, NULL, &hints, &res);
    if (res)
        freeaddrinfo(res);
    vir_error_report(VIR_FROM_NONE, VIR_ERR_SYSTEM_ERROR, "Cannot parse socket address '%s': %s",
                     s, gai_strerror(err ? err : EAI_NONAME));
    return -1;
}

bool
test_netaddr_eq(const TestNetAddr *a, const TestNetAddr *b)
{
    size_t len = a->family == AF_INET ? 4 : 16;

    return a->family && a->family == b->family && memcmp(a->bytes, b->bytes, len) == 0;
}

char *
test_netaddr_format(const TestNetAddr *a)
{
    char buf[INET6_ADDRSTRLEN];

    if (!a->family || !inet_ntop(a->family, a->bytes, buf, sizeof(buf)))
        return NULL;
    return xstrdup(buf);
}

/* ---- document helpers ---- */

xmlNodePtr
test_netup_new_node(const char *name)
{
    return xmlNewNode(NULL, BAD_CAST name);
}

void
test_netup_set(xmlNodePtr node, const char *name, const char *value)
{
    if (value)
        xmlNewProp(node, BAD_CAST name, BAD_CAST value);
}

/* The children of parent called name, in order (*ret_n of them). */
xmlNodePtr *
test_netup_children(xmlNodePtr parent, const char *name, size_t *ret_n)
{
    xmlNodePtr *list = NULL;
    size_t n = 0;

    for (xmlNodePtr c = parent ? conf_xml_child(parent, name) : NULL; c;
         c = conf_xml_next(c, name)) {
        list = xreallocarray(list, n + 1, sizeof(*list));
        list[n++] = c;
    }
    *ret_n = n;
    return list;
}

/* Inserts node among parent's children called name: first or last of
 * them (or at the end when there are none). Takes node. */
void
test_netup_insert(xmlNodePtr parent, const char *name, xmlNodePtr node, bool first)
{
    size_t n;
    _cleanup_free_ xmlNodePtr *list = test_netup_children(parent, name, &n);

    if (n == 0)
        xmlAddChild(parent, node);
    else if (first)
        xmlAddPrevSibling(list[0], node);
    else
        xmlAddNextSibling(list[n - 1], node);
}

/* Puts node in place of old (freed). */
void
test_netup_replace(xmlNodePtr old, xmlNodePtr node)
{
    xmlReplaceNode(old, node);
    xmlFreeNode(old);
}

void
test_netup_remove(xmlNodePtr node)
{
    xmlUnlinkNode(node);
    xmlFreeNode(node);
}

/* Reorders parent's element children by name as order lists them (stable;
 * unlisted ones keep their place after the listed). */
void
test_netup_sort(xmlNodePtr parent, const char *const *order)
{
    xmlNodePtr *kids = NULL, c, next;
    size_t n = 0;

    for (c = parent->children; c; c = next) {
        next = c->next;
        xmlUnlinkNode(c);
        if (c->type != XML_ELEMENT_NODE) {
            xmlFreeNode(c);
            continue;
        }
        kids = xreallocarray(kids, n + 1, sizeof(*kids));
        kids[n++] = c;
    }
    for (size_t o = 0; order[o]; o++)
        for (size_t i = 0; i < n; i++)
            if (kids[i] && conf_xml_is(kids[i], order[o])) {
                xmlAddChild(parent, kids[i]);
                kids[i] = NULL;
            }
    for (size_t i = 0; i < n; i++)
        if (kids[i])
            xmlAddChild(parent, kids[i]);
    free(kids);
}

bool
test_netup_has_elements(xmlNodePtr node)
{
    for (xmlNodePtr c = node->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return true;
    return false;
}

int
test_netup_check_name(const TestNetUpdate *up, const char *section)
{
    if (conf_xml_is(up->node, section))
        return 0;
    vir_report_error(VIR_ERR_XML_ERROR,
                     "unexpected element <%s>, expecting <%s>, while updating network '%s'",
                     (const char *)up->node->name, section, up->net_name);
    return -1;
}

int
test_netup_no_support(const TestNetUpdate *up, const char *section)
{
    vir_report_error(VIR_ERR_OPERATION_UNSUPPORTED, "can't update '%s' section of network '%s'",
                     section, up->net_name);
    return -1;
}

bool
test_str_eq(const char *a, const char *b)
{
    return a && b && STREQ(a, b);
}

void
test_netup_unescaped(TestNetUpdate *up, const char *value)
{
    size_t i = 0;

    while (i + 1 < ARRAY_SIZE(up->unescaped) && up->unescaped[i])
        i++;
    if (value && i + 1 < ARRAY_SIZE(up->unescaped))
        up->unescaped[i] = xstrdup(value);
}
