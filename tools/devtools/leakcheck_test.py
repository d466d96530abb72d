"""Tests of the leak check (tools/leakcheck, tools/devtools/leakcheck.py).

Host tests compare snapshots laid out as `keel objsnapshot` writes them: equal ones pass; an
object new at the check, fewer free frames, a budget holding less, each fails naming it; an
object the caller expects passes; a slot freed and taken again (new generation) is a new
object. With --live LEAK_ISO LEAK_ELF LEAKY_ISO LEAKY_ELF KEEL_PY the stress image
(//tests/user/leak:leak_image) is booted under gdb and must show no leak, and the variant that
keeps an endpoint and a memory object past the check (leaky_image) must have both reported,
with their frames, as tools/leakcheck's exit status 1; `--rounds` reaches the program
through `keel poke`.
"""
import copy
import os
import subprocess
import sys
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)

from tools.devtools import leakcheck, qemu_gdb  # noqa: E402


def obj(kind, slot, gen, refs=1, frames=0, paid_by="leak", site=None, held=None):
    return {"kind": kind, "id": slot | gen << 16, "slot": slot, "gen": gen, "refs": refs,
            "frames": frames, "paid_by": paid_by, "alloc_site": site,
            "held_by": held if held is not None else ["leak 0x00001004"],
            "name": "%s %d" % (kind, slot | gen << 16)}


def snapshot(objects, free=1000, budget=900):
    pools = {k: {"capacity": 64, "in_use": sum(1 for o in objects if o["kind"] == k)}
             for k in ("endpoint", "memory", "thread", "unit")}
    return {"free_frames": free, "pools": pools, "objects": objects,
            "budgets": {"leak 65536": budget}, "alloc_site_known": False}


BASE = [obj("unit", 0, 1, paid_by="kernel"), obj("thread", 0, 1), obj("memory", 3, 1)]


class Compare(unittest.TestCase):
    def test_same_objects_no_leak(self):
        leaks, lines = leakcheck.compare(snapshot(BASE), snapshot(copy.deepcopy(BASE)))
        self.assertEqual(leaks, [])
        self.assertIn("objects: 3 at the baseline, 3 at the check: 0 new, 0 of the baseline gone",
                      lines)
        self.assertIn("allocation sites: (kernel without alloc_site)", lines)
        self.assertRegex("\n".join(lines), r"(?m)^memory\s+1\s+1\s+64$")

    def test_new_object_is_a_leak_named(self):
        leaked = obj("endpoint", 7, 3, refs=2, held=["leak 0x00002009", "child 0x00001003"])
        leaks, _ = leakcheck.compare(snapshot(BASE), snapshot(BASE + [leaked]))
        self.assertEqual(len(leaks), 1)
        self.assertEqual(leaks[0], "leak: endpoint 196615 (slot 7, generation 3): 2 references "
                         "(leak 0x00002009, child 0x00001003), 0 frames charged, paid by leak, "
                         "allocated at: (kernel without alloc_site)")

    def test_alloc_site_printed(self):
        leaked = obj("memory", 9, 1, frames=4, site="memobj_create_frames+0x2c")
        leaks, _ = leakcheck.compare(snapshot(BASE), snapshot(BASE + [leaked], free=996))
        self.assertIn("4 frames charged, paid by leak, allocated at: memobj_create_frames+0x2c",
                      leaks[0])
        self.assertEqual(leaks[1], "leak: 4 frames not returned (free frames 1000 at the "
                         "baseline, 996 at the check)")

    def test_slot_reused_is_a_new_object(self):
        check = [o if o["kind"] != "memory" else obj("memory", 3, 2) for o in BASE]
        leaks, lines = leakcheck.compare(snapshot(BASE), snapshot(check))
        self.assertEqual(len(leaks), 1)
        self.assertIn("memory 131075 (slot 3, generation 2)", leaks[0])
        self.assertIn("objects: 3 at the baseline, 3 at the check: 1 new, 1 of the baseline gone",
                      lines)

    def test_freed_objects_and_more_frames_are_no_leak(self):
        leaks, _ = leakcheck.compare(snapshot(BASE), snapshot(BASE[:2], free=1004))
        self.assertEqual(leaks, [])

    def test_budget_holding_less(self):
        leaks, _ = leakcheck.compare(snapshot(BASE), snapshot(BASE, budget=898))
        self.assertEqual(leaks, ["leak: the budget of unit leak 65536 holds 2 frames fewer "
                                 "(900 at the baseline, 898 at the check)"])

    def test_expected_objects_pass_and_only_that_many(self):
        new = [obj("endpoint", 5, 1), obj("endpoint", 6, 1)]
        leaks, lines = leakcheck.compare(snapshot(BASE), snapshot(BASE + new), {"endpoint": 1})
        self.assertEqual(len(leaks), 1)
        self.assertIn("endpoint 65542", leaks[0])
        self.assertTrue(any(line.startswith("expected: endpoint 65541") for line in lines))


LIVE = []  # --live's five paths


class Live(unittest.TestCase):
    def setUp(self):
        if len(LIVE) != 5:
            self.skipTest("with --live LEAK_ISO LEAK_ELF LEAKY_ISO LEAKY_ELF KEEL_PY")

    def snap(self, iso, elf):
        try:
            return leakcheck.snapshots(iso, elf, timeout=300, keel_py=LIVE[4])
        except qemu_gdb.BootError as err:
            self.fail(str(err))

    def test_stress_image_returns_everything(self):
        base, check, serial = self.snap(LIVE[0], LIVE[1])
        for phase in ("units", "threads", "objects", "memory", "server", "starting"):
            self.assertRegex(serial, r"leak: %s done \(\d+ rounds\)" % phase)
        self.assertIn("leak: 0 failed", serial)
        leaks, lines = leakcheck.compare(base, check)
        self.assertEqual(leaks, [], "\n".join(lines))
        # Something was measured: the program's own unit, thread and budget at both points.
        kinds = {o["kind"] for o in check["objects"]}
        self.assertTrue({"unit", "thread", "memory"} <= kinds, kinds)
        self.assertGreater(check["free_frames"], 0)
        self.assertEqual(base["free_frames"], check["free_frames"])
        self.assertTrue(any(k.startswith("leak ") for k in check["budgets"]), check["budgets"])

    def test_kept_objects_reported(self):
        base, check, serial = self.snap(LIVE[2], LIVE[3])
        self.assertIn("on purpose", serial)
        leaks, _ = leakcheck.compare(base, check)
        kinds = sorted(line.split()[1] for line in leaks if "(slot" in line)
        self.assertEqual(kinds, ["endpoint", "memory"], leaks)
        for line in leaks:
            if "(slot" in line:
                self.assertIn("paid by leaky", line)
                self.assertIn("leaky 0x", line)  # the capability that names it
        # Where the kernel made each: the function that allocated the slot, with its line.
        self.assertTrue(check["alloc_site_known"])
        sites = {line.split()[1]: line.split("allocated at: ")[1] for line in leaks
                 if "(slot" in line}
        self.assertRegex(sites["endpoint"], r"^endpoint_\w+\+0x[0-9a-f]+ \(\S+endpoint\.c:\d+\)$")
        self.assertRegex(sites["memory"], r"^memobj_\w+\+0x[0-9a-f]+ \(\S+memobj\.c:\d+\)$")
        self.assertTrue(any(line.startswith("leak: ") and "frames not returned" in line
                            for line in leaks), leaks)
        # The expected objects are accounted for and pass, frames aside.
        leaks, _ = leakcheck.compare(base, check, {"endpoint": 1, "memory": 1})
        self.assertEqual([line for line in leaks if "(slot" in line], [])

    def test_tool_exit_status(self):
        outs = []
        for iso, elf, status, want, more in (
                (LIVE[0], LIVE[1], 0, ": 0 leaks", ["--rounds", "5"]),
                (LIVE[2], LIVE[3], 1, ": 4 leaks", [])):
            r = subprocess.run([sys.executable, os.path.join(REPO, "tools", "leakcheck"),
                                "--iso", iso, "--elf", elf, "--timeout", "300"] + more,
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, status, r.stdout + r.stderr)
            self.assertIn(want, r.stdout)
            outs.append(r.stdout)
        for phase in ("units", "threads", "objects", "memory", "server", "starting"):
            self.assertIn("program: leak: %s done (5 rounds)" % phase, outs[0])

    def test_symbolize_and_poke(self):
        out = qemu_gdb.run_points(LIVE[0], LIVE[1], [(leakcheck.BASELINE_LINE, [
            "python print('site:', symbolize(int(gdb.parse_and_eval('&pool_alloc')) + 3))",
            "keel poke 65536 0x3f000002 1"])], keel_py=LIVE[4])
        self.assertIn("site: pool_alloc+0x3", out)
        self.assertIn("keel: 0x3f000002 is not a mapped, aligned word of unit 65536", out)


if __name__ == "__main__":
    if len(sys.argv) >= 7 and sys.argv[1] == "--live":
        LIVE[:] = sys.argv[2:7]
        sys.argv = sys.argv[:1]
    unittest.main()
