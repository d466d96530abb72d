"""tools/profile on a real system (docs/tools.md, "Profiler"): //tests/user/profile:profile_image
(init and hotspot.c, which computes forever, nine parts in hot_function and one in
cold_function) booted with `profile` for a fixed stretch of QEMU time the way tools/profile
boots it (capture.py: the stream through memory shared with QEMU's ivshmem device). Named through the ELFs in the image, the samples must
put hot_function on top (init's tracer aside), reached from main, cold_function after it at
roughly a ninth; tools/profile --stream must print that table and write the folded stacks;
and speedscope (tools/deps installs it) must draw them as a flame graph in headless Chromium.
usage: profile_live_test.py IMAGE.iso PROFILE (tools/profile)"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, REPO)
sys.path.insert(0, HERE)

import trace_viewer_test  # noqa: E402  (speedscope's page, Chromium, PNG pixels)
from tools.devtools import capture, profile  # noqa: E402

QEMU_SECONDS = 8


class Live(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.iso, cls.tool = (os.path.abspath(a) for a in sys.argv[1:3])
        cls.tmp = tempfile.mkdtemp(dir=os.environ.get("TEST_TMPDIR"))
        cls.stream = os.path.join(cls.tmp, "stream.bin")
        _, cls.channel = capture.capture(cls.iso, QEMU_SECONDS, 1, cls.stream, "profile")
        with open(cls.stream, "rb") as f:
            cls.stacks, cls.samples, cls.warnings = profile.profile(f.read(), iso=cls.iso)
        cls.rest, cls.tracer = profile.split_tracer(cls.stacks)

    def test_through_shared_memory(self):
        """tools/profile's way: the stream through the ivshmem channel, so init's copying
        costs next to nothing (its samples, reported apart, are few)."""
        self.assertEqual(self.channel, "shared memory")
        self.assertLess(self.tracer, len(self.samples.samples) // 20)

    def test_hot_function_on_top(self):
        rows = profile.top(self.rest, 3)
        self.assertEqual(rows[0][2:], ("hot_function", "hotspot"), rows)
        self.assertEqual(rows[1][2:], ("cold_function", "hotspot"), rows)
        ratio = rows[0][0] / rows[1][0]
        self.assertTrue(4 < ratio < 20, "hot/cold %.1f, want about 9: %s" % (ratio, rows))
        self.assertGreater(rows[0][1], 0.6, rows)

    def test_stacks_reach_main(self):
        hot = {s: c for s, c in self.rest.items() if s.endswith(";hot_function")}
        self.assertEqual(max(hot, key=hot.get), "hotspot;_start;main;hot_function", hot)
        self.assertGreater(len(self.samples.samples), 1000)
        # The kernel runs with interrupts off: a timer interrupt lands in it only where it
        # opens them, the idle wait and the windows of its long operations.
        inner = {s.split(";")[-1] for s in self.stacks if ";[kernel];" in s}
        self.assertLessEqual(inner, {"arch_wait_for_interrupt", "arch_irq_window"}, inner)

    def test_tool_prints_the_table(self):
        out = os.path.join(self.tmp, "hot.folded")
        r = subprocess.run([self.tool, "--stream", self.stream, "--iso", self.iso, "-o", out,
                            "--top", "3", "--unit", "hotspot"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"(?m)^ SAMPLES\s+SHARE\s+FUNCTION\s+UNIT\n\s+\d+\s+"
                                   r"\d+\.\d%\s+hot_function\s+hotspot$")
        self.assertRegex(r.stdout, r"init's tracer copying the trace out \(init_trace_drain\): "
                                   r"\d+ samples")
        with open(out) as f:
            lines = f.read().splitlines()
        self.assertIn("hotspot;_start;main;hot_function %d" % self.stacks[
            "hotspot;_start;main;hot_function"], lines)
        self.__class__.page = re.search(r"flame graph: (file://\S+)\)", r.stdout).group(1)

    def test_z_speedscope_draws_it(self):
        """(After test_tool_prints_the_table: its page.) The page loaded the folded file and
        draws the flame graph: a screenshot with coloured frames."""
        self.assertTrue(os.path.exists(trace_viewer_test.speedscope_index()), "run tools/deps")
        shot = os.path.join(self.tmp, "shot.png")
        r = subprocess.run(
            [trace_viewer_test.CHROMIUM, "--headless", "--no-sandbox",
             "--enable-unsafe-swiftshader", "--user-data-dir=" + os.path.join(self.tmp, "c"),
             "--no-first-run", "--virtual-time-budget=10000", "--window-size=1400,900",
             "--dump-dom", "--screenshot=" + shot, self.page],
            capture_output=True, timeout=180, env=dict(os.environ, HOME=self.tmp))
        self.assertEqual(r.returncode, 0, r.stderr[-2000:])
        title = re.search(r"<title>.*?</title>", r.stdout.decode())
        self.assertEqual(title and title.group(0), "<title>hot.folded - speedscope</title>")
        keep = os.environ.get("TEST_UNDECLARED_OUTPUTS_DIR")
        if keep:
            shutil.copy(shot, os.path.join(keep, "speedscope.png"))
        width, height, rows = trace_viewer_test.png_pixels(shot)
        # Coloured: any hue (speedscope's palette includes pale ones: (224, 234, 206) was
        # cold_function's once), not the white page, grey grid lines and text.
        coloured = [p for row in rows[40:] for p in row[::4] if max(p) - min(p) > 12]
        want = (height - 40) * len(rows[0][::4]) // 20
        self.assertGreater(len(coloured), want, "%d coloured pixels of %d sampled, want %d "
                           "(the screenshot: speedscope.png in the test's outputs)"
                           % (len(coloured), (height - 40) * len(rows[0][::4]), want))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
