/*
 * test_iface_txn.c: host interface transactions in the test driver, as
 * libvirt 9.0's: begin copies the interface list, commit forgets the copy,
 * rollback puts it back (whatever was defined or undefined since is
 * undone, and every interface is left inactive, as libvirt's copy keeps
 * definitions only). One transaction per state at a time.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <stdlib.h>

#include "conf/xml.h"
#include "drivers/test/test_guest_host.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"

void
test_iface_backup_free(TestState *st)
{
    for (size_t i = 0; i < st->niface_backup; i++)
        test_iface_free(st->iface_backup[i]);
    free(st->iface_backup);
    st->iface_backup = NULL;
    st->niface_backup = 0;
}

static TestIface *
test_iface_copy(const TestIface *from)
{
    TestIface *to = XNEW(TestIface);

    to->name = xstrdup(from->name);
    to->mac = from->mac ? xstrdup(from->mac) : NULL;
    to->xml = conf_xml_raw_copy(from->xml);
    /* libvirt's copy is made of the definitions alone, so every interface
     * comes back inactive after a rollback */
    to->active = false;
    return to;
}

int
test_interface_change_begin(virConnectPtr conn, unsigned int flags)
{
    TestState *st = test_state_of(conn);
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testInterfaceChangeBegin", -1);
    pthread_mutex_lock(&st->lock);
    if (st->iface_transaction) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s", "there is another transaction running.");
    } else {
        st->iface_transaction = true;
        st->iface_backup = xcalloc(st->nifaces ? st->nifaces : 1, sizeof(*st->iface_backup));
        for (size_t i = 0; i < st->nifaces; i++)
            st->iface_backup[i] = test_iface_copy(st->ifaces[i]);
        st->niface_backup = st->nifaces;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_interface_change_commit(virConnectPtr conn, unsigned int flags)
{
    TestState *st = test_state_of(conn);
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testInterfaceChangeCommit", -1);
    pthread_mutex_lock(&st->lock);
    if (!st->iface_transaction) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "no transaction running, nothing to be committed.");
    } else {
        test_iface_backup_free(st);
        st->iface_transaction = false;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_interface_change_rollback(virConnectPtr conn, unsigned int flags)
{
    TestState *st = test_state_of(conn);
    int ret = -1;

    TEST_CHECK_FLAGS(flags, 0, "testInterfaceChangeRollback", -1);
    pthread_mutex_lock(&st->lock);
    if (!st->iface_transaction) {
        vir_report_error(VIR_ERR_OPERATION_INVALID, "%s",
                         "no transaction running, nothing to rollback.");
    } else {
        for (size_t i = 0; i < st->nifaces; i++)
            test_iface_free(st->ifaces[i]);
        free(st->ifaces);
        st->ifaces = st->iface_backup;
        st->nifaces = st->niface_backup;
        st->iface_backup = NULL;
        st->niface_backup = 0;
        st->iface_transaction = false;
        ret = 0;
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}
