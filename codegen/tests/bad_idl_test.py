"""The bad-IDL corpus: every file in codegen/testdata/bad/ starts with
`// expect: EXXXX line:col` and idlc check must fail with exactly that error id and location,
exit status 1, the offending line and a caret, and no Python traceback."""

import os
import re
import unittest

import testlib

BAD = testlib.repo_path("codegen", "testdata", "bad")
EXPECT = re.compile(r"^// expect: (E\d{4}) (\d+):(\d+)$")
HEAD = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): error (?P<code>E\d{4}) [a-z-]+: ")


class BadIdlTest(unittest.TestCase):
    def test_corpus_size(self):
        self.assertGreaterEqual(len([f for f in os.listdir(BAD) if f.endswith(".idl")]), 40)

    def test_each_file_fails_as_annotated(self):
        for name in sorted(os.listdir(BAD)):
            if not name.endswith(".idl"):
                continue
            with self.subTest(name=name):
                path = f"codegen/testdata/bad/{name}"
                with open(testlib.repo_path(path), encoding="utf-8", errors="replace") as fh:
                    m = EXPECT.match(fh.readline().rstrip("\n"))
                self.assertIsNotNone(m, f"{name}: first line must be `// expect: EXXXX l:c`")
                testlib.assert_located_error(self, testlib.run_idlc("check", path), path,
                                             m.groups(), HEAD)

    def test_every_error_id_of_the_front_end_is_exercised(self):
        seen = set()
        for name in os.listdir(BAD):
            with open(os.path.join(BAD, name), encoding="utf-8", errors="replace") as fh:
                seen.add(fh.readline().split()[2])
        from codegen.idl.errors import ERRORS
        wanted = {c for c in ERRORS if c < "E0400"}
        self.assertEqual(sorted(wanted - seen), [])

    def test_unreadable_file(self):
        status, _, err = testlib.run_idlc("check", "codegen/testdata/bad/does-not-exist.idl")
        self.assertEqual(status, 1)
        self.assertIn("error E0401 cannot-read-file", err)


if __name__ == "__main__":
    unittest.main()
