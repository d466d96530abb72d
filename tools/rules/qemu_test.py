#!/usr/bin/python3
"""Boots a Keel image in QEMU (TCG) and judges it by its serial output and exit status.

Each --expect regex must match a serial line, in the given order; no --forbid regex may match
any line. With --exit-code the guest must end QEMU through isa-debug-exit with that code (the
guest writes c to port 0xf4; QEMU exits with 2c+1); otherwise QEMU is stopped once every
expectation matched. A triple fault resets the guest, which -no-reboot turns into exit 0: never
a valid guest exit code, so it fails the test. On failure the whole serial log is printed.

Input: each --send-on REGEX / --send-text TEXT pair (in order) writes TEXT to the guest's
serial input (QEMU's stdin, a pipe only when there are sends) when the next complete serial
line matching REGEX appears; --sendkey-on / --sendkey-text do the same with key presses
through QEMU's human monitor (`sendkey`, on a unix socket only when there are sendkeys), the
text typed as a PS/2 keyboard would (shift for capitals and symbols, `ret` for a newline,
`{name}` for any QEMU key name, e.g. `{ctrl-c}`). TEXT takes the escapes \\n \\r \\t \\\\ \\xHH.
Each list fires in its own order, at most one step per serial line; a trigger that never
appears fails the test.

Screen: each --screen regex must match a row of the VGA text screen (80x25 at physical
0xb8000, read through the monitor with `xp`, each row's characters in code page 437 without
trailing blanks), in order from the top. The screen is read once every serial expectation has
matched and every input step fired, and read again, as the guest may still be painting, until
it matches or the time is up. Each --screen-cells ATTR=COUNT wants COUNT cells with attribute
byte ATTR (bg << 4 | fg). With --screen-on REGEX the screen is read once instead, when a serial
line matching REGEX appears, before that line's input steps fire: a guest that waits for a key
there holds the screen still for the reading.

With --tools-run PATH the image boots through `PATH --iso ISO --monitor SOCKET --timeout T`
and each --run-option (tools/run, as a user runs it, e.g. with `--vga --display none`) instead
of this script's own QEMU command line; it then always has a monitor.
"""
import argparse
import codecs
import os
import re
import select
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--iso", required=True)
    p.add_argument("--expect", action="append", default=[], help="regex, in order")
    p.add_argument("--forbid", action="append", default=[], help="regex that must not appear")
    p.add_argument("--exit-code", type=int, help="guest exit code expected (isa-debug-exit)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds before giving up")
    p.add_argument("--memory", default="128")
    p.add_argument("--qemu-arg", action="append", default=[])
    p.add_argument("--send-on", action="append", default=[], help="regex of a serial line")
    p.add_argument("--send-text", action="append", default=[], help="text for the serial input")
    p.add_argument("--sendkey-on", action="append", default=[], help="regex of a serial line")
    p.add_argument("--sendkey-text", action="append", default=[], help="text to type as keys")
    p.add_argument("--screen", action="append", default=[], help="regex of a VGA row, in order")
    p.add_argument("--screen-cells", action="append", default=[], metavar="ATTR=COUNT",
                   help="the screen has COUNT cells with attribute byte ATTR")
    p.add_argument("--screen-on", metavar="REGEX", help="read the screen when this line appears")
    p.add_argument("--tools-run", help="boot through this tools/run script")
    p.add_argument("--run-option", action="append", default=[], help="an option of tools/run")
    args = p.parse_args(argv)
    if args.tools_run and (args.exit_code is not None or args.qemu_arg or
                           args.memory != "128" or args.send_on):
        p.error("--tools-run runs QEMU as tools/run does: no --exit-code, --qemu-arg, "
                "--memory or --send-on (its stdin is /dev/null)")
    if args.run_option and not args.tools_run:
        p.error("--run-option needs --tools-run")
    try:
        parse_cell_counts(args.screen_cells)
    except ValueError:
        p.error("--screen-cells wants ATTR=COUNT such as 0x1e=57, not %r" % args.screen_cells)
    if (args.screen or args.screen_cells) and args.exit_code is not None and not args.screen_on:
        p.error("--screen is read at the end while the guest runs: with --exit-code only "
                "with --screen-on")
    if len(args.send_on) != len(args.send_text) or \
            len(args.sendkey_on) != len(args.sendkey_text):
        p.error("every --send-on/--sendkey-on needs its --send-text/--sendkey-text")
    for text in args.sendkey_text:
        try:
            text_to_keys(unescape(text))
        except ValueError as e:
            p.error("--sendkey-text: %s" % e)
    return args


def kcov_out(args):
    """With KEEL_KCOV=1 (tools/coverage's run of a coverage build, booted by this script's
    own QEMU command line): where the kernel's gcov counters go, kcov.bin among the test's
    undeclared outputs. Else None."""
    out = os.environ.get("TEST_UNDECLARED_OUTPUTS_DIR")
    if os.environ.get("KEEL_KCOV") != "1" or not out or args.tools_run:
        return None
    return os.path.join(out, "kcov.bin")


def kcov_args(args):
    """The debug console the coverage kernel writes its counters to, at port 0x4e9, as it
    exits the emulator (kernel/arch/x86/kcov.c)."""
    path = kcov_out(args)
    return [] if path is None else ["-chardev", "file,id=kcov,path=%s" % path,
                                    "-device", "isa-debugcon,iobase=0x4e9,chardev=kcov"]


def kcov_collect(args, proc, monitor):
    """A guest still running once the test is decided (one that does not end the emulator
    itself, or one that timed out): an NMI asks the coverage kernel for its counters (kcov.c
    writes them, then exits the emulator). A kernel that already stopped (halted) writes
    none: then QEMU is stopped after KCOV_WAIT_S."""
    if kcov_out(args) is None or proc.poll() is not None:
        return
    try:
        monitor.command("nmi")
    except OSError:
        return
    deadline = time.monotonic() + KCOV_WAIT_S
    while proc.poll() is None and time.monotonic() < deadline:
        if select.select([proc.stdout], [], [], 0.1)[0] and not os.read(proc.stdout.fileno(),
                                                                        65536):
            break  # serial output after the decision is not judged


KCOV_WAIT_S = 10.0  # a dump takes a second or two


def qemu_command(args, monitor_path):
    if args.tools_run:  # its own --timeout only as a backstop: this script stops it first
        return [os.path.abspath(args.tools_run), "--iso", os.path.abspath(args.iso),
                "--monitor", monitor_path, "--timeout", "%g" % (args.timeout + 30)] + \
            args.run_option
    monitor = "unix:%s,server,nowait" % monitor_path if monitor_path else "none"
    # One host thread for every vCPU (thread=single): QEMU 7.2's default for i386 is one per
    # vCPU, and with more vCPUs than host cores the host preempts a vCPU that holds the
    # kernel lock while the others spin on it (3x slower with -smp 4 on 2 cores, docs/smp.md).
    return [
        "qemu-system-i386", "-accel", "tcg,thread=single", "-m", args.memory,
        "-cdrom", args.iso, "-boot", "d",
        "-display", "none", "-serial", "stdio", "-monitor", monitor,
        "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
    ] + kcov_args(args) + args.qemu_arg


_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}


def unescape(text):
    """Turns backslash escapes n, r, t, backslash and xHH into characters; other text stays."""
    out, i = [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPES:
            out.append(_ESCAPES[text[i + 1]])
            i += 2
        elif c == "\\" and re.match(r"x[0-9a-fA-F]{2}", text[i + 1:i + 4]):
            out.append(chr(int(text[i + 2:i + 4], 16)))
            i += 4
        else:
            out.append(c)
            i += 1
    return "".join(out)


_KEY_NAMES = {
    " ": "spc", "\n": "ret", "\r": "ret", "\t": "tab", "\b": "backspace", "\x1b": "esc",
    "-": "minus", "=": "equal", "[": "bracket_left", "]": "bracket_right",
    ";": "semicolon", "'": "apostrophe", "`": "grave_accent", "\\": "backslash",
    ",": "comma", ".": "dot", "/": "slash",
}
_SHIFTED = dict(zip("!@#$%^&*()", "1234567890"))
_SHIFTED.update({"_": "minus", "+": "equal", "{": "bracket_left", "}": "bracket_right",
                 ":": "semicolon", '"': "apostrophe", "~": "grave_accent",
                 "|": "backslash", "<": "comma", ">": "dot", "?": "slash"})


def text_to_keys(text):
    """QEMU `sendkey` names typing text on a US keyboard; "{name}" passes a key name as is."""
    keys, i = [], 0
    while i < len(text):
        c = text[i]
        end = text.find("}", i) if c == "{" else -1
        if end > i + 1:
            keys.append(text[i + 1:end])
            i = end + 1
            continue
        if "a" <= c <= "z" or "0" <= c <= "9":
            keys.append(c)
        elif "A" <= c <= "Z":
            keys.append("shift-" + c.lower())
        elif c in _KEY_NAMES:
            keys.append(_KEY_NAMES[c])
        elif c in _SHIFTED:
            keys.append("shift-" + _SHIFTED[c])
        else:
            raise ValueError("no key types %r (in %r)" % (c, text))
        i += 1
    return keys


ANY_ORDER = " &&& "  # joins the regexes of one --expect that may match in any order


class Judge:
    """Matches serial lines against the ordered expectations and the forbidden patterns. An
    expectation is one regex, or several joined by ANY_ORDER: each must match a line of its
    own, in any order among themselves, after the previous expectation was met (what two
    CPUs print at the same time comes out in either order)."""

    def __init__(self, expect, forbid):
        self.expect = [[re.compile(r) for r in e.split(ANY_ORDER)] for e in expect]
        self.forbid = [re.compile(f) for f in forbid]
        self.next = 0
        self.errors = []

    def line(self, text):
        for f in self.forbid:
            if f.search(text):
                self.errors.append("forbidden pattern %r matched: %s" % (f.pattern, text))
        if self.next == len(self.expect):
            return
        step = self.expect[self.next]
        for r in step:
            if r.search(text):
                step.remove(r)
                break
        if not step:
            self.next += 1

    def all_matched(self):
        return self.next == len(self.expect)

    def missing(self):
        return [r.pattern for step in self.expect[self.next:] for r in step]


class Monitor:
    """QEMU's human monitor on a unix socket: each command waits for its reply, which ends at
    the next `(qemu) ` prompt (QEMU echoes the command with terminal escapes first)."""

    PROMPT = b"(qemu) "
    REPLY_S = 10.0  # a reply takes milliseconds; this long only if QEMU hangs

    def __init__(self, path):
        self.path, self.sock, self.pending = path, None, b""

    def _connect(self):
        deadline = time.monotonic() + 5.0
        while self.sock is None:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.connect(self.path)
                self.sock = s
            except OSError:
                s.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)  # QEMU creates the socket at start-up; it is up by now
        self._reply()  # the banner and the first prompt

    def _reply(self):
        deadline = time.monotonic() + self.REPLY_S
        while not self.pending.endswith(self.PROMPT):
            left = deadline - time.monotonic()
            self.sock.settimeout(max(left, 0.001))
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise OSError("no reply within %g s" % self.REPLY_S) from None
            if not chunk:
                raise OSError("QEMU closed the monitor")
            self.pending += chunk
        reply, self.pending = self.pending[:-len(self.PROMPT)], b""
        return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", reply.decode("latin-1"))

    def command(self, text):
        """Runs one command; returns its echo and output without escapes. Raises OSError."""
        if self.sock is None:
            self._connect()
        self.sock.sendall((text + "\n").encode())
        return self._reply()

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None


SCREEN_ROWS, SCREEN_COLS, SCREEN_BASE = 25, 80, 0xb8000
XP_SCREEN = "xp /%dxh 0x%x" % (SCREEN_ROWS * SCREEN_COLS, SCREEN_BASE)
_XP_LINE = re.compile(r"^([0-9a-f]+): ((?:0x[0-9a-f]{4} *)+)$", re.M)


def screen_cells(xp_output):
    """The 2000 cells (attribute << 8 | character) of the VGA text screen from XP_SCREEN's
    output. Raises ValueError when a cell is missing."""
    cells = {}
    for m in _XP_LINE.finditer(xp_output.replace("\r", "")):
        first = (int(m.group(1), 16) - SCREEN_BASE) // 2
        for i, word in enumerate(m.group(2).split()):
            cells[first + i] = int(word, 16)
    missing = [i for i in range(SCREEN_ROWS * SCREEN_COLS) if i not in cells]
    if missing:
        raise ValueError("the monitor's `%s` gave no cell %d: %r"
                         % (XP_SCREEN, missing[0], xp_output[-200:]))
    return [cells[i] for i in range(SCREEN_ROWS * SCREEN_COLS)]


def screen_rows(cells):
    """The rows of the screen: characters in code page 437, without trailing blanks."""
    rows = []
    for r in range(SCREEN_ROWS):
        chars = bytes(c & 0xff for c in cells[r * SCREEN_COLS:(r + 1) * SCREEN_COLS])
        rows.append(codecs.decode(chars, "cp437").replace("\0", " ").rstrip(" "))
    return rows


def attribute_counts(cells):
    """How many cells have each attribute byte."""
    counts = {}
    for c in cells:
        counts[c >> 8] = counts.get(c >> 8, 0) + 1
    return counts


def screen_missing(patterns, rows):
    """The patterns (compiled, in order) not matched by successive rows, from the first."""
    i = 0
    for row in rows:
        if i < len(patterns) and patterns[i].search(row):
            i += 1
    return [p.pattern for p in patterns[i:]]


class Input:
    """Types into the guest: serial text and monitor keys, each list fired in its own order. A
    step's trigger is one regex, or several joined by ANY_ORDER: it fires once each has
    matched a line (in any order) since the step before fired."""

    def __init__(self, args, monitor):
        self.serial = [([re.compile(x) for x in r.split(ANY_ORDER)],
                        unescape(t).encode("latin-1"))
                       for r, t in zip(args.send_on, args.send_text)]
        self.keys = [([re.compile(x) for x in r.split(ANY_ORDER)], text_to_keys(unescape(t)))
                     for r, t in zip(args.sendkey_on, args.sendkey_text)]
        self.next_serial = self.next_key = 0
        self.monitor = monitor
        self.stdin = None
        self.errors = []

    @staticmethod
    def _due(steps, k, text):
        """Whether step k of steps (if any) fires on this line: its last regex matched."""
        if k == len(steps):
            return False
        pending = steps[k][0]
        for r in pending:
            if r.search(text):
                pending.remove(r)
                break
        return not pending

    def line(self, text, log):
        """Fires the next step of each list whose regexes have all matched."""
        if self._due(self.serial, self.next_serial, text):
            data = self.serial[self.next_serial][1]
            self.next_serial += 1
            log.append("[qemu_test: serial input %r]" % data.decode("latin-1"))
            self._write_serial(data)
        if self._due(self.keys, self.next_key, text):
            keys = self.keys[self.next_key][1]
            self.next_key += 1
            log.append("[qemu_test: sendkey %s]" % " ".join(keys))
            self._send_keys(keys)

    def _write_serial(self, data):
        try:
            os.write(self.stdin.fileno(), data)
        except OSError as e:
            self.errors.append("writing to the guest's serial input failed: %s" % e)

    def _send_keys(self, keys):
        try:
            for k in keys:
                self.monitor.command("sendkey " + k)
        except OSError as e:
            self.errors.append("QEMU monitor at %s: %s" % (self.monitor.path, e))

    def done(self):
        return self.next_serial == len(self.serial) and self.next_key == len(self.keys)

    def missing(self):
        return ["send on %r" % r.pattern for rs, _ in self.serial[self.next_serial:]
                for r in rs] + \
            ["sendkey on %r" % r.pattern for rs, _ in self.keys[self.next_key:] for r in rs]


class Screen:
    """The --screen expectations (rows in order, --screen-cells counts of attributes), checked
    on the VGA screen read through the monitor: at the end, again until they match, or once
    when the --screen-on line appears (the guest then waits for a key to go on)."""

    def __init__(self, args, monitor):
        self.patterns = [re.compile(p) for p in args.screen]
        self.cells = parse_cell_counts(args.screen_cells)
        self.trigger = re.compile(args.screen_on) if args.screen_on else None
        self.monitor = monitor
        self.rows, self.problems, self.read = None, [], False

    def wanted(self):
        return bool(self.patterns or self.cells)

    def check(self):
        """Reads the screen; true when every expectation holds."""
        self.read = True
        try:
            cells = screen_cells(self.monitor.command(XP_SCREEN))
        except (OSError, ValueError) as e:
            self.problems = ["reading the screen through the monitor at %s: %s"
                             % (self.monitor.path, e)]
            return False
        self.rows, counts, self.problems = screen_rows(cells), attribute_counts(cells), []
        missing = screen_missing(self.patterns, self.rows)
        if missing:
            self.problems.append("screen rows not seen (in order): %s"
                                 % ", ".join(map(repr, missing)))
        for attr, want in sorted(self.cells.items()):
            if counts.get(attr, 0) != want:
                self.problems.append("screen cells with attribute 0x%02x: %d, want %d"
                                     % (attr, counts.get(attr, 0), want))
        return not self.problems

    def line(self, text, log):
        """With --screen-on: the screen is read once, when its line appears."""
        if self.trigger and not self.read and self.wanted() and self.trigger.search(text):
            log.append("[qemu_test: screen read: %s]" % ("as expected" if self.check()
                                                         else "NOT as expected"))

    def matched(self):
        """Whether the run may end as far as the screen goes (read now if it is read last)."""
        if not self.wanted():
            return True
        if self.trigger:
            return self.read
        return self.check()

    def errors(self):
        if not self.wanted():
            return []
        if not self.read:
            return ["the screen was never read: %r did not appear"
                    % (self.trigger.pattern if self.trigger else "every expectation")]
        return self.problems

    def report(self):
        """The last screen read, for the log."""
        if self.rows is None:
            return []
        return ["---- VGA screen (last read) ----"] + \
            ["%02d|%s" % (i, row) for i, row in enumerate(self.rows)]


def parse_cell_counts(specs):
    """{attribute: count} from "ATTR=COUNT" strings (numbers as in Python: 0x1e=57)."""
    counts = {}
    for spec in specs:
        attr, _, count = spec.partition("=")
        counts[int(attr, 0)] = int(count, 0)
    return counts


class Lines:
    """Splits QEMU's output into serial lines for the judge and the input steps."""

    def __init__(self, judge, feed, screen):
        self.judge, self.feed, self.screen = judge, feed, screen
        self.log, self.pending = [], b""

    def feed_chunk(self, chunk):
        self.pending += chunk
        *lines, self.pending = self.pending.split(b"\n")
        for raw in lines:
            text = raw.decode("utf-8", "replace").replace("\r", "")
            self.log.append(text)
            self.judge.line(text)
            self.screen.line(text, self.log)  # before a key step that lets the guest go on
            self.feed.line(text, self.log)

    def finish(self):
        if self.pending:
            text = self.pending.decode("utf-8", "replace")
            self.log.append(text)
            self.judge.line(text)


def watch(args, proc, lines, screen):
    """Reads QEMU's output until the test is decided; returns whether it timed out."""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + args.timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return True
        serial_done = args.exit_code is None and lines.judge.all_matched() and \
            lines.feed.done()
        if serial_done and screen.matched():
            return False
        # Once only the screen is left, it is read again at least every 0.1 s.
        if not sel.select(timeout=min(left, 0.1 if serial_done else 0.5)):
            if proc.poll() is not None:
                return False
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            return False
        lines.feed_chunk(chunk)


def stop(args, proc):
    """Ends QEMU: tools/run (run_qemu.py) stops its QEMU on SIGTERM before it exits."""
    if proc.poll() is None:
        if args.tools_run:
            proc.terminate()
            try:
                return proc.wait(10)
            except subprocess.TimeoutExpired:
                pass
        proc.kill()
    return proc.wait()


def run(args, monitor_path=None):
    monitor = Monitor(monitor_path) if monitor_path else None
    judge, feed = Judge(args.expect, args.forbid), Input(args, monitor)
    screen = Screen(args, monitor)
    lines = Lines(judge, feed, screen)
    command = qemu_command(args, monitor_path)
    lines.log.append("[qemu_test: $ %s]" % " ".join(command))
    proc = subprocess.Popen(command,
                            stdin=subprocess.PIPE if feed.serial else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    feed.stdin = proc.stdin
    try:
        timed_out = watch(args, proc, lines, screen)
        lines.finish()
        kcov_collect(args, proc, monitor)  # a test that timed out still ran kernel code
    finally:
        status = stop(args, proc)
        if proc.stdin is not None:
            proc.stdin.close()
        if monitor is not None:
            monitor.close()
    judge.errors += feed.errors
    judge.errors += ["input never sent, its line did not appear: %s" % m for m in feed.missing()]
    judge.errors += screen.errors()
    return judge, lines.log + screen.report(), status, timed_out


def verdict(args, judge, status, timed_out):
    errors = list(judge.errors)
    if not judge.all_matched():
        errors.append("expected output not seen: %s" % ", ".join(map(repr, judge.missing())))
    if args.exit_code is not None:
        want = 2 * args.exit_code + 1
        if timed_out:
            errors.append("guest did not exit within %.0f s" % args.timeout)
        elif status != want:
            how = "triple fault or reset" if status == 0 else "status %d" % status
            errors.append("QEMU exited with %s, expected %d (guest code %d)"
                          % (how, want, args.exit_code))
    elif timed_out and not judge.all_matched():
        errors.append("timed out after %.0f s" % args.timeout)
    return errors


def main(argv):
    args = parse_args(argv)
    if args.sendkey_on or args.screen or args.screen_cells or args.tools_run or kcov_out(args):
        tmp = tempfile.mkdtemp(prefix="keel-qemu-", dir="/tmp")  # short: a socket path
        try:
            judge, log, status, timed_out = run(args, os.path.join(tmp, "mon"))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    else:
        judge, log, status, timed_out = run(args)
    errors = verdict(args, judge, status, timed_out)
    print("---- serial output ----")
    print("\n".join(log))
    if errors:
        print("---- failures ----")
        for e in errors:
            print("FAIL: " + e)
        return 1
    print("PASS: %d expectations matched"
          % (len(args.expect) + len(args.screen) + len(args.screen_cells)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
