"""The leak check's library (tools/leakcheck, docs/tools.md "Leak check"): boots a stress image
under gdb, snapshots every kernel object and the free frames (`keel objsnapshot`) at two quiet
points, a baseline and a check, and compares them.

An object is identified by its kind, pool slot and generation (the pools bump a slot's
generation on every allocation, so a slot freed and taken again is a new object). An object
alive at the check that was not alive at the baseline is a leak, unless the caller expects
that many new objects of its kind (`expected`: a program's own long-lived objects). Free
frames fewer at the check than at the baseline, and a unit's budget holding fewer frames, are
leaks too.
"""
import json
import os
import subprocess
import tempfile

from tools.devtools import qemu_gdb

BASELINE_LINE = "leak: baseline"
CHECK_LINE = "leak: check"
NO_SITE = "(kernel without alloc_site)"


def key(o):
    return (o["kind"], o["slot"], o["gen"])


def describe(o):
    """One leaked object in words: kind, id, references, frames, who pays, where allocated."""
    site = o.get("alloc_site") or NO_SITE
    held = ", ".join(o.get("held_by") or []) or "no capability"
    return ("%s %d (slot %d, generation %d): %d references (%s), %d frames charged, paid by "
            "%s, allocated at: %s" % (o["kind"], o["id"], o["slot"], o["gen"], o["refs"], held,
                                      o["frames"], o["paid_by"], site))


def compare(base, check, expected=None):
    """(leaks, lines): the leaks found between two snapshots, each a line naming it, and the
    report's lines (pool use at both points, frames, the leaks)."""
    expected = dict(expected or {})
    lines = ["%-14s %9s %9s %9s" % ("KIND", "BASELINE", "CHECK", "CAPACITY")]
    for kind in sorted(check["pools"]):
        b, c = base["pools"].get(kind, {}).get("in_use", 0), check["pools"][kind]
        lines.append("%-14s %9d %9d %9d" % (kind, b, c["in_use"], c["capacity"]))
    before = {key(o) for o in base["objects"]}
    new = [o for o in check["objects"] if key(o) not in before]
    gone = len(before - {key(o) for o in check["objects"]})
    leaks = []
    for o in sorted(new, key=key):
        if expected.get(o["kind"], 0) > 0:
            expected[o["kind"]] -= 1
            lines.append("expected: " + describe(o))
            continue
        leaks.append("leak: " + describe(o))
    lines.append("objects: %d at the baseline, %d at the check: %d new, %d of the baseline "
                 "gone" % (len(base["objects"]), len(check["objects"]), len(new), gone))
    lost = base["free_frames"] - check["free_frames"]
    lines.append("free frames: %d at the baseline, %d at the check" % (
        base["free_frames"], check["free_frames"]))
    if lost > 0:
        leaks.append("leak: %d frames not returned (free frames %d at the baseline, %d at the "
                     "check)" % (lost, base["free_frames"], check["free_frames"]))
    for unit, free in sorted(base.get("budgets", {}).items()):
        now = check.get("budgets", {}).get(unit)
        if now is not None and now < free:
            leaks.append("leak: the budget of unit %s holds %d frames fewer (%d at the baseline, "
                         "%d at the check)" % (unit, free - now, free, now))
    if not check.get("alloc_site_known", False):
        lines.append("allocation sites: %s" % NO_SITE)
    return leaks, lines + leaks


def build_image(label, repo):
    """(iso, kernel elf) of a boot_image or system_image target, built now."""
    r = subprocess.run(["bazel", "build", label], cwd=repo, capture_output=True, text=True)
    if r.returncode != 0:
        raise qemu_gdb.BootError("building %s failed:\n%s" % (label, r.stdout + r.stderr))
    bin_dir = subprocess.run(["bazel", "info", "bazel-bin"], cwd=repo, capture_output=True,
                             text=True).stdout.strip()
    pkg, _, name = label.lstrip("/").partition(":")
    base = os.path.join(bin_dir, pkg, name or os.path.basename(pkg))
    return base + ".iso", base + ".elf"


ROOT_UNIT = 65536  # the root task: the first unit the kernel makes (slot 0, generation 1)
ROUNDS_AT = 0x3f000000  # tests/user/leak/leak.c: the rounds wanted, read after the baseline


def snapshots(iso, elf, timeout=600, keel_py=qemu_gdb.KEEL_PY, rounds=None):
    """(baseline, check, serial log): the image booted under gdb, snapshotted at its quiet
    baseline and at its quiet check; with `rounds`, the program told to run that many."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, n) for n in ("baseline.json", "check.json")]
        serial = os.path.join(tmp, "serial.log")
        first = ["keel objsnapshot " + paths[0]]
        if rounds is not None:
            first.append("keel poke %d 0x%x %d" % (ROOT_UNIT, ROUNDS_AT, rounds))
        out = qemu_gdb.run_points(iso, elf, [(BASELINE_LINE, first),
                                       (CHECK_LINE, ["keel objsnapshot " + paths[1]])],
                            timeout=timeout, keel_py=keel_py, serial_log=serial)
        if "\nerror: " in out:
            raise qemu_gdb.BootError("a snapshot failed:\n" + out)
        out = []
        for p in paths:
            with open(p) as f:
                out.append(json.load(f))
        with open(serial, errors="replace") as f:
            out.append(f.read())
        return tuple(out)


def program_lines(serial):
    """The stress program's own lines (phases done, its in-guest checks)."""
    return [line for line in serial.splitlines() if line.startswith("leak")]
