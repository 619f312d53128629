/*
 * test_table.c: the REMOTE dispatch table, walked entry by entry.
 *
 * The table decides which procedures a read-only client may call, which go
 * to the priority workers and which need no authentication; a wrong flag is
 * a security bug (a write allowed on a read-only socket) or a liveness bug
 * (a slow call in the priority pool). The expected sets here are written
 * out independently of remote_procs.def, from libvirt 9.0's annotations
 * (libvirt_facts.h) and PROTOCOL.md, so a mistake has to be made twice to
 * pass; every line of remote_procs.def is checked against them.
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

#include "libvirt_facts.h"

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

/* PROTOCOL.md 8.3's faithful set minus the events, which come later. */
static const int faithful_set[] = {
    1, 2, 60, 66, 360, 361,
    273, 212, 22, 23, 24, 19, 16, 151, 15, 183, 122, 121, 426, 14, 11, 9, 34, 28, 33, 12,
    150, 187, 231,
    283, 44, 153, 152,
    281, 89, 87, 154, 84, 282, 100, 98,
    6, 3, 4, 157, 59, 7, 203,
};

/* libvirt 9.0's facts for a procedure, or NULL when it has none. */
static const LibvirtProcFact *
fact_find(int proc)
{
    for (size_t i = 0; i < sizeof(libvirt_proc_facts) / sizeof(libvirt_proc_facts[0]); i++)
        if (libvirt_proc_facts[i].proc == proc)
            return &libvirt_proc_facts[i];
    return NULL;
}

/* How many lines remote_procs.def has: the table must serve each of them. */
#define REMOTE_PROC(...) +1
static const size_t def_lines = 0
#include "remote/remote_procs.def"
    ;
#undef REMOTE_PROC

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
                    p->error_domain == VIR_FROM_DOMAIN_CHECKPOINT || /* snapshots */
                    /* objects helper */
                    p->error_domain == VIR_FROM_INTERFACE || p->error_domain == VIR_FROM_NODEDEV ||
                    p->error_domain == VIR_FROM_SECRET || p->error_domain == VIR_FROM_NWFILTER);
        /* A void side has no storage; a struct side has some. */
        assert_true((p->args_size == 0) == (p->args_filter == (xdrproc_t)(void (*)(void))xdr_void));
        assert_true((p->ret_size == 0) == (p->ret_filter == (xdrproc_t)(void (*)(void))xdr_void));
    }
    assert_int_equal(count, def_lines);
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

        const LibvirtProcFact *f;

        if (p->proc == 0)
            continue;
        f = fact_find(p->proc);
        if (!f) {
            fail_msg("procedure %d (%s) has no libvirt 9.0 fact", p->proc, p->api_name);
            continue;
        }
        if (f->readonly_ok != ((p->flags & RPC_PROC_READONLY_OK) != 0))
            fail_msg("procedure %d (%s) has the wrong read-only flag", p->proc, p->api_name);
    }
}

static void
test_priority_flags(void **state)
{
    const RpcProgram *prog = remote_server_program();

    for (size_t i = 0; i < prog->nprocs; i++) {
        const RpcProcedure *p = &prog->procs[i];
        bool high = (p->flags & RPC_PROC_PRIORITY_HIGH) != 0;
        const LibvirtProcFact *f;

        if (p->proc == 0)
            continue;
        f = fact_find(p->proc);
        if (!f) {
            fail_msg("procedure %d (%s) has no libvirt 9.0 fact", p->proc, p->api_name);
            continue;
        }
        if (high != f->high)
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
