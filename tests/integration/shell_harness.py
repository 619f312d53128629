"""What the vireo shell tests share: the built vireo, and running vireo and
stock virsh with the same arguments and environment, then comparing what
they print (normalised) and their exit status. Imported by
test_vireo_shell*.py; the `vireo` fixture (the built binary) is in conftest.py."""

import difflib
import os
import pty
import select
import time

import helpers


def env(tmp_path):
    return {"XDG_CACHE_HOME": str(tmp_path), "HOME": str(tmp_path), "LC_ALL": "C"}


def run_both(vireo, uri, args, tmp_path, options=(), input=None):
    pre = (["-c", uri] if uri else []) + list(options)
    env_ = env(tmp_path)
    mine = helpers.run([vireo] + pre + args, input=input, env=env_)
    theirs = helpers.run([helpers.VIRSH] + pre + args, input=input, env=env_)
    return mine, theirs


def diff(label, mine, theirs):
    return "".join(difflib.unified_diff(theirs.splitlines(True), mine.splitlines(True),
                                        "virsh " + label, "vireo " + label))


def compare(mine, theirs, expect_rc=None, rename=False):
    """Return a list of readable mismatches (empty when identical)."""
    problems = []
    (rc1, out1, err1), (rc2, out2, err2) = mine, theirs
    out1, out2 = helpers.normalise(out1), helpers.normalise(out2)
    err1, err2 = helpers.normalise(err1), helpers.normalise(err2)
    if rename:
        out2, err2 = out2.replace("virsh", "vireo"), err2.replace("virsh", "vireo")
    if rc1 != rc2:
        problems.append("exit status: vireo %r, virsh %r" % (rc1, rc2))
    if expect_rc is not None and rc2 != expect_rc:
        problems.append("virsh itself exited %r, the case expects %r (stderr: %s)"
                        % (rc2, expect_rc, err2.strip()))
    if out1 != out2:
        problems.append(diff("stdout", out1, out2))
    if err1 != err2:
        problems.append(diff("stderr", err1, err2))
    return problems


def expand(args, files):
    """args with {name} replaced by the path of files[name]."""
    return [a.format(**files) for a in args]


def pty_session(argv, env_, replies, when=b"Try again?", timeout=10.0):
    """Run argv on a pseudo-terminal and return everything it showed. Each
    time `when` has appeared once more (a prompt), type the next of replies.
    Lines about polkit (virsh may warn on a terminal that it is not running)
    are left out."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env_)
        os.execv(argv[0], argv)
    shown, given = b"", 0
    try:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if given < len(replies) and shown.count(when) > given:
                os.write(fd, replies[given])
                given += 1
            ready, _, _ = select.select([fd], [], [], 0.2)
            if not ready:
                if os.waitpid(pid, os.WNOHANG)[0]:
                    break
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(fd)
    text = shown.decode(errors="replace")
    return "".join(line for line in text.splitlines(True) if "polkit" not in line)
