"""Compatibility: the rules of `idlc compat` (wire and source breaks, each reported once and
in words, renames of parameters compatible), lock files (validated key by key, fuzzed), the
interface id registry and `idlc verify` as each idl_library's api test runs it."""

import copy
import json
import os
import random
import shutil
import tempfile
import unittest

import testlib
from codegen.idl import compat, lockfile

BASE = """library t.c;
const MAX: u8 = 8;
enum E : u8 { A = 1; }
struct P { x: u8; y: u8; }
@id(9) @version(VERSION)
interface I {
    1: get(x: u8) -> (y: u16) error E;
    @rights(WRITE)
    2: put(s: string<MAX>, c: cap<memory, READ>, p: P) -> ();
    reserved 3;
    4: event changed(p: P);
}
@id(10) @version(1)
interface J {
    1: ping() -> ();
}
"""


def api(text):
    tmp = tempfile.mkdtemp()
    try:
        path = os.path.join(tmp, "t.idl")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        return lockfile.load(path)
    finally:
        shutil.rmtree(tmp)


class CompatRulesTest(unittest.TestCase):
    def compare(self, new_text, version="1"):
        old = api(BASE.replace("VERSION", "1"))
        new = api(new_text.replace("VERSION", version))
        changes = compat.compare(old, new)
        return changes, compat.unbumped(old, new, changes)

    def assert_change(self, old_part, new_part, kind, fragment, needs_bump=True):
        """old_part -> new_part gives exactly one change of that kind mentioning fragment."""
        text = BASE.replace(old_part, new_part)
        self.assertNotEqual(text, BASE, "the replacement did not apply")
        changes, unbumped = self.compare(text)
        hits = [c for c in changes if fragment in c.text]
        self.assertEqual(len(hits), 1, [c.text for c in changes])
        self.assertEqual(hits[0].kind, kind, hits[0].text)
        for c in changes:
            self.assertNotIn("[[", c.text)  # words, not Python lists
        if needs_bump:
            self.assertTrue(unbumped, "a break needs a version bump")
            self.assertEqual(self.compare(text, version="2")[1], [])
        else:
            self.assertEqual(unbumped, [])
        return changes

    def test_unchanged(self):
        self.assertEqual(self.compare(BASE), ([], []))

    def test_compatible_additions(self):
        text = BASE.replace("    reserved 3;", "    reserved 3, 5;\n    6: more() -> ();\n"
                            "    7: event extra(x: u8);")
        text = text.replace("enum E : u8 { A = 1; }", "enum E : u8 { A = 1; }\nenum F : u8 { Z = 1; }")
        self.assertEqual(self.compare(text), ([], []))

    def test_removed_method(self):
        self.assert_change("    1: get(x: u8) -> (y: u16) error E;\n", "", "wire",
                           "I.get: method (ordinal 1) removed")

    def test_removed_method_with_ordinal_reserved(self):
        self.assert_change("    1: get(x: u8) -> (y: u16) error E;\n", "    reserved 1;\n",
                           "wire", "(its ordinal is reserved)")

    def test_renumbered(self):
        self.assert_change("1: get", "5: get", "wire", "renumbered from 1 to 5")

    def test_reserved_reused(self):
        self.assert_change("    reserved 3;", "    3: again() -> ();", "wire",
                           "reserved ordinal 3 reused by method again")

    def test_unreserved(self):
        self.assert_change("    reserved 3;\n", "", "wire", "ordinal 3 is no longer reserved")

    def test_changed_bound(self):
        self.assert_change("const MAX: u8 = 8;", "const MAX: u8 = 7;", "wire",
                           "I.put: parameter s is string<7>, was string<8>")

    def test_changed_param_type(self):
        self.assert_change("get(x: u8)", "get(x: u16)", "wire",
                           "I.get: parameter x is u16, was u8")

    def test_new_enum_member_is_one_line(self):
        changes = self.assert_change("A = 1; }", "A = 1; B = 2; }", "wire",
                                     "enum E: member B = 2 added")
        self.assertEqual(len([c for c in changes if c.kind != "compatible"]), 1)

    def test_struct_change_reported_once_for_all_its_users(self):
        changes = self.assert_change("y: u8; }", "y: u16; }", "wire", "struct P: field y is u16")
        self.assertIn("used by I.changed, I.put", changes[0].text)
        self.assertEqual(len(changes), 1, [c.text for c in changes])

    def test_cap_rights_changed(self):
        self.assert_change("cap<memory, READ>", "cap<memory, WRITE>", "wire",
                           "parameter c is cap<memory, WRITE>, was cap<memory, READ>")

    def test_more_caller_rights(self):
        self.assert_change("@rights(WRITE)", "@rights(WRITE|ADMIN)", "wire",
                           "callers now need ADMIN")

    def test_fewer_caller_rights_is_compatible(self):
        self.assert_change("    @rights(WRITE)\n", "", "compatible",
                           "callers no longer need WRITE", needs_bump=False)

    def test_interface_id(self):
        self.assert_change("@id(9)", "@id(11)", "wire", "id changed from 0x0009 to 0x000b")

    def test_oneway_switch(self):
        self.assert_change("2: put(s: string<MAX>, c: cap<memory, READ>, p: P) -> ();",
                           "2: oneway put(s: string<MAX>, c: cap<memory, READ>, p: P);",
                           "wire", "changed from two-way to oneway")

    def test_error_enum_changed(self):
        self.assert_change(") error E;", ");", "wire", "error enum is none, was E")

    def test_parameter_and_result_renames_are_compatible(self):
        changes = self.assert_change("get(x: u8) -> (y: u16)", "get(z: u8) -> (w: u16)",
                                     "compatible", "parameter x renamed to z", needs_bump=False)
        self.assertEqual({c.kind for c in changes}, {"compatible"})

    def test_library_rename_is_a_source_break_for_every_interface(self):
        changes, unbumped = self.compare(BASE.replace("library t.c;", "library t.d;"))
        self.assertEqual([(c.kind, c.ifaces) for c in changes], [("source", ("I", "J"))])
        self.assertIn("every generated C name changes", changes[0].text)
        self.assertEqual(len(unbumped), 2)

    def test_interface_renamed_with_the_same_id(self):
        self.assert_change("interface I {", "interface K {", "source",
                           "interface I renamed to K (same id 0x0009)")

    def test_method_renamed_with_the_same_ordinal(self):
        self.assert_change("1: get(", "1: fetch(", "source", "I.get: method renamed to fetch")

    def test_type_renamed_is_one_source_break(self):
        text = BASE.replace("struct P {", "struct Q {").replace(": P)", ": Q)")
        changes, _ = self.compare(text)
        self.assertEqual([c.text for c in changes],
                         ["type P renamed to Q: C code naming it breaks (the wire is unchanged)"])

    def test_field_and_member_renames_are_source_breaks(self):
        self.assert_change("{ x: u8;", "{ xx: u8;", "source", "struct P: field x renamed to xx")
        self.assert_change("A = 1;", "AA = 1;", "source", "member A = 1 renamed to AA")

    def test_constant_change_needs_a_bump(self):
        text = BASE.replace("interface J {\n", "interface J {\n").replace(
            "const MAX: u8 = 8;", "const MAX: u8 = 8;\nconst OTHER: u8 = 1;")
        old = api(text.replace("VERSION", "1"))
        new = api(text.replace("VERSION", "1").replace("OTHER: u8 = 1", "OTHER: u8 = 2"))
        changes = compat.compare(old, new)
        self.assertEqual([c.kind for c in changes], ["source"])
        self.assertIn("constant OTHER changed from u8 1 to u8 2", changes[0].text)
        self.assertTrue(compat.unbumped(old, new, changes))

    def test_events(self):
        self.assert_change("    4: event changed(p: P);\n", "", "wire",
                           "I.changed: event (ordinal 4) removed")
        self.assert_change("event changed(p: P)", "event changed(p: P, q: u8)", "wire",
                           "I.changed: 2 parameters, was 1")
        self.assert_change("4: event changed(p: P);", "4: changed(p: P) -> ();", "wire",
                           "ordinal 4 was event changed, is now method changed")

    def test_version_going_down(self):
        old = api(BASE.replace("VERSION", "2"))
        new = api(BASE.replace("VERSION", "1"))
        self.assertEqual(compat.unbumped(old, new, compat.compare(old, new)),
                         ["interface I: @version went down from 2 to 1"])


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="idlc-compat-")
        self.idl = os.path.join(self.tmp, "t.idl")
        self.write(BASE.replace("VERSION", "1"))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, text, path=None):
        with open(path or self.idl, "w", encoding="utf-8") as fh:
            fh.write(text)

    def test_lock_refuses_an_unbumped_break_and_says_what_to_do(self):
        self.assertEqual(testlib.run_idlc("lock", self.idl)[0], 0)
        self.write(BASE.replace("VERSION", "1").replace("get(x: u8)", "get(x: u32)"))
        status, _, err = testlib.run_idlc("lock", self.idl)
        self.assertEqual(status, 1)
        lines = err.splitlines()
        self.assertEqual(lines[0], "wire break: I.get: parameter x is u32, was u8")
        self.assertIn("interface I: 1 breaking change(s) but @version is still 1; make it 2",
                      lines)
        self.assertIn("E0403", lines[-1])
        status, out, _ = testlib.run_idlc("compat", self.idl[:-4] + ".api.lock", self.idl)
        self.assertEqual(status, 1)
        self.assertTrue(out.startswith("wire break: I.get: parameter x is u32, was u8\n"), out)
        self.write(BASE.replace("VERSION", "2").replace("get(x: u8)", "get(x: u32)"))
        self.assertEqual(testlib.run_idlc("lock", self.idl)[0], 0)

    def test_compat_says_compatible(self):
        status, out, _ = testlib.run_idlc("compat", self.idl, self.idl)
        self.assertEqual((status, out), (0, "compatible\n"))

    def test_bad_lock_files_are_e0402_naming_the_problem(self):
        good = json.loads(lockfile.dump(api(BASE.replace("VERSION", "1"))))
        cases = {
            "not json": ("{", "is not a lock file"),
            "no interfaces": (json.dumps({k: v for k, v in good.items() if k != "interfaces"}),
                              "lacks interfaces"),
            "old format": (json.dumps(dict(good, format=1)), "lock --force"),
            "bad ordinal": (json.dumps(self.mutated(good, ["interfaces", "I", "methods", "get",
                                                           "ordinal"], "one")),
                            "interfaces.I.methods.get.ordinal must be an integer"),
            "unknown type": (json.dumps(self.mutated(good, ["interfaces", "I", "events",
                                                            "changed", "params"],
                                                     [["p", "Nope"]])),
                             "names type 'Nope'"),
            "two-way without reply": (json.dumps(self.mutated(good, ["interfaces", "J",
                                                                     "methods", "ping",
                                                                     "reply"], None)),
                                      "interfaces.J.methods.ping.reply must be a list"),
        }
        for what, (text, fragment) in cases.items():
            with self.subTest(what=what):
                lock = os.path.join(self.tmp, "x.api.lock")
                self.write(text, lock)
                status, _, err = testlib.run_idlc("compat", lock, self.idl)
                self.assertEqual(status, 1)
                self.assertIn("error E0402 bad-lock-file", err)
                self.assertIn(fragment, err)

    @staticmethod
    def mutated(data, path, value):
        data = copy.deepcopy(data)
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return data

    def test_lock_and_compat_survive_random_lock_files(self):
        """A seeded fuzz of lock files: every mutant is read as a lock or refused with E0402;
        compat against the source never crashes (E0900)."""
        rng = random.Random(1234)
        good = json.loads(lockfile.dump(api(BASE.replace("VERSION", "1"))))
        values = [None, 0, -1, 1 << 70, "", "x", "array<P, 999999999>", "cap<", [], {}, [[]],
                  ["a"], True, 3.5, "string<8>", "Nope", {"kind": "enum"}]
        lock = os.path.join(self.tmp, "fuzz.api.lock")
        for _ in range(600):
            data = copy.deepcopy(good)
            for _ in range(rng.choice([1, 1, 2, 3])):
                self.mutate(rng, data, values)
            for argv in (("compat", lock, self.idl), ("compat", self.idl, lock),
                         ("lock", self.idl, "-o", lock)):
                self.write(json.dumps(data), lock)
                status, out, err = testlib.run_idlc(*argv)
                self.assertIn(status, (0, 1), err)
                self.assertNotIn("E0900", err + out, json.dumps(data)[:2000])
                self.assertNotIn("Traceback", err)

    @staticmethod
    def mutate(rng, data, values):
        node, parent, key = data, None, None
        for _ in range(rng.randrange(1, 7)):
            if isinstance(node, dict) and node:
                parent, key = node, rng.choice(sorted(node))
            elif isinstance(node, list) and node:
                parent, key = node, rng.randrange(len(node))
            else:
                break
            node = parent[key]
        if parent is None:
            return
        if isinstance(parent, dict) and rng.random() < 0.3:
            del parent[key]
        else:
            parent[key] = copy.deepcopy(rng.choice(values))


class RegistryAndVerifyTest(unittest.TestCase):
    """`idlc ids` over a workspace and `idlc verify` as the api test runs it."""

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="idlc-ws-")
        self.cwd = os.getcwd()
        open(os.path.join(self.root, "WORKSPACE"), "w").close()
        os.makedirs(os.path.join(self.root, "idl"))
        os.makedirs(os.path.join(self.root, "apps", "kv"))
        self.put("idl/console.idl", "library keel.console;\n\n@id(0x0010) @version(1)\n"
                 "interface Console {\n    1: clear() -> ();\n}\n")
        self.put("apps/kv/kv.idl", "library acme.kv;\n\n@id(0x0020) @version(1)\n"
                 "interface Kv {\n    1: get(k: u8) -> (v: u8);\n}\n")
        os.chdir(self.root)

    def tearDown(self):
        os.chdir(self.cwd)
        shutil.rmtree(self.root)

    def put(self, rel, text):
        with open(os.path.join(self.root, rel), "w", encoding="utf-8") as fh:
            fh.write(text)

    def idlc(self, *argv):
        from codegen.idl import cli
        import contextlib
        import io
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(list(argv))
        return status, out.getvalue(), err.getvalue()

    def test_ids_lists_updates_and_finds_a_shared_id(self):
        status, out, _ = self.idlc("ids")
        self.assertEqual(status, 0)
        self.assertIn("0x0020  acme.kv.Kv  apps/kv/kv.idl", out)
        self.assertIn("next free id: 0x0011", out)
        self.assertEqual(self.idlc("ids", "--check")[0], 1)
        self.assertEqual(self.idlc("ids", "--update")[0], 0)
        self.assertEqual(self.idlc("ids", "--check")[0], 0)
        self.put("apps/kv/kv.idl", "library acme.kv;\n\n@id(0x0010) @version(1)\n"
                 "interface Kv {\n    1: get(k: u8) -> (v: u8);\n}\n")
        status, _, err = self.idlc("ids")
        self.assertEqual(status, 1)
        self.assertIn("interface id 0x0010 is used by acme.kv.Kv (apps/kv/kv.idl) and by "
                      "keel.console.Console (idl/console.idl)", err)

    def test_verify_tree_from_anywhere_in_the_workspace(self):
        self.assertEqual(self.idlc("verify", "--tree")[2],
                         "idl/interface_ids.txt is missing; run tools/idlc ids --update\n")
        self.assertEqual(self.idlc("ids", "--update")[0], 0)
        os.chdir(os.path.join(self.root, "apps", "kv"))
        self.assertEqual(self.idlc("verify", "--tree"), (0, "", ""))
        self.put("apps/kv/kv.idl", "library acme.kv;\n\n@id(0x0021) @version(1)\n"
                 "interface Kv {\n    1: get(k: u8) -> (v: u8);\n}\n")
        status, _, err = self.idlc("verify", "--tree")
        self.assertEqual(status, 1)
        self.assertEqual(err.splitlines()[0],
                         "idl/interface_ids.txt is stale; run tools/idlc ids --update")

    def test_verify_names_what_to_run_first(self):
        self.assertEqual(self.idlc("ids", "--update")[0], 0)
        reg = "idl/interface_ids.txt"
        self.assertEqual(self.idlc("verify", "apps/kv/kv.idl", "--registry", reg), (0, "", ""))
        # A lock written by `idlc lock` is checked wherever the file lives.
        self.assertEqual(self.idlc("lock", "apps/kv/kv.idl")[0], 0)
        lock = "apps/kv/kv.api.lock"
        self.put("apps/kv/kv.idl", "library acme.kv;\n\n@id(0x0020) @version(1)\n"
                 "interface Kv {\n    1: get(k: u8) -> (v: u8);\n    2: put(k: u8) -> ();\n}\n")
        status, _, err = self.idlc("verify", "apps/kv/kv.idl", "--lock", lock, "--registry", reg)
        self.assertEqual(status, 1)
        self.assertEqual(err.splitlines()[0],
                         "apps/kv/kv.api.lock is stale; run tools/idlc lock apps/kv/kv.idl")
        # An id someone else registered, and a file not formatted.
        self.put("apps/kv/kv.idl", "library acme.kv;\n@id(0x0010)   @version(1)\n"
                 "interface Kv {\n    1: get(k: u8) -> (v: u8);\n}\n")
        status, _, err = self.idlc("verify", "apps/kv/kv.idl", "--registry", reg)
        self.assertEqual(status, 1)
        self.assertEqual(err.splitlines(), [
            "apps/kv/kv.idl is not formatted; run tools/idlc fmt apps/kv/kv.idl",
            "interface id 0x0010 of acme.kv.Kv (apps/kv/kv.idl) is already used by "
            "keel.console.Console (idl/console.idl); pick a free one (tools/idlc ids lists "
            "them), then run tools/idlc ids --update"])


if __name__ == "__main__":
    unittest.main()
