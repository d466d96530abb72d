"""`idlc new`: starting a service writes an IDL (when there is none), a server skeleton, an
example client, a host test and BUILD lines that compile warning-free and whose test passes,
for a starter file and for the tree's richest interfaces (every type, capabilities, events);
it never overwrites a file and registers the new interface ids."""

import contextlib
import io
import os
import shutil
import subprocess
import tempfile
import unittest

import testlib
from codegen.idl import cli

WARN = ["-std=c11", "-Wall", "-Wextra", "-Werror"]
RUNTIME = ["-I" + testlib.repo_path(p) for p in ("kernel/abi/include", "codegen/runtime/include",
                                                 "codegen/runtime/fake")]
FAKE = testlib.repo_path("codegen", "runtime", "fake", "fake_transport.c")


class ScaffoldTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="idlc-new-")
        open(os.path.join(self.root, "WORKSPACE"), "w").close()
        self.cwd = os.getcwd()
        os.chdir(self.root)

    def tearDown(self):
        os.chdir(self.cwd)
        shutil.rmtree(self.root)

    def idlc(self, *argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cli.main(list(argv))
        return status, out.getvalue(), err.getvalue()

    def build_and_run(self, folder, base):
        """Compiles the scaffold with the generated code, as Bazel would lay it out, and runs
        its test; returns the test's output."""
        gen = os.path.join(self.root, "gen")
        status, _, err = self.idlc("gen", f"{folder}/{base}.idl", "-o", f"{gen}/{folder}")
        self.assertEqual(status, 0, err)
        sources = [f"{folder}/{base}_{p}.c" for p in ("service", "app", "test")]
        sources += [f"{gen}/{folder}/{base}_{p}.c" for p in ("codec", "client", "server")]
        exe = os.path.join(self.root, "test")
        proc = subprocess.run(["gcc"] + WARN + RUNTIME + ["-I.", f"-I{gen}"] + sources
                              + [FAKE, "-lcmocka", "-o", exe], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr[-4000:])
        proc = subprocess.run([exe], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        return proc.stdout + proc.stderr

    def test_a_new_service_from_nothing(self):
        status, out, err = self.idlc("new", "apps/kv/kv.idl")
        self.assertEqual(status, 0, err)
        for name in ("kv.idl", "kv_service.h", "kv_service.c", "kv_app.h", "kv_app.c",
                     "kv_test.c", "BUILD"):
            self.assertTrue(os.path.exists(f"apps/kv/{name}"), name)
        self.assertIn("next: bazel test //apps/kv:all", out)
        with open("apps/kv/BUILD", encoding="utf-8") as fh:
            build = fh.read()
        self.assertIn('idl_library(name = "kv_idl", src = "kv.idl")', build)
        self.assertIn('"//codegen:fake_transport"', build)
        self.assertEqual(self.idlc("fmt", "--check", "apps/kv/kv.idl")[0], 0)
        self.assertEqual(self.idlc("ids", "--check")[0], 0)
        report = self.build_and_run("apps/kv", "kv")
        self.assertIn("2 test(s)", report)

    def test_services_of_the_richest_interfaces(self):
        for base in ("alltypes", "events", "fullmsg"):
            with self.subTest(idl=base):
                folder = f"svc/{base}"
                os.makedirs(folder)
                shutil.copy(testlib.repo_path("codegen", "testdata", f"{base}.idl"), folder)
                status, _, err = self.idlc("new", f"{folder}/{base}.idl")
                self.assertEqual(status, 0, err)
                self.build_and_run(folder, base)

    def test_never_overwrites(self):
        self.assertEqual(self.idlc("new", "kv.idl")[0], 0)
        status, _, err = self.idlc("new", "kv.idl")
        self.assertEqual(status, 1)
        self.assertIn("error E0404 cannot-write-file: ./kv_service.h exists; idlc new never "
                      "overwrites a file", err)

    def test_an_existing_build_file_gets_the_lines_printed(self):
        with open("BUILD", "w", encoding="utf-8") as fh:
            fh.write("# mine\n")
        status, out, _ = self.idlc("new", "store.idl", "--library", "acme.store")
        self.assertEqual(status, 0)
        self.assertIn("./BUILD exists; add these lines to it:", out)
        self.assertIn('idl_library(name = "store_idl", src = "store.idl")', out)
        with open("BUILD", encoding="utf-8") as fh:
            self.assertEqual(fh.read(), "# mine\n")
        with open("store.idl", encoding="utf-8") as fh:
            self.assertIn("library acme.store;", fh.read())


if __name__ == "__main__":
    unittest.main()
