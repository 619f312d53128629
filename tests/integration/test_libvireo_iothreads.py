"""The IOThread calls through libvireo in-process, against Debian's libvirt.

One C program is compiled twice, against Debian's libvirt and against
libvireo, and run on test:///default (each library's own in-process test
driver, no daemon): every IOThread call prints its result, the IOThread list
with each CPU map, or its whole error record, and the two outputs must be
identical. This covers the public entry points' own argument checks, which
the daemon-side suites never reach.
"""

import subprocess

import helpers

PROGRAM = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

static void quiet(void *u, virErrorPtr e) { (void)u; (void)e; }

static void show(const char *what, int rc)
{
    virErrorPtr e = virGetLastError();

    if (rc >= 0 && !e) {
        printf("%s: %d\n", what, rc);
        return;
    }
    printf("%s: rc %d error %d/%d/%d '%s' '%s' '%s' '%s' %d %d\n", what, rc,
           e ? e->code : 0, e ? e->domain : 0, e ? (int)e->level : 0,
           e && e->message ? e->message : "-", e && e->str1 ? e->str1 : "-",
           e && e->str2 ? e->str2 : "-", e && e->str3 ? e->str3 : "-",
           e ? e->int1 : 0, e ? e->int2 : 0);
}

static void list(const char *what, virDomainPtr d, unsigned int flags)
{
    virDomainIOThreadInfoPtr *info = (virDomainIOThreadInfoPtr *)1;
    int n = virDomainGetIOThreadInfo(d, &info, flags);

    show(what, n);
    printf("  info %s\n", info ? "set" : "NULL");
    for (int i = 0; i < n; i++) {
        printf("  id %u map", info[i]->iothread_id);
        for (int b = 0; b < info[i]->cpumaplen; b++)
            printf(" %02x", info[i]->cpumap[b]);
        printf("\n");
        virDomainIOThreadInfoFree(info[i]);
    }
    free(info);
}

int main(void)
{
    virConnectPtr c, ro;
    virDomainPtr d, v, rd;
    unsigned char map[2] = { 0x05, 0x00 }, none[1] = { 0 };
    virTypedParameter p[2];
    char name[VIR_TYPED_PARAM_FIELD_LENGTH];

    virSetErrorFunc(NULL, quiet);
    c = virConnectOpen("test:///default");
    ro = virConnectOpenReadOnly("test:///default");
    d = virDomainLookupByName(c, "test");
    rd = virDomainLookupByName(ro, "test");
    if (!c || !ro || !d || !rd)
        return 1;

    list("none", d, 0);
    list("live+config", d, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG);
    show("null info", virDomainGetIOThreadInfo(d, NULL, 0));
    show("add 3", virDomainAddIOThread(d, 3, 0));
    show("add 3 again", virDomainAddIOThread(d, 3, 0));
    show("add 0", virDomainAddIOThread(d, 0, 0));
    show("add 5 config", virDomainAddIOThread(d, 5, VIR_DOMAIN_AFFECT_CONFIG));
    show("add bad flags", virDomainAddIOThread(d, 6, 0x80));
    list("after add", d, 0);
    list("after add config", d, VIR_DOMAIN_AFFECT_CONFIG);
    show("pin 3", virDomainPinIOThread(d, 3, map, 2, 0));
    show("pin empty", virDomainPinIOThread(d, 3, none, 1, 0));
    show("pin null", virDomainPinIOThread(d, 3, NULL, 1, 0));
    show("pin maplen 0", virDomainPinIOThread(d, 3, map, 0, 0));
    show("pin missing", virDomainPinIOThread(d, 9, map, 1, 0));
    list("after pin", d, 0);

    memset(p, 0, sizeof(p));
    strcpy(p[0].field, VIR_DOMAIN_IOTHREAD_POLL_MAX_NS);
    p[0].type = VIR_TYPED_PARAM_ULLONG;
    p[0].value.ul = 4096;
    strcpy(p[1].field, VIR_DOMAIN_IOTHREAD_POLL_GROW);
    p[1].type = VIR_TYPED_PARAM_INT;
    p[1].value.i = 2;
    show("set", virDomainSetIOThreadParams(d, 3, p, 1, 0));
    show("set wrong type", virDomainSetIOThreadParams(d, 3, p, 2, 0));
    show("set none", virDomainSetIOThreadParams(d, 3, p, 0, 0));
    show("set null", virDomainSetIOThreadParams(d, 3, NULL, 1, 0));
    show("set zero id", virDomainSetIOThreadParams(d, 0, p, 1, 0));
    show("set config", virDomainSetIOThreadParams(d, 3, p, 1, VIR_DOMAIN_AFFECT_CONFIG));
    memset(name, 'x', sizeof(name));
    memcpy(p[1].field, name, sizeof(name));
    show("set long name", virDomainSetIOThreadParams(d, 3, p, 2, 0));

    show("del 0", virDomainDelIOThread(d, 0, 0));
    show("del 9", virDomainDelIOThread(d, 9, 0));
    show("del 3", virDomainDelIOThread(d, 3, 0));
    list("after del", d, 0);

    show("ro add", virDomainAddIOThread(rd, 4, 0));
    show("ro del", virDomainDelIOThread(rd, 4, 0));
    show("ro pin", virDomainPinIOThread(rd, 4, map, 1, 0));
    show("ro set", virDomainSetIOThreadParams(rd, 4, p, 1, 0));
    list("ro list", rd, 0);

    v = virDomainDefineXML(c,
        "<domain type='test'><name>vio</name><uuid>6f06a61e-8ee8-44e7-92fa-2f5e472eae9c</uuid>"
        "<memory>1048576</memory>"
        "<vcpu cpuset='2-3'>3</vcpu><iothreads>3</iothreads>"
        "<iothreadids><iothread id='6'/></iothreadids>"
        "<cputune><iothreadpin iothread='6' cpuset='9'/></cputune>"
        "<os><type>hvm</type></os></domain>");
    show("define", v ? 0 : -1);
    if (v) {
        char *xml;

        list("defined", v, 0);
        list("defined live", v, VIR_DOMAIN_AFFECT_LIVE);
        show("defined add live", virDomainAddIOThread(v, 9, VIR_DOMAIN_AFFECT_LIVE));
        show("defined del 1", virDomainDelIOThread(v, 1, 0));
        xml = virDomainGetXMLDesc(v, 0);
        printf("%s", xml ? xml : "no xml\n");
        free(xml);
        virDomainFree(v);
    }
    virDomainFree(rd);
    virDomainFree(d);
    virConnectClose(ro);
    virConnectClose(c);
    return 0;
}
"""


def test_libvireo_iothreads_match_libvirt(tmp_path):
    ref = helpers.compile_c(tmp_path, "with_libvirt", PROGRAM, "libvirt")
    ours = helpers.compile_c(tmp_path, "with_libvireo", PROGRAM, "libvireo")
    want = subprocess.run([str(ref)], capture_output=True, text=True, timeout=60)
    got = subprocess.run([str(ours)], capture_output=True, text=True, timeout=60)
    assert want.returncode == 0, want.stderr
    maps = subprocess.run(["ldd", str(ours)], capture_output=True, text=True).stdout
    assert "libvireo" in maps and "libvirt.so" not in maps
    # the reference really exercised the calls
    assert "add 3: 0\n" in want.stdout and "  id 3 map 05\n" in want.stdout
    assert got.stdout == want.stdout
    assert got.returncode == want.returncode
