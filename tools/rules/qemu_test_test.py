#!/usr/bin/python3
"""Host tests of qemu_test.py's input side and its screen reading: escapes, text to sendkey
names, the order in which send and sendkey steps fire, and the VGA rows decoded from the
monitor's `xp` (a pipe and a fake monitor socket stand in for QEMU)."""
import os
import socket
import tempfile
import threading
import unittest

import qemu_test


def args_for(send=(), sendkey=()):
    argv = ["--iso", "x.iso"]
    for regex, text in send:
        argv += ["--send-on=" + regex, "--send-text=" + text]
    for regex, text in sendkey:
        argv += ["--sendkey-on=" + regex, "--sendkey-text=" + text]
    return qemu_test.parse_args(argv)


class Escapes(unittest.TestCase):
    def test_unescape(self):
        self.assertEqual(qemu_test.unescape(r"a\r\n\t\\b\x41"), "a\r\n\t\\bA")
        self.assertEqual(qemu_test.unescape(r"\q\x4"), r"\q\x4")  # unknown: kept as is

    def test_text_to_keys(self):
        self.assertEqual(qemu_test.text_to_keys("Hello 1\n"),
                         ["shift-h", "e", "l", "l", "o", "spc", "1", "ret"])
        self.assertEqual(qemu_test.text_to_keys("!-_?{esc}"),
                         ["shift-1", "minus", "shift-minus", "shift-slash", "esc"])
        with self.assertRaises(ValueError):
            qemu_test.text_to_keys("\u00e9")

    def test_bad_arguments(self):
        with self.assertRaises(SystemExit):
            qemu_test.parse_args(["--iso", "x", "--send-on=a"])
        with self.assertRaises(SystemExit):
            args_for(sendkey=[("a", "\u00e9")])


class Coverage(unittest.TestCase):
    """tools/coverage's runs (KEEL_KCOV=1): the coverage kernel's debug port goes to the
    test's undeclared outputs, never in a normal run or through tools/run."""

    def setUp(self):
        self.saved = dict(os.environ)
        os.environ["TEST_UNDECLARED_OUTPUTS_DIR"] = "/out"

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.saved)

    def test_the_debug_port_only_when_asked(self):
        os.environ.pop("KEEL_KCOV", None)
        self.assertNotIn("isa-debugcon,iobase=0x4e9,chardev=kcov",
                         qemu_test.qemu_command(args_for(), None))
        os.environ["KEEL_KCOV"] = "1"
        command = qemu_test.qemu_command(args_for(), None)
        self.assertIn("file,id=kcov,path=/out/kcov.bin", command)
        self.assertIn("isa-debugcon,iobase=0x4e9,chardev=kcov", command)
        tools_run = qemu_test.parse_args(["--iso", "x.iso", "--tools-run", "run"])
        self.assertIsNone(qemu_test.kcov_out(tools_run))


class Firing(unittest.TestCase):
    def test_send_steps_fire_in_order_once_per_line(self):
        feed = qemu_test.Input(args_for(send=[("^go", r"one\r"), ("^go", "two")]), None)
        r, w = os.pipe()
        feed.stdin = os.fdopen(w, "wb")
        log = []
        feed.line("nothing", log)
        feed.line("go", log)
        self.assertFalse(feed.done())
        feed.line("go again", log)
        self.assertTrue(feed.done())
        feed.stdin.close()
        self.assertEqual(os.read(r, 100), b"one\rtwo")
        self.assertEqual(len(log), 2)

    def test_missing_steps_are_named(self):
        feed = qemu_test.Input(args_for(send=[("^never", "x")], sendkey=[("^no", "a")]), None)
        self.assertEqual(feed.missing(), ["send on '^never'", "sendkey on '^no'"])

    def test_sendkey_reaches_the_monitor(self):
        with FakeMonitor(2) as mon:
            monitor = qemu_test.Monitor(mon.path)
            feed = qemu_test.Input(args_for(sendkey=[("^ready", "A ")]), monitor)
            log = []
            feed.line("ready", log)
            monitor.close()
        self.assertEqual(feed.errors, [])
        self.assertEqual(mon.got, [b"sendkey shift-a\n", b"sendkey spc\n"])

    def test_a_monitor_without_reply_is_an_error(self):
        with FakeMonitor(1, reply=False) as mon:
            monitor = qemu_test.Monitor(mon.path)
            monitor.REPLY_S = 0.2
            feed = qemu_test.Input(args_for(sendkey=[("^ready", "a")]), monitor)
            feed.line("ready", [])
            monitor.close()
        self.assertEqual(len(feed.errors), 1)
        self.assertIn("no reply within 0.2 s", feed.errors[0])


class GroupedSteps(unittest.TestCase):
    def test_a_step_with_several_regexes_fires_once_all_matched(self):
        args = args_for(send=[("^a$" + qemu_test.ANY_ORDER + "^b$", "x"), ("^c$", "y")])
        inp = qemu_test.Input(args, None)
        written, log = [], []
        inp._write_serial = written.append
        for line in ["b", "c", "a", "c"]:
            inp.line(line, log)
        self.assertEqual(written, [b"x", b"y"])
        self.assertTrue(inp.done())


class Judging(unittest.TestCase):
    def test_expectations_match_in_order(self):
        judge = qemu_test.Judge(["^a$", "^b$"], [])
        for line in ["b", "a"]:
            judge.line(line)
        self.assertFalse(judge.all_matched())
        self.assertEqual(judge.missing(), ["^b$"])
        judge.line("b")
        self.assertTrue(judge.all_matched())

    def test_a_group_matches_in_any_order_but_after_the_step_before(self):
        judge = qemu_test.Judge(["^a$", "^c$" + qemu_test.ANY_ORDER + "^b$", "^d$"], [])
        for line in ["b", "a", "b", "x", "c", "d"]:
            judge.line(line)
        self.assertTrue(judge.all_matched())
        judge = qemu_test.Judge(["^a$", "^c$" + qemu_test.ANY_ORDER + "^b$"], [])
        for line in ["a", "c", "c"]:
            judge.line(line)
        self.assertEqual(judge.missing(), ["^b$"])


class FakeMonitor:
    """A unix socket answering like QEMU's human monitor: a banner and a prompt, then, for
    each of `commands` lines, the echo with terminal escapes, `output` and a prompt."""

    def __init__(self, commands, output=b"", reply=True):
        self.commands, self.output, self.reply = commands, output, reply
        self.tmp = tempfile.mkdtemp(dir="/tmp")
        self.path = os.path.join(self.tmp, "mon")
        self.got = []

    def __enter__(self):
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        self.thread = threading.Thread(target=self.serve)
        self.thread.start()
        return self

    def serve(self):
        conn, _ = self.server.accept()
        conn.sendall(b"QEMU 7.2 monitor - type 'help' for more information\r\n(qemu) ")
        data = b""
        while len(self.got) < self.commands:
            chunk = conn.recv(100)
            if not chunk:
                break
            data += chunk
            while b"\n" in data:
                line, data = data.split(b"\n", 1)
                self.got.append(line + b"\n")
                if self.reply:
                    conn.sendall(b"x\x1b[K\x1b[D" + line + b"\x1b[K\r\n" + self.output +
                                 b"(qemu) ")
        conn.recv(100)  # until the client closes
        conn.close()

    def __exit__(self, *exc):
        self.thread.join(10)
        self.server.close()
        os.unlink(self.path)
        os.rmdir(self.tmp)


def xp_output(text_rows):
    """What `xp /2000xh 0xb8000` prints for a screen of these rows (grey on black)."""
    cells = []
    for r in range(25):
        row = text_rows[r] if r < len(text_rows) else ""
        cells += [0x0700 | b for b in row.ljust(80).encode("cp437")]
    lines = []
    for i in range(0, 2000, 8):
        lines.append("%016x: " % (0xb8000 + 2 * i) +
                     " ".join("0x%04x" % c for c in cells[i:i + 8]))
    return "\r\n".join(lines) + "\r\n"


def screen_args(screen, cells, on=None):
    argv = ["--iso", "x.iso"] + ["--screen=" + r for r in screen]
    argv += ["--screen-cells=" + c for c in cells] + (["--screen-on=" + on] if on else [])
    return qemu_test.parse_args(argv)


class ScreenReading(unittest.TestCase):
    def test_rows_are_decoded_without_trailing_blanks(self):
        cells = qemu_test.screen_cells("xp /2000xh 0xb8000\r\n" +
                                       xp_output(["keel> echo hi", "hi", "", "\u2500 \u00e9"]))
        rows = qemu_test.screen_rows(cells)
        self.assertEqual(qemu_test.attribute_counts(cells), {7: 2000})
        self.assertEqual(rows[:5], ["keel> echo hi", "hi", "", "\u2500 \u00e9", ""])
        self.assertEqual(len(rows), 25)

    def test_a_short_reply_names_the_missing_cell(self):
        text = xp_output(["x"]).split("\r\n")
        with self.assertRaisesRegex(ValueError, "no cell 1992"):
            qemu_test.screen_cells("\r\n".join(text[:-2]))

    def test_patterns_match_rows_in_order(self):
        pats = [qemu_test.re.compile(p) for p in ["^a$", "^b$", "^c$"]]
        self.assertEqual(qemu_test.screen_missing(pats, ["a", "x", "b", "c"]), [])
        self.assertEqual(qemu_test.screen_missing(pats, ["b", "a", "c"]), ["^b$", "^c$"])

    def test_the_screen_is_read_through_the_monitor(self):
        with FakeMonitor(1, xp_output(["Keel shell", "keel> echo hello vga"]).encode()) as mon:
            monitor = qemu_test.Monitor(mon.path)
            screen = qemu_test.Screen(screen_args([r"^Keel shell$", r"^keel> echo hello vga$"],
                                                  ["0x07=2000"]), monitor)
            self.assertTrue(screen.matched())
            monitor.close()
        self.assertEqual(mon.got, [b"xp /2000xh 0xb8000\n"])
        self.assertEqual(screen.errors(), [])
        self.assertEqual(screen.report()[2], "01|keel> echo hello vga")

    def test_a_screen_that_does_not_match_is_reported(self):
        with FakeMonitor(1, xp_output(["something else"]).encode()) as mon:
            monitor = qemu_test.Monitor(mon.path)
            screen = qemu_test.Screen(screen_args([r"^hello$"], ["0x1e=57"]), monitor)
            self.assertFalse(screen.matched())
            monitor.close()
        self.assertEqual(screen.errors(), ["screen rows not seen (in order): '^hello$'",
                                           "screen cells with attribute 0x1e: 0, want 57"])

    def test_with_screen_on_the_screen_is_read_once_at_its_line(self):
        with FakeMonitor(1, xp_output(["held still"]).encode()) as mon:
            monitor = qemu_test.Monitor(mon.path)
            screen = qemu_test.Screen(screen_args([r"^held still$"], [], "^ready$"), monitor)
            self.assertFalse(screen.matched())
            self.assertEqual(screen.errors(), ["the screen was never read: '^ready$' did "
                                               "not appear"])
            log = []
            screen.line("not yet", log)
            screen.line("ready", log)
            screen.line("ready", log)
            self.assertTrue(screen.matched())
            monitor.close()
        self.assertEqual(log, ["[qemu_test: screen read: as expected]"])
        self.assertEqual(screen.errors(), [])

    def test_bad_cell_counts_are_refused(self):
        with self.assertRaises(SystemExit):
            qemu_test.parse_args(["--iso", "x", "--screen-cells", "1e"])


if __name__ == "__main__":
    unittest.main()
