"""API lock files and `idlc compat`: every shipped interface in idl/ has an up-to-date lock
file and no unbumped breaking change against it; the checker flags each kind of break."""

import glob
import os
import tempfile
import unittest

import testlib
from codegen.idl import compat

BASE = """library t.c;
enum E : u8 { A = 1; }
@id(9) @version(VERSION)
interface I {
    1: get(x: u8) -> (y: u16) error E;
    @rights(WRITE)
    2: put(s: string<8>, c: cap<memory, READ>) -> ();
    reserved 3;
}
"""


def api(text):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.idl")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return compat.load_api(path)


class ShippedLocksTest(unittest.TestCase):
    def test_every_interface_has_a_current_lock(self):
        idls = sorted(glob.glob(testlib.repo_path("idl", "*.idl")))
        self.assertGreater(len(idls), 0)
        for path in idls:
            rel = os.path.relpath(path, testlib.ROOT)
            lock = path[:-4] + ".api.lock"
            with self.subTest(idl=rel):
                self.assertTrue(os.path.exists(lock), f"missing {lock}; run tools/idlc lock {rel}")
                old, new = compat.load_api(lock), compat.load_api(path)
                self.assertEqual(compat.unbumped_breaks(old, new), [],
                                 f"{rel} changed incompatibly: bump @version")
                with open(lock, encoding="utf-8") as fh:
                    self.assertEqual(fh.read(), compat.dump_api(new),
                                     f"{lock} is stale; run tools/idlc lock {rel}")


class CompatRulesTest(unittest.TestCase):
    def breaks(self, new_text, version="1"):
        old = api(BASE.replace("VERSION", "1"))
        new = api(new_text.replace("VERSION", version))
        return compat.breaking_changes(old, new), compat.unbumped_breaks(old, new)

    def assert_breaks(self, old_part, new_part, fragment):
        breaks, unbumped = self.breaks(BASE.replace(old_part, new_part))
        self.assertTrue(any(fragment in b for b in breaks), breaks)
        self.assertTrue(unbumped)
        _, unbumped = self.breaks(BASE.replace(old_part, new_part), version="2")
        self.assertEqual(unbumped, [])

    def test_unchanged(self):
        self.assertEqual(self.breaks(BASE), ([], []))

    def test_removed_method(self):
        self.assert_breaks("    1: get(x: u8) -> (y: u16) error E;\n", "",
                           "get (ordinal 1) removed")

    def test_renumbered(self):
        self.assert_breaks("1: get", "4: get", "renumbered from 1 to 4")

    def test_reserved_reused(self):
        old = "    2: put(s: string<8>, c: cap<memory, READ>) -> ();\n    reserved 3;"
        self.assert_breaks(old, old.replace("2: put", "3: put").replace("reserved 3;", ""),
                           "reserved ordinal 3 reused by put")

    def test_unreserved(self):
        self.assert_breaks("    reserved 3;\n", "", "no longer reserved")

    def test_changed_bound(self):
        self.assert_breaks("string<8>", "string<7>", "put changed its request")

    def test_changed_param_type(self):
        self.assert_breaks("x: u8", "x: u16", "get changed its request")

    def test_changed_error_enum(self):
        self.assert_breaks("A = 1;", "A = 1; B = 2;", "get changed its error")

    def test_cap_rights_reduced(self):
        self.assert_breaks("cap<memory, READ>", "cap<memory, WRITE>", "put changed its request")

    def test_more_caller_rights(self):
        self.assert_breaks("@rights(WRITE)", "@rights(WRITE|ADMIN)", "needs more caller rights")

    def test_interface_id(self):
        self.assert_breaks("@id(9)", "@id(10)", "interface id changed")

    def test_compatible_additions(self):
        text = BASE.replace("    reserved 3;", "    reserved 3, 5;\n    4: more() -> ();")
        self.assertEqual(self.breaks(text.replace("@rights(WRITE)\n", "")), ([], []))

    def test_version_going_down(self):
        old = api(BASE.replace("VERSION", "2"))
        new = api(BASE.replace("VERSION", "1"))
        self.assertTrue(compat.unbumped_breaks(old, new))


class CompatCliTest(unittest.TestCase):
    def test_lock_refuses_unbumped_break(self):
        with tempfile.TemporaryDirectory() as tmp:
            idl = os.path.join(tmp, "t.idl")
            with open(idl, "w", encoding="utf-8") as fh:
                fh.write(BASE.replace("VERSION", "1"))
            self.assertEqual(testlib.run_idlc("lock", idl)[0], 0)
            with open(idl, "w", encoding="utf-8") as fh:
                fh.write(BASE.replace("VERSION", "1").replace("x: u8", "x: u32"))
            status, _, err = testlib.run_idlc("lock", idl)
            self.assertEqual(status, 1)
            self.assertIn("E0403", err)
            status, out, _ = testlib.run_idlc("compat", idl[:-4] + ".api.lock", idl)
            self.assertEqual(status, 1)
            self.assertIn("get changed its request", out)

    def test_bad_lock_file(self):
        with tempfile.NamedTemporaryFile("w", suffix=".lock", delete=False) as fh:
            fh.write("not json")
        try:
            status, _, err = testlib.run_idlc("compat", fh.name, fh.name)
            self.assertEqual(status, 1)
            self.assertIn("E0402", err)
        finally:
            os.remove(fh.name)


if __name__ == "__main__":
    unittest.main()
