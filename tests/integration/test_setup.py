"""The README's set-up promises: `make run` serves what it prints, and
`make install PREFIX=DIR` gives a library that a libvirt program compiles
against unchanged (`#include <libvirt/libvirt.h>`, `pkg-config vireo`)."""

import os
import re
import shutil
import signal
import subprocess
import time

import helpers as h

ROOT = os.environ.get("VIREO_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))

PROGRAM = r"""
#include <stdio.h>
#include <stdlib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

int main(int argc, char **argv)
{
    virConnectPtr conn = virConnectOpenReadOnly(argv[1]);
    virDomainPtr *doms = NULL;
    virDomainInfo info;
    int n;

    if (!conn) {
        fprintf(stderr, "open: %s\n", virGetLastErrorMessage());
        return 1;
    }
    n = virConnectListAllDomains(conn, &doms, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
    for (int i = 0; i < n; i++) {
        if (virDomainGetInfo(doms[i], &info) == 0)
            printf("%s %d %lu\n", virDomainGetName(doms[i]), info.state, info.maxMem);
        virDomainFree(doms[i]);
    }
    free(doms);
    if (!virDomainLookupByName(conn, "nosuch"))
        printf("error %d %d\n", virGetLastErrorCode(), virGetLastErrorDomain());
    if (!virDomainDefineXML(conn, "<domain type='test'><name>x</name></domain>"))
        printf("error %d %s\n", virGetLastErrorCode(), virGetLastErrorMessage());
    virConnectClose(conn);
    return 0;
}
"""

EXPECTED = ("test 1 8388608\n"
            "error 42 12\n"
            "error 29 operation forbidden: read only access prevents virDomainDefineXML\n")


def test_make_install_builds_a_libvirt_program(tmp_path):
    dest = tmp_path / "dest"
    prefix = "/opt/vireo-test"
    rc, out, err = h.run(["meson", "install", "-C", h.BUILD, "--no-rebuild", "--quiet",
                          "--destdir", str(dest)], timeout=120)
    assert rc == 0, err
    # meson installs under the build's own prefix; find it through the files.
    found = {p.name: p for p in dest.rglob("*") if p.is_file() or p.is_symlink()}
    for name in ("vireod", "vireo", "libvireo.so", "vireo.pc", "libvirt.h", "virterror.h"):
        assert name in found, "make install did not install %s" % name
    assert found["vireod"].parent.name == "sbin" and found["vireo"].parent.name == "bin"
    pc_dir = found["vireo.pc"].parent
    env = dict(os.environ, PKG_CONFIG_PATH=str(pc_dir), PKG_CONFIG_SYSROOT_DIR=str(dest))
    rc, flags, err = h.run(["pkg-config", "--cflags", "--libs", "vireo"], env=env)
    assert rc == 0, err
    assert "-lvireo" in flags and "/vireo" in flags, flags
    src = tmp_path / "prog.c"
    src.write_text(PROGRAM)
    exe = tmp_path / "prog"
    libdir = found["libvireo.so"].parent
    # A sanitizer build (make check-asan) installs an instrumented library:
    # the program must then load the ASan runtime first, like the build's own.
    _, lib_deps, _ = h.run(["ldd", str(found["libvireo.so"])])
    sanitize = ["-fsanitize=address,undefined"] if "libasan" in lib_deps else []
    rc, out, err = h.run(["cc", "-Wall", "-Werror", str(src), "-o", str(exe)] + sanitize
                         + flags.split(), env=env, timeout=60)
    assert rc == 0, err
    rc, out, err = h.run([str(exe), "test:///default"],
                         env=dict(os.environ, LD_LIBRARY_PATH=str(libdir)))
    assert (rc, out) == (0, EXPECTED), err
    # It really ran against libvireo, not Debian's libvirt.so.
    rc, ldd, _ = h.run(["ldd", str(exe)], env=dict(os.environ, LD_LIBRARY_PATH=str(libdir)))
    assert str(libdir) in ldd and "libvirt.so" not in ldd, ldd


def test_make_run_serves_what_it_prints(tmp_path):
    run_dir = tmp_path / "run"
    proc = subprocess.Popen(["sh", os.path.join(ROOT, "scripts", "run-dev.sh"), h.BUILD,
                             str(run_dir)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    lines = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("Config:"):
                break
        text = "".join(lines)
        tcp = re.search(r"^  (test\+tcp://127\.0\.0\.1:\d+/default)$", text, re.M)
        unix = re.search(r"^  (test\+unix:///default\?socket=\S+/libvirt-sock)$", text, re.M)
        tls = re.search(r"^  (test://127\.0\.0\.1:\d+/default\?pkipath=\S+)   \(TLS\)$", text, re.M)
        assert tcp and unix and tls, text
        port = int(tcp.group(1).split(":")[2].split("/")[0])
        h.wait_tcp(port) if hasattr(h, "wait_tcp") else time.sleep(1)
        for uri in (tcp.group(1), unix.group(1), tls.group(1)):
            rc, out, err = h.virsh(uri, "list", "--all", timeout=30)
            assert rc == 0 and " test " in out and "running" in out, (uri, out, err)
        rc, out, err = h.run([h.VIREO, "-c", tcp.group(1), "domstate", "test"])
        assert (rc, out) == (0, "running\n\n"), err
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0, "vireod did not stop cleanly on SIGTERM: %s" % proc.returncode
    assert not (run_dir / "libvirt-sock").exists(), "sockets left behind after stop"
    shutil.rmtree(run_dir, ignore_errors=True)
