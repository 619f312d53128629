"""The audit's calls through libvireo in-process, against Debian's libvirt.

One C program is compiled twice, against Debian's libvirt and against
libvireo, and run on test:///default (each library's own in-process test
driver, no daemon): every call the driver-table audit added or fixed prints
its result or its whole error record (code, domain, level, message,
str1..3, int1..2), and the two outputs must be identical.
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

/* the result, or the thread's whole error record */
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

int main(void)
{
    const char *both[] = { "/", "/boot" };
    const char *bad[] = { "/nope" };
    const char *root[] = { "/" };
    unsigned char buf[16];
    long long secs = 0;
    unsigned int nsecs = 0;
    virSecurityLabelPtr labels = NULL;
    virConnectPtr c;
    virDomainPtr d, off;
    virNetworkPtr n;
    virNodeDevicePtr dev;
    const char *xml =
        "<domain type='test'><name>pa</name><memory>1048576</memory>"
        "<os><type>hvm</type></os></domain>";

    virSetErrorFunc(NULL, quiet);
    if (!(c = virConnectOpen("test:///default")) || !(d = virDomainLookupByName(c, "test")))
        return 1;
    off = virDomainDefineXML(c, xml);

    show("freeze all", virDomainFSFreeze(d, NULL, 0, 0));
    show("freeze again", virDomainFSFreeze(d, NULL, 0, 0));
    show("thaw /", virDomainFSThaw(d, root, 1, 0));
    show("freeze both", virDomainFSFreeze(d, both, 2, 0));
    show("freeze bad", virDomainFSFreeze(d, bad, 1, 0));
    show("freeze null array", virDomainFSFreeze(d, NULL, 1, 0));
    show("freeze flags", virDomainFSFreeze(d, NULL, 0, 4));
    show("freeze off", virDomainFSFreeze(off, NULL, 0, 0));
    show("thaw all", virDomainFSThaw(d, NULL, 0, 0));
    show("thaw bad", virDomainFSThaw(d, bad, 1, 0));
    show("trim", virDomainFSTrim(d, NULL, 0, 0));
    show("trim /boot", virDomainFSTrim(d, "/boot", 1024, 0));
    show("trim bad", virDomainFSTrim(d, "/x", 0, 0));
    show("trim off", virDomainFSTrim(off, NULL, 0, 0));

    show("settime", virDomainSetTime(d, 1234567, 89, 0));
    show("gettime", virDomainGetTime(d, &secs, &nsecs, 0));
    printf("time %lld %u\n", secs, nsecs);
    show("settime sync", virDomainSetTime(d, 5, 0, VIR_DOMAIN_TIME_SYNC));
    show("settime flags", virDomainSetTime(d, 5, 0, 8));
    show("settime off", virDomainSetTime(off, 5, 0, 0));

    show("password", virDomainSetUserPassword(d, "root", "pw", 0));
    show("password encrypted", virDomainSetUserPassword(d, "root", "pw",
                                                        VIR_DOMAIN_PASSWORD_ENCRYPTED));
    show("password null user", virDomainSetUserPassword(d, NULL, "pw", 0));
    show("password flags", virDomainSetUserPassword(d, "root", "pw", 2));
    show("password off", virDomainSetUserPassword(off, "root", "pw", 0));

    show("signal", virDomainSendProcessSignal(d, 1, 9, 0));
    show("signal pid 0", virDomainSendProcessSignal(d, 0, 9, 0));
    show("signal pid 2", virDomainSendProcessSignal(d, 2, 9, 0));
    show("signal 65", virDomainSendProcessSignal(d, 1, 65, 0));
    show("signal off", virDomainSendProcessSignal(off, 1, 15, 0));

    memset(buf, 0, sizeof(buf));
    show("peek", virDomainMemoryPeek(d, 250, sizeof(buf), buf, VIR_MEMORY_VIRTUAL));
    for (size_t i = 0; i < sizeof(buf); i++)
        printf(" %02x", buf[i]);
    printf("\n");
    show("peek both", virDomainMemoryPeek(d, 0, 4, buf, VIR_MEMORY_VIRTUAL | VIR_MEMORY_PHYSICAL));
    show("peek none", virDomainMemoryPeek(d, 0, 4, buf, 0));
    show("peek null", virDomainMemoryPeek(d, 0, 4, NULL, VIR_MEMORY_PHYSICAL));
    show("peek off", virDomainMemoryPeek(off, 0, 4, buf, VIR_MEMORY_PHYSICAL));

    {
        virDomainMemoryStatStruct st[VIR_DOMAIN_MEMORY_STAT_NR];
        virDomainBlockInfo bi;
        virDomainControlInfo ci;
        virDomainDiskError de[4];
        unsigned char map[2];
        int k = virDomainMemoryStats(d, st, VIR_DOMAIN_MEMORY_STAT_NR, 0);

        show("memstats", k);
        for (int i = 0; i < k; i++)
            printf(" %d=%llu", st[i].tag, st[i].val);
        printf("\n");
        show("memstats 3", virDomainMemoryStats(d, st, 3, 0));
        show("memstats off", virDomainMemoryStats(off, st, 3, 0));
        show("period", virDomainSetMemoryStatsPeriod(d, 9, VIR_DOMAIN_AFFECT_LIVE));
        show("period flags", virDomainSetMemoryStatsPeriod(d, 9, 16));
        memset(&bi, 0, sizeof(bi));
        show("blockinfo", virDomainGetBlockInfo(d, "vda", &bi, 0));
        printf(" %llu %llu %llu\n", bi.capacity, bi.allocation, bi.physical);
        show("blockinfo bad", virDomainGetBlockInfo(d, "vdz", &bi, 0));
        for (long long t = 5000; t < 70000; t += 12345) {
            virDomainSetTime(d, t, 0, 0);
            show("control", virDomainGetControlInfo(d, &ci, 0));
            printf(" %u %u %llu\n", ci.state, ci.details, ci.stateTime);
        }
        show("control off", virDomainGetControlInfo(off, &ci, 0));
        show("diskerrors count", virDomainGetDiskErrors(d, NULL, 0, 0));
        k = virDomainGetDiskErrors(d, de, 4, 0);
        show("diskerrors", k);
        for (int i = 0; i < k; i++) {
            printf(" %s=%d", de[i].disk, de[i].error);
            free(de[i].disk);
        }
        printf("\n");
        show("emulatorpin", virDomainGetEmulatorPinInfo(d, map, 2, 0));
        printf(" %02x %02x\n", map[0], map[1]);
        show("emulatorpin flags", virDomainGetEmulatorPinInfo(d, map, 2, 4));
    }
    {
        const char *fxml = "<domain type='test'><name>pf</name>"
                           "<uuid>3e1f0c2a-1111-4a2b-8c3d-0000000000f1</uuid>"
                           "<memory>1048576</memory><os><type>hvm</type></os></domain>";
        virDomainPtr f = virDomainCreateXMLWithFiles(c, fxml, 0, NULL, 0);
        virNetworkPtr nf;
        const char *nxml = "<network><name>pnet</name>"
                           "<uuid>0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d</uuid></network>";

        show("create with files", f ? virDomainGetID(f) : -1);
        show("create with files again", virDomainCreateWithFiles(f ? f : off, 0, NULL, 0));
        show("create with files flags", virDomainCreateXMLWithFiles(c, fxml, 0, NULL, 64) ? 0 : -1);
        if (f)
            virDomainFree(f);
        nf = virNetworkDefineXMLFlags(c, nxml, VIR_NETWORK_DEFINE_VALIDATE);
        show("net define flags", nf ? virNetworkIsActive(nf) : -1);
        show("net define bad flags", virNetworkDefineXMLFlags(c, nxml, 2) ? 0 : -1);
        show("net create flags", virNetworkCreateXMLFlags(c, nxml, 0) ? 0 : -1);
        show("net create null", virNetworkCreateXMLFlags(c, NULL, 0) ? 0 : -1);
        if (nf)
            virNetworkFree(nf);
    }
    {
        unsigned int pages[2] = { 4, 2048 };
        unsigned long long counts[6] = { 0 };
        const char *types[] = { "logical", "netfs", "dir", "iscsi", "nosuch" };

        show("free pages", virNodeGetFreePages(c, 2, pages, 0, 3, counts, 0));
        for (int i = 0; i < 6; i++)
            printf(" %llu", counts[i]);
        printf("\n");
        show("free pages flags", virNodeGetFreePages(c, 2, pages, 0, 3, counts, 1));
        show("free pages none", virNodeGetFreePages(c, 0, pages, 0, 3, counts, 0));
        for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
            char *x = virConnectFindStoragePoolSources(c, types[i], NULL, 0);

            show(types[i], x ? 0 : -1);
            if (x)
                printf("%s", x);
            free(x);
        }
        {
            char *x = virConnectFindStoragePoolSources(c, "netfs",
                                                       "<source><host name='nas'/></source>", 0);

            show("netfs nas", x ? 0 : -1);
            if (x)
                printf("%s", x);
            free(x);
        }
        show("sources flags", virConnectFindStoragePoolSources(c, "logical", NULL, 1) ? 0 : -1);
        show("sources null", virConnectFindStoragePoolSources(c, NULL, NULL, 0) ? 0 : -1);
    }
    {
        virInterfacePtr eth = virInterfaceLookupByName(c, "eth1");

        show("change commit none", virInterfaceChangeCommit(c, 0));
        show("change rollback none", virInterfaceChangeRollback(c, 0));
        show("change begin", virInterfaceChangeBegin(c, 0));
        show("change begin again", virInterfaceChangeBegin(c, 0));
        show("undefine eth1", virInterfaceUndefine(eth));
        show("defined after undefine", virConnectNumOfDefinedInterfaces(c));
        show("active after undefine", virConnectNumOfInterfaces(c));
        show("change rollback", virInterfaceChangeRollback(c, 0));
        show("defined after rollback", virConnectNumOfDefinedInterfaces(c));
        show("active after rollback", virConnectNumOfInterfaces(c));
        show("change begin flags", virInterfaceChangeBegin(c, 1));
        show("change begin", virInterfaceChangeBegin(c, 0));
        show("change commit", virInterfaceChangeCommit(c, 0));
        virInterfaceFree(eth);
    }
    {
        virDomainFSInfoPtr *fs = NULL;
        int k = virDomainGetFSInfo(d, &fs, 0);

        show("fsinfo", k);
        for (int i = 0; i < k; i++) {
            printf(" %s %s %s %zu %s\n", fs[i]->mountpoint, fs[i]->name, fs[i]->fstype,
                   fs[i]->ndevAlias, fs[i]->devAlias[0]);
            virDomainFSInfoFree(fs[i]);
        }
        free(fs);
        show("fsinfo flags", virDomainGetFSInfo(d, &fs, 1));
        show("fsinfo off", virDomainGetFSInfo(off, &fs, 0));
        show("fsinfo null", virDomainGetFSInfo(d, NULL, 0));
    }
    {
        const char *arches[] = { "x86_64", "ppc64", "aarch64", "riscv64", "nosuch" };

        for (size_t i = 0; i < sizeof(arches) / sizeof(arches[0]); i++) {
            char **models = NULL;
            int k = virConnectGetCPUModelNames(c, arches[i], &models, 0);

            show(arches[i], k);
            for (int j = 0; j < k; j++) {
                printf(" %s", models[j]);
                free(models[j]);
            }
            if (k >= 0)
                printf(" [%s]\n", models && models[k] == NULL ? "end" : "?");
            free(models);
        }
        show("models count", virConnectGetCPUModelNames(c, "i686", NULL, 0));
        show("models flags", virConnectGetCPUModelNames(c, "i686", NULL, 1));
    }
    {
        char *x;

        show("lifecycle", virDomainSetLifecycleAction(d, VIR_DOMAIN_LIFECYCLE_CRASH,
                                                      VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE,
                                                      VIR_DOMAIN_AFFECT_LIVE));
        show("lifecycle reboot dump", virDomainSetLifecycleAction(d, VIR_DOMAIN_LIFECYCLE_REBOOT,
                                                                  4, 0));
        show("lifecycle bad type", virDomainSetLifecycleAction(d, 3, 0, 0));
        show("lifecycle bad action", virDomainSetLifecycleAction(d, 0, 6, 0));
        show("lifecycle off live", virDomainSetLifecycleAction(off, 0, 1,
                                                               VIR_DOMAIN_AFFECT_LIVE));
        x = virDomainGetXMLDesc(d, 0);
        if (x && strstr(x, "<on_crash>"))
            printf("%.30s\n", strstr(x, "<on_crash>"));
        free(x);
    }
    {
        unsigned char pin[2] = { 0x05, 0x00 }, none[1] = { 0 }, got[2];
        char *x;

        show("pin emulator", virDomainPinEmulator(d, pin, 2, VIR_DOMAIN_AFFECT_LIVE));
        show("pin emulator info", virDomainGetEmulatorPinInfo(d, got, 2, 0));
        printf(" %02x %02x\n", got[0], got[1]);
        show("pin emulator empty", virDomainPinEmulator(d, none, 1, 0));
        show("pin emulator maplen", virDomainPinEmulator(d, pin, 0, 0));
        show("pin emulator off", virDomainPinEmulator(off, pin, 2, VIR_DOMAIN_AFFECT_LIVE));
        x = virDomainGetXMLDesc(d, 0);
        if (x && strstr(x, "<emulatorpin"))
            printf("%.40s\n", strstr(x, "<emulatorpin"));
        free(x);
    }
    show("label list", virDomainGetSecurityLabelList(d, &labels));
    free(labels);
    show("domcaps", virConnectGetDomainCapabilities(c, NULL, NULL, NULL, NULL, 0) ? 0 : -1);

    n = virNetworkLookupByName(c, "default");
    show("net create dup", virNetworkCreateXML(c,
        "<network><name>default</name><uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>"
        "</network>") ? 0 : -1);
    show("iface no type", virInterfaceDefineXML(c, "<interface name='x'/>", 0) ? 0 : -1);
    show("restore missing", virDomainRestore(c, "/nonexistent/vireo-audit.img"));
    dev = virNodeDeviceLookupByName(c, "computer");
    show("nodedev parent", virNodeDeviceGetParent(dev) ? 0 : -1);

    virNodeDeviceFree(dev);
    virNetworkFree(n);
    virDomainFree(off);
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
    maps = subprocess.run(["ldd", str(ours)], capture_output=True, text=True).stdout
    assert "libvireo" in maps and "libvirt.so" not in maps
    # the reference really exercised the calls
    assert "freeze all: 2\n" in want.stdout and "time 1234567 89\n" in want.stdout
    assert got.stdout == want.stdout
    assert got.returncode == want.returncode
