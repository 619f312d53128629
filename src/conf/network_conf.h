/*
 * network_conf.h: the virtual network definition (<network> XML).
 *
 * Modelled: name, uuid, forward mode/dev, bridge name/stp/delay, mac. The
 * rest libvirt formats (domain, dns, ip, route, ...) is kept verbatim in
 * libvirt's order, with libvirt's layout (an <ip> is always opened and
 * closed, attributes in libvirt's order).
 */
#ifndef VIREO_CONF_NETWORK_CONF_H
#define VIREO_CONF_NETWORK_CONF_H

#include <stdbool.h>
#include <libvirt/libvirt.h>

#include "conf/xml.h"

typedef struct {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    char *ipv6;                /* root attribute, verbatim */
    bool has_forward;
    char *forward_mode;        /* nat, route, open, bridge, ... (nat when absent) */
    char *forward_dev;
    ConfXmlRaw *forward;       /* the <forward> element, for its children */
    char *bridge;              /* bridge name or NULL */
    char *stp;                 /* "on"/"off" */
    unsigned int delay;
    char *mac;
    ConfXmlRaw **raws;         /* domain, dns, ip, route, ... in document order */
    size_t nraws;
} NetworkDef;

/* Parses a <network> document. Reports (VIR_FROM_NETWORK) on failure. */
NetworkDef *network_def_parse_string(const char *xml);
/* Parses a <network> element. Reports. */
NetworkDef *network_def_parse_node(xmlNodePtr node);
/* Formats def as virNetworkGetXMLDesc(0) does. */
char *network_def_format(const NetworkDef *def);
void network_def_free(NetworkDef *def);
DEFINE_FREEP(NetworkDef, network_def_free)

#endif /* VIREO_CONF_NETWORK_CONF_H */
