"""The manifest compiler on manifests that check: start order, module indices, startup
capabilities in table order with their rights and numbers, the golden C and JSON of
testdata/manifest/good.manifest, servers/system.manifest against idl/*.idl, and the errors
no single manifest can show (command line, files, IDL sets)."""

import glob
import json
import os
import re
import tempfile
import unittest

import manifestlib
import testlib

GOOD = "codegen/testdata/manifest/good.manifest"
GOOD_PROGRAMS = "app,store,sensor,minimal"
TEST_IDL_ARGS = manifestlib.idl_args(manifestlib.TEST_IDLS)


def gen(path, idl_args, programs, tmp):
    out_c, out_json = os.path.join(tmp, "m.c"), os.path.join(tmp, "m.json")
    status, out, err = manifestlib.run("gen", path, *idl_args, "--programs", programs,
                                       "-o", out_c, "--json", out_json)
    if status != 0:
        raise AssertionError(err)
    with open(out_c, encoding="utf-8") as c, open(out_json, encoding="utf-8") as j:
        return c.read(), json.loads(j.read())


def check(text, programs, idls=manifestlib.TEST_IDLS):
    """(status, stderr) of `check` on a manifest given as text."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.manifest")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        status, _, err = manifestlib.run("check", path, *manifestlib.idl_args(idls),
                                         "--programs", programs)
    return status, err


SERVER = "unit s {\n program s\n priority %d\n serves test.alltypes.Counter\n}\n"
CLIENT = "unit c {\n program c\n priority %d\n uses s test.alltypes.Counter rights %s\n}\n"


class GoodManifestTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with tempfile.TemporaryDirectory() as tmp:
            cls.c, cls.json = gen(GOOD, TEST_IDL_ARGS, GOOD_PROGRAMS, tmp)
        cls.units = {u["name"]: u for u in cls.json["units"]}

    def test_servers_start_before_clients(self):
        self.assertEqual([u["name"] for u in self.json["units"]],
                         ["minimal", "sensor", "store", "app"])
        self.assertEqual([u["badge"] for u in self.json["units"]], [1, 2, 3, 4])

    def test_module_is_one_plus_position_in_programs(self):
        self.assertEqual({n: u["module"] for n, u in self.units.items()},
                         {"app": 1, "store": 2, "sensor": 3, "minimal": 4})

    def test_caps_in_table_order(self):
        caps = [(c["kind"], c["name"], c["rights"], c["arg0"], c["arg1"])
                for c in self.units["store"]["caps"]]
        self.assertEqual(caps, [
            ("SERVE", "test.alltypes.Everything", ["READ"], 0, 0),
            ("SELF", "test.alltypes.Everything", ["WRITE"], 0, 0),
            ("SERVE", "test.alltypes.Counter", ["READ"], 1, 0),
            ("SELF", "test.alltypes.Counter", ["WRITE"], 1, 0),
            ("IOPORT", "uart", ["READ", "WRITE"], 0x2f8, 8),
            ("IRQ", "uart", ["WRITE"], 3, 1),
            ("IRQ_NOTIFY", "uart", ["READ"], 3, 1),
            ("IRQ", "bus", ["WRITE", "GRANT"], 5, 1),  # admin: handed on
            ("IRQ_NOTIFY", "bus", ["READ", "GRANT"], 5, 1),
            ("DEVMEM", "fb", ["READ", "WRITE", "GRANT", "ADMIN"], 0xa0000, 0x10000),  # admin
            ("CLIENT", "test.events.Sensor", ["READ", "WRITE"], 1, 0),
        ])

    def test_client_caps_name_server_index_and_endpoint(self):
        caps = [(c["name"], c["rights"], c["arg0"], c["arg1"], c["line"])
                for c in self.units["app"]["caps"]]
        # Every client capability carries WRITE besides the wiring's rights: the kernel
        # needs it to send at all.
        self.assertEqual(caps, [("test.events.Sensor", ["READ", "WRITE"], 1, 0, 11),
                                ("test.alltypes.Counter", ["WRITE"], 2, 1, 12),
                                ("test.minimal.Minimal", ["READ", "WRITE"], 0, 0, 13)])

    def test_settings_and_defaults(self):
        app, store, sensor = self.units["app"], self.units["store"], self.units["sensor"]
        self.assertEqual((app["priority"], app["max_priority"], app["memory_frames"],
                          app["threads"], app["restart"]["policy"]), (50, 60, 128, 2, "never"))
        self.assertEqual(store["restart"], {"policy": "always", "limit": 3, "window_ms": 500})
        self.assertEqual((store["regions"], app["regions"]), (9, 4))  # `regions`, default
        self.assertEqual((store["cpu"], app["cpu"]), (1, None))  # `cpu`; default: least loaded
        self.assertIn(".cpu = 2u,", self.c)  # init passes UNIT_START_CPU(cpu field - 1)
        self.assertEqual((sensor["memory_frames"], sensor["threads"], sensor["restart"]),
                         (64, 4, {"policy": "always", "limit": 5, "window_ms": 10000}))

    def test_wiring_records_allowed_methods(self):
        wiring = {(w["client"], w["interface"]): w for w in self.json["wiring"]}
        oneway = wiring[("sensor", "test.alltypes.Counter")]
        self.assertEqual((oneway["methods"], oneway["two_way"]), (["reset"], False))
        sensor = wiring[("app", "test.events.Sensor")]
        self.assertEqual((sensor["methods"], sensor["two_way"]), (["subscribe", "poke"], True))
        self.assertTrue(wiring[("app", "test.minimal.Minimal")]["allow_inversion"])

    def test_golden_c_and_json(self):
        for name, got in (("good.c", self.c), ("good.json", json.dumps(self.json, indent=2,
                                                                        sort_keys=True) + "\n")):
            with self.subTest(name=name):
                with open(testlib.repo_path("codegen/testdata/manifest", name),
                          encoding="utf-8") as fh:
                    self.assertEqual(got, fh.read(), f"regenerate with tools/manifest gen "
                                     f"{GOOD} ... (see this test)")

    def test_output_is_deterministic_and_has_no_absolute_path(self):
        with tempfile.TemporaryDirectory() as tmp:
            again, _ = gen(GOOD, TEST_IDL_ARGS, GOOD_PROGRAMS, tmp)
        self.assertEqual(again, self.c)
        self.assertNotIn(testlib.ROOT, self.c)
        self.assertIn('.source = "codegen/testdata/manifest/good.manifest"', self.c)


def real_idls():
    """idl/*.idl, workspace-relative."""
    return sorted(os.path.relpath(p, testlib.ROOT)
                  for p in glob.glob(testlib.repo_path("idl", "*.idl")))


class SystemManifestTest(unittest.TestCase):
    def test_system_manifest_checks_against_the_real_idl(self):
        idls = manifestlib.idl_args(real_idls())
        with tempfile.TemporaryDirectory() as tmp:
            _, doc = gen("servers/system.manifest", idls, manifestlib.SYSTEM_PROGRAMS, tmp)
        order = [u["name"] for u in doc["units"]]
        self.assertEqual(order[-1], "shell")
        for w in doc["wiring"]:
            if w["server"] != "init":  # init serves the supervisor from the start
                self.assertLess(order.index(w["server"]), order.index(w["client"]), w)
        shell = doc["units"][-1]
        self.assertEqual([(c["kind"], c["name"], c["rights"], c["arg0"]) for c in shell["caps"]], [
            ("CLIENT", "keel.console.Console", ["WRITE"], order.index("console")),
            ("CLIENT", "keel.keyboard.Keyboard", ["READ", "WRITE"], order.index("keyboard")),
            ("CLIENT", "keel.serial.Serial", ["READ", "WRITE"], order.index("serial")),
            ("CLIENT", "keel.devmgr.DeviceManager", ["READ", "WRITE"], order.index("devmgr")),
            ("CLIENT", "keel.memory.Memory", ["READ", "WRITE", "ADMIN"], order.index("memory")),
            ("CLIENT", "keel.supervisor.Supervisor", ["READ", "WRITE", "ADMIN"], 0xFF),
        ])
        # What the device manager hands on keeps GRANT; nothing else any unit holds does.
        granted = sorted((u["name"], c["kind"], c["name"]) for u in doc["units"]
                         for c in u["caps"] if "GRANT" in c["rights"])
        self.assertEqual(granted, sorted(
            [("devmgr", "IOPORT", "pci_io"), ("devmgr", "DEVMEM", "pci_mem")] +
            [("devmgr", kind, f"pci{line}") for line in (9, 10, 11)
             for kind in ("IRQ", "IRQ_NOTIFY")]))


class DocExamplesTest(unittest.TestCase):
    def test_manifests_shown_in_docs_check(self):
        """Every manifest shown in docs/system.md checks against idl/*.idl."""
        from check_all_test import fenced_blocks

        with open(testlib.repo_path("docs", "system.md"), encoding="utf-8") as fh:
            blocks = [b for b in fenced_blocks(fh.read()) if b.startswith("unit ")]
        self.assertTrue(blocks)
        for k, block in enumerate(blocks):
            with self.subTest(block=k):
                programs = re.findall(r"^\s*program (\S+)", block, re.M)
                status, err = check(block, ",".join(programs), real_idls())
                self.assertEqual((status, err), (0, ""))


class CallGraphTest(unittest.TestCase):
    def test_oneway_only_call_may_go_to_a_lower_priority(self):
        status, err = check(SERVER % 10 + CLIENT % (200, "READ methods reset"), "s,c")
        self.assertEqual((status, err), (0, ""))

    def test_two_way_call_to_a_lower_priority_fails(self):
        status, err = check(SERVER % 10 + CLIENT % (200, "WRITE"), "s,c")
        self.assertEqual(status, 1)
        self.assertIn("error M0501 priority-inversion", err)
        self.assertIn("note: unit s's priority", err)

    def test_cycle_names_every_edge_and_its_line(self):
        status, _, err = manifestlib.run(
            "check", "codegen/testdata/bad_manifest/three_cycle.manifest", *TEST_IDL_ARGS,
            "--programs", "a,b,c")
        self.assertEqual(status, 1)
        self.assertIn("cycle: a -> b (line 7) -> c (line 13) -> a (line 19)", err)
        self.assertEqual(err.count(": note: "), 3)

    def test_conflict_names_both_lines(self):
        status, _, err = manifestlib.run(
            "check", "codegen/testdata/bad_manifest/irq_conflict.manifest", *TEST_IDL_ARGS,
            "--programs", "a,b")
        self.assertEqual(status, 1)
        self.assertIn("bad_manifest/irq_conflict.manifest:6:14: note: irq com1 is given here",
                      err)


class EmptyManifestTest(unittest.TestCase):
    def test_no_units_give_an_empty_table(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "empty.manifest")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write("# no units\n")
            c, doc = gen(path, [], "", tmp)
        self.assertIn("\t.nunits = 0u,\n\t.units = NULL,\n", c)
        self.assertNotIn("units[]", c)
        self.assertEqual((doc["units"], doc["wiring"]), ([], []))


class MutationTest(unittest.TestCase):
    def test_mutants_get_a_diagnostic_never_a_traceback(self):
        """Every line of good.manifest deleted or doubled, every word replaced by something
        malformed: each mutant checks or fails with an id other than M0900."""
        with open(testlib.repo_path(GOOD), encoding="utf-8") as fh:
            src = fh.read()
        lines = src.split("\n")
        mutants = ["\n".join(lines[:i] + lines[i + 1:]) for i in range(len(lines))]
        mutants += ["\n".join(lines[:i + 1] + lines[i:]) for i in range(len(lines))]
        for m in re.finditer(r"[^\s#]+", src):
            for word in ("", "0x", "x" * 40, "{", "}", "|", "4294967296", "-1", "READ"):
                mutants.append(src[:m.start()] + word + src[m.end():])
        for k, text in enumerate(mutants):
            status, err = check(text, GOOD_PROGRAMS)
            self.assertIn(status, (0, 1), f"mutant {k}: {err}")
            self.assertNotIn("Traceback", err, f"mutant {k}")
            self.assertNotIn("M0900", err, f"mutant {k}: {err}")
            self.assertEqual(status == 0, err == "", f"mutant {k}: {err}")


class ErrorsOutsideTheCorpusTest(unittest.TestCase):
    def test_rights_that_allow_no_method(self):
        idl = ("library test.only;\n\n@id(0x7001) @version(1)\ninterface Only {\n"
               "    @rights(READ)\n    1: get() -> ();\n}\n")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "only.idl")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(idl)
            text = ("unit s {\n program s\n priority 10\n serves test.only.Only\n}\n"
                    "unit c {\n program c\n priority 5\n uses s test.only.Only rights WRITE\n}\n")
            status, err = check(text, "s,c", [path])
        self.assertEqual(status, 1)
        self.assertIn(":9:31: error M0307 no-method-allowed", err)

    def test_boot_program_no_unit_runs(self):
        status, err = check(SERVER % 10, "s,extra")
        self.assertEqual(status, 1)
        self.assertIn("error M0308 unused-program: boot program extra", err)

    def test_unreadable_manifest(self):
        status, _, err = manifestlib.run("check", "codegen/testdata/nope.manifest",
                                         "--programs", "a")
        self.assertEqual(status, 1)
        self.assertIn("error M0601 cannot-read-file", err)

    def test_unwritable_output(self):
        status, _, err = manifestlib.run("gen", GOOD, *TEST_IDL_ARGS, "--programs",
                                         GOOD_PROGRAMS, "-o", "/nonexistent/dir/m.c")
        self.assertEqual(status, 1)
        self.assertIn("error M0602 cannot-write-file", err)

    def test_interface_in_two_idl_files(self):
        status, err = check(SERVER % 10, "s", manifestlib.TEST_IDLS + [
            "codegen/testdata/alltypes.idl"])
        self.assertEqual(status, 1)
        self.assertIn("error M0603 duplicate-interface", err)

    def test_bad_program_lists(self):
        for programs, what in (("s,s", "given twice"), ("s,", "not a program name"),
                               ("s,a b", "not a program name")):
            with self.subTest(programs=programs):
                status, err = check(SERVER % 10, programs)
                self.assertEqual(status, 1)
                self.assertIn("error M0604 bad-program-list", err)
                self.assertIn(what, err)

    def test_bad_idl_reports_idlc_error(self):
        status, err = check(SERVER % 10, "s", ["codegen/testdata/bad/bound_zero.idl"])
        self.assertEqual(status, 1)
        self.assertRegex(err, r"^codegen/testdata/bad/bound_zero.idl:\d+:\d+: error E\d{4}")
        self.assertNotIn("Traceback", err)


if __name__ == "__main__":
    unittest.main()
