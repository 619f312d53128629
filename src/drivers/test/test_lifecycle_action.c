/*
 * test_lifecycle_action.c: virDomainSetLifecycleAction in the test driver,
 * as libvirt 9.0's: the on_poweroff, on_reboot and on_crash actions of the
 * live and persistent definitions, as the flags select, with libvirt's
 * refusal of core dumps on power-off and reboot.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <stdlib.h>

#include "drivers/test/test_guest_host.h"
#include "drivers/test/test_methods.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

/* libvirt's names of the lifecycle events and actions, by number. */
static const char *const test_lifecycle_types[] = { "poweroff", "reboot", "crash" };
static const char *const test_lifecycle_actions[] = {
    "destroy", "restart", "rename-restart", "preserve", "coredump-destroy", "coredump-restart",
};

static void
test_lifecycle_set(DomainDef *def, unsigned int type, unsigned int action)
{
    char **slot = type == 0 ? &def->on_poweroff : type == 1 ? &def->on_reboot : &def->on_crash;

    free(*slot);
    *slot = xstrdup(test_lifecycle_actions[action]);
}

int
test_domain_set_lifecycle_action(virDomainPtr dom, unsigned int type, unsigned int action,
                                 unsigned int flags)
{
    TestState *st;
    TestDomain *obj;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainSetLifecycleAction", -1);
    /* the public API bounds both numbers; power-off and reboot take no
     * core dump, as libvirt's configuration check says */
    if (type >= ARRAY_SIZE(test_lifecycle_types) || action >= ARRAY_SIZE(test_lifecycle_actions))
        return -1;
    if (type != 2 && action > 3) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_CONFIG_UNSUPPORTED,
                         "Lifecycle event '%s' doesn't support '%s' action",
                         test_lifecycle_types[type], test_lifecycle_actions[action]);
        return -1;
    }
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (test_domain_update_impact(obj, &flags) < 0) {
        pthread_mutex_unlock(&st->lock);
        return -1;
    }
    if (flags & VIR_DOMAIN_AFFECT_LIVE)
        test_lifecycle_set(obj->def, type, action);
    if (flags & VIR_DOMAIN_AFFECT_CONFIG) {
        DomainDef *pers = test_domain_active(obj) && obj->new_def ? obj->new_def : obj->def;

        if (!(flags & VIR_DOMAIN_AFFECT_LIVE) || pers != obj->def)
            test_lifecycle_set(pers, type, action);
    }
    pthread_mutex_unlock(&st->lock);
    return 0;
}
