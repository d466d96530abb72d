"""CI's IDL check: `idlc check` passes on every .idl file in the tree (except the deliberately
bad corpus), and `idlc doc` and `idlc layout` work on each of them."""

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


if __name__ == "__main__":
    unittest.main()
