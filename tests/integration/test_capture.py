"""A real virsh (and python3-libvirt) session against the daemon, captured on
lo with tshark and decoded by libvirt's own wireshark dissector
(libvirt-wireshark): every message must decode, none may be malformed, and
every call must be answered on its connection with the same procedure.

Runs against libvirtd as well, which shows the checks hold for the reference.
"""

import os
import select
import signal
import subprocess
import time

import libvirt
import pytest

import helpers as h

libvirt.registerErrorHandler(lambda ctx, err: None, None)

TSHARK = "/usr/bin/tshark"

DOMAIN_XML = """<domain type='test'>
  <name>capvm</name>
  <uuid>7a5c2e10-3b4d-4e5f-8a6b-7c8d9e0f1a2b</uuid>
  <memory unit='KiB'>524288</memory>
  <vcpu>1</vcpu>
  <os><type arch='i686'>hvm</type></os>
</domain>
"""

SESSION = ("list --all; dominfo test; domstate --reason test; dumpxml test; "
           "define {xml}; start capvm; suspend capvm; resume capvm; dominfo capvm; "
           "destroy capvm; undefine capvm; setmem test 1048576; autostart test; "
           "net-list --all; net-info default; net-dumpxml default; "
           "pool-list --all; pool-info default-pool; pool-dumpxml default-pool; "
           "nodeinfo; version --daemon; hostname; capabilities; sysinfo; "
           "dominfo nosuch")

EXPECTED_PROCEDURES = [
    "AUTH_LIST (66)", "CONNECT_OPEN (1)", "CONNECT_CLOSE (2)",
    "CONNECT_LIST_ALL_DOMAINS (273)", "DOMAIN_LOOKUP_BY_NAME (23)",
    "DOMAIN_GET_INFO (16)", "DOMAIN_GET_XML_DESC (14)", "DOMAIN_DEFINE_XML (11)",
    "DOMAIN_CREATE (9)", "DOMAIN_SUSPEND (34)", "DOMAIN_RESUME (28)",
    "DOMAIN_DESTROY (12)", "DOMAIN_UNDEFINE_FLAGS (231)",
    "CONNECT_LIST_ALL_NETWORKS (283)", "CONNECT_LIST_ALL_STORAGE_POOLS (281)",
    "STORAGE_POOL_GET_INFO (87)", "NODE_GET_INFO (6)", "CONNECT_GET_CAPABILITIES (7)",
    "DOMAIN_CREATE_XML (10)",
]


class Capture:
    """tshark writing lo traffic for one tcp port into a pcapng file."""

    def __init__(self, port, path):
        self.port = port
        self.path = path
        self.proc = subprocess.Popen(
            [TSHARK, "-i", "lo", "-f", "tcp port %d" % port, "-w", path],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True)
        # tshark says "Capturing on ..." before dumpcap is really capturing;
        # "Capture started." is printed once packets are being recorded.
        seen = ""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.proc.stderr], [], [], 0.5)
            if r:
                line = self.proc.stderr.readline()
                if not line:
                    break
                seen += line
                if "Capture started" in line:
                    return
            if self.proc.poll() is not None:
                break
        self.stop()
        pytest.fail("tshark did not start capturing: %s" % seen, pytrace=False)

    def stop(self):
        if self.proc.poll() is None:
            time.sleep(0.5)  # let the last segments reach the capture
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.communicate()

    def tshark(self, *args):
        rc, out, err = h.run([TSHARK, "-r", self.path, "-d", "tcp.port==%d,libvirt" % self.port]
                             + list(args), timeout=120)
        assert rc == 0, err
        return out


def python_session(uri):
    conn = libvirt.open(uri)
    try:
        conn.listAllDomains(0)
        dom = conn.createXML(DOMAIN_XML.replace("capvm", "pyvm").replace(
            "7a5c2e10-3b4d-4e5f-8a6b-7c8d9e0f1a2b", "7a5c2e10-3b4d-4e5f-8a6b-7c8d9e0f1a2c"), 0)
        dom.info()
        dom.destroy()
        with pytest.raises(libvirt.libvirtError):
            conn.lookupByName("nosuch")
        conn.networkLookupByName("default").XMLDesc(0)
        conn.storagePoolLookupByName("default-pool").info()
    finally:
        conn.close()


def test_capture_decodes_cleanly(daemon, tmp_path):
    xml = tmp_path / "capvm.xml"
    xml.write_text(DOMAIN_XML)
    cap = Capture(daemon.port, str(tmp_path / "session.pcapng"))
    try:
        rc, out, err = h.virsh(daemon.tcp_uri, SESSION.format(xml=xml), timeout=60)
        python_session(daemon.tcp_uri)
    finally:
        cap.stop()
    # The session itself behaved: only the deliberate last error.
    assert rc == 1 and err == "error: failed to get domain 'nosuch'\n", err
    assert "Domain 'capvm' has been undefined" in out
    assert os.path.getsize(cap.path) > 0

    verbose = cap.tshark("-V")
    # The libvirt dissector decoded the traffic.
    assert verbose.count("\nLibvirt\n") > 50
    assert "program: REMOTE (0x20008086)" in verbose
    for proc in EXPECTED_PROCEDURES:
        assert "procedure: %s" % proc in verbose, "procedure %s not seen" % proc
    assert "remote_connect_list_all_domains_ret" in verbose
    assert "remote_domain_get_info_ret" in verbose
    assert "remote_error" in verbose and "code: 42" in verbose
    # Nothing malformed, no dissector exceptions.
    assert "Malformed" not in verbose
    assert "Dissector bug" not in verbose
    assert "Exception occurred" not in verbose
    assert cap.tshark("-Y", "_ws.malformed || _ws.expert.severity >= 8388608").strip() == ""

    # Every CALL has exactly one REPLY on its connection, with the same
    # program, procedure and serial, and nothing else is sent.
    rows = cap.tshark("-Y", "libvirt", "-T", "fields", "-E", "occurrence=a",
                      "-E", "aggregator=;", "-e", "tcp.stream", "-e", "libvirt.program",
                      "-e", "libvirt.procedure", "-e", "libvirt.type",
                      "-e", "libvirt.serial", "-e", "libvirt.status")
    calls, replies = {}, {}
    streams = set()
    for line in rows.splitlines():
        stream, progs, procs, types, serials, statuses = line.split("\t")
        streams.add(stream)
        for prog, proc, mtype, serial, status in zip(*(f.split(";") for f in
                                                       (progs, procs, types, serials, statuses))):
            key = (stream, int(prog, 0), int(serial))
            if int(mtype) == h.CALL:
                assert int(status) == h.STATUS_OK
                assert key not in calls, "serial reused %r" % (key,)
                calls[key] = int(proc)
            elif int(mtype) == h.REPLY:
                assert key not in replies, "two replies for %r" % (key,)
                replies[key] = int(proc)
            else:
                # keepalive PING/PONG are the only other messages allowed
                assert int(prog, 0) == h.KEEPALIVE_PROGRAM and int(mtype) == h.MESSAGE, line
    assert len(streams) == 2  # the virsh and the python connection
    assert calls == replies
    assert len(calls) > 40
