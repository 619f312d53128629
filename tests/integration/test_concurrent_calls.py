"""Concurrent calls on one connection (issue 4 item 6): 32 threads share
one libvireo virConnectPtr and make 10,000 mixed calls each against
vireod; every call gets its own answer (each is checked against what only
it can return), none lost or swapped. The same holds when the daemon reads
ahead only two calls and has a single normal worker."""

import os

import pytest

import helpers as h

PROGRAM = os.path.join(h.BUILD, "tests", "unit", "streams", "vireo-concurrent-calls")


@pytest.mark.parametrize("conf", ["", "max_client_requests = 2\nmax_workers = 1\nmin_workers = 1\n"])
def test_32_threads_10000_calls_each(daemon_factory, conf):
    d = daemon_factory("vireod", conf)
    calls = 10000 if not conf else 2000
    env = {"LD_LIBRARY_PATH": os.path.join(h.BUILD, "src", "client")}
    rc, out, err = h.run([PROGRAM, d.tcp_uri, "32", str(calls)], timeout=300, env=env)
    assert rc == 0, err
    assert out.strip() == "ok %d" % (32 * calls)
