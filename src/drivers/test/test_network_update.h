/*
 * test_network_update.h: what the files of the test driver's
 * virNetworkUpdate share (test_network_update*.c). Every function here
 * runs under the state lock on a private working copy of the network
 * document, so none of them touches the stored definition.
 */
#ifndef VIREO_DRIVERS_TEST_NETWORK_UPDATE_H
#define VIREO_DRIVERS_TEST_NETWORK_UPDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

/* A parsed numeric IP address (family 0: none). */
typedef struct {
    int family;
    unsigned char bytes[16];
} TestNetAddr;

/* One update in progress: the working document and the request. */
typedef struct {
    const char *net_name;   /* for error messages */
    xmlNodePtr root;        /* <network> of the working copy */
    xmlNodePtr node;        /* the caller's element */
    unsigned int command;   /* virNetworkUpdateCommand */
    int parent_index;       /* which <ip>, or -1 for libvirt's choice */
    /* attribute values of the new entry that libvirt prints without
     * escaping them (a DHCP host's mac, id and name, a portgroup's name):
     * its final re-parse then sees them raw (owned copies, NULL-terminated) */
    char *unescaped[4];
} TestNetUpdate;

/* One section's handler: changes up->root; 0, or -1 reported. */
typedef int (*TestNetUpdateFunc)(TestNetUpdate *up);

/* ---- test_network_update_util.c ---- */
/* True for the two add commands. */
bool test_netup_is_add(const TestNetUpdate *up);
/* Reports libvirt's "unrecognized network update command code". */
void test_netup_unknown_command(unsigned int command);
/* Parses a numeric address into *ret quietly; false when s is not one. */
bool test_netaddr_parse(const char *s, TestNetAddr *ret);
/* The same, reporting libvirt's socket-address error (no error domain). */
int test_netaddr_parse_report(const char *s, TestNetAddr *ret);
/* True when both are valid and equal. */
bool test_netaddr_eq(const TestNetAddr *a, const TestNetAddr *b);
/* The canonical text of a (caller frees), or NULL when a is none. */
char *test_netaddr_format(const TestNetAddr *a);
/* A new element without a parent. */
xmlNodePtr test_netup_new_node(const char *name);
/* Adds attribute name=value to node; a NULL value adds nothing. */
void test_netup_set(xmlNodePtr node, const char *name, const char *value);
/* The children of parent (may be NULL) called name, in order; caller
 * frees the array (not the nodes). */
xmlNodePtr *test_netup_children(xmlNodePtr parent, const char *name, size_t *ret_n);
/* Links node (taken) first or last among parent's children called name,
 * or at the end when it has none. */
void test_netup_insert(xmlNodePtr parent, const char *name, xmlNodePtr node, bool first);
/* Puts node (taken) in place of old, which is freed. */
void test_netup_replace(xmlNodePtr old, xmlNodePtr node);
/* Unlinks and frees node. */
void test_netup_remove(xmlNodePtr node);
/* Reorders parent's element children by the NULL-terminated name list
 * (stable; unlisted ones after); drops text between them. */
void test_netup_sort(xmlNodePtr parent, const char *const *order);
/* True when node has an element child. */
bool test_netup_has_elements(xmlNodePtr node);
/* Reports libvirt's "unexpected element" unless up->node is called section. */
int test_netup_check_name(const TestNetUpdate *up, const char *section);
/* Reports that section cannot be updated; always -1. */
int test_netup_no_support(const TestNetUpdate *up, const char *section);
/* Remembers a copy of value (may be NULL) as printed unescaped by libvirt. */
void test_netup_unescaped(TestNetUpdate *up, const char *value);
/* True when both strings are set and equal. */
bool test_str_eq(const char *a, const char *b);

/* ---- the sections (test_network_update_dhcp.c, _dns.c, .c) ---- */
int test_netup_dhcp_host(TestNetUpdate *up);
int test_netup_dhcp_range(TestNetUpdate *up);
int test_netup_forward_interface(TestNetUpdate *up);
int test_netup_portgroup(TestNetUpdate *up);
int test_netup_dns_host(TestNetUpdate *up);
int test_netup_dns_txt(TestNetUpdate *up);
int test_netup_dns_srv(TestNetUpdate *up);

#endif /* VIREO_DRIVERS_TEST_NETWORK_UPDATE_H */
