"""Tests of the coverage kernel's counter stream reader (tools/devtools/kcov.py).

Streams laid out as kernel/arch/x86/kcov.c writes them: records come back whole (a record's
data split over several frames joined), each written beside a copy of its .gcno with the path
below the build configuration's bin/; a stream cut short, a wrong record count, a record that
is not a .gcda, an unknown frame or data before any name are each refused with what is wrong;
a record whose .gcno is not in the build is reported, not written.
"""
import os
import struct
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)

from tools.devtools import kcov  # noqa: E402

GCDA = b"adcg*22B" + bytes(range(16))
NAME = "/proc/self/cwd/bazel-out/k8-fastbuildkcov-ST-1/bin/kernel/core/_objs/sched/sched.gcda"


def frame(tag, body):
    return tag + struct.pack("<I", len(body)) + body


def stream(records, announced=None, end=b"KEND"):
    out = b"KCOV" + struct.pack("<I", len(records) if announced is None else announced)
    for name, chunks in records:
        out += frame(b"F", name.encode()) + b"".join(frame(b"D", c) for c in chunks)
    return out + end


class Parse(unittest.TestCase):
    def test_records_whole(self):
        got = kcov.parse(stream([(NAME, [GCDA[:5], GCDA[5:]]), ("b.gcda", [GCDA])]))
        self.assertEqual(got, [(NAME, GCDA), ("b.gcda", GCDA)])

    def test_empty_dump(self):
        self.assertEqual(kcov.parse(stream([])), [])

    def refused(self, data, what):
        with self.assertRaises(kcov.StreamError) as e:
            kcov.parse(data)
        self.assertIn(what, str(e.exception))

    def test_refusals(self):
        self.refused(b"", "no KCOV header")
        self.refused(b"garbage!", "no KCOV header")
        self.refused(stream([(NAME, [GCDA])], end=b""), "after 1 of 1 records without KEND")
        self.refused(stream([(NAME, [GCDA])])[:-9], "wants 24 bytes")
        self.refused(stream([(NAME, [GCDA])], announced=2), "2 records announced, 1 sent")
        self.refused(stream([(NAME, [b"not a gcda"])]), "is not a .gcda")
        self.refused(b"KCOV" + struct.pack("<I", 0) + frame(b"D", GCDA) + b"KEND",
                     "unexpected frame b'D' at byte 8")
        self.refused(b"KCOV" + struct.pack("<I", 0) + frame(b"X", b"") + b"KEND",
                     "unexpected frame b'X'")


class Write(unittest.TestCase):
    def test_beside_gcno(self):
        with tempfile.TemporaryDirectory() as execroot, tempfile.TemporaryDirectory() as out:
            rel = NAME[NAME.index("bazel-out/"):]
            gcno = os.path.join(execroot, rel[:-len(".gcda")] + ".gcno")
            os.makedirs(os.path.dirname(gcno))
            with open(gcno, "wb") as f:
                f.write(b"oncg")
            orphan = "/x/bazel-out/cfg/bin/kernel/gone.gcda"
            written, orphans = kcov.write([(NAME, GCDA), (orphan, GCDA), ("nowhere", GCDA)],
                                          execroot, out)
            self.assertEqual((written, orphans), (1, [orphan, "nowhere"]))
            base = os.path.join(out, "kernel", "core", "_objs", "sched", "sched")
            with open(base + ".gcda", "rb") as f:
                self.assertEqual(f.read(), GCDA)
            with open(base + ".gcno", "rb") as f:
                self.assertEqual(f.read(), b"oncg")


if __name__ == "__main__":
    unittest.main()
