/*
 * test_iothread.c: a domain's IOThreads in the test driver, as libvirt 9.0's
 * test driver handles them.
 *
 * The IOThreads themselves live in the definition the flags choose (live
 * or persistent); their polling parameters live beside the domain, one
 * entry per IOThread added through the API whatever definition it went to,
 * so (as in libvirt) an IOThread that only the XML declared has none and
 * virDomainSetIOThreadParams fails for it without saying why.
 */
#define VIR_FROM_THIS VIR_FROM_TEST

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/test/test_iothread.h"
#include "drivers/test/test_params.h"
#include "drivers/test/test_private.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/macros.h"

/* The polling figures libvirt's test driver gives a new IOThread. */
#define TEST_IOTHREAD_POLL_MAX_NS 32768

/* CPUs a cpuset of the domain XML may name (libvirt's VIR_DOMAIN_CPUMASK_LEN). */
#define TEST_IOTHREAD_CPUS 1024

/* libvirt reports a zero id before looking the domain up. */
static int
test_iothread_check_id(unsigned int iothread_id)
{
    if (iothread_id == 0) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s", "invalid value of 0 for iothread_id");
        return -1;
    }
    return 0;
}

/* The cpumap IOThread thr runs on: its pin, else <vcpu cpuset>, else one
 * CPU per current vCPU; as many bytes as reach its last CPU. */
static void
test_iothread_cpumap(const DomainDef *def, unsigned int id, virDomainIOThreadInfoPtr info)
{
    unsigned char map[TEST_IOTHREAD_CPUS / 8] = { 0 };
    const char *set = domain_iothread_pin(def, id);
    int last = -1;

    if (!set && def->vcpu_cpuset && *def->vcpu_cpuset)
        set = def->vcpu_cpuset;
    if (set) {
        test_vcpu_cpuset_to_map(set, map, (int)sizeof(map));
    } else {
        for (unsigned int c = 0; c < def->vcpus_cur && c < TEST_IOTHREAD_CPUS; c++)
            map[c / 8] |= (unsigned char)(1 << (c % 8));
    }
    for (int c = TEST_IOTHREAD_CPUS - 1; c >= 0 && last < 0; c--)
        if (map[c / 8] & (1 << (c % 8)))
            last = c;
    info->cpumaplen = last < 0 ? 1 : last / 8 + 1;
    info->cpumap = xcalloc((size_t)info->cpumaplen, 1);
    memcpy(info->cpumap, map, (size_t)info->cpumaplen);
}

int
test_domain_get_iothread_info(virDomainPtr dom, virDomainIOThreadInfoPtr **info,
                              unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    virDomainIOThreadInfoPtr *list;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainGetIOThreadInfo", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if ((def = test_domain_one_def(obj, flags, NULL))) {
        ret = (int)def->niothreads;
        if (def->niothreads) {
            list = xcalloc(def->niothreads, sizeof(*list));
            for (size_t i = 0; i < def->niothreads; i++) {
                list[i] = xcalloc(1, sizeof(*list[i]));
                list[i]->iothread_id = def->iothreads[i].id;
                test_iothread_cpumap(def, def->iothreads[i].id, list[i]);
            }
            *info = list;
        }
    }
    pthread_mutex_unlock(&st->lock);
    return ret;
}

static void
test_iothread_poll_add(TestDomain *obj, unsigned int id)
{
    obj->iothread_polls = xreallocarray(obj->iothread_polls, obj->niothread_polls + 1,
                                        sizeof(*obj->iothread_polls));
    obj->iothread_polls[obj->niothread_polls++] = (TestIOThreadPoll){
        .id = id, .poll_max_ns = TEST_IOTHREAD_POLL_MAX_NS,
    };
}

void
test_iothread_polls_load(TestDomain *obj)
{
    for (size_t i = 0; i < obj->def->niothreads; i++)
        test_iothread_poll_add(obj, obj->def->iothreads[i].id);
}

int
test_domain_add_iothread(virDomainPtr dom, unsigned int iothread_id, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainAddIOThread", -1);
    if (test_iothread_check_id(iothread_id) < 0 || !(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)))
        goto out;
    if (domain_iothread_find(def, iothread_id)) {
        /* libvirt's shared hypervisor check: its domain, not the driver's */
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                         "an IOThread is already using iothread_id '%u'", iothread_id);
        goto out;
    }
    if (def->niothreads >= DOMAIN_IOTHREADS_MAX) {
        vir_report_error(VIR_ERR_INVALID_ARG, "too many IOThreads (at most %d)",
                         DOMAIN_IOTHREADS_MAX);
        goto out;
    }
    domain_iothread_add(def, iothread_id);
    test_iothread_poll_add(obj, iothread_id);
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_del_iothread(virDomainPtr dom, unsigned int iothread_id, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainDelIOThread", -1);
    if (test_iothread_check_id(iothread_id) < 0 || !(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)))
        goto out;
    if (!domain_iothread_find(def, iothread_id)) {
        vir_error_report(VIR_FROM_DOMAIN, VIR_ERR_INVALID_ARG,
                         "cannot find IOThread '%u' in iothreadids list", iothread_id);
        goto out;
    }
    domain_iothread_del(def, iothread_id);
    for (size_t i = 0; i < obj->niothread_polls; i++) {
        if (obj->iothread_polls[i].id == iothread_id) {
            memmove(&obj->iothread_polls[i], &obj->iothread_polls[i + 1],
                    (obj->niothread_polls - i - 1) * sizeof(*obj->iothread_polls));
            obj->niothread_polls--;
            break;
        }
    }
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_pin_iothread(virDomainPtr dom, unsigned int iothread_id, unsigned char *cpumap,
                         int maplen, unsigned int flags)
{
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    _cleanup_free_ char *set = NULL;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG,
                     "testDomainPinIOThread", -1);
    if (!(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)))
        goto out;
    set = test_vcpu_format_map(cpumap, maplen);
    if (!*set) {
        vir_report_error(VIR_ERR_INVALID_ARG, "%s", "Empty iothread cpumap list for pinning");
        goto out;
    }
    if (!domain_iothread_find(def, iothread_id)) {
        vir_report_error(VIR_ERR_INVALID_ARG, "iothreadid %d not found", (int)iothread_id);
        goto out;
    }
    /* the XML names CPUs below 1024 only: the others cannot exist */
    free(set);
    set = test_vcpu_format_map(cpumap, maplen < TEST_IOTHREAD_CPUS / 8 ? maplen
                                                                       : TEST_IOTHREAD_CPUS / 8);
    if (*set)
        domain_iothread_set_pin(def, iothread_id, set);
    ret = 0;
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

int
test_domain_set_iothread_params(virDomainPtr dom, unsigned int iothread_id,
                                virTypedParameterPtr params, int nparams, unsigned int flags)
{
    static const TestParamSpec spec[] = {
        { VIR_DOMAIN_IOTHREAD_POLL_MAX_NS, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_IOTHREAD_POLL_GROW, VIR_TYPED_PARAM_UINT },
        { VIR_DOMAIN_IOTHREAD_POLL_SHRINK, VIR_TYPED_PARAM_UINT },
    };
    TestState *st;
    TestDomain *obj;
    DomainDef *def;
    int ret = -1;

    TEST_CHECK_FLAGS(flags, VIR_DOMAIN_AFFECT_LIVE, "testDomainSetIOThreadParams", -1);
    if (test_iothread_check_id(iothread_id) < 0 || !(obj = test_domain_get(dom, &st)))
        return -1;
    if (!(def = test_domain_one_def(obj, flags, NULL)))
        goto out;
    if (!domain_iothread_find(def, iothread_id)) {
        vir_report_error(VIR_ERR_INVALID_ARG, "cannot find IOThread '%u' in iothreadids",
                         iothread_id);
        goto out;
    }
    for (size_t i = 0; i < obj->niothread_polls; i++) {
        TestIOThreadPoll *poll = &obj->iothread_polls[i];

        if (poll->id != iothread_id)
            continue;
        if (test_params_validate(params, nparams, spec, ARRAY_SIZE(spec)) < 0)
            break;
        for (int p = 0; p < nparams; p++) {
            if (STREQ(params[p].field, VIR_DOMAIN_IOTHREAD_POLL_MAX_NS))
                poll->poll_max_ns = params[p].value.ul;
            else if (STREQ(params[p].field, VIR_DOMAIN_IOTHREAD_POLL_GROW))
                poll->poll_grow = params[p].value.ui;
            else if (STREQ(params[p].field, VIR_DOMAIN_IOTHREAD_POLL_SHRINK))
                poll->poll_shrink = params[p].value.ui;
        }
        ret = 0;
        break;
    }
out:
    pthread_mutex_unlock(&st->lock);
    return ret;
}

/* One typed parameter at the end of *params (grown by one). */
static void
test_iothread_stat(virTypedParameterPtr *params, int *nparams, int type, unsigned long long v,
                   const char *name)
{
    virTypedParameterPtr p;

    *params = xreallocarray(*params, (size_t)*nparams + 1, sizeof(**params));
    p = &(*params)[(*nparams)++];
    memset(p, 0, sizeof(*p));
    snprintf(p->field, sizeof(p->field), "%s", name);
    p->type = type;
    if (type == VIR_TYPED_PARAM_ULLONG)
        p->value.ul = v;
    else
        p->value.ui = (unsigned int)v;
}

void
test_iothread_stats(const TestDomain *obj, virTypedParameterPtr *params, int *nparams)
{
    if (!test_domain_active(obj) || obj->niothread_polls == 0)
        return;
    test_iothread_stat(params, nparams, VIR_TYPED_PARAM_UINT, obj->niothread_polls,
                       "iothread.count");
    for (size_t i = 0; i < obj->niothread_polls; i++) {
        const TestIOThreadPoll *poll = &obj->iothread_polls[i];
        char name[VIR_TYPED_PARAM_FIELD_LENGTH];

        snprintf(name, sizeof(name), "iothread.%u.poll-max-ns", poll->id);
        test_iothread_stat(params, nparams, VIR_TYPED_PARAM_ULLONG, poll->poll_max_ns, name);
        snprintf(name, sizeof(name), "iothread.%u.poll-grow", poll->id);
        test_iothread_stat(params, nparams, VIR_TYPED_PARAM_UINT, poll->poll_grow, name);
        snprintf(name, sizeof(name), "iothread.%u.poll-shrink", poll->id);
        test_iothread_stat(params, nparams, VIR_TYPED_PARAM_UINT, poll->poll_shrink, name);
    }
}
