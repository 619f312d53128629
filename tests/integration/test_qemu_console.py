"""virsh console against vireod's QEMU driver, through a real pty.

Stock virsh runs in a pseudo-terminal (it refuses to without one), talks
to vireod over tcp and relays the booted busybox guest's serial console:
the test reads the guest's prompt, types a command whose answer the shell
must compute, reads the answer back and leaves with Ctrl-]. A second
session is refused while one is open; --force takes the console over and
ends the first. The test driver's answer (no console) matches libvirtd's.
"""

import os
import pty
import random
import select
import signal
import subprocess
import time

import pytest

import helpers
from test_qemu_virsh import QemuDaemon, guest  # noqa: F401 (guest is a fixture)

ESCAPE = b"\x1d"  # Ctrl-], virsh console's default escape


class Console:
    """One `virsh console` in its own pty; everything it prints is kept."""

    def __init__(self, uri, name, *extra):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen([helpers.VIRSH, "-c", uri, "console", name] + list(extra),
                                     stdin=slave, stdout=slave, stderr=slave,
                                     start_new_session=True, close_fds=True)
        os.close(slave)
        self.out = b""

    def _pump(self, timeout):
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: virsh exited and the pty is gone
            return None
        if not data:
            return None
        self.out += data
        return True

    def expect(self, text, timeout=30, since=0):
        want = text.encode() if isinstance(text, str) else text
        end = time.monotonic() + timeout
        while want not in self.out[since:]:
            left = end - time.monotonic()
            if left <= 0 or self._pump(min(left, 0.5)) is None:
                break
        assert want in self.out[since:], "%r not seen; got:\n%r" % (want, self.out[-2000:])
        return self.out.index(want, since) + len(want)

    def send(self, data):
        os.write(self.master, data.encode() if isinstance(data, str) else data)

    def prompt(self, timeout=30):
        """Waits for the shell's prompt. virsh flushes typed-ahead input when
        it puts the terminal in raw mode, after its banner: so Enter is
        pressed again each second until the prompt shows."""
        self.expect("Escape character is ^]", timeout=timeout)
        end = time.monotonic() + timeout
        mark = len(self.out)
        while b"# " not in self.out[mark:] and time.monotonic() < end:
            self.send("\r")
            t = time.monotonic() + 1
            while b"# " not in self.out[mark:] and time.monotonic() < t:
                if self._pump(0.2) is None:
                    break
        self.expect("# ", timeout=0, since=mark)

    def run(self, timeout=30):
        """Types a command the shell must evaluate; returns once its answer is back."""
        token = random.randrange(10**6, 10**7)
        mark = len(self.out)
        # $((...)) is computed by the guest's shell: the typed echo cannot match
        self.send("echo hello-$((%d+1))\r" % token)
        self.expect("hello-%d" % (token + 1), timeout=timeout, since=mark)

    def wait(self, timeout=15):
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self._pump(0.2)
        while self._pump(0.05):
            pass
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
            raise AssertionError("virsh console did not exit; got:\n%r" % self.out[-2000:])
        return self.proc.returncode

    def close(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        os.close(self.master)


@pytest.fixture
def qd(guest):  # noqa: F811
    d = QemuDaemon(guest)
    yield d
    d.cleanup()


def test_virsh_console_roundtrip_and_force(qd):
    qd.virsh("define", qd.xml("vm1"))
    qd.virsh("start", "vm1", uri=qd.tcp)
    qd.wait_marker("vm1")
    consoles = []
    try:
        first = Console(qd.tcp, "vm1")
        consoles.append(first)
        first.prompt()
        first.run()

        # one session per console
        second = Console(qd.tcp, "vm1")
        consoles.append(second)
        assert second.wait() != 0
        assert b"Active console session exists for this domain" in second.out, second.out

        # --force takes it over: the first session ends, the new one works
        third = Console(qd.tcp, "vm1", "--force")
        consoles.append(third)
        third.expect("Escape character is ^]")
        first.wait()
        third.prompt()
        third.run()
        third.send(ESCAPE)
        assert third.wait() == 0, third.out

        # the console is free again once its session ended
        fourth = Console(qd.tcp, "vm1")
        consoles.append(fourth)
        fourth.prompt()
        fourth.run()
        # the daemon's loop stays responsive while a console is open
        assert qd.state("vm1", uri=qd.tcp).startswith("running")
        fourth.send(ESCAPE)
        assert fourth.wait() == 0, fourth.out
    finally:
        for c in consoles:
            c.close()
    qd.virsh("destroy", "vm1")
    qd.virsh("undefine", "vm1")


def test_console_guest_exit_ends_session(qd):
    """When qemu goes away, the session ends instead of hanging."""
    qd.virsh("define", qd.xml("vm2"))
    qd.virsh("start", "vm2")
    qd.wait_marker("vm2")
    c = Console(qd.tcp, "vm2")
    try:
        c.prompt()
        c.run()
        qd.virsh("destroy", "vm2")
        c.wait(timeout=20)
    finally:
        c.close()
    qd.virsh("undefine", "vm2")


def test_console_errors_match_libvirtd(qd):
    """The test driver has no console: vireod answers as libvirtd does, and an
    inactive QEMU domain is refused."""
    lv = helpers.make_daemon("libvirtd")
    lv.start()
    vd = helpers.make_daemon("vireod")
    vd.start()
    try:
        answers = []
        for d in (lv, vd):
            c = Console(d.tcp_uri, "test")
            rc = c.wait()
            c.close()
            text = c.out.decode(errors="replace").replace("\r", "")
            answers.append((rc, [l for l in text.splitlines() if l.startswith("error")]))
        assert answers[0] == answers[1], answers
        assert answers[0][0] != 0
    finally:
        lv.stop()
        lv.cleanup()
        vd.stop()
        vd.cleanup()

    qd.virsh("define", qd.xml("vm3"))
    c = Console(qd.tcp, "vm3")
    rc = c.wait()
    c.close()
    assert rc != 0 and b"domain is not running" in c.out, c.out
    # a stream procedure that fails keeps its error for the reply (it used
    # to be reset while the stream was freed: "the cause is unknown")
    rc, _, err = qd.virsh("screenshot", "vm3", os.path.join(qd.root, "shot.ppm"), uri=qd.tcp,
                          ok=False)
    assert rc != 0 and "domain is not running" in err, err
    assert "cause is unknown" not in err, err
    qd.virsh("undefine", "vm3")
