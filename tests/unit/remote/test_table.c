/*
 * test_table.c: the REMOTE dispatch table, walked entry by entry.
 *
 * The table decides which procedures a read-only client may call, which go
 * to the priority workers and which need no authentication; a wrong flag is
 * a security bug (a write allowed on a read-only socket) or a liveness bug
 * (a slow call in the priority pool). The expected sets here are written
 * out independently of remote_procs.def, from libvirt 9.0's annotations and
 * PROTOCOL.md, so a mistake has to be made twice to pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <libvirt/libvirt.h>

#include "remote/remote_server.h"
#include "remote_protocol.h"

/* Every procedure that changes state: none may carry READONLY_OK. */
static const int state_changing[] = {
    9,   /* DOMAIN_CREATE */
    10,  /* DOMAIN_CREATE_XML */
    11,  /* DOMAIN_DEFINE_XML */
    12,  /* DOMAIN_DESTROY */
    27,  /* DOMAIN_REBOOT */
    28,  /* DOMAIN_RESUME */
    29,  /* DOMAIN_SET_AUTOSTART */
    30,  /* DOMAIN_SET_MAX_MEMORY */
    31,  /* DOMAIN_SET_MEMORY */
    32,  /* DOMAIN_SET_VCPUS */
    33,  /* DOMAIN_SHUTDOWN */
    34,  /* DOMAIN_SUSPEND */
    35,  /* DOMAIN_UNDEFINE */
    48,  /* NETWORK_SET_AUTOSTART */
    90,  /* STORAGE_POOL_SET_AUTOSTART */
    196, /* DOMAIN_CREATE_WITH_FLAGS */
    199, /* DOMAIN_SET_VCPUS_FLAGS */
    204, /* DOMAIN_SET_MEMORY_FLAGS */
    231, /* DOMAIN_UNDEFINE_FLAGS */
    234, /* DOMAIN_DESTROY_FLAGS */
    258, /* DOMAIN_SHUTDOWN_FLAGS */
    350, /* DOMAIN_DEFINE_XML_FLAGS */
    208, /* STORAGE_VOL_UPLOAD (streams/events) */
    209, /* STORAGE_VOL_DOWNLOAD */
    211, /* DOMAIN_SCREENSHOT */
};

/* Procedures libvirt 9.0 does not mark "@priority: high". */
static const int low_priority[] = {
    7, 9, 10, 14, 16, 27, 28, 31, 32, 33, 34, 183, 196, 199, 200, 204, 258, 426,
    208, 209, 211, /* the stream procedures */
};

/* PROTOCOL.md 8.3's faithful set minus the events, which come later. */
static const int faithful_set[] = {
    1, 2, 60, 66, 360, 361,
    273, 212, 22, 23, 24, 19, 16, 151, 15, 183, 122, 121, 426, 14, 11, 9, 34, 28, 33, 12,
    150, 187, 231,
    283, 44, 153, 152,
    281, 89, 87, 154, 84, 282, 100, 98,
    6, 3, 4, 157, 59, 7, 203,
};

/* ---- objects helper: its procedures, with libvirt 9.0's facts (read-only
 * refusal from virCheckReadOnlyGoto in the public API, "@priority: high") ---- */
static const struct {
    int proc;
    bool readonly_ok;
    bool high;
} objects_procs[] = {
    { 8, false, false }, /* DOMAIN_ATTACH_DEVICE */
    { 13, false, false }, /* DOMAIN_DETACH_DEVICE */
    { 39, false, false }, /* NETWORK_CREATE */
    { 40, false, false }, /* NETWORK_CREATE_XML */
    { 41, false, true }, /* NETWORK_DEFINE_XML */
    { 42, false, true }, /* NETWORK_DESTROY */
    { 49, false, true }, /* NETWORK_UNDEFINE */
    { 54, false, false }, /* DOMAIN_RESTORE */
    { 55, false, false }, /* DOMAIN_SAVE */
    { 76, false, false }, /* STORAGE_POOL_CREATE_XML */
    { 77, false, true }, /* STORAGE_POOL_DEFINE_XML */
    { 78, false, false }, /* STORAGE_POOL_CREATE */
    { 79, false, false }, /* STORAGE_POOL_BUILD */
    { 80, false, true }, /* STORAGE_POOL_DESTROY */
    { 81, false, false }, /* STORAGE_POOL_DELETE */
    { 82, false, true }, /* STORAGE_POOL_UNDEFINE */
    { 83, false, false }, /* STORAGE_POOL_REFRESH */
    { 93, false, false }, /* STORAGE_VOL_CREATE_XML */
    { 94, false, false }, /* STORAGE_VOL_DELETE */
    { 103, false, false }, /* DOMAIN_BLOCK_PEEK */
    { 111, true, true }, /* NODE_NUM_OF_DEVICES */
    { 112, true, true }, /* NODE_LIST_DEVICES */
    { 113, true, true }, /* NODE_DEVICE_LOOKUP_BY_NAME */
    { 114, true, false }, /* NODE_DEVICE_GET_XML_DESC */
    { 115, true, true }, /* NODE_DEVICE_GET_PARENT */
    { 116, true, true }, /* NODE_DEVICE_NUM_OF_CAPS */
    { 117, true, true }, /* NODE_DEVICE_LIST_CAPS */
    { 118, false, false }, /* NODE_DEVICE_DETTACH */
    { 119, false, false }, /* NODE_DEVICE_RE_ATTACH */
    { 120, false, false }, /* NODE_DEVICE_RESET */
    { 125, false, false }, /* STORAGE_VOL_CREATE_XML_FROM */
    { 126, true, true }, /* CONNECT_NUM_OF_INTERFACES */
    { 127, true, true }, /* CONNECT_LIST_INTERFACES */
    { 128, true, true }, /* INTERFACE_LOOKUP_BY_NAME */
    { 129, true, true }, /* INTERFACE_LOOKUP_BY_MAC_STRING */
    { 130, true, false }, /* INTERFACE_GET_XML_DESC */
    { 131, false, true }, /* INTERFACE_DEFINE_XML */
    { 132, false, true }, /* INTERFACE_UNDEFINE */
    { 133, false, false }, /* INTERFACE_CREATE */
    { 134, false, true }, /* INTERFACE_DESTROY */
    { 135, false, false }, /* CONNECT_DOMAIN_XML_FROM_NATIVE */
    { 136, false, false }, /* CONNECT_DOMAIN_XML_TO_NATIVE */
    { 137, true, true }, /* CONNECT_NUM_OF_DEFINED_INTERFACES */
    { 138, true, true }, /* CONNECT_LIST_DEFINED_INTERFACES */
    { 139, true, true }, /* CONNECT_NUM_OF_SECRETS */
    { 140, true, true }, /* CONNECT_LIST_SECRETS */
    { 141, true, true }, /* SECRET_LOOKUP_BY_UUID */
    { 142, false, true }, /* SECRET_DEFINE_XML */
    { 143, true, true }, /* SECRET_GET_XML_DESC */
    { 144, false, true }, /* SECRET_SET_VALUE */
    { 145, false, true }, /* SECRET_GET_VALUE */
    { 146, false, true }, /* SECRET_UNDEFINE */
    { 147, true, true }, /* SECRET_LOOKUP_BY_USAGE */
    { 156, true, true }, /* INTERFACE_IS_ACTIVE */
    { 158, true, true }, /* CONNECT_COMPARE_CPU */
    { 160, false, false }, /* DOMAIN_ATTACH_DEVICE_FLAGS */
    { 161, false, false }, /* DOMAIN_DETACH_DEVICE_FLAGS */
    { 163, true, false }, /* DOMAIN_GET_JOB_INFO */
    { 164, false, false }, /* DOMAIN_ABORT_JOB */
    { 165, false, false }, /* STORAGE_VOL_WIPE */
    { 174, false, false }, /* DOMAIN_UPDATE_DEVICE_FLAGS */
    { 175, true, true }, /* NWFILTER_LOOKUP_BY_NAME */
    { 176, true, true }, /* NWFILTER_LOOKUP_BY_UUID */
    { 177, true, true }, /* NWFILTER_GET_XML_DESC */
    { 178, true, true }, /* CONNECT_NUM_OF_NWFILTERS */
    { 179, true, true }, /* CONNECT_LIST_NWFILTERS */
    { 180, false, true }, /* NWFILTER_DEFINE_XML */
    { 181, false, true }, /* NWFILTER_UNDEFINE */
    { 182, false, false }, /* DOMAIN_MANAGED_SAVE */
    { 184, false, false }, /* DOMAIN_MANAGED_SAVE_REMOVE */
    { 210, false, false }, /* DOMAIN_INJECT_NMI */
    { 226, false, false }, /* DOMAIN_SEND_KEY */
    { 228, true, true }, /* NODE_GET_MEMORY_STATS */
    { 232, false, false }, /* DOMAIN_SAVE_FLAGS */
    { 233, false, false }, /* DOMAIN_RESTORE_FLAGS */
    { 237, false, false }, /* DOMAIN_BLOCK_JOB_ABORT */
    { 238, true, false }, /* DOMAIN_GET_BLOCK_JOB_INFO */
    { 239, false, false }, /* DOMAIN_BLOCK_JOB_SET_SPEED */
    { 240, false, false }, /* DOMAIN_BLOCK_PULL */
    { 243, true, false }, /* DOMAIN_BLOCK_STATS_FLAGS */
    { 245, false, false }, /* DOMAIN_RESET */
    { 250, false, false }, /* NODE_SUSPEND_FOR_DURATION */
    { 251, false, false }, /* DOMAIN_BLOCK_RESIZE */
    { 259, false, false }, /* STORAGE_VOL_WIPE_PATTERN */
    { 260, false, false }, /* STORAGE_VOL_RESIZE */
    { 261, false, false }, /* DOMAIN_PM_SUSPEND_FOR_DURATION */
    { 264, false, false }, /* DOMAIN_SET_METADATA */
    { 265, true, false }, /* DOMAIN_GET_METADATA */
    { 266, false, false }, /* DOMAIN_BLOCK_REBASE */
    { 267, false, false }, /* DOMAIN_PM_WAKEUP */
    { 277, false, false }, /* DOMAIN_GET_HOSTNAME */
    { 278, true, true }, /* DOMAIN_GET_SECURITY_LABEL_LIST */
    { 284, true, true }, /* CONNECT_LIST_ALL_INTERFACES */
    { 285, true, true }, /* CONNECT_LIST_ALL_NODE_DEVICES */
    { 286, true, true }, /* CONNECT_LIST_ALL_NWFILTERS */
    { 287, true, true }, /* CONNECT_LIST_ALL_SECRETS */
    { 288, false, false }, /* NODE_SET_MEMORY_PARAMETERS */
    { 289, true, false }, /* NODE_GET_MEMORY_PARAMETERS */
    { 290, false, false }, /* DOMAIN_BLOCK_COMMIT */
    { 297, true, true }, /* NODE_DEVICE_LOOKUP_SCSI_HOST_BY_WWN */
    { 298, true, false }, /* DOMAIN_GET_JOB_STATS */
    { 301, false, false }, /* NODE_DEVICE_DETACH_FLAGS */
    { 337, false, false }, /* DOMAIN_GET_TIME */
    { 341, true, false }, /* NETWORK_GET_DHCP_LEASES */
    { 345, false, false }, /* DOMAIN_BLOCK_COPY */
    { 347, false, false }, /* NODE_ALLOC_PAGES */
    { 358, false, false }, /* DOMAIN_RENAME */
    { 371, false, false }, /* DOMAIN_GET_GUEST_VCPUS */
    { 372, false, false }, /* DOMAIN_SET_GUEST_VCPUS */
    { 378, true, true }, /* STORAGE_VOL_GET_INFO_FLAGS */
    { 384, false, false }, /* DOMAIN_SET_VCPU */
    { 386, false, false }, /* DOMAIN_SET_BLOCK_THRESHOLD */
    { 388, true, false }, /* DOMAIN_MANAGED_SAVE_GET_XML_DESC */
    { 389, false, false }, /* DOMAIN_MANAGED_SAVE_DEFINE_XML */
    { 391, true, true }, /* STORAGE_POOL_LOOKUP_BY_TARGET_PATH */
    { 392, false, false }, /* DOMAIN_DETACH_DEVICE_ALIAS */
    { 393, false, false }, /* CONNECT_COMPARE_HYPERVISOR_CPU */
    { 394, false, false }, /* CONNECT_BASELINE_HYPERVISOR_CPU */
    { 395, false, false }, /* NODE_GET_SEV_INFO */
    { 397, true, true }, /* NWFILTER_BINDING_LOOKUP_BY_PORT_DEV */
    { 398, true, true }, /* NWFILTER_BINDING_GET_XML_DESC */
    { 399, false, true }, /* NWFILTER_BINDING_CREATE_XML */
    { 400, false, true }, /* NWFILTER_BINDING_DELETE */
    { 401, true, true }, /* CONNECT_LIST_ALL_NWFILTER_BINDINGS */
    { 403, true, false }, /* CONNECT_GET_STORAGE_POOL_CAPABILITIES */
    { 404, true, true }, /* NETWORK_LIST_ALL_PORTS */
    { 405, true, true }, /* NETWORK_PORT_LOOKUP_BY_UUID */
    { 406, false, false }, /* NETWORK_PORT_CREATE_XML */
    { 407, true, false }, /* NETWORK_PORT_GET_PARAMETERS */
    { 408, false, false }, /* NETWORK_PORT_SET_PARAMETERS */
    { 409, true, false }, /* NETWORK_PORT_GET_XML_DESC */
    { 410, false, false }, /* NETWORK_PORT_DELETE */
    { 418, false, false }, /* DOMAIN_GET_GUEST_INFO */
    { 419, true, false }, /* CONNECT_SET_IDENTITY */
    { 420, false, false }, /* DOMAIN_AGENT_SET_RESPONSE_TIMEOUT */
    { 421, false, false }, /* DOMAIN_BACKUP_BEGIN */
    { 422, true, true }, /* DOMAIN_BACKUP_GET_XML_DESC */
    { 424, false, false }, /* DOMAIN_AUTHORIZED_SSH_KEYS_GET */
    { 425, false, false }, /* DOMAIN_AUTHORIZED_SSH_KEYS_SET */
    { 427, false, false }, /* DOMAIN_START_DIRTY_RATE_CALC */
    { 428, false, false }, /* NODE_DEVICE_DEFINE_XML */
    { 429, false, true }, /* NODE_DEVICE_UNDEFINE */
    { 430, false, true }, /* NODE_DEVICE_CREATE */
    { 431, false, true }, /* NWFILTER_DEFINE_XML_FLAGS */
    { 433, false, true }, /* NODE_DEVICE_GET_AUTOSTART */
    { 434, false, true }, /* NODE_DEVICE_SET_AUTOSTART */
    { 435, true, true }, /* NODE_DEVICE_IS_PERSISTENT */
    { 440, false, false }, /* DOMAIN_SAVE_PARAMS */
    { 441, false, false }, /* DOMAIN_RESTORE_PARAMS */
    { 442, false, false }, /* DOMAIN_ABORT_JOB_FLAGS */
};

static const void *
objects_find(int proc, bool *ret_ro, bool *ret_high)
{
    for (size_t i = 0; i < sizeof(objects_procs) / sizeof(objects_procs[0]); i++) {
        if (objects_procs[i].proc == proc) {
            *ret_ro = objects_procs[i].readonly_ok;
            *ret_high = objects_procs[i].high;
            return &objects_procs[i];
        }
    }
    return NULL;
}
/* ---- end objects helper ---- */

static bool
in_list(int proc, const int *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == proc)
            return true;
    return false;
}

#define IN(proc, list) in_list((proc), (list), sizeof(list) / sizeof((list)[0]))

static const RpcProcedure *
lookup(int proc)
{
    const RpcProgram *prog = remote_server_program();

    if (proc <= 0 || (size_t)proc >= prog->nprocs || prog->procs[proc].proc == 0)
        return NULL;
    return &prog->procs[proc];
}

static void
test_program_identity(void **state)
{
    const RpcProgram *prog = remote_server_program();

    assert_int_equal(prog->prog, 0x20008086);
    assert_int_equal(prog->vers, 1);
    assert_non_null(prog->procs);
    assert_true(prog->nprocs > 426);
    assert_int_equal(prog->procs[0].proc, 0);
}

static void
test_every_entry_complete(void **state)
{
    const RpcProgram *prog = remote_server_program();
    const unsigned int known = RPC_PROC_READONLY_OK | RPC_PROC_PRIORITY_HIGH |
                               RPC_PROC_NO_AUTH | RPC_PROC_INLINE;
    size_t count = 0;

    for (size_t i = 0; i < prog->nprocs; i++) {
        const RpcProcedure *p = &prog->procs[i];

        if (p->proc == 0)
            continue;
        count++;
        assert_int_equal(p->proc, (int)i);
        assert_non_null(p->api_name);
        assert_true(strncmp(p->api_name, "vir", 3) == 0);
        assert_non_null(p->handler);
        assert_non_null(p->args_filter);
        assert_non_null(p->ret_filter);
        assert_int_equal(p->flags & ~known, 0);
        assert_true(p->error_domain == VIR_FROM_NONE || p->error_domain == VIR_FROM_DOMAIN ||
                    p->error_domain == VIR_FROM_NETWORK ||
                    p->error_domain == VIR_FROM_STORAGE ||
                    p->error_domain == VIR_FROM_DOMAIN_SNAPSHOT ||
                    /* objects helper */
                    p->error_domain == VIR_FROM_INTERFACE || p->error_domain == VIR_FROM_NODEDEV ||
                    p->error_domain == VIR_FROM_SECRET || p->error_domain == VIR_FROM_NWFILTER);
        /* A void side has no storage; a struct side has some. */
        assert_true((p->args_size == 0) == (p->args_filter == (xdrproc_t)(void (*)(void))xdr_void));
        assert_true((p->ret_size == 0) == (p->ret_filter == (xdrproc_t)(void (*)(void))xdr_void));
    }
    assert_int_equal(count, 98 + sizeof(objects_procs) / sizeof(objects_procs[0]) /* objects */ +
                                13 /* streams/events: 10 registrations, 3 streams */);
}

static void
test_readonly_flags(void **state)
{
    const RpcProgram *prog = remote_server_program();

    for (size_t i = 0; i < sizeof(state_changing) / sizeof(state_changing[0]); i++) {
        const RpcProcedure *p = lookup(state_changing[i]);

        if (!p) {
            fail_msg("procedure %d missing from the table", state_changing[i]);
            continue;
        }
        assert_int_equal(p->flags & RPC_PROC_READONLY_OK, 0);
        /* Denials name the API and the family's error domain. */
        assert_int_equal(p->error_domain,
                         state_changing[i] == 48 ? VIR_FROM_NETWORK
                         : state_changing[i] == 90 || state_changing[i] == 208 ||
                                 state_changing[i] == 209
                             ? VIR_FROM_STORAGE
                             : VIR_FROM_DOMAIN);
    }
    for (size_t i = 0; i < prog->nprocs; i++) {
        const RpcProcedure *p = &prog->procs[i];

        bool obj_ro, obj_high;

        if (p->proc == 0 || IN(p->proc, state_changing))
            continue;
        if (objects_find(p->proc, &obj_ro, &obj_high)) { /* objects helper */
            if (obj_ro != ((p->flags & RPC_PROC_READONLY_OK) != 0))
                fail_msg("procedure %d (%s) has the wrong read-only flag", p->proc, p->api_name);
            continue;
        }
        if (!(p->flags & RPC_PROC_READONLY_OK))
            fail_msg("query %d (%s) is refused on read-only connections", p->proc, p->api_name);
    }
}

static void
test_priority_flags(void **state)
{
    const RpcProgram *prog = remote_server_program();

    for (size_t i = 0; i < prog->nprocs; i++) {
        const RpcProcedure *p = &prog->procs[i];
        bool high = (p->flags & RPC_PROC_PRIORITY_HIGH) != 0;
        bool obj_ro, obj_high;

        if (p->proc == 0)
            continue;
        if (objects_find(p->proc, &obj_ro, &obj_high)) { /* objects helper */
            if (high != obj_high)
                fail_msg("procedure %d (%s) has the wrong priority", p->proc, p->api_name);
            continue;
        }
        if (high == IN(p->proc, low_priority))
            fail_msg("procedure %d (%s) has the wrong priority", p->proc, p->api_name);
    }
}

static void
test_auth_flags(void **state)
{
    const RpcProgram *prog = remote_server_program();

    for (size_t i = 0; i < prog->nprocs; i++) {
        const RpcProcedure *p = &prog->procs[i];

        if (p->proc == 0)
            continue;
        /* Only AUTH_LIST is served before authentication so far; in
         * particular CONNECT_OPEN and SUPPORTS_FEATURE are not. */
        assert_int_equal((p->flags & RPC_PROC_NO_AUTH) != 0, p->proc == REMOTE_PROC_AUTH_LIST);
    }
}

static void
test_faithful_set_present(void **state)
{
    for (size_t i = 0; i < sizeof(faithful_set) / sizeof(faithful_set[0]); i++)
        if (!lookup(faithful_set[i]))
            fail_msg("procedure %d missing from the table", faithful_set[i]);
    /* Both event registration paths are served (remote_server_event.c). */
    assert_non_null(lookup(316));
    assert_non_null(lookup(317));
    assert_non_null(lookup(167));
    assert_non_null(lookup(168));
}

static const char *
api_name(int proc)
{
    const RpcProcedure *p = lookup(proc);

    return p ? p->api_name : "(missing)";
}

static void
test_api_names(void **state)
{
    assert_string_equal(api_name(11), "virDomainDefineXML");
    assert_string_equal(api_name(350), "virDomainDefineXMLFlags");
    assert_string_equal(api_name(231), "virDomainUndefineFlags");
    assert_string_equal(api_name(9), "virDomainCreate");
    assert_string_equal(api_name(273), "virConnectListAllDomains");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_program_identity),
        cmocka_unit_test(test_every_entry_complete),
        cmocka_unit_test(test_readonly_flags),
        cmocka_unit_test(test_priority_flags),
        cmocka_unit_test(test_auth_flags),
        cmocka_unit_test(test_faithful_set_present),
        cmocka_unit_test(test_api_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
