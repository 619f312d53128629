"""virt-manager (Debian's package) under Xvfb against vireod over
test+tcp: it connects, lists the `test` domain as running, and its debug
log shows no error coming from our side. The test saves a screenshot of
the window to docs/images/virt-manager.png (shown in the README)."""

import os
import shutil
import subprocess
import tempfile
import time

import helpers as h

VIRT_MANAGER = shutil.which("virt-manager")
XVFB = shutil.which("Xvfb")
IMPORT = shutil.which("import")
SHOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "images",
                    "virt-manager.png")


def free_display():
    for n in range(90, 200):
        if not os.path.exists("/tmp/.X11-unix/X%d" % n) and not os.path.exists("/tmp/.X%d-lock" % n):
            return n
    raise RuntimeError("no free X display")


def test_virt_manager_lists_running_test_domain(vireod):
    assert VIRT_MANAGER and XVFB and IMPORT, \
        "virt-manager, xvfb and imagemagick come from scripts/install-deps.sh"
    disp = free_display()
    home = tempfile.mkdtemp(prefix="vt-vm-")
    xvfb = subprocess.Popen([XVFB, ":%d" % disp, "-screen", "0", "1024x768x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=":%d" % disp, HOME=home, XDG_CACHE_HOME=home + "/cache",
               XDG_CONFIG_HOME=home + "/config", GSETTINGS_BACKEND="memory",
               NO_AT_BRIDGE="1")
    env.pop("LIBVIRT_DEFAULT_URI", None)
    log = os.path.join(home, "virt-manager.log")
    vm = None
    try:
        time.sleep(1)
        with open(log, "w") as logf:
            vm = subprocess.Popen([VIRT_MANAGER, "--no-fork", "--debug", "--connect",
                                   vireod.tcp_uri], stdout=logf, stderr=subprocess.STDOUT,
                                  env=env)
            deadline = time.time() + 60
            text = ""
            while time.time() < deadline:
                time.sleep(1)
                with open(log, errors="replace") as f:
                    text = f.read()
                if "domain=test status=Running added" in text and \
                        "changed to state=Active" in text:
                    break
            time.sleep(3)
            os.makedirs(os.path.dirname(SHOT), exist_ok=True)
            subprocess.run([IMPORT, "-display", ":%d" % disp, "-window", "root",
                            "-crop", "550x550+0+0", SHOT],
                           check=True, env=env, timeout=30)
        with open(log, errors="replace") as f:
            text = f.read()
        assert vm.poll() is None, text
        # Connected, and the domain list came from vireod.
        assert "changed to state=Active" in text, text
        assert "domain=test status=Running added" in text, text
        # It uses vireod's events (316 and the twins), and nothing failed.
        assert "Using domain events" in text and "Using network events" in text, text
        for bad in ("Traceback", "libvirtError", "ERROR", "error:"):
            assert bad not in text, text
        assert os.path.getsize(SHOT) > 1000
    finally:
        if vm and vm.poll() is None:
            vm.terminate()
            try:
                vm.wait(timeout=10)
            except subprocess.TimeoutExpired:
                vm.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)
