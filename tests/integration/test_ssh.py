"""The ssh, libssh2 and ext transports against a real OpenSSH server.

Each test starts its own sshd (test_ssh_common.SshServer) on 127.0.0.1 at a
random port, with its own host key and an authorized test key, and a daemon
(vireod, or Debian's libvirtd) from the conftest fixtures. The "host" is
this machine; what the remote session can run is set by the PATH the sshd
gives it: our helper (also under libvirt's name, virt-ssh-helper), only nc,
or neither.

Covered: stock virsh over ssh against vireod through our helper and through
nc only, and over libssh2; the vireo shell over ssh, libssh2 and ext against vireod, and over
ssh and libssh2 against libvirtd; ssh's command line conventions and
quoting; libssh2 host key checks, private keys, password and
keyboard-interactive through the credential callback; and errors that are
clear and come in bounded time.
"""

import os
import re
import subprocess
import time

import pytest

import helpers
from test_ssh_common import SshServer, bin_dir, keygen

# Every failing open must fail within this (sshd and the daemon are local).
BOUND = 20.0

# One virsh/vireo run of the foundation's commands (read and write). The
# output must equal the same run over the daemon's unix socket.
SCRIPT = ("version; hostname; nodeinfo; list --all; dominfo test; domstate --reason test; "
          "dumpxml test; suspend test; domstate test; resume test; domstate test; "
          "net-list --all; pool-list --all; list --all --name")


def tools_dir(tmp_path, name, tools, helper=False):
    return bin_dir(str(tmp_path), name, tools, helper=helper)


@pytest.fixture
def sshd_factory():
    started = []

    def make(**kw):
        s = SshServer(**kw)
        started.append(s)
        try:
            s.start()
        except RuntimeError as e:
            pytest.fail(str(e), pytrace=False)
        return s

    yield make
    for s in started:
        s.stop()


def ssh_uri(scheme, server, path, user="root", **params):
    q = "&".join("%s=%s" % kv for kv in params.items())
    return "%s://%s@127.0.0.1:%d%s%s" % (scheme, user, server.port, path, "?" + q if q else "")


def run_timed(cmd, input=None, env=None, timeout=60):
    t0 = time.time()
    rc, out, err = helpers.run(cmd, input=input, env=env, timeout=timeout)
    return rc, out, err, time.time() - t0


def vireo(uri, *args, input=None, env=None, readonly=False):
    cmd = [helpers.VIREO, "-c", uri] + (["-r"] if readonly else []) + list(args)
    return run_timed(cmd, input=input, env=env)


def virsh(uri, *args):
    return run_timed([helpers.VIRSH, "-c", uri] + list(args))


def norm(text):
    # The test driver's CPU time runs with the clock.
    return re.sub(r"CPU time:.*", "CPU time: <t>", text)


def assert_same_as_unix(prog, daemon, rc, out, err, extra=()):
    assert rc == 0, "%s failed: %s" % (prog, err)
    rc2, out2, err2 = helpers.run([prog, "-c", daemon.unix_uri] + list(extra) + [SCRIPT])
    assert rc2 == 0, err2
    assert norm(out) == norm(out2)
    assert err == err2


def helper_env(daemon):
    return {"VIREO_SSH_HELPER_SOCKET_DIR": daemon.sock_dir}


# ---- stock virsh ---------------------------------------------------------

def test_virsh_ssh_through_our_helper(vireod, sshd_factory, tmp_path):
    # No socket=: virsh runs "virt-ssh-helper URI" when the host has one.
    # Ours is first in PATH and finds vireod's socket dir from the
    # environment sshd sets; nc could not (vireod is not at libvirt's path).
    path = tools_dir(tmp_path, "helper", [], helper=True) + ":/usr/bin:/bin"
    s = sshd_factory(path=path, env=helper_env(vireod))
    uri = ssh_uri("test+ssh", s, "/default", keyfile=s.client_key, no_verify=1, no_tty=1)
    rc, out, err, _ = virsh(uri, SCRIPT)
    assert_same_as_unix(helpers.VIRSH, vireod, rc, out, err)
    rc, out, err, _ = virsh(uri, "uri")
    assert rc == 0 and out.strip() == uri


def test_virsh_ssh_with_only_nc(vireod, sshd_factory, tmp_path):
    # socket= makes virsh use "nc -U SOCKET"; the host has nothing but the
    # shell tools libvirt's command line uses and nc.
    path = tools_dir(tmp_path, "nc", ["sh", "nc", "grep", "which"])
    s = sshd_factory(path=path)
    uri = ssh_uri("test+ssh", s, "/default", keyfile=s.client_key, no_verify=1, no_tty=1,
                  socket=vireod.sock)
    rc, out, err, _ = virsh(uri, SCRIPT)
    assert_same_as_unix(helpers.VIRSH, vireod, rc, out, err)


def test_virsh_libssh2(vireod, sshd_factory, tmp_path):
    # libvirt's own libssh2 client against vireod, through nc.
    path = tools_dir(tmp_path, "nc", ["sh", "nc", "grep", "which"])
    s = sshd_factory(path=path)
    uri = ssh_uri("test+libssh2", s, "/default", keyfile=s.client_key, sshauth="privkey",
                  known_hosts=s.known_hosts, socket=vireod.sock)
    rc, out, err, _ = virsh(uri, SCRIPT)
    assert_same_as_unix(helpers.VIRSH, vireod, rc, out, err)


# ---- vireo against vireod ------------------------------------------------

@pytest.mark.parametrize("scheme", ["test+ssh", "test+libssh2"])
def test_vireo_through_helper(vireod, sshd_factory, tmp_path, scheme):
    path = tools_dir(tmp_path, "helper", ["sh"], helper=True)
    s = sshd_factory(path=path, env=helper_env(vireod))
    uri = ssh_uri(scheme, s, "/default", keyfile=s.client_key, no_verify=1, no_tty=1,
                  known_hosts=s.known_hosts)
    rc, out, err, _ = vireo(uri, SCRIPT)
    assert_same_as_unix(helpers.VIREO, vireod, rc, out, err)
    # Read-only goes to the read-only socket: writes are refused.
    rc, out, err, _ = vireo(uri, "suspend test", readonly=True)
    assert rc != 0 and ("read only" in err or "read-only" in err), err


@pytest.mark.parametrize("scheme", ["test+ssh", "test+libssh2"])
def test_vireo_with_only_nc(vireod, sshd_factory, tmp_path, scheme):
    path = tools_dir(tmp_path, "nc", ["sh", "nc", "grep"])
    s = sshd_factory(path=path)
    uri = ssh_uri(scheme, s, "/default", keyfile=s.client_key, no_verify=1, no_tty=1,
                  known_hosts=s.known_hosts, socket=vireod.sock)
    rc, out, err, _ = vireo(uri, SCRIPT)
    assert_same_as_unix(helpers.VIREO, vireod, rc, out, err)


def test_vireo_ext(vireod, tmp_path):
    prog = tmp_path / "connect"
    prog.write_text("#!/bin/sh\nexec nc -U '%s'\n" % vireod.sock)
    prog.chmod(0o755)
    rc, out, err, _ = vireo("test+ext:///default?command=%s" % prog, SCRIPT)
    assert_same_as_unix(helpers.VIREO, vireod, rc, out, err)


def test_ssh_command_line(vireod, sshd_factory, tmp_path):
    """libvirt's argument conventions, and quoting of values that reach the
    remote shell: a socket path with a space and a quote, a netcat= path."""
    s = sshd_factory(path="/usr/bin:/bin")
    log = tmp_path / "argv"
    wrapper = tmp_path / "myssh"
    wrapper.write_text('#!/bin/sh\nfor a in "$@"; do printf "%%s\\n" "$a"; done > %s\n'
                       'exec ssh -o UserKnownHostsFile=%s "$@"\n' % (log, s.known_hosts))
    wrapper.chmod(0o755)
    odd = tmp_path / "we ird'sock"
    os.symlink(vireod.sock, str(odd))
    ncdir = tmp_path / "my nc"
    ncdir.mkdir()
    os.symlink("/usr/bin/nc", str(ncdir / "n'c"))
    os.chmod(str(tmp_path), 0o755)
    from urllib.parse import quote
    uri = ssh_uri("test+ssh", s, "/default", keyfile=s.client_key, no_verify=1, no_tty=1,
                  command=str(wrapper), socket=quote(str(odd)),
                  netcat=quote(str(ncdir / "n'c")))
    rc, out, err, _ = vireo(uri, "list --all --name")
    assert rc == 0, err
    assert out.strip() == "test"
    argv = log.read_text().split("\n")[:-1]
    assert argv[:15] == ["-p", str(s.port), "-l", "root", "-i", s.client_key, "-T", "-e", "none",
                         "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "--",
                         "127.0.0.1"]
    assert len(argv) == 16 and argv[15].startswith("sh -c ")
    # With neither no_tty nor no_verify nor a user, no -l, no -o.
    uri = "test+ssh://127.0.0.1:%d/default?keyfile=%s&command=%s&socket=%s" % (
        s.port, s.client_key, wrapper, vireod.sock)
    rc, out, err, _ = vireo(uri, "list --all --name")
    assert rc == 0, err
    argv = log.read_text().split("\n")[:-1]
    assert argv[:9] == ["-p", str(s.port), "-i", s.client_key, "-T", "-e", "none", "--",
                        "127.0.0.1"]


# ---- against Debian's libvirtd -------------------------------------------

@pytest.mark.parametrize("scheme", ["test+ssh", "test+libssh2"])
@pytest.mark.parametrize("far_end", ["helper", "nc"])
def test_vireo_against_libvirtd(libvirtd, sshd_factory, tmp_path, scheme, far_end):
    path = tools_dir(tmp_path, "bin", ["sh", "nc", "grep"], helper=far_end == "helper")
    s = sshd_factory(path=path)
    params = dict(keyfile=s.client_key, no_tty=1, no_verify=1, known_hosts=s.known_hosts,
                  socket=libvirtd.sock)
    if far_end == "nc":
        params["netcat"] = "nc"
    uri = ssh_uri(scheme, s, "/default", **params)
    rc, out, err, _ = vireo(uri, SCRIPT)
    assert_same_as_unix(helpers.VIREO, libvirtd, rc, out, err)


# ---- libssh2: host keys ----------------------------------------------------

def fingerprint(pubfile):
    out = subprocess.run(["ssh-keygen", "-l", "-E", "sha256", "-f", pubfile],
                         capture_output=True, text=True, check=True).stdout
    return out.split()[1]


def test_libssh2_unknown_host_key(vireod, sshd_factory, tmp_path):
    s = sshd_factory(path=tools_dir(tmp_path, "nc", ["sh", "nc", "grep"]))
    kh = tmp_path / "kh"
    kh.write_text("")
    base = dict(keyfile=s.client_key, known_hosts=str(kh), socket=vireod.sock)
    rc, out, err, took = vireo(ssh_uri("test+libssh2", s, "/default", **base),
                               "list --name", input="")
    assert rc != 0 and took < BOUND
    assert fingerprint(s.host_key + ".pub") in err, err
    assert "known_hosts" in err
    assert kh.read_text() == ""
    # no_verify=1 accepts and records it; afterwards it is known.
    rc, out, err, _ = vireo(ssh_uri("test+libssh2", s, "/default", no_verify=1, **base),
                            "list --name")
    assert rc == 0, err
    host_pub = open(s.host_key + ".pub").read().split()[1]
    assert "[127.0.0.1]:%d" % s.port in kh.read_text()
    assert host_pub in kh.read_text()
    rc, out, err, _ = vireo(ssh_uri("test+libssh2", s, "/default", **base), "list --name")
    assert rc == 0, err
    # known_hosts_verify=ignore skips the check altogether.
    kh2 = tmp_path / "kh2"
    kh2.write_text("")
    rc, out, err, _ = vireo(ssh_uri("test+libssh2", s, "/default", keyfile=s.client_key,
                                    known_hosts=str(kh2), known_hosts_verify="ignore",
                                    socket=vireod.sock), "list --name")
    assert rc == 0, err


def test_libssh2_changed_host_key(vireod, sshd_factory, tmp_path):
    s = sshd_factory(path=tools_dir(tmp_path, "nc", ["sh", "nc", "grep"]))
    before = open(s.known_hosts).read()
    s.new_host_key()
    for extra in ({}, {"no_verify": 1}):
        uri = ssh_uri("test+libssh2", s, "/default", keyfile=s.client_key,
                      known_hosts=s.known_hosts, socket=vireod.sock, **extra)
        rc, out, err, took = vireo(uri, "list --name", input="y\n")
        assert rc != 0 and took < BOUND
        assert "differs" in err, err
        assert fingerprint(s.host_key + ".pub") in err, err
        assert open(s.known_hosts).read() == before


# ---- libssh2: authentication ----------------------------------------------

def test_libssh2_wrong_private_key(vireod, sshd_factory, tmp_path):
    s = sshd_factory(path=tools_dir(tmp_path, "nc", ["sh", "nc", "grep"]))
    other = str(tmp_path / "other_key")
    keygen(other)
    uri = ssh_uri("test+libssh2", s, "/default", keyfile=other, known_hosts=s.known_hosts,
                  socket=vireod.sock, sshauth="agent,privkey")
    rc, out, err, took = vireo(uri, "list --name", env={"SSH_AUTH_SOCK": ""})
    assert rc != 0 and took < BOUND
    assert "authentication" in err.lower(), err
    assert "agent" in err and "privkey" in err and other in err, err


def test_libssh2_bad_sshauth(vireod, sshd_factory, tmp_path):
    s = sshd_factory(path="/usr/bin:/bin")
    uri = ssh_uri("test+libssh2", s, "/default", keyfile=s.client_key,
                  known_hosts=s.known_hosts, socket=vireod.sock, sshauth="magic")
    rc, out, err, took = vireo(uri, "list --name")
    assert rc != 0 and took < BOUND
    assert "magic" in err


@pytest.fixture
def pw_setup(vireod, sshd_factory):
    """An sshd with a password user who may reach vireod's read-only socket."""
    os.chmod(vireod.workdir, 0o755)
    os.chmod(vireod.sock_dir, 0o755)
    # pytest's tmp_path is private to root: the system PATH, then.
    return sshd_factory(path="/usr/bin:/bin", password_user=True)


@pytest.mark.parametrize("method", ["password", "keyboard-interactive"])
def test_libssh2_password_via_callback(vireod, pw_setup, method):
    s = pw_setup
    uri = ssh_uri("test+libssh2", s, "/default", user=s.pw_user, known_hosts=s.known_hosts,
                  socket=vireod.ro_sock, sshauth=method)
    # The vireo shell's credential callback reads the answer from stdin.
    rc, out, err, took = vireo(uri, "list --all --name", input=s.pw_password + "\n",
                               readonly=True)
    assert rc == 0, err + s.read_log()
    # The callback prompted once (on stdout, as libvirt's default does).
    assert out.count("Password") == 1, out
    assert out.rstrip().endswith(": test"), out
    assert s.pw_password not in out + err
    rc, out, err, took = vireo(uri, "list --all --name", input="wrong\n", readonly=True)
    assert rc != 0 and took < BOUND
    assert method in err and "authentication" in err.lower(), err


# ---- clear errors in bounded time -------------------------------------------

def closed_port():
    return helpers.free_port()


@pytest.mark.parametrize("scheme", ["test+ssh", "test+libssh2"])
def test_error_host_unreachable(scheme, tmp_path):
    port = closed_port()
    uri = "%s://root@127.0.0.1:%d/default?no_tty=1&no_verify=1&known_hosts=%s" % (
        scheme, port, tmp_path / "kh")
    rc, out, err, took = vireo(uri, "list")
    assert rc != 0 and took < BOUND
    assert "Connection refused" in err, err


@pytest.mark.parametrize("scheme", ["test+ssh", "test+libssh2"])
def test_error_sshd_refuses(vireod, sshd_factory, tmp_path, scheme):
    s = sshd_factory(path="/usr/bin:/bin")
    other = str(tmp_path / "other_key")
    keygen(other)
    uri = ssh_uri(scheme, s, "/default", keyfile=other, no_tty=1, known_hosts=s.known_hosts,
                  socket=vireod.sock, sshauth="privkey")
    env = {"SSH_AUTH_SOCK": ""}
    if scheme == "test+ssh":
        # Keep ssh from trying root's own keys or asking anything.
        wrapper = tmp_path / "myssh"
        wrapper.write_text('#!/bin/sh\nexec ssh -o UserKnownHostsFile=%s -o IdentitiesOnly=yes '
                           '-o IdentityAgent=none "$@"\n' % s.known_hosts)
        wrapper.chmod(0o755)
        uri += "&command=%s" % wrapper
    rc, out, err, took = vireo(uri, "list", env=env)
    assert rc != 0 and took < BOUND
    assert "Permission denied" in err or "authentication" in err.lower(), err


@pytest.mark.parametrize("scheme", ["test+ssh", "test+libssh2"])
@pytest.mark.parametrize("far_end", ["helper", "nc"])
def test_error_socket_missing(vireod, sshd_factory, tmp_path, scheme, far_end):
    path = tools_dir(tmp_path, "bin", ["sh", "nc", "grep"], helper=far_end == "helper")
    s = sshd_factory(path=path)
    missing = str(tmp_path / "no-such-sock")
    uri = ssh_uri(scheme, s, "/default", keyfile=s.client_key, no_tty=1, no_verify=1,
                  known_hosts=s.known_hosts, socket=missing,
                  command="/usr/bin/ssh")
    if scheme == "test+ssh":
        uri = uri.replace("&command=/usr/bin/ssh", "&command=%s" % _ssh_wrapper(tmp_path, s))
    rc, out, err, took = vireo(uri, "list")
    assert rc != 0 and took < BOUND
    assert "End of file while reading data" in err, err
    assert "No such file" in err, err


def _ssh_wrapper(tmp_path, s):
    w = tmp_path / "myssh"
    w.write_text('#!/bin/sh\nexec ssh -o UserKnownHostsFile=%s "$@"\n' % s.known_hosts)
    w.chmod(0o755)
    return w


@pytest.mark.parametrize("scheme", ["test+ssh", "test+libssh2"])
def test_error_no_nc_no_helper(vireod, sshd_factory, tmp_path, scheme):
    s = sshd_factory(path=tools_dir(tmp_path, "bare", ["sh", "grep"]))
    uri = ssh_uri(scheme, s, "/default", keyfile=s.client_key, no_tty=1,
                  known_hosts=s.known_hosts, socket=vireod.sock)
    if scheme == "test+ssh":
        uri += "&command=%s" % _ssh_wrapper(tmp_path, s)
    rc, out, err, took = vireo(uri, "list")
    assert rc != 0 and took < BOUND
    assert re.search(r"nc: (command )?not found", err), err


def test_error_ext_without_command():
    rc, out, err, took = vireo("test+ext:///default", "list")
    assert rc != 0 and took < BOUND
    assert "for 'ext' transport, command is required" in err, err


def test_error_ext_command_missing(tmp_path):
    rc, out, err, took = vireo("test+ext:///default?command=%s" % (tmp_path / "nope"), "list")
    assert rc != 0 and took < BOUND
    assert "nope" in err and "No such file" in err, err


def test_libssh2_key_passphrase_via_callback(vireod, sshd_factory, tmp_path):
    s = sshd_factory(path="/usr/bin:/bin")
    key = str(tmp_path / "locked_key")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "open sesame", "-f", key],
                   check=True, stdin=subprocess.DEVNULL)
    with open(s.authorized, "a") as f:
        f.write(open(key + ".pub").read())
    uri = ssh_uri("test+libssh2", s, "/default", keyfile=key, known_hosts=s.known_hosts,
                  socket=vireod.sock, sshauth="privkey")
    rc, out, err, _ = vireo(uri, "list --all --name", input="open sesame\n",
                            env={"SSH_AUTH_SOCK": ""})
    assert rc == 0, err
    assert out.count("Passphrase for key '%s'" % key) == 1, out
    assert out.rstrip().endswith(": test"), out
    rc, out, err, took = vireo(uri, "list --all --name", input="wrong\n")
    assert rc != 0 and took < BOUND
    assert "privkey" in err and key in err, err


def test_libssh2_unknown_host_key_accepted_by_callback(vireod, sshd_factory, tmp_path):
    s = sshd_factory(path="/usr/bin:/bin")
    kh = tmp_path / "kh"
    uri = ssh_uri("test+libssh2", s, "/default", keyfile=s.client_key, known_hosts=str(kh),
                  socket=vireod.sock)
    rc, out, err, _ = vireo(uri, "list --all --name", input="y\n")
    assert rc == 0, err
    assert fingerprint(s.host_key + ".pub") in out
    assert open(s.host_key + ".pub").read().split()[1] in kh.read_text()


def test_libssh2_recording_keeps_other_lines(vireod, sshd_factory, tmp_path):
    # Lines libssh2 cannot parse, and a last line without its newline, stay.
    s = sshd_factory(path="/usr/bin:/bin")
    kh = tmp_path / "kh"
    before = ("# my hosts\n@cert-authority *.example.org ssh-ed25519 "
              "AAAAC3NzaC1lZDI1NTE5AAAAIHs0rT2bmJv1m4Zk5zBkCk0pR2yUO3nW8o5dXl6Wf1bz\n"
              "other.example.org ssh-ed25519 "
              "AAAAC3NzaC1lZDI1NTE5AAAAIHs0rT2bmJv1m4Zk5zBkCk0pR2yUO3nW8o5dXl6Wf1bz")
    kh.write_text(before)
    uri = ssh_uri("test+libssh2", s, "/default", keyfile=s.client_key, known_hosts=str(kh),
                  socket=vireod.sock, no_verify=1)
    rc, out, err, _ = vireo(uri, "list --all --name")
    assert rc == 0, err
    after = kh.read_text()
    assert after.startswith(before + "\n"), after
    assert after.count("\n") == 4 and "[127.0.0.1]:%d" % s.port in after.splitlines()[3]


def test_libssh2_default_known_hosts_file(vireod, sshd_factory, tmp_path):
    # Without known_hosts=, libvirt's file: $XDG_CONFIG_HOME/libvirt/known_hosts.
    s = sshd_factory(path="/usr/bin:/bin")
    conf = tmp_path / "config"
    uri = "test+libssh2://127.0.0.1:%d/default?keyfile=%s&socket=%s&no_verify=1" % (
        s.port, s.client_key, vireod.sock)
    rc, out, err, _ = vireo(uri, "list --all --name", env={"XDG_CONFIG_HOME": str(conf)})
    assert rc == 0, err
    kh = conf / "libvirt" / "known_hosts"
    assert "[127.0.0.1]:%d" % s.port in kh.read_text()
    assert (os.stat(str(conf / "libvirt")).st_mode & 0o777) == 0o700


def test_proxy_native_needs_the_helper(vireod, sshd_factory, tmp_path):
    # proxy=native runs only the helper: a host with nc alone says so.
    s = sshd_factory(path=tools_dir(tmp_path, "nc", ["sh", "nc", "grep"]))
    uri = ssh_uri("test+libssh2", s, "/default", keyfile=s.client_key,
                  known_hosts=s.known_hosts, socket=vireod.sock, proxy="native")
    rc, out, err, took = vireo(uri, "list")
    assert rc != 0 and took < BOUND
    assert re.search(r"vireo-ssh-helper: (command )?not found", err), err
