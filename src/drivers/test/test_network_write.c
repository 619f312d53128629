/*
 * test_network_write.c: network methods of the test driver that change
 * state (define, create, start, destroy, undefine, autostart), following
 * the object rules of libvirt's network object list: a UUID keeps its name,
 * a name keeps its UUID, and a definition given to a running network waits
 * until it stops.
 */
#include <string.h>

#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/uuid.h"

#define VIR_FROM_THIS VIR_FROM_TEST
#include "util/error.h"

static TestNetwork *
test_netw_find(TestState *st, const char *name)
{
    for (size_t i = 0; i < st->nnetworks; i++)
        if (STREQ(st->networks[i]->def->name, name))
            return st->networks[i];
    vir_report_error(VIR_ERR_NO_NETWORK, "no network with matching name '%s'", name);
    return NULL;
}

static void
test_netw_remove(TestState *st, TestNetwork *net)
{
    for (size_t i = 0; i < st->nnetworks; i++) {
        if (st->networks[i] != net)
            continue;
        memmove(&st->networks[i], &st->networks[i + 1],
                (st->nnetworks - i - 1) * sizeof(*st->networks));
        st->nnetworks--;
        break;
    }
    network_def_free(net->def);
    network_def_free(net->new_def);
    free(net);
}

/* Adds or updates the network def describes; live is a create. Takes *def
 * on success. Caller holds the lock. Reports. */
static TestNetwork *
test_netw_assign(TestState *st, NetworkDef **def, bool live)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    TestNetwork *net = NULL;

    for (size_t i = 0; i < st->nnetworks && !net; i++)
        if (memcmp(st->networks[i]->def->uuid, (*def)->uuid, VIR_UUID_BUFLEN) == 0)
            net = st->networks[i];
    if (net) {
        if (STRNEQ(net->def->name, (*def)->name)) {
            vir_error_report(VIR_FROM_NETWORK, VIR_ERR_OPERATION_FAILED,
                             "network '%s' is already defined with uuid %s", net->def->name,
                             vireo_uuid_format(net->def->uuid, uuid));
            return NULL;
        }
        if (live && net->active) {
            vir_error_report(VIR_FROM_NETWORK, VIR_ERR_OPERATION_INVALID,
                             "network is already active as '%s'",
                             net->def->name);
            return NULL;
        }
        if (live) {
            if (net->persistent && !net->new_def)
                net->new_def = net->def;
            else
                network_def_free(net->def);
            net->def = *def;
        } else if (net->active) {
            network_def_free(net->new_def);
            net->new_def = *def;
            net->persistent = true;
        } else {
            network_def_free(net->def);
            net->def = *def;
            net->persistent = true;
        }
        *def = NULL;
        return net;
    }
    for (size_t i = 0; i < st->nnetworks; i++) {
        if (STREQ(st->networks[i]->def->name, (*def)->name)) {
            vir_error_report(VIR_FROM_NETWORK, VIR_ERR_OPERATION_FAILED,
                             "network '%s' already exists with uuid %s",
                             (*def)->name,
                             vireo_uuid_format(st->networks[i]->def->uuid, uuid));
            return NULL;
        }
    }
    net = XNEW(TestNetwork);
    net->def = *def;
    net->persistent = !live;
    *def = NULL;
    st->networks = xreallocarray(st->networks, st->nnetworks + 1, sizeof(*st->networks));
    st->networks[st->nnetworks++] = net;
    return net;
}

static virNetworkPtr
test_netw_add_xml(virConnectPtr conn, const char *xml, bool live)
{
    TestState *st = test_state_of(conn);
    NetworkDef *def = network_def_parse_string(xml);
    virNetworkPtr ret = NULL;
    TestNetwork *net;

    if (!def)
        return NULL;
    pthread_mutex_lock(&st->lock);
    if ((net = test_netw_assign(st, &def, live))) {
        if (live)
            net->active = true;
        ret = handle_network_new(conn, net->def->name, net->def->uuid);
        test_event_object(st, VIREO_EVENT_NETWORK, VIREO_NETWORK_EVENT_LIFECYCLE, net->def->name,
                          net->def->uuid, live ? VIR_NETWORK_EVENT_STARTED
                                               : VIR_NETWORK_EVENT_DEFINED, 0); /* streams/events */
    }
    pthread_mutex_unlock(&st->lock);
    network_def_free(def);
    return ret;
}

virNetworkPtr
test_network_create_xml(virConnectPtr conn, const char *xml)
{
    return test_netw_add_xml(conn, xml, true);
}

virNetworkPtr
test_network_define_xml(virConnectPtr conn, const char *xml)
{
    return test_netw_add_xml(conn, xml, false);
}

int
test_network_undefine(virNetworkPtr net)
{
    TestState *st = test_state_of(net->conn);
    TestNetwork *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if (!(obj = test_netw_find(st, net->name)))
        goto out;
    if (obj->active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "Network '%s' is still running", net->name);
        goto out;
    }
    test_netw_remove(st, obj);
    test_event_object(st, VIREO_EVENT_NETWORK, VIREO_NETWORK_EVENT_LIFECYCLE, net->name, net->uuid,
                      VIR_NETWORK_EVENT_UNDEFINED, 0); /* streams/events */
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_network_create(virNetworkPtr net)
{
    TestState *st = test_state_of(net->conn);
    TestNetwork *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if (!(obj = test_netw_find(st, net->name)))
        goto out;
    if (obj->active) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "Network '%s' is already running",
                         net->name);
        goto out;
    }
    obj->active = true;
    test_event_object(st, VIREO_EVENT_NETWORK, VIREO_NETWORK_EVENT_LIFECYCLE, net->name, net->uuid,
                      VIR_NETWORK_EVENT_STARTED, 0); /* streams/events */
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_network_destroy(virNetworkPtr net)
{
    TestState *st = test_state_of(net->conn);
    TestNetwork *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_netw_find(st, net->name))) {
        obj->active = false;
        test_event_object(st, VIREO_EVENT_NETWORK, VIREO_NETWORK_EVENT_LIFECYCLE, net->name,
                          net->uuid, VIR_NETWORK_EVENT_STOPPED, 0); /* streams/events */
        /* As libvirt's test driver: a definition given while it ran stays
         * pending (the running one is what the XML shows). */
        if (!obj->persistent)
            test_netw_remove(st, obj);
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_network_set_autostart(virNetworkPtr net, int autostart)
{
    TestState *st = test_state_of(net->conn);
    TestNetwork *obj;
    int ret = -1;

    pthread_mutex_lock(&st->lock);
    if ((obj = test_netw_find(st, net->name))) {
        obj->autostart = autostart != 0;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}
