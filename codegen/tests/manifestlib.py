"""Shared helpers for the manifest compiler's tests: run it in-process from the workspace
root, capturing its output and exit status, with the test IDL files."""

import testlib

from codegen.manifest import cli  # noqa: E402

TEST_IDLS = ["codegen/testdata/minimal.idl", "codegen/testdata/events.idl",
             "codegen/testdata/alltypes.idl", "idl/supervisor.idl"]
SYSTEM_PROGRAMS = "serial,console,keyboard,devmgr,memory,shell"


def run(*argv):
    """Runs the compiler with argv from the workspace root; returns (status, out, err)."""
    return testlib.run_main(cli.main, argv)


def idl_args(paths):
    return [a for p in paths for a in ("--idl", p)]
