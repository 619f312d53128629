"""vireod's QEMU driver over the tls and ssh transports, driven by stock
virsh: define, start (paused, so the whole boot flows through the
console), the guest's boot marker read through `virsh console`, a command
typed and its answer read back, dominfo, suspend, resume, destroy and
undefine, each checked through the same transport.

* tls: `qemu+tls://127.0.0.1:PORT/system?pkipath=DIR`, with a CA, a
  server certificate (IP 127.0.0.1) and a client certificate made at test
  time with GnuTLS's certtool;
* ssh: `qemu+ssh://root@127.0.0.1:PORT/system?socket=...` through a real
  OpenSSH server on loopback whose sessions have only sh, nc and the
  tools libvirt's remote command line uses (virsh runs `nc -U SOCKET`).

Each test runs its own vireod with a private qemu root (test_qemu_virsh's
QemuDaemon), so no VM is shared and /etc/libvirt is never touched.
"""

import os
import re
import shutil
import subprocess
import tempfile

import pytest

import helpers
from test_qemu_console import Console
from test_qemu_virsh import MARKER, QemuDaemon, guest, qemu_pids  # noqa: F401 (guest: fixture)
from test_ssh_common import SshServer, bin_dir

CERTTOOL = shutil.which("certtool")


def certtool(*args):
    rc, out, err = helpers.run([CERTTOOL] + list(args), timeout=60)
    assert rc == 0, "certtool %s: %s%s" % (" ".join(args), out, err)


def template(path, lines):
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


class Certs:
    """A CA, a server certificate for 127.0.0.1 and a client certificate,
    laid out as libvirt's pkipath wants them (cacert.pem, clientcert.pem,
    clientkey.pem) and as vireod's key_file/cert_file/ca_file name them."""

    def __init__(self, root):
        self.root = root
        ca_key = os.path.join(root, "cakey.pem")
        self.ca_cert = os.path.join(root, "cacert.pem")
        certtool("--generate-privkey", "--outfile", ca_key)
        certtool("--generate-self-signed", "--load-privkey", ca_key, "--template",
                 template(os.path.join(root, "ca.info"),
                          ["cn = Vireo QEMU test CA", "ca", "cert_signing_key",
                           "expiration_days = 30"]),
                 "--outfile", self.ca_cert)
        self.server_key = os.path.join(root, "serverkey.pem")
        self.server_cert = os.path.join(root, "servercert.pem")
        self._issue(ca_key, self.server_key, self.server_cert,
                    ["organization = Vireo test", "cn = localhost", "ip_address = 127.0.0.1",
                     "dns_name = localhost", "tls_www_server", "encryption_key", "signing_key",
                     "expiration_days = 30"])
        self.pkipath = os.path.join(root, "client")
        os.mkdir(self.pkipath)
        shutil.copy(self.ca_cert, os.path.join(self.pkipath, "cacert.pem"))
        self._issue(ca_key, os.path.join(self.pkipath, "clientkey.pem"),
                    os.path.join(self.pkipath, "clientcert.pem"),
                    ["country = GB", "organization = Vireo test", "cn = client1",
                     "tls_www_client", "encryption_key", "signing_key", "expiration_days = 30"])

    def _issue(self, ca_key, key, cert, lines):
        certtool("--generate-privkey", "--outfile", key)
        certtool("--generate-certificate", "--load-privkey", key, "--load-ca-certificate",
                 self.ca_cert, "--load-ca-privkey", ca_key, "--template",
                 template(cert + ".info", lines), "--outfile", cert)


@pytest.fixture(scope="module")
def certs():
    assert CERTTOOL, "certtool comes from gnutls-bin (scripts/install-deps.sh)"
    root = tempfile.mkdtemp(prefix="vt-qpki-", dir="/tmp")
    try:
        yield Certs(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


class TlsQemuDaemon(QemuDaemon):
    """A QemuDaemon that also listens for TLS on a random loopback port."""

    def __init__(self, guest, certs):  # noqa: F811
        self.root = tempfile.mkdtemp(prefix="vq", dir="/tmp")
        self.guest = guest
        self.tls_port = helpers.free_port()
        first = ('qemu_driver = 1\nlisten_tls = 1\ntls_port = "%d"\nkey_file = "%s"\n'
                 'cert_file = "%s"\nca_file = "%s"\n'
                 % (self.tls_port, certs.server_key, certs.server_cert, certs.ca_cert))
        self.daemon = helpers.make_daemon("vireod", 'qemu_root = "%s"\n' % self.root,
                                          conf_first=first)
        self.daemon.start()


def lifecycle(qd, uri, name):
    """The lifecycle through uri alone; every step is checked through it."""
    assert "defined from" in qd.virsh("define", qd.xml(name), uri=uri)
    assert qd.virsh("domstate", "--reason", name, uri=uri).strip() == "shut off (unknown)"
    assert qd.virsh("uri", uri=uri).strip() == uri

    # paused start: the console is open before the guest's first instruction
    qd.virsh("start", "--paused", name, uri=uri)
    assert qd.state(name, uri=uri) == "paused (user)"
    con = Console(uri, name)
    try:
        con.expect("Escape character is ^]", timeout=60)
        qd.virsh("resume", name, uri=uri)
        con.expect(MARKER, timeout=180)
        con.prompt(timeout=60)
        con.run(timeout=60)
    finally:
        con.close()

    info = qd.virsh("dominfo", name, uri=uri)
    assert re.search(r"^Name:\s+%s$" % name, info, re.M), info
    assert re.search(r"^State:\s+running$", info, re.M), info
    assert re.search(r"^Id:\s+\d+$", info, re.M), info
    assert re.search(r"^Max memory:\s+262144 KiB$", info, re.M), info

    qd.virsh("suspend", name, uri=uri)
    assert qd.state(name, uri=uri) == "paused (user)"
    assert re.search(r"^State:\s+paused$", qd.virsh("dominfo", name, uri=uri), re.M)
    qd.virsh("resume", name, uri=uri)
    assert qd.state(name, uri=uri) == "running (unpaused)"

    qd.virsh("destroy", name, uri=uri)
    assert qd.state(name, uri=uri) == "shut off (destroyed)"
    assert qemu_pids(qd.root) == []
    qd.virsh("undefine", name, uri=uri)
    assert name not in qd.virsh("list", "--all", "--name", uri=uri).split()


def test_qemu_lifecycle_over_tls(guest, certs):  # noqa: F811
    qd = TlsQemuDaemon(guest, certs)
    try:
        uri = "qemu+tls://127.0.0.1:%d/system?pkipath=%s" % (qd.tls_port, certs.pkipath)
        lifecycle(qd, uri, "tls1")
        # a client certificate from another CA gets no session: the
        # daemon checks it against its CA
        other = Certs(tempfile.mkdtemp(prefix="vt-qpki-other-", dir="/tmp"))
        try:
            shutil.copy(certs.ca_cert, os.path.join(other.pkipath, "cacert.pem"))
            rc, out, err = helpers.virsh(
                "qemu+tls://127.0.0.1:%d/system?pkipath=%s" % (qd.tls_port, other.pkipath),
                "list")
            assert rc != 0, out
            assert "certificate" in (err + qd.daemon.read_log()).lower(), err
        finally:
            shutil.rmtree(other.root, ignore_errors=True)
    finally:
        qd.cleanup()


def test_qemu_lifecycle_over_ssh(guest, tmp_path):  # noqa: F811
    qd = QemuDaemon(guest)
    sshd = None
    try:
        tools = bin_dir(str(tmp_path), "nc", ["sh", "nc", "grep", "which"])
        sshd = SshServer(path=tools)
        sshd.start()
        uri = ("qemu+ssh://root@127.0.0.1:%d/system?keyfile=%s&no_verify=1&no_tty=1&socket=%s"
               % (sshd.port, sshd.client_key, qd.daemon.sock))
        lifecycle(qd, uri, "ssh1")
        # the session really went through sshd
        assert "Accepted publickey for root" in sshd.read_log(), sshd.read_log()
    finally:
        if sshd:
            sshd.stop()
        qd.cleanup()
