"""What outside testing of idlc found, as classes of input: every phase stays linear in the
size of the file (structs sharing substructures), long chains and cycles of distinct structs
get answers instead of hitting a recursion limit, and everything `check` accepts generates C
that compiles. Each case is generated here at a size that would have failed before."""

import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest

import testlib

INCLUDES = ["-Ikernel/abi/include", "-Icodegen/runtime/include", "-Icodegen/runtime/fake"]


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def doubling_structs(levels):
    """S0 uses S1 twice, S1 uses S2 twice...: sizes double per level."""
    lines = ["library hard.doubling;"]
    for k in range(levels - 1):
        lines.append(f"struct S{k} {{ a: S{k + 1}; b: S{k + 1}; }}")
    lines.append(f"struct S{levels - 1} {{ a: u8; b: u8; }}")
    return "\n".join(lines) + "\n"


def struct_chain(n, cycle=False):
    """S0 holds S1, S1 holds S2... a legal chain ending in a u8, or a cycle back to S0."""
    lines = ["library hard.chain;"]
    for k in range(n - 1):
        lines.append(f"struct S{k} {{ next: S{k + 1}; }}")
    lines.append(f"struct S{n - 1} {{ {'next: S0' if cycle else 'v: u8'}; }}")
    lines += ["@id(0x7e01) @version(1)", "interface Chain {",
              "    1: get(x: S0) -> (y: S0);", "    2: event changed(x: S0);", "}"]
    return "\n".join(lines) + "\n"


class LinearTimeTest(unittest.TestCase):
    def test_40_levels_of_shared_structs_are_checked_in_under_a_second(self):
        """Sizes are computed once per struct: time grows with the levels, not 2**levels.
        CPU time of this process, so other load on the machine does not count."""
        tmp = tempfile.mkdtemp()
        try:
            path = write(tmp, "doubling.idl", doubling_structs(40))
            start = time.process_time()
            status, _, err = testlib.run_idlc("check", path)
            spent = time.process_time() - start
        finally:
            shutil.rmtree(tmp)
        self.assertEqual(status, 1, err)
        # S39 is 2 bytes, S38 4...: S31 (512 bytes, line 33) is the first over 256.
        self.assertIn(":33:8: error E0301 message-too-large: struct S31 needs 512 bytes", err)
        self.assertLess(spent, 1.0, f"idlc check took {spent:.2f} s of CPU time")


class DeepStructsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="idlc-deep-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_a_chain_of_3000_structs_is_legal_and_compiles(self):
        path = write(self.tmp, "chain.idl", struct_chain(3000))
        for argv in (["check", path], ["layout", path], ["doc", path]):
            status, out, err = testlib.run_idlc(*argv)
            self.assertEqual((status, err), (0, ""), argv)
        gen = os.path.join(self.tmp, "gen")
        status, _, err = testlib.run_idlc("gen", path, "-o", gen)
        self.assertEqual((status, err), (0, ""))
        sources = [os.path.join(gen, f"chain_{p}.c")
                   for p in ("codec", "client", "server", "malformed_test")]
        proc = subprocess.run(["gcc", "-std=c11", "-Wall", "-Wextra", "-Werror",
                               "-fsyntax-only"] + INCLUDES + sources,
                              cwd=testlib.ROOT, capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])

    def test_a_cycle_of_500_structs_is_a_located_error(self):
        path = write(self.tmp, "cycle.idl", struct_chain(500, cycle=True))
        status, _, err = testlib.run_idlc("check", path)
        self.assertEqual(status, 1)
        self.assertIn("error E0222 recursive-struct: struct S0 contains itself", err)
        self.assertTrue(err.startswith(f"{path}:2:8:") or ":2:8:" in err.split("\n")[0], err)
        self.assertNotIn("E0900", err)


class NamesTest(unittest.TestCase):
    """An IDL name may equal any identifier the generated code or the headers it includes
    declare or use, as long as idlc accepts it: then the generated C must still compile."""

    def identifiers(self, tmp):
        found = set()
        golden = testlib.repo_path("codegen", "testdata", "golden")
        for folder, _, files in os.walk(golden):
            for name in files:
                with open(os.path.join(folder, name), encoding="utf-8") as fh:
                    found |= set(re.findall(r"\b[a-z][a-z0-9_]*\b", fh.read()))
        probe = write(tmp, "probe.c", "".join(f"#include <{h}>\n" for h in (
            "setjmp.h", "stdarg.h", "stddef.h", "stdint.h", "stdbool.h", "cmocka.h",
            "fake_transport.h", "keel/idl_runtime.h")))
        proc = subprocess.run(["gcc", "-std=c11", "-E", "-dD"] + INCLUDES + [probe],
                              cwd=testlib.ROOT, capture_output=True, text=True, check=True)
        found |= set(re.findall(r"\b[a-z][a-z0-9_]*\b", proc.stdout))
        return found

    def test_every_name_the_generated_code_sees_is_refused_or_compiles(self):
        from codegen.idl import abi, ast, names
        tmp = tempfile.mkdtemp(prefix="idlc-names-")
        try:
            rules = names.NameRules(ast.File("x.idl", "hard.names", None, [], []), abi.load())
            accepted = []
            for name in sorted(self.identifiers(tmp)):
                try:
                    rules.check(name, None, "member")
                    accepted.append(name)
                except Exception:  # noqa: BLE001 - refused: that is the other good outcome
                    pass
            self.assertGreater(len(accepted), 200)
            path = write(tmp, "names.idl", names_file(accepted))
            status, _, err = testlib.run_idlc("check", path)
            self.assertEqual((status, err), (0, ""))
            gen = os.path.join(tmp, "gen")
            self.assertEqual(testlib.run_idlc("gen", path, "-o", gen)[0], 0)
            sources = [os.path.join(gen, f"names_{p}.c")
                       for p in ("codec", "client", "server", "malformed_test")]
            for cc in ("gcc", "clang"):
                proc = subprocess.run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror",
                                       "-fsyntax-only"] + INCLUDES + sources,
                                      cwd=testlib.ROOT, capture_output=True, text=True)
                self.assertEqual(proc.returncode, 0, f"{cc}:\n{proc.stderr[-4000:]}")
        finally:
            shutil.rmtree(tmp)


class CollisionFastPathTest(unittest.TestCase):
    """The quick test for colliding C names (names.collisions_possible) is exact: over random
    files built from names made to collide, whenever the full name-by-name check finds a
    collision, the quick test says one is possible."""

    WORDS = ["a", "b", "a_req", "a_resp", "a_encode", "a_decode", "a_check", "a_handle",
             "req", "send_a", "send", "a_evt", "a_encode_evt", "b_send", "handle", "a_type",
             "a_index", "a_event", "x_a", "evt", "ordinal", "a_ordinal"]
    TYPES = ["AReq", "ASendA", "SendA", "XA", "X", "AEvt", "Events", "Client", "Server"]

    def test_the_quick_test_never_misses_a_collision(self):
        import random
        from codegen.idl import abi, checker, lexer, names, parser
        rng = random.Random(99)
        found = 0
        for n in range(1500):
            used = rng.sample(self.WORDS, rng.randrange(1, 6))
            forms = ["{k}: {w}(x: u8) -> ();", "{k}: oneway {w}(x: u8);", "{k}: event {w}(x: u8);"]
            members = [rng.choice(forms).format(k=k + 1, w=w) for k, w in enumerate(used)]
            if all(": event " in m for m in members):
                members.append(f"{len(members) + 1}: zz() -> ();")
            types = "".join(f"struct {t} {{ v: u8; }}\n"
                            for t in rng.sample(self.TYPES, rng.randrange(0, 3)))
            iface = rng.choice(["X", "Hard", "HardX", "A"])
            text = (f"library hard;\n{types}@id(1) @version(1)\ninterface {iface} {{\n"
                    + "\n".join(members) + "\n}\n")
            try:
                f = parser.parse(lexer.lex(f"r{n}.idl", text))
                checker.check(f, abi.load())
            except Exception:  # noqa: BLE001 - a file the checker refuses tests nothing here
                continue
            cx = names.CNames(f)
            exact = [n for group, _, _ in names.generated_names(f, cx) for n in group]
            collides = len(set(exact)) != len(exact)
            found += collides
            if collides:
                self.assertTrue(names.collisions_possible(f, cx), text)
        self.assertGreater(found, 50)


def names_file(accepted):
    """Every name as a struct field, a parameter, a result and an event parameter."""
    lines = ["library hard.names;"]
    groups = [accepted[k:k + 60] for k in range(0, len(accepted), 60)]
    for g, group in enumerate(groups):
        lines.append(f"struct S{g} {{ " + " ".join(f"{n}: u8;" for n in group) + " }")
    lines += ["@id(0x7e02) @version(1)", "interface Names {"]
    for g, group in enumerate(groups):
        half = len(group) // 2
        params = ", ".join(f"{n}: u8" for n in group[:half])
        results = ", ".join(f"{n}: u8" for n in group[half:])
        lines.append(f"    {3 * g + 1}: m{g}({params}) -> ({results});")
        lines.append(f"    {3 * g + 2}: oneway o{g}({', '.join(f'{n}: S{g}' for n in group[:3])});")
        lines.append(f"    {3 * g + 3}: event e{g}({', '.join(f'{n}: u8' for n in group)});")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    unittest.main()
