"""The tls transport: stock virsh and vireo against vireod and Debian's
libvirtd, with certificates made at test time by `vireo pki`.

* parity: the foundation's virsh command list over TLS gives the same output
  from both daemons; vireo against libvirtd over TLS prints what virsh does;
* the negative matrix: each broken certificate or setting is refused, with
  the reason named on the side that refused (the client's error, or the
  daemon's log), and stock virsh gets the same accept/refuse answer from
  libvirtd configured the same way (tls_allowed_ip_list and
  tls_no_verify_address are Vireo's alone);
* IPv6 with an IP:::1 certificate, listening on both families;
* SIGHUP renewal keeps open connections and serves the new certificate;
* plain bytes on the TLS port neither crash nor hang the daemon;
* `vireo pki check` on good and deliberately broken layouts; `vireo doctor`.
"""

import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time

import pytest

import helpers
from test_virsh_parity import CASES, xml_files  # noqa: F401  (fixture)

DN = "C=GB,O=Vireo Test,CN=client1"


def pki(*args, check=True):
    rc, out, err = helpers.run([helpers.VIREO, "pki"] + list(args))
    if check and rc != 0:
        pytest.fail("vireo pki %s failed (%s):\n%s%s" % (" ".join(args), rc, out, err),
                    pytrace=False)
    return rc, out, err


class Pki:
    """Every certificate the tests need, made once per module."""

    def __init__(self, root):
        self.root = root
        self.ca = os.path.join(root, "ca")
        self.ca2 = os.path.join(root, "ca2")
        pki("init-ca", "--dir", self.ca, "--cn", "Vireo Test CA")
        pki("init-ca", "--dir", self.ca2, "--cn", "Another CA")
        self.server = self.issue_server("server", "--host", "localhost", "--ip", "127.0.0.1",
                                        "--ip", "::1")
        self.server_wrong = self.issue_server("server-wrong", "--host", "wrong.example")
        self.server_other = self.issue_server("server-other", "--host", "localhost",
                                              "--ip", "127.0.0.1", ca=self.ca2)
        self.client = self.issue_client("client", DN)
        # Signed by the other CA, next to the right CA certificate (the one
        # that signed the server's).
        self.client_other = self.issue_client("client-other", DN, ca=self.ca2)
        shutil.copy(os.path.join(self.ca, "cacert.pem"),
                    os.path.join(self.client_other, "cacert.pem"))
        self.client_expired = self.issue_client("client-expired", DN, "--not-before", "-10",
                                                "--days", "5")
        self.client_future = self.issue_client("client-future", DN, "--not-before", "10")
        self.client_nopurpose = self.issue_client("client-nopurpose", DN, "--purpose",
                                                  "server")
        self.client_revoked = self.issue_client("client-revoked", DN)
        pki("revoke", "--dir", self.ca,
            os.path.join(self.client_revoked, "clientcert.pem"))
        self.crl = os.path.join(self.ca, "cacrl.pem")
        # A pkipath directory without cacert.pem.
        self.client_nocacert = os.path.join(root, "client-nocacert")
        shutil.copytree(self.client, self.client_nocacert)
        os.unlink(os.path.join(self.client_nocacert, "cacert.pem"))

    def issue_server(self, name, *args, ca=None):
        out = os.path.join(self.root, "issued-" + name)
        pki("issue-server", "--dir", ca or self.ca, "--out", out, *args)
        dest = os.path.join(self.root, name)
        pki("install", "--dir", ca or self.ca, "--from", out, "--pkipath", dest)
        return dest

    def issue_client(self, name, dn, *args, ca=None):
        out = os.path.join(self.root, "issued-" + name)
        pki("issue-client", "--dir", ca or self.ca, "--out", out, "--dn", dn, *args)
        dest = os.path.join(self.root, name)
        pki("install", "--dir", ca or self.ca, "--from", out, "--pkipath", dest)
        return dest


@pytest.fixture(scope="module")
def certs():
    if not os.access(helpers.VIREO, os.X_OK):
        pytest.fail("vireo is not built at %s" % helpers.VIREO, pytrace=False)
    root = tempfile.mkdtemp(prefix="vt-pki-", dir="/tmp")
    try:
        yield Pki(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def server_conf(server_dir, extra=""):
    return ('key_file = "%s/serverkey.pem"\ncert_file = "%s/servercert.pem"\n'
            'ca_file = "%s/cacert.pem"\n%s' % (server_dir, server_dir, server_dir, extra))


def wait_port(port, host="127.0.0.1", family=socket.AF_INET, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.socket(family, socket.SOCK_STREAM) as s:
                s.settimeout(0.5)
                s.connect((host, port))
                return True
        except OSError:
            time.sleep(0.05)
    return False


class TlsDaemon:
    def __init__(self, d, port):
        self.d = d
        self.tls_port = port

    def uri(self, pkipath, host="127.0.0.1", extra=""):
        h = "[%s]" % host if ":" in host else host
        return "test://%s:%d/default?pkipath=%s%s" % (h, self.tls_port, pkipath, extra)


def start_tls(daemon_factory, name, conf, listen_addr="127.0.0.1"):
    port = helpers.free_port()
    first = 'listen_tls = 1\ntls_port = "%d"\n%s' % (port, conf)
    if listen_addr != "127.0.0.1":
        first = 'listen_addr = "%s"\n' % listen_addr + first
    d = daemon_factory(name, conf_first=first, wait_tcp=listen_addr == "127.0.0.1")
    assert wait_port(port, "::1" if listen_addr == "::1" else "127.0.0.1",
                     socket.AF_INET6 if listen_addr == "::1" else socket.AF_INET), \
        "%s: TLS port %d never opened; log:\n%s" % (name, port, d.read_log())
    return TlsDaemon(d, port)


# --- parity over TLS -------------------------------------------------------

@pytest.fixture(scope="module")
def tls_pair(certs):
    """A libvirtd and a vireod serving TLS with the same certificates."""
    made = []
    for name in ("libvirtd", "vireod"):
        port = helpers.free_port()
        d = helpers.make_daemon(name, conf_first='listen_tls = 1\ntls_port = "%d"\n%s'
                                % (port, server_conf(certs.server)))
        d.start()
        assert wait_port(port)
        made.append(TlsDaemon(d, port))
    yield made
    for t in made:
        problem = t.d.stop()
        t.d.cleanup()
        assert not problem, problem


def _outcome(cmd, t, uri, args):
    rc, out, err = helpers.run([cmd, "-c", uri] + args, env={"LC_ALL": "C"})
    text = "exit status: %s\n--- stdout ---\n%s--- stderr ---\n%s" % (rc, out, err)
    text = text.replace(":%d/" % t.tls_port, ":<port>/")
    return helpers.normalise(text)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_virsh_over_tls_same_output(tls_pair, certs, xml_files, case):  # noqa: F811
    libvirtd, vireod = tls_pair
    args = [a.format(**xml_files) for a in case[1]]
    want = _outcome(helpers.VIRSH, libvirtd, libvirtd.uri(certs.client), args)
    got = _outcome(helpers.VIRSH, vireod, vireod.uri(certs.client), args)
    assert "failed to connect" not in want, want
    assert want == got
    assert libvirtd.d.alive() and vireod.d.alive()


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_vireo_against_libvirtd_over_tls(tls_pair, certs, xml_files, case):  # noqa: F811
    libvirtd = tls_pair[0]
    args = [a.format(**xml_files) for a in case[1]]
    uri = libvirtd.uri(certs.client)
    want = _outcome(helpers.VIRSH, libvirtd, uri, args)
    got = _outcome(helpers.VIREO, libvirtd, uri, args)
    assert "failed to connect" not in got, got
    assert want == got


# --- the negative matrix --------------------------------------------------

# (id, daemon settings, client pkipath attribute, host in the URI, extra URI
# parameters, accepted?, where the reason shows ("client" error / "daemon"
# log), a piece of the reason, run against libvirtd too?)
MATRIX = [
    ("good", "", "client", "127.0.0.1", "", True, None, None, True),
    ("good-by-name", "", "client", "localhost", "", True, None, None, True),
    ("client-other-ca", "", "client_other", "127.0.0.1", "", False, "client",
     "failed validation against", True),
    ("client-other-ca-no-sanity", "", "client_other", "127.0.0.1", "&no_sanity=1", False,
     "daemon", "sent no certificate", True),
    ("client-expired", "", "client_expired", "127.0.0.1", "", False, "client",
     "has expired", True),
    ("client-expired-no-sanity", "", "client_expired", "127.0.0.1", "&no_sanity=1", False,
     "daemon", "expired", True),
    ("client-not-yet-valid", "", "client_future", "127.0.0.1", "", False, "client",
     "is not yet active", True),
    ("client-not-yet-valid-no-sanity", "", "client_future", "127.0.0.1", "&no_sanity=1",
     False, "daemon", "not yet active", True),
    ("client-no-client-purpose", "", "client_nopurpose", "127.0.0.1", "", False, "client",
     "does not allow use for with a TLS client", True),
    ("client-no-client-purpose-no-sanity", "", "client_nopurpose", "127.0.0.1",
     "&no_sanity=1", False, "daemon", "does not allow use for with a TLS client", True),
    ("client-revoked", 'crl_file = "@CRL@"\n', "client_revoked", "127.0.0.1", "", False,
     "daemon", "revoked", True),
    ("dn-not-listed", 'tls_allowed_dn_list = ["C=GB,O=Someone Else,CN=*"]\n', "client",
     "127.0.0.1", "", False, "daemon", "tls_allowed_dn_list", True),
    ("dn-listed-wildcard", 'tls_allowed_dn_list = ["C=GB,O=Vireo Test,CN=*"]\n', "client",
     "127.0.0.1", "", True, None, None, True),
    ("dn-list-empty", "tls_allowed_dn_list = []\n", "client", "127.0.0.1", "", False,
     "daemon", "tls_allowed_dn_list", True),
    ("ip-not-listed", 'tls_allowed_ip_list = ["10.*"]\n', "client", "127.0.0.1", "", False,
     "daemon", "tls_allowed_ip_list", False),
    ("ip-listed", 'tls_allowed_ip_list = ["127.0.0.*"]\n', "client", "127.0.0.1", "", True,
     None, None, False),
    ("ip-not-listed-no-verify-address",
     'tls_allowed_ip_list = ["10.*"]\ntls_no_verify_address = 1\n', "client", "127.0.0.1",
     "", True, None, None, False),
    ("server-wrong-host", "@SERVER=server_wrong@", "client", "127.0.0.1", "", False,
     "client", "does not match the hostname", True),
    ("server-wrong-host-no-verify", "@SERVER=server_wrong@", "client", "127.0.0.1",
     "&no_verify=1", True, None, None, True),
    ("server-other-ca", "@SERVER=server_other@", "client", "127.0.0.1", "", False, "client",
     "known issuer", True),
    ("client-other-ca-no-verify", "", "client_other", "127.0.0.1", "&no_sanity=1&no_verify=1",
     False, "daemon", "sent no certificate", True),
    ("missing-cacert", "", "client_nocacert", "127.0.0.1", "", False, "client",
     "Cannot read CA certificate", True),
    ("no-verify-certificate", "tls_no_verify_certificate = 1\n", "client_other",
     "127.0.0.1", "&no_sanity=1", True, None, None, True),
]


def _matrix_conf(certs, settings):
    server = certs.server
    if settings.startswith("@SERVER="):
        attr = settings[len("@SERVER="):settings.index("@", 1)]
        server = getattr(certs, attr)
        settings = settings[settings.index("@", 1) + 1:]
    return server_conf(server, settings.replace("@CRL@", certs.crl))


def _try(cmd, uri):
    return helpers.run([cmd, "-c", uri, "list", "--all"], timeout=30)


@pytest.mark.parametrize("case", MATRIX, ids=[c[0] for c in MATRIX])
def test_tls_matrix(daemon_factory, certs, case):
    name, settings, client, host, extra, accepted, side, reason, with_libvirtd = case
    conf = _matrix_conf(certs, settings)
    pkipath = getattr(certs, client)
    vireod = start_tls(daemon_factory, "vireod", conf)
    for cmd in (helpers.VIREO, helpers.VIRSH):
        rc, out, err = _try(cmd, vireod.uri(pkipath, host, extra))
        assert rc is not None, "%s hung: %s" % (cmd, err)
        assert (rc == 0) == accepted, "%s against vireod: rc %s\n%s%s\nlog:\n%s" % (
            cmd, rc, out, err, vireod.d.read_log())
        if accepted:
            assert " test " in out
        elif side == "client":
            assert reason in err, "%s: reason %r not in %r" % (cmd, reason, err)
        else:
            assert ("server verification" in err or "TLS confirmation" in err), err
    if side == "daemon":
        assert reason in vireod.d.read_log(), vireod.d.read_log()
    assert vireod.d.alive()
    if with_libvirtd:
        libvirtd = start_tls(daemon_factory, "libvirtd", conf)
        rc, out, err = _try(helpers.VIRSH, libvirtd.uri(pkipath, host, extra))
        assert (rc == 0) == accepted, "virsh against libvirtd: rc %s\n%s%s" % (rc, out, err)


def test_plain_bytes_on_tls_port(daemon_factory, certs):
    vireod = start_tls(daemon_factory, "vireod", server_conf(certs.server))
    frame = helpers.call(helpers.PROC_CONNECT_OPEN, 1, helpers.xdr_opt_string("test:///default")
                         + helpers.xdr_uint(0))
    for payload in (frame, b"\x00" * 100000, b"GET / HTTP/1.0\r\n\r\n", b"\x16\x03\x01\xff\xff"):
        with socket.create_connection(("127.0.0.1", vireod.tls_port), timeout=10) as s:
            try:
                s.sendall(payload)
                s.shutdown(socket.SHUT_WR)
                while s.recv(65536):
                    pass
            except OSError:
                pass  # the daemon may hang up first: fine
    # Someone who connects and says nothing does not block the others.
    idle = socket.create_connection(("127.0.0.1", vireod.tls_port), timeout=10)
    rc, out, err = _try(helpers.VIREO, vireod.uri(certs.client))
    idle.close()
    assert rc == 0, err
    assert vireod.d.alive()


# --- IPv6 -------------------------------------------------------------------

def _has_ipv6_loopback():
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def test_ipv6_loopback(daemon_factory, certs):
    assert _has_ipv6_loopback(), "this machine has no ::1"
    vireod = start_tls(daemon_factory, "vireod", server_conf(certs.server), listen_addr="::1")
    for cmd in (helpers.VIREO, helpers.VIRSH):
        rc, out, err = _try(cmd, vireod.uri(certs.client, "::1"))
        assert rc == 0, "%s over [::1]: %s" % (cmd, err)
    libvirtd = start_tls(daemon_factory, "libvirtd", server_conf(certs.server),
                         listen_addr="::1")
    rc, out, err = _try(helpers.VIREO, libvirtd.uri(certs.client, "::1"))
    assert rc == 0, err


def test_both_families_without_listen_addr(certs, tmp_path):
    """With no listen_addr, the TLS port answers on 127.0.0.1 and on ::1."""
    port = helpers.free_port()
    conf = tmp_path / "vireod.conf"
    sock = tmp_path / "s"
    sock.mkdir()
    conf.write_text('listen_tls = 1\nlisten_tcp = 0\ntls_port = "%d"\nunix_sock_dir = "%s"\n%s'
                    % (port, sock, server_conf(certs.server)))
    log = open(tmp_path / "log", "w")
    proc = subprocess.Popen([helpers.VIREOD, "--listen", "-f", str(conf), "-p",
                             str(tmp_path / "pid")], stdout=log, stderr=subprocess.STDOUT)
    try:
        assert wait_port(port), (tmp_path / "log").read_text()
        assert wait_port(port, "::1", socket.AF_INET6), (tmp_path / "log").read_text()
        for host in ("127.0.0.1", "::1"):
            h = "[::1]" if host == "::1" else host
            uri = "test://%s:%d/default?pkipath=%s" % (h, port, certs.client)
            rc, out, err = _try(helpers.VIRSH, uri)
            assert rc == 0, err
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        log.close()


# --- SIGHUP renewal --------------------------------------------------------------

def _served_cert(port, client_dir):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.load_verify_locations(os.path.join(client_dir, "cacert.pem"))
    ctx.load_cert_chain(os.path.join(client_dir, "clientcert.pem"),
                        os.path.join(client_dir, "clientkey.pem"))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as s:
            return s.getpeercert(binary_form=True)


def _der(path):
    with open(path) as f:
        return ssl.PEM_cert_to_DER_cert(f.read())


def _wait_log(d, text, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in d.read_log():
            return True
        time.sleep(0.05)
    return False


def test_sighup_renews_certificate(daemon_factory, certs, tmp_path):
    import libvirt
    live = str(tmp_path / "live")
    shutil.copytree(certs.server, live)
    vireod = start_tls(daemon_factory, "vireod", server_conf(live, "log_level = 2\n"))
    old = _der(os.path.join(live, "servercert.pem"))
    assert _served_cert(vireod.tls_port, certs.client) == old
    conn = libvirt.open(vireod.uri(certs.client))
    assert [d.name() for d in conn.listAllDomains()] == ["test"]

    renewed = str(tmp_path / "renewed")
    pki("issue-server", "--dir", certs.ca, "--out", renewed, "--host", "localhost",
        "--ip", "127.0.0.1")
    for f in ("servercert.pem", "serverkey.pem"):
        shutil.copy(os.path.join(renewed, f), os.path.join(live, f))
    vireod.d.proc.send_signal(signal.SIGHUP)
    assert _wait_log(vireod.d, "reloaded TLS"), vireod.d.read_log()
    new = _der(os.path.join(live, "servercert.pem"))
    assert new != old
    # The connection opened before still works; a new one sees the new cert.
    assert [d.name() for d in conn.listAllDomains()] == ["test"]
    assert _served_cert(vireod.tls_port, certs.client) == new
    rc, out, err = _try(helpers.VIRSH, vireod.uri(certs.client))
    assert rc == 0, err

    # A broken certificate is refused and the current one kept.
    with open(os.path.join(live, "servercert.pem"), "w") as f:
        f.write("not a certificate\n")
    vireod.d.proc.send_signal(signal.SIGHUP)
    assert _wait_log(vireod.d, "keeping the old TLS credentials"), vireod.d.read_log()
    assert _served_cert(vireod.tls_port, certs.client) == new
    assert [d.name() for d in conn.listAllDomains()] == ["test"]
    conn.close()
    assert vireod.d.alive()


# --- the daemon's own certificate at start ----------------------------------------

def test_daemon_refuses_bad_own_certificate(daemon_factory, certs, tmp_path):
    bad = str(tmp_path / "bad")
    pki("issue-server", "--dir", certs.ca, "--out", bad, "--host", "localhost",
        "--not-before", "-10", "--days", "5")
    conf = tmp_path / "c.conf"
    sock = tmp_path / "s"
    sock.mkdir()
    base = 'listen_tls = 1\nlisten_tcp = 0\ntls_port = "%d"\nunix_sock_dir = "%s"\n' % (
        helpers.free_port(), sock)
    conf.write_text(base + server_conf(bad))
    rc, out, err = helpers.run([helpers.VIREOD, "--listen", "-f", str(conf), "-p",
                                str(tmp_path / "pid")], timeout=20)
    assert rc == 1
    assert "The server certificate %s/servercert.pem has expired" % bad in err, err
    # tls_no_sanity_certificate = 1 lets it start anyway.
    conf.write_text(base + server_conf(bad, "tls_no_sanity_certificate = 1\n"))
    proc = subprocess.Popen([helpers.VIREOD, "--listen", "-f", str(conf), "-p",
                             str(tmp_path / "pid"), "-t", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0, out


# --- vireo pki check ---------------------------------------------------------------

def _layout(certs, tmp_path, name):
    d = str(tmp_path / name)
    shutil.copytree(certs.server, d)
    return d


def _check(d):
    return helpers.run([helpers.VIREO, "pki", "check", "--pkipath", d, "--host", "localhost"])


def test_pki_check_good(certs, tmp_path):
    rc, out, err = _check(_layout(certs, tmp_path, "good"))
    assert rc == 0, out + err
    assert "the layout is good" in out
    rc, out, err = helpers.run([helpers.VIREO, "pki", "check", "--pkipath", certs.client])
    assert rc == 0, out + err


def test_pki_check_key_permissions(certs, tmp_path):
    d = _layout(certs, tmp_path, "perms")
    os.chmod(os.path.join(d, "serverkey.pem"), 0o644)
    rc, out, err = _check(d)
    assert rc == 1
    assert "readable by other users" in out and "chmod 600" in out, out


def test_pki_check_expired_server(certs, tmp_path):
    d = _layout(certs, tmp_path, "expired")
    issued = str(tmp_path / "issued")
    pki("issue-server", "--dir", certs.ca, "--out", issued, "--host", "localhost",
        "--not-before", "-30", "--days", "10")
    for f in ("servercert.pem", "serverkey.pem"):
        shutil.copy(os.path.join(issued, f), os.path.join(d, f))
    rc, out, err = _check(d)
    assert rc == 1
    assert "expired on" in out and "issue a new one" in out, out


def test_pki_check_key_mismatch(certs, tmp_path):
    d = _layout(certs, tmp_path, "mismatch")
    shutil.copy(os.path.join(certs.client, "clientkey.pem"), os.path.join(d, "serverkey.pem"))
    rc, out, err = _check(d)
    assert rc == 1
    assert "does not belong to its certificate" in out, out


def test_pki_check_ca_without_ca_flag(certs, tmp_path):
    d = _layout(certs, tmp_path, "noca")
    tmpl = tmp_path / "t.info"
    tmpl.write_text("cn = Not A CA\nexpiration_days = 100\n")
    key = tmp_path / "k.pem"
    subprocess.run(["certtool", "--generate-privkey", "--outfile", str(key)], check=True,
                   capture_output=True)
    subprocess.run(["certtool", "--generate-self-signed", "--load-privkey", str(key),
                    "--template", str(tmpl), "--outfile", os.path.join(d, "cacert.pem")],
                   check=True, capture_output=True)
    rc, out, err = _check(d)
    assert rc == 1
    assert "is not marked as a CA" in out and "vireo pki init-ca" in out, out


def test_pki_check_wrong_host(certs, tmp_path):
    rc, out, err = helpers.run([helpers.VIREO, "pki", "check", "--pkipath", certs.server_wrong,
                                "--host", "localhost"])
    assert rc == 1
    assert "does not name this host as localhost" in out, out


# --- vireo doctor --------------------------------------------------------------------

def test_doctor(daemon_factory, certs):
    vireod = start_tls(daemon_factory, "vireod",
                       server_conf(certs.server, 'tls_allowed_dn_list = ["CN=nobody"]\n'))
    rc, out, err = helpers.run([helpers.VIREO, "doctor", vireod.uri(certs.client)])
    assert rc == 1
    assert "the daemon accepts our certificate and address ... FAILED" in out, out
    assert "tls_allowed_dn_list" in out
    rc, out, err = helpers.run([helpers.VIREO, "doctor", vireod.uri(certs.client, "localhost")
                                .replace(":%d/" % vireod.tls_port, ":1/")])
    assert rc == 1 and "connecting over TCP" in out and "FAILED" in out, out
    good = start_tls(daemon_factory, "vireod", server_conf(certs.server_wrong))
    rc, out, err = helpers.run([helpers.VIREO, "doctor", good.uri(certs.client)])
    assert rc == 1 and "names 127.0.0.1 ... FAILED" in out, out
    ok = start_tls(daemon_factory, "vireod", server_conf(certs.server))
    rc, out, err = helpers.run([helpers.VIREO, "doctor", ok.uri(certs.client)])
    assert rc == 0 and "the connection works" in out, out


def test_pkipath_missing_client_files(daemon_factory, certs, tmp_path):
    """With pkipath= every file must be there: vireo names the missing one.
    (libvirt's client goes on without a certificate; the daemon refuses.)"""
    vireod = start_tls(daemon_factory, "vireod", server_conf(certs.server))
    for missing, what in (("clientcert.pem", "certificate"), ("clientkey.pem", "private key")):
        d = str(tmp_path / missing)
        shutil.copytree(certs.client, d)
        os.unlink(os.path.join(d, missing))
        rc, out, err = _try(helpers.VIREO, vireod.uri(d))
        assert rc == 1
        assert "Cannot read %s '%s/%s'" % (what, d, missing) in err, err
        rc, out, err = _try(helpers.VIRSH, vireod.uri(d))
        assert rc == 1, out


def test_client_checks_server_revoked(daemon_factory, certs, tmp_path):
    """A cacrl.pem in the client's pkipath revokes the server's certificate."""
    issued = str(tmp_path / "issued")
    pki("issue-server", "--dir", certs.ca, "--out", issued, "--host", "localhost",
        "--ip", "127.0.0.1")
    server = str(tmp_path / "server")
    pki("install", "--dir", certs.ca, "--from", issued, "--pkipath", server)
    crl_before = open(certs.crl).read()
    try:
        pki("revoke", "--dir", certs.ca, os.path.join(issued, "servercert.pem"))
        client = str(tmp_path / "client")
        shutil.copytree(certs.client, client)
        shutil.copy(certs.crl, os.path.join(client, "cacrl.pem"))
        vireod = start_tls(daemon_factory, "vireod", server_conf(server))
        for cmd in (helpers.VIREO, helpers.VIRSH):
            rc, out, err = _try(cmd, vireod.uri(client))
            assert rc == 1 and "revoked" in err, (cmd, err)
    finally:
        with open(certs.crl, "w") as f:
            f.write(crl_before)


def test_sighup_reloads_allow_lists(daemon_factory, certs):
    """SIGHUP re-reads tls_allowed_dn_list and tls_allowed_ip_list: a client
    refused before is let in after, without a restart."""
    vireod = start_tls(daemon_factory, "vireod", server_conf(
        certs.server, 'log_level = 2\ntls_allowed_dn_list = ["CN=nobody"]\n'
                      'tls_allowed_ip_list = ["10.*"]\n'))
    rc, out, err = _try(helpers.VIREO, vireod.uri(certs.client))
    assert rc == 1
    with open(vireod.d.conf) as f:
        text = f.read()
    text = text.replace('["CN=nobody"]', '["C=GB,O=Vireo Test,CN=*"]').replace('["10.*"]',
                                                                             '["127.*"]')
    with open(vireod.d.conf, "w") as f:
        f.write(text)
    vireod.d.proc.send_signal(signal.SIGHUP)
    assert _wait_log(vireod.d, "reloaded TLS"), vireod.d.read_log()
    rc, out, err = _try(helpers.VIREO, vireod.uri(certs.client))
    assert rc == 0, err + vireod.d.read_log()


@pytest.mark.parametrize("keys,message", [
    ('key_file = "/k.pem"\ncert_file = "/c.pem"\n', "No CA certificate path set"),
    ('ca_file = "/ca.pem"\nkey_file = "/k.pem"\n', "No server certificate path set"),
    ('ca_file = "/ca.pem"\ncert_file = "/c.pem"\n', "No server key path set"),
    ('ca_file = "/nonexistent/ca.pem"\ncert_file = "/c.pem"\nkey_file = "/k.pem"\n',
     "Cannot read CA certificate '/nonexistent/ca.pem'"),
])
def test_daemon_tls_files_go_together(tmp_path, keys, message):
    """key_file, cert_file and ca_file: one set needs all three (libvirtd's rule);
    a missing file is named."""
    sock = tmp_path / "s"
    sock.mkdir()
    conf = tmp_path / "c.conf"
    conf.write_text('listen_tls = 1\nlisten_tcp = 0\ntls_port = "%d"\nunix_sock_dir = "%s"\n%s'
                    % (helpers.free_port(), sock, keys))
    rc, out, err = helpers.run([helpers.VIREOD, "--listen", "-f", str(conf), "-p",
                                str(tmp_path / "pid")], timeout=20)
    assert rc == 1 and message in err, err
