"""pytest fixtures: real daemons, one per test.

`libvirtd` is Debian's libvirtd with only its built-in test driver (the
reference behaviour); `vireod` is ours, started with the same config grammar
and flags; `daemon` runs a test once against each. Each fixture yields a
helpers.Daemon (name, port, tcp_uri, unix_uri, ro_unix_uri, sock_dir, log,
proc) and stops the daemon afterwards; a vireod that crashed or would not
stop fails the test.
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import helpers  # noqa: E402


def _daemon_fixture(request, name, extra_conf=""):
    d = helpers.make_daemon(name, extra_conf)
    failure = None
    try:
        d.start()
    except helpers.DaemonError as e:
        failure = str(e)
    if failure:
        d.stop()
        d.cleanup()
        pytest.fail(failure, pytrace=False)
    try:
        yield d
    finally:
        problem = d.stop()
        d.cleanup()
        if problem:
            pytest.fail(problem, pytrace=False)


@pytest.fixture
def libvirtd(request):
    yield from _daemon_fixture(request, "libvirtd")


@pytest.fixture
def vireod(request):
    yield from _daemon_fixture(request, "vireod")


@pytest.fixture(params=["libvirtd", "vireod"])
def daemon(request):
    yield request.getfixturevalue(request.param)


@pytest.fixture
def daemon_factory(request):
    """Start extra daemons with additional config lines:
    daemon_factory("vireod", 'max_clients = 3\\n'). All are stopped (and
    checked like the fixtures above) at the end of the test."""
    started = []

    def factory(name, extra_conf="", **kw):
        d = helpers.make_daemon(name, extra_conf, **kw)
        started.append(d)
        failure = None
        try:
            d.start()
        except helpers.DaemonError as e:
            failure = str(e)
        if failure:
            pytest.fail(failure, pytrace=False)
        return d

    yield factory
    problems = []
    for d in started:
        p = d.stop()
        d.cleanup()
        if p:
            problems.append(p)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.fixture(scope="module")
def vireo():
    """The built vireo shell."""
    if not os.access(helpers.VIREO, os.X_OK):
        pytest.fail("vireo is not built at %s" % helpers.VIREO, pytrace=False)
    return helpers.VIREO
