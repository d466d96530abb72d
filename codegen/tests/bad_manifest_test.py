"""The bad-manifest corpus: every file in codegen/testdata/bad_manifest/ starts with
`# expect: MXXXX line:col` and `# programs: a,b` and `manifest check` (with the test IDL
files) must fail with exactly that error id and location, exit status 1, the offending line
and a caret, and no Python traceback."""

import os
import re
import unittest

import manifestlib
import testlib

BAD = testlib.repo_path("codegen", "testdata", "bad_manifest")
EXPECT = re.compile(r"^# expect: (M\d{4}) (\d+):(\d+)$")
PROGRAMS = re.compile(r"^# programs: (\S+)$")
HEAD = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): error (?P<code>M\d{4}) "
                  r"[a-z-]+: ")
# Ids that no manifest alone can produce: they need other IDL files or command lines, and
# manifest_test.py covers them.
ELSEWHERE = {"M0307", "M0308", "M0601", "M0602", "M0603", "M0604", "M0900"}


def corpus():
    return sorted(n for n in os.listdir(BAD) if n.endswith(".manifest"))


class BadManifestTest(unittest.TestCase):
    def test_corpus_size(self):
        self.assertGreaterEqual(len(corpus()), 40)

    def test_each_file_fails_as_annotated(self):
        for name in corpus():
            with self.subTest(name=name):
                path = f"codegen/testdata/bad_manifest/{name}"
                with open(testlib.repo_path(path), encoding="utf-8") as fh:
                    m = EXPECT.match(fh.readline().rstrip("\n"))
                    p = PROGRAMS.match(fh.readline().rstrip("\n"))
                self.assertIsNotNone(m, f"{name}: first line must be `# expect: MXXXX l:c`")
                self.assertIsNotNone(p, f"{name}: second line must be `# programs: a,b`")
                result = manifestlib.run("check", path,
                                         *manifestlib.idl_args(manifestlib.TEST_IDLS),
                                         "--programs", p.group(1))
                testlib.assert_located_error(self, result, path, m.groups(), HEAD)

    def test_every_error_id_is_exercised(self):
        seen = set()
        for name in corpus():
            with open(os.path.join(BAD, name), encoding="utf-8") as fh:
                seen.add(fh.readline().split()[2])
        from codegen.manifest.errors import ERRORS
        self.assertEqual(sorted(set(ERRORS) - ELSEWHERE - seen), [])
        self.assertEqual(sorted(seen & ELSEWHERE), [])


if __name__ == "__main__":
    unittest.main()
