"""CI's IDL check: `idlc check` passes on every .idl file in the tree (except the deliberately
bad corpus), and `idlc doc` and `idlc layout` work on each of them."""

import glob
import os
import re
import tempfile
import unittest

import testlib
from c_build_test import idl_files


class CheckAllTest(unittest.TestCase):
    def test_check_every_idl(self):
        files = idl_files()
        self.assertIn("idl/console.idl", files)
        status, out, err = testlib.run_idlc("check", *files)
        self.assertEqual((status, out, err), (0, "", ""))

    def test_doc_and_layout(self):
        for rel in idl_files():
            for cmd in ("doc", "layout"):
                with self.subTest(idl=rel, cmd=cmd):
                    status, out, err = testlib.run_idlc(cmd, rel)
                    self.assertEqual(status, 0, err)
                    self.assertTrue(out)

    def test_examples_in_the_docs(self):
        """Every complete IDL file shown in docs/*.md checks and is formatted."""
        shown = 0
        for doc in sorted(glob.glob(testlib.repo_path("docs", "*.md"))):
            with open(doc, encoding="utf-8") as fh:
                blocks = fenced_blocks(fh.read())
            for k, block in enumerate(b for b in blocks if re.search(r"^library ", b, re.M)):
                shown += 1
                with self.subTest(doc=os.path.basename(doc), block=k), \
                        tempfile.TemporaryDirectory() as tmp:
                    path = os.path.join(tmp, "example.idl")
                    with open(path, "w", encoding="utf-8") as fh:
                        fh.write(block)
                    self.assertEqual(testlib.run_idlc("check", path)[1:], ("", ""))
                    self.assertEqual(testlib.run_idlc("fmt", "--check", path)[0], 0)
        self.assertGreaterEqual(shown, 2)


def fenced_blocks(text):
    """The contents of the ``` fenced blocks of a Markdown text, in order."""
    blocks, current = [], None
    for line in text.split("\n"):
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append("\n".join(current) + "\n")
                current = None
        elif current is not None:
            current.append(line)
    return blocks


if __name__ == "__main__":
    unittest.main()
