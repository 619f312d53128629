/*
 * test_network.c: network methods of the test driver (read side: list,
 * lookup, XML, bridge, state).
 */
#include <string.h>

#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST
#include "util/error.h"

static TestNetwork *
test_network_find_name(TestState *st, const char *name)
{
    for (size_t i = 0; i < st->nnetworks; i++)
        if (STREQ(st->networks[i]->def->name, name))
            return st->networks[i];
    vir_report_error(VIR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
    return NULL;
}

static TestNetwork *
test_network_find_uuid(TestState *st, const unsigned char *uuid)
{
    char str[VIR_UUID_STRING_BUFLEN];

    for (size_t i = 0; i < st->nnetworks; i++)
        if (memcmp(st->networks[i]->def->uuid, uuid, VIR_UUID_BUFLEN) == 0)
            return st->networks[i];
    vir_report_error(VIR_ERR_NO_NETWORK, "no network with matching uuid '%s'",
                     vireo_uuid_format(uuid, str));
    return NULL;
}

static int
test_network_count(virConnectPtr conn, bool active)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nnetworks; i++)
        n += st->networks[i]->active == active;
    pthread_mutex_unlock(&st->lock);
    return n;
}

static int
test_network_names(virConnectPtr conn, bool active, char **const names, int maxnames)
{
    TestState *st = test_state_of(conn);
    int n = 0;

    if (maxnames > 0)
        memset(names, 0, sizeof(*names) * (size_t)maxnames);
    pthread_mutex_lock(&st->lock);
    for (size_t i = 0; i < st->nnetworks && n < maxnames; i++)
        if (st->networks[i]->active == active)
            names[n++] = xstrdup(st->networks[i]->def->name);
    pthread_mutex_unlock(&st->lock);
    return n;
}

int
test_connect_num_of_networks(virConnectPtr conn)
{
    return test_network_count(conn, true);
}

int
test_connect_list_networks(virConnectPtr conn, char **const names, int maxnames)
{
    return test_network_names(conn, true, names, maxnames);
}

int
test_connect_num_of_defined_networks(virConnectPtr conn)
{
    return test_network_count(conn, false);
}

int
test_connect_list_defined_networks(virConnectPtr conn, char **const names, int maxnames)
{
    return test_network_names(conn, false, names, maxnames);
}

/* One filter group: both or neither bit set keeps everything. */
static bool
test_net_filter_out(unsigned int flags, unsigned int a, unsigned int b, bool is_a)
{
    if (!(flags & (a | b)) || (flags & (a | b)) == (a | b))
        return false;
    return (flags & a) ? !is_a : is_a;
}

#define TEST_LIST_NETWORKS_FILTERS_ALL \
    (VIR_CONNECT_LIST_NETWORKS_ACTIVE | VIR_CONNECT_LIST_NETWORKS_INACTIVE | \
     VIR_CONNECT_LIST_NETWORKS_PERSISTENT | VIR_CONNECT_LIST_NETWORKS_TRANSIENT | \
     VIR_CONNECT_LIST_NETWORKS_AUTOSTART | VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART)

int
test_connect_list_all_networks(virConnectPtr conn, virNetworkPtr **nets, unsigned int flags)
{
    TestState *st = test_state_of(conn);
    virNetworkPtr *list = NULL;
    int n = 0;

    TEST_CHECK_FLAGS(flags, TEST_LIST_NETWORKS_FILTERS_ALL, "testConnectListAllNetworks", -1);
    pthread_mutex_lock(&st->lock);
    if (nets)
        list = XNEW_ARRAY(virNetworkPtr, st->nnetworks + 1);
    for (size_t i = 0; i < st->nnetworks; i++) {
        TestNetwork *net = st->networks[i];

        if (test_net_filter_out(flags, VIR_CONNECT_LIST_NETWORKS_ACTIVE,
                                VIR_CONNECT_LIST_NETWORKS_INACTIVE, net->active) ||
            test_net_filter_out(flags, VIR_CONNECT_LIST_NETWORKS_PERSISTENT,
                                VIR_CONNECT_LIST_NETWORKS_TRANSIENT, net->persistent) ||
            test_net_filter_out(flags, VIR_CONNECT_LIST_NETWORKS_AUTOSTART,
                                VIR_CONNECT_LIST_NETWORKS_NO_AUTOSTART, net->autostart))
            continue;
        if (list)
            list[n] = handle_network_new(conn, net->def->name, net->def->uuid);
        n++;
    }
    pthread_mutex_unlock(&st->lock);
    if (nets)
        *nets = list;
    return n;
}

virNetworkPtr
test_network_lookup_by_name(virConnectPtr conn, const char *name)
{
    TestState *st = test_state_of(conn);
    virNetworkPtr ret = NULL;
    TestNetwork *net;

    pthread_mutex_lock(&st->lock);
    if ((net = test_network_find_name(st, name)))
        ret = handle_network_new(conn, net->def->name, net->def->uuid);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

virNetworkPtr
test_network_lookup_by_uuid(virConnectPtr conn, const unsigned char *uuid)
{
    TestState *st = test_state_of(conn);
    virNetworkPtr ret = NULL;
    TestNetwork *net;

    pthread_mutex_lock(&st->lock);
    if ((net = test_network_find_uuid(st, uuid)))
        ret = handle_network_new(conn, net->def->name, net->def->uuid);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

char *
test_network_get_xml_desc(virNetworkPtr net, unsigned int flags)
{
    TestState *st = test_state_of(net->conn);
    TestNetwork *obj;
    char *ret = NULL;

    TEST_CHECK_FLAGS(flags, 0, "testNetworkGetXMLDesc", NULL);
    pthread_mutex_lock(&st->lock);
    if ((obj = test_network_find_name(st, net->name)))
        ret = network_def_format(obj->def);
    pthread_mutex_unlock(&st->lock);
    return ret;
}

char *
test_network_get_bridge_name(virNetworkPtr net)
{
    TestState *st = test_state_of(net->conn);
    TestNetwork *obj;
    char *ret = NULL;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_network_find_name(st, net->name))) {
        if (obj->def->bridge)
            ret = xstrdup(obj->def->bridge);
        else
            vir_report_error(VIR_ERR_INTERNAL_ERROR, "network '%s' does not have a bridge name.",
                             obj->def->name);
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_network_is_active(virNetworkPtr net)
{
    TestState *st = test_state_of(net->conn);
    TestNetwork *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_network_find_uuid(st, net->uuid)))
        ret = obj->active;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_network_is_persistent(virNetworkPtr net)
{
    TestState *st = test_state_of(net->conn);
    TestNetwork *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_network_find_uuid(st, net->uuid)))
        ret = obj->persistent;
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_network_get_autostart(virNetworkPtr net, int *autostart)
{
    TestState *st = test_state_of(net->conn);
    TestNetwork *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_network_find_name(st, net->name))) {
        *autostart = obj->autostart;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}
