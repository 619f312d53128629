"""Reboot events from vireod's QEMU driver, as `virsh event --all --loop`
prints them, against the lines libvirtd 9.0 printed (QEMU.md 1.3): a
`virsh reset`, a `virsh reboot` (libvirt's fake reboot: ACPI power-off,
then reset and cont) and a reboot the guest asks for itself each give
exactly two `reboot` lines and no lifecycle line.

qemu 7.2 under TCG sends two to five RESET events for one reset, at
random (SeaBIOS re-resets a warm-started machine with a PCI reset and a
triple fault that often both land), so the resets are repeated to make a
repeat likely; the driver reports the reset and the firmware's first
re-reset only, every time.
"""

import re

from test_qemu_console import Console
from test_qemu_virsh import EventWatcher, QemuDaemon, guest  # noqa: F401 (guest is a fixture)

import pytest


@pytest.fixture
def qd(guest):  # noqa: F811
    d = QemuDaemon(guest)
    yield d
    d.cleanup()


def short(lines):
    """virsh's event lines for ev1 as "lifecycle Started Booted" / "reboot"."""
    return [re.sub(r"^event '(\w+)' for domain '?ev1'?:?\s*", r"\1 ", l).strip() for l in lines]


def test_reset_reboot_and_guest_reboot_each_report_two_reboot_events(qd):
    qd.virsh("define", qd.xml("ev1"))
    ev = EventWatcher(qd.tcp)
    qd.virsh("start", "ev1", uri=qd.tcp)
    qd.wait_marker("ev1")
    marks = 1
    steps = []

    for _ in range(3):
        qd.virsh("reset", "ev1")
        marks += 1
        qd.wait_marker("ev1", count=marks)
        steps.append("reset")

    qd.virsh("reboot", "ev1", uri=qd.tcp)
    marks += 1
    qd.wait_marker("ev1", count=marks)
    steps.append("reboot")
    # the guest is running again and no lifecycle event said otherwise
    assert qd.state("ev1") == "running (booted)"

    con = Console(qd.tcp, "ev1")
    try:
        con.prompt(timeout=60)
        con.send("reboot -f\r")
        marks += 1
        qd.wait_marker("ev1", count=marks)
    finally:
        con.close()
    steps.append("guest")
    assert qd.state("ev1") == "running (booted)"

    qd.virsh("destroy", "ev1")
    lines = short(ev.lines())
    assert lines == (["lifecycle Resumed Unpaused", "lifecycle Started Booted"] +
                     ["reboot"] * (2 * len(steps)) +
                     ["lifecycle Shutdown Finished after host request",
                      "lifecycle Stopped Destroyed"]), lines
