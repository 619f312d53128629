"""The QEMU driver's definitions survive SIGKILL at any moment.

A qemu-apitest process defines and undefines domains in a loop and is
killed with SIGKILL at a random point, 20 times over. After each kill a
fresh process must list every definition acknowledged ("define ok NAME"
printed, no later "undefine ok NAME") and every config file must parse:
files are written to a temp name, fsynced and renamed, never in place.
No VM is started, so no qemu is involved beyond the capability probe.
"""

import glob
import os
import random
import re
import shutil
import subprocess
import tempfile
import time

from test_qemu_lifecycle import APITEST

XML = """<domain type='qemu'>
  <name>{name}</name>
  <uuid>{uuid}</uuid>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
  <devices><serial type='pty'/><console type='pty'/></devices>
</domain>
"""


def test_qemu_sigkill_during_define_loop():
    assert os.access(APITEST, os.X_OK), f"{APITEST} not built"
    root = tempfile.mkdtemp(prefix="vqk", dir="/tmp")
    rng = random.Random(7)
    try:
        cmds = []
        for i in range(60):
            path = os.path.join(root, f"k{i}.xml")
            with open(path, "w") as f:
                f.write(XML.format(name=f"k{i}", uuid=f"00000000-0000-4000-8000-{i:012d}"))
            cmds += ["define", path, "--"]
            if i % 3 == 2:
                cmds += ["undefine", f"k{i - 1}", "--"]
        cmds += ["list"]
        # warm the capability cache so that kills land in the loop itself
        subprocess.run([APITEST, root, "caps"], capture_output=True, timeout=60, check=True)
        steps = []  # (command, name) in the order their result lines are printed
        it = iter(cmds)
        for c in it:
            if c in ("define", "undefine"):
                arg = next(it)
                steps.append((c, os.path.basename(arg)[:-4] if c == "define" else arg))
        live = set()
        partial_rounds = 0
        for round_no in range(20):
            # every round starts from what the previous ones left on disk
            p = subprocess.Popen([APITEST, root] + cmds, stdout=subprocess.PIPE, text=True)
            time.sleep(rng.uniform(0.005, 0.08))
            p.kill()
            out, _ = p.communicate(timeout=30)
            results = [l for l in out.splitlines() if not l.startswith("open ok")]
            done = 0
            for (cmd, name), line in zip(steps, results):
                if line.startswith(f"{cmd} ok"):
                    done += 1
                    if cmd == "define":
                        live.add(name)
                    else:
                        live.discard(name)
            partial_rounds += 0 < done < len(steps)
            # the command in flight at the kill may or may not have reached the disk
            if done < len(steps) and steps[done][0] == "undefine":
                live.discard(steps[done][1])
            check = subprocess.run([APITEST, root, "list"], capture_output=True, text=True,
                                   timeout=60)
            assert check.returncode == 0, check.stdout
            listed = set(re.findall(r"^-1 (\S+) shutoff$", check.stdout, re.M))
            missing = live - listed
            assert not missing, f"round {round_no}: acknowledged but lost: {missing}"
            # every config file on disk is complete and was loaded
            files = {os.path.basename(f)[:-4]
                     for f in glob.glob(os.path.join(root, "etc", "qemu", "*.xml"))}
            assert files == listed, f"round {round_no}: files {files} vs listed {listed}"
            for f in glob.glob(os.path.join(root, "etc", "qemu", "*.xml")):
                assert open(f).read().rstrip().endswith("</domain>"), f
            live = listed
        assert partial_rounds >= 5, "the kills did not land inside the loop"
    finally:
        shutil.rmtree(root, ignore_errors=True)


def proc_starttime(pid):
    stat = open(f"/proc/{pid}/stat").read()
    return int(stat[stat.rindex(")") + 2:].split()[19])


def test_qemu_hostile_state_files():
    """Broken or forged files are skipped; a status file naming a live process
    that is not our qemu never gets that process signalled."""
    assert os.access(APITEST, os.X_OK), f"{APITEST} not built"
    root = tempfile.mkdtemp(prefix="vqh", dir="/tmp")
    victim = subprocess.Popen(["sleep", "60"])
    try:
        subprocess.run([APITEST, root, "list"], capture_output=True, timeout=60, check=True)
        etc, run = os.path.join(root, "etc", "qemu"), os.path.join(root, "run", "qemu")
        os.makedirs(etc, exist_ok=True)
        with open(os.path.join(etc, "torn.xml"), "w") as f:
            f.write("<domain type='qemu'><name>torn</name><memo")
        with open(os.path.join(etc, "other.xml"), "w") as f:
            f.write(XML.format(name="notother", uuid="00000000-0000-4000-8000-000000000999"))
        with open(os.path.join(run, "junk.xml"), "w") as f:
            f.write("\x00\x01garbage")
        with open(os.path.join(run, "forged.xml"), "w") as f:
            f.write(f"<domstatus state='running' reason='booted' pid='{victim.pid}' "
                    f"starttime='{proc_starttime(victim.pid)}'>\n"
                    f"  <monitor path='{root}/nowhere.sock' type='unix'/>\n"
                    + XML.format(name="forged", uuid="00000000-0000-4000-8000-000000000998")
                    .replace("<domain type='qemu'>", "<domain type='qemu' id='7'>")
                    .replace("<devices>",
                             "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>")
                    + "</domstatus>\n")
        out = subprocess.run([APITEST, root, "list"], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stdout
        # the torn and misnamed configs are skipped; the forged VM is "crashed" and gone
        assert "total 0" in out.stdout, out.stdout
        assert victim.poll() is None, "a process named by a forged status file was signalled"
        assert not os.path.exists(os.path.join(run, "forged.xml"))
    finally:
        victim.kill()
        victim.wait()
        shutil.rmtree(root, ignore_errors=True)
