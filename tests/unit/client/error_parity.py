#!/usr/bin/python3
"""Calls the same public API sequence on libvirt.so.0 and on libvireo.so
through ctypes and compares every error record field by field (code,
domain, level, message, str1..3, int1, int2).

  error_parity.py LIBVIREO [LIBVIRT]

Each library runs in its own child process so their identical symbol names
never meet. The scenarios cover what the public API layer decides by itself
(invalid handles and arguments, read-only denial, URI parsing, the test
driver's own errors) on test:///default.
"""
import ctypes
import json
import subprocess
import sys

UUID_BAD = b'not-a-uuid'


class Err(ctypes.Structure):
    _fields_ = [('code', ctypes.c_int), ('domain', ctypes.c_int), ('message', ctypes.c_char_p),
                ('level', ctypes.c_int), ('conn', ctypes.c_void_p), ('dom', ctypes.c_void_p),
                ('str1', ctypes.c_char_p), ('str2', ctypes.c_char_p), ('str3', ctypes.c_char_p),
                ('int1', ctypes.c_int), ('int2', ctypes.c_int), ('net', ctypes.c_void_p)]


def run_scenarios(path):
    lib = ctypes.CDLL(path)
    P = ctypes.c_void_p
    for name, res in [('virConnectOpen', P), ('virConnectOpenReadOnly', P),
                      ('virDomainLookupByName', P), ('virDomainLookupByUUIDString', P),
                      ('virDomainLookupByID', P), ('virNetworkLookupByUUIDString', P),
                      ('virStoragePoolLookupByUUIDString', P), ('virNetworkLookupByName', P),
                      ('virStoragePoolLookupByName', P), ('virDomainDefineXML', P),
                      ('virDomainCreateXML', P), ('virDomainGetXMLDesc', P),
                      ('virConnectGetType', P), ('virDomainGetName', P),
                      ('virNetworkGetName', P), ('virStorageVolGetKey', P),
                      ('virGetLastError', ctypes.POINTER(Err)),
                      ('virStorageVolLookupByName', P), ('virDomainGetOSType', P)]:
        getattr(lib, name).restype = res
    handler_t = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)
    quiet = handler_t(lambda data, err: None)
    lib.virSetErrorFunc(None, quiet)

    results = []

    def record(label, ret):
        err = lib.virGetLastError()
        if not err:
            results.append([label, 'ok'])
            return ret
        e = err.contents
        results.append([label, e.code, e.domain, e.level] +
                       [s.decode() if s else None for s in (e.message, e.str1, e.str2, e.str3)] +
                       [e.int1, e.int2])
        return ret

    # Opening.
    for uri in [b'test:///a b', b'default', b'test:///default?x=1']:
        c = record('open ' + uri.decode(), lib.virConnectOpen(uri))
        if c:
            lib.virConnectClose(P(c))
    rw = P(record('open rw', lib.virConnectOpen(b'test:///default')))
    ro = P(record('open ro', lib.virConnectOpenReadOnly(b'test:///default')))
    dom_rw = P(record('lookup rw', lib.virDomainLookupByName(rw, b'test')))
    dom_ro = P(record('lookup ro', lib.virDomainLookupByName(ro, b'test')))
    net = P(record('network', lib.virNetworkLookupByName(ro, b'default')))
    pool = P(record('pool', lib.virStoragePoolLookupByName(ro, b'default-pool')))

    # Invalid handles.
    record('close NULL', lib.virConnectClose(None))
    record('type NULL', lib.virConnectGetType(None))
    record('dom name NULL', lib.virDomainGetName(None))
    record('dom free NULL', lib.virDomainFree(None))
    record('net name NULL', lib.virNetworkGetName(None))
    record('net lookup NULL conn', lib.virNetworkLookupByName(None, b'x'))
    record('pool free NULL', lib.virStoragePoolFree(None))
    record('vol key NULL', lib.virStorageVolGetKey(None))
    record('pool info NULL', lib.virStoragePoolGetInfo(None, None))
    record('num domains NULL', lib.virConnectNumOfDomains(None))

    # Invalid arguments.
    record('lookup name NULL', lib.virDomainLookupByName(ro, None))
    record('lookup id -1', lib.virDomainLookupByID(ro, -1))
    record('lookup uuid bad', lib.virDomainLookupByUUIDString(ro, UUID_BAD))
    record('net uuid bad', lib.virNetworkLookupByUUIDString(ro, UUID_BAD))
    record('pool uuid bad', lib.virStoragePoolLookupByUUIDString(ro, UUID_BAD))
    record('version NULL', lib.virConnectGetVersion(ro, None))
    record('list ids NULL', lib.virConnectListDomains(ro, None, 3))
    record('list ids neg', lib.virConnectListDomains(ro, None, -1))
    record('cells zero', lib.virNodeGetCellsFreeMemory(ro, None, 0, 0))
    record('info NULL', lib.virDomainGetInfo(dom_ro, None))
    record('state NULL', lib.virDomainGetState(dom_ro, None, None, 0))
    record('uuidstr NULL', lib.virDomainGetUUIDString(dom_ro, None))
    record('autostart NULL', lib.virNetworkGetAutostart(net, None))
    record('vol name NULL', lib.virStorageVolLookupByName(pool, None))
    record('setmem zero', lib.virDomainSetMemory(dom_rw, ctypes.c_ulong(0)))
    record('setvcpus zero', lib.virDomainSetVcpus(dom_rw, 0))
    record('define NULL rw', lib.virDomainDefineXML(rw, None))
    record('createxml NULL ro', lib.virDomainCreateXML(ro, None, 0))

    # Read-only denial.
    record('ro define', lib.virDomainDefineXML(ro, b'<domain/>'))
    record('ro createxml', lib.virDomainCreateXML(ro, b'<domain/>', 0))
    record('ro xml secure', lib.virDomainGetXMLDesc(dom_ro, 1))
    record('ro xml migratable', lib.virDomainGetXMLDesc(dom_ro, 8))
    record('ro vcpus guest', lib.virDomainGetVcpusFlags(dom_ro, 8))
    for name in ['virDomainCreate', 'virDomainDestroy', 'virDomainShutdown', 'virDomainSuspend',
                 'virDomainResume', 'virDomainUndefine']:
        record('ro ' + name, getattr(lib, name)(dom_ro))
    for name in ['virDomainCreateWithFlags', 'virDomainDestroyFlags', 'virDomainShutdownFlags',
                 'virDomainReboot', 'virDomainUndefineFlags', 'virDomainSetAutostart']:
        record('ro ' + name, getattr(lib, name)(dom_ro, 0))
    for name in ['virDomainSetMemory', 'virDomainSetMaxMemory']:
        record('ro ' + name, getattr(lib, name)(dom_ro, ctypes.c_ulong(1024)))
    record('ro virDomainSetMemoryFlags', lib.virDomainSetMemoryFlags(dom_ro, ctypes.c_ulong(1024), 0))
    record('ro virDomainSetVcpus', lib.virDomainSetVcpus(dom_ro, 1))
    record('ro virDomainSetVcpusFlags', lib.virDomainSetVcpusFlags(dom_ro, 1, 0))

    # Driver errors pass through; reads succeed on read-only connections.
    record('lookup nosuch', lib.virDomainLookupByName(ro, b'nosuch'))
    record('ro vcpus', lib.virDomainGetVcpusFlags(dom_ro, 0))
    record('list all bad flags', lib.virConnectListAllDomains(ro, None, 0xffffffff))
    record('conn close', lib.virConnectClose(ro))
    return results


def compare(vireo, libvirt):
    base = json.loads(subprocess.run([sys.executable, __file__, '--child', libvirt],
                                     check=True, capture_output=True, text=True).stdout)
    ours = json.loads(subprocess.run([sys.executable, __file__, '--child', vireo],
                                     check=True, capture_output=True, text=True).stdout)
    bad = 0
    for want, got in zip(base, ours):
        if want != got:
            bad += 1
            print('MISMATCH %s\n  libvirt: %s\n  vireo:   %s' % (want[0], want[1:], got[1:]))
    if len(base) != len(ours):
        bad += 1
        print('different number of results: %d vs %d' % (len(base), len(ours)))
    print('%d calls compared, %d mismatches' % (len(base), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    if sys.argv[1] == '--child':
        print(json.dumps(run_scenarios(sys.argv[2])))
        sys.exit(0)
    sys.exit(compare(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else 'libvirt.so.0'))
