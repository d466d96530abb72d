"""tools/trace's JSON opened in a viewer as a person would: speedscope (installed by tools/deps,
offline) in headless Chromium, the profile handed over the way speedscope's own command does
(index.html#localProfilePath=FILE.js, a script calling speedscope.loadFileFromBase64). The page
must have loaded the file (its name in the title), listed one profile per thread track with
slices, named as the JSON's process_name and thread_name say, each weighing what its slices
last; and the screenshot must show the slices drawn (coloured rectangles, not a blank or an
error page)."""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, REPO)
sys.path.insert(0, HERE)

import trace_test  # noqa: E402  (its synthetic stream)
from tools.devtools import speedscope, trace  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
UNITS = {"ns": 1e-3, "µs": 1.0, "ms": 1e3, "s": 1e6}


def speedscope_index():
    return speedscope.index_html(REPO)


def png_pixels(path):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit RGB or RGBA, non-interlaced PNG:
    what Chromium's screenshots are."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xff
            elif kind == 2:
                line[i] = (line[i] + b) & 0xff
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xff
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xff
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return width, height, rows


class Speedscope(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(dir=os.environ.get("TEST_TMPDIR"))
        data, _, _ = trace_test.stream()
        cls.doc = trace.convert(data, REPO)[0]
        index = speedscope_index()
        if not os.path.exists(index):
            raise AssertionError("no speedscope at %s: run tools/deps" % index)
        cls.url = speedscope.page(os.path.join(cls.tmp, "profile.js"),
                                  json.dumps(cls.doc).encode(), "keel-trace.json")

    def chromium(self, *what):
        r = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--enable-unsafe-swiftshader",
             "--user-data-dir=" + os.path.join(self.tmp, "chromium"), "--no-first-run",
             "--virtual-time-budget=10000", "--window-size=1400,900", *what, self.url],
            capture_output=True, timeout=180, env=dict(os.environ, HOME=self.tmp))
        self.assertEqual(r.returncode, 0, r.stderr.decode(errors="replace")[-2000:])
        return r.stdout.decode("utf-8", "replace")

    def expected_profiles(self):
        """{speedscope's profile title: the µs its slices last} of every track with slices."""
        procs, threads, weight = {}, {}, {}
        for e in self.doc["traceEvents"]:
            if e["ph"] == "M" and e["name"] == "process_name":
                procs[e["pid"]] = e["args"]["name"]
            elif e["ph"] == "M" and e["name"] == "thread_name":
                threads[(e["pid"], e["tid"])] = e["args"]["name"]
            elif e["ph"] == "X":
                weight[(e["pid"], e["tid"])] = weight.get((e["pid"], e["tid"]), 0) + e["dur"]
        return {"%s (pid %d), %s (tid %d)" % (procs[pid], pid, threads[(pid, tid)], tid): w
                for (pid, tid), w in weight.items()}

    def test_dom_lists_every_thread(self):
        dom = self.chromium("--dump-dom")
        self.assertIn("<title>keel-trace.json - speedscope</title>", dom)
        rows = re.findall(r'<tr title="([^"]*)"[^>]*>.*?<td[^>]*>([\d.]+)(ns|µs|ms|s)</td></tr>',
                          dom)
        shown = {title.replace("&amp;", "&"): float(n) * UNITS[unit] for title, n, unit in rows}
        expected = self.expected_profiles()
        self.assertEqual(sorted(shown), sorted(expected), dom[-3000:])
        for title, us in expected.items():
            self.assertAlmostEqual(shown[title], us, places=2, msg=title)
        self.assertIn("shell (pid %d), shell:%d (tid %d)" % (
            trace_test.CLIENT_UNIT, trace_test.CLIENT, trace_test.CLIENT), shown)

    def test_screenshot_shows_slices(self):
        shot = os.path.join(self.tmp, "shot.png")
        self.chromium("--screenshot=" + shot)
        width, height, rows = png_pixels(shot)
        self.assertEqual((width, height), (1400, 900))
        colours = [p for row in rows[20:] for p in row[::4] if max(p) - min(p) > 40]
        total = (height - 20) * len(rows[0][::4])
        # The flame chart's slices fill about a tenth of the page; a blank page has no coloured
        # pixels, speedscope's landing page (no profile loaded) under 2 %.
        self.assertGreater(len(colours), total // 20, "%d of %d pixels coloured" % (
            len(colours), total))
        self.assertGreater(len(set(colours)), 3)


if __name__ == "__main__":
    unittest.main()
