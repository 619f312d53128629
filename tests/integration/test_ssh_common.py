"""A private OpenSSH server for the ssh transport tests (no tests here).

SshServer runs /usr/sbin/sshd as root on 127.0.0.1 at a random port, with
its own host key, an authorized client key (keys work for root and for the
password test user), and optionally a throwaway local user with a password
for password and keyboard-interactive logins. The PATH sessions get is
chosen per server, so a test decides whether the "host" has our helper,
only nc, or neither. Everything lives in one temporary directory and goes
away with stop()/cleanup(); the test user is deleted again.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import helpers

SSHD = "/usr/sbin/sshd"
SSH_KEYGEN = "/usr/bin/ssh-keygen"
HELPER = os.path.join(helpers.BUILD, "src", "helper", "vireo-ssh-helper")
START_TIMEOUT = 10.0


def keygen(path, comment="vireo-test"):
    subprocess.run([SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path],
                   check=True, stdin=subprocess.DEVNULL)


def bin_dir(parent, name, tools, helper=False):
    """A directory for a session's PATH holding only the named system
    tools (and our helper under both names when helper=True)."""
    d = os.path.join(parent, name)
    os.makedirs(d, exist_ok=True)
    for t in tools:
        src = shutil.which(t, path="/usr/bin:/bin")
        if src:
            os.symlink(src, os.path.join(d, t))
    if helper:
        os.symlink(HELPER, os.path.join(d, "vireo-ssh-helper"))
        os.symlink(HELPER, os.path.join(d, "virt-ssh-helper"))
    os.chmod(d, 0o755)
    return d


class SshServer:
    """Attributes: port, dir, client_key (private key path), known_hosts
    (a file with this server's key, for libssh2), user (root) and, with
    password_user, pw_user/pw_password."""

    def __init__(self, path="/usr/bin:/bin", env=None, password_user=False):
        self.dir = tempfile.mkdtemp(prefix="vt-ssh-", dir="/tmp")
        os.chmod(self.dir, 0o755)
        self.path = path
        self.env = dict(env or {})
        self.port = None
        self.proc = None
        self.log = os.path.join(self.dir, "sshd.log")
        self.host_key = os.path.join(self.dir, "host_ed25519")
        self.client_key = os.path.join(self.dir, "id_ed25519")
        self.known_hosts = os.path.join(self.dir, "known_hosts")
        self.authorized = os.path.join(self.dir, "authorized_keys")
        self.conf = os.path.join(self.dir, "sshd_config")
        keygen(self.host_key, "host")
        keygen(self.client_key)
        shutil.copy(self.client_key + ".pub", self.authorized)
        os.chmod(self.authorized, 0o644)
        self.pw_user = None
        self.pw_password = None
        if password_user:
            self._add_user()

    # a local user with a password ----------------------------------------
    def _add_user(self):
        name = "vt%d" % (os.getpid() % 100000000)
        n = 0
        while True:
            cand = "%s%s" % (name, chr(ord("a") + n))
            rc = subprocess.run(["useradd", "-M", "-d", self.dir, "-s", "/bin/sh", cand],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            if rc == 0:
                break
            n += 1
            if n > 20:
                raise RuntimeError("cannot create a test user")
        self.pw_user = cand
        self.pw_password = "Pw-%d-secret" % os.getpid()
        subprocess.run(["chpasswd"], input="%s:%s\n" % (cand, self.pw_password), text=True,
                       check=True)

    # server ---------------------------------------------------------------
    def _write_conf(self):
        setenv = ["PATH=%s" % self.path] + ["%s=%s" % kv for kv in self.env.items()]
        with open(self.conf, "w") as f:
            f.write("Port %d\n" % self.port)
            f.write("ListenAddress 127.0.0.1\n")
            f.write("HostKey %s\n" % self.host_key)
            f.write("PidFile %s\n" % os.path.join(self.dir, "sshd.pid"))
            f.write("AuthorizedKeysFile %s\n" % self.authorized)
            f.write("PermitRootLogin yes\n")
            f.write("PasswordAuthentication yes\n")
            f.write("KbdInteractiveAuthentication yes\n")
            f.write("UsePAM yes\n")
            f.write("StrictModes no\n")
            f.write("PrintMotd no\n")
            f.write("LogLevel VERBOSE\n")
            f.write("SetEnv %s\n" % " ".join(setenv))

    def start(self):
        os.makedirs("/run/sshd", exist_ok=True)
        self.port = helpers.free_port()
        self._write_conf()
        with open(self.known_hosts, "w") as f:
            pub = open(self.host_key + ".pub").read().split()
            f.write("[127.0.0.1]:%d %s %s\n" % (self.port, pub[0], pub[1]))
        self._spawn()

    def _spawn(self):
        logf = open(self.log, "a")
        self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", self.conf], stdout=logf,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True)
        logf.close()
        deadline = time.time() + START_TIMEOUT
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("sshd exited: %s" % self.read_log())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("sshd did not listen: %s" % self.read_log())

    def new_host_key(self):
        """Replaces the host key (same type) and restarts sshd on the same port."""
        self._stop_proc()
        os.unlink(self.host_key)
        os.unlink(self.host_key + ".pub")
        keygen(self.host_key, "host")
        self._spawn()

    def read_log(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def _stop_proc(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None

    def stop(self):
        self._stop_proc()
        if self.port:
            # ssh (with no_verify=1) records the key in root's known_hosts.
            subprocess.run([SSH_KEYGEN, "-R", "[127.0.0.1]:%d" % self.port],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.pw_user:
            subprocess.run(["userdel", self.pw_user], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            self.pw_user = None
        shutil.rmtree(self.dir, ignore_errors=True)
