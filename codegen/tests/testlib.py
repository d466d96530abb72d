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
    return run_main(cli.main, argv)


def run_main(main, argv):
    """Runs a command-line main(argv) from the workspace root; (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(argv))
            except SystemExit as exc:  # argparse usage errors
                status = exc.code
    finally:
        os.chdir(cwd)
    return status, out.getvalue(), err.getvalue()


def repo_path(*parts):
    return os.path.join(ROOT, *parts)


def assert_located_error(case, result, path, expected, head):
    """result of a failing run: exit status 1, nothing on stdout, no traceback, and stderr
    opening with `path:line:col: error CODE kind:` (head, a regex with groups path, line,
    col and code) equal to expected (code, line, col), then the line and a caret."""
    status, out, err = result
    case.assertEqual(status, 1, err)
    case.assertEqual(out, "")
    case.assertNotIn("Traceback", err)
    m = head.match(err)
    case.assertIsNotNone(m, err)
    case.assertEqual((m["code"], m["line"], m["col"]), tuple(expected), err)
    case.assertEqual(m["path"], path)
    lines = err.splitlines()
    case.assertGreaterEqual(len(lines), 3, err)
    case.assertIn("^", lines[2])
