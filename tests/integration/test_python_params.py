"""Typed parameters through python3-libvirt and through libvireo in-process.

1. python3-libvirt walks scheduler, memory, blkio, NUMA and interface
   tuning, CPU and bulk statistics against libvirtd (test driver) and
   vireod; every step's result, or its error's code, domain, message and
   level, must be the same.
2. One C program using the virTypedParams* helpers and the typed-parameter
   calls is compiled twice, against Debian's libvirt and against libvireo,
   and run on test:///default (each library's in-process test driver): the
   two outputs must be identical.
"""

import subprocess

import libvirt
import pytest

import helpers

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def res(fn, *args):
    try:
        return ("ok", fn(*args))
    except libvirt.libvirtError as e:
        return ("error", e.get_error_code(), e.get_error_domain(),
                e.get_error_message(), e.get_error_level())


LIVE = libvirt.VIR_DOMAIN_AFFECT_LIVE
CONFIG = libvirt.VIR_DOMAIN_AFFECT_CONFIG


def walk_scheduler(c):
    d = c.lookupByName("test")
    return [res(d.schedulerType), res(d.schedulerParameters),
            res(d.schedulerParametersFlags, 0), res(d.schedulerParametersFlags, CONFIG),
            res(d.setSchedulerParameters, {"weight": 7}),
            res(d.setSchedulerParametersFlags, {"weight": 9}, 0),
            res(d.setSchedulerParametersFlags, {"weight": 9}, LIVE),
            res(d.schedulerParameters)]


def walk_memory(c):
    d = c.lookupByName("test")
    return [res(d.memoryParameters, 0),
            res(d.setMemoryParameters, {"hard_limit": 1 << 20, "soft_limit": 1 << 19}, 0),
            res(d.memoryParameters, 0), res(d.memoryParameters, LIVE),
            res(d.setMemoryParameters, {"swap_hard_limit": 1000}, 0),
            res(d.setMemoryParameters, {"hard_limit": 5}, CONFIG),
            res(d.memoryParameters, CONFIG), res(d.memoryParameters, LIVE | CONFIG),
            res(d.XMLDesc, 0), res(d.XMLDesc, libvirt.VIR_DOMAIN_XML_INACTIVE),
            res(d.destroy), res(d.memoryParameters, LIVE),
            res(d.setMemoryParameters, {"soft_limit": 3}, LIVE)]


def walk_blkio(c):
    d = c.lookupByName("test")
    return [res(d.blkioParameters, 0),
            res(d.setBlkioParameters, {"weight": 250,
                                       "device_weight": "/dev/sda,10,/dev/sdb,20"}, 0),
            res(d.setBlkioParameters, {"device_read_bytes_sec": "/dev/sdb,1000"}, 0),
            res(d.blkioParameters, 0),
            res(d.setBlkioParameters, {"device_weight": "/dev/sda"}, 0),
            res(d.XMLDesc, 0)]


def walk_numa(c):
    d = c.lookupByName("test")
    return [res(d.numaParameters, 0),
            res(d.setNumaParameters, {"numa_nodeset": "0", "numa_mode": 2}, 0),
            res(d.numaParameters, 0),
            res(d.setNumaParameters, {"numa_mode": 0}, 0),
            res(d.setNumaParameters, {"numa_mode": 9}, CONFIG),
            res(d.setNumaParameters, {"numa_nodeset": ""}, CONFIG),
            res(d.setNumaParameters, {"numa_nodeset": "1-3,^2"}, CONFIG),
            res(d.numaParameters, CONFIG), res(d.XMLDesc, libvirt.VIR_DOMAIN_XML_INACTIVE)]


def walk_interface(c):
    d = c.lookupByName("test")
    return [res(d.interfaceParameters, "testnet0", 0),
            res(d.setInterfaceParameters, "testnet0",
                {"inbound.average": 10, "inbound.peak": 20, "outbound.average": 5,
                 "outbound.burst": 6}, 0),
            res(d.interfaceParameters, "testnet0", 0),
            res(d.setInterfaceParameters, "testnet0", {"inbound.average": 0}, 0),
            res(d.interfaceParameters, "aa:bb:cc:dd:ee:ff", 0),
            res(d.interfaceParameters, "nope", 0),
            res(d.XMLDesc, 0)]


def walk_stats(c):
    d = c.lookupByName("test")
    recs = [(dom.name(), st) for dom, st in c.getAllDomainStats(0, 0)]
    listed = [(dom.name(), st) for dom, st in c.domainListGetStats([d], libvirt.VIR_DOMAIN_STATS_STATE, 0)]
    return [recs, listed,
            res(c.getAllDomainStats, libvirt.VIR_DOMAIN_STATS_BALLOON,
                libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS),
            res(c.getCPUStats, -1, 0), res(c.getCPUStats, 1, 0), res(c.getCPUStats, -2, 0),
            res(d.getCPUStats, True, 0), res(d.getCPUStats, False, 0),
            res(d.launchSecurityInfo, 0),
            res(d.suspend), [(dom.name(), st) for dom, st in c.getAllDomainStats(0, 0)],
            res(d.destroy), res(d.getCPUStats, True, 0)]


def walk_iotune_perf(c):
    d = c.lookupByName("test")
    return [res(d.blockIoTune, "vda", 0),
            res(d.setBlockIoTune, "vda", {"total_bytes_sec": 100, "group_name": "g1"}, 0),
            res(d.blockIoTune, "vda", 0), res(d.blockIoTune, "vdq", 0),
            res(d.setBlockIoTune, "vda", {"read_iops_sec": 3, "total_iops_sec": 4}, 0),
            res(d.setBlockIoTune, "vda", {"read_iops_sec": 3}, CONFIG),
            res(d.blockIoTune, "vda", CONFIG),
            res(d.perfEvents, 0), res(d.setPerfEvents, {"cmt": True, "mbmt": False}, 0),
            res(d.perfEvents, 0), res(d.perfEvents, CONFIG),
            res(d.XMLDesc, 0), res(d.XMLDesc, libvirt.VIR_DOMAIN_XML_INACTIVE)]


SCENARIOS = {
    "iotune_perf": walk_iotune_perf,
    "scheduler": walk_scheduler,
    "memory": walk_memory,
    "blkio": walk_blkio,
    "numa": walk_numa,
    "interface": walk_interface,
    "stats": walk_stats,
}


def _run(d, fn):
    c = libvirt.open(d.tcp_uri)
    try:
        return fn(c)
    finally:
        c.close()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_python_params_same(libvirtd, vireod, name):
    want = _run(libvirtd, SCENARIOS[name])
    got = _run(vireod, SCENARIOS[name])
    assert got == want


def test_python_params_readonly(libvirtd, vireod):
    def walk(d):
        c = libvirt.openReadOnly(d.unix_uri)
        try:
            dom = c.lookupByName("test")
            return [res(dom.memoryParameters, 0), res(dom.setMemoryParameters, {"hard_limit": 1}, 0),
                    res(dom.setSchedulerParameters, {"weight": 1}),
                    res(dom.setNumaParameters, {"numa_nodeset": "0"}, 0),
                    res(dom.setInterfaceParameters, "testnet0", {"inbound.average": 1}, 0),
                    res(dom.setBlkioParameters, {"weight": 100}, 0),
                    res(dom.launchSecurityInfo, 0)]
        finally:
            c.close()
    assert walk(vireod) == walk(libvirtd)


# ---- libvireo in-process, against Debian's libvirt in-process ----

PROGRAM = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void quiet(void *u, virErrorPtr e) { (void)u; (void)e; }

static void show_err(const char *what)
{
    virErrorPtr e = virGetLastError();
    printf("%s: error %d/%d %s\n", what, e ? e->code : 0, e ? e->domain : 0,
           e && e->message ? e->message : "");
}

static void show(const char *what, virTypedParameterPtr p, int n)
{
    printf("%s:", what);
    for (int i = 0; i < n; i++) {
        printf(" %s=", p[i].field);
        switch (p[i].type) {
        case VIR_TYPED_PARAM_INT: printf("%d", p[i].value.i); break;
        case VIR_TYPED_PARAM_UINT: printf("%u", p[i].value.ui); break;
        case VIR_TYPED_PARAM_LLONG: printf("%lld", p[i].value.l); break;
        case VIR_TYPED_PARAM_ULLONG: printf("%llu", p[i].value.ul); break;
        case VIR_TYPED_PARAM_DOUBLE: printf("%g", p[i].value.d); break;
        case VIR_TYPED_PARAM_BOOLEAN: printf("%d", p[i].value.b); break;
        case VIR_TYPED_PARAM_STRING: printf("'%s'", p[i].value.s); break;
        default: printf("?%d", p[i].type);
        }
    }
    printf("\n");
}

typedef int (*getter)(virDomainPtr, virTypedParameterPtr, int *, unsigned int);

static void two_step(const char *what, virDomainPtr d, getter fn, unsigned int flags)
{
    int n = 0;
    virTypedParameterPtr p;

    if (fn(d, NULL, &n, flags) < 0) { show_err(what); return; }
    printf("%s count %d\n", what, n);
    p = calloc(n, sizeof(*p));
    if (fn(d, p, &n, flags) < 0) show_err(what);
    else show(what, p, n);
    virTypedParamsFree(p, n);
}

int main(void)
{
    virConnectPtr c;
    virDomainPtr d;
    virTypedParameterPtr p = NULL;
    int n = 0, max = 0, nparams = 0;
    char *type;
    unsigned long long ul;
    const char *s;
    virDomainStatsRecordPtr *recs = NULL;
    virNodeCPUStats cpu[8];

    virSetErrorFunc(NULL, quiet);
    if (!(c = virConnectOpen("test:///default")) || !(d = virDomainLookupByName(c, "test")))
        return 1;
    type = virDomainGetSchedulerType(d, &nparams);
    printf("sched %s %d\n", type, nparams);
    free(type);

    virTypedParamsAddULLong(&p, &n, &max, "hard_limit", 2097152);
    virTypedParamsAddULLong(&p, &n, &max, "soft_limit", 1048576);
    printf("get %d\n", virTypedParamsGetULLong(p, n, "soft_limit", &ul));
    printf("set mem %d\n", virDomainSetMemoryParameters(d, p, n, 0));
    virTypedParamsFree(p, n); p = NULL; n = max = 0;
    two_step("mem", d, virDomainGetMemoryParameters, 0);

    virTypedParamsAddFromString(&p, &n, &max, "weight", VIR_TYPED_PARAM_UINT, "321");
    virTypedParamsAddString(&p, &n, &max, "device_weight", "/dev/sda,5");
    printf("set blkio %d\n", virDomainSetBlkioParameters(d, p, n, 0));
    printf("getstr %d\n", virTypedParamsGetString(p, n, "device_weight", &s));
    virTypedParamsFree(p, n); p = NULL; n = max = 0;
    two_step("blkio", d, virDomainGetBlkioParameters, 0);

    virTypedParamsAddString(&p, &n, &max, "numa_nodeset", "0");
    virTypedParamsAddInt(&p, &n, &max, "numa_mode", 1);
    printf("set numa %d\n", virDomainSetNumaParameters(d, p, n, 0));
    virTypedParamsFree(p, n); p = NULL; n = max = 0;
    two_step("numa", d, virDomainGetNumaParameters, 0);
    two_step("numa-bad-flags", d, virDomainGetNumaParameters, 3);

    virTypedParamsAddUInt(&p, &n, &max, "inbound.average", 100);
    printf("set iface %d\n", virDomainSetInterfaceParameters(d, "testnet0", p, n, 0));
    virTypedParamsFree(p, n); p = NULL; n = max = 0;
    n = 0;
    if (virDomainGetInterfaceParameters(d, "testnet0", NULL, &n, 0) == 0) {
        p = calloc(n, sizeof(*p));
        if (virDomainGetInterfaceParameters(d, "testnet0", p, &n, 0) == 0) show("iface", p, n);
        virTypedParamsFree(p, n); p = NULL;
    }

    n = 1;
    p = calloc(1, sizeof(*p));
    if (virDomainGetSchedulerParametersFlags(d, p, &n, 0) == 0) show("sched", p, n);
    if (virDomainGetSchedulerParametersFlags(d, p, &n, VIR_DOMAIN_AFFECT_CONFIG) < 0)
        show_err("sched-config");
    free(p); p = NULL;

    n = virConnectGetAllDomainStats(c, 0, &recs, 0);
    printf("stats %d\n", n);
    for (int i = 0; i < n; i++) show(virDomainGetName(recs[i]->dom), recs[i]->params,
                                     recs[i]->nparams);
    virDomainStatsRecordListFree(recs);

    n = 0;
    printf("cpu count %d %d\n", virNodeGetCPUStats(c, -1, NULL, &n, 0), n);
    n = 8;
    if (virNodeGetCPUStats(c, -1, cpu, &n, 0) == 0)
        for (int i = 0; i < n; i++) printf(" %s=%llu", cpu[i].field, cpu[i].value);
    printf("\n");

    n = virDomainGetCPUStats(d, NULL, 0, -1, 1, 0);
    printf("domcpu %d\n", n);
    if (n > 0) {
        p = calloc(n, sizeof(*p));
        n = virDomainGetCPUStats(d, p, n, -1, 1, 0);
        if (n > 0) show("domcpu", p, n); else show_err("domcpu");
        virTypedParamsFree(p, n > 0 ? n : 0); p = NULL;
    } else {
        show_err("domcpu");
    }
    n = 0;
    if (virDomainGetLaunchSecurityInfo(d, &p, &n, 0) < 0) show_err("launchsec");
    virTypedParamsFree(p, n);

    {
        char *xml = virDomainGetXMLDesc(d, 0);
        char *a = strstr(xml, "<blkiotune>"), *b = strstr(xml, "<vcpu");
        if (a && b && b > a) printf("%.*s", (int)(b - a), a);
        a = strstr(xml, "<bandwidth>");
        b = a ? strstr(a, "</bandwidth>") : NULL;
        if (a && b) printf("%.*s\n", (int)(b - a + 12), a);
        free(xml);
    }
    virDomainFree(d);
    virConnectClose(c);
    return 0;
}
"""


def test_libvireo_in_process_matches_libvirt(tmp_path):
    ref = helpers.compile_c(tmp_path, "with_libvirt", PROGRAM, "libvirt")
    ours = helpers.compile_c(tmp_path, "with_libvireo", PROGRAM, "libvireo")
    want = subprocess.run([str(ref)], capture_output=True, text=True, timeout=60)
    got = subprocess.run([str(ours)], capture_output=True, text=True, timeout=60)
    assert want.returncode == 0, want.stderr
    # it really ran against libvireo
    maps = subprocess.run(["ldd", str(ours)], capture_output=True, text=True).stdout
    assert "libvireo" in maps and "libvirt.so" not in maps
    assert "sched fair 1" in want.stdout and "mem:" in want.stdout
    assert got.stdout == want.stdout
    assert got.returncode == want.returncode
