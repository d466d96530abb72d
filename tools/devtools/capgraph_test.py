"""Tests of the capability graph's check and drawings (tools/devtools/capgraph.py).

Host tests build a snapshot the way init lays out the system manifest's tables (every
capability as granted) and check it passes, then break it one way at a time (more rights, the
wrong endpoint, a capability from a unit the manifest does not wire, a unit missing) and
check each is found; the shell's `capsnap` lines become the same snapshot (one object per
kernel object, parents by unit name). With --live ISO, the real system image is booted, its
shell asked for `capsnap` on the serial line (the supervisor and SYS_CAP_LIST, no gdb), and
the snapshot must pass the same check in full and draw every unit, each shared endpoint as
one node and the derivation edges; with --live ISO ELF KEEL_PY, it must also agree with the
snapshot gdb reads from kernel memory (tools/gdb/keel.py) on every startup capability.
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
             "parent": {"unit": "memory", "handle": 0x1010}},
            {"unit": "shell", "slot": 42, "handle": 0x102a, "kind": "memory",
             "rights": ["READ"], "badge": 0, "object": "memory z", "parent": {"queued": True}}]
        snap["objects"].update({"channel y": {"kind": "channel"},
                                "memory z": {"kind": "memory", "flags": ["FRAMES"]}})
        self.assertEqual(capgraph.check(snap, self.mdoc), [])
        self.assertEqual([c["verdict"] for c in snap["caps"][-3:]], [
            "own", "passed by memory", "derived from a capability in a channel's queue"])
        self.assertIn('"u:shell" -> "memory z"', capgraph.live_dot(snap))

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


CAPSNAP = """keel> capsnap
capsnap: unit 255 init running
capsnap: cap 255 0 6 0x1f 65536 0x0 0 0 0x0 0x0
capsnap: cap 255 8 1 0x1f 65536 0x0 0 0 0x0 0x0
capsnap: unit 0 serial running
capsnap: cap 0 0 6 0x1f 65537 0x0 0 0 0x0 0x0
capsnap: cap 0 3 1 0x1 65537 0x0 0 0 0x0 0x0
capsnap: cap 0 9 1 0x2 65536 0x6 65536 8 0x0 0x0
capsnap: cap 0 10 5 0x3 65540 0x0 65536 3 0x3f8 0x8
capsnap: cap 0 11 4 0x2 65537 0x0 65536 2 0x4 0x0
capsnap: cap 0 12 3 0x3 65560 0x0 65536 5 0xfd000000 0x4000
capsnap: unit 1 shell restarting
capsnap: unit 2 console running
capsnap: cap 2 0 6 0x1f 65539 0x0 0 0 0x0 0x0
capsnap: cap 2 4 1 0x2 65536 0x7 65536 8 0x0 0x0
capsnap: cap 2 5 8 0x1b 65538 0x0 65537 7 0x0 0x0
capsnap: cap 2 6 1 0x2 65536 0x0 0 65535 0x0 0x0
capsnap: end 4 units, 12 capabilities
"""


class CapsnapTest(unittest.TestCase):
    def test_lines_become_a_snapshot(self):
        snap = capgraph.parse_capsnap(CAPSNAP)
        self.assertEqual(capgraph.root_unit(snap), "init")
        self.assertEqual(snap["units"], [
            {"id": 65536, "name": "init", "state": "running"},
            {"id": 65537, "name": "serial", "state": "running"},
            {"id": 0, "name": "shell", "state": "restarting"},
            {"id": 65539, "name": "console", "state": "running"}])
        by = {(c["unit"], c["slot"]): c for c in snap["caps"]}
        self.assertEqual(by[("init", 0)]["object"], "unit 65536 init")
        self.assertEqual(by[("serial", 9)]["object"], "endpoint 65536")
        self.assertEqual(by[("console", 4)]["object"], "endpoint 65536")  # one object, two holders
        self.assertEqual(by[("serial", 9)]["rights"], ["WRITE"])
        self.assertEqual(by[("serial", 9)]["badge"], 6)
        self.assertEqual(by[("console", 4)]["parent"], {"unit": "init", "handle": 8})
        self.assertEqual(by[("console", 5)]["parent"], {"unit": "serial", "handle": 7})
        self.assertIsNone(by[("serial", 3)]["parent"])
        self.assertEqual(by[("console", 6)]["parent"], {"queued": True})  # in a channel
        self.assertEqual(snap["objects"]["endpoint 65536"], {"kind": "endpoint"})
        self.assertEqual(snap["objects"]["ioport 65540"],
                         {"kind": "ioport", "base": 0x3f8, "count": 8})
        self.assertEqual(snap["objects"]["irq 65537"], {"kind": "irq", "line": 4})
        self.assertEqual(snap["objects"]["memory 65560"], {"kind": "memory", "flags": ["DEVICE"],
                                                           "base": 0xfd000000, "size": 0x4000})
        dot = capgraph.live_dot(snap, with_root=True)
        self.assertEqual(dot.count('\n  "endpoint 65536" ['), 1)  # one node
        self.assertIn('"u:serial" -> "endpoint 65536"', dot)
        self.assertIn('"u:console" -> "endpoint 65536"', dot)
        self.assertIn('"u:init" -> "u:console" [style=dashed', dot)

    def test_lost_lines_refused(self):
        with self.assertRaisesRegex(capgraph.CapgraphError, "12 capabilities, 4 and 11 arrived"):
            capgraph.parse_capsnap(CAPSNAP.replace("capsnap: cap 0 3", "capsnap: cap 0 3 x"))
        with self.assertRaisesRegex(capgraph.CapgraphError, "no complete capsnap block"):
            capgraph.parse_capsnap(CAPSNAP.replace("capsnap: end", "capsnap: e"))


class LiveTest(unittest.TestCase):
    def setUp(self):
        if not os.environ.get("CAPGRAPH_LIVE"):
            self.skipTest("with --live ISO")

    def test_system_image_as_its_manifest_grants(self):
        from tools.devtools import qemu_serial
        import tempfile
        mdoc = capgraph.load_manifest(MANIFEST, IDLS)
        out = qemu_serial.run_commands(os.environ["CAPGRAPH_LIVE"],
                                       [("capsnap\r", capgraph.CAPSNAP_DONE)])
        snap = capgraph.parse_capsnap(out[0])
        self.assertEqual(capgraph.check(snap, mdoc), [])
        root = capgraph.root_unit(snap)
        names = {u["name"] for u in snap["units"]}
        self.assertEqual(names, {u["name"] for u in mdoc["units"]} | {root})
        verdicts = [c.get("verdict") for c in snap["caps"] if c["unit"] != root]
        self.assertNotIn(None, verdicts)
        startup = sum(len(capgraph.STARTUP) + len(u["caps"]) for u in mdoc["units"])
        self.assertEqual(len([v for v in verdicts if v != "own" and
                              not v.startswith("passed by")]), startup)
        # Every client of the serial server holds the one endpoint serial serves on.
        serve = next(c["object"] for c in snap["caps"] if c["unit"] == "serial" and
                     c["slot"] == len(capgraph.STARTUP))
        holders = {c["unit"] for c in snap["caps"] if c["object"] == serve}
        clients = {w["client"] for w in mdoc["wiring"] if w["server"] == "serial"}
        self.assertTrue(clients and clients | {"serial", root} <= holders, holders)
        dot = capgraph.live_dot(snap)
        self.assertEqual(dot.count("\n  %s [" % capgraph.q(serve)), 1)  # one node
        for client in clients:
            self.assertIn("%s -> %s" % (capgraph.q("u:" + client), capgraph.q(serve)), dot)
        for u in mdoc["units"]:  # init derived each unit's startup capabilities
            self.assertIn('"u:%s" -> "u:%s" [style=dashed' % (root, u["name"]), dot)
        with tempfile.TemporaryDirectory() as tmp:
            svg = os.path.join(tmp, "graph.svg")
            capgraph.render(dot, svg)
            text = " ".join(t.text or "" for t in ET.parse(svg).iter()
                            if t.tag.endswith("text"))
        for name in names - {root}:
            self.assertIn(name, text)


    def test_capsnap_agrees_with_kernel_memory(self):
        """What SYS_CAP_LIST says, against what gdb reads from kernel memory in another boot
        of the same image, over what boots lay out alike: every unit's startup capabilities
        (kind, rights, badge, device numbers, which of them share an object, and the unit and
        slot each was derived from)."""
        from tools.devtools import qemu_gdb, qemu_serial
        import json
        import tempfile
        if not os.environ.get("CAPGRAPH_ELF"):
            self.skipTest("with --live ISO ELF KEEL_PY")
        mdoc = capgraph.load_manifest(MANIFEST, IDLS)
        out = qemu_serial.run_commands(os.environ["CAPGRAPH_LIVE"],
                                       [("capsnap\r", capgraph.CAPSNAP_DONE)])
        mine = capgraph.parse_capsnap(out[0])
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "snap.json")
            qemu_gdb.run_quiet(os.environ["CAPGRAPH_LIVE"], os.environ["CAPGRAPH_ELF"],
                               ["keel capsnapshot " + path], keel_py=os.environ["KEEL_PY"])
            with open(path) as f:
                gdbs = json.load(f)
        startup = {u["name"]: len(capgraph.STARTUP) + len(u["caps"]) for u in mdoc["units"]}
        self.assertEqual(startup_view(gdbs, startup), startup_view(mine, startup))


def startup_view(snap, startup):
    """The startup capabilities of snap by (unit, slot), with the root task called init and
    objects replaced by the set of startup slots naming them."""
    root = capgraph.root_unit(snap)
    name = {root: "init"}
    caps = {(name.get(c["unit"], c["unit"]), c["slot"]): c for c in snap["caps"]
            if c["slot"] < startup.get(c["unit"], 0)}
    holders = {}
    for key, c in caps.items():
        holders.setdefault(c["object"], set()).add(key)
    view = {}
    for key, c in caps.items():
        obj = snap["objects"][c["object"]]
        p = c["parent"]
        view[key] = (c["kind"], sorted(c["rights"]), c["badge"], sorted(holders[c["object"]]),
                     {k: obj[k] for k in ("base", "count", "line", "size") if k in obj and
                      (c["kind"] != "memory" or "DEVICE" in obj.get("flags", []))},
                     p and (name.get(p["unit"], p["unit"]), p["handle"] & 0xfff))
    return view


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--live":
        os.environ["CAPGRAPH_LIVE"] = sys.argv[2]
        if len(sys.argv) >= 5:
            os.environ["CAPGRAPH_ELF"], os.environ["KEEL_PY"] = sys.argv[3], sys.argv[4]
        sys.argv = sys.argv[:1]
    unittest.main()
