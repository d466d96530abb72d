"""Keeps tools/bench-idlc working: a 64-method run must print one well-formed BENCH line per
command and exit 0, and a failing tool must make it exit 1. Never asserts on a time.

argv: the bench-idlc script and the idlc to run (the Bazel //codegen:idlc, so the test uses
the compiler of this build, not whatever is in the source tree). protoc comes from PATH
(Debian's protobuf-compiler, installed by tools/deps)."""

import re
import subprocess
import sys
import unittest

BENCH, IDLC = sys.argv[1], sys.argv[2]
LINE = re.compile(r"^BENCH (\w+)((?: \w+=[0-9.]+)+)$")


def run(*extra):
    return subprocess.run([BENCH, "--no-deps", "--idlc", IDLC, *extra],
                          capture_output=True, text=True, timeout=50)


def bench_lines(stdout):
    """{name: {key: value}} for every BENCH line; fails on a malformed one."""
    found = {}
    for line in stdout.splitlines():
        if not line.startswith("BENCH "):
            continue
        m = LINE.match(line)
        if m is None:
            raise AssertionError(f"malformed BENCH line: {line!r}")
        found[m.group(1)] = {k: float(v) for k, v in
                             (kv.split("=") for kv in m.group(2).split())}
    return found


class BenchIdlcTest(unittest.TestCase):
    def test_small_run_prints_every_result(self):
        r = run("--methods", "64", "--runs", "1")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        found = bench_lines(r.stdout)
        self.assertEqual(set(found), {"protoc_cpp", "idlc_check", "idlc_gen",
                                      "idlc_check_over_protoc_cpp"}, r.stdout)
        for name in ("protoc_cpp", "idlc_check", "idlc_gen"):
            kv = found[name]
            self.assertEqual(set(kv), {"methods", "bytes", "seconds", "cpu_seconds",
                                       "max_rss_mb", "runs"})
            self.assertEqual((kv["methods"], kv["runs"]), (64, 1), name)
            self.assertGreater(kv["bytes"], 64 * 20, name)
            self.assertGreater(kv["max_rss_mb"], 0, name)
        self.assertEqual(set(found["idlc_check_over_protoc_cpp"]),
                         {"seconds_ratio", "max_rss_ratio"})
        self.assertRegex(r.stdout, r"files: big\.idl \d+ bytes, big\.proto \d+ bytes, 64 methods")

    def test_only_and_runs(self):
        r = run("--methods", "8", "--runs", "2", "--only", "idlc_check")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        found = bench_lines(r.stdout)
        self.assertEqual(list(found), ["idlc_check"])
        self.assertEqual(found["idlc_check"]["runs"], 2)

    def test_failing_or_missing_tool_exits_1(self):
        r = subprocess.run([BENCH, "--no-deps", "--idlc", "/bin/false", "--methods", "4",
                            "--only", "idlc_gen"], capture_output=True, text=True, timeout=50)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("exited with status 1", r.stderr)
        r = run("--methods", "4", "--only", "protoc_cpp", "--protoc", "/nonexistent/protoc")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("not found", r.stderr)

    def test_usage_error_exits_2(self):
        self.assertEqual(run("--methods", "65536").returncode, 2)
        self.assertEqual(run("--only", "gcc").returncode, 2)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
