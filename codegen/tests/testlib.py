"""Shared helpers for the idlc Python tests: find the workspace root (source tree or Bazel
runfiles) and run idlc in-process, capturing its output and exit status."""

import contextlib
import io
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from codegen.idl import cli  # noqa: E402


def run_idlc(*argv):
    """Runs idlc with argv from the workspace root; returns (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = cli.main(list(argv))
            except SystemExit as exc:  # argparse usage errors
                status = exc.code
    finally:
        os.chdir(cwd)
    return status, out.getvalue(), err.getvalue()


def repo_path(*parts):
    return os.path.join(ROOT, *parts)
