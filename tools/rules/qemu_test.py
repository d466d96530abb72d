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
"""
import argparse
import os
import re
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
    args = p.parse_args(argv)
    if len(args.send_on) != len(args.send_text) or \
            len(args.sendkey_on) != len(args.sendkey_text):
        p.error("every --send-on/--sendkey-on needs its --send-text/--sendkey-text")
    for text in args.sendkey_text:
        try:
            text_to_keys(unescape(text))
        except ValueError as e:
            p.error("--sendkey-text: %s" % e)
    return args


def qemu_command(args, monitor_path):
    monitor = "unix:%s,server,nowait" % monitor_path if monitor_path else "none"
    return [
        "qemu-system-i386", "-accel", "tcg", "-m", args.memory,
        "-cdrom", args.iso, "-boot", "d",
        "-display", "none", "-serial", "stdio", "-monitor", monitor,
        "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
    ] + args.qemu_arg


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


class Judge:
    """Matches serial lines against the ordered expectations and the forbidden patterns."""

    def __init__(self, expect, forbid):
        self.expect = [re.compile(e) for e in expect]
        self.forbid = [re.compile(f) for f in forbid]
        self.next = 0
        self.errors = []

    def line(self, text):
        for f in self.forbid:
            if f.search(text):
                self.errors.append("forbidden pattern %r matched: %s" % (f.pattern, text))
        if self.next < len(self.expect) and self.expect[self.next].search(text):
            self.next += 1

    def all_matched(self):
        return self.next == len(self.expect)

    def missing(self):
        return [e.pattern for e in self.expect[self.next:]]


class Input:
    """Types into the guest: serial text and monitor keys, each list fired in its own order."""

    def __init__(self, args, monitor_path):
        self.serial = [(re.compile(r), unescape(t).encode("latin-1"))
                       for r, t in zip(args.send_on, args.send_text)]
        self.keys = [(re.compile(r), text_to_keys(unescape(t)))
                     for r, t in zip(args.sendkey_on, args.sendkey_text)]
        self.next_serial = self.next_key = 0
        self.monitor_path, self.monitor = monitor_path, None
        self.stdin = None
        self.errors = []

    def line(self, text, log):
        """Fires the next step of each list whose regex matches this serial line."""
        if self.next_serial < len(self.serial) and self.serial[self.next_serial][0].search(text):
            data = self.serial[self.next_serial][1]
            self.next_serial += 1
            log.append("[qemu_test: serial input %r]" % data.decode("latin-1"))
            self._write_serial(data)
        if self.next_key < len(self.keys) and self.keys[self.next_key][0].search(text):
            keys = self.keys[self.next_key][1]
            self.next_key += 1
            log.append("[qemu_test: sendkey %s]" % " ".join(keys))
            self._send_keys(keys)

    def _write_serial(self, data):
        try:
            os.write(self.stdin.fileno(), data)
        except OSError as e:
            self.errors.append("writing to the guest's serial input failed: %s" % e)

    def _connect(self):
        deadline = time.monotonic() + 5.0
        while self.monitor is None:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.connect(self.monitor_path)
                s.setblocking(False)
                self.monitor = s
            except OSError:
                s.close()
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)  # QEMU creates the socket at start-up; it is up by now

    def _send_keys(self, keys):
        try:
            self._connect()
            for k in keys:
                self.monitor.setblocking(True)
                self.monitor.sendall(("sendkey %s\n" % k).encode())
                self.monitor.setblocking(False)
                self.drain()
        except OSError as e:
            self.errors.append("QEMU monitor at %s: %s" % (self.monitor_path, e))

    def drain(self):
        """Reads and drops the monitor's echo so its socket never fills."""
        try:
            while self.monitor is not None and self.monitor.recv(65536):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            pass

    def close(self):
        if self.monitor is not None:
            self.monitor.close()
            self.monitor = None

    def done(self):
        return self.next_serial == len(self.serial) and self.next_key == len(self.keys)

    def missing(self):
        return ["send on %r" % r.pattern for r, _ in self.serial[self.next_serial:]] + \
            ["sendkey on %r" % r.pattern for r, _ in self.keys[self.next_key:]]


def run(args, monitor_path=None):
    judge, feed = Judge(args.expect, args.forbid), Input(args, monitor_path)
    proc = subprocess.Popen(qemu_command(args, monitor_path),
                            stdin=subprocess.PIPE if feed.serial else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    feed.stdin = proc.stdin
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + args.timeout
    log, pending, timed_out = [], b"", False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        if not sel.select(timeout=min(left, 0.5)):
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for raw in lines:
            text = raw.decode("utf-8", "replace").replace("\r", "")
            log.append(text)
            judge.line(text)
            feed.line(text, log)
        feed.drain()
        if args.exit_code is None and judge.all_matched() and feed.done():
            break
    if pending:
        text = pending.decode("utf-8", "replace")
        log.append(text)
        judge.line(text)
    if proc.poll() is None:
        proc.kill()
    status = proc.wait()
    if proc.stdin is not None:
        proc.stdin.close()
    feed.close()
    judge.errors += feed.errors
    judge.errors += ["input never sent, its line did not appear: %s" % m for m in feed.missing()]
    return judge, log, status, timed_out


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
    if args.sendkey_on:
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
    print("PASS: %d expectations matched" % len(args.expect))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
