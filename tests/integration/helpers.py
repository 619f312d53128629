"""Shared helpers for the integration suite: paths, real daemon processes,
command runners and output normalisation.

Everything here starts real processes (Debian's libvirtd, our vireod, stock
virsh) on loopback and random ports, because other suites run servers on the
same machine at the same time.
"""

import os
import re
import shutil
import signal
import struct
import socket
import subprocess
import tempfile
import time

BUILD = os.environ.get("VIREO_BUILD", "/work/main/build")
ROOT = os.environ.get(
    "VIREO_ROOT",
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
VIREOD = os.path.join(BUILD, "src", "daemon", "vireod")
VIREO = os.path.join(BUILD, "tools", "vireo")
LIBVIRTD = "/usr/sbin/libvirtd"
VIRSH = "/usr/bin/virsh"

# How long a daemon may take to open its sockets, and to exit after SIGTERM.
START_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0


class DaemonError(Exception):
    """A daemon failed to start or stopped badly; the message holds its log."""


def free_port():
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, timeout=30, input=None, env=None):
    """Run cmd (a list) and return (rc, stdout, stderr) as text.

    A command that outlives the timeout is killed and reported as rc None
    with whatever it printed, so a hang shows up as a readable failure."""
    full_env = os.environ.copy()
    full_env.pop("LIBVIRT_DEFAULT_URI", None)
    if env:
        full_env.update(env)
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=full_env, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(input=input, timeout=timeout)
        return proc.returncode, out, err
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return None, out, err + "\n[killed after %ss timeout]" % timeout



def compile_c(directory, name, text, against):
    """Build the C program `text` as directory/name, against Debian's
    libvirt (against="libvirt") or this build's libvireo ("libvireo": its
    installed-style headers and library, with the sanitizers when libvireo
    was built with them, as `make check-asan` builds it). Returns the
    executable's path; a compile error fails the test."""
    src = os.path.join(str(directory), name + ".c")
    with open(src, "w") as f:
        f.write(text)
    exe = os.path.join(str(directory), name)
    cmd = ["cc", "-Wall", "-Werror", "-o", exe, src]
    if against == "libvirt":
        cmd += ["-lvirt"]
    else:
        libdir = os.path.join(BUILD, "src", "client")
        _, deps, _ = run(["ldd", os.path.join(libdir, "libvireo.so")])
        cmd += ["-I", os.path.join(ROOT, "include", "vireo"), "-L", libdir, "-lvireo",
                "-Wl,-rpath," + libdir]
        if "libasan" in deps:
            cmd += ["-fsanitize=address,undefined"]
    rc, out, err = run(cmd, timeout=120)
    assert rc == 0, err
    return exe

def virsh(uri, *args, timeout=30, readonly=False):
    """Run stock virsh against uri; returns (rc, stdout, stderr)."""
    cmd = [VIRSH, "-c", uri]
    if readonly:
        cmd.append("-r")
    return run(cmd + list(args), timeout=timeout)


_CPU_TIME_RE = re.compile(r"^(CPU time:\s+)\S+$", re.M)
_CPU_TIME_XML_RE = re.compile(r"<cpu_time>\d+</cpu_time>")


def normalise(text, hostname=None):
    """Blank out what legitimately differs between two runs of the same
    command: the CPU time (the test driver reports wall-clock time) and the
    host name of the machine running the daemon."""
    text = _CPU_TIME_RE.sub(r"\1<cpu>", text)
    text = _CPU_TIME_XML_RE.sub("<cpu_time>N</cpu_time>", text)
    host = hostname or socket.gethostname()
    if host:
        text = re.sub(r"(?<![\w.-])%s(?![\w-])" % re.escape(host), "<host>", text)
    return text


def normalise_uri(text, daemon):
    """Replace the daemon's port and socket directory by fixed tokens."""
    text = text.replace("127.0.0.1:%d" % daemon.port, "127.0.0.1:<port>")
    return text.replace(daemon.sock_dir, "<sockdir>")


def _write_conf(path, port, sock_dir, extra="", first=""):
    with open(path, "w") as f:
        # The first occurrence of a key wins, so `first` overrides the base.
        f.write(first.replace("@PORT@", str(port)))
        f.write('listen_tls = 0\n'
                'listen_tcp = 1\n'
                'listen_addr = "127.0.0.1"\n'
                'tcp_port = "%d"\n'
                'auth_tcp = "none"\n'
                'auth_unix_rw = "none"\n'
                'auth_unix_ro = "none"\n'
                'unix_sock_dir = "%s"\n'
                # vireod: serve only test:/// like the fixture's libvirtd,
                # which has no QEMU module (QEMU tests set it in `first`)
                'qemu_driver = 0\n' % (port, sock_dir))
        f.write(extra)


def _port_accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Daemon:
    """One running daemon (libvirtd or vireod) on a private port and socket
    directory.

    Attributes: name, port, tcp_uri, unix_uri, ro_unix_uri, sock_dir, log
    (path of the combined stdout/stderr file), proc (the Popen), conf (path),
    workdir (its private temporary directory)."""

    def __init__(self, name, binary, extra_conf="", env=None, conf_first="", wait_tcp=True):
        self.name = name
        self.wait_tcp = wait_tcp
        self.binary = binary
        self.extra_conf = extra_conf
        self.conf_first = conf_first
        self.env = env or {}
        self.proc = None
        # Short path: unix socket paths are limited to 107 bytes.
        self.workdir = tempfile.mkdtemp(prefix="vt-%s-" % name[:3], dir="/tmp")
        self.sock_dir = os.path.join(self.workdir, "s")
        self.log = os.path.join(self.workdir, "daemon.log")
        self.conf = os.path.join(self.workdir, "daemon.conf")
        self.pidfile = os.path.join(self.workdir, "daemon.pid")
        os.mkdir(self.sock_dir)
        self.port = None
        self.sigterm_sent = False

    # URIs -----------------------------------------------------------------
    @property
    def sock(self):
        return os.path.join(self.sock_dir, "libvirt-sock")

    @property
    def ro_sock(self):
        return os.path.join(self.sock_dir, "libvirt-sock-ro")

    @property
    def tcp_uri(self):
        return "test+tcp://127.0.0.1:%d/default" % self.port

    @property
    def unix_uri(self):
        return "test+unix:///default?socket=%s" % self.sock

    @property
    def ro_unix_uri(self):
        return "test+unix:///default?socket=%s" % self.ro_sock

    def read_log(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def __repr__(self):
        return "<Daemon %s port=%s>" % (self.name, self.port)

    # Lifecycle -------------------------------------------------------------
    def start(self):
        if not os.access(self.binary, os.X_OK):
            raise DaemonError("%s: binary %s does not exist or is not executable"
                              % (self.name, self.binary))
        # A random port may be taken by someone else between free_port() and
        # the daemon's bind(); retry a few times with a fresh one.
        last = ""
        for _ in range(4):
            self.port = free_port()
            _write_conf(self.conf, self.port, self.sock_dir, self.extra_conf, self.conf_first)
            if self._spawn_and_wait():
                return self
            last = self.read_log()
            if "in use" not in last.lower():
                break
        raise DaemonError("%s did not come up within %ss (rc=%s); log:\n%s"
                          % (self.name, START_TIMEOUT,
                             self.proc.returncode if self.proc else None, last))

    def _spawn_and_wait(self):
        env = os.environ.copy()
        env.pop("LIBVIRT_DEFAULT_URI", None)
        env.update(self.env)
        for p in (self.sock, self.ro_sock):
            if os.path.exists(p):
                os.unlink(p)
        logf = open(self.log, "w")
        self.proc = subprocess.Popen(
            [self.binary, "--listen", "-f", self.conf, "-p", self.pidfile],
            stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
            env=env, cwd=self.workdir, start_new_session=True)
        logf.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if (os.path.exists(self.sock) and os.path.exists(self.ro_sock)
                    and (not self.wait_tcp or _port_accepts(self.port))):
                return True
            time.sleep(0.05)
        self._kill()
        return False

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def _kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self):
        """Stop the daemon. Returns None if it ended well (still running at
        SIGTERM time, then exited 0 or by that SIGTERM), else a description
        of what went wrong, with its log."""
        problem = None
        if self.proc is None:
            return None
        rc = self.proc.poll()
        if rc is not None:
            problem = "%s exited on its own during the test with status %s" % (self.name, rc)
        else:
            self.proc.send_signal(signal.SIGTERM)
            self.sigterm_sent = True
            try:
                rc = self.proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._kill()
                problem = "%s did not exit within %ss of SIGTERM" % (self.name, STOP_TIMEOUT)
            else:
                if rc not in (0, -signal.SIGTERM):
                    problem = "%s exited with status %s after SIGTERM" % (self.name, rc)
        if problem:
            problem += "; log:\n" + self.read_log()
        return problem

    def cleanup(self):
        shutil.rmtree(self.workdir, ignore_errors=True)


def make_daemon(name, extra_conf="", conf_first="", wait_tcp=True):
    """Build (not start) a Daemon of the given kind. extra_conf is appended
    to the base config; conf_first goes before it and so overrides base keys
    (the first occurrence wins; "@PORT@" in it becomes the tcp port).
    wait_tcp=False: ready once the unix sockets exist (for tcp-less configs)."""
    if name == "libvirtd":
        # An empty module directory leaves libvirtd with only its built-in
        # drivers: the test driver, and the remote driver it serves through.
        d = Daemon("libvirtd", LIBVIRTD, extra_conf, conf_first=conf_first,
                   wait_tcp=wait_tcp)
        drv = os.path.join(d.workdir, "drivers")
        os.mkdir(drv)
        d.env["LIBVIRT_DRIVER_DIR"] = drv
        return d
    if name == "vireod":
        return Daemon("vireod", VIREOD, extra_conf, conf_first=conf_first, wait_tcp=wait_tcp)
    raise ValueError(name)


# Raw protocol helpers (for hand-built frames) ----------------------------

REMOTE_PROGRAM = 0x20008086
KEEPALIVE_PROGRAM = 0x6B656570
PROTOCOL_VERSION = 1

CALL, REPLY, MESSAGE, STREAM, CALL_WITH_FDS, REPLY_WITH_FDS, STREAM_HOLE = range(7)
STATUS_OK, STATUS_ERROR, STATUS_CONTINUE = range(3)

PROC_CONNECT_OPEN = 1
PROC_CONNECT_CLOSE = 2
PROC_CONNECT_GET_TYPE = 3
PROC_CONNECT_LIST_ALL_DOMAINS = 273
PROC_AUTH_LIST = 66

VIR_ERR_RPC = 39
VIR_FROM_RPC = 7

VIR_ERR_NO_SUPPORT = 3
VIR_FROM_NONE = 0

HEADER = struct.Struct(">IIiiIi")


def xdr_uint(v):
    return struct.pack(">I", v & 0xFFFFFFFF)


def xdr_int(v):
    return struct.pack(">i", v)


def xdr_string(s):
    """remote_nonnull_string: length, bytes, zero padding to 4."""
    b = s.encode() if isinstance(s, str) else s
    return xdr_uint(len(b)) + b + b"\0" * (-len(b) % 4)


def xdr_opt_string(s):
    return xdr_uint(0) if s is None else xdr_uint(1) + xdr_string(s)


def frame(prog, vers, proc, mtype, serial, status, payload=b""):
    """A whole message: length word (counting itself), header, payload."""
    body = HEADER.pack(prog, vers, proc, mtype, serial, status) + payload
    return xdr_uint(len(body) + 4) + body


def call(proc, serial, payload=b"", prog=REMOTE_PROGRAM, vers=PROTOCOL_VERSION,
         mtype=CALL, status=STATUS_OK):
    return frame(prog, vers, proc, mtype, serial, status, payload)


class XdrReader:
    """Bounds-checked XDR cursor for decoding replies in tests."""

    def __init__(self, data):
        self.data = data
        self.pos = 0

    def _take(self, n):
        if self.pos + n > len(self.data):
            raise ValueError("XDR data too short at %d (+%d of %d)" % (self.pos, n, len(self.data)))
        b = self.data[self.pos:self.pos + n]
        self.pos += n
        return b

    def uint(self):
        return struct.unpack(">I", self._take(4))[0]

    def int(self):
        return struct.unpack(">i", self._take(4))[0]

    def hyper(self):
        return struct.unpack(">q", self._take(8))[0]

    def string(self):
        n = self.uint()
        b = self._take(n)
        self._take(-n % 4)
        return b.decode()

    def opt_string(self):
        return self.string() if self.uint() else None

    def opaque_fixed(self, n):
        b = self._take(n)
        self._take(-n % 4)
        return b

    def done(self):
        return self.pos == len(self.data)


def decode_error(payload):
    """Decode a remote_error body into a dict (every field, in wire order)."""
    r = XdrReader(payload)
    e = {"code": r.int(), "domain": r.int(), "message": r.opt_string(), "level": r.int()}
    if r.uint():  # dom: optional remote_domain (name, uuid, id)
        e["dom"] = (r.string(), r.opaque_fixed(16), r.int())
    else:
        e["dom"] = None
    e["str1"] = r.opt_string()
    e["str2"] = r.opt_string()
    e["str3"] = r.opt_string()
    e["int1"] = r.int()
    e["int2"] = r.int()
    if r.uint():  # net: optional remote_network (name, uuid)
        e["net"] = (r.string(), r.opaque_fixed(16))
    else:
        e["net"] = None
    if not r.done():
        raise ValueError("trailing bytes after remote_error")
    return e


class RawClient:
    """A raw stream socket to a daemon, speaking frames by hand."""

    def __init__(self, daemon, transport="tcp", timeout=5.0):
        if transport == "tcp":
            self.sock = socket.create_connection(("127.0.0.1", daemon.port), timeout=timeout)
        else:
            path = daemon.sock if transport == "unix" else daemon.ro_sock
            self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.sock.settimeout(timeout)
            self.sock.connect(path)
        self.sock.settimeout(timeout)

    def send(self, data):
        self.sock.sendall(data)

    def _recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                return None if not buf else buf
            buf += chunk
        return buf

    def recv_message(self, timeout=None):
        """Return (header tuple, payload), or None on EOF. socket.timeout
        propagates if nothing complete arrives in time."""
        if timeout is not None:
            self.sock.settimeout(timeout)
        head = self._recv_exact(4)
        if head is None:
            return None
        if len(head) < 4:
            raise ValueError("EOF inside a length word")
        (length,) = struct.unpack(">I", head)
        if length < 28 or length > 33554436:
            raise ValueError("daemon sent a bad length word %d" % length)
        body = self._recv_exact(length - 4)
        if body is None or len(body) < length - 4:
            raise ValueError("EOF inside a message")
        return HEADER.unpack(body[:24]), body[24:]

    def expect_eof(self, timeout=5.0):
        """True if the daemon closes the connection (reads EOF or a reset)
        within timeout without sending anything."""
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(4096)
        except ConnectionResetError:
            return True
        except socket.timeout:
            return False
        return data == b""

    def expect_silence(self, timeout=0.5):
        """True if nothing arrives within timeout and the socket is open."""
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(4096)
        except socket.timeout:
            return True
        except OSError:
            return False
        if data:
            raise AssertionError("daemon unexpectedly sent %r" % data[:64])
        return False

    def call(self, proc, serial, payload=b"", **kw):
        self.send(call(proc, serial, payload, **kw))
        return self.recv_message()

    def open(self, serial=1, name="test:///default", flags=0):
        """CONNECT_OPEN; returns the reply (header, payload)."""
        return self.call(PROC_CONNECT_OPEN, serial, xdr_opt_string(name) + xdr_uint(flags))

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
