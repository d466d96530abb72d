"""Tests of the capability graph's check and drawings (tools/devtools/capgraph.py).

Host tests build a snapshot the way init lays out the system manifest's tables (every
capability as granted) and check it passes, then break it one way at a time (more rights, the
wrong endpoint, a capability from a unit the manifest does not wire, a unit missing) and
check each is found. With --live ISO ELF, the real system image is booted and snapshotted
through gdb (tools/gdb/keel.py), and must pass the same check in full.
"""
import copy
import glob
import os
import sys
import unittest
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)

from tools.devtools import capgraph  # noqa: E402

MANIFEST = os.path.join(REPO, "servers", "system.manifest")
IDLS = sorted(glob.glob(os.path.join(REPO, "idl", "*.idl")))


def synthetic(mdoc):
    """A snapshot of the manifest's system as init starts it: every table as granted."""
    units = [{"id": 0x10000, "name": "init", "state": "running"}]
    objects, caps = {"endpoint 1": {"kind": "endpoint"}}, []
    init_caps = [{"unit": "init", "slot": 0, "kind": "endpoint", "rights": ["READ", "WRITE"],
                  "object": "endpoint 1"}]

    def add(unit, slot, kind, rights, obj, detail=None, parent="init"):
        objects.setdefault(obj, dict(kind=kind, **(detail or {})))
        caps.append({"unit": unit, "slot": slot, "handle": 0x1000 + slot, "kind": kind,
                     "rights": list(rights), "badge": 0, "object": obj,
                     "parent": None if parent is None else {"unit": parent, "handle": 1}})

    for i, u in enumerate(mdoc["units"]):
        name = u["name"]
        units.append({"id": 0x10001 + i, "name": name, "state": "running"})
        add(name, 0, "unit", capgraph.ALL_RIGHTS, "unit %d %s" % (0x10001 + i, name),
            parent=None)
        add(name, 1, "memory", ["READ", "WRITE"], "memory b%d" % i, {"flags": ["BUDGET"]})
        add(name, 2, "memory", ["READ"], "memory t%d" % i, {"flags": ["FRAMES"]})
    for u in mdoc["units"]:
        for k, c in enumerate(u["caps"]):
            kind, detail, obj = capgraph.KIND_OF[c["kind"]], None, None
            if c["kind"] in ("SERVE", "SELF"):
                obj = "endpoint %s.%d" % (u["name"], c["arg0"])
            elif c["kind"] == "CLIENT":
                server = "init" if c["arg0"] == capgraph.ROOT_SERVER else \
                    mdoc["units"][c["arg0"]]["name"]
                obj = "endpoint 1" if server == "init" else "endpoint %s.%d" % (server, c["arg1"])
            elif c["kind"] == "IOPORT":
                detail = {"base": c["arg0"], "count": c["arg1"]}
            elif c["kind"] == "IRQ":
                detail = {"line": c["arg0"]}
            elif c["kind"] == "DEVMEM":
                detail = {"flags": ["DEVICE"], "base": c["arg0"], "size": c["arg1"]}
            add(u["name"], 3 + k, kind, c["rights"], obj or "%s %s.%d" % (kind, u["name"], k),
                detail)
    for c in init_caps:
        c.update(handle=0x1000, badge=0, parent=None)
    return {"units": units, "objects": objects, "caps": init_caps + caps}


def find(snap, unit, kind, name_part=""):
    return next(c for c in snap["caps"] if c["unit"] == unit and c["kind"] == kind and
                name_part in c["object"])


class CheckTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.mdoc = capgraph.load_manifest(MANIFEST, IDLS)

    def fresh(self):
        return copy.deepcopy(synthetic(self.mdoc))

    def test_as_granted_passes(self):
        snap = self.fresh()
        self.assertEqual(capgraph.check(snap, self.mdoc), [])
        unchecked = [c for c in snap["caps"] if c["unit"] != "init" and "verdict" not in c]
        self.assertEqual(unchecked, [])

    def test_more_rights_found(self):
        snap = self.fresh()
        cap = find(snap, "shell", "endpoint", "console")
        cap["rights"].append("READ")
        bad = capgraph.check(snap, self.mdoc)
        self.assertEqual(len(bad), 1)
        self.assertEqual(bad[0][0], "shell")
        self.assertIn("rights RW---, the manifest grants -W---", bad[0][2])
        self.assertIn("penwidth=2", capgraph.live_dot(snap))

    def test_wrong_endpoint_found(self):
        snap = self.fresh()
        find(snap, "shell", "endpoint", "console")["object"] = "endpoint keyboard.0"
        bad = capgraph.check(snap, self.mdoc)
        self.assertEqual([(u, "not the endpoint console serves" in why) for u, _, why in bad],
                         [("shell", True)])

    def test_wrong_device_found(self):
        snap = self.fresh()
        obj = find(snap, "serial", "ioport")["object"]
        snap["objects"][obj]["base"] = 0x2f8
        bad = capgraph.check(snap, self.mdoc)
        self.assertEqual(len(bad), 1)
        self.assertIn("ports 0x2f8+8, the manifest says 0x3f8+8", bad[0][2])

    def test_capability_from_an_unwired_unit_found(self):
        snap = self.fresh()
        # console and devmgr neither call nor serve each other in the manifest
        snap["caps"].append({"unit": "console", "slot": 40, "handle": 0x1028,
                             "kind": "notification", "rights": ["WRITE"], "badge": 0,
                             "object": "notification x", "parent": {"unit": "devmgr",
                                                                    "handle": 0x1030}})
        snap["objects"]["notification x"] = {"kind": "notification"}
        bad = capgraph.check(snap, self.mdoc)
        self.assertEqual(len(bad), 1)
        self.assertIn("derived from a capability of devmgr, which the manifest does not wire "
                      "to console", bad[0][2])

    def test_own_and_passed_capabilities_pass(self):
        snap = self.fresh()
        snap["caps"] += [
            {"unit": "shell", "slot": 40, "handle": 0x1028, "kind": "channel",
             "rights": capgraph.ALL_RIGHTS, "badge": 0, "object": "channel y", "parent": None},
            {"unit": "shell", "slot": 41, "handle": 0x1029, "kind": "memory",
             "rights": ["READ"], "badge": 0, "object": "memory z",
             "parent": {"unit": "memory", "handle": 0x1010}}]
        snap["objects"].update({"channel y": {"kind": "channel"},
                                "memory z": {"kind": "memory", "flags": ["FRAMES"]}})
        self.assertEqual(capgraph.check(snap, self.mdoc), [])
        self.assertEqual([c["verdict"] for c in snap["caps"][-2:]], ["own", "passed by memory"])

    def test_missing_unit_found(self):
        snap = self.fresh()
        snap["units"] = [u for u in snap["units"] if u["name"] != "console"]
        bad = capgraph.check(snap, self.mdoc)
        self.assertIn(("console", None, "the manifest starts it, but it is not running"), bad)

    def test_manifest_drawing(self):
        dot = capgraph.manifest_dot(self.mdoc)
        self.assertIn('"u:shell" -> "e:console:keel.console.Console" [label="-W---\\nwrite', dot)
        self.assertIn('"u:serial" -> "r:serial:IOPORT:com1" [label="RW---"]', dot)
        self.assertIn('"u:keyboard" -> "e:keyboard:keel.keyboard.Keyboard" [label="serves"]',
                      dot)


class LiveTest(unittest.TestCase):
    def setUp(self):
        if not os.environ.get("CAPGRAPH_LIVE"):
            self.skipTest("with --live ISO ELF")

    def test_system_image_as_its_manifest_grants(self):
        from tools.devtools import qemu_gdb
        import json
        import tempfile
        mdoc = capgraph.load_manifest(MANIFEST, IDLS)
        iso, elf = os.environ["CAPGRAPH_LIVE"].split(":")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "snap.json")
            qemu_gdb.run_quiet(iso, elf, ["keel capsnapshot " + path],
                               keel_py=os.environ.get("KEEL_PY", qemu_gdb.KEEL_PY))
            with open(path) as f:
                snap = json.load(f)
            self.assertEqual(capgraph.check(snap, mdoc), [])
            root = capgraph.root_unit(snap)
            names = {u["name"] for u in snap["units"]}
            self.assertEqual(names, {u["name"] for u in mdoc["units"]} | {root})
            verdicts = [c.get("verdict") for c in snap["caps"] if c["unit"] != root]
            self.assertNotIn(None, verdicts)
            startup = sum(len(capgraph.STARTUP) + len(u["caps"]) for u in mdoc["units"])
            self.assertEqual(len([v for v in verdicts if v != "own" and
                                  not v.startswith("passed by")]), startup)
            svg = os.path.join(tmp, "graph.svg")
            capgraph.render(capgraph.live_dot(snap), svg)
            text = " ".join(t.text or "" for t in ET.parse(svg).iter()
                            if t.tag.endswith("text"))
            for name in names:
                self.assertIn(name, text)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--live":
        os.environ["CAPGRAPH_LIVE"] = sys.argv[2] + ":" + sys.argv[3]
        if len(sys.argv) >= 5:
            os.environ["KEEL_PY"] = sys.argv[4]
        sys.argv = sys.argv[:1]
    unittest.main()
