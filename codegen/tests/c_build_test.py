"""Compiles the generated C for every IDL file in the tree with host gcc and clang
(-Wall -Wextra -Werror) and freestanding i686-linux-gnu-gcc, then builds and runs each file's
generated malformed-message test and the hand-written round-trip tests. This is the
toolchain-independent twin of the Bazel cc_test targets in codegen/BUILD."""

import glob
import os
import shutil
import subprocess
import tempfile
import unittest

import testlib

WARN = ["-std=c11", "-Wall", "-Wextra", "-Werror"]
INCLUDES = ["-Ikernel/abi/include", "-Icodegen/runtime/include", "-Icodegen/runtime/fake"]
FREESTANDING = ["i686-linux-gnu-gcc", "-ffreestanding", "-fno-pic", "-fno-stack-protector",
                "-mgeneral-regs-only", "-O2"]
FAKE = "codegen/runtime/fake/fake_transport.c"


def idl_files():
    skip = ("codegen/testdata/bad/",)
    out = []
    for path in glob.glob(os.path.join(testlib.ROOT, "**", "*.idl"), recursive=True):
        rel = os.path.relpath(path, testlib.ROOT).replace(os.sep, "/")
        if not rel.startswith(skip) and "/bazel-" not in "/" + rel:
            out.append(rel)
    return sorted(out)


def run(cmd):
    proc = subprocess.run(cmd, cwd=testlib.ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)}\n{proc.stdout}{proc.stderr}")
    return proc.stdout


class CBuildTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="idlc-c-")
        cls.dirs = {}
        for rel in idl_files():
            base = os.path.splitext(os.path.basename(rel))[0]
            out = os.path.join(cls.tmp, rel.replace("/", "_"))
            status, _, err = testlib.run_idlc("gen", rel, "-o", out)
            assert status == 0, err
            cls.dirs[rel] = (out, base)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def sources(self, rel, parts=("codec", "client", "server")):
        out, base = self.dirs[rel]
        return [os.path.join(out, f"{base}_{p}.c") for p in parts]

    def test_compiles_everywhere(self):
        for rel in self.dirs:
            out = self.dirs[rel][0]
            for src in self.sources(rel):  # the malformed test needs the host's CMocka
                with self.subTest(src=os.path.basename(src)):
                    obj = os.path.join(out, "x.o")
                    for cc in (["gcc"], ["clang"], FREESTANDING):
                        if shutil.which(cc[0]):
                            run(cc + WARN + INCLUDES + ["-c", src, "-o", obj])

    def test_malformed_tests_pass(self):
        for rel in self.dirs:
            with self.subTest(idl=rel):
                out, base = self.dirs[rel]
                exe = os.path.join(out, "malformed_test")
                run(["gcc"] + WARN + INCLUDES + [f"-I{out}"]
                    + self.sources(rel, ("malformed_test", "codec", "server", "client"))
                    + [FAKE, "-lcmocka", "-o", exe])
                run([exe])

    def test_roundtrip_boundary_and_events(self):
        every = "codegen/testdata/alltypes.idl"
        full = "codegen/testdata/fullmsg.idl"
        events = "codegen/testdata/events.idl"
        # The tests include "codegen/<base>_client.h", as Bazel's genrule outputs are named.
        inc = os.path.join(self.tmp, "inc")
        for rel in (every, full, events):
            status, _, err = testlib.run_idlc("gen", rel, "-o", os.path.join(inc, "codegen"))
            self.assertEqual(status, 0, err)
        incs = [f"-I{inc}"]
        for test, idls in (("roundtrip_test", [every]), ("boundary_test", [every, full]),
                           ("events_test", [events])):
            with self.subTest(test=test):
                exe = os.path.join(self.tmp, test)
                srcs = [s for rel in idls for s in self.sources(rel)]
                run(["gcc"] + WARN + INCLUDES + incs + [f"codegen/tests/{test}.c"] + srcs
                    + [FAKE, "-lcmocka", "-o", exe])
                run([exe])

    def test_walkthrough_example(self):
        inc = os.path.join(self.tmp, "walk")
        src = "codegen/examples/echo/echo.idl"
        gen = os.path.join(inc, "codegen", "examples", "echo")
        status, _, err = testlib.run_idlc("gen", src, "-o", gen)
        self.assertEqual(status, 0, err)
        hand = [f"codegen/examples/echo/{f}.c" for f in ("echo_service", "echo_app",
                                                         "echo_example_test")]
        exe = os.path.join(inc, "echo_example_test")
        run(["gcc"] + WARN + INCLUDES + [f"-I{inc}", "-I."] + hand
            + [os.path.join(gen, f"echo_{p}.c") for p in ("codec", "client", "server")]
            + [FAKE, "-lcmocka", "-o", exe])
        run([exe])


if __name__ == "__main__":
    unittest.main()
